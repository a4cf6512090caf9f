//! `ybc fmt` through the real binary: files, folders, `--check`, standard
//! input, refusals, exit codes, and what a write leaves on disk.

use crate::common::{Run, Workspace};

const MESSY: &str = "strength :\n    locust   x3 rest 30s hold 20-30s   \n";
const TIDY: &str = "strength:\n  locust hold 20-30s x3 rest 30s\n";

/// Runs `ybc` in `ws` with `stdin` as its standard input.
fn run_with_stdin(ws: &Workspace, args: &[&str], stdin: &str) -> Run {
    ws.ybc(args).stdin(stdin).run()
}

fn read(ws: &Workspace, name: &str) -> String {
    std::fs::read_to_string(ws.path().join(name)).expect("read back")
}

#[test]
fn formats_a_file_in_place_and_then_has_nothing_to_do() {
    let ws = Workspace::new();
    ws.file("class.ybc", MESSY);
    let run = ws.run(&["fmt", "class.ybc"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(read(&ws, "class.ybc"), TIDY);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("1 routine formatted"), "{}", run.stderr);

    let again = ws.run(&["fmt", "class.ybc"]);
    assert_eq!(again.code, 0);
    assert_eq!(read(&ws, "class.ybc"), TIDY);
    assert!(again.stderr.contains("0 routines formatted, 1 already formatted"), "{}", again.stderr);
}

#[test]
fn check_prints_a_diff_changes_nothing_and_exits_1() {
    let ws = Workspace::new();
    ws.file("class.ybc", MESSY);
    ws.file("tidy.ybc", TIDY);
    let run = ws.run(&["fmt", "--check", "class.ybc", "tidy.ybc"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(read(&ws, "class.ybc"), MESSY, "--check must not write");
    insta::assert_snapshot!("check_diff", run.stdout);
    assert!(run.stderr.contains("1 routine would be reformatted, 1 already formatted"), "{}", run.stderr);

    let clean = ws.run(&["fmt", "--check", "tidy.ybc"]);
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    assert_eq!(clean.stdout, "");
}

#[test]
fn dash_formats_standard_input_to_standard_output() {
    let ws = Workspace::new();
    let run = run_with_stdin(&ws, &["fmt", "-"], MESSY);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, TIDY);
    assert_eq!(run.stderr, "", "nothing but the routine for a pipe");

    let check = run_with_stdin(&ws, &["fmt", "--check", "-"], MESSY);
    assert_eq!(check.code, 1);
    assert!(check.stdout.starts_with("--- <stdin>\t(original)\n+++ <stdin>\t(formatted)\n"), "{}", check.stdout);

    let tidy = run_with_stdin(&ws, &["fmt", "-"], TIDY);
    assert_eq!((tidy.code, tidy.stdout.as_str()), (0, TIDY));
}

#[test]
fn folders_and_several_paths_are_formatted_together() {
    let ws = Workspace::new();
    ws.file("classes/monday.ybc", MESSY);
    ws.file("classes/deep/tuesday.ybc", MESSY);
    ws.file("classes/notes.txt", "not a routine   \n");
    ws.file("extra.ybc", MESSY);
    let run = ws.run(&["fmt", "classes", "extra.ybc"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for name in ["classes/monday.ybc", "classes/deep/tuesday.ybc", "extra.ybc"] {
        assert_eq!(read(&ws, name), TIDY, "{name}");
    }
    assert_eq!(read(&ws, "classes/notes.txt"), "not a routine   \n");
    assert!(run.stderr.contains("3 routines formatted"), "{}", run.stderr);
}

#[test]
fn no_path_formats_the_current_folder() {
    let ws = Workspace::new();
    ws.file("a.ybc", MESSY);
    ws.file("sub/b.ybc", MESSY);
    let run = ws.run(&["fmt", "--check"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("--- a.ybc\t") && run.stdout.contains("--- sub/b.ybc\t"), "{}", run.stdout);
}

#[test]
fn a_file_with_syntax_errors_is_refused_and_the_others_still_formatted() {
    let ws = Workspace::new();
    let broken = "strength:\n  locust   hold 30\n";
    ws.file("broken.ybc", broken);
    ws.file("good.ybc", MESSY);
    let run = ws.run(&["fmt", "broken.ybc", "good.ybc"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(read(&ws, "broken.ybc"), broken, "a refused file is left as it was");
    assert_eq!(read(&ws, "good.ybc"), TIDY);
    assert!(run.stderr.contains("`30` needs a unit"), "{}", run.stderr);
    assert!(run.stderr.contains("broken.ybc has errors, so it was not formatted."), "{}", run.stderr);
    assert!(run.stderr.contains("1 routine formatted, 0 already formatted, 1 not formatted"), "{}", run.stderr);

    // Refusing wins over --check's "would change".
    let check = ws.run(&["fmt", "--check", "broken.ybc"]);
    assert_eq!(check.code, 2);
}

#[test]
fn usage_and_file_errors_exit_2() {
    let ws = Workspace::new();
    let missing = ws.run(&["fmt", "missing.ybc"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("can't read missing.ybc"), "{}", missing.stderr);

    ws.file("utf16.ybc", [0xFF, 0xFE, b'l', 0]);
    let utf16 = ws.run(&["fmt", "utf16.ybc"]);
    assert_eq!(utf16.code, 2);
    assert!(utf16.stderr.contains("UTF-16"), "{}", utf16.stderr);

    let twice = run_with_stdin(&ws, &["fmt", "-", "-"], TIDY);
    assert_eq!(twice.code, 2);
}

#[test]
fn line_endings_and_a_byte_order_mark_are_kept() {
    let ws = Workspace::new();
    ws.file("crlf.ybc", MESSY.replace('\n', "\r\n"));
    ws.file("bom.ybc", format!("\u{feff}{MESSY}"));
    let run = ws.run(&["fmt", "crlf.ybc", "bom.ybc"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(read(&ws, "crlf.ybc"), TIDY.replace('\n', "\r\n"));
    assert_eq!(read(&ws, "bom.ybc"), format!("\u{feff}{TIDY}"));
    assert_eq!(ws.run(&["fmt", "--check", "crlf.ybc", "bom.ybc"]).code, 0);
}

#[test]
fn canonical_names_write_catalog_ids() {
    let ws = Workspace::new();
    ws.file("class.ybc", "props yoga-block\nstrength:\n  Salabhasana hold 20s with yoga-block\n");
    let kept = ws.run(&["fmt", "--check", "class.ybc"]);
    assert_eq!(kept.code, 1, "only the blank line after the header is missing");
    let run = ws.run(&["fmt", "--canonical-names", "class.ybc"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(read(&ws, "class.ybc"), "props block\n\nstrength:\n  locust hold 20s with block\n");
}

#[cfg(unix)]
#[test]
fn a_write_keeps_permissions_and_leaves_no_temporary_file() {
    use std::os::unix::fs::PermissionsExt;
    let ws = Workspace::new();
    let path = ws.file("class.ybc", MESSY);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let run = ws.run(&["fmt", "class.ybc"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mode = std::fs::metadata(&path).expect("metadata").permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    let names: Vec<String> = std::fs::read_dir(ws.path())
        .expect("folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["class.ybc".to_owned()]);
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_not_written() {
    use std::os::unix::fs::PermissionsExt;
    let ws = Workspace::new();
    let path = ws.file("class.ybc", MESSY);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let run = ws.run(&["fmt", "class.ybc"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("can't write class.ybc: the file is read-only"), "{}", run.stderr);
    assert_eq!(read(&ws, "class.ybc"), MESSY);
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_stays_a_link_and_its_target_is_formatted() {
    let ws = Workspace::new();
    let target = ws.file("real/class.ybc", MESSY);
    let link = ws.path().join("link.ybc");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let run = ws.run(&["fmt", "link.ybc"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(std::fs::symlink_metadata(&link).expect("link").file_type().is_symlink());
    assert_eq!(read(&ws, "real/class.ybc"), TIDY);
}

/// Ranges with an en or em dash, `x 3`, doses in breaths and the `breath`
/// header come out in the canonical style.
#[test]
fn typed_forms_come_out_canonical() {
    let ws = Workspace::new();
    let messy = "props mat\nBreath 4–6s\ntitle \"T\"\nstrength:\n  locust X 3 HOLD 5  Breaths rest 30—45s\n  cat-cow 6–10 Pulses\n  \
                 childs-pose 1 Breath\n  locust hold 20–30s\n";
    let tidy = "title \"T\"\nbreath 4-6s\nprops mat\n\nstrength:\n  locust hold 5 breaths x3 rest 30-45s\n  \
                cat-cow 6-10 pulses\n  childs-pose 1 breath\n  locust hold 20-30s\n";
    assert_eq!(run_with_stdin(&ws, &["fmt", "-"], messy).stdout, tidy);
    assert_eq!(run_with_stdin(&ws, &["fmt", "-"], tidy).stdout, tidy);
    assert_eq!(run_with_stdin(&ws, &["fmt", "--canonical-names", "-"], tidy).stdout, tidy);
}

/// A studio pose's property words (`prone`, `inversion`) are kept as written;
/// a word that is no property still stops the formatter.
#[test]
fn a_pose_lines_property_words_are_formatted_not_refused() {
    let ws = Workspace::new();
    ws.file(
        "studio.ybc",
        "pose frog-lift \"Frog Lift\" focus strength hold 10-20s prone inversion\nstrength:\n  frog-lift hold 15s\n",
    );
    let run = ws.run(&["fmt", "studio.ybc"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        read(&ws, "studio.ybc"),
        "pose frog-lift \"Frog Lift\" focus strength hold 10-20s prone inversion\n\nstrength:\n  frog-lift hold 15s\n"
    );
    ws.file(
        "typo.ybc",
        "pose frog-lift \"Frog Lift\" focus strength hold 10-20s inversoin\nstrength:\n  frog-lift hold 15s\n",
    );
    assert_eq!(ws.run(&["fmt", "typo.ybc"]).code, 2);
}
