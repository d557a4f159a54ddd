//! What a check of a draft answers: the findings, each where it is in the draft and
//! what to do about it, and how much of the draft was checked. The CLI prints these
//! and the app's "Check a draft" panel shows them, so they are plain data with the
//! same JSON and TypeScript shape everywhere.

use serde::{Deserialize, Serialize};

use crate::model::WinId;

/// Why a place in a draft is not backed by the evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// A figure (an amount, a percentage, a count with its unit, a multiple, a
    /// duration) that no win, outcome or feedback of the cycle holds.
    InventedFigure,
    /// A figure next to a citation `[#ID]` that the cited wins do not hold.
    FigureNotInCited,
    /// A citation of a win that does not exist or was deleted.
    UnknownWin,
    /// A sentence that claims a result with no citation.
    UncitedClaim,
    /// A quote that is not in the feedback, or not from the person it is put in
    /// the mouth of; or a witness who is not named on the wins cited.
    UnsupportedQuote,
    /// An expectation of the ladder the draft never speaks to.
    UncoveredExpectation,
    /// In short review (Forte) mode, a text over its word limit.
    ForteTooLong,
}

impl FindingKind {
    /// The name in JSON and in the text output: `invented_figure`, …
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::InventedFigure => "invented_figure",
            FindingKind::FigureNotInCited => "figure_not_in_cited",
            FindingKind::UnknownWin => "unknown_win",
            FindingKind::UncitedClaim => "uncited_claim",
            FindingKind::UnsupportedQuote => "unsupported_quote",
            FindingKind::UncoveredExpectation => "uncovered_expectation",
            FindingKind::ForteTooLong => "forte_too_long",
        }
    }
}

/// One place in the draft the evidence does not back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Finding {
    /// What is wrong.
    pub kind: FindingKind,
    /// The line it starts on, from 1. A finding about the whole draft (an
    /// uncovered expectation) is at line 1, column 1.
    pub line: usize,
    /// The column it starts at, in characters (not bytes), from 1.
    pub column: usize,
    /// The text in question: the figure, the citation, the sentence, the quote,
    /// the expectation's title.
    pub text: String,
    /// What to do about it, in a sentence.
    pub suggestion: String,
    /// The wins it concerns: the ones to cite for an uncited claim (best match
    /// first), the cited ones a figure is missing from, the unknown id.
    pub wins: Vec<WinId>,
}

/// How much of the draft was checked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Checked {
    /// Sentences read (headings and list items count as sentences too).
    pub sentences: usize,
    /// Figures found and compared with the evidence.
    pub figures: usize,
    /// Citations `[#ID]` found.
    pub citations: usize,
}

/// The answer of a check: every finding, in the order of the draft, and what was
/// checked. Clean when there are no findings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Report {
    /// The findings, by line and column (findings about the whole draft first).
    pub findings: Vec<Finding>,
    /// How much was checked.
    pub checked: Checked,
}

impl Report {
    /// True when the evidence backs everything the draft says.
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty()
    }
}

/// How a draft's text is written, which decides what is a paragraph and what is
/// left out (Markdown's code blocks are not prose).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum DraftFormat {
    /// Markdown: headings, lists, tables and quotes are read as such; code is skipped.
    #[default]
    #[value(alias = "md")]
    Markdown,
    /// Plain text: paragraphs are separated by blank lines.
    #[value(alias = "txt")]
    Text,
    /// A Word document; its text is read one paragraph a line.
    #[value(alias = "word")]
    Docx,
}

/// What a check asks beyond the rules every draft gets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CheckOptions {
    /// Short review mode (Forte, or the ladder's equivalent): each text (a
    /// paragraph or a list item) keeps to the word limit of the text its heading
    /// names (else the form's largest), and the ladder's coverage is not asked of it
    /// (a short text speaks to a few accomplishments, not the whole ladder).
    #[serde(default)]
    pub short: Option<crate::document_shape::ShortForm>,
    /// How the text is written.
    pub format: DraftFormat,
}
