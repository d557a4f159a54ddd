//! The IPC commands: each a one-liner over the library. Errors cross as the
//! library's `{ kind, message }`, which the UI shows to the person.

use std::path::PathBuf;
use std::sync::Mutex;

use caliber::names::NameMatch;
use caliber::outline::{Forte, Outline, OutlineFormat};
use caliber::reminder::ReminderSettings;
use caliber::review::Review;
use caliber::store::{EncryptionChange, ImportSummary, Passphrase, PersonLinks, UndoReply};
use caliber::suggest::Suggestion;
use caliber::{
    Cycle, Error, Feedback, FeedbackDraft, Ladder, Person, PersonDraft, Result, Store, Win,
    WinDraft, WinFilter,
};
use serde::Serialize;
use tauri::State;

/// The database, shared by every command: open; encrypted and waiting for its
/// passphrase (the window shows the unlock screen); or why it could not be opened,
/// so the window can say so instead of the app vanishing at start.
pub struct Db(Mutex<DbState>);

enum DbState {
    Open(Store),
    Locked(PathBuf),
    Failed(caliber::ErrorReport),
}

impl Db {
    /// Wraps the result of opening the database at `path`.
    pub fn new(path: PathBuf, opened: Result<Store>) -> Db {
        Db(Mutex::new(match opened {
            Ok(store) => DbState::Open(store),
            Err(Error::Passphrase(_)) => DbState::Locked(path),
            Err(e) => DbState::Failed(caliber::ErrorReport::from(&e)),
        }))
    }

