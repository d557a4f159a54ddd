//! Getting evidence into and out of Caliber as files: a lossless JSON backup, a CSV a
//! spreadsheet can open, the JSON that `jrnl --export json` writes, and a Markdown
//! "brag document". People keep wins in many places before they find a tool; an
//! import that reads what they already have, and names the line when it cannot, is
//! what lets them start with months of evidence instead of none.
//!
//! Parsing is pure: each format turns text into [`Records`] and never touches the
//! database. [`import_file`] then hands the records to [`Store::insert_records`],
//! which writes them in one transaction and skips wins already in the ledger, so a
//! broken file changes nothing and the same file imported twice adds nothing.

mod backup;
mod csv;
mod draft;
mod jrnl;
mod markdown;
mod messages;

pub(crate) use markdown::autolink;

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::Path;
use std::str::FromStr;

use crate::error::{Error, Result};
use crate::model::Source;
use crate::store::{ImportSummary, Records, Store};

/// The largest file [`import_file`] reads. Years of daily wins fit in a few
/// megabytes; anything near this size is almost surely the wrong file.
pub const MAX_IMPORT_BYTES: u64 = 200 * 1024 * 1024;

/// A file format Caliber reads and (except jrnl) writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Caliber's own JSON backup: everything, restored exactly.
    Backup,
    /// One win per row, for spreadsheets.
    Csv,
    /// The JSON written by `jrnl --export json` (import only).
    Jrnl,
    /// A brag document: wins as dated bullets under month headings.
    #[value(alias = "md")]
    Markdown,
}

impl Format {
    /// Every format, in the order they are listed to a person.
    pub const ALL: &'static [Format] =
        &[Format::Backup, Format::Csv, Format::Jrnl, Format::Markdown];

    /// The formats Caliber writes, in the same order.
    pub const EXPORTS: &'static [Format] = &[Format::Backup, Format::Csv, Format::Markdown];

    /// The name used on the command line and in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Backup => "backup",
            Format::Csv => "csv",
            Format::Jrnl => "jrnl",
            Format::Markdown => "markdown",
        }
    }

    /// The usual file extension, without the dot, for naming an export.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Backup | Format::Jrnl => "json",
            Format::Csv => "csv",
            Format::Markdown => "md",
        }
    }

    /// Picks the format of a file from its extension, and for JSON from its content:
    /// a top-level `entries` list means jrnl, `"format": "caliber-backup"` a backup.
    /// Without a known extension the content decides; when nothing fits, the answer
    /// is [`Format::Backup`], whose parser then says what the file is missing.
    pub fn guess(path: &Path, content: &str) -> Format {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "csv" => Format::Csv,
            "md" | "markdown" => Format::Markdown,
            "json" => guess_json(content),
            _ => {
                let text = content.trim_start_matches('\u{feff}').trim_start();
                if text.starts_with('{') {
                    guess_json(content)
                } else if csv::looks_like_header(text.lines().next().unwrap_or("")) {
                    Format::Csv
                } else {
                    Format::Markdown
                }
            }
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = Error;

    fn from_str(s: &str) -> Result<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "backup" => Ok(Format::Backup),
            "csv" => Ok(Format::Csv),
            "jrnl" => Ok(Format::Jrnl),
            "markdown" | "md" => Ok(Format::Markdown),
            _ => Err(Error::InvalidInput(format!(
                "format '{}' is not known (use one of: backup, csv, jrnl, markdown)",
                s.trim()
            ))),
        }
    }
}

/// Tells a jrnl export from a Caliber backup. Only the two top-level keys are read;
/// the rest of the document is skipped without being built in memory.
fn guess_json(content: &str) -> Format {
    #[derive(Deserialize)]
    struct Sniff {
        format: Option<serde_json::Value>,
        entries: Option<serde::de::IgnoredAny>,
    }
    let text = content.trim_start_matches('\u{feff}');
    match serde_json::from_str::<Sniff>(text) {
        Ok(s) if s.format.as_ref().and_then(|f| f.as_str()) == Some(backup::FORMAT_NAME) => {
            Format::Backup
        }
        Ok(s) if s.entries.is_some() => Format::Jrnl,
        Ok(_) => Format::Backup,
        // A cut-off file still shows what it meant to be near its start; the chosen
        // parser then reports where it breaks.
        Err(_) => {
            let head: String = text.chars().take(4096).collect();
            if head.contains(backup::FORMAT_NAME) {
                Format::Backup
            } else if head.contains("\"entries\"") {
                Format::Jrnl
            } else {
                Format::Backup
            }
        }
    }
}

/// Reads `content` as `format`. Pure: nothing is written anywhere. Wins from a CSV,
/// jrnl or Markdown file get fresh numbering and the `import` source; a backup keeps
/// everything it holds.
pub fn parse(format: Format, content: &str) -> Result<Records> {
    // Spreadsheets and Windows editors often start UTF-8 files with a byte-order mark.
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    match format {
        Format::Backup => backup::parse(content),
        Format::Csv => csv::parse(content),
        Format::Jrnl => jrnl::parse(content),
        Format::Markdown => markdown::parse(content),
    }
}

/// Writes `records` as `format`. jrnl is import only: its format has no place for
/// most of what a win holds.
pub fn render(format: Format, records: &Records) -> Result<String> {
    match format {
        Format::Backup => backup::render(records),
        Format::Csv => csv::render(records),
        Format::Jrnl => Err(Error::InvalidInput(
            "export to jrnl is not supported; use backup, csv or markdown".into(),
        )),
        Format::Markdown => Ok(markdown::render(records)),
    }
}

/// Imports the file at `path` into `store`, all or nothing. The format is guessed
/// when not given. Wins already in the ledger (same date and title) are skipped and
/// counted in [`ImportSummary::duplicates`].
pub fn import_file(
    store: &mut Store,
    path: &Path,
    format: Option<Format>,
) -> Result<ImportSummary> {
    let content = crate::paths::read_text_file(path, MAX_IMPORT_BYTES)?;
    let format = format.unwrap_or_else(|| Format::guess(path, &content));
    let records = parse(format, &content)?;
    let source = match format {
        // A backup restores the sources it recorded.
        Format::Backup => None,
        _ => Some(Source::Import),
    };
    store.insert_records(&records, source)
}

/// Everything in `store`, written as `format`.
pub fn export(store: &Store, format: Format) -> Result<String> {
    if format == Format::Jrnl {
        return render(format, &Records::default());
    }
    render(format, &store.all_records()?)
}
