//! Windows, tray, global shortcut and plugins: the parts of Caliber that need a
//! desktop. Commands live in `commands.rs`, background work in `background.rs`.

use std::sync::{Mutex, Once};
use std::time::Duration;

use tauri::menu::{Menu, MenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{
    AppHandle, Emitter, Manager, State, WebviewUrl, WebviewWindow, WebviewWindowBuilder,
    WindowEvent,
};
use tauri_plugin_global_shortcut::{GlobalShortcutExt, ShortcutState};

use crate::commands::{self, Db};

/// The quick-capture shortcut when the user has not chosen one.
pub const DEFAULT_SHORTCUT: &str = "CmdOrCtrl+Shift+L";

/// The quick-capture window's label and page (a page of its own, with only the
/// capture box's code).
const CAPTURE: &str = "capture";
const CAPTURE_PAGE: &str = "capture.html";

/// How long after the first view the capture window is made ready in the
/// background, and the latest the deferred start-up work waits for a first view
/// that never comes (a locked database waiting on its unlock screen, say).
const CAPTURE_READY_AFTER: Duration = Duration::from_millis(800);
const DEFERRED_AT_THE_LATEST: Duration = Duration::from_secs(6);

/// Whether WebKit should be told not to composite with OpenGL: only when there is no
/// GPU to do it, and the person has not chosen either way themselves.
pub fn composite_in_software(has_gpu: bool, person_chose: bool) -> bool {
    !has_gpu && !person_chose
}

#[cfg(test)]
mod tests {
    #[test]
    fn compositing_is_left_on_with_a_gpu_and_to_the_person_who_chose() {
        assert!(super::composite_in_software(false, false));
        assert!(!super::composite_in_software(true, false));
        assert!(!super::composite_in_software(false, true));
        assert!(!super::composite_in_software(true, true));
    }
}

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

/// Opens the database, builds the app and runs it until the last window closes.
pub fn run() -> Result<(), Box<dyn std::error::Error>> {
    milestone("main");
    let path = caliber::paths::database_path(None)?;
    let opened = caliber::Store::open(&path);
    milestone("db_open");
    match &opened {
        Err(caliber::Error::Passphrase(_)) => {
            eprintln!(
                "caliber: {} is encrypted; the window asks for its passphrase",
                path.display()
            );
        }
        // The window still opens and shows this, so a person launching from a menu sees it.
        Err(e) => eprintln!("caliber: cannot open {}: {e}", path.display()),
        Ok(store) => store
            .notices()
            .iter()
            .for_each(|n| eprintln!("caliber: {n}")),
    }
    let db = Db::new(path, opened);
    tauri::Builder::default()
        .plugin(
            tauri_plugin_window_state::Builder::default()
                .with_denylist(&[CAPTURE])
                .build(),
        )
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_global_shortcut::Builder::new().build())
        .manage(db)
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::list_wins,
            commands::search_wins,
            commands::log_win,
            commands::update_win,
            commands::delete_win,
            commands::undo,
            commands::redo,
            commands::suggest,
            commands::suggest_principles,
            commands::review,
            commands::outline,
            commands::forte,
            commands::outline_text,
            commands::export_outline,
            commands::export_data,
            commands::import_data,
            commands::backup_to,
            commands::restore_from,
            commands::set_passphrase,
            unlock,
            commands::load_demo,
            commands::list_people,
            commands::add_person,
            commands::update_person,
            commands::delete_person,
            commands::match_people,
            commands::person_links,
            commands::list_feedback,
            commands::add_feedback,
            commands::delete_feedback,
            commands::ladders,
            commands::current_ladder,
            commands::principles,
            commands::import_ladder,
            commands::get_cycle,
            commands::set_cycle,
            commands::get_reminder,
            commands::set_reminder,
            commands::get_setting,
            commands::set_setting,
            commands::first_view_rendered,
            set_shortcut,
            open_capture,
            commands::people_overview,
            commands::cycle_levels,
        ])
        .on_page_load(|webview, payload| {
            if webview.label() == "main" {
                milestone(match payload.event() {
                    tauri::webview::PageLoadEvent::Started => "page_started",
                    tauri::webview::PageLoadEvent::Finished => "page_loaded",
                });
            }
        })
        .setup(move |app| {
            milestone("setup");
            let handle = app.handle().clone();
            crate::background::start(handle.clone());
            // The shortcut, the tray and the capture window wait for the first view
            // (the UI says when): grabbing the shortcut from the X server held the
            // page's start back by about half a second here. At the latest they come
            // after a few seconds.
            std::thread::spawn(move || {
                std::thread::sleep(DEFERRED_AT_THE_LATEST);
                after_first_view(&handle);
            });
            Ok(())
        })
        .on_window_event(|window, event| {
            // Closing the capture window only hides it, so it opens instantly next time.
            if window.label() == CAPTURE
                && let WindowEvent::CloseRequested { api, .. } = event
            {
                api.prevent_close();
                let _ = window.hide();
            }
        })
        .run(tauri::generate_context!())?;
    Ok(())
}

