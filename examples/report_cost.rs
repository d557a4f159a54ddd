//! Runs one report of the calibration reports on a ready database a number of
//! times and prints the time of each call, so its cost can be read without
//! criterion: under `valgrind --tool=callgrind`, two runs with different counts
//! give the instructions of one call (their difference over the extra calls),
//! whatever else the machine is doing.
//!
//! ```sh
//! cargo run --release --example bench_data -- --size 100000 --out target/bench/data
//! cargo run --release --example report_cost -- target/bench/data/caliber-100000.db pack 5
//! ```
//!
//! Reports: `pack` (build), `pack-check` (build and honesty check), `plan`,
//! `rehearse`, `review`. The day is the generator's last (2026-06-30).

use std::time::Instant;

use caliber::Store;
use chrono::NaiveDate;

fn main() {
    if let Err(e) = run() {
        eprintln!("report_cost: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [db, report, calls] = args.as_slice() else {
        return Err("usage: report_cost DB pack|pack-check|plan|rehearse|review CALLS".into());
    };
    let calls: usize = calls.parse()?;
    let store = Store::open(std::path::Path::new(db))?;
    let today = NaiveDate::from_ymd_opt(2026, 6, 30).ok_or("date")?;
    for n in 0..calls {
        let t = Instant::now();
        match report.as_str() {
            "pack" => drop(caliber::pack::build(&store, today)?),
            "pack-check" => {
                let p = caliber::pack::build(&store, today)?;
                caliber::pack::check(&store, &p)?;
            }
            "plan" => drop(caliber::feedback_plan::plan_store(&store, today)?),
            "rehearse" => drop(caliber::rehearse::rehearse_store(&store, today)?),
            "review" => drop(caliber::review::review_store(&store, today)?),
            other => return Err(format!("unknown report {other}").into()),
        }
        println!(
            "{report} call {}: {:.2} ms",
            n + 1,
            t.elapsed().as_secs_f64() * 1e3
        );
    }
    Ok(())
}
