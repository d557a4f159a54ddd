//! Backups and restore on real files: a backup is a sound, private copy; restore
//! brings it back and saves what was there; a bad or newer file changes nothing;
//! the rolling daily backup keeps a few days.

use crate::common;
use crate::common::d;

use caliber::{Store, WinDraft};
use common::titles;

#[test]
fn backup_then_restore_brings_the_data_back_and_keeps_what_was_there() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("caliber.db")).unwrap();
    s.add_win(&WinDraft::titled("Hired two managers")).unwrap();
    let copy = dir.path().join("copy.db");
    s.backup_to(&copy).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    assert!(
        s.backup_to(&copy)
            .unwrap_err()
            .to_string()
            .contains("already exists")
    );

    s.add_win(&WinDraft::titled("Logged after the backup"))
        .unwrap();
    let summary = s.restore_from(&copy, None).unwrap();
    assert_eq!(summary.wins, 1);
    assert_eq!(titles(&s), ["Hired two managers"]);
    assert_eq!(s.integrity_check().unwrap(), "ok");
    // What was there before the restore was kept.
    let before = Store::open(std::path::Path::new(&summary.previous)).unwrap();
    assert_eq!(titles(&before).len(), 2);
    // The backup file itself was not touched by the restore.
    let again = Store::open(&copy).unwrap();
    assert_eq!(titles(&again), ["Hired two managers"]);
}

#[test]
fn another_connection_sees_the_restored_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caliber.db");
    let mut s = Store::open(&path).unwrap();
    s.add_win(&WinDraft::titled("Old")).unwrap();
    let copy = dir.path().join("copy.db");
    s.backup_to(&copy).unwrap();
    s.add_win(&WinDraft::titled("New")).unwrap();
    let other = Store::open(&path).unwrap(); // the app, say
    assert_eq!(other.count_wins().unwrap(), 2);
    s.restore_from(&copy, None).unwrap();
    assert_eq!(titles(&other), ["Old"]);
}

#[test]
fn a_bad_or_newer_backup_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("caliber.db")).unwrap();
    s.add_win(&WinDraft::titled("Keep me")).unwrap();

    let text = dir.path().join("notes.db");
    std::fs::write(
        &text,
        "not a database, just words that are long enough to fill a header",
    )
    .unwrap();
    // A bad backup is a bad file given by the user, named in the message.
    let e = s.restore_from(&text, None).unwrap_err();
    assert_eq!(e.kind(), "bad_file", "{e}");
    assert!(e.to_string().contains("notes.db"), "{e}");

    let newer = dir.path().join("newer.db");
    {
        let conn = rusqlite::Connection::open(&newer).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
        conn.execute_batch("CREATE TABLE x (a)").unwrap();
    }
    assert_eq!(
        s.restore_from(&newer, None).unwrap_err().kind(),
        "newer_database"
    );
    assert_eq!(
        s.restore_from(&dir.path().join("missing.db"), None)
            .unwrap_err()
            .kind(),
        "not_found"
    );
    assert_eq!(titles(&s), ["Keep me"]);
}

#[test]
fn rolling_backups_once_a_day_and_only_a_few_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("caliber.db")).unwrap();
    s.add_win(&WinDraft::titled("A win")).unwrap();
    let first = s.rolling_backup(d("2026-11-01")).unwrap();
    assert!(first.is_some());
    assert!(
        s.rolling_backup(d("2026-11-01")).unwrap().is_none(),
        "one a day"
    );
    for day in 2..=9 {
        s.rolling_backup(d(&format!("2026-11-0{day}"))).unwrap();
    }
    let mut kept: Vec<String> = std::fs::read_dir(s.backup_dir().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    kept.sort();
    assert_eq!(kept.len(), caliber::store::BACKUPS_KEPT);
    assert_eq!(kept.first().unwrap(), "caliber-2026-11-05.db");
    assert_eq!(kept.last().unwrap(), "caliber-2026-11-09.db");
    let newest = Store::open(&s.backup_dir().unwrap().join("caliber-2026-11-09.db")).unwrap();
    assert_eq!(newest.count_wins().unwrap(), 1);
}

#[test]
fn a_second_connection_sees_the_same_ledger_and_makes_the_daily_backup() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("caliber.db")).unwrap();
    s.add_win(&WinDraft::titled("Before the backup")).unwrap();
    let other = s.reopen().unwrap();
    assert_eq!(titles(&other), ["Before the backup"]);
    s.add_win(&WinDraft::titled("After the second opened"))
        .unwrap();
    assert!(other.rolling_backup_due(d("2026-11-02")));
    let made = other.rolling_backup(d("2026-11-02")).unwrap().unwrap();
    assert!(
        !s.rolling_backup_due(d("2026-11-02")),
        "made: not due again that day"
    );
    assert!(s.rolling_backup_due(d("2026-11-03")));
    assert_eq!(titles(&Store::open(&made).unwrap()).len(), 2);
    assert_eq!(
        titles(&other).len(),
        2,
        "the second connection sees new writes"
    );

    let memory = Store::open_in_memory().unwrap();
    assert_eq!(memory.reopen().unwrap_err().kind(), "invalid_input");
    assert!(
        !memory.rolling_backup_due(d("2026-11-02")),
        "nothing to back up to"
    );
}
