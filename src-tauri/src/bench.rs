//! The start-up marks the app benchmark (`benches/app.sh`) times the start by:
//! silent unless it asks for them with `CALIBER_BENCH_MARK=1`.

use std::sync::Mutex;
use std::time::Duration;

/// Notes a milestone of the start, in ms since the process began, when the app
/// benchmark asks for them (`CALIBER_BENCH_MARK=1`); they go out with the first
/// view's mark, so the benchmark can tell where the time before the page goes.
pub fn milestone(name: &str) {
    static MILESTONES: Mutex<Vec<String>> = Mutex::new(Vec::new());
    if !bench_marks() {
        return;
    }
    let mut list = MILESTONES.lock().unwrap_or_else(|p| p.into_inner());
    if name.is_empty() {
        println!("caliber-app: start ({})", list.join(", "));
        list.clear();
    } else {
        list.push(format!("{name} {}", since_start().as_millis()));
    }
}

/// Whether the app benchmark asked for the start's marks.
pub fn bench_marks() -> bool {
    std::env::var_os("CALIBER_BENCH_MARK").is_some_and(|v| v == "1")
}

/// The time since this process started (Linux: from /proc, so it counts the
/// loading of the program too; elsewhere from the first call).
fn since_start() -> Duration {
    static FIRST: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    #[cfg(target_os = "linux")]
    if let Some(d) = process_age() {
        return d;
    }
    FIRST.get_or_init(std::time::Instant::now).elapsed()
}

#[cfg(target_os = "linux")]
fn process_age() -> Option<Duration> {
    // Field 22 of /proc/self/stat is the start time in clock ticks since boot (100 a
    // second on Linux); /proc/uptime is seconds since boot.
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.get(stat.rfind(')')? + 2..)?;
    let ticks: f64 = after.split_whitespace().nth(19)?.parse().ok()?;
    let uptime: f64 = std::fs::read_to_string("/proc/uptime")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    Some(Duration::from_secs_f64((uptime - ticks / 100.0).max(0.0)))
}
