//! The level of a piece of evidence. A panel does not count wins; it asks what level
//! of work each one shows, and much of an L6 manager's best work looks like L7
//! evidence and is not. The rules are data in the ladder ([`LevelRules`]: what looks
//! like the expectation but is the level below, what is at the level, what is above,
//! as words and structured cues); this module reads them once into a [`Judge`] and
//! judges each win for each of its expectations, with the reason a Director gives.
//!
//! Words are matched on the win's text folded to lowercase words (every other
//! character a space), with one Aho-Corasick automaton for every phrase and stem of
//! the ladder, so a review of a hundred thousand wins reads each text once.
//!
//! The user has the last word: an override (per win and expectation) replaces the
//! judgment, and teaches it: a win that shares most of its words with an overridden
//! win of the same expectation takes that level too, the way the suggester learns
//! from confirmed tags.

use aho_corasick::AhoCorasick;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use crate::error::Result;
use crate::ladder::{Cue, Ladder, LevelRules, LevelTier};
use crate::model::{
    Level, LevelSource, Person, PersonId, Relation, Scope, Seniority, TagLevel, Win, WinId, WinView,
};
use crate::store::Store;

/// The level a win shows for one expectation, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct LevelJudgment {
    /// Below, at or above the target level.
    pub level: Level,
    /// Why, in the words a Director uses.
    pub reason: String,
    /// True when the user set it (or it was learned from a level the user set).
    pub overridden: bool,
    /// Set by the user on this win, learned from a similar win, or read by the rules.
    pub source: LevelSource,
}

/// A level the user set for one win and expectation, with the win's words, so that
/// similar wins can learn from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct LevelOverride {
    /// The win.
    pub win_id: WinId,
    /// The expectation id.
    pub expectation: String,
    /// The level the user set.
    pub level: Level,
    /// The win's text (title, result, metric).
    pub text: String,
}

/// What the judge reads of a win: its words, reach, metric and people.
#[derive(Debug, Clone, Copy)]
pub struct WinSignals<'a> {
    /// The win's id (for overrides).
    pub id: WinId,
    /// Its words: title, result, metric.
    pub text: &'a str,
    /// How far it reached.
    pub scope: Scope,
    /// True when it has a metric.
    pub has_metric: bool,
    /// The live people named on it.
    pub people: &'a [PersonId],
}

/// The text a win is judged on: its title, result and metric (what it did and what
/// came of it; the situation is context, not the work).
pub fn win_text(w: &Win) -> String {
    let mut t = w.title.clone();
    for part in [&w.result, &w.metric].into_iter().flatten() {
        t.push(' ');
        t.push_str(part);
    }
    t
}

/// The user's own org, compared at its top level ("Payments / Checkout" is in
/// "Payments"): as set, else the org most of their reports sit in.
#[derive(Debug, Clone)]
pub struct OrgView {
    own: Option<String>,
}

/// An org's top level, lowercase.
fn top_org(o: &str) -> String {
    o.split(['/', '>', ','])
        .next()
        .unwrap_or(o)
        .trim()
        .to_lowercase()
}

impl OrgView {
    /// The view from the user's org as set, or as guessed from their reports.
    pub fn new(people: &[Person], own_org: Option<&str>) -> OrgView {
        let guessed = || {
            let mut counts: HashMap<String, usize> = HashMap::new();
            for p in people {
                if matches!(
                    p.relation,
                    Some(Relation::Report | Relation::SkipLevelReport)
                ) && let Some(o) = &p.org
                {
                    *counts.entry(top_org(o)).or_default() += 1;
                }
            }
            counts
                .into_iter()
                .max_by_key(|(o, c)| (*c, std::cmp::Reverse(o.clone())))
                .map(|(o, _)| o)
        };
        OrgView {
            own: own_org.map(top_org).or_else(guessed),
        }
    }

    /// The user's org as this view takes it (top level, lower-cased), when known.
    pub fn own(&self) -> Option<&str> {
        self.own.as_deref()
    }

    /// True when the person sits outside the user's org. The user's own reporting
    /// chain is never outside, whatever its org is called.
    pub fn is_outside(&self, p: &Person) -> bool {
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
            && match (&p.org, &self.own) {
                (Some(o), Some(mine)) => top_org(o) != *mine,
                _ => p.relation == Some(Relation::Partner),
            }
    }
}

/// True when a person is at or above the target level and not the user's own
/// manager: a skip-level, or a peer or partner marked at or above.
pub fn is_senior_voice(p: &Person) -> bool {
    p.relation != Some(Relation::Manager)
        && matches!(
            p.seniority_or_default(),
            Some(Seniority::At | Seniority::Above)
        )
}

/// True when a person is one of the user's managers: a report or skip-level report
/// whose notes say they manage (manager, EM, SDM).
pub fn is_managing_report(p: &Person) -> bool {
    const WORDS: &[&str] = &["manager", "managers", "em", "sdm", "management", "manages"];
    matches!(
        p.relation,
        Some(Relation::Report | Relation::SkipLevelReport)
    ) && p
        .notes
        .as_deref()
        .is_some_and(|n| fold(n).split(' ').any(|w| WORDS.contains(&w)))
}

