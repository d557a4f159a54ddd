//! Encryption at rest on real files: an encrypted file holds none of the text, a
//! missing or wrong passphrase is refused clearly with the file untouched, and
//! turning encryption on, changing the passphrase and turning it off keep every win
//! and a copy of the file as it was. Backups stay encrypted and restore. The CLI
//! reads the passphrase from the environment and never hangs waiting for one.

use crate::common;
use crate::common::{cal, stderr, stdout};

use caliber::store::{EncryptionChange, Passphrase};
use caliber::{Store, WinDraft};
use common::titles;
use std::path::{Path, PathBuf};

const SECRET: &str = "Quietly negotiated the Zephyr acquisition";

fn key(s: &str) -> Passphrase {
    Passphrase::new(s).unwrap()
}

/// True when `needle` appears anywhere in the file's raw bytes, or in its WAL.
fn bytes_contain(path: &Path, needle: &str) -> bool {
    let mut found = false;
    for suffix in ["", "-wal"] {
        let p = PathBuf::from(format!("{}{suffix}", path.display()));
        if let Ok(bytes) = std::fs::read(&p) {
            found |= bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
        }
    }
    found
}

/// A plain database with two wins, closed.
fn plain_db(dir: &Path) -> PathBuf {
    let path = dir.join("caliber.db");
    let mut s = Store::open(&path).unwrap();
    s.add_win(&WinDraft::titled(SECRET)).unwrap();
    s.add_win(&WinDraft::titled("Hired two managers")).unwrap();
    path
}

fn encrypted_db(dir: &Path, pass: &str) -> PathBuf {
    let path = plain_db(dir);
    let mut s = Store::open(&path).unwrap();
    s.change_encryption(Some(&key(pass))).unwrap();
    path
}

#[test]
fn a_plain_database_opens_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let path = plain_db(dir.path());
    assert!(bytes_contain(&path, SECRET), "a plain file holds the text");
    assert!(!caliber::store::is_encrypted(&path));
    let s = Store::open(&path).unwrap();
    assert!(!s.is_encrypted());
    assert_eq!(titles(&s).len(), 2);
    // A passphrase given for a plain file does not convert it.
    drop(s);
    let s = Store::open_with(&path, Some(&key("irrelevant passphrase"))).unwrap();
    assert!(!s.is_encrypted());
    assert_eq!(titles(&s).len(), 2);
    assert!(
        std::fs::read(&path)
            .unwrap()
            .starts_with(b"SQLite format 3\0")
    );
}

#[test]
fn a_file_written_by_plain_sqlite_opens_and_searches() {
    // The same bytes the former plain build wrote: plain SQLite, WAL, FTS5.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA journal_mode=WAL").unwrap();
    }
    let mut s = Store::open(&path).unwrap();
    s.add_win(&WinDraft::titled("Cut cloud spend by a third"))
        .unwrap();
    assert_eq!(s.search("cloud", None).unwrap().len(), 1);
}

#[test]
fn an_encrypted_file_holds_none_of_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    let mut s = Store::open_with(&path, Some(&key("correct horse battery"))).unwrap();
    assert!(s.is_encrypted());
    s.add_win(&WinDraft::titled(SECRET)).unwrap();
    assert_eq!(s.search("zephyr", None).unwrap().len(), 1, "FTS5 works");
    drop(s);
    assert!(caliber::store::is_encrypted(&path));
    assert!(!bytes_contain(&path, SECRET));
    assert!(!bytes_contain(&path, "Zephyr"));
    assert!(!bytes_contain(&path, "SQLite format 3"));
}

#[test]
fn a_missing_or_wrong_passphrase_is_refused_and_the_file_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = encrypted_db(dir.path(), "correct horse battery");
    let before = std::fs::read(&path).unwrap();
    let listing = || {
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let files_before = listing();

    let err = Store::open(&path).unwrap_err();
    assert_eq!(err.kind(), "passphrase");
    assert!(
        err.to_string().contains(
            "this database is encrypted: enter its passphrase (or set CALIBER_PASSPHRASE)"
        ),
        "{err}"
    );
    let err = Store::open_with(&path, Some(&key("correct horse battery!"))).unwrap_err();
    assert_eq!(err.kind(), "passphrase");
    assert!(err.to_string().starts_with("wrong passphrase"), "{err}");

    assert_eq!(std::fs::read(&path).unwrap(), before, "not a byte changed");
    assert_eq!(listing(), files_before, "no WAL or journal was created");

    let s = Store::open_with(&path, Some(&key("correct horse battery"))).unwrap();
    assert_eq!(titles(&s).len(), 2);
}

