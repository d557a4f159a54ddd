//! `caliber check`: a corpus of drafts (tests/data/drafts) against a ledger built
//! here, each with the exact findings expected (kind, line, column); Caliber's own
//! outline and Forte texts pass clean on the demo year and on generated data; and
//! bad input (binary, empty, too big, missing) gets a clear message and its exit
//! code, with the database unchanged. All through the real binary.

use crate::common::{cal, d, fingerprint, stderr, stdout};
use crate::generator;
use caliber::{ExpectationTag, FeedbackDraft, PersonDraft, PersonRef, Relation, Store, WinDraft};
use serde_json::Value;
use std::path::{Path, PathBuf};

const TODAY: &str = "2026-11-20";

fn drafts() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/drafts")
}

fn draft(name: &str) -> PathBuf {
    drafts().join(name)
}

/// One win of the test ledger: title, result, metric, expectation, people.
fn win(title: &str, result: &str, metric: Option<&str>, expect: &str, who: &str) -> WinDraft {
    WinDraft {
        result: Some(result.into()),
        metric: metric.map(str::to_string),
        expectations: vec![ExpectationTag {
            id: expect.into(),
            confirmed: true,
        }],
        people: vec![PersonRef {
            name: who.into(),
            vouches: true,
        }],
        ..WinDraft::titled(title)
    }
}

/// The ledger the corpus is written against: six live wins (ids 1 to 6, one per
/// expectation of the Senior Manager ladder), a seventh deleted, seven people (Grace
/// Whitfield on no win) and two pieces of feedback.
fn ledger(dir: &Path) -> PathBuf {
    let db = dir.join("ledger.db");
    let mut s = Store::open(&db).unwrap();
    s.set_cycle(&caliber::Cycle {
        ladder: "senior-manager".into(),
        current_level: "L6".into(),
        target_level: "L7".into(),
        start: d("2025-12-01"),
        end: d("2026-11-30"),
        target_date: Some(d("2027-01-15")),
        is_default: false,
    })
    .unwrap();
    for (name, relation) in [
        ("Omar Haddad", Relation::Partner),
        ("Sofia Marchetti", Relation::Manager),
        ("Priya Raman", Relation::Report),
        ("David Brennan", Relation::SkipLevelManager),
        ("Kenji Watanabe", Relation::Partner),
        ("Hannah Lindqvist", Relation::Peer),
        ("Grace Whitfield", Relation::Partner),
    ] {
        s.add_person(&PersonDraft {
            name: name.into(),
            relation: Some(relation),
            ..Default::default()
        })
        .unwrap();
    }
    let wins = [
        (
            "2026-02-10",
            win(
                "Cut AWS spend 30% with a monthly cost review",
                "Saved $1.2M a year; 4 teams adopted the review",
                Some("$1.2M/yr"),
                "team-delivery",
                "Omar Haddad",
            ),
        ),
        (
            "2026-03-09",
            win(
                "Hired Elena Vasquez as SDM for the new Payouts team",
                "She ran her first hiring loop 5 weeks after joining",
                None,
                "hire-develop-managers",
                "Sofia Marchetti",
            ),
        ),
        (
            "2026-04-02",
            win(
                "Handed the weekly ops review to Priya; she runs it without me",
                "90 minutes a week back for org-level work",
                Some("90 min/week"),
                "delegation",
                "Priya Raman",
            ),
        ),
        (
            "2026-05-16",
            win(
                "Wrote the PR/FAQ for same-day payouts; funded as a top bet",
                "Funded with 4 engineers",
                Some("4 engineers funded"),
                "strategy",
                "David Brennan",
            ),
        ),
        (
            "2026-06-02",
            win(
                "Ran an idempotency workshop for 40 engineers from 9 teams",
                "3 teams added idempotency keys within the quarter",
                Some("9 teams"),
                "cross-org-impact",
                "Kenji Watanabe",
            ),
        ),
        (
            "2026-07-01",
            win(
                "Agreed one shared roadmap with Subscriptions Billing",
                "Releases went 2x faster for both teams",
                Some("2x faster releases"),
                "peer-collaboration",
                "Hannah Lindqvist",
            ),
        ),
        (
            "2026-07-20",
            win(
                "Ran a team offsite for 25 people",
                "Everyone came",
                None,
                "team-delivery",
                "Priya Raman",
            ),
        ),
    ];
    for (i, (date, w)) in wins.into_iter().enumerate() {
        let added = s
            .add_win(&WinDraft {
                date: Some(d(date)),
                ..w
            })
            .unwrap();
        assert_eq!(added.id, i as i64 + 1, "the corpus cites wins by these ids");
    }
    s.delete_win(7).unwrap();
    for (who, date, quote) in [
        (
            "Kenji Watanabe",
            "2026-09-13",
            "Your workshop is why three orgs now use idempotency keys.",
        ),
        (
            "Sofia Marchetti",
            "2026-09-26",
            "Bring me two or three decisions you have fully handed off before calibration.",
        ),
    ] {
        s.add_feedback(&FeedbackDraft {
            person: who.into(),
            date: Some(d(date)),
            quote: quote.into(),
            expectation: None,
        })
        .unwrap();
    }
    db
}

