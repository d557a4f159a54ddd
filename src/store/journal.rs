//! The undo journal as it is written: the `actions` table, what each row says
//! (its kind, what it changed, the payload to write back) and the functions every
//! change calls in its own transaction to record itself. Replaying the journal
//! (undo, redo, the history in words) is [`super::undo`]'s job; the modules that
//! change wins and people only write here, so the imports run one way.

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use rusqlite::{Connection, Transaction, params};
use serde::{Deserialize, Serialize};
use std::fmt;

use super::{Store, parse_ts, ts};
use crate::error::{Error, Result};
use crate::model::{Level, PersonId, WinDraft, WinId, kebab_enum};

/// What kind of step an action is; stored by its name in the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
pub enum ActionKind {
    /// Something was added (a win logged, a person or feedback added).
    Add,
    /// Something was changed.
    Edit,
    /// Something was deleted (softly: undo brings it back).
    Delete,
    /// A file was imported.
    Import,
    /// The file was replaced (restore, encryption): undo stops here.
    Barrier,
}

/// What an action changed; stored by its name in the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
pub enum Entity {
    /// One win.
    Win,
    /// Several wins at once (bulk triage); one step to undo.
    Wins,
    /// A person.
    Person,
    /// A piece of feedback.
    Feedback,
    /// The records of an import.
    Import,
    /// The whole ledger, replaced by a restore.
    Restore,
    /// The whole file, rewritten by a change of encryption.
    Encryption,
    /// The level of one or several wins for an expectation, set by hand.
    Level,
    /// The day a person was asked for feedback.
    Ask,
    /// The answer to one question of the rehearsal.
    Answer,
}

/// What the journal says of a name it holds that this Caliber does not know.
fn newer(what: &str, name: &str) -> Error {
    Error::invalid(format!(
        "the undo journal holds an action this Caliber does not know ({what} '{name}'), written by a newer Caliber; update Caliber to undo it. Nothing was changed"
    ))
}

kebab_enum!(ActionKind, [Add => "add", Edit => "edit", Delete => "delete", Import => "import", Barrier => "barrier"], |s| newer("kind", s));
kebab_enum!(Entity, [
    Win => "win",
    Wins => "wins",
    Person => "person",
    Feedback => "feedback",
    Import => "import",
    Restore => "restore",
    Encryption => "encryption",
    Level => "level",
    Ask => "ask",
    Answer => "answer",
], |s| newer("entity", s));

/// The ids an import added, so undoing it removes exactly those.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct ImportedIds {
    pub wins: Vec<i64>,
    pub people: Vec<i64>,
    pub feedback: Vec<i64>,
    /// The people the undo removed (those nothing else used), for a redo.
    #[serde(default)]
    pub removed_people: Vec<i64>,
    /// The rehearsal answers it added (question id and text), so undo removes them
    /// and redo writes them again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<(String, String)>,
}

/// The people an added record brought with it (a win naming someone new), and
/// those its undo removed.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Added {
    pub created_people: Vec<PersonId>,
    pub removed_people: Vec<PersonId>,
}

/// A win's content to write back, and the people the edit brought.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct WinEdit {
    #[serde(flatten)]
    pub draft: WinDraft,
    #[serde(default)]
    pub created_people: Vec<PersonId>,
    #[serde(default)]
    pub removed_people: Vec<PersonId>,
}

/// Several wins' contents to write back: one bulk step.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct WinsEdit {
    pub wins: Vec<OneWin>,
    pub created_people: Vec<PersonId>,
    pub removed_people: Vec<PersonId>,
    /// Levels set by the same edit, each with the level to write back.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<OneLevel>,
}

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct OneWin {
    pub id: WinId,
    pub draft: WinDraft,
}

/// The newest person's id: people numbered after it were created by what follows.
pub(crate) fn people_mark(tx: &Transaction<'_>) -> Result<PersonId> {
    Ok(tx.query_row("SELECT coalesce(max(id), 0) FROM people", [], |r| r.get(0))?)
}

fn people_since(tx: &Transaction<'_>, mark: PersonId) -> Result<Vec<PersonId>> {
    let mut st = tx.prepare_cached("SELECT id FROM people WHERE id > ?1 ORDER BY id")?;
    let ids = st.query_map([mark], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn json<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| Error::internal(format!("could not record for undo: {e}")))
}

