//! Writing files without ever leaving half of one, without taking a file
//! from its owner, and without losing an edit saved meanwhile.
//!
//! A regular file is written atomically: into a temporary file in the same
//! folder, flushed to disk, given the old file's owner, group and permissions,
//! then renamed over it. A reader sees the old file or the new one, never a
//! part, and an interrupted run leaves the old one.
//!
//! An output can also be a character device or a named pipe (`-o /dev/null`,
//! `-o /dev/stdout`, a pipe another program reads): those are written
//! directly, as a shell's `>` would, and never replaced by a file. Anything else
//! that is not a file (a folder, a disk, a socket) is refused.

use std::fs::{File, Metadata};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why a file was not written. In every case the file is left as it was.
#[derive(Debug)]
pub enum WriteError {
    /// The path names something ybc does not write to: what (`a folder`).
    NotAFile(&'static str),
    /// The file changed after it was read, so writing would lose that change.
    Changed,
    /// The file belongs to another user (or group) whom ybc, not running as
    /// root, cannot give the new file to.
    Owner,
    /// The system refused, or failed.
    Io(io::Error),
}

impl From<io::Error> for WriteError {
    fn from(error: io::Error) -> Self {
        WriteError::Io(error)
    }
}

/// Writes `bytes` to the output `path` (as `ybc build -o` does).
///
/// A regular file, or a new one, is written atomically, keeping an existing
/// file's owner, group and permissions (a new file is readable by all: 0644).
/// A symbolic link is followed: the file it points to is written (or created)
/// and the link stays a link. A character device or a named pipe is opened and
/// written directly; opening a named pipe waits, as a shell's `>` does, until
/// a program opens it to read. A folder, a disk (block device) or a socket is
/// refused.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_file() => write_atomic(&resolve(path)?, bytes, None),
        Ok(metadata) if is_stream(&metadata) => write_directly(path, bytes),
        Ok(metadata) => Err(WriteError::NotAFile(describe(&metadata))),
        Err(error) if error.kind() == io::ErrorKind::NotFound => write_atomic(&resolve(path)?, bytes, None),
        Err(error) => Err(WriteError::Io(error)),
    }
}

/// Replaces the regular file at `path`, whose bytes were `original` when it
/// was read, with `bytes` (as `ybc fmt` and `ybc check --fix` do): atomically,
/// through a symbolic link to the file it points to, keeping the file's owner,
/// group and permissions.
///
/// Just before the new file takes the old one's place, the file is read again:
/// if it is no longer `original` (an editor saved it meanwhile, or it was
/// deleted), it is left as it is and the answer is [`WriteError::Changed`].
/// What is left is the moment between that last look and the rename, a few
/// microseconds instead of the whole run.
pub fn rewrite(path: &Path, original: &[u8], bytes: &[u8]) -> Result<(), WriteError> {
    let target = resolve(path)?;
    write_atomic(&target, bytes, Some(original))
}

/// The file that writing to `path` should replace: `path` itself, or the file a
/// symbolic link (or a chain of them) points to, which need not exist yet.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    // At most as many links as the system itself follows.
    const MAX_LINKS: usize = 40;
    let mut path = path.to_owned();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&path) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let target = std::fs::read_link(&path)?;
                // A relative target is relative to the link's folder; joining an absolute one replaces.
                path = match path.parent() {
                    Some(folder) => folder.join(target),
                    None => target,
                };
            }
            // The file, or nothing yet: the new file goes there.
            _ => return Ok(path),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Writes `bytes` to the regular file at `path` (not a link) through a
/// temporary file renamed over it. With `expected`, the file must still hold
/// exactly those bytes just before the rename.
fn write_atomic(path: &Path, bytes: &[u8], expected: Option<&[u8]>) -> Result<(), WriteError> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let existing = match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_file() => Some(metadata),
        Ok(metadata) => return Err(WriteError::NotAFile(describe(&metadata))),
        Err(error) if error.kind() == io::ErrorKind::NotFound && expected.is_some() => {
            return Err(WriteError::Changed);
        }
        Err(error) if error.kind() == io::ErrorKind::NotFound => None,
        Err(error) => return Err(WriteError::Io(error)),
    };
    let mut temp = tempfile::Builder::new().prefix(".ybc-").suffix(".tmp").tempfile_in(dir)?;
    temp.write_all(bytes)?;
    match &existing {
        Some(metadata) => {
            // The owner first: changing it can clear the set-user-ID bits that
            // the permissions then put back.
            keep_owner(temp.as_file(), metadata)?;
            temp.as_file().set_permissions(metadata.permissions())?;
        }
        // A temporary file is private (0600); a new output (a handout for a web
        // server, a JSON for a player) should be readable like any other file.
        #[cfg(unix)]
        None => {
            use std::os::unix::fs::PermissionsExt;
            temp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644))?;
        }
        #[cfg(not(unix))]
        None => {}
    }
    temp.as_file().sync_all()?;
    if let Some(expected) = expected
        && !holds(path, expected)?
    {
        // Dropping the temporary file deletes it.
        return Err(WriteError::Changed);
    }
    temp.persist(path).map_err(|e| WriteError::Io(e.error))?;
    Ok(())
}

