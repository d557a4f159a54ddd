//! The checker: proves a draft written anywhere (by hand, by an assistant, by
//! Caliber itself) against the ledger. Every figure must be one the evidence
//! holds, every citation a live win that holds the figures next to it, every claim
//! cited, every quote said by the person it is put to, and the ladder covered. It
//! is the outline's honesty rules made general, so the CLI (`caliber check`), the
//! app's "Check a draft" panel and an assistant all get the same answer.

mod report;

pub use report::{CheckOptions, Checked, DraftFormat, Finding, FindingKind, Report};

use std::path::Path;

use crate::error::{Error, Result};
use crate::store::Store;

/// The largest draft Caliber checks: a promotion document is tens of kilobytes.
pub const MAX_DRAFT_BYTES: u64 = 10 * 1024 * 1024;

/// Checks `text`, written as `options.format`, against the ledger in `store`
/// (its current cycle, ladder, people and feedback). Reads only; cheap enough to
/// run as a person types.
pub fn check_text(store: &Store, text: &str, options: &CheckOptions) -> Result<Report> {
    let _ = (store, text, options);
    Err(Error::Internal(
        "the checker's rules are not built yet".into(),
    ))
}

/// Reads a draft file: its text and format (DOCX by its content or extension,
/// plain text for `.txt`, else Markdown). A folder, a missing file, a file over
/// [`MAX_DRAFT_BYTES`], an empty one and one that is not text are refused with what
/// to do.
pub fn read_draft(path: &Path) -> Result<(String, DraftFormat)> {
    let _ = path;
    Err(Error::Internal("reading drafts is not built yet".into()))
}

/// Reads a draft from bytes (standard input): DOCX when they are a Word document,
/// else `format` (Markdown by default). Refused like [`read_draft`]'s files.
pub fn draft_from_bytes(
    bytes: &[u8],
    format: Option<DraftFormat>,
) -> Result<(String, DraftFormat)> {
    let _ = (bytes, format);
    Err(Error::Internal("reading drafts is not built yet".into()))
}
