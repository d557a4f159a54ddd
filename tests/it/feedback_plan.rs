//! The feedback plan: on the demo year and on a sponsor's case built by hand, the
//! providers cover every expectation someone can speak to, bring the voices a panel
//! wants (senior, outside the org, a peer who disagreed, a report who manages),
//! never include a deleted person, and their drafted requests cite only wins they
//! are named on and no figure the evidence does not hold. Asking, answering,
//! waiting and undoing an ask go through the real binary.

use crate::common::{cal, d, fingerprint, stderr, stdout};
use caliber::feedback_plan::{AskStatus, FeedbackPlan, Voice, plan_store};
use caliber::honesty::{evidence_numbers, invented_numbers};
use caliber::{
    ExpectationTag, PersonDraft, PersonRef, Relation, Seniority, Store, WinDraft, WinFilter,
};
use std::collections::BTreeSet;
use std::path::Path;

const TODAY: &str = "2026-11-20";

fn demo() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    caliber::demo::load_demo(&mut s, d(TODAY)).unwrap();
    s
}

/// The expectations someone other than the user's manager saw a win of, in the
/// window: what the plan must cover. Computed from the wins, not from the plan.
fn speakable(s: &Store) -> BTreeSet<String> {
    let cycle = s.cycle().unwrap();
    let live: BTreeSet<i64> = s.list_people().unwrap().iter().map(|p| p.id).collect();
    let mut out = BTreeSet::new();
    for w in s.list_wins(&WinFilter::default()).unwrap() {
        if !cycle.contains(w.date) {
            continue;
        }
        let someone = w.people.iter().any(|p| {
            live.contains(&p.person_id)
                && s.person(p.person_id).unwrap().relation != Some(Relation::Manager)
        });
        if someone {
            out.extend(w.expectations.iter().map(|t| t.id.clone()));
        }
    }
    out
}

/// What every plan must hold, whatever the ledger: coverage, the honesty of each
/// draft, and no deleted or unlinked person.
fn check_plan(s: &Store, plan: &FeedbackPlan) {
    let ladder = s.current_ladder().unwrap();
    let can = speakable(s);
    let covered: BTreeSet<String> = plan
        .providers
        .iter()
        .flat_map(|p| p.expectations.iter().cloned())
        .collect();
    for e in &ladder.expectations {
        if can.contains(&e.id) {
            assert!(covered.contains(&e.id), "{} is not covered", e.id);
            assert!(!plan.uncovered.contains(&e.id));
        } else {
            assert!(plan.uncovered.contains(&e.id), "{} is not said", e.id);
        }
    }
    let allowed = evidence_numbers(s).unwrap();
    let live = s.list_people().unwrap();
    for p in &plan.providers {
        let person = live
            .iter()
            .find(|x| x.name == p.person)
            .unwrap_or_else(|| panic!("{} is not a live person", p.person));
        assert_ne!(person.relation, Some(Relation::Manager));
        assert!(!p.wins.is_empty() || p.status != AskStatus::Planned);
        for id in &p.wins {
            let w = s.win(*id).unwrap();
            assert!(
                w.people.iter().any(|x| x.person_id == person.id),
                "{} is not named on win {id}",
                p.person
            );
            assert!(p.request.contains(&format!("[#{id}]")));
            assert!(p.request.contains(&w.title));
            if let Some(m) = &w.metric {
                assert!(p.request.contains(m.as_str()));
            }
        }
        // Every citation in the draft is one of the wins listed for them.
        for part in p.request.split("[#").skip(1) {
            let id: i64 = part.split(']').next().unwrap().parse().unwrap();
            assert!(p.wins.contains(&id), "{} cites win {id}", p.person);
        }
        let invented = invented_numbers(&p.request, &p.wins, &allowed);
        assert!(invented.is_empty(), "{invented:?} in {}", p.request);
        assert!(p.request.contains("superpower") && p.request.contains("growth area"));
    }
}

