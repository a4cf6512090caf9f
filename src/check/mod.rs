//! Check: the rules a careful teacher applies to a resolved routine.
//!
//! A rule is one small unit in its own file: its metadata (name, default
//! level, explanation) and a function that reads the routine and its plan and
//! reports what it finds. [`RULES`] is the one registry; adding a rule touches
//! no other rule.

mod missing_dose;

use crate::diagnostic::{Diagnostic, Severity};
use crate::plan::Plan;
use crate::routine::Routine;

/// What a rule is, for `ybc rules`, `ybc explain` and the generated docs.
#[derive(Debug, Clone, Copy)]
pub struct RuleInfo {
    /// Stable kebab-case name.
    pub name: &'static str,
    /// The level it reports at unless configured otherwise.
    pub default: Severity,
    /// One line: what it catches.
    pub summary: &'static str,
    /// Why it matters, and where the guidance comes from.
    pub explanation: &'static str,
    /// A routine that triggers it.
    pub example: &'static str,
    /// The same routine, fixed.
    pub fixed: &'static str,
}

/// What a rule reads.
pub struct Context<'a> {
    /// The routine.
    pub routine: &'a Routine,
    /// Its plan, when it could be made.
    pub plan: Option<&'a Plan>,
}

/// A rule: its metadata and its check.
pub struct Rule {
    /// Metadata.
    pub info: RuleInfo,
    /// Reports what the rule finds, at the rule's default level.
    pub check: fn(&Context<'_>, &mut Vec<Diagnostic>),
}

/// Every rule, in the order they are documented.
pub static RULES: &[Rule] = &[missing_dose::RULE];

/// Looks a rule up by name.
pub fn rule(name: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.info.name == name)
}

/// Runs every rule over a routine.
pub fn run(context: &Context<'_>) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for rule in RULES {
        (rule.check)(context, &mut diagnostics);
    }
    diagnostics
}
