//! The sponsor pack: on the demo year and on a sponsor's case built by hand, three
//! proof points that each cite a live win of the window (never the floor while
//! other expectations have evidence, never work judged below the level), at most
//! 450 words, every figure one the user wrote (and a check that catches an
//! invented one), one printed page in Word and HTML (LibreOffice to PDF, pages by
//! `pdfinfo`) even with 500 wins in the window, and a clear refusal that changes
//! nothing when there is no case to argue.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use caliber::honesty::evidence_numbers;
use caliber::model::Setting;
use caliber::outline::OutlineFormat;
use caliber::pack::{self, MAX_WORDS, ObjectionSource, Pack};
use caliber::{
    Cycle, ExpectationTag, FeedbackDraft, PersonDraft, PersonRef, Relation, Scope, Store, WinDraft,
    WinFilter,
};

use crate::common::{cal, d, fingerprint, stderr, stdout};

const TODAY: &str = "2026-11-20";

fn demo() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    caliber::demo::load_demo(&mut s, d(TODAY)).unwrap();
    s
}

fn person(s: &mut Store, name: &str, relation: Relation, org: &str) -> i64 {
    s.add_person(&PersonDraft {
        name: name.into(),
        relation: Some(relation),
        org: Some(org.into()),
        notes: None,
        seniority: None,
    })
    .unwrap()
    .id
}

struct W<'a> {
    date: &'a str,
    title: &'a str,
    exp: &'a str,
    action: &'a str,
    metric: Option<&'a str>,
    scope: Scope,
    vouchers: &'a [&'a str],
}

fn win(s: &mut Store, w: W<'_>) -> i64 {
    s.add_win(&WinDraft {
        date: Some(d(w.date)),
        action: Some(w.action.into()),
        metric: w.metric.map(Into::into),
        scope: w.scope,
        expectations: vec![ExpectationTag {
            id: w.exp.into(),
            confirmed: true,
        }],
        people: w
            .vouchers
            .iter()
            .map(|n| PersonRef {
                name: (*n).into(),
                vouches: true,
            })
            .collect(),
        ..WinDraft::titled(w.title)
    })
    .unwrap()
    .id
}

fn set_cycle(s: &mut Store) {
    s.set_cycle(&Cycle {
        ladder: "senior-manager".into(),
        current_level: "L6".into(),
        target_level: "L7".into(),
        start: d("2025-12-01"),
        end: d("2026-11-30"),
        target_date: Some(d("2027-01-15")),
        is_default: false,
    })
    .unwrap();
}

/// The wins of the hand-built case the tests name.
struct Case {
    /// The heaviest win of the ledger, for the floor (team delivery).
    floor_star: i64,
    /// Promoting an engineer to the next IC level: work below L7 for hiring managers.
    below_level: i64,
}

