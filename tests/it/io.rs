//! Import and export, end to end on real databases: every format reads a good file
//! completely, refuses a broken one by naming the line or entry without changing the
//! ledger, and the same file imported twice adds nothing the second time.

use crate::common::d;
use caliber::io::{self, Format};
use caliber::{
    Cycle, Error, ExpectationTag, FeedbackDraft, PersonDraft, PersonRef, Relation, Scope, Source,
    Store, Win, WinDraft,
};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

fn write(dir: &Path, name: &str, content: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

/// Parses `content` and stores it as `import_file` would, without a file.
fn import_text(store: &mut Store, format: Format, content: &str) -> caliber::store::ImportSummary {
    let records = io::parse(format, content).unwrap();
    store
        .insert_records(&records, Some(Source::Import))
        .unwrap()
}

/// All wins, oldest first (the order files are written in).
fn wins(store: &Store) -> Vec<Win> {
    store.all_records().unwrap().wins
}

fn by_title<'a>(wins: &'a [Win], title: &str) -> &'a Win {
    wins.iter().find(|w| w.title == title).unwrap_or_else(|| {
        panic!(
            "no win titled {title:?} in {:#?}",
            wins.iter().map(|w| &w.title).collect::<Vec<_>>()
        )
    })
}

/// Imports `content` and expects a bad-file error; checks nothing was written.
fn refused(
    store: &mut Store,
    dir: &Path,
    name: &str,
    content: &str,
    format: Option<Format>,
) -> String {
    let before = store.count_wins().unwrap();
    let path = write(dir, name, content);
    let err = io::import_file(store, &path, format).unwrap_err();
    assert!(
        matches!(err, Error::BadFile(_)),
        "expected a bad-file error, got {err:?}"
    );
    assert_eq!(
        store.count_wins().unwrap(),
        before,
        "a refused import must change nothing"
    );
    err.to_string()
}

/// A ledger with every kind of record and every field of a win in use.
fn full_ledger() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    s.set_cycle(&Cycle {
        ladder: "senior-manager".into(),
        current_level: "L6".into(),
        target_level: "L7".into(),
        start: d("2025-07-01"),
        end: d("2026-06-30"),
        target_date: Some(d("2026-07-15")),
        is_default: false,
    })
    .unwrap();
    s.add_person(&PersonDraft {
        name: "Priya Shah".into(),
        relation: Some(Relation::Peer),
        org: Some("Checkout".into()),
        notes: Some("Runs the checkout managers".into()),
        ..Default::default()
    })
    .unwrap();
    s.add_win(&WinDraft {
        date: Some(d("2026-03-14")),
        title: "Hired two managers for the payments org".into(),
        situation: Some("Two teams had no manager after the reorg".into()),
        action: Some("Ran 14 loops with the bar raiser\nClosed both candidates in a week".into()),
        result: Some("Both teams staffed in 6 weeks".into()),
        notes: Some("Loop notes:\n- strong on coaching\n- weaker on roadmap".into()),
        metric: Some("2 managers".into()),
        scope: Scope::Org,
        people: vec![
            PersonRef {
                name: "Priya Shah".into(),
                vouches: true,
            },
            PersonRef {
                name: "Tom Baker".into(),
                vouches: false,
            },
        ],
        links: vec!["https://wiki.example.com/hiring".into()],
        tags: vec!["hiring".into(), "payments".into()],
        expectations: vec![
            ExpectationTag {
                id: "hire-develop-managers".into(),
                confirmed: true,
            },
            ExpectationTag {
                id: "team-delivery".into(),
                confirmed: false,
            },
        ],
        principles: vec!["hire-and-develop-the-best".into()],
        source: Source::App,
    })
    .unwrap();
    s.add_win(&WinDraft {
        date: Some(d("2026-01-20")),
        title: "Handed the weekly ops review to Dana's team (now run without me)".into(),
        metric: Some("-3 h/week".into()),
        tags: vec!["delegation".into()],
        expectations: vec![ExpectationTag {
            id: "delegation".into(),
            confirmed: true,
        }],
        ..WinDraft::default()
    })
    .unwrap();
    s.add_win(&WinDraft {
        date: Some(d("2025-11-03")),
        title: "Wrote the 2026 planning narrative for #payments, adopted by 3 orgs".into(),
        result: Some("Headcount request approved".into()),
        scope: Scope::Company,
        expectations: vec![ExpectationTag {
            id: "strategy".into(),
            confirmed: true,
        }],
        principles: vec!["think-big".into()],
        ..WinDraft::default()
    })
    .unwrap();
    s.add_feedback(&FeedbackDraft {
        person: "Priya Shah".into(),
        date: Some(d("2026-03-20")),
        quote: "Both new managers were ready from day one.".into(),
        expectation: Some("hire-develop-managers".into()),
    })
    .unwrap();
    s
}

