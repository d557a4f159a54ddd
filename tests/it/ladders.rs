//! The ladders of the other big companies (Meta M2, Google L7, Microsoft 66): listed
//! beside Amazon's, each with its own document shape, and a cycle switched between
//! them keeps every win and its links.

use crate::common::{cal, text};
use serde_json::Value;

/// The built-in ladders, in the order `caliber ladder list` shows them.
const BUILTIN: [&str; 5] = [
    "senior-manager",
    "first-time-manager",
    "meta-m2",
    "google-l7",
    "microsoft-66",
];

fn json(db: &std::path::Path, args: &[&str]) -> Value {
    let out = cal(db).args(args).arg("--json").assert().success();
    let s = text(&out.get_output().stdout);
    serde_json::from_str(&s).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {s}"))
}

#[test]
fn ladder_list_lists_all_five_builtin_ladders() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = dir.path().join("caliber.db");
    let list = json(&db, &["ladder", "list"]);
    let ids: Vec<&str> = list
        .as_array()
        .expect("a list")
        .iter()
        .map(|l| l["id"].as_str().expect("an id"))
        .collect();
    assert_eq!(ids, BUILTIN);
    let out = cal(&db).args(["ladder", "list"]).assert().success();
    let out = text(&out.get_output().stdout);
    for id in BUILTIN {
        assert!(out.contains(id), "{id} missing from: {out}");
    }
    for id in ["meta-m2", "google-l7", "microsoft-66"] {
        let l = json(&db, &["ladder", "show", id]);
        let exps = l["expectations"].as_array().expect("expectations");
        assert!(
            (5..=7).contains(&exps.len()),
            "{id} has {} expectations",
            exps.len()
        );
        for e in exps {
            let eid = e["id"].as_str().expect("an id");
            assert!(
                caliber::ladder::is_slug(eid),
                "{id}: {eid} is not kebab-case"
            );
            assert!(!e["title"].as_str().unwrap_or("").trim().is_empty());
            assert!(!e["description"].as_str().unwrap_or("").trim().is_empty());
        }
    }
}

/// The expectation ids of the new ladders are fixed once shipped: wins, labelled sets
/// and the switching maps refer to them.
#[test]
fn new_ladders_have_the_fixed_ids() {
    let ids = |id: &str| {
        caliber::ladder::builtin_ladder(id)
            .unwrap_or_else(|| panic!("{id} is built in"))
            .expectation_ids()
            .join(" ")
    };
    assert_eq!(
        ids("meta-m2"),
        "project-impact people scale-through-managers direction engineering-excellence xfn-partnership"
    );
    assert_eq!(
        ids("google-l7"),
        "impact people-development empowerment vision-strategy technical-leadership collaboration citizenship"
    );
    assert_eq!(
        ids("microsoft-66"),
        "deliver-results model-coach-care empower-managers create-clarity contribute-to-others one-microsoft security"
    );
}