#[test]
fn the_demo_plan_covers_what_can_be_covered_with_the_voices_a_panel_wants() {
    let s = demo();
    let plan = plan_store(&s, d(TODAY)).unwrap();
    check_plan(&s, &plan);
    assert!(plan.providers.len() >= caliber::people::PROVIDERS_WANTED);
    assert!(plan.providers.iter().any(|p| p.outside_org));
    for v in [
        Voice::Senior,
        Voice::OutsideOrg,
        Voice::DifferingInterests,
        Voice::ManagingReport,
    ] {
        assert!(
            plan.providers.iter().any(|p| p.voices.contains(&v)),
            "no provider is {}",
            v.words()
        );
    }
    // The demo's manager writes the case: never asked.
    assert!(plan.providers.iter().all(|p| p.person != "Sofia Marchetti"));
}

/// A sponsor's case: a skip-level who saw a launch, a peer in another org who
/// disagreed and settled, a report who now manages, a partner who was deleted,
/// a strategy win only the manager saw, and delegation resting on one win.
fn sponsor_case(s: &mut Store) {
    let people = [
        ("Dana Skip", Relation::SkipLevelManager, "Retail", None),
        ("Lee Peer", Relation::Peer, "Search", None),
        (
            "Rui Report",
            Relation::Report,
            "Retail",
            Some("SDM of Cart"),
        ),
        ("Pat Gone", Relation::Partner, "Legal", None),
        ("Max Boss", Relation::Manager, "Retail", None),
        ("Ivy Ic", Relation::Report, "Retail", None),
    ];
    for (name, relation, org, notes) in people {
        s.add_person(&PersonDraft {
            name: name.into(),
            relation: Some(relation),
            org: Some(org.into()),
            notes: notes.map(str::to_string),
            seniority: (relation == Relation::Peer).then_some(Seniority::Below),
        })
        .unwrap();
    }
    let win =
        |title: &str, date: &str, metric: Option<&str>, who: &[&str], tags: &[&str]| WinDraft {
            date: Some(d(date)),
            metric: metric.map(str::to_string),
            people: who
                .iter()
                .map(|n| PersonRef {
                    name: n.to_string(),
                    vouches: true,
                })
                .collect(),
            expectations: tags
                .iter()
                .map(|t| ExpectationTag {
                    id: t.to_string(),
                    confirmed: true,
                })
                .collect(),
            ..WinDraft::titled(title)
        };
    for w in [
        win(
            "Launched cart v2 across 3 teams",
            "2026-03-02",
            Some("checkout errors -41%"),
            &["Dana Skip", "Rui Report"],
            &["team-delivery"],
        ),
        win(
            "Disagreed with Lee on search ranking ownership; settled on a shared roadmap",
            "2026-05-10",
            None,
            &["Lee Peer"],
            &["peer-collaboration"],
        ),
        win(
            "Grew Rui from senior engineer into the SDM of Cart",
            "2026-06-01",
            Some("1 new manager"),
            &["Rui Report"],
            &["hire-develop-managers"],
        ),
        win(
            "Handed the weekly ops review to Rui for good",
            "2026-07-01",
            Some("2 hours a week"),
            &["Rui Report", "Pat Gone"],
            &["delegation"],
        ),
        win(
            "Argued for giving 2 headcount to Search in planning",
            "2026-08-01",
            None,
            &["Max Boss"],
            &["strategy"],
        ),
        win(
            "Contract review template adopted by Legal for 9 teams",
            "2026-09-01",
            Some("9 teams"),
            &["Pat Gone", "Lee Peer", "Ivy Ic"],
            &["cross-org-impact"],
        ),
    ] {
        s.add_win(&w).unwrap();
    }
    let pat = s.find_person("Pat Gone").unwrap().0.id;
    s.delete_person(pat).unwrap();
}