/// Whether the file at `path` is still a regular file holding exactly `expected`.
fn holds(path: &Path, expected: &[u8]) -> Result<bool, WriteError> {
    match crate::source::read_bytes(path) {
        Ok(now) => Ok(now == expected),
        Err(crate::source::ReadError::Io(error)) if error.kind() != io::ErrorKind::NotFound => {
            Err(WriteError::Io(error))
        }
        // Gone, no longer a file, or grown past what ybc reads: changed.
        Err(_) => Ok(false),
    }
}

/// Gives `temp` the owner and group of the file it replaces, when they differ
/// (ybc run as root on another user's file). Only root may give a file away:
/// another user gets [`WriteError::Owner`] rather than a file that silently
/// changed hands.
#[cfg(unix)]
fn keep_owner(temp: &File, original: &Metadata) -> Result<(), WriteError> {
    use std::os::unix::fs::MetadataExt;
    let ours = temp.metadata()?;
    if (ours.uid(), ours.gid()) == (original.uid(), original.gid()) {
        return Ok(());
    }
    std::os::unix::fs::fchown(temp, Some(original.uid()), Some(original.gid())).map_err(|error| {
        if error.kind() == io::ErrorKind::PermissionDenied { WriteError::Owner } else { WriteError::Io(error) }
    })
}

#[cfg(not(unix))]
fn keep_owner(_temp: &File, _original: &Metadata) -> Result<(), WriteError> {
    Ok(())
}

/// Whether `metadata` is of something written as a stream: a character
/// device (`/dev/null`, a terminal) or a named pipe.
fn is_stream(metadata: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = metadata.file_type();
        kind.is_char_device() || kind.is_fifo()
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        false
    }
}

/// Writes `bytes` to a character device or named pipe, opened as it is
/// (neither created nor truncated).
fn write_directly(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
    let metadata = file.metadata()?;
    if metadata.is_file() {
        // Swapped for a regular file between the look and the open: not
        // truncated, so written the way a file is.
        drop(file);
        return write_atomic(&resolve(path)?, bytes, None);
    }
    if !is_stream(&metadata) {
        return Err(WriteError::NotAFile(describe(&metadata)));
    }
    file.write_all(bytes)?;
    file.flush()?;
    Ok(())
}

/// What something that ybc does not write to is, in a few words.
fn describe(metadata: &Metadata) -> &'static str {
    let kind = metadata.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_block_device() {
            return "a disk (a block device)";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() { "a folder" } else { "something other than a file" }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> tempfile::TempDir {
        let Ok(dir) = tempfile::tempdir() else { panic!("no temporary folder") };
        dir
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(dir) else { panic!("can't list {}", dir.display()) };
        entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn a_file_that_still_holds_what_was_read_is_replaced() {
        let dir = folder();
        let path = dir.path().join("class.ybc");
        assert!(std::fs::write(&path, "old\n").is_ok());
        assert!(rewrite(&path, b"old\n", b"new\n").is_ok());
        assert_eq!(std::fs::read(&path).ok().as_deref(), Some(b"new\n".as_slice()));
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_file_changed_after_it_was_read_is_left_as_it_is() {
        let dir = folder();
        let path = dir.path().join("class.ybc");
        // Read as "old", then an editor saves an edit before the rewrite.
        assert!(std::fs::write(&path, "old\n# EDIT\n").is_ok());
        let rewritten = rewrite(&path, b"old\n", b"new\n");
        assert!(matches!(rewritten, Err(WriteError::Changed)), "{rewritten:?}");
        assert_eq!(std::fs::read(&path).ok().as_deref(), Some(b"old\n# EDIT\n".as_slice()));
        assert!(leftovers(dir.path()).is_empty());
        // Deleted meanwhile: not brought back.
        assert!(std::fs::remove_file(&path).is_ok());
        assert!(matches!(rewrite(&path, b"old\n", b"new\n"), Err(WriteError::Changed)));
        assert!(!path.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_written_through_and_stays_a_link() {
        let dir = folder();
        let real = dir.path().join("real.json");
        let link = dir.path().join("out.json");
        assert!(std::os::unix::fs::symlink("real.json", &link).is_ok());
        // Dangling: the file it points to is made.
        assert!(write_output(&link, b"1").is_ok());
        assert_eq!(std::fs::read(&real).ok().as_deref(), Some(b"1".as_slice()));
        assert!(write_output(&link, b"2").is_ok());
        assert_eq!(std::fs::read(&real).ok().as_deref(), Some(b"2".as_slice()));
        assert!(std::fs::symlink_metadata(&link).is_ok_and(|m| m.file_type().is_symlink()));
        let looped = dir.path().join("loop.json");
        assert!(std::os::unix::fs::symlink("loop.json", &looped).is_ok());
        assert!(matches!(write_output(&looped, b"3"), Err(WriteError::Io(_))));
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_written_and_a_folder_refused() {
        assert!(write_output(Path::new("/dev/null"), b"nothing").is_ok());
        let dir = folder();
        let refused = write_output(dir.path(), b"x");
        assert!(matches!(refused, Err(WriteError::NotAFile("a folder"))), "{refused:?}");
    }
}
