//! Wins: the evidence itself. Writing one touches several tables and the full-text
//! index, always in one transaction, so a win is either wholly saved or not at all.

use chrono::{NaiveDate, Utc};
use rusqlite::{Connection, ToSql, Transaction, params};

use super::fts::reindex;
use super::{Store, day, parse_day, parse_ts, ts};
use crate::clean::{self, CleanWin};
use crate::error::{Error, Result};
use crate::model::WinFacts;
use crate::model::{Edited, ExpectationTag, PersonId, Win, WinDraft, WinFilter, WinId, WinPerson};
use std::sync::Arc;

impl Store {
    /// Saves a new win and returns it as stored. Its undo takes back the people it
    /// brought, unless something else names them by then.
    pub fn add_win(&mut self, draft: &WinDraft) -> Result<Win> {
        let ladder = self.current_ladder()?;
        let today = crate::dates::today();
        let clean = clean::win(draft, today, &ladder.expectation_ids(), &ladder.id)?;
        crate::dates::not_in_future(clean.date, today)?;
        let id = self.write(|tx| {
            let mark = super::journal::people_mark(tx)?;
            let id = insert_win(tx, &clean, Utc::now(), None)?;
            super::journal::record_add(tx, super::journal::Entity::Win, id, mark)?;
            Ok(id)
        })?;
        self.win(id)
    }

    /// Replaces a win's content with `draft`; undo brings the old content back. An
    /// edit that changes nothing writes nothing (see [`Store::edit_wins`]).
    pub fn update_win(&mut self, id: WinId, draft: &WinDraft) -> Result<Win> {
        let mut edited = self.edit_wins(&[(id, draft.clone())])?;
        edited
            .wins
            .pop()
            .ok_or_else(|| Error::not_found(format!("there is no win {id}")))
    }

    /// Replaces the content of several wins, each with its draft, in one
    /// transaction and one step to undo. Wins whose draft changes nothing are left
    /// as they are; when none changes, nothing is written and nothing is recorded.
    /// Any draft refused refuses them all. An id given twice counts once (its
    /// first draft).
    pub fn edit_wins(&mut self, edits: &[(WinId, WinDraft)]) -> Result<Edited> {
        self.edit_wins_and_levels(edits, &[], None)
    }

    /// [`Store::edit_wins`], and sets (or with `None` clears) the level of each win in
    /// `levels` for its expectation, which must be one of the win's tags once edited:
    /// all in one transaction and one step to undo. Nothing changed, nothing recorded.
    pub fn edit_wins_and_levels(
        &mut self,
        edits: &[(WinId, WinDraft)],
        levels: &[(WinId, String)],
        level: Option<crate::model::Level>,
    ) -> Result<Edited> {
        let ladder = self.current_ladder()?;
        let today = crate::dates::today();
        let mut seen: Vec<WinId> = Vec::new();
        let mut wins: Vec<Win> = Vec::new();
        let mut writes: Vec<(WinId, CleanWin, WinDraft)> = Vec::new();
        for (id, draft) in edits {
            if seen.contains(id) {
                continue;
            }
            seen.push(*id);
            let before = self.win(*id)?;
            let mut valid = ladder.expectation_ids();
            // Tags from an earlier ladder may stay on the win they were given to.
            for t in &before.expectations {
                if !valid.contains(&t.id.as_str()) {
                    valid.push(t.id.as_str());
                }
            }
            let clean = clean::win(draft, today, &valid, &ladder.id)?;
            if clean.date != before.date {
                crate::dates::not_in_future(clean.date, today)?;
            }
            let same = clean.date == before.date
                && clean.draft.title == before.title
                && same_content(&self.conn, &clean.draft, &before)?;
            if !same {
                writes.push((*id, clean, WinDraft::from(&before)));
            }
            wins.push(before);
        }
        // A level is set for a tag the win has once edited (an edit may add it).
        let mut checked: Vec<(WinId, String)> = Vec::new();
        for (id, expectation) in levels {
            let expectation = expectation.trim();
            let tags: Vec<String> = match writes.iter().find(|(w, _, _)| w == id) {
                Some((_, clean, _)) => clean
                    .draft
                    .expectations
                    .iter()
                    .map(|t| t.id.clone())
                    .collect(),
                None => match wins.iter().find(|w| w.id == *id) {
                    Some(w) => w.expectations.iter().map(|t| t.id.clone()).collect(),
                    None => self
                        .win(*id)?
                        .expectations
                        .iter()
                        .map(|t| t.id.clone())
                        .collect(),
                },
            };
            if !tags.iter().any(|t| t == expectation) {
                let has: Vec<&str> = tags.iter().map(String::as_str).collect();
                return Err(super::levels::not_tagged(*id, expectation, &has));
            }
            checked.push((*id, expectation.to_string()));
        }
        let changed: Vec<WinId> = writes.iter().map(|(id, _, _)| *id).collect();
        if !writes.is_empty() || !checked.is_empty() {
            self.write(|tx| {
                let mark = super::journal::people_mark(tx)?;
                let mut before = Vec::new();
                for (id, clean, was) in writes {
                    write_win_content(tx, id, &clean)?;
                    before.push((id, was));
                }
                let mut levels_before = Vec::new();
                for (id, expectation) in &checked {
                    let was = super::levels::level_now(tx, *id, expectation)?;
                    if was != level {
                        super::levels::write_level(tx, *id, expectation, level)?;
                        levels_before.push((*id, expectation.clone(), was));
                    }
                }
                super::journal::record_win_and_level_edits(tx, before, levels_before, mark)
            })?;
            for w in &mut wins {
                if changed.contains(&w.id) {
                    *w = self.win(w.id)?;
                }
            }
        }
        Ok(Edited { wins, changed })
    }

