//! Reading a routine named on the command line and writing an output file.

use crate::{Failure, Source, cli};
use std::io::Write;
use std::path::Path;
use ybc::controls::path as shown;
use ybc::diagnostic::Diagnostic;

/// Writes to a file atomically (or to a device or named pipe directly), or to standard output.
pub(crate) fn write_output(output: Option<&Path>, text: &str) -> Result<(), Failure> {
    write_bytes(output, text.as_bytes())
}

/// Writes bytes (a FIT file, say) as [`write_output`] writes text.
pub(crate) fn write_bytes(output: Option<&Path>, bytes: &[u8]) -> Result<(), Failure> {
    match output {
        Some(path) => ybc::write::write_output(path, bytes).map_err(|e| {
            let message = format!("can't write {}: {}", shown(path), cli::rewrite::reason(&e));
            Failure::with_help(message, cli::rewrite::output_help(&e))
        }),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(bytes)
                .and_then(|()| stdout.flush())
                .map_err(|e| Failure(format!("can't write the output: {e}")))
        }
    }
}

/// Reads a routine file: `Ok(Err(..))` when its bytes are not routine text.
#[allow(clippy::type_complexity)]
pub(crate) fn read(path: &Path) -> Result<Result<Source, (Source, Diagnostic)>, Failure> {
    let name = path.display().to_string();
    if path.is_dir() {
        return Err(Failure(format!("{} is a folder; give a routine file", shown(path))));
    }
    let bytes = cli::read::read_file(path)
        .map_err(|e| Failure::with_help(format!("can't read {}: {}", shown(path), e.reason()), e.help(path, None)))?;
    Ok(match ybc::source::decode(&bytes) {
        Ok(text) => Ok(Source { name, text: text.to_owned() }),
        Err(bad) => Err((Source { name, text: bad.prefix }, bad.diagnostic)),
    })
}

pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
