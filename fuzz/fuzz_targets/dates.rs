//! Date parsing: `dates::parse_date_relative` against a "today" the input picks,
//! and `dates::parse_date` against the real today.
//!
//! The first two bytes choose today: any day of the years Caliber accepts.
#![no_main]

use caliber::dates::{MAX_YEAR, MIN_YEAR, parse_date, parse_date_relative};
use caliber_fuzz::{assert_input_error, text};
use chrono::{Datelike, NaiveDate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (today, rest) = match data {
        [a, b, rest @ ..] => (pick_today(u16::from_le_bytes([*a, *b])), rest),
        _ => return,
    };
    let typed = text(rest);
    check(parse_date_relative(&typed, today), &typed);
    check(parse_date(&typed), &typed);
});

fn pick_today(n: u16) -> NaiveDate {
    let first = NaiveDate::from_ymd_opt(MIN_YEAR, 1, 1);
    let last = NaiveDate::from_ymd_opt(MAX_YEAR, 12, 31);
    let (Some(first), Some(last)) = (first, last) else {
        panic!("the year limits are real dates");
    };
    let span = (last - first).num_days();
    // Spread 65,536 values over the span, so both ends are reachable.
    let offset = i64::from(n) * span / i64::from(u16::MAX);
    first + chrono::Duration::days(offset)
}

fn check(result: caliber::Result<NaiveDate>, typed: &str) {
    match result {
        Ok(date) => {
            assert!(
                (MIN_YEAR..=MAX_YEAR).contains(&date.year()),
                "'{typed}' gave {date}, outside the years Caliber accepts"
            );
            // What a person reads back is a date the parser takes as the same day.
            let shown = date.format("%Y-%m-%d").to_string();
            match parse_date(&shown) {
                Ok(again) => assert_eq!(again, date, "'{shown}' reads back as another day"),
                Err(e) => panic!("'{typed}' gave {shown}, which does not read back: {e}"),
            }
        }
        Err(e) => {
            assert_input_error(&e, "parse_date");
            let msg = e.to_string();
            assert!(
                msg.contains("YYYY-MM-DD"),
                "the error does not show the form to use: {msg}"
            );
        }
    }
}
