//! Markdown "brag documents": the list of wins many managers already keep in a notes
//! app, and the form a promotion packet's appendix often takes. Export writes one
//! Caliber can read back; import also reads the documents people write by hand, so
//! months of evidence come in without retyping.
//!
//! What import understands:
//! - headings of any level that are a period: `## 2026-03-14`, `## March 2026`,
//!   `## 2026-03`, `### Q1 2026` (first day of the quarter), `# 2026` (with `## March`
//!   or `## Q2` under it). A heading counts for the bullets of its own section, so a
//!   later `## Goals` at the same level ends it;
//! - bullets (`-`, `*`, `+`, `1.`): each top-level bullet is a win. Its own leading
//!   date (`2026-03-14:`, `**2026-03-14**`, `[2026-03-14]`, `Mar 14, 2026 -`) wins
//!   over the heading's;
//! - `#tag` words in a bullet become tags; `[text](https://…)` becomes a link;
//! - nested bullets are the win's notes, except labelled ones (`Result: …`,
//!   `People: …`, `Tags: …`, `expect: …`), which fill that field;
//! - a title ending in `(metric) [scope]` gives the metric and the scope, as export
//!   writes it.
//!
//! Anything else (paragraphs, tables, code blocks, front matter) is skipped.
//!
//! Export escapes what a person typed with backslashes, as Markdown does: no title,
//! name or note becomes HTML or a link in a Markdown viewer, list separators inside
//! a value (`Smith\, John`) stay in it, and only http, https and mailto addresses
//! are written as links (`<https://…>`); import takes the escapes off again.

use chrono::Datelike;

use crate::model::Win;
use crate::store::Records;

mod dates;
mod read;
mod text;

pub(super) use read::parse;
use text::{escape, escape_block, escape_item};

/// Writes the brag document: months newest first, one bullet per win.
pub(super) fn render(records: &Records) -> String {
    let mut wins: Vec<&Win> = records.wins.iter().collect();
    wins.sort_by_key(|w| std::cmp::Reverse((w.date, w.id)));
    let mut out = String::from("# Brag document\n");
    if wins.is_empty() {
        out.push_str("\nNo wins yet.\n");
    }
    let mut month = None;
    for w in wins {
        let this = (w.date.year(), w.date.month());
        if month != Some(this) {
            out.push_str(&format!("\n## {}\n\n", w.date.format("%B %Y")));
            month = Some(this);
        }
        out.push_str(&format!(
            "- **{}** — {}",
            w.date.format("%Y-%m-%d"),
            escape(&w.title, false)
        ));
        if let Some(m) = &w.metric {
            out.push_str(&format!(" ({})", escape(m, true)));
        }
        out.push_str(&format!(" [{}]\n", w.scope));
        for (label, value) in [
            ("Situation", &w.situation),
            ("Action", &w.action),
            ("Result", &w.result),
            ("Notes", &w.notes),
        ] {
            if let Some(v) = value {
                field(&mut out, label, &escape_block(v));
            }
        }
        if !w.people.is_empty() {
            let names: Vec<String> = w
                .people
                .iter()
                .map(|p| {
                    let name = escape_item(&p.name, false);
                    if p.vouches {
                        format!("{name} (vouches)")
                    } else {
                        name
                    }
                })
                .collect();
            field(&mut out, "People", &names.join(", "));
        }
        if !w.links.is_empty() {
            let links: Vec<String> = w.links.iter().map(|l| link(l)).collect();
            field(&mut out, "Links", &links.join(" "));
        }
        if !w.principles.is_empty() {
            let ids: Vec<String> = w.principles.iter().map(|p| escape_item(p, false)).collect();
            field(&mut out, "Principles", &ids.join(", "));
        }
        if !w.tags.is_empty() {
            let tags: Vec<String> = w
                .tags
                .iter()
                .map(|t| format!("#{}", escape_item(t, false)))
                .collect();
            // Import splits on commas when there is one, else on white space: tags
            // of several words are written with commas (a lone one with a comma
            // after it), the usual one-word tags with spaces, as people write them.
            let line = if w.tags.iter().any(|t| t.contains(char::is_whitespace)) {
                let mut line = tags.join(", ");
                if tags.len() == 1 {
                    line.push(',');
                }
                line
            } else {
                tags.join(" ")
            };
            field(&mut out, "Tags", &line);
        }
        for (label, confirmed) in [("expect", true), ("suggested", false)] {
            let ids: Vec<&str> = w
                .expectations
                .iter()
                .filter(|t| t.confirmed == confirmed)
                .map(|t| t.id.as_str())
                .collect();
            if !ids.is_empty() {
                field(&mut out, label, &ids.join(", "));
            }
        }
    }
    out
}

/// A link as an `<autolink>` when it is a web or mail address a viewer may open
/// (see [`autolink`]), else as escaped text that no viewer makes clickable.
fn link(url: &str) -> String {
    autolink(url).unwrap_or_else(|| escape_item(url, true))
}

/// `<url>` when `url` is a web or mail address (http, https, mailto) with nothing
/// that could end the autolink early; `None` for any other scheme (`javascript:`,
/// `data:`, `vbscript:`...), which every Markdown writer of Caliber writes as text.
pub(crate) fn autolink(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    let safe = ["http://", "https://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s) && lower.len() > s.len());
    (safe && !url.contains(|c: char| c.is_whitespace() || c.is_control() || c == '<' || c == '>'))
        .then(|| format!("<{url}>"))
}

/// A labelled sub-bullet; further lines of the value are indented under it.
fn field(out: &mut String, label: &str, value: &str) {
    let mut lines = value.lines();
    out.push_str(&format!("  - {label}: {}\n", lines.next().unwrap_or("")));
    for line in lines {
        if line.trim().is_empty() {
            out.push('\n');
        } else {
            out.push_str(&format!("    {line}\n"));
        }
    }
}
