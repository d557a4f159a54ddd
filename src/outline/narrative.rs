//! The sentences of the draft. Each is assembled from the user's own words (titles,
//! results, metrics, names, dates) and cites the win it came from; the program adds
//! only connecting words, and counts written as words, so that every digit in the
//! draft is one the user wrote.

use super::model::{Concern, Para, Sources, best_for};
use super::voice::{claim_of, in_my_voice};
use crate::ladder::Expectation;
use crate::model::ReadinessLabel;
use crate::model::{Feedback, Scope};
use crate::review::{ExpectationReview, Gap, RankedWin, Review, count_words};

/// Past-tense verbs that open a title written as an action ("Hired two managers"),
/// so the draft can put "I" in front of it.
const ACTION_VERBS: &[&str] = &[
    "built",
    "cut",
    "drove",
    "led",
    "ran",
    "wrote",
    "set",
    "won",
    "grew",
    "made",
    "gave",
    "took",
    "brought",
    "began",
    "chose",
    "held",
    "kept",
    "met",
    "sent",
    "spent",
    "sold",
    "taught",
    "told",
    "thought",
    "bought",
    "became",
    "fought",
    "found",
    "got",
    "hit",
    "left",
    "lost",
    "put",
    "rebuilt",
    "rewrote",
    "saw",
    "shut",
    "spoke",
    "split",
    "stood",
    "undertook",
    "overhauled",
    "oversaw",
    "withdrew",
];

/// A title as a first-person sentence: "Hired two managers" becomes "I hired two
/// managers"; a title that already has its own subject is kept as written.
pub fn first_person(title: &str) -> String {
    let title = title.trim().trim_end_matches(['.', '!', ';']);
    let Some(first) = title.split_whitespace().next() else {
        return String::new();
    };
    let lower = first.to_lowercase();
    let is_action = ACTION_VERBS.contains(&lower.as_str())
        || (lower.ends_with("ed")
            && lower.len() > 4
            && first.chars().skip(1).all(|c| c.is_lowercase()));
    if lower == "i" || !is_action {
        return title.to_string();
    }
    let mut chars = title.chars();
    let head: String = chars
        .next()
        .map(|c| c.to_lowercase().collect())
        .unwrap_or_default();
    format!("I {head}{}", chars.as_str())
}

pub(crate) fn cite(id: i64) -> String {
    format!("[#{id}]")
}

/// Collects the `[#id]` citations of a text, in order, without repeats.
pub(crate) fn cites_of(text: &str) -> Vec<i64> {
    let mut out = Vec::new();
    for part in text.split("[#").skip(1) {
        if let Some(end) = part.find(']')
            && let Ok(id) = part[..end].parse::<i64>()
            && !out.contains(&id)
        {
            out.push(id);
        }
    }
    out
}

pub(crate) fn para(text: String) -> Para {
    let cites = cites_of(&text);
    Para { text, cites }
}

/// "I hired two managers (2 managers) [#4]".
fn claim(w: &RankedWin) -> String {
    let mut s = first_person(&w.title);
    if let Some(m) = &w.metric
        && !restates(&w.title, m)
    {
        s.push_str(&format!(" ({m})"));
    }
    s.push(' ');
    s.push_str(&cite(w.id));
    s
}

/// True when a title already carries the metric's numbers ("conversion +0.9
/// points" and "+0.9 pts"), so the draft does not say them twice.
pub(crate) fn restates(title: &str, metric: &str) -> bool {
    let nums = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_ascii_digit() && c != '.')
            .map(|n| n.trim_matches('.'))
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect()
    };
    let in_metric = nums(metric);
    let in_title = nums(title);
    title.contains(metric)
        || (!in_metric.is_empty() && in_metric.iter().all(|n| in_title.contains(n)))
}

pub(crate) fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [a] => a.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// "I submitted Priya's promotion [#43]", without the metric: the claim's part.
fn told(w: &RankedWin) -> String {
    format!("{} {}", first_person(&w.title), cite(w.id))
}

