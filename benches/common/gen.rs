//! A deterministic generator of realistic Caliber data for the benchmarks.
//!
//! The same `(size, seed, today)` always gives the same records, byte for byte, so
//! two runs (and the jrnl journal and SQL file written from them) describe the same
//! entries. Randomness comes from a hand-written SplitMix64: no dependency, and no
//! change of stream when a crate upgrades its algorithm.
//!
//! The shape follows the demo (`src/demo.rs`): a manager running a few teams, wins
//! spread over ten years ending `today`, people who come and go with the years,
//! feedback from some of them, and proportions taken from the demo's own year:
//! about half the wins carry a metric, most name one or two people, most are tagged
//! with one expectation (three in four confirmed), a third show a principle.

// Each bench target uses a different part of this module.
#![allow(dead_code)]

use std::collections::HashSet;
use std::fmt::Write as _;

use caliber::store::Records;
use caliber::{Cycle, ExpectationTag, Feedback, Person, Relation, Scope, Source, Win, WinPerson};
use chrono::{DateTime, Duration, Months, NaiveDate, Utc};

/// The seed every benchmark uses unless told otherwise.
pub const SEED: u64 = 0x00ca_11be_2026;

/// The sizes the benchmarks run at.
pub const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// How many years the wins span, whatever their number.
pub const YEARS: i64 = 10;

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and good enough for test data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) % n as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent as usize
    }

    /// One item of a slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index chosen by weights.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut x = self.below(total as usize) as u32;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
}

/// The day the generated data ends: fixed, so every run on any day builds the same
/// data. The records carry their own cycle (the twelve months ending this day).
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 30).expect("valid date")
}

const FIRST: &[&str] = &[
    "Priya", "Marcus", "Elena", "Jun", "Aisha", "Tomás", "Hannah", "Ravi", "Grace", "Omar",
    "Nadia", "Kenji", "Sofia", "David", "Lena", "Mateo", "Chloe", "Kwame", "Yuki", "Fatima",
    "Lucas", "Ingrid", "Arjun", "Zara", "Noah", "Mei", "Ibrahim", "Olivia", "Diego", "Anya",
    "Samuel", "Leila", "Tariq", "Emma", "Hiro", "Beatriz", "Felix", "Amara", "Jonas", "Rosa",
];
const LAST: &[&str] = &[
    "Raman",
    "Okafor",
    "Vasquez",
    "Park",
    "Bello",
    "Rivera",
    "Lindqvist",
    "Menon",
    "Whitfield",
    "Haddad",
    "Petrova",
    "Watanabe",
    "Marchetti",
    "Brennan",
    "Novak",
    "Silva",
    "Dubois",
    "Mensah",
    "Tanaka",
    "Rahman",
    "Costa",
    "Berg",
    "Iyer",
    "Khan",
    "Fischer",
    "Chen",
    "Yusuf",
    "Moreau",
    "Alvarez",
    "Ivanova",
    "Adeyemi",
    "Nakamura",
    "Schmidt",
    "Larsen",
    "Ortiz",
    "Kaur",
];
const ORGS: &[&str] = &[
    "Payments Platform",
    "Subscriptions Billing",
    "Order Management",
    "Payment Risk",
    "Finance / Controllership",
    "Fraud Prevention",
    "Commerce Platform",
    "Seller Services",
    "Identity",
    "Data Platform",
];
const SYSTEMS: &[&str] = &[
    "checkout",
    "ledger",
    "payouts",
    "card gateway",
    "refund API",
    "tokenization service",
    "reconciliation job",
    "fraud scoring",
    "seller onboarding",
    "billing pipeline",
    "chargeback flow",
    "settlement batch",
    "payment health page",
    "idempotency layer",
    "on-call rotation",
];
const TEAMS: &[&str] = &[
    "Checkout",
    "Ledger",
    "Payouts",
    "Gateway",
    "Risk",
    "Billing",
    "Settlement",
    "Onboarding",
];
const TAGS: &[&str] = &[
    "hiring",
    "launch",
    "incident",
    "cost",
    "coaching",
    "planning",
    "reliability",
    "migration",
    "promotion",
    "security",
    "latency",
    "roadmap",
    "oncall",
    "cross-team",
    "customer",
];

