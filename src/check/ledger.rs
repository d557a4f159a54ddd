//! The facts of the ledger a draft is checked against, read once per check: the
//! figures of every win, outcome and piece of feedback of the cycle (and of the
//! ladder's own texts, which Caliber quotes), who is named on each win, what each
//! win is evidence for, the people, their feedback and the ladder's expectations.

use std::collections::{HashMap, HashSet};

use unicode_segmentation::UnicodeSegmentation;

use crate::error::Result;
use crate::honesty::FigureIndex;
use crate::ladder::Ladder;
use crate::model::{PersonId, Win, WinFilter, WinId};
use crate::names::name_key;
use crate::store::Store;

/// What a cited win says for the checker.
pub(super) struct WinFacts {
    pub title: String,
    pub people: HashSet<PersonId>,
    pub expectations: Vec<String>,
}

/// A piece of feedback: who said it and what, as compared.
pub(super) struct Said {
    pub person: PersonId,
    pub name: String,
    pub quote: String,
}

/// Everything a check reads from the store.
pub(super) struct Ledger {
    /// Figures of the evidence, each from a win (`Some(id)`) or from feedback, the
    /// ladder or an answer (`None`).
    pub figures: FigureIndex<Option<WinId>>,
    /// The wins of the cycle, and the cited ones outside it.
    pub wins: HashMap<WinId, WinFacts>,
    /// The people, by name key.
    pub people: Vec<(PersonId, String)>,
    pub people_by_key: HashMap<String, PersonId>,
    /// Every piece of feedback.
    pub feedback: Vec<Said>,
    /// People named on a win of the cycle, or who gave feedback in it.
    pub in_cycle: HashSet<PersonId>,
    pub ladder: Ladder,
    /// The ladder's own words as the outline writes them (in the first person,
    /// lower case): what a level wants is no claim of the user's.
    pub ladder_words: aho_corasick::AhoCorasick,
}

impl Ledger {
    /// Reads the cycle's evidence, in one read transaction.
    pub fn load(store: &Store) -> Result<Ledger> {
        store.reading(|store| {
            let cycle = store.cycle()?;
            let ladder = store.current_ladder()?;
            let mut figures = FigureIndex::new();
            for e in &ladder.expectations {
                figures.add_text(&e.title, None);
                figures.add_text(&e.description, None);
            }
            // The counts Caliber's own review states of this ledger ("10 people can
            // vouch for my case") are facts of it, as the outline quotes them.
            let data = crate::review::CycleData::load_facts(store)?;
            let providers = crate::review::providers_of(&data.inputs(crate::dates::today()));
            figures.add_text(&providers.summary, None);
            for a in store.answers()? {
                figures.add_text(&a.answer, None);
            }
            let mut in_cycle = HashSet::new();
            let feedback: Vec<Said> = store
                .list_feedback(None)?
                .into_iter()
                .map(|f| {
                    if cycle.contains(f.date) {
                        figures.add_text(&f.quote, None);
                        in_cycle.insert(f.person_id);
                    }
                    Said {
                        person: f.person_id,
                        name: f.person_name,
                        quote: quote_key(&f.quote),
                    }
                })
                .collect();
            let people: Vec<(PersonId, String)> = store
                .list_people()?
                .into_iter()
                .map(|p| (p.id, p.name))
                .collect();
            let people_by_key = people
                .iter()
                .map(|(id, name)| (name_key(name), *id))
                .collect();
            let ladder_words = ladder_words(&ladder)?;
            let mut ledger = Ledger {
                figures,
                wins: HashMap::new(),
                people,
                people_by_key,
                feedback,
                in_cycle,
                ladder,
                ladder_words,
            };
            let filter = WinFilter {
                since: Some(cycle.start),
                until: Some(cycle.end),
                ..WinFilter::default()
            };
            for w in store.list_wins(&filter)? {
                ledger.in_cycle.extend(w.people.iter().map(|p| p.person_id));
                ledger.add_win(w);
            }
            Ok(ledger)
        })
    }

    /// The cited wins not read yet (those outside the cycle); ids of missing or
    /// deleted wins stay out.
    pub fn outside(&self, store: &Store, ids: &[WinId]) -> Result<Vec<Win>> {
        let missing: Vec<WinId> = ids
            .iter()
            .copied()
            .filter(|id| !self.wins.contains_key(id))
            .collect();
        if missing.is_empty() {
            return Ok(Vec::new());
        }
        store.wins_by_ids(&missing)
    }

    /// Adds wins read apart (cited ones outside the cycle).
    pub fn add_wins(&mut self, wins: Vec<Win>) {
        for w in wins {
            self.add_win(w);
        }
    }

    fn add_win(&mut self, w: Win) {
        let id = Some(w.id);
        for text in [
            Some(&w.title),
            w.situation.as_ref(),
            w.action.as_ref(),
            w.result.as_ref(),
            w.notes.as_ref(),
            w.metric.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            self.figures.add_text(text, id);
        }
        self.wins.insert(
            w.id,
            WinFacts {
                title: w.title,
                people: w.people.iter().map(|p| p.person_id).collect(),
                expectations: w.expectations.into_iter().map(|t| t.id).collect(),
            },
        );
    }

    /// The person a name in a draft means: the exact name (any case), else the one
    /// person a near or partial name most likely means.
    pub fn person(&self, name: &str) -> Option<PersonId> {
        if let Some(id) = self.people_by_key.get(&name_key(name)) {
            return Some(*id);
        }
        match crate::names::match_name(name, &self.people) {
            crate::names::NameMatch::One { id, .. } => Some(id),
            _ => None,
        }
    }

    /// The name of a person, as stored.
    pub fn name_of(&self, id: PersonId) -> &str {
        self.people
            .iter()
            .find(|(p, _)| *p == id)
            .map_or("", |(_, n)| n.as_str())
    }
}

/// The ladder's texts (titles, descriptions, what strong evidence looks like, next
/// steps, must-haves) in the user's voice, lower case (ASCII only, so a match's
/// place is the same in the text as written).
fn ladder_words(ladder: &Ladder) -> Result<aho_corasick::AhoCorasick> {
    use crate::outline::voice::in_my_voice;
    let mut texts: Vec<String> = Vec::new();
    for e in &ladder.expectations {
        let all = [&e.title, &e.description]
            .into_iter()
            .chain(&e.strong_evidence)
            .chain(&e.next_steps);
        for t in all {
            for v in [t.clone(), in_my_voice(t)] {
                // Sentence by sentence, as the draft is read.
                for sentence in v.unicode_sentences() {
                    texts.push(sentence.trim().trim_end_matches('.').to_ascii_lowercase());
                }
            }
        }
    }
    for m in &ladder.must_haves {
        texts.push(in_my_voice(&m.title).to_ascii_lowercase());
    }
    // Short phrases ("ship") would hide real claims.
    texts.retain(|t| t.len() >= 24);
    aho_corasick::AhoCorasick::new(&texts)
        .map_err(|e| crate::error::Error::Internal(format!("the ladder's phrases: {e}")))
}

/// A quote as compared: lower case, straight quotes and apostrophes, one space
/// between words, no punctuation at either end.
pub(super) fn quote_key(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| match c {
            '‘' | '’' | '`' => '\'',
            '“' | '”' => '"',
            c => c,
        })
        .collect();
    let words: Vec<&str> = s.split_whitespace().collect();
    words
        .join(" ")
        .to_lowercase()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}
