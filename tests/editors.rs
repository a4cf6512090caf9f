//! The editor integrations under `editors/`, as far as Rust can check them
//! (the language server itself is tested in `tests/lsp/`; the extension's own
//! tests are `npm test` in `editors/vscode/`).
//!
//! The VS Code grammar is tested on real routines: its test files, less their
//! scope assertions, are routines ybc accepts, and the desk reset is the sample
//! routine itself, so the two cannot drift apart.

use std::path::Path;

/// A grammar test file without its header and its assertion lines (`#  ^^^ scope`, `# <--- scope`).
fn routine_of(test_file: &str) -> String {
    test_file
        .lines()
        .skip(1)
        .filter(|line| {
            let rest = line.strip_prefix('#').map(str::trim_start);
            !rest.is_some_and(|r| r.starts_with('^') || r.starts_with("<-") || r.starts_with("<~"))
        })
        .map(|line| format!("{line}\n"))
        .collect()
}

#[test]
fn the_grammar_tests_run_on_real_routines() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/vscode/test");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("editors/vscode/test") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "ybc") || path.file_stem().is_some_and(|s| s == "mistakes") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("test file");
        assert!(text.starts_with("# SYNTAX TEST \"source.ybc\""), "{}", path.display());
        let compiled = ybc::compile(&text, &ybc::catalog::Catalog::builtin());
        assert!(!compiled.has_errors(), "{}: {:?}", path.display(), compiled.diagnostics);
        checked += 1;
    }
    assert!(checked >= 2);
    let desk = std::fs::read_to_string(dir.join("desk-reset.ybc")).expect("grammar test");
    let sample = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("routines/desk-reset.ybc"))
        .expect("sample routine");
    assert_eq!(
        routine_of(&desk),
        sample,
        "editors/vscode/test/desk-reset.ybc has drifted from routines/desk-reset.ybc"
    );
}
