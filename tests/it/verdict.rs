//! The verdict a sponsoring Director would sign, on whole cases loaded into a real
//! store through the library: the label, its reason, the gaps and the missing
//! must-haves. The small cases here are written from the domain's table of what is
//! below, at and above the level.

use crate::common::{d, store_with_cycle};
use caliber::review::{Review, review_store};
use caliber::{
    Cycle, ExpectationTag, PersonDraft, PersonRef, Relation, Scope, Seniority, Store, WinDraft,
};

const AS_OF: &str = "2026-11-20";

fn store() -> Store {
    let mut s = store_with_cycle();
    s.set_setting("org", "Payments").unwrap();
    s
}

fn person(
    s: &mut Store,
    name: &str,
    relation: Relation,
    org: &str,
    seniority: Option<Seniority>,
    notes: Option<&str>,
) {
    s.add_person(&PersonDraft {
        name: name.into(),
        relation: Some(relation),
        org: Some(org.into()),
        notes: notes.map(str::to_string),
        seniority,
    })
    .unwrap();
}

/// One win: date, title, expectation, scope, metric, vouchers; `confirmed` false
/// leaves the tag a suggestion.
#[allow(clippy::too_many_arguments)]
fn win(
    s: &mut Store,
    date: &str,
    title: &str,
    exp: &str,
    scope: Scope,
    metric: Option<&str>,
    vouchers: &[&str],
    confirmed: bool,
) -> i64 {
    s.add_win(&WinDraft {
        date: Some(d(date)),
        title: title.into(),
        expectations: vec![ExpectationTag {
            id: exp.into(),
            confirmed,
        }],
        scope,
        metric: metric.map(str::to_string),
        people: vouchers
            .iter()
            .map(|v| PersonRef {
                name: v.to_string(),
                vouches: true,
            })
            .collect(),
        ..WinDraft::default()
    })
    .unwrap()
    .id
}

fn exp<'a>(r: &'a Review, id: &str) -> &'a caliber::review::ExpectationReview {
    r.expectations.iter().find(|e| e.id == id).unwrap()
}

/// The year from the issue: an excellent L6 manager of one team. Every win is real,
/// good work; none of it is L7 work beyond the floor.
fn excellent_l6_year(s: &mut Store, confirmed: bool) {
    person(
        s,
        "Ana",
        Relation::Report,
        "Payments",
        None,
        Some("Senior engineer"),
    );
    person(s, "Ben", Relation::Report, "Payments", None, None);
    person(s, "Mia", Relation::Manager, "Payments", None, None);
    person(s, "Raj", Relation::Peer, "Payments", None, None);
    let team = "team-delivery";
    for (date, title) in [
        ("2026-01-20", "My team shipped checkout v2 on time"),
        ("2026-04-15", "Cut the payments latency p99 by 30%"),
        ("2026-07-10", "Launched saved cards to all customers"),
        ("2026-10-05", "Team met every OP1 goal for the half"),
    ] {
        win(
            s,
            date,
            title,
            team,
            Scope::Team,
            Some("30%"),
            &["Mia"],
            true,
        );
    }
    let h = "hire-develop-managers";
    win(
        s,
        "2026-02-10",
        "Hired three engineers for the team",
        h,
        Scope::Team,
        Some("3 hires"),
        &["Mia"],
        confirmed,
    );
    win(
        s,
        "2026-05-12",
        "Promoted Ana and Ben to SDE II",
        h,
        Scope::Team,
        Some("2 promotions"),
        &["Ana", "Ben"],
        confirmed,
    );
    win(
        s,
        "2026-08-20",
        "Bar-raised in twelve engineer loops",
        h,
        Scope::Org,
        Some("12 loops"),
        &["Mia"],
        confirmed,
    );
    win(
        s,
        "2026-10-30",
        "Mentored two junior engineers through their first on-call",
        h,
        Scope::Team,
        None,
        &["Ana"],
        confirmed,
    );
    win(
        s,
        "2026-06-01",
        "Took two weeks of vacation while the team shipped the release",
        "delegation",
        Scope::Team,
        None,
        &["Mia"],
        confirmed,
    );
    win(
        s,
        "2026-09-01",
        "Assigned the migration tasks to Ana and approved her design",
        "delegation",
        Scope::Team,
        None,
        &["Ana"],
        confirmed,
    );
    win(
        s,
        "2026-03-01",
        "Wrote the team's roadmap for 2026, approved by my manager",
        "strategy",
        Scope::Team,
        None,
        &["Mia"],
        confirmed,
    );
    win(
        s,
        "2026-09-15",
        "Wrote our roadmap for the second half",
        "strategy",
        Scope::Team,
        None,
        &["Mia"],
        confirmed,
    );
    win(
        s,
        "2026-04-02",
        "Wrote a runbook for my team's on-call",
        "cross-org-impact",
        Scope::Team,
        None,
        &["Ben"],
        confirmed,
    );
    win(
        s,
        "2026-07-22",
        "Gave a tech talk on our retry library",
        "cross-org-impact",
        Scope::Team,
        None,
        &["Raj"],
        confirmed,
    );
    win(
        s,
        "2026-05-05",
        "Helped a peer team through a sev2 incident",
        "peer-collaboration",
        Scope::Team,
        None,
        &["Raj"],
        confirmed,
    );
    win(
        s,
        "2026-08-08",
        "Agreed an API with the neighbouring ledger team",
        "peer-collaboration",
        Scope::Team,
        None,
        &["Raj"],
        confirmed,
    );
}

