//! One error type for the whole library, so every front door (CLI, app) can tell
//! a person what went wrong and what to do, and tell a program which kind it was.

use serde::Serialize;

/// Everything that can go wrong in Caliber's library.
///
/// Each message is written for the person at the keyboard: what was wrong, then
/// what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The user gave a value that cannot be used (a date, a scope, an empty title).
    #[error("{0}")]
    InvalidInput(String),
    /// A win, person, feedback, ladder or expectation id that does not exist.
    #[error("{0}")]
    NotFound(String),
    /// A file to import, or a ladder file, that cannot be read as its format.
    #[error("{0}")]
    BadFile(String),
    /// The database was written by a newer Caliber than this one.
    #[error(
        "this database was written by a newer Caliber (schema version {found}, this build knows up to {known}); update Caliber instead of opening it with this one"
    )]
    NewerDatabase {
        /// The schema version found in the file.
        found: i64,
        /// The newest schema version this build knows.
        known: i64,
    },
    /// The file exists but is not a Caliber / SQLite database.
    #[error(
        "{path} is not a Caliber database ({detail}); pass another path with --db or CALIBER_DB"
    )]
    NotADatabase {
        /// The path that was opened.
        path: String,
        /// What SQLite said.
        detail: String,
    },
    /// The database is encrypted and no passphrase, or the wrong one, was given.
    /// Nothing was written to the file.
    #[error("{0}")]
    Passphrase(String),
    /// Another process held the database for longer than the busy timeout.
    #[error("the database is busy in another Caliber window or command; try again in a moment")]
    Busy,
    /// The disk is full: the write did not happen, nothing saved was lost.
    #[error(
        "the disk holding {} is full, so nothing was saved; free some space and try again (everything saved before is intact)",
        shown(.path)
    )]
    DiskFull {
        /// The database file, when known.
        path: Option<String>,
    },
    /// The database, its folder or its disk cannot be written.
    #[error(
        "{} is read-only for you (the file, its folder or its disk cannot be written), so nothing was saved; check its permissions, or pass a copy you can write with --db",
        shown(.path)
    )]
    ReadOnly {
        /// The database file, when known.
        path: Option<String>,
    },
    /// The file is an SQLite database Caliber wrote, but parts of it cannot be read.
    #[error(
        "{} is damaged (SQLite cannot read parts of it) and was not changed; restore a copy with `caliber restore FILE` (daily copies are in the backups folder beside it), or pass another path with --db",
        shown(.path)
    )]
    Damaged {
        /// The database file, when known.
        path: Option<String>,
    },
    /// Any other SQLite error.
    #[error("database error: {0}")]
    Database(rusqlite::Error),
    /// A file could not be read or written.
    #[error("{context}: {source}{}", io_advice(.source))]
    Io {
        /// What was being done, with the path.
        context: String,
        /// The operating system's error.
        source: std::io::Error,
    },
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A short stable name of the error's kind, used across IPC and in `--json` output.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::InvalidInput(_) => "invalid_input",
            Error::NotFound(_) => "not_found",
            Error::BadFile(_) => "bad_file",
            Error::NewerDatabase { .. } => "newer_database",
            Error::NotADatabase { .. } => "not_a_database",
            Error::Passphrase(_) => "passphrase",
            Error::Busy => "busy",
            Error::DiskFull { .. } => "disk_full",
            Error::ReadOnly { .. } => "read_only",
            Error::Damaged { .. } => "damaged",
            Error::Database(_) => "database",
            Error::Io { .. } => "io",
        }
    }

    /// Wraps an I/O error with what was being done.
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }

    /// Names the database file in an error about it that does not name it yet
    /// (SQLite's own errors do not know the path).
    pub(crate) fn at_db(self, db: &str) -> Self {
        let named = |path: Option<String>| path.or_else(|| Some(db.to_string()));
        match self {
            Error::DiskFull { path } => Error::DiskFull { path: named(path) },
            Error::ReadOnly { path } => Error::ReadOnly { path: named(path) },
            Error::Damaged { path } => Error::Damaged { path: named(path) },
            other => other,
        }
    }

    pub(crate) fn invalid(msg: impl Into<String>) -> Self {
        Error::InvalidInput(msg.into())
    }

    pub(crate) fn not_found(msg: impl Into<String>) -> Self {
        Error::NotFound(msg.into())
    }

    pub(crate) fn bad_file(msg: impl Into<String>) -> Self {
        Error::BadFile(msg.into())
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        if let rusqlite::Error::SqliteFailure(f, _) = &e {
            match f.code {
                C::DatabaseBusy | C::DatabaseLocked => return Error::Busy,
                // The file was replaced under this connection (an encryption renamed
                // its new file into place): it is busy being changed, not read-only.
                C::ReadOnly if f.extended_code == rusqlite::ffi::SQLITE_READONLY_DBMOVED => {
                    return Error::Busy;
                }
                C::DiskFull => return Error::DiskFull { path: None },
                C::ReadOnly => return Error::ReadOnly { path: None },
                C::DatabaseCorrupt | C::NotADatabase => return Error::Damaged { path: None },
                _ => {}
            }
        }
        Error::Database(e)
    }
}

fn shown(path: &Option<String>) -> &str {
    path.as_deref().unwrap_or("the database")
}

/// What to do about the operating system errors a person can fix themselves.
fn io_advice(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::StorageFull => "; the disk is full: free some space and try again",
        K::PermissionDenied => "; check the permissions of the file and its folder",
        K::ReadOnlyFilesystem => "; that disk is read-only: choose a place on another one",
        _ => "",
    }
}

/// The shape an error takes across IPC and in JSON output: `{ "kind", "message" }`.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq, ts_rs::TS)]
pub struct ErrorReport {
    /// See [`Error::kind`].
    pub kind: String,
    /// The message to show a person.
    pub message: String,
}

impl From<&Error> for ErrorReport {
    fn from(e: &Error) -> Self {
        ErrorReport {
            kind: e.kind().to_string(),
            message: e.to_string(),
        }
    }
}

impl Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        ErrorReport::from(self).serialize(s)
    }
}
