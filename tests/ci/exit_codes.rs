//! Exit codes: 0 clean or warnings only, 1 errors (or warnings with
//! --deny-warnings), 2 usage, config or I/O errors; the same in every format.

use crate::harness::{CLEAN, ONE_ERROR, ONE_WARNING, Workspace};

const FORMATS: [&str; 6] = ["human", "concise", "json", "github", "sarif", "junit"];

fn codes(ws: &Workspace, args: &[&str]) -> Vec<i32> {
    FORMATS
        .iter()
        .map(|format| {
            let mut all = vec!["check", "--format", format];
            all.extend_from_slice(args);
            ws.run(&all).code
        })
        .collect()
}

#[test]
fn clean_and_warnings_only_exit_zero() {
    let ws = Workspace::new();
    ws.file("clean.ybc", CLEAN);
    ws.file("warn.ybc", ONE_WARNING);
    assert_eq!(codes(&ws, &["clean.ybc"]), [0; 6]);
    assert_eq!(codes(&ws, &["warn.ybc"]), [0; 6]);
}

#[test]
fn errors_and_denied_warnings_exit_one() {
    let ws = Workspace::new();
    ws.file("error.ybc", ONE_ERROR);
    ws.file("warn.ybc", ONE_WARNING);
    assert_eq!(codes(&ws, &["error.ybc"]), [1; 6]);
    assert_eq!(codes(&ws, &["--deny-warnings", "warn.ybc"]), [1; 6]);
}

#[test]
fn usage_config_and_io_errors_exit_two() {
    let ws = Workspace::new();
    ws.file("error.ybc", ONE_ERROR);
    ws.symlink("nowhere", "broken.ybc");
    assert_eq!(codes(&ws, &["missing.ybc"]), [2; 6], "a path that does not exist");
    assert_eq!(codes(&ws, &["--no-such-flag"]), [2; 6], "an unknown flag");
    assert_eq!(codes(&ws, &["--threads", "many"]), [2; 6], "a malformed value");
    assert_eq!(codes(&ws, &[]), [2; 6], "an unreadable file wins over errors");
    ws.file("bad/ybc.toml", "[rules]\nno-such-rule = \"allow\"\n");
    ws.file("bad/a.ybc", CLEAN);
    assert_eq!(codes(&ws, &["bad/a.ybc"]), [2; 6], "a config file with errors");
}

#[test]
fn the_exit_codes_are_in_the_help() {
    let ws = Workspace::new();
    let help = ws.run(&["check", "--help"]).stdout;
    assert!(help.contains("Exit codes: 0 no errors (warnings are fine), 1 errors (or warnings with --deny-warnings),\n2 usage, config or file errors"), "{help}");
    for format in FORMATS {
        assert!(help.contains(format), "--help lists {format}");
    }
}

#[test]
fn quiet_prints_only_the_diagnostics() {
    let ws = Workspace::new();
    ws.file("error.ybc", ONE_ERROR);
    let run = ws.run(&["check", "--quiet"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "");
    assert!(run.stdout.contains("`locsut` is not a pose I know."));
    let loud = ws.run(&["check"]);
    assert_eq!(loud.stderr, "Checked 1 file: 1 error, 0 warnings.\n", "no time off a terminal");
}

#[test]
fn the_summary_has_the_time_on_a_terminal() {
    let ws = Workspace::new();
    ws.file("a.ybc", CLEAN);
    let ybc = assert_cmd::cargo::cargo_bin("ybc");
    // `script` runs the command on a pseudo-terminal (util-linux).
    let output = std::process::Command::new("script")
        .args(["-qec", &format!("'{}' check a.ybc", ybc.display()), "/dev/null"])
        .current_dir(ws.path())
        .env("NO_COLOR", "1")
        .output();
    let Ok(output) = output.map(|o| String::from_utf8_lossy(&o.stdout).into_owned()) else {
        eprintln!("skipped: `script` is not available to give ybc a terminal");
        return;
    };
    let line = output.lines().find(|l| l.starts_with("Checked")).unwrap_or_default().trim_end();
    let time = line.strip_prefix("Checked 1 file in ").and_then(|rest| rest.strip_suffix("s: 0 errors, 0 warnings."));
    assert!(time.is_some_and(|t| t.parse::<f64>().is_ok()), "{output:?}");
}

#[test]
fn a_config_error_stops_the_run_before_any_output() {
    let ws = Workspace::new();
    ws.file("a.ybc", ONE_ERROR);
    ws.file("bad/ybc.toml", "[rules]\nno-such-rule = \"allow\"\n");
    ws.file("bad/b.ybc", CLEAN);
    let run = ws.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "", "no half-written document");
    assert!(run.stderr.contains("`no-such-rule` is not a rule."), "{}", run.stderr);
}
