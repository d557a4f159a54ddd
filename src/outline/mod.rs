//! The promotion-document outline and its narrative draft, written by the program
//! from the user's own evidence. It never invents a fact: every date, number and
//! name in it comes from the ledger, and every claim cites the wins behind it as
//! `[#id]`. An expectation without evidence is named as a gap, never papered over.
//!
//! The outline is data ([`Outline`], kept in `model`); `markdown`, `html` and
//! `docx` render it.

pub(crate) mod docx;
pub(crate) mod html;
pub(crate) mod markdown;
mod model;
mod narrative;
pub mod voice;

/// How many words a short review text has, as the company's form counts it once
/// pasted: its `[#id]` citations are not words (the app's count and the checker's
/// agree on it).
pub use crate::document_shape::form_word_count as short_word_count;
pub use crate::review::count_words;
pub use docx::APPENDIX_TABLE_ROWS;
pub(crate) use model::weight;
pub use model::{
    AppendixRow, Concern, Evidence, ExpectationSection, Outline, Para, PrincipleSection,
    ProvidersSection, Quote, ShortEdit, ShortReview, ShortText, Sources,
};
pub use narrative::first_person;
pub(crate) use narrative::{cite, cites_of, join_names, para, restates};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

use crate::document_shape::{ShortForm, ShortPart};
use crate::error::{Error, Result};
use crate::ladder::principles;
use crate::model::{Feedback, Win, WinId, WinPerson};
use crate::rehearse;
use crate::review::{CycleData, RankedWin, Review, Reviewable, Strength, review};
use crate::store::Store;
use model::best_for;

/// The formats an outline can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum OutlineFormat {
    /// Markdown text.
    #[value(alias = "md")]
    Markdown,
    /// One self-contained HTML file that prints well.
    #[value(alias = "htm")]
    Html,
    /// A Word document.
    #[value(alias = "word")]
    Docx,
    /// The outline as JSON.
    Json,
}

impl std::str::FromStr for OutlineFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "markdown" | "md" => Ok(OutlineFormat::Markdown),
            "html" | "htm" => Ok(OutlineFormat::Html),
            "docx" | "word" => Ok(OutlineFormat::Docx),
            "json" => Ok(OutlineFormat::Json),
            other => Err(Error::InvalidInput(format!(
                "outline format '{other}' is not known (use markdown, html, docx or json)"
            ))),
        }
    }
}

impl OutlineFormat {
    /// Guesses the format from a file name's extension.
    pub fn from_path(path: &std::path::Path) -> Option<OutlineFormat> {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(|e| e.parse().ok())
    }
}

/// Writes an outline in a format, as bytes (DOCX is binary).
pub fn render(outline: &Outline, format: OutlineFormat) -> Result<Vec<u8>> {
    match format {
        OutlineFormat::Markdown => Ok(markdown::render(outline).into_bytes()),
        OutlineFormat::Html => Ok(html::render(outline).into_bytes()),
        OutlineFormat::Docx => docx::render(outline),
        OutlineFormat::Json => serde_json::to_vec_pretty(outline).map_err(Error::json),
    }
}

/// Writes the short review texts in a format, as bytes.
pub fn render_short_review(texts: &ShortReview, format: OutlineFormat) -> Result<Vec<u8>> {
    match format {
        OutlineFormat::Markdown => Ok(markdown::render_short_review(texts).into_bytes()),
        OutlineFormat::Html => Ok(html::render_short_review(texts).into_bytes()),
        OutlineFormat::Docx => docx::render_short_review(texts),
        OutlineFormat::Json => serde_json::to_vec_pretty(texts).map_err(Error::json),
    }
}

