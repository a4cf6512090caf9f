//! The `ybc` command line: the clap definitions and the dispatch to one file
//! per command under `src/cli/`, which read files, call the library and print.

#![forbid(unsafe_code)]
// No panics on input: unwrap, expect, indexing and `panic!` are denied outside
// tests (clippy.toml exempts `#[cfg(test)]` code); each exception is a narrow
// `allow` with the reason it cannot fail.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod cli;

use cli::check::{CheckRun, MAX_THREADS};
use cli::help::{CHECK_HELP, EXAMPLES, FMT_HELP};
use cli::serve::{completions, lsp, man};

use cli::fmt::FmtRun;
use cli::rules::rules;

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand, ValueEnum};
use ybc::report::human::HumanRenderer;
use ybc::workspace::Setup;

/// ybc compiles plain-text yoga routines: it checks them for mistakes and
/// safety, plans their timing, and builds them for players and print.
#[derive(Parser)]
#[command(name = "ybc", version = env!("YBC_VERSION"), about, after_help = EXAMPLES, arg_required_else_help = true)]
struct Cli {
    /// When to use colour in diagnostics.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    color: ColorChoice,
    /// A studio catalog file of extra `pose` definitions (repeatable).
    #[arg(long = "catalog", value_name = "FILE", global = true)]
    catalogs: Vec<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    /// Colour on a terminal, unless NO_COLOR is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Options for every command that checks a routine.
#[derive(Args, Clone, Default)]
struct CheckOptions {
    /// Use this config file instead of the nearest ybc.toml above each routine.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Check as if these conditions were in the class too (comma-separated or repeated): they
    /// are added to the routine's `audience` line and ybc.toml's.
    #[arg(long, value_name = "CONDITION", value_delimiter = ',')]
    audience: Vec<String>,
    /// Check for the `--audience` conditions alone, setting aside the routine's `audience` line
    /// and ybc.toml's (with no `--audience`: for no condition at all).
    #[arg(long)]
    audience_only: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Check routines for mistakes: syntax, names, doses and safety.
    #[command(after_help = CHECK_HELP)]
    Check {
        /// Routine files, or folders to search for *.ybc files (default: the
        /// current folder); `-` reads a routine from standard input.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        options: CheckOptions,
        /// Fail (exit 1) on warnings too, for strict CI.
        #[arg(long)]
        deny_warnings: bool,
        /// How to print the diagnostics.
        #[arg(long, value_enum, env = "YBC_FORMAT", default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// Leave out files and folders matching this glob (gitignore syntax) when
        /// searching folders (repeatable). Paths given explicitly are always checked.
        #[arg(long, value_name = "GLOB")]
        exclude: Vec<String>,
        /// The name of the routine read from `-`, for diagnostics and for finding its ybc.toml.
        #[arg(long, value_name = "NAME")]
        stdin_filename: Option<PathBuf>,
        /// Print only the diagnostics: no summary line.
        #[arg(short, long)]
        quiet: bool,
        /// How many files to check at once, at most 256 (default: one per core; also
        /// RAYON_NUM_THREADS).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(0..=MAX_THREADS))]
        threads: Option<u16>,
        /// Rewrite, in place, what is written in a way ybc does not read but whose meaning is
        /// certain (`30 seconds` → `30s`, `child's pose` → `childs-pose`, `warm up:` →
        /// `warmup:`), then report what is left. Guesses and safety changes are left to you.
        #[arg(long)]
        fix: bool,
    },
    /// Show a routine's timeline: every set, side, round and rest, with times.
    #[command(after_help = "Example:\n  ybc plan routines/desk-reset.ybc")]
    Plan {
        /// The routine.
        file: PathBuf,
        #[command(flatten)]
        options: CheckOptions,
    },
    /// List or search the pose catalog.
    #[command(after_help = "Examples:\n  ybc poses\n  ybc poses locust\n  ybc poses --json")]
    Poses {
        /// Words to search for in ids, names, aliases, family and focus.
        query: Vec<String>,
        /// Print the matching catalog entries as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Compile a routine for players, or adapt it to the people in the room.
    #[command(
        after_help = "Examples:\n  ybc build routines/desk-reset.ybc --format json -o desk-reset.json\n  ybc build routines/desk-reset.ybc --format html -o desk-reset.html\n  ybc build class.ybc --format html --layout cards --paper letter -o class-cards.html\n  ybc build class.ybc --format html --layout teach -o class-screen.html\n  ybc build class.ybc --adapt --audience osteoporosis --format ybc -o class-osteoporosis.ybc"
    )]
    Build {
        /// The routine.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum)]
        format: Format,
        /// Where to write; standard output when left out.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Adapt it for the audience: `offer` (the default) adds an option for the people a
        /// step is not safe for; `swap` replaces the step for the whole class. Says what changed.
        #[arg(long, value_enum, num_args = 0..=1, default_missing_value = "offer", value_name = "MODE")]
        adapt: Option<cli::build::AdaptChoice>,
        #[command(flatten)]
        options: CheckOptions,
        #[command(flatten)]
        html: HtmlArgs,
    },
    /// Explain a rule, a pose or a condition.
    #[command(after_help = "Examples:\n  ybc explain short-rest\n  ybc explain locust\n  ybc explain osteoporosis")]
    Explain {
        /// A rule name, a pose (id or alias) or a condition.
        name: String,
        /// Use this config file (its policies and catalogs) instead of the nearest ybc.toml.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Run the language server for editors, on standard input and output.
    #[command(after_help = "Editors start it themselves: see docs/editors.md for VS Code, Neovim, Helix and Emacs.")]
    Lsp {
        /// Accepted for editors that pass it; the server always uses standard input and output.
        #[arg(long, hide = true)]
        stdio: bool,
    },
    /// Rewrite routines in the canonical style, never changing what they mean.
    #[command(after_help = FMT_HELP)]
    Fmt {
        /// Routine files, or folders to search for *.ybc files (default: the
        /// current folder); `-` formats standard input to standard output.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Change no file: print a diff of what would change, and exit 1 if anything would.
        #[arg(long)]
        check: bool,
        /// Write poses, props and conditions by their catalog ids, and section
        /// kinds by their one word (`salabhasana` → `locust`, `warm-up` → `warmup`).
        #[arg(long)]
        canonical_names: bool,
        /// Leave out files and folders matching this glob (gitignore syntax) when
        /// searching folders (repeatable). Paths given explicitly are always formatted.
        #[arg(long, value_name = "GLOB")]
        exclude: Vec<String>,
    },
    /// List the rules with their default levels.
    #[command(after_help = "Examples:\n  ybc rules\n  ybc rules --json\n  ybc rules --markdown > docs/rules.md")]
    Rules {
        /// As JSON, for tools.
        #[arg(long, conflicts_with = "markdown")]
        json: bool,
        /// As the Markdown reference (docs/rules.md).
        #[arg(long)]
        markdown: bool,
    },
    /// Print a shell completion script, generated from these definitions.
    #[command(
        after_help = "Examples:\n  ybc completions bash > ~/.local/share/bash-completion/completions/ybc\n  ybc completions zsh > ~/.zfunc/_ybc\n  ybc completions fish > ~/.config/fish/completions/ybc.fish\n  ybc completions powershell >> $PROFILE"
    )]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), generated from these definitions.
    #[command(after_help = "Examples:\n  ybc man > ybc.1 && man ./ybc.1\n  ybc man > /usr/local/share/man/man1/ybc.1")]
    Man,
}

