//! The outline never invents a fact: on the demo year and on hand-built ledgers,
//! every section is there, every cited win exists, every number in a claim is one
//! the user wrote, gaps are named, and the Forte texts keep to sixty words.

use crate::common::d;
use caliber::ladder::ShortForm;
use caliber::outline::{
    Outline, OutlineFormat, Para, ShortReview, outline_store, render, render_short_review,
    short_review_store,
};
use caliber::{Cycle, ExpectationTag, Store, WinDraft};

const TODAY: &str = "2026-11-20";

fn demo() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    caliber::demo::load_demo(&mut s, d(TODAY)).unwrap();
    s
}

/// Every paragraph of the outline that makes claims.
fn paragraphs(o: &Outline) -> Vec<&Para> {
    let mut out: Vec<&Para> = o.summary.iter().collect();
    out.extend(o.expectations.iter().map(|e| &e.narrative));
    out.extend(o.principles.iter().map(|p| &p.line));
    out.extend(o.growth.iter().map(|g| &g.response));
    out
}

fn check_no_invented_numbers(s: &Store, o: &Outline) {
    // The library's honesty check: the one the feedback plan's drafts run too.
    let allowed = caliber::honesty::evidence_numbers(s).unwrap();
    for p in paragraphs(o) {
        let invented = caliber::honesty::invented_numbers(&p.text, &p.cites, &allowed);
        assert!(
            invented.is_empty(),
            "the numbers {invented:?} are not in the evidence: {}",
            p.text
        );
    }
}

fn check_cites_exist(s: &Store, o: &Outline) {
    let mut cited = 0;
    for p in paragraphs(o) {
        for id in &p.cites {
            assert!(
                s.win(*id).is_ok(),
                "cited win {id} does not exist: {}",
                p.text
            );
            assert!(p.text.contains(&format!("[#{id}]")));
            cited += 1;
        }
    }
    for e in &o.expectations {
        for ev in &e.evidence {
            assert!(s.win(ev.id).is_ok());
        }
    }
    assert!(cited > 0 || o.appendix.is_empty());
}

#[test]
fn the_demo_outline_has_every_section_and_invents_nothing() {
    let s = demo();
    let o = outline_store(&s, d(TODAY)).unwrap();
    assert_eq!(o.summary.len(), 3);
    assert_eq!(o.expectations.len(), 6);
    assert!(!o.principles.is_empty());
    assert!(!o.providers.quotes.is_empty());
    assert!(!o.growth.is_empty());
    assert_eq!(
        o.appendix.len(),
        s.count_wins().unwrap(),
        "every win of the window is in the appendix"
    );
    assert!(
        o.appendix.windows(2).all(|w| w[0].date <= w[1].date),
        "appendix by date"
    );
    for e in &o.expectations {
        assert!(!e.narrative.text.is_empty());
        assert!(e.evidence.len() <= 4);
        if !e.gap {
            assert!(
                e.evidence.len() >= 2,
                "{} has too little evidence shown",
                e.id
            );
        }
    }
    check_cites_exist(&s, &o);
    check_no_invented_numbers(&s, &o);

    let md = String::from_utf8(render(&o, OutlineFormat::Markdown).unwrap()).unwrap();
    for heading in [
        "## 1. Summary",
        "## 2. The expectations of the level",
        "## 3. Leadership principles evidenced",
        "## 4. Feedback providers",
        "## 5. Areas for growth",
        "## 6. Appendix",
    ] {
        assert!(md.contains(heading), "missing {heading}");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&render(&o, OutlineFormat::Json).unwrap()).unwrap();
    assert_eq!(json["expectations"].as_array().unwrap().len(), 6);
}

