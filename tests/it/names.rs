//! Names, tags and passphrases as people type them, through the real `caliber`
//! binary: the same name in another case or Unicode form is the same person, a name
//! that is not exact is taken as the one person it most likely means and says so,
//! an unclear or new name is refused unless `--new-person` says it is new, and an
//! import names a bounded number of people and tags per win, in time linear in them.

use crate::common;
use crate::common::{cal, stderr};

use common::fingerprint;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn json(a: &assert_cmd::assert::Assert) -> Value {
    let out = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("JSON ({e}): {out}"))
}

fn fresh() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("caliber.db");
    (dir, db)
}

/// Everyone's names, as `people list --json` gives them.
fn names(db: &Path) -> Vec<String> {
    let a = cal(db)
        .args(["--json", "people", "list"])
        .assert()
        .success();
    json(&a)
        .as_array()
        .expect("a list")
        .iter()
        .map(|p| p["name"].as_str().expect("a name").to_string())
        .collect()
}

const NFD_JOSE_UPPER: &str = "JOSE\u{301} MU\u{308}LLER";
const NFD_JOSE: &str = "Jose\u{301} Mu\u{308}ller";

// ---------------------------------------------------------------------------
// C10: one person whatever the case or Unicode form
// ---------------------------------------------------------------------------

#[test]
fn the_same_name_in_another_case_or_unicode_form_is_one_person() {
    let (_dir, db) = fresh();
    cal(&db)
        .args(["people", "add", "José Müller"])
        .assert()
        .success();
    cal(&db)
        .args(["log", "Ran the planning offsite", "--with", NFD_JOSE_UPPER])
        .assert()
        .success();
    cal(&db)
        .args(["log", "Closed the hiring loop", "--with", "josé müller"])
        .assert()
        .success();
    assert_eq!(names(&db), ["José Müller"]);

    cal(&db).args(["people", "add", "IŞIK"]).assert().success();
    for typed in ["Işık", "ışık", "işik"] {
        cal(&db)
            .args(["log", &format!("Paired with {typed}"), "--with", typed])
            .assert()
            .success();
    }
    let mut got = names(&db);
    got.sort();
    assert_eq!(got, ["IŞIK", "José Müller"]);

    // Adding the same person again under another form is refused, nothing written.
    let before = fingerprint(&db);
    for typed in [NFD_JOSE, "ışık"] {
        let a = cal(&db)
            .args(["people", "add", typed])
            .assert()
            .failure()
            .code(2);
        assert!(
            stderr(&a).contains("already in your people"),
            "{}",
            stderr(&a)
        );
    }
    assert_eq!(fingerprint(&db), before);

    // Both wins of each person are theirs.
    let a = cal(&db)
        .args(["--json", "list", "--person", "Işık"])
        .assert()
        .success();
    assert_eq!(json(&a).as_array().unwrap().len(), 3);
}

#[test]
fn names_and_titles_typed_decomposed_are_stored_composed() {
    let (_dir, db) = fresh();
    let a = cal(&db)
        .args(["--json", "log", "Mu\u{308}nchen launch", "--with", NFD_JOSE])
        .arg("--new-person")
        .assert()
        .success();
    let w = json(&a);
    assert_eq!(w["title"], "München launch");
    assert_eq!(w["people"][0], "José Müller");
    assert_eq!(names(&db), ["José Müller"]);
}

#[test]
fn a_capital_dotted_i_in_a_tag_gains_no_combining_dot_and_tags_compare_folded() {
    let (_dir, db) = fresh();
    let a = cal(&db)
        .args(["--json", "log", "Opened the office", "--tag", "İstanbul"])
        .assert()
        .success();
    assert_eq!(json(&a)["tags"], serde_json::json!(["istanbul"]));
    let a = cal(&db)
        .args(["--json", "log", "Hired there", "--tag", "ISTANBUL"])
        .args(["--tag", "istanbul", "--tag", "I\u{307}stanbul"])
        .assert()
        .success();
    assert_eq!(json(&a)["tags"], serde_json::json!(["istanbul"]));
    let a = cal(&db)
        .args(["--json", "list", "--tag", "İSTANBUL"])
        .assert()
        .success();
    assert_eq!(json(&a).as_array().unwrap().len(), 2);
}

