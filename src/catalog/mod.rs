//! The pose catalog: poses, conditions and props, with lookups by id or alias
//! and "did you mean" suggestions.

pub mod fit;
mod model;
mod names;
mod policy;

pub use model::*;
pub use names::{Lookalike, lookalike};
pub use policy::{Policy, PolicyEntry, Stance};

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// Poses, conditions and props, indexed for lookup.
///
/// A routine's own `pose` lines (or a studio's catalog file) make a catalog
/// that adds poses to another without copying it: [`Catalog::with_poses`].
#[derive(Debug, Clone)]
pub struct Catalog {
    /// The catalog this one adds poses to; its poses come first. It has no
    /// base of its own, so lookups go at most one level down.
    base: Option<Arc<Catalog>>,
    /// This catalog's own poses (for one with a base: the added ones).
    poses: Vec<Pose>,
    /// For a catalog without a base, its poses as given, before the
    /// conditions' rules were applied: what a studio's policy starts from.
    given: Arc<Vec<Pose>>,
    conditions: Vec<Condition>,
    props: Vec<Prop>,
    pose_index: Index,
    /// The pose index's names by length, for suggestions: [`by_length`].
    pose_names: Vec<(usize, String)>,
    condition_index: Index,
    prop_index: Index,
    /// Sequences (sun salutations): the built-in ones in the root catalog,
    /// a routine's or studio's own in the catalog that adds them.
    sequences: Vec<Sequence>,
    sequence_index: Index,
}

/// Adds to `pose` the contraindications that follow from what it does: for
/// each condition, its strictest rule whose properties the pose all has.
///
/// A contraindication written for the pose itself from a source (the
/// upper-back strengthening guide's entry for locust and neck pain) is more
/// specific than a rule about all prone poses, so it stands. One a teacher
/// wrote on a `pose` line stands unless the rule is stricter: a `caution`
/// mark cannot turn a sourced "avoid" into a warning. A pose one of a
/// condition's rules offers instead gets none of that condition's rules.
///
/// A studio's policy ([`Condition::policy`]) comes first: its level for the
/// pose itself decides; a level for something the pose does takes over the
/// advice built in for the pose (its rules are already in the condition's).
/// A built-in hold limit (plank for high blood pressure) is advice on the
/// dose, not a level: it is kept either way.
pub fn apply_condition_rules(pose: &mut Pose, conditions: &[Condition]) {
    for condition in conditions {
        if let Some((policy, entry)) = condition.policy.as_deref().and_then(|p| Some((p, p.for_pose(pose)?))) {
            apply_pose_policy(pose, condition, policy, entry);
            continue;
        }
        // A pose a condition's rules offer instead is that condition's answer,
        // not its concern (the supported bridge for neck pain).
        if condition.rules.iter().any(|r| r.instead.as_deref() == Some(pose.id.as_str())) {
            continue;
        }
        let mut limit = None;
        if condition.policy.as_deref().is_some_and(|p| p.properties.iter().any(|e| pose.has(e.subject))) {
            limit = take_builtin(pose, &condition.id).filter(|c| c.max_hold.is_some());
        }
        let strictest = [Severity::Avoid, Severity::Caution].into_iter().find_map(|severity| {
            condition.rules.iter().find(|r| r.severity == severity && r.when.iter().all(|p| pose.has(*p)))
        });
        let Some(rule) = strictest else {
            pose.contraindications.extend(limit.map(|c| Contraindication { severity: Severity::Caution, ..c }));
            continue;
        };
        if let Some(written) = pose.contraindications.iter().find(|c| c.condition == condition.id) {
            let by_teacher = written.sources == [Source::Teacher];
            if !by_teacher || written.severity == Severity::Avoid || rule.severity == Severity::Caution {
                continue;
            }
            pose.contraindications.retain(|c| c.condition != condition.id);
        }
        pose.contraindications.push(Contraindication {
            condition: condition.id.clone(),
            severity: rule.severity,
            reason: rule.reason.clone(),
            modification: rule.modification.clone(),
            instead: rule.instead.clone(),
            lifted_with: rule.lifted_with.clone(),
            max_hold: limit.and_then(|c| c.max_hold),
            because: rule.when.clone(),
            sources: rule.sources.clone(),
        });
    }
}

