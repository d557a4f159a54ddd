//! The command line, as clap reads it. Kept apart from what the commands do so the
//! whole surface of the CLI can be read in one place.

use caliber::io::Format;
use caliber::outline::OutlineFormat;
use caliber::{Relation, Scope};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// The formats `export` writes, as the library lists them, for `--help` and checking.
fn export_formats() -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(Format::EXPORTS.iter().filter_map(|f| f.to_possible_value()))
        .try_map(|s| s.parse::<Format>())
}

/// Caliber: log the evidence of your work as it happens, see the gaps against the
/// level you are going for, and draft your promotion document.
#[derive(Debug, Parser)]
#[command(name = "caliber", version, about, long_about = None)]
#[command(
    after_help = "Examples:\n  caliber log \"Hired two managers for the payments org\" --expect hire-develop-managers\n  caliber list --since 2026-01-01\n  caliber search hiring\n  caliber demo --db demo.db\n\nAn encrypted database (see `caliber encrypt --help`) takes its passphrase from\nCALIBER_PASSPHRASE, else asks for it at the terminal; never give it as an argument."
)]
pub struct Cli {
    /// Database file [default: $CALIBER_DB, else the platform's data folder]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Print JSON instead of text (lists, reports and errors)
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Log a win: `caliber log "Shipped checkout v2, conversion up 4%"`
    Log(LogArgs),
    /// List wins, newest first
    #[command(alias = "ls")]
    List(ListArgs),
    /// Search wins by words ("quoted phrase"; "payments -strategy" excludes a word)
    Search {
        /// What to look for: words, "a phrase"; to exclude a word, quote the whole
        /// query: caliber search "payments -strategy"
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Show at most this many
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// Show one win in full
    Show {
        /// The win's id (from `caliber list`)
        id: i64,
    },
    /// Change a win, or several (only the fields given change)
    Edit(EditArgs),
    /// Delete a win (undo brings it back)
    #[command(alias = "rm")]
    Delete {
        /// The win's id
        id: i64,
    },
    /// Undo the last change (log, edit, delete, import), from the CLI or the app
    Undo {
        /// Only show what the next undos (and redos) would take back, newest first
        #[arg(long)]
        list: bool,
        /// With --list: show at most this many
        #[arg(long, short = 'n', default_value_t = 20, requires = "list")]
        limit: usize,
    },
    /// Make again the change undone last (until something new is done)
    Redo,
    /// Confirm the suggested expectations of wins (bulk triage; one undo step)
    Confirm {
        /// The wins' ids
        #[arg(required_unless_present = "all_suggested", value_name = "ID")]
        ids: Vec<i64>,
        /// Every win with a suggestion still to confirm
        #[arg(long, conflicts_with = "ids")]
        all_suggested: bool,
    },
    /// Ladders: the expectations of the level you are going for
    #[command(subcommand)]
    Ladder(LadderCmd),
    /// The promotion cycle: ladder, review window, target date
    #[command(subcommand)]
    Cycle(CycleCmd),
    /// People who can vouch for your work
    #[command(subcommand)]
    People(PeopleCmd),
    /// Feedback: dated quotes from people
    #[command(subcommand)]
    Feedback(FeedbackCmd),
    /// Write everything out (backup JSON, CSV or a Markdown brag document)
    Export {
        /// backup is lossless JSON; markdown is a brag document
        #[arg(long, short, default_value = "backup", ignore_case = true, value_parser = export_formats())]
        format: Format,
        /// File to write [default: standard output]
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Replace the output file if it exists (a database is never replaced)
        #[arg(long)]
        force: bool,
    },
    /// Bring wins in from a file; all or nothing
    Import {
        /// The file
        file: PathBuf,
        /// jrnl is what `jrnl --export json` writes [default: from the file]
        #[arg(long, short, value_enum, ignore_case = true)]
        format: Option<Format>,
    },
    /// Fill an empty database with a realistic year of a senior manager's evidence
    Demo,
    /// Copy the whole database to a file (SQLite's online backup; safe while the app runs)
    Backup {
        /// File to write [default: backups/caliber-YYYY-MM-DD.db beside the database]
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Replace the output file if it exists (a database is never replaced)
        #[arg(long)]
        force: bool,
    },
    /// Replace your data with a backup file; what was there is saved aside first
    Restore {
        /// The backup file (from `caliber backup` or the app)
        file: PathBuf,
    },
    /// Encrypt the database with a passphrase, or change its passphrase
    ///
    /// Asks for the new passphrase twice without showing it, or reads it from
    /// CALIBER_NEW_PASSPHRASE (for scripts); it is never taken as an argument. An
    /// encrypted database's current passphrase comes from CALIBER_PASSPHRASE or is
    /// asked for. Needs the database to itself: close the app first.
    ///
    /// The whole file is encrypted (SQLCipher), and so are its backups from then on.
    /// The database as it was is kept in backups/ beside it; copies that are still
    /// unencrypted are listed so you can delete them.
    ///
    /// A lost passphrase cannot be recovered: without it the data is lost for good.
    Encrypt,
    /// Remove the encryption: the database becomes a plain file again
    ///
    /// Needs the current passphrase (CALIBER_PASSPHRASE, or typed when asked). The
    /// encrypted file as it was is kept in backups/ beside the database.
    Decrypt,
    /// Which expectations (or principles) a win would be evidence for, best first
    Suggest {
        /// The win's text
        #[arg(required = true, num_args = 1.., value_name = "TEXT")]
        text: Vec<String>,
        /// Suggest leadership principles instead of expectations
        #[arg(long)]
        principles: bool,
    },
    /// The gap review before calibration: what is thin, old, unproven or unvouched
    Review,
    /// Rehearse calibration: the questions a panel will ask about your case, and your answers
    Rehearse {
        #[command(subcommand)]
        action: Option<RehearseCmd>,
    },
    /// Draft the promotion document: outline and narrative from your evidence
    Outline {
        /// [default: from -o's extension, else markdown]
        #[arg(long, short, value_enum, ignore_case = true)]
        format: Option<OutlineFormat>,
        /// File to write [default: standard output; required for docx]
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Amazon's yearly-review (Forte) texts instead: accomplishments, superpowers,
        /// areas for growth
        #[arg(long, conflicts_with = "short_review")]
        forte: bool,
        /// The short review texts of the cycle's ladder instead: Meta's PSC highlights,
        /// Google's self-assessment, Microsoft's Connect answers (Forte on Amazon's
        /// ladders)
        #[arg(long)]
        short_review: bool,
        /// Replace the output file if it exists (a database is never replaced)
        #[arg(long)]
        force: bool,
    },
    /// The sponsor pack: one page for the manager who argues your case at calibration
    Pack {
        /// [default: from -o's extension, else markdown]
        #[arg(long, short, value_enum, ignore_case = true)]
        format: Option<OutlineFormat>,
        /// File to write [default: standard output; required for docx]
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Replace the output file if it exists (a database is never replaced)
        #[arg(long)]
        force: bool,
    },
    /// Serve the evidence to an AI assistant: a Model Context Protocol server on stdio
    ///
    /// An assistant (Claude Desktop, an editor, any MCP client) starts it with
    /// `caliber mcp` and can then search and read your wins, the review and the
    /// outline, and log new wins: those are marked as from the assistant, and the
    /// expectations it names stay suggestions until you confirm them. Nothing leaves
    /// the machine. An encrypted database takes its passphrase from CALIBER_PASSPHRASE.
    Mcp {
        /// Offer only the tools that read: the assistant cannot change anything
        #[arg(long)]
        read_only: bool,
    },
    /// Check a draft against the evidence: invented figures, wrong or unknown
    /// citations, uncited claims, unsupported quotes, uncovered expectations
    #[command(
        after_help = "Each finding is printed as FILE:LINE:COLUMN (lines from 1; the column counts\ncharacters, not bytes, from 1; a finding about the whole draft, an uncovered\nexpectation, is at 1:1), its kind, the text and what to do. Kinds: invented_figure,\nfigure_not_in_cited, unknown_win, uncited_claim, unsupported_quote,\nuncovered_expectation, forte_too_long.\n\nA figure is an amount ($1.2M), a percentage (30%, 30 %, thirty percent), a count\nwith its unit (12 teams), a multiple (3x) or a duration (6 weeks); it must be in a\nwin, outcome or feedback of the cycle, and in the wins cited [#ID] next to it.\n\nExit status: 0 clean, 1 findings, 2 bad input (not text, empty, over 10 MB),\n3 no such file."
    )]
    Check {
        /// The draft: Markdown, plain text (.txt) or a Word document (.docx); - reads
        /// standard input
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Forte mode: each text (a paragraph or list item) at most 60 words; the
        /// ladder's coverage is not asked
        #[arg(long, conflicts_with = "short_review")]
        forte: bool,
        /// Short review mode: each text within the word limit of the cycle's ladder's
        /// short review text its heading names (else the longest); the ladder's
        /// coverage is not asked
        #[arg(long)]
        short_review: bool,
        /// How the draft is written [default: from the file, else markdown]
        #[arg(long, value_enum, ignore_case = true)]
        format: Option<caliber::check::DraftFormat>,
    },
    /// Print the completion script for a shell: `caliber completions bash`
    ///
    /// bash: save it as ~/.local/share/bash-completion/completions/caliber;
    /// zsh: as _caliber in a folder of your $fpath; fish: as
    /// ~/.config/fish/completions/caliber.fish. The packages install them already.
    Completions {
        /// The shell to complete in
        #[arg(value_enum, ignore_case = true)]
        shell: clap_complete::Shell,
    },
    /// Write a man page per command (caliber.1, caliber-log.1, ...) into a folder
    /// (the packages install them already)
    Manpages {
        /// The folder to write into (made if missing)
        dir: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// What happened, in one line (quotes optional)
    #[arg(required = true, num_args = 1.., value_name = "TEXT")]
    pub text: Vec<String>,
    /// When it happened [default: today]: YYYY-MM-DD, today, yesterday, "3 days ago",
    /// "2 weeks ago", "last week" (7 days ago), "last month", "1 year ago", a weekday
    /// ("friday": the most recent, today included; "last friday": before today), or
    /// "Oct 3" (the most recent). Not a future day.
    #[arg(long, short)]
    pub date: Option<String>,
    /// Expectation id it is evidence for (repeatable); see `caliber ladder show`
    #[arg(long = "expect", short = 'e', value_name = "ID")]
    pub expect: Vec<String>,
    /// Leadership principle it shows, by name or id (repeatable)
    #[arg(long = "principle", short = 'p', value_name = "NAME")]
    pub principle: Vec<String>,
    /// How far it reached [default: team]
    #[arg(long, short, value_enum, ignore_case = true)]
    pub scope: Option<Scope>,
    /// The impact as written: "35%", "$4.1M", "3 teams"
    #[arg(long, short, allow_hyphen_values = true)]
    pub metric: Option<String>,
    /// Someone who can vouch for it (repeatable): a name in your people, or close to
    /// one, or an id; a new name needs --new-person
    #[arg(long = "with", short = 'w', value_name = "NAME")]
    pub with: Vec<String>,
    /// Someone involved who is not a voucher (repeatable)
    #[arg(long = "involved", value_name = "NAME")]
    pub involved: Vec<String>,
    /// Add a name that fits nobody in your people (or several) as a new person
    #[arg(long)]
    pub new_person: bool,
    /// Free tag (repeatable)
    #[arg(long = "tag", short = 't')]
    pub tag: Vec<String>,
    /// Link to the artifact (repeatable)
    #[arg(long = "link", short = 'l', value_name = "URL")]
    pub link: Vec<String>,
    /// The situation (the S of STAR)
    #[arg(long, allow_hyphen_values = true)]
    pub situation: Option<String>,
    /// What you did
    #[arg(long, allow_hyphen_values = true)]
    pub action: Option<String>,
    /// What came of it
    #[arg(long, allow_hyphen_values = true)]
    pub result: Option<String>,
    /// Free notes (Markdown)
    #[arg(long, allow_hyphen_values = true)]
    pub notes: Option<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only wins on or after this date
    #[arg(long)]
    pub since: Option<String>,
    /// Only wins on or before this date
    #[arg(long)]
    pub until: Option<String>,
    /// Only wins tagged with this expectation id
    #[arg(long = "expect", short = 'e', value_name = "ID")]
    pub expect: Option<String>,
    /// Only wins of this scope
    #[arg(long, value_enum, ignore_case = true)]
    pub scope: Option<Scope>,
    /// Only wins naming this person
    #[arg(long)]
    pub person: Option<String>,
    /// Only wins with this tag
    #[arg(long)]
    pub tag: Option<String>,
    /// Only wins with a suggestion still to confirm
    #[arg(long, conflicts_with = "confirmed")]
    pub suggested: bool,
    /// Only wins with a confirmed expectation
    #[arg(long)]
    pub confirmed: bool,
    /// Show at most this many
    #[arg(long, short = 'n')]
    pub limit: Option<usize>,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The win's id; several ids change them all alike, in one undo step
    #[arg(required = true, num_args = 1.., value_name = "ID")]
    pub ids: Vec<i64>,
    /// New title
    #[arg(long)]
    pub title: Option<String>,
    /// New date (same forms as `caliber log --date`)
    #[arg(long, short)]
    pub date: Option<String>,
    /// Add (or confirm) an expectation (repeatable)
    #[arg(long = "expect", short = 'e', value_name = "ID")]
    pub expect: Vec<String>,
    /// Remove an expectation (repeatable)
    #[arg(long = "unexpect", value_name = "ID")]
    pub unexpect: Vec<String>,
    /// Confirm every suggested expectation
    #[arg(long)]
    pub confirm: bool,
    /// Add a principle (repeatable)
    #[arg(long = "principle", short = 'p', value_name = "NAME")]
    pub principle: Vec<String>,
    /// Remove a principle (repeatable)
    #[arg(long = "no-principle", value_name = "NAME")]
    pub no_principle: Vec<String>,
    /// New scope
    #[arg(long, short, value_enum, ignore_case = true)]
    pub scope: Option<Scope>,
    /// New metric ("" clears it)
    #[arg(long, short, allow_hyphen_values = true)]
    pub metric: Option<String>,
    /// Add a voucher (repeatable)
    #[arg(long = "with", short = 'w', value_name = "NAME")]
    pub with: Vec<String>,
    /// Remove a person from the win (repeatable)
    #[arg(long = "without", value_name = "NAME")]
    pub without: Vec<String>,
    /// Add a name that fits nobody in your people (or several) as a new person
    #[arg(long)]
    pub new_person: bool,
    /// Add a tag (repeatable)
    #[arg(long = "tag", short = 't')]
    pub tag: Vec<String>,
    /// Remove a tag (repeatable)
    #[arg(long = "untag")]
    pub untag: Vec<String>,
    /// Add a link (repeatable)
    #[arg(long = "link", short = 'l', value_name = "URL")]
    pub link: Vec<String>,
    /// Remove a link (repeatable)
    #[arg(long = "unlink", value_name = "URL")]
    pub unlink: Vec<String>,
    /// New situation ("" clears it)
    #[arg(long, allow_hyphen_values = true)]
    pub situation: Option<String>,
    /// New action ("" clears it)
    #[arg(long, allow_hyphen_values = true)]
    pub action: Option<String>,
    /// New result ("" clears it)
    #[arg(long, allow_hyphen_values = true)]
    pub result: Option<String>,
    /// New notes ("" clears them)
    #[arg(long, allow_hyphen_values = true)]
    pub notes: Option<String>,
    /// The level the win shows for the --expect ID(s), else for its first
    /// expectation: below, at or above the target level, or auto to let the
    /// ladder's rules judge it again
    #[arg(long)]
    pub level: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum LadderCmd {
    /// The ladders you can use
    List,
    /// One ladder's expectations, with what strong evidence looks like
    Show {
        /// Ladder id [default: the current cycle's]
        id: Option<String>,
    },
    /// Add your own ladder from a JSON file (same shape as the built-in ones)
    Import {
        /// The ladder file
        file: PathBuf,
    },
    /// The leadership principles a win can be tagged with
    Principles,
}

#[derive(Debug, Subcommand)]
pub enum CycleCmd {
    /// The cycle in force
    Show,
    /// Set the ladder and review window
    Set {
        /// Ladder id [default: the current one]
        #[arg(long)]
        ladder: Option<String>,
        /// First day of the review window
        #[arg(long)]
        from: Option<String>,
        /// Last day of the review window
        #[arg(long)]
        to: Option<String>,
        /// Calibration or submission date
        #[arg(long)]
        target_date: Option<String>,
        /// Your level now [default: the ladder's]
        #[arg(long)]
        current_level: Option<String>,
        /// The level you are going for [default: the ladder's]
        #[arg(long)]
        target_level: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PeopleCmd {
    /// Add a person
    Add(PersonArgs),
    /// Everyone, with how many wins they can vouch for
    List,
    /// Who vouches for which expectation in the review window, and your feedback providers
    Overview,
    /// One person, their wins and feedback
    Show {
        /// Id or name
        who: String,
    },
    /// Change a person
    Edit {
        /// Id or name
        who: String,
        #[command(flatten)]
        fields: PersonEdit,
    },
    /// Delete a person (undo brings them back)
    #[command(alias = "rm")]
    Delete {
        /// Id or name
        who: String,
        /// Delete them even when wins or feedback name them
        #[arg(long, short)]
        yes: bool,
    },
}

#[derive(Debug, Args)]
pub struct PersonArgs {
    /// Their name
    pub name: String,
    /// How they relate to you
    #[arg(long, short, value_enum, ignore_case = true)]
    pub relation: Option<Relation>,
    /// Their org or team
    #[arg(long, short)]
    pub org: Option<String>,
    /// Notes
    #[arg(long, allow_hyphen_values = true)]
    pub notes: Option<String>,
    /// below, at or above the level you are going for [default: from the relation]
    #[arg(long)]
    pub seniority: Option<String>,
}

#[derive(Debug, Args)]
pub struct PersonEdit {
    /// New name
    #[arg(long)]
    pub name: Option<String>,
    /// New relation
    #[arg(long, short, value_enum, ignore_case = true)]
    pub relation: Option<Relation>,
    /// New org ("" clears it)
    #[arg(long, short)]
    pub org: Option<String>,
    /// New notes ("" clears them)
    #[arg(long, allow_hyphen_values = true)]
    pub notes: Option<String>,
    /// below, at or above the level you are going for ("" goes back to the relation's default)
    #[arg(long)]
    pub seniority: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum RehearseCmd {
    /// Keep your answer to one question (answering again replaces it; undo takes it back)
    Answer {
        /// The question's id, as `caliber rehearse` shows it
        id: String,
        /// Your answer (quotes optional)
        #[arg(required = true, num_args = 1.., value_name = "TEXT")]
        text: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum FeedbackCmd {
    /// Record what someone said about your work
    Add {
        /// Who said it: a name in your people (or close to one), or an id
        person: String,
        /// What they said
        quote: String,
        /// When [default: today]
        #[arg(long, short)]
        date: Option<String>,
        /// The expectation it speaks to
        #[arg(long = "expect", short = 'e', value_name = "ID")]
        expect: Option<String>,
        /// Add a name that fits nobody in your people (or several) as a new person
        #[arg(long)]
        new_person: bool,
    },
    /// Feedback, newest first
    List {
        /// Only this person's (id or name)
        #[arg(long)]
        person: Option<String>,
    },
    /// Delete feedback (undo brings it back)
    #[command(alias = "rm")]
    Delete {
        /// The feedback's id
        id: i64,
    },
    /// Who to ask for feedback before calibration, with a request drafted for each
    Plan,
    /// Mark someone as asked for feedback (undo takes it back)
    Ask {
        /// Who was asked: a name in your people, or an id
        person: String,
        /// When [default: today]
        #[arg(long, short)]
        date: Option<String>,
    },
}
