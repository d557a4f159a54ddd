//! The dates people write in brag documents: ISO days and months, month names with
//! or without a day, quarters and bare years. A heading may name a period; a bullet
//! may start with a day. Only a day that cannot exist ("2026-02-30") is an error:
//! anything else that is not a date is simply text.

use chrono::{Datelike, NaiveDate};

use crate::io::messages::bad_date;

/// A stretch of time a heading or bullet names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Period {
    Day(NaiveDate),
    Month(i32, u32),
    Quarter(i32, u32),
    Year(i32),
    /// `## March`: the year comes from a heading above.
    MonthOnly(u32),
    /// `## Q2`: the year comes from a heading above.
    QuarterOnly(u32),
}

impl Period {
    /// The year, when the period names one.
    pub(super) fn year(self) -> Option<i32> {
        match self {
            Period::Day(d) => Some(d.year()),
            Period::Month(y, _) | Period::Quarter(y, _) | Period::Year(y) => Some(y),
            Period::MonthOnly(_) | Period::QuarterOnly(_) => None,
        }
    }

    /// The first day of the period; `year` completes a period that names none.
    pub(super) fn first_day(self, year: Option<i32>) -> Option<NaiveDate> {
        let ymd = NaiveDate::from_ymd_opt;
        match self {
            Period::Day(d) => Some(d),
            Period::Month(y, m) => ymd(y, m, 1),
            Period::Quarter(y, q) => ymd(y, 3 * q - 2, 1),
            Period::Year(y) => ymd(y, 1, 1),
            Period::MonthOnly(m) => ymd(year?, m, 1),
            Period::QuarterOnly(q) => ymd(year?, 3 * q - 2, 1),
        }
    }
}

/// The period a heading names, if any. The heading may be only the period
/// ("March 2026", "2026", "Q1"), start with a day, month or quarter ("March 2026 —
/// payments"), or hold a full day anywhere ("Week of 2026-03-09").
pub(super) fn heading_period(text: &str) -> Result<Option<Period>, String> {
    let decor = |c: char| matches!(c, '*' | '_' | '`' | ':');
    let t = text.trim().trim_matches(decor).trim();
    if let Some((p, used)) = leading_period(t)? {
        let rest = t[used..].trim_matches(|c: char| c.is_whitespace() || decor(c));
        let whole = rest.is_empty();
        if whole || matches!(p, Period::Day(_) | Period::Month(..) | Period::Quarter(..)) {
            return Ok(Some(p));
        }
    }
    let mut prev = ' ';
    for (i, c) in t.char_indices() {
        let starts_word = i > 0 && (prev.is_whitespace() || matches!(prev, '(' | '[' | ','));
        prev = c;
        if starts_word && let Ok(Some((p @ Period::Day(_), _))) = leading_period(&t[i..]) {
            return Ok(Some(p));
        }
    }
    Ok(None)
}

/// The day a bullet starts with, and how many bytes it takes: `2026-03-14:`,
/// `**2026-03-14**`, `[2026-03-14]`, `Mar 14, 2026`, `14 March 2026`.
pub(super) fn bullet_date(text: &str) -> Result<Option<(NaiveDate, usize)>, String> {
    const WRAPS: &[(&str, &str)] = &[
        ("**", "**"),
        ("__", "__"),
        ("*", "*"),
        ("_", "_"),
        ("`", "`"),
        ("[", "]"),
        ("(", ")"),
        ("", ""),
    ];
    for (open, close) in WRAPS {
        let Some(inner) = text.strip_prefix(open) else {
            continue;
        };
        let Some((Period::Day(d), used)) = leading_period(inner)? else {
            continue;
        };
        let after = &inner[used..];
        let colon = usize::from(after.starts_with(':'));
        if after[colon..].starts_with(close) {
            return Ok(Some((d, open.len() + used + colon + close.len())));
        }
    }
    Ok(None)
}

/// A period at the very start of `s`, with the bytes it takes.
fn leading_period(s: &str) -> Result<Option<(Period, usize)>, String> {
    let b = s.as_bytes();
    // 2026-03-14, 2026/03/14, 2026-03, 2026-Q1, 2026 Q1, 2026
    if let Some((y, i)) = number(b, 0, 4, 4) {
        let y = y as i32;
        if let Some(&sep) = b.get(i)
            && matches!(sep, b'-' | b'/' | b'.')
            && let Some((m, j)) = number(b, i + 1, 1, 2)
        {
            if b.get(j) == Some(&sep)
                && let Some((d, k)) = number(b, j + 1, 1, 2)
            {
                if !boundary(s, k) {
                    return Ok(None);
                }
                return day(y, m, d, &s[..k]).map(|d| Some((Period::Day(d), k)));
            }
            if boundary(s, j) && (1..=12).contains(&m) {
                return Ok(Some((Period::Month(y, m), j)));
            }
            return Ok(None);
        }
        let j = if matches!(b.get(i), Some(b' ' | b'-' | b'/')) {
            i + 1
        } else {
            i
        };
        if matches!(b.get(j), Some(b'Q' | b'q'))
            && let Some((q, k)) = number(b, j + 1, 1, 1)
            && (1..=4).contains(&q)
            && boundary(s, k)
        {
            return Ok(Some((Period::Quarter(y, q), k)));
        }
        return Ok(boundary(s, i).then_some((Period::Year(y), i)));
    }
    // Q1 2026, Q1-2026, Q1, 2026, Q1
    if matches!(b.first(), Some(b'Q' | b'q'))
        && let Some((q, i)) = number(b, 1, 1, 1)
        && (1..=4).contains(&q)
        && boundary(s, i)
    {
        let j = skip(b, i, b" ,-/");
        if j > i
            && let Some((y, k)) = number(b, j, 4, 4)
            && boundary(s, k)
        {
            return Ok(Some((Period::Quarter(y as i32, q), k)));
        }
        return Ok(Some((Period::QuarterOnly(q), i)));
    }
    // March 14, 2026 / Mar 14 2026 / March 2026 / March, 2026 / March
    if let Some((m, i)) = month_word(s, 0) {
        let j = skip(b, i, b" ");
        if j > i
            && let Some((d, k)) = number(b, j, 1, 2)
        {
            let k = ordinal(b, k);
            let l = skip(b, k, b" ,");
            if l > k
                && let Some((y, e)) = number(b, l, 4, 4)
                && boundary(s, e)
            {
                return day(y as i32, m, d, &s[..e]).map(|d| Some((Period::Day(d), e)));
            }
        }
        let j = skip(b, i, b" ,");
        if j > i
            && let Some((y, k)) = number(b, j, 4, 4)
            && boundary(s, k)
        {
            return Ok(Some((Period::Month(y as i32, m), k)));
        }
        return Ok(Some((Period::MonthOnly(m), i)));
    }
    // 14 March 2026
    if let Some((d, i)) = number(b, 0, 1, 2) {
        let i = ordinal(b, i);
        let j = skip(b, i, b" ");
        if j > i
            && let Some((m, k)) = month_word(s, j)
        {
            let l = skip(b, k, b" ,");
            if l > k
                && let Some((y, e)) = number(b, l, 4, 4)
                && boundary(s, e)
            {
                return day(y as i32, m, d, &s[..e]).map(|d| Some((Period::Day(d), e)));
            }
        }
    }
    Ok(None)
}

