//! Composing the page from the reports it sums up: which wins lead, which
//! objections are raised and answered, who vouches, and what the manager is asked,
//! trimmed to [`MAX_WORDS`].

use std::collections::{HashMap, HashSet};

use super::model::{
    MAX_WORDS, Objection, ObjectionSource, PROOF_POINTS, Pack, ProofPoint, ProviderLine, Thesis,
};
use super::render::{names, text, word_count};
use crate::feedback_plan::{AskStatus, FeedbackPlan};
use crate::model::{PersonId, WinId};
use crate::outline::voice::{claim_of, in_my_voice};
use crate::outline::{CaseParts, Para, cite, first_person, para};
use crate::rehearse::{EARLIER, Rehearsal, SUSTAINED};
use crate::review::{CycleData, RankedWin, Review};

/// Everything the pack is drawn from: one cycle's data and the reports over it.
pub struct PackSources<'a> {
    /// The cycle's data, wins as ranked.
    pub data: &'a CycleData<RankedWin>,
    /// The gap review.
    pub review: &'a Review,
    /// What the outline would show: each expectation's evidence and the areas
    /// for growth.
    pub parts: &'a CaseParts,
    /// The rehearsal, with the user's answers.
    pub rehearsal: &'a Rehearsal,
    /// The feedback plan.
    pub plan: &'a FeedbackPlan,
}

/// Longest a title or an answer runs on the page, in words.
const TITLE_WORDS: usize = 18;
const ANSWER_WORDS: usize = 40;
const QUESTION_WORDS: usize = 22;
const THERE_WORDS: usize = 25;
const PLAN_WORDS: usize = 30;
/// The most objections and providers the page lists before trimming to fit.
const OBJECTIONS: usize = 4;
const PROVIDERS: usize = 8;

/// `s` cut to `n` words, with an ellipsis when cut.
fn clip(s: &str, n: usize) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() <= n {
        words.join(" ")
    } else {
        format!(
            "{}…",
            words[..n].join(" ").trim_end_matches([',', ';', ':', '.'])
        )
    }
}

/// `s` cut after its last whole sentence within `n` words (a sentence ends with
/// ". "), or cut to `n` words when its first sentence alone is longer.
fn clip_sentences(s: &str, n: usize) -> String {
    let mut out = String::new();
    let mut words = 0;
    for sentence in s.split_inclusive(". ") {
        let w = sentence.split_whitespace().count();
        if words + w > n {
            break;
        }
        out.push_str(sentence);
        words += w;
    }
    if out.trim().is_empty() {
        clip(s, n)
    } else {
        out.trim_end().to_string()
    }
}

/// A gap's answer from the outline ("What there is: …. Plan: …"): both parts kept,
/// each cut to fit, so the plan is never what the page loses.
fn evidence_and_plan(response: &str) -> String {
    match response.split_once("Plan: ") {
        Some((there, plan)) => {
            let there = there.trim();
            let mut out = String::new();
            if !there.is_empty() {
                out.push_str(&whole_claims(there, THERE_WORDS));
                out.push(' ');
            }
            out.push_str("Plan: ");
            out.push_str(&clip_sentences(plan, PLAN_WORDS));
            out
        }
        None => clip_sentences(response, ANSWER_WORDS),
    }
}

/// "What there is: A [#1]; B [#2]." cut to the claims that fit in `n` words (the
/// first one cut to fit when it alone is longer), ending with a full stop.
fn whole_claims(s: &str, n: usize) -> String {
    let s = s.trim().trim_end_matches('.');
    let mut out = String::new();
    let mut words = 0;
    // Claims end with their citation: "…without me [#12]; I handed…".
    let parts: Vec<&str> = s.split("]; ").collect();
    for (i, part) in parts.iter().enumerate() {
        let claim = if i + 1 < parts.len() {
            format!("{part}]")
        } else {
            part.to_string()
        };
        let w = claim.split_whitespace().count();
        if words + w > n {
            break;
        }
        if !out.is_empty() {
            out.push_str("; ");
        }
        out.push_str(&claim);
        words += w;
    }
    if out.is_empty() {
        out = clip(s, n);
    }
    out.push('.');
    out
}

