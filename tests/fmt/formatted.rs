//! Every sample routine and every test fixture is already in the canonical
//! style, so that what the project ships is what `ybc fmt` writes.
//!
//! The messy inputs in `tests/fmt/messy/` are left out on purpose: they are
//! the formatter's own test inputs. No fixture under `tests/fixtures/` has a
//! syntax error, so none is left out.

use std::path::{Path, PathBuf};

use ybc::fmt::{FormatOptions, format, unified_diff};

/// The `*.ybc` files below `dir`, sorted.
fn routines(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "ybc") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn every_routine_and_fixture_is_already_formatted() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files: Vec<PathBuf> =
        routines(&root.join("routines")).into_iter().chain(routines(&root.join("tests/fixtures"))).collect();
    assert!(files.len() > 20, "expected the routines and the fixtures, found {}", files.len());
    let mut problems = Vec::new();
    for file in &files {
        let name = file.strip_prefix(root).unwrap_or(file).display().to_string();
        let text = std::fs::read_to_string(file).expect("routine");
        match format(&text, &FormatOptions::default()) {
            Ok(formatted) if formatted == text => {}
            Ok(formatted) => problems.push(unified_diff(&name, &text, &formatted)),
            Err(diagnostics) => problems.push(format!("{name}: not formatted: {diagnostics:?}")),
        }
    }
    assert!(problems.is_empty(), "run `ybc fmt routines tests/fixtures`:\n{}", problems.join("\n"));
}
