//! Renderers that turn diagnostics into text for people and programs.

pub mod human;

use crate::diagnostic::{Diagnostic, Severity};

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

    /// One line for the end of a run: "Checked 3 files: 2 errors, 1 warning."
    pub fn summary(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let mut parts = vec![plural(self.errors, "error"), plural(self.warnings, "warning")];
        if self.infos > 0 {
            parts.push(plural(self.infos, "note"));
        }
        format!("Checked {}: {}.", plural(self.files, "file"), parts.join(", "))
    }
}