/// `caliber --db DB --json check ARGS…` as of [`TODAY`]: the exit code and the
/// JSON report.
fn check_json(db: &Path, args: &[&str]) -> (i32, Value) {
    let a = cal(db)
        .env("CALIBER_TODAY", TODAY)
        .arg("--json")
        .arg("check")
        .args(args)
        .assert();
    let code = a.get_output().status.code().unwrap_or(-1);
    let out = stdout(&a);
    let json: Value = serde_json::from_str(&out)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {out}\nstderr: {}", stderr(&a)));
    (code, json)
}

/// The findings of a report as (kind, line, column), in its order.
fn found(report: &Value) -> Vec<(String, u64, u64)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn expect(items: &[(&str, u64, u64)]) -> Vec<(String, u64, u64)> {
    items
        .iter()
        .map(|(k, l, c)| (k.to_string(), *l, *c))
        .collect()
}

#[test]
fn faithful_drafts_pass_clean() {
    let dir = tempfile::tempdir().unwrap();
    let db = ledger(dir.path());
    for name in ["faithful.md", "faithful.txt"] {
        let path = draft(name);
        let (code, report) = check_json(&db, &[path.to_str().unwrap()]);
        assert_eq!(found(&report), expect(&[]), "{name}: {report:#}");
        assert_eq!(code, 0, "{name}");
        let figures = if name.ends_with(".md") { 9 } else { 4 };
        assert_eq!(report["checked"]["figures"], figures, "{report:#}");
        assert!(report["checked"]["citations"].as_u64().unwrap() >= 7);
        assert!(report["checked"]["sentences"].as_u64().unwrap() >= 5);
    }
    // The text output of a clean draft says so, and exits 0.
    let a = cal(&db)
        .env("CALIBER_TODAY", TODAY)
        .arg("check")
        .arg(draft("faithful.md"))
        .assert()
        .code(0);
    assert!(stdout(&a).contains("no findings"), "{}", stdout(&a));
}

#[test]
fn each_unfaithful_draft_gets_exactly_its_findings() {
    let dir = tempfile::tempdir().unwrap();
    let db = ledger(dir.path());
    type Expected<'a> = Vec<(&'a str, u64, u64)>;
    let corpus: [(&str, Expected); 6] = [
        ("invented_figure.md", vec![("invented_figure", 5, 17)]),
        (
            "wrong_citation.md",
            vec![
                ("figure_not_in_cited", 24, 35),
                ("figure_not_in_cited", 24, 53),
            ],
        ),
        (
            "unknown_win.md",
            vec![("unknown_win", 16, 58), ("unknown_win", 20, 81)],
        ),
        ("uncited_claim.md", vec![("uncited_claim", 10, 1)]),
        (
            "misattributed_quote.md",
            vec![
                ("unsupported_quote", 25, 19),
                ("unsupported_quote", 30, 22),
                ("unsupported_quote", 30, 81),
            ],
        ),
        (
            "uncovered_expectation.md",
            vec![("uncovered_expectation", 1, 1)],
        ),
    ];
    for (name, want) in corpus {
        let path = draft(name);
        let (code, report) = check_json(&db, &[path.to_str().unwrap()]);
        assert_eq!(found(&report), expect(&want), "{name}: {report:#}");
        assert_eq!(code, 1, "{name}: findings exit 1");
    }
}

