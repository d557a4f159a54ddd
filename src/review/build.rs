//! Building the review from its inputs: each win's level judged once for every
//! expectation it carries, then each expectation counted and scored, the gaps
//! ranked, the sustained check, the providers and the verdict. Pure: the same
//! inputs give the same review.

use chrono::{Datelike, Duration, NaiveDate};
use std::collections::{BTreeSet, HashMap};

use crate::dates::quarter_of;
use crate::ladder::Expectation;
use crate::level::{Judge, Reading, WinSignals};
use crate::model::{Level, PersonId, WinId};

use super::loading::{Inputs, Reviewable};
use super::report::{
    ExpectationReview, LevelCounts, MissingMustHave, MustHaveStatus, QuarterCell, Review, Strength,
    Sustained,
};
use super::scoring::{Counted, LAST_WEEKS, WEIGHTS};
use super::verdict::readiness;
use super::wording;

/// The quarters a window spans, oldest first.
pub fn quarters(start: NaiveDate, end: NaiveDate) -> Vec<String> {
    let mut out = Vec::new();
    let mut y = start.year();
    let mut q = start.month0() / 3;
    let (ey, eq) = (end.year(), end.month0() / 3);
    while (y, q) <= (ey, eq) {
        out.push(format!("{y}-Q{}", q + 1));
        q += 1;
        if q == 4 {
            q = 0;
            y += 1;
        }
    }
    out
}

/// Who can vouch for the case, as [`review`] counts them, without the rest of the
/// review: what the checker needs to know the counts the outline quotes.
pub fn providers_of<W: Reviewable>(input: &Inputs<'_, W>) -> crate::review::Providers {
    let wins: Vec<&W> = input
        .wins
        .iter()
        .filter(|w| input.cycle.contains(w.date()))
        .collect();
    providers_among(input, &wins)
}

/// The providers of the window's `wins`.
fn providers_among<W: Reviewable>(input: &Inputs<'_, W>, wins: &[&W]) -> crate::review::Providers {
    crate::people::providers(&crate::people::Voices {
        wins,
        people: input.people,
        feedback: input.feedback,
        cycle: input.cycle,
        ladder: input.ladder,
        own_org: input.own_org,
    })
}

