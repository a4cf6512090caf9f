//! `peak-before-warmup`: an inversion, arm balance, deep backbend or deep hip
//! opener before anything has warmed the body up.

use super::peak::Peak;
use super::{Check, Context, Rule, RuleInfo, is_warmup_work};
use crate::diagnostic::{Diagnostic, Severity};

/// The rule.
pub const RULE: Rule = Rule {
    info: RuleInfo {
        name: "peak-before-warmup",
        default: Severity::Warning,
        summary: "an inversion, arm balance, deep backbend or deep hip opener before any warm-up",
        explanation: "Peak poses take the body to the end of its range or put its whole weight somewhere new: \
a headstand or shoulder stand on the head and neck, crow on the wrists, camel or wheel to the deepest arch of the \
spine, pigeon or lotus to the deepest turn of the hip. A class builds towards them through easier movement of the \
same joints; met cold, they are where students force the range they do not yet have. ybc reports the first peak \
pose that comes before any warm-up: a pose in a `warmup`, `mobility` or `flow` section, or a mobility pose \
anywhere. A peak pose is one whose catalog entry (or `pose` line) says `inversion`, `arm-balance`, \
`deep-backbend` or `hip-crossing`; a peak pose never counts as the warm-up itself, even in a `warmup` section or \
when it is a mobility pose (camel, pigeon). Strength work before the warm-up is `missing-warmup`'s to report.",
        source: "General teaching practice: a class builds to its peak poses from easier movement of the same joints \
(the same reason the upper-back strengthening guide opens every routine with a warm-up, \"Warm-up: open the \
thoracic spine and shoulders\").",
        example: "peak:\n  camel hold 20s x2 rest 30s\n  childs-pose 1m\n",
        fixed: "warmup:\n  cat-cow 8 reps\n  low-lunge hold 30s each side\npeak:\n  camel hold 20s x2 rest 30s\n  \
childs-pose 1m\n",
    },
    check: Check::Routine(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let steps = context.steps();
    for (i, info) in steps.iter().enumerate() {
        if is_warmup_work(info) {
            return;
        }
        let Some(peak) = Peak::of(info.pose) else { continue };
        let name = &info.step.name.value;
        let mut diagnostic = Diagnostic::new(
            Severity::Warning,
            RULE.info.name,
            info.step.name.span,
            format!("`{name}` is {}, and nothing before it has warmed the body up.", peak.words()),
        )
        .with_label("a peak pose with no warm-up before it")
        .with_help(
            "Warm up first and build towards it, for example a `warmup:` section with `cat-cow 8 reps` and \
`low-lunge hold 30s each side`.",
        );
        // A warm-up written after the peak: point at it, so it can move up.
        if let Some(late) = steps.iter().skip(i + 1).find(|s| is_warmup_work(s)) {
            diagnostic = diagnostic.with_related(late.step.name.span, "the warm-up comes only here");
        }
        out.push(diagnostic);
        return;
    }
}
