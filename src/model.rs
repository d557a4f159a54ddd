//! The evidence a promotion case is built from: wins, the people who can vouch for
//! them, dated feedback, and the review cycle they are judged in. Plain data, so the
//! store, the reports, the CLI and the app all speak the same types.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};

/// Identifies a win; small integers so a person can type them (`caliber show 42`).
pub type WinId = i64;
/// Identifies a person.
pub type PersonId = i64;
/// Identifies a piece of feedback.
pub type FeedbackId = i64;

/// How far a win reached. Calibration weighs wider scope more at senior levels.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    Default,
    ts_rs::TS,
    clap::ValueEnum,
)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// The user's own team(s).
    #[default]
    Team,
    /// The wider organization.
    Org,
    /// The whole company.
    Company,
    /// Beyond the company: open source, talks, standards.
    Industry,
}

/// Where a win came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// Logged in the desktop app.
    App,
    /// Logged with the `caliber` command.
    #[default]
    Cli,
    /// Brought in by an import (backup, CSV, jrnl, Markdown).
    Import,
    /// Written by `caliber demo`.
    Demo,
    /// Logged by an AI assistant through `caliber mcp`.
    Assistant,
}

/// How a person relates to the user; decides how much their word weighs.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS, clap::ValueEnum,
)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// Reports directly to the user.
    Report,
    /// Reports to one of the user's managers.
    #[value(alias = "skip_level_report", alias = "skip level report")]
    SkipLevelReport,
    /// A peer manager.
    Peer,
    /// Someone in a partner team or function.
    Partner,
    /// The user's manager.
    Manager,
    /// The user's manager's manager.
    #[value(alias = "skip_level_manager", alias = "skip level manager")]
    SkipLevelManager,
}

/// The names of an enum's values, one place for each: `as_str`, `Display`,
/// `FromStr` (the exact name, or the same written loosely: any case, `_` or a space
/// for `-`) and `ALL`. An unknown name is refused with the list of known ones, or
/// with the message `$unknown` makes of it (the undo journal says a newer Caliber
/// wrote it).
macro_rules! kebab_enum {
    ($ty:ty, $what:literal, [$($variant:ident => $name:literal),+ $(,)?]) => {
        kebab_enum!($ty, [$($variant => $name),+], |s: &str| {
            let names: Vec<&str> = <$ty>::ALL.iter().map(|v| v.as_str()).collect();
            $crate::error::Error::invalid(format!(
                "{} '{}' is not known (use one of: {})",
                $what,
                s,
                names.join(", ")
            ))
        });
    };
    ($ty:ty, [$($variant:ident => $name:literal),+ $(,)?], $unknown:expr) => {
        impl $ty {
            /// Every value, in order.
            pub const ALL: &'static [$ty] = &[$(<$ty>::$variant),+];

            /// The name used in files, the CLI and the database.
            pub fn as_str(self) -> &'static str {
                match self { $(<$ty>::$variant => $name),+ }
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $ty {
            type Err = $crate::error::Error;
            fn from_str(s: &str) -> $crate::error::Result<Self> {
                // The exact name (what the database holds) needs no cleaning.
                if let Some(v) = <$ty>::ALL.iter().copied().find(|v| v.as_str() == s) {
                    return Ok(v);
                }
                let wanted = s.trim().to_ascii_lowercase().replace(['_', ' '], "-");
                let unknown: fn(&str) -> $crate::error::Error = $unknown;
                <$ty>::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == wanted)
                    .ok_or_else(|| unknown(s))
            }
        }
    };
}
pub(crate) use kebab_enum;

kebab_enum!(Scope, "scope", [Team => "team", Org => "org", Company => "company", Industry => "industry"]);
kebab_enum!(Source, "source", [App => "app", Cli => "cli", Import => "import", Demo => "demo", Assistant => "assistant"]);
kebab_enum!(Relation, "relation", [
    Report => "report",
    SkipLevelReport => "skip-level-report",
    Peer => "peer",
    Partner => "partner",
    Manager => "manager",
    SkipLevelManager => "skip-level-manager",
]);

impl Scope {
    /// The word shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Scope::Team => "Team",
            Scope::Org => "Org",
            Scope::Company => "Company",
            Scope::Industry => "Industry",
        }
    }

    /// How far the work reached, as the candidate says it in a document written
    /// as "I" ("This work reached the wider org").
    pub fn reach_words(self) -> &'static str {
        match self {
            Scope::Team => "my own teams",
            Scope::Org => "the wider org",
            Scope::Company => "the whole company",
            Scope::Industry => "beyond the company",
        }
    }
}

