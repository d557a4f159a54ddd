//! Undo and redo through the real `caliber` binary: each step says exactly what it
//! takes back, an action that changes nothing records nothing, redo follows editor
//! rules, undo never crosses a restore or a change of encryption, and bulk triage
//! is one step.

use crate::common;
use crate::common::{cal, naming, text};

use assert_cmd::Command;
use serde_json::Value;
use std::path::PathBuf;
use tempfile::TempDir;

use common::fingerprint;

struct Sandbox {
    dir: TempDir,
    db: PathBuf,
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("a temp dir");
        let db = dir.path().join("caliber.db");
        Sandbox { dir, db }
    }

    fn cal(&self) -> Command {
        cal(&self.db)
    }

    /// Runs a command that must succeed; returns (stdout, stderr).
    fn run(&self, args: &[&str]) -> (String, String) {
        let out = self.cal().args(naming(args)).assert().success();
        let o = out.get_output();
        (text(&o.stdout), text(&o.stderr))
    }

    /// The sentence a command says on stderr.
    fn said(&self, args: &[&str]) -> String {
        self.run(args).1
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self
            .cal()
            .args(naming(args))
            .arg("--json")
            .assert()
            .success();
        let s = text(&out.get_output().stdout);
        serde_json::from_str(&s).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {s}"))
    }

    fn fail(&self, args: &[&str], code: i32) -> String {
        let out = self.cal().args(naming(args)).assert().code(code);
        text(&out.get_output().stderr)
    }

    /// Logs a win; returns its id.
    fn log(&self, args: &[&str]) -> i64 {
        let mut a = vec!["log"];
        a.extend_from_slice(args);
        self.json(&a)["id"].as_i64().expect("an id")
    }

    fn titles(&self) -> Vec<String> {
        self.json(&["list"])
            .as_array()
            .expect("a list")
            .iter()
            .map(|w| w["title"].as_str().expect("a title").to_string())
            .collect()
    }

    fn people(&self) -> Vec<String> {
        self.json(&["people", "list"])
            .as_array()
            .expect("a list")
            .iter()
            .map(|p| p["name"].as_str().expect("a name").to_string())
            .collect()
    }

    fn write(&self, name: &str, content: &str) -> String {
        let p = self.dir.path().join(name);
        std::fs::write(&p, content).expect("write a file");
        p.to_str().expect("a UTF-8 path").to_string()
    }

    fn win(&self, id: i64) -> Value {
        self.json(&["show", &id.to_string()])
    }
}

// ---------------------------------------------------------------------------------
// Steps that change nothing record nothing
// ---------------------------------------------------------------------------------

#[test]
fn an_import_that_adds_nothing_says_so_and_undo_then_leaves_the_earlier_win() {
    let s = Sandbox::new();
    let csv = s.write("w.csv", "date,title\n2026-05-01,Shipped the ledger\n");
    s.run(&["import", &csv]);
    let mine = s.log(&["My own win", "--date", "2026-06-01"]);
    let before = fingerprint(&s.db);
    let said = s.said(&["import", &csv]);
    assert!(said.contains("Imported 0 wins"), "{said}");
    assert!(
        !said.contains("takes the import back") && said.contains("nothing to undo"),
        "an import that added nothing offers no undo: {said}"
    );
    assert_eq!(fingerprint(&s.db), before, "nothing recorded");
    // The next undo takes back the win logged last, and says so by its title.
    let said = s.said(&["undo"]);
    assert!(
        said.contains(&format!("removed win {mine} 'My own win'")),
        "{said}"
    );
    assert_eq!(s.titles(), vec!["Shipped the ledger"]);
}

#[test]
fn an_edit_that_changes_nothing_records_nothing_and_says_so() {
    let s = Sandbox::new();
    let id = s.log(&["Hired two managers", "--expect", "hire-develop-managers"]);
    let idt = id.to_string();
    let before = fingerprint(&s.db);
    for args in [
        vec!["edit", &idt, "--confirm"],
        vec!["edit", &idt, "--title", "Hired two managers"],
        vec!["edit", &idt, "--expect", "hire-develop-managers"],
        vec!["edit", &idt],
    ] {
        let said = s.said(&args);
        assert!(
            said.contains("Nothing changed") && said.contains("nothing to undo"),
            "{args:?}: {said}"
        );
        assert_eq!(fingerprint(&s.db), before, "{args:?} wrote something");
    }
    // A person edit that changes nothing is no step either.
    s.run(&["people", "add", "Omar Haddad", "--org", "Finance"]);
    let before = fingerprint(&s.db);
    let said = s.said(&["people", "edit", "Omar Haddad", "--org", "Finance"]);
    assert!(said.contains("Nothing changed"), "{said}");
    assert_eq!(fingerprint(&s.db), before);
}

