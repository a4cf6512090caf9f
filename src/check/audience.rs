//! The findings about the people in the room, shared by `contraindicated`
//! and `caution` (and the audience words `breath-holding-risk` uses): which
//! conditions are present, how to name them, and the finding for a pose with
//! a contraindication for one of them, with its modification and the pose to
//! offer instead.

use super::Context;
use crate::catalog::{Contraindication, Pose, Severity as Strength};
use crate::diagnostic::{Diagnostic, Severity};
use crate::routine::Step;
use crate::span::Span;
use crate::syntax::Spanned;
use crate::vocabulary::{lower_first, sentence};

/// Reports every step whose pose has a contraindication of `strength` for a
/// condition in the audience, unless the step uses a prop that lifts it.
pub(super) fn findings(
    context: &Context<'_>,
    strength: Strength,
    code: &'static str,
    severity: Severity,
    out: &mut Vec<Diagnostic>,
) {
    let audience = unique_audience(context);
    let mut previous = None;
    for info in context.steps().iter().filter(|info| !info.repeat) {
        // The people an option is for do the option: it is checked for them instead.
        if previous != Some(info.step.span) {
            previous = Some(info.step.span);
            options(context, info.step, strength, code, severity, out);
        }
        for condition in &audience {
            if info.step.options.iter().any(|o| o.conditions.iter().any(|c| c.value == condition.value)) {
                continue;
            }
            let Some(c) =
                info.pose.contraindications.iter().find(|c| c.condition == condition.value && c.severity == strength)
            else {
                continue;
            };
            if c.lifted_with.iter().any(|p| info.step.props.iter().any(|used| &used.value == p)) {
                continue;
            }
            // A hold limit (uncontrolled high blood pressure) is the modification
            // itself; `breath-holding-risk` checks the holds against it.
            if strength == Strength::Caution && c.max_hold.is_some() {
                continue;
            }
            let diagnostic = match info.within {
                Some(run) => in_sequence(context, info.step, run, info.pose, c, condition, code, severity),
                None => finding(context, info.step, info.pose, c, condition, code, severity),
            };
            out.push(diagnostic);
        }
    }
}

/// An option that is itself to avoid (or take care with) for a condition it
/// is offered for (whether or not the audience names it: the option says
/// someone has it), or for another condition in the room (the person who takes
/// it may have that one too): reported on the option's pose.
fn options(
    context: &Context<'_>,
    step: &Step,
    strength: Strength,
    code: &'static str,
    severity: Severity,
    out: &mut Vec<Diagnostic>,
) {
    let audience = unique_audience(context);
    for option in &step.options {
        let Some(pose) = context.routine.catalog.pose_at(option.step.pose) else { continue };
        let mut conditions: Vec<&Spanned<String>> = option.conditions.iter().collect();
        conditions.extend(audience.iter().filter(|a| !option.conditions.iter().any(|c| c.value == a.value)));
        for condition in conditions {
            let Some(c) =
                pose.contraindications.iter().find(|c| c.condition == condition.value && c.severity == strength)
            else {
                continue;
            };
            if c.lifted_with.iter().any(|p| option.step.props.iter().any(|used| &used.value == p))
                || (strength == Strength::Caution && c.max_hold.is_some())
            {
                continue;
            }
            let who = someone_with(context, &c.condition);
            let offered_for = option.conditions.iter().any(|o| o.value == c.condition);
            let message = match (strength, offered_for) {
                (Strength::Avoid, true) => format!(
                    "{}, offered for {who}, is itself not safe for them: {}",
                    pose.english,
                    lower_first(&c.reason)
                ),
                (Strength::Caution, true) => {
                    format!("{}, offered for {who}, needs care for them too: {}", pose.english, lower_first(&c.reason))
                }
                // Whoever takes the option may have another condition in the room too.
                (Strength::Avoid, false) => format!(
                    "{}, the option on this step, is not safe for {who}, who is in the class too: {}",
                    pose.english,
                    lower_first(&c.reason)
                ),
                (Strength::Caution, false) => format!(
                    "{}, the option on this step, needs care for {who}, who is in the class too: {}",
                    pose.english,
                    lower_first(&c.reason)
                ),
            };
            let mut help = sentence(&c.modification);
            if let Some(other) = c.instead.as_deref().and_then(|id| context.routine.catalog.pose(id)) {
                help.push_str(&format!(" Offer {} (`or {} … for {}`).", other.english, other.id, condition.value));
            }
            let label = if offered_for {
                format!("offered for {}", condition_words(context, &condition.value))
            } else {
                format!("take care with {}", condition_words(context, &condition.value))
            };
            out.push(Diagnostic::new(severity, code, option.step.name.span, message).with_label(label).with_help(help));
        }
    }
}

