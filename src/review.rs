//! The gap review before calibration: for each expectation of the ladder, how much
//! evidence there is, how recent, how wide, how proven and who can vouch for it;
//! then the gaps, ranked, with what to do while there is still time.
//!
//! The rules follow what a panel looks for (the ladders in `assets/ladders` write it per level): recent evidence
//! weighs more than old; one expectation carried by a single win is a gap, not a
//! strength; numbers and independent vouchers make a claim stand.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use crate::dates::quarter_of;
use crate::error::Result;
use crate::ladder::{Expectation, Ladder};
use crate::level::{Judge, LevelOverride, WinSignals, win_text};
use crate::model::{Cycle, Feedback, Level, Person, PersonId, Scope, Win, WinFilter, WinId};
use crate::store::Store;

mod verdict;
pub use verdict::readiness;

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

/// Who can vouch for the case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Providers {
    /// People who vouch for a win or gave feedback in the window.
    pub count: usize,
    /// Of those, outside the user's own org.
    pub outside_org: usize,
    /// Of those, at or above the target level (not the user's own manager).
    pub at_or_above: usize,
    /// Of those, at or above the target level or outside the org: the voices that
    /// count most with a panel.
    pub senior_voices: usize,
    /// The voices that are missing, in sentences ("nobody at or above L7 vouches").
    pub missing_voices: Vec<String>,
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
    /// "ready", "close" or "not-yet", by the ladder's rules (see `method`).
    pub label: String,
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
    /// Its words, as the level is judged on them (title, result, metric).
    fn text(&self) -> Cow<'_, str>;
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
    fn text(&self) -> Cow<'_, str> {
        Cow::Owned(win_text(self))
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
    /// Its words: title, result and metric, space-separated.
    pub text: String,
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
    fn text(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.text)
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
    /// The levels the user set by hand.
    pub overrides: Vec<LevelOverride>,
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
            overrides: store.level_overrides()?,
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
            overrides: &self.overrides,
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
    /// The levels the user set by hand.
    pub overrides: &'a [LevelOverride],
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
    let judge = Judge::new(ladder, people, input.own_org, input.overrides);
    let n_exp = ladder.expectations.len();

    // Each win is read once: its level for each expectation it carries, and the
    // must-haves it shows.
    let mut levels: Vec<Option<Level>> = vec![None; wins.len() * n_exp];
    let mut shown: Vec<Vec<WinId>> = vec![Vec::new(); ladder.must_haves.len()];
    let mut ids: Vec<PersonId> = Vec::new();
    let mut tagged: Vec<(usize, Level)> = Vec::new();
    let mut tags: Vec<usize> = Vec::new();
    let mut reading = crate::level::Reading::default();
    let read = |w: &W, ids: &mut Vec<PersonId>, reading: &mut crate::level::Reading| {
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
        let mut reading = crate::level::Reading::default();
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
        .map(|(r, e)| gap_for(r, e, ladder, weeks_left, as_of))
        .collect();

    let unconfirmed = wins.iter().filter(|w| w.only_suggested()).count();
    let sustained = sustained(&wins, &quarter_list, as_of);
    let providers = crate::people::providers(&crate::people::Voices {
        wins: &wins,
        people,
        feedback,
        cycle,
        ladder,
        own_org: input.own_org,
    });
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

pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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

fn review_expectation<W: Evidence>(sc: &Scoring<'_, W>) -> ExpectationReview {
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
    let age = counted_latest.map(|d| (as_of - d).num_days());
    let old = age.is_some_and(|a| a > OLD_AFTER_DAYS);

    // The score: how much work at the level, how spread, how recent, how proven,
    // how wide. Confirming a suggested tag makes the link surer, not the work stronger.
    let amount = if floor {
        k as f64
    } else {
        level_counts.at as f64 + 1.5 * level_counts.above as f64
    };
    let mut score = (amount.min(5.0) / 5.0) * 35.0;
    score += (quarters_with_evidence.min(3) as f64 / 3.0) * 20.0;
    score += match age {
        Some(a) if a <= RECENT_DAYS => 15.0,
        Some(a) if a <= OLD_AFTER_DAYS => 8.0,
        _ => 0.0,
    };
    if k > 0 {
        score += 10.0 * counted.iter().filter(|w| w.has_metric()).count() as f64 / k as f64;
        score += 10.0 * counted.iter().filter(|w| w.is_vouched()).count() as f64 / k as f64;
    }
    score += match counted.iter().map(|w| w.scope()).max() {
        Some(Scope::Industry) => 10.0,
        Some(Scope::Company) => 8.0,
        Some(Scope::Org) => 5.0,
        _ => 0.0,
    };
    let score = score.round().clamp(0.0, 100.0) as u32;
    // Thin is a gap: the headline never says "0 gaps" beside a thin row.
    let gap = k <= 1 || old || score < 40;
    let strength = if n == 0 {
        Strength::None
    } else if gap {
        Strength::Thin
    } else if score < 65 {
        Strength::Developing
    } else if score < 85 {
        Strength::Solid
    } else {
        Strength::Strong
    };

    // The newest win below the level speaks for the others.
    let below_reason = mine
        .iter()
        .find(|(_, l)| *l == Level::Below)
        .map(|&(i, _)| (sc.reason_of)(i));
    let summary = if n == 0 {
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
    };
    let weak = strength < Strength::Strong;
    let next_step = weak.then(|| {
        sc.missing
            .first()
            .map(|(_, step)| step.clone())
            .or_else(|| e.next_steps.first().cloned())
            .unwrap_or_else(|| {
                format!(
                    "Log what you have already done for \"{}\" and plan one visible piece of work for it.",
                    e.title
                )
            })
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

pub use crate::dates::ago;

fn gap_for(
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
    let first = r.next_step.clone().unwrap_or_else(|| {
        format!(
            "Log what you have already done for \"{}\" and plan one visible piece of work for it.",
            e.title
        )
    });
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
