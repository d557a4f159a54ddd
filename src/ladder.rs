//! Ladders are the rubric a promotion is judged against: the expectations of the
//! target level. They are data (`assets/ladders/*.json`), embedded in the binary and
//! validated on load, so a user can bring their own company's ladder as a file.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

pub use crate::document_shape::{
    DocumentShape, Part, ShapeSection, ShortForm, ShortPart, ShortReviewShape, ShortTextShape,
    word_count,
};
use crate::error::{Error, Result};
use crate::model::{Cycle, CycleLevels};

/// The largest ladder file read. The built-in ones are about 40 KB; a rubric a
/// thousand times longer is not a rubric.
pub const MAX_LADDER_BYTES: u64 = 1024 * 1024;

/// The id of the ladder a new cycle uses.
pub const DEFAULT_LADDER: &str = "senior-manager";

const BUILTIN_SOURCES: &[(&str, &str)] = &[
    (
        "senior-manager",
        include_str!("../assets/ladders/senior-manager.json"),
    ),
    (
        "first-time-manager",
        include_str!("../assets/ladders/first-time-manager.json"),
    ),
    ("meta-m2", include_str!("../assets/ladders/meta-m2.json")),
    (
        "google-l7",
        include_str!("../assets/ladders/google-l7.json"),
    ),
    (
        "microsoft-66",
        include_str!("../assets/ladders/microsoft-66.json"),
    ),
];
const PRINCIPLES_SOURCE: &str = include_str!("../assets/ladders/principles.json");

/// A rubric: the expectations of one target level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Ladder {
    /// Slug, e.g. `senior-manager`.
    pub id: String,
    /// Display name, e.g. "Senior Manager (L7)".
    pub name: String,
    /// The level a candidate holds now.
    pub current_level: String,
    /// The level the ladder describes.
    pub target_level: String,
    /// What changes at this level, in a few sentences.
    #[serde(default)]
    pub summary: String,
    /// The expectations, in the order a promotion document presents them.
    pub expectations: Vec<Expectation>,
    /// What a panel wants to see at least once: each a kind of evidence that shows
    /// the level, named so the review can say which are missing. A custom ladder may
    /// have none.
    #[serde(default)]
    pub must_haves: Vec<MustHave>,
    /// How the verdict's label is reached; a custom ladder without one gets
    /// [`VerdictRules::default`].
    #[serde(default)]
    pub verdict: VerdictRules,
    /// Where the ladder's content came from and when it was last checked; shown
    /// beside the ladder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<LadderSource>,
    /// The expectations of other ladders that this ladder's expectations stand in
    /// for: ladder id, then that ladder's expectation id, then this ladder's. When a
    /// cycle switches to this ladder, a win's confirmed link to one of them becomes a
    /// suggestion of its counterpart here.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub counterparts: BTreeMap<String, BTreeMap<String, String>>,
    /// The shape of the promotion document; a ladder without one gets Amazon's
    /// ([`Ladder::document`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<DocumentShape>,
    /// The company's short review texts (Amazon's Forte and its equivalents); a
    /// ladder without them gets Amazon's ([`Ladder::short_review`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_review: Option<ShortReviewShape>,
    /// Words of self-praise that name no act, reach or result ("transformational",
    /// "world-class", "synergies"). A panel reads past them to what was done, so for
    /// every expectation with level rules they weigh toward the level below, and its
    /// `reason` says so. A custom ladder may have none.
    #[serde(default)]
    pub inflated: LevelTier,
}

/// Where a ladder's content came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct LadderSource {
    /// The public sources, each named by its title.
    pub titles: Vec<String>,
    /// The day the content was last checked against them.
    pub checked: chrono::NaiveDate,
    /// A sentence on how it was written.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// How to tell the level of a win for one expectation: what looks like it but is the
/// work of the level below, what is at the target level, what is above it. The
/// matcher weighs phrases (2), stems (1) and structured cues (1) of each tier; see
/// `level::Judge::level_at` for how the weights decide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct LevelRules {
    /// Real, good work of the level below that looks like this expectation.
    #[serde(default)]
    pub below: LevelTier,
    /// Work of the target level.
    #[serde(default)]
    pub at: LevelTier,
    /// Work beyond the target level.
    #[serde(default)]
    pub above: LevelTier,
    /// The level of a win none of the tiers speaks to.
    pub otherwise: crate::model::Level,
    /// Why, in a panel's words, when nothing spoke to the level.
    pub otherwise_reason: String,
    /// True for the floor (team delivery): assumed at the target level, it never
    /// carries the case.
    #[serde(default)]
    pub floor: bool,
}

