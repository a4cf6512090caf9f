//! `breath-holding-risk`: long static strength holds with uncontrolled high
//! blood pressure in the room, and cues that tell the class to hold the
//! breath or strain, with high blood pressure or pregnancy in the room.

use super::audience::{someone_with, unique_audience, with_audience_label};
use super::{Check, Context, Rule, RuleInfo};
use crate::catalog::Focus;
use crate::diagnostic::{Diagnostic, Severity};
use crate::syntax::Range;
use crate::vocabulary::{written_range, written_seconds};

/// The condition this rule is about.
const CONDITION: &str = "high-blood-pressure";
/// The conditions for which a cue to hold the breath or strain is reported.
const CUE_CONDITIONS: [&str; 2] = [CONDITION, "pregnancy"];

/// Words in a cue that ask for a held breath or a strain (matched in lower
/// case, at word starts). English only.
const STRAIN_PHRASES: [&str; 17] = [
    "hold your breath",
    "hold the breath",
    "hold breath",
    "holding your breath",
    "holding the breath",
    "holding breath",
    "retain the breath",
    "retain your breath",
    "breath retention",
    "bear down",
    "bearing down",
    "squeeze hard",
    "squeeze as hard",
    "strain",
    "valsalva",
    "breath-hold",
    "kumbhaka",
];

/// Words just before a phrase (at most three words before it) that make it
/// advice against it ("don't hold your breath", "without straining").
const NEGATIONS: [&str; 8] = ["don't", "dont", "not", "never", "without", "no", "avoid", "avoiding"];

/// How many words before a phrase a negation may stand.
const NEGATION_REACH: usize = 3;

/// What a teacher can say instead, in place of the words that ask for a strain.
const STEADY_CUE: &str = "keep breathing steadily";
/// The longest static strength hold when the catalog gives no limit for the pose.
const DEFAULT_LIMIT: u32 = 20;

