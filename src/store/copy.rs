//! Copying a whole database into another file: SQLite's online backup API between
//! two connections in the same form, and SQLCipher's export into a new file in
//! another form (encrypted, plain, or under another passphrase).

use rusqlite::Connection;
use rusqlite::backup::Backup;
use std::path::Path;
use std::time::Duration;

use super::file::sqlite_name;
use super::passphrase::{Passphrase, key_literal};
use crate::error::Result;

/// Copies every page of `from` into `to` (both open, in the same form).
pub(crate) fn copy_db(from: &Connection, to: &mut Connection) -> Result<()> {
    let b = Backup::new(from, to)?;
    b.run_to_completion(1024, Duration::from_millis(5), None)?;
    Ok(())
}

/// Copies every table, index and the schema version from `conn` into a new file at
/// `target`, encrypted with `key` or plain. `conn` must not be in a transaction.
pub(crate) fn export_to(conn: &Connection, target: &Path, key: Option<&Passphrase>) -> Result<()> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    // Created private before SQLite writes the first page into it.
    crate::paths::create_private_file(target)?;
    conn.execute(
        "ATTACH DATABASE ?1 AS conv KEY ?2",
        [
            sqlite_name(target).to_string_lossy().as_ref(),
            key_literal(key),
        ],
    )?;
    let exported = (|| -> Result<()> {
        conn.query_row("SELECT sqlcipher_export('conv')", [], |_| Ok(()))?;
        conn.pragma_update(Some("conv"), "user_version", version)?;
        Ok(())
    })();
    let detached = conn.execute_batch("DETACH DATABASE conv");
    exported?;
    detached?;
    Ok(())
}
