//! Wording: the sentences of the review, from numbers already counted. Nothing is
//! decided here; what counts and how much is decided in `build` and `scoring`.

use chrono::NaiveDate;
use std::collections::HashMap;

use crate::ladder::{Expectation, Ladder};
use crate::model::Scope;

use super::report::{ExpectationReview, Gap, LevelCounts, Strength};
use super::scoring::LAST_WEEKS;

pub(crate) use crate::words::plural;

pub use crate::words::count_words;

/// What an expectation's row says, counted.
pub(super) struct RowFacts<'a> {
    /// Its wins in the window.
    pub wins: usize,
    /// Of those, with a confirmed tag.
    pub confirmed: usize,
    /// True for the floor.
    pub floor: bool,
    /// Its wins below, at and above the level.
    pub level_counts: LevelCounts,
    /// Its wins per (year, quarter).
    pub quarters: &'a HashMap<(i32, u32), usize>,
    /// The newest win's date.
    pub latest: Option<NaiveDate>,
    /// The day of the review.
    pub as_of: NaiveDate,
    /// Wins with a metric.
    pub with_metric: usize,
    /// Wins someone vouches for.
    pub vouched: usize,
    /// The widest scope reached.
    pub widest_scope: Option<Scope>,
    /// The strength.
    pub strength: Strength,
    /// Wins that count (at or above the level; for the floor, all).
    pub counted: usize,
    /// True when the newest win that counts is old.
    pub old: bool,
    /// Why the newest win below the level is below it, when there is one.
    pub below_reason: Option<String>,
}

/// The strength of an expectation explained: "2 wins, both in 2026-Q1, no metric:
/// thin and old".
pub(super) fn expectation_summary(f: &RowFacts<'_>) -> String {
    let &RowFacts {
        wins: n,
        confirmed,
        floor,
        level_counts,
        quarters: per_q,
        latest,
        as_of,
        with_metric,
        vouched,
        widest_scope,
        strength,
        counted: k,
        old,
        ..
    } = f;
    let below_reason = f.below_reason.as_deref();
    if n == 0 {
        "no wins in the window: a gap".to_string()
    } else {
        let mut parts = vec![plural(n, "win", "wins")];
        if n > confirmed {
            parts[0].push_str(&format!(" ({} only suggested)", n - confirmed));
        }
        if !floor {
            parts.push(
                match (level_counts.at + level_counts.above, level_counts.below) {
                    (0, _) => "none at the level".to_string(),
                    (a, 0) => format!("{a} at the level"),
                    (a, b) => format!("{a} at the level and {b} below"),
                },
            );
        }
        let only_quarter = per_q
            .keys()
            .next()
            .map(|(y, q)| format!("{y}-Q{q}"))
            .unwrap_or_default();
        parts.push(match per_q.len() {
            1 if n == 1 => format!("in {}", only_quarter),
            1 if n == 2 => format!("both in {}", only_quarter),
            1 => format!("all in {}", only_quarter),
            q => format!("across {q} quarters"),
        });
        if let Some(d) = latest {
            parts.push(format!("latest {d} ({})", ago((as_of - d).num_days())));
        }
        parts.push(match with_metric {
            0 => "no metric".to_string(),
            m if m == n => "all with a metric".to_string(),
            m => format!("{m} with a metric"),
        });
        parts.push(match vouched {
            0 => "nobody to vouch".to_string(),
            v => format!("{v} vouched for"),
        });
        if let Some(s) = widest_scope {
            parts.push(format!("reaching the {}", s.as_str()));
        }
        let mut verdict = vec![strength.as_str().to_string()];
        if k == 0 && !floor {
            verdict.push("only work below the level".into());
        } else if k == 1 {
            verdict.push(if floor || n == 1 {
                "a single win".into()
            } else {
                "a single win at the level".into()
            });
        }
        if old {
            verdict.push("old".into());
        }
        if floor {
            verdict.push("the floor, which never carries the case".into());
        }
        let mut text = format!("{}: {}", parts.join(", "), verdict.join(" and "));
        if let Some(r) = below_reason.filter(|_| !floor && k < 2) {
            text.push_str(&format!(" ({r})"));
        }
        text
    }
}

/// The next step when the ladder offers none.
pub(super) fn log_what_you_did(title: &str) -> String {
    format!(
        "Log what you have already done for \"{title}\" and plan one visible piece of work for it."
    )
}

pub use crate::dates::ago;

/// A gap, with the reason in words, the time left and what to do.
pub(super) fn gap_for(
    r: &ExpectationReview,
    e: &Expectation,
    ladder: &Ladder,
    weeks_left: Option<i64>,
    as_of: NaiveDate,
) -> Gap {
    let at_level = r.level_counts.at + r.level_counts.above;
    let reason = match (r.wins, r.latest) {
        (0, _) => format!("No evidence for \"{}\" in the window.", e.title),
        (n, _) if at_level == 0 && !r.floor => format!(
            "{} for \"{}\", none of it {} work: {}",
            plural(n, "win", "wins"),
            e.title,
            ladder.target_level,
            r.summary
                .rsplit_once(" (")
                .map(|(_, why)| why.trim_end_matches(')').to_string() + ".")
                .unwrap_or_else(|| "it is work of the level below.".into())
        ),
        (1, Some(d)) => format!(
            "Only one win for \"{}\" ({d}, {}); one win is a gap, not a strength.",
            e.title,
            ago((as_of - d).num_days())
        ),
        (n, Some(_)) if at_level == 1 && !r.floor => format!(
            "{} for \"{}\", only one of them {} work; one win at the level is a gap, not a strength.",
            plural(n, "win", "wins"),
            e.title,
            ladder.target_level
        ),
        (n, Some(d)) => format!(
            "{} for \"{}\", the latest {}, {}: panels weigh recent, proven work at the level.",
            plural(n, "win", "wins"),
            e.title,
            ago((as_of - d).num_days()),
            r.strength.as_str()
        ),
        (_, None) => format!("No dated evidence for \"{}\".", e.title),
    };
    let time = match weeks_left {
        Some(0) => {
            " The target date has come: add what you already did but never logged.".to_string()
        }
        Some(w) => format!(
            " There are {} until the target date.",
            plural(w as usize, "week", "weeks")
        ),
        None => String::new(),
    };
    let first = r
        .next_step
        .clone()
        .unwrap_or_else(|| log_what_you_did(&e.title));
    Gap {
        id: e.id.clone(),
        title: e.title.clone(),
        reason: format!(
            "{reason} {} expects: {}{time}",
            ladder.target_level, e.description
        ),
        next_step: first,
        more_steps: e.next_steps.iter().skip(1).cloned().collect(),
        panel_question: e.panel_questions.first().cloned(),
    }
}

/// The warning when most wins come from the last weeks.
pub(super) fn late_warning(last: usize, n: usize) -> String {
    format!(
        "{last} of your {n} wins are from the last {LAST_WEEKS} weeks. Panels look for sustained performance across the whole window: log what you did earlier in the year while you still remember it."
    )
}

/// The warning when the evidence sits in few of the window's quarters.
pub(super) fn quiet_quarters_warning(with_evidence: usize, quarters: usize) -> String {
    format!(
        "Your evidence sits in {with_evidence} of the window's {quarters} quarters. Panels look for sustained performance: fill the quiet quarters with what you did then."
    )
}
