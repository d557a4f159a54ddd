//! The promotion document speaks as "I" from start to end: no sentence or heading
//! in the tool's voice ("Your teams deliver", "you own…") in the outline of the
//! demo or of any whole case in tests/data/cases, in Markdown or in JSON. What
//! other people said (quotes) is theirs, and stays in their words.

use crate::common::cal;
use assert_cmd::Command;
use caliber::{Cycle, ExpectationTag, FeedbackDraft, PersonDraft, PersonRef, Store, WinDraft};
use chrono::NaiveDate;
use serde_json::Value;
use std::path::Path;

fn stdout(c: &mut Command) -> String {
    let out = c.assert().success();
    String::from_utf8_lossy(&out.get_output().stdout).into_owned()
}

/// Text with every quotation ("…" or “…”) taken out: someone else speaking.
fn unquoted(text: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '“' => quoted = true,
            '”' => quoted = false,
            _ if !quoted => out.push(c),
            _ => {}
        }
    }
    out
}

/// The second-person words of a text, outside quotations.
fn tool_voice(text: &str) -> Vec<String> {
    let t = unquoted(text);
    t.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| {
            let w = w.to_lowercase();
            matches!(
                w.as_str(),
                "you" | "your" | "yours" | "yourself" | "you're" | "you've" | "you'll" | "you'd"
            )
        })
        .map(str::to_string)
        .collect()
}

/// Every line of the Markdown and every string of the JSON (feedback quotes
/// aside) that speaks as "you".
fn findings(markdown: &str, json: &Value) -> Vec<String> {
    let mut out: Vec<String> = markdown
        .lines()
        // A block quote is someone else's words.
        .filter(|l| !l.trim_start().starts_with('>'))
        .filter(|l| !tool_voice(l).is_empty())
        .map(|l| format!("md: {l}"))
        .collect();
    fn walk(v: &Value, path: &str, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    if k == "quote" {
                        continue;
                    }
                    walk(x, &format!("{path}.{k}"), out);
                }
            }
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    walk(x, &format!("{path}[{i}]"), out);
                }
            }
            Value::String(s) if !tool_voice(s).is_empty() => out.push(format!("json {path}: {s}")),
            _ => {}
        }
    }
    walk(json, "", &mut out);
    out
}

fn outline_findings(db: &Path) -> Vec<String> {
    let md = stdout(cal(db).arg("outline"));
    let json: Value =
        serde_json::from_str(&stdout(cal(db).args(["--json", "outline"]))).expect("JSON");
    assert!(
        md.contains("## 2."),
        "an outline with its expectations: {md}"
    );
    findings(&md, &json)
}

#[test]
fn the_check_finds_tool_voice_and_leaves_quotes_alone() {
    assert_eq!(tool_voice("### 2.1 Your teams deliver"), vec!["Your"]);
    assert_eq!(tool_voice("Plan: list every approval you own"), vec!["you"]);
    assert!(tool_voice("Marcus said: \"You gave me a plan.\"").is_empty());
    assert!(tool_voice("My teams deliver; youth and layout").is_empty());
}

#[test]
fn the_demo_outline_speaks_as_i_only() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = dir.path().join("caliber.db");
    cal(&db).arg("demo").assert().success();
    let found = outline_findings(&db);
    assert!(
        found.is_empty(),
        "tool voice in the demo's outline:\n{}",
        found.join("\n")
    );
}

fn d(s: &str) -> NaiveDate {
    s.parse().expect("a date")
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|x| x.as_str().map(str::to_string))
        .collect()
}

/// Writes a whole case (tests/data/cases) into a database file.
fn load_case(case: &Value, db: &Path) {
    let mut s = Store::open(db).expect("a database");
    let ladder = s
        .ladder(case["ladder"].as_str().expect("ladder"))
        .expect("a ladder");
    let cycle = &case["cycle"];
    s.set_cycle(&Cycle {
        ladder: ladder.id.clone(),
        current_level: ladder.current_level.clone(),
        target_level: ladder.target_level.clone(),
        start: d(cycle["from"].as_str().expect("from")),
        end: d(cycle["to"].as_str().expect("to")),
        target_date: cycle["target_date"].as_str().map(d),
        is_default: false,
    })
    .expect("the cycle");
    s.set_setting("org", case["own_org"].as_str().expect("own_org"))
        .expect("the org");
    for p in case["people"].as_array().expect("people") {
        s.add_person(&PersonDraft {
            name: p["name"].as_str().expect("a name").into(),
            relation: p["relation"]
                .as_str()
                .map(|r| r.parse().expect("a relation")),
            org: p["org"].as_str().map(str::to_string),
            notes: p["is_manager"]
                .as_bool()
                .unwrap_or(false)
                .then(|| "Manager".to_string()),
            seniority: p["seniority"]
                .as_str()
                .map(|x| x.parse().expect("a seniority")),
        })
        .expect("a person");
    }
    for w in case["wins"].as_array().expect("wins") {
        let text = |k: &str| w[k].as_str().map(str::to_string);
        s.add_win(&WinDraft {
            date: Some(d(w["date"].as_str().expect("a date"))),
            title: w["title"].as_str().expect("a title").into(),
            situation: text("situation"),
            action: text("action"),
            result: text("result"),
            metric: text("metric"),
            scope: w["scope"]
                .as_str()
                .unwrap_or("team")
                .parse()
                .expect("a scope"),
            expectations: strs(&w["expectations"])
                .into_iter()
                .map(|id| ExpectationTag {
                    id,
                    confirmed: true,
                })
                .collect(),
            people: w["people"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| PersonRef {
                    name: p["name"].as_str().expect("a name").into(),
                    vouches: p["vouches"].as_bool().unwrap_or(false),
                })
                .collect(),
            ..WinDraft::default()
        })
        .expect("a win");
    }
    for f in case["feedback"].as_array().into_iter().flatten() {
        s.add_feedback(&FeedbackDraft {
            person: f["person"].as_str().expect("a person").into(),
            date: Some(d(f["date"].as_str().expect("a date"))),
            quote: f["text"].as_str().expect("a quote").into(),
            expectation: strs(&f["expectations"]).into_iter().next(),
        })
        .expect("feedback");
    }
}

#[test]
fn every_case_outline_speaks_as_i_only() {
    let mut files: Vec<_> = std::fs::read_dir("tests/data/cases")
        .expect("the cases folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 6, "{} cases", files.len());
    let mut all = Vec::new();
    for f in files {
        let case: Value =
            serde_json::from_str(&std::fs::read_to_string(&f).expect("a case")).expect("JSON");
        let dir = tempfile::tempdir().expect("a temp dir");
        let db = dir.path().join("caliber.db");
        load_case(&case, &db);
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        all.extend(
            outline_findings(&db)
                .into_iter()
                .map(|l| format!("{name}: {l}")),
        );
    }
    assert!(
        all.is_empty(),
        "tool voice in the cases' outlines:\n{}",
        all.join("\n")
    );
}
