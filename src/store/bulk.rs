//! Bringing many records in at once (backup restore, CSV, jrnl, Markdown, demo):
//! one transaction, all or nothing, with entries already in the ledger skipped so
//! the same file imported twice does not double the evidence.

use chrono::Utc;
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::journal::{ActionKind, Entity, ImportedIds, record};
use super::wins::{insert_win, same_wins};
use super::{Store, day, ts};
use crate::clean::{self, one_line};
use crate::error::{Error, Result};
use crate::ladder::{Ladder, builtin_ladder};
use crate::model::{Cycle, Feedback, FeedbackAsk, ImportSummary, Person, Source, Win, WinDraft};
use crate::rehearse::answer::Answer;

/// Everything an import brings: the shape of a full backup, and what each importer
/// produces. Ids in it are kept when the database is empty, so a backup restores
/// exactly; otherwise new ids are given and people are matched by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct Records {
    /// The cycle, set only when the database has none yet.
    pub cycle: Option<Cycle>,
    /// Imported ladders (built-in ones are never stored).
    pub ladders: Vec<Ladder>,
    /// People.
    pub people: Vec<Person>,
    /// Wins; their people are matched to `people` by name.
    pub wins: Vec<Win>,
    /// Feedback; matched to people by `person_name`.
    pub feedback: Vec<Feedback>,
    /// Who was asked for feedback, and when; matched to people by `person_name`.
    /// Absent from backups written before asks were kept.
    pub asks: Vec<FeedbackAsk>,
    /// The answers to the rehearsal's questions; left out of a backup that has none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<Answer>,
    /// Where each win came from ("line 12"), for error messages; may be empty.
    #[serde(skip)]
    pub win_origins: Vec<String>,
}

/// Refuses records that would keep their ids when two of them share one: a backup
/// gives each record its own id, so a repeated one means the file was edited or
/// pieced together, and SQLite would refuse it half-way with its own message.
fn repeated_id(noun: &str, ids: impl Iterator<Item = i64>) -> Result<()> {
    let mut seen = std::collections::HashMap::new();
    for (i, id) in ids.enumerate() {
        if let Some(first) = seen.insert(id, i) {
            return Err(Error::bad_file(format!(
                "{noun} {} has the id {id}, like {noun} {} before it; each record of a backup has its own id, so fix the file or export the backup again",
                i + 1,
                first + 1
            )));
        }
    }
    Ok(())
}

/// The rows of the ledger an import found its entries in, so each is taken once.
///
/// A backup's rows each carry their own id: two rows alike in every field are two
/// rows, so each may stand for one row that was in the ledger before the import,
/// and never for one the import itself added. The other formats have no ids, so an
/// entry given twice in a file is one entry, and stands for any row alike.
#[derive(Default)]
struct Matches {
    backup: bool,
    wins: Vec<i64>,
    feedback: Vec<i64>,
}

impl Matches {
    fn pick(&self, same: Vec<i64>, taken: &[i64], added: &[i64]) -> Option<i64> {
        if !self.backup {
            return same.into_iter().next();
        }
        same.into_iter()
            .find(|id| !taken.contains(id) && !added.contains(id))
    }

    /// The ledger's win `same` stands for, if one is left.
    fn take(&self, same: Vec<i64>, added: &[i64]) -> Option<i64> {
        self.pick(same, &self.wins, added)
    }

    /// The ledger's feedback `same` stands for, if one is left.
    fn take_feedback(&self, same: Vec<i64>, added: &[i64]) -> Option<i64> {
        self.pick(same, &self.feedback, added)
    }
}