// ---------------------------------------------------------------------------------
// Formats and guessing

#[test]
fn formats_read_their_names_and_refuse_others() {
    assert_eq!("CSV".parse::<Format>().unwrap(), Format::Csv);
    assert_eq!("md".parse::<Format>().unwrap(), Format::Markdown);
    assert_eq!(" markdown ".parse::<Format>().unwrap(), Format::Markdown);
    assert_eq!("backup".parse::<Format>().unwrap(), Format::Backup);
    assert_eq!("jrnl".parse::<Format>().unwrap(), Format::Jrnl);
    let err = "xml".parse::<Format>().unwrap_err().to_string();
    assert!(
        err.contains("'xml'") && err.contains("backup, csv, jrnl, markdown"),
        "{err}"
    );
    for f in Format::ALL {
        assert_eq!(f.to_string().parse::<Format>().unwrap(), *f);
    }
}

#[test]
fn the_format_is_guessed_from_the_name_and_the_content() {
    let g = |name: &str, content: &str| Format::guess(Path::new(name), content);
    assert_eq!(g("wins.csv", ""), Format::Csv);
    assert_eq!(g("brag.md", ""), Format::Markdown);
    assert_eq!(g("Brag.MARKDOWN", ""), Format::Markdown);
    assert_eq!(
        g("journal.json", r#"{"tags": {}, "entries": []}"#),
        Format::Jrnl
    );
    assert_eq!(
        g(
            "caliber.json",
            r#"{"format": "caliber-backup", "version": 1, "records": {}}"#
        ),
        Format::Backup
    );
    assert_eq!(
        g(
            "cut.json",
            r#"{"format": "caliber-backup", "version": 1, "records": {"wins": ["#
        ),
        Format::Backup
    );
    assert_eq!(
        g(
            "cut.json",
            r#"{"tags": {"@work": 2}, "entries": [{"title": "#
        ),
        Format::Jrnl
    );
    assert_eq!(
        g("notes.txt", "date,title\n2026-03-14,Shipped\n"),
        Format::Csv
    );
    assert_eq!(
        g("notes.txt", "## March 2026\n- Shipped\n"),
        Format::Markdown
    );
}

#[test]
fn export_to_jrnl_is_refused_with_the_alternatives() {
    let s = full_ledger();
    let err = io::export(&s, Format::Jrnl).unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)));
    assert!(
        err.to_string().contains("use backup, csv or markdown"),
        "{err}"
    );
}

#[test]
fn an_empty_ledger_exports_files_that_import_to_nothing() {
    let empty = Store::open_in_memory().unwrap();
    for format in [Format::Backup, Format::Csv, Format::Markdown] {
        let text = io::export(&empty, format).unwrap();
        let records = io::parse(format, &text).unwrap();
        assert!(records.wins.is_empty(), "{format}: {text}");
        let mut other = Store::open_in_memory().unwrap();
        assert_eq!(other.insert_records(&records, None).unwrap().wins, 0);
    }
}

#[test]
fn files_that_are_too_big_or_not_text_are_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_in_memory().unwrap();
    let big = dir.path().join("huge.csv");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(io::MAX_IMPORT_BYTES + 1).unwrap(); // sparse: no real disk used
    let err = io::import_file(&mut s, &big, None).unwrap_err().to_string();
    assert!(err.contains("200 MB") && err.contains("huge.csv"), "{err}");

    let latin1 = dir.path().join("latin1.csv");
    std::fs::write(&latin1, b"date,title\n2026-03-14,Caf\xe9 offsite\n").unwrap();
    let err = io::import_file(&mut s, &latin1, None)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("not UTF-8") && err.contains("save it as UTF-8"),
        "{err}"
    );

    let missing = dir.path().join("nope.csv");
    let err = io::import_file(&mut s, &missing, None).unwrap_err();
    assert!(
        matches!(err, Error::Io { .. }) && err.to_string().contains("nope.csv"),
        "{err}"
    );
    assert_eq!(s.count_wins().unwrap(), 0);
}

// ---------------------------------------------------------------------------------
// Backup

fn records_part(backup: &str) -> serde_json::Value {
    let mut doc: serde_json::Value = serde_json::from_str(backup).unwrap();
    assert_eq!(doc["format"], "caliber-backup");
    assert_eq!(doc["version"], 1);
    assert!(doc["exported_at"].as_str().unwrap().ends_with('Z'));
    doc["records"].take()
}

