//! The `ybc` command line: argument parsing, reading files, printing, exit codes.
//! All the work is done by the `ybc` library.

#![forbid(unsafe_code)]

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand, ValueEnum};
use ybc::catalog::{Catalog, Pose};
use ybc::config::Settings;
use ybc::diagnostic::{Diagnostic, Severity};
use ybc::explain::Subject;
use ybc::plan::{EventKind, Plan, Side};
use ybc::report::Tally;
use ybc::report::human::HumanRenderer;
use ybc::resolve::format_seconds;
use ybc::syntax::Range;

const EXAMPLES: &str = "\
Examples:
  ybc check routines/                      check every routine in a folder
  ybc check --audience osteoporosis class.ybc
  ybc plan routines/desk-reset.ybc         show the timed plan of a routine
  ybc build routines/desk-reset.ybc --format json -o desk-reset.json
  ybc build class.ybc --adapt --audience osteoporosis --format ybc -o class-adapted.ybc
  ybc explain hold-too-long                explain a rule, a pose or a condition
  ybc poses locust                         search the pose catalog

Exit codes: 0 no errors, 1 errors in a routine (or warnings with --deny-warnings),
2 usage, config or file errors.";

/// ybc compiles plain-text yoga routines: it checks them for mistakes and
/// safety, plans their timing, and builds them for players and print.
#[derive(Parser)]
#[command(name = "ybc", version, about, after_help = EXAMPLES, arg_required_else_help = true)]
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
    #[command(
        after_help = "Examples:\n  ybc check routines/desk-reset.ybc\n  ybc check .          (every *.ybc below this folder)\n  ybc check --audience osteoporosis,neck-pain class.ybc\n  ybc check --deny-warnings routines/\n\nExit codes: 0 no errors, 1 errors (or warnings with --deny-warnings), 2 usage, config or file errors."
    )]
    Check {
        /// Routine files, or folders to search for *.ybc files.
        #[arg(value_name = "PATH", default_value = ".")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        options: CheckOptions,
        /// Fail (exit 1) on warnings too, for strict CI.
        #[arg(long)]
        deny_warnings: bool,
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
        after_help = "Examples:\n  ybc build routines/desk-reset.ybc --format json -o desk-reset.json\n  ybc build class.ybc --adapt --audience osteoporosis --format ybc -o class-osteoporosis.ybc"
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
    },
    /// Explain a rule, a pose or a condition.
    #[command(after_help = "Examples:\n  ybc explain short-rest\n  ybc explain locust\n  ybc explain osteoporosis")]
    Explain {
        /// A rule name, a pose (id or alias) or a condition.
        name: String,
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
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A JSON timeline for timer apps, class screens and watches.
    Json,
    /// The routine itself as ybc text (with --adapt: the adapted routine).
    Ybc,
}

