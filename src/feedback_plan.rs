//! The feedback plan: who to ask for feedback before calibration, and what to ask
//! each of them. A panel weighs the voices around a case as much as the case: it
//! wants several providers (see [`PROVIDERS_WANTED`]), some at or above the target
//! level, some from outside the candidate's org, a peer whose interests differed,
//! and managers the candidate grew. The plan picks them among the people who
//! actually saw the wins (those named on them), so that together they can speak to
//! every expectation of the ladder, and drafts for each a request to paste into an
//! email: the dated wins they saw, what to speak to, and the shape of the answer.
//! Every figure in a draft is copied from the evidence (see [`crate::honesty`]).
//!
//! The user's own manager is never proposed: they present the case at calibration,
//! and a panel hears their view there.

use aho_corasick::AhoCorasick;
use chrono::NaiveDate;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::convert::Infallible;
use std::sync::LazyLock;

use crate::error::Result;
use crate::ladder::{Ladder, principles};
use crate::level::{OrgView, is_managing_report, is_senior_voice};
use crate::model::{
    Cycle, Feedback, FeedbackAsk, Person, PersonId, Relation, Reviewable, Win, WinId,
};
use crate::people::{PROVIDERS_ENOUGH, PROVIDERS_WANTED};
use crate::store::Store;
use crate::words::count_words;

/// Days after an ask without an answer before the plan lists the person as waiting
/// (and the weekly reminder names them).
pub const WAITING_AFTER_DAYS: i64 = 14;

/// The most wins a drafted request lists: a provider reads a short request.
pub const WINS_PER_REQUEST: usize = 5;

/// Where a provider's feedback stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
pub enum AskStatus {
    /// Proposed, not asked yet.
    Planned,
    /// Asked, no feedback from them since.
    Asked,
    /// Feedback from them since the ask (or, never asked, inside the window).
    Received,
}

/// Why a provider is in the plan, beyond the expectations they can speak to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Voice {
    /// At or above the target level (a skip-level, or marked so).
    Senior,
    /// Outside the user's own org.
    OutsideOrg,
    /// A peer or partner whose interests differed (a disagreement, a negotiation).
    DifferingInterests,
    /// A report who manages (a manager the user hired or grew).
    ManagingReport,
}

impl Voice {
    /// The words the plan shows.
    pub fn words(self) -> &'static str {
        match self {
            Voice::Senior => "at or above the target level",
            Voice::OutsideOrg => "outside your org",
            Voice::DifferingInterests => "a peer whose interests differed from yours",
            Voice::ManagingReport => "a report who manages",
        }
    }
}

/// One person to ask, with the drafted request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provider {
    /// Their id.
    #[serde(skip)]
    pub person_id: PersonId,
    /// Their name.
    pub person: String,
    /// How they relate to the user.
    pub relation: Option<Relation>,
    /// Their org, as written.
    pub org: Option<String>,
    /// True when they sit outside the user's org.
    pub outside_org: bool,
    /// The ladder's expectations they can speak to (those of the wins in the request).
    pub expectations: Vec<String>,
    /// The wins the request lists: each one they are named on.
    pub wins: Vec<WinId>,
    /// The request to paste into an email or chat.
    pub request: String,
    /// Asked, answered or only planned.
    pub status: AskStatus,
    /// The day they were asked.
    pub asked_on: Option<NaiveDate>,
    /// Asked more than [`WAITING_AFTER_DAYS`] ago without an answer.
    #[serde(skip)]
    pub waiting: bool,
    /// The kinds of voice they bring to the mix.
    #[serde(skip)]
    pub voices: Vec<Voice>,
}

/// An expectation that rests on a single win: the person who could speak to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ThinSpot {
    /// The expectation's id.
    pub expectation: String,
    /// The one win tagged with it.
    pub win: WinId,
    /// Who is named on that win (not the user's manager).
    pub people: Vec<String>,
}

/// The plan: who to ask, and what nobody can speak to yet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedbackPlan {
    /// The providers, those the plan proposes first, then anyone else asked.
    pub providers: Vec<Provider>,
    /// The ladder's expectations no provider can speak to, in ladder order.
    pub uncovered: Vec<String>,
    /// For an uncovered expectation, who saw a win of it but is not proposed (the
    /// user's manager): (expectation, names).
    #[serde(skip)]
    pub could: Vec<(String, Vec<String>)>,
    /// Expectations carried by one win only, and who saw it.
    #[serde(skip)]
    pub thin: Vec<ThinSpot>,
    /// Kinds of voice the case wants that nobody who saw a win brings.
    #[serde(skip)]
    pub missing: Vec<Voice>,
}

