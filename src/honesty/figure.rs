//! What counts as a figure in a text, and when two figures are the same: the one
//! home of that rule, for the checker of drafts and for the honesty of Caliber's
//! own texts.
//!
//! A figure is an amount of money (`$1.2M`, `$410K/yr`, `1.2 million dollars`), a
//! percentage (`30%`, `30 %`, `30 percent`, `thirty percent`: numbers in words
//! count only before "percent", up to ninety-nine), a multiple (`3x`, `3×`,
//! `3-fold`), a duration (`6 weeks`, `90 min`, `120ms`, `a 6-month check-in`) or a
//! count with its unit (`12,000 sellers`, `0.9 points`, `a 500-seller beta`).
//! A bare number is not a figure (`2.4 -> 0.8`, `11 of`), nor is a number that is
//! part of a name or an id (`L7`, `OP2`, `p99`, `#12`, `top-3`), a date
//! (`2026-02-03`), a year (`in 2026`, `the 2026 plan`), a time (`1:1`) or an
//! ordinal (`8th`). A sign does not change a figure: `-64%` is `64%`.
//!
//! Two figures are the same when they are of the same kind and value (`$1.2M` is
//! `$1,200,000`), money in the same currency, durations in the same unit (`6
//! weeks` is not `42 days`), and counts of the same thing: the unit of one is
//! among the few words that follow the other (`9 teams` is `9 Commerce teams`).

use std::collections::HashMap;
use std::sync::OnceLock;

/// What a figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FigureKind {
    /// An amount of money; the unit is its currency symbol.
    Money,
    /// A percentage.
    Percent,
    /// A multiple: "3x".
    Multiple,
    /// A duration; the unit is "second", "minute", "hour", "day", "week", "month",
    /// "quarter", "year" or "millisecond".
    Duration,
    /// A count; the unit is the stem of the word counted.
    Count,
}

/// One figure found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// What it measures.
    pub kind: FigureKind,
    /// Its value, scaled (`$1.2M` is 1,200,000).
    pub value: f64,
    /// Currency, duration unit or counted word's stem; empty for a percentage or
    /// a multiple.
    pub unit: String,
    /// For a count: the stems of the unit and of up to three words after it.
    pub context: Vec<String>,
    /// Where it is in the text, in bytes.
    pub start: usize,
    /// Where it ends in the text, in bytes.
    pub end: usize,
}

impl Figure {
    /// True when `other` states the same figure (see the module's rule).
    pub fn same_as(&self, other: &Figure) -> bool {
        if self.kind != other.kind || self.key() != other.key() {
            return false;
        }
        match self.kind {
            FigureKind::Percent | FigureKind::Multiple => true,
            FigureKind::Money | FigureKind::Duration => self.unit == other.unit,
            FigureKind::Count => {
                other.context.contains(&self.unit) || self.context.contains(&other.unit)
            }
        }
    }

    /// The value as a whole number of millionths: how figures are compared and
    /// indexed, so 1.20 and 1.2 are one value.
    fn key(&self) -> i64 {
        (self.value * 1e6).round() as i64
    }
}

/// Figures of many texts, indexed for "does any of them hold this figure?", each
/// with the source it came from (a win's id, say).
#[derive(Debug, Default)]
pub struct FigureIndex<S> {
    by_value: HashMap<(FigureKind, i64), Vec<(Figure, S)>>,
}

impl<S: Copy + PartialEq> FigureIndex<S> {
    /// An empty index.
    pub fn new() -> Self {
        FigureIndex {
            by_value: HashMap::new(),
        }
    }

    /// Adds every figure of `text`, from `source`.
    pub fn add_text(&mut self, text: &str, source: S) {
        for f in figures(text) {
            self.by_value
                .entry((f.kind, f.key()))
                .or_default()
                .push((f, source));
        }
    }

    /// The sources of the figures the same as `f`, each once, in the order added.
    pub fn sources_of(&self, f: &Figure) -> Vec<S> {
        let mut out: Vec<S> = Vec::new();
        if let Some(list) = self.by_value.get(&(f.kind, f.key())) {
            for (g, s) in list {
                if g.same_as(f) && !out.contains(s) {
                    out.push(*s);
                }
            }
        }
        out
    }

