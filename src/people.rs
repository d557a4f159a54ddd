//! The people overview: who vouches for which wins and expectations, how each
//! expectation of the ladder is covered by vouchers, and who can vouch for the case
//! (the feedback providers). The People view, the review's providers and
//! `caliber people` all read these rules from here, so they are written once.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;

use crate::error::Result;
use crate::ladder::Ladder;
use crate::level::{OrgView, is_senior_voice};
use crate::model::{Cycle, Feedback, Person, PersonId, Relation, Seniority};
use crate::model::{Reviewable, WinFacts};
use crate::store::Store;
use crate::words::plural;

/// How many feedback providers a promotion case wants, at least.
pub const PROVIDERS_WANTED: usize = 4;

/// A promotion case rarely needs more feedback providers than this.
pub const PROVIDERS_ENOUGH: usize = 6;

/// One person with what they vouch for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct PersonOverview {
    /// The person.
    #[serde(flatten)]
    pub person: Person,
    /// Their seniority as set, else their relation's default.
    pub effective_seniority: Option<Seniority>,
    /// Wins they vouch for, over every win.
    pub vouches_for: usize,
    /// The expectation ids of those wins: the ladder's first, in its order, then
    /// ids it does not know, alphabetically.
    pub expectations: Vec<String>,
    /// Pieces of feedback from them, over all time.
    pub feedback: usize,
}

/// One expectation of the ladder seen from who vouches for it, in the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Coverage {
    /// The expectation's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Wins in the window tagged with it (confirmed or suggested).
    pub wins: usize,
    /// Of those, wins someone vouches for.
    pub vouched: usize,
    /// Names of the people who vouch for those wins, sorted.
    pub vouchers: Vec<String>,
}

/// Everything the People view shows about who can vouch for what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct PeopleOverview {
    /// The cycle whose window the coverage and the providers are counted in.
    pub cycle: Cycle,
    /// Everyone, in the store's order (by name).
    pub people: Vec<PersonOverview>,
    /// Every expectation of the cycle's ladder, in ladder order.
    pub coverage: Vec<Coverage>,
    /// Who can vouch for the case, as the review counts them.
    pub providers: Providers,
    /// The user's org as set, else the one most of their reports sit in
    /// (lower-cased), else none: then only partners count as outside.
    pub own_org: Option<String>,
    /// True when `own_org` is guessed rather than set.
    pub own_org_guessed: bool,
}

/// Days before and after any win a person can log: the window of "every win".
const ALL_TIME: (NaiveDate, NaiveDate) = match (
    NaiveDate::from_ymd_opt(1, 1, 1),
    NaiveDate::from_ymd_opt(9999, 12, 31),
) {
    (Some(first), Some(last)) => (first, last),
    _ => (NaiveDate::MIN, NaiveDate::MAX),
};

/// The people overview of a store, read in one read transaction.
pub fn overview(store: &Store) -> Result<PeopleOverview> {
    store.reading(|s| {
        let cycle = s.cycle()?;
        let ladder = s.ladder(&cycle.ladder)?;
        let wins = s.win_facts(ALL_TIME.0, ALL_TIME.1)?;
        let people = s.list_people()?;
        let feedback = s.list_feedback(None)?;
        let own_org = s.own_org()?;
        Ok(people_overview(
            &ladder,
            &cycle,
            &wins,
            &people,
            &feedback,
            own_org.as_deref(),
        ))
    })
}

/// Builds the overview from wins and feedback of any date (the window is the
/// cycle's). Pure: the same inputs give the same overview.
pub fn people_overview(
    ladder: &Ladder,
    cycle: &Cycle,
    wins: &[WinFacts],
    people: &[Person],
    feedback: &[Feedback],
    own_org: Option<&str>,
) -> PeopleOverview {
    let mut vouches: HashMap<PersonId, usize> = HashMap::new();
    let mut covers: HashMap<PersonId, BTreeSet<String>> = HashMap::new();
    for w in wins {
        for id in vouchers_of(w) {
            *vouches.entry(id).or_default() += 1;
            let tags = covers.entry(id).or_default();
            tags.extend(w.tags.iter().map(|(t, _)| t.to_string()));
        }
    }
    let mut given: HashMap<PersonId, usize> = HashMap::new();
    for f in feedback {
        *given.entry(f.person_id).or_default() += 1;
    }
    let rows = people
        .iter()
        .map(|p| PersonOverview {
            person: p.clone(),
            effective_seniority: p.seniority_or_default(),
            vouches_for: vouches.get(&p.id).copied().unwrap_or(0),
            expectations: covers
                .remove(&p.id)
                .map(|ids| in_ladder_order(ids, ladder))
                .unwrap_or_default(),
            feedback: given.get(&p.id).copied().unwrap_or(0),
        })
        .collect();
    let in_window: Vec<&WinFacts> = wins.iter().filter(|w| cycle.contains(w.date())).collect();
    let window_feedback: Vec<Feedback> = feedback
        .iter()
        .filter(|f| cycle.contains(f.date))
        .cloned()
        .collect();
    let orgs = OrgView::new(people, own_org);
    let set = own_org.map(str::trim).filter(|o| !o.is_empty());
    PeopleOverview {
        cycle: cycle.clone(),
        people: rows,
        coverage: coverage(ladder, &in_window, people),
        providers: providers(&Voices {
            wins: &in_window,
            people,
            feedback: &window_feedback,
            cycle,
            ladder,
            own_org,
        }),
        own_org: set
            .map(str::to_string)
            .or_else(|| orgs.own().map(str::to_string)),
        own_org_guessed: set.is_none() && orgs.own().is_some(),
    }
}

