//! The backup JSON through the real `caliber` binary: a backup restores every row it
//! holds, however alike two rows are, and importing it again adds nothing.

use crate::common::{cal, naming};
use serde_json::{Value, json};
use std::path::PathBuf;
use tempfile::TempDir;

struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("a temp dir"),
        }
    }

    fn db(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn json(&self, db: &str, args: &[&str]) -> Value {
        let out = cal(&self.db(db))
            .args(naming(args))
            .arg("--json")
            .assert()
            .success();
        serde_json::from_slice(&out.get_output().stdout).expect("JSON on stdout")
    }

    fn stderr(&self, db: &str, args: &[&str]) -> String {
        let out = cal(&self.db(db)).args(naming(args)).assert().success();
        String::from_utf8_lossy(&out.get_output().stderr).into_owned()
    }

    /// The backup of `db` as JSON (written to a file, then read).
    fn export(&self, db: &str) -> Value {
        let file = self.dir.path().join(format!("{db}.export.json"));
        let _ = std::fs::remove_file(&file);
        cal(&self.db(db))
            .args(["export", "--format", "backup", "-o"])
            .arg(&file)
            .assert()
            .success();
        serde_json::from_str(&std::fs::read_to_string(&file).expect("the export"))
            .expect("the export is JSON")
    }

    fn write(&self, name: &str, doc: &Value) -> String {
        let p = self.dir.path().join(name);
        std::fs::write(&p, serde_json::to_string_pretty(doc).expect("JSON")).expect("write");
        p.to_str().expect("a UTF-8 path").to_string()
    }
}

/// A database with one win carrying every field, and one piece of feedback.
fn full_win(s: &Sandbox, db: &str) {
    s.json(
        db,
        &[
            "log",
            "Hired two managers for the payments org",
            "--date",
            "2026-05-01",
            "--expect",
            "hire-develop-managers",
            "--principle",
            "ownership",
            "--scope",
            "org",
            "--metric",
            "2 managers",
            "--with",
            "Omar Haddad",
            "--involved",
            "Priya Raman",
            "--tag",
            "hiring",
            "--link",
            "https://docs.example.com/hiring",
            "--situation",
            "Two teams without a manager",
            "--action",
            "Ran the loops",
            "--result",
            "Both started in June",
            "--notes",
            "Bar raiser: Ana",
        ],
    );
    s.json(
        db,
        &[
            "feedback",
            "add",
            "Omar Haddad",
            "Best partner Finance had this year",
            "--date",
            "2026-05-02",
            "--expect",
            "peer-collaboration",
        ],
    );
}

/// The records of a backup without the moment it was written.
fn records(doc: &Value) -> Value {
    doc["records"].clone()
}

/// A backup of `base` whose wins are the base win and, after it, one copy per
/// change, each differing from the base in that one field only; and whose
/// feedback is the base feedback and one copy with another expectation.
fn near_duplicates(base: &Value) -> (Value, usize) {
    let win = base["records"]["wins"][0].clone();
    let changes: Vec<(&str, Value)> = vec![
        ("notes", json!("Bar raiser: Bo")),
        ("metric", json!("3 managers")),
        ("scope", json!("company")),
        ("situation", json!("One team without a manager")),
        ("action", json!("Ran the loops twice")),
        ("result", json!("Both started in July")),
        (
            "expectations",
            json!([{"id": "hire-develop-managers", "confirmed": false}]),
        ),
        (
            "expectations",
            json!([{"id": "delegation", "confirmed": true}]),
        ),
        ("principles", json!(["hire-and-develop-the-best"])),
        ("tags", json!(["hiring", "payments"])),
        ("links", json!(["https://docs.example.com/hiring-v2"])),
        ("people", {
            let mut p = win["people"].clone();
            p[0]["vouches"] = json!(!p[0]["vouches"].as_bool().expect("vouches"));
            p
        }),
        ("people", json!([win["people"][0].clone()])),
        ("notes", Value::Null),
    ];
    let mut wins = vec![win.clone()];
    for (i, (field, value)) in changes.iter().enumerate() {
        let mut w = win.clone();
        w[*field] = value.clone();
        w["id"] = json!(100 + i);
        wins.push(w);
    }
    let mut doc = base.clone();
    doc["records"]["wins"] = Value::Array(wins);
    let fb = base["records"]["feedback"][0].clone();
    let mut other = fb.clone();
    other["id"] = json!(50);
    other["expectation"] = json!("hire-develop-managers");
    doc["records"]["feedback"] = json!([fb, other]);
    (doc, changes.len() + 1)
}