/// A panel question up to its first question mark, when that is short enough
/// ("Who outside your org saw it? Who could speak to …?" keeps the first). A
/// question too long for the page is shortened inside the title of the win it
/// quotes, so it still reads as a whole question; only a question with no such
/// title is cut at its end.
fn first_question(q: &str) -> String {
    let q = q.trim();
    let q = match q.find("? ") {
        Some(end) => &q[..=end],
        None => q,
    };
    let words = q.split_whitespace().count();
    if words <= QUESTION_WORDS {
        return q.to_string();
    }
    if let Some(open) = q.find('"')
        && let Some(len) = q[open + 1..].find('"')
    {
        let inner = &q[open + 1..open + 1 + len];
        let keep = inner
            .split_whitespace()
            .count()
            .saturating_sub(words - QUESTION_WORDS)
            .max(3);
        return format!(
            "{}\"{}\"{}",
            &q[..open],
            clip(inner, keep),
            &q[open + 2 + len..]
        );
    }
    clip(q, QUESTION_WORDS)
}

/// "Hannah Lindqvist (peer)": a person's name with how they relate to the
/// candidate, when the ledger says.
fn with_relation(src: &PackSources<'_>, name: &str) -> String {
    match src
        .data
        .people
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.relation)
    {
        Some(r) => format!("{name} ({})", r.words()),
        None => name.to_string(),
    }
}

/// The first letter in lower case: "Hire and develop" inside a sentence ("I" stays).
fn lower_first(s: &str) -> String {
    if s == "I" || s.starts_with("I ") || s.starts_with("I'") {
        return s.to_string();
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A win for an expectation: its weight as evidence, the win, the expectation, and
/// whether that expectation is the floor.
type Candidate<'a> = (
    (u32, chrono::NaiveDate, WinId),
    &'a RankedWin,
    &'a str,
    bool,
);

/// The strongest wins across the expectations: the best (win, expectation) pairs
/// by the outline's weight, one win per expectation while other expectations
/// have evidence, never work judged below the level, and the floor only when no
/// other expectation has a win to offer.
fn pick_proofs<'a>(src: &PackSources<'a>) -> Vec<(&'a RankedWin, &'a str)> {
    let r = src.review;
    let mut pairs: Vec<Candidate<'a>> = Vec::new();
    for e in &r.expectations {
        let below: HashSet<WinId> = if e.floor {
            HashSet::new()
        } else {
            e.below_level.iter().copied().collect()
        };
        for w in src
            .data
            .wins
            .iter()
            .filter(|w| src.data.cycle.contains(w.date))
        {
            if w.expectations.iter().any(|t| t.id == e.id) && !below.contains(&w.id) {
                pairs.push((
                    crate::outline::weight(w, Some(&e.id)),
                    w,
                    e.id.as_str(),
                    e.floor,
                ));
            }
        }
    }
    // Beyond the floor first, then the heaviest.
    pairs.sort_by(|a, b| a.3.cmp(&b.3).then(b.0.cmp(&a.0)));
    let mut out: Vec<(&RankedWin, &str)> = Vec::new();
    let mut used_wins: HashSet<WinId> = HashSet::new();
    let mut used_exps: HashSet<&str> = HashSet::new();
    // First pass: a new expectation each; second: any expectation beyond the
    // floor; last: the floor, only when nothing else is left.
    for pass in 0..3 {
        for &(_, w, e, floor) in &pairs {
            if out.len() == PROOF_POINTS {
                return out;
            }
            let allowed = match pass {
                0 => !floor && !used_exps.contains(e),
                1 => !floor,
                _ => true,
            };
            if allowed && !used_wins.contains(&w.id) {
                used_wins.insert(w.id);
                used_exps.insert(e);
                out.push((w, e));
            }
        }
    }
    out
}

fn proof_point(src: &PackSources<'_>, w: &RankedWin, exp: &str) -> ProofPoint {
    let title = src
        .data
        .ladder
        .expectation(exp)
        .map(|e| claim_of(&e.title))
        .unwrap_or_else(|| exp.to_string());
    let relation: HashMap<PersonId, String> = src
        .data
        .people
        .iter()
        .filter_map(|p| p.relation.map(|r| (p.id, r.words())))
        .collect();
    let vouchers: Vec<String> = w
        .people
        .iter()
        .filter(|p| p.vouches)
        .map(|p| match relation.get(&p.person_id) {
            Some(r) => format!("{} ({r})", p.name),
            None => p.name.clone(),
        })
        .collect();
    let mut s = format!("{}: {}", title, clip(&first_person(&w.title), TITLE_WORDS));
    match (&w.metric, &w.result) {
        (Some(m), _) if !crate::outline::restates(&w.title, m) => {
            s.push_str(&format!(" — {}", clip(m, 12)))
        }
        (None, Some(r)) if !r.trim().is_empty() => {
            s.push_str(&format!(" — {}", clip(r.trim().trim_end_matches('.'), 14)))
        }
        _ => {}
    }
    s.push_str(&format!(
        " {}, {}, reaching {}",
        cite(w.id),
        w.date,
        w.scope.reach_words()
    ));
    if vouchers.is_empty() {
        s.push_str("; no one vouches for it yet.");
    } else {
        s.push_str(&format!("; {} can vouch.", names(&vouchers)));
    }
    ProofPoint {
        win: w.id,
        expectation: exp.to_string(),
        expectation_title: title,
        date: w.date,
        metric: w.metric.clone(),
        scope: w.scope,
        vouchers,
        text: para(s),
    }
}

