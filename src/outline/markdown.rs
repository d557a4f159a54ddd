//! The outline as Markdown: the format people paste into a promotion document.
//!
//! Everything that comes from the user's data (titles, names, quotes, a ladder's
//! own words, the narrative that quotes them) is escaped, as the HTML outline
//! escapes it: a title such as `<script>` or `[x](javascript:…)` shows as that
//! text in any Markdown viewer, never as markup or a link. Only the citations
//! `[#12]` the narrative adds are left as written, and only web and mail
//! addresses become links.

use std::fmt::Write;

use super::model::{Evidence, Outline, ShortReview};
use crate::document_shape::ShortPart;
use crate::document_shape::{Part, heading_number as number_of};

/// `s` as Markdown text: every character a viewer could read as markup, a link,
/// an HTML tag or entity, emphasis, a table cell's end, or (at the start) a
/// heading, list or quote is backslash-escaped.
pub(crate) fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for (i, c) in s.char_indices() {
        let special = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '|' | '~' => true,
            '&' => starts_entity(&s[i..]),
            '#' | '-' | '+' | '=' | '>' => i == 0,
            '.' | ')' => i > 0 && s[..i].bytes().all(|b| b.is_ascii_digit()),
            _ => false,
        };
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// True when `s` (starting with `&`) reads as an HTML entity such as `&amp;`.
fn starts_entity(s: &str) -> bool {
    let body = &s[1..];
    let end = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
        .unwrap_or(body.len());
    end > 0 && body[end..].starts_with(';')
}

/// [`md`], then each citation `[#12]` of the narrative given back its brackets so it
/// reads as written. One followed by `(`, `[` or `:` stays escaped: it would
/// otherwise turn the user's text after it into a link.
pub(crate) fn md_cited(s: &str) -> String {
    let escaped = md(s);
    let mut out = String::with_capacity(escaped.len());
    let mut rest = escaped.as_str();
    while let Some(at) = rest.find("\\[#") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 3..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let tail = &after[digits..];
        if digits > 0
            && let Some(next) = tail.strip_prefix("\\]")
            && !next.starts_with(['(', '[', ':'])
            && !next.starts_with("\\[")
        {
            out.push_str(&format!("[#{}]", &after[..digits]));
            rest = next;
        } else {
            out.push_str("\\[#");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// A link as an autolink when it is a web or mail address, else as escaped text.
fn md_link(url: &str) -> String {
    let url = url.trim();
    crate::io::autolink(url).unwrap_or_else(|| md(url))
}

/// Names joined for a line of text, each escaped.
fn md_list(items: &[String]) -> String {
    items.iter().map(|i| md(i)).collect::<Vec<_>>().join(", ")
}

fn evidence_md(out: &mut String, e: &Evidence) {
    let _ = write!(out, "- **{}** — {} [#{}]", e.date, md(&e.title), e.id);
    if let Some(m) = &e.metric {
        let _ = write!(out, " · **{}**", md(m));
    }
    out.push('\n');
    for (label, v) in [
        ("Situation", &e.situation),
        ("Action", &e.action),
        ("Result", &e.result),
    ] {
        if let Some(v) = v {
            let _ = writeln!(out, "  - *{label}:* {}", md_cited(&v.replace('\n', " ")));
        }
    }
    let _ = writeln!(out, "  - *Scope:* {}", e.scope);
    if !e.principles.is_empty() {
        let _ = writeln!(out, "  - *Principles:* {}", md_list(&e.principles));
    }
    if !e.vouchers.is_empty() {
        let _ = writeln!(out, "  - *Can vouch:* {}", md_list(&e.vouchers));
    }
    for l in &e.links {
        let _ = writeln!(out, "  - {}", md_link(l));
    }
}

/// Renders the outline as Markdown.
pub fn render(o: &Outline) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", md(&o.title));
    let _ = writeln!(
        out,
        "*{} · window {} to {}{} · citations like [#ID] are win ids in Caliber*\n",
        md(&o.ladder_name),
        o.cycle.start,
        o.cycle.end,
        o.cycle
            .target_date
            .map(|d| format!(" · target date {d}"))
            .unwrap_or_default()
    );
    for sec in &o.shape.sections {
        let _ = writeln!(out, "## {}\n", md_heading(&sec.heading));
        match sec.part {
            Part::Summary => summary(&mut out, o),
            Part::Expectations => expectations(&mut out, o, number_of(&sec.heading)),
            Part::Principles => principles(&mut out, o),
            Part::Providers => providers(&mut out, o),
            Part::Growth => growth(&mut out, o),
            Part::Appendix => appendix(&mut out, o),
        }
    }
    out
}

/// A heading as Markdown text: escaped as [`md`] escapes, but a leading "2. " left
/// as written (after `## ` it cannot start a list).
fn md_heading(heading: &str) -> String {
    match number_of(heading) {
        Some(n) => format!("{n}. {}", md(&heading[n.len() + 2..])),
        None => md(heading),
    }
}

fn summary(out: &mut String, o: &Outline) {
    for p in &o.summary {
        let _ = writeln!(out, "{}\n", md_cited(&p.text));
    }
}

fn expectations(out: &mut String, o: &Outline, number: Option<&str>) {
    for (i, s) in o.expectations.iter().enumerate() {
        let flag = if s.gap { " — GAP" } else { "" };
        let numbered = number
            .map(|n| format!("{n}.{} ", i + 1))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "### {numbered}{} ({}{flag})\n",
            md(&s.title),
            md(s.strength.as_str())
        );
        let _ = writeln!(out, "{}\n", md_cited(&s.narrative.text));
        for e in &s.evidence {
            evidence_md(out, e);
        }
        if !s.evidence.is_empty() {
            out.push('\n');
        }
    }
}

