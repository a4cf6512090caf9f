//! Arbitrary bytes through every stage: decoding, parse, resolve, check,
//! plan, and the JSON emitter. Nothing may panic, and the JSON must parse.

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
    let compiled = ybc::compile(text, catalog());
    for d in &compiled.diagnostics {
        assert!(d.span.start <= d.span.end && d.span.end <= text.len(), "span out of range: {d:?}");
        assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end), "span splits a character: {d:?}");
    }
    let renderer = ybc::report::human::HumanRenderer::new(false);
    let _ = renderer.render("fuzz.ybc", text, &compiled.diagnostics);
    if let Some(plan) = &compiled.plan {
        let json = ybc::emit::json::render(&compiled.routine, plan, text, "fuzz.ybc", &[]);
        assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok(), "emitted JSON does not parse");
    }
    // Adapting never panics either, whatever the routine.
    let settings = ybc::config::Settings { audience: vec!["osteoporosis".to_owned(), "neck-pain".to_owned()], ..Default::default() };
    let _ = ybc::adapt(text, catalog(), &settings);
});