impl FeedbackPlan {
    /// The names of the providers asked more than [`WAITING_AFTER_DAYS`] ago who
    /// have not answered.
    pub fn waiting(&self) -> Vec<String> {
        self.providers
            .iter()
            .filter(|p| p.waiting)
            .map(|p| p.person.clone())
            .collect()
    }
}

/// The plan as the app shows it: what the JSON holds, and what the terminal text
/// says besides (who is waiting, the voices each brings, who saw what nobody can
/// speak to yet), as data, so the app words nothing the plan does not decide.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct PlanView {
    /// The providers, in the plan's order.
    pub providers: Vec<ProviderView>,
    /// The ladder's expectations no provider can speak to, in ladder order.
    pub uncovered: Vec<Uncovered>,
    /// Expectations carried by one win only, and who saw it.
    pub thin: Vec<ThinSpot>,
    /// The kinds of voice the case wants that nobody named on a win brings, in
    /// words ("outside your org").
    pub missing: Vec<String>,
    /// The names of those asked more than [`WAITING_AFTER_DAYS`] ago who have not
    /// answered.
    pub waiting: Vec<String>,
    /// [`WAITING_AFTER_DAYS`].
    pub waiting_after_days: i64,
}

/// One provider as the app shows them.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct ProviderView {
    /// Their id, to mark them asked.
    pub person_id: PersonId,
    /// Their name.
    pub person: String,
    /// How they relate to the user.
    pub relation: Option<Relation>,
    /// Their org, as written.
    pub org: Option<String>,
    /// True when they sit outside the user's org.
    pub outside_org: bool,
    /// The ladder's expectations they can speak to.
    pub expectations: Vec<String>,
    /// The wins the request lists.
    pub wins: Vec<WinId>,
    /// The request to paste into an email or chat.
    pub request: String,
    /// Asked, answered or only planned.
    pub status: AskStatus,
    /// The day they were asked.
    pub asked_on: Option<NaiveDate>,
    /// Asked more than [`WAITING_AFTER_DAYS`] ago without an answer.
    pub waiting: bool,
    /// The kinds of voice they bring, in words ("outside your org").
    pub voices: Vec<String>,
}

/// An expectation nobody the plan proposes can speak to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Uncovered {
    /// The expectation's id.
    pub expectation: String,
    /// Who saw a win of it but is not proposed: the user's manager, who presents
    /// the case. Empty when nobody but the user saw one.
    pub only_manager: Vec<String>,
}

impl FeedbackPlan {
    /// The plan as the app shows it.
    pub fn view(&self) -> PlanView {
        PlanView {
            providers: self
                .providers
                .iter()
                .map(|p| ProviderView {
                    person_id: p.person_id,
                    person: p.person.clone(),
                    relation: p.relation,
                    org: p.org.clone(),
                    outside_org: p.outside_org,
                    expectations: p.expectations.clone(),
                    wins: p.wins.clone(),
                    request: p.request.clone(),
                    status: p.status,
                    asked_on: p.asked_on,
                    waiting: p.waiting,
                    voices: p.voices.iter().map(|v| v.words().to_string()).collect(),
                })
                .collect(),
            uncovered: self
                .uncovered
                .iter()
                .map(|e| Uncovered {
                    expectation: e.clone(),
                    only_manager: self
                        .could
                        .iter()
                        .find(|(id, _)| id == e)
                        .map(|(_, who)| who.clone())
                        .unwrap_or_default(),
                })
                .collect(),
            thin: self.thin.clone(),
            missing: self.missing.iter().map(|v| v.words().to_string()).collect(),
            waiting: self.waiting(),
            waiting_after_days: WAITING_AFTER_DAYS,
        }
    }
}

/// What the plan is made from.
pub struct PlanInputs<'a> {
    /// The cycle's ladder.
    pub ladder: &'a Ladder,
    /// The cycle.
    pub cycle: &'a Cycle,
    /// The live wins (only those in the window count).
    pub wins: &'a [Win],
    /// The live people.
    pub people: &'a [Person],
    /// Feedback, of any date.
    pub feedback: &'a [Feedback],
    /// Who was asked, and when.
    pub asks: &'a [FeedbackAsk],
    /// The user's own org, when they said it.
    pub own_org: Option<&'a str>,
    /// Today, for the waiting.
    pub today: NaiveDate,
}