/// The audience without repeats, in order.
pub(super) fn unique_audience(context: &Context<'_>) -> Vec<Spanned<String>> {
    let mut seen: Vec<Spanned<String>> = Vec::new();
    for entry in &context.audience {
        if !seen.iter().any(|s| s.value == entry.value) {
            seen.push(entry.clone());
        }
    }
    seen
}

/// "someone with neck pain": the condition as a teacher says it.
pub(super) fn someone_with(context: &Context<'_>, condition: &str) -> String {
    crate::vocabulary::someone_with(&context.routine.catalog, &[condition])
}

/// "neck pain": the condition's name in running text.
fn condition_words(context: &Context<'_>, condition: &str) -> String {
    crate::vocabulary::condition_words(&context.routine.catalog, condition)
}

/// The related label on the audience entry, when it was written in the routine.
pub(super) fn with_audience_label(diagnostic: Diagnostic, condition: &Spanned<String>) -> Diagnostic {
    if condition.span.is_empty() {
        diagnostic
    } else {
        diagnostic.with_related(condition.span, format!("{} is in the audience here", condition.value))
    }
}

/// The finding for a pose inside a sequence: it names the pose, offers the
/// modification, and has no fix (the step's line is the whole sequence).
#[allow(clippy::too_many_arguments)]
fn in_sequence(
    context: &Context<'_>,
    step: &Step,
    run: &crate::routine::SequenceRun,
    pose: &Pose,
    c: &Contraindication,
    condition: &Spanned<String>,
    code: &'static str,
    severity: Severity,
) -> Diagnostic {
    let who = someone_with(context, &c.condition);
    let reason = lower_first(&c.reason);
    let (message, label) = match c.severity {
        Strength::Avoid => (
            format!("{} includes {}, which is not safe for {who}: {reason}", run.name, pose.english),
            format!("{} avoids {}", condition_words(context, &c.condition), pose.english),
        ),
        Strength::Caution => (
            format!("{} includes {}, to teach with care for {who}: {reason}", run.name, pose.english),
            format!("take care with {} here", pose.english),
        ),
    };
    let mut help = sentence(&c.modification);
    if let Some(other) = c.instead.as_deref().and_then(|id| context.routine.catalog.pose(id)) {
        help.push_str(&format!(" Offer {} (`{}`) in its place.", other.english, other.id));
    }
    help.push_str(" To change a pose of the sequence, write its poses as steps of their own.");
    let diagnostic = Diagnostic::new(severity, code, step.name.span, message).with_label(label).with_help(help);
    with_audience_label(diagnostic, condition)
}

