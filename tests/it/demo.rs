//! The demo on a real database file: it fills an empty ledger with a year that makes
//! the gap review worth reading (strong delivery and cross-org impact, thin
//! delegation), stays inside its own cycle, never touches a ledger that has wins,
//! and gives the same records for the same day.

use crate::common::d;
use std::collections::HashSet;

use caliber::demo::{demo_records, load_demo};
use caliber::ladder::{builtin_ladder, principles};
use caliber::review::{Inputs, review};
use caliber::store::Records;
use caliber::{Source, Store, Win, WinDraft, WinFilter};
use chrono::Duration;

const TODAY: &str = "2026-03-10";

/// A fresh database file in its own folder (the folder must outlive the store).
fn fresh_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("caliber.db")).unwrap();
    (dir, store)
}

fn wins_for(store: &Store, expectation: &str) -> Vec<Win> {
    store
        .list_wins(&WinFilter {
            expectation: Some(expectation.into()),
            ..WinFilter::default()
        })
        .unwrap()
}

fn confirmed_for(store: &Store, expectation: &str) -> Vec<Win> {
    wins_for(store, expectation)
        .into_iter()
        .filter(|w| {
            w.expectations
                .iter()
                .any(|t| t.id == expectation && t.confirmed)
        })
        .collect()
}

#[test]
fn load_demo_fills_an_empty_database_and_sets_the_cycle() {
    let (_dir, mut store) = fresh_store();
    let today = d(TODAY);
    let records = demo_records(today);
    let summary = load_demo(&mut store, today).unwrap();

    assert_eq!(summary.wins, records.wins.len());
    assert_eq!(summary.people, records.people.len());
    assert_eq!(summary.feedback, records.feedback.len());
    assert!((45..=60).contains(&summary.wins), "{} wins", summary.wins);
    assert!(
        (12..=16).contains(&summary.people),
        "{} people",
        summary.people
    );
    assert!(
        (10..=14).contains(&summary.feedback),
        "{} feedback",
        summary.feedback
    );

    assert_eq!(store.count_wins().unwrap(), summary.wins);
    assert_eq!(store.list_people().unwrap().len(), summary.people);
    assert_eq!(store.list_feedback(None).unwrap().len(), summary.feedback);

    let cycle = store.cycle().unwrap();
    assert!(!cycle.is_default);
    assert_eq!(cycle.ladder, "senior-manager");
    assert_eq!(cycle.current_level, "L6");
    assert_eq!(cycle.target_level, "L7 Senior Manager");
    assert_eq!(cycle.end, today);
    assert_eq!(cycle.start, d("2025-03-11"));
    let ahead = cycle.target_date.unwrap() - today;
    assert!((35..=49).contains(&ahead.num_days()), "target {ahead}");

    // On an empty database the demo's ids are kept: 1..n, oldest first.
    let mut wins = store.list_wins(&WinFilter::default()).unwrap();
    wins.reverse();
    for (i, w) in wins.iter().enumerate() {
        assert_eq!(w.id, i as i64 + 1, "{}", w.title);
        assert_eq!(w.source, Source::Demo);
    }
    assert!(wins.windows(2).all(|p| p[0].date <= p[1].date));
    let people = store.list_people().unwrap();
    let ids: HashSet<i64> = people.iter().map(|p| p.id).collect();
    assert_eq!(ids, (1..=people.len() as i64).collect());
    assert!(
        people
            .iter()
            .all(|p| p.relation.is_some() && p.org.is_some())
    );
}