fn day(y: i32, m: u32, d: u32, written: &str) -> Result<NaiveDate, String> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| bad_date(written))
}

/// A run of `min..=max` ASCII digits at `at` (not followed by another digit).
fn number(b: &[u8], at: usize, min: usize, max: usize) -> Option<(u32, usize)> {
    let len = b
        .get(at..)?
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if len < min || len > max {
        return None;
    }
    let value = b[at..at + len]
        .iter()
        .fold(0u32, |v, c| v * 10 + u32::from(c - b'0'));
    Some((value, at + len))
}

/// Past any of `set` from `at`.
fn skip(b: &[u8], at: usize, set: &[u8]) -> usize {
    at + b
        .get(at..)
        .map_or(0, |r| r.iter().take_while(|c| set.contains(c)).count())
}

/// Past an ordinal suffix ("14th").
fn ordinal(b: &[u8], at: usize) -> usize {
    match b.get(at..at + 2) {
        Some(s)
            if [b"st", b"nd", b"rd", b"th"]
                .iter()
                .any(|o| s.eq_ignore_ascii_case(*o)) =>
        {
            at + 2
        }
        _ => at,
    }
}

/// True when no letter or digit follows byte `at`, so "2026" is not read out of "20261".
fn boundary(s: &str, at: usize) -> bool {
    s.get(at..)
        .and_then(|r| r.chars().next())
        .is_none_or(|c| !c.is_alphanumeric())
}

/// An English month name or abbreviation at `at`, with an optional dot after it.
fn month_word(s: &str, at: usize) -> Option<(u32, usize)> {
    let rest = s.get(at..)?;
    let len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
    let word = &rest[..len];
    if len == 0 || !boundary(s, at + len) {
        return None;
    }
    let m = crate::dates::month_number(word)?;
    let end = at + len + usize::from(rest[len..].starts_with('.'));
    Some((m, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn headings_name_periods() {
        let p = |t: &str| heading_period(t).unwrap();
        assert_eq!(p("2026-03-14"), Some(Period::Day(d("2026-03-14"))));
        assert_eq!(p("March 2026"), Some(Period::Month(2026, 3)));
        assert_eq!(p("**Sept, 2026**"), Some(Period::Month(2026, 9)));
        assert_eq!(p("2026-03"), Some(Period::Month(2026, 3)));
        assert_eq!(p("Q1 2026"), Some(Period::Quarter(2026, 1)));
        assert_eq!(p("2026-Q3 highlights"), Some(Period::Quarter(2026, 3)));
        assert_eq!(p("2026"), Some(Period::Year(2026)));
        assert_eq!(p("May"), Some(Period::MonthOnly(5)));
        assert_eq!(p("Q2"), Some(Period::QuarterOnly(2)));
        assert_eq!(
            p("Week of March 9, 2026"),
            Some(Period::Day(d("2026-03-09")))
        );
        assert_eq!(p("2026 Goals"), None);
        assert_eq!(p("May the force"), None);
        assert_eq!(p("Brag document"), None);
        assert!(heading_period("2026-13-01").is_err());
    }

    #[test]
    fn bullets_start_with_days() {
        fn b(t: &str) -> Option<(NaiveDate, &str)> {
            bullet_date(t).unwrap().map(|(d, n)| (d, &t[n..]))
        }
        assert_eq!(b("2026-03-14: Hired"), Some((d("2026-03-14"), " Hired")));
        assert_eq!(
            b("**2026-03-14** — Hired"),
            Some((d("2026-03-14"), " — Hired"))
        );
        assert_eq!(b("[2026-03-14] Hired"), Some((d("2026-03-14"), " Hired")));
        assert_eq!(
            b("Mar 14, 2026 - Hired"),
            Some((d("2026-03-14"), " - Hired"))
        );
        assert_eq!(
            b("14th March 2026: Hired"),
            Some((d("2026-03-14"), " Hired"))
        );
        assert_eq!(b("Hired two managers"), None);
        assert_eq!(b("March 2026 offsite"), None);
        assert_eq!(b("2026/27 budget approved"), None);
        assert!(bullet_date("2026-02-30: Hired").is_err());
    }
}
