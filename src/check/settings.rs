//! What a check run is told: each rule's level and the other settings that
//! `ybc.toml` and the command line give. The types live here, below the config
//! reader, so that the rules never depend on how settings are read.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::catalog::Policy;

use crate::diagnostic::Severity;

/// The level a rule reports at, or `allow` to turn it off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// The rule is off.
    Allow,
    /// Reported at a level.
    Report(Severity),
}

impl Level {
    /// The words a config may use.
    pub const WORDS: [&'static str; 4] = ["allow", "info", "warning", "error"];

    /// The level a word names.
    pub fn from_word(word: &str) -> Option<Self> {
        match word {
            "allow" | "off" => Some(Level::Allow),
            "info" => Some(Level::Report(Severity::Info)),
            "warning" | "warn" => Some(Level::Report(Severity::Warning)),
            "error" => Some(Level::Report(Severity::Error)),
            _ => None,
        }
    }
}

/// Settings for a check run, from defaults, `ybc.toml` and the command line.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Rule levels that differ from the defaults.
    pub levels: HashMap<&'static str, Level>,
    /// How far the planned total may miss the declared `duration`, as a fraction (0.15 is 15%).
    pub duration_tolerance: f64,
    /// Conditions to check for in every routine, on top of each routine's `audience`.
    pub audience: Vec<String>,
    /// Whether `audience` replaces each routine's own `audience` line instead
    /// of adding to it (`--audience-only`).
    pub audience_only: bool,
    /// Extra catalog files: the real paths (symbolic links resolved) of the
    /// `.ybc` files the config names inside its own folder, each once.
    pub catalogs: Vec<PathBuf>,
    /// The studio's policies, by condition id (`[conditions.<id>]`): the
    /// loader builds the catalog with them in force.
    pub policies: Vec<(String, Arc<Policy>)>,
    /// The config file these came from, if any.
    pub source: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            levels: HashMap::new(),
            duration_tolerance: 0.15,
            audience: Vec::new(),
            audience_only: false,
            catalogs: Vec::new(),
            policies: Vec::new(),
            source: None,
        }
    }
}

impl Settings {
    /// The level of a rule: configured, or the rule's default.
    pub fn level(&self, rule: &super::Rule) -> Level {
        self.levels.get(rule.info.name).copied().unwrap_or(Level::Report(rule.info.default))
    }
}
