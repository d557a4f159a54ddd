//! Full-text search over wins. A person's search text never reaches FTS5 as raw
//! syntax: it is read as words (each a prefix), "quoted phrases" and -excluded
//! words, and rebuilt as a query FTS5 always accepts.
//!
//! Two indexes of the same text answer it: `wins_fts` holds the words as written
//! (each typed word matches as a prefix, so a half-typed word finds its win) and
//! `wins_stem` their porter stems (each typed word matches whole by its stem, so
//! "hiring" finds "Hired" and "hires").

use rusqlite::ToSql;

use super::Store;
use super::wins::{Parts, Window, load_wins};
use crate::error::{Error, Result};
use crate::model::Win;

/// Turns what a person typed into a safe FTS5 query, or says why it cannot search.
///
/// Words match as prefixes (`hir` finds "hired"); text in double quotes is a phrase;
/// a word starting with `-` is excluded. Everything else that FTS5 would read as
/// syntax (`AND`, `*`, `:`, parentheses, stray quotes) is searched as plain text.
pub fn fts_query(text: &str) -> Result<String> {
    let q = Query::read(text)?;
    Ok(match &q.exclude {
        Some(x) => format!("{} NOT {x}", q.include),
        None => q.include,
    })
}

/// A search as FTS5 queries: what a win must match, as typed (each word a prefix)
/// and by stem (each word whole: a stem as a prefix would find "runbook" for
/// "runs"), and what leaves it out.
struct Query {
    include: String,
    include_stems: String,
    exclude: Option<String>,
}

impl Query {
    fn read(text: &str) -> Result<Query> {
        let mut include: Vec<String> = Vec::new();
        let mut include_stems: Vec<String> = Vec::new();
        let mut exclude: Vec<String> = Vec::new();
        let quotes = text.matches('"').count();
        let balanced = quotes % 2 == 0;
        let mut in_phrase = false;
        for (i, part) in text.split('"').enumerate() {
            if i > 0 && balanced {
                in_phrase = !in_phrase;
            }
            if in_phrase {
                let words = words(part);
                if !words.is_empty() {
                    include.push(format!("\"{}\"", words.join(" ")));
                    include_stems.push(format!("\"{}\"", words.join(" ")));
                }
                continue;
            }
            for raw in part.split_whitespace() {
                let negated = raw.starts_with('-') && raw.len() > 1;
                for w in words(raw) {
                    if negated {
                        exclude.push(format!("\"{w}\""));
                    } else {
                        include.push(format!("\"{w}\"*"));
                        include_stems.push(format!("\"{w}\""));
                    }
                }
            }
        }
        if include.is_empty() {
            return Err(Error::invalid(if exclude.is_empty() {
                "type a word to search for, e.g. `caliber search hiring`".to_string()
            } else {
                "a search needs at least one word to look for besides the -excluded ones"
                    .to_string()
            }));
        }
        // The excluded words joined by OR under one NOT: FTS5 nests each NOT a level
        // deeper and refuses a query deeper than 256, while any number of ORs (or of
        // the words ANDed) stay on one level.
        Ok(Query {
            include: format!("({})", include.join(" ")),
            include_stems: format!("({})", include_stems.join(" ")),
            exclude: (!exclude.is_empty()).then(|| format!("({})", exclude.join(" OR "))),
        })
    }
}

/// The words of a text as FTS5's unicode61 tokenizer sees them: runs of letters and
/// digits. Nothing else can reach the query.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

impl Store {
    /// Wins matching `text`: those with every word in the title first, then those
    /// with them in the details, newest logged first within each.
    ///
    /// The cost is that of the wins returned, not of all matches: FTS5 walks its
    /// index newest first and stops at the limit, where ranking by relevance (bm25)
    /// would read every match of a common word in ten years of wins.
    pub fn search(&self, text: &str, limit: Option<usize>) -> Result<Vec<Win>> {
        self.search_page(text, 0, limit)
    }

    /// The page of [`Store::search`]'s result that starts after its first `offset`
    /// wins, at most `limit` long: what a list that loads as it scrolls asks for.
    /// Only the page's wins are read in full; the ones before it are counted by id.
    pub fn search_page(&self, text: &str, offset: usize, limit: Option<usize>) -> Result<Vec<Win>> {
        let q = Query::read(text)?;
        let limit = limit.map(|n| n.saturating_add(offset));
        let in_title = format!("{{title}} : {}", q.include);
        let stems_in_title = format!("{{title}} : {}", q.include_stems);
        let mut ids =
            self.matching(&in_title, &stems_in_title, q.exclude.as_deref(), limit, &[])?;
        if limit.is_none_or(|n| ids.len() < n) {
            let elsewhere = format!("{} NOT {in_title}", q.include);
            let stems_elsewhere = format!("{} NOT {stems_in_title}", q.include_stems);
            let more = self.matching(
                &elsewhere,
                &stems_elsewhere,
                q.exclude.as_deref(),
                limit.map(|n| n - ids.len()),
                &ids,
            )?;
            ids.extend(more);
        }
        ids.drain(..offset.min(ids.len()));
        let json = serde_json::to_string(&ids).map_err(Error::json)?;
        let args: Vec<Box<dyn ToSql>> = vec![Box::new(json)];
        let mut wins = load_wins(
            &self.conn,
            "w.id IN (SELECT value FROM json_each(?1))",
            args,
            "",
            Window::ALL,
            Parts::All,
        )?;
        let order: std::collections::HashMap<i64, usize> =
            ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        wins.sort_by_key(|w| order.get(&w.id).copied().unwrap_or(usize::MAX));
        Ok(wins)
    }