    /// Confirms every suggested expectation of the given wins, or of every live win
    /// with one when `ids` is `None`: bulk triage, one step to undo.
    pub fn confirm_suggested(&mut self, ids: Option<&[WinId]>) -> Result<Edited> {
        let wins = match ids {
            Some(ids) => ids
                .iter()
                .map(|&id| self.win(id))
                .collect::<Result<Vec<_>>>()?,
            None => {
                let mut all = self.list_wins(&WinFilter {
                    confirmed: Some(false),
                    ..WinFilter::default()
                })?;
                all.reverse();
                all
            }
        };
        let edits: Vec<(WinId, WinDraft)> = wins
            .iter()
            .map(|w| {
                let mut d = WinDraft::from(w);
                for t in &mut d.expectations {
                    t.confirmed = true;
                }
                (w.id, d)
            })
            .collect();
        self.edit_wins(&edits)
    }

    /// Soft-deletes a win; `undo` restores it.
    pub fn delete_win(&mut self, id: WinId) -> Result<Win> {
        let win = self.win(id)?;
        self.write(|tx| {
            set_win_deleted(tx, id, true)?;
            super::journal::record(
                tx,
                super::journal::ActionKind::Delete,
                super::journal::Entity::Win,
                id,
                None,
            )?;
            Ok(())
        })?;
        Ok(win)
    }

    /// The win with this id; deleted wins are not found.
    pub fn win(&self, id: WinId) -> Result<Win> {
        let mut found = load_wins(
            &self.conn,
            "w.id = ?",
            vec![Box::new(id)],
            "",
            Window::ALL,
            Parts::All,
        )?;
        found.pop().ok_or_else(|| {
            Error::not_found(format!(
                "there is no win {id}; `caliber list` shows the ids"
            ))
        })
    }

    /// Wins matching the filter, newest first.
    pub fn list_wins(&self, filter: &WinFilter) -> Result<Vec<Win>> {
        self.list_wins_with(filter, Parts::All)
    }

    /// Like [`Store::list_wins`], without the situation, notes, links and tags, with
    /// an action that is an empty text when the win has one: what the outline ranks evidence by
    /// and quotes. The wins it then shows in full are read with [`Store::wins_by_ids`].
    pub(crate) fn list_wins_ranking(&self, filter: &WinFilter) -> Result<Vec<Win>> {
        self.list_wins_with(filter, Parts::Ranking)
    }

