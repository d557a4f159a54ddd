//! The gap review before calibration: for each expectation of the ladder, how much
//! evidence there is, how recent, how wide, how proven and who can vouch for it;
//! then the gaps, ranked, with what to do while there is still time.
//!
//! The rules follow what a panel looks for (see `shared/domain.md`): recent evidence
//! weighs more than old; one expectation carried by a single win is a gap, not a
//! strength; numbers and independent vouchers make a claim stand.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use crate::dates::quarter_of;
use crate::error::Result;
use crate::ladder::{Expectation, Ladder};
use crate::model::{Cycle, Feedback, Person, PersonId, Relation, Scope, Win, WinFilter, WinId};
use crate::store::Store;

/// Evidence older than this many days is "old" for calibration.
pub const OLD_AFTER_DAYS: i64 = 180;
/// Evidence newer than this many days is "recent".
pub const RECENT_DAYS: i64 = 90;
/// The "last weeks" a case must not rest on alone.
pub const LAST_WEEKS: i64 = 6;
/// How many feedback providers a promotion case wants, at least.
pub const PROVIDERS_WANTED: usize = 4;

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

/// Who can vouch for the case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Providers {
    /// People who vouch for a win or gave feedback in the window.
    pub count: usize,
    /// Of those, outside the user's own org.
    pub outside_org: usize,
    /// Their names.
    pub names: Vec<String>,
    /// Expectations with wins that nobody can vouch for.
    pub unvouched: Vec<String>,
    /// People worth asking: on the user's wins, not yet a provider.
    pub ask: Vec<String>,
    /// The verdict in a sentence.
    pub summary: String,
}

/// The readiness of the whole case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Readiness {
    /// 0 to 100.
    pub score: u32,
    /// "ready", "close" or "not yet".
    pub label: String,
    /// One sentence with the verdict.
    pub summary: String,
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
    /// The verdict.
    pub readiness: Readiness,
}

/// What the review reads of a win: its date, reach, proof, tags and people.
/// [`Win`] has all of it; [`WinFacts`] is the lighter record [`review_store`] loads.
pub trait Evidence {
    /// The win's id.
    fn id(&self) -> WinId;
    /// The day it happened.
    fn date(&self) -> NaiveDate;
    /// How far it reached.
    fn scope(&self) -> Scope;
    /// True when it has a metric.
    fn has_metric(&self) -> bool;
    /// `Some(confirmed)` when it is tagged with the expectation `id`.
    fn tag(&self, id: &str) -> Option<bool>;
    /// True when it has tags and every one is only a suggestion.
    fn only_suggested(&self) -> bool;
    /// The people named on it, in order, as (person, vouches).
    fn named(&self) -> impl Iterator<Item = (PersonId, bool)> + '_;
    /// True when someone named on it vouches for it.
    fn is_vouched(&self) -> bool {
        self.named().any(|(_, vouches)| vouches)
    }
}

impl Evidence for Win {
    fn id(&self) -> WinId {
        self.id
    }
    fn date(&self) -> NaiveDate {
        self.date
    }
    fn scope(&self) -> Scope {
        self.scope
    }
    fn has_metric(&self) -> bool {
        self.metric.is_some()
    }
    fn tag(&self, id: &str) -> Option<bool> {
        self.expectations
            .iter()
            .find(|t| t.id == id)
            .map(|t| t.confirmed)
    }
    fn only_suggested(&self) -> bool {
        !self.expectations.is_empty() && self.expectations.iter().all(|t| !t.confirmed)
    }
    fn named(&self) -> impl Iterator<Item = (PersonId, bool)> + '_ {
        self.people.iter().map(|p| (p.person_id, p.vouches))
    }
}

/// The facts of a win the review reads, and nothing else: no texts, no names.
/// Loaded by [`Store::win_facts`].
#[derive(Debug, Clone, PartialEq)]
pub struct WinFacts {
    /// The win's id.
    pub id: WinId,
    /// The day it happened.
    pub date: NaiveDate,
    /// How far it reached.
    pub scope: Scope,
    /// True when it has a metric.
    pub has_metric: bool,
    /// Its expectation tags as (id, confirmed), in no particular order; the ids
    /// are shared between wins.
    pub tags: Vec<(Arc<str>, bool)>,
    /// The live people named on it, in order, as (person, vouches).
    pub people: Vec<(PersonId, bool)>,
}

