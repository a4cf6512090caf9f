//! `missing-dose`: a step that names a pose but says nothing of how much.

use super::{Check, Context, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};
use crate::vocabulary::written_seconds;

/// The rule.
pub const RULE: Rule = Rule {
    info: RuleInfo {
        name: "missing-dose",
        default: Severity::Warning,
        summary: "a step with no hold, reps or duration",
        explanation: "A step that names only a pose leaves the class guessing how long to stay or how many times to move, \
and a timer app cannot run it. ybc plans such a step with the catalog's recommended dose (for example locust's 15-45 s \
hold), and says so, so that the plan's total is not a surprise.",
        source: "The upper-back strengthening guide, \"Sets, reps, timing\": every exercise is given as holds or reps with rest.",
        example: "strength:\n  locust\n",
        fixed: "strength:\n  locust hold 20-30s x3 rest 30s\n",
    },
    check: Check::Routine(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // A pose inside a sequence has the sequence's breaths, not a dose of the step's.
    for info in context.steps().iter().filter(|info| info.within.is_none()) {
        let (step, pose) = (info.step, info.pose);
        if !step.dose.is_empty() || step.dose.invalid {
            continue;
        }
        let (planned, written) = if let Some(hold) = pose.hold {
            (
                format!("recommended hold of {}-{}", written_seconds(hold.min), written_seconds(hold.max)),
                format!("hold {}-{}s", hold.min, hold.max),
            )
        } else if let Some(reps) = pose.reps {
            (format!("recommended {}-{} reps", reps.min, reps.max), format!("{}-{} reps", reps.min, reps.max))
        } else if let Some(d) = pose.duration {
            (
                format!("recommended {}-{}", written_seconds(d.min), written_seconds(d.max)),
                format!("{}-{}s", d.min, d.max),
            )
        } else {
            continue;
        };
        out.push(
            Diagnostic::new(
                Severity::Warning,
                RULE.info.name,
                step.name.span,
                format!("`{}` has no dose; I planned it with the catalog's {planned}.", step.name.value),
            )
            .with_label("no hold, reps or duration")
            .with_help(format!("Say how much, for example `{} {written}`.", step.name.value))
            .with_fix(step.name.span.to(step.name.span), format!("{} {written}", step.name.value)),
        );
    }
}
