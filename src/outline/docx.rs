//! The outline as a Word document, for managers whose promotion process runs on
//! Word or Google Docs templates. It carries the same sections, in the same order,
//! as the Markdown renderer, with real heading styles (so the navigation pane and
//! a table of contents work), bulleted evidence, citations that jump to the
//! appendix, and the appendix as a table (as lines when it is long).

use std::cell::RefCell;
use std::collections::HashSet;
use std::io::Cursor;

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, Hyperlink, HyperlinkType, IndentLevel,
    Level, LevelJc, LevelText, LineSpacing, LineSpacingType, NumberFormat, Numbering, NumberingId,
    PageMargin, Paragraph, Run, RunFonts, Shading, SpecialIndentType, Start, Style, StyleType,
    Table, TableCell, TableRow, WidthType,
};

use super::model::{Evidence, Outline, ShortReview};
use crate::document_shape::ShortPart;
use crate::document_shape::{Part, heading_number as number_of};
use crate::error::{Error, Result};
use crate::model::WinId;

/// The numbering id of the bullet list defined below (1 is docx-rs's default).
const BULLETS: usize = 2;
/// A4 width minus two one-inch margins, in twentieths of a point.
const TEXT_WIDTH: usize = 11906 - 2 * 1440;
/// Colors of headings, muted text and links.
const HEADING_COLOR: &str = "1F3A5F";
const MUTED: &str = "59636E";
const LINK: &str = "1F5FA8";

/// Drops the characters XML 1.0 cannot carry (docx-rs escapes the rest), so
/// that a stray control character in a title cannot make Word refuse the file.
fn clean(s: &str) -> String {
    // Most text has nothing to drop: copy it whole (an appendix has thousands of lines).
    if !s.bytes().any(|b| b < 0x20 && b != b'\t') && !s.contains(['\u{FFFE}', '\u{FFFF}']) {
        return s.to_owned();
    }
    s.chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..))
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect()
}

pub(crate) fn run(s: &str) -> Run {
    Run::new().add_text(clean(s))
}

fn bookmark_name(id: WinId) -> String {
    format!("win_{}", id.unsigned_abs())
}

fn is_web_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("http://") && lower.len() > "http://".len())
        || (lower.starts_with("https://") && lower.len() > "https://".len())
}

/// The wins a citation can link to (those in the appendix), and those it did link
/// to: only these get a bookmark, which keeps a long appendix light.
pub(crate) struct Links {
    known: HashSet<WinId>,
    used: RefCell<HashSet<WinId>>,
}

impl Links {
    /// Whether `id` can be linked; if so, it is remembered as linked.
    fn link(&self, id: WinId) -> bool {
        let ok = self.known.contains(&id);
        if ok {
            self.used.borrow_mut().insert(id);
        }
        ok
    }

    fn is_used(&self, id: WinId) -> bool {
        self.used.borrow().contains(&id)
    }
}