/// The start-up work that waits until the first view is on screen (runs once): the
/// quick-capture shortcut, the tray icon, then the hidden capture window, made ready
/// so the shortcut shows it at once. None is needed to see or log wins in the main
/// window.
pub fn after_first_view(app: &AppHandle) {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let app = app.clone();
        std::thread::spawn(move || {
            // An encrypted database still locked has no readable setting: the default
            // now, the person's own once it is unlocked (see `unlock`).
            let shortcut = app
                .state::<Db>()
                .with(|s| s.setting("shortcut"))
                .ok()
                .flatten()
                .unwrap_or_else(|| DEFAULT_SHORTCUT.to_string());
            if let Err(e) = register_shortcut(&app, &shortcut) {
                eprintln!("caliber: the quick-capture shortcut {shortcut} is not available: {e}");
            }
            if let Err(e) = tray(&app) {
                // No tray on this desktop (a bare X server, some Wayland shells): the
                // shortcut and the app's own button still open the capture window.
                eprintln!("caliber: no tray icon: {e}");
            }
            std::thread::sleep(CAPTURE_READY_AFTER);
            if let Err(e) = capture_window(&app) {
                eprintln!("caliber: the capture window could not be made ready: {e}");
            }
        });
    });
}

/// The quick-capture window, made (hidden) if it does not exist yet.
fn capture_window(app: &AppHandle) -> tauri::Result<WebviewWindow> {
    if let Some(w) = app.get_webview_window(CAPTURE) {
        return Ok(w);
    }
    WebviewWindowBuilder::new(app, CAPTURE, WebviewUrl::App(CAPTURE_PAGE.into()))
        .title("Log a win")
        .inner_size(560.0, 190.0)
        .resizable(false)
        .always_on_top(true)
        .skip_taskbar(true)
        .center()
        .visible(false)
        .build()
}

/// Shows the small capture window, focused and ready for typing (made now if the
/// deferred start-up has not made it yet).
pub fn show_capture(app: &AppHandle) {
    match capture_window(app) {
        Ok(w) => {
            let _ = w.center();
            let _ = w.show();
            let _ = w.set_focus();
            let _ = w.emit("capture-open", ());
        }
        Err(e) => eprintln!("caliber: the capture window could not open: {e}"),
    }
}

fn show_main(app: &AppHandle) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.unminimize();
        let _ = w.show();
        let _ = w.set_focus();
    }
}

fn tray(app: &AppHandle) -> tauri::Result<()> {
    let capture = MenuItem::with_id(app, "capture", "Log a win…", true, None::<&str>)?;
    let open = MenuItem::with_id(app, "open", "Open Caliber", true, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", "Quit", true, None::<&str>)?;
    let menu = Menu::with_items(app, &[&capture, &open, &quit])?;
    let mut builder = TrayIconBuilder::with_id("caliber")
        .menu(&menu)
        .tooltip("Caliber");
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    builder
        .on_menu_event(|app, event| match event.id().as_ref() {
            "capture" => show_capture(app),
            "open" => show_main(app),
            "quit" => app.exit(0),
            _ => {}
        })
        .build(app)?;
    Ok(())
}

fn register_shortcut(app: &AppHandle, shortcut: &str) -> Result<(), String> {
    let gs = app.global_shortcut();
    gs.unregister_all().map_err(|e| e.to_string())?;
    gs.on_shortcut(shortcut, |app, _shortcut, event| {
        if event.state == ShortcutState::Pressed {
            show_capture(app);
        }
    })
    .map_err(|e| e.to_string())
}

/// Changes the quick-capture shortcut; the old one keeps working if the new one
/// cannot be registered.
#[tauri::command(async)]
fn set_shortcut(app: AppHandle, db: State<'_, Db>, shortcut: String) -> caliber::Result<()> {
    let old = db
        .with(|s| s.setting("shortcut"))?
        .unwrap_or_else(|| DEFAULT_SHORTCUT.to_string());
    if let Err(e) = register_shortcut(&app, &shortcut) {
        let _ = register_shortcut(&app, &old);
        return Err(caliber::Error::InvalidInput(format!(
            "the shortcut '{shortcut}' cannot be used ({e}); try another, e.g. CmdOrCtrl+Shift+L"
        )));
    }
    db.with(|s| s.set_setting("shortcut", &shortcut))
}

/// Opens the quick-capture window (the app's own button for it).
#[tauri::command]
fn open_capture(app: AppHandle) {
    show_capture(&app);
}

/// Opens an encrypted database with the passphrase typed on the unlock screen, then
/// takes up the user's own quick-capture shortcut, which was unreadable until now.
#[tauri::command(async)]
fn unlock(app: AppHandle, db: State<'_, Db>, passphrase: String) -> caliber::Result<()> {
    db.unlock(&caliber::store::Passphrase::new(passphrase)?)?;
    if let Ok(Some(shortcut)) = db.with(|s| s.setting("shortcut"))
        && let Err(e) = register_shortcut(&app, &shortcut)
    {
        eprintln!("caliber: the quick-capture shortcut {shortcut} is not available: {e}");
    }
    Ok(())
}
