//! The store's rules, on real SQLite files and in-memory databases: round trips,
//! edits, soft delete and undo, search with hostile text, cycles and ladders.

use crate::common::d;
use caliber::{
    Cycle, ExpectationTag, FeedbackDraft, PersonDraft, PersonRef, Relation, Scope, Store, WinDraft,
    WinFilter,
};

fn full_draft() -> WinDraft {
    WinDraft {
        date: Some(d("2026-03-14")),
        title: "Hired two managers for the payments org".into(),
        situation: Some("Two teams had no manager after a reorg".into()),
        action: Some("Ran 14 loops, closed both candidates".into()),
        result: Some("Both teams staffed in 6 weeks".into()),
        notes: Some("- loop notes in the wiki".into()),
        metric: Some("2 managers".into()),
        scope: Scope::Org,
        people: vec![
            PersonRef {
                name: "Priya Shah".into(),
                vouches: true,
            },
            PersonRef {
                name: "Tom Baker".into(),
                vouches: false,
            },
        ],
        links: vec!["https://wiki.example.com/hiring".into()],
        tags: vec!["#Hiring".into(), "payments".into()],
        expectations: vec![
            ExpectationTag {
                id: "hire-develop-managers".into(),
                confirmed: true,
            },
            ExpectationTag {
                id: "team-delivery".into(),
                confirmed: false,
            },
        ],
        principles: vec!["Hire and Develop the Best".into()],
        source: caliber::Source::Cli,
    }
}

#[test]
fn a_win_round_trips_through_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/folder/caliber.db");
    let id = {
        let mut s = Store::open(&path).unwrap();
        s.add_win(&full_draft()).unwrap().id
    };
    let s = Store::open(&path).unwrap();
    let w = s.win(id).unwrap();
    assert_eq!(w.date, d("2026-03-14"));
    assert_eq!(w.title, "Hired two managers for the payments org");
    assert_eq!(w.scope, Scope::Org);
    assert_eq!(w.metric.as_deref(), Some("2 managers"));
    assert_eq!(w.tags, vec!["hiring", "payments"]);
    assert_eq!(w.principles, vec!["hire-and-develop-the-best"]);
    assert_eq!(w.links, vec!["https://wiki.example.com/hiring"]);
    assert_eq!(w.people.len(), 2);
    assert!(w.people[0].vouches && !w.people[1].vouches);
    assert!(w.expectations[0].confirmed && !w.expectations[1].confirmed);
    assert_eq!(
        s.list_people().unwrap().len(),
        2,
        "people named on a win are added"
    );
    assert_eq!(s.integrity_check().unwrap(), "ok");
}

#[test]
fn a_title_alone_is_enough_and_defaults_are_sensible() {
    let mut s = Store::open_in_memory().unwrap();
    let w = s
        .add_win(&WinDraft::titled("  Shipped   checkout v2\n"))
        .unwrap();
    assert_eq!(w.title, "Shipped checkout v2");
    assert_eq!(w.date, caliber::dates::today());
    assert_eq!(w.scope, Scope::Team);
}

#[test]
fn bad_wins_are_refused_with_a_message_and_nothing_is_saved() {
    let mut s = Store::open_in_memory().unwrap();
    let cases: Vec<(WinDraft, &str)> = vec![
        (WinDraft::titled("   "), "needs a title"),
        (WinDraft::titled("x".repeat(301)), "at most 300"),
        (
            WinDraft {
                expectations: vec![ExpectationTag {
                    id: "nope".into(),
                    confirmed: true,
                }],
                ..WinDraft::titled("ok")
            },
            "hire-develop-managers",
        ),
        (
            WinDraft {
                principles: vec!["Be Nice".into()],
                ..WinDraft::titled("ok")
            },
            "principle",
        ),
        (
            WinDraft {
                date: Some(d("1900-01-01")),
                ..WinDraft::titled("ok")
            },
            "YYYY-MM-DD",
        ),
    ];
    for (draft, expected) in cases {
        let err = s.add_win(&draft).unwrap_err().to_string();
        assert!(err.contains(expected), "expected '{expected}' in: {err}");
    }
    assert_eq!(s.count_wins().unwrap(), 0);
}

