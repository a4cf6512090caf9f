//! Which files `ybc check` finds: the current folder by default, `.gitignore`,
//! hidden folders, `--exclude`, symbolic links, and files it cannot read.

use crate::harness::{CLEAN, ONE_ERROR, Workspace, files_in, unprivileged};

#[test]
fn no_paths_checks_the_current_folder_with_plain_names() {
    let ws = Workspace::new();
    ws.file("b.ybc", ONE_ERROR);
    ws.file("a/one.ybc", ONE_ERROR);
    ws.file("notes.txt", "not a routine");
    let run = ws.run(&["check", "--format", "concise"]);
    assert_eq!(run.code, 1);
    assert_eq!(files_in(&run.stdout), ["a/one.ybc", "b.ybc"]);
    assert_eq!(run.stderr.trim(), "Checked 2 files: 2 errors, 0 warnings.");
}

#[test]
fn gitignore_rules_are_honoured_even_outside_a_git_repository() {
    let ws = Workspace::new();
    std::fs::remove_dir(ws.path().join(".git")).expect("no .git");
    ws.file(".gitignore", "build/\n*.draft.ybc\n");
    ws.file("sub/.gitignore", "old.ybc\n");
    ws.file(".ignore", "scratch/\n");
    ws.file("keep.ybc", ONE_ERROR);
    ws.file("build/out.ybc", ONE_ERROR);
    ws.file("class.draft.ybc", ONE_ERROR);
    ws.file("sub/old.ybc", ONE_ERROR);
    ws.file("sub/new.ybc", ONE_ERROR);
    ws.file("scratch/x.ybc", ONE_ERROR);
    let run = ws.run(&["check", "--format", "concise"]);
    assert_eq!(files_in(&run.stdout), ["keep.ybc", "sub/new.ybc"]);
}

#[test]
fn hidden_folders_are_skipped_but_hidden_files_are_routines() {
    let ws = Workspace::new();
    ws.file(".cache/a.ybc", ONE_ERROR);
    ws.file("sub/.hidden/b.ybc", ONE_ERROR);
    ws.file(".quiet.ybc", ONE_ERROR);
    ws.file("c.ybc", ONE_ERROR);
    let run = ws.run(&["check", "--format", "concise"]);
    assert_eq!(files_in(&run.stdout), [".quiet.ybc", "c.ybc"]);
}

#[test]
fn excludes_are_globs_and_repeatable() {
    let ws = Workspace::new();
    for name in ["a.ybc", "drafts/b.ybc", "x/drafts/c.ybc", "x/d.old.ybc", "x/e.ybc", "legacy/f.ybc"] {
        ws.file(name, ONE_ERROR);
    }
    let run = ws.run(&[
        "check",
        "--format",
        "concise",
        "--exclude",
        "drafts",
        "--exclude",
        "*.old.ybc",
        "--exclude",
        "/legacy/",
    ]);
    assert_eq!(files_in(&run.stdout), ["a.ybc", "x/e.ybc"]);
    let bad = ws.run(&["check", "--exclude", "a[", "."]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("--exclude `a[` is not a glob"), "{}", bad.stderr);
}

#[test]
fn a_path_given_explicitly_is_always_checked() {
    let ws = Workspace::new();
    ws.file(".gitignore", "ignored.ybc\nbuild/\n");
    ws.file("ignored.ybc", ONE_ERROR);
    ws.file("build/out.ybc", ONE_ERROR);
    ws.file(".hidden/h.ybc", ONE_ERROR);
    ws.file("notes.txt", ONE_ERROR);
    let run = ws.run(&[
        "check",
        "--format",
        "concise",
        "--exclude",
        "ignored.ybc",
        "ignored.ybc",
        "build",
        ".hidden/h.ybc",
        "notes.txt",
    ]);
    assert_eq!(files_in(&run.stdout), ["ignored.ybc", "build/out.ybc", ".hidden/h.ybc"], "{}", run.stdout);
    assert!(run.stdout.contains("notes.txt:4:3: error[unknown-pose]"), "any file named is read as a routine");
}

#[test]
fn folders_given_in_order_and_files_named_twice_once() {
    let ws = Workspace::new();
    ws.file("z/a.ybc", ONE_ERROR);
    ws.file("a/b.ybc", ONE_ERROR);
    let run = ws.run(&["check", "--format", "concise", "z", "a", "z/a.ybc"]);
    assert_eq!(files_in(&run.stdout), ["z/a.ybc", "a/b.ybc"]);
}

