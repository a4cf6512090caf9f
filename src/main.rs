//! The `ybc` command line: argument parsing, reading files, printing, exit codes.
//! All the work is done by the `ybc` library.

#![forbid(unsafe_code)]
// No panics on input: unwrap, expect, indexing and `panic!` are denied outside
// tests (clippy.toml exempts `#[cfg(test)]` code); each exception is a narrow
// `allow` with the reason it cannot fail.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod cli;

use std::collections::HashMap;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use cli::inputs::Places;
use rayon::prelude::*;
use ybc::catalog::{Catalog, Pose};
use ybc::config::Settings;
use ybc::controls::{escape, path as shown};
use ybc::diagnostic::{Diagnostic, Severity};
use ybc::explain::Subject;
use ybc::plan::{EventKind, Plan, Side};
use ybc::report::human::HumanRenderer;
use ybc::report::{Renderer, Tally};
use ybc::vocabulary::{clock_range, count_range, written_range};
use ybc::workspace::{CatalogError, CatalogFile, Setup, SetupError};

const EXAMPLES: &str = "\
Examples:
  ybc check routines/                      check every routine in a folder
  ybc check --audience osteoporosis class.ybc
  ybc plan routines/desk-reset.ybc         show the timed plan of a routine
  ybc build routines/desk-reset.ybc --format json -o desk-reset.json
  ybc build class.ybc --adapt --audience osteoporosis --format ybc -o class-adapted.ybc
  ybc explain hold-too-long                explain a rule, a code, a pose or a condition
  ybc poses locust                         search the pose catalog

Exit codes: 0 no errors, 1 errors in a routine (or warnings with --deny-warnings),
2 usage, config or file errors.";

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
    /// Check as if these conditions were in the class (comma-separated or repeated).
    #[arg(long, value_name = "CONDITION", value_delimiter = ',')]
    audience: Vec<String>,
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
        after_help = "Examples:\n  ybc build routines/desk-reset.ybc --format json -o desk-reset.json\n  ybc build routines/desk-reset.ybc --format html -o desk-reset.html\n  ybc build class.ybc --format html --layout cards --paper letter -o class-cards.html\n  ybc build class.ybc --adapt --audience osteoporosis --format ybc -o class-osteoporosis.ybc"
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
        /// Replace every step that is contraindicated for the audience with the
        /// catalog's modification or regression, and say what was replaced and why.
        #[arg(long)]
        adapt: bool,
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

const CHECK_HELP: &str = "\
Examples:
  ybc check                        every *.ybc below this folder (honouring .gitignore)
  ybc check routines/desk-reset.ybc
  ybc check --audience osteoporosis,neck-pain class.ybc
  ybc check --deny-warnings --exclude 'drafts/' routines/
  ybc check --format github        annotations in a GitHub Actions log
  ybc check --format sarif > ybc.sarif
  ybc check - --stdin-filename routines/class.ybc < class.ybc

Formats: human (default), concise (path:line:col: level[rule] message), json, github,
sarif, junit. See docs/ci.md.

Exit codes: 0 no errors (warnings are fine), 1 errors (or warnings with --deny-warnings),
2 usage, config or file errors, including a file that could not be read.";

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

/// What `ybc check` was asked to do, besides which routines.
struct CheckRun {
    format: CheckFormat,
    deny_warnings: bool,
    excludes: Vec<String>,
    stdin_filename: Option<PathBuf>,
    quiet: bool,
    threads: Option<u16>,
    fix: bool,
}

/// The most worker threads `check` starts. Each thread costs a stack and start-up
/// time, and files are read from one disk: far past the number of cores there is
/// nothing to gain, and `--threads 100000` spent minutes starting threads.
/// Asking for more is a usage error that names the range, not a silent cut: a
/// typo in a CI file should be seen.
const MAX_THREADS: i64 = 256;

/// The worker threads to start: `--threads`, else RAYON_NUM_THREADS, at most
/// [`MAX_THREADS`]; 0 lets rayon start one per core.
fn worker_threads(asked: Option<u16>) -> usize {
    let from_env = || std::env::var("RAYON_NUM_THREADS").ok().and_then(|n| n.trim().parse::<usize>().ok());
    let max = usize::try_from(MAX_THREADS).unwrap_or(usize::MAX);
    asked.map(usize::from).or_else(from_env).unwrap_or(0).min(max)
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A JSON timeline for timer apps, class screens and watches.
    Json,
    /// A printable handout (or a teacher's deck of cards): one self-contained HTML file.
    Html,
    /// The routine itself as ybc text (with --adapt: the adapted routine).
    Ybc,
}

