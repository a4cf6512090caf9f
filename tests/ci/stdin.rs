//! `ybc check -`: a routine from standard input, for editors and pre-commit.

use crate::harness::{ONE_ERROR, ONE_WARNING, Workspace};

#[test]
fn a_dash_reads_the_routine_from_standard_input() {
    let ws = Workspace::new();
    let run = ws.ybc(&["check", "-", "--format", "concise"]).stdin(ONE_ERROR).run();
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "<stdin>:4:3: error[unknown-pose] `locsut` is not a pose I know.\n");
    assert_eq!(run.stderr.trim(), "Checked 1 file: 1 error, 0 warnings.");
}

#[test]
fn the_stdin_filename_names_it_and_finds_its_config() {
    let ws = Workspace::new();
    ws.file("studio/ybc.toml", "[rules]\nmissing-dose = \"error\"\n");
    let run =
        ws.ybc(&["check", "-", "--stdin-filename", "studio/class.ybc", "--format", "concise"]).stdin(ONE_WARNING).run();
    assert_eq!(run.code, 1, "studio/ybc.toml makes the missing dose an error: {}", run.stdout);
    assert!(run.stdout.starts_with("studio/class.ybc:4:3: error[missing-dose]"), "{}", run.stdout);
    let elsewhere =
        ws.ybc(&["check", "-", "--stdin-filename", "class.ybc", "--format", "concise"]).stdin(ONE_WARNING).run();
    assert_eq!(elsewhere.code, 0);
    assert!(elsewhere.stdout.starts_with("class.ybc:4:3: warning[missing-dose]"), "{}", elsewhere.stdout);
}

#[test]
fn stdin_works_with_every_format() {
    let ws = Workspace::new();
    for format in ["human", "concise", "json", "github", "sarif", "junit"] {
        let run = ws.ybc(&["check", "-", "--stdin-filename", "in.ybc", "--format", format]).stdin(ONE_ERROR).run();
        assert_eq!(run.code, 1, "{format}");
        assert!(run.stdout.contains("in.ybc"), "{format}: {}", run.stdout);
    }
}

#[test]
fn stdin_filename_without_a_dash_and_two_dashes_are_usage_errors() {
    let ws = Workspace::new();
    let run = ws.ybc(&["check", "--stdin-filename", "a.ybc"]).stdin(ONE_ERROR).run();
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("give `-` as the path"), "{}", run.stderr);
    let run = ws.ybc(&["check", "-", "-"]).stdin(ONE_ERROR).run();
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("only once"), "{}", run.stderr);
}
