//! The `ybc` command line: argument parsing, reading files, printing, exit codes.
//! All the work is done by the `ybc` library.

#![forbid(unsafe_code)]

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand, ValueEnum};
use ybc::catalog::{Catalog, Pose};
use ybc::diagnostic::Diagnostic;
use ybc::plan::{EventKind, Plan, Side};
use ybc::report::Tally;
use ybc::report::human::HumanRenderer;
use ybc::resolve::format_seconds;
use ybc::syntax::Range;

const EXAMPLES: &str = "\
Examples:
  ybc check routines/                      check every routine in a folder
  ybc plan routines/desk-reset.ybc         show the timed plan of a routine
  ybc build routines/desk-reset.ybc --format json -o desk-reset.json
  ybc poses locust                         search the pose catalog

Exit codes: 0 no errors, 1 errors in a routine, 2 usage or file errors.";

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

#[derive(Subcommand)]
enum Command {
    /// Check routines for mistakes: syntax, names, doses and safety.
    #[command(
        after_help = "Examples:\n  ybc check routines/desk-reset.ybc\n  ybc check .          (every *.ybc below this folder)"
    )]
    Check {
        /// Routine files, or folders to search for *.ybc files.
        #[arg(value_name = "PATH", default_value = ".")]
        paths: Vec<PathBuf>,
    },
    /// Show a routine's timeline: every set, side, round and rest, with times.
    #[command(after_help = "Example:\n  ybc plan routines/desk-reset.ybc")]
    Plan {
        /// The routine.
        file: PathBuf,
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
    /// Compile a routine for players.
    #[command(after_help = "Example:\n  ybc build routines/desk-reset.ybc --format json -o desk-reset.json")]
    Build {
        /// The routine.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum)]
        format: Format,
        /// Where to write; standard output when left out.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// A JSON timeline for timer apps, class screens and watches.
    Json,
}

/// A failure that is not about a routine's content: usage, files, I/O.
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
    let app = App { renderer: HumanRenderer::new(color), catalog: Catalog::builtin() };
    let result = app.load_catalogs(&cli.catalogs).and_then(|app| match cli.command {
        Command::Check { paths } => app.check(&paths),
        Command::Plan { file } => app.plan(&file),
        Command::Poses { query, json } => app.poses(&query.join(" "), json),
        Command::Build { file, format: Format::Json, output } => app.build(&file, output.as_deref()),
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
    catalog: Arc<Catalog>,
}

/// A routine file read into memory.
struct Source {
    name: String,
    text: String,
}

impl App {
    fn load_catalogs(mut self, files: &[PathBuf]) -> Result<Self, Failure> {
        for file in files {
            let source = read(file)?;
            match source {
                Ok(source) => match ybc::load_catalog(&source.text, &self.catalog) {
                    Ok(catalog) => self.catalog = catalog,
                    Err(diagnostics) => {
                        print!("{}", self.renderer.render(&source.name, &source.text, &diagnostics));
                        return Err(Failure(format!("the catalog file {} has errors; fix them first", file.display())));
                    }
                },
                Err((source, diagnostic)) => {
                    print!("{}", self.renderer.render(&source.name, &source.text, &[diagnostic]));
                    return Err(Failure(format!("can't read the catalog file {}", file.display())));
                }
            }
        }
        Ok(self)
    }

    fn check(&self, paths: &[PathBuf]) -> Result<ExitCode, Failure> {
        let files = collect_files(paths)?;
        let mut tally = Tally::default();
        let mut stdout = std::io::stdout().lock();
        for file in &files {
            let diagnostics = match read(file)? {
                Ok(source) => {
                    let compiled = ybc::compile(&source.text, &self.catalog);
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
        Ok(if tally.errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
    }

    /// Compiles one routine; prints its diagnostics to stderr and returns it
    /// with its plan only when it has no errors.
    fn compile_clean(&self, file: &Path) -> Result<Result<(Source, ybc::Compiled, Plan), ExitCode>, Failure> {
        let source = match read(file)? {
            Ok(source) => source,
            Err((source, diagnostic)) => {
                eprint!("{}", self.renderer.render(&source.name, &source.text, &[diagnostic]));
                return Ok(Err(ExitCode::from(1)));
            }
        };
        let compiled = ybc::compile(&source.text, &self.catalog);
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

    fn plan(&self, file: &Path) -> Result<ExitCode, Failure> {
        let (source, compiled, plan) = match self.compile_clean(file)? {
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

    fn build(&self, file: &Path, output: Option<&Path>) -> Result<ExitCode, Failure> {
        if let Some(out) = output
            && same_file(file, out)
        {
            return Err(Failure(format!("refusing to write the output over the routine itself ({})", out.display())));
        }
        let (source, compiled, plan) = match self.compile_clean(file)? {
            Ok(done) => done,
            Err(code) => return Ok(code),
        };
        let json = ybc::emit::json::render(&compiled.routine, &plan, &source.text, &source.name);
        match output {
            Some(path) => ybc::write::write_atomic(path, json.as_bytes())
                .map_err(|e| Failure(format!("can't write {}: {e}", path.display())))?,
            None => {
                let mut stdout = std::io::stdout().lock();
                stdout
                    .write_all(json.as_bytes())
                    .and_then(|()| stdout.flush())
                    .map_err(|e| Failure(format!("can't write the output: {e}")))?;
            }
        }
        Ok(ExitCode::SUCCESS)
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
