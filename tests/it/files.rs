//! The files around the database, through the real `caliber` binary: no output ever
//! lands on the database, its journals, its backups or any other SQLite file; a
//! database path is a path, never an SQLite URI; a restore checks the whole schema
//! before it replaces anything; the database, its folder and its backups are private;
//! encryption through a symlink converts the real file; temporary copies sit beside
//! the database and a killed command's leftovers go on the next open.

use crate::common::{self, text};

use assert_cmd::Command;
use caliber::Store;
use common::{files_in, fingerprint};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const PASS: &str = "correct horse battery staple";

/// A temporary folder holding one test's database, the working folder of every run.
struct Env {
    dir: TempDir,
    db: PathBuf,
}

fn env() -> Env {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = dir.path().join("caliber.db");
    Env { dir, db }
}

impl Env {
    /// `caliber --db DB` run in the test's folder, with HOME and the data folder
    /// pointed inside it so nothing reaches a real database.
    fn cal_at(&self, db: &Path) -> Command {
        let mut c = common::caliber_in(self.dir.path());
        c.current_dir(self.dir.path()).arg("--db").arg(db);
        Command::from_std(c)
    }

    fn cal(&self) -> Command {
        self.cal_at(&self.db)
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs a command that must succeed; returns stdout and stderr.
    fn ok(&self, args: &[&str]) -> (String, String) {
        let a = self.cal().args(args).assert().success();
        let o = a.get_output();
        (text(&o.stdout), text(&o.stderr))
    }

    /// Runs a command that must fail with `code`; returns its stderr.
    fn fail(&self, args: &[&str], code: i32) -> String {
        let a = self.cal().args(args).assert().failure().code(code);
        text(&a.get_output().stderr)
    }

    /// A ledger with two wins.
    fn seeded(self) -> Env {
        self.ok(&["log", "Hired two managers for the payments org"]);
        self.ok(&["log", "Cut cloud spend by a third", "--metric", "33%"]);
        self
    }

    fn titles(&self) -> Vec<String> {
        let (out, _) = self.ok(&["list", "--json"]);
        let v: serde_json::Value = serde_json::from_str(&out).expect("list --json is JSON");
        v.as_array()
            .expect("a list")
            .iter()
            .map(|w| w["title"].as_str().unwrap_or_default().to_string())
            .collect()
    }
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .permissions()
        .mode()
        & 0o777
}

fn set_mode(p: &Path, m: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).expect("chmod");
}

fn sibling(p: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", p.display()))
}

/// The id of a process that has exited: what a killed command's files carry.
fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true")
        .spawn()
        .expect("run true");
    let pid = child.id();
    child.wait().expect("wait for true");
    pid
}

// ---------------------------------------------------------------------------
// A1: no output onto the database, its journals, its backups or any SQLite file
// ---------------------------------------------------------------------------

/// Asserts that `args` is refused as an output onto a database: exit 2, the
/// target named, the ledger and the target's bytes unchanged.
fn refused_onto_db(e: &Env, args: &[&str], target: &Path) {
    let before_fp = fingerprint(&e.db);
    let before_bytes = std::fs::read(target).ok();
    let err = e.fail(args, 2);
    assert!(err.contains("database"), "{args:?}: {err}");
    let name = target.file_name().unwrap().to_string_lossy().into_owned();
    assert!(err.contains(&name), "{args:?} does not name {name}: {err}");
    assert!(!err.contains("Wrote"), "{err}");
    assert_eq!(fingerprint(&e.db), before_fp, "{args:?} changed the ledger");
    assert_eq!(
        std::fs::read(target).ok(),
        before_bytes,
        "{args:?} changed {}",
        target.display()
    );
    assert_eq!(e.titles().len(), 2, "{args:?}: the wins are still there");
}

#[test]
fn outline_onto_the_database_is_refused() {
    let e = env().seeded();
    let db = e.db.to_str().unwrap().to_string();
    refused_onto_db(&e, &["outline", "-f", "markdown", "-o", &db], &e.db);
    // Not even with --force: a database is never an output.
    refused_onto_db(
        &e,
        &["outline", "-f", "markdown", "-o", &db, "--force"],
        &e.db,
    );
}

