//! Files written whole or not at all: the bytes go to a new temporary file beside
//! the target, readable by its owner only, that is renamed over the target once
//! complete and flushed, so a full disk or a crash never leaves half a file under
//! the name, nor destroys the file that was there before.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// How every temporary file's name begins.
pub(crate) const PREFIX: &str = ".caliber-tmp-";

/// A new temporary file name in `dir` for `purpose` (such as "restore"), owned by
/// this process: `.caliber-tmp-PID-PURPOSE-MICROS.db`.
pub(crate) fn temp_path(dir: &Path, purpose: &str) -> PathBuf {
    dir.join(format!(
        "{PREFIX}{}-{purpose}-{}.db",
        std::process::id(),
        chrono::Utc::now().timestamp_micros()
    ))
}

/// Removes `path` and the journals SQLite may have left beside it.
pub(crate) fn remove_with_journals(path: &Path) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// Makes `path` readable and writable by its owner only (0600 on Unix).
pub(crate) fn set_private(path: &Path) -> Result<()> {
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
