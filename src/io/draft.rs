//! A win as an importer first builds it: what every format knows (a date and a
//! title), a title cut to the store's limit, notes put together. CSV, jrnl and
//! Markdown import all start from here, so they fill a win the same way.

use chrono::{DateTime, NaiveDate, Utc};

use crate::model::{Scope, Source, Win};

// Importers of free text cut a longer first line at the store's title limit and
// move the rest to the notes.
use crate::store::MAX_TITLE_CHARS;

/// A win holding only what every importer knows. `number` is its place in the file:
/// when the database is empty the store keeps record ids, so each imported win needs
/// an id of its own, and the file's order is a good one.
pub(super) fn new_win(
    number: usize,
    date: NaiveDate,
    title: String,
    logged_at: DateTime<Utc>,
) -> Win {
    Win {
        id: i64::try_from(number).unwrap_or(i64::MAX),
        date,
        logged_at,
        updated_at: logged_at,
        title,
        situation: None,
        action: None,
        result: None,
        notes: None,
        metric: None,
        scope: Scope::default(),
        people: Vec::new(),
        links: Vec::new(),
        tags: Vec::new(),
        expectations: Vec::new(),
        principles: Vec::new(),
        source: Source::Import,
    }
}

/// Splits a first line that is too long for a title: the title keeps the words that
/// fit, ending in "…", and the rest (starting with "…") goes first in the notes.
pub(super) fn fit_title(text: &str) -> (String, Option<String>) {
    let text = text.trim();
    if text.chars().count() <= MAX_TITLE_CHARS {
        return (text.to_string(), None);
    }
    // Room for the ellipsis; cut at the last space when there is one in reach.
    let hard: usize = text
        .char_indices()
        .nth(MAX_TITLE_CHARS - 1)
        .map(|(i, _)| i)
        .unwrap_or(text.len());
    let cut = match text[..hard].rfind(char::is_whitespace) {
        Some(i) if i > hard / 2 => i,
        _ => hard,
    };
    let head = text[..cut].trim_end();
    let rest = text[cut..].trim_start();
    (format!("{head}…"), Some(format!("…{rest}")))
}

/// Puts `first` before `notes`, a blank line between.
pub(super) fn prepend_notes(first: Option<String>, notes: Option<String>) -> Option<String> {
    match (first, notes) {
        (Some(a), Some(b)) if !b.trim().is_empty() => Some(format!("{a}\n\n{b}")),
        (Some(a), _) => Some(a),
        (None, b) => b,
    }
}