// ---------------------------------------------------------------------------------
// Messages name what is taken back; --list looks first
// ---------------------------------------------------------------------------------

#[test]
fn each_undo_names_what_it_takes_back_and_the_list_shows_them_first() {
    let s = Sandbox::new();
    let a = s.log(&["Hired two managers"]);
    s.run(&[
        "feedback",
        "add",
        "Omar Haddad",
        "Best partner Finance had this year",
    ]);
    s.run(&["edit", &a.to_string(), "--metric", "2 managers"]);

    let (out, _) = s.run(&["undo", "--list"]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].contains(&format!("put back win {a} 'Hired two managers'"))
            && lines[0].contains("metric"),
        "{out}"
    );
    assert!(
        lines[1].contains("remove feedback")
            && lines[1].contains("Omar Haddad")
            && lines[1].contains("Best partner Finance"),
        "{out}"
    );
    assert!(
        lines[2].contains(&format!("remove win {a} 'Hired two managers'"))
            && lines[2].contains("just now"),
        "{out}"
    );
    let list = s.json(&["undo", "--list"]);
    let steps = list["undo"].as_array().expect("undo steps");
    assert_eq!(steps.len(), 3, "{list}");
    assert_eq!(steps[0]["kind"], "edit");
    assert_eq!(steps[1]["entity"], "feedback");
    assert_eq!(steps[2]["entity"], "win");
    assert!(
        steps[2]["sentence"]
            .as_str()
            .expect("a sentence")
            .starts_with(&format!("remove win {a} 'Hired two managers'")),
        "{list}"
    );
    // Looking changes nothing.
    let before = fingerprint(&s.db);
    s.run(&["undo", "--list"]);
    assert_eq!(fingerprint(&s.db), before);

    let said = s.said(&["undo"]);
    assert!(
        said.contains(&format!("put back win {a} 'Hired two managers'")) && said.contains("metric"),
        "{said}"
    );
    let said = s.said(&["undo"]);
    assert!(
        said.contains("removed feedback") && said.contains("Best partner Finance"),
        "{said}"
    );
    let said = s.said(&["undo"]);
    assert!(
        said.contains(&format!("removed win {a} 'Hired two managers'")),
        "{said}"
    );
    let said = s.said(&["undo"]);
    assert!(said.contains("Nothing to undo"), "{said}");
}

#[test]
fn undoing_a_log_takes_back_the_people_it_created_and_only_those() {
    let s = Sandbox::new();
    s.run(&["people", "add", "Priya Raman"]);
    let a = s.log(&[
        "Hired two managers",
        "--with",
        "Omar Haddad",
        "--with",
        "Priya Raman",
        "--with",
        "Ana Lima",
    ]);
    // A later log naming Ana did not create her: its undo leaves her.
    s.log(&["Ran the offsite", "--with", "Ana Lima"]);
    let said = s.said(&["undo"]);
    assert!(
        said.contains("'Ran the offsite'") && !said.contains("Ana"),
        "{said}"
    );
    assert_eq!(s.people(), vec!["Ana Lima", "Omar Haddad", "Priya Raman"]);
    // The list says which people the log's undo would take back.
    let (out, _) = s.run(&["undo", "--list"]);
    let first = out.lines().next().expect("a line");
    assert!(
        first.contains("Omar Haddad") && first.contains("Ana Lima") && !first.contains("Priya"),
        "{out}"
    );
    let said = s.said(&["undo"]);
    assert!(
        said.contains(&format!("removed win {a} 'Hired two managers'"))
            && said.contains("Omar Haddad")
            && said.contains("Ana Lima")
            && !said.contains("Priya"),
        "{said}"
    );
    assert_eq!(s.people(), vec!["Priya Raman"], "Priya was there before");
    // Redo brings the win and both people back, with their links.
    let said = s.said(&["redo"]);
    assert!(
        said.contains(&format!("brought back win {a} 'Hired two managers'")),
        "{said}"
    );
    assert_eq!(s.people(), vec!["Ana Lima", "Omar Haddad", "Priya Raman"]);
    assert_eq!(s.win(a)["people"].as_array().expect("people").len(), 3);
}

