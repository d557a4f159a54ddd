//! Composing the page from the reports it sums up: which wins lead, which
//! objections are raised and answered, who vouches, and what the manager is asked,
//! trimmed to [`MAX_WORDS`].

use std::collections::{HashMap, HashSet};

use super::model::{
    MAX_WORDS, Objection, ObjectionSource, PROOF_POINTS, Pack, ProofPoint, ProviderLine, Thesis,
};
use crate::feedback_plan::{AskStatus, FeedbackPlan};
use crate::model::{PersonId, Scope, WinId};
use crate::outline::voice::{claim_of, in_my_voice};
use crate::outline::{Outline, Para, first_person};
use crate::rehearse::{EARLIER, Rehearsal, SUSTAINED};
use crate::review::{CycleData, RankedWin, Review};

/// Everything the pack is drawn from: one cycle's data and the reports over it.
pub struct PackSources<'a> {
    /// The cycle's data, wins as ranked.
    pub data: &'a CycleData<RankedWin>,
    /// The gap review.
    pub review: &'a Review,
    /// The outline (its areas for growth).
    pub outline: &'a Outline,
    /// The rehearsal, with the user's answers.
    pub rehearsal: &'a Rehearsal,
    /// The feedback plan.
    pub plan: &'a FeedbackPlan,
}

/// Longest a title or an answer runs on the page, in words.
const TITLE_WORDS: usize = 18;
const ANSWER_WORDS: usize = 45;
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

fn cite(id: WinId) -> String {
    format!("[#{id}]")
}

fn para(text: String) -> Para {
    let cites = crate::outline::cites_of(&text);
    Para { text, cites }
}

/// The first letter in lower case: "Hire and develop" inside a sentence.
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

