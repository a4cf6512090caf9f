//! Explanations for people: a rule, a pose or a condition as plain text, and
//! the rules reference (`docs/rules.md`), all written from the same data the
//! checks use, so the docs never drift from the code.

use std::fmt::Write;

use crate::catalog::{Catalog, Condition, Pose, Sequence, Severity as Strength};
use crate::check::{Check, RULES, Rule};
use crate::codes::{CODES, Code};

/// What a name given to `ybc explain` turned out to be.
pub enum Subject<'a> {
    /// A rule.
    Rule(&'static Rule),
    /// A pose.
    Pose(&'a Pose),
    /// A condition.
    Condition(&'a Condition),
    /// A code that is not a rule (`unknown-pose`, `syntax`…).
    Code(&'static Code),
    /// A sequence (a sun salutation).
    Sequence(&'a Sequence),
}

/// Looks a name up among rules, the other codes, poses and conditions, in that order.
pub fn find<'a>(name: &str, catalog: &'a Catalog) -> Option<Subject<'a>> {
    if let Some(rule) = crate::check::rule(name) {
        return Some(Subject::Rule(rule));
    }
    if let Some(code) = crate::codes::code(name) {
        return Some(Subject::Code(code));
    }
    if let Some(pose) = catalog.pose(name) {
        return Some(Subject::Pose(pose));
    }
    if let Some(sequence) = catalog.sequence(name) {
        return Some(Subject::Sequence(sequence));
    }
    catalog.condition(name).map(Subject::Condition)
}

/// A sequence as `ybc explain` prints it: its poses in order with their
/// breaths, its cues and its sources.
pub fn sequence(sequence: &Sequence, catalog: &Catalog) -> String {
    let mut out = String::new();
    let _ = write!(out, "{} ({})", sequence.english, sequence.id);
    if let Some(sanskrit) = &sequence.sanskrit {
        let _ = write!(out, ", {sanskrit}");
    }
    let _ = writeln!(
        out,
        "\n\nA sequence: write it as one step, with rounds and a rest between them (`{} x3 rest 15s`).",
        sequence.id
    );
    if !sequence.aliases.is_empty() {
        let _ = writeln!(out, "Also written: {}.", sequence.aliases.join(", "));
    }
    let _ = writeln!(out, "\nPoses, one breath each unless it says:");
    for (i, item) in sequence.poses.iter().enumerate() {
        let name = catalog.pose(&item.pose).map_or_else(|| item.pose.clone(), |p| p.english.clone());
        let breaths = if item.breaths == 1 { String::new() } else { format!(", {} breaths", item.breaths) };
        let side = match item.side {
            Some(crate::catalog::SequenceSide::Left) => ", left side",
            Some(crate::catalog::SequenceSide::Right) => ", right side",
            None => "",
        };
        let _ = writeln!(out, "  {}. {name} ({}){breaths}{side}", i + 1, item.pose);
    }
    if !sequence.cues.is_empty() {
        let _ = writeln!(out, "\nCues:");
        for cue in &sequence.cues {
            let _ = writeln!(out, "  - {cue}");
        }
    }
    let _ = writeln!(out, "\nSources:");
    for source in &sequence.sources {
        let _ = writeln!(out, "  - {}", source.cite());
    }
    out
}

/// The closest rule, code, pose or condition name to `name`.
pub fn suggest(name: &str, catalog: &Catalog) -> Option<String> {
    let rules = RULES.iter().map(|r| r.info.name).chain(CODES.iter().map(|c| c.name));
    let poses = catalog.poses().map(|p| p.id.as_str());
    let conditions = catalog.conditions().iter().map(|c| c.id.as_str());
    let sequences = catalog.sequences().map(|s| s.id.as_str());
    crate::catalog::suggest(name, rules.chain(poses).chain(conditions).chain(sequences)).map(str::to_owned)
}

/// A rule as `ybc explain` prints it.
pub fn rule(rule: &Rule) -> String {
    let info = &rule.info;
    let mut out = String::new();
    let _ = writeln!(out, "{} ({} by default)\n", info.name, info.default.as_str());
    let _ = writeln!(out, "What it catches: {}.\n", info.summary);
    let _ = writeln!(out, "{}\n", info.explanation);
    let _ = writeln!(out, "Source: {}\n", info.source);
    let _ = writeln!(out, "Triggers it:\n{}", indent(info.example));
    let _ = writeln!(out, "Fixed:\n{}", indent(info.fixed));
    let _ = write!(
        out,
        "Set its level in ybc.toml under [rules] ({} = \"allow\" | \"info\" | \"warning\" | \"error\"),\nor allow it on one step with `# ybc: allow({})` at the end of the line.\n",
        info.name, info.name
    );
    out
}

/// A code that is not a rule, as `ybc explain` prints it.
pub fn code(code: &Code) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", code.name);
    let _ = writeln!(out, "What it reports: {}.\n", code.summary);
    let _ = writeln!(out, "{}", code.explanation);
    if let Some((example, fixed)) = code.example {
        let _ = writeln!(out, "\nTriggers it:\n{}", indent(example));
        let _ = write!(out, "Fixed:\n{}", indent(fixed));
    }
    out
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}\n")).collect()
}

