//! End-to-end tests of the real Caliber app: the debug binary runs in a real window
//! (under Xvfb in CI) and is driven through tauri-driver and WebKitWebDriver, the
//! way a person would use it, with the CLI checking what reached the database.
//!
//! They need a display, tauri-driver and built binaries, so plain `cargo test`
//! skips them (`#[ignore]`); `.ci/e2e` builds everything, starts Xvfb and runs them
//! one at a time with `--ignored --test-threads=1`.
//!
//! Each test gets its own temporary database (`CALIBER_DB`), its own XDG folders
//! and its own tauri-driver on free ports, so no test sees another's data. Every
//! process a test starts is ended by its pid when the test ends, pass or fail, and
//! a failing test leaves a screenshot and the driver's log in
//! `target/e2e-screenshots/`.
//!
//! Paths can be overridden: `CALIBER_E2E_APP` (the app binary), `CALIBER_E2E_CLI`
//! (the CLI binary), `TAURI_DRIVER` (the driver).

use std::collections::HashSet;
use std::future::Future;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

type Error = Box<dyn std::error::Error + Send + Sync>;
type Result<T, E = Error> = std::result::Result<T, E>;

/// How long to wait for the UI to show something before failing.
const WAIT: Duration = Duration::from_secs(10);
/// How often to look again while waiting.
const POLL: Duration = Duration::from_millis(150);
/// The WebDriver code of the Enter key.
const ENTER: &str = "\u{E007}";
const CONTROL: char = '\u{E009}';
const SHIFT: char = '\u{E008}';

