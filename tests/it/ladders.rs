//! The ladders of the other big companies (Meta M2, Google L7, Microsoft 66): listed
//! beside Amazon's, each with its own document shape, and a cycle switched between
//! them keeps every win and its links.

use crate::common::{cal, text};
use serde_json::Value;

/// The built-in ladders, in the order `caliber ladder list` shows them.
const BUILTIN: [&str; 5] = [
    "senior-manager",
    "first-time-manager",
    "meta-m2",
    "google-l7",
    "microsoft-66",
];

fn json(db: &std::path::Path, args: &[&str]) -> Value {
    let out = cal(db).args(args).arg("--json").assert().success();
    let s = text(&out.get_output().stdout);
    serde_json::from_str(&s).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {s}"))
}

#[test]
fn ladder_list_lists_all_five_builtin_ladders() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = dir.path().join("caliber.db");
    let list = json(&db, &["ladder", "list"]);
    let ids: Vec<&str> = list
        .as_array()
        .expect("a list")
        .iter()
        .map(|l| l["id"].as_str().expect("an id"))
        .collect();
    assert_eq!(ids, BUILTIN);
    let out = cal(&db).args(["ladder", "list"]).assert().success();
    let out = text(&out.get_output().stdout);
    for id in BUILTIN {
        assert!(out.contains(id), "{id} missing from: {out}");
    }
    for id in ["meta-m2", "google-l7", "microsoft-66"] {
        let l = json(&db, &["ladder", "show", id]);
        let exps = l["expectations"].as_array().expect("expectations");
        assert!(
            (5..=7).contains(&exps.len()),
            "{id} has {} expectations",
            exps.len()
        );
        for e in exps {
            let eid = e["id"].as_str().expect("an id");
            assert!(
                caliber::ladder::is_slug(eid),
                "{id}: {eid} is not kebab-case"
            );
            assert!(!e["title"].as_str().unwrap_or("").trim().is_empty());
            assert!(!e["description"].as_str().unwrap_or("").trim().is_empty());
        }
    }
}

/// The expectation ids of the new ladders are fixed once shipped: wins, labelled sets
/// and the switching maps refer to them.
#[test]
fn new_ladders_have_the_fixed_ids() {
    let ids = |id: &str| {
        caliber::ladder::builtin_ladder(id)
            .unwrap_or_else(|| panic!("{id} is built in"))
            .expectation_ids()
            .join(" ")
    };
    assert_eq!(
        ids("meta-m2"),
        "project-impact people scale-through-managers direction engineering-excellence xfn-partnership"
    );
    assert_eq!(
        ids("google-l7"),
        "impact people-development empowerment vision-strategy technical-leadership collaboration citizenship"
    );
    assert_eq!(
        ids("microsoft-66"),
        "deliver-results model-coach-care empower-managers create-clarity contribute-to-others one-microsoft security"
    );
}

const DAY: &str = "2026-11-20";

/// A year of wins of one company's case, as `tests/data/cases_ladders/ID.json` has it.
#[derive(serde::Deserialize)]
struct CaseWin {
    date: String,
    title: String,
    expectations: Vec<String>,
    metric: Option<String>,
    scope: caliber::model::Scope,
    result: Option<String>,
}

/// A database file holding the case of `ladder`: a 2026 cycle on that ladder and
/// its wins, every tag confirmed.
fn case_db(dir: &std::path::Path, ladder: &str) -> std::path::PathBuf {
    let db = dir.join("caliber.db");
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("tests/data/cases_ladders/{ladder}.json")),
    )
    .expect("the case file");
    let wins: Vec<CaseWin> = serde_json::from_str(&text).expect("the case parses");
    assert!((15..=25).contains(&wins.len()), "{ladder}: {}", wins.len());
    let mut s = caliber::Store::open(&db).expect("open");
    let l = caliber::ladder::builtin_ladder(ladder).expect("built in");
    s.set_cycle(&caliber::Cycle {
        ladder: ladder.into(),
        current_level: l.current_level.clone(),
        target_level: l.target_level.clone(),
        start: d("2026-01-01"),
        end: d("2026-12-31"),
        target_date: None,
        is_default: false,
    })
    .expect("set the cycle");
    for w in wins {
        s.add_win(&caliber::WinDraft {
            date: Some(d(&w.date)),
            metric: w.metric,
            result: w.result,
            scope: w.scope,
            expectations: w
                .expectations
                .into_iter()
                .map(|id| caliber::ExpectationTag {
                    id,
                    confirmed: true,
                })
                .collect(),
            ..caliber::WinDraft::titled(w.title)
        })
        .expect("add a win");
    }
    db
}

