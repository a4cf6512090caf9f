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
    /// Written by the teacher on a routine's or a studio catalog's `pose` line.
    Teacher,
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
        }
    }

    /// The source in a sentence, for `ybc explain`.
    pub fn cite(&self) -> String {
        match self {
            Source::Guide { section, says } => format!("The upper-back strengthening guide, \"{section}\": {says}."),
            Source::Guideline { publisher, title, url, says } => format!("{publisher}, \"{title}\" ({url}): {says}."),
            Source::Practice { reason } => format!("General teaching practice: {reason}."),
            Source::Teacher => "Defined by the teacher on a `pose` line.".to_owned(),
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Do not teach the pose as written to someone with the condition.
    Avoid,
    /// Teach it with the modification.
    Caution,
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
    /// Sanskrit name (IAST without diacritics), where one exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sanskrit: Option<String>,
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
    /// What to keep in mind, in a sentence or two.
    pub guidance: String,
    /// Where it comes from.
    pub sources: Vec<Source>,
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
