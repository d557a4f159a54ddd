//! CSV: one win per row, for people who keep their evidence in a spreadsheet or want
//! to sort and filter it there. Export writes every column; import needs only
//! `date` and `title`, in any order, so a hand-made sheet can come in as it is.
//!
//! A cell starting with `=`, `+`, `-` or `@` is a formula to a spreadsheet, and a
//! crafted one can run commands when the file is opened (CSV injection). Export puts
//! an apostrophe before such cells, which spreadsheets read as "this is text"; import
//! takes exactly that apostrophe off again, so the round trip keeps the text.
//!
//! Cells with several values (people, tags, links, ...) separate them with `; `; a
//! `;` or `\` inside a value is written `\;` or `\\`, so "Doe; Jane" stays one
//! person. Export, import and export again give the same file.

use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};
use std::collections::HashMap;

use super::draft::new_win;
use super::messages::parse_day;
use crate::error::{Error, Result};
use crate::model::{ExpectationTag, Scope, WinPerson};
use crate::store::{MAX_TITLE_CHARS, Records};

/// The columns, in the order export writes them.
const COLUMNS: &[&str] = &[
    "id",
    "date",
    "title",
    "situation",
    "action",
    "result",
    "notes",
    "metric",
    "scope",
    "expectations",
    "suggested",
    "principles",
    "tags",
    "people",
    "vouchers",
    "links",
    "source",
    "logged_at",
];

/// How the values of a many-valued cell are joined; import splits on `;` alone.
/// A value holding `;` or `\` has it escaped with a backslash (`Doe\; Jane`), so
/// it comes back as one value.
const JOIN: &str = "; ";

/// The values of a many-valued cell, each escaped, joined with [`JOIN`].
fn join<'a>(values: impl IntoIterator<Item = &'a str>) -> String {
    values
        .into_iter()
        .map(|v| v.replace('\\', "\\\\").replace(';', "\\;"))
        .collect::<Vec<_>>()
        .join(JOIN)
}

/// True for a first line that reads as this format's header: it names at least
/// `date` and `title`.
pub(super) fn looks_like_header(line: &str) -> bool {
    let names: Vec<String> = line
        .split(',')
        .map(|c| c.trim().trim_matches('"').trim().to_ascii_lowercase())
        .collect();
    names.iter().any(|n| n == "date") && names.iter().any(|n| n == "title")
}

/// Writes every win as a row under the full header.
pub(super) fn render(records: &Records) -> Result<String> {
    let fail = |e: ::csv::Error| Error::InvalidInput(format!("could not write the CSV: {e}"));
    let mut out = ::csv::WriterBuilder::new().from_writer(Vec::new());
    out.write_record(COLUMNS).map_err(fail)?;
    for w in &records.wins {
        let ids = |confirmed: bool| {
            join(
                w.expectations
                    .iter()
                    .filter(|t| t.confirmed == confirmed)
                    .map(|t| t.id.as_str()),
            )
        };
        let names = |vouches: bool| {
            join(
                w.people
                    .iter()
                    .filter(|p| p.vouches == vouches)
                    .map(|p| p.name.as_str()),
            )
        };
        let row: [String; 18] = [
            w.id.to_string(),
            w.date.format("%Y-%m-%d").to_string(),
            w.title.clone(),
            w.situation.clone().unwrap_or_default(),
            w.action.clone().unwrap_or_default(),
            w.result.clone().unwrap_or_default(),
            w.notes.clone().unwrap_or_default(),
            w.metric.clone().unwrap_or_default(),
            w.scope.to_string(),
            ids(true),
            ids(false),
            join(w.principles.iter().map(String::as_str)),
            join(w.tags.iter().map(String::as_str)),
            names(false),
            names(true),
            join(w.links.iter().map(String::as_str)),
            w.source.to_string(),
            w.logged_at.to_rfc3339_opts(SecondsFormat::Micros, true),
        ];
        out.write_record(row.iter().map(|c| defuse(c)))
            .map_err(fail)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| Error::InvalidInput(format!("could not write the CSV: {e}")))?;
    String::from_utf8(bytes)
        .map_err(|e| Error::InvalidInput(format!("could not write the CSV: {e}")))
}

/// True when a spreadsheet would take `cell` as a formula, looking past apostrophes
/// so that a cell which already starts with one survives the round trip too.
fn is_formula_like(cell: &str) -> bool {
    cell.trim_start_matches('\'')
        .starts_with(['=', '+', '-', '@'])
}

