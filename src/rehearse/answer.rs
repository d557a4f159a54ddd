//! What the store keeps of the rehearsal: the user's answer to a question, by the
//! question's id. Apart from the questions so that the store and the cycle's data
//! can hold answers without reaching the rehearsal's rules.

use serde::{Deserialize, Serialize};

use crate::model::WinId;

/// An answer the user wrote to one question, as stored and backed up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Answer {
    /// The question's id.
    pub question: String,
    /// The answer.
    pub answer: String,
}

/// A question's id: its kind, the expectation and, for a story, the win.
pub fn question_id(kind: &str, expectation: &str, win: Option<WinId>) -> String {
    match win {
        Some(w) => format!("{kind}:{expectation}:{w}"),
        None => format!("{kind}:{expectation}"),
    }
}

/// A question id with its win's id replaced by `moved(old)`, when it names a win
/// and that win has a new id (a backup imported into a ledger that numbers it
/// anew); otherwise the id as it is.
pub fn moved_question(id: &str, moved: impl Fn(WinId) -> Option<WinId>) -> String {
    let mut parts = id.splitn(3, ':');
    if let (Some(kind), Some(expectation), Some(win)) = (parts.next(), parts.next(), parts.next())
        && let Ok(old) = win.parse::<WinId>()
        && let Some(new) = moved(old)
    {
        return format!("{kind}:{expectation}:{new}");
    }
    id.to_string()
}