#[test]
fn a_text_file_is_still_not_a_database_rather_than_locked() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "x".repeat(4096)).unwrap();
    let err = Store::open(&text).unwrap_err();
    assert_eq!(err.kind(), "not_a_database", "{err}");
    let err = Store::open_with(&text, Some(&key("some passphrase"))).unwrap_err();
    assert_eq!(err.kind(), "not_a_database", "{err}");
}

#[test]
fn encrypt_keeps_every_win_and_the_old_file_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = plain_db(dir.path());
    let mut s = Store::open(&path).unwrap();
    let before = titles(&s);
    let change: EncryptionChange = s
        .change_encryption(Some(&key("correct horse battery")))
        .unwrap();
    assert!(change.encrypted);
    assert_eq!(change.wins, 2);
    assert!(s.is_encrypted());
    assert_eq!(titles(&s), before, "the open store sees the same wins");
    drop(s);

    assert!(!bytes_contain(&path, SECRET));
    assert!(!Path::new(&format!("{}.converting", path.display())).exists());
    let s = Store::open_with(&path, Some(&key("correct horse battery"))).unwrap();
    assert_eq!(titles(&s), before);
    assert_eq!(s.integrity_check().unwrap(), "ok");
    assert_eq!(s.search("zephyr", None).unwrap().len(), 1);

    // The plain original is kept aside, and named as a copy still readable.
    let previous = PathBuf::from(&change.previous);
    assert!(previous.starts_with(dir.path().join("backups")));
    assert_eq!(titles(&Store::open(&previous).unwrap()), before);
    assert!(change.plain_copies.contains(&change.previous));
    assert_eq!(Store::open(&path).unwrap_err().kind(), "passphrase");
}

#[test]
fn rekey_then_decrypt() {
    let dir = tempfile::tempdir().unwrap();
    let path = encrypted_db(dir.path(), "first passphrase");
    let mut s = Store::open_with(&path, Some(&key("first passphrase"))).unwrap();
    assert_eq!(
        s.change_encryption(Some(&key("first passphrase")))
            .unwrap_err()
            .kind(),
        "invalid_input"
    );
    assert_eq!(
        s.change_encryption(Some(&key("short"))).unwrap_err().kind(),
        "invalid_input",
        "a too-short passphrase is refused"
    );
    let change = s
        .change_encryption(Some(&key("second passphrase")))
        .unwrap();
    assert!(change.encrypted);
    // The plain file kept when it was first encrypted is still listed: it is still
    // readable without any passphrase until the user deletes it.
    assert_eq!(change.plain_copies.len(), 1, "{:?}", change.plain_copies);
    assert!(change.plain_copies[0].contains("before-encrypt-"));
    drop(s);
    assert_eq!(
        Store::open_with(&path, Some(&key("first passphrase")))
            .unwrap_err()
            .kind(),
        "passphrase"
    );
    // The copy aside keeps the old passphrase.
    assert_eq!(
        titles(
            &Store::open_with(Path::new(&change.previous), Some(&key("first passphrase"))).unwrap()
        )
        .len(),
        2
    );

    let mut s = Store::open_with(&path, Some(&key("second passphrase"))).unwrap();
    let change = s.change_encryption(None).unwrap();
    assert!(!change.encrypted);
    drop(s);
    assert!(bytes_contain(&path, SECRET), "plain again");
    let s = Store::open(&path).unwrap();
    assert_eq!(titles(&s).len(), 2);
    assert!(!s.is_encrypted());
    let mut s = s;
    assert_eq!(
        s.change_encryption(None).unwrap_err().kind(),
        "invalid_input"
    );
}

#[test]
fn a_conversion_needs_the_database_to_itself_and_changes_nothing_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let path = plain_db(dir.path());
    let other = Store::open(&path).unwrap();
    let mut s = Store::open(&path).unwrap();
    let err = s
        .change_encryption(Some(&key("correct horse battery")))
        .unwrap_err();
    assert!(err.to_string().contains("close it"), "{err}");
    assert!(!s.is_encrypted());
    // Both connections still work, on the same plain file.
    s.add_win(&WinDraft::titled("After the refusal")).unwrap();
    assert_eq!(titles(&other).len(), 3);
    drop(other);
    drop(s);
    assert!(bytes_contain(&path, SECRET));
    assert!(!Path::new(&format!("{}.converting", path.display())).exists());
}

