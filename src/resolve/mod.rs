//! Resolve: the syntax tree to a [`Routine`]: names looked up in the catalog
//! (with suggestions when they are not there), doses read and validated,
//! custom poses built.

use std::collections::HashMap;
use std::sync::Arc;

use crate::catalog::{
    self, Bounds, Catalog, Contraindication, Focus, Laterality, Level, Pose, PoseProps, Property, Severity, Spine,
};
use crate::diagnostic::{Diagnostic, Listing, quote};
use crate::routine::*;
use crate::span::Span;
use crate::syntax::{self, Document, HeaderKind, Node, PoseAttr, PoseDef, Range, Spanned, StepItem};
use crate::vocabulary::{written_range, written_seconds};

mod sequences;
pub use sequences::{MAX_SEQUENCE_BREATHS, MAX_SEQUENCE_POSES};

/// Limits past which a dose is surely a typo. Ordinary safety ranges are the rules' business.
const MAX_HOLD: u32 = 10 * 60;
const MAX_REPS: u32 = 100;
const MAX_SETS: u32 = 20;
const MAX_ROUNDS: u32 = 50;
const MAX_REST: u32 = 30 * 60;
const MAX_WORK: u32 = 60 * 60;
const MAX_TEMPO_PART: u32 = 30;
/// The longest breath a `breath` line may give: slow pranayama with a pause
/// is rarely past 20 seconds.
const MAX_BREATH: u32 = 30;

/// The words that may follow a pose on a step line, for suggestions.
const STEP_WORDS: [&str; 10] =
    ["hold", "reps", "rest", "tempo", "each", "side", "alternating", "left", "right", "with"];
/// The words that start a header line, for suggestions.
const HEADER_WORDS: [&str; 8] = ["title", "author", "level", "duration", "props", "audience", "tags", "pose"];
/// The words that may follow a custom pose's name, for suggestions.
const POSE_WORDS: [&str; 16] = [
    "focus",
    "sanskrit",
    "family",
    "spine",
    "level",
    "hold",
    "reps",
    "per-rep",
    "rest",
    "unilateral",
    "props",
    "avoid",
    "caution",
    "instead",
    "loads-shoulders",
    "overhead",
];

/// What a file is for: a routine must have steps; a catalog file holds only `pose` lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A routine to check, plan and build.
    Routine,
    /// A studio's catalog of extra poses.
    Catalog,
}

/// Resolves a parsed document against `catalog`.
pub fn resolve(document: &Document, catalog: &Arc<Catalog>, purpose: Purpose) -> (Routine, Listing) {
    let mut diagnostics = Listing::default();
    let custom = custom_poses(document, catalog, &mut diagnostics);
    let catalog = if custom.is_empty() { Arc::clone(catalog) } else { Arc::new(catalog.with_poses(custom.clone())) };
    let own_sequences = sequences::sequences(document, &catalog, &mut diagnostics);
    let catalog = if own_sequences.is_empty() {
        catalog
    } else {
        Arc::new(catalog.with_poses(Vec::new()).with_sequences(own_sequences))
    };
    let mut resolver = Resolver { catalog: &catalog, diagnostics: &mut diagnostics, breath: DEFAULT_BREATH };
    let mut meta = resolver.meta(document);
    resolver.breath = meta.breath_length();
    meta.custom_poses = custom.iter().filter_map(|p| catalog.find_pose(&p.id)).collect();
    let body = resolver.items(&document.body);
    // A sequence's definition is not a step of the class.
    let mut steps = document.body.iter().filter(|node| !matches!(node, Node::Sequence(_)));
    if purpose == Purpose::Catalog {
        if let Some(first) = steps.next() {
            diagnostics.push(
                Diagnostic::error(
                    "catalog-file",
                    first.span(),
                    "A catalog file holds only `pose` lines and sequences, but this one has steps.",
                )
                .with_help("Move the steps into a routine file, and keep only `pose …` lines and sequences here."),
            );
        }
    } else if steps.next().is_none() && document.unreadable.is_empty() {
        diagnostics.push(
            Diagnostic::error("empty", Span::new(0, 0), "This routine has no steps.")
                .with_help("Add at least one step, for example `locust hold 30s x3 rest 45s`."),
        );
    }
    (Routine { catalog, meta, body }, diagnostics)
}

/// The longest custom pose id, in characters: the longest in the built-in
/// catalog has 32.
pub const MAX_POSE_ID: usize = 64;

/// The most `pose` lines one file may hold: a studio's whole catalog fits
/// in far fewer, and what ybc holds for each pose stays bounded.
pub const MAX_CUSTOM_POSES: usize = 1_000;

/// Builds the routine's own `pose` definitions, checking each.
fn custom_poses(document: &Document, catalog: &Catalog, diagnostics: &mut Listing) -> Vec<Pose> {
    let mut poses: Vec<Pose> = Vec::new();
    // Where each id was first defined, to find a second definition at once.
    let mut defined: HashMap<&str, Span> = HashMap::new();
    let mut read = 0;
    for header in &document.headers {
        let HeaderKind::Pose(def) = &header.kind else { continue };
        read += 1;
        if read > MAX_CUSTOM_POSES {
            diagnostics.push(
                Diagnostic::error(
                    "custom-pose",
                    header.span,
                    format!(
                        "This file defines more than {} poses, so ybc read no further `pose` lines from this one on.",
                        crate::diagnostic::thousands(MAX_CUSTOM_POSES)
                    ),
                )
                .with_label("the first pose not read")
                .with_help(
                    "Keep the poses a studio teaches in one catalog file, and split a larger list into several.",
                ),
            );
            break;
        }
        let id = &def.id;
        let length = id.value.chars().count();
        if length > MAX_POSE_ID {
            // The id itself is not quoted: it may be a pasted paragraph.
            diagnostics.push(
                Diagnostic::error(
                    "custom-pose",
                    id.span,
                    format!("This pose id is {length} characters long; an id can have at most {MAX_POSE_ID}."),
                )
                .with_label("too long for an id")
                .with_help("Use a short id, like `wall-angel`, and put the pose's full name in quotes after it."),
            );
            continue;
        }
        if !is_kebab(&id.value) {
            diagnostics.push(
                Diagnostic::error("custom-pose", id.span, format!("`{}` can't be a pose id.", id.value))
                    .with_label("not a kebab-case id")
                    .with_help("Use lower-case letters, digits and dashes, like `wall-angel`."),
            );
            continue;
        }
        if let Some(existing) = catalog.pose(&id.value) {
            diagnostics.push(
                Diagnostic::error(
                    "custom-pose",
                    id.span,
                    format!("`{}` is already a catalog pose ({}).", id.value, existing.english),
                )
                .with_label("already taken")
                .with_help(format!("Use the catalog's `{}` as it is, or give your pose another id.", existing.id)),
            );
            continue;
        }
        if let Some(&first) = defined.get(id.value.as_str()) {
            diagnostics.push(
                Diagnostic::error("custom-pose", id.span, format!("`{}` is defined twice.", id.value))
                    .with_label("second definition")
                    .with_related(first, "first defined here")
                    .with_help("Keep one definition, or rename one of them."),
            );
            continue;
        }
        if let Some(pose) = custom_pose(def, catalog, diagnostics) {
            defined.insert(&id.value, id.span);
            poses.push(pose);
        }
    }
    poses
}

