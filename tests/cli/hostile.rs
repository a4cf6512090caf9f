//! Hostile input: each case gets a clear diagnostic and the right exit code,
//! and never a panic (the harness fails any run whose stderr says "panicked"),
//! a hang (every run has a 30 s timeout) or a flood of output.

use crate::harness::{CLEAN, Workspace, check_json, error_locations};

/// Checks `bytes` as `routine.ybc` and returns (exit code, stdout, stderr).
fn check_bytes(bytes: &[u8]) -> (i32, String, String) {
    check_bytes_with(bytes, &[])
}

/// `ybc check routine.ybc` with `args` after it, on `bytes`.
fn check_bytes_with(bytes: &[u8], args: &[&str]) -> (i32, String, String) {
    let ws = Workspace::new();
    ws.file("routine.ybc", bytes);
    let mut all = vec!["check", "routine.ybc"];
    all.extend(args);
    let run = ws.run(&all);
    (run.code, run.stdout, run.stderr)
}

#[test]
fn only_comments_or_nothing_is_a_routine_with_no_steps() {
    for text in ["", "\n\n", "# a\n# b\n", "   \n\t\n"] {
        let (code, out, _) = check_bytes(text.as_bytes());
        assert_eq!(code, 1, "{text:?}");
        assert!(out.contains("This routine has no steps."), "{text:?}: {out}");
    }
}

#[test]
fn binary_data_is_refused_as_not_a_routine() {
    let mut bytes: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
    // The first byte is already NUL (0 × anything); the one at 10 is not the first.
    bytes[10] = 0;
    let (code, out, _) = check_bytes(&bytes);
    assert_eq!(code, 1);
    assert!(out.contains("× This file contains a NUL byte, so it looks like a binary file, not a routine."), "{out}");
    assert!(out.contains("[routine.ybc:1:1]"), "the first NUL byte is where it points: {out}");
    assert!(out.contains("help: Check that this is the routine you meant"), "{out}");
}