#[test]
fn edit_then_undo_restores_the_previous_content() {
    let mut s = Store::open_in_memory().unwrap();
    let w = s.add_win(&full_draft()).unwrap();
    let mut draft = WinDraft::from(&w);
    draft.title = "Hired three managers".into();
    draft.tags.clear();
    draft.people.retain(|p| p.name == "Tom Baker");
    let edited = s.update_win(w.id, &draft).unwrap();
    assert_eq!(edited.title, "Hired three managers");
    assert!(edited.tags.is_empty());
    assert_eq!(edited.people.len(), 1);
    assert!(edited.updated_at >= w.updated_at);
    assert_eq!(s.search("three", None).unwrap().len(), 1);

    let u = s.undo().unwrap().unwrap();
    assert_eq!(
        (u.action.as_str(), u.entity.as_str(), u.id),
        ("edit", "win", w.id)
    );
    let back = s.win(w.id).unwrap();
    assert_eq!(back.title, w.title);
    assert_eq!(back.tags, w.tags);
    assert_eq!(back.people, w.people);
    assert!(
        s.search("three", None).unwrap().is_empty(),
        "the index follows undo"
    );
}

#[test]
fn delete_is_soft_and_undo_brings_the_win_back() {
    let mut s = Store::open_in_memory().unwrap();
    let a = s
        .add_win(&WinDraft::titled("Launched fraud rules v3"))
        .unwrap();
    let b = s
        .add_win(&WinDraft::titled("Wrote the payments vision doc"))
        .unwrap();
    s.delete_win(a.id).unwrap();
    assert!(s.win(a.id).is_err());
    assert_eq!(s.list_wins(&WinFilter::default()).unwrap().len(), 1);
    assert!(s.search("fraud", None).unwrap().is_empty());
    assert_eq!(s.win(a.id).unwrap_err().kind(), "not_found");

    let u = s.undo().unwrap().unwrap();
    assert_eq!(u.action, caliber::store::ActionKind::Delete);
    assert_eq!(s.win(a.id).unwrap().title, "Launched fraud rules v3");
    assert_eq!(s.search("fraud", None).unwrap().len(), 1);

    // The next undo takes back the adding of b, then of a, then there is nothing.
    assert_eq!(s.undo().unwrap().unwrap().id, b.id);
    assert_eq!(s.undo().unwrap().unwrap().id, a.id);
    assert!(s.undo().unwrap().is_none());
    assert_eq!(s.count_wins().unwrap(), 0);
}

#[test]
fn list_filters_and_orders_newest_first() {
    let mut s = Store::open_in_memory().unwrap();
    for (date, title, exp, scope) in [
        ("2026-01-10", "Launched A", "team-delivery", Scope::Team),
        ("2026-02-10", "Hired B", "hire-develop-managers", Scope::Org),
        ("2026-03-10", "Launched C", "team-delivery", Scope::Company),
    ] {
        s.add_win(&WinDraft {
            date: Some(d(date)),
            expectations: vec![ExpectationTag {
                id: exp.into(),
                confirmed: date != "2026-03-10",
            }],
            scope,
            ..WinDraft::titled(title)
        })
        .unwrap();
    }
    let all = s.list_wins(&WinFilter::default()).unwrap();
    let titles: Vec<&str> = all.iter().map(|w| w.title.as_str()).collect();
    assert_eq!(titles, ["Launched C", "Hired B", "Launched A"]);
    let f = |filter: WinFilter| -> Vec<String> {
        s.list_wins(&filter)
            .unwrap()
            .into_iter()
            .map(|w| w.title)
            .collect()
    };
    assert_eq!(
        f(WinFilter {
            since: Some(d("2026-02-01")),
            until: Some(d("2026-02-28")),
            ..Default::default()
        }),
        ["Hired B"]
    );
    assert_eq!(
        f(WinFilter {
            expectation: Some("team-delivery".into()),
            ..Default::default()
        }),
        ["Launched C", "Launched A"]
    );
    assert_eq!(
        f(WinFilter {
            scope: Some(Scope::Company),
            ..Default::default()
        }),
        ["Launched C"]
    );
    assert_eq!(
        f(WinFilter {
            confirmed: Some(false),
            ..Default::default()
        }),
        ["Launched C"]
    );
    assert_eq!(
        f(WinFilter {
            limit: Some(1),
            ..Default::default()
        }),
        ["Launched C"]
    );
}

