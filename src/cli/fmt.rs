//! `ybc fmt`: routines rewritten in the canonical style, or `--check`ed.

use crate::cli::inputs::Input;
use crate::{App, CheckOptions, Failure, cli};
use std::io::{StdoutLock, Write};
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

/// What became of one routine.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Formatting changed it (rewritten, printed, or shown as a diff).
    Changed,
    /// It was already formatted.
    Unchanged,
    /// It was read but had errors, or could not be written.
    Refused,
    /// It could not be read.
    Unread,
}

impl App {
    /// Formats routines in place (or standard input to standard output); with
    /// `--check`, prints a diff of each one that would change instead.
    pub(crate) fn fmt(&mut self, paths: &[PathBuf], run: &FmtRun) -> Result<ExitCode, Failure> {
        let inputs = cli::inputs::collect(paths, &run.excludes, None).map_err(Failure)?;
        let (mut changed, mut unchanged, mut refused) = (0usize, 0usize, 0usize);
        // The summary is left out when only standard input was formatted.
        let mut stdin_only = true;
        let mut out = std::io::stdout().lock();
        for input in &inputs {
            let outcome = self.fmt_one(input, run, &mut out)?;
            match outcome {
                Outcome::Changed => changed += 1,
                Outcome::Unchanged => unchanged += 1,
                Outcome::Refused | Outcome::Unread => refused += 1,
            }
            stdin_only &= outcome == Outcome::Unread || matches!(input, Input::Stdin { .. });
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

    /// Formats one routine: rewrites its file, prints it (standard input), or
    /// prints its diff (`--check`); says on standard error why it could not.
    fn fmt_one(&mut self, input: &Input, run: &FmtRun, out: &mut StdoutLock) -> Result<Outcome, Failure> {
        let (path, bytes) = match input {
            Input::File(path) => match cli::read::read_listed(path) {
                Ok(bytes) => (Some(path.as_path()), bytes),
                Err(e) => {
                    let message = format!("can't read {}: {}", shown(path), e.reason());
                    eprintln!("error: {}", Failure::with_help(message, e.help(path, Some("ybc fmt"))).0);
                    return Ok(Outcome::Unread);
                }
            },
            Input::Stdin { bytes, .. } => (None, bytes.clone()),
            Input::Unreadable { .. } => {
                let message = input.problem().unwrap_or_default();
                eprintln!("error: {}", Failure::with_help(message, input.help()).0);
                return Ok(Outcome::Unread);
            }
        };
        let name = shown(input.path());
        let text = match ybc::source::decode(&bytes) {
            Ok(text) => text,
            Err(bad) => {
                eprint!("{}", self.renderer.render(&name, &bad.prefix, &[bad.diagnostic]));
                return Ok(Outcome::Refused);
            }
        };
        // Names are made canonical with the catalog the routine is checked with.
        let catalog = match path {
            Some(path) if run.canonical_names => Arc::clone(&self.setup_clean(path, &CheckOptions::default())?.catalog),
            _ => Arc::clone(self.catalog()),
        };
        let options = ybc::fmt::FormatOptions { canonical_names: run.canonical_names, catalog: Some(&catalog) };
        let formatted = match ybc::fmt::format(text, &options) {
            Ok(formatted) => formatted,
            Err(diagnostics) => {
                eprint!("{}", self.renderer.render(&name, text, &diagnostics));
                eprintln!("{name} has errors, so it was not formatted.");
                return Ok(Outcome::Refused);
            }
        };
        let outcome = if formatted == text { Outcome::Unchanged } else { Outcome::Changed };
        match path {
            _ if run.check => write_out(out, &ybc::fmt::unified_diff(&name, text, &formatted))?,
            None => write_out(out, &formatted)?,
            Some(_) if outcome == Outcome::Unchanged => {}
            Some(path) => {
                if let Err(reason) = cli::rewrite::rewrite(path, &bytes, &formatted) {
                    eprintln!("error: can't write {name}: {reason}");
                    return Ok(Outcome::Refused);
                }
            }
        }
        Ok(outcome)
    }
}

/// Writes to standard output; a reader that stopped early (`| head`) is not an error.
fn write_out(out: &mut StdoutLock, text: &str) -> Result<(), Failure> {
    match out.write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure(format!("can't write the output: {e}"))),
        _ => Ok(()),
    }
}