#[test]
fn findings_name_the_text_the_wins_and_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let db = ledger(dir.path());
    let (_, r) = check_json(&db, &[draft("invented_figure.md").to_str().unwrap()]);
    assert_eq!(r["findings"][0]["text"], "45%");
    let (_, r) = check_json(&db, &[draft("wrong_citation.md").to_str().unwrap()]);
    assert_eq!(r["findings"][0]["text"], "40 engineers");
    assert_eq!(r["findings"][0]["wins"], serde_json::json!([4]));
    assert!(
        r["findings"][0]["suggestion"]
            .as_str()
            .unwrap()
            .contains("[#5]"),
        "the win that holds the figure is named: {r:#}"
    );
    let (_, r) = check_json(&db, &[draft("unknown_win.md").to_str().unwrap()]);
    assert_eq!(r["findings"][0]["text"], "[#12]");
    assert_eq!(r["findings"][0]["wins"], serde_json::json!([12]));
    assert_eq!(r["findings"][1]["wins"], serde_json::json!([7]));
    let (_, r) = check_json(&db, &[draft("uncited_claim.md").to_str().unwrap()]);
    assert_eq!(
        r["findings"][0]["wins"][0], 2,
        "the best matching win is offered first: {r:#}"
    );
    assert!(
        r["findings"][0]["text"]
            .as_str()
            .unwrap()
            .starts_with("I hired Elena Vasquez")
    );
    let (_, r) = check_json(&db, &[draft("uncovered_expectation.md").to_str().unwrap()]);
    assert_eq!(
        r["findings"][0]["text"],
        "Work across the company with differing interests"
    );
    // Exactly the promised shape, key for key.
    let keys = |v: &Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&r), ["checked", "findings"]);
    assert_eq!(
        keys(&r["findings"][0]),
        ["column", "kind", "line", "suggestion", "text", "wins"]
    );
    assert_eq!(keys(&r["checked"]), ["citations", "figures", "sentences"]);
}

#[test]
fn columns_count_characters_and_text_output_names_each_place() {
    let dir = tempfile::tempdir().unwrap();
    let db = ledger(dir.path());
    let file = dir.path().join("accents.md");
    std::fs::write(&file, "Équipe Über — we cut AWS spend 45% [#1].\n").unwrap();
    let (code, r) = check_json(&db, &[file.to_str().unwrap()]);
    assert_eq!(code, 1);
    let invented: Vec<&Value> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "invented_figure")
        .collect();
    assert_eq!(invented.len(), 1, "{r:#}");
    assert_eq!(invented[0]["line"], 1);
    assert_eq!(invented[0]["column"], 32, "characters, not bytes");
    let a = cal(&db)
        .env("CALIBER_TODAY", TODAY)
        .arg("check")
        .arg(&file)
        .assert()
        .code(1);
    let out = stdout(&a);
    assert!(out.contains("accents.md:1:32"), "{out}");
    assert!(out.contains("invented_figure"), "{out}");
}

#[test]
fn a_draft_on_standard_input_is_checked_like_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = ledger(dir.path());
    let text = std::fs::read(draft("invented_figure.md")).unwrap();
    let a = cal(&db)
        .env("CALIBER_TODAY", TODAY)
        .args(["--json", "check", "-"])
        .write_stdin(text)
        .assert()
        .code(1);
    let r: Value = serde_json::from_str(&stdout(&a)).unwrap();
    assert_eq!(found(&r), expect(&[("invented_figure", 5, 17)]));
    cal(&db)
        .env("CALIBER_TODAY", TODAY)
        .args(["check", "-"])
        .write_stdin(std::fs::read(draft("faithful.md")).unwrap())
        .assert()
        .code(0);
}

