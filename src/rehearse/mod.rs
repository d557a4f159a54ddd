//! The rehearsal before calibration: the questions a panel will ask about this
//! case, so the candidate has an answer ready before their manager has to give one
//! without them in the room. The questions come from the ladder's panel questions
//! (the review's, for the expectations that are not strong) and from the evidence's
//! own weak spots: a story with no first-person action ("what was your part?"), an
//! early or projected figure that is old by now ("did it last?"), an expectation
//! carried only by the last quarter ("is this sustained?"), no one outside the org
//! vouching ("who outside your org saw it?") and a thin expectation ("why not
//! earlier?").
//!
//! Each question's id is made of its kind, the expectation and, for a story, the
//! win's id ("durability:cross-org-impact:42"), so an answer stays on its question
//! whatever else is logged or edited. The answers are kept by the store
//! ([`Store::answers`]), one undo step each.

use chrono::{Duration, NaiveDate};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

use crate::error::{Error, Result};
use crate::level::OrgView;
use crate::model::{Person, PersonId, Win, WinId};
use crate::review::{CycleData, ExpectationReview, Review, Reviewable, Strength, review};
use crate::store::Store;

pub mod answer;

pub use answer::{Answer, moved_question, question_id};

/// A figure older than this many days that was only projected or early is asked
/// whether it lasted.
pub const DURABLE_AFTER_DAYS: i64 = 90;
/// The last quarter, in days: an expectation whose evidence all sits inside it is
/// asked whether it is sustained.
pub const LAST_QUARTER_DAYS: i64 = 91;
/// Seconds to say one story's summary out loud: at calibration the manager
/// presents the whole case in a minute or two, so a story that takes longer than
/// this will not be told.
pub const SUMMARY_SECONDS: u32 = 90;
/// How many stories of one expectation a panel hears about: the ones the case
/// leads with (at the level, with a metric first, newest first).
pub const STORIES_PER_EXPECTATION: usize = 3;

/// Words saying a result was not yet measured for good: a projection, an estimate,
/// an early reading or a trial.
const EARLY_WORDS: &[&str] = &[
    "projected",
    "projection",
    "projections",
    "expected",
    "estimated",
    "estimate",
    "estimates",
    "forecast",
    "forecasted",
    "beta",
    "pilot",
    "piloted",
    "preliminary",
    "initial",
    "first week",
    "first weeks",
    "first day",
    "first days",
    "first month",
    "early results",
    "early signs",
    "early data",
    "on track to",
    "on track for",
];

/// Words that speak for the candidate, and those that speak for a group.
const MINE: &[&str] = &[
    "i", "i'd", "i've", "i'm", "i'll", "me", "my", "myself", "mine",
];
const OURS: &[&str] = &[
    "we", "we'd", "we've", "we're", "our", "ours", "us", "team", "teams",
];

/// The kinds of question, as the first part of an id.
const PANEL: &str = "panel";
/// "Why not earlier?": a thin expectation.
pub const EARLIER: &str = "earlier";
/// "Is this sustained?": an expectation whose evidence all sits in the last quarter.
pub const SUSTAINED: &str = "sustained";
const OUTSIDE: &str = "outside";
const OWNERSHIP: &str = "ownership";
const DURABILITY: &str = "durability";

/// One question a panel will ask.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Question {
    /// Stable id: kind, expectation and, for a story, the win ("ownership:strategy:7").
    pub id: String,
    /// The expectation it is about.
    pub expectation: String,
    /// The win it is about, when it is about one story.
    pub win: Option<WinId>,
    /// The question, as a panel would put it.
    pub question: String,
    /// Why the panel will ask it, from the evidence.
    pub why: String,
    /// The user's answer, when they wrote one.
    pub answer: Option<String>,
}

/// The rehearsal: every question, expectations in ladder order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Rehearsal {
    /// The questions.
    pub questions: Vec<Question>,
}

