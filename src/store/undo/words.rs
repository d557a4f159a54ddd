//! The undo journal in words: each step said with the win's title, the person's
//! name or the feedback's quote, and how long ago it was done, so a person knows
//! exactly what an undo or a redo takes back before and after it happens.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;
use crate::model::{PersonId, WinDraft, WinId};
use crate::store::journal::{
    Action, ActionKind, Added, AnswerEdit, AskEdit, Entity, ImportedIds, LevelsEdit, WinEdit,
    WinsEdit, payload, required,
};
use crate::store::wins::live_win;
use crate::words::plural;

/// How long ago, in words.
fn ago(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (now - at).num_seconds().max(0);
    match secs {
        0..60 => "just now".to_string(),
        60..120 => "1 minute ago".to_string(),
        120..3600 => format!("{} minutes ago", secs / 60),
        3600..7200 => "1 hour ago".to_string(),
        7200..86_400 => format!("{} hours ago", secs / 3600),
        _ => format!(
            "on {}",
            at.with_timezone(&chrono::Local).format("%Y-%m-%d at %H:%M")
        ),
    }
}

/// When, as a moment: for barriers, which may be old.
fn moment(at: DateTime<Utc>) -> String {
    at.with_timezone(&chrono::Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let t: String = s.chars().take(n.saturating_sub(1)).collect();
        format!("{}…", t.trim_end())
    }
}

fn win_name(conn: &Connection, id: WinId) -> Result<String> {
    let title: Option<String> = conn
        .prepare_cached("SELECT title FROM wins WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    Ok(match title {
        Some(t) => format!("win {id} '{}'", clip(&t, 60)),
        None => format!("win {id}"),
    })
}

fn person_name(conn: &Connection, id: PersonId) -> Result<String> {
    Ok(conn
        .prepare_cached("SELECT name FROM people WHERE id = ?1")?
        .query_row([id], |r| r.get::<_, String>(0))
        .optional()?
        .unwrap_or_else(|| format!("person {id}")))
}

fn feedback_name(conn: &Connection, id: i64) -> Result<String> {
    let found: Option<(String, String)> = conn
        .prepare_cached(
            "SELECT p.name, f.quote FROM feedback f JOIN people p ON p.id = f.person_id WHERE f.id = ?1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(match found {
        Some((name, quote)) => format!("feedback {id} from {name} ('{}')", clip(&quote, 50)),
        None => format!("feedback {id}"),
    })
}

fn names_of_people(conn: &Connection, ids: &[PersonId]) -> Result<String> {
    let names = ids
        .iter()
        .map(|&p| person_name(conn, p))
        .collect::<Result<Vec<_>>>()?;
    Ok(join_and(&names))
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Which fields differ between two contents of a win.
fn changed_fields(a: &WinDraft, b: &WinDraft) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut check = |differ: bool, name: &'static str| {
        if differ {
            out.push(name);
        }
    };
    check(a.title != b.title, "title");
    check(a.date != b.date, "date");
    check(a.situation != b.situation, "situation");
    check(a.action != b.action, "action");
    check(a.result != b.result, "result");
    check(a.notes != b.notes, "notes");
    check(a.metric != b.metric, "metric");
    check(a.scope != b.scope, "scope");
    let ids = |d: &WinDraft| {
        d.expectations
            .iter()
            .map(|t| t.id.clone())
            .collect::<Vec<_>>()
    };
    if ids(a) == ids(b) {
        check(a.expectations != b.expectations, "confirmations");
    } else {
        check(true, "expectations");
    }
    check(a.principles != b.principles, "principles");
    check(a.tags != b.tags, "tags");
    check(a.links != b.links, "links");
    check(a.people != b.people, "people");
    out
}

/// Which way a sentence is said.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Say {
    /// What the next undo would do: "remove win 12 'T', logged 3 minutes ago".
    WillUndo,
    /// What an undo did: "removed win 12 'T', logged 3 minutes ago".
    Undid,
    /// What the next redo would do.
    WillRedo,
    /// What a redo did.
    Redid,
}

