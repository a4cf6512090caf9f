//! `hold-too-long`: a hold past the pose's recommended range.
//!
//! The hold itself is found here for `hold-too-short` too.

use super::{Check, Context, Rule, RuleInfo};
use crate::catalog::{Bounds, Pose};
use crate::diagnostic::{Diagnostic, Severity};
use crate::resolve::format_seconds;
use crate::routine::Step;
use crate::syntax::{Range, Spanned};

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
does the hold of each rep (`bridge 3 reps hold 30-45s`).",
        source: "Seed article, \"Sets, reps, timing\" (Option A: 3-5 rounds of 20-45 second holds) and each pose's \
dose in the catalog.",
        example: "strength:\n  locust hold 60s x3 rest 45s\n",
        fixed: "strength:\n  locust hold 30-45s x3 rest 45s\n",
    },
    check: Check::Routine(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for info in context.steps() {
        let Some((hold, range)) = hold_of(info.step, info.pose) else { continue };
        let value = hold.value;
        if value.max <= range.max {
            continue;
        }
        let recommended =
            format!("{}'s recommended {} ({})", info.pose.english, seconds(range.min, range.max), source_of(info.pose));
        let severity = if value.max > range.max.saturating_mul(2) { Severity::Error } else { Severity::Warning };
        let message = match (severity, value.is_exact()) {
            (Severity::Error, _) => {
                format!("This hold runs to {}, more than twice {recommended}.", format_seconds(value.max))
            }
            (_, true) => format!("A {} hold is longer than {recommended}.", format_seconds(value.max)),
            (_, false) => format!("This hold runs to {}, longer than {recommended}.", format_seconds(value.max)),
        };
        let fixed = seconds(value.min.min(range.max), range.max);
        let mut help = format!("Shorten it to `{}`", written(info.step, &fixed));
        if severity == Severity::Error {
            help.push_str(" (and check the number and the unit)");
        }
        help.push_str(&format!("; `ybc explain {}` shows where the range comes from.", info.pose.id));
        let label = if severity == Severity::Error {
            format!("more than twice {}", format_seconds(range.max))
        } else {
            format!("longer than {}", format_seconds(range.max))
        };
        out.push(
            Diagnostic::new(severity, RULE.info.name, hold.span, message)
                .with_label(label)
                .with_help(help)
                .with_fix(hold.span, fixed),
        );
    }
}

/// The step's hold and the pose's recommended hold: `hold …`, or a bare length
/// on a pose that is held rather than moved (it has a hold range and no duration range).
pub(super) fn hold_of<'a>(step: &'a Step, pose: &Pose) -> Option<(&'a Spanned<Range>, Bounds)> {
    let range = pose.hold?;
    if let Some(hold) = &step.dose.hold {
        return Some((hold, range));
    }
    match &step.dose.work {
        Some(work) if pose.duration.is_none() => Some((work, range)),
        _ => None,
    }
}

/// The hold as written on the step: `hold 45s`, or a bare `2m`.
pub(super) fn written(step: &Step, value: &str) -> String {
    if step.dose.hold.is_some() { format!("hold {value}") } else { value.to_owned() }
}

/// A range of seconds as a teacher writes it: `20s`, `20-30s`, `30-60s`, `30s-2m`, `1-2m`.
pub(super) fn seconds(min: u32, max: u32) -> String {
    if min == max {
        format_seconds(min)
    } else if min.is_multiple_of(60) && max.is_multiple_of(60) {
        format!("{}-{}m", min / 60, max / 60)
    } else if max <= 90 {
        format!("{min}-{max}s")
    } else {
        format!("{}-{}", format_seconds(min), format_seconds(max))
    }
}

/// Where a pose's dose comes from, in a few words.
pub(super) fn source_of(pose: &Pose) -> &'static str {
    let source = pose.source.trim_start().to_ascii_lowercase();
    if source.starts_with("seed") {
        "seed article"
    } else if source.starts_with("general teaching practice") {
        "general teaching practice"
    } else if source.starts_with("defined by the teacher") {
        "from its `pose` line"
    } else {
        "catalog"
    }
}