#[test]
fn a_backup_restores_into_an_empty_ledger_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let a = full_ledger();
    let first = io::export(&a, Format::Backup).unwrap();
    let path = write(dir.path(), "caliber-backup.json", &first);

    let mut b = Store::open(&dir.path().join("b.db")).unwrap();
    let summary = io::import_file(&mut b, &path, None).unwrap();
    assert_eq!(summary.wins, 3);
    assert_eq!(summary.feedback, 1);
    assert_eq!(summary.people, 2, "Priya and Tom");
    assert!(summary.kept_ids);

    let second = io::export(&b, Format::Backup).unwrap();
    assert_eq!(records_part(&first), records_part(&second));
    // Sources are kept, not turned into "import".
    assert_eq!(
        by_title(&wins(&b), "Hired two managers for the payments org").source,
        Source::App
    );
    assert_eq!(b.cycle().unwrap().target_level, "L7");
    assert_eq!(
        b.person_by_name("priya shah")
            .unwrap()
            .unwrap()
            .org
            .as_deref(),
        Some("Checkout")
    );
}

#[test]
fn a_backup_imported_twice_adds_nothing_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "b.json",
        &io::export(&full_ledger(), Format::Backup).unwrap(),
    );
    let mut s = Store::open_in_memory().unwrap();
    io::import_file(&mut s, &path, Some(Format::Backup)).unwrap();
    let again = io::import_file(&mut s, &path, Some(Format::Backup)).unwrap();
    assert_eq!((again.wins, again.feedback, again.duplicates), (0, 0, 4));
    assert_eq!(s.count_wins().unwrap(), 3);
}