fn thesis(src: &PackSources<'_>, proofs: &[ProofPoint]) -> Thesis {
    let c = &src.data.cycle;
    let mut exps: Vec<String> = Vec::new();
    for p in proofs {
        let t = lower_first(&p.expectation_title);
        if !exps.contains(&t) {
            exps.push(t);
        }
    }
    let mut first = format!(
        "I am asking to move from {} to {}",
        c.current_level, c.target_level
    );
    if exps.is_empty() {
        first.push('.');
    } else {
        first.push_str(&format!(
            " on work beyond my teams' delivery: {}.",
            names(&exps)
        ));
    }
    // Who outside the org already backs the case: what a panel weighs most.
    let outside: Vec<String> = src
        .plan
        .providers
        .iter()
        .filter(|p| p.outside_org && p.status == AskStatus::Received)
        .take(2)
        .map(|p| p.person.clone())
        .collect();
    let mut second = if outside.is_empty() {
        "No one outside my org has given feedback on it yet".to_string()
    } else {
        format!(
            "{} outside my org {} it in their feedback",
            names(&outside),
            if outside.len() == 1 { "backs" } else { "back" }
        )
    };
    // Only the first gap: it always leads the objections, whatever the page drops.
    match src.review.gaps.first() {
        None => second.push_str("; no expectation of the level is a gap."),
        Some(g) => second.push_str(&format!(
            "; the biggest open question, my evidence for \"{}\", is answered below.",
            in_my_voice(&g.title)
        )),
    }
    Thesis {
        target_level: c.target_level.clone(),
        text: para(format!("{first} {second}")),
    }
}

