//! Property tests: formatting generated routines, messed up at random
//! (spacing, indentation, tabs, part and header order, keyword case, line
//! endings, blank lines, comments anywhere), is idempotent and keeps the
//! meaning; and messing up only the layout never changes the result.
//!
//! Routines come from the seeded benchmark generator (`benches/corpus.rs`);
//! proptest draws the seeds of the routine and of the mutation.

use proptest::prelude::*;
use ybc::catalog::Catalog;
use ybc::fmt::{FormatOptions, format};
use ybc::syntax::{Document, Header, HeaderKind, Node, Step, StepItem};

use crate::corpus::Generator;
use crate::same_meaning::compiled;

/// What a mutation may do besides changing the layout.
#[derive(Clone, Copy)]
struct Mutation {
    /// Add blank lines and comments (these survive formatting, so the result
    /// can differ from the tidy routine's).
    extras: bool,
}

const ALLOWS: [&str; 4] = [
    "# ybc: allow(short-rest)",
    "# ybc: allow(hold-too-long, missing-dose)",
    "# ybc: allow(no-mobility-pairing)",
    "# a note to self",
];

/// What stands on a source line.
enum LineKind<'d> {
    Header(&'d Header),
    Node(&'d Node, usize),
}

fn line_kinds<'d>(text: &str, document: &'d Document) -> Vec<(usize, LineKind<'d>)> {
    let index = ybc::span::LineIndex::new(text);
    let mut found: Vec<(usize, LineKind)> =
        document.headers.iter().map(|h| (index.line(h.span.start), LineKind::Header(h))).collect();
    let mut stack: Vec<(&Node, usize)> = document.body.iter().map(|n| (n, 0)).collect();
    while let Some((node, depth)) = stack.pop() {
        found.push((index.line(node.span().start), LineKind::Node(node, depth)));
        match node {
            Node::Section(s) => stack.extend(s.body.iter().map(|n| (n, depth + 1))),
            Node::Rounds(r) => stack.extend(r.body.iter().map(|n| (n, depth + 1))),
            Node::Sequence(d) => stack.extend(d.body.iter().map(|n| (n, depth + 1))),
            _ => {}
        }
    }
    found
}

/// Messes up a routine without changing what it means.
struct Mess<'t> {
    text: &'t str,
    rng: fastrand::Rng,
}

