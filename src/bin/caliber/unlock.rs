//! Passphrases for an encrypted database: from the environment, else typed at the
//! terminal without echo. Never from the command line, where it would stay in the
//! shell's history and show in `ps`.

use std::io::IsTerminal;
use std::path::Path;

use caliber::store::{PASSPHRASE_ENV, Passphrase};
use caliber::{Error, Result, Store};

/// The new passphrase for `caliber encrypt`, for scripts.
pub const NEW_ENV: &str = "CALIBER_NEW_PASSPHRASE";
/// The passphrase of a backup that has another one than the database.
pub const BACKUP_ENV: &str = "CALIBER_BACKUP_PASSPHRASE";

/// How many times a person may type a wrong passphrase before the command gives up.
const TRIES: usize = 3;

fn from_env(name: &str) -> Result<Option<Passphrase>> {
    match std::env::var(name) {
        Ok(v) if v.is_empty() => Err(Error::InvalidInput(format!(
            "{name} is set but empty; set it to the passphrase, or unset it to be asked"
        ))),
        Ok(v) => Passphrase::new(v).map(Some),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(Error::InvalidInput(format!(
            "{name} is not valid UTF-8; passphrases are text"
        ))),
    }
}

/// A person is at the keyboard (and not a script feeding standard input).
fn interactive() -> bool {
    std::io::stdin().is_terminal()
}

fn ask(prompt: &str) -> Result<Passphrase> {
    let typed = rpassword::prompt_password(prompt)
        .map_err(|e| Error::io("could not read the passphrase from the terminal", e))?;
    Passphrase::new(typed)
}

/// Opens the database: with `CALIBER_PASSPHRASE` when set; else, when the file is
/// encrypted and a person is at the terminal, with the passphrase they type.
pub fn open(path: &Path) -> Result<Store> {
    let env = from_env(PASSPHRASE_ENV)?;
    let mut result = Store::open_with(path, env.as_ref());
    if env.is_some() || !interactive() {
        return result;
    }
    for attempt in 1..=TRIES {
        let Err(Error::Passphrase(message)) = &result else {
            break;
        };
        if attempt > 1 {
            eprintln!("{message}");
        }
        let key = ask(&format!("Passphrase for {}: ", path.display()))?;
        result = Store::open_with(path, Some(&key));
    }
    result
}

/// The new passphrase for `caliber encrypt`: `CALIBER_NEW_PASSPHRASE`, or typed twice.
pub fn new_passphrase() -> Result<Passphrase> {
    if let Some(p) = from_env(NEW_ENV)? {
        p.check_new()?;
        return Ok(p);
    }
    if !interactive() {
        return Err(Error::InvalidInput(format!(
            "there is no terminal to type the new passphrase in; a script sets {NEW_ENV} instead"
        )));
    }
    eprintln!(
        "Choose a passphrase you will not lose: without it, nobody (not Caliber either) can read the data again."
    );
    let first = ask("New passphrase: ")?;
    first.check_new()?;
    let second = ask("Type it again: ")?;
    if first != second {
        return Err(Error::InvalidInput(
            "the two passphrases differ; nothing was changed, run the command again".into(),
        ));
    }
    Ok(first)
}

/// The passphrase of a backup that has another one than the database, after
/// `refused` said so: `CALIBER_BACKUP_PASSPHRASE`, or typed at the terminal.
pub fn backup_passphrase(file: &Path, refused: String) -> Result<Passphrase> {
    if let Some(p) = from_env(BACKUP_ENV)? {
        return Ok(p);
    }
    if !interactive() {
        return Err(Error::Passphrase(format!(
            "{refused} (a script sets {BACKUP_ENV})"
        )));
    }
    ask(&format!("Passphrase of the backup {}: ", file.display()))
}
