//! Search on a real SQLite file: words match their other forms ("hiring" finds
//! "Hired"), prefixes still match while a word is being typed, and phrases and
//! -excluded words keep working.

use crate::common::d;
use caliber::{Store, WinDraft};

fn log(s: &mut Store, title: &str, notes: Option<&str>) -> i64 {
    let mut w = WinDraft::titled(title);
    w.date = Some(d("2026-03-01"));
    w.notes = notes.map(str::to_string);
    s.add_win(&w).expect("the win is saved").id
}

fn found(s: &Store, q: &str) -> Vec<i64> {
    let mut ids: Vec<i64> = s
        .search(q, None)
        .unwrap_or_else(|e| panic!("{q}: {e}"))
        .iter()
        .map(|w| w.id)
        .collect();
    ids.sort_unstable();
    ids
}

struct Ledger {
    _dir: tempfile::TempDir,
    store: Store,
    hired: i64,
    hires: i64,
    hire: i64,
    hiring_notes: i64,
    payments_strategy: i64,
    payments: i64,
    review: i64,
    org: i64,
}

fn ledger() -> Ledger {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("search.db")).unwrap();
    let hired = log(&mut s, "Hired two managers for the payments org", None);
    let hires = log(&mut s, "Team hires its first PM", None);
    let hire = log(&mut s, "Approved the hire of a staff engineer", None);
    let hiring_notes = log(
        &mut s,
        "Ran the loop for a director",
        Some("Hiring bar raised"),
    );
    let payments_strategy = log(&mut s, "Payments strategy adopted by the org", None);
    let payments = log(&mut s, "Payments outage avoided", None);
    let review = log(&mut s, "Priya runs the weekly ops review now", None);
    let org = log(&mut s, "Reorganization of the platform organization", None);
    log(&mut s, "Wrote the on-call runbook", None);
    Ledger {
        _dir: dir,
        store: s,
        hired,
        hires,
        hire,
        hiring_notes,
        payments_strategy,
        payments,
        review,
        org,
    }
}

#[test]
fn a_word_finds_its_other_forms() {
    let l = ledger();
    let mut want = vec![l.hired, l.hires, l.hire, l.hiring_notes];
    want.sort_unstable();
    for q in ["hiring", "hired", "hires", "hire", "Hiring"] {
        assert_eq!(found(&l.store, q), want, "{q}");
    }
    // Wins with the word in the title come before those with it in the details.
    let order: Vec<i64> = l
        .store
        .search("hiring", None)
        .unwrap()
        .iter()
        .map(|w| w.id)
        .collect();
    assert_eq!(order.last(), Some(&l.hiring_notes), "{order:?}");
}

#[test]
fn prefixes_match_while_a_word_is_typed() {
    let l = ledger();
    for q in [
        "hir",
        "pay",
        "paym",
        "payme",
        "organ",
        "organi",
        "organiz",
        "organizati",
    ] {
        assert!(!found(&l.store, q).is_empty(), "{q} finds nothing");
    }
    assert_eq!(found(&l.store, "organiz"), vec![l.org]);
    assert_eq!(found(&l.store, "revi"), vec![l.review]);
    // A whole word matches its stem, not words that merely start with the stem:
    // "runs" (stem "run") does not find "runbook".
    assert_eq!(found(&l.store, "runs"), vec![l.review]);
}

#[test]
fn exclusions_and_phrases_still_work() {
    let l = ledger();
    assert_eq!(
        found(&l.store, "payments -strategy"),
        vec![l.hired, l.payments]
    );
    // An excluded word leaves out its other forms too.
    assert_eq!(
        found(&l.store, "payment -strategies"),
        vec![l.hired, l.payments]
    );
    assert_eq!(found(&l.store, "payments -strategy -outage"), vec![l.hired]);
    assert_eq!(found(&l.store, "\"weekly ops review\""), vec![l.review]);
    assert_eq!(found(&l.store, "\"review ops weekly\""), Vec::<i64>::new());
    assert_eq!(
        found(&l.store, "\"payments strategy\""),
        vec![l.payments_strategy]
    );
}

#[test]
fn the_command_line_search_finds_other_forms() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let run = |args: &[&str]| {
        let out = crate::common::cal(&db).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    run(&["log", "Hired two managers for the payments org"]);
    let out = run(&["search", "hiring"]);
    assert!(out.contains("Hired two managers"), "{out}");
}

#[test]
fn the_limit_keeps_the_newest_and_no_win_comes_twice() {
    let mut l = ledger();
    let both = log(&mut l.store, "Hired a manager", Some("hiring went fast"));
    let ids = |q: &str, n: Option<usize>| -> Vec<i64> {
        l.store.search(q, n).unwrap().iter().map(|w| w.id).collect()
    };
    // Titles first, newest first; then the details.
    assert_eq!(
        ids("hiring", None),
        vec![both, l.hire, l.hires, l.hired, l.hiring_notes]
    );
    assert_eq!(ids("hiring", Some(2)), vec![both, l.hire]);
    assert_eq!(
        ids("hiring", Some(5)),
        vec![both, l.hire, l.hires, l.hired, l.hiring_notes]
    );
    assert_eq!(
        ids("hiring -went", None),
        vec![l.hire, l.hires, l.hired, l.hiring_notes]
    );
    assert_eq!(
        ids("hiring -go", None).len(),
        5,
        "an excluded word is whole"
    );
}

#[test]
fn a_page_from_an_offset_is_that_slice_of_the_whole_result() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("pages.db")).unwrap();
    // Matches in the title and matches in the details only, interleaved in time, so
    // pages cross from the first kind to the second.
    for i in 0..45 {
        if i % 3 == 0 {
            log(&mut s, &format!("Ran review {i}"), Some("hiring loop"));
        } else {
            log(&mut s, &format!("Hiring push {i}"), None);
        }
        log(&mut s, &format!("Unrelated work {i}"), None);
    }
    let ids = |v: Vec<caliber::Win>| v.into_iter().map(|w| w.id).collect::<Vec<i64>>();
    for q in ["hiring", "hir -push", "\"hiring loop\""] {
        let all = ids(s.search(q, None).unwrap());
        assert!(!all.is_empty(), "{q} finds something");
        for (offset, limit) in [(0, 7), (7, 7), (25, 10), (28, 100), (44, 3), (200, 5)] {
            let page = ids(s.search_page(q, offset, Some(limit)).unwrap());
            let want: Vec<i64> = all.iter().skip(offset).take(limit).copied().collect();
            assert_eq!(page, want, "{q}: {limit} from {offset}");
        }
        assert_eq!(
            ids(s.search_page(q, 5, None).unwrap()),
            all[5.min(all.len())..].to_vec()
        );
    }
}
