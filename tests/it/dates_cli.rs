//! Dates through the real `caliber` binary: the forms people type, a win dated in
//! the future refused with nothing saved, and a date outside the review window (or
//! a target date before it) accepted with a note on stderr, or in `warnings` with
//! `--json`.

use crate::common;
use crate::common::cal;

use chrono::{Duration, Local, NaiveDate};
use serde_json::Value;
use std::path::Path;

fn today() -> NaiveDate {
    Local::now().date_naive()
}

struct Ran {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(db: &Path, args: &[&str]) -> Ran {
    let out = cal(db).args(args).output().expect("caliber runs");
    Ran {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn ok(db: &Path, args: &[&str]) -> Ran {
    let r = run(db, args);
    assert_eq!(r.code, 0, "caliber {args:?}: {}", r.stderr);
    r
}

#[test]
fn the_forms_people_type_log_on_the_right_day() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let t = today();
    for (typed, want) in [
        ("2 weeks ago", t - Duration::days(14)),
        ("last week", t - Duration::days(7)),
        ("3 days ago", t - Duration::days(3)),
        ("yesterday", t - Duration::days(1)),
        (
            "1 year ago",
            t.checked_sub_months(chrono::Months::new(12)).unwrap(),
        ),
        (
            "12 months ago",
            t.checked_sub_months(chrono::Months::new(12)).unwrap(),
        ),
    ] {
        let r = ok(
            &db,
            &[
                "--json",
                "log",
                &format!("Win from {typed}"),
                "--date",
                typed,
            ],
        );
        let w: Value = serde_json::from_str(&r.stdout).unwrap();
        assert_eq!(w["date"], want.to_string(), "{typed}");
    }
    let r = ok(
        &db,
        &["--json", "log", "Friday's win", "--date", "last friday"],
    );
    let w: Value = serde_json::from_str(&r.stdout).unwrap();
    let d: NaiveDate = w["date"].as_str().unwrap().parse().unwrap();
    assert_eq!(chrono::Datelike::weekday(&d), chrono::Weekday::Fri);
    assert!(d < t && t - d <= Duration::days(7), "{d}");
}

#[test]
fn an_unknown_date_lists_the_forms_that_work() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    ok(&db, &["log", "First win"]);
    let before = common::fingerprint(&db);
    let r = run(&db, &["log", "x", "--date", "next tuesday"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    for form in [
        "YYYY-MM-DD",
        "2 weeks ago",
        "last week",
        "last friday",
        "Oct 3",
    ] {
        assert!(r.stderr.contains(form), "{form}: {}", r.stderr);
    }
    assert_eq!(before, common::fingerprint(&db));
}

#[test]
fn a_win_in_the_future_is_refused_and_nothing_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let id = ok(&db, &["log", "First win"]).stdout.trim().to_string();
    let before = common::fingerprint(&db);
    let tomorrow = (today() + Duration::days(1)).to_string();
    for args in [
        vec!["log", "Not yet", "--date", tomorrow.as_str()],
        vec!["edit", id.as_str(), "--date", tomorrow.as_str()],
    ] {
        let r = run(&db, &args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("in the future"), "{}", r.stderr);
        assert!(r.stderr.contains(&tomorrow), "{}", r.stderr);
        let mut json_args = vec!["--json"];
        json_args.extend(&args);
        let r = run(&db, &json_args);
        assert_eq!(r.code, 2);
        let e: Value = serde_json::from_str(r.stderr.trim()).unwrap();
        assert_eq!(e["kind"], "invalid_input");
        assert_eq!(
            before,
            common::fingerprint(&db),
            "{args:?} changed the database"
        );
    }
}

#[test]
fn a_date_outside_the_window_is_saved_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let t = today();
    let start = (t - Duration::days(30)).to_string();
    let end = t.to_string();
    ok(&db, &["cycle", "set", "--from", &start, "--to", &end]);
    let old = (t - Duration::days(60)).to_string();

