//! Reading the dates people type. Every message says what was wrong and the form to
//! use, because a date typo is the most common mistake when logging in a hurry.

use chrono::{Datelike, Duration, Local, Months, NaiveDate, Weekday};

use crate::error::{Error, Result};
use crate::model::Cycle;

/// One step of the "how long ago" wording: days below `below` (always, when
/// `None`) are said with `text`, where `{n}` stands for the days divided by `per`.
/// The UI words ages with the same steps (exported to it as data).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct AgoStep {
    /// The step holds for fewer days than this; `None` for every age left.
    pub below: Option<i64>,
    /// The days are divided by this for `{n}` (7 for weeks, 30 for months).
    pub per: i64,
    /// The words, with `{n}` for the number.
    pub text: &'static str,
}

/// How long ago a day was, in words, first step that fits.
pub const AGO: [AgoStep; 5] = [
    AgoStep {
        below: Some(1),
        per: 1,
        text: "today",
    },
    AgoStep {
        below: Some(2),
        per: 1,
        text: "yesterday",
    },
    AgoStep {
        below: Some(14),
        per: 1,
        text: "{n} days ago",
    },
    AgoStep {
        below: Some(60),
        per: 7,
        text: "{n} weeks ago",
    },
    AgoStep {
        below: None,
        per: 30,
        text: "{n} months ago",
    },
];

/// "today", "yesterday", "9 days ago", "3 weeks ago", "5 months ago".
pub fn ago(days: i64) -> String {
    let step = AGO
        .iter()
        .find(|s| s.below.is_none_or(|b| days < b))
        .unwrap_or(&AGO[AGO.len() - 1]);
    step.text.replace("{n}", &(days / step.per).to_string())
}

/// The earliest year Caliber accepts; older dates are almost always typos.
pub const MIN_YEAR: i32 = 1970;
/// The latest year Caliber accepts.
pub const MAX_YEAR: i32 = 2200;

/// The environment variable that sets the day Caliber takes as today
/// (`YYYY-MM-DD`): for a review or an outline as it reads on another day, and for
/// output that does not change with the calendar (a script, or comparing what two
/// versions print). Dates only: the time a win is logged is still the clock's.
pub const TODAY_ENV: &str = "CALIBER_TODAY";

/// Today: the day [`TODAY_ENV`] sets, else the date in the user's local time zone
/// (a win logged at 23:30 belongs to today). A value that is not a date is ignored
/// here; a front door refuses it first with [`today_from_env`].
pub fn today() -> NaiveDate {
    today_from_env()
        .ok()
        .flatten()
        .unwrap_or_else(|| Local::now().date_naive())
}

/// The day [`TODAY_ENV`] sets, if it is set and not empty; an error saying how to
/// fix a value that is not a date.
pub fn today_from_env() -> Result<Option<NaiveDate>> {
    let Some(value) = std::env::var_os(TODAY_ENV).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let text = value.to_string_lossy();
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| (MIN_YEAR..=MAX_YEAR).contains(&d.year()))
        .map(Some)
        .ok_or_else(|| {
            Error::invalid(format!(
                "{TODAY_ENV}={text} is not a date Caliber can take as today; use YYYY-MM-DD (e.g. 2026-03-14), or unset {TODAY_ENV} to use the calendar"
            ))
        })
}

/// The forms [`parse_date_relative`] reads, as every date error lists them.
pub const DATE_FORMS: &str = "YYYY-MM-DD (e.g. 2026-03-14), today, yesterday, \"3 days ago\", \"2 weeks ago\", \"last week\" (7 days ago), \"last month\", \"12 months ago\", \"1 year ago\", a weekday (\"friday\": the most recent one, today included; \"last friday\": before today) or a day of a month (\"Oct 3\", \"3 October 2025\"; without a year, the most recent one)";

