//! The one diagnostic type every stage produces and every renderer reads.

use crate::span::Span;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a check.
    Info,
    /// Probably a mistake; fails a check only with `--deny-warnings`.
    Warning,
    /// The routine is wrong or unsafe as written; fails the check.
    Error,
}

impl Severity {
    /// The lower-case word for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A secondary span with its own note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What to say about it.
    pub message: String,
}

/// A suggested edit: replace the bytes of `span` with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// The bytes to replace.
    pub span: Span,
    /// The text to put there.
    pub replacement: String,
    /// Whether the edit only rewrites what the teacher wrote the way ybc reads
    /// it, so that it may be made without asking (`ybc check --fix`): a name or
    /// a dose written in words, a missing `:`, a stray comma. A fix that guesses
    /// (a did-you-mean name, a unit for a bare number) or changes the class (a
    /// safer pose, an added rest) is not.
    pub safe: bool,
}

/// A finding about a routine, with where it is and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious.
    pub severity: Severity,
    /// The stable name of the check or rule that found it (`syntax`, `unknown-pose`, …).
    pub code: &'static str,
    /// What is wrong, in a sentence.
    pub message: String,
    /// The main place.
    pub span: Span,
    /// The note under the main place.
    pub label: Option<String>,
    /// Other places that matter.
    pub labels: Vec<Label>,
    /// How to fix it.
    pub help: Option<String>,
    /// A concrete edit that fixes it.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A new diagnostic at `span`.
    pub fn new(severity: Severity, code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Self { severity, code, message: message.into(), span, label: None, labels: Vec::new(), help: None, fix: None }
    }

    /// An error.
    pub fn error(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, span, message)
    }

    /// A warning.
    pub fn warning(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, span, message)
    }

    /// Sets the note under the main span.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a secondary span.
    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label { span, message: message.into() });
        self
    }

    /// Sets the help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets a suggested edit, one for the teacher to choose (see [`Fix::safe`]).
    pub fn with_fix(mut self, span: Span, replacement: impl Into<String>) -> Self {
        self.fix = Some(Fix { span, replacement: replacement.into(), safe: false });
        self
    }

    /// Sets a suggested edit that only rewrites what was written the way ybc
    /// reads it, keeping what it means (see [`Fix::safe`]).
    pub fn with_safe_fix(mut self, span: Span, replacement: impl Into<String>) -> Self {
        self.fix = Some(Fix { span, replacement: replacement.into(), safe: true });
        self
    }
}

/// The most characters of a teacher's own text quoted in a message.
const MAX_QUOTED: usize = 40;

/// A teacher's word or name as a message quotes it: whole when short,
/// otherwise its first characters and an ellipsis, so that a pasted paragraph
/// never becomes the message.
pub fn quote(text: &str) -> String {
    match text.char_indices().nth(MAX_QUOTED) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or(text)),
        None => text.to_owned(),
    }
}