/// The feedback plan of a store, as of `today`, read in one read transaction. The
/// providers are chosen from what the review reads of each win of the window (its
/// facts) and whether it was a disagreement; only the wins a request lists are read
/// in full.
pub fn plan_store(store: &Store, today: NaiveDate) -> Result<FeedbackPlan> {
    store.reading(|s| plan_of(s, &crate::review::CycleData::load_facts(s)?, today))
}

/// The feedback plan of a cycle already loaded from `store` (what the review reads
/// of each win is enough), as of `today`: [`plan_store`] without loading the
/// window again, for a report that has it in hand (the sponsor pack). Run it inside
/// the read that loaded `data`.
pub fn plan_of<W: Reviewable>(
    s: &Store,
    data: &crate::review::CycleData<W>,
    today: NaiveDate,
) -> Result<FeedbackPlan> {
    let index = ladder_index(&data.ladder);
    let mut seen: Vec<Seen> = data
        .wins
        .iter()
        .filter(|w| data.cycle.contains(w.date()))
        .map(|w| {
            let tagged = data
                .ladder
                .expectations
                .iter()
                .enumerate()
                .filter(|(_, e)| w.tag(&e.id).is_some())
                .map(|(n, _)| n)
                .collect();
            Seen {
                id: w.id(),
                date: w.date(),
                has_metric: w.has_metric(),
                conflict: w.tag(DIFFERING_INTERESTS).is_some(),
                tagged,
                people: w.named().collect(),
            }
        })
        .collect();
    // A disagreement only counts for a peer or partner named on the win: only
    // such wins not already tagged with differing interests are read for it.
    let peers: FxHashSet<PersonId> = data
        .people
        .iter()
        .filter(|p| matches!(p.relation, Some(Relation::Peer | Relation::Partner)))
        .map(|p| p.id)
        .collect();
    let unsure: FxHashSet<WinId> = seen
        .iter()
        .filter(|w| !w.conflict && w.people.iter().any(|(p, _)| peers.contains(p)))
        .map(|w| w.id)
        .collect();
    let mut conflicts: FxHashSet<WinId> = FxHashSet::default();
    let mut words = String::new();
    s.win_words(
        data.cycle.start,
        data.cycle.end,
        |id| unsure.contains(&id),
        |id, texts, tags| {
            let parts = texts.into_iter().flatten().chain(tags);
            if says_conflict(parts, &mut words) {
                conflicts.insert(id);
            }
        },
    )?;
    for w in &mut seen {
        w.conflict |= conflicts.contains(&w.id);
    }
    let answers = s.feedback_days()?;
    let asks = s.feedback_asks()?;
    let core = Core {
        ladder: &data.ladder,
        cycle: &data.cycle,
        people: &data.people,
        answers: &answers,
        asks: &asks,
        own_org: data.own_org.as_deref(),
        today,
    };
    draft(&core, &index, seen, |ids| s.wins_by_ids(ids))
}

/// Words that say a win was a disagreement or a negotiation with someone.
const CONFLICT_WORDS: &[&str] = &[
    "disagree",
    "dispute",
    "conflict",
    "negotiat",
    "push back",
    "pushed back",
    "argued",
    "hard conversation",
    "tough conversation",
    "difficult conversation",
    "talked",
    "settled",
    "escalat",
    "trade-off",
    "tradeoff",
];

/// The ladder expectation whose evidence is, by definition, work with people
/// whose interests differ (see the domain's expectation ids).
const DIFFERING_INTERESTS: &str = "peer-collaboration";