impl Relation {
    /// The words shown to people: "Skip-level manager".
    pub fn label(self) -> &'static str {
        match self {
            Relation::Report => "Report",
            Relation::SkipLevelReport => "Skip-level report",
            Relation::Peer => "Peer",
            Relation::Partner => "Partner",
            Relation::Manager => "Manager",
            Relation::SkipLevelManager => "Skip-level manager",
        }
    }

    /// The words inside a sentence, as a document names who said something and
    /// as people write it: "skip-level manager".
    pub fn words(self) -> String {
        self.label().to_lowercase()
    }
}

/// How senior a person is, relative to the level the user is going for (not to the
/// user): at L6 going for L7, a peer L6 manager is `below`, an L7 is `at`, a director
/// is `above`. Panels weigh voices at or above the target level most.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "kebab-case")]
pub enum Seniority {
    /// Below the target level.
    Below,
    /// At the target level.
    At,
    /// Above the target level.
    Above,
}

kebab_enum!(Seniority, "seniority", [Below => "below", At => "at", Above => "above"]);

/// The level of work a win shows for one expectation, relative to the target level.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// Real work, of the level the user holds now: it looks like the expectation and is not.
    Below,
    /// Work of the target level.
    At,
    /// Work beyond the target level.
    Above,
}

kebab_enum!(Level, "level", [Below => "below", At => "at", Above => "above"]);

impl Relation {
    /// The seniority assumed for someone of this relation when the user has not said:
    /// reports and peers sit below the target level, the manager at it, the skip-level
    /// manager above; a partner could be anyone.
    pub fn default_seniority(self) -> Option<Seniority> {
        match self {
            Relation::Report | Relation::SkipLevelReport | Relation::Peer => Some(Seniority::Below),
            Relation::Manager => Some(Seniority::At),
            Relation::SkipLevelManager => Some(Seniority::Above),
            Relation::Partner => None,
        }
    }

    /// Whether this person's word counts as an outside view in calibration:
    /// panels discount praise from one's own reports.
    pub fn is_independent(self) -> bool {
        !matches!(self, Relation::Report | Relation::SkipLevelReport)
    }
}

/// A win's link to one expectation of the ladder.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
pub struct ExpectationTag {
    /// The expectation id, e.g. `hire-develop-managers`.
    pub id: String,
    /// True when the user chose it; false when Caliber only suggested it.
    pub confirmed: bool,
}

/// A person named on a win.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct WinPerson {
    /// The person's id.
    pub person_id: PersonId,
    /// The person's name, for display.
    pub name: String,
    /// True when this person can vouch for the win (a feedback provider for it).
    pub vouches: bool,
}

/// One piece of evidence: something the user did, dated, with its result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Win {
    /// Stable id.
    pub id: WinId,
    /// The day it happened.
    pub date: NaiveDate,
    /// When it was logged (UTC).
    pub logged_at: DateTime<Utc>,
    /// When it was last changed (UTC).
    pub updated_at: DateTime<Utc>,
    /// One line saying what happened.
    pub title: String,
    /// The situation (the S of STAR).
    pub situation: Option<String>,
    /// What the user did.
    pub action: Option<String>,
    /// What came of it.
    pub result: Option<String>,
    /// Free Markdown notes.
    pub notes: Option<String>,
    /// The impact as written: "35%", "$4.1M", "3 teams".
    pub metric: Option<String>,
    /// How far it reached.
    pub scope: Scope,
    /// People involved, and whether they can vouch.
    pub people: Vec<WinPerson>,
    /// Links to artifacts.
    pub links: Vec<String>,
    /// Free tags.
    pub tags: Vec<String>,
    /// Expectations of the ladder it is evidence for.
    pub expectations: Vec<ExpectationTag>,
    /// Leadership principle ids it shows.
    pub principles: Vec<String>,
    /// Where it came from.
    pub source: Source,
}

impl Win {
    /// Ids of the expectations, confirmed or suggested.
    pub fn expectation_ids(&self) -> Vec<&str> {
        self.expectations.iter().map(|t| t.id.as_str()).collect()
    }

    /// True when someone named on the win can vouch for it.
    pub fn is_vouched(&self) -> bool {
        self.people.iter().any(|p| p.vouches)
    }
}

