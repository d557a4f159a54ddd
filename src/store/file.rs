//! Database files by path: the name SQLite is given for a path (never a URI), opening
//! a file of Caliber's own, and telling a plain SQLite file from an encrypted one by
//! its first bytes. The lowest layer of the store: it knows nothing of keys or tables.

use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

use crate::error::Result;

/// The first 16 bytes of every plain SQLite file; SQLCipher puts a random salt there.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// The name SQLite is given for the user's path `path`. The bundled SQLite reads
/// any name starting with `file:` as a URI (it is built so) and `:memory:` as no
/// file at all; a path is neither, so a relative one is given as `./path`, which
/// SQLite takes literally. An absolute path starts with `/` and is taken as it is.
pub(crate) fn sqlite_name(path: &Path) -> PathBuf {
    if path.is_relative() {
        Path::new(".").join(path)
    } else {
        path.to_path_buf()
    }
}

/// Opens (creating if needed) a file of Caliber's own, such as a working copy, by
/// path: never as a URI.
pub(crate) fn open_file(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Ok(Connection::open_with_flags(sqlite_name(path), flags)?)
}

/// The first bytes of a file and its length, or None when it is missing or empty.
fn header(path: &Path) -> Option<([u8; 16], u64)> {
    use std::io::Read;
    let mut f = std::fs::File::open(path).ok()?;
    let len = f.metadata().ok()?.len();
    let mut head = [0u8; 16];
    f.read_exact(&mut head).ok()?;
    Some((head, len))
}

/// True when `path` is a plain (unencrypted) SQLite file.
pub(crate) fn is_plain_sqlite(path: &Path) -> bool {
    header(path).is_some_and(|(h, _)| &h == SQLITE_MAGIC)
}

/// True when `path` looks like an SQLCipher database: whole pages of what reads as
/// random bytes, not starting with SQLite's own header. (A text file or a damaged
/// SQLite file is told apart, so it gets "not a database" rather than a request
/// for a passphrase.)
pub fn is_encrypted(path: &Path) -> bool {
    let Some((head, len)) = header(path) else {
        return false;
    };
    let printable = head
        .iter()
        .all(|b| b.is_ascii_graphic() || b.is_ascii_whitespace());
    &head != SQLITE_MAGIC && len >= 512 && len % 512 == 0 && !printable
}
