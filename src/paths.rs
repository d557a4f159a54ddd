//! Where the database lives when the user does not say: the platform's data folder
//! (`~/.local/share/caliber` on Linux), unless `--db` or `CALIBER_DB` says otherwise;
//! and the one rule every file Caliber writes for the user (an outline, an export, a
//! backup) goes through, so that no output ever lands on a database.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The environment variable that points the CLI and the app at another database.
pub const DB_ENV: &str = "CALIBER_DB";

/// The database path: `explicit` (from `--db`), else `CALIBER_DB`, else the
/// platform's data folder.
pub fn database_path(explicit: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(p) = explicit.filter(|p| !p.as_os_str().is_empty()) {
        return Ok(p);
    }
    if let Some(p) = std::env::var_os(DB_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    default_database_path()
}

/// The platform's default database path.
pub fn default_database_path() -> Result<PathBuf> {
    directories::ProjectDirs::from("", "", "caliber")
        .map(|d| d.data_dir().join("caliber.db"))
        .ok_or_else(|| {
            Error::invalid(format!(
                "cannot find your home folder to keep the database in; set {DB_ENV} to a file path"
            ))
        })
}

/// Writes a file only its owner can read (0600 on Unix): exports and backups hold
/// private notes. The bytes go to a temporary file beside `path` (a
/// `.caliber-tmp-PID-…` name) that is renamed
/// over it only once complete and flushed, so a full disk or a crash never leaves
/// half a file under the name, nor destroys the file that was there before.
pub fn write_private(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    crate::atomic::write_bytes(path, "export", bytes)
}

/// Writes `bytes` to the file `target` the user named, after [`check_output`]:
/// never onto the database `db`, its journals, its backups or any other database,
/// and over an existing file only with `force`. Returns the file written (through a
/// symlink, the file it points to; the link stays a link).
pub fn write_output(
    target: &Path,
    bytes: &[u8],
    db: Option<&Path>,
    force: bool,
) -> Result<PathBuf> {
    let file = check_output(target, db, force)?;
    write_private(&file, bytes)?;
    Ok(file)
}

/// Decides whether an output (outline, export, backup) may be written to `target`,
/// and returns the file to write. Refused, always (with `force` too):
/// - the database `db` itself, its `-wal`, `-shm` and `-journal` files, or a file
///   in its `backups/` folder, however the path is spelled: the same file is found
///   by its device and inode, through symlinks and hard links;
/// - any other SQLite file, plain or encrypted (Caliber's own or another program's).
///
/// An existing file of any other kind is replaced only with `force` (the user said
/// so: `--force`, or a save dialog's own "replace?" answered yes). Every refusal is
/// [`Error::InvalidInput`] naming the file; nothing has been written.
pub fn check_output(target: &Path, db: Option<&Path>, force: bool) -> Result<PathBuf> {
    let shown = target.display();
    if let Some(db) = db
        && let Some(what) = database_part(target, db)
    {
        return Err(Error::invalid(format!(
            "{shown} already exists and is {what}; Caliber never writes an export or backup over it, not even with --force: choose another file name"
        )));
    }
    let meta = match std::fs::metadata(target) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // A new file (or a symlink to nowhere, which the new file replaces).
            return Ok(target.to_path_buf());
        }
        Err(e) => return Err(Error::io(format!("could not look at {shown}"), e)),
    };
    if meta.is_dir() {
        return Err(Error::invalid(format!(
            "{shown} is a folder; name a file to write, such as {}",
            target.join("caliber-export").display()
        )));
    }
    if is_database_file(target) {
        return Err(Error::invalid(format!(
            "{shown} already exists and is a database (SQLite, possibly encrypted); Caliber never writes an export or backup over a database, not even with --force: choose another file name"
        )));
    }
    if !force {
        return Err(Error::invalid(format!(
            "{shown} already exists; pass --force to replace it, or choose another file name"
        )));
    }
    // Through a symlink, replace the file it points to and keep the link.
    Ok(std::fs::canonicalize(target).unwrap_or_else(|_| target.to_path_buf()))
}

