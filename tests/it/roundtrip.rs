//! Export, import, export again, through the real `caliber` binary: every field of a
//! win survives the CSV and the Markdown brag document exactly, separators, quotes,
//! line breaks, backslashes and spreadsheet formulas included; and whatever a user
//! typed (script tags, `javascript:` links, bidirectional overrides) comes out of
//! the Markdown files as text a Markdown renderer shows, never as markup or a link.

use crate::common::{cal, naming};
use pulldown_cmark::{Event, Options, Parser, Tag};
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn run(db: &Path, args: &[&str]) -> String {
    let out = cal(db).args(naming(args)).output().expect("caliber runs");
    assert!(
        out.status.success(),
        "caliber {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

fn json(db: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&run(db, &all)).expect("stdout is JSON")
}

// ---------------------------------------------------------------------------
// Hostile text in Markdown
// ---------------------------------------------------------------------------

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "<img src=x onerror=alert(1)>";
const JS_LINK: &str = "[click](javascript:alert(1))";
const DATA_LINK: &str = "[d](data:text/html;base64,PHNjcmlwdD4=)";
const VB_IMAGE: &str = "![i](vbscript:msgbox(1))";
const AUTOLINK: &str = "<javascript:alert(1)>";
const REF: &str = "[r]\n\n[r]: javascript:alert(1)";

fn hostile() -> String {
    format!("{SCRIPT} {IMG} {JS_LINK} {DATA_LINK} {VB_IMAGE} {AUTOLINK}")
}

/// Renders `md` as CommonMark (with GFM's extensions) and returns what a reader
/// would see as text, after checking that nothing in it is raw HTML and every
/// link or image points at http, https or mailto.
fn rendered_text(md: &str, what: &str) -> String {
    let mut text = String::new();
    for event in Parser::new_ext(md, Options::all()) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => {
                panic!("{what}: raw HTML {h:?} in\n{md}")
            }
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                let lower = dest_url.to_ascii_lowercase();
                assert!(
                    lower.starts_with("http://")
                        || lower.starts_with("https://")
                        || lower.starts_with("mailto:"),
                    "{what}: a live link to {dest_url:?} in\n{md}"
                );
            }
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            _ => {}
        }
    }
    text
}

fn hostile_db(dir: &TempDir) -> PathBuf {
    let db = dir.path().join("hostile.db");
    let h = hostile();
    let notes = format!("{h}\n{REF}");
    let person = format!("Mallory {SCRIPT}");
    let tag = format!("t{IMG}");
    run(
        &db,
        &[
            "log",
            &h,
            "--expect",
            "team-delivery",
            "--metric",
            &format!("35% {IMG}"),
            "--situation",
            &h,
            "--action",
            &h,
            "--result",
            &h,
            "--notes",
            &notes,
            "--with",
            &person,
            "--tag",
            &tag,
            "--principle",
            "ownership",
            "--link",
            "javascript:alert(1)",
            "--link",
            "data:text/html,<script>alert(1)</script>",
            "--link",
            "vbscript:msgbox(1)",
            "--link",
            "https://example.com/ok",
        ],
    );
    run(
        &db,
        &[
            "people",
            "add",
            &format!("Eve {IMG}"),
            "--org",
            &format!("Org {JS_LINK}"),
            "--relation",
            "peer",
        ],
    );
    run(&db, &["feedback", "add", &person, &h]);
    run(&db, &["feedback", "add", &format!("Eve {IMG}"), &notes]);
    db
}

#[test]
fn hostile_text_is_inert_in_every_markdown_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = hostile_db(&dir);
    for args in [
        &["export", "--format", "markdown"][..],
        &["outline", "-f", "markdown"][..],
        &["outline", "--forte", "-f", "markdown"][..],
    ] {
        let md = run(&db, args);
        let text = rendered_text(&md, &args.join(" "));
        if args[0] != "outline" || args.len() == 3 {
            // The document itself shows the text as typed.
            assert!(text.contains(SCRIPT), "{args:?}: {text}");
            assert!(text.contains(JS_LINK), "{args:?}: {text}");
        }
    }
    // The export's links: only the web one is a link, the others are text.
    let md = run(&db, &["export", "--format", "markdown"]);
    let text = rendered_text(&md, "export");
    assert!(text.contains("javascript:alert(1)"), "{text}");
    assert!(text.contains("vbscript:msgbox(1)"), "{text}");
    assert!(md.contains("<https://example.com/ok>"), "{md}");
}