#[test]
fn symbolic_link_loops_do_not_trap_the_walk() {
    let ws = Workspace::new();
    ws.file("a/one.ybc", ONE_ERROR);
    ws.symlink("..", "a/up");
    ws.symlink(".", "a/here");
    ws.symlink("../a", "b/back");
    ws.symlink("a/one.ybc", "linked.ybc");
    let run = ws.run(&["check", "--format", "concise"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        files_in(&run.stdout),
        ["a/one.ybc", "linked.ybc"],
        "links to folders are not followed; links to files are"
    );
}

#[test]
fn a_broken_link_is_reported_and_the_rest_still_checked() {
    let ws = Workspace::new();
    ws.file("a.ybc", ONE_ERROR);
    ws.symlink("gone.ybc", "b.ybc");
    ws.file("c.ybc", CLEAN);
    let run = ws.run(&["check", "--format", "concise"]);
    assert_eq!(run.code, 2, "a file that cannot be read is an I/O error");
    assert_eq!(
        run.stdout,
        "a.ybc:4:3: error[unknown-pose] `locsut` is not a pose I know.\n\
         b.ybc:1:1: error[io] can't read b.ybc: no such file (a broken symbolic link)\n"
    );
    assert_eq!(run.stderr.trim(), "Checked 2 files: 1 error, 0 warnings. 1 file could not be read.");
    let human = ws.run(&["check"]);
    assert!(human.stdout.contains("× can't read b.ybc: no such file (a broken symbolic link)"), "{}", human.stdout);
}

#[test]
fn a_pipe_in_a_folder_is_not_read() {
    let ws = Workspace::new();
    ws.file("a.ybc", CLEAN);
    let status = std::process::Command::new("mkfifo").arg(ws.path().join("pipe.ybc")).status();
    if !status.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    // Reading a pipe with no writer would wait forever; the harness's timeout would fail the test.
    let run = ws.run(&["check"]);
    assert_eq!((run.code, run.stderr.trim()), (0, "Checked 1 file: 0 errors, 0 warnings."));
}

#[test]
fn a_file_without_read_permission_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let ws = Workspace::new();
    // Root reads any file whatever its permissions, so as root ybc runs as `nobody`.
    let wrapper = match unprivileged(&ws) {
        Ok(wrapper) => wrapper,
        Err(why) => {
            eprintln!("skipped: {why}");
            return;
        }
    };
    let readable = ws.file("a.ybc", ONE_ERROR);
    std::fs::set_permissions(&readable, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let secret = ws.file("secret.ybc", CLEAN);
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let locked = ws.file("locked/c.ybc", CLEAN);
    let folder = locked.parent().expect("folder").to_owned();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let concise = ws.ybc(&["check", "--format", "concise"]).through(&wrapper).run();
    let json = ws.ybc(&["check", "--format", "json"]).through(&wrapper).run();
    let named = ws.ybc(&["check", "secret.ybc", "a.ybc"]).through(&wrapper).run();
    let plan = ws.ybc(&["plan", "secret.ybc"]).through(&wrapper).run();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).expect("chmod back");
    assert_eq!(concise.code, 2, "a file that cannot be read is an I/O error:\n{}", concise.stderr);
    assert_eq!(
        concise.stdout,
        "a.ybc:4:3: error[unknown-pose] `locsut` is not a pose I know.\n\
         locked:1:1: error[io] can't read the folder locked: permission denied\n\
         secret.ybc:1:1: error[io] can't read secret.ybc: permission denied\n",
        "the rest is still checked"
    );
    assert_eq!(concise.stderr.trim(), "Checked 1 file: 1 error, 0 warnings. 2 files could not be read.");
    // Where, what and how to fix it, in the machine formats too.
    assert_eq!(json.code, 2);
    let findings: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    let secret = findings.as_array().expect("array").iter().find(|f| f["file"] == "secret.ybc").expect("secret.ybc");
    assert_eq!(secret["rule"], "io");
    assert_eq!(secret["message"], "can't read secret.ybc: permission denied");
    assert_eq!(secret["help"], "Let the user running ybc read the file (`ls -l secret.ybc` shows who may).");
    let locked = findings.as_array().expect("array").iter().find(|f| f["file"] == "locked").expect("locked");
    assert_eq!(
        locked["help"],
        "Let the user running ybc read and enter the folder (`ls -ld locked` shows who may), or leave it out with \
         `--exclude`."
    );
    // A file named on the command line: the same, and the human report has the help.
    assert_eq!(named.code, 2);
    assert!(named.stdout.contains("× can't read secret.ybc: permission denied"), "{}", named.stdout);
    assert!(named.stdout.contains("help: Let the user running ybc read the file"), "{}", named.stdout);
    assert!(named.stdout.contains("`locsut` is not a pose I know."), "{}", named.stdout);
    assert_eq!(plan.code, 2);
    assert_eq!(
        plan.stderr,
        "error: can't read secret.ybc: permission denied\n  help: Let the user running ybc read the file (`ls -l \
         secret.ybc` shows who may).\n"
    );
}
