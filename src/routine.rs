//! The resolved routine: every name looked up, every dose read, ready for the
//! safety rules, the time plan and the emitters.

use std::sync::Arc;

use crate::catalog::{Catalog, Pose, PoseIndex};
use crate::span::Span;
use crate::syntax::{Range, Spanned};
pub use crate::syntax::{RoutineLevel, SectionKind};

/// A routine whose names are resolved against a catalog.
#[derive(Debug, Clone)]
pub struct Routine {
    /// The catalog the routine's poses index into: the built-in one plus any
    /// studio poses and the routine's own `pose` definitions.
    pub catalog: Arc<Catalog>,
    /// Header values.
    pub meta: Meta,
    /// Sections, rounds and steps, in order.
    pub body: Vec<Item>,
}

impl Routine {
    /// Adds conditions (ids) to the audience, after the routine's own and each
    /// once: those the class is checked for from `--audience` or `ybc.toml`,
    /// so that a handout speaks of everyone the rules thought of.
    pub fn add_audience(&mut self, ids: &[String]) {
        for id in ids {
            if !self.meta.audience.iter().any(|a| &a.value == id) {
                self.meta.audience.push(Spanned::new(id.clone(), Span::default()));
            }
        }
    }

    /// The pose a step does.
    pub fn pose(&self, step: &Step) -> Option<&Pose> {
        self.catalog.pose_at(step.pose)
    }

    /// Every step in order, depth first, with the blocks that hold it (outermost first).
    pub fn steps(&self) -> Vec<(&Step, Vec<&Item>)> {
        fn walk<'a>(items: &'a [Item], parents: &mut Vec<&'a Item>, out: &mut Vec<(&'a Step, Vec<&'a Item>)>) {
            for item in items {
                match item {
                    Item::Step(step) => out.push((step, parents.clone())),
                    Item::Section(Section { body, .. }) | Item::Rounds(Rounds { body, .. }) => {
                        parents.push(item);
                        walk(body, parents, out);
                        parents.pop();
                    }
                    Item::Rest(_) | Item::Note(_) => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.body, &mut Vec::new(), &mut out);
        out
    }
}

/// Header values.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    /// `title`.
    pub title: Option<Spanned<String>>,
    /// `author`.
    pub author: Option<Spanned<String>>,
    /// `level`.
    pub level: Option<Spanned<RoutineLevel>>,
    /// `duration`, in seconds.
    pub duration: Option<Spanned<Range>>,
    /// `breath`: how long one breath lasts, in seconds, as written; see
    /// [`Meta::breath_length`] for the length doses in breaths are timed with.
    pub breath: Option<Spanned<Range>>,
    /// `props`: prop ids; a prop the catalog does not know, as written.
    pub props: Vec<Spanned<String>>,
    /// `audience`: condition ids.
    pub audience: Vec<Spanned<String>>,
    /// `tags`.
    pub tags: Vec<Spanned<String>>,
    /// The routine's own `pose` definitions, by catalog index.
    pub custom_poses: Vec<PoseIndex>,
}

/// How long one breath lasts when a routine does not say (`breath 4-6s`):
/// 4 to 6 seconds. A breath at rest takes 3-5 s (an adult breathes 12-20 times
/// a minute at rest) and slow, paced yoga breathing about 10 s (6 a minute);
/// the breath counted in a held pose lies between, and teachers reckon five
/// breaths at about 20-30 seconds. `docs/language.md` gives the sources.
pub const DEFAULT_BREATH: Range = Range { min: 4, max: 6 };

impl Meta {
    /// The length of one breath the routine's doses in breaths are timed
    /// with: its `breath` header, else [`DEFAULT_BREATH`].
    pub fn breath_length(&self) -> Range {
        self.breath.as_ref().map_or(DEFAULT_BREATH, |b| b.value)
    }
}

/// A block or step.
// Steps are the common case and routines are small, so boxing them would only add indirection.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Item {
    /// A section.
    Section(Section),
    /// Rounds.
    Rounds(Rounds),
    /// A pose step.
    Step(Step),
    /// A rest step.
    Rest(Rest),
    /// A note.
    Note(Spanned<String>),
}

/// A section and its body.
#[derive(Debug, Clone)]
pub struct Section {
    /// Its kind.
    pub kind: SectionKind,
    /// Its title.
    pub title: Option<String>,
    /// Its body.
    pub body: Vec<Item>,
    /// The head line.
    pub span: Span,
}

/// A circuit repeated as a whole.
#[derive(Debug, Clone)]
pub struct Rounds {
    /// How many times.
    pub count: u32,
    /// Rest between rounds.
    pub rest: Option<Spanned<Range>>,
    /// The body.
    pub body: Vec<Item>,
    /// The head line.
    pub span: Span,
}