/// True when the texts, put together with a space between each and lowercased, say
/// a disagreement ([`CONFLICT_WORDS`]). `buf` is reused from one win to the next.
fn says_conflict<'t>(parts: impl Iterator<Item = &'t str>, buf: &mut String) -> bool {
    static WORDS: LazyLock<Option<AhoCorasick>> =
        LazyLock::new(|| AhoCorasick::new(CONFLICT_WORDS).ok());
    buf.clear();
    for (n, part) in parts.enumerate() {
        if n > 0 {
            buf.push(' ');
        }
        buf.push_str(part);
    }
    // ASCII text is lowercased in place; any other is lowercased as Unicode says
    // (a letter such as the Kelvin sign lowercases to an ASCII one).
    let lower: Cow<'_, str> = if buf.is_ascii() {
        buf.make_ascii_lowercase();
        Cow::Borrowed(buf.as_str())
    } else {
        Cow::Owned(buf.to_lowercase())
    };
    match &*WORDS {
        Some(words) => words.is_match(&*lower),
        None => CONFLICT_WORDS.iter().any(|c| lower.contains(c)),
    }
}

/// Each ladder expectation's position, by id.
fn ladder_index(ladder: &Ladder) -> HashMap<&str, usize> {
    ladder
        .expectations
        .iter()
        .enumerate()
        .map(|(n, e)| (e.id.as_str(), n))
        .collect()
}

/// The ladder positions of a win's tags, and whether one of them is the
/// expectation of differing interests.
fn tagged_of<'t>(
    tags: impl Iterator<Item = &'t str>,
    index: &HashMap<&str, usize>,
) -> (Vec<usize>, bool) {
    let mut differing = false;
    let tagged = tags
        .filter_map(|t| {
            differing |= t == DIFFERING_INTERESTS;
            index.get(t).copied()
        })
        .collect();
    (tagged, differing)
}

/// What the plan reads of a win of the window to choose who to ask.
struct Seen {
    id: WinId,
    date: NaiveDate,
    has_metric: bool,
    /// Ladder expectation indexes it is tagged with.
    tagged: Vec<usize>,
    /// The people named on it, in order, as (person, vouches).
    people: Vec<(PersonId, bool)>,
    /// A disagreement or a negotiation (see [`CONFLICT_WORDS`]).
    conflict: bool,
}

/// Someone who saw wins, and what they could speak to.
#[derive(Clone)]
struct Candidate<'a> {
    person: &'a Person,
    /// Their wins in the window, oldest first.
    wins: Vec<&'a Seen>,
    /// Ladder expectation indexes their wins carry.
    covers: BTreeSet<usize>,
    vouched: usize,
    voices: Vec<Voice>,
}

/// What the plan is drafted from, besides the wins.
struct Core<'a> {
    ladder: &'a Ladder,
    cycle: &'a Cycle,
    people: &'a [Person],
    /// Who gave feedback, on which day.
    answers: &'a [(PersonId, NaiveDate)],
    asks: &'a [FeedbackAsk],
    own_org: Option<&'a str>,
    today: NaiveDate,
}

/// The plan, from its inputs. Pure: the same inputs give the same plan.
pub fn plan(i: &PlanInputs<'_>) -> FeedbackPlan {
    let index = ladder_index(i.ladder);
    let seen: Vec<Seen> = i
        .wins
        .iter()
        .filter(|w| i.cycle.contains(w.date))
        .map(|w| {
            let (tagged, differing) =
                tagged_of(w.expectations.iter().map(|t| t.id.as_str()), &index);
            Seen {
                id: w.id,
                date: w.date,
                has_metric: w.metric.is_some(),
                tagged,
                people: w.people.iter().map(|p| (p.person_id, p.vouches)).collect(),
                conflict: differing || is_conflict(w),
            }
        })
        .collect();
    let answers: Vec<(PersonId, NaiveDate)> =
        i.feedback.iter().map(|f| (f.person_id, f.date)).collect();
    let core = Core {
        ladder: i.ladder,
        cycle: i.cycle,
        people: i.people,
        answers: &answers,
        asks: i.asks,
        own_org: i.own_org,
        today: i.today,
    };
    let full = |ids: &[WinId]| {
        Ok::<_, Infallible>(
            i.wins
                .iter()
                .filter(|w| ids.contains(&w.id))
                .cloned()
                .collect(),
        )
    };
    match draft(&core, &index, seen, full) {
        Ok(plan) => plan,
        Err(never) => match never {},
    }
}

/// True when the win's words say a disagreement (the tag of differing interests
/// aside).
fn is_conflict(w: &Win) -> bool {
    let texts = [
        Some(w.title.as_str()),
        w.situation.as_deref(),
        w.action.as_deref(),
        w.result.as_deref(),
    ];
    let parts = texts
        .into_iter()
        .flatten()
        .chain(w.tags.iter().map(String::as_str));
    says_conflict(parts, &mut String::new())
}