/// The document of the store's current cycle as of `as_of`, written in `format`:
/// the outline, or with `short` the short review texts with the user's `edits`
/// in place. What the CLI, the app and an assistant write, the same way.
pub fn write_store(
    store: &Store,
    as_of: NaiveDate,
    short: Option<ShortForm>,
    edits: &[ShortEdit],
    format: OutlineFormat,
) -> Result<Vec<u8>> {
    match short {
        Some(form) => render_short_review(
            &short_review_store(store, as_of, form)?.edited(edits)?,
            format,
        ),
        None => render(&outline_store(store, as_of)?, format),
    }
}

/// Builds the outline of the current cycle of a store: the same outline as
/// [`outline`] over the cycle's wins in full. Only what ranks evidence and what the
/// narrative quotes is read for every win of the window; the full text and links of
/// the wins shown as evidence are read for those wins alone (all in one read of the
/// database).
pub fn outline_store(store: &Store, as_of: NaiveDate) -> Result<Outline> {
    store.reading(|store| {
        let mut o = with_sources(store, as_of, outline)?;
        let shown: Vec<WinId> = o
            .expectations
            .iter()
            .flat_map(|e| e.evidence.iter().map(|x| x.id))
            .collect();
        o.show_evidence_from(&store.wins_by_ids(&shown)?);
        Ok(o)
    })
}

/// Builds the outline from a cycle's wins loaded in full and their review: the
/// same outline as [`outline_store`] gives for the same data.
pub fn outline_of_full_wins(data: &CycleData, review: &Review) -> Outline {
    let mut o = outline(&data.ranked().sources(review));
    o.show_evidence_from(&data.wins);
    o
}

impl Outline {
    /// Puts the whole text of each win shown as evidence (situation, action,
    /// links) in place, from `full`; a win not there keeps what ranking read.
    pub fn show_evidence_from(&mut self, full: &[Win]) {
        let full: HashMap<WinId, &Win> = full.iter().map(|w| (w.id, w)).collect();
        for x in self
            .expectations
            .iter_mut()
            .flat_map(|e| e.evidence.iter_mut())
        {
            if let Some(w) = full.get(&x.id) {
                *x = evidence(w);
            }
        }
    }
}

impl ShortReview {
    /// The texts with the user's edits in place of the generated paragraphs; an
    /// edit of a paragraph the texts do not have is refused, naming it.
    pub fn edited(mut self, edits: &[ShortEdit]) -> Result<ShortReview> {
        for e in edits {
            let Some(p) = self
                .texts
                .get_mut(e.text)
                .and_then(|t| t.paras.get_mut(e.para))
            else {
                return Err(Error::invalid(format!(
                    "the short review has no paragraph {} in text {}: draft it again and edit what it shows",
                    e.para + 1,
                    e.text + 1
                )));
            };
            *p = narrative::para(e.value.clone());
        }
        Ok(self)
    }
}

/// Builds the short review texts of the current cycle of a store, shaped by its
/// ladder (they rank wins and quote titles and results only).
pub fn short_review_store(store: &Store, as_of: NaiveDate, form: ShortForm) -> Result<ShortReview> {
    store.reading(|store| with_sources(store, as_of, |src| short_review(src, form)))
}