/// Adds a text to a paragraph, turning each `[#id]` the appendix has into a
/// link to that row's bookmark.
pub(crate) fn cited(mut p: Paragraph, text: &str, known: Option<&Links>) -> Paragraph {
    // Plain text up to the next link is gathered into one run.
    let mut plain = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("[#") {
        let after = &rest[start + 2..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let id = after[..digits]
            .parse::<WinId>()
            .ok()
            .filter(|_| after[digits..].starts_with(']'));
        match id {
            Some(id) if known.is_some_and(|k| k.link(id)) => {
                plain.push_str(&rest[..start]);
                if !plain.is_empty() {
                    p = p.add_run(run(&std::mem::take(&mut plain)));
                }
                p = p.add_hyperlink(
                    Hyperlink::new(bookmark_name(id), HyperlinkType::Anchor)
                        .add_run(run(&format!("[#{}]", &after[..digits])).color(LINK)),
                );
                rest = &after[digits + 1..];
            }
            _ => {
                plain.push_str(&rest[..start + 2]);
                rest = after;
            }
        }
    }
    plain.push_str(rest);
    if !plain.is_empty() {
        p = p.add_run(run(&plain));
    }
    p
}

fn heading(level: usize, text: &str) -> Paragraph {
    let style = match level {
        1 => "Heading1",
        _ => "Heading2",
    };
    Paragraph::new()
        .style(style)
        .keep_next(true)
        .keep_lines(true)
        .add_run(run(text))
}

pub(crate) fn body(text: &str, known: Option<&Links>) -> Paragraph {
    cited(Paragraph::new(), text, known)
}

pub(crate) fn bullet(level: usize) -> Paragraph {
    Paragraph::new().numbering(NumberingId::new(BULLETS), IndentLevel::new(level))
}

pub(crate) fn muted(text: &str) -> Paragraph {
    Paragraph::new().add_run(run(text).italic().color(MUTED))
}

pub(crate) fn styles(doc: Docx) -> Docx {
    let spacing = |before: u32, after: u32| LineSpacing::new().before(before).after(after);
    doc.default_fonts(
        RunFonts::new()
            .ascii("Calibri")
            .hi_ansi("Calibri")
            .cs("Calibri")
            .east_asia("Calibri"),
    )
    .default_size(22)
    .default_line_spacing(
        LineSpacing::new()
            .after(120)
            .line(276)
            .line_rule(LineSpacingType::Auto),
    )
    .add_style(
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .size(44)
            .bold()
            .color(HEADING_COLOR)
            .line_spacing(spacing(0, 120)),
    )
    .add_style(
        Style::new("Subtitle", StyleType::Paragraph)
            .name("Subtitle")
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .size(20)
            .italic()
            .color(MUTED)
            .line_spacing(spacing(0, 240)),
    )
    .add_style(
        Style::new("Heading1", StyleType::Paragraph)
            .name("heading 1")
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .outline_lvl(0)
            .size(32)
            .bold()
            .color(HEADING_COLOR)
            .line_spacing(spacing(360, 120)),
    )
    .add_style(
        Style::new("Heading2", StyleType::Paragraph)
            .name("heading 2")
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .outline_lvl(1)
            .size(26)
            .bold()
            .color(HEADING_COLOR)
            .line_spacing(spacing(240, 80)),
    )
    .add_style(
        Style::new("Quote", StyleType::Paragraph)
            .name("Quote")
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .italic()
            .indent(Some(567), None, Some(567), None)
            .line_spacing(spacing(120, 40)),
    )
    .add_abstract_numbering(
        AbstractNumbering::new(BULLETS)
            .add_level(
                Level::new(
                    0,
                    Start::new(1),
                    NumberFormat::new("bullet"),
                    LevelText::new("•"),
                    LevelJc::new("left"),
                )
                .indent(
                    Some(360),
                    Some(SpecialIndentType::Hanging(360)),
                    None,
                    None,
                ),
            )
            .add_level(
                Level::new(
                    1,
                    Start::new(1),
                    NumberFormat::new("bullet"),
                    LevelText::new("–"),
                    LevelJc::new("left"),
                )
                .indent(
                    Some(900),
                    Some(SpecialIndentType::Hanging(300)),
                    None,
                    None,
                ),
            ),
    )
    .add_numbering(Numbering::new(BULLETS, BULLETS))
    .page_margin(
        PageMargin::new()
            .top(1440)
            .bottom(1440)
            .left(1440)
            .right(1440)
            .header(720)
            .footer(720),
    )
}

pub(crate) fn pack(doc: Docx) -> Result<Vec<u8>> {
    let mut buf = Cursor::new(Vec::new());
    doc.build()
        .pack(&mut buf)
        .map_err(|e| Error::Internal(format!("could not write the Word document: {e}")))?;
    Ok(buf.into_inner())
}

fn evidence(mut doc: Docx, e: &Evidence, known: &Links) -> Docx {
    // Every line but the last keeps with the next, so an evidence block is not
    // split across pages.
    let mut lines: Vec<Paragraph> = Vec::new();
    let mut head = bullet(0)
        .add_run(run(&e.date.to_string()).bold())
        .add_run(run(" — "))
        .add_run(run(&e.title))
        .add_run(run(" "));
    head = cited(head, &format!("[#{}]", e.id), Some(known));
    if let Some(m) = &e.metric {
        head = head.add_run(run(" · ")).add_run(run(m).bold());
    }
    lines.push(head);
    let label = |p: Paragraph, l: &str| p.add_run(run(&format!("{l}: ")).italic().color(MUTED));
    for (l, v) in [
        ("Situation", &e.situation),
        ("Action", &e.action),
        ("Result", &e.result),
    ] {
        if let Some(v) = v {
            lines.push(cited(label(bullet(1), l), v, Some(known)));
        }
    }
    lines.push(label(bullet(1), "Scope").add_run(run(&e.scope.to_string())));
    if !e.principles.is_empty() {
        lines.push(label(bullet(1), "Principles").add_run(run(&e.principles.join(", "))));
    }
    if !e.vouchers.is_empty() {
        lines.push(label(bullet(1), "Can vouch").add_run(run(&e.vouchers.join(", "))));
    }
    for l in e.links.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
        let p = label(bullet(1), "Link");
        lines.push(if is_web_link(l) {
            p.add_hyperlink(
                Hyperlink::new(clean(l), HyperlinkType::External)
                    .add_run(run(l).color(LINK).underline("single")),
            )
        } else {
            p.add_run(run(l))
        });
    }
    let n = lines.len();
    for (i, p) in lines.into_iter().enumerate() {
        let p = p
            .keep_lines(true)
            .line_spacing(LineSpacing::new().after(if i + 1 == n { 160 } else { 40 }));
        doc = doc.add_paragraph(if i + 1 < n { p.keep_next(true) } else { p });
    }
    doc
}

