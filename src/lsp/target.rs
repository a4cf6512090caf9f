//! What stands at a position in a routine: a pose name, a condition, a prop, a
//! rule named in an allow comment, a step, or a block's head.

use crate::span::Span;
use crate::syntax::{Document, HeaderKind, Node, PoseAttr, Spanned, StepItem};

/// Something at a position, with its span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A pose name: in a step (with the step's span), a custom pose's id, or an `instead`.
    Pose { name: Spanned<String>, step: Option<Span> },
    /// A condition in `audience`, `avoid` or `caution`.
    Condition(Spanned<String>),
    /// A prop in `props` or `with`.
    Prop(Spanned<String>),
    /// A rule named in `# ybc: allow(…)`.
    Rule(Spanned<String>),
    /// Elsewhere on a step or rest line: the line's statement.
    Step(Span),
    /// A section's or rounds block's head: the head's span and the block's extent.
    Block { head: Span, extent: Span },
}

fn covers(span: Span, offset: usize) -> bool {
    span.start <= offset && offset <= span.end
}

fn in_list(list: &[Spanned<String>], offset: usize) -> Option<&Spanned<String>> {
    list.iter().find(|item| covers(item.span, offset))
}

/// What is at byte `offset`.
pub fn find(text: &str, document: &Document, offset: usize) -> Option<Target> {
    for comment in &document.comments {
        if covers(comment.span, offset) {
            let body = text.get(comment.span.start..comment.span.end).unwrap_or("");
            return allow_names(body, comment.span.start)
                .into_iter()
                .find(|name| covers(name.span, offset))
                .map(Target::Rule);
        }
    }
    for header in &document.headers {
        if !covers(header.span, offset) {
            continue;
        }
        return match &header.kind {
            HeaderKind::Audience(list) => in_list(list, offset).cloned().map(Target::Condition),
            HeaderKind::Props(list) => in_list(list, offset).cloned().map(Target::Prop),
            HeaderKind::Pose(def) => {
                if covers(def.id.span, offset) {
                    return Some(Target::Pose { name: def.id.clone(), step: None });
                }
                def.attrs.iter().find_map(|attr| match &attr.value {
                    PoseAttr::Instead(name) if covers(name.span, offset) => {
                        Some(Target::Pose { name: name.clone(), step: None })
                    }
                    PoseAttr::Avoid(list) | PoseAttr::Caution(list) => {
                        in_list(list, offset).cloned().map(Target::Condition)
                    }
                    PoseAttr::Props(list) => in_list(list, offset).cloned().map(Target::Prop),
                    _ => None,
                })
            }
            _ => None,
        };
    }
    in_nodes(&document.body, offset)
}

fn in_nodes(nodes: &[Node], offset: usize) -> Option<Target> {
    for node in nodes {
        if !covers(node.extent(), offset) {
            continue;
        }
        match node {
            Node::Section(s) if covers(s.span, offset) => {
                return Some(Target::Block { head: s.span, extent: node.extent() });
            }
            Node::Rounds(r) if covers(r.span, offset) => {
                return Some(Target::Block { head: r.span, extent: node.extent() });
            }
            Node::Sequence(d) if covers(d.span, offset) => {
                return Some(Target::Block { head: d.span, extent: node.extent() });
            }
            Node::Sequence(d) => return in_nodes(&d.body, offset),
            Node::Section(s) => return in_nodes(&s.body, offset),
            Node::Rounds(r) => return in_nodes(&r.body, offset),
            Node::Step(step) => {
                if covers(step.pose.span, offset) {
                    return Some(Target::Pose { name: step.pose.clone(), step: Some(step.span) });
                }
                let prop = step.items.iter().find_map(|item| match &item.value {
                    StepItem::With(list) => in_list(list, offset).cloned(),
                    _ => None,
                });
                return Some(prop.map_or(Target::Step(step.span), Target::Prop));
            }
            Node::Rest(rest) => return Some(Target::Step(rest.span)),
            Node::Note(_) => return None,
        }
    }
    None
}

/// The rule names in a `# ybc: allow(a, b)` comment starting at byte `at`,
/// with their spans; none when the comment is not an allow comment.
pub fn allow_names(comment: &str, at: usize) -> Vec<Spanned<String>> {
    let Some(open) = allow_list_start(comment) else { return Vec::new() };
    let list = comment.get(open..).unwrap_or("");
    let list = list.split(')').next().unwrap_or(list);
    let mut names = Vec::new();
    let mut offset = open;
    for part in list.split(',') {
        let name = part.trim();
        let lead = part.len() - part.trim_start().len();
        if !name.is_empty() {
            let start = at + offset + lead;
            names.push(Spanned::new(name.to_owned(), Span::new(start, start + name.len())));
        }
        offset += part.len() + 1;
    }
    names
}

/// Where the list of an allow comment starts (just after `allow(`).
pub fn allow_list_start(comment: &str) -> Option<usize> {
    let body = comment.strip_prefix('#')?.trim_start();
    let body = body.strip_prefix("ybc:")?.trim_start();
    let body = body.strip_prefix("allow")?.trim_start();
    let list = body.strip_prefix('(')?;
    Some(comment.len() - list.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_is_under_the_cursor() {
        let text = "audience neck-pain\nstrength:\n  locust hold 30s with block # ybc: allow(short-rest, caution)\n";
        let parsed = crate::syntax::parse(text);
        let at = |needle: &str| text.find(needle).unwrap_or(0) + 1;
        let target = |needle: &str| find(text, &parsed.document, at(needle));
        assert!(matches!(target("neck"), Some(Target::Condition(c)) if c.value == "neck-pain"));
        assert!(matches!(target("strength"), Some(Target::Block { .. })));
        assert!(matches!(target("locust"), Some(Target::Pose { name, step: Some(_) }) if name.value == "locust"));
        assert!(matches!(target("hold"), Some(Target::Step(_))));
        assert!(matches!(target("block"), Some(Target::Prop(p)) if p.value == "block"));
        assert!(matches!(target("caution"), Some(Target::Rule(r)) if r.value == "caution"));
    }
}
