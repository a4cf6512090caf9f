//! `no-mobility-pairing`: strength work with no mobility or chest opening anywhere.

use super::is_strength_work;
use super::{Check, Context, Rule, RuleInfo};
use crate::catalog::Focus;
use crate::diagnostic::{Diagnostic, Severity};

/// The rule.
pub const RULE: Rule = Rule {
    info: RuleInfo {
        name: "no-mobility-pairing",
        default: Severity::Warning,
        summary: "strength work with no thoracic mobility or chest-opening work anywhere in the routine",
        explanation: "Strengthening the upper back only pays off when the thoracic spine and the front of the chest \
can move: a tight chest keeps pulling the shoulders forward against the newly strong back, and the gains never show \
up as posture. The upper-back strengthening guide's first practical tip is to pair strengthening with thoracic mobility and \
chest-opening stretches, and every one of its sample routines does. ybc looks for at least one mobility pose (or one \
that trains both strength and mobility) or chest opener anywhere in a routine that has strength work.",
        source: "The upper-back strengthening guide, \"Quick practical tips you can use today\" (pair strengthening with thoracic mobility \
and chest-opening stretches) and \"Complementary mobility work\".",
        example: "strength:\n  locust hold 20-30s x3 rest 30s\n  band-row 12 reps x3 rest 45s\n",
        fixed: "warmup:\n  cat-cow 8 reps\nstrength:\n  locust hold 20-30s x3 rest 30s\n  band-row 12 reps x3 rest 45s\n\
cooldown:\n  doorway-chest-opener hold 45s each side\n",
    },
    check: Check::Routine(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let steps = context.steps();
    if steps.iter().any(|s| matches!(s.pose.focus, Focus::Mobility | Focus::Both) || s.pose.chest_opener) {
        return;
    }
    let Some(first) = steps.iter().find(|s| is_strength_work(s)) else { return };
    out.push(
        Diagnostic::new(
            Severity::Warning,
            RULE.info.name,
            first.step.name.span,
            "This routine has strength work but never mobilises the thoracic spine or opens the chest.",
        )
        .with_label("strength work starts here, with no mobility anywhere")
        .with_help(
            "Pair it with thoracic mobility and a chest opener, for example `thread-the-needle 6 reps each side` \
in the warm-up and `doorway-chest-opener hold 45s each side` to cool down.",
        ),
    );
}