/// The app's timeline reads the ledger page by page: pages follow each other in the
/// same order as the whole list, with no win twice or missed, each with its parts,
/// and filters apply before the page is cut.
#[test]
fn list_wins_reads_the_ledger_page_by_page() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("pages.db")).unwrap();
    for i in 0..23 {
        let mut w = WinDraft::titled(format!("Win {i:02}"));
        // Several wins share a day, so the order has to break ties the same way.
        w.date = Some(d("2026-01-01") + chrono::Days::new(i / 3));
        w.tags = vec![format!("t{}", i % 2)];
        w.scope = if i % 4 == 0 { Scope::Org } else { Scope::Team };
        s.add_win(&w).unwrap();
    }
    let whole = s.list_wins(&WinFilter::default()).unwrap();
    assert_eq!(whole.len(), 23);
    let mut paged = Vec::new();
    for page in 0.. {
        let got = s
            .list_wins(&WinFilter {
                limit: Some(5),
                offset: Some(page * 5),
                ..Default::default()
            })
            .unwrap();
        if got.is_empty() {
            break;
        }
        assert!(got.len() <= 5);
        paged.extend(got);
    }
    assert_eq!(
        paged, whole,
        "the pages put together are the whole list, parts included"
    );
    assert!(paged.iter().all(|w| w.tags.len() == 1));

    // An offset without a limit is the rest of the list; past the end is empty.
    let rest = s
        .list_wins(&WinFilter {
            offset: Some(20),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(rest, whole[20..]);
    let past = WinFilter {
        limit: Some(5),
        offset: Some(23),
        ..Default::default()
    };
    assert!(s.list_wins(&past).unwrap().is_empty());

    // Filters first, then the page: the second page of the org wins.
    let org: Vec<_> = whole
        .iter()
        .filter(|w| w.scope == Scope::Org)
        .cloned()
        .collect();
    let second = s
        .list_wins(&WinFilter {
            scope: Some(Scope::Org),
            limit: Some(2),
            offset: Some(2),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(second, org[2..4]);
}

#[test]
fn search_never_passes_raw_syntax_to_fts5() {
    let mut s = Store::open_in_memory().unwrap();
    s.add_win(&WinDraft::titled(
        "Cut AWS cost by $1.2M (30%) with reserved instances",
    ))
    .unwrap();
    s.add_win(&WinDraft::titled(
        "Priya now runs the weekly ops review without me",
    ))
    .unwrap();
    s.add_win(&WinDraft::titled(
        "On-call handbook AND runbook template adopted by 7 teams",
    ))
    .unwrap();
    let hostile = [
        "\"",
        "\"unbalanced",
        "AND",
        "OR",
        "NOT",
        "*",
        "-",
        "(",
        ")",
        "((cost",
        "cost)",
        "title:cost",
        "NEAR(a b)",
        "cost AND",
        "^cost",
        "'; DROP TABLE wins; --",
        "$1.2M",
        "30%",
        "on-call",
        "{title}",
        "\u{202e}rtl",
        "😀",
        "ops*",
        "a\u{0}b",
    ];
    for q in hostile {
        match s.search(q, None) {
            Ok(_) => {}
            Err(e) => {
                assert_eq!(e.kind(), "invalid_input", "{q:?} -> {e}");
                assert!(e.to_string().contains("word"), "{q:?} -> {e}");
            }
        }
    }
    assert_eq!(s.search("cost", None).unwrap().len(), 1);
    assert_eq!(s.search("$1.2M", None).unwrap().len(), 1);
    assert_eq!(s.search("on-call", None).unwrap().len(), 1);
    assert_eq!(
        s.search("AND", None).unwrap().len(),
        1,
        "AND is a word here"
    );
    assert_eq!(
        s.search("\"weekly ops\"", None).unwrap().len(),
        1,
        "phrases work"
    );
    assert_eq!(s.search("\"ops weekly\"", None).unwrap().len(), 0);
    assert_eq!(s.search("revi", None).unwrap().len(), 1, "prefixes work");
    assert_eq!(
        s.search("runs -priya", None).unwrap().len(),
        0,
        "exclusions work"
    );
    assert_eq!(s.count_wins().unwrap(), 3);
}

#[test]
fn search_finds_people_tags_and_details_and_follows_renames() {
    let mut s = Store::open_in_memory().unwrap();
    let w = s
        .add_win(&WinDraft {
            result: Some("p99 latency down 120ms".into()),
            tags: vec!["latency".into()],
            people: vec![PersonRef {
                name: "Ana Lima".into(),
                vouches: true,
            }],
            ..WinDraft::titled("Checkout rewrite")
        })
        .unwrap();
    assert_eq!(s.search("120ms", None).unwrap()[0].id, w.id);
    assert_eq!(s.search("ana", None).unwrap()[0].id, w.id);
    let p = s.person_by_name("ana lima").unwrap().unwrap();
    s.update_person(
        p.id,
        &PersonDraft {
            name: "Ana Souza".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(s.search("souza", None).unwrap().len(), 1);
    assert!(s.search("lima", None).unwrap().is_empty());
}

#[test]
fn people_and_feedback_with_undo() {
    let mut s = Store::open_in_memory().unwrap();
    let p = s
        .add_person(&PersonDraft {
            name: "Dana Wu".into(),
            relation: Some(Relation::SkipLevelManager),
            org: Some("Payments".into()),
            notes: None,
            ..Default::default()
        })
        .unwrap();
    let dup = s
        .add_person(&PersonDraft {
            name: "dana wu".into(),
            ..Default::default()
        })
        .unwrap_err();
    assert!(dup.to_string().contains("already"), "{dup}");
    let f = s
        .add_feedback(&FeedbackDraft {
            person: "Dana Wu".into(),
            date: Some(d("2026-04-01")),
            quote: "Ran the OP1 process better than anyone in the org".into(),
            expectation: Some("strategy".into()),
        })
        .unwrap();
    assert_eq!(f.person_id, p.id);
    let f2 = s
        .add_feedback(&FeedbackDraft {
            person: "New Peer".into(),
            quote: "Great partner".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        s.list_people().unwrap().len(),
        2,
        "feedback adds its person"
    );
    assert_eq!(s.list_feedback(Some(p.id)).unwrap().len(), 1);
    let bad = s
        .add_feedback(&FeedbackDraft {
            person: "Dana Wu".into(),
            quote: "x".into(),
            expectation: Some("nope".into()),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(bad.kind(), "not_found");
    s.delete_feedback(f2.id).unwrap();
    assert_eq!(s.list_feedback(None).unwrap().len(), 1);
    s.undo().unwrap();
    assert_eq!(s.list_feedback(None).unwrap().len(), 2);
    s.delete_person(p.id).unwrap();
    assert!(s.person(p.id).is_err());
    s.undo().unwrap();
    assert_eq!(s.person(p.id).unwrap().name, "Dana Wu");
}

#[test]
fn the_cycle_defaults_to_senior_manager_and_refuses_a_backwards_window() {
    let mut s = Store::open_in_memory().unwrap();
    let c = s.cycle().unwrap();
    assert_eq!(c.ladder, "senior-manager");
    assert!(c.is_default);
    assert_eq!(s.current_ladder().unwrap().expectations.len(), 6);
    let bad = Cycle {
        start: d("2026-06-01"),
        end: d("2026-01-01"),
        ..c.clone()
    };
    let err = s.set_cycle(&bad).unwrap_err().to_string();
    assert!(err.contains("before it starts"), "{err}");
    let unknown = Cycle {
        ladder: "principal".into(),
        ..c.clone()
    };
    assert_eq!(s.set_cycle(&unknown).unwrap_err().kind(), "not_found");
    let good = Cycle {
        ladder: "first-time-manager".into(),
        start: d("2026-01-01"),
        end: d("2026-12-31"),
        target_date: Some(d("2027-01-15")),
        ..c
    };
    s.set_cycle(&good).unwrap();
    let now = s.cycle().unwrap();
    assert!(!now.is_default);
    assert_eq!(now.ladder, "first-time-manager");
    assert_eq!(
        s.current_ladder().unwrap().expectation_ids()[0],
        "people-time"
    );
    // Wins are now checked against the first-time-manager ladder.
    let err = s
        .add_win(&WinDraft {
            expectations: vec![ExpectationTag {
                id: "strategy".into(),
                confirmed: true,
            }],
            ..WinDraft::titled("x")
        })
        .unwrap_err();
    assert!(err.to_string().contains("one-on-ones"), "{err}");
}

#[test]
fn builtin_ladders_have_the_fixed_ids() {
    let sm = caliber::ladder::builtin_ladder("senior-manager").unwrap();
    assert_eq!(
        sm.expectation_ids(),
        [
            "team-delivery",
            "hire-develop-managers",
            "delegation",
            "strategy",
            "cross-org-impact",
            "peer-collaboration"
        ]
    );
    let ftm = caliber::ladder::builtin_ladder("first-time-manager").unwrap();
    assert_eq!(
        ftm.expectation_ids(),
        [
            "people-time",
            "career-growth",
            "one-on-ones",
            "coaching",
            "performance-management",
            "clear-priorities",
            "decisiveness"
        ]
    );
    for l in [sm, ftm] {
        for e in &l.expectations {
            assert!(
                !e.strong_evidence.is_empty()
                    && !e.panel_questions.is_empty()
                    && !e.next_steps.is_empty(),
                "{}",
                e.id
            );
            assert!(
                !e.signals.phrases.is_empty() && !e.signals.stems.is_empty(),
                "{}",
                e.id
            );
        }
    }
    let p = caliber::ladder::principles();
    assert_eq!(p.principles.len(), 16);
    assert_eq!(p.resolve("Are Right, A Lot").unwrap().id, "are-right-a-lot");
    assert_eq!(p.resolve("deliver results").unwrap().id, "deliver-results");
}

#[test]
fn a_custom_ladder_imports_and_a_broken_one_names_the_field() {
    let mut s = Store::open_in_memory().unwrap();
    let good = r#"{"id":"staff-eng","name":"Staff Engineer","current_level":"Senior","target_level":"Staff",
        "expectations":[{"id":"technical-direction","title":"Sets technical direction","description":"Across teams."}]}"#;
    let l = caliber::Ladder::from_json(good, "staff.json").unwrap();
    s.import_ladder(&l).unwrap();
    assert_eq!(s.ladder("staff-eng").unwrap().expectations.len(), 1);
    assert_eq!(s.ladders().unwrap().len(), 6);

    let broken = [
        (
            r#"{"id":"x","name":"X","current_level":"a","target_level":"b","expectations":[{"id":"e","description":"d"}]}"#,
            "title",
        ),
        (
            r#"{"id":"x","name":"X","current_level":"a","target_level":"b","expectations":[{"id":"e","title":5,"description":"d"}]}"#,
            "expectations[0].title",
        ),
        (
            r#"{"id":"Bad Id","name":"X","current_level":"a","target_level":"b","expectations":[{"id":"e","title":"t","description":"d"}]}"#,
            "`id`",
        ),
        (
            r#"{"id":"x","name":"X","current_level":"a","target_level":"b","expectations":[]}"#,
            "expectations",
        ),
        (
            r#"{"id":"x","name":"X","current_level":"a","target_level":"b","expectations":[{"id":"e","title":"t","description":"d"},{"id":"e","title":"t","description":"d"}]}"#,
            "expectations[1].id",
        ),
        (
            r#"{"id":"x","name":"X","current_level":"a","target_level":"b","expectations":[{"id":"e","title":"t","description":"d","colour":"red"}]}"#,
            "colour",
        ),
        ("{", "ladder"),
    ];
    for (text, field) in broken {
        let err = caliber::Ladder::from_json(text, "mine.json").unwrap_err();
        assert_eq!(err.kind(), "bad_file");
        assert!(
            err.to_string().contains(field),
            "expected {field} in: {err}"
        );
    }
    let builtin = caliber::ladder::builtin_ladder("senior-manager")
        .unwrap()
        .clone();
    assert!(
        s.import_ladder(&builtin)
            .unwrap_err()
            .to_string()
            .contains("built-in")
    );
}

#[test]
fn a_path_that_is_not_a_database_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    assert!(err.to_string().contains("folder"), "{err}");
    let text = dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "this is not sqlite at all, just some text that is long enough to matter",
    )
    .unwrap();
    let err = Store::open(&text).unwrap_err();
    assert_eq!(err.kind(), "not_a_database", "{err}");
    assert_eq!(
        std::fs::read_to_string(&text).unwrap(),
        "this is not sqlite at all, just some text that is long enough to matter"
    );
}

#[test]
fn two_connections_write_at_the_same_time_without_losing_a_win() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    drop(Store::open(&path).unwrap());
    let handles: Vec<_> = (0..2)
        .map(|t| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut s = Store::open(&path).unwrap();
                for i in 0..100 {
                    s.add_win(&WinDraft::titled(format!("thread {t} win {i}")))
                        .unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(s.count_wins().unwrap(), 200);
    assert_eq!(s.integrity_check().unwrap(), "ok");
}

#[test]
fn search_puts_title_matches_first_then_details_newest_first_within_the_limit() {
    let mut s = Store::open_in_memory().unwrap();
    let add = |s: &mut Store, title: &str, notes: Option<&str>| {
        s.add_win(&WinDraft {
            notes: notes.map(str::to_string),
            ..WinDraft::titled(title)
        })
        .unwrap()
        .id
    };
    let body_old = add(&mut s, "Quarterly review", Some("hiring plan agreed"));
    let title_old = add(&mut s, "Closed hiring for payments", None);
    let body_new = add(&mut s, "Offsite", Some("hiring bar raised"));
    let title_new = add(&mut s, "Hiring loop redesigned", None);
    add(&mut s, "Unrelated launch", Some("nothing to see"));
    let gone = add(&mut s, "Hiring freeze lifted", None);
    s.delete_win(gone).unwrap();

    let ids = |r: Vec<caliber::Win>| r.into_iter().map(|w| w.id).collect::<Vec<_>>();
    assert_eq!(
        ids(s.search("hiring", None).unwrap()),
        vec![title_new, title_old, body_new, body_old]
    );
    assert_eq!(
        ids(s.search("hiring", Some(3)).unwrap()),
        vec![title_new, title_old, body_new]
    );
    assert_eq!(ids(s.search("hiring", Some(1)).unwrap()), vec![title_new]);
    // Every word must match somewhere; an exclusion holds in both tiers.
    assert_eq!(ids(s.search("hiring plan", None).unwrap()), vec![body_old]);
    assert_eq!(
        ids(s.search("hiring -payments -bar", None).unwrap()),
        vec![title_new, body_old]
    );
}
