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
    let people: Vec<Person> = PEOPLE
        .iter()
        .enumerate()
        .map(|(i, p)| Person {
            id: i as i64 + 1,
            name: p.name.to_string(),
            relation: Some(p.relation),
            org: Some(p.org.to_string()),
            notes: text(p.notes),
            created_at: at(today - Duration::days(OLDEST_DAYS_AGO + 2), 9, i as u32),
            seniority: None,
        })
        .collect();

    // Oldest first, so ids follow the calendar even if the table is edited out of order.
    let mut specs: Vec<&DemoWin> = WINS.iter().collect();
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
                situation: text(w.situation),
                action: text(w.action),
                result: text(w.result),
                notes: text(w.notes),
                metric: text(w.metric),
                scope: w.scope,
                people: w
                    .people
                    .iter()
                    .map(|&(name, vouches)| WinPerson {
                        person_id: person_id(name),
                        name: name.to_string(),
                        vouches,
                    })
                    .collect(),
                links: text(w.link).into_iter().collect(),
                tags: w.tags.iter().map(|t| t.to_string()).collect(),
                expectations: w
                    .expectations
                    .iter()
                    .map(|&(id, confirmed)| ExpectationTag {
                        id: id.to_string(),
                        confirmed,
                    })
                    .collect(),
                principles: w.principles.iter().map(|p| p.to_string()).collect(),
                source: Source::Demo,
            }
        })
        .collect();

    let mut quotes: Vec<&DemoFeedback> = FEEDBACK.iter().collect();
    quotes.sort_by_key(|f| std::cmp::Reverse(f.days_ago));
    let feedback = quotes
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let date = today - Duration::days(f.days_ago);
            Feedback {
                id: i as i64 + 1,
                person_id: person_id(f.person),
                person_name: f.person.to_string(),
                date,
                quote: f.quote.to_string(),
                expectation: text(f.expectation),
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

/// Empty strings in the tables below stand for "not written".
fn text(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// People keep the ids 1..n of their place in [`PEOPLE`].
fn person_id(name: &str) -> i64 {
    PEOPLE
        .iter()
        .position(|p| p.name == name)
        .map_or(0, |i| i as i64 + 1)
}

struct DemoPerson {
    name: &'static str,
    relation: Relation,
    org: &'static str,
    notes: &'static str,
}

const PEOPLE: &[DemoPerson] = &[
    DemoPerson {
        name: "Priya Raman",
        relation: Relation::Report,
        org: "Payments Platform",
        notes: "SDM of Checkout Payments, 8 engineers. Runs the weekly ops review and quarterly planning. Up for promotion this cycle.",
    },
    DemoPerson {
        name: "Marcus Okafor",
        relation: Relation::Report,
        org: "Payments Platform",
        notes: "Grew from senior engineer to SDM of Ledger this year. 6 engineers.",
    },
    DemoPerson {
        name: "Elena Vasquez",
        relation: Relation::Report,
        org: "Payments Platform",
        notes: "Hired externally as SDM of the new Payouts team. Owns same-day payouts.",
    },
    DemoPerson {
        name: "Jun Park",
        relation: Relation::SkipLevelReport,
        org: "Payments Platform",
        notes: "Senior engineer on Checkout; on a trial manager track since the last quarter.",
    },
    DemoPerson {
        name: "Aisha Bello",
        relation: Relation::SkipLevelReport,
        org: "Payments Platform",
        notes: "Senior engineer on Ledger, promoted this year.",
    },
    DemoPerson {
        name: "Tomás Rivera",
        relation: Relation::SkipLevelReport,
        org: "Payments Platform",
        notes: "Engineer on Payouts; built the payment health page.",
    },
    DemoPerson {
        name: "Hannah Lindqvist",
        relation: Relation::Peer,
        org: "Subscriptions Billing",
        notes: "Peer SDM. We share card tokenization and the card updater.",
    },
    DemoPerson {
        name: "Ravi Menon",
        relation: Relation::Peer,
        org: "Order Management",
        notes: "Peer SDM; owns refunds and the order pipeline.",
    },
    DemoPerson {
        name: "Grace Whitfield",
        relation: Relation::Partner,
        org: "Payment Risk",
        notes: "Risk manager for payments and payouts; signs off every launch.",
    },
    DemoPerson {
        name: "Omar Haddad",
        relation: Relation::Partner,
        org: "Finance / Controllership",
        notes: "Finance partner for month-end close and payouts liquidity.",
    },
    DemoPerson {
        name: "Nadia Petrova",
        relation: Relation::Partner,
        org: "Fraud Prevention",
        notes: "Manages the fraud models team.",
    },
    DemoPerson {
        name: "Kenji Watanabe",
        relation: Relation::Partner,
        org: "Commerce Platform",
        notes: "Principal engineer; chairs the Commerce architecture review.",
    },
    DemoPerson {
        name: "Sofia Marchetti",
        relation: Relation::Manager,
        org: "Payments",
        notes: "Director of Payments; my manager. Writes my promotion case.",
    },
    DemoPerson {
        name: "David Brennan",
        relation: Relation::SkipLevelManager,
        org: "Commerce",
        notes: "VP of Commerce; runs the weekly business review.",
    },
];

/// One win of the demo. Empty strings are absent fields; `expectations` pairs an id
/// with `true` when the user chose it and `false` when Caliber only suggested it.
#[derive(Clone, Copy)]
struct DemoWin {
    days_ago: i64,
    title: &'static str,
    situation: &'static str,
    action: &'static str,
    result: &'static str,
    notes: &'static str,
    metric: &'static str,
    scope: Scope,
    people: &'static [(&'static str, bool)],
    link: &'static str,
    tags: &'static [&'static str],
    expectations: &'static [(&'static str, bool)],
    principles: &'static [&'static str],
}

const BLANK: DemoWin = DemoWin {
    days_ago: 0,
    title: "",
    situation: "",
    action: "",
    result: "",
    notes: "",
    metric: "",
    scope: Scope::Team,
    people: &[],
    link: "",
    tags: &[],
    expectations: &[],
    principles: &[],
};

