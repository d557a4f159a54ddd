//! Reading a brag document, line by line. Each top-level bullet becomes a win; what
//! is indented under it (labelled fields, notes, code) belongs to it; the headings
//! above give the date when the bullet has none of its own. Errors name the line.

use chrono::{DateTime, NaiveDate, Utc};

use super::dates::{Period, bullet_date, heading_period};
use super::text::{self, Bullet, indent_of, strip_columns};
use crate::error::{Error, Result};
use crate::io::draft::{fit_title, new_win, prepend_notes};
use crate::model::{ExpectationTag, Scope, Win, WinPerson};
use crate::store::Records;

/// A sub-bullet label and the field it fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Situation,
    Action,
    Result,
    Notes,
    Metric,
    Scope,
    People,
    Links,
    Principles,
    Tags,
    Expect,
    Suggested,
}

impl Label {
    fn read(name: &str) -> Option<Label> {
        Some(match name.trim().to_ascii_lowercase().as_str() {
            "situation" => Label::Situation,
            "action" => Label::Action,
            "result" | "results" | "impact" => Label::Result,
            "notes" | "note" => Label::Notes,
            "metric" => Label::Metric,
            "scope" => Label::Scope,
            "people" => Label::People,
            "links" | "link" => Label::Links,
            "principles" | "principle" => Label::Principles,
            "tags" | "tag" => Label::Tags,
            "expect" | "expectations" | "expectation" => Label::Expect,
            "suggested" => Label::Suggested,
            _ => return None,
        })
    }

    /// Free text keeps its lines; the other fields are lists on one line.
    fn keeps_lines(self) -> bool {
        matches!(
            self,
            Label::Situation | Label::Action | Label::Result | Label::Notes
        )
    }
}

/// What the heading(s) above a bullet say about its date.
#[derive(Debug, Clone)]
enum Context {
    Date(NaiveDate),
    Undated,
    /// A `## March` or `## Q2` heading with no year above it.
    NoYear {
        line: usize,
        text: String,
    },
}

/// Where the lines that follow go.
#[derive(Debug, Clone, Copy)]
enum Target {
    Field(usize),
    Notes,
}

#[derive(Debug, Clone, Copy)]
struct Open {
    target: Target,
    /// Lines indented at least this far belong to the target.
    content: usize,
    /// Columns taken off each of those lines.
    strip: usize,
}

/// One top-level bullet being read.
#[derive(Debug)]
struct Item {
    line: usize,
    indent: usize,
    context: Context,
    /// The bullet's own paragraph, raw.
    text: String,
    in_text: bool,
    fields: Vec<(Label, Vec<String>)>,
    notes: Vec<String>,
    tags: Vec<String>,
    open: Option<Open>,
    blank: bool,
    nested_base: Option<usize>,
}

#[derive(Debug)]
struct Heading {
    level: usize,
    line: usize,
    text: String,
    period: Option<Period>,
}

struct Parser {
    headings: Vec<Heading>,
    item: Option<Item>,
    records: Records,
    now: DateTime<Utc>,
}

/// Reads a brag document into wins.
pub(in crate::io) fn parse(content: &str) -> Result<Records> {
    let mut p = Parser {
        headings: Vec::new(),
        item: None,
        records: Records::default(),
        now: Utc::now(),
    };
    let lines: Vec<&str> = content.lines().collect();
    let mut n = 0;
    // YAML front matter, as static-site generators and notes apps write it.
    if lines.first().map(|l| l.trim_end()) == Some("---") {
        n = lines
            .iter()
            .skip(1)
            .position(|l| matches!(l.trim_end(), "---" | "..."))
            .map(|i| i + 2)
            .unwrap_or(0);
    }
    let mut fence: Option<String> = None;
    let mut comment = false;
    while n < lines.len() {
        let raw = lines[n];
        n += 1;
        let (indent, rest) = indent_of(raw);
        let rest = rest.trim_end();
        if p.continues_item(raw, indent, rest) {
            continue;
        }
        if let Some(f) = &fence {
            if rest.starts_with(f.as_str()) && rest.trim_start_matches(f.as_str()).trim().is_empty()
            {
                fence = None;
            }
            continue;
        }
        if comment {
            comment = !rest.contains("-->");
            continue;
        }
        if indent < 4 && (rest.starts_with("```") || rest.starts_with("~~~")) {
            if p.code_in_item(indent, rest) {
                continue;
            }
            p.finish()?;
            let c = &rest[..1];
            let len = rest.len() - rest.trim_start_matches(c).len();
            fence = Some(c.repeat(len));
            continue;
        }
        if rest.starts_with("<!--") {
            comment = !rest.contains("-->");
            continue;
        }
        p.line(n, raw, indent, rest)?;
    }
    p.finish()?;
    Ok(p.records)
}