/// A pose's catalog card as `ybc explain` prints it.
pub fn pose(pose: &Pose, catalog: &Catalog) -> String {
    let mut out = String::new();
    let _ = write!(out, "{} ({})", pose.english, pose.id);
    if let Some(sanskrit) = &pose.sanskrit {
        let _ = write!(out, ", {sanskrit}");
    }
    let _ = writeln!(out, "\n");
    let _ = writeln!(
        out,
        "Focus: {}. Level: {:?}. {:?}.",
        crate::vocabulary::focus(pose.focus),
        pose.level,
        pose.laterality
    );
    let mut doses = Vec::new();
    if let Some(h) = pose.hold {
        doses.push(format!("holds of {}-{} s", h.min, h.max));
    }
    if let Some(r) = pose.reps {
        doses.push(format!("{}-{} reps", r.min, r.max));
    }
    if let Some(d) = pose.duration {
        doses.push(format!("{}-{} s of continuous movement", d.min, d.max));
    }
    if let Some(s) = pose.sets {
        doses.push(format!("{}-{} sets", s.min, s.max));
    }
    if let Some(r) = pose.rest {
        doses.push(format!("{}-{} s rest between sets", r.min, r.max));
    }
    let _ = writeln!(out, "Recommended: {}.", doses.join(", "));
    if !pose.aliases.is_empty() {
        let _ = writeln!(out, "Also written: {}.", pose.aliases.join(", "));
    }
    match &pose.fit {
        Some(fit) => {
            let _ = writeln!(out, "On a Garmin watch (`build --format fit`): the FIT pose `{fit}`.");
        }
        None => {
            let _ = writeln!(out, "On a Garmin watch (`build --format fit`): shown by name; FIT has no such pose.");
        }
    }
    if !pose.props.needs.is_empty() {
        let _ = writeln!(out, "Needs: {}.", pose.props.needs.join(", "));
    }
    if !pose.props.optional.is_empty() {
        let _ = writeln!(out, "Can use: {}.", pose.props.optional.join(", "));
    }
    if !pose.cues.is_empty() {
        let _ = writeln!(out, "\nCues:");
        for cue in &pose.cues {
            let _ = writeln!(out, "  - {cue}");
        }
    }
    let name = |id: &String| catalog.pose(id).map_or_else(|| id.clone(), |p| format!("{} ({})", p.english, p.id));
    if !pose.regressions.is_empty() {
        let _ = writeln!(out, "\nEasier: {}.", pose.regressions.iter().map(name).collect::<Vec<_>>().join(", "));
    }
    if !pose.progressions.is_empty() {
        let _ = writeln!(out, "Harder: {}.", pose.progressions.iter().map(name).collect::<Vec<_>>().join(", "));
    }
    if !pose.contraindications.is_empty() {
        let _ = writeln!(out, "\nContraindications:");
        for c in &pose.contraindications {
            let level = match c.severity {
                Strength::Avoid => "avoid",
                Strength::Caution => "caution",
            };
            let _ = writeln!(out, "  - {} ({level}): {} Modification: {}.", c.condition, c.reason, c.modification);
        }
    }
    let _ = writeln!(out, "\nSources:");
    for source in &pose.sources {
        let _ = writeln!(out, "  - {}", source.cite());
    }
    out
}

