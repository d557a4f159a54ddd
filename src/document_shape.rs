//! The shape of a company's promotion document: which parts of the outline it has,
//! in what order, under which headings, with what prompt and how many words each
//! may hold. Meta's self-review, Google's packet and Microsoft's Connect ask for
//! the same evidence under different headings and limits; the shape is data in the
//! ladder file, so a custom ladder carries its own.

use serde::{Deserialize, Serialize};

/// The parts of the outline a document can hold, each built from the evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
pub enum Part {
    /// The opening summary of the case.
    Summary,
    /// One section per expectation of the ladder, with its evidence.
    Expectations,
    /// The leadership principles the wins show (Amazon's).
    Principles,
    /// Who vouches, and what they said.
    Providers,
    /// Areas for growth, setbacks, and what comes next.
    Growth,
    /// Every win of the window, by date.
    Appendix,
}

/// A document: its name and its sections, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct DocumentShape {
    /// What the document is called, e.g. "Self-review for PSC".
    pub name: String,
    /// The sections, in the order the document presents them.
    pub sections: Vec<ShapeSection>,
}

/// One section of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ShapeSection {
    /// The part of the outline it holds.
    pub part: Part,
    /// Its heading as the document shows it, e.g. "2. The expectations of the level".
    pub heading: String,
    /// What the company's form asks in it, shown beside the ladder.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prompt: String,
    /// The most words its prose may hold (for the expectations, each expectation's
    /// paragraph); none for no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_words: Option<usize>,
}

impl DocumentShape {
    /// The section holding `part`, when the document has it.
    pub fn section(&self, part: Part) -> Option<&ShapeSection> {
        self.sections.iter().find(|s| s.part == part)
    }

    /// The word limit of `part`, when the document has one.
    pub fn max_words(&self, part: Part) -> Option<usize> {
        self.section(part).and_then(|s| s.max_words)
    }

    /// What is wrong with the shape, as (field under `document`, problem).
    pub fn problem(&self) -> Option<(String, &'static str)> {
        if self.name.trim().is_empty() {
            return Some(("name".into(), "must not be empty"));
        }
        if self.sections.is_empty() {
            return Some((
                "sections".into(),
                "must list at least one section with a heading",
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for (i, s) in self.sections.iter().enumerate() {
            if let Some(what) = heading_problem(&s.heading) {
                return Some((format!("sections[{i}].heading"), what));
            }
            if s.max_words == Some(0) {
                return Some((
                    format!("sections[{i}].max_words"),
                    "must be at least 1 (leave it out for no limit)",
                ));
            }
            if !seen.insert(s.part) {
                return Some((
                    format!("sections[{i}].part"),
                    "repeats a part another section already holds",
                ));
            }
        }
        None
    }
}

/// The parts of a company's short review texts (Amazon's Forte, Meta's and
/// Google's short self-review answers, Microsoft's Connect questions), each built
/// from the evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
pub enum ShortPart {
    /// The best wins of the period, one text each.
    Accomplishments,
    /// What the candidate does best, with the wins that show it.
    Strengths,
    /// Where the evidence is thin, and the next step.
    Growth,
    /// Where the period fell short of the level, in the candidate's own words where
    /// they gave them.
    Setbacks,
    /// What comes next: the steps that close the gaps.
    Goals,
}

/// Which short review texts to write: Amazon's Forte whatever the ladder, or the
/// cycle's ladder's own (Forte on a ladder without any).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
pub enum ShortForm {
    /// Amazon's Forte: accomplishments, superpowers, areas for growth.
    Forte,
    /// The cycle's ladder's short review (Meta's PSC highlights, Google's
    /// self-assessment, Microsoft's Connect answers, or Forte).
    Ladder,
}

impl ShortForm {
    /// The form two switches ask for (`forte` for Amazon's Forte, `ladder` for the
    /// cycle's ladder's own): none, one, or an error when both are set.
    pub fn from_switches(forte: bool, ladder: bool) -> crate::error::Result<Option<ShortForm>> {
        match (forte, ladder) {
            (true, true) => Err(crate::error::Error::InvalidInput(
                "ask for either the Forte texts (forte) or the ladder's short review (short-review), not both".into(),
            )),
            (true, false) => Ok(Some(ShortForm::Forte)),
            (false, true) => Ok(Some(ShortForm::Ladder)),
            (false, false) => Ok(None),
        }
    }
}

/// The short review texts a company's form asks for: their name and the texts, in
/// order. A ladder without its own gets Amazon's Forte.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ShortReviewShape {
    /// What the form is called, e.g. "Yearly review (Forte)".
    pub name: String,
    /// How many months back the form looks ("this half": 6), when it covers less
    /// than the whole cycle: its accomplishments come from those months only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_months: Option<u32>,
    /// The texts, in the order the form asks for them.
    pub texts: Vec<ShortTextShape>,
    /// What the company's peer feedback asks a colleague, each a line of the
    /// drafted feedback request ("A superpower: what I do best, with an example
    /// you saw."); Amazon's when the form has none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub peer_asks: Vec<String>,
}

/// One text of a short review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ShortTextShape {
    /// What it is built from.
    pub part: ShortPart,
    /// Its heading as the form shows it, e.g. "Superpowers".
    pub heading: String,
    /// What the form asks in it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prompt: String,
    /// The most words one text may hold.
    pub max_words: usize,
    /// How many texts of this part (accomplishments only; one otherwise).
    #[serde(default = "one")]
    pub count: usize,
}

fn one() -> usize {
    1
}

/// The most texts one part may ask for.
pub const MAX_SHORT_TEXTS: usize = 10;

impl ShortReviewShape {
    /// The word limit a text under `heading` keeps to: that text's when the heading
    /// names one of the form's texts (letter case and spaces aside), else the
    /// largest of the form's limits, so that a text is never held to a stricter
    /// limit than the form could mean.
    pub fn limit_under(&self, heading: Option<&str>) -> usize {
        self.text_under(heading)
            .map(|t| t.max_words)
            .or_else(|| self.texts.iter().map(|t| t.max_words).max())
            .unwrap_or(0)
    }

