//! Bad input through the real `caliber` binary: for each case, the exit code and
//! the error's kind say it failed, the message names the problem and what to do,
//! and the database is unchanged, row for row (see `common::fingerprint`). Text
//! that is unusual but valid (emoji, right-to-left scripts, control characters)
//! has a defined behaviour, checked here too.
//!
//! Library-level failures (a full disk, read-only files) are in `tests/it/failures.rs`.

use crate::common;
use crate::common::cal;

use assert_cmd::Command;
use common::{files_in, fingerprint};
use serde_json::Value;
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// A database in its own folder, with the files a case reads kept in `in/` so the
/// database's folder can be checked for stray files.
struct Sandbox {
    dir: TempDir,
    db: PathBuf,
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("a temp dir");
        let db = dir.path().join("db").join("caliber.db");
        std::fs::create_dir_all(dir.path().join("in")).expect("the input folder");
        Sandbox { dir, db }
    }

    fn cal(&self) -> Command {
        cal(&self.db)
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self.cal().args(args).assert().success();
        String::from_utf8_lossy(&out.get_output().stdout).into_owned()
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self.cal().args(args).arg("--json").assert().success();
        serde_json::from_slice(&out.get_output().stdout).expect("JSON on stdout")
    }

    /// Writes an input file and returns its path as an argument.
    fn input(&self, name: &str, content: impl AsRef<[u8]>) -> String {
        let p = self.dir.path().join("in").join(name);
        std::fs::write(&p, content).expect("write an input file");
        p.to_str().expect("a UTF-8 temp path").to_string()
    }

    /// An input file of `len` bytes that takes no disk space (sparse).
    fn sparse_input(&self, name: &str, len: u64) -> String {
        let p = self.dir.path().join("in").join(name);
        let f = std::fs::File::create(&p).expect("create a sparse file");
        f.set_len(len).expect("size the sparse file");
        p.to_str().expect("a UTF-8 temp path").to_string()
    }

    fn db_dir(&self) -> &Path {
        self.db.parent().expect("a folder")
    }
}

/// A ledger with something in every table a command can touch: wins with tags,
/// people, links and expectations, feedback, a set cycle, an imported ladder, and
/// an undo journal.
fn seeded() -> Sandbox {
    let s = Sandbox::new();
    s.run(&[
        "log",
        "Hired two managers for the payments org",
        "--expect",
        "hire-develop-managers",
        "--with",
        "Priya Shah",
        "--new-person",
        "--tag",
        "hiring",
        "--link",
        "https://wiki.example.com/hiring",
        "--principle",
        "ownership",
        "--date",
        "2026-03-14",
    ]);
    s.run(&[
        "log",
        "Cut cloud spend 30%",
        "--metric",
        "$1.2M",
        "--date",
        "2026-04-02",
    ]);
    s.run(&[
        "feedback",
        "add",
        "Priya Shah",
        "Best partner this year",
        "--date",
        "2026-05-01",
    ]);
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
    let ladder = s.input("my-ladder.json", GOOD_LADDER);
    s.run(&["ladder", "import", &ladder]);
    s
}

const GOOD_LADDER: &str = r#"{"id":"staff-eng","name":"Staff Engineer","current_level":"L6","target_level":"L7",
  "expectations":[{"id":"tech-vision","title":"Technical vision","description":"Sets direction"}]}"#;

/// One command that must fail.
struct Case {
    what: String,
    args: Vec<OsString>,
    code: i32,
    kind: &'static str,
    /// Words the message must hold: the problem, then what to do.
    words: Vec<&'static str>,
}

fn case(what: &str, args: &[&str], code: i32, kind: &'static str, words: &[&'static str]) -> Case {
    Case {
        what: what.to_string(),
        args: args.iter().map(OsString::from).collect(),
        code,
        kind,
        words: words.to_vec(),
    }
}

/// Runs every case with `--json` and checks the exit code, that nothing reached
/// stdout, the error's kind and words, that no raw SQLite text leaked, and that the
/// database's fingerprint and its folder's files are what they were before.
fn refuse_all(s: &Sandbox, cases: &[Case]) {
    let before = fingerprint(&s.db);
    let files = files_in(s.db_dir());
    for c in cases {
        let o = s
            .cal()
            .arg("--json")
            .args(&c.args)
            .output()
            .expect("run caliber");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(c.code), "{}: {err}", c.what);
        assert!(o.stdout.is_empty(), "{}: printed {:?}", c.what, o.stdout);
        let r: Value = serde_json::from_str(err.trim())
            .unwrap_or_else(|e| panic!("{}: stderr is not a JSON error ({e}): {err}", c.what));
        assert_eq!(r["kind"], c.kind, "{}: {r}", c.what);
        let message = r["message"].as_str().expect("a message");
        for w in &c.words {
            assert!(
                message.contains(w),
                "{}: {w:?} missing from: {message}",
                c.what
            );
        }
        for raw in ["database error", "constraint", "os error", "panicked"] {
            assert!(!message.contains(raw), "{}: raw text in: {message}", c.what);
        }
        assert!(
            fingerprint(&s.db) == before,
            "{}: the database changed",
            c.what
        );
        assert_eq!(files_in(s.db_dir()), files, "{}: stray files", c.what);
    }
}

// ---------------------------------------------------------------------------
// The fingerprint itself
// ---------------------------------------------------------------------------

