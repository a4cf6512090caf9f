//! `missing-cooldown`: a class that stops at the end of its hardest work.

use super::is_strength_work;
use super::{Check, Context, Rule, RuleInfo};
use crate::catalog::Focus;
use crate::diagnostic::{Diagnostic, Severity};
use crate::routine::Item;

/// The rule.
pub const RULE: Rule = Rule {
    info: RuleInfo {
        name: "missing-cooldown",
        default: Severity::Info,
        summary: "a routine that does not end with a cool-down",
        explanation: "Ending on strength work sends the class off with tired, shortened muscles and a raised heart \
rate. A few minutes of chest opening, an easy stretch and slow breathing let the upper back lengthen after the work \
and the breath settle, and they are where the posture gains are felt. Every sample routine in the upper-back strengthening guide ends \
this way. ybc looks for a `cooldown` section at the end of a routine written in sections, or, in a routine without \
sections, for anything but strength work as its last pose.",
        source: "The upper-back strengthening guide, \"Sample mini-sequences\": each ends with a chest opener and breath, a gentle cool-down, \
or a mobility and restorative cool-down (5-10 min).",
        example: "warmup:\n  cat-cow 8 reps\nstrength:\n  locust hold 20-30s x3 rest 30s\n",
        fixed: "warmup:\n  cat-cow 8 reps\nstrength:\n  locust hold 20-30s x3 rest 30s\ncooldown:\n  \
doorway-chest-opener hold 45s each side\n  breathing 1m\n",
    },
    check: Check::Routine(check),
};

const HELP: &str =
    "End with a `cooldown:` section, for example `doorway-chest-opener hold 45s each side` and `breathing 1m`.";

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let body = &context.routine.body;
    if body.iter().any(|item| matches!(item, Item::Section(_))) {
        // A closing rest or note after the last section changes nothing.
        let Some(last) = body.iter().rev().find(|item| !matches!(item, Item::Note(_) | Item::Rest(_))) else {
            return;
        };
        let (span, message, label) = match last {
            Item::Section(section) if section.kind.winds_down() => return,
            Item::Section(section) => (
                section.span,
                format!("The class ends with this `{}` section and no cool-down after it.", section.kind.word()),
                "the last section",
            ),
            Item::Rounds(rounds) => {
                (rounds.span, "The class ends with these rounds and no cool-down after them.".to_owned(), "the end")
            }
            // A calm pose after the sections (child's pose, breathing, a stretch) closes the class well enough.
            Item::Step(step) if context.routine.pose(step).is_none_or(|pose| pose.focus != Focus::Strength) => return,
            Item::Step(step) => (
                step.span,
                format!(
                    "`{}` comes after the last section, so the class doesn't end with a cool-down.",
                    step.name.value
                ),
                "after the last section",
            ),
            Item::Rest(_) | Item::Note(_) => return,
        };
        out.push(Diagnostic::new(Severity::Info, RULE.info.name, span, message).with_label(label).with_help(HELP));
        return;
    }
    let steps = context.steps();
    let Some(last) = steps.last() else { return };
    if !is_strength_work(last) {
        return;
    }
    out.push(
        Diagnostic::new(
            Severity::Info,
            RULE.info.name,
            last.step.name.span,
            format!("The class ends on `{}`, strength work, with no cool-down after it.", last.step.name.value),
        )
        .with_label("the last pose")
        .with_help(
            "Finish with a chest opener and slow breathing, for example `doorway-chest-opener hold 45s each side` \
and `breathing 1m`.",
        ),
    );
}