/// A person named on a win, by name; the store finds or creates them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct PersonRef {
    /// The person's name (matched without regard to case).
    pub name: String,
    /// True when they can vouch for the win.
    #[serde(default = "yes")]
    pub vouches: bool,
}

fn yes() -> bool {
    true
}

/// What a user writes to log or edit a win. The same shape serves both, so an
/// edit is "load the draft, change it, save it".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct WinDraft {
    /// The day it happened; today when absent.
    pub date: Option<NaiveDate>,
    /// One line saying what happened (required, not blank).
    pub title: String,
    /// See [`Win::situation`].
    pub situation: Option<String>,
    /// See [`Win::action`].
    pub action: Option<String>,
    /// See [`Win::result`].
    pub result: Option<String>,
    /// See [`Win::notes`].
    pub notes: Option<String>,
    /// See [`Win::metric`].
    pub metric: Option<String>,
    /// See [`Win::scope`].
    pub scope: Scope,
    /// People, by name.
    pub people: Vec<PersonRef>,
    /// See [`Win::links`].
    pub links: Vec<String>,
    /// See [`Win::tags`].
    pub tags: Vec<String>,
    /// See [`Win::expectations`].
    pub expectations: Vec<ExpectationTag>,
    /// See [`Win::principles`].
    pub principles: Vec<String>,
    /// See [`Win::source`].
    pub source: Source,
}

impl WinDraft {
    /// A draft with only a title: what `caliber log "TEXT"` makes.
    pub fn titled(title: impl Into<String>) -> Self {
        WinDraft {
            title: title.into(),
            ..WinDraft::default()
        }
    }
}

impl From<&Win> for WinDraft {
    fn from(w: &Win) -> Self {
        WinDraft {
            date: Some(w.date),
            title: w.title.clone(),
            situation: w.situation.clone(),
            action: w.action.clone(),
            result: w.result.clone(),
            notes: w.notes.clone(),
            metric: w.metric.clone(),
            scope: w.scope,
            people: w
                .people
                .iter()
                .map(|p| PersonRef {
                    name: p.name.clone(),
                    vouches: p.vouches,
                })
                .collect(),
            links: w.links.clone(),
            tags: w.tags.clone(),
            expectations: w.expectations.clone(),
            principles: w.principles.clone(),
            source: w.source,
        }
    }
}

/// Someone who works with the user and may vouch for their evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Person {
    /// Stable id.
    pub id: PersonId,
    /// Display name, unique among people (without regard to case).
    pub name: String,
    /// How they relate to the user, when known.
    pub relation: Option<Relation>,
    /// Their organization or team.
    pub org: Option<String>,
    /// Free notes.
    pub notes: Option<String>,
    /// When they were added (UTC).
    pub created_at: DateTime<Utc>,
    /// How senior they are against the target level, as the user said; see
    /// [`Person::seniority_or_default`] for the value used when unset.
    #[serde(default)]
    pub seniority: Option<Seniority>,
}

impl Person {
    /// The seniority as set, else the default of their relation, else unknown.
    pub fn seniority_or_default(&self) -> Option<Seniority> {
        self.seniority
            .or_else(|| self.relation.and_then(Relation::default_seniority))
    }
}

/// What a user writes to add or edit a person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct PersonDraft {
    /// See [`Person::name`].
    pub name: String,
    /// See [`Person::relation`].
    pub relation: Option<Relation>,
    /// See [`Person::org`].
    pub org: Option<String>,
    /// See [`Person::notes`].
    pub notes: Option<String>,
    /// See [`Person::seniority`].
    pub seniority: Option<Seniority>,
}

/// A dated quote from a person about the user's work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Feedback {
    /// Stable id.
    pub id: FeedbackId,
    /// Who said it.
    pub person_id: PersonId,
    /// Their name, for display.
    pub person_name: String,
    /// When it was said.
    pub date: NaiveDate,
    /// What they said.
    pub quote: String,
    /// The expectation it speaks to, when known.
    pub expectation: Option<String>,
    /// When it was recorded (UTC).
    pub created_at: DateTime<Utc>,
}

/// A person the user asked for feedback, and the day they asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct FeedbackAsk {
    /// Who was asked.
    pub person_id: PersonId,
    /// Their name, for display (and to match them on import).
    pub person_name: String,
    /// The day they were asked.
    pub asked_on: NaiveDate,
}