    /// The live wins with these ids, in full, in no particular order; ids of missing
    /// or deleted wins are left out.
    pub(crate) fn wins_by_ids(&self, ids: &[WinId]) -> Result<Vec<Win>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = serde_json::to_string(ids).map_err(Error::json)?;
        load_wins(
            &self.conn,
            "w.id IN (SELECT value FROM json_each(?))",
            vec![Box::new(list)],
            "",
            Window::ALL,
            Parts::All,
        )
    }

    /// Runs `f` inside one read transaction, so everything it reads comes from the
    /// same state of the database even while other processes write.
    pub fn reading<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        self.conn.execute_batch("BEGIN DEFERRED")?;
        let out = f(self);
        // Only reads happened: ending the transaction cannot lose anything.
        let _ = self.conn.execute_batch("COMMIT");
        out
    }

    /// The facts the gap review reads of the live wins dated `since` to `until`
    /// (both included), newest first: date, scope, whether there is a metric, the
    /// expectation tags and the live people named. No texts and no names, so a
    /// year of wins loads with few allocations.
    pub fn win_facts(&self, since: NaiveDate, until: NaiveDate) -> Result<Vec<WinFacts>> {
        const WINDOW: &str = "w.deleted_at IS NULL AND w.date >= ?1 AND w.date <= ?2";
        let (since, until) = (day(since), day(until));
        let mut st = self.conn.prepare(&format!(
            "SELECT w.id, w.date, w.scope, w.title, w.result, w.metric
             FROM wins w WHERE {WINDOW} ORDER BY w.date DESC, w.id DESC"
        ))?;
        let rows = st.query_map([&since, &until], |r| {
            // The words as "title result metric", put together from the row's own
            // texts in one allocation.
            let title = r.get_ref(3)?.as_str()?;
            let result = r.get_ref(4)?.as_str_or_null()?;
            let metric = r.get_ref(5)?.as_str_or_null()?;
            let (result, has_metric) = (result.unwrap_or(""), metric.is_some());
            let metric = metric.unwrap_or("");
            let mut text = String::with_capacity(title.len() + result.len() + metric.len() + 2);
            for (i, part) in [title, result, metric].into_iter().enumerate() {
                if i > 0 {
                    text.push(' ');
                }
                text.push_str(part);
            }
            Ok(WinFacts {
                id: r.get(0)?,
                date: parse_day(r.get_ref(1)?.as_str()?)?,
                scope: r.get_ref(2)?.as_str()?.parse().unwrap_or_default(),
                has_metric,
                tags: Vec::new(),
                people: Vec::new(),
                text,
            })
        })?;
        let mut wins: Vec<WinFacts> = rows.collect::<rusqlite::Result<_>>()?;
        if wins.is_empty() {
            return Ok(wins);
        }
        let index = WinIndex::of(wins.iter().map(|w| w.id));
        // The parts of the window's wins: when their ids are close together (wins
        // are mostly logged in date order), every part of the ids' range in key
        // order, several times cheaper than finding each win's; the rows of other
        // wins in the range are left out by the index. Otherwise each win's.
        let (first, last) = index.range();
        let dense = (last - first) as u64 <= 3 * wins.len() as u64;
        let (parts_of, args): (&str, [&dyn ToSql; 2]) = if dense {
            ("WHERE c.win_id BETWEEN ?1 AND ?2", [&first, &last])
        } else {
            (
                &format!("JOIN wins w ON w.id = c.win_id WHERE {WINDOW}"),
                [&since, &until],
            )
        };

        // A ladder has a dozen expectations: each id is made once and shared.
        let mut ids: Vec<Arc<str>> = Vec::new();
        let mut st = self.conn.prepare(&format!(
            "SELECT c.win_id, c.expectation, c.confirmed FROM win_expectations c {parts_of}"
        ))?;
        let mut rows = st.query(args)?;
        while let Some(r) = rows.next()? {
            if let Some(&i) = index.get(&r.get(0)?) {
                let name = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
                let id = match ids.iter().find(|x| &***x == name) {
                    Some(x) => Arc::clone(x),
                    None => {
                        let x: Arc<str> = Arc::from(name);
                        ids.push(Arc::clone(&x));
                        x
                    }
                };
                wins[i].tags.push((id, r.get(2)?));
            }
        }

        let mut st = self.conn.prepare(&format!(
            "SELECT c.win_id, c.position, c.person_id, c.vouches FROM win_people c {parts_of}
             AND c.person_id NOT IN (SELECT id FROM people WHERE deleted_at IS NOT NULL)"
        ))?;
        let mut rows = st.query(args)?;
        let mut found: Vec<(usize, i64, (PersonId, bool))> = Vec::new();
        while let Some(r) = rows.next()? {
            if let Some(&i) = index.get(&r.get(0)?) {
                found.push((i, r.get(1)?, (r.get(2)?, r.get(3)?)));
            }
        }
        sort_parts(&mut found);
        for (i, _, p) in found {
            wins[i].people.push(p);
        }
        Ok(wins)
    }

    /// The words of each live win dated `since` to `until` that is `wanted`, read in
    /// place for a search of them (the feedback plan's disagreements): `each` gets
    /// the id, the title, situation, action and result, and the free tags in their
    /// order. No String is made per win or per tag.
    pub(crate) fn win_words(
        &self,
        since: NaiveDate,
        until: NaiveDate,
        wanted: impl Fn(WinId) -> bool,
        mut each: impl for<'r> FnMut(WinId, [Option<&'r str>; 4], &mut dyn Iterator<Item = &'r str>),
    ) -> Result<()> {
        const WINDOW: &str = "w.deleted_at IS NULL AND w.date >= ?1 AND w.date <= ?2";
        let (since, until) = (day(since), day(until));
        // Every tag of the window in one text, found by (win, position).
        let mut all = String::new();
        let mut tags: Vec<(WinId, i64, usize, usize)> = Vec::new();
        let mut st = self.conn.prepare(&format!(
            "SELECT c.win_id, c.position, c.tag FROM win_tags c JOIN wins w ON w.id = c.win_id
             WHERE {WINDOW}"
        ))?;
        let mut rows = st.query([&since, &until])?;
        while let Some(r) = rows.next()? {
            let win: WinId = r.get(0)?;
            if !wanted(win) {
                continue;
            }
            let tag = r.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?;
            let start = all.len();
            all.push_str(tag);
            tags.push((win, r.get(1)?, start, all.len()));
        }
        tags.sort_unstable();
        let mut st = self.conn.prepare(&format!(
            "SELECT w.id, w.title, w.situation, w.action, w.result FROM wins w WHERE {WINDOW}"
        ))?;
        let mut rows = st.query([&since, &until])?;
        while let Some(r) = rows.next()? {
            let id: WinId = r.get(0)?;
            if !wanted(id) {
                continue;
            }
            let text = |i: usize| -> rusqlite::Result<Option<&str>> {
                Ok(r.get_ref(i)?.as_str_or_null()?)
            };
            let first = tags.partition_point(|t| t.0 < id);
            let mut own = tags[first..]
                .iter()
                .take_while(|t| t.0 == id)
                .map(|&(_, _, start, end)| &all[start..end]);
            each(id, [text(1)?, text(2)?, text(3)?, text(4)?], &mut own);
        }
        Ok(())
    }

    fn list_wins_with(&self, filter: &WinFilter, parts: Parts) -> Result<Vec<Win>> {
        if let (Some(since), Some(until)) = (filter.since, filter.until)
            && until < since
        {
            return Err(Error::invalid(format!(
                "the dates are the wrong way round: the window ends ({until}) before it starts ({since}); give --since an earlier date than --until"
            )));
        }
        let mut clauses: Vec<String> = Vec::new();
        let mut args: Vec<Box<dyn ToSql>> = Vec::new();
        if let Some(d) = filter.since {
            clauses.push("w.date >= ?".into());
            args.push(Box::new(day(d)));
        }
        if let Some(d) = filter.until {
            clauses.push("w.date <= ?".into());
            args.push(Box::new(day(d)));
        }
        if let Some(e) = &filter.expectation {
            clauses.push("EXISTS (SELECT 1 FROM win_expectations x WHERE x.win_id = w.id AND x.expectation = ?)".into());
            args.push(Box::new(e.clone()));
        }
        if let Some(s) = filter.scope {
            clauses.push("w.scope = ?".into());
            args.push(Box::new(s.as_str()));
        }
        if let Some(p) = filter.person {
            clauses.push(
                "EXISTS (SELECT 1 FROM win_people x WHERE x.win_id = w.id AND x.person_id = ?)"
                    .into(),
            );
            args.push(Box::new(p));
        }
        if let Some(t) = &filter.tag {
            clauses.push(
                "EXISTS (SELECT 1 FROM win_tags x WHERE x.win_id = w.id AND x.tag = ?)".into(),
            );
            args.push(Box::new(crate::names::tag_form(&clean::one_line(t))));
        }
        match filter.confirmed {
            Some(true) => clauses.push(
                "EXISTS (SELECT 1 FROM win_expectations x WHERE x.win_id = w.id AND x.confirmed = 1)".into(),
            ),
            Some(false) => clauses.push(
                "EXISTS (SELECT 1 FROM win_expectations x WHERE x.win_id = w.id AND x.confirmed = 0)".into(),
            ),
            None => {}
        }
        let clause = if clauses.is_empty() {
            "1".to_string()
        } else {
            clauses.join(" AND ")
        };
        load_wins(
            &self.conn,
            &clause,
            args,
            "ORDER BY w.date DESC, w.id DESC",
            Window {
                limit: filter.limit,
                offset: filter.offset.unwrap_or(0),
            },
            parts,
        )
    }

    /// The most recent wins with confirmed tags, as (title, confirmed expectation ids):
    /// what the suggester learns the user's own vocabulary from. Titles only: they
    /// are what a suggestion is made from, and long details would drown them.
    pub fn confirmed_examples(&self, limit: usize) -> Result<Vec<(String, Vec<String>)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT w.title,
                    (SELECT json_group_array(expectation) FROM win_expectations x WHERE x.win_id = w.id AND x.confirmed = 1)
             FROM wins w
             WHERE w.deleted_at IS NULL
               AND EXISTS (SELECT 1 FROM win_expectations x WHERE x.win_id = w.id AND x.confirmed = 1)
             ORDER BY w.id DESC LIMIT ?1",
        )?;
        let rows = st.query_map([limit as i64], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (text, ids) = row?;
            let ids: Vec<String> = serde_json::from_str(&ids).unwrap_or_default();
            out.push((text, ids));
        }
        Ok(out)
    }

    /// Number of wins not deleted.
    pub fn count_wins(&self) -> Result<usize> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM wins WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )?;
        Ok(n as usize)
    }
}