/// True when `path` is an SQLite file: plain (its header) or encrypted by Caliber.
pub fn is_database_file(path: &Path) -> bool {
    crate::store::is_plain_sqlite(path) || crate::store::is_encrypted(path)
}

/// What part of the database `db` the path `target` is, if any: the file, a
/// journal of it, or a backup in its folder. Compared by file identity where the
/// file exists, else by the resolved name (a journal that comes and goes).
fn database_part(target: &Path, db: &Path) -> Option<&'static str> {
    let target_name = resolved(target);
    let target_id = file_id(target);
    let db_name = resolved(db);
    let parts = [
        ("", "the database"),
        ("-wal", "the database's write-ahead log"),
        ("-shm", "the database's shared-memory file"),
        ("-journal", "the database's journal"),
    ];
    for (suffix, what) in parts {
        for base in [db.to_path_buf(), db_name.clone()] {
            let mut name = base.into_os_string();
            name.push(suffix);
            let part = PathBuf::from(name);
            if resolved(&part) == target_name
                || (target_id.is_some() && file_id(&part) == target_id)
            {
                return Some(what);
            }
        }
    }
    // The backups folder beside the database (as named, and as resolved).
    let target_dir = target_name.parent().map(resolved);
    for base in [db, db_name.as_path()] {
        let backups = base.parent().unwrap_or(Path::new(".")).join("backups");
        let same_dir = target_dir.as_ref().is_some_and(|d| {
            *d == resolved(&backups) || (file_id(d).is_some() && file_id(d) == file_id(&backups))
        });
        if same_dir && target_id.is_some() {
            return Some("a backup of the database");
        }
    }
    None
}

/// `path` with every symlink resolved: the whole path when it exists, else its
/// folder (a file still to be created), else the path as given.
fn resolved(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    let folder = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    match (std::fs::canonicalize(folder), path.file_name()) {
        (Ok(d), Some(name)) => d.join(name),
        _ => path.to_path_buf(),
    }
}

/// Which file a path names (device and inode), following symlinks.
#[cfg(unix)]
pub(crate) fn file_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
pub(crate) fn file_id(_path: &Path) -> Option<(u64, u64)> {
    None
}

/// Creates the folder `dir` and any missing parents, readable by the owner only
/// (0700 on Unix): it holds the database or its backups. Folders that exist
/// already keep their mode.
pub fn create_private_dir_all(dir: &Path) -> Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
        .map_err(|e| Error::io(format!("could not create the folder {}", dir.display()), e))
}

/// Creates the empty file `path` readable by its owner only (0600 on Unix) before
/// SQLite writes a database into it, so no byte of it is ever readable by others,
/// whatever the umask. An existing file is left alone.
pub(crate) fn create_private_file(path: &Path) -> Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    match opts.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(Error::io(format!("could not create {}", path.display()), e)),
    }
}

/// Reads a text file a person chose to bring in (an import, a ladder), refusing a
/// folder, a file over `max` bytes and text that is not UTF-8, each with what to do.
pub(crate) fn read_text_file(path: &Path, max: u64) -> Result<String> {
    let shown = path.display();
    let meta =
        std::fs::metadata(path).map_err(|e| Error::io(format!("could not read {shown}"), e))?;
    if meta.is_dir() {
        return Err(Error::InvalidInput(format!(
            "{shown} is a folder; give the path of the file itself"
        )));
    }
    if meta.len() > max {
        return Err(Error::BadFile(format!(
            "{shown} is {} MB, more than the {} MB Caliber reads at once; check it is the right file, or split it into smaller files",
            meta.len().div_ceil(1024 * 1024),
            max.div_ceil(1024 * 1024)
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(format!("could not read {shown}"), e))?;
    let csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    String::from_utf8(bytes).map_err(|e| {
        Error::BadFile(format!(
            "{shown} is not UTF-8 text (the first bad byte is at offset {}); save it as UTF-8{} and try again",
            e.utf8_error().valid_up_to(),
            if csv { " (in a spreadsheet, choose \"CSV UTF-8\")" } else { "" }
        ))
    })
}
