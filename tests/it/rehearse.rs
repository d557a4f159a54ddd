//! The rehearsal through the real binary: the questions a panel will ask about this
//! case, from the evidence's weak spots, and the answers kept, edited, undone and
//! carried by a backup.

use std::path::Path;

use caliber::model::Setting;
use caliber::{Cycle, ExpectationTag, PersonDraft, PersonRef, Relation, Scope, Store, WinDraft};
use serde_json::Value;

use crate::common::{cal, d, fingerprint, stderr, stdout};

const TODAY: &str = "2026-11-20";

fn person(s: &mut Store, name: &str, relation: Relation, org: &str) {
    s.add_person(&PersonDraft {
        name: name.into(),
        relation: Some(relation),
        org: Some(org.into()),
        notes: None,
        seniority: None,
    })
    .unwrap();
}

struct W<'a> {
    date: &'a str,
    title: &'a str,
    exp: &'a str,
    action: Option<&'a str>,
    metric: Option<&'a str>,
    vouchers: &'a [&'a str],
}

fn win(s: &mut Store, w: W<'_>) -> i64 {
    s.add_win(&WinDraft {
        date: Some(d(w.date)),
        action: w.action.map(Into::into),
        metric: w.metric.map(Into::into),
        scope: Scope::Company,
        expectations: vec![ExpectationTag {
            id: w.exp.into(),
            confirmed: true,
        }],
        people: w
            .vouchers
            .iter()
            .map(|n| PersonRef {
                name: (*n).into(),
                vouches: true,
            })
            .collect(),
        ..WinDraft::titled(w.title)
    })
    .unwrap()
    .id
}

/// A Senior Manager case as of 2026-11-20: the wins the tests ask about, by name.
struct Case {
    old_projection: i64,
    fresh_projection: i64,
    no_action: i64,
    with_action: i64,
}

fn case(db: &Path) -> Case {
    let mut s = Store::open(db).unwrap();
    s.set_cycle(&Cycle {
        ladder: "senior-manager".into(),
        current_level: "L6".into(),
        target_level: "L7".into(),
        start: d("2025-12-01"),
        end: d("2026-11-30"),
        target_date: Some(d("2027-01-15")),
        is_default: false,
    })
    .unwrap();
    s.set_setting(Setting::Org, "Payments").unwrap();
    person(&mut s, "Rae Report", Relation::Report, "Payments");
    person(&mut s, "Pat Partner", Relation::Partner, "Retail");
    let mine = Some("I wrote the proposal, ran the reviews and argued it with the directors");
    let old_projection = win(
        &mut s,
        W {
            date: "2026-06-01",
            title: "Launch review template adopted by four other orgs across the company",
            exp: "cross-org-impact",
            action: mine,
            metric: Some("projected $2M a year saved"),
            vouchers: &["Rae Report"],
        },
    );
    let fresh_projection = win(
        &mut s,
        W {
            date: "2026-10-25",
            title: "Incident review mechanism adopted by three other orgs",
            exp: "cross-org-impact",
            action: mine,
            metric: Some("projected 30% fewer repeat incidents"),
            vouchers: &["Rae Report"],
        },
    );
    // Strategy: every win in the last quarter.
    let no_action = win(
        &mut s,
        W {
            date: "2026-10-01",
            title: "Argued in planning for a bet adopted in the org plan that cost my teams two headcount",
            exp: "strategy",
            action: None,
            metric: Some("2 headcount given up"),
            vouchers: &["Pat Partner"],
        },
    );
    win(
        &mut s,
        W {
            date: "2026-11-10",
            title: "Reorganized two teams to fit the company's direction in the org plan",
            exp: "strategy",
            action: mine,
            metric: None,
            vouchers: &["Pat Partner"],
        },
    );
    // Peer collaboration: spread over the year, vouched for by a partner outside.
    let with_action = win(
        &mut s,
        W {
            date: "2026-02-10",
            title: "Resolved a disagreement with a peer director whose interests differed, by influence",
            exp: "peer-collaboration",
            action: Some(
                "I held the hard conversation with their director and wrote the shared plan",
            ),
            metric: None,
            vouchers: &["Pat Partner"],
        },
    );
    win(
        &mut s,
        W {
            date: "2026-10-10",
            title: "Shared roadmap across orgs agreed with a partner leader after a disagreement",
            exp: "peer-collaboration",
            action: mine,
            metric: None,
            vouchers: &["Pat Partner"],
        },
    );
    // The stories the tests ask about must be ones the review counts at the level.
    let review = caliber::review::review_store(&s, d(TODAY)).unwrap();
    for (exp, id) in [
        ("cross-org-impact", old_projection),
        ("cross-org-impact", fresh_projection),
        ("strategy", no_action),
        ("peer-collaboration", with_action),
    ] {
        let e = review.expectations.iter().find(|e| e.id == exp).unwrap();
        assert!(
            e.win_ids.contains(&id) && !e.below_level.contains(&id),
            "win {id} should be at the level for {exp}: {e:?}"
        );
    }
    Case {
        old_projection,
        fresh_projection,
        no_action,
        with_action,
    }
}

