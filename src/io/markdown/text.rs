//! The line-level Markdown a brag document needs: indentation, headings, bullets,
//! and taking a bullet's title apart into tags, links, metric and scope. Only as
//! much CommonMark as real brag documents use; no full parser, no dependency.

use crate::model::Scope;

/// Columns of leading whitespace (a tab reaches the next multiple of 4) and the rest.
pub(super) fn indent_of(line: &str) -> (usize, &str) {
    let mut col = 0;
    for c in line.chars() {
        match c {
            ' ' => col += 1,
            '\t' => col = (col / 4 + 1) * 4,
            _ => break,
        }
    }
    (col, line.trim_start_matches([' ', '\t']))
}

/// `line` with `n` columns of its leading whitespace taken off.
pub(super) fn strip_columns(line: &str, n: usize) -> String {
    let mut col = 0;
    for (i, c) in line.char_indices() {
        if col >= n {
            return line[i..].to_string();
        }
        match c {
            ' ' => col += 1,
            '\t' => {
                let next = (col / 4 + 1) * 4;
                if next > n {
                    return format!("{}{}", " ".repeat(next - n), &line[i + 1..]);
                }
                col = next;
            }
            _ => return line[i..].to_string(),
        }
    }
    String::new()
}

/// An ATX heading (`## Text`): its level and text.
pub(super) fn atx_heading(rest: &str) -> Option<(usize, &str)> {
    let level = rest.bytes().take_while(|b| *b == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let after = &rest[level..];
    if !after.is_empty() && !after.starts_with([' ', '\t']) {
        return None;
    }
    let text = after.trim();
    // An optional closing run of #, when set off by a space.
    let open = text.trim_end_matches('#');
    let text = if open.is_empty() {
        ""
    } else if open.len() < text.len() && open.ends_with([' ', '\t']) {
        open.trim_end()
    } else {
        text
    };
    Some((level, text))
}

/// `---`, `***`, `- - -`: a line across the page, which also ends a list.
pub(super) fn is_thematic_break(rest: &str) -> bool {
    let marks: Vec<char> = rest.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3 && matches!(marks[0], '-' | '*' | '_') && marks.iter().all(|c| *c == marks[0])
}

/// A list item's marker and text.
#[derive(Debug)]
pub(super) struct Bullet<'a> {
    /// Columns from the marker to the text: where lines under it are indented to.
    pub width: usize,
    /// The text after the marker (and after a task box `[ ]` / `[x]`).
    pub text: &'a str,
}

impl<'a> Bullet<'a> {
    /// Reads `- `, `* `, `+ `, `1. ` or `1) ` at the start of `rest`.
    pub(super) fn read(rest: &'a str) -> Option<Bullet<'a>> {
        let b = rest.as_bytes();
        let marker = match b.first()? {
            b'-' | b'*' | b'+' => 1,
            _ => {
                let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
                if !(1..=9).contains(&digits) || !matches!(b.get(digits), Some(b'.' | b')')) {
                    return None;
                }
                digits + 1
            }
        };
        let after = &rest[marker..];
        if after.is_empty() {
            return Some(Bullet {
                width: marker + 1,
                text: "",
            });
        }
        if !after.starts_with([' ', '\t']) {
            return None;
        }
        let text = after.trim_start();
        let spaces = after.len() - text.len();
        let width = marker + if spaces > 4 { 1 } else { spaces };
        let text = ["[ ] ", "[x] ", "[X] "]
            .iter()
            .find_map(|t| text.strip_prefix(t))
            .unwrap_or(text)
            .trim_start();
        Some(Bullet { width, text })
    }
}

/// Past one separator between a bullet's date and its title (`:`, `-`, `—`, `|`).
pub(super) fn skip_separator(text: &str) -> &str {
    let t = text.trim_start();
    t.strip_prefix([':', '-', '–', '—', '|', ','])
        .unwrap_or(t)
        .trim_start()
}

/// Escapes what import would otherwise read as structure: backslashes, emphasis,
/// link brackets, `#tag` starts, and a closing parenthesis at the end (which would
/// pass for a metric). With `parens`, every parenthesis is escaped (for the metric).
/// `<` and an `&` that starts an entity are escaped too, so no text a person typed
/// becomes HTML, an autolink or another character in a Markdown viewer.
pub(super) fn escape(text: &str, parens: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    let mut i = 0;
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let special = match c {
            '\\' | '*' | '[' | ']' | '<' => true,
            '&' => starts_entity(&text[i..]),
            '_' => {
                !(prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric))
            }
            '#' => prev.is_none_or(starts_tag),
            '(' => parens,
            ')' => parens || next.is_none(),
            _ => false,
        };
        if special {
            out.push('\\');
        }
        out.push(c);
        prev = Some(c);
        i += c.len_utf8();
    }
    out
}