/// Options of `build --format html`.
#[derive(Args, Clone, Default)]
#[command(next_help_heading = "HTML handouts (--format html)")]
struct HtmlArgs {
    /// `handout`: a summary and a grid of cards for students (the default);
    /// `cards`: one large card per page (A6 or 6x4 in index cards) for a teacher's deck.
    #[arg(long, value_enum, value_name = "LAYOUT")]
    layout: Option<LayoutChoice>,
    /// The paper size to print on (the default is a4; cards print on A6 or 6x4 in).
    #[arg(long, value_enum, value_name = "PAPER")]
    paper: Option<PaperChoice>,
    /// Add a practice log with this many weeks: a row for each strength step.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=i64::from(ybc::emit::html::MAX_LOG_WEEKS)))]
    log_weeks: Option<u32>,
    /// Print a date on the handout: YYYY-MM-DD, or today's date when no value is given.
    /// Without it the same routine always gives the same bytes.
    #[arg(long, value_name = "YYYY-MM-DD", num_args = 0..=1, default_missing_value = "today")]
    date: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum LayoutChoice {
    /// A summary and a grid of cards, for students.
    Handout,
    /// One large card per page, for a teacher's deck.
    Cards,
}

#[derive(Clone, Copy, ValueEnum)]
enum PaperChoice {
    /// ISO A4 (cards: A6).
    A4,
    /// US Letter (cards: 6x4 inch index cards).
    Letter,
}

impl HtmlArgs {
    fn given(&self) -> bool {
        self.layout.is_some() || self.paper.is_some() || self.log_weeks.is_some() || self.date.is_some()
    }

    /// The emitter's options; `--date` checked and `today` resolved from the clock.
    fn options(&self) -> Result<ybc::emit::html::Options, Failure> {
        use ybc::emit::html::{Layout, Options, Paper};
        let layout = match self.layout {
            Some(LayoutChoice::Cards) => Layout::Cards,
            Some(LayoutChoice::Handout) | None => Layout::Handout,
        };
        if layout == Layout::Cards && self.log_weeks.is_some() {
            return Err(Failure("`--log-weeks` adds a page to the handout; use it with `--layout handout`".to_owned()));
        }
        let date = match self.date.as_deref() {
            None => None,
            Some("today") => {
                let seconds = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_err(|_| Failure("the system clock is before 1970; give `--date YYYY-MM-DD`".to_owned()))?
                    .as_secs();
                Some(ybc::emit::html::date_from_unix(seconds))
            }
            Some(text) if ybc::emit::html::is_date(text) => Some(text.to_owned()),
            Some(text) => return Err(Failure(format!("`--date {text}` is not a date; write it as YYYY-MM-DD"))),
        };
        Ok(Options {
            layout,
            paper: match self.paper {
                Some(PaperChoice::Letter) => Paper::Letter,
                Some(PaperChoice::A4) | None => Paper::A4,
            },
            log_weeks: self.log_weeks,
            date,
        })
    }
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
        Command::Explain { name } => app.explain(&name),
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

impl App {
    /// Adds the `--catalog` files to the base setup; a catalog with mistakes stops every command.
    fn load_catalogs(mut self, files: &[PathBuf]) -> Result<Self, Failure> {
        for file in files {
            let loaded = self.base.add_catalog(file).map_err(|e| self.catalog_failure(file, e))?;
            self.refuse_if_broken(file, &loaded)?;
        }
        Ok(self)
    }

    /// The catalog in use for commands that have no routine: built-in plus `--catalog` files.
    fn catalog(&self) -> &Arc<Catalog> {
        &self.base.catalog
    }

    /// Prints a catalog file's mistakes and fails, when it has errors.
    fn refuse_if_broken(&self, name: &Path, file: &CatalogFile) -> Result<(), Failure> {
        if !file.has_errors() {
            return Ok(());
        }
        eprint!("{}", self.renderer.render(&shown(name), &file.text, &file.diagnostics));
        Err(Failure(format!("the catalog file {} has errors; fix them first", shown(name))))
    }

    fn catalog_failure(&self, file: &Path, error: CatalogError) -> Failure {
        match error {
            CatalogError::Read(e) => {
                let e = cli::read::ReadError::Read(e);
                Failure::with_help(format!("can't read {}: {}", shown(file), e.reason()), e.help(file, None))
            }
            CatalogError::Undecodable(bad) => {
                eprint!("{}", self.renderer.render(&shown(file), &bad.prefix, &[bad.diagnostic]));
                Failure(format!("can't read the catalog file {}", shown(file)))
            }
        }
    }

    /// The settings and catalog for a routine file, as [`App::setup`] finds
    /// them, for a command that builds or formats it: a studio catalog with
    /// mistakes stops it (`ybc check` reports them instead).
    fn setup_clean(&mut self, file: &Path, options: &CheckOptions) -> Result<Arc<Setup>, Failure> {
        let setup = self.setup(file, options)?;
        let places = Places::here();
        for catalog in &setup.catalogs {
            self.refuse_if_broken(&places.shown(&catalog.path), catalog)?;
        }
        Ok(setup)
    }

