//! Windows, tray, global shortcut and plugins: the parts of Caliber that need a
//! desktop. Commands live in `commands.rs`, the shared database in `state.rs`,
//! background work in `background.rs`, the benchmark's start-up marks in `bench.rs`.

use std::sync::Once;
use std::time::Duration;

use tauri::menu::{Menu, MenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{
    AppHandle, Emitter, Manager, WebviewUrl, WebviewWindow, WebviewWindowBuilder, WindowEvent,
};
use tauri_plugin_global_shortcut::{GlobalShortcutExt, ShortcutState};

use crate::bench::milestone;
use crate::state::Db;

/// The quick-capture shortcut when the user has not chosen one.
pub const DEFAULT_SHORTCUT: &str = caliber::Setting::DEFAULT_SHORTCUT;

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

/// Opens the database, builds the app with `commands` (every command the UI can
/// call) and runs it until the last window closes.
pub fn run(
    commands: impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static,
) -> Result<(), Box<dyn std::error::Error>> {
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
        .manage(crate::state::Checks::default())
        .invoke_handler(commands)
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
            // now, the person's own once it is unlocked (see `commands::unlock`).
            let shortcut = app
                .state::<Db>()
                .with(|s| s.setting(caliber::Setting::Shortcut))
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

pub fn register_shortcut(app: &AppHandle, shortcut: &str) -> Result<(), String> {
    let gs = app.global_shortcut();
    gs.unregister_all().map_err(|e| e.to_string())?;
    gs.on_shortcut(shortcut, |app, _shortcut, event| {
        if event.state == ShortcutState::Pressed {
            show_capture(app);
        }
    })
    .map_err(|e| e.to_string())
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