#[test]
fn the_issues_excellent_l6_year_is_not_yet_with_every_reason_named() {
    let mut s = store();
    excellent_l6_year(&mut s, false);
    let r = review_store(&s, d(AS_OF)).unwrap();
    assert_eq!(r.readiness.label, "not-yet", "{}", r.readiness.reason);
    let h = exp(&r, "hire-develop-managers");
    assert!(h.gap, "four L6 wins are still a gap: {}", h.summary);
    assert_eq!(h.level_counts.below, 4);
    assert_eq!(h.level_counts.at + h.level_counts.above, 0);
    assert_ne!(h.strength.as_str(), "solid");
    for id in [
        "hire-develop-managers",
        "delegation",
        "strategy",
        "cross-org-impact",
        "peer-collaboration",
    ] {
        let e = exp(&r, id);
        assert!(e.gap, "{id}: {}", e.summary);
        assert!(
            e.next_step.is_some() && e.panel_question.is_some(),
            "{id}: advice"
        );
    }
    let missing: Vec<&str> = r.readiness.missing.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(
        missing,
        [
            "successor",
            "handed-off",
            "adopted-outside",
            "cost-own-team"
        ]
    );
    assert_eq!(exp(&r, "delegation").missing[0].id, "handed-off");
    let reason = &r.readiness.reason;
    assert!(reason.starts_with("Not yet:"), "{reason}");
    assert!(reason.contains("L6 work"), "{reason}");
    assert!(reason.contains("successor"), "{reason}");
    assert!(
        reason.contains("nobody at or above L7") && reason.contains("outside your org"),
        "{reason}"
    );
    assert!(
        !r.readiness.summary.contains("0 gaps"),
        "{}",
        r.readiness.summary
    );
    assert!(
        r.providers.missing_voices.len() == 2,
        "{:?}",
        r.providers.missing_voices
    );
}

#[test]
fn confirming_suggestions_changes_how_sure_the_link_is_not_the_verdict() {
    let mut suggested = store();
    excellent_l6_year(&mut suggested, false);
    let mut confirmed = store();
    excellent_l6_year(&mut confirmed, true);
    let a = review_store(&suggested, d(AS_OF)).unwrap();
    let b = review_store(&confirmed, d(AS_OF)).unwrap();
    assert_eq!(a.readiness.label, b.readiness.label);
    assert_eq!(a.readiness.score, b.readiness.score);
    for (x, y) in a.expectations.iter().zip(&b.expectations) {
        assert_eq!(
            (x.score, x.strength, x.gap),
            (y.score, y.strength, y.gap),
            "{}",
            x.id
        );
    }
    assert!(a.unconfirmed > 0 && b.unconfirmed == 0);
}

