//! The sponsor pack as data: what the page says, section by section. The builder
//! in the parent module fills it; the outline's writers render it; the app shows
//! it as a live preview from the same value.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::feedback_plan::AskStatus;
use crate::model::{Cycle, Relation, Scope, WinId};
use crate::outline::Para;

/// The most words the page may have, headings and labels included.
pub const MAX_WORDS: usize = 450;

/// How many proof points the page leads with.
pub const PROOF_POINTS: usize = 3;

/// The case in two sentences, in the candidate's voice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Thesis {
    /// The level the case is for, as the cycle names it ("L7").
    pub target_level: String,
    /// Two sentences; claims cite their wins as `[#id]`.
    pub text: Para,
}

/// One of the strongest wins of the case, with what makes it count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ProofPoint {
    /// The win it rests on (cited as `[#id]` in `text`).
    pub win: WinId,
    /// The expectation of the ladder it proves.
    pub expectation: String,
    /// That expectation's title, in the candidate's voice.
    pub expectation_title: String,
    /// When it happened.
    pub date: NaiveDate,
    /// The metric as the user wrote it.
    pub metric: Option<String>,
    /// How far it reached.
    pub scope: Scope,
    /// Who vouches for it, as the page names them ("Grace Whitfield (skip-level manager)").
    pub vouchers: Vec<String>,
    /// The point as the page says it, in the first person, citing the win.
    pub text: Para,
}

/// Where an objection comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
pub enum ObjectionSource {
    /// The gap review: an expectation with thin, old or no evidence.
    Gap,
    /// A rehearsal question the candidate has answered.
    Rehearsal,
    /// The outline's areas for growth.
    Growth,
}

/// A doubt a panel will raise, with the answer to give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Objection {
    /// The expectation it is about, when it is about one.
    pub expectation: Option<String>,
    /// The objection, as a panel would put it.
    pub objection: String,
    /// The answer: the candidate's own words when they rehearsed it, else the
    /// evidence there is and the plan.
    pub answer: Para,
    /// Where it comes from.
    pub source: ObjectionSource,
}

/// One feedback provider: who was asked, who answered, on what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ProviderLine {
    /// Their name.
    pub person: String,
    /// How they relate to the candidate.
    pub relation: Option<Relation>,
    /// True when they sit outside the candidate's org.
    pub outside_org: bool,
    /// Planned, asked or answered.
    pub status: AskStatus,
    /// The expectations they speak to (ids of the ladder).
    pub expectations: Vec<String>,
    /// The same expectations by their titles, in the candidate's voice, as the
    /// page names them.
    pub expectation_titles: Vec<String>,
}

/// The sponsor pack: one page the candidate hands to the manager who argues the
/// case at calibration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Pack {
    /// The page's title.
    pub title: String,
    /// The cycle it argues.
    pub cycle: Cycle,
    /// The ladder's name.
    pub ladder_name: String,
    /// The case in two sentences.
    pub thesis: Thesis,
    /// The strongest wins across the expectations (at most [`PROOF_POINTS`]).
    pub proof_points: Vec<ProofPoint>,
    /// What the panel will raise, and the answer to each.
    pub objections: Vec<Objection>,
    /// Who was asked for feedback, who answered, on what.
    pub providers: Vec<ProviderLine>,
    /// More providers, named on the page without what they speak to (for room).
    pub more_providers: Vec<ProviderLine>,
    /// Expectations no provider can speak to yet (ids).
    pub uncovered: Vec<String>,
    /// What the candidate asks of the manager, addressed to the manager.
    pub ask: Vec<Para>,
    /// Words on the page, headings included (at most [`MAX_WORDS`]).
    pub words: usize,
}
