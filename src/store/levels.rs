//! The levels the user set by hand: per win and expectation, the level a panel
//! would see in it when the rules read it wrong. The review reads them with the
//! wins' words, so that similar wins learn from them (see `level::Judge`).

use chrono::Utc;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{Store, ts};
use crate::error::{Error, Result};
use crate::level::LevelOverride;
use crate::model::{Level, WinId};

/// The refusal of a level for an expectation the win is not tagged with.
pub(crate) fn not_tagged(id: WinId, expectation: &str, has: &[&str]) -> Error {
    Error::invalid(format!(
        "win {id} is not tagged with '{expectation}' (it has: {}); tag it first with `caliber edit {id} --expect {expectation}`",
        if has.is_empty() {
            "none".to_string()
        } else {
            has.join(", ")
        }
    ))
}

impl Store {
    /// Sets (or with `None` clears) the level of win `id` for `expectation`, which
    /// must be one of the win's tags. One undo step; a level already so is no change
    /// and records nothing.
    pub fn set_level(&mut self, id: WinId, expectation: &str, level: Option<Level>) -> Result<()> {
        self.set_levels(&[(id, expectation.to_string())], level)
    }

    /// Sets (or with `None` clears) the level of each win for its expectation, all or
    /// nothing, as one undo step. Each expectation must be one of its win's tags.
    pub fn set_levels(&mut self, targets: &[(WinId, String)], level: Option<Level>) -> Result<()> {
        let mut checked: Vec<(WinId, String)> = Vec::new();
        for (id, expectation) in targets {
            let win = self.win(*id)?;
            let expectation = expectation.trim();
            if !win.expectations.iter().any(|t| t.id == expectation) {
                return Err(not_tagged(*id, expectation, &win.expectation_ids()));
            }
            checked.push((*id, expectation.to_string()));
        }
        self.write(|tx| {
            let mut before = Vec::new();
            for (id, expectation) in &checked {
                let was = level_now(tx, *id, expectation)?;
                if was != level {
                    write_level(tx, *id, expectation, level)?;
                    before.push((*id, expectation.clone(), was));
                }
            }
            super::journal::record_levels(tx, before)
        })
    }

    /// Every level the user set on a live win for one of its tags, with the win's
    /// words (title, result, metric).
    pub fn level_overrides(&self) -> Result<Vec<LevelOverride>> {
        let mut st = self.conn.prepare(
            "SELECT l.win_id, l.expectation, l.level,
                    w.title || ' ' || coalesce(w.result, '') || ' ' || coalesce(w.metric, '')
             FROM win_levels l
             JOIN wins w ON w.id = l.win_id AND w.deleted_at IS NULL
             JOIN win_expectations e ON e.win_id = l.win_id AND e.expectation = l.expectation
             ORDER BY l.win_id, l.expectation",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, WinId>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (win_id, expectation, level, text) = row?;
            // A level this build does not know is left out, not an error.
            if let Ok(level) = level.parse() {
                out.push(LevelOverride {
                    win_id,
                    expectation,
                    level,
                    text,
                });
            }
        }
        Ok(out)
    }
}

/// The level the user set for win `id` and `expectation`, if any.
pub(crate) fn level_now(conn: &Connection, id: WinId, expectation: &str) -> Result<Option<Level>> {
    let level: Option<String> = conn
        .prepare_cached("SELECT level FROM win_levels WHERE win_id = ?1 AND expectation = ?2")?
        .query_row(params![id, expectation], |r| r.get(0))
        .optional()?;
    // A level this build does not know reads as none, as in `level_overrides`.
    Ok(level.and_then(|l| l.parse().ok()))
}

/// Writes (or with `None` clears) the level of win `id` for `expectation`.
pub(crate) fn write_level(
    tx: &Transaction<'_>,
    id: WinId,
    expectation: &str,
    level: Option<Level>,
) -> Result<()> {
    match level {
        Some(l) => tx.execute(
            "INSERT INTO win_levels (win_id, expectation, level, set_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (win_id, expectation) DO UPDATE SET level = excluded.level, set_at = excluded.set_at",
            params![id, expectation, l.as_str(), ts(Utc::now())],
        )?,
        None => tx.execute(
            "DELETE FROM win_levels WHERE win_id = ?1 AND expectation = ?2",
            params![id, expectation],
        )?,
    };
    Ok(())
}
