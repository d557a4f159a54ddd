//! People who can vouch for the user's work, and the feedback they gave. A person is
//! found by name (without regard to case), so naming someone on a win is enough to
//! add them.

use chrono::{NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::wins::{clean_text, one_line, reindex};
use super::{Store, day, parse_day, parse_ts, ts};
use crate::error::{Error, Result};
use crate::model::{Feedback, FeedbackDraft, FeedbackId, Person, PersonDraft, PersonId};

const MAX_NAME_CHARS: usize = 200;
const MAX_QUOTE_CHARS: usize = 20_000;

fn clean_person(d: &PersonDraft) -> Result<PersonDraft> {
    let name = one_line(&d.name);
    if name.is_empty() {
        return Err(Error::invalid("a person needs a name, e.g. \"Priya Shah\""));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(Error::invalid(format!(
            "the name is too long (at most {MAX_NAME_CHARS} characters)"
        )));
    }
    Ok(PersonDraft {
        name,
        relation: d.relation,
        org: clean_text(d.org.clone().map(|o| one_line(&o)), "org", MAX_NAME_CHARS)?,
        notes: clean_text(d.notes.clone(), "notes", MAX_QUOTE_CHARS)?,
        seniority: d.seniority,
    })
}

fn person_row(r: &Row<'_>) -> rusqlite::Result<Person> {
    let relation: Option<String> = r.get(2)?;
    Ok(Person {
        id: r.get(0)?,
        name: r.get(1)?,
        relation: relation.and_then(|s| s.parse().ok()),
        org: r.get(3)?,
        notes: r.get(4)?,
        created_at: parse_ts(&r.get::<_, String>(5)?)?,
        seniority: r.get::<_, Option<String>>(6)?.and_then(|s| s.parse().ok()),
    })
}

const PERSON_COLS: &str = "id, name, relation, org, notes, created_at, seniority";

/// The id of the live person with this name, creating them when new.
pub(crate) fn find_or_create(tx: &Transaction<'_>, name: &str) -> Result<PersonId> {
    if let Some(id) = find_by_name(tx, name)? {
        return Ok(id);
    }
    tx.prepare_cached("INSERT INTO people (name, created_at) VALUES (?1, ?2)")?
        .execute(params![name, ts(Utc::now())])?;
    Ok(tx.last_insert_rowid())
}

pub(crate) fn find_by_name(conn: &rusqlite::Connection, name: &str) -> Result<Option<PersonId>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM people WHERE name = ?1 COLLATE NOCASE AND deleted_at IS NULL",
        )?
        .query_row([name], |r| r.get(0))
        .optional()?)
}

/// Inserts a full person record (imports and restores), matching by name.
pub(crate) fn upsert_person(
    tx: &Transaction<'_>,
    p: &Person,
    keep_id: bool,
) -> Result<(PersonId, bool)> {
    let clean = clean_person(&PersonDraft {
        name: p.name.clone(),
        relation: p.relation,
        org: p.org.clone(),
        notes: p.notes.clone(),
        seniority: p.seniority,
    })?;
    if let Some(id) = find_by_name(tx, &clean.name)? {
        // Fill in what the ledger does not know yet; never overwrite the user's data.
        tx.execute(
            "UPDATE people SET relation = coalesce(relation, ?2), org = coalesce(org, ?3), notes = coalesce(notes, ?4), seniority = coalesce(seniority, ?5) WHERE id = ?1",
            params![id, clean.relation.map(|r| r.as_str()), clean.org, clean.notes, clean.seniority.map(|s| s.as_str())],
        )?;
        return Ok((id, false));
    }
    tx.execute(
        "INSERT INTO people (id, name, relation, org, notes, created_at, seniority) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            keep_id.then_some(p.id),
            clean.name,
            clean.relation.map(|r| r.as_str()),
            clean.org,
            clean.notes,
            ts(p.created_at),
            clean.seniority.map(|s| s.as_str())
        ],
    )?;
    Ok((tx.last_insert_rowid(), true))
}

