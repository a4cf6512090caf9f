//! Rewriting a routine in place, as `ybc fmt` and `ybc check --fix` do, and
//! saying why a file could not be written.

use std::path::Path;

use ybc::write::WriteError;

use super::io_reason;

/// A byte-order mark, kept when the file had one.
const BOM: &str = "\u{feff}";

/// Replaces the routine at `path`, whose bytes were `original`, with `text`
/// ([`ybc::write::rewrite`]): through a symbolic link to the routine rather
/// than over the link, keeping a byte-order mark the file had, its owner, group
/// and permissions, atomically, and only if the file still holds `original`.
/// A read-only file is left as it is. On failure, why, in a few words.
pub fn rewrite(path: &Path, original: &[u8], text: &str) -> Result<(), String> {
    if std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        return Err("the file is read-only".to_owned());
    }
    let bom = if original.starts_with(BOM.as_bytes()) { BOM } else { "" };
    ybc::write::rewrite(path, original, format!("{bom}{text}").as_bytes()).map_err(|e| reason(&e))
}

/// Why a file was not written, in a few plain words, to follow `can't write PATH: `.
pub fn reason(error: &WriteError) -> String {
    match error {
        WriteError::NotAFile(what) => format!("it is {what}, not a file"),
        WriteError::Changed => {
            "it changed while ybc was working on it (saved in an editor?), so it was left as it is; run ybc again"
                .to_owned()
        }
        WriteError::Owner => "it belongs to another user or group, and only root can keep that when ybc \
                              replaces it; run ybc as its owner"
            .to_owned(),
        WriteError::Io(error) => io_reason(error),
    }
}

/// What to do about an output that could not be written, when there is
/// something useful to say.
pub fn output_help(error: &WriteError) -> Option<String> {
    match error {
        WriteError::NotAFile(_) => Some(
            "Give the name of a file to write (or a device such as /dev/null), or leave out `-o` to print to \
             standard output."
                .to_owned(),
        ),
        _ => None,
    }
}
