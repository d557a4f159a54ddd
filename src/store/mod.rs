//! The one place Caliber's data lives: a single SQLite file shared by the CLI and the
//! app at the same time. All SQL is in this module and its children; everything
//! above it works with the model types.

mod answers;
mod asks;
mod backup;
mod bulk;
mod copy;
mod crypt;
mod cycle;
mod file;
mod fts;
mod journal;
mod learned;
mod levels;
mod migrations;
mod passphrase;
mod people;
mod scratch;
mod search;
mod undo;
mod wins;

pub use crate::clean::{MAX_PEOPLE_PER_WIN, MAX_TAGS_PER_WIN, MAX_TEXT_CHARS, MAX_TITLE_CHARS};
pub use crate::model::{Edited, ImportSummary, PersonLinks, RestoreSummary};
pub use backup::BACKUPS_KEPT;
pub use bulk::Records;
pub use crypt::EncryptionChange;
pub use cycle::SettingKey;
pub use file::is_encrypted;
pub(crate) use file::is_plain_sqlite;
pub use journal::{ActionKind, Entity};
pub use migrations::SCHEMA_VERSION;
pub use passphrase::{MIN_PASSPHRASE_CHARS, PASSPHRASE_ENV, Passphrase};
pub use search::fts_query;
pub use undo::{History, Step, UndoReply, Undone};

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::error::{Error, Result};

/// How long a write waits for another process (the app, a second CLI) to finish
/// its own before giving up with [`Error::Busy`].
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An open Caliber database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// In memory only: backups of an encrypted database are keyed with it.
    key: Option<Passphrase>,
    /// What opening did that the user should hear of; see [`Store::notices`].
    notices: Vec<String>,
    /// This connection's number among those opened by the process (see
    /// [`Store::change_stamp`]).
    instance: u64,
}

