//! Search query handling: `store::fts_query` and `Store::search` on an in-memory
//! ledger holding a few wins. Whatever a person types, FTS5 never sees raw syntax:
//! either the search runs, or it is refused as input with a message.
//!
//! The first byte is the result limit (0: no limit); the rest is the search text.
#![no_main]

use caliber::store::fts_query;
use caliber::{Store, WinDraft};
use caliber_fuzz::{assert_input_error, text};
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

const TITLES: &[&str] = &[
    "Hired two managers for the payments org",
    "Cut checkout p99 latency from 900 ms to 580 ms",
    "Handed the weekly ops review to Dana's team (now run without me)",
    "Wrote the 2026 planning narrative, adopted by 3 orgs: \"AND\" OR NOT * ^",
    "Ünïcödé wins: 日本語の検索 and émoji 🎉 right-to-left שלום",
];

thread_local! {
    // Opened once: the search is read-only, so every input sees the same ledger.
    static LEDGER: Store = ledger();
}

fn ledger() -> Store {
    let mut store = match Store::open_in_memory() {
        Ok(s) => s,
        Err(e) => panic!("an in-memory store must open: {e}"),
    };
    for (i, title) in TITLES.iter().enumerate() {
        let draft = WinDraft {
            date: NaiveDate::from_ymd_opt(2026, 1, 1 + i as u32),
            title: (*title).to_string(),
            notes: Some(format!("notes of win {i}: coaching, hiring, strategy")),
            tags: vec!["fuzz".into()],
            ..WinDraft::default()
        };
        if let Err(e) = store.add_win(&draft) {
            panic!("a seed win must be added: {e}");
        }
    }
    store
}

fuzz_target!(|data: &[u8]| {
    let Some((&limit, rest)) = data.split_first() else {
        return;
    };
    let limit = (limit != 0).then_some(usize::from(limit % 8));
    let typed = text(rest);
    let query = fts_query(&typed);
    if let Err(e) = &query {
        assert_input_error(e, "fts_query");
    }
    LEDGER.with(|store| match (store.search(&typed, limit), query) {
        (Ok(found), Ok(_)) => {
            if let Some(n) = limit {
                assert!(
                    found.len() <= n,
                    "{} results over the limit {n}",
                    found.len()
                );
            }
        }
        (Err(e), Ok(q)) => {
            panic!("fts_query accepted '{typed}' as {q}, but the search failed: {e}")
        }
        (Ok(_), Err(e)) => panic!("fts_query refused '{typed}' ({e}), but the search ran"),
        (Err(e), Err(q)) => {
            assert_input_error(&e, "Store::search");
            assert_eq!(e.to_string(), q.to_string(), "two messages for one refusal");
        }
    });
});