#[test]
fn a_conversion_stopped_half_way_leaves_the_database_as_it_was() {
    // What a crash before the final rename leaves: the database and a partial new
    // file beside it. The next open uses the database and removes the partial file.
    let dir = tempfile::tempdir().unwrap();
    let path = plain_db(dir.path());
    let partial = PathBuf::from(format!("{}.converting", path.display()));
    std::fs::write(&partial, format!("half a decrypted copy: {SECRET}")).unwrap();
    let s = Store::open(&path).unwrap();
    assert_eq!(titles(&s).len(), 2);
    assert!(!partial.exists());
}

#[test]
fn backups_of_an_encrypted_database_are_encrypted_and_restore() {
    let dir = tempfile::tempdir().unwrap();
    let path = encrypted_db(dir.path(), "correct horse battery");
    let pass = key("correct horse battery");
    let mut s = Store::open_with(&path, Some(&pass)).unwrap();
    let copy = dir.path().join("copy.db");
    s.backup_to(&copy).unwrap();
    assert!(!bytes_contain(&copy, SECRET));
    assert_eq!(Store::open(&copy).unwrap_err().kind(), "passphrase");
    assert_eq!(
        titles(&Store::open_with(&copy, Some(&pass)).unwrap()).len(),
        2
    );

    let rolled = s
        .rolling_backup(chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap())
        .unwrap()
        .unwrap();
    assert!(!bytes_contain(&rolled, SECRET));
    // A second connection (the app's daily backup uses one) has the passphrase too.
    let other = s.reopen().unwrap();
    assert_eq!(titles(&other).len(), 2);
    let rolled = other
        .rolling_backup(chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap())
        .unwrap()
        .unwrap();
    assert!(!bytes_contain(&rolled, SECRET));
    assert_eq!(Store::open(&rolled).unwrap_err().kind(), "passphrase");
    drop(other);

    // Restore with the database's own passphrase: nothing to ask.
    s.add_win(&WinDraft::titled("After the backup")).unwrap();
    let summary = s.restore_from(&copy, None).unwrap();
    assert_eq!(summary.wins, 2);
    assert!(!bytes_contain(Path::new(&summary.previous), SECRET));
    assert_eq!(s.integrity_check().unwrap(), "ok");
    drop(s);
    assert!(
        !bytes_contain(&path, SECRET),
        "still encrypted after the restore"
    );
    assert_eq!(
        titles(&Store::open_with(&path, Some(&pass)).unwrap()).len(),
        2
    );
}

#[test]
fn a_backup_with_another_passphrase_asks_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let old_dir = dir.path().join("old");
    let old = encrypted_db(&old_dir, "the old passphrase");
    let backup = dir.path().join("old-backup.db");
    Store::open_with(&old, Some(&key("the old passphrase")))
        .unwrap()
        .backup_to(&backup)
        .unwrap();

    let path = dir.path().join("caliber.db");
    let mut s = Store::open_with(&path, Some(&key("a new passphrase"))).unwrap();
    s.add_win(&WinDraft::titled("Keep me safe")).unwrap();
    let backup_bytes = std::fs::read(&backup).unwrap();
    let err = s.restore_from(&backup, None).unwrap_err();
    assert_eq!(err.kind(), "passphrase");
    assert!(err.to_string().contains("another passphrase"), "{err}");
    let err = s
        .restore_from(&backup, Some(&key("not the passphrase")))
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("wrong passphrase for the backup"),
        "{err}"
    );
    assert_eq!(titles(&s), ["Keep me safe"], "nothing was restored");
    assert_eq!(std::fs::read(&backup).unwrap(), backup_bytes);

    let summary = s
        .restore_from(&backup, Some(&key("the old passphrase")))
        .unwrap();
    assert_eq!(summary.wins, 2);
    drop(s);
    // The database keeps its own passphrase, not the backup's.
    assert_eq!(
        titles(&Store::open_with(&path, Some(&key("a new passphrase"))).unwrap()).len(),
        2
    );
    assert!(!bytes_contain(&path, SECRET));

    // A plain backup restored into an encrypted database stays encrypted.
    let plain_dir = dir.path().join("plain");
    let plain = plain_db(&plain_dir);
    let mut s = Store::open_with(&path, Some(&key("a new passphrase"))).unwrap();
    s.restore_from(&plain, None).unwrap();
    drop(s);
    assert!(!bytes_contain(&path, SECRET));
    assert_eq!(
        titles(&Store::open_with(&path, Some(&key("a new passphrase"))).unwrap()).len(),
        2
    );
}