    /// True when some text added holds the figure `f`.
    pub fn holds(&self, f: &Figure) -> bool {
        self.by_value
            .get(&(f.kind, f.key()))
            .is_some_and(|list| list.iter().any(|(g, _)| g.same_as(f)))
    }
}

/// Words that are never the unit of a count: "11 of 12 goals" counts goals, "2.4
/// to 0.8" counts nothing. Month names are not units either ([`not_a_unit`]).
const NOT_UNITS: &[&str] = &[
    "a", "about", "above", "across", "after", "again", "all", "also", "an", "and", "any", "are",
    "around", "as", "at", "be", "been", "before", "below", "between", "both", "but", "by", "can",
    "did", "do", "down", "during", "each", "either", "else", "every", "fewer", "for", "from",
    "had", "has", "have", "he", "her", "here", "his", "i", "if", "in", "into", "is", "it", "its",
    "less", "me", "more", "most", "my", "no", "nor", "not", "now", "of", "off", "on", "once",
    "only", "or", "other", "our", "out", "over", "per", "same", "she", "since", "so", "some",
    "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "through", "to", "too", "under", "until", "up", "upon", "us", "very", "via", "vs", "was", "we",
    "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with",
    "within", "without", "would", "yet", "you", "your", "am", "pm",
];

/// True for a word that is never the unit of a count: a word of [`NOT_UNITS`] or a
/// month's name ("3 Oct" is a date).
fn not_a_unit(word: &str) -> bool {
    NOT_UNITS.contains(&word) || crate::dates::month_number(word).is_some()
}

/// Duration words and their unit.
fn duration_unit(word: &str) -> Option<&'static str> {
    Some(match word {
        "ms" | "millisecond" | "milliseconds" | "msec" => "millisecond",
        "s" | "sec" | "secs" | "second" | "seconds" => "second",
        "min" | "mins" | "minute" | "minutes" => "minute",
        "h" | "hr" | "hrs" | "hour" | "hours" => "hour",
        "d" | "day" | "days" => "day",
        "w" | "wk" | "wks" | "week" | "weeks" => "week",
        "mo" | "mos" | "month" | "months" => "month",
        "quarter" | "quarters" => "quarter",
        "y" | "yr" | "yrs" | "year" | "years" => "year",
        _ => return None,
    })
}

/// Words that name a currency after an amount.
fn currency_word(word: &str) -> Option<&'static str> {
    Some(match word {
        "dollar" | "dollars" | "usd" => "$",
        "euro" | "euros" | "eur" => "€",
        "pound" | "pounds" | "gbp" => "£",
        _ => return None,
    })
}

/// Magnitude words after a number.
fn magnitude(word: &str) -> Option<f64> {
    Some(match word {
        "thousand" => 1e3,
        "million" | "mn" | "mm" => 1e6,
        "billion" | "bn" => 1e9,
        _ => return None,
    })
}

/// The English stemmer, made once per process, for the figures' units and the
/// checker's words.
pub(crate) fn english_stemmer() -> &'static rust_stemmers::Stemmer {
    static STEMMER: OnceLock<rust_stemmers::Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English))
}

/// The stem a count's unit is compared on ("teams" and "team" are one unit).
fn stem(word: &str) -> String {
    let word = match word {
        "pts" | "pt" | "pp" => "point",
        "ppl" => "people",
        "persons" => "person",
        other => other,
    };
    english_stemmer().stem(word).into_owned()
}

/// The numbers in words that can stand before "percent" ("thirty" is 30), from
/// the same words the library writes counts with.
fn number_word(word: &str) -> Option<f64> {
    static WORDS: OnceLock<HashMap<String, f64>> = OnceLock::new();
    WORDS
        .get_or_init(|| {
            (1..100)
                .map(|n| (crate::words::count_words(n), n as f64))
                .collect()
        })
        .get(word)
        .copied()
}

/// A word of the text: letters (and inner hyphens or apostrophes), lower-cased.
struct Word {
    text: String,
    start: usize,
    end: usize,
}

