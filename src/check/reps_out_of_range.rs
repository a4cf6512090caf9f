//! `reps-out-of-range`: reps per set outside the pose's recommended range, or past 20.

use super::dose::source_of;
use super::{Check, Context, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};
use crate::syntax::Range;

/// The most slow reps in one set, for any pose.
const MAX_REPS: u32 = 20;

/// The rule.
pub const RULE: Rule = Rule {
    info: RuleInfo {
        name: "reps-out-of-range",
        default: Severity::Warning,
        summary: "reps per set outside the pose's recommended range, or more than 20",
        explanation: "Each pose in the catalog has a recommended number of reps per set (band rows 8-15, locust lifts \
5-8). Far fewer and the set does little; far more and slow, controlled reps turn into fast, sloppy ones, usually with \
shrugging or a low back doing the work. Whatever the pose, the upper-back strengthening guide puts strength work at 8-20 slow reps per \
set, so more than 20 is always reported. For more work, add a set instead.",
        source: "The upper-back strengthening guide, \"Benefits\" (8-20 slow reps per set) and \"Sets, reps, timing\"; each pose's dose in \
the catalog.",
        example: "strength:\n  band-row 25 reps x2 rest 45s\n",
        fixed: "strength:\n  band-row 12 reps x3 rest 45s\n",
    },
    check: Check::Routine(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // A pose inside a sequence has the sequence's breaths, not a dose of the step's.
    for info in context.steps().iter().filter(|info| info.within.is_none()) {
        let Some(reps) = &info.step.dose.reps else { continue };
        let pose = info.pose;
        // A studio's pose may ask for more than 20 reps; the 20 still holds.
        let (low, high) = match pose.reps {
            Some(r) if r.min <= MAX_REPS => (r.min, r.max.min(MAX_REPS)),
            _ => (1, MAX_REPS),
        };
        if reps.value.max <= high && reps.value.min >= low {
            continue;
        }
        let written = count(reps.value);
        // The pose's own range where it says what is wrong; past 20, the 20 does.
        let own = pose.reps.map(|r| {
            format!("{}'s recommended {} ({})", pose.english, count(Range { min: r.min, max: r.max }), source_of(pose))
        });
        let most =
            format!("the {MAX_REPS} slow reps the upper-back strengthening guide suggests as the most for one set");
        let recommended = match (own, pose.reps) {
            (Some(own), Some(r)) if reps.value.min < low || r.max <= MAX_REPS => own,
            _ => most,
        };
        let (message, label, help) = if reps.value.max > high {
            (
                format!("{written} reps per set is more than {recommended}."),
                format!("more than {high}"),
                format!("Do at most {high} per set (`{high} reps`), and add a set for more work."),
            )
        } else if reps.value.min < low {
            (
                format!("{written} reps per set is fewer than {recommended}."),
                format!("fewer than {low}"),
                format!("Do at least {low} per set: `{low} reps`."),
            )
        } else {
            continue;
        };
        let fixed = count(Range { min: reps.value.min.clamp(low, high), max: reps.value.max.clamp(low, high) });
        out.push(
            Diagnostic::new(Severity::Warning, RULE.info.name, reps.span, message)
                .with_label(label)
                .with_help(help)
                .with_fix(reps.span, fixed),
        );
    }
}

/// A count as written: `8` or `8-12`.
fn count(range: Range) -> String {
    if range.is_exact() { range.min.to_string() } else { format!("{}-{}", range.min, range.max) }
}
