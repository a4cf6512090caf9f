//! Diagnostics for people: miette's graphical reports with the source line,
//! the span underlined, its label, and the help.

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use crate::diagnostic::{Diagnostic, Severity};

/// The most diagnostics shown for one file; the rest are counted in one line.
pub const MAX_PER_FILE: usize = 200;

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
        let source = NamedSource::new(name, text.to_owned()).with_language("ybc");
        let mut out = String::new();
        for diagnostic in diagnostics.iter().take(MAX_PER_FILE) {
            let report = Report { diagnostic, source: &source, len: text.len() };
            if self.handler.render_report(&mut out, &report).is_err() {
                out.push_str(&format!("{name}: {}\n", diagnostic.message));
            }
            out.push('\n');
        }
        if diagnostics.len() > MAX_PER_FILE {
            out.push_str(&format!("{name}: {} more diagnostics not shown.\n\n", diagnostics.len() - MAX_PER_FILE));
        }
        out
    }
}

struct Report<'a> {
    diagnostic: &'a Diagnostic,
    source: &'a NamedSource<String>,
    len: usize,
}

impl Report<'_> {
    fn span(&self, span: crate::span::Span) -> SourceSpan {
        let start = span.start.min(self.len);
        SourceSpan::new(start.into(), span.end.min(self.len).saturating_sub(start))
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.diagnostic.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.diagnostic.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let primary =
            LabeledSpan::new_primary_with_span(self.diagnostic.label.clone(), self.span(self.diagnostic.span));
        let related = self
            .diagnostic
            .labels
            .iter()
            .map(|l| LabeledSpan::new_with_span(Some(l.message.clone()), self.span(l.span)));
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
}