impl Evidence for WinFacts {
    fn id(&self) -> WinId {
        self.id
    }
    fn date(&self) -> NaiveDate {
        self.date
    }
    fn scope(&self) -> Scope {
        self.scope
    }
    fn has_metric(&self) -> bool {
        self.has_metric
    }
    fn tag(&self, id: &str) -> Option<bool> {
        self.tags
            .iter()
            .find(|(t, _)| &**t == id)
            .map(|&(_, confirmed)| confirmed)
    }
    fn only_suggested(&self) -> bool {
        !self.tags.is_empty() && self.tags.iter().all(|&(_, confirmed)| !confirmed)
    }
    fn named(&self) -> impl Iterator<Item = (PersonId, bool)> + '_ {
        self.people.iter().copied()
    }
}

/// Reviews the current cycle of a store as of `as_of`, from the facts of its wins
/// ([`Store::win_facts`]), all read in one read transaction.
pub fn review_store(store: &Store, as_of: NaiveDate) -> Result<Review> {
    store.reading(|store| Ok(review(&CycleData::load_facts(store)?.inputs(as_of))))
}

/// The current cycle's evidence, loaded once from a store: what the review and
/// the outline both read. `W` is what is loaded of each win.
pub struct CycleData<W = Win> {
    /// The cycle's ladder.
    pub ladder: Ladder,
    /// The cycle in force.
    pub cycle: Cycle,
    /// Wins inside the cycle's window, newest first.
    pub wins: Vec<W>,
    /// Everyone.
    pub people: Vec<Person>,
    /// Feedback given inside the cycle's window.
    pub feedback: Vec<Feedback>,
    /// The user's own org, when they said it.
    pub own_org: Option<String>,
}

impl CycleData {
    /// Loads the cycle's evidence.
    pub fn load(store: &Store) -> Result<CycleData> {
        CycleData::load_with(store, |s, f| s.list_wins(f))
    }

    /// Loads what the outline ranks its evidence by ([`Store::list_wins_ranking`]):
    /// the wins it shows in full are read afterwards.
    pub(crate) fn load_ranking(store: &Store) -> Result<CycleData> {
        CycleData::load_with(store, |s, f| s.list_wins_ranking(f))
    }
}

impl CycleData<WinFacts> {
    /// Loads only what the review reads of each win ([`Store::win_facts`]).
    pub fn load_facts(store: &Store) -> Result<CycleData<WinFacts>> {
        CycleData::load_with(store, |s, f| {
            s.win_facts(f.since.unwrap_or_default(), f.until.unwrap_or_default())
        })
    }
}

impl<W: Evidence> CycleData<W> {
    fn load_with(
        store: &Store,
        list: impl FnOnce(&Store, &WinFilter) -> Result<Vec<W>>,
    ) -> Result<CycleData<W>> {
        let cycle = store.cycle()?;
        let ladder = store.ladder(&cycle.ladder)?;
        let wins = list(
            store,
            &WinFilter {
                since: Some(cycle.start),
                until: Some(cycle.end),
                ..Default::default()
            },
        )?;
        let feedback = store.feedback_between(cycle.start, cycle.end)?;
        Ok(CycleData {
            feedback,
            ladder,
            cycle,
            wins,
            people: store.list_people()?,
            own_org: store.own_org()?,
        })
    }

    /// The review's inputs as of a day.
    pub fn inputs(&self, as_of: NaiveDate) -> Inputs<'_, W> {
        Inputs {
            ladder: &self.ladder,
            cycle: &self.cycle,
            wins: &self.wins,
            people: &self.people,
            feedback: &self.feedback,
            own_org: self.own_org.as_deref(),
            as_of,
        }
    }
}

/// Everything a review reads. `W` is what is known of each win ([`Evidence`]).
pub struct Inputs<'a, W = Win> {
    /// The ladder.
    pub ladder: &'a Ladder,
    /// The cycle; only wins inside its window count.
    pub cycle: &'a Cycle,
    /// Wins (any; those outside the window are ignored), newest first.
    pub wins: &'a [W],
    /// People.
    pub people: &'a [Person],
    /// Feedback.
    pub feedback: &'a [Feedback],
    /// The user's own org, when known; otherwise guessed from their reports.
    pub own_org: Option<&'a str>,
    /// The day of the review.
    pub as_of: NaiveDate,
}

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

