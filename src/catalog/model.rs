//! The shape of a catalog entry: poses, conditions and props.
//!
//! The built-in data lives in `poses.json`, `conditions.json` and `props.json`
//! beside this file and is embedded at compile time. Every entry carries its
//! `sources`, each of one fixed kind ([`Source`]): a section of the
//! upper-back strengthening guide (`../shared/seed/upper-back-strengthening.txt`),
//! a named public guideline, or general teaching practice with its reason.

use serde::{Deserialize, Serialize};

/// Where a value or a piece of advice comes from: one of a fixed set of kinds,
/// so that what is the article's, what a guideline says and what is a
/// teacher's judgement can be told apart (and shown) without reading prose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Source {
    /// The upper-back strengthening guide: the section, and what it says there.
    Guide {
        /// The section's heading (and the part of it, after a colon).
        section: String,
        /// What it says, in short.
        says: String,
    },
    /// A named public guideline or health service page.
    Guideline {
        /// Who publishes it (`NHS`, `Bone Health & Osteoporosis Foundation`).
        publisher: String,
        /// The page's title.
        title: String,
        /// Where it is.
        url: String,
        /// What it says, quoted or in short.
        says: String,
    },
    /// General teaching practice, and why.
    Practice {
        /// The reason, in one sentence.
        reason: String,
    },
    /// Written by the teacher on a routine's or a studio catalog's `pose` line
    /// or `sequence` block.
    Teacher,
    /// A studio's policy for a condition, in its `ybc.toml`
    /// (`[conditions.<id>]`): the file, the line, and the source the studio
    /// follows, in its own words.
    Studio {
        /// The config file, as it was named.
        file: String,
        /// The 1-based line of the entry.
        line: usize,
        /// The source the studio follows, as it wrote it.
        follows: String,
    },
}

impl Source {
    /// The source in a few words, for a diagnostic: "the upper-back strengthening
    /// guide", "general teaching practice", "NHS", "from its `pose` line".
    pub fn short(&self) -> &str {
        match self {
            Source::Guide { .. } => "the upper-back strengthening guide",
            Source::Guideline { publisher, .. } => publisher,
            Source::Practice { .. } => "general teaching practice",
            Source::Teacher => "from its `pose` line",
            Source::Studio { .. } => "the studio's policy",
        }
    }

    /// The source in a sentence, for `ybc explain`.
    pub fn cite(&self) -> String {
        match self {
            Source::Guide { section, says } => {
                format!("The upper-back strengthening guide, \"{section}\": {}.", says.trim_end_matches('.'))
            }
            Source::Guideline { publisher, title, url, says } => {
                format!("{publisher}, \"{title}\" ({url}): {}.", says.trim_end_matches('.'))
            }
            Source::Practice { reason } => format!("General teaching practice: {}.", reason.trim_end_matches('.')),
            Source::Teacher => "Defined by the teacher, in the routine or a studio catalog.".to_owned(),
            Source::Studio { file, line, follows } => {
                format!("The studio's policy ({file}, line {line}), following: {}.", follows.trim_end_matches('.'))
            }
        }
    }
}

/// An inclusive range of whole numbers (seconds or repetitions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bounds {
    /// Lower bound, inclusive.
    pub min: u32,
    /// Upper bound, inclusive.
    pub max: u32,
}

/// What a pose mainly trains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Focus {
    /// Builds strength or endurance.
    Strength,
    /// Builds or keeps range of motion.
    Mobility,
    /// Both strength and mobility.
    Both,
    /// Rest, breathing, or relaxation.
    Rest,
}

/// Whether a pose works both sides at once or one side at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Laterality {
    /// Both sides at once (locust, bridge).
    Bilateral,
    /// One side at a time (thread the needle, eagle arms).
    Unilateral,
}

/// The main action of the spine in a pose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Spine {
    /// Backbends and prone lifts.
    Extension,
    /// Forward folds, rounding.
    Flexion,
    /// Twists.
    Rotation,
    /// Neutral spine.
    Neutral,
    /// Moves between flexion and extension (cat-cow).
    Mixed,
}

/// The level a pose suits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// Suitable for beginners.
    Beginner,
    /// Needs some experience.
    Intermediate,
    /// For experienced practitioners.
    Advanced,
}

/// How strongly a condition speaks against a pose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Do not teach the pose as written to someone with the condition.
    Avoid,
    /// Teach it with the modification.
    Caution,
}

