//! The levels a cycle takes when its ladder is switched and no level is named: the
//! one rule `caliber cycle set` and the app's Settings both ask the library for.

use caliber::{Cycle, Store};
use chrono::NaiveDate;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A file database whose cycle is on the senior-manager ladder with levels of its own.
fn with_own_levels() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("caliber.db")).unwrap();
    s.set_cycle(&Cycle {
        ladder: "senior-manager".into(),
        current_level: "SDM II".into(),
        target_level: "SDM III".into(),
        start: d("2026-01-01"),
        end: d("2026-12-31"),
        target_date: None,
        is_default: false,
    })
    .unwrap();
    (dir, s)
}

#[test]
fn another_ladder_brings_its_own_levels() {
    let (_dir, s) = with_own_levels();
    let ftm = s.ladder("first-time-manager").unwrap();
    let levels = ftm.levels_after(&s.cycle().unwrap());
    assert_eq!(levels.current_level, ftm.current_level);
    assert_eq!(levels.target_level, ftm.target_level);
}

#[test]
fn the_same_ladder_keeps_the_levels_the_user_set() {
    let (_dir, s) = with_own_levels();
    let sm = s.ladder("senior-manager").unwrap();
    let levels = sm.levels_after(&s.cycle().unwrap());
    assert_eq!(
        (levels.current_level.as_str(), levels.target_level.as_str()),
        ("SDM II", "SDM III")
    );
}

#[test]
fn the_default_cycle_takes_the_ladders_levels() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(&dir.path().join("caliber.db")).unwrap();
    let old = s.cycle().unwrap();
    assert!(old.is_default);
    let l = s.ladder(&old.ladder).unwrap();
    let levels = l.levels_after(&old);
    assert_eq!(levels.current_level, l.current_level);
    assert_eq!(levels.target_level, l.target_level);
}
