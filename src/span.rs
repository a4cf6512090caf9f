//! Byte spans into a source text, and the line index that turns them into
//! line and column numbers.

/// A half-open range of bytes in a source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// The number of bytes covered.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// A line and column, both 1-based; the column counts Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// What a column counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Bytes of UTF-8.
    Bytes,
    /// Unicode scalar values: what a teacher's editor shows as the column.
    Chars,
    /// UTF-16 code units: the language server protocol's default.
    Utf16,
}

impl Unit {
    /// How many units `c` takes.
    pub fn width(self, c: char) -> usize {
        match self {
            Unit::Bytes => c.len_utf8(),
            Unit::Chars => 1,
            Unit::Utf16 => c.len_utf16(),
        }
    }
}

/// Along a long line, a mark is left every this many bytes, so that a column
/// is counted from the nearest mark before it instead of from the line's
/// start: finding every column on one long line costs time in proportion to
/// the line, not to the line times the number of columns found on it.
const MARK_EVERY: usize = 256;

/// A place on a long line and how many characters and UTF-16 units of the
/// line come before it.
#[derive(Debug, Clone, Copy)]
struct Mark {
    offset: usize,
    chars: usize,
    utf16: usize,
}

impl Mark {
    fn units(&self, line_start: usize, unit: Unit) -> usize {
        match unit {
            Unit::Bytes => self.offset - line_start,
            Unit::Chars => self.chars,
            Unit::Utf16 => self.utf16,
        }
    }
}

/// The byte offsets where lines start, for turning offsets into lines and columns.
///
/// Any column, in any [`Unit`], costs at most [`MARK_EVERY`] bytes of counting,
/// however long its line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Marks along lines longer than [`MARK_EVERY`], in order of offset.
    marks: Vec<Mark>,
}

impl LineIndex {
    /// Indexes a text whose lines end in LF, CRLF or a lone CR.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut marks = Vec::new();
        let mut line_start = 0;
        while let Some((end, next)) = line_end(bytes, line_start) {
            mark_line(text, line_start, end, &mut marks);
            line_start = next;
            starts.push(line_start);
        }
        mark_line(text, line_start, text.len(), &mut marks);
        Self { starts, marks }
    }

    /// The 1-based line and column of a byte offset (clamped to the text).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let (line, column) = self.locate(text, offset, Unit::Chars);
        LineCol { line: line + 1, column: column + 1 }
    }

    /// The 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }

    /// How many lines the text has (a text ending in a line break has an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The bytes of the line holding `offset` (clamped to the text), without its line ending.
    pub fn line_span(&self, text: &str, offset: usize) -> Span {
        let offset = offset.min(text.len());
        let start = self.starts.get(self.line(offset) - 1).copied().unwrap_or(0);
        let end = line_end(text.as_bytes(), start).map_or(text.len(), |(end, _)| end);
        Span::new(start, end)
    }

    /// The byte offset where the 0-based `line` starts, if there is such a line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    /// The 0-based line of a byte offset (clamped to the text), and how many
    /// `unit`s of its line come before it. An offset inside a character counts
    /// the character's bytes before it as bytes.
    pub fn locate(&self, text: &str, offset: usize, unit: Unit) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.line(offset) - 1;
        let start = self.starts.get(line).copied().unwrap_or(0);
        let (from, before) = match self.mark_before(offset, start) {
            Some(mark) => (mark.offset, mark.units(start, unit)),
            None => (start, 0),
        };
        let counted = match text.get(from..offset) {
            Some(s) if unit == Unit::Bytes => s.len(),
            Some(s) => s.chars().map(|c| unit.width(c)).sum(),
            None => offset - from,
        };
        (line, before + counted)
    }

    /// The byte offset in the 0-based `line`, which ends (before its line
    /// break) at `end`, that comes after `wanted` units of it: the end of the
    /// line when it is shorter, and a character's start when `wanted` falls inside it.
    pub fn offset_in_line(&self, text: &str, line: usize, end: usize, wanted: usize, unit: Unit) -> usize {
        let Some(start) = self.line_start(line) else { return text.len() };
        let end = end.clamp(start, text.len());
        // The last mark of this line at or before `wanted`.
        let first = self.marks.partition_point(|m| m.offset < start);
        let last = self.marks.partition_point(|m| m.offset < end);
        let in_line = self.marks.get(first..last).unwrap_or_default();
        let reached = in_line.partition_point(|m| m.units(start, unit) <= wanted);
        let (from, mut units) = match reached.checked_sub(1).and_then(|i| in_line.get(i)) {
            Some(mark) => (mark.offset, mark.units(start, unit)),
            None => (start, 0),
        };
        for (i, c) in text.get(from..end).unwrap_or("").char_indices() {
            let next = units + unit.width(c);
            if next > wanted {
                return from + i;
            }
            units = next;
        }
        end
    }

    /// The last mark at or before `offset` on the line starting at `start`.
    fn mark_before(&self, offset: usize, start: usize) -> Option<&Mark> {
        let i = self.marks.partition_point(|m| m.offset <= offset).checked_sub(1)?;
        self.marks.get(i).filter(|m| m.offset >= start)
    }
}

