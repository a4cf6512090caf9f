//! A studio's own sequences: `sequence half-sun "Half Sun Salutation":` with
//! its poses indented below, each held for a number of breaths, in a routine
//! or a studio catalog file. They become catalog sequences, so that a step
//! names one exactly as it names `sun-salutation-a`.

use std::collections::HashMap;

use super::{MAX_POSE_ID, is_kebab, unknown_pose};
use crate::catalog::{Catalog, Laterality, Level, Sequence, SequencePose, SequenceSide, Source};
use crate::diagnostic::{Diagnostic, Listing};
use crate::span::Span;
use crate::syntax::{Document, Node, SequenceDef, Spanned, Step, StepItem};

/// The most breaths one pose of a sequence may be held: a flow's pose is held
/// for one to a few breaths; past this it is a hold of its own.
pub const MAX_SEQUENCE_BREATHS: u32 = 30;

/// The most poses one sequence may hold: sun salutation B has 17.
pub const MAX_SEQUENCE_POSES: usize = 100;

/// The document's `sequence` blocks, each checked, as catalog sequences
/// whose poses are in `catalog` (the routine's own poses included).
pub(super) fn sequences(document: &Document, catalog: &Catalog, diagnostics: &mut Listing) -> Vec<Sequence> {
    let mut built = Vec::new();
    // Where each id was first defined, to find a second definition at once.
    let mut defined: HashMap<&str, Span> = HashMap::new();
    for node in &document.body {
        let Node::Sequence(def) = node else { continue };
        if !id_is_usable(def, catalog, &defined, diagnostics) {
            continue;
        }
        if let Some(sequence) = sequence(def, catalog, diagnostics) {
            defined.insert(&def.id.value, def.id.span);
            built.push(sequence);
        }
    }
    built
}

fn id_is_usable(
    def: &SequenceDef,
    catalog: &Catalog,
    defined: &HashMap<&str, Span>,
    diagnostics: &mut Listing,
) -> bool {
    let id = &def.id;
    let error = |message: String| Diagnostic::error("custom-sequence", id.span, message);
    let length = id.value.chars().count();
    let found = if length > MAX_POSE_ID {
        error(format!("This sequence id is {length} characters long; an id can have at most {MAX_POSE_ID}."))
            .with_label("too long for an id")
            .with_help("Use a short id, like `half-sun`, and put the sequence's full name in quotes after it.")
    } else if !is_kebab(&id.value) {
        error(format!("`{}` can't be a sequence id.", id.value))
            .with_label("not a kebab-case id")
            .with_help("Use lower-case letters, digits and dashes, like `half-sun`.")
    } else if let Some(pose) = catalog.pose(&id.value) {
        error(format!("`{}` is already a pose ({}), so it can't name a sequence too.", id.value, pose.english))
            .with_label("already a pose")
            .with_help("Give the sequence another id, like `my-flow`.")
    } else if let Some(existing) = catalog.sequence(&id.value) {
        error(format!("`{}` is already a sequence ({}).", id.value, existing.english))
            .with_label("already taken")
            .with_help(format!("Use `{}` as it is, or give your sequence another id.", existing.id))
    } else if let Some(&first) = defined.get(id.value.as_str()) {
        error(format!("The sequence `{}` is defined twice.", id.value))
            .with_label("second definition")
            .with_related(first, "first defined here")
            .with_help("Keep one definition, or rename one of them.")
    } else {
        return true;
    };
    diagnostics.push(found);
    false
}

/// The sequence `def` defines, with the poses that could be read: a mistake
/// in one line is reported there, and the steps that name the sequence are
/// not reported again as unknown. `None` when no pose could be read.
fn sequence(def: &SequenceDef, catalog: &Catalog, diagnostics: &mut Listing) -> Option<Sequence> {
    if def.name.is_none() {
        let end = def.id.span.end;
        diagnostics.push(
            Diagnostic::error("custom-sequence", def.id.span, format!("The sequence `{}` has no name.", def.id.value))
                .with_label("no name in quotes")
                .with_help(format!(
                    "Give it a name in quotes after the id, as the handout will print it: `sequence {} \"Half Sun \
                     Salutation\":`.",
                    def.id.value
                ))
                .with_fix(Span::new(end, end), " \"Name\""),
        );
    }
    let mut poses = Vec::new();
    let mut level = Level::Beginner;
    for node in &def.body {
        let Node::Step(step) = node else {
            diagnostics.push(not_a_pose(node.span()));
            continue;
        };
        if poses.len() == MAX_SEQUENCE_POSES {
            diagnostics.push(
                Diagnostic::error(
                    "custom-sequence",
                    step.span,
                    format!("A sequence holds at most {MAX_SEQUENCE_POSES} poses; this is one more."),
                )
                .with_label("past the limit")
                .with_help("Split it into two sequences, and write one step for each."),
            );
            break;
        }
        if let Some((pose, item_level)) = sequence_pose(step, catalog, diagnostics) {
            level = level.max(item_level);
            poses.push(pose);
        }
    }
    if poses.is_empty() {
        return None;
    }
    Some(Sequence {
        id: def.id.value.clone(),
        english: def.name.as_ref().map_or_else(|| def.id.value.clone(), |name| name.value.clone()),
        sanskrit: None,
        sanskrit_iast: None,
        aliases: Vec::new(),
        level,
        poses,
        cues: Vec::new(),
        sources: vec![Source::Teacher],
    })
}

