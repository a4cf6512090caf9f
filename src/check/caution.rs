//! `caution`: a pose the catalog says to teach with care for a condition in the room.

use super::{Check, Context, Rule, RuleInfo};
use crate::catalog::Severity as Strength;
use crate::diagnostic::{Diagnostic, Severity};

/// The rule.
pub const RULE: Rule = Rule {
    info: RuleInfo {
        name: "caution",
        default: Severity::Warning,
        summary: "a pose to teach with care for a condition in the audience, with the modification to offer",
        explanation: "Many poses are fine for people with a condition only when taught with a modification: with low \
back pain, press the pubic bone down and lower the lift in locust, or put a bolster under the pelvis. When the \
routine's `audience` (or the configured audience) names such a condition, ybc reminds you of the modification for each \
pose the catalog marks \"caution\" for it. A step that uses the prop that makes the modification (`with bolster`) is \
fine. Hold limits for uncontrolled high blood pressure are checked by `breath-holding-risk` instead.",
        source: "The upper-back strengthening guide, \"Key safety considerations and common contraindications\" and \"Practical \
modifications by limitation\".",
        example: "audience low-back-pain\nstrength:\n  locust hold 20-30s x3 rest 30s\n",
        fixed: "audience low-back-pain\nstrength:\n  locust hold 20-30s x3 rest 30s with bolster \"bolster under the pelvis\"\n",
    },
    check: Check::Routine(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    super::audience::findings(context, Strength::Caution, RULE.info.name, RULE.info.default, out);
}