fn rehearse(db: &Path) -> Vec<Value> {
    let a = cal(db)
        .env("CALIBER_TODAY", TODAY)
        .args(["rehearse", "--json"])
        .assert()
        .success();
    let v: Value = serde_json::from_str(&stdout(&a)).unwrap();
    v["questions"].as_array().unwrap().clone()
}

fn ids(qs: &[Value]) -> Vec<String> {
    qs.iter()
        .map(|q| q["id"].as_str().unwrap().to_string())
        .collect()
}

fn question<'a>(qs: &'a [Value], id: &str) -> &'a Value {
    qs.iter()
        .find(|q| q["id"] == id)
        .unwrap_or_else(|| panic!("no question {id} in {:?}", ids(qs)))
}

fn answer_of(db: &Path, id: &str) -> Value {
    question(&rehearse(db), id)["answer"].clone()
}

#[test]
fn a_projected_metric_older_than_ninety_days_is_asked_whether_it_lasted_a_fresh_one_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let c = case(&db);
    let qs = rehearse(&db);
    let id = format!("durability:cross-org-impact:{}", c.old_projection);
    let q = question(&qs, &id);
    assert_eq!(q["expectation"], "cross-org-impact");
    assert_eq!(q["win"], c.old_projection);
    assert!(q["question"].as_str().unwrap().contains("last"), "{q}");
    assert!(q["why"].as_str().unwrap().contains("projected"), "{q}");
    assert_eq!(q["answer"], Value::Null);
    assert!(
        !ids(&qs).contains(&format!(
            "durability:cross-org-impact:{}",
            c.fresh_projection
        )),
        "{:?}",
        ids(&qs)
    );
    // Every question has the documented fields, and nothing else.
    for q in &qs {
        let mut keys: Vec<&String> = q.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(
            keys,
            ["answer", "expectation", "id", "question", "why", "win"],
            "{q}"
        );
    }
}

#[test]
fn an_expectation_whose_wins_all_sit_in_the_last_quarter_is_asked_whether_it_is_sustained() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    case(&db);
    let qs = rehearse(&db);
    let q = question(&qs, "sustained:strategy");
    assert_eq!(q["win"], Value::Null);
    assert!(q["question"].as_str().unwrap().contains("sustained"), "{q}");
    assert!(!ids(&qs).contains(&"sustained:peer-collaboration".to_string()));
    assert!(!ids(&qs).contains(&"sustained:cross-org-impact".to_string()));
}

#[test]
fn a_strong_story_with_no_first_person_action_is_asked_what_was_yours() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let c = case(&db);
    let qs = rehearse(&db);
    let q = question(&qs, &format!("ownership:strategy:{}", c.no_action));
    assert_eq!(q["win"], c.no_action);
    assert!(q["question"].as_str().unwrap().contains("your part"), "{q}");
    assert!(
        !ids(&qs).contains(&format!("ownership:peer-collaboration:{}", c.with_action)),
        "{:?}",
        ids(&qs)
    );
}

#[test]
fn an_expectation_vouched_for_only_inside_the_org_is_asked_who_outside_saw_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    case(&db);
    let qs = rehearse(&db);
    let q = question(&qs, "outside:cross-org-impact");
    assert!(q["question"].as_str().unwrap().contains("outside"), "{q}");
    assert!(!q["win"].is_null(), "names the story: {q}");
    assert!(!ids(&qs).contains(&"outside:peer-collaboration".to_string()));
    // The ladder's own panel questions are there too, and a thin expectation asks why not earlier.
    assert!(
        ids(&qs).iter().any(|i| i.starts_with("panel:")),
        "{:?}",
        ids(&qs)
    );
}