#[test]
fn the_gap_review_has_strong_medium_and_thin_expectations() {
    let (_dir, mut store) = fresh_store();
    let today = d(TODAY);
    load_demo(&mut store, today).unwrap();

    let ladder = builtin_ladder("senior-manager").unwrap();
    for e in &ladder.expectations {
        assert!(
            !confirmed_for(&store, &e.id).is_empty(),
            "{} has no confirmed win",
            e.id
        );
    }

    // Delegation: thin and old, the gap the demo is built to show.
    let delegation = wins_for(&store, "delegation");
    assert!(
        (1..=2).contains(&delegation.len()),
        "{} delegation wins",
        delegation.len()
    );
    assert!(
        delegation
            .iter()
            .all(|w| today - w.date > Duration::days(180))
    );

    // The floor and the org-level lift: many wins, with outside vouchers.
    for strong in ["team-delivery", "cross-org-impact"] {
        let wins = confirmed_for(&store, strong);
        let vouched = wins.iter().filter(|w| w.is_vouched()).count();
        assert!(wins.len() >= 10, "{strong}: {} wins", wins.len());
        assert!(vouched >= 8, "{strong}: {vouched} vouched");
        assert!(
            wins.iter()
                .any(|w| w.metric.is_some() && w.links.len() == 1)
        );
    }
    for medium in ["hire-develop-managers", "strategy"] {
        let n = confirmed_for(&store, medium).len();
        assert!((4..=10).contains(&n), "{medium}: {n} wins");
    }

    // Peer work is there, but almost nobody named on it would vouch.
    let peers = confirmed_for(&store, "peer-collaboration");
    let vouched = peers.iter().filter(|w| w.is_vouched()).count();
    assert!(peers.len() >= 4, "{} peer wins", peers.len());
    assert!(vouched <= 2, "{vouched} vouched peer wins");

    // Some tags are only suggestions, and a few quick logs carry none at all.
    let all = store.list_wins(&WinFilter::default()).unwrap();
    assert!(
        all.iter()
            .filter(|w| w.expectations.iter().any(|t| !t.confirmed))
            .count()
            >= 5
    );
    assert!(all.iter().any(|w| w.expectations.is_empty()));
    let scopes: HashSet<_> = all.iter().map(|w| w.scope).collect();
    assert_eq!(scopes.len(), 4, "every scope appears: {scopes:?}");
}

#[test]
fn the_review_shows_delegation_as_the_one_gap() {
    let today = d(TODAY);
    let records = demo_records(today);
    let cycle = records.cycle.clone().unwrap();
    let rev = review(&Inputs {
        ladder: builtin_ladder("senior-manager").unwrap(),
        cycle: &cycle,
        wins: &records.wins,
        people: &records.people,
        feedback: &records.feedback,
        own_org: None,
        overrides: &[],
        as_of: today,
    });
    let score = |id: &str| rev.expectations.iter().find(|e| e.id == id).unwrap().score;
    let gaps: Vec<&str> = rev.gaps.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(gaps, ["delegation"]);
    for medium in ["hire-develop-managers", "strategy", "peer-collaboration"] {
        for strong in ["team-delivery", "cross-org-impact"] {
            assert!(score(strong) > score(medium), "{strong} vs {medium}");
        }
        assert!(
            score(medium) > score("delegation"),
            "{medium} vs delegation"
        );
    }
    assert_eq!(rev.providers.unvouched, ["delegation"]);
}

#[test]
fn every_date_is_inside_the_window_and_recent_months_are_denser() {
    let (_dir, mut store) = fresh_store();
    let today = d(TODAY);
    load_demo(&mut store, today).unwrap();
    let cycle = store.cycle().unwrap();

    let wins = store.list_wins(&WinFilter::default()).unwrap();
    for w in &wins {
        assert!(cycle.contains(w.date), "{} on {}", w.title, w.date);
        assert!(w.date < today, "{} is dated today or later", w.title);
        assert_eq!(w.logged_at.date_naive(), w.date, "{}", w.title);
        assert_eq!(w.updated_at, w.logged_at);
    }
    for f in store.list_feedback(None).unwrap() {
        assert!(
            cycle.contains(f.date),
            "feedback from {} on {}",
            f.person_name,
            f.date
        );
    }

    let recent = wins
        .iter()
        .filter(|w| today - w.date <= Duration::days(90))
        .count();
    let older = wins.len() - recent;
    assert!(
        recent * 3 > older,
        "{recent} wins in 3 months vs {older} in the 9 before"
    );
}

#[test]
fn loading_twice_refuses_and_changes_nothing() {
    let (_dir, mut store) = fresh_store();
    let today = d(TODAY);
    load_demo(&mut store, today).unwrap();
    let before = store.all_records().unwrap();

    let err = load_demo(&mut store, today + Duration::days(30)).unwrap_err();
    assert_eq!(err.kind(), "invalid_input");
    let msg = err.to_string();
    assert!(
        msg.contains(&format!("already has {} wins", before.wins.len())),
        "{msg}"
    );
    assert!(msg.contains("caliber demo --db demo.db"), "{msg}");
    assert_eq!(store.all_records().unwrap(), before);
}

