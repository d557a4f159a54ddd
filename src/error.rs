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
    /// A fault of the program, not of anything the user did (for example Caliber
    /// could not write one of its own values as JSON).
    #[error("{0}; this is a fault in Caliber, not in what you did: please report it")]
    Internal(String),
    /// An error that happened earlier, told again with its kind kept (the app
    /// answers every command with why its database could not be opened).
    #[error("{}", .0.message)]
    Reported(ErrorReport),
}

/// The kind of an [`Error`]: its stable name across IPC and in `--json` output
/// (`{ "kind", "message" }`), and the CLI's exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// A value the user gave cannot be used.
    InvalidInput,
    /// Something named by id does not exist.
    NotFound,
    /// A file cannot be read as its format.
    BadFile,
    /// The database was written by a newer Caliber.
    NewerDatabase,
    /// The file is not a Caliber database.
    NotADatabase,
    /// The passphrase is missing or wrong.
    Passphrase,
    /// Another process holds the database.
    Busy,
    /// The disk is full.
    DiskFull,
    /// The database cannot be written.
    ReadOnly,
    /// The database file is damaged.
    Damaged,
    /// Any other SQLite error.
    Database,
    /// A file could not be read or written.
    Io,
    /// A fault of the program, not of the user.
    Internal,
}

impl ErrorKind {
    /// Every kind, in declaration order.
    pub const ALL: [ErrorKind; 13] = [
        ErrorKind::InvalidInput,
        ErrorKind::NotFound,
        ErrorKind::BadFile,
        ErrorKind::NewerDatabase,
        ErrorKind::NotADatabase,
        ErrorKind::Passphrase,
        ErrorKind::Busy,
        ErrorKind::DiskFull,
        ErrorKind::ReadOnly,
        ErrorKind::Damaged,
        ErrorKind::Database,
        ErrorKind::Io,
        ErrorKind::Internal,
    ];

    /// The name on the wire (the same as its serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::NotFound => "not_found",
            ErrorKind::BadFile => "bad_file",
            ErrorKind::NewerDatabase => "newer_database",
            ErrorKind::NotADatabase => "not_a_database",
            ErrorKind::Passphrase => "passphrase",
            ErrorKind::Busy => "busy",
            ErrorKind::DiskFull => "disk_full",
            ErrorKind::ReadOnly => "read_only",
            ErrorKind::Damaged => "damaged",
            ErrorKind::Database => "database",
            ErrorKind::Io => "io",
            ErrorKind::Internal => "internal",
        }
    }

    /// The CLI's exit code: 2 bad input, 3 not found, 4 busy, 5 unusable
    /// database, 1 anything else. (2 is also clap's own for bad usage.)
    pub fn exit_code(self) -> u8 {
        match self {
            ErrorKind::InvalidInput | ErrorKind::BadFile => 2,
            ErrorKind::NotFound => 3,
            ErrorKind::Busy => 4,
            ErrorKind::NewerDatabase
            | ErrorKind::NotADatabase
            | ErrorKind::Damaged
            | ErrorKind::Passphrase => 5,
            ErrorKind::DiskFull
            | ErrorKind::ReadOnly
            | ErrorKind::Database
            | ErrorKind::Io
            | ErrorKind::Internal => 1,
        }
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A kind equals its wire name.
impl PartialEq<&str> for ErrorKind {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The error's kind, used across IPC and in `--json` output.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::InvalidInput(_) => ErrorKind::InvalidInput,
            Error::NotFound(_) => ErrorKind::NotFound,
            Error::BadFile(_) => ErrorKind::BadFile,
            Error::NewerDatabase { .. } => ErrorKind::NewerDatabase,
            Error::NotADatabase { .. } => ErrorKind::NotADatabase,
            Error::Passphrase(_) => ErrorKind::Passphrase,
            Error::Busy => ErrorKind::Busy,
            Error::DiskFull { .. } => ErrorKind::DiskFull,
            Error::ReadOnly { .. } => ErrorKind::ReadOnly,
            Error::Damaged { .. } => ErrorKind::Damaged,
            Error::Database(_) => ErrorKind::Database,
            Error::Io { .. } => ErrorKind::Io,
            Error::Internal(_) => ErrorKind::Internal,
            Error::Reported(r) => r.kind,
        }
    }

    /// The CLI's exit code for this error (see [`ErrorKind::exit_code`]).
    pub fn exit_code(&self) -> u8 {
        self.kind().exit_code()
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

    /// A fault of the program, such as failing to write its own values as JSON.
    pub fn internal(msg: impl Into<String>) -> Self {
        Error::Internal(msg.into())
    }

    /// Could not write one of Caliber's own values as JSON: a program fault.
    pub fn json(e: serde_json::Error) -> Self {
        Error::Internal(format!("could not write JSON: {e}"))
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
    pub kind: ErrorKind,
    /// The message to show a person.
    pub message: String,
}

impl From<&Error> for ErrorReport {
    fn from(e: &Error) -> Self {
        ErrorReport {
            kind: e.kind(),
            message: e.to_string(),
        }
    }
}

impl Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        ErrorReport::from(self).serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorKind as K;

    #[test]
    fn every_kind_has_its_wire_name_and_exit_code() {
        let table: [(K, &str, u8); 13] = [
            (K::InvalidInput, "invalid_input", 2),
            (K::NotFound, "not_found", 3),
            (K::BadFile, "bad_file", 2),
            (K::NewerDatabase, "newer_database", 5),
            (K::NotADatabase, "not_a_database", 5),
            (K::Passphrase, "passphrase", 5),
            (K::Busy, "busy", 4),
            (K::DiskFull, "disk_full", 1),
            (K::ReadOnly, "read_only", 1),
            (K::Damaged, "damaged", 5),
            (K::Database, "database", 1),
            (K::Io, "io", 1),
            (K::Internal, "internal", 1),
        ];
        assert_eq!(table.len(), K::ALL.len());
        for (kind, (listed, name, code)) in K::ALL.iter().zip(table) {
            assert_eq!(
                *kind, listed,
                "ALL and the table list the kinds in one order"
            );
            assert_eq!(kind.as_str(), name);
            assert_eq!(serde_json::to_string(kind).unwrap(), format!("\"{name}\""));
            assert_eq!(
                serde_json::from_str::<K>(&format!("\"{name}\"")).unwrap(),
                *kind
            );
            assert_eq!(kind.exit_code(), code, "{name}");
        }
    }

    #[test]
    fn a_reported_error_keeps_its_kind() {
        let damaged = super::Error::Damaged {
            path: Some("x.db".into()),
        };
        let report = super::ErrorReport::from(&damaged);
        let again = super::Error::Reported(report.clone());
        assert_eq!(again.kind(), K::Damaged);
        assert_eq!(again.exit_code(), 5);
        assert_eq!(again.to_string(), report.message);
    }
}