#[test]
fn the_fingerprint_sees_a_new_win_an_edit_and_an_undo() {
    let s = seeded();
    let a = fingerprint(&s.db);
    s.run(&["log", "One more"]);
    let b = fingerprint(&s.db);
    assert_ne!(a, b, "a new win");
    s.run(&["edit", "1", "--metric", "2 managers"]);
    let c = fingerprint(&s.db);
    assert_ne!(b, c, "an edit of one field");
    s.run(&["undo"]);
    let d = fingerprint(&s.db);
    assert_ne!(
        c, d,
        "an undo (the journal row changes even when the content is back)"
    );
    // Reading leaves it as it is.
    s.run(&["list"]);
    s.run(&["search", "payments"]);
    assert_eq!(fingerprint(&s.db), d);
}

// ---------------------------------------------------------------------------
// Titles and text
// ---------------------------------------------------------------------------

#[test]
fn empty_and_huge_titles_and_fields_are_refused() {
    let s = seeded();
    // A 1 MB title, given as sixteen words of 64 KiB (one argument may not exceed
    // 128 KiB on Linux, the whole command line may).
    let word = "x".repeat(64 * 1024);
    let mut huge: Vec<OsString> = vec!["log".into()];
    huge.extend((0..16).map(|_| OsString::from(&word)));
    let mut cases = vec![
        case(
            "empty title",
            &["log", ""],
            2,
            "invalid_input",
            &["needs a title", "e.g."],
        ),
        case(
            "blank title",
            &["log", "  \t "],
            2,
            "invalid_input",
            &["needs a title"],
        ),
        case(
            "control characters only",
            &["log", "\u{7}\u{1b}\u{8}"],
            2,
            "invalid_input",
            &["needs a title"],
        ),
        case(
            "edit to an empty title",
            &["edit", "1", "--title", " "],
            2,
            "invalid_input",
            &["needs a title"],
        ),
        case(
            "a 100 000-character note",
            &["log", "Fine title", "--notes", &"n".repeat(100_000)],
            2,
            "invalid_input",
            &["notes", "100000", "20000"],
        ),
        case(
            "a 2 000-character tag",
            &["log", "Fine title", "--tag", &"t".repeat(2_000)],
            2,
            "invalid_input",
            &["tag", "200"],
        ),
        case(
            "a link that is not one line",
            &["log", "Fine title", "--link", "https://a.example/\u{7}x"],
            2,
            "invalid_input",
            &["link", "one line"],
        ),
    ];
    cases.push(Case {
        what: "a 1 MB title".into(),
        args: huge,
        code: 2,
        kind: "invalid_input",
        words: vec!["1048591 characters", "at most 300", "notes"],
    });
    refuse_all(&s, &cases);
}

