//! Suggestions while logging: which expectations (and leadership principles) a
//! one-line win is evidence for, best first, so tagging costs one click.
//!
//! Two sources of evidence are added up. The ladder's signals (phrases, word stems,
//! phrases of absence such as "without me") count directly. A small naive Bayes
//! model over word stems learns each expectation's vocabulary from the ladder's own
//! example wins, so it works on a fresh database, and then from the user's confirmed
//! tags: corrections teach it the user's own words. Everything stays
//! on the machine.

use rust_stemmers::{Algorithm, Stemmer};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

use crate::error::Result;
use crate::ladder::{Ladder, PrincipleSet, Signals};
use crate::model::{ExpectationTag, Win, WinDraft};
use crate::store::Store;

/// One ranked suggestion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Suggestion {
    /// Expectation (or principle) id.
    pub id: String,
    /// Confidence from 0 to 1; higher is better. Only the order is meant to be
    /// compared across ids.
    pub score: f64,
}

/// How much one matched thing adds to an expectation's raw score.
const PHRASE: f64 = 2.0;
const PHRASE_EXTRA_WORD: f64 = 0.5;
const NEGATION: f64 = 3.0;
const STEM: f64 = 1.0;
/// How much the word model's posterior adds, at most.
const MODEL: f64 = 3.0;
/// Laplace smoothing of the word model.
const ALPHA: f64 = 0.5;
/// How much a user's confirmed win teaches, against one ladder example.
const USER_WEIGHT: f64 = 1.0;
/// How many recent confirmed wins to learn from: recent corrections matter most,
/// and the cost of learning stays flat as the ledger grows.
pub const LEARN_FROM: usize = 500;
/// Below this raw score nothing is stored as a suggestion.
const MIN_RAW: f64 = 1.0;

/// Words too common to tell expectations apart.
const STOPWORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "to", "of", "for", "with", "in", "on", "at", "by",
    "from", "as", "is", "was", "were", "be", "been", "it", "its", "this", "that", "these", "those",
    "i", "me", "my", "we", "our", "us", "you", "your", "he", "she", "his", "her", "they", "them",
    "their", "so", "up", "out", "now", "after", "into", "than", "then", "also", "all", "about",
    "over", "via", "per", "got", "get", "did", "do", "had", "has", "have",
];

/// The words of a text, lowercase, split wherever a letter or digit stops: the same
/// view of words as the search index, so "on-call" and "on call" match alike.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

struct Target {
    id: String,
    phrases: Vec<Vec<String>>,
    negations: Vec<Vec<String>>,
    stems: Vec<String>,
}

impl Target {
    fn new(id: &str, s: &Signals) -> Target {
        let tokenize = |list: &[String]| -> Vec<Vec<String>> {
            list.iter()
                .map(|p| words(p))
                .filter(|w| !w.is_empty())
                .collect()
        };
        Target {
            id: id.to_string(),
            phrases: tokenize(&s.phrases),
            negations: tokenize(&s.negations),
            stems: s
                .stems
                .iter()
                .map(|s| s.trim().to_lowercase())
                .filter(|s| !s.is_empty())
                .collect(),
        }
    }

    fn raw_score(&self, tokens: &[String]) -> f64 {
        let mut score = 0.0;
        for p in &self.phrases {
            if contains_seq(tokens, p) {
                score += PHRASE + PHRASE_EXTRA_WORD * (p.len() as f64 - 1.0);
            }
        }
        for n in &self.negations {
            if contains_seq(tokens, n) {
                score += NEGATION;
            }
        }
        for t in tokens {
            if self.stems.iter().any(|s| t.starts_with(s.as_str())) {
                score += STEM;
            }
        }
        score
    }
}

fn contains_seq(tokens: &[String], seq: &[String]) -> bool {
    !seq.is_empty() && tokens.windows(seq.len()).any(|w| w == seq)
}