/// One tier of [`LevelRules`]: its words, its structured cues and the reason given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct LevelTier {
    /// Phrases matched as whole words, lowercase, in every form of their words
    /// ("hand off" is also "handed off"); `#` stands for a number ("# orgs").
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Word stems matched as the start of a word, lowercase.
    #[serde(default)]
    pub stems: Vec<String>,
    /// Facts of the win that point to this tier.
    #[serde(default)]
    pub cues: Vec<Cue>,
    /// The reason a Director would give, e.g. "hiring engineers is L6 work; the bar
    /// is hiring or growing managers".
    #[serde(default)]
    pub reason: String,
}

/// A structured fact of a win, beyond its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
pub enum Cue {
    /// Someone on the win is one of the user's managers (a report or skip-level
    /// report whose notes say manager, EM, SDM).
    ManagerOnWin,
    /// Someone on the win is a report or skip-level report who does not manage
    /// (an engineer): work with them is the level below for manager expectations.
    IcOnWin,
    /// Someone on the win is the user's skip-level manager, or at or above the
    /// target level.
    SeniorOnWin,
    /// Someone on the win sits outside the user's org.
    OutsideOrgOnWin,
    /// The win has a metric.
    Metric,
    /// The win reached the org or wider.
    ScopeOrg,
    /// The win reached the company or wider.
    ScopeCompany,
    /// The win reached no further than the user's own team.
    ScopeTeam,
    /// Someone on the win is a peer: another manager at the user's level, so the
    /// work reached beyond the user's own team and reports.
    PeerOnWin,
    /// The win reached beyond the company (an industry standard, other companies).
    ScopeIndustry,
}

/// Evidence a panel wants to see at least once (a named successor, a forum handed
/// off). Shown by a win tagged with one of `expectations`, judged at or above the
/// target level, whose text matches every group of `all`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct MustHave {
    /// Slug, e.g. `successor`.
    pub id: String,
    /// What it is, e.g. "a named successor, or a manager of yours who has covered for you".
    pub title: String,
    /// The expectation it belongs to (where the review names it as missing).
    pub expectation: String,
    /// Other expectations whose wins may show it too.
    #[serde(default)]
    pub also_under: Vec<String>,
    /// Each group must match (any of its phrases, stems or cues).
    pub all: Vec<LevelTier>,
    /// What to do to show it.
    pub next_step: String,
}

/// The rules of the verdict's label, written in the ladder so a user can read them
/// and a custom ladder can set its own (a field left out takes its default).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields, default)]
pub struct VerdictRules {
    /// `not-yet` whenever an expectation beyond the floor rests only on work of
    /// the level below: it needs more time doing the work, not a better document.
    pub not_yet_when_below_only: bool,
    /// `not-yet` when most of the work at the level sits in the last
    /// `sustained_days` before the target date (or the review's day).
    pub not_yet_when_not_sustained: bool,
    /// The days before the target date that must not hold most of the case.
    pub sustained_days: i64,
    /// `ready` needs at most this many gaps (thin counts as a gap).
    pub ready_max_gaps: usize,
    /// ... at most this many missing must-haves ...
    pub ready_max_missing: usize,
    /// ... and at least this many voices at or above the target level, and as many
    /// from outside the org, among the people who vouch or gave feedback ...
    pub ready_min_senior_voices: usize,
    /// ... and at least this readiness score.
    pub ready_min_score: u32,
    /// `close` needs at most this many gaps ...
    pub close_max_gaps: usize,
    /// ... at most this many missing must-haves ...
    pub close_max_missing: usize,
    /// ... and at least this score; anything else is `not-yet`.
    pub close_min_score: u32,
}

impl Default for VerdictRules {
    fn default() -> Self {
        VerdictRules {
            not_yet_when_below_only: true,
            not_yet_when_not_sustained: true,
            sustained_days: 56,
            ready_max_gaps: 0,
            ready_max_missing: 0,
            ready_min_senior_voices: 1,
            ready_min_score: 65,
            close_max_gaps: 1,
            close_max_missing: 1,
            close_min_score: 50,
        }
    }
}