/// True when `text` (starting with `&`) reads as an HTML entity such as `&amp;` or
/// `&#60;`, which a Markdown viewer would show as another character.
fn starts_entity(text: &str) -> bool {
    let body = &text[1..];
    let end = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
        .unwrap_or(body.len());
    end > 0 && body[end..].starts_with(';')
}

/// Escapes a free text (situation, action, result, notes) written under a label:
/// no HTML, link or entity can form, and a leading `*` or `_` is not taken for the
/// label's emphasis. Line structure (lists, headings, code) stays as typed: it is
/// read back as the field's own lines.
pub(super) fn escape_block(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let special = match c {
            '\\' | '[' | ']' | '<' => true,
            '&' => starts_entity(&text[i..]),
            '*' | '_' | '@' => i == 0,
            _ => false,
        };
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes one value of a labelled list (a name, a tag, a link shown as text): its
/// separators (`,` `;` and, with `spaces`, white space), the parentheses of
/// "(vouches)", a leading `@` or `#` that import would take off, and what
/// [`escape_block`] escapes.
pub(super) fn escape_item(text: &str, spaces: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let special = match c {
            '\\' | '[' | ']' | '<' | '>' | ',' | ';' | '(' | ')' | '*' | '_' => true,
            '&' => starts_entity(&text[i..]),
            '@' | '#' => i == 0,
            ' ' => spaces,
            _ => false,
        };
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Splits a labelled list on the separators `is_sep` accepts, except escaped ones
/// and those inside an `<autolink>` that opens a value. The values come back
/// trimmed and still escaped, so the caller can look at their unescaped marks
/// (a "(vouches)" suffix, a leading `@`) before [`unescape`].
pub(super) fn split_escaped(value: &str, is_sep: impl Fn(char) -> bool) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && (next.is_ascii_punctuation() || next == ' ')
        {
            current.push(c);
            current.push(next);
            chars.next();
        } else if c == '<' && current.trim().is_empty() {
            current.push(c);
            for d in chars.by_ref() {
                current.push(d);
                if d == '>' {
                    break;
                }
            }
        } else if is_sep(c) {
            items.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    items.push(current);
    items
        .into_iter()
        .map(|i| i.trim().to_string())
        .filter(|i| !i.is_empty())
        .collect()
}

/// A bullet's title taken apart.
#[derive(Debug, Default)]
pub(super) struct TitleParts {
    pub title: String,
    pub metric: Option<String>,
    pub scope: Option<Scope>,
    pub links: Vec<String>,
    pub tags: Vec<String>,
}

/// Takes `Title #tag [link](https://…) (metric) [scope]` apart. The metric is only
/// read before a scope, as export writes it: in hand-written text a closing
/// parenthesis is far more often a plain aside.
pub(super) fn split_title(text: &str) -> TitleParts {
    let (rest, scope) = take_scope(text);
    let (rest, metric) = if scope.is_some() {
        take_metric(rest)
    } else {
        (rest, None)
    };
    let (rest, tags) = take_tags(rest);
    let (rest, links) = take_links(&rest);
    TitleParts {
        title: unescape(&drop_emphasis(rest.trim())).trim().to_string(),
        metric: metric.map(unescape).filter(|m| !m.trim().is_empty()),
        scope,
        links,
        tags,
    }
}

/// True when `#` after `prev` would start a tag.
fn starts_tag(prev: char) -> bool {
    prev.is_whitespace() || matches!(prev, '(' | ',')
}

/// True when the byte at `i` is escaped by an odd run of backslashes before it.
fn is_escaped(text: &str, i: usize) -> bool {
    text.as_bytes()[..i]
        .iter()
        .rev()
        .take_while(|b| **b == b'\\')
        .count()
        % 2
        == 1
}

fn take_scope(text: &str) -> (&str, Option<Scope>) {
    let t = text.trim_end();
    if let Some(body) = t.strip_suffix(']')
        && let Some(open) = body.rfind('[')
        && !is_escaped(t, open)
        && let Some(scope) = Scope::ALL
            .iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(body[open + 1..].trim()))
    {
        return (t[..open].trim_end(), Some(*scope));
    }
    (t, None)
}

fn take_metric(text: &str) -> (&str, Option<&str>) {
    let t = text.trim_end();
    let b = t.as_bytes();
    if !t.ends_with(')') || is_escaped(t, t.len() - 1) {
        return (t, None);
    }
    let mut depth = 0usize;
    for i in (0..b.len()).rev() {
        match b[i] {
            b')' if !is_escaped(t, i) => depth += 1,
            b'(' if !is_escaped(t, i) => {
                depth -= 1;
                if depth == 0 {
                    let before = &t[..i];
                    if before.is_empty() || !before.ends_with(char::is_whitespace) {
                        return (t, None);
                    }
                    return (before.trim_end(), Some(&t[i + 1..t.len() - 1]));
                }
            }
            _ => {}
        }
    }
    (t, None)
}

/// Finds `#tag` words. Tags at the end of the text are taken out of it; a tag inside
/// a sentence stays as its word, without the `#`.
pub(super) fn take_tags(text: &str) -> (String, Vec<String>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if c != '#' || is_escaped(text, i) || (k > 0 && !starts_tag(chars[k - 1].1)) {
            continue;
        }
        let mut end = i + 1;
        for &(j, d) in &chars[k + 1..] {
            if d.is_alphanumeric() || matches!(d, '-' | '_' | '/') {
                end = j + d.len_utf8();
            } else {
                break;
            }
        }
        let tag = text[i + 1..end].trim_end_matches(['-', '_', '/']);
        if tag.chars().any(char::is_alphabetic) {
            spans.push((i, i + 1 + tag.len()));
            let tag = tag.to_lowercase();
            if seen.insert(tag.clone()) {
                tags.push(tag);
            }
        }
    }
    let mut cut = text.len();
    for &(start, end) in spans.iter().rev() {
        if text[end..cut]
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, ',' | '.' | ';' | '!'))
        {
            cut = start;
        } else {
            break;
        }
    }
    let mut out = String::with_capacity(cut);
    let starts: std::collections::HashSet<usize> = spans.iter().map(|s| s.0).collect();
    for (i, c) in text[..cut].char_indices() {
        if !starts.contains(&i) {
            out.push(c);
        }
    }
    let out = out.trim_end().trim_end_matches(',').trim_end().to_string();
    (out, tags)
}

