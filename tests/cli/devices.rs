//! Where ybc writes: an output that is a device, a named pipe, a link or not
//! a file at all; a routine rewritten in place that belongs to someone else;
//! and a routine that an editor saves while ybc is rewriting it.
//!
//! These need a Unix system, and some need root (making a device, giving a
//! file to another user, watching opens); where that is missing the test says
//! so and passes on a developer's machine, but fails under CI (`CI=true`).

#![cfg(unix)]

use std::io::Read;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::Command;

use crate::harness::{CLEAN, Workspace};

/// A routine that `ybc fmt` changes: extra spaces inside a step.
const MESSY: &str = "strength:\n  locust   hold 20s\n";
/// `MESSY` formatted.
const TIDY: &str = "strength:\n  locust hold 20s\n";

/// Under CI a failure, elsewhere a note that the test was skipped.
fn skip(why: &str) {
    assert!(std::env::var("CI").map_or(true, |v| v != "true"), "{why}");
    eprintln!("SKIPPED: {why}");
}

/// Runs `program args` in the workspace, for making special files; `false` (and why) when it fails.
fn make(ws: &Workspace, program: &str, args: &[&str]) -> bool {
    match Command::new(program).args(args).current_dir(ws.path()).output() {
        Ok(output) if output.status.success() => true,
        other => {
            skip(&format!("`{program} {}` failed: {other:?}", args.join(" ")));
            false
        }
    }
}

fn kind(path: &Path) -> std::fs::FileType {
    std::fs::symlink_metadata(path).expect("metadata").file_type()
}

