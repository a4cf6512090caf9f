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

/// The most diagnostics ybc lists for one file. A file with more (a pasted
/// document, the wrong file, a generated attack) gets these and one note
/// counting the rest, so that what ybc holds and prints stays small however
/// many mistakes the file makes; nobody reads past the first thousand.
pub const MAX_LISTED: usize = 1_000;

/// The code of the note that counts the diagnostics not listed.
pub const TOO_MANY: &str = "too-many";

/// The diagnostics of a file left out of its list, counted, and the error
/// that says where ybc stopped reading the file, if it did, which is always
/// listed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unlisted {
    /// How many there are of each code at each severity (a file has few codes).
    counts: Vec<(&'static str, Severity, usize)>,
    /// Where the first of them (in source order) starts.
    first: Option<usize>,
    /// Why the file was not read to its end.
    stop: Option<Box<Diagnostic>>,
}

impl Unlisted {
    /// Counts `diagnostic` as left out.
    pub fn add(&mut self, diagnostic: &Diagnostic) {
        self.count(diagnostic.code, diagnostic.severity, 1);
        let start = diagnostic.span.start;
        self.first = Some(self.first.map_or(start, |first| first.min(start)));
    }

    /// Sets the error that says where the file stopped being read, listed
    /// after the others whatever their number.
    pub fn stop(&mut self, diagnostic: Diagnostic) {
        self.stop.get_or_insert(Box::new(diagnostic));
    }

    /// Counts those of `other` too.
    pub fn merge(&mut self, other: Unlisted) {
        if let Some(stop) = other.stop {
            self.stop.get_or_insert(stop);
        }
        for (code, severity, n) in other.counts {
            self.count(code, severity, n);
        }
        if let Some(start) = other.first {
            self.first = Some(self.first.map_or(start, |first| first.min(start)));
        }
    }

    /// Whether an error was left out, or the file was not read to its end.
    pub fn has_errors(&self) -> bool {
        self.stop.is_some() || self.counts.iter().any(|(_, severity, _)| *severity == Severity::Error)
    }

    /// How many were left out.
    pub fn total(&self) -> usize {
        self.counts.iter().map(|(_, _, n)| n).sum()
    }

    fn count(&mut self, code: &'static str, severity: Severity, n: usize) {
        match self.counts.iter_mut().find(|(c, s, _)| *c == code && *s == severity) {
            Some((_, _, count)) => *count += n,
            None => self.counts.push((code, severity, n)),
        }
    }

    /// Sets the severity of those not listed as the configured levels do for
    /// those listed: `level` gives a code's new severity at a severity, or
    /// `None` when the code is turned off.
    pub fn relevel(&mut self, level: impl Fn(&'static str, Severity) -> Option<Severity>) {
        for (code, severity, n) in std::mem::take(&mut self.counts) {
            if let Some(severity) = level(code, severity) {
                self.count(code, severity, n);
            }
        }
    }

    /// Whether an error not listed has a code other than `code`, or the file
    /// was not read to its end.
    pub fn has_errors_other_than(&self, code: &str) -> bool {
        self.stop.is_some() || self.counts.iter().any(|(c, severity, _)| *severity == Severity::Error && *c != code)
    }

    /// Keeps the first [`MAX_LISTED`] of `diagnostics` (in the order they
    /// are in), counting the rest.
    pub fn keep_first(&mut self, diagnostics: &mut Vec<Diagnostic>) {
        for left_out in diagnostics.drain(MAX_LISTED.min(diagnostics.len())..) {
            self.add(&left_out);
        }
    }

    /// The note that says how many were left out, as serious as the most
    /// serious of them so that a check still fails on an error it does not
    /// list; `None` when none were.
    fn note(&self) -> Option<Diagnostic> {
        let total = self.total();
        let first = self.first?;
        let of = |wanted: Severity| -> usize {
            self.counts.iter().filter(|(_, severity, _)| *severity == wanted).map(|(_, _, n)| n).sum()
        };
        let (infos, warnings, errors) = (of(Severity::Info), of(Severity::Warning), of(Severity::Error));
        if total == 0 {
            return None;
        }
        let severity = if errors > 0 {
            Severity::Error
        } else if warnings > 0 {
            Severity::Warning
        } else {
            Severity::Info
        };
        let parts: Vec<String> = [(errors, "error"), (warnings, "warning"), (infos, "note")]
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{} {what}{}", thousands(n), if n == 1 { "" } else { "s" }))
            .collect();
        let span = Span::new(first, first);
        Some(
            Diagnostic::new(
                severity,
                TOO_MANY,
                span,
                format!(
                    "ybc lists the first {} problems in a file; {} more are not listed ({}).",
                    thousands(MAX_LISTED),
                    thousands(total),
                    parts.join(", ")
                ),
            )
            .with_label("the first problem not listed")
            .with_help(
                "Fix the problems listed and check again. A file with this many is often not a routine at all: a \
                 pasted document, or the wrong file.",
            ),
        )
    }
}

/// Sorts `diagnostics` into source order (the more serious first at the same
/// place) and keeps the first [`MAX_LISTED`]; what is left out, with what
/// earlier stages left out (`unlisted`), is counted in one note at the end.
pub fn list(diagnostics: &mut Vec<Diagnostic>, mut unlisted: Unlisted) {
    diagnostics.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(b.severity.cmp(&a.severity)));
    unlisted.keep_first(diagnostics);
    // The note sits where the first problem not listed is, before the place
    // where reading stopped.
    diagnostics.extend(unlisted.note());
    diagnostics.extend(unlisted.stop.map(|stop| *stop));
}

/// `n` with a comma between each group of three digits: `12,345`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Diagnostics as a stage finds them, in the order it finds them: the first
/// [`MAX_LISTED`] kept, the rest only counted.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    kept: Vec<Diagnostic>,
    unlisted: Unlisted,
    /// Errors found, listed or not.
    errors: usize,
}

impl Listing {
    /// Whether [`MAX_LISTED`] diagnostics are kept, so that the next is only
    /// counted: its wording (a suggestion, a fix) need not be worked out.
    pub fn is_full(&self) -> bool {
        self.kept.len() >= MAX_LISTED
    }

    /// Adds `diagnostic`: kept while fewer than [`MAX_LISTED`] are, else counted.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        if diagnostic.severity == Severity::Error {
            self.errors += 1;
        }
        if self.kept.len() < MAX_LISTED {
            self.kept.push(diagnostic);
        } else {
            self.unlisted.add(&diagnostic);
        }
    }

    /// How many errors have been added, listed or not.
    pub fn errors(&self) -> usize {
        self.errors
    }

    /// The diagnostics kept, and those left out, counted.
    pub fn into_parts(self) -> (Vec<Diagnostic>, Unlisted) {
        (self.kept, self.unlisted)
    }
}
