//! Who the user asked for feedback, and when: the feedback plan's status. One ask
//! per person; asking again moves the day, and an ask can be taken back. Each is one
//! undo step.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::journal::{ActionKind, AskEdit, Entity, json, record};
use super::{Store, day, parse_day};
use crate::error::Result;
use crate::model::{FeedbackAsk, PersonId};

impl Store {
    /// Marks the live person `id` as asked for feedback on `on`. One undo step;
    /// asking again on the same day is no change and records nothing.
    pub fn ask_feedback(&mut self, id: PersonId, on: chrono::NaiveDate) -> Result<FeedbackAsk> {
        let person = self.person(id)?;
        self.set_ask(id, Some(on))?;
        Ok(FeedbackAsk {
            person_id: id,
            person_name: person.name,
            asked_on: on,
        })
    }

    /// Takes back that the live person `id` was asked (an ask marked by mistake):
    /// they are planned again. One undo step, which puts the day back; someone
    /// never asked is no change and records nothing.
    pub fn unask_feedback(&mut self, id: PersonId) -> Result<()> {
        self.person(id)?;
        self.set_ask(id, None)
    }

    /// Writes the day `id` was asked (`None`: not asked), recording the day before
    /// as one undo step when it changes.
    fn set_ask(&mut self, id: PersonId, on: Option<chrono::NaiveDate>) -> Result<()> {
        self.write(|tx| {
            let was = ask_now(tx, id)?;
            if was != on {
                write_ask(tx, id, on)?;
                record(
                    tx,
                    ActionKind::Edit,
                    Entity::Ask,
                    id,
                    Some(&json(&AskEdit { asked_on: was })?),
                )?;
            }
            Ok(())
        })
    }

    /// Every ask of a live person, by name.
    pub fn feedback_asks(&self) -> Result<Vec<FeedbackAsk>> {
        let mut st = self.conn.prepare_cached(
            "SELECT a.person_id, p.name, a.asked_on FROM feedback_asks a
             JOIN people p ON p.id = a.person_id AND p.deleted_at IS NULL
             ORDER BY p.name COLLATE NOCASE",
        )?;
        let rows = st.query_map([], |r| {
            Ok(FeedbackAsk {
                person_id: r.get(0)?,
                person_name: r.get(1)?,
                asked_on: parse_day(&r.get::<_, String>(2)?)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The day person `id` was asked, if they were.
pub(crate) fn ask_now(conn: &Connection, id: PersonId) -> Result<Option<chrono::NaiveDate>> {
    let on: Option<String> = conn
        .prepare_cached("SELECT asked_on FROM feedback_asks WHERE person_id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    Ok(on.map(|d| parse_day(&d)).transpose()?)
}

/// Writes (or with `None` clears) the day person `id` was asked.
pub(crate) fn write_ask(
    tx: &Transaction<'_>,
    id: PersonId,
    on: Option<chrono::NaiveDate>,
) -> Result<()> {
    match on {
        Some(d) => tx.execute(
            "INSERT INTO feedback_asks (person_id, asked_on) VALUES (?1, ?2)
             ON CONFLICT (person_id) DO UPDATE SET asked_on = excluded.asked_on",
            params![id, day(d)],
        )?,
        None => tx.execute("DELETE FROM feedback_asks WHERE person_id = ?1", [id])?,
    };
    Ok(())
}
