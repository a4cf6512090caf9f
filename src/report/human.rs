//! Diagnostics for people: miette's graphical reports with the source line,
//! the span underlined, its label, and the help.

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};

use crate::controls::{Pictured, escape};
use crate::diagnostic::{Diagnostic, Severity};
use crate::span::{LineIndex, Unit};

/// The most diagnostics shown for one file; the rest are counted in one line.
pub const MAX_PER_FILE: usize = 200;

/// Source lines longer than this (in bytes) are not quoted in a report: a
/// minified or pasted line would flood the terminal. The location is still given.
pub const MAX_QUOTED_LINE: usize = 1_000;

/// Renders diagnostics for one file.
#[derive(Debug, Clone)]
pub struct HumanRenderer {
    handler: GraphicalReportHandler,
}

impl HumanRenderer {
    /// A renderer with or without colour.
    pub fn new(color: bool) -> Self {
        let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
        // Help and messages wrap at spaces: Unicode line breaking (textwrap's default)
        // costs more than the rest of a check, and routine text breaks at spaces.
        Self {
            handler: GraphicalReportHandler::new_themed(theme)
                .with_links(false)
                .with_width(100)
                .with_word_separator(textwrap::WordSeparator::AsciiSpace),
        }
    }

    /// Renders every diagnostic of `text` (named `name`) into one string.
    pub fn render(&self, name: &str, text: &str, diagnostics: &[Diagnostic]) -> String {
        if diagnostics.is_empty() {
            return String::new();
        }
        // What a file holds, and its name, reach the terminal only with their
        // control characters made visible.
        let name = &*crate::controls::escape(name);
        let shown = Pictured::new(text);
        let lines = LineIndex::new(text);
        // The shown text is the file's own unless a character had to be pictured.
        let shown_lines = matches!(shown.text, std::borrow::Cow::Owned(_)).then(|| LineIndex::new(&shown.text));
        let source =
            CharColumns { name: name.to_owned(), text: &shown.text, lines: shown_lines.as_ref().unwrap_or(&lines) };
        let mut out = String::new();
        // The note counting what was not listed, and the error saying where
        // reading stopped, are shown whatever comes before them.
        let summary = |d: &&Diagnostic| matches!(d.code, crate::diagnostic::TOO_MANY | crate::syntax::FILE_TOO_LONG);
        let (ordinary, summaries): (Vec<&Diagnostic>, Vec<&Diagnostic>) = diagnostics.iter().partition(|d| !summary(d));
        let hidden = ordinary.len().saturating_sub(MAX_PER_FILE);
        for diagnostic in ordinary.into_iter().take(MAX_PER_FILE).chain(summaries) {
            if quoted_line_too_long(text, &lines, diagnostic) {
                let at = lines.line_col(text, diagnostic.span.start);
                out.push_str(&self.render_without_source(name, at, diagnostic));
                continue;
            }
            let report = Report { diagnostic, source: &source, shown: &shown };
            if self.handler.render_report(&mut out, &report).is_err() {
                out.push_str(&format!("{name}: {}\n", escape(&diagnostic.message)));
            }
            out.push('\n');
        }
        if hidden > 0 {
            out.push_str(&format!(
                "{name}: {hidden} more diagnostics not shown here; `--format concise` shows each on one line.\n\n"
            ));
        }
        out
    }
}

/// The human report quotes each file's source on the thread that checked it,
/// so that the snippets of many files are drawn in parallel.
impl super::Renderer for HumanRenderer {
    fn quote(&self, source: &super::Source<'_>) -> String {
        match *source {
            super::Source::Read { name, text, diagnostics } => self.render(name, text, diagnostics),
            super::Source::Unreadable(diagnostic) => self.render_alone(diagnostic),
        }
    }

    fn file(&mut self, _file: &super::FileReport, quoted: &str) -> String {
        quoted.to_owned()
    }
}

impl HumanRenderer {
    /// A diagnostic with no source to quote (a file that could not be read):
    /// its message, which names the file, and its help.
    pub fn render_alone(&self, diagnostic: &Diagnostic) -> String {
        let mut out = String::new();
        if self.handler.render_report(&mut out, &Bare(diagnostic)).is_err() {
            out = format!("{}: {}\n", diagnostic.severity.as_str(), escape(&diagnostic.message));
        }
        out.push('\n');
        out
    }

    /// A diagnostic whose line is too long to quote: the message, where, and the help.
    fn render_without_source(&self, name: &str, at: crate::span::LineCol, diagnostic: &Diagnostic) -> String {
        let mut plain = diagnostic.clone();
        plain.message =
            format!("{} ({name}:{}:{}; the line is too long to show)", diagnostic.message, at.line, at.column);
        let report = Bare(&plain);
        let mut out = String::new();
        if self.handler.render_report(&mut out, &report).is_err() {
            out = format!("{name}:{}:{}: {}\n", at.line, at.column, escape(&diagnostic.message));
        }
        out.push('\n');
        out
    }
}