    /// The live wins that share the most words with `text`, best first and at most
    /// `limit`: what to cite for a claim written without a citation. Any word may
    /// match (by its stem, words of four letters or more), ranked by FTS5's bm25
    /// with a word in the title worth more than one in the details.
    pub fn best_matches(&self, text: &str, limit: usize) -> Result<Vec<i64>> {
        let mut seen = std::collections::HashSet::new();
        let terms: Vec<String> = words(text)
            .into_iter()
            .filter(|w| w.chars().count() >= 4 && seen.insert(w.clone()))
            .take(16)
            .map(|w| format!("\"{w}\""))
            .collect();
        if terms.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let mut st = self.conn.prepare_cached(
            "SELECT rowid FROM wins_stem WHERE wins_stem MATCH ?1
             ORDER BY bm25(wins_stem, 4.0, 1.0), rowid DESC LIMIT ?2",
        )?;
        let ids = st
            .query_map(rusqlite::params![terms.join(" OR "), limit as i64], |r| {
                r.get(0)
            })?
            .collect::<std::result::Result<Vec<i64>, _>>()?;
        Ok(ids)
    }

    /// The ids, newest first and at most `limit`, of the wins that match `plain` in
    /// the index of words as typed or `stems` in the index of stems, except those in
    /// `skip` and those with an `exclude`d word in either form. Both indexes are
    /// read newest first and merged as they go, so the cost is that of the wins
    /// returned, not of every match.
    fn matching(
        &self,
        plain: &str,
        stems: &str,
        exclude: Option<&str>,
        limit: Option<usize>,
        skip: &[i64],
    ) -> Result<Vec<i64>> {
        let mut out: Vec<i64> = Vec::new();
        if limit == Some(0) {
            return Ok(out);
        }
        let skip: std::collections::HashSet<i64> = skip.iter().copied().collect();
        let mut by_words = self.conn.prepare_cached(
            "SELECT rowid FROM wins_fts WHERE wins_fts MATCH ?1 ORDER BY rowid DESC",
        )?;
        let mut by_stems = self.conn.prepare_cached(
            "SELECT rowid FROM wins_stem WHERE wins_stem MATCH ?1 ORDER BY rowid DESC",
        )?;
        let mut excluded_words = self
            .conn
            .prepare_cached("SELECT 1 FROM wins_fts WHERE wins_fts MATCH ?1 AND rowid = ?2")?;
        let mut excluded_stems = self
            .conn
            .prepare_cached("SELECT 1 FROM wins_stem WHERE wins_stem MATCH ?1 AND rowid = ?2")?;
        // Each index leaves out its own form of the excluded words; a win found in
        // one index only is then looked up in the other for its form of them.
        let (plain, stems) = match exclude {
            Some(x) => (format!("({plain}) NOT {x}"), format!("({stems}) NOT {x}")),
            None => (plain.to_string(), stems.to_string()),
        };
        let mut a = by_words.query([plain])?;
        let mut b = by_stems.query([stems])?;
        let next = |rows: &mut rusqlite::Rows<'_>| -> Result<Option<i64>> {
            Ok(match rows.next()? {
                Some(r) => Some(r.get(0)?),
                None => None,
            })
        };
        let (mut ha, mut hb) = (next(&mut a)?, next(&mut b)?);
        loop {
            // The newest id of either, and which index it is missing from.
            let (id, check) = match (ha, hb) {
                (None, None) => break,
                (Some(x), Some(y)) if x == y => {
                    ha = next(&mut a)?;
                    hb = next(&mut b)?;
                    (x, None)
                }
                (Some(x), None) => {
                    ha = next(&mut a)?;
                    (x, Some(&mut excluded_stems))
                }
                (Some(x), Some(y)) if x > y => {
                    ha = next(&mut a)?;
                    (x, Some(&mut excluded_stems))
                }
                (_, Some(y)) => {
                    hb = next(&mut b)?;
                    (y, Some(&mut excluded_words))
                }
            };
            if skip.contains(&id) {
                continue;
            }
            if let (Some(x), Some(st)) = (exclude, check)
                && st.exists(rusqlite::params![x, id])?
            {
                continue;
            }
            out.push(id);
            if limit.is_some_and(|n| out.len() >= n) {
                break;
            }
        }
        Ok(out)
    }
}
