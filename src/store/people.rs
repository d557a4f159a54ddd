//! People who can vouch for the user's work, and the feedback they gave. A person is
//! found by the key of their name (case and Unicode form aside, see
//! [`crate::names`]), so naming someone on a win is enough to find or add them.

use chrono::{NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::fts::reindex;
use super::journal::{ActionKind as Kind, Entity};
use super::{Store, day, parse_day, parse_ts, ts};
use crate::clean::{self, one_line};
use crate::error::{Error, Result};
use crate::model::{
    Feedback, FeedbackDraft, FeedbackId, Person, PersonDraft, PersonId, PersonLinks,
};
use crate::names::{MatchReason, NameMatch, NameTaken, list_candidates, match_name, name_key};

/// Whether a cleaned person draft says what the person already says: an edit that
/// would change nothing, so nothing is written or recorded.
fn unchanged_person(before: &crate::model::Person, d: &PersonDraft) -> bool {
    before.name == d.name
        && before.relation == d.relation
        && before.org == d.org
        && before.notes == d.notes
        && before.seniority == d.seniority
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
    let key = name_key(name);
    if let Some(id) = find_by_key(tx, &key)? {
        return Ok(id);
    }
    tx.prepare_cached("INSERT INTO people (name, name_key, created_at) VALUES (?1, ?2, ?3)")?
        .execute(params![name, key, ts(Utc::now())])?;
    Ok(tx.last_insert_rowid())
}

/// The live person whose name has the same key as `name` (see [`name_key`]). A
/// database from before keys were compared may hold two such people: the one
/// added first is found.
pub(crate) fn find_by_name(conn: &rusqlite::Connection, name: &str) -> Result<Option<PersonId>> {
    find_by_key(conn, &name_key(name))
}

fn find_by_key(conn: &rusqlite::Connection, key: &str) -> Result<Option<PersonId>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM people WHERE name_key = ?1 AND deleted_at IS NULL ORDER BY id LIMIT 1",
        )?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// Inserts a full person record (imports and restores), matching by name.
pub(crate) fn upsert_person(
    tx: &Transaction<'_>,
    p: &Person,
    keep_id: bool,
) -> Result<(PersonId, bool)> {
    let clean = clean::person(&PersonDraft {
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
        "INSERT INTO people (id, name, relation, org, notes, created_at, name_key, seniority) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            keep_id.then_some(p.id),
            clean.name,
            clean.relation.map(|r| r.as_str()),
            clean.org,
            clean.notes,
            ts(p.created_at),
            name_key(&clean.name),
            clean.seniority.map(|s| s.as_str())
        ],
    )?;
    Ok((tx.last_insert_rowid(), true))
}

impl Store {
    /// Adds a person; a second live person with the same name is refused.
    pub fn add_person(&mut self, draft: &PersonDraft) -> Result<Person> {
        let clean = clean::person(draft)?;
        if let Some(id) = find_by_name(&self.conn, &clean.name)? {
            return Err(Error::invalid(format!(
                "{} is already in your people (id {id}); change them with `caliber people edit {id}`",
                clean.name
            )));
        }
        let id = self.write(|tx| {
            tx.execute(
                "INSERT INTO people (name, relation, org, notes, created_at, name_key, seniority) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![clean.name, clean.relation.map(|r| r.as_str()), clean.org, clean.notes, ts(Utc::now()), name_key(&clean.name), clean.seniority.map(|s| s.as_str())],
            )?;
            let id = tx.last_insert_rowid();
            super::journal::record(tx, Kind::Add, Entity::Person, id, None)?;
            Ok(id)
        })?;
        self.person(id)
    }

    /// Changes a person; undo brings the old record back.
    pub fn update_person(&mut self, id: PersonId, draft: &PersonDraft) -> Result<Person> {
        let before = self.person(id)?;
        let clean = clean::person(draft)?;
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
        .map_err(Error::json)?;
        if unchanged_person(&before, &clean) {
            return Ok(before);
        }
        self.write(|tx| {
            write_person(tx, id, &clean)?;
            super::journal::record(tx, Kind::Edit, Entity::Person, id, Some(&snapshot))?;
            Ok(())
        })?;
        self.person(id)
    }

