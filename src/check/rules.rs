//! The rules a draft is checked by, one function each: figures against the
//! evidence and the wins cited next to them, citations against the live wins,
//! claims that cite nothing, quotes and witnesses against the feedback and the
//! people named on the wins, the ladder's coverage, and the Forte word limit.

use std::collections::HashSet;

use super::draft::{Block, BlockKind, Draft};
use super::ledger::{Ledger, quote_key};
use super::report::{CheckOptions, Checked, Finding, FindingKind};
use crate::error::Result;
use crate::honesty::{Figure, figures};
use crate::model::WinId;
use crate::outline::short_word_count;
use crate::store::Store;

/// At most this many uncited claims get matching wins looked up: a draft that is
/// all uncited claims still checks in bounded time.
const MAX_LOOKUPS: usize = 50;

/// A citation `[#ID]` in a block: the id, and where (in the block's text) its
/// group starts, so "next to" can be told.
#[derive(Debug, Clone, Copy)]
struct Cite {
    id: WinId,
    /// Where the id is shown: the group's `[` for its first id, else its `#`.
    at: usize,
    /// The group's start: ids in one group (`[#3, #4]`, `[#3][#4]`) share it.
    group: usize,
}

/// A sentence of a block, with its citations and figures.
struct Sentence {
    block: usize,
    start: usize,
    end: usize,
    cites: Vec<Cite>,
    figures: Vec<Figure>,
    /// The nearest sentences of the same block, before and after, with citations.
    cited_before: Option<usize>,
    cited_after: Option<usize>,
}

/// Which citations a place prefers when several are near.
#[derive(Clone, Copy, PartialEq)]
enum Prefer {
    /// A figure belongs to the citation that follows it ("40 engineers [#5]").
    After,
    /// A witness vouches for what came before ("[#5]; Kenji can vouch for it").
    Before,
}

/// Runs every rule over a draft.
pub(super) struct Checker<'a> {
    draft: &'a Draft<'a>,
    ledger: &'a Ledger,
    store: &'a Store,
    options: CheckOptions,
    sentences: Vec<Sentence>,
    /// For each block, its sentences' indexes.
    by_block: Vec<Vec<usize>>,
    /// For each block, whether any of its sentences cites.
    block_cites: Vec<bool>,
    /// For each block, its quoted spans.
    block_quotes: Vec<Vec<Quoted>>,
    /// Findings with the source byte they are at, placed on lines at the end.
    pending: Vec<(usize, Finding)>,
    pub findings: Vec<Finding>,
    pub checked: Checked,
}

/// The citations in a text: `[#12]`, `[#3, #4]`, `[#3; #4]`, `[#3][#4]`.
fn citations(text: &str) -> Vec<Cite> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut last: Option<(usize, usize)> = None;
    while let Some(k) = text[i..].find("[#") {
        let open = i + k;
        let mut hash = open + 1;
        let mut ids: Vec<(WinId, usize, usize)> = Vec::new();
        loop {
            let digits = hash + 1;
            let mut e = digits;
            while e < b.len() && b[e].is_ascii_digit() {
                e += 1;
            }
            let Ok(id) = text[digits..e].parse::<WinId>() else {
                break;
            };
            ids.push((id, hash, e));
            let rest = &text[e..];
            let gap = rest.len() - rest.trim_start_matches([',', ';', ' ']).len();
            if gap > 0 && text[e + gap..].starts_with('#') {
                hash = e + gap;
                continue;
            }
            break;
        }
        let Some(&(_, _, e)) = ids.last() else {
            i = open + 2;
            continue;
        };
        if !text[e..].starts_with(']') {
            i = open + 2;
            continue;
        }
        let close = e + 1;
        // `[#3][#4]`: one group.
        let group = match last {
            Some((g, end)) if end == open => g,
            _ => open,
        };
        for (n, (id, hash, _)) in ids.into_iter().enumerate() {
            out.push(Cite {
                id,
                at: if n == 0 { open } else { hash },
                group,
            });
        }
        last = Some((group, close));
        i = close;
    }
    out
}

