//! The promotion cycle in force, the ladders a user imported, and small settings.
//! Until the user sets a cycle, the default one slides with today: the last twelve
//! months on the senior-manager ladder.

use chrono::{Duration, Utc};
use rusqlite::{OptionalExtension, params};

use super::{Store, ts};
use crate::error::{Error, Result};
use crate::ladder::{DEFAULT_LADDER, Ladder, builtin_ladder, builtin_ladders};
use crate::model::{Cycle, Setting};

/// A key of the settings table: a [`Setting`], or its name (checked against it).
pub trait SettingKey {
    /// The setting meant, or why the name is none.
    fn key(self) -> Result<Setting>;
}

impl SettingKey for Setting {
    fn key(self) -> Result<Setting> {
        Ok(self)
    }
}

impl SettingKey for &str {
    fn key(self) -> Result<Setting> {
        self.parse()
    }
}

impl Store {
    /// The cycle in force: the one set by the user, or the default.
    pub fn cycle(&self) -> Result<Cycle> {
        match self.setting(Setting::Cycle)? {
            Some(json) => serde_json::from_str(&json).map_err(|e| {
                Error::bad_file(format!(
                    "the saved cycle cannot be read ({e}); set it again with `caliber cycle set`"
                ))
            }),
            None => {
                let ladder = self.ladder(DEFAULT_LADDER)?;
                let today = crate::dates::today();
                Ok(Cycle {
                    ladder: ladder.id.clone(),
                    current_level: ladder.current_level.clone(),
                    target_level: ladder.target_level.clone(),
                    start: today - Duration::days(365),
                    end: today,
                    target_date: None,
                    is_default: true,
                })
            }
        }
    }

    /// Sets the cycle after checking its ladder exists and its window makes sense.
    ///
    /// Moving to another ladder keeps every win and every link as it is (so moving
    /// back finds them again), and each link the user confirmed to an expectation of
    /// the old ladder that the new ladder names a counterpart for (its file's
    /// `counterparts`) becomes a suggestion of that counterpart.
    pub fn set_cycle(&mut self, cycle: &Cycle) -> Result<Cycle> {
        let ladder = self.ladder(&cycle.ladder)?;
        let old = self.cycle()?.ladder;
        let carried: Vec<(String, String)> = if old == ladder.id {
            Vec::new()
        } else {
            ladder
                .counterparts
                .get(&old)
                .map(|m| m.iter().map(|(a, b)| (a.clone(), b.clone())).collect())
                .unwrap_or_default()
        };
        if cycle.end < cycle.start {
            return Err(Error::invalid(format!(
                "the window ends ({}) before it starts ({}); give --from an earlier date than --to",
                cycle.end, cycle.start
            )));
        }
        for d in [Some(cycle.start), Some(cycle.end), cycle.target_date]
            .into_iter()
            .flatten()
        {
            crate::dates::check_year(d, &d.to_string())?;
        }
        let mut c = cycle.clone();
        c.is_default = false;
        let json = serde_json::to_string(&c).map_err(Error::json)?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![Setting::Cycle.as_str(), json],
            )?;
            let mut carry = tx.prepare_cached(
                "INSERT INTO win_expectations (win_id, expectation, confirmed, position)
                 SELECT e.win_id, ?2, 0,
                        (SELECT coalesce(max(p.position), -1) + 1 FROM win_expectations p WHERE p.win_id = e.win_id)
                   FROM win_expectations e
                  WHERE e.expectation = ?1 AND e.confirmed = 1
                    AND NOT EXISTS (SELECT 1 FROM win_expectations x WHERE x.win_id = e.win_id AND x.expectation = ?2)",
            )?;
            for (theirs, ours) in &carried {
                carry.execute(params![theirs, ours])?;
            }
            Ok(())
        })?;
        Ok(c)
    }

    /// The ladder of the cycle in force.
    pub fn current_ladder(&self) -> Result<Ladder> {
        self.ladder(&self.cycle()?.ladder)
    }

    /// An expectation id of any known ladder, so old tags stay listable after a
    /// switch; else the current ladder's id it is close to, or an error listing them.
    pub fn known_expectation(&self, id: &str) -> Result<String> {
        let id = id.trim();
        if self.ladders()?.iter().any(|l| l.expectation(id).is_some()) {
            return Ok(id.to_string());
        }
        let ladder = self.current_ladder()?;
        crate::ladder::resolve_expectation(&ladder.expectation_ids(), id, &ladder.id)
            .map(str::to_string)
    }

    /// A built-in or imported ladder.
    pub fn ladder(&self, id: &str) -> Result<Ladder> {
        if let Some(l) = builtin_ladder(id) {
            return Ok(l.clone());
        }
        let json: Option<String> = self
            .conn
            .query_row("SELECT json FROM ladders WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        match json {
            Some(j) => Ladder::from_json(&j, &format!("'{id}' (imported)")),
            None => {
                let known: Vec<String> = self.ladders()?.into_iter().map(|l| l.id).collect();
                Err(Error::not_found(format!(
                    "there is no ladder '{id}' (known: {}); import one with `caliber ladder import FILE`",
                    known.join(", ")
                )))
            }
        }
    }

    /// All ladders: the built-in ones, then the imported ones by id.
    pub fn ladders(&self) -> Result<Vec<Ladder>> {
        let mut all: Vec<Ladder> = builtin_ladders().into_iter().cloned().collect();
        let mut st = self
            .conn
            .prepare("SELECT id, json FROM ladders ORDER BY id")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (id, json) = row?;
            all.push(Ladder::from_json(&json, &format!("'{id}' (imported)"))?);
        }
        Ok(all)
    }

    /// Only the ladders the user imported.
    pub fn imported_ladders(&self) -> Result<Vec<Ladder>> {
        Ok(self
            .ladders()?
            .into_iter()
            .filter(|l| builtin_ladder(&l.id).is_none())
            .collect())
    }

    /// Saves an imported ladder (replacing an earlier import with the same id).
    pub fn import_ladder(&mut self, ladder: &Ladder) -> Result<()> {
        ladder.validate(&format!("'{}'", ladder.id))?;
        if builtin_ladder(&ladder.id).is_some() {
            return Err(Error::invalid(format!(
                "'{}' is the id of a built-in ladder; give your ladder another id in its file",
                ladder.id
            )));
        }
        let json = serde_json::to_string(ladder).map_err(Error::json)?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO ladders (id, json, imported_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT(id) DO UPDATE SET json = excluded.json, imported_at = excluded.imported_at",
                params![ladder.id, json, ts(Utc::now())],
            )?;
            Ok(())
        })
    }

    /// The user's own org, when they said it (a blank setting counts as unsaid):
    /// the review counts feedback providers outside it.
    pub fn own_org(&self) -> Result<Option<String>> {
        Ok(self
            .setting(Setting::Org)?
            .map(|o| o.trim().to_string())
            .filter(|o| !o.is_empty()))
    }

    /// A small setting of the app or CLI.
    pub fn setting(&self, key: impl SettingKey) -> Result<Option<String>> {
        let key = key.key()?.as_str();
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Sets a small setting.
    pub fn set_setting(&mut self, key: impl SettingKey, value: &str) -> Result<()> {
        let key = key.key()?;
        let value = crate::clean::setting(key, value)?;
        let key = key.as_str();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?;
            Ok(())
        })
    }
}
