//! Where the database lives when the user does not say: the platform's data folder
//! (`~/.local/share/caliber` on Linux), unless `--db` or `CALIBER_DB` says otherwise.

use std::path::PathBuf;

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
/// private notes. The bytes go to a temporary file beside `path` that is renamed
/// over it only once complete and flushed, so a full disk or a crash never leaves
/// half a file under the name, nor destroys the file that was there before.
pub fn write_private(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let ctx = || format!("could not write {}", path.display());
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".partial-{}", std::process::id()));
    let partial = PathBuf::from(name);
    let result = (|| {
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts.open(&partial).map_err(|e| Error::io(ctx(), e))?;
        // A leftover file of the same name keeps its mode on open; make it private.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            f.set_permissions(std::fs::Permissions::from_mode(0o600))
                .map_err(|e| Error::io(ctx(), e))?;
        }
        f.write_all(bytes).map_err(|e| Error::io(ctx(), e))?;
        f.sync_all().map_err(|e| Error::io(ctx(), e))?;
        drop(f);
        std::fs::rename(&partial, path).map_err(|e| Error::io(ctx(), e))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}
