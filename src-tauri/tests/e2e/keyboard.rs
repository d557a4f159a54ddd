//! The three jobs done from the keyboard alone: WebDriver key actions only, never a
//! click, in the real window. Log a win, confirm the expectation it suggested, edit
//! it and undo the edit, open the review, and follow a citation of the outline to
//! the win it names; focus is visible on each stop.

use super::*;

const TAB: char = '\u{E004}';
const RELEASE: char = '\u{E000}';
const ENTER_KEY: char = '\u{E007}';
const BACKSPACE: char = '\u{E003}';

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run .ci/e2e"]
async fn n_the_three_jobs_from_the_keyboard_alone() {
    let seed: &[&[&str]] = &[&["log", "Ran the quarterly planning for the platform group"]];
    e2e(
        "n_the_three_jobs_from_the_keyboard_alone",
        seed,
        |app| async move {
            app.wait_for_win("quarterly planning").await?;

            // "n" anywhere in the Log goes to the capture box.
            press(&app, &['n']).await?;
            wait_focus(&app, "[data-testid=capture-input]").await?;
            let title = "Hired two managers for the payments org";
            app.client.active_element().await?.send_keys(title).await?;
            app.wait_for("[data-testid=suggestion][data-expectation=hire-develop-managers]")
                .await?;
            press(&app, &[ENTER_KEY]).await?;
            app.wait_for_win(title).await?;
            let win = newest(&app).await?;
            assert_eq!(win["suggested"], json!(["hire-develop-managers"]), "{win}");

            // Tab reaches the timeline's one stop, the newest win, then its suggestion.
            tab_to(&app, "[data-testid=win-item]").await?;
            let focused = active_attr(&app, "data-win-id").await?;
            assert_eq!(focused.as_deref(), Some(win["id"].to_string().as_str()));
            tab_to(&app, "[data-testid=win-suggested]").await?;
            assert_focus_visible(&app).await?;
            press(&app, &[' ']).await?;
            eventually!(
                WAIT,
                "the suggestion to be confirmed in the database",
                newest(&app)
                    .await
                    .map(|w| (w["suggested"] == json!([])).then_some(()))
            )?;
            let win = newest(&app).await?;
            assert_eq!(
                win["expectations"],
                json!(["hire-develop-managers"]),
                "{win}"
            );
            // Focus stayed on the win whose chip was pressed.
            wait_focus(&app, "[data-testid=win-item]").await?;

            // Edit in place: Tab to Edit, Enter, the title field has focus.
            tab_to(&app, "[data-testid=win-edit]").await?;
            assert_focus_visible(&app).await?;
            press(&app, &[ENTER_KEY]).await?;
            wait_focus(&app, "[data-testid=edit-title]").await?;
            let edited = "Hired two managers and a staff engineer for payments";
            let field = app.client.active_element().await?;
            field
                .send_keys(&format!("{CONTROL}a{RELEASE}{BACKSPACE}"))
                .await?;
            field.send_keys(edited).await?;
            eventually!(
                WAIT,
                "the field to hold the new title",
                field
                    .prop("value")
                    .await
                    .map(|v| (v.as_deref() == Some(edited)).then_some(()))
            )?;
            press(&app, &[ENTER_KEY]).await?;
            eventually!(
                WAIT,
                "the edited title in the database",
                newest(&app)
                    .await
                    .map(|w| (w["title"] == edited).then_some(()))
            )?;
            // Focus is back on the win, so Ctrl+Z is the app's undo, not a field's.
            wait_focus(&app, "[data-testid=win-item]").await?;
            chord(&app, &[CONTROL], 'z').await?;
            eventually!(
                WAIT,
                "the undo to bring the old title back",
                newest(&app)
                    .await
                    .map(|w| (w["title"] == title).then_some(()))
            )?;
            let said = eventually!(
                WAIT,
                "the undo announced in the status region",
                app.text_of("[role=status] [data-testid=toast]").await
            )?;
            assert!(!said.is_empty(), "the undo says what it did");

            // The review: Ctrl+2.
            chord(&app, &[CONTROL], '2').await?;
            app.wait_for("[data-testid=review-row]").await?;
            assert_eq!(
                app.text_of("main h1").await?.as_deref(),
                Some("Promotion readiness")
            );

            // The outline: Ctrl+3, Tab to a citation, Enter lands on the win it cites.
            chord(&app, &[CONTROL], '3').await?;
            app.wait_for("[data-testid=cite]").await?;
            tab_to(&app, "[data-testid=cite]").await?;
            assert_focus_visible(&app).await?;
            let cited = active_attr(&app, "data-win")
                .await?
                .ok_or("the citation has no data-win")?;
            press(&app, &[ENTER_KEY]).await?;
            wait_focus(&app, &format!("#win-{cited}")).await?;
            Ok(())
        },
    )
    .await;
}

