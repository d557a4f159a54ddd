//! The checker: proves a draft written anywhere (by hand, by an assistant, by
//! Caliber itself) against the ledger. Every figure must be one the evidence
//! holds, every citation a live win that holds the figures next to it, every claim
//! cited, every quote said by the person it is put to, and the ladder covered. It
//! is the outline's honesty rules made general, so the CLI (`caliber check`), the
//! app's "Check a draft" panel and an assistant all get the same answer.

mod docx;
mod draft;
mod ledger;
mod report;
mod rules;

pub use report::{CheckOptions, Checked, DraftFormat, Finding, FindingKind, Report};

use std::path::Path;

use crate::error::{Error, Result};
use crate::store::Store;

/// The largest draft Caliber checks: a promotion document is tens of kilobytes.
pub const MAX_DRAFT_BYTES: u64 = 10 * 1024 * 1024;

/// Checks `text`, written as `options.format`, against the ledger in `store`
/// (its current cycle, ladder, people and feedback). Reads only.
pub fn check_text(store: &Store, text: &str, options: &CheckOptions) -> Result<Report> {
    check_with(&mut LedgerCache::default(), store, text, options)
}

/// What a check reads of the ledger, kept between the checks of one open store
/// while its data and the day stay the same: an assistant or the app's panel
/// checks draft after draft, and only the first pays for reading the evidence.
#[derive(Default)]
pub struct LedgerCache {
    kept: Option<(LedgerStamp, ledger::Ledger)>,
}

/// The store's [`Store::change_stamp`] and the day the ledger was read on (the
/// review it quotes counts weeks from today).
type LedgerStamp = ((u64, i64, u64), chrono::NaiveDate);

impl LedgerCache {
    /// The ledger of `store` as it is now: the one kept when nothing changed,
    /// else read again.
    fn ledger(&mut self, store: &Store) -> Result<&ledger::Ledger> {
        let stamp = (store.change_stamp()?, crate::dates::today());
        let kept = match self.kept.take() {
            Some((was, ledger)) if was == stamp => ledger,
            _ => ledger::Ledger::load(store)?,
        };
        Ok(&self.kept.insert((stamp, kept)).1)
    }
}

/// [`check_text`] with the ledger kept in `cache` between checks.
pub fn check_with(
    cache: &mut LedgerCache,
    store: &Store,
    text: &str,
    options: &CheckOptions,
) -> Result<Report> {
    let draft = draft::Draft::read(text, options.format);
    let cited = rules::Checker::cited_ids(&draft);
    let kept = cache.ledger(store)?;
    // A cited win outside the cycle joins the ledger for this check only (its
    // figures must not count for the next draft): such a draft gets its own.
    let outside = kept.outside(store, &cited)?;
    let own;
    let ledger = if outside.is_empty() {
        kept
    } else {
        let mut l = ledger::Ledger::load(store)?;
        l.add_wins(outside);
        own = l;
        &own
    };
    let mut checker = rules::Checker::new(&draft, ledger, store, *options);
    checker.run()?;
    Ok(Report {
        findings: checker.findings,
        checked: checker.checked,
    })
}

/// Checks a draft given as text rather than read from a file (pasted into the
/// app, sent by an assistant), named `what` in any message ("the pasted draft").
/// It is refused as [`read_draft`] refuses a file (over [`MAX_DRAFT_BYTES`], empty,
/// holding binary data), but as bad input: the text is an argument, not a file.
pub fn check_given(
    cache: &mut LedgerCache,
    store: &Store,
    text: &str,
    options: &CheckOptions,
    what: &str,
) -> Result<Report> {
    let (text, format) = if text.len() as u64 > MAX_DRAFT_BYTES {
        Err(too_big(what))
    } else {
        decode(text.as_bytes(), Some(options.format), what)
    }
    .map_err(|e| match e {
        Error::BadFile(m) => Error::InvalidInput(m),
        other => other,
    })?;
    check_with(cache, store, &text, &CheckOptions { format, ..*options })
}

/// Reads a draft file: its text and format (DOCX by its content or extension,
/// plain text for `.txt`, else Markdown). A folder, a missing file, a file over
/// [`MAX_DRAFT_BYTES`], an empty one and one that is not text are refused with what
/// to do.
pub fn read_draft(path: &Path) -> Result<(String, DraftFormat)> {
    let shown = path.display();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NotFound(format!(
                "there is no file {shown}; check the path (use - to read the draft from standard input)"
            )));
        }
        Err(e) => return Err(Error::io(format!("could not read {shown}"), e)),
    };
    if meta.is_dir() {
        return Err(Error::InvalidInput(format!(
            "{shown} is a folder; give the path of the draft itself"
        )));
    }
    if meta.len() > MAX_DRAFT_BYTES {
        return Err(too_big(&shown.to_string()));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(format!("could not read {shown}"), e))?;
    let by_name = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let format = match by_name.as_deref() {
        Some("docx") => Some(DraftFormat::Docx),
        Some("txt") | Some("text") => Some(DraftFormat::Text),
        Some("md") | Some("markdown") => Some(DraftFormat::Markdown),
        _ => None,
    };
    decode(&bytes, format, &shown.to_string())
}

/// Reads a draft from bytes (standard input): DOCX when they are a Word document,
/// else `format` (Markdown by default). Refused like [`read_draft`]'s files.
pub fn draft_from_bytes(
    bytes: &[u8],
    format: Option<DraftFormat>,
) -> Result<(String, DraftFormat)> {
    if bytes.len() as u64 > MAX_DRAFT_BYTES {
        return Err(too_big("the draft on standard input"));
    }
    decode(bytes, format, "the draft on standard input")
}

fn too_big(what: &str) -> Error {
    Error::BadFile(format!(
        "{what} is over {} MB, more than a draft can be; check it is the right file",
        MAX_DRAFT_BYTES / (1024 * 1024)
    ))
}

/// The text of a draft's bytes, refusing what is not a draft.
fn decode(bytes: &[u8], format: Option<DraftFormat>, what: &str) -> Result<(String, DraftFormat)> {
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    let (text, format) = if format == Some(DraftFormat::Docx) || (format.is_none() && is_zip) {
        (docx::text(bytes, what)?, DraftFormat::Docx)
    } else {
        if bytes.contains(&0) {
            return Err(Error::BadFile(format!(
                "{what} is not text (it holds binary data); give a Markdown, plain text or Word (.docx) draft"
            )));
        }
        let text = String::from_utf8(bytes.to_vec()).map_err(|e| {
            Error::BadFile(format!(
                "{what} is not UTF-8 text (the first bad byte is at offset {}); save it as UTF-8 and try again",
                e.utf8_error().valid_up_to()
            ))
        })?;
        let text = match text.strip_prefix('\u{feff}') {
            Some(t) => t.to_string(),
            None => text,
        };
        (text, format.unwrap_or_default())
    };
    if text.trim().is_empty() {
        return Err(Error::BadFile(format!(
            "{what} is empty; there is nothing to check"
        )));
    }
    Ok((text, format))
}
