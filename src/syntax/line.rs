//! Parsing one line with the pest grammar and lowering it to a [`Statement`].

use pest::Parser;
use pest::iterators::Pair;

use super::ast::*;
use super::message;
use super::units::{UnitWord, unit_word};
use crate::diagnostic::Diagnostic;
use crate::span::Span;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/ybc.pest"]
struct YbcParser;

/// What one line says, before the lines are nested into blocks.
#[derive(Debug, Clone)]
pub(crate) enum Statement {
    Header(Header),
    Section { kind: Spanned<String>, title: Option<Spanned<String>>, span: Span },
    Rounds { count: Spanned<u32>, rest: Option<Spanned<Range>>, span: Span },
    Sequence { id: Spanned<String>, name: Option<Spanned<String>>, span: Span },
    Step(Step),
    Rest(RestStep),
    Note(Spanned<String>),
}

/// One line, parsed.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// The leading whitespace, as written.
    pub indent: Span,
    /// The statement, if the line has one that could be read.
    pub statement: Option<Statement>,
    /// The comment at the end of the line, if any.
    pub comment: Option<Span>,
    /// Whether the line could not be read at all.
    pub failed: bool,
    /// What reading the line found wrong with it, in order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Line {
    /// Where its statement is; for a line that could not be read, the empty
    /// span just after its indentation.
    pub fn span(&self) -> Span {
        match &self.statement {
            Some(Statement::Header(header)) => header.span,
            Some(
                Statement::Section { span, .. } | Statement::Rounds { span, .. } | Statement::Sequence { span, .. },
            ) => *span,
            Some(Statement::Step(step)) => step.span,
            Some(Statement::Rest(rest)) => rest.span,
            Some(Statement::Note(note)) => note.span,
            None => Span::new(self.indent.end, self.indent.end),
        }
    }
}

/// The most seconds any one duration may say (a day); longer is surely a typo.
const MAX_SECONDS: u64 = 24 * 3600;
/// The largest count (reps, sets, rounds) ybc reads; larger is surely a typo.
const MAX_COUNT: u64 = 100_000;

/// Parses the run of whole lines `text` (which starts at byte `offset` of the
/// file) with one pest call, pushing each line that is not blank to `out`.
///
/// Returns `false`, having pushed nothing, when some line of the run does not
/// parse; the caller then reads the run line by line with [`parse_line`].
pub(crate) fn parse_lines(text: &str, offset: usize, out: &mut Vec<Line>) -> bool {
    let Ok(mut pairs) = YbcParser::parse(Rule::lines, text) else {
        return false;
    };
    let Some(lines) = pairs.next() else {
        return false;
    };
    for body in lines.into_inner() {
        if body.as_rule() != Rule::line_body || body.as_str().trim_matches([' ', '\t']).is_empty() {
            continue;
        }
        let mut diagnostics = Vec::new();
        let mut lowering = Lowering { offset, diagnostics: &mut diagnostics, poisoned: false, bare: None };
        let mut line = lowering.line(body);
        line.diagnostics = diagnostics;
        out.push(line);
    }
    true
}

/// Parses the line `text` that starts at byte `offset` of the file.
pub(crate) fn parse_line(text: &str, offset: usize) -> Line {
    let mut diagnostics = Vec::new();
    let mut line = match YbcParser::parse(Rule::line, text) {
        Ok(mut pairs) => match pairs.next().and_then(|line| line.into_inner().next()) {
            Some(body) => Lowering { offset, diagnostics: &mut diagnostics, poisoned: false, bare: None }.line(body),
            None => failed_line(text, offset),
        },
        Err(error) => match section_in_words(text, offset).or_else(|| header_written_otherwise(text, offset)) {
            Some((line, diagnostic)) => {
                diagnostics.push(diagnostic);
                line
            }
            None => {
                let at = match error.location {
                    pest::error::InputLocation::Pos(at) => at,
                    pest::error::InputLocation::Span((at, _)) => at,
                };
                diagnostics.push(message::syntax_error(text, offset, at));
                failed_line(text, offset)
            }
        },
    };
    line.diagnostics = diagnostics;
    line
}

/// A length written the way a routine writes it (`20m`, `45-60m`,
/// `1h15m`), read as a `duration` value is; `None` when it is not one, or
/// has a mistake of its own (a unit given twice, past a day).
pub(super) fn length_value(text: &str) -> Option<Range> {
    let pair = YbcParser::parse(Rule::dur_range, text).ok()?.next()?;
    if pair.as_str().len() != text.len() {
        return None;
    }
    let mut diagnostics = Vec::new();
    let range = Lowering { offset: 0, diagnostics: &mut diagnostics, poisoned: false, bare: None }.dur_range(pair);
    diagnostics.is_empty().then_some(range.value)
}

/// A header line written another way ([`super::header`]), read as a line.
fn header_written_otherwise(text: &str, offset: usize) -> Option<(Line, Diagnostic)> {
    let (header, indent, comment, diagnostic) = super::header::written_otherwise(text, offset, length_value)?;
    let line =
        Line { indent, statement: Some(Statement::Header(header)), comment, failed: false, diagnostics: Vec::new() };
    Some((line, diagnostic))
}

