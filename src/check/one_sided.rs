//! `one-sided`: a one-sided pose that never says its sides, and a `left`
//! with no `right` to match it (or the other way round).

use super::{Check, Context, Rule, RuleInfo};
use crate::catalog::Laterality;
use crate::diagnostic::{Diagnostic, Severity};
use crate::routine::{Item, Sides, Step};
use crate::span::Span;

/// The rule.
pub const RULE: Rule = Rule {
    info: RuleInfo {
        name: "one-sided",
        default: Severity::Warning,
        summary: "a one-sided pose with no sides given, or a left with no matching right",
        explanation: "A pose done one side at a time (thread the needle, single-arm rows, the doorway chest \
opener) needs both sides, or the class leaves lopsided: one shoulder opened or strengthened, the other not. Written \
with no `each side`, `alternating`, `left` or `right`, such a step is timed once, so the plan is short by a whole \
side and the class screen never calls the switch. A `left` step needs a `right` step of the same pose in the same \
block, and the other way round. ybc reports both.",
        source: "General teaching practice: work both sides evenly; the upper-back strengthening guide gives one-sided work per side \
(\"6 thread-the-needle reps each side\", \"30-60 seconds each side\").",
        example: "warmup:\n  thread-the-needle 6 reps\nstrength:\n  single-arm-row 10 reps left\n",
        fixed: "warmup:\n  thread-the-needle 6 reps each side\nstrength:\n  single-arm-row 10 reps left\n  \
single-arm-row 10 reps right\n",
    },
    check: Check::Routine(check),
};

/// A block, for messages: what it has, and what it is.
#[derive(Clone, Copy)]
struct Place {
    has: &'static str,
    to: &'static str,
}

const SECTION: Place = Place { has: "this section has", to: "in the same section" };
const ROUNDS: Place = Place { has: "these rounds have", to: "in the same rounds" };
const ROUTINE: Place = Place { has: "the routine has", to: "to the routine" };
const OUTSIDE: Place = Place { has: "the steps outside the sections have", to: "next to it, outside the sections" };

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let body = &context.routine.body;
    let top = if body.iter().any(|item| matches!(item, Item::Section(_))) { OUTSIDE } else { ROUTINE };
    block(context, body, top, out);
}

/// Checks one block's own steps, then its inner blocks, in source order.
fn block(context: &Context<'_>, items: &[Item], place: Place, out: &mut Vec<Diagnostic>) {
    let steps: Vec<&Step> = items
        .iter()
        .filter_map(|item| match item {
            Item::Step(step) => Some(step),
            _ => None,
        })
        .collect();
    for item in items {
        match item {
            Item::Section(section) => block(context, &section.body, SECTION, out),
            Item::Rounds(rounds) => block(context, &rounds.body, ROUNDS, out),
            Item::Step(step) => one_step(context, step, &steps, place, out),
            Item::Rest(_) | Item::Note(_) => {}
        }
    }
}

fn one_step(context: &Context<'_>, step: &Step, block: &[&Step], place: Place, out: &mut Vec<Diagnostic>) {
    let Some(pose) = context.routine.pose(step) else { return };
    let name = &step.name.value;
    match step.sides {
        Sides::Both if pose.laterality == Laterality::Unilateral => {
            let (at, text) = insertion(step);
            out.push(
                Diagnostic::new(
                    Severity::Warning,
                    RULE.info.name,
                    step.name.span,
                    format!(
                        "`{name}` is done one side at a time, but this step doesn't say which side, so I timed it \
for one side only."
                    ),
                )
                .with_label("one side at a time")
                .with_help("Add `each side` to do left then right (or `alternating`, or a `left` and a `right` step).")
                .with_fix(Span::new(at, at), text),
            );
        }
        Sides::Left | Sides::Right => {
            let (this, other, wanted) = match step.sides {
                Sides::Left => ("left", "right", Sides::Right),
                _ => ("right", "left", Sides::Left),
            };
            if block.iter().any(|s| s.pose == step.pose && s.sides == wanted) {
                return;
            }
            let span = step.sides_span.unwrap_or(step.name.span);
            out.push(
                Diagnostic::new(
                    Severity::Warning,
                    RULE.info.name,
                    span,
                    format!("`{name}` works only the {this} side, and {} no `{other}` to match it.", place.has),
                )
                .with_label(format!("{this} side only"))
                .with_help(format!("Add a `{name} … {other}` step {}, or write `each side` on this one.", place.to)),
            );
        }
        _ => {}
    }
}

