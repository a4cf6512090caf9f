//! `prop-not-listed`: a prop a step uses that the `props` header leaves out.

use super::{Check, Context, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};
use crate::span::Span;
use crate::vocabulary::lower_first;

/// The rule.
pub const RULE: Rule = Rule {
    info: RuleInfo {
        name: "prop-not-listed",
        default: Severity::Warning,
        summary: "a prop a step uses (`with …`, or one the pose needs) that the `props` line leaves out",
        explanation: "The `props` line is the handout's checklist: it tells students what to bring and the teacher \
what to lay out before class. When a routine has one, every prop a step uses must be on it: the props named with \
`with`, and the props a pose cannot be done without (a band for band rows, a wall for wall slides). ybc reports each \
missing prop once, where it is first used. A routine with no `props` line is not checked.",
        source: "The upper-back strengthening guide, \"Props and how to use them\"; general teaching practice (a complete prop list).",
        example: "props mat\nstrength:\n  band-row 12 reps x2 rest 45s\n",
        fixed: "props mat, band\nstrength:\n  band-row 12 reps x2 rest 45s\n",
    },
    check: Check::Routine(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let listed = &context.routine.meta.props;
    let (Some(first), Some(last)) = (listed.first(), listed.last()) else { return };
    let header = first.span.to(last.span);
    let catalog = &context.routine.catalog;
    let mut reported: Vec<&str> = Vec::new();
    for info in context.steps() {
        let (step, pose) = (info.step, info.pose);
        let used = step
            .props
            .iter()
            .map(|p| (p.value.as_str(), p.span, true))
            .chain(pose.props.needs.iter().map(|p| (p.as_str(), step.name.span, false)));
        for (prop, span, written) in used {
            if listed.iter().any(|l| l.value == prop) || reported.contains(&prop) {
                continue;
            }
            reported.push(prop);
            let name =
                with_article(&catalog.prop(prop).map_or_else(|| prop.replace('-', " "), |p| lower_first(&p.name)));
            let message = if written {
                format!("{} uses {name} here, but the props line doesn't list it.", pose.english)
            } else {
                format!("{} needs {name}, but the props line doesn't list it.", pose.english)
            };
            out.push(
                Diagnostic::warning(RULE.info.name, span, message)
                    .with_label(if written { "used here" } else { "needs it" })
                    .with_related(header, "the props line")
                    .with_help(format!("Add `{prop}` to the props line, so it is on the class's checklist."))
                    .with_fix(Span::new(last.span.end, last.span.end), format!(", {prop}")),
            );
        }
    }
}

/// "a yoga block", "light ankle weights".
fn with_article(name: &str) -> String {
    if name.ends_with('s') && !name.ends_with("ss") {
        name.to_owned()
    } else if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {name}")
    } else {
        format!("a {name}")
    }
}