/// Applies a studio's level for one pose: it replaces the advice built in
/// for the pose and for what it does. A teacher's own mark on a `pose` line
/// stands unless the studio's level is stricter.
fn apply_pose_policy(pose: &mut Pose, condition: &Condition, policy: &Policy, entry: &PolicyEntry<String>) {
    let builtin = pose
        .contraindications
        .iter()
        .find(|c| c.condition == condition.id && c.sources != [Source::Teacher])
        .cloned()
        .or_else(|| {
            let mut plain = pose.clone();
            plain.contraindications.clear();
            let builtin = Condition { rules: condition.builtin_rules().to_vec(), policy: None, ..condition.clone() };
            apply_condition_rules(&mut plain, std::slice::from_ref(&builtin));
            plain.contraindications.pop()
        });
    take_builtin(pose, &condition.id);
    let max_hold = builtin.as_ref().and_then(|b| b.max_hold);
    let Some(severity) = entry.level.severity() else {
        // Allowed, but a hold limit stays.
        let limit = builtin.filter(|b| b.max_hold.is_some());
        pose.contraindications.extend(limit.map(|c| Contraindication { severity: Severity::Caution, ..c }));
        return;
    };
    if let Some(teacher) = pose.contraindications.iter().find(|c| c.condition == condition.id) {
        if teacher.severity <= severity {
            return;
        }
        pose.contraindications.retain(|c| c.condition != condition.id);
    }
    let modification = builtin
        .as_ref()
        .map_or_else(|| "Offer a gentler version, or another pose.".to_owned(), |b| b.modification.clone());
    pose.contraindications.push(Contraindication {
        condition: condition.id.clone(),
        severity,
        reason: format!(
            "The studio's policy marks {} \"{}\", following {}.",
            pose.english,
            entry.level.word(),
            policy.follows.trim_end_matches('.')
        ),
        modification,
        instead: builtin.as_ref().and_then(|b| b.instead.clone()),
        lifted_with: builtin.map(|b| b.lifted_with).unwrap_or_default(),
        max_hold,
        because: Vec::new(),
        sources: vec![policy.source(entry.line)],
    });
}

/// Removes the advice built in for `pose` and `condition` (not a teacher's
/// own mark), and returns it.
fn take_builtin(pose: &mut Pose, condition: &str) -> Option<Contraindication> {
    let at = pose.contraindications.iter().position(|c| c.condition == condition && c.sources != [Source::Teacher])?;
    let taken = pose.contraindications.remove(at);
    pose.contraindications.retain(|c| c.condition != condition || c.sources == [Source::Teacher]);
    Some(taken)
}

