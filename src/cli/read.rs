//! Reading a file named on the command line or found in a folder.
//!
//! Only a regular file (or a symbolic link to one) is read. A named pipe that
//! nobody writes to would keep ybc waiting forever, and a device such as
//! `/dev/zero` never ends, so both are refused before they are opened, with a
//! reason and a way out: standard input (`-`) is how a routine that comes
//! through a pipe is checked.

use std::path::Path;

use ybc::source::ReadError as Why;
use ybc::source::{FOLDER, MAX_FILE_SIZE};

use super::io_help;

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// Why reading it failed ([`ybc::source::read_bytes`]).
    Read(ybc::source::ReadError),
    /// It was there when the inputs were listed, and is not now.
    Vanished,
}

impl ReadError {
    /// Why, in a few plain words, to follow `can't read PATH: `.
    pub fn reason(&self) -> String {
        match self {
            ReadError::Read(why) => why.reason(),
            ReadError::Vanished => "it was deleted or moved after ybc found it".to_owned(),
        }
    }

    /// How to fix it, when there is something useful to say. `stdin` is the
    /// command (`ybc check`) when the file is a routine that the command can
    /// also read from standard input.
    pub fn help(&self, path: &Path, stdin: Option<&str>) -> Option<String> {
        const WHY: &str = "ybc reads only regular files, so that a pipe or a device cannot keep it waiting.";
        match (self, stdin) {
            (ReadError::Read(Why::NotAFile(FOLDER)), _) => Some("Give a file.".to_owned()),
            (ReadError::Read(Why::NotAFile(_)), Some(command)) => Some(format!(
                "{WHY} Save the routine to a file, or send it on standard input: `{command} - < {}`.",
                ybc::controls::path(path)
            )),
            (ReadError::Read(Why::NotAFile(_)), None) => {
                Some(format!("{WHY} Save what it holds to a file, and give that."))
            }
            // The commands that read standard input (check, fmt) also walk folders.
            (ReadError::Read(Why::TooLarge), command) => {
                Some(too_large_help(if command.is_some() { TooLarge::Walked } else { TooLarge::File }))
            }
            (ReadError::Read(Why::Io(error)), _) => io_help(error.kind(), path, false),
            (ReadError::Vanished, _) => Some("Check again once nothing else is changing the files.".to_owned()),
        }
    }

    /// Whether there is no file by that name (any more).
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Read(Why::Io(error)) if error.kind() == std::io::ErrorKind::NotFound)
    }
}

/// Reads a file that was there when the inputs were listed (see
/// [`read_file`]); one that is gone now went in between, and is reported so.
pub fn read_listed(path: &Path) -> Result<Vec<u8>, ReadError> {
    read_file(path).map_err(|e| if e.is_not_found() { ReadError::Vanished } else { e })
}

/// Reads the whole of a regular file, following symbolic links, up to the most
/// ybc reads; refuses anything else without waiting on it
/// ([`ybc::source::read_bytes`]).
pub fn read_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    ybc::source::read_bytes(path).map_err(ReadError::Read)
}

/// What was larger than ybc reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TooLarge {
    /// A file given to a command that also walks folders (`check`, `fmt`).
    Walked,
    /// A file given to a command that reads just that file, or a config or catalog.
    File,
    /// Standard input.
    Stdin,
}

/// What to do about a file or standard input that is larger than ybc reads.
pub fn too_large_help(what: TooLarge) -> String {
    let why = format!(
        "Routines, catalogs and configs are a few kilobytes; ybc stops at {MAX_FILE_SIZE} so that a stray large \
         file cannot use up the machine's memory."
    );
    match what {
        TooLarge::Walked => {
            format!("Check that this is the file you meant. {why} In a folder, `--exclude` leaves a file out.")
        }
        TooLarge::File => format!("Check that this is the file you meant. {why}"),
        TooLarge::Stdin => format!("Check what is sent to standard input. {why}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_is_read_and_a_folder_is_refused() {
        let Ok(dir) = tempfile::tempdir() else { panic!("no temporary folder") };
        let file = dir.path().join("a.ybc");
        assert!(std::fs::write(&file, "locust hold 20s\n").is_ok());
        assert_eq!(read_file(&file).ok().as_deref(), Some(b"locust hold 20s\n".as_slice()));
        let refused = read_file(dir.path());
        assert!(matches!(refused, Err(ReadError::Read(Why::NotAFile(FOLDER)))), "{refused:?}");
        let gone = dir.path().join("gone.ybc");
        assert!(read_file(&gone).as_ref().is_err_and(ReadError::is_not_found));
        assert!(matches!(read_listed(&gone), Err(ReadError::Vanished)));
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_without_reading_it() {
        let refused = read_file(Path::new("/dev/zero"));
        assert!(matches!(refused, Err(ReadError::Read(Why::NotAFile("a device")))), "{refused:?}");
    }
}