/// Lowercase words separated by single spaces, with one space before and after:
/// "Team's roadmap (v2)" becomes " team roadmap v# ". Every number is `#` (so a rule
/// written "# orgs" holds for any number), and a number is its own word when letters
/// follow it ("4h/wk" is "# h wk", "SDE2s" is "sde# s").
fn fold(text: &str) -> String {
    let mut out = String::new();
    fold_into(text, &mut out);
    out
}

/// [`fold`] into a buffer kept between calls. ASCII, nearly every win's text, is
/// folded byte by byte, a word's letters at once; other letters go through Unicode
/// lowercasing.
fn fold_into(text: &str, out: &mut String) {
    out.clear();
    out.push(' ');
    let bytes = text.as_bytes();
    let digit_at = |j: usize| bytes.get(j).is_some_and(|b| b.is_ascii_digit());
    let mut space = true;
    let mut number = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            // ASCII, nearly every win's text, byte by byte.
            i += 1;
            if b.is_ascii_digit() || b == b'#' {
                // Every number is one `#`: "3", "14" and "99.9" alike.
                if !number {
                    out.push('#');
                    number = true;
                }
                space = false;
                continue;
            }
            if number && matches!(b, b'.' | b',') && digit_at(i) {
                continue;
            }
            if number && b == b':' && digit_at(i) {
                // "1:1" stays itself, "#:#", not two numbers.
                out.push(':');
                number = false;
                continue;
            }
            let was_number = std::mem::replace(&mut number, false);
            if b.is_ascii_alphabetic() {
                if was_number {
                    out.push(' ');
                }
                // The rest of the word's ASCII letters at once.
                let start = i - 1;
                while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                    i += 1;
                }
                let from = out.len();
                out.push_str(&text[start..i]);
                out[from..].make_ascii_lowercase();
                space = false;
            } else if b == b'\'' {
                i += possessive_s(&text[i..]);
            } else if !space {
                out.push(' ');
                space = true;
            }
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        let was_number = std::mem::replace(&mut number, false);
        if c == '\u{2019}' {
            i += possessive_s(&text[i..]);
        } else if c.is_alphanumeric() {
            if was_number {
                out.push(' ');
            }
            out.extend(c.to_lowercase());
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if !space {
        out.push(' ');
    }
}

/// After an apostrophe: the length of an `s` that ends the word there (a possessive
/// or a contraction stays one word: "team's" is "team", "Ravi's team" is not
/// "s team"), else 0.
fn possessive_s(rest: &str) -> usize {
    let mut ahead = rest.chars();
    let s = matches!(ahead.next(), Some('s' | 'S'))
        && ahead.next().is_none_or(|n| !n.is_alphanumeric());
    usize::from(s)
}

/// Words a phrase keeps as written: the small words around the ones that carry it.
const FUNCTION_WORDS: &[&str] = &[
    "the", "and", "for", "our", "my", "by", "to", "of", "in", "on", "at", "a", "an", "with", "was",
    "were", "is", "are", "not", "now", "own", "its", "their", "them", "they", "from", "into",
    "over", "off", "out", "up", "each", "every", "all", "other", "another", "i", "me", "we", "us",
    "no", "any", "it", "that", "this", "as", "so", "who", "what", "too", "once",
];

/// Nouns whose number is the point: one team is not several.
const COUNTED: &[&str] = &[
    "team", "org", "group", "division", "company", "manager", "engineer", "director", "leader",
    "report", "peer", "sde", "sdm", "ic",
];

/// Past forms the suffix rules cannot make, both ways.
const IRREGULAR: &[(&str, &[&str])] = &[
    ("run", &["ran"]),
    ("give", &["gave", "given"]),
    ("take", &["took", "taken"]),
    ("lead", &["led"]),
    ("hold", &["held"]),
    ("make", &["made"]),
    ("win", &["won"]),
    ("grow", &["grew", "grown"]),
    ("bring", &["brought"]),
    ("write", &["wrote", "written"]),
    ("tell", &["told"]),
    ("build", &["built"]),
    ("choose", &["chose", "chosen"]),
    ("lose", &["lost"]),
    ("keep", &["kept"]),
    ("leave", &["left"]),
    ("spend", &["spent"]),
    ("teach", &["taught"]),
    ("get", &["got", "gotten"]),
    ("pay", &["paid"]),
    ("go", &["went", "gone"]),
    ("stand", &["stood"]),
    ("sit", &["sat"]),
    ("speak", &["spoke", "spoken"]),
    ("send", &["sent"]),
    ("lend", &["lent"]),
    ("cut", &["cut"]),
    ("let", &["let"]),
    ("set", &["set"]),
];

