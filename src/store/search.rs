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
        let q = Query::read(text)?;
        let cap = limit.map(|n| n as i64).unwrap_or(-1);
        // A win matches when its words match as typed (prefixes, in `wins_fts`) or
        // by stem (`wins_stem`: "hiring" finds "Hired"); an excluded word leaves it
        // out in either form.
        let mut sql = String::from(
            "SELECT rowid FROM wins_fts WHERE wins_fts MATCH ?1
             UNION SELECT rowid FROM wins_stem WHERE wins_stem MATCH ?4",
        );
        if q.exclude.is_some() {
            sql.push_str(
                " EXCEPT SELECT rowid FROM wins_fts WHERE wins_fts MATCH ?3
                  EXCEPT SELECT rowid FROM wins_stem WHERE wins_stem MATCH ?3",
            );
        }
        sql.push_str(" ORDER BY 1 DESC LIMIT ?2");
        let mut st = self.conn.prepare_cached(&sql)?;
        let exclude = q.exclude.as_deref().unwrap_or("");
        let mut run = |matching: &str, stems: &str, cap: i64| -> Result<Vec<i64>> {
            // Without exclusions ?3 is not in the statement; SQLite takes a value
            // for it all the same (the statement's parameters run up to ?4).
            let params: [&dyn ToSql; 4] = [&matching, &cap, &exclude, &stems];
            Ok(st
                .query_map(&params[..], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?)
        };
        let in_title = format!("{{title}} : {}", q.include);
        let stems_in_title = format!("{{title}} : {}", q.include_stems);
        let mut ids = run(&in_title, &stems_in_title, cap)?;
        if limit.is_none_or(|n| ids.len() < n) {
            // A title that matches in one index only is found again here by the
            // other one's "not in the title": up to the limit is asked for, and
            // those already found are dropped.
            let elsewhere = format!("{} NOT {in_title}", q.include);
            let stems_elsewhere = format!("{} NOT {stems_in_title}", q.include_stems);
            let more = run(&elsewhere, &stems_elsewhere, cap)?;
            let seen: std::collections::HashSet<i64> = ids.iter().copied().collect();
            let wanted = limit.map_or(usize::MAX, |n| n - ids.len());
            ids.extend(
                more.into_iter()
                    .filter(|id| !seen.contains(id))
                    .take(wanted),
            );
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