/// An L6 manager going for L7 at a payments company, as of 2026-11-20: big team
/// delivery (the floor), managers grown, a decision forum handed off, a strategy
/// bet that cost the own teams, a mechanism adopted by other orgs, a hard peer
/// negotiation; feedback asked of some and given by others; two rehearsal answers.
fn realistic(s: &mut Store) -> Case {
    set_cycle(s);
    s.set_setting(Setting::Org, "Payments").unwrap();
    person(s, "Dana Okafor", Relation::SkipLevelManager, "Payments");
    person(s, "Lena Fischer", Relation::Peer, "Risk");
    person(s, "Tomás Rivera", Relation::Partner, "Retail");
    person(s, "Ama Mensah", Relation::Report, "Payments");
    person(s, "Victor Hale", Relation::Manager, "Payments");
    let floor_star = win(
        s,
        W {
            date: "2026-09-14",
            title: "Shipped the new checkout to every market on time",
            exp: "team-delivery",
            action: "I ran the launch plan across my three teams and held the go/no-go",
            metric: Some("conversion +2.3 points, $41M a year"),
            scope: Scope::Industry,
            vouchers: &["Dana Okafor", "Tomás Rivera"],
        },
    );
    win(
        s,
        W {
            date: "2026-03-02",
            title: "Cut payment incidents across my teams",
            exp: "team-delivery",
            action: "I set up the error budget policy with my managers",
            metric: Some("Sev2s down 61%"),
            scope: Scope::Company,
            vouchers: &["Dana Okafor"],
        },
    );
    let below_level = win(
        s,
        W {
            date: "2026-05-20",
            title: "Promoted an engineer to senior engineer (SDE3)",
            exp: "hire-develop-managers",
            action: "I wrote the promotion document and coached her for a year",
            metric: Some("1 promotion"),
            scope: Scope::Industry,
            vouchers: &["Dana Okafor", "Tomás Rivera", "Lena Fischer"],
        },
    );
    win(
        s,
        W {
            date: "2026-04-08",
            title: "Grew Ama Mensah from senior engineer into the manager of the Ledger team",
            exp: "hire-develop-managers",
            action: "I coached her through the transition and handed her the team's hiring",
            metric: Some("team of 7 now run by her"),
            scope: Scope::Org,
            vouchers: &["Ama Mensah", "Dana Okafor"],
        },
    );
    win(
        s,
        W {
            date: "2026-02-10",
            title: "Handed the weekly payments ops review to Ama for good",
            exp: "delegation",
            action: "I handed the forum and its decisions to Ama and used the time for the risk roadmap",
            metric: Some("2 hours a week freed"),
            scope: Scope::Org,
            vouchers: &["Ama Mensah"],
        },
    );
    win(
        s,
        W {
            date: "2026-06-30",
            title: "Argued in OP1 for moving two of my engineers to the fraud platform",
            exp: "strategy",
            action: "I wrote the planning narrative and argued the trade-off with the directors",
            metric: Some("2 headcount given up"),
            scope: Scope::Company,
            vouchers: &["Dana Okafor", "Lena Fischer"],
        },
    );
    win(
        s,
        W {
            date: "2026-07-22",
            title: "Payment retry standard adopted by 9 teams in three orgs",
            exp: "cross-org-impact",
            action: "I wrote the standard and ran the reviews with each org",
            metric: Some("9 teams adopted, retries failing 38% less"),
            scope: Scope::Company,
            vouchers: &["Tomás Rivera", "Lena Fischer"],
        },
    );
    win(
        s,
        W {
            date: "2026-08-19",
            title: "Settled the refund ownership dispute with the Risk org",
            exp: "peer-collaboration",
            action: "I held the hard conversation with Lena and we agreed a shared roadmap",
            metric: Some("refund disputes down 27%"),
            scope: Scope::Company,
            vouchers: &["Lena Fischer"],
        },
    );
    let dana = s.list_people().unwrap();
    let id = |n: &str| dana.iter().find(|p| p.name == n).unwrap().id;
    s.ask_feedback(id("Lena Fischer"), d("2026-10-01")).unwrap();
    s.ask_feedback(id("Tomás Rivera"), d("2026-11-02")).unwrap();
    s.add_feedback(&FeedbackDraft {
        person: "Tomás Rivera".into(),
        date: Some(d("2026-11-10")),
        quote: "The retry standard is now how Retail builds payments.".into(),
        expectation: Some("cross-org-impact".into()),
    })
    .unwrap();
    // Two rehearsed answers, with figures of their own.
    let r = caliber::rehearse::rehearse_store(s, d(TODAY)).unwrap();
    let mut answered = 0;
    for q in &r.questions {
        if answered < 2 && !q.id.starts_with("panel:") {
            s.set_answer(
                &q.id,
                "It held: 4127 fewer failed retries a week by October, and Retail's director signed it off.",
            )
            .unwrap();
            answered += 1;
        }
    }
    assert_eq!(answered, 2, "the case has questions to answer: {r:?}");
    Case {
        floor_star,
        below_level,
    }
}

