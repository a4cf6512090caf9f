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

/// A studio's own sequence, defined in the routine above its first section.
const OWN: &str = "title \"Half suns\"\n\
sequence half-sun \"Half Sun Salutation\":\n\
\x20 mountain 1 breath\n\
\x20 upward-salute 1 breath\n\
\x20 standing-forward-fold 1 breath\n\
\x20 low-lunge 3 breaths right\n\
\x20 low-lunge 3 breaths left\n\
\x20 mountain 1 breath\n\
\n\
warmup:\n\
\x20 half-sun x2 rest 15s\n\
\n\
relaxation:\n\
\x20 savasana 3m\n";

#[test]
fn a_studio_sequence_in_the_routine_is_planned_pose_by_pose() {
    let ws = Workspace::new();
    ws.file("own.ybc", OWN);
    let check = ws.run(&["check", "own.ybc"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    let run = ws.run(&["plan", "own.ybc"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<&str> = run.stdout.lines().filter(|l| l.contains("Half Sun Salutation: ")).collect();
    // Six poses, two rounds, in the order written, with their sides.
    assert_eq!(rows.len(), 12, "{}", run.stdout);
    assert!(rows[0].contains("Mountain · hold 1 breath") && rows[0].contains("1/2"), "{}", rows[0]);
    assert!(rows[3].contains("Low Lunge · hold 3 breaths") && rows[3].contains("right"), "{}", rows[3]);
    assert!(rows[4].contains("left"), "{}", rows[4]);
    assert!(rows[11].contains("Mountain") && rows[11].contains("2/2"), "{}", rows[11]);
    // 10 breaths a round at 4-6 s, twice, 15 s between, 3 min of savasana.
    assert_eq!(run.stdout.lines().last(), Some("Total: 4m35s-5m15s"));

    let built = ws.run(&["build", "own.ybc", "--format", "json", "-o", "own.json"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(ws.path().join("own.json")).expect("own.json")).expect("JSON");
    let first = &json["timeline"][0];
    assert_eq!(first["pose"], "mountain");
    assert_eq!(first["sequence"]["id"], "half-sun");
    assert_eq!(first["sequence"]["name"], "Half Sun Salutation");
}

#[test]
fn a_studio_catalog_file_defines_sequences_for_every_routine_and_they_are_checked_inside() {
    let ws = Workspace::new();
    ws.file(
        "studio.ybc",
        "pose wall-dog \"Wall dog\" focus mobility hold 20-40s\n\
         sequence wall-flow \"Wall flow\":\n  mountain 1 breath\n  wall-dog 3 breaths\n  headstand 5 breaths\n",
    );
    ws.file("ybc.toml", "[check]\ncatalogs = [\"studio.ybc\"]\n");
    ws.file("class.ybc", "warmup:\n  wall-flow x2\nrelaxation:\n  savasana 2m\n");
    ws.file("hbp.ybc", "audience high-blood-pressure\nwarmup:\n  wall-flow x2\nrelaxation:\n  savasana 2m\n");
    let run = ws.run(&["check", "--format", "json", "class.ybc", "studio.ybc", "hbp.ybc"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let found = crate::harness::findings(&run.stdout);
    // The catalog file is read as a catalog, and class.ybc is clean; in hbp.ybc
    // the headstand inside the studio's sequence is an error on the step.
    let errors: Vec<_> = found.iter().filter(|f| f["level"] == "error").collect();
    assert_eq!(errors.len(), 1, "{found:?}");
    assert_eq!(errors[0]["file"], "hbp.ybc");
    assert_eq!(errors[0]["rule"], "contraindicated");
    assert_eq!(errors[0]["start"]["line"], 3);
    let message = errors[0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("Wall flow includes Headstand"), "{message}");
}

#[test]
fn a_sequence_that_cannot_be_used_says_where_and_how_to_fix_it() {
    let run = crate::harness::check_json(
        "sequence locust \"Mine\":\n  mountain 1 breath\n\
         sequence flow:\n  mountain 1 breath\n\
         sequence my-flow \"My flow\":\n  mountian 1 breath\n  mountain 2-3 breaths\n  mountain 1 breath left\n  \
         mountain hold 30s\n  upward-salute\n  rest 10s\n  sun-a 1 breath\n  chair 2 breaths\n\
         warmup:\n  my-flow x2\n  sequence nested \"N\":\n    mountain 1 breath\n",
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let found = crate::harness::findings(&run.stdout);
    let at = |line: u64| {
        found
            .iter()
            .find(|f| f["start"]["line"] == line && f["level"] == "error")
            .unwrap_or_else(|| panic!("no error on line {line}: {found:?}"))
    };
    let says = |line: u64, rule: &str, words: &str| {
        let f = at(line);
        assert_eq!(f["rule"], rule, "{f}");
        let message = f["message"].as_str().unwrap_or_default();
        assert!(message.contains(words), "line {line}: {message}");
        assert!(f["help"].as_str().is_some_and(|h| !h.is_empty()), "line {line} has no fix: {f}");
    };
    says(1, "custom-sequence", "`locust` is already a pose");
    says(3, "custom-sequence", "has no name");
    says(6, "unknown-pose", "`mountian` is not a pose I know");
    says(7, "custom-sequence", "one whole number of breaths");
    says(8, "custom-sequence", "no side to name");
    says(9, "custom-sequence", "held for a number of breaths");
    says(10, "custom-sequence", "How many breaths");
    says(11, "custom-sequence", "holds poses only");
    says(12, "custom-sequence", "`sun-a` is a sequence");
    says(16, "nesting", "at the left edge");
    // The sequence is still known by what could be read (chair), so the step
    // naming it is not reported as an unknown pose on top.
    assert!(found.iter().all(|f| f["start"]["line"] != 15), "{found:?}");
    let fixed = at(10)["fix"]["replacement"].as_str().unwrap_or_default().to_owned();
    assert_eq!(fixed, " 1 breath");
}

#[test]
fn fmt_tidies_a_sequence_and_keeps_its_meaning() {
    let ws = Workspace::new();
    ws.file(
        "messy.ybc",
        "sequence  half-sun   \"Half\"  :\n    mountain   1 breath\n    low-lunge right 3 breaths\nwarmup:\n    half-sun x2\n",
    );
    let run = ws.run(&["fmt", "messy.ybc"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let tidy = std::fs::read_to_string(ws.path().join("messy.ybc")).expect("messy.ybc");
    assert_eq!(
        tidy,
        "sequence half-sun \"Half\":\n  mountain 1 breath\n  low-lunge 3 breaths right\n\nwarmup:\n  half-sun x2\n"
    );
}
