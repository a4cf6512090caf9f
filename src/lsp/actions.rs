//! Code actions: each diagnostic's suggested fix (the did-you-mean name, the
//! missing `each side`, the audience modification…) as a quick fix.

use std::collections::HashMap;

use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, TextEdit, Uri, WorkspaceEdit};

use super::diagnostics;
use super::documents::Document;
use super::position::Encoding;
use crate::diagnostic::{Diagnostic, quote};
use crate::span::Span;

/// The quick fixes of the diagnostics on the lines `range` touches: a teacher
/// with the cursor anywhere on a line gets that line's fixes.
pub fn actions(uri: &Uri, document: &Document, range: Span, encoding: Encoding) -> Vec<CodeActionOrCommand> {
    let lines = &document.lines;
    let range = Span::new(
        lines.line_start(lines.line_of(range.start)),
        lines.line_end(&document.text, lines.line_of(range.end)),
    );
    document
        .compiled
        .diagnostics
        .iter()
        .filter(|d| d.span.start <= range.end && range.start <= d.span.end)
        .filter_map(|d| {
            let fix = d.fix.as_ref()?;
            let edit = TextEdit::new(document.range(fix.span, encoding), fix.replacement.clone());
            Some(CodeActionOrCommand::CodeAction(CodeAction {
                title: title(&document.text, d),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostics::convert(uri, document, d, encoding)]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                    ..WorkspaceEdit::default()
                }),
                // Only a fix that keeps the meaning is one an editor may make unasked.
                is_preferred: Some(fix.safe),
                ..CodeAction::default()
            }))
        })
        .collect()
}

/// What the fix does, in a few words: "Change `locsut` to `locust`".
fn title(text: &str, diagnostic: &Diagnostic) -> String {
    let Some(fix) = &diagnostic.fix else { return String::new() };
    let before = text.get(fix.span.start..fix.span.end).unwrap_or("").trim();
    let after = fix.replacement.trim();
    if before.is_empty() {
        format!("Add `{}`", quote(after))
    } else if after.is_empty() {
        format!("Remove `{}`", quote(before))
    } else {
        format!("Change `{}` to `{}`", quote(before), quote(after))
    }
}