#[test]
fn broken_backups_are_refused_with_the_field_named() {
    let dir = tempfile::tempdir().unwrap();
    let good = io::export(&full_ledger(), Format::Backup).unwrap();
    let mut s = Store::open_in_memory().unwrap();
    s.add_win(&WinDraft::titled("Ran the Q1 calibration for my managers"))
        .unwrap();

    // Cut off half way, as an interrupted copy leaves it.
    let err = refused(
        &mut s,
        dir.path(),
        "cut.json",
        &good[..good.len() / 2],
        None,
    );
    assert!(err.contains("cut off") && err.contains("line"), "{err}");

    // A date written as a number.
    let mut doc: serde_json::Value = serde_json::from_str(&good).unwrap();
    doc["records"]["wins"][1]["date"] = serde_json::json!(20260120);
    let err = refused(&mut s, dir.path(), "typed.json", &doc.to_string(), None);
    assert!(err.starts_with("records.wins[1].date (win 2):"), "{err}");
    assert!(err.contains("integer"), "{err}");

    // An impossible date in the right type.
    let mut doc: serde_json::Value = serde_json::from_str(&good).unwrap();
    doc["records"]["wins"][0]["date"] = serde_json::json!("2026-13-01");
    let err = refused(&mut s, dir.path(), "month13.json", &doc.to_string(), None);
    assert!(err.starts_with("records.wins[0].date (win 1):"), "{err}");

    // From a newer Caliber.
    let mut doc: serde_json::Value = serde_json::from_str(&good).unwrap();
    doc["version"] = serde_json::json!(2);
    let err = refused(&mut s, dir.path(), "v2.json", &doc.to_string(), None);
    assert!(
        err.contains("version 2") && err.contains("update Caliber"),
        "{err}"
    );

    // Not a backup at all.
    let mut doc: serde_json::Value = serde_json::from_str(&good).unwrap();
    doc["format"] = serde_json::json!("brag-export");
    let err = refused(
        &mut s,
        dir.path(),
        "other.json",
        &doc.to_string(),
        Some(Format::Backup),
    );
    assert!(err.contains("'brag-export'"), "{err}");
    let err = refused(
        &mut s,
        dir.path(),
        "list.json",
        "[1, 2]",
        Some(Format::Backup),
    );
    assert!(err.contains("not a Caliber backup"), "{err}");

    // A valid file whose win breaks a rule of the store: the win is named.
    let mut doc: serde_json::Value = serde_json::from_str(&good).unwrap();
    doc["records"]["wins"][2]["expectations"][0]["id"] = serde_json::json!("world-domination");
    let err = refused(&mut s, dir.path(), "rule.json", &doc.to_string(), None);
    assert!(
        err.contains("win 3") && err.contains("world-domination"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------
// CSV

const SHEET: &str = "\
Title,DATE,Metric,Scope,Tags,Vouchers,People,Expectations,Notes
Hired two managers for the payments org,2026-03-14,2 managers,org,hiring; payments,Priya Shah,Tom Baker,hire-develop-managers,\"Loops run with the bar raiser.
Both accepted in a week.\"
Cut checkout p99 latency from 900 ms to 580 ms,2026-02-02,35%,,perf,,,team-delivery,
Set up a staff-plus review for the org,2026-01-09,,,,,,,
";

#[test]
fn a_hand_made_csv_imports_with_any_column_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "wins.csv", SHEET);
    let mut s = Store::open_in_memory().unwrap();
    let summary = io::import_file(&mut s, &path, None).unwrap();
    assert_eq!((summary.wins, summary.duplicates), (3, 0));
    assert_eq!(summary.people, 2);

    let all = wins(&s);
    let hire = by_title(&all, "Hired two managers for the payments org");
    assert_eq!(hire.date, d("2026-03-14"));
    assert_eq!(hire.metric.as_deref(), Some("2 managers"));
    assert_eq!(hire.scope, Scope::Org);
    assert_eq!(hire.tags, vec!["hiring", "payments"]);
    assert_eq!(
        hire.notes.as_deref(),
        Some("Loops run with the bar raiser.\nBoth accepted in a week.")
    );
    assert_eq!(hire.expectation_ids(), vec!["hire-develop-managers"]);
    assert!(hire.expectations[0].confirmed);
    assert_eq!(hire.source, Source::Import);
    let names: Vec<(&str, bool)> = hire
        .people
        .iter()
        .map(|p| (p.name.as_str(), p.vouches))
        .collect();
    assert_eq!(names, vec![("Priya Shah", true), ("Tom Baker", false)]);

    let perf = by_title(&all, "Cut checkout p99 latency from 900 ms to 580 ms");
    assert_eq!(
        (perf.scope, perf.metric.as_deref()),
        (Scope::Team, Some("35%"))
    );
    let review = by_title(&all, "Set up a staff-plus review for the org");
    assert!(review.tags.is_empty() && review.notes.is_none() && review.people.is_empty());
}

#[test]
fn a_csv_export_reads_back_with_every_field() {
    let a = full_ledger();
    let csv = io::export(&a, Format::Csv).unwrap();
    let header = csv.lines().next().unwrap();
    assert_eq!(
        header,
        "id,date,title,situation,action,result,notes,metric,scope,expectations,suggested,principles,tags,people,vouchers,links,source,logged_at"
    );

    let mut b = Store::open_in_memory().unwrap();
    b.add_win(&WinDraft::titled(
        "Already here: coached Sam into the manager role",
    ))
    .unwrap();
    let summary = import_text(&mut b, Format::Csv, &csv);
    assert_eq!(summary.wins, 3);
    for (x, y) in wins(&a)
        .iter()
        .zip(wins(&b).iter().filter(|w| w.source == Source::Import))
    {
        assert_eq!(x.date, y.date);
        assert_eq!(x.title, y.title);
        assert_eq!(x.situation, y.situation);
        assert_eq!(x.action, y.action);
        assert_eq!(x.result, y.result);
        assert_eq!(x.notes, y.notes);
        assert_eq!(x.metric, y.metric);
        assert_eq!(x.scope, y.scope);
        assert_eq!(x.tags, y.tags);
        assert_eq!(x.links, y.links);
        assert_eq!(x.principles, y.principles);
        assert_eq!(x.expectations, y.expectations);
        assert_eq!(x.logged_at, y.logged_at);
        let people = |w: &Win| {
            w.people
                .iter()
                .map(|p| (p.name.clone(), p.vouches))
                .collect::<Vec<_>>()
        };
        let mut px = people(x);
        let mut py = people(y);
        px.sort();
        py.sort();
        assert_eq!(px, py);
    }
}

#[test]
fn csv_cells_that_look_like_formulas_are_defused_and_restored() {
    let mut a = Store::open_in_memory().unwrap();
    a.add_win(&WinDraft {
        date: Some(d("2026-02-10")),
        title: "=HYPERLINK(\"http://evil.example\",\"Reduced on-call pages\")".into(),
        metric: Some("-40%".into()),
        notes: Some("+1 from the VP of Payments".into()),
        result: Some("@oncall channel quiet for a month".into()),
        situation: Some("'=already quoted by hand".into()),
        action: Some("'plain apostrophe stays".into()),
        ..WinDraft::default()
    })
    .unwrap();
    let csv = io::export(&a, Format::Csv).unwrap();
    let row = csv.lines().nth(1).unwrap();
    assert!(row.contains("\"'=HYPERLINK("), "{row}");
    assert!(row.contains(",'-40%,"), "{row}");
    assert!(row.contains(",'+1 from the VP of Payments,"), "{row}");
    assert!(row.contains(",'@oncall channel"), "{row}");
    assert!(row.contains(",''=already quoted by hand,"), "{row}");
    assert!(row.contains(",'plain apostrophe stays,"), "{row}");
    for cell in row.split(',') {
        assert!(
            !cell
                .trim_start_matches('"')
                .starts_with(['=', '+', '-', '@']),
            "unsafe cell {cell} in {row}"
        );
    }

    let mut b = Store::open_in_memory().unwrap();
    import_text(&mut b, Format::Csv, &csv);
    let w = &wins(&b)[0];
    let before = &wins(&a)[0];
    assert_eq!(w.title, before.title);
    assert_eq!(w.metric.as_deref(), Some("-40%"));
    assert_eq!(w.notes, before.notes);
    assert_eq!(w.result, before.result);
    assert_eq!(w.situation.as_deref(), Some("'=already quoted by hand"));
    assert_eq!(w.action.as_deref(), Some("'plain apostrophe stays"));
}

#[test]
fn broken_csv_rows_are_refused_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_in_memory().unwrap();
    io::import_file(&mut s, &write(dir.path(), "ok.csv", SHEET), None).unwrap();

    // Line 3 of the file, after a quoted cell spanning two lines on line 2.
    let bad_date = "date,title,notes\n2026-03-01,Promoted Ana to senior manager,\"two\nlines\"\n2026-13-01,Launched the vendor scorecard,\n";
    let err = refused(&mut s, dir.path(), "date.csv", bad_date, None);
    assert_eq!(
        err,
        "line 4: date '2026-13-01' is not a valid date (use YYYY-MM-DD)"
    );

    let err = refused(
        &mut s,
        dir.path(),
        "cols.csv",
        "date,title,owner,Team\n2026-03-01,Shipped,me,x\n",
        None,
    );
    assert!(
        err.starts_with("line 1: unknown columns 'owner', 'Team'"),
        "{err}"
    );
    assert!(
        err.contains("the columns Caliber reads are: id, date, title"),
        "{err}"
    );

    let err = refused(
        &mut s,
        dir.path(),
        "nodate.csv",
        "title,notes\nShipped,\n",
        None,
    );
    assert!(
        err.starts_with("line 1:") && err.contains("no date column"),
        "{err}"
    );

    let long = "Led ".to_string() + &"the migration of every payments service ".repeat(10);
    let err = refused(
        &mut s,
        dir.path(),
        "long.csv",
        &format!("date,title\n2026-03-01,Hired a manager\n2026-03-02,{long}\n"),
        None,
    );
    assert!(
        err.starts_with("line 3: the title is 403 characters, more than 300"),
        "{err}"
    );
    assert!(err.contains("notes"), "{err}");

    let err = refused(
        &mut s,
        dir.path(),
        "empty.csv",
        "date,title\n2026-03-01,\n",
        None,
    );
    assert!(err.starts_with("line 2: the title is empty"), "{err}");

    let err = refused(
        &mut s,
        dir.path(),
        "scope.csv",
        "date,title,scope\n2026-03-01,Ran the offsite,galaxy\n",
        None,
    );
    assert!(
        err.starts_with("line 2: scope 'galaxy' is not known"),
        "{err}"
    );

    let err = refused(
        &mut s,
        dir.path(),
        "wide.csv",
        "date,title\n2026-03-01,Hired Ana, Bo and Cy\n",
        None,
    );
    assert!(
        err.starts_with("line 2: this row has 3 cells but the header has 2"),
        "{err}"
    );

    // A rule the store checks: the line still comes first.
    let err = refused(
        &mut s,
        dir.path(),
        "exp.csv",
        "date,title,expectations\n2026-03-01,Ran the offsite,\n2026-03-02,Wrote the vision doc,visionary\n",
        None,
    );
    assert!(err.starts_with("line 3: expectation 'visionary'"), "{err}");
}

