//! What the integration suites share: the `caliber` binary run in a sandbox that
//! nothing the person running the tests has exported can reach into, a fingerprint
//! of a database that changes when any row of any table changes (so "the database
//! is unchanged" is a check that can fail), and the titles a store lists.

use caliber::Store;
use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::process::Command;

/// The environment variables that change what `caliber` does, cleared for every
/// command a test runs: an exported passphrase would encrypt each new database
/// (which [`fingerprint`] cannot open), an exported database path, day or width
/// would change the answers. A test that wants one sets it on the command.
pub const CLEARED_ENV: [&str; 6] = [
    "CALIBER_PASSPHRASE",
    "CALIBER_NEW_PASSPHRASE",
    "CALIBER_BACKUP_PASSPHRASE",
    "CALIBER_DB",
    "CALIBER_TODAY",
    "COLUMNS",
];

/// Clears [`CLEARED_ENV`] on `c` and points `HOME` and `XDG_DATA_HOME` into `home`,
/// so no command can reach the user's real database. For commands that run
/// `caliber` through another program (`sh`, `unshare`, `setpriv`), which passes its
/// environment on.
pub fn sandboxed<'a>(c: &'a mut Command, home: &Path) -> &'a mut Command {
    for var in CLEARED_ENV {
        c.env_remove(var);
    }
    c.env("HOME", home)
        .env("XDG_DATA_HOME", home.join("xdg-data"))
}

/// The `caliber` binary in a sandbox at `home` (see [`sandboxed`]), no arguments.
pub fn caliber_in(home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_caliber"));
    sandboxed(&mut c, home);
    c
}

/// `caliber --db DB` in a sandbox beside `db` (its folder is `HOME`), as a plain
/// process: for tests that spawn, race or kill it.
pub fn caliber(db: &Path) -> Command {
    let home = db.parent().expect("the database path has a folder");
    let mut c = caliber_in(home);
    c.arg("--db").arg(db);
    c
}

/// `caliber --db DB` in a sandbox beside `db`, to assert on.
pub fn cal(db: &Path) -> assert_cmd::Command {
    assert_cmd::Command::from_std(caliber(db))
}

/// Output as text (lossy: a test prints what it got even when it is not UTF-8).
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// What a finished command wrote on standard output, as text.
pub fn stdout(a: &assert_cmd::assert::Assert) -> String {
    text(&a.get_output().stdout)
}

/// What a finished command wrote on standard error, as text.
pub fn stderr(a: &assert_cmd::assert::Assert) -> String {
    text(&a.get_output().stderr)
}

/// A date written `YYYY-MM-DD`.
pub fn d(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a YYYY-MM-DD date")
}

/// An in-memory store whose cycle is a Senior Manager case: L6 to L7, the window
/// 2025-12-01 to 2026-11-30, calibration on 2027-01-15.
pub fn store_with_cycle() -> Store {
    let mut s = Store::open_in_memory().expect("an in-memory store");
    s.set_cycle(&caliber::Cycle {
        ladder: "senior-manager".into(),
        current_level: "L6".into(),
        target_level: "L7".into(),
        start: d("2025-12-01"),
        end: d("2026-11-30"),
        target_date: Some(d("2027-01-15")),
        is_default: false,
    })
    .expect("set the cycle");
    s
}

/// Names that are new to the ledger need `--new-person` (a name close to nobody is
/// refused without it). Tests about other things add it to every command that names
/// people.
pub fn naming<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let names_people = args.iter().any(|a| matches!(*a, "--with" | "--involved"))
        || args.windows(2).any(|w| w == ["feedback", "add"]);
    let mut v = args.to_vec();
    if names_people {
        v.push("--new-person");
    }
    v
}

/// Every row of every table (the undo journal, settings and the full-text index's
/// own tables included), the schema and `user_version`, as one text. Rows are
/// sorted, so only content counts, not the order SQLite returns it in. Only
/// SELECTs run. The file is opened for writing all the same (never created), so
/// that closing it removes the `-wal` and `-shm` files as Caliber's own commands
/// do: a read-only connection would leave them behind, and a test of a read-only
/// database would then read through them instead of the way a user would.
pub fn fingerprint(db: &Path) -> String {
    let conn = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .unwrap_or_else(|e| panic!("open {} to fingerprint it: {e}", db.display()));
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("user_version");
    let mut out = format!("user_version {version}\n");
    let mut st = conn
        .prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name")
        .expect("read the schema");
    let schema: Vec<(String, String, String)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("read the schema")
        .collect::<Result<_, _>>()
        .expect("read the schema");
    for (kind, name, sql) in &schema {
        out.push_str(&format!("{kind} {name}: {sql}\n"));
    }
    for (kind, name, sql) in &schema {
        // A virtual table's rows are its shadow tables' rows, dumped on their own.
        if kind != "table" || sql.starts_with("CREATE VIRTUAL") {
            continue;
        }
        let mut st = conn
            .prepare(&format!("SELECT * FROM \"{name}\""))
            .unwrap_or_else(|e| panic!("read {name}: {e}"));
        let n = st.column_count();
        let mut rows: Vec<String> = st
            .query_map([], |r| {
                let cells: Vec<String> = (0..n)
                    .map(|i| r.get::<_, Value>(i).map(|v| format!("{v:?}")))
                    .collect::<Result<_, _>>()?;
                Ok(cells.join(" | "))
            })
            .unwrap_or_else(|e| panic!("read {name}: {e}"))
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("read {name}: {e}"));
        rows.sort();
        out.push_str(&format!("== {name} ({} rows)\n", rows.len()));
        for row in rows {
            out.push_str(&row);
            out.push('\n');
        }
    }
    out
}

/// The names in a folder, sorted, without SQLite's `-wal` and `-shm` companions
/// (which come and go with connections): a failed command must leave no stray file.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read the folder")
        .map(|e| {
            e.expect("a folder entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm"))
        .collect();
    names.sort();
    names
}

/// Whether this process runs as root (uid 0), read from /proc.
pub fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .and_then(|l| l.split_whitespace().nth(1).map(|u| u == "0"))
        })
        .unwrap_or(false)
}

/// The titles of a store's live wins, newest first.
pub fn titles(store: &Store) -> Vec<String> {
    store
        .list_wins(&Default::default())
        .expect("list wins")
        .into_iter()
        .map(|w| w.title)
        .collect()
}