/// Loads what ranks the cycle's evidence, and its review, once, and hands them to `f`.
fn with_sources<T>(
    store: &Store,
    as_of: NaiveDate,
    f: impl FnOnce(&Sources<'_>) -> T,
) -> Result<T> {
    let ev = CycleData::load_ranking(store)?;
    let review = review(&ev.inputs(as_of));
    Ok(f(&ev.sources(&review)))
}

impl CycleData<RankedWin> {
    /// What an outline is drawn from: this evidence and its review.
    pub fn sources<'a>(&'a self, review: &'a Review) -> Sources<'a> {
        Sources {
            ladder: &self.ladder,
            cycle: &self.cycle,
            wins: &self.wins,
            people: &self.people,
            feedback: &self.feedback,
            review,
            answers: &self.answers,
        }
    }
}

/// A win shown as evidence, in full.
fn evidence(w: &Win) -> Evidence {
    Evidence {
        situation: w.situation.clone(),
        action: w.action.clone(),
        links: w.links.clone(),
        ..ranked_evidence(&RankedWin::from(w.clone()))
    }
}

/// A win shown as evidence with what ranking read: no situation, action or links
/// until [`Outline::show_evidence_from`] puts them in.
fn ranked_evidence(w: &RankedWin) -> Evidence {
    let set = principles();
    Evidence {
        id: w.id,
        date: w.date,
        title: w.title.clone(),
        situation: None,
        action: None,
        result: w.result.clone(),
        metric: w.metric.clone(),
        scope: w.scope,
        principles: w
            .principles
            .iter()
            .map(|p| {
                set.get(p)
                    .map(|x| x.name.clone())
                    .unwrap_or_else(|| p.clone())
            })
            .collect(),
        vouchers: vouchers(&w.people),
        links: Vec::new(),
    }
}

/// The names of those who vouch, in order.
fn vouchers(people: &[WinPerson]) -> Vec<String> {
    people
        .iter()
        .filter(|p| p.vouches)
        .map(|p| p.name.clone())
        .collect()
}

/// Builds the outline. Pure: same sources, same outline.
pub fn outline(src: &Sources<'_>) -> Outline {
    let wins: Vec<&RankedWin> = src
        .wins
        .iter()
        .filter(|w| src.cycle.contains(w.date))
        .collect();
    let r = src.review;
    let by_id: HashMap<&str, &crate::review::ExpectationReview> =
        r.expectations.iter().map(|e| (e.id.as_str(), e)).collect();

    let expectations: Vec<ExpectationSection> = src
        .ladder
        .expectations
        .iter()
        .map(|e| {
            let rev = by_id.get(e.id.as_str());
            let best = best_at_level(&wins, &e.id, rev.copied());
            let quotes: Vec<&Feedback> = src
                .feedback
                .iter()
                .filter(|f| {
                    f.expectation.as_deref() == Some(e.id.as_str()) && src.cycle.contains(f.date)
                })
                .collect();
            ExpectationSection {
                id: e.id.clone(),
                title: voice::in_my_voice(&e.title),
                strength: rev.map_or(Strength::None, |r| r.strength),
                gap: rev.is_none_or(|r| r.gap),
                narrative: narrative::expectation_paragraph(
                    e,
                    rev.copied(),
                    &best,
                    &quotes,
                    &src.cycle.target_level,
                ),
                evidence: best.iter().take(4).map(|w| ranked_evidence(w)).collect(),
            }
        })
        .collect();

    let set = principles();
    let principles: Vec<PrincipleSection> = set
        .principles
        .iter()
        .filter_map(|p| {
            let mut mine: Vec<&RankedWin> = wins
                .iter()
                .copied()
                .filter(|w| w.principles.contains(&p.id))
                .collect();
            if mine.is_empty() {
                return None;
            }
            mine.sort_by_key(|w| std::cmp::Reverse(weight(w, None)));
            Some(PrincipleSection {
                id: p.id.clone(),
                name: p.name.clone(),
                line: narrative::principle_line(&mine),
            })
        })
        .collect();

    let mut quotes: Vec<Quote> = src
        .feedback
        .iter()
        .filter(|f| src.cycle.contains(f.date))
        .map(|f| Quote {
            person: f.person_name.clone(),
            relation: src
                .people
                .iter()
                .find(|p| p.id == f.person_id)
                .and_then(|p| p.relation),
            date: f.date,
            quote: f.quote.clone(),
            expectation: f.expectation.clone(),
        })
        .collect();
    quotes.sort_by_key(|q| std::cmp::Reverse(q.date));
    let providers = ProvidersSection {
        summary: voice::in_my_voice(&r.providers.summary),
        vouchers: r.providers.names.clone(),
        quotes,
        ask: r.providers.ask.clone(),
    };

    let growth = growth(src, &wins, &by_id);

    let mut appendix: Vec<AppendixRow> = wins
        .iter()
        .map(|w| AppendixRow {
            id: w.id,
            date: w.date,
            title: w.title.clone(),
            metric: w.metric.clone(),
            expectations: w.expectations.iter().map(|t| t.id.clone()).collect(),
        })
        .collect();
    appendix.sort_by_key(|a| (a.date, a.id));

    let mut o = Outline {
        title: format!(
            "Promotion case: {} to {}",
            src.cycle.current_level, src.cycle.target_level
        ),
        cycle: src.cycle.clone(),
        ladder_name: src.ladder.name.clone(),
        summary: narrative::summary(src, &wins),
        expectations,
        principles,
        providers,
        growth,
        appendix,
        shape: src.ladder.document().clone(),
    };
    fit_to_shape(&mut o);
    o
}

/// The wins an expectation shows as evidence, best first: work judged below the
/// level is not evidence for it (it stays in the appendix), except on the floor.
fn best_at_level<'a>(
    wins: &[&'a RankedWin],
    id: &str,
    rev: Option<&crate::review::ExpectationReview>,
) -> Vec<&'a RankedWin> {
    let below: HashSet<WinId> = match rev {
        Some(r) if !r.floor => r.below_level.iter().copied().collect(),
        _ => HashSet::new(),
    };
    let at_level: Vec<&RankedWin> = wins
        .iter()
        .copied()
        .filter(|w| !below.contains(&w.id))
        .collect();
    best_for(&at_level, id, 4)
}