/// Builds the review. Pure: the same inputs give the same review.
pub fn review<W: Reviewable>(input: &Inputs<'_, W>) -> Review {
    let Inputs {
        ladder,
        cycle,
        people,
        as_of,
        ..
    } = *input;
    let wins: Vec<&W> = input
        .wins
        .iter()
        .filter(|w| cycle.contains(w.date()))
        .collect();
    let quarter_list = quarters(cycle.start, cycle.end.min(as_of.max(cycle.start)));
    let judge = Judge::new(ladder, people, input.own_org, input.overrides);
    let n_exp = ladder.expectations.len();

    // Each win is read once: its level for each expectation it carries, and the
    // must-haves it shows.
    let mut levels: Vec<Option<Level>> = vec![None; wins.len() * n_exp];
    let mut shown: Vec<Vec<WinId>> = vec![Vec::new(); ladder.must_haves.len()];
    let mut ids: Vec<PersonId> = Vec::new();
    let mut tagged: Vec<(usize, Level)> = Vec::new();
    let mut tags: Vec<usize> = Vec::new();
    let mut reading = Reading::default();
    let read = |w: &W, ids: &mut Vec<PersonId>, reading: &mut Reading| {
        ids.clear();
        ids.extend(w.named().map(|(id, _)| id));
        let text = w.text();
        judge.read_into(
            &WinSignals {
                id: w.id(),
                text: &text,
                scope: w.scope(),
                has_metric: w.has_metric(),
                people: ids,
            },
            reading,
        );
    };
    for (i, w) in wins.iter().enumerate() {
        tags.clear();
        tags.extend((0..n_exp).filter(|&e| w.tag(&ladder.expectations[e].id).is_some()));
        if tags.is_empty() {
            continue;
        }
        read(w, &mut ids, &mut reading);
        tagged.clear();
        for &e in &tags {
            let (level, _) = judge.level_at(w.id(), &reading, e);
            levels[i * n_exp + e] = Some(level);
            tagged.push((e, level));
        }
        for m in judge.shows(&reading, &tagged) {
            shown[m].push(w.id());
        }
    }
    let must_haves: Vec<MustHaveStatus> = ladder
        .must_haves
        .iter()
        .zip(shown)
        .map(|(m, win_ids)| MustHaveStatus {
            id: m.id.clone(),
            title: m.title.clone(),
            expectation: m.expectation.clone(),
            shown: !win_ids.is_empty(),
            win_ids,
            next_step: m.next_step.clone(),
        })
        .collect();
    // The reason of one win's level, written only for the few wins a summary quotes.
    let reason_of = |i: usize, e: usize| {
        let w = wins[i];
        let mut reading = Reading::default();
        read(w, &mut Vec::new(), &mut reading);
        let (level, why) = judge.level_at(w.id(), &reading, e);
        judge.reason(e, level, why)
    };

    let expectations: Vec<ExpectationReview> = ladder
        .expectations
        .iter()
        .enumerate()
        .map(|(e, x)| {
            let mine: Vec<(usize, Level)> = (0..wins.len())
                .filter_map(|i| levels[i * n_exp + e].map(|l| (i, l)))
                .collect();
            let missing = must_haves
                .iter()
                .filter(|m| !m.shown && m.expectation == x.id)
                .map(|m| {
                    (
                        MissingMustHave {
                            id: m.id.clone(),
                            title: m.title.clone(),
                        },
                        m.next_step.clone(),
                    )
                })
                .collect();
            review_expectation(&Scoring {
                e: x,
                floor: judge.is_floor(e),
                wins: &wins,
                mine: &mine,
                quarter_list: &quarter_list,
                as_of,
                missing,
                reason_of: &|i| reason_of(i, e),
            })
        })
        .collect();

    let weeks_left = cycle.target_date.map(|t| (t - as_of).num_days().max(0) / 7);
    let mut gap_list: Vec<(&ExpectationReview, &Expectation)> = expectations
        .iter()
        .zip(&ladder.expectations)
        .filter(|(r, _)| r.gap)
        .collect();
    gap_list.sort_by_key(|(r, _)| (r.level_counts.at + r.level_counts.above, r.wins, r.score));
    let gaps = gap_list
        .into_iter()
        .map(|(r, e)| wording::gap_for(r, e, ladder, weeks_left, as_of))
        .collect();

    let unconfirmed = wins.iter().filter(|w| w.only_suggested()).count();
    let sustained = sustained(&wins, &quarter_list, as_of);
    let providers = providers_among(input, &wins);
    // Work at the level, beyond the floor, crowded into the weeks before the target.
    let end = cycle.target_date.unwrap_or(as_of);
    let cutoff = end - Duration::days(ladder.verdict.sustained_days);
    let (mut at_level, mut late) = (0usize, 0usize);
    for (i, w) in wins.iter().enumerate() {
        let counts = (0..n_exp)
            .any(|e| !judge.is_floor(e) && levels[i * n_exp + e].is_some_and(|l| l >= Level::At));
        if counts {
            at_level += 1;
            late += (w.date() > cutoff) as usize;
        }
    }
    let not_sustained = at_level >= 2 && late * 2 > at_level;
    let readiness = readiness(
        ladder,
        &expectations,
        &providers,
        &sustained,
        &must_haves,
        not_sustained.then_some((late, at_level)),
    );
    Review {
        ladder: ladder.id.clone(),
        ladder_name: ladder.name.clone(),
        cycle: cycle.clone(),
        as_of,
        weeks_left,
        expectations,
        gaps,
        unconfirmed,
        sustained,
        providers,
        must_haves,
        readiness,
    }
}

/// What one expectation's review is computed from.
struct Scoring<'a, W> {
    e: &'a Expectation,
    /// True for the floor: every win counts toward it, and it never carries the case.
    floor: bool,
    wins: &'a [&'a W],
    /// Its wins, as (index in `wins`, level).
    mine: &'a [(usize, Level)],
    quarter_list: &'a [String],
    as_of: NaiveDate,
    /// Its must-haves no win shows, with their next steps.
    missing: Vec<(MissingMustHave, String)>,
    /// The reason of the level of the win at an index.
    reason_of: &'a dyn Fn(usize) -> String,
}

