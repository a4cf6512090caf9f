//! `short-rest`: less than 30 s of rest between sets or rounds of strength work.

use super::{Check, Context, Rule, RuleInfo};
use crate::catalog::Focus;
use crate::diagnostic::{Diagnostic, Severity};
use crate::routine::{Item, Rounds, SectionKind};
use crate::span::Span;
use crate::syntax::Range;
use crate::vocabulary::{written_range, written_seconds};

/// The least rest between sets or rounds of strength work, seconds.
const MIN_REST: u32 = 30;

/// The rule.
pub const RULE: Rule = Rule {
    info: RuleInfo {
        name: "short-rest",
        default: Severity::Warning,
        summary: "less than 30 s of rest between sets or rounds of strength work",
        explanation: "Strength sets need time between them for the muscles to recover, or the next set is done with \
a tired back that compensates: shrugged shoulders, an overarched low back, a held breath. The upper-back strengthening guide rests \
30-60 s between sets. ybc reports strength steps (a strength pose, or any pose in a `strength` section) with two or \
more sets and less than 30 s of rest between them, or none at all, and rounds of strength work with less than 30 s \
between rounds. A `rest` step at the end of a round counts as rest between rounds; for a range, the shortest rest \
counts.",
        source: "The upper-back strengthening guide, \"Sets, reps, timing\": rest 30-60 seconds between sets.",
        example: "strength:\n  locust hold 20-30s x3 rest 15s\n",
        fixed: "strength:\n  locust hold 20-30s x3 rest 30s\n",
    },
    check: Check::Routine(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    walk(context, &context.routine.body, None, out);
}

/// Steps and rounds in source order, each rounds block reported before the steps inside it.
fn walk(context: &Context<'_>, items: &[Item], section: Option<SectionKind>, out: &mut Vec<Diagnostic>) {
    for item in items {
        match item {
            Item::Section(s) => walk(context, &s.body, Some(s.kind), out),
            Item::Rounds(rounds) => {
                between_rounds(context, rounds, section, out);
                walk(context, &rounds.body, section, out);
            }
            Item::Step(step) => {
                let Some(pose) = context.routine.pose(step) else { continue };
                let strength = pose.focus == Focus::Strength || section == Some(SectionKind::Strength);
                let sets = step.dose.set_count();
                let Some(sets_span) = step.dose.sets.as_ref().map(|s| s.span) else { continue };
                if !strength || sets < 2 {
                    continue;
                }
                match &step.dose.rest {
                    // A part of the dose could not be read; it may be the rest (`rest 45 sec`).
                    None if step.dose.invalid => {}
                    None => out.push(
                        Diagnostic::warning(
                            RULE.info.name,
                            sets_span,
                            format!(
                                "The {sets} sets of {} have no rest between them; strength sets need at least {} to recover.",
                                pose.english,
                                written_seconds(MIN_REST)
                            ),
                        )
                        .with_label("no rest between sets")
                        .with_help(format!(
                            "Rest {} between sets, as the upper-back strengthening guide suggests: `rest {}`.",
                            written_range(Range { min: MIN_REST, max: 60 }),
                            written_seconds(MIN_REST)
                        ))
                        .with_fix(Span::new(sets_span.end, sets_span.end), format!(" rest {}", written_seconds(MIN_REST))),
                    ),
                    Some(rest) if rest.value.min < MIN_REST => {
                        let message = if rest.value.is_exact() {
                            format!(
                                "{} between sets of {} is short; strength sets need at least {} to recover.",
                                written_seconds(rest.value.min),
                                pose.english,
                                written_seconds(MIN_REST)
                            )
                        } else {
                            format!(
                                "The rest between sets of {} can be as short as {}; strength sets need at least {} to recover.",
                                pose.english,
                                written_seconds(rest.value.min),
                                written_seconds(MIN_REST)
                            )
                        };
                        let fixed = written_range(Range { min: MIN_REST, max: rest.value.max.max(MIN_REST) });
                        out.push(
                            Diagnostic::warning(RULE.info.name, rest.span, message)
                                .with_label(format!("less than {}", written_seconds(MIN_REST)))
                                .with_help(format!(
                                    "Rest {} between sets, as the upper-back strengthening guide suggests: `rest {fixed}`.",
                                    written_range(Range { min: MIN_REST, max: 60 })
                                ))
                                .with_fix(rest.span, fixed),
                        );
                    }
                    Some(_) => {}
                }
            }
            Item::Rest(_) | Item::Note(_) => {}
        }
    }
}

fn between_rounds(context: &Context<'_>, rounds: &Rounds, section: Option<SectionKind>, out: &mut Vec<Diagnostic>) {
    let has_steps = has_step(&rounds.body);
    if rounds.count < 2
        || !has_steps
        || !(section == Some(SectionKind::Strength) || has_strength(context, &rounds.body))
    {
        return;
    }
    let trailing = trailing_rest(&rounds.body);
    let total = rounds.rest.as_ref().map_or(0, |r| r.value.min).saturating_add(trailing.seconds);
    if total >= MIN_REST {
        return;
    }
    let need = written_seconds(MIN_REST);
    let (message, label) = if total == 0 {
        (
            format!("These {} rounds of strength work have no rest between them; allow at least {need}.", rounds.count),
            "no rest between rounds".to_owned(),
        )
    } else {
        (
            format!(
                "Only {} of rest between these rounds of strength work; allow at least {need}.",
                written_seconds(total)
            ),
            format!("less than {need} between rounds"),
        )
    };
    let range = written_range(Range { min: MIN_REST, max: 60 });
    let head = |rest: &str| format!("{} rounds rest {rest}:", rounds.count);
    let mut diagnostic = Diagnostic::warning(RULE.info.name, rounds.span, message).with_label(label);
    diagnostic = match (&rounds.rest, trailing.only) {
        (Some(rest), _) if trailing.seconds > 0 => {
            let wanted = MIN_REST - trailing.seconds.min(MIN_REST);
            let fixed = written_range(Range { min: wanted.max(rest.value.min), max: rest.value.max.max(wanted) });
            diagnostic
                .with_help(format!(
                    "Make it `{}`; with the {} of rest at the end of each round, that makes {need}. The upper-back strengthening guide rests {range} between sets.",
                    head(&fixed),
                    written_seconds(trailing.seconds)
                ))
                .with_fix(rest.span, fixed)
        }
        (Some(rest), _) => {
            let fixed = written_range(Range { min: MIN_REST, max: rest.value.max.max(MIN_REST) });
            diagnostic
                .with_help(format!("Make it `{}`; the upper-back strengthening guide rests {range} between sets.", head(&fixed)))
                .with_fix(rest.span, fixed)
        }
        (None, Some(span)) => diagnostic
            .with_help(format!(
                "Make the rest at the end of the round `rest {need}`, or add a rest to the rounds line (`{}`); the upper-back strengthening guide rests {range} between sets.",
                head(&need)
            ))
            .with_fix(span, need),
        (None, None) => diagnostic
            .with_help(format!(
                "Add a rest to the rounds line (`{}`), or a `rest {need}` step at the end of the round; the upper-back strengthening guide rests {range} between sets.",
                head(&need)
            ))
            .with_fix(Span::new(rounds.span.end, rounds.span.end), format!(" rest {need}")),
    };
    out.push(diagnostic);
}

/// Whether a block holds any pose step (an empty block is reported as such, not here).
fn has_step(items: &[Item]) -> bool {
    items.iter().any(|item| match item {
        Item::Step(_) => true,
        Item::Rounds(r) => has_step(&r.body),
        Item::Section(s) => has_step(&s.body),
        Item::Rest(_) | Item::Note(_) => false,
    })
}

/// Whether a block holds strength work: a strength pose anywhere in it.
fn has_strength(context: &Context<'_>, items: &[Item]) -> bool {
    items.iter().any(|item| match item {
        Item::Step(step) => context.routine.pose(step).is_some_and(|p| p.focus == Focus::Strength),
        Item::Rounds(r) => has_strength(context, &r.body),
        Item::Section(s) => has_strength(context, &s.body),
        Item::Rest(_) | Item::Note(_) => false,
    })
}

/// The rest at the end of a round: `rest` steps after the last pose (through
/// nested rounds that end the block), shortest values.
struct Trailing {
    seconds: u32,
    /// The length's span, when one `rest` step holds all of it.
    only: Option<Span>,
}

fn trailing_rest(items: &[Item]) -> Trailing {
    let mut seconds = 0u32;
    let mut spans = Vec::new();
    for item in items.iter().rev() {
        match item {
            Item::Note(_) => {}
            Item::Rest(rest) => {
                seconds = seconds.saturating_add(rest.length.value.min);
                spans.push(rest.length.span);
            }
            Item::Rounds(inner) => {
                let nested = trailing_rest(&inner.body);
                seconds = seconds.saturating_add(nested.seconds);
                if nested.seconds > 0 {
                    spans.push(Span::default());
                }
                break;
            }
            Item::Step(_) | Item::Section(_) => break,
        }
    }
    let only = match spans.as_slice() {
        [span] if !span.is_empty() => Some(*span),
        _ => None,
    };
    Trailing { seconds, only }
}