/// Title templates per expectation of the senior-manager ladder, in the demo's voice.
/// `{sys}`, `{team}`, `{n}`, `{who}` and `{org}` are filled in.
const TITLES: &[(&str, &[&str])] = &[
    (
        "team-delivery",
        &[
            "Shipped the {sys} rewrite for {team} {n} weeks early",
            "Cut {sys} p99 latency by {n}0ms across {team}",
            "Launched {sys} v{n} to all marketplaces with zero Sev1",
            "Cut Sev2 tickets {n}0% in a quarter on {team}",
            "Finished the {sys} migration with no reconciliation breaks",
            "Got {team} load-tested to {n}x last year's peak",
        ],
    ),
    (
        "hire-develop-managers",
        &[
            "Hired {who} as SDM for the {team} team",
            "Coached {who} through a first promotion document",
            "Promoted {who} to senior engineer on {team}",
            "Started {who} on a trial manager track with {n} reports",
            "Ran {n} interview loops for the {team} manager role",
            "Coached {who} through a first low-performer case",
        ],
    ),
    (
        "delegation",
        &[
            "Handed the weekly {sys} ops review to {who}; runs it without me",
            "Handed quarterly planning for {team} to {who}",
            "{who} now owns the {sys} escalations end to end",
            "Stepped back from {team} standups; {who} runs them",
        ],
    ),
    (
        "strategy",
        &[
            "Wrote the {n}-year vision for {sys}; used in the annual plan",
            "Wrote the PR/FAQ for {sys}; funded as a top-{n} bet",
            "Set the {team} roadmap around the {sys} retirement",
            "Published the design tenets for {sys}; {n} teams adopted them",
        ],
    ),
    (
        "cross-org-impact",
        &[
            "Got {n} teams in {org} to adopt the {sys} checklist",
            "Ran a {org} game day on {sys}; failover now takes {n} minutes",
            "Saved ${n}00K a year by moving {sys} to spot capacity",
            "Built one {sys} dashboard for {org}; {n} orgs copied it",
            "Published the {sys} guidelines; the standard for {n}0 teams",
        ],
    ),
    (
        "peer-collaboration",
        &[
            "Agreed a shared {sys} budget with {who} from {org}",
            "Lent {who} {n} engineers to unblock the {sys} change",
            "Settled the {org} dispute over {sys} with data",
            "Agreed one roadmap with {org} instead of two {sys} projects",
        ],
    ),
];

const SITUATIONS: &[&str] = &[
    "The {sys} had missed two launch dates and {org} was escalating weekly.",
    "{team} lost its manager six weeks before the {sys} was due.",
    "Peak traffic was expected to triple and the {sys} had never been load-tested.",
    "Three teams owned parts of the {sys} and nobody owned the whole.",
    "The {sys} was paging on-call {n} times a week.",
];
const ACTIONS: &[&str] = &[
    "Split the work into {n} milestones, put {who} in charge of the critical path and reviewed risks twice a week.",
    "Wrote a one-page plan, got {org} to agree on owners, and ran a weekly review until launch.",
    "Paired {who} with a senior engineer from {org} and cut scope to what mattered for customers.",
    "Set up a shared dashboard and a runbook, then ran a game day with {org}.",
];
const RESULTS: &[&str] = &[
    "Shipped on date; no Sev1 since.",
    "Costs down {n}0% and the team kept its roadmap.",
    "{org} adopted the approach for {n} more teams.",
    "On-call pages dropped from {n}0 to 3 a month.",
];
const NOTES: &[&str] = &[
    "Follow up with {who} next quarter on the {sys} metrics.",
    "Doc in the {team} wiki; {who} has the details.",
    "Raise this in the next skip-level with {who}.",
];
const QUOTES: &[&str] = &[
    "Your plan for the {sys} was the clearest thing in the review.",
    "{team} runs smoothly now; the escalations stopped.",
    "You made it easy for {org} to say yes.",
    "The way you coached the new managers shows in their teams.",
    "You gave us engineers when we needed them, without being asked twice.",
];