#[test]
fn feedback_typed_after_a_log_is_undone_first_and_named() {
    let s = Sandbox::new();
    let a = s.log(&["Hired two managers", "--with", "Omar Haddad"]);
    s.run(&["feedback", "add", "Omar Haddad", "Great hiring"]);
    let (out, _) = s.run(&["undo", "--list"]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].contains("remove feedback") && lines[0].contains("'Great hiring'"),
        "{out}"
    );
    assert!(lines[1].contains(&format!("remove win {a}")), "{out}");
    let said = s.said(&["undo"]);
    assert!(
        said.contains("removed feedback") && said.contains("Omar Haddad"),
        "{said}"
    );
    assert_eq!(s.people(), vec!["Omar Haddad"], "still named on win {a}");
    s.run(&["undo"]);
    assert!(s.people().is_empty());
    // Feedback from someone new takes them back too.
    s.run(&["feedback", "add", "Dana Wu", "Clear priorities"]);
    let said = s.said(&["undo"]);
    assert!(said.contains("Dana Wu, whom it added"), "{said}");
    assert!(s.people().is_empty());
}

// ---------------------------------------------------------------------------------
// Redo
// ---------------------------------------------------------------------------------

#[test]
fn redo_makes_again_what_undo_took_back_and_a_new_action_clears_it() {
    let s = Sandbox::new();
    let a = s.log(&["First win"]);
    let b = s.log(&["Second win"]);
    s.run(&["edit", &b.to_string(), "--title", "Second win, renamed"]);
    s.run(&["undo"]);
    s.run(&["undo"]);
    assert_eq!(s.titles(), vec!["First win"]);
    let list = s.json(&["undo", "--list"]);
    let redo = list["redo"].as_array().expect("redo steps");
    assert_eq!(redo.len(), 2, "{list}");
    assert!(
        redo[0]["sentence"].as_str().unwrap().contains("Second win"),
        "{list}"
    );

    let said = s.said(&["redo"]);
    assert!(said.contains(&format!("win {b} 'Second win'")), "{said}");
    assert_eq!(s.titles(), vec!["Second win", "First win"]);
    let said = s.said(&["redo"]);
    assert!(
        said.contains("Second win") && said.contains("title"),
        "{said}"
    );
    assert_eq!(s.titles(), vec!["Second win, renamed", "First win"]);
    let said = s.said(&["redo"]);
    assert!(said.contains("Nothing to redo"), "{said}");
    let json = s.json(&["redo"]);
    assert_eq!(json, Value::Null);

    // Undo, then a new action: the redo stack is gone.
    s.run(&["undo"]);
    assert_eq!(s.titles(), vec!["Second win", "First win"]);
    s.log(&["Third win"]);
    let said = s.said(&["redo"]);
    assert!(said.contains("Nothing to redo"), "{said}");
    assert_eq!(s.titles(), vec!["Third win", "Second win", "First win"]);
    // And undo still walks back in order.
    s.run(&["undo"]);
    s.run(&["undo"]);
    s.run(&["undo"]);
    assert_eq!(s.titles(), Vec::<String>::new());
    assert!(s.said(&["redo"]).contains(&format!("win {a} 'First win'")));
}

#[test]
fn redo_of_an_import_and_of_a_delete() {
    let s = Sandbox::new();
    let csv = s.write(
        "w.csv",
        "date,title\n2026-05-01,Shipped the ledger\n2026-05-02,Hired a manager\n",
    );
    s.run(&["import", &csv]);
    let said = s.said(&["undo"]);
    assert!(
        said.contains("removed the import") && said.contains("2 wins"),
        "{said}"
    );
    assert!(s.titles().is_empty());
    s.run(&["redo"]);
    assert_eq!(s.titles().len(), 2);
    s.run(&["delete", "1"]);
    s.run(&["undo"]);
    assert_eq!(s.titles().len(), 2);
    s.run(&["redo"]);
    assert_eq!(s.titles(), vec!["Hired a manager"]);
}

