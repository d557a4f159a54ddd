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
        "the disk is full, so nothing was saved; free some space and try again (what was saved before is intact)"
    )]
    DiskFull,
    /// The database or its folder cannot be written.
    #[error(
        "the database is read-only here, so nothing was saved; check the file's permissions or pass another path with --db"
    )]
    ReadOnly,
    /// Any other SQLite error.
    #[error("database error: {0}")]
    Database(rusqlite::Error),
    /// A file could not be read or written.
    #[error("{context}: {source}")]
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
            Error::DiskFull => "disk_full",
            Error::ReadOnly => "read_only",
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
                C::DiskFull => return Error::DiskFull,
                C::ReadOnly => return Error::ReadOnly,
                _ => {}
            }
        }
        Error::Database(e)
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