/// A case a Director would sign: L7 work for every expectation across the year,
/// every must-have shown, senior and outside voices.
fn l7_year(s: &mut Store) {
    person(
        s,
        "Dana",
        Relation::Report,
        "Payments",
        None,
        Some("EM, runs the checkout team"),
    );
    person(
        s,
        "Eli",
        Relation::Report,
        "Payments",
        None,
        Some("SDM for ledger"),
    );
    person(s, "Vic", Relation::SkipLevelManager, "Payments", None, None);
    person(s, "Lou", Relation::Peer, "Ads", Some(Seniority::At), None);
    person(
        s,
        "Kim",
        Relation::Partner,
        "Risk",
        Some(Seniority::Above),
        None,
    );
    for (date, title) in [
        (
            "2026-01-20",
            "My teams shipped checkout v2 and the new ledger through Dana and Eli",
        ),
        ("2026-05-15", "Both teams met their OP1 goals"),
        (
            "2026-09-10",
            "My managers delivered the wallet launch across three teams",
        ),
    ] {
        win(
            s,
            date,
            title,
            "team-delivery",
            Scope::Org,
            Some("3 launches"),
            &["Vic"],
            true,
        );
    }
    let h = "hire-develop-managers";
    win(
        s,
        "2026-02-10",
        "Hired two engineering managers for payments",
        h,
        Scope::Org,
        Some("2 managers"),
        &["Vic"],
        true,
    );
    win(
        s,
        "2026-05-12",
        "Grew Ana, a senior engineer, into a manager of the risk team",
        h,
        Scope::Org,
        Some("1 new manager"),
        &["Vic"],
        true,
    );
    win(
        s,
        "2026-08-20",
        "Named Dana my successor; she covered for me for a month and ran the org",
        h,
        Scope::Org,
        Some("4 weeks"),
        &["Vic", "Dana"],
        true,
    );
    win(
        s,
        "2026-11-01",
        "Eli, one of my managers, was promoted to SDM II",
        h,
        Scope::Org,
        Some("1 promotion"),
        &["Vic"],
        true,
    );
    let g = "delegation";
    win(
        s,
        "2026-01-15",
        "Handed the weekly ops review to Dana for good, freeing 4 hours a week I now spend on org planning",
        g,
        Scope::Org,
        Some("4 hours a week"),
        &["Dana", "Vic"],
        true,
    );
    win(
        s,
        "2026-06-10",
        "Eli now owns the hiring decisions for ledger; I stopped attending the debriefs",
        g,
        Scope::Org,
        Some("3 hours a week"),
        &["Eli"],
        true,
    );
    win(
        s,
        "2026-10-10",
        "Handed the launch go/no-go decision to my managers; it now runs without me",
        g,
        Scope::Org,
        Some("2 hours a week"),
        &["Vic"],
        true,
    );
    let st = "strategy";
    win(
        s,
        "2026-02-20",
        "Argued in OP1 to give up two of our headcount to fund the platform bet; the org plan adopted it",
        st,
        Scope::Org,
        Some("2 headcount"),
        &["Vic", "Lou"],
        true,
    );
    win(
        s,
        "2026-06-20",
        "Wrote the payments vision narrative the VP adopted for the org",
        st,
        Scope::Org,
        Some("3-year plan"),
        &["Vic"],
        true,
    );
    win(
        s,
        "2026-10-20",
        "Reorganized two teams to fit the company's shift to wallets, at the cost of our own launch date",
        st,
        Scope::Company,
        Some("2 teams"),
        &["Vic"],
        true,
    );
    let c = "cross-org-impact";
    win(
        s,
        "2026-03-10",
        "Our launch checklist mechanism was adopted by five other orgs",
        c,
        Scope::Company,
        Some("5 orgs"),
        &["Kim", "Lou"],
        true,
    );
    win(
        s,
        "2026-07-10",
        "The on-call standard I wrote is now used by every team across the org",
        c,
        Scope::Org,
        Some("14 teams"),
        &["Lou"],
        true,
    );
    win(
        s,
        "2026-11-05",
        "Rolled out the design review program to other orgs",
        c,
        Scope::Company,
        Some("3 orgs"),
        &["Kim"],
        true,
    );
    let p = "peer-collaboration";
    win(
        s,
        "2026-03-20",
        "Resolved a disagreement with the ads director over shared roadmap priorities",
        p,
        Scope::Org,
        Some("1 shared plan"),
        &["Lou"],
        true,
    );
    win(
        s,
        "2026-07-25",
        "Had a hard conversation with the risk leader whose goals differed; we agreed a joint plan",
        p,
        Scope::Org,
        Some("1 joint plan"),
        &["Kim"],
        true,
    );
    win(
        s,
        "2026-11-10",
        "Convinced a partner org to change its launch plan at a cost to their quarter",
        p,
        Scope::Company,
        Some("2 orgs"),
        &["Kim"],
        true,
    );
}