    /// Soft-deletes a person; their wins stay, `undo` brings them back.
    pub fn delete_person(&mut self, id: PersonId) -> Result<Person> {
        let person = self.person(id)?;
        self.write(|tx| {
            set_person_deleted(tx, id, true)?;
            super::journal::record(tx, Kind::Delete, Entity::Person, id, None)?;
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

    /// Who `typed` means among the live people: a person id, the same name in any
    /// case or form, else one person found by first name, start of name or near
    /// spelling (see [`crate::names::match_name`]), else several or nobody.
    pub fn match_person(&self, typed: &str) -> Result<NameMatch> {
        let typed = one_line(typed);
        if let Ok(id) = typed.parse::<PersonId>()
            && let Ok(p) = self.person(id)
        {
            return Ok(NameMatch::One {
                id: p.id,
                name: p.name,
                reason: MatchReason::Id,
            });
        }
        let mut st = self.conn.prepare_cached(
            "SELECT id, name FROM people WHERE name_key = ?1 AND deleted_at IS NULL ORDER BY id",
        )?;
        let exact: Vec<(PersonId, String)> = st
            .query_map([name_key(&typed)], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        if !exact.is_empty() {
            return Ok(match_name(&typed, &exact));
        }
        let mut st = self
            .conn
            .prepare_cached("SELECT id, name FROM people WHERE deleted_at IS NULL ORDER BY id")?;
        let everyone: Vec<(PersonId, String)> = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(match_name(&typed, &everyone))
    }

    /// The existing person `who` (an id or a name) means, for commands that need
    /// someone already there (show, edit, delete, filters), with a note when the
    /// name was not exactly theirs. Several candidates are refused with their names;
    /// nobody is "not found".
    pub fn find_person(&self, who: &str) -> Result<(Person, Option<NameTaken>)> {
        if let Ok(id) = one_line(who).parse::<PersonId>() {
            return Ok((self.person(id)?, None));
        }
        match self.match_person(who)? {
            NameMatch::One { id, reason, .. } => {
                let p = self.person(id)?;
                let note = taken_note(who, &p, reason);
                Ok((p, note))
            }
            NameMatch::Several { candidates } => Err(Error::invalid(format!(
                "'{}' could be {}; use the exact name or the id",
                one_line(who),
                list_candidates(&candidates)
            ))),
            NameMatch::Nobody => Err(Error::not_found(format!(
                "nobody called '{}' is in your people; `caliber people list` shows them",
                one_line(who)
            ))),
        }
    }

    /// The name to save for a person typed on a win or a piece of feedback, and a
    /// note when it was taken as someone whose name it is not exactly. A name that
    /// fits several people, or nobody, is refused unless `new_person` says it is a
    /// new person (then it is saved as typed and added).
    pub fn resolve_name(
        &self,
        typed: &str,
        new_person: bool,
    ) -> Result<(String, Option<NameTaken>)> {
        let shown = one_line(typed);
        match self.match_person(typed)? {
            NameMatch::One { id, name, reason } => {
                let note = is_guess(reason).then(|| NameTaken {
                    typed: shown,
                    id,
                    name: name.clone(),
                    reason,
                });
                Ok((name, note))
            }
            _ if new_person => Ok((shown, None)),
            NameMatch::Several { candidates } => Err(Error::invalid(format!(
                "'{shown}' could be {}; use the exact name or the id, or add --new-person to add '{shown}' as someone new",
                list_candidates(&candidates)
            ))),
            NameMatch::Nobody => Err(Error::invalid(format!(
                "'{shown}' is not in your people and is close to nobody there; add --new-person to add them, or use the name of someone `caliber people list` shows"
            ))),
        }
    }

    /// [`Store::resolve_name`] for each person of a win, in place; the notes of the
    /// names taken as someone.
    pub fn resolve_people(
        &self,
        people: &mut [crate::model::PersonRef],
        new_person: bool,
    ) -> Result<Vec<NameTaken>> {
        let mut notes = Vec::new();
        for p in people.iter_mut() {
            if one_line(&p.name).is_empty() {
                continue;
            }
            let (name, note) = self.resolve_name(&p.name, new_person)?;
            p.name = name;
            notes.extend(note);
        }
        Ok(notes)
    }

    /// What a person is linked to: what deleting them takes off the reports.
    pub fn person_links(&self, id: PersonId) -> Result<PersonLinks> {
        let (wins, feedback): (i64, i64) = self.conn.query_row(
            "SELECT
               (SELECT count(*) FROM win_people c JOIN wins w ON w.id = c.win_id
                 WHERE c.person_id = ?1 AND w.deleted_at IS NULL),
               (SELECT count(*) FROM feedback WHERE person_id = ?1 AND deleted_at IS NULL)",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(PersonLinks {
            wins: wins as usize,
            feedback: feedback as usize,
        })
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
            let mark = super::journal::people_mark(tx)?;
            let pid = find_or_create(tx, &person)?;
            tx.execute(
                "INSERT INTO feedback (person_id, date, quote, expectation, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![pid, day(date), quote, expectation, ts(Utc::now())],
            )?;
            let id = tx.last_insert_rowid();
            super::journal::record_add(tx, Entity::Feedback, id, mark)?;
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
            super::journal::record(tx, Kind::Delete, Entity::Feedback, id, None)?;
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

    /// Who gave each live feedback, and on which day: what [`Store::list_feedback`]
    /// lists, without the quotes (the feedback plan only asks who answered when).
    pub(crate) fn feedback_days(&self) -> Result<Vec<(PersonId, NaiveDate)>> {
        let mut st = self.conn.prepare(
            "SELECT f.person_id, f.date FROM feedback f JOIN people p ON p.id = f.person_id
             WHERE f.deleted_at IS NULL AND p.deleted_at IS NULL",
        )?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, parse_day(r.get_ref(1)?.as_str()?)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
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
        let quote = clean::quote(&d.quote)?.ok_or_else(|| {
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
            Some(e) => {
                let l = self.current_ladder()?;
                Some(
                    crate::ladder::resolve_expectation(&l.expectation_ids(), e, &l.id)?.to_string(),
                )
            }
            None => None,
        };
        Ok((person, date, quote, expectation))
    }
}

/// True when the person was found by a name that is not exactly theirs (nor
/// their id): what the user is told.
fn is_guess(reason: MatchReason) -> bool {
    !matches!(reason, MatchReason::Exact | MatchReason::Id)
}

/// The note for a person found by a name that is not exactly theirs.
fn taken_note(typed: &str, p: &Person, reason: MatchReason) -> Option<NameTaken> {
    is_guess(reason).then(|| NameTaken {
        typed: one_line(typed),
        id: p.id,
        name: p.name.clone(),
        reason,
    })
}

pub(crate) fn write_person(tx: &Transaction<'_>, id: PersonId, d: &PersonDraft) -> Result<()> {
    tx.execute(
        "UPDATE people SET name = ?2, relation = ?3, org = ?4, notes = ?5, name_key = ?6, seniority = ?7 WHERE id = ?1",
        params![id, d.name, d.relation.map(|r| r.as_str()), d.org, d.notes, name_key(&d.name), d.seniority.map(|s| s.as_str())],
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
