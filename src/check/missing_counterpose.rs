//! `missing-counterpose`: a deep backbend or an inversion that the class
//! moves on from, or ends on, without a counterpose.

use super::peak::lying_down;
use super::{Check, Context, Rule, RuleInfo, StepInfo};
use crate::catalog::{Focus, Pose, Property, Spine};
use crate::diagnostic::{Diagnostic, Severity};

/// The rule.
pub const RULE: Rule = Rule {
    info: RuleInfo {
        name: "missing-counterpose",
        default: Severity::Warning,
        summary: "a deep backbend or an inversion with no counterpose before the next hard work or the end",
        explanation: "After a deep backbend (camel, bow, wheel, dancer) the spine is brought back from the end of \
its arch before it is asked for anything else; after an inversion (headstand, shoulder stand, handstand) the class \
comes down and rests for a few breaths before it stands up or works again. ybc follows each deep backbend and \
each inversion through the steps that come after it. Backbends done one after another (`bridge`, then `wheel` \
three times) are one run, and so are inversions (`shoulder-stand`, then `plow`): the counterpose is due after the \
run, and one finding names its last pose. Sets and sides (`wheel hold 10s x3`) are one step, so the counterpose \
comes after the step; in rounds, the steps are read as written, so a counterpose at the start of a round also \
follows the peak of the round before it, and the last round's peak needs one after the rounds. The run is \
reported when the class ends, or goes on to strength work or to the other kind of peak, before a counterpose \
comes; poses in between that are neither (a seated staff pose, a warrior, rest steps) are passed over. \
A counterpose to a deep backbend is a pose that is not strength work, not a backbend and not an inversion, and \
that rounds the spine or twists it (child's pose, knees to chest, a forward fold, cat-cow, a supine or seated \
twist), or rests with it neutral (savasana, reclined bound angle, table-top, mountain, a seated breath). A \
counterpose to an inversion is a pose that is not strength work, not an inversion and not a deep backbend, and \
that rests (child's pose, savasana, knees to chest, legs up the wall, a seated breath) or lies on the back or \
the belly (fish after a shoulder stand, a supine twist).",
        source: "General teaching practice: a class comes back to neutral after its deepest backbends and rests after \
being upside down, so that nobody stands up or works again from the end of a range or straight out of an inversion.",
        example: "warmup:\n  cat-cow 8 reps\npeak:\n  wheel hold 10s x3 rest 30s\n",
        fixed: "warmup:\n  cat-cow 8 reps\npeak:\n  wheel hold 10s x3 rest 30s\n  knees-to-chest 30s\n",
    },
    check: Check::Routine(check),
};

/// The two kinds of pose that need a counterpose.
#[derive(Clone, Copy)]
enum Kind {
    DeepBackbend,
    Inversion,
}

impl Kind {
    const ALL: [Kind; 2] = [Kind::DeepBackbend, Kind::Inversion];

    /// Whether the pose is one of this kind, so that it needs a counterpose.
    fn is(self, pose: &Pose) -> bool {
        match self {
            Kind::DeepBackbend => pose.has(Property::DeepBackbend),
            Kind::Inversion => pose.has(Property::Inversion),
        }
    }

    /// Whether the pose carries on a run of this kind: any backbend after a
    /// deep one (wheel, then bridge), any inversion after an inversion.
    fn continues(self, pose: &Pose) -> bool {
        match self {
            Kind::DeepBackbend => pose.has(Property::DeepBackbend) || pose.has(Property::SpineExtension),
            Kind::Inversion => pose.has(Property::Inversion),
        }
    }

    /// Whether the pose is a counterpose for this kind.
    fn countered_by(self, pose: &Pose) -> bool {
        if pose.focus == Focus::Strength || Kind::ALL.iter().any(|kind| kind.is(pose)) {
            return false;
        }
        match self {
            Kind::DeepBackbend => match pose.spine {
                Spine::Flexion | Spine::Rotation | Spine::Mixed => true,
                Spine::Neutral => pose.focus == Focus::Rest || lying_down(pose),
                Spine::Extension => false,
            },
            Kind::Inversion => pose.focus == Focus::Rest || lying_down(pose),
        }
    }

    /// Whether moving on to the pose without a counterpose is a finding:
    /// strength work, or a peak of the other kind.
    fn interrupted_by(self, pose: &Pose) -> bool {
        pose.focus == Focus::Strength || Kind::ALL.iter().any(|kind| kind.is(pose))
    }

    fn words(self) -> (&'static str, &'static str) {
        match self {
            Kind::DeepBackbend => ("a deep backbend", "backbends"),
            Kind::Inversion => ("an inversion", "inversions"),
        }
    }

    fn help(self) -> &'static str {
        match self {
            Kind::DeepBackbend => {
                "Follow it with a pose that rounds the spine or lets it rest, such as `knees-to-chest 30s`, \
`childs-pose 30s` or a forward fold."
            }
            Kind::Inversion => {
                "Come down and rest before moving on, for example `childs-pose 30s`, or `knees-to-chest 30s` lying \
on the back."
            }
        }
    }
}

/// A run of poses of one kind still waiting for its counterpose: where it starts and ends.
#[derive(Clone, Copy)]
struct Run<'s, 'a> {
    first: &'s StepInfo<'a>,
    last: &'s StepInfo<'a>,
}

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut waiting: [Option<Run<'_, '_>>; 2] = [None, None];
    for info in context.steps() {
        for (slot, kind) in waiting.iter_mut().zip(Kind::ALL) {
            let Some(run) = slot else { continue };
            if kind.countered_by(info.pose) {
                *slot = None;
            } else if kind.continues(info.pose) {
                run.last = info;
            } else if kind.interrupted_by(info.pose) {
                out.push(finding(kind, *run, Some(info)));
                *slot = None;
            }
        }
        for (slot, kind) in waiting.iter_mut().zip(Kind::ALL) {
            if slot.is_none() && kind.is(info.pose) {
                *slot = Some(Run { first: info, last: info });
            }
        }
    }
    for (slot, kind) in waiting.into_iter().zip(Kind::ALL) {
        if let Some(run) = slot {
            out.push(finding(kind, run, None));
        }
    }
}

/// The finding for a run, at its last pose; `next` is the pose the class moves on to, or none at the end.
fn finding(kind: Kind, run: Run<'_, '_>, next: Option<&StepInfo<'_>>) -> Diagnostic {
    let (one, many) = kind.words();
    let last = &run.last.step.name;
    let first = &run.first.step.name;
    let alone = std::ptr::eq(run.first, run.last);
    let message = match (next, alone) {
        (Some(next), true) => format!(
            "After `{}`, {one}, the class goes on to `{}` with no counterpose in between.",
            last.value, next.step.name.value
        ),
        (Some(next), false) => format!(
            "After the {many} from `{}` to `{}`, the class goes on to `{}` with no counterpose in between.",
            first.value, last.value, next.step.name.value
        ),
        (None, true) => format!("`{}` is {one}, and no counterpose follows it before the class ends.", last.value),
        (None, false) => format!(
            "No counterpose follows the {many} from `{}` to `{}` before the class ends.",
            first.value, last.value
        ),
    };
    let mut diagnostic = Diagnostic::new(Severity::Warning, RULE.info.name, last.span, message)
        .with_label("no counterpose after it")
        .with_help(kind.help());
    if !alone {
        diagnostic = diagnostic.with_related(first.span, format!("the {many} start here"));
    }
    if let Some(next) = next {
        diagnostic = diagnostic.with_related(next.step.name.span, "the class goes on here");
    }
    diagnostic
}