#[test]
fn emoji_and_right_to_left_text_are_stored_and_read_back_exactly() {
    let s = seeded();
    let cases = [
        // A skin tone, a zero-width joiner sequence and a flag.
        "Shipped 🚀 the launch with 👩🏽‍💻 and 🇯🇵 partners",
        // Arabic and Hebrew, with a right-to-left mark (U+200F) in the middle.
        "تم توظيف مديرين اثنين\u{200F} للفريق",
        "גייסתי שני מנהלים לצוות התשלומים",
        // Mixed directions in one line.
        "Launched برنامج الإرشاد for 40 managers",
    ];
    for title in cases {
        let id = s.run(&["log", title, "--notes", title]).trim().to_string();
        let w = s.json(&["show", &id]);
        assert_eq!(w["title"], title, "stored exactly");
        assert_eq!(w["notes"], title);
        let listed = s.json(&["list"]);
        assert!(
            listed
                .as_array()
                .unwrap()
                .iter()
                .any(|w| w["title"] == title),
            "listed exactly: {title}"
        );
        // Text output carries it unchanged as well.
        assert!(s.run(&["show", &id]).contains(title));
    }
    // Search reads words of any script.
    for (word, title) in [
        ("مديرين", cases[1]),
        ("מנהלים", cases[2]),
        ("الإرشاد", cases[3]),
        ("launch", cases[0]),
    ] {
        let found = s.json(&["search", word]);
        let titles: Vec<&str> = found
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["title"].as_str().unwrap())
            .collect();
        assert!(titles.contains(&title), "{word}: {titles:?}");
    }
    // An emoji alone is not a word to search for: the message says what is.
    let o = s.cal().args(["--json", "search", "🚀"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let r: Value = serde_json::from_slice(&o.stderr).unwrap();
    assert!(
        r["message"].as_str().unwrap().contains("type a word"),
        "{r}"
    );
}

#[test]
fn control_characters_never_reach_the_database() {
    // The rule: a one-line field (title, metric, tag, name) turns each control
    // character into a space, so words never run together and no escape sequence
    // is stored to replay in a terminal later; free text (notes, situation, action,
    // result) keeps its line breaks and tabs and drops every other control.
    let s = seeded();
    let id = s
        .run(&[
            "log",
            "Fixed\u{1b}[31m the\u{7}build\r\nfor good",
            "--metric",
            "30%\u{1b}",
            "--tag",
            "ops\u{8}team",
            "--involved",
            "Tom\u{1b}]0;pwned\u{7} Baker",
            "--new-person",
            "--notes",
            "line one\n\tindented\u{1b}[2J line\u{7} two\u{85}",
        ])
        .trim()
        .to_string();
    let w = s.json(&["show", &id]);
    assert_eq!(w["title"], "Fixed [31m the build for good");
    assert_eq!(w["metric"], "30%");
    assert_eq!(w["tags"], serde_json::json!(["ops team"]));
    assert_eq!(w["people"], serde_json::json!(["Tom ]0;pwned Baker"]));
    assert_eq!(w["notes"], "line one\n\tindented[2J line two");
    // Nothing printed for a person carries a control character either.
    for args in [&["show", &id][..], &["list"][..], &["people", "list"][..]] {
        let out = s.run(args);
        assert!(
            !out.chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "{args:?}: {out:?}"
        );
    }
}

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

#[test]
fn impossible_far_and_backwards_dates_are_refused() {
    let s = seeded();
    let cases = [
        case(
            "30 February",
            &["log", "x", "--date", "2026-02-30"],
            2,
            "invalid_input",
            &["2026-02-30", "YYYY-MM-DD"],
        ),
        case(
            "month 13",
            &["log", "x", "--date", "2026-13-01"],
            2,
            "invalid_input",
            &["2026-13-01", "YYYY-MM-DD"],
        ),
        case(
            "year 0",
            &["log", "x", "--date", "0000-01-01"],
            2,
            "invalid_input",
            &["0000-01-01", "1970..2200", "YYYY-MM-DD"],
        ),
        case(
            "far future",
            &["log", "x", "--date", "9999-12-31"],
            2,
            "invalid_input",
            &["9999-12-31", "1970..2200"],
        ),
        case(
            "five-digit year",
            &["log", "x", "--date", "+10000-01-01"],
            2,
            "invalid_input",
            &["+10000-01-01", "1970..2200"],
        ),
        case(
            "not a date",
            &["log", "x", "--date", "next tuesday"],
            2,
            "invalid_input",
            &["next tuesday", "YYYY-MM-DD"],
        ),
        // Used to panic: the subtraction overflowed chrono's calendar.
        case(
            "4294967295 days ago",
            &["log", "x", "--date", "4294967295 days ago"],
            2,
            "invalid_input",
            &["4294967295 days ago", "number of days"],
        ),
        case(
            "100000 days ago",
            &["log", "x", "--date", "100000 days ago"],
            2,
            "invalid_input",
            &["1970..2200"],
        ),
        case(
            "edit to 30 February",
            &["edit", "1", "--date", "2026-02-30"],
            2,
            "invalid_input",
            &["2026-02-30", "YYYY-MM-DD"],
        ),
        case(
            "feedback in year 0",
            &["feedback", "add", "Priya Shah", "q", "--date", "0000-01-01"],
            2,
            "invalid_input",
            &["1970..2200"],
        ),
        case(
            "cycle window backwards",
            &["cycle", "set", "--from", "2026-12-31", "--to", "2026-01-01"],
            2,
            "invalid_input",
            &["before it starts", "--from"],
        ),
        case(
            "cycle start after its end",
            &["cycle", "set", "--from", "2027-06-01"],
            2,
            "invalid_input",
            &["before it starts"],
        ),
        case(
            "cycle in the far future",
            &["cycle", "set", "--to", "9999-01-01"],
            2,
            "invalid_input",
            &["9999-01-01", "1970..2200"],
        ),
        case(
            "target date in year 0",
            &["cycle", "set", "--target-date", "0000-06-01"],
            2,
            "invalid_input",
            &["1970..2200"],
        ),
        // Used to list nothing, as if there were no wins.
        case(
            "list window backwards",
            &["list", "--since", "2026-12-01", "--until", "2026-01-01"],
            2,
            "invalid_input",
            &["wrong way round", "--since"],
        ),
        case(
            "list since 30 February",
            &["list", "--since", "2026-02-30"],
            2,
            "invalid_input",
            &["YYYY-MM-DD"],
        ),
    ];
    refuse_all(&s, &cases);
}

// ---------------------------------------------------------------------------
// Arguments that are not UTF-8
// ---------------------------------------------------------------------------

#[test]
fn arguments_that_are_not_utf8_are_named_with_a_fix() {
    let s = seeded();
    let latin1 = OsString::from_vec(b"Caf\xe9 offsite".to_vec());
    let mut cases = Vec::new();
    for (what, args) in [
        ("log text", vec![OsString::from("log"), latin1.clone()]),
        (
            "a log option",
            vec!["log".into(), "x".into(), "--tag".into(), latin1.clone()],
        ),
        ("search text", vec!["search".into(), latin1.clone()]),
        (
            "a person's name",
            vec!["people".into(), "add".into(), latin1.clone()],
        ),
        (
            "an edit",
            vec!["edit".into(), "1".into(), "--title".into(), latin1.clone()],
        ),
    ] {
        cases.push(Case {
            what: what.into(),
            args,
            code: 2,
            kind: "invalid_input",
            words: vec!["Caf\u{FFFD} offsite", "not valid UTF-8", "LANG=C.UTF-8"],
        });
    }
    refuse_all(&s, &cases);
    // Without --json: one line starting with "error:", the same words, exit 2.
    let o = s.cal().arg("log").arg(&latin1).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("error: the argument 'Caf\u{FFFD} offsite' is not valid UTF-8"),
        "{err}"
    );

    // A path may be any bytes: a database whose name is not UTF-8 works.
    let dir = tempfile::tempdir().unwrap();
    let odd = dir.path().join(OsString::from_vec(b"caf\xe9.db".to_vec()));
    cal(&odd)
        .args(["log", "Saved under an odd name"])
        .assert()
        .success();
    let out = cal(&odd).args(["--json", "list"]).assert().success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v[0]["title"], "Saved under an odd name");
}

// ---------------------------------------------------------------------------
// Unknown ids
// ---------------------------------------------------------------------------