#[test]
fn a_csv_saved_by_excel_reads_with_the_right_line_numbers() {
    // Excel writes a byte-order mark and CRLF line ends.
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_in_memory().unwrap();
    let good = "\u{feff}Date,Title,Notes\r\n2026-03-02,Ran the first managers' offsite,\"Agenda:\r\n- roles\"\r\n2026-03-09,Started skip-level 1:1s,\r\n";
    let summary = io::import_file(&mut s, &write(dir.path(), "excel.csv", good), None).unwrap();
    assert_eq!(summary.wins, 2);
    let bad = good.replace("2026-03-09", "2026-03-32");
    let err = refused(&mut s, dir.path(), "excel-bad.csv", &bad, None);
    assert!(err.starts_with("line 4: date '2026-03-32'"), "{err}");

    // A quote opened and never closed would swallow the rows after it: the line
    // where it opens is named.
    let unclosed = "date,title\n2026-03-01,\"Hired Ana\n2026-03-02,Shipped the roadmap\n";
    let err = refused(&mut s, dir.path(), "quote.csv", unclosed, None);
    assert!(
        err.starts_with("line 2: a quoted cell opens here and is never closed"),
        "{err}"
    );
    // A closed quote around a title of several lines is still named as such.
    let multiline = "date,title\n2026-03-01,\"Hired Ana\nand Bo\"\n";
    let err = refused(&mut s, dir.path(), "multi.csv", multiline, None);
    assert!(
        err.starts_with("line 2: the title runs over several lines"),
        "{err}"
    );
}

