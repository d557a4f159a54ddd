//! Suggestions measured on labelled sets written for the tests without looking at
//! the ladders' signal lists (tests/data/labelled_wins.json for the Amazon ladders,
//! tests/data/labelled_wins_ladders_dev.json, _dev2.json, _dev3.json and _dev4.json
//! for Meta, Google and Microsoft, and _blind.json to check them), and learning from
//! the user's confirmed tags checked on a real database.

use caliber::suggest::{Suggester, log_win, suggest};
use caliber::{ExpectationTag, Store, WinDraft};
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Deserialize)]
struct Item {
    text: String,
    expect: String,
}

fn labelled() -> HashMap<String, Vec<Item>> {
    labelled_from(include_str!("../data/labelled_wins.json"))
}

/// A labelled set: `{"about": ..., "<ladder id>": [{"text", "expect"}], ...}`.
fn labelled_from(text: &str) -> HashMap<String, Vec<Item>> {
    let mut v: HashMap<String, serde_json::Value> = serde_json::from_str(text).unwrap();
    v.remove("about");
    v.into_iter()
        .map(|(k, v)| (k, serde_json::from_value(v).unwrap()))
        .collect()
}

/// (top-1, top-3) accuracy of a suggester on items.
fn accuracy(s: &Suggester, items: &[&Item]) -> (f64, f64) {
    let mut top1 = 0;
    let mut top3 = 0;
    for it in items {
        let got = s.suggest(&it.text);
        if got.first().is_some_and(|g| g.id == it.expect) {
            top1 += 1;
        }
        if got.iter().take(3).any(|g| g.id == it.expect) {
            top3 += 1;
        }
    }
    (
        top1 as f64 / items.len() as f64,
        top3 as f64 / items.len() as f64,
    )
}

/// Ranks each ladder's items by its signals and examples alone, prints top-1 and
/// top-3 with the misses, and asserts both figures for every ladder.
fn measure_ladders(set: HashMap<String, Vec<Item>>, min_top1: f64, min_top3: f64) {
    measure_ladders_against(set, |_| (min_top1, min_top3));
}

/// [`measure_ladders`] with floors (top-1, top-3) per ladder id.
fn measure_ladders_against(set: HashMap<String, Vec<Item>>, floors: impl Fn(&str) -> (f64, f64)) {
    let mut ladders: Vec<_> = set.into_iter().collect();
    ladders.sort_by(|a, b| a.0.cmp(&b.0));
    let mut failed = Vec::new();
    for (ladder_id, items) in ladders {
        let ladder = caliber::ladder::builtin_ladder(&ladder_id).unwrap();
        let s = Suggester::for_ladder(ladder);
        let refs: Vec<&Item> = items.iter().collect();
        let (t1, t3) = accuracy(&s, &refs);
        println!(
            "{ladder_id}: {} wins, top-1 {:.1}%, top-3 {:.1}% (ladder signals and examples only)",
            items.len(),
            t1 * 100.0,
            t3 * 100.0
        );
        for it in &items {
            let got = s.suggest(&it.text);
            if got.first().is_none_or(|g| g.id != it.expect) {
                let top3 = got.iter().take(3).any(|g| g.id == it.expect);
                println!(
                    "  miss{}: want {} got {:?}: {}",
                    if top3 { "" } else { " (not in top 3)" },
                    it.expect,
                    got.iter()
                        .take(2)
                        .map(|g| g.id.as_str())
                        .collect::<Vec<_>>(),
                    it.text
                );
            }
        }
        let (min_top1, min_top3) = floors(&ladder_id);
        if t1 < min_top1 || t3 < min_top3 {
            failed.push(format!(
                "{ladder_id}: top-1 {t1:.3}, top-3 {t3:.3} (floors {min_top1}, {min_top3})"
            ));
        }
    }
    assert!(failed.is_empty(), "below the floors: {failed:?}");
}

#[test]
fn ladder_signals_alone_rank_unseen_wins() {
    measure_ladders(labelled(), 0.80, 0.95);
}

/// The Meta, Google and Microsoft ladders on their development set (written from
/// the expectations' titles and descriptions; the signals were then tuned on it, so
/// these figures are optimistic next to a blind set).
#[test]
fn company_ladders_rank_the_dev_set() {
    measure_ladders(
        labelled_from(include_str!("../data/labelled_wins_ladders_dev.json")),
        0.97,
        1.0,
    );
}