/// One pose line of a sequence: the pose, its breaths and its side.
fn sequence_pose(step: &Step, catalog: &Catalog, diagnostics: &mut Listing) -> Option<(SequencePose, Level)> {
    let Some(pose) = catalog.pose(&step.pose.value) else {
        diagnostics.push(if catalog.sequence(&step.pose.value).is_some() {
            Diagnostic::error(
                "custom-sequence",
                step.pose.span,
                format!("`{}` is a sequence, and a sequence holds poses only.", step.pose.value),
            )
            .with_label("a sequence inside a sequence")
            .with_help("Write its poses here one by one, or do the two sequences as two steps of the class.")
        } else {
            unknown_pose(catalog, &step.pose)
        });
        return None;
    };
    let mut breaths: Option<Spanned<u32>> = None;
    let mut side = None;
    let mut fine = true;
    for item in &step.items {
        match &item.value {
            StepItem::Breaths(count) | StepItem::HoldBreaths(count) => {
                if breaths.is_some() {
                    diagnostics.push(
                        Diagnostic::error("custom-sequence", item.span, "This pose's breaths are given twice.")
                            .with_label("second count")
                            .with_help("Keep one count of breaths, like `5 breaths`."),
                    );
                    fine = false;
                } else if !count.value.is_exact() || count.value.max == 0 || count.value.max > MAX_SEQUENCE_BREATHS {
                    diagnostics.push(
                        Diagnostic::error(
                            "custom-sequence",
                            count.span,
                            "A pose in a sequence is held for one whole number of breaths.",
                        )
                        .with_label("not a count from 1 to 30")
                        .with_help(format!(
                            "Give one number from 1 to {MAX_SEQUENCE_BREATHS}, like `1 breath` for a movement or \
                             `5 breaths` for a hold."
                        )),
                    );
                    fine = false;
                } else {
                    breaths = Some(Spanned::new(count.value.max, count.span));
                }
            }
            StepItem::Left | StepItem::Right => {
                if pose.laterality == Laterality::Unilateral {
                    side = Some(if item.value == StepItem::Left { SequenceSide::Left } else { SequenceSide::Right });
                } else {
                    diagnostics.push(
                        Diagnostic::error(
                            "custom-sequence",
                            item.span,
                            format!("`{}` works both sides at once, so it has no side to name.", pose.id),
                        )
                        .with_label("no side for this pose")
                        .with_help("Leave the side out."),
                    );
                    fine = false;
                }
            }
            StepItem::Invalid => fine = false,
            _ => {
                diagnostics.push(
                    Diagnostic::error(
                        "custom-sequence",
                        item.span,
                        "A pose in a sequence is held for a number of breaths, with a side where it has one.",
                    )
                    .with_label("not part of a sequence's pose")
                    .with_help(
                        "Write the pose as `low-lunge 5 breaths right`; holds, reps, sets and props go on the step \
                         that runs the sequence, and cues too.",
                    ),
                );
                fine = false;
            }
        }
    }
    let Some(breaths) = breaths else {
        if fine {
            let end = step.pose.span.end;
            diagnostics.push(
                Diagnostic::error(
                    "custom-sequence",
                    step.pose.span,
                    format!("How many breaths is `{}` held in this sequence?", step.pose.value),
                )
                .with_label("no breaths")
                .with_help("Give each pose its breaths: `1 breath` for a movement, `5 breaths` for a hold.")
                .with_fix(Span::new(end, end), " 1 breath"),
            );
        }
        return None;
    };
    fine.then(|| (SequencePose { pose: pose.id.clone(), breaths: breaths.value, side }, pose.level))
}

fn not_a_pose(span: Span) -> Diagnostic {
    Diagnostic::error("custom-sequence", span, "A sequence holds poses only, each with its breaths.")
        .with_label("not a pose")
        .with_help(
            "Keep rests, notes and rounds out of the sequence: give the step that runs it `x3` and `rest 15s`, or \
             write them in the class.",
        )
}