impl Parser {
    /// Feeds a line to the open field of the current item when it is indented under
    /// it (so lists and code inside notes stay notes). True when taken.
    fn continues_item(&mut self, raw: &str, indent: usize, rest: &str) -> bool {
        let Some(item) = &mut self.item else {
            return false;
        };
        if rest.is_empty() {
            item.blank = true;
            item.in_text = false;
            return true;
        }
        let Some(open) = item.open else { return false };
        if indent < open.content {
            return false;
        }
        let line = strip_columns(raw, open.strip).trim_end().to_string();
        item.push(open.target, line);
        true
    }

    /// A code block indented under the current item is part of its notes; its lines
    /// then follow as continuation lines. True when taken.
    fn code_in_item(&mut self, indent: usize, rest: &str) -> bool {
        let Some(item) = &mut self.item else {
            return false;
        };
        if indent <= item.indent {
            return false;
        }
        item.in_text = false;
        item.open = Some(Open {
            target: Target::Notes,
            content: indent,
            strip: indent,
        });
        item.push(Target::Notes, rest.to_string());
        true
    }

    fn line(&mut self, n: usize, raw: &str, indent: usize, rest: &str) -> Result<()> {
        if indent < 4
            && let Some((level, text)) = text::atx_heading(rest)
        {
            self.finish()?;
            let period =
                heading_period(text).map_err(|m| Error::BadFile(format!("line {n}: {m}")))?;
            while self.headings.last().is_some_and(|h| h.level >= level) {
                self.headings.pop();
            }
            self.headings.push(Heading {
                level,
                line: n,
                text: text.to_string(),
                period,
            });
            return Ok(());
        }
        if indent < 4 && text::is_thematic_break(rest) {
            return self.finish();
        }
        if let Some(bullet) = Bullet::read(rest) {
            if let Some(item) = &mut self.item
                && indent > item.indent
            {
                item.nested(raw, indent, &bullet);
                return Ok(());
            }
            self.finish()?;
            let context = self.context();
            self.item = Some(Item {
                line: n,
                indent,
                context,
                text: bullet.text.to_string(),
                in_text: true,
                fields: Vec::new(),
                notes: Vec::new(),
                tags: Vec::new(),
                open: None,
                blank: false,
                nested_base: None,
            });
            return Ok(());
        }
        // A plain line.
        let Some(item) = &mut self.item else {
            return Ok(());
        };
        if item.in_text && !item.blank && !ends_sentence(&item.text) {
            // A wrapped line of the title's sentence.
            item.text.push(' ');
            item.text.push_str(rest);
        } else if item.in_text && !item.blank {
            // The title is a full sentence; what follows it is detail.
            item.in_text = false;
            item.open = Some(Open {
                target: Target::Notes,
                content: indent,
                strip: indent,
            });
            item.push(Target::Notes, rest.to_string());
        } else if let (Some(open), false) = (item.open, item.blank) {
            // A lazy continuation: Markdown lets a wrapped line start at the margin.
            item.push(open.target, rest.to_string());
        } else if indent > item.indent {
            // A paragraph inside the item, after a blank line: more notes.
            item.open = Some(Open {
                target: Target::Notes,
                content: indent,
                strip: indent,
            });
            item.push(Target::Notes, rest.to_string());
        } else {
            // A paragraph at the margin ends the list; it is not evidence.
            return self.finish();
        }
        Ok(())
    }

