//! The backup: every record of the ledger as one JSON document, so a user can move
//! to a new machine or roll back a mistake and get exactly what they had. It is
//! versioned, so a file from a newer Caliber is refused instead of half read.

use chrono::{SecondsFormat, Utc};
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::messages;
use crate::error::{Error, Result};
use crate::store::Records;

/// The value of the `format` key that marks a Caliber backup.
pub(super) const FORMAT_NAME: &str = "caliber-backup";
/// The newest backup version this build reads and the one it writes.
const VERSION: u64 = 1;

#[derive(Serialize)]
struct BackupOut<'a> {
    format: &'static str,
    version: u64,
    exported_at: String,
    records: &'a Records,
}

/// Writes the backup document, pretty-printed so a person can read a diff of two.
pub(super) fn render(records: &Records) -> Result<String> {
    let doc = BackupOut {
        format: FORMAT_NAME,
        version: VERSION,
        exported_at: Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true),
        records,
    };
    let mut text = serde_json::to_string_pretty(&doc)
        .map_err(|e| Error::Internal(format!("could not write the backup: {e}")))?;
    text.push('\n');
    Ok(text)
}

/// The top of a backup, read first without building the records: what it is and
/// which version.
#[derive(Deserialize)]
struct Head {
    format: Option<Value>,
    version: Option<Value>,
    records: Option<IgnoredAny>,
}

/// Reads a backup document. The envelope is checked first, so a file from a newer
/// Caliber gets "update Caliber" rather than a complaint about a field it moved.
pub(super) fn parse(content: &str) -> Result<Records> {
    if !content.trim_start().starts_with('{') {
        // Not an object: say so, unless it is not JSON at all.
        serde_json::from_str::<IgnoredAny>(content)
            .map_err(|e| messages::json_syntax_error(&e, "backup file"))?;
        return Err(not_a_backup());
    }
    let top: Head = serde_json::from_str(content)
        .map_err(|e| messages::json_syntax_error(&e, "backup file"))?;
    match top.format.as_ref() {
        Some(Value::String(f)) if f == FORMAT_NAME => {}
        Some(Value::String(f)) => {
            return Err(Error::BadFile(format!(
                "this file's format is '{f}', not '{FORMAT_NAME}'; import it with the format it was written in (--format csv, jrnl or markdown)"
            )));
        }
        _ => return Err(not_a_backup()),
    }
    match top.version.as_ref() {
        Some(Value::Number(n)) => match n.as_u64() {
            Some(v) if v == VERSION => {}
            Some(v) if v > VERSION => {
                return Err(Error::BadFile(format!(
                    "this backup is version {v}, written by a newer Caliber (this build reads up to version {VERSION}); update Caliber and import it again"
                )));
            }
            _ => {
                return Err(Error::BadFile(format!(
                    "version: '{n}' is not a backup version (expected {VERSION}); export the backup again"
                )));
            }
        },
        Some(other) => {
            return Err(Error::BadFile(format!(
                "version: expected a number such as {VERSION}, found {}; export the backup again",
                kind_of(other)
            )));
        }
        None => {
            return Err(Error::BadFile(format!(
                "the backup has no version; add \"version\": {VERSION} next to \"format\" or export it again"
            )));
        }
    }
    if top.records.is_none() {
        return Err(Error::BadFile(
            "the backup has no \"records\"; it holds no data to restore, so export it again".into(),
        ));
    }
    // The records are read from the text straight into their types (no JSON tree
    // of the whole file in memory); a backup that gives a field twice is ambiguous,
    // so it is refused (serde reports a repeated field).
    #[derive(Deserialize)]
    struct Doc {
        records: Records,
    }
    let de = &mut serde_json::Deserializer::from_str(content);
    let doc: Doc = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let detail = messages::strip_position(&inner.to_string()).to_string();
        match path.strip_prefix("records") {
            Some(rest) => {
                let rest = rest.trim_start_matches('.');
                Error::BadFile(format!(
                    "records{}{rest}{}: {detail}; fix that field or export the backup again",
                    if rest.is_empty() { "" } else { "." },
                    describe_entry(rest)
                ))
            }
            None => Error::BadFile(format!(
                "the backup: {detail}; fix that or export the backup again"
            )),
        }
    })?;
    check_unique_ids(&doc.records)?;
    Ok(doc.records)
}

/// A restore into an empty ledger keeps the backup's ids, so two entries of one list
/// with the same id (a hand-edited or damaged file; Caliber never writes one) cannot
/// both be restored. Said here, with the entries named, rather than by the database.
fn check_unique_ids(records: &Records) -> Result<()> {
    let lists: [(&str, &str, Vec<i64>); 3] = [
        ("wins", "win", records.wins.iter().map(|w| w.id).collect()),
        (
            "people",
            "person",
            records.people.iter().map(|p| p.id).collect(),
        ),
        (
            "feedback",
            "feedback",
            records.feedback.iter().map(|f| f.id).collect(),
        ),
    ];
    for (list, noun, ids) in lists {
        let mut first = std::collections::HashMap::new();
        for (i, id) in ids.into_iter().enumerate() {
            let j = *first.entry(id).or_insert(i);
            if j != i {
                return Err(Error::BadFile(format!(
                    "records.{list}[{i}].id ({noun} {}): the id {id} is already used by {noun} {}; give each entry its own id or export the backup again",
                    i + 1,
                    j + 1
                )));
            }
        }
    }
    Ok(())
}

fn not_a_backup() -> Error {
    Error::BadFile(format!(
        "this JSON is not a Caliber backup (it has no \"format\": \"{FORMAT_NAME}\"); for a jrnl export use --format jrnl"
    ))
}

/// " (win 4)" for a path inside `wins[3]`, so the message also counts like a person.
fn describe_entry(path: &str) -> String {
    for (list, noun) in [
        ("wins[", "win"),
        ("people[", "person"),
        ("feedback[", "feedback"),
        ("ladders[", "ladder"),
    ] {
        if let Some(rest) = path.strip_prefix(list)
            && let Some(end) = rest.find(']')
            && let Ok(i) = rest[..end].parse::<usize>()
        {
            return format!(" ({noun} {})", i + 1);
        }
    }
    String::new()
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
