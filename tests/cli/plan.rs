//! The time plan: how each dose turns into seconds, and the seed routines'
//! totals against the lengths the seed article gives them.

use crate::harness::{Workspace, run_in_repo};

/// The planned total `(min, max)` in seconds, read from the JSON build.
fn total(text: &str) -> (u64, u64) {
    let ws = Workspace::new();
    ws.file("r.ybc", text);
    let run = ws.run(&["build", "r.ybc", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    (json["total"]["min"].as_u64().expect("min"), json["total"]["max"].as_u64().expect("max"))
}

#[test]
fn a_hold_with_sets_rests_between_sets_only() {
    // 3 × 30 s holds and 2 rests of 45 s.
    assert_eq!(total("locust hold 30s x3 rest 45s\n"), (180, 180));
}

#[test]
fn a_note_after_the_last_step_ends_the_plan() {
    let ws = Workspace::new();
    ws.file("r.ybc", "note \"Find a wall\"\nlocust hold 30s\nnote \"Rest as long as you like\"\n");
    let run = ws.run(&["plan", "r.ybc"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        rows,
        [
            "r.ybc",
            "",
            "start  length  what               side  set  cues",
            "0:00   30s     Locust · hold 30s             note: Find a wall",
            "0:30           End                           note: Rest as long as you like",
            "",
            "Total: 30s",
        ],
        "{}",
        run.stdout
    );
}

#[test]
fn ranges_stay_ranges() {
    assert_eq!(total("locust hold 20-30s x3 rest 30s\n"), (120, 150));
}

#[test]
fn reps_times_hold_tempo_or_the_catalog_pace() {
    assert_eq!(total("bridge 3 reps hold 30-45s\n"), (90, 135));
    assert_eq!(total("band-row 10 reps tempo 3-1-3\n"), (70, 70));
    let per_rep = run_in_repo(&["poses", "--json", "band-row"]);
    let catalog: serde_json::Value = serde_json::from_str(&per_rep.stdout).expect("json");
    let pace = catalog[0]["seconds_per_rep"].as_u64().expect("pace");
    assert_eq!(total("band-row 10 reps\n"), (10 * pace, 10 * pace));
}

#[test]
fn breaths_are_timed_at_the_breath_length() {
    // 4-6 s a breath unless the routine says otherwise.
    assert_eq!(total("locust hold 5 breaths\n"), (20, 30));
    assert_eq!(total("locust hold 5 breaths x3 rest 30s\n"), (120, 150));
    assert_eq!(total("cat-cow 5-8 breaths\n"), (20, 48));
    assert_eq!(total("cat-cow 1 breath\n"), (4, 6));
    assert_eq!(total("bridge 3 reps hold 1 breath\n"), (12, 18));
    assert_eq!(total("breath 3-4s\nlocust hold 5 breaths\n"), (15, 20));
    assert_eq!(total("breath 10s\nbreathing 6 breaths\n"), (60, 60));
}

#[test]
fn the_plan_shows_breaths_beside_their_seconds() {
    let ws = Workspace::new();
    ws.file("r.ybc", "breath 5s\nlocust hold 5 breaths\ncat-cow 6-8 breaths\n");
    let run = ws.run(&["plan", "r.ybc"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        rows,
        [
            "r.ybc",
            "",
            "start  length  what                     side  set  cues",
            "0:00   25s     Locust · hold 5 breaths",
            "0:25   30-40s  Cat-Cow · 6-8 breaths",
            "",
            "Total: 55-65s",
        ],
        "{}",
        run.stdout
    );
}

#[test]
fn each_side_doubles_and_alternating_does_not() {
    assert_eq!(total("doorway-chest-opener hold 45s each side\n"), (90, 90));
    assert_eq!(total("doorway-chest-opener hold 45s left\n"), (45, 45));
    let alternating = total("single-leg-locust 8 reps hold 5s alternating\n");
    assert_eq!(alternating, (40, 40));
}

#[test]
fn rounds_repeat_with_rest_between_rounds() {
    // 3 × (20 s + 30 s rest step) + 2 × 60 s between rounds.
    assert_eq!(total("3 rounds rest 60s:\n  locust hold 20s\n  rest 30s\n"), (270, 270));
}

#[test]
fn each_side_sets_run_left_then_right_within_each_set() {
    let ws = Workspace::new();
    ws.file("r.ybc", "thread-the-needle 6 reps hold 5s each side x2 rest 30s\n");
    let run = ws.run(&["build", "r.ybc", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let order: Vec<String> = json["timeline"]
        .as_array()
        .expect("timeline")
        .iter()
        .map(|e| format!("{}:{}", e["kind"].as_str().unwrap_or(""), e["side"].as_str().unwrap_or("-")))
        .collect();
    assert_eq!(order, ["pose:left", "pose:right", "rest:-", "pose:left", "pose:right"]);
}

#[test]
fn the_plan_table_reads_like_a_class_plan() {
    let ws = Workspace::new();
    ws.file("desk.ybc", crate::language::DESK_RESET);
    let run = ws.run(&["plan", "desk.ybc"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("desk_reset_plan", run.stdout);
}

#[test]
fn plan_refuses_a_routine_with_errors() {
    let ws = Workspace::new();
    ws.file("bad.ybc", "locust hold 30-20s\n");
    let run = ws.run(&["plan", "bad.ybc"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("runs backwards"), "{}", run.stderr);
}

/// The seed article's routines plan to totals within 15% of the lengths it gives them.
#[test]
fn seed_routines_plan_to_their_lengths() {
    for (file, minutes_low, minutes_high) in [
        ("routines/guide-10-minute-quick.ybc", 10, 10),
        ("routines/guide-25-minute-focused.ybc", 25, 25),
        ("routines/guide-45-60-minute-class.ybc", 45, 60),
    ] {
        let run = run_in_repo(&["build", file, "--format", "json"]);
        assert_eq!(run.code, 0, "{file}: {}", run.stderr);
        let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
        let (min, max) = (json["total"]["min"].as_f64().expect("min"), json["total"]["max"].as_f64().expect("max"));
        let (low, high) = (f64::from(minutes_low) * 60.0 * 0.85, f64::from(minutes_high) * 60.0 * 1.15);
        assert!(
            max >= low && min <= high,
            "{file}: planned {:.1}-{:.1} min, seed says {minutes_low}-{minutes_high} min (±15%: {:.1}-{:.1})",
            min / 60.0,
            max / 60.0,
            low / 60.0,
            high / 60.0
        );
    }
}