#[test]
fn hostile_markdown_reads_back_as_the_same_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = hostile_db(&dir);
    let file = dir.path().join("brag.md");
    run(
        &db,
        &[
            "export",
            "--format",
            "markdown",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    let fresh = dir.path().join("fresh.db");
    run(&fresh, &["import", file.to_str().unwrap()]);
    assert_eq!(
        comparable(&json(&db, &["list"])),
        comparable(&json(&fresh, &["list"]))
    );
}

#[test]
fn bidirectional_overrides_are_taken_out_of_one_line_fields() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bidi.db");
    // U+202E turns the rest of a line around: "evil\u{202E}fdp.exe" shows as
    // "evilexe.pdf". Embeddings, overrides and isolates go; the marks stay.
    let spoof =
        "Shipped \u{202A}a\u{202B}b\u{202C}c\u{202D}d\u{202E}e\u{2066}f\u{2067}g\u{2068}h\u{2069}i";
    let kept = "Shipped abcdefghi";
    let rtl = "تم توظيف\u{200F} 2 \u{200E}managers";
    let win = json(
        &db,
        &[
            "log",
            spoof,
            "--metric",
            "\u{202E}35%",
            "--tag",
            "\u{2066}tag\u{2069}",
            "--with",
            "Priya\u{202E} Raman",
            "--notes",
            "multi\u{202E}line notes keep what was typed",
            "--link",
            "https://example.com/\u{202E}fdp.exe",
        ],
    );
    assert_eq!(
        win["links"],
        serde_json::json!(["https://example.com/fdp.exe"])
    );
    assert_eq!(win["title"], kept);
    assert_eq!(win["metric"], "35%");
    assert_eq!(win["tags"], serde_json::json!(["tag"]));
    assert_eq!(win["people"], serde_json::json!(["Priya Raman"]));
    assert_eq!(win["notes"], "multi\u{202E}line notes keep what was typed");
    let win = json(&db, &["log", rtl]);
    assert_eq!(
        win["title"], rtl,
        "right-to-left and left-to-right marks stay"
    );
    let p = json(
        &db,
        &[
            "people",
            "add",
            "Omar\u{2067} Haddad",
            "--org",
            "Fin\u{202D}ance",
        ],
    );
    assert_eq!(p["name"], "Omar Haddad");
    assert_eq!(p["org"], "Finance");
}

// ---------------------------------------------------------------------------
// Round trips
// ---------------------------------------------------------------------------

/// The wins of `list --json` with what an import cannot keep (ids, the source,
/// the time of logging for Markdown) left out, and the people in a fixed order.
fn comparable(list: &Value) -> Vec<Value> {
    comparable_keeping(list, false)
}

/// [`comparable`], keeping the time of logging when `logged_at` (CSV has it).
fn comparable_keeping(list: &Value, logged_at: bool) -> Vec<Value> {
    let mut wins: Vec<Value> = list
        .as_array()
        .expect("a list")
        .iter()
        .map(|w| {
            let mut w = w.clone();
            let o = w.as_object_mut().expect("a win is an object");
            for gone in ["id", "source", "logged_at"] {
                if gone != "logged_at" || !logged_at {
                    o.remove(gone);
                }
            }
            for sorted in ["people", "vouchers"] {
                if let Some(Value::Array(a)) = o.get_mut(sorted) {
                    a.sort_by_key(|v| v.to_string());
                }
            }
            w
        })
        .collect();
    wins.sort_by_key(|w| w.to_string());
    wins
}

