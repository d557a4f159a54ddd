//! The verdict a sponsoring Director would sign: the readiness score, the label by
//! the rules the ladder writes down ([`crate::ladder::VerdictRules`]) and the one
//! sentence that says why. The floor never carries the case; gaps, missing
//! must-haves and missing senior or outside voices hold it back.

use super::{
    ExpectationReview, LAST_WEEKS, MissingMustHave, MustHaveStatus, OLD_AFTER_DAYS,
    PROVIDERS_WANTED, Providers, RECENT_DAYS, Readiness, Sustained, plural,
};
use crate::ladder::Ladder;

/// The verdict on the whole case.
pub fn readiness(
    ladder: &Ladder,
    reviews: &[ExpectationReview],
    providers: &Providers,
    sustained: &Sustained,
    must: &[MustHaveStatus],
    late: Option<(usize, usize)>,
) -> Readiness {
    let rules = &ladder.verdict;
    let carrying: Vec<&ExpectationReview> = reviews.iter().filter(|r| !r.floor).collect();
    let n = carrying.len().max(1);
    let mean = carrying.iter().map(|r| r.score).sum::<u32>() as f64 / n as f64;
    let gap_rows: Vec<&ExpectationReview> = reviews.iter().filter(|r| r.gap).collect();
    let gaps = gap_rows.len();
    let missing: Vec<MissingMustHave> = must
        .iter()
        .filter(|m| !m.shown)
        .map(|m| MissingMustHave {
            id: m.id.clone(),
            title: m.title.clone(),
        })
        .collect();
    // Each gap, missing must-have and missing voice costs points: a case is as
    // strong as its weakest part.
    let mut score = mean - 10.0 * gaps as f64 - 5.0 * missing.len() as f64;
    if providers.count < PROVIDERS_WANTED {
        score -= 5.0 * (PROVIDERS_WANTED - providers.count) as f64;
    }
    if providers.senior_voices == 0 {
        score -= 5.0;
    }
    if sustained.warning.is_some() {
        score -= 5.0;
    }
    let score = score.round().clamp(0.0, 100.0) as u32;
    let below_only: Vec<&str> = reviews
        .iter()
        .filter(|r| !r.floor && r.wins > 0 && r.level_counts.at + r.level_counts.above == 0)
        .map(|r| r.id.as_str())
        .collect();
    let floor_only =
        reviews.iter().any(|r| r.floor && r.wins > 0) && carrying.iter().all(|r| r.gap);
    let mut reasons: Vec<String> = below_only
        .iter()
        .map(|id| format!("below-level-only:{id}"))
        .collect();
    reasons.extend(
        missing
            .iter()
            .map(|m| format!("missing-must-have:{}", m.id)),
    );
    if late.is_some() {
        reasons.push("not-sustained".into());
    }
    if providers.at_or_above == 0 {
        reasons.push("no-senior-voice".into());
    }
    if providers.outside_org == 0 {
        reasons.push("no-outside-voice".into());
    }
    if floor_only {
        reasons.push("floor-only".into());
    }
    let held_back = (rules.not_yet_when_below_only && !below_only.is_empty())
        || (rules.not_yet_when_not_sustained && late.is_some());
    let label = if held_back {
        "not-yet"
    } else if gaps <= rules.ready_max_gaps
        && missing.len() <= rules.ready_max_missing
        && providers.at_or_above >= rules.ready_min_senior_voices
        && providers.outside_org >= rules.ready_min_senior_voices
        && score >= rules.ready_min_score
    {
        "ready"
    } else if gaps <= rules.close_max_gaps
        && missing.len() <= rules.close_max_missing
        && score >= rules.close_min_score
    {
        "close"
    } else {
        "not-yet"
    };

    let mut why: Vec<String> = Vec::new();
    if gaps > 0 {
        let ids: Vec<&str> = gap_rows.iter().map(|r| r.id.as_str()).collect();
        let mut clause = format!(
            "{} of {} expectations {} a gap ({})",
            gaps,
            reviews.len(),
            if gaps == 1 { "is" } else { "are" },
            ids.join(", ")
        );
        if !below_only.is_empty() {
            let which = if below_only.len() == gaps {
                "all resting only on".to_string()
            } else {
                format!("{} of them resting only on", below_only.len())
            };
            clause.push_str(&format!(
                ", {which} {} work ({})",
                ladder.current_level,
                below_only.join(", ")
            ));
        }
        why.push(clause);
    }
    if let Some((late, all)) = late {
        why.push(format!(
            "{late} of the {all} wins at the level come from the last {} weeks before the target date: the work is not yet sustained",
            rules.sustained_days / 7
        ));
    }
    if floor_only {
        why.push("the case rests on team delivery, the floor".into());
    }
    if !missing.is_empty() {
        let names: Vec<String> = missing
            .iter()
            .map(|m| format!("{} ({})", m.id, m.title))
            .collect();
        why.push(format!(
            "no win shows {}: {}",
            if missing.len() == 1 {
                "the must-have"
            } else {
                "the must-haves"
            },
            names.join(", ")
        ));
    }
    match (providers.at_or_above, providers.outside_org) {
        (0, 0) => why.push(format!(
            "nobody at or above {} and nobody outside your org vouches for the work",
            ladder.target_level
        )),
        (0, _) => why.push(format!(
            "nobody at or above {} vouches for the work",
            ladder.target_level
        )),
        (_, 0) => why.push("nobody outside your org vouches for the work".into()),
        _ => {}
    }
    if why.is_empty() && score < rules.ready_min_score {
        why.push(format!(
            "the evidence at the level is still too little, too old or unproven (readiness {score}/100, {} wanted)",
            rules.ready_min_score
        ));
    }
    let reason = match label {
        "ready" => format!(
            "Ready: every expectation beyond the floor has {} work that can stand, every must-have is shown, and {} at or above the level or outside the org vouch.",
            ladder.target_level,
            plural(providers.senior_voices, "voice", "voices")
        ),
        "close" => format!(
            "Close: {}; nothing else stands between this case and {}.",
            why.join("; "),
            ladder.target_level
        ),
        _ => format!("Not yet: {}.", why.join("; ")),
    };
    let to_close = match missing.len() {
        0 => plural(gaps, "gap", "gaps"),
        m => format!(
            "{} and {}",
            plural(gaps, "gap", "gaps"),
            plural(m, "missing must-have", "missing must-haves")
        ),
    };
    let summary = match label {
        "ready" => format!(
            "Ready: every expectation has evidence at the level that can stand, readiness {score}/100."
        ),
        "close" => format!("Close: readiness {score}/100 with {to_close} to close."),
        _ => format!("Not yet: readiness {score}/100 with {to_close} to close."),
    };
    Readiness {
        score,
        label: label.into(),
        summary,
        reason,
        gaps,
        missing,
        reasons,
        method: format!(
            "Each win is judged for each of its expectations: below, at or above {target}, by the ladder's rules (what looks like the expectation but is {current} work, what is {target} work, what is beyond it), unless you set its level. Each expectation then scores 0-100 from its wins at or above the level in the window: amount (up to 35, five wins at the level for full marks, above-level wins count 1.5; a confirmed tag makes the link surer, not the work stronger), spread over quarters (20, three quarters for full marks), recency of the latest (15 within {RECENT_DAYS} days, 8 within {OLD_AFTER_DAYS}), share with a metric (10), share someone vouches for (10) and widest scope (org 5, company 8, industry 10). An expectation with no wins at the level, a single one, only old ones or a score under 40 is a gap (thin is a gap). Team delivery is the floor: every win counts toward it, and it is left out of the mean, so it never carries the case. Readiness is the mean of the other expectations' scores, minus 10 per gap, 5 per missing must-have, 5 per feedback provider below {PROVIDERS_WANTED}, 5 when nobody at or above the level or outside the org vouches, and 5 when the case rests on the last {LAST_WEEKS} weeks. Not yet whenever an expectation beyond the floor rests only on {current} work, or when most of the work at the level comes from the last {} days before the target date. Ready: at most {} gaps, at most {} missing must-haves, at least {} voices at or above the level and as many from outside the org, and {} or more; close: at most {} gaps, at most {} missing must-haves and {} or more; otherwise not yet.",
            rules.sustained_days,
            rules.ready_max_gaps,
            rules.ready_max_missing,
            rules.ready_min_senior_voices,
            rules.ready_min_score,
            rules.close_max_gaps,
            rules.close_max_missing,
            rules.close_min_score,
            target = ladder.target_level,
            current = ladder.current_level,
        ),
    }
}