/// A table cell of one tight paragraph.
fn cell(p: Paragraph, width: usize) -> TableCell {
    TableCell::new()
        .add_paragraph(p.line_spacing(LineSpacing::new().before(20).after(20)))
        .width(width, WidthType::Dxa)
}

/// Table text: a point smaller than the body.
fn small(s: &str) -> Run {
    run(s).size(20)
}

/// Up to this many wins the appendix is a table; beyond, one line a win, which
/// Word opens and pages far faster and which costs a quarter of the XML to write.
pub const APPENDIX_TABLE_ROWS: usize = 400;

/// A new paragraph, opening the bookmark that citations of `id` jump to when
/// there are any; [`close_bookmark`] ends it.
fn open_bookmark(n: usize, id: WinId, links: &Links) -> Paragraph {
    let p = Paragraph::new();
    if links.is_used(id) {
        p.add_bookmark_start(n, bookmark_name(id))
    } else {
        p
    }
}

fn close_bookmark(p: Paragraph, n: usize, id: WinId, links: &Links) -> Paragraph {
    if links.is_used(id) {
        p.add_bookmark_end(n)
    } else {
        p
    }
}

/// Lines of a long appendix written to one paragraph (as line breaks): Word and
/// LibreOffice lay them out the same as one paragraph a line, at a fraction of the
/// XML (docx-rs writes each paragraph's and run's properties in full).
const APPENDIX_LINES_PER_PARAGRAPH: usize = 40;

/// The appendix as lines: "2026-03-02 Title [#12] · metric · expectations", a
/// paragraph every [`APPENDIX_LINES_PER_PARAGRAPH`] lines. A cited win's line is a
/// run of its own inside its bookmark, so citations still jump to it.
fn appendix_lines(o: &Outline, links: &Links) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    for (chunk_no, chunk) in o.appendix.chunks(APPENDIX_LINES_PER_PARAGRAPH).enumerate() {
        let mut p = Paragraph::new().line_spacing(LineSpacing::new().after(0));
        let mut pending: Option<Run> = None;
        for (j, a) in chunk.iter().enumerate() {
            let mut line = format!("{} {} [#{}]", a.date, a.title, a.id);
            if let Some(m) = &a.metric {
                line.push_str(" · ");
                line.push_str(m);
            }
            if !a.expectations.is_empty() {
                line.push_str(" · ");
                line.push_str(&a.expectations.join(", "));
            }
            let last = j + 1 == chunk.len();
            if links.is_used(a.id) {
                if let Some(r) = pending.take() {
                    p = p.add_run(r);
                }
                let n = chunk_no * APPENDIX_LINES_PER_PARAGRAPH + j + 1;
                let mut r = small(&line);
                if !last {
                    r = r.add_break(BreakType::TextWrapping);
                }
                p = p
                    .add_bookmark_start(n, bookmark_name(a.id))
                    .add_run(r)
                    .add_bookmark_end(n);
            } else {
                let mut r = match pending.take() {
                    Some(r) => r.add_text(clean(&line)),
                    None => small(&line),
                };
                if !last {
                    r = r.add_break(BreakType::TextWrapping);
                }
                pending = Some(r);
            }
        }
        if let Some(r) = pending {
            p = p.add_run(r);
        }
        paragraphs.push(p);
    }
    paragraphs
}

