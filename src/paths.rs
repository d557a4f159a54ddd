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