#[test]
fn an_expectation_without_wins_is_called_a_gap_not_papered_over() {
    let mut s = Store::open_in_memory().unwrap();
    s.set_cycle(&Cycle {
        ladder: "senior-manager".into(),
        current_level: "L6".into(),
        target_level: "L7".into(),
        start: d("2026-01-01"),
        end: d("2026-12-31"),
        target_date: None,
        is_default: false,
    })
    .unwrap();
    for (date, title, metric) in [
        ("2026-03-02", "Launched checkout v2", "conversion +4.2%"),
        ("2026-07-15", "Cut payment latency", "p99 -120ms"),
        (
            "2026-10-01",
            "Shipped refunds self-service",
            "31k refunds/month",
        ),
    ] {
        s.add_win(&WinDraft {
            date: Some(d(date)),
            metric: Some(metric.into()),
            expectations: vec![ExpectationTag {
                id: "team-delivery".into(),
                confirmed: true,
            }],
            ..WinDraft::titled(title)
        })
        .unwrap();
    }
    let o = outline_store(&s, d(TODAY)).unwrap();
    let del = o
        .expectations
        .iter()
        .find(|e| e.id == "delegation")
        .unwrap();
    assert!(del.gap);
    assert!(del.evidence.is_empty());
    assert!(
        del.narrative.text.starts_with("Gap:"),
        "{}",
        del.narrative.text
    );
    assert!(del.narrative.cites.is_empty(), "a gap cites nothing");
    let td = o
        .expectations
        .iter()
        .find(|e| e.id == "team-delivery")
        .unwrap();
    assert!(!td.gap);
    assert!(
        td.narrative.text.contains("I launched checkout v2"),
        "{}",
        td.narrative.text
    );
    assert!(td.narrative.text.contains("p99 -120ms"));
    assert!(
        o.growth.iter().any(|g| g.concern.contains("Delegate")),
        "{:?}",
        o.growth
    );
    check_cites_exist(&s, &o);
    check_no_invented_numbers(&s, &o);
}

#[test]
fn an_empty_ledger_still_gives_a_truthful_outline() {
    let s = Store::open_in_memory().unwrap();
    let o = outline_store(&s, d(TODAY)).unwrap();
    assert!(
        o.expectations
            .iter()
            .all(|e| e.gap && e.evidence.is_empty())
    );
    assert!(o.appendix.is_empty());
    assert!(o.summary.iter().any(|p| p.text.contains("no evidence")));
    check_no_invented_numbers(&s, &o);
}

#[test]
fn forte_texts_respect_the_word_limit_and_cite_real_wins() {
    let s = demo();
    let f = short_review_store(&s, d(TODAY), ShortForm::Forte).unwrap();
    assert_eq!(f.name, "Yearly review (Forte)");
    let headings: Vec<&str> = f.texts.iter().map(|t| t.heading.as_str()).collect();
    assert_eq!(
        headings,
        ["Accomplishments", "Superpowers", "Areas for growth"]
    );
    let accomplishments = &f.texts[0].paras;
    assert!(
        (3..=5).contains(&accomplishments.len()),
        "{}",
        accomplishments.len()
    );
    for t in &f.texts {
        assert_eq!(t.max_words, 60, "{}", t.heading);
        for p in &t.paras {
            let words = p.text.split_whitespace().count();
            assert!(words <= 60, "{words} words: {}", p.text);
            assert!(!p.text.is_empty());
            for id in &p.cites {
                assert!(s.win(*id).is_ok());
            }
        }
    }
    assert!(accomplishments.iter().all(|a| !a.cites.is_empty()));
    // The superpowers never call the floor (delivery every team owes) a strength.
    let floor = caliber::ladder::builtin_ladder("senior-manager")
        .unwrap()
        .expectations
        .iter()
        .find(|e| e.level.as_ref().is_some_and(|l| l.floor))
        .map(|e| caliber::outline::voice::in_my_voice(&e.title))
        .expect("the ladder has a floor");
    assert!(
        !f.texts[1].paras[0].text.contains(&floor),
        "{}",
        f.texts[1].paras[0].text
    );
}

#[test]
fn the_number_check_catches_an_invented_number() {
    let s = demo();
    let mut o = outline_store(&s, d(TODAY)).unwrap();
    o.summary[0]
        .text
        .push_str(" I grew revenue by 987654321 dollars.");
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        check_no_invented_numbers(&s, &o)
    }));
    assert!(caught.is_err(), "an invented number must fail the check");
}

/// The outline and Forte texts as the pure functions make them from the cycle's wins
/// loaded in full: what the store's lighter reads must reproduce exactly.
fn from_full_wins(s: &Store) -> (Outline, ShortReview) {
    let ev = caliber::review::CycleData::load(s).unwrap();
    let review = caliber::review::review(&ev.inputs(d(TODAY)));
    (
        caliber::outline::outline_of_full_wins(&ev, &review),
        caliber::outline::short_review(&ev.ranked().sources(&review), ShortForm::Forte),
    )
}

