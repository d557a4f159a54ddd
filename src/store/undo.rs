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
use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

mod words;

use words::{Say, barrier_sentence, capital, describe};

use super::journal::{
    ACTION_COLS, Action, ActionKind, Added, AnswerEdit, AskEdit, Entity, ImportedIds, LevelsEdit,
    WinEdit, WinsEdit, json, next_redo, next_undo, parse_action, payload, read_action, required,
};
use super::wins::live_win;
use super::{Store, ts};
use crate::error::{Error, Result};
use crate::model::{PersonDraft, PersonId, WinDraft, WinId};

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
            for one in &mut edit.levels {
                let now = super::levels::level_now(tx, one.win, &one.expectation)?;
                super::levels::write_level(tx, one.win, &one.expectation, one.level)?;
                one.level = now;
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
        (K::Edit, Entity::Ask) => {
            let edit: AskEdit = required(a, "ask")?;
            let now = super::asks::ask_now(tx, a.id)?;
            super::asks::write_ask(tx, a.id, edit.asked_on)?;
            Ok(Some(json(&AskEdit { asked_on: now })?))
        }
        (K::Edit, Entity::Answer) => {
            let mut edit: AnswerEdit = required(a, "answer")?;
            let now = super::answers::answer_now(tx, &edit.question)?;
            super::answers::write_answer(tx, &edit.question, edit.answer.as_deref())?;
            edit.answer = now;
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
            for (question, answer) in &ids.answers {
                super::answers::write_answer(tx, question, redo.then_some(answer.as_str()))?;
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