/// What every pack must hold: proof points that cite live wins of the window,
/// the floor only when nothing else has evidence, the word limit, the honesty of
/// every figure, and the candidate's voice.
fn check_pack(s: &Store, p: &Pack) {
    let cycle = s.cycle().unwrap();
    let wins = s.list_wins(&WinFilter::default()).unwrap();
    let live: HashSet<i64> = wins
        .iter()
        .filter(|w| cycle.contains(w.date))
        .map(|w| w.id)
        .collect();
    assert_eq!(p.proof_points.len(), 3, "three proof points: {p:#?}");
    let mut expectations = HashSet::new();
    for x in &p.proof_points {
        assert!(
            live.contains(&x.win),
            "#{} is a live win of the window",
            x.win
        );
        assert!(
            x.text.text.contains(&format!("[#{}]", x.win)),
            "the point cites its win: {}",
            x.text.text
        );
        assert_eq!(x.text.cites.first(), Some(&x.win));
        expectations.insert(x.expectation.clone());
        let w = wins.iter().find(|w| w.id == x.win).unwrap();
        assert!(
            w.expectations.iter().any(|t| t.id == x.expectation),
            "#{} is tagged {}",
            x.win,
            x.expectation
        );
    }
    let others_have_evidence = wins
        .iter()
        .filter(|w| live.contains(&w.id))
        .any(|w| w.expectations.iter().any(|t| t.id != "team-delivery"));
    if others_have_evidence {
        assert!(
            p.proof_points
                .iter()
                .all(|x| x.expectation != "team-delivery"),
            "no proof point from the floor: {:?}",
            p.proof_points
                .iter()
                .map(|x| &x.expectation)
                .collect::<Vec<_>>()
        );
    }
    assert_eq!(expectations.len(), 3, "three different expectations");

    let text = pack::text(p);
    assert_eq!(p.words, pack::word_count(&text));
    assert!(p.words <= MAX_WORDS, "{} words:\n{text}", p.words);
    let allowed = evidence_numbers(s).unwrap();
    assert_eq!(
        pack::invented(p, &allowed),
        Vec::<String>::new(),
        "every figure comes from the evidence:\n{text}"
    );
    pack::check(s, p).expect("the honesty check passes");

    // The candidate speaks as "I"; only the ask addresses the manager.
    let mut mine = vec![p.thesis.text.text.clone()];
    mine.extend(p.proof_points.iter().map(|x| x.text.text.clone()));
    for t in &mine {
        let words: Vec<&str> = t
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .collect();
        for bad in ["you", "your", "yours", "i"] {
            assert!(
                !words.contains(&bad),
                "the candidate's own text uses \"{bad}\": {t}"
            );
        }
        assert!(
            t.contains("I ") || t.contains("My ") || t.contains(" my "),
            "{t}"
        );
    }
    assert!(!p.ask.is_empty());
    // Each ask is addressed to the manager: an imperative to them, or "you".
    for a in &p.ask {
        let t = a.text.to_lowercase();
        assert!(
            ["lead with", "nudge", "tell me"]
                .iter()
                .any(|v| t.starts_with(v))
                || t.split(|c: char| !c.is_alphanumeric()).any(|w| w == "you"),
            "the ask speaks to the manager: {}",
            a.text
        );
    }
    assert!(!p.providers.is_empty(), "the provider map is there");
    assert!(p.thesis.text.text.contains(&cycle.target_level));
}

#[test]
fn the_demo_pack_leads_with_three_strong_wins_beyond_the_floor() {
    let s = demo();
    let p = pack::build(&s, d(TODAY)).unwrap();
    check_pack(&s, &p);
    let review = caliber::review::review_store(&s, d(TODAY)).unwrap();
    // The review's gaps are raised, each with an answer.
    for g in review.gaps.iter().take(1) {
        assert!(
            p.objections.iter().any(|o| o.source == ObjectionSource::Gap
                && o.expectation.as_deref() == Some(g.id.as_str())),
            "the gap {} is raised: {:#?}",
            g.id,
            p.objections
        );
    }
    for o in &p.objections {
        assert!(!o.answer.text.trim().is_empty(), "{o:?} has an answer");
    }
    // A must-have no win shows is raised right after the gaps, in the pack and in
    // the outline's areas for growth, with what the candidate will do about it.
    assert!(
        review.readiness.missing.iter().any(|m| m.id == "successor"),
        "the demo shows no successor: {:?}",
        review.readiness.missing
    );
    let at = review.gaps.len().min(1);
    let raised = &p.objections[at];
    assert!(
        raised.objection.contains("named successor")
            && raised
                .answer
                .text
                .starts_with("Next, I will name a successor"),
        "{:#?}",
        p.objections
    );
    let outline = caliber::outline::outline_store(&s, d(TODAY)).unwrap();
    assert!(
        outline
            .growth
            .iter()
            .any(|c| c.concern.contains("named successor")),
        "{:#?}",
        outline.growth
    );
}

