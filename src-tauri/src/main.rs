//! `caliber-app`: the desktop shell. Everything a user's data goes through is in the
//! `caliber` library; this crate owns windows, tray, shortcut and notifications.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod background;
mod commands;
mod shell;

fn main() {
    if let Err(e) = shell::run() {
        eprintln!("error: Caliber could not start: {e}");
        std::process::exit(1);
    }
}