/// One expectation of a level, with what evidence for it looks like.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    /// Fixed slug, e.g. `hire-develop-managers`; data and tests refer to it.
    pub id: String,
    /// Short title.
    pub title: String,
    /// What it means at this level.
    pub description: String,
    /// What strong evidence looks like.
    #[serde(default)]
    pub strong_evidence: Vec<String>,
    /// Words and phrases that point to it, for suggestions.
    #[serde(default)]
    pub signals: Signals,
    /// What a calibration panel asks about it.
    #[serde(default)]
    pub panel_questions: Vec<String>,
    /// What to do when it is a gap.
    #[serde(default)]
    pub next_steps: Vec<String>,
    /// Example one-line wins filed under it: they show a user what counts, and the
    /// suggester learns the expectation's vocabulary from them.
    #[serde(default)]
    pub examples: Vec<String>,
    /// How to tell the level of a win for it; without rules every win counts as at
    /// the level.
    #[serde(default)]
    pub level: Option<LevelRules>,
}

/// Text signals that point to an expectation or principle.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Signals {
    /// Phrases matched as whole words, lowercase.
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Word stems matched as the start of a word, lowercase.
    #[serde(default)]
    pub stems: Vec<String>,
    /// Phrases of absence that point here ("without me" for delegation).
    #[serde(default)]
    pub negations: Vec<String>,
}

/// A list of leadership principles a win can be tagged with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct PrincipleSet {
    /// Slug of the list.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The principles, in their usual order.
    pub principles: Vec<Principle>,
}

/// One leadership principle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Principle {
    /// Slug, e.g. `deliver-results`.
    pub id: String,
    /// Display name, e.g. "Deliver Results".
    pub name: String,
    /// One sentence on what it means.
    pub summary: String,
    /// Words that point to it.
    #[serde(default)]
    pub signals: Signals,
}

impl Ladder {
    /// The levels of a cycle moved from `old` onto this ladder when the user names
    /// none: the ladder's own when it is another ladder than `old`'s (or `old` is
    /// the default cycle), else the levels `old` has.
    pub fn levels_after(&self, old: &Cycle) -> CycleLevels {
        if self.id != old.ladder || old.is_default {
            CycleLevels {
                current_level: self.current_level.clone(),
                target_level: self.target_level.clone(),
            }
        } else {
            CycleLevels {
                current_level: old.current_level.clone(),
                target_level: old.target_level.clone(),
            }
        }
    }

    /// The shape of the ladder's promotion document: its own, else Amazon's (the
    /// default ladder's).
    pub fn document(&self) -> &DocumentShape {
        if let Some(d) = &self.document {
            return d;
        }
        default_document()
    }

    /// The short review texts a form asks for on this ladder: Amazon's Forte, or
    /// the ladder's own.
    pub fn short_form(&self, form: ShortForm) -> &ShortReviewShape {
        match form {
            ShortForm::Forte => default_short_review(),
            ShortForm::Ladder => self.short_review(),
        }
    }

    /// The ladder's short review texts: its own, else Amazon's Forte (the default
    /// ladder's).
    pub fn short_review(&self) -> &ShortReviewShape {
        if let Some(d) = &self.short_review {
            return d;
        }
        default_short_review()
    }

    /// The expectation of this ladder that stands in for `expectation` of the
    /// ladder `from`, when the ladder file names one.
    pub fn counterpart(&self, from: &str, expectation: &str) -> Option<&str> {
        self.counterparts
            .get(from)
            .and_then(|m| m.get(expectation))
            .map(String::as_str)
    }