#[test]
fn a_realistic_case_leads_with_level_work_and_carries_the_rehearsed_answers() {
    let mut s = Store::open_in_memory().unwrap();
    let case = realistic(&mut s);
    let p = pack::build(&s, d(TODAY)).unwrap();
    check_pack(&s, &p);
    let ids: Vec<i64> = p.proof_points.iter().map(|x| x.win).collect();
    assert!(
        !ids.contains(&case.floor_star),
        "the heaviest win is team delivery, the floor: not a proof point"
    );
    assert!(
        !ids.contains(&case.below_level),
        "promoting an engineer is L6 work for hiring managers: not a proof point"
    );
    // The answers the candidate rehearsed are on the page, in their words.
    let rehearsed: Vec<_> = p
        .objections
        .iter()
        .filter(|o| o.source == ObjectionSource::Rehearsal || o.answer.text.contains("It held"))
        .collect();
    assert!(!rehearsed.is_empty(), "{:#?}", p.objections);
    assert!(rehearsed.iter().any(|o| o.answer.text.contains("4127")));
    // Who was asked and who answered, in full or named briefly.
    let status = |n: &str| {
        p.providers
            .iter()
            .chain(&p.more_providers)
            .find(|x| x.person == n)
            .map(|x| x.status)
    };
    use caliber::feedback_plan::AskStatus;
    assert_eq!(status("Lena Fischer"), Some(AskStatus::Asked));
    assert_eq!(status("Tomás Rivera"), Some(AskStatus::Received));
    let text = pack::text(&p);
    assert!(text.contains("Nudge Lena Fischer"), "{text}");
}

#[test]
fn an_invented_figure_fails_the_check() {
    let s = demo();
    let mut p = pack::build(&s, d(TODAY)).unwrap();
    let allowed = evidence_numbers(&s).unwrap();
    assert!(pack::invented(&p, &allowed).is_empty());
    pack::check(&s, &p).unwrap();
    // A figure nobody wrote, slipped into a proof point.
    assert!(!allowed.contains("7319"), "the test's figure must be new");
    p.proof_points[0]
        .text
        .text
        .push_str(" It saved $7319K a year.");
    assert_eq!(pack::invented(&p, &allowed), vec!["7319".to_string()]);
    let e = pack::check(&s, &p).unwrap_err();
    assert!(e.to_string().contains("7319"), "{e}");
    // A citation of a win is an id, not a figure; in the ask too.
    let mut q = pack::build(&s, d(TODAY)).unwrap();
    assert!(!allowed.contains("8461"));
    q.ask[0].text.push_str(" (8461 customers)");
    assert_eq!(pack::invented(&q, &allowed), vec!["8461".to_string()]);
}