/// What a user writes to add or edit feedback.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct FeedbackDraft {
    /// The person's name; they are added if new.
    pub person: String,
    /// When it was said; today when absent.
    pub date: Option<NaiveDate>,
    /// What they said.
    pub quote: String,
    /// See [`Feedback::expectation`].
    pub expectation: Option<String>,
}

/// A key of the settings table: every small setting Caliber keeps, named once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Setting {
    /// The promotion cycle in force, as JSON.
    Cycle,
    /// The user's own org: feedback from outside it counts more.
    Org,
    /// The app's quick-capture shortcut.
    Shortcut,
    /// The app's colour theme.
    Theme,
    /// Set once the app's welcome was seen.
    Onboarded,
    /// When the weekly reminder fires, as JSON.
    Reminder,
    /// When the reminder last fired.
    ReminderLast,
}

impl Setting {
    /// The app's quick-capture shortcut when the user has not chosen one.
    pub const DEFAULT_SHORTCUT: &'static str = "CmdOrCtrl+Shift+L";

    /// Every key, in order.
    pub const ALL: &'static [Setting] = &[
        Setting::Cycle,
        Setting::Org,
        Setting::Shortcut,
        Setting::Theme,
        Setting::Onboarded,
        Setting::Reminder,
        Setting::ReminderLast,
    ];

    /// The key as the settings table holds it.
    pub fn as_str(self) -> &'static str {
        match self {
            Setting::Cycle => "cycle",
            Setting::Org => "org",
            Setting::Shortcut => "shortcut",
            Setting::Theme => "theme",
            Setting::Onboarded => "onboarded",
            Setting::Reminder => "reminder",
            Setting::ReminderLast => "reminder_last",
        }
    }

    /// True for the app's own preferences, which its window may set as plain
    /// text; the cycle and the reminder are set through their checked commands.
    pub fn ui_may_set(self) -> bool {
        matches!(
            self,
            Setting::Org | Setting::Shortcut | Setting::Theme | Setting::Onboarded
        )
    }
}

impl fmt::Display for Setting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Setting {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Setting::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Setting::ALL.iter().map(|k| k.as_str()).collect();
                Error::invalid(format!(
                    "'{s}' is not a setting Caliber keeps (use one of: {})",
                    names.join(", ")
                ))
            })
    }
}

/// The levels a cycle is judged at: where the user is and where they are going.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CycleLevels {
    /// The level the user is at, e.g. "L6".
    pub current_level: String,
    /// The level they are going for.
    pub target_level: String,
}

/// The promotion cycle the evidence is judged in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Cycle {
    /// The ladder in use, e.g. `senior-manager`.
    pub ladder: String,
    /// The level the user holds now.
    pub current_level: String,
    /// The level the user is going for.
    pub target_level: String,
    /// First day of the review window.
    pub start: NaiveDate,
    /// Last day of the review window.
    pub end: NaiveDate,
    /// The calibration or submission date, when known.
    pub target_date: Option<NaiveDate>,
    /// True when the user has not set a cycle and this one is the default.
    #[serde(default)]
    pub is_default: bool,
}

impl Cycle {
    /// True when `date` falls inside the review window.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }
}

/// Filters for listing wins. Empty means "everything".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct WinFilter {
    /// Only wins on or after this day.
    pub since: Option<NaiveDate>,
    /// Only wins on or before this day.
    pub until: Option<NaiveDate>,
    /// Only wins tagged with this expectation.
    pub expectation: Option<String>,
    /// Only wins of this scope.
    pub scope: Option<Scope>,
    /// Only wins naming this person.
    pub person: Option<PersonId>,
    /// Some(true): only wins with a confirmed expectation; Some(false): only wins
    /// whose expectations are all unconfirmed suggestions.
    pub confirmed: Option<bool>,
    /// Only wins with this tag.
    pub tag: Option<String>,
    /// At most this many, newest first.
    pub limit: Option<usize>,
    /// Skip this many of the newest first: with `limit`, one page of a long list
    /// (the app's timeline loads the ledger page by page as it scrolls).
    pub offset: Option<usize>,
}

