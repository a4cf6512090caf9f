//! `duration-mismatch`: the planned total misses the declared `duration` by
//! more than the tolerance.

use super::{Check, Context, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};
use crate::syntax::Range;
use crate::vocabulary::written_seconds;

/// The rule.
pub const RULE: Rule = Rule {
    info: RuleInfo {
        name: "duration-mismatch",
        default: Severity::Warning,
        summary: "the planned total misses the declared `duration` by more than the tolerance",
        explanation: "A class that runs long gets cut short at the end, which is where the cool-down and the \
breathing are; a class that runs short leaves the room waiting. ybc adds up every hold, rep, set, side, round and \
rest and compares the total with the `duration` header. It warns when even the longest reading of the plan falls \
short of the declared range by more than the tolerance (15% unless `duration-tolerance` in `ybc.toml` says \
otherwise), or when even the shortest reading runs over it by more. Transitions between poses are not counted, so a \
plan that runs over is, if anything, longer still in the room.",
        source: "General teaching practice: keep to the advertised class length; the upper-back strengthening guide's sample routines \
are timed (10-minute, 25-minute and 45-60 minute).",
        example: "duration 10m\nstrength:\n  locust hold 30s x5 rest 60s\n  band-row 12 reps x3 rest 60s\n  \
bridge 4 reps hold 45s\n",
        fixed: "duration 15m\nstrength:\n  locust hold 30s x5 rest 60s\n  band-row 12 reps x3 rest 60s\n  \
bridge 4 reps hold 45s\n",
    },
    check: Check::Routine(check),
};

/// Slack for floating-point rounding at the exact tolerance boundary, in seconds.
const EPSILON: f64 = 1e-6;

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(plan), Some(declared)) = (context.plan, &context.routine.meta.duration) else { return };
    let tolerance = context.settings.duration_tolerance.max(0.0);
    let planned = plan.total;
    let (min, max) = (f64::from(declared.value.min), f64::from(declared.value.max));
    let over = f64::from(planned.min) > max * (1.0 + tolerance) + EPSILON;
    let under = f64::from(planned.max) < min * (1.0 - tolerance) - EPSILON;
    if !over && !under {
        return;
    }
    let message = if over {
        format!(
            "The plan comes to {}, more than {} over the {} in the `duration` header.",
            show(planned),
            percent(tolerance),
            show(declared.value)
        )
    } else {
        format!(
            "The plan comes to only {}, more than {} short of the {} in the `duration` header.",
            show(planned),
            percent(tolerance),
            show(declared.value)
        )
    };
    let label = if over { "the plan runs longer" } else { "the plan runs shorter" };
    let suggestion = suggested_duration(planned);
    let help = if over {
        format!(
            "Trim a set, a round or a rest, or declare `duration {suggestion}`; moving between poses adds time too."
        )
    } else {
        format!("Add a set, a round or a longer hold, or declare `duration {suggestion}`.")
    };
    out.push(
        Diagnostic::new(Severity::Warning, RULE.info.name, declared.span, message)
            .with_label(label)
            .with_help(help)
            .with_fix(declared.span, suggestion),
    );
}

/// `12m2s-12m32s`, or `10m` for a single value.
fn show(range: Range) -> String {
    if range.min == range.max {
        written_seconds(range.min)
    } else {
        format!("{}-{}", written_seconds(range.min), written_seconds(range.max))
    }
}

/// `15%`, or `12.5%` when the tolerance is not a whole percentage.
fn percent(tolerance: f64) -> String {
    let percent = tolerance * 100.0;
    if (percent - percent.round()).abs() < 1e-9 { format!("{}%", percent.round()) } else { format!("{percent:.1}%") }
}

/// A `duration` value in whole minutes that holds the plan: `12-13m`, `12m`, `1h5m-1h10m`.
fn suggested_duration(planned: Range) -> String {
    let low = (planned.min / 60).max(1);
    let high = planned.max.div_ceil(60).max(low);
    if low == high {
        written_seconds(low * 60)
    } else if high < 60 {
        format!("{low}-{high}m")
    } else {
        format!("{}-{}", written_seconds(low * 60), written_seconds(high * 60))
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::Catalog;
    use crate::check::Settings;

    fn findings(text: &str, tolerance: f64) -> Vec<String> {
        let settings = Settings { duration_tolerance: tolerance, ..Settings::default() };
        crate::compile_with(text, &Catalog::builtin(), &settings)
            .diagnostics
            .into_iter()
            .filter(|d| d.code == "duration-mismatch")
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn the_configured_tolerance_sets_the_boundary() {
        // 20 minutes + 12.5% is 22m30s exactly.
        assert!(findings("duration 20m\nbreathing 22m30s\n", 0.125).is_empty());
        assert_eq!(
            findings("duration 20m\nbreathing 22m31s\n", 0.125),
            ["The plan comes to 22m31s, more than 12.5% over the 20m in the `duration` header."]
        );
        // With no tolerance at all, a second either way is too much.
        assert!(findings("duration 20m\nbreathing 20m\n", 0.0).is_empty());
        assert_eq!(findings("duration 20m\nbreathing 19m59s\n", 0.0).len(), 1);
        // A wide tolerance lets a short class pass.
        assert!(findings("duration 20m\nbreathing 10m\n", 0.5).is_empty());
    }

    #[test]
    fn the_suggested_duration_holds_the_plan() {
        assert_eq!(super::suggested_duration(crate::syntax::Range { min: 722, max: 752 }), "12-13m");
        assert_eq!(super::suggested_duration(crate::syntax::Range { min: 720, max: 720 }), "12m");
        assert_eq!(super::suggested_duration(crate::syntax::Range { min: 20, max: 40 }), "1m");
        assert_eq!(super::suggested_duration(crate::syntax::Range { min: 4141, max: 4200 }), "1h9m-1h10m");
    }
}