impl Store {
    /// Adds a person; a second live person with the same name is refused.
    pub fn add_person(&mut self, draft: &PersonDraft) -> Result<Person> {
        let clean = clean_person(draft)?;
        if let Some(id) = find_by_name(&self.conn, &clean.name)? {
            return Err(Error::invalid(format!(
                "{} is already in your people (id {id}); change them with `caliber people edit {id}`",
                clean.name
            )));
        }
        let id = self.write(|tx| {
            tx.execute(
                "INSERT INTO people (name, relation, org, notes, created_at, seniority) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![clean.name, clean.relation.map(|r| r.as_str()), clean.org, clean.notes, ts(Utc::now()), clean.seniority.map(|s| s.as_str())],
            )?;
            let id = tx.last_insert_rowid();
            super::undo::record(tx, "add", "person", id, None)?;
            Ok(id)
        })?;
        self.person(id)
    }

    /// Changes a person; undo brings the old record back.
    pub fn update_person(&mut self, id: PersonId, draft: &PersonDraft) -> Result<Person> {
        let before = self.person(id)?;
        let clean = clean_person(draft)?;
        if let Some(other) = find_by_name(&self.conn, &clean.name)?
            && other != id
        {
            return Err(Error::invalid(format!(
                "another person is already called {} (id {other}); pick a different name",
                clean.name
            )));
        }
        let snapshot = serde_json::to_string(&PersonDraft {
            name: before.name.clone(),
            relation: before.relation,
            org: before.org.clone(),
            notes: before.notes.clone(),
            seniority: before.seniority,
        })
        .map_err(|e| Error::invalid(e.to_string()))?;
        self.write(|tx| {
            write_person(tx, id, &clean)?;
            super::undo::record(tx, "edit", "person", id, Some(&snapshot))?;
            Ok(())
        })?;
        self.person(id)
    }

    /// Soft-deletes a person; their wins stay, `undo` brings them back.
    pub fn delete_person(&mut self, id: PersonId) -> Result<Person> {
        let person = self.person(id)?;
        self.write(|tx| {
            set_person_deleted(tx, id, true)?;
            super::undo::record(tx, "delete", "person", id, None)?;
            Ok(())
        })?;
        Ok(person)
    }

    /// The person with this id.
    pub fn person(&self, id: PersonId) -> Result<Person> {
        self.conn
            .query_row(
                &format!("SELECT {PERSON_COLS} FROM people WHERE id = ?1 AND deleted_at IS NULL"),
                [id],
                person_row,
            )
            .optional()?
            .ok_or_else(|| {
                Error::not_found(format!(
                    "there is no person {id}; `caliber people list` shows the ids"
                ))
            })
    }

    /// The live person with this name (any case), if any.
    pub fn person_by_name(&self, name: &str) -> Result<Option<Person>> {
        match find_by_name(&self.conn, &one_line(name))? {
            Some(id) => Ok(Some(self.person(id)?)),
            None => Ok(None),
        }
    }

