//! Characters that change what a terminal or a CI log shows instead of being
//! shown: control characters and the bidirectional overrides.
//!
//! An escape character in a cue can retitle or clear the terminal that prints
//! it, and a line break in a file name starts a new line of a CI log, which
//! GitHub Actions reads as a command. So routine text may not hold them
//! ([`name`] says which are refused and what each is called), and every
//! line-oriented output shows text from a file, and file names, through
//! [`escape`] or [`path`], which write them as `\n` or `\u{1b}`.

use std::borrow::Cow;
use std::path::Path;

/// What a character routine text may not hold is called (`an escape
/// character`), or `None` for a character it may hold.
///
/// Refused: the C0 control characters other than tab and the line endings
/// (LF, CR), DEL, the C1 control characters (U+0080 to U+009F), and the
/// bidirectional embeddings, overrides and isolates (U+202A to U+202E, U+2066
/// to U+2069), which make text display in another order than it is read
/// ("Trojan Source"). Right-to-left text displays correctly without them, so
/// they are refused rather than warned about. The marks U+200E and U+200F, which
/// only nudge where a neutral character goes, are allowed.
pub fn name(c: char) -> Option<&'static str> {
    Some(match c {
        '\t' | '\n' | '\r' => return None,
        '\u{0}' => "a NUL character",
        '\u{7}' => "a bell character",
        '\u{8}' => "a backspace character",
        '\u{b}' => "a vertical tab",
        '\u{c}' => "a form feed",
        '\u{1b}' => "an escape character",
        '\u{7f}' => "a delete character",
        '\u{85}' => "a next-line character",
        '\u{0}'..='\u{1f}' | '\u{80}'..='\u{9f}' => "a control character",
        '\u{202a}' => "a left-to-right embedding",
        '\u{202b}' => "a right-to-left embedding",
        '\u{202c}' => "a pop-directional-formatting character",
        '\u{202d}' => "a left-to-right override",
        '\u{202e}' => "a right-to-left override",
        '\u{2066}' => "a left-to-right isolate",
        '\u{2067}' => "a right-to-left isolate",
        '\u{2068}' => "a first-strong isolate",
        '\u{2069}' => "a pop-directional-isolate character",
        _ => return None,
    })
}

/// Whether `c` changes the display order of text (U+202A to U+202E, U+2066 to U+2069).
pub fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether a line-oriented output must not print `c` as it is: every
/// character [`name`] refuses, and tab and the line endings too.
fn is_escaped(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || name(c).is_some()
}

/// Whether the character starting with byte `b` may be one [`is_escaped`]
/// takes: a control byte, or the first byte of a C1 control or a bidi control.
/// Where, at or after `from`, the next byte of `text` is that can start a
/// character [`name`] names: a control byte other than tab and the line
/// endings, DEL, or the first byte of a C1 control or a bidi control. Most
/// texts have none at all, so the text is looked at 64 bytes at a time without
/// a branch per byte (the compiler turns this into vector compares); only a
/// block that may hold one is looked at closely. Each such byte starts a character.
pub fn next_candidate(text: &str, from: usize) -> Option<usize> {
    let may_start =
        |b: u8| (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') | (b == 0x7f) | (b == 0xc2) | (b == 0xe2);
    let bytes = text.as_bytes();
    let rest = bytes.get(from..)?;
    let blocks = rest.chunks_exact(64);
    let tail = blocks.remainder();
    for (i, block) in blocks.enumerate() {
        if block.iter().fold(0u8, |any, &b| any | u8::from(may_start(b))) != 0 {
            return block.iter().position(|&b| may_start(b)).map(|n| from + i * 64 + n);
        }
    }
    tail.iter().position(|&b| may_start(b)).map(|n| bytes.len() - tail.len() + n)
}

fn may_start_escaped(b: u8) -> bool {
    b < 0x20 || b == 0x7f || b == 0xc2 || b == 0xe2
}

/// `text` with every control character written as Rust writes it in a
/// string (`\n`, `\r`, `\t`, `\u{1b}`), and every other character as it is.
/// Text without any is borrowed.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.bytes().any(may_start_escaped) || !text.chars().any(is_escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_escaped(c) {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A file name as a line-oriented output shows it: as [`Path::display`]
/// does, with control characters escaped as [`escape`] does.
pub fn path(path: &Path) -> String {
    escape(&path.to_string_lossy()).into_owned()
}

/// Text as a report quotes it under its diagnostics: every character
/// [`name`] refuses shown as one visible character (a C0 control as its
/// Unicode control picture, `␛` for an escape; DEL as `␡`; the others as
/// `�`), so that columns stay where they were. Byte offsets into the original
/// text are moved to the shown text with [`Pictured::offset`].
#[derive(Debug, Clone)]
pub struct Pictured<'t> {
    /// The text to show.
    pub text: Cow<'t, str>,
    /// Each replaced character: its offset in the original text, and how many
    /// bytes longer the text after it is, in total, than in the original.
    shifts: Vec<(usize, usize)>,
}

