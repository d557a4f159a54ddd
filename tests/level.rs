//! The level of evidence: how senior the people are (against the target level), the
//! level each win shows for its expectation, and the user's overrides of it. Through
//! the real `caliber` binary where a user meets it, through the library for the rules.

mod common;

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn cal(db: &Path) -> Command {
    let home = db.parent().expect("the database path has a folder");
    let mut c = Command::cargo_bin("caliber").expect("the caliber binary is built");
    c.arg("--db")
        .arg(db)
        .env("HOME", home)
        .env("CALIBER_DB", db)
        .env("XDG_DATA_HOME", home.join("xdg-data"));
    c
}

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
