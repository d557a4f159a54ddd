//! `caliber`: the command-line front door. Logging a win takes one line; every
//! report the app shows is one command away. All rules live in the library; this
//! file only reads arguments, calls it and prints.

mod args;
mod mcp;
mod print;
mod run;
mod unlock;

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let json = cli.json;
    match run::run(cli) {
        // `caliber check` with findings: the report is the output, the status says so.
        Ok(()) if run::had_findings() => ExitCode::from(1),
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let mut err = std::io::stderr().lock();
            if json {
                let report = caliber::ErrorReport::from(&e);
                let _ = writeln!(
                    err,
                    "{}",
                    serde_json::to_string(&report).unwrap_or_else(|_| e.to_string())
                );
            } else {
                let _ = writeln!(err, "error: {e}");
            }
            ExitCode::from(exit_code(&e))
        }
    }
}

/// Bad usage: clap's own message, or `{kind, message}` when `--json` was asked for
/// (scripts that parse errors should not have to parse clap's text).
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    let wants_json = std::env::args_os().any(|a| a == "--json");
    if e.kind() == ErrorKind::InvalidUtf8 {
        // clap's own text names neither the argument nor a fix.
        let message = not_utf8_message();
        if wants_json {
            print_input_error_json(message);
        } else {
            let _ = writeln!(std::io::stderr(), "error: {message}");
        }
        return ExitCode::from(2);
    }
    let is_help = matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion);
    if !wants_json || is_help {
        e.exit();
    }
    if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        // `caliber --json ladder`: the help text is no answer a script can read.
        print_input_error_json(
            "a command is missing here; `caliber --help` (or `caliber COMMAND --help`) lists them"
                .into(),
        );
        return ExitCode::from(2);
    }
    let text = e.render().to_string();
    let mut lines = text.trim().trim_start_matches("error: ").lines();
    let mut message = lines.next().unwrap_or("").to_string();
    // A bad value of a listed kind: the values to use are the fix.
    if let Some(values) = lines
        .map(str::trim)
        .find(|l| l.starts_with("[possible values:"))
    {
        message = format!("{message} {values}");
    }
    print_input_error_json(message);
    ExitCode::from(2)
}

/// An argument error as the JSON error report `--json` promises, on stderr.
fn print_input_error_json(message: String) {
    let report = caliber::ErrorReport {
        kind: caliber::ErrorKind::InvalidInput,
        message,
    };
    let _ = writeln!(
        std::io::stderr(),
        "{}",
        serde_json::to_string(&report).unwrap_or_default()
    );
}

/// Names the first argument that is not UTF-8 (its bad bytes shown as \u{FFFD}).
fn not_utf8_message() -> String {
    let bad = std::env::args_os()
        .skip(1)
        .find(|a| a.to_str().is_none())
        .map(|a| format!(" '{}'", a.to_string_lossy()))
        .unwrap_or_default();
    format!(
        "the argument{bad} is not valid UTF-8 text, and Caliber keeps text as UTF-8; retype it, or set your terminal to UTF-8 (for example LANG=C.UTF-8). File paths (--db, import, restore) may hold any bytes"
    )
}

/// Distinct exit codes let scripts tell "you typed something wrong" from "the
/// database could not be written"; the library maps each kind to its code.
fn exit_code(e: &caliber::Error) -> u8 {
    e.exit_code()
}
