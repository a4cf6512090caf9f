//! What several rules read from a step's dose: its hold and where the
//! pose's recommended range comes from, and a range of seconds written the
//! way a teacher writes it.

use crate::catalog::{Bounds, Pose};
use crate::routine::Step;
use crate::syntax::{Range, Spanned};
use crate::vocabulary::{breaths_range, written_range};

/// The step's hold and the pose's recommended hold: `hold …`, or a bare length
/// on a pose that is held rather than moved (it has a hold range and no duration range).
pub(super) fn hold_of<'a>(step: &'a Step, pose: &Pose) -> Option<(&'a Spanned<Range>, Bounds)> {
    let range = pose.hold?;
    if let Some(hold) = &step.dose.hold {
        return Some((hold, range));
    }
    match &step.dose.work {
        Some(work) if pose.duration.is_none() => Some((work, range)),
        _ => None,
    }
}

/// The hold as written on the step: `hold 45s`, or a bare `2m`.
pub(super) fn written(step: &Step, value: &str) -> String {
    if step.dose.hold.is_some() { format!("hold {value}") } else { value.to_owned() }
}

/// For a hold written in breaths, how many and how long they take, to put
/// after its seconds in a message: ` (5-8 breaths at 4-6s a breath)`; empty
/// for a hold in seconds.
pub(super) fn breaths_note(step: &Step, breath: Range) -> String {
    match &step.dose.breaths {
        Some(breaths) => format!(" ({} at {} a breath)", breaths_range(breaths.value), written_range(breath)),
        None => String::new(),
    }
}

/// The count of breaths the step's hold is written in, if it is.
pub(super) fn breaths_of(step: &Step) -> Option<Range> {
    step.dose.breaths.as_ref().map(|b| b.value)
}

/// Where a pose's dose comes from, in a few words: its first source.
pub(super) fn source_of(pose: &Pose) -> &str {
    pose.sources.first().map_or("the catalog", crate::catalog::Source::short)
}
