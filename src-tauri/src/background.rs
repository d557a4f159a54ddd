//! Work the app does while it sits open all year: notice changes other processes
//! (the CLI, a script) made to the database, keep a rolling daily backup, and send
//! the weekly reminder.

use std::time::Duration;

use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_notification::NotificationExt;

use crate::state::Db;

const WATCH_EVERY: Duration = Duration::from_millis(1500);
const REMINDER_EVERY: u32 = 40; // watch ticks, about a minute
const LAST_FIRED: caliber::Setting = caliber::Setting::ReminderLast;

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
            // About a minute after start, then every minute: not during the first view.
            if tick % REMINDER_EVERY == 0 {
                remind_if_due(&app, &db);
                daily_backup(&db);
            }
        }
    });
}

/// Today's rolling backup, once a day while the app is open. It is copied over a
/// connection of its own, so the window's commands do not wait for the copy (at ten
/// years of wins, a second or two). An encrypted database still waiting for its
/// passphrase has none yet.
fn daily_backup(db: &Db) {
    let today = chrono::Local::now().date_naive();
    // Most minutes there is nothing to do: a second connection (for an encrypted
    // database, a key derivation) only when today's copy is missing.
    if !db
        .with(|s| Ok(s.rolling_backup_due(today)))
        .unwrap_or(false)
    {
        return;
    }
    let made = db
        .with(|s| s.reopen())
        .and_then(|other| other.rolling_backup(today));
    match made {
        Err(caliber::Error::Passphrase(_)) | Ok(_) => {}
        Err(e) => eprintln!("caliber: the daily backup failed: {e}"),
    }
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
            match caliber::reminder::weekly_message(store, now.date()) {
                Ok(m) => m,
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