/// A number no other store of this process has had: see [`Store::change_stamp`].
fn next_instance() -> u64 {
    static OPENED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    OPENED.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("encrypted", &self.key.is_some())
            .finish()
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to
    /// date. The folder is created too, so a first run needs no set-up. An encrypted
    /// file is refused with [`Error::Passphrase`]; see [`Store::open_with`].
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with(path, None)
    }

    /// Opens the database at `path` with a passphrase for an encrypted file.
    ///
    /// A new file is created encrypted when a passphrase is given. A plain file opens
    /// as it is, passphrase or not (nothing is converted behind the user's back; see
    /// [`Store::change_encryption`]). An encrypted file needs its passphrase: without
    /// it, or with a wrong one, the answer is [`Error::Passphrase`] and nothing is
    /// written to the file.
    ///
    /// A new database file is created readable by its owner only (0600, and 0700
    /// for the folders Caliber creates for it); an existing one that others may
    /// read is made so, which [`Store::notices`] reports.
    pub fn open_with(path: &Path, key: Option<&Passphrase>) -> Result<Store> {
        if path.is_dir() {
            return Err(Error::invalid(format!(
                "{} is a folder, not a database file; pass a file path such as {}/caliber.db",
                path.display(),
                path.display()
            )));
        }
        if let Some(parent) = path.parent()
            && !parent.as_os_str().is_empty()
            && !parent.exists()
        {
            crate::paths::create_private_dir_all(parent)?;
        }
        // The file exists before SQLite writes to it, with its final mode. (A folder
        // that cannot be written is left for SQLite to report.)
        let _ = crate::paths::create_private_file(path);
        // A change of encryption renames a new file over this path. One that lands
        // while this open waits for the lock would leave this connection on the old
        // file, so open again until the file is the same before and after.
        let mut tries = 0;
        loop {
            let before = file_id(path);
            let opened = Store::open_once(path, key);
            tries += 1;
            let unmoved = before.is_none() || before == file_id(path);
            match opened {
                Err(_) if !unmoved && tries < 5 => continue,
                Err(e) => return Err(e),
                Ok(mut store) if unmoved || tries >= 5 => {
                    scratch::remove_leftovers(path);
                    // Once opened (a refused open, such as a wrong passphrase,
                    // changes nothing), so the note is heard by whoever opened it.
                    store.notices.extend(make_private(path));
                    return Ok(store);
                }
                Ok(_) => continue,
            }
        }
    }

    /// What opening the database did that the user should hear of, once: such as
    /// making a file others could read private. The library only says it; the CLI
    /// prints it, the app logs it.
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    fn open_once(path: &Path, key: Option<&Passphrase>) -> Result<Store> {
        match Store::open_keyed(path, key) {
            // A file encrypted before passphrases were composed (NFC) was keyed with
            // the passphrase as typed: nobody is locked out by the change.
            Err(e @ Error::Passphrase(_)) => match key.and_then(Passphrase::as_typed) {
                Some(typed) => Store::open_keyed(path, Some(&typed)).map_err(|_| e),
                None => Err(e),
            },
            other => other,
        }
    }

    fn open_keyed(path: &Path, key: Option<&Passphrase>) -> Result<Store> {
        // A path, never a URI: `file:x.db?mode=memory` names a file (see `sqlite_name`).
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        // The first read waits for the lock an encryption holds while it renames
        // its new file over this path; a connection that got through only then is
        // on the old file, and must not write a byte (its write-ahead log would be
        // named after the new file and mix the two). It is found by the file's
        // identity and answered Busy, which `open_with` takes as "open again".
        let before = file_id(path);
        let moved = || before.is_some() && file_id(path) != before;
        // A plain file stays plain: a key would make SQLCipher read it as ciphertext.
        let key = key.filter(|_| !file::is_plain_sqlite(path));
        let conn = Connection::open_with_flags(file::sqlite_name(path), flags)
            .map_err(|e| open_error(path, e))?;
        let opened = Store::keyed(conn, path, key).and_then(|conn| {
            if moved() {
                return Err(Error::Busy);
            }
            Store::setup(conn, Some(path.to_path_buf()), key.cloned(), false)
        });
        match opened {
            Err(_) if moved() => Err(Error::Busy),
            Err(e) if can_only_be_read(path, &e) => Store::open_read_only(path, key).map_err(|_| e),
            other => other,
        }
    }

    /// Applies the passphrase, if any, and checks the file can be read with it.
    fn keyed(conn: Connection, path: &Path, key: Option<&Passphrase>) -> Result<Connection> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        if let Some(k) = key {
            passphrase::apply_key(&conn, k)?;
        }
        passphrase::check_readable(&conn, path, key.is_some())
            .map_err(|e| e.at_db(&path.display().to_string()))?;
        Ok(conn)
    }

    /// Opens a file that neither it nor its folder lets this user write, such as a
    /// database on a read-only disk. SQLite cannot create the shared-memory file
    /// that WAL mode reads through there, so the file is opened as `immutable`:
    /// safe because nobody who could change it meanwhile can be this process, and
    /// only tried when no write-ahead log holds data the file itself lacks. Every
    /// write then fails with [`Error::ReadOnly`].
    fn open_read_only(path: &Path, key: Option<&Passphrase>) -> Result<Store> {
        let uri = format!("file:{}?mode=ro&immutable=1", uri_path(path));
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(uri, flags).map_err(|e| open_error(path, e))?;
        let conn = Store::keyed(conn, path, key)?;
        Store::setup(conn, Some(path.to_path_buf()), key.cloned(), true)
    }

    /// An empty database in memory, for tests and previews.
    pub fn open_in_memory() -> Result<Store> {
        Store::setup(Connection::open_in_memory()?, None, None, false)
    }

    fn setup(
        mut conn: Connection,
        path: Option<PathBuf>,
        key: Option<Passphrase>,
        read_only: bool,
    ) -> Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Imports run a dozen statements per win; keep them all prepared.
        conn.set_prepared_statement_cache_capacity(64);
        let shown = path
            .as_deref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| ":memory:".into());
        // Two processes creating the same new file race for the lock that switching
        // to WAL and the first migration need; SQLite answers the loser with BUSY at
        // once instead of waiting, so wait here, up to the same timeout.
        let started = std::time::Instant::now();
        loop {
            match Store::prepare(&mut conn, path.as_deref(), &shown, read_only) {
                Err(Error::Busy) if started.elapsed() < BUSY_TIMEOUT => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                other => {
                    break other.map_err(|e| {
                        if read_only || path.is_some() {
                            e.at_db(&shown)
                        } else {
                            e
                        }
                    })?;
                }
            }
        }
        Ok(Store {
            conn,
            path,
            key,
            notices: Vec::new(),
            instance: next_instance(),
        })
    }

    fn prepare(
        conn: &mut Connection,
        path: Option<&Path>,
        shown: &str,
        read_only: bool,
    ) -> Result<()> {
        // The first read tells a non-database file apart from a real one, and
        // another program's SQLite file (tables, but no schema version of ours)
        // apart from a new one, before anything is written to either. One
        // statement, so both answers come from the same moment.
        let (version, tables): (i64, i64) = conn
            .query_row(
                "SELECT (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_master)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| match e {
                rusqlite::Error::SqliteFailure(f, _)
                    if f.code == rusqlite::ErrorCode::NotADatabase =>
                {
                    Error::NotADatabase {
                        path: shown.to_string(),
                        detail: "the file is not SQLite".into(),
                    }
                }
                other => Error::from(other),
            })?;
        if version == 0 && tables > 0 {
            return Err(migrations::foreign(shown));
        }
        // A file opened read-only keeps the journal mode it has.
        if !read_only {
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))?;
        }
        conn.pragma_update(None, "foreign_keys", true)?;
        if !read_only {
            conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        migrations::migrate(conn, path, shown)
    }

    /// The file this store reads and writes, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Runs `f` in a write transaction taken up front, so two processes writing at
    /// the same moment queue on the busy timeout instead of failing half-way.
    fn write_unnamed<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// [`Store::write_unnamed`], with the database's path in the errors about it.
    fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let result = self.write_unnamed(f);
        match &self.path {
            Some(p) => result.map_err(|e| e.at_db(&p.display().to_string())),
            None => result,
        }
    }

    /// Caps the size the database file may grow to, in bytes, for this connection
    /// only (SQLite's `max_page_count`). A write that would grow the file beyond it
    /// fails with [`Error::DiskFull`] and changes nothing, exactly as on a full disk:
    /// this is how the tests simulate one. Caliber itself never sets a cap. Returns
    /// the cap in force, which SQLite never sets below the file's current size.
    pub fn cap_size(&mut self, bytes: u64) -> Result<u64> {
        let page: i64 = self
            .conn
            .pragma_query_value(None, "page_size", |r| r.get(0))?;
        let page = u64::try_from(page.max(1)).unwrap_or(4096);
        let pages = i64::try_from(bytes / page).unwrap_or(i64::MAX).max(1);
        let set: i64 = self
            .conn
            .pragma_update_and_check(None, "max_page_count", pages, |r| r.get(0))?;
        Ok(u64::try_from(set).unwrap_or(0) * page)
    }

    /// A number that changes whenever another connection (the CLI, a second window)
    /// commits to the file: how the app knows to refresh.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))?)
    }

    /// Marks the data as replaced wholesale (a restore copies pages, which no row
    /// count sees): what was derived from it is read again.
    pub(crate) fn replaced(&mut self) {
        self.instance = next_instance();
    }

    /// A stamp that changes whenever the data may have: another connection
    /// committed ([`Store::data_version`]), this one changed rows, or this store is
    /// another connection than before (reopened, restored, re-keyed). What is
    /// derived from the data can be kept while the stamp stays the same.
    pub fn change_stamp(&self) -> Result<(u64, i64, u64)> {
        Ok((
            self.instance,
            self.data_version()?,
            self.conn.total_changes(),
        ))
    }

    /// Checks the file with SQLite's own `integrity_check`; "ok" when sound.
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }
}

