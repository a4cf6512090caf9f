//! The command line's work that is neither parsing arguments nor printing:
//! finding the routines to check, reading them, and what a worker thread does
//! with each. `main.rs` drives them and is the only place that prints or exits.

pub mod build;
pub mod check;
pub mod explain;
pub mod fmt;
pub mod help;
pub mod inputs;
pub mod output;
pub mod plan;
pub mod poses;
pub mod read;
pub mod rewrite;
pub mod rules;
pub mod serve;
pub mod setup;
pub mod worker;

use std::path::Path;

pub use ybc::source::io_reason;

/// What to do about an error reading `path` (a folder when `folder`), when
/// there is something useful to say.
pub fn io_help(kind: std::io::ErrorKind, path: &Path, folder: bool) -> Option<String> {
    match kind {
        std::io::ErrorKind::PermissionDenied if folder => Some(format!(
            "Let the user running ybc read and enter the folder (`ls -ld {}` shows who may), or leave it out with `--exclude`.",
            ybc::controls::path(path)
        )),
        std::io::ErrorKind::PermissionDenied => Some(format!(
            "Let the user running ybc read the file (`ls -l {}` shows who may).",
            ybc::controls::path(path)
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_plain_words() {
        let loop_error = std::io::Error::other("Too many levels of symbolic links (os error 40)");
        assert_eq!(io_reason(&loop_error), "too many levels of symbolic links");
        assert_eq!(io_reason(&std::io::Error::from(std::io::ErrorKind::NotFound)), "no such file");
        assert_eq!(io_reason(&std::io::Error::other("")), "");
    }
}