/// `[label](https://…)` becomes `label`, and the address a link.
fn take_links(text: &str) -> (String, Vec<String>) {
    let mut out = String::with_capacity(text.len());
    let mut links = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if rest.starts_with('[')
            && !is_escaped(text, i)
            && let Some(close) = rest.find("](")
            && let Some(end) = rest[close + 2..].find(')')
        {
            let label = &rest[1..close];
            let url = &rest[close + 2..close + 2 + end];
            if (url.starts_with("https://") || url.starts_with("http://"))
                && !url.contains(char::is_whitespace)
                && !label.contains('[')
            {
                out.push_str(label);
                links.push(url.to_string());
                i += close + 2 + end + 1;
                continue;
            }
        }
        let Some(c) = rest.chars().next() else { break };
        out.push(c);
        i += c.len_utf8();
    }
    (out, links)
}

/// Takes out the `*` and `_` that mark emphasis: a title is plain text. A star
/// with spaces on both sides ("5 * 3") and an underscore inside a word
/// (`snake_case`) are not emphasis and stay.
fn drop_emphasis(text: &str) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = String::with_capacity(text.len());
    for (k, &(i, c)) in chars.iter().enumerate() {
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|n| n.1);
        let spaced = prev.is_none_or(char::is_whitespace) && next.is_none_or(char::is_whitespace);
        let in_word =
            prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
        let delimiter = match c {
            '*' => !spaced && !is_escaped(text, i),
            '_' => !spaced && !in_word && !is_escaped(text, i),
            _ => false,
        };
        if !delimiter {
            out.push(c);
        }
    }
    out
}