/// The forms of one word a manager may write for it: plural and verb forms, kept
/// only when the English stemmer takes them back to the same stem ("hand": hands,
/// handed, handing), and the irregular past forms. A plural stays plural, and agent nouns ("engineer",
/// "manager") take only their plural: "engineering" is not more engineers.
fn word_forms(word: &str, stemmer: &rust_stemmers::Stemmer) -> Vec<String> {
    let mut forms = vec![word.to_string()];
    let alphabetic = word.chars().all(|c| c.is_ascii_lowercase());
    if !alphabetic || word.len() < 3 || FUNCTION_WORDS.contains(&word) {
        return forms;
    }
    // A plural keeps its number, and so do the words of reach: "orgs" and "teams"
    // say more than "org" and "team".
    let plural = word.ends_with('s') && !word.ends_with("ss") || COUNTED.contains(&word);
    for (base, past) in IRREGULAR {
        if *base == word || past.contains(&word) {
            let mut all: Vec<&str> = vec![base];
            all.extend_from_slice(past);
            forms.extend(all.iter().map(|f| f.to_string()));
            forms.push(format!("{base}s"));
            let stem = base.strip_suffix('e').unwrap_or(base);
            forms.push(format!("{stem}ing"));
        }
    }
    if plural {
        forms.sort();
        forms.dedup();
        return forms;
    }
    // The word's base: itself, or what it was made from ("handed" from "hand",
    // "managing" from "manage", "stopped" from "stop").
    let stem = stemmer.stem(word).into_owned();
    let mut bases = vec![word.to_string()];
    for suffix in ["ing", "ed"] {
        if let Some(b) = word.strip_suffix(suffix)
            && b.len() >= 3
        {
            let bytes = b.as_bytes();
            let doubled = bytes[bytes.len() - 1] == bytes[bytes.len() - 2];
            bases = vec![if doubled {
                b[..b.len() - 1].to_string()
            } else if stemmer.stem(&format!("{b}e")) == stem && !b.ends_with('e') {
                format!("{b}e")
            } else {
                b.to_string()
            }];
        }
    }
    for b in &bases {
        let agent = b.ends_with("er") || b.ends_with("or");
        let mut made = vec![b.clone(), format!("{b}s")];
        if !agent {
            let last = b.chars().last().unwrap_or('a');
            let short = b.len() <= 4 && !"aeiouwxy".contains(last) && {
                let v: Vec<char> = b.chars().collect();
                v.len() >= 2 && "aeiou".contains(v[v.len() - 2])
            };
            if let Some(cut) = b.strip_suffix('e') {
                made.push(format!("{b}d"));
                made.push(format!("{cut}ing"));
            } else if short {
                made.push(format!("{b}{last}ed"));
                made.push(format!("{b}{last}ing"));
            } else {
                made.push(format!("{b}ed"));
                made.push(format!("{b}ing"));
            }
        }
        forms.extend(
            made.into_iter()
                .filter(|f| stemmer.stem(f) == stem.as_str()),
        );
    }
    forms.sort();
    forms.dedup();
    forms
}

/// Numbers written as words: a rule with a number ("# orgs") holds for them too.
const NUMBER_WORDS: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "multiple",
    "many",
];

/// At most this many forms of one phrase (the product of its words' forms).
const MAX_FORMS: usize = 8;

/// Every form of a folded phrase: each word in each of its forms.
fn phrase_forms(folded: &str, stemmer: &rust_stemmers::Stemmer) -> Vec<String> {
    let mut out: Vec<String> = vec![String::new()];
    for word in folded.split_whitespace() {
        let forms = if word == "#" && out.len() * (NUMBER_WORDS.len() + 1) <= MAX_FORMS {
            std::iter::once("#".to_string())
                .chain(NUMBER_WORDS.iter().map(|w| w.to_string()))
                .collect()
        } else {
            word_forms(word, stemmer)
        };
        if out.len() * forms.len() > MAX_FORMS {
            out.iter_mut().for_each(|o| {
                o.push(' ');
                o.push_str(word);
            });
            continue;
        }
        out = out
            .iter()
            .flat_map(|o| {
                forms.iter().map(move |f| {
                    if o.is_empty() {
                        f.clone()
                    } else {
                        format!("{o} {f}")
                    }
                })
            })
            .collect();
    }
    out
}

/// How much a matched phrase, stem or cue adds to its tier.
const PHRASE: u32 = 2;
const STEM: u32 = 1;
const CUE: u32 = 1;

/// Where a pattern's weight goes: an expectation's tier, or a must-have's group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Tier(usize, usize),
    Group(usize, usize),
    /// One of the ladder's inflated words (it also weighs on every `Tier(e, 0)`).
    Inflated,
}

/// Facts about a person the cues read.
#[derive(Debug, Clone, Copy, Default)]
struct PersonFacts {
    managing: bool,
    individual: bool,
    senior: bool,
    outside: bool,
    peer: bool,
}

/// The ladder's level rules, read once, with what is known of the people.
pub struct Judge<'l> {
    ladder: &'l Ladder,
    /// Per expectation of the ladder, its rules (None: every win is at the level).
    rules: Vec<Option<&'l LevelRules>>,
    /// The automaton over every form of the rules' words, and where each goes.
    compiled: Option<Arc<Compiled>>,
    /// Per person, looked up for every win read (Fx: ids hash faster than with SipHash).
    people: FxHashMap<PersonId, PersonFacts>,
    overrides: HashMap<(WinId, &'l str), Level>,
    learned: Vec<Learned>,
}

/// An override as the judge learns from it.
struct Learned {
    expectation: usize,
    win_id: WinId,
    level: Level,
    words: HashSet<String>,
}

