//! Syntax: source text to a [`Document`] with spans, and every syntax
//! diagnostic in the file (not only the first).
//!
//! The pest grammar (`grammar/ybc.pest`) reads the text a run of lines at a
//! time, and a run that holds a mistake again line by line, so that every line
//! is read exactly as it would be on its own; this module then nests the lines
//! into blocks by their indentation, using an explicit stack so that no input
//! can exhaust the call stack.

pub mod ast;
mod header;
mod level;
mod line;
mod message;
mod units;

pub use ast::*;
pub use level::RoutineLevel;
pub(crate) use message::needs_unit;

use crate::diagnostic::{Diagnostic, MAX_LISTED, Unlisted};
use crate::span::Span;
use line::{Line, Statement};

/// The most blocks that may nest inside each other (a section holding rounds
/// holding rounds holding rounds).
pub const MAX_DEPTH: usize = 4;

/// The most characters a line may hold. No step, note or header comes near
/// it; a longer line (a pasted document, a minified file, an attack) is one
/// error and is not read, so that the cost of reading one line stays small.
pub const MAX_LINE_CHARS: usize = 10_000;

/// The most lines with a step, rest, note, header or block head one file may
/// hold (comments and blank lines aside). A class of a day of one-minute
/// poses has 1,440; past this, a file is not read any further, so that what
/// checking or formatting a runaway file holds stays small.
pub const MAX_STATEMENTS: usize = 10_000;

/// The code of the error for a file past [`MAX_STATEMENTS`].
pub const FILE_TOO_LONG: &str = "file-too-long";

/// The error for the first line past [`MAX_STATEMENTS`], at `span`.
fn too_many_statements(span: Span) -> Diagnostic {
    Diagnostic::error(
        FILE_TOO_LONG,
        span,
        format!(
            "This file holds more than {} lines of steps, rests, notes and headers, so ybc read no further than this \
             line.",
            crate::diagnostic::thousands(MAX_STATEMENTS)
        ),
    )
    .with_label("the first line not read")
    .with_help(
        "Split the class into several routines. A file this long is often generated, or several routines pasted \
         together.",
    )
}

/// A parsed document and the diagnostics found while parsing it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// The document; lines that could not be read are left out.
    pub document: Document,
    /// Syntax and layout diagnostics, in source order: about the first
    /// [`MAX_LISTED`] of them.
    pub diagnostics: Vec<Diagnostic>,
    /// Those after them, counted.
    pub unlisted: Unlisted,
}

impl Parsed {
    /// Whether reading found an error, listed or not, or stopped short of
    /// the end of the file.
    pub fn has_errors(&self) -> bool {
        self.unlisted.has_errors() || self.diagnostics.iter().any(|d| d.severity == crate::diagnostic::Severity::Error)
    }

    /// Its diagnostics as a file's list ([`crate::diagnostic::list`]): in
    /// source order, the first [`MAX_LISTED`], then a note counting the rest.
    pub fn listed(self) -> Vec<Diagnostic> {
        let mut diagnostics = self.diagnostics;
        crate::diagnostic::list(&mut diagnostics, self.unlisted);
        diagnostics
    }
}

/// Splits `text` into lines: `(start offset, line without its ending)`.
///
/// LF, CRLF and a lone CR all end a line.
pub fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut next = Some(0);
    std::iter::from_fn(move || {
        let start = next?;
        match crate::span::line_end(text.as_bytes(), start) {
            Some((end, after)) => {
                next = Some(after);
                Some((start, text.get(start..end).unwrap_or("")))
            }
            None => {
                next = None;
                (start < text.len()).then(|| (start, text.get(start..).unwrap_or("")))
            }
        }
    })
}

/// How many lines one pest call reads at most. One call per run of lines
/// shares pest's set-up and buffers between them (about half the cost of a
/// call per line), while a failed run is cheap to read again line by line and
/// the token buffer stays small however long the file.
const CHUNK_LINES: usize = 64;