/// Inserts a cleaned win. `id` keeps an id from a backup; otherwise SQLite picks one.
pub(crate) fn insert_win(
    tx: &Transaction<'_>,
    clean: &CleanWin,
    logged_at: chrono::DateTime<Utc>,
    keep: Option<(WinId, chrono::DateTime<Utc>)>,
) -> Result<WinId> {
    let d = &clean.draft;
    let (id, updated) = match keep {
        Some((id, updated)) => (Some(id), updated),
        None => (None, logged_at),
    };
    tx.prepare_cached(
        "INSERT INTO wins (id, date, logged_at, updated_at, title, situation, action, result, notes, metric, scope, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
            id,
            day(clean.date),
            ts(logged_at),
            ts(updated),
            d.title,
            d.situation,
            d.action,
            d.result,
            d.notes,
            d.metric,
            d.scope.as_str(),
            d.source.as_str(),
        ])?;
    let id = tx.last_insert_rowid();
    write_children(tx, id, d)?;
    reindex(tx, id)?;
    Ok(id)
}

fn write_win_content(tx: &Transaction<'_>, id: WinId, clean: &CleanWin) -> Result<()> {
    let d = &clean.draft;
    tx.execute(
        "UPDATE wins SET date = ?2, updated_at = ?3, title = ?4, situation = ?5, action = ?6, result = ?7,
         notes = ?8, metric = ?9, scope = ?10 WHERE id = ?1",
        params![
            id,
            day(clean.date),
            ts(Utc::now()),
            d.title,
            d.situation,
            d.action,
            d.result,
            d.notes,
            d.metric,
            d.scope.as_str(),
        ],
    )?;
    for table in [
        "win_expectations",
        "win_principles",
        "win_tags",
        "win_links",
        "win_people",
    ] {
        tx.execute(&format!("DELETE FROM {table} WHERE win_id = ?1"), [id])?;
    }
    write_children(tx, id, d)?;
    reindex(tx, id)
}