/// A failure that is not about a routine's content: usage, config, files, I/O.
struct Failure(String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
        }
    };
    let app = App { renderer: HumanRenderer::new(color), catalog: Catalog::builtin(), configs: HashMap::new() };
    let result = app.load_catalogs(&cli.catalogs).and_then(|mut app| match cli.command {
        Command::Check { paths, options, deny_warnings } => app.check(&paths, &options, deny_warnings),
        Command::Plan { file, options } => app.plan(&file, &options),
        Command::Poses { query, json } => app.poses(&query.join(" "), json),
        Command::Build { file, format, output, adapt, options } => {
            app.build(&file, format, output.as_deref(), adapt, &options)
        }
        Command::Explain { name } => app.explain(&name),
        Command::Rules { json, markdown } => rules(json, markdown),
    });
    match result {
        Ok(code) => code,
        Err(Failure(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Settings and catalog for the routines under one config file.
struct Setup {
    settings: Settings,
    catalog: Arc<Catalog>,
}

struct App {
    renderer: HumanRenderer,
    /// The built-in catalog plus any `--catalog` files.
    catalog: Arc<Catalog>,
    /// Loaded configs, by path (`None`: no config file).
    configs: HashMap<Option<PathBuf>, Arc<Setup>>,
}

/// A routine file read into memory.
struct Source {
    name: String,
    text: String,
}

impl App {
    fn load_catalogs(mut self, files: &[PathBuf]) -> Result<Self, Failure> {
        for file in files {
            self.catalog = self.load_catalog(file, &self.catalog)?;
        }
        Ok(self)
    }

    fn load_catalog(&self, file: &Path, base: &Arc<Catalog>) -> Result<Arc<Catalog>, Failure> {
        match read(file)? {
            Ok(source) => match ybc::load_catalog(&source.text, base) {
                Ok(catalog) => Ok(catalog),
                Err(diagnostics) => {
                    eprint!("{}", self.renderer.render(&source.name, &source.text, &diagnostics));
                    Err(Failure(format!("the catalog file {} has errors; fix them first", file.display())))
                }
            },
            Err((source, diagnostic)) => {
                eprint!("{}", self.renderer.render(&source.name, &source.text, &[diagnostic]));
                Err(Failure(format!("can't read the catalog file {}", file.display())))
            }
        }
    }

    /// The settings and catalog for a routine file: `--config`, or the nearest
    /// ybc.toml above it, plus `--audience`.
    fn setup(&mut self, file: &Path, options: &CheckOptions) -> Result<Arc<Setup>, Failure> {
        let config = match &options.config {
            Some(path) => Some(path.clone()),
            None => {
                let dir = file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
                let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned());
                ybc::config::find(&dir)
            }
        };
        if let Some(setup) = self.configs.get(&config) {
            return Ok(Arc::clone(setup));
        }
        let mut settings = Settings::default();
        let mut catalog = Arc::clone(&self.catalog);
        if let Some(path) = &config {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Failure(format!("can't read the config file {}: {}", path.display(), io_reason(&e))))?;
            settings = match ybc::config::parse(&text, path, &catalog) {
                Ok(settings) => settings,
                Err(diagnostics) => {
                    eprint!("{}", self.renderer.render(&path.display().to_string(), &text, &diagnostics));
                    return Err(Failure(format!("the config file {} has errors; fix them first", path.display())));
                }
            };
            for extra in settings.catalogs.clone() {
                catalog = self.load_catalog(&extra, &catalog)?;
            }
        }
        for name in &options.audience {
            let Some(condition) = catalog.condition(name) else {
                let hint = catalog.suggest_condition(name).map_or_else(
                    || {
                        let known: Vec<&str> = catalog.conditions().iter().map(|c| c.id.as_str()).collect();
                        format!("known conditions: {}", known.join(", "))
                    },
                    |s| format!("did you mean `{s}`?"),
                );
                return Err(Failure(format!("`{name}` is not a condition I know; {hint}")));
            };
            if !settings.audience.contains(&condition.id) {
                settings.audience.push(condition.id.clone());
            }
        }
        let setup = Arc::new(Setup { settings, catalog });
        self.configs.insert(config, Arc::clone(&setup));
        Ok(setup)
    }

    fn check(&mut self, paths: &[PathBuf], options: &CheckOptions, deny_warnings: bool) -> Result<ExitCode, Failure> {
        let files = collect_files(paths)?;
        let mut tally = Tally::default();
        let mut stdout = std::io::stdout().lock();
        for file in &files {
            let diagnostics = match read(file)? {
                Ok(source) => {
                    let setup = self.setup(file, options)?;
                    let compiled = ybc::compile_with(&source.text, &setup.catalog, &setup.settings);
                    let _ = stdout
                        .write_all(self.renderer.render(&source.name, &source.text, &compiled.diagnostics).as_bytes());
                    compiled.diagnostics
                }
                Err((source, diagnostic)) => {
                    let _ = stdout.write_all(
                        self.renderer.render(&source.name, &source.text, std::slice::from_ref(&diagnostic)).as_bytes(),
                    );
                    vec![diagnostic]
                }
            };
            tally.add(&diagnostics);
        }
        let _ = stdout.flush();
        eprintln!("{}", tally.summary());
        Ok(if tally.errors > 0 || (deny_warnings && tally.warnings > 0) {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        })
    }

    /// Compiles one routine; prints its diagnostics to stderr and returns it
    /// with its plan only when it has no errors.
    #[allow(clippy::type_complexity)]
    fn compile_clean(
        &mut self,
        file: &Path,
        options: &CheckOptions,
    ) -> Result<Result<(Source, ybc::Compiled, Plan), ExitCode>, Failure> {
        let source = match read(file)? {
            Ok(source) => source,
            Err((source, diagnostic)) => {
                eprint!("{}", self.renderer.render(&source.name, &source.text, &[diagnostic]));
                return Ok(Err(ExitCode::from(1)));
            }
        };
        let setup = self.setup(file, options)?;
        let compiled = ybc::compile_with(&source.text, &setup.catalog, &setup.settings);
        if !compiled.diagnostics.is_empty() {
            eprint!("{}", self.renderer.render(&source.name, &source.text, &compiled.diagnostics));
        }
        match (compiled.has_errors(), compiled.plan.clone()) {
            (false, Some(plan)) => Ok(Ok((source, compiled, plan))),
            _ => {
                let mut tally = Tally::default();
                tally.add(&compiled.diagnostics);
                eprintln!("{} has errors, so it was not compiled. {}", source.name, tally.summary());
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
            out.push_str(&format!("{}\n\n", source.name));
        }
        let rows: Vec<[String; 6]> = plan
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
                        range_text(reps, ""),
                        if event.alternating { " alternating" } else { "" }
                    ));
                }
                if let Some(hold) = event.hold {
                    what.push_str(&format!(" · hold {}", seconds_range(hold)));
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
                [clock_range(event.start), seconds_range(event.seconds), what, side.to_owned(), set, cues.join("; ")]
            })
            .collect();
        let headers = ["start", "length", "what", "side", "set", "cues"];
        let widths: Vec<usize> = (0..6)
            .map(|i| {
                rows.iter()
                    .map(|r| r.get(i).map_or(0, |c| c.chars().count()))
                    .chain([headers[i].len()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |cells: [&str; 6]| -> String {
            let mut s = String::new();
            for (i, cell) in cells.iter().enumerate() {
                if i == 5 {
                    s.push_str(cell);
                } else {
                    s.push_str(&format!("{cell:<w$}  ", w = widths[i]));
                }
            }
            s.trim_end().to_owned() + "\n"
        };
        out.push_str(&line(headers));
        for row in &rows {
            out.push_str(&line([&row[0], &row[1], &row[2], &row[3], &row[4], &row[5]]));
        }
        out.push_str(&format!("\nTotal: {}", clock_span(plan.total)));
        if let Some(duration) = &routine.meta.duration {
            out.push_str(&format!(" (declared: {})", clock_span(duration.value)));
        }
        out.push('\n');
        print!("{out}");
        Ok(ExitCode::SUCCESS)
    }

    fn poses(&self, query: &str, json: bool) -> Result<ExitCode, Failure> {
        let found: Vec<&Pose> =
            if query.trim().is_empty() { self.catalog.poses().iter().collect() } else { self.catalog.search(query) };
        if json {
            let text = serde_json::to_string_pretty(&found).map_err(|e| Failure(e.to_string()))?;
            println!("{text}");
            return Ok(ExitCode::SUCCESS);
        }
        if found.is_empty() {
            eprintln!("No pose matches `{query}`. Run `ybc poses` to list them all.");
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
        let widths: Vec<usize> = (0..6)
            .map(|i| rows.iter().map(|r| r[i].chars().count()).chain([headers[i].len()]).max().unwrap_or(0))
            .collect();
        let mut out = String::new();
        let mut line = |cells: [&str; 6]| {
            let mut s = String::new();
            for (i, cell) in cells.iter().enumerate() {
                s.push_str(&format!("{cell:<w$}  ", w = widths[i]));
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
    ) -> Result<ExitCode, Failure> {
        if let Some(out) = output
            && same_file(file, out)
        {
            return Err(Failure(format!("refusing to write the output over the routine itself ({})", out.display())));
        }
        if format == Format::Ybc && !adapt {
            return Err(Failure("`--format ybc` writes an adapted routine; add `--adapt`".to_owned()));
        }
        let output_text = if adapt {
            match self.adapt(file, format, options)? {
                Ok(text) => text,
                Err(code) => return Ok(code),
            }
        } else {
            let (source, compiled, plan) = match self.compile_clean(file, options)? {
                Ok(done) => done,
                Err(code) => return Ok(code),
            };
            ybc::emit::json::render(&compiled.routine, &plan, &source.text, &source.name, &[])
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
    ) -> Result<Result<String, ExitCode>, Failure> {
        let source = match read(file)? {
            Ok(source) => source,
            Err((source, diagnostic)) => {
                eprint!("{}", self.renderer.render(&source.name, &source.text, &[diagnostic]));
                return Ok(Err(ExitCode::from(1)));
            }
        };
        let setup = self.setup(file, options)?;
        let first = ybc::compile_with(&source.text, &setup.catalog, &setup.settings);
        let other_errors: Vec<Diagnostic> = first
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error && d.code != "contraindicated")
            .cloned()
            .collect();
        if !other_errors.is_empty() {
            eprint!("{}", self.renderer.render(&source.name, &source.text, &other_errors));
            eprintln!("{} has errors that adapting can't fix, so it was not adapted.", source.name);
            return Ok(Err(ExitCode::from(1)));
        }
        let adapted = ybc::adapt(&source.text, &setup.catalog, &setup.settings);
        for change in &adapted.changes {
            eprintln!(
                "{}:{}: adapted `{}` → `{}`: {}",
                source.name,
                change.line,
                change.before,
                change.after.trim(),
                change.reason
            );
        }
        if adapted.changes.is_empty() {
            eprintln!("{}: nothing to adapt: no step is contraindicated for this audience.", source.name);
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
        }))
    }

    fn explain(&self, name: &str) -> Result<ExitCode, Failure> {
        let text = match ybc::explain::find(name, &self.catalog) {
            Some(Subject::Rule(rule)) => ybc::explain::rule(rule),
            Some(Subject::Pose(pose)) => ybc::explain::pose(pose, &self.catalog),
            Some(Subject::Condition(condition)) => ybc::explain::condition(condition, &self.catalog),
            None => {
                let hint = ybc::explain::suggest(name, &self.catalog).map_or_else(
                    || "run `ybc rules` or `ybc poses` to see what there is".to_owned(),
                    |s| format!("did you mean `{s}`?"),
                );
                return Err(Failure(format!("`{name}` is not a rule, a pose or a condition; {hint}")));
            }
        };
        print!("{text}");
        Ok(ExitCode::SUCCESS)
    }
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

/// Writes to a file atomically, or to standard output.
fn write_output(output: Option<&Path>, text: &str) -> Result<(), Failure> {
    match output {
        Some(path) => ybc::write::write_atomic(path, text.as_bytes())
            .map_err(|e| Failure(format!("can't write {}: {e}", path.display()))),
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
        return Err(Failure(format!("{name} is a folder; give a routine file")));
    }
    let bytes = std::fs::read(path).map_err(|e| Failure(format!("can't read {name}: {}", io_reason(&e))))?;
    Ok(match ybc::source::decode(&bytes) {
        Ok(text) => Ok(Source { name, text: text.to_owned() }),
        Err(bad) => Err((Source { name, text: bad.prefix }, bad.diagnostic)),
    })
}

fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => error.to_string(),
    }
}

/// The routine files named by `paths`: files as given, folders searched for `*.ybc`, sorted.
fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut files = Vec::new();
    for path in paths {
        let metadata = std::fs::metadata(path)
            .map_err(|e| Failure(format!("can't read {}: {}", path.display(), io_reason(&e))))?;
        if metadata.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found)?;
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), Failure> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Failure(format!("can't read the folder {}: {}", dir.display(), io_reason(&e))))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        // Symbolic links to folders are not followed, so a link loop cannot trap the walk.
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() && !hidden {
            walk(&path, found)?;
        } else if !kind.is_dir() && path.extension().is_some_and(|e| e == "ybc") && (kind.is_file() || path.is_file()) {
            found.push(path);
        }
    }
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// `8` or `8-12`, with a unit.
fn range_text(range: Range, unit: &str) -> String {
    if range.is_exact() { format!("{}{unit}", range.min) } else { format!("{}-{}{unit}", range.min, range.max) }
}

/// `45s`, `20-30s` or `1m-1m30s`: as a teacher writes them.
fn seconds_range(range: Range) -> String {
    if range.is_exact() {
        format_seconds(range.min)
    } else if range.max < 60 {
        format!("{}-{}s", range.min, range.max)
    } else {
        format!("{}-{}", format_seconds(range.min), format_seconds(range.max))
    }
}

/// `m:ss`.
fn clock(seconds: u32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// A start time as `m:ss` or `m:ss-m:ss`.
fn clock_range(range: Range) -> String {
    if range.is_exact() { clock(range.min) } else { format!("{}-{}", clock(range.min), clock(range.max)) }
}

/// A total as `9m30s` or `8m-10m30s`.
fn clock_span(range: Range) -> String {
    seconds_range(range)
}
