//! A year of believable evidence, so a new user can see the ledger, the outline and
//! the gap review working before logging a single win of their own.
//!
//! The story: "you" are an L6 Software Development Manager running three teams of a
//! Payments org (two managers of your own plus one you grew from an engineer) and
//! going for L7. The evidence is deliberately uneven, because an even demo would make
//! a dull gap review: team delivery and cross-org impact are strong, hiring managers
//! and strategy are middling, delegation rests on two old wins, and the peer work
//! has few people who would vouch for it. Every date is counted back from `today`,
//! so the demo always looks current, and nothing is random, so the same `today`
//! always gives the same records.

use std::sync::OnceLock;

use chrono::{DateTime, Duration, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{
    Cycle, ExpectationTag, Feedback, Person, Relation, Scope, Source, Win, WinPerson,
};
use crate::store::{Records, Store};

/// What the demo wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct DemoSummary {
    /// Wins added.
    pub wins: usize,
    /// People added.
    pub people: usize,
    /// Feedback added.
    pub feedback: usize,
}

/// Fills an empty database with the demo and its cycle (senior-manager ladder, the
/// twelve months ending `today`, calibration six weeks out). A database that already
/// holds wins is refused untouched: mixing invented evidence into a real case would
/// be worse than no demo.
pub fn load_demo(store: &mut Store, today: NaiveDate) -> Result<DemoSummary> {
    let existing = store.count_wins()?;
    if existing > 0 {
        let wins = if existing == 1 { "win" } else { "wins" };
        return Err(Error::invalid(format!(
            "this database already has {existing} {wins}; the demo fills an empty one: run `caliber demo --db demo.db` to try it on a separate file"
        )));
    }
    let records = demo_records(today);
    // The records go in first, as one transaction; only then is the cycle replaced,
    // so a failed insert leaves the user's cycle as it was.
    let summary = store.insert_records(&records, Some(Source::Demo))?;
    store.set_cycle(&demo_cycle(today))?;
    Ok(DemoSummary {
        wins: summary.wins,
        people: summary.people,
        feedback: summary.feedback,
    })
}

/// The demo as [`Records`]: people, wins and feedback dated relative to `today`,
/// with ids 1..n in chronological order (kept when loaded into an empty database).
pub fn demo_records(today: NaiveDate) -> Records {
    let people: Vec<Person> = data()
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| Person {
            id: i as i64 + 1,
            name: p.name.to_string(),
            relation: Some(p.relation),
            org: Some(p.org.to_string()),
            notes: text(&p.notes),
            created_at: at(today - Duration::days(oldest_days_ago() + 2), 9, i as u32),
            seniority: None,
        })
        .collect();

    // Oldest first, so ids follow the calendar even if the table is edited out of order.
    let mut specs: Vec<&DemoWin> = data().wins.iter().collect();
    specs.sort_by_key(|w| std::cmp::Reverse(w.days_ago));
    let wins = specs
        .into_iter()
        .enumerate()
        .map(|(i, w)| {
            let n = i as u32;
            let date = today - Duration::days(w.days_ago);
            // Logged the same afternoon or evening, at a time that varies like a person's would.
            let logged_at = at(date, 15 + (n * 5) % 7, (n * 17 + 3) % 60);
            Win {
                id: i as i64 + 1,
                date,
                logged_at,
                updated_at: logged_at,
                title: w.title.to_string(),
                situation: text(&w.situation),
                action: text(&w.action),
                result: text(&w.result),
                notes: text(&w.notes),
                metric: text(&w.metric),
                scope: w.scope,
                people: w
                    .people
                    .iter()
                    .map(|p| WinPerson {
                        person_id: person_id(&p.name),
                        name: p.name.to_string(),
                        vouches: p.vouches,
                    })
                    .collect(),
                links: text(&w.link).into_iter().collect(),
                tags: w.tags.iter().map(|t| t.to_string()).collect(),
                expectations: w
                    .expectations
                    .iter()
                    .map(|e| ExpectationTag {
                        id: e.id.to_string(),
                        confirmed: e.confirmed,
                    })
                    .collect(),
                principles: w.principles.iter().map(|p| p.to_string()).collect(),
                source: Source::Demo,
            }
        })
        .collect();

    let mut quotes: Vec<&DemoFeedback> = data().feedback.iter().collect();
    quotes.sort_by_key(|f| std::cmp::Reverse(f.days_ago));
    let feedback = quotes
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let date = today - Duration::days(f.days_ago);
            Feedback {
                id: i as i64 + 1,
                person_id: person_id(&f.person),
                person_name: f.person.to_string(),
                date,
                quote: f.quote.to_string(),
                expectation: text(&f.expectation),
                created_at: at(date, 19, (i as u32 * 11) % 60),
            }
        })
        .collect();

    Records {
        cycle: Some(demo_cycle(today)),
        ladders: Vec::new(),
        people,
        wins,
        feedback,
        asks: Vec::new(),
        answers: Vec::new(),
        win_origins: Vec::new(),
    }
}