/// Restores a win's content from a snapshot taken before an edit (used by undo).
pub(crate) fn restore_win_content(tx: &Transaction<'_>, id: WinId, draft: &WinDraft) -> Result<()> {
    let date = draft.date.unwrap_or_else(crate::dates::today);
    write_win_content(
        tx,
        id,
        &CleanWin {
            date,
            draft: draft.clone(),
        },
    )
}

fn write_children(tx: &Transaction<'_>, id: WinId, d: &WinDraft) -> Result<()> {
    write_expectations(tx, id, &d.expectations)?;
    let mut st = tx.prepare_cached(
        "INSERT INTO win_principles (win_id, principle, position) VALUES (?1, ?2, ?3)",
    )?;
    for (i, p) in d.principles.iter().enumerate() {
        st.execute(params![id, p, i as i64])?;
    }
    let mut st =
        tx.prepare_cached("INSERT INTO win_tags (win_id, tag, position) VALUES (?1, ?2, ?3)")?;
    for (i, t) in d.tags.iter().enumerate() {
        st.execute(params![id, t, i as i64])?;
    }
    let mut st =
        tx.prepare_cached("INSERT INTO win_links (win_id, position, url) VALUES (?1, ?2, ?3)")?;
    for (i, l) in d.links.iter().enumerate() {
        st.execute(params![id, i as i64, l])?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO win_people (win_id, person_id, vouches, position) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, p) in d.people.iter().enumerate() {
        let person = super::people::find_or_create(tx, &p.name)?;
        st.execute(params![id, person, p.vouches, i as i64])?;
    }
    Ok(())
}