    /// Reads and validates a ladder from JSON text. `origin` names the file in errors.
    pub fn from_json(text: &str, origin: &str) -> Result<Ladder> {
        // The plain parser is several times faster; the path-tracking one only runs
        // again to say where a broken file went wrong.
        if let Ok(ladder) = serde_json::from_str::<Ladder>(text) {
            ladder.validate(origin)?;
            return Ok(ladder);
        }
        let de = &mut serde_json::Deserializer::from_str(text);
        let ladder: Ladder = serde_path_to_error::deserialize(de).map_err(|e| {
            use serde_json::error::Category;
            let path = e.path().to_string();
            let inner = e.into_inner();
            let at = format!("line {}, column {}", inner.line(), inner.column());
            let detail = inner.to_string();
            let detail = detail.rfind(" at line ").map_or(&detail[..], |i| &detail[..i]);
            let problem = match inner.classify() {
                Category::Eof => format!("the file ends too early ({at}): it looks cut off"),
                Category::Syntax => format!("not valid JSON at {at}: {detail}"),
                _ if path == "." || path.is_empty() => format!("{detail} ({at})"),
                _ => format!("field `{path}`: {detail} ({at})"),
            };
            Error::bad_file(format!(
                "ladder {origin}: {problem}; fix the file (see assets/ladders/senior-manager.json for the expected shape)"
            ))
        })?;
        ladder.validate(origin)?;
        Ok(ladder)
    }

    /// Reads and validates a ladder file, refusing a folder, a file over
    /// [`MAX_LADDER_BYTES`] and text that is not UTF-8 before parsing.
    pub fn from_file(path: &std::path::Path) -> Result<Ladder> {
        let text = crate::paths::read_text_file(path, MAX_LADDER_BYTES)?;
        Ladder::from_json(&text, &path.display().to_string())
    }

    /// Checks what serde cannot: slugs, unique ids, non-empty texts.
    pub fn validate(&self, origin: &str) -> Result<()> {
        let fail = |field: String, what: &str| {
            Err(Error::bad_file(format!(
                "ladder {origin}: field `{field}` {what}"
            )))
        };
        if !is_slug(&self.id) {
            return fail(
                "id".into(),
                "must be a lowercase slug such as `my-ladder` (letters, digits, dashes)",
            );
        }
        for (field, value) in [
            ("name", &self.name),
            ("current_level", &self.current_level),
            ("target_level", &self.target_level),
        ] {
            if value.trim().is_empty() {
                return fail(field.into(), "must not be empty");
            }
        }
        if self.expectations.is_empty() {
            return fail("expectations".into(), "must list at least one expectation");
        }
        let mut seen = HashSet::new();
        for (i, e) in self.expectations.iter().enumerate() {
            if !is_slug(&e.id) {
                return fail(
                    format!("expectations[{i}].id"),
                    "must be a lowercase slug such as `team-delivery`",
                );
            }
            if !seen.insert(e.id.as_str()) {
                return fail(
                    format!("expectations[{i}].id"),
                    &format!("repeats the id `{}`", e.id),
                );
            }
            if e.title.trim().is_empty() {
                return fail(format!("expectations[{i}].title"), "must not be empty");
            }
            if e.description.trim().is_empty() {
                return fail(
                    format!("expectations[{i}].description"),
                    "must not be empty",
                );
            }
        }
        for (i, e) in self.expectations.iter().enumerate() {
            if let Some(rules) = &e.level {
                for (tier, t) in [
                    ("below", &rules.below),
                    ("at", &rules.at),
                    ("above", &rules.above),
                ] {
                    check_words(&format!("expectations[{i}].level.{tier}"), t)
                        .or_else(|field| fail(field, "must be lowercase words, not blank"))?;
                }
                if rules.otherwise_reason.trim().is_empty() {
                    return fail(
                        format!("expectations[{i}].level.otherwise_reason"),
                        "must say why, in a sentence",
                    );
                }
            }
        }
        if let Some(d) = &self.document
            && let Some((field, what)) = d.problem()
        {
            return fail(format!("document.{field}"), what);
        }
        if let Some(d) = &self.short_review
            && let Some((field, what)) = d.problem()
        {
            return fail(format!("short_review.{field}"), what);
        }
        if let Some(src) = &self.source
            && (src.titles.is_empty() || src.titles.iter().any(|t| t.trim().is_empty()))
        {
            return fail(
                "source.titles".into(),
                "must name at least one source, none blank",
            );
        }
        for (from, map) in &self.counterparts {
            for (theirs, ours) in map {
                if !is_slug(from) || !is_slug(theirs) {
                    return fail(
                        format!("counterparts.{from}.{theirs}"),
                        "must be a ladder id and an expectation id (lowercase slugs)",
                    );
                }
                if self.expectation(ours).is_none() {
                    return fail(
                        format!("counterparts.{from}.{theirs}"),
                        &format!("names `{ours}`, which is not an expectation of this ladder"),
                    );
                }
            }
        }
        check_words("inflated", &self.inflated)
            .or_else(|field| fail(field, "must be lowercase words, not blank"))?;
        let mut seen = HashSet::new();
        for (i, m) in self.must_haves.iter().enumerate() {
            if !is_slug(&m.id) {
                return fail(
                    format!("must_haves[{i}].id"),
                    "must be a lowercase slug such as `successor`",
                );
            }
            if !seen.insert(m.id.as_str()) {
                return fail(
                    format!("must_haves[{i}].id"),
                    &format!("repeats the id `{}`", m.id),
                );
            }
            if m.title.trim().is_empty() {
                return fail(format!("must_haves[{i}].title"), "must not be empty");
            }
            for e in std::iter::once(&m.expectation).chain(&m.also_under) {
                if self.expectation(e).is_none() {
                    return fail(
                        format!("must_haves[{i}].expectation"),
                        &format!("names `{e}`, which is not an expectation of this ladder"),
                    );
                }
            }
            if m.all.is_empty() {
                return fail(
                    format!("must_haves[{i}].all"),
                    "must list at least one group of words or cues",
                );
            }
            for (g, t) in m.all.iter().enumerate() {
                let field = format!("must_haves[{i}].all[{g}]");
                check_words(&field, t)
                    .or_else(|field| fail(field, "must be lowercase words, not blank"))?;
                if t.phrases.is_empty() && t.stems.is_empty() && t.cues.is_empty() {
                    return fail(field, "must have a phrase, a stem or a cue");
                }
            }
        }
        Ok(())
    }