#[test]
fn unknown_expectation_ladder_person_feedback_and_win_ids_are_refused() {
    let s = seeded();
    let cases = [
        case(
            "show a missing win",
            &["show", "999"],
            3,
            "not_found",
            &["no win 999", "caliber list"],
        ),
        case(
            "edit a missing win",
            &["edit", "999", "--title", "x"],
            3,
            "not_found",
            &["no win 999"],
        ),
        case(
            "delete a missing win",
            &["delete", "999"],
            3,
            "not_found",
            &["no win 999"],
        ),
        case(
            "a win id that is not a number",
            &["show", "abc"],
            2,
            "invalid_input",
            &["abc"],
        ),
        case(
            "a win id too big for a number",
            &["show", "99999999999999999999"],
            2,
            "invalid_input",
            &["99999999999999999999"],
        ),
        case(
            "log with an unknown expectation",
            &["log", "x", "--expect", "hire-managers"],
            3,
            "not_found",
            &["hire-managers", "hire-develop-managers"],
        ),
        case(
            "edit with an unknown expectation",
            &["edit", "1", "--expect", "nope"],
            3,
            "not_found",
            &["nope", "team-delivery"],
        ),
        case(
            "list by an unknown expectation",
            &["list", "--expect", "nope"],
            3,
            "not_found",
            &["nope", "team-delivery"],
        ),
        case(
            "feedback for an unknown expectation",
            &["feedback", "add", "Priya Shah", "q", "--expect", "nope"],
            3,
            "not_found",
            &["nope", "team-delivery"],
        ),
        case(
            "an unknown principle",
            &["log", "x", "--principle", "Be Nice"],
            3,
            "not_found",
            &["Be Nice", "caliber ladder principles"],
        ),
        case(
            "show an unknown ladder",
            &["ladder", "show", "nope"],
            3,
            "not_found",
            &["nope", "caliber ladder import"],
        ),
        case(
            "a cycle on an unknown ladder",
            &["cycle", "set", "--ladder", "nope"],
            3,
            "not_found",
            &["nope", "senior-manager"],
        ),
        case(
            "show a missing person id",
            &["people", "show", "999"],
            3,
            "not_found",
            &["no person 999", "caliber people list"],
        ),
        case(
            "show an unknown name",
            &["people", "show", "Nobody"],
            3,
            "not_found",
            &["Nobody", "caliber people list"],
        ),
        case(
            "edit a missing person",
            &["people", "edit", "999", "--org", "x"],
            3,
            "not_found",
            &["no person 999"],
        ),
        case(
            "delete a missing person",
            &["people", "delete", "Nobody"],
            3,
            "not_found",
            &["Nobody"],
        ),
        case(
            "list by an unknown person",
            &["list", "--person", "Nobody"],
            3,
            "not_found",
            &["Nobody"],
        ),
        case(
            "feedback of an unknown person",
            &["feedback", "list", "--person", "42"],
            3,
            "not_found",
            &["no person 42"],
        ),
        case(
            "delete missing feedback",
            &["feedback", "delete", "999"],
            3,
            "not_found",
            &["no feedback 999", "caliber feedback list"],
        ),
        // These used to save an edit that changed nothing (and an undo step).
        case(
            "remove a person not on the win",
            &["edit", "1", "--without", "Nobody"],
            3,
            "not_found",
            &[
                "'Nobody' is not on win 1",
                "Priya Shah",
                "nothing was changed",
            ],
        ),
        case(
            "remove a tag not on the win",
            &["edit", "1", "--untag", "nope"],
            3,
            "not_found",
            &["'nope' is not on win 1", "hiring"],
        ),
        case(
            "remove an expectation not on the win",
            &["edit", "1", "--unexpect", "strategy"],
            3,
            "not_found",
            &["'strategy' is not on win 1", "hire-develop-managers"],
        ),
        case(
            "remove a link not on the win",
            &["edit", "1", "--unlink", "https://x.example"],
            3,
            "not_found",
            &["is not on win 1"],
        ),
        case(
            "remove a principle not on the win",
            &["edit", "1", "--no-principle", "frugality"],
            3,
            "not_found",
            &["'frugality' is not on win 1", "ownership"],
        ),
    ];
    refuse_all(&s, &cases);
}

// ---------------------------------------------------------------------------
// Imports
// ---------------------------------------------------------------------------

/// A backup of the seeded ledger, as `caliber export` writes it.
fn backup_text(s: &Sandbox) -> String {
    s.run(&["export"])
}

fn edited_backup(text: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(text).expect("a backup is JSON");
    edit(&mut v);
    serde_json::to_string_pretty(&v).expect("JSON")
}