fn defuse(cell: &str) -> String {
    if is_formula_like(cell) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if is_formula_like(rest) => rest,
        _ => cell,
    }
}

/// Reads rows into wins. Ids in the file are ignored: imported wins are new ones.
pub(super) fn parse(content: &str) -> Result<Records> {
    if let Some(line) = unclosed_quote(content) {
        return Err(Error::BadFile(format!(
            "line {line}: a quoted cell opens here and is never closed, so the file looks cut off or a closing quote is missing; add the quote or export the file again"
        )));
    }
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(content.as_bytes());
    let mut rows = reader.records();
    let header = match rows.next() {
        None => {
            return Err(Error::BadFile(
                "the CSV is empty; it needs a header row with at least the columns date and title"
                    .into(),
            ));
        }
        Some(r) => r.map_err(|e| csv_error(&e, content))?,
    };
    let columns = read_header(&header)?;
    let now = Utc::now();
    let mut records = Records::default();
    let mut lines = LineCounter::new(content);
    for row in rows {
        let row = row.map_err(|e| csv_error(&e, content))?;
        let line = lines.at(row
            .position()
            .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX)));
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if row.len() > header.len() {
            return Err(Error::BadFile(format!(
                "line {line}: this row has {} cells but the header has {}; check for an extra comma or a missing quote around text with commas",
                row.len(),
                header.len()
            )));
        }
        let cell = |name: &str| -> Option<&str> {
            let i = *columns.get(name)?;
            let c = restore(row.get(i)?.trim());
            (!c.is_empty()).then_some(c)
        };
        let at = |msg: String| Error::BadFile(format!("line {line}: {msg}"));

        let date = cell("date").ok_or_else(|| {
            at("the date is empty; write the day it happened as YYYY-MM-DD".into())
        })?;
        let date = parse_day(date).map_err(at)?;
        let title = cell("title").unwrap_or_default();
        if title.is_empty() {
            return Err(at(
                "the title is empty; write one line saying what happened, e.g. \"Hired two managers for the payments org\"".into(),
            ));
        }
        if title.contains('\n') {
            return Err(at(
                "the title runs over several lines; a title is one line, so check this row for a quote that is opened but never closed".into(),
            ));
        }
        let n = title.chars().count();
        if n > MAX_TITLE_CHARS {
            return Err(at(format!(
                "the title is {n} characters, more than {MAX_TITLE_CHARS}; keep it to one line and move the details to the notes column"
            )));
        }
        let logged_at = match cell("logged_at") {
            Some(t) => parse_timestamp(t).map_err(at)?,
            None => now,
        };

        let mut win = new_win(records.wins.len() + 1, date, title.to_string(), logged_at);
        win.situation = cell("situation").map(str::to_string);
        win.action = cell("action").map(str::to_string);
        win.result = cell("result").map(str::to_string);
        win.notes = cell("notes").map(str::to_string);
        win.metric = cell("metric").map(str::to_string);
        if let Some(s) = cell("scope") {
            win.scope = s.parse::<Scope>().map_err(|e| at(e.to_string()))?;
        }
        for (column, confirmed) in [("expectations", true), ("suggested", false)] {
            for id in split(cell(column)) {
                win.expectations.push(ExpectationTag { id, confirmed });
            }
        }
        win.principles = split(cell("principles"));
        win.tags = split(cell("tags"));
        win.links = split(cell("links"));
        for (column, vouches) in [("vouchers", true), ("people", false)] {
            for name in split(cell(column)) {
                win.people.push(WinPerson {
                    person_id: 0,
                    name,
                    vouches,
                });
            }
        }
        // The `source` column is informational: imported wins are marked `import`.
        records.wins.push(win);
        records.win_origins.push(format!("line {line}"));
    }
    Ok(records)
}

/// The line of a quoted cell still open at the end of the text, read as the csv
/// crate reads quotes: one opens a cell only at its start, `""` inside is a quote.
/// The crate itself takes the rest of the file as that cell, so a file cut off in
/// the middle of one would otherwise come in with half a cell and no complaint.
fn unclosed_quote(content: &str) -> Option<usize> {
    let mut line = 1;
    let mut opened = None;
    let mut at_start = true;
    let mut bytes = content.bytes().peekable();
    while let Some(b) = bytes.next() {
        if b == b'\n' {
            line += 1;
        }
        if opened.is_some() {
            if b == b'"' {
                if bytes.peek() == Some(&b'"') {
                    bytes.next();
                } else {
                    opened = None;
                }
            }
            continue;
        }
        match b {
            b'"' if at_start => {
                opened = Some(line);
                at_start = false;
            }
            b',' | b'\n' | b'\r' => at_start = true,
            _ => at_start = false,
        }
    }
    opened
}

