//! The schema, as an append-only list of migrations numbered by SQLite's
//! `user_version`. Two rules, as in Cargo's own SQLite cache: never remove or edit a
//! shipped migration, and never make a change an older build cannot live with.

use rusqlite::Connection;
use std::path::Path;

use crate::error::{Error, Result};

/// Each entry moves the schema one version up. Append only.
const MIGRATIONS: &[&str] = &[
    // 1: the evidence ledger.
    r#"
    CREATE TABLE people (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL,
        relation    TEXT,
        org         TEXT,
        notes       TEXT,
        created_at  TEXT NOT NULL,
        deleted_at  TEXT
    );
    CREATE UNIQUE INDEX people_live_name ON people(name COLLATE NOCASE) WHERE deleted_at IS NULL;

    CREATE TABLE wins (
        id          INTEGER PRIMARY KEY,
        date        TEXT NOT NULL,
        logged_at   TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        title       TEXT NOT NULL,
        situation   TEXT,
        action      TEXT,
        result      TEXT,
        notes       TEXT,
        metric      TEXT,
        scope       TEXT NOT NULL DEFAULT 'team',
        source      TEXT NOT NULL,
        deleted_at  TEXT
    );
    CREATE INDEX wins_live_date ON wins(date, id) WHERE deleted_at IS NULL;

    CREATE TABLE win_expectations (
        win_id      INTEGER NOT NULL REFERENCES wins(id) ON DELETE CASCADE,
        expectation TEXT NOT NULL,
        confirmed   INTEGER NOT NULL,
        position    INTEGER NOT NULL,
        PRIMARY KEY (win_id, expectation)
    ) WITHOUT ROWID;
    CREATE INDEX win_expectations_by_id ON win_expectations(expectation, win_id);

    CREATE TABLE win_principles (
        win_id      INTEGER NOT NULL REFERENCES wins(id) ON DELETE CASCADE,
        principle   TEXT NOT NULL,
        position    INTEGER NOT NULL,
        PRIMARY KEY (win_id, principle)
    ) WITHOUT ROWID;

    CREATE TABLE win_tags (
        win_id      INTEGER NOT NULL REFERENCES wins(id) ON DELETE CASCADE,
        tag         TEXT NOT NULL,
        position    INTEGER NOT NULL,
        PRIMARY KEY (win_id, tag)
    ) WITHOUT ROWID;

    CREATE TABLE win_links (
        win_id      INTEGER NOT NULL REFERENCES wins(id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        url         TEXT NOT NULL,
        PRIMARY KEY (win_id, position)
    ) WITHOUT ROWID;

    CREATE TABLE win_people (
        win_id      INTEGER NOT NULL REFERENCES wins(id) ON DELETE CASCADE,
        person_id   INTEGER NOT NULL REFERENCES people(id),
        vouches     INTEGER NOT NULL,
        position    INTEGER NOT NULL,
        PRIMARY KEY (win_id, person_id)
    ) WITHOUT ROWID;
    CREATE INDEX win_people_by_person ON win_people(person_id, win_id);

    CREATE TABLE feedback (
        id          INTEGER PRIMARY KEY,
        person_id   INTEGER NOT NULL REFERENCES people(id),
        date        TEXT NOT NULL,
        quote       TEXT NOT NULL,
        expectation TEXT,
        created_at  TEXT NOT NULL,
        deleted_at  TEXT
    );

    CREATE TABLE ladders (
        id          TEXT PRIMARY KEY,
        json        TEXT NOT NULL,
        imported_at TEXT NOT NULL
    );

    CREATE TABLE settings (
        key         TEXT PRIMARY KEY,
        value       TEXT NOT NULL
    );

    CREATE TABLE actions (
        id          INTEGER PRIMARY KEY,
        at          TEXT NOT NULL,
        kind        TEXT NOT NULL,
        entity      TEXT NOT NULL,
        entity_id   INTEGER NOT NULL,
        before      TEXT,
        undone_at   TEXT
    );

    CREATE VIRTUAL TABLE wins_fts USING fts5(
        title, body, tokenize = 'unicode61 remove_diacritics 2'
    );
    "#,
    // 2: the People view and undo read these on every refresh.
    r#"
    CREATE INDEX feedback_live_by_person ON feedback(person_id, date) WHERE deleted_at IS NULL;
    CREATE INDEX actions_pending ON actions(id) WHERE undone_at IS NULL;
    "#,
    // 3: the suggester's trained model is kept between runs, valid while nothing it
    // learned from has changed; the triggers count every such change, whoever makes it.
    r#"
    CREATE TABLE learning (id INTEGER PRIMARY KEY CHECK (id = 1), epoch INTEGER NOT NULL);
    INSERT INTO learning (id, epoch) VALUES (1, 0);
    CREATE TABLE suggester_cache (
        ladder TEXT PRIMARY KEY,
        key    TEXT NOT NULL,
        model  BLOB NOT NULL
    );
    CREATE TRIGGER learning_tag_added AFTER INSERT ON win_expectations
        WHEN NEW.confirmed = 1
        BEGIN UPDATE learning SET epoch = epoch + 1; END;
    CREATE TRIGGER learning_tag_removed AFTER DELETE ON win_expectations
        WHEN OLD.confirmed = 1
        BEGIN UPDATE learning SET epoch = epoch + 1; END;
    CREATE TRIGGER learning_tag_changed AFTER UPDATE ON win_expectations
        WHEN OLD.confirmed = 1 OR NEW.confirmed = 1
        BEGIN UPDATE learning SET epoch = epoch + 1; END;
    CREATE TRIGGER learning_win_changed AFTER UPDATE OF title, deleted_at ON wins
        BEGIN UPDATE learning SET epoch = epoch + 1; END;
    CREATE TRIGGER learning_win_removed AFTER DELETE ON wins
        BEGIN UPDATE learning SET epoch = epoch + 1; END;
    "#,
    // 4: live feedback by date, newest first: the review and the outline read one
    // cycle's feedback, a tenth of a decade's.
    r#"
    CREATE INDEX feedback_live_date ON feedback(date, id) WHERE deleted_at IS NULL;
    "#,
    // Search by stem: "hiring" finds "Hired". A second index of the same text with
    // the porter tokenizer, beside `wins_fts` (whose whole words keep matching as
    // prefixes while a word is typed: porter's "organ" for "organization" is no
    // prefix of a half-typed "organiz"). Contentless: only the index is stored, the
    // text stays in `wins_fts`, from which it is filled here; the store writes both.
    // IF NOT EXISTS and the fill from `wins_fts` make it independent of its place.
    r#"
    CREATE VIRTUAL TABLE IF NOT EXISTS wins_stem USING fts5(
        title, body, content = '', contentless_delete = 1,
        tokenize = 'porter unicode61 remove_diacritics 2'
    );
    DELETE FROM wins_stem;
    INSERT INTO wins_stem (rowid, title, body) SELECT rowid, title, body FROM wins_fts;
    "#,
    // People are found by the key of their name: Unicode case folding and form, not
    // only ASCII case (see `names::name_key`). SQL cannot compute the key, so
    // `migrate` fills it for existing people after the migrations run. Not unique:
    // an older database may hold two people with the same key, and both are kept.
    // Tags were lower-cased with a combining dot after the i of a capital İ
    // ("İstanbul" became "i̇stanbul"); they lose it, and where a win then has the same
    // tag twice the copy goes.
    r#"
    ALTER TABLE people ADD COLUMN name_key TEXT;
    CREATE INDEX people_live_key ON people(name_key) WHERE deleted_at IS NULL;
    UPDATE OR IGNORE win_tags SET tag = replace(tag, 'i' || char(775), 'i')
        WHERE instr(tag, 'i' || char(775)) > 0;
    DELETE FROM win_tags WHERE instr(tag, 'i' || char(775)) > 0;
    "#,
    // How senior a person is against the target level (below, at, above); NULL means
    // "from their relation".
    r#"
    ALTER TABLE people ADD COLUMN seniority TEXT;
    "#,
    // The level the user set for a win and one of its expectations, overriding the
    // ladder's rules (below, at, above).
    r#"
    CREATE TABLE win_levels (
        win_id      INTEGER NOT NULL REFERENCES wins(id) ON DELETE CASCADE,
        expectation TEXT NOT NULL,
        level       TEXT NOT NULL,
        set_at      TEXT NOT NULL,
        PRIMARY KEY (win_id, expectation)
    ) WITHOUT ROWID;
    "#,
    // Who the user asked for feedback, and the day they asked (the feedback plan's
    // status): one ask per person, asking again moves the day. IF NOT EXISTS makes
    // it independent of its place in this list.
    r#"
    CREATE TABLE IF NOT EXISTS feedback_asks (
        person_id   INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
        asked_on    TEXT NOT NULL
    );
    "#,
    // The user's answers to the rehearsal's questions, by question id
    // ("durability:cross-org-impact:42"): kept whatever else changes.
    r#"
    CREATE TABLE IF NOT EXISTS rehearsal_answers (
        question    TEXT PRIMARY KEY,
        answer      TEXT NOT NULL,
        answered_at TEXT NOT NULL
    ) WITHOUT ROWID;
    "#,
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the schema up to date. A database newer than this build is refused, and
/// a file with data in it is copied aside before its schema changes. An SQLite file
/// with no schema version but tables of its own belongs to another program and is
/// refused: Caliber never adds its tables to someone else's database. `shown` names
/// the file in messages.
pub fn migrate(conn: &mut Connection, path: Option<&Path>, shown: &str) -> Result<()> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(Error::NewerDatabase {
            found,
            known: SCHEMA_VERSION,
        });
    }
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    if conn.is_readonly(rusqlite::MAIN_DB)? {
        // An upgrade is a write; say so before trying to copy the file aside.
        return Err(Error::ReadOnly {
            path: Some(shown.to_string()),
        });
    }
    if found > 0
        && let Some(path) = path
    {
        copy_aside(conn, path, found)?;
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive)?;
    // Re-read under the lock: another process may have migrated meanwhile.
    let found: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found == 0 {
        let tables: i64 = tx.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        if tables > 0 {
            return Err(foreign(shown));
        }
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found.max(0) as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
    }
    fill_name_keys(&tx)?;
    tx.commit()?;
    Ok(())
}