#[test]
fn a_sponsors_case_gets_the_mix_says_what_is_uncovered_and_skips_the_deleted() {
    let mut s = crate::common::store_with_cycle();
    sponsor_case(&mut s);
    let plan = plan_store(&s, d(TODAY)).unwrap();
    check_plan(&s, &plan);
    let names: Vec<&str> = plan.providers.iter().map(|p| p.person.as_str()).collect();
    assert!(!names.contains(&"Pat Gone"), "a deleted person: {names:?}");
    assert!(!names.contains(&"Max Boss"), "the manager: {names:?}");
    for n in ["Dana Skip", "Lee Peer", "Rui Report"] {
        assert!(names.contains(&n), "{n} missing from {names:?}");
    }
    let lee = plan
        .providers
        .iter()
        .find(|p| p.person == "Lee Peer")
        .unwrap();
    assert!(lee.outside_org);
    assert!(lee.voices.contains(&Voice::DifferingInterests));
    let rui = plan
        .providers
        .iter()
        .find(|p| p.person == "Rui Report")
        .unwrap();
    assert!(rui.voices.contains(&Voice::ManagingReport));
    assert!(!rui.outside_org);
    // Only the manager saw the strategy win: nobody to ask, and who saw it is said.
    assert_eq!(plan.uncovered, vec!["strategy".to_string()]);
    assert_eq!(
        plan.could,
        vec![("strategy".to_string(), vec!["Max Boss".to_string()])]
    );
    // Delegation rests on one win, which Rui saw (Pat, deleted, is not named).
    let thin = plan
        .thin
        .iter()
        .find(|t| t.expectation == "delegation")
        .unwrap();
    assert_eq!(thin.people, vec!["Rui Report".to_string()]);
    // The draft to Dana lists the launch with its metric and its date.
    let dana = plan
        .providers
        .iter()
        .find(|p| p.person == "Dana Skip")
        .unwrap();
    assert!(
        dana.request
            .contains("- 2026-03-02: Launched cart v2 across 3 teams (checkout errors -41%)"),
        "{}",
        dana.request
    );
    assert_eq!(dana.status, AskStatus::Planned);
}

#[test]
fn an_invented_figure_in_a_draft_is_caught() {
    let s = demo();
    let plan = plan_store(&s, d(TODAY)).unwrap();
    let allowed = evidence_numbers(&s).unwrap();
    let p = &plan.providers[0];
    assert!(invented_numbers(&p.request, &p.wins, &allowed).is_empty());
    let lie = format!("{} It grew revenue by 987654321 dollars.", p.request);
    assert_eq!(
        invented_numbers(&lie, &p.wins, &allowed),
        vec!["987654321".to_string()]
    );
    // A citation of a win the draft does not list is not waved through as an id.
    let cite = format!("{} [#987654321]", p.request);
    assert!(!invented_numbers(&cite, &p.wins, &allowed).is_empty());
}

/// A database file holding the sponsor's case, for the binary.
fn case_file(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("case.db");
    let mut s = Store::open(&db).unwrap();
    s.set_cycle(&caliber::Cycle {
        ladder: "senior-manager".into(),
        current_level: "L6".into(),
        target_level: "L7".into(),
        start: d("2025-12-01"),
        end: d("2026-11-30"),
        target_date: Some(d("2027-01-15")),
        is_default: false,
    })
    .unwrap();
    sponsor_case(&mut s);
    db
}

fn plan_json(db: &Path, today: &str) -> serde_json::Value {
    let a = cal(db)
        .env("CALIBER_TODAY", today)
        .args(["--json", "feedback", "plan"])
        .assert()
        .success();
    serde_json::from_str(&stdout(&a)).unwrap()
}

fn provider<'a>(plan: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    plan["providers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["person"] == name)
        .unwrap_or_else(|| panic!("{name} is not in {plan}"))
}

