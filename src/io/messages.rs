//! What an importer says when a file is wrong: a day that is not a date, JSON that
//! does not parse. Every format words these the same way, in terms a person can
//! act on.

use chrono::NaiveDate;

use crate::error::Error;

/// The message for a day that is not a real date.
pub(super) fn bad_date(text: &str) -> String {
    format!(
        "date '{}' is not a valid date (use YYYY-MM-DD)",
        text.trim()
    )
}

/// Reads `YYYY-MM-DD`, the one form of a day every format writes.
pub(super) fn parse_day(text: &str) -> std::result::Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| bad_date(text))
}

/// Says what is wrong with JSON that does not parse, in terms a person can act on.
pub(super) fn json_syntax_error(e: &serde_json::Error, what: &str) -> Error {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => Error::BadFile(format!(
            "the {what} ends too early (line {}, column {}): it looks cut off; copy or export it again",
            e.line(),
            e.column()
        )),
        Category::Syntax => Error::BadFile(format!(
            "the {what} is not valid JSON at line {}, column {}: {}; fix that spot or export the file again",
            e.line(),
            e.column(),
            strip_position(&e.to_string())
        )),
        _ => Error::BadFile(format!("the {what} cannot be read: {e}")),
    }
}

/// serde_json ends its messages with " at line L column C"; the callers say where
/// in their own words, so the position is dropped here.
pub(super) fn strip_position(msg: &str) -> &str {
    match msg.rfind(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    }
}