impl Mess<'_> {
    fn slice(&self, span: ybc::span::Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// The dashes of ranges as copied from an article, at random: an en dash
    /// or an em dash for `-` (`20–30s`), which `ybc fmt` writes back as `-`.
    fn dashes(&mut self, part: &str) -> String {
        part.chars().map(|c| if c == '-' { ['-', '–', '—', '-'][self.rng.usize(..4)] } else { c }).collect()
    }

    /// One or more spaces and tabs.
    fn gap(&mut self) -> &'static str {
        ["  ", " ", "\t", "   ", " \t ", " "][self.rng.usize(..6)]
    }

    fn case(&mut self, word: &str) -> String {
        match self.rng.u8(..4) {
            0 => word.to_uppercase(),
            1 => {
                let mut chars = word.chars();
                chars.next().map_or(String::new(), |c| c.to_uppercase().collect::<String>() + chars.as_str())
            }
            _ => word.to_owned(),
        }
    }

    /// Spaces outside quotes become random gaps; commas get random spacing.
    fn respace(&mut self, part: &str) -> String {
        let mut out = String::new();
        let mut quoted = false;
        let mut chars = part.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' => {
                    quoted = !quoted;
                    out.push(c);
                }
                ' ' if !quoted => out.push_str(self.gap()),
                ',' if !quoted => {
                    if chars.peek() == Some(&' ') {
                        chars.next();
                    }
                    out.push_str([",", ", ", " ,", " , ", ",\t"][self.rng.usize(..5)]);
                }
                _ => out.push(c),
            }
        }
        out
    }

    /// The first word in a random case, the rest respaced.
    fn keyword_first(&mut self, part: &str) -> String {
        let (word, rest) = part.split_once(' ').unwrap_or((part, ""));
        let word = self.case(word);
        if rest.is_empty() { word } else { format!("{word} {}", self.respace(rest)) }
    }

    fn step(&mut self, step: &Step) -> String {
        let parts: Vec<String> = step
            .items
            .iter()
            .map(|item| {
                let part = self.slice(item.span).to_owned();
                match &item.value {
                    StepItem::Hold(_) | StepItem::Rest(_) | StepItem::Tempo(_) => {
                        let part = self.dashes(&part);
                        self.keyword_first(&part)
                    }
                    StepItem::With(_) => self.keyword_first(&part),
                    StepItem::Work(_) => self.dashes(&part),
                    StepItem::Reps(_) => {
                        let part = self.dashes(&part);
                        let (count, word) = part.split_once(' ').unwrap_or((&part, "reps"));
                        format!("{count}{}{}", self.gap(), self.case(word))
                    }
                    // `x3` as `X 3`: the sets as teachers also type them.
                    StepItem::Sets(_) if self.rng.bool() => {
                        let x = self.case("x");
                        format!("{x}{}{}", self.gap(), &part[1..])
                    }
                    StepItem::Sets(_) | StepItem::Alternating | StepItem::Left | StepItem::Right => self.case(&part),
                    StepItem::EachSide => format!("{}{}{}", self.case("each"), self.gap(), self.case("side")),
                    _ => part,
                }
            })
            .collect();
        // Parts change places, but cues keep their order: it is what the class hears.
        let is_cue: Vec<bool> = step.items.iter().map(|i| matches!(i.value, StepItem::Cue(_))).collect();
        let cues: Vec<String> = parts.iter().zip(&is_cue).filter(|(_, c)| **c).map(|(p, _)| p.clone()).collect();
        let mut order: Vec<usize> = (0..parts.len()).collect();
        self.rng.shuffle(&mut order);
        let mut cues = cues.into_iter();
        let parts: Vec<String> = order
            .into_iter()
            .map(|i| if is_cue[i] { cues.next().unwrap_or_default() } else { parts[i].clone() })
            .collect();
        let mut out = self.slice(step.pose.span).to_owned();
        for part in parts {
            out.push_str(self.gap());
            out.push_str(&part);
        }
        out
    }

    fn statement(&mut self, kind: &LineKind) -> String {
        match kind {
            LineKind::Header(header) => {
                let whole = self.slice(header.span).to_owned();
                match &header.kind {
                    // Attribute words of a custom pose are case-sensitive: only the spacing changes.
                    HeaderKind::Pose(_) => self.keyword_first(&whole),
                    HeaderKind::Duration(_) => {
                        let whole = self.dashes(&whole);
                        self.keyword_first(&whole)
                    }
                    HeaderKind::Level(_) => {
                        let (keyword, value) = whole.split_once(' ').unwrap_or((&whole, ""));
                        format!("{}{}{}", self.case(keyword), self.gap(), self.case(value))
                    }
                    _ => self.keyword_first(&whole),
                }
            }
            LineKind::Node(node, _) => match node {
                Node::Step(step) => self.step(step),
                Node::Section(section) => {
                    let head = self.slice(section.span).to_owned();
                    let (kind, title) = head.split_once(' ').unwrap_or((&head, ""));
                    let kind = self.case(kind);
                    let title = if title.is_empty() { String::new() } else { format!("{}{title}", self.gap()) };
                    let before_colon = if self.rng.bool() { self.gap() } else { "" };
                    format!("{kind}{title}{before_colon}:")
                }
                Node::Rounds(rounds) => {
                    let head = self.slice(rounds.span).to_owned();
                    // `rounds` and `rest` in any case; the numbers and lengths as they are.
                    let words: Vec<String> = head
                        .split(' ')
                        .map(|w| if w.chars().all(|c| c.is_ascii_alphabetic()) { self.case(w) } else { w.to_owned() })
                        .collect();
                    let mut out = String::new();
                    for (i, word) in words.iter().enumerate() {
                        if i > 0 {
                            out.push_str(self.gap());
                        }
                        out.push_str(word);
                    }
                    let before_colon = if self.rng.bool() { self.gap() } else { "" };
                    format!("{out}{before_colon}:")
                }
                Node::Rest(rest) => {
                    let whole = self.slice(rest.span).to_owned();
                    self.keyword_first(&whole)
                }
                Node::Sequence(sequence) => {
                    // `sequence` in any case; the id and the quoted name as they are.
                    let head = self.slice(sequence.span).to_owned();
                    let head = self.keyword_first(head.trim_end_matches(':').trim_end());
                    let before_colon = if self.rng.bool() { self.gap() } else { "" };
                    format!("{head}{before_colon}:")
                }
                Node::Note(_) => {
                    let whole = self.slice(node.span()).to_owned();
                    // The note's span is its text; the keyword comes before it.
                    format!("{}{}{whole}", self.case("note"), self.gap())
                }
            },
        }
    }

    fn comment(&mut self) -> &'static str {
        ALLOWS[self.rng.usize(..ALLOWS.len())]
    }

    /// The whole routine, messed up.
    fn routine(&mut self, document: &Document, mutation: Mutation) -> String {
        let kinds = line_kinds(self.text, document);
        // Header lines change places with each other.
        let mut header_lines: Vec<usize> =
            kinds.iter().filter(|(_, k)| matches!(k, LineKind::Header(_))).map(|(l, _)| *l).collect();
        let slots = header_lines.clone();
        self.rng.shuffle(&mut header_lines);
        let moved: std::collections::HashMap<usize, usize> = slots.into_iter().zip(header_lines).collect();
        // Each top-level block is indented its own way (spaces or tabs, never both on a line).
        let units = ["  ", "    ", "\t", " ", "   "];
        let mut unit = units[0];
        let source_lines: Vec<&str> = ybc::syntax::lines(self.text).map(|(_, l)| l).collect();
        let mut out: Vec<String> = Vec::new();
        for (i, raw) in source_lines.iter().enumerate() {
            let number = moved.get(&(i + 1)).copied().unwrap_or(i + 1);
            let kind = kinds.iter().find(|(l, _)| *l == number).map(|(_, k)| k);
            if mutation.extras && self.rng.u8(..8) == 0 {
                out.push([" ", "", "\t", "  "][self.rng.usize(..4)].to_owned());
            }
            if mutation.extras && self.rng.u8(..10) == 0 {
                let indent = ["", "  ", "\t", "      ", " "][self.rng.usize(..5)];
                out.push(format!("{indent}{}", self.comment()));
            }
            let Some(kind) = kind else {
                // A blank line or a comment line: kept, with any indentation.
                let line = source_lines.get(number - 1).copied().unwrap_or(raw);
                if line.trim().is_empty() {
                    if mutation.extras {
                        out.push(line.to_owned());
                    }
                } else {
                    out.push(format!("{}{}", if mutation.extras { self.gap() } else { "" }, line.trim_start()));
                }
                continue;
            };
            let depth = match kind {
                LineKind::Header(_) => 0,
                LineKind::Node(_, depth) => *depth,
            };
            if depth == 0 {
                unit = units[self.rng.usize(..units.len())];
            }
            let line = source_lines.get(number - 1).copied().unwrap_or(raw);
            let comment = line.find(" #").filter(|&at| {
                // A `#` outside quotes starts the comment.
                line[..at].matches('"').count() % 2 == 0
            });
            let mut text = format!("{}{}", unit.repeat(depth), self.statement(kind));
            if let Some(at) = comment {
                text.push_str(self.gap());
                text.push_str(line[at..].trim_start());
            } else if mutation.extras && self.rng.u8(..6) == 0 {
                text.push_str(self.gap());
                text.push_str(self.comment());
            }
            if self.rng.u8(..4) == 0 {
                text.push_str(self.gap());
            }
            out.push(text);
        }
        let newline = ["\n", "\r\n", "\n", "\r"][self.rng.usize(..4)];
        let mut text = out.join(newline);
        if self.rng.bool() {
            text.push_str(newline);
        }
        text
    }
}

