//! End-to-end tests of the `caliber` command line: every command run as a real
//! process against its own temporary database, checking what a person (stdout,
//! stderr, exit code) and a script (`--json`) actually get back.

use crate::common::{cal, text};
use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// A temporary folder holding one test's database and files.
struct Sandbox {
    dir: TempDir,
    db: PathBuf,
}

fn sandbox() -> Sandbox {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = dir.path().join("caliber.db");
    Sandbox { dir, db }
}

impl Sandbox {
    fn cal(&self) -> Command {
        cal(&self.db)
    }

    /// A path inside the sandbox.
    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file into the sandbox and returns its path.
    fn write(&self, name: &str, content: &str) -> PathBuf {
        let p = self.file(name);
        std::fs::write(&p, content).expect("write a test file");
        p
    }

    /// Runs a command that must succeed; returns its stdout.
    fn run(&self, args: &[&str]) -> String {
        let a = self.cal().args(args).assert().success();
        text(&a.get_output().stdout)
    }

    /// Runs a command that must succeed; returns its stderr.
    fn run_err(&self, args: &[&str]) -> String {
        let a = self.cal().args(args).assert().success();
        text(&a.get_output().stderr)
    }

    /// Runs a command with `--json` that must succeed; returns the parsed stdout.
    fn json(&self, args: &[&str]) -> Value {
        let out = self.cal().args(args).arg("--json").assert().success();
        let s = text(&out.get_output().stdout);
        serde_json::from_str(&s).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {s}"))
    }

    /// Runs a command that must fail with `code`; returns its stderr.
    fn fail(&self, args: &[&str], code: i32) -> String {
        let a = self.cal().args(args).assert().failure().code(code);
        text(&a.get_output().stderr)
    }

    /// `caliber log ARGS`; returns the new win's id read from stdout.
    fn log(&self, args: &[&str]) -> i64 {
        let mut all = vec!["log"];
        all.extend_from_slice(args);
        let out = self.run(&all);
        out.trim()
            .parse()
            .unwrap_or_else(|_| panic!("log printed {out:?}, not an id"))
    }

    /// `list --json` plus any filter arguments.
    fn list(&self, args: &[&str]) -> Value {
        let mut all = vec!["list"];
        all.extend_from_slice(args);
        self.json(&all)
    }

    /// The ids `list --json ARGS` returns, in order.
    fn list_ids(&self, args: &[&str]) -> Vec<i64> {
        ids(&self.list(args))
    }

    fn show(&self, id: i64) -> Value {
        self.json(&["show", &id.to_string()])
    }
}

fn ids(v: &Value) -> Vec<i64> {
    v.as_array()
        .expect("a JSON array")
        .iter()
        .map(|w| w["id"].as_i64().expect("an id"))
        .collect()
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|x| x.as_str().expect("a string").to_string())
        .collect()
}

/// A copy of a JSON object without some keys, to compare "everything else".
fn without(v: &Value, keys: &[&str]) -> Value {
    let mut v = v.clone();
    let o = v.as_object_mut().expect("a JSON object");
    for k in keys {
        o.remove(*k);
    }
    v
}

fn today() -> String {
    caliber::dates::today().format("%Y-%m-%d").to_string()
}

/// Four wins across dates, scopes, tags and people; ids 1..=4.
/// Newest first they are 4, 2, 3, 1.
fn seed_four(s: &Sandbox) {
    let a = [
        "Shipped checkout v2",
        "--date",
        "2026-01-10",
        "--expect",
        "team-delivery",
        "--scope",
        "org",
        "--tag",
        "launch",
        "--with",
        "Ana Ruiz",
        "--new-person",
    ];
    assert_eq!(s.log(&a), 1);
    assert_eq!(
        s.log(&[
            "Hired two managers for the payments org",
            "--date",
            "2026-03-05"
        ]),
        2
    );
    let c = [
        "Wrote the payments strategy doc",
        "--date",
        "2026-02-20",
        "--expect",
        "strategy",
        "--scope",
        "company",
        "--tag",
        "planning",
    ];
    assert_eq!(s.log(&c), 3);
    let d = [
        "Ran the ops review without me",
        "--date",
        "2026-04-01",
        "--expect",
        "delegation",
        "--with",
        "Bo",
        "--new-person",
        "--tag",
        "launch",
    ];
    assert_eq!(s.log(&d), 4);
}

/// A sandbox filled by `caliber demo`.
fn demo_sandbox() -> Sandbox {
    let s = sandbox();
    s.run(&["demo"]);
    s
}

const SENIOR_MANAGER_IDS: [&str; 6] = [
    "team-delivery",
    "hire-develop-managers",
    "delegation",
    "strategy",
    "cross-org-impact",
    "peer-collaboration",
];

const GOOD_LADDER: &str = r#"{
  "id": "staff-eng",
  "name": "Staff Engineer",
  "current_level": "L6",
  "target_level": "L7 Staff",
  "summary": "Technical leadership across teams.",
  "expectations": [
    {"id": "tech-vision", "title": "Technical vision", "description": "Sets direction across teams."},
    {"id": "mentoring", "title": "Mentoring", "description": "Grows senior engineers."}
  ]
}"#;

// ---------------------------------------------------------------------------
// log
// ---------------------------------------------------------------------------

#[test]
fn log_prints_only_the_id_on_stdout_and_confirms_on_stderr() {
    let s = sandbox();
    // Multi-word text without quotes.
    let args = [
        "log", "Hired", "two", "managers", "for", "the", "payments", "org",
    ];
    s.cal().args(args).assert().success().stdout("1\n").stderr(
        predicate::str::contains("Logged win 1").and(predicate::str::contains(
            "Hired two managers for the payments org",
        )),
    );
    s.cal()
        .args(["log", "Second win"])
        .assert()
        .success()
        .stdout("2\n");

    let w = s.show(1);
    assert_eq!(w["title"], "Hired two managers for the payments org");
    assert_eq!(w["date"], today().as_str());
    assert_eq!(w["source"], "cli");
    // No --expect: the best suggestion is stored, unconfirmed.
    assert_eq!(strs(&w["suggested"]), vec!["hire-develop-managers"]);
    assert_eq!(strs(&w["expectations"]), vec!["hire-develop-managers"]);
}

