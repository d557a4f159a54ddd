//! The answers the user wrote to the rehearsal's questions (see `rehearse`), one
//! row per question id. Each answer, new or edited, is one undo step.

use chrono::Utc;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{Store, ts};
use crate::error::Result;
use crate::rehearse::answer::Answer;

impl Store {
    /// Every answer, by question id.
    pub fn answers(&self) -> Result<Vec<Answer>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT question, answer FROM rehearsal_answers ORDER BY question")?;
        let rows = st.query_map([], |r| {
            Ok(Answer {
                question: r.get(0)?,
                answer: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Keeps `text` as the answer to question `id`, replacing the one before; one
    /// undo step. The same answer again is no change and records nothing. The
    /// caller checks the question exists (`rehearse::answer`).
    pub fn set_answer(&mut self, id: &str, text: &str) -> Result<()> {
        self.write(|tx| {
            let was = answer_now(tx, id)?;
            if was.as_deref() == Some(text) {
                return Ok(());
            }
            write_answer(tx, id, Some(text))?;
            super::journal::record_answer(tx, id, was)
        })
    }
}

/// The answer to question `id`, if any.
pub(crate) fn answer_now(conn: &Connection, id: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT answer FROM rehearsal_answers WHERE question = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// Writes (or with `None` removes) the answer to question `id`.
pub(crate) fn write_answer(tx: &Transaction<'_>, id: &str, text: Option<&str>) -> Result<()> {
    match text {
        Some(t) => tx
            .prepare_cached(
                "INSERT INTO rehearsal_answers (question, answer, answered_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (question) DO UPDATE SET answer = excluded.answer, answered_at = excluded.answered_at",
            )?
            .execute(params![id, t, ts(Utc::now())])?,
        None => tx
            .prepare_cached("DELETE FROM rehearsal_answers WHERE question = ?1")?
            .execute([id])?,
    };
    Ok(())
}