/// What one reading of a win found: the weight of each tier of each expectation and
/// which groups of each must-have matched.
#[derive(Debug, Default)]
pub struct Reading {
    tiers: Vec<[u32; 3]>,
    /// Per expectation, whether any of its words matched (else only cues spoke).
    worded: Vec<bool>,
    /// Whether any of the ladder's inflated words matched.
    inflated: bool,
    /// Per must-have group, flat; `group_at[m]` is where must-have `m` starts.
    groups: Vec<bool>,
    group_at: Vec<usize>,
    /// The folded text, kept to reuse its buffer for the next win.
    folded: String,
    words: Option<HashSet<String>>,
}

/// The words a learned override compares: longer than three letters, cut to their
/// first six, so "hired", "hiring" and "hires" are one.
fn content_words(folded: &str) -> HashSet<String> {
    const COMMON: &[&str] = &[
        "with", "from", "that", "this", "their", "they", "them", "into", "over", "after", "about",
        "than", "then", "were", "have", "been", "which", "when", "what", "will",
    ];
    folded
        .split(' ')
        .filter(|w| w.chars().count() > 3 && !COMMON.contains(w))
        .map(|w| w.chars().take(6).collect())
        .collect()
}

/// How alike two sets of words are (Jaccard), 0 to 1.
fn alike(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    let shared = a.intersection(b).count();
    let all = a.len() + b.len() - shared;
    if all == 0 {
        0.0
    } else {
        shared as f64 / all as f64
    }
}

/// At least this alike to an overridden win to take its level.
pub const LEARN_ALIKE: f64 = 0.5;

/// Where a level came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// The user set it.
    Override,
    /// Learned from the level the user set on this (similar) win.
    Learned(WinId),
    /// A tier of the ladder's rules spoke.
    Tier,
    /// The level below, where the ladder's inflated words spoke.
    Inflated,
    /// Nothing spoke: the ladder's level for that case.
    Otherwise,
    /// The ladder has no rules for the expectation: every win counts at the level.
    NoRules,
}

/// How many wins a judge is built for: a DFA runs fastest over a whole ledger but
/// takes tens of milliseconds to build; an NFA builds in a fraction of that and is
/// quicker overall for the page of wins a list or search shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Workload {
    /// A review or report over the ledger.
    Many,
    /// A page of wins (a list, a search, one win).
    Few,
}

impl Workload {
    /// The workload for judging this many wins.
    pub fn for_count(n: usize) -> Workload {
        // Measured on the built-in ladders: below about a thousand wins, building
        // the DFA costs more than it saves.
        if n < 1000 {
            Workload::Few
        } else {
            Workload::Many
        }
    }
}