/// The second-person words of a line: the document speaks as "I".
fn you_words(line: &str) -> bool {
    line.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .any(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "you" | "your" | "yours" | "yourself" | "you're" | "you've"
            )
        })
}

/// Every part of the outline a word limit bounds, with its words.
fn words_by_part(o: &caliber::outline::Outline) -> Vec<(caliber::ladder::Part, usize)> {
    use caliber::ladder::Part;
    use caliber::ladder::word_count as count_words;
    let mut out = vec![(
        Part::Summary,
        o.summary.iter().map(|p| count_words(&p.text)).sum(),
    )];
    for e in &o.expectations {
        out.push((Part::Expectations, count_words(&e.narrative.text)));
    }
    out.push((
        Part::Principles,
        o.principles.iter().map(|p| count_words(&p.line.text)).sum(),
    ));
    out.push((Part::Providers, count_words(&o.providers.summary)));
    out.push((
        Part::Growth,
        o.growth
            .iter()
            .map(|c| count_words(&c.concern) + count_words(&c.response.text))
            .sum(),
    ));
    out
}

fn check_outline_follows_shape(db: &std::path::Path, shape: &caliber::ladder::DocumentShape) {
    let s = caliber::Store::open(db).expect("open");
    let o = caliber::outline::outline_store(&s, d(DAY)).expect("outline");
    // Within every word limit of the shape.
    for (part, words) in words_by_part(&o) {
        if let Some(sec) = shape.sections.iter().find(|x| x.part == part)
            && let Some(max) = sec.max_words
        {
            assert!(
                words <= max,
                "{part:?} has {words} words, over its limit of {max}"
            );
        }
    }
    // No invented figure, every citation a real win.
    let allowed = caliber::honesty::evidence_numbers(&s).expect("numbers");
    let mut paras: Vec<&caliber::outline::Para> = o.summary.iter().collect();
    paras.extend(o.expectations.iter().map(|e| &e.narrative));
    paras.extend(o.growth.iter().map(|g| &g.response));
    let mut cited = 0;
    for p in paras {
        let invented = caliber::honesty::invented_numbers(&p.text, &p.cites, &allowed);
        assert!(invented.is_empty(), "{invented:?} invented in: {}", p.text);
        for id in &p.cites {
            assert!(s.win(*id).is_ok(), "cited win {id} does not exist");
            assert!(p.text.contains(&format!("[#{id}]")), "{}", p.text);
            cited += 1;
        }
    }
    assert!(cited > 0, "the outline cites no win");
    drop(s);
    // The Markdown has the shape's headings, in its order, and speaks as "I".
    let out = cal(db)
        .env("CALIBER_TODAY", DAY)
        .args(["outline"])
        .assert()
        .success();
    let md = text(&out.get_output().stdout);
    let mut at = 0;
    for sec in &shape.sections {
        let h = format!("## {}\n", sec.heading);
        let found = md[at..]
            .find(&h)
            .unwrap_or_else(|| panic!("heading {h:?} missing or out of order in:\n{md}"));
        at += found + h.len();
    }
    let headings = md.lines().filter(|l| l.starts_with("## ")).count();
    assert_eq!(headings, shape.sections.len(), "{md}");
    for line in md.lines().filter(|l| !l.starts_with('>')) {
        assert!(!you_words(line), "not in the first person: {line}");
    }
}

fn d(s: &str) -> chrono::NaiveDate {
    s.parse().expect("a date")
}