/// The people who vouch for a win, each once, in the order they are named (a win
/// names a few people: a look back is cheaper than a hash set).
fn vouchers_of<W: Reviewable>(w: &W) -> Vec<PersonId> {
    let mut out: Vec<PersonId> = Vec::new();
    for (id, vouches) in w.named() {
        if vouches && !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// Ids in the ladder's order, then the ones it does not know, alphabetically.
fn in_ladder_order(ids: BTreeSet<String>, ladder: &Ladder) -> Vec<String> {
    let mut known: Vec<String> = ladder
        .expectations
        .iter()
        .filter(|e| ids.contains(&e.id))
        .map(|e| e.id.clone())
        .collect();
    known.extend(
        ids.into_iter()
            .filter(|id| !ladder.expectations.iter().any(|e| &e.id == id)),
    );
    known
}

/// Every expectation of the ladder with its wins and vouchers, in ladder order.
pub fn coverage<W: Reviewable>(ladder: &Ladder, wins: &[&W], people: &[Person]) -> Vec<Coverage> {
    let names: FxHashMap<PersonId, &str> = people.iter().map(|p| (p.id, p.name.as_str())).collect();
    ladder
        .expectations
        .iter()
        .map(|e| {
            let tagged: Vec<&&W> = wins.iter().filter(|w| w.tag(&e.id).is_some()).collect();
            // Every voucher once (ids sort cheaper than names), then their names
            // sorted, each once.
            let mut ids: Vec<PersonId> = Vec::new();
            let mut vouched = 0;
            for w in &tagged {
                let of = vouchers_of(**w);
                vouched += usize::from(!of.is_empty());
                ids.extend(of);
            }
            ids.sort_unstable();
            ids.dedup();
            let mut vouchers: Vec<&str> =
                ids.iter().filter_map(|id| names.get(id).copied()).collect();
            vouchers.sort_unstable();
            vouchers.dedup();
            Coverage {
                id: e.id.clone(),
                title: e.title.clone(),
                wins: tagged.len(),
                vouched,
                vouchers: vouchers.into_iter().map(str::to_string).collect(),
            }
        })
        .collect()
}

/// What the providers are counted from: wins and feedback inside the window.
pub struct Voices<'a, W> {
    /// Wins in the window.
    pub wins: &'a [&'a W],
    /// Everyone.
    pub people: &'a [Person],
    /// Feedback (only that inside the cycle's window counts).
    pub feedback: &'a [Feedback],
    /// The cycle.
    pub cycle: &'a Cycle,
    /// The cycle's ladder.
    pub ladder: &'a Ladder,
    /// The user's own org, when they said it.
    pub own_org: Option<&'a str>,
}

/// Who can vouch for the case: people who vouch for a win or gave feedback in the
/// window, how many are outside the org or senior, and who is worth asking.
pub fn providers<W: Reviewable>(v: &Voices<'_, W>) -> Providers {
    let Voices {
        wins,
        people,
        feedback,
        cycle,
        ladder,
        own_org,
    } = *v;
    let target = &ladder.target_level;
    // Looked up for every person named on every win: ids hash faster with Fx than
    // with the default SipHash (nothing here needs its resistance to crafted keys).
    let by_id: FxHashMap<PersonId, &Person> = people.iter().map(|p| (p.id, p)).collect();
    let mut ids: FxHashSet<PersonId> = FxHashSet::default();
    for w in wins {
        ids.extend(w.named().filter(|&(_, vouches)| vouches).map(|(id, _)| id));
    }
    ids.extend(
        feedback
            .iter()
            .filter(|f| cycle.contains(f.date))
            .map(|f| f.person_id),
    );
    let orgs = OrgView::new(people, own_org);
    let mut names: Vec<String> = ids
        .iter()
        .filter_map(|i| by_id.get(i))
        .map(|p| p.name.clone())
        .collect();
    names.sort();
    let voices: Vec<&Person> = ids.iter().filter_map(|i| by_id.get(i).copied()).collect();
    let outside_org = voices.iter().filter(|p| orgs.is_outside(p)).count();
    let at_or_above = voices.iter().filter(|p| is_senior_voice(p)).count();
    let senior_voices = voices
        .iter()
        .filter(|p| is_senior_voice(p) || orgs.is_outside(p))
        .count();
    let mut missing_voices = Vec::new();
    if at_or_above == 0 {
        missing_voices.push(format!(
            "Nobody at or above {target} vouches for you: ask a skip-level or a senior peer who saw the work."
        ));
    }
    if outside_org == 0 {
        missing_voices.push(
            "Nobody outside your org vouches for you: a case vouched for only by your reports and manager is thin whatever its size.".to_string(),
        );
    }
    let unvouched: Vec<String> = coverage(ladder, wins, people)
        .into_iter()
        .filter(|c| c.wins > 0 && c.vouched == 0)
        .map(|c| c.id)
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
    ask.truncate(PROVIDERS_ENOUGH);
    let count = ids.len();
    let mut summary = format!(
        "{} can vouch for your case ({} outside your org, {} at or above {target}). A promotion case wants at least {PROVIDERS_WANTED} to {PROVIDERS_ENOUGH}, some of them cross-org and senior.",
        plural(count, "person", "people"),
        outside_org,
        at_or_above
    );
    if count >= PROVIDERS_WANTED && outside_org > 0 && at_or_above > 0 {
        summary = format!(
            "{} can vouch for your case, {} of them outside your org and {} at or above {target}: enough providers.",
            plural(count, "person", "people"),
            outside_org,
            at_or_above
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
        at_or_above,
        senior_voices,
        missing_voices,
        names,
        unvouched,
        ask,
        summary,
    }
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
