//! The syntax tree of a routine, as the teacher wrote it: names are not yet
//! looked up in the catalog, and every node keeps the byte span it came from.

use crate::span::Span;

/// A value together with the bytes of the source it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it stands in the source.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Pairs a value with its span.
    pub fn new(value: T, span: Span) -> Self {
        Self { value, span }
    }
}

/// A length of time, in whole seconds.
pub type Seconds = u32;

/// An inclusive range; `min == max` for a single value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Range {
    /// Lower bound.
    pub min: u32,
    /// Upper bound.
    pub max: u32,
}

impl Range {
    /// A range holding one value.
    pub fn exact(value: u32) -> Self {
        Self { min: value, max: value }
    }

    /// Whether the range holds a single value.
    pub fn is_exact(&self) -> bool {
        self.min == self.max
    }
}

/// A whole routine file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// Header lines, in source order.
    pub headers: Vec<Header>,
    /// Blocks and steps, in source order.
    pub body: Vec<Node>,
    /// Comments, in source order.
    pub comments: Vec<Comment>,
    /// Lines that could not be read at all (each has a diagnostic).
    pub unreadable: Vec<Span>,
}

/// A `# …` comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// The comment's text, `#` included.
    pub span: Span,
    /// Whether it stands on a line of its own (rather than after a statement).
    pub own_line: bool,
}

/// A header line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// What the line says.
    pub kind: HeaderKind,
    /// The whole line's statement.
    pub span: Span,
}

/// The kinds of header line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderKind {
    /// `title "…"`.
    Title(Spanned<String>),
    /// `author "…"`.
    Author(Spanned<String>),
    /// `level beginner`.
    Level(Spanned<String>),
    /// `duration 10m` or `duration 45-60m`.
    Duration(Spanned<Range>),
    /// `breath 4-6s`: how long one breath lasts, for doses counted in breaths.
    Breath(Spanned<Range>),
    /// `props mat, band`.
    Props(Vec<Spanned<String>>),
    /// `audience neck-pain`.
    Audience(Vec<Spanned<String>>),
    /// `tags desk, posture`.
    Tags(Vec<Spanned<String>>),
    /// `pose id "Name" …`.
    Pose(PoseDef),
}

impl HeaderKind {
    /// The keyword that starts the line.
    pub fn keyword(&self) -> &'static str {
        match self {
            HeaderKind::Title(_) => "title",
            HeaderKind::Author(_) => "author",
            HeaderKind::Level(_) => "level",
            HeaderKind::Duration(_) => "duration",
            HeaderKind::Breath(_) => "breath",
            HeaderKind::Props(_) => "props",
            HeaderKind::Audience(_) => "audience",
            HeaderKind::Tags(_) => "tags",
            HeaderKind::Pose(_) => "pose",
        }
    }
}

/// A custom pose defined in a routine or a studio catalog file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoseDef {
    /// Its id.
    pub id: Spanned<String>,
    /// Its display name.
    pub name: Spanned<String>,
    /// Its attributes, in source order.
    pub attrs: Vec<Spanned<PoseAttr>>,
}

/// One attribute of a custom pose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PoseAttr {
    /// `focus strength|mobility|both|rest`.
    Focus(Spanned<String>),
    /// `sanskrit "…"`.
    Sanskrit(String),
    /// `family locust`.
    Family(Spanned<String>),
    /// `spine extension|flexion|rotation|neutral|mixed`.
    Spine(Spanned<String>),
    /// `level beginner|intermediate|advanced`.
    Level(Spanned<String>),
    /// `hold 20-40s`.
    Hold(Range),
    /// `8-12 reps`.
    Reps(Range),
    /// `per-rep 5s`.
    PerRep(Range),
    /// `rest 30-60s`.
    Rest(Range),
    /// `unilateral`.
    Unilateral,
    /// `loads-shoulders`.
    LoadsShoulders,
    /// `overhead`.
    Overhead,
    /// `props wall, block`.
    Props(Vec<Spanned<String>>),
    /// `avoid osteoporosis, neck-pain`.
    Avoid(Vec<Spanned<String>>),
    /// `caution high-blood-pressure`.
    Caution(Vec<Spanned<String>>),
    /// `instead wall-slides`: the pose to offer when it is avoided.
    Instead(Spanned<String>),
    /// A quoted cue.
    Cue(String),
    /// A word the grammar does not know here.
    Stray(String),
    /// A part that could not be read and already has its own diagnostic.
    Invalid,
}

