//! What a person types, cleaned and checked before anything is saved: every write
//! path (a win logged or edited, a person, feedback, an import) goes through here,
//! so the same words typed on two keyboards are stored the same, and a field too
//! long or empty is refused with the same message wherever it came from.

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::ladder::principles;
use crate::model::{ExpectationTag, PersonDraft, PersonRef, Setting, WinDraft};

/// Longest title accepted: a title is one line, details go in the notes.
pub const MAX_TITLE_CHARS: usize = 300;
/// Longest free text accepted in one field (situation, action, result, notes).
pub const MAX_TEXT_CHARS: usize = 20_000;
/// The most people one win may name: more is a pasted list, not the people who can
/// vouch for one piece of work.
pub const MAX_PEOPLE_PER_WIN: usize = 100;
/// The most tags one win may carry.
pub const MAX_TAGS_PER_WIN: usize = 50;
/// Longest one-line value accepted (a metric, a tag, a name on a win).
pub(crate) const MAX_SHORT_CHARS: usize = 200;
/// Longest link accepted.
pub(crate) const MAX_LINK_CHARS: usize = 2_000;

/// Longest person's name (and org) accepted.
pub(crate) const MAX_NAME_CHARS: usize = 200;
/// Longest note about a person, or quote of feedback, accepted.
pub(crate) const MAX_QUOTE_CHARS: usize = 20_000;

/// The app's colour themes.
pub const THEMES: &[&str] = &["system", "light", "dark"];

/// Checks a setting's value against its key's rule and returns what is kept: the
/// org a one-line name (blank means not said), the shortcut and the flags one line,
/// the theme one of [`THEMES`], the cycle and the reminder JSON, the reminder's last
/// firing a local time (`2026-12-03T09:00:00`).
pub(crate) fn setting(key: Setting, value: &str) -> Result<String> {
    let line = one_line(value);
    let bad = |what: &str| Error::invalid(format!("the setting '{key}' {what}"));
    match key {
        Setting::Org => {
            if line.chars().count() > MAX_NAME_CHARS {
                return Err(bad(&format!(
                    "is too long: an org's name is at most {MAX_NAME_CHARS} characters"
                )));
            }
            Ok(line)
        }
        Setting::Shortcut | Setting::Onboarded => {
            if line.is_empty() {
                return Err(bad(
                    "needs a value, e.g. CmdOrCtrl+Shift+L for the shortcut",
                ));
            }
            if line.chars().count() > MAX_SHORT_CHARS {
                return Err(bad(&format!("is longer than {MAX_SHORT_CHARS} characters")));
            }
            Ok(line)
        }
        Setting::Theme => {
            let theme = line.to_lowercase();
            if THEMES.contains(&theme.as_str()) {
                Ok(theme)
            } else {
                Err(bad(&format!("is one of {}", THEMES.join(", "))))
            }
        }
        Setting::Cycle | Setting::Reminder => {
            serde_json::from_str::<serde_json::Value>(value)
                .map_err(|e| bad(&format!("must be JSON ({e})")))?;
            Ok(value.to_string())
        }
        Setting::ReminderLast => {
            chrono::NaiveDateTime::parse_from_str(&line, "%Y-%m-%dT%H:%M:%S")
                .map_err(|_| bad("must be a local time like 2026-12-03T09:00:00"))?;
            Ok(line)
        }
    }
}

/// Checks a person's record and returns it cleaned: a name on one line, the org on
/// one line, free notes.
pub(crate) fn person(d: &PersonDraft) -> Result<PersonDraft> {
    let name = one_line(&d.name);
    if name.is_empty() {
        return Err(Error::invalid("a person needs a name, e.g. \"Priya Shah\""));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(Error::invalid(format!(
            "the name is too long (at most {MAX_NAME_CHARS} characters)"
        )));
    }
    Ok(PersonDraft {
        name,
        relation: d.relation,
        org: text(d.org.clone().map(|o| one_line(&o)), "org", MAX_NAME_CHARS)?,
        notes: text(d.notes.clone(), "notes", MAX_QUOTE_CHARS)?,
        seniority: d.seniority,
    })
}

/// A win draft checked and cleaned: what the store writes.
#[derive(Debug, Clone)]
pub(crate) struct CleanWin {
    pub date: NaiveDate,
    pub draft: WinDraft,
}

