//! Copies of the ledger that survive a mistake: a backup on demand, a rolling daily
//! one kept for a few days, and restore. Copies are made with SQLite's online
//! backup API, so the CLI and the app can keep writing meanwhile, and are readable
//! by their owner only.

use chrono::NaiveDate;
use rusqlite::Connection;
use rusqlite::backup::Backup;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{Passphrase, Store};
use crate::error::{Error, Result};

/// How many daily copies the rolling backup keeps.
pub const BACKUPS_KEPT: usize = 5;
const PREFIX: &str = "caliber-";

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct RestoreSummary {
    /// Wins in the ledger after the restore.
    pub wins: usize,
    /// Where the data as it was before the restore was saved.
    pub previous: String,
}

pub(super) fn private(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| Error::io(format!("could not make {} private", path.display()), e))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// The rolling backup of a day in the backup folder.
fn rolling_name(dir: &Path, day: NaiveDate) -> PathBuf {
    dir.join(format!("{PREFIX}{}.db", day.format("%Y-%m-%d")))
}

fn copy_db(from: &Connection, to: &mut Connection) -> Result<()> {
    let b = Backup::new(from, to)?;
    b.run_to_completion(1024, Duration::from_millis(5), None)?;
    Ok(())
}

impl Store {
    /// Writes a consistent copy of the whole database to a new file `target`.
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        if target.exists() {
            return Err(Error::invalid(format!(
                "{} already exists; choose a new file name for the backup",
                target.display()
            )));
        }
        if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::io(format!("could not create {}", dir.display()), e))?;
        }
        // Write beside the target, then rename: a half-written backup never carries
        // the target's name.
        let partial = target.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        let result = (|| {
            let mut to = Connection::open(&partial)?;
            // An encrypted database's copies are encrypted with the same passphrase.
            if let Some(k) = self.key() {
                super::crypt::apply_key(&to, k)?;
            }
            copy_db(&self.conn, &mut to)?;
            drop(to);
            private(&partial)?;
            std::fs::rename(&partial, target)
                .map_err(|e| Error::io(format!("could not write {}", target.display()), e))
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        result
    }

    /// A second connection to the same database file, with the same passphrase: for
    /// work that should not hold up this one, such as the app's daily backup while
    /// the window keeps reading and writing. An in-memory store has no file to share
    /// and is refused.
    pub fn reopen(&self) -> Result<Store> {
        let Some(path) = &self.path else {
            return Err(Error::invalid(
                "an in-memory database cannot be opened a second time",
            ));
        };
        Store::open_with(path, self.key())
    }

    /// The folder rolling backups go to: `backups/` beside the database.
    pub fn backup_dir(&self) -> Option<PathBuf> {
        self.path
            .as_ref()
            .map(|p| p.parent().unwrap_or(Path::new(".")).join("backups"))
    }

    /// Whether today's rolling backup is still to be made (a database in memory has
    /// none): a check of one file name, so the app can ask every minute and open a
    /// second connection only once a day.
    pub fn rolling_backup_due(&self, today: NaiveDate) -> bool {
        self.backup_dir()
            .is_some_and(|dir| !rolling_name(&dir, today).exists())
    }

    /// Makes today's rolling backup if there is none yet, and deletes the oldest
    /// beyond [`BACKUPS_KEPT`]. Returns the new file, if one was written.
    pub fn rolling_backup(&self, today: NaiveDate) -> Result<Option<PathBuf>> {
        let Some(dir) = self.backup_dir() else {
            return Ok(None);
        };
        let target = rolling_name(&dir, today);
        let made = if target.exists() {
            None
        } else {
            self.backup_to(&target)?;
            Some(target)
        };
        let mut old: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map_err(|e| Error::io(format!("could not read {}", dir.display()), e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                    n.starts_with(PREFIX) && n.ends_with(".db") && n.len() == PREFIX.len() + 13
                })
            })
            .collect();
        old.sort();
        while old.len() > BACKUPS_KEPT {
            let gone = old.remove(0);
            let _ = std::fs::remove_file(gone);
        }
        Ok(made)
    }

    /// Replaces the ledger's content with a backup file. The file is checked first
    /// (SQLite, sound, not from a newer Caliber) on a private copy, so the backup
    /// itself is never changed; the current data is saved aside before it is replaced.
    ///
    /// An encrypted backup is opened with `key`, or when that is None with this
    /// database's own passphrase (a backup of this database has it); a wrong or
    /// missing one is [`Error::Passphrase`]. The database keeps its own form: an
    /// encrypted one stays encrypted with its passphrase whatever the backup's was.
    pub fn restore_from(
        &mut self,
        file: &Path,
        key: Option<&Passphrase>,
    ) -> Result<RestoreSummary> {
        if !file.is_file() {
            return Err(Error::not_found(format!(
                "there is no backup file {}",
                file.display()
            )));
        }
        let stamp = format!(
            "{}-{}",
            std::process::id(),
            chrono::Utc::now().timestamp_micros()
        );
        let work = std::env::temp_dir().join(format!("caliber-restore-{stamp}.db"));
        // The backup in this database's own form (its passphrase, or plain), when
        // the two differ: the online backup API copies only between equals.
        let same_form = std::env::temp_dir().join(format!("caliber-restore-{stamp}-same.db"));
        let cleanup = || {
            for f in [&work, &same_form] {
                for suffix in ["", "-wal", "-shm", "-journal"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", f.display()));
                }
            }
        };
        std::fs::copy(file, &work)
            .map_err(|e| Error::io(format!("could not read {}", file.display()), e))?;
        let checked = (|| {
            // Opening migrates the copy to this build's schema, or refuses it clearly.
            let candidate = Store::open_with(&work, key.or(self.key())).map_err(|e| {
                backup_passphrase_error(e, file, key.is_some(), self.key().is_some())
            })?;
            let check = candidate.integrity_check()?;
            if check != "ok" {
                return Err(Error::bad_file(format!(
                    "{} is damaged ({check}); nothing was restored",
                    file.display()
                )));
            }
            if candidate.key() == self.key() {
                return Ok(candidate);
            }
            super::crypt::export_to(&candidate.conn, &same_form, self.key())?;
            drop(candidate);
            Store::open_with(&same_form, self.key())
        })();
        let candidate = match checked {
            Ok(c) => c,
            Err(e) => {
                cleanup();
                return Err(e);
            }
        };
        let previous = match self.backup_dir() {
            Some(dir) => dir.join(format!(
                "before-restore-{}.db",
                chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ")
            )),
            None => std::env::temp_dir().join("caliber-before-restore.db"),
        };
        let _ = std::fs::remove_file(&previous);
        if let Err(e) = self.backup_to(&previous) {
            drop(candidate);
            cleanup();
            return Err(e);
        }
        let copied = copy_db(&candidate.conn, &mut self.conn);
        drop(candidate);
        cleanup();
        copied?;
        super::undo::barrier(self, super::undo::Entity::Restore)?;
        Ok(RestoreSummary {
            wins: self.count_wins()?,
            previous: previous.display().to_string(),
        })
    }
}

/// A passphrase error about the working copy of a backup, said about the backup.
fn backup_passphrase_error(e: Error, file: &Path, key_given: bool, own_key: bool) -> Error {
    match e {
        Error::Passphrase(_) if key_given => Error::Passphrase(format!(
            "wrong passphrase for the backup {}; nothing was restored",
            file.display()
        )),
        Error::Passphrase(_) if !own_key => Error::Passphrase(format!(
            "the backup {} is encrypted: enter its passphrase; nothing was restored",
            file.display()
        )),
        Error::Passphrase(_) => Error::Passphrase(format!(
            "the backup {} is encrypted with another passphrase than this database: enter the backup's passphrase; nothing was restored",
            file.display()
        )),
        Error::NotADatabase { detail, .. } => Error::NotADatabase {
            path: file.display().to_string(),
            detail,
        },
        other => other,
    }
}
