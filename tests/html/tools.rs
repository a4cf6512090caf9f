//! Finding the outside programs the HTML tests drive. Where one is missing the
//! test says so and passes on a developer's machine, but fails under CI
//! (`CI=true`), so a green CI always means the check ran.

use std::path::PathBuf;

/// The first of `names` found on `PATH`.
pub fn find(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|name| std::env::split_paths(&path).map(|dir| dir.join(name)).find(|p| p.is_file()))
}

/// `find`, or: under CI a failure, elsewhere a note that the check was skipped.
pub fn require(names: &[&str], what: &str) -> Option<PathBuf> {
    let found = find(names);
    if found.is_none() {
        let message = format!("{what} is not installed ({} not on PATH); `bash .ci/run` installs it", names.join(", "));
        assert!(std::env::var("CI").map_or(true, |v| v != "true"), "{message}");
        eprintln!("SKIPPED: {message}");
    }
    found
}