#[test]
fn a_year_of_l7_work_with_every_must_have_and_senior_voices_is_ready() {
    let mut s = store();
    l7_year(&mut s);
    let r = review_store(&s, d(AS_OF)).unwrap();
    for e in &r.expectations {
        assert!(!e.gap, "{}: {}", e.id, e.summary);
    }
    let shown: Vec<(&str, bool)> = r
        .must_haves
        .iter()
        .map(|m| (m.id.as_str(), m.shown))
        .collect();
    assert!(shown.iter().all(|(_, s)| *s), "{shown:?}");
    assert!(
        r.providers.at_or_above >= 2 && r.providers.outside_org >= 2,
        "{:?}",
        r.providers
    );
    assert_eq!(
        r.readiness.label, "ready",
        "{} {}",
        r.readiness.summary, r.readiness.reason
    );
    assert!(
        r.readiness.reason.starts_with("Ready:"),
        "{}",
        r.readiness.reason
    );
}

#[test]
fn below_level_wins_added_to_a_case_never_raise_its_label() {
    let rank = |l: &str| match l {
        "ready" => 2,
        "close" => 1,
        _ => 0,
    };
    for base in [l7_year as fn(&mut Store), |s: &mut Store| {
        excellent_l6_year(s, true)
    }] {
        let mut a = store();
        base(&mut a);
        let before = review_store(&a, d(AS_OF)).unwrap();
        let mut b = store();
        base(&mut b);
        excellent_l6_year_extra(&mut b);
        let after = review_store(&b, d(AS_OF)).unwrap();
        assert!(
            rank(after.readiness.label.as_str()) <= rank(before.readiness.label.as_str()),
            "{} -> {}",
            before.readiness.label,
            after.readiness.label
        );
        assert!(
            after.readiness.score <= before.readiness.score + 2,
            "{} -> {}",
            before.readiness.score,
            after.readiness.score
        );
    }
}

/// More L6 work, without new people.
fn excellent_l6_year_extra(s: &mut Store) {
    let h = "hire-develop-managers";
    for (date, title) in [
        ("2026-03-03", "Hired a senior engineer"),
        ("2026-06-06", "Interviewed for six engineer loops"),
        ("2026-09-09", "Promoted an engineer to SDE III"),
    ] {
        win(s, date, title, h, Scope::Team, Some("1"), &[], true);
    }
    win(
        s,
        "2026-04-04",
        "Approved the design for the ledger rewrite",
        "delegation",
        Scope::Team,
        None,
        &[],
        true,
    );
    win(
        s,
        "2026-05-05",
        "Wrote the team roadmap",
        "strategy",
        Scope::Team,
        None,
        &[],
        true,
    );
}

#[test]
fn team_delivery_alone_never_carries_the_case() {
    let mut s = store();
    person(
        &mut s,
        "Vic",
        Relation::SkipLevelManager,
        "Payments",
        None,
        None,
    );
    person(&mut s, "Kim", Relation::Partner, "Risk", None, None);
    for (i, date) in [
        "2026-01-10",
        "2026-03-10",
        "2026-05-10",
        "2026-07-10",
        "2026-09-10",
        "2026-11-10",
    ]
    .iter()
    .enumerate()
    {
        win(
            &mut s,
            date,
            &format!("My teams shipped launch {i} across the company"),
            "team-delivery",
            Scope::Company,
            Some("20%"),
            &["Vic", "Kim"],
            true,
        );
    }
    let r = review_store(&s, d(AS_OF)).unwrap();
    let t = exp(&r, "team-delivery");
    assert!(t.floor && !t.gap, "{}", t.summary);
    assert_eq!(r.readiness.label, "not-yet");
    assert!(r.readiness.score < 20, "{}", r.readiness.score);
}

