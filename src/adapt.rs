//! `build --adapt`: a routine changed for the people in the room.
//!
//! Two modes. **Offer** (the default) keeps each step for the class and adds
//! an option for the people a pose is not safe for (`… or wall-slides 10 reps
//! for osteoporosis`); **swap** replaces the step for everyone. Either way the
//! substitute comes from the pose's ranked alternatives in the catalog (the
//! pose its contraindication offers, then its easier versions), never one that
//! is itself to avoid or take care with for anyone in the audience; its dose
//! keeps the step's time within a quarter; the replaced step's cues are
//! dropped (a cue for locust rarely suits a wall exercise); a prop that makes
//! the pose safe is added instead of a substitute where there is one; the
//! fixes that are certain dose changes are made too (holds shortened to the
//! limit for high blood pressure, a cue to hold the breath replaced); and the
//! props line gets the props the changes need.

use std::sync::Arc;

use crate::catalog::{Catalog, Laterality, Pose, Severity as Strength};
use crate::check::Settings;
use crate::routine::{Sides, Step};
use crate::span::{LineIndex, Span};
use crate::vocabulary::someone_with;
use crate::{Applied, Edit, apply_edits, compile_with};

/// How a contraindicated step is changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Keep the step, and add an option for the people it is not safe for.
    #[default]
    Offer,
    /// Replace the step for the whole class.
    Swap,
}

/// A routine adapted to its audience.
#[derive(Debug, Clone)]
pub struct Adapted {
    /// The adapted routine's text.
    pub text: String,
    /// What was changed, and why.
    pub changes: Vec<Applied>,
    /// Steps no safe substitute was found for: (line, what to do by hand).
    pub by_hand: Vec<(usize, String)>,
}

/// How the change to the `props` line starts its reason.
pub const PROPS_LINE_REASON: &str = "The props line lists what the changes use:";

/// The most rounds of changes: a prop added in one round can bring out the
/// need for another change in the next.
const ROUNDS: usize = 4;

/// The widest a substitute's time may stray from the step's, as a fraction.
const TIME_TOLERANCE: f64 = 0.25;

/// The rules whose fixes are certain dose changes, made by every adaptation.
const DOSE_FIXES: [&str; 1] = ["breath-holding-risk"];

/// Adapts `text` for the audience (the routine's and the configured one).
pub fn adapt(text: &str, catalog: &Arc<Catalog>, settings: &Settings, mode: Mode) -> Adapted {
    let mut current = text.to_owned();
    let mut changes = Vec::new();
    let mut by_hand = Vec::new();
    for round in 0..ROUNDS {
        let compiled = compile_with(&current, catalog, settings);
        let lines = LineIndex::new(&current);
        let audience: Vec<String> = compiled
            .routine
            .meta
            .audience
            .iter()
            .map(|a| a.value.clone())
            .chain(settings.audience.iter().cloned())
            .collect();
        let mut edits: Vec<Edit> = Vec::new();
        let mut props_needed: Vec<String> = Vec::new();
        // Not a sequence's step: a sequence is changed by writing its poses
        // out, which is the teacher's to do.
        for (step, _) in compiled.routine.steps().into_iter().filter(|(step, _)| step.sequence.is_none()) {
            let Some(pose) = compiled.routine.catalog.pose_at(step.pose) else { continue };
            match change(&current, step, pose, &compiled.routine.catalog, &audience, mode) {
                Some(Change::Edit(edit, needs)) => {
                    edits.push(edit);
                    props_needed.extend(needs);
                }
                Some(Change::ByHand(why)) if round == 0 => by_hand.push((lines.line(step.span.start), why)),
                _ => {}
            }
        }
        // Certain dose changes: the fixes of the rules that make them.
        for d in compiled.diagnostics.iter().filter(|d| DOSE_FIXES.contains(&d.code)) {
            let Some(fix) = &d.fix else { continue };
            if edits.iter().any(|e| e.span.start < fix.span.end && fix.span.start < e.span.end) {
                continue;
            }
            edits.push(Edit {
                span: fix.span,
                replacement: fix.replacement.clone(),
                reason: match &d.help {
                    Some(help) => format!("{} {help}", d.message),
                    None => d.message.clone(),
                },
            });
        }
        if let Some(edit) = props_line(&current, &compiled.routine, &props_needed) {
            edits.push(edit);
        }
        if edits.is_empty() {
            break;
        }
        let (next, applied) = apply_edits(&current, edits);
        changes.extend(applied);
        current = next;
    }
    Adapted { text: current, changes, by_hand }
}

enum Change {
    /// An edit, and the props it needs.
    Edit(Edit, Vec<String>),
    /// No safe change: what to do by hand.
    ByHand(String),
}

/// Whether `pose` is to avoid (or take care with) for a condition in `audience`.
fn unsafe_for(pose: &Pose, audience: &[String]) -> bool {
    pose.contraindications.iter().any(|c| audience.contains(&c.condition))
}

