//! The CLI's JSON on the demo database stays what it was, byte for byte: `list`,
//! `review`, `outline --format json` and `export --format backup`, each compared
//! with a file in `tests/data/golden/` that `caliber` wrote for the demo of a fixed
//! day (`CALIBER_TODAY`). Restructuring the code must not change a byte of them; a
//! change of format made on purpose rewrites the files with
//! `CALIBER_GOLDEN=write cargo test --test it golden::` and says so in its commit.
//!
//! The one value that is not fixed by the day is the backup's `exported_at` (the
//! clock's time of the export): it must be there, in the same form, and between the
//! times before and after the command ran; only then does the comparison take the
//! golden file's value in its place.

use crate::common;

use chrono::{DateTime, SubsecRound, Utc};
use std::path::{Path, PathBuf};

/// The day the golden files were written on, taken as today for the demo and the
/// reports alike.
const DAY: &str = "2026-12-03";

/// Each golden file and the command whose standard output it is.
const OUTPUTS: [(&str, &[&str]); 4] = [
    ("list.json", &["list", "--json"]),
    ("review.json", &["review", "--json"]),
    ("outline.json", &["outline", "--format", "json", "--json"]),
    ("backup.json", &["export", "--format", "backup", "--json"]),
];

const EXPORTED_AT: &str = "\"exported_at\": \"";

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/golden")
}

/// `caliber ARGS` on `db` with today set to [`DAY`]; its standard output.
fn run(db: &Path, args: &[&str]) -> Vec<u8> {
    let out = common::caliber(db)
        .env("CALIBER_TODAY", DAY)
        .args(args)
        .output()
        .expect("caliber runs");
    assert!(
        out.status.success(),
        "caliber {args:?}: {}",
        common::text(&out.stderr)
    );
    out.stdout
}

/// Where `exported_at`'s value sits in a backup, and the value.
fn exported_at(text: &str) -> Option<(usize, &str)> {
    let start = text.find(EXPORTED_AT)? + EXPORTED_AT.len();
    let len = text[start..].find('"')?;
    Some((start, &text[start..start + len]))
}

/// The backup as the golden file would have it: `exported_at` checked to be the
/// time of this export, then replaced by the golden file's value.
fn pin_exported_at(actual: &str, golden: &str, ran: (DateTime<Utc>, DateTime<Utc>)) -> String {
    let (at, value) = exported_at(actual)
        .unwrap_or_else(|| panic!("the backup has no {EXPORTED_AT}...\" field at the top"));
    let when = DateTime::parse_from_rfc3339(value)
        .unwrap_or_else(|e| panic!("exported_at {value:?} is not an RFC 3339 time ({e})"));
    assert!(
        value.ends_with('Z') && ran.0 <= when && when <= ran.1,
        "exported_at {value} is not the UTC time of the export ({} to {})",
        ran.0,
        ran.1
    );
    let (_, pinned) = exported_at(golden).expect("the golden backup has exported_at");
    format!("{}{pinned}{}", &actual[..at], &actual[at + value.len()..])
}

/// Where two texts first differ, as a person reading a diff wants it.
fn first_difference(want: &str, got: &str) -> String {
    let (mut w, mut g) = (want.lines(), got.lines());
    for line in 1.. {
        match (w.next(), g.next()) {
            (Some(a), Some(b)) if a == b => continue,
            (None, None) => return "the same lines, other bytes (line ends)".into(),
            (a, b) => {
                return format!(
                    "line {line}:\n  golden: {}\n  now:    {}",
                    a.unwrap_or("(end of file)"),
                    b.unwrap_or("(end of file)")
                );
            }
        }
    }
    unreachable!("the loop returns")
}

#[test]
fn the_json_of_list_review_outline_and_backup_on_the_demo_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    run(&db, &["demo"]);
    let write = std::env::var("CALIBER_GOLDEN").is_ok_and(|v| v == "write");
    let mut changed = Vec::new();
    for (name, args) in OUTPUTS {
        let path = golden_dir().join(name);
        let before = Utc::now().trunc_subsecs(0);
        let got = String::from_utf8(run(&db, args)).expect("UTF-8 output");
        let after = Utc::now();
        if write {
            std::fs::create_dir_all(golden_dir()).unwrap();
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("read {} ({e})", path.display()));
        let got = if name == "backup.json" {
            pin_exported_at(&got, &want, (before, after))
        } else {
            got
        };
        if got != want {
            let kept =
                PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("golden-now-{name}"));
            std::fs::write(&kept, &got).unwrap();
            changed.push(format!(
                "caliber {} differs from {}: {}\n  see: diff {} {}",
                args.join(" "),
                path.display(),
                first_difference(&want, &got),
                path.display(),
                kept.display()
            ));
        }
    }
    assert!(changed.is_empty(), "{}", changed.join("\n\n"));
}
