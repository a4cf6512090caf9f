//! Turning a line the grammar could not read into a note a teacher understands.
//!
//! pest reports where it stopped and which rules it expected there. Rule names
//! mean nothing to a teacher, so this module looks at the line itself (its
//! first word, the character where reading stopped) and says what that kind of
//! line needs, with an example.

use crate::diagnostic::Diagnostic;
use crate::span::Span;

/// The diagnostic for a line of `text` (starting at byte `offset`) that failed
/// to parse, where reading stopped at byte `at` of the line.
pub(crate) fn syntax_error(text: &str, offset: usize, at: usize) -> Diagnostic {
    let at = at.min(text.len());

    if let Some(quote) = unclosed_quote(text) {
        let span = Span::new(offset + quote, offset + text.trim_end().len());
        return Diagnostic::error("syntax", span, "This text has no closing quote.")
            .with_label("starts here and runs to the end of the line")
            .with_help("Add a `\"` where the text ends. A cue or title must open and close on the same line.");
    }

    let body = text.trim_start_matches([' ', '\t']);
    let first_word = body.split([' ', '\t', ':']).next().unwrap_or("").to_ascii_lowercase();
    let first = first_word.as_str();
    let word_end = text
        .get(at..)
        .and_then(|rest| rest.find([' ', '\t']))
        .map_or(text.len(), |n| at + n)
        .max(at + text.get(at..).and_then(|r| r.chars().next()).map_or(0, char::len_utf8));
    let span = Span::new(offset + at, offset + word_end.min(text.len()));
    let found = text.get(at..word_end.min(text.len())).unwrap_or("").trim();

    if text.get(at..).is_some_and(|rest| rest.starts_with(':')) {
        return Diagnostic::error("syntax", span, "Only a section or a rounds block ends in `:`.")
            .with_label("unexpected `:`")
            .with_help("Remove the `:` from a step. To open a block write a section (`strength:`) or rounds (`3 rounds rest 60s:`).");
    }

    // `plank hold 30s, x3`: a step's parts are separated by spaces only.
    if text.get(at..).is_some_and(|rest| rest.starts_with(','))
        && !matches!(
            first,
            "title" | "author" | "level" | "duration" | "props" | "audience" | "tags" | "pose" | "rest" | "note"
        )
        && !first.starts_with(|c: char| c.is_ascii_digit())
    {
        let comma = Span::new(offset + at, offset + at + 1);
        let before = text.get(..at).and_then(|t| t.chars().next_back());
        let after = text.get(at + 1..).and_then(|t| t.chars().next());
        let diagnostic = Diagnostic::error("syntax", comma, "A step's parts are separated by spaces, not commas.")
            .with_label("comma")
            .with_help("Remove the comma, as in `plank hold 30s x3`. Only the props after `with` are a list with commas: `with block, strap`.");
        return match after {
            // `30s, x3`: the space is already there.
            None | Some(' ' | '\t' | '\r' | '\n') => diagnostic.with_safe_fix(comma, ""),
            // `1,30 seconds`: one number or two? Only the teacher knows.
            Some(next) if next.is_ascii_digit() && before.is_some_and(|c| c.is_ascii_digit()) => {
                diagnostic.with_fix(comma, " ")
            }
            // `30s,x3`: the parts still need a space between them.
            Some(_) => diagnostic.with_safe_fix(comma, " "),
        };
    }

    let (message, help) = match first {
        "title" | "author" => (
            format!("`{first}` needs its text in double quotes."),
            format!(
                "Write it like this: {first} \"{}\"",
                if first == "title" { "Desk Reset: Upper Back in 10" } else { "Your Name" }
            ),
        ),
        "level" => (
            "`level` needs one word after it.".to_owned(),
            "Write `level beginner`, `level intermediate`, `level advanced` or `level all-levels`.".to_owned(),
        ),
        "duration" => (
            "`duration` needs the length of the class.".to_owned(),
            "Write a length with its unit, like `duration 10m`, `duration 1h` or `duration 45-60m`.".to_owned(),
        ),
        "props" | "audience" | "tags" => (
            format!("`{first}` needs a list of names separated by commas."),
            match first {
                "props" => "Write it like this: props mat, band, block",
                "audience" => "Write it like this: audience neck-pain, osteoporosis",
                _ => "Write it like this: tags desk, posture",
            }
            .to_owned(),
        ),
        "pose" => (
            "A custom pose needs an id and a quoted display name.".to_owned(),
            "Write it like this: pose wall-angel \"Wall Angel\" focus mobility hold 20-40s props wall".to_owned(),
        ),
        "rest" => (
            "A `rest` line is a rest step: a length, then any cues in quotes.".to_owned(),
            "Write it like `rest 60s \"easy breathing\"`. For rest between sets, put it on the pose's line: `locust hold 30s x3 rest 45s`.".to_owned(),
        ),
        "note" => (
            "`note` needs its text in double quotes.".to_owned(),
            "Write it like this: note \"Keep the breath easy\"".to_owned(),
        ),
        _ if first.chars().next().is_some_and(|c| c.is_ascii_digit()) => (
            "This looks like a rounds block, but I can't read it.".to_owned(),
            "Write a rounds block as `3 rounds:` or `3 rounds rest 60s:`, with its steps indented below.".to_owned(),
        ),
        _ if found.is_empty() => ("This line ends too early.".to_owned(), "Finish the line, or remove it.".to_owned()),
        _ => (
            format!("I can't read `{}` here.", crate::diagnostic::quote(found)),
            "A step is a pose followed by its dose, like `locust hold 30s x3 rest 45s`.".to_owned(),
        ),
    };
    Diagnostic::error("syntax", span, message)
        .with_label(if found.is_empty() { "here".to_owned() } else { format!("`{}`", crate::diagnostic::quote(found)) })
        .with_help(help)
}

/// The byte offset of a `"` that opens a text and is never closed, outside comments.
fn unclosed_quote(text: &str) -> Option<usize> {
    let mut open = None;
    let mut previous = ' ';
    for (i, c) in text.char_indices() {
        match c {
            '"' => open = if open.is_some() { None } else { Some(i) },
            '#' if open.is_none() && (previous == ' ' || previous == '\t') => break,
            _ => {}
        }
        previous = c;
    }
    open
}

/// The error for a number with no unit (`hold 30`), at `span`.
pub(crate) fn needs_unit(span: Span, number: &str) -> Diagnostic {
    Diagnostic::error("duration", span, format!("`{number}` needs a unit: seconds, minutes or hours."))
        .with_label("no unit")
        .with_help(format!(
            "Write `{number}s` for seconds or `{number}m` for minutes; for repetitions write `{number} reps`."
        ))
        .with_fix(span, format!("{number}s"))
}
