//! The settings table's keys are one enum, `Setting`: the store, the CLI and the
//! app name a key through it, an unknown name is refused with nothing written, and
//! which keys the app's window may set is the library's rule.

use crate::common;

use caliber::{ErrorKind, Setting, Store};

#[test]
fn a_key_is_read_and_written_by_its_enum_or_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("caliber.db")).unwrap();
    s.set_setting(Setting::Org, "Payments").unwrap();
    assert_eq!(s.setting("org").unwrap().as_deref(), Some("Payments"));
    s.set_setting("shortcut", "Ctrl+Alt+K").unwrap();
    assert_eq!(
        s.setting(Setting::Shortcut).unwrap().as_deref(),
        Some("Ctrl+Alt+K")
    );
    assert_eq!(Setting::ReminderLast.as_str(), "reminder_last");
    assert_eq!(
        "reminder_last".parse::<Setting>().unwrap(),
        Setting::ReminderLast
    );
}

#[test]
fn an_unknown_key_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("caliber.db");
    let mut s = Store::open(&db).unwrap();
    s.set_setting(Setting::Org, "Payments").unwrap();
    drop(s);
    let before = common::fingerprint(&db);
    let mut s = Store::open(&db).unwrap();
    let e = s.set_setting("colour", "blue").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
    let m = e.to_string();
    assert!(m.contains("colour") && m.contains("shortcut"), "{m}");
    assert!(s.setting("colour").is_err());
    drop(s);
    assert_eq!(common::fingerprint(&db), before);
}

#[test]
fn the_window_may_set_only_its_own_preferences() {
    let may: Vec<&str> = Setting::ALL
        .iter()
        .filter(|k| k.ui_may_set())
        .map(|k| k.as_str())
        .collect();
    assert_eq!(may, ["org", "shortcut", "theme", "onboarded"]);
    // The cycle and the reminder have commands of their own that check them.
    assert!(!Setting::Cycle.ui_may_set() && !Setting::Reminder.ui_may_set());
}

#[test]
fn a_value_is_cleaned_like_any_typed_field_before_it_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("caliber.db")).unwrap();
    // The org is a one-line name: spaces folded, the text composed (NFC), and the
    // bidirectional overrides that could spoof it in a list removed.
    s.set_setting(Setting::Org, "  Pay\u{202E}ments \n  Org\u{0065}\u{0301} ")
        .unwrap();
    assert_eq!(
        s.setting(Setting::Org).unwrap().as_deref(),
        Some("Payments Org\u{00E9}")
    );
    s.set_setting(Setting::Shortcut, " CmdOrCtrl+Shift+K ")
        .unwrap();
    assert_eq!(
        s.setting(Setting::Shortcut).unwrap().as_deref(),
        Some("CmdOrCtrl+Shift+K")
    );
    s.set_setting(Setting::Theme, "Dark").unwrap();
    assert_eq!(s.setting(Setting::Theme).unwrap().as_deref(), Some("dark"));
    // A blank org means "not said", as before.
    s.set_setting(Setting::Org, "   ").unwrap();
    assert_eq!(s.own_org().unwrap(), None);
}

#[test]
fn a_value_that_breaks_its_key_s_rule_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("caliber.db");
    let mut s = Store::open(&db).unwrap();
    s.set_setting(Setting::Org, "Payments").unwrap();
    drop(s);
    let before = common::fingerprint(&db);
    let mut s = Store::open(&db).unwrap();
    let long = "x".repeat(201);
    for (key, value, says) in [
        (Setting::Org, long.as_str(), "200"),
        (Setting::Shortcut, "  ", "shortcut"),
        (Setting::Theme, "purple", "light"),
        (Setting::Cycle, "{not json", "cycle"),
        (Setting::Reminder, "", "reminder"),
        (Setting::ReminderLast, "yesterday", "reminder_last"),
    ] {
        let e = s.set_setting(key, value).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidInput, "{key:?}");
        let m = e.to_string();
        assert!(m.contains(says), "{key:?}: {m}");
    }
    drop(s);
    assert_eq!(common::fingerprint(&db), before);
}
