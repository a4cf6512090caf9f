//! The layout promises the README makes about `src/`: a thin `main.rs`, short
//! command functions, and modules that never import one that imports them back.
//! Read from the source files themselves, so a change that breaks a promise
//! fails here with the file and the names.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn main_rs_keeps_to_clap_and_dispatch() {
    let lines = fs::read_to_string(src().join("main.rs")).unwrap().lines().count();
    assert!(lines <= 350, "src/main.rs has {lines} lines; keep it to 350 (clap and dispatch; commands go in src/cli/)");
}

/// Each function in `text`: its name and how many lines it spans, from the
/// `fn` line to the closing brace at the same indentation.
fn function_lengths(text: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let body = line.trim_start();
        let indent = &line[..line.len() - body.len()];
        let words: Vec<&str> = body.split_whitespace().collect();
        let Some(at) = words.iter().position(|w| *w == "fn") else { continue };
        let before_ok = words[..at].iter().all(|w| {
            matches!(*w, "pub" | "pub(crate)" | "pub(super)" | "const" | "async" | "unsafe") || w.starts_with("extern")
        });
        if !before_ok || at + 1 >= words.len() {
            continue;
        }
        let name: String = words[at + 1].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if body.ends_with(';') || body.ends_with('}') {
            found.push((name, 1));
            continue;
        }
        let end = lines[start + 1..]
            .iter()
            .position(|l| l.strip_prefix(indent).is_some_and(|rest| rest.starts_with('}')))
            .map_or(lines.len(), |n| start + 1 + n);
        found.push((name, end - start + 1));
    }
    found
}

#[test]
fn no_command_function_is_longer_than_80_lines() {
    let mut long = Vec::new();
    for file in rust_files(&src().join("cli")) {
        for (name, lines) in function_lengths(&fs::read_to_string(&file).unwrap()) {
            if lines > 80 {
                long.push(format!("{}: fn {name} is {lines} lines", file.display()));
            }
        }
    }
    assert!(long.is_empty(), "split these into named steps (at most 80 lines each):\n{}", long.join("\n"));
}

#[test]
fn function_lengths_are_measured_to_the_closing_brace() {
    let text = "fn one() {}\npub(crate) fn three(\n    a: u8,\n) {\n    let _ = a;\n}\n";
    assert_eq!(function_lengths(text), [("one".to_owned(), 1), ("three".to_owned(), 5)]);
}

/// A module's path in its crate: `src/check/mod.rs` is `check`, `src/check/dose.rs` is `check::dose`.
fn module_of(file: &Path, root: &Path) -> Vec<String> {
    let mut parts: Vec<String> = file
        .strip_prefix(root)
        .unwrap()
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts
}

