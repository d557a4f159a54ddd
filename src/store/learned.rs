//! What the suggester keeps between runs: its trained model, stored with the key it
//! was built under, so `caliber log` reads one row instead of training again.

use rusqlite::{OptionalExtension, params};

use super::Store;
use crate::error::Result;
use crate::ladder::builtin_source;

impl Store {
    /// A number that changes whenever a confirmed tag, or the title or deletion of a
    /// win, changes: whatever the suggester learns from. Kept by triggers, so the CLI,
    /// the app, imports and undo all move it.
    pub fn learning_epoch(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT epoch FROM learning WHERE id = 1", [], |r| r.get(0))
            .optional()?
            .unwrap_or(0))
    }

    /// A fingerprint of a ladder's text (64-bit FNV-1a): it changes when the ladder
    /// does, be it a new build's built-in file or a re-imported one.
    pub fn ladder_fingerprint(&self, id: &str) -> Result<u64> {
        if let Some(text) = builtin_source(id) {
            return Ok(fnv1a(text.as_bytes()));
        }
        let json: Option<String> = self
            .conn
            .query_row("SELECT json FROM ladders WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        Ok(json.map(|j| fnv1a(j.as_bytes())).unwrap_or(0))
    }

    /// The stored model of a ladder's suggester, if it was stored under `key`.
    pub fn cached_model(&self, ladder: &str, key: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .prepare_cached("SELECT model FROM suggester_cache WHERE ladder = ?1 AND key = ?2")?
            .query_row(params![ladder, key], |r| r.get(0))
            .optional()?)
    }

    /// Stores a ladder's suggester model under `key`, replacing the one before.
    pub fn save_model(&mut self, ladder: &str, key: &str, model: &[u8]) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO suggester_cache (ladder, key, model) VALUES (?1, ?2, ?3)
                 ON CONFLICT(ladder) DO UPDATE SET key = excluded.key, model = excluded.model",
                params![ladder, key, model],
            )?;
            Ok(())
        })
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
