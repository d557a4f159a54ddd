//! Scoring: the weights an expectation's score is made of, as named numbers, the
//! strength and gap that follow from it, and the "how this is computed" text for
//! them, written from the same numbers so the text cannot say one thing while the
//! score does another.

use crate::model::Scope;

use super::report::Strength;
use crate::words::count_words;

/// Evidence older than this many days is "old" for calibration.
pub const OLD_AFTER_DAYS: i64 = 180;
/// Evidence newer than this many days is "recent".
pub const RECENT_DAYS: i64 = 90;
/// The "last weeks" a case must not rest on alone.
pub const LAST_WEEKS: i64 = 6;
pub use crate::people::PROVIDERS_WANTED;

/// What an expectation's score (0 to 100) is made of. The parts add up to 100.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// Points for the amount of work at the level.
    pub amount: f64,
    /// Wins at the level for full marks on the amount.
    pub amount_full: u32,
    /// What one win above the level counts for, in wins at the level.
    pub above_counts: f64,
    /// Points for the spread over the window's quarters.
    pub spread: f64,
    /// Quarters with evidence for full marks on the spread.
    pub spread_full: u32,
    /// Points when the latest win is at most [`Weights::recent_days`] old.
    pub recent: f64,
    /// How many days old the latest win may be and still be recent.
    pub recent_days: i64,
    /// Points when the latest win is older than recent but at most
    /// [`Weights::old_after_days`] old.
    pub fairly_recent: f64,
    /// Beyond this many days, the latest win is old: no points, and a gap.
    pub old_after_days: i64,
    /// Points for the share of wins with a metric.
    pub metric: f64,
    /// Points for the share of wins someone vouches for.
    pub vouched: f64,
    /// Points when the widest scope reached is the org.
    pub scope_org: f64,
    /// Points when it is the company.
    pub scope_company: f64,
    /// Points when it is beyond the company.
    pub scope_industry: f64,
    /// A score under this is a gap.
    pub gap_under: u32,
    /// From this score on, the evidence is solid.
    pub solid_from: u32,
    /// From this score on, it is strong.
    pub strong_from: u32,
}

/// The weights the review scores with.
pub const WEIGHTS: Weights = Weights {
    amount: 35.0,
    amount_full: 5,
    above_counts: 1.5,
    spread: 20.0,
    spread_full: 3,
    recent: 15.0,
    recent_days: RECENT_DAYS,
    fairly_recent: 8.0,
    old_after_days: OLD_AFTER_DAYS,
    metric: 10.0,
    vouched: 10.0,
    scope_org: 5.0,
    scope_company: 8.0,
    scope_industry: 10.0,
    gap_under: 40,
    solid_from: 65,
    strong_from: 85,
};

/// What one expectation's score is computed from: its wins that count (at or
/// above the level; for the floor, every win).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Counted {
    /// True for the floor: every win counts.
    pub floor: bool,
    /// Wins that count.
    pub wins: usize,
    /// Of all its wins, those at the level.
    pub at: usize,
    /// Of all its wins, those above the level.
    pub above: usize,
    /// Quarters with a win that counts.
    pub quarters: usize,
    /// Days since the newest win that counts.
    pub age: Option<i64>,
    /// Wins that count with a metric.
    pub with_metric: usize,
    /// Wins that count that someone vouches for.
    pub vouched: usize,
    /// The widest scope a win that counts reached.
    pub widest: Option<Scope>,
}

impl Weights {
    /// True when the latest win that counts is old.
    pub(super) fn is_old(&self, age: Option<i64>) -> bool {
        age.is_some_and(|a| a > self.old_after_days)
    }

    /// The score, 0 to 100.
    pub(super) fn score(&self, c: &Counted) -> u32 {
        let amount = if c.floor {
            c.wins as f64
        } else {
            c.at as f64 + self.above_counts * c.above as f64
        };
        let full = f64::from(self.amount_full);
        let mut score = (amount.min(full) / full) * self.amount;
        score += (c.quarters.min(self.spread_full as usize) as f64 / f64::from(self.spread_full))
            * self.spread;
        score += match c.age {
            Some(a) if a <= self.recent_days => self.recent,
            Some(a) if a <= self.old_after_days => self.fairly_recent,
            _ => 0.0,
        };
        if c.wins > 0 {
            score += self.metric * c.with_metric as f64 / c.wins as f64;
            score += self.vouched * c.vouched as f64 / c.wins as f64;
        }
        score += match c.widest {
            Some(Scope::Industry) => self.scope_industry,
            Some(Scope::Company) => self.scope_company,
            Some(Scope::Org) => self.scope_org,
            _ => 0.0,
        };
        score.round().clamp(0.0, 100.0) as u32
    }