#[test]
fn log_with_every_flag_stores_every_field() {
    let s = sandbox();
    let id = s.log(&[
        "Shipped",
        "checkout",
        "v2",
        "--date",
        "2026-02-01",
        "--expect",
        "team-delivery",
        "--expect",
        "cross-org-impact",
        "--principle",
        "Deliver Results",
        "--principle",
        "ownership",
        "--scope",
        "org",
        "--metric",
        "conversion +4%",
        "--with",
        "Ana Ruiz",
        "--with",
        "Bo Chen",
        "--involved",
        "Cy Park",
        "--new-person",
        "--tag",
        "launch",
        "--tag",
        "#Q1",
        "--link",
        "https://wiki.example.com/checkout",
        "--situation",
        "Checkout lagged behind",
        "--action",
        "Set up the rewrite",
        "--result",
        "Conversion up",
        "--notes",
        "See the doc",
    ]);
    let check = |w: &Value| {
        assert_eq!(w["id"], id);
        assert_eq!(w["title"], "Shipped checkout v2");
        assert_eq!(w["date"], "2026-02-01");
        assert_eq!(
            strs(&w["expectations"]),
            vec!["team-delivery", "cross-org-impact"]
        );
        assert!(strs(&w["suggested"]).is_empty(), "given ids are confirmed");
        assert_eq!(strs(&w["principles"]), vec!["deliver-results", "ownership"]);
        assert_eq!(w["scope"], "org");
        assert_eq!(w["metric"], "conversion +4%");
        assert_eq!(strs(&w["people"]), vec!["Ana Ruiz", "Bo Chen", "Cy Park"]);
        assert_eq!(strs(&w["vouchers"]), vec!["Ana Ruiz", "Bo Chen"]);
        assert_eq!(strs(&w["tags"]), vec!["launch", "q1"]);
        assert_eq!(strs(&w["links"]), vec!["https://wiki.example.com/checkout"]);
        assert_eq!(w["situation"], "Checkout lagged behind");
        assert_eq!(w["action"], "Set up the rewrite");
        assert_eq!(w["result"], "Conversion up");
        assert_eq!(w["notes"], "See the doc");
    };
    check(&s.show(id));
    let list = s.list(&[]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    check(&list[0]);
    // --with and --involved add people.
    let people = s.json(&["people", "list"]);
    let names: Vec<&str> = people
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    for n in ["Ana Ruiz", "Bo Chen", "Cy Park"] {
        assert!(names.contains(&n), "{n} missing from {names:?}");
    }
}

#[test]
fn log_reads_relative_dates() {
    let s = sandbox();
    let id = s.log(&["Ran the offsite", "--date", "3 days ago"]);
    let expected = (caliber::dates::today() - chrono::Duration::days(3))
        .format("%Y-%m-%d")
        .to_string();
    assert_eq!(s.show(id)["date"], expected.as_str());
    let id = s.log(&["Closed the hire", "--date", "yesterday"]);
    let expected = (caliber::dates::today() - chrono::Duration::days(1))
        .format("%Y-%m-%d")
        .to_string();
    assert_eq!(s.show(id)["date"], expected.as_str());
}

#[test]
fn log_refuses_bad_values_with_the_problem_and_the_fix_and_changes_nothing() {
    let s = sandbox();
    s.log(&["An existing win", "--expect", "strategy"]);
    let before = s.list(&[]);
    // (extra arguments, words naming the problem, words naming the fix)
    let cases: [(&[&str], &str, &str); 6] = [
        (&["--date", "2026-13-01"], "2026-13-01", "YYYY-MM-DD"),
        (&["--date", "2026-02-30"], "2026-02-30", "YYYY-MM-DD"),
        (
            &["--expect", "hire-managers"],
            "hire-managers",
            "hire-develop-managers",
        ),
        (
            &["--scope", "galaxy"],
            "galaxy",
            "team, org, company, industry",
        ),
        (
            &["--principle", "Be Nice"],
            "Be Nice",
            "caliber ladder principles",
        ),
        (&["--date", "1899-01-01"], "1899-01-01", "YYYY-MM-DD"),
    ];
    for (extra, problem, fix) in cases {
        let mut args = vec!["log", "Bad", "win"];
        args.extend_from_slice(extra);
        let out = s.cal().args(&args).assert().failure();
        let o = out.get_output();
        let err = text(&o.stderr);
        assert!(o.stdout.is_empty(), "{extra:?}: printed an id on failure");
        assert!(err.contains(problem), "{extra:?}: {err}");
        assert!(err.contains(fix), "{extra:?}: {err}");
        assert_eq!(s.list(&[]), before, "{extra:?} changed the ledger");
    }
    // An empty title is refused too.
    let err = s.fail(&["log", "   "], 2);
    assert!(err.contains("title"), "{err}");
    assert_eq!(s.list(&[]), before);
}

// ---------------------------------------------------------------------------
// list
// ---------------------------------------------------------------------------

#[test]
fn list_is_newest_first_and_every_filter_works() {
    let s = sandbox();
    seed_four(&s);
    assert_eq!(s.list_ids(&[]), vec![4, 2, 3, 1]);

    // Text output: one line per win, newest first, suggestions marked with '?'.
    let out = s.run(&["list"]);
    let first_ids: Vec<&str> = out
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(first_ids, vec!["4", "2", "3", "1"], "{out}");
    assert!(out.contains("[hire-develop-managers?]"), "{out}");
    assert!(out.contains("[team-delivery]"), "{out}");
    // `ls` is an alias.
    assert_eq!(s.run(&["ls"]), out);

    assert_eq!(s.list_ids(&["--since", "2026-02-01"]), vec![4, 2, 3]);
    assert_eq!(
        s.list_ids(&["--until", "2026-02-20"]),
        vec![3, 1],
        "inclusive"
    );
    assert_eq!(
        s.list_ids(&["--since", "2026-02-20", "--until", "2026-03-05"]),
        vec![2, 3]
    );
    assert_eq!(s.list_ids(&["--expect", "strategy"]), vec![3]);
    assert_eq!(s.list_ids(&["--expect", "hire-develop-managers"]), vec![2]);
    assert_eq!(s.list_ids(&["--scope", "org"]), vec![1]);
    assert_eq!(s.list_ids(&["--scope", "company"]), vec![3]);
    assert_eq!(s.list_ids(&["--tag", "launch"]), vec![4, 1]);
    assert_eq!(s.list_ids(&["--tag", "planning"]), vec![3]);
    assert_eq!(s.list_ids(&["--person", "Ana Ruiz"]), vec![1]);
    assert_eq!(s.list_ids(&["--person", "ana ruiz"]), vec![1]);
    assert_eq!(s.list_ids(&["--person", "Bo"]), vec![4]);
    assert_eq!(s.list_ids(&["--suggested"]), vec![2]);
    assert_eq!(s.list_ids(&["--confirmed"]), vec![4, 3, 1]);
    assert_eq!(s.list_ids(&["-n", "2"]), vec![4, 2]);
    assert_eq!(s.list_ids(&["--tag", "launch", "-n", "1"]), vec![4]);
    assert_eq!(s.list_ids(&["--tag", "nothing"]), Vec::<i64>::new());

    // Bad filter values are refused with the fix.
    let err = s.fail(&["list", "--since", "2026-02-30"], 2);
    assert!(err.contains("YYYY-MM-DD"), "{err}");
    let err = s.fail(&["list", "--scope", "galaxy"], 2);
    assert!(
        err.contains("galaxy") && err.contains("possible values: team, org"),
        "{err}"
    );
    let err = s.fail(&["list", "--expect", "nope"], 3);
    assert!(
        err.contains("nope") && err.contains("team-delivery"),
        "{err}"
    );
    let err = s.fail(&["list", "--person", "Nobody"], 3);
    assert!(err.contains("Nobody"), "{err}");
    s.cal()
        .args(["list", "--suggested", "--confirmed"])
        .assert()
        .failure()
        .code(2);
}

#[test]
fn list_json_items_have_the_documented_shape() {
    let s = sandbox();
    seed_four(&s);
    let list = s.list(&[]);
    for w in list.as_array().unwrap() {
        assert!(w["id"].is_i64(), "{w}");
        let date = w["date"].as_str().expect("date is a string");
        assert!(
            chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(),
            "{date}"
        );
        assert!(w["title"].is_string(), "{w}");
        let e = w["expectations"].as_array().expect("expectations array");
        assert!(e.iter().all(Value::is_string), "{w}");
    }
    assert_eq!(strs(&list[0]["expectations"]), vec!["delegation"]);
    // An empty result is an empty array, not a sentence.
    assert_eq!(s.list(&["--tag", "none"]), Value::Array(vec![]));
    // Without --json, "no wins" is said on stderr and stdout stays empty.
    s.cal()
        .args(["list", "--tag", "none"])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("No wins match"));
}

// ---------------------------------------------------------------------------
// search
// ---------------------------------------------------------------------------

