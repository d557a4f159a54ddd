//! The one place Caliber's data lives: a single SQLite file shared by the CLI and the
//! app at the same time. All SQL is in this module and its children; everything
//! above it works with the model types.

mod backup;
mod bulk;
mod crypt;
mod cycle;
mod migrations;
mod people;
mod search;
mod undo;
mod wins;

pub use backup::{BACKUPS_KEPT, RestoreSummary};
pub use bulk::{ImportSummary, Records};
pub use crypt::{EncryptionChange, MIN_PASSPHRASE_CHARS, PASSPHRASE_ENV, Passphrase, is_encrypted};
pub use migrations::SCHEMA_VERSION;
pub use search::fts_query;
pub use undo::Undone;
pub use wins::{MAX_TEXT_CHARS, MAX_TITLE_CHARS};

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
            std::fs::create_dir_all(parent).map_err(|e| {
                Error::io(
                    format!("could not create the folder {}", parent.display()),
                    e,
                )
            })?;
        }
        // A change of encryption renames a new file over this path. One that lands
        // while this open waits for the lock would leave this connection on the old
        // file, so open again until the file is the same before and after.
        let mut tries = 0;
        loop {
            let before = file_id(path);
            let store = Store::open_once(path, key)?;
            tries += 1;
            if before.is_none() || before == file_id(path) || tries >= 5 {
                crypt::remove_leftovers(path);
                return Ok(store);
            }
        }
    }

    fn open_once(path: &Path, key: Option<&Passphrase>) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        // A plain file stays plain: a key would make SQLCipher read it as ciphertext.
        let key = key.filter(|_| !crypt::is_plain_sqlite(path));
        let conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(path, e))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        if let Some(k) = key {
            crypt::apply_key(&conn, k)?;
        }
        crypt::check_readable(&conn, path, key.is_some())?;
        Store::setup(conn, Some(path.to_path_buf()), key.cloned())
    }

    /// An empty database in memory, for tests and previews.
    pub fn open_in_memory() -> Result<Store> {
        Store::setup(Connection::open_in_memory()?, None, None)
    }

    fn setup(
        mut conn: Connection,
        path: Option<PathBuf>,
        key: Option<Passphrase>,
    ) -> Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let shown = path
            .as_deref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| ":memory:".into());
        // Two processes creating the same new file race for the lock that switching
        // to WAL and the first migration need; SQLite answers the loser with BUSY at
        // once instead of waiting, so wait here, up to the same timeout.
        let started = std::time::Instant::now();
        loop {
            match Store::prepare(&mut conn, path.as_deref(), &shown) {
                Err(Error::Busy) if started.elapsed() < BUSY_TIMEOUT => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                other => break other?,
            }
        }
        Ok(Store { conn, path, key })
    }

    fn prepare(conn: &mut Connection, path: Option<&Path>, shown: &str) -> Result<()> {
        // The first read tells a non-database file apart from a real one.
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))
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
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        migrations::migrate(conn, path)
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
    fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// A number that changes whenever another connection (the CLI, a second window)
    /// commits to the file: how the app knows to refresh.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))?)
    }

    /// Checks the file with SQLite's own `integrity_check`; "ok" when sound.
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }
}

/// Which file a path names right now (device and inode), to notice it being replaced.
#[cfg(unix)]
fn file_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(_path: &Path) -> Option<(u64, u64)> {
    // Elsewhere a file that is open cannot be renamed over, so it cannot change.
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

/// The timestamp form stored in the database: RFC 3339, UTC, microseconds.
pub(crate) fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub(crate) fn parse_ts(s: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        })
}

pub(crate) fn parse_day(s: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub(crate) fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests;