/// What a pose does to the body, in the words condition rules are written in
/// (`conditions.json`): a pose's safety follows from these, so a studio's own
/// pose is checked like a built-in one.
///
/// The first six come from a pose's other fields (its spine, `loads_shoulders`,
/// `overhead`, laterality); the rest are written in its `properties` list, or
/// as words on a `pose` line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Property {
    /// The spine bends back (`spine extension`).
    SpineExtension,
    /// The spine rounds forward (`spine flexion`).
    SpineFlexion,
    /// The spine twists (`spine rotation`).
    SpineRotation,
    /// Bears weight on or loads the shoulders.
    LoadsShoulders,
    /// Reaches the arms overhead.
    Overhead,
    /// One side at a time.
    Unilateral,
    /// Lying on the belly.
    Prone,
    /// Lying on the back.
    Supine,
    /// Upside down, the hips over the head, the weight on the head, shoulders, forearms or hands.
    Inversion,
    /// The head below the heart (standing folds, downward dog).
    HeadBelowHeart,
    /// Body weight through the neck (headstand, shoulder stand, plow).
    NeckLoad,
    /// A deep backbend (camel, bow, wheel, dancer).
    DeepBackbend,
    /// A closed twist: the chest turns towards the bent leg, compressing the belly.
    ClosedTwist,
    /// The spine rounded forward under body weight (plow, shoulder stand).
    LoadedFlexion,
    /// A forward fold from standing or sitting.
    ForwardFold,
    /// Body weight on the hands with the wrists bent back.
    WeightOnWrists,
    /// The whole body balanced on the hands (crow, handstand).
    ArmBalance,
    /// The body held or lowered on bent arms (chaturanga).
    BentArmLoad,
    /// Strong front-abdominal work (boat).
    DeepCore,
    /// A deep knee bend (kneeling on the heels, squatting, pigeon).
    DeepKneeBend,
    /// A deep knee bend with the shin turned (lotus, hero).
    KneeRotation,
    /// The hip bent well past 90 degrees.
    DeepHipFlexion,
    /// The hip bent deep with the leg crossing the midline or turned (eagle, pigeon, lotus).
    HipCrossing,
    /// Standing on one leg.
    OneLegBalance,
    /// Holding the breath in or out.
    BreathRetention,
    /// Forceful, rapid breathing (kapalabhati).
    ForcefulBreathing,
}

impl Property {
    /// Every property, in order.
    pub const ALL: [Property; 26] = [
        Property::SpineExtension,
        Property::SpineFlexion,
        Property::SpineRotation,
        Property::LoadsShoulders,
        Property::Overhead,
        Property::Unilateral,
        Property::Prone,
        Property::Supine,
        Property::Inversion,
        Property::HeadBelowHeart,
        Property::NeckLoad,
        Property::DeepBackbend,
        Property::ClosedTwist,
        Property::LoadedFlexion,
        Property::ForwardFold,
        Property::WeightOnWrists,
        Property::ArmBalance,
        Property::BentArmLoad,
        Property::DeepCore,
        Property::DeepKneeBend,
        Property::KneeRotation,
        Property::DeepHipFlexion,
        Property::HipCrossing,
        Property::OneLegBalance,
        Property::BreathRetention,
        Property::ForcefulBreathing,
    ];

