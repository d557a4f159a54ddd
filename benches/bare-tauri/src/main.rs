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
        .run(tauri::generate_context!())
    {
        eprintln!("error: the bare window could not start: {e}");
        std::process::exit(1);
    }
}
