//! The outline: custom poses, then sections and rounds holding their steps,
//! each with its planned length.

use std::collections::HashMap;

use lsp_types::{DocumentSymbol, SymbolKind};

use super::cards;
use super::documents::Document;
use super::position::Encoding;
use crate::emit::words;
use crate::routine;
use crate::span::Span;
use crate::syntax::{HeaderKind, Node, SectionKind};

/// Every symbol of a document, nested as its blocks are.
pub fn symbols(document: &Document, encoding: Encoding) -> Vec<DocumentSymbol> {
    let compiled = &document.compiled;
    let steps: HashMap<usize, &routine::Step> =
        compiled.routine.steps().into_iter().map(|(step, _)| (step.span.start, step)).collect();
    let outline = Outline { document, encoding, steps };
    let mut out: Vec<DocumentSymbol> = compiled
        .document
        .headers
        .iter()
        .filter_map(|header| match &header.kind {
            HeaderKind::Pose(def) => Some(outline.symbol(
                def.id.value.clone(),
                Some(def.name.value.clone()),
                SymbolKind::CLASS,
                header.span,
                def.id.span,
                None,
            )),
            _ => None,
        })
        .collect();
    out.extend(compiled.document.body.iter().filter_map(|node| outline.node(node)));
    out
}

struct Outline<'a> {
    document: &'a Document,
    encoding: Encoding,
    steps: HashMap<usize, &'a routine::Step>,
}

impl Outline<'_> {
    fn planned(&self, span: Span, step_only: bool) -> Option<String> {
        cards::planned_length(self.document.compiled.plan.as_ref()?, span, step_only)
    }

    #[allow(deprecated)] // `deprecated` is a required field of the type, replaced by `tags`.
    fn symbol(
        &self,
        name: String,
        detail: Option<String>,
        kind: SymbolKind,
        range: Span,
        selection: Span,
        children: Option<Vec<DocumentSymbol>>,
    ) -> DocumentSymbol {
        DocumentSymbol {
            // Some clients reject an empty name.
            name: if name.trim().is_empty() { "?".to_owned() } else { name },
            detail,
            kind,
            tags: None,
            deprecated: None,
            range: self.document.range(range, self.encoding),
            selection_range: self.document.range(selection, self.encoding),
            children,
        }
    }

    fn node(&self, node: &Node) -> Option<DocumentSymbol> {
        let extent = node.extent();
        Some(match node {
            Node::Section(s) => {
                let kind =
                    SectionKind::from_word(&s.kind.value).map_or(s.kind.value.clone(), |k| k.heading().to_owned());
                let name = match &s.title {
                    Some(title) => format!("{kind} · {}", title.value),
                    None => kind,
                };
                let children = s.body.iter().filter_map(|n| self.node(n)).collect();
                self.symbol(name, self.planned(extent, false), SymbolKind::NAMESPACE, extent, s.span, Some(children))
            }
            Node::Rounds(r) => {
                let mut name = format!("{} rounds", r.count.value);
                if let Some(rest) = &r.rest {
                    name.push_str(&format!(", rest {} between", crate::vocabulary::length_range(rest.value)));
                }
                let children = r.body.iter().filter_map(|n| self.node(n)).collect();
                self.symbol(name, self.planned(extent, false), SymbolKind::ARRAY, extent, r.span, Some(children))
            }
            Node::Step(step) => {
                let resolved = self.steps.get(&step.span.start);
                let catalog = &self.document.compiled.routine.catalog;
                let pose = resolved.and_then(|s| catalog.pose_at(s.pose));
                let name = pose.map_or_else(|| step.pose.value.clone(), |p| p.english.clone());
                let dose = resolved.zip(pose).map(|(s, p)| words::dose(&s.dose, s.sides, p));
                let detail = match (dose, self.planned(step.span, true)) {
                    (Some(dose), Some(time)) => Some(format!("{dose} ({time} in all)")),
                    (dose, time) => dose.or(time),
                };
                self.symbol(name, detail, SymbolKind::EVENT, step.span, step.pose.span, None)
            }
            Node::Rest(rest) => {
                let detail = Some(crate::vocabulary::length_range(rest.length.value));
                self.symbol("Rest".to_owned(), detail, SymbolKind::EVENT, rest.span, rest.span, None)
            }
            Node::Note(_) => return None,
            Node::Sequence(d) => {
                let name = match &d.name {
                    Some(name) => format!("Sequence · {}", name.value),
                    None => format!("Sequence · {}", d.id.value),
                };
                let children = d.body.iter().filter_map(|n| self.node(n)).collect();
                self.symbol(name, None, SymbolKind::FUNCTION, extent, d.span, Some(children))
            }
        })
    }
}