#[test]
fn ids_stay_the_same_when_an_unrelated_win_is_logged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    case(&db);
    let before = ids(&rehearse(&db));
    cal(&db)
        .env("CALIBER_TODAY", TODAY)
        .args([
            "log",
            "Hired a manager from outside",
            "--date",
            "2026-03-03",
            "--expect",
            "hire-develop-managers",
        ])
        .assert()
        .success();
    let after = ids(&rehearse(&db));
    for id in before
        .iter()
        .filter(|i| !i.contains("hire-develop-managers"))
    {
        assert!(
            after.contains(id),
            "{id} lost after an unrelated win: {after:?}"
        );
    }
}

#[test]
fn answers_are_kept_edited_undone_redone_and_survive_export_and_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let c = case(&db);
    let id = format!("durability:cross-org-impact:{}", c.old_projection);
    cal(&db)
        .env("CALIBER_TODAY", TODAY)
        .args([
            "rehearse",
            "answer",
            &id,
            "It did: $2.3M saved over six months, finance confirmed.",
        ])
        .assert()
        .success();
    assert_eq!(
        answer_of(&db, &id),
        "It did: $2.3M saved over six months, finance confirmed."
    );
    cal(&db)
        .env("CALIBER_TODAY", TODAY)
        .args([
            "rehearse",
            "answer",
            &id,
            "$2.3M saved by October, finance confirmed.",
        ])
        .assert()
        .success();
    assert_eq!(
        answer_of(&db, &id),
        "$2.3M saved by October, finance confirmed."
    );

    let a = cal(&db).arg("undo").assert().success();
    assert!(stderr(&a).contains("answer"), "{}", stderr(&a));
    assert_eq!(
        answer_of(&db, &id),
        "It did: $2.3M saved over six months, finance confirmed."
    );
    cal(&db).arg("undo").assert().success();
    assert_eq!(answer_of(&db, &id), Value::Null);
    cal(&db).arg("redo").assert().success();
    cal(&db).arg("redo").assert().success();
    assert_eq!(
        answer_of(&db, &id),
        "$2.3M saved by October, finance confirmed."
    );

    // Export, import into a new file: the answer is still on its question.
    let backup = dir.path().join("backup.json");
    cal(&db)
        .args(["export", "-o"])
        .arg(&backup)
        .assert()
        .success();
    let text = std::fs::read_to_string(&backup).unwrap();
    assert!(
        text.contains("finance confirmed"),
        "the backup holds the answer"
    );
    let other = dir.path().join("other.db");
    cal(&other).arg("import").arg(&backup).assert().success();
    assert_eq!(
        answer_of(&other, &id),
        "$2.3M saved by October, finance confirmed."
    );
    // Undoing the import takes the answer with it.
    cal(&other).arg("undo").assert().success();
    let qs = cal(&other)
        .env("CALIBER_TODAY", TODAY)
        .args(["rehearse", "--json"])
        .assert()
        .success();
    assert!(!stdout(&qs).contains("finance confirmed"));
}

#[test]
fn an_empty_answer_or_an_unknown_question_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let c = case(&db);
    let id = format!("durability:cross-org-impact:{}", c.old_projection);
    let before = fingerprint(&db);
    let a = cal(&db)
        .env("CALIBER_TODAY", TODAY)
        .args(["rehearse", "answer", &id, "   "])
        .assert()
        .code(2);
    assert!(stderr(&a).contains("empty"), "{}", stderr(&a));
    assert_eq!(fingerprint(&db), before);
    let a = cal(&db)
        .env("CALIBER_TODAY", TODAY)
        .args([
            "rehearse",
            "answer",
            "durability:cross-org-impact:9999",
            "It lasted.",
        ])
        .assert()
        .code(3);
    assert!(stderr(&a).contains("caliber rehearse"), "{}", stderr(&a));
    assert_eq!(fingerprint(&db), before);
}

#[test]
fn a_thin_expectation_is_asked_why_not_earlier_or_why_nothing_since() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    case(&db);
    let mut s = Store::open(&db).unwrap();
    win(
        &mut s,
        W {
            date: "2026-03-02",
            title: "Handed the weekly operations review to a manager of mine for good",
            exp: "delegation",
            action: Some("I coached her for a month, then stopped attending"),
            metric: Some("4 hours a week freed"),
            vouchers: &[],
        },
    );
    drop(s);
    let qs = rehearse(&db);
    let q = question(&qs, "earlier:delegation");
    assert!(q["why"].as_str().unwrap().contains("thin"), "{q}");
    assert!(
        q["question"].as_str().unwrap().contains("2026-03-02"),
        "{q}"
    );
    // An expectation with no evidence at all has the ladder's question, not this one.
    assert!(!ids(&qs).contains(&"earlier:hire-develop-managers".to_string()));
}