#[test]
fn search_reads_words_phrases_and_exclusions() {
    let s = sandbox();
    seed_four(&s);
    let found = |args: &[&str]| -> Vec<i64> {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        let mut v = ids(&s.json(&all));
        v.sort_unstable();
        v
    };
    assert_eq!(found(&["payments"]), vec![2, 3]);
    assert_eq!(found(&["checkout"]), vec![1]);
    assert_eq!(found(&["hir"]), vec![2], "words match as prefixes");
    assert_eq!(
        found(&["payments", "strategy"]),
        vec![3],
        "all words must match"
    );
    assert_eq!(found(&["\"payments strategy\""]), vec![3]);
    assert_eq!(found(&["\"strategy payments\""]), Vec::<i64>::new());
    assert_eq!(found(&["payments -strategy"]), vec![2]);
    assert_eq!(found(&["nothing-like-this"]), Vec::<i64>::new());
    assert_eq!(
        s.json(&["search", "payments", "--limit", "1"])
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // Text output: the matching line.
    let out = s.run(&["search", "checkout"]);
    assert!(out.contains("Shipped checkout v2"), "{out}");
    assert_eq!(out.lines().count(), 1, "{out}");

    // A deleted win is not found.
    s.run(&["delete", "1"]);
    assert_eq!(found(&["checkout"]), Vec::<i64>::new());
}

#[test]
fn search_never_fails_with_a_database_error_on_hostile_text() {
    let s = sandbox();
    seed_four(&s);
    let hostile = [
        "\"",
        "AND",
        "OR",
        "NOT",
        "*",
        "(",
        ")",
        "title:x",
        "body:payments",
        "NEAR(a b)",
        "\"unbalanced phrase",
        "payments\"",
        "'",
        "^payments",
        "payments*",
        "{title}: x",
        "a:b:c",
        "+",
        "\\",
        "%",
        "_",
        "NULL",
        "payments AND",
        "AND payments",
        "x; DROP TABLE wins; --",
        "🙂 payments",
        "-",
    ];
    for q in hostile {
        let o = s
            .cal()
            .args(["search", q, "--json"])
            .output()
            .expect("run caliber");
        let code = o.status.code().unwrap_or(-1);
        let err = text(&o.stderr);
        assert!(code == 0 || code == 2, "{q:?}: exit {code}, stderr {err}");
        assert!(!err.contains("database error"), "{q:?}: {err}");
        if code == 0 {
            let v: Value = serde_json::from_str(&text(&o.stdout))
                .unwrap_or_else(|e| panic!("{q:?}: stdout not JSON: {e}"));
            assert!(v.is_array(), "{q:?}");
        } else {
            let r: Value = serde_json::from_str(err.trim())
                .unwrap_or_else(|e| panic!("{q:?}: stderr not a JSON error: {e}: {err}"));
            assert_eq!(r["kind"], "invalid_input", "{q:?}: {err}");
            assert!(
                r["message"].as_str().unwrap().contains("caliber search"),
                "{q:?}"
            );
        }
        // Text mode too.
        let o = s.cal().args(["search", q]).output().expect("run caliber");
        let code = o.status.code().unwrap_or(-1);
        assert!(code == 0 || code == 2, "{q:?}: exit {code}");
        assert!(!text(&o.stderr).contains("database error"), "{q:?}");
    }
    // Syntax characters around a word are ignored; the word still finds its wins.
    let mut found = ids(&s.json(&["search", "(payments*)"]));
    found.sort_unstable();
    assert_eq!(found, vec![2, 3]);
    // And nothing was harmed.
    assert_eq!(s.list_ids(&[]), vec![4, 2, 3, 1]);
}

// ---------------------------------------------------------------------------
// show
// ---------------------------------------------------------------------------

#[test]
fn show_prints_a_win_in_full_as_text_and_json() {
    let s = sandbox();
    let id = s.log(&[
        "Shipped checkout v2",
        "--date",
        "2026-02-01",
        "-e",
        "team-delivery",
        "-p",
        "ownership",
        "--metric",
        "4%",
        "--with",
        "Ana Ruiz",
        "--involved",
        "Cy",
        "--new-person",
        "--tag",
        "launch",
        "--link",
        "https://x.example/doc",
        "--notes",
        "Long story",
    ]);
    let out = s.run(&["show", &id.to_string()]);
    for needle in [
        "Win 1",
        "2026-02-01",
        "Shipped checkout v2",
        "Metric: 4%",
        "Notes: Long story",
        "Evidence for: team-delivery",
        "Principles: ownership",
        "Ana Ruiz (can vouch)",
        "Cy",
        "#launch",
        "Link: https://x.example/doc",
        "scope: team",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in:\n{out}");
    }
    let w = s.show(id);
    assert_eq!(w["id"], 1);
    assert_eq!(w["title"], "Shipped checkout v2");
    assert_eq!(strs(&w["vouchers"]), vec!["Ana Ruiz"]);
    assert!(w["logged_at"].is_string());

    let err = s.fail(&["show", "999"], 3);
    assert!(err.contains("no win 999"), "{err}");
    s.cal().args(["show", "999"]).assert().stdout("").code(3);
}

// ---------------------------------------------------------------------------
// edit, delete, undo
// ---------------------------------------------------------------------------

#[test]
fn edit_changes_only_the_given_fields_and_undo_restores() {
    let s = sandbox();
    let id = s.log(&[
        "Shipped checkout v2",
        "--date",
        "2026-02-01",
        "-e",
        "team-delivery",
        "-e",
        "cross-org-impact",
        "-p",
        "ownership",
        "--scope",
        "org",
        "--metric",
        "4%",
        "--with",
        "Ana Ruiz",
        "--new-person",
        "--tag",
        "launch",
        "--tag",
        "q1",
        "--link",
        "https://x.example/doc",
        "--situation",
        "S",
        "--action",
        "A",
        "--result",
        "R",
        "--notes",
        "N",
    ]);
    let sid = id.to_string();
    let base = s.show(id);

    // Title only.
    let err = s.run_err(&["edit", &sid, "--title", "Shipped checkout v3"]);
    assert!(err.contains("Updated win 1"), "{err}");
    let after = s.show(id);
    assert_eq!(after["title"], "Shipped checkout v3");
    assert_eq!(without(&after, &["title"]), without(&base, &["title"]));
    s.run(&["undo"]);
    assert_eq!(s.show(id), base, "undo restores the title");

    // --unexpect removes one expectation, nothing else.
    s.run(&["edit", &sid, "--unexpect", "cross-org-impact"]);
    let after = s.show(id);
    assert_eq!(strs(&after["expectations"]), vec!["team-delivery"]);
    // The level of each expectation goes with it.
    assert_eq!(
        without(&after, &["expectations", "levels"]),
        without(&base, &["expectations", "levels"])
    );
    s.run(&["undo"]);
    assert_eq!(s.show(id), base);

    // --untag removes one tag (with or without '#'), nothing else.
    s.run(&["edit", &sid, "--untag", "#launch"]);
    let after = s.show(id);
    assert_eq!(strs(&after["tags"]), vec!["q1"]);
    assert_eq!(without(&after, &["tags"]), without(&base, &["tags"]));
    s.run(&["undo"]);
    assert_eq!(s.show(id), base);

    // Several fields at once; "" clears a text field.
    s.run(&[
        "edit",
        &sid,
        "--metric",
        "",
        "--scope",
        "company",
        "--date",
        "2026-02-03",
        "--tag",
        "big",
        "--result",
        "Conversion up 4%",
    ]);
    let after = s.show(id);
    assert_eq!(after["metric"], Value::Null);
    assert_eq!(after["scope"], "company");
    assert_eq!(after["date"], "2026-02-03");
    assert_eq!(strs(&after["tags"]), vec!["launch", "q1", "big"]);
    assert_eq!(after["result"], "Conversion up 4%");
    // Scope and result are read for the level, too.
    let changed = [
        "metric",
        "scope",
        "date",
        "tags",
        "result",
        "level",
        "level_reason",
        "levels",
    ];
    assert_eq!(without(&after, &changed), without(&base, &changed));
    s.run(&["undo"]);
    assert_eq!(s.show(id), base);

    // A bad edit changes nothing.
    let err = s.fail(&["edit", &sid, "--expect", "nope"], 3);
    assert!(err.contains("nope"), "{err}");
    let err = s.fail(&["edit", &sid, "--date", "2026-02-30"], 2);
    assert!(err.contains("YYYY-MM-DD"), "{err}");
    assert_eq!(s.show(id), base);
    let err = s.fail(&["edit", "999", "--title", "x"], 3);
    assert!(err.contains("no win 999"), "{err}");
}

#[test]
fn edit_confirm_turns_suggestions_into_confirmed_tags() {
    let s = sandbox();
    let id = s.log(&["Hired two managers for the payments org"]);
    let before = s.show(id);
    assert!(!strs(&before["suggested"]).is_empty());
    assert_eq!(s.list_ids(&["--suggested"]), vec![id]);
    assert_eq!(s.list_ids(&["--confirmed"]), Vec::<i64>::new());

    s.run(&["edit", &id.to_string(), "--confirm"]);
    let after = s.show(id);
    assert!(strs(&after["suggested"]).is_empty(), "{after}");
    assert_eq!(after["expectations"], before["expectations"]);
    assert_eq!(s.list_ids(&["--suggested"]), Vec::<i64>::new());
    assert_eq!(s.list_ids(&["--confirmed"]), vec![id]);

    s.run(&["undo"]);
    assert_eq!(s.show(id), before);
}

#[test]
fn delete_hides_a_win_and_undo_brings_it_back_until_nothing_is_left() {
    let s = sandbox();
    let a = s.log(&["First win"]);
    let b = s.log(&["Second win"]);
    let kept = s.show(b);

    let err = s.run_err(&["delete", &b.to_string()]);
    assert!(
        err.contains("Deleted win 2") && err.contains("undo"),
        "{err}"
    );
    assert_eq!(s.list_ids(&[]), vec![a]);
    s.fail(&["show", &b.to_string()], 3);
    s.fail(&["delete", &b.to_string()], 3);

    let err = s.run_err(&["undo"]);
    assert!(err.contains("Undone"), "{err}");
    assert_eq!(s.show(b), kept);
    let mut all = s.list_ids(&[]);
    all.sort_unstable();
    assert_eq!(all, vec![a, b]);

    // `rm` is an alias.
    s.run(&["rm", &a.to_string()]);
    assert_eq!(s.list_ids(&[]), vec![b]);

    // Undo everything: the rm, both logs; then nothing is left to undo.
    s.run(&["undo"]);
    s.run(&["undo"]);
    s.run(&["undo"]);
    assert_eq!(s.list_ids(&[]), Vec::<i64>::new());
    s.cal()
        .arg("undo")
        .assert()
        .success()
        .stderr(predicate::str::contains("Nothing to undo"));
    assert_eq!(s.json(&["undo"]), Value::Null);
}

// ---------------------------------------------------------------------------
// ladder
// ---------------------------------------------------------------------------

#[test]
fn ladder_list_show_and_principles() {
    let s = sandbox();
    let out = s.run(&["ladder", "list"]);
    assert!(
        out.contains("* senior-manager"),
        "current one starred: {out}"
    );
    assert!(out.contains("first-time-manager"), "{out}");
    let list = s.json(&["ladder", "list"]);
    let rows = list.as_array().unwrap();
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[0]["id"], "senior-manager");
    assert_eq!(rows[0]["expectations"], 6);
    assert_eq!(rows[0]["current"], true);
    assert_eq!(rows[1]["id"], "first-time-manager");
    assert_eq!(rows[1]["expectations"], 7);

    let sm = s.json(&["ladder", "show", "senior-manager"]);
    let exp = sm["expectations"].as_array().unwrap();
    let ids: Vec<&str> = exp.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids, SENIOR_MANAGER_IDS);
    for e in exp {
        assert!(!e["title"].as_str().unwrap().is_empty());
        assert!(!e["strong_evidence"].as_array().unwrap().is_empty());
    }
    // Without an id: the current cycle's ladder.
    assert_eq!(s.json(&["ladder", "show"]), sm);

    let ftm = s.run(&["ladder", "show", "first-time-manager"]);
    assert!(ftm.starts_with("First-time manager"), "{ftm}");
    for id in [
        "people-time",
        "career-growth",
        "one-on-ones",
        "coaching",
        "performance-management",
        "clear-priorities",
        "decisiveness",
    ] {
        assert!(ftm.contains(id), "{id} missing");
    }
    assert!(ftm.contains("Strong evidence:"), "{ftm}");

    let err = s.fail(&["ladder", "show", "nope"], 3);
    assert!(
        err.contains("nope") && err.contains("senior-manager"),
        "{err}"
    );

    let p = s.run(&["ladder", "principles"]);
    assert!(p.contains("Amazon Leadership Principles"), "{p}");
    assert!(
        p.contains("deliver-results") && p.contains("Deliver Results"),
        "{p}"
    );
    let pj = s.json(&["ladder", "principles"]);
    let ps = pj["principles"].as_array().unwrap();
    assert_eq!(ps.len(), 16, "the public list has 16 principles");
    assert_eq!(ps[0]["id"], "customer-obsession");
}

