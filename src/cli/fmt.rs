//! `ybc fmt`: routines rewritten in the canonical style, or `--check`ed.

use crate::{App, CheckOptions, Failure, cli};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use ybc::controls::path as shown;

/// What `ybc fmt` was asked to do, besides which routines.
pub(crate) struct FmtRun {
    pub(crate) check: bool,
    pub(crate) canonical_names: bool,
    pub(crate) excludes: Vec<String>,
}

impl App {
    /// Formats routines in place (or standard input to standard output); with
    /// `--check`, prints a diff of each one that would change instead.
    pub(crate) fn fmt(&mut self, paths: &[PathBuf], run: &FmtRun) -> Result<ExitCode, Failure> {
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
