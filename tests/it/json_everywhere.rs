//! `--json` on every command: stdout is JSON (a file-writing command says what it
//! wrote), an error is a JSON `{kind, message}` on stderr. The commands are read
//! from `caliber --help` itself, so a new command without a case here fails.

use crate::common::cal;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

/// The subcommands `caliber [path] --help` lists, without clap's `help`.
fn subcommands(db: &Path, path: &[&str]) -> Vec<String> {
    let out = cal(db).args(path).arg("--help").output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

/// Runs `caliber --json args` and returns its stdout as JSON, failing the test
/// when the command fails or prints anything else.
fn json(db: &Path, args: &[&str], env: &[(&str, &str)]) -> Value {
    let mut c = cal(db);
    c.arg("--json").args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "caliber --json {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("caliber --json {args:?} printed no JSON ({e}):\n{stdout}"))
}

#[test]
fn every_command_prints_json_with_the_json_flag() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let db = d.join("demo.db");
    let file = |name: &str| d.join(name).to_string_lossy().into_owned();
    let mut ran: BTreeSet<String> = BTreeSet::new();
    let mut check = |name: &str, args: &[&str], env: &[(&str, &str)]| -> Value {
        ran.insert(name.to_string());
        json(&db, args, env)
    };

    let v = check("demo", &["demo"], &[]);
    assert!(v["wins"].as_u64().unwrap() > 10, "{v}");
    let v = check(
        "log",
        &[
            "log",
            "Hired two managers",
            "--expect",
            "hire-develop-managers",
        ],
        &[],
    );
    let id = v["id"].as_i64().unwrap().to_string();
    check("list", &["list", "-n", "3"], &[]);
    check("search", &["search", "hiring"], &[]);
    check("show", &["show", &id], &[]);
    check("edit", &["edit", &id, "--tag", "json"], &[]);
    check("delete", &["delete", &id], &[]);
    check("undo", &["undo"], &[]);
    check("redo", &["redo"], &[]);
    check("undo", &["undo", "--list"], &[]);
    check("confirm", &["confirm", "--all-suggested"], &[]);

    check("ladder list", &["ladder", "list"], &[]);
    let mut ladder = check("ladder show", &["ladder", "show", "senior-manager"], &[]);
    ladder["id"] = "my-ladder".into();
    ladder["name"] = "My ladder".into();
    std::fs::write(file("ladder.json"), ladder.to_string()).unwrap();
    check(
        "ladder import",
        &["ladder", "import", &file("ladder.json")],
        &[],
    );
    check("ladder principles", &["ladder", "principles"], &[]);

    check("cycle show", &["cycle", "show"], &[]);
    check(
        "cycle set",
        &["cycle", "set", "--target-date", "2030-01-15"],
        &[],
    );

    check(
        "people add",
        &["people", "add", "Jay Son", "--relation", "peer"],
        &[],
    );
    check("people list", &["people", "list"], &[]);
    check("people overview", &["people", "overview"], &[]);
    check("people show", &["people", "show", "Jay Son"], &[]);
    check(
        "people edit",
        &["people", "edit", "Jay Son", "--org", "Payments"],
        &[],
    );
    let fb = check(
        "feedback add",
        &["feedback", "add", "Jay Son", "Great partner"],
        &[],
    );
    let fb_id = fb["id"].as_i64().unwrap().to_string();
    check("feedback list", &["feedback", "list"], &[]);
    let v = check("feedback plan", &["feedback", "plan"], &[]);
    assert!(
        v["providers"].as_array().is_some_and(|p| !p.is_empty()),
        "{v}"
    );
    let v = check(
        "feedback ask",
        &["feedback", "ask", "Jay Son", "--date", "2026-01-05"],
        &[],
    );
    assert_eq!(v["asked_on"], "2026-01-05", "{v}");
    check("feedback delete", &["feedback", "delete", &fb_id], &[]);
    check("people delete", &["people", "delete", "Jay Son"], &[]);

    check(
        "suggest",
        &["suggest", "Priya now runs the weekly review without me"],
        &[],
    );
    check("review", &["review"], &[]);
    let v = check("rehearse", &["rehearse"], &[]);
    let qid = v["questions"][0]["id"].as_str().unwrap().to_string();
    let v = check(
        "rehearse answer",
        &["rehearse", "answer", &qid, "I led it; the numbers held."],
        &[],
    );
    assert_eq!(v["answer"], "I led it; the numbers held.", "{v}");

    // Commands that print a document: the document itself when it is JSON, else
    // the text in a JSON object; to a file: what was written where.
    for format in ["backup", "csv", "markdown"] {
        let v = check("export", &["export", "--format", format], &[]);
        if format != "backup" {
            assert_eq!(v["format"], format, "{v}");
            assert!(v["text"].as_str().unwrap().len() > 100, "{v}");
        }
        let to = file(&format!("export.{format}"));
        let v = check("export", &["export", "--format", format, "-o", &to], &[]);
        assert_eq!(v["written"], to, "{v}");
        assert!(Path::new(&to).exists());
    }
    let v = check("outline", &["outline"], &[]);
    assert!(v["expectations"].is_array(), "the outline itself: {v}");
    let v = check("outline", &["outline", "--forte"], &[]);
    assert_eq!(v["name"], "Yearly review (Forte)", "the Forte texts: {v}");
    assert!(v["texts"][0]["paras"].is_array(), "the Forte texts: {v}");
    let v = check("outline", &["outline", "--short-review"], &[]);
    assert!(v["texts"].is_array(), "the ladder's short review: {v}");
    for format in ["markdown", "html"] {
        let v = check("outline", &["outline", "-f", format], &[]);
        assert_eq!(v["format"], format, "{v}");
        assert!(v["text"].as_str().unwrap().len() > 100, "{v}");
    }
    let to = file("case.docx");
    let v = check("outline", &["outline", "-o", &to], &[]);
    assert_eq!(v["written"], to, "{v}");
    assert!(Path::new(&to).exists());
    let v = check("pack", &["pack"], &[]);
    assert_eq!(
        v["proof_points"].as_array().map(Vec::len),
        Some(3),
        "the pack: {v}"
    );
    let v = check("pack", &["pack", "-f", "markdown"], &[]);
    assert!(
        v["text"].as_str().unwrap().starts_with("# Sponsor pack"),
        "{v}"
    );
    let to = file("pack.docx");
    let v = check("pack", &["pack", "-o", &to], &[]);
    assert_eq!(v["written"], to, "{v}");
    // Caliber's own outline, checked: clean, so `check` exits 0 with its report.
    let md = file("case.md");
    check("outline", &["outline", "-o", &md], &[]);
    let v = check("check", &["check", &md], &[]);
    assert_eq!(v["findings"], serde_json::json!([]), "{v}");
    assert!(v["checked"]["sentences"].as_u64().unwrap() > 10, "{v}");

    let v = check("import", &["import", &file("export.csv")], &[]);
    assert_eq!(v["wins"], 0, "the same wins again are skipped: {v}");
    assert!(v["duplicates"].as_u64().unwrap() > 10, "{v}");
    let v = check("backup", &["backup", "-o", &file("copy.db")], &[]);
    assert!(v.is_object(), "{v}");
    check("restore", &["restore", &file("copy.db")], &[]);
    check(
        "encrypt",
        &["encrypt"],
        &[("CALIBER_NEW_PASSPHRASE", "correct horse battery")],
    );
    check(
        "decrypt",
        &["decrypt"],
        &[("CALIBER_PASSPHRASE", "correct horse battery")],
    );

    // What the packages install, described as data.
    let v = check("completions", &["completions", "fish"], &[]);
    assert_eq!(v["shell"], "fish", "{v}");
    assert!(
        v["script"]
            .as_str()
            .unwrap()
            .contains("complete -c caliber"),
        "{v}"
    );
    let man = file("man");
    let v = check("manpages", &["manpages", &man], &[]);
    assert_eq!(v["written"], man, "{v}");
    let pages = v["pages"].as_array().unwrap();
    assert!(pages.iter().any(|p| p == "caliber-log.1"), "{v}");
    assert!(Path::new(&man).join("caliber-log.1").exists());

    // `mcp` speaks JSON-RPC on stdout, one message a line, with --json or without.
    ran.insert("mcp".to_string());
    let session = concat!(
        r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"0"}}}"#,
        "\n",
        r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
        "\n",
        r#"{"jsonrpc":"2.0","id":2,"method":"ping"}"#,
        "\n"
    );
    let out = cal(&db)
        .args(["--json", "mcp"])
        .write_stdin(session)
        .output()
        .unwrap();
    let replies: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("mcp printed {l} ({e})")))
        .collect();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(replies.len(), 2, "{replies:?}");
    assert_eq!(replies[1]["id"], 2, "{replies:?}");

    let mut listed: BTreeSet<String> = BTreeSet::new();
    for top in subcommands(&db, &[]) {
        let nested = subcommands(&db, &[&top]);
        if nested.is_empty() {
            listed.insert(top);
        } else {
            for sub in nested {
                listed.insert(format!("{top} {sub}"));
            }
        }
    }
    assert!(listed.len() > 25, "the help lists the commands: {listed:?}");
    let missing: Vec<&String> = listed.difference(&ran).collect();
    assert!(
        missing.is_empty(),
        "commands not checked with --json: {missing:?}"
    );
}

#[test]
fn an_error_with_the_json_flag_is_json_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    for (args, code, kind) in [
        (&["show", "999"][..], 3, "not_found"),
        (&["outline", "-f", "pdf"][..], 2, "invalid_input"),
        (&["export", "--format", "jrnl"][..], 2, "invalid_input"),
        (&["log", "x", "--date", "someday"][..], 2, "invalid_input"),
        (&["ladder"][..], 2, "invalid_input"),
        (&[][..], 2, "invalid_input"),
        (&["log"][..], 2, "invalid_input"),
    ] {
        let out = cal(&db).arg("--json").args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let e: Value = serde_json::from_slice(&out.stderr).unwrap();
        assert_eq!(e["kind"], kind, "{args:?}");
    }
}
