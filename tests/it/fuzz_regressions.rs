//! Inputs that crashed a fuzz target (`bash fuzz/run.sh`), each kept as a test of
//! what Caliber must do with it instead. The fuzz input is quoted byte for byte in
//! each test, after the bytes the target spends on choosing its mode.

use crate::common::d;
use caliber::dates::{parse_date, parse_date_relative};
use caliber::io::{self, Format};
use caliber::store::fts_query;
use caliber::{Error, Store, WinDraft};
use serde_json::{Value, json};

/// Found by the `dates` target in its first second: "N days ago" with N past the
/// calendar's range panicked (`NaiveDate - TimeDelta overflowed`) instead of
/// refusing the date. `caliber log --date "100000000 day ago"` took the CLI down.
#[test]
fn days_ago_beyond_any_calendar_is_refused_as_a_bad_date() {
    let today = d("2026-03-10");
    for typed in [
        "100000000 day ago",
        "001000000000 days ago",
        "4294967295 days ago",
    ] {
        for result in [parse_date_relative(typed, today), parse_date(typed)] {
            let err = result.unwrap_err();
            assert_eq!(err.kind(), "invalid_input", "{typed}");
            assert_eq!(
                err.to_string(),
                format!(
                    "date '{typed}' is outside 1970..2200; check the number of days (or use YYYY-MM-DD)"
                )
            );
        }
    }
    // Near the limits the arithmetic still works: the last day inside the years
    // Caliber accepts, and the first day outside them.
    let back_to_1970 = (today - d("1970-01-01")).num_days();
    assert_eq!(
        parse_date_relative(&format!("{back_to_1970} days ago"), today).unwrap(),
        d("1970-01-01")
    );
    let err = parse_date_relative(&format!("{} days ago", back_to_1970 + 1), today).unwrap_err();
    assert_eq!(err.kind(), "invalid_input");
}

/// Found by the `import` target after 3 minutes: a backup whose second win has the
/// first one's id (the fuzzer's input, minimized, is `data/fuzz/`). Restored into an
/// empty ledger, which keeps a backup's ids, it failed with the database's own words,
/// "database error: UNIQUE constraint failed: wins.id". The same goes for people and
/// feedback. The backup is now refused when read, naming both entries.
const REPEATED_WIN_ID: &str = include_str!("../data/fuzz/backup-repeated-win-id.json");

fn refused_backup(text: &str) -> String {
    let parsed = io::parse(Format::Backup, text).unwrap_err();
    assert!(matches!(parsed, Error::BadFile(_)), "{parsed:?}");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("backup.json");
    std::fs::write(&path, text).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let err = io::import_file(&mut store, &path, None).unwrap_err();
    assert_eq!(err.kind(), "bad_file");
    assert_eq!(err.to_string(), parsed.to_string());
    assert_eq!(
        store.count_wins().unwrap(),
        0,
        "a refused restore adds nothing"
    );
    assert!(store.list_people().unwrap().is_empty());
    err.to_string()
}

#[test]
fn a_backup_with_a_repeated_win_id_is_refused_naming_both_wins() {
    assert_eq!(
        refused_backup(REPEATED_WIN_ID),
        "records.wins[1].id (win 2): the id 1 is already used by win 1; give each entry its own id or export the backup again"
    );
}

#[test]
fn a_backup_with_a_repeated_person_or_feedback_id_is_refused_too() {
    let mut doc: Value = serde_json::from_str(REPEATED_WIN_ID).unwrap();
    doc["records"]["wins"][1]["id"] = json!(2);
    let records = &mut doc["records"];
    let people = records["people"].as_array_mut().unwrap();
    let mut tom = people[0].clone();
    tom["name"] = json!("Tom Baker");
    people.push(tom);
    assert_eq!(
        refused_backup(&doc.to_string()),
        "records.people[1].id (person 2): the id 1 is already used by person 1; give each entry its own id or export the backup again"
    );

    doc["records"]["people"][1]["id"] = json!(2);
    let feedback = doc["records"]["feedback"].as_array_mut().unwrap();
    let mut again = feedback[0].clone();
    again["quote"] = json!("Another quote from the same day.");
    feedback.push(again);
    assert_eq!(
        refused_backup(&doc.to_string()),
        "records.feedback[1].id (feedback 2): the id 1 is already used by feedback 1; give each entry its own id or export the backup again"
    );
}

#[test]
fn the_same_backup_with_its_own_ids_restores_them() {
    let mut doc: Value = serde_json::from_str(REPEATED_WIN_ID).unwrap();
    doc["records"]["wins"][1]["id"] = json!(7);
    let records = io::parse(Format::Backup, &doc.to_string()).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let summary = store.insert_records(&records, None).unwrap();
    assert!(summary.kept_ids);
    assert_eq!(summary.wins, 2);
    let ids: Vec<i64> = store
        .list_wins(&Default::default())
        .unwrap()
        .iter()
        .map(|w| w.id)
        .collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&1) && ids.contains(&7), "{ids:?}");
}

/// Found by the `search` target after 5 minutes: a search text whose words after a
/// `-` (in `-itr+m?pm?p`, every run of letters is an excluded word) made 298 NOTs,
/// which FTS5 nested 298 deep and refused ("database error: fts5 expression tree is
/// too large (maximum depth 256)"). The fuzzer's text is kept as it reached the
/// search, bytes that were not UTF-8 already replaced.
#[test]
fn a_search_excluding_hundreds_of_words_runs_and_still_excludes_them() {
    let mut s = Store::open_in_memory().unwrap();
    for title in [
        "Hired two managers for the payments org",
        "Priya runs the weekly ops review without me",
        "Mentored the new tech leads",
    ] {
        s.add_win(&WinDraft::titled(title)).unwrap();
    }

    let typed = include_str!("../data/fuzz/search-many-exclusions.txt");
    let query = fts_query(typed).unwrap();
    assert!(query.matches(" NOT ").count() == 1, "{query}");
    s.search(typed, Some(5)).unwrap();

    let mut typed = String::from("the");
    for i in 0..300 {
        typed.push_str(&format!(" -x{i}"));
    }
    typed.push_str(" -priya");
    let mut found: Vec<String> = s
        .search(&typed, None)
        .unwrap()
        .into_iter()
        .map(|w| w.title)
        .collect();
    found.sort();
    assert_eq!(
        found,
        vec![
            "Hired two managers for the payments org",
            "Mentored the new tech leads"
        ]
    );

    // Words to look for are ANDed on one level: a thousand of them run too.
    let many: String = (0..1000).map(|i| format!("w{i} ")).collect();
    assert!(s.search(&many, None).unwrap().is_empty());
    assert_eq!(s.search(&format!("{many} -w1"), None).unwrap().len(), 0);
}
