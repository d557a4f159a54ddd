//! The pack on paper: its plain text (what the word limit and the honesty check
//! read), and Markdown, HTML and DOCX through the outline's own writers (their
//! escaping, citation links and styles), laid out to print on one page.

use std::fmt::Write;

use docx_rs::{Docx, LineSpacing, PageMargin, Paragraph, Style, StyleType};

use super::model::{Pack, ProviderLine};
use crate::error::{Error, Result};
use crate::feedback_plan::AskStatus;
use crate::outline::OutlineFormat;
use crate::outline::docx as word;
use crate::outline::html::{escape, page_styled, text as html_text};
use crate::outline::markdown::{md, md_cited};

/// The section headings, in order.
const THE_CASE: &str = "The case";
const PROOF: &str = "Proof points";
const OBJECTIONS: &str = "What the panel will raise, and the answers";
const PROVIDERS: &str = "Feedback providers";
const ASK: &str = "What I ask of you";

fn subtitle(p: &Pack) -> String {
    let mut s = format!(
        "{} · window {} to {}",
        p.ladder_name, p.cycle.start, p.cycle.end
    );
    if let Some(t) = p.cycle.target_date {
        let _ = write!(s, " · calibration {t}");
    }
    s.push_str(" · citations are win ids in Caliber");
    s
}

pub(super) use crate::outline::join_names as names;

fn status_words(s: AskStatus) -> &'static str {
    match s {
        AskStatus::Planned => "not asked yet",
        AskStatus::Asked => "asked, no answer yet",
        AskStatus::Received => "answered",
    }
}

/// "Grace Whitfield (skip-level manager, outside my org): answered, on "Shape the
/// strategy and align my teams to it" and "Delegate decisions so my time goes to
/// the org"".
fn provider_line(p: &ProviderLine) -> String {
    let mut who = Vec::new();
    if let Some(r) = p.relation {
        who.push(r.words());
    }
    if p.outside_org {
        who.push("outside my org".to_string());
    }
    let mut s = p.person.clone();
    if !who.is_empty() {
        let _ = write!(s, " ({})", who.join(", "));
    }
    let _ = write!(s, ": {}", status_words(p.status));
    if !p.expectation_titles.is_empty() {
        let _ = write!(s, ", on {}", names(&p.expectation_titles));
    }
    s
}

/// "Also: Kenji Watanabe (answered), Ama Mensah (not asked yet)."
fn more_providers_line(p: &Pack) -> Option<String> {
    let named: Vec<String> = p
        .more_providers
        .iter()
        .map(|x| format!("{} ({})", x.person, status_words(x.status)))
        .collect();
    (!named.is_empty()).then(|| format!("Also: {}.", named.join(", ")))
}

fn uncovered_line(p: &Pack) -> Option<String> {
    (!p.uncovered.is_empty())
        .then(|| format!("No provider can speak yet to: {}.", p.uncovered.join(", ")))
}

fn no_objection() -> &'static str {
    "No gap or open question in the evidence."
}

/// The page as plain text, as it reads: what [`Pack::words`] counts and the
/// honesty check reads.
pub fn text(p: &Pack) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}\n{}\n", p.title, subtitle(p));
    let _ = writeln!(out, "{THE_CASE}\n{}\n", p.thesis.text.text);
    let _ = writeln!(out, "{PROOF}");
    for (i, x) in p.proof_points.iter().enumerate() {
        let _ = writeln!(out, "{}. {}", i + 1, x.text.text);
    }
    let _ = writeln!(out, "\n{OBJECTIONS}");
    if p.objections.is_empty() {
        let _ = writeln!(out, "{}", no_objection());
    }
    for o in &p.objections {
        let _ = writeln!(out, "- {} {}", o.objection, o.answer.text);
    }
    let _ = writeln!(out, "\n{PROVIDERS}");
    for x in &p.providers {
        let _ = writeln!(out, "- {}", provider_line(x));
    }
    if let Some(m) = more_providers_line(p) {
        let _ = writeln!(out, "{m}");
    }
    if let Some(u) = uncovered_line(p) {
        let _ = writeln!(out, "{u}");
    }
    let _ = writeln!(out, "\n{ASK}");
    for a in &p.ask {
        let _ = writeln!(out, "- {}", a.text);
    }
    out
}

