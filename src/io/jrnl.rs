//! jrnl (jrnl.sh) is where many engineers already keep a work log. This reads what
//! `jrnl --export json` writes, so that log becomes evidence without retyping:
//!
//! ```json
//! {"tags": {"@hiring": 1},
//!  "entries": [{"title": "...", "body": "...", "date": "2026-03-14", "time": "09:15",
//!               "tags": ["@hiring"], "starred": false}]}
//! ```
//!
//! Keys this module does not use (`uuid`, `creator`, the top-level tag counts, and
//! whatever later versions add) are ignored. Export to jrnl is not offered: its
//! entries have no place for most of what a win holds.

use chrono::{Local, NaiveTime, TimeZone, Utc};
use serde::Deserialize;
use serde_json::Value;

use super::draft::{fit_title, new_win, prepend_notes};
use super::messages::{json_syntax_error, parse_day, strip_position};
use crate::error::{Error, Result};
use crate::store::Records;

#[derive(Deserialize)]
struct Export {
    entries: Option<Vec<Entry>>,
}

#[derive(Deserialize)]
struct Entry {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    date: String,
    #[serde(default)]
    time: Option<String>,
    // Old versions of jrnl wrote no tags; `null` is read as none too.
    #[serde(default)]
    tags: Option<Vec<String>>,
    #[serde(default)]
    starred: Option<bool>,
}

/// Reads a jrnl JSON export into wins, one per entry.
pub(super) fn parse(content: &str) -> Result<Records> {
    let doc: Value =
        serde_json::from_str(content).map_err(|e| json_syntax_error(&e, "jrnl export"))?;
    if !doc.is_object() {
        return Err(no_entries());
    }
    drop(doc);
    // Read from the text, not the tree: the tree keeps only the last of two keys
    // with the same name, and an entry that gives a field twice is refused instead.
    let de = &mut serde_json::Deserializer::from_str(content);
    let export: Export = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        Error::BadFile(format!(
            "{}: {}; fix that field or export the journal again with `jrnl --export json`",
            describe_path(&path),
            strip_position(&inner.to_string())
        ))
    })?;
    let entries = export.entries.ok_or_else(no_entries)?;

    let mut records = Records::default();
    for (i, e) in entries.into_iter().enumerate() {
        let at = |msg: String| Error::BadFile(format!("entry {}: {msg}", i + 1));
        let date = parse_day(&e.date).map_err(at)?;
        let body = e.body.trim();
        // jrnl splits a title off the first sentence; an entry can still have none.
        let (first, body) = if e.title.trim().is_empty() {
            let mut lines = body.splitn(2, '\n');
            let first = lines.next().unwrap_or("").trim().to_string();
            (first, lines.next().unwrap_or("").trim().to_string())
        } else {
            (e.title.trim().to_string(), body.to_string())
        };
        if first.is_empty() {
            return Err(at(
                "the entry has no title and no text; remove it or write what happened".into(),
            ));
        }
        let (title, rest) = fit_title(&first);
        let logged_at = e
            .time
            .as_deref()
            .and_then(|t| NaiveTime::parse_from_str(t.trim(), "%H:%M").ok())
            .and_then(|t| Local.from_local_datetime(&date.and_time(t)).earliest())
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_else(Utc::now);

        let mut win = new_win(i + 1, date, title, logged_at);
        win.notes = prepend_notes(rest, (!body.is_empty()).then_some(body));
        // A set beside the list: one look-up per tag, however many an entry has.
        let mut seen = std::collections::HashSet::new();
        for tag in e.tags.unwrap_or_default() {
            let tag = tag.trim().trim_start_matches(['@', '#']).to_lowercase();
            if !tag.is_empty() && seen.insert(tag.clone()) {
                win.tags.push(tag);
            }
        }
        if e.starred == Some(true) && !seen.contains("starred") {
            win.tags.push("starred".into());
        }
        records.wins.push(win);
        records.win_origins.push(format!("entry {}", i + 1));
    }
    Ok(records)
}

fn no_entries() -> Error {
    Error::BadFile(
        "this JSON has no \"entries\" list, so it is not a jrnl export; export the journal with `jrnl --export json`, or for a Caliber backup use --format backup".into(),
    )
}

/// "entry 4, field date" for the path `entries[3].date`.
fn describe_path(path: &str) -> String {
    if let Some(rest) = path.strip_prefix("entries[")
        && let Some(end) = rest.find(']')
        && let Ok(i) = rest[..end].parse::<usize>()
    {
        let field = rest[end + 1..].trim_start_matches('.');
        return if field.is_empty() {
            format!("entry {}", i + 1)
        } else {
            format!("entry {}, field {field}", i + 1)
        };
    }
    if path == "." || path.is_empty() {
        "the file".to_string()
    } else {
        format!("field {path}")
    }
}