fn review_expectation<W: Reviewable>(sc: &Scoring<'_, W>) -> ExpectationReview {
    let Scoring {
        e,
        floor,
        wins,
        mine,
        quarter_list,
        as_of,
        ..
    } = *sc;
    let all: Vec<(&W, Level)> = mine.iter().map(|&(i, l)| (wins[i], l)).collect();
    let n = all.len();
    let confirmed = all
        .iter()
        .filter(|(w, _)| w.tag(&e.id) == Some(true))
        .count();
    let mut level_counts = LevelCounts::default();
    for (_, l) in &all {
        match l {
            Level::Below => level_counts.below += 1,
            Level::At => level_counts.at += 1,
            Level::Above => level_counts.above += 1,
        }
    }
    // What counts: work at or above the level; for the floor, every win.
    let counted: Vec<&W> = all
        .iter()
        .filter(|(_, l)| floor || *l >= Level::At)
        .map(|(w, _)| *w)
        .collect();
    let k = counted.len();
    let latest = all.iter().map(|(w, _)| w.date()).max();
    // Counted by (year, quarter): a label is written only for each quarter shown.
    let mut per_q: HashMap<(i32, u32), usize> = HashMap::new();
    for (w, _) in &all {
        *per_q.entry(quarter_of(w.date())).or_default() += 1;
    }
    let mut count_of: HashMap<String, usize> = per_q
        .iter()
        .map(|(&(y, q), &n)| (format!("{y}-Q{q}"), n))
        .collect();
    let by_quarter: Vec<QuarterCell> = quarter_list
        .iter()
        .map(|q| QuarterCell {
            quarter: q.clone(),
            wins: count_of.remove(q).unwrap_or(0),
        })
        .collect();
    let counted_q: BTreeSet<(i32, u32)> = counted.iter().map(|w| quarter_of(w.date())).collect();
    let quarters_with_evidence = counted_q.len();
    let widest_scope = all.iter().map(|(w, _)| w.scope()).max();
    let with_metric = all.iter().filter(|(w, _)| w.has_metric()).count();
    let vouched = all.iter().filter(|(w, _)| w.is_vouched()).count();
    let counted_latest = counted.iter().map(|w| w.date()).max();
    let facts = Counted {
        floor,
        wins: k,
        at: level_counts.at,
        above: level_counts.above,
        quarters: quarters_with_evidence,
        age: counted_latest.map(|d| (as_of - d).num_days()),
        with_metric: counted.iter().filter(|w| w.has_metric()).count(),
        vouched: counted.iter().filter(|w| w.is_vouched()).count(),
        widest: counted.iter().map(|w| w.scope()).max(),
    };
    let old = WEIGHTS.is_old(facts.age);
    // Confirming a suggested tag makes the link surer, not the work stronger: the
    // score reads no confirmation.
    let score = WEIGHTS.score(&facts);
    let gap = WEIGHTS.is_gap(&facts, score);
    let strength = WEIGHTS.strength(n, gap, score);

    // The newest win below the level speaks for the others.
    let below_reason = mine
        .iter()
        .find(|(_, l)| *l == Level::Below)
        .map(|&(i, _)| (sc.reason_of)(i));
    let summary = wording::expectation_summary(&wording::RowFacts {
        wins: n,
        confirmed,
        floor,
        level_counts,
        quarters: &per_q,
        latest,
        as_of,
        with_metric,
        vouched,
        widest_scope,
        strength,
        counted: k,
        old,
        below_reason,
    });
    let weak = strength < Strength::Strong;
    let next_step = weak.then(|| {
        sc.missing
            .first()
            .map(|(_, step)| step.clone())
            .or_else(|| e.next_steps.first().cloned())
            .unwrap_or_else(|| wording::log_what_you_did(&e.title))
    });
    ExpectationReview {
        id: e.id.clone(),
        title: e.title.clone(),
        wins: n,
        confirmed,
        suggested: n - confirmed,
        latest,
        quarters_with_evidence,
        by_quarter,
        widest_scope,
        with_metric,
        vouched,
        score,
        strength,
        gap,
        summary,
        win_ids: all.iter().map(|(w, _)| w.id()).collect(),
        level_counts,
        below_level: all
            .iter()
            .filter(|(_, l)| *l == Level::Below)
            .map(|(w, _)| w.id())
            .collect(),
        floor,
        missing: sc.missing.iter().map(|(m, _)| m.clone()).collect(),
        next_step,
        panel_question: if weak {
            e.panel_questions.first().cloned()
        } else {
            None
        },
    }
}

fn sustained<W: Reviewable>(wins: &[&W], quarter_list: &[String], as_of: NaiveDate) -> Sustained {
    let cutoff = as_of - Duration::weeks(LAST_WEEKS);
    let last = wins.iter().filter(|w| w.date() > cutoff).count();
    let qs: BTreeSet<(i32, u32)> = wins.iter().map(|w| quarter_of(w.date())).collect();
    let n = wins.len();
    let warning = if n >= 3 && last * 2 > n {
        Some(wording::late_warning(last, n))
    } else if n >= 3 && quarter_list.len() >= 3 && qs.len() * 2 < quarter_list.len() {
        Some(wording::quiet_quarters_warning(
            qs.len(),
            quarter_list.len(),
        ))
    } else {
        None
    };
    Sustained {
        wins: n,
        last_weeks: last,
        quarters_with_evidence: qs.len(),
        quarters: quarter_list.len(),
        warning,
    }
}
