//! Writes that cannot happen: a full disk and a read-only database. Each must say
//! so clearly, change nothing, and lose nothing saved before.
//!
//! The full disk is simulated two ways: in the library with SQLite's
//! `max_page_count` (`Store::cap_size`), which runs everywhere, and for the CLI
//! with a real 1 MiB tmpfs. Read-only is real too: the CLI runs as the
//! unprivileged user `nobody` (root ignores file permissions), and on a read-only
//! bind mount, where even root cannot write. Those need root and a private mount
//! namespace (`unshare -m`); where they are not available the test says why on
//! stderr and checks nothing else.

use crate::common;

use caliber::{Error, Store, WinDraft};
use common::{fingerprint, is_root};
use serde_json::Value;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn draft(title: &str, notes_len: usize) -> WinDraft {
    let mut d = WinDraft::titled(title);
    d.notes = Some("note ".repeat(notes_len / 5));
    d
}

fn titles(store: &Store) -> Vec<String> {
    let mut t = common::titles(store);
    t.sort();
    t
}

// ---------------------------------------------------------------------------
// A full disk, in the library
// ---------------------------------------------------------------------------

#[test]
fn a_full_disk_refuses_a_log_and_an_import_and_keeps_every_saved_win() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caliber.db");
    let mut store = Store::open(&path).unwrap();
    for i in 0..30 {
        store
            .add_win(&draft(&format!("Saved win {i}"), 2_000))
            .unwrap();
    }
    // Full as of now: the file may not grow by a single page.
    let cap = store.cap_size(0).unwrap();
    assert!(cap > 0);

    // Fill what free pages are left until a write is refused.
    let mut saved: Vec<String> = titles(&store);
    let mut refused = None;
    for i in 0..200 {
        let before = fingerprint(&path);
        let title = format!("Late win {i}");
        match store.add_win(&draft(&title, 19_000)) {
            Ok(_) => saved.push(title),
            Err(e) => {
                assert!(
                    fingerprint(&path) == before,
                    "a refused log changed the database"
                );
                refused = Some(e);
                break;
            }
        }
    }
    let e = refused.expect("a capped file refuses a write within 200 wins");
    assert!(matches!(e, Error::DiskFull { .. }), "{e:?}");
    assert_eq!(e.kind(), "disk_full");
    let msg = e.to_string();
    for w in [
        path.display().to_string().as_str(),
        "is full",
        "nothing was saved",
        "free some space",
    ] {
        assert!(msg.contains(w), "{w:?} missing from: {msg}");
    }

    // An import of 300 rows: all or nothing, so nothing.
    let csv = dir.path().join("import.csv");
    let mut text = String::from("date,title,notes\n");
    for i in 0..300 {
        text.push_str(&format!(
            "2026-03-{:02},Imported {i},{}\n",
            i % 28 + 1,
            "x".repeat(2_000)
        ));
    }
    std::fs::write(&csv, text).unwrap();
    let before = fingerprint(&path);
    let e = caliber::io::import_file(&mut store, &csv, None).unwrap_err();
    assert_eq!(e.kind(), "disk_full", "{e}");
    assert!(
        fingerprint(&path) == before,
        "a refused import changed the database"
    );

    // An edit that grows a win, and an undo, are refused the same way or succeed;
    // either way the ledger stays sound.
    let _ = store.update_win(1, &draft("Saved win 0, with more", 19_000));
    assert_eq!(store.integrity_check().unwrap(), "ok");
    drop(store);

    // A new connection (the cap belongs to the old one) finds every saved win and
    // can write again.
    let mut again = Store::open(&path).unwrap();
    assert_eq!(again.integrity_check().unwrap(), "ok");
    let mut expected = saved;
    expected.sort();
    let mut now = titles(&again);
    now.retain(|t| t != "Saved win 0, with more");
    if now.len() + 1 == expected.len() {
        // The edit above went through: win 0 carries its new title.
        expected.retain(|t| t != "Saved win 0");
    }
    assert_eq!(now, expected);
    assert!(
        again
            .add_win(&WinDraft::titled("After freeing space"))
            .is_ok()
    );
}