/// Reads a date as people type it, relative to `today`:
/// - `YYYY-MM-DD`;
/// - `today`, `yesterday`;
/// - `N days ago`, `N weeks ago` (7 days each), `N months ago` (calendar months: a
///   month before 31 March is 28 February), `N years ago`; N may be `a`, `an`, `one`;
/// - `last week` (7 days ago), `last month`, `last year` (one calendar month or year
///   ago, the same day);
/// - a weekday, `friday` or `fri`: the most recent one, today included; `last
///   friday`: the most recent one before today;
/// - a day of a month, `Oct 3`, `3 October`, `October 3rd, 2025`: without a year,
///   the most recent such day, today included.
pub fn parse_date_relative(text: &str, today: NaiveDate) -> Result<NaiveDate> {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let date = match words.as_slice() {
        ["today"] => today,
        ["yesterday"] => today - Duration::days(1),
        ["last", "week"] => today - Duration::days(7),
        ["last", "month"] => back(today, 1, Unit::Month, text)?,
        ["last", "year"] => back(today, 1, Unit::Year, text)?,
        [n, unit, "ago"] if Unit::read(unit).is_some() => {
            let n = match *n {
                "a" | "an" | "one" => 1,
                n => n.parse::<u64>().map_err(|_| not_a_date(text))?,
            };
            back(today, n, Unit::read(unit).unwrap_or(Unit::Day), text)?
        }
        [day] if weekday(day).is_some() => {
            most_recent(today, weekday(day).unwrap_or(Weekday::Mon), true)
        }
        ["last", day] if weekday(day).is_some() => {
            most_recent(today, weekday(day).unwrap_or(Weekday::Mon), false)
        }
        [one] => NaiveDate::parse_from_str(one, "%Y-%m-%d").map_err(|_| not_a_date(text))?,
        _ => day_of_month(&words, today).ok_or_else(|| not_a_date(text))?,
    };
    check_year(date, text)
}

/// The message for a date in no form Caliber reads: the forms that work.
fn not_a_date(text: &str) -> Error {
    Error::invalid(format!(
        "date '{}' is not a valid date; use one of: {DATE_FORMS}",
        text.trim()
    ))
}

#[derive(Clone, Copy)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    fn read(word: &str) -> Option<Unit> {
        Some(match word {
            "day" | "days" => Unit::Day,
            "week" | "weeks" => Unit::Week,
            "month" | "months" => Unit::Month,
            "year" | "years" => Unit::Year,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Unit::Day => "days",
            Unit::Week => "weeks",
            Unit::Month => "months",
            Unit::Year => "years",
        }
    }
}

/// `n` units before `today`; a count past the calendar is refused as out of range.
fn back(today: NaiveDate, n: u64, unit: Unit, text: &str) -> Result<NaiveDate> {
    let date = match unit {
        Unit::Day => i64::try_from(n)
            .ok()
            .and_then(Duration::try_days)
            .and_then(|d| today.checked_sub_signed(d)),
        Unit::Week => n
            .checked_mul(7)
            .and_then(|d| i64::try_from(d).ok())
            .and_then(Duration::try_days)
            .and_then(|d| today.checked_sub_signed(d)),
        Unit::Month => u32::try_from(n)
            .ok()
            .and_then(|m| today.checked_sub_months(Months::new(m))),
        Unit::Year => n
            .checked_mul(12)
            .and_then(|m| u32::try_from(m).ok())
            .and_then(|m| today.checked_sub_months(Months::new(m))),
    };
    date.ok_or_else(|| {
        Error::invalid(format!(
            "date '{}' is outside {MIN_YEAR}..{MAX_YEAR}; check the number of {} (or use YYYY-MM-DD)",
            text.trim(),
            unit.name()
        ))
    })
}

fn weekday(word: &str) -> Option<Weekday> {
    Some(match word {
        "monday" | "mon" => Weekday::Mon,
        "tuesday" | "tue" | "tues" => Weekday::Tue,
        "wednesday" | "wed" => Weekday::Wed,
        "thursday" | "thu" | "thur" | "thurs" => Weekday::Thu,
        "friday" | "fri" => Weekday::Fri,
        "saturday" | "sat" => Weekday::Sat,
        "sunday" | "sun" => Weekday::Sun,
        _ => return None,
    })
}

/// The most recent `day` on or before `today` (`today_counts`) or before it.
fn most_recent(today: NaiveDate, day: Weekday, today_counts: bool) -> NaiveDate {
    let mut back = (today.weekday().num_days_from_monday() + 7 - day.num_days_from_monday()) % 7;
    if back == 0 && !today_counts {
        back = 7;
    }
    today - Duration::days(i64::from(back))
}

fn month(word: &str) -> Option<u32> {
    month_number(word.trim_end_matches('.'))
}