/// Which file a path names right now (device and inode), to notice it being
/// replaced. (Elsewhere than Unix a file that is open cannot be renamed over.)
fn file_id(path: &Path) -> Option<(u64, u64)> {
    crate::paths::file_id(path)
}

/// Makes the existing database `path` and its journals readable by the owner only
/// when group or others may read or write them; says so when it did. A file this
/// user does not own (or on a read-only disk) is left as it is, silently.
#[cfg(unix)]
fn make_private(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let was = std::fs::metadata(path).ok()?.permissions().mode() & 0o777;
    let loose = |m: u32| m & 0o077 != 0;
    let mut changed = false;
    if loose(was) {
        changed =
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(was & 0o700)).is_ok();
    }
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let p = PathBuf::from(name);
        if let Ok(m) = std::fs::metadata(&p)
            && loose(m.permissions().mode())
        {
            let _ = std::fs::set_permissions(
                &p,
                std::fs::Permissions::from_mode(m.permissions().mode() & 0o700),
            );
        }
    }
    changed.then(|| {
        format!(
            "made {} private (was {was:04o}, now {:04o}): other users of this computer could read it",
            path.display(),
            was & 0o700
        )
    })
}

#[cfg(not(unix))]
fn make_private(_path: &Path) -> Option<String> {
    None
}

