//! `missing-warmup`: strength work before anything has warmed up the upper back.
//!
//! Also home to the sequencing rules' shared reading of a step: what counts as
//! strength work and what counts as warm-up or mobility work.

use super::{Check, Context, Rule, RuleInfo, is_strength_work, is_warmup_work};
use crate::catalog::Focus;
use crate::diagnostic::{Diagnostic, Severity};

/// The rule.
pub const RULE: Rule = Rule {
    info: RuleInfo {
        name: "missing-warmup",
        default: Severity::Warning,
        summary: "strength work before any warm-up or mobility work",
        explanation: "Loading a cold upper back asks stiff thoracic joints and sleepy shoulder-blade muscles to \
work hard before they move well, and the class compensates by shrugging or arching the low back. The upper-back strengthening guide \
opens every routine with movement that primes mobility and blood flow: cat-cow with long arm reaches, thread the \
needle, scapular circles. ybc reports the first strength step that comes before any `warmup` or `mobility` section \
and before any mobility pose.",
        source: "The upper-back strengthening guide, \"Warm-up: open the thoracic spine and shoulders\" and \"Micro-session integration\" \
(start with thoracic mobility).",
        example: "strength:\n  locust hold 20-30s x3 rest 30s\ncooldown:\n  childs-pose 1m\n",
        fixed: "warmup:\n  cat-cow 8 reps\nstrength:\n  locust hold 20-30s x3 rest 30s\ncooldown:\n  childs-pose 1m\n",
    },
    check: Check::Routine(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let steps = context.steps();
    for (i, info) in steps.iter().enumerate() {
        if is_warmup_work(info) {
            return;
        }
        if !is_strength_work(info) {
            continue;
        }
        let name = &info.step.name.value;
        let mut diagnostic = Diagnostic::new(
            Severity::Warning,
            RULE.info.name,
            info.step.name.span,
            format!("`{name}` loads the upper back before anything has warmed it up."),
        )
        .with_label("strength work with no warm-up before it")
        .with_help("Start with thoracic mobility, for example a `warmup:` section with `cat-cow 8 reps`.");
        // A warm-up written after the strength work: point at it, so it can move up.
        let late = steps.iter().skip(i + 1).find(|s| match s.section {
            Some(kind) => kind.warms_up(),
            None => s.pose.focus == Focus::Mobility,
        });
        if let Some(late) = late {
            diagnostic = diagnostic.with_related(late.step.name.span, "the warm-up comes only here");
        }
        out.push(diagnostic);
        return;
    }
}