/// A condition as `ybc explain` prints it: its guidance, its rules (what a
/// pose does that makes it one to avoid or to teach with care, why, what to
/// offer, the catalog poses each one reaches, and the sources), then the
/// entries written for single poses.
pub fn condition(condition: &Condition, catalog: &Catalog) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({})
",
        condition.name, condition.id
    );
    let _ = writeln!(
        out,
        "{}
",
        condition.guidance
    );
    if !condition.aliases.is_empty() {
        let _ = writeln!(
            out,
            "Also written: {}.
",
            condition.aliases.join(", ")
        );
    }
    if let Some(policy) = &condition.policy {
        let _ = writeln!(
            out,
            "The studio's policy is in force ({}), following: {}.\nIts entries say so in their source; ybc's own advice it sets aside is listed last.\n",
            policy.file,
            policy.follows.trim_end_matches('.')
        );
        allowed(&mut out, policy, catalog);
    }
    for (word, level) in [("Avoid (an error)", Strength::Avoid), ("Teach with care (a warning)", Strength::Caution)] {
        let rules: Vec<_> = condition.rules.iter().filter(|r| r.severity == level).collect();
        if rules.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{word}:");
        for rule in rules {
            let what: Vec<String> = rule.when.iter().map(|p| format!("{} (`{}`)", p.meaning(), p.word())).collect();
            let _ = writeln!(out, "  - Poses with {}.", what.join(" and "));
            let _ = writeln!(out, "    Why: {}", rule.reason);
            let _ = writeln!(out, "    Modification: {}", rule.modification);
            if let Some(instead) = rule.instead.as_deref().and_then(|id| catalog.pose(id)) {
                let _ = writeln!(out, "    Instead: {} (`{}`).", instead.english, instead.id);
            }
            if !rule.lifted_with.is_empty() {
                let props: Vec<String> = rule.lifted_with.iter().map(|p| format!("`with {p}`")).collect();
                let _ = writeln!(out, "    Fine with the prop in place: {}.", props.join(" or "));
            }
            let reached: Vec<&str> = catalog
                .poses()
                .filter(|p| {
                    p.contraindications
                        .iter()
                        .any(|c| c.condition == condition.id && c.severity == level && c.because == rule.when)
                })
                .map(|p| p.id.as_str())
                .collect();
            if !reached.is_empty() {
                let _ = writeln!(out, "    Catalog poses: {}.", reached.join(", "));
            }
            for source in &rule.sources {
                let _ = writeln!(out, "    Source: {}", source.cite());
            }
        }
        let _ = writeln!(out);
    }
    let written: Vec<String> = catalog
        .poses()
        .flat_map(|p| {
            p.contraindications.iter().filter(|c| c.condition == condition.id && c.because.is_empty()).map(move |c| {
                let level = if c.severity == Strength::Avoid { "avoid" } else { "take care" };
                let mut line = format!("  - {} (`{}`), {level}: {}", p.english, p.id, c.modification);
                if let Some(instead) = &c.instead {
                    let _ = write!(line, " Instead: `{instead}`.");
                }
                if let Some(limit) = c.max_hold {
                    let _ = write!(line, " Holds of at most {limit} s.");
                }
                let sources: Vec<String> = c
                    .sources
                    .iter()
                    .map(|source| match source {
                        crate::catalog::Source::Studio { file, line, .. } => {
                            format!("the studio's policy, {file} line {line}")
                        }
                        other => other.short().to_owned(),
                    })
                    .collect();
                let _ = write!(line, " ({})", sources.join(", "));
                line
            })
        })
        .collect();
    if !written.is_empty() {
        let _ = writeln!(
            out,
            "Written for single poses (these stand in place of the rules above):\n{}\n",
            written.join("\n")
        );
    }
    let set_aside = condition.set_aside();
    if !set_aside.is_empty() {
        let _ = writeln!(
            out,
            "Set aside by the studio's policy (ybc's own advice, with the advice written for single poses that do these):"
        );
        for rule in set_aside {
            let what: Vec<String> = rule.when.iter().map(|p| format!("`{}`", p.word())).collect();
            let level = if rule.severity == Strength::Avoid { "avoid" } else { "take care" };
            let _ = writeln!(out, "  - Poses with {}, {level}: {}", what.join(" and "), rule.reason);
            for source in &rule.sources {
                let _ = writeln!(out, "    Source: {}", source.cite());
            }
        }
        let _ = writeln!(out);
    }
    for source in &condition.sources {
        let _ = writeln!(out, "Source: {}", source.cite());
    }
    out
}