// ---------------------------------------------------------------------------
// Whole cases with a Director's verdict (tests/data/cases/*.json)
// ---------------------------------------------------------------------------

mod cases {
    use super::*;
    use caliber::FeedbackDraft;
    use serde_json::Value;

    fn strs(v: &Value) -> Vec<String> {
        v.as_array()
            .into_iter()
            .flatten()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect()
    }

    /// Loads a case into a fresh store through the library and reviews it.
    pub fn review_case(case: &Value) -> Review {
        let mut s = Store::open_in_memory().unwrap();
        let ladder = s.ladder(case["ladder"].as_str().unwrap()).unwrap();
        let cycle = &case["cycle"];
        s.set_cycle(&Cycle {
            ladder: ladder.id.clone(),
            current_level: ladder.current_level.clone(),
            target_level: ladder.target_level.clone(),
            start: d(cycle["from"].as_str().unwrap()),
            end: d(cycle["to"].as_str().unwrap()),
            target_date: cycle["target_date"].as_str().map(d),
            is_default: false,
        })
        .unwrap();
        s.set_setting("org", case["own_org"].as_str().unwrap())
            .unwrap();
        for p in case["people"].as_array().unwrap() {
            s.add_person(&PersonDraft {
                name: p["name"].as_str().unwrap().into(),
                relation: p["relation"].as_str().map(|r| r.parse().unwrap()),
                org: p["org"].as_str().map(str::to_string),
                // People have no manager flag: that they manage is said in their notes.
                notes: p["is_manager"]
                    .as_bool()
                    .unwrap_or(false)
                    .then(|| "Manager".to_string()),
                seniority: p["seniority"].as_str().map(|x| x.parse().unwrap()),
            })
            .unwrap();
        }
        for w in case["wins"].as_array().unwrap() {
            let text = |k: &str| w[k].as_str().map(str::to_string);
            s.add_win(&WinDraft {
                date: Some(d(w["date"].as_str().unwrap())),
                title: w["title"].as_str().unwrap().into(),
                situation: text("situation"),
                action: text("action"),
                result: text("result"),
                metric: text("metric"),
                scope: w["scope"].as_str().unwrap_or("team").parse().unwrap(),
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
                        name: p["name"].as_str().unwrap().into(),
                        vouches: p["vouches"].as_bool().unwrap_or(false),
                    })
                    .collect(),
                ..WinDraft::default()
            })
            .unwrap();
        }
        for f in case["feedback"].as_array().into_iter().flatten() {
            s.add_feedback(&FeedbackDraft {
                person: f["person"].as_str().unwrap().into(),
                date: Some(d(f["date"].as_str().unwrap())),
                quote: f["text"].as_str().unwrap().into(),
                expectation: strs(&f["expectations"]).into_iter().next(),
            })
            .unwrap();
        }
        review_store(&s, d(case["today"].as_str().unwrap())).unwrap()
    }

    /// What a case's review gets wrong against its expected verdict; empty when right.
    pub fn misses(case: &Value, r: &Review) -> Vec<String> {
        let want = &case["expected"];
        let mut out = Vec::new();
        if r.readiness.label != want["label"].as_str().unwrap() {
            out.push(format!(
                "label {} (want {}): {}",
                r.readiness.label, want["label"], r.readiness.reason
            ));
        }
        for m in strs(&want["must_mention"]) {
            if !r.readiness.reasons.contains(&m) {
                out.push(format!("does not mention {m}"));
            }
        }
        for m in strs(&want["must_not_mention"]) {
            if r.readiness.reasons.contains(&m) {
                out.push(format!("mentions {m}"));
            }
        }
        let gap = |id: &str| r.expectations.iter().any(|e| e.id == id && e.gap);
        for g in strs(&want["gaps"]) {
            if !gap(&g) {
                out.push(format!("{g} is not a gap"));
            }
        }
        for g in strs(&want["not_gaps"]) {
            if gap(&g) {
                let e = r.expectations.iter().find(|e| e.id == g).unwrap();
                out.push(format!("{g} is a gap: {}", e.summary));
            }
        }
        out
    }

    pub fn load() -> Vec<(String, Value)> {
        load_from("tests/data/cases")
    }

    pub fn load_from(dir: &str) -> Vec<(String, Value)> {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .expect("the cases folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        files
            .into_iter()
            .map(|p| {
                let text = std::fs::read_to_string(&p).unwrap();
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    serde_json::from_str(&text).unwrap(),
                )
            })
            .collect()
    }
}

