//! Hover: a pose's catalog card, a rule's explanation, a condition's guidance,
//! a step's or block's planned time.

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use super::cards;
use super::documents::Document;
use super::position::Encoding;
use super::target::{self, Target};
use crate::syntax::{Node, SectionKind};

/// The hover at byte `offset`, if anything there has something to say.
pub fn hover(document: &Document, offset: usize, encoding: Encoding, markdown: bool) -> Option<Hover> {
    let compiled = &document.compiled;
    let routine = &compiled.routine;
    let catalog = &routine.catalog;
    let target = target::find(&document.text, &compiled.document, offset)?;
    let (text, span) = match target {
        Target::Pose { name, step } => {
            let mut card = match catalog.pose(&name.value) {
                Some(pose) => cards::pose(pose, catalog, &document.audience()),
                None => crate::explain::sequence(catalog.sequence(&name.value)?, catalog),
            };
            if let (Some(step), Some(plan)) = (step, &compiled.plan)
                && let Some(timing) = cards::timing(routine, plan, step, true)
            {
                let summary = timing.lines().next().unwrap_or_default();
                card = format!("{summary}\n\n---\n\n{card}");
            }
            (card, name.span)
        }
        Target::Rule(name) => (cards::rule(crate::check::rule(&name.value)?), name.span),
        Target::Condition(name) => (crate::explain::condition(catalog.condition(&name.value)?, catalog), name.span),
        Target::Prop(name) => {
            let prop = catalog.prop(&name.value)?;
            let mut text = format!("**{}** (`{}`)", prop.name, prop.id);
            if let Some(substitute) = &prop.substitute {
                text.push_str(&format!("\n\nNo {}? {substitute}", prop.name.to_lowercase()));
            }
            (text, name.span)
        }
        Target::Step(span) => (cards::timing(routine, compiled.plan.as_ref()?, span, true)?, span),
        Target::Block { head, extent } => {
            let timing = cards::timing(routine, compiled.plan.as_ref()?, extent, false)?;
            (format!("{}\n\n{timing}", block_title(&compiled.document.body, head)), head)
        }
    };
    let (kind, value) =
        if markdown { (MarkupKind::Markdown, text) } else { (MarkupKind::PlainText, cards::plain(&text)) };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind, value }),
        range: Some(document.range(span, encoding)),
    })
}

/// A block's name for its hover: `**Warm-up** · Thoracic mobility` or `**3 rounds**`.
fn block_title(nodes: &[Node], head: crate::span::Span) -> String {
    for node in nodes {
        match node {
            Node::Section(s) if s.span == head => {
                let kind = SectionKind::from_word(&s.kind.value).map_or(s.kind.value.as_str(), |k| k.heading());
                return match &s.title {
                    Some(title) => format!("**{kind}** · {}", title.value),
                    None => format!("**{kind}**"),
                };
            }
            Node::Rounds(r) if r.span == head => return format!("**{} rounds**", r.count.value),
            Node::Section(s) => {
                let found = block_title(&s.body, head);
                if !found.is_empty() {
                    return found;
                }
            }
            Node::Rounds(r) => {
                let found = block_title(&r.body, head);
                if !found.is_empty() {
                    return found;
                }
            }
            _ => {}
        }
    }
    String::new()
}