    /// True when the evidence cannot stand: a single win or none that counts, only
    /// old ones, or a low score. Thin is a gap: the headline never says "0 gaps"
    /// beside a thin row.
    pub(super) fn is_gap(&self, c: &Counted, score: u32) -> bool {
        c.wins <= 1 || self.is_old(c.age) || score < self.gap_under
    }

    /// The strength of an expectation with `wins` wins in all.
    pub(super) fn strength(&self, wins: usize, gap: bool, score: u32) -> Strength {
        if wins == 0 {
            Strength::None
        } else if gap {
            Strength::Thin
        } else if score < self.solid_from {
            Strength::Developing
        } else if score < self.strong_from {
            Strength::Solid
        } else {
            Strength::Strong
        }
    }

    /// How an expectation's score, gap and strength are computed, in sentences.
    pub fn describe(&self) -> String {
        format!(
            "Each expectation then scores 0-100 from its wins at or above the level in the window: amount (up to {}, {} at the level for full marks, above-level wins count {}; a confirmed tag makes the link surer, not the work stronger), spread over quarters ({}, {} for full marks), recency of the latest ({} within {} days, {} within {}), share with a metric ({}), share someone vouches for ({}) and widest scope (org {}, company {}, industry {}). An expectation with no wins at the level, a single one, only old ones or a score under {} is a gap (thin is a gap).",
            self.amount,
            counted(self.amount_full, "win", "wins"),
            self.above_counts,
            self.spread,
            counted(self.spread_full, "quarter", "quarters"),
            self.recent,
            self.recent_days,
            self.fairly_recent,
            self.old_after_days,
            self.metric,
            self.vouched,
            self.scope_org,
            self.scope_company,
            self.scope_industry,
            self.gap_under,
        )
    }
}

/// "five wins", "one quarter": small counts in words, as a sentence has them.
fn counted(n: u32, one: &str, many: &str) -> String {
    let number = if n < 100 {
        count_words(n as usize)
    } else {
        n.to_string()
    };
    format!("{number} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_is_written_from_the_weights() {
        let text = WEIGHTS.describe();
        assert!(text.contains("amount (up to 35, five wins at the level for full marks"));
        assert!(text.contains("recency of the latest (15 within 90 days, 8 within 180)"));
        assert!(text.contains("a score under 40 is a gap"));
        let heavier = Weights {
            amount: 40.0,
            spread_full: 4,
            scope_org: 4.0,
            gap_under: 45,
            ..WEIGHTS
        };
        let changed = heavier.describe();
        assert_ne!(changed, text);
        assert!(changed.contains("amount (up to 40, five wins"));
        assert!(changed.contains("spread over quarters (20, four quarters for full marks)"));
        assert!(changed.contains("widest scope (org 4, company 8"));
        assert!(changed.contains("a score under 45 is a gap"));
    }

    #[test]
    fn the_parts_add_up_to_one_hundred() {
        let w = WEIGHTS;
        let top = w.amount + w.spread + w.recent + w.metric + w.vouched + w.scope_industry;
        assert_eq!(top, 100.0);
        let best = Counted {
            floor: false,
            wins: 5,
            at: 5,
            above: 0,
            quarters: 3,
            age: Some(0),
            with_metric: 5,
            vouched: 5,
            widest: Some(Scope::Industry),
        };
        assert_eq!(w.score(&best), 100);
        assert_eq!(w.score(&Counted::default()), 0);
    }

    #[test]
    fn a_changed_weight_changes_the_score() {
        let c = Counted {
            floor: false,
            wins: 2,
            at: 2,
            above: 0,
            quarters: 1,
            age: Some(100),
            with_metric: 1,
            vouched: 0,
            widest: Some(Scope::Org),
        };
        // 2/5 of 35 + 1/3 of 20 + 8 + 10/2 + 0 + 5 = 38.67
        assert_eq!(WEIGHTS.score(&c), 39);
        let org_weighs_more = Weights {
            scope_org: 7.0,
            ..WEIGHTS
        };
        assert_eq!(org_weighs_more.score(&c), 41);
        assert!(WEIGHTS.is_gap(&c, 39));
        assert!(!WEIGHTS.is_gap(&c, 41));
    }
}
