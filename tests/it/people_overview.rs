//! The people overview on a real SQLite file: who vouches for what (over every
//! win), the coverage of each expectation and the feedback providers (inside the
//! review window), and that the review's providers are the same answer.

use caliber::people::overview;
use caliber::review::review_store;
use caliber::{
    Cycle, ExpectationTag, FeedbackDraft, PersonDraft, PersonRef, Relation, Store, WinDraft,
};
use chrono::NaiveDate;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn person(s: &mut Store, name: &str, relation: Relation, org: &str) {
    s.add_person(&PersonDraft {
        name: name.into(),
        relation: Some(relation),
        org: Some(org.into()),
        notes: None,
        seniority: None,
    })
    .unwrap();
}

fn win(s: &mut Store, date: &str, exps: &[&str], people: &[(&str, bool)]) {
    s.add_win(&WinDraft {
        date: Some(d(date)),
        expectations: exps
            .iter()
            .map(|e| ExpectationTag {
                id: (*e).into(),
                confirmed: true,
            })
            .collect(),
        people: people
            .iter()
            .map(|(n, v)| PersonRef {
                name: (*n).into(),
                vouches: *v,
            })
            .collect(),
        ..WinDraft::titled(format!("Work on {date}"))
    })
    .unwrap();
}

fn feedback(s: &mut Store, who: &str, date: &str) {
    s.add_feedback(&FeedbackDraft {
        person: who.into(),
        date: Some(d(date)),
        quote: "Good work".into(),
        expectation: None,
    })
    .unwrap();
}

/// A file database: Ana (peer, another org) and Cy (partner) vouch for wins in the
/// window, Bo (a report) vouches only for an old win, Di gave feedback.
fn seeded() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("caliber.db")).unwrap();
    s.set_cycle(&Cycle {
        ladder: "senior-manager".into(),
        current_level: "L6".into(),
        target_level: "L7".into(),
        start: d("2026-01-01"),
        end: d("2026-12-31"),
        target_date: None,
        is_default: false,
    })
    .unwrap();
    person(&mut s, "Ana", Relation::Peer, "Search");
    person(&mut s, "Bo", Relation::Report, "Payments / Ledger");
    person(&mut s, "Cy", Relation::Partner, "Finance");
    person(&mut s, "Di", Relation::Peer, "Payments");
    win(
        &mut s,
        "2026-03-01",
        &["strategy"],
        &[("Ana", true), ("Bo", false)],
    );
    win(
        &mut s,
        "2026-04-01",
        &["strategy", "delegation"],
        &[("Cy", true), ("Ana", true)],
    );
    win(
        &mut s,
        "2026-05-01",
        &["cross-org-impact"],
        &[("Di", false)],
    );
    win(
        &mut s,
        "2025-06-01",
        &["peer-collaboration"],
        &[("Bo", true)],
    );
    feedback(&mut s, "Di", "2026-06-01");
    feedback(&mut s, "Bo", "2025-07-01");
    (dir, s)
}

#[test]
fn each_person_has_the_wins_they_vouch_for_their_expectations_and_feedback() {
    let (_dir, s) = seeded();
    let o = overview(&s).unwrap();
    let row = |n: &str| o.people.iter().find(|p| p.person.name == n).unwrap();
    assert_eq!(row("Ana").vouches_for, 2);
    // In the ladder's order, not the order they were tagged.
    assert_eq!(row("Ana").expectations, ["delegation", "strategy"]);
    assert_eq!(row("Ana").feedback, 0);
    // Counted over every win and every piece of feedback, not only the window.
    assert_eq!(row("Bo").vouches_for, 1);
    assert_eq!(row("Bo").expectations, ["peer-collaboration"]);
    assert_eq!(row("Bo").feedback, 1);
    assert_eq!(row("Di").vouches_for, 0);
    assert!(row("Di").expectations.is_empty());
    assert_eq!(
        row("Bo").effective_seniority,
        Some(caliber::Seniority::Below)
    );
    let names: Vec<&str> = o.people.iter().map(|p| p.person.name.as_str()).collect();
    assert_eq!(names, ["Ana", "Bo", "Cy", "Di"]);
}

#[test]
fn coverage_follows_the_ladder_and_counts_only_the_window() {
    let (_dir, s) = seeded();
    let o = overview(&s).unwrap();
    let ids: Vec<&str> = o.coverage.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "team-delivery",
            "hire-develop-managers",
            "delegation",
            "strategy",
            "cross-org-impact",
            "peer-collaboration"
        ]
    );
    let c = |id: &str| o.coverage.iter().find(|c| c.id == id).unwrap();
    assert_eq!((c("strategy").wins, c("strategy").vouched), (2, 2));
    assert_eq!(c("strategy").vouchers, ["Ana", "Cy"]);
    assert_eq!(
        (c("cross-org-impact").wins, c("cross-org-impact").vouched),
        (1, 0)
    );
    // Bo's win is older than the window.
    assert_eq!(c("peer-collaboration").wins, 0);
    assert!(c("peer-collaboration").vouchers.is_empty());
    assert_eq!(
        c("strategy").title,
        "Shape the strategy and align your teams to it"
    );
}

#[test]
fn providers_are_the_reviews_and_the_org_is_guessed_from_the_reports() {
    let (_dir, s) = seeded();
    let o = overview(&s).unwrap();
    assert_eq!(o.providers.names, ["Ana", "Cy", "Di"]);
    assert_eq!(o.providers.count, 3);
    // Di is in Payments, the org most reports sit in; Ana and Cy are not.
    assert_eq!(o.providers.outside_org, 2);
    assert_eq!(o.providers.unvouched, ["cross-org-impact"]);
    assert_eq!(o.own_org.as_deref(), Some("payments"));
    assert!(o.own_org_guessed);
    let review = review_store(&s, d("2026-12-01")).unwrap();
    assert_eq!(o.providers, review.providers);
}

#[test]
fn an_org_set_by_hand_is_not_guessed_and_a_deleted_person_no_longer_counts() {
    let (_dir, mut s) = seeded();
    s.set_setting("org", "Search").unwrap();
    let cy = s.find_person("Cy").unwrap().0.id;
    s.delete_person(cy).unwrap();
    let o = overview(&s).unwrap();
    assert_eq!(o.own_org.as_deref(), Some("Search"));
    assert!(!o.own_org_guessed);
    assert_eq!(o.providers.names, ["Ana", "Di"]);
    // Ana sits in Search now, the user's own org; Di does not.
    assert_eq!(o.providers.outside_org, 1);
    assert!(o.people.iter().all(|p| p.person.name != "Cy"));
    let strategy = o.coverage.iter().find(|c| c.id == "strategy").unwrap();
    assert_eq!(strategy.vouchers, ["Ana"]);
}
