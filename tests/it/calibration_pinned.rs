//! The feedback plan, the rehearsal and the sponsor pack stay what they were, to
//! the byte, on two realistic ledgers: the demo year, and a generated ledger of
//! 3,000 wins (about 300 in the window, the benchmarks' generator with its seed)
//! with asks old and new, feedback after an ask, answers to some questions and
//! levels set by hand. Making any of them faster must not change what it says: the
//! plan's JSON and its text (which shows the voices, the thin spots and who is
//! waiting), the rehearsal's JSON, and the pack's JSON, Markdown and HTML with what
//! its honesty check says of it are compared with the files in `tests/data/pinned/`.
//!
//! A deliberate change of what they produce rewrites the files with
//! `CALIBER_PIN=write cargo test --test it calibration_pinned::` and says so in
//! its commit.

use crate::generator;

use crate::common::d;
use caliber::feedback_plan::{plan_store, render_text};
use caliber::outline::OutlineFormat;
use caliber::pack;
use caliber::rehearse::{answer, rehearse_store};
use caliber::store::Records;
use caliber::{FeedbackAsk, FeedbackDraft, Level, Relation, Store};
use chrono::{Duration, NaiveDate};
use std::path::{Path, PathBuf};

fn pinned_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pinned")
}

/// What the plan and the rehearsal say of a store as of `today`, as one JSON text.
fn outputs(s: &Store, today: NaiveDate) -> String {
    let plan = plan_store(s, today).unwrap();
    let rehearsal = rehearse_store(s, today).unwrap();
    let all = serde_json::json!({
        "plan": plan,
        "plan_text": render_text(&plan),
        "rehearsal": rehearsal,
    });
    serde_json::to_string_pretty(&all).unwrap() + "\n"
}

/// The sponsor pack of a store as of `today`: its JSON, Markdown and HTML, and
/// what its honesty check says of it, as one JSON text.
fn pack_outputs(s: &Store, today: NaiveDate) -> String {
    let p = pack::build(s, today).unwrap();
    let format = |f| String::from_utf8(pack::render(&p, f).unwrap()).unwrap();
    let all = serde_json::json!({
        "pack": p,
        "markdown": format(OutlineFormat::Markdown),
        "html": format(OutlineFormat::Html),
        "check": match pack::check(s, &p) {
            Ok(()) => "honest".to_string(),
            Err(e) => e.to_string(),
        },
    });
    serde_json::to_string_pretty(&all).unwrap() + "\n"
}

/// Compares with the pinned file, or writes it when asked to.
fn check(name: &str, got: &str) {
    let path = pinned_dir().join(name);
    if std::env::var("CALIBER_PIN").as_deref() == Ok("write") {
        std::fs::create_dir_all(pinned_dir()).unwrap();
        std::fs::write(&path, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .replace("\r\n", "\n");
    if want != got {
        let line = want
            .lines()
            .zip(got.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(want.lines().count().min(got.lines().count()));
        let at = |t: &str| t.lines().nth(line).unwrap_or("(end)").to_string();
        panic!(
            "{name} changed at line {}:\n  pinned: {}\n  now:    {}",
            line + 1,
            at(&want),
            at(got)
        );
    }
}

/// Answers the first `n` questions of the rehearsal as of `today`.
fn answer_some(s: &mut Store, today: NaiveDate, n: usize) {
    let ids: Vec<String> = rehearse_store(s, today)
        .unwrap()
        .questions
        .into_iter()
        .step_by(2)
        .take(n)
        .map(|q| q.id)
        .collect();
    assert_eq!(ids.len(), n, "the rehearsal asks enough to answer");
    for (k, id) in ids.iter().enumerate() {
        answer(s, today, id, &format!("It held, answer number {k}.")).unwrap();
    }
}

/// The generated ledger of 3,000 wins, with its asks, feedback, levels set by hand
/// and answers, and the day it is read on.
fn generated() -> (Store, NaiveDate) {
    let today = generator::today();
    let mut records: Records = generator::records(3_000, generator::SEED, today);
    // Asks: one long ago without an answer (waiting), one recent, one answered
    // by feedback since, and one of someone who saw no win of the window.
    let pick = |r: &Records, relation: Relation, skip: usize| {
        r.people
            .iter()
            .filter(|p| p.relation == Some(relation))
            .nth(skip)
            .map(|p| p.name.clone())
            .unwrap()
    };
    let asked = [
        (pick(&records, Relation::Peer, 0), 40),
        (pick(&records, Relation::Partner, 0), 5),
        (pick(&records, Relation::Report, 1), 20),
        (pick(&records, Relation::SkipLevelManager, 0), 60),
    ];
    records.asks = asked
        .iter()
        .map(|(name, days)| FeedbackAsk {
            person_id: 0,
            person_name: name.clone(),
            asked_on: today - Duration::days(*days),
        })
        .collect();
    let mut s = Store::open_in_memory().unwrap();
    s.insert_records(&records, None).unwrap();
    s.add_feedback(&FeedbackDraft {
        person: asked[2].0.clone(),
        date: Some(today - Duration::days(3)),
        quote: "Ran the planning well.".into(),
        ..Default::default()
    })
    .unwrap();

    let window = s.cycle().unwrap();
    let wins = s
        .list_wins(&caliber::WinFilter {
            since: Some(window.start),
            until: Some(window.end),
            ..Default::default()
        })
        .unwrap();
    assert!(
        (250..=400).contains(&wins.len()),
        "{} wins in the window",
        wins.len()
    );
    // Levels set by hand: one raised, one lowered.
    for (w, level) in
        wins.iter()
            .step_by(50)
            .take(4)
            .zip([Level::Above, Level::Below, Level::At, Level::Below])
    {
        if let Some(t) = w.expectations.first() {
            s.set_level(w.id, &t.id, Some(level)).unwrap();
        }
    }
    answer_some(&mut s, today, 3);
    (s, today)
}

#[test]
fn the_plan_and_the_rehearsal_of_a_generated_year_are_unchanged() {
    let (s, today) = generated();
    let got = outputs(&s, today);
    assert!(got.contains("\"status\": \"asked\""), "an ask is pinned");
    assert!(got.contains("waiting"), "a waiting ask is pinned");
    assert!(
        got.contains("It held, answer number 2."),
        "answers are pinned"
    );
    check("generated-3000.json", &got);
}

#[test]
fn the_plan_and_the_rehearsal_of_the_demo_are_unchanged() {
    let today = d("2026-11-20");
    let mut s = Store::open_in_memory().unwrap();
    caliber::demo::load_demo(&mut s, today).unwrap();
    answer_some(&mut s, today, 2);
    check("demo.json", &outputs(&s, today));
}

#[test]
fn the_pack_of_a_generated_year_is_unchanged() {
    let (s, today) = generated();
    let got = pack_outputs(&s, today);
    assert!(got.contains("\"check\": \"honest\""), "the pack is honest");
    check("generated-3000-pack.json", &got);
}

#[test]
fn the_pack_of_the_demo_is_unchanged() {
    let today = d("2026-11-20");
    let mut s = Store::open_in_memory().unwrap();
    caliber::demo::load_demo(&mut s, today).unwrap();
    answer_some(&mut s, today, 2);
    let got = pack_outputs(&s, today);
    assert!(got.contains("\"check\": \"honest\""), "the pack is honest");
    check("demo-pack.json", &got);
}
