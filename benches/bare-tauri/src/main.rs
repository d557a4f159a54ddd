//! A bare Tauri window: the floor Caliber's start is measured against.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// The page is on screen: the same mark Caliber prints for its first view.
#[tauri::command]
fn first_view_rendered(marks: String) {
    if std::env::var_os("CALIBER_BENCH_MARK").is_some_and(|v| v == "1") {
        println!("bare-tauri: first view ({marks})");
    }
}

fn main() {
    if let Err(e) = tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![first_view_rendered])
        .on_page_load(|_, payload| {
            // The same process milestones Caliber prints before its mark.
            if payload.event() == tauri::webview::PageLoadEvent::Started
                && std::env::var_os("CALIBER_BENCH_MARK").is_some_and(|v| v == "1")
            {
                println!("bare-tauri: start (page_started {})", age_ms());
            }
        })
        .run(tauri::generate_context!())
    {
        eprintln!("error: the bare window could not start: {e}");
        std::process::exit(1);
    }
}

/// Milliseconds since this process started (from /proc, Linux).
fn age_ms() -> u64 {
    let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
    let stat = read("/proc/self/stat");
    let ticks: f64 = stat
        .rsplit(')')
        .next()
        .and_then(|s| s.split_whitespace().nth(19))
        .and_then(|t| t.parse().ok())
        .unwrap_or(0.0);
    let up: f64 = read("/proc/uptime")
        .split_whitespace()
        .next()
        .and_then(|u| u.parse().ok())
        .unwrap_or(0.0);
    ((up - ticks / 100.0) * 1000.0) as u64
}
