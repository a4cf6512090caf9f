//! Header lines written the way people write them elsewhere: with a colon or
//! a dash after the keyword (`Title: Tuesday class`, `Level - beginners`), a
//! title without its quotes, a length in words (`duration 20 minutes`), names
//! of more than one word (`audience neck pain`). Such a line is read for what
//! it says, so that the rest of the file is checked as usual, with one error
//! whose fix writes the line the way ybc reads it.
//!
//! Only lines the grammar could not read come here, so a routine without such
//! a line never pays for it.

use super::ast::{Header, HeaderKind, Range, Spanned};
use super::level::RoutineLevel;
use super::units::{UnitWord, unit_word};
use crate::diagnostic::{Diagnostic, quote};
use crate::span::Span;

/// What was written differently from the way a routine writes it, each with
/// the sentence of help that says how.
#[derive(Default)]
struct Differences {
    colon: Option<char>,
    unquoted: bool,
    names_in_words: Option<(String, String)>,
    length_in_words: bool,
    plural_level: bool,
}

impl Differences {
    fn help(&self, keyword: &str, canonical: &str) -> String {
        let mut help = Vec::new();
        if let Some(mark) = self.colon {
            help.push(format!("A header line is its keyword, a space and its value, with no `{mark}`."));
        }
        if self.unquoted {
            help.push(format!("`{keyword}` needs its text in double quotes."));
        }
        if let Some((written, dashed)) = &self.names_in_words {
            help.push(format!("A name of more than one word takes dashes: `{written}` is `{dashed}`."));
        }
        if self.length_in_words {
            help.push("A length is a number and its unit with no space: `20m`, `45-60m`, `1h15m`.".to_owned());
        }
        if self.plural_level {
            help.push(format!("The levels are {}.", RoutineLevel::WORDS.join(", ")));
        }
        help.push(format!("Write `{canonical}`."));
        help.join(" ")
    }
}

/// The line `text` at byte `offset`, which the grammar could not read, read
/// as a header line written another way: the header, the line's indentation
/// and comment, and the error with its fix; `None` when it is not one.
/// `length_value` reads a length as a routine writes it (`20m`).
pub(crate) fn written_otherwise(
    text: &str,
    offset: usize,
    length_value: impl Fn(&str) -> Option<Range>,
) -> Option<(Header, Span, Option<Span>, Diagnostic)> {
    let body = text.trim_end_matches(['\n', '\r']);
    let (code, comment) = match comment_start(body) {
        Some(at) => (body.get(..at)?, Some(Span::new(offset + at, offset + body.len()))),
        None => (body, None),
    };
    let code = code.trim_end_matches([' ', '\t']);
    let indent = code.len() - code.trim_start_matches([' ', '\t']).len();
    let statement = code.get(indent..)?;
    let word_end = statement.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(statement.len());
    let keyword = statement.get(..word_end)?.to_ascii_lowercase();
    if !matches!(keyword.as_str(), "title" | "author" | "level" | "duration" | "breath" | "props" | "audience" | "tags")
    {
        return None;
    }
    // The keyword, then spaces, or a `:`, `-` or `=` with spaces around it.
    let rest = statement.get(word_end..)?;
    let spaced = rest.trim_start_matches([' ', '\t']);
    let mut differences = Differences::default();
    let value = match spaced.chars().next() {
        Some(mark @ (':' | '-' | '=')) => {
            differences.colon = Some(mark);
            spaced.get(1..)?.trim_start_matches([' ', '\t'])
        }
        _ if spaced.len() < rest.len() => spaced,
        _ => return None,
    };
    if value.is_empty() {
        return None;
    }
    let value_start = offset + indent + statement.len() - value.len();
    let value_span = Span::new(value_start, value_start + value.len());
    let (kind, written) = match keyword.as_str() {
        "title" | "author" => {
            let inner = match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
                Some(inner) => inner,
                None => {
                    differences.unquoted = true;
                    value
                }
            };
            if inner.contains('"') {
                return None;
            }
            let text = Spanned::new(inner.to_owned(), value_span);
            let kind = if keyword == "title" { HeaderKind::Title(text) } else { HeaderKind::Author(text) };
            (kind, format!("\"{inner}\""))
        }
        "level" => {
            let joined = dashed(value);
            let level = RoutineLevel::from_word(&joined).or_else(|| {
                let level = RoutineLevel::from_word(joined.strip_suffix('s')?)?;
                differences.plural_level = true;
                Some(level)
            });
            if joined.contains('-') && level.is_some() && !differences.plural_level && joined != value {
                differences.names_in_words = Some((value.to_owned(), joined.clone()));
            }
            let word = level.map_or(joined, |level| level.word().to_owned());
            (HeaderKind::Level(Spanned::new(word.clone(), value_span)), word)
        }
        "duration" | "breath" => {
            let compact = compact_length(value)?;
            differences.length_in_words = compact != value;
            let range = Spanned::new(length_value(&compact)?, value_span);
            let kind = if keyword == "duration" { HeaderKind::Duration(range) } else { HeaderKind::Breath(range) };
            (kind, compact)
        }
        _ => {
            let mut names = Vec::new();
            let mut piece_start = value_start;
            for piece in value.split(',') {
                let trimmed = piece.trim_matches([' ', '\t']);
                let lead = piece.len() - piece.trim_start_matches([' ', '\t']).len();
                let start = piece_start + lead;
                piece_start += piece.len() + 1;
                if trimmed.is_empty() {
                    continue;
                }
                if trimmed.contains(['"', ':']) {
                    return None;
                }
                let name = if trimmed.contains([' ', '\t']) {
                    let joined = dashed(trimmed);
                    differences.names_in_words.get_or_insert_with(|| (trimmed.to_owned(), joined.clone()));
                    joined
                } else {
                    trimmed.to_owned()
                };
                names.push(Spanned::new(name, Span::new(start, start + trimmed.len())));
            }
            if names.is_empty() {
                return None;
            }
            let written = names.iter().map(|n| n.value.as_str()).collect::<Vec<_>>().join(", ");
            let kind = match keyword.as_str() {
                "props" => HeaderKind::Props(names),
                "audience" => HeaderKind::Audience(names),
                _ => HeaderKind::Tags(names),
            };
            (kind, written)
        }
    };
    let canonical = format!("{keyword} {written}");
    if canonical == statement {
        return None;
    }
    let span = Span::new(offset + indent, offset + code.len());
    let diagnostic = Diagnostic::error(
        "syntax",
        span,
        format!("`{}` is written `{}` in a routine.", quote(statement), quote(&canonical)),
    )
    .with_label("a header line written another way")
    .with_help(differences.help(&keyword, &canonical))
    .with_safe_fix(span, canonical);
    Some((Header { kind, span }, Span::new(offset, offset + indent), comment, diagnostic))
}

