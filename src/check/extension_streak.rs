//! `extension-streak`: more than three backbends in a row with nothing to counter them.

use super::{Check, Context, Rule, RuleInfo};
use crate::catalog::Spine;
use crate::diagnostic::{Diagnostic, Severity};

/// The most spinal-extension steps in a row before a counter-pose is due.
const MAX_STREAK: usize = 3;

/// The rule.
pub const RULE: Rule = Rule {
    info: RuleInfo {
        name: "extension-streak",
        default: Severity::Warning,
        summary: "more than three spinal-extension poses in a row with no counter-pose",
        explanation: "Prone lifts and backbends (locust, sphinx, cobra, prone Y, bridge, puppy) all arch the spine. \
One after another, the low back ends up doing the arching the upper back can no longer do, and it tires and pinches. \
A neutral, rounding or twisting pose between them (child's pose, a few breaths in tabletop, a twist) lets the back \
recover. ybc counts extension poses in the order they are written; rest steps don't count as a counter-pose, any \
other pose does. It reports the fourth extension pose in a row.",
        source: "General teaching practice (counter-poses after backbends); the upper-back strengthening guide alternates \
\"strength-focused lifts with mobility holds\", and its first correction for locust is for an aching low back.",
        example: "strength:\n  sphinx hold 30s\n  locust hold 20-30s x3 rest 30s\n  prone-y 10 reps\n  \
bridge 3 reps hold 30s\n",
        fixed: "strength:\n  sphinx hold 30s\n  locust hold 20-30s x3 rest 30s\n  childs-pose 30s\n  \
prone-y 10 reps\n  bridge 3 reps hold 30s\n",
    },
    check: Check::Routine(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let steps = context.steps();
    let mut streak = 0;
    for (i, info) in steps.iter().enumerate() {
        if info.pose.spine != Spine::Extension {
            streak = 0;
            continue;
        }
        streak += 1;
        if streak != MAX_STREAK + 1 {
            continue;
        }
        // The streak is the last `streak` steps up to `i`, so the range is in bounds and not empty.
        let Some(run @ [first, ..]) = steps.get(i + 1 - streak..=i) else { continue };
        let names: Vec<String> = run.iter().map(|s| format!("`{}`", s.step.name.value)).collect();
        out.push(
            Diagnostic::new(
                Severity::Warning,
                RULE.info.name,
                info.step.name.span,
                format!(
                    "This is the fourth backbend in a row ({}), with nothing in between to let the low back recover.",
                    names.join(", ")
                ),
            )
            .with_label("the fourth in a row")
            .with_related(first.step.name.span, "the run starts here")
            .with_help(format!(
                "Put a counter-pose before `{}`, such as `childs-pose 30s`, or a neutral or twisting pose.",
                info.step.name.value
            )),
        );
    }
}
