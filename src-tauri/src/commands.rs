//! Every IPC command the UI can call, and the list the app registers (`handler`):
//! each a one-liner over the library, or over the shell for its windows and
//! shortcut. Errors cross as the library's `{ kind, message }`, which the UI shows
//! to the person.

use std::path::PathBuf;

use caliber::check::{CheckOptions, Report};
use caliber::ladder::ShortForm;
use caliber::names::NameMatch;
use caliber::outline::{Outline, OutlineFormat, ShortReview};
use caliber::reminder::ReminderSettings;
use caliber::review::Review;
use caliber::store::{EncryptionChange, ImportSummary, Passphrase, PersonLinks, UndoReply};
use caliber::suggest::Suggestion;
use caliber::{
    Cycle, Error, Feedback, FeedbackDraft, Ladder, Person, PersonDraft, Result, Win, WinDraft,
    WinFilter,
};
use serde::Serialize;
use tauri::{AppHandle, State};

use crate::shell::{DEFAULT_SHORTCUT, register_shortcut, show_capture};
use crate::state::Db;

/// Every command the UI can call, registered with the app by `shell::run`.
pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        app_info,
        list_wins,
        search_wins,
        log_win,
        update_win,
        delete_win,
        undo,
        redo,
        suggest,
        suggest_principles,
        review,
        outline,
        short_review,
        outline_text,
        export_outline,
        export_data,
        import_data,
        backup_to,
        restore_from,
        set_passphrase,
        unlock,
        load_demo,
        list_people,
        add_person,
        update_person,
        delete_person,
        match_people,
        person_links,
        list_feedback,
        add_feedback,
        delete_feedback,
        ladders,
        current_ladder,
        principles,
        import_ladder,
        get_cycle,
        set_cycle,
        get_reminder,
        set_reminder,
        get_setting,
        set_setting,
        first_view_rendered,
        set_shortcut,
        open_capture,
        people_overview,
        cycle_levels,
        review_wins,
        set_win_level,
        calibration,
        ask_feedback,
        unask_feedback,
        rehearse_answer,
        check_draft,
        export_pack,
    ]
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
    /// (tests/it/ts_types.rs writes the rest and the index).
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
pub fn short_review(db: State<'_, Db>) -> Result<ShortReview> {
    db.with(|s| caliber::outline::short_review_store(s, today(), ShortForm::Ladder))
}