    /// The date the headings above give a bullet starting now.
    fn context(&self) -> Context {
        let mut year = None;
        let mut inner: Option<&Heading> = None;
        for h in self.headings.iter().rev() {
            let Some(p) = h.period else { continue };
            if inner.is_none() {
                inner = Some(h);
            }
            if let Some(y) = p.year() {
                year = Some(y);
                break;
            }
        }
        let Some(h) = inner else {
            return Context::Undated;
        };
        match h.period.and_then(|p| p.first_day(year)) {
            Some(d) => Context::Date(d),
            None => Context::NoYear {
                line: h.line,
                text: h.text.clone(),
            },
        }
    }

    /// Turns the current item, if any, into a win.
    fn finish(&mut self) -> Result<()> {
        let Some(item) = self.item.take() else {
            return Ok(());
        };
        let line = item.line;
        if let Some(win) = item.into_win(self.records.wins.len() + 1, self.now)? {
            self.records.wins.push(win);
            self.records.win_origins.push(format!("line {line}"));
        }
        Ok(())
    }
}

/// True when a title line ends a sentence, so the next line is not part of it.
fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', '!', '?'])
}

/// Lines of a field as one value: free text keeps its lines, lists become one line.
fn join(lines: &[String], keep_lines: bool) -> String {
    let sep = if keep_lines { "\n" } else { " " };
    lines.join(sep).trim().to_string()
}

fn append(old: Option<String>, more: String) -> Option<String> {
    Some(match old {
        Some(o) => format!("{o}\n\n{more}"),
        None => more,
    })
}

/// The non-empty items of a list written with any of `seps` between them.
fn list(value: &str, seps: &[char]) -> Vec<String> {
    value
        .split(seps)
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .collect()
}

fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(suffix.len())?;
    (s.is_char_boundary(cut) && s[cut..].eq_ignore_ascii_case(suffix)).then(|| &s[..cut])
}

impl Item {
    fn push(&mut self, target: Target, line: String) {
        let blank = std::mem::replace(&mut self.blank, false);
        let buf = match target {
            Target::Field(i) => &mut self.fields[i].1,
            Target::Notes => &mut self.notes,
        };
        if blank && !buf.is_empty() {
            buf.push(String::new());
        }
        buf.push(line);
    }

    /// A bullet indented under this one: a labelled field, a line of tags, or notes.
    fn nested(&mut self, raw: &str, indent: usize, bullet: &Bullet<'_>) {
        self.in_text = false;
        let base = *self.nested_base.get_or_insert(indent);
        let content = indent + bullet.width;
        if let Some((label, value)) = bullet.text.split_once(':')
            && let Some(label) = Label::read(label.trim_matches(['*', '_']))
        {
            self.blank = false;
            let value = value.trim_start_matches(['*', '_']).trim();
            self.fields.push((label, vec![value.to_string()]));
            self.open = Some(Open {
                target: Target::Field(self.fields.len() - 1),
                content,
                strip: content,
            });
            return;
        }
        let (words, tags) = text::take_tags(bullet.text);
        if !tags.is_empty() && words.trim().is_empty() {
            self.blank = false;
            self.tags.extend(tags);
            self.open = None;
            return;
        }
        self.tags.extend(tags);
        let line = strip_columns(raw, base.min(indent)).trim_end().to_string();
        self.push(Target::Notes, line);
        self.open = Some(Open {
            target: Target::Notes,
            content,
            strip: base.min(indent),
        });
    }

