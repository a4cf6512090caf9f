//! `contraindicated`: a pose the catalog says to avoid for a condition in the room.
//!
//! The finding itself is shared with `caution`, which reports the milder
//! "teach with care" contraindications the same way.

use super::{Check, Context, Rule, RuleInfo};
use crate::catalog::{Contraindication, Pose, Severity as Strength};
use crate::diagnostic::{Diagnostic, Severity};
use crate::routine::Step;
use crate::span::Span;
use crate::syntax::Spanned;

/// The rule.
pub const RULE: Rule = Rule {
    info: RuleInfo {
        name: "contraindicated",
        default: Severity::Error,
        summary: "a pose to avoid for a condition in the audience, unless the step uses the prop that makes it safe",
        explanation: "Some poses are not safe as written for some people: an unsupported prone hold with the head \
lifted strains an irritated neck, and loaded spinal extension is what to avoid with osteoporotic fractures. When the \
routine's `audience` (or the configured audience) names such a condition, ybc reports each pose the catalog marks \
\"avoid\" for it, with the reason, the modification and the pose to offer instead. A step that already uses the prop \
that makes the pose safe (`locust … with block` for neck pain: the forehead rests on the block) is fine.",
        source: "Seed article, \"Key safety considerations and common contraindications\" and \"Practical \
modifications by limitation\".",
        example: "audience neck-pain\nstrength:\n  locust hold 20-30s x3 rest 30s\n",
        fixed: "audience neck-pain\nstrength:\n  locust hold 20-30s x3 rest 30s with block \"forehead on the block\"\n",
    },
    check: Check::Routine(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    findings(context, Strength::Avoid, RULE.info.name, RULE.info.default, out);
}

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
    for info in context.steps() {
        for condition in &audience {
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
            out.push(finding(context, info.step, info.pose, c, condition, code, severity));
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
    format!("someone with {}", condition_words(context, condition))
}

/// "neck pain": the condition's name in running text.
fn condition_words(context: &Context<'_>, condition: &str) -> String {
    let name = context.routine.catalog.condition(condition).map_or(condition.replace('-', " "), |c| c.name.clone());
    lower_first(&name)
}

/// The related label on the audience entry, when it was written in the routine.
pub(super) fn with_audience_label(diagnostic: Diagnostic, condition: &Spanned<String>) -> Diagnostic {
    if condition.span.is_empty() {
        diagnostic
    } else {
        diagnostic.with_related(condition.span, format!("{} is in the audience here", condition.value))
    }
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
    let custom = c.source == "defined by the teacher in the routine";
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
        diagnostic = match step.props.last() {
            Some(last) => diagnostic.with_fix(Span::new(last.span.end, last.span.end), format!(", {first}")),
            None => diagnostic.with_fix(Span::new(step.name.span.end, step.name.span.end), format!(" with {first}")),
        };
    }
    let diagnostic = diagnostic.with_help(help.join(" "));
    with_audience_label(diagnostic, condition)
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
    if let Some(hold) = other.hold {
        parts.push(format!("hold {}", range(hold.min, hold.max, "s")));
    } else if let Some(reps) = other.reps {
        parts.push(range(reps.min, reps.max, " reps"));
    } else if let Some(duration) = other.duration {
        parts.push(range(duration.min, duration.max, "s"));
    }
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
    parts.extend(step.cues.iter().map(|cue| format!("\"{cue}\"")));
    parts.join(" ")
}

/// The text with its first letter in lower case, unless it starts an acronym.
pub(super) fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if !second.is_uppercase() => {
            first.to_lowercase().chain(text[first.len_utf8()..].chars()).collect()
        }
        _ => text.to_owned(),
    }
}

/// The text as a sentence: a capital first letter and a full stop.
fn sentence(text: &str) -> String {
    let mut chars = text.trim().chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => return String::new(),
    };
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::catalog::Catalog;
    use crate::config::Settings;

    #[test]
    fn a_configured_condition_is_checked_without_pointing_at_the_routine() {
        let settings = Settings { audience: vec!["osteoporosis".to_owned()], ..Settings::default() };
        let compiled = crate::compile_with("strength:\n  locust hold 20s\n", &Catalog::builtin(), &settings);
        let found: Vec<_> = compiled.diagnostics.iter().filter(|d| d.code == "contraindicated").collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].labels.is_empty(), "no label on an empty span: {:?}", found[0].labels);
        assert!(found[0].message.starts_with("Locust is not safe for someone with osteoporosis"));
        let fix = found[0].fix.as_ref().expect("a fix");
        assert!(fix.replacement.starts_with("wall-scapular-retraction hold 5-10s"), "{}", fix.replacement);
    }

    #[test]
    fn the_fix_adds_the_prop_that_makes_the_pose_safe() {
        let text = "audience neck-pain\nstrength:\n  locust hold 20s\n  locust hold 20s with bolster\n";
        let compiled = crate::compile(text, &Catalog::builtin());
        let fixes: Vec<_> = compiled
            .diagnostics
            .iter()
            .filter(|d| d.code == "contraindicated")
            .filter_map(|d| d.fix.as_ref())
            .map(|f| (&text[..f.span.start], f.replacement.as_str()))
            .map(|(before, r)| (before.lines().last().unwrap_or("").to_owned(), r.to_owned()))
            .collect();
        assert_eq!(
            fixes,
            vec![
                ("  locust".to_owned(), " with block".to_owned()),
                ("  locust hold 20s with bolster".to_owned(), ", block".to_owned())
            ]
        );
    }
}
