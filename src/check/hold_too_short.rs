//! `hold-too-short`: a hold shorter than the pose's recommended range.

use super::dose::{breaths_note, breaths_of, hold_of, source_of, written};
use super::{Check, Context, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};
use crate::syntax::Range;
use crate::vocabulary::{breaths_range, written_range, written_seconds};

/// The rule.
pub const RULE: Rule = Rule {
    info: RuleInfo {
        name: "hold-too-short",
        default: Severity::Info,
        summary: "a hold shorter than the pose's recommended range",
        explanation: "A hold much shorter than the pose's recommended range (locust 15-45 s, child's pose 30 s or \
more) gives the muscles little time to work, or the body little time to settle. It is not unsafe, so ybc mentions it \
as information: shorter holds are a fair regression (the upper-back strengthening guide shortens holds to 5-10 s for some students). The \
short pause at the top of each rep (`locust 8 reps hold 3s`) is not a static hold and is not checked. A hold counted in breaths (`locust hold 5 breaths`) is judged by the seconds \
the breaths take at the routine's breath length: 4-6 s a breath unless a `breath` line says otherwise, so five \
breaths are 20-30 s.",
        source: "The upper-back strengthening guide, \"Sets, reps, timing\" and \"Regressions, progressions\"; each pose's dose in the catalog.",
        example: "strength:\n  locust hold 10s x3 rest 30s\n",
        fixed: "strength:\n  locust hold 15-20s x3 rest 30s\n",
    },
    check: Check::Routine(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // A pose inside a sequence has the sequence's breaths, not a dose of the step's.
    for info in context.steps().iter().filter(|info| info.within.is_none()) {
        if info.step.dose.reps.is_some() {
            continue;
        }
        let Some((hold, range)) = hold_of(info.step, info.pose) else { continue };
        let value = hold.value;
        if value.min >= range.min {
            continue;
        }
        let recommended = format!(
            "{}'s recommended {} ({})",
            info.pose.english,
            written_range(Range { min: range.min, max: range.max }),
            source_of(info.pose)
        );
        let breath = context.routine.meta.breath_length();
        let note = breaths_note(info.step, breath);
        let message = if value.is_exact() && note.is_empty() {
            format!("A {} hold is shorter than {recommended}.", written_seconds(value.min))
        } else {
            format!("This hold starts at {}{note}, shorter than {recommended}.", written_seconds(value.min))
        };
        // In breaths when the step counts breaths: enough to reach the range.
        let fixed = match breaths_of(info.step) {
            Some(breaths) => {
                let least = range.min.div_ceil(breath.min.max(1)).max(1);
                breaths_range(Range { min: least, max: breaths.max.max(least) })
            }
            None => written_range(Range { min: range.min, max: value.max.max(range.min) }),
        };
        out.push(
            Diagnostic::new(Severity::Info, RULE.info.name, hold.span, message)
                .with_label(format!("shorter than {}", written_seconds(range.min)))
                .with_help(format!(
                    "Hold for at least {} (`{}`); a shorter hold is fine as a deliberate regression.",
                    written_seconds(range.min),
                    written(info.step, &fixed)
                ))
                .with_fix(hold.span, fixed),
        );
    }
}