// ---------------------------------------------------------------------------------
// Barriers
// ---------------------------------------------------------------------------------

#[test]
fn undo_stops_at_a_restore_and_says_since_when() {
    let s = Sandbox::new();
    s.log(&["Before the backup"]);
    let backup = s.dir.path().join("copy.db");
    s.run(&["backup", "-o", backup.to_str().unwrap()]);
    s.log(&["After the backup"]);
    s.run(&["restore", backup.to_str().unwrap()]);
    assert_eq!(s.titles(), vec!["Before the backup"]);
    let before = fingerprint(&s.db);
    let said = s.said(&["undo"]);
    assert!(
        said.contains("Nothing to undo since the restore of"),
        "{said}"
    );
    assert_eq!(
        fingerprint(&s.db),
        before,
        "the refused undo changed nothing"
    );
    let list = s.json(&["undo", "--list"]);
    assert_eq!(list["undo"], serde_json::json!([]), "{list}");
    assert!(
        list["stop"]
            .as_str()
            .unwrap_or_default()
            .contains("since the restore of"),
        "{list}"
    );
    // A step after the restore is undone; the one before it stays out of reach.
    s.log(&["After the restore"]);
    s.run(&["undo"]);
    let said = s.said(&["undo"]);
    assert!(said.contains("since the restore of"), "{said}");
    assert_eq!(s.titles(), vec!["Before the backup"]);
}

#[test]
fn undo_stops_at_a_change_of_encryption() {
    let s = Sandbox::new();
    s.log(&["Before encrypting"]);
    s.cal()
        .arg("encrypt")
        .env("CALIBER_NEW_PASSPHRASE", "correct horse battery staple")
        .assert()
        .success();
    let out = s
        .cal()
        .arg("undo")
        .env("CALIBER_PASSPHRASE", "correct horse battery staple")
        .assert()
        .success();
    let said = text(&out.get_output().stderr);
    assert!(
        said.contains("Nothing to undo since the change of encryption of"),
        "{said}"
    );
    let out = s
        .cal()
        .args(["list", "--json"])
        .env("CALIBER_PASSPHRASE", "correct horse battery staple")
        .assert()
        .success();
    let wins: Value = serde_json::from_slice(&out.get_output().stdout).expect("JSON");
    assert_eq!(wins.as_array().expect("a list").len(), 1);
}

// ---------------------------------------------------------------------------------
// Bulk triage
// ---------------------------------------------------------------------------------

/// Three wins with a suggested (unconfirmed) expectation each, and one confirmed.
fn triage(s: &Sandbox) -> Vec<i64> {
    let ids = vec![
        s.log(&["Hired two managers for the payments org"]),
        s.log(&["Priya now runs the weekly ops review without me"]),
        s.log(&["Wrote the payments vision doc adopted in the org plan"]),
        s.log(&["Cut AWS spend 30%", "--expect", "team-delivery"]),
    ];
    for id in &ids[..3] {
        assert_eq!(confirmed(s, *id), vec![false], "win {id} has a suggestion");
    }
    ids
}

/// For each expectation of a win, whether it is confirmed.
fn confirmed(s: &Sandbox, id: i64) -> Vec<bool> {
    let w = s.win(id);
    let suggested = w["suggested"].as_array().expect("suggested").clone();
    w["expectations"]
        .as_array()
        .expect("expectations")
        .iter()
        .map(|t| !suggested.contains(t))
        .collect()
}