/// Verbs that claim a result: a sentence with one (or a figure) needs a citation.
const ACHIEVED: &[&str] = &[
    "accelerated",
    "achieved",
    "avoided",
    "beat",
    "boosted",
    "built",
    "closed",
    "completed",
    "created",
    "cut",
    "delivered",
    "doubled",
    "drove",
    "eliminated",
    "established",
    "exceeded",
    "expanded",
    "founded",
    "generated",
    "grew",
    "halved",
    "hired",
    "improved",
    "increased",
    "launched",
    "led",
    "lowered",
    "migrated",
    "prevented",
    "promoted",
    "published",
    "raised",
    "recovered",
    "reduced",
    "retired",
    "saved",
    "scaled",
    "secured",
    "shipped",
    "tripled",
    "won",
];

/// Verbs that put words in someone's mouth.
const SAID: &[&str] = &[
    "said",
    "says",
    "wrote",
    "writes",
    "told",
    "tells",
    "noted",
    "notes",
    "added",
    "commented",
    "remarked",
    "mentioned",
    "shared",
    "put",
    "called",
];

use crate::honesty::english_stemmer as stemmer;

/// The stems of the words of a text that say what it is about.
fn stems(text: &str) -> HashSet<String> {
    const SMALL: &[&str] = &[
        "a", "an", "and", "the", "of", "to", "so", "your", "my", "our", "with", "for", "who",
        "their", "own", "it", "in", "on", "across",
    ];
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !SMALL.contains(&w.as_str()))
        .map(|w| stemmer().stem(&w).into_owned())
        .collect()
}

/// A quoted span of a text: where its opening mark starts, what is between the
/// marks, and where its closing mark ends (bytes).
#[derive(Clone, Copy)]
struct Quoted {
    mark: usize,
    start: usize,
    end: usize,
    close: usize,
}