/// The share of the reasons a Director gave that the verdict must name. Labels,
/// gaps and the reasons a Director ruled out are checked exactly.
const MUST_MENTION_TARGET: f64 = 0.9;

#[test]
fn every_case_gets_the_directors_verdict() {
    let all = cases::load();
    assert!(all.len() >= 8, "{} cases", all.len());
    let (mut named, mut wanted) = (0usize, 0usize);
    let mut failed = Vec::new();
    for (name, case) in &all {
        let r = cases::review_case(case);
        let misses = cases::misses(case, &r);
        let unnamed = misses
            .iter()
            .filter(|m| m.starts_with("does not mention"))
            .count();
        let want = case["expected"]["must_mention"]
            .as_array()
            .map_or(0, Vec::len);
        wanted += want;
        named += want - unnamed;
        println!(
            "{name}: {} {}/100, reasons {:?}{}",
            r.readiness.label,
            r.readiness.score,
            r.readiness.reasons,
            if misses.is_empty() {
                String::new()
            } else {
                format!("\n  MISSES: {}", misses.join("\n          "))
            }
        );
        if misses.iter().any(|m| !m.starts_with("does not mention")) {
            failed.push(name.clone());
        }
    }
    let share = named as f64 / wanted.max(1) as f64;
    println!("Reasons a Director gave that the verdict names: {named}/{wanted}");
    assert!(
        failed.is_empty(),
        "cases with a wrong label, gap or reason: {failed:?}"
    );
    assert!(
        share >= MUST_MENTION_TARGET,
        "only {named} of {wanted} reasons named"
    );
}

/// Prints a case's verdict, its reason and every miss against the Director's.
fn print_verdict(name: &str, r: &caliber::review::Review, misses: &[String]) {
    println!(
        "{name}: {} {}/100, reasons {:?}\n  {}{}",
        r.readiness.label,
        r.readiness.score,
        r.readiness.reasons,
        r.readiness.reason,
        if misses.is_empty() {
            String::new()
        } else {
            format!("\n  MISSES: {}", misses.join("\n          "))
        }
    );
}

/// The held-out cases were written after the rules, by someone who saw neither the
/// rules nor the first cases: a ready case told in plain words (hand-offs and
/// mechanisms used by other orgs said without the ladder's words) and a not-yet case
/// told in polished words (L6 strategy, cross-org and peer work in L7 vocabulary).
#[test]
fn the_held_out_cases_get_the_directors_label() {
    let all = cases::load_from("tests/data/cases_holdout");
    assert!(all.len() >= 2, "{} cases", all.len());
    let mut failed = Vec::new();
    for (name, case) in &all {
        let r = cases::review_case(case);
        let misses = cases::misses(case, &r);
        print_verdict(name, &r, &misses);
        if !misses.is_empty() {
            failed.push(name.clone());
        }
    }
    assert!(
        failed.is_empty(),
        "held-out cases the verdict gets wrong: {failed:?}"
    );
}

#[test]
fn ten_l6_wins_added_to_the_ready_case_change_neither_its_label_nor_its_reasons() {
    let all = cases::load();
    let get = |prefix: &str| {
        let (_, case) = all.iter().find(|(n, _)| n.starts_with(prefix)).unwrap();
        cases::review_case(case)
    };
    let (b, g) = (get("b_"), get("g_"));
    assert_eq!(b.readiness.label, g.readiness.label);
    assert_eq!(b.readiness.reasons, g.readiness.reasons);
}