/// The JSON `ybc build` prints for `CLEAN` on standard output.
fn built(ws: &Workspace) -> String {
    let run = ws.run(&["build", "class.ybc", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

#[test]
fn an_output_that_is_a_character_device_is_written_to_not_replaced() {
    let ws = Workspace::new();
    ws.file("class.ybc", CLEAN);
    // The same device as /dev/null, under another name.
    if !make(&ws, "mknod", &["fakenull", "c", "1", "3"]) {
        return;
    }
    let run = ws.run(&["build", "class.ybc", "--format", "json", "-o", "fakenull"]);
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (0, "", ""));
    assert!(kind(&ws.path().join("fakenull")).is_char_device(), "fakenull was replaced");
    let leftovers: Vec<_> = std::fs::read_dir(ws.path()).expect("dir").flatten().map(|e| e.file_name()).collect();
    assert_eq!(leftovers.len(), 2, "no temporary file is left: {leftovers:?}");
}

#[test]
fn an_output_that_is_a_named_pipe_is_written_to_its_reader() {
    let ws = Workspace::new();
    ws.file("class.ybc", CLEAN);
    if !make(&ws, "mkfifo", &["pipe.json"]) {
        return;
    }
    let expected = built(&ws);
    // The program at the other end: it opens the pipe and reads until ybc closes it.
    let pipe = ws.path().join("pipe.json");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        std::fs::File::open(pipe).expect("open the pipe").read_to_string(&mut text).expect("read the pipe");
        text
    });
    let run = ws.run(&["build", "class.ybc", "--format", "json", "-o", "pipe.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(kind(&ws.path().join("pipe.json")).is_fifo(), "the pipe was replaced");
    assert_eq!(reader.join().expect("reader"), expected, "the reader got the whole output");
}

#[test]
fn an_output_linked_to_standard_output_is_printed() {
    let ws = Workspace::new();
    ws.file("class.ybc", CLEAN);
    // What /dev/stdout is on Linux; a link of our own, so that the machine's is never at stake.
    ws.symlink("/proc/self/fd/1", "stdout");
    let expected = built(&ws);
    let run = ws.run(&["build", "class.ybc", "--format", "json", "-o", "stdout"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, expected);
    assert!(kind(&ws.path().join("stdout")).is_symlink(), "the link was replaced");
}

#[test]
fn an_output_link_is_followed_and_stays_a_link() {
    let ws = Workspace::new();
    ws.file("class.ybc", CLEAN);
    let expected = built(&ws);
    ws.file("site/old.json", "{}");
    ws.symlink("site/old.json", "out.json");
    ws.symlink("site/new.json", "new.json");
    for name in ["out.json", "new.json"] {
        let run = ws.run(&["build", "class.ybc", "--format", "json", "-o", name]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(kind(&ws.path().join(name)).is_symlink(), "{name} was replaced");
    }
    assert_eq!(std::fs::read_to_string(ws.path().join("site/old.json")).expect("written"), expected);
    assert_eq!(std::fs::read_to_string(ws.path().join("site/new.json")).expect("made"), expected);
}

#[test]
fn an_output_that_is_a_folder_a_disk_or_a_socket_is_refused() {
    let ws = Workspace::new();
    ws.file("class.ybc", CLEAN);
    std::fs::create_dir(ws.path().join("folder")).expect("folder");
    let _socket = std::os::unix::net::UnixListener::bind(ws.path().join("socket")).expect("socket");
    let mut outputs = vec![("folder", "a folder"), ("socket", "a socket")];
    // A loop device's number; it is never opened.
    if make(&ws, "mknod", &["disk", "b", "7", "200"]) {
        outputs.push(("disk", "a disk (a block device)"));
    }
    for (name, what) in outputs {
        let before = kind(&ws.path().join(name));
        let run = ws.run(&["build", "class.ybc", "--format", "json", "-o", name]);
        assert_eq!(run.code, 2, "{name}: {}", run.stderr);
        assert_eq!(
            run.stderr,
            format!(
                "error: can't write {name}: it is {what}, not a file\n  help: Give the name of a file to write (or a \
                 device such as /dev/null), or leave out `-o` to print to standard output.\n"
            )
        );
        assert_eq!(kind(&ws.path().join(name)), before, "{name} is left as it was");
    }
}

/// A file owned by user and group 1234 with mode 0600, as another user's file is.
fn owned_by_someone_else(ws: &Workspace, name: &str, text: &str) -> std::path::PathBuf {
    let path = ws.file(name, text);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    std::os::unix::fs::chown(&path, Some(1234), Some(1234)).expect("chown (the tests run as root)");
    path
}

fn owner_and_mode(path: &Path) -> (u32, u32, u32) {
    let metadata = std::fs::metadata(path).expect("metadata");
    (metadata.uid(), metadata.gid(), metadata.mode() & 0o7777)
}

#[test]
fn rewriting_as_root_keeps_the_owner_group_and_mode() {
    let ws = Workspace::new();
    if !is_root() {
        return skip("giving a file to another user needs root");
    }
    let formatted = owned_by_someone_else(&ws, "fmt.ybc", MESSY);
    let fixed = owned_by_someone_else(&ws, "fix.ybc", &CLEAN.replace("cat-cow", "cat cow"));
    let output = owned_by_someone_else(&ws, "out.json", "{}");
    ws.file("class.ybc", CLEAN);
    for args in [
        &["fmt", "fmt.ybc"][..],
        &["check", "--fix", "fix.ybc"],
        &["build", "class.ybc", "--format", "json", "-o", "out.json"],
    ] {
        let run = ws.run(args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    }
    assert_eq!(std::fs::read_to_string(&formatted).expect("read"), TIDY);
    assert_eq!(std::fs::read_to_string(&fixed).expect("read"), CLEAN);
    assert!(std::fs::read_to_string(&output).expect("read").contains("ybc-timeline"));
    for path in [formatted, fixed, output] {
        assert_eq!(owner_and_mode(&path), (1234, 1234, 0o600), "{}", path.display());
    }
}

fn is_root() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

#[test]
fn another_users_file_is_not_taken_from_them_by_a_plain_user() {
    let ws = Workspace::new();
    if !is_root() {
        return skip("making a file of another user's needs root");
    }
    // A shared folder and a file that user 1234 lets everyone write, rewritten by `nobody`.
    std::fs::set_permissions(ws.path(), std::fs::Permissions::from_mode(0o777)).expect("chmod");
    let path = owned_by_someone_else(&ws, "class.ybc", MESSY);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666)).expect("chmod");
    let wrapper = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"].map(str::to_owned);
    let probe = ws.ybc(&["--version"]).through(&wrapper).run();
    if probe.code != 0 {
        return skip(&format!("`setpriv` could not run ybc as uid 65534: {}", probe.stderr));
    }
    let run = ws.ybc(&["fmt", "class.ybc"]).through(&wrapper).run();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "error: can't write class.ybc: it belongs to another user or group, and only root can keep that when \
             ybc replaces it; run ybc as its owner\n"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), MESSY);
    assert_eq!(owner_and_mode(&path), (1234, 1234, 0o666));
}

/// Opens of one file, held by the kernel until this process lets each one go
/// on (fanotify permission events; needs root). Lets a test act at an exact
/// point of another process's run, without timing.
struct OpenGate {
    fd: std::os::fd::OwnedFd,
}

impl OpenGate {
    /// Starts holding every open of `path`; `Err` says why it can't here.
    fn new(path: &Path) -> Result<Self, String> {
        use std::os::fd::FromRawFd;
        use std::os::unix::ffi::OsStrExt;
        // SAFETY: plain system calls; the descriptor returned is owned from here on.
        let raw = unsafe {
            libc::fanotify_init(libc::FAN_CLASS_CONTENT | libc::FAN_CLOEXEC | libc::FAN_NONBLOCK, libc::O_RDONLY as u32)
        };
        if raw < 0 {
            return Err(format!("fanotify is not available: {}", std::io::Error::last_os_error()));
        }
        // SAFETY: `raw` is a new descriptor that nothing else owns.
        let fd = unsafe { std::os::fd::OwnedFd::from_raw_fd(raw) };
        let name = std::ffi::CString::new(path.as_os_str().as_bytes()).expect("a path without NUL");
        // SAFETY: `name` is a NUL-terminated path that outlives the call.
        let marked =
            unsafe { libc::fanotify_mark(raw, libc::FAN_MARK_ADD, libc::FAN_OPEN_PERM, libc::AT_FDCWD, name.as_ptr()) };
        if marked < 0 {
            return Err(format!("fanotify can't watch {}: {}", path.display(), std::io::Error::last_os_error()));
        }
        Ok(Self { fd })
    }

    /// Waits until `child` opens the file or exits; `Some(pid)` of an opener,
    /// who waits until [`OpenGate::allow`].
    fn next(&self, child: &mut std::process::Child) -> Option<(i32, std::os::fd::OwnedFd)> {
        use std::os::fd::{AsRawFd, FromRawFd};
        loop {
            let mut event = std::mem::MaybeUninit::<libc::fanotify_event_metadata>::uninit();
            let size = std::mem::size_of::<libc::fanotify_event_metadata>();
            // SAFETY: reads at most `size` bytes into `event`.
            let read = unsafe { libc::read(self.fd.as_raw_fd(), event.as_mut_ptr().cast(), size) };
            if read == size as isize {
                // SAFETY: the kernel wrote a whole event.
                let event = unsafe { event.assume_init() };
                // SAFETY: the event's descriptor is ours to close.
                return Some((event.pid, unsafe { std::os::fd::OwnedFd::from_raw_fd(event.fd) }));
            }
            if child.try_wait().expect("wait").is_some() {
                return None;
            }
            let mut poll = libc::pollfd { fd: self.fd.as_raw_fd(), events: libc::POLLIN, revents: 0 };
            // SAFETY: one valid pollfd. The timeout only lets the loop notice that the child exited.
            unsafe { libc::poll(&mut poll, 1, 20) };
        }
    }

    /// Lets the open that `event` holds go on.
    fn allow(&self, event: std::os::fd::OwnedFd) {
        use std::os::fd::AsRawFd;
        let response = libc::fanotify_response { fd: event.as_raw_fd(), response: libc::FAN_ALLOW };
        let size = std::mem::size_of::<libc::fanotify_response>();
        // SAFETY: writes one response struct from a live value.
        let written = unsafe { libc::write(self.fd.as_raw_fd(), (&raw const response).cast(), size) };
        assert_eq!(written, size as isize, "{}", std::io::Error::last_os_error());
    }
}

/// Runs `ybc args` on `name` and, at the last moment (when ybc opens the
/// file again after writing its new version to a temporary file, just before
/// that replaces the file), appends `# EDIT` as an editor saving would.
/// Returns the run's exit code and standard error.
fn edit_while_ybc_writes(ws: &Workspace, name: &str, args: &[&str]) -> Option<(i32, String)> {
    let path = ws.path().join(name);
    // Opened before the gate, so that saving raises no event of its own.
    let mut editor = std::fs::OpenOptions::new().append(true).open(&path).expect("open for the edit");
    let gate = match OpenGate::new(&path) {
        Ok(gate) => gate,
        Err(why) => {
            skip(&why);
            return None;
        }
    };
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("ybc"))
        .args(args)
        .current_dir(ws.path())
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start ybc");
    let mut edited = false;
    while let Some((pid, event)) = gate.next(&mut child) {
        let temporary = std::fs::read_dir(ws.path())
            .expect("list")
            .flatten()
            .any(|e| e.file_name().to_string_lossy().ends_with(".tmp"));
        if pid == child.id() as i32 && temporary && !edited {
            std::io::Write::write_all(&mut editor, b"# EDIT\n").expect("edit");
            edited = true;
        }
        gate.allow(event);
    }
    drop(gate);
    let output = child.wait_with_output().expect("ybc's output");
    Some((output.status.code().unwrap_or(-1), String::from_utf8_lossy(&output.stderr).into_owned()))
}

