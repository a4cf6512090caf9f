//! The pose catalog: poses, conditions and props, with lookups by id or alias
//! and "did you mean" suggestions.

mod model;
mod names;

pub use model::*;
pub use names::{Lookalike, lookalike};

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// Poses, conditions and props, indexed for lookup.
#[derive(Debug, Clone)]
pub struct Catalog {
    poses: Vec<Pose>,
    conditions: Vec<Condition>,
    props: Vec<Prop>,
    pose_index: HashMap<String, usize>,
    condition_index: HashMap<String, usize>,
    prop_index: HashMap<String, usize>,
}

/// The index of a pose within its catalog.
pub type PoseIndex = usize;

impl Catalog {
    /// The catalog built into ybc.
    pub fn builtin() -> Arc<Catalog> {
        static BUILTIN: OnceLock<Arc<Catalog>> = OnceLock::new();
        Arc::clone(BUILTIN.get_or_init(|| {
            // The data is compiled in and checked by this crate's tests, so a
            // broken file fails the test suite, never a user's run.
            let poses = load("poses.json", include_str!("poses.json"));
            let conditions = load("conditions.json", include_str!("conditions.json"));
            let props = load("props.json", include_str!("props.json"));
            Arc::new(Catalog::new(poses, conditions, props))
        }))
    }

    /// A catalog of the given entries.
    pub fn new(poses: Vec<Pose>, conditions: Vec<Condition>, props: Vec<Prop>) -> Self {
        let pose_index = index(poses.iter().map(|p| (&p.id, &p.aliases)));
        let condition_index = index(conditions.iter().map(|c| (&c.id, &c.aliases)));
        let prop_index = index(props.iter().map(|p| (&p.id, &p.aliases)));
        Self { poses, conditions, props, pose_index, condition_index, prop_index }
    }

    /// This catalog with more poses added (a studio's own, or a routine's `pose` lines).
    pub fn with_poses(&self, extra: Vec<Pose>) -> Self {
        let mut poses = self.poses.clone();
        poses.extend(extra);
        Self::new(poses, self.conditions.clone(), self.props.clone())
    }

    /// Every pose, in catalog order.
    pub fn poses(&self) -> &[Pose] {
        &self.poses
    }

    /// Every condition.
    pub fn conditions(&self) -> &[Condition] {
        &self.conditions
    }

    /// Every prop.
    pub fn props(&self) -> &[Prop] {
        &self.props
    }

    /// The pose at `index`.
    pub fn pose_at(&self, index: PoseIndex) -> Option<&Pose> {
        self.poses.get(index)
    }

    /// Looks a pose up by id or alias, ignoring case.
    pub fn find_pose(&self, name: &str) -> Option<PoseIndex> {
        lookup(&self.pose_index, name)
    }

    /// Looks a pose up by id or alias, ignoring case.
    pub fn pose(&self, name: &str) -> Option<&Pose> {
        self.find_pose(name).and_then(|i| self.poses.get(i))
    }

    /// Looks a condition up by id or alias, ignoring case.
    pub fn condition(&self, name: &str) -> Option<&Condition> {
        lookup(&self.condition_index, name).and_then(|i| self.conditions.get(i))
    }

    /// Looks a prop up by id or alias, ignoring case.
    pub fn prop(&self, name: &str) -> Option<&Prop> {
        lookup(&self.prop_index, name).and_then(|i| self.props.get(i))
    }

    /// The known pose name closest to `name`, if one is close enough to be a typo.
    pub fn suggest_pose(&self, name: &str) -> Option<&str> {
        suggest(name, self.pose_index.keys().map(String::as_str)).and_then(|n| self.pose(n)).map(|p| p.id.as_str())
    }

    /// The known condition closest to `name`.
    pub fn suggest_condition(&self, name: &str) -> Option<&str> {
        suggest(name, self.condition_index.keys().map(String::as_str))
            .and_then(|n| self.condition(n))
            .map(|c| c.id.as_str())
    }

    /// The known prop closest to `name`.
    pub fn suggest_prop(&self, name: &str) -> Option<&str> {
        suggest(name, self.prop_index.keys().map(String::as_str)).and_then(|n| self.prop(n)).map(|p| p.id.as_str())
    }