/// The cycle the demo is judged in: the twelve months ending `today`, calibration
/// six weeks ahead, close enough to make the gaps urgent but still fixable.
fn demo_cycle(today: NaiveDate) -> Cycle {
    let start = today
        .checked_sub_months(Months::new(12))
        .map(|d| d + Duration::days(1))
        .unwrap_or(today - Duration::days(364));
    Cycle {
        ladder: "senior-manager".into(),
        current_level: "L6".into(),
        target_level: "L7 Senior Manager".into(),
        start,
        end: today,
        target_date: Some(today + Duration::days(42)),
        is_default: false,
    }
}

fn at(date: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    date.and_hms_opt(hour % 24, minute % 60, 0)
        .unwrap_or_default()
        .and_utc()
}

/// Empty strings in the demo's data stand for "not written".
fn text(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// People keep the ids 1..n of their place in the demo's list of people.
fn person_id(name: &str) -> i64 {
    data()
        .people
        .iter()
        .position(|p| p.name == name)
        .map_or(0, |i| i as i64 + 1)
}

/// The demo's data: people, wins and feedback, each date as days before `today`.
/// It is compiled in, so a damaged file is a build bug, caught by the tests below.
const SOURCE: &str = include_str!("../assets/demo.json");

/// The demo's data, parsed once per process.
fn data() -> &'static DemoData {
    static DATA: OnceLock<DemoData> = OnceLock::new();
    DATA.get_or_init(|| {
        serde_json::from_str(SOURCE)
            .unwrap_or_else(|e| panic!("the built-in demo (assets/demo.json) is invalid: {e}"))
    })
}

/// The oldest win, in days before `today`; the window reaches back about 364.
fn oldest_days_ago() -> i64 {
    data().wins.iter().map(|w| w.days_ago).max().unwrap_or(0)
}

/// The shape of assets/demo.json. In every record an absent or empty string stands
/// for "not written".
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoData {
    /// In the order of their ids.
    people: Vec<DemoPerson>,
    /// In any order: ids follow the calendar.
    wins: Vec<DemoWin>,
    /// In any order, as the wins.
    feedback: Vec<DemoFeedback>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoPerson {
    name: String,
    relation: Relation,
    org: String,
    #[serde(default)]
    notes: String,
}

/// One win of the demo.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoWin {
    days_ago: i64,
    title: String,
    #[serde(default)]
    situation: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    result: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    metric: String,
    scope: Scope,
    #[serde(default)]
    people: Vec<DemoWinPerson>,
    #[serde(default)]
    link: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    expectations: Vec<DemoExpectation>,
    #[serde(default)]
    principles: Vec<String>,
}

/// Someone on a win, by name; `vouches` when they would speak for it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoWinPerson {
    name: String,
    vouches: bool,
}

/// An expectation a win is tagged with: `confirmed` when the user chose it, not
/// when Caliber only suggested it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoExpectation {
    id: String,
    confirmed: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoFeedback {
    days_ago: i64,
    person: String,
    quote: String,
    /// Empty when the quote speaks to no single expectation.
    #[serde(default)]
    expectation: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The compiled-in file parses, and every name in it is one of its people (an
    /// unknown name would get no person id).
    #[test]
    fn the_demo_asset_parses_and_names_only_its_own_people() {
        let data: DemoData = serde_json::from_str(SOURCE).expect("assets/demo.json parses");
        assert!(data.people.len() >= 10 && data.wins.len() >= 50 && data.feedback.len() >= 10);
        let known = |name: &str| data.people.iter().any(|p| p.name == name);
        for w in &data.wins {
            for p in &w.people {
                assert!(known(&p.name), "{} on '{}'", p.name, w.title);
            }
        }
        for f in &data.feedback {
            assert!(known(&f.person), "feedback from {}", f.person);
        }
    }

    #[test]
    fn a_damaged_demo_file_is_refused_by_the_parser() {
        // The same check `data()` relies on: a misspelt field or a missing one fails.
        let misspelt = SOURCE.replacen("\"days_ago\"", "\"days\"", 1);
        assert!(serde_json::from_str::<DemoData>(&misspelt).is_err());
        let cut = &SOURCE[..SOURCE.len() / 2];
        assert!(serde_json::from_str::<DemoData>(cut).is_err());
    }
}