fn objections(src: &PackSources<'_>, proofs: &[ProofPoint]) -> Vec<Objection> {
    let r = src.review;
    let answer_to = |kind: &str, expectation: &str| {
        let id = crate::rehearse::question_id(kind, expectation, None);
        src.rehearsal
            .questions
            .iter()
            .find(|q| q.id == id)
            .and_then(|q| q.answer.as_deref())
            .map(str::trim)
            .filter(|a| !a.is_empty())
    };
    let mine = |a: &str| para(clip_sentences(&format!("My answer: {a}"), ANSWER_WORDS));
    // The outline's areas for growth open with one concern per gap of the review,
    // in its order; a gap the candidate answered ("why not earlier?") is answered
    // in their words, the others with the evidence there is and the plan.
    // Right after them, one per must-have no win shows: a panel asks for those
    // before anything else, so they lead with the gaps.
    let gaps = r.gaps.len().min(src.parts.growth.len());
    let must = crate::outline::missing_outside_gaps(r, &src.data.ladder).len();
    let lead = (gaps + must).min(src.parts.growth.len());
    let mut gap_items: Vec<Objection> = Vec::new();
    let mut other_growth: Vec<Objection> = Vec::new();
    for (i, c) in src.parts.growth.iter().enumerate() {
        if i >= gaps && i < lead {
            gap_items.push(Objection {
                expectation: None,
                objection: c.concern.clone(),
                answer: para(clip_sentences(&c.response.text, ANSWER_WORDS)),
                source: ObjectionSource::Growth,
            });
        } else if i < gaps {
            let id = &r.gaps[i].id;
            gap_items.push(Objection {
                expectation: Some(id.clone()),
                objection: c.concern.clone(),
                answer: match answer_to(EARLIER, id) {
                    Some(a) => mine(a),
                    None => para(evidence_and_plan(&c.response.text)),
                },
                source: ObjectionSource::Gap,
            });
        } else {
            other_growth.push(Objection {
                expectation: None,
                objection: c.concern.clone(),
                answer: para(clip_sentences(&c.response.text, ANSWER_WORDS)),
                source: ObjectionSource::Growth,
            });
        }
    }
    // Every other question the candidate answered: a panel's doubt with its answer
    // ready ("is this sustained?" already sits in the areas for growth).
    let answered_gaps: HashSet<String> = gap_items
        .iter()
        .filter_map(|o| o.expectation.as_ref())
        .map(|e| crate::rehearse::question_id(EARLIER, e, None))
        .collect();
    let rehearsed: Vec<Objection> = src
        .rehearsal
        .questions
        .iter()
        .filter(|q| !answered_gaps.contains(&q.id) && !q.id.starts_with(&format!("{SUSTAINED}:")))
        .filter_map(|q| {
            let a = q
                .answer
                .as_deref()
                .map(str::trim)
                .filter(|a| !a.is_empty())?;
            Some(Objection {
                expectation: Some(q.expectation.clone()),
                objection: format!("The panel asks: {}", first_question(&q.question)),
                answer: mine(a),
                source: ObjectionSource::Rehearsal,
            })
        })
        .collect();
    // The ladder's panel questions the candidate has not answered yet, for the
    // expectations that are not gaps: answered with the strongest story at the level.
    let gap_ids: HashSet<&str> = r.gaps.iter().map(|g| g.id.as_str()).collect();
    let panel_prefix = "panel:";
    let from_evidence: Vec<Objection> = src
        .rehearsal
        .questions
        .iter()
        .filter(|q| {
            q.id.starts_with(panel_prefix)
                && q.answer.is_none()
                && !gap_ids.contains(q.expectation.as_str())
        })
        .filter_map(|q| {
            let (_, evidence) = src
                .parts
                .evidence
                .iter()
                .find(|(id, _)| *id == q.expectation)?;
            // A story the proof points do not already tell, else the proof point.
            let shown: Vec<WinId> = proofs.iter().map(|p| p.win).collect();
            let e = evidence
                .iter()
                .find(|e| !shown.contains(&e.id))
                .or_else(|| evidence.first())?;
            let mut a = format!(
                "The evidence: {}",
                clip(&first_person(&e.title), TITLE_WORDS)
            );
            if let Some(m) = &e.metric
                && !crate::outline::restates(&e.title, m)
            {
                a.push_str(&format!(" ({})", clip(m, 12)));
            }
            a.push_str(&format!(" {}", cite(e.id)));
            if e.vouchers.is_empty() {
                a.push('.');
            } else {
                let named: Vec<String> = e.vouchers.iter().map(|n| with_relation(src, n)).collect();
                a.push_str(&format!("; {} can vouch.", names(&named)));
            }
            Some(Objection {
                expectation: Some(q.expectation.clone()),
                objection: format!("The panel asks: {}", first_question(&q.question)),
                answer: para(a),
                source: ObjectionSource::Rehearsal,
            })
        })
        .collect();
    // Gaps and rehearsed answers alternate, so a page trimmed to fit keeps both.
    let mut out: Vec<Objection> = Vec::new();
    let mut g = gap_items.into_iter();
    let mut q = rehearsed.into_iter();
    loop {
        let (a, b) = (g.next(), q.next());
        if a.is_none() && b.is_none() {
            break;
        }
        out.extend(a);
        out.extend(b);
    }
    out.extend(from_evidence);
    out.extend(other_growth);
    out.truncate(OBJECTIONS);
    out
}

fn providers(src: &PackSources<'_>) -> Vec<ProviderLine> {
    let floor: HashSet<&String> = src
        .review
        .expectations
        .iter()
        .filter(|e| e.floor)
        .map(|e| &e.id)
        .collect();
    let title = |id: &String| {
        src.data
            .ladder
            .expectation(id)
            .map(|e| format!("\"{}\"", in_my_voice(&e.title)))
            .unwrap_or_else(|| id.clone())
    };
    src.plan
        .providers
        .iter()
        .take(PROVIDERS)
        .map(|p| {
            // The floor says nothing about the level when they speak to more.
            let expectations: Vec<String> = if p.expectations.iter().any(|e| !floor.contains(e)) {
                p.expectations
                    .iter()
                    .filter(|e| !floor.contains(*e))
                    .cloned()
                    .collect()
            } else {
                p.expectations.clone()
            };
            ProviderLine {
                person: p.person.clone(),
                relation: p.relation,
                outside_org: p.outside_org,
                status: p.status,
                expectation_titles: expectations.iter().map(title).collect(),
                expectations,
            }
        })
        .collect()
}