    /// The text of the form a heading names, as people write headings: letter
    /// case, spaces, a leading number ("2. Strengths"), emphasis and escapes
    /// ("**Strengths**"), and a closing colon aside.
    pub fn text_under(&self, heading: Option<&str>) -> Option<&ShortTextShape> {
        let key = |h: &str| {
            let h: String = h
                .chars()
                .filter(|c| !matches!(c, '*' | '_' | '\\' | '`'))
                .collect();
            let h = h.trim();
            let h = match heading_number(h) {
                Some(n) => &h[n.len() + 2..],
                None => h,
            };
            h.trim()
                .trim_end_matches([':', '.'])
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        let h = key(heading?);
        self.texts.iter().find(|t| key(&t.heading) == h)
    }

    /// What is wrong with the shape, as (field under `short_review`, problem).
    pub fn problem(&self) -> Option<(String, &'static str)> {
        if self.name.trim().is_empty() {
            return Some(("name".into(), "must not be empty"));
        }
        if self.texts.is_empty() {
            return Some(("texts".into(), "must list at least one text with a heading"));
        }
        if self.peer_asks.len() > 4 || self.peer_asks.iter().any(|a| a.trim().is_empty()) {
            return Some((
                "peer_asks".into(),
                "must be at most 4 questions, none blank (leave it out for Amazon's)",
            ));
        }
        if self.period_months.is_some_and(|m| !(1..=24).contains(&m)) {
            return Some((
                "period_months".into(),
                "must be 1 to 24 months (leave it out for the whole cycle)",
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for (i, t) in self.texts.iter().enumerate() {
            if let Some(what) = heading_problem(&t.heading) {
                return Some((format!("texts[{i}].heading"), what));
            }
            if t.max_words < 10 {
                return Some((
                    format!("texts[{i}].max_words"),
                    "must be at least 10: a shorter text cannot hold a win and its result",
                ));
            }
            if t.count == 0 || t.count > MAX_SHORT_TEXTS {
                return Some((format!("texts[{i}].count"), "must be 1 to 10"));
            }
            if t.count > 1 && t.part != ShortPart::Accomplishments {
                return Some((
                    format!("texts[{i}].count"),
                    "only accomplishments can ask for more than one text",
                ));
            }
            if !seen.insert(t.part) {
                return Some((
                    format!("texts[{i}].part"),
                    "repeats a part another text already holds",
                ));
            }
        }
        None
    }
}

/// What is wrong with a heading of a document or a form: blank, or more than one
/// line.
fn heading_problem(heading: &str) -> Option<&'static str> {
    if heading.trim().is_empty() {
        Some("must not be empty")
    } else if heading.contains('\n') {
        Some("must be one line")
    } else {
        None
    }
}

/// The number a heading starts with ("2" of "2. The expectations of the level"),
/// which numbers its subsections ("2.1"); none for a heading without one.
pub fn heading_number(heading: &str) -> Option<&str> {
    let digits = heading.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && heading[digits..].starts_with(". ")).then(|| &heading[..digits])
}

/// The words of a text, as a form's counter counts them: runs between spaces.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// The words of a short review text as the company's form counts them once it is
/// pasted: its `[#id]` citations are taken out before pasting, so they are not
/// words of the form's ("Led the launch [#12]." is three).
pub fn form_word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| {
            let w = w.trim_end_matches(['.', ',', ';', ':', ')']);
            !(w.starts_with("[#")
                && w.ends_with(']')
                && w.len() > 3
                && w[2..w.len() - 1].bytes().all(|b| b.is_ascii_digit()))
        })
        .count()
}

/// `text` cut to at most `max` words: whole sentences kept from the start while they
/// fit; when even the first does not, its first words and an ellipsis. Nothing is
/// added but the ellipsis, so no figure can be invented by the cut.
pub fn fit_words(text: &str, max: usize) -> String {
    if word_count(text) <= max {
        return text.to_string();
    }
    let mut kept = String::new();
    for sentence in sentences(text) {
        let next = format!("{kept}{sentence}");
        if word_count(&next) > max {
            break;
        }
        kept = next;
    }
    if !kept.trim().is_empty() {
        return kept.trim_end().to_string();
    }
    let words: Vec<&str> = text.split_whitespace().take(max).collect();
    format!("{}…", words.join(" ").trim_end_matches([',', ';', ':']))
}

/// The sentences of a text, each with the space after it: a sentence ends at `.`,
/// `!` or `?` followed by a space (so "$4.1M" and "[#12]." stay whole).
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?') && bytes.get(i + 1) == Some(&b' ') {
            out.push(&text[start..i + 2]);
            start = i + 2;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_counts_words_without_citations() {
        assert_eq!(form_word_count("Led the launch [#12]."), 3);
        assert_eq!(
            form_word_count("Cut spend 30% [#3] [#41], then [#x] stayed"),
            6
        );
        assert_eq!(form_word_count(""), 0);
    }