#[test]
fn a_passphrase_set_composed_opens_when_typed_decomposed_and_the_reverse() {
    let composed = "crème brûlée café";
    let decomposed = "cre\u{300}me bru\u{302}le\u{301}e cafe\u{301}";
    let (_dir, db) = fresh();
    cal(&db).args(["log", "Quiet win"]).assert().success();
    cal(&db)
        .arg("encrypt")
        .env("CALIBER_NEW_PASSPHRASE", composed)
        .assert()
        .success();
    cal(&db)
        .arg("list")
        .env("CALIBER_PASSPHRASE", decomposed)
        .assert()
        .success()
        .stdout(predicates::str::contains("Quiet win"));

    // And a file encrypted by typing it decomposed opens when it is typed composed.
    let (_dir2, db2) = fresh();
    cal(&db2).args(["log", "Other win"]).assert().success();
    cal(&db2)
        .arg("encrypt")
        .env("CALIBER_NEW_PASSPHRASE", decomposed)
        .assert()
        .success();
    cal(&db2)
        .arg("list")
        .env("CALIBER_PASSPHRASE", composed)
        .assert()
        .success()
        .stdout(predicates::str::contains("Other win"));
}

#[test]
fn a_file_keyed_with_a_decomposed_passphrase_before_normalizing_still_opens() {
    let decomposed = "cre\u{300}me bru\u{302}le\u{301}e cafe\u{301}";
    let (dir, plain) = fresh();
    cal(&plain).args(["log", "Kept win"]).assert().success();
    // What an earlier Caliber wrote: SQLCipher keyed with the bytes as typed.
    let enc = dir.path().join("enc.db");
    {
        let conn = rusqlite::Connection::open(&plain).unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        conn.execute(
            "ATTACH DATABASE ?1 AS enc KEY ?2",
            [enc.to_string_lossy().as_ref(), decomposed],
        )
        .unwrap();
        conn.query_row("SELECT sqlcipher_export('enc')", [], |_| Ok(()))
            .unwrap();
        conn.pragma_update(Some("enc"), "user_version", version)
            .unwrap();
        conn.execute_batch("DETACH DATABASE enc").unwrap();
    }
    cal(&enc)
        .arg("list")
        .env("CALIBER_PASSPHRASE", decomposed)
        .assert()
        .success()
        .stdout(predicates::str::contains("Kept win"));
}

// ---------------------------------------------------------------------------
// C11: a name that is not exact is taken as the one person it means, and says so
// ---------------------------------------------------------------------------

fn add_people(db: &Path, names: &[&str]) {
    for n in names {
        cal(db).args(["people", "add", n]).assert().success();
    }
}

#[test]
fn a_near_name_is_taken_as_the_one_person_it_most_likely_means_and_says_so() {
    let (_dir, db) = fresh();
    add_people(&db, &["Rebecca Tran", "Sofia Alvarez", "Dana Kowalski"]);

    let a = cal(&db)
        .args(["log", "Shipped the ledger", "--with", "Rebeca Tran"])
        .assert()
        .success();
    assert!(
        stderr(&a).contains("'Rebeca Tran' taken as Rebecca Tran (person 1)"),
        "{}",
        stderr(&a)
    );
    let a = cal(&db)
        .args(["--json", "log", "Ran the review", "--with", "Dana"])
        .assert()
        .success();
    let w = json(&a);
    assert_eq!(w["people"], serde_json::json!(["Dana Kowalski"]));
    assert_eq!(w["names_taken"][0]["typed"], "Dana");
    assert_eq!(w["names_taken"][0]["name"], "Dana Kowalski");
    assert_eq!(w["names_taken"][0]["id"], 3);
    assert_eq!(w["names_taken"][0]["reason"], "first-name");

    let a = cal(&db)
        .args(["feedback", "add", "Sofia", "Clear thinking in planning"])
        .assert()
        .success();
    assert!(
        stderr(&a).contains("'Sofia' taken as Sofia Alvarez (person 2)"),
        "{}",
        stderr(&a)
    );
    let a = cal(&db)
        .args(["--json", "people", "show", "Dana"])
        .assert()
        .success();
    assert_eq!(json(&a)["name"], "Dana Kowalski");
    let a = cal(&db)
        .args(["edit", "1", "--with", "Dana Kow"])
        .assert()
        .success();
    assert!(
        stderr(&a).contains("taken as Dana Kowalski"),
        "{}",
        stderr(&a)
    );

    let mut got = names(&db);
    got.sort();
    assert_eq!(got, ["Dana Kowalski", "Rebecca Tran", "Sofia Alvarez"]);
}

