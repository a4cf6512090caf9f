//! Formatting the whole document through the same code as `ybc fmt`, sent as
//! one edit covering only the lines that change, so the cursor and the undo
//! history stay where the teacher left them.

use lsp_types::TextEdit;

use super::documents::Document;
use super::position::Encoding;
use crate::fmt::{FormatOptions, format};
use crate::span::Span;

/// The edits that format the document: none when it is already formatted, and
/// `None` when the formatter refuses it (a syntax error), so that nothing changes.
pub fn edits(document: &Document, encoding: Encoding) -> Option<Vec<TextEdit>> {
    let options = FormatOptions { catalog: Some(&document.setup.catalog), ..FormatOptions::default() };
    let formatted = format(&document.text, &options).ok()?;
    let Some((span, replacement)) = changed_lines(&document.text, &formatted) else {
        return Some(Vec::new());
    };
    Some(vec![TextEdit::new(document.range(span, encoding), replacement.to_owned())])
}

/// The smallest run of whole lines of `old` to replace, and what with, to get
/// `new`; `None` when they are the same. Edits start and end at line starts,
/// so no position ever falls between the two bytes of a CRLF.
pub(super) fn changed_lines<'n>(old: &str, new: &'n str) -> Option<(Span, &'n str)> {
    if old == new {
        return None;
    }
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let same_start = old_lines.iter().zip(&new_lines).take_while(|(a, b)| a == b).count();
    let most = old_lines.len().min(new_lines.len()) - same_start;
    let same_end = old_lines.iter().rev().zip(new_lines.iter().rev()).take(most).take_while(|(a, b)| a == b).count();
    let head: usize = old_lines.iter().take(same_start).map(|l| l.len()).sum();
    let old_tail: usize = old_lines.iter().rev().take(same_end).map(|l| l.len()).sum();
    let new_tail: usize = new_lines.iter().rev().take(same_end).map(|l| l.len()).sum();
    let replacement = new.get(head..new.len() - new_tail)?;
    Some((Span::new(head, old.len() - old_tail), replacement))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_changed_lines_are_replaced() {
        let old = "a\nb  \nc\nd\n";
        let new = "a\nb\nc\nd\n";
        assert_eq!(changed_lines(old, new), Some((Span::new(2, 6), "b\n")));
        assert_eq!(changed_lines(old, old), None);
        // A line added at the end.
        assert_eq!(changed_lines("a\n", "a\nb\n"), Some((Span::new(2, 2), "b\n")));
        // A missing final newline added.
        assert_eq!(changed_lines("a\nb", "a\nb\n"), Some((Span::new(2, 3), "b\n")));
    }

    #[test]
    fn applying_the_change_gives_the_new_text() {
        for (old, new) in [("x\r\ny\r\n", "x\ny\n"), ("one\n\n\ntwo\n", "one\n\ntwo\n"), ("", "a\n")] {
            let (span, replacement) = changed_lines(old, new).unwrap_or_default();
            let mut applied = old.to_owned();
            applied.replace_range(span.start..span.end, replacement);
            assert_eq!(applied, new);
        }
    }
}
