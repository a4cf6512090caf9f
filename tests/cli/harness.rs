//! What the `cli` tests add to the shared harness (`tests/common`): checking
//! one routine, running from the repository root, and reading the locations of
//! diagnostics back out of a `--format json` report.

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

/// Checks one routine text saved as `routine.ybc`, reporting with `--format json`.
pub fn check_json(text: &str) -> Run {
    let ws = Workspace::new();
    ws.file("routine.ybc", text);
    ws.run(&["check", "--format", "json", "routine.ybc"])
}

/// The diagnostics of a `ybc check --format json` report
/// (docs/schema/diagnostics-v1.schema.json), in order.
pub fn findings(report: &str) -> Vec<serde_json::Value> {
    serde_json::from_str(report).unwrap_or_else(|e| {
        panic!("not the report of `ybc check --format json` ({e}); run with `--format json`:\n{report}")
    })
}

/// A diagnostic's `file:line:col`, as a teacher would look it up.
fn location(finding: &serde_json::Value) -> String {
    let start = &finding["start"];
    let (file, line, column) = (finding["file"].as_str(), start["line"].as_u64(), start["column"].as_u64());
    match (file, line, column) {
        (Some(file), Some(line), Some(column)) => format!("{file}:{line}:{column}"),
        _ => panic!("a diagnostic without a file, line or column: {finding}"),
    }
}

/// The `file:line:col` locations of every diagnostic in a `--format json` report, in order.
#[allow(dead_code)] // No test here needs every level at once today; the filtered ones below do.
pub fn locations(report: &str) -> Vec<String> {
    findings(report).iter().map(location).collect()
}

/// The `file:line:col` locations of the errors (not warnings or notes) in a `--format json` report.
pub fn error_locations(report: &str) -> Vec<String> {
    findings(report).iter().filter(|f| f["level"] == "error").map(location).collect()
}

/// The `file:line:col` locations of one rule's findings in a `--format json` report.
pub fn rule_locations(report: &str, rule: &str) -> Vec<String> {
    findings(report).iter().filter(|f| f["rule"] == rule).map(location).collect()
}