/// A next step, in the candidate's voice, as what they will do next: "Name a
/// successor: …" reads "Next, I will name a successor: …".
fn next_i_will(step: &str) -> String {
    format!("Next, {}", narrative::i_will(step))
}

/// The ladder's must-haves no win shows, except those of an expectation that is
/// already a gap (its concern names them): each is an area for growth of its own,
/// placed right after the gaps, in the outline and in the sponsor pack.
pub(crate) fn missing_outside_gaps<'r>(
    r: &'r crate::review::Review,
    ladder: &crate::ladder::Ladder,
) -> Vec<&'r crate::review::MissingMustHave> {
    r.readiness
        .missing
        .iter()
        .filter(|m| {
            let of = ladder
                .must_haves
                .iter()
                .find(|x| x.id == m.id)
                .map(|x| x.expectation.as_str());
            !r.gaps.iter().any(|g| Some(g.id.as_str()) == of)
        })
        .collect()
}

/// The areas for growth, before they are cut to the document's shape: one concern
/// per gap of the review in its order, then one per must-have no win shows
/// ([`missing_outside_gaps`]), then recent work only, answered
/// sustained-performance questions, expectations no one vouches for, and, for a
/// case with none of these, its two least proven expectations.
fn growth(
    src: &Sources<'_>,
    wins: &[&RankedWin],
    by_id: &HashMap<&str, &crate::review::ExpectationReview>,
) -> Vec<Concern> {
    // The user's answers to "why not earlier?" and "is this sustained?" are their
    // own words of what they are doing: they go with the concern they answer.
    let answer = |kind: &str, expectation: &str| {
        let id = rehearse::question_id(kind, expectation, None);
        src.answers
            .iter()
            .find(|a| a.question == id)
            .map(|a| a.answer.trim())
    };
    let r = src.review;
    let mut growth: Vec<Concern> = Vec::new();
    for g in &r.gaps {
        let rev = by_id.get(g.id.as_str());
        let existing = best_for(wins, &g.id, 2);
        let mut concern = narrative::gap_concern(g, rev.copied(), &existing);
        if let Some(a) = answer(rehearse::EARLIER, &g.id) {
            concern.response.text = format!("{} {a}", concern.response.text.trim_end());
        }
        growth.push(concern);
    }
    // A must-have no win shows is the panel's first question after the gaps ("who
    // is your successor?"), answered with what the ladder says to do.
    for m in missing_outside_gaps(r, src.ladder) {
        let step = src
            .ladder
            .must_haves
            .iter()
            .find(|x| x.id == m.id)
            .map(|x| x.next_step.as_str())
            .unwrap_or_default();
        growth.push(Concern {
            concern: format!(
                "No win yet shows {}.",
                voice::in_my_voice(&m.title).trim_end_matches('.')
            ),
            response: Para {
                text: next_i_will(step),
                cites: vec![],
            },
        });
    }
    if let Some(w) = &r.sustained.warning {
        growth.push(Concern {
            concern: "The case may rest on recent work only.".into(),
            response: Para {
                text: voice::in_my_voice(w),
                cites: vec![],
            },
        });
    }
    for e in &r.expectations {
        let Some(a) = answer(rehearse::SUSTAINED, &e.id) else {
            continue;
        };
        let dates = wins
            .iter()
            .filter(|w| w.tag(&e.id).is_some())
            .map(|w| w.date);
        if rehearse::only_last_quarter(dates, src.cycle.start, r.as_of) {
            growth.push(Concern {
                concern: format!(
                    "My evidence for \"{}\" sits in the last quarter.",
                    voice::in_my_voice(&e.title)
                ),
                response: Para {
                    text: a.to_string(),
                    cites: vec![],
                },
            });
        }
    }
    for e in r
        .expectations
        .iter()
        .filter(|e| !e.gap && e.vouched == 0 && e.wins > 0)
    {
        growth.push(Concern {
            concern: format!(
                "Nobody outside my own account vouches for \"{}\".",
                voice::in_my_voice(&e.title)
            ),
            response: Para {
                text: "Ask a peer or partner who saw this work to be a feedback provider, and name them on the wins they saw.".into(),
                cites: vec![],
            },
        });
    }

    // A case with nothing to grow is not believed: name the two least proven
    // expectations beyond the floor, in the candidate's voice.
    if growth.is_empty() {
        let mut weakest: Vec<&crate::review::ExpectationReview> =
            r.expectations.iter().filter(|e| !e.floor).collect();
        weakest.sort_by_key(|e| (e.score, e.id.clone()));
        for e in weakest.into_iter().take(2) {
            let step = e
                .next_step
                .clone()
                .or_else(|| {
                    src.ladder
                        .expectation(&e.id)
                        .and_then(|x| x.next_steps.first().cloned())
                })
                .unwrap_or_else(|| format!("log more of my work on \"{}\"", e.title));
            growth.push(Concern {
                concern: format!(
                    "My evidence for \"{}\" is the least proven of my case.",
                    voice::in_my_voice(&e.title)
                ),
                response: Para {
                    text: next_i_will(&step),
                    cites: vec![],
                },
            });
        }
    }
    growth
}

