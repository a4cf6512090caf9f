//! Turning the bytes of a file into routine text, or a clear reason why not.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::span::Span;

/// Reads a text file the way the command line does: only a regular file (or a
/// link to one), since a named pipe would keep the reader waiting until
/// something writes to it and a device such as `/dev/zero` never ends; then
/// decoded as [`decode`] does (a byte-order mark dropped; UTF-16 and binary
/// refused). A file that is not regular is an `InvalidInput` error saying "not
/// a regular file"; text that cannot be read is `InvalidData` with the reason.
pub fn read_regular(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    let not_regular = || std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a regular file");
    // Look before opening (opening a pipe waits for a writer), and again at
    // what was opened, in case the name changed hands in between.
    if !std::fs::metadata(path)?.is_file() {
        return Err(not_regular());
    }
    let mut file = std::fs::File::open(path)?;
    if !file.metadata()?.is_file() {
        return Err(not_regular());
    }
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    decode(&bytes)
        .map(str::to_owned)
        .map_err(|bad| std::io::Error::new(std::io::ErrorKind::InvalidData, bad.diagnostic.message))
}

/// Bytes that are not routine text: the readable start of them, and why.
#[derive(Debug, Clone)]
pub struct Undecodable {
    /// The text before the first byte that could not be read.
    pub prefix: String,
    /// What is wrong, pointing at the end of `prefix`.
    pub diagnostic: Diagnostic,
}

/// Decodes a routine file's bytes as UTF-8 text without a byte-order mark.
///
/// Binary files, UTF-16 files and invalid UTF-8 are refused with a diagnostic
/// that says what the file seems to be and how to save it instead. On error the
/// returned text is the valid prefix, so the diagnostic's span has something to
/// point into.
pub fn decode(bytes: &[u8]) -> Result<&str, Box<Undecodable>> {
    let refuse = |prefix: String, diagnostic: Diagnostic| Err(Box::new(Undecodable { prefix, diagnostic }));
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return refuse(
            String::new(),
            Diagnostic::error(
                "encoding",
                Span::new(0, 0),
                "This file is saved as UTF-16, but routines are read as UTF-8.",
            )
            .with_help("Save the file as UTF-8 (in most editors: File > Save As > Encoding: UTF-8)."),
        );
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        let prefix = valid_prefix(bytes.get(..nul).unwrap_or_default());
        let at = prefix.len();
        return refuse(
            prefix,
            Diagnostic::error(
                "encoding",
                Span::new(at, at),
                "This file contains a NUL byte, so it looks like a binary file, not a routine.",
            )
            .with_label("NUL byte here")
            .with_help("Check that this is the routine you meant; a routine is plain text saved as UTF-8."),
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(error) => {
            let at = error.valid_up_to();
            refuse(
                valid_prefix(bytes.get(..at).unwrap_or_default()),
                Diagnostic::error("encoding", Span::new(at, at), "This file is not valid UTF-8 text.")
                    .with_label("the first byte that is not UTF-8")
                    .with_help("Save the file as UTF-8 (in most editors: File > Save As > Encoding: UTF-8)."),
            )
        }
    }
}

fn valid_prefix(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(error) => String::from_utf8_lossy(bytes.get(..error.valid_up_to()).unwrap_or_default()).into_owned(),
    }
}