fn open_error(path: &Path, e: rusqlite::Error) -> Error {
    match &e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::CannotOpen => {
            Error::invalid(format!(
                "cannot open {}: the folder is missing or not writable; pass another path with --db or CALIBER_DB",
                path.display()
            ))
        }
        _ => Error::from(e),
    }
}

/// True when `e`, met while opening the existing file `path`, means it can be read
/// but not written, and no write-ahead log beside it holds data the file lacks.
fn can_only_be_read(path: &Path, e: &Error) -> bool {
    let cannot_write = match e {
        Error::ReadOnly { .. } => true,
        Error::Database(rusqlite::Error::SqliteFailure(f, _)) => {
            f.code == rusqlite::ErrorCode::CannotOpen
        }
        _ => false,
    };
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let wal_is_empty = std::fs::metadata(PathBuf::from(wal)).map_or(true, |m| m.len() == 0);
    cannot_write && path.is_file() && wal_is_empty
}

/// A path as the path part of an SQLite `file:` URI: every byte that could be read
/// as URI syntax (`?`, `#`, `%`, spaces, non-ASCII) is percent-encoded.
fn uri_path(path: &Path) -> String {
    #[cfg(unix)]
    let bytes = {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    };
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().replace('\\', "/").into_bytes();
    let mut out = String::with_capacity(bytes.len());
    for b in bytes {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The timestamp form stored in the database: RFC 3339, UTC, microseconds.
pub(crate) fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub(crate) fn parse_ts(s: &str) -> rusqlite::Result<DateTime<Utc>> {
    // The store writes times as YYYY-MM-DDTHH:MM:SS.ffffffZ (see `ts`); read those
    // directly (a review reads thousands), anything else through chrono.
    let b = s.as_bytes();
    if b.len() == 27
        && (b[4], b[7], b[10], b[13], b[16], b[19], b[26])
            == (b'-', b'-', b'T', b':', b':', b'.', b'Z')
        && let (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(sec), Some(micro)) = (
            digits(&b[0..4]),
            digits(&b[5..7]),
            digits(&b[8..10]),
            digits(&b[11..13]),
            digits(&b[14..16]),
            digits(&b[17..19]),
            digits(&b[20..26]),
        )
        && let Some(t) = NaiveDate::from_ymd_opt(y as i32, mo, d)
            .and_then(|date| date.and_hms_micro_opt(h, mi, sec, micro))
    {
        return Ok(t.and_utc());
    }
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        })
}

pub(crate) fn parse_day(s: &str) -> rusqlite::Result<NaiveDate> {
    // The store writes days as YYYY-MM-DD; read those directly, anything else
    // through chrono (which also gives the error).
    let b = s.as_bytes();
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && let (Some(y), Some(m), Some(d)) = (digits(&b[0..4]), digits(&b[5..7]), digits(&b[8..10]))
        && let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d)
    {
        return Ok(date);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// The number written by ASCII digits only (no sign, no space), if it is one.
fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

pub(crate) fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests;
