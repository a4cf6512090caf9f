//! Rule fixtures: `tests/fixtures/rules/<rule>/*.ybc`, one test per rule, so
//! `cargo test hold_too_long` runs that rule's fixtures alone.
//!
//! A line that should get a finding from the rule ends in `# expect: <rule>`
//! (the finding must start on that line). Files whose names start with
//! `quiet` must get no finding from the rule at all: they hold the boundary
//! cases that pass. Each rule's findings are snapshotted as a teacher reads
//! them, so a change in wording is a reviewed diff.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use ybc::catalog::Catalog;
use ybc::report::human::HumanRenderer;
use ybc::span::LineIndex;

/// One `#[test]` per rule, named after it; `FIXTURE_TESTS` lists the rules covered.
macro_rules! rule_fixture_tests {
    ($($test:ident => $rule:literal,)*) => {
        $(
            #[test]
            fn $test() {
                rule_gets_exactly_the_expected_findings($rule);
            }
        )*
        /// The rules that have a fixture test above.
        const FIXTURE_TESTS: &[&str] = &[$($rule),*];
    };
}

rule_fixture_tests! {
    breath_holding_risk => "breath-holding-risk",
    caution => "caution",
    contraindicated => "contraindicated",
    duration_mismatch => "duration-mismatch",
    extension_streak => "extension-streak",
    hold_too_long => "hold-too-long",
    hold_too_short => "hold-too-short",
    level_mismatch => "level-mismatch",
    missing_cooldown => "missing-cooldown",
    missing_counterpose => "missing-counterpose",
    missing_dose => "missing-dose",
    missing_relaxation => "missing-relaxation",
    missing_warmup => "missing-warmup",
    no_mobility_pairing => "no-mobility-pairing",
    one_sided => "one-sided",
    peak_before_warmup => "peak-before-warmup",
    prop_not_listed => "prop-not-listed",
    reps_out_of_range => "reps-out-of-range",
    short_rest => "short-rest",
    strength_order => "strength-order",
    unknown_condition => "unknown-condition",
    unknown_prop => "unknown-prop",
    unused_allow => "unused-allow",
}

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules")
}