    /// The settings and catalog for a routine file: `--config`, or the ybc.toml
    /// that applies to it ([`ybc::config::find_for`]), plus `--audience`.
    fn setup(&mut self, file: &Path, options: &CheckOptions) -> Result<Arc<Setup>, Failure> {
        let (config, found) = match &options.config {
            Some(path) => (Some(path.clone()), false),
            None => (ybc::config::find_for(file), true),
        };
        if let Some(setup) = self.configs.get(&config) {
            return Ok(Arc::clone(setup));
        }
        let mut setup = match &config {
            None => self.base.configured(Settings::default()),
            Some(path) => {
                let loaded = ybc::workspace::load(path, found, &self.base).map_err(|e| self.setup_failure(path, e))?;
                if let Some((file, e)) = loaded.unread.into_iter().next() {
                    return Err(self.catalog_failure(&file, e));
                }
                loaded.setup
            }
        };
        for name in &options.audience {
            let catalog = &setup.catalog;
            let Some(condition) = catalog.condition(name) else {
                let hint = catalog.suggest_condition(name).map_or_else(
                    || {
                        let known: Vec<&str> = catalog.conditions().iter().map(|c| c.id.as_str()).collect();
                        format!("known conditions: {}", known.join(", "))
                    },
                    |s| format!("did you mean `{s}`?"),
                );
                return Err(Failure(format!("`{}` is not a condition I know; {hint}", escape(name))));
            };
            if !setup.settings.audience.contains(&condition.id) {
                setup.settings.audience.push(condition.id.clone());
            }
        }
        let setup = Arc::new(setup);
        self.configs.insert(config, Arc::clone(&setup));
        Ok(setup)
    }

    fn setup_failure(&self, path: &Path, error: SetupError) -> Failure {
        let name = shown(path);
        match error {
            SetupError::Read(e) => {
                let e = cli::read::ReadError::Read(e);
                Failure::with_help(format!("can't read the config file {name}: {}", e.reason()), e.help(path, None))
            }
            SetupError::NotText => Failure(format!("can't read the config file {name}: it is not UTF-8 text")),
            SetupError::LinkOutside => Failure::with_help(
                format!("the config file {name} is a symbolic link to a file outside this repository, so ybc does not read it"),
                Some("A repository's ybc.toml must be its own file. Replace the link with the file, or name a config you trust with `--config FILE`.".to_owned()),
            ),
            SetupError::Invalid { text, diagnostics } => {
                eprint!("{}", self.renderer.render(&path.display().to_string(), &text, &diagnostics));
                Failure(format!("the config file {name} has errors; fix them first"))
            }
        }
    }

