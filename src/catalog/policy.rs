//! A studio's policy for a condition: the levels its `ybc.toml` gives, under
//! `[conditions.<id>]`, to what a pose does and to single poses, with the
//! source the studio follows. A policy takes over the built-in advice it
//! speaks to and leaves the rest; the catalog applies it like its own rules
//! ([`super::apply_condition_rules`]), so the command line and the language
//! server, which share one loader, both honour it.

use std::sync::Arc;

use super::{Condition, ConditionRule, Pose, Property, Severity, Source};
use crate::span::Span;

/// A level a studio gives: avoid, teach with care, or allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stance {
    /// Fine for someone with the condition: no finding.
    Allow,
    /// Teach with care: a `caution` warning.
    Caution,
    /// Do not teach as written: a `contraindicated` error.
    Avoid,
}

impl Stance {
    /// The words a config may use.
    pub const WORDS: [&'static str; 3] = ["avoid", "caution", "allow"];

    /// The stance a word names.
    pub fn from_word(word: &str) -> Option<Self> {
        match word {
            "avoid" => Some(Stance::Avoid),
            "caution" => Some(Stance::Caution),
            "allow" => Some(Stance::Allow),
            _ => None,
        }
    }

    /// The word for it.
    pub fn word(self) -> &'static str {
        match self {
            Stance::Allow => "allow",
            Stance::Caution => "caution",
            Stance::Avoid => "avoid",
        }
    }

    /// The strength of the finding it makes, if any.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Stance::Allow => None,
            Stance::Caution => Some(Severity::Caution),
            Stance::Avoid => Some(Severity::Avoid),
        }
    }
}

/// One line of a policy: what it is about, the level, and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyEntry<T> {
    /// The property, or the pose as the studio wrote it.
    pub subject: T,
    /// The level.
    pub level: Stance,
    /// The 1-based line in the config.
    pub line: usize,
    /// The name's place in the config's text, for pointing at it.
    pub span: Span,
}

/// A studio's policy for one condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// The config file, as it was named.
    pub file: String,
    /// The source the studio follows, in its own words.
    pub follows: String,
    /// Levels for what a pose does.
    pub properties: Vec<PolicyEntry<Property>>,
    /// Levels for single poses, by id or alias.
    pub poses: Vec<PolicyEntry<String>>,
}

impl Policy {
    /// The source of an entry on `line`.
    pub fn source(&self, line: usize) -> Source {
        Source::Studio { file: self.file.clone(), line, follows: self.follows.clone() }
    }

    /// Whether the policy gives a level to `property`.
    pub fn sets(&self, property: Property) -> bool {
        self.properties.iter().any(|e| e.subject == property)
    }

    /// The policy's entry for `pose`, by its id or one of its aliases.
    pub fn for_pose(&self, pose: &Pose) -> Option<&PolicyEntry<String>> {
        self.poses.iter().find(|e| {
            e.subject.eq_ignore_ascii_case(&pose.id) || pose.aliases.iter().any(|a| a.eq_ignore_ascii_case(&e.subject))
        })
    }
}

impl Condition {
    /// This condition with a studio's policy in force: every built-in rule
    /// about a property the policy gives a level to is set aside, and the
    /// policy's levels become rules of their own (keeping the built-in
    /// rule's reason, modification and pose to offer instead, where one was
    /// about that property alone). A condition that had a policy already
    /// starts again from its built-in rules.
    pub fn with_policy(&self, policy: Arc<Policy>) -> Condition {
        let builtin = self.builtin_rules().to_vec();
        let (set_aside, mut rules): (Vec<ConditionRule>, Vec<ConditionRule>) =
            builtin.iter().cloned().partition(|r| r.when.iter().any(|p| policy.sets(*p)));
        for entry in &policy.properties {
            let Some(severity) = entry.level.severity() else { continue };
            let property = entry.subject;
            let reason = format!(
                "The studio's policy marks poses with {} \"{}\", following {}.",
                property.meaning(),
                entry.level.word(),
                policy.follows.trim_end_matches('.')
            );
            let sources = vec![policy.source(entry.line)];
            // The built-in rule's advice on what to offer still holds; its
            // reason only where the studio keeps its level.
            let rule = match set_aside.iter().find(|r| r.when == [property]) {
                Some(own) if own.severity == severity => ConditionRule { sources, ..own.clone() },
                Some(own) => ConditionRule { severity, reason, sources, ..own.clone() },
                None => ConditionRule {
                    severity,
                    when: vec![property],
                    reason,
                    modification: format!("Offer a version without {}, or another pose.", property.meaning()),
                    instead: None,
                    lifted_with: Vec::new(),
                    sources,
                },
            };
            rules.push(rule);
        }
        Condition { rules, builtin, policy: Some(policy), ..self.clone() }
    }

