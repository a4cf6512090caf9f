//! `hold-too-long`: a hold past the pose's recommended range.
//!
//! The hold is found with `check::dose`, as `hold-too-short` finds it.

use super::dose::{breaths_note, breaths_of, hold_of, source_of, written};
use super::{Check, Context, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};
use crate::syntax::Range;
use crate::vocabulary::{breaths_range, written_range, written_seconds};

/// The rule.
pub const RULE: Rule = Rule {
    info: RuleInfo {
        name: "hold-too-long",
        default: Severity::Warning,
        summary: "a hold longer than the pose's recommended range; more than twice its maximum is an error",
        explanation: "Each pose in the catalog has a recommended hold: locust 15-45 s, sphinx 30-60 s. Past it, form \
fades (the low back takes over, the shoulders creep up, the breath gets held) and the hold stops training what it is \
meant to. More than twice the longest recommended hold is reported as an error: it is more often a typo (`2m` for \
`20s`) than a plan. A bare length on a pose that is held rather than moved (`childs-pose 1m`) counts as a hold, and so \
does the hold of each rep (`bridge 3 reps hold 30-45s`). A hold counted in breaths (`locust hold 5 breaths`) is judged by the seconds \
the breaths take at the routine's breath length: 4-6 s a breath unless a `breath` line says otherwise, so five \
breaths are 20-30 s.",
        source: "The upper-back strengthening guide, \"Sets, reps, timing\" (Option A: 3-5 rounds of 20-45 second holds) and each pose's \
dose in the catalog.",
        example: "strength:\n  locust hold 60s x3 rest 45s\n",
        fixed: "strength:\n  locust hold 30-45s x3 rest 45s\n",
    },
    check: Check::Routine(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // A pose inside a sequence has the sequence's breaths, not a dose of the step's.
    for info in context.steps().iter().filter(|info| info.within.is_none()) {
        let Some((hold, range)) = hold_of(info.step, info.pose) else { continue };
        let value = hold.value;
        if value.max <= range.max {
            continue;
        }
        let recommended = format!(
            "{}'s recommended {} ({})",
            info.pose.english,
            written_range(Range { min: range.min, max: range.max }),
            source_of(info.pose)
        );
        let severity = if value.max > range.max.saturating_mul(2) { Severity::Error } else { Severity::Warning };
        let breath = context.routine.meta.breath_length();
        let note = breaths_note(info.step, breath);
        let message = match (severity, value.is_exact() && note.is_empty()) {
            (Severity::Error, _) => {
                format!("This hold runs to {}{note}, more than twice {recommended}.", written_seconds(value.max))
            }
            (_, true) => format!("A {} hold is longer than {recommended}.", written_seconds(value.max)),
            (_, false) => {
                format!("This hold runs to {}{note}, longer than {recommended}.", written_seconds(value.max))
            }
        };
        // In breaths when the step counts breaths: as many as fit in the range.
        let fixed = match breaths_of(info.step) {
            Some(breaths) => {
                let most = (range.max / breath.max.max(1)).max(1);
                breaths_range(Range { min: breaths.min.min(most), max: most })
            }
            None => written_range(Range { min: value.min.min(range.max), max: range.max }),
        };
        let mut help = format!("Shorten it to `{}`", written(info.step, &fixed));
        if severity == Severity::Error {
            help.push_str(" (and check the number and the unit)");
        }
        help.push_str(&format!("; `ybc explain {}` shows where the range comes from.", info.pose.id));
        let label = if severity == Severity::Error {
            format!("more than twice {}", written_seconds(range.max))
        } else {
            format!("longer than {}", written_seconds(range.max))
        };
        out.push(
            Diagnostic::new(severity, RULE.info.name, hold.span, message)
                .with_label(label)
                .with_help(help)
                .with_fix(hold.span, fixed),
        );
    }
}