    /// Checks routines on all cores; prints what it finds in path order, whatever the timing.
    fn check(&mut self, paths: &[PathBuf], options: &CheckOptions, run: &CheckRun) -> Result<ExitCode, Failure> {
        /// How many files are in flight at once: enough to keep every core busy
        /// between two writes, few enough that memory stays small.
        const BATCH: usize = 512;
        let started = Instant::now();
        let mut inputs = cli::inputs::collect(paths, &run.excludes, run.stdin_filename.as_deref()).map_err(Failure)?;
        if run.fix && inputs.iter().any(|input| matches!(input, cli::inputs::Input::Stdin { .. })) {
            return Err(Failure(
                "--fix rewrites routine files in place, so it can't take standard input; give the files".to_owned(),
            ));
        }
        let places = Places::here();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(worker_threads(run.threads))
            .build()
            .map_err(|e| Failure(format!("can't start the worker threads: {e}")))?;
        let version = env!("YBC_VERSION");
        let root = places.root();
        let mut renderer: Option<Box<dyn Renderer>> = match run.format {
            CheckFormat::Human => None,
            CheckFormat::Concise => Some(Box::new(ybc::report::concise::ConciseRenderer)),
            CheckFormat::Json => Some(Box::<ybc::report::json::JsonRenderer>::default()),
            CheckFormat::Github => Some(Box::new(ybc::report::github::GithubRenderer)),
            CheckFormat::Sarif => Some(Box::new(ybc::report::sarif::SarifRenderer::new(version, Some(&root)))),
            CheckFormat::Junit => Some(Box::<ybc::report::junit::JunitRenderer>::default()),
        };
        // Every config is read before anything is printed, so that a config
        // error stops the run without half a document on standard output.
        // Routines in one folder share their ybc.toml.
        let mut by_folder: HashMap<PathBuf, Arc<Setup>> = HashMap::new();
        // Each input with its setup, and the catalog file it is when it is one
        // of the setup's studio catalogs: checked as a catalog, not as a routine.
        let mut setups: Vec<(Arc<Setup>, Option<Arc<CatalogFile>>)> = Vec::with_capacity(inputs.len());
        for input in &inputs {
            let folder = input.path().parent().map(Path::to_owned).unwrap_or_default();
            let setup = match by_folder.get(&folder) {
                Some(setup) => Arc::clone(setup),
                None => {
                    let setup = self.setup(input.path(), options)?;
                    by_folder.insert(folder, Arc::clone(&setup));
                    setup
                }
            };
            let catalog = match input {
                cli::inputs::Input::File(path) => setup.catalog_file(path).cloned(),
                _ => None,
            };
            setups.push((setup, catalog));
        }
        // A studio catalog with mistakes is reported on itself even when it is
        // not among the files checked: its routines are checked without the
        // poses it could not add.
        let mut reported: Vec<PathBuf> =
            setups.iter().filter_map(|(_, c)| c.as_ref().map(|c| c.path.clone())).collect();
        let broken: Vec<(Arc<Setup>, Arc<CatalogFile>)> = by_folder
            .values()
            .flat_map(|setup| setup.catalogs.iter().map(move |c| (Arc::clone(setup), Arc::clone(c))))
            .filter(|(_, c)| c.has_errors())
            .collect();
        let mut broken = broken;
        broken.sort_by(|a, b| a.1.path.cmp(&b.1.path));
        for (setup, catalog) in broken {
            if !reported.contains(&catalog.path) {
                reported.push(catalog.path.clone());
                inputs.push(cli::inputs::Input::File(places.shown(&catalog.path)));
                setups.push((setup, Some(catalog)));
            }
        }
        let mut tally = Tally::default();
        // With --fix: mistakes fixed, files rewritten, files that could not be written.
        let (mut mistakes_fixed, mut files_fixed, mut unwritten) = (0usize, 0usize, 0usize);
        let mut out = BufWriter::new(std::io::stdout().lock());
        let mut write = |text: &str| match out.write_all(text.as_bytes()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(Failure(format!("can't write the output: {e}")))
            }
            _ => Ok(()),
        };
        if let Some(r) = renderer.as_mut() {
            write(&r.begin())?;
        }
        let human = renderer.is_none().then_some(&self.renderer);
        for (batch, setups) in inputs.chunks(BATCH).zip(setups.chunks(BATCH)) {
            let checked: Vec<cli::worker::Checked> = pool.install(|| {
                batch
                    .par_iter()
                    .zip(setups)
                    .map(|(input, (setup, catalog))| {
                        cli::worker::check(input, setup, catalog.as_deref(), &places, human, run.fix)
                    })
                    .collect()
            });
            for file in &checked {
                tally.add_report(&file.report);
                if file.fixed > 0 {
                    mistakes_fixed += file.fixed;
                    files_fixed += 1;
                }
                if let Some(reason) = &file.unwritten {
                    eprintln!("error: can't write the fixes to {}: {reason}", escape(&file.report.path));
                    unwritten += 1;
                }
                match renderer.as_mut() {
                    Some(r) => write(&r.file(&file.report))?,
                    None => write(&file.human)?,
                }
            }
        }
        if let Some(r) = renderer.as_mut() {
            write(&r.end())?;
        }
        match out.flush() {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                return Err(Failure(format!("can't write the output: {e}")));
            }
            _ => {}
        }
        let summarized = matches!(run.format, CheckFormat::Human | CheckFormat::Concise | CheckFormat::Github);
        if run.fix && !run.quiet {
            let mistakes =
                if mistakes_fixed == 1 { "1 mistake".to_owned() } else { format!("{mistakes_fixed} mistakes") };
            let in_files = if files_fixed == 1 { "1 file".to_owned() } else { format!("{files_fixed} files") };
            eprintln!("Fixed {mistakes} in {in_files}.");
        }
        if summarized && !run.quiet {
            // The time only on a terminal, so that logs and tests compare equal run to run.
            let time = std::io::stderr().is_terminal().then(|| started.elapsed());
            eprintln!("{}", tally.summary_in(time));
        }
        Ok(if tally.unreadable > 0 || unwritten > 0 {
            ExitCode::from(2)
        } else if tally.errors > 0 || (run.deny_warnings && tally.warnings > 0) {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        })
    }

    /// Compiles one routine; prints its diagnostics to stderr and returns it
    /// with its plan only when it has no errors.
    /// Reads a routine; when its bytes are not routine text, prints why to
    /// stderr and gives the exit code instead.
    fn read_or_report(&self, file: &Path) -> Result<Result<Source, ExitCode>, Failure> {
        Ok(match read(file)? {
            Ok(source) => Ok(source),
            Err((source, diagnostic)) => {
                eprint!("{}", self.renderer.render(&source.name, &source.text, &[diagnostic]));
                Err(ExitCode::from(1))
            }
        })
    }

