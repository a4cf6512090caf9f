//! The lines of a formatted routine: statements with their comments, in order,
//! indented by depth, with the canonical blank lines.
//!
//! Comments attach by position. An end-of-line comment stays on its
//! statement's line. An own-line comment belongs to the statement after it
//! and moves with it when header lines are put in order, except that the
//! comments before the first statement (the file's opening note) stay at the
//! top, and a comment indented under a block that ends before the next
//! statement stays at the end of that block. Only header lines ever change
//! places, so no comment changes places relative to the routine's body (where
//! `# ybc: allow(…)` comments take effect).

use crate::span::{LineIndex, Span};
use crate::syntax::{Document, Header, Node};

use super::print::{Names, Printer, header_rank};

/// One indentation level.
const INDENT: &str = "  ";

/// A statement of the source, in source order.
struct Stmt<'d> {
    what: What<'d>,
    /// Nesting depth: 0 for headers and top-level blocks and steps.
    depth: usize,
    /// 1-based source line.
    line: usize,
    /// The source indentation's width in bytes.
    indent: usize,
    /// The enclosing block's statement.
    parent: Option<usize>,
    /// The top-level statement it is part of (itself at depth 0).
    top: usize,
    /// The comment at the end of its line.
    comment: Option<Span>,
}

enum What<'d> {
    Header(&'d Header),
    Node(&'d Node),
}

impl Stmt<'_> {
    fn is_block(&self) -> bool {
        matches!(self.what, What::Node(Node::Section(_) | Node::Rounds(_) | Node::Sequence(_)))
    }
}

/// A statement or an own-line comment, in source order.
#[derive(Clone, Copy)]
enum Entry<'s> {
    Stmt(&'s Stmt<'s>),
    Comment { span: Span, line: usize, indent: usize },
}

/// Where an entry goes, once attached.
#[derive(Clone, Copy)]
struct Placed<'s> {
    entry: Entry<'s>,
    /// Printed indentation level.
    depth: usize,
    /// Whether a blank line came before it in the source.
    blank_before: bool,
    /// The top-level statement whose lines it is printed with; `None` for
    /// comments after the last statement that stand at the left edge.
    top: Option<usize>,
}

/// A line of output.
struct Out {
    depth: usize,
    text: String,
    blank_before: bool,
    block_head: bool,
}