#[test]
fn near_duplicate_wins_and_feedback_all_come_back_into_an_empty_database() {
    let s = Sandbox::new();
    full_win(&s, "a.db");
    let (doc, n) = near_duplicates(&s.export("a.db"));
    let file = s.write("near.json", &doc);

    let summary = s.json("b.db", &["import", &file]);
    assert_eq!(summary["wins"], n, "{summary}");
    assert_eq!(summary["feedback"], 2, "{summary}");
    assert_eq!(summary["duplicates"], 0, "{summary}");
    assert_eq!(
        s.json("b.db", &["list"]).as_array().expect("a list").len(),
        n
    );

    // The round trip gives the same records back, ids and all.
    assert_eq!(records(&s.export("b.db")), records(&doc));

    // Importing the same file again adds nothing, and says so.
    let again = s.json("b.db", &["import", &file]);
    assert_eq!(
        (&again["wins"], &again["feedback"], &again["people"]),
        (&json!(0), &json!(0), &json!(0)),
        "{again}"
    );
    assert_eq!(again["duplicates"], n + 2, "{again}");
    assert_eq!(records(&s.export("b.db")), records(&doc));
}

#[test]
fn into_a_database_that_has_the_base_win_only_the_differing_rows_come_in() {
    let s = Sandbox::new();
    full_win(&s, "a.db");
    let (doc, n) = near_duplicates(&s.export("a.db"));
    let file = s.write("near.json", &doc);

    // a.db already holds the base win and feedback: every other row is new.
    let summary = s.json("a.db", &["import", &file]);
    assert_eq!(summary["wins"], n - 1, "{summary}");
    assert_eq!(summary["feedback"], 1, "{summary}");
    assert_eq!(summary["duplicates"], 2, "{summary}");
    assert_eq!(
        s.json("a.db", &["list"]).as_array().expect("a list").len(),
        n
    );
    let again = s.json("a.db", &["import", &file]);
    assert_eq!((&again["wins"], &again["feedback"]), (&json!(0), &json!(0)));
}

#[test]
fn two_identical_wins_of_a_backup_are_two_rows_restored() {
    // A backup gives each row its own id: two rows alike in every field are still
    // two rows of the ledger, and a restore brings both back.
    let s = Sandbox::new();
    full_win(&s, "a.db");
    let mut doc = s.export("a.db");
    let mut twin = doc["records"]["wins"][0].clone();
    twin["id"] = json!(7);
    doc["records"]["wins"]
        .as_array_mut()
        .expect("wins")
        .push(twin);
    let file = s.write("twins.json", &doc);
    let summary = s.json("b.db", &["import", &file]);
    assert_eq!(summary["wins"], 2, "{summary}");
    assert_eq!(records(&s.export("b.db")), records(&doc));
    let again = s.json("b.db", &["import", &file]);
    assert_eq!(
        (&again["wins"], &again["duplicates"]),
        (&json!(0), &json!(3))
    );
}

#[test]
fn a_round_trip_export_import_export_gives_the_same_json() {
    let s = Sandbox::new();
    full_win(&s, "a.db");
    s.json(
        "a.db",
        &["log", "Cut AWS spend 30%", "--date", "2026-06-01"],
    );
    s.json(
        "a.db",
        &[
            "log",
            "Cut AWS spend 30%",
            "--date",
            "2026-06-01",
            "--notes",
            "Q3",
        ],
    );
    let first = s.export("a.db");
    let file = s.write("first.json", &first);
    let err = s.stderr("b.db", &["import", &file]);
    assert!(err.contains("Imported 3 wins"), "{err}");
    assert_eq!(records(&s.export("b.db")), records(&first));
}