fn appendix_table(o: &Outline, links: &Links) -> Table {
    let (date, metric, expectations) = (1550, 1650, 1900);
    let widths = [
        date,
        TEXT_WIDTH - date - metric - expectations,
        metric,
        expectations,
    ];
    let header = TableRow::new(
        ["Date", "Win", "Metric", "Expectations"]
            .iter()
            .zip(widths)
            .map(|(h, w)| {
                cell(Paragraph::new().keep_next(true).add_run(small(h).bold()), w)
                    .shading(Shading::new().fill("E8EEF4"))
            })
            .collect(),
    )
    .cant_split();
    let mut rows = vec![header];
    for (i, a) in o.appendix.iter().enumerate() {
        let title = open_bookmark(i + 1, a.id, links)
            .add_run(small(&a.title))
            .add_run(small(&format!(" [#{}]", a.id)).color(MUTED));
        let title = close_bookmark(title, i + 1, a.id, links);
        let cells = vec![
            cell(
                Paragraph::new().add_run(small(&a.date.to_string())),
                widths[0],
            ),
            cell(title, widths[1]),
            cell(
                Paragraph::new().add_run(small(a.metric.as_deref().unwrap_or(""))),
                widths[2],
            ),
            cell(
                Paragraph::new().add_run(small(&a.expectations.join(", "))),
                widths[3],
            ),
        ];
        rows.push(TableRow::new(cells).cant_split());
    }
    Table::new(rows)
        .set_grid(widths.to_vec())
        .width(TEXT_WIDTH, WidthType::Dxa)
}

/// Renders the outline as the bytes of a Word (DOCX) document.
pub fn render(o: &Outline) -> Result<Vec<u8>> {
    // Citations link to the appendix, when the document has one.
    let known = Links {
        known: if o.shape.section(Part::Appendix).is_some() {
            o.appendix.iter().map(|a| a.id).collect()
        } else {
            HashSet::new()
        },
        used: RefCell::new(HashSet::new()),
    };
    let k = Some(&known);
    let mut doc = styles(Docx::new());

    doc = doc.add_paragraph(Paragraph::new().style("Title").add_run(run(&o.title)));
    doc = doc.add_paragraph(Paragraph::new().style("Subtitle").add_run(run(&format!(
        "{} · window {} to {}{} · citations like [#ID] are win ids in Caliber",
        o.ladder_name,
        o.cycle.start,
        o.cycle.end,
        o.cycle.target_date.map(|d| format!(" · target date {d}")).unwrap_or_default()
    ))));

    for sec in &o.shape.sections {
        doc = doc.add_paragraph(heading(1, &sec.heading));
        match sec.part {
            Part::Summary => {
                for p in &o.summary {
                    doc = doc.add_paragraph(body(&p.text, k));
                }
            }
            Part::Expectations => {
                let number = number_of(&sec.heading);
                for (i, s) in o.expectations.iter().enumerate() {
                    let mut h = heading(
                        2,
                        &format!(
                            "{}{}",
                            number
                                .map(|n| format!("{n}.{} ", i + 1))
                                .unwrap_or_default(),
                            s.title
                        ),
                    )
                    .add_run(
                        run(&format!("  ({})", s.strength.as_str()))
                            .color(MUTED)
                            .size(20),
                    );
                    if s.gap {
                        h = h.add_run(run("  GAP").color("9A1B1B").size(20));
                    }
                    doc = doc.add_paragraph(h);
                    doc = doc.add_paragraph(
                        body(&s.narrative.text, k).keep_next(!s.evidence.is_empty()),
                    );
                    for e in &s.evidence {
                        doc = evidence(doc, e, &known);
                    }
                }
            }
            Part::Principles => {
                if o.principles.is_empty() {
                    doc = doc
                        .add_paragraph(muted("No win is tagged with a leadership principle yet."));
                }
                for p in &o.principles {
                    let para = bullet(0).add_run(run(&p.name).bold()).add_run(run(": "));
                    doc = doc.add_paragraph(cited(para, &p.line.text, k));
                }
            }
            Part::Providers => {
                doc = doc.add_paragraph(body(&o.providers.summary, k));
                if !o.providers.vouchers.is_empty() {
                    doc = doc.add_paragraph(body(
                        &format!("Can vouch: {}.", o.providers.vouchers.join(", ")),
                        None,
                    ));
                }
                for q in &o.providers.quotes {
                    let who = q.attribution();
                    doc = doc.add_paragraph(cited(
                        Paragraph::new().style("Quote").keep_next(true),
                        &format!("“{}”", q.quote),
                        k,
                    ));
                    doc = doc.add_paragraph(
                        Paragraph::new()
                            .style("Quote")
                            .align(AlignmentType::Right)
                            .add_run(
                                run(&format!("— {who}, {}", q.date))
                                    .disable_italic()
                                    .color(MUTED)
                                    .size(20),
                            ),
                    );
                }
                if !o.providers.ask.is_empty() {
                    doc = doc.add_paragraph(body(
                        &format!("Also ask: {}.", o.providers.ask.join(", ")),
                        None,
                    ));
                }
            }
            Part::Growth => {
                if o.growth.is_empty() {
                    doc = doc.add_paragraph(muted("No gap found in the evidence."));
                }
                for c in &o.growth {
                    let para = bullet(0)
                        .keep_lines(true)
                        .add_run(run(&c.concern).bold())
                        .add_run(run(" "));
                    doc = doc.add_paragraph(cited(para, &c.response.text, k));
                }
            }
            Part::Appendix => {
                if o.appendix.is_empty() {
                    doc = doc.add_paragraph(muted("No win in the window yet."));
                } else if o.appendix.len() <= APPENDIX_TABLE_ROWS {
                    doc = doc.add_table(appendix_table(o, &known));
                } else {
                    for p in appendix_lines(o, &known) {
                        doc = doc.add_paragraph(p);
                    }
                }
            }
        }
    }
    pack(doc)
}