/// A win as the CLI's `--json` prints it: expectation ids as a plain array (with the
/// unconfirmed ones repeated under `suggested`), people as names, vouchers apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct WinView {
    /// See [`Win::id`].
    pub id: WinId,
    /// See [`Win::date`].
    pub date: NaiveDate,
    /// See [`Win::title`].
    pub title: String,
    /// Every expectation id, confirmed or suggested.
    pub expectations: Vec<String>,
    /// The expectation ids that are only suggested.
    pub suggested: Vec<String>,
    /// See [`Win::principles`].
    pub principles: Vec<String>,
    /// See [`Win::metric`].
    pub metric: Option<String>,
    /// See [`Win::scope`].
    pub scope: Scope,
    /// Names of the people on the win.
    pub people: Vec<String>,
    /// Names of the people who can vouch for it.
    pub vouchers: Vec<String>,
    /// See [`Win::tags`].
    pub tags: Vec<String>,
    /// See [`Win::links`].
    pub links: Vec<String>,
    /// See [`Win::situation`].
    pub situation: Option<String>,
    /// See [`Win::action`].
    pub action: Option<String>,
    /// See [`Win::result`].
    pub result: Option<String>,
    /// See [`Win::notes`].
    pub notes: Option<String>,
    /// See [`Win::source`].
    pub source: Source,
    /// See [`Win::logged_at`].
    pub logged_at: DateTime<Utc>,
    /// The level the win shows for its first expectation (the first of `levels`):
    /// below, at or above the target level. None without a tag of the cycle's ladder.
    #[serde(default)]
    pub level: Option<Level>,
    /// Why, in a panel's words.
    #[serde(default)]
    pub level_reason: Option<String>,
    /// The level for each of its expectations of the cycle's ladder, in tag order.
    #[serde(default)]
    pub levels: Vec<TagLevel>,
}

/// The level a win shows for one of its expectations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct TagLevel {
    /// The expectation id.
    pub expectation: String,
    /// Below, at or above the target level.
    pub level: Level,
    /// Why, in a panel's words.
    pub reason: String,
    /// True when the user set it, or it was learned from a level the user set;
    /// [`TagLevel::source`] tells the two apart.
    pub overridden: bool,
    /// Where the level came from: set by the user on this win, learned from a level
    /// they set on a similar win, or read by the ladder's rules.
    #[serde(default)]
    pub source: LevelSource,
}

/// Where a win's level for an expectation came from. Only `set` is the user's
/// choice on this win: a learned level, like the rules', is the judge's reading and
/// changes when what it was read from changes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
pub enum LevelSource {
    /// The user set it on this win.
    Set,
    /// Learned from the level the user set on a similar win.
    Learned,
    /// Read by the ladder's rules.
    #[default]
    Rules,
}

impl From<&Win> for WinView {
    fn from(w: &Win) -> Self {
        WinView {
            id: w.id,
            date: w.date,
            title: w.title.clone(),
            expectations: w.expectations.iter().map(|t| t.id.clone()).collect(),
            suggested: w
                .expectations
                .iter()
                .filter(|t| !t.confirmed)
                .map(|t| t.id.clone())
                .collect(),
            principles: w.principles.clone(),
            metric: w.metric.clone(),
            scope: w.scope,
            people: w.people.iter().map(|p| p.name.clone()).collect(),
            vouchers: w
                .people
                .iter()
                .filter(|p| p.vouches)
                .map(|p| p.name.clone())
                .collect(),
            tags: w.tags.clone(),
            links: w.links.clone(),
            situation: w.situation.clone(),
            action: w.action.clone(),
            result: w.result.clone(),
            notes: w.notes.clone(),
            source: w.source,
            logged_at: w.logged_at,
            level: None,
            level_reason: None,
            levels: Vec::new(),
        }
    }
}

// What the store answers after a change: shapes the reports, the CLI and the app
// show, so they live with the rest of the data, not beside the SQL that fills them.

/// What an edit of one or several wins did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Edited {
    /// Every win named, as it is now, in the order given.
    pub wins: Vec<Win>,
    /// The ids of those that changed; empty when the edit changed nothing (and so
    /// recorded nothing to undo).
    pub changed: Vec<WinId>,
}

impl Edited {
    fn unchanged(&self) -> Vec<String> {
        self.wins
            .iter()
            .filter(|w| !self.changed.contains(&w.id))
            .map(|w| w.id.to_string())
            .collect()
    }

