//! The gap review on small hand-built databases: every expectation reported in
//! ladder order, gaps where the evidence is missing, single or old, and strength
//! moving with scope, recency, metrics and vouchers as the method says.

use crate::common::{d, store_with_cycle};
use caliber::review::{Strength, review_store};
use caliber::{Cycle, ExpectationTag, PersonDraft, PersonRef, Relation, Scope, Store, WinDraft};
use chrono::Duration;

const AS_OF: &str = "2026-11-20";

/// A title showing work at the target level for an expectation: these tests are about
/// amount, recency, scope, metrics and vouchers, so the level is held at "at".
fn at_level_title(exp: &str) -> &'static str {
    match exp {
        "hire-develop-managers" => "Hired an engineering manager",
        "delegation" => "Handed the weekly ops review to a manager for good",
        "strategy" => "Argued for a bet the org plan adopted",
        "cross-org-impact" => "Mechanism adopted by other teams",
        "peer-collaboration" => "Resolved a disagreement with a peer leader",
        _ => "My teams shipped the release",
    }
}

fn win(
    s: &mut Store,
    date: &str,
    exp: &str,
    scope: Scope,
    metric: bool,
    voucher: Option<&str>,
) -> i64 {
    s.add_win(&WinDraft {
        date: Some(d(date)),
        expectations: vec![ExpectationTag {
            id: exp.into(),
            confirmed: true,
        }],
        scope,
        metric: metric.then(|| "12%".to_string()),
        people: voucher
            .map(|v| {
                vec![PersonRef {
                    name: v.into(),
                    vouches: true,
                }]
            })
            .unwrap_or_default(),
        ..WinDraft::titled(format!("{} on {date}", at_level_title(exp)))
    })
    .unwrap()
    .id
}

#[test]
fn an_empty_ledger_is_all_gaps_in_ladder_order() {
    let s = store_with_cycle();
    let r = review_store(&s, d(AS_OF)).unwrap();
    let ids: Vec<&str> = r.expectations.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        caliber::ladder::builtin_ladder("senior-manager")
            .unwrap()
            .expectation_ids()
    );
    assert!(
        r.expectations
            .iter()
            .all(|e| e.gap && e.wins == 0 && e.strength == Strength::None)
    );
    assert_eq!(r.gaps.len(), 6);
    assert!(r.gaps.iter().all(|g| !g.next_step.is_empty()));
    assert_eq!(r.readiness.label, "not-yet");
    assert_eq!(r.weeks_left, Some(8));
    let json = serde_json::to_value(&r).unwrap();
    let first = &json["expectations"][0];
    for key in ["id", "wins", "latest", "strength", "gap"] {
        assert!(first.get(key).is_some(), "JSON lacks {key}");
    }
    assert!(first["wins"].is_number() && first["gap"].is_boolean());
}

#[test]
fn how_the_review_is_computed_says_the_weights_it_scores_with() {
    let s = store_with_cycle();
    let r = review_store(&s, d(AS_OF)).unwrap();
    let scoring = caliber::review::scoring::WEIGHTS.describe();
    assert!(
        r.readiness.method.contains(&scoring),
        "the method text no longer says how expectations are scored:\n{}\nwant:\n{scoring}",
        r.readiness.method
    );
}

#[test]
fn a_single_win_is_a_gap_and_several_spread_wins_are_not() {
    let mut s = store_with_cycle();
    win(
        &mut s,
        "2026-10-01",
        "delegation",
        Scope::Team,
        true,
        Some("Ana"),
    );
    for date in ["2026-01-10", "2026-04-10", "2026-07-10", "2026-10-10"] {
        win(&mut s, date, "team-delivery", Scope::Team, false, None);
    }
    let r = review_store(&s, d(AS_OF)).unwrap();
    let get = |id: &str| r.expectations.iter().find(|e| e.id == id).unwrap().clone();
    let del = get("delegation");
    assert!(del.gap, "one win is a gap");
    assert_eq!(del.strength, Strength::Thin);
    assert!(del.summary.contains("single win"), "{}", del.summary);
    let td = get("team-delivery");
    assert!(
        !td.gap,
        "four wins over four quarters stand even without metrics"
    );
    assert_eq!(td.quarters_with_evidence, 4);
    assert!(
        td.summary.contains("no metric") && td.summary.contains("nobody to vouch"),
        "{}",
        td.summary
    );
    assert!(r.gaps.iter().any(|g| g.id == "delegation"));
    assert!(!r.gaps.iter().any(|g| g.id == "team-delivery"));
    // Missing evidence ranks before thin evidence.
    assert_ne!(r.gaps[0].id, "delegation");
}

