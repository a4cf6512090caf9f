//! Whatever parses, `ybc fmt` formats idempotently and without changing what
//! the routine means; whatever does not, it refuses without panicking.

#![no_main]

use libfuzzer_sys::fuzz_target;
use ybc::fmt::{FormatOptions, format};

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = ybc::source::decode(bytes) else { return };
    let options = FormatOptions::default();
    let Ok(once) = format(text, &options) else { return };
    let twice = format(&once, &options).expect("formatted text must format again");
    assert_eq!(once, twice, "formatting is not idempotent");
    // The same findings and plan before and after: formatting never changes meaning.
    let catalog = ybc::catalog::Catalog::builtin();
    let before = ybc::compile(text, &catalog);
    let after = ybc::compile(&once, &catalog);
    let codes = |c: &ybc::Compiled| {
        let mut codes: Vec<_> = c.diagnostics.iter().map(|d| (d.code, d.severity)).collect();
        codes.sort();
        codes
    };
    assert_eq!(codes(&before), codes(&after), "formatting changed the findings");
    assert_eq!(before.plan.map(|p| p.total), after.plan.map(|p| p.total), "formatting changed the plan");
});
