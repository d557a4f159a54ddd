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

use chrono::Datelike;

use super::bad_date;
use crate::model::Win;
use crate::store::Records;

mod dates;
mod read;
mod text;

pub(super) use read::parse;
use text::escape;

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
                field(&mut out, label, v);
            }
        }
        if !w.people.is_empty() {
            let names: Vec<String> = w
                .people
                .iter()
                .map(|p| {
                    if p.vouches {
                        format!("{} (vouches)", p.name)
                    } else {
                        p.name.clone()
                    }
                })
                .collect();
            field(&mut out, "People", &names.join(", "));
        }
        if !w.links.is_empty() {
            let links: Vec<String> = w.links.iter().map(|l| format!("<{l}>")).collect();
            field(&mut out, "Links", &links.join(" "));
        }
        if !w.principles.is_empty() {
            field(&mut out, "Principles", &w.principles.join(", "));
        }
        if !w.tags.is_empty() {
            let tags: Vec<String> = w
                .tags
                .iter()
                .map(|t| format!("#{}", t.split_whitespace().collect::<Vec<_>>().join("-")))
                .collect();
            field(&mut out, "Tags", &tags.join(" "));
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
