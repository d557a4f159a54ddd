//! A draft as the checker reads it: blocks of prose (headings, paragraphs, list
//! items, table cells), each with the blocks whose citations also cover it (the
//! list items it is nested in, the other cells of its table row), split into
//! sentences, and every place mapped back to its line and column in the source.
//! Markdown is read with pulldown-cmark, so code is skipped and markup is not
//! mistaken for words; sentences are split at Unicode's sentence bounds.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use unicode_segmentation::UnicodeSegmentation;

use super::report::DraftFormat;

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BlockKind {
    Heading,
    Paragraph,
    Item,
    Cell,
}

/// A run of the block's text and where it came from in the source.
#[derive(Debug, Clone, Copy)]
struct Piece {
    /// Where the run starts in the block's text.
    text: usize,
    /// Where it starts in the source.
    source: usize,
    /// True when each byte of the run is the byte at the same place in the
    /// source (else every place in it maps to its start: an entity, an escape).
    verbatim: bool,
}

/// One block of prose.
#[derive(Debug, Clone)]
pub(super) struct Block {
    pub kind: BlockKind,
    /// The text, markup taken out, line breaks as spaces.
    pub text: String,
    pieces: Vec<Piece>,
    /// Blocks whose citations cover this one too.
    pub covered_by: Vec<usize>,
}

impl Block {
    fn new(kind: BlockKind, covered_by: Vec<usize>) -> Block {
        Block {
            kind,
            text: String::new(),
            pieces: Vec::new(),
            covered_by,
        }
    }

    fn push(&mut self, text: &str, source: usize, verbatim: bool) {
        self.pieces.push(Piece {
            text: self.text.len(),
            source,
            verbatim,
        });
        self.text.push_str(text);
    }

    /// The source byte of the block's text byte `at`.
    pub fn source_at(&self, at: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.text <= at);
        match i.checked_sub(1).map(|i| self.pieces[i]) {
            Some(p) if p.verbatim => p.source + (at - p.text),
            Some(p) => p.source,
            None => 0,
        }
    }

    /// The sentences of the block: (start, end) in its text, each with letters or
    /// digits in it (a lone citation or mark after a full stop joins the sentence
    /// before it).
    pub fn sentences(&self) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        for (start, s) in self.text.split_sentence_bound_indices() {
            let end = start + s.len();
            let wordy = without_citations(s).chars().any(char::is_alphanumeric);
            match out.last_mut() {
                Some(last) if !wordy => last.1 = end,
                _ if s.trim().is_empty() => {}
                _ => out.push((start, end)),
            }
        }
        out
    }
}

