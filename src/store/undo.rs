//! The undo journal. Every change a person makes is written here in the same
//! transaction as the change itself, so `undo` can always step back exactly one
//! action, whether the CLI or the app made it, and `redo` can step forward again.
//!
//! The journal is the `actions` table, read as two stacks: the rows not undone are
//! the undo stack (newest on top), the undone rows above the newest of those are
//! the redo stack (the oldest on top). A new action empties the redo stack, as in
//! any editor. A barrier (a restore, a change of encryption) is an action nothing
//! can be undone across: the history below it belongs to another file.
//!
//! Every action says what it takes back in words, with the win's title or the
//! person's name, so a person can look first (`undo --list`) and knows exactly what
//! each step did.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

mod words;

use words::{Say, barrier_sentence, capital, describe};

use super::{Store, parse_ts, ts};
use crate::error::{Error, Result};
use crate::model::{Level, PersonDraft, PersonId, WinDraft, WinId};

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
}

macro_rules! named {
    ($ty:ty, $what:literal, [$($v:ident => $name:literal),+ $(,)?]) => {
        impl $ty {
            /// The name stored in the journal.
            pub fn as_str(self) -> &'static str {
                match self { $(<$ty>::$v => $name),+ }
            }
        }
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl FromStr for $ty {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self> {
                match s {
                    $($name => Ok(<$ty>::$v),)+
                    other => Err(Error::invalid(format!(
                        "the undo journal holds an action this Caliber does not know ({} '{other}'), written by a newer Caliber; update Caliber to undo it. Nothing was changed",
                        $what
                    ))),
                }
            }
        }
    };
}

named!(ActionKind, "kind", [Add => "add", Edit => "edit", Delete => "delete", Import => "import", Barrier => "barrier"]);
named!(Entity, "entity", [
    Win => "win",
    Wins => "wins",
    Person => "person",
    Feedback => "feedback",
    Import => "import",
    Restore => "restore",
    Encryption => "encryption",
    Level => "level",
]);

/// What an undo or a redo did, for the message shown to the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Undone {
    /// The kind of the action taken back (or made again).
    pub action: ActionKind,
    /// What it changed.
    pub entity: Entity,
    /// The id of what changed back (the first win of a bulk edit; 0 for an import).
    pub id: i64,
    /// A sentence saying exactly what was undone (or redone), naming it.
    pub message: String,
}

/// The answer to "undo" or "redo": what was done, and the sentence to show, which
/// says why nothing was done when nothing was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct UndoReply {
    /// What was taken back or made again; `None` when nothing was.
    pub undone: Option<Undone>,
    /// "Undone: removed win 12 'Hired two managers', logged just now", or why not.
    pub message: String,
}

/// One step on the undo or redo stack, as `undo --list` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Step {
    /// The journal's id of the action.
    pub action_id: i64,
    /// Its kind.
    pub kind: ActionKind,
    /// What it changed.
    pub entity: Entity,
    /// The id of what it changed.
    pub id: i64,
    /// When it was done (UTC).
    pub at: DateTime<Utc>,
    /// What undoing (or redoing) it would do, in words.
    pub sentence: String,
}

/// What the next undos and redos would do.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct History {
    /// The next undos, the next one first.
    pub undo: Vec<Step>,
    /// Why undo stops after these, when it is a barrier ("nothing to undo before
    /// the restore of …"); `None` when the list simply ends (or was cut at the limit).
    pub stop: Option<String>,
    /// The next redos, the next one first.
    pub redo: Vec<Step>,
}

/// The ids an import added, so undoing it removes exactly those.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct ImportedIds {
    pub wins: Vec<i64>,
    pub people: Vec<i64>,
    pub feedback: Vec<i64>,
    /// The people the undo removed (those nothing else used), for a redo.
    #[serde(default)]
    pub removed_people: Vec<i64>,
}

/// The people an added record brought with it (a win naming someone new), and
/// those its undo removed.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct Added {
    created_people: Vec<PersonId>,
    removed_people: Vec<PersonId>,
}

/// A win's content to write back, and the people the edit brought.
#[derive(Debug, Serialize, Deserialize)]
struct WinEdit {
    #[serde(flatten)]
    draft: WinDraft,
    #[serde(default)]
    created_people: Vec<PersonId>,
    #[serde(default)]
    removed_people: Vec<PersonId>,
}

/// Several wins' contents to write back: one bulk step.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct WinsEdit {
    wins: Vec<OneWin>,
    created_people: Vec<PersonId>,
    removed_people: Vec<PersonId>,
}

#[derive(Debug, Serialize, Deserialize)]
struct OneWin {
    id: WinId,
    draft: WinDraft,
}

