//! Files written whole or not at all: the bytes go to a new temporary file beside
//! the target, readable by its owner only, that is renamed over the target once
//! complete and flushed, so a full disk or a crash never leaves half a file under
//! the name, nor destroys the file that was there before.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, Result};

/// How every temporary file's name begins.
pub(crate) const PREFIX: &str = ".caliber-tmp-";

/// Temporary names given by this process so far: the count makes each new one
/// different from every other this process gives, however close in time.
static GIVEN: AtomicU64 = AtomicU64::new(0);

/// A new temporary file name in `dir` for `purpose` (such as "restore"), owned by
/// this process: `.caliber-tmp-PID-PURPOSE-MICROS-N.db`. No two calls in one
/// process return the same name (N counts them); the process id keeps processes
/// apart, and the time keeps a name apart from one a killed process with the same
/// id left.
pub(crate) fn temp_path(dir: &Path, purpose: &str) -> PathBuf {
    let n = GIVEN.fetch_add(1, Ordering::Relaxed);
    dir.join(format!(
        "{PREFIX}{}-{purpose}-{}-{n}.db",
        std::process::id(),
        chrono::Utc::now().timestamp_micros()
    ))
}

/// The folder `path` is in (`.` for a bare file name).
pub(crate) fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes `target` whole or not at all. A new temporary file is created beside it
/// (in the same folder, so the rename replaces the file in one step), empty and
/// readable by its owner only from its first byte; `fill` writes it (bytes, or an
/// SQLite database through a connection of its own, closed before it returns). The
/// file is then made private again (SQLite may have recreated it), flushed to disk
/// and renamed over `target`. On any failure the temporary file and the journals
/// SQLite may have left beside it are removed, and `target` is as it was.
/// `purpose` names the temporary file, for whoever finds one a crash left.
pub(crate) fn write_with(
    target: &Path,
    purpose: &str,
    fill: impl FnOnce(&Path) -> Result<()>,
) -> Result<()> {
    let ctx = || format!("could not write {}", target.display());
    let folder = folder_of(target);
    // A name no other write uses; one a crashed process left is never reused.
    let temp = loop {
        let candidate = temp_path(&folder, purpose);
        match create_private(&candidate) {
            Ok(()) => break candidate,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::io(ctx(), e)),
        }
    };
    let result = (|| {
        fill(&temp)?;
        set_private(&temp)?;
        std::fs::File::open(&temp)
            .and_then(|f| f.sync_all())
            .map_err(|e| Error::io(ctx(), e))?;
        std::fs::rename(&temp, target).map_err(|e| Error::io(ctx(), e))
    })();
    if result.is_err() {
        remove_with_journals(&temp);
    }
    result
}

/// Writes `bytes` to `target` whole or not at all (see [`write_with`]).
pub(crate) fn write_bytes(target: &Path, purpose: &str, bytes: &[u8]) -> Result<()> {
    write_with(target, purpose, |temp| {
        use std::io::Write;
        let ctx = || format!("could not write {}", target.display());
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(temp)
            .map_err(|e| Error::io(ctx(), e))?;
        f.write_all(bytes).map_err(|e| Error::io(ctx(), e))
    })
}

/// Creates the new, empty file `path`, readable by its owner only (0600 on Unix);
/// fails when it exists.
fn create_private(path: &Path) -> std::io::Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path).map(|_| ())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_asked_for_at_once_are_all_different() {
        let dir = Path::new("/nowhere");
        let names: Vec<PathBuf> = (0..2000).map(|_| temp_path(dir, "export")).collect();
        let distinct: std::collections::HashSet<&PathBuf> = names.iter().collect();
        assert_eq!(
            distinct.len(),
            names.len(),
            "two writes would share a temporary file"
        );
    }
}