    /// The properties a `pose` line or a `properties` list can name; the others
    /// come from a pose's own fields.
    pub fn written() -> &'static [Property] {
        &Property::ALL[6..]
    }

    /// The property as it is written (`head-below-heart`).
    pub fn word(self) -> &'static str {
        match self {
            Property::SpineExtension => "spine-extension",
            Property::SpineFlexion => "spine-flexion",
            Property::SpineRotation => "spine-rotation",
            Property::LoadsShoulders => "loads-shoulders",
            Property::Overhead => "overhead",
            Property::Unilateral => "unilateral",
            Property::Prone => "prone",
            Property::Supine => "supine",
            Property::Inversion => "inversion",
            Property::HeadBelowHeart => "head-below-heart",
            Property::NeckLoad => "neck-load",
            Property::DeepBackbend => "deep-backbend",
            Property::ClosedTwist => "closed-twist",
            Property::LoadedFlexion => "loaded-flexion",
            Property::ForwardFold => "forward-fold",
            Property::WeightOnWrists => "weight-on-wrists",
            Property::ArmBalance => "arm-balance",
            Property::BentArmLoad => "bent-arm-load",
            Property::DeepCore => "deep-core",
            Property::DeepKneeBend => "deep-knee-bend",
            Property::KneeRotation => "knee-rotation",
            Property::DeepHipFlexion => "deep-hip-flexion",
            Property::HipCrossing => "hip-crossing",
            Property::OneLegBalance => "one-leg-balance",
            Property::BreathRetention => "breath-retention",
            Property::ForcefulBreathing => "forceful-breathing",
        }
    }

    /// What it means, in a few words, for `ybc explain` and the docs.
    pub fn meaning(self) -> &'static str {
        match self {
            Property::SpineExtension => "the spine bending back",
            Property::SpineFlexion => "the spine rounding forward",
            Property::SpineRotation => "the spine twisting",
            Property::LoadsShoulders => "weight or load on the shoulders",
            Property::Overhead => "the arms overhead",
            Property::Unilateral => "one side worked at a time",
            Property::Prone => "lying on the belly",
            Property::Supine => "lying on the back",
            Property::Inversion => "the body upside down, the hips over the head",
            Property::HeadBelowHeart => "the head below the heart",
            Property::NeckLoad => "body weight through the neck",
            Property::DeepBackbend => "a deep backbend",
            Property::ClosedTwist => "a closed twist that compresses the belly",
            Property::LoadedFlexion => "the spine rounded forward under body weight",
            Property::ForwardFold => "a forward fold",
            Property::WeightOnWrists => "body weight on the hands, the wrists bent back",
            Property::ArmBalance => "the whole body balanced on the hands",
            Property::BentArmLoad => "the body held or lowered on bent arms",
            Property::DeepCore => "strong front-abdominal work",
            Property::DeepKneeBend => "a deep knee bend",
            Property::KneeRotation => "a deep knee bend with the shin turned",
            Property::DeepHipFlexion => "the hip bent well past 90 degrees",
            Property::HipCrossing => "a deep hip bend with the leg crossing the midline or turned",
            Property::OneLegBalance => "standing on one leg",
            Property::BreathRetention => "the breath held",
            Property::ForcefulBreathing => "forceful, rapid breathing",
        }
    }

    /// The written property named `word`, ignoring case.
    pub fn from_word(word: &str) -> Option<Property> {
        Property::written().iter().copied().find(|p| p.word().eq_ignore_ascii_case(word))
    }
}

/// Props a pose needs, and props that can help.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoseProps {
    /// Props without which the pose cannot be done (a band for band rows).
    #[serde(default)]
    pub needs: Vec<String>,
    /// Props that can support or adapt the pose.
    #[serde(default)]
    pub optional: Vec<String>,
}

/// One contraindication of a pose for a condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contraindication {
    /// Condition id (see `conditions.json`).
    pub condition: String,
    /// Avoid, or teach with caution.
    pub severity: Severity,
    /// Why, in one sentence a teacher would say.
    pub reason: String,
    /// The modification to offer, in words.
    pub modification: String,
    /// A pose to use instead, when the modification is a different pose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instead: Option<String>,
    /// Props that, used on the step (`with …`), make the pose acceptable.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lifted_with: Vec<String>,
    /// With this condition, static holds longer than this many seconds are a risk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_hold: Option<u32>,
    /// For one that follows from the condition's rules rather than being
    /// written for the pose: what the pose does that the rule is about.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub because: Vec<Property>,
    /// Where this comes from.
    pub sources: Vec<Source>,
}

/// A pose (or a movement, or a rest) in the catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pose {
    /// Kebab-case id, the canonical name in routines.
    pub id: String,
    /// English display name.
    pub english: String,
    /// Sanskrit name as studios spell it (no diacritics), where one exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sanskrit: Option<String>,
    /// The Sanskrit name in IAST, with diacritics (`Vīrabhadrāsana II`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sanskrit_iast: Option<String>,
    /// Other names a teacher may write: single kebab-case tokens, matched case-insensitively.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The family it belongs to (`locust`, `bridge`, `row`…), used for ordering rules.
    pub family: String,
    /// What it trains.
    pub focus: Focus,
    /// One side at a time or both.
    pub laterality: Laterality,
    /// Main spinal action.
    pub spine: Spine,
    /// Bears weight on or loads the shoulders.
    pub loads_shoulders: bool,
    /// Reaches the arms overhead.
    pub overhead: bool,
    /// Opens the chest (counts as chest-opening work).
    #[serde(default)]
    pub chest_opener: bool,
    /// Eccentric or slow-lowering emphasis.
    #[serde(default)]
    pub eccentric: bool,
    /// What else the pose does, for the conditions' rules ([`Property::written`]).
    #[serde(default)]
    pub properties: Vec<Property>,
    /// Recommended static hold, seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hold: Option<Bounds>,
    /// Recommended repetitions per set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reps: Option<Bounds>,
    /// Recommended continuous duration, seconds, for flowing movements.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<Bounds>,
    /// Recommended sets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sets: Option<Bounds>,
    /// Recommended rest between sets, seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rest: Option<Bounds>,
    /// Seconds one repetition takes when no hold or tempo is given.
    pub seconds_per_rep: u32,
    /// Recommended hold in breaths, where teachers count breaths.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breaths: Option<Bounds>,
    /// Garmin FIT's `pose_exercise_name` for it, where the FIT profile has one
    /// ([`crate::catalog::fit::POSE_NAMES`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fit: Option<String>,
    /// Props.
    #[serde(default)]
    pub props: PoseProps,
    /// Level.
    pub level: Level,
    /// Easier poses, easiest last.
    #[serde(default)]
    pub regressions: Vec<String>,
    /// Harder poses, next step first.
    #[serde(default)]
    pub progressions: Vec<String>,
    /// Teaching cues, the key cue first.
    #[serde(default)]
    pub cues: Vec<String>,
    /// Contraindications by condition.
    #[serde(default)]
    pub contraindications: Vec<Contraindication>,
    /// Where the values come from.
    pub sources: Vec<Source>,
}