// ---------------------------------------------------------------------------
// The CLI
// ---------------------------------------------------------------------------

#[test]
fn cli_encrypts_with_the_environment_and_refuses_without_a_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("caliber.db");
    cal(&db).args(["log", SECRET]).assert().success();

    // No terminal and no CALIBER_NEW_PASSPHRASE: a clear refusal, nothing changed.
    let a = cal(&db).arg("encrypt").assert().failure().code(2);
    assert!(
        stderr(&a).contains("CALIBER_NEW_PASSPHRASE"),
        "{}",
        stderr(&a)
    );
    assert!(bytes_contain(&db, SECRET));

    let a = cal(&db)
        .arg("encrypt")
        .env("CALIBER_NEW_PASSPHRASE", "correct horse battery")
        .assert()
        .success();
    assert!(stderr(&a).contains("Encrypted"), "{}", stderr(&a));
    assert!(!bytes_contain(&db, SECRET));

    // Without the passphrase and without a terminal: exit 5 and the way out.
    let before = std::fs::read(&db).unwrap();
    let a = cal(&db).arg("list").assert().failure().code(5);
    assert!(
        stderr(&a).contains(
            "this database is encrypted: enter its passphrase (or set CALIBER_PASSPHRASE)"
        ),
        "{}",
        stderr(&a)
    );
    let a = cal(&db).args(["--json", "list"]).assert().failure().code(5);
    let r: serde_json::Value = serde_json::from_str(stderr(&a).trim()).unwrap();
    assert_eq!(r["kind"], "passphrase");
    let a = cal(&db)
        .arg("list")
        .env("CALIBER_PASSPHRASE", "wrong horse battery")
        .assert()
        .failure()
        .code(5);
    assert!(stderr(&a).contains("wrong passphrase"), "{}", stderr(&a));
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "refusals wrote nothing"
    );

    let a = cal(&db)
        .arg("list")
        .env("CALIBER_PASSPHRASE", "correct horse battery")
        .assert()
        .success();
    assert!(stdout(&a).contains(SECRET));

    // Backup and restore with the same passphrase from the environment.
    let copy = dir.path().join("copy.db");
    cal(&db)
        .args(["backup", "-o"])
        .arg(&copy)
        .env("CALIBER_PASSPHRASE", "correct horse battery")
        .assert()
        .success();
    assert!(!bytes_contain(&copy, SECRET));
    cal(&db)
        .arg("restore")
        .arg(&copy)
        .env("CALIBER_PASSPHRASE", "correct horse battery")
        .assert()
        .success();

    // Change the passphrase, then decrypt.
    cal(&db)
        .arg("encrypt")
        .env("CALIBER_PASSPHRASE", "correct horse battery")
        .env("CALIBER_NEW_PASSPHRASE", "a better passphrase")
        .assert()
        .success();
    let a = cal(&db)
        .arg("decrypt")
        .env("CALIBER_PASSPHRASE", "a better passphrase")
        .assert()
        .success();
    assert!(stderr(&a).contains("Decrypted"), "{}", stderr(&a));
    assert!(bytes_contain(&db, SECRET));
    cal(&db).arg("list").assert().success();
}

#[test]
fn cli_takes_no_passphrase_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("caliber.db");
    let a = cal(&db)
        .args(["encrypt", "--passphrase", "correct horse battery"])
        .assert()
        .failure()
        .code(2);
    assert!(
        !db.exists() || !bytes_contain(&db, "correct horse"),
        "{}",
        stderr(&a)
    );
    let help = cal(&db).args(["encrypt", "--help"]).assert().success();
    assert!(stdout(&help).contains("CALIBER_NEW_PASSPHRASE"));
    let help = cal(&db).arg("--help").assert().success();
    assert!(stdout(&help).contains("encrypt"));
    assert!(stdout(&help).contains("CALIBER_PASSPHRASE"));
}