/// The same ladders on a second development set
/// (tests/data/labelled_wins_ladders_dev2.json). It was written blind and measured
/// once as such (google-l7 83.3% / 100%, meta-m2 71.4% / 95.2%, microsoft-66
/// 88.1% / 95.2%, top-1 / top-3); its misses then guided the signals, the examples
/// and the stemmed phrase matching, so it is development data now, and the floors
/// hold what the tuning reached. With the 24 new example wins per expectation,
/// meta-m2 and microsoft-66 each lose one item at top-1 (97.6% to 95.2%). With
/// the second round (about 39 to about 63 to 69 per expectation), meta-m2 wins that
/// item back (97.6%) and microsoft-66 loses one item at top-3 (100% to 97.6%: a
/// platform plan agreed by five teams reads as managers and One Microsoft, not as
/// clarity).
#[test]
fn company_ladders_rank_the_second_dev_set() {
    measure_ladders_against(
        labelled_from(include_str!("../data/labelled_wins_ladders_dev2.json")),
        |ladder| match ladder {
            "google-l7" | "meta-m2" => (0.97, 1.0),
            "microsoft-66" => (0.95, 0.97),
            other => panic!("no floors for {other}"),
        },
    );
}

/// The same ladders on a third development set
/// (tests/data/labelled_wins_ladders_dev3.json), written from each expectation's
/// id, title and description alone, without the ladder files. It was measured once
/// blind (top-1 / top-3): google-l7 76.8% / 98.2%, meta-m2 79.2% / 97.9%,
/// microsoft-66 76.8% / 91.1%. It was first read again after the ladders' example
/// wins grew from about 15 to about 39 per expectation (24 new ones each, written
/// from the descriptions without any test set), so it is development data now; the
/// floors hold what that reached, rounded down. After the second round of example
/// wins (30 more per expectation for google-l7 and microsoft-66, 24 for meta-m2):
/// google-l7 85.7% / 100%, meta-m2 87.5% / 100% (one item fewer at top-1),
/// microsoft-66 83.9% / 98.2%.
#[test]
fn company_ladders_rank_the_third_dev_set() {
    measure_ladders_against(
        labelled_from(include_str!("../data/labelled_wins_ladders_dev3.json")),
        |ladder| match ladder {
            "google-l7" => (0.85, 1.0),
            "meta-m2" => (0.87, 1.0),
            "microsoft-66" => (0.83, 0.98),
            other => panic!("no floors for {other}"),
        },
    );
}

/// The same ladders on a fourth development set
/// (tests/data/labelled_wins_ladders_dev4.json), written from each expectation's
/// id, title and description alone, without the ladder files. It was measured once
/// blind, after the ladders' example wins grew to about 39 per expectation (top-1 /
/// top-3): google-l7 80.4% / 98.2%, meta-m2 91.7% / 100%, microsoft-66 87.5% /
/// 96.4%. It was first read again after a second round of example wins (30 more per
/// expectation for google-l7 and microsoft-66, 24 for meta-m2, written from the
/// descriptions without any test set), so it is development data now; the floors
/// hold what that reached, rounded down: google-l7 83.9% / 100%, meta-m2 91.7% /
/// 100%, microsoft-66 91.1% / 96.4%.
#[test]
fn company_ladders_rank_the_fourth_dev_set() {
    measure_ladders_against(
        labelled_from(include_str!("../data/labelled_wins_ladders_dev4.json")),
        |ladder| match ladder {
            "google-l7" => (0.83, 1.0),
            "meta-m2" => (0.91, 1.0),
            "microsoft-66" => (0.91, 0.96),
            other => panic!("no floors for {other}"),
        },
    );
}

/// The same ladders on a fresh blind set
/// (tests/data/labelled_wins_ladders_blind.json), written from each expectation's
/// id, title and description alone, without the ladder files, and measured once
/// after the second round of example wins (about 63 to 69 per expectation).
/// Measured (top-1 / top-3): google-l7 89.3% / 98.2%, meta-m2 97.9% / 100%,
/// microsoft-66 85.7% / 98.2%: all three meet both targets (85% / 97%).
/// The floors hold what was measured, rounded down; tuning on this set would make
/// it development data, so new wording is tried on the dev sets.
#[test]
fn company_ladders_rank_the_blind_set() {
    measure_ladders_against(
        labelled_from(include_str!("../data/labelled_wins_ladders_blind.json")),
        |ladder| match ladder {
            "google-l7" => (0.89, 0.98),
            "meta-m2" => (0.97, 1.0),
            "microsoft-66" => (0.85, 0.98),
            other => panic!("no floors for {other}"),
        },
    );
}

