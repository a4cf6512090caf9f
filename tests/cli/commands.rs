//! The commands, their output, and their exit codes.

use crate::harness::{Workspace, run_in_repo};
use crate::language::DESK_RESET;

#[test]
fn no_arguments_prints_the_help_with_examples() {
    let ws = Workspace::new();
    let run = ws.run(&[]);
    assert_eq!(run.code, 2);
    let help = format!("{}{}", run.stdout, run.stderr);
    assert!(help.contains("Usage: ybc"), "{help}");
    assert!(help.contains("ybc check routines/"), "{help}");
}

#[test]
fn every_subcommand_help_has_an_example() {
    let ws = Workspace::new();
    for command in ["check", "plan", "poses", "build"] {
        let run = ws.run(&[command, "--help"]);
        assert_eq!(run.code, 0, "{command}");
        assert!(run.stdout.contains("Example"), "{command}: {}", run.stdout);
        assert!(run.stdout.contains(&format!("ybc {command}")), "{command}: {}", run.stdout);
    }
}

#[test]
fn a_missing_file_is_a_usage_error() {
    let ws = Workspace::new();
    let run = ws.run(&["check", "nope.ybc"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.trim(), "error: can't read nope.ybc: no such file");
}

#[test]
fn a_clean_file_exits_zero_and_says_so() {
    let ws = Workspace::new();
    ws.file("a.ybc", crate::harness::CLEAN);
    let run = ws.run(&["check", "a.ybc"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr.trim(), "Checked 1 file: 0 errors, 0 warnings.");
}

#[test]
fn warnings_alone_exit_zero() {
    let ws = Workspace::new();
    ws.file("a.ybc", crate::harness::CLEAN.replace("locust hold 20-30s x3 rest 30s", "locust"));
    let run = ws.run(&["check", "a.ybc"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains("`locust` has no dose"), "{}", run.stdout);
    assert_eq!(run.stderr.trim(), "Checked 1 file: 0 errors, 1 warning.");
}

#[test]
fn folders_are_searched_for_routines_in_sorted_order() {
    let ws = Workspace::new();
    ws.file("b/two.ybc", "locsut hold 30s\n");
    ws.file("a/one.ybc", "locust hold 30s\n");
    ws.file("a/deeper/three.ybc", "brige hold 30s\n");
    ws.file("a/notes.txt", "not a routine");
    ws.file(".hidden/four.ybc", "nope\n");
    let run = ws.run(&["check", "."]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.trim().starts_with("Checked 3 files: 2 errors,"), "{}", run.stderr);
    let json = ws.run(&["check", "--format", "json", "."]);
    assert_eq!(json.code, 1);
    assert_eq!(crate::harness::error_locations(&json.stdout), vec!["./a/deeper/three.ybc:1:1", "./b/two.ybc:1:1"]);
}

#[test]
fn color_only_when_asked() {
    let ws = Workspace::new();
    ws.file("a.ybc", "locsut hold 30s\n");
    let plain = ws.run(&["check", "a.ybc"]);
    assert!(!plain.stdout.contains('\u{1b}'), "no colour when not a terminal");
    let always = ws.run(&["--color", "always", "check", "a.ybc"]);
    assert!(always.stdout.contains('\u{1b}'), "colour when asked");
    let never = ws.run(&["--color", "never", "check", "a.ybc"]);
    assert!(!never.stdout.contains('\u{1b}'));
}

#[test]
fn poses_lists_and_searches_the_catalog() {
    let all = run_in_repo(&["poses"]);
    assert_eq!(all.code, 0);
    assert!(all.stdout.lines().count() > 30, "{}", all.stdout);
    let found = run_in_repo(&["poses", "salabhasana"]);
    assert_eq!(found.code, 0);
    assert!(found.stdout.lines().nth(1).is_some_and(|l| l.starts_with("locust ")), "{}", found.stdout);
    let none = run_in_repo(&["poses", "zzzz"]);
    assert_eq!(none.code, 1);
    assert!(none.stderr.contains("No pose matches `zzzz`"));
    let json = run_in_repo(&["poses", "--json", "sphinx"]);
    let parsed: serde_json::Value = serde_json::from_str(&json.stdout).expect("poses --json is JSON");
    assert_eq!(parsed[0]["id"], "sphinx");
    assert_eq!(parsed[0]["hold"]["min"], 30);
}

#[test]
fn build_writes_json_to_a_file_atomically() {
    let ws = Workspace::new();
    ws.file("desk.ybc", DESK_RESET);
    let run = ws.run(&["build", "desk.ybc", "--format", "json", "-o", "out/desk.json"]);
    assert_eq!(run.code, 2, "the output folder must exist");
    std::fs::create_dir(ws.path().join("out")).expect("folder");
    let run = ws.run(&["build", "desk.ybc", "--format", "json", "-o", "out/desk.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = std::fs::read_to_string(ws.path().join("out/desk.json")).expect("written");
    let stdout = ws.run(&["build", "desk.ybc", "--format", "json"]).stdout;
    assert_eq!(written, stdout, "file and standard output agree");
    let leftovers: Vec<_> =
        std::fs::read_dir(ws.path().join("out")).expect("dir").flatten().map(|e| e.file_name()).collect();
    assert_eq!(leftovers.len(), 1, "no temporary files left: {leftovers:?}");
}

#[test]
fn build_refuses_to_overwrite_its_input() {
    let ws = Workspace::new();
    let path = ws.file("desk.ybc", DESK_RESET);
    let run = ws.run(&["build", "desk.ybc", "--format", "json", "-o", "./desk.ybc"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("refusing to write the output over the routine itself"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(path).expect("read"), DESK_RESET);
}

#[test]
fn build_does_not_compile_a_routine_with_errors() {
    let ws = Workspace::new();
    ws.file("bad.ybc", "locsut hold 30s\n");
    let run = ws.run(&["build", "bad.ybc", "--format", "json", "-o", "bad.json"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("`locsut` is not a pose I know."), "{}", run.stderr);
    assert!(run.stderr.contains("bad.ybc has errors, so it was not compiled."), "{}", run.stderr);
    assert!(!ws.path().join("bad.json").exists());
}

#[test]
fn build_output_is_byte_identical_across_runs() {
    let ws = Workspace::new();
    ws.file("desk.ybc", DESK_RESET);
    let first = ws.run(&["build", "desk.ybc", "--format", "json"]).stdout;
    let second = ws.run(&["build", "desk.ybc", "--format", "json"]).stdout;
    assert_eq!(first, second);
    assert!(first.starts_with("{\n  \"format\": \"ybc-timeline\",\n  \"version\": 1,"), "{first}");
}

#[cfg(unix)]
#[test]
fn build_output_is_readable_and_keeps_an_existing_files_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let ws = Workspace::new();
    ws.file("desk.ybc", DESK_RESET);
    assert_eq!(ws.run(&["build", "desk.ybc", "--format", "json", "-o", "new.json"]).code, 0);
    let mode = std::fs::metadata(ws.path().join("new.json")).expect("written").permissions().mode();
    assert_eq!(mode & 0o777, 0o644);
    let existing = ws.file("old.json", "{}");
    std::fs::set_permissions(&existing, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    assert_eq!(ws.run(&["build", "desk.ybc", "--format", "json", "-o", "old.json"]).code, 0);
    let mode = std::fs::metadata(&existing).expect("written").permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
}