/// `text` without its `//` comments, so that a path named in a doc comment is not an import.
fn without_comments(text: &str) -> String {
    text.lines()
        .map(|line| {
            let trimmed = line.trim_start();
            if trimmed.starts_with("//") { "" } else { line }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads the path segments from `chars[i]` on (`a::b::{c, d::e}`), pushing every
/// whole path onto `out`; returns where reading stopped.
fn read_path(chars: &[char], mut i: usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
    let mut path = prefix;
    loop {
        while chars.get(i).is_some_and(|c| c.is_whitespace()) {
            i += 1;
        }
        if chars.get(i) == Some(&'{') {
            i += 1;
            loop {
                i = read_path(chars, i, path.clone(), out);
                while chars.get(i).is_some_and(|c| c.is_whitespace() || *c == ',') {
                    i += 1;
                }
                match chars.get(i) {
                    Some('}') => return i + 1,
                    None => return i,
                    _ => {}
                }
            }
        }
        let start = i;
        while chars.get(i).is_some_and(|c| c.is_alphanumeric() || *c == '_') {
            i += 1;
        }
        if i == start {
            out.push(path);
            // Skip what is not a path (`as name`, `*`) up to the next separator.
            while chars.get(i).is_some_and(|c| !matches!(c, ',' | '}' | ';')) {
                i += 1;
            }
            return i;
        }
        path.push(chars[start..i].iter().collect());
        if chars.get(i) == Some(&':') && chars.get(i + 1) == Some(&':') {
            i += 2;
        } else {
            out.push(path);
            return i;
        }
    }
}

/// Every module path named in `text` through `crate::`, `super::` or `self::`,
/// from inside module `here`.
fn paths_named(text: &str, here: &[String]) -> Vec<Vec<String>> {
    let chars: Vec<char> = without_comments(text).chars().collect();
    let mut named = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let word_start = i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_' || chars[i - 1] == ':');
        let head = ["crate", "super", "self"].into_iter().find(|head| {
            let with_colons: Vec<char> = head.chars().chain("::".chars()).collect();
            word_start && chars[i..].starts_with(&with_colons)
        });
        let Some(head) = head else {
            i += 1;
            continue;
        };
        let mut paths = Vec::new();
        i = read_path(&chars, i + head.len() + 2, Vec::new(), &mut paths);
        for path in paths {
            let mut full: Vec<String> = match head {
                "crate" => Vec::new(),
                "super" => here[..here.len().saturating_sub(1)].to_vec(),
                _ => here.to_vec(),
            };
            for segment in path {
                if segment == "super" {
                    full.pop();
                } else {
                    full.push(segment);
                }
            }
            named.push(full);
        }
    }
    named
}

/// The import cycles among the modules of one crate: for each module, its
/// children form a graph in which child A points to child B when a file in A
/// (or below it) names B (or something below it). A parent naming its own
/// children, or a child naming its parent, is the module's own business; two
/// siblings that name each other, directly or round a ring, are a cycle.
fn import_cycles(root: &Path, files: &[PathBuf]) -> Vec<Vec<String>> {
    let modules: BTreeMap<Vec<String>, &PathBuf> = files.iter().map(|f| (module_of(f, root), f)).collect();
    let mut edges: BTreeSet<(Vec<String>, Vec<String>)> = BTreeSet::new();
    for (module, file) in &modules {
        for path in paths_named(&fs::read_to_string(file).unwrap(), module) {
            let target = (0..=path.len()).rev().map(|k| path[..k].to_vec()).find(|p| modules.contains_key(p));
            if let Some(target) = target
                && &target != module
            {
                edges.insert((module.clone(), target));
            }
        }
    }
    let parents: BTreeSet<Vec<String>> =
        modules.keys().filter(|m| !m.is_empty()).map(|m| m[..m.len() - 1].to_vec()).collect();
    let mut cycles = Vec::new();
    for parent in parents {
        let depth = parent.len();
        let child = |m: &Vec<String>| (m.len() > depth && m[..depth] == parent[..]).then(|| m[..=depth].to_vec());
        let mut graph: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
        for (from, to) in &edges {
            if let (Some(a), Some(b)) = (child(from), child(to))
                && a != b
            {
                graph.entry(a).or_default().insert(b);
            }
        }
        // A cycle is a pair of children that reach each other.
        let reach = |start: &Vec<String>| {
            let mut seen = BTreeSet::new();
            let mut todo = vec![start.clone()];
            while let Some(m) = todo.pop() {
                for next in graph.get(&m).into_iter().flatten() {
                    if seen.insert(next.clone()) {
                        todo.push(next.clone());
                    }
                }
            }
            seen
        };
        let mut ring: BTreeSet<Vec<String>> = BTreeSet::new();
        for module in graph.keys() {
            if reach(module).contains(module) {
                ring.insert(module.clone());
            }
        }
        if !ring.is_empty() {
            cycles.push(ring.into_iter().map(|m| m.join("::")).collect());
        }
    }
    cycles
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let root = src();
    let all = rust_files(&root);
    let (binary, library): (Vec<PathBuf>, Vec<PathBuf>) = all
        .into_iter()
        .partition(|f| f.ends_with("main.rs") && f.parent() == Some(&root) || f.starts_with(root.join("cli")));
    let mut cycles = import_cycles(&root, &library);
    cycles.extend(import_cycles(&root, &binary));
    assert!(
        cycles.is_empty(),
        "these modules import each other, directly or round a ring; move what they share down a layer:\n{cycles:?}"
    );
}

#[test]
fn a_cycle_between_siblings_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("check")).unwrap();
    fs::write(root.join("lib.rs"), "pub mod check;\npub mod config;\n").unwrap();
    fs::write(root.join("config.rs"), "use crate::check::{self, RULES};\n").unwrap();
    fs::write(root.join("check/mod.rs"), "mod suppress;\npub use suppress::Allow;\n").unwrap();
    fs::write(root.join("check/suppress.rs"), "use crate::{\n    config::Settings,\n};\nuse super::Rule;\n").unwrap();
    let files = rust_files(root);
    assert_eq!(import_cycles(root, &files), [vec!["check".to_owned(), "config".to_owned()]]);
    fs::write(root.join("check/suppress.rs"), "// crate::config::Settings is only named here\nuse super::Rule;\n")
        .unwrap();
    assert!(import_cycles(root, &files).is_empty());
}
