//! `caliber mcp` driven by a Model Context Protocol client Caliber did not write:
//! the official Python SDK, which `.ci/setup` installs into `target/mcp-venv`.
//! The client script (tests/mcp_client.py) reports what it saw; the judgement is
//! here, together with the CLI's view of the database afterwards.

use crate::common::{cal, fingerprint, sandboxed, stdout};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const TODAY: &str = "2026-06-15";

/// The venv's Python. Missing, the suite fails: a test that passes because its
/// client is absent would prove nothing.
fn python() -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/mcp-venv/bin/python");
    assert!(
        p.exists(),
        "the MCP test client is not installed ({} is missing): run `bash .ci/setup`, which installs the Python `mcp` SDK into target/mcp-venv",
        p.display()
    );
    p
}

/// Runs one scenario of tests/mcp_client.py against `caliber --db DB mcp ARGS`.
fn client(scenario: &str, db: &Path, args: &[&str]) -> Value {
    client_with(scenario, db, args, &[])
}

/// [`client`] with environment variables for the server.
fn client_with(scenario: &str, db: &Path, args: &[&str], env: &[(&str, &str)]) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mcp_client.py");
    let mut c = Command::new(python());
    sandboxed(&mut c, db.parent().expect("a folder"));
    c.envs(env.iter().copied());
    c.env("CALIBER_TODAY", TODAY)
        .arg(script)
        .arg(scenario)
        .arg(env!("CARGO_BIN_EXE_caliber"))
        .arg(db)
        .args(args);
    let out = c.output().expect("run the MCP client");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the MCP client failed ({}): {}\n{}",
        out.status,
        text,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("client output is not JSON ({e}): {text}"))
}

/// A database with the demo's year of evidence, as of [`TODAY`].
fn demo_db(dir: &Path) -> PathBuf {
    let db = dir.join("caliber.db");
    cal(&db)
        .env("CALIBER_TODAY", TODAY)
        .arg("demo")
        .assert()
        .success();
    db
}

/// The CLI's JSON for `args`, as of [`TODAY`].
fn cli_json(db: &Path, args: &[&str]) -> Value {
    let a = cal(db)
        .env("CALIBER_TODAY", TODAY)
        .arg("--json")
        .args(args)
        .assert()
        .success();
    serde_json::from_str(&stdout(&a)).expect("JSON from the CLI")
}

/// The protocol error a call got, else a panic naming what it got instead.
fn protocol_error<'a>(seen: &'a Value, label: &str) -> (i64, &'a str) {
    let e = &seen[label]["error"];
    match (e["code"].as_i64(), e["message"].as_str()) {
        (Some(code), Some(message)) => (code, message),
        _ => panic!("{label}: expected a protocol error, got {}", seen[label]),
    }
}

const INVALID_PARAMS: i64 = -32602;

/// Fails naming the rows that changed (a whole fingerprint is too long to read).
fn unchanged(before: &str, after: &str, what: &str) {
    let gone: Vec<&str> = before.lines().filter(|l| !after.contains(l)).collect();
    let new: Vec<&str> = after.lines().filter(|l| !before.contains(l)).collect();
    assert!(
        before == after,
        "{what} changed the database:\n- {}\n+ {}",
        gone.join("\n- "),
        new.join("\n+ ")
    );
}