impl<'l> Judge<'l> {
    /// Reads the ladder's rules, the people's facts and the user's overrides, to
    /// judge many wins (a review).
    pub fn new(
        ladder: &'l Ladder,
        people: &[Person],
        own_org: Option<&str>,
        overrides: &'l [LevelOverride],
    ) -> Judge<'l> {
        Judge::for_workload(ladder, people, own_org, overrides, Workload::Many)
    }

    /// [`Judge::new`], built for the number of wins it will read.
    pub fn for_workload(
        ladder: &'l Ladder,
        people: &[Person],
        own_org: Option<&str>,
        overrides: &'l [LevelOverride],
        workload: Workload,
    ) -> Judge<'l> {
        let rules: Vec<Option<&LevelRules>> = ladder
            .expectations
            .iter()
            .map(|e| e.level.as_ref())
            .collect();
        // The rules as written, in order: what the compiled automaton is kept by.
        let mut raw: Vec<(bool, &str, Slot)> = Vec::new();
        let mut add = |tier: &'l LevelTier, slot: Slot| {
            for (stem, list) in [(false, &tier.phrases), (true, &tier.stems)] {
                raw.extend(list.iter().map(|p| (stem, p.as_str(), slot)));
            }
        };
        for (e, r) in rules.iter().enumerate() {
            if let Some(r) = r {
                for (t, tier) in [&r.below, &r.at, &r.above].into_iter().enumerate() {
                    add(tier, Slot::Tier(e, t));
                }
            }
        }
        for (m, must) in ladder.must_haves.iter().enumerate() {
            for (g, group) in must.all.iter().enumerate() {
                add(group, Slot::Group(m, g));
            }
        }
        // The inflated words weigh toward the level below of every expectation
        // with rules.
        add(&ladder.inflated, Slot::Inflated);
        for (e, r) in rules.iter().enumerate() {
            if r.is_some() {
                add(&ladder.inflated, Slot::Tier(e, 0));
            }
        }
        let compiled = compiled_for(&raw, workload);
        let orgs = OrgView::new(people, own_org);
        let people = people
            .iter()
            .map(|p| {
                (
                    p.id,
                    PersonFacts {
                        managing: is_managing_report(p),
                        individual: matches!(
                            p.relation,
                            Some(Relation::Report | Relation::SkipLevelReport)
                        ) && !is_managing_report(p),
                        senior: is_senior_voice(p),
                        outside: orgs.is_outside(p),
                        peer: p.relation == Some(Relation::Peer),
                    },
                )
            })
            .collect();
        let position = |id: &str| ladder.expectations.iter().position(|e| e.id == id);
        let learned = overrides
            .iter()
            .filter_map(|o| {
                Some(Learned {
                    expectation: position(&o.expectation)?,
                    win_id: o.win_id,
                    level: o.level,
                    words: content_words(&fold(&o.text)),
                })
            })
            .collect();
        Judge {
            ladder,
            rules,
            compiled,
            people,
            overrides: overrides
                .iter()
                .map(|o| ((o.win_id, o.expectation.as_str()), o.level))
                .collect(),
            learned,
        }
    }

    /// Reads a win once: the weight of every tier and must-have group.
    pub fn read(&self, w: &WinSignals<'_>) -> Reading {
        let mut r = Reading::default();
        self.read_into(w, &mut r);
        r
    }

    /// [`Judge::read`] into a reading kept from an earlier win: a review of many
    /// wins allocates its buffers once.
    pub fn read_into(&self, w: &WinSignals<'_>, r: &mut Reading) {
        let n = self.ladder.expectations.len();
        r.tiers.clear();
        r.tiers.resize(n, [0; 3]);
        r.worded.clear();
        r.worded.resize(n, false);
        r.inflated = false;
        if r.group_at.len() != self.ladder.must_haves.len() {
            r.group_at.clear();
            let mut at = 0;
            for m in &self.ladder.must_haves {
                r.group_at.push(at);
                at += m.all.len();
            }
            r.groups = vec![false; at];
        }
        r.groups.iter_mut().for_each(|g| *g = false);
        fold_into(w.text, &mut r.folded);
        if let Some(Compiled {
            automaton: ac,
            patterns,
        }) = self.compiled.as_deref()
        {
            // Overlapping: "engineering manager" and "manager" both count.
            for m in ac.find_overlapping_iter(r.folded.as_str()) {
                let (stem, slots) = &patterns[m.pattern().as_usize()];
                for slot in slots {
                    match *slot {
                        Slot::Tier(e, t) => {
                            r.tiers[e][t] += if *stem { STEM } else { PHRASE };
                            r.worded[e] = true;
                        }
                        Slot::Group(m, g) => r.groups[r.group_at[m] + g] = true,
                        Slot::Inflated => r.inflated = true,
                    }
                }
            }
        }
        // What the people on the win are, in one pass.
        let mut on = PersonFacts::default();
        for p in w.people.iter().filter_map(|id| self.people.get(id)) {
            on.managing |= p.managing;
            on.individual |= p.individual;
            on.senior |= p.senior;
            on.outside |= p.outside;
            on.peer |= p.peer;
        }
        let cue = |c: Cue| match c {
            Cue::ManagerOnWin => on.managing,
            Cue::IcOnWin => on.individual,
            Cue::SeniorOnWin => on.senior,
            Cue::OutsideOrgOnWin => on.outside,
            Cue::Metric => w.has_metric,
            Cue::ScopeOrg => w.scope >= Scope::Org,
            Cue::ScopeCompany => w.scope >= Scope::Company,
            Cue::ScopeTeam => w.scope <= Scope::Team,
            Cue::PeerOnWin => on.peer,
            Cue::ScopeIndustry => w.scope >= Scope::Industry,
        };

        for (e, rules) in self.rules.iter().enumerate() {
            if let Some(rules) = rules {
                for (t, tier) in [&rules.below, &rules.at, &rules.above]
                    .into_iter()
                    .enumerate()
                {
                    r.tiers[e][t] += CUE * tier.cues.iter().filter(|&&c| cue(c)).count() as u32;
                }
            }
        }
        for (m, must) in self.ladder.must_haves.iter().enumerate() {
            for (g, group) in must.all.iter().enumerate() {
                if group.cues.iter().any(|&c| cue(c)) {
                    r.groups[r.group_at[m] + g] = true;
                }
            }
        }
        r.words = (!self.learned.is_empty()).then(|| content_words(&r.folded));
    }

    /// The level a read win shows for the expectation `id`: the user's override,
    /// else a level learned from a similar overridden win, else the ladder's rules.
    pub fn level(&self, win: WinId, reading: &Reading, id: &str) -> LevelJudgment {
        let Some(e) = self.ladder.expectations.iter().position(|x| x.id == id) else {
            return LevelJudgment {
                level: Level::At,
                reason: format!("'{id}' is not an expectation of this ladder"),
                overridden: false,
                source: LevelSource::Rules,
            };
        };
        let (level, why) = self.level_at(win, reading, e);
        LevelJudgment {
            level,
            reason: self.reason(e, level, why),
            overridden: matches!(why, Why::Override | Why::Learned(_)),
            source: match why {
                Why::Override => LevelSource::Set,
                Why::Learned(_) => LevelSource::Learned,
                _ => LevelSource::Rules,
            },
        }
    }

    /// The level of a read win for the expectation at index `e` of the ladder, and
    /// where it came from (the reason is written only when asked for: a review of
    /// many wins needs the levels, not a sentence for each).
    pub fn level_at(&self, win: WinId, reading: &Reading, e: usize) -> (Level, Why) {
        let id = self.ladder.expectations[e].id.as_str();
        // Most reviews have no override: skip hashing the key for every win.
        if !self.overrides.is_empty()
            && let Some(&level) = self.overrides.get(&(win, id))
        {
            return (level, Why::Override);
        }
        if let Some(words) = &reading.words
            && let Some((l, score)) = self
                .learned
                .iter()
                .filter(|l| l.expectation == e && l.win_id != win)
                .map(|l| (l, alike(words, &l.words)))
                .max_by(|a, b| a.1.total_cmp(&b.1))
            && score >= LEARN_ALIKE
        {
            return (l.level, Why::Learned(l.win_id));
        }
        let Some(rules) = self.rules[e] else {
            return (Level::At, Why::NoRules);
        };
        let [below, at, above] = reading.tiers[e];
        if above > 0 && above + at > below {
            (Level::Above, Why::Tier)
        } else if at > below {
            (Level::At, Why::Tier)
        } else if below > 0 && (reading.worded[e] || rules.otherwise != Level::Below) {
            let why = if reading.inflated {
                Why::Inflated
            } else {
                Why::Tier
            };
            (Level::Below, why)
        } else {
            (rules.otherwise, Why::Otherwise)
        }
    }

    /// The sentence for a level found by [`Judge::level_at`].
    pub fn reason(&self, e: usize, level: Level, why: Why) -> String {
        let target = &self.ladder.target_level;
        let rules = self.rules[e];
        match (why, rules) {
            (Why::Override, _) => format!("you rated it {} {target}", level_words(level)),
            (Why::Learned(w), _) => {
                format!(
                    "like win {w}, which you rated {} {target}",
                    level_words(level)
                )
            }
            (Why::Otherwise, Some(r)) => r.otherwise_reason.clone(),
            (Why::Inflated, Some(_)) if !self.ladder.inflated.reason.trim().is_empty() => {
                self.ladder.inflated.reason.clone()
            }
            (Why::Tier | Why::Inflated, Some(r)) => {
                let tier = match level {
                    Level::Below => &r.below,
                    Level::At => &r.at,
                    Level::Above => &r.above,
                };
                if tier.reason.trim().is_empty() {
                    format!("{} {target}", level_words(level))
                } else {
                    tier.reason.clone()
                }
            }
            _ => "the ladder gives no level rules for this expectation".into(),
        }
    }

    /// The must-haves a read win shows (their indexes in the ladder), given its level
    /// for each of its expectations as (index in the ladder, level).
    pub fn shows<'a>(
        &'a self,
        reading: &'a Reading,
        levels: &'a [(usize, Level)],
    ) -> impl Iterator<Item = usize> + 'a {
        let ids = &self.ladder.expectations;
        self.ladder
            .must_haves
            .iter()
            .enumerate()
            .filter(move |(m, must)| {
                let from = reading.group_at[*m];
                reading.groups[from..from + must.all.len()]
                    .iter()
                    .all(|&g| g)
                    && levels.iter().any(|&(e, level)| {
                        let id = &ids[e].id;
                        level >= Level::At
                            && (must.expectation == *id || must.also_under.contains(id))
                    })
            })
            .map(|(m, _)| m)
    }

    /// True when the expectation at index `e` is the floor: it never carries the case.
    pub fn is_floor(&self, e: usize) -> bool {
        self.rules[e].is_some_and(|r| r.floor)
    }
}