/// Lowercase id or alias → (position, whether it is the entry's id).
type Index = HashMap<String, (usize, bool)>;

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
            let sequences = load("sequences.json", include_str!("sequences.json"));
            Arc::new(Catalog::new(poses, conditions, props).with_sequences(sequences))
        }))
    }

    /// A catalog of the given entries. Each pose gets the contraindications
    /// that follow from what it does ([`apply_condition_rules`]).
    pub fn new(mut poses: Vec<Pose>, conditions: Vec<Condition>, props: Vec<Prop>) -> Self {
        let given = Arc::new(poses.clone());
        for pose in &mut poses {
            apply_condition_rules(pose, &conditions);
        }
        let pose_index = index(poses.iter().map(|p| (&p.id, &p.aliases)));
        let pose_names = by_length(&pose_index);
        let condition_index = index(conditions.iter().map(|c| (&c.id, &c.aliases)));
        let prop_index = index(props.iter().map(|p| (&p.id, &p.aliases)));
        Self {
            base: None,
            poses,
            given,
            conditions,
            props,
            pose_index,
            pose_names,
            condition_index,
            prop_index,
            sequences: Vec::new(),
            sequence_index: Index::new(),
        }
    }

    /// This catalog with these sequences, which take over any of its own
    /// with the same id.
    pub fn with_sequences(mut self, sequences: Vec<Sequence>) -> Self {
        self.sequences.extend(sequences);
        self.sequence_index = index(self.sequences.iter().map(|s| (&s.id, &s.aliases)));
        self
    }

    /// Looks a sequence up by id or alias, ignoring case: this catalog's own
    /// first, then the built-in ones.
    pub fn sequence(&self, name: &str) -> Option<&Sequence> {
        let own = lookup(&self.sequence_index, name).and_then(|(i, _)| self.sequences.get(i));
        own.or_else(|| {
            let base = self.base.as_deref()?;
            lookup(&base.sequence_index, name).and_then(|(i, _)| base.sequences.get(i))
        })
    }

    /// Every sequence: the built-in ones, then this catalog's own.
    pub fn sequences(&self) -> impl Iterator<Item = &Sequence> {
        let base: &[Sequence] = self.base.as_ref().map_or(&[], |base| &base.sequences);
        base.iter().chain(self.sequences.iter())
    }

    /// This catalog with more poses added (a studio's own, or a routine's `pose` lines).
    ///
    /// An added pose whose id is already known takes that id over; an added
    /// alias never hides a known name. The catalog itself is shared, not copied.
    pub fn with_poses(self: &Arc<Self>, extra: Vec<Pose>) -> Self {
        let (base, mut poses, sequences) = match &self.base {
            Some(base) => (Arc::clone(base), self.poses.clone(), self.sequences.clone()),
            None => (Arc::clone(self), Vec::new(), Vec::new()),
        };
        poses.extend(extra);
        let pose_index = index(poses.iter().map(|p| (&p.id, &p.aliases)));
        let pose_names = by_length(&pose_index);
        Self {
            base: Some(base),
            poses,
            given: Arc::new(Vec::new()),
            conditions: Vec::new(),
            props: Vec::new(),
            pose_index,
            pose_names,
            condition_index: Index::new(),
            prop_index: Index::new(),
            sequence_index: index(sequences.iter().map(|s| (&s.id, &s.aliases))),
            sequences,
        }
    }

    /// This catalog's root (the one with the conditions, the props and the
    /// first poses) with studios' policies in force, by condition id: a new
    /// catalog whose poses follow the conditions' rules and the policies.
    /// Poses added on top of this catalog are not carried over; add them to
    /// the new one.
    pub fn with_policies(&self, policies: &[(String, Arc<Policy>)]) -> Catalog {
        let root = self.root();
        let conditions = root
            .conditions
            .iter()
            .map(|c| match policies.iter().find(|(id, _)| *id == c.id) {
                Some((_, policy)) => c.with_policy(Arc::clone(policy)),
                None => c.clone(),
            })
            .collect();
        let given = root.given.as_ref().clone();
        Catalog::new(given, conditions, root.props.clone()).with_sequences(root.sequences.clone())
    }

    /// The catalog that holds the conditions and props, and the first poses.
    fn root(&self) -> &Catalog {
        self.base.as_deref().unwrap_or(self)
    }

    /// How many poses come before this catalog's own.
    fn offset(&self) -> usize {
        self.base.as_ref().map_or(0, |base| base.poses.len())
    }

    /// Every pose, in catalog order.
    pub fn poses(&self) -> std::iter::Chain<std::slice::Iter<'_, Pose>, std::slice::Iter<'_, Pose>> {
        let base: &[Pose] = self.base.as_ref().map_or(&[], |base| &base.poses);
        base.iter().chain(self.poses.iter())
    }

    /// Every condition.
    pub fn conditions(&self) -> &[Condition] {
        &self.root().conditions
    }

    /// Every prop.
    pub fn props(&self) -> &[Prop] {
        &self.root().props
    }

    /// The pose at `index`.
    pub fn pose_at(&self, index: PoseIndex) -> Option<&Pose> {
        match (&self.base, index.checked_sub(self.offset())) {
            (Some(base), None) => base.poses.get(index),
            (_, Some(own)) => self.poses.get(own),
            (None, None) => None,
        }
    }

    /// Looks a pose up by id or alias, ignoring case.
    pub fn find_pose(&self, name: &str) -> Option<PoseIndex> {
        let own = lookup(&self.pose_index, name);
        let Some(base) = &self.base else { return own.map(|(i, _)| i) };
        match own {
            Some((i, true)) => Some(self.offset() + i),
            _ => lookup(&base.pose_index, name).map(|(i, _)| i).or(own.map(|(i, _)| self.offset() + i)),
        }
    }

    /// Looks a pose up by id or alias, ignoring case.
    pub fn pose(&self, name: &str) -> Option<&Pose> {
        self.find_pose(name).and_then(|i| self.pose_at(i))
    }

    /// Looks a condition up by id or alias, ignoring case.
    pub fn condition(&self, name: &str) -> Option<&Condition> {
        let root = self.root();
        lookup(&root.condition_index, name).and_then(|(i, _)| root.conditions.get(i))
    }

    /// Looks a prop up by id or alias, ignoring case.
    pub fn prop(&self, name: &str) -> Option<&Prop> {
        let root = self.root();
        lookup(&root.prop_index, name).and_then(|(i, _)| root.props.get(i))
    }

    /// A pose written out in words, as a teacher says it (`child's pose`,
    /// `downward facing dog`, `locust pose`): the words joined with dashes,
    /// without apostrophes, looked up as an id or alias, then as an English or
    /// Sanskrit name written that way, then without a last word `pose`.
    pub fn find_pose_in_words(&self, words: &[&str]) -> Option<PoseIndex> {
        let joined = dashed(&words.join(" "));
        let plain = joined.strip_suffix("-pose").filter(|rest| !rest.is_empty());
        [Some(joined.as_str()), plain].into_iter().flatten().find_map(|name| {
            self.find_pose(name).or_else(|| {
                self.poses()
                    .find(|pose| {
                        dashed(&pose.english) == name || pose.sanskrit.as_deref().is_some_and(|s| dashed(s) == name)
                    })
                    .and_then(|pose| self.find_pose(&pose.id))
            })
        })
    }

    /// The known pose name closest to `name`, if one is close enough to be a typo.
    ///
    /// Only names whose length is within the allowed distance are compared, the
    /// nearest lengths first, and at most [`MAX_COMPARED`] of them: a file with
    /// thousands of its own poses and thousands of unknown names costs time in
    /// proportion to the file, not to the one number times the other.
    pub fn suggest_pose(&self, name: &str) -> Option<&str> {
        let base = self.base.as_ref().map_or(&[][..], |base| base.pose_names.as_slice());
        suggest_by_length(name, [base, self.pose_names.as_slice()]).and_then(|n| self.pose(n)).map(|p| p.id.as_str())
    }

    /// The known condition closest to `name`.
    pub fn suggest_condition(&self, name: &str) -> Option<&str> {
        suggest(name, self.root().condition_index.keys().map(String::as_str))
            .and_then(|n| self.condition(n))
            .map(|c| c.id.as_str())
    }

    /// The known prop closest to `name`.
    pub fn suggest_prop(&self, name: &str) -> Option<&str> {
        suggest(name, self.root().prop_index.keys().map(String::as_str))
            .and_then(|n| self.prop(n))
            .map(|p| p.id.as_str())
    }

    /// Poses whose id, names, aliases, family or focus contain every word of `query`.
    pub fn search(&self, query: &str) -> Vec<&Pose> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        self.poses()
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