/// The check reads the window first and the rest of the ledger only for what it
/// has not found yet: it must allow exactly what the whole evidence holds, a figure
/// from an old win or from feedback included, and never one only a deleted win held.
#[test]
fn the_check_allows_what_the_whole_ledger_holds_and_nothing_a_deleted_win_held() {
    let mut s = demo();
    let old = s
        .add_win(&WinDraft {
            date: Some(d("2019-03-04")),
            metric: Some("7319 tickets closed".into()),
            ..WinDraft::titled("Ran the support rotation")
        })
        .unwrap();
    s.add_feedback(&FeedbackDraft {
        person: "Grace Whitfield".into(),
        date: Some(d("2018-05-06")),
        quote: "Cut 8461 hours of toil.".into(),
        ..Default::default()
    })
    .unwrap();
    let gone = s
        .add_win(&WinDraft {
            date: Some(d("2026-10-01")),
            metric: Some("5527 calls a day".into()),
            ..WinDraft::titled("Moved the pager to the new queue")
        })
        .unwrap();
    s.delete_win(gone.id).unwrap();
    let wanted: Vec<String> = ["7319", "2026", "8461", "5527", "9043", "7319"]
        .map(String::from)
        .to_vec();
    let allowed = evidence_numbers(&s).unwrap();
    let whole: Vec<String> = wanted
        .iter()
        .filter(|n| !allowed.contains(*n))
        .cloned()
        .collect();
    assert_eq!(whole, vec!["5527".to_string(), "9043".to_string()]);
    assert_eq!(
        caliber::honesty::unheld_numbers(&s, &wanted).unwrap(),
        whole
    );
    // And the pack's check says so, naming the figure.
    let mut p = pack::build(&s, d(TODAY)).unwrap();
    p.proof_points[0]
        .text
        .text
        .push_str(" Closed 7319 tickets.");
    pack::check(&s, &p).expect("a figure of an old win is the user's");
    p.proof_points[0].text.text.push_str(" Took 5527 calls.");
    let e = pack::check(&s, &p).unwrap_err();
    assert!(e.to_string().contains("(5527)"), "{e}");
    assert!(old.id > 0);
}

/// What the Director reads: relations in the words people use, the providers'
/// expectations by their titles, and a panel's question about a win whole, with
/// the win's title in one pair of quotation marks and none around the question.
#[test]
fn the_page_reads_in_the_words_a_sponsor_uses() {
    let mut s = demo();
    // A question about one win, answered: its objection quotes the win's title.
    let q = caliber::rehearse::rehearse_store(&s, d(TODAY))
        .unwrap()
        .questions
        .into_iter()
        .find(|q| q.win.is_some() && q.question.starts_with("In \""))
        .expect("the demo's rehearsal asks about a win");
    caliber::rehearse::answer(
        &mut s,
        d(TODAY),
        &q.id,
        "Mine: I wrote the plan; the team built it.",
    )
    .unwrap();
    let p = pack::build(&s, d(TODAY)).unwrap();
    let page = pack::text(&p);
    assert!(!page.contains("skip level"), "{page}");
    assert!(page.contains("(skip-level manager"), "{page}");
    // No expectation id on the page: the ladder's titles name them.
    let ladder = caliber::ladder::builtin_ladder("senior-manager").unwrap();
    for e in &ladder.expectations {
        if e.id.contains('-') {
            assert!(!page.contains(&e.id), "{} on the page:\n{page}", e.id);
        }
    }
    let first = &p.providers[0];
    assert!(!first.expectation_titles.is_empty());
    for (id, title) in first.expectations.iter().zip(&first.expectation_titles) {
        let e = ladder.expectation(id).unwrap();
        assert_eq!(
            *title,
            format!("\"{}\"", caliber::outline::voice::in_my_voice(&e.title))
        );
        assert!(page.contains(title.as_str()), "{title}");
    }
    // The answered question: whole, ending with its question mark, quotes not nested.
    let o = p
        .objections
        .iter()
        .find(|o| o.answer.text.contains("I wrote the plan"))
        .expect("the answered question is raised");
    assert!(
        o.objection.starts_with("The panel asks: In \""),
        "{}",
        o.objection
    );
    assert!(o.objection.ends_with('?'), "{}", o.objection);
    for line in page.lines() {
        assert!(
            !line.contains('\u{201c}') && !line.contains('\u{201d}'),
            "{line}"
        );
        assert_eq!(line.matches('"').count() % 2, 0, "{line}");
    }
}

/// One outside voice backs the case, not "back" it.
#[test]
fn one_outside_voice_backs_the_case() {
    let mut s = Store::open_in_memory().unwrap();
    realistic(&mut s);
    let outside = caliber::feedback_plan::plan_store(&s, d(TODAY))
        .unwrap()
        .providers
        .into_iter()
        .filter(|x| x.outside_org && x.status == caliber::feedback_plan::AskStatus::Received)
        .count();
    assert_eq!(outside, 1, "the case has one outside voice that answered");
    let p = pack::build(&s, d(TODAY)).unwrap();
    let t = &p.thesis.text.text;
    assert!(t.contains(" outside my org backs it"), "{t}");
}