#[test]
fn each_company_outline_has_its_headings_word_limits_and_honesty() {
    for id in ["meta-m2", "google-l7", "microsoft-66"] {
        let dir = tempfile::tempdir().expect("a temp dir");
        let db = case_db(dir.path(), id);
        let l = caliber::ladder::builtin_ladder(id).expect("built in");
        let shape = l.document();
        assert!(
            !shape
                .sections
                .iter()
                .any(|s| s.heading.contains("Leadership principles")),
            "{id} is not Amazon"
        );
        assert!(
            shape.sections.iter().any(|s| s.max_words.is_some()),
            "{id} has word limits"
        );
        check_outline_follows_shape(&db, shape);
    }
}

/// Each company's short review texts: the ladder's name and headings in order, each
/// text within its limit and as many accomplishments as the form asks (the case has
/// enough wins), no invented figure, every citation a win it names, and the checker
/// in short review mode finds nothing in Caliber's own Markdown.
#[test]
fn each_company_short_review_has_its_texts_limits_and_honesty() {
    use caliber::ladder::{ShortForm, ShortPart};
    let mut names = Vec::new();
    for id in ["senior-manager", "meta-m2", "google-l7", "microsoft-66"] {
        let dir = tempfile::tempdir().expect("a temp dir");
        let db = if id == "senior-manager" {
            let db = dir.path().join("caliber.db");
            cal(&db)
                .env("CALIBER_TODAY", DAY)
                .arg("demo")
                .assert()
                .success();
            db
        } else {
            case_db(dir.path(), id)
        };
        let l = caliber::ladder::builtin_ladder(id).expect("built in");
        let form = l.short_review();
        names.push(form.name.clone());
        let s = caliber::Store::open(&db).expect("open");
        let r = caliber::outline::short_review_store(&s, d(DAY), ShortForm::Ladder)
            .expect("short review");
        assert_eq!(r.name, form.name);
        let headings: Vec<&str> = r.texts.iter().map(|t| t.heading.as_str()).collect();
        let want: Vec<&str> = form.texts.iter().map(|t| t.heading.as_str()).collect();
        assert_eq!(headings, want, "{id}");
        let allowed = caliber::honesty::evidence_numbers(&s).expect("numbers");
        // A form that looks back some months ("this half") cites only their wins.
        let since = form.period_months.map(|m| d(DAY) - chrono::Months::new(m));
        for (t, shape) in r.texts.iter().zip(&form.texts) {
            if let (Some(since), ShortPart::Accomplishments) = (since, t.part) {
                for p in &t.paras {
                    for c in &p.cites {
                        let date = s.win(*c).expect("cited").date;
                        assert!(date > since, "{id}: win {c} of {date} is before {since}");
                    }
                }
            }
            let n = if t.part == ShortPart::Accomplishments {
                shape.count
            } else {
                1
            };
            assert_eq!(t.paras.len(), n, "{id}: {}", t.heading);
            for p in &t.paras {
                let words = caliber::ladder::word_count(&p.text);
                assert!(
                    (1..=shape.max_words).contains(&words),
                    "{id}: {} has {words} words, limit {}: {}",
                    t.heading,
                    shape.max_words,
                    p.text
                );
                let invented = caliber::honesty::invented_numbers(&p.text, &p.cites, &allowed);
                assert!(invented.is_empty(), "{id}: {invented:?} in {}", p.text);
                for c in &p.cites {
                    assert!(s.win(*c).is_ok(), "{id}: cited win {c} does not exist");
                    assert!(p.text.contains(&format!("[#{c}]")), "{}", p.text);
                }
            }
        }
        drop(s);
        let out = cal(&db)
            .env("CALIBER_TODAY", DAY)
            .args(["outline", "--short-review"])
            .assert()
            .success();
        let md = text(&out.get_output().stdout);
        assert!(md.starts_with(&format!("# {}\n", form.name)), "{md}");
        let draft = dir.path().join("short.md");
        std::fs::write(&draft, &md).expect("write");
        cal(&db)
            .env("CALIBER_TODAY", DAY)
            .args(["check", "--short-review"])
            .arg(&draft)
            .assert()
            .code(0);
        // --forte stays Amazon's on every ladder.
        let out = cal(&db)
            .env("CALIBER_TODAY", DAY)
            .args(["outline", "--forte"])
            .assert()
            .success();
        assert!(text(&out.get_output().stdout).starts_with("# Yearly review (Forte)\n"));
    }
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 4, "each company has its own form: {names:?}");
}

