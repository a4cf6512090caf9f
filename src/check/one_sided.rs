//! `one-sided`: a one-sided pose that never says its sides, and a `left`
//! with no `right` to match it (or the other way round).

use std::collections::HashSet;

use super::{Check, Context, Rule, RuleInfo};
use crate::catalog::{Laterality, PoseIndex};
use crate::diagnostic::{Diagnostic, Severity};
use crate::routine::{Item, Sides, Step};
use crate::span::Span;

/// The rule.
pub const RULE: Rule = Rule {
    info: RuleInfo {
        name: "one-sided",
        default: Severity::Warning,
        summary: "a one-sided pose with no sides given, or a left with no matching right",
        explanation: "A pose done one side at a time needs both sides, or the class leaves lopsided: one shoulder \
opened or strengthened and not the other (thread the needle, single-arm rows, the doorway chest opener), one leg \
balanced on or one hip opened and not the other (tree, warrior 3, half moon, warrior 2, triangle, pigeon). Written \
with no `each side`, `alternating`, `left` or `right`, such a step is timed once, so the plan is short by a whole \
side and the class screen never calls the switch. A `left` step needs a `right` step of the same pose, and the \
other way round: anywhere in the class, so a standing sequence may do its right side in one section and its left \
side in the next, but inside rounds, which repeat their steps, in the same rounds. ybc reports both. A one-sided \
pose is one the catalog marks `unilateral` (or a `pose` line that says so), whatever it trains.",
        source: "General teaching practice: work both sides evenly; the upper-back strengthening guide gives one-sided work per side \
(\"6 thread-the-needle reps each side\", \"30-60 seconds each side\").",
        example: "warmup:\n  thread-the-needle 6 reps\nbalance:\n  tree hold 30s\nstrength:\n  \
single-arm-row 10 reps left\n",
        fixed: "warmup:\n  thread-the-needle 6 reps each side\nbalance:\n  tree hold 30s each side\nstrength:\n  \
single-arm-row 10 reps left\n  single-arm-row 10 reps right\n",
    },
    check: Check::Routine(check),
};

/// Where a `left` looks for its `right`: the class, or one rounds block.
#[derive(Clone, Copy)]
struct Place {
    /// Which: 0 for the class, then one number per rounds block.
    id: usize,
    has: &'static str,
    to: &'static str,
}

const CLASS: Place = Place { id: 0, has: "the class has", to: "" };

/// Steps that work one side only, and the sides each place has, found in one
/// walk; a `left` and its `right` may come in either order.
#[derive(Default)]
struct Sided<'a> {
    steps: Vec<(&'a Step, Place)>,
    /// (place, pose, whether left) for every `left` and `right` step.
    seen: HashSet<(usize, PoseIndex, bool)>,
    places: usize,
}

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut sided = Sided::default();
    block(context, &context.routine.body, CLASS, &mut sided, out);
    for (step, place) in sided.steps {
        let left = step.sides == Sides::Left;
        let (this, other) = if left { ("left", "right") } else { ("right", "left") };
        if sided.seen.contains(&(place.id, step.pose, !left)) {
            continue;
        }
        let name = &step.name.value;
        let span = step.sides_span.unwrap_or(step.name.span);
        out.push(
            Diagnostic::new(
                Severity::Warning,
                RULE.info.name,
                span,
                format!("`{name}` works only the {this} side, and {} no `{other}` to match it.", place.has),
            )
            .with_label(format!("{this} side only"))
            .with_help(format!("Add a `{name} … {other}` step{}, or write `each side` on this one.", place.to)),
        );
    }
}

/// Walks one block in source order. Sections share the class's place, so a
/// standing sequence may do its right side in one section and its left in
/// the next; rounds repeat their steps, so a side in rounds is matched only there.
fn block<'a>(context: &Context<'_>, items: &'a [Item], place: Place, sided: &mut Sided<'a>, out: &mut Vec<Diagnostic>) {
    for item in items {
        match item {
            Item::Section(section) => block(context, &section.body, place, sided, out),
            Item::Rounds(rounds) => {
                sided.places += 1;
                let inner = Place { id: sided.places, has: "these rounds have", to: " in the same rounds" };
                block(context, &rounds.body, inner, sided, out);
            }
            Item::Step(step) => match step.sides {
                Sides::Left | Sides::Right => {
                    sided.seen.insert((place.id, step.pose, step.sides == Sides::Left));
                    sided.steps.push((step, place));
                }
                Sides::Both => no_sides(context, step, out),
                Sides::EachSide | Sides::Alternating => {}
            },
            Item::Rest(_) | Item::Note(_) => {}
        }
    }
}

/// A one-sided pose with no sides given.
fn no_sides(context: &Context<'_>, step: &Step, out: &mut Vec<Diagnostic>) {
    let Some(pose) = context.routine.pose(step) else { return };
    if pose.laterality != Laterality::Unilateral {
        return;
    }
    let (at, text) = insertion(step);
    out.push(
        Diagnostic::new(
            Severity::Warning,
            RULE.info.name,
            step.name.span,
            format!(
                "`{}` is done one side at a time, but this step doesn't say which side, so I timed it for one \
side only.",
                step.name.value
            ),
        )
        .with_label("one side at a time")
        .with_help("Add `each side` to do left then right (or `alternating`, or a `left` and a `right` step).")
        .with_fix(Span::new(at, at), text),
    );
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
