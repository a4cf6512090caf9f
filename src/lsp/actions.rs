//! Code actions: each diagnostic's suggested fix (the did-you-mean name, the
//! missing `each side`, the audience modification…) as a quick fix, and every
//! safe fix at once as `source.fixAll.ybc` (what `ybc check --fix` makes), for
//! an editor's "fix all" or fix on save.

use std::collections::HashMap;

use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, TextEdit, Uri, WorkspaceEdit};

use super::diagnostics;
use super::documents::Document;
use super::position::Encoding;
use crate::diagnostic::{Diagnostic, quote};
use crate::span::Span;

/// The kind of the action that makes every safe fix.
pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::from(format!("{}.ybc", CodeActionKind::SOURCE_FIX_ALL.as_str()))
}

/// The actions of the kinds asked for (`only`): the quick fixes of the
/// diagnostics on the lines `range` touches (a teacher with the cursor
/// anywhere on a line gets that line's fixes), unless other kinds are asked
/// for; and, when it is asked for by kind (a source action, or fix on save),
/// the fix-all action. That one compiles the routine again, so it is not
/// worked out on every move of the cursor.
pub fn actions(
    uri: &Uri,
    document: &Document,
    range: Span,
    encoding: Encoding,
    only: Option<&[CodeActionKind]>,
) -> Vec<CodeActionOrCommand> {
    // A requested kind asks for itself and every kind below it (`source` for `source.fixAll.ybc`).
    let wanted = |kind: &CodeActionKind| {
        only.is_none_or(|kinds| {
            kinds.iter().any(|k| kind.as_str() == k.as_str() || kind.as_str().starts_with(&format!("{}.", k.as_str())))
        })
    };
    let mut found =
        if wanted(&CodeActionKind::QUICKFIX) { quick_fixes(uri, document, range, encoding) } else { Vec::new() };
    if only.is_some()
        && wanted(&fix_all_kind())
        && let Some(action) = fix_all(uri, document, encoding)
    {
        found.push(action);
    }
    found
}

/// Every safe fix at once, as one edit over the lines that change; `None` when
/// there is none to make.
fn fix_all(uri: &Uri, document: &Document, encoding: Encoding) -> Option<CodeActionOrCommand> {
    if !document.compiled.diagnostics.iter().any(|d| d.fix.as_ref().is_some_and(|f| f.safe)) {
        return None;
    }
    let setup = &document.setup;
    let run = || crate::fix_safe(&document.text, &setup.catalog, &setup.settings);
    let (fixed, made) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)).ok()?;
    let (span, replacement) = super::formatting::changed_lines(&document.text, &fixed)?;
    let edit = TextEdit::new(document.range(span, encoding), replacement.to_owned());
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: if made.len() == 1 {
            "Fix the 1 certain mistake (ybc)".to_owned()
        } else {
            format!("Fix all {} certain mistakes (ybc)", made.len())
        },
        kind: Some(fix_all_kind()),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
            ..WorkspaceEdit::default()
        }),
        ..CodeAction::default()
    }))
}

/// The quick fixes of the diagnostics on the lines `range` touches.
fn quick_fixes(uri: &Uri, document: &Document, range: Span, encoding: Encoding) -> Vec<CodeActionOrCommand> {
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