#[test]
fn export_onto_the_database_by_another_spelling_is_refused() {
    let e = env().seeded();
    for spelling in ["./caliber.db", "caliber.db", "sub/../caliber.db"] {
        std::fs::create_dir_all(e.file("sub")).unwrap();
        refused_onto_db(&e, &["export", "-f", "csv", "-o", spelling], &e.db);
    }
    refused_onto_db(&e, &["backup", "-o", "./caliber.db", "--force"], &e.db);
}

#[test]
fn output_onto_the_write_ahead_log_and_its_companions_is_refused() {
    let e = env().seeded();
    // Another connection keeps the write-ahead log and shared memory in place.
    let held = rusqlite::Connection::open(&e.db).unwrap();
    held.execute("UPDATE settings SET value = value WHERE 0", [])
        .unwrap();
    held.execute_batch("CREATE TEMP TABLE t(a); INSERT INTO t VALUES (1);")
        .unwrap();
    let wal = sibling(&e.db, "-wal");
    assert!(wal.exists(), "the test needs the -wal file");
    refused_onto_db(&e, &["export", "-f", "csv", "-o", "caliber.db-wal"], &wal);
    refused_onto_db(
        &e,
        &[
            "outline",
            "-o",
            "caliber.db-wal",
            "-f",
            "markdown",
            "--force",
        ],
        &wal,
    );
    // A journal that does not exist (yet) is refused by its name.
    let journal = sibling(&e.db, "-journal");
    refused_onto_db(&e, &["export", "-o", "caliber.db-journal"], &journal);
    assert!(!journal.exists());
    drop(held);
}