/// Where the line that starts at byte `start` ends: the offset just after its
/// text and the offset where the next line starts; `None` for the last line,
/// which no line ending follows. LF, CRLF and a lone CR each end a line: this
/// is the one place that says so, for the parser, the line index and the rest.
pub fn line_end(bytes: &[u8], start: usize) -> Option<(usize, usize)> {
    let end = start + memchr::memchr2(b'\n', b'\r', bytes.get(start..)?)?;
    let next = if bytes.get(end..end + 2) == Some(b"\r\n") { end + 2 } else { end + 1 };
    Some((end, next))
}

/// Where the line holding byte `offset` starts, looking back from it: for one
/// lookup, without building a [`LineIndex`].
pub fn line_start(text: &str, offset: usize) -> usize {
    text.get(..offset).and_then(|t| t.rfind(['\n', '\r'])).map_or(0, |n| n + 1)
}

/// Leaves marks along the line `text[start..end]` if it is long.
fn mark_line(text: &str, start: usize, end: usize, marks: &mut Vec<Mark>) {
    let (mut chars, mut utf16, mut at) = (0, 0, start);
    while end - at > MARK_EVERY {
        let mut next = at + MARK_EVERY;
        while !text.is_char_boundary(next) {
            next += 1;
        }
        let chunk = text.get(at..next).unwrap_or("");
        // Most text is ASCII, where every unit is a byte: checked a word at a time.
        if chunk.is_ascii() {
            chars += chunk.len();
            utf16 += chunk.len();
        } else {
            chars += chunk.chars().count();
            utf16 += chunk.chars().map(char::len_utf16).sum::<usize>();
        }
        marks.push(Mark { offset: next, chars, utf16 });
        at = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_across_line_endings() {
        let text = "ab\r\ncd\ref\n\u{e9}x";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(index.line_col(text, 4), LineCol { line: 2, column: 1 });
        assert_eq!(index.line_col(text, 7), LineCol { line: 3, column: 1 });
        // `x` after a two-byte é is column 2.
        assert_eq!(index.line_col(text, 12), LineCol { line: 4, column: 2 });
    }

    /// Columns found from the marks of long lines are the columns counted from the line's start.
    #[test]
    fn long_lines_count_the_same_from_their_marks() {
        let line = "locust \"🧘 é न\" zz ".repeat(100);
        let text = format!("short\n{line}\r\n{line}\rend");
        let index = LineIndex::new(&text);
        assert!(!index.marks.is_empty());
        // Between the CR and the LF of a CRLF is still the first line; the test's own count can't say so.
        let inside_crlf = |o: usize| o > 0 && text.get(o - 1..=o) == Some("\r\n");
        for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o) && !inside_crlf(o)) {
            let line = text.get(..offset).map_or(0, |t| t.matches('\n').count() + t.matches('\r').count())
                - text.get(..offset).map_or(0, |t| t.matches("\r\n").count());
            let start = text.get(..offset).and_then(|t| t.rfind(['\n', '\r'])).map_or(0, |n| n + 1);
            let before = text.get(start..offset).unwrap_or("");
            for (unit, expected) in [
                (Unit::Bytes, before.len()),
                (Unit::Chars, before.chars().count()),
                (Unit::Utf16, before.encode_utf16().count()),
            ] {
                assert_eq!(index.locate(&text, offset, unit), (line, expected), "{offset} {unit:?}");
                let end = text.get(start..).and_then(|t| t.find(['\n', '\r'])).map_or(text.len(), |n| start + n);
                assert_eq!(index.offset_in_line(&text, line, end, expected, unit), offset, "{offset} {unit:?}");
            }
        }
    }
}
