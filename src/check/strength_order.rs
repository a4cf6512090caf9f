//! `strength-order`: the guide's safe order for strength work, bilateral
//! foundation, then unilateral, then eccentric (slow lowering).

use super::is_strength_work;
use super::{Check, Context, Rule, RuleInfo, StepInfo};
use crate::catalog::Laterality;
use crate::diagnostic::{Diagnostic, Severity};

/// The rule.
pub const RULE: Rule = Rule {
    info: RuleInfo {
        name: "strength-order",
        default: Severity::Warning,
        summary: "unilateral or slow-lowering work before the bilateral work of the same family",
        explanation: "The upper-back strengthening guide's safe order for strengthening is bilateral, foundational loading first \
(locust, bridge), then unilateral challenges (single-leg locust, single-arm rows), and eccentric or slow-lowering \
work last. Each stage builds the capacity the next one needs, so the class meets the harder, less stable work \
already warmed into the pattern, with fewer compensations. ybc compares poses of the same family (the locust \
family, the row family…): a one-sided variation before its two-sided foundation, or slow-lowering work before \
either, is out of order. Slow-lowering work is a tempo whose lowering phase is 4 s or more and at least twice the \
lift (`tempo 2-0-4`), or a cue that says \"slow lower…\" or \"eccentric\".",
        source: "The upper-back strengthening guide, \"The safe order for strengthening\"; the 45-60 minute class's \"bilateral → \
unilateral → eccentric sets\".",
        example: "strength:\n  single-leg-locust 8 reps alternating\n  locust hold 20-30s x3 rest 30s\n",
        fixed: "strength:\n  locust hold 20-30s x3 rest 30s\n  single-leg-locust 8 reps alternating\n",
    },
    check: Check::Routine(check),
};

/// The stages of the safe order, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    Bilateral,
    Unilateral,
    Eccentric,
}

impl Stage {
    fn of(info: &StepInfo<'_>) -> Self {
        if eccentric(info).is_some() {
            Stage::Eccentric
        } else if info.pose.laterality == Laterality::Unilateral {
            Stage::Unilateral
        } else {
            Stage::Bilateral
        }
    }

    fn words(self) -> &'static str {
        match self {
            Stage::Bilateral => "two-sided",
            Stage::Unilateral => "one-sided",
            Stage::Eccentric => "slow-lowering",
        }
    }
}

/// Eccentric work, and what makes it so: the pose itself, a tempo that lowers
/// for 4 s or more and at least twice as long as it lifts, or a cue that asks
/// for slow lowering.
fn eccentric(info: &StepInfo<'_>) -> Option<String> {
    if info.pose.eccentric {
        return Some("slow-lowering work".to_owned());
    }
    if let Some(tempo) = &info.step.dose.tempo {
        let [lift, _, lower] = tempo.value;
        if lower >= 4 && lower >= 2 * lift {
            return Some(format!("a {lower}-second lowering"));
        }
    }
    let cued = info.step.cues.iter().any(|cue| {
        let cue = cue.value.to_lowercase().replace('-', " ");
        cue.contains("slow lower") || cue.contains("eccentric")
    });
    cued.then(|| "cued as slow lowering".to_owned())
}

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let strength: Vec<(StepInfo<'_>, Stage)> = context
        .steps()
        .iter()
        .copied()
        .filter(is_strength_work)
        .map(|info| {
            let stage = Stage::of(&info);
            (info, stage)
        })
        .collect();
    // For each family and stage, every distinct pose name with the index of its
    // last step: enough to answer "which later steps come from an earlier stage"
    // for every step without comparing each pair of steps.
    let mut last_of: Vec<(&str, Stage, &str, usize)> = Vec::new();
    for (i, (info, stage)) in strength.iter().enumerate() {
        let name = info.step.name.value.as_str();
        match last_of.iter_mut().find(|(f, s, n, _)| *f == info.pose.family && s == stage && *n == name) {
            Some(entry) => entry.3 = i,
            None => last_of.push((info.pose.family.as_str(), *stage, name, i)),
        }
    }
    for (i, (info, stage)) in strength.iter().enumerate() {
        // Later steps of the same family from an earlier stage, in order of their last step.
        let mut later: Vec<&(&str, Stage, &str, usize)> = last_of
            .iter()
            .filter(|(family, other_stage, _, last)| *last > i && other_stage < stage && *family == info.pose.family)
            .collect();
        later.sort_by_key(|entry| entry.3);
        // The last of them is the step to move this one after.
        let Some(&&(_, _, _, last_index)) = later.last() else { continue };
        let Some((last, _)) = strength.get(last_index) else { continue };
        // `the two-sided `band-row` and `trx-row``, `the two-sided `locust` and the one-sided `single-leg-locust``.
        let mut groups: Vec<String> = Vec::new();
        for group_stage in [Stage::Bilateral, Stage::Unilateral] {
            let names: Vec<String> =
                later.iter().filter(|entry| entry.1 == group_stage).map(|entry| format!("`{}`", entry.2)).collect();
            if !names.is_empty() {
                groups.push(format!("the {} {}", group_stage.words(), join(&names)));
            }
        }
        let list = join(&groups);
        let name = &info.step.name.value;
        let message = match stage {
            Stage::Unilateral => {
                format!("`{name}` works one side at a time before {list}; build the two-sided foundation first.")
            }
            _ => format!("This slow-lowering `{name}` comes before {list}; save the slow lowering for last."),
        };
        out.push(
            Diagnostic::new(Severity::Warning, RULE.info.name, info.step.name.span, message)
                .with_label(format!("{}, too early", eccentric(info).unwrap_or_else(|| "one-sided work".to_owned())))
                .with_related(last.step.name.span, "move it after this")
                .with_help(
                    "The safe order is two-sided work first, then one side at a time, then slow lowering: move \
this step after the marked one.",
                ),
        );
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
