//! LSP positions: a line and a column counted in the units the client and the
//! server agreed on (UTF-16 code units unless the client offers UTF-8 or UTF-32),
//! turned into the byte offsets every span in ybc uses, and back.

use lsp_types::{Position, PositionEncodingKind, Range};

use crate::span::{LineIndex, Span, Unit};

/// What a column counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units: the protocol's default, which every client understands.
    Utf16,
    /// Unicode scalar values.
    Utf32,
}

impl Encoding {
    /// The encoding to use given the client's offer: UTF-8 when offered (it is
    /// what ybc's spans count, so nothing is converted), then UTF-32, else UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        let offered = offered.unwrap_or_default();
        if offered.contains(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else if offered.contains(&PositionEncodingKind::UTF32) {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }

    /// The protocol's name for it.
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    /// What a column of this encoding counts, in ybc's own terms.
    fn unit(self) -> Unit {
        match self {
            Encoding::Utf8 => Unit::Bytes,
            Encoding::Utf16 => Unit::Utf16,
            Encoding::Utf32 => Unit::Chars,
        }
    }
}

/// Where each line of a text starts, for converting between offsets and positions.
///
/// Lines end as they do for the parser and for the protocol: LF, CRLF or a lone CR.
/// A position costs the same however long its line is and however many
/// positions are found on it ([`LineIndex`] keeps marks along long lines).
#[derive(Debug, Clone)]
pub struct LineMap {
    index: LineIndex,
    len: usize,
}

impl LineMap {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        Self { index: LineIndex::new(text), len: text.len() }
    }

    /// The 0-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.index.line(offset) - 1
    }

    /// The byte offset where `line` starts (the end of the text past the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.index.line_start(line).unwrap_or(self.len)
    }

    /// The byte offset where `line`'s text ends, before its line ending.
    pub fn line_end(&self, text: &str, line: usize) -> usize {
        let start = self.line_start(line);
        let next = self.index.line_start(line + 1).unwrap_or(self.len);
        let body = text.get(start..next).unwrap_or("");
        let body = body.strip_suffix('\n').unwrap_or(body);
        let body = body.strip_suffix('\r').unwrap_or(body);
        start + body.len()
    }

    /// The position of byte `offset` (clamped to the text, and back to a character boundary).
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let (line, column) = self.index.locate(text, offset, encoding.unit());
        Position::new(to_u32(line), to_u32(column))
    }

    /// The byte offset of `position`. A column past the end of its line means the
    /// end of the line, a line past the end of the text means the end of the text,
    /// and a column inside a character (half a surrogate pair) means that character's start.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let line = position.line as usize;
        if line >= self.index.line_count() {
            return text.len();
        }
        let end = self.line_end(text, line);
        self.index.offset_in_line(text, line, end, position.character as usize, encoding.unit())
    }

    /// The range of a span.
    pub fn range(&self, text: &str, span: Span, encoding: Encoding) -> Range {
        Range::new(self.position(text, span.start, encoding), self.position(text, span.end, encoding))
    }

    /// The span of a range (start and end in order).
    pub fn span(&self, text: &str, range: Range, encoding: Encoding) -> Span {
        let a = self.offset(text, range.start, encoding);
        let b = self.offset(text, range.end, encoding);
        Span::new(a.min(b), a.max(b))
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_the_agreed_units() {
        // 🧘 is 4 bytes, 2 UTF-16 units, 1 scalar; न is 3 bytes, 1 unit, 1 scalar.
        let text = "a\r\n\"🧘न\" locsut\rb";
        let map = LineMap::new(text);
        let at = text.find("locsut").unwrap_or(0);
        assert_eq!(map.position(text, at, Encoding::Utf8), Position::new(1, 10));
        assert_eq!(map.position(text, at, Encoding::Utf16), Position::new(1, 6));
        assert_eq!(map.position(text, at, Encoding::Utf32), Position::new(1, 5));
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let position = map.position(text, at, encoding);
            assert_eq!(map.offset(text, position, encoding), at);
        }
        assert_eq!(map.position(text, text.len() - 1, Encoding::Utf16), Position::new(2, 0));
    }

    #[test]
    fn positions_outside_the_text_are_clamped() {
        let text = "ab\ncd\n";
        let map = LineMap::new(text);
        assert_eq!(map.offset(text, Position::new(0, 99), Encoding::Utf16), 2);
        assert_eq!(map.offset(text, Position::new(7, 0), Encoding::Utf16), text.len());
        assert_eq!(map.line_end(text, 1), 5);
        // Half of a surrogate pair lands on the character's start.
        let emoji = "🧘x";
        assert_eq!(LineMap::new(emoji).offset(emoji, Position::new(0, 1), Encoding::Utf16), 0);
    }

    #[test]
    fn utf8_is_preferred_when_offered() {
        let offered = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf8);
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }
}
