//! Killing the CLI at random moments (SIGKILL, no chance to clean up) never costs a
//! saved win: after every kill the file passes `integrity_check`, every win whose
//! `caliber log` printed an id is there, and a killed import left all or nothing.
//! A short version for the test suite; set CALIBER_CRASH_ROUNDS for a long run.
#![cfg(unix)]

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use caliber::Store;

fn rounds() -> usize {
    std::env::var("CALIBER_CRASH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40)
}

/// A small deterministic generator, so a failing run can be repeated.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

fn caliber(db: &std::path::Path) -> Command {
    crate::common::caliber(db)
}

#[test]
fn killed_logs_never_lose_a_saved_win_or_corrupt_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db");
    drop(Store::open(&db).unwrap());
    let mut rng = Lcg(0x5eed_c0de);
    let mut confirmed: Vec<i64> = Vec::new();
    let mut killed = 0;
    for round in 0..rounds() {
        let mut child = caliber(&db)
            .args([
                "log",
                &format!("Crash round {round}: shipped the thing"),
                "--tag",
                "crash",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kill somewhere between "just started" and "probably done".
        std::thread::sleep(Duration::from_micros(rng.next() % 90_000));
        if child.kill().is_ok() {
            killed += 1;
        }
        let status = child.wait().unwrap();
        let mut out = String::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        if let Ok(id) = out.trim().parse::<i64>() {
            // It printed an id: the win must be there, whatever happened after.
            confirmed.push(id);
        } else {
            assert!(
                !status.success() || out.is_empty(),
                "exit {status:?} without an id: {out}"
            );
        }
        let store = Store::open(&db).unwrap();
        assert_eq!(
            store.integrity_check().unwrap(),
            "ok",
            "after round {round}"
        );
        for id in &confirmed {
            assert!(
                store.win(*id).is_ok(),
                "win {id} printed by a killed log is missing after round {round}"
            );
        }
    }
    println!(
        "{} rounds, {killed} kill signals sent, {} wins confirmed by a printed id",
        rounds(),
        confirmed.len()
    );
}

#[test]
fn a_killed_import_leaves_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("import.db");
    // A CSV big enough that a kill often lands mid-import.
    let csv = dir.path().join("wins.csv");
    let mut text = String::from("date,title,expectations\n");
    for i in 0..3000 {
        text.push_str(&format!(
            "2026-0{}-1{},Imported win number {i},team-delivery\n",
            1 + i % 9,
            i % 10
        ));
    }
    std::fs::write(&csv, text).unwrap();
    drop(Store::open(&db).unwrap());
    let mut rng = Lcg(42);
    let mut outcomes = (0, 0);
    for round in 0..(rounds() / 4).max(5) {
        let before = Store::open(&db).unwrap().count_wins().unwrap();
        let mut child = caliber(&db)
            .arg("import")
            .arg(&csv)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        std::thread::sleep(Duration::from_millis(rng.next() % 2_500));
        let _ = child.kill();
        let _ = child.wait();
        let store = Store::open(&db).unwrap();
        assert_eq!(
            store.integrity_check().unwrap(),
            "ok",
            "after round {round}"
        );
        let after = store.count_wins().unwrap();
        // The same file twice adds nothing the second time, so the only valid
        // outcomes are "nothing" and "all 3000 (once)".
        match after - before {
            0 => outcomes.0 += 1,
            3000 => outcomes.1 += 1,
            n => {
                panic!(
                    "a killed import left {n} of 3000 wins after {:?}",
                    started.elapsed()
                );
            }
        }
    }
    println!(
        "killed imports: {} left nothing, {} had finished",
        outcomes.0, outcomes.1
    );
}