fn custom_pose(def: &PoseDef, catalog: &Catalog, diagnostics: &mut Listing) -> Option<Pose> {
    let mut pose = Pose {
        id: def.id.value.clone(),
        english: def.name.value.clone(),
        sanskrit: None,
        sanskrit_iast: None,
        aliases: Vec::new(),
        family: def.id.value.clone(),
        focus: Focus::Both,
        laterality: Laterality::Bilateral,
        spine: Spine::Neutral,
        loads_shoulders: false,
        overhead: false,
        chest_opener: false,
        eccentric: false,
        properties: Vec::new(),
        hold: None,
        reps: None,
        duration: None,
        sets: None,
        rest: None,
        seconds_per_rep: 4,
        breaths: None,
        fit: None,
        props: PoseProps::default(),
        level: Level::Beginner,
        regressions: Vec::new(),
        progressions: Vec::new(),
        cues: Vec::new(),
        contraindications: Vec::new(),
        sources: vec![crate::catalog::Source::Teacher],
    };
    let mut focus_seen = false;
    let mut ok = true;
    let mut avoid: Vec<(&Spanned<String>, Severity)> = Vec::new();
    let mut instead = None;
    for attr in &def.attrs {
        let span = attr.span;
        match &attr.value {
            PoseAttr::Focus(word) => {
                focus_seen = true;
                match word.value.as_str() {
                    "strength" => pose.focus = Focus::Strength,
                    "mobility" => pose.focus = Focus::Mobility,
                    "both" => pose.focus = Focus::Both,
                    "rest" => pose.focus = Focus::Rest,
                    other => {
                        ok = false;
                        diagnostics.push(unknown_word(
                            word.span,
                            other,
                            "focus",
                            &["strength", "mobility", "both", "rest"],
                        ));
                    }
                }
            }
            PoseAttr::Sanskrit(name) => pose.sanskrit = Some(name.clone()),
            PoseAttr::Family(word) => pose.family = word.value.to_ascii_lowercase(),
            PoseAttr::Spine(word) => match word.value.as_str() {
                "extension" => pose.spine = Spine::Extension,
                "flexion" => pose.spine = Spine::Flexion,
                "rotation" => pose.spine = Spine::Rotation,
                "neutral" => pose.spine = Spine::Neutral,
                "mixed" => pose.spine = Spine::Mixed,
                other => {
                    ok = false;
                    diagnostics.push(unknown_word(
                        word.span,
                        other,
                        "spine",
                        &["extension", "flexion", "rotation", "neutral", "mixed"],
                    ));
                }
            },
            PoseAttr::Level(word) => match word.value.as_str() {
                "beginner" => pose.level = Level::Beginner,
                "intermediate" => pose.level = Level::Intermediate,
                "advanced" => pose.level = Level::Advanced,
                other => {
                    ok = false;
                    diagnostics.push(unknown_word(
                        word.span,
                        other,
                        "level",
                        &["beginner", "intermediate", "advanced"],
                    ));
                }
            },
            PoseAttr::Hold(range) => pose.hold = checked_bounds(*range, span, "hold", diagnostics),
            PoseAttr::Reps(range) => pose.reps = checked_bounds(*range, span, "reps", diagnostics),
            PoseAttr::PerRep(range) => {
                if let Some(b) = checked_bounds(*range, span, "per-rep", diagnostics) {
                    pose.seconds_per_rep = b.max;
                }
            }
            PoseAttr::Rest(range) => pose.rest = checked_bounds(*range, span, "rest", diagnostics),
            PoseAttr::Unilateral => pose.laterality = Laterality::Unilateral,
            PoseAttr::LoadsShoulders => pose.loads_shoulders = true,
            PoseAttr::Overhead => pose.overhead = true,
            PoseAttr::Props(names) => {
                for name in names {
                    pose.props.optional.push(prop_id(catalog, name, diagnostics));
                }
            }
            PoseAttr::Avoid(names) => avoid.extend(names.iter().map(|n| (n, Severity::Avoid))),
            PoseAttr::Caution(names) => avoid.extend(names.iter().map(|n| (n, Severity::Caution))),
            PoseAttr::Instead(name) => match catalog.pose(&name.value) {
                Some(p) => instead = Some(p.id.clone()),
                None => {
                    ok = false;
                    diagnostics.push(unknown_pose(catalog, name));
                }
            },
            PoseAttr::Cue(cue) => pose.cues.push(cue.clone()),
            PoseAttr::Invalid => ok = false,
            PoseAttr::Stray(word) => match Property::from_word(word) {
                Some(property) if !pose.properties.contains(&property) => pose.properties.push(property),
                Some(_) => {}
                None => {
                    ok = false;
                    let words: Vec<&str> =
                        POSE_WORDS.iter().copied().chain(Property::written().iter().map(|p| p.word())).collect();
                    diagnostics.push(stray(span, word, &words, "a custom pose"));
                }
            },
        }
    }
    for (name, severity) in avoid {
        match condition_id(catalog, name, diagnostics) {
            Some(condition) => pose.contraindications.push(Contraindication {
                condition,
                severity,
                reason: "the teacher marked it so in the routine".to_owned(),
                modification: match &instead {
                    Some(p) => format!("offer {p} instead"),
                    None => "offer a gentler option".to_owned(),
                },
                instead: instead.clone(),
                lifted_with: Vec::new(),
                max_hold: None,
                because: Vec::new(),
                sources: vec![crate::catalog::Source::Teacher],
            }),
            None => ok = false,
        }
    }
    let head = def.id.span.to(def.name.span);
    if !focus_seen {
        ok = false;
        diagnostics.push(
            Diagnostic::error("custom-pose", head, format!("The custom pose `{}` needs a focus.", def.id.value))
                .with_help("Add `focus strength`, `focus mobility` or `focus both`."),
        );
    }
    if pose.hold.is_none() && pose.reps.is_none() {
        ok = false;
        diagnostics.push(
            Diagnostic::error(
                "custom-pose",
                head,
                format!("The custom pose `{}` needs a recommended hold or reps range.", def.id.value),
            )
            .with_help("Add `hold 20-40s` or `8-12 reps` (or both), so that doses can be checked against it."),
        );
    }
    // A pose with mistakes is still defined, so that the steps using it are not
    // reported as unknown too; its own mistakes are errors and stop any build.
    let _ = ok;
    crate::catalog::apply_condition_rules(&mut pose, catalog.conditions());
    Some(pose)
}