#[test]
fn a_full_disk_during_a_restore_keeps_the_current_data() {
    let dir = tempfile::tempdir().unwrap();
    // A backup bigger than what the capped file may hold.
    let big = dir.path().join("big.db");
    {
        let mut s = Store::open(&big).unwrap();
        for i in 0..60 {
            s.add_win(&draft(&format!("From the backup {i}"), 15_000))
                .unwrap();
        }
    }
    let path = dir.path().join("caliber.db");
    let mut store = Store::open(&path).unwrap();
    store.add_win(&WinDraft::titled("Only here")).unwrap();
    store.cap_size(0).unwrap();
    let before = fingerprint(&path);
    let e = store.restore_from(&big, None).unwrap_err();
    assert_eq!(e.kind(), "disk_full", "{e}");
    assert!(e.to_string().contains("free some space"), "{e}");
    assert!(
        fingerprint(&path) == before,
        "a refused restore changed the database"
    );
    assert_eq!(titles(&store), vec!["Only here".to_string()]);
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

// ---------------------------------------------------------------------------
// The CLI on a real full disk and a real read-only database
// ---------------------------------------------------------------------------

fn caliber_bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("caliber")
}

/// Why the privileged tests cannot run here, if they cannot.
fn privileged_unavailable(probe: &mut Command) -> Option<String> {
    if !is_root() {
        return Some("not running as root".into());
    }
    match probe.output() {
        Ok(o) if o.status.success() => None,
        Ok(o) => Some(format!(
            "{probe:?} failed: {}",
            String::from_utf8_lossy(&o.stderr).trim()
        )),
        Err(e) => Some(format!("{probe:?} could not run: {e}")),
    }
}