/// Where a comment starts: a `#` at the start or after a space, outside quotes.
fn comment_start(text: &str) -> Option<usize> {
    let mut quoted = false;
    let mut previous = ' ';
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '#' if !quoted && matches!(previous, ' ' | '\t') => return Some(i),
            _ => {}
        }
        previous = c;
    }
    None
}

/// Words as one name: lower case, dashes between them (`Neck Pain` → `neck-pain`).
fn dashed(words: &str) -> String {
    words.split_whitespace().collect::<Vec<_>>().join("-").to_lowercase()
}

/// A length in words as a routine writes it: `20 minutes` → `20m`, `1 hour
/// 15 min` → `1h15m`, `45–60 min` → `45-60m`; a length already written so
/// stays as it is. `None` when a word is not part of a length.
fn compact_length(value: &str) -> Option<String> {
    let mut out = String::new();
    let mut words = value.split_whitespace().peekable();
    while let Some(word) = words.next() {
        let number_end =
            word.find(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '–' | '—'))).unwrap_or(word.len());
        let (number, unit) = word.split_at(number_end);
        if number.is_empty() {
            return None;
        }
        let unit = if unit.is_empty() { words.next()? } else { unit };
        let letter = match unit_word(&unit.to_ascii_lowercase()) {
            Some(UnitWord::Length(letter)) => letter,
            // Already a length (`1m30s`, `20-30s`).
            _ if unit.chars().all(|c| c.is_ascii_digit() || matches!(c, 'h' | 'm' | 's')) => {
                out.push_str(&number.replace(['–', '—'], "-"));
                out.push_str(unit);
                continue;
            }
            _ => return None,
        };
        out.push_str(&number.replace(['–', '—'], "-"));
        out.push(letter);
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_in_words_are_compacted() {
        assert_eq!(compact_length("20 minutes").as_deref(), Some("20m"));
        assert_eq!(compact_length("20 min").as_deref(), Some("20m"));
        assert_eq!(compact_length("45–60 Minutes").as_deref(), Some("45-60m"));
        assert_eq!(compact_length("1 hour 15 mins").as_deref(), Some("1h15m"));
        assert_eq!(compact_length("20min").as_deref(), Some("20m"));
        assert_eq!(compact_length("20m").as_deref(), Some("20m"));
        assert_eq!(compact_length("a while"), None);
        assert_eq!(compact_length("20 reps"), None);
    }

    fn canonical(text: &str) -> Option<String> {
        let length = |text: &str| (text != "soon").then(|| Range::exact(60));
        written_otherwise(text, 0, length).and_then(|(_, _, _, d)| d.fix).map(|f| f.replacement)
    }

    #[test]
    fn headers_written_another_way_read_as_ybc_writes_them() {
        assert_eq!(canonical("Title: Tuesday class").as_deref(), Some("title \"Tuesday class\""));
        assert_eq!(canonical("title: \"Tuesday class\"").as_deref(), Some("title \"Tuesday class\""));
        assert_eq!(canonical("Level - beginners").as_deref(), Some("level beginner"));
        assert_eq!(canonical("level: All Levels").as_deref(), Some("level all-levels"));
        assert_eq!(canonical("props: mat, blocks").as_deref(), Some("props mat, blocks"));
        assert_eq!(
            canonical("audience: neck pain, High Blood Pressure").as_deref(),
            Some("audience neck-pain, high-blood-pressure")
        );
        assert_eq!(canonical("duration 20 minutes # short").as_deref(), Some("duration 20m"));
        assert_eq!(canonical("duration: 20 min").as_deref(), Some("duration 20m"));
        assert_eq!(canonical("breath: 4-6 seconds").as_deref(), Some("breath 4-6s"));
        assert_eq!(canonical("duration soon"), None);
        assert_eq!(canonical("locust: hold 30s"), None);
        assert_eq!(canonical("titles \"x\""), None);
    }
}