#[test]
fn forte_mode_holds_each_text_to_the_word_limit() {
    let dir = tempfile::tempdir().unwrap();
    let db = ledger(dir.path());
    let (code, r) = check_json(&db, &["--forte", draft("forte.md").to_str().unwrap()]);
    assert_eq!(found(&r), expect(&[]), "{r:#}");
    assert_eq!(code, 0);
    let (code, r) = check_json(&db, &["--forte", draft("forte_long.md").to_str().unwrap()]);
    assert_eq!(found(&r), expect(&[("forte_too_long", 6, 3)]), "{r:#}");
    assert_eq!(code, 1);
    assert!(
        r["findings"][0]["suggestion"]
            .as_str()
            .unwrap()
            .contains("70 words (citations aside)"),
        "{r:#}"
    );
}

/// `caliber outline` (Markdown) and `caliber outline --forte` on `db`, each checked
/// with `caliber check`: both must be clean.
fn own_texts_pass(db: &Path, dir: &Path) {
    own_texts_pass_with(db, dir, 20, 20);
}

/// [`own_texts_pass`], with at least `figures` figures and `citations` citations
/// checked in the outline.
fn own_texts_pass_with(db: &Path, dir: &Path, figures: u64, citations: u64) {
    let case = dir.join("case.md");
    let forte = dir.join("forte.md");
    cal(db)
        .env("CALIBER_TODAY", TODAY)
        .arg("outline")
        .arg("-o")
        .arg(&case)
        .assert()
        .success();
    cal(db)
        .env("CALIBER_TODAY", TODAY)
        .args(["outline", "--forte", "-o"])
        .arg(&forte)
        .assert()
        .success();
    let (code, r) = check_json(db, &[case.to_str().unwrap()]);
    assert_eq!(found(&r), expect(&[]), "the outline: {r:#}");
    assert_eq!(code, 0);
    assert!(
        r["checked"]["figures"].as_u64().unwrap() >= figures,
        "{r:#}"
    );
    assert!(
        r["checked"]["citations"].as_u64().unwrap() >= citations,
        "{r:#}"
    );
    let (code, r) = check_json(db, &["--forte", forte.to_str().unwrap()]);
    assert_eq!(found(&r), expect(&[]), "the Forte texts: {r:#}");
    assert_eq!(code, 0);
}

#[test]
fn calibers_own_outline_and_forte_pass_clean_on_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    cal(&db)
        .env("CALIBER_TODAY", TODAY)
        .arg("demo")
        .assert()
        .success();
    own_texts_pass(&db, dir.path());
}

#[test]
fn calibers_own_outline_and_forte_pass_clean_on_generated_data() {
    for seed in [1_u64, 2, 3] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("gen.db");
        {
            let mut s = Store::open(&db).unwrap();
            s.insert_records(&generator::records(600, seed, d(TODAY)), None)
                .unwrap();
        }
        own_texts_pass(&db, dir.path());
    }
}

#[test]
fn calibers_own_texts_pass_clean_on_a_small_ledger_and_on_the_first_time_manager_ladder() {
    let dir = tempfile::tempdir().unwrap();
    let db = ledger(dir.path());
    own_texts_pass_with(&db, dir.path(), 5, 5);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("gen.db");
    {
        let mut s = Store::open(&db).unwrap();
        s.insert_records(&generator::records(400, 7, d(TODAY)), None)
            .unwrap();
    }
    cal(&db)
        .env("CALIBER_TODAY", TODAY)
        .args(["cycle", "set", "--ladder", "first-time-manager"])
        .assert()
        .success();
    own_texts_pass(&db, dir.path());
}