fn messed_up(routine: &str, seed: u64, mutation: Mutation) -> String {
    let parsed = ybc::syntax::parse(routine);
    assert!(parsed.diagnostics.is_empty(), "the generator wrote a broken routine:\n{routine}");
    let mut mess = Mess { text: routine, rng: fastrand::Rng::with_seed(seed) };
    let text = mess.routine(&parsed.document, mutation);
    let reparsed = ybc::syntax::parse(&text);
    assert!(
        reparsed.diagnostics.is_empty(),
        "the mutation broke the routine (a test bug):\n{text}\n{:?}",
        reparsed.diagnostics.first().map(|d| (&d.message, d.span))
    );
    text
}

fn formatted(text: &str) -> String {
    match format(text, &FormatOptions::default()) {
        Ok(out) => out,
        Err(diagnostics) => panic!("refused:\n{text}\n{diagnostics:#?}"),
    }
}

fn generator() -> &'static Generator {
    static GENERATOR: std::sync::OnceLock<Generator> = std::sync::OnceLock::new();
    GENERATOR.get_or_init(|| Generator::new(&Catalog::builtin()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn formatting_is_idempotent_and_keeps_the_meaning(routine_seed in any::<u64>(), index in 0u64..1000, mess_seed in any::<u64>()) {
        let routine = generator().routine(routine_seed, index);
        let messy = messed_up(&routine, mess_seed, Mutation { extras: true });
        let once = formatted(&messy);
        prop_assert_eq!(&formatted(&once), &once, "formatting twice changed the text again");
        prop_assert_eq!(compiled(&messy), compiled(&once), "the meaning changed:\n{}\n----\n{}", messy, once);
        prop_assert!(once.ends_with('\n') && !once.ends_with("\n\n") && !once.ends_with("\r\n\r\n"));
        prop_assert!(once.lines().all(|l| l == l.trim_end()), "trailing whitespace left:\n{}", once);
    }

    #[test]
    fn the_layout_a_routine_is_written_in_does_not_change_its_formatted_text(routine_seed in any::<u64>(), index in 0u64..1000, mess_seed in any::<u64>()) {
        let routine = generator().routine(routine_seed, index);
        let tidy = formatted(&routine);
        let messy = messed_up(&routine, mess_seed, Mutation { extras: false });
        let once = formatted(&messy).replace("\r\n", "\n");
        prop_assert_eq!(&once, &tidy, "messed up:\n{}", messy);
    }
}

/// Pieces of routine lines, and of mistakes, for texts made at random.
const WORDS: [&str; 42] = [
    "locust",
    "Salabhasana",
    "cat-cow",
    "hold 30s",
    "HOLD 1m",
    "20-30s",
    "1m30s",
    "x3",
    "X2",
    "rest 45s",
    "8 reps",
    "1 Rep",
    "each side",
    "alternating",
    "with block, strap",
    "\"cue\"",
    "\"",
    "# note",
    "# ybc: allow(short-rest)",
    ":",
    "strength:",
    "warmup:",
    "Warm-Up \"Gentle\":",
    "3 rounds rest 60s:",
    "title \"T\"",
    "level beginner",
    "props mat,band",
    "audience neck-pain",
    "pose wall-angel \"Wall Angel\" focus mobility hold 20-40s",
    "note \"n\"",
    "tempo 3-1-3",
    "rest 30s",
    "é",
    "hold",
    "hold 5 breaths",
    "5-8 Breaths",
    "1 breath",
    "20–30s",
    "x 3",
    "10 pulses",
    "breath 4—6s",
    "Title: T",
];
const INDENTS: [&str; 5] = ["", "  ", "    ", "\t", "      "];

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_text_is_formatted_safely_or_refused(
        lines in proptest::collection::vec((0..INDENTS.len(), proptest::collection::vec(0..WORDS.len(), 0..5)), 0..16),
        crlf in any::<bool>(),
    ) {
        let text: Vec<String> = lines
            .iter()
            .map(|(indent, words)| {
                let words: Vec<&str> = words.iter().map(|&w| WORDS[w]).collect();
                format!("{}{}", INDENTS[*indent], words.join(" "))
            })
            .collect();
        let text = text.join(if crlf { "\r\n" } else { "\n" });
        if let Ok(once) = format(&text, &FormatOptions::default()) {
            prop_assert_eq!(&formatted(&once), &once, "formatting twice changed the text again");
            prop_assert_eq!(compiled(&text), compiled(&once), "the meaning changed:\n{}\n----\n{}", text, once);
        }
    }
}
