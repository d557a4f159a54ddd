//! Work the app does while it sits open all year: notice changes other processes
//! (the CLI, a script) made to the database, keep a rolling daily backup, and send
//! the weekly reminder.

use std::time::Duration;

use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_notification::NotificationExt;

use crate::commands::Db;

const WATCH_EVERY: Duration = Duration::from_millis(1500);
const REMINDER_EVERY: u32 = 40; // watch ticks, about a minute
const LAST_FIRED: &str = "reminder_last";

/// Starts the background thread.
pub fn start(app: AppHandle) {
    std::thread::spawn(move || {
        // The baseline is read before the window loads anything, so a write that
        // lands between the first load and the first tick is still noticed.
        let mut last_version: Option<i64> = app.state::<Db>().with(|s| s.data_version()).ok();
        let mut tick: u32 = 0;
        loop {
            std::thread::sleep(WATCH_EVERY);
            let db = app.state::<Db>();
            let version = db.with(|s| s.data_version()).ok();
            if version.is_some() && last_version.is_some() && version != last_version {
                let _ = app.emit("db-changed", ());
            }
            last_version = version.or(last_version);
            tick += 1;
            if tick % REMINDER_EVERY == 1 {
                remind_if_due(&app, &db);
                // Today's rolling backup, once a day while the app is open.
                // (An encrypted database still waiting for its passphrase has none yet.)
                match db.with(|s| s.rolling_backup(chrono::Local::now().date_naive())) {
                    Err(caliber::Error::Passphrase(_)) | Ok(_) => {}
                    Err(e) => eprintln!("caliber: the daily backup failed: {e}"),
                }
            }
        }
    });
}

fn remind_if_due(app: &AppHandle, db: &Db) {
    let now = chrono::Local::now().naive_local();
    let message = db.with(|store| {
        let settings = store.reminder()?;
        let last = store
            .setting(LAST_FIRED)
            .ok()
            .flatten()
            .and_then(|s| chrono::NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M:%S").ok());
        if !settings.is_due(now, last) {
            return Ok(None);
        }
        store.set_setting(LAST_FIRED, &now.format("%Y-%m-%dT%H:%M:%S").to_string())?;
        Ok(Some(
            match caliber::review::review_store(store, now.date()) {
                Ok(r) => caliber::reminder::message(&r),
                Err(_) => "Log this week's wins while you remember them.".to_string(),
            },
        ))
    });
    let Ok(Some(message)) = message else { return };
    let _ = app
        .notification()
        .builder()
        .title("Caliber: log this week's wins")
        .body(message)
        .show();
}