/// Writes an action to the journal, and empties the redo stack: after a new
/// action, what was undone before it cannot be made again.
pub(crate) fn record(
    tx: &Transaction<'_>,
    kind: ActionKind,
    entity: Entity,
    id: i64,
    before: Option<&str>,
) -> Result<()> {
    tx.prepare_cached(
        "DELETE FROM actions WHERE id > (SELECT coalesce(max(id), 0) FROM actions WHERE undone_at IS NULL)",
    )?
    .execute([])?;
    tx.prepare_cached(
        "INSERT INTO actions (at, kind, entity, entity_id, before) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        ts(Utc::now()),
        kind.as_str(),
        entity.as_str(),
        id,
        before
    ])?;
    Ok(())
}

/// Records the adding of a win, person or feedback, with the people created since
/// `mark` (see [`people_mark`]), so its undo takes those back too.
pub(crate) fn record_add(
    tx: &Transaction<'_>,
    entity: Entity,
    id: i64,
    mark: PersonId,
) -> Result<()> {
    let created = people_since(tx, mark)?;
    let before = if created.is_empty() {
        None
    } else {
        Some(json(&Added {
            created_people: created,
            removed_people: Vec::new(),
        })?)
    };
    record(tx, ActionKind::Add, entity, id, before.as_deref())
}

/// Records the edit of one or several wins: `before` holds each win's content as it
/// was; people created since `mark` go with the step.
pub(crate) fn record_win_edits(
    tx: &Transaction<'_>,
    before: Vec<(WinId, WinDraft)>,
    mark: PersonId,
) -> Result<()> {
    let created_people = people_since(tx, mark)?;
    match before.as_slice() {
        [] => Ok(()),
        [(id, draft)] => {
            let payload = WinEdit {
                draft: draft.clone(),
                created_people,
                removed_people: Vec::new(),
            };
            record(
                tx,
                ActionKind::Edit,
                Entity::Win,
                *id,
                Some(&json(&payload)?),
            )
        }
        many => {
            let payload = WinsEdit {
                wins: many
                    .iter()
                    .map(|(id, draft)| OneWin {
                        id: *id,
                        draft: draft.clone(),
                    })
                    .collect(),
                created_people,
                removed_people: Vec::new(),
                levels: Vec::new(),
            };
            record(
                tx,
                ActionKind::Edit,
                Entity::Wins,
                many[0].0,
                Some(&json(&payload)?),
            )
        }
    }
}

/// Records an edit of wins and the levels it set as one step: `before` holds each
/// win's content as it was, `levels` each win, expectation and the level it had.
/// Only content, or only levels, is recorded as such an edit alone.
pub(crate) fn record_win_and_level_edits(
    tx: &Transaction<'_>,
    before: Vec<(WinId, WinDraft)>,
    levels: Vec<(WinId, String, Option<Level>)>,
    mark: PersonId,
) -> Result<()> {
    if levels.is_empty() {
        return record_win_edits(tx, before, mark);
    }
    let Some(first) = before.first().map(|b| b.0) else {
        return record_levels(tx, levels);
    };
    let payload = WinsEdit {
        wins: before
            .into_iter()
            .map(|(id, draft)| OneWin { id, draft })
            .collect(),
        created_people: people_since(tx, mark)?,
        removed_people: Vec::new(),
        levels: levels
            .into_iter()
            .map(|(win, expectation, level)| OneLevel {
                win,
                expectation,
                level,
            })
            .collect(),
    };
    record(
        tx,
        ActionKind::Edit,
        Entity::Wins,
        first,
        Some(&json(&payload)?),
    )
}

/// Writes a barrier at the top of the journal: nothing below it can be undone from
/// now on. A restore and a change of encryption replace the file; the history the
/// new file carries belongs to what it was before.
pub(crate) fn barrier(store: &mut Store, why: Entity) -> Result<()> {
    store.write(|tx| record(tx, ActionKind::Barrier, why, 0, None))
}

/// One row of the journal.
#[derive(Clone)]
pub(crate) struct Action {
    pub row: i64,
    pub at: DateTime<Utc>,
    pub kind: ActionKind,
    pub entity: Entity,
    pub id: i64,
    pub before: Option<String>,
}