/// The quoted spans of a text, between straight or curly double quotes.
fn quoted(text: &str) -> Vec<Quoted> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        match (open, c) {
            (None, '"') | (None, '“') => open = Some((i, c)),
            (Some((m, '"')), '"') | (Some((m, '“')), '”') => {
                let len = if c == '"' { 1 } else { '“'.len_utf8() };
                out.push(Quoted {
                    mark: m,
                    start: m + len,
                    end: i,
                    close: i + c.len_utf8(),
                });
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// A run of capitalized words ending right before `end` (spaces between): a
/// person's name as written before "said" or "can vouch".
fn name_before(text: &str, end: usize) -> Option<(usize, &str)> {
    let head = text[..end].trim_end();
    let mut start = head.len();
    for w in head.rsplit(' ') {
        let clean = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'');
        if clean.chars().next().is_some_and(char::is_uppercase) && clean.len() == w.len() {
            start -= w.len();
            start = start.saturating_sub(1);
        } else {
            break;
        }
        if start == 0 {
            break;
        }
    }
    let name = head[start..].trim();
    (!name.is_empty()).then(|| (head.len() - name.len(), name))
}

/// A run of capitalized words starting at `start` (after spaces): a name after a
/// dash or "said".
fn name_after(text: &str, start: usize) -> Option<(usize, &str)> {
    let rest = &text[start..];
    let at = start + (rest.len() - rest.trim_start().len());
    let mut end = at;
    for w in text[at..].split(' ') {
        let clean = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        if clean.chars().next().is_some_and(char::is_uppercase) {
            end += clean.len();
            if clean.len() != w.len() {
                break;
            }
            end += 1;
        } else {
            break;
        }
    }
    let name = text[at..end.min(text.len())].trim();
    (!name.is_empty()).then_some((at, name))
}

impl<'a> Checker<'a> {
    pub fn new(
        draft: &'a Draft<'a>,
        ledger: &'a Ledger,
        store: &'a Store,
        options: CheckOptions,
    ) -> Checker<'a> {
        let mut sentences: Vec<Sentence> = Vec::new();
        let mut by_block = vec![Vec::new(); draft.blocks.len()];
        let mut block_cites = vec![false; draft.blocks.len()];
        let mut block_quotes = Vec::with_capacity(draft.blocks.len());
        for (b, block) in draft.blocks.iter().enumerate() {
            let cites = citations(&block.text);
            let mut figs = figures(&block.text);
            if block.kind == BlockKind::Heading {
                // "2.1 My teams deliver": a section's number, not a figure.
                let lead = block.text.len() - block.text.trim_start().len();
                let number: String = block.text[lead..]
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == '.')
                    .collect();
                if !number.is_empty() && block.text[lead + number.len()..].starts_with(' ') {
                    figs.retain(|f| f.start != lead);
                }
            }
            block_cites[b] = !cites.is_empty();
            block_quotes.push(quoted(&block.text));
            // Citations and figures are in order, as are sentences: one pass each.
            let (mut c, mut f) = (0, 0);
            let first = sentences.len();
            for (start, end) in block.sentences() {
                let take_cites: Vec<Cite> = {
                    while c < cites.len() && cites[c].at < start {
                        c += 1;
                    }
                    let from = c;
                    while c < cites.len() && cites[c].at < end {
                        c += 1;
                    }
                    cites[from..c].to_vec()
                };
                let take_figs: Vec<Figure> = {
                    while f < figs.len() && figs[f].start < start {
                        f += 1;
                    }
                    let from = f;
                    while f < figs.len() && figs[f].start < end {
                        f += 1;
                    }
                    figs[from..f].to_vec()
                };
                by_block[b].push(sentences.len());
                sentences.push(Sentence {
                    block: b,
                    start,
                    end,
                    cites: take_cites,
                    figures: take_figs,
                    cited_before: None,
                    cited_after: None,
                });
            }
            let mut last = None;
            for (i, sent) in sentences.iter_mut().enumerate().skip(first) {
                sent.cited_before = last;
                if !sent.cites.is_empty() {
                    last = Some(i);
                }
            }
            let mut next = None;
            for (i, sent) in sentences.iter_mut().enumerate().skip(first).rev() {
                sent.cited_after = next;
                if !sent.cites.is_empty() {
                    next = Some(i);
                }
            }
        }
        let checked = Checked {
            sentences: sentences.len(),
            figures: sentences.iter().map(|s| s.figures.len()).sum(),
            citations: sentences.iter().map(|s| s.cites.len()).sum(),
        };
        Checker {
            draft,
            ledger,
            store,
            options,
            sentences,
            by_block,
            block_cites,
            block_quotes,
            pending: Vec::new(),
            findings: Vec::new(),
            checked,
        }
    }

    /// Every id cited anywhere in the draft.
    pub fn cited_ids(draft: &Draft<'_>) -> Vec<WinId> {
        let mut ids: Vec<WinId> = draft
            .blocks
            .iter()
            .flat_map(|b| citations(&b.text).into_iter().map(|c| c.id))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Runs the rules, findings in the order of the draft.
    pub fn run(&mut self) -> Result<()> {
        self.unknown_wins();
        self.figures();
        self.claims()?;
        self.quotes();
        self.witnesses();
        if let Some(form) = self.options.short {
            self.short_lengths(form);
        } else {
            self.coverage();
        }
        // In the order of the draft; lines and columns in one pass over it.
        self.pending.sort_by_key(|(at, _)| *at);
        let offsets: Vec<usize> = self.pending.iter().map(|(at, _)| *at).collect();
        let places = self.draft.line_columns(&offsets);
        for ((_, mut f), (line, column)) in self.pending.drain(..).zip(places) {
            f.line = line;
            f.column = column;
            self.findings.push(f);
        }
        Ok(())
    }

    fn block(&self, b: usize) -> &Block {
        &self.draft.blocks[b]
    }

    /// A finding at byte `at` of block `b`.
    fn add(
        &mut self,
        kind: FindingKind,
        b: usize,
        at: usize,
        text: &str,
        suggestion: String,
        wins: Vec<WinId>,
    ) {
        let source = self.block(b).source_at(at);
        self.pending.push((
            source,
            Finding {
                kind,
                line: 0,
                column: 0,
                text: text.trim().to_string(),
                suggestion,
                wins,
            },
        ));
    }

    fn is_live(&self, id: WinId) -> bool {
        self.ledger.wins.contains_key(&id)
    }

    /// The wins cited for the place `at` of sentence `s`: the nearest group in the
    /// sentence (after it first, or before it first), else the nearest sentence of
    /// the block with citations, else the blocks that cover this one. Only live wins.
    fn scope(&self, s: usize, at: usize, prefer: Prefer) -> Vec<WinId> {
        let live = |cites: &mut dyn Iterator<Item = &Cite>| -> Vec<WinId> {
            cites.map(|c| c.id).filter(|id| self.is_live(*id)).collect()
        };
        let sent = &self.sentences[s];
        let after = sent.cites.iter().find(|c| c.at >= at).map(|c| c.group);
        let before = sent.cites.iter().rev().find(|c| c.at < at).map(|c| c.group);
        let order = match prefer {
            Prefer::After => [after, before],
            Prefer::Before => [before, after],
        };
        if let Some(group) = order.into_iter().flatten().next() {
            return live(&mut sent.cites.iter().filter(|c| c.group == group));
        }
        let order = match prefer {
            Prefer::After => [sent.cited_after, sent.cited_before],
            Prefer::Before => [sent.cited_before, sent.cited_after],
        };
        if let Some(i) = order.into_iter().flatten().next() {
            return live(&mut self.sentences[i].cites.iter());
        }
        let mut out = Vec::new();
        for &b in &self.block(sent.block).covered_by {
            for &i in &self.by_block[b] {
                out.extend(live(&mut self.sentences[i].cites.iter()));
            }
        }
        out
    }

    /// True when the sentence, its block or a block covering it cites anything
    /// (a live win or not: an unknown id is its own finding).
    fn is_cited(&self, s: usize) -> bool {
        let b = self.sentences[s].block;
        self.block_cites[b]
            || self
                .block(b)
                .covered_by
                .iter()
                .any(|&c| self.block_cites[c])
    }

    fn unknown_wins(&mut self) {
        let mut found = Vec::new();
        for s in &self.sentences {
            for c in &s.cites {
                if !self.is_live(c.id) {
                    found.push((s.block, c.at, c.id));
                }
            }
        }
        for (b, at, id) in found {
            self.add(
                FindingKind::UnknownWin,
                b,
                at,
                &format!("[#{id}]"),
                format!(
                    "there is no win {id} (or it was deleted); cite a win `caliber list` shows, or take the citation out"
                ),
                vec![id],
            );
        }
    }

    fn figures(&mut self) {
        let mut found = Vec::new();
        for (s, sent) in self.sentences.iter().enumerate() {
            for f in &sent.figures {
                let text = self.block(sent.block).text[f.start..f.end].to_string();
                let cited = self.scope(s, f.start, Prefer::After);
                let holders = self.ledger.figures.sources_of(f);
                let in_cited = cited.iter().any(|id| holders.contains(&Some(*id)));
                if in_cited {
                    continue;
                }
                if holders.is_empty() {
                    found.push((
                        FindingKind::InventedFigure,
                        sent.block,
                        f.start,
                        text.clone(),
                        format!(
                            "no win, outcome or feedback of the cycle holds {text}; correct the figure, or log the win it comes from and cite it"
                        ),
                        Vec::new(),
                    ));
                } else if !cited.is_empty() {
                    let elsewhere: Vec<String> = holders
                        .iter()
                        .flatten()
                        .take(3)
                        .map(|id| format!("[#{id}]"))
                        .collect();
                    let where_ = if elsewhere.is_empty() {
                        "it comes from feedback or the ladder, not from a win".to_string()
                    } else {
                        format!("it is in {}", elsewhere.join(", "))
                    };
                    found.push((
                        FindingKind::FigureNotInCited,
                        sent.block,
                        f.start,
                        text.clone(),
                        format!(
                            "{text} is not in {}; {where_}: cite the win that holds it, or correct the figure",
                            cited
                                .iter()
                                .map(|id| format!("[#{id}]"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                        cited.clone(),
                    ));
                }
            }
        }
        for (kind, b, at, text, suggestion, wins) in found {
            self.add(kind, b, at, &text, suggestion, wins);
        }
    }

    fn claims(&mut self) -> Result<()> {
        let mut lookups = 0;
        let mut found = Vec::new();
        for (s, sent) in self.sentences.iter().enumerate() {
            let block = self.block(sent.block);
            if block.kind == BlockKind::Heading || self.is_cited(s) {
                continue;
            }
            let text = &block.text[sent.start..sent.end];
            // What is inside quotation marks is someone's words, checked as a quote
            // (a quote may run over several sentences).
            let mut own = text.to_string();
            let quotes = &self.block_quotes[sent.block];
            let first = quotes.partition_point(|q| q.end <= sent.start);
            let overlapping = quotes[first..].iter().take_while(|q| q.start < sent.end);
            for q in overlapping.collect::<Vec<_>>().into_iter().rev() {
                let (a, e) = (q.start.max(sent.start), q.end.min(sent.end));
                if a < e {
                    own.replace_range(a - sent.start..e - sent.start, &" ".repeat(e - a));
                }
            }
            // The ladder's words, quoted by the outline, claim nothing of the user's.
            let lower = own.to_ascii_lowercase();
            for m in self.ledger.ladder_words.find_iter(&lower) {
                own.replace_range(m.start()..m.end(), &" ".repeat(m.end() - m.start()));
            }
            // A figure claims a result when a win holds it (or nothing does); one
            // only feedback, the ladder or the review states needs no citation.
            let claims = figures(&own).iter().any(|f| {
                let holders = self.ledger.figures.sources_of(f);
                holders.is_empty() || holders.iter().any(Option::is_some)
            }) || own
                .split(|c: char| !c.is_alphabetic())
                .any(|w| ACHIEVED.contains(&w.to_lowercase().as_str()));
            if !claims {
                continue;
            }
            let wins = if lookups < MAX_LOOKUPS {
                lookups += 1;
                self.store.best_matches(&own, 3)?
            } else {
                Vec::new()
            };
            let suggestion = match wins.first() {
                Some(id) => format!(
                    "cite the win it rests on: [#{id}]{}",
                    match self.ledger.wins.get(id) {
                        Some(w) => format!(" ({})", w.title),
                        None => self
                            .store
                            .win(*id)
                            .map(|w| format!(" ({})", w.title))
                            .unwrap_or_default(),
                    }
                ),
                None => "no win matches this claim: log the win it comes from and cite it, or take the claim out".to_string(),
            };
            let lead = text.len() - text.trim_start().len();
            found.push((
                sent.block,
                sent.start + lead,
                text.to_string(),
                suggestion,
                wins,
            ));
        }
        for (b, at, text, suggestion, wins) in found {
            self.add(FindingKind::UncitedClaim, b, at, &text, suggestion, wins);
        }
        Ok(())
    }

    /// The sentence of block `b` that holds byte `at`.
    fn sentence_at(&self, b: usize, at: usize) -> Option<usize> {
        let mine = &self.by_block[b];
        let k = mine.partition_point(|&i| self.sentences[i].start <= at);
        let i = *mine.get(k.checked_sub(1)?)?;
        (at < self.sentences[i].end).then_some(i)
    }

    fn quotes(&mut self) {
        let mut found = Vec::new();
        for (b, block) in self.draft.blocks.iter().enumerate() {
            let text = &block.text;
            for &q in &self.block_quotes[b] {
                let quote = &text[q.start..q.end];
                if quote.split_whitespace().count() < 3 {
                    continue;
                }
                let Some(name) = self.attribution(b, q) else {
                    continue;
                };
                let key = quote_key(quote);
                let parts: Vec<&str> = key
                    .split(['…'])
                    .flat_map(|p| p.split("..."))
                    .map(|p| p.trim_matches(|c: char| !c.is_alphanumeric()))
                    .filter(|p| !p.is_empty())
                    .collect();
                let sayers: Vec<(i64, &str)> = self
                    .ledger
                    .feedback
                    .iter()
                    .filter(|f| parts.iter().all(|p| f.quote.contains(p)))
                    .map(|f| (f.person, f.name.as_str()))
                    .collect();
                let person = self.ledger.person(&name);
                let suggestion = match person {
                    None => Some(format!(
                        "{name} is not among your people; add them and their feedback (`caliber feedback add`), or take the quote out"
                    )),
                    Some(p) if sayers.iter().any(|(s, _)| *s == p) => None,
                    Some(_) if !sayers.is_empty() => Some(format!(
                        "this is {}'s feedback, not {name}'s; put it in the right mouth",
                        sayers[0].1
                    )),
                    Some(_) => Some(format!(
                        "no feedback from {name} says this; quote their words as recorded (`caliber feedback`), or add the feedback first"
                    )),
                };
                if let Some(suggestion) = suggestion {
                    found.push((b, q.mark, text[q.mark..q.close].to_string(), suggestion));
                }
            }
        }
        for (b, at, text, suggestion) in found {
            self.add(
                FindingKind::UnsupportedQuote,
                b,
                at,
                &text,
                suggestion,
                Vec::new(),
            );
        }
    }

    /// Who a quote is put to: "NAME said …: "…"", or "…" — NAME, or "…," said NAME.
    fn attribution(&self, b: usize, q: Quoted) -> Option<String> {
        let text = &self.block(b).text;
        // Before: from the start of the sentence to the quote.
        let s = self
            .sentence_at(b, q.mark)
            .map_or(0, |i| self.sentences[i].start)
            .min(q.mark);
        let head = &text[s..q.mark];
        let mut at = 0;
        for w in head.split(' ') {
            let clean = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
            if SAID.contains(&clean.as_str())
                && let Some((_, name)) = name_before(text, s + at)
            {
                return Some(name.to_string());
            }
            at += w.len() + 1;
        }
        // After: a dash and a name, or "said NAME".
        let rest = text[q.close..].trim_start_matches([',', '.', ';', ':', ' ']);
        let from = text.len() - rest.len();
        for dash in ["—", "–", "--", "-"] {
            if let Some(r) = rest.strip_prefix(dash) {
                let start = text.len() - r.len();
                return name_after(text, start).map(|(_, n)| n.to_string());
            }
        }
        let word = rest.split(' ').next().unwrap_or("").to_lowercase();
        if SAID.contains(&word.as_str()) {
            return name_after(text, from + word.len()).map(|(_, n)| n.to_string());
        }
        None
    }

    fn witnesses(&mut self) {
        let mut found = Vec::new();
        for (s, sent) in self.sentences.iter().enumerate() {
            let block = self.block(sent.block);
            let text = &block.text[..sent.end];
            // ASCII lower case keeps every byte where it was.
            let lower = text[sent.start..].to_ascii_lowercase();
            let mut from = 0;
            while let Some(k) = lower[from..].find("vouch") {
                let v = sent.start + from + k;
                from += k + 5;
                let names = witness_names(text, sent.start, v);
                let cited = self.scope(s, v, Prefer::Before);
                for (at, name) in names {
                    let person = self.ledger.person(&name);
                    let suggestion = match person {
                        // A single word that is nobody ("Nobody", "Everyone") is no name.
                        None if !name.contains(' ') => None,
                        None => Some(format!(
                            "{name} is not among your people; add them on the wins they can vouch for, or take the name out"
                        )),
                        Some(p) if cited.is_empty() => (!self.ledger.in_cycle.contains(&p)).then(|| {
                            format!(
                                "{} is named on no win of the cycle; name them on the win they saw (`caliber edit ID --with`), or take the name out",
                                self.ledger.name_of(p)
                            )
                        }),
                        Some(p) => (!cited
                            .iter()
                            .any(|id| self.ledger.wins.get(id).is_some_and(|w| w.people.contains(&p))))
                        .then(|| {
                            format!(
                                "{} is not named on {}; cite a win they are on, or name them on it (`caliber edit ID --with`)",
                                self.ledger.name_of(p),
                                cited.iter().map(|id| format!("[#{id}]")).collect::<Vec<_>>().join(", ")
                            )
                        }),
                    };
                    if let Some(suggestion) = suggestion {
                        found.push((sent.block, at, name, suggestion, cited.clone()));
                    }
                }
            }
        }
        for (b, at, name, suggestion, wins) in found {
            self.add(
                FindingKind::UnsupportedQuote,
                b,
                at,
                &name,
                suggestion,
                wins,
            );
        }
    }

    fn coverage(&mut self) {
        let mut covered: HashSet<&str> = HashSet::new();
        for s in &self.sentences {
            for c in &s.cites {
                if let Some(w) = self.ledger.wins.get(&c.id) {
                    covered.extend(w.expectations.iter().map(String::as_str));
                }
            }
        }
        let said: Vec<HashSet<String>> = self
            .sentences
            .iter()
            .map(|s| stems(&self.block(s.block).text[s.start..s.end]))
            .collect();
        let mut found = Vec::new();
        for e in &self.ledger.ladder.expectations {
            if covered.contains(e.id.as_str()) {
                continue;
            }
            let by_id = stems(&e.id);
            let by_title = stems(&e.title);
            let spoken = said
                .iter()
                .any(|s| by_id.is_subset(s) || by_title.is_subset(s));
            if !spoken {
                found.push((e.title.clone(), e.id.clone()));
            }
        }
        for (title, id) in found {
            // The whole draft's: at its start, line 1, column 1.
            self.pending.push((0, Finding {
                kind: FindingKind::UncoveredExpectation,
                line: 1,
                column: 1,
                text: title,
                suggestion: format!(
                    "the draft never speaks to `{id}`: cite a win tagged with it (`caliber list --expect {id}`), or name the gap and what you are doing about it"
                ),
                wins: Vec::new(),
            }));
        }
    }

    fn short_lengths(&mut self, form: crate::document_shape::ShortForm) {
        let form = self.ledger.ladder.short_form(form);
        let mut found = Vec::new();
        let mut heading: Option<&str> = None;
        for (b, block) in self.draft.blocks.iter().enumerate() {
            if block.kind == BlockKind::Heading {
                heading = Some(block.text.trim().trim_start_matches('#').trim());
                continue;
            }
            if !matches!(block.kind, BlockKind::Paragraph | BlockKind::Item) {
                continue;
            }
            let max = form.limit_under(heading);
            let n = short_word_count(&block.text);
            if n > max {
                let lead = block.text.len() - block.text.trim_start().len();
                let shown: String = block.text.trim().chars().take(80).collect();
                let which = match form.text_under(heading) {
                    Some(t) => format!("a \"{}\" text of the {}", t.heading, form.name),
                    None => format!("the longest text of the {}", form.name),
                };
                let cut = n - max;
                found.push((
                    b,
                    lead,
                    shown,
                    format!(
                        "this text has {n} words (citations aside) and {which} keeps to {max}: cut {cut} word{}",
                        if cut == 1 { "" } else { "s" }
                    ),
                ));
            }
        }
        for (b, at, text, suggestion) in found {
            self.add(
                FindingKind::ForteTooLong,
                b,
                at,
                &text,
                suggestion,
                Vec::new(),
            );
        }
    }
}

/// The names that a "vouch" at byte `v` of `text` speaks of, each with where it is:
/// "A and B can vouch", "vouched for by A", "Can vouch: A, B".
fn witness_names(text: &str, sentence_start: usize, v: usize) -> Vec<(usize, String)> {
    let word_end = v + text[v..]
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(text.len() - v);
    let after = &text[word_end..];
    // After: "vouch: A, B" or "vouched for by A and B".
    let list_start = if let Some(r) = after.strip_prefix(':') {
        Some(text.len() - r.len())
    } else {
        after
            .strip_prefix(" for by ")
            .or_else(|| after.strip_prefix(" by "))
            .map(|r| text.len() - r.len())
    };
    let (start, end) = match list_start {
        Some(s) => {
            let end = text[s..]
                .find(['.', ';', '(', ')'])
                .map_or(text.len(), |k| s + k);
            (s, end)
        }
        None => {
            // Before: back over "can", "will", "could", "would", to the clause start.
            let head = text[sentence_start..v].trim_end();
            let head = ["can", "will", "could", "would", "also"]
                .iter()
                .fold(head, |h, m| h.strip_suffix(m).map_or(h, str::trim_end));
            let end = sentence_start + head.len();
            let start = text[sentence_start..end]
                .char_indices()
                .rev()
                .find(|(_, c)| matches!(c, ';' | ':' | '.' | '(' | '—'))
                .map_or(sentence_start, |(k, c)| sentence_start + k + c.len_utf8());
            (start, end)
        }
    };
    let mut out = Vec::new();
    let mut at = start;
    for part in text[start..end].split(',') {
        let mut inner = at;
        for piece in part.split(" and ") {
            let lead = piece.len() - piece.trim_start().len();
            let name = piece
                .trim()
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
            let looks_named = !name.is_empty()
                && name
                    .split(' ')
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase));
            if looks_named {
                out.push((inner + lead, name.to_string()));
            }
            inner += piece.len() + " and ".len();
        }
        at += part.len() + 1;
    }
    out
}