    fn ids(ids: &[WinId]) -> String {
        ids.iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// What an edit did, in a sentence: which wins changed, which were already
    /// like that, and whether there is a step to undo.
    pub fn edit_sentence(&self) -> String {
        let same = self.unchanged();
        match (self.wins.as_slice(), self.changed.len()) {
            ([w], 0) => format!(
                "Nothing changed: win {} '{}' already is like that, so there is nothing to undo.",
                w.id, w.title
            ),
            ([w], _) => format!("Updated win {}: {} (`caliber undo` reverts)", w.id, w.title),
            (_, 0) => format!(
                "Nothing changed: wins {} already are like that, so there is nothing to undo.",
                same.join(", ")
            ),
            _ => {
                let mut s = format!("Updated wins {}", Edited::ids(&self.changed));
                if !same.is_empty() {
                    s.push_str(&format!(" ({} already like that)", same.join(", ")));
                }
                s.push_str("; one `caliber undo` reverts them all");
                s
            }
        }
    }

    /// What a bulk confirmation did, in a sentence.
    pub fn confirm_sentence(&self) -> String {
        match self.changed.as_slice() {
            [] => "Nothing left to confirm: no suggestion is waiting, so there is nothing to undo."
                .to_string(),
            [one] => {
                format!("Confirmed the suggestions of win {one}; `caliber undo` takes it back")
            }
            many => format!(
                "Confirmed the suggestions of {} wins ({}); one `caliber undo` takes them all back",
                many.len(),
                Edited::ids(many)
            ),
        }
    }
}

/// The live wins and feedback one person is linked to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct PersonLinks {
    /// Wins naming them.
    pub wins: usize,
    /// Feedback they gave.
    pub feedback: usize,
}

impl PersonLinks {
    /// True when nothing names them.
    pub fn is_empty(&self) -> bool {
        self.wins == 0 && self.feedback == 0
    }

    /// "3 wins and 1 piece of feedback".
    pub fn describe(&self) -> String {
        let wins = match self.wins {
            1 => "1 win".to_string(),
            n => format!("{n} wins"),
        };
        let feedback = match self.feedback {
            1 => "1 piece of feedback".to_string(),
            n => format!("{n} pieces of feedback"),
        };
        format!("{wins} and {feedback}")
    }
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct RestoreSummary {
    /// Wins in the ledger after the restore.
    pub wins: usize,
    /// Where the data as it was before the restore was saved.
    pub previous: String,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ImportSummary {
    /// Wins added.
    pub wins: usize,
    /// People added.
    pub people: usize,
    /// Feedback added.
    pub feedback: usize,
    /// Entries skipped because the same one was already there.
    pub duplicates: usize,
    /// True when the records' own ids were kept (restore into an empty database).
    pub kept_ids: bool,
}

impl ImportSummary {
    /// Whether the import added anything: only then is it a step to undo.
    pub fn added_anything(&self) -> bool {
        self.wins + self.people + self.feedback > 0
    }
}

/// The verdict on a whole promotion case, by the ladder's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
pub enum ReadinessLabel {
    /// The evidence makes the case.
    Ready,
    /// Little stands between the case and the target level.
    Close,
    /// Not ready: gaps, work below the level or missing must-haves hold it back.
    NotYet,
}

kebab_enum!(ReadinessLabel, "readiness label", [
    Ready => "ready",
    Close => "close",
    NotYet => "not-yet",
]);

impl From<&str> for ReadinessLabel {
    /// The label from its word, as the verdict names it (`ready`, `close`,
    /// `not-yet`). Any other word is the cautious verdict, not yet: a case is never
    /// called ready by accident.
    fn from(word: &str) -> ReadinessLabel {
        word.parse().unwrap_or(ReadinessLabel::NotYet)
    }
}

impl PartialEq<&str> for ReadinessLabel {
    /// Compares with a label's word, as files and `--json` write it.
    fn eq(&self, word: &&str) -> bool {
        self.as_str() == *word
    }
}

/// The facts of a win the gap review reads, and nothing else: no STAR texts apart
/// from its words, no names. Loaded by [`crate::Store::win_facts`]; the review reads
/// it through [`crate::review::Reviewable`].
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
    pub tags: Vec<(std::sync::Arc<str>, bool)>,
    /// The live people named on it, in order, as (person, vouches).
    pub people: Vec<(PersonId, bool)>,
    /// Its words: title, result and metric, space-separated.
    pub text: String,
}

/// A win as the review reads it: its date, reach, proof, tags, people and words.
/// [`Win`] has all of it; [`WinFacts`] is the lighter record [`crate::review::review_store`]
/// loads.
pub trait Reviewable {
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
    fn text(&self) -> std::borrow::Cow<'_, str>;
    /// True when someone named on it vouches for it.
    fn is_vouched(&self) -> bool {
        self.named().any(|(_, vouches)| vouches)
    }
}
