//! Full-text search over wins. A person's search text never reaches FTS5 as raw
//! syntax: it is read as words (each a prefix), "quoted phrases" and -excluded
//! words, and rebuilt as a query FTS5 always accepts.

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
    let mut include: Vec<String> = Vec::new();
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
                }
            }
        }
    }
    if include.is_empty() {
        return Err(Error::invalid(if exclude.is_empty() {
            "type a word to search for, e.g. `caliber search hiring`".to_string()
        } else {
            "a search needs at least one word to look for besides the -excluded ones".to_string()
        }));
    }
    let mut q = format!("({})", include.join(" "));
    if !exclude.is_empty() {
        // One NOT over the excluded words joined by OR: FTS5 nests each NOT a level
        // deeper and refuses a query deeper than 256, while any number of ORs (or of
        // the words ANDed above) stay on one level.
        q.push_str(" NOT (");
        q.push_str(&exclude.join(" OR "));
        q.push(')');
    }
    Ok(q)
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
        let q = fts_query(text)?;
        let cap = limit.map(|n| n as i64).unwrap_or(-1);
        let mut st = self.conn.prepare_cached(
            "SELECT rowid FROM wins_fts WHERE wins_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2",
        )?;
        let in_title = format!("{{title}} : ({q})");
        let mut ids: Vec<i64> = st
            .query_map(rusqlite::params![in_title, cap], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if limit.is_none_or(|n| ids.len() < n) {
            let rest = cap.max(0) - ids.len() as i64;
            let elsewhere = format!("({q}) NOT {in_title}");
            let more: Vec<i64> = st
                .query_map(
                    rusqlite::params![elsewhere, if cap < 0 { -1 } else { rest }],
                    |r| r.get(0),
                )?
                .collect::<rusqlite::Result<_>>()?;
            ids.extend(more);
        }
        let json = serde_json::to_string(&ids).map_err(|e| Error::invalid(e.to_string()))?;
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
}