/// A block or a step in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// `warmup "Title":` and its body.
    Section(Box<Section>),
    /// `3 rounds rest 60s:` and its body.
    Rounds(Box<Rounds>),
    /// `sequence half-sun "Half Sun Salutation":` and its poses: a studio's
    /// own sequence, defined for steps to name (not a step of the class).
    Sequence(Box<SequenceDef>),
    /// A pose with its dose.
    Step(Step),
    /// `rest 60s "cue"`.
    Rest(RestStep),
    /// `note "…"`.
    Note(Spanned<String>),
}

impl Node {
    /// The span of the node's own line (for a block, its head).
    pub fn span(&self) -> Span {
        match self {
            Node::Section(s) => s.span,
            Node::Rounds(r) => r.span,
            Node::Sequence(d) => d.span,
            Node::Step(s) => s.span,
            Node::Rest(r) => r.span,
            Node::Note(n) => n.span,
        }
    }

    /// The span from the node's head to the end of its last descendant.
    pub fn extent(&self) -> Span {
        let body = match self {
            Node::Section(s) => &s.body,
            Node::Rounds(r) => &r.body,
            Node::Sequence(d) => &d.body,
            _ => return self.span(),
        };
        body.last().map_or(self.span(), |last| self.span().to(last.extent()))
    }
}

/// A section: `warmup`, `strength`, `mobility`, `accessory` or `cooldown`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The kind as written.
    pub kind: Spanned<String>,
    /// The optional quoted title.
    pub title: Option<Spanned<String>>,
    /// The body.
    pub body: Vec<Node>,
    /// The head line's statement.
    pub span: Span,
}

/// A circuit repeated as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rounds {
    /// How many times.
    pub count: Spanned<u32>,
    /// Rest between rounds.
    pub rest: Option<Spanned<Range>>,
    /// The body.
    pub body: Vec<Node>,
    /// The head line's statement.
    pub span: Span,
}

/// A studio's own sequence, defined in a routine or a catalog file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SequenceDef {
    /// Its id.
    pub id: Spanned<String>,
    /// Its display name, in quotes after the id.
    pub name: Option<Spanned<String>>,
    /// Its poses, as steps.
    pub body: Vec<Node>,
    /// The head line's statement.
    pub span: Span,
}

/// A pose step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The pose's name as written.
    pub pose: Spanned<String>,
    /// Dose, modifiers and cues, in source order.
    pub items: Vec<Spanned<StepItem>>,
    /// The step's statement.
    pub span: Span,
}

/// One part of a step after the pose name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepItem {
    /// `hold 30s` (the span is the value's).
    Hold(Spanned<Range>),
    /// A bare duration: continuous movement for that long.
    Work(Spanned<Range>),
    /// `8 reps` (the span is the number's).
    Reps(Spanned<Range>),
    /// `5 breaths` on its own: that many breaths of the pose, timed like a
    /// bare length (the span is the whole `5 breaths`).
    Breaths(Spanned<Range>),
    /// `hold 5 breaths`: a still hold of that many breaths (the span is the
    /// whole `5 breaths`).
    HoldBreaths(Spanned<Range>),
    /// `x3`.
    Sets(u32),
    /// `rest 45s` between sets (the span is the value's).
    Rest(Spanned<Range>),
    /// `tempo 3-1-3`.
    Tempo([u32; 3]),
    /// `each side`.
    EachSide,
    /// `alternating`.
    Alternating,
    /// `left`.
    Left,
    /// `right`.
    Right,
    /// `with block, strap`.
    With(Vec<Spanned<String>>),
    /// `or wall-slides 10 reps for osteoporosis`: an option for some people.
    Option(Box<StepOption>),
    /// A quoted cue.
    Cue(String),
    /// A word the grammar does not know here.
    Stray(String),
    /// A part that could not be read and already has its own diagnostic.
    Invalid,
}

/// What the people with a condition do instead of a step's pose:
/// `or wall-slides 10 reps for osteoporosis`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepOption {
    /// The pose they do, as written.
    pub pose: Spanned<String>,
    /// Its dose, sides and props.
    pub items: Vec<Spanned<StepItem>>,
    /// The conditions it is for, as written.
    pub conditions: Vec<Spanned<String>>,
}