/// Ranks the expectations of one ladder (or the principles of a set) for a text.
pub struct Suggester {
    targets: Vec<Target>,
    stemmer: Stemmer,
    /// Per target: stem -> weighted count in the texts filed under it.
    counts: Vec<HashMap<String, f64>>,
    /// Per target: the sum of its counts.
    totals: Vec<f64>,
    vocabulary: HashSet<String>,
    learned_from: usize,
    /// Word -> stem, while learning: thousands of titles share a few thousand words,
    /// and stemming each occurrence again was most of the cost of `caliber log`.
    stems: HashMap<String, String>,
}

impl Suggester {
    /// A suggester from a ladder's signals and example wins.
    pub fn for_ladder(ladder: &Ladder) -> Suggester {
        let mut s = Suggester::new(
            ladder
                .expectations
                .iter()
                .map(|e| Target::new(&e.id, &e.signals))
                .collect(),
        );
        for (i, e) in ladder.expectations.iter().enumerate() {
            for ex in &e.examples {
                s.add_counts(i, ex, 1.0);
            }
        }
        s
    }

    /// A suggester for leadership principles.
    pub fn for_principles(set: &PrincipleSet) -> Suggester {
        Suggester::new(
            set.principles
                .iter()
                .map(|p| Target::new(&p.id, &p.signals))
                .collect(),
        )
    }

    fn new(targets: Vec<Target>) -> Suggester {
        let n = targets.len();
        Suggester {
            targets,
            stemmer: Stemmer::create(Algorithm::English),
            counts: vec![HashMap::new(); n],
            totals: vec![0.0; n],
            vocabulary: HashSet::new(),
            learned_from: 0,
            stems: HashMap::new(),
        }
    }

    fn model_words(&self, text: &str) -> Vec<String> {
        let mut out: Vec<String> = words(text)
            .into_iter()
            .filter(|w| keep_for_model(w))
            .map(|w| self.stemmer.stem(&w).into_owned())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    fn add_counts(&mut self, target: usize, text: &str, weight: f64) {
        let mut seen: Vec<String> = Vec::new();
        for w in words(text) {
            if !keep_for_model(&w) {
                continue;
            }
            let stem = match self.stems.get(&w) {
                Some(s) => s.clone(),
                None => {
                    let s = self.stemmer.stem(&w).into_owned();
                    self.stems.insert(w, s.clone());
                    s
                }
            };
            if !seen.contains(&stem) {
                seen.push(stem);
            }
        }
        for w in seen {
            *self.counts[target].entry(w.clone()).or_default() += weight;
            self.totals[target] += weight;
            self.vocabulary.insert(w);
        }
    }

    /// Learns from examples of confirmed tags: (text, expectation ids). Ids this
    /// suggester does not know are ignored.
    pub fn learn(&mut self, examples: &[(String, Vec<String>)]) {
        for (text, ids) in examples {
            let known: Vec<usize> = ids
                .iter()
                .filter_map(|id| self.targets.iter().position(|t| &t.id == id))
                .collect();
            if known.is_empty() {
                continue;
            }
            let share = USER_WEIGHT / known.len() as f64;
            for i in known {
                self.add_counts(i, text, share);
            }
            self.learned_from += 1;
        }
    }

    /// How many confirmed wins it has learned from.
    pub fn learned_from(&self) -> usize {
        self.learned_from
    }

    /// The word model's posterior per target, or nothing when no word of the text
    /// has been seen before.
    fn posterior(&self, text: &str) -> Option<Vec<f64>> {
        let known: Vec<String> = self
            .model_words(text)
            .into_iter()
            .filter(|w| self.vocabulary.contains(w))
            .collect();
        if known.is_empty() {
            return None;
        }
        let v = self.vocabulary.len() as f64;
        let logs: Vec<f64> = (0..self.targets.len())
            .map(|i| {
                let denom = self.totals[i] + ALPHA * v;
                known
                    .iter()
                    .map(|w| ((self.counts[i].get(w).copied().unwrap_or(0.0) + ALPHA) / denom).ln())
                    .sum()
            })
            .collect();
        let max = logs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let exps: Vec<f64> = logs.iter().map(|l| (l - max).exp()).collect();
        let sum: f64 = exps.iter().sum();
        Some(exps.into_iter().map(|e| e / sum).collect())
    }

    fn raw_scores(&self, text: &str) -> Vec<f64> {
        let tokens = words(text);
        let k = self.targets.len().max(1) as f64;
        let post = self.posterior(text);
        self.targets
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mut raw = t.raw_score(&tokens);
                if let Some(p) = &post {
                    raw += MODEL * (p[i] - 1.0 / k).max(0.0) / (1.0 - 1.0 / k);
                }
                raw
            })
            .collect()
    }

    /// Ranked suggestions for a text, best first; ids with no evidence at all are
    /// left out, so an empty list means "no idea".
    pub fn suggest(&self, text: &str) -> Vec<Suggestion> {
        let mut out: Vec<(f64, Suggestion)> = self
            .raw_scores(text)
            .into_iter()
            .zip(&self.targets)
            .filter(|(raw, _)| *raw > 0.0)
            .map(|(raw, t)| {
                (
                    raw,
                    Suggestion {
                        id: t.id.clone(),
                        score: confidence(raw),
                    },
                )
            })
            .collect();
        // Best first; among equals, ladder order (the sort is stable).
        out.sort_by(|a, b| b.0.total_cmp(&a.0));
        out.into_iter().map(|(_, s)| s).collect()
    }

    /// The best suggestion when it is strong enough to store unconfirmed.
    pub fn best(&self, text: &str) -> Option<Suggestion> {
        let raw = self.raw_scores(text);
        let (i, top) = raw
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))?;
        (*top >= MIN_RAW).then(|| Suggestion {
            id: self.targets[i].id.clone(),
            score: confidence(*top),
        })
    }
}