#[test]
fn output_onto_a_hard_link_or_symlink_to_the_database_is_refused() {
    let e = env().seeded();
    std::fs::hard_link(&e.db, e.file("hard.db")).unwrap();
    std::os::unix::fs::symlink(&e.db, e.file("soft.md")).unwrap();
    refused_onto_db(
        &e,
        &["export", "-o", "hard.db", "--force"],
        &e.file("hard.db"),
    );
    refused_onto_db(
        &e,
        &["outline", "-o", "soft.md", "--force"],
        &e.file("soft.md"),
    );
    assert!(
        std::fs::symlink_metadata(e.file("soft.md"))
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
}

#[test]
fn output_onto_another_sqlite_or_an_encrypted_caliber_file_is_refused() {
    let e = env().seeded();
    let other = e.file("other.sqlite");
    {
        let c = rusqlite::Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE notes(t); INSERT INTO notes VALUES ('mine');")
            .unwrap();
    }
    refused_onto_db(&e, &["export", "-o", "other.sqlite", "--force"], &other);
    refused_onto_db(&e, &["backup", "-o", "other.sqlite", "--force"], &other);
    // An encrypted Caliber database (no SQLite header to see) is a database too.
    let secret = e.file("secret.db");
    {
        let mut s = Store::open(&secret).unwrap();
        s.change_encryption(Some(&caliber::store::Passphrase::new(PASS).unwrap()))
            .unwrap();
    }
    assert!(caliber::store::is_encrypted(&secret));
    refused_onto_db(&e, &["outline", "-o", "secret.db", "--force"], &secret);
    // A backup in the backups folder is never written over.
    let (out, _) = e.ok(&["backup", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let backup = PathBuf::from(v["backup"].as_str().unwrap());
    let shown = backup.to_str().unwrap().to_string();
    refused_onto_db(&e, &["export", "-o", &shown, "--force"], &backup);
}

#[test]
fn an_existing_file_is_replaced_only_with_force() {
    let e = env().seeded();
    for (cmd, extra) in [
        ("outline", &["-f", "markdown"][..]),
        ("export", &["-f", "csv"][..]),
        ("backup", &[][..]),
    ] {
        let target = e.file(&format!("{cmd}-notes.txt"));
        std::fs::write(&target, "my own notes, not to be lost\n").unwrap();
        let fp = fingerprint(&e.db);
        let mut args = vec![cmd, "-o", target.file_name().unwrap().to_str().unwrap()];
        args.extend_from_slice(extra);
        let err = e.fail(&args, 2);
        assert!(
            err.contains(&format!("{cmd}-notes.txt")) && err.contains("--force"),
            "{cmd}: {err}"
        );
        assert_eq!(
            std::fs::read_to_string(&target).unwrap(),
            "my own notes, not to be lost\n",
            "{cmd} without --force changed the file"
        );
        assert_eq!(fingerprint(&e.db), fp);
        // JSON errors say the kind.
        let mut json_args = args.clone();
        json_args.push("--json");
        let err = e.fail(&json_args, 2);
        assert!(err.contains("\"invalid_input\""), "{err}");

        args.push("--force");
        e.ok(&args);
        let written = std::fs::read(&target).unwrap();
        assert_ne!(written, b"my own notes, not to be lost\n", "{cmd} --force");
        match cmd {
            "backup" => assert!(written.starts_with(b"SQLite format 3\0")),
            "export" => assert!(text(&written).contains("Cut cloud spend")),
            _ => assert!(text(&written).contains('#'), "{}", text(&written)),
        }
        assert_eq!(mode(&target), 0o600, "{cmd}: the output is private");
    }
    // A new file needs no --force.
    e.ok(&["export", "-f", "csv", "-o", "fresh.csv"]);
    assert!(e.file("fresh.csv").exists());
}

// ---------------------------------------------------------------------------
// A5: a database path is a path, not an SQLite URI
// ---------------------------------------------------------------------------

#[test]
fn a_database_path_that_reads_like_a_uri_is_a_file_of_that_name() {
    let e = env();
    let name = "file:m.db?mode=memory";
    let a = e
        .cal_at(Path::new(name))
        .args(["log", "Kept in a file, not in memory"])
        .assert()
        .success();
    let id = text(&a.get_output().stdout);
    assert_eq!(id.trim(), "1");
    assert!(
        e.file(name).is_file(),
        "a file literally named {name} holds the data: {:?}",
        files_in(e.dir.path())
    );
    let a = e
        .cal_at(Path::new(name))
        .args(["list", "--json"])
        .assert()
        .success();
    let out = text(&a.get_output().stdout);
    assert!(out.contains("Kept in a file, not in memory"), "{out}");
    // SQLite's name for a database in memory is a file name too.
    e.cal_at(Path::new(":memory:"))
        .args(["log", "Not in memory either"])
        .assert()
        .success();
    assert!(e.file(":memory:").is_file(), "{:?}", files_in(e.dir.path()));
}

// ---------------------------------------------------------------------------
// A4: restore checks the whole schema before replacing anything
// ---------------------------------------------------------------------------

/// A backup of the seeded ledger made by `caliber backup`.
fn backup_of(e: &Env, name: &str) -> PathBuf {
    let target = e.file(name);
    e.ok(&["backup", "-o", target.to_str().unwrap()]);
    target
}

/// Asserts `caliber restore FILE` is refused with exit `code`, naming the file and
/// no temporary copy, with the ledger and its folder as they were.
fn restore_refused(e: &Env, file: &Path, code: i32, words: &[&str]) {
    let fp = fingerprint(&e.db);
    let files = files_in(e.dir.path());
    let err = e.fail(&["restore", file.to_str().unwrap()], code);
    assert!(
        err.contains(&file.display().to_string()),
        "the message names the user's file: {err}"
    );
    assert!(
        !err.contains("caliber-restore") && !err.contains(".caliber-tmp"),
        "the message names a temporary copy: {err}"
    );
    for w in words {
        assert!(err.contains(w), "{w:?} missing: {err}");
    }
    assert_eq!(
        fingerprint(&e.db),
        fp,
        "a refused restore changed the ledger"
    );
    assert_eq!(
        files_in(e.dir.path()),
        files,
        "a refused restore left files"
    );
    assert_eq!(e.titles().len(), 2);
}

#[test]
fn restore_refuses_an_empty_or_text_file() {
    let e = env().seeded();
    let empty = e.file("empty.db");
    std::fs::write(&empty, b"").unwrap();
    restore_refused(&e, &empty, 2, &["nothing was restored"]);
    let words = e.file("words.db");
    std::fs::write(&words, "just some words, nothing like a database at all").unwrap();
    restore_refused(&e, &words, 2, &["nothing was restored"]);
}

#[test]
fn restore_refuses_a_copy_missing_part_of_its_schema() {
    let e = env().seeded();
    for (name, sql, missing) in [
        ("no-fts.db", "DROP TABLE wins_fts", "wins_fts"),
        (
            "no-trigger.db",
            "DROP TRIGGER learning_win_removed",
            "learning_win_removed",
        ),
        ("no-index.db", "DROP INDEX wins_live_date", "wins_live_date"),
    ] {
        let copy = backup_of(&e, name);
        {
            let c = rusqlite::Connection::open(&copy).unwrap();
            c.execute_batch(sql).unwrap();
        }
        restore_refused(&e, &copy, 2, &[missing, "nothing was restored"]);
    }
}

#[test]
fn restore_refuses_another_programs_sqlite_file() {
    let e = env().seeded();
    let foreign = e.file("photos.db");
    {
        let c = rusqlite::Connection::open(&foreign).unwrap();
        c.execute_batch("CREATE TABLE photos(path); INSERT INTO photos VALUES ('a.jpg');")
            .unwrap();
    }
    restore_refused(&e, &foreign, 2, &["nothing was restored"]);
}

#[test]
fn restore_of_a_good_backup_still_works_with_its_copy_beside_the_database() {
    let e = env().seeded();
    let copy = backup_of(&e, "good.db");
    e.ok(&["log", "After the backup"]);
    assert_eq!(e.titles().len(), 3);
    // The temporary copy goes beside the database, not to TMPDIR.
    let a = e
        .cal()
        .env("TMPDIR", e.file("no-such-folder"))
        .args(["restore", copy.to_str().unwrap()])
        .assert()
        .success();
    let said = text(&a.get_output().stderr);
    assert!(said.contains("Restored"), "{said}");
    assert_eq!(e.titles().len(), 2);
    // Searching, logging and undo work on the restored ledger.
    let (out, _) = e.ok(&["search", "cloud"]);
    assert!(out.contains("Cut cloud spend"), "{out}");
    e.ok(&["log", "After the restore"]);
    e.ok(&["undo"]);
    assert!(
        !files_in(e.dir.path())
            .iter()
            .any(|n| n.starts_with(".caliber-tmp")),
        "{:?}",
        files_in(e.dir.path())
    );
}

// ---------------------------------------------------------------------------
// A6: the database, its companions, its folder and its backups are private
// ---------------------------------------------------------------------------

/// Runs caliber under umask 000, so only Caliber's own modes count.
fn under_open_umask(e: &Env, db: &Path, args: &[&str]) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("caliber");
    let out = common::sandboxed(&mut std::process::Command::new("sh"), e.dir.path())
        .current_dir(e.dir.path())
        .arg("-c")
        .arg("umask 000; exec \"$@\"")
        .arg("sh")
        .arg(bin)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run caliber");
    assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    out
}

#[test]
fn a_new_database_and_the_folders_caliber_creates_are_private() {
    let e = env();
    let existing = e.file("shared");
    std::fs::create_dir(&existing).unwrap();
    set_mode(&existing, 0o755);
    let db = existing.join("new").join("deeper").join("caliber.db");
    under_open_umask(&e, &db, &["log", "A private win"]);
    assert_eq!(mode(&db), 0o600, "the database file");
    assert_eq!(mode(&existing.join("new")), 0o700);
    assert_eq!(mode(&existing.join("new/deeper")), 0o700);
    assert_eq!(mode(&existing), 0o755, "a folder Caliber did not create");
    // The write-ahead log and shared memory take the file's mode.
    let s = Store::open(&db).unwrap();
    assert_eq!(common::titles(&s), ["A private win"]);
    assert_eq!(mode(&sibling(&db, "-wal")), 0o600);
    assert_eq!(mode(&sibling(&db, "-shm")), 0o600);
    drop(s);
    // Backups: the folder and the file.
    under_open_umask(&e, &db, &["backup"]);
    let backups = db.parent().unwrap().join("backups");
    assert_eq!(mode(&backups), 0o700, "the backups folder");
    let made: Vec<PathBuf> = std::fs::read_dir(&backups)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(made.len(), 1, "{made:?}");
    assert_eq!(mode(&made[0]), 0o600, "the backup file");
}

#[test]
fn an_existing_readable_database_is_made_private_once_with_a_note() {
    let e = env().seeded();
    // Another connection keeps the journals beside the file while its mode is loosened.
    let held = Store::open(&e.db).unwrap();
    for p in [e.db.clone(), sibling(&e.db, "-wal"), sibling(&e.db, "-shm")] {
        set_mode(&p, 0o644);
    }
    let (_, note) = e.ok(&["list"]);
    assert!(
        note.contains("made") && note.contains("private") && note.contains("0644"),
        "{note}"
    );
    assert_eq!(note.lines().count(), 1, "one line: {note}");
    assert_eq!(mode(&e.db), 0o600);
    for s in ["-wal", "-shm"] {
        let p = sibling(&e.db, s);
        if p.exists() {
            assert_eq!(mode(&p), 0o600, "{s}");
        }
    }
    drop(held);
    let (_, again) = e.ok(&["list"]);
    assert!(!again.contains("private"), "said only once: {again}");
}

// ---------------------------------------------------------------------------
// A7: encryption through a symlink converts the real file
// ---------------------------------------------------------------------------

#[test]
fn encrypt_and_decrypt_through_a_symlink_convert_the_real_file() {
    let e = env();
    let real_dir = e.file("real");
    std::fs::create_dir(&real_dir).unwrap();
    let real = real_dir.join("ledger.db");
    let link = e.file("link.db");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    e.cal_at(&link)
        .args(["log", "Behind a link"])
        .assert()
        .success();
    e.cal_at(&link)
        .env("CALIBER_NEW_PASSPHRASE", PASS)
        .arg("encrypt")
        .assert()
        .success();
    let is_link = |p: &Path| {
        std::fs::symlink_metadata(p)
            .unwrap()
            .file_type()
            .is_symlink()
    };
    assert!(is_link(&link), "the link is still a link");
    let head = std::fs::read(&real).unwrap();
    assert!(
        !head.starts_with(b"SQLite format 3\0"),
        "the real file is encrypted"
    );
    assert!(caliber::store::is_encrypted(&real));
    let a = e
        .cal_at(&link)
        .env("CALIBER_PASSPHRASE", PASS)
        .args(["list", "--json"])
        .assert()
        .success();
    assert!(text(&a.get_output().stdout).contains("Behind a link"));

    e.cal_at(&link)
        .env("CALIBER_PASSPHRASE", PASS)
        .arg("decrypt")
        .assert()
        .success();
    assert!(is_link(&link), "the link is still a link after decrypting");
    assert!(
        std::fs::read(&real)
            .unwrap()
            .starts_with(b"SQLite format 3\0")
    );
    let a = e.cal_at(&link).args(["list", "--json"]).assert().success();
    assert!(text(&a.get_output().stdout).contains("Behind a link"));
}

// ---------------------------------------------------------------------------
// A8: temporary copies beside the database, leftovers removed on the next open
// ---------------------------------------------------------------------------

#[test]
fn a_killed_commands_leftovers_are_removed_on_the_next_open() {
    let e = env().seeded();
    let backups = e.file("backups");
    e.ok(&["backup"]);
    let dead = dead_pid();
    let alive = std::process::id();
    let plain = std::fs::read(&e.db).unwrap();
    let leftovers = [
        e.file(&format!(".caliber-tmp-{dead}-restore.db")),
        e.file(&format!(".caliber-tmp-{dead}-restore.db-wal")),
        e.file(&format!(".caliber-tmp-{dead}-restore-same.db")),
        e.file(&format!(".caliber-tmp-{dead}-export-1.db")),
        e.file("caliber.db.converting"),
        backups.join(format!(".caliber-tmp-{dead}-before-encrypt.db")),
        backups.join(format!(".caliber-tmp-{dead}-backup.db")),
        backups.join("before-encrypt-20261101T101010.000Z.partial"),
        backups.join("caliber-2026-11-01T101010.partial"),
    ];
    for p in &leftovers {
        std::fs::write(p, &plain).unwrap();
    }
    // A copy a running Caliber is still writing stays.
    let running = e.file(&format!(".caliber-tmp-{alive}-restore.db"));
    std::fs::write(&running, &plain).unwrap();
    e.ok(&["list"]);
    for p in &leftovers {
        assert!(!p.exists(), "{} was left", p.display());
    }
    assert!(running.exists(), "a live process's copy was removed");
    // An encryption lists the plain copies that remain.
    let (_, said) = {
        let a = e
            .cal()
            .env("CALIBER_NEW_PASSPHRASE", PASS)
            .arg("encrypt")
            .assert()
            .success();
        let o = a.get_output();
        (text(&o.stdout), text(&o.stderr))
    };
    assert!(
        said.contains(&format!(".caliber-tmp-{alive}-restore.db")),
        "the plain copy is listed: {said}"
    );
    assert!(said.contains("before-encrypt-"), "{said}");
    std::fs::remove_file(&running).unwrap();
}

// ---------------------------------------------------------------------------
// A18: a database replaced under an open connection is busy, not read-only
// ---------------------------------------------------------------------------

#[test]
fn a_write_to_a_database_replaced_meanwhile_says_busy() {
    // An encryption renames its new file over the database while it is in
    // rollback-journal mode; a connection still on the old file then gets
    // SQLite's "read-only: database moved".
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caliber.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("PRAGMA journal_mode=DELETE; CREATE TABLE t(a);")
        .unwrap();
    let other = dir.path().join("other.db");
    Store::open(&other).unwrap();
    std::fs::rename(&other, &path).unwrap();
    let e = conn.execute("INSERT INTO t VALUES (1)", []).unwrap_err();
    let e = caliber::Error::from(e);
    assert_eq!(e.kind(), "busy", "{e}");
    assert!(!e.to_string().contains("read-only"), "{e}");
}

#[test]
fn logs_racing_an_encrypt_are_saved_or_busy_and_the_file_stays_sound() {
    let _bin = assert_cmd::cargo::cargo_bin("caliber");
    for round in 0..8u64 {
        let e = env();
        e.ok(&["log", "Before the encryption"]);
        let run = |args: &[&str], env: (&str, &str)| {
            common::caliber(&e.db)
                .current_dir(e.dir.path())
                .args(args)
                .env(env.0, env.1)
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn caliber")
        };
        let enc = run(&["encrypt"], ("CALIBER_NEW_PASSPHRASE", PASS));
        // The logs start a little later each round, so some wait on the lock the
        // conversion holds and get it only once the new file is in place.
        std::thread::sleep(std::time::Duration::from_millis(round * 3));
        let logs: Vec<_> = (0..10)
            .map(|i| {
                std::thread::sleep(std::time::Duration::from_millis(2));
                run(
                    &["log", &format!("Racing {round}.{i}")],
                    ("CALIBER_PASSPHRASE", PASS),
                )
            })
            .collect();
        let enc = enc.wait_with_output().unwrap();
        let mut saved = vec!["Before the encryption".to_string()];
        for (i, l) in logs.into_iter().enumerate() {
            let o = l.wait_with_output().unwrap();
            let err = text(&o.stderr);
            if o.status.success() {
                saved.push(format!("Racing {round}.{i}"));
            } else {
                // Busy (try again) is the only fair answer; never "read-only",
                // "damaged" or "not a database".
                assert_eq!(o.status.code(), Some(4), "round {round}: {err}");
            }
        }
        let mut list = e.cal();
        if enc.status.success() {
            list.env("CALIBER_PASSPHRASE", PASS);
        } else {
            let why = text(&enc.stderr);
            assert!(
                why.contains("has this database open"),
                "round {round}: {why}"
            );
        }
        let a = list.args(["list", "--json"]).assert().success();
        let v: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
        let mut have: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["title"].as_str().unwrap_or_default().to_string())
            .collect();
        have.sort();
        saved.sort();
        assert_eq!(
            have, saved,
            "round {round}: every saved win, and only those"
        );
    }
}

#[test]
fn encrypt_is_refused_while_another_connection_has_the_database_open() {
    let e = env().seeded();
    let app = Store::open(&e.db).unwrap();
    assert_eq!(common::titles(&app).len(), 2);
    // A second connection in the same process (the app's daily backup) opens and
    // closes the file too.
    let second = app.reopen().unwrap();
    second
        .rolling_backup(chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap())
        .unwrap();
    drop(second);
    let fp = fingerprint(&e.db);
    let err = e
        .cal()
        .env("CALIBER_NEW_PASSPHRASE", PASS)
        .arg("encrypt")
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    assert!(
        text(&err).contains("has this database open"),
        "{}",
        text(&err)
    );
    assert_eq!(fingerprint(&e.db), fp);
    assert_eq!(common::titles(&app).len(), 2);
}
