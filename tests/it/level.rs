//! The level of evidence: how senior the people are (against the target level), the
//! level each win shows for its expectation, and the user's overrides of it. Through
//! the real `caliber` binary where a user meets it, through the library for the rules.

use crate::common;
use crate::common::cal;

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn json(c: &mut Command) -> Value {
    let out = c.arg("--json").output().expect("caliber runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

// ---------------------------------------------------------------------------
// Seniority
// ---------------------------------------------------------------------------

#[test]
fn seniority_is_set_shown_defaulted_from_relation_and_cleared() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    cal(&db)
        .args([
            "people",
            "add",
            "Priya",
            "--relation",
            "peer",
            "--seniority",
            "at",
        ])
        .assert()
        .success();
    cal(&db)
        .args(["people", "add", "Dana", "--relation", "skip-level-manager"])
        .assert()
        .success();
    cal(&db)
        .args(["people", "add", "Omar", "--relation", "partner"])
        .assert()
        .success();
    let list = json(cal(&db).args(["people", "list"]));
    let by = |name: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .cloned()
            .unwrap()
    };
    assert_eq!(by("Priya")["seniority"], "at");
    assert_eq!(by("Priya")["effective_seniority"], "at");
    assert_eq!(by("Dana")["seniority"], Value::Null);
    assert_eq!(by("Dana")["effective_seniority"], "above");
    assert_eq!(by("Omar")["effective_seniority"], Value::Null);

    let text = cal(&db).args(["people", "list"]).output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("above (default)"), "{text}");

    let shown = json(cal(&db).args(["people", "show", "Priya"]));
    assert_eq!(shown["seniority"], "at");
    let shown = cal(&db).args(["people", "show", "Priya"]).output().unwrap();
    assert!(String::from_utf8_lossy(&shown.stdout).contains("seniority at"));

    cal(&db)
        .args(["people", "edit", "Priya", "--seniority", ""])
        .assert()
        .success();
    let shown = json(cal(&db).args(["people", "show", "Priya"]));
    assert_eq!(shown["seniority"], Value::Null);
    assert_eq!(shown["effective_seniority"], "below");
    cal(&db)
        .args(["people", "edit", "Omar", "--seniority", "above"])
        .assert()
        .success();
    let shown = json(cal(&db).args(["people", "show", "Omar"]));
    assert_eq!(shown["seniority"], "above");
}

#[test]
fn a_bad_seniority_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    cal(&db)
        .args(["people", "add", "Priya", "--relation", "peer"])
        .assert()
        .success();
    let before = common::fingerprint(&db);
    let out = cal(&db)
        .args(["people", "add", "Lee", "--seniority", "senior"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("below, at, above"), "{err}");
    let out = cal(&db)
        .args(["people", "edit", "Priya", "--seniority", "L7"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(common::fingerprint(&db), before);
}

#[test]
fn seniority_travels_through_the_backup_and_older_backups_still_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    cal(&db)
        .args([
            "people",
            "add",
            "Priya",
            "--relation",
            "peer",
            "--seniority",
            "above",
        ])
        .assert()
        .success();
    let file = dir.path().join("backup.json");
    cal(&db)
        .args(["export", "--format", "backup", "-o"])
        .arg(&file)
        .assert()
        .success();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("\"seniority\": \"above\""), "{text}");

    let other = dir.path().join("d.db");
    cal(&other).arg("import").arg(&file).assert().success();
    let shown = json(cal(&other).args(["people", "show", "Priya"]));
    assert_eq!(shown["seniority"], "above");

    // A backup written before seniority existed has no such field.
    let mut old: Value = serde_json::from_str(&text).unwrap();
    fn strip(v: &mut Value) {
        match v {
            Value::Object(m) => {
                m.remove("seniority");
                m.values_mut().for_each(strip);
            }
            Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut old);
    let old = old.to_string();
    assert!(!old.contains("seniority"), "{old}");
    let old_file = dir.path().join("old.json");
    std::fs::write(&old_file, old).unwrap();
    let third = dir.path().join("e.db");
    cal(&third).arg("import").arg(&old_file).assert().success();
    let shown = json(cal(&third).args(["people", "show", "Priya"]));
    assert_eq!(shown["seniority"], Value::Null);
    assert_eq!(shown["effective_seniority"], "below");
}

// ---------------------------------------------------------------------------
// The level of each win, and the user's override
// ---------------------------------------------------------------------------

fn log(db: &Path, args: &[&str]) -> i64 {
    let v = json(cal(db).arg("log").args(args));
    v["id"].as_i64().expect("an id")
}

#[test]
fn list_and_show_give_each_win_its_level_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let a = log(
        &db,
        &[
            "Hired three engineers for the team",
            "-e",
            "hire-develop-managers",
        ],
    );
    let b = log(
        &db,
        &[
            "Hired two engineering managers for payments",
            "-e",
            "hire-develop-managers",
            "-e",
            "team-delivery",
        ],
    );
    let shown = json(cal(&db).args(["show", &a.to_string()]));
    assert_eq!(shown["level"], "below");
    let reason = shown["level_reason"].as_str().unwrap();
    assert!(reason.contains("engineers is L6 work"), "{reason}");
    let list = json(cal(&db).arg("list"));
    let row = list
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["id"] == b)
        .unwrap();
    assert_eq!(row["level"], "at");
    assert_eq!(row["levels"][0]["expectation"], "hire-develop-managers");
    assert_eq!(row["levels"][1]["expectation"], "team-delivery");
    let text = cal(&db).args(["show", &a.to_string()]).output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Level for hire-develop-managers: below"),
        "{text}"
    );
}

