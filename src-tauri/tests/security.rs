//! What the app is allowed to do, checked from the files that decide it: the content
//! security policy, the capabilities granted to the UI, the plugins compiled in, and
//! the built UI itself (no address outside the app that could be loaded).

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("could not read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// The CSP's directives, name -> sources.
fn csp() -> Vec<(String, Vec<String>)> {
    let conf = json(&crate_dir().join("tauri.conf.json"));
    let csp = conf["app"]["security"]["csp"]
        .as_str()
        .expect("tauri.conf.json sets app.security.csp as a string");
    csp.split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            let mut parts = d.split_whitespace().map(str::to_string);
            let name = parts.next().unwrap_or_default();
            (name, parts.collect())
        })
        .collect()
}

#[test]
fn the_content_security_policy_allows_no_inline_or_remote_script() {
    let csp = csp();
    let get = |name: &str| {
        csp.iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("the CSP has no {name}"))
    };
    assert_eq!(get("default-src"), vec!["'self'"]);
    assert_eq!(
        get("script-src"),
        vec!["'self'"],
        "scripts: the app's own only"
    );
    assert_eq!(get("object-src"), vec!["'none'"]);
    // Only Tauri's IPC may be reached: no remote host for fetch or WebSockets.
    for source in get("connect-src") {
        assert!(
            source == "ipc:" || source == "http://ipc.localhost",
            "connect-src allows {source}"
        );
    }
    for (name, sources) in &csp {
        for s in sources {
            let unsafe_script = name == "script-src" && s.contains("unsafe");
            assert!(
                !s.contains("unsafe-eval") && !unsafe_script,
                "{name} allows {s}"
            );
            let remote = (s.starts_with("http:") || s.starts_with("https:") || s.starts_with("ws"))
                && s != "http://ipc.localhost";
            assert!(!remote && s != "*", "{name} allows the remote source {s}");
        }
    }
}

#[test]
fn windows_load_only_the_apps_own_pages() {
    let conf = json(&crate_dir().join("tauri.conf.json"));
    let windows = conf["app"]["windows"]
        .as_array()
        .expect("app.windows is a list");
    assert!(!windows.is_empty());
    for w in windows {
        let url = w["url"].as_str().unwrap_or("index.html");
        assert!(
            !url.contains("://"),
            "window {} loads {url}, not a page of the app",
            w["label"]
        );
    }
}

#[test]
fn windows_made_in_code_load_only_the_apps_own_pages() {
    // The capture window is made at run time (after the first view), not listed in
    // tauri.conf.json: its page must be one of the app's own too.
    let shell = std::fs::read_to_string(crate_dir().join("src/shell.rs")).expect("src/shell.rs");
    assert!(
        shell.contains("WebviewUrl::App("),
        "the capture window's page"
    );
    for remote in [
        "WebviewUrl::External",
        "WebviewUrl::CustomProtocol",
        "http://",
        "https://",
    ] {
        assert!(
            !shell.contains(remote),
            "src/shell.rs makes a window from {remote}"
        );
    }
}

/// The UI calls exactly these; a new permission is a decision to make here too.
const GRANTED: &[&str] = &[
    "core:event:allow-listen",
    "core:event:allow-unlisten",
    "core:window:allow-hide",
    "core:window:allow-show",
    "core:window:allow-set-focus",
    "dialog:allow-save",
    "dialog:allow-open",
    "dialog:allow-ask",
    "clipboard-manager:allow-write-text",
];

#[test]
fn capabilities_grant_only_what_the_ui_calls() {
    let dir = crate_dir().join("capabilities");
    let mut granted = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).expect("src-tauri/capabilities exists") {
        let path = entry.expect("a directory entry").path();
        let cap = json(&path);
        assert!(
            cap.get("remote").is_none(),
            "{} lets remote pages call the app",
            path.display()
        );
        for p in cap["permissions"].as_array().expect("a permissions list") {
            let id = p
                .as_str()
                .or_else(|| p["identifier"].as_str())
                .expect("a permission id");
            granted.insert(id.to_string());
        }
    }
    let expected: BTreeSet<String> = GRANTED.iter().map(|s| s.to_string()).collect();
    assert_eq!(granted, expected);
    for p in &granted {
        assert!(
            !p.starts_with("shell:") && !p.starts_with("http:") && !p.starts_with("fs:"),
            "{p}"
        );
        assert!(
            !p.ends_with(":default"),
            "{p}: grant single commands, not a plugin's defaults"
        );
    }
}

#[test]
fn no_plugin_that_runs_programs_or_reaches_the_network_is_compiled_in() {
    let manifest = std::fs::read_to_string(crate_dir().join("Cargo.toml")).expect("Cargo.toml");
    for banned in [
        "tauri-plugin-shell",
        "tauri-plugin-http",
        "tauri-plugin-updater",
        "tauri-plugin-websocket",
        "tauri-plugin-upload",
        "tauri-plugin-fs",
        "tauri-plugin-process",
    ] {
        assert!(!manifest.contains(banned), "{banned} is a dependency");
    }
}

/// Addresses that appear in the built UI as text but are never loaded: XML
/// namespace names, and the links Svelte puts in its error messages (the CSP above
/// would block loading them anyway).
const INERT: &[&str] = &[
    "http://www.w3.org/1999/xhtml",
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1998/Math/MathML",
    "http://www.w3.org/1999/xlink",
    "http://www.w3.org/XML/1998/namespace",
    "https://svelte.dev/e/",
];

#[test]
fn the_built_ui_has_no_address_outside_the_app() {
    let dist = crate_dir().join("../ui/dist");
    // The app cannot be built without ui/dist (Tauri embeds it), so neither can
    // this test: a missing folder is a failure, not a skip.
    assert!(
        dist.join("index.html").is_file(),
        "ui/dist is missing: run `cd ui && npm run build`"
    );
    let mut files = vec![dist.clone()];
    let mut checked = 0;
    while let Some(path) = files.pop() {
        if path.is_dir() {
            for e in std::fs::read_dir(&path).expect("readable") {
                files.push(e.expect("entry").path());
            }
            continue;
        }
        let bytes = std::fs::read(&path).expect("readable");
        let text = String::from_utf8_lossy(&bytes);
        for scheme in [
            "http://", "https://", "ws://", "wss://", "//cdn", "//fonts.",
        ] {
            let mut from = 0;
            while let Some(i) = text[from..].find(scheme) {
                let at = from + i;
                let rest = &text[at..];
                let end = rest
                    .find(|c: char| c.is_whitespace() || "\"'`)<>".contains(c))
                    .unwrap_or(rest.len());
                let url = &rest[..end];
                assert!(
                    INERT.iter().any(|ok| url.starts_with(ok)),
                    "{} refers to {url}",
                    path.display()
                );
                from = at + scheme.len();
            }
        }
        checked += 1;
    }
    assert!(checked >= 2, "ui/dist holds the page and its script");
}