impl Store {
    /// Adds all of `records` in one transaction, or nothing at all. `source`, when
    /// given, replaces each win's own source (imports mark their wins `import`).
    pub fn insert_records(
        &mut self,
        records: &Records,
        source: Option<Source>,
    ) -> Result<ImportSummary> {
        let today = crate::dates::today();
        let has_cycle = self.setting(crate::model::Setting::Cycle)?.is_some();
        let mut known: Vec<Ladder> = self.ladders()?;
        for l in &records.ladders {
            l.validate(&format!("'{}' in the file", l.id))?;
            if !known.iter().any(|k| k.id == l.id) {
                known.push(l.clone());
            }
        }
        let valid: Vec<&str> = known.iter().flat_map(|l| l.expectation_ids()).collect();
        let mut sorted_valid = valid.clone();
        sorted_valid.sort_unstable();
        sorted_valid.dedup();

        self.write(|tx| {
            let mut summary = ImportSummary::default();
            let mut ids = ImportedIds::default();
            let mut matches = Matches {
                backup: source.is_none(),
                ..Matches::default()
            };
            let used: i64 = tx.query_row(
                "SELECT (SELECT count(*) FROM wins) + (SELECT count(*) FROM people) + (SELECT count(*) FROM feedback)",
                [],
                |r| r.get(0),
            )?;
            // Only a backup restored into an empty database keeps its ids; other
            // formats' numbering means nothing to the ledger.
            let keep = used == 0 && source.is_none();
            summary.kept_ids = keep;
            if keep {
                repeated_id("win", records.wins.iter().map(|w| w.id))?;
                repeated_id("person", records.people.iter().map(|p| p.id))?;
                repeated_id("feedback", records.feedback.iter().map(|f| f.id))?;
            }

            for l in &records.ladders {
                if builtin_ladder(&l.id).is_none() {
                    let json = serde_json::to_string(l).map_err(Error::json)?;
                    tx.execute(
                        "INSERT INTO ladders (id, json, imported_at) VALUES (?1, ?2, ?3)
                         ON CONFLICT(id) DO UPDATE SET json = excluded.json",
                        params![l.id, json, ts(Utc::now())],
                    )?;
                }
            }
            if let Some(c) = &records.cycle
                && !has_cycle
                && !c.is_default
            {
                if !known.iter().any(|l| l.id == c.ladder) {
                    return Err(Error::bad_file(format!("the cycle uses the ladder '{}', which the file does not include", c.ladder)));
                }
                let json = serde_json::to_string(c).map_err(Error::json)?;
                tx.execute("INSERT INTO settings (key, value) VALUES (?1, ?2)", [crate::model::Setting::Cycle.as_str(), &json])?;
            }

            for (i, p) in records.people.iter().enumerate() {
                let (id, new) = super::people::upsert_person(tx, p, keep)
                    .map_err(|e| Error::bad_file(format!("person {} ({}): {e}", i + 1, p.name)))?;
                if new {
                    summary.people += 1;
                    ids.people.push(id);
                }
            }

            // People named only on wins or feedback are created on the way: they are
            // the ones numbered after this.
            let last_person: i64 =
                tx.query_row("SELECT coalesce(max(id), 0) FROM people", [], |r| r.get(0))?;
            // Each win of the file by the id it has in the ledger now, for the
            // answers whose question names a win.
            let mut win_ids: std::collections::HashMap<i64, i64> = Default::default();
            for (i, w) in records.wins.iter().enumerate() {
                let origin = records
                    .win_origins
                    .get(i)
                    .cloned()
                    .unwrap_or_else(|| format!("win {}", i + 1));
                let mut draft = WinDraft::from(w);
                if let Some(s) = source {
                    draft.source = s;
                }
                let clean = clean::win(&draft, today, &sorted_valid, "any known ladder")
                    .map_err(|e| Error::bad_file(format!("{origin}: {e}")))?;
                if let Some(was) = matches
                    .take(same_wins(tx, &clean)?, &ids.wins)
                {
                    summary.duplicates += 1;
                    matches.wins.push(was);
                    win_ids.insert(w.id, was);
                    continue;
                }
                let id = insert_win(tx, &clean, w.logged_at, keep.then_some((w.id, w.updated_at)))?;
                win_ids.insert(w.id, id);
                summary.wins += 1;
                ids.wins.push(id);
            }

            for (i, f) in records.feedback.iter().enumerate() {
                let at = format!("feedback {} ({})", i + 1, f.person_name);
                let name = one_line(&f.person_name);
                if name.is_empty() {
                    return Err(Error::bad_file(format!("{at}: the person's name is empty")));
                }
                let quote = clean::quote(&f.quote)
                    .map_err(|e| Error::bad_file(format!("{at}: {e}")))?
                    .ok_or_else(|| Error::bad_file(format!("{at}: the quote is empty")))?;
                crate::dates::check_year(f.date, &day(f.date)).map_err(|e| Error::bad_file(format!("{at}: {e}")))?;
                if let Some(e) = &f.expectation
                    && !sorted_valid.contains(&e.as_str())
                {
                    return Err(Error::bad_file(format!("{at}: expectation '{e}' is not in any known ladder")));
                }
                let pid = super::people::find_or_create(tx, &name)?;
                let same: Vec<i64> = tx
                    .prepare_cached(
                        "SELECT id FROM feedback WHERE person_id = ?1 AND date = ?2 AND quote = ?3
                         AND expectation IS ?4 AND deleted_at IS NULL ORDER BY id",
                    )?
                    .query_map(params![pid, day(f.date), quote, f.expectation], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                if let Some(was) = matches.take_feedback(same, &ids.feedback) {
                    summary.duplicates += 1;
                    matches.feedback.push(was);
                    continue;
                }
                tx.prepare_cached(
                    "INSERT INTO feedback (id, person_id, date, quote, expectation, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(params![keep.then_some(f.id), pid, day(f.date), quote, f.expectation, ts(f.created_at)])?;
                summary.feedback += 1;
                ids.feedback.push(tx.last_insert_rowid());
            }

            // An ask already in the ledger is the user's newer word: kept.
            for a in &records.asks {
                if let Some(pid) = super::people::find_by_name(tx, &one_line(&a.person_name))?
                    && super::asks::ask_now(tx, pid)?.is_none()
                {
                    super::asks::write_ask(tx, pid, Some(a.asked_on))?;
                }
            }

            let mut st = tx.prepare("SELECT id FROM people WHERE id > ?1 ORDER BY id")?;
            let created: Vec<i64> = st
                .query_map([last_person], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            summary.people += created.len();
            ids.people.extend(created);

            for (i, a) in records.answers.iter().enumerate() {
                let text = a.answer.trim();
                if text.is_empty() {
                    return Err(Error::bad_file(format!(
                        "answer {} (question {}): the answer is empty; remove it or write one",
                        i + 1,
                        a.question
                    )));
                }
                let question = crate::rehearse::answer::moved_question(&a.question, |old| win_ids.get(&old).copied());
                // The ledger's own answer stays: the file's is older or the same.
                if super::answers::answer_now(tx, &question)?.is_none() {
                    super::answers::write_answer(tx, &question, Some(text))?;
                    ids.answers.push((question, text.to_string()));
                }
            }

            // An import that added nothing is not a step to undo.
            if !(ids.wins.is_empty() && ids.people.is_empty() && ids.feedback.is_empty() && ids.answers.is_empty()) {
                let journal = serde_json::to_string(&ids).map_err(Error::json)?;
                record(tx, ActionKind::Import, Entity::Import, 0, Some(&journal))?;
            }
            Ok(summary)
        })
    }

    /// Everything in the ledger as [`Records`]: what a full backup holds.
    pub fn all_records(&self) -> Result<Records> {
        let mut wins = self.list_wins(&Default::default())?;
        wins.reverse(); // oldest first reads naturally in a file
        let mut feedback = self.list_feedback(None)?;
        feedback.reverse();
        let cycle = if self.setting(crate::model::Setting::Cycle)?.is_some() {
            Some(self.cycle()?)
        } else {
            None
        };
        Ok(Records {
            cycle,
            ladders: self.imported_ladders()?,
            people: self.list_people()?,
            wins,
            feedback,
            asks: self.feedback_asks()?,
            answers: self.answers()?,
            win_origins: Vec::new(),
        })
    }
}
