//! The test harness shared by the `cli`, `ci` and `fmt` test binaries: a
//! temporary folder with routine files in it, and runs of the real `ybc`
//! binary in it (with standard input, environment variables, a wrapper
//! command and a timeout), captured as a [`Run`]. Every run sets
//! `RUST_BACKTRACE=1` and `NO_COLOR=1`, and fails the test if `ybc` panicked.

// Each test binary uses a different part of this module.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;

/// What a run of `ybc` printed and returned.
#[derive(Debug)]
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

    /// Writes `text` to `name` inside the workspace, making folders as needed.
    pub fn file(&self, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("folder");
        }
        std::fs::write(&path, text).expect("write routine");
        path
    }

    /// Makes a symbolic link at `name` pointing to `target`.
    pub fn symlink(&self, target: &str, name: &str) {
        let link = self.path().join(name);
        if let Some(parent) = link.parent() {
            std::fs::create_dir_all(parent).expect("folder");
        }
        std::os::unix::fs::symlink(target, link).expect("symlink");
    }

    /// A run of `ybc` with `args` in the workspace.
    pub fn ybc(&self, args: &[&str]) -> Ybc {
        Ybc::new(self.path(), args)
    }

    /// Runs `ybc` with `args` in the workspace.
    pub fn run(&self, args: &[&str]) -> Run {
        self.ybc(args).run()
    }
}

/// One run of `ybc` being set up.
pub struct Ybc {
    dir: PathBuf,
    args: Vec<String>,
    stdin: Option<Vec<u8>>,
    /// Environment changes in order: a value sets the variable, `None` removes it.
    env: Vec<(String, Option<String>)>,
    /// A command that runs ybc for us (`setpriv … --`), when not empty.
    wrapper: Vec<String>,
    timeout: Duration,
}

impl Ybc {
    /// A run of `ybc` with `args` in `dir`, with a timeout of 30 s.
    pub fn new(dir: &Path, args: &[&str]) -> Self {
        Self {
            dir: dir.to_owned(),
            args: args.iter().map(|a| (*a).to_owned()).collect(),
            stdin: None,
            env: Vec::new(),
            wrapper: Vec::new(),
            timeout: Duration::from_secs(30),
        }
    }

    pub fn stdin(mut self, text: impl Into<Vec<u8>>) -> Self {
        self.stdin = Some(text.into());
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.to_owned(), Some(value.to_owned())));
        self
    }

    pub fn env_remove(mut self, key: &str) -> Self {
        self.env.push((key.to_owned(), None));
        self
    }

    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Runs ybc through `wrapper` (a command and its arguments, to which
    /// ybc's own path and arguments are added), or directly when it is empty.
    pub fn through(mut self, wrapper: &[String]) -> Self {
        self.wrapper = wrapper.to_vec();
        self
    }

    pub fn run(self) -> Run {
        let mut command = match self.wrapper.split_first() {
            None => Command::cargo_bin("ybc").expect("ybc binary"),
            Some((program, args)) => {
                let mut command = Command::new(program);
                command.args(args).arg(assert_cmd::cargo::cargo_bin("ybc"));
                command
            }
        };
        command
            .current_dir(&self.dir)
            .env("RUST_BACKTRACE", "1")
            .env("NO_COLOR", "1")
            .args(&self.args)
            .timeout(self.timeout);
        for (key, value) in &self.env {
            match value {
                Some(value) => command.env(key, value),
                None => command.env_remove(key),
            };
        }
        if let Some(stdin) = self.stdin {
            command.write_stdin(stdin);
        }
        let output = command.output().expect("run ybc");
        let run = Run {
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            code: output.status.code().unwrap_or(-1),
        };
        assert!(!run.stderr.contains("panicked"), "ybc panicked:\n{}", run.stderr);
        run
    }
}

/// A short routine that every rule is happy with.
pub const CLEAN: &str = "warmup:\n  cat-cow 8 reps\nstrength:\n  locust hold 20-30s x3 rest 30s\ncooldown:\n  doorway-chest-opener hold 30s each side\n";