/// Whether any line a diagnostic would quote is longer than [`MAX_QUOTED_LINE`].
fn quoted_line_too_long(text: &str, lines: &LineIndex, diagnostic: &Diagnostic) -> bool {
    let spans = std::iter::once(diagnostic.span).chain(diagnostic.labels.iter().map(|l| l.span));
    spans.into_iter().any(|span| lines.line_span(text, span.start).len() > MAX_QUOTED_LINE)
}

/// A diagnostic rendered without its source.
struct Bare<'a>(&'a Diagnostic);

impl fmt::Debug for Bare<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl fmt::Display for Bare<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escape(&self.0.message))
    }
}

impl std::error::Error for Bare<'_> {}

impl miette::Diagnostic for Bare<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.0.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(miette_severity(self.0.severity))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.0.help.as_deref().map(|h| Box::new(escape(h)) as Box<dyn fmt::Display>)
    }
}

fn miette_severity(severity: Severity) -> miette::Severity {
    match severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

/// Snippets with this many lines between them, or fewer, are shown as one.
const JOIN_ACROSS: usize = 1;

/// A named source whose columns count characters, not bytes, so that the
/// `file:line:col` a teacher reads matches what their editor shows
/// (miette's own string sources count bytes).
///
/// It also hands miette only the lines around a label, each time, and says
/// how many lines that is. miette's own string source counts the lines from
/// the start of the file instead, which made it join a label near line 2,500
/// with one near line 5,000 into a single snippet of every line between; and
/// reading from the start of the file for every label cost time in
/// proportion to the file. Now far-apart labels are separate snippets, so a
/// report grows with the number of labels, not the distance between them.
struct CharColumns<'t> {
    name: String,
    text: &'t str,
    lines: &'t LineIndex,
}

impl SourceCode for CharColumns<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = self.text;
        let start = span.offset();
        let end = start + span.len();
        if end > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let (line, column) = self.lines.locate(text, start, Unit::Chars);
        // The line holding the span's last byte.
        let last = self.lines.line(end.saturating_sub(1).max(start)) - 1;
        // As miette does: with no lines of context before, the contents start
        // at the span itself; otherwise at the start of the first line shown.
        let (from, first, column) = match context_lines_before {
            0 => (start, line, column),
            before => {
                let first = line.saturating_sub(before);
                (self.lines.line_start(first).unwrap_or(0), first, 0)
            }
        };
        let (to, end_line) = match context_lines_after {
            0 => (end, last),
            after => {
                let end_line = (last + after).min(self.lines.line_count() - 1);
                (self.lines.line_start(end_line + 1).unwrap_or(text.len()), end_line)
            }
        };
        let data = text.get(from..to).ok_or(MietteError::OutOfBounds)?.as_bytes();
        Ok(Box::new(
            MietteSpanContents::new_named(
                self.name.clone(),
                data,
                SourceSpan::new(from.into(), to - from),
                first,
                column,
                // miette uses the count only to join a snippet with the next
                // when they touch; one more line joins them across a gap of
                // one line too, which shows that line instead of a second
                // frame that would take more room.
                end_line - first + 1 + JOIN_ACROSS,
            )
            .with_language("ybc"),
        ))
    }
}

struct Report<'a> {
    diagnostic: &'a Diagnostic,
    source: &'a CharColumns<'a>,
    /// The text as it is shown, to move spans into.
    shown: &'a Pictured<'a>,
}

impl Report<'_> {
    /// A span of the file, moved into the text as it is shown.
    fn span(&self, span: crate::span::Span) -> SourceSpan {
        let len = self.source.text.len();
        let start = self.shown.offset(span.start).min(len);
        SourceSpan::new(start.into(), self.shown.offset(span.end).min(len).saturating_sub(start))
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escape(&self.diagnostic.message))
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.diagnostic.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(miette_severity(self.diagnostic.severity))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.diagnostic.help.as_deref().map(|h| Box::new(escape(h)) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let label = self.diagnostic.label.as_deref().map(|l| escape(l).into_owned());
        let primary = LabeledSpan::new_primary_with_span(label, self.span(self.diagnostic.span));
        let related = self
            .diagnostic
            .labels
            .iter()
            .map(|l| LabeledSpan::new_with_span(Some(escape(&l.message).into_owned()), self.span(l.span)));
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    #[test]
    fn the_location_counts_characters_not_bytes() {
        let text = "warmup:\n  cat-cow 8 reps \"שלום 🧘 नमस्ते\" hodl\n";
        let start = text.find("hodl").unwrap_or_default();
        let diagnostic = Diagnostic::error("syntax", Span::new(start, start + 4), "unknown word");
        let out = HumanRenderer::new(false).render("r.ybc", text, &[diagnostic]);
        assert!(out.contains("[r.ybc:2:34]"), "{out}");
    }
}