/// How `ybc check` prints what it finds.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    /// Graphical diagnostics with the source, labels and help.
    Human,
    /// One line per diagnostic: `path:line:col: level[rule] message`.
    Concise,
    /// A JSON array of diagnostics (docs/schema/diagnostics-v1.schema.json).
    Json,
    /// GitHub Actions workflow commands, shown as annotations.
    Github,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// JUnit XML, for CI test reports.
    Junit,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A JSON timeline for timer apps, class screens and watches.
    Json,
    /// A printable handout, a teacher's deck of cards, or a class screen: one self-contained HTML file.
    Html,
    /// A Garmin FIT workout for a watch (docs/devices.md); with `-o FILE`.
    Fit,
    /// The routine itself as ybc text (with --adapt: the adapted routine).
    Ybc,
}

/// Options of `build --format html`.
#[derive(Args, Clone, Default)]
#[command(next_help_heading = "HTML handouts and class screens (--format html)")]
struct HtmlArgs {
    /// `handout`: a summary and a grid of cards for students (the default);
    /// `cards`: one large card per page (A6 or 6x4 in index cards) for a teacher's deck;
    /// `teach`: a class screen that runs the routine with a timer and spoken cues (docs/teach.md).
    #[arg(long, value_enum, value_name = "LAYOUT")]
    layout: Option<LayoutChoice>,
    /// The paper size to print on (the default is a4; cards print on A6 or 6x4 in).
    #[arg(long, value_enum, value_name = "PAPER")]
    paper: Option<PaperChoice>,
    /// Add a practice log with this many weeks: a row for each strength step.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=i64::from(ybc::emit::html::MAX_LOG_WEEKS)))]
    log_weeks: Option<u32>,
    /// Print a date on the handout (with --format fit: the file's creation time, at 00:00 UTC):
    /// YYYY-MM-DD, or today's date when no value is given. Without it the same
    /// routine always gives the same bytes.
    #[arg(long, value_name = "YYYY-MM-DD", num_args = 0..=1, default_missing_value = "today")]
    date: Option<String>,
    /// Whose cues the cards show: `teacher` (the default: the routine's cues, and the catalog's key
    /// cue on a step with none), `both` (the routine's, then the catalog's), or `catalog`.
    #[arg(long, value_enum, value_name = "CUES")]
    cues: Option<cli::build::CuesChoice>,
    /// Add this many ruled lines for notes at the end of the handout.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=i64::from(ybc::emit::html::MAX_NOTES_LINES)))]
    notes_lines: Option<u32>,
    /// The class screen's countdown before the first pose, in seconds (default 5; 0: none).
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u32).range(0..=i64::from(ybc::emit::teach::MAX_PAUSE_SECONDS)))]
    get_ready: Option<u32>,
    /// The class screen's pause to switch from one side to the other, in seconds (default 5; 0: none).
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u32).range(0..=i64::from(ybc::emit::teach::MAX_PAUSE_SECONDS)))]
    switch_sides: Option<u32>,
}