impl Pose {
    /// Whether the pose does `property`, from its fields or its `properties`.
    pub fn has(&self, property: Property) -> bool {
        match property {
            Property::SpineExtension => self.spine == Spine::Extension,
            Property::SpineFlexion => self.spine == Spine::Flexion,
            Property::SpineRotation => self.spine == Spine::Rotation,
            Property::LoadsShoulders => self.loads_shoulders,
            Property::Overhead => self.overhead,
            Property::Unilateral => self.laterality == Laterality::Unilateral,
            written => self.properties.contains(&written),
        }
    }
}

/// One rule of a condition: poses that do all of `when` are to be avoided, or
/// taught with care, for someone with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionRule {
    /// Avoid, or teach with caution.
    pub severity: Severity,
    /// What a pose must do, all of it, for the rule to apply.
    pub when: Vec<Property>,
    /// Why, in one sentence a teacher would say.
    pub reason: String,
    /// The modification to offer, in words.
    pub modification: String,
    /// A pose to offer instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instead: Option<String>,
    /// Props that, used on the step (`with …`), make the pose acceptable.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lifted_with: Vec<String>,
    /// Where it comes from.
    pub sources: Vec<Source>,
}

/// A named run of poses done as one step, breath by breath: a sun salutation.
/// A routine writes it like a pose (`sun-salutation-a x3 rest 15s`); the plan
/// does every pose of every round as its own event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sequence {
    /// Kebab-case id.
    pub id: String,
    /// English display name.
    pub english: String,
    /// Sanskrit name as studios spell it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sanskrit: Option<String>,
    /// The Sanskrit name in IAST.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sanskrit_iast: Option<String>,
    /// Other names, kebab-case.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The level it suits.
    pub level: Level,
    /// The poses, in order.
    pub poses: Vec<SequencePose>,
    /// Teaching cues for the whole sequence.
    #[serde(default)]
    pub cues: Vec<String>,
    /// Where it comes from.
    pub sources: Vec<Source>,
}

/// One pose of a [`Sequence`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SequencePose {
    /// The pose's id.
    pub pose: String,
    /// How many breaths it is held (one for a movement on one breath).
    pub breaths: u32,
    /// For a one-sided pose, the side, where the sequence says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<SequenceSide>,
}

/// The side one pose of a sequence is done on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SequenceSide {
    /// The left side.
    Left,
    /// The right side.
    Right,
}

/// A condition that may be present in a class (`audience`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    /// Kebab-case id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Other names, kebab-case.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// How a teacher names a person with it, where "someone with" and the
    /// name reads badly ("someone who is pregnant").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who: Option<String>,
    /// What to keep in mind, in a sentence or two.
    pub guidance: String,
    /// Where it comes from.
    pub sources: Vec<Source>,
    /// What to avoid and what to teach with care, by what a pose does: with
    /// a studio's policy, the rules in force ([`Condition::with_policy`]).
    #[serde(default)]
    pub rules: Vec<ConditionRule>,
    /// With a studio's policy, the rules ybc comes with ([`Condition::builtin_rules`]).
    #[serde(skip)]
    pub builtin: Vec<ConditionRule>,
    /// The studio's policy for it, from `ybc.toml`, if any.
    #[serde(skip)]
    pub policy: Option<std::sync::Arc<super::Policy>>,
}

/// A prop a routine can use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prop {
    /// Kebab-case id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Other names, kebab-case.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// What can stand in for it, if anything (a towel for a blanket).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub substitute: Option<String>,
    /// Where it comes from.
    pub sources: Vec<Source>,
}
