//! Diagnostics for people: miette's graphical reports with the source line,
//! the span underlined, its label, and the help.

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};

use crate::controls::{Pictured, escape};
use crate::diagnostic::{Diagnostic, Severity};

/// The most diagnostics shown for one file; the rest are counted in one line.
pub const MAX_PER_FILE: usize = 200;

/// Source lines longer than this (in bytes) are not quoted in a report: a
/// minified or pasted line would flood the terminal. The location is still given.
pub const MAX_QUOTED_LINE: usize = 1_000;

/// Renders diagnostics for one file.
pub struct HumanRenderer {
    handler: GraphicalReportHandler,
}

impl HumanRenderer {
    /// A renderer with or without colour.
    pub fn new(color: bool) -> Self {
        let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
        Self { handler: GraphicalReportHandler::new_themed(theme).with_links(false).with_width(100) }
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
        let source = CharColumns { name: name.to_owned(), text: shown.text.clone().into_owned() };
        let lines = crate::span::LineIndex::new(text);
        let mut out = String::new();
        for diagnostic in diagnostics.iter().take(MAX_PER_FILE) {
            if quoted_line_too_long(text, diagnostic) {
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
        if diagnostics.len() > MAX_PER_FILE {
            out.push_str(&format!("{name}: {} more diagnostics not shown.\n\n", diagnostics.len() - MAX_PER_FILE));
        }
        out
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
fn quoted_line_too_long(text: &str, diagnostic: &Diagnostic) -> bool {
    let spans = std::iter::once(diagnostic.span).chain(diagnostic.labels.iter().map(|l| l.span));
    spans.into_iter().any(|span| {
        let start = span.start.min(text.len());
        let line_start = text.get(..start).and_then(|t| t.rfind(['\n', '\r'])).map_or(0, |n| n + 1);
        let line_end = text.get(start..).and_then(|t| t.find(['\n', '\r'])).map_or(text.len(), |n| start + n);
        line_end - line_start > MAX_QUOTED_LINE
    })
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

/// A named source whose columns count characters, not bytes, so that the
/// `file:line:col` a teacher reads matches what their editor shows
/// (miette's own string sources count bytes).
struct CharColumns {
    name: String,
    text: String,
}

impl SourceCode for CharColumns {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let contents = self.text.read_span(span, context_lines_before, context_lines_after)?;
        let data = contents.data();
        // miette gives the column of the contents' first byte in bytes; count
        // the characters from the start of its line instead.
        let at = contents.span().offset().min(self.text.len());
        let column = self
            .text
            .get(..at)
            .map(|before| before.rsplit(['\n', '\r']).next().unwrap_or("").chars().count())
            .unwrap_or(contents.column());
        Ok(Box::new(
            MietteSpanContents::new_named(
                self.name.clone(),
                data,
                *contents.span(),
                contents.line(),
                column,
                contents.line_count(),
            )
            .with_language("ybc"),
        ))
    }
}

struct Report<'a> {
    diagnostic: &'a Diagnostic,
    source: &'a CharColumns,
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