/// The sentence for an action, read before it is applied (names and titles as
/// they are then; for an edit, what it changed).
pub(super) fn describe(
    conn: &Connection,
    a: &Action,
    say: Say,
    now: DateTime<Utc>,
) -> Result<String> {
    use ActionKind as K;
    let when = ago(a.at, now);
    let undo = matches!(say, Say::WillUndo | Say::Undid);
    let past = matches!(say, Say::Undid | Say::Redid);
    let verb = |will: &str, did: &str| {
        if past {
            did.to_string()
        } else {
            will.to_string()
        }
    };
    let subject = |e: Entity| -> Result<String> {
        match e {
            Entity::Win => win_name(conn, a.id),
            Entity::Person => Ok(format!("person {} '{}'", a.id, person_name(conn, a.id)?)),
            Entity::Feedback => feedback_name(conn, a.id),
            other => Ok(other.to_string()),
        }
    };
    Ok(match (a.kind, a.entity) {
        (K::Add, e) => {
            let did = match e {
                Entity::Win => "logged",
                Entity::Feedback => "recorded",
                _ => "added",
            };
            let added: Added = payload(a, "addition")?;
            let mut s = if undo {
                format!(
                    "{} {}, {did} {when}",
                    verb("remove", "removed"),
                    subject(e)?
                )
            } else {
                format!("{} {}", verb("bring back", "brought back"), subject(e)?)
            };
            let people = if undo {
                if past {
                    &added.removed_people
                } else {
                    &added.created_people
                }
            } else {
                &added.removed_people
            };
            if !people.is_empty() {
                let who = names_of_people(conn, people)?;
                s.push_str(&if undo && !past {
                    format!(", and {who}, whom it added, unless named elsewhere since")
                } else {
                    format!(", and {who}, whom it added")
                });
            }
            s
        }
        (K::Delete, e) => {
            if undo {
                format!(
                    "{} {}, deleted {when}",
                    verb("bring back", "brought back"),
                    subject(e)?
                )
            } else {
                format!("{} {} again", verb("delete", "deleted"), subject(e)?)
            }
        }
        (K::Edit, Entity::Win) => {
            let edit: WinEdit = required(a, "edit")?;
            let now_draft = live_win(conn, a.id)?;
            let fields = now_draft
                .map(|d| changed_fields(&d, &edit.draft).join(", "))
                .unwrap_or_default();
            let fields = if fields.is_empty() {
                String::new()
            } else {
                format!(" ({fields})")
            };
            if undo {
                format!(
                    "{} {} as it was before the edit {when}{fields}",
                    verb("put back", "put back"),
                    subject(Entity::Win)?
                )
            } else {
                format!(
                    "{} the edit of {}{fields}",
                    verb("make again", "made again"),
                    subject(Entity::Win)?
                )
            }
        }
        (K::Edit, Entity::Wins) => {
            let edit: WinsEdit = required(a, "edit")?;
            let names = edit
                .wins
                .iter()
                .take(5)
                .map(|w| win_name(conn, w.id))
                .collect::<Result<Vec<_>>>()?;
            let more = edit.wins.len().saturating_sub(names.len());
            let mut list = names.join(", ");
            if more > 0 {
                list.push_str(&format!(" and {more} more"));
            }
            if !edit.levels.is_empty() {
                list.push_str(&format!(
                    ", with {} set by hand",
                    plural(edit.levels.len(), "level", "levels")
                ));
            }
            if undo {
                format!(
                    "{} {} as {} before the edit {when}: {list}",
                    verb("put back", "put back"),
                    plural(edit.wins.len(), "win", "wins"),
                    if edit.wins.len() == 1 {
                        "it was"
                    } else {
                        "they were"
                    }
                )
            } else {
                format!(
                    "{} the edit of {}: {list}",
                    verb("make again", "made again"),
                    plural(edit.wins.len(), "win", "wins")
                )
            }
        }
        (K::Edit, Entity::Level) => {
            // The payload holds what the step writes next: the levels from before
            // the setting while it stands, the levels set once it is undone. After
            // an undo the level written back is the one in the file.
            let edit: LevelsEdit = required(a, "level")?;
            let mut said = Vec::new();
            for one in edit.levels.iter().take(5) {
                let level = if say == Say::Undid {
                    crate::store::levels::level_now(conn, one.win, &one.expectation)?
                } else {
                    one.level
                };
                let to = match level {
                    Some(l) => format!("level {l}"),
                    None => "the level the ladder's rules judge".to_string(),
                };
                said.push(format!(
                    "{} for {} to {to}",
                    win_name(conn, one.win)?,
                    one.expectation
                ));
            }
            let more = edit.levels.len().saturating_sub(said.len());
            let mut list = said.join(", ");
            if more > 0 {
                list.push_str(&format!(" and {more} more"));
            }
            if undo {
                format!("put back the level of {list}, as before the setting {when}")
            } else {
                format!("{} the level of {list}", verb("set again", "set again"))
            }
        }
        (K::Edit, Entity::Ask) => {
            // The payload holds the day the step writes next: the day from before
            // the ask while it stands, the day asked once it is undone.
            let edit: AskEdit = required(a, "ask")?;
            let who = person_name(conn, a.id)?;
            let to = |d: Option<chrono::NaiveDate>| match d {
                Some(d) => format!("asked on {d}"),
                None => "not asked".to_string(),
            };
            if undo {
                let back = if say == Say::Undid {
                    crate::store::asks::ask_now(conn, a.id)?
                } else {
                    edit.asked_on
                };
                format!(
                    "{} {who} as {} for feedback, as before the change {when}",
                    verb("put back", "put back"),
                    to(back)
                )
            } else {
                // A redo writes the day again, or (an ask taken back) no day.
                let again = if say == Say::Redid {
                    crate::store::asks::ask_now(conn, a.id)?
                } else {
                    edit.asked_on
                };
                format!(
                    "{} {who} as {} for feedback",
                    verb("mark again", "marked again"),
                    to(again)
                )
            }
        }
        (K::Edit, Entity::Answer) => {
            // The payload holds what the step writes next: the answer from before
            // while it stands, the answer given once it is undone.
            let edit: AnswerEdit = required(a, "answer")?;
            let q = &edit.question;
            if undo {
                let to = match edit.answer.as_deref() {
                    _ if say == Say::Undid => "as it was before".to_string(),
                    Some(t) => format!("to '{}'", clip(t, 50)),
                    None => "to none".to_string(),
                };
                format!(
                    "{} the answer to question {q} {to}, answered {when}",
                    verb("put back", "put back")
                )
            } else {
                format!(
                    "{} the answer to question {q}",
                    verb("give again", "gave again")
                )
            }
        }
        (K::Edit, Entity::Person) => {
            if undo {
                format!(
                    "{} {} as they were before the edit {when}",
                    verb("put back", "put back"),
                    subject(Entity::Person)?
                )
            } else {
                format!(
                    "{} the edit of {}",
                    verb("make again", "made again"),
                    subject(Entity::Person)?
                )
            }
        }
        (K::Import, _) => {
            let ids: ImportedIds = required(a, "import")?;
            let what = format!(
                "{}, {}, {}",
                plural(ids.wins.len(), "win", "wins"),
                plural(ids.people.len(), "person", "people"),
                ids.feedback.len().to_string() + " feedback"
            );
            if undo {
                format!("{} the import of {when}: {what}", verb("remove", "removed"))
            } else {
                format!("{} the import: {what}", verb("bring back", "brought back"))
            }
        }
        (K::Barrier, e) => barrier_sentence(e, a.at),
        (k, e) => format!("{k} of {e}"),
    })
}

pub(super) fn barrier_sentence(why: Entity, at: DateTime<Utc>) -> String {
    let what = match why {
        Entity::Restore => "the restore",
        Entity::Encryption => "the change of encryption",
        _ => "the replacement of the database",
    };
    format!("nothing to undo since {what} of {}", moment(at))
}

pub(super) fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