fn write_expectations(tx: &Transaction<'_>, id: WinId, tags: &[ExpectationTag]) -> Result<()> {
    let mut st = tx.prepare_cached(
        "INSERT INTO win_expectations (win_id, expectation, confirmed, position) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, t) in tags.iter().enumerate() {
        st.execute(params![id, t.id, t.confirmed, i as i64])?;
    }
    Ok(())
}

/// Marks a win deleted (or live again) and keeps the search index in step.
pub(crate) fn set_win_deleted(tx: &Transaction<'_>, id: WinId, deleted: bool) -> Result<()> {
    let when = deleted.then(|| ts(Utc::now()));
    tx.execute(
        "UPDATE wins SET deleted_at = ?2 WHERE id = ?1",
        params![id, when],
    )?;
    reindex(tx, id)
}

/// Which parts of a win to load.
#[derive(Clone, Copy)]
pub(crate) enum Parts {
    /// Everything.
    All,
    /// No situation, notes, links or tags; principles, the result, and whether there
    /// is an action (an empty text when there is one): what ranks wins as evidence and what the outline's
    /// narrative quotes.
    Ranking,
}

/// The position in the loaded list of the win with an id.
struct WinIndex(Vec<(WinId, usize)>);

impl WinIndex {
    /// The index of ids in list order: ids sorted for a binary search, cheaper than
    /// hashing every part row's id.
    fn of(ids: impl Iterator<Item = WinId>) -> WinIndex {
        let mut by_id: Vec<(WinId, usize)> = ids.enumerate().map(|(i, id)| (id, i)).collect();
        by_id.sort_unstable();
        WinIndex(by_id)
    }

    /// The lowest and the highest id (0 and 0 for none).
    fn range(&self) -> (WinId, WinId) {
        match (self.0.first(), self.0.last()) {
            (Some(&(first, _)), Some(&(last, _))) => (first, last),
            _ => (0, 0),
        }
    }

    fn get(&self, id: &WinId) -> Option<&usize> {
        self.0
            .binary_search_by_key(id, |&(w, _)| w)
            .ok()
            .map(|at| &self.0[at].1)
    }
}

/// Puts (win index, position, part) rows so that each win's parts are together and
/// in their positions, which is all that matters. They mostly arrive grouped by win
/// already (the wins in either direction, each win's parts in key order), so only
/// each small group is put in position order; otherwise everything is sorted.
fn sort_parts<T>(rows: &mut [(usize, i64, T)]) {
    let grouped = rows.is_sorted_by_key(|(i, _, _)| *i)
        || rows.is_sorted_by_key(|(i, _, _)| std::cmp::Reverse(*i));
    if grouped {
        for group in rows.chunk_by_mut(|a, b| a.0 == b.0) {
            if !group.is_sorted_by_key(|(_, pos, _)| *pos) {
                group.sort_unstable_by_key(|(_, pos, _)| *pos);
            }
        }
    } else {
        rows.sort_unstable_by_key(|(i, pos, _)| (*i, *pos));
    }
}

/// Which slice of the ordered rows [`load_wins`] reads: `offset` rows skipped, then at
/// most `limit` rows (all of the rest without one).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Window {
    pub limit: Option<usize>,
    pub offset: usize,
}

impl Window {
    /// Every row the clause selects.
    pub const ALL: Window = Window {
        limit: None,
        offset: 0,
    };
}

