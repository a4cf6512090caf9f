//! `missing-relaxation`: a class of 20 minutes or more that does not end
//! with savasana or another relaxation pose.

use super::peak::lying_down;
use super::{Check, Context, Rule, RuleInfo, StepInfo};
use crate::catalog::Focus;
use crate::diagnostic::{Diagnostic, Severity};
use crate::routine::{Item, SectionKind};

/// The shortest planned class that should end in relaxation, in seconds.
const LONG_CLASS: u32 = 20 * 60;

/// The rule.
pub const RULE: Rule = Rule {
    info: RuleInfo {
        name: "missing-relaxation",
        default: Severity::Warning,
        summary: "a class of 20 minutes or more that does not end with savasana or another relaxation pose",
        explanation: "A whole class ends with a few minutes of stillness lying down, savasana, to calm and settle \
body and mind before the class gets up and leaves. ybc reads the plan's \
total: when even its shortest reading is 20 minutes or more, the last pose of the class must be a relaxation pose. \
Rest steps and notes after it don't change which pose is last. A relaxation pose is a rest pose (focus `rest`) \
done lying down, on the back or the belly (savasana, legs up the wall, reclined bound angle, knees to chest), or \
child's pose (any rest pose of the `childs-pose` family); a studio's own pose counts when its `pose` line says \
`focus rest` and `supine` or `prone`. A rest pose in a `relaxation` section (a seated breath or meditation the \
teacher calls the final relaxation) counts too. Savasana's recommended length in the catalog is 2-10 minutes; \
3-5 minutes suits most classes.",
        source: "Harvard Health Publishing, \"Try this: Play dead\" (https://health.harvard.edu/staying-healthy/try-this-play-dead): \
corpse pose (savasana) is a resting supine pose done at the end of a yoga session to help calm and center the body \
and mind; the 20-minute threshold is a judgement: a shorter practice (the upper-back strengthening guide's 10-minute \
routine) may end with a stretch and a few breaths.",
        example: "duration 20m\ncentering:\n  breathing 2m\nwarmup:\n  cat-cow 10 reps\n  \
thread-the-needle 6 reps each side\nstanding:\n  warrior-2 hold 30s each side\n  triangle hold 30s each side\n  \
3 rounds rest 30s:\n    chair hold 30s\n    mountain 30s\nstrength:\n  locust hold 20-30s x3 rest 30s\n  \
bridge 3 reps hold 30s\ncooldown:\n  supine-twist hold 1m each side\n  breathing 5m\n",
        fixed: "duration 20m\ncentering:\n  breathing 2m\nwarmup:\n  cat-cow 10 reps\n  \
thread-the-needle 6 reps each side\nstanding:\n  warrior-2 hold 30s each side\n  triangle hold 30s each side\n  \
3 rounds rest 30s:\n    chair hold 30s\n    mountain 30s\nstrength:\n  locust hold 20-30s x3 rest 30s\n  \
bridge 3 reps hold 30s\ncooldown:\n  supine-twist hold 1m each side\n  breathing 2m\nrelaxation:\n  savasana 3-5m\n",
    },
    check: Check::Routine(check),
};

/// Whether the step is a final relaxation: a rest pose lying down, child's
/// pose, or a rest pose in a `relaxation` section.
fn is_relaxation(info: &StepInfo<'_>) -> bool {
    let pose = info.pose;
    pose.focus == Focus::Rest
        && (lying_down(pose) || pose.family == "childs-pose" || info.section == Some(SectionKind::Relaxation))
}

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(plan) = context.plan else { return };
    if plan.total.min < LONG_CLASS {
        return;
    }
    // Rest steps and notes are not steps here, so the last step is the last pose.
    let Some(last) = context.steps().last() else { return };
    if is_relaxation(last) {
        return;
    }
    let in_sections = context.routine.body.iter().any(|item| matches!(item, Item::Section(_)));
    let help = if last.section == Some(SectionKind::Relaxation) {
        "Add `savasana 3-5m` at the end of the `relaxation` section, lying on the back."
    } else if in_sections {
        "End with a `relaxation:` section holding `savasana 3-5m`, lying on the back."
    } else {
        "End with `savasana 3-5m`, lying on the back."
    };
    out.push(
        Diagnostic::new(
            Severity::Warning,
            RULE.info.name,
            last.step.name.span,
            format!(
                "This class runs {} minutes or more and ends on `{}`, with no final relaxation after it.",
                plan.total.min / 60,
                last.step.name.value
            ),
        )
        .with_label("the class ends here")
        .with_help(help),
    );
}

#[cfg(test)]
mod tests {
    use crate::catalog::Catalog;

    fn findings(text: &str) -> usize {
        crate::compile(text, &Catalog::builtin()).diagnostics.iter().filter(|d| d.code == "missing-relaxation").count()
    }

    // Here rather than in a fixture: `ybc fmt` does not yet read property words on a `pose` line,
    // and every fixture must be formatted.
    #[test]
    fn a_studio_rest_pose_lying_down_is_a_relaxation_pose() {
        let nidra = "pose yoga-nidra \"Yoga Nidra\" focus rest supine hold 5-20m\n";
        let seated = "pose seated-nidra \"Seated Nidra\" focus rest hold 5-20m\n";
        assert_eq!(findings(&format!("{nidra}breathing 20m\nyoga-nidra hold 10m\n")), 0);
        assert_eq!(findings(&format!("{seated}breathing 20m\nseated-nidra hold 10m\n")), 1);
        assert_eq!(findings(&format!("{seated}breathing 20m\nrelaxation:\n  seated-nidra hold 10m\n")), 0);
    }
}
