//! `contraindicated`: a pose the catalog says to avoid for a condition in the room.
//!
//! The finding itself is made in `check::audience`, as `caution` makes its
//! milder "teach with care" ones.

use super::{Check, Context, Rule, RuleInfo};
use crate::catalog::Severity as Strength;
use crate::diagnostic::{Diagnostic, Severity};

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
        source: "The upper-back strengthening guide, \"Key safety considerations and common contraindications\" and \"Practical \
modifications by limitation\".",
        example: "audience neck-pain\nstrength:\n  locust hold 20-30s x3 rest 30s\n",
        fixed: "audience neck-pain\nstrength:\n  locust hold 20-30s x3 rest 30s with block \"forehead on the block\"\n",
    },
    check: Check::Routine(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    super::audience::findings(context, Strength::Avoid, RULE.info.name, RULE.info.default, out);
}

#[cfg(test)]
mod tests {
    use crate::catalog::Catalog;
    use crate::check::Settings;

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
