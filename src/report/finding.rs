//! A diagnostic placed in its file: the byte spans turned into lines and
//! columns once, so every renderer for programs reads the same positions.
//!
//! Lines and columns are 1-based; a column counts Unicode scalar values (a
//! `é` is one column, an emoji is one column), and an end position is the
//! place just after the last character, as in LSP and SARIF.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::span::{LineIndex, Span};

/// The rule name of a file that could not be read at all.
pub const UNREADABLE: &str = "io";

/// A place in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in Unicode scalar values.
    pub column: usize,
    /// 0-based byte offset into the file.
    pub offset: usize,
}

/// Another place that matters to a finding, with its note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    /// What to say about it.
    pub message: String,
    /// Where it starts.
    pub start: Position,
    /// Just after where it ends.
    pub end: Position,
}

/// A suggested edit: replace the text from `start` to `end` with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// Where the replaced text starts.
    pub start: Position,
    /// Just after where it ends.
    pub end: Position,
    /// The text to put there.
    pub replacement: String,
    /// Whether `ybc check --fix` makes it: it only rewrites what was written the
    /// way ybc reads it.
    pub safe: bool,
}

/// One diagnostic with its file and positions; also the element of `--format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The file, as it was named on the command line or found in a folder.
    pub file: String,
    /// The rule or stage that found it (`unknown-pose`, `hold-too-long`, …).
    pub rule: &'static str,
    /// How serious.
    pub level: Severity,
    /// What is wrong.
    pub message: String,
    /// The note under the main place.
    pub label: Option<String>,
    /// How to fix it.
    pub help: Option<String>,
    /// Where it starts.
    pub start: Position,
    /// Just after where it ends.
    pub end: Position,
    /// Other places that matter.
    pub related: Vec<Related>,
    /// A concrete edit that fixes it.
    pub fix: Option<Edit>,
}

impl Finding {
    /// Places every diagnostic of `text` (the file `file`).
    pub fn locate_all(file: &str, text: &str, diagnostics: &[Diagnostic]) -> Vec<Finding> {
        if diagnostics.is_empty() {
            return Vec::new();
        }
        let lines = LineIndex::new(text);
        let position = |offset: usize| {
            let offset = offset.min(text.len());
            let at = lines.line_col(text, offset);
            Position { line: at.line, column: at.column, offset }
        };
        let range = |span: Span| (position(span.start), position(span.end.max(span.start)));
        diagnostics
            .iter()
            .map(|d| {
                let (start, end) = range(d.span);
                Finding {
                    file: file.to_owned(),
                    rule: d.code,
                    level: d.severity,
                    message: d.message.clone(),
                    label: d.label.clone(),
                    help: d.help.clone(),
                    start,
                    end,
                    related: d
                        .labels
                        .iter()
                        .map(|l| {
                            let (start, end) = range(l.span);
                            Related { message: l.message.clone(), start, end }
                        })
                        .collect(),
                    fix: d.fix.as_ref().map(|f| {
                        let (start, end) = range(f.span);
                        Edit { start, end, replacement: f.replacement.clone(), safe: f.safe }
                    }),
                }
            })
            .collect()
    }

    /// The finding for a file that could not be read: an error at its start.
    pub fn unreadable(file: &str, message: impl Into<String>) -> Finding {
        let start = Position { line: 1, column: 1, offset: 0 };
        Finding {
            file: file.to_owned(),
            rule: UNREADABLE,
            level: Severity::Error,
            message: message.into(),
            label: None,
            help: None,
            start,
            end: start,
            related: Vec::new(),
            fix: None,
        }
    }

    /// Whether the finding starts and ends on the same line.
    pub fn is_one_line(&self) -> bool {
        self.start.line == self.end.line
    }
}

/// One checked file, as the renderers for programs see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    /// The file, as it was named on the command line or found in a folder.
    pub path: String,
    /// The same file relative to the repository root, with `/` between folders
    /// (an absolute path when the file is outside the repository).
    pub repo_path: String,
    /// What was found, in the order of the file.
    pub findings: Vec<Finding>,
    /// Whether the file could not be read (its one finding says why).
    pub unreadable: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_and_end_after_the_last_one() {
        let text = "note \"é\"\nlocsut hold 30s\n";
        let d = Diagnostic::error("unknown-pose", Span::new(10, 16), "`locsut` is not a pose I know.")
            .with_fix(Span::new(10, 16), "locust");
        let found = Finding::locate_all("a.ybc", text, &[d]);
        assert_eq!(found[0].start, Position { line: 2, column: 1, offset: 10 });
        assert_eq!(found[0].end, Position { line: 2, column: 7, offset: 16 });
        assert_eq!(found[0].fix.as_ref().map(|f| f.replacement.as_str()), Some("locust"));
        let d = Diagnostic::error("syntax", Span::new(8, 9), "x");
        let found = Finding::locate_all("a.ybc", text, &[d]);
        assert_eq!(found[0].start.column, 8, "the two bytes of é are one column");
    }
}
