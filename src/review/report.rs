//! What a review says: the types of the report, one per part of it (an
//! expectation's row, a gap, the providers, the verdict), as the CLI prints them,
//! `--json` writes them and the app receives them.

pub use crate::people::Providers;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{Cycle, ReadinessLabel, Scope, WinId};

/// How strong the evidence for one expectation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
pub enum Strength {
    /// No evidence at all.
    None,
    /// Too little, too old or unproven to stand in calibration.
    Thin,
    /// Some evidence; a panel will probe it.
    Developing,
    /// Enough to make the case.
    Solid,
    /// Clearly above the bar.
    Strong,
}

impl Strength {
    /// The word shown to people.
    pub fn as_str(self) -> &'static str {
        match self {
            Strength::None => "none",
            Strength::Thin => "thin",
            Strength::Developing => "developing",
            Strength::Solid => "solid",
            Strength::Strong => "strong",
        }
    }
}

/// Wins for one expectation in one quarter: a cell of the heatmap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct QuarterCell {
    /// "2026-Q1".
    pub quarter: String,
    /// Wins dated in that quarter.
    pub wins: usize,
}

/// How many of an expectation's wins show each level of work.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct LevelCounts {
    /// Real work of the level below the target: it looks like the expectation and is not.
    pub below: usize,
    /// Work of the target level.
    pub at: usize,
    /// Work beyond the target level.
    pub above: usize,
}

/// A must-have of the ladder, by id and title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct MissingMustHave {
    /// The must-have's id, e.g. `successor`.
    pub id: String,
    /// What it is.
    pub title: String,
}

/// Whether the evidence shows one must-have of the ladder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct MustHaveStatus {
    /// The must-have's id.
    pub id: String,
    /// What it is.
    pub title: String,
    /// The expectation it belongs to.
    pub expectation: String,
    /// True when a win at or above the level shows it.
    pub shown: bool,
    /// The wins that show it, newest first.
    pub win_ids: Vec<WinId>,
    /// What to do to show it.
    pub next_step: String,
}

/// The review of one expectation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ExpectationReview {
    /// Expectation id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Wins in the window tagged with it (confirmed and suggested).
    pub wins: usize,
    /// Of those, confirmed by the user.
    pub confirmed: usize,
    /// Of those, only suggested.
    pub suggested: usize,
    /// The newest win's date.
    pub latest: Option<NaiveDate>,
    /// Quarters of the window with at least one win.
    pub quarters_with_evidence: usize,
    /// Every quarter of the window, oldest first, with its count.
    pub by_quarter: Vec<QuarterCell>,
    /// The widest scope reached.
    pub widest_scope: Option<Scope>,
    /// Wins with a metric.
    pub with_metric: usize,
    /// Wins someone can vouch for.
    pub vouched: usize,
    /// 0 to 100, from the parts above (see [`Readiness::method`]).
    pub score: u32,
    /// The strength in one word.
    pub strength: Strength,
    /// True when the evidence is missing or too thin to stand: no wins, a single
    /// win, or only old ones.
    pub gap: bool,
    /// The strength explained in words: "2 wins, both in 2026-Q1, no metric: thin and old".
    pub summary: String,
    /// The wins, newest first.
    pub win_ids: Vec<WinId>,
    /// How many of the wins show work below, at and above the target level. Only
    /// work at or above the level counts toward the strength.
    pub level_counts: LevelCounts,
    /// The wins below the level, newest first: real work, but not evidence for the
    /// target level (the outline keeps them to its appendix).
    pub below_level: Vec<WinId>,
    /// True for the floor (team delivery): assumed, it never carries the case.
    pub floor: bool,
    /// The ladder's must-haves for this expectation that no win shows yet.
    pub missing: Vec<MissingMustHave>,
    /// The next step, when the evidence is not strong: the missing must-have's
    /// first, else the ladder's.
    pub next_step: Option<String>,
    /// The question a panel will ask, when the evidence is not strong.
    pub panel_question: Option<String>,
}

/// A gap with what to do about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Gap {
    /// Expectation id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// What is missing, in a sentence.
    pub reason: String,
    /// The concrete next step, from the ladder.
    pub next_step: String,
    /// The other steps the ladder offers.
    pub more_steps: Vec<String>,
    /// The question a panel will ask about it.
    pub panel_question: Option<String>,
}

/// Whether the case rests on the last weeks alone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Sustained {
    /// Wins in the window.
    pub wins: usize,
    /// Of those, dated in the last six weeks.
    pub last_weeks: usize,
    /// Quarters of the window with any evidence.
    pub quarters_with_evidence: usize,
    /// Quarters in the window.
    pub quarters: usize,
    /// The warning, when there is one.
    pub warning: Option<String>,
}

/// The readiness of the whole case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Readiness {
    /// 0 to 100.
    pub score: u32,
    /// Ready, close or not yet, by the ladder's rules (see `method`).
    pub label: ReadinessLabel,
    /// One sentence with the verdict.
    pub summary: String,
    /// Why, in one sentence a Director would accept.
    pub reason: String,
    /// Gaps in the headline: expectations with no, thin, single, old or only
    /// below-level evidence.
    pub gaps: usize,
    /// The ladder's must-haves no win shows yet.
    pub missing: Vec<MissingMustHave>,
    /// The reasons of the verdict as fixed ids: `below-level-only:<expectation>`,
    /// `missing-must-have:<id>`, `not-sustained`, `no-senior-voice`,
    /// `no-outside-voice`, `floor-only`.
    pub reasons: Vec<String>,
    /// How the numbers were computed.
    pub method: String,
}

/// The whole review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Review {
    /// The ladder's id.
    pub ladder: String,
    /// The ladder's name.
    pub ladder_name: String,
    /// The cycle reviewed.
    pub cycle: Cycle,
    /// The day the review was made for.
    pub as_of: NaiveDate,
    /// Weeks left until the target date, when one is set.
    pub weeks_left: Option<i64>,
    /// One entry per expectation, in ladder order.
    pub expectations: Vec<ExpectationReview>,
    /// The gaps, most urgent first.
    pub gaps: Vec<Gap>,
    /// Wins in the window whose tags are all still suggestions.
    pub unconfirmed: usize,
    /// Sustained performance.
    pub sustained: Sustained,
    /// Feedback providers.
    pub providers: Providers,
    /// The ladder's must-haves, shown or not.
    pub must_haves: Vec<MustHaveStatus>,
    /// The verdict.
    pub readiness: Readiness,
}
