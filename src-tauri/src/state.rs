//! The app's state: the one database every command, the shell and the background
//! work share, and whether it is open, locked or failed to open.

use std::path::PathBuf;
use std::sync::Mutex;

use caliber::store::Passphrase;
use caliber::{Error, Result, Store};

/// What the "Check a draft" panel's checks read of the ledger, kept between
/// checks while the data stays the same (each pause in typing checks again).
#[derive(Default)]
pub struct Checks(pub Mutex<caliber::check::LedgerCache>);

/// The database, shared by every command: open; encrypted and waiting for its
/// passphrase (the window shows the unlock screen); or why it could not be opened,
/// so the window can say so instead of the app vanishing at start.
pub struct Db(Mutex<DbState>);

enum DbState {
    Open(Store),
    Locked(PathBuf),
    Failed(caliber::ErrorReport),
}

impl Db {
    /// Wraps the result of opening the database at `path`.
    pub fn new(path: PathBuf, opened: Result<Store>) -> Db {
        Db(Mutex::new(match opened {
            Ok(store) => DbState::Open(store),
            Err(Error::Passphrase(_)) => DbState::Locked(path),
            Err(e) => DbState::Failed(caliber::ErrorReport::from(&e)),
        }))
    }

    fn state(&self) -> std::sync::MutexGuard<'_, DbState> {
        // A poisoned lock only means an earlier command panicked; the store is intact.
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` on the store, or says why there is none.
    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        match &mut *self.state() {
            DbState::Open(store) => f(store),
            DbState::Locked(path) => Err(Error::Passphrase(format!(
                "this database is encrypted: enter its passphrase to open {}",
                path.display()
            ))),
            DbState::Failed(report) => Err(could_not_open(report)),
        }
    }

    /// Opens the encrypted database with `key`; a wrong one leaves it locked.
    pub fn unlock(&self, key: &Passphrase) -> Result<()> {
        let mut state = self.state();
        if let DbState::Locked(path) = &*state {
            let store = Store::open_with(path, Some(key))?;
            store
                .notices()
                .iter()
                .for_each(|n| eprintln!("caliber: {n}"));
            *state = DbState::Open(store);
        }
        match &*state {
            DbState::Open(_) => Ok(()),
            DbState::Failed(report) => Err(could_not_open(report)),
            DbState::Locked(_) => Err(Error::InvalidInput(
                "Caliber could not open its database; see the message in the window".into(),
            )),
        }
    }
}

/// Why the database could not be opened, with the library's kind kept (the
/// window tells a damaged file from a newer one by it).
fn could_not_open(report: &caliber::ErrorReport) -> Error {
    Error::Reported(caliber::ErrorReport {
        kind: report.kind,
        message: format!("Caliber could not open its database: {}", report.message),
    })
}