/// Polls `$check` (an expression of type `Result<Option<T>>`, evaluated anew each
/// time and free to `.await`) until it gives `Some`, for at most `$timeout`.
/// Errors while polling are retried: the UI re-renders under our feet.
macro_rules! eventually {
    ($timeout:expr, $what:expr, $check:expr) => {{
        let timeout: Duration = $timeout;
        let deadline = Instant::now() + timeout;
        let mut last: Option<String> = None;
        loop {
            match $check {
                Ok(Some(v)) => break Ok::<_, Error>(v),
                Ok(None) => {}
                // Debug, not Display: WebDriver's "no such element" displays as empty.
                Err(e) => last = Some(format!("{e:?}").chars().take(300).collect()),
            }
            if Instant::now() >= deadline {
                let why = last
                    .map(|e| format!(" (last error: {e})"))
                    .unwrap_or_default();
                break Err(
                    format!("timed out after {timeout:?} waiting for {}{why}", $what).into(),
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }};
}

// The accessibility audits and the keyboard-only run (declared after the macro they use).
#[path = "e2e/a11y.rs"]
mod a11y;
#[path = "e2e/keyboard.rs"]
mod keyboard;

// ---------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run .ci/e2e"]
async fn a_capture_box_logs_a_win_the_cli_can_see() {
    e2e(
        "a_capture_box_logs_a_win_the_cli_can_see",
        &[],
        |app| async move {
            app.start_own().await?;
            let title = "Shipped the e2e ledger export, 3 teams unblocked";
            app.capture(title).await?;

            let texts = app.wait_for_win(title).await?;
            assert_eq!(texts.len(), 1, "one win in the timeline, got {texts:?}");

            let listed = app.cli(&["list", "--json"]).await?;
            let wins: Value = serde_json::from_str(&listed)?;
            let titles: Vec<&str> = wins
                .as_array()
                .ok_or("`caliber list --json` did not print an array")?
                .iter()
                .filter_map(|w| w["title"].as_str())
                .collect();
            assert_eq!(titles, [title], "the CLI sees the win the app logged");
            Ok(())
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run .ci/e2e"]
async fn b_a_win_logged_by_the_cli_appears_in_the_open_app() {
    e2e(
        "b_a_win_logged_by_the_cli_appears_in_the_open_app",
        &[],
        |app| async move {
            app.start_own().await?;
            // The app has been open a while, as it is all year long (its watcher looks
            // every 1.5 s; the first seconds after start are the test below).
            tokio::time::sleep(Duration::from_secs(3)).await;
            let title = "Closed the vendor contract from a terminal";
            app.cli(&["log", title]).await?;
            // No click, no focus change: the app must notice the other process's write.
            app.wait_for_win(title).await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run .ci/e2e"]
async fn b2_a_win_logged_by_the_cli_right_after_the_app_opens_appears() {
    let seed: &[&[&str]] = &[&["log", "Ran the hiring calibration for 3 teams"]];
    e2e(
        "b2_a_win_logged_by_the_cli_right_after_the_app_opens_appears",
        seed,
        |app| async move {
            // The timeline has loaded; log from a terminal at once, as a script run at
            // login would, before the app's change watcher has looked even once.
            app.wait_for_win("hiring calibration").await?;
            let title = "Signed the data-sharing agreement with Risk";
            app.cli(&["log", title]).await?;
            app.wait_for_win(title).await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run .ci/e2e"]
async fn c_search_keeps_only_matching_wins() {
    let seed: &[&[&str]] = &[
        &["log", "Hired two managers for the payments org"],
        &["log", "Shipped checkout v2, conversion up 4%"],
        &["log", "Ran the quarterly planning offsite"],
    ];
    e2e(
        "c_search_keeps_only_matching_wins",
        seed,
        |app| async move {
            let all = eventually!(
                WAIT,
                "the three seeded wins",
                app.win_texts().await.map(|t| (t.len() == 3).then_some(t))
            )?;
            assert!(all.iter().any(|t| t.contains("offsite")), "{all:?}");

            app.type_into("search-input", "checkout").await?;
            let left = eventually!(
                WAIT,
                "only the checkout win after searching",
                app.win_texts().await.map(|t| (t.len() == 1).then_some(t))
            )?;
            assert!(
                left[0].contains("Shipped checkout v2"),
                "search kept the wrong win: {left:?}"
            );

            app.type_into("search-input", "zebra-no-such-word").await?;
            eventually!(
                WAIT,
                "no win for a word no win has",
                app.win_texts().await.map(|t| t.is_empty().then_some(()))
            )?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run .ci/e2e"]
async fn d_edit_then_delete_then_undo() {
    let old = "Wrote the incident review";
    let seed: &[&[&str]] = &[&["log", old]];
    e2e("d_edit_then_delete_then_undo", seed, |app| async move {
        app.wait_for_win(old).await?;
        app.click_in_win(old, "win-edit").await?;

        let new = "Wrote the incident review that fixed paging for 4 teams";
        let input = app.wait_for("[data-testid=edit-title]").await?;
        replace_text(&input, new).await?;
        app.click("edit-save").await?;
        eventually!(
            WAIT,
            "the edited title in the timeline",
            app.win_texts()
                .await
                .map(|t| (t.len() == 1 && t[0].contains(new)).then_some(()))
        )?;
        let listed = app.cli(&["list", "--json"]).await?;
        assert!(
            listed.contains(new),
            "the edit reached the database: {listed}"
        );

        app.click_in_win(new, "win-delete").await?;
        eventually!(
            WAIT,
            "the deleted win to leave the timeline",
            app.win_texts().await.map(|t| t.is_empty().then_some(()))
        )?;
        let listed = app.cli(&["list", "--json"]).await?;
        assert!(
            !listed.contains(new),
            "the delete reached the database: {listed}"
        );

        app.click("toast-undo").await?;
        let back = app.wait_for_win(new).await?;
        assert_eq!(
            back.len(),
            1,
            "undo brings back exactly the deleted win: {back:?}"
        );
        let listed = app.cli(&["list", "--json"]).await?;
        assert!(
            listed.contains(new),
            "the undo reached the database: {listed}"
        );
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run .ci/e2e"]
async fn d2_undo_says_what_it_takes_back_and_ctrl_shift_z_redoes() {
    let title = "Wrote the incident review";
    let seed: &[&[&str]] = &[&["log", title]];
    e2e(
        "d2_undo_says_what_it_takes_back_and_ctrl_shift_z_redoes",
        seed,
        |app| async move {
            app.wait_for_win(title).await?;
            app.click_in_win(title, "win-delete").await?;
            eventually!(
                WAIT,
                "the deleted win to leave the timeline",
                app.win_texts().await.map(|t| t.is_empty().then_some(()))
            )?;

            app.click("toast-undo").await?;
            app.wait_for_win(title).await?;
            let said = eventually!(
                WAIT,
                "the toast to say which win came back",
                app.text_of("[data-testid=toast]")
                    .await
                    .map(|t| t.filter(|t| t.contains("brought back") && t.contains(title)))
            )?;
            assert!(said.contains("win 1"), "the undo names the win: {said}");

            // Ctrl+Shift+Z, typed as a person would (WebDriver key actions).
            let keys = KeyActions::new("keyboard".into())
                .then(KeyAction::Down { value: CONTROL })
                .then(KeyAction::Down { value: SHIFT })
                .then(KeyAction::Down { value: 'z' })
                .then(KeyAction::Up { value: 'z' })
                .then(KeyAction::Up { value: SHIFT })
                .then(KeyAction::Up { value: CONTROL });
            app.client.perform_actions(keys).await?;
            eventually!(
                WAIT,
                "the redone delete to take the win out of the timeline again",
                app.win_texts().await.map(|t| t.is_empty().then_some(()))
            )?;
            let said = eventually!(
                WAIT,
                "the toast to say what was made again",
                app.text_of("[data-testid=toast]")
                    .await
                    .map(|t| t.filter(|t| t.contains("deleted") && t.contains(title)))
            )?;
            assert!(said.contains("again"), "the redo says so: {said}");
            let listed = app.cli(&["list", "--json"]).await?;
            assert!(
                !listed.contains(title),
                "the redo reached the database: {listed}"
            );
            Ok(())
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run .ci/e2e"]
async fn e_typing_a_win_suggests_an_expectation() {
    e2e(
        "e_typing_a_win_suggests_an_expectation",
        &[],
        |app| async move {
            app.start_own().await?;
            let title = "Hired two managers for the payments org";
            app.type_into("capture-input", title).await?;
            let chip = app
                .wait_for("[data-testid=suggestion][data-expectation=hire-develop-managers]")
                .await?;

            // Taking the suggestion tags the win, as the CLI can confirm.
            chip.click().await?;
            eventually!(
                WAIT,
                "the chip to show it is chosen",
                chip.attr("aria-pressed")
                    .await
                    .map(|p| (p.as_deref() == Some("true")).then_some(()))
            )?;
            app.click("capture-save").await?;
            app.wait_for_win(title).await?;
            let listed: Value = serde_json::from_str(&app.cli(&["list", "--json"]).await?)?;
            let win = &listed[0];
            assert_eq!(win["title"], title);
            assert_eq!(
                win["expectations"],
                json!(["hire-develop-managers"]),
                "{win}"
            );
            assert_eq!(
                win["suggested"],
                json!([]),
                "a chosen chip is a confirmed tag: {win}"
            );
            Ok(())
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run .ci/e2e"]
async fn f_review_shows_each_expectation_of_the_ladder_with_its_gap() {
    e2e(
        "f_review_shows_each_expectation_of_the_ladder_with_its_gap",
        &[],
        |app| async move {
            app.click("load-demo").await?;
            app.wait_for("[data-testid=win-item]").await?;
            app.click("nav-review").await?;

            let rows = eventually!(
                WAIT,
                "six review rows",
                app.review_rows().await.map(|r| (r.len() == 6).then_some(r))
            )?;
            let ids: HashSet<&str> = rows.iter().map(|(id, _)| id.as_str()).collect();
            let expected: HashSet<&str> = [
                "team-delivery",
                "hire-develop-managers",
                "delegation",
                "strategy",
                "cross-org-impact",
                "peer-collaboration",
            ]
            .into();
            assert_eq!(
                ids, expected,
                "one row per expectation of the senior-manager ladder"
            );
            for (id, gap) in &rows {
                assert!(
                    gap == "true" || gap == "false",
                    "row {id} has data-gap={gap:?}"
                );
            }
            let delegation = rows
                .iter()
                .find(|(id, _)| id == "delegation")
                .map(|(_, g)| g.as_str());
            assert_eq!(
                delegation,
                Some("true"),
                "the demo year is thin on delegation: {rows:?}"
            );
            Ok(())
        },
    )
    .await;
}

/// The level counts of one expectation in `caliber review --json`, and the verdict.
fn levels_in(review: &Value, id: &str) -> Result<(Value, Value)> {
    let e = review["expectations"]
        .as_array()
        .ok_or("`caliber review --json` has no expectations")?
        .iter()
        .find(|e| e["id"] == id)
        .ok_or_else(|| format!("no expectation {id} in the review"))?;
    Ok((e["level_counts"].clone(), review["readiness"].clone()))
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run .ci/e2e"]
async fn f2_a_level_set_in_the_review_changes_the_verdict_the_cli_prints() {
    e2e(
        "f2_a_level_set_in_the_review_changes_the_verdict_the_cli_prints",
        &[&["demo"]],
        |app| async move {
            const EXP: &str = "hire-develop-managers";
            let before: Value = serde_json::from_str(&app.cli(&["--json", "review"]).await?)?;
            let (counts, readiness) = levels_in(&before, EXP)?;
            let below = counts["below"].as_i64().ok_or("no below count")?;
            let at = counts["at"].as_i64().ok_or("no at count")?;
            let win = before["expectations"]
                .as_array()
                .and_then(|es| es.iter().find(|e| e["id"] == EXP))
                .and_then(|e| e["below_level"][0].as_i64())
                .ok_or("the demo has a below-level win for developing managers")?;

            app.wait_for("[data-testid=win-item]").await?;
            app.click("nav-review").await?;
            // An expectation lists its first wins; the others come when asked.
            let section = format!("[data-testid=level-expectation][data-expectation='{EXP}']");
            app.wait_for(&format!("{section} [data-testid=level-win]"))
                .await?;
            let show_all = format!("{section} [data-testid=level-show-all]");
            if app.text_of(&show_all).await?.is_some() {
                app.wait_for(&show_all).await?.click().await?;
            }
            let row =
                format!("[data-testid=level-win][data-win='{win}'][data-expectation='{EXP}']");
            let level = format!("{row} [data-testid=win-level]");
            let shown = eventually!(
                WAIT,
                format!("the level of win {win} in the review"),
                app.attr_of(&level, "data-level").await
            )?;
            assert_eq!(shown, "below", "the review shows the library's level");
            let reason = app
                .text_of(&format!("{row} [data-testid=win-level-reason]"))
                .await?
                .unwrap_or_default();
            assert!(!reason.trim().is_empty(), "the level comes with its reason");
            app.shot("review-levels-before", &row).await?;

            let select = app
                .wait_for(&format!("{row} [data-testid=level-override]"))
                .await?;
            select.select_by_value("at").await?;

            eventually!(
                WAIT,
                format!("win {win} shown at the level after the override"),
                app.attr_of(&level, "data-level")
                    .await
                    .map(|l| (l.as_deref() == Some("at")).then_some(()))
            )?;
            app.shot("review-levels-after", &row).await?;

            let after: Value = serde_json::from_str(&app.cli(&["--json", "review"]).await?)?;
            let (counts_after, readiness_after) = levels_in(&after, EXP)?;
            assert_eq!(
                (counts_after["below"].as_i64(), counts_after["at"].as_i64()),
                (Some(below - 1), Some(at + 1)),
                "the CLI's review counts the win at the level now: {counts} -> {counts_after}"
            );
            let moved = after["expectations"]
                .as_array()
                .and_then(|es| es.iter().find(|e| e["id"] == EXP))
                .map(|e| e["below_level"].clone())
                .unwrap_or_default();
            assert!(
                !moved
                    .as_array()
                    .is_some_and(|ids| ids.iter().any(|i| i.as_i64() == Some(win))),
                "win {win} is no longer below the level: {moved}"
            );
            eprintln!(
                "verdict before: {} ; after: {}",
                readiness["summary"], readiness_after["summary"]
            );
            Ok(())
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run .ci/e2e"]
async fn g_outline_shows_a_new_win() {
    let title = "Cut checkout p99 latency by 40% across 3 services";
    let seed: &[&[&str]] = &[&["log", title, "--expect", "team-delivery"]];
    e2e("g_outline_shows_a_new_win", seed, |app| async move {
        app.wait_for_win(title).await?;
        app.click("nav-outline").await?;
        eventually!(
            WAIT,
            format!("{title:?} in the outline preview"),
            app.text_of("[data-testid=outline-preview]")
                .await
                .map(|t| t.is_some_and(|t| t.contains(title)).then_some(()))
        )?;
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run .ci/e2e"]
async fn g2_a_microsoft_cycle_shows_its_connect_answers() {
    let title = "Cut Teams meeting join failures by 38% across 4 services";
    let seed: &[&[&str]] = &[
        &["cycle", "set", "--ladder", "microsoft-66"],
        &["log", title, "--expect", "deliver-results"],
    ];
    e2e(
        "g2_a_microsoft_cycle_shows_its_connect_answers",
        seed,
        |app| async move {
            app.wait_for_win(title).await?;
            app.click("nav-outline").await?;
            eventually!(
                WAIT,
                "the short review's name on its mode button",
                app.text_of("[data-testid=mode-short]").await.map(|t| t
                    .is_some_and(|t| t.contains("Connect (short answers)"))
                    .then_some(()))
            )?;
            app.click("mode-short").await?;
            eventually!(
                WAIT,
                format!("Connect's headings and {title:?} in the preview"),
                app.text_of("[data-testid=outline-preview]").await.map(|t| t
                    .is_some_and(|t| t.contains("Setbacks and what I learned")
                        && t.contains("Goals ahead")
                        && t.contains("/80 words")
                        && t.contains("38%"))
                    .then_some(()))
            )?;
            app.shot("outline-connect", "[data-testid=outline-preview]")
                .await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run .ci/e2e"]
async fn h_export_outline_writes_a_markdown_file() {
    let title = "Launched the partner API with 12 integrations";
    let seed: &[&[&str]] = &[&["log", title, "--expect", "cross-org-impact"]];
    e2e(
        "h_export_outline_writes_a_markdown_file",
        seed,
        |app| async move {
            app.wait_for_win(title).await?;
            // A native save dialog cannot be driven over WebDriver: call the same IPC
            // command the Export button calls once the user has picked a file.
            let path = app.dir.join("outline.md");
            let script = r#"
            const [path, done] = arguments;
            const ipc = window.__TAURI_INTERNALS__;
            if (!ipc) { done("window.__TAURI_INTERNALS__ is missing"); return; }
            ipc.invoke("export_outline", { path, format: "markdown", shortReview: false })
                .then(() => done(null), (e) => done(JSON.stringify(e)));
        "#;
            let res = app.client.execute_async(script, vec![json!(path)]).await?;
            assert_eq!(res, Value::Null, "export_outline failed: {res}");
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("export wrote no file at {}: {e}", path.display()))?;
            assert!(text.contains("## 1. Summary"), "not an outline:\n{text}");
            assert!(text.contains(title), "the outline names the win:\n{text}");
            Ok(())
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run .ci/e2e"]
async fn i_a_title_with_markup_shows_as_text() {
    e2e(
        "i_a_title_with_markup_shows_as_text",
        &[],
        |app| async move {
            app.start_own().await?;
            let title = "<img src=x onerror=alert(1)>";
            app.capture(title).await?;
            let texts = app.wait_for_win("<img").await?;
            assert!(
                texts[0].contains(title),
                "the literal title shows: {texts:?}"
            );
            let imgs = app
                .client
                .find_all(Locator::Css("[data-testid=win-item] img"))
                .await?;
            assert!(imgs.is_empty(), "a title became an <img> element");
            // An alert would be open if the onerror handler had run.
            assert!(
                app.client.get_alert_text().await.is_err(),
                "the title's script ran"
            );
            Ok(())
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run .ci/e2e"]
async fn j_the_app_and_two_cli_processes_write_a_thousand_wins_each() {
    const EACH: usize = 1000;
    e2e(
        "j_the_app_and_two_cli_processes_write_a_thousand_wins_each",
        &[],
        |app| async move {
            app.start_own().await?;
            // The app logs through the same IPC command as its capture box, one win
            // after another, while two CLI processes log theirs.
            app.client
                .update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
                    Some(Duration::from_secs(600)),
                    None,
                    None,
                ))
                .await?;
            let script = r#"
            const [n, done] = arguments;
            const ipc = window.__TAURI_INTERNALS__;
            if (!ipc) { done({ ok: 0, errors: ["window.__TAURI_INTERNALS__ is missing"] }); return; }
            (async () => {
                let ok = 0; const errors = [];
                for (let i = 0; i < n; i++) {
                    try { await ipc.invoke("log_win", { draft: { title: `app win ${i}` } }); ok++; }
                    catch (e) { errors.push(JSON.stringify(e)); }
                }
                done({ ok, errors });
            })();
        "#;
            let cli = |who: &'static str| {
                let db = app.db.clone();
                tokio::spawn(async move {
                    for i in 0..EACH {
                        run_cli(&db, &["log", &format!("{who} win {i}")])
                            .await
                            .map_err(|e| format!("{who} win {i}: {e}"))?;
                    }
                    Ok::<(), String>(())
                })
            };
            let (a, b) = (cli("cli-a"), cli("cli-b"));
            let res = app.client.execute_async(script, vec![json!(EACH)]).await?;
            a.await??;
            b.await??;
            assert_eq!(res["errors"], json!([]), "errors reached the app: {res}");
            assert_eq!(res["ok"], json!(EACH), "{res}");

            let listed = run_cli(&app.db, &["list", "--json", "--limit", "100000"]).await?;
            let wins: Vec<Value> = serde_json::from_str(&listed)?;
            let titles: std::collections::HashSet<String> = wins
                .iter()
                .filter_map(|w| w["title"].as_str().map(str::to_string))
                .collect();
            for who in ["app", "cli-a", "cli-b"] {
                for i in 0..EACH {
                    let t = format!("{who} win {i}");
                    assert!(titles.contains(&t), "missing: {t}");
                }
            }
            assert_eq!(wins.len(), 3 * EACH, "exactly the wins written");
            let store = caliber::Store::open(&app.db)?;
            assert_eq!(store.integrity_check()?, "ok");
            Ok(())
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run .ci/e2e"]
async fn l_calibration_shows_providers_copies_a_request_and_saves_an_answer_the_cli_sees() {
    e2e(
        "l_calibration_shows_providers_copies_a_request_and_saves_an_answer_the_cli_sees",
        &[&["demo"]],
        |app| async move {
            let plan: Value =
                serde_json::from_str(&app.cli(&["--json", "feedback", "plan"]).await?)?;
            let expected: Vec<String> = plan["providers"]
                .as_array()
                .ok_or("`caliber feedback plan --json` has no providers")?
                .iter()
                .filter_map(|p| p["person"].as_str().map(str::to_string))
                .collect();
            assert!(!expected.is_empty(), "the demo has providers: {plan}");
            let rehearsal: Value = serde_json::from_str(&app.cli(&["--json", "rehearse"]).await?)?;
            let first = rehearsal["questions"][0]["id"]
                .as_str()
                .ok_or("the demo's rehearsal has a question")?
                .to_string();

            app.wait_for("[data-testid=win-item]").await?;
            // Ctrl+6 opens the view, as the nav's title says.
            let keys = KeyActions::new("keyboard".into())
                .then(KeyAction::Down { value: CONTROL })
                .then(KeyAction::Down { value: '6' })
                .then(KeyAction::Up { value: '6' })
                .then(KeyAction::Up { value: CONTROL });
            app.client.perform_actions(keys).await?;
            app.wait_for("[data-testid=calibration-view]").await?;

            // One row per provider of the plan, in the plan's order.
            let rows = eventually!(
                WAIT,
                "the plan's provider rows",
                app.provider_names()
                    .await
                    .map(|n| (n.len() == expected.len()).then_some(n))
            )?;
            assert_eq!(rows, expected, "the app shows the CLI's plan");

            // The first question of the rehearsal, one at a time.
            let shown = eventually!(
                WAIT,
                "a rehearsal question",
                app.attr_of("[data-testid=rehearse-question]", "data-question")
                    .await
            )?;
            assert_eq!(shown, first, "the app asks the CLI's first question");
            let questions = app
                .client
                .find_all(Locator::Css("[data-testid=rehearse-question]"))
                .await?;
            assert_eq!(questions.len(), 1, "one question at a time");

            // Copy the first drafted request: the button says it was copied.
            let row = format!("[data-testid=provider-row][data-person='{}']", expected[0]);
            app.wait_for(&format!("{row} [data-testid=copy-request]"))
                .await?
                .click()
                .await?;
            eventually!(
                WAIT,
                "the copy button to confirm",
                app.attr_of(&format!("{row} [data-testid=copy-request]"), "data-copied")
                    .await
                    .map(|c| (c.as_deref() == Some("true")).then_some(()))
            )?;
            let toast = app
                .text_of("[data-testid=toast]")
                .await?
                .unwrap_or_default();
            assert!(
                toast.contains(&format!("Copied the request to {}", expected[0])),
                "the toast says what was copied: {toast}"
            );

            // An answer saved in the app is what the CLI's rehearsal holds.
            let answer = "It held: 31% fewer escalations by October, finance confirmed";
            app.type_into("rehearse-answer", answer).await?;
            app.click("rehearse-save").await?;
            eventually!(
                WAIT,
                "the question to show as answered",
                app.attr_of("[data-testid=rehearse-question]", "data-answered")
                    .await
                    .map(|a| (a.as_deref() == Some("true")).then_some(()))
            )?;
            app.shot("calibration-view", "[data-testid=calibration-view]")
                .await?;
            // The sponsor pack's preview: the library's page in a frame where no
            // script runs.
            let sandbox = eventually!(
                WAIT,
                "the sponsor pack's preview",
                app.attr_of("[data-testid=pack-preview]", "sandbox").await
            )?;
            assert_eq!(sandbox, "", "the preview frame allows no script");
            let page = app
                .attr_of("[data-testid=pack-preview]", "srcdoc")
                .await?
                .unwrap_or_default();
            assert!(page.contains("Content-Security-Policy"), "{page}");
            app.shot("calibration-pack", "[data-testid=pack-panel]")
                .await?;
            let after: Value = serde_json::from_str(&app.cli(&["--json", "rehearse"]).await?)?;
            let kept = after["questions"]
                .as_array()
                .and_then(|qs| qs.iter().find(|q| q["id"] == first.as_str()))
                .map(|q| q["answer"].clone())
                .unwrap_or_default();
            assert_eq!(kept, json!(answer), "the CLI sees the answer: {after}");
            Ok(())
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run .ci/e2e"]
async fn k_an_encrypted_database_opens_after_a_wrong_then_the_right_passphrase() {
    let title = "Negotiated the Zephyr acquisition terms";
    let seed: &[&[&str]] = &[&["log", title], &["encrypt"]];
    let env = [("CALIBER_NEW_PASSPHRASE", "correct horse battery")];
    e2e_env(
        "k_an_encrypted_database_opens_after_a_wrong_then_the_right_passphrase",
        seed,
        &env,
        |app| async move {
            let input = app.wait_for("[data-testid=unlock-passphrase]").await?;
            input.click().await?;
            input.send_keys("wrong horse battery").await?;
            input.send_keys(ENTER).await?;
            let error = eventually!(
                WAIT,
                "the wrong-passphrase message",
                app.text_of("[data-testid=unlock-error]").await
            )?;
            assert!(error.starts_with("wrong passphrase"), "{error}");
            assert!(app.text_of("[data-testid=win-item]").await?.is_none());

            let input = app.wait_for("[data-testid=unlock-passphrase]").await?;
            input.click().await?;
            input.send_keys("correct horse battery").await?;
            input.send_keys(ENTER).await?;
            app.wait_for_win(title).await?;
            assert!(app.text_of("[data-testid=unlock]").await?.is_none());
            Ok(())
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run .ci/e2e"]
async fn m_a_pasted_draft_is_checked_as_it_is_typed() {
    e2e(
        "m_a_pasted_draft_is_checked_as_it_is_typed",
        &[&["demo"]],
        |app| async move {
            // Caliber's own outline of the demo year is a draft the evidence backs
            // whole; a sentence with a figure no win holds is added to it.
            let faithful = app.cli(&["outline"]).await?.trim_end().to_string();
            let invented = "\n\nWe also saved $913k in hosting costs this year.";
            app.wait_for("[data-testid=win-item]").await?;
            app.click("nav-outline").await?;
            let input = app.wait_for("[data-testid=check-input]").await?;
            app.paste("check-input", &format!("{faithful}{invented}"))
                .await?;

            let findings = eventually!(
                WAIT,
                "an invented_figure finding",
                app.findings().await.map(|f| f
                    .iter()
                    .any(|(kind, _)| kind == "invented_figure")
                    .then_some(f))
            )?;
            let (_, text) = findings
                .iter()
                .find(|(kind, _)| kind == "invented_figure")
                .ok_or("no invented_figure finding")?;
            let line = faithful.lines().count() + 2;
            assert!(
                text.contains("$913k"),
                "the finding names the figure: {text}"
            );
            assert!(
                text.contains(&format!("{line}:")),
                "the finding is placed on line {line}: {text}"
            );
            assert!(app.text_of("[data-testid=check-clean]").await?.is_none());
            app.shot("check-finding", "[data-testid=check-panel]")
                .await?;

            // The claim's offered win leads to its row in the appendix, as a
            // citation in the outline does.
            let offered = app
                .wait_for(
                    "[data-testid=check-finding][data-kind=uncited_claim] a[data-testid=check-win]",
                )
                .await?;
            let id = offered
                .attr("data-win")
                .await?
                .ok_or("an offered win without its id")?;
            offered.click().await?;
            eventually!(
                WAIT,
                format!("the appendix row of win {id} highlighted"),
                app.attr_of(&format!("#win-{id}"), "class")
                    .await
                    .map(|c| c.is_some_and(|c| c.contains("flash")).then_some(()))
            )?;
            app.shot("check-win-followed", &format!("#win-{id}"))
                .await?;

            // Fixed as a person would: the sentence deleted key by key from the end.
            const RELEASE: char = '\u{E000}';
            const END: char = '\u{E010}';
            const BACKSPACE: char = '\u{E003}';
            input.click().await?;
            input.send_keys(&format!("{CONTROL}{END}{RELEASE}")).await?;
            let keys: String = std::iter::repeat_n(BACKSPACE, invented.chars().count()).collect();
            input.send_keys(&keys).await?;
            let clean = eventually!(
                WAIT,
                "the draft said to be clean",
                app.text_of("[data-testid=check-clean]").await
            )?;
            assert!(clean.contains("Clean"), "{clean}");
            assert!(app.findings().await?.is_empty(), "no finding is left");
            app.shot("check-clean", "[data-testid=check-panel]").await?;
            Ok(())
        },
    )
    .await;
}

// ---------------------------------------------------------------------------------
// The app under test, as a test body sees it
// ---------------------------------------------------------------------------------

/// A running app: the WebDriver session and the files it uses.
#[derive(Clone)]
struct App {
    client: Client,
    db: PathBuf,
    dir: PathBuf,
}

impl App {
    /// Waits for an element to be there.
    async fn wait_for(&self, css: &str) -> Result<Element> {
        eventually!(
            WAIT,
            format!("an element {css}"),
            self.client.find(Locator::Css(css)).await.map(Some)
        )
    }

    /// Clicks the element with this `data-testid` once it is there.
    async fn click(&self, testid: &str) -> Result<()> {
        let el = self.wait_for(&format!("[data-testid={testid}]")).await?;
        el.click().await?;
        Ok(())
    }

    /// Replaces the text of an input (by `data-testid`) as a person would type it.
    async fn type_into(&self, testid: &str, text: &str) -> Result<()> {
        let el = self.wait_for(&format!("[data-testid={testid}]")).await?;
        replace_text(&el, text).await
    }

    /// Types a win into the capture box and presses Enter.
    async fn capture(&self, title: &str) -> Result<()> {
        let input = self.wait_for("[data-testid=capture-input]").await?;
        input.click().await?;
        input.send_keys(title).await?;
        input.send_keys(ENTER).await?;
        Ok(())
    }

    /// Leaves the first-run welcome screen for an empty Log.
    async fn start_own(&self) -> Result<()> {
        self.click("start-own").await?;
        self.wait_for("[data-testid=capture-input]").await?;
        Ok(())
    }

    /// The text of every win in the timeline, top to bottom. One script round trip,
    /// so a re-render between two WebDriver calls cannot give a stale element.
    async fn win_texts(&self) -> Result<Vec<String>> {
        let v = self
            .client
            .execute(
                r#"return [...document.querySelectorAll('[data-testid="win-item"]')]
                    .map((e) => e.textContent);"#,
                vec![],
            )
            .await?;
        Ok(serde_json::from_value(v)?)
    }

    /// Waits until some win of the timeline contains `text`; gives those wins.
    async fn wait_for_win(&self, text: &str) -> Result<Vec<String>> {
        eventually!(
            WAIT,
            format!("a win containing {text:?} in the timeline"),
            self.win_texts().await.map(|t| {
                let hits: Vec<String> = t.into_iter().filter(|s| s.contains(text)).collect();
                (!hits.is_empty()).then_some(hits)
            })
        )
    }

    /// Clicks a win's button (`win-edit`, `win-delete`), finding the win by its text.
    async fn click_in_win(&self, text: &str, testid: &str) -> Result<()> {
        // The timeline may draw its rows anew between finding a row and clicking in
        // it (the first view hands over to the virtualized list, a reload after a
        // change): then the row found is gone, so look again.
        eventually!(
            WAIT,
            format!("a win containing {text:?} to click {testid} in"),
            self.try_click_in_win(text, testid).await
        )
    }

    /// One try of `click_in_win`: `Ok(None)` when no win has the text (yet).
    async fn try_click_in_win(&self, text: &str, testid: &str) -> Result<Option<()>> {
        let items = self
            .client
            .find_all(Locator::Css("[data-testid=win-item]"))
            .await?;
        for item in items {
            if item.text().await?.contains(text) {
                let button = item
                    .find(Locator::Css(&format!("[data-testid={testid}]")))
                    .await?;
                button.click().await?;
                return Ok(Some(()));
            }
        }
        Ok(None)
    }

    /// The person of every provider row of the Calibration view, top to bottom.
    async fn provider_names(&self) -> Result<Vec<String>> {
        let v = self
            .client
            .execute(
                r#"return [...document.querySelectorAll('[data-testid="provider-row"]')]
                    .map((e) => e.dataset.person ?? "");"#,
                vec![],
            )
            .await?;
        Ok(serde_json::from_value(v)?)
    }

    /// `(data-expectation, data-gap)` of every review row.
    async fn review_rows(&self) -> Result<Vec<(String, String)>> {
        let v = self
            .client
            .execute(
                r#"return [...document.querySelectorAll('[data-testid="review-row"]')]
                    .map((e) => [e.dataset.expectation ?? "", e.dataset.gap ?? ""]);"#,
                vec![],
            )
            .await?;
        Ok(serde_json::from_value(v)?)
    }

    /// Pastes `text` into the input or text area with this `data-testid`: its whole
    /// value replaced at once and one input event, as a paste from the clipboard
    /// gives (WebDriver has no clipboard of its own).
    async fn paste(&self, testid: &str, text: &str) -> Result<()> {
        let el = self.wait_for(&format!("[data-testid={testid}]")).await?;
        el.click().await?;
        let done = self
            .client
            .execute(
                r#"const el = document.querySelector(`[data-testid="${arguments[0]}"]`);
                   if (!el) return false;
                   el.value = arguments[1];
                   el.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste", data: arguments[1] }));
                   return true;"#,
                vec![json!(testid), json!(text)],
            )
            .await?;
        if done != Value::Bool(true) {
            return Err(format!("nothing to paste into: {testid}").into());
        }
        Ok(())
    }

    /// `(data-kind, text)` of every finding of the "Check a draft" panel.
    async fn findings(&self) -> Result<Vec<(String, String)>> {
        let v = self
            .client
            .execute(
                r#"return [...document.querySelectorAll('[data-testid="check-finding"]')]
                    .map((e) => [e.dataset.kind ?? "", e.textContent ?? ""]);"#,
                vec![],
            )
            .await?;
        Ok(serde_json::from_value(v)?)
    }

    /// The text of the first element matching `css`, if there is one.
    async fn text_of(&self, css: &str) -> Result<Option<String>> {
        let v = self
            .client
            .execute(
                "return document.querySelector(arguments[0])?.textContent ?? null;",
                vec![json!(css)],
            )
            .await?;
        Ok(serde_json::from_value(v)?)
    }

    /// An attribute of the first element matching `css`, if there is one.
    async fn attr_of(&self, css: &str, attr: &str) -> Result<Option<String>> {
        let v = self
            .client
            .execute(
                "return document.querySelector(arguments[0])?.getAttribute(arguments[1]) ?? null;",
                vec![json!(css), json!(attr)],
            )
            .await?;
        Ok(serde_json::from_value(v)?)
    }

    /// With `CALIBER_E2E_SHOTS` set to a folder, scrolls `css` into view and saves
    /// a screenshot of the window there as `name`.png; does nothing otherwise.
    async fn shot(&self, name: &str, css: &str) -> Result<()> {
        let Some(dir) = std::env::var_os("CALIBER_E2E_SHOTS") else {
            return Ok(());
        };
        self.client
            .execute(
                "document.querySelector(arguments[0])?.scrollIntoView({block: 'center'});",
                vec![json!(css)],
            )
            .await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let png = self.client.screenshot().await?;
        std::fs::create_dir_all(&dir)?;
        std::fs::write(Path::new(&dir).join(format!("{name}.png")), png)?;
        Ok(())
    }

    /// Runs the CLI on the app's database; fails with its stderr when it fails.
    async fn cli(&self, args: &[&str]) -> Result<String> {
        run_cli(&self.db, args).await
    }
}

/// Selects what an input holds and types `text` over it, so the page gets real key
/// and input events (a script setting `value` would bypass Svelte's bindings).
async fn replace_text(el: &Element, text: &str) -> Result<()> {
    const RELEASE: char = '\u{E000}';
    const BACKSPACE: char = '\u{E003}';
    el.click().await?;
    el.send_keys(&format!("{CONTROL}a{RELEASE}{BACKSPACE}"))
        .await?;
    el.send_keys(text).await?;
    Ok(())
}

async fn run_cli(db: &Path, args: &[&str]) -> Result<String> {
    run_cli_env(db, args, &[]).await
}

async fn run_cli_env(db: &Path, args: &[&str], env: &[(&str, &str)]) -> Result<String> {
    let out = tokio::process::Command::new(cli_path())
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("CALIBER_DB")
        .env_remove("CALIBER_PASSPHRASE")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .await
        .map_err(|e| format!("could not run {}: {e}", cli_path().display()))?;
    if !out.status.success() {
        return Err(format!(
            "caliber {} failed ({}): {}",
            args.join(" "),
            out.status,
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    Ok(String::from_utf8(out.stdout)?)
}

// ---------------------------------------------------------------------------------
// The harness: one fresh database, driver and app per test
// ---------------------------------------------------------------------------------

/// How long one test's body may take (the longest, three writers of a thousand
/// wins each, takes about a minute).
const BODY_TIMEOUT: Duration = Duration::from_secs(600);

/// Runs one test: seeds a fresh database with CLI commands, starts tauri-driver
/// and the app on it, runs `body`, and on failure saves a screenshot and the
/// driver's log before tearing everything down and failing the test.
async fn e2e<F, Fut>(name: &str, seed: &[&[&str]], body: F)
where
    F: FnOnce(App) -> Fut,
    Fut: Future<Output = Result<()>> + Send + 'static,
{
    e2e_env(name, seed, &[], body).await
}

/// [`e2e`] with environment variables for the seeding commands (a passphrase).
async fn e2e_env<F, Fut>(name: &str, seed: &[&[&str]], env: &[(&str, &str)], body: F)
where
    F: FnOnce(App) -> Fut,
    Fut: Future<Output = Result<()>> + Send + 'static,
{
    e2e_full(name, seed, env, &[], body).await
}

/// [`e2e`] with environment variables for the seeding commands and for the app
/// itself (its GTK theme, say).
async fn e2e_full<F, Fut>(
    name: &str,
    seed: &[&[&str]],
    env: &[(&str, &str)],
    app_env: &[(&str, &str)],
    body: F,
) where
    F: FnOnce(App) -> Fut,
    Fut: Future<Output = Result<()>> + Send + 'static,
{
    let started = Instant::now();
    let dir = tempfile::Builder::new()
        .prefix("caliber-e2e-")
        .tempdir()
        .expect("a temp dir");
    let db = dir.path().join("caliber.db");
    for args in seed {
        if let Err(e) = run_cli_env(&db, args, env).await {
            panic!("{name}: seeding the database failed: {e}");
        }
    }

    let log = dir.path().join("driver.log");
    // Opening a session starts the app (within a minute, or the session is an
    // error); a start that fails is ended and tried once more, so one stuck start
    // of the driver on a loaded machine does not fail the test.
    let mut attempt = 0;
    let (driver, client) = loop {
        attempt += 1;
        let driver = match Driver::start(dir.path(), &db, &log, app_env) {
            Ok(d) => d,
            Err(e) => panic!("{name}: {e}"),
        };
        match driver.session().await {
            Ok(c) => break (driver, c),
            Err(e) if attempt < 2 => {
                eprintln!("{name}: could not open a WebDriver session ({e}); starting again");
                drop(driver);
            }
            Err(e) => {
                drop(driver);
                keep_artifacts(name, None, &log);
                panic!("{name}: could not open a WebDriver session on the app, twice: {e}");
            }
        }
    };
    let app = App {
        client: client.clone(),
        db: db.clone(),
        dir: dir.path().to_path_buf(),
    };

    // The body runs in its own task so a panicking assert is caught like an error,
    // and the screenshot below still happens.
    let task = tokio::spawn(body(app));
    let stop = task.abort_handle();
    let outcome = match tokio::time::timeout(BODY_TIMEOUT, task).await {
        Ok(Ok(Ok(()))) => Ok(()),
        Ok(Ok(Err(e))) => Err(e.to_string()),
        Ok(Err(e)) if e.is_panic() => Err(panic_message(e.into_panic())),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => {
            stop.abort();
            Err(format!("the test did not finish in {BODY_TIMEOUT:?}"))
        }
    };

    let shot = match &outcome {
        Ok(()) => None,
        Err(_) => tokio::time::timeout(Duration::from_secs(10), client.screenshot())
            .await
            .ok()
            .and_then(|r| r.ok()),
    };
    // Ending the session closes the app; the driver's Drop ends whatever is left.
    let _ = tokio::time::timeout(Duration::from_secs(10), client.close()).await;
    drop(driver);

    match outcome {
        Ok(()) => eprintln!("{name}: passed in {:.1} s", started.elapsed().as_secs_f64()),
        Err(e) => {
            let saved = keep_artifacts(name, shot.as_deref(), &log);
            panic!("{name}: {e}\n{saved}");
        }
    }
}

fn panic_message(p: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "the test panicked".to_string()
    }
}

/// Saves the screenshot and the driver's log of a failed test; says where.
fn keep_artifacts(name: &str, shot: Option<&[u8]>, log: &Path) -> String {
    let out = target_dir().join("e2e-screenshots");
    if let Err(e) = std::fs::create_dir_all(&out) {
        return format!("(could not create {}: {e})", out.display());
    }
    let mut said = Vec::new();
    if let Some(png) = shot {
        let p = out.join(format!("{name}.png"));
        if std::fs::write(&p, png).is_ok() {
            said.push(format!("screenshot: {}", p.display()));
        }
    } else {
        said.push("no screenshot (the session was gone)".to_string());
    }
    let p = out.join(format!("{name}.log"));
    if std::fs::copy(log, &p).is_ok() {
        said.push(format!("driver and app log: {}", p.display()));
    }
    said.join("\n")
}

/// A tauri-driver process (and, below it, WebKitWebDriver and the app). Dropping it
/// ends all of them, each by its pid.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start(dir: &Path, db: &Path, log: &Path, app_env: &[(&str, &str)]) -> Result<Self> {
        for (what, p) in [("app", app_path()), ("CLI", cli_path())] {
            if !p.exists() {
                return Err(
                    format!("the {what} binary {} is missing: run .ci/e2e", p.display()).into(),
                );
            }
        }
        let port = free_port()?;
        let native_port = free_port()?;
        // Appended to: a second start keeps the first one's log.
        let log_file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)?;
        let mut cmd = Command::new(driver_path());
        cmd.arg("--port")
            .arg(port.to_string())
            .arg("--native-port")
            .arg(native_port.to_string())
            // tauri-driver hands its environment to WebKitWebDriver, which hands it to
            // the app: this is how the app gets its own database and settings folders.
            .env("CALIBER_DB", db)
            .env("XDG_CONFIG_HOME", dir.join("config"))
            .env("XDG_DATA_HOME", dir.join("data"))
            .env("XDG_CACHE_HOME", dir.join("cache"))
            .envs(app_env.iter().copied())
            .stdin(Stdio::null())
            .stdout(log_file.try_clone()?)
            .stderr(log_file);
        let child = cmd.spawn().map_err(|e| {
            format!(
                "could not start {} ({e}); install it with .ci/setup",
                driver_path().display()
            )
        })?;
        let driver = Driver { child, port };
        for p in [port, native_port] {
            wait_for_port(p, Duration::from_secs(15))
                .map_err(|e| format!("tauri-driver did not start: {e}; see {}", log.display()))?;
        }
        Ok(driver)
    }

    async fn session(&self) -> Result<Client> {
        let caps = json!({
            "browserName": "wry",
            "tauri:options": { "application": app_path() },
        });
        let Value::Object(caps) = caps else {
            unreachable!()
        };
        let url = format!("http://127.0.0.1:{}", self.port);
        let client = tokio::time::timeout(
            Duration::from_secs(60),
            ClientBuilder::native().capabilities(caps).connect(&url),
        )
        .await
        .map_err(|_| "no WebDriver session after 60 s")??;
        Ok(client)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // Note the whole tree first: once tauri-driver is gone its children are
        // re-parented and could no longer be told apart from anyone else's.
        let pid = self.child.id();
        let tree = descendants(pid);
        signal("TERM", pid);
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        // The app and WebKit's helper processes, deepest first.
        for p in tree.iter().rev() {
            if Path::new(&format!("/proc/{p}")).exists() {
                signal("KILL", *p);
            }
        }
    }
}

fn signal(sig: &str, pid: u32) {
    let _ = Command::new("kill")
        .arg(format!("-{sig}"))
        .arg(pid.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// Every process below `root`, parents before children (from /proc).
fn descendants(root: u32) -> Vec<u32> {
    let mut parent_of = Vec::new();
    if let Ok(entries) = std::fs::read_dir("/proc") {
        for e in entries.flatten() {
            let Some(pid) = e.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
                continue;
            };
            let Ok(stat) = std::fs::read_to_string(e.path().join("stat")) else {
                continue;
            };
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
            let Some(rest) = stat.rfind(')').map(|i| &stat[i + 1..]) else {
                continue;
            };
            if let Some(ppid) = rest
                .split_whitespace()
                .nth(1)
                .and_then(|s| s.parse::<u32>().ok())
            {
                parent_of.push((pid, ppid));
            }
        }
    }
    let mut out = vec![];
    let mut frontier = vec![root];
    while let Some(p) = frontier.pop() {
        for &(child, parent) in &parent_of {
            if parent == p && !out.contains(&child) {
                out.push(child);
                frontier.push(child);
            }
        }
    }
    out
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn wait_for_port(port: u16, timeout: Duration) -> Result<()> {
    let deadline = Instant::now() + timeout;
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() >= deadline {
            return Err(format!("nothing listens on port {port} after {timeout:?}").into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(())
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
}

fn app_path() -> PathBuf {
    let p = std::env::var_os("CALIBER_E2E_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("debug/caliber-app"));
    // WebKitWebDriver starts the app from its own working directory.
    std::fs::canonicalize(&p).unwrap_or(p)
}

fn cli_path() -> PathBuf {
    std::env::var_os("CALIBER_E2E_CLI")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("debug/caliber"))
}

fn driver_path() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(p);
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    let installed = home.join(".cargo/bin/tauri-driver");
    if installed.exists() {
        installed
    } else {
        PathBuf::from("tauri-driver")
    }
}