/// Parses a whole routine.
pub fn parse(text: &str) -> Parsed {
    let mut builder = Builder::new(text);
    let mut lines = Vec::with_capacity(CHUNK_LINES);
    let mut start = 0;
    while start < text.len() {
        let (end, longest) = chunk_end(text.as_bytes(), start);
        let chunk = text.get(start..end).unwrap_or("");
        if longest > MAX_LINE_CHARS || !line::parse_lines(chunk, start, &mut lines) {
            lines.extend(self::lines(chunk).filter_map(|(offset, line_text)| line_by_line(line_text, start + offset)));
        }
        for line in lines.drain(..) {
            if !builder.full() {
                builder.add(line);
            }
        }
        if builder.full() {
            break;
        }
        start = end;
    }
    builder.finish()
}

/// Parses a whole routine one line at a time, as [`parse`] does for a run of
/// lines that holds a mistake. For tests that check the two agree.
#[doc(hidden)]
pub fn parse_line_by_line(text: &str) -> Parsed {
    let mut builder = Builder::new(text);
    for line in lines(text).filter_map(|(offset, line_text)| line_by_line(line_text, offset)) {
        builder.add(line);
        if builder.full() {
            break;
        }
    }
    builder.finish()
}

/// The line `text` at byte `offset`, parsed on its own; `None` if it is blank.
fn line_by_line(text: &str, offset: usize) -> Option<Line> {
    if text.len() > MAX_LINE_CHARS
        && let Some((at, c)) = text.char_indices().nth(MAX_LINE_CHARS)
    {
        return Some(line::too_long(text, offset, offset + at, c.len_utf8()));
    }
    (!text.trim_matches([' ', '\t']).is_empty()).then(|| line::parse_line(text, offset))
}

/// Collects parsed lines, in order, into a document.
struct Builder<'t> {
    text: &'t str,
    layout: Layout,
    document: Document,
    diagnostics: Vec<Diagnostic>,
    /// The control characters in the text, found before any line is read.
    controls: Vec<Diagnostic>,
    /// The diagnostics past the first [`MAX_LISTED`], counted, not kept.
    unlisted: Unlisted,
    /// How many lines with a statement (or that could not be read) there were.
    statements: usize,
}

impl<'t> Builder<'t> {
    fn new(text: &'t str) -> Self {
        let controls = control_characters(text);
        Builder {
            text,
            layout: Layout::default(),
            document: Document::default(),
            diagnostics: Vec::new(),
            controls,
            unlisted: Unlisted::default(),
            statements: 0,
        }
    }

    /// Whether the file has had [`MAX_STATEMENTS`] lines with a statement,
    /// and one more: then no more are read.
    fn full(&self) -> bool {
        self.statements > MAX_STATEMENTS
    }

    fn add(&mut self, mut line: Line) {
        if line.statement.is_some() || line.failed {
            self.statements += 1;
            if self.statements > MAX_STATEMENTS {
                self.unlisted.stop(too_many_statements(line.span()));
                return;
            }
        }
        self.diagnostics.append(&mut line.diagnostics);
        if let Some(comment) = line.comment {
            let own_line = line.statement.is_none() && !line.failed;
            self.document.comments.push(Comment { span: comment, own_line });
        }
        if line.statement.is_some() || line.failed {
            self.layout.place(self.text, line, &mut self.document, &mut self.diagnostics);
        }
        if self.diagnostics.len() > MAX_LISTED {
            self.unlisted.keep_first(&mut self.diagnostics);
        }
    }

    fn finish(mut self) -> Parsed {
        if self.full() {
            // A block still open where reading stopped may have had steps
            // after it: saying it is empty would be wrong.
            self.layout.finish(&mut self.document, &mut Vec::new());
        } else {
            self.layout.finish(&mut self.document, &mut self.diagnostics);
        }
        let diagnostics =
            if self.controls.is_empty() { self.diagnostics } else { merge_by_start(self.controls, self.diagnostics) };
        Parsed { document: self.document, diagnostics, unlisted: self.unlisted }
    }
}

/// The most `control-character` errors one file gets; the characters after
/// them are counted in one more. A file that is mostly control characters
/// (a binary file with no NUL byte) would otherwise get a diagnostic per byte.
const MAX_CONTROL_CHARACTERS: usize = 100;

