//! Time and output that grow with the input, not faster. Each input here made
//! the old code take minutes (in this debug build), or print thousands of
//! lines, and now takes well under the harness's 30 s timeout: a run that
//! went back to the old cost would time out, which is what these tests catch.
//! The figures (1 MB against 4 MB) are a benchmark: docs/performance.md.

use crate::harness::Workspace;

/// 150 lines of 3,329 `zz` (1.5 MB): a diagnostic for each, its column
/// counted from the line's start each time, was quadratic (one 1.5 MB line:
/// 25.8 s in a release build). Now one pass per line; the first 1,000 are
/// listed, with their exact columns, and the rest are counted.
#[test]
fn columns_on_long_lines_are_found_in_one_pass() {
    let ws = Workspace::new();
    let line = format!("  locust \"é\"{}\n", " zz".repeat(3_329));
    ws.file("long.ybc", format!("strength:\n{}", line.repeat(150)));
    let run = ws.run(&["check", "--format", "concise", "long.ybc"]);
    assert_eq!(run.code, 1);
    let zz: Vec<&str> = run.stdout.lines().filter(|l| l.contains("error[syntax]")).collect();
    // The first 1,000 problems in the file: a note and two warnings, then 997 `zz`.
    assert_eq!(zz.len(), 997);
    // `  locust "é"` is 12 characters (13 bytes): the first `zz` is column 14, each next 3 further.
    assert!(zz.first().is_some_and(|l| l.starts_with("long.ybc:2:14:")), "{:?}", zz.first());
    assert!(zz.last().is_some_and(|l| l.starts_with("long.ybc:2:3002:")), "{:?}", zz.last());
    // 150 × 3,329 `zz` and the two warnings about the last line (150 locust holds run well past 20
    // minutes with no final relaxation), less those listed.
    let note = "long.ybc:2:3005: error[too-many] ybc lists the first 1,000 problems in a file; 498,355 more are not \
                listed (498,353 errors, 2 warnings).";
    assert!(run.stdout.contains(note), "{}", &run.stdout[run.stdout.len().saturating_sub(500)..]);
}

/// `fmt --check` on 9,999 lines `locust zz` (a file holds at most 10,000
/// lines that say something): the diagnostics that explain the unreadable
/// words were found by comparing each with every word (100,000 lines: 3.1 s
/// in a release build). Now one search each.
#[test]
fn fmt_explains_a_hundred_thousand_unreadable_words_at_once() {
    let ws = Workspace::new();
    ws.file("many.ybc", "strength:\n".to_owned() + &"  locust zz\n".repeat(9_999));
    let run = ws.run(&["fmt", "--check", "many.ybc"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(all.contains("`zz` is not something I understand in a step."), "{}", &all[..all.len().min(2000)]);
    assert!(all.contains("more are not listed"), "{}", &all[all.len().saturating_sub(2000)..]);
}

/// 1,000 `pose` lines (the most a file may define) and 8,000 unknown names:
/// each name was compared with every custom pose for a suggestion (8,000 of
/// each: 23.5 s in a release build). Now only names of a near length and
/// letters, at most 512 of each list, are looked at, nearest first. The first 1,000 names
/// are listed, each with its suggestion.
#[test]
fn thousands_of_custom_poses_and_unknown_names_are_checked_at_once() {
    let mut text = String::new();
    for i in 0..1_000 {
        text.push_str(&format!("pose wall-angel-{i:05} \"Wall Angel {i}\" focus mobility hold 20-40s\n"));
    }
    text.push_str("strength:\n");
    for i in 0..8_000 {
        text.push_str(&format!("  wall-angel-{:05}x hold 30s\n", i % 1_000));
    }
    let ws = Workspace::new();
    ws.file("poses.ybc", &text);
    let run = ws.run(&["check", "--format", "json", "poses.ybc"]);
    assert_eq!(run.code, 1);
    let unknown = run.stdout.lines().filter(|l| l.contains("\"rule\":\"unknown-pose\"")).count();
    // The first 1,000 problems: the note that the class has no cool-down, then 999 names.
    assert_eq!(unknown, 999);
    // Each still gets its suggestion: one letter too many.
    for i in [0, 432, 998] {
        let help = format!("\"help\":\"Did you mean `wall-angel-{i:05}`?\"");
        assert!(run.stdout.contains(&help), "{help}");
    }
    assert_eq!(run.stdout.matches("Did you mean `wall-angel-").count(), 999);
    assert!(run.stdout.contains("7,001 more are not listed (7,001 errors)"));
}

/// A custom pose id has at most 64 characters; a longer one is refused
/// without being quoted, and a second definition is still found.
#[test]
fn a_custom_pose_id_longer_than_64_characters_is_refused_without_quoting_it() {
    let long = "a".repeat(9_000);
    let text = format!(
        "pose {long} \"Long\" focus mobility hold 20-40s\npose wall-angel \"A\" focus mobility hold 20-40s\n\
         pose wall-angel \"B\" focus mobility hold 20-40s\nstrength:\n  wall-angel hold 30s\n"
    );
    let ws = Workspace::new();
    ws.file("ids.ybc", &text);
    let run = ws.run(&["check", "--format", "concise", "ids.ybc"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains(
            "ids.ybc:1:6: error[custom-pose] This pose id is 9000 characters long; an id can have at most 64."
        ),
        "{}",
        &run.stdout[..run.stdout.len().min(2000)]
    );
    assert!(!run.stdout.contains(&"a".repeat(65)), "the id is not quoted");
    assert!(run.stdout.contains("ids.ybc:3:6: error[custom-pose] `wall-angel` is defined twice."), "{}", run.stdout);
}

/// A warning whose two places are 2,480 lines apart printed every line in
/// between (2,498 lines for one warning): miette was told the lines from the
/// file's start, not the snippet's. Now each place is its own short snippet.
#[test]
fn far_apart_places_of_one_warning_are_separate_snippets() {
    let mut text = String::from("warmup:\n  cat-cow 8 reps\n\nstrength:\n");
    text.push_str(&"  cat-cow 8 reps\n".repeat(2_500));
    text.push_str("  single-leg-locust 8 reps alternating\n");
    text.push_str(&"  cat-cow 8 reps\n".repeat(2_480));
    text.push_str("  locust hold 20-30s x3 rest 30s\ncooldown:\n  childs-pose 1m\n");
    let ws = Workspace::new();
    ws.file("far.ybc", &text);
    let run = ws.run(&["check", "far.ybc"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = format!("{}{}", run.stdout, run.stderr);
    // The snippets' own headers: this test is about the human report's layout.
    let headers: Vec<&str> = report.lines().filter(|l| l.contains("╭─[")).collect();
    assert_eq!(headers.len(), 2, "{report}");
    assert!(headers[0].contains("[far.ybc:2505:3]") && headers[1].contains("[far.ybc:4986:3]"), "{report}");
    assert!(report.lines().count() < 40, "{} lines:\n{}", report.lines().count(), &report[..report.len().min(3000)]);
}

/// `--threads 100000` spent minutes starting threads before checking anything.
/// Now it is a usage error that gives the range.
#[test]
fn threads_past_256_are_a_usage_error() {
    let ws = Workspace::new();
    ws.file("r.ybc", crate::harness::CLEAN);
    let run = ws.run(&["check", "--threads", "100000", "r.ybc"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("100000 is not in 0..=256"), "{}", run.stderr);
    let ok = ws.run(&["check", "--threads", "256", "r.ybc"]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
}