#[test]
fn an_edit_saved_while_fmt_writes_is_kept() {
    let ws = Workspace::new();
    ws.file("class.ybc", MESSY);
    let Some((code, stderr)) = edit_while_ybc_writes(&ws, "class.ybc", &["fmt", "class.ybc"]) else { return };
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.starts_with(
            "error: can't write class.ybc: it changed while ybc was working on it (saved in an editor?), so it was \
             left as it is; run ybc again\n"
        ),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(ws.path().join("class.ybc")).expect("read"), format!("{MESSY}# EDIT\n"));
    // Run again, it formats the file with the edit.
    assert_eq!(ws.run(&["fmt", "class.ybc"]).code, 0);
    assert_eq!(std::fs::read_to_string(ws.path().join("class.ybc")).expect("read"), format!("{TIDY}# EDIT\n"));
}

#[test]
fn an_edit_saved_while_check_fix_writes_is_kept() {
    let ws = Workspace::new();
    let said = CLEAN.replace("cat-cow", "cat cow");
    ws.file("class.ybc", &said);
    let Some((code, stderr)) = edit_while_ybc_writes(&ws, "class.ybc", &["check", "--fix", "class.ybc"]) else {
        return;
    };
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.starts_with(
            "error: can't write the fixes to class.ybc: it changed while ybc was working on it (saved in an \
             editor?), so it was left as it is; run ybc again\n"
        ),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(ws.path().join("class.ybc")).expect("read"), format!("{said}# EDIT\n"));
}