/// An error for each character of `text` that routine text may not hold
/// ([`crate::controls::name`]), up to [`MAX_CONTROL_CHARACTERS`]: whatever a
/// file says, no escape sequence reaches a terminal, a log or a handout
/// through it, and `ybc fmt` refuses the file rather than keep the character
/// unseen.
fn control_characters(text: &str) -> Vec<Diagnostic> {
    let next_from = |from: usize| crate::controls::next_candidate(text, from);
    let mut found = Vec::new();
    let mut more: Option<(Span, char, usize)> = None;
    let mut from = 0;
    while let Some(at) = next_from(from) {
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else { break };
        from = at + c.len_utf8();
        if crate::controls::name(c).is_none() {
            continue;
        }
        let span = Span::new(at, from);
        match &mut more {
            Some((_, _, count)) => *count += 1,
            None if found.len() == MAX_CONTROL_CHARACTERS => more = Some((span, c, 1)),
            None => found.push(control_character(span, c, None)),
        }
    }
    if let Some((span, c, count)) = more {
        found.push(control_character(span, c, Some(count - 1)));
    }
    found
}

/// The error for the refused character `c` at `span`; `more` counts those
/// after it in the file that have no error of their own.
fn control_character(span: Span, c: char, more: Option<usize>) -> Diagnostic {
    let what = crate::controls::name(c).unwrap_or("a control character");
    let code = c as u32;
    let (mut message, help) = if crate::controls::is_bidi(c) {
        (
            format!(
                "This line holds {what} (U+{code:04X}), an invisible character that makes text display in a different order than it is read."
            ),
            "Delete it: right-to-left text (Hebrew, Arabic) displays correctly without it. It is invisible in most editors, so put the cursor where it is marked and press Delete once.",
        )
    } else {
        (
            format!(
                "This line holds {what} (U+{code:04X}), an invisible character that can change what a terminal or a log shows."
            ),
            "Delete it. It is invisible in most editors, so put the cursor where it is marked and press Delete once; text copied from a terminal or a word processor can carry such characters.",
        )
    };
    if let Some(more) = more.filter(|&n| n > 0) {
        message.push_str(&format!(" {more} more such characters follow it in this file."));
    }
    Diagnostic::error("control-character", span, message)
        .with_label(format!("U+{code:04X} here"))
        .with_help(help)
        .with_fix(span, "")
}

/// The diagnostics of `a` and `b`, each in source order, merged into one list
/// in source order (those of `a` first at the same place).
fn merge_by_start(a: Vec<Diagnostic>, b: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut merged = Vec::with_capacity(a.len() + b.len());
    let mut b = b.into_iter().peekable();
    for d in a {
        while let Some(next) = b.next_if(|next| next.span.start < d.span.start) {
            merged.push(next);
        }
        merged.push(d);
    }
    merged.extend(b);
    merged
}

/// Where the run of at most [`CHUNK_LINES`] lines that starts at byte `start`
/// ends (just after its last line ending, or at the end of the text), and
/// the length in bytes of its longest line.
fn chunk_end(bytes: &[u8], start: usize) -> (usize, usize) {
    let mut at = start;
    let mut longest = 0;
    for _ in 0..CHUNK_LINES {
        let Some((end, next)) = crate::span::line_end(bytes, at) else {
            return (bytes.len(), longest.max(bytes.len() - at));
        };
        longest = longest.max(end - at);
        at = next;
    }
    (at, longest)
}

/// A block whose head has been read and whose body is being collected.
struct Open {
    /// The body lines' indentation (the head's, until the first body line sets it).
    indent: Span,
    /// The head's indentation.
    head_indent: Span,
    /// The block; `None` for a block nested too deep, whose lines go to the
    /// nearest real block instead.
    node: Option<Node>,
}

/// Nests lines into blocks by indentation.
#[derive(Default)]
struct Layout {
    /// Open blocks, outermost first.
    stack: Vec<Open>,
    /// A block head waiting for its first body line.
    pending: Option<Open>,
    /// Whether a block or step has been seen (headers must come before).
    body_started: bool,
    /// How many real blocks (not ones nested too deep) are open on the stack.
    depth: usize,
}