    fn state(&self) -> std::sync::MutexGuard<'_, DbState> {
        // A poisoned lock only means an earlier command panicked; the store is intact.
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` on the store, or says why there is none.
    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        match &mut *self.state() {
            DbState::Open(store) => f(store),
            DbState::Locked(path) => Err(Error::Passphrase(format!(
                "this database is encrypted: enter its passphrase to open {}",
                path.display()
            ))),
            DbState::Failed(report) => Err(could_not_open(report)),
        }
    }

    /// Opens the encrypted database with `key`; a wrong one leaves it locked.
    pub fn unlock(&self, key: &Passphrase) -> Result<()> {
        let mut state = self.state();
        if let DbState::Locked(path) = &*state {
            let store = Store::open_with(path, Some(key))?;
            store
                .notices()
                .iter()
                .for_each(|n| eprintln!("caliber: {n}"));
            *state = DbState::Open(store);
        }
        match &*state {
            DbState::Open(_) => Ok(()),
            DbState::Failed(report) => Err(could_not_open(report)),
            DbState::Locked(_) => Err(Error::InvalidInput(
                "Caliber could not open its database; see the message in the window".into(),
            )),
        }
    }
}

/// Why the database could not be opened, with the library's kind kept (the
/// window tells a damaged file from a newer one by it).
fn could_not_open(report: &caliber::ErrorReport) -> Error {
    Error::Reported(caliber::ErrorReport {
        kind: report.kind,
        message: format!("Caliber could not open its database: {}", report.message),
    })
}

fn today() -> chrono::NaiveDate {
    caliber::dates::today()
}

/// What the UI needs to know at start.
#[derive(Serialize, ts_rs::TS)]
pub struct AppInfo {
    /// The database file in use.
    db_path: String,
    /// The app's version.
    version: &'static str,
    /// How many wins the ledger holds.
    wins: usize,
    /// The cycle in force.
    cycle: Cycle,
    /// Whether the database is encrypted with a passphrase.
    encrypted: bool,
}

#[cfg(test)]
mod tests {
    use ts_rs::{Config, TS};

    /// The app's own IPC types join the library's in the UI's generated folder
    /// (tests/ts_types.rs writes the rest and the index).
    #[test]
    fn app_info_type_is_generated_for_the_ui() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/generated");
        let cfg = Config::new().with_large_int("number").with_out_dir(&dir);
        super::AppInfo::export(&cfg).unwrap();
        assert!(dir.join("AppInfo.ts").exists());
    }
}

#[tauri::command(async)]
pub fn app_info(db: State<'_, Db>) -> Result<AppInfo> {
    db.with(|s| {
        Ok(AppInfo {
            db_path: s
                .path()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            version: env!("CARGO_PKG_VERSION"),
            wins: s.count_wins()?,
            cycle: s.cycle()?,
            encrypted: s.is_encrypted(),
        })
    })
}

#[tauri::command(async)]
pub fn list_wins(db: State<'_, Db>, filter: WinFilter) -> Result<Vec<Win>> {
    db.with(|s| s.list_wins(&filter))
}

#[tauri::command(async)]
pub fn search_wins(
    db: State<'_, Db>,
    query: String,
    limit: Option<usize>,
    offset: Option<usize>,
) -> Result<Vec<Win>> {
    db.with(|s| s.search_page(&query, offset.unwrap_or(0), limit))
}

#[tauri::command(async)]
pub fn log_win(db: State<'_, Db>, mut draft: WinDraft) -> Result<Win> {
    draft.source = caliber::Source::App;
    db.with(|s| caliber::suggest::log_win(s, &draft))
}

#[tauri::command(async)]
pub fn update_win(db: State<'_, Db>, id: i64, draft: WinDraft) -> Result<Win> {
    db.with(|s| s.update_win(id, &draft))
}

#[tauri::command(async)]
pub fn delete_win(db: State<'_, Db>, id: i64) -> Result<Win> {
    db.with(|s| s.delete_win(id))
}

#[tauri::command(async)]
pub fn undo(db: State<'_, Db>) -> Result<UndoReply> {
    db.with(|s| s.undo_reply())
}

#[tauri::command(async)]
pub fn redo(db: State<'_, Db>) -> Result<UndoReply> {
    db.with(|s| s.redo_reply())
}

#[tauri::command(async)]
pub fn suggest(db: State<'_, Db>, text: String) -> Result<Vec<Suggestion>> {
    db.with(|s| caliber::suggest::suggest(s, &text))
}

#[tauri::command(async)]
pub fn suggest_principles(text: String) -> Vec<Suggestion> {
    caliber::suggest::suggest_principles(&text)
}

#[tauri::command(async)]
pub fn review(db: State<'_, Db>) -> Result<Review> {
    db.with(|s| caliber::review::review_store(s, today()))
}

#[tauri::command(async)]
pub fn outline(db: State<'_, Db>) -> Result<Outline> {
    db.with(|s| caliber::outline::outline_store(s, today()))
}

#[tauri::command(async)]
pub fn forte(db: State<'_, Db>) -> Result<Forte> {
    db.with(|s| caliber::outline::forte_store(s, today()))
}

#[tauri::command(async)]
pub fn outline_text(db: State<'_, Db>, forte: bool) -> Result<String> {
    db.with(|s| {
        let bytes = if forte {
            caliber::outline::render_forte(
                &caliber::outline::forte_store(s, today())?,
                OutlineFormat::Markdown,
            )?
        } else {
            caliber::outline::render(
                &caliber::outline::outline_store(s, today())?,
                OutlineFormat::Markdown,
            )?
        };
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    })
}

/// Writes the outline to `path`. `force` is true once the save dialog asked
/// whether to replace an existing file and the person said yes; a database is
/// refused whatever it says (the library's rule for every output).
#[tauri::command(async)]
pub fn export_outline(
    db: State<'_, Db>,
    path: PathBuf,
    format: OutlineFormat,
    forte: bool,
    force: Option<bool>,
) -> Result<()> {
    db.with(|s| {
        let bytes = if forte {
            caliber::outline::render_forte(&caliber::outline::forte_store(s, today())?, format)?
        } else {
            caliber::outline::render(&caliber::outline::outline_store(s, today())?, format)?
        };
        caliber::paths::write_output(&path, &bytes, s.path(), force.unwrap_or(false)).map(|_| ())
    })
}

/// Exports the data to `path`; `force` as for [`export_outline`].
#[tauri::command(async)]
pub fn export_data(
    db: State<'_, Db>,
    path: PathBuf,
    format: String,
    force: Option<bool>,
) -> Result<()> {
    db.with(|s| {
        let text = caliber::io::export(s, format.parse()?)?;
        caliber::paths::write_output(&path, text.as_bytes(), s.path(), force.unwrap_or(false))
            .map(|_| ())
    })
}

#[tauri::command(async)]
pub fn import_data(
    db: State<'_, Db>,
    path: PathBuf,
    format: Option<String>,
) -> Result<ImportSummary> {
    let format = format.map(|f| f.parse()).transpose()?;
    db.with(|s| caliber::io::import_file(s, &path, format))
}

/// Backs the database up to `path`; `force` as for [`export_outline`].
#[tauri::command(async)]
pub fn backup_to(db: State<'_, Db>, path: PathBuf, force: Option<bool>) -> Result<()> {
    db.with(|s| s.backup_file(&path, force.unwrap_or(false)).map(|_| ()))
}

#[tauri::command(async)]
pub fn restore_from(
    db: State<'_, Db>,
    path: PathBuf,
    passphrase: Option<String>,
) -> Result<caliber::store::RestoreSummary> {
    let key = passphrase.map(Passphrase::new).transpose()?;
    db.with(|s| s.restore_from(&path, key.as_ref()))
}

/// Encrypts the database, changes its passphrase, or (with none) decrypts it. The
/// passphrase stays in memory; it is never written to settings or logs.
#[tauri::command(async)]
pub fn set_passphrase(db: State<'_, Db>, passphrase: Option<String>) -> Result<EncryptionChange> {
    let key = passphrase.map(Passphrase::new).transpose()?;
    db.with(|s| s.change_encryption(key.as_ref()))
}

#[tauri::command(async)]
pub fn load_demo(db: State<'_, Db>) -> Result<caliber::demo::DemoSummary> {
    db.with(|s| caliber::demo::load_demo(s, today()))
}

#[tauri::command(async)]
pub fn list_people(db: State<'_, Db>) -> Result<Vec<Person>> {
    db.with(|s| s.list_people())
}

#[tauri::command(async)]
pub fn add_person(db: State<'_, Db>, draft: PersonDraft) -> Result<Person> {
    db.with(|s| s.add_person(&draft))
}

#[tauri::command(async)]
pub fn update_person(db: State<'_, Db>, id: i64, draft: PersonDraft) -> Result<Person> {
    db.with(|s| s.update_person(id, &draft))
}

#[tauri::command(async)]
pub fn delete_person(db: State<'_, Db>, id: i64) -> Result<Person> {
    db.with(|s| s.delete_person(id))
}

/// Who each typed name means: the Log asks about names that fit several people or
/// nobody before it saves, instead of adding someone silently.
#[tauri::command(async)]
pub fn match_people(db: State<'_, Db>, names: Vec<String>) -> Result<Vec<NameMatch>> {
    db.with(|s| names.iter().map(|n| s.match_person(n)).collect())
}

/// What deleting a person takes off the reports, asked before deleting.
#[tauri::command(async)]
pub fn person_links(db: State<'_, Db>, id: i64) -> Result<PersonLinks> {
    db.with(|s| s.person_links(id))
}

#[tauri::command(async)]
pub fn list_feedback(db: State<'_, Db>) -> Result<Vec<Feedback>> {
    db.with(|s| s.list_feedback(None))
}

#[tauri::command(async)]
pub fn add_feedback(db: State<'_, Db>, draft: FeedbackDraft) -> Result<Feedback> {
    db.with(|s| s.add_feedback(&draft))
}

#[tauri::command(async)]
pub fn delete_feedback(db: State<'_, Db>, id: i64) -> Result<Feedback> {
    db.with(|s| s.delete_feedback(id))
}

#[tauri::command(async)]
pub fn ladders(db: State<'_, Db>) -> Result<Vec<Ladder>> {
    db.with(|s| s.ladders())
}

#[tauri::command(async)]
pub fn current_ladder(db: State<'_, Db>) -> Result<Ladder> {
    db.with(|s| s.current_ladder())
}

#[tauri::command(async)]
pub fn principles() -> caliber::ladder::PrincipleSet {
    caliber::ladder::principles().clone()
}

#[tauri::command(async)]
pub fn import_ladder(db: State<'_, Db>, path: PathBuf) -> Result<Ladder> {
    let ladder = Ladder::from_file(&path)?;
    db.with(|s| s.import_ladder(&ladder))?;
    Ok(ladder)
}

#[tauri::command(async)]
pub fn get_cycle(db: State<'_, Db>) -> Result<Cycle> {
    db.with(|s| s.cycle())
}

#[tauri::command(async)]
pub fn set_cycle(db: State<'_, Db>, cycle: Cycle) -> Result<Cycle> {
    db.with(|s| s.set_cycle(&cycle))
}

#[tauri::command(async)]
pub fn get_reminder(db: State<'_, Db>) -> Result<ReminderSettings> {
    db.with(|s| s.reminder())
}

#[tauri::command(async)]
pub fn set_reminder(db: State<'_, Db>, reminder: ReminderSettings) -> Result<()> {
    db.with(|s| s.set_reminder(&reminder))
}

#[tauri::command(async)]
pub fn get_setting(db: State<'_, Db>, key: String) -> Result<Option<String>> {
    db.with(|s| s.setting(&key))
}

#[tauri::command(async)]
pub fn set_setting(db: State<'_, Db>, key: String, value: String) -> Result<()> {
    // Only the UI's own preferences; the cycle and reminder have checked commands.
    if !["shortcut", "theme", "org", "onboarded"].contains(&key.as_str()) {
        return Err(Error::InvalidInput(format!(
            "'{key}' is not a setting the app can change"
        )));
    }
    db.with(|s| s.set_setting(&key, &value))
}

/// The UI's first view is on screen: the start-up work that can wait (tray icon,
/// the capture window made ready) begins now. With `CALIBER_BENCH_MARK=1` this also
/// prints the mark `benches/app.sh` times the start by, with the UI's milestones
/// (ms since the page began to load).
#[tauri::command]
pub fn first_view_rendered(app: tauri::AppHandle, marks: String) {
    if crate::shell::bench_marks() {
        crate::shell::milestone("");
        println!("caliber-app: first view ({marks})");
    }
    crate::shell::after_first_view(&app);
}