fn fill(rng: &mut Rng, template: &str, people: &[Person]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = start + rest[start..].find('}').expect("closed placeholder");
        match &rest[start + 1..end] {
            "sys" => out.push_str(rng.pick::<&str>(SYSTEMS)),
            "team" => out.push_str(rng.pick::<&str>(TEAMS)),
            "org" => out.push_str(rng.pick::<&str>(ORGS)),
            "n" => {
                let _ = write!(out, "{}", 2 + rng.below(11));
            }
            "who" => out.push_str(&rng.pick(people).name),
            other => panic!("unknown placeholder {other}"),
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

fn fill_one(rng: &mut Rng, templates: &[&str], people: &[Person]) -> String {
    let t = *rng.pick(templates);
    fill(rng, t, people)
}

fn at(date: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    date.and_hms_opt(hour % 24, minute % 60, 0)
        .expect("valid time")
        .and_utc()
}

/// `size` wins (and the people and feedback that go with them) spread over
/// [`YEARS`] years ending `today`, ids 1..n in date order, with the default-style
/// cycle (senior-manager, the last twelve months) set.
pub fn records(size: usize, seed: u64, today: NaiveDate) -> Records {
    let mut rng = Rng::new(seed ^ (size as u64).rotate_left(32));
    let ladder = caliber::ladder::builtin_ladder(caliber::ladder::DEFAULT_LADDER)
        .expect("the default ladder is built in");
    let principles: Vec<&str> = caliber::ladder::principles()
        .principles
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    let first_day = today - Duration::days(365 * YEARS);

    // People: a roster that grows with the ledger (a manager meets more people over
    // more years), with unique names.
    let n_people = (size / 40).clamp(24, 600);
    let relations = [
        Relation::Report,
        Relation::SkipLevelReport,
        Relation::Peer,
        Relation::Partner,
        Relation::Manager,
        Relation::SkipLevelManager,
    ];
    let mut names = HashSet::new();
    let mut people = Vec::with_capacity(n_people);
    while people.len() < n_people {
        let name = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
        if !names.insert(name.clone()) {
            continue;
        }
        let relation = relations[rng.weighted(&[35, 25, 15, 18, 4, 3])];
        let org = if matches!(relation, Relation::Report | Relation::SkipLevelReport) {
            ORGS[0]
        } else {
            rng.pick(ORGS)
        };
        people.push(Person {
            id: people.len() as i64 + 1,
            name,
            relation: Some(relation),
            org: Some(org.to_string()),
            notes: rng
                .chance(30)
                .then(|| format!("Works on {}.", rng.pick(SYSTEMS))),
            created_at: at(first_day - Duration::days(2), 9, people.len() as u32),
            seniority: None,
        });
    }

    // Days of the wins, oldest first, spread evenly with jitter so ids follow dates.
    let span = (today - first_day).num_days().max(1) as usize;
    let mut days: Vec<NaiveDate> = (0..size)
        .map(|i| {
            let base = i * span / size.max(1);
            let jitter = rng.below(3);
            first_day + Duration::days(((base + jitter).min(span)) as i64)
        })
        .collect();
    days.sort_unstable();

    let mut seen: HashSet<(NaiveDate, String)> = HashSet::with_capacity(size);
    let mut wins = Vec::with_capacity(size);
    for (i, date) in days.into_iter().enumerate() {
        // Which expectation the win is about: uneven, like a real year.
        let e = rng.weighted(&[30, 15, 10, 12, 20, 13]);
        let (exp_id, templates) = TITLES[e];
        debug_assert!(ladder.expectation(exp_id).is_some());
        let mut title = fill_one(&mut rng, templates, &people);
        // Titles are unique per day (imports skip a same-day same-title win).
        let mut tries = 0;
        while !seen.insert((date, title.clone())) {
            tries += 1;
            let t = *rng.pick(templates);
            title = fill(&mut rng, t, &people);
            if tries > 20 {
                title = format!("{title} ({})", rng.pick(TEAMS));
            }
        }
        let scope = [Scope::Team, Scope::Org, Scope::Company, Scope::Industry]
            [rng.weighted(&[55, 30, 12, 3])];
        let star = rng.chance(40);
        let situation = star.then(|| fill_one(&mut rng, SITUATIONS, &people));
        let action = star.then(|| fill_one(&mut rng, ACTIONS, &people));
        let result = star.then(|| fill_one(&mut rng, RESULTS, &people));
        let notes = rng.chance(20).then(|| fill_one(&mut rng, NOTES, &people));
        let metric = rng.chance(50).then(|| match rng.below(4) {
            0 => format!("{}%", 3 + rng.below(60)),
            1 => format!("${}.{}M", 1 + rng.below(9), rng.below(10)),
            2 => format!("{} teams", 2 + rng.below(12)),
            _ => format!("{}ms", 20 + rng.below(300)),
        });
        let mut win_people: Vec<WinPerson> = Vec::new();
        for _ in 0..[0, 1, 2, 3][rng.weighted(&[30, 40, 20, 10])] {
            let p = rng.pick(&people);
            if win_people.iter().any(|w| w.person_id == p.id) {
                continue;
            }
            win_people.push(WinPerson {
                person_id: p.id,
                name: p.name.clone(),
                vouches: rng.chance(60),
            });
        }
        let mut tags: Vec<String> = Vec::new();
        for _ in 0..[0, 1, 2, 3][rng.weighted(&[35, 40, 18, 7])] {
            let t = rng.pick(TAGS).to_string();
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        let mut expectations = Vec::new();
        match rng.weighted(&[15, 70, 15]) {
            0 => {}
            k => {
                expectations.push(ExpectationTag {
                    id: exp_id.to_string(),
                    confirmed: rng.chance(75),
                });
                if k == 2 {
                    let other = TITLES[rng.below(TITLES.len())].0;
                    if other != exp_id {
                        expectations.push(ExpectationTag {
                            id: other.to_string(),
                            confirmed: rng.chance(75),
                        });
                    }
                }
            }
        }
        let mut win_principles: Vec<String> = Vec::new();
        if rng.chance(35) {
            for _ in 0..1 + rng.below(2) {
                let p = rng.pick(&principles).to_string();
                if !win_principles.contains(&p) {
                    win_principles.push(p);
                }
            }
        }
        let links = if rng.chance(25) {
            vec![format!(
                "https://wiki.example.com/{}/{}",
                rng.pick(TEAMS),
                i + 1
            )]
        } else {
            Vec::new()
        };
        let logged_at = at(date, 15 + (i as u32 * 5) % 7, (i as u32 * 17 + 3) % 60);
        wins.push(Win {
            id: i as i64 + 1,
            date,
            logged_at,
            updated_at: logged_at,
            title,
            situation,
            action,
            result,
            notes,
            metric,
            scope,
            people: win_people,
            links,
            tags,
            expectations,
            principles: win_principles,
            source: Source::Cli,
        });
    }

    // Feedback: about one quote per ten wins, from people other than one's reports
    // more often than not.
    let n_feedback = (size / 10).max(10);
    let mut feedback = Vec::with_capacity(n_feedback);
    for i in 0..n_feedback {
        let p = rng.pick(&people);
        let date = first_day + Duration::days(((i * span) / n_feedback) as i64);
        feedback.push(Feedback {
            id: i as i64 + 1,
            person_id: p.id,
            person_name: p.name.clone(),
            date,
            quote: fill_one(&mut rng, QUOTES, &people),
            expectation: rng
                .chance(60)
                .then(|| TITLES[rng.below(TITLES.len())].0.to_string()),
            created_at: at(date, 19, (i as u32 * 11) % 60),
        });
    }

    let start = today
        .checked_sub_months(Months::new(12))
        .map(|d| d + Duration::days(1))
        .unwrap_or(today - Duration::days(364));
    Records {
        cycle: Some(Cycle {
            ladder: ladder.id.clone(),
            current_level: ladder.current_level.clone(),
            target_level: ladder.target_level.clone(),
            start,
            end: today,
            target_date: Some(today + Duration::days(42)),
            is_default: false,
        }),
        ladders: Vec::new(),
        people,
        wins,
        feedback,
        asks: Vec::new(),
        answers: Vec::new(),
        win_origins: Vec::new(),
    }
}

/// The text of a win as jrnl would hold it: body lines after the title, and the
/// win's tags as `@tags` so jrnl's own tag index sees them.
fn jrnl_body(w: &Win) -> String {
    let mut body: Vec<String> = [&w.situation, &w.action, &w.result, &w.notes]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    if let Some(m) = &w.metric {
        body.push(format!("Impact: {m}"));
    }
    if !w.people.is_empty() {
        let names: Vec<&str> = w.people.iter().map(|p| p.name.as_str()).collect();
        body.push(format!("With {}", names.join(", ")));
    }
    if !w.tags.is_empty() {
        let tags: Vec<String> = w.tags.iter().map(|t| format!("@{t}")).collect();
        body.push(tags.join(" "));
    }
    body.join("\n")
}

/// jrnl titles end at the first sentence end; a title with no full stop gets one.
fn jrnl_title(title: &str) -> String {
    // A "? " or "! " or ". " inside the title would split it; none of ours has one.
    format!("{title}.")
}

/// The wins as jrnl's plain-text journal (its default storage) with the config
/// `timeformat: "%Y-%m-%d %H:%M"`: `[date time] Title.` then the body.
pub fn jrnl_text(records: &Records) -> String {
    let mut out = String::with_capacity(records.wins.len() * 200);
    for (i, w) in records.wins.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = write!(
            out,
            "[{}] {}\n{}\n",
            w.logged_at.format("%Y-%m-%d %H:%M"),
            jrnl_title(&w.title),
            jrnl_body(w)
        );
    }
    out
}

/// The wins as `jrnl --export json` writes them.
pub fn jrnl_json(records: &Records) -> String {
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    let entries: Vec<serde_json::Value> = records
        .wins
        .iter()
        .map(|w| {
            let tags: Vec<String> = w.tags.iter().map(|t| format!("@{t}")).collect();
            for t in &tags {
                *counts.entry(t.clone()).or_default() += 1;
            }
            serde_json::json!({
                "title": jrnl_title(&w.title),
                "body": jrnl_body(w),
                "date": w.logged_at.format("%Y-%m-%d").to_string(),
                "time": w.logged_at.format("%H:%M").to_string(),
                "tags": tags,
                "starred": false,
            })
        })
        .collect();
    let doc = serde_json::json!({ "tags": counts, "entries": entries });
    let mut text = serde_json::to_string_pretty(&doc).expect("JSON");
    text.push('\n');
    text
}

/// A config file for jrnl 4 that keeps its journal at `journal` and reads the
/// timestamps [`jrnl_text`] writes. Colors and the editor are off so nothing waits.
pub fn jrnl_config(journal: &str) -> String {
    format!(
        "colors:\n  body: none\n  date: none\n  tags: none\n  title: none\n\
         default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n\
         indent_character: '|'\njournals:\n  default:\n    journal: {journal}\n\
         linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%Y-%m-%d %H:%M'\n\
         version: '4.6'\n"
    )
}

fn sql_text(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn sql_opt(s: &Option<String>) -> String {
    s.as_deref().map_or_else(|| "NULL".to_string(), sql_text)
}

fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// The same rows Caliber's import writes (people, wins with every child table, the
/// full-text index, feedback), as SQL for the `sqlite3` shell: one transaction,
/// same pragmas, into a database that already has Caliber's schema. This is what
/// SQLite itself needs to store the import, with no parsing or checking.
pub fn sql(records: &Records) -> String {
    let mut out = String::with_capacity(records.wins.len() * 600);
    out.push_str("PRAGMA journal_mode=WAL;\nPRAGMA foreign_keys=ON;\nPRAGMA synchronous=NORMAL;\nBEGIN IMMEDIATE;\n");
    if let Some(c) = &records.cycle {
        let json = serde_json::to_string(c).expect("JSON");
        let _ = writeln!(
            out,
            "INSERT INTO settings (key, value) VALUES ('cycle', {});",
            sql_text(&json)
        );
    }
    for p in &records.people {
        let _ = writeln!(
            out,
            "INSERT INTO people (id, name, relation, org, notes, created_at) VALUES ({}, {}, {}, {}, {}, {});",
            p.id,
            sql_text(&p.name),
            p.relation
                .map_or_else(|| "NULL".to_string(), |r| sql_text(r.as_str())),
            sql_opt(&p.org),
            sql_opt(&p.notes),
            sql_text(&ts(p.created_at))
        );
    }
    for w in &records.wins {
        let _ = writeln!(
            out,
            "INSERT INTO wins (id, date, logged_at, updated_at, title, situation, action, result, notes, metric, scope, source) VALUES ({}, '{}', '{}', '{}', {}, {}, {}, {}, {}, {}, '{}', '{}');",
            w.id,
            w.date.format("%Y-%m-%d"),
            ts(w.logged_at),
            ts(w.updated_at),
            sql_text(&w.title),
            sql_opt(&w.situation),
            sql_opt(&w.action),
            sql_opt(&w.result),
            sql_opt(&w.notes),
            sql_opt(&w.metric),
            w.scope.as_str(),
            w.source.as_str()
        );
        for (i, t) in w.expectations.iter().enumerate() {
            let _ = writeln!(
                out,
                "INSERT INTO win_expectations (win_id, expectation, confirmed, position) VALUES ({}, {}, {}, {i});",
                w.id,
                sql_text(&t.id),
                t.confirmed as i32
            );
        }
        for (i, p) in w.principles.iter().enumerate() {
            let _ = writeln!(
                out,
                "INSERT INTO win_principles (win_id, principle, position) VALUES ({}, {}, {i});",
                w.id,
                sql_text(p)
            );
        }
        for (i, t) in w.tags.iter().enumerate() {
            let _ = writeln!(
                out,
                "INSERT INTO win_tags (win_id, tag, position) VALUES ({}, {}, {i});",
                w.id,
                sql_text(t)
            );
        }
        for (i, l) in w.links.iter().enumerate() {
            let _ = writeln!(
                out,
                "INSERT INTO win_links (win_id, position, url) VALUES ({}, {i}, {});",
                w.id,
                sql_text(l)
            );
        }
        for (i, p) in w.people.iter().enumerate() {
            let _ = writeln!(
                out,
                "INSERT INTO win_people (win_id, person_id, vouches, position) VALUES ({}, {}, {}, {i});",
                w.id, p.person_id, p.vouches as i32
            );
        }
        // The full-text row, built as the store's reindex builds it.
        let body: Vec<String> = [&w.situation, &w.action, &w.result, &w.notes, &w.metric]
            .into_iter()
            .flatten()
            .cloned()
            .chain((!w.tags.is_empty()).then(|| w.tags.join(" ")))
            .chain((!w.people.is_empty()).then(|| {
                w.people
                    .iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            }))
            .collect();
        let _ = writeln!(
            out,
            "INSERT INTO wins_fts (rowid, title, body) VALUES ({}, {}, {});",
            w.id,
            sql_text(&w.title),
            sql_text(&body.join(" "))
        );
    }
    for f in &records.feedback {
        let _ = writeln!(
            out,
            "INSERT INTO feedback (id, person_id, date, quote, expectation, created_at) VALUES ({}, {}, '{}', {}, {}, {});",
            f.id,
            f.person_id,
            f.date.format("%Y-%m-%d"),
            sql_text(&f.quote),
            sql_opt(&f.expectation),
            sql_text(&ts(f.created_at))
        );
    }
    out.push_str("COMMIT;\n");
    out
}