#[test]
fn the_json_has_exactly_the_issues_fields() {
    let dir = tempfile::tempdir().unwrap();
    let db = case_file(dir.path());
    let plan = plan_json(&db, TODAY);
    let keys: BTreeSet<&str> = plan
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    assert_eq!(keys, BTreeSet::from(["providers", "uncovered"]));
    let p = provider(&plan, "Lee Peer");
    let keys: BTreeSet<&str> = p.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    assert_eq!(
        keys,
        BTreeSet::from([
            "person",
            "relation",
            "org",
            "outside_org",
            "expectations",
            "wins",
            "request",
            "status",
            "asked_on"
        ])
    );
    assert_eq!(p["relation"], "peer");
    assert_eq!(p["org"], "Search");
    assert_eq!(p["outside_org"], true);
    assert_eq!(p["status"], "planned");
    assert!(p["asked_on"].is_null());
    assert_eq!(plan["uncovered"], serde_json::json!(["strategy"]));
}

#[test]
fn asked_then_waiting_then_received() {
    let dir = tempfile::tempdir().unwrap();
    let db = case_file(dir.path());
    cal(&db)
        .args(["feedback", "ask", "Lee Peer", "--date", "2026-11-01"])
        .assert()
        .success();
    let plan = plan_json(&db, "2026-11-10");
    assert_eq!(provider(&plan, "Lee Peer")["status"], "asked");
    assert_eq!(provider(&plan, "Lee Peer")["asked_on"], "2026-11-01");
    assert_eq!(provider(&plan, "Dana Skip")["status"], "planned");
    // Nine days: not waiting yet.
    let a = cal(&db)
        .env("CALIBER_TODAY", "2026-11-10")
        .args(["feedback", "plan"])
        .assert()
        .success();
    assert!(!stdout(&a).contains("waiting"), "{}", stdout(&a));
    // Sixteen days without an answer: waiting, and said so.
    let a = cal(&db)
        .env("CALIBER_TODAY", "2026-11-17")
        .args(["feedback", "plan"])
        .assert()
        .success();
    let out = stdout(&a);
    assert!(out.contains("asked on 2026-11-01, waiting"), "{out}");
    assert!(
        out.contains("Waiting for more than fourteen days: Lee Peer."),
        "{out}"
    );
    let s = Store::open(&db).unwrap();
    let plan = plan_store(&s, d("2026-11-17")).unwrap();
    assert_eq!(plan.waiting(), vec!["Lee Peer".to_string()]);
    drop(s);
    // Their answer marks them received, and no longer waiting.
    cal(&db)
        .args([
            "feedback",
            "add",
            "Lee Peer",
            "Settles hard questions across orgs.",
            "--date",
            "2026-11-18",
        ])
        .assert()
        .success();
    let plan = plan_json(&db, "2026-11-20");
    assert_eq!(provider(&plan, "Lee Peer")["status"], "received");
    assert_eq!(provider(&plan, "Lee Peer")["asked_on"], "2026-11-01");
}

#[test]
fn feedback_from_before_the_ask_does_not_count_as_the_answer() {
    let dir = tempfile::tempdir().unwrap();
    let db = case_file(dir.path());
    cal(&db)
        .args([
            "feedback",
            "add",
            "Dana Skip",
            "Strong launch.",
            "--date",
            "2026-03-05",
        ])
        .assert()
        .success();
    assert_eq!(
        provider(&plan_json(&db, TODAY), "Dana Skip")["status"],
        "received"
    );
    cal(&db)
        .args(["feedback", "ask", "Dana Skip", "--date", "2026-11-02"])
        .assert()
        .success();
    assert_eq!(
        provider(&plan_json(&db, TODAY), "Dana Skip")["status"],
        "asked"
    );
}