#[test]
fn a_real_ledger_is_never_mixed_with_the_demo() {
    let (_dir, mut store) = fresh_store();
    store
        .add_win(&WinDraft::titled("Closed the Q1 hiring plan"))
        .unwrap();
    let cycle = store.cycle().unwrap();

    let err = load_demo(&mut store, d(TODAY)).unwrap_err();
    assert!(err.to_string().contains("already has 1 win;"), "{err}");
    assert_eq!(store.count_wins().unwrap(), 1);
    assert!(store.list_people().unwrap().is_empty());
    assert_eq!(store.cycle().unwrap(), cycle);
}

#[test]
fn demo_records_are_the_same_for_the_same_day() {
    let today = d(TODAY);
    assert_eq!(demo_records(today), demo_records(today));

    // Another day moves every date by the same amount.
    let later = demo_records(today + Duration::days(100));
    let now = demo_records(today);
    assert_eq!(now.wins.len(), later.wins.len());
    for (a, b) in now.wins.iter().zip(&later.wins) {
        assert_eq!(b.date - a.date, Duration::days(100));
        assert_eq!(a.title, b.title);
    }
}

#[test]
fn names_ids_and_principles_line_up() {
    let records = demo_records(d(TODAY));
    let people: Vec<(i64, &str)> = records
        .people
        .iter()
        .map(|p| (p.id, p.name.as_str()))
        .collect();
    let known = principles();
    let ladder = builtin_ladder("senior-manager").unwrap();
    let mut titles = HashSet::new();

    for w in &records.wins {
        assert!(titles.insert(w.title.as_str()), "title twice: {}", w.title);
        for p in &w.people {
            assert!(
                people.contains(&(p.person_id, p.name.as_str())),
                "{} on '{}'",
                p.name,
                w.title
            );
        }
        for id in &w.principles {
            assert!(known.get(id).is_some(), "principle {id} on '{}'", w.title);
        }
        for t in &w.expectations {
            assert!(
                ladder.expectation(&t.id).is_some(),
                "expectation {} on '{}'",
                t.id,
                w.title
            );
        }
    }
    for f in &records.feedback {
        assert!(
            people.contains(&(f.person_id, f.person_name.as_str())),
            "{}",
            f.person_name
        );
        if let Some(e) = &f.expectation {
            assert!(ladder.expectation(e).is_some(), "{e}");
        }
    }
    let feedback_ids: Vec<i64> = records.feedback.iter().map(|f| f.id).collect();
    assert_eq!(
        feedback_ids,
        (1..=records.feedback.len() as i64).collect::<Vec<_>>()
    );
    assert!(records.feedback.windows(2).all(|p| p[0].date <= p[1].date));
}

#[test]
fn a_leap_day_today_still_loads() {
    let (_dir, mut store) = fresh_store();
    let today = d("2028-02-29");
    load_demo(&mut store, today).unwrap();
    let cycle = store.cycle().unwrap();
    assert_eq!(cycle.start, d("2027-03-01"));
    assert!(
        store
            .list_wins(&WinFilter::default())
            .unwrap()
            .iter()
            .all(|w| cycle.contains(w.date))
    );
}

/// The demo for a fixed day, exactly as it was when its data was written as Rust
/// literals (tests/data/demo_records_2026-03-10.json, made from that code): moving
/// the data into an asset may not change a single record.
#[test]
fn demo_records_for_a_fixed_day_are_the_golden_ones() {
    let golden: Records =
        serde_json::from_str(include_str!("../data/demo_records_2026-03-10.json"))
            .expect("the golden demo records parse");
    let now = demo_records(d(TODAY));
    // Sanity: the golden file holds the whole demo, so an empty one cannot pass.
    assert_eq!(
        (
            golden.people.len(),
            golden.wins.len(),
            golden.feedback.len()
        ),
        (14, 54, 12)
    );
    assert_eq!(now.cycle, golden.cycle);
    assert_eq!(now.people.len(), golden.people.len());
    for (a, b) in now.people.iter().zip(&golden.people) {
        assert_eq!(a, b, "person {}", b.id);
    }
    assert_eq!(now.wins.len(), golden.wins.len());
    for (a, b) in now.wins.iter().zip(&golden.wins) {
        assert_eq!(a, b, "win {}", b.id);
    }
    assert_eq!(now.feedback.len(), golden.feedback.len());
    for (a, b) in now.feedback.iter().zip(&golden.feedback) {
        assert_eq!(a, b, "feedback {}", b.id);
    }
    assert_eq!(now, golden);
}