/// The refusal of an SQLite file that belongs to another program.
pub(super) fn foreign(shown: &str) -> Error {
    Error::NotADatabase {
        path: shown.to_string(),
        detail: "it is an SQLite database of another program, left unchanged".into(),
    }
}

/// Writes a consistent copy of the database next to it, named after the version it
/// held, using SQLite's own `VACUUM INTO` so the copy includes the WAL's content.
fn copy_aside(conn: &Connection, path: &Path, version: i64) -> Result<()> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".v{version}-{stamp}.bak"));
    let target = std::path::PathBuf::from(name);
    // Private from its first byte, and named as a path, never read as a URI.
    crate::paths::create_private_file(&target)?;
    conn.execute(
        "VACUUM INTO ?1",
        [super::file::sqlite_name(&target).to_string_lossy().as_ref()],
    )?;
    Ok(())
}

/// How many migrations come before the stemmed search index's (found by its text,
/// so the number follows wherever that migration ends up in the list).
#[cfg(test)]
pub(crate) fn migrations_before_stems() -> usize {
    MIGRATIONS
        .iter()
        .position(|m| m.contains("CREATE VIRTUAL TABLE IF NOT EXISTS wins_stem"))
        .unwrap_or(MIGRATIONS.len())
}

/// A database in memory with the schema a Caliber file of `version` has: what a
/// restore compares a backup with.
pub(super) fn reference(version: i64) -> Result<Connection> {
    let conn = Connection::open_in_memory()?;
    let upto = usize::try_from(version.clamp(0, SCHEMA_VERSION)).unwrap_or(0);
    for (i, sql) in MIGRATIONS.iter().enumerate().take(upto) {
        conn.execute_batch(sql)?;
        conn.pragma_update(None, "user_version", (i + 1) as i64)?;
    }
    Ok(conn)
}

#[cfg(test)]
pub(crate) fn migrations_up_to(conn: &mut Connection, version: usize) -> Result<()> {
    for (i, sql) in MIGRATIONS.iter().enumerate().take(version) {
        conn.execute_batch(sql)?;
        conn.pragma_update(None, "user_version", (i + 1) as i64)?;
    }
    Ok(())
}

/// Gives every person without a name key theirs: the people of a database written
/// before names were compared on keys. Two people whose keys are the same are both
/// kept as they are (nothing is merged behind the user's back); the key's index is
/// not unique for that reason, and the store refuses to make a third.
fn fill_name_keys(tx: &rusqlite::Transaction<'_>) -> Result<()> {
    let missing: Vec<(crate::model::PersonId, String)> = {
        let mut st = tx.prepare("SELECT id, name FROM people WHERE name_key IS NULL")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut st = tx.prepare("UPDATE people SET name_key = ?2 WHERE id = ?1")?;
    for (id, name) in missing {
        st.execute(rusqlite::params![id, crate::names::name_key(&name)])?;
    }
    Ok(())
}