/// What a one-page summary of the case takes from the outline, made as
/// [`outline`] makes it, without the rest of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseParts {
    /// Each expectation of the ladder, in its order, with the wins its section
    /// shows as evidence (as ranking read them: no situation, action or links).
    pub evidence: Vec<(String, Vec<Evidence>)>,
    /// The areas for growth, cut to the document's shape.
    pub growth: Vec<Concern>,
}

/// The evidence each expectation shows and the areas for growth, as the outline
/// of the same sources has them. Pure.
pub fn case_parts(src: &Sources<'_>) -> CaseParts {
    let wins: Vec<&RankedWin> = src
        .wins
        .iter()
        .filter(|w| src.cycle.contains(w.date))
        .collect();
    let by_id: HashMap<&str, &crate::review::ExpectationReview> = src
        .review
        .expectations
        .iter()
        .map(|e| (e.id.as_str(), e))
        .collect();
    let evidence = src
        .ladder
        .expectations
        .iter()
        .map(|e| {
            let best = best_at_level(&wins, &e.id, by_id.get(e.id.as_str()).copied());
            (
                e.id.clone(),
                best.iter().map(|w| ranked_evidence(w)).collect(),
            )
        })
        .collect();
    let mut growth = growth(src, &wins, &by_id);
    if let Some(max) = src
        .ladder
        .document()
        .max_words(crate::document_shape::Part::Growth)
    {
        growth = fit_growth(growth, max);
    }
    CaseParts { evidence, growth }
}

