//! Files written whole through a temporary file beside them: two writes of
//! different files in the same folder never share that temporary file, whether
//! they run one after the other or at the same moment (the app exports and backs
//! up from several threads), so neither clobbers the other's bytes.

use std::path::PathBuf;
use std::sync::{Arc, Barrier};

/// Distinct contents, large enough that two writes overlap in time.
fn content(round: usize, i: usize) -> Vec<u8> {
    format!("round {round} writer {i}\n")
        .repeat(20_000)
        .into_bytes()
}

#[test]
fn targets_differing_only_by_extension_written_at_once_keep_their_own_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let exts = ["db", "sqlite", "md", "html", "csv", "json", "txt", "docx"];
    let mut failures = Vec::new();
    for round in 0..100 {
        let gate = Arc::new(Barrier::new(exts.len()));
        let handles: Vec<_> = exts
            .iter()
            .enumerate()
            .map(|(i, ext)| {
                let target: PathBuf = dir.path().join(format!("x{round}.{ext}"));
                let gate = Arc::clone(&gate);
                let bytes = content(round, i);
                std::thread::spawn(move || {
                    gate.wait();
                    let written = caliber::paths::write_output(&target, &bytes, None, true);
                    (target, written.map(|_| ()))
                })
            })
            .collect();
        for (i, h) in handles.into_iter().enumerate() {
            let (target, written) = h.join().expect("writer thread");
            match written {
                Err(e) => failures.push(format!("{}: {e}", target.display())),
                Ok(()) => {
                    let got = std::fs::read(&target).unwrap_or_default();
                    if got != content(round, i) {
                        failures.push(format!(
                            "{} holds another write's bytes ({} bytes)",
                            target.display(),
                            got.len()
                        ));
                    }
                }
            }
        }
    }
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".caliber-tmp-"))
        .collect();
    assert!(
        failures.is_empty(),
        "{} writes went wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(left.is_empty(), "temporary files left behind: {left:?}");
}

#[test]
fn targets_written_one_after_the_other_keep_their_own_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = dir.path().join("x.db");
    let b = dir.path().join("x.sqlite");
    for round in 0..20 {
        caliber::paths::write_output(&a, &content(round, 0), None, true).expect("write x.db");
        caliber::paths::write_output(&b, &content(round, 1), None, true).expect("write x.sqlite");
        assert_eq!(std::fs::read(&a).expect("read x.db"), content(round, 0));
        assert_eq!(std::fs::read(&b).expect("read x.sqlite"), content(round, 1));
    }
}