fn seed_cli_db(db: &Path, titles: &[&str]) {
    for t in titles {
        let o = common::caliber(db).args(["log", t]).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
}

fn json_error(o: &Output) -> Value {
    let err = String::from_utf8_lossy(&o.stderr);
    serde_json::from_str(err.trim()).unwrap_or_else(|e| panic!("not a JSON error ({e}): {err}"))
}

fn chmod(p: &Path, mode: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn the_cli_on_a_full_disk_says_so_and_keeps_every_saved_win() {
    let dir = tempfile::tempdir().unwrap();
    let mnt = dir.path().join("small-disk");
    std::fs::create_dir(&mnt).unwrap();
    let mut probe = Command::new("unshare");
    probe
        .args(["-m", "mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&mnt);
    if let Some(why) = privileged_unavailable(&mut probe) {
        eprintln!("skipped: a small filesystem cannot be mounted here ({why})");
        return;
    }
    let seed = dir.path().join("seed.db");
    seed_cli_db(
        &seed,
        &["Saved before 1", "Saved before 2", "Saved before 3"],
    );
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let mut csv = String::from("date,title\n");
    for i in 0..400 {
        csv.push_str(&format!(
            "2026-02-{:02},Imported row {i} {}\n",
            i % 28 + 1,
            "y".repeat(200)
        ));
    }
    std::fs::write(out.join("in.csv"), csv).unwrap();

    // All in one private mount namespace: the 1 MiB disk exists only there. It must hold the
    // database and fill up after some wins, so that what the failed log leaves free
    // (up to one log's write-ahead log, about 100 KiB) is less than the export.
    let script = r#"
        set -u
        mount -t tmpfs -o size=1m tmpfs "$MNT" || exit 90
        cp "$SEED" "$MNT/c.db"
        printf 'the export from last week\n' > "$MNT/export.md"
        notes=$(head -c 6000 /dev/zero | tr '\0' n)
        i=0
        while [ $i -lt 100 ]; do
            "$CAL" --db "$MNT/c.db" log "Logged on the small disk $i" --notes "$notes" \
                >> "$OUT/ids" 2> "$OUT/log.err" || break
            i=$((i+1))
        done
        echo $i > "$OUT/logged"
        # Where the last log stopped depends on the size of its write, not on what
        # is left: take the rest but the 32 KiB of SQLite's shared-memory file, so
        # the export and the import open the database and then meet a full disk.
        avail=$(df -k --output=avail "$MNT" | tail -1)
        if [ "$avail" -gt 32 ]; then
            head -c $(( (avail - 32) * 1024 )) /dev/zero > "$MNT/filler" 2>/dev/null
        fi
        "$CAL" --db "$MNT/c.db" export --format markdown -o "$MNT/export.md" --force 2> "$OUT/export.err"
        echo $? > "$OUT/export.rc"
        "$CAL" --db "$MNT/c.db" --json import "$OUT/in.csv" 2> "$OUT/import.err"
        echo $? > "$OUT/import.rc"
        ls -a "$MNT" > "$OUT/files"
        cp "$MNT"/c.db* "$MNT/export.md" "$OUT/"
    "#;
    let o = common::sandboxed(&mut Command::new("unshare"), dir.path())
        .args(["-m", "sh", "-c", script])
        .env("MNT", &mnt)
        .env("SEED", &seed)
        .env("OUT", &out)
        .env("CAL", caliber_bin())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let read = |name: &str| std::fs::read_to_string(out.join(name)).unwrap();

    let logged: usize = read("logged").trim().parse().unwrap();
    assert!(logged < 100, "the small disk never filled up");
    let err = read("log.err");
    for w in ["c.db is full", "nothing was saved", "free some space"] {
        assert!(err.contains(w), "log: {w:?} missing from: {err}");
    }
    let ids: Vec<i64> = read("ids")
        .lines()
        .map(|l| l.trim().parse().unwrap())
        .collect();
    assert_eq!(ids.len(), logged, "every successful log printed its id");

    // The export failed without touching last week's file or leaving half a file.
    assert_eq!(read("export.rc").trim(), "1");
    let err = read("export.err");
    assert!(
        err.contains("the disk is full") && err.contains("free some space"),
        "{err}"
    );
    assert!(
        read("export.md") == "the export from last week\n",
        "the earlier export was overwritten"
    );
    assert!(
        !read("files").contains("partial") && !read("files").contains(".caliber-tmp"),
        "{}",
        read("files")
    );

    // The import refused, all or nothing.
    assert_eq!(read("import.rc").trim(), "1");
    assert_eq!(
        json_error(&Output {
            status: o.status,
            stdout: vec![],
            stderr: read("import.err").into_bytes()
        })["kind"],
        "disk_full"
    );

    // Every win saved before, and every win whose id was printed, is there; no
    // imported row is; the file is sound.
    let store = Store::open(&out.join("c.db")).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    for t in ["Saved before 1", "Saved before 2", "Saved before 3"] {
        assert!(titles(&store).contains(&t.to_string()), "{t} lost");
    }
    for (i, id) in ids.iter().enumerate() {
        assert_eq!(
            store.win(*id).unwrap().title,
            format!("Logged on the small disk {i}")
        );
    }
    assert_eq!(store.count_wins().unwrap(), 3 + logged);
    assert!(!titles(&store).iter().any(|t| t.starts_with("Imported")));
}

/// Runs `caliber --json --db DB ARGS` as the user `nobody`.
fn as_nobody(db: &Path, args: &[&str]) -> Output {
    common::sandboxed(&mut Command::new("setpriv"), db.parent().unwrap())
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(caliber_bin())
        .arg("--json")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn check_read_only(run: impl Fn(&[&str]) -> Output, db: &Path, csv: &str, titles_saved: &[&str]) {
    let before = fingerprint(db);
    // Reading works.
    let o = run(&["list"]);
    assert!(
        o.status.success(),
        "list: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let listed: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["title"].as_str().unwrap())
        .collect();
    for t in titles_saved {
        assert!(listed.contains(t), "{t} not listed: {listed:?}");
    }
    assert!(run(&["search", "saved"]).status.success());
    assert!(run(&["review"]).status.success());
    // Every kind of write says read-only, with the file's name and what to do.
    for args in [
        &["log", "Cannot be saved"][..],
        &["delete", "1"][..],
        &["people", "add", "Priya Shah"][..],
        &["import", csv][..],
        &["undo"][..],
    ] {
        let o = run(args);
        assert_eq!(
            o.status.code(),
            Some(1),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(o.stdout.is_empty(), "{args:?}");
        let r = json_error(&o);
        assert_eq!(r["kind"], "read_only", "{args:?}: {r}");
        let m = r["message"].as_str().unwrap();
        for w in [
            db.display().to_string().as_str(),
            "read-only",
            "nothing was saved",
            "permissions",
        ] {
            assert!(m.contains(w), "{args:?}: {w:?} missing from: {m}");
        }
        assert!(fingerprint(db) == before, "{args:?} changed the database");
    }
}

#[test]
fn a_database_the_user_may_only_read_can_be_read_and_refuses_writes_clearly() {
    if let Some(why) = privileged_unavailable(Command::new("setpriv").args([
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
        "true",
    ])) {
        eprintln!("skipped: cannot run as an unprivileged user here ({why})");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    chmod(dir.path(), 0o755);
    let folder = dir.path().join("shared");
    std::fs::create_dir(&folder).unwrap();
    let db = folder.join("caliber.db");
    seed_cli_db(&db, &["Saved before 1", "Saved before 2"]);
    chmod(&db, 0o644); // root's file: nobody may read it, not write it
    let csv = dir.path().join("in.csv");
    std::fs::write(&csv, "date,title\n2026-05-01,Imported row\n").unwrap();
    chmod(&csv, 0o644);
    let csv = csv.to_str().unwrap().to_string();

    // The folder is not writable either: SQLite cannot make its shared-memory file
    // there, so the file is opened as immutable.
    chmod(&folder, 0o755);
    check_read_only(
        |a| as_nobody(&db, a),
        &db,
        &csv,
        &["Saved before 1", "Saved before 2"],
    );
    assert_eq!(common::files_in(&folder), vec!["caliber.db"]);

    // The folder is writable, the file is not: SQLite opens it read-only itself.
    chmod(&folder, 0o777);
    check_read_only(
        |a| as_nobody(&db, a),
        &db,
        &csv,
        &["Saved before 1", "Saved before 2"],
    );
}

#[test]
fn a_database_on_a_read_only_disk_can_be_read_and_refuses_writes_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("ro");
    std::fs::create_dir(&folder).unwrap();
    const RO: &str =
        r#"mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" "$1" && shift && exec "$@""#;
    let mut probe = Command::new("unshare");
    probe
        .args(["-m", "sh", "-c", RO, "sh"])
        .arg(&folder)
        .arg("true");
    if let Some(why) = privileged_unavailable(&mut probe) {
        eprintln!("skipped: cannot make a read-only mount here ({why})");
        return;
    }
    let db = folder.join("caliber.db");
    seed_cli_db(&db, &["Saved before 1", "Saved before 2"]);
    let csv = dir.path().join("in.csv");
    std::fs::write(&csv, "date,title\n2026-05-01,Imported row\n").unwrap();
    let csv = csv.to_str().unwrap().to_string();
    let run = |args: &[&str]| {
        common::sandboxed(&mut Command::new("unshare"), dir.path())
            .args(["-m", "sh", "-c", RO, "sh"])
            .arg(&folder)
            .arg(caliber_bin())
            .arg("--json")
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap()
    };
    // Root cannot write there either; the messages are the same.
    check_read_only(run, &db, &csv, &["Saved before 1", "Saved before 2"]);
    // A new database cannot be made there: the message says where and what to do.
    let o = common::sandboxed(&mut Command::new("unshare"), dir.path())
        .args(["-m", "sh", "-c", RO, "sh"])
        .arg(&folder)
        .arg(caliber_bin())
        .args(["--json", "--db"])
        .arg(folder.join("new.db"))
        .args(["log", "x"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let m = json_error(&o)["message"].as_str().unwrap().to_string();
    assert!(
        m.contains("new.db") && m.contains("not writable") && m.contains("--db"),
        "{m}"
    );
}