#[test]
fn the_outline_keeps_below_level_wins_to_its_appendix() {
    let mut s = store();
    excellent_l6_year(&mut s, true);
    let at = win(
        &mut s,
        "2026-09-20",
        "Hired two engineering managers for payments",
        "hire-develop-managers",
        Scope::Org,
        Some("2 managers"),
        &[],
        true,
    );
    let o = caliber::outline::outline_store(&s, d(AS_OF)).unwrap();
    let h = o
        .expectations
        .iter()
        .find(|e| e.id == "hire-develop-managers")
        .unwrap();
    let shown: Vec<i64> = h.evidence.iter().map(|x| x.id).collect();
    assert_eq!(shown, [at], "only the at-level win is evidence");
    let r = review_store(&s, d(AS_OF)).unwrap();
    let below = &exp(&r, "hire-develop-managers").below_level;
    assert_eq!(below.len(), 4);
    for id in below {
        assert!(
            o.appendix.iter().any(|a| a.id == *id),
            "win {id} in the appendix"
        );
    }
}

#[test]
fn the_outline_leads_with_the_level_never_with_the_floor() {
    let mut s = store();
    l7_year(&mut s);
    // The floor, better proven than anything else: many recent, wide, vouched wins.
    for month in 1..=11 {
        win(
            &mut s,
            &format!("2026-{month:02}-15"),
            &format!("Delivered release {month} through my managers across the company"),
            "team-delivery",
            Scope::Industry,
            Some("99.99%"),
            &["Vic", "Kim"],
            true,
        );
    }
    let r = review_store(&s, d(AS_OF)).unwrap();
    let floor = exp(&r, "team-delivery").score;
    assert!(
        r.expectations.iter().all(|e| e.score <= floor),
        "the floor scores highest here"
    );
    let o = caliber::outline::outline_store(&s, d(AS_OF)).unwrap();
    let lead = o
        .summary
        .iter()
        .find(|p| p.text.starts_with("My strongest evidence"))
        .expect("a paragraph with the strongest evidence");
    assert!(!lead.text.contains("Your teams deliver"), "{}", lead.text);
    assert!(!lead.text.contains("Delivered release"), "{}", lead.text);
}

#[test]
fn areas_for_growth_are_never_empty_and_speak_as_i() {
    let mut s = store();
    l7_year(&mut s);
    let o = caliber::outline::outline_store(&s, d(AS_OF)).unwrap();
    assert!(o.growth.len() >= 2, "{:?}", o.growth);
    for g in &o.growth {
        let all = format!("{} {}", g.concern, g.response.text);
        assert!(!all.contains("You "), "{all}");
    }
    assert!(
        o.growth
            .iter()
            .any(|g| g.concern.starts_with("My evidence for"))
    );
}

/// The blind cases: written from the level descriptions alone, by someone who saw
/// neither the rules, the labelled wins nor the other cases, and run after the rules
/// were last changed. The error that costs a candidate most is a label above the
/// Director's (told "ready", then turned down at calibration): no blind case may get
/// one. Each case prints its verdict and every miss.
#[test]
fn no_blind_case_is_rated_above_the_directors_label() {
    let rank = |l: &str| match l {
        "not-yet" => 0,
        "close" => 1,
        _ => 2,
    };
    let all = cases::load_from("tests/data/cases_blind");
    assert!(all.len() >= 4, "{} cases", all.len());
    let mut above = Vec::new();
    for (name, case) in &all {
        let r = cases::review_case(case);
        let misses = cases::misses(case, &r);
        print_verdict(name, &r, &misses);
        let want = case["expected"]["label"].as_str().unwrap_or("not-yet");
        if rank(r.readiness.label.as_str()) > rank(want) {
            above.push(name.clone());
        }
    }
    assert!(
        above.is_empty(),
        "blind cases rated above the Director: {above:?}"
    );
}

/// Every blind case gets exactly the Director's label. Not met yet: the ready
/// first-time-manager case reads close, its 1:1s judged below the level.
#[test]
#[ignore = "missed: 3 of the 4 blind cases get the Director's label; run with --ignored"]
fn every_blind_case_gets_the_directors_label() {
    let all = cases::load_from("tests/data/cases_blind");
    let wrong: Vec<&String> = all
        .iter()
        .filter(|(_, case)| {
            let r = cases::review_case(case);
            case["expected"]["label"].as_str() != Some(r.readiness.label.as_str())
        })
        .map(|(name, _)| name)
        .collect();
    assert!(
        wrong.is_empty(),
        "blind cases with a wrong label: {wrong:?}"
    );
}