/// Undoes Markdown backslash escapes (a backslash before ASCII punctuation).
pub(super) fn unescape(text: &str) -> String {
    unescape_with(text, false)
}

/// [`unescape`] for one value of a list, where a space may be escaped too.
pub(super) fn unescape_item(text: &str) -> String {
    unescape_with(text, true)
}

fn unescape_with(text: &str, spaces: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && (next.is_ascii_punctuation() || (spaces && next == ' '))
        {
            out.push(next);
            chars.next();
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_apart() {
        let p = split_title("Hired two managers for the #payments org #hiring (2 managers) [org]");
        assert_eq!(p.title, "Hired two managers for the payments org");
        assert_eq!(p.metric.as_deref(), Some("2 managers"));
        assert_eq!(p.scope, Some(Scope::Org));
        assert_eq!(p.tags, vec!["payments", "hiring"]);

        let p = split_title("Wrote the [on-call guide](https://wiki/x) (for SREs) #docs #oncall");
        assert_eq!(p.title, "Wrote the on-call guide (for SREs)");
        assert_eq!(p.metric, None);
        assert_eq!(p.links, vec!["https://wiki/x"]);
        assert_eq!(p.tags, vec!["docs", "oncall"]);

        let p = split_title("**Hired two managers** for *payments* and kept snake_case #hiring.");
        assert_eq!(
            p.title,
            "Hired two managers for payments and kept snake_case"
        );
        assert_eq!(p.tags, vec!["hiring"]);
    }

    #[test]
    fn escaped_titles_survive() {
        for title in [
            "Cut p99 latency (checkout)",
            "Ranked #1 in the *eng* survey",
            "Moved C:\\builds\\* to [S3] for #infra",
            "Ends with [org]",
            "Renamed _internal_ to snake_case_name, 5 * 3 teams",
        ] {
            let line = format!("{} (35%) [team]", escape(title, false));
            let p = split_title(&line);
            assert_eq!(p.title, title, "from {line}");
            assert_eq!(p.metric.as_deref(), Some("35%"));
            let line = format!("{} [team]", escape(title, false));
            assert_eq!(split_title(&line).title, title, "from {line}");
            assert_eq!(split_title(&line).metric, None);
        }
    }

    #[test]
    fn bullets_and_headings() {
        let b = Bullet::read("- [x] Shipped").unwrap();
        assert_eq!((b.width, b.text), (2, "Shipped"));
        let b = Bullet::read("12. Shipped").unwrap();
        assert_eq!((b.width, b.text), (4, "Shipped"));
        assert!(Bullet::read("**bold**").is_none());
        assert!(Bullet::read("-1% churn").is_none());
        assert_eq!(atx_heading("## March 2026 ##"), Some((2, "March 2026")));
        assert_eq!(atx_heading("## C#"), Some((2, "C#")));
        assert_eq!(atx_heading("#hiring"), None);
        assert!(is_thematic_break("- - -"));
        assert_eq!(strip_columns("\t\tx", 6), "  x");
    }
}
