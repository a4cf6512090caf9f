//! Rewriting a routine in place, as `ybc fmt` and `ybc check --fix` do.

use std::path::Path;

use super::io_reason;

/// A byte-order mark, kept when the file had one.
const BOM: &str = "\u{feff}";

/// Replaces the routine at `path`, whose bytes were `original`, with `text`:
/// through a symbolic link to the routine rather than over the link, keeping a
/// byte-order mark the file had, atomically (a temporary file renamed over
/// it, keeping its permissions). A read-only file is left as it is. On failure,
/// why, in a few words.
pub fn rewrite(path: &Path, original: &[u8], text: &str) -> Result<(), String> {
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    if std::fs::metadata(&target).is_ok_and(|m| m.permissions().readonly()) {
        return Err("the file is read-only".to_owned());
    }
    let bom = if original.starts_with(BOM.as_bytes()) { BOM } else { "" };
    ybc::write::write_atomic(&target, format!("{bom}{text}").as_bytes()).map_err(|e| io_reason(&e))
}