/// Which sides a step works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sides {
    /// Nothing said: both at once for a bilateral pose.
    #[default]
    Both,
    /// `each side`: left then right in every set.
    EachSide,
    /// `alternating`: reps counted across both sides.
    Alternating,
    /// `left` only.
    Left,
    /// `right` only.
    Right,
}

/// The dose of a step.
#[derive(Debug, Clone, Default)]
pub struct Dose {
    /// Repetitions per set (per side with `each side`).
    pub reps: Option<Spanned<Range>>,
    /// Static hold, seconds (per rep when reps are given).
    pub hold: Option<Spanned<Range>>,
    /// Continuous movement, seconds.
    pub work: Option<Spanned<Range>>,
    /// Sets (1 when not given).
    pub sets: Option<Spanned<u32>>,
    /// Rest between sets, seconds.
    pub rest: Option<Spanned<Range>>,
    /// Seconds up, pause, down per rep.
    pub tempo: Option<Spanned<[u32; 3]>>,
    /// The count of breaths, when the hold or the length is written in breaths
    /// (`hold 5 breaths`, `10 breaths`); the hold or length holds its seconds
    /// at the routine's breath length, so that rules and the plan read seconds.
    pub breaths: Option<Spanned<Range>>,
    /// Whether some part of the dose was written but could not be used
    /// (it has an error of its own, and the plan goes on without it).
    pub invalid: bool,
}

impl Dose {
    /// The number of sets.
    pub fn set_count(&self) -> u32 {
        self.sets.as_ref().map_or(1, |s| s.value)
    }

    /// Whether nothing about the dose was said.
    pub fn is_empty(&self) -> bool {
        self.reps.is_none() && self.hold.is_none() && self.work.is_none()
    }
}

/// A pose step.
#[derive(Debug, Clone)]
pub struct Step {
    /// The pose, in the routine's catalog.
    pub pose: PoseIndex,
    /// The pose's name as written, with its span.
    pub name: Spanned<String>,
    /// The dose.
    pub dose: Dose,
    /// Sides.
    pub sides: Sides,
    /// Where the sides were said.
    pub sides_span: Option<Span>,
    /// Props used (`with …`), as prop ids; a prop the catalog does not know, as written.
    pub props: Vec<Spanned<String>>,
    /// The teacher's cues, each with the span of its quoted text.
    pub cues: Vec<Spanned<String>>,
    /// What the people with a condition do instead (`or … for …`).
    pub options: Vec<StepOption>,
    /// The whole step.
    pub span: Span,
    /// For a step that does a sequence (`sun-salutation-a x3`), its poses;
    /// [`Step::pose`] is then [`NO_POSE`].
    pub sequence: Option<Arc<SequenceRun>>,
}

/// The pose index of a step that does a sequence rather than one pose.
pub const NO_POSE: PoseIndex = usize::MAX;

/// A sequence as a step does it: its name and its poses, resolved.
#[derive(Debug, Clone)]
pub struct SequenceRun {
    /// The sequence's id.
    pub id: String,
    /// Its English name.
    pub name: String,
    /// The poses, in order.
    pub poses: Vec<SequenceItem>,
}

/// One pose of a [`SequenceRun`].
#[derive(Debug, Clone)]
pub struct SequenceItem {
    /// The pose, in the routine's catalog.
    pub pose: PoseIndex,
    /// Breaths it is held.
    pub breaths: u32,
    /// The side, where the sequence says.
    pub side: Option<crate::catalog::SequenceSide>,
}

/// What the people with a condition do instead of a step's pose, while the
/// rest of the class does the step: `or wall-slides 10 reps for osteoporosis`.
#[derive(Debug, Clone)]
pub struct StepOption {
    /// The option as a step of its own: its pose, dose, sides and props.
    pub step: Step,
    /// The condition ids it is for.
    pub conditions: Vec<Spanned<String>>,
    /// The whole `or … for …`.
    pub span: Span,
}

/// A rest step.
#[derive(Debug, Clone)]
pub struct Rest {
    /// How long.
    pub length: Spanned<Range>,
    /// Cues.
    pub cues: Vec<String>,
    /// The statement.
    pub span: Span,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pose's recommended hold covers its recommended breaths at the
    /// default 4-6 s a breath, so a count in the catalog's range is never
    /// called too short or too long.
    #[test]
    fn recommended_breaths_fit_the_recommended_hold() {
        let breath = DEFAULT_BREATH;
        for pose in crate::catalog::Catalog::builtin().poses() {
            if let (Some(breaths), Some(hold)) = (pose.breaths, pose.hold) {
                assert!(breaths.min * breath.min >= hold.min, "{}: {breaths:?} breaths below {hold:?}", pose.id);
                assert!(breaths.max * breath.max <= hold.max, "{}: {breaths:?} breaths above {hold:?}", pose.id);
            }
        }
    }
}
