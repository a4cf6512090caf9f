//! A studio's policy per condition in `ybc.toml` (`[conditions.<id>]`), and
//! whether `--audience` adds to a class's audience or replaces it, through the
//! real binary.

use crate::harness::{Workspace, findings, rule_locations};

/// A class for someone with osteoporosis: a locust (spinal extension, which
/// the upper-back strengthening guide says to avoid) and thread the needle
/// (a twist, which ybc's own table only cautions).
const CLASS: &str = "audience osteoporosis\nprops mat\n\nwarmup:\n  cat-cow 8 reps\nstrength:\n  locust hold 20s x3 rest 30s\nmobility:\n  thread-the-needle 5 reps each side\ncooldown:\n  savasana 3m\n";

/// The studio follows Too Fit To Fracture: back-extensor work is fine,
/// twisting (to the end of the range) is to be avoided, and the bridge is
/// taught with care.
const POLICY: &str = "[conditions.osteoporosis]\n\
source = \"Too Fit To Fracture (Giangregorio et al., 2015), as our physiotherapist applies it\"\n\
\n\
[conditions.osteoporosis.properties]\n\
spine-extension = \"allow\"\n\
spine-rotation = \"avoid\"\n\
\n\
[conditions.osteoporosis.poses]\n\
setu-bandha = \"caution\"\n";

fn at(run: &crate::harness::Run, rule: &str) -> Vec<String> {
    rule_locations(&run.stdout, rule)
}

#[test]
fn a_studio_policy_changes_what_contraindicated_and_caution_report() {
    let ws = Workspace::new();
    ws.file("class.ybc", CLASS);
    let built_in = ws.run(&["check", "--format", "json", "class.ybc"]);
    assert_eq!(at(&built_in, "contraindicated"), vec!["class.ybc:7:3"], "{}", built_in.stdout);
    assert!(at(&built_in, "caution").contains(&"class.ybc:9:3".to_owned()), "{}", built_in.stdout);

    ws.file("ybc.toml", POLICY);
    let studio = ws.run(&["check", "--format", "json", "class.ybc"]);
    assert_eq!(studio.code, 1, "{}", studio.stderr);
    assert_eq!(at(&studio, "contraindicated"), vec!["class.ybc:9:3"], "the twist is avoided: {}", studio.stdout);
    let locust: Vec<_> = findings(&studio.stdout).into_iter().filter(|f| f["start"]["line"] == 7).collect();
    assert!(locust.is_empty(), "the locust is allowed: {locust:?}");
    assert!(
        studio.stdout.contains(
            "the studio's policy marks poses with the spine twisting \\\"avoid\\\", following Too Fit To Fracture"
        ),
        "{}",
        studio.stdout
    );
    // Cat-cow's advice is about rounding and arching, which the policy leaves alone.
    assert_eq!(at(&studio, "caution"), vec!["class.ybc:5:3"], "{}", studio.stdout);

    // A pose's own level, written by an alias (setu-bandha is the bridge).
    ws.file("bridge.ybc", "audience osteoporosis\nstrength:\n  bridge 4 reps hold 30s\n");
    let bridge = ws.run(&["check", "--format", "json", "bridge.ybc"]);
    assert_eq!(at(&bridge, "contraindicated"), Vec::<String>::new(), "{}", bridge.stdout);
    assert_eq!(at(&bridge, "caution"), vec!["bridge.ybc:3:3"], "{}", bridge.stdout);
}

#[test]
fn explain_shows_the_table_in_force_and_where_each_entry_comes_from() {
    let ws = Workspace::new();
    ws.file("studio/ybc.toml", POLICY);
    ws.file("studio/class.ybc", CLASS);
    let built_in = ws.run(&["explain", "osteoporosis"]);
    assert_eq!(built_in.code, 0, "{}", built_in.stderr);
    assert!(!built_in.stdout.contains("studio"), "{}", built_in.stdout);

    let folder = crate::harness::Ybc::new(&ws.path().join("studio"), &["explain", "osteoporosis"]).run();
    let named = ws.run(&["explain", "osteoporosis", "--config", "studio/ybc.toml"]);
    for (run, file) in
        [(&folder, ws.path().join("studio/ybc.toml").display().to_string()), (&named, "studio/ybc.toml".to_owned())]
    {
        assert_eq!(run.code, 0, "{}", run.stderr);
        let out = &run.stdout;
        let follows = "following: Too Fit To Fracture (Giangregorio et al., 2015), as our physiotherapist applies it.";
        assert!(out.contains(&format!("The studio's policy is in force ({file}), {follows}")), "{out}");
        // Allowed, with the studio's file and line.
        let allowed = out.find("Allowed (no finding):").expect("an allowed list");
        assert!(
            out[allowed..].contains(&format!(
                "  - Poses with the spine bending back (`spine-extension`): The studio's policy ({file}, line 5), {follows}"
            )),
            "{out}"
        );
        // The twist rule in force, under "Avoid", from the studio's line 6.
        let avoid = out.find("Avoid (an error):").expect("avoid");
        let care = out.find("Teach with care (a warning):").expect("care");
        let twist = out.find("  - Poses with the spine twisting (`spine-rotation`).").expect("the twist rule");
        assert!(avoid < twist && twist < care, "{out}");
        assert!(out[twist..].contains(&format!("Source: The studio's policy ({file}, line 6), {follows}")), "{out}");
        // The built-in rules still in force keep their sources.
        assert!(out.contains("Poses with a deep backbend (`deep-backbend`)."), "{out}");
        assert!(out.contains("Source: The upper-back strengthening guide, \"Key safety"), "{out}");
        // The bridge's own level, from line 9.
        assert!(out.contains("  - Bridge (`bridge`), take care:"), "{out}");
        assert!(out.contains(&format!("(the studio's policy, {file} line 9)")), "{out}");
        // What the studio set aside, with ybc's own sources.
        let aside = out.find("Set aside by the studio's policy").expect("set aside");
        assert!(out[aside..].contains("  - Poses with `spine-extension`, take care:"), "{out}");
        assert!(out[aside..].contains("  - Poses with `spine-rotation`, take care:"), "{out}");
        assert!(out[aside..].contains("Source: The upper-back strengthening guide"), "{out}");
    }
    // The locust's own card follows the policy too.
    let locust = crate::harness::Ybc::new(&ws.path().join("studio"), &["explain", "locust"]).run();
    assert!(!locust.stdout.contains("osteoporosis ("), "{}", locust.stdout);
}