#[test]
fn ladder_import_then_use_it_in_the_cycle() {
    let s = sandbox();
    let good = s.write("good.json", GOOD_LADDER);
    let err = s.run_err(&["ladder", "import", good.to_str().unwrap()]);
    assert!(
        err.contains("staff-eng") && err.contains("2 expectations"),
        "{err}"
    );
    let ids: Vec<String> = s
        .json(&["ladder", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        ids,
        vec![
            "senior-manager",
            "first-time-manager",
            "meta-m2",
            "google-l7",
            "microsoft-66",
            "staff-eng"
        ]
    );

    let c = s.json(&["cycle", "set", "--ladder", "staff-eng"]);
    assert_eq!(c["ladder"], "staff-eng");
    assert_eq!(c["target_level"], "L7 Staff");
    assert_eq!(s.json(&["cycle", "show"])["ladder"], "staff-eng");
    assert_eq!(s.json(&["ladder", "show"])["id"], "staff-eng");
    // Wins can now carry its expectations, and no longer the old ladder's.
    let id = s.log(&["Wrote the platform vision", "-e", "tech-vision"]);
    assert_eq!(strs(&s.show(id)["expectations"]), vec!["tech-vision"]);
    let err = s.fail(&["log", "Shipped", "-e", "team-delivery"], 3);
    assert!(
        err.contains("staff-eng") && err.contains("tech-vision"),
        "{err}"
    );
    // The review follows the new ladder.
    let r = s.json(&["review"]);
    let rids: Vec<&str> = r["expectations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(rids, vec!["tech-vision", "mentoring"]);
}

#[test]
fn ladder_import_of_a_broken_file_names_the_field_and_changes_nothing() {
    let s = sandbox();
    let before = s.json(&["ladder", "list"]);
    let broken = s.write(
        "broken.json",
        r#"{"id":"bad","name":"Bad","current_level":"L6","target_level":"L7",
            "expectations":[{"id":"x","description":"no title here"}]}"#,
    );
    let err = s.fail(&["ladder", "import", broken.to_str().unwrap()], 2);
    assert!(err.contains("expectations[0]"), "{err}");
    assert!(err.contains("title"), "{err}");
    assert!(err.contains("broken.json"), "{err}");

    let empty_title = s.write(
        "empty.json",
        r#"{"id":"bad","name":"Bad","current_level":"L6","target_level":"L7",
            "expectations":[{"id":"x","title":" ","description":"d"}]}"#,
    );
    let err = s.fail(&["ladder", "import", empty_title.to_str().unwrap()], 2);
    assert!(err.contains("expectations[0].title"), "{err}");

    let hijack = s.write(
        "sm.json",
        &GOOD_LADDER.replace("\"staff-eng\"", "\"senior-manager\""),
    );
    let err = s.fail(&["ladder", "import", hijack.to_str().unwrap()], 2);
    assert!(err.contains("built-in"), "{err}");

    let not_json = s.write("x.json", "not json at all");
    s.cal()
        .args(["ladder", "import", not_json.to_str().unwrap()])
        .assert()
        .failure();
    assert_eq!(s.json(&["ladder", "list"]), before);
}

// ---------------------------------------------------------------------------
// cycle
// ---------------------------------------------------------------------------

#[test]
fn cycle_show_set_and_refuse_a_backwards_window() {
    let s = sandbox();
    let out = s.run(&["cycle", "show"]);
    assert!(out.contains("Ladder: senior-manager"), "{out}");
    assert!(out.contains("default"), "a default cycle says so: {out}");
    let c = s.json(&["cycle", "show"]);
    assert_eq!(c["is_default"], true);
    assert_eq!(c["ladder"], "senior-manager");

    let out = s.run(&[
        "cycle",
        "set",
        "--ladder",
        "first-time-manager",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--target-date",
        "2027-01-15",
    ]);
    assert!(out.contains("Target date: 2027-01-15"), "{out}");
    let c = s.json(&["cycle", "show"]);
    assert_eq!(c["ladder"], "first-time-manager");
    assert_eq!(c["start"], "2026-01-01");
    assert_eq!(c["end"], "2026-12-31");
    assert_eq!(c["target_date"], "2027-01-15");
    assert_eq!(c["is_default"], false);
    assert_eq!(c["target_level"], "Manager");

    let err = s.fail(
        &["cycle", "set", "--from", "2026-12-31", "--to", "2026-01-01"],
        2,
    );
    assert!(err.contains("before it starts"), "{err}");
    assert!(err.contains("--from"), "{err}");
    // A --from after the stored end is refused too.
    let err = s.fail(&["cycle", "set", "--from", "2027-06-01"], 2);
    assert!(err.contains("before it starts"), "{err}");
    let err = s.fail(&["cycle", "set", "--ladder", "nope"], 3);
    assert!(err.contains("nope"), "{err}");
    let err = s.fail(&["cycle", "set", "--to", "2026-02-30"], 2);
    assert!(err.contains("YYYY-MM-DD"), "{err}");
    assert_eq!(s.json(&["cycle", "show"]), c, "refusals changed the cycle");
}

// ---------------------------------------------------------------------------
// people and feedback
// ---------------------------------------------------------------------------

#[test]
fn people_add_list_show_edit_delete_by_id_and_name() {
    let s = sandbox();
    let p = s.json(&[
        "people",
        "add",
        "Ana Ruiz",
        "--relation",
        "peer",
        "--org",
        "Payments",
        "--notes",
        "Met at the offsite",
    ]);
    assert_eq!(p["id"], 1);
    assert_eq!(p["relation"], "peer");
    let err = s.run_err(&["people", "add", "Bo Chen", "-r", "manager"]);
    assert!(err.contains("Added Bo Chen (person 2)"), "{err}");

    // Duplicates are refused, whatever the case.
    let err = s.fail(&["people", "add", "ana ruiz"], 2);
    assert!(
        err.contains("already") && err.contains("people edit 1"),
        "{err}"
    );
    let err = s.fail(&["people", "add", "Cy", "--relation", "boss"], 2);
    assert!(
        err.contains("boss") && err.contains("skip-level-manager"),
        "{err}"
    );

    // The relation's name written loosely, as the library's own parsing takes it.
    let di = s.json(&[
        "people",
        "add",
        "Di Park",
        "--relation",
        "skip_level_manager",
    ]);
    assert_eq!(di["relation"], "skip-level-manager");
    let ed = s.json(&["people", "add", "Ed Lo", "--relation", "Skip Level Report"]);
    assert_eq!(ed["relation"], "skip-level-report");
    s.json(&["people", "delete", "Di Park"]);
    s.json(&["people", "delete", "Ed Lo"]);

    // A win names Ana as a voucher.
    let w = s.log(&["Ran the planning offsite", "--with", "Ana Ruiz"]);

    let list = s.json(&["people", "list"]);
    let rows = list.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["name"], "Ana Ruiz");
    assert_eq!(rows[0]["org"], "Payments");
    assert_eq!(rows[0]["vouches_for"], 1);
    assert_eq!(rows[1]["vouches_for"], 0);
    let out = s.run(&["people", "list"]);
    assert!(
        out.contains("Ana Ruiz") && out.contains("vouches for 1 win(s)"),
        "{out}"
    );

    let by_id = s.json(&["people", "show", "1"]);
    let by_name = s.json(&["people", "show", "ANA RUIZ"]);
    assert_eq!(by_id, by_name);
    assert_eq!(ids(&by_id["wins"]), vec![w]);
    let out = s.run(&["people", "show", "Ana Ruiz"]);
    assert!(
        out.contains("Met at the offsite") && out.contains("Wins (1)"),
        "{out}"
    );

    // Edit by name: rename, change relation, clear org.
    s.run(&[
        "people",
        "edit",
        "Ana Ruiz",
        "--name",
        "Ana R. Ruiz",
        "--relation",
        "partner",
        "--org",
        "",
    ]);
    let p = s.json(&["people", "show", "1"]);
    assert_eq!(p["name"], "Ana R. Ruiz");
    assert_eq!(p["relation"], "partner");
    assert_eq!(p["org"], Value::Null);
    assert_eq!(p["notes"], "Met at the offsite", "untouched");
    assert_eq!(
        strs(&s.show(w)["vouchers"]),
        vec!["Ana R. Ruiz"],
        "wins follow the rename"
    );
    // Renaming onto someone else's name is refused.
    let err = s.fail(&["people", "edit", "2", "--name", "ana r. ruiz"], 2);
    assert!(err.contains("already"), "{err}");

    // Delete by id, then undo; delete by name.
    s.run(&["people", "delete", "2"]);
    s.fail(&["people", "show", "2"], 3);
    s.run(&["undo"]);
    assert_eq!(s.json(&["people", "show", "2"])["name"], "Bo Chen");
    s.run(&["people", "delete", "Ana R. Ruiz", "--yes"]);
    let err = s.fail(&["people", "show", "Ana R. Ruiz"], 3);
    assert!(err.contains("Ana R. Ruiz"), "{err}");
    assert!(strs(&s.show(w)["people"]).is_empty(), "{}", s.show(w));
    s.run(&["undo"]);
    assert_eq!(strs(&s.show(w)["vouchers"]), vec!["Ana R. Ruiz"]);

    let err = s.fail(&["people", "show", "99"], 3);
    assert!(err.contains("99"), "{err}");
    s.fail(&["people", "delete", "Nobody"], 3);
}

