//! The weekly nudge to log the week's wins. Most people remember only the last six
//! weeks of their work, so a reminder that names the expectations gone longest
//! without evidence is worth more than a generic "write your brag doc".

use chrono::{Datelike, Duration, NaiveDateTime, Weekday};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::review::Review;
use crate::store::Store;

const KEY: crate::model::Setting = crate::model::Setting::Reminder;

/// When the reminder fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ReminderSettings {
    /// Off switch.
    pub enabled: bool,
    /// Day of the week, 0 = Monday .. 6 = Sunday.
    pub weekday: u8,
    /// Hour of the day, 0..23, local time.
    pub hour: u8,
}

impl Default for ReminderSettings {
    /// Friday at 16:00: the week's work is done and still fresh.
    fn default() -> Self {
        ReminderSettings {
            enabled: true,
            weekday: 4,
            hour: 16,
        }
    }
}

impl ReminderSettings {
    /// Checks the day and hour are real.
    pub fn validate(&self) -> Result<()> {
        if self.weekday > 6 || self.hour > 23 {
            return Err(Error::InvalidInput(format!(
                "reminder day {} / hour {} is out of range (day 0 = Monday .. 6 = Sunday, hour 0..23)",
                self.weekday, self.hour
            )));
        }
        Ok(())
    }

    /// The most recent moment the reminder was scheduled at, at or before `now`.
    pub fn last_slot(&self, now: NaiveDateTime) -> NaiveDateTime {
        let today = now.date();
        let back =
            (today.weekday().num_days_from_monday() as i64 - self.weekday as i64).rem_euclid(7);
        let day = today - Duration::days(back);
        let slot = day
            .and_hms_opt(u32::from(self.hour.min(23)), 0, 0)
            .unwrap_or(now);
        if slot > now {
            slot - Duration::days(7)
        } else {
            slot
        }
    }

    /// True when the reminder should fire now: enabled, and its latest slot has
    /// passed since it last fired (a machine asleep at the slot still gets it once).
    pub fn is_due(&self, now: NaiveDateTime, last_fired: Option<NaiveDateTime>) -> bool {
        if !self.enabled {
            return false;
        }
        let slot = self.last_slot(now);
        // Only catch up on a slot of the last day, not one from a week ago.
        now - slot < Duration::hours(24) && last_fired.is_none_or(|f| f < slot)
    }
}

/// The reminder's text: names the expectations gone longest without a win.
pub fn message(review: &Review) -> String {
    let mut stale: Vec<(&str, Option<chrono::NaiveDate>)> = review
        .expectations
        .iter()
        .map(|e| (e.title.as_str(), e.latest))
        .collect();
    // Never-evidenced first, then the oldest latest win.
    stale.sort_by_key(|(_, d)| d.map(|d| d.num_days_from_ce()).unwrap_or(i32::MIN));
    let names: Vec<String> = stale
        .iter()
        .take(2)
        .map(|(t, d)| match d {
            Some(d) => format!(
                "{t} (last win {})",
                crate::review::ago((review.as_of - *d).num_days())
            ),
            None => format!("{t} (no win yet)"),
        })
        .collect();
    format!(
        "Log this week's wins while you remember them. Longest without evidence: {}.",
        names.join("; ")
    )
}

/// The reminder's text for a store as of `today`: the expectations gone longest
/// without a win, then the feedback providers asked long ago who have not answered
/// (see [`crate::feedback_plan`]).
pub fn weekly_message(store: &Store, today: chrono::NaiveDate) -> Result<String> {
    let review = crate::review::review_store(store, today)?;
    let waiting = crate::feedback_plan::plan_store(store, today)?.waiting();
    let mut text = message(&review);
    if !waiting.is_empty() {
        text.push_str(&format!(
            " Still waiting for feedback from: {}; a short nudge helps.",
            waiting.join(", ")
        ));
    }
    Ok(text)
}

impl Store {
    /// The reminder settings (defaults when never set).
    pub fn reminder(&self) -> Result<ReminderSettings> {
        Ok(match self.setting(KEY)? {
            Some(j) => serde_json::from_str(&j).unwrap_or_default(),
            None => ReminderSettings::default(),
        })
    }

    /// Saves the reminder settings.
    pub fn set_reminder(&mut self, r: &ReminderSettings) -> Result<()> {
        r.validate()?;
        let j = serde_json::to_string(r).map_err(Error::json)?;
        self.set_setting(KEY, &j)
    }
}

/// Day names as people read them, Monday first: `weekday` 0 is the first.
pub const WEEKDAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Weekday names for messages, Monday first.
pub const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn fires_once_after_the_slot_and_not_when_off() {
        // 2026-11-20 is a Friday.
        assert_eq!(
            NaiveDate::from_ymd_opt(2026, 11, 20).unwrap().weekday(),
            Weekday::Fri
        );
        let r = ReminderSettings::default();
        assert!(!r.is_due(at("2026-11-20 15:59"), None));
        assert!(r.is_due(at("2026-11-20 16:00"), None));
        assert!(
            r.is_due(at("2026-11-21 09:00"), None),
            "asleep at the slot: fires the next morning"
        );
        assert!(!r.is_due(at("2026-11-20 16:30"), Some(at("2026-11-20 16:00"))));
        assert!(
            !r.is_due(at("2026-11-25 10:00"), None),
            "a week-old slot is not caught up"
        );
        assert!(
            !ReminderSettings {
                enabled: false,
                ..r
            }
            .is_due(at("2026-11-20 16:00"), None)
        );
        assert!(ReminderSettings { weekday: 7, ..r }.validate().is_err());
    }
}