#[test]
fn broken_backup_files_are_refused_by_name_and_place() {
    let s = seeded();
    let full = backup_text(&s);
    let cut: String = full.chars().take(full.chars().count() * 2 / 3).collect();
    let wrong_type = edited_backup(&full, |v| v["records"]["wins"][0]["date"] = 5.into());
    let wrong_list = edited_backup(&full, |v| v["records"]["wins"] = "none".into());
    let repeated_key = full.replacen("\"title\": ", "\"title\": \"Shadow\", \"title\": ", 1);
    assert_ne!(repeated_key, full);
    let huge_title = edited_backup(&full, |v| {
        v["records"]["wins"][0]["title"] = "x".repeat(1 << 20).into()
    });
    let huge_notes = edited_backup(&full, |v| {
        v["records"]["wins"][1]["notes"] = "n ".repeat(50_000).into()
    });
    let newer = edited_backup(&full, |v| v["version"] = 99.into());
    let cases = [
        case(
            "a cut-off backup",
            &["import", &s.input("cut.json", &cut)],
            2,
            "bad_file",
            &["cut off", "line", "export it again"],
        ),
        case(
            "a date that is a number",
            &["import", &s.input("type.json", &wrong_type)],
            2,
            "bad_file",
            &[
                "records.wins[0].date (win 1)",
                "invalid type",
                "export the backup again",
            ],
        ),
        case(
            "wins that are not a list",
            &["import", &s.input("list.json", &wrong_list)],
            2,
            "bad_file",
            &["records.wins", "expected a sequence"],
        ),
        // Used to keep the last of the two titles without a word.
        case(
            "a field given twice",
            &["import", &s.input("twice.json", &repeated_key)],
            2,
            "bad_file",
            &["duplicate field `title`", "export the backup again"],
        ),
        case(
            "a 1 MB title",
            &["import", &s.input("title.json", &huge_title)],
            2,
            "bad_file",
            &["win 1", "1048576 characters", "notes"],
        ),
        case(
            "a 100 000-character note",
            &["import", &s.input("notes.json", &huge_notes)],
            2,
            "bad_file",
            &["win 2", "notes", "20000"],
        ),
        case(
            "a backup from a newer Caliber",
            &["import", &s.input("newer.json", &newer)],
            2,
            "bad_file",
            &["version 99", "update Caliber"],
        ),
        case(
            "JSON that is not a backup",
            &["import", &s.input("other.json", "{\"hello\": 1}")],
            2,
            "bad_file",
            &["not a Caliber backup", "--format jrnl"],
        ),
        case(
            "a file over the size limit",
            &[
                "import",
                &s.sparse_input("big.json", caliber::io::MAX_IMPORT_BYTES + 1),
            ],
            2,
            "bad_file",
            &["MB", "split it"],
        ),
        case(
            "a backup that is not UTF-8",
            &[
                "import",
                &s.input("latin1.json", b"{\"format\": \"caf\xe9\"}"),
            ],
            2,
            "bad_file",
            &["not UTF-8", "save it as UTF-8"],
        ),
        case(
            "a folder",
            &["import", s.dir.path().join("in").to_str().unwrap()],
            2,
            "invalid_input",
            &["is a folder"],
        ),
    ];
    refuse_all(&s, &cases);
}

#[test]
fn a_backup_with_an_id_twice_is_refused_before_anything_is_written() {
    // Ids are kept only when restoring into an empty ledger, so the case needs one.
    let src = seeded();
    src.run(&["log", "A third win"]);
    let full = backup_text(&src);
    let empty = Sandbox::new();
    empty.run(&["list"]); // creates the file
    let twice_win = edited_backup(&full, |v| {
        let wins = v["records"]["wins"].as_array_mut().unwrap();
        wins[2]["id"] = wins[0]["id"].clone();
    });
    let twice_feedback = edited_backup(&full, |v| {
        let fb = v["records"]["feedback"].as_array_mut().unwrap();
        let mut copy = fb[0].clone();
        copy["quote"] = "Something else".into();
        fb.push(copy);
    });
    let twice_person = edited_backup(&full, |v| {
        let people = v["records"]["people"].as_array_mut().unwrap();
        let mut copy = people[0].clone();
        copy["name"] = "Someone Else".into();
        people.push(copy);
    });
    // Each used to stop half-way with "database error: UNIQUE constraint failed".
    let cases = [
        case(
            "a win id twice",
            &["import", &empty.input("w.json", &twice_win)],
            2,
            "bad_file",
            &[
                "win 3): the id 1 is already used by win 1",
                "export the backup again",
            ],
        ),
        case(
            "a feedback id twice",
            &["import", &empty.input("f.json", &twice_feedback)],
            2,
            "bad_file",
            &["feedback 2): the id 1 is already used by feedback 1"],
        ),
        case(
            "a person id twice",
            &["import", &empty.input("p.json", &twice_person)],
            2,
            "bad_file",
            &["person 2): the id 1 is already used by person 1"],
        ),
    ];
    refuse_all(&empty, &cases);
    assert_eq!(empty.json(&["list"]), serde_json::json!([]));
}