#[test]
fn feedback_add_list_and_delete() {
    let s = sandbox();
    let f = s.json(&[
        "feedback",
        "add",
        "Ana Ruiz",
        "Great partner on the payments migration",
        "--new-person",
        "--date",
        "2026-03-01",
        "--expect",
        "peer-collaboration",
    ]);
    assert_eq!(f["id"], 1);
    assert_eq!(f["person_name"], "Ana Ruiz");
    assert_eq!(f["date"], "2026-03-01");
    assert_eq!(f["expectation"], "peer-collaboration");
    // The person was added.
    assert_eq!(
        s.json(&["people", "show", "Ana Ruiz"])["feedback"][0]["id"],
        1
    );

    let err = s.run_err(&["feedback", "add", "Bo", "Strong hiring bar", "--new-person"]);
    assert!(err.contains("Recorded feedback 2 from Bo"), "{err}");

    let all = s.json(&["feedback", "list"]);
    assert_eq!(ids(&all), vec![2, 1], "newest first");
    assert_eq!(all[0]["date"], today().as_str());
    let out = s.run(&["feedback", "list"]);
    assert!(
        out.contains("\"Strong hiring bar\"") && out.contains("[peer-collaboration]"),
        "{out}"
    );
    assert_eq!(
        ids(&s.json(&["feedback", "list", "--person", "Ana Ruiz"])),
        vec![1]
    );
    assert_eq!(
        ids(&s.json(&["feedback", "list", "--person", "2"])),
        vec![2]
    );

    // Bad input changes nothing.
    let err = s.fail(&["feedback", "add", "Ana Ruiz", "x", "--expect", "nope"], 3);
    assert!(err.contains("nope"), "{err}");
    let err = s.fail(
        &["feedback", "add", "Ana Ruiz", "x", "--date", "2026-02-30"],
        2,
    );
    assert!(err.contains("YYYY-MM-DD"), "{err}");
    assert_eq!(s.json(&["feedback", "list"]), all);

    s.run(&["feedback", "delete", "1"]);
    assert_eq!(ids(&s.json(&["feedback", "list"])), vec![2]);
    s.fail(&["feedback", "delete", "1"], 3);
    s.run(&["undo"]);
    assert_eq!(s.json(&["feedback", "list"]), all);
    s.run(&["feedback", "rm", "2"]);
    assert_eq!(ids(&s.json(&["feedback", "list"])), vec![1]);
}

// ---------------------------------------------------------------------------
// export and import
// ---------------------------------------------------------------------------

/// A ledger with a bit of everything a backup must carry.
fn seed_rich(s: &Sandbox) {
    seed_four(s);
    s.run(&[
        "people",
        "add",
        "Dee Lopez",
        "-r",
        "skip-level-manager",
        "-o",
        "Commerce",
    ]);
    s.run(&[
        "feedback",
        "add",
        "Dee Lopez",
        "Sets the bar for hiring",
        "-d",
        "2026-03-10",
        "-e",
        "hire-develop-managers",
    ]);
    let good = s.write("good.json", GOOD_LADDER);
    s.run(&["ladder", "import", good.to_str().unwrap()]);
    s.run(&[
        "cycle",
        "set",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--target-date",
        "2027-01-15",
    ]);
    // A deleted win must not come back through a backup.
    let gone = s.log(&["Deleted later"]);
    s.run(&["delete", &gone.to_string()]);
}

fn records(path: &Path) -> Value {
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(doc["format"], "caliber-backup");
    doc["records"].clone()
}

#[test]
fn backup_export_import_round_trips_every_record() {
    let a = sandbox();
    seed_rich(&a);
    let f = a.file("f.json");
    let err = a.run_err(&["export", "--format", "backup", "-o", f.to_str().unwrap()]);
    assert!(err.contains("Wrote"), "{err}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&f).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "exports hold private notes");
    }
    let rec_a = records(&f);
    assert_eq!(rec_a["wins"].as_array().unwrap().len(), 4);

    let b = sandbox();
    let summary = b.json(&["import", f.to_str().unwrap()]);
    assert_eq!(summary["wins"], 4);
    assert_eq!(summary["feedback"], 1);
    assert_eq!(summary["duplicates"], 0);
    let g = b.file("g.json");
    b.run(&["export", "-o", g.to_str().unwrap()]);
    assert_eq!(records(&g), rec_a, "records differ after a round trip");
    assert_eq!(b.list(&[]), a.list(&[]));
    assert_eq!(b.json(&["cycle", "show"]), a.json(&["cycle", "show"]));
    assert_eq!(b.json(&["ladder", "list"]), a.json(&["ladder", "list"]));

    // Export to stdout is the same document.
    let out = a.run(&["export"]);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["records"], rec_a);
}

#[test]
fn csv_and_markdown_exports_go_to_stdout() {
    let s = sandbox();
    seed_four(&s);
    let csv = s.run(&["export", "--format", "csv"]);
    assert!(csv.starts_with("id,date,title"), "{csv}");
    assert_eq!(csv.lines().count(), 5, "header and four wins: {csv}");
    assert!(csv.contains("Shipped checkout v2"), "{csv}");
    assert!(csv.contains("2026-01-10"), "{csv}");

    let md = s.run(&["export", "-f", "markdown"]);
    assert!(md.starts_with("# Brag document"), "{md}");
    assert!(md.contains("Wrote the payments strategy doc"), "{md}");
    assert!(md.contains("## April 2026"), "{md}");

    let err = s.fail(&["export", "--format", "xml"], 2);
    assert!(err.contains("xml") && err.contains("backup, csv"), "{err}");
    s.cal()
        .args(["export", "--format", "jrnl"])
        .assert()
        .failure()
        .code(2);

    // CSV written to a file is private too, and reads back in.
    let f = s.file("wins.csv");
    s.run(&["export", "-f", "csv", "-o", f.to_str().unwrap()]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&f).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let t = sandbox();
    let summary = t.json(&["import", f.to_str().unwrap()]);
    assert_eq!(summary["wins"], 4);
    let titles = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|w| format!("{} {}", w["date"], w["title"]))
            .collect()
    };
    assert_eq!(titles(&t.list(&[])), titles(&s.list(&[])));
}

#[test]
fn broken_imports_name_the_spot_and_change_nothing() {
    let s = sandbox();
    seed_four(&s);
    let before = s.list(&[]);
    let people = s.json(&["people", "list"]);

    // A cut-off backup.
    let src = sandbox();
    seed_rich(&src);
    let full = src.run(&["export"]);
    let cut: String = full.chars().take(full.len() / 2).collect();
    let trunc = s.write("trunc.json", &cut);
    let err = s.fail(&["import", trunc.to_str().unwrap()], 2);
    assert!(err.contains("line"), "{err}");
    assert!(err.contains("cut off"), "{err}");

    // A CSV with a bad date on line 3.
    let csv = s.write(
        "bad.csv",
        "date,title\n2026-05-01,A good row\n2026-13-40,A bad date\n2026-05-03,Another good row\n",
    );
    let err = s.fail(&["import", csv.to_str().unwrap()], 2);
    assert!(err.contains("line 3"), "{err}");
    assert!(err.contains("2026-13-40"), "{err}");

    // A backup with one bad field names the entry.
    let bad_entry = full.replacen("\"2026-01-10\"", "\"2026-01-99\"", 1);
    assert_ne!(bad_entry, full);
    let bad = s.write("bad.json", &bad_entry);
    let err = s.fail(&["import", bad.to_str().unwrap()], 2);
    assert!(err.contains("records.wins"), "{err}");

    // Neither a folder nor a missing file.
    let err = s.fail(&["import", s.dir.path().to_str().unwrap()], 2);
    assert!(err.contains("folder"), "{err}");
    let err = s.fail(&["import", s.file("missing.json").to_str().unwrap()], 1);
    assert!(err.contains("missing.json"), "{err}");

    assert_eq!(s.list(&[]), before, "a failed import changed the wins");
    assert_eq!(s.json(&["people", "list"]), people);
    // And the failed imports left nothing to undo but the seed: undo removes win 4.
    s.run(&["undo"]);
    assert_eq!(s.list_ids(&[]), vec![2, 3, 1]);
}