/// The rule.
pub const RULE: Rule = Rule {
    info: RuleInfo {
        name: "breath-holding-risk",
        default: Severity::Warning,
        summary: "a long static strength hold with uncontrolled high blood pressure in the audience, or a cue to hold the breath or strain with high blood pressure or pregnancy",
        explanation: "Long, intense isometric holds invite breath-holding and strain, and both push blood pressure up. \
With `high-blood-pressure` in the audience, ybc reports static holds of strength poses (including the hold of each \
rep) that run past the pose's limit in the catalog (locust 20 s, bridge 30 s), or past 20 s for a strength pose with \
no limit of its own. Slow lifts with a steady breath (`locust 8 reps tempo 4-0-4`) are the better choice. \
With `high-blood-pressure` or `pregnancy` in the audience, ybc also reads the teacher's cues: a cue that tells the \
class to hold the breath, bear down, squeeze hard or strain (\"hold your breath at the top\", \"bear down\") is a \
warning on that cue, with a steady-breath cue to use instead; a cue that says not to (\"don't hold your breath\", \
\"without straining\") or only mentions the breath (\"breathe into the back ribs\") is fine. Cues are read in \
English only: a cue in another language is not read.",
        source: "The upper-back strengthening guide, \"Key safety considerations\" (uncontrolled high blood pressure: avoid breath-holding, \
intense isometrics or large Valsalva-like efforts) and \"Practical modifications by limitation\" (shorten holds, slow \
breathing, avoid intense squeezes); the 20 s limit is a judgement at the low end of the guide's 20-45 s holds. \
Mayo Clinic, \"Weightlifting: Bad for your blood pressure?\": holding your breath during exertion can cause dangerous \
spikes in blood pressure. For pregnancy: Yoga UK, \"Safety precautions for pregnancy\" (do not hold the breath), and \
Yoga Scotland with YogaBirth, \"Guidelines for Teaching Yoga to Pregnant Women\" (breath retention practices are not \
appropriate in pregnancy).",
        example: "audience high-blood-pressure\nstrength:\n  locust hold 30-45s x3 rest 45s\n",
        fixed: "audience high-blood-pressure\nstrength:\n  locust hold 15-20s x3 rest 45s \"breathe slowly throughout\"\n",
    },
    check: Check::Routine(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    cues(context, out);
    let Some(condition) = unique_audience(context).into_iter().find(|c| c.value == CONDITION) else { return };
    let catalog = &context.routine.catalog;
    // A pose inside a sequence has the sequence's breaths, not a dose of the step's.
    for info in context.steps().iter().filter(|info| info.within.is_none()) {
        // The people with high blood pressure do the option written for them, if any.
        let option = info
            .step
            .options
            .iter()
            .find(|o| o.conditions.iter().any(|c| c.value == CONDITION))
            .and_then(|o| catalog.pose_at(o.step.pose).map(|pose| (&o.step, pose)));
        let (step, pose) = option.unwrap_or((info.step, info.pose));
        if let Some(diagnostic) = long_hold(context, step, pose) {
            out.push(with_audience_label(diagnostic, &condition));
        }
    }
}

/// A static strength hold past the pose's limit for high blood pressure.
fn long_hold(context: &Context<'_>, step: &crate::routine::Step, pose: &crate::catalog::Pose) -> Option<Diagnostic> {
    let hold = step.dose.hold.as_ref()?;
    let contraindication = pose.contraindications.iter().find(|c| c.condition == CONDITION);
    let limit = match (contraindication.and_then(|c| c.max_hold), pose.focus) {
        (Some(limit), Focus::Strength | Focus::Both) => limit,
        (None, Focus::Strength) => DEFAULT_LIMIT,
        _ => return None,
    };
    if hold.value.max <= limit {
        return None;
    }
    let shown = if hold.value.is_exact() {
        format!("A {} {} hold", written_seconds(hold.value.max), pose.english)
    } else {
        format!("A {} hold of up to {}", pose.english, written_seconds(hold.value.max))
    };
    let reason = contraindication.map_or_else(
        || "long, intense isometric holds and breath-holding push blood pressure up.".to_owned(),
        |c| crate::vocabulary::lower_first(&c.reason),
    );
    let message = format!(
        "{shown} is past the {} limit for {}: {reason}",
        written_seconds(limit),
        someone_with(context, CONDITION)
    );
    let fixed = written_range(Range { min: hold.value.min.min(limit), max: limit });
    let mut help = format!("Shorten it to `hold {fixed}` and keep a steady breath");
    if let (Some(reps), None, Focus::Strength) = (pose.reps, &step.dose.reps, pose.focus) {
        help.push_str(&format!(", or switch to slow lifts (`{} {} reps tempo 4-0-4`)", step.name.value, reps.max));
    }
    help.push('.');
    Some(
        Diagnostic::new(Severity::Warning, RULE.info.name, hold.span, message)
            .with_label(format!("longer than {}", written_seconds(limit)))
            .with_help(help)
            .with_fix(hold.span, fixed),
    )
}

/// Cues that ask for a held breath or a strain, with high blood pressure or
/// pregnancy in the room: one warning a cue, naming the first condition.
fn cues(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let audience = unique_audience(context);
    let Some(condition) = audience.iter().find(|c| CUE_CONDITIONS.contains(&c.value.as_str())) else { return };
    // The poses of a sequence are one step with one set of cues: read each step once.
    let mut previous = None;
    for info in context.steps() {
        if previous == Some(info.step.span) {
            continue;
        }
        previous = Some(info.step.span);
        for cue in &info.step.cues {
            let Some(phrase) = strain_phrase(&cue.value) else { continue };
            let message = format!(
                "The cue \"{}\" asks the class to {}, which is not safe for {}: holding the breath and straining \
                 push blood pressure up.",
                cue.value,
                if phrase.contains("bear") || phrase.contains("strain") || phrase.contains("squeeze") {
                    "strain"
                } else {
                    "hold the breath"
                },
                someone_with(context, &condition.value)
            );
            let diagnostic = Diagnostic::new(Severity::Warning, RULE.info.name, cue.span, message)
                .with_label(format!("\"{phrase}\""))
                .with_help(format!(
                    "Ask for a steady breath instead, for example \"{STEADY_CUE}\", and an effort that stays easy to \
                     breathe through."
                ))
                .with_fix(cue.span, format!("\"{}\"", steadied(&cue.value)));
            out.push(with_audience_label(diagnostic, condition));
        }
    }
}

/// The first phrase in `cue` that asks for a held breath or a strain, as
/// whole words, unless a negation stands just before it.
fn strain_phrase(cue: &str) -> Option<&'static str> {
    let lower = cue.to_lowercase().replace('\u{2019}', "'");
    STRAIN_PHRASES.into_iter().find(|phrase| {
        lower.match_indices(phrase).any(|(at, _)| {
            let before = lower.get(..at).unwrap_or("");
            let after = lower.get(at + phrase.len()..).unwrap_or("");
            let whole = before.chars().next_back().is_none_or(|c| !c.is_alphanumeric())
                && after.chars().next().is_none_or(|c| !c.is_alphanumeric() && c != '-');
            let clause = before.rsplit([',', '.', ';', ':', '!', '?']).next().unwrap_or(before);
            let near: Vec<&str> = clause.split_whitespace().rev().take(NEGATION_REACH).collect();
            whole
                && !near
                    .iter()
                    .any(|w| NEGATIONS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')))
        })
    })
}

/// The cue with the clauses that ask for a held breath or a strain replaced
/// by a steady-breath one, the rest kept ("knees over ankles, keep breathing
/// steadily").
fn steadied(cue: &str) -> String {
    let mut out = String::new();
    let mut replaced = false;
    for (i, clause) in cue.split(',').enumerate() {
        if i > 0 {
            out.push(',');
        }
        if strain_phrase(clause).is_some() {
            if !replaced {
                let lead = clause.len() - clause.trim_start().len();
                out.push_str(clause.get(..lead).unwrap_or(""));
                out.push_str(STEADY_CUE);
            } else {
                out.pop();
            }
            replaced = true;
        } else {
            out.push_str(clause);
        }
    }
    if replaced { out } else { STEADY_CUE.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::strain_phrase;

    #[test]
    fn cues_that_ask_for_a_held_breath_or_a_strain_are_found_and_advice_against_them_is_not() {
        for cue in [
            "inhale, then hold your breath at the top and squeeze hard",
            "Bear down",
            "hold the breath at the top",
            "squeeze as hard as you can",
            "don't breathe, just strain",
            "Never let the hips drop and hold your breath at the top",
            "kumbhaka: a breath-hold after the inhale",
        ] {
            assert!(strain_phrase(cue).is_some(), "{cue}");
        }
        for cue in [
            "breathe into the back ribs",
            "don't hold your breath",
            "Don\u{2019}t hold your breath",
            "lift without straining",
            "never bear down",
            "exhale as you lift",
            "hold the pose for five breaths",
            "restrain the urge to rush",
            "a strain-free lift",
        ] {
            assert_eq!(strain_phrase(cue), None, "{cue}");
        }
    }

    #[test]
    fn only_the_clause_that_asks_for_a_strain_is_replaced() {
        assert_eq!(
            super::steadied("Knees over ankles, hold your breath at the top"),
            "Knees over ankles, keep breathing steadily"
        );
        assert_eq!(super::steadied("bear down"), "keep breathing steadily");
        assert_eq!(
            super::steadied("inhale, then hold your breath at the top, squeeze hard"),
            "inhale, keep breathing steadily"
        );
    }
}
