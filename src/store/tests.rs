//! Schema tests that need the migration list itself: upgrading an older file keeps
//! its data and leaves a copy aside; a newer file is refused untouched.

use super::migrations::{SCHEMA_VERSION, migrations_before_stems, migrations_up_to};
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
fn a_database_from_before_stemmed_search_finds_other_forms_after_the_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = older_file(dir.path(), migrations_before_stems());
    {
        let conn = Connection::open(&path).unwrap();
        let has: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'wins_stem'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(has, 0, "the file is from before the stemmed index");
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let ids = |s: &Store, q: &str| -> Vec<i64> {
        s.search(q, None).unwrap().iter().map(|w| w.id).collect()
    };
    assert_eq!(ids(&store, "hiring"), vec![7]);
    assert_eq!(ids(&store, "hire -priya"), Vec::<i64>::new());
    assert_eq!(ids(&store, "manager"), vec![7]);
    // The index stays in step with later writes.
    let mut draft = crate::model::WinDraft::titled("Hires a principal engineer");
    draft.date = Some(chrono::NaiveDate::from_ymd_opt(2026, 1, 3).unwrap());
    let new = store.add_win(&draft).unwrap().id;
    assert_eq!(ids(&store, "hiring"), vec![new, 7]);
    store.delete_win(7).unwrap();
    assert_eq!(ids(&store, "hiring"), vec![new]);
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
        passphrase::apply_key(&conn, &key).unwrap();
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
    assert!(file::is_encrypted(&copy));
    let conn = Connection::open(&copy).unwrap();
    passphrase::apply_key(&conn, &key).unwrap();
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
fn an_older_file_with_two_people_of_the_same_name_key_opens_and_keeps_both() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let mut conn = Connection::open(&path).unwrap();
        // Version 4 is the last schema without name keys; its index folds ASCII
        // case only, so these pairs could both be saved.
        migrations_up_to(&mut conn, 4).unwrap();
        conn.execute_batch(
            "INSERT INTO people (id, name, created_at) VALUES
               (1, 'José Müller', '2026-01-02T10:00:00.000000Z'),
               (2, 'Jose\u{301} Mu\u{308}ller', '2026-01-03T10:00:00.000000Z'),
               (3, 'IŞIK', '2026-01-04T10:00:00.000000Z'),
               (4, 'ışık', '2026-01-05T10:00:00.000000Z');",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let ids: Vec<i64> = store.list_people().unwrap().iter().map(|p| p.id).collect();
    assert_eq!(ids.len(), 4, "nobody merged or lost: {ids:?}");
    let missing: i64 = store
        .conn
        .query_row(
            "SELECT count(*) FROM people WHERE name_key IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(missing, 0, "every key filled");
    // The first of each pair is found; a third of the same name is refused.
    assert_eq!(store.person_by_name("JOSÉ MÜLLER").unwrap().unwrap().id, 1);
    assert_eq!(store.person_by_name("Işık").unwrap().unwrap().id, 3);
    let again = store.add_person(&crate::model::PersonDraft {
        name: "işik".into(),
        ..Default::default()
    });
    assert!(matches!(again, Err(Error::InvalidInput(_))), "{again:?}");
}

#[test]
fn an_older_file_loses_the_combining_dot_its_lower_cased_tags_gained() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let mut conn = Connection::open(&path).unwrap();
        migrations_up_to(&mut conn, 4).unwrap();
        // What `to_lowercase` made of "İstanbul", once alone and once beside the
        // plain form on the same win.
        conn.execute_batch(
            "INSERT INTO wins (id, date, logged_at, updated_at, title, scope, source) VALUES
               (1, '2026-01-02', '2026-01-02T10:00:00.000000Z', '2026-01-02T10:00:00.000000Z', 'Opened the office', 'org', 'cli'),
               (2, '2026-01-03', '2026-01-03T10:00:00.000000Z', '2026-01-03T10:00:00.000000Z', 'Hired there', 'org', 'cli');
             INSERT INTO win_tags (win_id, tag, position) VALUES
               (1, 'i\u{307}stanbul', 0), (2, 'istanbul', 0), (2, 'i\u{307}stanbul', 1), (2, 'ops', 2);",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.win(1).unwrap().tags, ["istanbul"]);
    assert_eq!(store.win(2).unwrap().tags, ["istanbul", "ops"]);
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
        .filter(|n| n.starts_with(crate::atomic::PREFIX))
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