/// The oldest win, in days before `today`; the window reaches back about 364.
const OLDEST_DAYS_AGO: i64 = 348;

const TEAM: &str = "team-delivery";
const HIRE: &str = "hire-develop-managers";
const DELEGATE: &str = "delegation";
const STRATEGY: &str = "strategy";
const CROSS_ORG: &str = "cross-org-impact";
const PEERS: &str = "peer-collaboration";

const WINS: &[DemoWin] = &[
    DemoWin {
        days_ago: OLDEST_DAYS_AGO,
        title: "Kept the Ledger daily reconciliation launch on date after its manager left",
        situation: "Ledger's manager resigned six weeks before the daily reconciliation job was due to replace the month-end batch Finance depends on.",
        action: "Took the team on directly, cut scope to the 3 highest-volume currencies and replaced the status meeting with a twice-weekly risk review with Finance.",
        result: "Launched on the committed date. Month-end close for those currencies went from 4 days to 1.",
        metric: "close 4 days -> 1",
        scope: Scope::Org,
        people: &[("Omar Haddad", true), ("Aisha Bello", false)],
        link: "https://wiki.example.com/payments/ledger/daily-recon-launch",
        tags: &["ledger", "launch", "finance"],
        expectations: &[(TEAM, true)],
        principles: &["deliver-results", "ownership"],
        ..BLANK
    },
    DemoWin {
        days_ago: 336,
        title: "Handed the weekly Checkout ops review to Priya; she runs it without me",
        situation: "I was chairing three weekly ops reviews, one per team: about 4 hours of my week.",
        action: "Sat in as an observer for two weeks, agreed with Priya which calls were hers (paging thresholds, ticket priority, when to page me), then stopped attending.",
        result: "Priya has run it alone since; I read the notes. 90 minutes a week back for org-level work.",
        metric: "90 min/week",
        people: &[("Priya Raman", false)],
        tags: &["ops-review"],
        expectations: &[(DELEGATE, true)],
        principles: &["hire-and-develop-the-best", "earn-trust"],
        ..BLANK
    },
    DemoWin {
        days_ago: 329,
        title: "Cut card authorization p99 by 120ms with a token cache in Checkout",
        situation: "Card authorization p99 had crept up to 610ms and the mobile team was seeing drop-off at the pay step.",
        action: "Made latency Checkout's top goal for the quarter, traded two roadmap items to fund it and reviewed the cache design with Kenji.",
        result: "p99 fell from 610ms to 490ms; pay-step abandonment dropped 0.6 points.",
        metric: "p99 -120ms",
        scope: Scope::Org,
        people: &[("Jun Park", false), ("Kenji Watanabe", true)],
        link: "https://dashboards.example.com/checkout/auth-latency",
        tags: &["checkout", "latency"],
        expectations: &[(TEAM, true)],
        principles: &["customer-obsession", "deliver-results"],
        ..BLANK
    },
    DemoWin {
        days_ago: 318,
        title: "Wrote the Payments Platform design tenets; 2 neighbouring teams adopted them",
        situation: "Every design review relitigated the same questions: sync or async capture, who owns retries, where idempotency keys are minted.",
        action: "Drafted six tenets with the three teams and reviewed them with Kenji and with Hannah's Subscriptions Billing team before publishing.",
        result: "Median design review went from 70 to 40 minutes. Subscriptions Billing and Order Management adopted four of the six tenets.",
        metric: "2 teams adopted",
        scope: Scope::Org,
        people: &[("Kenji Watanabe", true), ("Hannah Lindqvist", true)],
        link: "https://wiki.example.com/payments/tenets",
        tags: &["tenets", "design-review"],
        expectations: &[(CROSS_ORG, true)],
        principles: &["invent-and-simplify", "insist-on-the-highest-standards"],
        ..BLANK
    },
    DemoWin {
        days_ago: 309,
        title: "Ran the COE for the peak-sale double-charge incident; no repeat since",
        situation: "During the summer peak sale a retry storm double-charged 1,840 customers over 38 minutes.",
        action: "Ran the correction-of-error review myself, read the retry logs with the on-call, and insisted on idempotency keys end to end instead of the proposed retry cap.",
        result: "All 1,840 customers refunded within 24 hours; 5 action items closed in 6 weeks; zero double charges since.",
        metric: "1,840 refunded in 24h",
        scope: Scope::Org,
        people: &[("Grace Whitfield", true), ("Jun Park", false)],
        link: "https://tickets.example.com/COE-2291",
        tags: &["coe", "incident", "idempotency"],
        expectations: &[(TEAM, true)],
        principles: &[
            "insist-on-the-highest-standards",
            "dive-deep",
            "customer-obsession",
        ],
        ..BLANK
    },
    DemoWin {
        days_ago: 301,
        title: "Put Marcus on a manager-track plan with a 6-month check-in",
        situation: "Marcus, a senior engineer on Ledger, asked about management; Ledger still had no manager.",
        action: "Wrote the plan with him: 3 reports to start, a weekly coaching 1:1, shadowing my skip-levels, check-ins at 3 and 6 months with exit criteria either way, so going back to engineering would not feel like failing.",
        result: "He took on 3 reports the following week.",
        people: &[("Marcus Okafor", false)],
        tags: &["ledger", "coaching"],
        expectations: &[(HIRE, true)],
        principles: &["hire-and-develop-the-best"],
        ..BLANK
    },
    DemoWin {
        days_ago: 294,
        title: "Agreed a shared retry budget with Fraud Prevention",
        situation: "Fraud's scoring service throttled our retries at peak, and each team blamed the other's timeouts.",
        action: "Proposed a shared retry budget and a joint dashboard instead of another escalation; met Nadia's team three times to settle the numbers.",
        result: "Fraud-related payment timeouts down 64% in the next high-traffic week.",
        metric: "timeouts -64%",
        scope: Scope::Org,
        people: &[("Nadia Petrova", false)],
        tags: &["fraud", "retries"],
        expectations: &[(PEERS, true), (TEAM, false)],
        principles: &["earn-trust", "dive-deep"],
        ..BLANK
    },
    DemoWin {
        days_ago: 283,
        title: "Saved $410K a year by moving Ledger's nightly batch to spot capacity",
        situation: "Ledger's nightly batch ran on reserved hosts that sat idle 20 hours a day.",
        action: "Asked Aisha to prototype spot capacity with checkpointing, and cleared the risk with Finance first because month-end close depends on the job.",
        result: "$410K annual run-rate savings; job duration unchanged; no missed close.",
        metric: "$410K/yr",
        people: &[("Aisha Bello", false), ("Omar Haddad", true)],
        tags: &["cost", "ledger"],
        expectations: &[(TEAM, true)],
        principles: &["frugality", "invent-and-simplify"],
        ..BLANK
    },
    DemoWin {
        days_ago: 274,
        title: "Interviewed in 6 SDM loops for other Commerce orgs",
        situation: "Commerce was hiring 9 SDMs and was short of experienced interviewers for manager loops.",
        action: "Took 6 loops in 8 weeks and wrote each debrief the same day. Held the line on one candidate the hiring manager wanted.",
        result: "2 hires made; the debrief agreed on the no-hire after reading the written evidence.",
        metric: "6 loops",
        scope: Scope::Org,
        people: &[("Ravi Menon", true)],
        tags: &["hiring", "interviews"],
        expectations: &[(CROSS_ORG, true), (HIRE, false)],
        principles: &[
            "hire-and-develop-the-best",
            "have-backbone-disagree-and-commit",
        ],
        ..BLANK
    },
    DemoWin {
        days_ago: 265,
        title: "Launched split-tender checkout (gift card + card) in 2 marketplaces",
        situation: "Customers whose gift-card balance was below the order total had to call support to split the payment: 3,100 contacts a month.",
        action: "Set the launch plan and the success metric with Priya, and negotiated the order of marketplaces with Sofia.",
        result: "Launched in both marketplaces on the committed date. Split-payment contacts down 81%; 2.3% of orders now use it.",
        metric: "contacts -81%",
        scope: Scope::Org,
        people: &[("Priya Raman", false), ("Sofia Marchetti", true)],
        link: "https://wiki.example.com/payments/checkout/split-tender",
        tags: &["checkout", "launch"],
        expectations: &[(TEAM, true)],
        principles: &["customer-obsession", "deliver-results"],
        ..BLANK
    },
    DemoWin {
        days_ago: 262,
        title: "Covered on-call escalations through the first gateway dial-up weekend",
        ..BLANK
    },
    DemoWin {
        days_ago: 256,
        title: "Handed the quarterly planning process to Priya; she ran OP2 without me",
        situation: "I had written the planning document for all 3 teams myself every quarter.",
        action: "Gave Priya the process and the final call on cross-team priorities, with one review from me before it went to Sofia.",
        result: "She ran the OP2 refresh for the 3 teams; I changed one line. About 2 days a quarter back.",
        metric: "2 days/quarter",
        people: &[("Priya Raman", false)],
        tags: &["planning"],
        expectations: &[(DELEGATE, true)],
        principles: &["hire-and-develop-the-best", "earn-trust"],
        ..BLANK
    },
    DemoWin {
        days_ago: 248,
        title: "Built the payments launch-readiness checklist; 7 teams in Commerce use it",
        situation: "Two Commerce launches slipped because nobody checked Finance reporting and fraud rules before go-live.",
        action: "Turned our launch checklist into a template with named owners for Risk, Finance and Fraud sign-off, and walked 4 other managers through it.",
        result: "Adopted by 7 teams within a quarter; no launch rolled back for a missing sign-off since.",
        metric: "7 teams",
        scope: Scope::Org,
        people: &[("Grace Whitfield", true), ("Kenji Watanabe", true)],
        link: "https://wiki.example.com/commerce/launch-readiness",
        tags: &["mechanism", "launch"],
        expectations: &[(CROSS_ORG, true)],
        principles: &["insist-on-the-highest-standards", "invent-and-simplify"],
        ..BLANK
    },
    DemoWin {
        days_ago: 239,
        title: "Coached Priya through her first low-performer case",
        situation: "Priya had an engineer missing the bar for two quarters and kept postponing the conversation.",
        action: "Role-played the first conversation with her and reviewed her written feedback before she sent it; left every decision to her.",
        result: "The engineer moved to a role that fits; Priya has handled two more cases on her own.",
        people: &[("Priya Raman", false)],
        tags: &["coaching", "performance"],
        expectations: &[(HIRE, true)],
        principles: &["hire-and-develop-the-best"],
        ..BLANK
    },
    DemoWin {
        days_ago: 231,
        title: "Got Risk and Finance to agree one chargeback threshold",
        situation: "Risk wanted to block merchants at a 0.9% chargeback rate, Finance argued for 1.4% to protect revenue, and my team was caught between two sets of tickets.",
        action: "Built one model of losses against revenue by threshold, put both sides in a single decision meeting and wrote up the outcome.",
        result: "Settled on 1.1% with a quarterly review; the conflicting tickets stopped.",
        scope: Scope::Org,
        people: &[("Grace Whitfield", false), ("Omar Haddad", false)],
        tags: &["risk", "finance"],
        expectations: &[(PEERS, true)],
        principles: &["earn-trust", "dive-deep"],
        ..BLANK
    },
    DemoWin {
        days_ago: 222,
        title: "Moved 100% of card traffic to the new processor gateway, 3 weeks early",
        situation: "The old gateway contract ended in 5 months and the vendor would not extend it.",
        action: "Split the migration across Checkout and Ledger with shadow traffic and per-marketplace dial-ups; ran the weekly go/no-go myself.",
        result: "100% of traffic moved 3 weeks early with zero customer-facing downtime; processing fees $1.2M a year lower.",
        metric: "$1.2M/yr",
        scope: Scope::Company,
        people: &[
            ("Sofia Marchetti", true),
            ("Omar Haddad", true),
            ("Jun Park", false),
        ],
        link: "https://wiki.example.com/payments/gateway-migration",
        tags: &["migration", "gateway", "cost"],
        expectations: &[(TEAM, true)],
        principles: &["deliver-results", "frugality"],
        ..BLANK
    },
    DemoWin {
        days_ago: 213,
        title: "Wrote the 3-year Payments Platform vision; Sofia used it in the annual plan",
        situation: "Our roadmap was a list of team asks; nobody could say where payments should be in three years.",
        action: "Wrote a 6-page vision: one ledger for all marketplaces, real-time payouts, four legacy services retired. Reviewed it with Kenji, Grace and Omar before Sofia saw it.",
        result: "Sofia used it as the payments section of the org's annual plan; 2 of its 3 bets were funded, including a new Payouts team.",
        scope: Scope::Org,
        people: &[("Sofia Marchetti", true), ("Kenji Watanabe", true)],
        link: "https://docs.example.com/payments/vision-3yr",
        tags: &["vision", "planning"],
        expectations: &[(STRATEGY, true)],
        principles: &["think-big"],
        ..BLANK
    },
    DemoWin {
        days_ago: 204,
        title: "Disagreed with Hannah on tokenization ownership; we split it by API",
        situation: "Subscriptions Billing wanted to own card tokenization because recurring charges are their biggest use; we own it for checkout.",
        action: "Pushed back on moving it wholesale, then proposed a split: we keep the vault, her team owns the recurring-charge API on top of it.",
        result: "Written agreement in two weeks; no second vault was built.",
        scope: Scope::Org,
        people: &[("Hannah Lindqvist", false)],
        tags: &["tokenization"],
        expectations: &[(PEERS, true)],
        principles: &["have-backbone-disagree-and-commit", "earn-trust"],
        ..BLANK
    },
    DemoWin {
        days_ago: 196,
        title: "Hired Elena Vasquez as SDM for the new Payouts team",
        situation: "Payouts was funded with 6 engineers and no manager, and the search had stalled for 9 weeks.",
        action: "Rewrote the job description around the payouts problem, sourced 14 candidates myself and ran every debrief.",
        result: "Elena accepted; she ran her own first hiring loop 5 weeks after joining.",
        metric: "1 SDM hired",
        scope: Scope::Org,
        people: &[("Elena Vasquez", false), ("Sofia Marchetti", true)],
        tags: &["hiring", "payouts"],
        expectations: &[(HIRE, true)],
        principles: &["hire-and-develop-the-best"],
        ..BLANK
    },
    DemoWin {
        days_ago: 188,
        title: "Reorganized 3 teams around the payment lifecycle",
        situation: "Team boundaries followed old services, so every payouts feature needed all 3 teams.",
        action: "Moved 5 engineers so Checkout owns authorization, Ledger owns the record of money movement and Payouts owns disbursement; gave the fraud-signal service to Nadia's org, where it belonged.",
        result: "Cross-team dependencies per feature fell from 2.4 to 0.8 the following quarter.",
        metric: "dependencies 2.4 -> 0.8",
        scope: Scope::Org,
        people: &[
            ("Priya Raman", false),
            ("Marcus Okafor", false),
            ("Elena Vasquez", false),
            ("Nadia Petrova", false),
        ],
        tags: &["reorg"],
        expectations: &[(STRATEGY, true)],
        principles: &["think-big", "ownership"],
        ..BLANK
    },
    DemoWin {
        days_ago: 179,
        title: "Cut Sev2 tickets 45% in a quarter across the 3 teams",
        situation: "The teams averaged 31 Sev2 tickets a month, most of them repeat alarms.",
        action: "Set one shared ops goal and had each manager own their top 5 repeat alarms, reviewed monthly.",
        result: "From 31 to 17 a month by quarter end; out-of-hours pages halved.",
        metric: "45%",
        people: &[("Priya Raman", false), ("Marcus Okafor", false)],
        tags: &["operations", "oncall"],
        expectations: &[(TEAM, true)],
        principles: &["insist-on-the-highest-standards"],
        ..BLANK
    },
    DemoWin {
        days_ago: 171,
        title: "Ran an idempotency workshop for 40 engineers from 9 Commerce teams",
        situation: "Three incidents in other orgs within two months had the same root cause as our peak-sale COE.",
        action: "Turned our COE lessons into a 90-minute workshop and a checklist, and ran it twice.",
        result: "40 engineers from 9 teams attended; 3 teams added idempotency keys to their payment calls within the quarter.",
        metric: "9 teams",
        scope: Scope::Company,
        people: &[("Kenji Watanabe", true), ("Ravi Menon", true)],
        link: "https://wiki.example.com/commerce/idempotency-workshop",
        tags: &["training", "idempotency"],
        expectations: &[(CROSS_ORG, true)],
        principles: &["insist-on-the-highest-standards", "learn-and-be-curious"],
        ..BLANK
    },
    DemoWin {
        days_ago: 166,
        title: "Coached my managers through calibration; 24 engineers rated in one session",
        action: "Prepared Priya and Marcus with a written rubric and a mock session; they presented their own people and I only chaired.",
        result: "24 engineers rated in a single 3-hour session, no ratings changed on appeal.",
        people: &[("Priya Raman", false), ("Marcus Okafor", false)],
        tags: &["calibration"],
        expectations: &[(HIRE, false)],
        principles: &["hire-and-develop-the-best"],
        ..BLANK
    },
    DemoWin {
        days_ago: 158,
        title: "Started weekly payments office hours for Commerce; 31 teams helped in a quarter",
        situation: "Payments questions from other teams arrived as ad-hoc pings to whichever engineer someone knew, about 25 a week.",
        action: "Set up a weekly office hour staffed on rotation by my senior engineers, with answers written up in a shared FAQ.",
        result: "31 teams from 6 orgs came in the first quarter; pings to individual engineers down 70%; the FAQ has 48 answers.",
        metric: "31 teams",
        scope: Scope::Org,
        people: &[("Ravi Menon", true), ("Tomás Rivera", false)],
        link: "https://wiki.example.com/payments/office-hours-faq",
        tags: &["mechanism", "office-hours"],
        expectations: &[(CROSS_ORG, true)],
        principles: &["ownership", "invent-and-simplify"],
        ..BLANK
    },
    DemoWin {
        days_ago: 152,
        title: "Wrote the PR/FAQ for same-day seller payouts; funded as a top-3 Commerce bet",
        situation: "Sellers waited 7 days for their money, and two competitors pay out next day.",
        action: "Wrote the PR/FAQ working backwards from a seller in their first month; Finance and Risk reviewed the liability model before it went up.",
        result: "Approved as one of Commerce's top 3 bets and funded with 4 engineers.",
        metric: "4 engineers funded",
        scope: Scope::Company,
        people: &[
            ("Omar Haddad", false),
            ("Grace Whitfield", false),
            ("David Brennan", true),
        ],
        link: "https://docs.example.com/payouts/same-day-prfaq",
        tags: &["pr-faq", "payouts"],
        expectations: &[(STRATEGY, true)],
        principles: &["customer-obsession", "think-big"],
        ..BLANK
    },
    DemoWin {
        days_ago: 143,
        title: "Lent Jun to Order Management for 2 weeks to unblock Ravi's refund API change",
        scope: Scope::Org,
        people: &[("Ravi Menon", false), ("Jun Park", false)],
        tags: &["refunds"],
        expectations: &[(PEERS, false)],
        principles: &["ownership"],
        ..BLANK
    },
    DemoWin {
        days_ago: 136,
        title: "Gave 2 open headcount to Fraud Prevention for the account-takeover push",
        situation: "Account-takeover losses tripled in a quarter and Fraud could not staff the response.",
        action: "Argued in the headcount review that 2 of my open reqs would do more good in Fraud than in Payouts, and moved them.",
        result: "Fraud shipped step-up authentication 6 weeks earlier; takeover losses down 38% the next quarter. Payouts slipped one roadmap item, which I explained in the business review.",
        metric: "2 headcount",
        scope: Scope::Company,
        people: &[("Nadia Petrova", true), ("Sofia Marchetti", true)],
        tags: &["headcount", "fraud"],
        expectations: &[(STRATEGY, true)],
        principles: &["ownership", "have-backbone-disagree-and-commit"],
        ..BLANK
    },
    DemoWin {
        days_ago: 128,
        title: "Built one payment health page for Commerce leadership; 3 orgs copied the format",
        situation: "Payments metrics lived in four dashboards with different definitions; leadership asked the same 5 questions every week.",
        action: "Had Tomás build one page (authorization rate, latency, decline reasons, payout lag) and agreed every definition with Finance first.",
        result: "Used in David's weekly business review since; 3 other orgs copied the format.",
        metric: "3 orgs copied",
        scope: Scope::Org,
        people: &[
            ("Tomás Rivera", false),
            ("David Brennan", true),
            ("Omar Haddad", true),
        ],
        link: "https://dashboards.example.com/commerce/payment-health",
        tags: &["dashboard", "metrics"],
        expectations: &[(CROSS_ORG, true), (TEAM, true)],
        principles: &["dive-deep", "invent-and-simplify"],
        ..BLANK
    },
    DemoWin {
        days_ago: 122,
        title: "Marcus passed his 6-month check-in and is confirmed as Ledger's SDM",
        action: "Ran the 6-month review against the exit criteria we wrote together, with input from his team and from Omar.",
        result: "Ledger's engagement score up 12 points; no one left the team through the transition.",
        people: &[("Marcus Okafor", false), ("Sofia Marchetti", false)],
        tags: &["ledger", "coaching"],
        expectations: &[(HIRE, true)],
        principles: &["hire-and-develop-the-best"],
        ..BLANK
    },
    DemoWin {
        days_ago: 119,
        title: "Raised card authorization rate 1.8 points with smarter decline retries",
        situation: "Soft declines from issuers were treated as final, so we lost orders that would have passed on a second try.",
        action: "Set the goal with Priya, had the team A/B test retry rules by decline code and cleared the rules with Risk before launch.",
        result: "Authorization rate up 1.8 points: about $4.1M a year in recovered order value.",
        metric: "$4.1M",
        scope: Scope::Company,
        people: &[("Priya Raman", false), ("Grace Whitfield", true)],
        tags: &["checkout", "auth-rate"],
        expectations: &[(TEAM, true)],
        principles: &["customer-obsession", "deliver-results", "dive-deep"],
        ..BLANK
    },
    DemoWin {
        days_ago: 112,
        title: "Had the hard conversation with Ravi about blame in the refund outage",
        situation: "Ravi's post-incident note blamed our gateway for a refund outage that started in his queue consumer.",
        action: "Met him 1:1 before the review, walked the timeline together and proposed one shared root cause instead of two notes.",
        result: "One joint COE: his team fixed the consumer, we added an alarm on our side.",
        scope: Scope::Org,
        people: &[("Ravi Menon", false)],
        tags: &["incident", "refunds"],
        expectations: &[(PEERS, true)],
        principles: &["earn-trust", "have-backbone-disagree-and-commit"],
        ..BLANK
    },
    DemoWin {
        days_ago: 104,
        title: "Coached Marcus through his first promotion document; Aisha promoted to senior engineer",
        action: "Reviewed three drafts of Marcus's document for Aisha and rehearsed the panel's questions with him.",
        result: "Aisha promoted first time up; Marcus now reviews promotion documents for the other two teams.",
        people: &[("Marcus Okafor", false), ("Aisha Bello", false)],
        tags: &["promotion", "coaching"],
        expectations: &[(HIRE, true)],
        principles: &["hire-and-develop-the-best"],
        ..BLANK
    },
    DemoWin {
        days_ago: 98,
        title: "Quarterly business review: the 3 teams hit 11 of 12 goals",
        action: "Presented the quarter with each manager speaking to their own goals.",
        result: "11 of 12 goals met; the miss (payout reconciliation) came with a recovery date and landed 3 weeks later.",
        metric: "11 of 12 goals",
        scope: Scope::Org,
        people: &[("Sofia Marchetti", true)],
        tags: &["business-review"],
        expectations: &[(TEAM, true)],
        principles: &["deliver-results"],
        ..BLANK
    },
    DemoWin {
        days_ago: 88,
        title: "Launched the same-day payouts beta for 500 sellers",
        situation: "The same-day payouts PR/FAQ was funded for a beta this quarter.",
        action: "Elena's team built it; I set the launch bar with Risk (a loss limit per seller) and Finance (a daily liquidity check).",
        result: "500 sellers in the beta, $18M paid out same day in the first month, no loss events.",
        metric: "500 sellers",
        scope: Scope::Company,
        people: &[
            ("Elena Vasquez", false),
            ("Grace Whitfield", true),
            ("Omar Haddad", true),
        ],
        link: "https://wiki.example.com/payouts/same-day-beta",
        tags: &["payouts", "launch"],
        expectations: &[(TEAM, true)],
        principles: &["customer-obsession", "deliver-results", "bias-for-action"],
        ..BLANK
    },
    DemoWin {
        days_ago: 81,
        title: "Cut Payments infrastructure spend 22% with a monthly cost review",
        situation: "Infrastructure spend grew 30% in a year while traffic grew 12%.",
        action: "Set a monthly cost review with each manager and a one-page template: top 10 cost lines, an owner and an action for each.",
        result: "Spend down 22% ($640K a year). Sofia made the template mandatory for all 6 Payments teams.",
        metric: "$640K/yr",
        scope: Scope::Org,
        people: &[("Sofia Marchetti", true), ("Omar Haddad", true)],
        tags: &["cost", "mechanism"],
        expectations: &[(TEAM, true), (CROSS_ORG, true)],
        principles: &["frugality", "dive-deep"],
        ..BLANK
    },
    DemoWin {
        days_ago: 76,
        title: "Started Jun Park on a trial manager track with 3 reports",
        situation: "Checkout is growing past what Priya can run as one team; Jun wants to try management.",
        action: "Set up the same plan that worked for Marcus, with Priya as his coach rather than me.",
        result: "Jun took 2 engineers and an intern; Priya runs his coaching 1:1s.",
        people: &[("Jun Park", false), ("Priya Raman", false)],
        tags: &["coaching", "checkout"],
        expectations: &[(HIRE, true)],
        principles: &["hire-and-develop-the-best"],
        ..BLANK
    },
    DemoWin {
        days_ago: 72,
        title: "Got 11 teams in 3 orgs to commit dates for retiring 4 legacy payment services",
        situation: "Four legacy services cost $900K a year to run, caused 30% of our Sev2s, and 11 teams still called them.",
        action: "Wrote the retirement plan with a date per caller and took it to each org's managers and to Kenji's architecture review.",
        result: "All 11 calling teams put migration dates in their plans; the first service is already off.",
        metric: "11 teams committed",
        scope: Scope::Company,
        people: &[
            ("Kenji Watanabe", true),
            ("Ravi Menon", false),
            ("Hannah Lindqvist", false),
        ],
        link: "https://docs.example.com/payments/legacy-retirement",
        tags: &["legacy", "planning"],
        expectations: &[(CROSS_ORG, true)],
        principles: &["think-big", "ownership", "frugality"],
        ..BLANK
    },
    DemoWin {
        days_ago: 66,
        title: "Started a new-manager circle for Commerce: 11 first-time managers from 5 orgs",
        situation: "Commerce hired or promoted 11 first-time managers this year with no shared onboarding.",
        action: "Started a monthly circle around one real case per session (a low performer, a reorg, a missed launch), hosted by rotating senior managers.",
        result: "11 managers from 5 orgs attend; HR is turning the format into the Commerce new-manager program.",
        metric: "11 managers, 5 orgs",
        scope: Scope::Org,
        people: &[
            ("Elena Vasquez", false),
            ("Ravi Menon", true),
            ("Sofia Marchetti", true),
        ],
        tags: &["coaching", "program"],
        expectations: &[(CROSS_ORG, true)],
        principles: &[
            "hire-and-develop-the-best",
            "strive-to-be-earths-best-employer",
        ],
        ..BLANK
    },
    DemoWin {
        days_ago: 61,
        title: "Month-end close was clean for payments for the first time this year",
        ..BLANK
    },
    DemoWin {
        days_ago: 57,
        title: "Ran a Commerce-wide processor-outage game day; failover now takes 9 minutes",
        situation: "Nobody outside Payments had practised a processor outage, and the last real one took 52 minutes to route around.",
        action: "Designed a game day around a simulated processor failure and ran it with 6 teams, Risk and customer service.",
        result: "14 gaps found, 12 fixed within a month; the failover runbook now takes 9 minutes end to end.",
        metric: "52 min -> 9 min",
        scope: Scope::Org,
        people: &[
            ("Grace Whitfield", true),
            ("Kenji Watanabe", true),
            ("Tomás Rivera", false),
        ],
        link: "https://wiki.example.com/commerce/payments-game-day",
        tags: &["game-day", "resilience"],
        expectations: &[(CROSS_ORG, true), (TEAM, false)],
        principles: &["insist-on-the-highest-standards", "ownership"],
        ..BLANK
    },
    DemoWin {
        days_ago: 52,
        title: "Agreed one shared roadmap with Subscriptions Billing instead of two card updaters",
        situation: "Hannah's team and mine had both planned a card updater integration for the same quarter.",
        action: "Proposed a joint roadmap with a single owner per item: her team takes the card updater, mine takes the shared retry service.",
        result: "One integration instead of two; about 3 engineer-months saved on each side.",
        metric: "3 eng-months each",
        scope: Scope::Org,
        people: &[("Hannah Lindqvist", true)],
        tags: &["roadmap"],
        expectations: &[(PEERS, true)],
        principles: &["frugality", "earn-trust"],
        ..BLANK
    },
    DemoWin {
        days_ago: 47,
        title: "Finished the Ledger v2 migration: 2.1B entries, zero reconciliation breaks",
        situation: "Ledger v2 had sat at 80% migrated for two quarters; the last 20% were the hard multi-currency entries.",
        action: "Asked Marcus for a dated plan, approved a 2-week feature freeze for his team and took the Finance sign-off meeting myself.",
        result: "100% migrated with zero reconciliation breaks; the old cluster is gone, saving $280K a year.",
        metric: "2.1B entries",
        scope: Scope::Org,
        people: &[
            ("Marcus Okafor", false),
            ("Omar Haddad", true),
            ("Aisha Bello", false),
        ],
        link: "https://wiki.example.com/payments/ledger-v2",
        tags: &["ledger", "migration"],
        expectations: &[(TEAM, true)],
        principles: &["deliver-results", "insist-on-the-highest-standards"],
        ..BLANK
    },
    DemoWin {
        days_ago: 43,
        title: "Submitted Priya's promotion with 5 vouchers from outside Payments",
        situation: "Priya has run Checkout for 2 years, and the ops review and planning without me for most of this one.",
        action: "Wrote the promotion document with her, collected feedback from 5 people outside Payments and prepared her for the panel's questions.",
        result: "Submitted this cycle with strong support from Risk and Fraud.",
        metric: "5 outside vouchers",
        scope: Scope::Org,
        people: &[
            ("Priya Raman", false),
            ("Grace Whitfield", true),
            ("Nadia Petrova", true),
        ],
        tags: &["promotion"],
        expectations: &[(HIRE, true)],
        principles: &["hire-and-develop-the-best"],
        notes: "Ask Grace whether she would say the same about my own work before calibration.",
        ..BLANK
    },
    DemoWin {
        days_ago: 38,
        title: "Argued against a payments-only fraud model; committed to Nadia's shared one",
        situation: "My leadership wanted a payments-only fraud model for speed; it would have split signals across two models.",
        action: "Wrote a 2-page dissent with the data on signal overlap, argued it in Sofia's staff meeting, and committed fully once the call was made.",
        result: "One shared model owned by Fraud. We gave up a quarter of roadmap control; precision rose 9% from the pooled signals.",
        metric: "precision +9%",
        scope: Scope::Org,
        people: &[("Sofia Marchetti", true), ("Nadia Petrova", true)],
        tags: &["fraud"],
        expectations: &[(PEERS, true)],
        principles: &["have-backbone-disagree-and-commit", "think-big"],
        ..BLANK
    },
    DemoWin {
        days_ago: 33,
        title: "Spoke at a fintech engineering meetup on idempotent payment APIs",
        result: "About 220 attendees; two companies asked for the checklist afterwards.",
        metric: "220 attendees",
        scope: Scope::Industry,
        people: &[("Kenji Watanabe", true)],
        link: "https://events.example.com/fintech-eng-meetup/idempotent-payments",
        tags: &["talk", "idempotency"],
        expectations: &[(CROSS_ORG, false)],
        principles: &["insist-on-the-highest-standards"],
        ..BLANK
    },
    DemoWin {
        days_ago: 31,
        title: "Talked Finance down from a $90M payouts liquidity buffer to $40M",
        situation: "Finance wanted to pre-fund same-day payouts with a $90M buffer, which would have made the expansion too costly to approve.",
        action: "Modelled daily payout demand with Omar's analyst from 3 months of beta data and proposed a $40M buffer with an intraday top-up trigger.",
        result: "Finance agreed to $40M; the expansion to 12,000 sellers was approved the same week.",
        metric: "$50M less capital held",
        scope: Scope::Org,
        people: &[("Omar Haddad", false), ("Elena Vasquez", false)],
        tags: &["payouts", "finance"],
        expectations: &[(PEERS, true)],
        principles: &["frugality", "dive-deep"],
        ..BLANK
    },
    DemoWin {
        days_ago: 29,
        title: "Got all 3 teams load-tested to 4x last year's peak, 5 weeks early",
        situation: "The peak forecast was 2.6x last year's traffic.",
        action: "Set the readiness bar at 4x with each manager owning their services' tests; I reviewed results, not plans.",
        result: "All 3 teams passed at 4x; 2 bottlenecks found and fixed 5 weeks before peak.",
        metric: "4x peak",
        scope: Scope::Org,
        people: &[
            ("Priya Raman", false),
            ("Marcus Okafor", false),
            ("Elena Vasquez", false),
            ("Kenji Watanabe", true),
        ],
        tags: &["peak", "load-test"],
        expectations: &[(TEAM, true)],
        principles: &["deliver-results", "insist-on-the-highest-standards"],
        ..BLANK
    },
    DemoWin {
        days_ago: 25,
        title: "Expanded same-day payouts to 12,000 sellers",
        situation: "The 500-seller beta had run for two months without a loss event.",
        action: "Agreed the expansion steps and loss limits with Risk and Finance; Elena ran the rollout.",
        result: "12,000 sellers paid same day, $210M to date; seller satisfaction up 14 points for the group; 2 loss events, both under the per-seller limit.",
        metric: "12,000 sellers",
        scope: Scope::Company,
        people: &[
            ("Elena Vasquez", false),
            ("Omar Haddad", true),
            ("David Brennan", true),
        ],
        tags: &["payouts", "launch"],
        expectations: &[(TEAM, true)],
        principles: &["customer-obsession", "deliver-results"],
        ..BLANK
    },
    DemoWin {
        days_ago: 17,
        title: "Settled the Risk and Payouts dispute over seller holds with 3 months of loss data",
        situation: "Risk wanted a 48-hour hold on every new seller's first payout; Elena's team showed it would break the same-day promise for 40% of beta sellers.",
        action: "Put Grace and Elena in one room with 3 months of loss data and proposed holds only above a risk score.",
        result: "Holds now apply to 6% of new sellers instead of all of them; losses unchanged.",
        metric: "holds 100% -> 6%",
        scope: Scope::Org,
        people: &[("Grace Whitfield", false), ("Elena Vasquez", false)],
        tags: &["payouts", "risk"],
        expectations: &[(PEERS, true)],
        principles: &["dive-deep", "earn-trust"],
        ..BLANK
    },
    DemoWin {
        days_ago: 13,
        title: "Published the payments API guidelines; now the Commerce standard for 14 teams",
        situation: "Teams calling payments APIs each reinvented retries, timeouts and error handling.",
        action: "Wrote the guidelines with Kenji, with 20 copy-paste examples, and got them into the architecture review checklist.",
        result: "The architecture review made them mandatory for new payment integrations: 14 teams in scope.",
        metric: "14 teams",
        scope: Scope::Company,
        people: &[("Kenji Watanabe", true), ("David Brennan", true)],
        link: "https://wiki.example.com/commerce/payments-api-guidelines",
        tags: &["mechanism", "api"],
        expectations: &[(CROSS_ORG, true)],
        principles: &["insist-on-the-highest-standards", "invent-and-simplify"],
        ..BLANK
    },
    DemoWin {
        days_ago: 10,
        title: "Peak week: 99.995% payment availability, zero Sev1",
        metric: "99.995%",
        scope: Scope::Org,
        tags: &["peak"],
        expectations: &[(TEAM, false)],
        ..BLANK
    },
    DemoWin {
        days_ago: 7,
        title: "Order Management became the 8th team on the launch-readiness checklist",
        action: "Walked Ravi's managers through the checklist ahead of their refunds launch.",
        metric: "8 teams",
        scope: Scope::Org,
        people: &[("Ravi Menon", true)],
        tags: &["mechanism", "launch"],
        expectations: &[(CROSS_ORG, true)],
        principles: &["insist-on-the-highest-standards"],
        ..BLANK
    },
    DemoWin {
        days_ago: 4,
        title: "Skipped 3-D Secure for low-risk returning customers; checkout conversion +0.9 points",
        situation: "Every card payment went through a 3-D Secure challenge, even for customers with years of clean history.",
        action: "Set the experiment up with Priya and agreed the risk score cut-off with Grace before a single customer saw it.",
        result: "Conversion up 0.9 points for returning customers; fraud rate flat.",
        metric: "conversion +0.9 pts",
        scope: Scope::Company,
        people: &[("Priya Raman", false), ("Grace Whitfield", true)],
        tags: &["checkout", "experiment"],
        expectations: &[(TEAM, true)],
        principles: &["customer-obsession", "bias-for-action"],
        ..BLANK
    },
    DemoWin {
        days_ago: 2,
        title: "Sofia asked me to present the payments strategy at David's offsite",
        people: &[("Sofia Marchetti", false)],
        ..BLANK
    },
];

