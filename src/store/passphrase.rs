//! The passphrase of an encrypted database, and keying a connection with it: the
//! part of encryption every open needs. Changing a database's encryption is
//! [`super::crypt`]'s job.

use rusqlite::Connection;
use std::path::Path;

use super::file::is_encrypted;
use crate::error::{Error, Result};

/// The environment variable the CLI reads the passphrase from.
pub const PASSPHRASE_ENV: &str = "CALIBER_PASSPHRASE";

/// The shortest passphrase Caliber accepts when encrypting.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// A passphrase, held in memory only. It never prints (`Debug` shows `***`), and its
/// bytes are overwritten when it is dropped (best effort: SQLCipher keeps its own
/// derived key for as long as the database is open).
///
/// It is put in Unicode's composed form (NFC) before it keys anything, so "café"
/// typed with an accent key or with a combining accent is the same passphrase. The
/// form as typed is kept beside it when it differs: a file encrypted before
/// passphrases were composed was keyed with that, and opening tries it second.
#[derive(Clone)]
pub struct Passphrase(String, Option<String>);

impl PartialEq for Passphrase {
    fn eq(&self, other: &Passphrase) -> bool {
        self.0 == other.0
    }
}

impl Eq for Passphrase {}

impl Passphrase {
    /// Wraps a passphrase typed by a person or read from the environment. A final
    /// line break (from a pipe or a file) is not part of it; an empty one is refused.
    pub fn new(text: impl Into<String>) -> Result<Passphrase> {
        let mut text: String = text.into();
        while text.ends_with('\n') || text.ends_with('\r') {
            text.pop();
        }
        if text.is_empty() {
            return Err(Error::invalid(
                "the passphrase is empty; type the database's passphrase",
            ));
        }
        let composed = crate::names::nfc(&text);
        let typed = (composed != text).then_some(text);
        Ok(Passphrase(composed, typed))
    }

    /// The passphrase exactly as typed, when that is not its composed form: what an
    /// earlier Caliber keyed a file with.
    pub(crate) fn as_typed(&self) -> Option<Passphrase> {
        self.1.clone().map(|t| Passphrase(t, None))
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// Checks a passphrase chosen for encrypting: long enough to resist guessing.
    pub fn check_new(&self) -> Result<()> {
        if self.0.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(Error::invalid(format!(
                "choose a passphrase of at least {MIN_PASSPHRASE_CHARS} characters (a few words are easier to remember than symbols)"
            )));
        }
        Ok(())
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(***)")
    }
}

impl Drop for Passphrase {
    fn drop(&mut self) {
        for text in [Some(std::mem::take(&mut self.0)), self.1.take()]
            .into_iter()
            .flatten()
        {
            let mut bytes = text.into_bytes();
            bytes.iter_mut().for_each(|b| *b = 0);
            std::hint::black_box(&bytes);
        }
    }
}

/// Gives the connection its key; must come before anything reads the file.
pub(crate) fn apply_key(conn: &Connection, key: &Passphrase) -> Result<()> {
    conn.pragma_update(None, "key", key.as_str())?;
    Ok(())
}

/// Reads the schema once, which is when SQLCipher finds out whether the key fits.
/// Only reads: a file that cannot be read is left exactly as it was.
pub(crate) fn check_readable(conn: &Connection, path: &Path, key_given: bool) -> Result<()> {
    // SQLCipher logs a failed decryption to stderr; the error below says it better.
    let _ = conn.pragma_update(None, "cipher_log_level", "NONE");
    let read = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    });
    match read {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(f, _))
            if f.code == rusqlite::ErrorCode::NotADatabase =>
        {
            Err(not_readable(path, key_given))
        }
        Err(e) => Err(Error::from(e)),
    }
}

fn not_readable(path: &Path, key_given: bool) -> Error {
    if !is_encrypted(path) {
        return Error::NotADatabase {
            path: path.display().to_string(),
            detail: "the file is not SQLite".into(),
        };
    }
    if key_given {
        Error::Passphrase(format!(
            "wrong passphrase for {}; nothing was changed: type it again (passphrases are case-sensitive)",
            path.display()
        ))
    } else {
        Error::Passphrase(format!(
            "this database is encrypted: enter its passphrase (or set {PASSPHRASE_ENV}) to open {}",
            path.display()
        ))
    }
}

/// The SQL literal SQLCipher's `ATTACH ... KEY` takes: '' means "not encrypted".
pub(crate) fn key_literal(key: Option<&Passphrase>) -> &str {
    key.map(Passphrase::as_str).unwrap_or("")
}
