//! Markdown cards for hovers and completion documentation: a pose's catalog
//! entry (with the contraindications that matter for this class), a rule's
//! explanation, and a step's or block's planned time.

use std::fmt::Write;

use crate::catalog::{Bounds, Catalog, Laterality, Pose, Severity as Strength};
use crate::check::Rule;
use crate::plan::{Event, EventKind, Plan, RestReason, Side};
use crate::routine::Routine;
use crate::span::Span;
use crate::syntax::Range;
use crate::vocabulary::{clock_range, count_range, length_range};

/// The most events a timing card lists one by one.
const MAX_LISTED: usize = 8;

fn range(bounds: Bounds) -> Range {
    Range { min: bounds.min, max: bounds.max }
}

fn ids(names: &[String]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

/// A pose's catalog card. With an audience, the contraindications for the
/// people in the room come first and in full; the others are only named.
pub fn pose(pose: &Pose, catalog: &Catalog, audience: &[String]) -> String {
    let mut out = format!("**{}**", pose.english);
    if let Some(sanskrit) = &pose.sanskrit {
        let _ = write!(out, " · *{sanskrit}*");
    }
    let _ = write!(out, " · `{}`\n\n", pose.id);
    let sides = match pose.laterality {
        Laterality::Bilateral => "both sides at once",
        Laterality::Unilateral => "one side at a time",
    };
    let level = format!("{:?}", pose.level).to_lowercase();
    let spine = format!("{:?}", pose.spine).to_lowercase();
    let _ = write!(out, "Focus: {} · {level} · {sides} · spine {spine}\n\n", crate::vocabulary::focus(pose.focus));
    let mut doses = Vec::new();
    if let Some(h) = pose.hold {
        doses.push(format!("hold {}", length_range(range(h))));
    }
    if let Some(r) = pose.reps {
        doses.push(format!("{} reps", count_range(range(r))));
    }
    if let Some(d) = pose.duration {
        doses.push(format!("{} of continuous movement", length_range(range(d))));
    }
    if let Some(s) = pose.sets {
        doses.push(format!("{} sets", count_range(range(s))));
    }
    if let Some(r) = pose.rest {
        doses.push(format!("rest {} between sets", length_range(range(r))));
    }
    if !doses.is_empty() {
        let _ = write!(out, "Recommended: {}\n\n", doses.join(" · "));
    }
    if !pose.aliases.is_empty() {
        let _ = write!(out, "Also written: {}\n\n", ids(&pose.aliases));
    }
    let mut props = Vec::new();
    if !pose.props.needs.is_empty() {
        props.push(format!("needs {}", pose.props.needs.join(", ")));
    }
    if !pose.props.optional.is_empty() {
        props.push(format!("can use {}", pose.props.optional.join(", ")));
    }
    if !props.is_empty() {
        let _ = write!(out, "Props: {}\n\n", props.join("; "));
    }
    if !pose.cues.is_empty() {
        out.push_str("**Cues**\n\n");
        for cue in &pose.cues {
            let _ = writeln!(out, "- {cue}");
        }
        out.push('\n');
    }
    let condition_name = |id: &str| catalog.condition(id).map_or_else(|| id.to_owned(), |c| c.name.to_lowercase());
    let (here, elsewhere): (Vec<_>, Vec<_>) =
        pose.contraindications.iter().partition(|c| audience.is_empty() || audience.contains(&c.condition));
    if !here.is_empty() {
        out.push_str(if audience.is_empty() { "**Contraindications**\n\n" } else { "**For this class**\n\n" });
        for c in here {
            let what = match c.severity {
                Strength::Avoid => "Avoid",
                Strength::Caution => "Caution",
            };
            let _ = write!(
                out,
                "- **{what}** with {}: {} Modification: {}",
                condition_name(&c.condition),
                c.reason,
                c.modification
            );
            if let Some(instead) = &c.instead {
                let _ = write!(out, " Instead: `{instead}`.");
            }
            if !c.lifted_with.is_empty() {
                let _ = write!(out, " Fine `with {}`.", c.lifted_with.join("` or `with "));
            }
            out.push('\n');
        }
        out.push('\n');
    } else if !audience.is_empty() {
        out.push_str("No contraindications for this class.\n\n");
    }
    if !elsewhere.is_empty() {
        let names: Vec<String> = elsewhere.iter().map(|c| condition_name(&c.condition)).collect();
        let _ = write!(out, "Other conditions to know: {}\n\n", names.join(", "));
    }
    if !pose.regressions.is_empty() {
        let _ = write!(out, "Easier: {}\n\n", ids(&pose.regressions));
    }
    if !pose.progressions.is_empty() {
        let _ = write!(out, "Harder: {}\n\n", ids(&pose.progressions));
    }
    out.trim_end().to_owned()
}

/// A rule's explanation, with its example and the fixed example.
pub fn rule(rule: &Rule) -> String {
    let info = &rule.info;
    format!(
        "**{}** ({} by default): {}\n\n{}\n\nSource: {}\n\nTriggers it:\n\n```ybc\n{}```\n\nFixed:\n\n```ybc\n{}```\n\nAllow it on one step with `# ybc: allow({})`, or set its level in `ybc.toml` under `[rules]`.",
        info.name,
        info.default.as_str(),
        info.summary,
        info.explanation,
        info.source,
        info.example,
        info.fixed,
        info.name
    )
}

/// The planned time of everything whose span lies within `within`: a total
/// and start, then the events one by one (the first few).
pub fn timing(routine: &Routine, plan: &Plan, within: Span, step_only: bool) -> Option<String> {
    let events = events(plan, within, step_only);
    let first = events.first()?;
    let last = events.last()?;
    let total = total(&events);
    let end = Range {
        min: last.start.min.saturating_add(last.seconds.min),
        max: last.start.max.saturating_add(last.seconds.max),
    };
    let mut out = format!(
        "**Planned:** {} in all, from {} to {}\n\n",
        length_range(total),
        clock_range(first.start),
        clock_range(end)
    );
    for event in events.iter().take(MAX_LISTED) {
        let what = match event.kind {
            EventKind::Pose => {
                let name = event.pose.and_then(|i| routine.catalog.pose_at(i)).map_or("Pose", |p| p.english.as_str());
                let mut what = name.to_owned();
                match event.side {
                    Some(Side::Left) => what.push_str(", left"),
                    Some(Side::Right) => what.push_str(", right"),
                    _ => {}
                }
                if let Some(set) = event.set.filter(|s| s.of > 1) {
                    let _ = write!(what, ", set {}/{}", set.n, set.of);
                }
                what
            }
            EventKind::Rest => match event.rest_reason {
                Some(RestReason::BetweenSets) => "rest between sets".to_owned(),
                Some(RestReason::BetweenRounds) => "rest between rounds".to_owned(),
                _ => "rest".to_owned(),
            },
        };
        let rounds: Vec<String> = event.rounds.iter().map(|r| format!("round {}/{}", r.n, r.of)).collect();
        let rounds = if rounds.is_empty() { String::new() } else { format!(" ({})", rounds.join(", ")) };
        let _ = writeln!(out, "- {} · {} · {what}{rounds}", clock_range(event.start), length_range(event.seconds));
    }
    if events.len() > MAX_LISTED {
        let _ = writeln!(out, "- … and {} more", events.len() - MAX_LISTED);
    }
    Some(out.trim_end().to_owned())
}

/// The events of one step (`step_only`: those with exactly its span) or of a block.
fn events(plan: &Plan, within: Span, step_only: bool) -> Vec<&Event> {
    plan.events
        .iter()
        .filter(|e| if step_only { e.span == within } else { e.span.start >= within.start && e.span.end <= within.end })
        .collect()
}

fn total(events: &[&Event]) -> Range {
    events.iter().fold(Range::default(), |t, e| Range {
        min: t.min.saturating_add(e.seconds.min),
        max: t.max.saturating_add(e.seconds.max),
    })
}

/// How long a step or block is planned to take, in words (`2-2 min 30 s`), if it is planned at all.
pub fn planned_length(plan: &Plan, within: Span, step_only: bool) -> Option<String> {
    let events = events(plan, within, step_only);
    (!events.is_empty()).then(|| length_range(total(&events)))
}

/// Markdown as plain text, for clients that show no markdown.
pub fn plain(markdown: &str) -> String {
    markdown.lines().filter(|l| !l.starts_with("```")).collect::<Vec<_>>().join("\n").replace(['*', '`'], "")
}