/// The outline, or the short review texts with the user's edits in place, as
/// Markdown for the clipboard.
#[tauri::command(async)]
pub fn outline_text(
    db: State<'_, Db>,
    short_review: bool,
    edits: Option<Vec<caliber::outline::ShortEdit>>,
) -> Result<String> {
    db.with(|s| {
        let bytes = caliber::outline::write_store(
            s,
            today(),
            short_review.then_some(ShortForm::Ladder),
            &edits.unwrap_or_default(),
            OutlineFormat::Markdown,
        )?;
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
    short_review: bool,
    force: Option<bool>,
) -> Result<()> {
    db.with(|s| {
        let bytes = caliber::outline::write_store(
            s,
            today(),
            short_review.then_some(ShortForm::Ladder),
            &[],
            format,
        )?;
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
    db.with(|s| s.setting(key.as_str()))
}

#[tauri::command(async)]
pub fn set_setting(db: State<'_, Db>, key: String, value: String) -> Result<()> {
    // Only the UI's own preferences; the cycle and reminder have checked commands.
    let key: caliber::Setting = key.parse()?;
    if !key.ui_may_set() {
        return Err(Error::InvalidInput(format!(
            "'{key}' is not a setting the app can change"
        )));
    }
    db.with(|s| s.set_setting(key, &value))
}

/// The UI's first view is on screen: the start-up work that can wait (tray icon,
/// the capture window made ready) begins now. With `CALIBER_BENCH_MARK=1` this also
/// prints the mark `benches/app.sh` times the start by, with the UI's milestones
/// (ms since the page began to load).
#[tauri::command]
pub fn first_view_rendered(app: tauri::AppHandle, marks: String) {
    if crate::bench::bench_marks() {
        crate::bench::milestone("");
        println!("caliber-app: first view ({marks})");
    }
    crate::shell::after_first_view(&app);
}

/// Changes the quick-capture shortcut; the old one keeps working if the new one
/// cannot be registered.
#[tauri::command(async)]
fn set_shortcut(app: AppHandle, db: State<'_, Db>, shortcut: String) -> caliber::Result<()> {
    let old = db
        .with(|s| s.setting(caliber::Setting::Shortcut))?
        .unwrap_or_else(|| DEFAULT_SHORTCUT.to_string());
    if let Err(e) = register_shortcut(&app, &shortcut) {
        let _ = register_shortcut(&app, &old);
        return Err(caliber::Error::InvalidInput(format!(
            "the shortcut '{shortcut}' cannot be used ({e}); try another, e.g. CmdOrCtrl+Shift+L"
        )));
    }
    db.with(|s| s.set_setting(caliber::Setting::Shortcut, &shortcut))
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
    if let Ok(Some(shortcut)) = db.with(|s| s.setting(caliber::Setting::Shortcut))
        && let Err(e) = register_shortcut(&app, &shortcut)
    {
        eprintln!("caliber: the quick-capture shortcut {shortcut} is not available: {e}");
    }
    Ok(())
}

// Rules the UI reads from the library instead of computing them itself.

/// Who vouches for what, the coverage of each expectation and the providers.
#[tauri::command(async)]
pub fn people_overview(db: State<'_, Db>) -> Result<caliber::people::PeopleOverview> {
    db.with(|s| caliber::people::overview(s))
}

/// The levels the cycle form takes when the user picks `ladder`.
#[tauri::command(async)]
pub fn cycle_levels(db: State<'_, Db>, ladder: String) -> Result<caliber::CycleLevels> {
    db.with(|s| Ok(s.ladder(&ladder)?.levels_after(&s.cycle()?)))
}

/// The wins the review lists under its expectations, each with the level it shows
/// for each of its expectations and why (the library judges; the UI only shows).
#[tauri::command(async)]
pub fn review_wins(db: State<'_, Db>, ids: Vec<i64>) -> Result<Vec<caliber::WinView>> {
    db.with(|s| caliber::level::views_of(s, &ids))
}

/// Sets the level a win shows for one of its expectations, or with `null` lets the
/// ladder's rules judge it again.
#[tauri::command(async)]
pub fn set_win_level(
    db: State<'_, Db>,
    id: i64,
    expectation: String,
    level: Option<caliber::Level>,
) -> Result<()> {
    db.with(|s| s.set_level(id, &expectation, level))
}

// Before calibration: the feedback plan, the rehearsal and the sponsor pack.

/// Marks person `id` as asked for feedback today (one undo step).
#[tauri::command(async)]
pub fn ask_feedback(db: State<'_, Db>, id: i64) -> Result<caliber::FeedbackAsk> {
    db.with(|s| s.ask_feedback(id, today()))
}

/// Takes back that person `id` was asked (one undo step).
#[tauri::command(async)]
pub fn unask_feedback(db: State<'_, Db>, id: i64) -> Result<()> {
    db.with(|s| s.unask_feedback(id))
}

/// Keeps the user's answer to question `id`; an empty answer is refused.
#[tauri::command(async)]
pub fn rehearse_answer(
    db: State<'_, Db>,
    id: String,
    text: String,
) -> Result<caliber::rehearse::Question> {
    db.with(|s| caliber::rehearse::answer(s, today(), &id, &text))
}

/// Everything the Calibration view shows, over one read of the cycle: the
/// feedback plan, the rehearsal, and the sponsor pack as HTML checked for figures
/// the evidence does not hold (or why there is none).
#[tauri::command(async)]
pub fn calibration(db: State<'_, Db>) -> Result<caliber::pack::CalibrationView> {
    db.with(|s| caliber::pack::calibration(s, today())?.view())
}

/// Writes the sponsor pack to `path`; `force` as for [`export_outline`].
#[tauri::command(async)]
pub fn export_pack(
    db: State<'_, Db>,
    path: PathBuf,
    format: OutlineFormat,
    force: Option<bool>,
) -> Result<()> {
    db.with(|s| {
        let force = force.unwrap_or(false);
        caliber::paths::check_output(&path, s.path(), force)?;
        let pack = caliber::pack::build(s, today())?;
        caliber::pack::check(s, &pack)?;
        let bytes = caliber::pack::render(&pack, format)?;
        caliber::paths::write_output(&path, &bytes, s.path(), force).map(|_| ())
    })
}

/// Checks a draft pasted into the Outline view against the ledger, as `caliber
/// check` checks a file: the findings, or the library's message for text it will
/// not check (over the size limit, empty).
#[tauri::command(async)]
pub fn check_draft(
    db: State<'_, Db>,
    checks: State<'_, crate::state::Checks>,
    text: String,
    options: CheckOptions,
) -> Result<Report> {
    db.with(|s| {
        // Locked after the database, as every caller does; a check that failed
        // midway leaves nothing half-kept: start afresh.
        let mut cache = checks.0.lock().unwrap_or_else(|poisoned| {
            let mut c = poisoned.into_inner();
            *c = caliber::check::LedgerCache::default();
            c
        });
        caliber::check::check_given(&mut cache, s, &text, &options, "the pasted draft")
    })
}
