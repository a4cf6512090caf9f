//! Rule fixtures: `tests/fixtures/rules/<rule>/*.ybc`.
//!
//! A line that should get a finding from the rule ends in `# expect: <rule>`
//! (the finding must start on that line). Files whose names start with
//! `quiet` must get no finding from the rule at all: they hold the boundary
//! cases that pass. Each rule's findings are snapshotted as a teacher reads
//! them, so a change in wording is a reviewed diff.

use std::collections::BTreeSet;
use std::path::Path;

use ybc::catalog::Catalog;
use ybc::report::human::HumanRenderer;
use ybc::span::LineIndex;

#[test]
fn every_rule_fixture_gets_exactly_the_expected_findings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    let catalog = Catalog::builtin();
    let renderer = HumanRenderer::new(false);
    let mut rules_seen = BTreeSet::new();
    let mut dirs: Vec<_> = std::fs::read_dir(&root).expect("fixtures folder").flatten().map(|e| e.path()).collect();
    dirs.sort();
    let mut failures = Vec::new();
    for dir in dirs {
        let rule = dir.file_name().and_then(|n| n.to_str()).expect("rule folder name").to_owned();
        assert!(ybc::check::rule(&rule).is_some(), "fixtures for an unknown rule: {rule}");
        let mut files: Vec<_> = std::fs::read_dir(&dir).expect("rule folder").flatten().map(|e| e.path()).collect();
        files.sort();
        let mut rendered = String::new();
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
                assert!(
                    !expected.is_empty(),
                    "{rule}/{name}: a trigger fixture must mark lines with `# expect: {rule}`"
                );
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
        insta::assert_snapshot!(format!("rule-{rule}"), rendered);
        rules_seen.insert(rule);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    let missing: Vec<_> =
        ybc::check::RULES.iter().map(|r| r.info.name).filter(|name| !rules_seen.contains(*name)).collect();
    assert!(missing.is_empty(), "rules without fixtures: {missing:?}");
}