/// Ids take their name over from an earlier entry; aliases never do.
fn index<'a>(entries: impl Iterator<Item = (&'a String, &'a Vec<String>)>) -> Index {
    let mut map = Index::new();
    for (i, (id, aliases)) in entries.enumerate() {
        map.insert(id.to_lowercase(), (i, true));
        for alias in aliases {
            map.entry(alias.to_lowercase()).or_insert((i, false));
        }
    }
    map
}

/// Looks `name` up as written, in lower case, and without diacritics
/// (Sanskrit is often written in IAST: `Bālāsana` is `balasana`).
fn lookup(map: &Index, name: &str) -> Option<(usize, bool)> {
    if let Some(&i) = map.get(name) {
        return Some(i);
    }
    if name.bytes().any(|b| b.is_ascii_uppercase())
        && let Some(&i) = map.get(&name.to_ascii_lowercase())
    {
        return Some(i);
    }
    match without_diacritics(name) {
        Some(plain) => lookup(map, &plain),
        None => None,
    }
}

/// `name` with its letters' accents taken off (`Śalabhāsana` →
/// `Salabhasana`), or `None` when that changes nothing. Only the accents of
/// the Combining Diacritical Marks block go (all that IAST uses): a Cyrillic
/// or Greek look-alike, and an invisible joiner or variation selector, stay,
/// for [`lookalike`] to name or the name to be unknown.
fn without_diacritics(name: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    if name.is_ascii() {
        return None;
    }
    let accent = |c: char| ('\u{0300}'..='\u{036F}').contains(&c) && c != '\u{034F}';
    let plain: String = name.nfd().filter(|&c| !accent(c)).collect();
    (plain != name).then_some(plain)
}