impl Layout {
    fn place(&mut self, text: &str, mut line: Line, document: &mut Document, diagnostics: &mut Vec<Diagnostic>) {
        let slice = |span: Span| text.get(span.start..span.end).unwrap_or("");
        let indent = slice(line.indent);
        let readable = line.statement.is_some();
        if line.failed {
            document.unreadable.push(line.indent);
        }
        let mixed = indent.contains(' ') && indent.contains('\t');
        if mixed {
            diagnostics.push(
                Diagnostic::error("indentation", line.indent, "This line's indentation mixes tabs and spaces.")
                    .with_label("tabs and spaces")
                    .with_help("Indent with spaces only (two per level is the usual style), or with tabs only."),
            );
        }

        // A section word alone on a line is a section whose `:` was forgotten:
        // say so once, and read it as the section so that its body still fits.
        if let Some(Statement::Step(step)) = &line.statement
            && step.items.is_empty()
            && SectionKind::from_word(&step.pose.value).is_some_and(|kind| !kind.is_also_a_pose())
        {
            let word = &step.pose.value;
            diagnostics.push(
                Diagnostic::error(
                    "syntax",
                    step.pose.span,
                    format!("`{word}` is a section, but this line doesn't end in `:`."),
                )
                .with_label("section without `:`")
                .with_help(format!("Write `{word}:` to open the section, with its steps indented below."))
                .with_safe_fix(Span::new(step.pose.span.end, step.pose.span.end), ":"),
            );
            line.statement = Some(Statement::Section { kind: step.pose.clone(), title: None, span: step.span });
        }

        // `warm up` or `Cool down` alone on a line: a section's name in words,
        // and its `:` forgotten; one mistake, read as the section.
        if let Some(Statement::Step(step)) = &line.statement
            && let Some((kind, span)) = section_in_words(step)
        {
            let written = slice(span);
            diagnostics.push(
                Diagnostic::error("syntax", span, format!("`{written}` is written `{}:` in a routine.", kind.word()))
                    .with_label("section name in words, without `:`")
                    .with_help(format!(
                        "A section's name is one word and its line ends in `:`: write `{}:`, with its steps indented \
                         below.",
                        kind.word()
                    ))
                    .with_safe_fix(span, format!("{}:", kind.word())),
            );
            let kind = Spanned::new(kind.word().to_owned(), span);
            line.statement = Some(Statement::Section { kind, title: None, span: step.span });
        }

        // `breath 4-6s` before the first block or step is the header that
        // says how long a breath lasts; after it, `breath` names a pose.
        if !self.body_started
            && let Some(Statement::Step(step)) = &line.statement
            && step.pose.value.eq_ignore_ascii_case("breath")
            && let [Spanned { value: StepItem::Work(length), .. }] = step.items.as_slice()
        {
            let kind = HeaderKind::Breath(length.clone());
            line.statement = Some(Statement::Header(Header { kind, span: step.span }));
        }

        if let Some(pending) = self.pending.take() {
            let head = slice(pending.head_indent);
            if indent.len() > head.len() {
                if !indent.starts_with(head) && !mixed {
                    diagnostics.push(inconsistent(line.indent));
                }
                self.depth += usize::from(pending.node.is_some());
                self.stack.push(Open { indent: line.indent, ..pending });
            } else {
                if let Some(node) = pending.node {
                    diagnostics.extend(empty_block(&node));
                    self.attach(document, node);
                }
            }
        }

        // Close the blocks this line is not inside; report indentation that fits nowhere.
        let mut popped = false;
        loop {
            let top = self.stack.last().map_or("", |open| slice(open.indent));
            if indent == top {
                break;
            }
            if top.starts_with(indent)
                && let Some(closed) = self.stack.pop()
            {
                if let Some(node) = closed.node {
                    self.depth -= 1;
                    self.attach(document, node);
                }
                popped = true;
                continue;
            }
            if !readable {
                break;
            }
            if indent.starts_with(top) {
                diagnostics.push(if popped {
                    Diagnostic::error(
                        "indentation",
                        line.indent,
                        "This line's indentation doesn't line up with any block above it.",
                    )
                    .with_label("doesn't line up")
                    .with_help("Indent it exactly like the other lines of its block.")
                } else {
                    Diagnostic::error(
                        "indentation",
                        line.indent,
                        "This line is indented more than the line above, but nothing opened a block.",
                    )
                    .with_label("unexpected indentation")
                    .with_help(
                        "Line it up with the lines above it, or end the line above with `:` if it should open a block.",
                    )
                });
            } else if indent.len() < top.len() && popped {
                diagnostics.push(
                    Diagnostic::error(
                        "indentation",
                        line.indent,
                        "This line's indentation doesn't line up with any block above it.",
                    )
                    .with_label("doesn't line up")
                    .with_help("Indent it exactly like the other lines of its block."),
                );
            } else if !mixed {
                diagnostics.push(inconsistent(line.indent));
            }
            break;
        }

        let Some(statement) = line.statement else { return };
        match statement {
            Statement::Header(header) => {
                if self.body_started {
                    diagnostics.push(
                        Diagnostic::error(
                            "header-order",
                            header.span,
                            format!(
                                "`{}` belongs at the top of the file, before the first block or step.",
                                header.kind.keyword()
                            ),
                        )
                        .with_label("header line after the routine has started")
                        .with_help("Move this line up, above the first section or step."),
                    );
                }
                document.headers.push(header);
            }
            Statement::Section { kind, title, span } => {
                self.body_started = true;
                if !self.stack.is_empty() {
                    diagnostics.push(
                        Diagnostic::error("nesting", span, "A section can't sit inside another block.")
                            .with_label("section inside a block")
                            .with_help(
                                "Start sections at the left edge; use `3 rounds:` to repeat steps inside a section.",
                            ),
                    );
                }
                self.open(
                    Node::Section(Box::new(Section { kind, title, body: Vec::new(), span })),
                    line.indent,
                    diagnostics,
                );
            }
            Statement::Sequence { id, name, span } => {
                // A definition, like a `pose` line: it starts no class, so
                // header lines may still follow it.
                if !self.stack.is_empty() {
                    diagnostics.push(
                        Diagnostic::error(
                            "nesting",
                            span,
                            "A sequence is defined at the left edge, not inside a block.",
                        )
                        .with_label("sequence inside a block")
                        .with_help(
                            "Move `sequence …:` and its poses to the left edge, above the first section; \
                                 steps then name it like a pose.",
                        ),
                    );
                }
                self.open(
                    Node::Sequence(Box::new(SequenceDef { id, name, body: Vec::new(), span })),
                    line.indent,
                    diagnostics,
                );
            }
            Statement::Rounds { count, rest, span } => {
                self.body_started = true;
                self.open(
                    Node::Rounds(Box::new(Rounds { count, rest, body: Vec::new(), span })),
                    line.indent,
                    diagnostics,
                );
            }
            Statement::Step(step) => self.push_leaf(document, Node::Step(step)),
            Statement::Rest(rest) => self.push_leaf(document, Node::Rest(rest)),
            Statement::Note(note) => self.push_leaf(document, Node::Note(note)),
        }
    }