fn checked_bounds(range: Range, span: Span, what: &str, diagnostics: &mut Listing) -> Option<Bounds> {
    if range.min == 0 || range.min > range.max {
        diagnostics.push(
            Diagnostic::error(
                "custom-pose",
                span,
                format!("The `{what}` range must run from a low number up to a higher one, above zero."),
            )
            .with_help("Write it low to high, like `20-40s` or `8-12 reps`."),
        );
        return None;
    }
    Some(Bounds { min: range.min, max: range.max })
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

struct Resolver<'a> {
    catalog: &'a Catalog,
    diagnostics: &'a mut Listing,
    /// How long one breath lasts, for doses counted in breaths.
    breath: Range,
}

impl Resolver<'_> {
    fn meta(&mut self, document: &Document) -> Meta {
        let mut meta = Meta::default();
        let mut seen: Vec<(&'static str, Span)> = Vec::new();
        for header in &document.headers {
            let keyword = header.kind.keyword();
            if keyword != "pose" {
                if let Some((_, first)) = seen.iter().find(|(k, _)| *k == keyword) {
                    self.diagnostics.push(
                        Diagnostic::error("header", header.span, format!("`{keyword}` is given twice."))
                            .with_label("second time")
                            .with_related(*first, "first given here")
                            .with_help(format!("Keep one `{keyword}` line.")),
                    );
                    continue;
                }
                seen.push((keyword, header.span));
            }
            match &header.kind {
                HeaderKind::Title(t) => meta.title = Some(t.clone()),
                HeaderKind::Author(a) => meta.author = Some(a.clone()),
                HeaderKind::Level(word) => match RoutineLevel::from_word(&word.value) {
                    Some(level) => meta.level = Some(Spanned::new(level, word.span)),
                    None => self.diagnostics.push(unknown_word(word.span, &word.value, "level", &RoutineLevel::WORDS)),
                },
                HeaderKind::Duration(d) => {
                    if d.value.min == 0 || d.value.min > d.value.max {
                        self.diagnostics.push(range_error(d, "duration"));
                    } else {
                        meta.duration = Some(d.clone());
                    }
                }
                HeaderKind::Breath(b) => {
                    if b.value.min == 0 || b.value.min > b.value.max {
                        self.diagnostics.push(range_error(b, "breath"));
                    } else if b.value.max > MAX_BREATH {
                        self.diagnostics.push(
                            Diagnostic::error(
                                "dose",
                                b.span,
                                format!("A breath of {} is longer than any breath a class takes.", written_seconds(b.value.max)),
                            )
                            .with_label("one breath")
                            .with_help(format!(
                                "`breath` is how long one breath lasts, in and out: at rest about 3-5s, in slow yoga \
                                 breathing about 10s; ybc takes 4-6s when no `breath` line says. Keep it to at most {}.",
                                written_seconds(MAX_BREATH)
                            )),
                        );
                    } else {
                        meta.breath = Some(b.clone());
                    }
                }
                HeaderKind::Props(names) => {
                    for name in names {
                        meta.props.push(Spanned::new(prop_id(self.catalog, name, self.diagnostics), name.span));
                    }
                }
                HeaderKind::Audience(names) => {
                    for name in names {
                        if let Some(id) = condition_id(self.catalog, name, self.diagnostics) {
                            meta.audience.push(Spanned::new(id, name.span));
                        }
                    }
                }
                HeaderKind::Tags(names) => meta.tags = names.clone(),
                HeaderKind::Pose(_) => {}
            }
        }
        meta
    }

    fn items(&mut self, nodes: &[Node]) -> Vec<Item> {
        let mut items = Vec::with_capacity(nodes.len());
        for node in nodes {
            match node {
                Node::Section(section) => {
                    let body = self.items(&section.body);
                    match SectionKind::from_word(&section.kind.value) {
                        Some(kind) => items.push(Item::Section(Section {
                            kind,
                            title: section.title.as_ref().map(|t| t.value.clone()),
                            body,
                            span: section.span,
                        })),
                        None => {
                            self.diagnostics.push(self.unknown_section(&section.kind));
                            // Keep the steps so that they are still checked and planned.
                            items.extend(body);
                        }
                    }
                }
                Node::Rounds(rounds) => {
                    let count = rounds.count.value;
                    if count == 0 || count > MAX_ROUNDS {
                        self.diagnostics.push(
                            Diagnostic::error(
                                "dose",
                                rounds.count.span,
                                format!("{count} rounds is not a number of rounds a class can do."),
                            )
                            .with_help(format!("Use between 1 and {MAX_ROUNDS} rounds.")),
                        );
                    }
                    let rest = rounds.rest.clone().filter(|r| self.check_range(r, "rest", MAX_REST));
                    let body = self.items(&rounds.body);
                    items.push(Item::Rounds(Rounds {
                        count: count.clamp(1, MAX_ROUNDS),
                        rest,
                        body,
                        span: rounds.span,
                    }));
                }
                Node::Step(step) => {
                    if let Some(step) = self.step(step) {
                        items.push(Item::Step(step));
                    }
                }
                Node::Rest(rest) => {
                    if self.check_range(&rest.length, "rest", MAX_REST) {
                        items.push(Item::Rest(Rest {
                            length: rest.length.clone(),
                            cues: rest.cues.iter().map(|c| c.value.clone()).collect(),
                            span: rest.span,
                        }));
                    }
                }
                Node::Note(note) => items.push(Item::Note(note.clone())),
                // Read before the body, into the routine's catalog.
                Node::Sequence(_) => {}
            }
        }
        items
    }

    fn unknown_section(&self, kind: &Spanned<String>) -> Diagnostic {
        if let Some(pose) = self.catalog.pose(&kind.value) {
            return Diagnostic::error(
                "unknown-section",
                kind.span,
                format!("`{}` is a pose, and a pose's line doesn't end in `:`.", kind.value),
            )
            .with_label("pose with a `:`")
            .with_help(format!(
                "Remove the `:` to make it a step ({}), or start a section such as `strength:` above it.",
                pose.english
            ));
        }
        unknown_word(kind.span, &kind.value, "section", &SectionKind::WORDS)
    }

    fn step(&mut self, step: &syntax::Step) -> Option<Step> {
        // The name, as the rules quote and fix it: for a name in words, the
        // id over all of the words, so that a fix (`… 4-8 reps`) replaces them all.
        let (pose, in_words, name) = match self.pose_with_number(step).or_else(|| self.pose_in_words(step)) {
            Some((pose, words, diagnostic)) => {
                let name = self.catalog.pose_at(pose).map(|p| Spanned::new(p.id.clone(), diagnostic.span));
                self.diagnostics.push(diagnostic);
                (Some(pose), words, name.unwrap_or_else(|| step.pose.clone()))
            }
            None => {
                let pose = self.catalog.find_pose(&step.pose.value);
                if pose.is_none() {
                    if let Some(run) = self.sequence_run(&step.pose.value) {
                        return self.sequence_step(step, run);
                    }
                    self.diagnostics.push(self.unknown_step_pose(&step.pose));
                }
                (pose, 0, step.pose.clone())
            }
        };
        let errors_before = self.diagnostics.errors();
        let mut dose = Dose::default();
        let mut sides = Sides::Both;
        let mut sides_span: Option<Span> = None;
        let mut props = Vec::new();
        let mut cues = Vec::new();
        let mut written_options = Vec::new();
        for item in step.items.iter().skip(in_words) {
            let span = item.span;
            match &item.value {
                StepItem::Hold(r) => {
                    if let Some(work) = &dose.work {
                        self.diagnostics.push(conflict(
                            span,
                            work.span,
                            "A step can't have both a `hold` and a bare duration.",
                            "Use `hold 30s` for a static hold, or a bare `30s` for moving continuously, not both.",
                        ));
                    } else {
                        self.set_once(&mut dose.hold, r, span, "hold", MAX_HOLD);
                    }
                }
                StepItem::Work(r) => {
                    if let Some(hold) = &dose.hold {
                        self.diagnostics.push(conflict(
                            span,
                            hold.span,
                            "A step can't have both a `hold` and a bare duration.",
                            "Use `hold 30s` for a static hold, or a bare `30s` for moving continuously, not both.",
                        ));
                    } else {
                        self.set_once(&mut dose.work, r, span, "duration", MAX_WORK);
                    }
                }
                StepItem::HoldBreaths(count) => {
                    if let Some(work) = &dose.work {
                        self.diagnostics.push(conflict(
                            span,
                            work.span,
                            "A step can't have both a `hold` and a bare duration.",
                            "Use `hold 5 breaths` for a static hold, or a bare `5 breaths` for moving with the breath, not both.",
                        ));
                    } else if let Some(first) = &dose.hold {
                        self.diagnostics.push(duplicate(span, first.span, "hold"));
                    } else if let Some(seconds) = self.breath_seconds(count, "hold", MAX_HOLD) {
                        dose.hold = Some(seconds);
                        dose.breaths = Some(count.clone());
                    }
                }
                StepItem::Breaths(count) => {
                    if let Some(hold) = &dose.hold {
                        self.diagnostics.push(conflict(
                            span,
                            hold.span,
                            "A step can't have both a `hold` and a bare duration.",
                            "Use `hold 5 breaths` for a static hold, or a bare `5 breaths` for moving with the breath, not both.",
                        ));
                    } else if let Some(first) = &dose.work {
                        self.diagnostics.push(duplicate(span, first.span, "duration"));
                    } else if let Some(seconds) = self.breath_seconds(count, "duration", MAX_WORK) {
                        dose.work = Some(seconds);
                        dose.breaths = Some(count.clone());
                    }
                }
                StepItem::Reps(r) => self.set_once(&mut dose.reps, r, span, "reps", MAX_REPS),
                StepItem::Rest(r) => self.set_once(&mut dose.rest, r, span, "rest", MAX_REST),
                StepItem::Sets(n) => {
                    if let Some(first) = &dose.sets {
                        self.diagnostics.push(duplicate(span, first.span, "sets"));
                    } else if *n == 0 || *n > MAX_SETS {
                        self.diagnostics.push(
                            Diagnostic::error("dose", span, format!("x{n} is not a number of sets a class can do."))
                                .with_label("sets")
                                .with_help(format!("Use between x1 and x{MAX_SETS}; most strength work is x2 to x4.")),
                        );
                    } else {
                        dose.sets = Some(Spanned::new(*n, span));
                    }
                }
                StepItem::Tempo(parts) => {
                    if let Some(first) = &dose.tempo {
                        self.diagnostics.push(duplicate(span, first.span, "tempo"));
                    } else if parts.iter().all(|&p| p == 0) || parts.iter().any(|&p| p > MAX_TEMPO_PART) {
                        self.diagnostics.push(
                            Diagnostic::error(
                                "dose",
                                span,
                                "This tempo doesn't describe a repetition a person can do.",
                            )
                            .with_help(format!(
                                "Give seconds up, pause and down, each at most {MAX_TEMPO_PART}, like `tempo 3-1-3`."
                            )),
                        );
                    } else {
                        dose.tempo = Some(Spanned::new(*parts, span));
                    }
                }
                StepItem::EachSide | StepItem::Alternating | StepItem::Left | StepItem::Right => {
                    let new = match item.value {
                        StepItem::EachSide => Sides::EachSide,
                        StepItem::Alternating => Sides::Alternating,
                        StepItem::Left => Sides::Left,
                        _ => Sides::Right,
                    };
                    if let Some(first) = sides_span {
                        self.diagnostics.push(
                            Diagnostic::error("sides", span, format!("`{}` contradicts `{}` on the same step.", sides_word(new), sides_word(sides)))
                                .with_label("second side setting")
                                .with_related(first, "first side setting")
                                .with_help("Keep one of `each side`, `alternating`, `left` or `right`; for both sides write `each side`."),
                        );
                    } else {
                        sides = new;
                        sides_span = Some(span);
                    }
                }
                StepItem::With(names) => {
                    for name in names {
                        props.push(Spanned::new(prop_id(self.catalog, name, self.diagnostics), name.span));
                    }
                }
                StepItem::Cue(cue) => cues.push(Spanned::new(cue.clone(), span)),
                StepItem::Option(option) => written_options.push(Spanned::new(option.as_ref(), span)),
                // A lone digit after the name that is not part of it (`locust 2`).
                StepItem::Stray(word) if word.bytes().all(|b| b.is_ascii_digit()) => {
                    self.diagnostics.push(syntax::needs_unit(span, word));
                }
                StepItem::Stray(word) => self.diagnostics.push(stray(span, word, &STEP_WORDS, "a step")),
                StepItem::Invalid => dose.invalid = true,
            }
        }
        if let (Some(reps), Some(work)) = (&dose.reps, &dose.work) {
            self.diagnostics.push(conflict(
                work.span,
                reps.span,
                "A step can't have both reps and a bare duration.",
                "Use `8 reps` (with `hold 5s` or `tempo 3-1-3` for their pace), or a bare `1m` of continuous movement, not both.",
            ));
        }
        if let (Some(tempo), None) = (&dose.tempo, &dose.reps) {
            self.diagnostics.push(
                Diagnostic::error(
                    "dose",
                    tempo.span,
                    "`tempo` sets the pace of each repetition, but this step has no reps.",
                )
                .with_label("tempo without reps")
                .with_help("Add the number of reps, like `8 reps tempo 3-1-3`, or remove the tempo."),
            );
        }
        if let (Some(tempo), Some(hold), Some(_)) = (&dose.tempo, &dose.hold, &dose.reps) {
            self.diagnostics.push(conflict(
                tempo.span,
                hold.span,
                "A step can't have both `tempo` and `hold`: both set how long a repetition lasts.",
                "Use `hold` for a held repetition, or `tempo` for a moving one.",
            ));
        }
        if dose.rest.is_some()
            && dose.set_count() == 1
            && let Some(rest) = &dose.rest
        {
            self.diagnostics.push(
                Diagnostic::warning("dose", rest.span, "This rest comes between sets, but the step has only one set.")
                    .with_label("rest between sets")
                    .with_help("Add the sets (`x3`), or make it a rest step of its own on the next line (`rest 45s`)."),
            );
        }
        dose.invalid |= self.diagnostics.errors() > errors_before;
        let options = written_options.into_iter().filter_map(|option| self.option(option.value, option.span)).collect();
        Some(Step { pose: pose?, name, dose, sides, sides_span, props, cues, options, span: step.span, sequence: None })
    }

    /// An option for some people (`or wall-slides 10 reps for osteoporosis`),
    /// read as a step of its own.
    fn option(&mut self, option: &syntax::StepOption, span: Span) -> Option<StepOption> {
        let conditions: Vec<Spanned<String>> = option
            .conditions
            .iter()
            .filter_map(|name| condition_id(self.catalog, name, self.diagnostics).map(|id| Spanned::new(id, name.span)))
            .collect();
        if self.catalog.find_pose(&option.pose.value).is_none() && self.catalog.sequence(&option.pose.value).is_some() {
            self.diagnostics.push(
                Diagnostic::error(
                    "dose",
                    option.pose.span,
                    format!("`{}` is a sequence; an option for some people is one pose.", option.pose.value),
                )
                .with_label("a sequence as an option")
                .with_help("Offer one pose, like `or childs-pose hold 30s for wrist-pain`."),
            );
            return None;
        }
        let written = syntax::Step { pose: option.pose.clone(), items: option.items.clone(), span };
        let step = self.step(&written)?;
        (conditions.len() == option.conditions.len()).then_some(StepOption { step, conditions, span })
    }

    /// The sequence a step's name names, with its poses looked up.
    fn sequence_run(&self, name: &str) -> Option<Arc<SequenceRun>> {
        let sequence = self.catalog.sequence(name)?;
        let poses = sequence
            .poses
            .iter()
            .map(|p| {
                let pose = self.catalog.find_pose(&p.pose)?;
                Some(SequenceItem { pose, breaths: p.breaths, side: p.side })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Arc::new(SequenceRun { id: sequence.id.clone(), name: sequence.english.clone(), poses }))
    }

    /// A step that does a sequence: its rounds (`x3`), the rest between them,
    /// sides, props and cues; its poses keep their own breaths, so a hold,
    /// reps or a length is a mistake.
    fn sequence_step(&mut self, step: &syntax::Step, run: Arc<SequenceRun>) -> Option<Step> {
        let mut dose = Dose::default();
        let mut sides = Sides::Both;
        let mut sides_span = None;
        let mut props = Vec::new();
        let mut cues = Vec::new();
        for item in &step.items {
            let span = item.span;
            match &item.value {
                StepItem::Sets(n) => {
                    if let Some(first) = &dose.sets {
                        self.diagnostics.push(duplicate(span, first.span, "rounds"));
                    } else if *n == 0 || *n > MAX_ROUNDS {
                        self.diagnostics.push(
                            Diagnostic::error("dose", span, format!("x{n} is not a number of rounds a class can do."))
                                .with_label("rounds")
                                .with_help(format!("Use between x1 and x{MAX_ROUNDS}; three to five rounds warm a class up.")),
                        );
                    } else {
                        dose.sets = Some(Spanned::new(*n, span));
                    }
                }
                StepItem::Rest(r) => self.set_once(&mut dose.rest, r, span, "rest", MAX_REST),
                StepItem::EachSide => {
                    sides = Sides::EachSide;
                    sides_span = Some(span);
                }
                StepItem::With(names) => {
                    for name in names {
                        props.push(Spanned::new(prop_id(self.catalog, name, self.diagnostics), name.span));
                    }
                }
                StepItem::Cue(cue) => cues.push(Spanned::new(cue.clone(), span)),
                StepItem::Stray(word) => self.diagnostics.push(stray(span, word, &STEP_WORDS, "a step")),
                StepItem::Invalid => dose.invalid = true,
                StepItem::Option(_) => self.diagnostics.push(
                    Diagnostic::error(
                        "dose",
                        span,
                        format!("{} is a sequence, and an option for some people goes on a pose's step.", run.name),
                    )
                    .with_label("an option on a sequence")
                    .with_help(
                        "Write the sequence's poses as steps of their own and give the pose the option, or offer the \
                         people a step of their own in a note.",
                    ),
                ),
                _ => self.diagnostics.push(
                    Diagnostic::error(
                        "dose",
                        span,
                        format!("{} is a sequence: its poses keep their own breaths.", run.name),
                    )
                    .with_label("not for a sequence")
                    .with_help(
                        "Give the sequence rounds (`x3`), a rest between them (`rest 15s`), `each side`, props and cues; \
                         to change its breaths, write the poses as steps of their own.",
                    ),
                ),
            }
        }
        Some(Step {
            pose: NO_POSE,
            name: step.pose.clone(),
            dose,
            sides,
            sides_span,
            props,
            cues,
            options: Vec::new(),
            span: step.span,
            sequence: Some(run),
        })
    }

    /// A pose's name written as words (`child's pose hold 60s`): the grammar
    /// reads the first word as the name and each next one as a word it does
    /// not know. When the name and the words after it name a pose, that is one
    /// mistake with one fix, not an unknown pose and a run of unknown words:
    /// the pose, how many of the step's items were its words, and the diagnostic.
    fn pose_in_words(&self, step: &syntax::Step) -> Option<(crate::catalog::PoseIndex, usize, Diagnostic)> {
        /// The most words a pose's name is looked for in (`wall supported scapular retraction`).
        const MAX_WORDS: usize = 5;
        // Most steps go straight on to their dose: nothing to look for.
        if !step.items.first().is_some_and(|item| matches!(item.value, StepItem::Stray(_))) {
            return None;
        }
        let mut words = vec![step.pose.value.as_str()];
        let mut ends = vec![step.pose.span.end];
        for item in step.items.iter().take(MAX_WORDS - 1) {
            let StepItem::Stray(word) = &item.value else { break };
            if !word.chars().all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-')) {
                break;
            }
            words.push(word);
            ends.push(item.span.end);
        }
        (2..=words.len()).rev().find_map(|n| {
            let pose = self.catalog.find_pose_in_words(words.get(..n)?)?;
            let id = &self.catalog.pose_at(pose)?.id;
            let span = Span::new(step.pose.span.start, *ends.get(n - 1)?);
            let written = words.get(..n)?.join(" ");
            let diagnostic = Diagnostic::error(
                "unknown-pose",
                span,
                format!("`{}` is written `{id}` in a routine.", quote(&written)),
            )
            .with_label("a pose's name in words")
            .with_help(format!(
                "A pose's name is one word, with dashes between its parts: write `{id}`. `ybc poses` lists every name."
            ))
            .with_safe_fix(span, id.clone());
            Some((pose, n - 1, diagnostic))
        })
    }

    /// A pose's name and a lone digit (`warrior 2`), where the name with
    /// the digit, after a dash or not, is a pose (`warrior-2`, `warrior2`):
    /// one mistake, with the pose's id to write, rather than an unknown pose
    /// and a number with no unit. The fix is safe when the name alone is no
    /// pose; when it is one, `2` may have been a length missing its unit.
    fn pose_with_number(&self, step: &syntax::Step) -> Option<(crate::catalog::PoseIndex, usize, Diagnostic)> {
        let first = step.items.first()?;
        let StepItem::Stray(digit) = &first.value else { return None };
        if digit.len() != 1 || !digit.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let name = &step.pose.value;
        let pose = self
            .catalog
            .find_pose(&format!("{name}-{digit}"))
            .or_else(|| self.catalog.find_pose(&format!("{name}{digit}")))?;
        let id = &self.catalog.pose_at(pose)?.id;
        let span = Span::new(step.pose.span.start, first.span.end);
        let written = format!("{} {digit}", quote(name));
        let help = format!(
            "A pose's name is one word, with a dash before its number: write `{id}`. `ybc poses` lists every name."
        );
        let diagnostic = if self.catalog.find_pose(name).is_some() {
            Diagnostic::error(
                "unknown-pose",
                span,
                format!("`{digit}` after `{}` has no unit: did you mean the pose `{id}`?", quote(name)),
            )
            .with_label("a pose's name and a number")
            .with_help(format!("{help} For a length, give the number its unit: `{digit}m`."))
            .with_fix(span, id.clone())
        } else {
            Diagnostic::error("unknown-pose", span, format!("`{written}` is not a pose I know: did you mean `{id}`?"))
                .with_label("a pose's name and its number")
                .with_help(help)
                .with_safe_fix(span, id.clone())
        };
        Some((pose, 1, diagnostic))
    }

    fn unknown_step_pose(&self, name: &Spanned<String>) -> Diagnostic {
        // Past the listed diagnostics only the code is counted: no suggestion
        // to look for, so a file of ten thousand unknown names costs no more
        // than its first thousand.
        if self.diagnostics.is_full() {
            return Diagnostic::error("unknown-pose", name.span, "This is not a pose I know.");
        }
        let word = name.value.as_str();
        if SectionKind::from_word(word).is_some() {
            return Diagnostic::error(
                "unknown-pose",
                name.span,
                format!("`{word}` is a section, but this line doesn't end in `:`."),
            )
            .with_label("section without `:`")
            .with_help(format!("Write `{word}:` to open the section, with its steps indented below."))
            .with_fix(Span::new(name.span.end, name.span.end), ":");
        }
        if matches!(word, "hold" | "reps" | "tempo" | "with" | "each" | "alternating" | "left" | "right")
            || word.starts_with(|c: char| c.is_ascii_digit())
        {
            return Diagnostic::error(
                "unknown-pose",
                name.span,
                "This step has no pose: a step starts with the pose's name.",
            )
            .with_label("expected a pose here")
            .with_help(format!("Put the pose first, like `locust {}`.", word));
        }
        if self.catalog.suggest_pose(word).is_none()
            && let Some(header) = catalog::suggest(word, HEADER_WORDS.iter().copied())
        {
            return Diagnostic::error("unknown-word", name.span, format!("`{}` is not a header I know.", quote(word)))
                .with_label("unknown header")
                .with_help(format!("Did you mean `{header}`? The header lines are: {}.", HEADER_WORDS.join(", ")))
                .with_fix(name.span, header.to_owned());
        }
        unknown_pose(self.catalog, name)
    }

    /// Stores a dose part given once; `item` is the whole part (`hold 30s`), for a duplicate's message.
    fn set_once(
        &mut self,
        slot: &mut Option<Spanned<Range>>,
        value: &Spanned<Range>,
        item: Span,
        what: &str,
        max: u32,
    ) {
        if let Some(first) = slot {
            self.diagnostics.push(duplicate(item, first.span, what));
        } else if self.check_range(value, what, max) {
            *slot = Some(value.clone());
        }
    }

    /// A count of breaths (`5 breaths`, `5-8 breaths`) as the seconds it takes
    /// at the routine's breath length, with the count's span; `None`, with an
    /// error, for zero, a backwards range, or more than `max` seconds.
    fn breath_seconds(&mut self, count: &Spanned<Range>, what: &str, max: u32) -> Option<Spanned<Range>> {
        let r = count.value;
        if r.min == 0 || r.min > r.max {
            self.diagnostics.push(range_error(count, what));
            return None;
        }
        let breath = self.breath;
        let seconds = Range { min: r.min.saturating_mul(breath.min), max: r.max.saturating_mul(breath.max) };
        if seconds.max > max {
            self.diagnostics.push(
                Diagnostic::error(
                    "dose",
                    count.span,
                    format!(
                        "{} breaths is far beyond any safe {what}: at {} a breath it runs to {}.",
                        r.max,
                        written_range(breath),
                        written_seconds(seconds.max)
                    ),
                )
                .with_label("too much")
                .with_help(format!("Keep a {what} to at most {}; check the number.", written_seconds(max))),
            );
            return None;
        }
        Some(Spanned::new(seconds, count.span))
    }

    /// Zero, backwards and absurd ranges are errors; returns whether the range is usable.
    fn check_range(&mut self, range: &Spanned<Range>, what: &str, max: u32) -> bool {
        let r = range.value;
        if r.min == 0 || r.min > r.max {
            self.diagnostics.push(range_error(range, what));
            return false;
        }
        if r.max > max {
            let (shown, unit) =
                if what == "reps" { (r.max.to_string(), " reps") } else { (written_seconds(r.max), "") };
            self.diagnostics.push(
                Diagnostic::error("dose", range.span, format!("{shown}{unit} is far beyond any safe {what}."))
                    .with_label("too much")
                    .with_help(match what {
                        "reps" => format!(
                            "Keep reps to at most {MAX_REPS} per set; the upper-back strengthening guide suggests 8-20 slow reps."
                        ),
                        _ => {
                            format!("Keep a {what} to at most {}; check the number and the unit.", written_seconds(max))
                        }
                    }),
            );
            return false;
        }
        true
    }
}