    #[allow(clippy::type_complexity)]
    fn compile_clean(
        &mut self,
        file: &Path,
        options: &CheckOptions,
    ) -> Result<Result<(Source, ybc::Compiled, Plan), ExitCode>, Failure> {
        let source = match self.read_or_report(file)? {
            Ok(source) => source,
            Err(code) => return Ok(Err(code)),
        };
        let setup = self.setup_clean(file, options)?;
        let compiled = ybc::compile_with(&source.text, &setup.catalog, &setup.settings);
        if !compiled.diagnostics.is_empty() {
            eprint!("{}", self.renderer.render(&source.name, &source.text, &compiled.diagnostics));
        }
        match (compiled.has_errors(), compiled.plan.clone()) {
            (false, Some(plan)) => Ok(Ok((source, compiled, plan))),
            _ => {
                let mut tally = Tally::default();
                tally.add(&compiled.diagnostics);
                eprintln!("{} has errors, so it was not compiled. {}", escape(&source.name), tally.summary());
                Ok(Err(ExitCode::from(1)))
            }
        }
    }

    fn plan(&mut self, file: &Path, options: &CheckOptions) -> Result<ExitCode, Failure> {
        let (source, compiled, plan) = match self.compile_clean(file, options)? {
            Ok(done) => done,
            Err(code) => return Ok(code),
        };
        let routine = &compiled.routine;
        let mut out = String::new();
        if let Some(title) = &routine.meta.title {
            out.push_str(&format!("{}\n\n", title.value));
        } else {
            out.push_str(&format!("{}\n\n", escape(&source.name)));
        }
        let mut rows: Vec<[String; 6]> = plan
            .events
            .iter()
            .map(|event| {
                let what = match event.kind {
                    EventKind::Pose => ybc::emit::json::event_name(routine, event),
                    EventKind::Rest => "Rest".to_owned(),
                };
                let mut what = what;
                if let Some(reps) = event.reps {
                    what.push_str(&format!(
                        " · {} reps{}",
                        count_range(reps),
                        if event.alternating { " alternating" } else { "" }
                    ));
                }
                if let Some(hold) = event.hold {
                    what.push_str(&format!(" · hold {}", written_range(hold)));
                }
                let side = match event.side {
                    Some(Side::Left) => "left",
                    Some(Side::Right) => "right",
                    Some(Side::Both) | None => "",
                };
                let mut set = event.set.filter(|s| s.of > 1).map_or(String::new(), |s| format!("{}/{}", s.n, s.of));
                if let Some(round) = event.rounds.last() {
                    set =
                        format!("round {}/{}{}{}", round.n, round.of, if set.is_empty() { "" } else { ", set " }, set);
                }
                let mut cues = event.notes.iter().map(|n| format!("note: {n}")).collect::<Vec<_>>();
                cues.extend(event.cues.iter().cloned());
                [clock_range(event.start), written_range(event.seconds), what, side.to_owned(), set, cues.join("; ")]
            })
            .collect();
        // Notes after the last event, at the end of the class.
        if !plan.closing_notes.is_empty() {
            let notes = plan.closing_notes.iter().map(|n| format!("note: {n}")).collect::<Vec<_>>();
            let blank = String::new;
            rows.push([clock_range(plan.total), blank(), "End".to_owned(), blank(), blank(), notes.join("; ")]);
        }
        let headers = ["start", "length", "what", "side", "set", "cues"];
        let widths = column_widths(headers, &rows);
        let line = |cells: [&str; 6]| -> String {
            let mut s = String::new();
            for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
                if i == 5 {
                    s.push_str(cell);
                } else {
                    s.push_str(&format!("{cell:<w$}  "));
                }
            }
            s.trim_end().to_owned() + "\n"
        };
        out.push_str(&line(headers));
        for row in &rows {
            out.push_str(&line([&row[0], &row[1], &row[2], &row[3], &row[4], &row[5]]));
        }
        out.push_str(&format!("\nTotal: {}", written_range(plan.total)));
        if let Some(duration) = &routine.meta.duration {
            out.push_str(&format!(" (declared: {})", written_range(duration.value)));
        }
        out.push('\n');
        print!("{out}");
        Ok(ExitCode::SUCCESS)
    }

    fn poses(&self, query: &str, json: bool) -> Result<ExitCode, Failure> {
        let found: Vec<&Pose> =
            if query.trim().is_empty() { self.catalog().poses().collect() } else { self.catalog().search(query) };
        if json {
            let text = serde_json::to_string_pretty(&found).map_err(|e| Failure(e.to_string()))?;
            println!("{text}");
            return Ok(ExitCode::SUCCESS);
        }
        if found.is_empty() {
            eprintln!("No pose matches `{}`. Run `ybc poses` to list them all.", escape(query));
            return Ok(ExitCode::from(1));
        }
        let rows: Vec<[String; 6]> = found
            .iter()
            .map(|p| {
                [
                    p.id.clone(),
                    p.english.clone(),
                    p.sanskrit.clone().unwrap_or_default(),
                    format!("{:?}", p.focus).to_lowercase(),
                    p.hold.map_or(String::new(), |h| format!("{}-{}s", h.min, h.max)),
                    p.reps.map_or(String::new(), |r| format!("{}-{}", r.min, r.max)),
                ]
            })
            .collect();
        let headers = ["id", "english", "sanskrit", "focus", "hold", "reps"];
        let widths = column_widths(headers, &rows);
        let mut out = String::new();
        let mut line = |cells: [&str; 6]| {
            let mut s = String::new();
            for (cell, w) in cells.iter().zip(widths) {
                s.push_str(&format!("{cell:<w$}  "));
            }
            out.push_str(s.trim_end());
            out.push('\n');
        };
        line(headers);
        for row in &rows {
            line([&row[0], &row[1], &row[2], &row[3], &row[4], &row[5]]);
        }
        print!("{out}");
        Ok(ExitCode::SUCCESS)
    }

    fn build(
        &mut self,
        file: &Path,
        format: Format,
        output: Option<&Path>,
        adapt: bool,
        options: &CheckOptions,
        html: &HtmlArgs,
    ) -> Result<ExitCode, Failure> {
        if format != Format::Html && html.given() {
            return Err(Failure(
                "`--layout`, `--paper`, `--log-weeks` and `--date` are for `--format html`".to_owned(),
            ));
        }
        let html = html.options()?;
        if let Some(out) = output
            && same_file(file, out)
        {
            return Err(Failure(format!("refusing to write the output over the routine itself ({})", shown(out))));
        }
        if format == Format::Ybc && !adapt {
            return Err(Failure("`--format ybc` writes an adapted routine; add `--adapt`".to_owned()));
        }
        let output_text = if adapt {
            match self.adapt(file, format, options, &html)? {
                Ok(text) => text,
                Err(code) => return Ok(code),
            }
        } else {
            let (source, compiled, plan) = match self.compile_clean(file, options)? {
                Ok(done) => done,
                Err(code) => return Ok(code),
            };
            match format {
                Format::Html => ybc::emit::html::render(&compiled.routine, &plan, &source.name, &[], &html),
                Format::Json | Format::Ybc => {
                    ybc::emit::json::render(&compiled.routine, &plan, &source.text, &source.name, &[])
                }
            }
        };
        write_output(output, &output_text)?;
        Ok(ExitCode::SUCCESS)
    }

    /// Adapts a routine to its audience: applies the suggested modification of
    /// every contraindicated step, checks the result, and renders it.
    fn adapt(
        &mut self,
        file: &Path,
        format: Format,
        options: &CheckOptions,
        html: &ybc::emit::html::Options,
    ) -> Result<Result<String, ExitCode>, Failure> {
        let source = match self.read_or_report(file)? {
            Ok(source) => source,
            Err(code) => return Ok(Err(code)),
        };
        let setup = self.setup_clean(file, options)?;
        let first = ybc::compile_with(&source.text, &setup.catalog, &setup.settings);
        let other_errors: Vec<Diagnostic> = first
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error && d.code != "contraindicated")
            .cloned()
            .collect();
        if !other_errors.is_empty() {
            eprint!("{}", self.renderer.render(&source.name, &source.text, &other_errors));
            eprintln!("{} has errors that adapting can't fix, so it was not adapted.", escape(&source.name));
            return Ok(Err(ExitCode::from(1)));
        }
        let adapted = ybc::adapt(&source.text, &setup.catalog, &setup.settings);
        for change in &adapted.changes {
            eprintln!(
                "{}:{}: adapted `{}` → `{}`: {}",
                escape(&source.name),
                change.line,
                escape(&change.before),
                escape(change.after.trim()),
                escape(&change.reason)
            );
        }
        if adapted.changes.is_empty() {
            eprintln!("{}: nothing to adapt: no step is contraindicated for this audience.", escape(&source.name));
        }
        let compiled = ybc::compile_with(&adapted.text, &setup.catalog, &setup.settings);
        let plan = match (compiled.has_errors(), &compiled.plan) {
            (false, Some(plan)) => plan.clone(),
            _ => {
                eprint!(
                    "{}",
                    self.renderer.render(&format!("{} (adapted)", source.name), &adapted.text, &compiled.diagnostics)
                );
                eprintln!("The adapted routine still has errors; adapt these steps by hand.");
                return Ok(Err(ExitCode::from(1)));
            }
        };
        Ok(Ok(match format {
            Format::Ybc => adapted.text,
            Format::Json => {
                ybc::emit::json::render(&compiled.routine, &plan, &adapted.text, &source.name, &adapted.changes)
            }
            Format::Html => ybc::emit::html::render(&compiled.routine, &plan, &source.name, &adapted.changes, html),
        }))
    }

    fn explain(&self, name: &str) -> Result<ExitCode, Failure> {
        let text = match ybc::explain::find(name, self.catalog()) {
            Some(Subject::Rule(rule)) => ybc::explain::rule(rule),
            Some(Subject::Pose(pose)) => ybc::explain::pose(pose, self.catalog()),
            Some(Subject::Condition(condition)) => ybc::explain::condition(condition, self.catalog()),
            Some(Subject::Code(code)) => ybc::explain::code(code),
            None => {
                let hint = ybc::explain::suggest(name, self.catalog()).map_or_else(
                    || "run `ybc rules` or `ybc poses` to see what there is".to_owned(),
                    |s| format!("did you mean `{s}`?"),
                );
                return Err(Failure(format!(
                    "`{}` is not a rule, a code, a pose or a condition; {hint}",
                    escape(name)
                )));
            }
        };
        print!("{text}");
        Ok(ExitCode::SUCCESS)
    }
}