/// Levels set by hand, each with the level to write back (`None`: the rules judge).
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct LevelsEdit {
    levels: Vec<OneLevel>,
}

#[derive(Debug, Serialize, Deserialize)]
struct OneLevel {
    win: WinId,
    expectation: String,
    level: Option<Level>,
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

/// Whether a cleaned person draft says what the person already says: an edit that
/// would change nothing, so nothing is written or recorded.
pub(crate) fn unchanged_person(before: &crate::model::Person, d: &PersonDraft) -> bool {
    before.name == d.name
        && before.relation == d.relation
        && before.org == d.org
        && before.notes == d.notes
        && before.seniority == d.seniority
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

fn json<T: Serialize>(v: &T) -> Result<String> {
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

/// Writes a barrier at the top of the journal: nothing below it can be undone from
/// now on. A restore and a change of encryption replace the file; the history the
/// new file carries belongs to what it was before.
pub(crate) fn barrier(store: &mut Store, why: Entity) -> Result<()> {
    store.write(|tx| record(tx, ActionKind::Barrier, why, 0, None))
}

/// One row of the journal.
#[derive(Clone)]
struct Action {
    row: i64,
    at: DateTime<Utc>,
    kind: ActionKind,
    entity: Entity,
    id: i64,
    before: Option<String>,
}

fn read_action(
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

fn parse_action(raw: (i64, String, String, String, i64, Option<String>)) -> Result<Action> {
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

const ACTION_COLS: &str = "id, at, kind, entity, entity_id, before";

/// The top of the undo stack, when there is one.
fn next_undo(conn: &Connection) -> Result<Option<Action>> {
    conn.prepare_cached(&format!(
        "SELECT {ACTION_COLS} FROM actions WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1"
    ))?
    .query_row([], read_action)
    .optional()?
    .map(parse_action)
    .transpose()
}

/// The top of the redo stack: the oldest undone action above every one not undone.
fn next_redo(conn: &Connection) -> Result<Option<Action>> {
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

fn payload<T: for<'de> Deserialize<'de> + Default>(a: &Action, what: &str) -> Result<T> {
    match a.before.as_deref() {
        None => Ok(T::default()),
        Some(s) => serde_json::from_str(s).map_err(|e| corrupt(what, e)),
    }
}

fn required<T: for<'de> Deserialize<'de>>(a: &Action, what: &str) -> Result<T> {
    serde_json::from_str(a.before.as_deref().unwrap_or_default()).map_err(|e| corrupt(what, e))
}

fn soft_delete(tx: &Transaction<'_>, entity: Entity, id: i64, deleted: bool) -> Result<()> {
    match entity {
        Entity::Win => super::wins::set_win_deleted(tx, id, deleted),
        Entity::Person => super::people::set_person_deleted(tx, id, deleted),
        Entity::Feedback => {
            let when = deleted.then(|| ts(Utc::now()));
            tx.execute(
                "UPDATE feedback SET deleted_at = ?2 WHERE id = ?1",
                params![id, when],
            )?;
            Ok(())
        }
        other => Err(Error::invalid(format!(
            "cannot delete or bring back '{other}' as one record"
        ))),
    }
}

/// Removes those of `people` that nothing live uses any more (no live win names
/// them, no live feedback is theirs) and that hold nothing the person typed;
/// returns the ones removed.
fn remove_unused_people(tx: &Transaction<'_>, people: &[PersonId]) -> Result<Vec<PersonId>> {
    let mut removed = Vec::new();
    for &p in people {
        let unused: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM people WHERE id = ?1 AND deleted_at IS NULL
                 AND relation IS NULL AND org IS NULL AND notes IS NULL)
             AND NOT EXISTS (SELECT 1 FROM win_people x JOIN wins w ON w.id = x.win_id
                 WHERE x.person_id = ?1 AND w.deleted_at IS NULL)
             AND NOT EXISTS (SELECT 1 FROM feedback WHERE person_id = ?1 AND deleted_at IS NULL)",
            [p],
            |r| r.get(0),
        )?;
        if unused {
            super::people::set_person_deleted(tx, p, true)?;
            removed.push(p);
        }
    }
    Ok(removed)
}

fn bring_back_people(tx: &Transaction<'_>, people: &[PersonId]) -> Result<()> {
    for &p in people {
        super::people::set_person_deleted(tx, p, false)?;
    }
    Ok(())
}

/// The content of a live win as it is now.
fn live_win(conn: &Connection, id: WinId) -> Result<Option<WinDraft>> {
    let mut found = super::wins::load_wins(
        conn,
        "w.id = ?",
        vec![Box::new(id)],
        "",
        super::wins::Window::ALL,
        super::wins::Parts::All,
    )?;
    Ok(found.pop().map(|w| WinDraft::from(&w)))
}

fn win_now(tx: &Transaction<'_>, id: WinId) -> Result<WinDraft> {
    live_win(tx, id)?.ok_or_else(|| {
        Error::not_found(format!(
            "win {id} is deleted, so its edit cannot be undone or made again; nothing was changed"
        ))
    })
}

/// A person's record as it is now, as a draft to write back.
fn person_now(tx: &Transaction<'_>, id: PersonId) -> Result<PersonDraft> {
    let found = tx
        .query_row(
            "SELECT name, relation, org, notes, seniority FROM people WHERE id = ?1",
            [id],
            |r| {
                Ok(PersonDraft {
                    name: r.get(0)?,
                    relation: r.get::<_, Option<String>>(1)?.and_then(|s| s.parse().ok()),
                    org: r.get(2)?,
                    notes: r.get(3)?,
                    seniority: r.get::<_, Option<String>>(4)?.and_then(|s| s.parse().ok()),
                })
            },
        )
        .optional()?;
    found.ok_or_else(|| Error::not_found(format!("there is no person {id}; nothing was changed")))
}

/// Undoes (or, `redo`, makes again) one action; returns the payload to keep for the
/// opposite direction.
fn apply(tx: &Transaction<'_>, a: &Action, redo: bool) -> Result<Option<String>> {
    use ActionKind as K;
    match (a.kind, a.entity) {
        (K::Add, e) => {
            let mut added: Added = payload(a, "addition")?;
            if redo {
                bring_back_people(tx, &added.removed_people)?;
                soft_delete(tx, e, a.id, false)?;
                added.removed_people.clear();
            } else {
                soft_delete(tx, e, a.id, true)?;
                added.removed_people = remove_unused_people(tx, &added.created_people)?;
            }
            Ok(a.before.as_ref().map(|_| json(&added)).transpose()?)
        }
        (K::Delete, e) => {
            soft_delete(tx, e, a.id, redo)?;
            Ok(a.before.clone())
        }
        (K::Edit, Entity::Win) => {
            let mut edit: WinEdit = required(a, "edit")?;
            if redo {
                bring_back_people(tx, &edit.removed_people)?;
                edit.removed_people.clear();
            }
            let now = win_now(tx, a.id)?;
            super::wins::restore_win_content(tx, a.id, &edit.draft)?;
            edit.draft = now;
            if !redo {
                edit.removed_people = remove_unused_people(tx, &edit.created_people)?;
            }
            Ok(Some(json(&edit)?))
        }
        (K::Edit, Entity::Wins) => {
            let mut edit: WinsEdit = required(a, "edit")?;
            if redo {
                bring_back_people(tx, &edit.removed_people)?;
                edit.removed_people.clear();
            }
            for one in &mut edit.wins {
                let now = win_now(tx, one.id)?;
                super::wins::restore_win_content(tx, one.id, &one.draft)?;
                one.draft = now;
            }
            if !redo {
                edit.removed_people = remove_unused_people(tx, &edit.created_people)?;
            }
            Ok(Some(json(&edit)?))
        }
        (K::Edit, Entity::Level) => {
            let mut edit: LevelsEdit = required(a, "level")?;
            for one in &mut edit.levels {
                let now = super::levels::level_now(tx, one.win, &one.expectation)?;
                super::levels::write_level(tx, one.win, &one.expectation, one.level)?;
                one.level = now;
            }
            Ok(Some(json(&edit)?))
        }
        (K::Edit, Entity::Person) => {
            let draft: PersonDraft = required(a, "edit")?;
            let now = person_now(tx, a.id)?;
            super::people::write_person(tx, a.id, &draft)?;
            Ok(Some(json(&now)?))
        }
        (K::Import, _) => {
            let mut ids: ImportedIds = required(a, "import")?;
            if redo {
                bring_back_people(tx, &ids.removed_people)?;
            }
            for w in &ids.wins {
                soft_delete(tx, Entity::Win, *w, !redo)?;
            }
            for f in &ids.feedback {
                soft_delete(tx, Entity::Feedback, *f, !redo)?;
            }
            ids.removed_people = if redo {
                Vec::new()
            } else {
                remove_unused_people(tx, &ids.people)?
            };
            Ok(Some(json(&ids)?))
        }
        (k, e) => Err(Error::invalid(format!("cannot undo '{k}' of '{e}'"))),
    }
}

impl Store {
    /// Reverses the latest action not yet undone. `None` when there is nothing left
    /// to undo, or the next step is a barrier (see [`Store::undo_reply`] for why).
    pub fn undo(&mut self) -> Result<Option<Undone>> {
        self.step(false)
    }

    /// Makes again the action undone last, when nothing new was done since.
    pub fn redo(&mut self) -> Result<Option<Undone>> {
        self.step(true)
    }

    /// Undoes, and says what was undone or why nothing was: what the CLI and the
    /// app show.
    pub fn undo_reply(&mut self) -> Result<UndoReply> {
        let undone = self.undo()?;
        let message = match &undone {
            Some(u) => format!("Undone: {}.", u.message),
            None => self.nothing_to_undo()?,
        };
        Ok(UndoReply { undone, message })
    }

    /// Redoes, and says what was made again or why nothing was.
    pub fn redo_reply(&mut self) -> Result<UndoReply> {
        let undone = self.redo()?;
        let message = match &undone {
            Some(u) => format!("Redone: {}.", u.message),
            None => "Nothing to redo.".to_string(),
        };
        Ok(UndoReply { undone, message })
    }

    /// Why there is nothing to undo: a barrier's sentence, or simply nothing.
    fn nothing_to_undo(&self) -> Result<String> {
        Ok(match next_undo(&self.conn)? {
            Some(a) if a.kind == ActionKind::Barrier => {
                format!("{}.", capital(&barrier_sentence(a.entity, a.at)))
            }
            _ => "Nothing to undo.".to_string(),
        })
    }

    fn step(&mut self, redo: bool) -> Result<Option<Undone>> {
        self.write(|tx| {
            let next = if redo { next_redo(tx)? } else { next_undo(tx)? };
            let Some(a) = next else { return Ok(None) };
            if a.kind == ActionKind::Barrier {
                return Ok(None);
            }
            if !redo {
                // Rows undone by an older Caliber below this one can never be
                // redone (something was done after them): drop them, so the redo
                // stack is exactly the undone rows above the undo stack.
                tx.execute(
                    "DELETE FROM actions WHERE undone_at IS NOT NULL AND id < ?1
                     AND id > (SELECT coalesce(max(id), 0) FROM actions WHERE undone_at IS NULL AND id < ?1)",
                    [a.row],
                )?;
            }
            let now = Utc::now();
            // A redo is told before it is made (what it brings back); an undo after
            // (which people it removed, the titles it put back).
            let (message, keep) = if redo {
                let message = describe(tx, &a, Say::Redid, now)?;
                (message, apply(tx, &a, true)?)
            } else {
                let keep = apply(tx, &a, false)?;
                let after = Action {
                    before: keep.clone(),
                    ..a.clone()
                };
                (describe(tx, &after, Say::Undid, now)?, keep)
            };
            let undone_at = (!redo).then(|| ts(now));
            tx.execute(
                "UPDATE actions SET undone_at = ?2, before = ?3 WHERE id = ?1",
                params![a.row, undone_at, keep],
            )?;
            Ok(Some(Undone {
                action: a.kind,
                entity: a.entity,
                id: a.id,
                message,
            }))
        })
    }

    /// What the next undos (at most `limit`, the next one first) and redos would
    /// do, each in a sentence; the undo list ends at a barrier and says so.
    pub fn undo_history(&self, limit: usize) -> Result<History> {
        let now = Utc::now();
        let mut history = History::default();
        let mut st = self.conn.prepare(&format!(
            "SELECT {ACTION_COLS} FROM actions WHERE undone_at IS NULL ORDER BY id DESC LIMIT ?1"
        ))?;
        let rows: Vec<_> = st
            .query_map([limit as i64 + 1], read_action)?
            .collect::<rusqlite::Result<_>>()?;
        for raw in rows {
            let a = match parse_action(raw) {
                Ok(a) => a,
                Err(e) => {
                    history.stop = Some(e.to_string());
                    break;
                }
            };
            if a.kind == ActionKind::Barrier {
                history.stop = Some(barrier_sentence(a.entity, a.at));
                break;
            }
            if history.undo.len() == limit {
                break;
            }
            history.undo.push(self.step_of(&a, Say::WillUndo, now)?);
        }
        let mut st = self.conn.prepare(&format!(
            "SELECT {ACTION_COLS} FROM actions WHERE undone_at IS NOT NULL
             AND id > (SELECT coalesce(max(id), 0) FROM actions WHERE undone_at IS NULL)
             ORDER BY id LIMIT ?1"
        ))?;
        let rows: Vec<_> = st
            .query_map([limit as i64], read_action)?
            .collect::<rusqlite::Result<_>>()?;
        for raw in rows {
            let a = parse_action(raw)?;
            history.redo.push(self.step_of(&a, Say::WillRedo, now)?);
        }
        Ok(history)
    }

    fn step_of(&self, a: &Action, say: Say, now: DateTime<Utc>) -> Result<Step> {
        Ok(Step {
            action_id: a.row,
            kind: a.kind,
            entity: a.entity,
            id: a.id,
            at: a.at,
            sentence: describe(&self.conn, a, say, now)?,
        })
    }
}