/// A ladder's rules made ready to match: every form of every phrase, and an
/// automaton over them all.
pub struct Compiled {
    automaton: AhoCorasick,
    /// Per pattern: whether it is a stem, and where its weight goes.
    patterns: Vec<(bool, Vec<Slot>)>,
}

/// Every form of the rules' phrases and stems, with where each one's weight goes.
fn expand(raw: &[(bool, &str, Slot)]) -> (Vec<String>, Vec<(bool, Vec<Slot>)>) {
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    let mut index: HashMap<(bool, String), usize> = HashMap::new();
    let mut texts: Vec<String> = Vec::new();
    let mut patterns: Vec<(bool, Vec<Slot>)> = Vec::new();
    for &(stem, p, slot) in raw {
        let folded = fold(p);
        let folded = folded.trim();
        if folded.is_empty() {
            continue;
        }
        // A phrase counts in every form of its words ("hand off" is also "handed
        // off", "hands off"); a stem is already a prefix.
        let keys = if stem {
            vec![folded.to_string()]
        } else {
            phrase_forms(folded, &stemmer)
        };
        for key in keys {
            // A phrase is matched with the spaces around it (whole words); a stem
            // with the space before it only (the start of a word).
            let text = if stem {
                format!(" {key}")
            } else {
                format!(" {key} ")
            };
            let i = *index.entry((stem, key)).or_insert_with(|| {
                texts.push(text);
                patterns.push((stem, Vec::new()));
                patterns.len() - 1
            });
            // A form listed twice in a tier ("hand off", "handed off") counts once.
            if !patterns[i].1.contains(&slot) {
                patterns[i].1.push(slot);
            }
        }
    }
    (texts, patterns)
}