/// What a studio's policy allows, with where it says so.
fn allowed(out: &mut String, policy: &crate::catalog::Policy, catalog: &Catalog) {
    let allow = crate::catalog::Stance::Allow;
    let mut lines: Vec<String> = policy
        .properties
        .iter()
        .filter(|e| e.level == allow)
        .map(|e| {
            format!("  - Poses with {} (`{}`): {}", e.subject.meaning(), e.subject.word(), policy.source(e.line).cite())
        })
        .collect();
    lines.extend(policy.poses.iter().filter(|e| e.level == allow).map(|e| {
        let name =
            catalog.pose(&e.subject).map_or_else(|| e.subject.clone(), |p| format!("{} (`{}`)", p.english, p.id));
        format!("  - {name}: {}", policy.source(e.line).cite())
    }));
    if !lines.is_empty() {
        let _ = writeln!(out, "Allowed (no finding):\n{}\n", lines.join("\n"));
    }
}

/// Every rule on a line (`ybc rules`): name, default level, summary.
pub fn rules_list() -> String {
    let width = RULES.iter().map(|r| r.info.name.len()).max().unwrap_or(0);
    RULES
        .iter()
        .map(|rule| format!("{:<width$}  {:<7}  {}\n", rule.info.name, rule.info.default.as_str(), rule.info.summary))
        .collect()
}

/// Every rule for tools (`ybc rules --json`): name, default level, summary,
/// explanation and source, as a pretty-printed JSON array.
pub fn rules_json() -> String {
    let rules: Vec<serde_json::Value> = RULES
        .iter()
        .map(|r| {
            serde_json::json!({
                "name": r.info.name,
                "default": r.info.default.as_str(),
                "summary": r.info.summary,
                "explanation": r.info.explanation,
                "source": r.info.source,
            })
        })
        .collect();
    serde_json::to_string_pretty(&rules).unwrap_or_default()
}