/// The next word at or after `from` when only spaces come before it (a figure's
/// unit follows the number in the same phrase), with where it ends.
fn word_after(text: &str, from: usize) -> Option<Word> {
    let rest = &text[from..];
    let skipped = rest.len() - rest.trim_start_matches([' ', '\u{a0}', '\t']).len();
    let start = from + skipped;
    let body = &text[start..];
    let len: usize = body
        .char_indices()
        .take_while(|(i, c)| {
            c.is_alphabetic()
                || ((*c == '-' || *c == '\'' || *c == '’')
                    && *i > 0
                    && body[i + c.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphabetic))
        })
        .map(|(_, c)| c.len_utf8())
        .sum();
    (len > 0).then(|| Word {
        text: body[..len].to_lowercase(),
        start,
        end: start + len,
    })
}

/// The stems of up to `n` words after `from` in the same phrase (stopping at
/// punctuation other than a hyphen), stop words left out.
fn context_after(text: &str, mut from: usize, n: usize) -> Vec<String> {
    let mut out = Vec::new();
    while out.len() < n {
        let Some(w) = word_after(text, from) else {
            break;
        };
        from = w.end;
        if !not_a_unit(&w.text) {
            out.push(stem(&w.text));
        }
    }
    out
}

/// Every figure in `text`, in order (see the module's rule for what counts).
pub fn figures(text: &str) -> Vec<Figure> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let (figure, next) = number_at(text, i);
            out.extend(figure);
            i = next;
        } else if b[i].is_ascii_alphabetic() {
            // A word: a number in words before "percent", else skipped whole (so
            // the digits of "OP2" or "p99" are never read as a number).
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-') {
                i += 1;
            }
            if let Some(f) = percent_in_words(text, start, i) {
                i = f.end;
                out.push(f);
            }
        } else {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

/// "thirty percent", "forty-five per cent": a percentage in words.
fn percent_in_words(text: &str, start: usize, end: usize) -> Option<Figure> {
    let word = text[start..end].to_ascii_lowercase();
    let value = number_word(&word)?;
    let (unit_end, is_percent) = percent_after(text, end);
    is_percent.then(|| Figure {
        kind: FigureKind::Percent,
        value,
        unit: String::new(),
        context: Vec::new(),
        start,
        end: unit_end,
    })
}

/// Whether a percent sign or word follows `from` (spaces allowed), and where it ends.
fn percent_after(text: &str, from: usize) -> (usize, bool) {
    let rest = &text[from..];
    let trimmed = rest.trim_start_matches([' ', '\u{a0}']);
    let at = from + rest.len() - trimmed.len();
    if trimmed.starts_with('%') {
        return (at + 1, true);
    }
    if let Some(w) = word_after(text, from) {
        match w.text.as_str() {
            "percent" | "pct" => return (w.end, true),
            "per" => {
                if let Some(w2) = word_after(text, w.end)
                    && w2.text == "cent"
                {
                    return (w2.end, true);
                }
            }
            _ => {}
        }
    }
    (from, false)
}

/// Reads the number starting at byte `i` (a digit) and what follows it: the figure
/// it is, if any, and where reading goes on.
fn number_at(text: &str, i: usize) -> (Option<Figure>, usize) {
    let b = text.as_bytes();
    // The number: digits, thousands groups of three, one decimal part.
    let mut j = i;
    while j < b.len() && b[j].is_ascii_digit() {
        j += 1;
    }
    let int_digits = j - i;
    while j + 4 <= b.len()
        && b[j] == b','
        && b[j + 1..j + 4].iter().all(u8::is_ascii_digit)
        && b.get(j + 4).is_none_or(|c| !c.is_ascii_digit())
    {
        j += 4;
    }
    let grouped = j > i + int_digits;
    if j + 1 < b.len() && b[j] == b'.' && b[j + 1].is_ascii_digit() {
        j += 1;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
    }
    let number_end = j;
    let skip = (None, number_end);
    // Part of an id, a name or a date, not a figure.
    let before = text[..i].chars().next_back();
    let before2 = text[..i].chars().rev().nth(1);
    match before {
        Some(c) if c.is_alphanumeric() || c == '#' || c == '_' => return skip,
        Some('-') | Some('/') | Some(':') | Some('.')
            if before2.is_some_and(|c| c.is_alphanumeric()) =>
        {
            return skip;
        }
        _ => {}
    }
    if let Some(&c) = b.get(number_end)
        && (c == b':' || c == b'/' || c == b'-' || c == b'.')
        && b.get(number_end + 1).is_some_and(u8::is_ascii_digit)
    {
        // 1:1, 24/7, 2026-02-03, 1.2.3: read to the end of the run, no figure.
        let mut k = number_end + 1;
        while k < b.len() && (b[k].is_ascii_alphanumeric() || b"-:/.".contains(&b[k])) {
            k += 1;
        }
        return (None, k);
    }
    let digits: String = text[i..number_end].chars().filter(|c| *c != ',').collect();
    let Ok(mut value) = digits.parse::<f64>() else {
        return skip;
    };
    let currency = currency_before(text, i);
    // Letters right after the digits: a scale (4.1M), a multiple (3x), a unit
    // (120ms, 24h) or an ordinal (8th).
    let mut end = number_end;
    let attached: String = text[number_end..]
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let mut unit_word: Option<Word> = None;
    if !attached.is_empty() {
        let lower = attached.to_ascii_lowercase();
        end = number_end + attached.len();
        match lower.as_str() {
            "st" | "nd" | "rd" | "th" => return (None, end),
            "x" => return (Some(simple(FigureKind::Multiple, value, i, end)), end),
            "k" => value *= 1e3,
            "m" if currency.is_some() || attached == "M" => value *= 1e6,
            "b" | "bn" => value *= 1e9,
            "mm" | "mn" if currency.is_some() => value *= 1e6,
            _ => {
                unit_word = Some(Word {
                    text: lower,
                    start: number_end,
                    end,
                })
            }
        }
    } else if text[number_end..].starts_with('×') {
        end = number_end + '×'.len_utf8();
        return (Some(simple(FigureKind::Multiple, value, i, end)), end);
    }
    let start = currency.map_or(i, |(at, _)| at);
    // A percentage.
    if unit_word.is_none() {
        let (pct_end, is_pct) = percent_after(text, end);
        if is_pct {
            return (
                Some(simple(FigureKind::Percent, value, start, pct_end)),
                pct_end,
            );
        }
    }
    // A magnitude word, then maybe a currency word: "1.2 million dollars".
    let mut currency = currency.map(|(_, c)| c);
    if unit_word.is_none() {
        if let Some(w) = word_after(text, end)
            && let Some(m) = magnitude(&w.text)
        {
            value *= m;
            end = w.end;
        }
        if let Some(w) = word_after(text, end)
            && let Some(c) = currency_word(&w.text)
        {
            currency = currency.or(Some(c));
            end = w.end;
        }
    }
    if let Some(c) = currency {
        return (
            Some(Figure {
                kind: FigureKind::Money,
                value,
                unit: c.to_string(),
                context: Vec::new(),
                start,
                end,
            }),
            end,
        );
    }
    // The unit: attached, after a hyphen ("6-month"), or the next word.
    let unit = match unit_word {
        Some(w) => Some(w),
        None if text[end..].starts_with('-') => word_after(text, end + 1),
        None => word_after(text, end),
    };
    // A lone letter after a space or hyphen is no unit ("3-D Secure").
    let Some(unit) = unit.filter(|u| u.end > u.start + 1 || u.start == number_end) else {
        return (None, end);
    };
    if unit.text == "times" || unit.text == "fold" {
        return (
            Some(simple(FigureKind::Multiple, value, start, unit.end)),
            unit.end,
        );
    }
    if let Some(d) = duration_unit(&unit.text) {
        return (
            Some(Figure {
                kind: FigureKind::Duration,
                value,
                unit: d.to_string(),
                context: Vec::new(),
                start,
                end: unit.end,
            }),
            unit.end,
        );
    }
    let is_year = !grouped && digits.len() == 4 && (1900.0..=2100.0).contains(&value);
    if is_year || not_a_unit(&unit.text) {
        return (None, end);
    }
    let mut context = vec![stem(&unit.text)];
    context.extend(context_after(text, unit.end, 3));
    (
        Some(Figure {
            kind: FigureKind::Count,
            value,
            unit: context[0].clone(),
            context,
            start,
            end: unit.end,
        }),
        unit.end,
    )
}

fn simple(kind: FigureKind, value: f64, start: usize, end: usize) -> Figure {
    Figure {
        kind,
        value,
        unit: String::new(),
        context: Vec::new(),
        start,
        end,
    }
}

/// A currency sign right before the number (a sign between allowed: "-$40M"),
/// with where it starts.
fn currency_before(text: &str, i: usize) -> Option<(usize, &'static str)> {
    let head = &text[..i];
    let c = head.chars().next_back()?;
    let sign = match c {
        '$' => "$",
        '€' => "€",
        '£' => "£",
        _ => return None,
    };
    Some((i - c.len_utf8(), sign))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<String> {
        figures(text)
            .iter()
            .map(|f| format!("{:?} {} {}", f.kind, f.value, f.unit))
            .collect()
    }

    fn same(a: &str, b: &str) -> bool {
        let (fa, fb) = (figures(a), figures(b));
        assert_eq!(fa.len(), 1, "{a}: {fa:?}");
        assert_eq!(fb.len(), 1, "{b}: {fb:?}");
        fa[0].same_as(&fb[0])
    }

    #[test]
    fn each_kind_of_figure_is_read() {
        assert_eq!(
            shown("Saved $1.2M a year, $410K/yr and €3 million euros"),
            ["Money 1200000 $", "Money 410000 $", "Money 3000000 €"]
        );
        assert_eq!(
            shown("up 30%, 30 % and thirty percent; forty-five per cent"),
            ["Percent 30 ", "Percent 30 ", "Percent 30 ", "Percent 45 "]
        );
        assert_eq!(
            shown("4x peak, 3× faster, 2-fold"),
            ["Multiple 4 ", "Multiple 3 ", "Multiple 2 "]
        );
        assert_eq!(
            shown("6 weeks early, 90 min/week, -120ms, a 6-month check-in"),
            [
                "Duration 6 week",
                "Duration 90 minute",
                "Duration 120 millisecond",
                "Duration 6 month"
            ]
        );
        assert_eq!(
            shown("12,000 sellers; 0.9 pts; a 500-seller beta"),
            ["Count 12000 seller", "Count 0.9 point", "Count 500 seller"]
        );
    }

    #[test]
    fn numbers_that_are_not_figures_are_left_alone() {
        for text in [
            "L6 to L7",
            "OP2 and p99 in Q3",
            "see [#12] and #40",
            "on 2026-02-03 at 10:30",
            "in 2026, the 2026 plan",
            "a 1:1 every week, 24/7",
            "the 8th team",
            "fell from 2.4 to 0.8",
            "11 of them",
            "a top-3 bet",
            "two wins, three teams",
        ] {
            assert_eq!(shown(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn the_same_figure_written_another_way_is_the_same() {
        assert!(same("$1.2M", "$1,200,000"));
        assert!(same("$1.2M", "1.2 million dollars"));
        assert!(same("40%", "40 %"));
        assert!(same("40%", "forty percent"));
        assert!(same("-64%", "64%"));
        assert!(same("+0.9 points", "0.9 pts"));
        assert!(same("9 teams", "9 Commerce teams"));
        assert!(same("3x", "3 times"));
        assert!(same("6 weeks", "6-week"));
        assert!(!same("$1.2M", "€1.2M"));
        assert!(!same("40%", "41%"));
        assert!(!same("6 weeks", "6 months"));
        assert!(!same("9 teams", "9 engineers"));
        assert!(!same("4 engineers", "40 engineers"));
    }

    #[test]
    fn an_index_says_which_sources_hold_a_figure() {
        let mut index = FigureIndex::new();
        index.add_text("Ran a workshop for 40 engineers from 9 teams", 5);
        index.add_text("Funded with 4 engineers", 4);
        let f = &figures("40 engineers")[0];
        assert_eq!(index.sources_of(f), [5]);
        assert!(index.holds(&figures("9 Commerce teams")[0]));
        assert!(!index.holds(&figures("9 engineers")[0]));
    }
}