fn range_error(range: &Spanned<Range>, what: &str) -> Diagnostic {
    let r = range.value;
    if r.min == 0 {
        return Diagnostic::error("dose", range.span, format!("A {what} of zero does nothing."))
            .with_label("zero")
            .with_help(format!("Give a {what} above zero, or leave it out."));
    }
    Diagnostic::error(
        "dose",
        range.span,
        format!("This {what} range runs backwards: {} is more than {}.", r.min, r.max),
    )
    .with_label("backwards range")
    .with_help("Write the smaller number first, like `20-30s` or `8-12 reps`.")
}

fn sides_word(sides: Sides) -> &'static str {
    match sides {
        Sides::Both => "both sides",
        Sides::EachSide => "each side",
        Sides::Alternating => "alternating",
        Sides::Left => "left",
        Sides::Right => "right",
    }
}

fn duplicate(span: Span, first: Span, what: &str) -> Diagnostic {
    Diagnostic::error("dose", span, format!("This step gives `{what}` twice."))
        .with_label("second time")
        .with_related(first, "first time")
        .with_help(format!("Keep one `{what}`."))
}

fn conflict(span: Span, other: Span, message: &str, help: &str) -> Diagnostic {
    Diagnostic::error("dose", span, message)
        .with_label("this")
        .with_related(other, "conflicts with this")
        .with_help(help)
}

