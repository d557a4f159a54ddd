//! Reading the dates people type. Every message says what was wrong and the form to
//! use, because a date typo is the most common mistake when logging in a hurry.

use chrono::{Datelike, Duration, Local, NaiveDate};

use crate::error::{Error, Result};

/// The earliest year Caliber accepts; older dates are almost always typos.
pub const MIN_YEAR: i32 = 1970;
/// The latest year Caliber accepts.
pub const MAX_YEAR: i32 = 2200;

/// Today in the user's local time zone: a win logged at 23:30 belongs to today.
pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// Parses `YYYY-MM-DD`, `today`, `yesterday` or `N days ago`, relative to `today`.
pub fn parse_date_relative(text: &str, today: NaiveDate) -> Result<NaiveDate> {
    let t = text.trim().to_ascii_lowercase();
    let date = match t.as_str() {
        "today" => today,
        "yesterday" => today - Duration::days(1),
        _ => {
            if let Some(n) = t
                .strip_suffix(" days ago")
                .or_else(|| t.strip_suffix(" day ago"))
                .and_then(|n| n.trim().parse::<u32>().ok())
            {
                // A huge count would fall before the first day chrono knows.
                today
                    .checked_sub_signed(Duration::days(i64::from(n)))
                    .ok_or_else(|| {
                        Error::invalid(format!(
                            "date '{}' is outside {MIN_YEAR}..{MAX_YEAR}; check the number of days (or use YYYY-MM-DD)",
                            text.trim()
                        ))
                    })?
            } else {
                NaiveDate::parse_from_str(&t, "%Y-%m-%d").map_err(|_| {
                    Error::invalid(format!(
                        "date '{}' is not a valid date (use YYYY-MM-DD, e.g. {})",
                        text.trim(),
                        today.format("%Y-%m-%d")
                    ))
                })?
            }
        }
    };
    check_year(date, text)
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
    fn quarters() {
        assert_eq!(quarter_label(d("2026-03-31")), "2026-Q1");
        assert_eq!(quarter_label(d("2026-10-01")), "2026-Q4");
    }
}