#[test]
fn an_assistant_logs_a_win_the_cli_then_finds_and_every_tool_resource_and_prompt_answers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let seen = client("tour", &db, &[]);

    assert_eq!(seen["server"], "caliber");
    let tools = seen["tools"].as_object().expect("tools");
    let mut names: Vec<&str> = tools.keys().map(String::as_str).collect();
    names.sort();
    let want = vec![
        "check_draft",
        "get_feedback_plan",
        "get_outline",
        "get_review",
        "get_win",
        "list_wins",
        "log_win",
        "search_wins",
        "suggest_expectations",
    ];
    assert_eq!(names, want);
    for (name, t) in tools {
        assert!(
            t["description"].as_str().is_some_and(|d| d.len() > 40),
            "{name} has no description an assistant can go by: {t}"
        );
        assert_eq!(t["schema"]["type"], "object", "{name}'s input schema: {t}");
    }
    let log_props = &tools["log_win"]["schema"]["properties"];
    for field in [
        "title",
        "date",
        "expectations",
        "metric",
        "scope",
        "people",
        "principles",
        "new_person",
    ] {
        assert!(
            log_props.get(field).is_some(),
            "log_win lacks {field}: {log_props}"
        );
    }
    assert_eq!(
        tools["log_win"]["schema"]["required"],
        serde_json::json!(["title"])
    );

    // The win the assistant logged, as the CLI sees it: from the assistant, its
    // expectation a suggestion still to confirm.
    let logged = &seen["log_win"]["value"];
    let id = logged["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("log_win gave no id: {}", seen["log_win"]));
    let shown = cli_json(&db, &["show", &id.to_string()]);
    assert_eq!(
        shown["title"],
        "Rolled out the on-call handbook to four sister orgs"
    );
    assert_eq!(shown["date"], "2026-03-02");
    assert_eq!(shown["source"], "assistant");
    assert_eq!(shown["metric"], "4 orgs");
    assert_eq!(shown["scope"], "org");
    assert_eq!(
        shown["expectations"],
        serde_json::json!(["cross-org-impact"])
    );
    assert_eq!(shown["suggested"], serde_json::json!(["cross-org-impact"]));
    assert_eq!(shown["principles"], serde_json::json!(["earn-trust"]));
    assert_eq!(shown["vouchers"], serde_json::json!(["Priya Nair"]));
    let listed = cli_json(&db, &["list", "--suggested"]);
    assert!(
        listed
            .as_array()
            .expect("a list")
            .iter()
            .any(|w| w["id"] == id && w["source"] == "assistant"),
        "list --suggested lacks win {id}: {listed}"
    );
    let backup = cli_json(&db, &["export"]);
    let in_backup = backup["records"]["wins"]
        .as_array()
        .expect("wins in the backup")
        .iter()
        .find(|w| w["id"] == id)
        .unwrap_or_else(|| panic!("win {id} is not in the backup"));
    assert_eq!(in_backup["source"], "assistant");

    // The reads answer with the CLI's own JSON.
    assert_eq!(seen["get_win"]["value"], shown);
    assert_eq!(
        seen["search_wins"]["value"],
        cli_json(&db, &["search", "handbook"])
    );
    assert_eq!(
        seen["list_wins"]["value"],
        cli_json(&db, &["list", "--expect", "cross-org-impact"])
    );
    assert_eq!(seen["get_review"]["value"], cli_json(&db, &["review"]));
    assert_eq!(
        seen["get_feedback_plan"]["value"],
        cli_json(&db, &["feedback", "plan"])
    );
    assert_eq!(
        seen["suggest_expectations"]["value"],
        cli_json(&db, &["suggest", "Hired two managers for the payments org"])
    );
    let outline = seen["get_outline"]["value"]
        .as_str()
        .expect("Markdown text");
    let cli_outline = cal(&db)
        .env("CALIBER_TODAY", TODAY)
        .args(["outline", "--format", "markdown"])
        .assert()
        .success();
    assert_eq!(outline, stdout(&cli_outline));
    assert!(
        outline.contains(&format!("#{id}")),
        "the outline cites the new win"
    );

    // A draft with an invented figure is flagged, as `caliber check` flags it.
    let report = &seen["check_draft"]["value"];
    let flagged = report["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("check_draft gave no findings: {}", seen["check_draft"]));
    assert!(
        flagged
            .iter()
            .any(|f| f["text"].as_str().is_some_and(|t| t.contains("87%"))
                && (f["kind"] == "invented_figure" || f["kind"] == "figure_not_in_cited")),
        "the invented 87% is not flagged: {report}"
    );
    let cli_check = cal(&db)
        .env("CALIBER_TODAY", TODAY)
        .args(["--json", "check", "-"])
        .write_stdin(seen["draft"].as_str().expect("the draft"))
        .assert()
        .code(1);
    let cli_report: Value = serde_json::from_str(&stdout(&cli_check)).expect("JSON");
    assert_eq!(report, &cli_report);

    // Resources: the ladder in use and the cycle, as the CLI shows them.
    let resources = seen["resources"].as_object().expect("resources");
    let ladder: Value = serde_json::from_str(resources["caliber://ladder"].as_str().expect("text"))
        .expect("the ladder as JSON");
    assert_eq!(ladder, cli_json(&db, &["ladder", "show"]));
    let cycle: Value = serde_json::from_str(resources["caliber://cycle"].as_str().expect("text"))
        .expect("the cycle as JSON");
    assert_eq!(cycle, cli_json(&db, &["cycle", "show"]));

    // Prompts: both tell the assistant to cite win ids and to check its draft.
    let prompts = seen["prompts"].as_object().expect("prompts");
    assert_eq!(prompts.len(), 2, "{prompts:?}");
    for (name, text) in prompts {
        let text = text.as_str().expect("text");
        assert!(
            text.contains("[#"),
            "{name} does not ask for win ids: {text}"
        );
        assert!(text.contains("get_review"), "{name}: {text}");
        assert!(text.contains("check_draft"), "{name}: {text}");
    }
}

#[test]
fn a_malformed_request_an_unknown_tool_and_bad_arguments_get_protocol_errors_and_change_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let before = fingerprint(&db);

    let seen = client("refusals", &db, &[]);
    let (code, message) = protocol_error(&seen, "unknown tool");
    assert_eq!(code, INVALID_PARAMS);
    assert!(message.contains("delete_everything"), "{message}");
    let expect_in_message = [
        ("log_win without a title", "title"),
        ("log_win with a blank title", "title"),
        ("log_win with a date that is no date", "2026-13-01"),
        ("log_win with an unknown expectation", "world-peace"),
        ("log_win with a new name and no new_person", "new_person"),
        ("log_win with a field it does not have", "passphrase"),
        ("log_win with a title that is a number", "title"),
        ("get_win of a win that does not exist", "999999"),
        ("get_win with a text id", "id"),
        ("list_wins with a scope that does not exist", "galaxy"),
        ("get_outline as a Word document", "docx"),
        ("check_draft without a text", "text"),
        ("check_draft of a Word document", "docx"),
        ("check_draft of an empty text", "empty"),
    ];
    for (label, word) in expect_in_message {
        let (code, message) = protocol_error(&seen, label);
        assert_eq!(code, INVALID_PARAMS, "{label}: {message}");
        assert!(
            message.contains(word),
            "{label}: '{word}' not in: {message}"
        );
    }

    // Written raw, as no SDK would: the SDK ignores a line that is not JSON (as the
    // other official SDKs do: answering garbage can start an error storm), and
    // answers JSON that is no request, or a call whose params do not fit, with an
    // error; the session goes on.
    let raw = client("malformed", &db, &[]);
    let replies = raw["replies"].as_array().expect("replies");
    let by_id = |id: i64| replies.iter().find(|r| r["id"] == id);
    for (id, code, word) in [
        (2, INVALID_PARAMS, "tools/call"),
        (3, INVALID_PARAMS, "tools/call"),
        (5, -32601, "tools/delete"),
    ] {
        let r = by_id(id).unwrap_or_else(|| panic!("no reply to request {id}: {raw}"));
        assert_eq!(r["error"]["code"], code, "request {id}: {r}");
        let message = r["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains(word), "request {id}: {r}");
    }
    assert!(
        replies.iter().any(|r| r["error"]["code"] == -32600),
        "JSON that is no request gets 'invalid request': {raw}"
    );
    assert!(
        by_id(4).is_some_and(|r| r.get("result").is_some()),
        "the server still answers after the bad lines: {raw}"
    );
    assert!(
        replies.iter().all(|r| r.get("not json").is_none()),
        "the server wrote something that is not JSON-RPC: {raw}"
    );

    unchanged(&before, &fingerprint(&db), "a refused request");
}

#[test]
fn read_only_offers_no_tool_that_writes_and_refuses_one_called_anyway() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let before = fingerprint(&db);
    let seen = client("read-only", &db, &["--read-only"]);
    let tools: Vec<&str> = seen["tools"]
        .as_array()
        .expect("tools")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(!tools.contains(&"log_win"), "{tools:?}");
    assert!(tools.contains(&"get_review"), "{tools:?}");
    let (code, message) = protocol_error(&seen, "log_win");
    assert_eq!(code, INVALID_PARAMS);
    assert!(message.contains("read-only"), "{message}");
    assert!(
        seen["get_review"]["value"]["expectations"].is_array(),
        "{}",
        seen["get_review"]
    );
    unchanged(&before, &fingerprint(&db), "--read-only");
}

#[test]
fn an_encrypted_database_is_served_with_the_passphrase_from_the_environment_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let key = "correct horse battery staple";
    cal(&db)
        .env("CALIBER_NEW_PASSPHRASE", key)
        .arg("encrypt")
        .assert()
        .success();

    // Without it the server does not start, and says why.
    let refused = cal(&db).arg("mcp").write_stdin("").assert().code(5);
    let said = crate::common::stderr(&refused);
    assert!(said.contains("CALIBER_PASSPHRASE"), "{said}");

    let seen = client_with(
        "read-only",
        &db,
        &["--read-only"],
        &[("CALIBER_PASSPHRASE", key)],
    );
    assert!(
        seen["get_review"]["value"]["expectations"].is_array(),
        "{}",
        seen["get_review"]
    );
    // No tool takes a passphrase: the schemas have no such field.
    let tour = client_with("tour", &db, &[], &[("CALIBER_PASSPHRASE", key)]);
    for (name, t) in tour["tools"].as_object().expect("tools") {
        let props = t["schema"]["properties"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        assert!(
            props.keys().all(|k| !k.contains("pass")),
            "{name} takes a passphrase: {props:?}"
        );
    }
}