/// `s` with its citations (`[#12]`, `[#3, #4]`) taken out.
fn without_citations(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("[#") {
        out.push_str(&rest[..i]);
        match rest[i..].find(']') {
            Some(j) => rest = &rest[i + j + 1..],
            None => {
                rest = &rest[i..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A draft read into blocks, with the source's line starts.
pub(super) struct Draft<'a> {
    pub source: &'a str,
    pub blocks: Vec<Block>,
    line_starts: Vec<usize>,
}

impl<'a> Draft<'a> {
    /// Reads `source` written as `format`.
    pub fn read(source: &'a str, format: DraftFormat) -> Draft<'a> {
        let blocks = match format {
            DraftFormat::Markdown => markdown_blocks(source),
            DraftFormat::Text => text_blocks(source),
            DraftFormat::Docx => docx_blocks(source),
        };
        let mut line_starts = vec![0];
        line_starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        Draft {
            source,
            blocks,
            line_starts,
        }
    }

    /// Line and column (both from 1; the column in characters) of a source byte.
    pub fn line_column(&self, at: usize) -> (usize, usize) {
        let at = at.min(self.source.len());
        let line = self.line_starts.partition_point(|s| *s <= at);
        let start = self.line_starts[line - 1];
        let column = self
            .source
            .get(start..at)
            .map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }
}

/// A Word document's text (see `super::docx`): a block a line; `# ` starts a
/// heading, `- ` after two spaces a level a list paragraph, covered by the list
/// paragraphs above it at lower levels.
fn docx_blocks(source: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    for line in source.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        if body.trim().is_empty() {
            continue;
        }
        let indent = body.len() - body.trim_start_matches(' ').len();
        let (kind, skip) = if let Some(rest) = body.strip_prefix("# ") {
            (BlockKind::Heading, body.len() - rest.len())
        } else if body[indent..].starts_with("- ") {
            (BlockKind::Item, indent + 2)
        } else {
            (BlockKind::Paragraph, 0)
        };
        let level = indent / 2;
        let covered_by = if kind == BlockKind::Item {
            while open.last().is_some_and(|(l, _)| *l >= level) {
                open.pop();
            }
            open.iter().map(|(_, b)| *b).collect()
        } else {
            open.clear();
            Vec::new()
        };
        let mut block = Block::new(kind, covered_by);
        block.push(&body[skip..], start + skip, true);
        if kind == BlockKind::Item {
            open.push((level, blocks.len()));
        }
        blocks.push(block);
    }
    blocks
}

/// Plain text: paragraphs between blank lines.
fn text_blocks(source: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Option<Block> = None;
    let mut at = 0;
    for line in source.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        if body.trim().is_empty() {
            blocks.extend(current.take());
            continue;
        }
        let block = current.get_or_insert_with(|| Block::new(BlockKind::Paragraph, vec![]));
        if !block.text.is_empty() {
            block.push(" ", start.saturating_sub(1), true);
        }
        block.push(body, start, true);
    }
    blocks.extend(current);
    blocks
}

/// An open list item: its index among the blocks it made itself (its own text and
/// its direct paragraphs), which cover what is nested in it.
struct OpenItem {
    own: Vec<usize>,
}

/// Markdown: headings, paragraphs, list items and table cells; code and HTML left out.
fn markdown_blocks(source: &str) -> Vec<Block> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut blocks: Vec<Block> = Vec::new();
    let mut items: Vec<OpenItem> = Vec::new();
    let mut row: Vec<usize> = Vec::new();
    // The block text goes into: an index in `blocks`, or none (between blocks).
    let mut open: Option<usize> = None;
    let mut code_depth = 0usize;
    let covered = |items: &[OpenItem]| -> Vec<usize> {
        items.iter().flat_map(|i| i.own.iter().copied()).collect()
    };
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                blocks.push(Block::new(BlockKind::Heading, vec![]));
                open = Some(blocks.len() - 1);
            }
            Event::Start(Tag::Paragraph) => {
                blocks.push(Block::new(BlockKind::Paragraph, covered(&items)));
                let i = blocks.len() - 1;
                if let Some(item) = items.last_mut() {
                    // A loose item's paragraphs are its own text.
                    item.own.push(i);
                }
                open = Some(i);
            }
            Event::Start(Tag::Item) => {
                blocks.push(Block::new(BlockKind::Item, covered(&items)));
                let i = blocks.len() - 1;
                items.push(OpenItem { own: vec![i] });
                open = Some(i);
            }
            Event::Start(Tag::TableCell) => {
                blocks.push(Block::new(BlockKind::Cell, vec![]));
                row.push(blocks.len() - 1);
                open = Some(blocks.len() - 1);
            }
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::HtmlBlock) => code_depth += 1,
            Event::End(TagEnd::CodeBlock) | Event::End(TagEnd::HtmlBlock) => {
                code_depth = code_depth.saturating_sub(1)
            }
            Event::Start(Tag::List(_)) => {
                // Text after a nested list belongs to no block of its own.
                open = None;
            }
            Event::End(TagEnd::Heading(_)) | Event::End(TagEnd::Paragraph) => {
                // Back in the list item, if any: its text may go on (rare).
                open = items.last().map(|i| i.own[0]);
            }
            Event::End(TagEnd::Item) => {
                items.pop();
                open = None;
            }
            Event::End(TagEnd::TableCell) => open = None,
            Event::End(TagEnd::TableRow) | Event::End(TagEnd::TableHead) => {
                for &cell in &row {
                    let others: Vec<usize> = row.iter().copied().filter(|&c| c != cell).collect();
                    blocks[cell].covered_by = others;
                }
                row.clear();
            }
            Event::Text(text) if code_depth == 0 => {
                if let Some(b) = open {
                    let verbatim = source.get(range.clone()) == Some(text.as_ref());
                    blocks[b].push(&text, range.start, verbatim);
                }
            }
            Event::Code(_) | Event::InlineHtml(_) | Event::Html(_) | Event::InlineMath(_) => {
                // Code is not prose: a space keeps the words around it apart.
                if let Some(b) = open {
                    blocks[b].push(" ", range.start, false);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(b) = open {
                    blocks[b].push(" ", range.start, false);
                }
            }
            _ => {}
        }
    }
    blocks
}