    let r = ok(&db, &["log", "Old win", "--date", &old]);
    assert!(
        r.stderr.contains("outside the review window"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains(&old), "{}", r.stderr);
    let id = r.stdout.trim().to_string();

    let r = ok(&db, &["--json", "log", "Another old win", "--date", &old]);
    let w: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(w["date"], old);
    let warnings = w["warnings"].as_array().expect("a warnings list");
    assert_eq!(warnings.len(), 1, "{w}");
    assert!(
        warnings[0]
            .as_str()
            .unwrap()
            .contains("outside the review window")
    );
    assert!(
        r.stderr.is_empty(),
        "--json keeps stderr for errors: {}",
        r.stderr
    );

    // Inside the window: no note, no warnings field.
    let r = ok(&db, &["--json", "log", "New win"]);
    let w: Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(w.get("warnings").is_none(), "{w}");
    let r = ok(&db, &["log", "New win again"]);
    assert!(!r.stderr.contains("outside"), "{}", r.stderr);

    // An edit that moves a win out of the window says so too.
    let r = ok(
        &db,
        &[
            "--json",
            "edit",
            &id,
            "--date",
            &(t - Duration::days(90)).to_string(),
        ],
    );
    let w: Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(
        w["warnings"][0]
            .as_str()
            .unwrap()
            .contains("outside the review window"),
        "{w}"
    );
}

#[test]
fn a_target_date_before_the_window_is_saved_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let r = ok(
        &db,
        &[
            "cycle",
            "set",
            "--from",
            "2026-01-01",
            "--to",
            "2026-06-30",
            "--target-date",
            "2025-12-01",
        ],
    );
    assert!(
        r.stderr.contains("before the review window"),
        "{}",
        r.stderr
    );
    let r = ok(
        &db,
        &["--json", "cycle", "set", "--target-date", "2025-11-01"],
    );
    let c: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(c["target_date"], "2025-11-01");
    assert!(
        c["warnings"][0]
            .as_str()
            .unwrap()
            .contains("before the review window"),
        "{c}"
    );
    let r = ok(&db, &["--json", "cycle", "show"]);
    let c: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(c["target_date"], "2025-11-01", "the date was saved");
}

#[test]
fn caliber_today_sets_the_day_dates_and_reports_count_from() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let on = |args: &[&str]| {
        let out = cal(&db)
            .env("CALIBER_TODAY", "2026-03-15")
            .args(args)
            .output()
            .expect("caliber runs");
        Ran {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    };
    let r = on(&[
        "log",
        "Ran the launch review",
        "--date",
        "yesterday",
        "--json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let w: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(w["date"], "2026-03-14", "{w}");
    // The day after the one set is in the future, whatever the calendar says.
    let r = on(&["log", "Not yet", "--date", "2026-03-16"]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("today is 2026-03-15"), "{}", r.stderr);
    let r = on(&["review", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let review: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(review["as_of"], "2026-03-15", "{review}");
    // Unset (the sandbox clears it), the calendar decides again.
    let r = ok(&db, &["review", "--json"]);
    let review: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(review["as_of"], today().to_string(), "{review}");
}

#[test]
fn a_caliber_today_that_is_not_a_date_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    ok(&db, &["log", "Saved before"]);
    let before = common::fingerprint(&db);
    for bad in ["2026-13-01", "tomorrow", "0000-01-01", "15/03/2026"] {
        let out = cal(&db)
            .env("CALIBER_TODAY", bad)
            .args(["log", "Must not be saved"])
            .output()
            .expect("caliber runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{bad}: {stderr}");
        assert!(
            stderr.contains(&format!("CALIBER_TODAY={bad}")) && stderr.contains("YYYY-MM-DD"),
            "{bad}: {stderr}"
        );
        assert_eq!(common::fingerprint(&db), before, "{bad}: nothing changes");
    }
}
