//! `level-mismatch`: advanced poses or ankle weights in a beginners' class.

use super::{Check, Context, Rule, RuleInfo};
use crate::catalog::Level;
use crate::diagnostic::{Diagnostic, Severity};
use crate::routine::RoutineLevel;

/// The prop that turns a beginner's lift into an advanced one.
const WEIGHTS: &str = "ankle-weights";

/// The rule.
pub const RULE: Rule = Rule {
    info: RuleInfo {
        name: "level-mismatch",
        default: Severity::Warning,
        summary: "an advanced pose, or ankle weights, in a `level beginner` routine",
        explanation: "Beginners first learn the foundational lifts (sphinx, hands-under-hips locust, locust) and build \
capacity with them; the advanced variations (flying locust, a light ankle weight for endurance) come after. In a \
routine marked `level beginner`, ybc reports poses the catalog marks advanced and steps that use ankle weights, and \
suggests the easier pose to teach instead.",
        source: "The upper-back strengthening guide, \"Progressive variations\" (beginner: sphinx; advanced: flying locust, or add a light \
ankle weight) and \"The safe order for strengthening\".",
        example: "level beginner\nstrength:\n  flying-locust hold 15-20s x2 rest 45s\n",
        fixed: "level beginner\nstrength:\n  locust hold 15-20s x2 rest 45s\n",
    },
    check: Check::Routine(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(level) = &context.routine.meta.level else { return };
    if level.value != RoutineLevel::Beginner {
        return;
    }
    let catalog = &context.routine.catalog;
    for info in context.steps().iter().filter(|info| !info.repeat) {
        let (step, pose) = (info.step, info.pose);
        if pose.level == Level::Advanced {
            let easier =
                pose.regressions.iter().filter_map(|id| catalog.pose(id)).find(|p| p.level == Level::Beginner).or_else(
                    || pose.regressions.iter().filter_map(|id| catalog.pose(id)).find(|p| p.level != Level::Advanced),
                );
            let mut diagnostic = Diagnostic::warning(
                RULE.info.name,
                step.name.span,
                match info.within {
                    Some(run) => format!(
                        "{} includes {}, an advanced pose, and this class is for beginners.",
                        run.name, pose.english
                    ),
                    None => format!("{} is an advanced pose, and this class is for beginners.", pose.english),
                },
            )
            .with_label("advanced pose");
            diagnostic = match easier {
                // A pose inside a sequence can't be swapped on the step's line.
                Some(_) | None if info.within.is_some() => diagnostic.with_help(format!(
                    "Offer the class an easier version of {}, or write the sequence's poses as steps of their own.",
                    pose.english
                )),
                Some(other) => diagnostic
                    .with_help(format!(
                        "Teach {} instead (`{}`), and keep {} for students with a steady foundation.",
                        other.english, other.id, pose.english
                    ))
                    .with_fix(step.name.span, other.id.clone()),
                None => diagnostic.with_help(format!(
                    "Choose a beginner's pose, and keep {} for students with a steady foundation.",
                    pose.english
                )),
            };
            out.push(diagnostic.with_related(level.span, "the class is for beginners"));
        }
        if let Some(weights) = step.props.iter().find(|p| p.value == WEIGHTS) {
            out.push(
                Diagnostic::warning(
                    RULE.info.name,
                    weights.span,
                    format!(
                        "Ankle weights make {} an advanced exercise, and this class is for beginners.",
                        pose.english
                    ),
                )
                .with_label("ankle weights")
                .with_help(
                    "Teach the lift without weights; add a light ankle weight only once the unweighted lift is steady.",
                )
                .with_related(level.span, "the class is for beginners"),
            );
        }
    }
}