#[test]
fn an_ask_is_one_undoable_step() {
    let dir = tempfile::tempdir().unwrap();
    let db = case_file(dir.path());
    cal(&db)
        .args(["feedback", "ask", "Lee Peer", "--date", "2026-11-01"])
        .assert()
        .success();
    let before = fingerprint(&db);
    cal(&db)
        .args(["feedback", "ask", "Lee", "--date", "2026-11-05"])
        .assert()
        .success();
    assert_eq!(
        provider(&plan_json(&db, TODAY), "Lee Peer")["asked_on"],
        "2026-11-05"
    );
    let a = cal(&db).arg("undo").assert().success();
    assert!(stderr(&a).contains("Lee Peer"), "{}", stderr(&a));
    assert_eq!(
        provider(&plan_json(&db, TODAY), "Lee Peer")["asked_on"],
        "2026-11-01"
    );
    cal(&db).arg("undo").assert().success();
    let p = plan_json(&db, TODAY);
    assert_eq!(provider(&p, "Lee Peer")["status"], "planned");
    assert!(provider(&p, "Lee Peer")["asked_on"].is_null());
    cal(&db).arg("redo").assert().success();
    assert_eq!(
        provider(&plan_json(&db, TODAY), "Lee Peer")["asked_on"],
        "2026-11-01"
    );
    // Asking again on the same day changes nothing and records nothing.
    let now = fingerprint(&db);
    cal(&db)
        .args(["feedback", "ask", "Lee Peer", "--date", "2026-11-01"])
        .assert()
        .success();
    assert_eq!(fingerprint(&db), now);
    assert_ne!(before, now, "the undo journal moved");
}

#[test]
fn a_bad_ask_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = case_file(dir.path());
    let before = fingerprint(&db);
    let a = cal(&db)
        .args(["feedback", "ask", "Nobody Known"])
        .assert()
        .code(3);
    assert!(
        stderr(&a).contains("nobody called 'Nobody Known'"),
        "{}",
        stderr(&a)
    );
    let a = cal(&db)
        .args(["feedback", "ask", "Lee Peer", "--date", "2026-13-01"])
        .assert()
        .code(2);
    assert!(stderr(&a).contains("2026-13-01"), "{}", stderr(&a));
    assert!(stderr(&a).contains("YYYY-MM-DD"), "{}", stderr(&a));
    // A deleted person cannot be asked either.
    cal(&db)
        .args(["feedback", "ask", "Pat Gone"])
        .assert()
        .code(3);
    assert_eq!(fingerprint(&db), before);
}

#[test]
fn asks_survive_a_backup_round_trip_and_older_backups_still_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = case_file(dir.path());
    cal(&db)
        .args(["feedback", "ask", "Lee Peer", "--date", "2026-11-01"])
        .assert()
        .success();
    let file = dir.path().join("backup.json");
    cal(&db)
        .args(["export", "-o"])
        .arg(&file)
        .assert()
        .success();
    let fresh = dir.path().join("fresh.db");
    cal(&fresh).arg("import").arg(&file).assert().success();
    let lee = provider(&plan_json(&fresh, TODAY), "Lee Peer").clone();
    assert_eq!(lee["status"], "asked");
    assert_eq!(lee["asked_on"], "2026-11-01");
    // A backup written before asks were kept has no `asks`: it still imports.
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert!(doc["records"]["asks"].is_array(), "{}", doc["records"]);
    doc["records"].as_object_mut().unwrap().remove("asks");
    let old = dir.path().join("old.json");
    std::fs::write(&old, doc.to_string()).unwrap();
    let older = dir.path().join("older.db");
    cal(&older).arg("import").arg(&old).assert().success();
    assert_eq!(
        provider(&plan_json(&older, TODAY), "Lee Peer")["status"],
        "planned"
    );
}

#[test]
fn the_weekly_reminder_names_who_is_waiting() {
    let mut s = crate::common::store_with_cycle();
    sponsor_case(&mut s);
    let lee = s.find_person("Lee Peer").unwrap().0.id;
    s.ask_feedback(lee, d("2026-11-01")).unwrap();
    let early = caliber::reminder::weekly_message(&s, d("2026-11-10")).unwrap();
    assert!(!early.contains("Lee Peer"), "{early}");
    let late = caliber::reminder::weekly_message(&s, d("2026-11-17")).unwrap();
    assert!(late.starts_with("Log this week's wins"), "{late}");
    assert!(late.contains("Lee Peer"), "{late}");
}