/// Loads live wins matching `clause` with all their parts, in as few queries as
/// there are tables, whatever the number of wins.
pub(crate) fn load_wins(
    conn: &Connection,
    clause: &str,
    args: Vec<Box<dyn ToSql>>,
    order: &str,
    window: Window,
    parts: Parts,
) -> Result<Vec<Win>> {
    // SQLite takes OFFSET only after a LIMIT; -1 is "no limit".
    let limit_sql = match (window.limit, window.offset) {
        (None, 0) => String::new(),
        (Some(n), 0) => format!(" LIMIT {n}"),
        (n, skip) => format!(
            " LIMIT {} OFFSET {skip}",
            n.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX))
        ),
    };
    let whole = window.limit.is_none() && window.offset == 0;
    let text = match parts {
        Parts::All => "w.situation, w.action, w.result, w.notes",
        Parts::Ranking => "NULL, IIF(w.action IS NULL, NULL, ''), w.result, NULL",
    };
    let sql = format!(
        "SELECT w.id, w.date, w.logged_at, w.updated_at, w.title, {text},
                w.metric, w.scope, w.source
         FROM wins w WHERE w.deleted_at IS NULL AND ({clause}) {order}{limit_sql}"
    );
    let mut st = conn.prepare(&sql)?;
    let params: Vec<&dyn ToSql> = args.iter().map(|b| b.as_ref()).collect();
    let rows = st.query_map(params.as_slice(), |r| {
        // Read short texts in place rather than as new Strings: a review reads
        // thousands of rows.
        let text = |i: usize| -> rusqlite::Result<&str> { Ok(r.get_ref(i)?.as_str()?) };
        let scope = text(10)?;
        let source = text(11)?;
        Ok(Win {
            id: r.get(0)?,
            date: parse_day(text(1)?)?,
            logged_at: parse_ts(text(2)?)?,
            updated_at: parse_ts(text(3)?)?,
            title: r.get(4)?,
            situation: r.get(5)?,
            action: r.get(6)?,
            result: r.get(7)?,
            notes: r.get(8)?,
            metric: r.get(9)?,
            scope: scope.parse().unwrap_or_default(),
            source: source.parse().unwrap_or_default(),
            people: Vec::new(),
            links: Vec::new(),
            tags: Vec::new(),
            expectations: Vec::new(),
            principles: Vec::new(),
        })
    })?;
    let mut wins: Vec<Win> = rows.collect::<rusqlite::Result<_>>()?;
    if wins.is_empty() {
        return Ok(wins);
    }
    // Which win a part row belongs to.
    let index = WinIndex::of(wins.iter().map(|w| w.id));
    // Which wins' parts to read. Without a limit or offset the wins are exactly those
    // the clause selects, so the parts are joined on the same clause (one index walk);
    // otherwise the ids found are listed.
    let ids;
    let (scope, args): (String, Vec<&dyn ToSql>) = if whole {
        (
            format!("JOIN wins w ON w.id = c.win_id WHERE w.deleted_at IS NULL AND ({clause})"),
            params,
        )
    } else {
        ids = serde_json::to_string(&wins.iter().map(|w| w.id).collect::<Vec<_>>())
            .map_err(Error::json)?;
        (
            "WHERE c.win_id IN (SELECT value FROM json_each(?1))".to_string(),
            vec![&ids as &dyn ToSql],
        )
    };
    let args = args.as_slice();
    // Parts come in storage order; each list is put in its own order afterwards.
    let mut st = conn.prepare(&format!(
        "SELECT c.win_id, c.expectation, c.confirmed, c.position FROM win_expectations c {scope}"
    ))?;
    let mut rows = st.query(args)?;
    let mut tags: Vec<(usize, i64, ExpectationTag)> = Vec::new();
    while let Some(r) = rows.next()? {
        if let Some(&i) = index.get(&r.get::<_, i64>(0)?) {
            let tag = ExpectationTag {
                id: r.get(1)?,
                confirmed: r.get(2)?,
            };
            tags.push((i, r.get(3)?, tag));
        }
    }
    sort_parts(&mut tags);
    for (i, _, tag) in tags {
        wins[i].expectations.push(tag);
    }
    let lists: &[(&str, &str, u8)] = match parts {
        Parts::All => &[
            ("win_principles", "principle", 0),
            ("win_tags", "tag", 1),
            ("win_links", "url", 2),
        ],
        Parts::Ranking => &[("win_principles", "principle", 0)],
    };
    for &(table, col, which) in lists {
        let mut st = conn.prepare(&format!(
            "SELECT c.win_id, c.{col}, c.position FROM {table} c {scope}"
        ))?;
        let mut rows = st.query(args)?;
        let mut found: Vec<(usize, i64, String)> = Vec::new();
        while let Some(r) = rows.next()? {
            if let Some(&i) = index.get(&r.get::<_, i64>(0)?) {
                found.push((i, r.get(2)?, r.get(1)?));
            }
        }
        sort_parts(&mut found);
        for (i, _, v) in found {
            let w = &mut wins[i];
            match which {
                0 => w.principles.push(v),
                1 => w.tags.push(v),
                _ => w.links.push(v),
            }
        }
    }
    let mut st = conn.prepare(&format!(
        "SELECT c.win_id, c.person_id, p.name, c.vouches, c.position FROM win_people c
         JOIN people p ON p.id = c.person_id AND p.deleted_at IS NULL {scope}"
    ))?;
    let mut rows = st.query(args)?;
    let mut found: Vec<(usize, i64, WinPerson)> = Vec::new();
    while let Some(r) = rows.next()? {
        if let Some(&i) = index.get(&r.get::<_, i64>(0)?) {
            let p = WinPerson {
                person_id: r.get(1)?,
                name: r.get(2)?,
                vouches: r.get(3)?,
            };
            found.push((i, r.get(4)?, p));
        }
    }
    sort_parts(&mut found);
    for (i, _, p) in found {
        wins[i].people.push(p);
    }
    Ok(wins)
}

