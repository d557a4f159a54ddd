//! Copies of the ledger that survive a mistake: a backup on demand, a rolling daily
//! one kept for a few days, and restore. Copies are made with SQLite's online
//! backup API, so the CLI and the app can keep writing meanwhile, and are readable
//! by their owner only.

use chrono::NaiveDate;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

use super::copy::{copy_db, export_to};
use super::file::{is_plain_sqlite, open_file};
use super::passphrase::{Passphrase, apply_key, check_readable};
use super::{SCHEMA_VERSION, Store, scratch};
use crate::error::{Error, Result};
use crate::model::RestoreSummary;

/// How many daily copies the rolling backup keeps.
pub const BACKUPS_KEPT: usize = 5;
const PREFIX: &str = "caliber-";

/// The rolling backup of a day in the backup folder.
fn rolling_name(dir: &Path, day: NaiveDate) -> PathBuf {
    dir.join(format!("{PREFIX}{}.db", day.format("%Y-%m-%d")))
}

impl Store {
    /// Writes a consistent copy of the whole database to a new file `target`. An
    /// existing file is refused; see [`Store::backup_file`].
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        self.backup_file(target, false).map(|_| ())
    }

    /// Writes a consistent copy of the whole database to `target`, under the rule
    /// every output follows ([`crate::paths::check_output`]): never onto the
    /// database, its journals, its backups or any other database; over an existing
    /// file of another kind only with `force`. The copy is written beside the target
    /// under a temporary name, readable by its owner only from its first byte, and
    /// renamed into place once complete. Returns the file written.
    pub fn backup_file(&self, target: &Path, force: bool) -> Result<PathBuf> {
        let file = crate::paths::check_output(target, self.path(), force)?;
        if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::paths::create_private_dir_all(dir)?;
        }
        crate::atomic::write_with(&file, "backup", |partial| {
            let mut to = open_file(partial)?;
            // An encrypted database's copies are encrypted with the same passphrase.
            if let Some(k) = self.key() {
                apply_key(&to, k)?;
            }
            copy_db(&self.conn, &mut to)
        })?;
        Ok(file)
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
        let shown = file.display().to_string();
        let refuse = |why: &str| {
            Error::bad_file(format!(
                "{shown} {why}, so nothing was restored; choose a backup made by `caliber backup` or the app (daily copies are in the backups folder beside the database)"
            ))
        };
        let len = std::fs::metadata(file)
            .map_err(|e| Error::io(format!("could not read {shown}"), e))?
            .len();
        if len == 0 {
            return Err(refuse("is empty, not a Caliber backup"));
        }
        if !crate::paths::is_database_file(file) {
            return Err(refuse("is not a Caliber backup (it is not an SQLite file)"));
        }
        // The working copies sit beside the database (see `scratch`), never in the
        // system's temporary folder.
        let folder = match self.path.as_deref() {
            Some(p) => crate::atomic::folder_of(p),
            None => std::env::temp_dir(),
        };
        let work = crate::atomic::temp_path(&folder, "restore");
        // The backup in this database's own form (its passphrase, or plain), when
        // the two differ: the online backup API copies only between equals.
        let same_form = crate::atomic::temp_path(&folder, "restore-same");
        let cleanup = || {
            scratch::remove_with_companions(&work);
            scratch::remove_with_companions(&same_form);
        };
        let checked = (|| {
            scratch::copy_private(file, &work)?;
            let key = key.or(self.key());
            // The whole schema of its version, and sound, before anything migrates it.
            check_copy(&work, key, &refuse)?;
            // Opening migrates the copy to this build's schema.
            let candidate = Store::open_with(&work, key)?;
            if candidate.key() == self.key() {
                return Ok(candidate);
            }
            export_to(&candidate.conn, &same_form, self.key())?;
            drop(candidate);
            Store::open_with(&same_form, self.key())
        })()
        .map_err(|e| {
            let e = backup_passphrase_error(e, file, key.is_some(), self.key().is_some());
            about_the_backup(e, &[&work, &same_form], file)
        });
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
        // Even a failed copy may have written pages: nothing derived is kept.
        self.replaced();
        copied?;
        super::journal::barrier(self, super::journal::Entity::Restore)?;
        Ok(RestoreSummary {
            wins: self.count_wins()?,
            previous: previous.display().to_string(),
        })
    }
}