#[test]
fn user_text_is_inert_in_markdown_and_html() {
    let mut s = Store::open_in_memory().unwrap();
    realistic(&mut s);
    let hostile =
        "Mechanism <script>alert(1)</script> [x](javascript:alert(1)) adopted by the whole company";
    win(
        &mut s,
        W {
            date: "2026-11-01",
            title: hostile,
            exp: "cross-org-impact",
            action: "I wrote it and ran the reviews with each org",
            metric: Some("9 teams adopted, retries failing 38% less"),
            scope: Scope::Industry,
            vouchers: &["Tomás Rivera", "Lena Fischer", "Dana Okafor"],
        },
    );
    let p = pack::build(&s, d(TODAY)).unwrap();
    assert!(pack::text(&p).contains("<script>"), "the hostile win leads");
    let md = String::from_utf8(pack::render(&p, OutlineFormat::Markdown).unwrap()).unwrap();
    assert!(
        !md.replace("\\<", "").contains('<'),
        "every < is escaped: {md}"
    );
    assert!(md.contains("\\<script>"));
    assert!(!md.contains("[x](javascript"), "{md}");
    let html = String::from_utf8(pack::render(&p, OutlineFormat::Html).unwrap()).unwrap();
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;"));
}

// --- one printed page --------------------------------------------------------

fn find_program(names: &[&str]) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!("{names:?} not found: .ci/setup installs LibreOffice and poppler-utils")
        })
}

/// Converts `file` to PDF with LibreOffice (a private profile, killed after two
/// minutes) and counts the PDF's pages with `pdfinfo`. An HTML file is opened in
/// Writer as a printed document (the `HTML (StarWriter)` filter, which reads the
/// page's `@page` size), not in Writer/Web, whose PDF export starts with a blank
/// page whatever the file holds.
fn pdf_pages(file: &Path) -> usize {
    let office = find_program(&["soffice", "libreoffice"]);
    let dir = file.parent().unwrap();
    let mut command = Command::new(office);
    command.arg(format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    ));
    if file.extension().is_some_and(|e| e == "html") {
        command.arg("--infilter=HTML (StarWriter)");
    }
    let mut child = command
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir)
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("LibreOffice starts");
    let started = Instant::now();
    loop {
        match child.try_wait().unwrap() {
            Some(status) => {
                assert!(status.success(), "LibreOffice converts {}", file.display());
                break;
            }
            None if started.elapsed() < Duration::from_secs(120) => {
                std::thread::sleep(Duration::from_millis(200))
            }
            None => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("LibreOffice took over two minutes");
            }
        }
    }
    let pdf = file.with_extension("pdf");
    let info = Command::new(find_program(&["pdfinfo"]))
        .arg(&pdf)
        .output()
        .expect("pdfinfo runs");
    let info = String::from_utf8_lossy(&info.stdout);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("pdfinfo gives the pages: {info}"))
}

/// The PDF's pages, and how far down its first page the text reaches (points from
/// the top, from `pdftotext -bbox`).
fn one_page_of(p: &Pack, format: OutlineFormat, ext: &str) -> (usize, f64) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(format!("pack.{ext}"));
    std::fs::write(&file, pack::render(p, format).unwrap()).unwrap();
    let pages = pdf_pages(&file);
    let out = Command::new(find_program(&["pdftotext"]))
        .args(["-bbox", "-f", "1", "-l", "1"])
        .arg(file.with_extension("pdf"))
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let html = String::from_utf8_lossy(&out.stdout);
    let lowest = html
        .split("yMax=\"")
        .skip(1)
        .filter_map(|t| t.split('"').next()?.parse::<f64>().ok())
        .fold(0.0, f64::max);
    assert!(lowest > 0.0, "the page has text: {html}");
    (pages, lowest)
}

/// A4 is 842 points tall and 595 wide, Letter 792 by 612: a page laid out on A4
/// whose text ends above Letter's height less its bottom margin also fits Letter
/// (Letter is wider, so no line wraps more).
const LETTER_TEXT_BOTTOM: f64 = 792.0 - 36.0;

