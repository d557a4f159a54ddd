//! The full-text index of wins (`wins_fts`, and `wins_stem` with the same text
//! stemmed) kept in step with the tables it is built from. Everything that changes
//! a win's text, or the name of a person a win names, rewrites that win's row here;
//! searching it is [`super::search`]'s job.

use rusqlite::Transaction;

use crate::error::Result;
use crate::model::WinId;

/// Rewrites the full-text row of one win from its tables; a deleted win has none.
pub(crate) fn reindex(tx: &Transaction<'_>, id: WinId) -> Result<()> {
    tx.prepare_cached("DELETE FROM wins_fts WHERE rowid = ?1")?
        .execute([id])?;
    tx.prepare_cached("DELETE FROM wins_stem WHERE rowid = ?1")?
        .execute([id])?;
    tx.prepare_cached(
        "INSERT INTO wins_fts (rowid, title, body)
         SELECT w.id, w.title, concat_ws(' ', w.situation, w.action, w.result, w.notes, w.metric,
             (SELECT group_concat(tag, ' ') FROM win_tags WHERE win_id = w.id),
             (SELECT group_concat(p.name, ' ') FROM win_people wp JOIN people p ON p.id = wp.person_id
               WHERE wp.win_id = w.id AND p.deleted_at IS NULL))
         FROM wins w WHERE w.id = ?1 AND w.deleted_at IS NULL",
    )?
    .execute([id])?;
    // The stemmed index holds the same text (see the migration that made it).
    tx.prepare_cached(
        "INSERT INTO wins_stem (rowid, title, body) SELECT rowid, title, body FROM wins_fts WHERE rowid = ?1",
    )?
    .execute([id])?;
    Ok(())
}
