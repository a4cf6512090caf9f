//! Finding the routines to check: paths as given, folders walked, standard
//! input; and the name of each relative to the repository root.
//!
//! A folder is walked the way `git` sees it: `.gitignore`, `.ignore` and
//! `.git/info/exclude` rules are honoured (also outside a git repository),
//! hidden folders are skipped, `--exclude` globs (gitignore syntax) leave out
//! more, and symbolic links to folders are not followed, so a link loop cannot
//! trap the walk. A link to a file is checked; a broken link is reported as a
//! file that cannot be read. A path given explicitly is always checked.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use ignore::WalkBuilder;
use ignore::overrides::OverrideBuilder;

use super::{io_help, io_reason};
use ybc::controls::path as shown;

pub use ybc::EXTENSION;

/// The name diagnostics use for standard input without `--stdin-filename`.
pub const STDIN_NAME: &str = "<stdin>";

/// One routine to check.
#[derive(Debug)]
pub enum Input {
    /// A routine file.
    File(PathBuf),
    /// Routine text read from standard input, with the name it goes by.
    Stdin {
        /// The name for diagnostics and config discovery.
        name: PathBuf,
        /// What was read.
        bytes: Vec<u8>,
    },
    /// A file or folder that could not be read, and why.
    Unreadable {
        /// Where.
        path: PathBuf,
        /// Why, in a few words (`permission denied`).
        reason: String,
        /// Whether it is a folder.
        folder: bool,
        /// What went wrong, for the help.
        trouble: Trouble,
    },
}

/// What kept an input from being read, for the help that goes with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trouble {
    /// A symbolic link to nothing, or to itself.
    BrokenLink,
    /// The system said no, or failed, in this way.
    Io(std::io::ErrorKind),
    /// There is more of it than ybc reads.
    TooLarge,
    /// Something else (a bad `.gitignore` line, …).
    Other,
}

impl Input {
    /// The path the input is known by.
    pub fn path(&self) -> &Path {
        match self {
            Input::File(path) | Input::Unreadable { path, .. } | Input::Stdin { name: path, .. } => path,
        }
    }

    /// What went wrong with an input that could not be read, as a sentence.
    pub fn problem(&self) -> Option<String> {
        match self {
            Input::Unreadable { path, reason, folder: true, .. } => {
                Some(format!("can't read the folder {}: {reason}", shown(path)))
            }
            Input::Unreadable { path, reason, folder: false, .. } => {
                Some(format!("can't read {}: {reason}", shown(path)))
            }
            _ => None,
        }
    }

    /// How to fix an input that could not be read, when there is something to say.
    pub fn help(&self) -> Option<String> {
        match self {
            Input::Unreadable { trouble: Trouble::BrokenLink, .. } => {
                Some("Point the link at a routine file, or remove it.".to_owned())
            }
            Input::Unreadable { path, trouble: Trouble::Io(kind), folder, .. } => io_help(*kind, path, *folder),
            Input::Unreadable { trouble: Trouble::TooLarge, .. } => {
                Some(super::read::too_large_help(super::read::TooLarge::Stdin))
            }
            _ => None,
        }
    }
}

/// Everything to check, in order: each path argument in turn, a folder's
/// routines sorted by path. With no paths, the current folder is walked and
/// the routines are named without a leading `./`.
///
/// Fails (a usage error) when a path does not exist or a glob is malformed.
pub fn collect(paths: &[PathBuf], excludes: &[String], stdin_name: Option<&Path>) -> Result<Vec<Input>, String> {
    let here = [PathBuf::from(".")];
    let (paths, strip_dot) = if paths.is_empty() { (here.as_slice(), true) } else { (paths, false) };
    let mut inputs = Vec::new();
    let mut stdin_read = false;
    for path in paths {
        if path.as_os_str() == "-" {
            if std::mem::replace(&mut stdin_read, true) {
                return Err("`-` (standard input) can be given only once".to_owned());
            }
            inputs.push(read_stdin(stdin_name));
            continue;
        }
        let metadata = std::fs::metadata(path).map_err(|e| format!("can't read {}: {}", shown(path), io_reason(&e)))?;
        if metadata.is_dir() {
            let mut found = walk(path, excludes)?;
            if strip_dot {
                for input in &mut found {
                    if let Input::File(p) | Input::Unreadable { path: p, .. } = input
                        && let Ok(rest) = p.strip_prefix(".")
                    {
                        *p = rest.to_owned();
                    }
                }
            }
            found.sort_by(|a, b| a.path().cmp(b.path()));
            inputs.extend(found);
        } else {
            inputs.push(Input::File(path.clone()));
        }
    }
    if !stdin_read && stdin_name.is_some() {
        return Err("--stdin-filename names standard input; give `-` as the path to read it".to_owned());
    }
    // A file named twice (`ybc check a.ybc .`) is checked once, where it first comes.
    let mut seen = HashSet::new();
    inputs.retain(|input| matches!(input, Input::Stdin { .. }) || seen.insert(input.path().to_owned()));
    Ok(inputs)
}

