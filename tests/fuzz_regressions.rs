//! Inputs that crashed a fuzz target (`bash fuzz/run.sh`), each kept as a test of
//! what Caliber must do with it instead. The fuzz input is quoted byte for byte in
//! each test, after the bytes the target spends on choosing its mode.

use caliber::dates::{parse_date, parse_date_relative};
use chrono::NaiveDate;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Found by the `dates` target in its first second: "N days ago" with N past the
/// calendar's range panicked (`NaiveDate - TimeDelta overflowed`) instead of
/// refusing the date. `caliber log --date "100000000 day ago"` took the CLI down.
#[test]
fn days_ago_beyond_any_calendar_is_refused_as_a_bad_date() {
    let today = d("2026-03-10");
    for typed in [
        "100000000 day ago",
        "001000000000 days ago",
        "4294967295 days ago",
    ] {
        for result in [parse_date_relative(typed, today), parse_date(typed)] {
            let err = result.unwrap_err();
            assert_eq!(err.kind(), "invalid_input", "{typed}");
            assert_eq!(
                err.to_string(),
                format!("date '{typed}' is outside 1970..2200; check the year (use YYYY-MM-DD)")
            );
        }
    }
    // Near the limits the arithmetic still works: the last day inside the years
    // Caliber accepts, and the first day outside them.
    let back_to_1970 = (today - d("1970-01-01")).num_days();
    assert_eq!(
        parse_date_relative(&format!("{back_to_1970} days ago"), today).unwrap(),
        d("1970-01-01")
    );
    let err = parse_date_relative(&format!("{} days ago", back_to_1970 + 1), today).unwrap_err();
    assert_eq!(err.kind(), "invalid_input");
}