#[test]
fn bad_drafts_are_refused_with_what_to_do_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let db = ledger(dir.path());
    let before = fingerprint(&db);
    let binary = dir.path().join("photo.md");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    let empty = dir.path().join("empty.md");
    std::fs::write(&empty, "").unwrap();
    let blank = dir.path().join("blank.md");
    std::fs::write(&blank, "  \n\n\t\n").unwrap();
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"Caf\xe9 team cut spend\n").unwrap();
    let big = dir.path().join("big.md");
    let line = "I cut AWS spend 30% with a monthly cost review [#1].\n";
    std::fs::write(&big, line.repeat(10 * 1024 * 1024 / line.len() + 1)).unwrap();
    let cases: [(&Path, i32, &str); 6] = [
        (&binary, 2, "not text"),
        (&empty, 2, "empty"),
        (&blank, 2, "empty"),
        (&latin1, 2, "UTF-8"),
        (&big, 2, "10 MB"),
        (dir.path(), 2, "folder"),
    ];
    for (path, code, says) in cases {
        let started = std::time::Instant::now();
        let a = cal(&db)
            .env("CALIBER_TODAY", TODAY)
            .arg("check")
            .arg(path)
            .assert()
            .code(code);
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "{} took {:?}",
            path.display(),
            started.elapsed()
        );
        let err = stderr(&a);
        assert!(err.contains(says), "{}: {err}", path.display());
        assert!(stdout(&a).is_empty(), "{}", path.display());
    }
    let a = cal(&db)
        .env("CALIBER_TODAY", TODAY)
        .args(["--json", "check"])
        .arg(dir.path().join("missing.md"))
        .assert()
        .code(3);
    let err: Value = serde_json::from_str(stderr(&a).trim()).unwrap();
    assert_eq!(err["kind"], "not_found");
    assert!(err["message"].as_str().unwrap().contains("missing.md"));
    cal(&db)
        .env("CALIBER_TODAY", TODAY)
        .args(["check", "-"])
        .write_stdin("")
        .assert()
        .code(2);
    cal(&db)
        .env("CALIBER_TODAY", TODAY)
        .args(["check", "-"])
        .write_stdin(vec![0u8, 159, 146, 150, 0, 1])
        .assert()
        .code(2);
    assert_eq!(fingerprint(&db), before, "a check never writes");
}

#[test]
fn a_word_document_is_read_for_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = ledger(dir.path());
    // Caliber's own DOCX writer makes the document; the checker reads it back.
    let case = dir.path().join("case.docx");
    cal(&db)
        .env("CALIBER_TODAY", TODAY)
        .args(["outline", "-o"])
        .arg(&case)
        .assert()
        .success();
    let (_, r) = check_json(&db, &[case.to_str().unwrap()]);
    assert!(
        r["checked"]["citations"].as_u64().unwrap() >= 6,
        "the citations of the Word outline are read: {r:#}"
    );
    assert_eq!(
        found(&r),
        expect(&[]),
        "the Word outline passes clean: {r:#}"
    );
    // A Word draft with an invented figure: the line is the paragraph.
    let mut doc = Vec::new();
    docx_rs::Docx::new()
        .add_paragraph(docx_rs::Paragraph::new().add_run(docx_rs::Run::new().add_text("Case")))
        .add_paragraph(docx_rs::Paragraph::new().add_run(
            docx_rs::Run::new().add_text("I cut AWS spend 45% with a monthly cost review [#1]."),
        ))
        .build()
        .pack(std::io::Cursor::new(&mut doc))
        .unwrap();
    let file = dir.path().join("draft.docx");
    std::fs::write(&file, doc).unwrap();
    let (code, r) = check_json(&db, &[file.to_str().unwrap()]);
    assert_eq!(code, 1);
    let invented: Vec<(String, u64, u64)> = found(&r)
        .into_iter()
        .filter(|(k, _, _)| k == "invented_figure")
        .collect();
    assert_eq!(invented, expect(&[("invented_figure", 2, 17)]), "{r:#}");
}

#[test]
fn a_draft_given_as_text_is_checked_like_a_file_and_refused_as_bad_input() {
    use caliber::check::{CheckOptions, DraftFormat, check_given, check_text};
    let dir = tempfile::tempdir().unwrap();
    let db = ledger(dir.path());
    let before = fingerprint(&db);
    let store = Store::open(&db).unwrap();
    let options = CheckOptions::default();

    let text = "I cut AWS spend 45% with a monthly cost review [#1].\n";
    let given = check_given(
        &mut Default::default(),
        &store,
        text,
        &options,
        "the pasted draft",
    )
    .unwrap();
    assert_eq!(given, check_text(&store, text, &options).unwrap());
    assert!(
        given
            .findings
            .iter()
            .any(|f| f.kind == caliber::check::FindingKind::InventedFigure && f.text == "45%"),
        "{given:?}"
    );

    let line = "I cut AWS spend 30% with a monthly cost review [#1].\n";
    let big = line.repeat(10 * 1024 * 1024 / line.len() + 1);
    for (text, format, says) in [
        (big.as_str(), DraftFormat::Markdown, "10 MB"),
        ("", DraftFormat::Markdown, "empty"),
        (" \n\t\n", DraftFormat::Text, "empty"),
        ("I cut spend\0 by half", DraftFormat::Markdown, "not text"),
    ] {
        let options = CheckOptions {
            format,
            ..CheckOptions::default()
        };
        let err = check_given(
            &mut Default::default(),
            &store,
            text,
            &options,
            "the pasted draft",
        )
        .unwrap_err();
        assert_eq!(err.kind(), caliber::ErrorKind::InvalidInput, "{err}");
        let message = err.to_string();
        assert!(message.contains(says), "{message}");
        assert!(message.starts_with("the pasted draft"), "{message}");
    }
    drop(store);
    assert_eq!(fingerprint(&db), before, "a check never writes");
}