#[test]
fn only_old_wins_are_a_gap_and_recency_raises_strength() {
    let mut old = store_with_cycle();
    let mut recent = store_with_cycle();
    for (s, dates) in [
        (&mut old, ["2025-12-05", "2026-01-05", "2026-02-05"]),
        (&mut recent, ["2026-09-05", "2026-10-05", "2026-11-05"]),
    ] {
        for date in dates {
            win(s, date, "strategy", Scope::Org, true, Some("Ana"));
        }
    }
    let o = review_store(&old, d(AS_OF)).unwrap().expectations[3].clone();
    let n = review_store(&recent, d(AS_OF)).unwrap().expectations[3].clone();
    assert_eq!(o.id, "strategy");
    assert!(o.gap, "only old wins: gap");
    assert!(o.summary.contains("old"), "{}", o.summary);
    assert!(!n.gap);
    assert!(n.score > o.score, "recent {} vs old {}", n.score, o.score);
}

#[test]
fn wider_scope_metrics_and_vouchers_raise_strength() {
    let dates = ["2026-05-01", "2026-08-01", "2026-11-01"];
    let score = |scope: Scope, metric: bool, voucher: Option<&str>| {
        let mut s = store_with_cycle();
        for date in dates {
            win(&mut s, date, "cross-org-impact", scope, metric, voucher);
        }
        review_store(&s, d(AS_OF)).unwrap().expectations[4].score
    };
    let base = score(Scope::Team, false, None);
    assert!(score(Scope::Company, false, None) > base, "scope");
    assert!(
        score(Scope::Org, false, None) < score(Scope::Company, false, None),
        "company beats org"
    );
    assert!(score(Scope::Team, true, None) > base, "metric");
    assert!(score(Scope::Team, false, Some("Ana")) > base, "voucher");
}

#[test]
fn suggested_tags_count_but_are_reported_apart() {
    let mut s = store_with_cycle();
    for date in ["2026-06-01", "2026-09-01"] {
        s.add_win(&WinDraft {
            date: Some(d(date)),
            expectations: vec![ExpectationTag {
                id: "strategy".into(),
                confirmed: false,
            }],
            ..WinDraft::titled("Vision doc")
        })
        .unwrap();
    }
    let r = review_store(&s, d(AS_OF)).unwrap();
    let st = &r.expectations[3];
    assert_eq!((st.wins, st.confirmed, st.suggested), (2, 0, 2));
    assert!(st.summary.contains("suggested"), "{}", st.summary);
    assert_eq!(r.unconfirmed, 2);
}

#[test]
fn a_case_built_in_the_last_weeks_is_flagged() {
    let mut s = store_with_cycle();
    let as_of = d(AS_OF);
    for i in 0..6 {
        let date = (as_of - Duration::days(3 * i))
            .format("%Y-%m-%d")
            .to_string();
        win(&mut s, &date, "team-delivery", Scope::Team, true, None);
    }
    win(
        &mut s,
        "2026-02-01",
        "team-delivery",
        Scope::Team,
        true,
        None,
    );
    let r = review_store(&s, as_of).unwrap();
    let w = r.sustained.warning.expect("a warning");
    assert!(w.contains("6 of your 7"), "{w}");
}