/// Formats `document` (parsed from `text`, with no syntax errors).
pub(super) fn format(text: &str, document: &Document, names: &Names) -> String {
    let printer = Printer { text, names };
    let lines = LineIndex::new(text);
    let mut stmts = statements(text, document, &lines);
    for comment in document.comments.iter().filter(|c| !c.own_line) {
        let line = lines.line(comment.span.start);
        if let Ok(s) = stmts.binary_search_by_key(&line, |s| s.line)
            && let Some(stmt) = stmts.get_mut(s)
        {
            stmt.comment = Some(comment.span);
        }
    }
    let entries = entries(text, document, &stmts, &lines);

    let placed = attach(&stmts, &entries);

    // The opening comments, before the first statement, stay at the top.
    let banner_len = placed.iter().position(|p| matches!(p.entry, Entry::Stmt(_))).unwrap_or(placed.len());
    // Whether a blank line separates them from the first statement.
    let banner_gap = banner_len > 0 && placed.get(banner_len).is_some_and(|p| p.blank_before);
    let (banner, rest) = placed.split_at(banner_len);

    // Header units: each header with the comments before it, put in order.
    let header_end = rest
        .iter()
        .rposition(|p| matches!(p.entry, Entry::Stmt(s) if matches!(s.what, What::Header(_))))
        .map_or(0, |i| i + 1);
    let (header_part, body) = rest.split_at(header_end);
    // (whether it comes first in the source, its lines): the first one's blank
    // line in the source, if any, is the one after the opening comments.
    // `header_part` ends with a header, so every unit ends with its statement.
    let mut units: Vec<(bool, &[Placed])> = header_part
        .split_inclusive(|p| matches!(p.entry, Entry::Stmt(_)))
        .enumerate()
        .map(|(i, unit)| (i == 0, unit))
        .collect();
    units.sort_by_key(|(_, unit)| match unit.last().map(|p| p.entry) {
        Some(Entry::Stmt(s)) => match s.what {
            What::Header(h) => header_rank(&h.kind),
            What::Node(_) => u8::MAX,
        },
        _ => u8::MAX,
    });

    let mut out: Vec<Out> = Vec::new();
    let line_of = |p: &Placed, blank_before: bool| -> Out {
        match p.entry {
            Entry::Stmt(stmt) => {
                let mut line = match stmt.what {
                    What::Header(h) => printer.header(h),
                    What::Node(n) => printer.node(n),
                };
                if let Some(comment) = stmt.comment {
                    line.push(' ');
                    line.push_str(comment_text(text, comment));
                }
                Out { depth: p.depth, text: line, blank_before, block_head: stmt.is_block() }
            }
            Entry::Comment { span, .. } => {
                Out { depth: p.depth, text: comment_text(text, span).to_owned(), blank_before, block_head: false }
            }
        }
    };

    for (i, p) in banner.iter().enumerate() {
        out.push(line_of(p, i > 0 && p.blank_before));
    }
    for (u, (first_in_source, unit)) in units.iter().enumerate() {
        for (i, p) in unit.iter().enumerate() {
            let blank = match (u, i) {
                (0, 0) => banner_gap,
                (_, 0) => p.blank_before && !first_in_source,
                _ => p.blank_before,
            };
            out.push(line_of(p, blank));
        }
    }
    let mut previous_top: Option<usize> = None;
    for (i, p) in body.iter().enumerate() {
        let after_head = out.last().is_some_and(|o| o.block_head);
        let starts_unit = p.top.is_some() && (i == 0 || p.top != previous_top);
        let blank = if out.is_empty() || after_head {
            false
        } else if starts_unit {
            let block = |top: Option<usize>| top.and_then(|t| stmts.get(t)).is_some_and(Stmt::is_block);
            if i == 0 { !units.is_empty() || banner_gap } else { block(p.top) || block(previous_top) }
        } else {
            p.blank_before
        };
        if p.top.is_some() {
            previous_top = p.top;
        }
        out.push(line_of(p, blank));
    }

    render(&out, newline(text))
}

/// Every entry with its depth, the top-level statement it goes with, and
/// whether a blank line came before it.
fn attach<'s>(stmts: &'s [Stmt<'s>], entries: &[Entry<'s>]) -> Vec<Placed<'s>> {
    let mut placed: Vec<Placed> = Vec::with_capacity(entries.len());
    let mut previous_line = None;
    let mut previous_stmt: Option<&Stmt> = None;
    // A comment goes no deeper than the comment before it in the same gap:
    // once one has left a block, the ones after it have too.
    let mut limit = usize::MAX;
    // The next statement after each entry, found from the end in one pass.
    let mut next = None;
    let mut next_stmt: Vec<Option<&Stmt>> = entries
        .iter()
        .rev()
        .map(|entry| {
            if let Entry::Stmt(s) = entry {
                next = Some(*s);
            }
            next
        })
        .collect();
    next_stmt.reverse();
    for (entry, next) in entries.iter().zip(next_stmt) {
        let line = match *entry {
            Entry::Stmt(s) => s.line,
            Entry::Comment { line, .. } => line,
        };
        let blank_before = previous_line.is_some_and(|p: usize| line > p + 1);
        previous_line = Some(line);
        let (depth, top) = match *entry {
            Entry::Stmt(s) => {
                previous_stmt = Some(s);
                limit = usize::MAX;
                (s.depth, Some(s.top))
            }
            Entry::Comment { indent, .. } => {
                let (depth, top) = comment_place(stmts, previous_stmt, next, indent, limit);
                limit = depth;
                (depth, top)
            }
        };
        placed.push(Placed { entry: *entry, depth, blank_before, top });
    }
    placed
}