#[test]
fn the_store_reads_only_what_ranks_yet_gives_the_same_outline_as_the_full_wins() {
    // The demo year, plus wins with every mix of STAR parts, links and principles, so
    // ranking by "has an action or a result" and the evidence's full text both count.
    let mut s = demo();
    for (i, (situation, action, result)) in [
        (None, None, None),
        (Some("Checkout kept failing at peak"), None, None),
        (None, Some("Rebuilt the retry path with the team"), None),
        (None, None, Some("Errors down 38% in a quarter")),
        (
            Some("Two teams, one roadmap"),
            Some("Ran a joint planning week"),
            Some("One roadmap, 2 launches"),
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let mut w = WinDraft::titled(format!("Grew the payments managers, case {i}"));
        w.date = Some(d("2026-10-01"));
        w.situation = situation.map(String::from);
        w.action = action.map(String::from);
        w.result = result.map(String::from);
        w.links = vec![format!("https://wiki.example.com/case-{i}")];
        w.principles = vec!["ownership".into()];
        w.expectations = vec![ExpectationTag {
            id: "hire-develop-managers".into(),
            confirmed: true,
        }];
        s.add_win(&w).unwrap();
    }
    let (outline, forte) = from_full_wins(&s);
    assert_eq!(outline_store(&s, d(TODAY)).unwrap(), outline);
    assert_eq!(
        short_review_store(&s, d(TODAY), ShortForm::Forte).unwrap(),
        forte
    );
    // And the evidence carries the text the wins have, not the ranking's stand-ins.
    let shown: Vec<_> = outline
        .expectations
        .iter()
        .flat_map(|e| e.evidence.iter())
        .collect();
    assert!(
        shown
            .iter()
            .any(|x| x.action.as_deref().is_some_and(|a| !a.is_empty()))
    );
    assert!(shown.iter().any(|x| !x.links.is_empty()));
    for x in shown {
        for part in [&x.situation, &x.action, &x.result] {
            assert_ne!(
                part.as_deref(),
                Some(""),
                "evidence #{} has an empty part",
                x.id
            );
        }
    }
}

#[test]
fn what_ranks_the_evidence_is_its_own_type_that_says_whether_there_is_an_action() {
    let mut s = demo();
    let mut with = WinDraft::titled("Ran the payments planning week with two peer orgs");
    with.date = Some(d("2026-10-02"));
    with.action = Some("Wrote the plan and chaired each session".into());
    let with = s.add_win(&with).unwrap().id;
    let mut without = WinDraft::titled("Shipped the payouts ledger");
    without.date = Some(d("2026-10-03"));
    let without = s.add_win(&without).unwrap().id;
    let ranked = caliber::review::CycleData::load_ranking(&s).unwrap();
    let find = |id| ranked.wins.iter().find(|w| w.id == id).unwrap();
    let (with, without): (&caliber::review::RankedWin, &caliber::review::RankedWin) =
        (find(with), find(without));
    assert!(with.has_action);
    assert!(!without.has_action);
    assert_eq!(
        with.title,
        "Ran the payments planning week with two peer orgs"
    );
}

/// The user's edits of short texts go through the library's Markdown writer, so an
/// edited text is escaped like a generated one, and an edit of a paragraph the
/// texts do not have is refused.
#[test]
fn edited_short_texts_are_written_by_the_library() {
    use caliber::outline::ShortEdit;
    let s = demo();
    let r = short_review_store(&s, d(TODAY), ShortForm::Forte).unwrap();
    let edited = r
        .clone()
        .edited(&[ShortEdit {
            text: 1,
            para: 0,
            value: "Calm *under* fire <b>always</b> | steady [#3].".into(),
        }])
        .unwrap();
    assert_eq!(edited.texts[1].paras[0].cites, vec![3]);
    assert_eq!(edited.texts[0], r.texts[0]);
    let md =
        String::from_utf8(render_short_review(&edited, OutlineFormat::Markdown).unwrap()).unwrap();
    assert!(
        md.contains("## Superpowers\n\nCalm \\*under\\* fire \\<b>always\\</b> \\| steady [#3].\n"),
        "{md}"
    );
    let err = r
        .edited(&[ShortEdit {
            text: 0,
            para: 9,
            value: "x".into(),
        }])
        .unwrap_err();
    assert_eq!(err.kind(), caliber::ErrorKind::InvalidInput);
}