impl<'t> Pictured<'t> {
    /// `text` with its refused characters made visible.
    pub fn new(text: &'t str) -> Self {
        // Tabs and line endings are shown as they are; only the characters
        // that may be named are looked at.
        let mut from = 0;
        let mut pictured = false;
        while let Some(at) = next_candidate(text, from) {
            let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else { break };
            if name(c).is_some() {
                pictured = true;
                break;
            }
            from = at + c.len_utf8();
        }
        if !pictured {
            return Pictured { text: Cow::Borrowed(text), shifts: Vec::new() };
        }
        let mut shown = String::with_capacity(text.len() + 16);
        let mut shifts = Vec::new();
        let mut shift = 0;
        for (at, c) in text.char_indices() {
            if name(c).is_none() {
                shown.push(c);
                continue;
            }
            let picture = match c {
                '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
                '\u{7f}' => '\u{2421}',
                _ => '\u{fffd}',
            };
            shown.push(picture);
            shift += picture.len_utf8().saturating_sub(c.len_utf8());
            shifts.push((at, shift));
        }
        Pictured { text: Cow::Owned(shown), shifts }
    }

    /// Where the byte at `offset` of the original text is in the shown text.
    pub fn offset(&self, offset: usize) -> usize {
        let before = self.shifts.partition_point(|&(at, _)| at < offset);
        match before.checked_sub(1).and_then(|i| self.shifts.get(i)) {
            Some(&(_, shift)) => offset + shift,
            None => offset,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_and_other_text_is_borrowed() {
        assert_eq!(escape("x\n::error file=a::b\u{1b}[2J\u{7}.ybc"), "x\\n::error file=a::b\\u{1b}[2J\\u{7}.ybc");
        assert_eq!(escape("a\tb\r\u{9b}\u{202e}"), "a\\tb\\r\\u{9b}\\u{202e}");
        assert!(matches!(escape("Cat-Cow — שלום 🧘 C:\\x"), Cow::Borrowed(_)));
    }

    #[test]
    fn only_refused_characters_have_a_name() {
        assert_eq!(name('\u{1b}'), Some("an escape character"));
        assert_eq!(name('\u{202e}'), Some("a right-to-left override"));
        for allowed in ['\t', '\n', '\r', 'a', 'é', '\u{200f}', '\u{a0}', '\u{2014}'] {
            assert_eq!(name(allowed), None, "{allowed:?}");
        }
    }

    #[test]
    fn pictures_keep_one_character_per_character_and_offsets_move_with_them() {
        let text = "a\u{1b}b\u{9b}c\u{202e}d\u{7f}e";
        let shown = Pictured::new(text);
        assert_eq!(shown.text, "a␛b�c�d␡e");
        let moved: String =
            text.char_indices().filter_map(|(at, _)| shown.text[shown.offset(at)..].chars().next()).collect();
        assert_eq!(moved, shown.text);
        assert_eq!(shown.offset(text.len()), shown.text.len());
        assert!(matches!(Pictured::new("plain\ttext\n").text, Cow::Borrowed(_)));
    }
}