/// The ids of the live wins whose whole content equals `clean`: date, title, the
/// STAR texts, notes, metric, scope, expectations with their confirmed flags,
/// principles, tags, links, and the people with their vouch flags, each list in its
/// order. Only where a win came from and when it was logged are left out. This is
/// how imports spot entries already in the ledger without ever taking two rows that
/// The content of a live win as it is now.
pub(crate) fn live_win(conn: &Connection, id: WinId) -> Result<Option<WinDraft>> {
    let mut found = load_wins(
        conn,
        "w.id = ?",
        vec![Box::new(id)],
        "",
        Window::ALL,
        Parts::All,
    )?;
    Ok(found.pop().map(|w| WinDraft::from(&w)))
}

/// differ in one field for one.
pub(crate) fn same_wins(tx: &Transaction<'_>, clean: &CleanWin) -> Result<Vec<WinId>> {
    let d = &clean.draft;
    let found = load_wins(
        tx,
        "w.date = ? AND w.title = ?",
        vec![Box::new(day(clean.date)), Box::new(d.title.clone())],
        "ORDER BY w.id",
        Window::ALL,
        Parts::All,
    )?;
    let mut same = Vec::new();
    for w in found {
        if same_content(tx, d, &w)? {
            same.push(w.id);
        }
    }
    Ok(same)
}

/// Whether a cleaned draft says exactly what a stored win says (date and title
/// aside, which the caller matched). People are compared as the ledger's people
/// (the name a draft gives is the person the store would link), in any order.
fn same_content(conn: &Connection, d: &WinDraft, w: &Win) -> Result<bool> {
    let texts_equal = d.situation == w.situation
        && d.action == w.action
        && d.result == w.result
        && d.notes == w.notes
        && d.metric == w.metric
        && d.scope == w.scope
        && d.expectations == w.expectations
        && d.principles == w.principles
        && d.tags == w.tags
        && d.links == w.links
        && d.people.len() == w.people.len();
    if !texts_equal {
        return Ok(false);
    }
    // The same people with the same vouching, in any order: a format that lists
    // vouchers and others apart (CSV) gives them back in another order.
    let mut left: Vec<&WinPerson> = w.people.iter().collect();
    for p in &d.people {
        let Some(id) = super::people::find_by_name(conn, &p.name)? else {
            return Ok(false);
        };
        match left
            .iter()
            .position(|q| q.person_id == id && q.vouches == p.vouches)
        {
            Some(i) => {
                left.swap_remove(i);
            }
            None => return Ok(false),
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::sort_parts;

    /// Each win's parts together, in position order.
    fn in_place(rows: &[(usize, i64, char)]) -> bool {
        let mut seen = Vec::new();
        rows.chunk_by(|a, b| a.0 == b.0).all(|g| {
            let fresh = !seen.contains(&g[0].0);
            seen.push(g[0].0);
            fresh && g.is_sorted_by_key(|r| r.1)
        })
    }

    #[test]
    fn parts_end_grouped_by_win_and_in_position_order_whatever_order_they_came_in() {
        let cases: [Vec<(usize, i64, char)>; 4] = [
            // wins ascending, one win's parts in key order rather than position
            vec![(0, 0, 'a'), (1, 1, 'c'), (1, 0, 'b'), (2, 0, 'd')],
            // wins descending (the review's window), same
            vec![
                (2, 1, 'e'),
                (2, 0, 'd'),
                (1, 0, 'b'),
                (0, 2, 'x'),
                (0, 0, 'a'),
                (0, 1, 'y'),
            ],
            // interleaved: a win's parts apart
            vec![(1, 1, 'c'), (0, 0, 'a'), (1, 0, 'b'), (0, 1, 'z')],
            vec![],
        ];
        for mut rows in cases {
            let mut expected: Vec<(usize, i64, char)> = rows.clone();
            expected.sort();
            sort_parts(&mut rows);
            assert!(in_place(&rows), "{rows:?}");
            let mut got = rows.clone();
            got.sort();
            assert_eq!(got, expected, "no part lost or changed");
        }
    }
}