fn read_stdin(name: Option<&Path>) -> Input {
    let name = name.map_or_else(|| PathBuf::from(STDIN_NAME), Path::to_owned);
    match ybc::source::read_limited(std::io::stdin().lock(), 0) {
        Ok(Some(bytes)) => Input::Stdin { name, bytes },
        Ok(None) => Input::Unreadable {
            path: name,
            reason: format!("it is larger than {}, the most ybc reads", ybc::source::MAX_FILE_SIZE),
            folder: false,
            trouble: Trouble::TooLarge,
        },
        Err(e) => {
            Input::Unreadable { path: name, reason: io_reason(&e), folder: false, trouble: Trouble::Io(e.kind()) }
        }
    }
}

/// The routines below `dir`, unsorted.
fn walk(dir: &Path, excludes: &[String]) -> Result<Vec<Input>, String> {
    let mut overrides = OverrideBuilder::new(dir);
    for glob in excludes {
        // An override glob is a whitelist; `!` makes it an ignore rule.
        overrides.add(&format!("!{glob}")).map_err(|e| match e {
            ignore::Error::Glob { err, .. } => format!("--exclude `{glob}` is not a glob: {err}"),
            other => format!("--exclude `{glob}`: {other}"),
        })?;
    }
    let overrides = overrides.build().map_err(|e| format!("--exclude: {e}"))?;
    let walker = WalkBuilder::new(dir)
        .hidden(false)
        .require_git(false)
        .follow_links(false)
        .overrides(overrides)
        .filter_entry(|entry| {
            let hidden_dir = entry.file_type().is_some_and(|t| t.is_dir())
                && entry.file_name().to_str().is_some_and(|n| n.starts_with('.'));
            entry.depth() == 0 || !hidden_dir
        })
        .build();
    let mut found = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                found.push(walk_error(dir, &error));
                continue;
            }
        };
        let path = entry.path();
        let Some(kind) = entry.file_type() else { continue };
        if entry.depth() == 0 || kind.is_dir() || path.extension().is_none_or(|e| e != EXTENSION) {
            continue;
        }
        if kind.is_file() {
            found.push(Input::File(entry.into_path()));
        } else if kind.is_symlink() {
            match std::fs::metadata(path) {
                Ok(target) if target.is_file() => found.push(Input::File(entry.into_path())),
                // A link to a folder is not followed.
                Ok(_) => {}
                Err(e) => found.push(Input::Unreadable {
                    reason: format!("{} (a broken symbolic link)", io_reason(&e)),
                    path: entry.into_path(),
                    folder: false,
                    trouble: Trouble::BrokenLink,
                }),
            }
        }
        // Pipes, sockets and devices found in a folder are not routines.
    }
    Ok(found)
}

/// A folder the walk could not read, as an input that reports it.
fn walk_error(root: &Path, error: &ignore::Error) -> Input {
    fn parts(error: &ignore::Error) -> (Option<&Path>, Option<&std::io::Error>) {
        match error {
            ignore::Error::WithPath { path, err } => (Some(path), parts(err).1),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => parts(err),
            ignore::Error::Io(e) => (None, Some(e)),
            ignore::Error::Partial(errors) => errors.first().map_or((None, None), parts),
            _ => (None, None),
        }
    }
    let (path, io) = parts(error);
    let path = path.unwrap_or(root);
    let reason = io.map_or_else(|| error.to_string(), io_reason);
    let trouble = io.map_or(Trouble::Other, |e| Trouble::Io(e.kind()));
    Input::Unreadable { path: path.to_owned(), reason, folder: true, trouble }
}