#[derive(Clone, Copy, ValueEnum)]
enum LayoutChoice {
    /// A summary and a grid of cards, for students.
    Handout,
    /// One large card per page, for a teacher's deck.
    Cards,
    /// A class screen that runs the routine: timer, pictures, spoken cues.
    Teach,
}

#[derive(Clone, Copy, ValueEnum)]
enum PaperChoice {
    /// ISO A4 (cards: A6).
    A4,
    /// US Letter (cards: 6x4 inch index cards).
    Letter,
}

/// A failure that is not about a routine's content: usage, config, files, I/O.
struct Failure(String);

impl Failure {
    /// A failure with, on the next line, how to fix it.
    fn with_help(message: String, help: Option<String>) -> Self {
        match help {
            Some(help) => Failure(format!("{message}\n  help: {help}")),
            None => Failure(message),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
        }
    };
    let app = App { renderer: HumanRenderer::new(color), base: Setup::builtin(), configs: HashMap::new() };
    let result = app.load_catalogs(&cli.catalogs).and_then(|mut app| match cli.command {
        Command::Check { paths, options, deny_warnings, format, exclude, stdin_filename, quiet, threads, fix } => {
            let run = CheckRun { format, deny_warnings, excludes: exclude, stdin_filename, quiet, threads, fix };
            app.check(&paths, &options, &run)
        }
        Command::Plan { file, options } => app.plan(&file, &options),
        Command::Poses { query, json } => app.poses(&query.join(" "), json),
        Command::Build { file, format, output, adapt, options, html } => {
            app.build(&file, format, output.as_deref(), adapt, &options, &html)
        }
        Command::Explain { name, config } => app.explain(&name, config),
        Command::Lsp { stdio: _ } => lsp(app.base),
        Command::Fmt { paths, check, canonical_names, exclude } => {
            app.fmt(&paths, &FmtRun { check, canonical_names, excludes: exclude })
        }
        Command::Rules { json, markdown } => rules(json, markdown),
        Command::Completions { shell } => completions(shell),
        Command::Man => man(),
    });
    match result {
        Ok(code) => code,
        Err(Failure(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

struct App {
    renderer: HumanRenderer,
    /// The built-in catalog plus any `--catalog` files, with default settings.
    base: Setup,
    /// Loaded configs, by path (`None`: no config file).
    configs: HashMap<Option<PathBuf>, Arc<Setup>>,
}

/// A routine file read into memory.
struct Source {
    name: String,
    text: String,
}