#[test]
fn an_unclear_or_new_name_is_refused_unless_new_person_says_it_is_new() {
    let (_dir, db) = fresh();
    add_people(&db, &["Sam Lee", "Sam Ortiz"]);
    cal(&db).args(["log", "First win"]).assert().success();
    let before = fingerprint(&db);

    let a = cal(&db)
        .args(["log", "Paired on the launch", "--with", "Sam"])
        .assert()
        .failure()
        .code(2);
    let e = stderr(&a);
    assert!(
        e.contains("Sam Lee (person 1)") && e.contains("Sam Ortiz (person 2)"),
        "{e}"
    );
    assert!(e.contains("--new-person"), "{e}");
    let a = cal(&db)
        .args(["log", "Paired on the launch", "--with", "Zoe Park"])
        .assert()
        .failure()
        .code(2);
    let e = stderr(&a);
    assert!(
        e.contains("'Zoe Park'") && e.contains("--new-person"),
        "{e}"
    );
    cal(&db)
        .args(["feedback", "add", "Zoe Park", "Great partner"])
        .assert()
        .failure()
        .code(2);
    cal(&db)
        .args(["edit", "1", "--with", "Zoe Park"])
        .assert()
        .failure()
        .code(2);
    let a = cal(&db)
        .args(["--json", "people", "show", "Sam"])
        .assert()
        .failure()
        .code(2);
    assert!(stderr(&a).contains("Sam Ortiz"), "{}", stderr(&a));
    cal(&db)
        .args(["people", "show", "Zoe Park"])
        .assert()
        .failure()
        .code(3);
    assert_eq!(fingerprint(&db), before, "refusals changed nothing");

    // Said to be new: added.
    cal(&db)
        .args([
            "log",
            "Paired on the launch",
            "--with",
            "Zoe Park",
            "--new-person",
        ])
        .assert()
        .success();
    cal(&db)
        .args(["feedback", "add", "Ada Moss", "Sharp", "--new-person"])
        .assert()
        .success();
    // The id picks one person of several.
    let a = cal(&db)
        .args(["--json", "edit", "1", "--with", "2"])
        .assert()
        .success();
    assert_eq!(json(&a)["people"], serde_json::json!(["Sam Ortiz"]));
    let mut got = names(&db);
    got.sort();
    assert_eq!(got, ["Ada Moss", "Sam Lee", "Sam Ortiz", "Zoe Park"]);
}

#[test]
fn people_add_makes_a_person_even_when_the_name_is_near_another() {
    let (_dir, db) = fresh();
    add_people(&db, &["Rebecca Tran", "Rebeca Tran"]);
    let a = cal(&db)
        .args(["--json", "log", "Ran the offsite", "--with", "rebeca tran"])
        .assert()
        .success();
    assert_eq!(json(&a)["people"], serde_json::json!(["Rebeca Tran"]));
}

#[test]
fn deleting_a_person_says_what_they_are_linked_to_and_needs_yes() {
    let (_dir, db) = fresh();
    add_people(&db, &["Priya Raman", "Omar Haddad"]);
    cal(&db)
        .args(["log", "Hired two managers", "--with", "Priya Raman"])
        .assert()
        .success();
    cal(&db)
        .args(["feedback", "add", "Priya Raman", "Strong bar-raiser"])
        .assert()
        .success();
    let before = fingerprint(&db);
    let a = cal(&db)
        .args(["people", "delete", "Priya Raman"])
        .assert()
        .failure()
        .code(2);
    let e = stderr(&a);
    assert!(
        e.contains("1 win") && e.contains("1 piece of feedback"),
        "{e}"
    );
    assert!(e.contains("--yes"), "{e}");
    assert_eq!(fingerprint(&db), before, "nothing deleted");
    cal(&db)
        .args(["people", "delete", "Priya Raman", "--yes"])
        .assert()
        .success();
    // Nobody linked: no question.
    cal(&db)
        .args(["people", "delete", "Omar Haddad"])
        .assert()
        .success();
    assert!(names(&db).is_empty());
}

// ---------------------------------------------------------------------------
// C13: people and tags per win are capped, and import is linear in them
// ---------------------------------------------------------------------------