#[test]
fn importing_twice_skips_duplicates_and_undo_takes_an_import_back() {
    let s = sandbox();
    let mine = s.log(&["My own win", "--date", "2026-06-01"]);
    let csv = s.write(
        "wins.csv",
        "date,title,metric\n2026-05-01,Shipped the ledger,3 teams\n2026-05-02,Hired a manager,\n",
    );
    let first = s.json(&["import", csv.to_str().unwrap()]);
    assert_eq!(first["wins"], 2);
    assert_eq!(first["duplicates"], 0);
    assert_eq!(s.list(&[]).as_array().unwrap().len(), 3);
    let imported = s.list(&["--since", "2026-05-01", "--until", "2026-05-31"]);
    assert!(
        imported
            .as_array()
            .unwrap()
            .iter()
            .all(|w| w["source"] == "import")
    );

    let err = s.run_err(&["import", csv.to_str().unwrap()]);
    assert!(
        err.contains("Imported 0 wins") && err.contains("2 already there"),
        "{err}"
    );
    assert_eq!(
        s.list(&[]).as_array().unwrap().len(),
        3,
        "nothing added twice"
    );

    // A fresh import, then undo: only that import's wins go.
    let more = s.write("more.csv", "date,title\n2026-07-01,Ran the ops review\n");
    s.run(&["import", more.to_str().unwrap()]);
    assert_eq!(s.list(&[]).as_array().unwrap().len(), 4);
    let err = s.run_err(&["undo"]);
    assert!(err.contains("import"), "{err}");
    let left = s.list(&[]);
    let titles: Vec<&str> = left
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        vec!["My own win", "Hired a manager", "Shipped the ledger"]
    );
    assert!(ids(&left).contains(&mine));
}

// ---------------------------------------------------------------------------
// demo
// ---------------------------------------------------------------------------

#[test]
fn demo_fills_an_empty_database_once() {
    let s = sandbox();
    let summary = s.json(&["demo"]);
    let wins = summary["wins"].as_u64().expect("a win count");
    assert!(wins >= 30, "a year of evidence: {summary}");
    assert!(summary["people"].as_u64().unwrap() > 0, "{summary}");
    assert!(summary["feedback"].as_u64().unwrap() > 0, "{summary}");
    let list = s.list(&[]);
    assert_eq!(list.as_array().unwrap().len() as u64, wins);
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .all(|w| w["source"] == "demo")
    );

    let err = s.fail(&["demo"], 2);
    assert!(err.contains("already") && err.contains("--db"), "{err}");
    assert_eq!(s.list(&[]), list, "a refused demo changed the ledger");

    // Text mode reports the counts on stderr.
    let t = sandbox();
    let err = t.run_err(&["demo"]);
    assert!(err.contains(&format!("{wins} wins")), "{err}");
}

// ---------------------------------------------------------------------------
// suggest
// ---------------------------------------------------------------------------

#[test]
fn suggest_ranks_expectations_and_principles_best_first() {
    let s = sandbox();
    let v = s.json(&[
        "suggest", "Hired", "two", "managers", "for", "the", "payments", "org",
    ]);
    let list = v.as_array().expect("an array");
    assert!(!list.is_empty());
    assert_eq!(list[0]["id"], "hire-develop-managers");
    let scores: Vec<f64> = list
        .iter()
        .map(|x| x["score"].as_f64().expect("a score"))
        .collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "best first: {scores:?}"
    );
    assert!(scores.iter().all(|x| (0.0..=1.0).contains(x)), "{scores:?}");
    for x in list {
        assert!(
            SENIOR_MANAGER_IDS.contains(&x["id"].as_str().unwrap()),
            "{x}"
        );
    }

    let out = s.run(&["suggest", "Priya now runs the weekly ops review without me"]);
    assert!(out.starts_with("delegation"), "{out}");

    let p = s.json(&["suggest", "--principles", "Cut AWS costs by 30%"]);
    let pids: Vec<&str> = p
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    assert!(pids.contains(&"frugality"), "{pids:?}");
    let known = s.json(&["ladder", "principles"]);
    let known: Vec<&str> = known["principles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    assert!(pids.iter().all(|id| known.contains(id)), "{pids:?}");

    // Nothing to suggest: an empty array, or a sentence on stderr.
    assert_eq!(s.json(&["suggest", "zzz", "qqq"]), Value::Array(vec![]));
    s.cal()
        .args(["suggest", "zzz", "qqq"])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("No suggestion"));
}

// ---------------------------------------------------------------------------
// review
// ---------------------------------------------------------------------------

#[test]
fn review_json_has_one_entry_per_expectation_in_ladder_order() {
    let s = demo_sandbox();
    let r = s.json(&["review"]);
    let exp = r["expectations"].as_array().expect("expectations");
    let ids: Vec<&str> = exp.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids, SENIOR_MANAGER_IDS);
    for e in exp {
        assert!(e["wins"].is_u64(), "{e}");
        assert!(e["latest"].is_string() || e["latest"].is_null(), "{e}");
        assert!(e["strength"].is_string(), "{e}");
        assert!(e["gap"].is_boolean(), "{e}");
    }
    let by = |id: &str| exp.iter().find(|e| e["id"] == id).unwrap();
    assert_eq!(by("delegation")["gap"], true, "{}", by("delegation"));
    assert_eq!(by("team-delivery")["gap"], false, "{}", by("team-delivery"));
    assert!(by("team-delivery")["wins"].as_u64().unwrap() > 1);
    let gaps: Vec<&str> = r["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap())
        .collect();
    assert!(gaps.contains(&"delegation"), "{gaps:?}");

    let out = s.run(&["review"]);
    assert!(out.starts_with("Gap review"), "{out}");
    assert!(out.contains("GAP") && out.contains("delegation"), "{out}");

    // On an empty ledger everything is a gap, and nothing breaks.
    let e = sandbox();
    let r = e.json(&["review"]);
    let exp = r["expectations"].as_array().unwrap();
    assert_eq!(exp.len(), 6);
    assert!(
        exp.iter()
            .all(|x| x["gap"] == true && x["wins"] == 0 && x["latest"].is_null())
    );
}

// ---------------------------------------------------------------------------
// outline
// ---------------------------------------------------------------------------