#[test]
fn learning_from_confirmed_tags_helps_on_held_out_wins() {
    // Two folds: learn from one half as if the user had confirmed it, test on the other.
    for (ladder_id, items) in labelled() {
        let ladder = caliber::ladder::builtin_ladder(&ladder_id).unwrap();
        let (mut base1, mut learned1, mut n) = (0.0, 0.0, 0.0);
        for fold in 0..2 {
            let train: Vec<(String, Vec<String>)> = items
                .iter()
                .enumerate()
                .filter(|(i, _)| i % 2 == fold)
                .map(|(_, it)| (it.text.clone(), vec![it.expect.clone()]))
                .collect();
            let test: Vec<&Item> = items
                .iter()
                .enumerate()
                .filter(|(i, _)| i % 2 != fold)
                .map(|(_, it)| it)
                .collect();
            let plain = Suggester::for_ladder(ladder);
            let mut taught = Suggester::for_ladder(ladder);
            taught.learn(&train);
            base1 += accuracy(&plain, &test).0 * test.len() as f64;
            learned1 += accuracy(&taught, &test).0 * test.len() as f64;
            n += test.len() as f64;
        }
        println!(
            "{ladder_id}: held-out top-1 {:.1}% from the ladder alone, {:.1}% after learning the other half",
            base1 / n * 100.0,
            learned1 / n * 100.0
        );
        // The ladder already covers generic phrasing; learning is for the user's own
        // words (next test). Here it must at least not cost accuracy.
        assert!(
            learned1 >= base1 - 0.03 * n,
            "{ladder_id}: learning cost more than 3 points"
        );
    }
}

#[test]
fn a_new_database_suggests_from_the_first_win_and_learns_the_users_words() {
    let mut s = Store::open_in_memory().unwrap();
    let top = suggest(&s, "Hired two managers for the payments org").unwrap();
    assert_eq!(top[0].id, "hire-develop-managers");
    assert!(
        top.windows(2).all(|w| w[0].score >= w[1].score),
        "best first"
    );

    // "Kestrel" means nothing to the ladder; this user files it under delegation.
    let before = suggest(&s, "Kestrel sync went fine").unwrap();
    assert!(before.first().is_none_or(|g| g.id != "delegation"));
    for i in 0..12 {
        s.add_win(&WinDraft {
            expectations: vec![ExpectationTag {
                id: "delegation".into(),
                confirmed: true,
            }],
            ..WinDraft::titled(format!("Kestrel sync number {i} ran by Omar"))
        })
        .unwrap();
    }
    let after = suggest(&s, "Kestrel sync went fine").unwrap();
    assert_eq!(after[0].id, "delegation", "{after:?}");
}

#[test]
fn logging_without_tags_stores_the_best_suggestion_unconfirmed() {
    let mut s = Store::open_in_memory().unwrap();
    let w = log_win(
        &mut s,
        &WinDraft::titled("Priya now runs the weekly ops review without me"),
    )
    .unwrap();
    assert_eq!(
        w.expectations,
        vec![ExpectationTag {
            id: "delegation".into(),
            confirmed: false
        }]
    );
    let tagged = log_win(
        &mut s,
        &WinDraft {
            expectations: vec![ExpectationTag {
                id: "strategy".into(),
                confirmed: true,
            }],
            ..WinDraft::titled("Priya now runs the weekly ops review without me")
        },
    )
    .unwrap();
    assert_eq!(
        tagged.expectations.len(),
        1,
        "the user's own tag is kept as it is"
    );
    let nothing = log_win(&mut s, &WinDraft::titled("Lunch")).unwrap();
    assert!(
        nothing.expectations.is_empty(),
        "no evidence, no suggestion"
    );
}

#[test]
fn principles_are_suggested_too() {
    let got = caliber::suggest::suggest_principles("Cut AWS spend by 30% without adding headcount");
    assert_eq!(got[0].id, "frugality", "{got:?}");
}