/// Words in a text, as the page's limit counts them: runs between spaces with a
/// letter or digit in them (a dash or a "·" between words is not a word).
pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Writes the pack in a format, as bytes (DOCX is binary).
pub fn render(p: &Pack, format: OutlineFormat) -> Result<Vec<u8>> {
    match format {
        OutlineFormat::Markdown => Ok(markdown(p).into_bytes()),
        OutlineFormat::Html => Ok(html(p).into_bytes()),
        OutlineFormat::Docx => docx(p),
        OutlineFormat::Json => serde_json::to_vec_pretty(p).map_err(Error::json),
    }
}

fn markdown(p: &Pack) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n\n*{}*\n", md(&p.title), md_cited(&subtitle(p)));
    let _ = writeln!(out, "## {THE_CASE}\n\n{}\n", md_cited(&p.thesis.text.text));
    let _ = writeln!(out, "## {PROOF}\n");
    for (i, x) in p.proof_points.iter().enumerate() {
        let _ = writeln!(out, "{}. {}", i + 1, md_cited(&x.text.text));
    }
    let _ = writeln!(out, "\n## {OBJECTIONS}\n");
    if p.objections.is_empty() {
        let _ = writeln!(out, "{}", no_objection());
    }
    for o in &p.objections {
        let _ = writeln!(
            out,
            "- **{}** {}",
            md_cited(&o.objection),
            md_cited(&o.answer.text)
        );
    }
    let _ = writeln!(out, "\n## {PROVIDERS}\n");
    for x in &p.providers {
        let _ = writeln!(out, "- {}", md(&provider_line(x)));
    }
    if let Some(m) = more_providers_line(p) {
        let _ = writeln!(out, "\n{}", md(&m));
    }
    if let Some(u) = uncovered_line(p) {
        let _ = writeln!(out, "\n{}", md(&u));
    }
    let _ = writeln!(out, "\n## {ASK}\n");
    for a in &p.ask {
        let _ = writeln!(out, "- {}", md_cited(&a.text));
    }
    out
}

/// Rules after the outline's (plain element selectors, which word processors
/// read too) that keep the pack on one sheet: a fixed A4 page with
/// narrow margins, small type, tight spacing, on screen as in print (so a program
/// that lays out HTML without print media, as a word processor does, gets one page
/// too). A4 is the narrower sheet and Letter the shorter; the word limit keeps the
/// page well inside both.
const ONE_PAGE: &str = r#"
@page { size: A4; margin: 12mm 14mm; }
body { padding: 1.5rem 1.25rem; font-size: 10pt; line-height: 1.35; }
main { max-width: 48rem; }
header { margin-bottom: 4pt; }
h1 { font-size: 15pt; margin: 0 0 2pt; }
.subtitle { font-size: 8.5pt; margin: 0 0 4pt; }
h2 { font-size: 11pt; margin: 8pt 0 3pt; padding-bottom: 1pt; border-bottom-width: 0; }
p { margin: 0 0 4pt; }
ol, ul { margin: 0 0 4pt; padding-left: 14pt; }
li { margin: 0 0 2pt; }
footer { display: none; }
@media print {
  body { padding: 0; font-size: 9.5pt; line-height: 1.3; }
}
"#;