/// The plan from the window's wins as [`Seen`]; `full` reads the wins the requests
/// list in full.
fn draft<E>(
    i: &Core<'_>,
    index: &HashMap<&str, usize>,
    mut window: Vec<Seen>,
    full: impl FnOnce(&[WinId]) -> std::result::Result<Vec<Win>, E>,
) -> std::result::Result<FeedbackPlan, E> {
    let ladder = i.ladder;
    let orgs = OrgView::new(i.people, i.own_org);
    let by_id: FxHashMap<PersonId, &Person> = i.people.iter().map(|p| (p.id, p)).collect();
    window.sort_by_key(|w| (w.date, w.id));

    // Who saw which wins; the manager apart (they present the case).
    let mut cands: FxHashMap<PersonId, Candidate<'_>> = FxHashMap::default();
    let mut managers_saw: HashMap<usize, BTreeSet<String>> = HashMap::new();
    let mut wins_of: Vec<(usize, Option<&Seen>)> = vec![(0, None); ladder.expectations.len()];
    for w in &window {
        for &e in &w.tagged {
            wins_of[e].0 += 1;
            wins_of[e].1 = Some(w);
        }
        for &(person_id, vouches) in &w.people {
            let Some(p) = by_id.get(&person_id).copied() else {
                continue; // deleted
            };
            if p.relation == Some(Relation::Manager) {
                for &e in &w.tagged {
                    managers_saw.entry(e).or_default().insert(p.name.clone());
                }
                continue;
            }
            let c = cands.entry(p.id).or_insert_with(|| Candidate {
                person: p,
                wins: Vec::new(),
                covers: BTreeSet::new(),
                vouched: 0,
                voices: voices_of(p, &orgs),
            });
            if c.wins.last().is_some_and(|last| last.id == w.id) {
                continue; // named twice on one win
            }
            c.wins.push(w);
            c.covers.extend(w.tagged.iter().copied());
            c.vouched += usize::from(vouches);
            if w.conflict
                && matches!(p.relation, Some(Relation::Peer | Relation::Partner))
                && !c.voices.contains(&Voice::DifferingInterests)
            {
                c.voices.push(Voice::DifferingInterests);
            }
        }
    }
    let mut pool: Vec<Candidate<'_>> = cands.into_values().collect();
    pool.sort_by(|a, b| a.person.name.cmp(&b.person.name));

    let chosen = choose(&pool);
    let covered: BTreeSet<usize> = chosen
        .iter()
        .flat_map(|&n| pool[n].covers.clone())
        .collect();
    let missing: Vec<Voice> = [
        Voice::Senior,
        Voice::OutsideOrg,
        Voice::DifferingInterests,
        Voice::ManagingReport,
    ]
    .into_iter()
    .filter(|v| !pool.iter().any(|c| c.voices.contains(v)))
    .collect();

    // The chosen, then anyone else asked, so their answer is followed.
    let mut asked: Vec<Candidate<'_>> = chosen.iter().map(|&n| pool[n].clone()).collect();
    let mut others: Vec<&FeedbackAsk> = i
        .asks
        .iter()
        .filter(|a| by_id.contains_key(&a.person_id))
        .filter(|a| !asked.iter().any(|c| c.person.id == a.person_id))
        .collect();
    others.sort_by(|a, b| a.person_name.cmp(&b.person_name));
    for a in others {
        let Some(p) = by_id.get(&a.person_id).copied() else {
            continue;
        };
        let c = pool
            .iter()
            .find(|c| c.person.id == p.id)
            .cloned()
            .unwrap_or_else(|| Candidate {
                person: p,
                wins: Vec::new(),
                covers: BTreeSet::new(),
                vouched: 0,
                voices: voices_of(p, &orgs),
            });
        asked.push(c);
    }
    let listed: Vec<Vec<WinId>> = asked.iter().map(|c| request_wins(c)).collect();
    let mut ids: Vec<WinId> = listed.iter().flatten().copied().collect();
    ids.sort_unstable();
    ids.dedup();
    let full = full(&ids)?;
    let full: FxHashMap<WinId, &Win> = full.iter().map(|w| (w.id, w)).collect();

    let asks: HashMap<PersonId, NaiveDate> =
        i.asks.iter().map(|a| (a.person_id, a.asked_on)).collect();
    let providers: Vec<Provider> = asked
        .iter()
        .zip(&listed)
        .map(|(c, ids)| {
            let wins: Vec<&Win> = ids.iter().filter_map(|id| full.get(id).copied()).collect();
            provider(c, &wins, i, index, &asks)
        })
        .collect();

    let uncovered: Vec<String> = ladder
        .expectations
        .iter()
        .enumerate()
        .filter(|(n, _)| !covered.contains(n))
        .map(|(_, e)| e.id.clone())
        .collect();
    let could = ladder
        .expectations
        .iter()
        .enumerate()
        .filter(|(n, _)| !covered.contains(n))
        .filter_map(|(n, e)| {
            managers_saw
                .get(&n)
                .map(|who| (e.id.clone(), who.iter().cloned().collect()))
        })
        .collect();
    let thin = ladder
        .expectations
        .iter()
        .zip(&wins_of)
        .filter_map(|(e, &(count, w))| match (count, w) {
            (1, Some(w)) => {
                let people: Vec<String> = w
                    .people
                    .iter()
                    .filter_map(|(id, _)| by_id.get(id))
                    .filter(|p| p.relation != Some(Relation::Manager))
                    .map(|p| p.name.clone())
                    .collect();
                (!people.is_empty()).then(|| ThinSpot {
                    expectation: e.id.clone(),
                    win: w.id,
                    people,
                })
            }
            _ => None,
        })
        .collect();
    Ok(FeedbackPlan {
        providers,
        uncovered,
        could,
        thin,
        missing,
    })
}