fn principles(out: &mut String, o: &Outline) {
    if o.principles.is_empty() {
        out.push_str("No win is tagged with a leadership principle yet.\n\n");
    }
    for p in &o.principles {
        let _ = writeln!(out, "- **{}**: {}", md(&p.name), md_cited(&p.line.text));
    }
    if !o.principles.is_empty() {
        out.push('\n');
    }
}

fn providers(out: &mut String, o: &Outline) {
    let _ = writeln!(out, "{}\n", md_cited(&o.providers.summary));
    if !o.providers.vouchers.is_empty() {
        let _ = writeln!(out, "Can vouch: {}.\n", md_list(&o.providers.vouchers));
    }
    for q in &o.providers.quotes {
        let who = q.attribution();
        let _ = writeln!(
            out,
            "> \"{}\"\n> — {}, {}\n",
            md(&q.quote.replace('\n', " ")),
            md(&who),
            q.date
        );
    }
    if !o.providers.ask.is_empty() {
        let _ = writeln!(out, "Also ask: {}.\n", md_list(&o.providers.ask));
    }
}

fn growth(out: &mut String, o: &Outline) {
    if o.growth.is_empty() {
        out.push_str("No gap found in the evidence.\n\n");
    }
    for c in &o.growth {
        let _ = writeln!(
            out,
            "- **{}** {}",
            md_cited(&c.concern),
            md_cited(&c.response.text)
        );
    }
    if !o.growth.is_empty() {
        out.push('\n');
    }
}

fn appendix(out: &mut String, o: &Outline) {
    out.push_str("| Date | Win | Metric | Expectations |\n|---|---|---|---|\n");
    for a in &o.appendix {
        let _ = writeln!(
            out,
            "| {} | {} [#{}] | {} | {} |",
            a.date,
            md(&a.title),
            a.id,
            md(a.metric.as_deref().unwrap_or("")),
            md_list(&a.expectations)
        );
    }
}

/// Renders the short review texts as Markdown: the form's name, then each text
/// under its heading (accomplishments as a list, one item a text).
pub fn render_short_review(r: &ShortReview) -> String {
    let mut out = format!("# {}\n", md_heading(&r.name));
    for t in &r.texts {
        let _ = write!(out, "\n## {}\n\n", md_heading(&t.heading));
        if t.part == ShortPart::Accomplishments {
            if t.paras.is_empty() {
                out.push_str("No win in the window yet.\n");
            }
            for a in &t.paras {
                let _ = writeln!(out, "- {}", md_cited(&a.text));
            }
        } else {
            for p in &t.paras {
                let _ = writeln!(out, "{}", md_cited(&p.text));
            }
        }
    }
    out
}