/// Checks the working copy `work` of a backup before anything is written to it: it
/// opens (with `key` when encrypted), has a schema version this build knows, holds
/// every table, column, index, trigger and virtual table a Caliber database of that
/// version has (compared with one built in memory by the same migrations), and
/// passes `integrity_check`. `refuse` words a refusal about the user's file.
fn check_copy(work: &Path, key: Option<&Passphrase>, refuse: &dyn Fn(&str) -> Error) -> Result<()> {
    let conn = open_file(work)?;
    let key = key.filter(|_| !is_plain_sqlite(work));
    if let Some(k) = key {
        apply_key(&conn, k)?;
    }
    check_readable(&conn, work, key.is_some())?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > SCHEMA_VERSION {
        return Err(Error::NewerDatabase {
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    let objects = schema_objects(&conn)?;
    if version <= 0 {
        return Err(refuse(if objects.is_empty() {
            "is an empty SQLite database, not a Caliber backup"
        } else {
            "is an SQLite database of another program, not a Caliber backup"
        }));
    }
    let reference = super::migrations::reference(version)?;
    let mut missing = Vec::new();
    for (kind, name, columns) in schema_objects(&reference)? {
        match objects.iter().find(|(k, n, _)| *k == kind && *n == name) {
            None => missing.push(format!("the {kind} {name}")),
            Some((_, _, cols)) if *cols != columns => {
                missing.push(format!("the columns of the {kind} {name}"));
            }
            Some(_) => {}
        }
    }
    if !missing.is_empty() {
        return Err(refuse(&format!(
            "is not a whole Caliber backup: it lacks {} (a Caliber database of schema version {version} has them)",
            missing.join(", ")
        )));
    }
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if ok != "ok" {
        return Err(refuse(&format!("is damaged ({ok})")));
    }
    Ok(())
}

/// Every table (and virtual table), index and trigger of a schema, with a table's
/// column names, leaving out SQLite's own (`sqlite_*`).
fn schema_objects(conn: &Connection) -> Result<Vec<(String, String, Vec<String>)>> {
    let listed: Vec<(String, String)> = conn
        .prepare(
            "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    listed
        .into_iter()
        .map(|(kind, name)| {
            let columns = if kind == "table" {
                conn.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?
                    .query_map([&name], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?
            } else {
                Vec::new()
            };
            Ok((kind, name, columns))
        })
        .collect()
}

/// An error met on a working copy of the backup `file`, said about `file`: the
/// user never hears of a temporary copy.
fn about_the_backup(e: Error, work: &[&Path], file: &Path) -> Error {
    let shown = file.display().to_string();
    let fix = |text: String| {
        work.iter().fold(text, |t, w| {
            let w = w.display().to_string();
            t.replace(&w, &shown)
        })
    };
    let is_work = |p: &Option<String>| {
        p.as_deref()
            .is_some_and(|p| work.iter().any(|w| w.display().to_string() == p))
    };
    match e {
        Error::InvalidInput(m) => Error::InvalidInput(fix(m)),
        Error::NotFound(m) => Error::NotFound(fix(m)),
        Error::BadFile(m) => Error::BadFile(fix(m)),
        Error::Passphrase(m) => Error::Passphrase(fix(m)),
        Error::NotADatabase { path, detail } => Error::bad_file(format!(
            "{} is not a Caliber backup ({}), so nothing was restored; choose a backup made by `caliber backup` or the app",
            fix(path),
            fix(detail)
        )),
        Error::Damaged { path } if path.is_none() || is_work(&path) => Error::bad_file(format!(
            "{shown} is damaged (SQLite cannot read parts of it), so nothing was restored; choose another backup"
        )),
        Error::Io { context, source } => Error::Io {
            context: fix(context),
            source,
        },
        Error::ReadOnly { path } if is_work(&path) => Error::ReadOnly { path: Some(shown) },
        Error::DiskFull { path } if is_work(&path) => Error::DiskFull { path: Some(shown) },
        other => other,
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