/// The compiled rules: a DFA, the fastest to run over a hundred thousand short
/// texts and the slowest to build, so each process builds it once per set of rules
/// (the built-in ladders, a custom one) and keeps it.
fn compiled_for(raw: &[(bool, &str, Slot)], workload: Workload) -> Option<Arc<Compiled>> {
    type Key = (Workload, Vec<(bool, String, Slot)>);
    static BUILT: Mutex<Vec<(Key, Arc<Compiled>)>> = Mutex::new(Vec::new());
    if raw.is_empty() {
        return None;
    }
    let same = |(w, key): &Key| {
        *w == workload
            && key.len() == raw.len()
            && key
                .iter()
                .zip(raw)
                .all(|(a, b)| a.0 == b.0 && a.1 == b.1 && a.2 == b.2)
    };
    // A poisoned lock only means another thread panicked while building: rebuild.
    let mut built = BUILT.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((_, c)) = built.iter().find(|(k, _)| same(k)) {
        return Some(Arc::clone(c));
    }
    let (texts, patterns) = expand(raw);
    let kind = match workload {
        Workload::Many => aho_corasick::AhoCorasickKind::DFA,
        Workload::Few => aho_corasick::AhoCorasickKind::ContiguousNFA,
    };
    let automaton = AhoCorasick::builder()
        .kind(Some(kind))
        // Every pattern starts with a space, so a prefilter would stop at every
        // word only to hand over to the automaton: stepping it is cheaper.
        .prefilter(false)
        .build(&texts)
        .ok()?;
    let c = Arc::new(Compiled {
        automaton,
        patterns,
    });
    // A few ladders at most in a process; a long-running app that imports many
    // keeps only the latest few.
    if built.len() >= 4 {
        built.remove(0);
    }
    built.push((
        (
            workload,
            raw.iter()
                .map(|&(s, p, slot)| (s, p.to_string(), slot))
                .collect(),
        ),
        Arc::clone(&c),
    ));
    Some(c)
}

/// "below", "at", "above" as a phrase before the level's name.
fn level_words(level: Level) -> &'static str {
    match level {
        Level::Below => "below",
        Level::At => "at",
        Level::Above => "above",
    }
}

/// The level of one win for one expectation: reads the ladder's rules for this one
/// question. A review of many wins builds one [`Judge`] instead.
pub fn judge(
    win: &Win,
    expectation: &str,
    ladder: &Ladder,
    people: &[Person],
    own_org: Option<&str>,
) -> LevelJudgment {
    let judge = Judge::for_workload(ladder, people, own_org, &[], Workload::Few);
    let text = win_text(win);
    let ids: Vec<PersonId> = win.people.iter().map(|p| p.person_id).collect();
    let reading = judge.read(&WinSignals {
        id: win.id,
        text: &text,
        scope: win.scope,
        has_metric: win.metric.is_some(),
        people: &ids,
    });
    judge.level(win.id, &reading, expectation)
}

impl Judge<'_> {
    /// The level of a full win for each of its expectations of the ladder, in tag order.
    pub fn levels_of(&self, w: &Win) -> Vec<TagLevel> {
        let text = win_text(w);
        let ids: Vec<PersonId> = w.people.iter().map(|p| p.person_id).collect();
        let reading = self.read(&WinSignals {
            id: w.id,
            text: &text,
            scope: w.scope,
            has_metric: w.metric.is_some(),
            people: &ids,
        });
        w.expectations
            .iter()
            .filter(|t| self.ladder.expectation(&t.id).is_some())
            .map(|t| {
                let j = self.level(w.id, &reading, &t.id);
                TagLevel {
                    expectation: t.id.clone(),
                    level: j.level,
                    reason: j.reason,
                    overridden: j.overridden,
                    source: j.source,
                }
            })
            .collect()
    }
}

/// Wins as the CLI's `--json` and the app show them, each with its level for every
/// expectation of the current cycle's ladder; `level` and `level_reason` speak for
/// the first of them.
pub fn views(store: &Store, wins: &[Win]) -> Result<Vec<WinView>> {
    let cycle = store.cycle()?;
    let ladder = store.ladder(&cycle.ladder)?;
    let people = store.list_people()?;
    let own = store.own_org()?;
    let overrides = store.level_overrides()?;
    let judge = Judge::for_workload(
        &ladder,
        &people,
        own.as_deref(),
        &overrides,
        Workload::for_count(wins.len()),
    );
    Ok(wins
        .iter()
        .map(|w| {
            let mut v = WinView::from(w);
            v.levels = judge.levels_of(w);
            if let Some(first) = v.levels.first() {
                v.level = Some(first.level);
                v.level_reason = Some(first.reason.clone());
            }
            v
        })
        .collect())
}

/// One win as [`views`] shows it.
pub fn view(store: &Store, win: &Win) -> Result<WinView> {
    Ok(views(store, std::slice::from_ref(win))?
        .pop()
        .unwrap_or_else(|| WinView::from(win)))
}

