//! The honesty check of a text Caliber writes for the user (the outline, a drafted
//! feedback request): every figure in it is one the user wrote somewhere in the
//! ledger. A number the evidence does not hold would be an invented fact in a
//! document a panel reads, so the outline's and the feedback plan's tests run the
//! same check, written once here.
//!
//! What a figure is, and when two are the same, is the rule of [`Figure`] and [`figures`]: the checker
//! of drafts (`crate::check`) compares figures with it.

mod figure;

pub(crate) use figure::english_stemmer;
pub use figure::{Figure, FigureIndex, FigureKind, figures};

use std::collections::HashSet;

use crate::error::{Error, Result};
use crate::model::{WinFilter, WinId};
use crate::store::Store;

/// Runs of ASCII digits in a text, in order: "$4.1M in 2026" gives 4, 1, 2026.
pub fn numbers(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Every run of digits the user (or the ladder they chose) wrote anywhere: wins,
/// feedback, people, the cycle and its ladder, and their answers to the
/// rehearsal's questions, as their JSON holds them.
pub fn evidence_numbers(store: &Store) -> Result<HashSet<String>> {
    fn text<T: serde::Serialize>(v: &T) -> Result<String> {
        serde_json::to_string(v).map_err(Error::json)
    }
    let mut all = String::new();
    for w in store.list_wins(&WinFilter::default())? {
        all.push_str(&text(&w)?);
    }
    for f in store.list_feedback(None)? {
        all.push_str(&text(&f)?);
    }
    for p in store.list_people()? {
        all.push_str(&text(&p)?);
    }
    for a in store.answers()? {
        all.push_str(&text(&a)?);
    }
    all.push_str(&text(&store.cycle()?)?);
    all.push_str(&text(&store.current_ladder()?)?);
    Ok(numbers(&all).into_iter().collect())
}

/// The numbers of `wanted` that no evidence holds, in their order: what
/// [`evidence_numbers`] would not allow, found by reading the evidence only until
/// each of them has been seen. The cycle, its ladder, the answers and the people
/// come first, then the wins of the cycle's window newest first a page at a time,
/// then feedback and the whole ledger, so an honest text of the cycle is checked
/// without reading every win ever logged.
pub fn unheld_numbers(store: &Store, wanted: &[String]) -> Result<Vec<String>> {
    const PAGE: usize = 256;
    let mut left: HashSet<String> = wanted.iter().cloned().collect();
    let cycle = store.cycle()?;
    strike(&mut left, &cycle)?;
    strike(&mut left, &store.current_ladder()?)?;
    strike(&mut left, &store.answers()?)?;
    strike(&mut left, &store.list_people()?)?;
    let mut offset = 0;
    while !left.is_empty() {
        let page = store.list_wins(&WinFilter {
            since: Some(cycle.start),
            until: Some(cycle.end),
            limit: Some(PAGE),
            offset: Some(offset),
            ..Default::default()
        })?;
        strike(&mut left, &page)?;
        if page.len() < PAGE {
            break;
        }
        offset += PAGE;
    }
    if !left.is_empty() {
        strike(&mut left, &store.list_feedback(None)?)?;
    }
    if !left.is_empty() {
        strike(&mut left, &store.list_wins(&WinFilter::default())?)?;
    }
    Ok(wanted
        .iter()
        .filter(|n| left.contains(*n))
        .cloned()
        .collect())
}

/// Takes the numbers `v`'s JSON holds out of `left`.
fn strike<T: serde::Serialize>(left: &mut HashSet<String>, v: &T) -> Result<()> {
    if left.is_empty() {
        return Ok(());
    }
    let text = serde_json::to_string(v).map_err(Error::json)?;
    for n in text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
    {
        left.remove(n);
    }
    Ok(())
}

/// The numbers in `text` that are not in `allowed`, after its citations of the
/// wins `cites` (`[#12]`, checked apart: they are ids, not figures) are taken out.
/// Empty when the text invents no figure.
pub fn invented_numbers(text: &str, cites: &[WinId], allowed: &HashSet<String>) -> Vec<String> {
    let mut t = text.to_string();
    for id in cites {
        t = t.replace(&format!("[#{id}]"), "");
    }
    numbers(&t)
        .into_iter()
        .filter(|n| !allowed.contains(n))
        .collect()
}