/// A story's result in the user's words, and who can vouch for it.
fn story(w: &RankedWin) -> Option<String> {
    let vouchers: Vec<String> = w
        .people
        .iter()
        .filter(|p| p.vouches)
        .map(|p| p.name.clone())
        .collect();
    let result = w.result.as_deref().map(|r| r.trim().trim_end_matches('.'));
    let what = match (result, w.metric.as_deref()) {
        (Some(r), _) if !r.is_empty() => r.to_string(),
        (_, Some(m)) => m.to_string(),
        _ if !vouchers.is_empty() => first_person(&w.title),
        _ => return None,
    };
    let mut s = format!("{what} {}", cite(w.id));
    if !vouchers.is_empty() {
        s.push_str(&format!("; {} can vouch for it", join_names(&vouchers)));
    }
    Some(format!("{s}."))
}

/// The narrative paragraph of one expectation: the claim at the level in the
/// user's own evidence (only wins at or above the level are passed in `best`),
/// then the two or three strongest stories with their results and who can vouch,
/// then what is still missing.
pub(super) fn expectation_paragraph(
    e: &Expectation,
    rev: Option<&ExpectationReview>,
    best: &[&RankedWin],
    quotes: &[&Feedback],
    target_level: &str,
) -> Para {
    let title = in_my_voice(&e.title);
    let missing: Vec<String> = rev
        .map(|r| r.missing.iter().map(|m| in_my_voice(&m.title)).collect())
        .unwrap_or_default();
    if best.is_empty() {
        let wanted = in_my_voice(&e.description);
        let wanted = if wanted.starts_with("I ") {
            wanted
        } else {
            let mut c = wanted.chars();
            c.next()
                .map(|f| f.to_lowercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        };
        let mut s = format!(
            "Gap: no win of mine in this window shows \"{title}\" at the {target_level} level yet. The panel will want to see that {wanted}"
        );
        if !missing.is_empty() {
            s.push_str(&format!(" Still missing: {}.", missing.join("; ")));
        }
        return para(s);
    }
    let shown: Vec<String> = best.iter().take(3).map(|w| told(w)).collect();
    let mut s = vec![format!("{}: {}.", claim_of(&e.title), shown.join("; "))];
    for (i, t) in best.iter().take(3).filter_map(|w| story(w)).enumerate() {
        s.push(if i == 0 {
            format!("What came of it: {t}")
        } else {
            t
        });
    }
    if let Some(widest) = best
        .iter()
        .filter(|w| w.scope > Scope::Team)
        .max_by_key(|w| w.scope)
    {
        s.push(format!(
            "This work reached {} {}.",
            widest.scope.reach_words(),
            cite(widest.id)
        ));
    }
    if let Some(q) = quotes.first() {
        s.push(format!(
            "{} said on {}: \"{}\"",
            q.person_name,
            q.date,
            q.quote.trim()
        ));
    }
    if !missing.is_empty() {
        s.push(format!("Still missing: {}.", missing.join("; ")));
    }
    if let Some(r) = rev
        && r.gap
    {
        s.push(format!(
            "This is still thin: {} so far, which a panel reads as a gap.",
            if r.wins == 1 {
                "one win".to_string()
            } else {
                format!("{} wins, none recent", count_words(r.wins))
            }
        ));
    }
    para(s.join(" "))
}

/// One line per principle: the wins that show it.
pub(super) fn principle_line(wins: &[&RankedWin]) -> Para {
    let parts: Vec<String> = wins.iter().take(3).map(|w| claim(w)).collect();
    para(format!("{}.", parts.join("; ")))
}

/// A gap as a panel would raise it, and the answer to it.
pub(super) fn gap_concern(
    g: &Gap,
    rev: Option<&ExpectationReview>,
    existing: &[&RankedWin],
) -> Concern {
    let n = rev.map(|r| r.wins).unwrap_or(0);
    let concern = if n == 0 {
        format!("No evidence yet of \"{}\".", in_my_voice(&g.title))
    } else {
        format!("Thin evidence of \"{}\".", in_my_voice(&g.title))
    };
    let mut text = String::new();
    if !existing.is_empty() {
        let parts: Vec<String> = existing.iter().map(|w| claim(w)).collect();
        text.push_str(&format!("What there is: {}. ", parts.join("; ")));
    }
    text.push_str(&format!("Plan: {}", in_my_voice(&g.next_step)));
    Concern {
        concern,
        response: para(text),
    }
}

/// The summary paragraphs.
pub(super) fn summary(src: &Sources<'_>, wins: &[&RankedWin]) -> Vec<Para> {
    let c = src.cycle;
    let mut out = Vec::new();
    let mut first = format!(
        "This is my case for promotion from {} to {}, against the {} expectations. It covers {} to {}",
        c.current_level, c.target_level, src.ladder.name, c.start, c.end
    );
    if let Some(t) = c.target_date {
        first.push_str(&format!(", ahead of the target date {t}"));
    }
    first.push('.');
    out.push(para(first));
    if wins.is_empty() {
        out.push(para(
            "There is no evidence in this window yet: every expectation below is a gap until wins are logged.".into(),
        ));
        return out;
    }
    // The case leads with what distinguishes the target level, never with the floor,
    // and with work at the level.
    let mut strong: Vec<&ExpectationReview> = src
        .review
        .expectations
        .iter()
        .filter(|e| !e.gap && !e.floor)
        .collect();
    strong.sort_by_key(|e| std::cmp::Reverse(e.score));
    let mut lines: Vec<String> = Vec::new();
    let mut titles: Vec<String> = Vec::new();
    for e in strong.iter().take(2) {
        let below: std::collections::HashSet<crate::model::WinId> =
            e.below_level.iter().copied().collect();
        let at_level: Vec<&RankedWin> = wins
            .iter()
            .copied()
            .filter(|w| !below.contains(&w.id))
            .collect();
        if let Some(w) = best_for(&at_level, &e.id, 1).first() {
            titles.push(format!("\"{}\"", in_my_voice(&e.title)));
            lines.push(claim(w));
        }
    }
    if !lines.is_empty() {
        out.push(para(format!(
            "My strongest evidence is in {}: {}.",
            join_names(&titles),
            lines.join("; ")
        )));
    }
    let gaps: Vec<String> = src
        .review
        .gaps
        .iter()
        .map(|g| format!("\"{}\"", in_my_voice(&g.title)))
        .collect();
    if gaps.is_empty() {
        out.push(para(
            "Every expectation of the level has evidence that can stand in calibration.".into(),
        ));
    } else {
        out.push(para(format!(
            "Still thin: {}. The areas for growth below say what I am doing about each.",
            join_names(&gaps)
        )));
    }
    out
}

/// Sentences up to a word limit, whole from the first while they fit; a first
/// sentence longer than the limit is cut with an ellipsis (the documents' one cut
/// rule, [`crate::document_shape::fit_words`]).
fn fit(sentences: &[String], max: usize) -> String {
    crate::document_shape::fit_words(&sentences.join(" "), max)
}

/// One accomplishment: the win, its number and its result. The number is said
/// once: in brackets only when neither the title nor the result says it. A claim
/// too long for the limit is cut with an ellipsis and keeps its citation.
pub(super) fn accomplishment(w: &RankedWin, max: usize) -> Para {
    let result = w
        .result
        .as_deref()
        .map(|r| r.trim().trim_end_matches('.'))
        .filter(|r| !r.is_empty());
    let mut claim = first_person(&w.title);
    if let Some(m) = &w.metric
        && !restates(&w.title, m)
        && !result.is_some_and(|r| restates(r, m))
    {
        claim.push_str(&format!(" ({m})"));
    }
    let claim = crate::document_shape::fit_words(&claim, max.saturating_sub(1).max(1));
    let claim = claim.trim_end_matches('.');
    let mut sentences = vec![format!("{claim} {}.", cite(w.id))];
    if let Some(r) = result {
        sentences.push(format!("{r}."));
    }
    para(fit(&sentences, max))
}

/// The strengths text ("Superpowers" in Forte): the strongest expectations and the
/// best win of each.
pub(super) fn superpowers(strong: &[&ExpectationReview], wins: &[&RankedWin], max: usize) -> Para {
    if strong.is_empty() {
        return para("No area of my work has enough evidence yet to call it a strength.".into());
    }
    let titles: Vec<String> = strong
        .iter()
        .take(2)
        .map(|e| format!("\"{}\"", in_my_voice(&e.title)))
        .collect();
    let mut sentences = vec![format!("My strongest areas: {}.", join_names(&titles))];
    for e in strong.iter().take(2) {
        if let Some(w) = best_for(wins, &e.id, 1).first() {
            sentences.push(format!("{}.", claim(w)));
        }
    }
    para(fit(&sentences, max))
}

/// A step in the candidate's voice as a sentence of what they will do: "Name a
/// successor." reads "I will name a successor."
pub(super) fn i_will(step: &str) -> String {
    let step = in_my_voice(step);
    let mut rest = step.chars();
    let step = match rest.next() {
        Some(c) => c.to_lowercase().chain(rest).collect::<String>(),
        None => step,
    };
    format!("I will {}.", step.trim_end_matches('.'))
}

/// What holds the case back beyond its gaps, in the candidate's voice: a sentence
/// for each of the verdict's reasons that no gap already says (no voice at or
/// above the level or outside the org, evidence that is all recent, evidence only
/// of the floor, a must-have no win shows). Written here from the reasons' codes,
/// not quoted from the verdict, so no score or count enters the user's text.
fn held_back(review: &Review) -> Vec<String> {
    if review.readiness.label == ReadinessLabel::Ready {
        return Vec::new();
    }
    let has = |code: &str| review.readiness.reasons.iter().any(|r| r == code);
    let mut out = Vec::new();
    match (has("no-senior-voice"), has("no-outside-voice")) {
        (true, true) => out.push(
            "No one at or above the level, and no one outside my org, can yet speak to my work."
                .to_string(),
        ),
        (true, false) => {
            out.push("No one at or above the level can yet speak to my work.".to_string())
        }
        (false, true) => out.push("No one outside my org can yet speak to my work.".to_string()),
        (false, false) => {}
    }
    if has("not-sustained") {
        out.push(
            "Most of my evidence is recent; it has yet to show the work holds over time."
                .to_string(),
        );
    }
    if has("floor-only") {
        out.push(
            "My evidence shows my teams delivering, not yet the work that sets the level apart."
                .to_string(),
        );
    }
    for m in &review.readiness.missing {
        out.push(format!("No win yet shows {}.", in_my_voice(&m.title)));
    }
    out
}

/// The least proven expectation beyond the floor that has a next step.
fn least_proven(review: &Review) -> Option<&ExpectationReview> {
    review
        .expectations
        .iter()
        .filter(|e| !e.floor && e.next_step.is_some())
        .min_by_key(|e| e.score)
}

/// The areas-for-growth text: the gaps and the first next step; with no gap, what
/// holds the case back and the least proven expectation's next step.
pub(super) fn growth(review: &Review, max: usize) -> Para {
    let Some(first) = review.gaps.first() else {
        let mut sentences: Vec<String> = held_back(review);
        if let Some(e) = least_proven(review) {
            sentences.push(format!(
                "My least proven area is \"{}\".",
                in_my_voice(&e.title)
            ));
            if let Some(step) = &e.next_step {
                sentences.push(format!("Next, {}", i_will(step)));
            }
        }
        if sentences.is_empty() {
            return para("No area of my work is a gap; next, I will widen the reach of my strongest work and keep the evidence coming every month.".into());
        }
        return para(fit(&sentences, max));
    };
    let titles: Vec<String> = review
        .gaps
        .iter()
        .map(|g| format!("\"{}\"", in_my_voice(&g.title)))
        .collect();
    let sentences = vec![
        format!("My evidence is still thin for {}.", join_names(&titles)),
        format!("Next, {}", i_will(&first.next_step)),
    ];
    para(fit(&sentences, max))
}

/// The setbacks text: where the period fell short of the level, gap by gap (work
/// that stayed at the level below is cited, so the reader sees which), then the
/// must-haves no win shows; the user's own answer to "why not earlier?" follows its
/// gap, as the lesson in their words.
pub(super) fn setbacks(
    review: &Review,
    answers: &[crate::rehearse::answer::Answer],
    max: usize,
) -> Para {
    // Expectations no win shows are named together, in one sentence, first, with
    // the user's answers about them; then each gap with evidence, each followed by
    // the user's answer about it.
    let mut untouched: Vec<String> = Vec::new();
    let mut untouched_answers: Vec<String> = Vec::new();
    let mut rest: Vec<String> = Vec::new();
    for g in &review.gaps {
        let title = in_my_voice(&g.title);
        let e = review.expectations.iter().find(|e| e.id == g.id);
        let below: Vec<String> = e
            .map(|e| e.below_level.iter().take(2).map(|id| cite(*id)).collect())
            .unwrap_or_default();
        let at_level = e.is_some_and(|e| e.level_counts.at + e.level_counts.above > 0);
        let id = crate::rehearse::question_id(crate::rehearse::EARLIER, &g.id, None);
        let answer = answers
            .iter()
            .find(|a| a.question == id)
            .map(|a| a.answer.trim())
            .filter(|a| !a.is_empty())
            .map(|a| format!("{}.", a.trim_end_matches('.')));
        if e.is_none_or(|e| e.win_ids.is_empty()) {
            untouched.push(format!("\"{title}\""));
            untouched_answers.extend(answer);
            continue;
        }
        rest.push(if !below.is_empty() && !at_level {
            format!(
                "My work toward \"{title}\" stayed at the level below {}.",
                below.join(" ")
            )
        } else {
            let shown: Vec<String> = e
                .map(|e| e.win_ids.iter().take(2).map(|id| cite(*id)).collect())
                .unwrap_or_default();
            format!("My evidence for \"{title}\" is thin {}.", shown.join(" "))
        });
        rest.extend(answer);
    }
    let mut sentences: Vec<String> = Vec::new();
    if !untouched.is_empty() {
        sentences.push(format!(
            "My log has no win yet for {}.",
            join_names(&untouched)
        ));
        sentences.extend(untouched_answers);
    }
    sentences.extend(rest);
    for line in held_back(review) {
        if !sentences.contains(&line) {
            sentences.push(line);
        }
    }
    if sentences.is_empty() {
        return para(
            "No expectation fell short of the level in this period, and every must-have has a win behind it."
                .into(),
        );
    }
    para(fit(&sentences, max))
}

/// The goals text: the steps ahead, most pressing first.
pub(super) fn goals(steps: &[String], max: usize) -> Para {
    if steps.is_empty() {
        return para(
            "I will widen the reach of my strongest work and keep the evidence coming every month."
                .into(),
        );
    }
    para(fit(steps, max))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_become_first_person_only_when_they_open_with_an_action() {
        assert_eq!(
            first_person("Hired two managers for payments"),
            "I hired two managers for payments"
        );
        assert_eq!(
            first_person("Led the OP1 process."),
            "I led the OP1 process"
        );
        assert_eq!(
            first_person("Priya now runs the ops review"),
            "Priya now runs the ops review"
        );
        assert_eq!(
            first_person("I wrote the vision doc"),
            "I wrote the vision doc"
        );
        assert_eq!(first_person("SEV2 reduced by half"), "SEV2 reduced by half");
        assert_eq!(first_person("Need more data"), "Need more data");
    }

    #[test]
    fn counts_are_words() {
        assert_eq!(count_words(0), "no");
        assert_eq!(count_words(7), "seven");
        assert_eq!(count_words(20), "twenty");
        assert_eq!(count_words(42), "forty-two");
        assert_eq!(count_words(250), "over a hundred");
    }

    #[test]
    fn citations_are_read_back() {
        assert_eq!(cites_of("a [#3] b [#12] c [#3] [#x]"), vec![3, 12]);
    }

    #[test]
    fn fit_respects_the_limit() {
        let long = vec![
            "one two three.".to_string(),
            "four five six seven.".to_string(),
        ];
        assert_eq!(fit(&long, 5), "one two three.");
        assert_eq!(fit(&long, 2), "one two…");
    }
}
