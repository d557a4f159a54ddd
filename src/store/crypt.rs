//! Encryption at rest with SQLCipher: a passphrase turns the whole file (every page,
//! the WAL, backups) into ciphertext. Opening never writes to a file it cannot read,
//! and every change of encryption (turn on, change the passphrase, turn off) writes
//! a new file beside the database, checks it, keeps the old one aside and only then
//! renames the new one into place, so a crash leaves either the old file or the new
//! one as the database, never half of each.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::Store;
use super::copy::{copy_db, export_to};
use super::file::{is_plain_sqlite, open_file};
use super::passphrase::{Passphrase, apply_key, check_readable};
use crate::error::{Error, Result};

/// How long a conversion waits for other connections to go away before saying so.
const EXCLUSIVE_WAIT: Duration = Duration::from_secs(2);

/// What turning encryption on, changing the passphrase or turning it off did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct EncryptionChange {
    /// Whether the database is encrypted now.
    pub encrypted: bool,
    /// Wins in the converted database (the same as before).
    pub wins: usize,
    /// Where the database as it was before was kept (in its old form: plain, or
    /// encrypted with the old passphrase).
    pub previous: String,
    /// Copies Caliber knows of that are still unencrypted (the copy above, earlier
    /// backups, copies made before schema upgrades): delete them once the encrypted
    /// database opens, or the data is still readable from them. Empty after a
    /// decryption.
    pub plain_copies: Vec<String>,
}

/// `path` with `suffix` added to its file name: `caliber.db` -> `caliber.db-wal`.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Every table's row count, by name: the check that a conversion lost nothing.
fn row_counts(conn: &Connection, schema: &str) -> Result<Vec<(String, i64)>> {
    let names: Vec<String> = conn
        .prepare(&format!(
            "SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    names
        .into_iter()
        .map(|n| {
            let count = conn.query_row(
                &format!(
                    "SELECT count(*) FROM {schema}.\"{}\"",
                    n.replace('"', "\"\"")
                ),
                [],
                |r| r.get(0),
            )?;
            Ok((n, count))
        })
        .collect()
}

/// Makes the replaced database file unreadable as a database, once no name leads
/// to it any more (its content is kept in `backups/`). Another command that opened
/// the database while it was being converted waits for the lock on this old file;
/// when it gets it, SQLite must refuse the file ("not a database") rather than write
/// to it, because the journal a write starts is named after the path, where the new
/// file now is, and would be played back into the new file.
fn retire(old: &std::fs::File) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileExt;
        let _ = old.write_all_at(&[0u8; 4096], 0);
        let _ = old.sync_data();
    }
    #[cfg(not(unix))]
    let _ = old;
}

fn sync_file(path: &Path) -> Result<()> {
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(format!("could not write {}", path.display()), e))
}