/// The statements of `document` in source order: headers, then the body depth first.
fn statements<'d>(text: &str, document: &'d Document, lines: &LineIndex) -> Vec<Stmt<'d>> {
    let indent_of = |span: Span| span.start.saturating_sub(lines.line_span(text, span.start).start);
    let mut stmts = Vec::new();
    for header in &document.headers {
        let top = stmts.len();
        stmts.push(Stmt {
            what: What::Header(header),
            depth: 0,
            line: lines.line(header.span.start),
            indent: indent_of(header.span),
            parent: None,
            top,
            comment: None,
        });
    }
    // (node, depth, (parent, top)) in depth-first order, with an explicit stack.
    let mut stack: Vec<_> = document.body.iter().rev().map(|n| (n, 0, None::<(usize, usize)>)).collect();
    while let Some((node, depth, up)) = stack.pop() {
        let index = stmts.len();
        let (parent, top) = match up {
            Some((parent, top)) => (Some(parent), top),
            None => (None, index),
        };
        stmts.push(Stmt {
            what: What::Node(node),
            depth,
            line: lines.line(node.span().start),
            indent: indent_of(node.span()),
            parent,
            top,
            comment: None,
        });
        let children = match node {
            Node::Section(s) => &s.body,
            Node::Rounds(r) => &r.body,
            Node::Sequence(d) => &d.body,
            _ => continue,
        };
        stack.extend(children.iter().rev().map(|child| (child, depth + 1, Some((index, top)))));
    }
    stmts
}

/// Statements and own-line comments in source order; end-of-line comments
/// are stored on their statements.
fn entries<'s>(text: &str, document: &Document, stmts: &'s [Stmt<'s>], lines: &LineIndex) -> Vec<Entry<'s>> {
    let mut entries: Vec<(usize, Entry)> = stmts.iter().map(|s| (s.line, Entry::Stmt(s))).collect();
    for comment in &document.comments {
        let line = lines.line(comment.span.start);
        if comment.own_line {
            let indent = comment.span.start.saturating_sub(lines.line_span(text, comment.span.start).start);
            entries.push((line, Entry::Comment { span: comment.span, line, indent }));
        }
    }
    entries.sort_by_key(|(line, _)| *line);
    entries.into_iter().map(|(_, e)| e).collect()
}

/// Where an own-line comment goes: its depth and its top-level statement.
///
/// It belongs to the next statement, unless it is indented under a block that
/// ends before the next statement: then it stays at the end of that block
/// (at most `limit` deep).
fn comment_place(
    stmts: &[Stmt],
    previous: Option<&Stmt>,
    next: Option<&Stmt>,
    indent: usize,
    limit: usize,
) -> (usize, Option<usize>) {
    let next_depth = next.map_or(0, |n| n.depth);
    let next_top = next.map(|n| n.top);
    let Some(previous) = previous else { return (next_depth, next_top) };
    if previous.depth <= next_depth {
        return (next_depth, next_top);
    }
    // The open blocks at `previous`, innermost first: the deepest whose
    // indentation the comment reaches is where it stays.
    let mut at = Some(previous);
    while let Some(stmt) = at {
        if stmt.depth <= next_depth {
            break;
        }
        if indent >= stmt.indent && stmt.depth <= limit {
            return (stmt.depth, Some(stmt.top));
        }
        at = stmt.parent.and_then(|p| stmts.get(p));
    }
    (next_depth, next_top)
}

/// A comment's text without trailing whitespace.
fn comment_text(text: &str, span: Span) -> &str {
    text.get(span.start..span.end).unwrap_or("#").trim_end()
}

/// The file's line ending: CRLF if its first line ends so, else LF.
fn newline(text: &str) -> &'static str {
    match text.find(['\n', '\r']) {
        Some(i) if text.get(i..i + 2) == Some("\r\n") => "\r\n",
        _ => "\n",
    }
}

fn render(lines: &[Out], newline: &str) -> String {
    let mut out = String::new();
    for line in lines {
        if line.blank_before {
            out.push_str(newline);
        }
        for _ in 0..line.depth {
            out.push_str(INDENT);
        }
        out.push_str(&line.text);
        out.push_str(newline);
    }
    out
}
