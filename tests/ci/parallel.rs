//! Files are checked on all cores; the output is in path order whatever the
//! timing, byte for byte the same in every format whatever the thread count.

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
    let first = ws.run(&["check", "--format", "concise"]);
    let second = ws.run(&["check", "--format", "concise", "--threads", "4"]);
    let single = ws.run(&["check", "--format", "concise", "--threads", "1"]);
    assert_eq!(first.code, 1);
    assert!(first.stdout.len() > 10_000, "plenty of output");
    assert!(first.stdout == second.stdout, "two runs differ");
    assert!(first.stdout == single.stdout, "parallel and one thread differ");
    assert_eq!(first.stderr, single.stderr);
    assert_eq!(first.stderr.trim(), "Checked 2000 files: 571 errors, 571 warnings.");
    let files = crate::harness::files_in(&first.stdout);
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted, "sorted by path");
    let summary = ws.run(&["check", "--quiet", "--format", "concise"]).stderr;
    assert_eq!(summary, "");
}

/// Where two outputs first differ, to show instead of two long outputs.
fn first_difference(a: &str, b: &str) -> String {
    let line = a.lines().zip(b.lines()).position(|(x, y)| x != y).unwrap_or(a.lines().count().min(b.lines().count()));
    format!(
        "line {}: {:?} against {:?}",
        line + 1,
        a.lines().nth(line).unwrap_or("(the end)"),
        b.lines().nth(line).unwrap_or("(the end)")
    )
}

#[test]
fn every_format_prints_the_same_bytes_with_one_thread_and_eight() {
    // 600 routines, more than one batch of 512, with every kind of finding, a
    // file that is not UTF-8 and one that cannot be read; in folders with
    // names that sort differently by bytes and by characters.
    let ws = Workspace::new();
    for i in 0..600 {
        let text = match i % 6 {
            0 => CLEAN.replace("locust", "locsut"),
            1 => CLEAN.replace("locust hold 20-30s x3 rest 30s", "locust"),
            2 => format!("{CLEAN}  brige hold 30s\n  locust hold 20s x2 rest 5s\n"),
            3 => CLEAN.replace("cooldown:\n  doorway-chest-opener hold 30s each side\n", ""),
            _ => CLEAN.to_owned(),
        };
        let folder = ["a", "B", "é", "a b", "z"][i % 5];
        ws.file(&format!("{folder}/r{i:03}.ybc"), text);
    }
    ws.file("a/latin1.ybc", b"warmup:\n  cat-cow 8 reps \"caf\xe9\"\n");
    ws.symlink("nowhere", "B/broken.ybc");
    for format in ["human", "concise", "json", "github", "sarif", "junit"] {
        let one = ws.run(&["check", "--format", format, "--threads", "1"]);
        let eight = ws.run(&["check", "--format", format, "--threads", "8"]);
        assert_eq!((one.code, eight.code), (2, 2), "{format}: an unreadable file makes it 2\n{}", one.stderr);
        assert!(one.stdout.len() > 10_000, "{format}: plenty of output");
        assert!(one.stdout.contains("broken.ybc") && one.stdout.contains("latin1.ybc"), "{format}");
        assert!(
            one.stdout == eight.stdout,
            "{format}: one thread and eight differ at {}",
            first_difference(&one.stdout, &eight.stdout)
        );
        assert_eq!(one.stderr, eight.stderr, "{format}");
    }
}
