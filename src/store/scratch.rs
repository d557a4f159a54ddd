//! Temporary copies of the ledger (a restore's working copy, an encryption's new
//! file, a backup being written) live beside the database, in its own folder or its
//! `backups/` folder, never in the system's temporary folder: they hold the user's
//! data, so they stay where the user keeps it, as private as the database, on the
//! same disk (a rename then replaces a file whole). Each name says it is Caliber's and
//! which process made it, so the next open removes what a killed command left.

use std::path::{Path, PathBuf};

use crate::atomic::{PREFIX, folder_of, remove_with_journals};
use crate::error::{Error, Result};

/// Removes what a command killed half-way left beside the database `db`: its
/// temporary copies (in the database's folder and in `backups/`) whose process is
/// gone, a conversion's `.converting` file, and `*.partial` copies in `backups/`
/// (older builds' names). The database, its journals and finished backups are never
/// among them; a copy a running Caliber is still writing is left alone.
pub(crate) fn remove_leftovers(db: &Path) {
    let folder = folder_of(db);
    let mut converting = db.as_os_str().to_owned();
    converting.push(".converting");
    let converting = PathBuf::from(converting);
    if converting.exists() {
        remove_with_journals(&converting);
    }
    let backups = folder.join("backups");
    for (dir, in_backups) in [(folder, false), (backups, true)] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let ours = name
                .strip_prefix(PREFIX)
                .and_then(|rest| rest.split('-').next())
                .and_then(|pid| pid.parse::<u32>().ok())
                .is_some_and(|pid| !process_alive(pid));
            let old_partial = in_backups && name.ends_with(".partial");
            if (ours || old_partial) && e.file_type().is_ok_and(|t| t.is_file()) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

/// Whether the process `pid` still runs. Where that cannot be told, it counts as
/// running: a copy left over is listed after an encryption, never one in use removed.
#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return true;
    };
    if pid <= 0 {
        return true;
    }
    // Signal 0 only asks whether the process exists (EPERM: it does, not ours).
    // SAFETY: kill with signal 0 sends nothing; it reads the process table.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

#[cfg(not(unix))]
fn process_alive(_pid: u32) -> bool {
    true
}

/// Copies `from` to a new file `to` that only its owner can read, from its first byte.
pub(crate) fn copy_private(from: &Path, to: &Path) -> Result<()> {
    crate::paths::create_private_file(to)?;
    let mut src = std::fs::File::open(from)
        .map_err(|e| Error::io(format!("could not read {}", from.display()), e))?;
    let mut dst = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(to)
        .map_err(|e| Error::io(format!("could not copy {} aside", from.display()), e))?;
    std::io::copy(&mut src, &mut dst)
        .map_err(|e| Error::io(format!("could not copy {} aside", from.display()), e))?;
    Ok(())
}

/// Removes `path` and every file whose name continues it (its journals, a copy
/// SQLite made of it before a schema upgrade).
pub(crate) fn remove_with_companions(path: &Path) {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(folder_of(path)) else {
        return;
    };
    for e in entries.flatten() {
        if e.file_name().to_string_lossy().starts_with(&name) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}
