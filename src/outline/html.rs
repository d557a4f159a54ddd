//! The outline as one self-contained HTML file: something a manager can open in
//! any browser, read comfortably, and print to PDF for a panel, with nothing
//! fetched from the network and nothing executed. It shows the same sections,
//! in the same order, as the Markdown renderer; only the presentation differs.
//!
//! Every piece of user data is escaped before it reaches the page, links are
//! emitted only for `http://` and `https://` URLs, and there is no JavaScript.

use std::collections::HashSet;
use std::fmt::Write;

use super::model::{Evidence, Outline, ShortReview};
use crate::document_shape::ShortPart;
use crate::document_shape::{Part, heading_number as number_of};
use crate::model::WinId;
use crate::review::Strength;

/// The style sheet: system fonts, a readable column, dark mode on screen, and
/// print rules that keep evidence blocks and headings together.
const STYLE: &str = r#"
:root {
  color-scheme: light dark;
  --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --rule: #d1d9e0;
  --accent: #1f5fa8; --soft: #f3f6f9; --quote: #8aa4c2;
  --gap-fg: #9a1b1b; --gap-bg: #fde8e8;
  --s-none: #9a1b1b; --s-thin: #9a5b00; --s-developing: #6b5a00; --s-solid: #1a6b35; --s-strong: #0f5a2c;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e6e8eb; --muted: #9aa4ae; --bg: #16191d; --rule: #353b42;
    --accent: #7fb4ef; --soft: #1e2328; --quote: #5a7592;
    --gap-fg: #ffb4b4; --gap-bg: #3a1d1f;
    --s-none: #ff9c9c; --s-thin: #f2b766; --s-developing: #e3cf6b; --s-solid: #86d49e; --s-strong: #6fdc93;
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body {
  margin: 0; padding: 2.5rem 1.25rem 4rem;
  font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif;
  -webkit-text-size-adjust: 100%; text-size-adjust: 100%;
}
main { max-width: 46rem; margin: 0 auto; }
header { margin-bottom: 1.5rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .5rem; letter-spacing: -.01em; }
h2 { font-size: 1.4rem; line-height: 1.3; margin: 2.5rem 0 .75rem; padding-bottom: .3rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.1rem; line-height: 1.35; margin: 1.75rem 0 .5rem; }
p { margin: 0 0 1rem; }
.subtitle { color: var(--muted); font-size: .95rem; }
nav { margin: 1rem 0 2rem; padding: .75rem 1rem; background: var(--soft); border-radius: .5rem; font-size: .95rem; }
nav ol { margin: 0; padding-left: 1.25rem; columns: 2; column-gap: 2rem; }
a { color: var(--accent); text-underline-offset: .15em; }
a.cite { text-decoration: none; white-space: nowrap; font-size: .9em; }
a.cite:hover, a.cite:focus { text-decoration: underline; }
.cite { color: var(--accent); white-space: nowrap; font-size: .9em; }
.badge {
  display: inline-block; margin-left: .4rem; padding: .05rem .5rem; border: 1px solid currentColor;
  border-radius: 999px; font-size: .72rem; font-weight: 600; letter-spacing: .04em;
  text-transform: uppercase; vertical-align: .15em; color: var(--muted);
}
.badge.s-none { color: var(--s-none); } .badge.s-thin { color: var(--s-thin); }
.badge.s-developing { color: var(--s-developing); } .badge.s-solid { color: var(--s-solid); }
.badge.s-strong { color: var(--s-strong); }
.badge.gap { color: var(--gap-fg); background: var(--gap-bg); }
.evidence { margin: 0 0 1rem; padding: .75rem 1rem; border-left: 3px solid var(--rule); background: var(--soft); border-radius: 0 .4rem .4rem 0; }
.evidence .head { margin: 0 0 .4rem; }
.evidence .date { color: var(--muted); font-variant-numeric: tabular-nums; margin-right: .35rem; }
.evidence .metric { font-weight: 600; margin-left: .35rem; }
.evidence dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .9rem; margin: 0; font-size: .95rem; }
.evidence dt { color: var(--muted); font-style: italic; }
.evidence dd { margin: 0; overflow-wrap: anywhere; }
.evidence ul.links { margin: 0; padding: 0; list-style: none; }
ul.items { padding-left: 1.25rem; }
ul.items li { margin-bottom: .5rem; }
figure.quote { margin: 0 0 1.25rem; }
blockquote { margin: 0; padding: .25rem 0 .25rem 1rem; border-left: 3px solid var(--quote); font-style: italic; }
blockquote p { margin: 0; }
figcaption { margin: .3rem 0 0 1rem; color: var(--muted); font-size: .9rem; }
table { width: 100%; border-collapse: collapse; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: .45rem .6rem; border-bottom: 1px solid var(--rule); }
th { font-weight: 600; border-bottom-width: 2px; }
td.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
tr:target { background: var(--gap-bg); }
.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; }
@media print {
  @page { margin: 16mm 15mm; }
  :root { --fg: #000; --muted: #444; --bg: #fff; --rule: #999; --accent: #000; --soft: #fff; --quote: #777; --gap-bg: #fff; }
  html, body { background: #fff; color: #000; }
  body { padding: 0; font-size: 10.5pt; line-height: 1.45; }
  main { max-width: none; }
  nav, footer { display: none; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; break-inside: avoid; page-break-inside: avoid; }
  h2 { margin-top: 1.5rem; }
  p, li, figcaption { orphans: 3; widows: 3; }
  .evidence, figure.quote, tr, ul.items li { break-inside: avoid; page-break-inside: avoid; }
  .evidence { border-left: 2px solid #999; padding: .3rem 0 .3rem .8rem; }
  thead { display: table-header-group; }
  a { color: #000; text-decoration: none; }
  .badge { color: #000 !important; background: none !important; }
  .badge.gap { border-width: 2px; }
}
"#;

/// Escapes text for HTML element content and quoted attribute values.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Turns every `[#digits]` of an already escaped text into a link to the
/// appendix row of that win, when the appendix has it; other citations stay
/// as plain, styled text. Only digits are ever copied into the `href`.
fn link_citations(escaped: &str, known: Option<&HashSet<WinId>>) -> String {
    let mut out = String::with_capacity(escaped.len());
    let mut rest = escaped;
    while let Some(start) = rest.find("[#") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let id = after[..digits].parse::<WinId>().ok();
        match (id, after[digits..].starts_with(']')) {
            (Some(id), true) => {
                let digits = &after[..digits];
                if known.is_some_and(|k| k.contains(&id)) {
                    let _ = write!(out, "<a class=\"cite\" href=\"#win-{id}\">[#{digits}]</a>");
                } else {
                    let _ = write!(out, "<span class=\"cite\">[#{digits}]</span>");
                }
                rest = &after[digits.len() + 1..];
            }
            _ => {
                out.push_str("[#");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A paragraph of the user's draft: escaped, then citations linked.
pub(crate) fn text(s: &str, known: Option<&HashSet<WinId>>) -> String {
    link_citations(&escape(s), known)
}

/// True for the only links that become clickable: `http://` and `https://`.
fn is_web_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("http://") && lower.len() > "http://".len())
        || (lower.starts_with("https://") && lower.len() > "https://".len())
}

/// A link as a clickable anchor when it is a web link, as plain text otherwise.
fn link(url: &str) -> String {
    let url = url.trim();
    let e = escape(url);
    if is_web_link(url) {
        format!("<a href=\"{e}\" rel=\"noopener noreferrer\">{e}</a>")
    } else {
        e
    }
}

/// The CSS class of a strength.
fn strength_class(strength: Strength) -> &'static str {
    match strength {
        Strength::None => "s-none",
        Strength::Thin => "s-thin",
        Strength::Developing => "s-developing",
        Strength::Solid => "s-solid",
        Strength::Strong => "s-strong",
    }
}

/// The page around a body: doctype, head with the inline style, and `<main>`.
fn page(title: &str, body: &str) -> String {
    page_styled(title, body, "")
}

/// [`page`] with more style rules after the outline's (a one-page print layout).
pub(crate) fn page_styled(title: &str, body: &str, extra_style: &str) -> String {
    let mut out = String::with_capacity(body.len() + STYLE.len() + 512);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"color-scheme\" content=\"light dark\">\n");
    out.push_str("<meta name=\"generator\" content=\"Caliber\">\n");
    let _ = writeln!(out, "<title>{}</title>", escape(title));
    let _ = writeln!(
        out,
        "<style>{STYLE}{extra_style}</style>\n</head>\n<body>\n<main>"
    );
    out.push_str(body);
    out.push_str("<footer>Written by Caliber from your own evidence. Citations like [#12] are win ids in Caliber.</footer>\n");
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn evidence_html(out: &mut String, e: &Evidence, known: &HashSet<WinId>) {
    out.push_str("<div class=\"evidence\">\n<p class=\"head\">");
    let _ = write!(
        out,
        "<span class=\"date\">{}</span> <strong>{}</strong> ",
        e.date,
        escape(&e.title)
    );
    out.push_str(&link_citations(&format!("[#{}]", e.id), Some(known)));
    if let Some(m) = &e.metric {
        let _ = write!(out, " <span class=\"metric\">· {}</span>", escape(m));
    }
    out.push_str("</p>\n<dl>\n");
    for (label, v) in [
        ("Situation", &e.situation),
        ("Action", &e.action),
        ("Result", &e.result),
    ] {
        if let Some(v) = v {
            let _ = writeln!(out, "<dt>{label}</dt><dd>{}</dd>", text(v, Some(known)));
        }
    }
    let _ = writeln!(
        out,
        "<dt>Scope</dt><dd>{}</dd>",
        escape(&e.scope.to_string())
    );
    if !e.principles.is_empty() {
        let _ = writeln!(
            out,
            "<dt>Principles</dt><dd>{}</dd>",
            escape(&e.principles.join(", "))
        );
    }
    if !e.vouchers.is_empty() {
        let _ = writeln!(
            out,
            "<dt>Can vouch</dt><dd>{}</dd>",
            escape(&e.vouchers.join(", "))
        );
    }
    let links: Vec<&String> = e.links.iter().filter(|l| !l.trim().is_empty()).collect();
    if !links.is_empty() {
        out.push_str("<dt>Links</dt><dd><ul class=\"links\">");
        for l in links {
            let _ = write!(out, "<li>{}</li>", link(l));
        }
        out.push_str("</ul></dd>\n");
    }
    out.push_str("</dl>\n</div>\n");
}

/// The id of a part's section, which the contents link to.
fn anchor(part: Part) -> &'static str {
    match part {
        Part::Summary => "summary",
        Part::Expectations => "expectations",
        Part::Principles => "principles",
        Part::Providers => "providers",
        Part::Growth => "growth",
        Part::Appendix => "appendix",
    }
}

/// A heading as the contents name it: without its number and what follows a colon
/// or a slash ("5. Areas for growth / reasons not to promote" is "Areas for growth").
fn nav_label(heading: &str) -> &str {
    let h = match number_of(heading) {
        Some(n) => &heading[n.len() + 2..],
        None => heading,
    };
    let h = h.split(" / ").next().unwrap_or(h);
    h.split(": ").next().unwrap_or(h)
}

fn summary(b: &mut String, o: &Outline, known: &HashSet<WinId>) {
    let k = Some(known);
    for p in &o.summary {
        let _ = writeln!(b, "<p>{}</p>", text(&p.text, k));
    }
}

fn expectations(b: &mut String, o: &Outline, known: &HashSet<WinId>, number: Option<&str>) {
    let k = Some(known);
    for (i, s) in o.expectations.iter().enumerate() {
        let _ = write!(
            b,
            "<h3>{}{} <span class=\"badge {}\">{}</span>",
            number
                .map(|n| format!("{n}.{} ", i + 1))
                .unwrap_or_default(),
            escape(&s.title),
            strength_class(s.strength),
            escape(s.strength.as_str())
        );
        if s.gap {
            b.push_str(" <span class=\"badge gap\">GAP</span>");
        }
        b.push_str("</h3>\n");
        let _ = writeln!(b, "<p>{}</p>", text(&s.narrative.text, k));
        for e in &s.evidence {
            evidence_html(b, e, known);
        }
    }
}

fn principles(b: &mut String, o: &Outline, known: &HashSet<WinId>) {
    let k = Some(known);
    if o.principles.is_empty() {
        b.push_str("<p class=\"empty\">No win is tagged with a leadership principle yet.</p>\n");
    } else {
        b.push_str("<ul class=\"items\">\n");
        for p in &o.principles {
            let _ = writeln!(
                b,
                "<li><strong>{}</strong>: {}</li>",
                escape(&p.name),
                text(&p.line.text, k)
            );
        }
        b.push_str("</ul>\n");
    }
}

fn providers(b: &mut String, o: &Outline, known: &HashSet<WinId>) {
    let k = Some(known);
    let _ = writeln!(b, "<p>{}</p>", text(&o.providers.summary, k));
    if !o.providers.vouchers.is_empty() {
        let _ = writeln!(
            b,
            "<p>Can vouch: {}.</p>",
            escape(&o.providers.vouchers.join(", "))
        );
    }
    for q in &o.providers.quotes {
        let who = q.attribution();
        let _ = writeln!(
            b,
            "<figure class=\"quote\"><blockquote><p>“{}”</p></blockquote><figcaption>— {}, {}</figcaption></figure>",
            text(&q.quote, k),
            escape(&who),
            q.date
        );
    }
    if !o.providers.ask.is_empty() {
        let _ = writeln!(
            b,
            "<p>Also ask: {}.</p>",
            escape(&o.providers.ask.join(", "))
        );
    }
}

fn growth(b: &mut String, o: &Outline, known: &HashSet<WinId>) {
    let k = Some(known);
    if o.growth.is_empty() {
        b.push_str("<p class=\"empty\">No gap found in the evidence.</p>\n");
    } else {
        b.push_str("<ul class=\"items\">\n");
        for c in &o.growth {
            let _ = writeln!(
                b,
                "<li><strong>{}</strong> {}</li>",
                escape(&c.concern),
                text(&c.response.text, k)
            );
        }
        b.push_str("</ul>\n");
    }
}

fn appendix(b: &mut String, o: &Outline) {
    if o.appendix.is_empty() {
        b.push_str("<p class=\"empty\">No win in the window yet.</p>\n");
    } else {
        b.push_str(
            "<table>\n<thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Win</th><th scope=\"col\">Metric</th><th scope=\"col\">Expectations</th></tr></thead>\n<tbody>\n",
        );
        for a in &o.appendix {
            let _ = writeln!(
                b,
                "<tr id=\"win-{id}\"><td class=\"date\">{}</td><td>{} <span class=\"cite\">[#{id}]</span></td><td>{}</td><td>{}</td></tr>",
                a.date,
                escape(&a.title),
                escape(a.metric.as_deref().unwrap_or("")),
                escape(&a.expectations.join(", ")),
                id = a.id,
            );
        }
        b.push_str("</tbody>\n</table>\n");
    }
}

/// Renders the outline as one self-contained HTML5 file that reads well on
/// screen (light or dark) and prints well on A4 or Letter.
pub fn render(o: &Outline) -> String {
    // Citations link to the appendix, when the document has one.
    let known: HashSet<WinId> = if o.shape.section(Part::Appendix).is_some() {
        o.appendix.iter().map(|a| a.id).collect()
    } else {
        HashSet::new()
    };
    let mut b = String::new();

    let _ = writeln!(b, "<header>\n<h1>{}</h1>", escape(&o.title));
    let _ = writeln!(
        b,
        "<p class=\"subtitle\">{} · window {} to {}{} · citations like [#ID] are win ids in Caliber</p>\n</header>",
        escape(&o.ladder_name),
        o.cycle.start,
        o.cycle.end,
        o.cycle
            .target_date
            .map(|d| format!(" · target date {d}"))
            .unwrap_or_default()
    );
    b.push_str("<nav aria-label=\"Contents\"><ol>");
    for sec in &o.shape.sections {
        let _ = write!(
            b,
            "<li><a href=\"#{}\">{}</a></li>",
            anchor(sec.part),
            escape(nav_label(&sec.heading))
        );
    }
    b.push_str("</ol></nav>\n");

    for sec in &o.shape.sections {
        let _ = writeln!(
            b,
            "<section id=\"{}\">\n<h2>{}</h2>",
            anchor(sec.part),
            escape(&sec.heading)
        );
        match sec.part {
            Part::Summary => summary(&mut b, o, &known),
            Part::Expectations => expectations(&mut b, o, &known, number_of(&sec.heading)),
            Part::Principles => principles(&mut b, o, &known),
            Part::Providers => providers(&mut b, o, &known),
            Part::Growth => growth(&mut b, o, &known),
            Part::Appendix => appendix(&mut b, o),
        }
        b.push_str("</section>\n");
    }

    page(&o.title, &b)
}

/// Renders the short review texts as a self-contained HTML5 file in the same style
/// as the outline.
pub fn render_short_review(r: &ShortReview) -> String {
    let mut b = format!("<header>\n<h1>{}</h1>\n</header>\n", escape(&r.name));
    for (i, t) in r.texts.iter().enumerate() {
        let _ = writeln!(
            b,
            "<section id=\"text-{}\">\n<h2>{}</h2>",
            i + 1,
            escape(&t.heading)
        );
        if t.paras.is_empty() {
            b.push_str("<p class=\"empty\">No win in the window yet.</p>\n");
        } else if t.part == ShortPart::Accomplishments {
            b.push_str("<ul class=\"items\">\n");
            for a in &t.paras {
                let _ = writeln!(b, "<li>{}</li>", text(&a.text, None));
            }
            b.push_str("</ul>\n");
        } else {
            for p in &t.paras {
                let _ = writeln!(b, "<p>{}</p>", text(&p.text, None));
            }
        }
        b.push_str("</section>\n");
    }
    page(&r.name, &b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_all_five() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn citations_link_only_known_ids_and_only_digits() {
        let known: HashSet<WinId> = [12].into_iter().collect();
        let out = link_citations("a [#12] b [#7] c [#x] d [#12 e [#", Some(&known));
        assert_eq!(
            out,
            "a <a class=\"cite\" href=\"#win-12\">[#12]</a> b <span class=\"cite\">[#7]</span> c [#x] d [#12 e [#"
        );
    }

    #[test]
    fn short_review_is_a_page_with_its_text_escaped() {
        let para = |t: &str| crate::outline::model::Para {
            text: t.into(),
            cites: vec![],
        };
        let f = crate::outline::docx::tests::short_review(
            vec![para("I shipped <img src=x> [#3].")],
            para("Calm & steady."),
            para("Delegation."),
        );
        let h = render_short_review(&f);
        assert!(h.starts_with("<!DOCTYPE html>"));
        assert!(h.contains("&lt;img src=x&gt;") && !h.contains("<img"));
        assert!(
            h.contains("<span class=\"cite\">[#3]</span>"),
            "no appendix, so no link"
        );
        assert!(h.contains("<h2>Superpowers</h2>") && h.contains("Calm &amp; steady."));
    }

    #[test]
    fn only_web_links_are_clickable() {
        assert!(
            link("https://example.com/a?b=1&c=2")
                .starts_with("<a href=\"https://example.com/a?b=1&amp;c=2\"")
        );
        assert_eq!(link("javascript:alert(1)"), "javascript:alert(1)");
        assert_eq!(link("file:///etc/passwd"), "file:///etc/passwd");
        assert_eq!(link("https://"), "https://");
    }
}
