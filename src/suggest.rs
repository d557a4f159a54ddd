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
use std::collections::HashMap;

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
/// The share of a phrase's weight when one other word sits inside it ("joint
/// semester plan" for "joint plan", "during my 5-week leave" for "during my leave").
const GAPPED: f64 = 0.5;
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
    /// Each phrase as its words' stems, so "tough conversation" also reads
    /// "tough conversations" and "hand off" reads "handing off".
    phrases: Vec<Vec<String>>,
    negations: Vec<Vec<String>>,
    stems: Vec<String>,
}

impl Target {
    fn new(id: &str, s: &Signals) -> Target {
        // "sev" and "sevs" are one phrase once stemmed: count it once.
        let tokenize = |list: &[String]| -> Vec<Vec<String>> {
            let mut out: Vec<Vec<String>> = Vec::new();
            for p in list.iter().map(|p| stemmed(&words(p))) {
                if !p.is_empty() && !out.contains(&p) {
                    out.push(p);
                }
            }
            out
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

    /// `tokens` are a text's words, `stems` the same words stemmed.
    fn raw_score(&self, tokens: &[String], stems: &[String]) -> f64 {
        let mut score = 0.0;
        for p in &self.phrases {
            if contains_seq(stems, p) {
                score += PHRASE + PHRASE_EXTRA_WORD * (p.len() as f64 - 1.0);
            } else if contains_with_gap(stems, p) {
                score += GAPPED * (PHRASE + PHRASE_EXTRA_WORD * (p.len() as f64 - 1.0));
            }
        }
        for n in &self.negations {
            if contains_seq(stems, n) {
                score += NEGATION;
            } else if contains_with_gap(stems, n) {
                score += GAPPED * NEGATION;
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

/// The stems of words, by the English (Porter 2) stemmer.
fn stemmed(words: &[String]) -> Vec<String> {
    static STEMMER: std::sync::OnceLock<Stemmer> = std::sync::OnceLock::new();
    let stemmer = STEMMER.get_or_init(|| Stemmer::create(Algorithm::English));
    words.iter().map(|w| stemmer.stem(w).into_owned()).collect()
}

/// Whether `seq` (two words or more) occurs with one other word inside it:
/// "joint plan" in "joint semester plan".
fn contains_with_gap(tokens: &[String], seq: &[String]) -> bool {
    seq.len() >= 2
        && tokens
            .windows(seq.len() + 1)
            .any(|w| (1..seq.len()).any(|at| w[..at] == seq[..at] && w[at + 1..] == seq[at..]))
}

fn contains_seq(tokens: &[String], seq: &[String]) -> bool {
    !seq.is_empty() && tokens.windows(seq.len()).any(|w| w == seq)
}

/// Ranks the expectations of one ladder (or the principles of a set) for a text.
pub struct Suggester {
    targets: Vec<Target>,
    stemmer: Stemmer,
    /// Lowercase word -> its stem's number, or `None` for words the model skips.
    /// Thousands of titles share a few thousand words, so each word is stemmed once.
    words: HashMap<String, Option<u32>>,
    /// Stem -> its number; the model's vocabulary.
    stems: HashMap<String, u32>,
    /// Weighted counts, `counts[stem * targets + target]`: how often the stem occurs
    /// in the texts filed under the target.
    counts: Vec<f64>,
    /// Per target: the sum of its counts.
    totals: Vec<f64>,
    learned_from: usize,
}

impl Suggester {
    /// A suggester from a ladder's signals and example wins.
    pub fn for_ladder(ladder: &Ladder) -> Suggester {
        let mut s = Suggester::untrained(ladder);
        let mut seen = Vec::new();
        for (i, e) in ladder.expectations.iter().enumerate() {
            for ex in &e.examples {
                s.add_counts(i, ex, 1.0, &mut seen);
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

    /// A ladder's signals with an empty word model.
    fn untrained(ladder: &Ladder) -> Suggester {
        Suggester::new(
            ladder
                .expectations
                .iter()
                .map(|e| Target::new(&e.id, &e.signals))
                .collect(),
        )
    }

    fn new(targets: Vec<Target>) -> Suggester {
        let n = targets.len();
        Suggester {
            targets,
            stemmer: Stemmer::create(Algorithm::English),
            words: HashMap::new(),
            stems: HashMap::new(),
            counts: Vec::new(),
            totals: vec![0.0; n],
            learned_from: 0,
        }
    }

    /// The stem numbers of a text's words that the model has seen, each once.
    fn known_stems(&self, text: &str) -> Vec<u32> {
        let mut out: Vec<u32> = words(text)
            .into_iter()
            .filter_map(|w| match self.words.get(&w) {
                Some(id) => *id,
                None if keep_for_model(&w) => {
                    self.stems.get(self.stemmer.stem(&w).as_ref()).copied()
                }
                None => None,
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The stem number of a lowercase word, learning the word (and its stem) if new.
    fn stem_id(&mut self, word: &str) -> Option<u32> {
        if let Some(id) = self.words.get(word) {
            return *id;
        }
        let id = if keep_for_model(word) {
            let stem = self.stemmer.stem(word);
            match self.stems.get(stem.as_ref()) {
                Some(id) => Some(*id),
                None => {
                    let id = self.stems.len() as u32;
                    self.stems.insert(stem.into_owned(), id);
                    self.counts
                        .extend(std::iter::repeat_n(0.0, self.targets.len()));
                    Some(id)
                }
            }
        } else {
            None
        };
        self.words.insert(word.to_string(), id);
        id
    }

    /// Counts each distinct stem of `text` once under `target`. `seen` is scratch
    /// space, reused between calls.
    fn add_counts(&mut self, target: usize, text: &str, weight: f64, seen: &mut Vec<u32>) {
        seen.clear();
        for w in text.split(|c: char| !c.is_alphanumeric()) {
            if w.is_empty() {
                continue;
            }
            let id = if w.chars().any(char::is_uppercase) {
                self.stem_id(&w.to_lowercase())
            } else {
                self.stem_id(w)
            };
            if let Some(id) = id
                && !seen.contains(&id)
            {
                seen.push(id);
            }
        }
        let n = self.targets.len();
        for &id in seen.iter() {
            self.counts[id as usize * n + target] += weight;
            self.totals[target] += weight;
        }
    }

    /// The trained model as bytes (vocabulary, counts and totals; not the ladder's
    /// signals, which come from the ladder), to keep between runs.
    pub fn model_bytes(&self) -> Vec<u8> {
        let n = self.targets.len();
        let mut out = Vec::with_capacity(16 + self.stems.len() * 24);
        out.extend_from_slice(MODEL_MAGIC);
        out.extend_from_slice(&(n as u32).to_le_bytes());
        out.extend_from_slice(&(self.learned_from as u32).to_le_bytes());
        for t in &self.totals {
            out.extend_from_slice(&t.to_le_bytes());
        }
        let mut stems: Vec<(&String, &u32)> = self.stems.iter().collect();
        stems.sort_unstable_by_key(|(_, id)| **id);
        out.extend_from_slice(&(stems.len() as u32).to_le_bytes());
        for (stem, &id) in stems {
            let row = &self.counts[id as usize * n..(id as usize + 1) * n];
            out.extend_from_slice(&(stem.len() as u16).to_le_bytes());
            out.extend_from_slice(stem.as_bytes());
            let used = row.iter().filter(|c| **c != 0.0).count();
            out.extend_from_slice(&(used as u16).to_le_bytes());
            for (target, count) in row.iter().enumerate().filter(|(_, c)| **c != 0.0) {
                out.extend_from_slice(&(target as u16).to_le_bytes());
                out.extend_from_slice(&count.to_le_bytes());
            }
        }
        out
    }

    /// A suggester for a ladder with a model from [`Suggester::model_bytes`]; `None`
    /// when the bytes are not a model of this ladder's shape (then train anew).
    pub fn from_model(ladder: &Ladder, bytes: &[u8]) -> Option<Suggester> {
        let mut s = Suggester::untrained(ladder);
        let n = s.targets.len();
        let mut r = Reader(bytes);
        if r.take(MODEL_MAGIC.len())? != MODEL_MAGIC || r.u32()? as usize != n {
            return None;
        }
        s.learned_from = r.u32()? as usize;
        for t in s.totals.iter_mut() {
            *t = r.f64()?;
        }
        let stems = r.u32()? as usize;
        // Each stem takes at least four bytes: refuse a count the bytes cannot hold.
        if stems > bytes.len() / 4 {
            return None;
        }
        s.counts = vec![0.0; stems * n];
        s.stems.reserve(stems);
        for id in 0..stems {
            let len = r.u16()? as usize;
            let stem = std::str::from_utf8(r.take(len)?).ok()?;
            for _ in 0..r.u16()? {
                let target = r.u16()? as usize;
                let count = r.f64()?;
                *s.counts.get_mut(id * n + target).filter(|_| target < n)? = count;
            }
            s.stems.insert(stem.to_string(), id as u32);
        }
        (r.0.is_empty() && s.stems.len() == stems).then_some(s)
    }

    /// Learns from examples of confirmed tags: (text, expectation ids). Ids this
    /// suggester does not know are ignored.
    pub fn learn(&mut self, examples: &[(String, Vec<String>)]) {
        let mut seen = Vec::new();
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
                self.add_counts(i, text, share, &mut seen);
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
        let known = self.known_stems(text);
        if known.is_empty() {
            return None;
        }
        let v = self.stems.len() as f64;
        let n = self.targets.len();
        let logs: Vec<f64> = (0..n)
            .map(|i| {
                let denom = self.totals[i] + ALPHA * v;
                known
                    .iter()
                    .map(|&w| ((self.counts[w as usize * n + i] + ALPHA) / denom).ln())
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
        let stems = stemmed(&tokens);
        let k = self.targets.len().max(1) as f64;
        let post = self.posterior(text);
        self.targets
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mut raw = t.raw_score(&tokens, &stems);
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

/// The first bytes of a stored model; a new layout gets a new tag.
const MODEL_MAGIC: &[u8] = b"calm1";

/// Reads a stored model, failing on any byte out of place.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes(self.take(2)?.try_into().ok()?))
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn f64(&mut self) -> Option<f64> {
        Some(f64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
}

/// Maps a raw score onto 0..1, three decimals.
fn confidence(raw: f64) -> f64 {
    ((1.0 - (-raw / 3.0).exp()) * 1000.0).round() / 1000.0
}

/// A suggester for the current cycle's ladder, taught by the user's recent
/// confirmed wins.
pub fn suggester(store: &Store) -> Result<Suggester> {
    Ok(trained(store)?.0)
}

/// A model just trained, to store: ladder id, key, bytes.
struct FreshModel(String, String, Vec<u8>);

/// The current ladder's suggester, read from the stored model when nothing it
/// learned from has changed since; otherwise trained anew, with the model and the
/// key to store it under.
fn trained(store: &Store) -> Result<(Suggester, Option<FreshModel>)> {
    let ladder = store.current_ladder()?;
    let key = format!(
        "{}:{LEARN_FROM}:{:016x}:{}",
        String::from_utf8_lossy(MODEL_MAGIC),
        store.ladder_fingerprint(&ladder.id)?,
        store.learning_epoch()?
    );
    if let Some(bytes) = store.cached_model(&ladder.id, &key)?
        && let Some(s) = Suggester::from_model(&ladder, &bytes)
    {
        return Ok((s, None));
    }
    let mut s = Suggester::for_ladder(&ladder);
    s.learn(&store.confirmed_examples(LEARN_FROM)?);
    let model = s.model_bytes();
    Ok((s, Some(FreshModel(ladder.id, key, model))))
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
/// the review counts it and says it still needs their word. A win an assistant
/// logs keeps every expectation as a suggestion: only the user's word confirms.
pub fn log_win(store: &mut Store, draft: &WinDraft) -> Result<Win> {
    let mut draft = draft.clone();
    if draft.source == crate::model::Source::Assistant {
        for t in &mut draft.expectations {
            t.confirmed = false;
        }
    }
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
        let (suggester, fresh) = trained(store)?;
        if let Some(best) = suggester.best(&text) {
            draft.expectations.push(ExpectationTag {
                id: best.id,
                confirmed: false,
            });
        }
        let win = store.add_win(&draft)?;
        if let Some(FreshModel(ladder, key, model)) = fresh {
            // Only a cache, and only once the win is saved (a refused log changes
            // nothing): when it cannot be written, the next log trains again.
            let _ = store.save_model(&ladder, &key, &model);
        }
        return Ok(win);
    }
    store.add_win(&draft)
}