    /// Everyone, by name.
    pub fn list_people(&self) -> Result<Vec<Person>> {
        let mut st = self.conn.prepare(&format!(
            "SELECT {PERSON_COLS} FROM people WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE"
        ))?;
        let rows = st.query_map([], person_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records a piece of feedback; the person is added if new.
    pub fn add_feedback(&mut self, draft: &FeedbackDraft) -> Result<Feedback> {
        let (person, date, quote, expectation) = self.clean_feedback(draft)?;
        let id = self.write(|tx| {
            let pid = find_or_create(tx, &person)?;
            tx.execute(
                "INSERT INTO feedback (person_id, date, quote, expectation, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![pid, day(date), quote, expectation, ts(Utc::now())],
            )?;
            let id = tx.last_insert_rowid();
            super::undo::record(tx, "add", "feedback", id, None)?;
            Ok(id)
        })?;
        self.feedback(id)
    }

    /// Soft-deletes a piece of feedback; `undo` restores it.
    pub fn delete_feedback(&mut self, id: FeedbackId) -> Result<Feedback> {
        let f = self.feedback(id)?;
        self.write(|tx| {
            tx.execute(
                "UPDATE feedback SET deleted_at = ?2 WHERE id = ?1",
                params![id, ts(Utc::now())],
            )?;
            super::undo::record(tx, "delete", "feedback", id, None)?;
            Ok(())
        })?;
        Ok(f)
    }

    /// One piece of feedback.
    pub fn feedback(&self, id: FeedbackId) -> Result<Feedback> {
        let mut all = self.query_feedback("f.id = ?1", [id])?;
        all.pop().ok_or_else(|| {
            Error::not_found(format!(
                "there is no feedback {id}; `caliber feedback list` shows the ids"
            ))
        })
    }

    /// Feedback, newest first; only one person's when `person` is given.
    pub fn list_feedback(&self, person: Option<PersonId>) -> Result<Vec<Feedback>> {
        match person {
            Some(p) => self.query_feedback("f.person_id = ?1", [p]),
            None => self.query_feedback("1", []),
        }
    }

    /// Feedback given between two days, both included, newest first.
    pub fn feedback_between(&self, since: NaiveDate, until: NaiveDate) -> Result<Vec<Feedback>> {
        self.query_feedback("f.date BETWEEN ?1 AND ?2", (day(since), day(until)))
    }

    fn query_feedback(&self, clause: &str, args: impl rusqlite::Params) -> Result<Vec<Feedback>> {
        let mut st = self.conn.prepare(&format!(
            "SELECT f.id, f.person_id, p.name, f.date, f.quote, f.expectation, f.created_at
             FROM feedback f JOIN people p ON p.id = f.person_id
             WHERE f.deleted_at IS NULL AND p.deleted_at IS NULL AND {clause}
             ORDER BY f.date DESC, f.id DESC"
        ))?;
        let rows = st.query_map(args, |r| {
            Ok(Feedback {
                id: r.get(0)?,
                person_id: r.get(1)?,
                person_name: r.get(2)?,
                date: parse_day(&r.get::<_, String>(3)?)?,
                quote: r.get(4)?,
                expectation: r.get(5)?,
                created_at: parse_ts(&r.get::<_, String>(6)?)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Checks a feedback draft: a quote, a person, a sane date, a known expectation.
    pub(crate) fn clean_feedback(
        &self,
        d: &FeedbackDraft,
    ) -> Result<(String, chrono::NaiveDate, String, Option<String>)> {
        let person = one_line(&d.person);
        if person.is_empty() {
            return Err(Error::invalid(
                "feedback needs the name of the person who gave it",
            ));
        }
        let quote =
            clean_text(Some(d.quote.clone()), "quote", MAX_QUOTE_CHARS)?.ok_or_else(|| {
                Error::invalid("feedback needs the words they said (the quote is empty)")
            })?;
        let date = d.date.unwrap_or_else(crate::dates::today);
        crate::dates::check_year(date, &day(date))?;
        let expectation = match d
            .expectation
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(e) => Some(self.current_ladder()?.require_expectation(e)?.id.clone()),
            None => None,
        };
        Ok((person, date, quote, expectation))
    }
}

pub(crate) fn write_person(tx: &Transaction<'_>, id: PersonId, d: &PersonDraft) -> Result<()> {
    tx.execute(
        "UPDATE people SET name = ?2, relation = ?3, org = ?4, notes = ?5, seniority = ?6 WHERE id = ?1",
        params![id, d.name, d.relation.map(|r| r.as_str()), d.org, d.notes, d.seniority.map(|s| s.as_str())],
    )?;
    reindex_person_wins(tx, id)
}

pub(crate) fn set_person_deleted(tx: &Transaction<'_>, id: PersonId, deleted: bool) -> Result<()> {
    if !deleted
        && let Some(name) = tx
            .query_row("SELECT name FROM people WHERE id = ?1", [id], |r| {
                r.get::<_, String>(0)
            })
            .optional()?
        && let Some(other) = find_by_name(tx, &name)?
        && other != id
    {
        return Err(Error::invalid(format!(
            "cannot bring back {name}: someone else is now called that (id {other}); rename them first"
        )));
    }
    let when = deleted.then(|| ts(Utc::now()));
    tx.execute(
        "UPDATE people SET deleted_at = ?2 WHERE id = ?1",
        params![id, when],
    )?;
    reindex_person_wins(tx, id)
}

/// A person's name is part of the search text of their wins.
fn reindex_person_wins(tx: &Transaction<'_>, id: PersonId) -> Result<()> {
    let ids: Vec<i64> = {
        let mut st = tx.prepare("SELECT win_id FROM win_people WHERE person_id = ?1")?;
        let rows = st.query_map([id], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for w in ids {
        reindex(tx, w)?;
    }
    Ok(())
}
