//! `build --adapt`: the 45-60-minute class adapted as a physiotherapist would
//! sign it. Each replaced step keeps its time within a quarter and the class
//! its length; the replaced pose's cues do not land on its substitute; with
//! high blood pressure, holds come down to the limit and a cue to hold the
//! breath is replaced; `offer` keeps the class and adds options.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::harness::{Workspace, findings};

const CLASS: &str = include_str!("../../routines/guide-45-60-minute-class.ybc");

fn build_json(ws: &Workspace, file: &str, args: &[&str]) -> Value {
    let mut all = vec!["build", file, "--format", "json"];
    all.extend_from_slice(args);
    let run = ws.run(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("JSON")
}

/// The middle of each event's seconds, summed by the source line it comes from.
fn seconds_by_line(document: &Value) -> BTreeMap<u64, f64> {
    let mut by_line = BTreeMap::new();
    for event in document["timeline"].as_array().expect("timeline") {
        let seconds = &event["seconds"];
        let mid = (seconds["min"].as_f64().unwrap_or(0.0) + seconds["max"].as_f64().unwrap_or(0.0)) / 2.0;
        *by_line.entry(event["line"].as_u64().unwrap_or(0)).or_insert(0.0) += mid;
    }
    by_line
}

fn total(document: &Value) -> f64 {
    (document["total"]["min"].as_f64().unwrap_or(0.0) + document["total"]["max"].as_f64().unwrap_or(0.0)) / 2.0
}

#[test]
fn swapping_for_osteoporosis_keeps_each_step_and_the_class_within_a_quarter_of_their_time() {
    let ws = Workspace::new();
    ws.file("class.ybc", CLASS);
    let before = build_json(&ws, "class.ybc", &[]);
    let adapted = ws.run(&["build", "class.ybc", "--adapt", "swap", "--audience", "osteoporosis", "--format", "ybc"]);
    assert_eq!(adapted.code, 0, "{}", adapted.stderr);
    ws.file("adapted.ybc", &adapted.stdout);
    let after = build_json(&ws, "adapted.ybc", &["--audience", "osteoporosis"]);
    let changed: Vec<u64> = after["adaptations"]
        .as_array()
        .map_or_else(Vec::new, |a| a.iter().filter_map(|c| c["line"].as_u64()).collect());
    // The JSON of the adapted file lists no adaptations itself; read them from the adapting build.
    let record = build_json(&ws, "class.ybc", &["--adapt", "swap", "--audience", "osteoporosis"]);
    let replaced: Vec<u64> =
        record["adaptations"].as_array().expect("adaptations").iter().filter_map(|c| c["line"].as_u64()).collect();
    assert!(changed.is_empty() && replaced.len() >= 4, "{replaced:?}");
    let (old, new) = (seconds_by_line(&before), seconds_by_line(&after));
    for line in &replaced {
        let (was, is) = (old[line], new[line]);
        assert!((is - was).abs() <= was * 0.25, "line {line}: {was} s became {is} s");
    }
    let (was, is) = (total(&before), total(&after));
    assert!((is - was).abs() <= was * 0.25, "the class: {was} s became {is} s");
    // No cue of a replaced pose on its substitute.
    let original: Vec<&str> = CLASS.lines().collect();
    let adapted_lines: Vec<&str> = adapted.stdout.lines().collect();
    for line in &replaced {
        let index = usize::try_from(*line).unwrap_or(1) - 1;
        for cue in original[index].split('"').skip(1).step_by(2) {
            assert!(
                !adapted_lines[index].contains(cue),
                "line {line} kept the cue \"{cue}\": {}",
                adapted_lines[index]
            );
        }
    }
    // And the adapted class is safe for them: no error.
    let check = ws.run(&["check", "--format", "json", "--audience", "osteoporosis", "adapted.ybc"]);
    assert!(findings(&check.stdout).iter().all(|f| f["level"] != "error"), "{}", check.stdout);
}

#[test]
fn offering_keeps_the_class_and_adds_an_option_for_the_people_it_is_not_safe_for() {
    let ws = Workspace::new();
    ws.file("class.ybc", CLASS);
    let run = ws.run(&["build", "class.ybc", "--adapt", "--audience", "osteoporosis", "--format", "ybc"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("Locust is not safe for someone with osteoporosis"), "{}", run.stderr);
    assert!(run.stderr.contains("offered them Wall-Supported Scapular Retraction, 8 reps"), "{}", run.stderr);
    let adapted = run.stdout;
    // Every step is still there, with an option for them.
    assert_eq!(adapted.lines().count(), CLASS.lines().count(), "{adapted}");
    let locust = adapted.lines().find(|l| l.trim_start().starts_with("locust hold")).expect("locust");
    assert_eq!(
        locust.trim(),
        "locust hold 20-45s or wall-scapular-retraction 8 reps with wall for osteoporosis \"shoulder blades back and down\""
    );
    ws.file("offered.ybc", &adapted);
    let check = ws.run(&["check", "--format", "json", "--audience", "osteoporosis", "offered.ybc"]);
    assert!(findings(&check.stdout).iter().all(|f| f["level"] != "error"), "{}", check.stdout);
}

#[test]
fn with_high_blood_pressure_holds_come_to_the_limit_and_no_cue_asks_to_hold_the_breath() {
    let ws = Workspace::new();
    ws.file(
        "class.ybc",
        "title \"Strong\"\nprops mat\n\nwarmup:\n  cat-cow 8 reps\n\nstrength:\n  plank hold 45s\n  downward-dog hold 45s\n  \
         locust hold 20s \"inhale, then hold your breath at the top and squeeze hard\"\n\ncooldown:\n  childs-pose hold 1m\n",
    );
    let run = ws.run(&["build", "class.ybc", "--adapt", "--audience", "high-blood-pressure", "--format", "ybc"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let adapted = run.stdout;
    assert!(adapted.contains("  plank hold 20s\n") || adapted.contains("  plank hold 30s\n"), "{adapted}");
    assert!(!adapted.contains("hold your breath"), "{adapted}");
    assert!(adapted.contains("\"inhale, keep breathing steadily\""), "{adapted}");
    ws.file("adapted.ybc", &adapted);
    let check = ws.run(&["check", "--format", "json", "--audience", "high-blood-pressure", "adapted.ybc"]);
    let left: Vec<_> = findings(&check.stdout).into_iter().filter(|f| f["rule"] == "breath-holding-risk").collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_props_line_added_to_a_crlf_file_is_its_own_line_after_the_opening_comments() {
    let ws = Workspace::new();
    ws.file(
        "class.ybc",
        "# Monday class\r\n# back strength\r\naudience osteoporosis\r\nstrength:\r\n  locust hold 20s\r\ncooldown:\r\n  childs-pose hold 1m\r\n",
    );
    let run = ws.run(&["build", "class.ybc", "--adapt", "--format", "ybc"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("# Monday class\r\n# back strength\r\nprops wall\r\naudience osteoporosis\r\n"),
        "{:?}",
        run.stdout
    );
    assert_eq!(run.stderr.matches("The props line lists").count(), 1, "{}", run.stderr);
}