#[test]
fn a_csv_imported_twice_adds_nothing_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "wins.csv", SHEET);
    let mut s = Store::open_in_memory().unwrap();
    io::import_file(&mut s, &path, None).unwrap();
    let again = io::import_file(&mut s, &path, None).unwrap();
    assert_eq!((again.wins, again.duplicates, again.people), (0, 3, 0));
    assert_eq!(s.count_wins().unwrap(), 3);
}

// ---------------------------------------------------------------------------------
// jrnl

const JOURNAL: &str = r#"{
  "tags": {"@hiring": 1, "@Payments": 2, "@oncall": 1},
  "entries": [
    {
      "title": "Closed the second EM hire for @payments.",
      "body": "Offer accepted after the bar-raiser debrief.\nStarts in April.",
      "date": "2026-03-14",
      "time": "17:40",
      "tags": ["@hiring", "@Payments"],
      "starred": true,
      "uuid": "A1B2C3"
    },
    {
      "title": "Moved the incident review to the on-call leads.",
      "body": "",
      "date": "2026-02-03",
      "time": "09:15",
      "tags": ["@oncall", "@Payments"],
      "starred": false,
      "creator": {"software_agent": "Day One"}
    },
    {
      "title": "Quarterly planning done.",
      "body": "Three teams aligned on one roadmap.",
      "date": "2026-01-09",
      "time": "12:00",
      "starred": false
    }
  ]
}"#;

#[test]
fn a_jrnl_export_imports_with_tags_and_stars() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "journal.json", JOURNAL);
    let mut s = Store::open_in_memory().unwrap();
    let summary = io::import_file(&mut s, &path, None).unwrap();
    assert_eq!(summary.wins, 3);

    let all = wins(&s);
    let hire = by_title(&all, "Closed the second EM hire for @payments.");
    assert_eq!(hire.date, d("2026-03-14"));
    assert_eq!(
        hire.notes.as_deref(),
        Some("Offer accepted after the bar-raiser debrief.\nStarts in April.")
    );
    assert_eq!(hire.tags, vec!["hiring", "payments", "starred"]);
    assert_eq!(hire.source, Source::Import);

    let review = by_title(&all, "Moved the incident review to the on-call leads.");
    assert_eq!(review.notes, None, "an empty body is no notes");
    assert_eq!(review.tags, vec!["oncall", "payments"]);
    let planning = by_title(&all, "Quarterly planning done.");
    assert!(
        planning.tags.is_empty(),
        "an entry without tags (old jrnl) is fine"
    );

    let again = io::import_file(&mut s, &path, None).unwrap();
    assert_eq!((again.wins, again.duplicates), (0, 3));
}

#[test]
fn a_long_jrnl_title_is_cut_and_the_rest_kept_in_the_notes() {
    let long = "Ran the reorg of the payments org into three teams ".repeat(8);
    let journal = serde_json::json!({"entries": [{
        "title": long, "body": "Details in the wiki.", "date": "2026-03-01", "time": "10:00",
        "tags": [], "starred": false
    }]});
    let mut s = Store::open_in_memory().unwrap();
    import_text(&mut s, Format::Jrnl, &journal.to_string());
    let w = &wins(&s)[0];
    assert!(
        w.title.chars().count() <= 300 && w.title.ends_with('…'),
        "{}",
        w.title
    );
    let notes = w.notes.as_deref().unwrap();
    assert!(
        notes.starts_with('…') && notes.ends_with("Details in the wiki."),
        "{notes}"
    );
    let rebuilt = format!(
        "{} {}",
        w.title.trim_end_matches('…'),
        notes.trim_start_matches('…')
    );
    assert!(
        rebuilt.starts_with(long.trim()),
        "nothing of the title is lost"
    );
}

