//! Files are checked on all cores; the output is in path order whatever the timing.

use crate::harness::{CLEAN, Workspace};

/// 2,000 routines in 40 folders: most clean, some with an error, a warning or both.
fn tree() -> Workspace {
    let ws = Workspace::new();
    for i in 0..2000 {
        let text = match i % 7 {
            0 => CLEAN.replace("locust", "locsut"),
            3 => CLEAN.replace("locust hold 20-30s x3 rest 30s", "locust"),
            5 => format!("{}  brige hold 30s\n  locust hold 20s x2 rest 5s\n", CLEAN),
            _ => CLEAN.to_owned(),
        };
        ws.file(&format!("f{:02}/r{i:04}.ybc", i % 40), text);
    }
    ws
}

#[test]
fn two_runs_on_two_thousand_files_print_the_same() {
    let ws = tree();
    for format in ["concise", "json"] {
        let first = ws.run(&["check", "--format", format]);
        let second = ws.run(&["check", "--format", format, "--threads", "4"]);
        let single = ws.run(&["check", "--format", format, "--threads", "1"]);
        assert_eq!(first.code, 1);
        assert!(first.stdout.len() > 10_000, "{format}: plenty of output");
        assert!(first.stdout == second.stdout, "{format}: two runs differ");
        assert!(first.stdout == single.stdout, "{format}: parallel and one thread differ");
        assert_eq!(first.stderr, single.stderr);
    }
    let concise = ws.run(&["check", "--format", "concise"]).stdout;
    let files = crate::harness::files_in(&concise);
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted, "sorted by path");
    let summary = ws.run(&["check", "--quiet", "--format", "concise"]).stderr;
    assert_eq!(summary, "");
    let summary = ws.run(&["check", "--format", "concise", "--threads", "3"]).stderr;
    assert_eq!(summary.trim(), "Checked 2000 files: 571 errors, 571 warnings.");
}