#[test]
fn edit_of_several_wins_confirms_them_all_in_one_undo_step() {
    let s = Sandbox::new();
    let ids = triage(&s);
    let (a, b, c) = (ids[0].to_string(), ids[1].to_string(), ids[2].to_string());
    let said = s.said(&["edit", &a, &c, "--confirm"]);
    assert!(said.contains(&format!("Updated wins {a}, {c}")), "{said}");
    assert_eq!(confirmed(&s, ids[0]), vec![true]);
    assert_eq!(confirmed(&s, ids[1]), vec![false]);
    assert_eq!(confirmed(&s, ids[2]), vec![true]);
    let said = s.said(&["undo"]);
    assert!(
        said.contains("put back 2 wins") && said.contains("'Hired two managers"),
        "{said}"
    );
    assert_eq!(confirmed(&s, ids[0]), vec![false]);
    assert_eq!(confirmed(&s, ids[2]), vec![false]);
    s.run(&["redo"]);
    assert_eq!(confirmed(&s, ids[0]), vec![true]);
    assert_eq!(confirmed(&s, ids[2]), vec![true]);

    // One id unknown: nothing changes.
    let before = fingerprint(&s.db);
    let err = s.fail(&["edit", &b, "999", "--confirm"], 3);
    assert!(err.contains("no win 999"), "{err}");
    assert_eq!(fingerprint(&s.db), before);
}

#[test]
fn confirm_all_suggested_is_one_step_and_then_nothing_is_left() {
    let s = Sandbox::new();
    let ids = triage(&s);
    let said = s.said(&["confirm", "--all-suggested"]);
    assert!(
        said.contains("Confirmed") && said.contains("3 wins"),
        "{said}"
    );
    for id in &ids {
        assert_eq!(confirmed(&s, *id), vec![true]);
    }
    let (out, err) = s.run(&["list", "--suggested"]);
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("Nothing left to confirm"), "{err}");
    assert_eq!(s.json(&["list", "--suggested"]), serde_json::json!([]));
    let before = fingerprint(&s.db);
    let said = s.said(&["confirm", "--all-suggested"]);
    assert!(said.contains("Nothing left to confirm"), "{said}");
    assert_eq!(fingerprint(&s.db), before);

    let said = s.said(&["undo"]);
    assert!(said.contains("put back 3 wins"), "{said}");
    for id in &ids[..3] {
        assert_eq!(confirmed(&s, *id), vec![false]);
    }
    assert_eq!(confirmed(&s, ids[3]), vec![true]);
    // The ids way too.
    let said = s.said(&["confirm", &ids[1].to_string()]);
    assert!(
        said.contains("Confirmed") && said.contains(&ids[1].to_string()),
        "{said}"
    );
    assert_eq!(confirmed(&s, ids[1]), vec![true]);
}

#[test]
fn principles_and_expectations_by_an_unambiguous_part() {
    let s = Sandbox::new();
    let id = s.log(&[
        "Argued for the payments bet",
        "--principle",
        "have backbone",
        "--expect",
        "STRATEGY",
    ]);
    let w = s.win(id);
    assert_eq!(
        w["principles"],
        serde_json::json!(["have-backbone-disagree-and-commit"]),
        "{w}"
    );
    assert_eq!(w["expectations"][0], "strategy", "{w}");
    s.run(&[
        "edit",
        &id.to_string(),
        "--principle",
        "Frugal",
        "--expect",
        "cross",
    ]);
    let w = s.win(id);
    assert_eq!(
        w["principles"],
        serde_json::json!(["have-backbone-disagree-and-commit", "frugality"]),
        "{w}"
    );
    assert_eq!(w["expectations"][1], "cross-org-impact", "{w}");

    // Ambiguous parts list the candidates, and change nothing.
    let before = fingerprint(&s.db);
    let err = s.fail(&["edit", &id.to_string(), "--principle", "be"], 2);
    assert!(
        err.contains("more than one")
            && err.contains("Learn and Be Curious")
            && err.contains("Strive to be Earth's Best Employer"),
        "{err}"
    );
    let err = s.fail(&["log", "X", "--expect", "zz"], 3);
    assert!(err.contains("'zz'") && err.contains("strategy"), "{err}");
    assert_eq!(fingerprint(&s.db), before);
    // On a ladder where two ids start alike, the start of one is ambiguous.
    s.run(&["cycle", "set", "--ladder", "first-time-manager"]);
    let before = fingerprint(&s.db);
    let err = s.fail(&["log", "X", "--expect", "pe"], 2);
    assert!(
        err.contains("more than one")
            && err.contains("people-time")
            && err.contains("performance-management"),
        "{err}"
    );
    assert_eq!(fingerprint(&s.db), before);
    let id = s.log(&["Y", "--expect", "PEOPLE"]);
    assert_eq!(s.win(id)["expectations"][0], "people-time");
}