#[test]
fn the_user_overrides_a_level_clears_it_and_similar_wins_learn_from_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let a = log(
        &db,
        &[
            "Wrote the payments platform roadmap for checkout and billing",
            "-e",
            "strategy",
        ],
    );
    let b = log(
        &db,
        &[
            "Rewrote the payments platform roadmap for checkout and billing",
            "-e",
            "strategy",
        ],
    );
    let judged = json(cal(&db).args(["show", &b.to_string()]));
    assert_eq!(judged["level"], "below");
    assert_eq!(judged["levels"][0]["source"], "rules");

    let v = json(cal(&db).args(["edit", &a.to_string(), "--level", "at"]));
    assert_eq!(v["level"], "at");
    assert_eq!(v["levels"][0]["overridden"], true);
    assert_eq!(v["levels"][0]["source"], "set");
    let learned = json(cal(&db).args(["show", &b.to_string()]));
    assert_eq!(learned["level"], "at");
    // Learned from the level set on win a, not set by the user on this win.
    assert_eq!(learned["levels"][0]["source"], "learned");
    let reason = learned["level_reason"].as_str().unwrap();
    assert!(reason.contains(&format!("win {a}")), "{reason}");
    let text = cal(&db).args(["show", &b.to_string()]).output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(!text.contains("set by you"), "{text}");
    let text = cal(&db).args(["show", &a.to_string()]).output().unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains("set by you"));

    let v = json(cal(&db).args(["edit", &a.to_string(), "--level", "auto"]));
    assert_eq!(v["level"], "below");
    assert_eq!(
        json(cal(&db).args(["show", &b.to_string()]))["level"],
        "below"
    );
}

