//! The ladder loader: `Ladder::from_json`, which also validates.
#![no_main]

use caliber::Ladder;
use caliber_fuzz::{assert_input_error, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let json = text(data);
    match Ladder::from_json(&json, "fuzz.json") {
        Ok(ladder) => {
            // What was accepted stays valid, and reads back the same after being
            // stored (imported ladders are kept as JSON in the database).
            if let Err(e) = ladder.validate("fuzz.json") {
                panic!("a loaded ladder fails validation: {e}");
            }
            let stored = match serde_json::to_string(&ladder) {
                Ok(s) => s,
                Err(e) => panic!("a loaded ladder cannot be written as JSON: {e}"),
            };
            match Ladder::from_json(&stored, "stored") {
                Ok(back) => assert_eq!(back, ladder, "a stored ladder reads back different"),
                Err(e) => panic!("a stored ladder does not read back: {e}"),
            }
        }
        Err(e) => {
            assert_input_error(&e, "Ladder::from_json");
            let msg = e.to_string();
            assert!(
                msg.starts_with("ladder fuzz.json:"),
                "the error does not name the file: {msg}"
            );
        }
    }
});