/// The checker holds each text to the limit its heading names: Microsoft's Connect
/// answers allow 80 words where Forte allows 60, and both switches at once are
/// refused.
#[test]
fn the_checker_holds_a_short_text_to_its_headings_limit() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = case_db(dir.path(), "microsoft-66");
    let words = |n: usize| vec!["steady"; n].join(" ");
    let draft = dir.path().join("connect.md");
    std::fs::write(
        &draft,
        format!("# Connect\n\n## Goals ahead\n\n{}.\n", words(70)),
    )
    .expect("write");
    cal(&db)
        .env("CALIBER_TODAY", DAY)
        .args(["check", "--short-review"])
        .arg(&draft)
        .assert()
        .code(0);
    let out = cal(&db)
        .env("CALIBER_TODAY", DAY)
        .args(["check", "--forte"])
        .arg(&draft)
        .assert()
        .code(1);
    let said = text(&out.get_output().stdout);
    assert!(
        said.contains("forte_too_long") && said.contains("cut 10 words"),
        "{said}"
    );
    std::fs::write(
        &draft,
        format!("# Connect\n\n## Goals ahead\n\n{}.\n", words(85)),
    )
    .expect("write");
    let out = cal(&db)
        .env("CALIBER_TODAY", DAY)
        .args(["check", "--short-review"])
        .arg(&draft)
        .assert()
        .code(1);
    assert!(text(&out.get_output().stdout).contains("keeps to 80"));
    cal(&db)
        .args(["outline", "--forte", "--short-review"])
        .assert()
        .code(2);
}

#[test]
fn amazon_outline_keeps_its_six_numbered_sections() {
    let sm = caliber::ladder::builtin_ladder("senior-manager").expect("built in");
    let headings: Vec<&str> = sm
        .document()
        .sections
        .iter()
        .map(|s| s.heading.as_str())
        .collect();
    assert_eq!(
        headings,
        [
            "1. Summary",
            "2. The expectations of the level",
            "3. Leadership principles evidenced",
            "4. Feedback providers",
            "5. Areas for growth / reasons not to promote",
            "6. Appendix: every win in the window"
        ]
    );
    let ftm = caliber::ladder::builtin_ladder("first-time-manager").expect("built in");
    assert_eq!(ftm.document(), sm.document());
}

const CUSTOM: &str = r#"{
  "id": "acme-director",
  "name": "Acme Director",
  "current_level": "Senior Manager",
  "target_level": "Director",
  "expectations": [
    {"id": "results", "title": "Results across the org", "description": "The org delivers."},
    {"id": "leaders", "title": "Leaders grown", "description": "Managers grow."}
  ],
  "document": {
    "name": "Acme promotion form",
    "sections": [
      {"part": "expectations", "heading": "What I delivered", "prompt": "One paragraph per expectation.", "max_words": 25},
      {"part": "summary", "heading": "Why now", "max_words": 30}
    ]
  }
}"#;

#[test]
fn an_imported_ladder_with_its_own_shape_is_followed() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = dir.path().join("caliber.db");
    let file = dir.path().join("acme.json");
    std::fs::write(&file, CUSTOM).expect("write");
    cal(&db)
        .args(["ladder", "import", file.to_str().expect("utf-8")])
        .assert()
        .success();
    cal(&db)
        .args([
            "cycle",
            "set",
            "--ladder",
            "acme-director",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
        ])
        .assert()
        .success();
    for (date, title, e, metric) in [
        (
            "2026-02-10",
            "Shipped the billing rewrite across three teams",
            "results",
            "3 teams",
        ),
        (
            "2026-05-03",
            "Cut support tickets for the org",
            "results",
            "41%",
        ),
        (
            "2026-07-21",
            "Grew Kim into the manager of the payments team",
            "leaders",
            "",
        ),
        (
            "2026-09-14",
            "Hired two managers for the growth teams",
            "leaders",
            "2 managers",
        ),
    ] {
        let mut c = cal(&db);
        c.env("CALIBER_TODAY", DAY)
            .args(["log", title, "--date", date, "-e", e]);
        if !metric.is_empty() {
            c.args(["--metric", metric]);
        }
        c.assert().success();
    }
    let l = caliber::Store::open(&db)
        .expect("open")
        .ladder("acme-director")
        .expect("imported");
    assert_eq!(l.document().name, "Acme promotion form");
    check_outline_follows_shape(&db, l.document());
}