/// The number of an English month written in full, in three letters or as "sept",
/// in any case ("Oct", "october"); the one reading of month names, for typed dates
/// and for dates found in Markdown.
pub(crate) fn month_number(word: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.to_ascii_lowercase();
    NAMES
        .iter()
        .position(|m| *m == word || (word.len() == 3 && m.starts_with(&word)))
        .or_else(|| (word == "sept").then_some(8))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// `Oct 3`, `3 Oct`, `October 3rd`, each with an optional year after it. Without a
/// year: the most recent such day, today included (29 February looks back to the
/// last leap year).
fn day_of_month(words: &[&str], today: NaiveDate) -> Option<NaiveDate> {
    let day_number = |w: &str| -> Option<u32> {
        let digits = w
            .strip_suffix("st")
            .or_else(|| w.strip_suffix("nd"))
            .or_else(|| w.strip_suffix("rd"))
            .or_else(|| w.strip_suffix("th"))
            .unwrap_or(w);
        digits.parse::<u32>().ok().filter(|d| (1..=31).contains(d))
    };
    let (m, d, year) = match words {
        [a, b] | [a, b, _] => match (month(a), day_number(b), month(b), day_number(a)) {
            (Some(m), Some(d), _, _) | (_, _, Some(m), Some(d)) => (m, d, words.get(2)),
            _ => return None,
        },
        _ => return None,
    };
    match year {
        Some(y) => NaiveDate::from_ymd_opt(y.parse().ok()?, m, d),
        None => (0..8).find_map(|back| {
            NaiveDate::from_ymd_opt(today.year() - back, m, d).filter(|date| *date <= today)
        }),
    }
}

/// Refuses a win's date after `today`: evidence is logged once it has happened.
pub fn not_in_future(date: NaiveDate, today: NaiveDate) -> Result<NaiveDate> {
    if date > today {
        return Err(Error::invalid(format!(
            "date {date} is in the future (today is {today}); a win is logged once it has happened, so give the day it happened"
        )));
    }
    Ok(date)
}

/// A note when a win's date falls outside the cycle's review window: the win is
/// kept, but this cycle's review and outline leave it out.
pub fn window_note(date: NaiveDate, cycle: &Cycle) -> Option<String> {
    (!cycle.contains(date)).then(|| {
        format!(
            "{date} is outside the review window {} to {}: the win is saved, but this cycle's review and outline leave it out (change the window with `caliber cycle set --from ... --to ...`)",
            cycle.start, cycle.end
        )
    })
}

/// Notes on a cycle that is allowed but probably a typo: a target date (calibration)
/// before the review window starts.
pub fn cycle_notes(cycle: &Cycle) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(t) = cycle.target_date
        && t < cycle.start
    {
        notes.push(format!(
            "the target date {t} is before the review window starts ({}); calibration usually follows the window, so check the dates",
            cycle.start
        ));
    }
    notes
}

/// Parses a date relative to the real today. See [`parse_date_relative`].
pub fn parse_date(text: &str) -> Result<NaiveDate> {
    parse_date_relative(text, today())
}

/// Refuses dates outside the years a career happens in.
pub fn check_year(date: NaiveDate, as_written: &str) -> Result<NaiveDate> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&date.year()) {
        return Err(out_of_range(as_written));
    }
    Ok(date)
}

fn out_of_range(as_written: &str) -> Error {
    Error::invalid(format!(
        "date '{}' is outside {MIN_YEAR}..{MAX_YEAR}; check the year (use YYYY-MM-DD)",
        as_written.trim()
    ))
}

/// The calendar quarter of a date as "2026-Q1".
pub fn quarter_label(date: NaiveDate) -> String {
    let (y, q) = quarter_of(date);
    format!("{y}-Q{q}")
}

