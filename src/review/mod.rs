//! The gap review before calibration: for each expectation of the ladder, how much
//! evidence there is, at what level, how recent, how wide, how proven and who can
//! vouch for it; then the gaps, ranked, with what to do while there is still time,
//! and the verdict on the whole case.
//!
//! The rules follow what a panel looks for (the ladders in `assets/ladders` write it
//! per level): recent evidence weighs more than old; one expectation carried by a
//! single win is a gap, not a strength; numbers and independent vouchers make a
//! claim stand.
//!
//! One job per file: [`loading`] reads the cycle from the store, `build` judges and
//! counts, [`scoring`] holds the weights, `wording` writes the sentences, `verdict`
//! gives the label; the types of the report are in `report`.

mod build;
pub mod loading;
mod report;
pub mod scoring;
mod verdict;
mod wording;

use chrono::NaiveDate;

use crate::error::Result;
use crate::store::Store;

pub use build::{providers_of, quarters, review};
pub use loading::{CycleData, Inputs, RankedWin, Reviewable};
pub use report::{
    ExpectationReview, Gap, LevelCounts, MissingMustHave, MustHaveStatus, Providers, QuarterCell,
    Readiness, Review, Strength, Sustained,
};
pub use scoring::{LAST_WEEKS, OLD_AFTER_DAYS, PROVIDERS_WANTED, RECENT_DAYS};
pub use verdict::readiness;
pub(crate) use wording::plural;
pub use wording::{ago, count_words};

/// Reviews the current cycle of a store as of `as_of`, from the facts of its wins
/// ([`Store::win_facts`]), all read in one read transaction.
pub fn review_store(store: &Store, as_of: NaiveDate) -> Result<Review> {
    store.reading(|store| Ok(review(&CycleData::load_facts(store)?.inputs(as_of))))
}