/// A name in words as an id would be written: lower case, without accents or
/// apostrophes, dashes between words (`Child's Pose` → `childs-pose`).
fn dashed(name: &str) -> String {
    let name = without_diacritics(name).map_or(std::borrow::Cow::Borrowed(name), std::borrow::Cow::Owned);
    let plain: String = name.chars().filter(|c| !matches!(c, '\'' | '’')).collect::<String>().to_lowercase();
    plain.split([' ', '-']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join("-")
}

/// The longest name (in bytes) worth looking for a suggestion for.
const MAX_SUGGESTIBLE: usize = 64;

/// The most pose names one suggestion looks at in one list of names (the
/// built-in catalog's, or the added poses'), those of a near enough length,
/// and of them the most it compares by edit distance (those whose letters
/// could be near enough). The built-in catalog has 622 names, at most 60 of
/// one length and 302 within three of ten letters, so it is always searched
/// whole; only a very large studio catalog or file of custom poses reaches
/// these, and then the names of the nearest lengths are looked at first, and
/// within a length those nearest the name in alphabetical order. Each list
/// has its own budget, so a large built-in catalog never hides an added pose.
pub const MAX_LOOKED: usize = 512;
/// See [`MAX_LOOKED`].
pub const MAX_COMPARED: usize = 32;

/// How far (in edits) a name of `chars` characters may be from a known one to be suggested.
fn allowed_distance(chars: usize) -> usize {
    match chars {
        0..=3 => 1,
        4..=7 => 2,
        _ => 3,
    }
}

/// An index's names with their length in characters, in order of length, then name.
fn by_length(index: &Index) -> Vec<(usize, String)> {
    let mut names: Vec<(usize, String)> = index.keys().map(|k| (k.chars().count(), k.clone())).collect();
    names.sort_unstable();
    names
}

/// [`suggest`] over lists made by [`by_length`]: only names of a near enough
/// length, the nearest first, those whose letters could be near enough, and
/// at most [`MAX_LOOKED`] names and [`MAX_COMPARED`] edit distances in each list.
fn suggest_by_length<'a>(name: &str, lists: [&'a [(usize, String)]; 2]) -> Option<&'a str> {
    if name.len() > MAX_SUGGESTIBLE {
        return None;
    }
    let name = name.to_lowercase();
    let chars = name.chars().count();
    let allowed = allowed_distance(chars);
    // Lengths in order of nearness: chars, chars - 1, chars + 1, …
    let lengths = (0..=allowed).flat_map(|d| [chars.checked_sub(d), (d > 0).then_some(chars + d)]).flatten();
    let mut best: Option<(usize, &str)> = None;
    for list in lists {
        let (mut looked, mut compared) = (0, 0);
        'list: for length in lengths.clone() {
            let from = list.partition_point(|(l, _)| *l < length);
            let to = list.partition_point(|(l, _)| *l <= length);
            let bucket = list.get(from..to).unwrap_or_default();
            // Outwards from where the name would sort: a typo mostly keeps the start of a name.
            let at = bucket.partition_point(|(_, c)| c.as_str() < name.as_str());
            let outwards = (0..bucket.len()).flat_map(|k| [at.checked_sub(k + 1), Some(at + k)]).flatten();
            for (_, candidate) in outwards.filter_map(|i| bucket.get(i)) {
                if looked == MAX_LOOKED || compared == MAX_COMPARED {
                    break 'list;
                }
                looked += 1;
                if letters_apart(&name, candidate) > allowed {
                    continue;
                }
                compared += 1;
                let distance = strsim::damerau_levenshtein(&name, candidate);
                if distance <= allowed && best.is_none_or(|b| (distance, candidate.as_str()) < b) {
                    best = Some((distance, candidate));
                }
            }
        }
    }
    best.map(|(_, c)| c)
}