#[test]
fn feedback_providers_counted_with_outside_org_and_unvouched_expectations() {
    let mut s = store_with_cycle();
    for (name, relation, org) in [
        ("Ana", Relation::Report, "Payments"),
        ("Ben", Relation::Report, "Payments"),
        ("Cy", Relation::Peer, "Risk"),
        ("Di", Relation::SkipLevelManager, "Payments"),
    ] {
        s.add_person(&PersonDraft {
            name: name.into(),
            relation: Some(relation),
            org: Some(org.into()),
            notes: None,
            ..Default::default()
        })
        .unwrap();
    }
    win(
        &mut s,
        "2026-06-01",
        "peer-collaboration",
        Scope::Org,
        true,
        Some("Cy"),
    );
    win(
        &mut s,
        "2026-09-01",
        "peer-collaboration",
        Scope::Org,
        true,
        Some("Di"),
    );
    win(&mut s, "2026-09-01", "strategy", Scope::Org, true, None);
    win(&mut s, "2026-10-01", "strategy", Scope::Org, true, None);
    let r = review_store(&s, d(AS_OF)).unwrap();
    assert_eq!(r.providers.count, 2);
    assert_eq!(
        r.providers.outside_org, 1,
        "Cy is in Risk; the user's org is guessed from the reports: Payments"
    );
    assert_eq!(r.providers.unvouched, vec!["strategy"]);
    assert!(
        r.providers.summary.contains("at least 4"),
        "{}",
        r.providers.summary
    );
}

/// The review of a store reads only the facts of each win (`Store::win_facts`); it
/// must say exactly what the review over the full wins says, including with a
/// deleted person, a deleted win, wins outside the window, a tag of another ladder,
/// suggested-only tags and several people on one win.
#[test]
fn the_review_from_facts_equals_the_review_from_full_wins() {
    use caliber::review::review;
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("caliber.db")).unwrap();
    let today = d("2026-03-10");
    caliber::demo::load_demo(&mut s, today).unwrap();
    let people = s.list_people().unwrap();
    let extra = |s: &mut Store, date: &str, tags: Vec<(&str, bool)>, names: &[(&str, bool)]| {
        s.add_win(&WinDraft {
            date: Some(d(date)),
            expectations: tags
                .into_iter()
                .map(|(id, confirmed)| ExpectationTag {
                    id: id.into(),
                    confirmed,
                })
                .collect(),
            scope: Scope::Company,
            people: names
                .iter()
                .map(|&(n, vouches)| PersonRef {
                    name: n.into(),
                    vouches,
                })
                .collect(),
            ..WinDraft::titled(format!("Extra on {date}"))
        })
        .unwrap()
        .id
    };
    let many = [
        ("Quinn Newcomer", false),
        (people[3].name.as_str(), false),
        (people[0].name.as_str(), true),
        (people[7].name.as_str(), false),
    ];
    extra(&mut s, "2026-02-01", vec![("delegation", false)], &many);
    extra(
        &mut s,
        "2026-01-15",
        vec![("strategy", false), ("delegation", false)],
        &many[..1],
    );
    extra(&mut s, "2020-05-05", vec![("delegation", true)], &many);
    let gone = extra(&mut s, "2026-02-20", vec![("delegation", true)], &many);
    // A win tagged while the cycle was on another ladder.
    let cycle = s.cycle().unwrap();
    s.set_cycle(&Cycle {
        ladder: "first-time-manager".into(),
        ..cycle.clone()
    })
    .unwrap();
    extra(&mut s, "2026-02-03", vec![("coaching", false)], &many[1..]);
    s.set_cycle(&cycle).unwrap();
    s.delete_win(gone).unwrap();
    s.delete_person(people[0].id).unwrap();

    let full = facts_equal_full_wins(&s);
    assert!(full.wins.len() > 40, "{}", full.wins.len());
    assert!(
        full.wins.iter().any(|w| w.people.len() == 2),
        "the deleted person is gone from wins"
    );
    let from_facts = review_store(&s, today).unwrap();
    let from_wins = review(&full.inputs(today));
    assert_eq!(from_facts, from_wins);
    assert!(from_facts.unconfirmed >= 2, "{}", from_facts.unconfirmed);
    assert!(
        from_facts
            .providers
            .ask
            .contains(&"Quinn Newcomer".to_string()),
        "{:?}",
        from_facts.providers.ask
    );
}