/// A database whose wins carry every list separator, quote, line break,
/// backslash and formula start in every field that takes text.
fn tricky_db(dir: &TempDir) -> PathBuf {
    let db = dir.path().join("tricky.db");
    run(
        &db,
        &[
            "log",
            "=HYPERLINK(\"x\"); Smith, John \"JJ\" \\back\\slash #notatag [org] (aside)",
            "--date",
            "2026-03-14",
            "--expect",
            "team-delivery",
            "--expect",
            "hire-develop-managers",
            "--principle",
            "ownership",
            "--principle",
            "frugality",
            "--scope",
            "org",
            "--metric",
            "-5%; +3, =x (y) \\z",
            "--with",
            "Smith, John",
            "--with",
            "@handle",
            "--involved",
            "Doe; Jane",
            "--involved",
            "O'Brien \"Bob\" \\ (vouches)",
            "--involved",
            "=cmd|' /C calc'!A0",
            "--tag",
            "x; y",
            "--tag",
            "a, b",
            "--tag",
            "big launch",
            "--tag",
            "+plus",
            "--tag",
            "back\\slash",
            "--link",
            "https://a.example/x;y,z?q=\"1\"",
            "--link",
            "https://b.example/with space",
            "--link=-not-a-scheme, really",
            "--link",
            "mailto:someone@example.com",
            "--situation",
            "@first line\n- a list item\n\n  indented \"quoted\", with; separators\n\\back\\slash",
            "--action",
            "+1 \"quoted\"\nsecond line, with comma; and semicolon",
            "--result",
            "-3 incidents\n=SUM(A1:A3)",
            "--notes",
            "*starred* notes\n# not a heading\n```\ncode \\n\n```\n[a](https://x.example) <b>bold</b> &amp; R&D",
        ],
    );
    run(
        &db,
        &[
            "log",
            "Plain win with one tag",
            "--date",
            "2026-02-01",
            "--tag",
            "single tag with spaces",
            "--with",
            "Smith, John",
        ],
    );
    run(
        &db,
        &[
            "log",
            "--date",
            "2026-02-02",
            "--link",
            "https://only.example",
            "--",
            "-1% churn, the title starts with a minus",
        ],
    );
    db
}

fn round_trip(format: &str, ext: &str) {
    let dir = tempfile::tempdir().unwrap();
    let db = tricky_db(&dir);
    let export = |db: &Path, name: &str| -> String {
        let file = dir.path().join(format!("{name}.{ext}"));
        run(
            db,
            &["export", "--format", format, "-o", file.to_str().unwrap()],
        );
        std::fs::read_to_string(&file).expect("the export is written")
    };
    let import = |name: &str| -> PathBuf {
        let fresh = dir.path().join(format!("from-{name}.db"));
        let file = dir.path().join(format!("{name}.{ext}"));
        run(
            &fresh,
            &["import", "--format", format, file.to_str().unwrap()],
        );
        fresh
    };
    let first = export(&db, "first");
    let second_db = import("first");
    let second = export(&second_db, "second");
    let third_db = import("second");
    let third = export(&third_db, "third");

    let csv = format == "csv";
    let original = comparable_keeping(&json(&db, &["list"]), csv);
    assert_eq!(original.len(), 3);
    assert_eq!(
        original,
        comparable_keeping(&json(&second_db, &["list"]), csv),
        "{format}: the wins read back differ from the ones written\n{first}"
    );
    assert_eq!(
        second, third,
        "{format}: exporting what was imported gives another file"
    );
    // The first file differs from the second only in what an import renews: the
    // ids (CSV and Markdown wins come in as new ones, numbered in file order) and
    // the source (an imported win is marked `import`).
    assert_eq!(
        without_ids_and_source(format, &first),
        without_ids_and_source(format, &second),
        "{format}: export, import, export changed the file"
    );
}

/// A CSV export with the `id` and `source` cells emptied; Markdown as it is (it
/// writes neither).
fn without_ids_and_source(format: &str, text: &str) -> String {
    if format != "csv" {
        return text.to_string();
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut out = csv::Writer::from_writer(Vec::new());
    for (n, row) in reader.records().enumerate() {
        let row = row.expect("the export is CSV");
        let cells: Vec<&str> = row
            .iter()
            .enumerate()
            .map(|(i, c)| if n > 0 && (i == 0 || i == 16) { "" } else { c })
            .collect();
        out.write_record(&cells).unwrap();
    }
    String::from_utf8(out.into_inner().unwrap()).unwrap()
}

#[test]
fn csv_round_trip_keeps_every_field_exactly() {
    round_trip("csv", "csv");
}

#[test]
fn markdown_round_trip_keeps_every_field_exactly() {
    round_trip("markdown", "md");
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_defused() {
    let dir = tempfile::tempdir().unwrap();
    let db = tricky_db(&dir);
    let csv = run(&db, &["export", "--format", "csv"]);
    let mut reader = csv::ReaderBuilder::new().from_reader(csv.as_bytes());
    let mut cells = 0;
    for row in reader.records() {
        for cell in row.unwrap().iter() {
            cells += 1;
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "cell {cell:?} would be a formula"
            );
        }
    }
    assert!(cells > 30);
}