/// What the candidate asks of the manager, in the manager's second person.
fn asks(
    src: &PackSources<'_>,
    proofs: &[ProofPoint],
    providers: &[ProviderLine],
    objections: &[Objection],
) -> Vec<Para> {
    let mut out = Vec::new();
    if !proofs.is_empty() {
        let ids: Vec<String> = proofs.iter().map(|p| cite(p.win)).collect();
        out.push(para(format!(
            "Lead with the proof points above ({}): each shows work at {} beyond my teams' delivery.",
            ids.join(", "),
            src.data.cycle.target_level
        )));
    }
    let with = |s: AskStatus| -> Vec<String> {
        providers
            .iter()
            .filter(|p| p.status == s)
            .take(3)
            .map(|p| p.person.clone())
            .collect()
    };
    let asked = with(AskStatus::Asked);
    if !asked.is_empty() {
        out.push(para(format!(
            "Nudge {}: I asked for their feedback and have no answer yet.",
            names(&asked)
        )));
    }
    if let Some(o) = objections
        .iter()
        .find(|o| o.source == ObjectionSource::Gap)
        .and_then(|o| o.expectation.as_ref())
        .and_then(|id| src.data.ladder.expectation(id))
    {
        let when = src
            .data
            .cycle
            .target_date
            .map(|d| format!("before {d}"))
            .unwrap_or_else(|| "before calibration".into());
        out.push(para(format!(
            "Tell me {when} whether my plan for \"{}\" is enough, and give me the room to do it.",
            in_my_voice(&o.title)
        )));
    }
    let planned = with(AskStatus::Planned);
    if !planned.is_empty() {
        out.push(para(format!(
            "Tell me whether {} are the right people to ask for feedback; I have not asked yet.",
            names(&planned)
        )));
    }
    out
}

/// A step of trimming the page: when it applies, and what it cuts.
type Cut<'a> = (&'a dyn Fn(&Pack) -> bool, &'a dyn Fn(&mut Pack));

/// Composes the pack from its sources. Pure: the same sources give the same page.
/// Objections, then providers, then asks are dropped from the end until the page
/// holds at most [`MAX_WORDS`] words.
pub fn compose(src: &PackSources<'_>) -> Pack {
    let proofs: Vec<ProofPoint> = pick_proofs(src)
        .into_iter()
        .map(|(w, e)| proof_point(src, w, e))
        .collect();
    let objections = objections(src, &proofs);
    let providers = providers(src);
    let ask = asks(src, &proofs, &providers, &objections);
    let c = &src.data.cycle;
    let mut pack = Pack {
        title: format!("Sponsor pack: {} to {}", c.current_level, c.target_level),
        thesis: thesis(src, &proofs),
        cycle: c.clone(),
        ladder_name: src.data.ladder.name.clone(),
        proof_points: proofs,
        objections,
        providers,
        more_providers: Vec::new(),
        uncovered: src.plan.uncovered.clone(),
        ask,
        words: 0,
    };
    // What goes first when the page is too long: the least needed asks and
    // providers, then objections beyond the two most likely, then the rest.
    // A provider the page has no room for in full is still named, more briefly.
    let brief = |p: &mut Pack| {
        if let Some(x) = p.providers.pop() {
            p.more_providers.insert(0, x);
        }
    };
    // The answers to the panel's objections are what the sponsor needs most in the
    // room: the providers' lines are shortened to names before the third goes.
    let steps: [Cut<'_>; 9] = [
        (&|p| p.ask.len() > 3, &|p| drop(p.ask.pop())),
        (&|p| p.providers.len() > 3, &brief),
        (&|p| p.objections.len() > 3, &|p| drop(p.objections.pop())),
        (&|p| p.providers.len() > 2, &brief),
        (&|p| p.providers.len() > 1, &brief),
        (&|p| p.ask.len() > 2, &|p| drop(p.ask.pop())),
        (&|p| p.objections.len() > 2, &|p| drop(p.objections.pop())),
        (&|p| p.objections.len() > 1, &|p| drop(p.objections.pop())),
        (&|p| !p.uncovered.is_empty(), &|p| drop(p.uncovered.pop())),
    ];
    loop {
        pack.words = word_count(&text(&pack));
        if pack.words <= MAX_WORDS {
            return pack;
        }
        match steps.iter().find(|(can, _)| can(&pack)) {
            Some((_, cut)) => cut(&mut pack),
            // Titles and answers are clipped: the page cannot run long from here.
            None => return pack,
        }
    }
}