#[test]
fn a_ladder_with_a_bad_shape_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = dir.path().join("caliber.db");
    cal(&db).args(["ladder", "list"]).assert().success();
    let before = crate::common::fingerprint(&db);
    let with = |f: &dyn Fn(&mut Value)| {
        let mut v: Value = serde_json::from_str(CUSTOM).expect("CUSTOM parses");
        f(&mut v);
        v.to_string()
    };
    // A shape with no sections, one with a zero word limit, one with a blank
    // heading: each refused, naming the field.
    for (name, body, field) in [
        (
            "empty.json",
            with(&|v| v["document"]["sections"] = Value::Array(vec![])),
            "document.sections",
        ),
        (
            "zero.json",
            with(&|v| v["document"]["sections"][0]["max_words"] = 0.into()),
            "document.sections[0].max_words",
        ),
        (
            "blank.json",
            with(&|v| v["document"]["sections"][1]["heading"] = "  ".into()),
            "document.sections[1].heading",
        ),
        (
            "short-count.json",
            with(&|v| {
                v["short_review"] = serde_json::json!({"name": "Review", "texts": [
                    {"part": "accomplishments", "heading": "Wins", "max_words": 60, "count": 3},
                    {"part": "strengths", "heading": "Strengths", "max_words": 60, "count": 2}
                ]})
            }),
            "short_review.texts[1].count",
        ),
        (
            "short-period.json",
            with(&|v| {
                v["short_review"] = serde_json::json!({"name": "Review", "period_months": 0, "texts": [
                    {"part": "goals", "heading": "Goals", "max_words": 60}
                ]})
            }),
            "short_review.period_months",
        ),
        (
            "short-asks.json",
            with(&|v| {
                v["short_review"] = serde_json::json!({"name": "Review", "peer_asks": ["Keep doing?", " "], "texts": [
                    {"part": "goals", "heading": "Goals", "max_words": 60}
                ]})
            }),
            "short_review.peer_asks",
        ),
        (
            "short-words.json",
            with(&|v| {
                v["short_review"] = serde_json::json!({"name": "Review", "texts": [
                    {"part": "goals", "heading": "Goals", "max_words": 5}
                ]})
            }),
            "short_review.texts[0].max_words",
        ),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, &body).expect("write");
        let out = cal(&db)
            .args(["ladder", "import", file.to_str().expect("utf-8")])
            .assert()
            .failure()
            .code(2);
        let err = text(&out.get_output().stderr);
        assert!(err.contains(field), "{name}: {err}");
        assert!(err.contains(name), "{name}: {err}");
        assert_eq!(
            crate::common::fingerprint(&db),
            before,
            "{name} changed the database"
        );
    }
}