    fn open(&mut self, node: Node, indent: Span, diagnostics: &mut Vec<Diagnostic>) {
        if self.depth >= MAX_DEPTH {
            diagnostics.push(
                Diagnostic::error("nesting", node.span(), format!("Blocks nest more than {MAX_DEPTH} deep here."))
                    .with_label("too deep")
                    .with_help("Flatten the routine: a section can hold rounds, and rounds can hold rounds, a few levels at most."),
            );
            // The block's lines still belong somewhere: to the nearest block that could be opened.
            self.pending = Some(Open { indent, head_indent: indent, node: None });
            return;
        }
        self.pending = Some(Open { indent, head_indent: indent, node: Some(node) });
    }

    fn push_leaf(&mut self, document: &mut Document, node: Node) {
        self.body_started = true;
        self.attach(document, node);
    }

    /// Adds `node` to the innermost open block, or to the document.
    fn attach(&mut self, document: &mut Document, node: Node) {
        match self.stack.iter_mut().rev().find_map(|open| open.node.as_mut()) {
            Some(Node::Section(section)) => section.body.push(node),
            Some(Node::Rounds(rounds)) => rounds.body.push(node),
            Some(Node::Sequence(sequence)) => sequence.body.push(node),
            _ => document.body.push(node),
        }
    }

    fn finish(&mut self, document: &mut Document, diagnostics: &mut Vec<Diagnostic>) {
        if let Some(node) = self.pending.take().and_then(|pending| pending.node) {
            diagnostics.extend(empty_block(&node));
            self.attach(document, node);
        }
        while let Some(open) = self.stack.pop() {
            if let Some(node) = open.node {
                self.attach(document, node);
            }
        }
    }
}