/// Checks a draft against the rules of a win and returns it cleaned up. `valid_ids`
/// are the expectation ids the win may carry; `ladder` names them in the message.
pub(crate) fn win(
    draft: &WinDraft,
    today: NaiveDate,
    valid_ids: &[&str],
    ladder: &str,
) -> Result<CleanWin> {
    let mut d = draft.clone();
    d.title = one_line(&d.title);
    if d.title.is_empty() {
        return Err(Error::invalid(
            "a win needs a title: one line saying what happened, e.g. \"Hired two managers for the payments org\"",
        ));
    }
    let n = d.title.chars().count();
    if n > MAX_TITLE_CHARS {
        return Err(Error::invalid(format!(
            "the title is {n} characters; keep it to one line of at most {MAX_TITLE_CHARS} and put the rest in the notes"
        )));
    }
    for (name, field) in [
        ("situation", &mut d.situation),
        ("action", &mut d.action),
        ("result", &mut d.result),
        ("notes", &mut d.notes),
    ] {
        *field = text(field.take(), name, MAX_TEXT_CHARS)?;
    }
    d.metric = text(
        d.metric.take().map(|m| one_line(&m)),
        "metric",
        MAX_SHORT_CHARS,
    )?;
    let date = d.date.unwrap_or(today);
    let date = crate::dates::check_year(date, &date.to_string())?;
    d.date = Some(date);

    let mut tags: Vec<String> = Vec::new();
    let mut seen_tags = std::collections::HashSet::new();
    for t in &d.tags {
        let t = crate::names::tag_form(&one_line(t));
        if t.is_empty() {
            continue;
        }
        if t.chars().count() > MAX_SHORT_CHARS {
            return Err(Error::invalid(format!(
                "the tag '{t}' is too long (at most {MAX_SHORT_CHARS} characters)"
            )));
        }
        let key = crate::names::tag_key(&t);
        if seen_tags.insert(key) {
            tags.push(t);
        }
    }
    if tags.len() > MAX_TAGS_PER_WIN {
        return Err(Error::invalid(format!(
            "the win '{}' has {} tags; one win may carry at most {MAX_TAGS_PER_WIN}, so keep the ones you will search by; nothing was saved",
            d.title,
            tags.len()
        )));
    }
    d.tags = tags;

    let mut links: Vec<String> = Vec::new();
    let mut seen_links = std::collections::HashSet::new();
    for l in &d.links {
        let l = without_bidi_overrides(l.trim());
        if l.is_empty() {
            continue;
        }
        if l.chars().count() > MAX_LINK_CHARS || l.chars().any(char::is_control) {
            return Err(Error::invalid(format!(
                "the link '{}' is not a usable address (one line, at most {MAX_LINK_CHARS} characters)",
                l.chars().take(60).collect::<String>()
            )));
        }
        if seen_links.insert(l.clone()) {
            links.push(l);
        }
    }
    d.links = links;

    let mut tags_out: Vec<ExpectationTag> = Vec::new();
    for t in &d.expectations {
        let id = crate::ladder::resolve_expectation(valid_ids, &t.id, ladder)?;
        match tags_out.iter_mut().find(|x| x.id == id) {
            Some(existing) => existing.confirmed |= t.confirmed,
            None => tags_out.push(ExpectationTag {
                id: id.to_string(),
                confirmed: t.confirmed,
            }),
        }
    }
    d.expectations = tags_out;

    let set = principles();
    let mut ps: Vec<String> = Vec::new();
    for p in &d.principles {
        let id = set.resolve(p)?.id.clone();
        if !ps.contains(&id) {
            ps.push(id);
        }
    }
    d.principles = ps;

    let mut people: Vec<PersonRef> = Vec::new();
    // Where each name's key is in `people`: one look-up per name, however many.
    let mut seen_people: std::collections::HashMap<String, usize> =
        std::collections::HashMap::new();
    for p in &d.people {
        let name = one_line(&p.name);
        if name.is_empty() {
            continue;
        }
        if name.chars().count() > MAX_SHORT_CHARS {
            return Err(Error::invalid(format!(
                "the name '{name}' is too long (at most {MAX_SHORT_CHARS} characters)"
            )));
        }
        match seen_people.entry(crate::names::name_key(&name)) {
            std::collections::hash_map::Entry::Occupied(at) => {
                people[*at.get()].vouches |= p.vouches
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(people.len());
                people.push(PersonRef {
                    name,
                    vouches: p.vouches,
                });
            }
        }
    }
    if people.len() > MAX_PEOPLE_PER_WIN {
        return Err(Error::invalid(format!(
            "the win '{}' names {} people; one win may name at most {MAX_PEOPLE_PER_WIN}, so keep those who took part or can vouch for it; nothing was saved",
            d.title,
            people.len()
        )));
    }
    d.people = people;
    Ok(CleanWin { date, draft: d })
}

/// Collapses a text to one line: control characters and runs of space become one
/// space, bidirectional overrides are taken out (see [`without_bidi_overrides`]), and
/// the text is put in Unicode's composed form (NFC), so the same words typed on two
/// keyboards are stored the same.
pub(crate) fn one_line(s: &str) -> String {
    crate::names::nfc(
        &without_bidi_overrides(s)
            .split(|c: char| c.is_whitespace() || c.is_control())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// `s` without the bidirectional embeddings, overrides and isolates (U+202A to
/// U+202E, U+2066 to U+2069). In a one-line field they only serve to spoof: U+202E
/// shows "invoice\u{202E}fdp.exe" as "invoiceexe.pdf", in a list, a file name or a
/// terminal. The left-to-right and right-to-left marks (U+200E, U+200F, U+061C)
/// stay: they change no order beyond their neighbours and are what mixed Arabic
/// or Hebrew and Latin text needs to show right. Free text (notes, quotes) keeps
/// everything: it is never shown on one line beside other fields.
pub(crate) fn without_bidi_overrides(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect()
}

/// Trims a free text, drops it when empty, refuses it when too long. Line breaks and
/// tabs stay; other control characters go.
pub(crate) fn text(s: Option<String>, field: &str, max: usize) -> Result<Option<String>> {
    let Some(s) = s else { return Ok(None) };
    let s: String = s
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect();
    let s = crate::names::nfc(s.trim());
    if s.is_empty() {
        return Ok(None);
    }
    let n = s.chars().count();
    if n > max {
        return Err(Error::invalid(format!(
            "the {field} is {n} characters; keep it under {max}"
        )));
    }
    Ok(Some(s))
}

/// A quote of feedback, cleaned as free text; `None` when nothing is left of it.
pub(crate) fn quote(s: &str) -> Result<Option<String>> {
    text(Some(s.to_string()), "quote", MAX_QUOTE_CHARS)
}