/// The newest win as `caliber list --json` prints it.
async fn newest(app: &App) -> Result<Value> {
    let listed: Value = serde_json::from_str(&app.cli(&["list", "--json"]).await?)?;
    listed
        .as_array()
        .and_then(|a| {
            a.iter()
                .max_by_key(|w| w["id"].as_i64().unwrap_or(0))
                .cloned()
        })
        .ok_or_else(|| "no win in the database".into())
}

/// Presses and releases each key in turn, wherever focus is.
async fn press(app: &App, keys: &[char]) -> Result<()> {
    let mut actions = KeyActions::new("keyboard".into());
    for &k in keys {
        actions = actions
            .then(KeyAction::Down { value: k })
            .then(KeyAction::Up { value: k });
    }
    app.client.perform_actions(actions).await?;
    Ok(())
}

/// Holds the modifiers, presses `key`, lets all go.
async fn chord(app: &App, mods: &[char], key: char) -> Result<()> {
    let mut actions = KeyActions::new("keyboard".into());
    for &m in mods {
        actions = actions.then(KeyAction::Down { value: m });
    }
    actions = actions
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    for &m in mods.iter().rev() {
        actions = actions.then(KeyAction::Up { value: m });
    }
    app.client.perform_actions(actions).await?;
    Ok(())
}

/// Whether the focused element matches `css`.
async fn focus_is(app: &App, css: &str) -> Result<bool> {
    let v = app
        .client
        .execute(
            "return !!document.activeElement?.matches(arguments[0]);",
            vec![json!(css)],
        )
        .await?;
    Ok(v.as_bool().unwrap_or(false))
}

/// Waits for focus to be on an element matching `css`.
async fn wait_focus(app: &App, css: &str) -> Result<()> {
    eventually!(
        WAIT,
        format!("focus on {css}"),
        focus_is(app, css).await.map(|b| b.then_some(()))
    )
}

/// Presses Tab until focus is on an element matching `css` (at most 40 times).
async fn tab_to(app: &App, css: &str) -> Result<()> {
    for _ in 0..40 {
        press(app, &[TAB]).await?;
        if focus_is(app, css).await? {
            return Ok(());
        }
    }
    let at = app
        .client
        .execute(
            "return document.activeElement?.outerHTML.slice(0, 200) ?? null;",
            vec![],
        )
        .await?;
    Err(format!("40 presses of Tab never reached {css}; focus is on {at}").into())
}

/// An attribute of the focused element.
async fn active_attr(app: &App, attr: &str) -> Result<Option<String>> {
    let v = app
        .client
        .execute(
            "return document.activeElement?.getAttribute(arguments[0]) ?? null;",
            vec![json!(attr)],
        )
        .await?;
    Ok(serde_json::from_value(v)?)
}

/// The focused element shows it: an outline of at least 2 px, not `none`.
async fn assert_focus_visible(app: &App) -> Result<()> {
    let v = app
        .client
        .execute(
            r#"const s = getComputedStyle(document.activeElement);
               return [s.outlineStyle, s.outlineWidth, document.activeElement.outerHTML.slice(0, 120)];"#,
            vec![],
        )
        .await?;
    let style = v[0].as_str().unwrap_or("");
    let width: f64 = v[1]
        .as_str()
        .unwrap_or("0")
        .trim_end_matches("px")
        .parse()
        .unwrap_or(0.0);
    assert!(
        style != "none" && width >= 2.0,
        "no visible focus on {}: outline {style} {width}px",
        v[2]
    );
    Ok(())
}