/// Sides written in words (`each arm`, `per side`, `both sides`): the words as
/// written, and whether they surely mean one side after the other. `both
/// arms` may mean both at once (a row), so it is only a suggestion; `each
/// direction` (circles) is not about sides at all.
fn sides_in_words(before: &str, word: &str) -> Option<(String, bool)> {
    let sure = match (before, word) {
        ("each", "arm" | "leg") | ("per", "side" | "arm" | "leg") => true,
        ("both", "sides" | "arms" | "legs") => false,
        _ => return None,
    };
    Some((format!("{before} {word}"), sure))
}

/// A section's name written as words (`warm up:`, `Cool Down:`): one error
/// with the word to write, and the line read as that section, so that the
/// lines under it still fit.
fn section_in_words(text: &str, offset: usize) -> Option<(Line, Diagnostic)> {
    let body = text.trim_end_matches(['\n', '\r']);
    let (code, comment) = match body.find('#') {
        Some(at) => (body.get(..at)?, Some(Span::new(offset + at, offset + body.len()))),
        None => (body, None),
    };
    let head = code.trim_end_matches([' ', '\t']).strip_suffix(':')?.trim_end_matches([' ', '\t']);
    let indent = text.len() - text.trim_start_matches([' ', '\t']).len();
    let words = head.get(indent..)?;
    if !words.contains([' ', '\t']) || !words.chars().all(|c| c.is_ascii_alphabetic() || matches!(c, ' ' | '\t' | '-'))
    {
        return None;
    }
    let joined = words.split_whitespace().collect::<Vec<_>>().join("-");
    let kind = SectionKind::from_word(&joined)?;
    let span = Span::new(offset + indent, offset + indent + words.len());
    let diagnostic = Diagnostic::error("syntax", span, format!("`{words}` is written `{}` in a routine.", kind.word()))
        .with_label("section name in words")
        .with_help(format!(
            "A section's name is one word: `{}:`. The sections are warmup, strength, mobility, accessory and cooldown.",
            kind.word()
        ))
        .with_safe_fix(span, kind.word());
    let statement = Statement::Section {
        kind: Spanned::new(kind.word().to_owned(), span),
        title: None,
        span: Span::new(offset + indent, offset + code.trim_end_matches([' ', '\t']).len()),
    };
    let line = Line {
        indent: Span::new(offset, offset + indent),
        statement: Some(statement),
        comment,
        failed: false,
        diagnostics: Vec::new(),
    };
    Some((line, diagnostic))
}

/// The line `text` at byte `offset`, longer than [`super::MAX_LINE_CHARS`]:
/// not read, with one error at its first character past the limit (`at`,
/// `width` bytes wide) that quotes none of it.
pub(crate) fn too_long(text: &str, offset: usize, at: usize, width: usize) -> Line {
    let mut line = failed_line(text, offset);
    let chars = text.chars().count();
    line.diagnostics.push(
        Diagnostic::error(
            "line-too-long",
            Span::new(at, at + width),
            format!(
                "This line is {} characters long, more than the {} a line of a routine may hold, so ybc did not read it.",
                crate::diagnostic::thousands(chars),
                crate::diagnostic::thousands(super::MAX_LINE_CHARS)
            ),
        )
        .with_label("the line goes on past here")
        .with_help(
            "Put one step, rest, note or header on each line. A line this long is often a pasted document, or a file \
             that is not a routine.",
        ),
    );
    line
}

fn failed_line(text: &str, offset: usize) -> Line {
    let width = text.len() - text.trim_start_matches([' ', '\t']).len();
    Line {
        indent: Span::new(offset, offset + width),
        statement: None,
        comment: None,
        failed: true,
        diagnostics: Vec::new(),
    }
}

struct Lowering<'d> {
    offset: usize,
    diagnostics: &'d mut Vec<Diagnostic>,
    /// Set when a number could not be read; the part holding it is then left out
    /// rather than checked again with a second, confusing diagnostic.
    poisoned: bool,
    /// A length just read without its unit (`hold 30`): the number's span and
    /// text, and the index of its diagnostic, in case a unit word follows.
    bare: Option<Bare>,
}

/// A number a unit word after it may complete (`30` of `30 seconds`).
#[derive(Debug, Clone)]
struct Bare {
    span: Span,
    text: String,
    /// The diagnostic already given for the number alone, if any.
    diagnostic: Option<usize>,
}

/// What the words of a step read so far may join with. It is touched only
/// when a step has a word the grammar does not know or a number without its
/// unit, so a step without mistakes pays one flag per item.
#[derive(Default)]
struct Words {
    /// Whether `prev` or `length` holds something.
    active: bool,
    /// The item before, when a word may complete it.
    prev: Prev,
    /// A length in words, kept past the number that may continue it (`1 min 30 seconds`).
    length: Option<LengthInWords>,
    /// Whether a dose (a length or reps) was written in words, for `3 times`.
    dosed: bool,
}

impl Words {
    fn clear(&mut self) {
        self.prev = Prev::Nothing;
        self.length = None;
        self.active = false;
    }
}

/// The item before a word, as far as the word may complete it.
#[derive(Default)]
enum Prev {
    #[default]
    Nothing,
    /// A number without its unit (`30`, `20-30`).
    Bare(Bare),
    /// A word (`each` of `each arm`).
    Word(String),
    /// Sets in words, by the index of their diagnostic (`3 sets`, then `of`).
    Sets(usize),
}

