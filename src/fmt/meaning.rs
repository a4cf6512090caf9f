//! The check that formatting kept the routine's meaning: the original and the
//! formatted text are both reduced to a normal form, and must be equal.
//!
//! The normal form is the syntax tree with every span cleared, header lines
//! and step parts in the canonical order, section kinds and levels by their
//! meaning (case aside), names by catalog id when names are made canonical,
//! and the comments as a multiset of their texts, each with what it is
//! attached to: the statement it ends, or (on a line of its own) the body
//! statement after it, which is where a `# ybc: allow(…)` comment takes effect.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::routine::RoutineLevel;
use crate::span::{LineIndex, Span};
use crate::syntax::{self, Document, HeaderKind, Node, PoseAttr, SectionKind, Spanned, StepItem};

use super::print::{Names, header_rank, item_rank};

/// What a comment is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Anchor {
    /// On a line of its own, before the body statement with this index
    /// (depth first), or after the last one.
    Before(Option<usize>),
    /// At the end of the statement with this index (headers in canonical
    /// order, then the body depth first).
    On(usize),
}

/// A document reduced to what it means.
#[derive(Debug, PartialEq, Eq)]
struct Meaning {
    document: Document,
    comments: Vec<(String, bool, Anchor)>,
}

/// Parses `formatted` and checks that it means what `text` meant.
pub(super) fn verify(text: &str, document: &Document, formatted: &str, names: &Names) -> Result<(), Vec<Diagnostic>> {
    let reparsed = syntax::parse(formatted);
    // Formatting can lengthen a line (a tab indent becomes spaces, a name its
    // catalog id): past the limit that is the routine's line, not a bug.
    if let Some(long) = reparsed.diagnostics.iter().find(|d| d.code == "line-too-long") {
        let line = formatted.get(..long.span.start).unwrap_or_default().matches('\n').count();
        let start = syntax::lines(text).nth(line).map_or(0, |(offset, _)| offset);
        return Err(vec![
            Diagnostic::error(
                "line-too-long",
                Span::new(start, start),
                format!(
                    "Formatted, this line would be longer than the {} characters a line may hold, so the file was \
                     not formatted.",
                    crate::diagnostic::thousands(syntax::MAX_LINE_CHARS)
                ),
            )
            .with_help("Shorten the line: a shorter cue or note, or one step per line."),
        ]);
    }
    if let Some(first) = reparsed.diagnostics.iter().find(|d| d.severity == Severity::Error) {
        return Err(vec![bug(format!("the formatted text would not read back ({})", first.message))]);
    }
    let before = meaning(text, document, names);
    let after = meaning(formatted, &reparsed.document, names);
    if before != after {
        return Err(vec![bug("the formatted routine would not mean the same as the original".to_owned())]);
    }
    Ok(())
}

fn bug(what: String) -> Diagnostic {
    Diagnostic::error("fmt", Span::new(0, 0), format!("I didn't format this file: {what}."))
        .with_help("This is a bug in `ybc fmt`, not a mistake in the routine; the file was left as it was. Please report it with the file.")
}