/// `rest 60s "cue"` as a step of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestStep {
    /// How long.
    pub length: Spanned<Range>,
    /// Cues.
    pub cues: Vec<Spanned<String>>,
    /// The statement.
    pub span: Span,
}

/// The kinds of section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    /// Arriving: sitting or lying, settling the breath and attention.
    Centering,
    /// Breathing practice (pranayama).
    Breathing,
    /// Warm-up.
    Warmup,
    /// Flowing sequences such as sun salutations.
    Flow,
    /// Standing poses.
    Standing,
    /// Balances.
    Balance,
    /// Strength work.
    Strength,
    /// Mobility work.
    Mobility,
    /// Accessory work.
    Accessory,
    /// The class's most demanding poses.
    Peak,
    /// Seated, kneeling and lying poses on the floor.
    Floor,
    /// Cool-down.
    Cooldown,
    /// Restorative, supported poses.
    Restorative,
    /// Final relaxation (savasana).
    Relaxation,
}

impl SectionKind {
    /// Every kind's word.
    pub const WORDS: [&'static str; 14] = [
        "centering",
        "breathing",
        "warmup",
        "flow",
        "standing",
        "balance",
        "strength",
        "mobility",
        "accessory",
        "peak",
        "floor",
        "cooldown",
        "restorative",
        "relaxation",
    ];

    /// The kind a word names (ignoring case; `warm-up` and `cool-down` too).
    pub fn from_word(word: &str) -> Option<Self> {
        match word.to_ascii_lowercase().as_str() {
            "centering" | "centring" => Some(Self::Centering),
            "breathing" => Some(Self::Breathing),
            "warmup" | "warm-up" => Some(Self::Warmup),
            "flow" => Some(Self::Flow),
            "standing" => Some(Self::Standing),
            "balance" | "balances" => Some(Self::Balance),
            "strength" => Some(Self::Strength),
            "mobility" => Some(Self::Mobility),
            "accessory" => Some(Self::Accessory),
            "peak" => Some(Self::Peak),
            "floor" => Some(Self::Floor),
            "cooldown" | "cool-down" => Some(Self::Cooldown),
            "restorative" => Some(Self::Restorative),
            "relaxation" => Some(Self::Relaxation),
            _ => None,
        }
    }

    /// The kind's word.
    pub fn word(self) -> &'static str {
        match self {
            Self::Centering => "centering",
            Self::Breathing => "breathing",
            Self::Warmup => "warmup",
            Self::Flow => "flow",
            Self::Standing => "standing",
            Self::Balance => "balance",
            Self::Strength => "strength",
            Self::Mobility => "mobility",
            Self::Accessory => "accessory",
            Self::Peak => "peak",
            Self::Floor => "floor",
            Self::Cooldown => "cooldown",
            Self::Restorative => "restorative",
            Self::Relaxation => "relaxation",
        }
    }

    /// Whether the word also names a pose (`breathing`, `relaxation`), so
    /// that the word alone on a line is that pose, not a section missing its `:`.
    pub fn is_also_a_pose(self) -> bool {
        matches!(self, Self::Breathing | Self::Relaxation)
    }

    /// Whether the section prepares the body for harder work: a warm-up,
    /// mobility work, or a flow (sun salutations warm a class up).
    pub fn warms_up(self) -> bool {
        matches!(self, Self::Warmup | Self::Mobility | Self::Flow)
    }

    /// Whether a class may end with the section: a cool-down, restorative
    /// poses, relaxation or breathing.
    pub fn winds_down(self) -> bool {
        matches!(self, Self::Cooldown | Self::Restorative | Self::Relaxation | Self::Breathing)
    }

    /// A heading for people.
    pub fn heading(self) -> &'static str {
        match self {
            Self::Centering => "Centering",
            Self::Breathing => "Breathing",
            Self::Warmup => "Warm-up",
            Self::Flow => "Flow",
            Self::Standing => "Standing",
            Self::Balance => "Balance",
            Self::Strength => "Strength",
            Self::Mobility => "Mobility",
            Self::Accessory => "Accessory",
            Self::Peak => "Peak",
            Self::Floor => "Floor",
            Self::Cooldown => "Cool-down",
            Self::Restorative => "Restorative",
            Self::Relaxation => "Relaxation",
        }
    }
}