/// The diagnostic for a pose name that is not in the catalog.
pub(crate) fn unknown_pose(catalog: &Catalog, name: &Spanned<String>) -> Diagnostic {
    if let Some(look) = catalog::lookalike(&name.value) {
        let culprit_span =
            Span::new(name.span.start + look.offset, name.span.start + look.offset + look.culprit.len_utf8());
        if let Some(pose) = catalog.pose(&look.plain) {
            return Diagnostic::error(
                "unknown-pose",
                name.span,
                format!(
                    "`{}` looks like `{}`, but contains {} (U+{:04X}).",
                    name.value, pose.id, look.what, look.culprit as u32
                ),
            )
            .with_related(culprit_span, "this character")
            .with_help(format!(
                "Retype the name as `{}`; text pasted from the web or a phone can carry such characters.",
                pose.id
            ))
            .with_safe_fix(name.span, pose.id.clone());
        }
    }
    let mut diagnostic =
        Diagnostic::error("unknown-pose", name.span, format!("`{}` is not a pose I know.", quote(&name.value)))
            .with_label("unknown pose");
    match catalog.suggest_pose(&name.value) {
        Some(suggestion) => {
            diagnostic = diagnostic
                .with_help(format!("Did you mean `{suggestion}`?"))
                .with_fix(name.span, suggestion.to_owned());
        }
        None => {
            diagnostic = diagnostic.with_help(format!(
                "Run `ybc poses` to list the catalog, or define your own with `pose {} \"Name\" focus strength hold 20-40s`.",
                quote(&name.value)
            ));
        }
    }
    diagnostic
}