/// Each mistake points at its place in ybc.toml, with a suggestion.
#[test]
fn mistakes_in_a_policy_point_into_the_config_with_a_fix() {
    let ws = Workspace::new();
    ws.file("class.ybc", CLASS);
    ws.file(
        "ybc.toml",
        "[conditions.osteoporsis]\nsource = \"TTFF\"\n\n[conditions.osteoporosis]\nsource = \"TTFF\"\n\
properties = { spine-extention = \"allow\", spine-rotation = \"avoidd\" }\n\n[conditions.neck-pain]\nproperties = { prone = \"allow\" }\n",
    );
    let run = ws.run(&["check", "class.ybc"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let err = &run.stderr;
    for (place, message, help) in [
        ("ybc.toml:1:13", "`osteoporsis` is not a condition I know.", "Did you mean `osteoporosis`?"),
        (
            "ybc.toml:6:16",
            "`spine-extention` is not something a pose does that ybc knows.",
            "Did you mean `spine-extension`?",
        ),
        ("ybc.toml:6:60", "`avoidd` is not a level for a condition.", "Did you mean \"avoid\"?"),
        ("ybc.toml:8:13", "The policy for neck-pain does not say what it follows.", "source = \""),
    ] {
        assert!(err.contains(place), "{place} in {err}");
        assert!(err.contains(message), "{message} in {err}");
        assert!(err.contains(help), "{help} in {err}");
    }
    assert!(err.contains("ybc.toml has errors; fix them first"), "{err}");

    // A pose the catalog does not have, checked once the rest is read.
    ws.file("ybc.toml", "[conditions.osteoporosis]\nsource = \"TTFF\"\nposes = { locsut = \"allow\" }\n");
    let run = ws.run(&["check", "class.ybc"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("ybc.toml:3:11"), "{}", run.stderr);
    assert!(
        run.stderr.contains("`locsut` is not a pose I know, so the osteoporosis policy can't apply to it."),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("Did you mean `locust`?"), "{}", run.stderr);

    // A pose from a studio catalog the config names is one it may set.
    ws.file("studio.ybc", "pose wall-cobra \"Wall Cobra\" focus strength hold 10-20s spine extension\n");
    ws.file(
        "ybc.toml",
        "[check]\ncatalogs = [\"studio.ybc\"]\n\n[conditions.osteoporosis]\nsource = \"TTFF\"\nposes = { wall-cobra = \"avoid\" }\n",
    );
    ws.file("wall.ybc", "audience osteoporosis\nstrength:\n  wall-cobra hold 15s\n");
    let run = ws.run(&["check", "--format", "json", "wall.ybc"]);
    assert_eq!(at(&run, "contraindicated"), vec!["wall.ybc:3:3"], "{}\n{}", run.stdout, run.stderr);
}

#[test]
fn audience_on_the_command_line_adds_and_audience_only_replaces() {
    let ws = Workspace::new();
    ws.file("neck.ybc", "audience neck-pain\nstrength:\n  locust hold 20s\n");
    let conditions = |run: &crate::harness::Run| -> Vec<String> {
        findings(&run.stdout)
            .iter()
            .filter(|f| f["rule"] == "contraindicated")
            .map(|f| f["message"].as_str().unwrap_or("").to_owned())
            .map(|m| if m.contains("neck pain") { "neck-pain".to_owned() } else { "osteoporosis".to_owned() })
            .collect()
    };
    let added = ws.run(&["check", "--format", "json", "--audience", "osteoporosis", "neck.ybc"]);
    assert_eq!(conditions(&added), vec!["neck-pain", "osteoporosis"], "{}", added.stdout);
    let only = ws.run(&["check", "--format", "json", "--audience", "osteoporosis", "--audience-only", "neck.ybc"]);
    assert_eq!(conditions(&only), vec!["osteoporosis"], "{}", only.stdout);
    // Alone, it checks the class for no condition, setting ybc.toml's aside too.
    ws.file("ybc.toml", "[check]\naudience = [\"osteoporosis\"]\n");
    let none = ws.run(&["check", "--format", "json", "--audience-only", "neck.ybc"]);
    assert_eq!(conditions(&none), Vec::<String>::new(), "{}", none.stdout);
    // The built routine's audience is the one checked.
    let json = ws.run(&["build", "neck.ybc", "--audience", "knee-pain", "--audience-only", "--format", "json"]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let built: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    assert_eq!(built["meta"]["audience"], serde_json::json!(["knee-pain"]), "{}", json.stdout);

    let help = ws.run(&["check", "--help"]).stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(help.contains("they are added to the routine's `audience` line"), "{help}");
    assert!(help.contains("--audience-only"), "{help}");
}
