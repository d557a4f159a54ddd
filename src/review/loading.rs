//! Loading: what the review (and the outline) read from the store for one cycle
//! (the callers hold one read transaction around it), and the one trait the review
//! reads a win through, so the full [`Win`], the lighter [`WinFacts`] and the
//! outline's [`RankedWin`] give the same review.

use chrono::NaiveDate;
use std::borrow::Cow;

use crate::error::Result;
use crate::ladder::{Ladder, builtin_ladder};
use crate::level::{LevelOverride, win_text};
use crate::model::{
    Cycle, ExpectationTag, Feedback, Person, PersonId, Scope, Win, WinFacts, WinFilter, WinId,
    WinPerson,
};
use crate::rehearse::answer::Answer;
use crate::store::Store;

pub use crate::model::Reviewable;

/// `Some(confirmed)` when `tags` hold the expectation `id`.
fn tag_of(tags: &[ExpectationTag], id: &str) -> Option<bool> {
    tags.iter().find(|t| t.id == id).map(|t| t.confirmed)
}

/// True when there are tags and every one is only a suggestion.
fn all_suggested(tags: &[ExpectationTag]) -> bool {
    !tags.is_empty() && tags.iter().all(|t| !t.confirmed)
}

impl Reviewable for Win {
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
        tag_of(&self.expectations, id)
    }
    fn only_suggested(&self) -> bool {
        all_suggested(&self.expectations)
    }
    fn named(&self) -> impl Iterator<Item = (PersonId, bool)> + '_ {
        self.people.iter().map(|p| (p.person_id, p.vouches))
    }
    fn text(&self) -> Cow<'_, str> {
        Cow::Owned(win_text(self))
    }
}

impl Reviewable for WinFacts {
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

/// A win as the outline ranks it as evidence and its narrative quotes it: no
/// situation, notes, links or free tags, and of the action only whether there is
/// one. The outline reads the wins it shows in full afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankedWin {
    /// The win's id.
    pub id: WinId,
    /// The day it happened.
    pub date: NaiveDate,
    /// One line saying what happened.
    pub title: String,
    /// What came of it.
    pub result: Option<String>,
    /// The impact as written.
    pub metric: Option<String>,
    /// How far it reached.
    pub scope: Scope,
    /// True when the user wrote what they did (the A of STAR).
    pub has_action: bool,
    /// People involved, and whether they can vouch.
    pub people: Vec<WinPerson>,
    /// Expectations of the ladder it is evidence for.
    pub expectations: Vec<ExpectationTag>,
    /// Leadership principle ids it shows.
    pub principles: Vec<String>,
    /// Its words, as the level is judged on them.
    text: String,
}

impl From<Win> for RankedWin {
    /// Keeps what ranks; the store's ranking read leaves the action's text out
    /// and keeps whether there is one.
    fn from(w: Win) -> RankedWin {
        let text = win_text(&w);
        RankedWin {
            id: w.id,
            date: w.date,
            title: w.title,
            result: w.result,
            metric: w.metric,
            scope: w.scope,
            has_action: w.action.is_some(),
            people: w.people,
            expectations: w.expectations,
            principles: w.principles,
            text,
        }
    }
}

impl RankedWin {
    /// True when someone named on the win can vouch for it.
    pub fn is_vouched(&self) -> bool {
        self.people.iter().any(|p| p.vouches)
    }
}

impl Reviewable for RankedWin {
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
        tag_of(&self.expectations, id)
    }
    fn only_suggested(&self) -> bool {
        all_suggested(&self.expectations)
    }
    fn named(&self) -> impl Iterator<Item = (PersonId, bool)> + '_ {
        self.people.iter().map(|p| (p.person_id, p.vouches))
    }
    fn text(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.text)
    }
}

/// The current cycle's evidence, loaded once from a store: what the review and
/// the outline both read. `W` is what is loaded of each win.
pub struct CycleData<W = Win> {
    /// The cycle's ladder: a built-in one is borrowed, not copied for each review.
    pub ladder: Cow<'static, Ladder>,
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
    /// The user's answers to the rehearsal's questions.
    pub answers: Vec<Answer>,
}

impl CycleData {
    /// Loads the cycle's evidence.
    pub fn load(store: &Store) -> Result<CycleData> {
        CycleData::load_with(store, |s, f| s.list_wins(f))
    }

    /// Loads what the outline ranks its evidence by (`Store::list_wins_ranking`):
    /// the wins it shows in full are read afterwards.
    pub fn load_ranking(store: &Store) -> Result<CycleData<RankedWin>> {
        CycleData::load_with(store, |s, f| {
            Ok(s.list_wins_ranking(f)?
                .into_iter()
                .map(RankedWin::from)
                .collect())
        })
    }

    /// The same cycle as what ranks evidence: what [`CycleData::load_ranking`]
    /// loads, made from the wins in full.
    pub fn ranked(&self) -> CycleData<RankedWin> {
        CycleData {
            ladder: self.ladder.clone(),
            cycle: self.cycle.clone(),
            wins: self.wins.iter().cloned().map(RankedWin::from).collect(),
            people: self.people.clone(),
            feedback: self.feedback.clone(),
            own_org: self.own_org.clone(),
            overrides: self.overrides.clone(),
            answers: self.answers.clone(),
        }
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

impl<W: Reviewable> CycleData<W> {
    fn load_with(
        store: &Store,
        list: impl FnOnce(&Store, &WinFilter) -> Result<Vec<W>>,
    ) -> Result<CycleData<W>> {
        let cycle = store.cycle()?;
        // Built-in ids resolve to the built-in ladder first, as `Store::ladder` does.
        let ladder = match builtin_ladder(&cycle.ladder) {
            Some(l) => Cow::Borrowed(l),
            None => Cow::Owned(store.ladder(&cycle.ladder)?),
        };
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
            answers: store.answers()?,
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

/// Everything a review reads. `W` is what is known of each win ([`Reviewable`]).
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