#[test]
fn broken_jrnl_exports_are_refused_by_entry() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_in_memory().unwrap();
    io::import_file(&mut s, &write(dir.path(), "j.json", JOURNAL), None).unwrap();

    let typed = JOURNAL.replace("\"date\": \"2026-02-03\"", "\"date\": 20260203");
    let err = refused(&mut s, dir.path(), "typed.json", &typed, None);
    assert!(
        err.starts_with("entry 2, field date: invalid type: integer"),
        "{err}"
    );

    let impossible = JOURNAL.replace("2026-01-09", "2026-02-30");
    let err = refused(&mut s, dir.path(), "day.json", &impossible, None);
    assert_eq!(
        err,
        "entry 3: date '2026-02-30' is not a valid date (use YYYY-MM-DD)"
    );

    let err = refused(
        &mut s,
        dir.path(),
        "cut.json",
        &JOURNAL[..JOURNAL.len() - 40],
        Some(Format::Jrnl),
    );
    assert!(err.contains("cut off"), "{err}");

    let err = refused(
        &mut s,
        dir.path(),
        "other.json",
        r#"{"notes": []}"#,
        Some(Format::Jrnl),
    );
    assert!(
        err.contains("no \"entries\"") && err.contains("jrnl --export json"),
        "{err}"
    );

    let err = refused(
        &mut s,
        dir.path(),
        "array.json",
        "[1, 2]",
        Some(Format::Jrnl),
    );
    assert!(err.contains("not a jrnl export"), "{err}");

    let missing = r#"{"entries": [{"title": "Hired", "body": "", "date": "2026-01-01"}, {"title": "No day"}]}"#;
    let err = refused(
        &mut s,
        dir.path(),
        "missing.json",
        missing,
        Some(Format::Jrnl),
    );
    assert!(err.starts_with("entry 2: missing field `date`"), "{err}");
}

// ---------------------------------------------------------------------------------
// Markdown

const BRAG: &str = "\
---
title: Brag document
---
# Brag doc: Sam Lee

Everything I did this cycle. This paragraph is not a win.

# 2026

## Q1 2026

- Set up the managers' weekly staff meeting #delegation
* Hired two managers for the payments org (2 managers) [org]
  - Result: both teams fully staffed by March
  - People: Priya Shah (vouches), Tom Baker
  - loop notes are in the wiki
    - strong on coaching
  - expect: hire-develop-managers

## March

1. 2026-03-14: Cut checkout p99 latency by 35% #perf #payments
2. **2026-03-20** — Coached Ana into the senior manager role.
   She was promoted at the March calibration.
3. 2026-03-21 Wrote the on-call handbook that the three
   platform teams now share

### [Offsite] week of 2026-03-23

+ Ran the org offsite; wrote the [2026 strategy doc](https://docs.example.com/strategy)

## 2026-04

- [ ] Mar 30, 2026 - Closed the vendor negotiation early
- Q2 plan accepted by the VP

```
- 2026-04-02: a bullet inside a code block is not a win
```

## Goals for next cycle

Plain text under a heading without a date is fine.
";

#[test]
fn a_hand_written_brag_document_imports() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "brag.md", BRAG);
    let mut s = Store::open_in_memory().unwrap();
    let summary = io::import_file(&mut s, &path, None).unwrap();
    let all = wins(&s);
    let titles: Vec<(&str, NaiveDate)> = all.iter().map(|w| (w.title.as_str(), w.date)).collect();
    assert_eq!(summary.wins, 8, "{titles:#?}");

    // Under "## Q1 2026": the first day of the quarter.
    let staff = by_title(&all, "Set up the managers' weekly staff meeting");
    assert_eq!(staff.date, d("2026-01-01"));
    assert_eq!(staff.tags, vec!["delegation"]);

    let hire = by_title(&all, "Hired two managers for the payments org");
    assert_eq!(hire.date, d("2026-01-01"));
    assert_eq!(hire.metric.as_deref(), Some("2 managers"));
    assert_eq!(hire.scope, Scope::Org);
    assert_eq!(
        hire.result.as_deref(),
        Some("both teams fully staffed by March")
    );
    assert_eq!(
        hire.notes.as_deref(),
        Some("- loop notes are in the wiki\n  - strong on coaching")
    );
    let people: Vec<(&str, bool)> = hire
        .people
        .iter()
        .map(|p| (p.name.as_str(), p.vouches))
        .collect();
    assert_eq!(people, vec![("Priya Shah", true), ("Tom Baker", false)]);
    assert_eq!(hire.expectation_ids(), vec!["hire-develop-managers"]);

    // "## March" under "# 2026"; the bullet's own date wins.
    let perf = by_title(&all, "Cut checkout p99 latency by 35%");
    assert_eq!(perf.date, d("2026-03-14"));
    assert_eq!(perf.tags, vec!["perf", "payments"]);
    // A title that ends its sentence leaves the next lines to the notes; a wrapped
    // sentence goes on.
    let ana = by_title(&all, "Coached Ana into the senior manager role.");
    assert_eq!(ana.date, d("2026-03-20"));
    assert_eq!(
        ana.notes.as_deref(),
        Some("She was promoted at the March calibration.")
    );
    let handbook = by_title(
        &all,
        "Wrote the on-call handbook that the three platform teams now share",
    );
    assert_eq!(handbook.date, d("2026-03-21"));

    let offsite = by_title(&all, "Ran the org offsite; wrote the 2026 strategy doc");
    assert_eq!(offsite.date, d("2026-03-23"));
    assert_eq!(offsite.links, vec!["https://docs.example.com/strategy"]);

    let vendor = by_title(&all, "Closed the vendor negotiation early");
    assert_eq!(vendor.date, d("2026-03-30"));
    assert_eq!(
        by_title(&all, "Q2 plan accepted by the VP").date,
        d("2026-04-01")
    );
    assert!(all.iter().all(|w| w.source == Source::Import));

    let again = io::import_file(&mut s, &path, None).unwrap();
    assert_eq!((again.wins, again.duplicates), (0, 8));
}

