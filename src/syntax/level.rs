//! The class levels a `level` header names. They are words of the language,
//! like the section kinds, so that reading a header written another way
//! (`Level - beginners`) can name the level to write.

/// The class level a routine is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RoutineLevel {
    /// Beginners.
    Beginner,
    /// Some experience.
    Intermediate,
    /// Experienced.
    Advanced,
    /// Mixed levels.
    AllLevels,
}

impl RoutineLevel {
    /// Every level's word, for messages and suggestions.
    pub const WORDS: [&'static str; 4] = ["beginner", "intermediate", "advanced", "all-levels"];

    /// The level a word names.
    pub fn from_word(word: &str) -> Option<Self> {
        match word.to_ascii_lowercase().as_str() {
            "beginner" => Some(Self::Beginner),
            "intermediate" => Some(Self::Intermediate),
            "advanced" => Some(Self::Advanced),
            "all-levels" => Some(Self::AllLevels),
            _ => None,
        }
    }

    /// The level's word.
    pub fn word(self) -> &'static str {
        match self {
            Self::Beginner => "beginner",
            Self::Intermediate => "intermediate",
            Self::Advanced => "advanced",
            Self::AllLevels => "all-levels",
        }
    }
}
