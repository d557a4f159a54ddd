//! The undo journal. Every change a person makes is written here in the same
//! transaction as the change itself, so `undo` can always step back exactly one
//! action, whether the CLI or the app made it.

use chrono::Utc;
use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::{Store, ts};
use crate::error::{Error, Result};
use crate::model::{PersonDraft, WinDraft};

/// What an undo did, for the message shown to the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Undone {
    /// "add", "edit", "delete" or "import".
    pub action: String,
    /// "win", "person", "feedback" or "import".
    pub entity: String,
    /// The id of what changed back.
    pub id: i64,
    /// A sentence saying what was undone.
    pub message: String,
}

/// The ids an import added, so undoing it removes exactly those.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct ImportedIds {
    pub wins: Vec<i64>,
    pub people: Vec<i64>,
    pub feedback: Vec<i64>,
}

pub(crate) fn record(
    tx: &Transaction<'_>,
    kind: &str,
    entity: &str,
    id: i64,
    before: Option<&str>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO actions (at, kind, entity, entity_id, before) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![ts(Utc::now()), kind, entity, id, before],
    )?;
    Ok(())
}

fn soft_delete(tx: &Transaction<'_>, table: &str, id: i64, deleted: bool) -> Result<()> {
    match table {
        "win" => super::wins::set_win_deleted(tx, id, deleted),
        "person" => super::people::set_person_deleted(tx, id, deleted),
        _ => {
            let when = deleted.then(|| ts(Utc::now()));
            tx.execute(
                "UPDATE feedback SET deleted_at = ?2 WHERE id = ?1",
                params![id, when],
            )?;
            Ok(())
        }
    }
}

fn corrupt(what: &str, e: impl std::fmt::Display) -> Error {
    Error::invalid(format!(
        "the undo record for this {what} cannot be read ({e}); nothing was changed"
    ))
}

impl Store {
    /// Reverses the latest action not yet undone. `None` when there is nothing left.
    pub fn undo(&mut self) -> Result<Option<Undone>> {
        self.write(|tx| {
            let last = tx
                .query_row(
                    "SELECT id, kind, entity, entity_id, before FROM actions WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1",
                    [],
                    |r| {
                        Ok((
                            r.get::<_, i64>(0)?,
                            r.get::<_, String>(1)?,
                            r.get::<_, String>(2)?,
                            r.get::<_, i64>(3)?,
                            r.get::<_, Option<String>>(4)?,
                        ))
                    },
                )
                .optional()?;
            let Some((action_id, kind, entity, id, before)) = last else {
                return Ok(None);
            };
            let message = match (kind.as_str(), entity.as_str()) {
                ("add", e) => {
                    soft_delete(tx, e, id, true)?;
                    format!("removed the {e} {id} that was just added")
                }
                ("delete", e) => {
                    soft_delete(tx, e, id, false)?;
                    format!("brought back the deleted {e} {id}")
                }
                ("edit", "win") => {
                    let draft: WinDraft = serde_json::from_str(before.as_deref().unwrap_or_default())
                        .map_err(|e| corrupt("edit", e))?;
                    super::wins::restore_win_content(tx, id, &draft)?;
                    format!("restored win {id} as it was before the edit")
                }
                ("edit", "person") => {
                    let draft: PersonDraft = serde_json::from_str(before.as_deref().unwrap_or_default())
                        .map_err(|e| corrupt("edit", e))?;
                    super::people::write_person(tx, id, &draft)?;
                    format!("restored person {id} as they were before the edit")
                }
                ("import", _) => {
                    let ids: ImportedIds = serde_json::from_str(before.as_deref().unwrap_or_default())
                        .map_err(|e| corrupt("import", e))?;
                    for w in &ids.wins {
                        soft_delete(tx, "win", *w, true)?;
                    }
                    for f in &ids.feedback {
                        soft_delete(tx, "feedback", *f, true)?;
                    }
                    for p in &ids.people {
                        soft_delete(tx, "person", *p, true)?;
                    }
                    format!(
                        "removed the last import: {} wins, {} people, {} feedback",
                        ids.wins.len(),
                        ids.people.len(),
                        ids.feedback.len()
                    )
                }
                (k, e) => return Err(Error::invalid(format!("cannot undo '{k}' of '{e}'"))),
            };
            tx.execute("UPDATE actions SET undone_at = ?2 WHERE id = ?1", params![action_id, ts(Utc::now())])?;
            Ok(Some(Undone { action: kind, entity, id, message }))
        })
    }
}
