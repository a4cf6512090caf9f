//! ybc: a compiler for plain-text yoga routines.
//!
//! Data flows one way: source text → [`syntax`] (a document with spans) →
//! [`resolve`] (a [`routine::Routine`] with every name looked up) → [`check`]
//! (diagnostics) and [`plan`] (a timed timeline) → [`emit`] (JSON for players).
//! Nothing in the library prints; the `ybc` binary does.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod catalog;
pub mod check;
pub mod config;
pub mod diagnostic;
pub mod emit;
pub mod plan;
pub mod report;
pub mod resolve;
pub mod routine;
pub mod source;
pub mod span;
pub mod syntax;
pub mod write;

use std::sync::Arc;

use catalog::Catalog;
use diagnostic::{Diagnostic, Severity};
use plan::Plan;
use resolve::Purpose;
use routine::Routine;

/// A routine taken through every stage up to its plan.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// The syntax tree.
    pub document: syntax::Document,
    /// The resolved routine (steps that could not be resolved are left out).
    pub routine: Routine,
    /// The plan, when the routine expands to a reasonable timeline.
    pub plan: Option<Plan>,
    /// Every diagnostic, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Compiled {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }
}

/// Parses, resolves, plans and checks a routine's text with default settings.
pub fn compile(text: &str, catalog: &Arc<Catalog>) -> Compiled {
    compile_with(text, catalog, &config::Settings::default())
}

/// Parses, resolves, plans and checks a routine's text with the given settings.
pub fn compile_with(text: &str, catalog: &Arc<Catalog>, settings: &config::Settings) -> Compiled {
    let parsed = syntax::parse(text);
    let mut diagnostics = parsed.diagnostics;
    let (routine, resolve_diagnostics) = resolve::resolve(&parsed.document, catalog, Purpose::Routine);
    diagnostics.extend(resolve_diagnostics);
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
    diagnostics.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(b.severity.cmp(&a.severity)));
    Compiled { document: parsed.document, routine, plan, diagnostics }
}

/// Reads a studio's catalog file (`pose` lines only) and returns the catalog
/// with its poses added, or the diagnostics that stop it from loading.
pub fn load_catalog(text: &str, base: &Arc<Catalog>) -> Result<Arc<Catalog>, Vec<Diagnostic>> {
    let parsed = syntax::parse(text);
    let mut diagnostics = parsed.diagnostics;
    let (routine, more) = resolve::resolve(&parsed.document, base, Purpose::Catalog);
    diagnostics.extend(more);
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return Err(diagnostics);
    }
    Ok(routine.catalog)
}