/// The change a step needs for the audience, if any.
fn change(
    source: &str,
    step: &Step,
    pose: &Pose,
    catalog: &Catalog,
    audience: &[String],
    mode: Mode,
) -> Option<Change> {
    let used = |p: &String| step.props.iter().any(|u| &u.value == p);
    let optioned = |c: &str| step.options.iter().any(|o| o.conditions.iter().any(|x| x.value == c));
    let avoided: Vec<_> = pose
        .contraindications
        .iter()
        .filter(|c| c.severity == Strength::Avoid && audience.contains(&c.condition) && !optioned(&c.condition))
        .filter(|c| !c.lifted_with.iter().any(used))
        .collect();
    let first = avoided.first()?;
    // A prop that lifts every avoid keeps the pose for everyone.
    if let Some(prop) = first.lifted_with.iter().find(|p| avoided.iter().all(|c| c.lifted_with.contains(p))) {
        let at = step.props.last().map_or(step.name.span.end, |p| p.span.end);
        let replacement = if step.props.is_empty() { format!(" with {prop}") } else { format!(", {prop}") };
        let conditions: Vec<&str> = avoided.iter().map(|c| c.condition.as_str()).collect();
        let name = catalog.prop(prop).map_or_else(|| prop.clone(), |p| p.name.to_lowercase());
        let reason = format!(
            "{} is safe for {} with a {name}, so the step uses one: {}",
            pose.english,
            someone_with(catalog, &conditions),
            crate::vocabulary::lower_first(&first.modification)
        );
        return Some(Change::Edit(Edit { span: Span::new(at, at), replacement, reason }, vec![prop.clone()]));
    }
    let conditions: Vec<&str> = avoided.iter().map(|c| c.condition.as_str()).collect();
    let who = someone_with(catalog, &conditions);
    // The conditions the step's options are for are in the room too.
    let mut everyone = audience.to_vec();
    everyone.extend(step.options.iter().flat_map(|o| o.conditions.iter().map(|c| c.value.clone())));
    let Some(other) = substitute(pose, &avoided, catalog, &everyone) else {
        return Some(Change::ByHand(format!(
            "no pose in the catalog replaces {} safely for {who}. {}",
            pose.english, first.modification
        )));
    };
    let dose = keep_time(step, pose, other);
    let props: Vec<String> = other.props.needs.clone();
    let done = match mode {
        Mode::Offer => format!("offered them {}, {}, in about the same time", other.english, dose_words(&dose)),
        Mode::Swap => format!("replaced it with {}, {}, in about the same time", other.english, dose_words(&dose)),
    };
    let reason = format!(
        "{} is not safe for {who} ({}): {done}.",
        pose.english,
        crate::vocabulary::lower_first(first.reason.trim_end_matches('.'))
    );
    let edit = match mode {
        Mode::Offer => {
            // Before the step's cues, where `ybc fmt` puts an option.
            let at = step.cues.first().map_or(step.span.end, |c| c.span.start.saturating_sub(1));
            let with = if props.is_empty() { String::new() } else { format!(" with {}", props.join(", ")) };
            Edit {
                span: Span::new(at, at),
                replacement: format!(" or {} {dose}{with} for {}", other.id, conditions.join(", ")),
                reason,
            }
        }
        Mode::Swap => {
            let mut text = format!("{} {dose}", other.id);
            if let Some(sets) = &step.dose.sets {
                text.push_str(&format!(" x{}", sets.value));
                if let Some(rest) = &step.dose.rest {
                    text.push_str(&format!(" rest {}", crate::vocabulary::written_range(rest.value)));
                }
            }
            // The step's props the substitute can use too, and the props it needs.
            let mut with: Vec<&str> = step
                .props
                .iter()
                .map(|p| p.value.as_str())
                .filter(|p| other.props.needs.iter().chain(&other.props.optional).any(|o| o == p))
                .collect();
            with.extend(props.iter().map(String::as_str).filter(|p| !step.props.iter().any(|u| u.value == *p)));
            if !with.is_empty() {
                text.push_str(&format!(" with {}", with.join(", ")));
            }
            // Options the teacher wrote for other people stay on the step.
            for option in &step.options {
                if let Some(written) = source.get(option.span.start..option.span.end) {
                    text.push(' ');
                    text.push_str(written);
                }
            }
            let mut reason = reason;
            if !step.cues.is_empty() {
                let cues: Vec<String> = step.cues.iter().map(|c| format!("\"{}\"", c.value)).collect();
                reason.push_str(&format!(
                    " The step's cues were for {} and were dropped: {}.",
                    pose.english,
                    cues.join(", ")
                ));
            }
            Edit { span: step.span, replacement: text, reason }
        }
    };
    Some(Change::Edit(edit, props))
}

