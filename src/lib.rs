//! ybc: a compiler for plain-text yoga routines.
//!
//! Data flows one way: source text → [`syntax`] (a document with spans) →
//! [`resolve`] (a [`routine::Routine`] with every name looked up) → [`check`]
//! (diagnostics) and [`plan`] (a timed timeline) → [`emit`] (JSON for players).
//! Nothing in the library prints; the `ybc` binary does.

#![forbid(unsafe_code)]
// No panics on input: unwrap, expect, indexing and `panic!` are denied outside
// tests (clippy.toml exempts `#[cfg(test)]` code); each exception is a narrow
// `allow` with the reason it cannot fail.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
#![warn(missing_docs)]

// pest_derive without its `std` feature (which adds a stack check to every rule
// call) generates code that names `alloc` directly.
extern crate alloc;

pub mod adapt;
pub mod catalog;
pub mod check;
pub mod codes;
pub mod config;
pub mod controls;
pub mod diagnostic;
pub mod emit;
pub mod explain;
pub mod fmt;
pub mod lsp;
pub mod plan;
pub mod report;
pub mod resolve;
pub mod routine;
pub mod source;
pub mod span;
pub mod syntax;
pub mod uri;
pub mod vocabulary;
pub mod workspace;
pub mod write;

use std::sync::Arc;

use catalog::Catalog;
use diagnostic::{Diagnostic, Severity};
use plan::Plan;
use resolve::Purpose;
use routine::Routine;

/// The extension of routine and catalog files.
pub const EXTENSION: &str = "ybc";

/// A routine taken through every stage up to its plan.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// The syntax tree.
    pub document: syntax::Document,
    /// The resolved routine (steps that could not be resolved are left out).
    pub routine: Routine,
    /// The plan, when the routine expands to a reasonable timeline.
    pub plan: Option<Plan>,
    /// Every diagnostic, sorted by position: the first
    /// [`diagnostic::MAX_LISTED`], then a note counting the rest.
    pub diagnostics: Vec<Diagnostic>,
    /// The diagnostics past the first [`diagnostic::MAX_LISTED`], counted by code.
    pub unlisted: diagnostic::Unlisted,
}

impl Compiled {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }
}

/// Parses, resolves, plans and checks a routine's text with default settings.
pub fn compile(text: &str, catalog: &Arc<Catalog>) -> Compiled {
    compile_with(text, catalog, &check::Settings::default())
}

/// Parses, resolves, plans and checks a routine's text with the given settings.
pub fn compile_with(text: &str, catalog: &Arc<Catalog>, settings: &check::Settings) -> Compiled {
    let parsed = syntax::parse(text);
    let mut diagnostics = parsed.diagnostics;
    let mut unlisted = parsed.unlisted;
    let (mut routine, found) = resolve::resolve(&parsed.document, catalog, Purpose::Routine);
    if settings.audience_only {
        // The class is the one the settings name: every rule and every output sees that audience.
        routine.meta.audience =
            settings.audience.iter().map(|c| syntax::Spanned::new(c.clone(), span::Span::default())).collect();
    }
    let (resolve_diagnostics, more) = found.into_parts();
    diagnostics.extend(resolve_diagnostics);
    unlisted.merge(more);
    let plan = match plan::plan(&routine) {
        Ok(plan) => Some(plan),
        Err(diagnostic) => {
            diagnostics.push(*diagnostic);
            None
        }
    };
    let context = check::Context::new(&routine, plan.as_ref(), settings);
    diagnostics.extend(check::run(&context));
    check::suppress::apply(text, &parsed.document, settings, &mut diagnostics);
    check::apply_levels(&mut diagnostics, settings);
    unlisted.relevel(|code, severity| check::leveled(code, severity, settings));
    let kept = unlisted.clone();
    diagnostic::list(&mut diagnostics, unlisted);
    Compiled { document: parsed.document, routine, plan, diagnostics, unlisted: kept }
}

/// One suggested edit applied: where, what was there, and what replaced it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The 1-based line of the edit in the original text.
    pub line: usize,
    /// The text replaced.
    pub before: String,
    /// The text put in its place.
    pub after: String,
    /// Why, in the words of the diagnostic that suggested it.
    pub reason: String,
}

/// Applies the suggested fixes of the diagnostics with code `code`, last first
/// so that earlier spans stay valid; overlapping fixes after the first are skipped.
pub fn apply_fixes(text: &str, diagnostics: &[Diagnostic], code: &str) -> (String, Vec<Applied>) {
    apply_where(text, diagnostics, |d| d.code == code)
}