/// Where `each side` goes: at the end of the step when it has no cues;
/// otherwise right after the last dose part (`hold 30s`, `x3`, `rest 45s`,
/// `tempo 3-1-3`) or prop list, which all end where their value ends; when the
/// reps are the last of those, just before the reps (`each side 8 reps`),
/// since the end of the word `reps` is not known here.
fn insertion(step: &Step) -> (usize, &'static str) {
    const AFTER: &str = " each side";
    const BEFORE: &str = "each side ";
    if step.cues.is_empty() {
        return (step.span.end, AFTER);
    }
    let dose = &step.dose;
    let ends = [
        dose.hold.as_ref().map(|s| s.span.end),
        dose.work.as_ref().map(|s| s.span.end),
        dose.rest.as_ref().map(|s| s.span.end),
        dose.sets.as_ref().map(|s| s.span.end),
        dose.tempo.as_ref().map(|s| s.span.end),
    ];
    let last = ends.into_iter().flatten().chain(step.props.iter().map(|p| p.span.end)).max();
    match (&dose.reps, last) {
        (Some(reps), Some(last)) if reps.span.start > last => (reps.span.start, BEFORE),
        (Some(reps), None) => (reps.span.start, BEFORE),
        (_, Some(last)) => (last, AFTER),
        (None, None) => (step.name.span.end, AFTER),
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::Catalog;

    /// Applies the rule's fix to the one finding in `text` and returns the new text.
    fn fixed(text: &str) -> String {
        let compiled = crate::compile(text, &Catalog::builtin());
        let found: Vec<_> = compiled.diagnostics.iter().filter(|d| d.code == "one-sided").collect();
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        let fix = found[0].fix.as_ref().expect("a fix");
        let mut out = text.to_owned();
        out.replace_range(fix.span.start..fix.span.end, &fix.replacement);
        let again = crate::compile(&out, &Catalog::builtin());
        assert!(!again.has_errors(), "{out}: {:?}", again.diagnostics);
        assert!(again.diagnostics.iter().all(|d| d.code != "one-sided"), "{out}: still one-sided");
        out
    }

    #[test]
    fn each_side_goes_after_the_dose() {
        let cases = [
            ("thread-the-needle 6 reps\n", "thread-the-needle 6 reps each side\n"),
            ("thread-the-needle 6 reps   # slow\n", "thread-the-needle 6 reps each side   # slow\n"),
            ("thread-the-needle 6 reps\r\n", "thread-the-needle 6 reps each side\r\n"),
            ("eagle-arms hold 30s with strap, block\n", "eagle-arms hold 30s with strap, block each side\n"),
            (
                "single-arm-row 10 reps x2 rest 30s \"elbow back\" # cue\n",
                "single-arm-row 10 reps x2 rest 30s each side \"elbow back\" # cue\n",
            ),
            ("eagle-arms \"breathe\" hold 30s\n", "eagle-arms \"breathe\" hold 30s each side\n"),
            ("doorway-chest-opener 1m \"breathe\"\n", "doorway-chest-opener 1m each side \"breathe\"\n"),
            ("doorway-chest-opener\n", "doorway-chest-opener each side\n"),
            ("doorway-chest-opener \"breathe\"\n", "doorway-chest-opener each side \"breathe\"\n"),
        ];
        for (text, want) in cases {
            assert_eq!(fixed(text), want);
        }
    }

    #[test]
    fn after_reps_with_cues_each_side_goes_before_the_reps() {
        // The end of the word `reps` is not known, so the fix puts `each side` just before the count.
        assert_eq!(
            fixed("warmup:\n  thoracic-rotation 8 reps \"open the chest\"\n"),
            "warmup:\n  thoracic-rotation each side 8 reps \"open the chest\"\n"
        );
        assert_eq!(
            fixed("single-arm-row x2 10 reps \"elbow back\"\n"),
            "single-arm-row x2 each side 10 reps \"elbow back\"\n"
        );
    }
}