fn html(p: &Pack) -> String {
    let t = |s: &str| html_text(s, None);
    let mut b = String::from("<div class=\"pack\">\n");
    let _ = writeln!(
        b,
        "<header>\n<h1>{}</h1>\n<p class=\"subtitle\">{}</p>\n</header>",
        escape(&p.title),
        t(&subtitle(p))
    );
    let _ = writeln!(b, "<h2>{THE_CASE}</h2>\n<p>{}</p>", t(&p.thesis.text.text));
    let _ = writeln!(b, "<h2>{PROOF}</h2>\n<ol>");
    for x in &p.proof_points {
        let _ = writeln!(b, "<li>{}</li>", t(&x.text.text));
    }
    let _ = writeln!(b, "</ol>\n<h2>{}</h2>", escape(OBJECTIONS));
    if p.objections.is_empty() {
        let _ = writeln!(b, "<p class=\"empty\">{}</p>", no_objection());
    } else {
        b.push_str("<ul>\n");
        for o in &p.objections {
            let _ = writeln!(
                b,
                "<li><strong>{}</strong> {}</li>",
                t(&o.objection),
                t(&o.answer.text)
            );
        }
        b.push_str("</ul>\n");
    }
    let _ = writeln!(b, "<h2>{PROVIDERS}</h2>\n<ul>");
    for x in &p.providers {
        let _ = writeln!(b, "<li>{}</li>", escape(&provider_line(x)));
    }
    b.push_str("</ul>\n");
    if let Some(m) = more_providers_line(p) {
        let _ = writeln!(b, "<p>{}</p>", escape(&m));
    }
    if let Some(u) = uncovered_line(p) {
        let _ = writeln!(b, "<p>{}</p>", escape(&u));
    }
    let _ = writeln!(b, "<h2>{ASK}</h2>\n<ul>");
    for a in &p.ask {
        let _ = writeln!(b, "<li>{}</li>", t(&a.text));
    }
    b.push_str("</ul>\n</div>\n");
    page_styled(&p.title, &b, ONE_PAGE)
}

/// The pack's section heading: small, bold, tight.
const PACK_HEADING: &str = "PackHeading";

fn docx(p: &Pack) -> Result<Vec<u8>> {
    let tight = |p: Paragraph| p.line_spacing(LineSpacing::new().before(0).after(50));
    let heading = |s: &str| {
        Paragraph::new()
            .style(PACK_HEADING)
            .keep_next(true)
            .add_run(word::run(s))
    };
    let mut doc = word::styles(Docx::new())
        .default_size(19)
        .add_style(
            Style::new(PACK_HEADING, StyleType::Paragraph)
                .name("Pack heading")
                .based_on("Normal")
                .next("Normal")
                .size(22)
                .bold()
                .color("1F3A5F")
                .line_spacing(LineSpacing::new().before(140).after(40)),
        )
        .page_margin(
            PageMargin::new()
                .top(760)
                .bottom(760)
                .left(800)
                .right(800)
                .header(400)
                .footer(400),
        );
    doc = doc.add_paragraph(
        Paragraph::new()
            .add_run(word::run(&p.title).bold().size(28).color("1F3A5F"))
            .line_spacing(LineSpacing::new().before(0).after(20)),
    );
    doc = doc.add_paragraph(tight(word::muted(&subtitle(p))));
    doc = doc.add_paragraph(heading(THE_CASE));
    doc = doc.add_paragraph(tight(word::body(&p.thesis.text.text, None)));
    doc = doc.add_paragraph(heading(PROOF));
    for (i, x) in p.proof_points.iter().enumerate() {
        doc = doc.add_paragraph(tight(word::cited(
            Paragraph::new().add_run(word::run(&format!("{}. ", i + 1)).bold()),
            &x.text.text,
            None,
        )));
    }
    doc = doc.add_paragraph(heading(OBJECTIONS));
    if p.objections.is_empty() {
        doc = doc.add_paragraph(tight(word::muted(no_objection())));
    }
    for o in &p.objections {
        let para = word::bullet(0)
            .add_run(word::run(&o.objection).bold())
            .add_run(word::run(" "));
        doc = doc.add_paragraph(tight(word::cited(para, &o.answer.text, None)));
    }
    doc = doc.add_paragraph(heading(PROVIDERS));
    for x in &p.providers {
        doc = doc.add_paragraph(tight(word::bullet(0).add_run(word::run(&provider_line(x)))));
    }
    if let Some(m) = more_providers_line(p) {
        doc = doc.add_paragraph(tight(word::body(&m, None)));
    }
    if let Some(u) = uncovered_line(p) {
        doc = doc.add_paragraph(tight(word::body(&u, None)));
    }
    doc = doc.add_paragraph(heading(ASK));
    for a in &p.ask {
        doc = doc.add_paragraph(tight(word::cited(word::bullet(0), &a.text, None)));
    }
    word::pack(doc)
}
