//! The outline as Markdown: the format people paste into a promotion document.
//!
//! Everything that comes from the user's data (titles, names, quotes, a ladder's
//! own words, the narrative that quotes them) is escaped, as the HTML outline
//! escapes it: a title such as `<script>` or `[x](javascript:…)` shows as that
//! text in any Markdown viewer, never as markup or a link. Only the citations
//! `[#12]` the narrative adds are left as written, and only web and mail
//! addresses become links.

use std::fmt::Write;

use super::model::{Evidence, Forte, Outline};

/// `s` as Markdown text: every character a viewer could read as markup, a link,
/// an HTML tag or entity, emphasis, a table cell's end, or (at the start) a
/// heading, list or quote is backslash-escaped.
fn md(s: &str) -> String {
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
fn md_cited(s: &str) -> String {
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
    out.push_str("## 1. Summary\n\n");
    for p in &o.summary {
        let _ = writeln!(out, "{}\n", md_cited(&p.text));
    }
    out.push_str("## 2. The expectations of the level\n\n");
    for (i, s) in o.expectations.iter().enumerate() {
        let flag = if s.gap { " — GAP" } else { "" };
        let _ = writeln!(
            out,
            "### 2.{} {} ({}{flag})\n",
            i + 1,
            md(&s.title),
            md(s.strength.as_str())
        );
        let _ = writeln!(out, "{}\n", md_cited(&s.narrative.text));
        for e in &s.evidence {
            evidence_md(&mut out, e);
        }
        if !s.evidence.is_empty() {
            out.push('\n');
        }
    }
    out.push_str("## 3. Leadership principles evidenced\n\n");
    if o.principles.is_empty() {
        out.push_str("No win is tagged with a leadership principle yet.\n\n");
    }
    for p in &o.principles {
        let _ = writeln!(out, "- **{}**: {}", md(&p.name), md_cited(&p.line.text));
    }
    if !o.principles.is_empty() {
        out.push('\n');
    }
    out.push_str("## 4. Feedback providers\n\n");
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
    out.push_str("## 5. Areas for growth / reasons not to promote\n\n");
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
    out.push_str("## 6. Appendix: every win in the window\n\n");
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
    out
}

/// Renders the Forte texts as Markdown.
pub fn render_forte(f: &Forte) -> String {
    let mut out = String::from("# Yearly review (Forte)\n\n## Accomplishments\n\n");
    for a in &f.accomplishments {
        let _ = writeln!(out, "- {}", md_cited(&a.text));
    }
    let _ = writeln!(
        out,
        "\n## Superpowers\n\n{}\n\n## Areas for growth\n\n{}",
        md_cited(&f.superpowers.text),
        md_cited(&f.growth.text)
    );
    out
}