/// A lower bound of the edit distance between two names from their letters
/// alone (each edit adds, removes or changes at most one letter), cheap to
/// work out; 0 for names that are not ASCII.
fn letters_apart(a: &str, b: &str) -> usize {
    if !a.is_ascii() || !b.is_ascii() {
        return 0;
    }
    let mut counts = [0u8; 128];
    for byte in a.bytes() {
        if let Some(c) = counts.get_mut(usize::from(byte)) {
            *c = c.saturating_add(1);
        }
    }
    // The letters the two have in common; the rest of each must be edited.
    let mut common = 0;
    for byte in b.bytes() {
        if let Some(c) = counts.get_mut(usize::from(byte))
            && *c > 0
        {
            *c -= 1;
            common += 1;
        }
    }
    (a.len() - common).max(b.len() - common)
}

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
    let chars = name.chars().count();
    let allowed = allowed_distance(chars);
    candidates
        // Names whose lengths differ by more than the allowed edits can't be near enough.
        .filter(|candidate| candidate.len() + allowed >= chars && candidate.chars().count() <= chars + allowed)
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
    fn added_poses_extend_the_catalog_without_copying_it() {
        let builtin = Catalog::builtin();
        let known = builtin.poses().count();
        let locust = builtin.pose("locust").unwrap().clone();
        let some_alias = builtin.poses().find_map(|p| p.aliases.first().map(|a| (a.clone(), p.id.clone()))).unwrap();
        // A new pose whose alias is a known pose's alias, and one that takes over `locust`.
        let mut added = locust.clone();
        added.id = "wall-locust".into();
        added.aliases = vec![some_alias.0.clone()];
        let mut takeover = locust.clone();
        takeover.id = "locust".into();
        takeover.english = "Studio Locust".into();
        takeover.aliases = vec![];
        let overlay = Arc::new(builtin.with_poses(vec![added]));
        let both = overlay.with_poses(vec![takeover]);

        assert_eq!(both.poses().count(), known + 2);
        assert_eq!(both.find_pose("wall-locust"), Some(known));
        assert_eq!(both.pose_at(known + 1).map(|p| p.english.as_str()), Some("Studio Locust"));
        assert_eq!(both.pose("LOCUST").map(|p| p.english.as_str()), Some("Studio Locust"));
        assert_eq!(both.pose(&some_alias.0).map(|p| p.id.as_str()), Some(some_alias.1.as_str()));
        assert_eq!(both.suggest_pose("wall-locst"), Some("wall-locust"));
        assert_eq!(both.conditions().len(), builtin.conditions().len());
        assert!(both.prop("block").is_some());
        assert_eq!(both.pose_at(known + 2), None);
        assert_eq!(builtin.poses().count(), known, "the built-in catalog is untouched");
    }

    #[test]
    fn the_builtin_catalog_is_consistent() {
        let catalog = Catalog::builtin();
        assert!(catalog.poses().count() >= 30);
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
            assert!(sourced(&pose.sources), "{}: no source", pose.id);
            for c in &pose.contraindications {
                assert!(sourced(&c.sources), "{} ({}): no source", pose.id, c.condition);
            }
        }
        for condition in catalog.conditions() {
            assert!(!condition.sources.is_empty(), "{}: no source", condition.id);
        }
    }

    /// No text a catalog entry can show names the guide by its file name.
    #[test]
    fn sources_name_the_guide_not_its_file() {
        let text = [include_str!("poses.json"), include_str!("conditions.json"), include_str!("props.json")].concat();
        assert!(!text.to_lowercase().contains("seed"), "the catalog data says \"seed\"");
    }

    /// Built-in data names where it comes from, and never the teacher.
    fn sourced(sources: &[Source]) -> bool {
        !sources.is_empty() && !sources.contains(&Source::Teacher)
    }

    #[test]
    fn aliases_match_ignoring_case() {
        let catalog = Catalog::builtin();
        assert_eq!(catalog.pose("Salabhasana").map(|p| p.id.as_str()), Some("locust"));
        assert_eq!(catalog.pose("LOCUST").map(|p| p.id.as_str()), Some("locust"));
        assert_eq!(catalog.suggest_pose("locsut"), Some("locust"));
        assert_eq!(catalog.suggest_pose("zzzzzz"), None);
    }

    /// The whole-class vocabulary: every id a hatha or vinyasa class needs,
    /// and the names teachers type for them, resolve.
    #[test]
    fn a_whole_class_vocabulary_resolves() {
        let catalog = Catalog::builtin();
        let ids = [
            "mountain",
            "upward-salute",
            "standing-forward-fold",
            "halfway-lift",
            "chaturanga",
            "upward-dog",
            "chair",
            "warrior-1",
            "warrior-2",
            "warrior-3",
            "reverse-warrior",
            "triangle",
            "revolved-triangle",
            "extended-side-angle",
            "half-moon",
            "pyramid",
            "wide-legged-forward-fold",
            "high-lunge",
            "low-lunge",
            "lizard",
            "goddess",
            "garland",
            "standing-split",
            "table-top",
            "bird-dog",
            "tree",
            "eagle",
            "dancer",
            "side-plank",
            "crow",
            "boat",
            "camel",
            "bow",
            "wheel",
            "fish",
            "upward-plank",
            "shoulder-stand",
            "plow",
            "headstand",
            "forearm-stand",
            "handstand",
            "legs-up-the-wall",
            "easy-pose",
            "staff",
            "hero",
            "thunderbolt",
            "lotus",
            "seated-forward-fold",
            "head-to-knee",
            "bound-angle",
            "wide-angle-seated-fold",
            "seated-twist",
            "gate",
            "pigeon",
            "supine-twist",
            "happy-baby",
            "knees-to-chest",
            "reclined-bound-angle",
            "reclined-hand-to-foot",
            "savasana",
            "ujjayi",
            "alternate-nostril",
            "kapalabhati",
            "box-breathing",
        ];
        for id in ids {
            let pose = catalog.pose(id).unwrap_or_else(|| panic!("`{id}` is not in the catalog"));
            assert_eq!(pose.id, id);
            assert!(pose.sanskrit.is_some() || id == "box-breathing", "{id} has a Sanskrit name");
            for alias in &pose.aliases {
                assert_eq!(catalog.pose(alias).map(|p| p.id.as_str()), Some(id), "{alias}");
            }
        }
        assert!(catalog.poses().count() >= 96, "{}", catalog.poses().count());
        for (typed, id) in [
            ("shavasana", "savasana"),
            ("Savasana", "savasana"),
            ("corpse", "savasana"),
            ("corpse-pose", "savasana"),
            ("tadasana", "mountain"),
            ("virabhadrasana-2", "warrior-2"),
            ("warrior-ii", "warrior-2"),
            ("down-dog", "downward-dog"),
            ("chatturanga", "chaturanga"),
        ] {
            assert_eq!(catalog.pose(typed).map(|p| p.id.as_str()), Some(id), "{typed}");
        }
        for (words, id) in [
            (&["warrior", "two"][..], "warrior-2"),
            (&["warrior", "II"], "warrior-2"),
            (&["down", "dog"], "downward-dog"),
        ] {
            let found = catalog.find_pose_in_words(words).and_then(|i| catalog.pose_at(i)).map(|p| p.id.as_str());
            assert_eq!(found, Some(id), "{words:?}");
        }
        // Savasana is never "did you mean child's pose?" again.
        for typo in ["savasanna", "shavasan", "corpse-pse"] {
            assert_eq!(catalog.suggest_pose(typo), Some("savasana"), "{typo}");
        }
    }

    /// Each pose's Garmin FIT name is one the FIT profile has.
    #[test]
    fn fit_names_are_garmins() {
        for pose in Catalog::builtin().poses() {
            if let Some(name) = &pose.fit {
                assert!(fit::pose_number(name).is_some(), "{}: `{name}` is not a FIT pose_exercise_name", pose.id);
            }
        }
        assert_eq!(fit::pose_number("downward_facing_dog"), Some(21));
        assert_eq!(fit::pose_number("corpse"), Some(12));
    }

    /// A condition's rule reaches a pose by what it does; advice written for
    /// the pose from a source stands; a teacher's `caution` mark cannot soften
    /// a rule's "avoid".
    #[test]
    fn condition_rules_follow_from_what_a_pose_does() {
        let catalog = Catalog::builtin();
        let headstand = catalog.pose("headstand").expect("headstand");
        let hbp = headstand.contraindications.iter().find(|c| c.condition == "high-blood-pressure").expect("hbp");
        assert_eq!((hbp.severity, hbp.because.as_slice()), (Severity::Avoid, &[Property::Inversion][..]));
        // Locust's neck-pain advice is the guide's, written for it: the prone rule does not replace it.
        let locust = catalog.pose("locust").expect("locust");
        let neck = locust.contraindications.iter().find(|c| c.condition == "neck-pain").expect("neck");
        assert!(neck.because.is_empty() && neck.severity == Severity::Avoid);
        // Hands-under-hips locust is the low-back rule's own answer.
        let hands = catalog.pose("hands-under-hips-locust").expect("pose");
        assert!(!hands.contraindications.iter().any(|c| c.condition == "low-back-pain"));
        // A teacher's caution does not soften an avoid.
        let mut studio = catalog.pose("mountain").expect("mountain").clone();
        studio.id = "studio-inversion".into();
        studio.properties = vec![Property::Inversion];
        studio.contraindications = vec![Contraindication {
            condition: "glaucoma".into(),
            severity: Severity::Caution,
            reason: String::new(),
            modification: String::new(),
            instead: None,
            lifted_with: Vec::new(),
            max_hold: None,
            because: Vec::new(),
            sources: vec![Source::Teacher],
        }];
        apply_condition_rules(&mut studio, catalog.conditions());
        let glaucoma: Vec<_> = studio.contraindications.iter().filter(|c| c.condition == "glaucoma").collect();
        assert_eq!(glaucoma.len(), 1);
        assert_eq!(glaucoma[0].severity, Severity::Avoid);
    }

    /// Every sequence's poses are catalog poses, a side is given only to a
    /// one-sided pose, and no sequence name is also a pose's.
    #[test]
    fn sequences_are_consistent() {
        let catalog = Catalog::builtin();
        assert!(catalog.sequences().count() >= 2);
        for sequence in catalog.sequences() {
            assert!(!sequence.sources.is_empty(), "{}", sequence.id);
            for name in std::iter::once(&sequence.id).chain(&sequence.aliases) {
                assert!(catalog.pose(name).is_none(), "{name} names a pose and a sequence");
            }
            for item in &sequence.poses {
                let pose = catalog.pose(&item.pose).unwrap_or_else(|| panic!("{}: no pose {}", sequence.id, item.pose));
                assert!(item.breaths >= 1);
                if item.side.is_some() {
                    assert_eq!(pose.laterality, Laterality::Unilateral, "{}: {}", sequence.id, item.pose);
                }
            }
        }
        assert_eq!(catalog.sequence("Surya-Namaskar-A").map(|s| s.id.as_str()), Some("sun-salutation-a"));
        assert_eq!(catalog.sequence("sun-b").map(|s| s.id.as_str()), Some("sun-salutation-b"));
    }
}