pub(crate) fn read_action(
    r: &rusqlite::Row<'_>,
) -> rusqlite::Result<(i64, String, String, String, i64, Option<String>)> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    ))
}

pub(crate) fn parse_action(
    raw: (i64, String, String, String, i64, Option<String>),
) -> Result<Action> {
    let (row, at, kind, entity, id, before) = raw;
    Ok(Action {
        row,
        at: parse_ts(&at)?,
        kind: kind.parse()?,
        entity: entity.parse()?,
        id,
        before,
    })
}

pub(crate) const ACTION_COLS: &str = "id, at, kind, entity, entity_id, before";

/// The top of the undo stack, when there is one.
pub(crate) fn next_undo(conn: &Connection) -> Result<Option<Action>> {
    conn.prepare_cached(&format!(
        "SELECT {ACTION_COLS} FROM actions WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1"
    ))?
    .query_row([], read_action)
    .optional()?
    .map(parse_action)
    .transpose()
}

/// The top of the redo stack: the oldest undone action above every one not undone.
pub(crate) fn next_redo(conn: &Connection) -> Result<Option<Action>> {
    conn.prepare_cached(&format!(
        "SELECT {ACTION_COLS} FROM actions WHERE undone_at IS NOT NULL
         AND id > (SELECT coalesce(max(id), 0) FROM actions WHERE undone_at IS NULL)
         ORDER BY id LIMIT 1"
    ))?
    .query_row([], read_action)
    .optional()?
    .map(parse_action)
    .transpose()
}

fn corrupt(what: &str, e: impl fmt::Display) -> Error {
    Error::invalid(format!(
        "the undo record for this {what} cannot be read ({e}); nothing was changed"
    ))
}

pub(crate) fn payload<T: for<'de> Deserialize<'de> + Default>(a: &Action, what: &str) -> Result<T> {
    match a.before.as_deref() {
        None => Ok(T::default()),
        Some(s) => serde_json::from_str(s).map_err(|e| corrupt(what, e)),
    }
}

pub(crate) fn required<T: for<'de> Deserialize<'de>>(a: &Action, what: &str) -> Result<T> {
    serde_json::from_str(a.before.as_deref().unwrap_or_default()).map_err(|e| corrupt(what, e))
}

/// Levels set by hand, each with the level to write back (`None`: the rules judge).
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct LevelsEdit {
    pub levels: Vec<OneLevel>,
}

/// One win's level for one expectation, in a [`LevelsEdit`].
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct OneLevel {
    pub win: WinId,
    pub expectation: String,
    pub level: Option<Level>,
}

/// Records levels set by hand as one step: `before` holds each win, expectation and
/// the level it had (`None` when the rules judged it). Nothing changed, nothing
/// recorded.
pub(crate) fn record_levels(
    tx: &Transaction<'_>,
    before: Vec<(WinId, String, Option<Level>)>,
) -> Result<()> {
    let Some(first) = before.first().map(|b| b.0) else {
        return Ok(());
    };
    let payload = LevelsEdit {
        levels: before
            .into_iter()
            .map(|(win, expectation, level)| OneLevel {
                win,
                expectation,
                level,
            })
            .collect(),
    };
    record(
        tx,
        ActionKind::Edit,
        Entity::Level,
        first,
        Some(&json(&payload)?),
    )
}

/// The day a person was asked for feedback before an ask (`None`: not asked), to
/// write back on undo; the entity id is the person's.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct AskEdit {
    pub asked_on: Option<chrono::NaiveDate>,
}

/// The answer to one question, as the step writes it back (`None`: no answer).
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct AnswerEdit {
    pub question: String,
    pub answer: Option<String>,
}

/// Records an answer given or changed: `before` is the answer it replaced.
pub(crate) fn record_answer(
    tx: &Transaction<'_>,
    question: &str,
    before: Option<String>,
) -> Result<()> {
    let payload = AnswerEdit {
        question: question.to_string(),
        answer: before,
    };
    record(
        tx,
        ActionKind::Edit,
        Entity::Answer,
        0,
        Some(&json(&payload)?),
    )
}