#[test]
fn outline_writes_markdown_json_html_and_docx() {
    let s = demo_sandbox();
    let md_path = s.file("case.md");
    let err = s.run_err(&["outline", "-o", md_path.to_str().unwrap()]);
    assert!(err.contains("Wrote"), "{err}");
    let md = std::fs::read_to_string(&md_path).unwrap();
    assert!(md.starts_with("# Promotion case"), "{md}");
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(headings.len(), 6, "{headings:?}");
    for (i, (h, name)) in headings
        .iter()
        .zip([
            "Summary",
            "expectations of the level",
            "Leadership principles",
            "Feedback providers",
            "Areas for growth",
            "Appendix",
        ])
        .enumerate()
    {
        assert!(h.starts_with(&format!("## {}. ", i + 1)), "{h}");
        assert!(h.contains(name), "{h} should name {name}");
    }
    assert_eq!(md.lines().filter(|l| l.starts_with("### 2.")).count(), 6);
    // Markdown to stdout is the same text.
    assert_eq!(s.run(&["outline"]), md);

    let j: Value = serde_json::from_str(&s.run(&["outline", "--format", "json"])).unwrap();
    assert!(j["title"].as_str().unwrap().starts_with("Promotion case"));
    let jids: Vec<&str> = j["expectations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(jids, SENIOR_MANAGER_IDS);

    let html_path = s.file("case.html");
    s.run(&["outline", "-o", html_path.to_str().unwrap()]);
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(
        html.to_ascii_lowercase().starts_with("<!doctype html"),
        "{}",
        &html[..80]
    );
    assert!(html.trim_end().ends_with("</html>"));
    assert!(html.contains("Promotion case"));

    let err = s.fail(&["outline", "--format", "docx"], 2);
    assert!(err.contains("-o"), "{err}");
    let err = s.fail(&["outline", "--format", "pdf"], 2);
    assert!(err.contains("pdf") && err.contains("docx"), "{err}");

    let docx_path = s.file("case.docx");
    s.run(&["outline", "-o", docx_path.to_str().unwrap()]);
    let bytes = std::fs::read(&docx_path).unwrap();
    assert!(bytes.starts_with(b"PK"), "a docx is a zip");
    assert!(
        bytes.windows(17).any(|w| w == b"word/document.xml"),
        "the zip holds word/document.xml"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for p in [&md_path, &html_path, &docx_path] {
            let mode = std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{}", p.display());
        }
    }
}

#[test]
fn outline_forte_has_the_three_review_sections() {
    let s = demo_sandbox();
    let out = s.run(&["outline", "--forte"]);
    for h in [
        "## Accomplishments",
        "## Superpowers",
        "## Areas for growth",
    ] {
        assert!(out.contains(h), "missing {h}:\n{out}");
    }
    let a = out.find("## Accomplishments").unwrap();
    let b = out.find("## Superpowers").unwrap();
    let c = out.find("## Areas for growth").unwrap();
    assert!(a < b && b < c, "in order");
    // An empty ledger still gets an outline, not a crash.
    let e = sandbox();
    e.run(&["outline", "--forte"]);
    let md = e.run(&["outline"]);
    assert_eq!(md.lines().filter(|l| l.starts_with("## ")).count(), 6);
    let docx = e.file("empty.docx");
    e.run(&["outline", "-o", docx.to_str().unwrap()]);
    assert!(std::fs::read(&docx).unwrap().starts_with(b"PK"));
}

// ---------------------------------------------------------------------------
// errors and the database file
// ---------------------------------------------------------------------------

#[test]
fn json_flag_turns_errors_into_kind_and_message() {
    let s = sandbox();
    let cases: [(&[&str], i32, &str, &str); 4] = [
        (&["show", "999"], 3, "not_found", "no win 999"),
        (
            &["log", "x", "--date", "2026-13-01"],
            2,
            "invalid_input",
            "YYYY-MM-DD",
        ),
        (&["log", "x", "--expect", "nope"], 3, "not_found", "nope"),
        (&["ladder", "show", "nope"], 3, "not_found", "nope"),
    ];
    for (args, code, kind, words) in cases {
        let a = s
            .cal()
            .arg("--json")
            .args(args)
            .assert()
            .failure()
            .code(code);
        let o = a.get_output();
        assert!(o.stdout.is_empty(), "{args:?}");
        let err = text(&o.stderr);
        let r: Value = serde_json::from_str(err.trim())
            .unwrap_or_else(|e| panic!("{args:?}: stderr is not JSON ({e}): {err}"));
        assert_eq!(r["kind"], kind, "{args:?}");
        assert!(
            r["message"].as_str().unwrap().contains(words),
            "{args:?}: {r}"
        );
        assert_eq!(
            r.as_object().unwrap().len(),
            2,
            "only kind and message: {r}"
        );
    }
    // Without --json, errors are one sentence starting with "error:".
    s.cal()
        .args(["show", "999"])
        .assert()
        .code(3)
        .stderr(predicate::str::starts_with("error: "));
}

#[test]
fn a_database_path_that_is_a_folder_or_not_sqlite_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    let a = cal(&folder).arg("list").assert().failure();
    let err = text(&a.get_output().stderr);
    assert!(
        err.contains("folder") && err.contains("caliber.db"),
        "{err}"
    );

    let notes = dir.path().join("notes.txt");
    let content =
        "My private notes.\nNot a database at all, but long enough to have a header.\n".repeat(4);
    std::fs::write(&notes, &content).unwrap();
    for args in [&["list"][..], &["log", "Would destroy notes"][..]] {
        let a = cal(&notes).args(args).assert().failure().code(5);
        let err = text(&a.get_output().stderr);
        assert!(err.contains("not a Caliber database"), "{err}");
        assert!(err.contains("--db"), "the fix is named: {err}");
    }
    let a = cal(&notes)
        .args(["--json", "list"])
        .assert()
        .failure()
        .code(5);
    let r: Value = serde_json::from_str(text(&a.get_output().stderr).trim()).unwrap();
    assert_eq!(r["kind"], "not_a_database");
    assert_eq!(
        std::fs::read_to_string(&notes).unwrap(),
        content,
        "the file was changed"
    );
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, vec!["folder", "notes.txt"], "no stray files");
}

#[test]
fn caliber_db_env_is_used_when_no_db_flag_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nested").join("from-env.db");
    let mut c = Command::from_std(crate::common::caliber_in(dir.path()));
    c.env("CALIBER_DB", &db)
        .args(["log", "Logged through the environment"])
        .assert()
        .success()
        .stdout("1\n");
    assert!(db.exists(), "the folder and file are created");
    // --db wins over CALIBER_DB: read the same file explicitly.
    let list: Value =
        serde_json::from_slice(&cal(&db).args(["list", "--json"]).output().unwrap().stdout)
            .unwrap();
    assert_eq!(list[0]["title"], "Logged through the environment");
    assert!(
        !dir.path().join("xdg-data").exists(),
        "the default path was not touched"
    );
    assert!(
        !dir.path().join(".local").exists(),
        "the default path was not touched"
    );
}

// ---------------------------------------------------------------------------
// two processes at once
// ---------------------------------------------------------------------------

#[test]
fn two_processes_logging_at_once_lose_nothing() {
    let s = sandbox();
    // Create the file first (see the ignored test below for a fresh file).
    s.run(&["cycle", "show"]);
    let _bin = env!("CARGO_BIN_EXE_caliber");
    let handles: Vec<_> = ["alpha", "beta"]
        .into_iter()
        .map(|name| {
            let db = s.db.clone();
            let _home = s.dir.path().to_path_buf();
            std::thread::spawn(move || {
                let mut failures = Vec::new();
                for i in 0..100 {
                    let o = crate::common::caliber(&db)
                        .args([
                            "log",
                            &format!("{name} win {i}"),
                            "--expect",
                            "team-delivery",
                        ])
                        .output()
                        .expect("spawn caliber");
                    if !o.status.success() {
                        failures.push(format!("{name} {i}: {}", text(&o.stderr)));
                    }
                }
                failures
            })
        })
        .collect();
    let failures: Vec<String> = handles
        .into_iter()
        .flat_map(|h| h.join().expect("thread"))
        .collect();
    assert!(failures.is_empty(), "{failures:?}");

    let list = s.list(&[]);
    let titles: std::collections::HashSet<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(titles.len(), 200);
    for name in ["alpha", "beta"] {
        for i in 0..100 {
            assert!(
                titles.contains(&format!("{name} win {i}")),
                "{name} {i} lost"
            );
        }
    }
    let mut all = ids(&list);
    all.sort_unstable();
    assert_eq!(all, (1..=200).collect::<Vec<i64>>());
    let store = caliber::Store::open(&s.db).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

// ---------------------------------------------------------------------------
// Regression tests for bugs found by these tests, fixed since.
// ---------------------------------------------------------------------------

#[test]
fn export_over_an_existing_file_makes_it_private() {
    let s = sandbox();
    s.log(&["A private win", "--notes", "salary talk with my manager"]);
    let f = s.write("old.json", "stale");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o644)).unwrap();
        s.run(&["export", "-o", f.to_str().unwrap(), "--force"]);
        let mode = std::fs::metadata(&f).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the export is world-readable");
        let o = s.write("case.md", "stale");
        std::fs::set_permissions(&o, std::fs::Permissions::from_mode(0o644)).unwrap();
        s.run(&["outline", "-o", o.to_str().unwrap(), "--force"]);
        let mode = std::fs::metadata(&o).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the outline is world-readable");
    }
}