/// `docs/rules.md`: every rule, generated from the rules' own text (`ybc rules --markdown`).
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "# Rules\n\n<!-- Generated from the rules' own text by `ybc rules --markdown`; do not edit by hand.\n     A test fails when this file is out of date. -->\n\n",
    );
    out.push_str("`ybc check` applies these rules. Set a rule's level in `ybc.toml`:\n\n```toml\n[rules]\nmissing-cooldown = \"allow\"   # or \"info\", \"warning\", \"error\"\n```\n\n");
    out.push_str("or allow it for one step with `# ybc: allow(rule-name)` at the end of the step's line, or for a whole block on a line of its own above the block. `ybc explain RULE` prints the same text as below.\n\n");
    out.push_str("| rule | default | what it catches |\n|---|---|---|\n");
    for rule in RULES {
        let _ = writeln!(
            out,
            "| [`{0}`](#{0}) | {1} | {2} |",
            rule.info.name,
            rule.info.default.as_str(),
            rule.info.summary
        );
    }
    for rule in RULES {
        let info = &rule.info;
        let _ = writeln!(out, "\n## {}\n", info.name);
        let _ = writeln!(
            out,
            "Default level: **{}**. {}.\n",
            info.default.as_str(),
            crate::vocabulary::capitalize(info.summary)
        );
        let _ = writeln!(out, "{}\n", info.explanation);
        let _ = writeln!(out, "Source: {}\n", info.source);
        if let Check::Stage(stage) = rule.check {
            let _ = writeln!(
                out,
                "Found while {}.\n",
                if stage == "resolve" { "looking names up" } else { "applying allow comments" }
            );
        }
        let _ = writeln!(out, "Triggers it:\n\n```ybc\n{}```\n\nFixed:\n\n```ybc\n{}```", info.example, info.fixed);
    }
    out.push_str(
        "\n# Other codes\n\nWhat reading a file, looking names up, planning and the tools around the check report. \
These are not rules: they can't be turned off, since ybc can't check what it can't read. `ybc explain CODE` prints the \
same text.\n\n| code | what it reports |\n|---|---|\n",
    );
    for code in CODES {
        let _ = writeln!(out, "| [`{0}`](#{0}) | {1} |", code.name, code.summary);
    }
    for code in CODES {
        let _ = writeln!(
            out,
            "\n## {}\n\n{}.\n\n{}",
            code.name,
            crate::vocabulary::capitalize(code.summary),
            code.explanation
        );
        if let Some((example, fixed)) = code.example {
            let _ = writeln!(out, "\nTriggers it:\n\n```ybc\n{example}```\n\nFixed:\n\n```ybc\n{fixed}```");
        }
    }
    conditions_markdown(&mut out, &crate::catalog::Catalog::builtin());
    out
}

/// The conditions part of docs/rules.md: for each condition, what
/// `contraindicated` (avoid) and `caution` (take care) report, by what a pose
/// does, with the modification and every source.
fn conditions_markdown(out: &mut String, catalog: &Catalog) {
    out.push_str(
        "\n# Conditions\n\nWhat `contraindicated` (avoid: an error) and `caution` (take care: a warning) report for \
each condition in a class's `audience`. A pose is reached by what it does (its properties, listed in \
docs/language.md under \"What a pose does\"), so a studio's own pose is checked like a built-in one; a few built-in \
poses also carry advice written for them alone, from the upper-back strengthening guide, which `ybc explain POSE` \
shows. `ybc explain CONDITION` prints the same, with the catalog poses each line reaches. Where sources disagree, the \
table keeps the more cautious advice; a studio sets its own policy per condition in `ybc.toml` (`[conditions.<id>]`, \
docs/language.md), and `ybc explain CONDITION` in its folder then shows the table in force.\n",
    );
    for condition in catalog.conditions() {
        let _ = write!(out, "\n## {}\n\n`{}`", condition.name, condition.id);
        if !condition.aliases.is_empty() {
            let aliases: Vec<String> = condition.aliases.iter().map(|a| format!("`{a}`")).collect();
            let _ = write!(out, " (also {})", aliases.join(", "));
        }
        let _ = writeln!(out, ". {}\n", condition.guidance);
        let _ = writeln!(out, "| level | poses with | why | modification | sources |\n|---|---|---|---|---|");
        for rule in &condition.rules {
            let level = if rule.severity == Strength::Avoid { "avoid" } else { "take care" };
            let what: Vec<String> = rule.when.iter().map(|p| format!("`{}`", p.word())).collect();
            let mut modification = rule.modification.clone();
            if let Some(instead) = &rule.instead {
                let _ = write!(modification, " Instead: `{instead}`.");
            }
            if !rule.lifted_with.is_empty() {
                let props: Vec<String> = rule.lifted_with.iter().map(|p| format!("`with {p}`")).collect();
                let _ = write!(modification, " Fine {}.", props.join(" or "));
            }
            let sources: Vec<String> = rule.sources.iter().map(|s| s.cite().replace('|', "\\|")).collect();
            let _ = writeln!(
                out,
                "| {level} | {} | {} | {} | {} |",
                what.join(" and "),
                rule.reason,
                modification,
                sources.join("<br>")
            );
        }
    }
}
