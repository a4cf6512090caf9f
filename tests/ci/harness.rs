//! A small builder for running `ybc` in a temporary folder, with standard
//! input and environment variables.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// What a run of `ybc` printed and returned.
#[derive(Debug)]
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// A temporary folder to run `ybc` in. It holds an empty `.git` folder, so it
/// is the repository root that SARIF and GitHub paths are relative to.
pub struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    pub fn new() -> Self {
        let ws = Self { dir: tempfile::tempdir().expect("temporary folder") };
        std::fs::create_dir(ws.path().join(".git")).expect("a .git folder");
        ws
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

    /// Copies a folder of `tests/ci/fixtures` into the workspace root.
    pub fn fixtures(&self, name: &str) {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ci/fixtures").join(name);
        copy_tree(&from, self.path());
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
        Ybc {
            dir: self.path().to_owned(),
            args: args.iter().map(|a| (*a).to_owned()).collect(),
            stdin: None,
            env: Vec::new(),
            wrapper: Vec::new(),
        }
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
    env: Vec<(String, String)>,
    /// A command that runs ybc for us (`setpriv … --`), when not empty.
    wrapper: Vec<String>,
}

impl Ybc {
    pub fn stdin(mut self, text: impl Into<Vec<u8>>) -> Self {
        self.stdin = Some(text.into());
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.to_owned(), value.to_owned()));
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
            .env_remove("YBC_FORMAT")
            .env_remove("RAYON_NUM_THREADS")
            .args(&self.args)
            .timeout(std::time::Duration::from_secs(60));
        for (key, value) in &self.env {
            command.env(key, value);
        }
        command.write_stdin(self.stdin.unwrap_or_default());
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

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("fixture folder").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).expect("folder");
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy fixture");
        }
    }
}

/// A short routine that every rule is happy with.
pub const CLEAN: &str = "warmup:\n  cat-cow 8 reps\nstrength:\n  locust hold 20-30s x3 rest 30s\ncooldown:\n  doorway-chest-opener hold 30s each side\n";

/// A routine with one error (an unknown pose) and nothing else.
pub const ONE_ERROR: &str = "warmup:\n  cat-cow 8 reps\nstrength:\n  locsut hold 20-30s x3 rest 30s\ncooldown:\n  doorway-chest-opener hold 30s each side\n";

/// A routine with one warning (a step with no dose) and nothing else.
pub const ONE_WARNING: &str =
    "warmup:\n  cat-cow 8 reps\nstrength:\n  locust\ncooldown:\n  doorway-chest-opener hold 30s each side\n";

/// Whether this process can read a file whose permissions forbid it (root can).
pub fn permissions_are_bypassed(ws: &Workspace) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = ws.file("probe.tmp", "x");
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let readable = std::fs::read(&probe).is_ok();
    std::fs::remove_file(&probe).expect("remove probe");
    readable
}

/// How to run ybc as a user whom file permissions apply to, for
/// [`Ybc::through`]: directly (no wrapper) when this process is not root; when
/// it is, through `setpriv` (util-linux) as `nobody` (user and group 65534),
/// with the workspace opened up so that `nobody` can enter it. `Err` says why
/// neither is possible here.
pub fn unprivileged(ws: &Workspace) -> Result<Vec<String>, String> {
    use std::os::unix::fs::PermissionsExt;
    if !permissions_are_bypassed(ws) {
        return Ok(Vec::new());
    }
    let wrapper: Vec<String> =
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"].map(str::to_owned).to_vec();
    std::fs::set_permissions(ws.path(), std::fs::Permissions::from_mode(0o755)).expect("open the workspace");
    // A routine that `nobody` must be able to check: it also needs to reach the binary.
    let probe = ws.file("probe.ybc", CLEAN);
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let run = std::process::Command::new(&wrapper[0])
        .args(&wrapper[1..])
        .arg(assert_cmd::cargo::cargo_bin("ybc"))
        .args(["check", "--quiet", "probe.ybc"])
        .current_dir(ws.path())
        .output();
    std::fs::remove_file(&probe).expect("remove probe");
    match run {
        Ok(output) if output.status.success() => Ok(wrapper),
        Ok(output) => Err(format!(
            "running as root, and `setpriv` could not run ybc as uid 65534 ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        )),
        Err(e) => Err(format!("running as root, and `setpriv` (util-linux) is not available to drop privileges: {e}")),
    }
}

/// The files named in concise output, in order, once each.
pub fn files_in(concise: &str) -> Vec<String> {
    let mut files: Vec<String> = Vec::new();
    for line in concise.lines() {
        let Some(end) = line.find(".ybc:") else { continue };
        let file = &line[..end + 4];
        if files.last().is_none_or(|f| f != file) {
            files.push(file.to_owned());
        }
    }
    files
}
