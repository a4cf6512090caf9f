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