/// A section's name written as words on a line without a `:` (`warm up`,
/// `Cool down`): the section and the span of its words.
fn section_in_words(step: &Step) -> Option<(SectionKind, Span)> {
    let words: Vec<&str> = step
        .items
        .iter()
        .map(|item| match &item.value {
            StepItem::Stray(word) => Some(word.as_str()),
            _ => None,
        })
        .collect::<Option<_>>()?;
    if words.is_empty() || words.len() > 2 || !words.iter().all(|w| w.chars().all(|c| c.is_ascii_alphabetic())) {
        return None;
    }
    let joined = std::iter::once(step.pose.value.as_str()).chain(words).collect::<Vec<_>>().join("-");
    let kind = SectionKind::from_word(&joined)?;
    Some((kind, Span::new(step.pose.span.start, step.items.last()?.span.end)))
}

fn inconsistent(span: Span) -> Diagnostic {
    Diagnostic::error(
        "indentation",
        span,
        "This line is indented with a different mix of tabs and spaces than the lines above it.",
    )
    .with_label("inconsistent indentation")
    .with_help("Indent every line of a block the same way: spaces only (two per level), or tabs only.")
}

/// The diagnostic for a block with no body, unless the block's head already has
/// a worse problem (a section word that is not a section, reported by resolve).
fn empty_block(node: &Node) -> Option<Diagnostic> {
    if let Node::Section(s) = node {
        SectionKind::from_word(&s.kind.value)?;
    }
    let (what, example) = match node {
        Node::Rounds(r) => (format!("`{} rounds` has no steps under it.", r.count.value), "  locust hold 20-30s"),
        Node::Section(s) => (format!("The `{}` section has no steps under it.", s.kind.value), "  cat-cow 8 reps"),
        Node::Sequence(d) => (format!("The sequence `{}` has no poses under it.", d.id.value), "  mountain 1 breath"),
        _ => ("This block has no steps under it.".to_owned(), "  cat-cow 8 reps"),
    };
    Some(
        Diagnostic::error("empty-block", node.span(), what)
            .with_label("opens a block")
            .with_help(format!("Indent the steps that belong to it on the lines below, for example `{example}`.")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_on_every_ending() {
        let found: Vec<_> = lines("a\r\nb\rc\n\nd").collect();
        assert_eq!(found, vec![(0, "a"), (3, "b"), (5, "c"), (7, ""), (8, "d")]);
    }

    /// The scan looks at 64 bytes at a time: a control character is found at
    /// its exact place wherever it falls, and allowed bytes beside it
    /// (tab, line endings, an en dash, a no-break space) are not taken for one.
    #[test]
    fn control_characters_are_found_wherever_they_fall() {
        for len in [0, 1, 63, 64, 65, 127, 128, 200] {
            for at in 0..=len {
                let mut text = "a\t\r\n–\u{a0}".repeat(len / 8 + 1).chars().take(len).collect::<String>();
                let at = (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
                assert!(control_characters(&text).is_empty(), "{len} {at}");
                text.insert(at, '\u{1b}');
                let found = control_characters(&text);
                assert_eq!(found.len(), 1, "{len} {at}");
                assert_eq!(found[0].span, Span::new(at, at + 1), "{len} {at}");
            }
        }
    }

    #[test]
    fn blocks_nest_by_indentation() {
        let parsed =
            parse("strength:\n  3 rounds:\n    locust hold 30s\n  bridge 3 reps\ncooldown:\n  childs-pose 1m\n");
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let body = &parsed.document.body;
        assert_eq!(body.len(), 2);
        let Node::Section(strength) = &body[0] else { panic!() };
        assert_eq!(strength.body.len(), 2);
        let Node::Rounds(rounds) = &strength.body[0] else { panic!() };
        assert_eq!(rounds.body.len(), 1);
    }

    #[test]
    fn runs_of_lines_read_as_each_line_alone() {
        // Every kind of line, good and broken, with every line ending, placed
        // so that runs start and end at different lines and each run holds
        // zero, one or several broken lines.
        let pieces = [
            "title \"Upper back\"",
            "level beginner",
            "duration 20m # planned",
            "props mat, block",
            "title",
            "warmup:",
            "  cat-cow 8 reps \"long arm reaches\"",
            "  thread-the-needle 5 reps each side",
            "",
            "   ",
            "  # a comment",
            "strength:",
            "  3 rounds rest 45s:",
            "    locust hold 30s x3 rest 45s with block",
            "    prone-y 10 reps \"thumbs up",
            "    bridge hold 99999999999h",
            "  rest 1m \"breathe\"",
            "  note \"switch sides\"",
            "  plank hold 20-30s tempo 2-1-2 left",
            "  child's-pose 1m:",
            "  cobra ???? ### x",
            "cooldown \"slow\":",
            "  childs-pose 1m # end",
        ];
        let endings = ["\n", "\r\n", "\r"];
        let mut text = String::new();
        for i in 0..700 {
            text.push_str(pieces[(i * 7 + i / 23) % pieces.len()]);
            text.push_str(endings[i % 5 % 3]);
        }
        for end in [text.len(), text.len() - 1, 1000, 37] {
            let part = &text[..end];
            assert_eq!(parse(part), parse_line_by_line(part), "differ on the first {end} bytes");
        }
        assert!(!parse(&text).diagnostics.is_empty());
    }

    #[test]
    fn control_characters_are_errors_up_to_a_limit_and_then_counted() {
        let parsed = parse("cat-cow 8 reps \"\u{1b}[2J\"\n");
        let found: Vec<_> = parsed.diagnostics.iter().filter(|d| d.code == "control-character").collect();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span, Span::new(16, 17));
        let text = "\u{1}".repeat(MAX_CONTROL_CHARACTERS + 50);
        let found: Vec<_> = parse(&text).diagnostics.into_iter().filter(|d| d.code == "control-character").collect();
        assert_eq!(found.len(), MAX_CONTROL_CHARACTERS + 1);
        assert!(found[MAX_CONTROL_CHARACTERS].message.ends_with(" 49 more such characters follow it in this file."));
        assert_eq!(parse(&text), parse_line_by_line(&text));
    }

    #[test]
    fn runs_end_after_their_last_line_ending() {
        let text = "a\r\n".repeat(CHUNK_LINES + 1);
        assert_eq!(chunk_end(text.as_bytes(), 0), (3 * CHUNK_LINES, 1));
        assert_eq!(chunk_end(text.as_bytes(), 3 * CHUNK_LINES), (text.len(), 1));
        assert_eq!(chunk_end(b"a\rbcd", 0), (5, 3));
    }

    /// A line past the limit is one error, read no further; a chunk holding
    /// one is read line by line, so the lines around it are read as usual.
    #[test]
    fn a_line_past_the_limit_is_not_read() {
        let long = format!("locust{}", " zz".repeat(MAX_LINE_CHARS / 3));
        let text = format!("locust hold 30s\n{long}\ncobra\n");
        let parsed = parse(&text);
        let codes: Vec<_> = parsed.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["line-too-long"]);
        assert_eq!(parsed.diagnostics[0].span.start, 16 + MAX_LINE_CHARS);
        assert_eq!(parsed.document.body.len(), 2);
        assert_eq!(parsed, parse_line_by_line(&text));
        // One character shorter is read.
        let text = format!("{}\n", &long[..MAX_LINE_CHARS]);
        assert!(parse(&text).diagnostics.iter().all(|d| d.code != "line-too-long"));
    }

    /// Past [`MAX_STATEMENTS`] lines nothing more is read; the error saying so
    /// is kept whatever else is listed, and the rest is counted.
    #[test]
    fn a_file_past_the_limit_is_read_no_further() {
        let text = "x 30\n".repeat(MAX_STATEMENTS + 5);
        let parsed = parse(&text);
        assert!(parsed.has_errors());
        assert_eq!(parsed.document.body.len(), MAX_STATEMENTS);
        assert_eq!(parsed.diagnostics.len(), MAX_LISTED);
        assert_eq!(parsed, parse_line_by_line(&text));
        let listed = parsed.listed();
        let codes: Vec<_> = listed.iter().rev().take(2).map(|d| d.code).collect();
        assert_eq!(codes, ["file-too-long", "too-many"]);
        let stop = listed.last().map(|d| d.span.start);
        assert_eq!(stop, Some(5 * MAX_STATEMENTS));
    }
}