fn finding(
    context: &Context<'_>,
    step: &Step,
    pose: &Pose,
    c: &Contraindication,
    condition: &Spanned<String>,
    code: &'static str,
    severity: Severity,
) -> Diagnostic {
    let who = someone_with(context, &c.condition);
    let custom = c.sources == [crate::catalog::Source::Teacher];
    let reason = if custom {
        let word = if c.severity == Strength::Avoid { "avoid" } else { "caution" };
        format!("its `pose` line marks it `{word} {}`.", c.condition)
    } else {
        lower_first(&c.reason)
    };
    let (message, label) = match c.severity {
        Strength::Avoid => (
            format!("{} is not safe for {who}: {reason}", pose.english),
            format!("avoid with {}", condition_words(context, &c.condition)),
        ),
        Strength::Caution => (
            format!("Teach {} with care for {who}: {reason}", pose.english),
            format!("take care with {}", condition_words(context, &c.condition)),
        ),
    };
    let mut help = Vec::new();
    if !(custom && c.instead.is_some()) {
        help.push(sentence(&c.modification));
    }
    let instead = c.instead.as_deref().and_then(|id| context.routine.catalog.pose(id));
    if let Some(other) = instead {
        // The pose offered instead may need its own prop for the same condition
        // (flying locust → locust, with the forehead on a block).
        let prop = other
            .contraindications
            .iter()
            .find(|oc| oc.condition == c.condition)
            .and_then(|oc| oc.lifted_with.first())
            .filter(|p| !step.props.iter().any(|used| &used.value == *p));
        let written = match prop {
            Some(p) if step.props.is_empty() => format!("{} with {p}", other.id),
            _ => other.id.clone(),
        };
        let named = !custom
            && (c.modification.to_lowercase().contains(&other.english.to_lowercase())
                || c.modification.contains(&other.id));
        help.push(if named {
            format!("Write it as `{written}`.")
        } else {
            format!("Offer {} instead: `{written}`.", other.english)
        });
        if let Some((first, rest)) = c.lifted_with.split_first() {
            let others: String = rest.iter().map(|p| format!(" (or `with {p}`)")).collect();
            help.push(format!("Or keep {} and write `with {first}`{others} on the step.", pose.english));
        }
        if c.severity == Strength::Avoid {
            let offered = match recommended_dose(other) {
                Some(dose) => format!("{} {dose}{}", other.id, written.strip_prefix(other.id.as_str()).unwrap_or("")),
                None => written.clone(),
            };
            help.push(ways_out(pose, Some(&offered), &c.condition));
        }
        let diagnostic = Diagnostic::new(severity, code, step.name.span, message)
            .with_label(label)
            .with_help(help.join(" "))
            .with_fix(step.span, rewrite_step(step, other, prop.map(String::as_str)));
        return with_audience_label(diagnostic, condition);
    }
    let mut diagnostic = Diagnostic::new(severity, code, step.name.span, message).with_label(label);
    if let Some((first, rest)) = c.lifted_with.split_first() {
        let others: String = rest.iter().map(|p| format!(" (or `with {p}`)")).collect();
        help.push(format!("With the prop in place, write `with {first}`{others} on the step."));
    }
    if c.severity == Strength::Avoid {
        help.push(ways_out(pose, None, &c.condition));
    }
    if let Some((first, _)) = c.lifted_with.split_first() {
        diagnostic = match step.props.last() {
            Some(last) => diagnostic.with_fix(Span::new(last.span.end, last.span.end), format!(", {first}")),
            None => diagnostic.with_fix(Span::new(step.name.span.end, step.name.span.end), format!(" with {first}")),
        };
    }
    let diagnostic = diagnostic.with_help(help.join(" "));
    with_audience_label(diagnostic, condition)
}

/// A pose's recommended dose as a step writes it: `hold 5-10s`, `8-12 reps`.
fn recommended_dose(pose: &Pose) -> Option<String> {
    let range = |min: u32, max: u32, unit: &str| {
        if min == max { format!("{min}{unit}") } else { format!("{min}-{max}{unit}") }
    };
    if let Some(hold) = pose.hold {
        Some(format!("hold {}", range(hold.min, hold.max, "s")))
    } else if let Some(reps) = pose.reps {
        Some(range(reps.min, reps.max, " reps"))
    } else {
        pose.duration.map(|duration| range(duration.min, duration.max, "s"))
    }
}

/// The two ways to change a step for someone: an option for them alone, or
/// the whole class adapted.
fn ways_out(pose: &Pose, instead: Option<&str>, condition: &str) -> String {
    let option = match instead {
        Some(written) => format!("`or {written} for {condition}`"),
        None => format!("`or` a pose and its dose `for {condition}`"),
    };
    format!(
        "To keep {} for everyone else, end the step with an option for those people: {option}; \
         `ybc build --adapt` changes the step for the whole class.",
        pose.english
    )
}

/// The step rewritten for the pose offered instead: that pose's recommended
/// dose (a dose written for the avoided pose rarely suits its regression), the
/// step's sets, rest between sets, props and cues kept, and `each side` for a
/// one-sided pose.
fn rewrite_step(step: &Step, other: &Pose, extra_prop: Option<&str>) -> String {
    let range = |min: u32, max: u32, unit: &str| {
        if min == max { format!("{min}{unit}") } else { format!("{min}-{max}{unit}") }
    };
    let mut parts = vec![other.id.clone()];
    parts.extend(recommended_dose(other));
    if let Some(sets) = &step.dose.sets {
        parts.push(format!("x{}", sets.value));
        if let Some(rest) = &step.dose.rest {
            parts.push(format!("rest {}", range(rest.value.min, rest.value.max, "s")));
        }
    }
    if other.laterality == crate::catalog::Laterality::Unilateral {
        parts.push("each side".to_owned());
    }
    let mut props: Vec<&str> = step.props.iter().map(|p| p.value.as_str()).collect();
    if let Some(extra) = extra_prop.filter(|e| !props.contains(e)) {
        props.push(extra);
    }
    if !props.is_empty() {
        parts.push(format!("with {}", props.join(", ")));
    }
    parts.extend(step.cues.iter().map(|cue| format!("\"{}\"", cue.value)));
    parts.join(" ")
}
