//! Hostile input: each case gets a clear diagnostic and the right exit code,
//! and never a panic (the harness fails any run whose stderr says "panicked"),
//! a hang (every run has a 30 s timeout) or a flood of output.

use crate::harness::{CLEAN, Workspace, error_locations, rule_locations};

/// Checks `bytes` as `routine.ybc` and returns (exit code, stdout, stderr).
fn check_bytes(bytes: &[u8]) -> (i32, String, String) {
    let ws = Workspace::new();
    ws.file("routine.ybc", bytes);
    let run = ws.run(&["check", "routine.ybc"]);
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
    bytes[10] = 0;
    let (code, out, _) = check_bytes(&bytes);
    assert_eq!(code, 1);
    assert!(out.contains("This file contains a NUL byte") || out.contains("not valid UTF-8"), "{out}");
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
    // 100,000 lines: steps alternating with comments (a plan holds at most 100,000 events).
    for i in 0..50_000 {
        text.push_str(if i % 2 == 0 { "  locust hold 20-30s\n" } else { "  childs-pose 30s\n" });
        text.push_str("  # breathe\n");
    }
    text.push_str("cooldown:\n  doorway-chest-opener hold 30s each side\n");
    let (code, _, err) = check_bytes(text.as_bytes());
    assert_eq!(code, 0, "{err}");
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
    let (code, out, _) = check_bytes(text.as_bytes());
    assert_eq!(code, 1);
    // `hodl` is character 33 of its line, whatever the bytes before it.
    assert_eq!(error_locations(&out), vec!["routine.ybc:2:34"], "{out}");
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
    assert!(rule_locations(&out, "unknown-pose").len() <= 200);
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
    ws.file("long.ybc", long_routine(1_500));
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