    /// The rules ybc comes with, whatever a policy says.
    pub fn builtin_rules(&self) -> &[ConditionRule] {
        if self.policy.is_some() { &self.builtin } else { &self.rules }
    }

    /// The built-in rules a studio's policy has set aside.
    pub fn set_aside(&self) -> Vec<&ConditionRule> {
        match &self.policy {
            Some(policy) => self.builtin.iter().filter(|r| r.when.iter().any(|p| policy.sets(*p))).collect(),
            None => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn policy(properties: &[(Property, Stance)], poses: &[(&str, Stance)]) -> Arc<Policy> {
        let entry = |line, level| (line, level);
        Arc::new(Policy {
            file: "ybc.toml".into(),
            follows: "Too Fit To Fracture".into(),
            properties: properties
                .iter()
                .enumerate()
                .map(|(i, (p, l))| {
                    let (line, level) = entry(i + 3, *l);
                    PolicyEntry { subject: *p, level, line, span: Span::default() }
                })
                .collect(),
            poses: poses
                .iter()
                .map(|(p, l)| PolicyEntry { subject: (*p).to_owned(), level: *l, line: 9, span: Span::default() })
                .collect(),
        })
    }

    fn level(catalog: &Catalog, pose: &str) -> Option<Severity> {
        let pose = catalog.pose(pose).expect("pose");
        pose.contraindications.iter().find(|c| c.condition == "osteoporosis").map(|c| c.severity)
    }

    #[test]
    fn a_property_level_takes_over_the_rules_and_the_advice_written_for_its_poses() {
        let builtin = Catalog::builtin();
        assert_eq!(level(&builtin, "locust"), Some(Severity::Avoid));
        assert_eq!(level(&builtin, "thread-the-needle"), Some(Severity::Caution));
        let studio = builtin.with_policies(&[(
            "osteoporosis".to_owned(),
            policy(&[(Property::SpineExtension, Stance::Allow), (Property::SpineRotation, Stance::Avoid)], &[]),
        )]);
        assert_eq!(level(&studio, "locust"), None, "extension is allowed");
        assert_eq!(level(&studio, "thread-the-needle"), Some(Severity::Avoid));
        assert_eq!(level(&studio, "camel"), Some(Severity::Avoid), "the deep-backbend rule still stands");
        assert_eq!(level(&studio, "locust"), None);
        let rotation = studio.pose("thread-the-needle").expect("pose");
        let c = rotation.contraindications.iter().find(|c| c.condition == "osteoporosis").expect("entry");
        assert!(matches!(&c.sources[..], [Source::Studio { line: 4, .. }]), "{:?}", c.sources);
        assert_eq!(level(&builtin, "locust"), Some(Severity::Avoid), "the built-in catalog is untouched");
    }

    /// A hold limit is advice on the dose, which a level does not change.
    #[test]
    fn a_hold_limit_stays_whatever_the_level() {
        let limit = |catalog: &Catalog, pose: &str| {
            let pose = catalog.pose(pose).expect("pose");
            let c = pose.contraindications.iter().find(|c| c.condition == "high-blood-pressure");
            c.map(|c| (c.severity, c.max_hold))
        };
        let builtin = Catalog::builtin();
        assert_eq!(limit(&builtin, "downward-dog"), Some((Severity::Caution, Some(30))));
        let hbp = |properties: &[(Property, Stance)], poses: &[(&str, Stance)]| {
            builtin.with_policies(&[("high-blood-pressure".to_owned(), policy(properties, poses))])
        };
        let allowed = hbp(&[(Property::HeadBelowHeart, Stance::Allow)], &[("plank", Stance::Allow)]);
        assert_eq!(limit(&allowed, "downward-dog"), Some((Severity::Caution, Some(30))));
        assert_eq!(limit(&allowed, "plank"), Some((Severity::Caution, Some(20))));
        let avoided = hbp(&[(Property::HeadBelowHeart, Stance::Avoid)], &[]);
        assert_eq!(limit(&avoided, "downward-dog"), Some((Severity::Avoid, Some(30))));
    }

    #[test]
    fn a_pose_level_wins_over_the_property_levels() {
        let studio = Catalog::builtin().with_policies(&[(
            "osteoporosis".to_owned(),
            policy(&[(Property::SpineExtension, Stance::Allow)], &[("salabhasana", Stance::Caution)]),
        )]);
        assert_eq!(level(&studio, "locust"), Some(Severity::Caution));
        assert_eq!(level(&studio, "cobra"), None);
    }
}
