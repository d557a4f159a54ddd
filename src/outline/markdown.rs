//! The outline as Markdown: the format people paste into a promotion document.

use std::fmt::Write;

use super::{Evidence, Outline};

fn evidence_md(out: &mut String, e: &Evidence) {
    let _ = write!(out, "- **{}** — {} [#{}]", e.date, e.title, e.id);
    if let Some(m) = &e.metric {
        let _ = write!(out, " · **{m}**");
    }
    out.push('\n');
    for (label, v) in [
        ("Situation", &e.situation),
        ("Action", &e.action),
        ("Result", &e.result),
    ] {
        if let Some(v) = v {
            let _ = writeln!(out, "  - *{label}:* {}", v.replace('\n', " "));
        }
    }
    let _ = writeln!(out, "  - *Scope:* {}", e.scope);
    if !e.principles.is_empty() {
        let _ = writeln!(out, "  - *Principles:* {}", e.principles.join(", "));
    }
    if !e.vouchers.is_empty() {
        let _ = writeln!(out, "  - *Can vouch:* {}", e.vouchers.join(", "));
    }
    for l in &e.links {
        let _ = writeln!(out, "  - <{l}>");
    }
}

/// Renders the outline as Markdown.
pub fn render(o: &Outline) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", o.title);
    let _ = writeln!(
        out,
        "*{} · window {} to {}{} · citations like [#12] are win ids in Caliber*\n",
        o.ladder_name,
        o.cycle.start,
        o.cycle.end,
        o.cycle
            .target_date
            .map(|d| format!(" · target date {d}"))
            .unwrap_or_default()
    );
    out.push_str("## 1. Summary\n\n");
    for p in &o.summary {
        let _ = writeln!(out, "{}\n", p.text);
    }
    out.push_str("## 2. The expectations of the level\n\n");
    for (i, s) in o.expectations.iter().enumerate() {
        let flag = if s.gap { " — GAP" } else { "" };
        let _ = writeln!(out, "### 2.{} {} ({}{flag})\n", i + 1, s.title, s.strength);
        let _ = writeln!(out, "{}\n", s.narrative.text);
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
        let _ = writeln!(out, "- **{}**: {}", p.name, p.line.text);
    }
    if !o.principles.is_empty() {
        out.push('\n');
    }
    out.push_str("## 4. Feedback providers\n\n");
    let _ = writeln!(out, "{}\n", o.providers.summary);
    if !o.providers.vouchers.is_empty() {
        let _ = writeln!(out, "Can vouch: {}.\n", o.providers.vouchers.join(", "));
    }
    for q in &o.providers.quotes {
        let who = match q.relation {
            Some(r) => format!("{}, {}", q.person, r.as_str().replace('-', " ")),
            None => q.person.clone(),
        };
        let _ = writeln!(
            out,
            "> \"{}\"\n> — {who}, {}\n",
            q.quote.replace('\n', " "),
            q.date
        );
    }
    if !o.providers.ask.is_empty() {
        let _ = writeln!(out, "Also ask: {}.\n", o.providers.ask.join(", "));
    }
    out.push_str("## 5. Areas for growth / reasons not to promote\n\n");
    if o.growth.is_empty() {
        out.push_str("No gap found in the evidence.\n\n");
    }
    for c in &o.growth {
        let _ = writeln!(out, "- **{}** {}", c.concern, c.response.text);
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
            a.title.replace('|', "\\|"),
            a.id,
            a.metric.as_deref().unwrap_or("").replace('|', "\\|"),
            a.expectations.join(", ")
        );
    }
    out
}

/// Renders the Forte texts as Markdown.
pub fn render_forte(f: &super::Forte) -> String {
    let mut out = String::from("# Yearly review (Forte)\n\n## Accomplishments\n\n");
    for a in &f.accomplishments {
        let _ = writeln!(out, "- {}", a.text);
    }
    let _ = writeln!(
        out,
        "\n## Superpowers\n\n{}\n\n## Areas for growth\n\n{}",
        f.superpowers.text, f.growth.text
    );
    out
}