#[test]
fn broken_csv_files_are_refused_by_line() {
    let s = seeded();
    let cases = [
        // Used to come in with half a cell and no complaint.
        case(
            "cut off inside a quoted cell",
            &[
                "import",
                &s.input(
                    "cut.csv",
                    "date,title,notes\n2026-05-01,A row,\"the notes go on and o",
                ),
            ],
            2,
            "bad_file",
            &["line 2", "never closed", "cut off"],
        ),
        case(
            "cut off inside a date",
            &[
                "import",
                &s.input("cut2.csv", "date,title\n2026-05-01,A good row\n2026-05-0"),
            ],
            2,
            "bad_file",
            &["line 3", "2026-05-0", "YYYY-MM-DD"],
        ),
        case(
            "a date that is a word",
            &[
                "import",
                &s.input("type.csv", "date,title\nyesterday,A row\n"),
            ],
            2,
            "bad_file",
            &["line 2", "yesterday", "YYYY-MM-DD"],
        ),
        case(
            "a scope that is not one",
            &[
                "import",
                &s.input("scope.csv", "date,title,scope\n2026-05-01,A row,galaxy\n"),
            ],
            2,
            "bad_file",
            &["line 2", "galaxy", "team, org, company"],
        ),
        case(
            "a timestamp that is not one",
            &[
                "import",
                &s.input("ts.csv", "date,title,logged_at\n2026-05-01,A row,soon\n"),
            ],
            2,
            "bad_file",
            &["line 2", "soon", "RFC 3339"],
        ),
        case(
            "an unknown expectation",
            &[
                "import",
                &s.input(
                    "exp.csv",
                    "date,title,expectations\n2026-05-01,A row,nope\n",
                ),
            ],
            2,
            "bad_file",
            &["line 2", "expectation 'nope'"],
        ),
        case(
            "a column twice",
            &[
                "import",
                &s.input("twice.csv", "date,title,title\n2026-05-01,A,B\n"),
            ],
            2,
            "bad_file",
            &["line 1", "'title' appears twice"],
        ),
        case(
            "no title column",
            &[
                "import",
                &s.input("nohead.csv", "date,what\n2026-05-01,A\n"),
            ],
            2,
            "bad_file",
            &["unknown column 'what'"],
        ),
        case(
            "more cells than columns",
            &[
                "import",
                &s.input("cells.csv", "date,title\n2026-05-01,A,extra\n"),
            ],
            2,
            "bad_file",
            &["line 2", "3 cells", "header has 2"],
        ),
        case(
            "a 1 MB title",
            &[
                "import",
                &s.input(
                    "title.csv",
                    format!("date,title\n2026-05-01,{}\n", "x".repeat(1 << 20)),
                ),
            ],
            2,
            "bad_file",
            &["line 2", "1048576 characters", "notes column"],
        ),
        case(
            "a 100 000-character note",
            &[
                "import",
                &s.input(
                    "notes.csv",
                    format!(
                        "date,title,notes\n2026-05-01,A row,{}\n",
                        "n".repeat(100_000)
                    ),
                ),
            ],
            2,
            "bad_file",
            &["line 2", "notes", "20000"],
        ),
        case(
            "Latin-1 text",
            &[
                "import",
                &s.input("latin1.csv", b"date,title\n2026-03-14,Caf\xe9\n"),
            ],
            2,
            "bad_file",
            &["not UTF-8", "CSV UTF-8"],
        ),
        case(
            "an empty file",
            &["import", &s.input("empty.csv", "")],
            2,
            "bad_file",
            &["empty", "header row"],
        ),
        case(
            "a file over the size limit",
            &[
                "import",
                &s.sparse_input("big.csv", caliber::io::MAX_IMPORT_BYTES + 1),
            ],
            2,
            "bad_file",
            &["MB", "split it"],
        ),
    ];
    refuse_all(&s, &cases);
}

#[test]
fn broken_jrnl_exports_are_refused_by_entry() {
    let s = seeded();
    let entry = |date: &str, title: &str| {
        format!(
            r#"{{"date": "{date}", "time": "09:15", "title": "{title}", "body": "", "tags": []}}"#
        )
    };
    let good = format!(
        "{{\"entries\": [{}, {}]}}",
        entry("2026-05-01", "One"),
        entry("2026-05-02", "Two")
    );
    let cut = &good[..good.len() - 30];
    let cases = [
        case("cut off", &["import", &s.input("cut.json", cut), "--format", "jrnl"], 2, "bad_file", &["cut off", "export"]),
        case("entries that are not a list", &["import", &s.input("e.json", "{\"entries\": 5}"), "--format", "jrnl"], 2, "bad_file", &["entries", "expected a sequence", "jrnl --export json"]),
        case("a date that is a number", &["import", &s.input("d.json", "{\"entries\": [{\"date\": 5, \"title\": \"x\"}]}"), "--format", "jrnl"], 2, "bad_file", &["entry 1, field date", "jrnl --export json"]),
        case("an impossible date", &["import", &s.input("d2.json", format!("{{\"entries\": [{}]}}", entry("2026-02-30", "x"))), "--format", "jrnl"], 2, "bad_file", &["entry 1", "2026-02-30", "YYYY-MM-DD"]),
        case("a field given twice", &["import", &s.input("twice.json", "{\"entries\": [{\"date\": \"2026-05-01\", \"title\": \"A\", \"title\": \"B\"}]}"), "--format", "jrnl"], 2, "bad_file", &["entry 1", "duplicate field `title`"]),
        case("an entry with no text", &["import", &s.input("blank.json", format!("{{\"entries\": [{}]}}", entry("2026-05-01", " "))), "--format", "jrnl"], 2, "bad_file", &["entry 1", "no title and no text"]),
        case("a 1 MB entry", &["import", &s.input("big.json", format!("{{\"entries\": [{}]}}", entry("2026-05-01", &"word ".repeat(200_000)))), "--format", "jrnl"], 2, "bad_file", &["entry 1", "notes", "20000"]),
        case("not JSON", &["import", &s.input("x.json", "date: today"), "--format", "jrnl"], 2, "bad_file", &["not valid JSON", "line 1"]),
    ];
    refuse_all(&s, &cases);
}

#[test]
fn broken_markdown_files_are_refused_by_line() {
    let s = seeded();
    let cases = [
        case(
            "cut off inside a date",
            &["import", &s.input("cut.md", "## March 2026\n- **2026-03-0")],
            2,
            "bad_file",
            &["line 2", "2026-03-0", "YYYY-MM-DD"],
        ),
        case(
            "a heading that is not a date",
            &["import", &s.input("head.md", "## 2026-02-30\n- A thing\n")],
            2,
            "bad_file",
            &["line 1", "2026-02-30", "YYYY-MM-DD"],
        ),
        case(
            "a bullet date out of range",
            &[
                "import",
                &s.input("bullet.md", "## March 2026\n- [2026-13-45] A thing\n"),
            ],
            2,
            "bad_file",
            &["line 2", "2026-13-45"],
        ),
        case(
            "an unknown expectation label",
            &[
                "import",
                &s.input("exp.md", "## March 2026\n- A thing\n  - expect: nope\n"),
            ],
            2,
            "bad_file",
            &["line 2", "expectation 'nope'"],
        ),
        case(
            "an unknown scope",
            &[
                "import",
                &s.input("scope.md", "## March 2026\n- A thing\n  - Scope: galaxy\n"),
            ],
            2,
            "bad_file",
            &["galaxy", "team, org, company"],
        ),
        case(
            "a 1 MB bullet",
            &[
                "import",
                &s.input(
                    "big.md",
                    format!("## March 2026\n- {}\n", "word ".repeat(200_000)),
                ),
            ],
            2,
            "bad_file",
            &["line 2", "notes", "20000"],
        ),
        case(
            "a file over the size limit",
            &[
                "import",
                &s.sparse_input("big2.md", caliber::io::MAX_IMPORT_BYTES + 1),
            ],
            2,
            "bad_file",
            &["MB", "split it"],
        ),
    ];
    refuse_all(&s, &cases);
}