    /// The win this bullet stands for; `None` for an empty bullet.
    fn into_win(self, number: usize, now: DateTime<Utc>) -> Result<Option<Win>> {
        let line = self.line;
        let at = |msg: String| Error::BadFile(format!("line {line}: {msg}"));
        let text = self.text.trim();
        if text.is_empty() && self.fields.is_empty() && self.notes.is_empty() {
            return Ok(None);
        }
        let (own, text) = match bullet_date(text).map_err(at)? {
            Some((d, used)) => (Some(d), text::skip_separator(&text[used..])),
            None => (None, text),
        };
        let date = match (own, &self.context) {
            (Some(d), _) => d,
            (None, Context::Date(d)) => *d,
            (None, Context::Undated) => {
                return Err(at(
                    "no date for this bullet; put it under a dated heading such as '## 2026-03' or start it with YYYY-MM-DD".into(),
                ));
            }
            (None, Context::NoYear { line: h, text: t }) => {
                return Err(at(format!(
                    "no date for this bullet: the heading '{t}' on line {h} has no year; write it like '## March 2026' or '## Q1 2026', or start the bullet with YYYY-MM-DD"
                )));
            }
        };

        let parts = text::split_title(text);
        let (title, rest) = fit_title(&parts.title);
        let mut win = new_win(number, date, title, now);
        win.metric = parts.metric;
        if let Some(s) = parts.scope {
            win.scope = s;
        }
        win.links = parts.links;
        win.tags = parts.tags;
        let mut seen: std::collections::HashSet<String> = win.tags.iter().cloned().collect();
        for t in self.tags {
            if seen.insert(t.clone()) {
                win.tags.push(t);
            }
        }

        let mut notes = Vec::new();
        for (label, lines) in self.fields {
            let value = join(&lines, label.keeps_lines());
            if value.is_empty() {
                continue;
            }
            let value = if label.keeps_lines() {
                text::unescape(&value)
            } else {
                value
            };
            match label {
                Label::Situation => win.situation = append(win.situation.take(), value),
                Label::Action => win.action = append(win.action.take(), value),
                Label::Result => win.result = append(win.result.take(), value),
                Label::Notes => notes.push(value),
                Label::Metric => win.metric = Some(value),
                Label::Scope => {
                    win.scope = value.parse::<Scope>().map_err(|e| at(e.to_string()))?;
                }
                Label::People => {
                    for name in text::split_escaped(&value, |c| matches!(c, ',' | ';')) {
                        let (name, vouches) = match strip_suffix_ci(&name, "(vouches)") {
                            Some(n) => (n.trim().to_string(), true),
                            None => (name, false),
                        };
                        let name = text::unescape_item(name.trim_start_matches('@').trim());
                        if !name.is_empty() {
                            win.people.push(WinPerson {
                                person_id: 0,
                                name,
                                vouches,
                            });
                        }
                    }
                }
                Label::Links => {
                    for l in text::split_escaped(&value, char::is_whitespace) {
                        let l = match l.strip_prefix('<').and_then(|l| l.strip_suffix('>')) {
                            Some(auto) => auto.to_string(),
                            None => {
                                let l = match l.strip_suffix(',') {
                                    Some(cut) if !cut.ends_with('\\') => cut,
                                    _ => l.as_str(),
                                };
                                text::unescape_item(l)
                            }
                        };
                        if !l.is_empty() {
                            win.links.push(l);
                        }
                    }
                }
                Label::Principles => {
                    let semicolons = text::split_escaped(&value, |c| c == ';').len() > 1;
                    let sep = if semicolons { ';' } else { ',' };
                    win.principles.extend(
                        text::split_escaped(&value, |c| c == sep)
                            .iter()
                            .map(|p| text::unescape_item(p)),
                    );
                }
                Label::Tags => {
                    // Commas separate tags of several words; without one, as in
                    // "#hiring #payments", white space does.
                    let commas = text::split_escaped(&value, |c| c == ',').len() > 1
                        || value.trim_end().ends_with(',');
                    let sep = |c: char| {
                        if commas { c == ',' } else { c.is_whitespace() }
                    };
                    let mut seen: std::collections::HashSet<String> =
                        win.tags.iter().cloned().collect();
                    for t in text::split_escaped(&value, sep) {
                        let t = text::unescape_item(t.trim_start_matches('#')).to_lowercase();
                        if !t.is_empty() && seen.insert(t.clone()) {
                            win.tags.push(t);
                        }
                    }
                }
                Label::Expect | Label::Suggested => {
                    for id in list(&value, &[',', ';', ' ']) {
                        win.expectations.push(ExpectationTag {
                            id,
                            confirmed: label == Label::Expect,
                        });
                    }
                }
            }
        }
        let loose = join(&self.notes, true);
        if !loose.is_empty() {
            notes.push(loose);
        }
        let notes = (!notes.is_empty()).then(|| notes.join("\n\n"));
        win.notes = prepend_notes(rest, notes);
        Ok(Some(win))
    }
}