#[test]
fn a_stored_model_suggests_exactly_what_a_fresh_one_does() {
    let ladder = caliber::ladder::builtin_ladder("senior-manager").unwrap();
    let mut fresh = Suggester::for_ladder(ladder);
    fresh.learn(&[
        ("Kestrel sync ran by Omar".into(), vec!["delegation".into()]),
        (
            "Wrote the payments strategy".into(),
            vec!["strategy".into()],
        ),
    ]);
    let bytes = fresh.model_bytes();
    let stored = Suggester::from_model(ladder, &bytes).expect("a model reads back");
    assert_eq!(stored.learned_from(), 2);
    for items in labelled().values() {
        for item in items {
            assert_eq!(stored.suggest(&item.text), fresh.suggest(&item.text));
        }
    }
    // Damaged bytes are refused (then the caller trains anew), never half-read.
    for cut in [0, 5, 17, bytes.len() / 2, bytes.len() - 1] {
        assert!(
            Suggester::from_model(ladder, &bytes[..cut]).is_none(),
            "cut at {cut}"
        );
    }
    let mut extra = bytes.clone();
    extra.push(0);
    assert!(Suggester::from_model(ladder, &extra).is_none());
    let other = caliber::ladder::builtin_ladder("first-time-manager").unwrap();
    if other.expectations.len() != ladder.expectations.len() {
        assert!(Suggester::from_model(other, &bytes).is_none());
    }
}

/// The stored model must follow every change to what it learned from: new
/// confirmed tags, edits that take a tag back, deletions and undo.
#[test]
fn the_stored_model_follows_confirmations_edits_deletes_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caliber.db");
    let mut s = Store::open(&path).unwrap();
    let text = "Kestrel sync went fine";
    let first = log_win(&mut s, &WinDraft::titled(text)).unwrap();
    assert!(first.expectations.iter().all(|t| t.id != "delegation"));

    let epoch = s.learning_epoch().unwrap();
    let mut ids = Vec::new();
    for i in 0..12 {
        let w = s
            .add_win(&WinDraft {
                expectations: vec![ExpectationTag {
                    id: "delegation".into(),
                    confirmed: true,
                }],
                ..WinDraft::titled(format!("Kestrel sync number {i} ran by Omar"))
            })
            .unwrap();
        ids.push(w.id);
    }
    assert!(s.learning_epoch().unwrap() > epoch);
    // A new process (a fresh Store) reads the stored model or trains anew; either
    // way it must have learned the twelve confirmed wins.
    drop(s);
    let mut s = Store::open(&path).unwrap();
    let learned = log_win(&mut s, &WinDraft::titled(text)).unwrap();
    assert_eq!(learned.expectations[0].id, "delegation");
    // The same again, now certainly from the stored model.
    assert_eq!(suggest(&s, text).unwrap()[0].id, "delegation");

    // Taking the tags back (edit to unconfirmed) must unlearn them.
    for id in &ids {
        let w = s.win(*id).unwrap();
        let mut d = WinDraft::from(&w);
        d.expectations = vec![];
        s.update_win(*id, &d).unwrap();
    }
    assert_ne!(suggest(&s, text).unwrap()[0].id, "delegation");
    // Undo the last edit and delete it: each moves the epoch.
    let before = s.learning_epoch().unwrap();
    s.undo().unwrap();
    let after_undo = s.learning_epoch().unwrap();
    assert!(after_undo > before, "undo moves the epoch");
    s.delete_win(ids[11]).unwrap();
    assert!(
        s.learning_epoch().unwrap() > after_undo,
        "delete moves the epoch"
    );
}

#[test]
fn a_damaged_stored_model_is_trained_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caliber.db");
    let mut s = Store::open(&path).unwrap();
    log_win(&mut s, &WinDraft::titled("Hired two managers")).unwrap();
    drop(s);
    let raw = rusqlite::Connection::open(&path).unwrap();
    let n = raw
        .execute("UPDATE suggester_cache SET model = x'00ff'", [])
        .unwrap();
    assert_eq!(n, 1, "log stored a model");
    drop(raw);
    let mut s = Store::open(&path).unwrap();
    let w = log_win(&mut s, &WinDraft::titled("Hired two managers for payments")).unwrap();
    assert_eq!(w.expectations[0].id, "hire-develop-managers");
}

/// A log refused for its title leaves every table as it was: the suggester trained
/// on the way keeps its model to itself rather than caching it for a win never saved.
#[test]
fn a_refused_log_does_not_cache_the_suggester() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("caliber.db");
    crate::common::cal(&db)
        .env("CALIBER_TODAY", "2026-06-15")
        .arg("demo")
        .assert()
        .success();
    let before = crate::common::fingerprint(&db);
    crate::common::cal(&db)
        .args(["log", "   "])
        .assert()
        .code(2);
    assert!(
        crate::common::fingerprint(&db) == before,
        "a refused log changed the database"
    );
}