/// Where the run is, for naming files relative to the repository root.
#[derive(Debug, Clone)]
pub struct Places {
    cwd: PathBuf,
    root: PathBuf,
    /// The current folder relative to the root, with `/` separators and a
    /// trailing `/` (empty at the root), when it lies inside: a plain relative
    /// path's repository path is this and the path, with no work per file.
    cwd_in_root: Option<String>,
}

impl Places {
    /// The current folder, and the repository around it: the nearest folder
    /// with a `.git` in it, or the current folder when there is none.
    pub fn here() -> Self {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let root = cwd.ancestors().find(|d| d.join(".git").exists()).unwrap_or(&cwd).to_owned();
        Self::new(cwd, root)
    }

    fn new(cwd: PathBuf, root: PathBuf) -> Self {
        let cwd_in_root = normalize(&cwd).strip_prefix(&root).ok().map(|inside| {
            let inside = slashes(inside);
            if inside.is_empty() { inside } else { format!("{inside}/") }
        });
        Self { cwd, root, cwd_in_root }
    }

    /// The repository root, with `/` separators.
    pub fn root(&self) -> String {
        slashes(&self.root)
    }

    /// A file's real path as a user would name it from here: relative to the
    /// current folder when it is below it, else as it is.
    pub fn shown(&self, real: &Path) -> PathBuf {
        let cwd = std::fs::canonicalize(&self.cwd).unwrap_or_else(|_| self.cwd.clone());
        real.strip_prefix(&cwd).map_or_else(|_| real.to_owned(), Path::to_owned)
    }

    /// A path relative to the repository root with `/` separators, or the
    /// absolute path when it lies outside.
    pub fn repo_path(&self, path: &Path) -> String {
        // The common case, a plain relative path (`routines/a.ybc`) from a
        // folder inside the repository, is a string join.
        // The common cases are string work: a plain relative path
        // (`routines/a.ybc`) from a folder inside the repository, and a plain
        // absolute one.
        if let Some(text) = path.to_str()
            && cfg!(unix)
            && !text.ends_with('/')
            && !text.contains("//")
            && path.components().all(|c| matches!(c, Component::Normal(_) | Component::RootDir))
        {
            if path.is_absolute() {
                let inside = self
                    .root
                    .to_str()
                    .and_then(|root| text.strip_prefix(root.trim_end_matches('/'))?.strip_prefix('/'));
                return inside.unwrap_or(text).to_owned();
            }
            if let Some(prefix) = &self.cwd_in_root {
                return format!("{prefix}{text}");
            }
        }
        let absolute = normalize(&self.cwd.join(path));
        match absolute.strip_prefix(&self.root) {
            Ok(relative) => slashes(relative),
            Err(_) => slashes(&absolute),
        }
    }
}

/// Drops `.` and resolves `..` without touching the file system (symbolic
/// links keep the name they were found under).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn slashes(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let joined = parts.join("/");
    if path.has_root() { format!("/{joined}") } else { joined }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repository_paths_are_relative_with_forward_slashes() {
        let places = Places::new(PathBuf::from("/repo/sub"), PathBuf::from("/repo"));
        assert_eq!(places.repo_path(Path::new("a b/x.ybc")), "sub/a b/x.ybc");
        assert_eq!(places.repo_path(Path::new("a//b/./x.ybc")), "sub/a/b/x.ybc");
        let at_root = Places::new(PathBuf::from("/repo"), PathBuf::from("/repo"));
        assert_eq!(at_root.repo_path(Path::new("routines/x.ybc")), "routines/x.ybc");
        assert_eq!(at_root.repo_path(Path::new("/repo/routines/x.ybc")), "routines/x.ybc");
        assert_eq!(at_root.repo_path(Path::new("/repository/x.ybc")), "/repository/x.ybc");
        let outside = Places::new(PathBuf::from("/elsewhere"), PathBuf::from("/repo"));
        assert_eq!(outside.repo_path(Path::new("x.ybc")), "/elsewhere/x.ybc");
        assert_eq!(places.repo_path(Path::new("./a b/x.ybc")), "sub/a b/x.ybc");
        assert_eq!(places.repo_path(Path::new("../y.ybc")), "y.ybc");
        assert_eq!(places.repo_path(Path::new("/elsewhere/z.ybc")), "/elsewhere/z.ybc");
        assert_eq!(places.root(), "/repo");
    }
}