/// The wins with these ids as [`views`] shows them, in the order given: what the
/// review lists under each expectation with the level it shows there. An id with no
/// live win is an error (not found), so a stale list is noticed.
pub fn views_of(store: &Store, ids: &[WinId]) -> Result<Vec<WinView>> {
    let wins = ids
        .iter()
        .map(|&id| store.win(id))
        .collect::<Result<Vec<Win>>>()?;
    views(store, &wins)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ladder() -> &'static Ladder {
        crate::ladder::builtin_ladder("senior-manager").expect("built in")
    }

    fn level(text: &str, id: &str) -> Level {
        let j = Judge::new(ladder(), &[], None, &[]);
        let r = j.read(&WinSignals {
            id: 1,
            text,
            scope: Scope::Team,
            has_metric: false,
            people: &[],
        });
        j.level(1, &r, id).level
    }

    #[test]
    fn folds_to_lowercase_words() {
        assert_eq!(fold("Team's Roadmap (v2)"), " team roadmap v# ");
        assert_eq!(fold("got ~4h/wk back, 3 orgs"), " got # h wk back # orgs ");
        assert_eq!(fold("1:1s, 99.1% -> 99.7%, 3/3"), " #:# s # # # # ");
        assert_eq!(fold("Ravi's team didn't"), " ravi team didnt ");
        assert_eq!(fold(""), " ");
        // Letters beyond ASCII, apostrophes of both kinds, numbers against words.
        assert_eq!(fold("Équipe’s ÜBER-café 2x"), " équipe über café # x ");
        assert_eq!(fold("teams' x's9 S’s ’"), " teams xs# s ");
        assert_eq!(fold("3,a 3:x 3:4 #1 ##"), " # a # x #:# # # ");
        assert_eq!(fold("Straße ΣΑΣ 12.5k"), " straße σασ # k ");
    }

    #[test]
    fn the_issue_year_reads_as_l6_work() {
        let h = "hire-develop-managers";
        assert_eq!(
            level("Hired three engineers for the payments team", h),
            Level::Below
        );
        assert_eq!(level("Promoted Sam and Lee to SDE II", h), Level::Below);
        assert_eq!(level("Bar-raised in six engineer loops", h), Level::Below);
        assert_eq!(level("Hired two engineering managers", h), Level::At);
        assert_eq!(
            level("Grew Lee, a senior engineer, into a manager", h),
            Level::At
        );
        let d = "delegation";
        assert_eq!(
            level("Took two weeks of vacation; the team shipped without me", d),
            Level::Below
        );
        assert_eq!(
            level(
                "Handed the weekly ops review to Dana for good, freeing 4 hours a week for org planning",
                d
            ),
            Level::At
        );
        assert_eq!(
            level(
                "Wrote the team's roadmap, approved by my manager",
                "strategy"
            ),
            Level::Below
        );
        assert_eq!(
            level(
                "Argued in OP1 to give up two of our headcount to fund the platform; the org plan adopted it",
                "strategy"
            ),
            Level::At
        );
        assert_eq!(
            level(
                "Helped a peer team through a sev2 incident",
                "peer-collaboration"
            ),
            Level::Below
        );
        assert_eq!(
            level(
                "Resolved a disagreement with the ads director over shared roadmap priorities",
                "peer-collaboration"
            ),
            Level::At
        );
    }

    #[test]
    fn both_workloads_judge_every_labelled_win_alike() {
        let sets = [
            include_str!("../tests/data/level_wins.json"),
            include_str!("../tests/data/level_wins_holdout.json"),
            include_str!("../tests/data/level_wins_blind.json"),
        ];
        let mut compared = 0;
        for set in sets {
            let data: serde_json::Value = serde_json::from_str(set).expect("JSON");
            for w in data["wins"].as_array().expect("wins") {
                let ladder = crate::ladder::builtin_ladder(w["ladder"].as_str().expect("ladder"))
                    .expect("built in");
                let many = Judge::for_workload(ladder, &[], None, &[], Workload::Many);
                let few = Judge::for_workload(ladder, &[], None, &[], Workload::Few);
                let signals = WinSignals {
                    id: 1,
                    text: w["title"].as_str().expect("title"),
                    scope: Scope::Org,
                    has_metric: w["metric"].is_string(),
                    people: &[],
                };
                let (a, b) = (many.read(&signals), few.read(&signals));
                for e in &ladder.expectations {
                    let (x, y) = (many.level(1, &a, &e.id), few.level(1, &b, &e.id));
                    assert_eq!(
                        (x.level, &x.reason),
                        (y.level, &y.reason),
                        "{} for {}",
                        signals.text,
                        e.id
                    );
                    compared += 1;
                }
            }
        }
        assert!(compared > 2000, "{compared} judgments compared");
    }

    #[test]
    fn nothing_said_falls_to_the_ladder_default_with_its_reason() {
        let j = Judge::new(ladder(), &[], None, &[]);
        let r = j.read(&WinSignals {
            id: 1,
            text: "Did a thing",
            scope: Scope::Team,
            has_metric: false,
            people: &[],
        });
        let got = j.level(1, &r, "hire-develop-managers");
        assert_eq!(got.level, Level::Below);
        assert!(
            got.reason.contains("the bar is hiring or growing managers"),
            "{}",
            got.reason
        );
    }

    #[test]
    fn an_override_wins_and_teaches_similar_wins() {
        let o = vec![LevelOverride {
            win_id: 7,
            expectation: "strategy".into(),
            level: Level::At,
            text: "Wrote the payments roadmap for the checkout platform".into(),
        }];
        let j = Judge::new(ladder(), &[], None, &o);
        let read = |text| {
            j.read(&WinSignals {
                id: 8,
                text,
                scope: Scope::Team,
                has_metric: false,
                people: &[],
            })
        };
        let r = read("Wrote the payments roadmap for the checkout platform");
        assert_eq!(j.level(7, &r, "strategy").level, Level::At);
        let similar = read("Rewrote the payments roadmap for the checkout platform");
        let got = j.level(8, &similar, "strategy");
        assert_eq!(got.level, Level::At);
        assert!(got.reason.contains("win 7"), "{}", got.reason);
        let other = read("Wrote the team's roadmap for the quarter");
        assert_eq!(j.level(9, &other, "strategy").level, Level::Below);
    }
}