struct DemoFeedback {
    days_ago: i64,
    person: &'static str,
    quote: &'static str,
    /// Empty when the quote speaks to no single expectation.
    expectation: &'static str,
}

const FEEDBACK: &[DemoFeedback] = &[
    DemoFeedback {
        days_ago: 290,
        person: "Sofia Marchetti",
        quote: "Ledger didn't miss a beat after its manager left. Taking the team on yourself and still landing daily reconciliation on date is exactly what I needed this half.",
        expectation: TEAM,
    },
    DemoFeedback {
        days_ago: 235,
        person: "Grace Whitfield",
        quote: "The launch-readiness checklist is the first time a payments launch came to Risk with our questions already answered. I've asked two other orgs to use it.",
        expectation: CROSS_ORG,
    },
    DemoFeedback {
        days_ago: 200,
        person: "Hannah Lindqvist",
        quote: "I came in wanting all of tokenization and left with half of it, and I think half is the right answer. Thanks for arguing it on the merits rather than on org lines.",
        expectation: PEERS,
    },
    DemoFeedback {
        days_ago: 148,
        person: "David Brennan",
        quote: "The same-day payouts PR/FAQ was the clearest document in this planning cycle. It read like a seller wrote it.",
        expectation: STRATEGY,
    },
    DemoFeedback {
        days_ago: 137,
        person: "Priya Raman",
        quote: "You let me own the performance case end to end and were there when I needed to rehearse. I handle these on my own now.",
        expectation: HIRE,
    },
    DemoFeedback {
        days_ago: 95,
        person: "Omar Haddad",
        quote: "Finance uses the payment health page in our own weekly review now. One set of definitions saves us a reconciliation argument every month.",
        expectation: CROSS_ORG,
    },
    DemoFeedback {
        days_ago: 68,
        person: "Kenji Watanabe",
        quote: "Your retirement plan for the legacy services is the first one I've seen with a date for every caller. That's why it is working.",
        expectation: "",
    },
    DemoFeedback {
        days_ago: 55,
        person: "Sofia Marchetti",
        quote: "For L7 the panel will ask what runs without you. I still see you in Priya's and Elena's launch reviews. Bring me two or three decisions you have fully handed off before calibration.",
        expectation: DELEGATE,
    },
    DemoFeedback {
        days_ago: 37,
        person: "Nadia Petrova",
        quote: "Giving us two headcount and then arguing for one shared fraud model cost your team something. Fraud noticed, and so did my director.",
        expectation: PEERS,
    },
    DemoFeedback {
        days_ago: 27,
        person: "Marcus Okafor",
        quote: "A year ago I had never run a 1:1. You gave me a plan with an exit either way, and that made it safe to try.",
        expectation: HIRE,
    },
    DemoFeedback {
        days_ago: 16,
        person: "Ravi Menon",
        quote: "You could have escalated the refund outage; you walked me through the timeline instead. My team trusts yours more for it.",
        expectation: PEERS,
    },
    DemoFeedback {
        days_ago: 6,
        person: "David Brennan",
        quote: "The payments API guidelines are what I point every new integration at now. That is org-level leverage, not team output.",
        expectation: CROSS_ORG,
    },
];