#[test]
fn early_results_and_first_person_actions_are_read_from_whole_words() {
    use caliber::rehearse::{has_first_person_action, is_early_result};
    for early in [
        "projected $2M a year",
        "Pilot: 12% faster",
        "first week: 300 users",
        "estimated 40 hours saved",
        "on track to 99.9%",
    ] {
        assert!(is_early_result(early), "{early}");
    }
    for measured in [
        "$4.1M saved",
        "first weekend sale: 40%",
        "expectedly 3 teams",
        "35%",
    ] {
        assert!(!is_early_result(measured), "{measured}");
    }
    let mut s = crate::common::store_with_cycle();
    let mut with = |action: Option<&str>| {
        let w = s
            .add_win(&WinDraft {
                action: action.map(Into::into),
                ..WinDraft::titled("Shipped the platform")
            })
            .unwrap();
        has_first_person_action(&w)
    };
    assert!(!with(None));
    assert!(!with(Some("We shipped it as a team")));
    assert!(with(Some("I wrote the plan; we shipped it")));
    assert!(with(Some("Led the design review and cut scope")));
}

#[test]
fn an_answer_imported_into_a_ledger_that_numbers_wins_anew_stays_on_its_story() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let c = case(&db);
    let id = format!("ownership:strategy:{}", c.no_action);
    cal(&db)
        .env("CALIBER_TODAY", TODAY)
        .args([
            "rehearse",
            "answer",
            &id,
            "I wrote the bet and argued it in OP1.",
        ])
        .assert()
        .success();
    let backup = dir.path().join("backup.json");
    cal(&db)
        .args(["export", "-o"])
        .arg(&backup)
        .assert()
        .success();
    // Another ledger with wins of its own: the imported wins get new ids.
    let other = dir.path().join("other.db");
    for title in ["Unrelated one", "Unrelated two", "Unrelated three"] {
        cal(&other)
            .env("CALIBER_TODAY", TODAY)
            .args(["log", title, "--date", "2026-05-05"])
            .assert()
            .success();
    }
    cal(&other).arg("import").arg(&backup).assert().success();
    let qs = rehearse(&other);
    let answered: Vec<&Value> = qs.iter().filter(|q| !q["answer"].is_null()).collect();
    assert_eq!(answered.len(), 1, "{answered:?}");
    let q = answered[0];
    assert_eq!(q["answer"], "I wrote the bet and argued it in OP1.");
    assert_ne!(q["id"], id.as_str(), "the win has a new id in this ledger");
    assert_eq!(
        q["id"],
        format!("ownership:strategy:{}", q["win"]),
        "the answer follows its story: {q}"
    );
}

/// The outline's "Areas for growth" section, as `caliber outline` writes it.
fn growth_section(db: &Path) -> String {
    let a = cal(db)
        .env("CALIBER_TODAY", TODAY)
        .arg("outline")
        .assert()
        .success();
    let md = stdout(&a);
    let start = md.find("## 5.").expect("a growth section");
    let end = md.find("## 6.").expect("an appendix");
    md[start..end].to_string()
}

#[test]
fn answers_to_why_not_earlier_and_is_it_sustained_are_the_candidates_words_in_the_outlines_growth()
{
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let c = case(&db);
    let mut s = Store::open(&db).unwrap();
    win(
        &mut s,
        W {
            date: "2026-03-02",
            title: "Handed the weekly operations review to a manager of mine for good",
            exp: "delegation",
            action: Some("I coached her for a month, then stopped attending"),
            metric: Some("4 hours a week freed"),
            vouchers: &[],
        },
    );
    drop(s);
    let before = growth_section(&db);
    let plan = "I am handing the hiring bar review to Lee this month and will log what I do with the time.";
    let sustained =
        "I argued the same bet in the spring planning round; I am logging those documents now.";
    let mine = "I wrote the bet and argued it in OP1.";
    for (id, text) in [
        ("earlier:delegation".to_string(), plan),
        ("sustained:strategy".to_string(), sustained),
        (format!("ownership:strategy:{}", c.no_action), mine),
    ] {
        cal(&db)
            .env("CALIBER_TODAY", TODAY)
            .args(["rehearse", "answer", &id, text])
            .assert()
            .success();
    }
    let after = growth_section(&db);
    assert!(!before.contains(plan) && !before.contains(sustained));
    assert!(after.contains(plan), "{after}");
    assert!(after.contains(sustained), "{after}");
    // An answer about one story is for the panel, not an area for growth.
    assert!(!after.contains(mine), "{after}");
}