// ---------------------------------------------------------------------------------
// Messages for empty answers
// ---------------------------------------------------------------------------------

#[test]
fn a_search_miss_says_nothing_matched() {
    let s = Sandbox::new();
    s.log(&["Hired two managers"]);
    let (out, err) = s.run(&["search", "zeppelin"]);
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("Nothing matched 'zeppelin'"), "{err}");
    assert_eq!(s.json(&["search", "zeppelin"]), serde_json::json!([]));
}

// ---------------------------------------------------------------------------------
// A journal written by an older Caliber
// ---------------------------------------------------------------------------------

#[test]
fn a_journal_written_by_an_older_caliber_still_undoes_and_its_stale_rows_are_never_redone() {
    let s = Sandbox::new();
    let a = s.log(&["First win"]);
    s.run(&["edit", &a.to_string(), "--metric", "3 teams"]);
    let c = s.log(&["Taken back long ago"]);
    s.run(&["undo"]);
    let b = s.log(&["Second win"]);
    {
        // As an older Caliber left them: an edit's snapshot is a bare draft, and a
        // row undone before later actions stays in the journal below them.
        let conn = rusqlite::Connection::open(&s.db).expect("open the database");
        conn.execute(
            "UPDATE actions SET before = json_remove(before, '$.created_people', '$.removed_people') WHERE kind = 'edit'",
            [],
        )
        .expect("a bare draft");
        conn.execute(
            "UPDATE actions SET id = 10 WHERE entity_id = ?1 AND kind = 'add'",
            [b],
        )
        .expect("move the last row up");
        conn.execute(
            "INSERT INTO actions (id, at, kind, entity, entity_id, undone_at) VALUES (5, '2026-01-01T00:00:00.000000Z', 'add', 'win', ?1, '2026-01-01T00:00:01.000000Z')",
            [c],
        )
        .expect("a stale undone row");
    }
    let said = s.said(&["undo"]);
    assert!(
        said.contains(&format!("removed win {b} 'Second win'")),
        "{said}"
    );
    let list = s.json(&["undo", "--list"]);
    assert_eq!(list["redo"].as_array().expect("redo").len(), 1, "{list}");
    let said = s.said(&["redo"]);
    assert!(said.contains("'Second win'"), "{said}");
    assert!(!s.titles().contains(&"Taken back long ago".to_string()));
    s.run(&["undo"]);
    let said = s.said(&["undo"]);
    assert!(
        said.contains(&format!("put back win {a} 'First win'")) && said.contains("metric"),
        "{said}"
    );
    assert_eq!(s.win(a)["metric"], Value::Null);
    assert_eq!(s.titles(), vec!["First win"]);
}

#[test]
fn expectations_are_matched_without_regard_to_case_when_removed_and_listed() {
    let s = Sandbox::new();
    let id = s.log(&[
        "Argued for the payments bet",
        "--expect",
        "strategy",
        "--expect",
        "delegation",
    ]);
    s.run(&["edit", &id.to_string(), "--unexpect", "DELEGATION"]);
    assert_eq!(s.win(id)["expectations"], serde_json::json!(["strategy"]));
    let listed = s.json(&["list", "--expect", "Strategy"]);
    assert_eq!(listed.as_array().expect("a list").len(), 1, "{listed}");
    let f = s.json(&[
        "feedback",
        "add",
        "Omar Haddad",
        "Great partner",
        "--expect",
        "Peer",
    ]);
    assert_eq!(f["expectation"], "peer-collaboration", "{f}");
}