/// Cuts the prose of each part to its word limit in the document's shape: whole
/// paragraphs and sentences are dropped from the end, never rewritten, so every
/// claim left is one the evidence made and cites what it still names.
fn fit_to_shape(o: &mut Outline) {
    use crate::document_shape::{Part, fit_words, word_count};
    let shape = o.shape.clone();
    if let Some(max) = shape.max_words(Part::Summary) {
        o.summary = fit_paras(std::mem::take(&mut o.summary), max);
    }
    if let Some(max) = shape.max_words(Part::Expectations) {
        for e in &mut o.expectations {
            e.narrative = fit_para(&e.narrative, max);
        }
    }
    if let Some(max) = shape.max_words(Part::Principles) {
        let mut left = max;
        o.principles.retain(|p| {
            let n = word_count(&p.line.text);
            let keep = n <= left;
            if keep {
                left -= n;
            }
            keep
        });
    }
    if let Some(max) = shape.max_words(Part::Providers) {
        o.providers.summary = fit_words(&o.providers.summary, max);
    }
    if let Some(max) = shape.max_words(Part::Growth) {
        o.growth = fit_growth(std::mem::take(&mut o.growth), max);
    }
}

/// The areas for growth kept from the start while they fit in `max` words; the
/// response of the first that does not is cut to what is left.
fn fit_growth(growth: Vec<Concern>, max: usize) -> Vec<Concern> {
    use crate::document_shape::word_count;
    let mut left = max;
    let mut kept = Vec::new();
    for mut c in growth {
        let concern = word_count(&c.concern);
        if concern >= left {
            break;
        }
        let response = word_count(&c.response.text);
        if concern + response > left {
            c.response = fit_para(&c.response, left - concern);
            kept.push(c);
            break;
        }
        left -= concern + response;
        kept.push(c);
    }
    kept
}

/// Paragraphs kept from the start while their words fit in `max`; the first that
/// does not is cut to what is left.
fn fit_paras(paras: Vec<Para>, max: usize) -> Vec<Para> {
    let mut left = max;
    let mut out = Vec::new();
    for p in paras {
        let n = crate::document_shape::word_count(&p.text);
        if n <= left {
            left -= n;
            out.push(p);
            continue;
        }
        if left > 0 {
            out.push(fit_para(&p, left));
        }
        break;
    }
    out
}

/// A paragraph cut to `max` words, citing only the wins its text still names.
fn fit_para(p: &Para, max: usize) -> Para {
    let text = crate::document_shape::fit_words(&p.text, max);
    let cites = p
        .cites
        .iter()
        .copied()
        .filter(|id| text.contains(&format!("[#{id}]")))
        .collect();
    Para { text, cites }
}