/// A number and its unit word, joined into one diagnostic.
#[derive(Debug, Clone)]
struct Joined {
    diagnostic: usize,
    /// Whether it is sets (`3 sets`), which an `of` after may extend.
    sets: bool,
    /// The words as written (`30 seconds`).
    written: String,
    /// What to write instead (`30s`).
    replacement: String,
}

/// A length written in words, which a smaller one may continue (`1 min 30 seconds`).
#[derive(Debug, Clone)]
struct LengthInWords {
    diagnostic: usize,
    /// Its (last) unit.
    letter: char,
    written: String,
    replacement: String,
}

/// Whether a dose's text has a `b`: of the dose words only `breath` has one.
fn has_b(text: &str) -> bool {
    text.bytes().any(|b| b | 0x20 == b'b')
}

/// Whether `word` is a number or a range of numbers with no unit (`30`, `20-30`).
fn is_bare_number(word: &str) -> bool {
    let mut parts = word.split(['-', '–', '—']);
    let digits = |part: Option<&str>| part.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    digits(parts.next()) && parts.next().is_none_or(|p| digits(Some(p))) && parts.next().is_none()
}

impl Lowering<'_> {
    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let s = pair.as_span();
        Span::new(self.offset + s.start(), self.offset + s.end())
    }

    fn line(&mut self, line: Pair<'_, Rule>) -> Line {
        let start = self.span(&line).start;
        let mut result = Line {
            indent: Span::new(start, start),
            statement: None,
            comment: None,
            failed: false,
            diagnostics: Vec::new(),
        };
        for pair in line.into_inner() {
            match pair.as_rule() {
                Rule::indent => result.indent = self.span(&pair),
                Rule::comment => result.comment = Some(self.span(&pair)),
                Rule::EOI => {}
                _ => {
                    self.poisoned = false;
                    let statement = self.statement(pair);
                    // A broken number in a header or rest line leaves the line out.
                    if self.poisoned && matches!(statement, Statement::Header(_) | Statement::Rest(_)) {
                        result.failed = true;
                    } else {
                        result.statement = Some(statement);
                    }
                }
            }
        }
        result
    }

    fn statement(&mut self, pair: Pair<'_, Rule>) -> Statement {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let mut inner = pair.into_inner();
        match rule {
            Rule::title => {
                Statement::Header(Header { kind: HeaderKind::Title(self.first_string(&mut inner, span)), span })
            }
            Rule::author => {
                Statement::Header(Header { kind: HeaderKind::Author(self.first_string(&mut inner, span)), span })
            }
            Rule::level => {
                Statement::Header(Header { kind: HeaderKind::Level(self.first_name(&mut inner, span)), span })
            }
            Rule::duration => {
                let range = match inner.next() {
                    Some(p) => self.dur_range(p),
                    None => Spanned::new(Range::default(), span),
                };
                Statement::Header(Header { kind: HeaderKind::Duration(range), span })
            }
            Rule::props => Statement::Header(Header { kind: HeaderKind::Props(self.names(inner)), span }),
            Rule::audience => Statement::Header(Header { kind: HeaderKind::Audience(self.names(inner)), span }),
            Rule::tags => Statement::Header(Header { kind: HeaderKind::Tags(self.names(inner)), span }),
            Rule::pose_def => Statement::Header(Header { kind: HeaderKind::Pose(self.pose_def(inner, span)), span }),
            Rule::section_head => {
                let kind = self.first_name(&mut inner, span);
                let title = inner.next().map(|p| self.string(p));
                Statement::Section { kind, title, span }
            }
            Rule::sequence_head => {
                let id = self.first_name(&mut inner, span);
                let name = inner.next().map(|p| self.string(p));
                Statement::Sequence { id, name, span }
            }
            Rule::rounds_head => {
                let mut count = Spanned::new(1, span);
                let mut rest = None;
                for p in inner {
                    match p.as_rule() {
                        Rule::count => {
                            let range = self.count(p);
                            if !range.value.is_exact() {
                                self.diagnostics.push(
                                    Diagnostic::error(
                                        "rounds",
                                        range.span,
                                        "The number of rounds must be one whole number, not a range.",
                                    )
                                    .with_help(format!("Pick one number, for example `{} rounds`.", range.value.max)),
                                );
                            }
                            count = Spanned::new(if self.poisoned { 1 } else { range.value.max }, range.span);
                        }
                        Rule::dur_range => rest = Some(self.dur_range(p)),
                        _ => {}
                    }
                }
                Statement::Rounds { count, rest, span }
            }
            Rule::rest_step => {
                let mut length = Spanned::new(Range::default(), span);
                // Sized once: a routine may have many rests, each with few cues.
                let mut cues = Vec::with_capacity(
                    inner.clone().filter(|p| matches!(p.as_rule(), Rule::string | Rule::unclosed)).count(),
                );
                for p in inner {
                    match p.as_rule() {
                        Rule::dur_range => length = self.dur_range(p),
                        Rule::string | Rule::unclosed => cues.push(self.string(p)),
                        _ => {}
                    }
                }
                Statement::Rest(RestStep { length, cues, span })
            }
            Rule::note_step => Statement::Note(self.first_string(&mut inner, span)),
            _ => Statement::Step(self.step(inner, span)),
        }
    }

    fn step(&mut self, mut inner: pest::iterators::Pairs<'_, Rule>, span: Span) -> Step {
        let pose = match inner.next() {
            Some(p) => Spanned::new(p.as_str().to_owned(), self.span(&p)),
            None => Spanned::new(String::new(), span),
        };
        // An item for each part, sized once: a routine may have many steps,
        // each with few items, and a vector grown by pushing holds up to four.
        let mut items: Vec<Spanned<StepItem>> = Vec::with_capacity(inner.len());
        let mut words = Words::default();
        let mut lone: Option<Bare> = None;
        for p in inner {
            let item_span = self.span(&p);
            self.poisoned = false;
            let rule = p.as_rule();
            let text = p.as_str();
            let item = match self.item(p, item_span) {
                Some(item) => item,
                None => {
                    self.word(&mut items, &mut words, text, item_span);
                    continue;
                }
            };
            if self.poisoned {
                // A number without its unit may be completed by the word after
                // it; a plain number (not `hold 30` or `rest 30`) may also go
                // on a length in words before it (`1 min 30`).
                let plain = rule == Rule::work;
                match self.bare.take() {
                    Some(number) => {
                        // `warrior 2`: a lone digit just after the name may be
                        // part of it, which only the catalog can tell.
                        if items.is_empty() && plain && number.text.len() == 1 {
                            lone = Some(number.clone());
                        }
                        words.prev = Prev::Bare(number);
                        if !plain {
                            words.length = None;
                        }
                        words.active = true;
                    }
                    None => words.clear(),
                }
                items.push(Spanned::new(StepItem::Invalid, item_span));
            } else {
                if words.active {
                    words.clear();
                }
                items.push(Spanned::new(item, item_span));
            }
        }
        // A lone digit no unit word completed is left for `resolve`, which
        // knows whether the name and the digit are a pose (`warrior-2`) and
        // otherwise says the number needs a unit.
        if let Some(number) = lone
            && let Some(index) = number.diagnostic
            && self.diagnostics.get(index).is_some_and(|d| d.span == number.span && d.code == "duration")
            && let Some(first) = items.first_mut()
            && first.span == number.span
        {
            self.diagnostics.remove(index);
            first.value = StepItem::Stray(number.text);
        }
        // Words read together (`30 seconds`) make fewer items than parts:
        // give back what is not used (a no-op when every part made one).
        items.shrink_to_fit();
        Step { pose, items, span }
    }

    /// A word the grammar does not know in a step: a word on its own (said
    /// by `resolve`), or part of something written in words: a number's unit
    /// (`30 seconds`, `3 sets of`, `8 times`), sides (`each arm`). Pushes the
    /// item or items it makes.
    fn word(&mut self, items: &mut Vec<Spanned<StepItem>>, words: &mut Words, text: &str, span: Span) {
        let before = std::mem::take(&mut words.prev);
        let length = words.length.take();
        words.active = false;
        let lower = text.to_ascii_lowercase();
        // A comma after the unit (`20-30 seconds, x3`) goes with it.
        let unit_text = text.strip_suffix(',').unwrap_or(text);
        match before {
            Prev::Bare(bare) => {
                if let Some(unit) = unit_word(lower.strip_suffix(',').unwrap_or(&lower)) {
                    let dosed = words.dosed
                        || items
                            .iter()
                            .any(|i| matches!(i.value, StepItem::Hold(_) | StepItem::Work(_) | StepItem::Reps(_)));
                    if let Some(joined) = self.join_number(items, bare, unit_text, unit, span, dosed) {
                        words.dosed |= matches!(unit, UnitWord::Length(_) | UnitWord::Reps);
                        if joined.sets {
                            words.prev = Prev::Sets(joined.diagnostic);
                            words.active = true;
                        }
                        if let UnitWord::Length(letter) = unit {
                            let continued = length.and_then(|before| self.continue_length(&before, &joined, letter));
                            // `1 min, 30 seconds`: a comma ends the length.
                            if !text.ends_with(',') {
                                words.length = continued.or(Some(LengthInWords {
                                    diagnostic: joined.diagnostic,
                                    letter,
                                    written: joined.written,
                                    replacement: joined.replacement,
                                }));
                                words.active = true;
                            }
                        }
                        items.push(Spanned::new(StepItem::Invalid, span));
                        return;
                    }
                }
            }
            Prev::Sets(index) if lower == "of" => {
                if let Some(diagnostic) = self.diagnostics.get_mut(index) {
                    // `3 sets of 10 reps`: the `of` goes with the sets.
                    diagnostic.span.end = span.end;
                    if let Some(fix) = &mut diagnostic.fix {
                        fix.span.end = span.end;
                    }
                    items.push(Spanned::new(StepItem::Invalid, span));
                    return;
                }
            }
            Prev::Word(before) => {
                if let Some((sides, sure)) = sides_in_words(&before, &lower)
                    && let Some(first) = items.pop()
                {
                    let span = Span::new(first.span.start, span.end);
                    let diagnostic =
                        Diagnostic::error("sides", span, format!("`{sides}` is written `each side` in a routine."))
                            .with_label("sides in words");
                    self.diagnostics.push(if sure {
                        diagnostic
                            .with_help("Write `each side` to work the left side, then the right.")
                            .with_safe_fix(span, "each side")
                    } else {
                        diagnostic
                            .with_help(format!(
                                "Write `each side` to work the left side, then the right; if `{sides}` means both at \
                                 once, leave it out."
                            ))
                            .with_fix(span, "each side")
                    });
                    items.push(Spanned::new(StepItem::EachSide, span));
                    return;
                }
            }
            Prev::Sets(_) | Prev::Nothing => {}
        }
        words.prev = if is_bare_number(text) {
            words.length = length;
            Prev::Bare(Bare { span, text: text.to_owned(), diagnostic: None })
        } else {
            Prev::Word(lower)
        };
        words.active = true;
        items.push(Spanned::new(StepItem::Stray(text.to_owned()), span));
    }

    /// A number and the unit word after it (`30 seconds`, `3 sets`, `10
    /// repetitions`): one diagnostic with the way to write it, in place of the
    /// number's own. The number's item is left out (`items`' last); returns
    /// the new diagnostic's index when it is sets, which an `of` may extend.
    /// `dosed` says whether the step has a hold, length or reps before the number.
    fn join_number(
        &mut self,
        items: &mut [Spanned<StepItem>],
        bare: Bare,
        word: &str,
        unit: UnitWord,
        word_span: Span,
        dosed: bool,
    ) -> Option<Joined> {
        let whole = bare.text.bytes().all(|b| b.is_ascii_digit());
        // `20–30 seconds` copied from an article is written `20-30s`.
        let number = bare.text.replace(['–', '—'], "-");
        let (replacement, sets) = match unit {
            UnitWord::Length(letter) => (format!("{number}{letter}"), false),
            UnitWord::Sets if whole => (format!("x{number}"), true),
            UnitWord::Times if whole && dosed => (format!("x{number}"), true),
            UnitWord::Reps | UnitWord::Times => (format!("{number} reps"), false),
            UnitWord::Sets => return None,
        };
        if let Some(index) = bare.diagnostic
            && index < self.diagnostics.len()
        {
            self.diagnostics.remove(index);
        }
        let mut start = bare.span.start;
        let mut written = format!("{} {word}", bare.text);
        let mut replacement = replacement;
        let n = items.len();
        if let Some(last) = items.get_mut(n.wrapping_sub(1)) {
            last.value = StepItem::Invalid;
        }
        // `hold 20-30 seconds`: a range without its unit is not read as a hold
        // at all, so the `hold` before it is a word on its own; it goes too.
        if bare.diagnostic.is_none()
            && let Some(keyword) = items.get_mut(n.wrapping_sub(2))
            && let StepItem::Stray(text) = &keyword.value
            && (text.eq_ignore_ascii_case("hold") || text.eq_ignore_ascii_case("rest"))
            && matches!(unit, UnitWord::Length(_))
        {
            start = keyword.span.start;
            written = format!("{text} {written}");
            replacement = format!("{} {replacement}", text.to_ascii_lowercase());
            keyword.value = StepItem::Invalid;
        }
        let span = Span::new(start, word_span.end);
        let help = match unit {
            UnitWord::Length(_) => "Write a length as a number and its unit with no space: `30s`, `2m`, `1m30s`.",
            UnitWord::Sets => "Write sets as `x` and the number: `x3`.",
            UnitWord::Reps => "Write repetitions as the number and `reps`: `10 reps`.",
            UnitWord::Times if sets => {
                "After a hold or reps, `times` reads as sets, written `x3`; for repetitions write `3 reps`."
            }
            UnitWord::Times => "`times` reads as repetitions, written `10 reps`; for sets write `x3`.",
        };
        let diagnostic =
            Diagnostic::error("dose", span, format!("`{written}` is written `{replacement}` in a routine."))
                .with_label("dose in words")
                .with_help(help);
        // `times` could mean sets or reps: the teacher chooses.
        self.diagnostics.push(if unit == UnitWord::Times {
            diagnostic.with_fix(span, replacement.clone())
        } else {
            diagnostic.with_safe_fix(span, replacement.clone())
        });
        Some(Joined { diagnostic: self.diagnostics.len() - 1, sets, written, replacement })
    }

    /// `1 min 30 seconds`: the length just joined (`30s`, diagnostic `index`)
    /// continues the one before it (`1m`), so the two are one mistake with
    /// one fix (`1m30s`). Units must come largest first, as in `1m30s`.
    fn continue_length(&mut self, before: &LengthInWords, joined: &Joined, letter: char) -> Option<LengthInWords> {
        let rank = |unit: char| match unit {
            'h' => 3,
            'm' => 2,
            _ => 1,
        };
        // `30s`, `1h2m`: whole numbers with units, no range and no `hold`.
        let whole = |length: &str| {
            length.starts_with(|c: char| c.is_ascii_digit())
                && length.ends_with(['h', 'm', 's'])
                && length.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'h' | b'm' | b's'))
        };
        if rank(letter) >= rank(before.letter)
            || !whole(&before.replacement)
            || !whole(&joined.replacement)
            || joined.diagnostic + 1 != self.diagnostics.len()
            || before.diagnostic >= joined.diagnostic
        {
            return None;
        }
        let end = self.diagnostics.pop()?.span.end;
        let written = format!("{} {}", before.written, joined.written);
        let replacement = format!("{}{}", before.replacement, joined.replacement);
        let diagnostic = self.diagnostics.get_mut(before.diagnostic)?;
        diagnostic.message = format!("`{written}` is written `{replacement}` in a routine.");
        diagnostic.span.end = end;
        if let Some(fix) = &mut diagnostic.fix {
            fix.span.end = end;
            fix.replacement.clone_from(&replacement);
        }
        Some(LengthInWords { diagnostic: before.diagnostic, letter, written, replacement })
    }

    fn pose_def(&mut self, mut inner: pest::iterators::Pairs<'_, Rule>, span: Span) -> PoseDef {
        let id = self.first_name(&mut inner, span);
        let name = self.first_string(&mut inner, span);
        let mut attrs = Vec::new();
        for p in inner {
            let attr_span = self.span(&p);
            let rule = p.as_rule();
            self.poisoned = false;
            let attr = match rule {
                Rule::focus_attr => PoseAttr::Focus(self.first_name(&mut p.into_inner(), attr_span)),
                Rule::sanskrit_attr => PoseAttr::Sanskrit(self.first_string(&mut p.into_inner(), attr_span).value),
                Rule::family_attr => PoseAttr::Family(self.first_name(&mut p.into_inner(), attr_span)),
                Rule::spine_attr => PoseAttr::Spine(self.first_name(&mut p.into_inner(), attr_span)),
                Rule::level_attr => PoseAttr::Level(self.first_name(&mut p.into_inner(), attr_span)),
                Rule::hold if p.clone().into_inner().any(|q| q.as_rule() == Rule::breaths) => {
                    PoseAttr::Stray(p.as_str().to_owned())
                }
                Rule::hold => PoseAttr::Hold(self.inner_dur(p).value),
                Rule::reps if has_b(p.as_str()) => PoseAttr::Stray(p.as_str().to_owned()),
                Rule::reps => PoseAttr::Reps(self.inner_count(p).value),
                Rule::per_rep_attr => PoseAttr::PerRep(self.inner_dur(p).value),
                Rule::rest_attr => PoseAttr::Rest(self.inner_dur(p).value),
                Rule::unilateral => PoseAttr::Unilateral,
                Rule::loads_shoulders => PoseAttr::LoadsShoulders,
                Rule::overhead => PoseAttr::Overhead,
                Rule::props_attr => PoseAttr::Props(self.names(p.into_inner())),
                Rule::avoid_attr => PoseAttr::Avoid(self.names(p.into_inner())),
                Rule::caution_attr => PoseAttr::Caution(self.names(p.into_inner())),
                Rule::instead_attr => PoseAttr::Instead(self.first_name(&mut p.into_inner(), attr_span)),
                Rule::string | Rule::unclosed => PoseAttr::Cue(self.string(p).value),
                _ => PoseAttr::Stray(p.as_str().to_owned()),
            };
            let attr = if self.poisoned { PoseAttr::Invalid } else { attr };
            attrs.push(Spanned::new(attr, attr_span));
        }
        PoseDef { id, name, attrs }
    }

    fn first_string(&mut self, inner: &mut pest::iterators::Pairs<'_, Rule>, span: Span) -> Spanned<String> {
        match inner.find(|p| matches!(p.as_rule(), Rule::string | Rule::unclosed)) {
            Some(p) => self.string(p),
            None => Spanned::new(String::new(), span),
        }
    }

    fn first_name(&mut self, inner: &mut pest::iterators::Pairs<'_, Rule>, span: Span) -> Spanned<String> {
        match inner.find(|p| p.as_rule() == Rule::name) {
            Some(p) => Spanned::new(p.as_str().to_owned(), self.span(&p)),
            None => Spanned::new(String::new(), span),
        }
    }

    /// A quoted string: the value is the text between the quotes. A string
    /// that is never closed runs to the end of the line, with a diagnostic.
    fn string(&mut self, pair: Pair<'_, Rule>) -> Spanned<String> {
        let span = self.span(&pair);
        if pair.as_rule() == Rule::unclosed {
            self.diagnostics.push(
                Diagnostic::error("syntax", Span::new(span.start, span.start + 1), "This text has no closing quote.")
                    .with_label("opens here and runs to the end of the line")
                    .with_help("Add a `\"` where the text ends. A cue or title must open and close on the same line.")
                    .with_fix(Span::new(span.end, span.end), "\""),
            );
        }
        let text = pair.into_inner().next().map(|t| t.as_str().to_owned()).unwrap_or_default();
        Spanned::new(text, span)
    }

    /// A step item the grammar read (a dose, a side, props, a cue or an
    /// option); `None` for a word it did not know. Inlined: it is the inner
    /// loop of reading a step.
    #[inline(always)]
    fn item(&mut self, pair: Pair<'_, Rule>, span: Span) -> Option<StepItem> {
        Some(match pair.as_rule() {
            // Only a count of breaths has a `b` in it: one look at the
            // text spares the common `hold 30s` and `8 reps` a walk of their tokens.
            Rule::hold if !has_b(pair.as_str()) => StepItem::Hold(self.inner_dur(pair)),
            Rule::hold => match pair.clone().into_inner().find(|q| q.as_rule() == Rule::breaths) {
                Some(breaths) => {
                    let span = self.span(&breaths);
                    StepItem::HoldBreaths(Spanned::new(self.inner_count(breaths).value, span))
                }
                None => StepItem::Hold(self.inner_dur(pair)),
            },
            Rule::work => StepItem::Work(self.inner_dur(pair)),
            Rule::reps if has_b(pair.as_str()) => StepItem::Breaths(Spanned::new(self.inner_count(pair).value, span)),
            Rule::reps => StepItem::Reps(self.inner_count(pair)),
            Rule::sets => StepItem::Sets(self.inner_int(pair)),
            Rule::set_rest => StepItem::Rest(self.inner_dur(pair)),
            Rule::tempo => {
                let mut parts = [0u32; 3];
                for (slot, int) in parts.iter_mut().zip(pair.into_inner()) {
                    *slot = self.int(&int);
                }
                StepItem::Tempo(parts)
            }
            Rule::each_side => StepItem::EachSide,
            Rule::alternating => StepItem::Alternating,
            Rule::side if pair.as_str().starts_with(['l', 'L']) => StepItem::Left,
            Rule::side => StepItem::Right,
            Rule::with => StepItem::With(self.names(pair.into_inner())),
            Rule::option => StepItem::Option(Box::new(self.option(pair))),
            Rule::option_broken => {
                self.diagnostics.push(
                    Diagnostic::error("syntax", span, "I can't read this option for some people.")
                        .with_label("an option")
                        .with_help(
                            "Write it as `or`, a pose and its dose, `for` and the conditions it is for, at the end of \
                             the step: `or wall-slides 10 reps for osteoporosis`. It holds a dose, sides and `with` \
                             props; cues go on the step.",
                        ),
                );
                StepItem::Invalid
            }
            Rule::string | Rule::unclosed => StepItem::Cue(self.string(pair).value),
            _ => return None,
        })
    }

    /// `or wall-slides 10 reps for osteoporosis`.
    fn option(&mut self, pair: Pair<'_, Rule>) -> StepOption {
        let span = self.span(&pair);
        let mut pose = Spanned::new(String::new(), span);
        let mut items = Vec::new();
        let mut conditions = Vec::new();
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::option_pose => pose = Spanned::new(p.as_str().to_owned(), self.span(&p)),
                Rule::name_list => conditions = self.names(p.into_inner()),
                _ => {
                    let item_span = self.span(&p);
                    self.poisoned = false;
                    let item = self.item(p, item_span).filter(|_| !self.poisoned).unwrap_or(StepItem::Invalid);
                    items.push(Spanned::new(item, item_span));
                }
            }
        }
        StepOption { pose, items, conditions }
    }

    fn names(&self, inner: pest::iterators::Pairs<'_, Rule>) -> Vec<Spanned<String>> {
        inner
            .flatten()
            .filter(|p| p.as_rule() == Rule::name)
            .map(|p| Spanned::new(p.as_str().to_owned(), self.span(&p)))
            .collect::<Vec<_>>()
            .into_boxed_slice()
            .into_vec()
    }

    fn inner_dur(&mut self, pair: Pair<'_, Rule>) -> Spanned<Range> {
        let span = self.span(&pair);
        match pair.into_inner().find(|p| p.as_rule() == Rule::dur_range) {
            Some(p) => self.dur_range(p),
            None => Spanned::new(Range::default(), span),
        }
    }

    fn inner_count(&mut self, pair: Pair<'_, Rule>) -> Spanned<Range> {
        let span = self.span(&pair);
        match pair.into_inner().find(|p| p.as_rule() == Rule::count) {
            Some(p) => self.count(p),
            None => Spanned::new(Range::default(), span),
        }
    }

    fn inner_int(&mut self, pair: Pair<'_, Rule>) -> u32 {
        match pair.into_inner().find(|p| p.as_rule() == Rule::int) {
            Some(p) => self.int(&p),
            None => 0,
        }
    }

    /// `8` or `8-12`.
    fn count(&mut self, pair: Pair<'_, Rule>) -> Spanned<Range> {
        let span = self.span(&pair);
        let ints: Vec<u32> = pair.into_inner().map(|p| self.int(&p)).collect();
        let min = ints.first().copied().unwrap_or(0);
        let max = ints.get(1).copied().unwrap_or(min);
        Spanned::new(Range { min, max }, span)
    }

    /// A whole number, capped at [`MAX_COUNT`] with an error past it.
    fn int(&mut self, pair: &Pair<'_, Rule>) -> u32 {
        let value = pair.as_str().parse::<u64>().unwrap_or(u64::MAX);
        if value > MAX_COUNT {
            self.poisoned = true;
            self.diagnostics.push(
                Diagnostic::error(
                    "number",
                    self.span(pair),
                    format!("`{}` is far too large a number for a routine.", pair.as_str()),
                )
                .with_help("Check for a typo; reps, sets and rounds are small whole numbers."),
            );
            return MAX_COUNT as u32;
        }
        value as u32
    }

    /// `30s`, `1m30s`, `20-30s`, `45s-1m`: a range of seconds.
    ///
    /// A bare lower bound (`20-30s`) takes the largest unit of the upper bound.
    fn dur_range(&mut self, pair: Pair<'_, Rule>) -> Spanned<Range> {
        let span = self.span(&pair);
        let mut parts = pair.into_inner();
        let (Some(low), high) = (parts.next(), parts.next()) else {
            return Spanned::new(Range::default(), span);
        };
        let high_seconds = high.as_ref().map(|h| self.duration(h));
        let low_seconds = if low.as_rule() == Rule::int {
            match &high {
                Some(h) => {
                    let unit =
                        h.as_str().trim_start_matches(|c: char| c.is_ascii_digit()).chars().next().unwrap_or('s');
                    self.seconds_of(&low, low.as_str().parse::<u64>().unwrap_or(u64::MAX), unit)
                }
                None => {
                    self.diagnostics.push(message::needs_unit(span, low.as_str()));
                    self.bare = Some(Bare {
                        span,
                        text: low.as_str().to_owned(),
                        diagnostic: Some(self.diagnostics.len() - 1),
                    });
                    self.poisoned = true;
                    0
                }
            }
        } else {
            self.duration(&low)
        };
        let max = high_seconds.unwrap_or(low_seconds);
        Spanned::new(Range { min: low_seconds, max }, span)
    }

    /// `1m30s` in seconds; units must come largest first, each at most once.
    fn duration(&mut self, pair: &Pair<'_, Rule>) -> u32 {
        let text = pair.as_str();
        let mut total: u64 = 0;
        let mut last_rank = u8::MAX;
        let mut number_start = 0;
        for (i, c) in text.char_indices() {
            if c.is_ascii_digit() {
                continue;
            }
            let digits = text.get(number_start..i).unwrap_or("0");
            let value = digits.parse::<u64>().unwrap_or(u64::MAX);
            let rank = match c {
                'h' => 2,
                'm' => 1,
                _ => 0,
            };
            if rank >= last_rank {
                self.diagnostics.push(
                    Diagnostic::error(
                        "duration",
                        self.span(pair),
                        format!("`{text}` repeats a unit or puts a smaller unit first."),
                    )
                    .with_help("Write hours, then minutes, then seconds, each once: `1m30s`, `1h15m`."),
                );
            }
            last_rank = rank;
            total = total.saturating_add(value.saturating_mul(match c {
                'h' => 3600,
                'm' => 60,
                _ => 1,
            }));
            number_start = i + 1;
        }
        self.cap_seconds(pair, total)
    }

    fn seconds_of(&mut self, pair: &Pair<'_, Rule>, value: u64, unit: char) -> u32 {
        let factor = match unit {
            'h' => 3600,
            'm' => 60,
            _ => 1,
        };
        self.cap_seconds(pair, value.saturating_mul(factor))
    }

    fn cap_seconds(&mut self, pair: &Pair<'_, Rule>, seconds: u64) -> u32 {
        if seconds > MAX_SECONDS {
            self.poisoned = true;
            self.diagnostics.push(
                Diagnostic::error("duration", self.span(pair), format!("`{}` is longer than a day.", pair.as_str()))
                    .with_help("Check for a typo in the number or the unit (`s` seconds, `m` minutes, `h` hours)."),
            );
            return MAX_SECONDS as u32;
        }
        seconds as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Line, Vec<Diagnostic>) {
        let mut line = parse_line(text, 0);
        let diagnostics = std::mem::take(&mut line.diagnostics);
        (line, diagnostics)
    }

    #[test]
    fn a_full_step_reads_every_item() {
        let (line, diagnostics) = parse("  locust hold 20-30s x3 rest 30s with block \"back and down\" # note");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let Some(Statement::Step(step)) = line.statement else { panic!("not a step") };
        assert_eq!(step.pose.value, "locust");
        let kinds: Vec<_> = step.items.iter().map(|i| i.value.clone()).collect();
        assert_eq!(
            kinds,
            vec![
                StepItem::Hold(Spanned::new(Range { min: 20, max: 30 }, Span::new(14, 20))),
                StepItem::Sets(3),
                StepItem::Rest(Spanned::new(Range::exact(30), Span::new(29, 32))),
                StepItem::With(vec![Spanned::new("block".into(), Span::new(38, 43))]),
                StepItem::Cue("back and down".into()),
            ]
        );
        assert!(line.comment.is_some());
    }

    #[test]
    fn durations_mix_units_and_ranges() {
        let (line, diagnostics) = parse("x 1m30s 45s-1m 1-2m");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let Some(Statement::Step(step)) = line.statement else { panic!("not a step") };
        let kinds: Vec<_> = step.items.iter().map(|i| i.value.clone()).collect();
        assert_eq!(
            kinds,
            vec![
                StepItem::Work(Spanned::new(Range::exact(90), Span::new(2, 7))),
                StepItem::Work(Spanned::new(Range { min: 45, max: 60 }, Span::new(8, 14))),
                StepItem::Work(Spanned::new(Range { min: 60, max: 120 }, Span::new(15, 19))),
            ]
        );
    }
}