#[test]
fn a_level_for_another_expectation_tags_it_too_and_bad_levels_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let a = log(&db, &["Ran the org's launch review", "-e", "team-delivery"]);
    let v = json(cal(&db).args([
        "edit",
        &a.to_string(),
        "--level",
        "above",
        "--expect",
        "cross-org-impact",
    ]));
    let levels = v["levels"].as_array().unwrap();
    let cross = levels
        .iter()
        .find(|l| l["expectation"] == "cross-org-impact")
        .unwrap();
    assert_eq!(cross["level"], "above");
    assert_eq!(cross["overridden"], true);

    let before = common::fingerprint(&db);
    let id = a.to_string();
    for (bad, code) in [
        (vec!["edit", &id, "--level", "L7"], 2),
        (
            vec!["edit", &id, "--level", "at", "--expect", "no-such-thing"],
            3,
        ),
    ] {
        let out = cal(&db).args(&bad).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{bad:?}: {err}");
    }
    assert_eq!(common::fingerprint(&db), before);
    let untagged = {
        let v = json(cal(&db).args(["log", "Something with no expectation at all zzz"]));
        v["id"].as_i64().unwrap()
    };
    let before_untagged = common::fingerprint(&db);
    assert_ne!(before, before_untagged);
    let out = cal(&db)
        .args(["edit", &untagged.to_string(), "--level", "at"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--expect"));
    assert_eq!(common::fingerprint(&db), before_untagged);
}

// ---------------------------------------------------------------------------
// Agreement with a Director's labels (tests/data/level_wins.json)
// ---------------------------------------------------------------------------

/// The share of hand-labelled wins the rules must agree with.
const AGREEMENT_TARGET: f64 = 0.85;

/// What the blind set must keep (its first measure was 81.2%, under the target; the
/// rules were since written while reading its disagreements and reach 97.1%): below
/// it, a change to the rules has undone what they learned from it.
const BLIND_FLOOR: f64 = 0.96;

/// What the held-out set must keep (97.8% now): below it, a change to the rules has
/// made them worse on wins they were once measured on.
const HELD_OUT_FLOOR: f64 = 0.96;

#[test]
fn the_rules_agree_with_a_directors_labels() {
    let (share, total) = agreement("tests/data/level_wins.json");
    assert!(total >= 150, "the labelled set has {total} wins");
    assert!(
        share >= AGREEMENT_TARGET,
        "agreement {:.1}% is under the {:.0}% target",
        100.0 * share,
        100.0 * AGREEMENT_TARGET
    );
}

/// The agreement on a second set, labelled after the first rules were written by
/// someone who saw neither the rules nor the first set. The rules' word families
/// were since written while reading both sets' disagreements, so this is a floor
/// against regressions, not a figure for wins the rules have never seen.
#[test]
fn the_rules_agree_with_held_out_labels() {
    let (share, total) = agreement("tests/data/level_wins_holdout.json");
    assert!(total >= 90, "the held-out set has {total} wins");
    assert!(
        share >= HELD_OUT_FLOOR,
        "held-out agreement {:.1}% is under {:.0}%",
        100.0 * share,
        100.0 * HELD_OUT_FLOOR
    );
}

/// Agreement of the rules with the labels of `path`: the share and the count,
/// printed by expectation and by level with every disagreement.
fn agreement(path: &str) -> (f64, usize) {
    use caliber::level::judge;
    use caliber::{Level, Person, Relation, Scope, Win, WinPerson};
    use std::collections::BTreeMap;

    let text = std::fs::read_to_string(path).expect("the labelled wins");
    let data: Value = serde_json::from_str(&text).expect("JSON");
    let wins = data["wins"].as_array().expect("a list of wins");
    let now = chrono::Utc::now();
    // (ladder, expectation) and level -> (agreed, total)
    let mut by_exp: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut by_level: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut misses: Vec<String> = Vec::new();
    let (mut agreed, mut total) = (0usize, 0usize);
    for (i, w) in wins.iter().enumerate() {
        let ladder = caliber::ladder::builtin_ladder(w["ladder"].as_str().unwrap()).unwrap();
        let exp = w["expectation"].as_str().unwrap();
        let want: Level = w["level"].as_str().unwrap().parse().unwrap();
        let mut people: Vec<Person> = Vec::new();
        let mut on_win: Vec<WinPerson> = Vec::new();
        for (j, p) in w["people"].as_array().into_iter().flatten().enumerate() {
            let id = j as i64 + 1;
            let outside = p["org_outside"].as_bool().unwrap_or(false);
            let manager = p["is_manager"].as_bool().unwrap_or(false);
            people.push(Person {
                id,
                name: p["name"].as_str().unwrap().to_string(),
                relation: p["relation"]
                    .as_str()
                    .and_then(|r| r.parse::<Relation>().ok()),
                org: Some(if outside { "Elsewhere" } else { "Own" }.to_string()),
                notes: manager.then(|| "Manager".to_string()),
                created_at: now,
                seniority: None,
            });
            on_win.push(WinPerson {
                person_id: id,
                name: p["name"].as_str().unwrap().to_string(),
                vouches: false,
            });
        }
        let win = Win {
            id: i as i64 + 1,
            date: chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
            logged_at: now,
            updated_at: now,
            title: w["title"].as_str().unwrap().to_string(),
            situation: None,
            action: None,
            result: None,
            notes: None,
            metric: w["metric"].as_str().map(str::to_string),
            scope: w["scope"].as_str().unwrap().parse::<Scope>().unwrap(),
            people: on_win,
            links: vec![],
            tags: vec![],
            expectations: vec![caliber::ExpectationTag {
                id: exp.to_string(),
                confirmed: true,
            }],
            principles: vec![],
            source: caliber::Source::Cli,
        };
        let got = judge(&win, exp, ladder, &people, Some("Own"));
        let ok = got.level == want;
        total += 1;
        agreed += ok as usize;
        let e = by_exp.entry(format!("{}/{exp}", ladder.id)).or_default();
        e.0 += ok as usize;
        e.1 += 1;
        let l = by_level.entry(want.to_string()).or_default();
        l.0 += ok as usize;
        l.1 += 1;
        if !ok {
            misses.push(format!(
                "  want {want:<5} got {:<5} {exp}: {}",
                got.level.to_string(),
                win.title
            ));
        }
    }
    let share = agreed as f64 / total as f64;
    println!(
        "Agreement with {path}: {agreed}/{total} = {:.1}%",
        100.0 * share
    );
    for (k, (a, n)) in &by_exp {
        println!(
            "  {k:<45} {a:>3}/{n:<3} {:>5.1}%",
            100.0 * *a as f64 / *n as f64
        );
    }
    for (k, (a, n)) in &by_level {
        println!(
            "  labelled {k:<6} {a:>3}/{n:<3} {:>5.1}%",
            100.0 * *a as f64 / *n as f64
        );
    }
    println!("Disagreements:\n{}", misses.join("\n"));
    (share, total)
}

/// Who is on a win: (relation, outside the org, manages people).
type OnWin<'a> = &'a [(&'a str, bool, bool)];

/// The level of a one-line win tagged with `exp` on the senior-manager ladder, with
/// `people` on it as (relation, outside the org, manages people).
fn level_of(title: &str, exp: &str, scope: &str, people: OnWin<'_>) -> String {
    level_on("senior-manager", title, exp, scope, people)
}

/// [`level_of`] on the ladder `ladder`.
fn level_on(ladder: &str, title: &str, exp: &str, scope: &str, people: OnWin<'_>) -> String {
    use caliber::{Person, Relation, Scope, Win, WinPerson};
    let now = chrono::Utc::now();
    let ladder = caliber::ladder::builtin_ladder(ladder).expect("built in");
    let all: Vec<Person> = people
        .iter()
        .enumerate()
        .map(|(i, (relation, outside, manages))| Person {
            id: i as i64 + 1,
            name: format!("P{i}"),
            relation: relation.parse::<Relation>().ok(),
            org: Some(if *outside { "Elsewhere" } else { "Own" }.to_string()),
            notes: manages.then(|| "Manager".to_string()),
            created_at: now,
            seniority: None,
        })
        .collect();
    let win = Win {
        id: 1,
        date: chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("a date"),
        logged_at: now,
        updated_at: now,
        title: title.to_string(),
        situation: None,
        action: None,
        result: None,
        notes: None,
        metric: None,
        scope: scope.parse::<Scope>().expect("a scope"),
        people: all
            .iter()
            .map(|p| WinPerson {
                person_id: p.id,
                name: p.name.clone(),
                vouches: false,
            })
            .collect(),
        links: vec![],
        tags: vec![],
        expectations: vec![caliber::ExpectationTag {
            id: exp.to_string(),
            confirmed: true,
        }],
        principles: vec![],
        source: caliber::Source::Cli,
    };
    caliber::level::judge(&win, exp, ladder, &all, Some("Own"))
        .level
        .to_string()
}

/// Wins in words neither labelled set uses: other forms of the ladder's words, any
/// number, the shapes "X runs it now" and "used by other orgs", work done because
/// someone asked, and L7 words on L6 substance.
#[test]
fn the_rules_hold_for_plain_words_other_forms_and_any_number() {
    let manager = [("report", false, true)];
    let outside = [("peer", true, true)];
    let cases: &[(&str, &str, &str, OnWin<'_>, &str)] = &[
        (
            "Handing the quarterly capacity planning to Rosa; it's her call from now on, 5h a week back for the platform bet",
            "delegation",
            "org",
            &manager,
            "at",
        ),
        (
            "Wen chairs the incident review since April; I skim the minutes and put the hours into the pricing program",
            "delegation",
            "org",
            &manager,
            "at",
        ),
        (
            "Gave out the Q2 tickets to the engineers before I left for a week",
            "delegation",
            "team",
            &[("report", false, false)],
            "below",
        ),
        (
            "The capacity model my org built is used by 7 other orgs for their planning",
            "cross-org-impact",
            "company",
            &outside,
            "at",
        ),
        (
            "Authored a bold multi-year vision narrative for our service",
            "strategy",
            "team",
            &[],
            "below",
        ),
        (
            "Dropped two of our projects in the spring cut as requested by the director",
            "strategy",
            "team",
            &[],
            "below",
        ),
        (
            "Proposed in planning that my org stop building its own queue; two of my teams lose their main project",
            "strategy",
            "org",
            &[],
            "at",
        ),
        (
            "Escalated the storage quota dispute with Infra to my manager",
            "peer-collaboration",
            "org",
            &[("manager", false, true)],
            "below",
        ),
        (
            "Moved Ines from senior engineer to managing the billing team, coaching her every week",
            "hire-develop-managers",
            "org",
            &[("report", false, true)],
            "at",
        ),
    ];
    let mut wrong = Vec::new();
    for (title, exp, scope, people, want) in cases {
        let got = level_of(title, exp, scope, people);
        if got != *want {
            wrong.push(format!("want {want} got {got} {exp}: {title}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The first-time-manager ladder in words neither labelled set uses: a career talk
/// put off, the technical crutch in a 1:1, shielding the team, praise for everyone.
#[test]
fn first_time_manager_rules_hold_for_new_words() {
    let report = [("report", false, false)];
    let cases: &[(&str, &str, &str)] = &[
        (
            "Postponed Omar's career chat to next cycle, too busy with the launch",
            "career-growth",
            "below",
        ),
        (
            "Didn't mention the reorg rumours to the team so nobody got distracted",
            "clear-priorities",
            "below",
        ),
        (
            "Gave the whole team upbeat feedback in the retro",
            "performance-management",
            "below",
        ),
        (
            "Asked Priya how she would approach the outage fix instead of telling her; she picked the plan herself",
            "coaching",
            "at",
        ),
    ];
    let mut wrong = Vec::new();
    for (title, exp, want) in cases {
        let got = level_on("first-time-manager", title, exp, "team", &report);
        if got != *want {
            wrong.push(format!("want {want} got {got} {exp}: {title}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// What a Director reads in a first-time manager's win beyond its topic, in words
/// no labelled set uses: the anti-patterns (the technical crutch, shielding, the
/// consensus trap, people work put off or broadcast), decisions handed over, grand
/// words with nothing under them, and the people on the win (a peer manager or a
/// report who manages: beyond a first-time manager; the skip-level on a call).
#[test]
fn first_time_manager_rules_read_anti_patterns_and_the_people_on_a_win() {
    let report = [("report", false, false)];
    let managing_report = [("report", false, true)];
    let peer_manager = [("peer", false, true)];
    let skip = [("skip-level-manager", false, true)];
    let manager = [("manager", false, true)];
    let cases: &[(&str, &str, OnWin<'_>, &str)] = &[
        (
            "Revamped our team's people strategy with a holistic engagement vision",
            "people-time",
            &[],
            "below",
        ),
        (
            "Wrote most of the new billing service over the holidays",
            "people-time",
            &[],
            "below",
        ),
        (
            "Showed the other two new managers in the group how I block people time; both use it now",
            "people-time",
            &peer_manager,
            "above",
        ),
        (
            "Shared the promotion criteria doc in the team channel",
            "career-growth",
            &[],
            "below",
        ),
        (
            "Grew Sam from engineer into leading his own pod; he now runs its 1:1s",
            "career-growth",
            &managing_report,
            "above",
        ),
        (
            "Used my 1:1 with Tom to review his pull request line by line",
            "one-on-ones",
            &report,
            "below",
        ),
        (
            "Replaced 1:1s with a weekly group sync to save time",
            "one-on-ones",
            &[],
            "below",
        ),
        (
            "Kai now makes the deploy go/no-go call; I stopped joining the release sync",
            "coaching",
            &report,
            "at",
        ),
        (
            "Let Lars's slipping deadlines slide for the quarter to keep the peace",
            "performance-management",
            &report,
            "below",
        ),
        (
            "Rated everyone meets expectations this cycle",
            "performance-management",
            &[],
            "below",
        ),
        (
            "Made everything top priority so nothing gets dropped",
            "clear-priorities",
            &[],
            "below",
        ),
        (
            "Kept the cost-cut discussion to myself until the plan was final",
            "clear-priorities",
            &[],
            "below",
        ),
        (
            "Negotiated with my skip-level to drop a second initiative, backed with capacity numbers",
            "clear-priorities",
            &skip,
            "above",
        ),
        (
            "Asked my manager to choose between the two designs",
            "decisiveness",
            &manager,
            "below",
        ),
        (
            "Still no decision on the monitoring tool, collecting more opinions",
            "decisiveness",
            &[],
            "below",
        ),
        (
            "Halted the rollout the day before launch over data loss risk and explained it to the director directly",
            "decisiveness",
            &skip,
            "above",
        ),
    ];
    let mut wrong = Vec::new();
    for (title, exp, people, want) in cases {
        let got = level_on("first-time-manager", title, exp, "team", people);
        if got != *want {
            wrong.push(format!("want {want} got {got} {exp}: {title}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Senior-manager wins in words no labelled set uses: grand words with no act,
/// reach or result in them; a manager of yours promoted; help lent with and
/// without a cost to the own teams; a standard beyond the company.
#[test]
fn senior_manager_rules_read_grand_words_cost_and_reach() {
    let cases: &[(&str, &str, &str, OnWin<'_>, &str)] = &[
        (
            "Transformed our delivery culture, unlocking unprecedented velocity",
            "team-delivery",
            "org",
            &[],
            "below",
        ),
        (
            "Crafted a transformative long-term vision for our platform",
            "strategy",
            "org",
            &[],
            "below",
        ),
        (
            "Built synergies and deep partnerships across the ecosystem",
            "peer-collaboration",
            "org",
            &[],
            "below",
        ),
        (
            "Ines got promoted to SDM II",
            "hire-develop-managers",
            "team",
            &[("report", false, true)],
            "at",
        ),
        (
            "Lent two engineers to the payments team for a week",
            "peer-collaboration",
            "org",
            &[("peer", false, true)],
            "below",
        ),
        (
            "Gave 2 of my engineers to Identity for a quarter; our own roadmap slipped but their launch made the date",
            "peer-collaboration",
            "org",
            &[("peer", true, true)],
            "at",
        ),
        (
            "Our retry guidance went into the IETF draft for idempotency keys",
            "cross-org-impact",
            "industry",
            &[],
            "above",
        ),
    ];
    let mut wrong = Vec::new();
    for (title, exp, scope, people, want) in cases {
        let got = level_of(title, exp, scope, people);
        if got != *want {
            wrong.push(format!("want {want} got {got} {exp}: {title}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

// ---------------------------------------------------------------------------
// caliber review: the verdict through the binary
// ---------------------------------------------------------------------------

#[test]
fn review_shows_the_verdict_reason_missing_must_haves_and_levels() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let h = "hire-develop-managers";
    for (date, title, exp) in [
        ("2026-01-10", "Hired three engineers for the team", h),
        ("2026-04-10", "Promoted two engineers to SDE II", h),
        ("2026-07-10", "Bar-raised in six engineer loops", h),
        (
            "2026-02-10",
            "My team shipped checkout v2 on time",
            "team-delivery",
        ),
        (
            "2026-05-10",
            "Took two weeks of vacation; the team shipped without me",
            "delegation",
        ),
    ] {
        log(&db, &[title, "-d", date, "-e", exp]);
    }
    cal(&db)
        .args(["cycle", "set", "--from", "2025-12-01", "--to", "2026-11-30"])
        .assert()
        .success();
    let r = json(cal(&db).arg("review"));
    let label = r["readiness"]["label"].as_str().unwrap();
    assert_eq!(label, "not-yet", "{}", r["readiness"]);
    assert!(
        r["readiness"]["reason"]
            .as_str()
            .unwrap()
            .contains("L6 work")
    );
    let e = r["expectations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == h)
        .unwrap();
    assert_eq!(e["level_counts"]["below"], 3);
    assert_eq!(e["level_counts"]["at"], 0);
    assert_eq!(e["gap"], true);
    assert_eq!(e["missing"][0]["id"], "successor");
    assert!(
        e["missing"][0]["title"]
            .as_str()
            .unwrap()
            .contains("successor")
    );
    assert!(e["next_step"].is_string() && e["panel_question"].is_string());
    let reasons: Vec<&str> = r["readiness"]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        reasons.contains(&"below-level-only:hire-develop-managers"),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&"missing-must-have:handed-off"),
        "{reasons:?}"
    );

    let out = cal(&db).arg("review").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Not yet:"), "{text}");
    assert!(text.contains("Missing must-haves:"), "{text}");
    assert!(text.contains("  - successor: "), "{text}");
    assert!(text.contains("below/at/above"), "{text}");
    assert!(text.contains("3/0/0"), "{text}");
}

// ---------------------------------------------------------------------------
// The rules in the ladder file
// ---------------------------------------------------------------------------

#[test]
fn ladder_level_rules_are_optional_and_a_broken_one_names_its_field() {
    use caliber::Ladder;
    let plain = r#"{"id":"mine","name":"Mine","current_level":"A","target_level":"B",
        "expectations":[{"id":"x","title":"X","description":"Do x"}]}"#;
    let l = Ladder::from_json(plain, "mine.json").expect("rules are optional");
    assert!(l.must_haves.is_empty() && l.expectations[0].level.is_none());

    let upper = plain.replace(
        r#""description":"Do x"}"#,
        r#""description":"Do x","level":{"below":{"phrases":["Team Roadmap"]},"otherwise":"below","otherwise_reason":"why"}}"#,
    );
    let err = Ladder::from_json(&upper, "mine.json")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("expectations[0].level.below.phrases[0]"),
        "{err}"
    );

    let bad_level = plain.replace(
        r#""description":"Do x"}"#,
        r#""description":"Do x","level":{"otherwise":"L7","otherwise_reason":"why"}}"#,
    );
    let err = Ladder::from_json(&bad_level, "mine.json")
        .unwrap_err()
        .to_string();
    assert!(err.contains("otherwise"), "{err}");

    let must = plain.replace(
        r#""expectations":"#,
        r#""must_haves":[{"id":"s","title":"S","expectation":"nope","all":[{"phrases":["x"]}],"next_step":"n"}],"expectations":"#,
    );
    let err = Ladder::from_json(&must, "mine.json")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("must_haves[0].expectation") && err.contains("nope"),
        "{err}"
    );

    let inflated = plain.replace(
        r#""expectations":"#,
        r#""inflated":{"stems":["World-Class"]},"expectations":"#,
    );
    let err = Ladder::from_json(&inflated, "mine.json")
        .unwrap_err()
        .to_string();
    assert!(err.contains("inflated.stems[0]"), "{err}");

    for id in ["senior-manager", "first-time-manager"] {
        let l = caliber::ladder::builtin_ladder(id).unwrap();
        assert!(l.expectations.iter().all(|e| e.level.is_some()), "{id}");
        assert!(!l.inflated.stems.is_empty(), "{id}");
    }
}

/// The agreement on wins labelled by a Director from the level descriptions alone,
/// blind to the rules and to every other labelled set. It was first measured at
/// 81.2%; the rules have since been written while reading its disagreements, so it
/// is a floor against regressions now, and only a fresh blind set says how the rules
/// hold on wins nobody fitted them to.
#[test]
fn the_rules_agree_with_blind_labels() {
    let (share, total) = agreement("tests/data/level_wins_blind.json");
    assert!(total >= 130, "the blind set has {total} wins");
    assert!(
        share >= BLIND_FLOOR,
        "blind agreement {:.1}% is under {:.0}%",
        100.0 * share,
        100.0 * BLIND_FLOOR
    );
}

/// A second blind set: wins labelled by a Director from the level descriptions
/// alone, without the rules, the ladders' signal lists or any other labelled set,
/// and measured once, after the rules were written: 151 of 174 (86.8%;
/// senior-manager 97/109, 89.0%; first-time-manager 54/65, 83.1%; labelled below
/// 78.0%, at 88.3%, above 94.5%). This is the figure for wins the rules were never
/// fitted to; its floor is the target.
#[test]
fn the_rules_agree_with_a_second_blind_set() {
    let (share, total) = agreement("tests/data/level_wins_blind2.json");
    assert!(total >= 170, "the second blind set has {total} wins");
    assert!(
        share >= AGREEMENT_TARGET,
        "second blind agreement {:.1}% is under the {:.0}% target",
        100.0 * share,
        100.0 * AGREEMENT_TARGET
    );
}