/// Builds short review texts (Amazon's Forte, or the cycle's ladder's equivalent):
/// each text from the evidence and the review, within its word limit, citing only
/// the wins its words name.
pub fn short_review(src: &Sources<'_>, form: ShortForm) -> ShortReview {
    let shape = src.ladder.short_form(form);
    let wins: Vec<&RankedWin> = src
        .wins
        .iter()
        .filter(|w| src.cycle.contains(w.date))
        .collect();
    // A form that covers the last months ("this half") takes its accomplishments
    // from them alone.
    let since = shape
        .period_months
        .and_then(|m| src.review.as_of.checked_sub_months(chrono::Months::new(m)));
    let recent: Vec<&RankedWin> = wins
        .iter()
        .copied()
        .filter(|w| since.is_none_or(|d| w.date > d))
        .collect();
    let texts = shape
        .texts
        .iter()
        .map(|t| {
            let paras = match t.part {
                ShortPart::Accomplishments => {
                    accomplishments(&recent, src.review, t.count, t.max_words)
                }
                ShortPart::Strengths => vec![narrative::superpowers(
                    &strengths(src.review),
                    &wins,
                    t.max_words,
                )],
                ShortPart::Growth => vec![narrative::growth(src.review, t.max_words)],
                ShortPart::Setbacks => {
                    vec![narrative::setbacks(src.review, src.answers, t.max_words)]
                }
                ShortPart::Goals => vec![narrative::goals(&ahead(src), t.max_words)],
            };
            ShortText {
                part: t.part,
                heading: t.heading.clone(),
                prompt: t.prompt.clone(),
                max_words: t.max_words,
                paras: paras.iter().map(|p| fit_para(p, t.max_words)).collect(),
            }
        })
        .collect();
    ShortReview {
        name: shape.name.clone(),
        texts,
    }
}

/// The best `n` wins of the window, one per title, each as an accomplishment: work
/// at the level before work the review judges below it, wins whose expectation
/// the user confirmed before those only suggested, then by what makes a win good
/// evidence ([`weight`]).
fn accomplishments(wins: &[&RankedWin], review: &Review, n: usize, max_words: usize) -> Vec<Para> {
    let below: HashSet<(WinId, &str)> = review
        .expectations
        .iter()
        .flat_map(|e| e.below_level.iter().map(move |id| (*id, e.id.as_str())))
        .collect();
    let at_level = |w: &RankedWin| {
        w.expectations
            .iter()
            .any(|t| !below.contains(&(w.id, t.id.as_str())))
    };
    let confirmed = |w: &RankedWin| w.expectations.iter().any(|t| t.confirmed);
    let mut ranked = wins.to_vec();
    ranked.sort_by_key(|w| std::cmp::Reverse((at_level(w), confirmed(w), weight(w, None))));
    let mut out: Vec<Para> = Vec::new();
    let mut seen_titles: Vec<&str> = Vec::new();
    for w in ranked {
        if out.len() == n {
            break;
        }
        if seen_titles.contains(&w.title.as_str()) {
            continue;
        }
        seen_titles.push(&w.title);
        out.push(narrative::accomplishment(w, max_words));
    }
    out
}

/// The expectations a candidate can call strengths, strongest first: developing or
/// better, and never the floor (delivery every team is expected to show).
fn strengths(review: &Review) -> Vec<&crate::review::ExpectationReview> {
    let mut strong: Vec<&crate::review::ExpectationReview> = review
        .expectations
        .iter()
        .filter(|e| e.strength >= Strength::Developing && !e.floor)
        .collect();
    strong.sort_by_key(|e| std::cmp::Reverse(e.score));
    strong
}

/// The steps ahead, most pressing first, each as "I will …": the gaps' next steps,
/// then the must-haves no win shows, then the next steps of the expectations that
/// are not yet strong.
fn ahead(src: &Sources<'_>) -> Vec<String> {
    let r = src.review;
    let mut steps: Vec<String> = r.gaps.iter().map(|g| g.next_step.clone()).collect();
    for m in missing_outside_gaps(r, src.ladder) {
        if let Some(step) = src
            .ladder
            .must_haves
            .iter()
            .find(|x| x.id == m.id)
            .map(|x| x.next_step.clone())
        {
            steps.push(step);
        }
    }
    let mut weak: Vec<&crate::review::ExpectationReview> = r
        .expectations
        .iter()
        .filter(|e| !e.floor && e.next_step.is_some())
        .collect();
    weak.sort_by_key(|e| e.score);
    steps.extend(weak.iter().filter_map(|e| e.next_step.clone()));
    let mut seen = HashSet::new();
    steps
        .into_iter()
        .filter(|s| seen.insert(s.clone()))
        .map(|s| narrative::i_will(&s))
        .collect()
}