/// Builds the review. Pure: the same inputs give the same review.
pub fn review<W: Evidence>(input: &Inputs<'_, W>) -> Review {
    let Inputs {
        ladder,
        cycle,
        people,
        feedback,
        as_of,
        ..
    } = *input;
    let wins: Vec<&W> = input
        .wins
        .iter()
        .filter(|w| cycle.contains(w.date()))
        .collect();
    let quarter_list = quarters(cycle.start, cycle.end.min(as_of.max(cycle.start)));
    let expectations: Vec<ExpectationReview> = ladder
        .expectations
        .iter()
        .map(|e| review_expectation(e, &wins, &quarter_list, as_of))
        .collect();

    let weeks_left = cycle.target_date.map(|t| (t - as_of).num_days().max(0) / 7);
    let mut gap_list: Vec<(&ExpectationReview, &Expectation)> = expectations
        .iter()
        .zip(&ladder.expectations)
        .filter(|(r, _)| r.gap)
        .collect();
    gap_list.sort_by_key(|(r, _)| (r.wins, r.score));
    let gaps = gap_list
        .into_iter()
        .map(|(r, e)| gap_for(r, e, &ladder.target_level, weeks_left, as_of))
        .collect();

    let unconfirmed = wins.iter().filter(|w| w.only_suggested()).count();
    let sustained = sustained(&wins, &quarter_list, as_of);
    let providers = providers(&wins, people, feedback, cycle, &expectations, input.own_org);
    let readiness = readiness(&expectations, &providers, &sustained);
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
        readiness,
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn review_expectation<W: Evidence>(
    e: &Expectation,
    wins: &[&W],
    quarter_list: &[String],
    as_of: NaiveDate,
) -> ExpectationReview {
    let mine: Vec<(&W, bool)> = wins
        .iter()
        .filter_map(|w| w.tag(&e.id).map(|confirmed| (*w, confirmed)))
        .collect();
    let n = mine.len();
    let confirmed = mine.iter().filter(|(_, c)| *c).count();
    let latest = mine.iter().map(|(w, _)| w.date()).max();
    // Counted by (year, quarter): a label is written only for each quarter shown.
    let mut per_q: HashMap<(i32, u32), usize> = HashMap::new();
    for (w, _) in &mine {
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
    let quarters_with_evidence = per_q.len();
    let widest_scope = mine.iter().map(|(w, _)| w.scope()).max();
    let with_metric = mine.iter().filter(|(w, _)| w.has_metric()).count();
    let vouched = mine.iter().filter(|(w, _)| w.is_vouched()).count();
    let age = latest.map(|d| (as_of - d).num_days());
    let old = age.is_some_and(|a| a > OLD_AFTER_DAYS);

    // The score: how much, how spread, how recent, how proven, how wide.
    let weighted = confirmed as f64 + 0.5 * (n - confirmed) as f64;
    let mut score = (weighted.min(5.0) / 5.0) * 35.0;
    score += (quarters_with_evidence.min(3) as f64 / 3.0) * 20.0;
    score += match age {
        Some(a) if a <= RECENT_DAYS => 15.0,
        Some(a) if a <= OLD_AFTER_DAYS => 8.0,
        _ => 0.0,
    };
    if n > 0 {
        score += 10.0 * with_metric as f64 / n as f64;
        score += 10.0 * vouched as f64 / n as f64;
    }
    score += match widest_scope {
        Some(Scope::Industry) => 10.0,
        Some(Scope::Company) => 8.0,
        Some(Scope::Org) => 5.0,
        _ => 0.0,
    };
    let score = score.round().clamp(0.0, 100.0) as u32;
    let gap = n <= 1 || old;
    let strength = if n == 0 {
        Strength::None
    } else if gap || score < 40 {
        Strength::Thin
    } else if score < 65 {
        Strength::Developing
    } else if score < 85 {
        Strength::Solid
    } else {
        Strength::Strong
    };

    let summary = if n == 0 {
        "no wins in the window: a gap".to_string()
    } else {
        let mut parts = vec![plural(n, "win", "wins")];
        if n > confirmed {
            parts[0].push_str(&format!(" ({} only suggested)", n - confirmed));
        }
        let only_quarter = per_q
            .keys()
            .next()
            .map(|(y, q)| format!("{y}-Q{q}"))
            .unwrap_or_default();
        parts.push(match quarters_with_evidence {
            1 if n == 1 => format!("in {}", only_quarter),
            1 if n == 2 => format!("both in {}", only_quarter),
            1 => format!("all in {}", only_quarter),
            q => format!("across {q} quarters"),
        });
        if let (Some(d), Some(a)) = (latest, age) {
            parts.push(format!("latest {d} ({})", ago(a)));
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
        if n == 1 {
            verdict.push("a single win".into());
        }
        if old {
            verdict.push("old".into());
        }
        format!("{}: {}", parts.join(", "), verdict.join(" and "))
    };
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
        win_ids: mine.iter().map(|(w, _)| w.id()).collect(),
    }
}

/// "3 weeks ago", "5 months ago".
pub fn ago(days: i64) -> String {
    match days {
        d if d < 1 => "today".into(),
        1 => "yesterday".into(),
        d if d < 14 => format!("{d} days ago"),
        d if d < 60 => format!("{} weeks ago", d / 7),
        d => format!("{} months ago", d / 30),
    }
}

fn gap_for(
    r: &ExpectationReview,
    e: &Expectation,
    target: &str,
    weeks_left: Option<i64>,
    as_of: NaiveDate,
) -> Gap {
    let reason = match (r.wins, r.latest) {
        (0, _) => format!("No evidence for \"{}\" in the window.", e.title),
        (1, Some(d)) => format!(
            "Only one win for \"{}\" ({d}, {}); one win is a gap, not a strength.",
            e.title,
            ago((as_of - d).num_days())
        ),
        (n, Some(d)) => format!(
            "{} for \"{}\", the latest {}; panels weigh recent evidence more.",
            plural(n, "win", "wins"),
            e.title,
            ago((as_of - d).num_days())
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
    let first = e.next_steps.first().cloned().unwrap_or_else(|| {
        format!(
            "Log what you have already done for \"{}\" and plan one visible piece of work for it.",
            e.title
        )
    });
    Gap {
        id: e.id.clone(),
        title: e.title.clone(),
        reason: format!("{reason} {target} expects: {}{time}", e.description),
        next_step: first,
        more_steps: e.next_steps.iter().skip(1).cloned().collect(),
        panel_question: e.panel_questions.first().cloned(),
    }
}

fn sustained<W: Evidence>(wins: &[&W], quarter_list: &[String], as_of: NaiveDate) -> Sustained {
    let cutoff = as_of - Duration::weeks(LAST_WEEKS);
    let last = wins.iter().filter(|w| w.date() > cutoff).count();
    let qs: BTreeSet<(i32, u32)> = wins.iter().map(|w| quarter_of(w.date())).collect();
    let n = wins.len();
    let warning = if n >= 3 && last * 2 > n {
        Some(format!(
            "{last} of your {n} wins are from the last {LAST_WEEKS} weeks. Panels look for sustained performance across the whole window: log what you did earlier in the year while you still remember it."
        ))
    } else if n >= 3 && quarter_list.len() >= 3 && qs.len() * 2 < quarter_list.len() {
        Some(format!(
            "Your evidence sits in {} of the window's {} quarters. Panels look for sustained performance: fill the quiet quarters with what you did then.",
            qs.len(),
            quarter_list.len()
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

fn providers<W: Evidence>(
    wins: &[&W],
    people: &[Person],
    feedback: &[Feedback],
    cycle: &Cycle,
    reviews: &[ExpectationReview],
    own_org: Option<&str>,
) -> Providers {
    let by_id: HashMap<PersonId, &Person> = people.iter().map(|p| (p.id, p)).collect();
    let mut ids: HashSet<PersonId> = HashSet::new();
    for w in wins {
        ids.extend(w.named().filter(|&(_, vouches)| vouches).map(|(id, _)| id));
    }
    ids.extend(
        feedback
            .iter()
            .filter(|f| cycle.contains(f.date))
            .map(|f| f.person_id),
    );
    // The user's own org: as set, else the one most of their reports sit in. Orgs
    // are compared at their top level ("Payments / Checkout" is in "Payments").
    let top = |o: &str| {
        o.split(['/', '>', ','])
            .next()
            .unwrap_or(o)
            .trim()
            .to_lowercase()
    };
    let guessed = {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for p in people {
            if matches!(
                p.relation,
                Some(Relation::Report | Relation::SkipLevelReport)
            ) && let Some(o) = &p.org
            {
                *counts.entry(top(o)).or_default() += 1;
            }
        }
        counts
            .into_iter()
            .max_by_key(|(o, c)| (*c, std::cmp::Reverse(o.clone())))
            .map(|(o, _)| o)
    };
    let own = own_org.map(top).or(guessed);
    // The user's own reporting chain is never "outside", whatever its org is called.
    let outside = |p: &Person| {
        let in_chain = matches!(
            p.relation,
            Some(
                Relation::Report
                    | Relation::SkipLevelReport
                    | Relation::Manager
                    | Relation::SkipLevelManager
            )
        );
        !in_chain
            && match (&p.org, &own) {
                (Some(o), Some(mine)) => top(o) != *mine,
                _ => p.relation == Some(Relation::Partner),
            }
    };
    let mut names: Vec<String> = ids
        .iter()
        .filter_map(|i| by_id.get(i))
        .map(|p| p.name.clone())
        .collect();
    names.sort();
    let outside_org = ids
        .iter()
        .filter_map(|i| by_id.get(i))
        .filter(|p| outside(p))
        .count();
    let unvouched: Vec<String> = reviews
        .iter()
        .filter(|r| r.wins > 0 && r.vouched == 0)
        .map(|r| r.id.clone())
        .collect();
    let mut ask: Vec<String> = Vec::new();
    for w in wins {
        for (id, _) in w.named() {
            if let Some(p) = by_id.get(&id)
                && !ids.contains(&id)
                && p.relation.is_none_or(Relation::is_independent)
                && !ask.contains(&p.name)
            {
                ask.push(p.name.clone());
            }
        }
    }
    ask.truncate(6);
    let count = ids.len();
    let mut summary = format!(
        "{} can vouch for your case ({} outside your org). A promotion case wants at least {PROVIDERS_WANTED} to 6, some of them cross-org.",
        plural(count, "person", "people"),
        outside_org
    );
    if count >= PROVIDERS_WANTED && outside_org > 0 {
        summary = format!(
            "{} can vouch for your case, {} of them outside your org: enough providers.",
            plural(count, "person", "people"),
            outside_org
        );
    }
    if !unvouched.is_empty() {
        summary.push_str(&format!(
            " Nobody vouches yet for: {}.",
            unvouched.join(", ")
        ));
    }
    Providers {
        count,
        outside_org,
        names,
        unvouched,
        ask,
        summary,
    }
}

fn readiness(
    reviews: &[ExpectationReview],
    providers: &Providers,
    sustained: &Sustained,
) -> Readiness {
    let n = reviews.len().max(1);
    let mean = reviews.iter().map(|r| r.score).sum::<u32>() as f64 / n as f64;
    let gaps = reviews.iter().filter(|r| r.gap).count();
    // Each gap and each missing provider costs points: a case is as strong as its weakest part.
    let mut score = mean - 10.0 * gaps as f64;
    if providers.count < PROVIDERS_WANTED {
        score -= 5.0 * (PROVIDERS_WANTED - providers.count) as f64;
    }
    if sustained.warning.is_some() {
        score -= 5.0;
    }
    let score = score.round().clamp(0.0, 100.0) as u32;
    let label = if gaps == 0 && score >= 65 {
        "ready"
    } else if gaps <= 1 && score >= 50 {
        "close"
    } else {
        "not yet"
    };
    let summary = match label {
        "ready" => {
            format!("Ready: every expectation has evidence that can stand, readiness {score}/100.")
        }
        "close" => format!(
            "Close: readiness {score}/100 with {} to close.",
            plural(gaps, "gap", "gaps")
        ),
        _ => format!(
            "Not yet: readiness {score}/100 with {} to close.",
            plural(gaps, "gap", "gaps")
        ),
    };
    Readiness {
        score,
        label: label.into(),
        summary,
        method: format!(
            "Each expectation scores 0-100 from its wins in the window: amount (up to 35, five confirmed wins for full marks, suggested ones count half), spread over quarters (20, three quarters for full marks), recency of the latest win (15 within {RECENT_DAYS} days, 8 within {OLD_AFTER_DAYS}), share with a metric (10), share someone vouches for (10) and widest scope (org 5, company 8, industry 10). An expectation with no wins, a single win or only wins older than {OLD_AFTER_DAYS} days is a gap. Readiness is the mean of the expectation scores, minus 10 per gap, 5 per missing feedback provider below {PROVIDERS_WANTED}, and 5 when the case rests on the last {LAST_WEEKS} weeks. Ready: no gaps and 65 or more; close: at most one gap and 50 or more."
        ),
    }
}