#[test]
fn the_same_entry_twice_in_a_file_comes_in_once_in_every_format() {
    // Duplicated content that is not an error: an entry already in the ledger, or
    // twice in the file, is skipped and counted, and the count is said.
    for (name, content) in [
        ("twice.csv", "date,title\n2026-05-01,Ran the offsite\n2026-05-01,Ran the offsite\n".to_string()),
        ("twice.md", "## May 2026\n- 2026-05-01: Ran the offsite\n- 2026-05-01: Ran the offsite\n".to_string()),
        ("twice.json", r#"{"entries": [{"date": "2026-05-01", "title": "Ran the offsite"}, {"date": "2026-05-01", "title": "Ran the offsite"}]}"#.to_string()),
    ] {
        let s = Sandbox::new();
        let file = s.input(name, &content);
        let summary = s.json(&["import", &file]);
        assert_eq!(summary["wins"], 1, "{name}: {summary}");
        assert_eq!(summary["duplicates"], 1, "{name}: {summary}");
        let err = String::from_utf8_lossy(&s.cal().args(["import", &file]).assert().success().get_output().stderr).into_owned();
        assert!(err.contains("Imported 0 wins") && err.contains("2 already there"), "{name}: {err}");
        assert_eq!(s.json(&["list"]).as_array().unwrap().len(), 1, "{name}");
    }
}

// ---------------------------------------------------------------------------
// Ladder files
// ---------------------------------------------------------------------------

#[test]
fn ladder_files_with_missing_or_wrong_fields_name_the_field() {
    let s = seeded();
    let head = r#""id":"x","name":"X","current_level":"L6","target_level":"L7""#;
    let exp = r#"{"id":"a","title":"A","description":"d"}"#;
    let cases = [
        case("no expectations", &["ladder", "import", &s.input("l1.json", format!("{{{head}}}"))], 2, "bad_file", &["missing field `expectations`", "expected shape"]),
        case("no levels", &["ladder", "import", &s.input("l2.json", r#"{"id":"x","name":"X","expectations":[]}"#)], 2, "bad_file", &["missing field `current_level`"]),
        case("an expectation without a title", &["ladder", "import", &s.input("l3.json", format!(r#"{{{head},"expectations":[{{"id":"a","description":"d"}}]}}"#))], 2, "bad_file", &["expectations[0]", "missing field `title`"]),
        case("an empty list", &["ladder", "import", &s.input("l4.json", format!(r#"{{{head},"expectations":[]}}"#))], 2, "bad_file", &["expectations", "at least one"]),
        case("a blank name", &["ladder", "import", &s.input("l5.json", format!(r#"{{"id":"x","name":" ","current_level":"L6","target_level":"L7","expectations":[{exp}]}}"#))], 2, "bad_file", &["`name`", "must not be empty"]),
        case("an id that is not a slug", &["ladder", "import", &s.input("l6.json", format!(r#"{{"id":"My Ladder!","name":"X","current_level":"L6","target_level":"L7","expectations":[{exp}]}}"#))], 2, "bad_file", &["`id`", "slug"]),
        case("an expectation id twice", &["ladder", "import", &s.input("l7.json", format!(r#"{{{head},"expectations":[{exp},{exp}]}}"#))], 2, "bad_file", &["expectations[1].id", "repeats"]),
        case("expectations that are text", &["ladder", "import", &s.input("l8.json", format!(r#"{{{head},"expectations":"all of them"}}"#))], 2, "bad_file", &["field `expectations`", "expected a sequence"]),
        case("a field given twice", &["ladder", "import", &s.input("l9.json", format!(r#"{{{head},"id":"y","expectations":[{exp}]}}"#))], 2, "bad_file", &["duplicate field `id`"]),
        case("an unknown field", &["ladder", "import", &s.input("l10.json", format!(r#"{{{head},"expectations":[{exp}],"colour":"red"}}"#))], 2, "bad_file", &["unknown field `colour`"]),
        case("cut off", &["ladder", "import", &s.input("l11.json", format!(r#"{{{head},"expectations":[{{"id":"a","ti"#))], 2, "bad_file", &["cut off"]),
        case("not JSON", &["ladder", "import", &s.input("l12.json", "id: x")], 2, "bad_file", &["not valid JSON"]),
        case("not UTF-8", &["ladder", "import", &s.input("l13.json", b"{\"id\":\"caf\xe9\"}")], 2, "bad_file", &["not UTF-8", "save it as UTF-8"]),
        case("over the size limit", &["ladder", "import", &s.sparse_input("l14.json", caliber::ladder::MAX_LADDER_BYTES + 1)], 2, "bad_file", &["MB", "right file"]),
        case("a folder", &["ladder", "import", s.dir.path().join("in").to_str().unwrap()], 2, "invalid_input", &["is a folder"]),
        case("a built-in ladder's id", &["ladder", "import", &s.input("l15.json", GOOD_LADDER.replace("staff-eng", "senior-manager"))], 2, "invalid_input", &["built-in", "another id"]),
    ];
    refuse_all(&s, &cases);
}

// ---------------------------------------------------------------------------
// The database file
// ---------------------------------------------------------------------------

/// Runs `caliber --json --db PATH list` and `log` and checks both fail with
/// `code`/`kind` and the words, leaving the file's bytes as they were.
fn refuse_db(path: &Path, code: i32, kind: &str, words: &[&str]) {
    let before = std::fs::read(path).ok();
    for args in [&["list"][..], &["log", "Would write into it"][..]] {
        let o = cal(path).arg("--json").args(args).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(code), "{}: {err}", path.display());
        let r: Value = serde_json::from_str(err.trim()).unwrap_or_else(|e| panic!("{e}: {err}"));
        assert_eq!(r["kind"], kind, "{r}");
        let m = r["message"].as_str().unwrap();
        for w in words {
            assert!(m.contains(w), "{w:?} missing from: {m}");
        }
        assert!(!m.contains("database error"), "{m}");
        assert!(
            std::fs::read(path).ok() == before,
            "{} was changed",
            path.display()
        );
    }
}

#[test]
fn a_database_path_that_is_a_folder_text_another_program_damaged_or_newer_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    refuse_db(&folder, 2, "invalid_input", &["is a folder", "caliber.db"]);
    assert!(
        files_in(&folder).is_empty(),
        "nothing was created in the folder"
    );

    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "My private notes, not a database.\n".repeat(40)).unwrap();
    refuse_db(
        &notes,
        5,
        "not_a_database",
        &["not a Caliber database", "--db"],
    );

    // Another program's SQLite file: it used to be given Caliber's tables, or fail
    // with "table people already exists".
    for table in ["people", "moz_places"] {
        let other = dir.path().join(format!("other-{table}.sqlite"));
        let conn = rusqlite::Connection::open(&other).unwrap();
        conn.execute_batch(&format!(
            "CREATE TABLE {table} (x); INSERT INTO {table} VALUES (1);"
        ))
        .unwrap();
        drop(conn);
        let before = fingerprint(&other);
        refuse_db(
            &other,
            5,
            "not_a_database",
            &["another program", "left unchanged", "--db"],
        );
        assert_eq!(fingerprint(&other), before);
    }

    // A Caliber database cut short (as by a failed copy): it used to be a raw
    // "database error: database disk image is malformed".
    let good = dir.path().join("good.db");
    cal(&good).args(["log", "A win"]).assert().success();
    let bytes = std::fs::read(&good).unwrap();
    let cut = dir.path().join("cut.db");
    std::fs::write(&cut, &bytes[..4096]).unwrap();
    refuse_db(
        &cut,
        5,
        "damaged",
        &["cut.db is damaged", "caliber restore", "backups folder"],
    );

    // A database from a newer Caliber.
    let newer = dir.path().join("newer.db");
    std::fs::copy(&good, &newer).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let before = fingerprint(&newer);
    refuse_db(
        &newer,
        5,
        "newer_database",
        &["newer Caliber", "schema version 99", "update Caliber"],
    );
    assert_eq!(fingerprint(&newer), before);
}

// ---------------------------------------------------------------------------
// Search text
// ---------------------------------------------------------------------------

#[test]
fn fts5_syntax_in_search_text_is_searched_as_words_or_refused_clearly() {
    let s = seeded();
    let before = fingerprint(&s.db);
    // Syntax around a word: the syntax is dropped and the word is searched.
    for q in [
        "hired*",
        "(hired",
        "hired)",
        "\"hired",
        "hired\"",
        "^hired",
        "+hired",
        "{hired}",
        "hired:",
        "hired;",
        "hired -",
        "hired -\"",
    ] {
        let found = s.json(&["search", q]);
        let titles: Vec<&str> = found
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|w| w["title"].as_str())
            .collect();
        assert!(
            titles.contains(&"Hired two managers for the payments org"),
            "{q:?}: {titles:?}"
        );
    }
    // FTS5 operators and column filters are words like any other: every one must
    // be in a win for it to match, so these find nothing, without failing.
    for q in [
        "title:hired",
        "NEAR(hired managers, 2)",
        "hired AND NOT managers",
        "{title body}: hired",
        "hired; DROP TABLE wins; --",
        "rank MATCH 'x'",
    ] {
        let found = s.json(&["search", q]);
        assert_eq!(found, serde_json::json!([]), "{q:?}");
    }
    // Syntax alone: refused, with what to type instead.
    let cases: Vec<Case> = ["*", "\"\"", "AND(", ":", "NEAR()"]
        .iter()
        .map(|q| {
            case(
                &format!("search {q:?}"),
                &["search", q],
                2,
                "invalid_input",
                &["word"],
            )
        })
        .collect();
    // "AND(" and "NEAR()" hold letters: they are words to FTS5's tokenizer, so they
    // search (and find nothing) instead of failing.
    let (words, syntax): (Vec<Case>, Vec<Case>) = cases
        .into_iter()
        .partition(|c| c.what.contains("AND") || c.what.contains("NEAR"));
    let mut syntax = syntax;
    // Only excluded words: a query starting with a dash follows `--`.
    syntax.push(case(
        "search -- -hired",
        &["search", "--", "-hired"],
        2,
        "invalid_input",
        &["at least one word", "-excluded"],
    ));
    refuse_all(&s, &syntax);
    for c in words {
        let o = s.cal().arg("--json").args(&c.args).output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", c.what);
        assert_eq!(
            serde_json::from_slice::<Value>(&o.stdout).unwrap(),
            serde_json::json!([]),
            "{}",
            c.what
        );
    }
    assert_eq!(fingerprint(&s.db), before);
}