#[test]
fn an_action_this_caliber_does_not_know_is_refused_and_nothing_changes() {
    let s = Sandbox::new();
    s.log(&["First win"]);
    s.run(&[
        "feedback",
        "add",
        "Omar Haddad",
        "Best partner Finance had this year",
    ]);
    for (kind, entity) in [("add", "widget"), ("merge", "win")] {
        {
            let conn = rusqlite::Connection::open(&s.db).expect("open the database");
            conn.execute("DELETE FROM actions WHERE id > 2", [])
                .expect("clear");
            conn.execute(
                "INSERT INTO actions (at, kind, entity, entity_id) VALUES ('2026-01-01T00:00:00.000000Z', ?1, ?2, 1)",
                [kind, entity],
            )
            .expect("an action of a newer Caliber");
        }
        let before = fingerprint(&s.db);
        let err = s.fail(&["undo"], 2);
        let unknown = if kind == "add" { entity } else { kind };
        assert!(
            err.contains("newer Caliber")
                && err.contains(&format!("'{unknown}'"))
                && err.contains("Nothing was changed"),
            "{err}"
        );
        assert_eq!(
            fingerprint(&s.db),
            before,
            "nothing undone, not even feedback 1"
        );
        let list = s.json(&["undo", "--list"]);
        assert_eq!(list["undo"], serde_json::json!([]), "{list}");
        assert!(
            list["stop"]
                .as_str()
                .unwrap_or_default()
                .contains(&format!("'{unknown}'")),
            "{list}"
        );
    }
    assert_eq!(s.titles(), vec!["First win"]);
    assert_eq!(
        s.json(&["feedback", "list"])
            .as_array()
            .expect("feedback")
            .len(),
        1
    );
}

#[test]
fn an_action_a_newer_caliber_wrote_is_refused_by_name_and_nothing_changes() {
    let s = Sandbox::new();
    s.log(&["Hired two managers for the payments org"]);
    for (column, value) in [("entity", "gizmo"), ("kind", "merge")] {
        let conn = rusqlite::Connection::open(&s.db).expect("open the database");
        conn.execute(
            &format!("UPDATE actions SET {column} = ?1 WHERE id = (SELECT max(id) FROM actions)"),
            [value],
        )
        .expect("write the journal row");
        drop(conn);
        let before = fingerprint(&s.db);
        let said = s.fail(&["undo"], 2);
        assert!(
            said.contains(&format!(
                "the undo journal holds an action this Caliber does not know ({column} '{value}'), written by a newer Caliber"
            )),
            "{said}"
        );
        assert_eq!(fingerprint(&s.db), before, "a refused undo changes nothing");
        let conn = rusqlite::Connection::open(&s.db).expect("open the database");
        conn.execute(
            "UPDATE actions SET entity = 'win', kind = 'add' WHERE id = (SELECT max(id) FROM actions)",
            [],
        )
        .expect("put the journal row back");
    }
}

// ---------------------------------------------------------------------------------
// A level set by hand is one step like any edit
// ---------------------------------------------------------------------------------

/// The level win `id` shows for `expectation`, and whether the person set it.
fn level_of(s: &Sandbox, id: i64, expectation: &str) -> (String, bool) {
    let w = s.win(id);
    let l = w["levels"]
        .as_array()
        .and_then(|ls| ls.iter().find(|l| l["expectation"] == expectation))
        .unwrap_or_else(|| panic!("win {id} has a level for {expectation}: {w}"));
    (
        l["level"].as_str().expect("a level").to_string(),
        l["overridden"].as_bool().expect("overridden"),
    )
}

#[test]
fn a_level_set_by_hand_is_undone_to_the_previous_level_and_redone() {
    let s = Sandbox::new();
    let id = s.log(&[
        "Hired four engineers for the payments team",
        "--expect",
        "hire-develop-managers",
    ]);
    let e = "hire-develop-managers";
    let judged = level_of(&s, id, e);
    assert_eq!(judged, ("below".to_string(), false), "the rules' reading");

    let said = s.said(&["edit", &id.to_string(), "--level", "at"]);
    assert!(!said.contains("undo does not"), "{said}");
    assert!(
        said.contains("undo"),
        "the message says undo takes it back: {said}"
    );
    assert_eq!(level_of(&s, id, e), ("at".to_string(), true));

    let list = s.json(&["undo", "--list"]);
    let next = list["undo"][0]["sentence"].as_str().unwrap_or_default();
    assert!(
        next.contains("level") && next.contains(&format!("win {id}")) && next.contains(e),
        "the next undo names the level, the win and the expectation: {list}"
    );

    let said = s.said(&["undo"]);
    assert!(
        said.contains("level") && said.contains(&format!("win {id}")),
        "{said}"
    );
    assert_eq!(level_of(&s, id, e), judged, "back to the rules' judgment");

    let said = s.said(&["redo"]);
    assert!(
        said.starts_with("Redone:") && said.contains("level"),
        "{said}"
    );
    assert_eq!(level_of(&s, id, e), ("at".to_string(), true));

    // A level over a level: undo goes back to the one set before, not to auto.
    s.run(&["edit", &id.to_string(), "--level", "above"]);
    assert_eq!(level_of(&s, id, e), ("above".to_string(), true));
    s.run(&["undo"]);
    assert_eq!(level_of(&s, id, e), ("at".to_string(), true));

    // `auto` is a step too: undoing it brings the level set by hand back.
    s.run(&["edit", &id.to_string(), "--level", "auto"]);
    assert_eq!(level_of(&s, id, e), judged);
    s.run(&["undo"]);
    assert_eq!(level_of(&s, id, e), ("at".to_string(), true));
    s.run(&["redo"]);
    assert_eq!(level_of(&s, id, e), judged);
}