/// Maps each known column (lowercase) to its position, refusing unknown, repeated
/// or missing ones.
fn read_header(header: &::csv::StringRecord) -> Result<HashMap<&'static str, usize>> {
    let mut columns = HashMap::new();
    let mut unknown = Vec::new();
    for (i, name) in header.iter().enumerate() {
        let wanted = name.trim().to_ascii_lowercase();
        if wanted.is_empty() && header.len() > 1 {
            unknown.push(format!("(empty, column {})", i + 1));
            continue;
        }
        match COLUMNS.iter().find(|c| **c == wanted) {
            Some(c) => {
                if columns.insert(*c, i).is_some() {
                    return Err(Error::BadFile(format!(
                        "line 1: the column '{c}' appears twice; keep one of them"
                    )));
                }
            }
            None => unknown.push(format!("'{}'", name.trim())),
        }
    }
    if !unknown.is_empty() {
        return Err(Error::BadFile(format!(
            "line 1: unknown column{} {}; rename or remove {} (the columns Caliber reads are: {})",
            if unknown.len() == 1 { "" } else { "s" },
            unknown.join(", "),
            if unknown.len() == 1 { "it" } else { "them" },
            COLUMNS.join(", ")
        )));
    }
    let missing: Vec<&str> = ["date", "title"]
        .into_iter()
        .filter(|c| !columns.contains_key(c))
        .collect();
    if !missing.is_empty() {
        return Err(Error::BadFile(format!(
            "line 1: the header has no {} column; the first row must name the columns, with at least date and title",
            missing.join(" or ")
        )));
    }
    Ok(columns)
}

/// The values of a many-valued cell: split on `;` except `\;`, and `\;` and `\\`
/// read back as `;` and `\`. Any other backslash is kept as written, so a
/// hand-made sheet's `C:\reports` stays as it is.
fn split(cell: Option<&str>) -> Vec<String> {
    let Some(cell) = cell else {
        return Vec::new();
    };
    let mut values = Vec::new();
    let mut current = String::new();
    let mut chars = cell.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if matches!(chars.peek(), Some(';' | '\\')) => {
                current.extend(chars.next());
            }
            ';' => values.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    values.push(current);
    values
        .into_iter()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .collect()
}

/// RFC 3339, or a plain "YYYY-MM-DD HH:MM[:SS]" read as UTC (what spreadsheets
/// tend to turn timestamps into).
fn parse_timestamp(text: &str) -> std::result::Result<DateTime<Utc>, String> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    for form in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(text, form) {
            return Ok(t.and_utc());
        }
    }
    Err(format!(
        "logged_at '{text}' is not a timestamp (use RFC 3339, e.g. 2026-03-14T09:15:00Z, or leave it empty)"
    ))
}

/// Line numbers from byte offsets. The csv crate counts lines itself, but it is one
/// short per row when lines end in CRLF (rust-csv issue #395), which is how Excel
/// writes them; counting from the text is right for both.
struct LineCounter<'a> {
    text: &'a [u8],
    byte: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            byte: 0,
            line: 1,
        }
    }

    /// The line of the record starting at byte `at`; offsets must come in increasing
    /// order. After a CRLF the reader may report the record as starting on the `\n`
    /// before it; a record never starts with a line end, so those are stepped over.
    fn at(&mut self, at: usize) -> usize {
        let mut at = at.min(self.text.len());
        while matches!(self.text.get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        if at > self.byte {
            self.line += self.text[self.byte..at]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            self.byte = at;
        }
        self.line
    }
}

fn csv_error(e: &::csv::Error, content: &str) -> Error {
    let line = e
        .position()
        .map(|p| LineCounter::new(content).at(usize::try_from(p.byte()).unwrap_or(usize::MAX)));
    let at = line.map(|l| format!("line {l}: ")).unwrap_or_default();
    match e.kind() {
        ::csv::ErrorKind::Utf8 { err, .. } => Error::BadFile(format!(
            "{at}cell {} is not UTF-8 text; save the file as UTF-8 (in a spreadsheet, choose \"CSV UTF-8\")",
            err.field() + 1
        )),
        _ => Error::BadFile(format!("{at}the CSV cannot be read: {e}")),
    }
}