const FMT_HELP: &str = "\
Examples:
  ybc fmt routines/                 rewrite every routine below a folder
  ybc fmt --check .                 print a diff of what would change; exit 1 if anything would
  ybc fmt - < class.ybc             format standard input to standard output
  ybc fmt --canonical-names class.ybc

The canonical style is in docs/language.md (\"Canonical style\"). A file with syntax
errors is not formatted; its errors are printed instead.

Exit codes: 0 nothing to change, or formatted; 1 (--check) some file would change;
2 usage or file errors, or a file not formatted because of its errors.";

/// What `ybc fmt` was asked to do, besides which routines.
struct FmtRun {
    check: bool,
    canonical_names: bool,
    excludes: Vec<String>,
}

impl App {
    /// Formats routines in place (or standard input to standard output); with
    /// `--check`, prints a diff of each one that would change instead.
    fn fmt(&mut self, paths: &[PathBuf], run: &FmtRun) -> Result<ExitCode, Failure> {
        use cli::inputs::Input;
        let inputs = cli::inputs::collect(paths, &run.excludes, None).map_err(Failure)?;
        let (mut changed, mut unchanged, mut refused) = (0usize, 0usize, 0usize);
        let mut stdin_only = true;
        let mut out = std::io::stdout().lock();
        for input in &inputs {
            let (path, bytes) = match input {
                Input::File(path) => match cli::read::read_listed(path) {
                    Ok(bytes) => (Some(path.as_path()), bytes),
                    Err(e) => {
                        let message = format!("can't read {}: {}", shown(path), e.reason());
                        eprintln!("error: {}", Failure::with_help(message, e.help(path, Some("ybc fmt"))).0);
                        refused += 1;
                        continue;
                    }
                },
                Input::Stdin { bytes, .. } => (None, bytes.clone()),
                Input::Unreadable { .. } => {
                    let message = input.problem().unwrap_or_default();
                    eprintln!("error: {}", Failure::with_help(message, input.help()).0);
                    refused += 1;
                    continue;
                }
            };
            stdin_only &= path.is_none();
            let name = shown(input.path());
            let text = match ybc::source::decode(&bytes) {
                Ok(text) => text,
                Err(bad) => {
                    eprint!("{}", self.renderer.render(&name, &bad.prefix, &[bad.diagnostic]));
                    refused += 1;
                    continue;
                }
            };
            // Names are made canonical with the catalog the routine is checked with.
            let catalog = match path {
                Some(path) if run.canonical_names => {
                    Arc::clone(&self.setup_clean(path, &CheckOptions::default())?.catalog)
                }
                _ => Arc::clone(self.catalog()),
            };
            let options = ybc::fmt::FormatOptions { canonical_names: run.canonical_names, catalog: Some(&catalog) };
            let formatted = match ybc::fmt::format(text, &options) {
                Ok(formatted) => formatted,
                Err(diagnostics) => {
                    eprint!("{}", self.renderer.render(&name, text, &diagnostics));
                    eprintln!("{name} has errors, so it was not formatted.");
                    refused += 1;
                    continue;
                }
            };
            let write_out = |out: &mut std::io::StdoutLock, text: &str| match out.write_all(text.as_bytes()) {
                // A reader that stopped early (`| head`) is not an error.
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(Failure(format!("can't write the output: {e}")))
                }
                _ => Ok(()),
            };
            if formatted == text {
                unchanged += 1;
            } else {
                changed += 1;
            }
            match path {
                _ if run.check => write_out(&mut out, &ybc::fmt::unified_diff(&name, text, &formatted))?,
                None => write_out(&mut out, &formatted)?,
                Some(_) if formatted == text => {}
                Some(path) => {
                    if let Err(reason) = cli::rewrite::rewrite(path, &bytes, &formatted) {
                        eprintln!("error: can't write {name}: {reason}");
                        changed -= 1;
                        refused += 1;
                    }
                }
            }
        }
        out.flush().ok();
        let routines = |n: usize| if n == 1 { "1 routine".to_owned() } else { format!("{n} routines") };
        if run.check || !stdin_only {
            let mut summary = if run.check {
                format!("{} would be reformatted, {} already formatted", routines(changed), unchanged)
            } else {
                format!("{} formatted, {} already formatted", routines(changed), unchanged)
            };
            if refused > 0 {
                summary.push_str(&format!(", {} not formatted because of errors", refused));
            }
            eprintln!("{summary}.");
        }
        Ok(if refused > 0 {
            ExitCode::from(2)
        } else if run.check && changed > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        })
    }
}