    /// Poses whose id, names, aliases, family or focus contain every word of `query`.
    pub fn search(&self, query: &str) -> Vec<&Pose> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        self.poses
            .iter()
            .filter(|pose| {
                let haystack = format!(
                    "{} {} {} {} {} {:?}",
                    pose.id,
                    pose.english,
                    pose.sanskrit.as_deref().unwrap_or(""),
                    pose.aliases.join(" "),
                    pose.family,
                    pose.focus
                )
                .to_lowercase();
                words.iter().all(|w| haystack.contains(w.as_str()))
            })
            .collect()
    }
}

// Only for the compiled-in catalog files, which `the_builtin_catalog_is_consistent`
// loads: they cannot fail at run time.
#[allow(clippy::panic)]
fn load<T: serde::de::DeserializeOwned>(file: &str, json: &str) -> Vec<T> {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("the built-in {file} is invalid: {e}"))
}

fn index<'a>(entries: impl Iterator<Item = (&'a String, &'a Vec<String>)>) -> HashMap<String, usize> {
    let mut map = HashMap::new();
    for (i, (id, aliases)) in entries.enumerate() {
        map.insert(id.to_lowercase(), i);
        for alias in aliases {
            map.entry(alias.to_lowercase()).or_insert(i);
        }
    }
    map
}

fn lookup(map: &HashMap<String, usize>, name: &str) -> Option<usize> {
    if let Some(&i) = map.get(name) {
        return Some(i);
    }
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        return map.get(&name.to_ascii_lowercase()).copied();
    }
    None
}

/// The longest name (in bytes) worth looking for a suggestion for.
const MAX_SUGGESTIBLE: usize = 64;

/// The candidate closest to `name` by edit distance, if it is close enough to be a typo.
///
/// Ties go to the alphabetically first candidate so that suggestions are stable.
pub fn suggest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    // No known name is anywhere near this long; comparing a pasted paragraph
    // against every name would cost time and suggest nothing.
    if name.len() > MAX_SUGGESTIBLE {
        return None;
    }
    let name = name.to_lowercase();
    let allowed = match name.chars().count() {
        0..=3 => 1,
        4..=7 => 2,
        _ => 3,
    };
    candidates
        .filter_map(|candidate| {
            let distance = strsim::damerau_levenshtein(&name, candidate);
            (distance <= allowed).then_some((distance, candidate))
        })
        .min()
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_catalog_is_consistent() {
        let catalog = Catalog::builtin();
        assert!(catalog.poses().len() >= 30);
        for pose in catalog.poses() {
            for other in pose.regressions.iter().chain(&pose.progressions) {
                assert!(catalog.pose(other).is_some(), "{}: unknown pose {other}", pose.id);
            }
            for c in &pose.contraindications {
                assert!(catalog.condition(&c.condition).is_some(), "{}: unknown condition {}", pose.id, c.condition);
                if let Some(instead) = &c.instead {
                    assert!(catalog.pose(instead).is_some(), "{}: unknown pose {instead}", pose.id);
                }
            }
            for prop in pose.props.needs.iter().chain(&pose.props.optional) {
                assert!(catalog.prop(prop).is_some(), "{}: unknown prop {prop}", pose.id);
            }
            for range in [pose.hold, pose.reps, pose.duration, pose.sets, pose.rest].into_iter().flatten() {
                assert!(range.min >= 1 && range.min <= range.max, "{}: bad range {range:?}", pose.id);
            }
            assert!(pose.hold.is_some() || pose.reps.is_some() || pose.duration.is_some(), "{}: no dose", pose.id);
            assert!(!pose.source.is_empty());
        }
    }

    #[test]
    fn aliases_match_ignoring_case() {
        let catalog = Catalog::builtin();
        assert_eq!(catalog.pose("Salabhasana").map(|p| p.id.as_str()), Some("locust"));
        assert_eq!(catalog.pose("LOCUST").map(|p| p.id.as_str()), Some("locust"));
        assert_eq!(catalog.suggest_pose("locsut"), Some("locust"));
        assert_eq!(catalog.suggest_pose("zzzzzz"), None);
    }
}