/// Every expectation link of every win, as (win, expectation, confirmed), sorted.
fn links(db: &std::path::Path) -> Vec<(i64, String, bool)> {
    let conn = rusqlite::Connection::open(db).expect("open");
    let mut st = conn
        .prepare("SELECT win_id, expectation, confirmed FROM win_expectations ORDER BY win_id, expectation")
        .expect("prepare");
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

/// The wins' own rows (title, date, everything but their links), as one text.
fn wins_rows(db: &std::path::Path) -> String {
    let conn = rusqlite::Connection::open(db).expect("open");
    let mut st = conn
        .prepare("SELECT id, date, title, coalesce(metric, ''), scope FROM wins ORDER BY id")
        .expect("prepare");
    let rows: Vec<String> = st
        .query_map([], |r| {
            Ok(format!(
                "{}|{}|{}|{}|{}",
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?
            ))
        })
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    rows.join("\n")
}

#[test]
fn switching_ladders_keeps_wins_carries_confirmed_links_and_switching_back_restores_them() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = dir.path().join("caliber.db");
    let log = |args: &[&str]| {
        cal(&db)
            .env("CALIBER_TODAY", DAY)
            .arg("log")
            .args(args)
            .assert()
            .success();
    };
    log(&[
        "Hired two SDMs for the ledger teams",
        "-e",
        "hire-develop-managers",
    ]);
    log(&[
        "Wrote the org's three-year plan",
        "-e",
        "strategy",
        "-e",
        "team-delivery",
    ]);
    log(&["Handed the ops review to Maya for good", "-e", "delegation"]);
    // Only suggested, never confirmed: it stays as it was.
    log(&["Coached a new manager through her first review cycle"]);
    let wins_before = wins_rows(&db);
    let before = links(&db);
    let confirmed: Vec<&(i64, String, bool)> = before.iter().filter(|l| l.2).collect();
    assert_eq!(confirmed.len(), 4, "{before:?}");

    cal(&db)
        .args(["cycle", "set", "--ladder", "meta-m2"])
        .assert()
        .success();
    assert_eq!(wins_rows(&db), wins_before, "every win kept as it was");
    let on_meta = links(&db);
    // Every old link is still there, unchanged.
    for l in &before {
        assert!(on_meta.contains(l), "{l:?} lost: {on_meta:?}");
    }
    // Confirmed links with a counterpart are now suggestions on the new ladder.
    let added: Vec<(i64, String, bool)> = on_meta
        .iter()
        .filter(|l| !before.contains(l))
        .cloned()
        .collect();
    assert_eq!(
        added,
        vec![
            (1, "people".to_string(), false),
            (2, "direction".to_string(), false),
            (2, "project-impact".to_string(), false),
            (3, "scale-through-managers".to_string(), false),
        ]
    );
    // The list shows them as the new ladder's suggestions.
    let shown = json(&db, &["show", "2"]);
    let suggested: Vec<&str> = shown["suggested"]
        .as_array()
        .expect("suggested")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(suggested.contains(&"direction"), "{shown}");

    // Back to Amazon's: the old links are exactly as they were.
    cal(&db)
        .args(["cycle", "set", "--ladder", "senior-manager"])
        .assert()
        .success();
    assert_eq!(wins_rows(&db), wins_before);
    let back = links(&db);
    let sm = caliber::ladder::builtin_ladder("senior-manager").expect("built in");
    let of_sm = |ls: &[(i64, String, bool)]| -> Vec<(i64, String, bool)> {
        ls.iter()
            .filter(|l| sm.expectation(&l.1).is_some())
            .cloned()
            .collect()
    };
    assert_eq!(of_sm(&back), of_sm(&before));
    assert_eq!(
        of_sm(&before).len(),
        before.len(),
        "all links were Amazon's"
    );
    // Switching again adds nothing twice.
    cal(&db)
        .args(["cycle", "set", "--ladder", "meta-m2"])
        .assert()
        .success();
    assert_eq!(links(&db), on_meta);
}

/// `caliber ladder show` names the ladder's document and short texts with their
/// limits, and where its content came from and when it was last checked.
#[test]
fn ladder_show_names_the_documents_and_the_sources() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = dir.path().join("caliber.db");
    let out = cal(&db)
        .args(["ladder", "show", "meta-m2"])
        .assert()
        .success();
    let said = text(&out.get_output().stdout);
    assert!(
        said.contains(
            "Document (`caliber outline`): Self-review for PSC: Summary of my impact (150 words)"
        ),
        "{said}"
    );
    assert!(
        said.contains("Short texts (`caliber outline --short-review`): Self-review highlights (PSC): Top contributions this half (60 words)"),
        "{said}"
    );
    assert!(
        said.contains("Sources, last checked 2026-12-03: "),
        "{said}"
    );
    let out = cal(&db)
        .args(["ladder", "show", "first-time-manager"])
        .assert()
        .success();
    let said = text(&out.get_output().stdout);
    assert!(
        said.contains("Yearly review (Forte): Accomplishments (60 words)"),
        "{said}"
    );
    assert!(!said.contains("Sources, last checked"), "{said}");
}