/// Serves the language server protocol until the editor says `exit`.
fn lsp(base: Setup) -> Result<ExitCode, Failure> {
    let server = ybc::lsp::Server::new(base);
    let code = ybc::lsp::serve(&mut std::io::stdin().lock(), &mut std::io::stdout().lock(), server)
        .map_err(|e| Failure(format!("the connection to the editor failed: {e}")))?;
    Ok(ExitCode::from(u8::try_from(code).unwrap_or(1)))
}

fn rules(json: bool, markdown: bool) -> Result<ExitCode, Failure> {
    if markdown {
        print!("{}", ybc::explain::rules_markdown());
    } else if json {
        let rules: Vec<serde_json::Value> = ybc::check::RULES
            .iter()
            .map(|r| {
                serde_json::json!({
                    "name": r.info.name,
                    "default": r.info.default.as_str(),
                    "summary": r.info.summary,
                    "explanation": r.info.explanation,
                    "source": r.info.source,
                })
            })
            .collect();
        let text = serde_json::to_string_pretty(&rules).map_err(|e| Failure(e.to_string()))?;
        println!("{text}");
    } else {
        let width = ybc::check::RULES.iter().map(|r| r.info.name.len()).max().unwrap_or(0);
        for rule in ybc::check::RULES {
            println!("{:<width$}  {:<7}  {}", rule.info.name, rule.info.default.as_str(), rule.info.summary);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints a completion script for `shell`.
fn completions(shell: clap_complete::Shell) -> Result<ExitCode, Failure> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "ybc", &mut out);
    write_output(None, &String::from_utf8_lossy(&out))?;
    Ok(ExitCode::SUCCESS)
}

/// Prints the man page.
fn man() -> Result<ExitCode, Failure> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(|e| Failure(format!("can't write the man page: {e}")))?;
    write_output(None, &String::from_utf8_lossy(&out))?;
    Ok(ExitCode::SUCCESS)
}