/// A prop's catalog id, or the name as written for a prop the catalog does
/// not know, with an `unknown-prop` diagnostic. The name is kept so that a
/// studio that allows `unknown-prop` (a kettlebell, a sandbag) still sees it on
/// the checklist, the cards and in the JSON, as the teacher wrote it; when the
/// rule is an error, the routine is not compiled anyway.
fn prop_id(catalog: &Catalog, name: &Spanned<String>, diagnostics: &mut Listing) -> String {
    // `blocks`, `straps`: a prop is named in the plural as often as not.
    let plural = || name.value.strip_suffix(['s', 'S']).and_then(|one| catalog.prop(one));
    if let Some(prop) = catalog.prop(&name.value).or_else(plural) {
        return prop.id.clone();
    }
    let suggestion = catalog::lookalike(&name.value)
        .and_then(|l| catalog.prop(&l.plain))
        .map(|p| p.id.as_str())
        .or_else(|| catalog.suggest_prop(&name.value));
    diagnostics.push(unknown_name(
        name,
        "prop",
        "unknown-prop",
        suggestion,
        &catalog.props().iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
    ));
    name.value.clone()
}

fn condition_id(catalog: &Catalog, name: &Spanned<String>, diagnostics: &mut Listing) -> Option<String> {
    if let Some(condition) = catalog.condition(&name.value) {
        return Some(condition.id.clone());
    }
    let suggestion = catalog::lookalike(&name.value)
        .and_then(|l| catalog.condition(&l.plain))
        .map(|c| c.id.as_str())
        .or_else(|| catalog.suggest_condition(&name.value));
    diagnostics.push(unknown_name(
        name,
        "condition",
        "unknown-condition",
        suggestion,
        &catalog.conditions().iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
    ));
    None
}

