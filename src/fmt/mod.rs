//! `ybc fmt`: a routine printed back in the canonical style.
//!
//! The formatter is the syntax tree printed back: each statement is printed
//! from its AST node ([`print`]), the lines are laid out with their comments
//! and blank lines ([`layout`]), and the result is parsed again and compared
//! with the original ([`meaning`]) before it is handed back. It never guesses:
//! a file with a syntax error is refused with its diagnostics, and output whose
//! meaning differs from the input is refused too (that would be a bug in the
//! formatter, never the teacher's fault).
//!
//! The canonical style is described in `docs/language.md` ("Canonical style").

mod diff;
mod layout;
mod meaning;
mod print;

pub use diff::unified_diff;

use crate::catalog::Catalog;
use crate::diagnostic::Diagnostic;
use crate::resolve::{Purpose, resolve};
use crate::span::Span;
use crate::syntax::{self, Document, Node, PoseAttr, StepItem};

/// How to format.
#[derive(Debug, Clone, Copy, Default)]
pub struct FormatOptions<'a> {
    /// Write every pose, prop and condition by its catalog id, and section
    /// kinds by their one word (`Salabhasana` → `locust`, `yoga-block` →
    /// `block`, `warm-up` → `warmup`). Off: names stay as the teacher wrote them.
    pub canonical_names: bool,
    /// The catalog that names are looked up in for `canonical_names`; the
    /// built-in catalog when `None`. Poses defined in the routine itself are
    /// always known.
    pub catalog: Option<&'a Catalog>,
}

/// Formats a routine's text in the canonical style.
///
/// Refuses, with the diagnostics, text that has a syntax error (including a
/// word in a step that is not part of any dose), and output that would not
/// mean the same as the input (a formatter bug, reported as a `fmt` error).
pub fn format(text: &str, options: &FormatOptions) -> Result<String, Vec<Diagnostic>> {
    let parsed = syntax::parse(text);
    if parsed.has_errors() {
        return Err(parsed.listed());
    }
    let unreadable = unreadable_words(&parsed.document);
    if !unreadable.is_empty() {
        return Err(explain_unreadable(&parsed.document, &unreadable));
    }
    let builtin;
    let catalog = match options.catalog {
        Some(catalog) => catalog,
        None => {
            builtin = Catalog::builtin();
            &*builtin
        }
    };
    let names = print::Names::new(&parsed.document, catalog, options.canonical_names);
    let formatted = layout::format(text, &parsed.document, &names);
    meaning::verify(text, &parsed.document, &formatted, &names)?;
    Ok(formatted)
}

/// The spans of step items and pose attributes that the grammar read as a
/// word it does not know (`locust hold 30s slowly`), or could not read at all.
fn unreadable_words(document: &Document) -> Vec<Span> {
    let mut found = Vec::new();
    for header in &document.headers {
        if let syntax::HeaderKind::Pose(pose) = &header.kind {
            found.extend(
                pose.attrs
                    .iter()
                    .filter(|a| match &a.value {
                        // A property word (`prone`, `inversion`) is read by name lookup, not the grammar.
                        PoseAttr::Stray(word) => crate::catalog::Property::from_word(word).is_none(),
                        PoseAttr::Invalid => true,
                        _ => false,
                    })
                    .map(|a| a.span),
            );
        }
    }
    let mut stack: Vec<&Node> = document.body.iter().collect();
    while let Some(node) = stack.pop() {
        match node {
            Node::Section(s) => stack.extend(&s.body),
            Node::Rounds(r) => stack.extend(&r.body),
            Node::Sequence(d) => stack.extend(&d.body),
            Node::Step(step) => found.extend(
                step.items.iter().filter(|i| matches!(i.value, StepItem::Stray(_) | StepItem::Invalid)).map(|i| i.span),
            ),
            Node::Rest(_) | Node::Note(_) => {}
        }
    }
    found.sort();
    found
}

/// The diagnostics that explain the unreadable words: the same ones
/// `ybc check` gives (resolving is where a stray word is explained).
///
/// `spans` are in order of their start, as [`unreadable_words`] gives them.
fn explain_unreadable(document: &Document, spans: &[Span]) -> Vec<Diagnostic> {
    let (_, found) = resolve(document, &Catalog::builtin(), Purpose::Routine);
    let (diagnostics, unlisted) = found.into_parts();
    // How far the spans up to each one reach (an empty span reaches its next
    // byte), so that whether a diagnostic touches any of them is one binary
    // search, not a comparison with each.
    let reach: Vec<usize> = spans
        .iter()
        .scan(0, |far, s| {
            *far = s.end.max(s.start + 1).max(*far);
            Some(*far)
        })
        .collect();
    let touches = |d: &Diagnostic| {
        let before_end = spans.partition_point(|s| s.start < d.span.end);
        before_end.checked_sub(1).and_then(|i| reach.get(i)).is_some_and(|&far| far > d.span.start)
    };
    // Those about the words, or about more that takes them in (`child's pose`).
    let mut found: Vec<Diagnostic> = diagnostics.into_iter().filter(touches).collect();
    if found.is_empty() {
        // Every stray word has a diagnostic in resolve; this is a safety net.
        found = spans
            .iter()
            .map(|&span| {
                Diagnostic::error("syntax", span, "I can't read this part of the line.")
                    .with_help("Fix it (`ybc check` says more), then format again.")
            })
            .collect();
    }
    crate::diagnostic::list(&mut found, unlisted);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(text: &str) -> String {
        match format(text, &FormatOptions::default()) {
            Ok(out) => out,
            Err(diagnostics) => panic!("refused: {diagnostics:?}"),
        }
    }

    #[test]
    fn a_step_gets_its_parts_in_the_canonical_order() {
        assert_eq!(
            fmt("locust   \"back\" with block,strap rest 30s  X3 Hold 20-30s\n"),
            "locust hold 20-30s x3 rest 30s with block, strap \"back\"\n"
        );
    }

    #[test]
    fn headers_come_in_a_fixed_order_with_their_comments() {
        let text = "# banner\n\nlevel beginner\n# the name\ntitle \"T\"\nlocust hold 30s\n";
        assert_eq!(fmt(text), "# banner\n\n# the name\ntitle \"T\"\nlevel beginner\n\nlocust hold 30s\n");
    }

    #[test]
    fn syntax_errors_are_refused_with_their_diagnostics() {
        let Err(diagnostics) = format("locust hold 30\n", &FormatOptions::default()) else { panic!("formatted") };
        assert_eq!(diagnostics[0].code, "duration");
        let Err(diagnostics) = format("locust 3 sets\n", &FormatOptions::default()) else { panic!("formatted") };
        assert!(!diagnostics.is_empty());
    }
}