fn assert_one_page_on_a4_and_letter(p: &Pack) {
    for (format, ext) in [(OutlineFormat::Docx, "docx"), (OutlineFormat::Html, "html")] {
        let (pages, lowest) = one_page_of(p, format, ext);
        assert_eq!(pages, 1, "{ext} prints on one page");
        assert!(
            lowest < LETTER_TEXT_BOTTOM,
            "{ext}: the text ends {lowest:.0} pt down the page, past what Letter holds"
        );
    }
}

/// The page checks themselves can fail: a pack far over the limit prints on more
/// than one page, and its full first page reaches past Letter's height.
#[test]
fn the_page_count_sees_a_second_page() {
    let s = demo();
    let mut p = pack::build(&s, d(TODAY)).unwrap();
    let extra = p.objections[0].clone();
    p.objections = vec![extra; 40];
    for (format, ext) in [(OutlineFormat::Docx, "docx"), (OutlineFormat::Html, "html")] {
        let (pages, lowest) = one_page_of(&p, format, ext);
        assert!(pages > 1, "{ext}: {pages} pages");
        // A full first page reaches past what Letter holds: the bound can fail too.
        assert!(lowest > LETTER_TEXT_BOTTOM, "{ext}: {lowest}");
    }
}

#[test]
fn the_demo_pack_prints_on_one_page_in_word_and_html_on_a4_and_letter() {
    let s = demo();
    let p = pack::build(&s, d(TODAY)).unwrap();
    assert_one_page_on_a4_and_letter(&p);
}

#[test]
fn five_hundred_wins_in_the_window_still_give_one_page() {
    let mut s = Store::open_in_memory().unwrap();
    realistic(&mut s);
    let exps = [
        "hire-develop-managers",
        "delegation",
        "strategy",
        "cross-org-impact",
        "peer-collaboration",
        "team-delivery",
    ];
    for i in 0..492 {
        let date = d("2025-12-02") + chrono::Duration::days(i % 350);
        s.add_win(&WinDraft {
            date: Some(date),
            action: Some("I led the work with my managers and the partner orgs".into()),
            metric: Some(format!("{} teams, {}% faster", 2 + i % 9, 10 + i % 80)),
            scope: Scope::Company,
            expectations: vec![ExpectationTag {
                id: exps[(i % 6) as usize].into(),
                confirmed: true,
            }],
            people: vec![PersonRef {
                name: "Lena Fischer".into(),
                vouches: true,
            }],
            ..WinDraft::titled(format!(
                "Rolled out the shared payments review mechanism to another org, wave {i}, with a long title that a panel would skim"
            ))
        })
        .unwrap();
    }
    let cycle = s.cycle().unwrap();
    let in_window = s
        .list_wins(&WinFilter::default())
        .unwrap()
        .iter()
        .filter(|w| cycle.contains(w.date))
        .count();
    assert!(in_window >= 500, "{in_window} wins in the window");
    let p = pack::build(&s, d(TODAY)).unwrap();
    check_pack(&s, &p);
    assert_one_page_on_a4_and_letter(&p);
}

// --- the binary ---------------------------------------------------------------

