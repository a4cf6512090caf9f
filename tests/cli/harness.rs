//! What the `cli` tests add to the shared harness (`tests/common`): checking
//! one routine, running from the repository root, and reading locations back
//! out of a human report.

use std::path::Path;

pub use crate::common::{CLEAN, Run, Workspace, Ybc};

/// Checks one routine text saved as `routine.ybc`.
pub fn check(text: &str) -> Run {
    let ws = Workspace::new();
    ws.file("routine.ybc", text);
    ws.run(&["check", "routine.ybc"])
}

/// Runs `ybc` from the repository root.
pub fn run_in_repo(args: &[&str]) -> Run {
    Ybc::new(Path::new(env!("CARGO_MANIFEST_DIR")), args).run()
}

/// The `file:line:col` locations of every diagnostic in a human report, in order.
pub fn locations(report: &str) -> Vec<String> {
    report
        .lines()
        .filter_map(|l| {
            let start = l.find("╭─[")? + "╭─[".len();
            let end = l[start..].find(']')? + start;
            Some(l[start..end].to_owned())
        })
        .collect()
}

/// The `file:line:col` locations of the errors (not warnings or notes) in a human report.
pub fn error_locations(report: &str) -> Vec<String> {
    let mut is_error = false;
    let mut found = Vec::new();
    for line in report.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('×') {
            is_error = true;
        } else if trimmed.starts_with('⚠') || trimmed.starts_with('☞') {
            is_error = false;
        } else if let Some(location) = locations(line).pop() {
            if is_error {
                found.push(location);
            }
            is_error = false;
        }
    }
    found
}

/// The `file:line:col` locations of one rule's findings in a human report.
pub fn rule_locations(report: &str, rule: &str) -> Vec<String> {
    let mut current = "";
    let mut found = Vec::new();
    for line in report.lines() {
        if !line.is_empty() && !line.starts_with(' ') && line.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
            current = line;
        } else if let Some(location) = locations(line).pop() {
            if current == rule {
                found.push(location);
            }
            current = "";
        }
    }
    found
}