/// The cycle's wins as facts and in full: the same wins in the same order, with
/// the same facts. Returns the full ones.
fn facts_equal_full_wins(s: &Store) -> caliber::review::CycleData {
    use caliber::review::{CycleData, Reviewable};
    let facts = CycleData::load_facts(s).unwrap();
    let full = CycleData::load(s).unwrap();
    assert_eq!(facts.wins.len(), full.wins.len());
    for (f, w) in facts.wins.iter().zip(&full.wins) {
        assert_eq!(
            (f.id, f.date, f.scope, f.has_metric),
            (w.id, w.date, w.scope, w.metric.is_some())
        );
        assert_eq!(f.named().collect::<Vec<_>>(), w.named().collect::<Vec<_>>());
        assert_eq!(f.only_suggested(), Reviewable::only_suggested(w));
        assert_eq!(f.tags.len(), w.expectations.len());
        for t in &w.expectations {
            assert_eq!(f.tag(&t.id), Some(t.confirmed));
        }
    }
    full
}

/// The facts of a cycle whose wins are scattered among many wins outside it (their
/// ids far apart: each win's parts are looked up, not a range of them) and of one
/// whose wins are close together (a range of parts read, other wins' rows in it
/// left out) are the facts of the full wins.
#[test]
fn facts_equal_full_wins_when_the_ids_are_scattered_or_close() {
    let mut s = store_with_cycle();
    let tags = ["delegation", "strategy", "team-delivery"];
    let add = |s: &mut Store, i: usize, date: &str| {
        s.add_win(&WinDraft {
            date: Some(d(date)),
            expectations: (0..=i % 3)
                .map(|t| ExpectationTag {
                    id: tags[(i + t) % 3].into(),
                    confirmed: i % 2 == 0,
                })
                .collect(),
            people: (0..i % 4)
                .map(|p| PersonRef {
                    name: format!("Person {}", (i + p) % 7),
                    vouches: p % 2 == 1,
                })
                .collect(),
            metric: (i % 5 == 0).then(|| "40%".into()),
            ..WinDraft::titled(format!("Shipped part {i} of the plan"))
        })
        .unwrap();
    };
    // Scattered: one win in the cycle for every five before it.
    for i in 0..24 {
        add(&mut s, i, "2026-03-02");
        for k in 1..=5 {
            add(&mut s, i * 10 + k, "2024-02-01");
        }
    }
    let scattered = facts_equal_full_wins(&s);
    assert_eq!(scattered.wins.len(), 24);
    let ids: Vec<i64> = scattered.wins.iter().map(|w| w.id).collect();
    let span = ids.iter().max().unwrap() - ids.iter().min().unwrap();
    assert!(span > 3 * 24, "the ids are scattered: {span}");
    // Close: many more wins in the cycle, a few outside among them.
    for i in 0..120 {
        let date = if i % 6 == 5 {
            "2024-02-01"
        } else {
            "2026-04-01"
        };
        add(&mut s, i, date);
    }
    let close = facts_equal_full_wins(&s);
    assert_eq!(close.wins.len(), 24 + 100);
    let ids: Vec<i64> = close.wins.iter().map(|w| w.id).collect();
    let span = ids.iter().max().unwrap() - ids.iter().min().unwrap();
    assert!(span <= 3 * 124, "the ids are close together: {span}");
    assert!(
        close
            .wins
            .iter()
            .any(|w| w.people.len() == 3 && w.expectations.len() == 3)
    );
    let person = s.list_people().unwrap()[2].id;
    s.delete_person(person).unwrap();
    facts_equal_full_wins(&s);
}