#[test]
fn one_person_who_saw_every_expectation_is_asked_about_each() {
    let mut s = crate::common::store_with_cycle();
    s.add_person(&PersonDraft {
        name: "Wide Witness".into(),
        relation: Some(Relation::Partner),
        org: Some("Elsewhere".into()),
        ..PersonDraft::default()
    })
    .unwrap();
    let ladder = s.current_ladder().unwrap();
    for (n, e) in ladder.expectations.iter().enumerate() {
        // Two wins each, so the cap on listed wins is reached before the last one.
        for k in 0..2 {
            s.add_win(&WinDraft {
                date: Some(d("2026-02-01") + chrono::Duration::days((n * 2 + k) as i64)),
                people: vec![PersonRef {
                    name: "Wide Witness".into(),
                    vouches: true,
                }],
                expectations: vec![ExpectationTag {
                    id: e.id.clone(),
                    confirmed: true,
                }],
                ..WinDraft::titled(format!("Work on {}", e.id))
            })
            .unwrap();
        }
    }
    let plan = plan_store(&s, d(TODAY)).unwrap();
    check_plan(&s, &plan);
    assert!(plan.uncovered.is_empty(), "{:?}", plan.uncovered);
    let wide = &plan.providers[0];
    assert_eq!(wide.expectations.len(), ladder.expectations.len());
}

/// A request is the candidate's own words: the ladder's second-person titles
/// ("Your teams deliver") would read as the provider's own teams.
#[test]
fn a_request_names_the_expectations_in_the_candidates_voice() {
    let s = demo();
    let plan = plan_store(&s, d(TODAY)).unwrap();
    let asked: Vec<&str> = plan
        .providers
        .iter()
        .map(|p| p.request.as_str())
        .filter(|r| r.contains("teams deliver"))
        .collect();
    assert!(!asked.is_empty(), "a request speaks to team delivery");
    for r in asked {
        assert!(r.contains("My teams deliver"), "{r}");
        assert!(!r.contains("Your teams deliver"), "{r}");
    }
}

#[test]
fn the_plan_as_the_app_shows_it_keeps_who_waits_their_voices_and_who_could_speak_to_the_gaps() {
    let dir = tempfile::tempdir().unwrap();
    let db = case_file(dir.path());
    let mut s = Store::open(&db).unwrap();
    let lee = s.find_person("Lee Peer").unwrap().0.id;
    s.ask_feedback(lee, d("2026-11-01")).unwrap();
    let plan = plan_store(&s, d("2026-11-17")).unwrap();
    let view = plan.view();
    // Every provider of the plan, in its order, with the id the app asks by.
    let names: Vec<&str> = view.providers.iter().map(|p| p.person.as_str()).collect();
    let plan_names: Vec<&str> = plan.providers.iter().map(|p| p.person.as_str()).collect();
    assert_eq!(names, plan_names);
    let row = view
        .providers
        .iter()
        .find(|p| p.person == "Lee Peer")
        .unwrap();
    assert_eq!(row.person_id, lee);
    assert_eq!(row.status, AskStatus::Asked);
    assert_eq!(row.asked_on, Some(d("2026-11-01")));
    assert!(row.waiting, "asked sixteen days ago without an answer");
    assert!(row.outside_org);
    assert!(
        row.voices
            .contains(&Voice::DifferingInterests.words().to_string()),
        "{:?}",
        row.voices
    );
    let dana = view
        .providers
        .iter()
        .find(|p| p.person == "Dana Skip")
        .unwrap();
    assert!(!dana.waiting);
    assert_eq!(dana.status, AskStatus::Planned);
    assert_eq!(view.waiting, vec!["Lee Peer".to_string()]);
    // What nobody can speak to yet, with who saw it (only the manager here).
    assert_eq!(view.uncovered.len(), 1, "{:?}", view.uncovered);
    assert_eq!(view.uncovered[0].expectation, "strategy");
    assert_eq!(view.uncovered[0].only_manager, vec!["Max Boss".to_string()]);
    let thin = view
        .thin
        .iter()
        .find(|t| t.expectation == "delegation")
        .unwrap();
    assert_eq!(thin.people, vec!["Rui Report".to_string()]);
    // The app's view is JSON with the fields its generated type names.
    let json = serde_json::to_value(&view).unwrap();
    assert!(json["providers"][0]["waiting"].is_boolean());
    assert!(json["uncovered"][0]["only_manager"].is_array(), "{json}");
}