#[test]
fn caliber_pack_writes_each_format_and_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    cal(&db)
        .env("CALIBER_TODAY", TODAY)
        .arg("demo")
        .assert()
        .success();
    let a = cal(&db)
        .env("CALIBER_TODAY", TODAY)
        .arg("pack")
        .assert()
        .success();
    let md = stdout(&a);
    assert!(md.starts_with("# Sponsor pack"), "{md}");
    assert!(md.contains("## Proof points"));
    let a = cal(&db)
        .env("CALIBER_TODAY", TODAY)
        .args(["pack", "--json"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_str(&stdout(&a)).unwrap();
    assert_eq!(v["proof_points"].as_array().map(Vec::len), Some(3), "{v}");
    assert!(v["words"].as_u64().unwrap() <= MAX_WORDS as u64);

    let out = dir.path().join("pack.docx");
    cal(&db)
        .env("CALIBER_TODAY", TODAY)
        .args(["pack", "-o"])
        .arg(&out)
        .assert()
        .success();
    let first = std::fs::read(&out).unwrap();
    assert!(first.starts_with(b"PK\x03\x04"));
    let before = fingerprint(&db);
    let a = cal(&db)
        .env("CALIBER_TODAY", TODAY)
        .args(["pack", "--format", "html", "-o"])
        .arg(&out)
        .assert()
        .code(2);
    assert!(stderr(&a).contains("--force"), "{}", stderr(&a));
    assert_eq!(std::fs::read(&out).unwrap(), first, "the file is untouched");
    assert_eq!(fingerprint(&db), before);
    cal(&db)
        .env("CALIBER_TODAY", TODAY)
        .args(["pack", "--format", "html", "--force", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    let a = cal(&db)
        .env("CALIBER_TODAY", TODAY)
        .args(["pack", "--format", "docx"])
        .assert()
        .code(2);
    assert!(stderr(&a).contains("-o"));
}

#[test]
fn a_pack_of_an_empty_ledger_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    cal(&db).args(["cycle", "show"]).assert().success();
    let before = fingerprint(&db);
    let out = dir.path().join("pack.md");
    let a = cal(&db)
        .env("CALIBER_TODAY", TODAY)
        .args(["pack", "-o"])
        .arg(&out)
        .assert()
        .code(2);
    let e = stderr(&a);
    assert!(e.contains("no wins") && e.contains("caliber log"), "{e}");
    assert!(!out.exists(), "nothing written");
    assert_eq!(fingerprint(&db), before, "the database is unchanged");
    let a = cal(&db)
        .env("CALIBER_TODAY", TODAY)
        .args(["pack", "--json"])
        .assert()
        .code(2);
    let v: serde_json::Value = serde_json::from_str(&stdout(&a)).unwrap_or_else(|_| {
        serde_json::from_str(&stderr(&a)).expect("the error as JSON on one of the streams")
    });
    assert_eq!(v["kind"], "invalid_input", "{v}");
}

#[test]
fn a_pack_with_no_win_in_the_window_says_to_check_the_cycle() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    {
        let mut s = Store::open(&db).unwrap();
        set_cycle(&mut s);
        s.add_win(&WinDraft {
            date: Some(d("2024-03-01")),
            ..WinDraft::titled("Hired two managers for the Ledger org")
        })
        .unwrap();
    }
    let before = fingerprint(&db);
    let a = cal(&db)
        .env("CALIBER_TODAY", TODAY)
        .arg("pack")
        .assert()
        .code(2);
    let e = stderr(&a);
    assert!(
        e.contains("2025-12-01") && e.contains("caliber cycle"),
        "names the window and what to do: {e}"
    );
    assert_eq!(stdout(&a), "", "no page printed");
    assert_eq!(fingerprint(&db), before);
}

/// The Calibration view's one read gives what the three separate reports give:
/// the plan, the rehearsal and the checked pack on the demo and on a realistic
/// case; on a ledger with no win, the plan and rehearsal with the pack's refusal.
#[test]
fn the_calibration_read_gives_the_plan_the_rehearsal_and_the_pack_as_apart() {
    let day = d(TODAY);
    let mut realistic_store = Store::open_in_memory().unwrap();
    realistic(&mut realistic_store);
    for s in [demo(), realistic_store] {
        let c = pack::calibration(&s, day).unwrap();
        assert_eq!(
            c.plan.view(),
            caliber::feedback_plan::plan_store(&s, day).unwrap().view()
        );
        assert_eq!(
            c.rehearsal,
            caliber::rehearse::rehearse_store(&s, day).unwrap()
        );
        let apart = pack::build(&s, day).unwrap();
        pack::check(&s, &apart).unwrap();
        assert_eq!(c.pack.unwrap(), apart);
    }
    let empty = Store::open_in_memory().unwrap();
    let c = pack::calibration(&empty, day).unwrap();
    assert_eq!(
        c.rehearsal,
        caliber::rehearse::rehearse_store(&empty, day).unwrap()
    );
    let refused = c.pack.expect_err("no case to argue");
    assert_eq!(refused.kind(), caliber::ErrorKind::InvalidInput);
    assert_eq!(
        refused.to_string(),
        pack::build(&empty, day).unwrap_err().to_string()
    );
}