fn names(list: &[String]) -> String {
    match list {
        [] => String::new(),
        [a] => a.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn scope_words(s: Scope) -> &'static str {
    match s {
        Scope::Team => "my own teams",
        Scope::Org => "the wider org",
        Scope::Company => "the whole company",
        Scope::Industry => "beyond the company",
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
        (Some(m), _) => s.push_str(&format!(" — {}", clip(m, 12))),
        (None, Some(r)) if !r.trim().is_empty() => {
            s.push_str(&format!(" — {}", clip(r.trim().trim_end_matches('.'), 14)))
        }
        _ => {}
    }
    s.push_str(&format!(
        " {} ({}). Reached {}.",
        cite(w.id),
        w.date,
        scope_words(w.scope)
    ));
    if vouchers.is_empty() {
        s.push_str(" No one vouches for it yet.");
    } else {
        s.push_str(&format!(" {} can vouch.", names(&vouchers)));
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
        "I am asking to move from {} to {} on the {} ladder",
        c.current_level, c.target_level, src.data.ladder.name
    );
    if exps.is_empty() {
        first.push('.');
    } else {
        first.push_str(&format!(
            ", on work that sets the level apart: {}.",
            exps.join("; ")
        ));
    }
    let gaps: Vec<String> = src
        .review
        .gaps
        .iter()
        .take(2)
        .map(|g| format!("\"{}\"", in_my_voice(&g.title)))
        .collect();
    let mut second = match proofs.first() {
        Some(p) => {
            let w = src.data.wins.iter().find(|w| w.id == p.win);
            let told = w
                .map(|w| clip(&first_person(&w.title), TITLE_WORDS))
                .unwrap_or_default();
            format!("The strongest proof: {told} {}", cite(p.win))
        }
        None => "No win of mine shows the level yet".to_string(),
    };
    match gaps.as_slice() {
        [] => second.push_str("; no expectation of the level is a gap."),
        [g] => second.push_str(&format!("; the open question is {g}, answered below.")),
        gs => second.push_str(&format!(
            "; the open questions are {}, answered below.",
            names(gs)
        )),
    }
    Thesis {
        target_level: c.target_level.clone(),
        text: para(format!("{first} {second}")),
    }
}

fn objections(src: &PackSources<'_>) -> Vec<Objection> {
    let r = src.review;
    let gaps = r.gaps.len().min(src.outline.growth.len());
    let growth: Vec<Objection> = src
        .outline
        .growth
        .iter()
        .enumerate()
        .map(|(i, c)| Objection {
            expectation: if i < gaps {
                Some(r.gaps[i].id.clone())
            } else {
                None
            },
            objection: c.concern.clone(),
            answer: para(clip(&c.response.text, ANSWER_WORDS)),
            source: if i < gaps {
                ObjectionSource::Gap
            } else {
                ObjectionSource::Growth
            },
        })
        .collect();
    // The outline already carries the answers to "why not earlier?" and "is this
    // sustained?" in its areas for growth; the other answered questions join here.
    let rehearsed: Vec<Objection> = src
        .rehearsal
        .questions
        .iter()
        .filter(|q| {
            q.answer.is_some()
                && !q.id.starts_with(&format!("{EARLIER}:"))
                && !q.id.starts_with(&format!("{SUSTAINED}:"))
        })
        .map(|q| Objection {
            expectation: Some(q.expectation.clone()),
            objection: format!("The panel asks: \u{201c}{}\u{201d}", q.question.trim()),
            answer: para(clip(
                &format!("My answer: {}", q.answer.as_deref().unwrap_or("").trim()),
                ANSWER_WORDS,
            )),
            source: ObjectionSource::Rehearsal,
        })
        .collect();
    let (gap_items, other_growth): (Vec<Objection>, Vec<Objection>) = growth
        .into_iter()
        .partition(|o| o.source == ObjectionSource::Gap);
    let mut out: Vec<Objection> = Vec::new();
    out.extend(gap_items.iter().take(2).cloned());
    out.extend(rehearsed.iter().take(2).cloned());
    out.extend(gap_items.into_iter().skip(2));
    out.extend(rehearsed.into_iter().skip(2));
    out.extend(other_growth);
    out.truncate(OBJECTIONS);
    out
}

fn providers(src: &PackSources<'_>) -> Vec<ProviderLine> {
    src.plan
        .providers
        .iter()
        .take(PROVIDERS)
        .map(|p| ProviderLine {
            person: p.person.clone(),
            relation: p.relation,
            outside_org: p.outside_org,
            status: p.status,
            expectations: p.expectations.clone(),
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
            "Open with the thesis and lead with {}: each shows work at {}, not only my teams' delivery.",
            names(&ids),
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
    let planned = with(AskStatus::Planned);
    if !planned.is_empty() {
        out.push(para(format!(
            "Tell me whether {} are the right people to ask for feedback; I have not asked yet.",
            names(&planned)
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
    out.push(para(
        "Tell me which objection you expect the panel to press hardest, so I rehearse my answer to it."
            .into(),
    ));
    out
}

/// Composes the pack from its sources. Pure: the same sources give the same page.
/// Objections, then providers, then asks are dropped from the end until the page
/// holds at most [`MAX_WORDS`] words.
pub fn compose(src: &PackSources<'_>) -> Pack {
    let proofs: Vec<ProofPoint> = pick_proofs(src)
        .into_iter()
        .map(|(w, e)| proof_point(src, w, e))
        .collect();
    let objections = objections(src);
    let providers = providers(src);
    let ask = asks(src, &proofs, &providers, &objections);
    let c = &src.data.cycle;
    let mut pack = Pack {
        title: format!(
            "Sponsor pack: the case for {} ({} to {})",
            c.target_level, c.current_level, c.target_level
        ),
        thesis: thesis(src, &proofs),
        cycle: c.clone(),
        ladder_name: src.data.ladder.name.clone(),
        proof_points: proofs,
        objections,
        providers,
        uncovered: src.plan.uncovered.clone(),
        ask,
        words: 0,
    };
    loop {
        pack.words = super::word_count(&super::text(&pack));
        if pack.words <= MAX_WORDS {
            return pack;
        }
        if pack.objections.len() > 1 {
            pack.objections.pop();
        } else if pack.providers.len() > 3 {
            pack.providers.pop();
        } else if pack.ask.len() > 1 {
            pack.ask.pop();
        } else if pack.uncovered.len() > 1 {
            pack.uncovered.pop();
        } else if pack.objections.pop().is_some() || pack.providers.pop().is_some() {
        } else {
            return pack;
        }
    }
}