#[test]
fn an_ask_taken_back_is_one_undoable_step_and_a_bad_one_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = case_file(dir.path());
    let (lee, dana) = {
        let s = Store::open(&db).unwrap();
        (
            s.find_person("Lee Peer").unwrap().0.id,
            s.find_person("Dana Skip").unwrap().0.id,
        )
    };
    cal(&db)
        .args(["feedback", "ask", "Lee Peer", "--date", "2026-11-01"])
        .assert()
        .success();
    {
        let mut s = Store::open(&db).unwrap();
        s.unask_feedback(lee).unwrap();
    }
    let p = plan_json(&db, TODAY);
    assert_eq!(provider(&p, "Lee Peer")["status"], "planned");
    assert!(provider(&p, "Lee Peer")["asked_on"].is_null());
    // Undo puts the ask back, naming the person; redo takes it back again.
    let a = cal(&db).arg("undo").assert().success();
    assert!(stderr(&a).contains("Lee Peer"), "{}", stderr(&a));
    assert_eq!(
        provider(&plan_json(&db, TODAY), "Lee Peer")["asked_on"],
        "2026-11-01"
    );
    cal(&db).arg("redo").assert().success();
    assert!(provider(&plan_json(&db, TODAY), "Lee Peer")["asked_on"].is_null());
    // Someone never asked, and someone unknown: nothing changes, not even the journal.
    let before = fingerprint(&db);
    {
        let mut s = Store::open(&db).unwrap();
        s.unask_feedback(dana).unwrap();
        let e = s.unask_feedback(987_654).unwrap_err();
        assert_eq!(e.kind(), caliber::ErrorKind::NotFound, "{e}");
    }
    assert_eq!(fingerprint(&db), before);
}

/// Each request asks the company's own peer questions: Forte's superpower and
/// growth area on Amazon's ladder, Meta's "keep doing / do differently" on Meta's,
/// each in at most the form's longest text.
#[test]
fn requests_ask_the_companys_own_peer_questions() {
    let mut s = demo();
    let day = d(TODAY);
    let plan = plan_store(&s, day).unwrap();
    assert!(!plan.providers.is_empty());
    for p in &plan.providers {
        assert!(
            p.request.contains("two short answers, at most sixty words each?\n- A superpower: what I do best, with an example you saw.\n- A growth area:"),
            "{}",
            p.request
        );
    }
    let mut cycle = s.cycle().unwrap();
    cycle.ladder = "meta-m2".into();
    let meta = caliber::ladder::builtin_ladder("meta-m2").unwrap();
    cycle.current_level = meta.current_level.clone();
    cycle.target_level = meta.target_level.clone();
    s.set_cycle(&cycle).unwrap();
    let plan = plan_store(&s, day).unwrap();
    assert!(!plan.providers.is_empty());
    for p in &plan.providers {
        assert!(
            p.request.contains("- What I should keep doing: where I have the most impact, with an example you saw.\n- What I could do differently to have more impact next half.\n"),
            "{}",
            p.request
        );
        assert!(!p.request.contains("superpower"), "{}", p.request);
    }
}
