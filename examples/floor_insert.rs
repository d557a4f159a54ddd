//! The floor for logging one win: a bare program that opens the same SQLite file
//! the way Caliber does (same flags, busy timeout and pragmas, schema version read)
//! and inserts one row in one write transaction. Nothing else: no suggestion, no
//! child tables, no search index, no output formatting.
//!
//! ```sh
//! cargo run --release --example floor_insert -- target/bench/data/caliber-10000.db "Title"
//! ```

use rusqlite::{Connection, OpenFlags, TransactionBehavior, params};
use std::time::Duration;

fn main() -> rusqlite::Result<()> {
    let mut args = std::env::args().skip(1);
    let db = args.next().expect("usage: floor_insert DB [TITLE]");
    let title = args.next().unwrap_or_else(|| "Floor insert".into());
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let mut conn = Connection::open_with_flags(&db, flags)?;
    conn.busy_timeout(Duration::from_secs(10))?;
    conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    let _version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let now = chrono::Utc::now();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute(
        "INSERT INTO wins (date, logged_at, updated_at, title, scope, source) VALUES (?1, ?2, ?2, ?3, 'team', 'cli')",
        params![
            now.format("%Y-%m-%d").to_string(),
            now.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
            title
        ],
    )?;
    let id = tx.last_insert_rowid();
    tx.commit()?;
    println!("{id}");
    Ok(())
}
