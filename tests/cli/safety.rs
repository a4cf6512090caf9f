//! Configuration, allow comments, explanations and adapting a routine to its
//! audience, through the real binary.

use crate::harness::{Workspace, rule_locations, run_in_repo};

const HOLDS: &str =
    "warmup:\n  cat-cow 8 reps\nstrength:\n  locust\ncooldown:\n  doorway-chest-opener hold 30s each side\n";

#[test]
fn a_config_file_sets_a_rules_level() {
    let ws = Workspace::new();
    ws.file("class.ybc", HOLDS);
    assert_eq!(ws.run(&["check", "class.ybc"]).stderr.trim(), "Checked 1 file: 0 errors, 1 warning.");
    ws.file("ybc.toml", "[rules]\nmissing-dose = \"error\"\n");
    let run = ws.run(&["check", "class.ybc"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(run.stderr.trim(), "Checked 1 file: 1 error, 0 warnings.");
    ws.file("ybc.toml", "[rules]\nmissing-dose = \"allow\"\n");
    let run = ws.run(&["check", "class.ybc"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "");
}

#[test]
fn the_nearest_config_wins_and_config_overrides_it() {
    let ws = Workspace::new();
    ws.file("ybc.toml", "[rules]\nmissing-dose = \"error\"\n");
    ws.file("studio/ybc.toml", "[rules]\nmissing-dose = \"allow\"\n");
    ws.file("studio/class.ybc", HOLDS);
    ws.file("home.ybc", HOLDS);
    let run = ws.run(&["check", "--format", "json", "studio/class.ybc", "home.ybc"]);
    assert_eq!(rule_locations(&run.stdout, "missing-dose"), vec!["home.ybc:4:3"], "{}", run.stdout);
    assert_eq!(run.code, 1);
    let run = ws.run(&["check", "--config", "studio/ybc.toml", "home.ybc"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn an_invalid_config_is_a_clear_error_with_its_line() {
    let ws = Workspace::new();
    ws.file("class.ybc", HOLDS);
    ws.file("ybc.toml", "[rules]\nmissing-dose = \"loud\"\nhold-too-lnog = \"error\"\n");
    let run = ws.run(&["check", "class.ybc"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("ybc.toml:2:16"), "{}", run.stderr);
    assert!(run.stderr.contains("`loud` is not a level."), "{}", run.stderr);
    assert!(run.stderr.contains("Use one of: \"allow\", \"info\", \"warning\", \"error\"."), "{}", run.stderr);
    assert!(run.stderr.contains("ybc.toml:3:1"), "{}", run.stderr);
    assert!(
        run.stderr.contains("the config file ybc.toml has errors") || run.stderr.contains("has errors; fix them first")
    );
    ws.file("ybc.toml", "[rules\n");
    let run = ws.run(&["check", "class.ybc"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("This config file can't be read"), "{}", run.stderr);
}

#[test]
fn an_allow_comment_allows_one_step_or_one_block() {
    let ws = Workspace::new();
    ws.file("a.ybc", "strength:\n  locust # ybc: allow(missing-dose)\n  bridge\n");
    let run = ws.run(&["check", "--format", "json", "a.ybc"]);
    assert_eq!(rule_locations(&run.stdout, "missing-dose"), vec!["a.ybc:3:3"], "{}", run.stdout);
    ws.file("b.ybc", "# ybc: allow(missing-dose)\nstrength:\n  locust\n  bridge\ncooldown:\n  childs-pose\n");
    let run = ws.run(&["check", "--format", "json", "b.ybc"]);
    assert_eq!(rule_locations(&run.stdout, "missing-dose"), vec!["b.ybc:6:3"], "{}", run.stdout);
}

#[test]
fn a_stale_allow_is_reported() {
    let ws = Workspace::new();
    ws.file("a.ybc", "strength:\n  locust hold 30s # ybc: allow(missing-dose)\n");
    let run = ws.run(&["check", "--format", "json", "a.ybc"]);
    assert!(run.stdout.contains("This allows `missing-dose`, but nothing here breaks that rule."), "{}", run.stdout);
    assert_eq!(rule_locations(&run.stdout, "unused-allow"), vec!["a.ybc:2:32"]);
}

#[test]
fn deny_warnings_fails_on_warnings() {
    let ws = Workspace::new();
    ws.file("a.ybc", HOLDS);
    assert_eq!(ws.run(&["check", "a.ybc"]).code, 0);
    assert_eq!(ws.run(&["check", "--deny-warnings", "a.ybc"]).code, 1);
    ws.file("b.ybc", crate::harness::CLEAN);
    assert_eq!(ws.run(&["check", "--deny-warnings", "b.ybc"]).code, 0);
}

#[test]
fn an_unknown_audience_on_the_command_line_is_a_usage_error() {
    let ws = Workspace::new();
    ws.file("a.ybc", HOLDS);
    let run = ws.run(&["check", "--audience", "osteoporsis", "a.ybc"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.trim(), "error: `osteoporsis` is not a condition I know; did you mean `osteoporosis`?");
}

#[test]
fn explain_prints_a_rule_a_pose_and_a_condition() {
    let rule = run_in_repo(&["explain", "missing-dose"]);
    assert_eq!(rule.code, 0);
    assert!(rule.stdout.starts_with("missing-dose (warning by default)"), "{}", rule.stdout);
    assert!(rule.stdout.contains("Triggers it:") && rule.stdout.contains("Fixed:"), "{}", rule.stdout);
    let pose = run_in_repo(&["explain", "salabhasana"]);
    assert_eq!(pose.code, 0);
    assert!(pose.stdout.starts_with("Locust (locust), Salabhasana"), "{}", pose.stdout);
    assert!(pose.stdout.contains("Contraindications:"), "{}", pose.stdout);
    assert!(pose.stdout.contains("osteoporosis (avoid)"), "{}", pose.stdout);
    let condition = run_in_repo(&["explain", "osteoporosis"]);
    assert_eq!(condition.code, 0);
    assert!(condition.stdout.contains("Avoid (an error):"), "{}", condition.stdout);
    assert!(condition.stdout.contains("Locust (`locust`), avoid"), "{}", condition.stdout);
    let unknown = run_in_repo(&["explain", "locsut"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("did you mean `locust`?"), "{}", unknown.stderr);
}

/// `ybc explain CONDITION` shows the condition's whole table: every rule, by
/// what a pose does, at its level, with the catalog poses it reaches and every
/// source named.
#[test]
fn explain_shows_a_conditions_whole_table_with_its_sources() {
    let catalog = ybc::catalog::Catalog::builtin();
    for condition in catalog.conditions() {
        let run = run_in_repo(&["explain", &condition.id]);
        assert_eq!(run.code, 0, "{}: {}", condition.id, run.stderr);
        assert!(!condition.rules.is_empty(), "{} has rules", condition.id);
        for rule in &condition.rules {
            let what: Vec<String> = rule.when.iter().map(|p| format!("{} (`{}`)", p.meaning(), p.word())).collect();
            let line = format!("  - Poses with {}.", what.join(" and "));
            let at =
                run.stdout.find(&line).unwrap_or_else(|| panic!("{}: no `{line}` in\n{}", condition.id, run.stdout));
            let level = if rule.severity == ybc::catalog::Severity::Avoid {
                "Avoid (an error):"
            } else {
                "Teach with care (a warning):"
            };
            let heading = run.stdout[..at].rfind(level);
            let other =
                run.stdout[..at].rfind(if level.starts_with("Avoid") { "Teach with care" } else { "Avoid (an error)" });
            assert!(heading > other, "{}: {line} is under {level}", condition.id);
            assert!(!rule.sources.is_empty(), "{}: {line} has a source", condition.id);
            for source in &rule.sources {
                assert!(
                    run.stdout.contains(&format!("Source: {}", source.cite())),
                    "{}: {line} cites {source:?}",
                    condition.id
                );
            }
        }
        assert!(!run.stdout.to_lowercase().contains("seed"), "{}", run.stdout);
    }
    let pregnancy = run_in_repo(&["explain", "pregnant"]);
    assert!(pregnancy.stdout.contains("Catalog poses: locust,"), "{}", pregnancy.stdout);
    assert!(pregnancy.stdout.contains("Fine with the prop in place: `with bolster`."), "{}", pregnancy.stdout);
}

/// `ybc explain` explains every code: each rule and each other code.
#[test]
fn explain_explains_every_code() {
    let names = ybc::check::RULES.iter().map(|r| r.info.name).chain(ybc::codes::CODES.iter().map(|c| c.name));
    for name in names {
        let run = run_in_repo(&["explain", name]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        assert!(run.stdout.starts_with(name), "{name}: {}", run.stdout);
        assert!(run.stdout.len() > 120, "{name} is explained: {}", run.stdout);
    }
    let typo = run_in_repo(&["explain", "unknwn-pose"]);
    assert_eq!(typo.code, 2);
    assert!(typo.stderr.contains("did you mean `unknown-pose`?"), "{}", typo.stderr);
}

/// Every code `--format concise` prints over the test fixtures, the sample
/// routines and some hostile files is one `ybc explain` explains.
#[test]
fn every_code_printed_is_explained() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let ws = crate::harness::Workspace::new();
    ws.file("utf16.ybc", [0xFF_u8, 0xFE, b'a', 0]);
    ws.file("long-line.ybc", format!("strength:\n  locust{}\n", " zz".repeat(4_000)));
    ws.file("long-file.ybc", "x\n".repeat(10_500));
    ws.file("escape.ybc", "strength:\n  locust hold 30s \"\u{1b}[2J\"\n");
    let mut seen = std::collections::BTreeSet::new();
    for dir in [root.join("tests/fixtures"), root.join("routines"), ws.path().to_owned()] {
        let run = run_in_repo(&["check", "--format", "concise", "--quiet", &dir.display().to_string()]);
        for line in run.stdout.lines() {
            let Some((_, rest)) = line.split_once(": ") else { continue };
            let Some(open) = rest.find('[') else { continue };
            let Some(close) = rest.find(']') else { continue };
            if let Some(code) = rest.get(open + 1..close) {
                seen.insert(code.to_owned());
            }
        }
    }
    assert!(seen.len() > 20, "{seen:?}");
    for code in ["encoding", "line-too-long", "file-too-long", "too-many", "control-character", "unknown-pose"] {
        assert!(seen.contains(code), "{code} not seen in {seen:?}");
    }
    for code in &seen {
        let run = run_in_repo(&["explain", code]);
        assert_eq!(run.code, 0, "`{code}` is printed but not explained: {}", run.stderr);
    }
}

#[test]
fn rules_lists_every_rule_and_json_for_tools() {
    let list = run_in_repo(&["rules"]);
    assert_eq!(list.code, 0);
    for rule in ybc::check::RULES {
        assert!(
            list.stdout.lines().any(|l| l.starts_with(rule.info.name)),
            "{} missing from:\n{}",
            rule.info.name,
            list.stdout
        );
    }
    let json: serde_json::Value = serde_json::from_str(&run_in_repo(&["rules", "--json"]).stdout).expect("json");
    assert_eq!(json.as_array().map(Vec::len), Some(ybc::check::RULES.len()));
    assert!(json[0]["name"].is_string() && json[0]["default"].is_string() && json[0]["explanation"].is_string());
}

#[test]
fn docs_rules_md_is_generated_from_the_rules() {
    let generated = run_in_repo(&["rules", "--markdown"]).stdout;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    if std::env::var_os("YBC_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).expect("write docs/rules.md");
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/rules.md is out of date: run `cargo run -- rules --markdown > docs/rules.md` (or YBC_UPDATE_DOCS=1 cargo test)"
    );
}

#[test]
fn every_rule_example_triggers_it_and_the_fix_does_not() {
    let catalog = ybc::catalog::Catalog::builtin();
    for rule in ybc::check::RULES {
        let info = &rule.info;
        let example = ybc::compile(info.example, &catalog);
        assert!(
            example.diagnostics.iter().any(|d| d.code == info.name),
            "{}: its example does not trigger it",
            info.name
        );
        let fixed = ybc::compile(info.fixed, &catalog);
        assert!(
            !fixed.diagnostics.iter().any(|d| d.code == info.name),
            "{}: its fixed example still triggers it",
            info.name
        );
    }
}

#[test]
fn the_unsafe_sample_trips_every_rule() {
    let run = run_in_repo(&["check", "--format", "json", "tests/fixtures/unsafe.ybc"]);
    assert_eq!(run.code, 1);
    for rule in ybc::check::RULES {
        assert!(
            !rule_locations(&run.stdout, rule.info.name).is_empty(),
            "{} did not fire on tests/fixtures/unsafe.ybc:\n{}",
            rule.info.name,
            run.stdout
        );
    }
}

const OSTEOPOROSIS_CLASS: &str = "title \"Back strength\"\nprops mat, wall\n\nwarmup:\n  cat-cow 8 reps\nstrength:\n  locust hold 20-30s x3 rest 30s\n  bridge 3 reps hold 30s\ncooldown:\n  doorway-chest-opener hold 30s each side\n";

#[test]
fn audience_on_the_command_line_checks_as_if_declared() {
    let ws = Workspace::new();
    ws.file("class.ybc", OSTEOPOROSIS_CLASS);
    assert_eq!(ws.run(&["check", "class.ybc"]).code, 0);
    let run = ws.run(&["check", "--format", "json", "--audience", "osteoporosis", "class.ybc"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(
        rule_locations(&run.stdout, "contraindicated"),
        vec!["class.ybc:7:3", "class.ybc:8:3"],
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Locust is not safe for someone with osteoporosis"), "{}", run.stdout);
}

#[test]
fn audience_in_the_config_applies_to_every_routine() {
    let ws = Workspace::new();
    ws.file("class.ybc", OSTEOPOROSIS_CLASS);
    ws.file("ybc.toml", "[check]\naudience = [\"osteoporosis\"]\n");
    let run = ws.run(&["check", "--format", "json", "class.ybc"]);
    assert_eq!(run.code, 1);
    assert_eq!(rule_locations(&run.stdout, "contraindicated").len(), 2, "{}", run.stdout);
}

#[test]
fn adapt_replaces_contraindicated_steps_and_says_why() {
    let ws = Workspace::new();
    ws.file("class.ybc", OSTEOPOROSIS_CLASS);
    let run = ws.run(&[
        "build",
        "class.ybc",
        "--adapt",
        "swap",
        "--audience",
        "osteoporosis",
        "--format",
        "ybc",
        "-o",
        "adapted.ybc",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "class.ybc:7: Locust is not safe for someone with osteoporosis (loaded spinal extension is what to avoid \
             with osteoporotic fractures): replaced it with Wall-Supported Scapular Retraction, 3 reps, each held 8s, in \
             about the same time."
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("class.ybc:8: Bridge is not safe for someone with osteoporosis"), "{}", run.stderr);
    let adapted = std::fs::read_to_string(ws.path().join("adapted.ybc")).expect("adapted routine");
    assert!(!adapted.contains("  locust"), "{adapted}");
    assert!(!adapted.contains("  bridge "), "{adapted}");
    // The adapted routine checks without errors for the same audience.
    let check = ws.run(&["check", "--audience", "osteoporosis", "adapted.ybc"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    // And the JSON says what was replaced and why.
    let json = ws.run(&["build", "class.ybc", "--adapt=swap", "--audience", "osteoporosis", "--format", "json"]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let parsed: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    let changes = parsed["adaptations"].as_array().expect("adaptations");
    assert_eq!(changes.len(), 2, "{changes:?}");
    assert_eq!(changes[0]["line"], 7);
    assert_eq!(changes[0]["before"], "locust hold 20-30s x3 rest 30s");
    assert!(changes[0]["reason"].as_str().is_some_and(|r| r.contains("osteoporosis")), "{changes:?}");
}

#[test]
fn adapt_with_nothing_to_adapt_says_so() {
    let ws = Workspace::new();
    ws.file("class.ybc", OSTEOPOROSIS_CLASS);
    let run = ws.run(&["build", "class.ybc", "--adapt", "--format", "json"]);
    assert_eq!(run.code, 0);
    assert!(run.stderr.contains("nothing to adapt"), "{}", run.stderr);
    let format_ybc_alone = ws.run(&["build", "class.ybc", "--format", "ybc"]);
    assert_eq!(format_ybc_alone.code, 2);
}

/// A studio's own pose is checked by what it does, like a built-in one: its
/// `pose` line's words (`inversion`, `prone`, `spine extension`,
/// `loads-shoulders`) bring in the conditions' rules, in a routine and in a
/// studio catalog alike.
#[test]
fn a_studio_pose_is_checked_by_what_it_does() {
    let ws = Workspace::new();
    ws.file(
        "studio.ybc",
        "pose crane-headstand \"Crane Headstand\" focus strength hold 10-30s inversion head-below-heart neck-load loads-shoulders\n\
         pose frog-lift \"Frog Lift\" focus strength hold 10-20s prone spine extension\n\
         pose studio-camel \"Studio Camel\" focus mobility hold 10-30s spine extension loads-shoulders\n",
    );
    let routine = "audience hypertension, pregnant, osteoporosis, neck-pain, shoulder-surgery\n\
                   warmup:\n  cat-cow 6 reps\npeak:\n  crane-headstand hold 20s\n  frog-lift hold 15s\n  studio-camel hold 20s\n";
    ws.file("class.ybc", routine);
    let run = ws.run(&["check", "--format", "concise", "--catalog", "studio.ybc", "class.ybc"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    for expected in [
        "class.ybc:5:3: error[contraindicated] Crane Headstand is not safe for someone with uncontrolled high blood pressure: turning upside down",
        "class.ybc:5:3: error[contraindicated] Crane Headstand is not safe for someone with neck pain: the pose puts body weight through the neck",
        "class.ybc:5:3: error[contraindicated] Crane Headstand is not safe for someone with recent shoulder surgery or instability: an inversion",
        "class.ybc:6:3: error[contraindicated] Frog Lift is not safe for someone who is pregnant: lying on the belly",
        "class.ybc:7:3: warning[caution] Teach Studio Camel with care for someone with osteoporosis:",
        "class.ybc:7:3: warning[caution] Teach Studio Camel with care for someone with neck pain:",
        "class.ybc:7:3: warning[caution] Teach Studio Camel with care for someone with recent shoulder surgery or instability:",
    ] {
        assert!(run.stdout.contains(expected), "missing `{expected}` in\n{}", run.stdout);
    }
    // The same words in the routine's own `pose` line do the same.
    ws.file(
        "own.ybc",
        format!("pose frog-lift \"Frog Lift\" focus strength hold 10-20s prone\n{routine}")
            .replace("crane-headstand hold 20s\n  ", "")
            .replace("  studio-camel hold 20s\n", ""),
    );
    let own = ws.run(&["check", "--format", "concise", "own.ybc"]);
    assert!(
        own.stdout.contains("own.ybc:6:3: error[contraindicated] Frog Lift is not safe for someone who is pregnant"),
        "{}",
        own.stdout
    );
    // A word that is not a property is still a mistake, with a suggestion.
    ws.file(
        "typo.ybc",
        "pose frog-lift \"Frog Lift\" focus strength hold 10-20s prone inversoin\nstrength:\n  frog-lift hold 15s\n",
    );
    let typo = ws.run(&["check", "--format", "json", "typo.ybc"]);
    assert!(typo.stdout.contains("\"help\":\"Did you mean `inversion`?\""), "{}", typo.stdout);
}