/// The text's lowercase words, each padded by a space, so a phrase matches whole
/// words only (" first week " is not inside " first weekend ").
fn words_of(text: &str) -> String {
    let mut out = String::from(" ");
    for c in text.chars() {
        if c.is_alphanumeric() || c == '\'' || c == '’' {
            out.extend(c.to_lowercase().map(|c| if c == '’' { '\'' } else { c }));
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

fn has_any(words: &str, list: &[&str]) -> bool {
    list.iter().any(|w| words.contains(&format!(" {w} ")))
}

/// True when a result or metric was only projected, estimated or early when it was
/// written: "projected $2M a year", "pilot: 12% faster", "first week: 300 users".
pub fn is_early_result(text: &str) -> bool {
    has_any(&words_of(text), EARLY_WORDS)
}

/// True when the win says what the candidate did: an action that speaks in the
/// first person, or at least not only of "we" and the team ("Led the reorg" is
/// theirs; "We shipped it" is not).
pub fn has_first_person_action(w: &Win) -> bool {
    match w.action.as_deref().map(str::trim) {
        None | Some("") => false,
        Some(action) => {
            let words = words_of(action);
            has_any(&words, MINE) || !has_any(&words, OURS)
        }
    }
}

/// True when the win's figure was early or projected and is older than
/// [`DURABLE_AFTER_DAYS`] on `as_of`.
fn needs_durability(w: &Win, as_of: NaiveDate) -> bool {
    w.date < as_of - Duration::days(DURABLE_AFTER_DAYS)
        && [&w.metric, &w.result]
            .into_iter()
            .flatten()
            .any(|t| is_early_result(t))
}

/// True when there are dates and every one sits in the last quarter before
/// `as_of` ([`LAST_QUARTER_DAYS`]), in a window that began before that quarter.
pub fn only_last_quarter(
    dates: impl IntoIterator<Item = NaiveDate>,
    window_start: NaiveDate,
    as_of: NaiveDate,
) -> bool {
    let quarter_start = as_of - Duration::days(LAST_QUARTER_DAYS);
    let mut any = false;
    window_start < quarter_start
        && dates.into_iter().all(|d| {
            any = true;
            d >= quarter_start
        })
        && any
}

/// The stories an expectation's case leads with: wins at or above the level, with
/// a metric first, newest first (`win_ids` is newest first). It stops at the
/// [`STORIES_PER_EXPECTATION`]th story with a metric: a year of wins is not read
/// to find three.
fn lead_stories<W: Reviewable>(e: &ExpectationReview, wins: &WinsById<'_, W>) -> Vec<WinId> {
    let mut with_metric: Vec<WinId> = Vec::with_capacity(STORIES_PER_EXPECTATION);
    let mut without: Vec<WinId> = Vec::with_capacity(STORIES_PER_EXPECTATION);
    for w in strong_stories(e, wins) {
        if w.has_metric() {
            with_metric.push(w.id());
            if with_metric.len() == STORIES_PER_EXPECTATION {
                break;
            }
        } else if without.len() < STORIES_PER_EXPECTATION {
            without.push(w.id());
        }
    }
    with_metric.extend(without);
    with_metric.truncate(STORIES_PER_EXPECTATION);
    with_metric
}

/// Every win of an expectation at or above the level, newest first.
fn strong_stories<'a, 'b, W: Reviewable>(
    e: &'b ExpectationReview,
    wins: &'b WinsById<'a, W>,
) -> impl Iterator<Item = &'a W> + 'b {
    // A set, not a search of the list for each win: an expectation of a prolific
    // year has thousands of wins below the level.
    let below: FxHashSet<WinId> = e.below_level.iter().copied().collect();
    e.win_ids
        .iter()
        .filter(move |id| !below.contains(id))
        .filter_map(|id| wins.get(id).copied())
}

fn quoted(w: &Win) -> String {
    format!("\"{}\" ({})", w.title, w.date)
}

/// The wins the rehearsal reads in full: the stories each expectation leads with.
pub fn lead_ids<W: Reviewable>(data: &CycleData<W>, rev: &Review) -> Vec<WinId> {
    let wins = window(data);
    let mut ids: Vec<WinId> = rev
        .expectations
        .iter()
        .flat_map(|e| lead_stories(e, &wins))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The window's wins by id.
type WinsById<'a, W> = FxHashMap<WinId, &'a W>;

fn window<W: Reviewable>(data: &CycleData<W>) -> WinsById<'_, W> {
    data.wins
        .iter()
        .filter(|w| data.cycle.contains(w.date()))
        .map(|w| (w.id(), w))
        .collect()
}

/// Builds the rehearsal of a cycle from its review, with the user's answers the
/// cycle's data holds; `full` holds at least the wins of [`lead_ids`] in full.
/// Pure: the same inputs give the same questions.
pub fn rehearse<W: Reviewable>(data: &CycleData<W>, rev: &Review, full: &[Win]) -> Rehearsal {
    let full: HashMap<WinId, &Win> = full.iter().map(|w| (w.id, w)).collect();
    let answers: HashMap<&str, &str> = data
        .answers
        .iter()
        .map(|a| (a.question.as_str(), a.answer.as_str()))
        .collect();
    let as_of = rev.as_of;
    let wins = window(data);
    let people: HashMap<PersonId, &Person> = data.people.iter().map(|p| (p.id, p)).collect();
    let orgs = OrgView::new(&data.people, data.own_org.as_deref());
    let outside = |id: PersonId| people.get(&id).is_some_and(|p| orgs.is_outside(p));
    let quarter_start = as_of - Duration::days(LAST_QUARTER_DAYS);
    let mut asked: HashSet<WinId> = HashSet::new();
    let mut questions = Vec::new();
    // A story's questions are told apart by the win; an expectation's questions
    // that only name its lead story are not, so a new story does not move them.
    let mut ask =
        |expectation: &str, kind: &str, win: Option<WinId>, question: String, why: String| {
            let id = question_id(kind, expectation, win.filter(|_| kind != OUTSIDE));
            let answer = answers.get(id.as_str()).map(|a| a.to_string());
            questions.push(Question {
                id,
                expectation: expectation.to_string(),
                win,
                question,
                why,
                answer,
            });
        };

    for e in &rev.expectations {
        let title = format!("\"{}\"", e.title);
        if let Some(q) = &e.panel_question {
            ask(
                &e.id,
                PANEL,
                None,
                q.clone(),
                format!(
                    "The ladder's question for {title}, whose evidence is {}: {}.",
                    e.strength.as_str(),
                    e.summary
                ),
            );
        }
        if e.strength == Strength::Thin {
            // Thin and recent: why only now. Thin and old: why nothing since.
            let question = match e.latest {
                Some(latest) if latest < quarter_start => format!(
                    "Your evidence for {title} stops on {latest}: why nothing since, and what are you doing about it now?"
                ),
                _ => format!(
                    "Why is there so little for {title}, and why not earlier? What are you doing about it now?"
                ),
            };
            ask(
                &e.id,
                EARLIER,
                None,
                question,
                format!("The evidence for {title} is thin: {}.", e.summary),
            );
        }
        let in_window: Vec<&W> = e
            .win_ids
            .iter()
            .filter_map(|id| wins.get(id).copied())
            .collect();
        if only_last_quarter(in_window.iter().map(|w| w.date()), data.cycle.start, as_of) {
            ask(
                &e.id,
                SUSTAINED,
                None,
                format!(
                    "Is your work for {title} sustained, or only the last quarter? What did you do for it before {quarter_start}?"
                ),
                format!(
                    "All {} of its evidence is dated after {quarter_start}, the last quarter before {as_of}; a panel weighs the whole year.",
                    crate::review::plural(in_window.len(), "win", "wins")
                ),
            );
        }
        let lead: Vec<&Win> = lead_stories(e, &wins)
            .iter()
            .filter_map(|id| full.get(id).copied())
            .collect();
        if let Some(first) = lead.first() {
            let vouched_outside = strong_stories(e, &wins)
                .any(|w| w.named().any(|(p, vouches)| vouches && outside(p)))
                || data.feedback.iter().any(|f| {
                    f.expectation.as_deref() == Some(e.id.as_str()) && outside(f.person_id)
                });
            if !vouched_outside {
                ask(
                    &e.id,
                    OUTSIDE,
                    Some(first.id),
                    format!(
                        "Who outside your org saw your work for {title}? Who could speak to {}?",
                        quoted(first)
                    ),
                    format!(
                        "No one outside your org vouches for a story for {title}; at this level the voices from outside count most."
                    ),
                );
            }
        }
        for w in lead {
            if !asked.insert(w.id) {
                continue;
            }
            if !has_first_person_action(w) {
                ask(
                    &e.id,
                    OWNERSHIP,
                    Some(w.id),
                    format!(
                        "In {}, what was your part and what was the team's?",
                        quoted(w)
                    ),
                    match w.action.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
                        None => "The win says what happened, not what you did: it has no action."
                            .to_string(),
                        Some(_) => "Its action speaks of \"we\" and the team, not of what you did."
                            .to_string(),
                    },
                );
            }
            if needs_durability(w, as_of) {
                let figure = [&w.metric, &w.result]
                    .into_iter()
                    .flatten()
                    .find(|t| is_early_result(t))
                    .cloned()
                    .unwrap_or_default();
                ask(
                    &e.id,
                    DURABILITY,
                    Some(w.id),
                    format!(
                        "Did it last? What does {} show now, more than {DURABLE_AFTER_DAYS} days on?",
                        quoted(w)
                    ),
                    format!(
                        "Its figure was early or projected (\"{figure}\") and is {} days old; a panel asks for the result as measured since.",
                        (as_of - w.date).num_days()
                    ),
                );
            }
        }
    }
    Rehearsal { questions }
}

/// The rehearsal of a store's current cycle as of `as_of`, with the user's answers,
/// all read in one read transaction.
pub fn rehearse_store(store: &Store, as_of: NaiveDate) -> Result<Rehearsal> {
    store.reading(|store| {
        let data = CycleData::load_facts(store)?;
        let rev = review(&data.inputs(as_of));
        let full = store.wins_by_ids(&lead_ids(&data, &rev))?;
        Ok(rehearse(&data, &rev, &full))
    })
}

/// Keeps the user's answer to question `id` of the rehearsal as of `as_of` (an
/// answer given again replaces it); one undo step. An empty answer and a question
/// this rehearsal does not ask are refused, and nothing is changed.
pub fn answer(store: &mut Store, as_of: NaiveDate, id: &str, text: &str) -> Result<Question> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::invalid(
            "the answer is empty; write what you would tell the panel, e.g. caliber rehearse answer ID \"It held: 31% by October, finance confirmed\"",
        ));
    }
    let id = id.trim();
    let mut question = rehearse_store(store, as_of)?
        .questions
        .into_iter()
        .find(|q| q.id == id)
        .ok_or_else(|| {
            Error::not_found(format!(
                "there is no question '{id}' in this rehearsal; `caliber rehearse` lists the questions with their ids"
            ))
        })?;
    store.set_answer(id, text)?;
    question.answer = Some(text.to_string());
    Ok(question)
}
