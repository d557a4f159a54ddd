//! The outline's data: the document and the Forte texts as values, what they are
//! drawn from, and how evidence is ranked. The builder in the parent module and
//! its writers (Markdown, HTML, DOCX, the narrative) all read these, so they live
//! apart from both.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ladder::Ladder;
use crate::model::{Cycle, Feedback, Person, Relation, Scope, WinId};
use crate::review::{RankedWin, Review, Strength};

/// A paragraph of the draft and the wins it rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Para {
    /// The text; claims carry `[#id]` citations inline.
    pub text: String,
    /// Every win id cited in `text`.
    pub cites: Vec<WinId>,
}

/// One win presented as situation, action, result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Evidence {
    /// The win's id.
    pub id: WinId,
    /// When it happened.
    pub date: NaiveDate,
    /// Its title.
    pub title: String,
    /// Situation, when written down.
    pub situation: Option<String>,
    /// Action, when written down.
    pub action: Option<String>,
    /// Result, when written down.
    pub result: Option<String>,
    /// Metric, as written.
    pub metric: Option<String>,
    /// Scope reached.
    pub scope: Scope,
    /// Names of the principles it shows.
    pub principles: Vec<String>,
    /// Who can vouch for it.
    pub vouchers: Vec<String>,
    /// Links to artifacts.
    pub links: Vec<String>,
}

/// The section of one expectation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ExpectationSection {
    /// Expectation id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The review's strength.
    pub strength: Strength,
    /// True when the review calls it a gap.
    pub gap: bool,
    /// The narrative paragraph.
    pub narrative: Para,
    /// The best two to four wins.
    pub evidence: Vec<Evidence>,
}

/// A leadership principle and the wins that show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct PrincipleSection {
    /// Principle id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// One line citing the wins.
    pub line: Para,
}

/// A quote from a feedback provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Quote {
    /// Who said it.
    pub person: String,
    /// Their relation, when known.
    pub relation: Option<Relation>,
    /// When.
    pub date: NaiveDate,
    /// What they said.
    pub quote: String,
    /// The expectation it speaks to.
    pub expectation: Option<String>,
}

impl Quote {
    /// Who said it, as a document names them: "Grace Whitfield, skip-level manager".
    pub fn attribution(&self) -> String {
        match self.relation {
            Some(r) => format!("{}, {}", self.person, r.words()),
            None => self.person.clone(),
        }
    }
}

/// Feedback providers and who else to ask.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ProvidersSection {
    /// The review's sentence on coverage.
    pub summary: String,
    /// People who vouch for wins in the window.
    pub vouchers: Vec<String>,
    /// Quotes from the window, newest first.
    pub quotes: Vec<Quote>,
    /// People worth asking.
    pub ask: Vec<String>,
}

/// An area for growth, or a reason a panel might give not to promote, with the
/// answer to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Concern {
    /// The concern, as a panel would say it.
    pub concern: String,
    /// Counter-evidence already in the ledger, or the plan.
    pub response: Para,
}

/// A line of the appendix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct AppendixRow {
    /// Win id.
    pub id: WinId,
    /// Date.
    pub date: NaiveDate,
    /// Title.
    pub title: String,
    /// Metric.
    pub metric: Option<String>,
    /// Expectation ids.
    pub expectations: Vec<String>,
}

/// The whole outline of a promotion document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Outline {
    /// Document title.
    pub title: String,
    /// The cycle it covers.
    pub cycle: Cycle,
    /// The ladder's name.
    pub ladder_name: String,
    /// 1. Summary.
    pub summary: Vec<Para>,
    /// 2. One section per expectation, in ladder order.
    pub expectations: Vec<ExpectationSection>,
    /// 3. Leadership principles evidenced.
    pub principles: Vec<PrincipleSection>,
    /// 4. Feedback providers and quotes.
    pub providers: ProvidersSection,
    /// 5. Areas for growth / reasons not to promote.
    pub growth: Vec<Concern>,
    /// 6. Every win of the window by date.
    pub appendix: Vec<AppendixRow>,
    /// The document's shape (the ladder's): which of the parts above it shows, in
    /// what order, under which headings. Presentation only, so not in the JSON,
    /// whose parts are the same for every ladder.
    #[serde(skip, default = "amazon_shape")]
    #[ts(skip)]
    pub shape: crate::document_shape::DocumentShape,
}

/// The shape of an outline read back from JSON, which does not carry one: Amazon's.
fn amazon_shape() -> crate::document_shape::DocumentShape {
    crate::ladder::default_document().clone()
}

/// A company's short review texts (Amazon's Forte and its equivalents), as the
/// cycle's ladder shapes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ShortReview {
    /// What the form is called, e.g. "Yearly review (Forte)".
    pub name: String,
    /// The texts, in the form's order.
    pub texts: Vec<ShortText>,
}

/// The user's own wording of one paragraph of a short review, made in the app
/// before copying it: paragraph `para` of text `text`, in the form's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ShortEdit {
    /// Which text of the form, from 0.
    pub text: usize,
    /// Which paragraph of that text, from 0.
    pub para: usize,
    /// The words as the user left them.
    pub value: String,
}

/// One text of a short review: several paragraphs for the accomplishments (one a
/// win), one otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ShortText {
    /// What it is built from.
    pub part: crate::document_shape::ShortPart,
    /// Its heading, as the form shows it.
    pub heading: String,
    /// What the form asks in it.
    pub prompt: String,
    /// The most words each paragraph may hold.
    pub max_words: usize,
    /// The texts, each within `max_words`.
    pub paras: Vec<Para>,
}

/// Everything an outline is drawn from.
pub struct Sources<'a> {
    /// The ladder.
    pub ladder: &'a Ladder,
    /// The cycle.
    pub cycle: &'a Cycle,
    /// Wins as ranked (those outside the window are left out).
    pub wins: &'a [RankedWin],
    /// People.
    pub people: &'a [Person],
    /// Feedback.
    pub feedback: &'a [Feedback],
    /// The gap review of the same data.
    pub review: &'a Review,
    /// The user's answers to the rehearsal's questions.
    pub answers: &'a [crate::rehearse::answer::Answer],
}

/// How good a win is as evidence: confirmed, with a number, wide, vouched, recent.
pub(crate) fn weight(w: &RankedWin, expectation: Option<&str>) -> (u32, NaiveDate, WinId) {
    let mut s = 0;
    if let Some(e) = expectation
        && w.expectations.iter().any(|t| t.id == e && t.confirmed)
    {
        s += 4;
    }
    if w.metric.is_some() {
        s += 3;
    }
    s += match w.scope {
        Scope::Team => 0,
        Scope::Org => 1,
        Scope::Company => 2,
        Scope::Industry => 3,
    };
    if w.is_vouched() {
        s += 2;
    }
    if w.result.is_some() || w.has_action {
        s += 1;
    }
    (s, w.date, w.id)
}

/// The best wins for an expectation, best first.
pub(super) fn best_for<'a>(wins: &[&'a RankedWin], id: &str, n: usize) -> Vec<&'a RankedWin> {
    let mut mine: Vec<&RankedWin> = wins
        .iter()
        .copied()
        .filter(|w| w.expectations.iter().any(|t| t.id == id))
        .collect();
    mine.sort_by_key(|w| std::cmp::Reverse(weight(w, Some(id))));
    mine.truncate(n);
    mine
}