fn sync_dir(dir: &Path) {
    // Makes the rename itself durable; not every platform can open a folder.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

impl Store {
    /// Whether this database is encrypted with a passphrase.
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// Turns encryption on (`Some` on a plain database), changes the passphrase
    /// (`Some` on an encrypted one) or turns it off (`None`).
    ///
    /// The new form is written to a file beside the database with SQLCipher's
    /// `sqlcipher_export`, checked (`integrity_check`, the same row count in every
    /// table, opened afresh with the new key), the database as it was is copied to
    /// `backups/`, and only then is the new file renamed into place. Needs the
    /// database to itself: with the app or another command holding it open, it says
    /// so and changes nothing.
    ///
    /// Through a symlink, the file it points to is converted and the link stays.
    pub fn change_encryption(&mut self, new: Option<&Passphrase>) -> Result<EncryptionChange> {
        let named = self.path.clone().ok_or_else(|| {
            Error::invalid("a database in memory has no file to encrypt; open a file instead")
        })?;
        // The file itself, not a link to it: a rename onto the link would replace
        // the link with a new file and leave the real one as it was.
        let path = std::fs::canonicalize(&named)
            .map_err(|e| Error::io(format!("could not find {}", named.display()), e))?;
        let action = match (&self.key, new) {
            (None, None) => {
                return Err(Error::invalid(
                    "this database is not encrypted, so there is no passphrase to remove",
                ));
            }
            (Some(old), Some(new)) if old == new => {
                return Err(Error::invalid(
                    "that is already the database's passphrase; type a different one to change it",
                ));
            }
            (None, Some(_)) => "encrypt",
            (Some(_), Some(_)) => "passphrase-change",
            (Some(_), None) => "decrypt",
        };
        if let Some(k) = new {
            k.check_new()?;
        }
        let backups = self
            .backup_dir()
            .ok_or_else(|| Error::invalid("the database has no folder for backups"))?;
        crate::paths::create_private_dir_all(&backups)?;
        let previous = backups.join(format!(
            "before-{action}-{}.db",
            chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ")
        ));
        let work = crate::atomic::temp_path(&crate::atomic::folder_of(&path), action);

        let converted = self.convert_into(&path, &work, &previous, new);
        if let Err(e) = converted {
            crate::atomic::remove_with_journals(&work);
            // Back to normal sharing: WAL and ordinary locks, as every open sets up.
            let _ = self.conn.execute_batch("ROLLBACK");
            let _ = self.conn.pragma_update(None, "locking_mode", "NORMAL");
            let _ = self.conn.busy_timeout(super::BUSY_TIMEOUT);
            let _ = self
                .conn
                .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0));
            return Err(e);
        }
        // The old connection still holds the file that was replaced; open the new one.
        let fresh = Store::open_with(&named, new)?;
        drop(std::mem::replace(self, fresh));
        super::journal::barrier(self, super::journal::Entity::Encryption)?;
        let mut plain_copies = if new.is_some() {
            self.plain_copies()
        } else {
            Vec::new()
        };
        // The copy as it was comes first.
        if let Some(i) = plain_copies.iter().position(|p| *p == previous) {
            let p = plain_copies.remove(i);
            plain_copies.insert(0, p);
        }
        Ok(EncryptionChange {
            encrypted: new.is_some(),
            wins: self.count_wins()?,
            previous: previous.display().to_string(),
            plain_copies: plain_copies
                .into_iter()
                .map(|p| p.display().to_string())
                .collect(),
        })
    }

    fn convert_into(
        &mut self,
        path: &Path,
        work: &Path,
        previous: &Path,
        new: Option<&Passphrase>,
    ) -> Result<()> {
        let conn = &self.conn;
        // Leaving WAL needs every other connection closed: the clearest test that
        // nobody (the app, another command) will go on writing to the old file.
        conn.busy_timeout(EXCLUSIVE_WAIT)?;
        let mode =
            conn.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get::<_, String>(0));
        match mode {
            Ok(m) if m.eq_ignore_ascii_case("delete") => {}
            Ok(_) | Err(rusqlite::Error::SqliteFailure(_, _)) => {
                return Err(Error::invalid(
                    "another Caliber has this database open (the app, or a caliber command still running); close it, then try again",
                ));
            }
            Err(e) => return Err(e.into()),
        }
        // From here until this connection closes, nobody else can read or write it.
        conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
        conn.execute_batch("BEGIN EXCLUSIVE")?;
        let still: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
        let before = row_counts(conn, "main")?;
        conn.execute_batch("COMMIT")?;
        if !still.eq_ignore_ascii_case("delete") {
            return Err(Error::Busy);
        }

        export_to(conn, work, new)?;

        // Check the new file on its own connection, with the new key.
        {
            let check = open_file(work)?;
            if let Some(k) = new {
                apply_key(&check, k)?;
            }
            check_readable(&check, work, new.is_some())?;
            let ok: String = check.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            if ok != "ok" {
                return Err(Error::bad_file(format!(
                    "the converted copy failed its check ({ok}); nothing was changed"
                )));
            }
            if row_counts(&check, "main")? != before {
                return Err(Error::bad_file(
                    "the converted copy does not hold the same rows; nothing was changed",
                ));
            }
            let encrypted_now = !is_plain_sqlite(work);
            if encrypted_now != new.is_some() {
                return Err(Error::bad_file(
                    "the converted copy is not in the form asked for; nothing was changed",
                ));
            }
        }
        sync_file(work)?;
        crate::atomic::set_private(work)?;

        // The database as it was, kept aside, in its old form (the old key, or
        // plain). Copied through this connection with SQLite's backup API, never by
        // opening the file: closing any other handle to the database file would
        // drop the lock this connection holds on it (POSIX locks belong to the
        // process), and a command waiting for that lock would then write to the
        // file that is about to be replaced.
        crate::atomic::write_with(previous, "before", |partial| {
            let mut to = open_file(partial)?;
            if let Some(k) = self.key.as_ref() {
                apply_key(&to, k)?;
            }
            copy_db(conn, &mut to)
        })?;

        // A WAL left beside the old file would be replayed into the new one.
        let wal = sibling(path, "-wal");
        if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
            return Err(Error::Busy);
        }
        let _ = std::fs::remove_file(&wal);
        let _ = std::fs::remove_file(sibling(path, "-shm"));
        // The old file, held open across the rename (see `retire`).
        let old = std::fs::OpenOptions::new().write(true).open(path).ok();
        std::fs::rename(work, path)
            .map_err(|e| Error::io(format!("could not replace {}", path.display()), e))?;
        if let Some(dir) = path.parent() {
            sync_dir(if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            });
        }
        if let Some(old) = old {
            retire(&old);
        }
        Ok(())
    }

    /// Copies of this database Caliber made that are not encrypted: rolling and
    /// manual backups in `backups/`, the copy kept before encrypting, the copies
    /// made before schema upgrades, and temporary copies a command still running
    /// (or one stopped where it could not be told) left beside the database.
    pub fn plain_copies(&self) -> Vec<PathBuf> {
        let Some(path) = self.path.as_deref() else {
            return Vec::new();
        };
        let mut found = Vec::new();
        let mut look = |dir: &Path, keep: &dyn Fn(&str) -> bool| {
            if let Ok(entries) = std::fs::read_dir(dir) {
                for e in entries.flatten() {
                    let p = e.path();
                    let name = e.file_name().to_string_lossy().into_owned();
                    if p.is_file() && keep(&name) && is_plain_sqlite(&p) {
                        found.push(p);
                    }
                }
            }
        };
        // Everything in backups/ is Caliber's: finished copies and any left half-way.
        if let Some(dir) = self.backup_dir() {
            look(&dir, &|_: &str| true);
        }
        let stem = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // Beside the database: copies before schema upgrades (`caliber.db.v3-…bak`)
        // and temporary copies (a restore's, a conversion's).
        look(&crate::atomic::folder_of(path), &|n: &str| {
            (n.starts_with(&format!("{stem}.v")) && n.ends_with(".bak"))
                || n.starts_with(crate::atomic::PREFIX)
                || n == format!("{stem}.converting")
        });
        found.sort();
        found
    }

    /// The passphrase this store was opened with, to open copies of it.
    pub(super) fn key(&self) -> Option<&Passphrase> {
        self.key.as_ref()
    }
}