/// The most rounds of [`fix_safe`]: a fix can bring out a mistake the one
/// before it hid (`plank hold 30s, 3 sets`: the comma, then the sets).
const MAX_FIX_ROUNDS: usize = 8;

/// Makes every safe fix ([`diagnostic::Fix::safe`]): the rewrites that only
/// put what the teacher wrote the way ybc reads it (`30 seconds` → `30s`,
/// `child's pose` → `childs-pose`, `warm up:` → `warmup:`), compiling again
/// after each round, until none is left. Returns the new text and what was
/// changed (lines are those of the text each round read). Fixes that guess or
/// change the class are left for the teacher.
pub fn fix_safe(text: &str, catalog: &Arc<Catalog>, settings: &check::Settings) -> (String, Vec<Applied>) {
    let mut text = text.to_owned();
    let mut applied = Vec::new();
    for _ in 0..MAX_FIX_ROUNDS {
        let compiled = compile_with(&text, catalog, settings);
        let (fixed, made) = apply_where(&text, &compiled.diagnostics, |d| d.fix.as_ref().is_some_and(|f| f.safe));
        if made.is_empty() || fixed == text {
            break;
        }
        text = fixed;
        applied.extend(made);
    }
    (text, applied)
}

/// Applies the fixes of the diagnostics `keep` picks, as [`apply_fixes`] does.
fn apply_where(text: &str, diagnostics: &[Diagnostic], keep: impl Fn(&Diagnostic) -> bool) -> (String, Vec<Applied>) {
    let edits = diagnostics
        .iter()
        .filter(|d| keep(d))
        .filter_map(|d| {
            let fix = d.fix.as_ref()?;
            let reason = match &d.help {
                Some(help) => format!("{} {}", d.message, help),
                None => d.message.clone(),
            };
            Some(Edit { span: fix.span, replacement: fix.replacement.clone(), reason })
        })
        .collect();
    apply_edits(text, edits)
}

/// One edit of a routine's text, and why.
pub(crate) struct Edit {
    pub(crate) span: span::Span,
    pub(crate) replacement: String,
    pub(crate) reason: String,
}

/// Makes `edits`, last first so that earlier spans stay valid; an edit that
/// overlaps one already made, or that does not fall on the text's character
/// boundaries, is skipped. Lines are those of `text`.
pub(crate) fn apply_edits(text: &str, mut edits: Vec<Edit>) -> (String, Vec<Applied>) {
    let lines = span::LineIndex::new(text);
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = text.to_owned();
    let mut applied = Vec::new();
    let mut limit = usize::MAX;
    for edit in edits.into_iter().rev() {
        if edit.span.end > limit
            || edit.span.end > out.len()
            || !out.is_char_boundary(edit.span.start)
            || !out.is_char_boundary(edit.span.end)
        {
            continue;
        }
        let before = out.get(edit.span.start..edit.span.end).unwrap_or("").to_owned();
        out.replace_range(edit.span.start..edit.span.end, &edit.replacement);
        limit = edit.span.start;
        applied.push(Applied {
            line: lines.line(edit.span.start),
            before,
            after: edit.replacement,
            reason: edit.reason,
        });
    }
    applied.reverse();
    (out, applied)
}

/// Parses and resolves a studio's catalog file (`pose` lines only): its
/// `routine.catalog` is `base` with the file's valid poses added, and its
/// diagnostics are the file's mistakes. Nothing is planned or checked by the
/// rules: a catalog is not a class.
pub fn compile_catalog(text: &str, base: &Arc<Catalog>) -> Compiled {
    let parsed = syntax::parse(text);
    let mut diagnostics = parsed.diagnostics;
    let mut unlisted = parsed.unlisted;
    let (routine, found) = resolve::resolve(&parsed.document, base, Purpose::Catalog);
    let (more, unlisted_more) = found.into_parts();
    diagnostics.extend(more);
    unlisted.merge(unlisted_more);
    let kept = unlisted.clone();
    diagnostic::list(&mut diagnostics, unlisted);
    Compiled { document: parsed.document, routine, plan: None, diagnostics, unlisted: kept }
}

/// Reads a studio's catalog file (`pose` lines only) and returns the catalog
/// with its poses added, or the diagnostics that stop it from loading.
pub fn load_catalog(text: &str, base: &Arc<Catalog>) -> Result<Arc<Catalog>, Vec<Diagnostic>> {
    let compiled = compile_catalog(text, base);
    if compiled.has_errors() {
        return Err(compiled.diagnostics);
    }
    Ok(compiled.routine.catalog)
}
