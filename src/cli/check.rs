//! `ybc check`: every routine under the paths, in parallel, in one of six formats.

use crate::cli::inputs::{Input, Places};
use crate::{App, CheckFormat, CheckOptions, Failure, cli};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;
use ybc::controls::escape;
use ybc::report::{Renderer, Tally};
use ybc::workspace::{CatalogFile, Setup};

impl App {
    /// Checks routines on all cores; prints what it finds in path order, whatever the timing.
    pub(crate) fn check(
        &mut self,
        paths: &[PathBuf],
        options: &CheckOptions,
        run: &CheckRun,
    ) -> Result<ExitCode, Failure> {
        let started = Instant::now();
        let inputs = cli::inputs::collect(paths, &run.excludes, run.stdin_filename.as_deref()).map_err(Failure)?;
        if run.fix && inputs.iter().any(|input| matches!(input, Input::Stdin { .. })) {
            return Err(Failure(
                "--fix rewrites routine files in place, so it can't take standard input; give the files".to_owned(),
            ));
        }
        let places = Places::here();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(worker_threads(run.threads))
            .build()
            .map_err(|e| Failure(format!("can't start the worker threads: {e}")))?;
        // Every config is read before anything is printed, so that a config
        // error stops the run without half a document on standard output.
        let work = self.plan_work(inputs, options, &places)?;
        let mut renderer = self.renderer_for(run.format, &places);
        let done = check_all(&work, &pool, &places, renderer.as_mut(), run.fix)?;
        if run.fix && !run.quiet {
            let mistakes = if done.mistakes_fixed == 1 {
                "1 mistake".to_owned()
            } else {
                format!("{} mistakes", done.mistakes_fixed)
            };
            let in_files =
                if done.files_fixed == 1 { "1 file".to_owned() } else { format!("{} files", done.files_fixed) };
            eprintln!("Fixed {mistakes} in {in_files}.");
        }
        let summarized = matches!(run.format, CheckFormat::Human | CheckFormat::Concise | CheckFormat::Github);
        if summarized && !run.quiet {
            // The time only on a terminal, so that logs and tests compare equal run to run.
            let time = std::io::stderr().is_terminal().then(|| started.elapsed());
            eprintln!("{}", done.tally.summary_in(time));
        }
        Ok(if done.tally.unreadable > 0 || done.unwritten > 0 {
            ExitCode::from(2)
        } else if done.tally.errors > 0 || (run.deny_warnings && done.tally.warnings > 0) {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        })
    }

    /// The renderer for a format.
    fn renderer_for(&self, format: CheckFormat, places: &Places) -> Box<dyn Renderer> {
        match format {
            CheckFormat::Human => Box::new(self.renderer.clone()),
            CheckFormat::Concise => Box::new(ybc::report::concise::ConciseRenderer),
            CheckFormat::Json => Box::<ybc::report::json::JsonRenderer>::default(),
            CheckFormat::Github => Box::new(ybc::report::github::GithubRenderer),
            CheckFormat::Sarif => {
                Box::new(ybc::report::sarif::SarifRenderer::new(env!("YBC_VERSION"), Some(&places.root())))
            }
            CheckFormat::Junit => Box::<ybc::report::junit::JunitRenderer>::default(),
        }
    }

    /// Each input with the setup that applies to it (routines in one folder
    /// share their ybc.toml), and the catalog file it is when it is one of the
    /// setup's studio catalogs: checked as a catalog, not as a routine. A studio
    /// catalog with mistakes is added when it is not among the inputs, so that
    /// they are reported on it: its routines are checked without the poses it
    /// could not add.
    fn plan_work(&mut self, mut inputs: Vec<Input>, options: &CheckOptions, places: &Places) -> Result<Work, Failure> {
        let mut by_folder: HashMap<PathBuf, Arc<Setup>> = HashMap::new();
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
                Input::File(path) => setup.catalog_file(path).cloned(),
                _ => None,
            };
            setups.push((setup, catalog));
        }
        let mut reported: Vec<PathBuf> =
            setups.iter().filter_map(|(_, c)| c.as_ref().map(|c| c.path.clone())).collect();
        let mut broken: Vec<(Arc<Setup>, Arc<CatalogFile>)> = by_folder
            .values()
            .flat_map(|setup| setup.catalogs.iter().map(move |c| (Arc::clone(setup), Arc::clone(c))))
            .filter(|(_, c)| c.has_errors())
            .collect();
        broken.sort_by(|a, b| a.1.path.cmp(&b.1.path));
        for (setup, catalog) in broken {
            if !reported.contains(&catalog.path) {
                reported.push(catalog.path.clone());
                inputs.push(Input::File(places.shown(&catalog.path)));
                setups.push((setup, Some(catalog)));
            }
        }
        Ok(Work { inputs, setups })
    }
}