#[test]
fn an_edit_with_a_level_is_one_step_to_undo_and_redo() {
    let s = Sandbox::new();
    let id = s.log(&["Hired four engineers", "--expect", "hire-develop-managers"]);
    let e = "hire-develop-managers";
    let sid = id.to_string();
    let judged = level_of(&s, id, e);
    let steps = |s: &Sandbox| {
        s.json(&["undo", "--list"])["undo"]
            .as_array()
            .map(Vec::len)
            .unwrap_or_default()
    };
    let before_steps = steps(&s);
    s.run(&[
        "edit",
        &sid,
        "--title",
        "Hired two engineering managers",
        "--level",
        "above",
    ]);
    assert_eq!(s.win(id)["title"], "Hired two engineering managers");
    assert_eq!(level_of(&s, id, e), ("above".to_string(), true));
    assert_eq!(steps(&s), before_steps + 1, "one edit, one step");

    // One undo takes back the title and the level together.
    s.run(&["undo"]);
    assert_eq!(s.win(id)["title"], "Hired four engineers");
    assert_eq!(level_of(&s, id, e), judged);
    assert_eq!(steps(&s), before_steps);

    // One redo makes both again.
    let said = s.said(&["redo"]);
    assert!(said.starts_with("Redone:"), "{said}");
    assert_eq!(s.win(id)["title"], "Hired two engineering managers");
    assert_eq!(level_of(&s, id, e), ("above".to_string(), true));

    // A tag added by the same edit can take the level, still in one step.
    s.run(&[
        "edit",
        &sid,
        "--title",
        "Hired two engineering managers for the org",
        "--expect",
        "delegation",
        "--level",
        "at",
    ]);
    assert_eq!(level_of(&s, id, "delegation"), ("at".to_string(), true));
    s.run(&["undo"]);
    assert_eq!(s.win(id)["title"], "Hired two engineering managers");
    let tags = s.win(id)["expectations"].to_string();
    assert!(!tags.contains("delegation"), "{tags}");
    assert_eq!(level_of(&s, id, e), ("above".to_string(), true));
}

#[test]
fn a_level_refused_or_unchanged_changes_and_records_nothing() {
    let s = Sandbox::new();
    let id = s.log(&["Hired four engineers", "--expect", "hire-develop-managers"]);
    s.run(&["edit", &id.to_string(), "--level", "at"]);
    let sid = id.to_string();
    let before = fingerprint(&s.db);
    for (args, code) in [
        (vec!["edit", &sid, "--level", "L7"], 2),
        (vec!["edit", &sid, "--level", "", "--expect", "strategy"], 2),
        (vec!["edit", "999", "--level", "at"], 3),
    ] {
        s.fail(&args, code);
        assert_eq!(fingerprint(&s.db), before, "{args:?} changed nothing");
    }
    // The same level again is no change: nothing written, nothing to undo.
    s.run(&["edit", &sid, "--level", "at"]);
    assert_eq!(fingerprint(&s.db), before, "the same level records nothing");
    s.run(&["undo"]);
    assert_eq!(
        level_of(&s, id, "hire-develop-managers"),
        ("below".to_string(), false),
        "the one undo takes back the level set first"
    );
}