    /// The expectation with this id.
    pub fn expectation(&self, id: &str) -> Option<&Expectation> {
        self.expectations.iter().find(|e| e.id == id)
    }

    /// The expectation with this id, or an error that lists the valid ids.
    pub fn require_expectation(&self, id: &str) -> Result<&Expectation> {
        self.expectation(id).ok_or_else(|| {
            Error::not_found(format!(
                "expectation '{id}' is not in the ladder '{}' (use one of: {})",
                self.id,
                self.expectation_ids().join(", ")
            ))
        })
    }

    /// The expectation ids, in order.
    pub fn expectation_ids(&self) -> Vec<&str> {
        self.expectations.iter().map(|e| e.id.as_str()).collect()
    }
}

/// The one id of `ids` that `given` names: the id itself, the id in other case, or
/// the start of exactly one id ("strat" for `strategy`). A start several ids share
/// is refused with the candidates; an unknown one with the ids to use (`ladder`
/// names where they come from).
pub fn resolve_expectation<'a>(ids: &[&'a str], given: &str, ladder: &str) -> Result<&'a str> {
    let given = given.trim();
    if let Some(id) = ids.iter().find(|id| **id == given) {
        return Ok(id);
    }
    let lower = given.to_lowercase();
    if let Some(id) = ids.iter().find(|id| id.to_lowercase() == lower) {
        return Ok(id);
    }
    let starts: Vec<&'a str> = if lower.is_empty() {
        Vec::new()
    } else {
        ids.iter()
            .copied()
            .filter(|id| id.to_lowercase().starts_with(&lower))
            .collect()
    };
    match starts.as_slice() {
        [one] => Ok(one),
        [] => Err(Error::not_found(format!(
            "expectation '{given}' is not in the ladder '{ladder}' (use one of: {})",
            ids.join(", ")
        ))),
        many => Err(Error::invalid(format!(
            "expectation '{given}' matches more than one: {}; give more of the id",
            many.join(", ")
        ))),
    }
}

/// Every phrase and stem of a tier lowercase and not blank; else the field at fault.
fn check_words(field: &str, t: &LevelTier) -> std::result::Result<(), String> {
    for (what, list) in [("phrases", &t.phrases), ("stems", &t.stems)] {
        for (j, w) in list.iter().enumerate() {
            if w.trim().is_empty() || w.to_lowercase() != *w {
                return Err(format!("{field}.{what}[{j}]"));
            }
        }
    }
    Ok(())
}

