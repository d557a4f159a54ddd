//! The judge's cost per win: reads the labelled wins' titles, repeats them to a
//! hundred thousand wins and times reading each once and judging it for every
//! expectation of its ladder (what a review of that many wins pays for the level).
//!
//! ```sh
//! cargo run --release --example level_timing
//! ```

use caliber::level::{Judge, Reading, WinSignals};
use caliber::{Person, Relation, Scope};
use std::time::Instant;

const WINS: usize = 100_000;
const RUNS: usize = 5;

fn main() {
    let mut texts: Vec<(String, String, bool)> = Vec::new();
    for path in [
        "tests/data/level_wins.json",
        "tests/data/level_wins_holdout.json",
    ] {
        let text = std::fs::read_to_string(path).expect("the labelled wins (run from the repo)");
        let data: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        for w in data["wins"].as_array().expect("wins") {
            if w["ladder"] != "senior-manager" {
                continue;
            }
            let mut t = w["title"].as_str().unwrap_or_default().to_string();
            let metric = w["metric"].as_str();
            if let Some(m) = metric {
                t.push(' ');
                t.push_str(m);
            }
            let scope = w["scope"].as_str().unwrap_or("team").to_string();
            texts.push((t, scope, metric.is_some()));
        }
    }
    let now = chrono::Utc::now();
    let people: Vec<Person> = (1..=20)
        .map(|i| Person {
            id: i,
            name: format!("P{i}"),
            relation: Some(if i % 3 == 0 {
                Relation::Peer
            } else {
                Relation::Report
            }),
            org: Some(if i % 4 == 0 { "Other" } else { "Own" }.into()),
            notes: (i % 5 == 0).then(|| "Manager".into()),
            created_at: now,
            seniority: None,
        })
        .collect();
    let ladder = caliber::ladder::builtin_ladder("senior-manager").expect("built in");
    let n = ladder.expectations.len();
    let t0 = Instant::now();
    let judge = Judge::new(ladder, &people, Some("Own"), &[]);
    println!(
        "first Judge::new (builds the automaton): {:?}",
        t0.elapsed()
    );
    let t0 = Instant::now();
    let _again = Judge::new(ladder, &people, Some("Own"), &[]);
    println!("second Judge::new (automaton kept): {:?}", t0.elapsed());
    let mut times = Vec::new();
    let mut sink = 0usize;
    for _ in 0..RUNS {
        let mut r = Reading::default();
        let start = Instant::now();
        for i in 0..WINS {
            let (text, scope, has_metric) = &texts[i % texts.len()];
            let ids = [(i % 20) as i64 + 1];
            judge.read_into(
                &WinSignals {
                    id: i as i64,
                    text,
                    scope: scope.parse::<Scope>().unwrap_or(Scope::Team),
                    has_metric: *has_metric,
                    people: &ids,
                },
                &mut r,
            );
            for e in 0..n {
                sink += judge.level_at(i as i64, &r, e).0 as usize;
            }
        }
        times.push(start.elapsed());
    }
    times.sort();
    println!(
        "{WINS} wins read and judged for {n} expectations: median {:?} of {RUNS} (min {:?}, max {:?}) [{sink}]",
        times[RUNS / 2],
        times[0],
        times[RUNS - 1]
    );
}