#[test]
fn two_processes_creating_the_database_at_once_both_succeed() {
    let _bin = env!("CARGO_BIN_EXE_caliber");
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for round in 0..150 {
        let db = dir.path().join(format!("fresh-{round}.db"));
        let children: Vec<_> = ["a", "b"]
            .into_iter()
            .map(|n| {
                crate::common::caliber(&db)
                    .args(["log", &format!("win {n}")])
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for c in children {
            let o = c.wait_with_output().unwrap();
            if !o.status.success() {
                failures.push(format!("round {round}: {}", text(&o.stderr).trim()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures: {failures:?}",
        failures.len()
    );
}

#[test]
fn search_excludes_words_inside_a_quoted_query() {
    // A bare `-word` would be read as an option, so exclusions go inside the quotes,
    // as `caliber search --help` says.
    let s = sandbox();
    seed_four(&s);
    assert_eq!(ids(&s.json(&["search", "payments -strategy"])), vec![2]);
    // A query that starts with '-' goes after `--`.
    let out = s.run(&["--json", "search", "--", "-strategy payments"]);
    assert_eq!(ids(&serde_json::from_str(&out).unwrap()), vec![2]);
}

#[test]
fn option_values_may_start_with_a_dash() {
    let s = sandbox();
    let id = s.log(&["Cut p99 latency", "--metric", "-30%"]);
    assert_eq!(s.show(id)["metric"], "-30%");
    let id = s.log(&["Ran the ops review", "--notes", "- agenda\n- actions"]);
    assert_eq!(s.show(id)["notes"], "- agenda\n- actions");
    s.run(&["edit", &id.to_string(), "--result", "-2 meetings a week"]);
    assert_eq!(s.show(id)["result"], "-2 meetings a week");
}

#[test]
fn a_learned_ledger_still_files_hiring_managers_under_hiring() {
    let s = demo_sandbox();
    let v = s.json(&["suggest", "Hired two managers for the payments org"]);
    assert_eq!(v[0]["id"], "hire-develop-managers", "{v}");
    let id = s.log(&["Hired two managers for the payments org"]);
    assert_eq!(
        strs(&s.show(id)["suggested"]),
        vec!["hire-develop-managers"]
    );
}

#[test]
fn json_flag_also_covers_usage_errors() {
    let s = sandbox();
    let a = s
        .cal()
        .args(["--json", "show", "abc"])
        .assert()
        .failure()
        .code(2);
    let err = text(&a.get_output().stderr);
    let r: Value = serde_json::from_str(err.trim())
        .unwrap_or_else(|e| panic!("stderr is not JSON ({e}): {err}"));
    assert_eq!(r["kind"], "invalid_input");
}

#[test]
fn backup_and_restore_round_trip_through_the_cli() {
    let s = sandbox();
    s.log(&["Hired two managers for the payments org"]);
    let copy = s.dir.path().join("copy.db");
    let copy_s = copy.to_str().unwrap();
    let said = s.run_err(&["backup", "-o", copy_s]);
    assert!(said.contains("Backed up to"), "{said}");
    s.log(&["Logged after the backup"]);
    let said = s.run_err(&["restore", copy_s]);
    assert!(
        said.contains("Restored") && said.contains("before is in"),
        "{said}"
    );
    let titles: Vec<String> = s
        .json(&["list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(titles, ["Hired two managers for the payments org"]);
    let err = s.fail(
        &["restore", s.dir.path().join("nope.db").to_str().unwrap()],
        3,
    );
    assert!(err.contains("no backup file"), "{err}");
}

#[test]
fn people_list_and_overview_read_the_librarys_people_overview() {
    let s = sandbox();
    s.run(&[
        "people",
        "add",
        "Ana Ruiz",
        "--relation",
        "peer",
        "--org",
        "Search",
    ]);
    s.run(&["people", "add", "Bo", "--relation", "report"]);
    s.log(&[
        "Wrote the payments strategy doc",
        "--expect",
        "strategy",
        "--expect",
        "delegation",
        "--with",
        "Ana Ruiz",
    ]);
    s.log(&["Built a mechanism", "--expect", "cross-org-impact"]);
    s.run(&["feedback", "add", "Bo", "Great planning"]);

    let list = s.json(&["people", "list"]);
    let rows = list.as_array().unwrap();
    assert_eq!(rows[0]["name"], "Ana Ruiz");
    assert_eq!(rows[0]["vouches_for"], 1);
    assert_eq!(strs(&rows[0]["expectations"]), ["delegation", "strategy"]);
    assert_eq!(rows[0]["feedback"], 0);
    assert_eq!(rows[1]["name"], "Bo");
    assert_eq!(rows[1]["feedback"], 1);
    // The text list is what it was.
    let out = s.run(&["people", "list"]);
    assert!(out.contains("vouches for 1 win(s)"), "{out}");

    let o = s.json(&["people", "overview"]);
    let strategy = o["coverage"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "strategy")
        .unwrap()
        .clone();
    assert_eq!(strategy["vouched"], 1);
    assert_eq!(strs(&strategy["vouchers"]), ["Ana Ruiz"]);
    assert_eq!(o["people"], list);
    assert_eq!(o["providers"], s.json(&["review"])["providers"]);
    assert_eq!(strs(&o["providers"]["unvouched"]), ["cross-org-impact"]);
    let text = s.run(&["people", "overview"]);
    assert!(
        text.contains("Nobody vouches yet for") && text.contains("Ana Ruiz"),
        "{text}"
    );
}

#[test]
fn help_lists_the_values_of_formats_scopes_and_relations() {
    let s = sandbox();
    let help = |args: &[&str]| {
        let mut a = args.to_vec();
        a.push("-h");
        text(&s.cal().args(&a).assert().success().get_output().stdout)
    };
    let scopes = "[possible values: team, org, company, industry]";
    let relations =
        "[possible values: report, skip-level-report, peer, partner, manager, skip-level-manager]";
    for (args, values) in [
        (&["export"][..], "[possible values: backup, csv, markdown]"),
        (
            &["import"][..],
            "[possible values: backup, csv, jrnl, markdown]",
        ),
        (
            &["outline"][..],
            "[possible values: markdown, html, docx, json]",
        ),
        (&["log"][..], scopes),
        (&["list"][..], scopes),
        (&["edit"][..], scopes),
        (&["people", "add"][..], relations),
        (&["people", "edit"][..], relations),
    ] {
        let h = help(args);
        assert!(h.contains(values), "{args:?}: {h}");
    }
    // Any case, and the short names, still do.
    let id = s.log(&["Shipped it", "--scope", "Org"]);
    assert_eq!(s.show(id)["scope"], "org");
    s.run(&["people", "add", "Ana", "--relation", "PEER"]);
    let md = s.run(&["export", "--format", "md"]);
    assert!(md.starts_with("# Brag document"), "{md}");
    // A bad value names itself and the choices, exit 2, also as JSON.
    let err = s.fail(&["log", "x", "--scope", "galaxy"], 2);
    assert!(err.contains("galaxy") && err.contains(scopes), "{err}");
    let out = s
        .cal()
        .args(["--json", "export", "--format", "jrnl"])
        .assert()
        .failure()
        .code(2);
    let v: Value = serde_json::from_slice(&out.get_output().stderr).unwrap();
    assert_eq!(v["kind"], "invalid_input");
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("backup, csv, markdown"),
        "{v}"
    );
}

// ---------------------------------------------------------------------------
// Completions, man pages and the version (what the packages install)
// ---------------------------------------------------------------------------

/// The top-level commands a completion script and the man pages must know.
const SOME_COMMANDS: [&str; 7] = [
    "log",
    "list",
    "search",
    "review",
    "outline",
    "completions",
    "manpages",
];

#[test]
fn completions_for_each_shell_name_the_commands_and_need_no_database() {
    let s = sandbox();
    for shell in ["bash", "zsh", "fish", "ZSH"] {
        let out = s.run(&["completions", shell]);
        assert!(out.len() > 500, "{shell}: {out}");
        for cmd in SOME_COMMANDS {
            assert!(out.contains(cmd), "{shell} completions lack {cmd}");
        }
    }
    assert!(
        !s.db.exists(),
        "printing completions must not create a database"
    );
}

#[test]
fn completions_for_an_unknown_shell_exit_2_and_name_the_shells() {
    let s = sandbox();
    let err = s.fail(&["completions", "tcsh"], 2);
    assert!(err.contains("tcsh"), "{err}");
    assert!(
        err.contains("bash") && err.contains("zsh") && err.contains("fish"),
        "{err}"
    );
    let err = s.fail(&["completions"], 2);
    assert!(err.contains("SHELL") || err.contains("shell"), "{err}");
    assert!(!s.db.exists());
}

#[test]
fn manpages_writes_one_page_per_command() {
    let s = sandbox();
    let dir = s.file("man");
    s.run(&["manpages", dir.to_str().unwrap()]);
    let top = std::fs::read_to_string(dir.join("caliber.1")).unwrap();
    assert!(top.contains(".TH caliber 1"), "{top}");
    for cmd in SOME_COMMANDS {
        let page = std::fs::read_to_string(dir.join(format!("caliber-{cmd}.1")))
            .unwrap_or_else(|e| panic!("caliber-{cmd}.1: {e}"));
        assert!(page.contains(&format!(".TH caliber-{cmd} 1")), "{page}");
        assert!(top.contains(cmd), "caliber.1 does not list {cmd}");
    }
    // Nested commands get theirs too.
    assert!(dir.join("caliber-ladder-show.1").exists());
    assert!(!s.db.exists());
    // A folder that cannot be made is an error that names it, not a panic.
    let blocker = s.write("not-a-dir", "x");
    let err = s.fail(&["manpages", blocker.join("man").to_str().unwrap()], 1);
    assert!(err.contains("not-a-dir"), "{err}");
}

/// `caliber --version` and the app's About read the same version: the workspace's.
#[test]
fn cli_and_app_take_their_version_from_the_workspace() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap();
    let manifest = read("Cargo.toml");
    let workspace = manifest
        .split("[workspace.package]")
        .nth(1)
        .and_then(|t| t.lines().find(|l| l.starts_with("version = ")))
        .map(|l| {
            l.trim_start_matches("version = ")
                .trim_matches('"')
                .to_string()
        })
        .expect("a version in [workspace.package]");
    for p in ["Cargo.toml", "src-tauri/Cargo.toml"] {
        let package = read(p);
        let package = package.split("[package]").nth(1).unwrap();
        assert!(
            package.lines().any(|l| l == "version.workspace = true"),
            "{p} must take the workspace version"
        );
    }
    // The bundles take the app crate's version when tauri.conf.json names none.
    let conf: Value = serde_json::from_str(&read("src-tauri/tauri.conf.json")).unwrap();
    assert!(conf.get("version").is_none(), "tauri.conf.json: {conf}");
    // The app's About shows CARGO_PKG_VERSION of caliber-app.
    assert!(read("src-tauri/src/commands.rs").contains("version: env!(\"CARGO_PKG_VERSION\")"));
    let s = sandbox();
    assert_eq!(s.run(&["--version"]).trim(), format!("caliber {workspace}"));
}