/// An assistant's tags are suggestions whatever it sends: only the user confirms.
#[test]
fn a_win_from_an_assistant_keeps_its_tags_as_suggestions() {
    let mut s = Store::open_in_memory().unwrap();
    let w = log_win(
        &mut s,
        &WinDraft {
            expectations: vec![ExpectationTag {
                id: "strategy".into(),
                confirmed: true,
            }],
            source: caliber::Source::Assistant,
            ..WinDraft::titled("Argued for one shared fraud model in planning")
        },
    )
    .unwrap();
    assert_eq!(
        w.expectations,
        vec![ExpectationTag {
            id: "strategy".into(),
            confirmed: false
        }]
    );
    assert_eq!(s.win(w.id).unwrap().source, caliber::Source::Assistant);
}

/// A stem is matched against the start of one word, so a stem that `words` splits
/// in two ("step back", "on-call") never matches anything: it belongs in phrases.
#[test]
fn every_builtin_stem_is_one_word() {
    let mut signals: Vec<(String, &caliber::ladder::Signals)> = Vec::new();
    for ladder in caliber::ladder::builtin_ladders() {
        for e in &ladder.expectations {
            signals.push((format!("{}/{}", ladder.id, e.id), &e.signals));
        }
    }
    for p in &caliber::ladder::principles().principles {
        signals.push((format!("principles/{}", p.id), &p.signals));
    }
    let mut bad = Vec::new();
    for (at, s) in signals {
        for stem in &s.stems {
            if caliber::suggest::words(stem) != [stem.clone()] {
                bad.push(format!("{at}: stem {stem:?}"));
            }
        }
    }
    assert!(bad.is_empty(), "stems that can never match: {bad:?}");
}

/// A two-expectation ladder whose only evidence is the given phrases.
fn phrase_ladder(peer: &[&str], delivery: &[&str]) -> caliber::Ladder {
    let list = |p: &[&str]| serde_json::to_string(p).unwrap();
    let text = format!(
        r#"{{"id":"mine","name":"Mine","current_level":"A","target_level":"B",
        "expectations":[
          {{"id":"peer","title":"Peers","description":"Work with peers",
            "signals":{{"phrases":{}}}}},
          {{"id":"delivery","title":"Delivery","description":"Ship",
            "signals":{{"phrases":{}}}}}]}}"#,
        list(peer),
        list(delivery)
    );
    caliber::Ladder::from_json(&text, "mine.json").expect("a valid ladder")
}

/// A phrase is read by its words' stems: a ladder saying "tough conversation"
/// also hears "tough conversations" and "handing off", not only its exact words.
#[test]
fn a_phrase_matches_other_forms_of_its_words() {
    let s = Suggester::for_ladder(&phrase_ladder(&["tough conversation", "hand off"], &[]));
    for text in [
        "Two tough conversations with Policy on teen defaults",
        "Handing off the launch review to Sam",
        "Hands off: the forum runs itself",
    ] {
        let got = s.suggest(text);
        assert_eq!(
            got.first().map(|g| g.id.as_str()),
            Some("peer"),
            "{text}: {got:?}"
        );
    }
    assert!(
        s.suggest("A conversation that was tough").is_empty(),
        "words out of order"
    );
}

/// One word inside a phrase still counts, for less than the phrase itself: "joint
/// semester plan" reads as "joint plan", but weaker than the exact words.
#[test]
fn a_phrase_with_one_word_inside_counts_for_less() {
    let s = Suggester::for_ladder(&phrase_ladder(&["joint plan"], &["joint semester plan"]));
    let got = s.suggest("Joint semester plan and shared OKRs with Dynamics");
    assert_eq!(got[0].id, "delivery", "the exact phrase wins: {got:?}");
    assert_eq!(
        got[1].id, "peer",
        "the phrase with a word inside counts: {got:?}"
    );
    assert!(got[1].score < got[0].score, "{got:?}");
    assert!(
        s.suggest("Joint plan for the whole semester")
            .first()
            .is_some_and(|g| g.id == "peer"),
        "the exact phrase"
    );
    assert!(
        Suggester::for_ladder(&phrase_ladder(&["joint plan"], &[]))
            .suggest("Joint work across the semester plan")
            .is_empty(),
        "two words inside are too many"
    );
}