/// Renders the short review texts as the bytes of a Word document.
pub fn render_short_review(r: &ShortReview) -> Result<Vec<u8>> {
    let mut doc = styles(Docx::new());
    doc = doc.add_paragraph(Paragraph::new().style("Title").add_run(run(&r.name)));
    for t in &r.texts {
        doc = doc.add_paragraph(heading(1, &t.heading));
        if t.paras.is_empty() {
            doc = doc.add_paragraph(muted("No win in the window yet."));
        }
        for p in &t.paras {
            doc = doc.add_paragraph(if t.part == ShortPart::Accomplishments {
                cited(bullet(0).keep_lines(true), &p.text, None)
            } else {
                body(&p.text, None)
            });
        }
    }
    pack(doc)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::document_shape::ShortPart;
    use crate::outline::model::{Para, ShortText};

    /// A Forte-shaped short review of three texts.
    pub(crate) fn short_review(
        accomplishments: Vec<Para>,
        strengths: Para,
        growth: Para,
    ) -> ShortReview {
        let text = |part, heading: &str, paras| ShortText {
            part,
            heading: heading.into(),
            prompt: String::new(),
            max_words: 60,
            paras,
        };
        ShortReview {
            name: "Yearly review (Forte)".into(),
            texts: vec![
                text(
                    ShortPart::Accomplishments,
                    "Accomplishments",
                    accomplishments,
                ),
                text(ShortPart::Strengths, "Superpowers", vec![strengths]),
                text(ShortPart::Growth, "Areas for growth", vec![growth]),
            ],
        }
    }

    fn para(text: &str) -> Para {
        Para {
            text: text.into(),
            cites: vec![],
        }
    }

    #[test]
    fn short_review_is_a_word_document_with_its_text_escaped() {
        let f = short_review(
            vec![para("I shipped <b>it</b> & more [#3].")],
            para("Calm \u{1} under fire."),
            para("Delegation."),
        );
        let bytes = render_short_review(&f).expect("renders");
        assert!(bytes.starts_with(b"PK\x03\x04"));
        let has = |n: &[u8]| bytes.windows(n.len()).any(|w| w == n);
        assert!(has(b"word/document.xml"));
        assert!(!has(b"<b>it</b>"));
        if has(b"<w:document") {
            // docx-rs stores its parts uncompressed: the XML can be checked.
            assert!(has(b"I shipped &lt;b&gt;it&lt;/b&gt; &amp; more [#3]."));
            assert!(
                has(b"Calm  under fire."),
                "characters XML cannot carry are dropped"
            );
        }
    }

    #[test]
    fn clean_keeps_text_and_drops_control_characters() {
        assert_eq!(clean("a\u{0}b\u{1f}c\td\ne\u{fffe}f"), "abc\td ef");
    }
}
