//! ybc's diagnostics as the protocol's: the rule name as the code, the help kept
//! in the message, secondary labels as related locations, stale allows faded.

use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, Location, NumberOrString, Uri};

use super::documents::Document;
use super::position::Encoding;
use crate::diagnostic::{Diagnostic, Severity};

/// A document's diagnostics, converted. Compiling lists at most
/// [`crate::diagnostic::MAX_LISTED`] and one note counting the rest, so one
/// publish stays small however many mistakes a pasted file makes.
pub fn convert_all(uri: &Uri, document: &Document, encoding: Encoding) -> Vec<lsp_types::Diagnostic> {
    document.compiled.diagnostics.iter().map(|d| convert(uri, document, d, encoding)).collect()
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