#[test]
fn a_utf16_file_says_how_to_save_it() {
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(CLEAN.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let (code, out, _) = check_bytes(&utf16);
    assert_eq!(code, 1);
    assert!(out.contains("saved as UTF-16") && out.contains("Save the file as UTF-8"), "{out}");
}

#[test]
fn a_bom_crlf_and_lone_cr_read_like_plain_text() {
    for text in [format!("\u{feff}{CLEAN}"), CLEAN.replace('\n', "\r\n"), CLEAN.replace('\n', "\r")] {
        let (code, out, err) = check_bytes(text.as_bytes());
        assert_eq!(code, 0, "{out}{err}");
        assert_eq!(out, "");
    }
}

#[test]
fn a_ten_megabyte_line_is_reported_without_quoting_it() {
    let line = "a".repeat(10_000_000);
    let (code, out, _) = check_bytes(line.as_bytes());
    assert_eq!(code, 1);
    assert!(out.contains("too long to show"), "{}", &out[..out.len().min(500)]);
    assert!(out.len() < 2_000, "the report quotes the line: {} bytes", out.len());
}

#[test]
fn a_hundred_thousand_lines_check() {
    let mut text = String::from("warmup:\n  cat-cow 8 reps\nstrength:\n");
    // 100,000 lines: 9,990 steps (a file holds at most 10,000 lines that say
    // something), each with nine comment lines after it.
    for i in 0..9_990 {
        text.push_str(if i % 2 == 0 { "  locust hold 20-30s\n" } else { "  childs-pose 30s\n" });
        text.push_str(&"  # breathe\n".repeat(9));
    }
    text.push_str("cooldown:\n  doorway-chest-opener hold 30s each side\n");
    assert!(text.lines().count() > 99_900);
    let (code, _, err) = check_bytes(text.as_bytes());
    assert_eq!(code, 0, "{err}");
}

/// Past 10,000 lines that say something, a file is read no further: one
/// error says where, whatever else is listed, and the check fails.
#[test]
fn a_file_of_more_than_ten_thousand_steps_is_read_no_further() {
    let mut text = String::from("strength:\n");
    // The section's head and 9,999 steps are 10,000 lines; then two more.
    text.push_str(&"  locust hold 20-30s\n".repeat(9_999));
    text.push_str("  x\n  x\n");
    let (code, out, _) = check_bytes_with(text.as_bytes(), &["--format", "concise"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "routine.ybc:10001:3: error[file-too-long] This file holds more than 10,000 lines of steps, rests, notes \
             and headers, so ybc read no further than this line."
        ),
        "{}",
        &out[out.len().saturating_sub(3000)..]
    );
    // The lines after it are not read: no unknown pose is reported.
    assert!(!out.contains("unknown-pose"), "{}", &out[out.len().saturating_sub(3000)..]);
}

/// A line of more than 10,000 characters is one error, not read, and the
/// lines around it are read as usual.
#[test]
fn a_line_of_more_than_ten_thousand_characters_is_not_read() {
    let text = format!("strength:\n  locust hold 30s\n  cobra{}\n  x\n", " slowly".repeat(2_000));
    let (code, out, _) = check_bytes_with(text.as_bytes(), &["--format", "concise"]);
    assert_eq!(code, 1, "{out}");
    let lines: Vec<&str> = out.lines().filter(|l| l.contains("error[")).collect();
    assert_eq!(
        lines,
        [
            "routine.ybc:3:10001: error[line-too-long] This line is 14,007 characters long, more than the 10,000 a \
             line of a routine may hold, so ybc did not read it.",
            "routine.ybc:4:3: error[unknown-pose] `x` is not a pose I know.",
        ]
    );
}

#[test]
fn indentation_ten_thousand_levels_deep_does_not_overflow() {
    let mut text = String::from("strength:\n");
    for depth in 1..=10_000 {
        text.push_str(&" ".repeat(depth));
        text.push_str("3 rounds rest 30s:\n");
    }
    text.push_str(&" ".repeat(10_001));
    text.push_str("locust hold 20s\n");
    let (code, out, err) = check_bytes(text.as_bytes());
    assert_eq!(code, 1);
    assert!(out.contains("Blocks nest more than 4 deep here."), "{}", &out[..out.len().min(2000)]);
    assert!(out.contains("more diagnostics not shown"), "the report is capped");
    assert!(err.contains("error"), "{err}");
}

#[test]
fn numbers_that_overflow_are_errors_not_wraparounds() {
    for (text, message) in [
        ("locust hold 30s x99999999999999999999\n", "far too large a number"),
        ("locust hold 99999999999h\n", "longer than a day"),
        ("99999999999999999999 rounds:\n  locust hold 20s\n", "far too large a number"),
        ("cat-cow 18446744073709551616 reps\n", "far too large a number"),
    ] {
        let (code, out, _) = check_bytes(text.as_bytes());
        assert_eq!(code, 1, "{text}");
        assert!(out.contains(message), "{text}: {out}");
    }
}

#[test]
fn ranges_that_multiply_past_any_limit_are_caught_before_planning() {
    let text = "50 rounds:\n  50 rounds:\n    50 rounds:\n      locust 100 reps hold 10m x20 rest 30m\n";
    let (code, out, _) = check_bytes(text.as_bytes());
    assert_eq!(code, 1);
    assert!(out.contains("timed events, more than the 100000 a plan can hold"), "{out}");
}

#[test]
fn homoglyphs_and_invisible_characters_in_names_are_named() {
    let (code, out, _) = check_bytes("str\u{0435}ngth:\n  l\u{043E}cust hold 20s\n".as_bytes());
    assert_eq!(code, 1);
    assert!(out.contains("a Cyrillic letter that looks like `o`"), "{out}");
    let (_, out, _) = check_bytes("\u{200B}locust hold 20s\n".as_bytes());
    assert!(out.contains("an invisible character"), "{out}");
}

#[test]
fn right_to_left_text_and_emoji_in_cues_keep_columns_right() {
    let text = "warmup:\n  cat-cow 8 reps \"שלום 🧘 नमस्ते\" hodl\n";
    let run = check_json(text);
    assert_eq!(run.code, 1);
    // `hodl` is character 33 of its line, whatever the bytes before it.
    assert_eq!(error_locations(&run.stdout), vec!["routine.ybc:2:34"], "{}", run.stdout);
}

#[test]
fn html_and_template_syntax_in_text_is_just_text() {
    let text = format!(
        "title \"<script>alert(1)</script> {{{{ evil }}}}\"\n{}",
        CLEAN.replace("cat-cow 8 reps", "cat-cow 8 reps \"</script><b>{{x}}</b>\"")
    );
    let ws = Workspace::new();
    ws.file("routine.ybc", &text);
    let run = ws.run(&["check", "routine.ybc"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let json = ws.run(&["build", "routine.ybc", "--format", "json"]);
    let parsed: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    assert_eq!(parsed["meta"]["title"], "<script>alert(1)</script> {{ evil }}");
}

#[test]
fn a_folder_given_as_a_routine_is_a_usage_error() {
    let ws = Workspace::new();
    std::fs::create_dir(ws.path().join("class.ybc")).expect("folder");
    let run = ws.run(&["plan", "class.ybc"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("is a folder"), "{}", run.stderr);
}

#[test]
fn the_report_of_a_pathological_file_is_capped() {
    let text = "  x\n".repeat(5_000);
    let (code, out, _) = check_bytes(text.as_bytes());
    assert_eq!(code, 1);
    // The human report names each diagnostic's rule on a line of its own.
    let shown = out.lines().filter(|line| *line == "unknown-pose").count();
    assert!((1..=200).contains(&shown), "{shown} unknown poses shown");
    assert!(out.contains("more diagnostics not shown"));
}

/// A long routine that builds without errors, for interrupting a build.
fn long_routine(classes: usize) -> String {
    let mut text = String::from("title \"Long\"\nprops mat, block, wall\n\n");
    for _ in 0..classes {
        text.push_str("warmup:\n  cat-cow 8 reps \"long arm reaches\"\n  thread-the-needle 6 reps each side\n");
        text.push_str("strength:\n  locust hold 20-30s x3 rest 30s\n  childs-pose 30s\n");
        text.push_str("cooldown:\n  doorway-chest-opener hold 30s each side\n\n");
    }
    text
}

#[test]
fn a_killed_build_never_leaves_a_half_written_output() {
    let ws = Workspace::new();
    ws.file("long.ybc", long_routine(1_200));
    let old = "{\"old\": true}\n";
    let out = ws.file("out.json", old);
    for delay_ms in [0u64, 2, 5, 10, 20, 40, 80, 160, 320] {
        std::fs::write(&out, old).expect("reset output");
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("ybc"))
            .current_dir(ws.path())
            .args(["build", "long.ybc", "--format", "json", "-o", "out.json"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start ybc");
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let status = child.wait().expect("wait");
        let written = std::fs::read_to_string(&out).expect("the output is still there");
        if written == old {
            continue;
        }
        // Not the old file: then it is the whole new one, never a part of it.
        let parsed: serde_json::Value = serde_json::from_str(&written).unwrap_or_else(|e| {
            panic!("after a kill at {delay_ms} ms ({status}) the output is neither old nor whole: {e}")
        });
        assert_eq!(parsed["format"], "ybc-timeline");
    }
    // The last, unkilled run shows the same file whole.
    let run = ws.run(&["build", "long.ybc", "--format", "json", "-o", "out.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = std::fs::read_to_string(&out).expect("written");
    assert!(serde_json::from_str::<serde_json::Value>(&written).is_ok());
}

#[test]
fn a_failed_write_leaves_the_target_as_it_was() {
    let ws = Workspace::new();
    ws.file("class.ybc", CLEAN);
    // The output path is a folder: the final rename fails, and nothing else changes.
    std::fs::create_dir(ws.path().join("out.json")).expect("folder");
    ws.file("out.json/keep.txt", "keep");
    let run = ws.run(&["build", "class.ybc", "--format", "json", "-o", "out.json"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("can't write out.json"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(ws.path().join("out.json/keep.txt")).expect("kept"), "keep");
    let leftovers: Vec<_> = std::fs::read_dir(ws.path())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind: {leftovers:?}");
}

/// Makes a named pipe at `name` in the workspace, or says why it can't and returns `false`.
fn named_pipe(ws: &Workspace, name: &str) -> bool {
    let path = ws.path().join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("folder");
    }
    match std::process::Command::new("mkfifo").arg(&path).status() {
        Ok(status) if status.success() => true,
        other => {
            eprintln!("skipped: `mkfifo` could not make a named pipe: {other:?}");
            false
        }
    }
}

/// A routine with one error, an unknown pose at 4:3.
fn one_error() -> String {
    CLEAN.replace("locust", "locsut")
}

#[test]
fn a_named_pipe_given_as_a_path_is_refused_without_waiting_for_a_writer() {
    let ws = Workspace::new();
    if !named_pipe(&ws, "pipe.ybc") {
        return;
    }
    ws.file("class.ybc", one_error());
    // Nothing ever writes to the pipe: opening it to read would wait forever,
    // and the harness's timeout would fail the test.
    let run = ws.run(&["check", "pipe.ybc", "class.ybc"]);
    assert_eq!(run.code, 2, "a file that cannot be read is an I/O error:\n{}", run.stderr);
    assert!(run.stdout.contains("× can't read pipe.ybc: it is a named pipe, not a regular file"), "{}", run.stdout);
    assert!(run.stdout.contains("help: ybc reads only regular files"), "{}", run.stdout);
    assert!(run.stdout.contains("`locsut` is not a pose I know."), "the other file is still checked: {}", run.stdout);
    assert_eq!(run.stderr.trim(), "Checked 1 file: 1 error, 0 warnings. 1 file could not be read.");
    let concise = ws.run(&["check", "--format", "concise", "pipe.ybc"]);
    assert_eq!(
        (concise.code, concise.stdout.as_str()),
        (2, "pipe.ybc:1:1: error[io] can't read pipe.ybc: it is a named pipe, not a regular file\n")
    );
    let json = ws.run(&["check", "--format", "json", "pipe.ybc"]);
    let findings: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    assert_eq!(
        findings[0]["help"],
        "ybc reads only regular files, so that a pipe or a device cannot keep it waiting. Save the routine to a \
         file, or send it on standard input: `ybc check - < pipe.ybc`."
    );
    // Code scanning shows the rule's help beside the result: it names pipes too.
    let sarif = ws.run(&["check", "--format", "sarif", "pipe.ybc"]);
    let log: serde_json::Value = serde_json::from_str(&sarif.stdout).expect("sarif");
    let run0 = &log["runs"][0];
    assert_eq!(run0["results"][0]["ruleId"], "io");
    let rules = run0["tool"]["driver"]["rules"].as_array().expect("rules");
    let io = rules.iter().find(|rule| rule["id"] == "io").expect("the io rule is listed");
    let help = io["help"]["text"].as_str().expect("help text");
    assert!(help.contains("regular file (not a named pipe or a device"), "{help}");
    // Every other command that reads a file named on the command line.
    for (args, what) in [
        (&["plan", "pipe.ybc"][..], "pipe.ybc"),
        (&["build", "pipe.ybc", "--format", "json"], "pipe.ybc"),
        (&["fmt", "pipe.ybc"], "pipe.ybc"),
        (&["fmt", "--check", "pipe.ybc"], "pipe.ybc"),
        (&["--catalog", "pipe.ybc", "poses"], "pipe.ybc"),
        (&["check", "--config", "pipe.ybc", "class.ybc"], "the config file pipe.ybc"),
    ] {
        let run = ws.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("error: can't read {what}: it is a named pipe, not a regular file\n  help: ")),
            "{args:?}: {}",
            run.stderr
        );
        assert_eq!(run.stdout, "", "{args:?}");
    }
}

#[test]
fn a_file_larger_than_ybc_reads_is_refused_before_it_is_read() {
    let ws = Workspace::new();
    ws.file("class.ybc", one_error());
    // 65 MB, sparse: a log or a video named like a routine. Reading it would
    // cost about 1.5 GB of memory; it is refused by its size instead.
    let huge = ws.file("huge.ybc", "");
    std::fs::File::options().write(true).open(&huge).and_then(|f| f.set_len(65 << 20)).expect("a sparse file");
    let run = ws.run(&["check", "--format", "concise", "huge.ybc", "class.ybc"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("huge.ybc:1:1: error[io] can't read huge.ybc: it is larger than 64 MB, the most ybc reads\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("class.ybc:"), "the other file is still checked: {}", run.stdout);
    let json = ws.run(&["check", "--format", "json", "huge.ybc"]);
    let findings: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    assert_eq!(
        findings[0]["help"],
        "Check that this is the file you meant. Routines, catalogs and configs are a few kilobytes; ybc stops at 64 \
         MB so that a stray large file cannot use up the machine's memory. In a folder, `--exclude` leaves a file out."
    );
    let sarif = ws.run(&["check", "--format", "sarif", "huge.ybc"]);
    let log: serde_json::Value = serde_json::from_str(&sarif.stdout).expect("sarif");
    let rules = log["runs"][0]["tool"]["driver"]["rules"].as_array().expect("rules");
    let io = rules.iter().find(|rule| rule["id"] == "io").expect("the io rule is listed");
    assert!(io["help"]["text"].as_str().is_some_and(|help| help.contains("no larger than 64 MB")), "{io}");
    for (args, what, folders) in [
        (&["build", "huge.ybc", "--format", "json"][..], "huge.ybc", false),
        (&["fmt", "huge.ybc"], "huge.ybc", true),
        (&["--catalog", "huge.ybc", "poses"], "huge.ybc", false),
        (&["check", "--config", "huge.ybc", "class.ybc"], "the config file huge.ybc", false),
    ] {
        let run = ws.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!(
                "error: can't read {what}: it is larger than 64 MB, the most ybc reads\n  help: Check that this is the file you meant."
            )),
            "{args:?}: {}",
            run.stderr
        );
        assert_eq!(run.stderr.contains("--exclude"), folders, "{args:?}: {}", run.stderr);
        assert_eq!(run.stdout, "", "{args:?}");
    }
    // Standard input has no size to look at: it is read up to the limit and no further.
    let piped = ws.ybc(&["check", "--format", "concise", "-"]).stdin(vec![b'\n'; 64_000_001]).run();
    assert_eq!(
        (piped.code, piped.stdout.as_str()),
        (2, "<stdin>:1:1: error[io] can't read <stdin>: it is larger than 64 MB, the most ybc reads\n"),
        "{}",
        piped.stderr
    );
    let piped = ws.ybc(&["check", "--format", "json", "-"]).stdin(vec![b'\n'; 64_000_001]).run();
    let findings: serde_json::Value = serde_json::from_str(&piped.stdout).expect("json");
    assert!(findings[0]["help"].as_str().is_some_and(|h| h.starts_with("Check what is sent to standard input.")));
}

#[test]
fn named_pipes_in_a_folder_are_left_alone() {
    let ws = Workspace::new();
    if !named_pipe(&ws, "class/pipe.ybc") || !named_pipe(&ws, "class/ybc.toml") {
        return;
    }
    std::os::unix::fs::symlink("pipe.ybc", ws.path().join("class/link.ybc")).expect("symlink");
    ws.file("class/a.ybc", CLEAN);
    // A pipe named like a routine, a link to it and a pipe named like a config:
    // none is opened, so none can keep ybc waiting.
    let run = ws.run(&["check", "--format", "concise", "class"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    assert_eq!(run.stderr.trim(), "Checked 1 file: 0 errors, 0 warnings.");
    let fmt = ws.run(&["fmt", "--check", "class"]);
    assert_eq!(fmt.stderr, "1 routine would be reformatted, 0 already formatted.\n");
}

/// Waits for `child` to end, at most 30 s, and returns its exit code, stdout and stderr.
fn finish(mut child: std::process::Child) -> (i32, String, String) {
    use std::io::Read;
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut text = String::new();
        stdout.read_to_string(&mut text).map(|_| text)
    });
    let err = std::thread::spawn(move || {
        let mut text = String::new();
        stderr.read_to_string(&mut text).map(|_| text)
    });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("ybc did not finish within 30 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    let stdout = out.join().expect("stdout reader").expect("stdout");
    let stderr = err.join().expect("stderr reader").expect("stderr");
    assert!(!stderr.contains("panicked"), "ybc panicked:\n{stderr}");
    (status.code().unwrap_or(-1), stdout, stderr)
}

#[test]
fn a_file_deleted_between_the_walk_and_the_read_is_reported_and_the_rest_checked() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let ws = Workspace::new();
    ws.file("class/a.ybc", one_error());
    let doomed = ws.file("class/b.ybc", CLEAN);
    ws.file("class/c.ybc", CLEAN);
    // ybc takes its paths in order: it lists the routines in `class`, then
    // reads standard input to the end, and only then reads the routines. So
    // standard input is a gate, without a race: a write larger than a pipe
    // holds (64 KiB, at most 1 MiB) returns only once ybc is reading it, when
    // `class` has been listed; the file is deleted then, and only then is
    // standard input closed and ybc let on to reading the routines.
    let mut routine = CLEAN.to_owned();
    let padding = format!("# {}\n", "breathe ".repeat(125));
    while routine.len() < 2 << 20 {
        routine.push_str(&padding);
    }
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("ybc"))
        .current_dir(ws.path())
        .env("NO_COLOR", "1")
        .env("RUST_BACKTRACE", "1")
        .args(["check", "class", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start ybc");
    let mut stdin = child.stdin.take().expect("stdin");
    let (sent, written) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let result = stdin.write_all(routine.as_bytes());
        let _ = sent.send((stdin, result));
    });
    let Ok((stdin, result)) = written.recv_timeout(std::time::Duration::from_secs(30)) else {
        let _ = child.kill();
        panic!("ybc did not read standard input within 30 s");
    };
    result.expect("write standard input");
    std::fs::remove_file(&doomed).expect("delete b.ybc");
    drop(stdin);
    let (code, stdout, stderr) = finish(child);
    assert_eq!(code, 2, "a file that cannot be read is an I/O error:\n{stderr}");
    assert!(stdout.contains("× can't read class/b.ybc: it was deleted or moved after ybc found it"), "{stdout}");
    assert!(stdout.contains("help: Check again once nothing else is changing the files."), "{stdout}");
    assert!(stdout.contains("`locsut` is not a pose I know."), "the other files are still checked: {stdout}");
    assert_eq!(stderr.trim(), "Checked 3 files: 1 error, 0 warnings. 1 file could not be read.");
}

#[test]
fn symbolic_link_loops_between_files_are_reported_not_followed() {
    let ws = Workspace::new();
    ws.file("class/a.ybc", one_error());
    std::os::unix::fs::symlink("y.ybc", ws.path().join("class/x.ybc")).expect("symlink");
    std::os::unix::fs::symlink("x.ybc", ws.path().join("class/y.ybc")).expect("symlink");
    std::os::unix::fs::symlink("self.ybc", ws.path().join("class/self.ybc")).expect("symlink");
    std::os::unix::fs::symlink("..", ws.path().join("class/up")).expect("symlink");
    let run = ws.run(&["check", "--format", "concise", "class"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "class/a.ybc:4:3: error[unknown-pose] `locsut` is not a pose I know.\n\
         class/self.ybc:1:1: error[io] can't read class/self.ybc: too many levels of symbolic links (a broken symbolic link)\n\
         class/x.ybc:1:1: error[io] can't read class/x.ybc: too many levels of symbolic links (a broken symbolic link)\n\
         class/y.ybc:1:1: error[io] can't read class/y.ybc: too many levels of symbolic links (a broken symbolic link)\n"
    );
    let human = ws.run(&["check", "class"]);
    assert!(human.stdout.contains("help: Point the link at a routine file, or remove it."), "{}", human.stdout);
    // Named on the command line, a loop is a path that cannot be used: a usage error.
    let named = ws.run(&["check", "class/x.ybc"]);
    assert_eq!(named.code, 2);
    assert_eq!(named.stderr, "error: can't read class/x.ybc: too many levels of symbolic links\n");
    // A folder reached again through a link to a folder above it is walked once.
    let looped = ws.run(&["check", "--format", "concise", "class/up/class/up/class"]);
    assert_eq!(looped.code, 2, "{}", looped.stderr);
    assert_eq!(looped.stdout.lines().count(), 4, "{}", looped.stdout);
}

/// A file defines at most 1,000 poses: the 1,001st `pose` line is one error,
/// and the poses before it are defined and checked as usual.
#[test]
fn a_file_of_more_than_a_thousand_poses_is_read_up_to_the_thousandth() {
    let mut text = String::new();
    for i in 0..1_001 {
        text.push_str(&format!("pose wall-angel-{i:04} \"Wall Angel {i}\" focus mobility hold 20-40s\n"));
    }
    text.push_str("warmup:\n  wall-angel-0999 hold 30s\n  wall-angel-1000 hold 30s\n");
    let (code, out, _) = check_bytes_with(text.as_bytes(), &["--format", "concise"]);
    assert_eq!(code, 1, "{out}");
    let errors: Vec<&str> = out.lines().filter(|l| l.contains("error[")).collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0].starts_with(
            "routine.ybc:1001:1: error[custom-pose] This file defines more than 1,000 poses, so ybc read no further \
             `pose` lines from this one on."
        ),
        "{errors:?}"
    );
    assert!(errors[1].starts_with("routine.ybc:1004:3: error[unknown-pose] `wall-angel-1000`"), "{errors:?}");
}

/// A rule turned off in ybc.toml stays off for the problems past the first
/// 1,000, which are counted, not listed: they do not fail the check.
#[test]
fn levels_apply_to_the_problems_not_listed() {
    let ws = Workspace::new();
    ws.file("ybc.toml", "[rules]\nunknown-prop = \"allow\"\nmissing-warmup = \"allow\"\nmissing-cooldown = \"allow\"\nno-mobility-pairing = \"allow\"\nextension-streak = \"allow\"\n");
    let mut text = String::from("strength:\n");
    for i in 0..1_500 {
        text.push_str(if i % 2 == 0 {
            "  locust hold 20-30s with kettlebell\n"
        } else {
            "  childs-pose 30s with kettlebell\n"
        });
    }
    ws.file("kb.ybc", &text);
    let run = ws.run(&["check", "--config", "ybc.toml", "--format", "concise", "kb.ybc"]);
    assert_eq!(run.code, 0, "{}{}", &run.stdout[..run.stdout.len().min(2000)], run.stderr);
    assert!(!run.stdout.contains("too-many"), "{}", &run.stdout[..run.stdout.len().min(2000)]);
}

/// A block open where reading stopped is not reported empty: its steps may
/// come after the line where ybc stopped.
#[test]
fn a_block_open_where_reading_stopped_is_not_called_empty() {
    let mut text = String::from("warmup:\n");
    text.push_str(&"  cat-cow 8 reps\n".repeat(9_998));
    text.push_str("cooldown:\n  childs-pose 1m\n");
    let (code, out, _) = check_bytes_with(text.as_bytes(), &["--format", "concise"]);
    assert_eq!(code, 1);
    assert!(out.contains("error[file-too-long]"), "{}", &out[out.len().saturating_sub(2000)..]);
    assert!(!out.contains("empty-block"), "{}", &out[out.len().saturating_sub(2000)..]);
}

/// `build --adapt` adapts a routine whose errors past the first 1,000 are all
/// contraindications, which adapting fixes.
#[test]
fn adapting_is_not_refused_for_contraindications_not_listed() {
    let ws = Workspace::new();
    let text = format!("audience neck-pain\nstrength:\n{}", "  locust hold 20-30s\n".repeat(1_005));
    ws.file("many.ybc", &text);
    let run = ws.run(&["build", "many.ybc", "--adapt", "--format", "json", "-o", "out.json"]);
    assert!(!run.stderr.contains("adapting can't fix"), "{}", &run.stderr[..run.stderr.len().min(2000)]);
}

/// A line that formatting would lengthen past the limit (a tab indent becomes
/// two spaces) is the routine's, said so; not reported as a bug in `ybc fmt`.
#[test]
fn fmt_does_not_call_a_line_it_would_lengthen_past_the_limit_a_bug() {
    let ws = Workspace::new();
    let head = "\tcat-cow 8 reps \"";
    let cue = "a".repeat(10_000 - head.len() - 1);
    ws.file("long.ybc", format!("warmup:\n{head}{cue}\"\n"));
    let checked = ws.run(&["check", "long.ybc"]);
    assert_eq!(checked.code, 0, "{}", checked.stdout);
    let run = ws.run(&["fmt", "--check", "long.ybc"]);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(!all.contains("bug in `ybc fmt`"), "{all}");
    assert!(all.contains("Formatted, this line would be longer than the 10,000 characters"), "{all}");
}
