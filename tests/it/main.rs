//! The integration tests of the library and the `caliber` CLI, as one test binary:
//! one module per suite, so `cargo test --test it level::` runs one suite.

mod common;
/// The benchmarks' generator of realistic ledgers, shared by the suites that need
/// a large year.
#[path = "../../benches/common/gen.rs"]
mod generator;

mod atomic_writes;
mod backup;
mod backup_json;
mod bad_input;
mod calibration_pinned;
mod check;
mod cli;
mod crash;
mod cycle_levels;
mod dates_cli;
mod demo;
mod encryption;
mod failures;
mod feedback_plan;
mod files;
mod fuzz_regressions;
mod golden;
mod io;
mod json_everywhere;
mod ladders;
mod level;
mod mcp;
mod names;
mod outline;
mod outline_render;
mod outline_voice;
mod pack;
mod people_overview;
mod rehearse;
mod review;
mod roundtrip;
mod search;
mod settings_keys;
mod store;
mod structure;
mod suggest;
mod ts_types;
mod undo;
mod verdict;
mod wrap;
