//! The review and the people list as text fit the terminal: `COLUMNS` when set,
//! else the terminal's width, else 80 columns (not a terminal). Only a word longer
//! than a line may stick out, and wrapping loses or reorders no word.

use std::path::Path;

fn run(db: &Path, args: &[&str], columns: Option<&str>) -> String {
    let mut c = crate::common::cal(db);
    c.args(args);
    match columns {
        Some(n) => c.env("COLUMNS", n),
        None => c.env_remove("COLUMNS"),
    };
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Every line fits in `width` characters, or is one word after its indent.
fn check_fits(text: &str, width: usize, what: &str) {
    for line in text.lines() {
        let n = line.chars().count();
        assert!(
            n <= width || line.split_whitespace().count() == 1,
            "{what}: a line of {n} characters at width {width}:\n{line}\n\n{text}"
        );
    }
}

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

#[test]
fn the_review_and_people_wrap_to_the_width() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    run(&db, &["demo"], None);
    // A word no line can hold.
    let long = format!("Person{}", "x".repeat(90));
    run(
        &db,
        &[
            "people",
            "add",
            &long,
            "--org",
            "Payments Platform Infrastructure",
        ],
        None,
    );
    for args in [&["review"][..], &["people", "list"][..]] {
        let wide = run(&db, args, Some("10000"));
        assert!(
            wide.lines().any(|l| l.chars().count() > 80),
            "{args:?}: the text has long lines to wrap"
        );
        for (columns, width) in [(Some("60"), 60), (Some("40"), 40), (None, 80)] {
            let text = run(&db, args, columns);
            check_fits(&text, width, &format!("{args:?} at {columns:?}"));
            assert_eq!(
                words(&text),
                words(&wide),
                "{args:?} at {columns:?}: words changed"
            );
        }
    }
}
