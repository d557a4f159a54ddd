//! Accessibility of every view, checked in the real window: axe-core (the engine
//! most teams audit with, the `axe-core` npm package the UI keeps as a dev
//! dependency) is injected into the app and run on each view of the nav, in light
//! and dark, on the demo data and on an empty ledger. A violation of impact serious
//! or critical fails the test, and so does a view without exactly one `h1`.
//!
//! Dark is the system's choice (`prefers-color-scheme`), which WebKitGTK takes from
//! the GTK theme: the app is started with `GTK_THEME=Adwaita:dark`, and the test
//! checks the page really sees a dark scheme before auditing it.

use super::*;

/// axe rules switched off, each with the reason. Empty: every rule runs.
const RULES_OFF: &[(&str, &str)] = &[];

/// The impacts that fail the audit.
const FAILING: &[&str] = &["serious", "critical"];

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run .ci/e2e"]
async fn m_axe_every_view_light_demo() {
    audit("m_axe_every_view_light_demo", true, false).await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run .ci/e2e"]
async fn m_axe_every_view_dark_demo() {
    audit("m_axe_every_view_dark_demo", true, true).await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run .ci/e2e"]
async fn m_axe_every_view_light_empty() {
    audit("m_axe_every_view_light_empty", false, false).await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run .ci/e2e"]
async fn m_axe_every_view_dark_empty() {
    audit("m_axe_every_view_dark_empty", false, true).await;
}

/// At the window's smallest size, 800x600, every view fits its width: nothing is
/// cut off or needs a sideways scroll.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run .ci/e2e"]
async fn m_every_view_fits_800_by_600() {
    e2e("m_every_view_fits_800_by_600", &[&["demo"]], |app| async move {
        app.client.set_window_size(800, 600).await?;
        let mut problems = Vec::new();
        for view in nav_views(&app).await? {
            open_view(&app, &view).await?;
            settle(&app).await?;
            app.shot(&format!("m_every_view_fits_800_by_600-{view}"), "main")
                .await?;
            let v = app
                .client
                .execute(
                    r#"const m = document.querySelector('main');
                       return [innerWidth, document.documentElement.scrollWidth, m.scrollWidth, m.clientWidth];"#,
                    vec![],
                )
                .await?;
            let n = |i: usize| v[i].as_f64().unwrap_or(0.0);
            let (inner, page, main_scroll, main_client) = (n(0), n(1), n(2), n(3));
            if inner > 820.0 {
                return Err(format!("the window is {inner} px wide, not 800").into());
            }
            if page > inner + 1.0 || main_scroll > main_client + 1.0 {
                problems.push(format!(
                    "{view}: wider than the window (page {page} px, main {main_scroll} px in {main_client} px, window {inner} px)"
                ));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        Ok(())
    })
    .await;
}

/// Audits every view of one app: on the demo data or an empty ledger, light or dark.
async fn audit(name: &'static str, demo: bool, dark: bool) {
    let seed: &[&[&str]] = if demo { &[&["demo"]] } else { &[] };
    let theme: &[(&str, &str)] = if dark {
        &[("GTK_THEME", "Adwaita:dark")]
    } else {
        &[("GTK_THEME", "Adwaita")]
    };
    e2e_full(name, seed, &[], theme, move |app| async move {
        let seen_dark: bool = serde_json::from_value(
            app.client
                .execute(
                    "return matchMedia('(prefers-color-scheme: dark)').matches;",
                    vec![],
                )
                .await?,
        )?;
        assert_eq!(
            seen_dark, dark,
            "the page's prefers-color-scheme is dark: {seen_dark}"
        );

        let mut problems = Vec::new();
        if !demo {
            app.wait_for("[data-testid=welcome]").await?;
            settle(&app).await?;
            problems.extend(check(&app, name, "welcome").await?);
            app.start_own().await?;
        }
        let views = nav_views(&app).await?;
        assert_eq!(
            views,
            [
                "log",
                "review",
                "outline",
                "people",
                "settings",
                "calibration"
            ],
            "the nav's views"
        );
        for view in &views {
            open_view(&app, view).await?;
            settle(&app).await?;
            problems.extend(check(&app, name, view).await?);
        }
        assert!(
            problems.is_empty(),
            "{} accessibility problems:\n{}",
            problems.len(),
            problems.join("\n")
        );
        Ok(())
    })
    .await;
}

/// The views of the nav, in its order (`data-testid=nav-<view>`).
async fn nav_views(app: &App) -> Result<Vec<String>> {
    let v = app
        .client
        .execute(
            r#"return [...document.querySelectorAll('nav [data-testid^="nav-"]')]
                .map((b) => b.dataset.testid.slice(4));"#,
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(v)?)
}

/// Opens a view from the nav and waits for it to be there with its h1.
async fn open_view(app: &App, view: &str) -> Result<()> {
    app.click(&format!("nav-{view}")).await?;
    eventually!(
        WAIT,
        format!("the {view} view to be open with its h1"),
        app.client
            .execute(
                r#"return document.querySelector(`[data-testid="nav-${arguments[0]}"]`)
                    ?.getAttribute('aria-current') === 'page'
                    && !!document.querySelector('main h1');"#,
                vec![json!(view)],
            )
            .await
            .map(|v| v.as_bool().unwrap_or(false).then_some(()))
    )
}

/// Waits for the view's data to be in: nothing busy, and a moment for the last answer.
async fn settle(app: &App) -> Result<()> {
    eventually!(
        WAIT,
        "nothing marked aria-busy",
        app.client
            .execute(
                "return !document.querySelector('[aria-busy=true]');",
                vec![]
            )
            .await
            .map(|v| v.as_bool().unwrap_or(false).then_some(()))
    )?;
    tokio::time::sleep(Duration::from_millis(700)).await;
    Ok(())
}

/// Runs axe-core on the page as it is, and counts its `h1`s; one line per problem.
async fn check(app: &App, name: &str, view: &str) -> Result<Vec<String>> {
    app.shot(&format!("{name}-{view}"), "main").await?;
    let mut problems = Vec::new();
    let h1s: Vec<String> = serde_json::from_value(
        app.client
            .execute(
                "return [...document.querySelectorAll('h1')].map((h) => h.textContent.trim());",
                vec![],
            )
            .await?,
    )?;
    if h1s.len() != 1 {
        problems.push(format!(
            "{view}: {} h1 headings {h1s:?}, not one",
            h1s.len()
        ));
    }

    let rules: serde_json::Map<String, Value> = RULES_OFF
        .iter()
        .map(|(rule, _why)| (rule.to_string(), json!({ "enabled": false })))
        .collect();
    let script = format!(
        "{}\n{}",
        axe_source()?,
        r#"const done = arguments[arguments.length - 1];
        window.axe
          .run(document, { resultTypes: ["violations"], rules: arguments[0] })
          .then((r) => done(JSON.stringify({ passed: r.passes.length, violations: r.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map((n) => ({
              target: n.target.join(" "), html: n.html.slice(0, 160),
              summary: (n.failureSummary || "").split("\n").slice(0, 3).join(" "),
            })),
          })) })))
          .catch((e) => done(JSON.stringify({ error: String(e) })));"#
    );
    let answer = app
        .client
        .execute_async(&script, vec![Value::Object(rules)])
        .await?;
    let text = answer.as_str().ok_or("axe gave no answer")?;
    let found: Value = serde_json::from_str(text)?;
    if let Some(e) = found.get("error") {
        return Err(format!("axe failed on {view}: {e}").into());
    }
    // axe ran its rules on this page: dozens pass on any real view.
    let passed = found["passed"].as_u64().unwrap_or(0);
    if passed < 10 {
        return Err(format!("axe passed only {passed} rules on {view}: did it run?").into());
    }
    let all = found["violations"]
        .as_array()
        .ok_or("axe's violations are not a list")?;
    eprintln!(
        "{name}: {view}: axe: {passed} rules passed, {} violated (any impact)",
        all.len()
    );
    for v in all {
        let impact = v["impact"].as_str().unwrap_or("");
        if !FAILING.contains(&impact) {
            eprintln!("    ({impact}) {}", v["id"].as_str().unwrap_or("?"));
            continue;
        }
        let nodes = v["nodes"].as_array().cloned().unwrap_or_default();
        problems.push(format!(
            "{view}: {} ({impact}, {} nodes): {}",
            v["id"].as_str().unwrap_or("?"),
            nodes.len(),
            v["help"].as_str().unwrap_or("")
        ));
        for n in nodes.iter().take(4) {
            problems.push(format!(
                "    {} {} | {}",
                n["target"].as_str().unwrap_or(""),
                n["html"].as_str().unwrap_or(""),
                n["summary"].as_str().unwrap_or("")
            ));
        }
    }
    Ok(problems)
}

/// axe-core's browser build, from the UI's npm packages.
fn axe_source() -> Result<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "could not read {} ({e}): run .ci/setup to install the UI's npm packages",
            path.display()
        )
        .into()
    })
}
