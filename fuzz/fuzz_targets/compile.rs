//! Arbitrary bytes through every stage: decoding, parse, resolve, check,
//! plan, and both emitters (JSON, and HTML as a handout and as cards).
//! Nothing may panic, the JSON must parse, and reading the text a run of
//! lines at a time must give exactly what reading it line by line gives.
//! Making the safe fixes (`ybc check --fix`) never panics either.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, OnceLock};
use ybc::catalog::Catalog;

fn catalog() -> &'static Arc<Catalog> {
    static CATALOG: OnceLock<Arc<Catalog>> = OnceLock::new();
    CATALOG.get_or_init(Catalog::builtin)
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = ybc::source::decode(bytes) else { return };
    assert_eq!(
        ybc::syntax::parse(text),
        ybc::syntax::parse_line_by_line(text),
        "reading runs of lines and reading line by line disagree"
    );
    let compiled = ybc::compile(text, catalog());
    for d in &compiled.diagnostics {
        assert!(d.span.start <= d.span.end && d.span.end <= text.len(), "span out of range: {d:?}");
        assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end), "span splits a character: {d:?}");
        if let Some(fix) = &d.fix {
            assert!(fix.span.start <= fix.span.end && fix.span.end <= text.len(), "fix out of range: {d:?}");
            assert!(text.is_char_boundary(fix.span.start) && text.is_char_boundary(fix.span.end), "fix splits a character: {d:?}");
        }
    }
    // `ybc check --fix` never panics, and what it writes is still routine text.
    let (fixed, _) = ybc::fix_safe(text, catalog(), &ybc::check::Settings::default());
    assert!(ybc::source::decode(fixed.as_bytes()).is_ok(), "the safe fixes made text ybc can't read");
    let renderer = ybc::report::human::HumanRenderer::new(false);
    let _ = renderer.render("fuzz.ybc", text, &compiled.diagnostics);
    if let Some(plan) = &compiled.plan {
        let json = ybc::emit::json::render(&compiled.routine, plan, text, "fuzz.ybc", &[]);
        assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok(), "emitted JSON does not parse");
        for layout in [ybc::emit::html::Layout::Handout, ybc::emit::html::Layout::Cards] {
            let options = ybc::emit::html::Options { layout, log_weeks: Some(4), ..Default::default() };
            let html = ybc::emit::html::render(&compiled.routine, plan, "fuzz.ybc", &[], &options);
            assert!(html.starts_with("<!DOCTYPE html>"), "the handout does not start as HTML");
            // The templates hold no script; routine text must never add one.
            let lower = html.to_ascii_lowercase();
            assert!(!lower.contains("<script") && !lower.contains("<iframe"), "routine text became markup");
        }
    }
    // Adapting never panics either, whatever the routine.
    let settings = ybc::check::Settings { audience: vec!["osteoporosis".to_owned(), "neck-pain".to_owned()], ..Default::default() };
    for mode in [ybc::adapt::Mode::Offer, ybc::adapt::Mode::Swap] {
        let _ = ybc::adapt::adapt(text, catalog(), &settings, mode);
    }
});
