//! Import formats: `io::parse` for each format, then the whole import into an
//! in-memory ledger, as `io::import_file` does it.
//!
//! The first byte picks the format: `b` backup, `c` CSV, `j` jrnl, `m` Markdown;
//! any other byte lets `Format::guess` choose from the content, as an import of a
//! file without a known extension does.
#![no_main]

use caliber::io::{self, Format};
use caliber::{Source, Store};
use caliber_fuzz::{assert_input_error, text};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let content = text(rest);
    let format = match pick {
        b'b' => Format::Backup,
        b'c' => Format::Csv,
        b'j' => Format::Jrnl,
        b'm' => Format::Markdown,
        _ => Format::guess(Path::new("wins"), &content),
    };
    let records = match io::parse(format, &content) {
        Ok(r) => r,
        Err(e) => {
            assert_input_error(&e, &format!("parse {format}"));
            return;
        }
    };
    let Ok(mut store) = Store::open_in_memory() else {
        panic!("an in-memory store must open");
    };
    let source = match format {
        Format::Backup => None,
        _ => Some(Source::Import),
    };
    match store.insert_records(&records, source) {
        Ok(first) => {
            // The same file imported twice adds no win the second time.
            match store.insert_records(&records, source) {
                Ok(again) => assert_eq!(
                    again.wins, 0,
                    "{format}: a second import added wins again ({first:?}, then {again:?})"
                ),
                Err(e) => panic!("{format}: a second import of a file that imported failed: {e}"),
            }
        }
        Err(e) => {
            assert_input_error(&e, &format!("import {format}"));
            // All or nothing: a refused import leaves the ledger as it was.
            assert_eq!(
                store.count_wins().ok(),
                Some(0),
                "{format}: a refused import left wins behind"
            );
        }
    }
});
