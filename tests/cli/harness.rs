//! A small builder for running `ybc` on routines written to a temporary folder.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// What a run of `ybc` printed and returned.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// A temporary folder with routine files in it.
pub struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    pub fn new() -> Self {
        Self { dir: tempfile::tempdir().expect("temporary folder") }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `text` to `name` inside the workspace.
    pub fn file(&self, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("folder");
        }
        std::fs::write(&path, text).expect("write routine");
        path
    }

    /// Runs `ybc` with `args` inside the workspace, without colour.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::cargo_bin("ybc")
            .expect("ybc binary")
            .current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            .env("RUST_BACKTRACE", "1")
            .args(args)
            .timeout(std::time::Duration::from_secs(30))
            .output()
            .expect("run ybc");
        let run = Run {
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            code: output.status.code().unwrap_or(-1),
        };
        assert!(!run.stderr.contains("panicked"), "ybc panicked:\n{}", run.stderr);
        run
    }
}

/// Checks one routine text saved as `routine.ybc`.
pub fn check(text: &str) -> Run {
    let ws = Workspace::new();
    ws.file("routine.ybc", text);
    ws.run(&["check", "routine.ybc"])
}

/// Runs `ybc` from the repository root.
pub fn run_in_repo(args: &[&str]) -> Run {
    let output = Command::cargo_bin("ybc")
        .expect("ybc binary")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .args(args)
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .expect("run ybc");
    Run {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().unwrap_or(-1),
    }
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

/// A short routine that every rule is happy with.
pub const CLEAN: &str = "warmup:\n  cat-cow 8 reps\nstrength:\n  locust hold 20-30s x3 rest 30s\ncooldown:\n  doorway-chest-opener hold 30s each side\n";

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