fn voices_of(p: &Person, orgs: &OrgView) -> Vec<Voice> {
    let mut v = Vec::new();
    if is_senior_voice(p) {
        v.push(Voice::Senior);
    }
    if orgs.is_outside(p) {
        v.push(Voice::OutsideOrg);
    }
    if is_managing_report(p) {
        v.push(Voice::ManagingReport);
    }
    v
}

/// Picks the providers (indexes into `pool`): one of each kind of voice the case
/// wants, then whoever covers an expectation nobody chosen covers yet, then the
/// strongest independent voices up to [`PROVIDERS_ENOUGH`].
fn choose(pool: &[Candidate<'_>]) -> Vec<usize> {
    let mut chosen: Vec<usize> = Vec::new();
    let mut covered: BTreeSet<usize> = BTreeSet::new();
    // Higher is better: new expectations, then wins they vouch for, then wins seen,
    // then an independent voice; ties go to the name (the pool's order).
    let key = |n: usize, covered: &BTreeSet<usize>| {
        let c = &pool[n];
        (
            c.covers.difference(covered).count(),
            c.vouched,
            c.wins.len(),
            c.person.relation.is_none_or(Relation::is_independent),
        )
    };
    let best = |chosen: &[usize], covered: &BTreeSet<usize>, fits: &dyn Fn(usize) -> bool| {
        (0..pool.len())
            .filter(|n| !chosen.contains(n) && fits(*n))
            .max_by(|&a, &b| key(a, covered).cmp(&key(b, covered)).then(b.cmp(&a)))
    };
    for voice in [
        Voice::Senior,
        Voice::OutsideOrg,
        Voice::DifferingInterests,
        Voice::ManagingReport,
    ] {
        if chosen.iter().any(|&n| pool[n].voices.contains(&voice)) {
            continue;
        }
        if let Some(n) = best(&chosen, &covered, &|n| pool[n].voices.contains(&voice)) {
            covered.extend(pool[n].covers.iter().copied());
            chosen.push(n);
        }
    }
    while let Some(n) = best(&chosen, &covered, &|n| {
        pool[n].covers.difference(&covered).next().is_some()
    }) {
        covered.extend(pool[n].covers.iter().copied());
        chosen.push(n);
    }
    for independent in [true, false] {
        while chosen.len() < PROVIDERS_ENOUGH.max(PROVIDERS_WANTED) {
            let fits = |n: usize| {
                pool[n].person.relation.is_none_or(Relation::is_independent) == independent
            };
            match best(&chosen, &covered, &fits) {
                Some(n) => chosen.push(n),
                None => break,
            }
        }
    }
    chosen
}

/// The wins a request lists: for each expectation the person can speak to, the
/// best win of it they saw (vouched for, with a metric, recent), then more such
/// wins up to [`WINS_PER_REQUEST`] in all; oldest first.
fn request_wins(c: &Candidate<'_>) -> Vec<WinId> {
    let vouches = |w: &Seen| {
        w.people
            .iter()
            .any(|&(id, vouches)| id == c.person.id && vouches)
    };
    let strength = |w: &Seen| (vouches(w), w.has_metric, w.date, w.id);
    let mut ranked: Vec<&Seen> = c.wins.clone();
    ranked.sort_by_key(|w| std::cmp::Reverse(strength(w)));
    let mut picked: Vec<&Seen> = Vec::new();
    // One win per expectation even past the cap: the plan counts on this person
    // for each of them.
    for &e in &c.covers {
        let has = |w: &Seen| w.tagged.contains(&e);
        if picked.iter().any(|w| has(w)) {
            continue;
        }
        if let Some(w) = ranked.iter().find(|w| has(w)) {
            picked.push(w);
        }
    }
    for w in &ranked {
        if picked.len() >= WINS_PER_REQUEST {
            break;
        }
        if !picked.iter().any(|p| p.id == w.id) {
            picked.push(w);
        }
    }
    picked.sort_by_key(|w| (w.date, w.id));
    picked.into_iter().map(|w| w.id).collect()
}

fn provider(
    c: &Candidate<'_>,
    wins: &[&Win],
    i: &Core<'_>,
    index: &HashMap<&str, usize>,
    asks: &HashMap<PersonId, NaiveDate>,
) -> Provider {
    let mut tagged: BTreeSet<usize> = BTreeSet::new();
    // The principles the listed wins show most, at most three: a provider speaks
    // to a few, not to a list.
    let mut lps: Vec<(String, usize)> = Vec::new();
    let set = principles();
    for w in wins {
        tagged.extend(
            w.expectations
                .iter()
                .filter_map(|t| index.get(t.id.as_str()).copied()),
        );
        for p in &w.principles {
            let name = set.get(p).map(|x| x.name.clone()).unwrap_or(p.clone());
            match lps.iter_mut().find(|(n, _)| *n == name) {
                Some((_, count)) => *count += 1,
                None => lps.push((name, 1)),
            }
        }
    }
    // Stable: ties keep the order the wins show them in.
    lps.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
    let lps: Vec<String> = lps.into_iter().take(3).map(|(n, _)| n).collect();
    let expectations: Vec<String> = tagged
        .iter()
        .map(|&n| i.ladder.expectations[n].id.clone())
        .collect();
    let asked_on = asks.get(&c.person.id).copied();
    let answered = i.answers.iter().any(|&(person, date)| {
        person == c.person.id
            && match asked_on {
                Some(d) => date >= d,
                None => i.cycle.contains(date),
            }
    });
    let status = match (answered, asked_on) {
        (true, _) => AskStatus::Received,
        (false, Some(_)) => AskStatus::Asked,
        (false, None) => AskStatus::Planned,
    };
    let waiting = status == AskStatus::Asked
        && asked_on.is_some_and(|d| (i.today - d).num_days() > WAITING_AFTER_DAYS);
    // The request is the candidate's own words: "My teams deliver", not the
    // ladder's "Your teams deliver", which would read as the provider's teams.
    let titles: Vec<String> = tagged
        .iter()
        .map(|&n| crate::outline::voice::in_my_voice(&i.ladder.expectations[n].title))
        .collect();
    Provider {
        person_id: c.person.id,
        person: c.person.name.clone(),
        relation: c.person.relation,
        org: c.person.org.clone(),
        outside_org: c.voices.contains(&Voice::OutsideOrg),
        expectations,
        wins: wins.iter().map(|w| w.id).collect(),
        request: request(
            &c.person.name,
            i.cycle,
            wins,
            &titles.iter().map(String::as_str).collect::<Vec<_>>(),
            &lps,
            i.ladder.short_review(),
        ),
        status,
        asked_on,
        waiting,
        voices: c.voices.clone(),
    }
}

/// The drafted request. Its only figures are the evidence's: the target level and
/// calibration date of the cycle, the wins' dates, ids and metrics, as written; and
/// the word limit of each answer, the longest text of the ladder's short review.
fn request(
    name: &str,
    cycle: &Cycle,
    wins: &[&Win],
    titles: &[&str],
    lps: &[String],
    form: &crate::document_shape::ShortReviewShape,
) -> String {
    let first = name.split_whitespace().next().unwrap_or(name);
    let when = match cycle.target_date {
        Some(d) => format!(", with calibration on {d}"),
        None => String::new(),
    };
    let mut s = format!(
        "Hi {first},\n\nI am preparing my promotion case for {}{when}. A panel weighs what the people who saw the work say about it, and you saw this first-hand:\n",
        cycle.target_level
    );
    if wins.is_empty() {
        s.push_str("- the work we did together this year\n");
    }
    for w in wins {
        match &w.metric {
            Some(m) => s.push_str(&format!("- {}: {} ({m}) [#{}]\n", w.date, w.title, w.id)),
            None => s.push_str(&format!("- {}: {} [#{}]\n", w.date, w.title, w.id)),
        }
    }
    if !titles.is_empty() {
        s.push_str(&format!(
            "\nWhere your view would help most: {}.",
            titles.join("; ")
        ));
    }
    if !lps.is_empty() {
        s.push_str(&format!(
            " The leadership principles it shows: {}.",
            lps.join(", ")
        ));
    }
    // The company's own peer questions, in at most its form's longest text.
    let asks = if form.peer_asks.is_empty() {
        &crate::ladder::default_short_review().peer_asks
    } else {
        &form.peer_asks
    };
    let words = count_words(form.limit_under(None));
    let n = count_words(asks.len());
    let answers = if asks.len() == 1 { "answer" } else { "answers" };
    s.push_str(&format!(
        "\n\nCould you write {n} short {answers}, at most {words} words each?\n"
    ));
    for a in asks {
        s.push_str(&format!("- {a}\n"));
    }
    s.push_str("\nThank you!\n");
    s
}

/// The plan as a person reads it in a terminal: each provider with why they are
/// proposed, their status and their request; then what nobody can speak to yet.
pub fn render_text(plan: &FeedbackPlan) -> String {
    let mut t = String::new();
    if plan.providers.is_empty() {
        t.push_str("Nobody is named on a win in the window yet, so there is nobody to ask. Name who saw each win (`caliber edit ID --person NAME`).\n");
    }
    for p in &plan.providers {
        let relation = p.relation.map(|r| r.label()).unwrap_or("Relation unknown");
        let org = p.org.as_deref().unwrap_or("org unknown");
        let status = match (p.status, p.asked_on) {
            (AskStatus::Received, _) => "answered".to_string(),
            (AskStatus::Asked, Some(d)) if p.waiting => format!("asked on {d}, waiting"),
            (AskStatus::Asked, Some(d)) => format!("asked on {d}"),
            _ => "to ask".to_string(),
        };
        t.push_str(&format!("== {} ({relation}, {org}): {status}\n", p.person));
        let voices: Vec<&str> = p.voices.iter().map(|v| v.words()).collect();
        if !voices.is_empty() {
            t.push_str(&format!("   Brings a voice {}.\n", voices.join("; ")));
        }
        if !p.expectations.is_empty() {
            t.push_str(&format!("   Speaks to: {}.\n", p.expectations.join(", ")));
        }
        t.push('\n');
        for line in p.request.lines() {
            t.push_str(&format!("   {line}\n"));
        }
        t.push('\n');
    }
    if plan.uncovered.is_empty() {
        t.push_str("Together they can speak to every expectation of the ladder.\n");
    } else {
        t.push_str(&format!(
            "Nobody you could ask has seen a win of: {}.\n",
            plan.uncovered.join(", ")
        ));
        for (e, who) in &plan.could {
            t.push_str(&format!(
                "   {e}: only {} saw it, who presents your case; log a win naming someone else who saw the work.\n",
                who.join(", ")
            ));
        }
    }
    for s in &plan.thin {
        t.push_str(&format!(
            "{} rests on one win [#{}]: {} could speak to it; one more win would make it a strength.\n",
            s.expectation,
            s.win,
            s.people.join(", ")
        ));
    }
    for v in &plan.missing {
        t.push_str(&format!(
            "Nobody named on your wins is {}: name one on the wins they saw.\n",
            v.words()
        ));
    }
    let waiting = plan.waiting();
    if !waiting.is_empty() {
        t.push_str(&format!(
            "Waiting for more than {} days: {}.\n",
            count_words(WAITING_AFTER_DAYS as usize),
            waiting.join(", ")
        ));
    }
    t
}
