//! `missing-warmup`: strength work before anything has warmed the body up.

use super::peak::Peak;
use super::{Check, Context, Rule, RuleInfo, is_strength_work, is_warmup_work};
use crate::catalog::{Focus, Pose, Property};
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
needle, scapular circles. The same holds for the rest of the body: a balance on one leg, a plank or a boat asks \
for full effort, which is what a warm-up prepares the class for. ybc reports the first \
strength step that comes before any `warmup`, `mobility` or `flow` section and before any mobility pose, and \
says what the pose works: the upper back for the guide's lifts and rows, otherwise the work the pose asks for. \
Peak poses (inversions, arm balances, deep backbends, deep hip openers) before the warm-up are reported by \
`peak-before-warmup` instead, and they never count as the warm-up.",
        source: "The upper-back strengthening guide, \"Warm-up: open the thoracic spine and shoulders\" and \"Micro-session integration\" \
(start with thoracic mobility); general teaching practice for the other strength poses (a class warms up before \
it works hard).",
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
        // Peak poses before the warm-up are `peak-before-warmup`'s to report.
        if !is_strength_work(info) || Peak::of(info.pose).is_some() {
            continue;
        }
        let name = &info.step.name.value;
        let (message, help) = match Work::of(info.pose) {
            Work::UpperBack => (
                format!("`{name}` loads the upper back before anything has warmed it up."),
                "Start with thoracic mobility, for example a `warmup:` section with `cat-cow 8 reps`.",
            ),
            Work::Body(does) => (
                format!("`{name}` {does}, and nothing before it has warmed the body up."),
                "Start with a warm-up that moves the whole body, for example a `warmup:` section with \
`cat-cow 8 reps` and `low-lunge hold 30s each side`.",
            ),
        };
        let mut diagnostic = Diagnostic::new(Severity::Warning, RULE.info.name, info.step.name.span, message)
            .with_label("strength work with no warm-up before it")
            .with_help(help);
        // A warm-up written after the strength work: point at it, so it can move up.
        let late = steps.iter().skip(i + 1).find(|s| {
            let warms = match s.section {
                Some(kind) => kind.warms_up(),
                None => s.pose.focus == Focus::Mobility,
            };
            warms && Peak::of(s.pose).is_none()
        });
        if let Some(late) = late {
            diagnostic = diagnostic.with_related(late.step.name.span, "the warm-up comes only here");
        }
        out.push(diagnostic);
        return;
    }
}

/// What a strength pose works hard, for the message: the upper back for the
/// guide's lifts and rows, otherwise the work the pose's properties name.
enum Work {
    /// Upper-back work: the guide's prone lifts, rows and pull-aparts, and
    /// anything else that loads the shoulders.
    UpperBack,
    /// Work for the whole body: "balances on one leg".
    Body(&'static str),
}

impl Work {
    fn of(pose: &Pose) -> Self {
        if pose.has(Property::OneLegBalance) {
            Work::Body("balances on one leg")
        } else if pose.has(Property::DeepCore) {
            Work::Body("asks for strong core work")
        } else if pose.has(Property::WeightOnWrists) || pose.has(Property::BentArmLoad) {
            Work::Body("puts body weight on the hands and shoulders")
        } else if (pose.has(Property::Prone) && pose.has(Property::SpineExtension))
            || pose.has(Property::LoadsShoulders)
        {
            Work::UpperBack
        } else {
            Work::Body("is strength work")
        }
    }
}