fn meaning(text: &str, document: &Document, names: &Names) -> Meaning {
    let comments = comments(text, document);
    let mut document = document.clone();
    document.comments.clear();
    document.headers.sort_by_key(|h| header_rank(&h.kind));
    for header in &mut document.headers {
        header.span = Span::default();
        match &mut header.kind {
            HeaderKind::Title(s) | HeaderKind::Author(s) => s.span = Span::default(),
            HeaderKind::Level(level) => {
                clear(level);
                if let Some(known) = RoutineLevel::from_word(&level.value) {
                    level.value = known.word().to_owned();
                }
            }
            HeaderKind::Duration(d) | HeaderKind::Breath(d) => d.span = Span::default(),
            HeaderKind::Props(list) => list_of(list, |n| names.prop(n).into_owned()),
            HeaderKind::Audience(list) => list_of(list, |n| names.condition(n).into_owned()),
            HeaderKind::Tags(list) => list_of(list, str::to_owned),
            HeaderKind::Pose(pose) => {
                clear(&mut pose.id);
                clear(&mut pose.name);
                for attr in &mut pose.attrs {
                    attr.span = Span::default();
                    match &mut attr.value {
                        PoseAttr::Focus(n) | PoseAttr::Family(n) | PoseAttr::Spine(n) | PoseAttr::Level(n) => clear(n),
                        PoseAttr::Instead(n) => {
                            clear(n);
                            n.value = names.pose(&n.value).into_owned();
                        }
                        PoseAttr::Props(list) => list_of(list, |n| names.prop(n).into_owned()),
                        PoseAttr::Avoid(list) | PoseAttr::Caution(list) => {
                            list_of(list, |n| names.condition(n).into_owned());
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    let mut stack: Vec<&mut Node> = document.body.iter_mut().collect();
    while let Some(node) = stack.pop() {
        match node {
            Node::Section(section) => {
                section.span = Span::default();
                clear(&mut section.kind);
                if let Some(kind) = SectionKind::from_word(&section.kind.value) {
                    section.kind.value = kind.word().to_owned();
                }
                if let Some(title) = &mut section.title {
                    clear(title);
                }
                stack.extend(section.body.iter_mut());
            }
            Node::Rounds(rounds) => {
                rounds.span = Span::default();
                clear(&mut rounds.count);
                if let Some(rest) = &mut rounds.rest {
                    clear(rest);
                }
                stack.extend(rounds.body.iter_mut());
            }
            Node::Step(step) => {
                step.span = Span::default();
                clear(&mut step.pose);
                step.pose.value = names.pose(&step.pose.value).into_owned();
                clear_items(&mut step.items, names);
            }
            Node::Rest(rest) => {
                rest.span = Span::default();
                clear(&mut rest.length);
                rest.cues.iter_mut().for_each(clear);
            }
            Node::Note(note) => clear(note),
            Node::Sequence(sequence) => {
                sequence.span = Span::default();
                clear(&mut sequence.id);
                if let Some(name) = &mut sequence.name {
                    clear(name);
                }
                stack.extend(sequence.body.iter_mut());
            }
        }
    }
    Meaning { document, comments }
}

/// A step's items without their spans, in the printed order, names as printed.
fn clear_items(items: &mut [Spanned<StepItem>], names: &Names) {
    items.sort_by_key(|item| item_rank(&item.value));
    for item in items {
        item.span = Span::default();
        match &mut item.value {
            StepItem::Hold(v)
            | StepItem::Work(v)
            | StepItem::Reps(v)
            | StepItem::Rest(v)
            | StepItem::Breaths(v)
            | StepItem::HoldBreaths(v) => clear(v),
            StepItem::With(list) => list_of(list, |n| names.prop(n).into_owned()),
            StepItem::Option(option) => {
                clear(&mut option.pose);
                option.pose.value = names.pose(&option.pose.value).into_owned();
                clear_items(&mut option.items, names);
                list_of(&mut option.conditions, |n| names.condition(n).into_owned());
            }
            _ => {}
        }
    }
}

fn clear<T>(spanned: &mut Spanned<T>) {
    spanned.span = Span::default();
}

fn list_of(list: &mut [Spanned<String>], name: impl Fn(&str) -> String) {
    for item in list {
        item.span = Span::default();
        item.value = name(&item.value);
    }
}

/// Every comment's text, whether it stands on its own line, and its anchor; sorted.
fn comments(text: &str, document: &Document) -> Vec<(String, bool, Anchor)> {
    let lines = LineIndex::new(text);
    // Header lines in canonical order, then the body depth first: (line, start).
    let mut order: Vec<usize> = (0..document.headers.len()).collect();
    order.sort_by_key(|&i| document.headers.get(i).map(|h| header_rank(&h.kind)));
    let mut statements: Vec<(usize, usize)> = order
        .iter()
        .filter_map(|&i| document.headers.get(i))
        .map(|h| (lines.line(h.span.start), h.span.start))
        .collect();
    let headers = statements.len();
    let mut stack: Vec<&Node> = document.body.iter().rev().collect();
    while let Some(node) = stack.pop() {
        statements.push((lines.line(node.span().start), node.span().start));
        match node {
            Node::Section(s) => stack.extend(s.body.iter().rev()),
            Node::Rounds(r) => stack.extend(r.body.iter().rev()),
            _ => {}
        }
    }
    let by_line: HashMap<usize, usize> = statements.iter().enumerate().map(|(i, &(line, _))| (line, i)).collect();
    // The body is in source order, so the statement after a comment is found by halving.
    let body = statements.get(headers..).unwrap_or_default();
    let mut found: Vec<(String, bool, Anchor)> = document
        .comments
        .iter()
        .map(|comment| {
            let body_text = text.get(comment.span.start..comment.span.end).unwrap_or("").trim_end().to_owned();
            let anchor = if comment.own_line {
                let next = body.partition_point(|&(_, start)| start <= comment.span.start);
                Anchor::Before((next < body.len()).then_some(next + headers))
            } else {
                let line = lines.line(comment.span.start);
                Anchor::On(by_line.get(&line).copied().unwrap_or(usize::MAX))
            };
            (body_text, comment.own_line, anchor)
        })
        .collect();
    found.sort();
    found
}