fn unknown_name(
    name: &Spanned<String>,
    what: &str,
    code: &'static str,
    suggestion: Option<&str>,
    all: &[&str],
) -> Diagnostic {
    let diagnostic = Diagnostic::error(code, name.span, format!("`{}` is not a {what} I know.", quote(&name.value)))
        .with_label(format!("unknown {what}"));
    match suggestion {
        Some(s) => diagnostic.with_help(format!("Did you mean `{s}`?")).with_fix(name.span, s.to_owned()),
        None => diagnostic.with_help(format!("Known {what}s: {}.", all.join(", "))),
    }
}

/// A word that is not one of `allowed` after `keyword`.
fn unknown_word(span: Span, word: &str, keyword: &str, allowed: &[&str]) -> Diagnostic {
    let diagnostic = Diagnostic::error("unknown-word", span, format!("`{}` is not a {keyword} I know.", quote(word)))
        .with_label(format!("unknown {keyword}"));
    match catalog::suggest(word, allowed.iter().copied()) {
        Some(s) => diagnostic
            .with_help(format!("Did you mean `{s}`? A {keyword} is one of: {}.", allowed.join(", ")))
            .with_fix(span, s.to_owned()),
        None => diagnostic.with_help(format!("A {keyword} is one of: {}.", allowed.join(", "))),
    }
}

