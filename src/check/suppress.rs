//! `# ybc: allow(rule, …)` comments: at the end of a line they allow the rules
//! for that line's step; on a line of their own they allow them for the block
//! or step that follows. An allow that allows nothing is reported, so stale
//! ones do not pile up.

use super::{Check, Rule, RuleInfo};
use super::{Level, Settings};
use crate::diagnostic::{Diagnostic, Severity};
use crate::span::Span;
use crate::syntax::{Document, Node};

/// The rule for allow comments that allow nothing.
pub const UNUSED_ALLOW: Rule = Rule {
    info: RuleInfo {
        name: "unused-allow",
        default: Severity::Warning,
        summary: "a `# ybc: allow(…)` comment that allows nothing, or names no rule",
        explanation: "An allow comment says \"I know, and this is fine here\". Once the routine changes and the rule \
no longer fires, the comment only hides the next real finding on that line. ybc reports allows that allowed nothing, \
and names that are not rules, so that every allow left in a routine still means something.",
        source: "Tool practice: ruff reports unused `noqa` comments the same way.",
        example: "strength:\n  locust hold 20-30s x3 rest 45s # ybc: allow(short-rest)\n",
        fixed: "strength:\n  locust hold 20-30s x3 rest 45s\n",
    },
    check: Check::Stage("suppression"),
};

/// One `# ybc: allow(…)` comment.
#[derive(Debug, Clone)]
struct Allow {
    /// Rule names, each with its span.
    rules: Vec<(String, Span)>,
    /// The bytes whose diagnostics it allows.
    scope: Span,
    /// The comment.
    comment: Span,
}

/// Removes the diagnostics that allow comments allow, and reports the allows that allowed nothing.
pub fn apply(text: &str, document: &Document, settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    let allows = collect(text, document);
    if allows.is_empty() {
        return;
    }
    let mut used: Vec<Vec<bool>> = allows.iter().map(|a| vec![false; a.rules.len()]).collect();
    diagnostics.retain(|d| {
        if super::rule(d.code).is_none() {
            return true;
        }
        let mut keep = true;
        for (allow, used) in allows.iter().zip(used.iter_mut()) {
            if d.span.start < allow.scope.start || d.span.start > allow.scope.end {
                continue;
            }
            for ((name, _), used) in allow.rules.iter().zip(used.iter_mut()) {
                if name == d.code {
                    *used = true;
                    keep = false;
                }
            }
        }
        keep
    });
    if super::rule(UNUSED_ALLOW.info.name).is_some_and(|r| settings.level(r) == Level::Allow) {
        return;
    }
    for (allow, used) in allows.iter().zip(&used) {
        for ((name, span), used) in allow.rules.iter().zip(used) {
            if *used {
                continue;
            }
            let Some(rule) = super::rule(name) else {
                let names = super::RULES.iter().map(|r| r.info.name);
                let d = Diagnostic::warning(
                    "unused-allow",
                    *span,
                    format!("`{name}` is not a rule, so this allow does nothing."),
                )
                .with_label("unknown rule");
                diagnostics.push(match crate::catalog::suggest(name, names) {
                    Some(s) => d.with_help(format!("Did you mean `{s}`?")).with_fix(*span, s),
                    None => d.with_help("Run `ybc rules` to list the rules."),
                });
                continue;
            };
            // A rule turned off in the config allows nothing anywhere; that is not the comment's fault.
            if settings.level(rule) == Level::Allow {
                continue;
            }
            let whole = allow.rules.len() == 1;
            let d = Diagnostic::warning(
                "unused-allow",
                *span,
                format!("This allows `{name}`, but nothing here breaks that rule."),
            )
            .with_label("allows nothing")
            .with_help(if whole { "Remove the comment." } else { "Remove this name from the comment." });
            diagnostics.push(if whole { d.with_fix(allow.comment, "") } else { d });
        }
    }
}

/// Finds the allow comments and the span each one covers.
fn collect(text: &str, document: &Document) -> Vec<Allow> {
    let mut allows = Vec::new();
    for comment in &document.comments {
        let Some(body) = text.get(comment.span.start..comment.span.end) else { continue };
        let Some(rules) = parse(body, comment.span.start) else { continue };
        let scope = if comment.own_line {
            next_node(&document.body, comment.span.end)
                .map_or(Span::new(comment.span.end, comment.span.end), Node::extent)
        } else {
            Span::new(crate::span::line_start(text, comment.span.start), comment.span.start)
        };
        allows.push(Allow { rules, scope, comment: comment.span });
    }
    allows
}

/// The first node that starts after `offset`, searching into blocks.
fn next_node(nodes: &[Node], offset: usize) -> Option<&Node> {
    for node in nodes {
        if node.span().start > offset {
            return Some(node);
        }
        let inner = match node {
            Node::Section(s) => next_node(&s.body, offset),
            Node::Rounds(r) => next_node(&r.body, offset),
            _ => None,
        };
        if inner.is_some() {
            return inner;
        }
    }
    None
}

/// Reads `# ybc: allow(a, b)`; the spans are absolute, from the comment's start `at`.
fn parse(comment: &str, at: usize) -> Option<Vec<(String, Span)>> {
    let after_hash = comment.strip_prefix('#')?;
    let body = after_hash.trim_start();
    let body = body.strip_prefix("ybc:")?.trim_start();
    let list = body.strip_prefix("allow")?.trim_start().strip_prefix('(')?;
    let close = list.find(')')?;
    let list_start = comment.len() - list.len();
    let mut rules = Vec::new();
    let mut offset = 0;
    for part in list.get(..close)?.split(',') {
        let name = part.trim();
        let lead = part.len() - part.trim_start().len();
        if !name.is_empty() {
            let start = at + list_start + offset + lead;
            rules.push((name.to_owned(), Span::new(start, start + name.len())));
        }
        offset += part.len() + 1;
    }
    Some(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_with_their_spans() {
        let comment = "# ybc: allow(short-rest, hold-too-long)";
        let rules = parse(comment, 100).unwrap_or_default();
        assert_eq!(
            rules,
            vec![("short-rest".to_owned(), Span::new(113, 123)), ("hold-too-long".to_owned(), Span::new(125, 138))]
        );
        assert_eq!(parse("# just a note", 0), None);
    }
}