/// Checks every fixture in `tests/fixtures/rules/<rule>/` and snapshots the rule's findings.
fn rule_gets_exactly_the_expected_findings(rule: &str) {
    assert!(ybc::check::rule(rule).is_some(), "fixtures for an unknown rule: {rule}");
    let dir = fixtures_root().join(rule);
    let catalog = Catalog::builtin();
    let renderer = HumanRenderer::new(false);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let mut rendered = String::new();
    let mut failures = Vec::new();
    let (mut triggers, mut quiets) = (0, 0);
    for file in files.iter().filter(|f| f.extension().is_some_and(|e| e == "ybc")) {
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("").to_owned();
        let text = std::fs::read_to_string(file).expect("fixture");
        let compiled = ybc::compile(&text, &catalog);
        let lines = LineIndex::new(&text);
        let found: BTreeSet<usize> =
            compiled.diagnostics.iter().filter(|d| d.code == rule).map(|d| lines.line(d.span.start)).collect();
        let expected: BTreeSet<usize> = ybc::syntax::lines(&text)
            .enumerate()
            .filter(|(_, (_, line))| {
                line.split("# expect:").nth(1).is_some_and(|rules| rules.split(',').any(|r| r.trim() == rule))
            })
            .map(|(i, _)| i + 1)
            .collect();
        if name.starts_with("quiet") {
            quiets += 1;
            assert!(expected.is_empty(), "{rule}/{name}: a quiet fixture must not expect findings");
        } else {
            triggers += 1;
            assert!(!expected.is_empty(), "{rule}/{name}: a trigger fixture must mark lines with `# expect: {rule}`");
        }
        if found != expected {
            failures.push(format!(
                "{rule}/{name}: expected findings on lines {expected:?}, found {found:?}\n{}",
                renderer.render(&name, &text, &compiled.diagnostics)
            ));
        }
        let own: Vec<_> = compiled.diagnostics.iter().filter(|d| d.code == rule).cloned().collect();
        if !own.is_empty() {
            rendered.push_str(&renderer.render(&name, &text, &own));
        }
    }
    if triggers == 0 || quiets == 0 {
        failures.push(format!("{rule}: needs at least one trigger fixture and one quiet fixture"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    insta::assert_snapshot!(format!("rule-{rule}"), rendered);
}

/// A new rule needs a fixture folder and a line in `rule_fixture_tests!`; a
/// folder without its test would never run.
#[test]
fn every_rule_has_a_fixture_folder_and_a_test() {
    let output = assert_cmd::Command::cargo_bin("ybc").expect("ybc binary").args(["rules", "--json"]).output();
    let output = output.expect("run ybc rules --json");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let rules: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).expect("ybc rules --json is JSON");
    let registry: BTreeSet<String> =
        rules.iter().map(|r| r["name"].as_str().expect("a rule's name").to_owned()).collect();
    let folders: BTreeSet<String> = std::fs::read_dir(fixtures_root())
        .expect("tests/fixtures/rules")
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let tests: BTreeSet<String> = FIXTURE_TESTS.iter().map(|r| (*r).to_owned()).collect();
    let without_folder: Vec<_> = registry.difference(&folders).collect();
    assert!(without_folder.is_empty(), "rules without a folder in tests/fixtures/rules: {without_folder:?}");
    let without_test: Vec<_> = folders.difference(&tests).collect();
    assert!(without_test.is_empty(), "fixture folders without a line in rule_fixture_tests!: {without_test:?}");
    let unknown: Vec<_> = folders.difference(&registry).collect();
    assert!(unknown.is_empty(), "fixture folders for rules `ybc rules --json` does not list: {unknown:?}");
}

/// One `#[test]` per condition: `tests/fixtures/conditions/<condition>/`.
macro_rules! condition_fixture_tests {
    ($($test:ident => $condition:literal,)*) => {
        $(
            #[test]
            fn $test() {
                condition_rules_fire_at_their_level($condition);
            }
        )*
        /// The conditions that have a fixture test above.
        const CONDITION_TESTS: &[&str] = &[$($condition),*];
    };
}

condition_fixture_tests! {
    condition_neck_pain => "neck-pain",
    condition_shoulder_surgery => "shoulder-surgery",
    condition_high_blood_pressure => "high-blood-pressure",
    condition_osteoporosis => "osteoporosis",
    condition_rotator_cuff => "rotator-cuff",
    condition_low_back_pain => "low-back-pain",
    condition_pregnancy => "pregnancy",
    condition_glaucoma => "glaucoma",
    condition_wrist_pain => "wrist-pain",
    condition_knee_pain => "knee-pain",
    condition_hip_replacement => "hip-replacement",
    condition_balance_problems => "balance-problems",
}

/// A condition's fixtures: in `trigger.ybc` each line marked `# expect:
/// contraindicated` or `# expect: caution` gets exactly that finding and no
/// other line gets either, and every one of the condition's rules fires at its
/// level on some line; `quiet.ybc` (the same class, modified as the rules say)
/// gets neither finding and no error.
fn condition_rules_fire_at_their_level(id: &str) {
    let catalog = Catalog::builtin();
    let condition = catalog.condition(id).unwrap_or_else(|| panic!("no condition {id}"));
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/conditions").join(id);
    let renderer = HumanRenderer::new(false);
    let codes = ["contraindicated", "caution"];
    let mut reached = BTreeSet::new();
    for name in ["trigger.ybc", "quiet.ybc"] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{id}/{name}: {e}"));
        let compiled = ybc::compile(&text, &catalog);
        let report = renderer.render(name, &text, &compiled.diagnostics);
        let errors: Vec<_> = compiled
            .diagnostics
            .iter()
            .filter(|d| d.severity == ybc::diagnostic::Severity::Error && !codes.contains(&d.code))
            .collect();
        assert!(errors.is_empty(), "{id}/{name} has other errors:\n{report}");
        let lines = LineIndex::new(&text);
        let found: BTreeSet<(usize, &str)> = compiled
            .diagnostics
            .iter()
            .filter(|d| codes.contains(&d.code))
            .map(|d| (lines.line(d.span.start), d.code))
            .collect();
        let expected: BTreeSet<(usize, &str)> = ybc::syntax::lines(&text)
            .enumerate()
            .filter_map(|(i, (_, line))| {
                let code = line.split("# expect:").nth(1)?.trim();
                Some((i + 1, *codes.iter().find(|c| **c == code).unwrap_or_else(|| panic!("{id}/{name}: `{code}`"))))
            })
            .collect();
        assert!(name.starts_with("trigger") || expected.is_empty(), "{id}/{name} must not expect findings");
        assert_eq!(found, expected, "{id}/{name}:\n{report}");
        for (step, _) in compiled.routine.steps() {
            let pose = compiled.routine.catalog.pose_at(step.pose).expect("a step's pose");
            if let Some(c) = pose.contraindications.iter().find(|c| c.condition == condition.id)
                && found.contains(&(lines.line(step.name.span.start), "contraindicated"))
                    | found.contains(&(lines.line(step.name.span.start), "caution"))
            {
                reached.insert((c.because.clone(), c.severity));
            }
        }
    }
    for rule in &condition.rules {
        assert!(
            reached.contains(&(rule.when.clone(), rule.severity)),
            "{id}: no line of trigger.ybc reaches the rule {:?} ({:?})",
            rule.when,
            rule.severity
        );
    }
}

/// Every condition in the catalog has its fixture folder and test.
#[test]
fn every_condition_has_fixtures_and_a_test() {
    let catalog = Catalog::builtin();
    let ids: BTreeSet<&str> = catalog.conditions().iter().map(|c| c.id.as_str()).collect();
    let tests: BTreeSet<&str> = CONDITION_TESTS.iter().copied().collect();
    assert_eq!(ids, tests, "conditions and their fixture tests");
}
