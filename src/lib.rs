//! Caliber: an evidence ledger and promotion-readiness engine for managers.
//!
//! Every rule of the domain lives here, so the CLI (`src/bin/caliber`) and the desktop
//! app (`src-tauri`) stay thin. Nothing in this crate needs a window, GTK or Node.
#![deny(missing_docs)]

mod atomic;
pub mod check;
pub mod clean;
pub mod dates;
pub mod demo;
pub mod error;
pub mod feedback_plan;
pub mod honesty;
pub mod io;
pub mod ladder;
pub mod level;
pub mod model;
pub mod names;
pub mod outline;
pub mod paths;
pub mod people;
pub mod rehearse;
pub mod reminder;
pub mod review;
pub mod store;
pub mod suggest;
mod words;

pub use error::{Error, ErrorKind, ErrorReport, Result};
pub use ladder::{Expectation, Ladder, Principle};
pub use model::*;
pub use store::Store;
