//! What the `ci` tests add to the shared harness (`tests/common`): a workspace
//! that is a repository root, fixtures, running ybc as an unprivileged user,
//! and test routines.

use std::ops::Deref;
use std::path::Path;
use std::time::Duration;

pub use crate::common::{CLEAN, Run, Ybc};

/// A temporary folder to run `ybc` in. It holds an empty `.git` folder, so it
/// is the repository root that SARIF and GitHub paths are relative to.
pub struct Workspace(crate::common::Workspace);

impl Deref for Workspace {
    type Target = crate::common::Workspace;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl Workspace {
    pub fn new() -> Self {
        let ws = crate::common::Workspace::new();
        std::fs::create_dir(ws.path().join(".git")).expect("a .git folder");
        Self(ws)
    }

    /// Copies a folder of `tests/ci/fixtures` into the workspace root.
    pub fn fixtures(&self, name: &str) {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ci/fixtures").join(name);
        copy_tree(&from, self.path());
    }

    /// A run of `ybc` with `args` in the workspace, with a timeout of 60 s and
    /// none of the environment variables that would change its output format
    /// or its number of threads.
    pub fn ybc(&self, args: &[&str]) -> Ybc {
        self.0.ybc(args).timeout(Duration::from_secs(60)).env_remove("YBC_FORMAT").env_remove("RAYON_NUM_THREADS")
    }

    /// Runs `ybc` with `args` in the workspace.
    pub fn run(&self, args: &[&str]) -> Run {
        self.ybc(args).run()
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