/// The first of the pose's ranked alternatives that is safe for everyone in
/// the audience: the pose its contraindications offer, then its easier versions.
fn substitute<'c>(
    pose: &Pose,
    avoided: &[&crate::catalog::Contraindication],
    catalog: &'c Catalog,
    audience: &[String],
) -> Option<&'c Pose> {
    let ranked = avoided.iter().filter_map(|c| c.instead.as_ref()).chain(pose.regressions.iter());
    ranked
        .filter_map(|id| catalog.pose(id))
        .filter(|other| other.id != pose.id)
        .find(|other| !unsafe_for(other, audience) && (other.hold.is_some() || other.reps.is_some()))
}

/// Seconds of one set on one side, at the middle of each range.
fn set_seconds(step: &Step, pose: &Pose) -> f64 {
    let mid = |r: crate::syntax::Range| f64::from(r.min + r.max) / 2.0;
    let dose = &step.dose;
    let per_rep = dose
        .tempo
        .as_ref()
        .map(|t| f64::from(t.value.iter().sum::<u32>()))
        .or_else(|| dose.hold.as_ref().map(|h| mid(h.value)))
        .unwrap_or(f64::from(pose.seconds_per_rep));
    match (&dose.reps, &dose.hold, &dose.work) {
        (Some(reps), _, _) => mid(reps.value) * per_rep,
        (None, Some(hold), _) => mid(hold.value),
        (None, None, Some(work)) => mid(work.value),
        _ => pose.hold.map_or(30.0, |h| f64::from(h.min + h.max) / 2.0),
    }
}

/// The substitute's dose for the same time as the step (within a quarter
/// where its recommended ranges allow): reps at its pace, a hold, or reps
/// each held; `each side` for a one-sided substitute, whose two sides share
/// the time of a two-sided step.
fn keep_time(step: &Step, pose: &Pose, other: &Pose) -> String {
    let mut target = set_seconds(step, pose);
    let both_before = step.sides == Sides::EachSide;
    let one_sided = other.laterality == Laterality::Unilateral;
    if both_before && !one_sided {
        target *= 2.0;
    } else if !both_before && one_sided {
        target /= 2.0;
    }
    let side = if one_sided { " each side" } else { "" };
    let within = |seconds: f64| (seconds - target).abs() <= target * TIME_TOLERANCE;
    if let Some(reps) = other.reps {
        let pace = f64::from(other.seconds_per_rep.max(1));
        let n = (target / pace).round().clamp(f64::from(reps.min), f64::from(reps.max.max(reps.min)));
        if within(n * pace) || other.hold.is_none() {
            return format!("{} reps{side}", n as u32);
        }
    }
    if let Some(hold) = other.hold {
        let longest = f64::from(hold.max.max(1));
        if target <= longest {
            let h = target.round().clamp(f64::from(hold.min).min(longest), longest);
            return format!("hold {}{side}", crate::vocabulary::written_seconds(h as u32));
        }
        // Longer than one hold: reps, each held as long as the pose allows.
        let n = (target / longest).ceil().max(1.0);
        let h = (target / n).round().clamp(f64::from(hold.min).min(longest), longest);
        return format!("{} reps hold {}{side}", n as u32, crate::vocabulary::written_seconds(h as u32));
    }
    format!("{}s{side}", target.round() as u32)
}

/// The edit that adds `needed` props missing from the `props` line.
fn props_line(text: &str, routine: &crate::routine::Routine, needed: &[String]) -> Option<Edit> {
    let listed = &routine.meta.props;
    let mut missing: Vec<&str> = Vec::new();
    for prop in needed {
        if !listed.iter().any(|p| &p.value == prop) && !missing.contains(&prop.as_str()) {
            missing.push(prop);
        }
    }
    if missing.is_empty() {
        return None;
    }
    let reason = format!("{PROPS_LINE_REASON} {}.", missing.join(" and "));
    Some(match listed.last() {
        Some(last) => Edit {
            span: Span::new(last.span.end, last.span.end),
            replacement: format!(", {}", missing.join(", ")),
            reason,
        },
        None => {
            // A new line before the first statement (after the opening comments
            // and blank lines), ended the way the file ends its lines.
            let at = crate::syntax::lines(text)
                .find(|(_, line)| !line.trim().is_empty() && !line.trim_start().starts_with('#'))
                .map_or(text.len(), |(start, _)| start);
            let newline = if text.contains("\r\n") {
                "\r\n"
            } else if text.contains('\r') && !text.contains('\n') {
                "\r"
            } else {
                "\n"
            };
            let mut line = format!("props {}{newline}", missing.join(", "));
            if at == text.len() && !text.is_empty() && !text.ends_with(['\n', '\r']) {
                line.insert_str(0, newline);
            }
            Edit { span: Span::new(at, at), replacement: line, reason }
        }
    })
}

/// A dose as written (`8 reps hold 9s each side`) in words: `8 reps, each held 9 s, each side`.
fn dose_words(dose: &str) -> String {
    dose.replace(" reps hold ", " reps, each held ").replace("hold ", "a hold of ").replace(" each side", ", each side")
}
