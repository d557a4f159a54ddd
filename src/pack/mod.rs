//! The sponsor pack: the one page a candidate hands to the manager who will argue
//! the case at calibration without them in the room. It is a report over the same
//! cycle data as the review, the outline, the rehearsal and the feedback plan, and
//! adds no judgment of its own: the thesis and proof points are the strongest wins
//! across the expectations that set the target level apart (never the floor while
//! others have evidence), the objections are the review's gaps, the outline's
//! areas for growth and the rehearsal's answered questions, the provider map is the
//! feedback plan. Every figure on the page is one the user wrote
//! ([`check`] runs the shared honesty check), every proof point cites its win, and
//! the page stays under [`MAX_WORDS`] words so it prints on one page.
//!
//! [`Pack`] is data (see `model`); [`render`] writes it with the outline's writers.

mod build;
mod model;
mod render;

pub use build::{PackSources, compose};
pub use model::{
    MAX_WORDS, Objection, ObjectionSource, PROOF_POINTS, Pack, ProofPoint, ProviderLine, Thesis,
};
pub use render::{render, text, word_count};

use chrono::NaiveDate;
use std::collections::HashSet;

use crate::error::{Error, Result};
use crate::feedback_plan::plan_of;
use crate::honesty::{invented_numbers, unheld_numbers};
use crate::rehearse::{lead_ids, rehearse};
use crate::review::{CycleData, review};
use crate::store::Store;

/// Builds the sponsor pack of the store's current cycle as of `today`, everything
/// read in one read transaction. A ledger with no win in the cycle's window is
/// refused (an invalid-input error saying to log wins or check the cycle): there
/// is no case to argue.
pub fn build(store: &Store, today: NaiveDate) -> Result<Pack> {
    store.reading(|s| {
        // What ranks the window's wins is all the page reads of most of them; the
        // few the rehearsal tells as stories are read in full.
        let data = CycleData::load_ranking(s)?;
        if data.wins.is_empty() {
            return Err(empty_window(s, &data.cycle));
        }
        let rev = review(&data.inputs(today));
        let parts = crate::outline::case_parts(&data.sources(&rev));
        let full = s.wins_by_ids(&lead_ids(&data, &rev))?;
        let rehearsal = rehearse(&data, &rev, &full);
        let plan = plan_of(s, &data, today)?;
        Ok(compose(&PackSources {
            data: &data,
            review: &rev,
            parts: &parts,
            rehearsal: &rehearsal,
            plan: &plan,
        }))
    })
}

/// Everything the Calibration view shows, over one read of the cycle: the feedback
/// plan, the rehearsal, and the sponsor pack, checked for honesty (or why there is
/// none: a ledger with nothing to argue still has a plan and a rehearsal). Each is
/// what [`crate::feedback_plan::plan_store`], [`crate::rehearse::rehearse_store`]
/// and [`build`] give for the same data.
pub struct Calibration {
    /// Who to ask for feedback.
    pub plan: crate::feedback_plan::FeedbackPlan,
    /// The panel's questions.
    pub rehearsal: crate::rehearse::Rehearsal,
    /// The sponsor pack, checked; or why it cannot be made.
    pub pack: Result<Pack>,
}

/// The Calibration view's data as the app draws it: the plan's view, the
/// rehearsal, and the pack as the library's HTML page, or the message saying why
/// there is none.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
pub struct CalibrationView {
    /// Who to ask for feedback, as the view lists them.
    pub plan: crate::feedback_plan::PlanView,
    /// The panel's questions.
    pub rehearsal: crate::rehearse::Rehearsal,
    /// The sponsor pack as one HTML page, when there is a case to argue.
    pub pack_html: Option<String>,
    /// Why there is no pack, when there is none.
    pub pack_error: Option<crate::error::ErrorReport>,
}

impl Calibration {
    /// The view's data: the pack written as HTML.
    pub fn view(&self) -> Result<CalibrationView> {
        let (pack_html, pack_error) = match &self.pack {
            Ok(p) => (
                Some(
                    String::from_utf8_lossy(&render(p, crate::outline::OutlineFormat::Html)?)
                        .into_owned(),
                ),
                None,
            ),
            Err(e) => (None, Some(crate::error::ErrorReport::from(e))),
        };
        Ok(CalibrationView {
            plan: self.plan.view(),
            rehearsal: self.rehearsal.clone(),
            pack_html,
            pack_error,
        })
    }
}

/// Reads the cycle once and builds [`Calibration`] as of `today`.
pub fn calibration(store: &Store, today: NaiveDate) -> Result<Calibration> {
    store.reading(|s| {
        let data = CycleData::load_ranking(s)?;
        let rev = review(&data.inputs(today));
        let full = s.wins_by_ids(&lead_ids(&data, &rev))?;
        let rehearsal = rehearse(&data, &rev, &full);
        let plan = plan_of(s, &data, today)?;
        let pack = if data.wins.is_empty() {
            Err(empty_window(s, &data.cycle))
        } else {
            let parts = crate::outline::case_parts(&data.sources(&rev));
            let pack = compose(&PackSources {
                data: &data,
                review: &rev,
                parts: &parts,
                rehearsal: &rehearsal,
                plan: &plan,
            });
            check(s, &pack).map(|()| pack)
        };
        Ok(Calibration {
            plan,
            rehearsal,
            pack,
        })
    })
}

/// The refusal of a pack with nothing to argue: what is missing and what to do.
fn empty_window(store: &Store, cycle: &crate::model::Cycle) -> Error {
    let any = store
        .list_wins(&crate::model::WinFilter {
            limit: Some(1),
            ..Default::default()
        })
        .map(|w| !w.is_empty())
        .unwrap_or(false);
    if any {
        Error::invalid(format!(
            "no win falls in the cycle's window ({} to {}), so there is no case for a sponsor pack; check the cycle with `caliber cycle show` (set its dates with `caliber cycle set`), or log the wins of this window with `caliber log`",
            cycle.start, cycle.end
        ))
    } else {
        Error::invalid(
            "the ledger has no wins yet, so there is no case for a sponsor pack; log your wins first with `caliber log \"what happened\"` (or try `caliber demo`)",
        )
    }
}

/// The figures of the pack's text that the evidence does not hold (its citations
/// `[#id]` aside): empty for an honest pack.
pub fn invented(pack: &Pack, allowed: &HashSet<String>) -> Vec<String> {
    let page = text(pack);
    invented_numbers(&page, &crate::outline::cites_of(&page), allowed)
}

/// Every win the pack cites.
pub fn cites(pack: &Pack) -> Vec<crate::model::WinId> {
    crate::outline::cites_of(&text(pack))
}

/// Refuses a pack with a figure the store's evidence does not hold: a sponsor must
/// never argue a number the candidate did not write.
pub fn check(store: &Store, pack: &Pack) -> Result<()> {
    let figures = invented(pack, &HashSet::new());
    let bad = unheld_numbers(store, &figures)?;
    if bad.is_empty() {
        Ok(())
    } else {
        Err(Error::Internal(format!(
            "the sponsor pack would state figures the evidence does not hold ({}); nothing was written",
            bad.join(", ")
        )))
    }
}