#[test]
fn broken_brag_documents_are_refused_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_in_memory().unwrap();
    io::import_file(&mut s, &write(dir.path(), "ok.md", BRAG), None).unwrap();

    let undated = "# Brag document\n\n## 2026-03\n\n- Hired two managers\n\n## Hiring\n\n- Ran 14 interview loops\n";
    let err = refused(&mut s, dir.path(), "undated.md", undated, None);
    assert_eq!(
        err,
        "line 9: no date for this bullet; put it under a dated heading such as '## 2026-03' or start it with YYYY-MM-DD"
    );

    let no_year = "## March\n\n- Hired two managers\n";
    let err = refused(&mut s, dir.path(), "noyear.md", no_year, None);
    assert!(
        err.starts_with(
            "line 3: no date for this bullet: the heading 'March' on line 1 has no year"
        ),
        "{err}"
    );

    let impossible = "## 2026-03\n\n- Hired two managers\n- 2026-02-30: Closed the reorg\n";
    let err = refused(&mut s, dir.path(), "day.md", impossible, None);
    assert_eq!(
        err,
        "line 4: date '2026-02-30' is not a valid date (use YYYY-MM-DD)"
    );

    let heading = "## 2026-13-01\n\n- Hired two managers\n";
    let err = refused(&mut s, dir.path(), "heading.md", heading, None);
    assert_eq!(
        err,
        "line 1: date '2026-13-01' is not a valid date (use YYYY-MM-DD)"
    );

    let scope = "## 2026-03\n\n- Hired two managers\n  - Scope: galaxy\n";
    let err = refused(&mut s, dir.path(), "scope.md", scope, None);
    assert!(
        err.starts_with("line 3: scope 'galaxy' is not known"),
        "{err}"
    );

    let title_only_tags = "## 2026-03\n\n- #hiring #payments\n";
    let err = refused(&mut s, dir.path(), "tags.md", title_only_tags, None);
    assert!(err.starts_with("line 3: a win needs a title"), "{err}");
}

#[test]
fn a_markdown_export_reads_back() {
    let a = full_ledger();
    let md = io::export(&a, Format::Markdown).unwrap();
    if std::env::var("SHOW").is_ok() {
        println!(
            "{md}\n{}\n{}",
            io::export(&a, Format::Csv).unwrap(),
            io::export(&a, Format::Backup).unwrap()
        );
    }
    assert!(md.starts_with("# Brag document\n\n## March 2026\n\n- **2026-03-14** — Hired two managers for the payments org (2 managers) [org]\n"), "{md}");
    let march = md.find("## March 2026").unwrap();
    let january = md.find("## January 2026").unwrap();
    let november = md.find("## November 2025").unwrap();
    assert!(
        march < january && january < november,
        "newest month first:\n{md}"
    );
    assert!(md.contains("  - Tags: #hiring #payments\n"), "{md}");
    assert!(md.contains("  - expect: hire-develop-managers\n"), "{md}");

    let mut b = Store::open_in_memory().unwrap();
    let summary = import_text(&mut b, Format::Markdown, &md);
    assert_eq!(summary.wins, 3, "{md}");
    for (x, y) in wins(&a).iter().zip(wins(&b).iter()) {
        assert_eq!((x.date, &x.title), (y.date, &y.title), "{md}");
        assert_eq!(x.metric, y.metric);
        assert_eq!(x.scope, y.scope);
        assert_eq!(x.tags, y.tags);
        assert_eq!(x.expectations, y.expectations);
        assert_eq!(x.situation, y.situation);
        assert_eq!(x.action, y.action);
        assert_eq!(x.result, y.result);
        assert_eq!(x.notes, y.notes);
        assert_eq!(x.links, y.links);
        assert_eq!(x.principles, y.principles);
        let people = |w: &Win| {
            w.people
                .iter()
                .map(|p| (p.name.clone(), p.vouches))
                .collect::<Vec<_>>()
        };
        assert_eq!(people(x), people(y));
    }
    // And a second export of the copy is the same document.
    assert_eq!(io::export(&b, Format::Markdown).unwrap(), md);
}
