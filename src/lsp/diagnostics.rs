//! ybc's diagnostics as the protocol's: the rule name as the code, the help kept
//! in the message, secondary labels as related locations, stale allows faded.

use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, Location, NumberOrString, Uri};

use super::documents::Document;
use super::position::Encoding;
use crate::diagnostic::{Diagnostic, Severity};

/// The most diagnostics one publish carries. A document with more (a pasted
/// file, a wrong file opened as a routine) would otherwise send a message of
/// tens of megabytes on every keystroke; nobody reads past the first thousand.
pub const MAX_PUBLISHED: usize = 1_000;

/// A document's diagnostics, converted: the first [`MAX_PUBLISHED`], then,
/// if there are more, one at the start of the document saying how many more
/// and that `ybc check` lists them all.
pub fn convert_all(uri: &Uri, document: &Document, encoding: Encoding) -> Vec<lsp_types::Diagnostic> {
    let all = &document.compiled.diagnostics;
    let mut converted: Vec<lsp_types::Diagnostic> =
        all.iter().take(MAX_PUBLISHED).map(|d| convert(uri, document, d, encoding)).collect();
    if all.len() > MAX_PUBLISHED {
        let more = all.len() - MAX_PUBLISHED;
        let note = Diagnostic::new(
            Severity::Info,
            "too-many",
            crate::span::Span::new(0, 0),
            format!(
                "{more} more problems in this file are not shown here (the editor shows the first {MAX_PUBLISHED})."
            ),
        )
        .with_help("Run `ybc check` on the file to list them all.");
        converted.push(convert(uri, document, &note, encoding));
    }
    converted
}

/// One diagnostic, converted.
pub fn convert(uri: &Uri, document: &Document, diagnostic: &Diagnostic, encoding: Encoding) -> lsp_types::Diagnostic {
    let mut message = diagnostic.message.clone();
    // Editors show the message and seldom anything else, so the help goes in it,
    // on its own line, as `ybc check` prints it.
    if let Some(help) = &diagnostic.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = diagnostic
        .labels
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), document.range(label.span, encoding)),
            message: label.message.clone(),
        })
        .collect();
    lsp_types::Diagnostic {
        range: document.range(diagnostic.span, encoding),
        severity: Some(match diagnostic.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(diagnostic.code.to_owned())),
        code_description: None,
        source: Some("ybc".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: tags(diagnostic),
        data: None,
    }
}

/// An allow comment that allows nothing is dead text, which editors fade.
fn tags(diagnostic: &Diagnostic) -> Option<Vec<DiagnosticTag>> {
    (diagnostic.code == crate::check::suppress::UNUSED_ALLOW.info.name).then(|| vec![DiagnosticTag::UNNECESSARY])
}