/// True for lowercase ASCII letters, digits and inner dashes.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The ladders that ship with Caliber, each parsed once, on first use.
pub fn builtin_ladders() -> Vec<&'static Ladder> {
    (0..BUILTIN_SOURCES.len()).map(parse_builtin).collect()
}

/// The built-in ladder with this id.
pub fn builtin_ladder(id: &str) -> Option<&'static Ladder> {
    BUILTIN_SOURCES
        .iter()
        .position(|(known, _)| *known == id)
        .map(parse_builtin)
}

/// The JSON text a built-in ladder is read from.
pub fn builtin_source(id: &str) -> Option<&'static str> {
    BUILTIN_SOURCES
        .iter()
        .find(|(known, _)| *known == id)
        .map(|(_, text)| *text)
}

/// Parses the built-in ladder at `index` once per process: a command that needs one
/// ladder does not pay for the others.
fn parse_builtin(index: usize) -> &'static Ladder {
    static PARSED: [OnceLock<Ladder>; BUILTIN_SOURCES.len()] =
        [const { OnceLock::new() }; BUILTIN_SOURCES.len()];
    PARSED[index].get_or_init(|| {
        let (id, text) = BUILTIN_SOURCES[index];
        // The built-in files are checked by tests; a broken one is a build bug.
        Ladder::from_json(text, &format!("assets/ladders/{id}.json"))
            .unwrap_or_else(|e| panic!("built-in ladder {id} is invalid: {e}"))
    })
}

/// Amazon's document shape: the default ladder's, for a ladder without its own.
pub fn default_document() -> &'static DocumentShape {
    static SHAPE: OnceLock<DocumentShape> = OnceLock::new();
    SHAPE.get_or_init(|| {
        builtin_ladder(DEFAULT_LADDER)
            .and_then(|l| l.document.clone())
            // The built-in file is checked by tests; without a shape it is a build bug.
            .unwrap_or_else(|| panic!("the built-in ladder {DEFAULT_LADDER} has no document"))
    })
}

/// Amazon's Forte texts: the default ladder's, for a ladder without its own.
pub fn default_short_review() -> &'static ShortReviewShape {
    static SHAPE: OnceLock<ShortReviewShape> = OnceLock::new();
    SHAPE.get_or_init(|| {
        builtin_ladder(DEFAULT_LADDER)
            .and_then(|l| l.short_review.clone())
            // The built-in file is checked by tests; without one it is a build bug.
            .unwrap_or_else(|| panic!("the built-in ladder {DEFAULT_LADDER} has no short_review"))
    })
}

/// The leadership principles that ship with Caliber.
pub fn principles() -> &'static PrincipleSet {
    static SET: OnceLock<PrincipleSet> = OnceLock::new();
    SET.get_or_init(|| {
        serde_json::from_str(PRINCIPLES_SOURCE)
            .unwrap_or_else(|e| panic!("built-in principles list is invalid: {e}"))
    })
}

impl PrincipleSet {
    /// Finds a principle by id or name, ignoring case and punctuation:
    /// "Deliver Results", "deliver-results" and "deliver results" all match.
    ///
    /// Any part of a name works when only one principle has it ("have backbone",
    /// "frugal"), without regard to case, spaces or punctuation; a part several
    /// names share is refused with the candidates listed.
    pub fn resolve(&self, name: &str) -> Result<&Principle> {
        let key = squash(name);
        if let Some(p) = self
            .principles
            .iter()
            .find(|p| squash(&p.id) == key || squash(&p.name) == key)
        {
            return Ok(p);
        }
        let found: Vec<&Principle> = if key.is_empty() {
            Vec::new()
        } else {
            self.principles
                .iter()
                .filter(|p| squash(&p.name).contains(&key) || squash(&p.id).contains(&key))
                .collect()
        };
        match found.as_slice() {
            [one] => Ok(one),
            [] => Err(Error::not_found(format!(
                "leadership principle '{name}' is not known (use a name or id from `caliber ladder principles`, e.g. deliver-results)"
            ))),
            many => Err(Error::invalid(format!(
                "leadership principle '{name}' matches more than one: {}; give more of the name",
                many.iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }

    /// The principle with this id.
    pub fn get(&self, id: &str) -> Option<&Principle> {
        self.principles.iter().find(|p| p.id == id)
    }
}

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