/// The inputs of a run, each with its setup and, for a studio catalog, its catalog file.
struct Work {
    inputs: Vec<Input>,
    setups: Vec<(Arc<Setup>, Option<Arc<CatalogFile>>)>,
}

/// What a run did, for the summary and the exit code.
#[derive(Default)]
struct Done {
    tally: Tally,
    /// With `--fix`: mistakes fixed, files rewritten, files that could not be written.
    mistakes_fixed: usize,
    files_fixed: usize,
    unwritten: usize,
}

/// Checks every input in batches on the pool and prints each file's text in
/// input order as its batch completes.
fn check_all(
    work: &Work,
    pool: &rayon::ThreadPool,
    places: &Places,
    renderer: &mut dyn Renderer,
    fix: bool,
) -> Result<Done, Failure> {
    /// How many files are in flight at once: enough to keep every core busy
    /// between two writes, few enough that memory stays small.
    const BATCH: usize = 512;
    let mut done = Done::default();
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut write = |text: &str| match out.write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure(format!("can't write the output: {e}"))),
        _ => Ok(()),
    };
    write(&renderer.begin())?;
    for (batch, setups) in work.inputs.chunks(BATCH).zip(work.setups.chunks(BATCH)) {
        let shared: &dyn Renderer = renderer;
        let checked: Vec<cli::worker::Checked> = pool.install(|| {
            batch
                .par_iter()
                .zip(setups)
                .map(|(input, (setup, catalog))| {
                    cli::worker::check(input, setup, catalog.as_deref(), places, shared, fix)
                })
                .collect()
        });
        for file in &checked {
            done.tally.add_report(&file.report);
            if file.fixed > 0 {
                done.mistakes_fixed += file.fixed;
                done.files_fixed += 1;
            }
            if let Some(reason) = &file.unwritten {
                eprintln!("error: can't write the fixes to {}: {reason}", escape(&file.report.path));
                done.unwritten += 1;
            }
            write(&renderer.file(&file.report, &file.quoted))?;
        }
    }
    write(&renderer.end())?;
    match out.flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure(format!("can't write the output: {e}"))),
        _ => Ok(done),
    }
}

/// What `ybc check` was asked to do, besides which routines.
pub(crate) struct CheckRun {
    pub(crate) format: CheckFormat,
    pub(crate) deny_warnings: bool,
    pub(crate) excludes: Vec<String>,
    pub(crate) stdin_filename: Option<PathBuf>,
    pub(crate) quiet: bool,
    pub(crate) threads: Option<u16>,
    pub(crate) fix: bool,
}

/// The most worker threads `check` starts. Each thread costs a stack and start-up
/// time, and files are read from one disk: far past the number of cores there is
/// nothing to gain, and `--threads 100000` spent minutes starting threads.
/// Asking for more is a usage error that names the range, not a silent cut: a
/// typo in a CI file should be seen.
pub(crate) const MAX_THREADS: i64 = 256;

/// The worker threads to start: `--threads`, else RAYON_NUM_THREADS, at most
/// [`MAX_THREADS`]; 0 lets rayon start one per core.
pub(crate) fn worker_threads(asked: Option<u16>) -> usize {
    let from_env = || std::env::var("RAYON_NUM_THREADS").ok().and_then(|n| n.trim().parse::<usize>().ok());
    let max = usize::try_from(MAX_THREADS).unwrap_or(usize::MAX);
    asked.map(usize::from).or_else(from_env).unwrap_or(0).min(max)
}