/// The year and quarter (1 to 4) of a day: the key to count by before a label is
/// needed.
pub fn quarter_of(date: NaiveDate) -> (i32, u32) {
    (date.year(), (date.month0() / 3) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn reads_iso_and_words() {
        let today = d("2026-03-10");
        assert_eq!(
            parse_date_relative("2026-01-02", today).unwrap(),
            d("2026-01-02")
        );
        assert_eq!(
            parse_date_relative(" Yesterday ", today).unwrap(),
            d("2026-03-09")
        );
        assert_eq!(
            parse_date_relative("3 days ago", today).unwrap(),
            d("2026-03-07")
        );
    }

    #[test]
    fn rejects_impossible_dates_with_the_form_to_use() {
        let today = d("2026-03-10");
        for bad in [
            "2026-13-01",
            "2026-02-30",
            "0000-01-01",
            "03/10/2026",
            "",
            "9999-01-01",
        ] {
            let msg = parse_date_relative(bad, today).unwrap_err().to_string();
            assert!(msg.contains("YYYY-MM-DD"), "{bad}: {msg}");
        }
    }

    #[test]
    fn reads_dates_as_people_write_them() {
        // A Tuesday.
        let today = d("2026-03-10");
        for (typed, want) in [
            ("today", "2026-03-10"),
            ("yesterday", "2026-03-09"),
            ("1 day ago", "2026-03-09"),
            ("3 days ago", "2026-03-07"),
            ("a week ago", "2026-03-03"),
            ("1 week ago", "2026-03-03"),
            ("2 weeks ago", "2026-02-24"),
            ("last week", "2026-03-03"),
            ("Last  Week", "2026-03-03"),
            ("a month ago", "2026-02-10"),
            ("last month", "2026-02-10"),
            ("12 months ago", "2025-03-10"),
            ("1 year ago", "2025-03-10"),
            ("an year ago", "2025-03-10"),
            ("last year", "2025-03-10"),
            ("2 years ago", "2024-03-10"),
            ("friday", "2026-03-06"),
            ("Fri", "2026-03-06"),
            ("last friday", "2026-03-06"),
            ("tuesday", "2026-03-10"),
            ("last tuesday", "2026-03-03"),
            ("last tue", "2026-03-03"),
            ("wednesday", "2026-03-04"),
            ("Oct 3", "2025-10-03"),
            ("3 Oct", "2025-10-03"),
            ("october 3rd", "2025-10-03"),
            ("March 10", "2026-03-10"),
            ("Mar 9", "2026-03-09"),
            ("Oct 3 2026", "2026-10-03"),
            ("Oct 3, 2024", "2024-10-03"),
            ("3 October 2024", "2024-10-03"),
            ("Sept 1", "2025-09-01"),
            ("Feb 29", "2024-02-29"),
            ("2026-01-02", "2026-01-02"),
        ] {
            assert_eq!(
                parse_date_relative(typed, today).map_err(|e| e.to_string()),
                Ok(d(want)),
                "{typed}"
            );
        }
        // A month back from the 31st is the last day of the shorter month.
        assert_eq!(
            parse_date_relative("1 month ago", d("2026-03-31")).unwrap(),
            d("2026-02-28")
        );
    }

    #[test]
    fn an_unknown_form_lists_the_forms_that_work() {
        let today = d("2026-03-10");
        for bad in [
            "next tuesday",
            "03/10/2026",
            "in 2 days",
            "Oct 32",
            "fortnight",
            "3 weeks",
        ] {
            let msg = parse_date_relative(bad, today).unwrap_err().to_string();
            for form in [
                "YYYY-MM-DD",
                "yesterday",
                "3 days ago",
                "2 weeks ago",
                "last week",
                "last friday",
                "Oct 3",
            ] {
                assert!(msg.contains(form), "{bad}: {msg} lacks {form}");
            }
        }
        let msg = parse_date_relative("9999999999 weeks ago", today)
            .unwrap_err()
            .to_string();
        assert!(msg.contains("outside 1970..2200"), "{msg}");
    }

    #[test]
    fn a_win_may_not_be_dated_in_the_future() {
        let today = d("2026-03-10");
        assert!(not_in_future(d("2026-03-10"), today).is_ok());
        let err = not_in_future(d("2026-03-11"), today).unwrap_err();
        assert_eq!(err.kind(), "invalid_input");
        assert!(err.to_string().contains("in the future"), "{err}");
    }

    #[test]
    fn notes_for_dates_outside_the_window() {
        let c = crate::model::Cycle {
            ladder: "senior-manager".into(),
            current_level: "L6".into(),
            target_level: "L7".into(),
            start: d("2026-01-01"),
            end: d("2026-06-30"),
            target_date: Some(d("2025-12-01")),
            is_default: false,
        };
        assert_eq!(window_note(d("2026-03-01"), &c), None);
        let note = window_note(d("2025-12-31"), &c).unwrap();
        assert!(
            note.contains("outside the review window 2026-01-01 to 2026-06-30"),
            "{note}"
        );
        let notes = cycle_notes(&c);
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].contains("before the review window"), "{notes:?}");
        let fine = crate::model::Cycle {
            target_date: Some(d("2026-07-15")),
            ..c
        };
        assert!(cycle_notes(&fine).is_empty());
    }

    #[test]
    fn quarters() {
        assert_eq!(quarter_label(d("2026-03-31")), "2026-Q1");
        assert_eq!(quarter_label(d("2026-10-01")), "2026-Q4");
    }
}