/// A word inside a step or pose definition that the grammar did not recognise.
fn stray(span: Span, word: &str, words: &[&str], place: &str) -> Diagnostic {
    if word.starts_with('"') {
        return Diagnostic::error("syntax", span, "This text has no closing quote.")
            .with_label("starts here")
            .with_help("Add a `\"` where the text ends. A cue must open and close on the same line.");
    }
    let digits = word.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-');
    if digits.len() < word.len() {
        let number = word.get(..word.len() - digits.len()).unwrap_or(word);
        let help = match digits {
            "" => format!(
                "Add a unit: `{number}s` for seconds, `{number}m` for minutes, or `{number} reps` for repetitions."
            ),
            "x" | "X" => format!("Write the sets with the `x` first: `x{number}`."),
            "sec" | "secs" | "second" | "seconds" => format!("Write seconds as `{number}s`."),
            "min" | "mins" | "minute" | "minutes" => format!("Write minutes as `{number}m`."),
            "reps" | "rep" => format!("Put a space between the number and the word: `{number} reps`."),
            _ => "Write a duration like `30s`, `1m30s` or `20-30s`, reps like `8 reps`, and sets like `x3`.".to_owned(),
        };
        return Diagnostic::error("dose", span, format!("I can't read `{}` as a dose.", quote(word)))
            .with_label("not a dose")
            .with_help(help);
    }
    let lower = word.to_ascii_lowercase();
    let hint = match lower.as_str() {
        "reps" | "rep" => Some("Put the number before it: `8 reps`.".to_owned()),
        "sets" | "set" => Some("Write sets as `x3`.".to_owned()),
        "side" | "sides" | "both" | "each" => {
            Some("Write `each side` to work both sides one after the other.".to_owned())
        }
        "hold" | "rest" | "tempo" | "with" => Some(format!(
            "`{lower}` needs a value after it, like `{}`.",
            match lower.as_str() {
                "hold" => "hold 30s",
                "rest" => "rest 45s",
                "tempo" => "tempo 3-1-3",
                _ => "with block",
            }
        )),
        _ => None,
    };
    let diagnostic =
        Diagnostic::error("syntax", span, format!("`{}` is not something I understand in {place}.", quote(word)))
            .with_label("unknown word");
    if let Some(hint) = hint {
        return diagnostic.with_help(hint);
    }
    match catalog::suggest(&lower, words.iter().copied()) {
        Some(s) => diagnostic.with_help(format!("Did you mean `{s}`?")).with_fix(span, s.to_owned()),
        None => diagnostic.with_help(match place {
            "a step" => "After the pose come its dose (`hold 30s`, `8 reps`, `x3`, `rest 45s`, `tempo 3-1-3`), sides (`each side`, `alternating`, `left`, `right`), props (`with block`) and cues in double quotes.".to_owned(),
            _ => format!("A custom pose can say: {}.", words.join(", ")),
        }),
    }
}