/// Writes to a file atomically (or to a device or named pipe directly), or to standard output.
fn write_output(output: Option<&Path>, text: &str) -> Result<(), Failure> {
    match output {
        Some(path) => ybc::write::write_output(path, text.as_bytes()).map_err(|e| {
            let message = format!("can't write {}: {}", shown(path), cli::rewrite::reason(&e));
            Failure::with_help(message, cli::rewrite::output_help(&e))
        }),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
                .map_err(|e| Failure(format!("can't write the output: {e}")))
        }
    }
}

/// Reads a routine file: `Ok(Err(..))` when its bytes are not routine text.
#[allow(clippy::type_complexity)]
fn read(path: &Path) -> Result<Result<Source, (Source, Diagnostic)>, Failure> {
    let name = path.display().to_string();
    if path.is_dir() {
        return Err(Failure(format!("{} is a folder; give a routine file", shown(path))));
    }
    let bytes = cli::read::read_file(path)
        .map_err(|e| Failure::with_help(format!("can't read {}: {}", shown(path), e.reason()), e.help(path, None)))?;
    Ok(match ybc::source::decode(&bytes) {
        Ok(text) => Ok(Source { name, text: text.to_owned() }),
        Err(bad) => Err((Source { name, text: bad.prefix }, bad.diagnostic)),
    })
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The width of each column of a table: its widest cell or its header.
fn column_widths<const N: usize>(headers: [&str; N], rows: &[[String; N]]) -> [usize; N] {
    let mut widths = headers.map(str::len);
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    widths
}