/// Words the word model counts: not stopwords, not bare numbers, not single letters.
fn keep_for_model(w: &str) -> bool {
    w.len() > 1 && !STOPWORDS.contains(&w) && !w.chars().all(|c| c.is_ascii_digit())
}

/// Maps a raw score onto 0..1, three decimals.
fn confidence(raw: f64) -> f64 {
    ((1.0 - (-raw / 3.0).exp()) * 1000.0).round() / 1000.0
}

/// A suggester for the current cycle's ladder, taught by the user's recent
/// confirmed wins.
pub fn suggester(store: &Store) -> Result<Suggester> {
    let ladder = store.current_ladder()?;
    let mut s = Suggester::for_ladder(&ladder);
    s.learn(&store.confirmed_examples(LEARN_FROM)?);
    Ok(s)
}

/// Ranked expectation suggestions for a text, on the current ladder.
pub fn suggest(store: &Store, text: &str) -> Result<Vec<Suggestion>> {
    Ok(suggester(store)?.suggest(text))
}

/// Ranked leadership-principle suggestions for a text.
pub fn suggest_principles(text: &str) -> Vec<Suggestion> {
    Suggester::for_principles(crate::ladder::principles()).suggest(text)
}

/// Logs a win the way a person expects from a quick capture: when they named no
/// expectation, the best suggestion is stored as *suggested* (not confirmed), so
/// the review counts it and says it still needs their word.
pub fn log_win(store: &mut Store, draft: &WinDraft) -> Result<Win> {
    let mut draft = draft.clone();
    if draft.expectations.is_empty() {
        let text = [
            Some(&draft.title),
            draft.situation.as_ref(),
            draft.action.as_ref(),
            draft.result.as_ref(),
        ]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ");
        if let Some(best) = suggester(store)?.best(&text) {
            draft.expectations.push(ExpectationTag {
                id: best.id,
                confirmed: false,
            });
        }
    }
    store.add_win(&draft)
}
