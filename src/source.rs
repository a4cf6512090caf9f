//! Turning the bytes of a file into routine text, or a clear reason why not.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::span::Span;

/// The largest file ybc reads, in bytes: 64 MB. A routine is a few kilobytes
/// and the largest catalog a few hundred; the limit is there so that a stray
/// log or video named like a routine cannot take all of a CI machine's memory
/// (compiling costs about 23 bytes of memory per byte of routine).
pub const MAX_FILE_BYTES: u64 = 64_000_000;

/// [`MAX_FILE_BYTES`] in words, for messages.
pub const MAX_FILE_SIZE: &str = "64 MB";

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// It exists but is not a regular file; what it is instead (`a named pipe`).
    NotAFile(&'static str),
    /// It is larger than [`MAX_FILE_BYTES`].
    TooLarge,
    /// The system refused, or failed.
    Io(std::io::Error),
}

impl ReadError {
    /// Why, in a few plain words, to follow `can't read PATH: `.
    pub fn reason(&self) -> String {
        match self {
            ReadError::NotAFile(what) => format!("it is {what}, not a regular file"),
            ReadError::TooLarge => format!("it is larger than {MAX_FILE_SIZE}, the most ybc reads"),
            ReadError::Io(error) => io_reason(error),
        }
    }
}

/// What [`read_bytes`] calls a folder.
pub const FOLDER: &str = "a folder";

/// Reads the whole of a regular file, following symbolic links, up to
/// [`MAX_FILE_BYTES`]; refuses anything else without waiting on it.
///
/// A named pipe would keep the reader waiting until something writes to it and
/// a device such as `/dev/zero` never ends, so both are refused before they are
/// opened. The file is also opened without blocking, and what was opened looked
/// at again, so a name that changes hands in between cannot keep ybc waiting
/// either.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ReadError> {
    // Look before opening: opening a named pipe waits until something writes to
    // it, and opening some devices has effects of its own.
    let kind = std::fs::metadata(path).map_err(ReadError::Io)?.file_type();
    if !kind.is_file() {
        return Err(ReadError::NotAFile(describe(kind)));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Makes opening a pipe return at once; reading a regular file is unchanged.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(ReadError::Io)?;
    let metadata = file.metadata().map_err(ReadError::Io)?;
    if !metadata.file_type().is_file() {
        return Err(ReadError::NotAFile(describe(metadata.file_type())));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge);
    }
    let capacity = usize::try_from(metadata.len()).unwrap_or(0);
    read_limited(file, capacity).map_err(ReadError::Io)?.ok_or(ReadError::TooLarge)
}

/// Reads `reader` to its end, or `None` once it has given more than
/// [`MAX_FILE_BYTES`] (a file that grew while it was read, or standard input).
pub fn read_limited(reader: impl std::io::Read, capacity: usize) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(capacity);
    reader.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= MAX_FILE_BYTES).then_some(bytes))
}

/// What a file that is not a regular file is, in a few words.
fn describe(kind: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
    }
    if kind.is_dir() { FOLDER } else { "something other than a file" }
}

/// Reads a text file the way the command line does: as [`read_bytes`] does,
/// then decoded as [`decode`] does (a byte-order mark dropped; UTF-16 and
/// binary refused). A file that is not regular is an `InvalidInput` error
/// saying "not a regular file", one that is too large `FileTooLarge`; text that
/// cannot be read is `InvalidData` with the reason.
pub fn read_regular(path: &Path) -> std::io::Result<String> {
    let bytes = read_bytes(path).map_err(|e| match e {
        ReadError::NotAFile(_) => std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a regular file"),
        ReadError::TooLarge => std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!("larger than {MAX_FILE_SIZE}, the most ybc reads"),
        ),
        ReadError::Io(e) => e,
    })?;
    decode(&bytes)
        .map(str::to_owned)
        .map_err(|bad| std::io::Error::new(std::io::ErrorKind::InvalidData, bad.diagnostic.message))
}

/// Why a file could not be read, in a few plain words: the system's own
/// words in lower case and without the error number ("too many levels of
/// symbolic links") when there are no plainer ones.
pub fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => {
            let text = error.to_string();
            let words = text.rsplit_once(" (os error ").map_or(text.as_str(), |(words, _)| words);
            let mut chars = words.chars();
            chars.next().map_or_else(String::new, |first| first.to_lowercase().chain(chars).collect())
        }
    }
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
    if let Some(nul) = memchr::memchr(0, bytes) {
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

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn reading_stops_one_byte_past_the_limit() {
        let limit = usize::try_from(MAX_FILE_BYTES).unwrap_or(usize::MAX);
        let at_limit = read_limited(std::io::repeat(b'\n').take(MAX_FILE_BYTES), 0);
        assert_eq!(at_limit.ok().flatten().map(|bytes| bytes.len()), Some(limit));
        // An endless reader (standard input from `yes`) ends too.
        assert!(matches!(read_limited(std::io::repeat(b'y'), 0), Ok(None)));
    }

    #[test]
    fn a_file_larger_than_the_limit_is_refused_by_its_size() {
        let Ok(dir) = tempfile::tempdir() else { panic!("no temporary folder") };
        let path = dir.path().join("huge.ybc");
        let sized = std::fs::File::create(&path).and_then(|file| file.set_len(MAX_FILE_BYTES + 1));
        assert!(sized.is_ok(), "{sized:?}");
        assert!(matches!(read_bytes(&path), Err(ReadError::TooLarge)));
        assert!(read_regular(&path).is_err_and(|e| e.kind() == std::io::ErrorKind::FileTooLarge));
    }
}
