//! Sequences (sun salutations): written as one step, planned pose by pose,
//! checked pose by pose, built into the JSON timeline and the handout.

use crate::harness::Workspace;

const CLASS: &str = "title \"Suns\"\nflow:\n  sun-salutation-a x3 rest 15s \"one breath, one movement\"\n  sun-b\ncooldown:\n  savasana 3m\n";

#[test]
fn a_sequence_is_planned_pose_by_pose_for_every_round() {
    let ws = Workspace::new();
    ws.file("suns.ybc", CLASS);
    let run = ws.run(&["plan", "suns.ybc"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let rows: Vec<&str> = run.stdout.lines().filter(|l| l.contains("Sun Salutation A: ")).collect();
    // Ten poses, three rounds.
    assert_eq!(rows.len(), 30, "{}", run.stdout);
    assert!(
        rows[0].contains("Sun Salutation A: Upward Salute · hold 1 breath") && rows[0].contains("1/3"),
        "{}",
        rows[0]
    );
    assert!(rows[5].contains("Downward-Facing Dog · hold 5 breaths") && rows[5].contains("20-30s"), "{}", rows[5]);
    assert!(rows[29].contains("Mountain") && rows[29].contains("3/3"), "{}", rows[29]);
    // Rests between rounds only: two of them.
    let rests = run.stdout.lines().filter(|l| l.contains(" Rest")).count();
    assert_eq!(rests, 2, "{}", run.stdout);
    // Sun salutation B does warrior I on each side, in order.
    let b: Vec<&str> = run.stdout.lines().filter(|l| l.contains("Sun Salutation B: Warrior I")).collect();
    assert_eq!(b.len(), 2);
    assert!(b[0].contains("right") && b[1].contains("left"), "{b:?}");
    // 14 breaths a round x3 and 22 for B at 4-6 s, 30 s of rest, 3 min savasana.
    let total = run.stdout.lines().last().unwrap_or_default();
    assert_eq!(total, "Total: 7m46s-9m54s");
}

#[test]
fn the_timeline_names_the_sequence_round_and_breaths_of_each_pose() {
    let ws = Workspace::new();
    ws.file("suns.ybc", CLASS);
    let run = ws.run(&["build", "suns.ybc", "--format", "json", "-o", "suns.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(ws.path().join("suns.json")).expect("suns.json")).expect("JSON");
    let timeline = json["timeline"].as_array().expect("timeline");
    let first = &timeline[0];
    assert_eq!(first["pose"], "upward-salute");
    assert_eq!(first["breaths"], serde_json::json!({"min": 1, "max": 1}));
    assert_eq!(first["seconds"], serde_json::json!({"min": 4, "max": 6}));
    assert_eq!(
        first["sequence"],
        serde_json::json!({"id": "sun-salutation-a", "name": "Sun Salutation A", "round": {"n": 1, "of": 3}, "position": {"n": 1, "of": 10}})
    );
    let in_a = timeline.iter().filter(|e| e["sequence"]["id"] == "sun-salutation-a").count();
    assert_eq!(in_a, 30);
    let body = &json["body"][0]["items"][0];
    assert_eq!(body["kind"], "sequence");
    assert_eq!(body["sequence"], "sun-salutation-a");
    assert_eq!(body["rounds"], 3);
    assert_eq!(body["poses"].as_array().map(Vec::len), Some(10));
    assert_eq!(timeline.last().map(|e| &e["pose"]), Some(&serde_json::json!("savasana")));
}

#[test]
fn the_handout_shows_a_sequence_as_one_card_with_a_strip_of_figures() {
    let ws = Workspace::new();
    ws.file("suns.ybc", CLASS);
    let run = ws.run(&["build", "suns.ybc", "--format", "html", "-o", "suns.html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(ws.path().join("suns.html")).expect("suns.html");
    assert_eq!(html.matches("<article class=\"card").count(), 3, "two sequences and savasana");
    assert_eq!(html.matches("class=\"pics strip\"").count(), 2);
    assert!(html.contains("Sun Salutation A</span> <span class=\"sanskrit\" lang=\"sa-Latn\">Surya Namaskar A"));
    assert!(html.contains("3 rounds, rest 15 s between rounds · 14 breaths a round"));
    assert!(html.contains("<title id=\"step-1-fig6\">6. Downward-Facing Dog, 5 breaths</title>"));
    assert!(!html.contains("No picture for this pose"));
}

#[test]
fn safety_applies_to_every_pose_inside_a_sequence_and_names_it() {
    let ws = Workspace::new();
    ws.file("suns.ybc", format!("audience wrist-pain\n{CLASS}"));
    let run = ws.run(&["check", "--format", "concise", "suns.ybc"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains(
        "suns.ybc:4:3: error[contraindicated] Sun Salutation A includes Four-Limbed Staff, which is not safe for someone with wrist pain"
    ), "{}", run.stdout);
    assert!(
        run.stdout.contains("suns.ybc:4:3: warning[caution] Sun Salutation A includes Downward-Facing Dog"),
        "{}",
        run.stdout
    );
    // Chaturanga comes three times in sun salutation B: one finding.
    assert_eq!(
        run.stdout.matches("suns.ybc:5:3: error[contraindicated] Sun Salutation B includes Four-Limbed Staff").count(),
        1
    );
    // A dose on a sequence is a mistake: its poses keep their breaths.
    ws.file("dose.ybc", "flow:\n  sun-salutation-a hold 30s x2\n");
    let dose = ws.run(&["check", "--format", "concise", "dose.ybc"]);
    assert!(
        dose.stdout
            .contains("dose.ybc:2:20: error[dose] Sun Salutation A is a sequence: its poses keep their own breaths."),
        "{}",
        dose.stdout
    );
}

#[test]
fn explain_shows_a_sequence_pose_by_pose() {
    let run = crate::harness::run_in_repo(&["explain", "sun-a"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("Sun Salutation A (sun-salutation-a), Surya Namaskar A"), "{}", run.stdout);
    assert!(run.stdout.contains("  6. Downward-Facing Dog (downward-dog), 5 breaths"), "{}", run.stdout);
    assert!(
        run.stdout.contains("General teaching practice: the sun salutation A of the Ashtanga tradition"),
        "{}",
        run.stdout
    );
}