/// A CSV of `wins` rows, each naming `people` people (distinct across the file when
/// `distinct`) and carrying `tags` tags.
fn csv(wins: usize, people: usize, tags: usize, distinct: bool) -> String {
    let mut out = String::from("date,title,vouchers,tags\n");
    for w in 0..wins {
        let names: Vec<String> = (0..people)
            .map(|p| {
                if distinct {
                    format!("Person {w}-{p}")
                } else {
                    format!("Person {p}")
                }
            })
            .collect();
        let tags: Vec<String> = (0..tags).map(|t| format!("tag{t}")).collect();
        out.push_str(&format!(
            "2026-03-{:02},Imported win {w},{},{}\n",
            w % 28 + 1,
            names.join("; "),
            tags.join("; ")
        ));
    }
    out
}

#[test]
fn an_import_with_a_win_over_the_people_or_tag_cap_is_refused_whole() {
    let (dir, db) = fresh();
    cal(&db).args(["log", "Already here"]).assert().success();
    let people = caliber::store::MAX_PEOPLE_PER_WIN;
    let tags = caliber::store::MAX_TAGS_PER_WIN;
    for (file, body, words) in [
        (
            "people.csv",
            csv(1, 1, 1, false)
                + &csv(1, people + 1, 1, false)
                    .lines()
                    .nth(1)
                    .unwrap()
                    .replace("Imported win 0", "The crowded win"),
            vec![
                "line 3".to_string(),
                "The crowded win".into(),
                format!("{}", people + 1),
                format!("at most {people}"),
            ],
        ),
        (
            "tags.csv",
            csv(1, 1, tags + 1, false),
            vec![
                "line 2".to_string(),
                "Imported win 0".into(),
                format!("at most {tags}"),
            ],
        ),
    ] {
        let path = dir.path().join(file);
        std::fs::write(&path, body + "\n").unwrap();
        let before = fingerprint(&db);
        let a = cal(&db).arg("import").arg(&path).assert().failure().code(2);
        let e = stderr(&a);
        for w in &words {
            assert!(e.contains(w.as_str()), "{file}: {w:?} missing from: {e}");
        }
        assert_eq!(fingerprint(&db), before, "{file}: nothing imported");
    }

    // Logging more than the cap is refused too.
    let mut args: Vec<String> = vec![
        "log".into(),
        "Too many people".into(),
        "--new-person".into(),
    ];
    for p in 0..=people {
        args.push("--with".into());
        args.push(format!("Someone {p}"));
    }
    let before = fingerprint(&db);
    let a = cal(&db).args(&args).assert().failure().code(2);
    assert!(
        stderr(&a).contains(&format!("at most {people}")),
        "{}",
        stderr(&a)
    );
    assert_eq!(fingerprint(&db), before);
}

#[test]
fn a_win_at_the_caps_imports() {
    let (dir, db) = fresh();
    let people = caliber::store::MAX_PEOPLE_PER_WIN;
    let tags = caliber::store::MAX_TAGS_PER_WIN;
    let path = dir.path().join("full.csv");
    std::fs::write(&path, csv(1, people, tags, false)).unwrap();
    cal(&db).arg("import").arg(&path).assert().success();
    let a = cal(&db).args(["--json", "show", "1"]).assert().success();
    let w = json(&a);
    assert_eq!(w["people"].as_array().unwrap().len(), people);
    assert_eq!(w["tags"].as_array().unwrap().len(), tags);
    assert_eq!(names(&db).len(), people);
}

#[test]
fn five_thousand_people_across_many_wins_import() {
    let (dir, db) = fresh();
    let path = dir.path().join("many.csv");
    // 100 wins of 50 people each, everyone distinct, plus the same 50 again on a
    // last row: each found, not added twice.
    let mut body = csv(100, 50, 3, true);
    body.push_str("2026-04-01,Everyone again,");
    let again: Vec<String> = (0..50).map(|p| format!("person 99-{p}")).collect();
    body.push_str(&again.join("; "));
    body.push_str(",x\n");
    std::fs::write(&path, body).unwrap();
    let a = cal(&db)
        .args(["--json", "import"])
        .arg(&path)
        .assert()
        .success();
    let s = json(&a);
    assert_eq!(s["wins"], 101);
    assert_eq!(s["people"], 5000);
    assert_eq!(names(&db).len(), 5000);
    let a = cal(&db)
        .args(["--json", "list", "--person", "Person 99-7"])
        .assert()
        .success();
    assert_eq!(json(&a).as_array().unwrap().len(), 2);
}
