//! Schema tests that need the migration list itself: upgrading an older file keeps
//! its data and leaves a copy aside; a newer file is refused untouched.

use super::migrations::{SCHEMA_VERSION, migrations_up_to};
use super::*;

fn older_file(dir: &Path, version: usize) -> PathBuf {
    let path = dir.join("old.db");
    let mut conn = Connection::open(&path).unwrap();
    migrations_up_to(&mut conn, version).unwrap();
    conn.execute_batch(
        "INSERT INTO people (id, name, relation, created_at) VALUES (1, 'Priya Shah', 'peer', '2026-01-02T10:00:00.000000Z');
         INSERT INTO wins (id, date, logged_at, updated_at, title, scope, source)
           VALUES (7, '2026-01-02', '2026-01-02T10:00:00.000000Z', '2026-01-02T10:00:00.000000Z', 'Hired two managers', 'org', 'cli');
         INSERT INTO win_people (win_id, person_id, vouches, position) VALUES (7, 1, 1, 0);
         INSERT INTO wins_fts (rowid, title, body) VALUES (7, 'Hired two managers', 'Priya Shah');",
    )
    .unwrap();
    path
}

#[test]
fn upgrading_an_older_schema_keeps_the_data_and_copies_the_file_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = older_file(dir.path(), 1);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let win = store.win(7).unwrap();
    assert_eq!(win.title, "Hired two managers");
    assert_eq!(win.people[0].name, "Priya Shah");
    assert_eq!(store.search("hired", None).unwrap().len(), 1);
    let copies: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".v1-"))
        .collect();
    assert_eq!(copies.len(), 1, "one copy of the v1 file is kept aside");
    let copy = Connection::open(copies[0].path()).unwrap();
    let v: i64 = copy
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, 1);
    let n: i64 = copy
        .query_row("SELECT count(*) FROM wins", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn a_newer_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = older_file(dir.path(), SCHEMA_VERSION as usize);
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 5)
            .unwrap();
    }
    let err = Store::open(&path).unwrap_err();
    assert_eq!(err.kind(), "newer_database");
    assert!(err.to_string().contains("newer Caliber"), "{err}");
    let conn = Connection::open(&path).unwrap();
    let v: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, SCHEMA_VERSION + 5);
}

#[test]
fn opening_twice_does_not_migrate_or_copy_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fresh.db");
    drop(Store::open(&path).unwrap());
    drop(Store::open(&path).unwrap());
    let files = std::fs::read_dir(dir.path()).unwrap().count();
    // the file plus SQLite's -wal/-shm at most, never a .bak for a current schema
    assert!(files <= 3, "unexpected files: {files}");
    let baks = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".bak"))
        .count();
    assert_eq!(baks, 0);
}

#[test]
fn the_copy_before_upgrading_an_encrypted_file_is_encrypted_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let key = Passphrase::new("correct horse battery").unwrap();
    {
        let mut conn = Connection::open(&path).unwrap();
        crypt::apply_key(&conn, &key).unwrap();
        migrations_up_to(&mut conn, 1).unwrap();
        conn.execute_batch(
            "INSERT INTO wins (id, date, logged_at, updated_at, title, scope, source)
               VALUES (7, '2026-01-02', '2026-01-02T10:00:00.000000Z', '2026-01-02T10:00:00.000000Z', 'Zephyr acquisition', 'org', 'cli');",
        )
        .unwrap();
    }
    let store = Store::open_with(&path, Some(&key)).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    drop(store);
    let copy = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().contains(".v1-"))
        .expect("a copy of the v1 file");
    let bytes = std::fs::read(&copy).unwrap();
    assert!(!bytes.windows(6).any(|w| w == b"Zephyr"));
    assert!(crypt::is_encrypted(&copy));
    let conn = Connection::open(&copy).unwrap();
    crypt::apply_key(&conn, &key).unwrap();
    let title: String = conn
        .query_row("SELECT title FROM wins WHERE id = 7", [], |r| r.get(0))
        .unwrap();
    assert_eq!(title, "Zephyr acquisition");
}

#[test]
fn stored_times_read_back_exactly_and_other_forms_still_parse() {
    use chrono::{DateTime, TimeZone, Utc};
    for t in [
        Utc.with_ymd_and_hms(2016, 7, 2, 15, 3, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 12, 31, 23, 59, 59).unwrap()
            + chrono::Duration::microseconds(999_999),
        Utc.with_ymd_and_hms(1999, 1, 1, 0, 0, 0).unwrap() + chrono::Duration::microseconds(1),
    ] {
        let text = super::ts(t);
        assert_eq!(super::parse_ts(&text).unwrap(), t, "{text}");
    }
    // Written by another tool or an older Caliber: chrono reads them.
    let other = "2026-03-01T10:00:00+02:00";
    assert_eq!(
        super::parse_ts(other).unwrap(),
        DateTime::parse_from_rfc3339(other)
            .unwrap()
            .with_timezone(&Utc)
    );
    assert!(super::parse_ts("2026-03-01T10:00:00.00000xZ").is_err());
    assert!(super::parse_ts("2026-02-30T10:00:00.000000Z").is_err());
}

#[test]
fn restoring_an_older_backup_checks_the_schema_of_its_own_version() {
    let dir = tempfile::tempdir().unwrap();
    let backup = older_file(dir.path(), 1);
    let ledger = dir.path().join("ledger").join("caliber.db");
    let mut store = Store::open(&ledger).unwrap();
    store
        .add_win(&crate::WinDraft::titled("Only here"))
        .unwrap();
    // A version 1 file has no learning triggers yet: it is whole, and migrates.
    let s = store.restore_from(&backup, None).unwrap();
    assert_eq!(s.wins, 1);
    assert_eq!(store.search("hired", None).unwrap().len(), 1);
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let left: Vec<String> = std::fs::read_dir(ledger.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(scratch::PREFIX))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // The same version 1 file without its search index is refused, untouched.
    let broken = dir.path().join("broken.db");
    std::fs::copy(&backup, &broken).unwrap();
    Connection::open(&broken)
        .unwrap()
        .execute_batch("DROP TABLE wins_fts")
        .unwrap();
    let before = std::fs::read(&broken).unwrap();
    let e = store.restore_from(&broken, None).unwrap_err();
    assert_eq!(e.kind(), "bad_file", "{e}");
    assert!(e.to_string().contains("wins_fts"), "{e}");
    assert!(e.to_string().contains("broken.db"), "{e}");
    assert_eq!(std::fs::read(&broken).unwrap(), before);
    assert_eq!(store.count_wins().unwrap(), 1);
}
