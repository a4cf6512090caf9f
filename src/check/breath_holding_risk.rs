//! `breath-holding-risk`: long static strength holds with uncontrolled high blood pressure in the room.

use super::audience::{someone_with, unique_audience, with_audience_label};
use super::{Check, Context, Rule, RuleInfo};
use crate::catalog::Focus;
use crate::diagnostic::{Diagnostic, Severity};
use crate::syntax::Range;
use crate::vocabulary::{written_range, written_seconds};

/// The condition this rule is about.
const CONDITION: &str = "high-blood-pressure";
/// The longest static strength hold when the catalog gives no limit for the pose.
const DEFAULT_LIMIT: u32 = 20;

/// The rule.
pub const RULE: Rule = Rule {
    info: RuleInfo {
        name: "breath-holding-risk",
        default: Severity::Warning,
        summary: "a long static strength hold with uncontrolled high blood pressure in the audience",
        explanation: "Long, intense isometric holds invite breath-holding and strain, and both push blood pressure up. \
With `high-blood-pressure` in the audience, ybc reports static holds of strength poses (including the hold of each \
rep) that run past the pose's limit in the catalog (locust 20 s, bridge 30 s), or past 20 s for a strength pose with \
no limit of its own. Slow lifts with a steady breath (`locust 8 reps tempo 4-0-4`) are the better choice.",
        source: "The upper-back strengthening guide, \"Key safety considerations\" (uncontrolled high blood pressure: avoid breath-holding, \
intense isometrics or large Valsalva-like efforts) and \"Practical modifications by limitation\" (shorten holds, slow \
breathing, avoid intense squeezes); the 20 s limit is a judgement at the low end of the guide's 20-45 s holds.",
        example: "audience high-blood-pressure\nstrength:\n  locust hold 30-45s x3 rest 45s\n",
        fixed: "audience high-blood-pressure\nstrength:\n  locust hold 15-20s x3 rest 45s \"breathe slowly throughout\"\n",
    },
    check: Check::Routine(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(condition) = unique_audience(context).into_iter().find(|c| c.value == CONDITION) else { return };
    // A pose inside a sequence has the sequence's breaths, not a dose of the step's.
    for info in context.steps().iter().filter(|info| info.within.is_none()) {
        let Some(hold) = &info.step.dose.hold else { continue };
        let pose = info.pose;
        let contraindication = pose.contraindications.iter().find(|c| c.condition == CONDITION);
        let limit = match (contraindication.and_then(|c| c.max_hold), pose.focus) {
            (Some(limit), Focus::Strength | Focus::Both) => limit,
            (None, Focus::Strength) => DEFAULT_LIMIT,
            _ => continue,
        };
        if hold.value.max <= limit {
            continue;
        }
        let shown = if hold.value.is_exact() {
            format!("A {} {} hold", written_seconds(hold.value.max), pose.english)
        } else {
            format!("A {} hold of up to {}", pose.english, written_seconds(hold.value.max))
        };
        let reason = contraindication.map_or_else(
            || "long, intense isometric holds and breath-holding push blood pressure up.".to_owned(),
            |c| crate::vocabulary::lower_first(&c.reason),
        );
        let message = format!(
            "{shown} is past the {} limit for {}: {reason}",
            written_seconds(limit),
            someone_with(context, CONDITION)
        );
        let fixed = written_range(Range { min: hold.value.min.min(limit), max: limit });
        let mut help = format!("Shorten it to `hold {fixed}` and keep a steady breath");
        if let (Some(reps), None, Focus::Strength) = (pose.reps, &info.step.dose.reps, pose.focus) {
            help.push_str(&format!(
                ", or switch to slow lifts (`{} {} reps tempo 4-0-4`)",
                info.step.name.value, reps.max
            ));
        }
        help.push('.');
        let diagnostic = Diagnostic::new(Severity::Warning, RULE.info.name, hold.span, message)
            .with_label(format!("longer than {}", written_seconds(limit)))
            .with_help(help)
            .with_fix(hold.span, fixed);
        out.push(with_audience_label(diagnostic, &condition));
    }
}