    #[test]
    fn a_heading_names_its_text_as_people_write_it() {
        let form = ShortReviewShape {
            name: "Self-assessment".into(),
            period_months: None,
            peer_asks: Vec::new(),
            texts: vec![
                ShortTextShape {
                    part: ShortPart::Strengths,
                    heading: "Strengths".into(),
                    prompt: String::new(),
                    max_words: 60,
                    count: 1,
                },
                ShortTextShape {
                    part: ShortPart::Accomplishments,
                    heading: "Key accomplishments".into(),
                    prompt: String::new(),
                    max_words: 75,
                    count: 4,
                },
            ],
        };
        for h in [
            "Strengths",
            "2. Strengths",
            "**Strengths**",
            "strengths:",
            " STRENGTHS ",
        ] {
            assert_eq!(form.limit_under(Some(h)), 60, "{h}");
        }
        assert_eq!(form.limit_under(Some("Something else")), 75);
        assert_eq!(form.limit_under(None), 75);
    }

    #[test]
    fn fit_keeps_whole_sentences_and_numbers() {
        let t = "I cut cost by $4.1M [#3]. I hired 2 managers [#5]. I wrote the plan [#7].";
        assert_eq!(fit_words(t, 100), t);
        assert_eq!(
            fit_words(t, 11),
            "I cut cost by $4.1M [#3]. I hired 2 managers [#5]."
        );
        assert_eq!(fit_words(t, 3), "I cut cost…");
    }
}
