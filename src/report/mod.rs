//! Renderers that turn diagnostics into text for people and programs, one
//! file per output format of `ybc check --format`.

pub mod concise;
pub mod finding;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use std::time::Duration;

use crate::diagnostic::{Diagnostic, Severity};
pub use finding::{FileReport, Finding};

/// A renderer for one output format of `ybc check` (`human`, `concise`,
/// `json`, `github`, `sarif`, `junit`). It is given each checked file in path
/// order and returns the text to print; nothing here prints.
pub trait Renderer: Sync {
    /// Text before the first file.
    fn begin(&mut self) -> String {
        String::new()
    }

    /// What of one file's text is worked out on the worker thread that checked
    /// it, where its source is at hand: the human report quotes the source
    /// lines; the formats read by programs need only the findings and leave it empty.
    fn quote(&self, _source: &Source<'_>) -> String {
        String::new()
    }

    /// The text for one checked file, given what [`Renderer::quote`] made of it.
    fn file(&mut self, file: &FileReport, quoted: &str) -> String;

    /// Text after the last file.
    fn end(&mut self) -> String {
        String::new()
    }
}

/// A checked file as the worker that checked it holds it.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    /// A file that was read: its name, its text and what was found in it.
    Read {
        /// The file's name as shown.
        name: &'a str,
        /// Its text.
        text: &'a str,
        /// Every diagnostic, in order.
        diagnostics: &'a [Diagnostic],
    },
    /// A file that could not be read: the one diagnostic saying why.
    Unreadable(&'a Diagnostic),
}

/// How many diagnostics of each level a run found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Files read.
    pub files: usize,
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub infos: usize,
    /// Files that could not be read (not counted in `files`).
    pub unreadable: usize,
}

impl Tally {
    /// Counts a file's diagnostics.
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        self.files += 1;
        for d in diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    /// Counts a checked file's findings, or a file that could not be read.
    pub fn add_report(&mut self, report: &FileReport) {
        if report.unreadable {
            self.unreadable += 1;
            return;
        }
        self.files += 1;
        for f in &report.findings {
            match f.level {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    /// One line for the end of a run: "Checked 3 files: 2 errors, 1 warning."
    pub fn summary(&self) -> String {
        self.summary_in(None)
    }

    /// The summary with the run's time: "Checked 3 files in 0.12s: 2 errors, 1 warning."
    pub fn summary_in(&self, time: Option<Duration>) -> String {
        let mut parts = vec![plural(self.errors, "error"), plural(self.warnings, "warning")];
        if self.infos > 0 {
            parts.push(plural(self.infos, "note"));
        }
        let time = time.map_or(String::new(), |t| format!(" in {:.2}s", t.as_secs_f64()));
        let mut line = format!("Checked {}{time}: {}.", plural(self.files, "file"), parts.join(", "));
        if self.unreadable > 0 {
            line.push_str(&format!(" {} could not be read.", plural(self.unreadable, "file")));
        }
        line
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