/// The ledger kept between checks gives exactly what a fresh read gives: after a
/// win is logged on the same connection, after another connection writes, and
/// when one draft cites a win outside the cycle (its figures count for that draft
/// only, never for the next).
#[test]
fn a_kept_ledger_checks_like_a_fresh_one_as_the_data_changes() {
    use caliber::check::{CheckOptions, LedgerCache, check_given, check_text};
    let dir = tempfile::tempdir().unwrap();
    let db = ledger(dir.path());
    let mut store = Store::open(&db).unwrap();
    let options = CheckOptions::default();
    let mut cache = LedgerCache::default();
    let invented = |r: &caliber::check::Report, figure: &str| {
        r.findings
            .iter()
            .any(|f| f.kind == caliber::check::FindingKind::InventedFigure && f.text == figure)
    };
    let same = |store: &Store, cache: &mut LedgerCache, text: &str| {
        let kept = check_given(cache, store, text, &options, "the draft").unwrap();
        assert_eq!(kept, check_text(store, text, &options).unwrap(), "{text}");
        kept
    };

    let text = "Payments latency fell 37% after the rewrite [#1].\n";
    assert!(invented(&same(&store, &mut cache, text), "37%"));
    // Logged on this connection: the figure is now in the evidence.
    store
        .add_win(&WinDraft {
            date: Some(d("2026-10-01")),
            result: Some("Payments latency fell 37%".into()),
            ..WinDraft::titled("Rewrote the payments gateway")
        })
        .unwrap();
    assert!(!invented(&same(&store, &mut cache, text), "37%"));
    // Logged by another connection (the CLI, the app): seen too.
    let text = "Refund disputes fell 52% [#1].\n";
    assert!(invented(&same(&store, &mut cache, text), "52%"));
    {
        let mut other = Store::open(&db).unwrap();
        other
            .add_win(&WinDraft {
                date: Some(d("2026-10-02")),
                result: Some("Refund disputes fell 52%".into()),
                ..WinDraft::titled("Rebuilt the disputes flow")
            })
            .unwrap();
    }
    assert!(!invented(&same(&store, &mut cache, text), "52%"));
    // A win from before the cycle, cited: its figure holds for that draft...
    let old = store
        .add_win(&WinDraft {
            date: Some(d("2025-06-01")),
            result: Some("Chargebacks down 64%".into()),
            ..WinDraft::titled("Chargeback program")
        })
        .unwrap()
        .id;
    let cites = format!("Chargebacks fell 64% [#{old}].\n");
    assert!(!invented(&same(&store, &mut cache, &cites), "64%"));
    // ...and not for the next one, which does not cite it.
    assert!(invented(
        &same(&store, &mut cache, "Chargebacks fell 64% [#1].\n"),
        "64%"
    ));
    // A restore replaces the data wholesale: the kept ledger is read again.
    let copy = dir.path().join("before.db");
    store.backup_to(&copy).unwrap();
    store
        .add_win(&WinDraft {
            date: Some(d("2026-10-03")),
            result: Some("Onboarding time fell 71%".into()),
            ..WinDraft::titled("Rebuilt onboarding")
        })
        .unwrap();
    let text = "Onboarding time fell 71% [#1].\n";
    assert!(!invented(&same(&store, &mut cache, text), "71%"));
    store.restore_from(&copy, None).unwrap();
    assert!(invented(&same(&store, &mut cache, text), "71%"));
}
