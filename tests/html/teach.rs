//! The class screen (`ybc build --format html --layout teach`): built with the
//! real binary and read as a file (nothing to fetch, the same bytes every time,
//! the JSON it embeds is exactly `--format json`'s), then run in headless
//! Chromium by `tests/teach/teach.test.mjs` (node, playwright-core, axe-core).

use std::path::Path;
use std::process::Command;

use crate::harness::{Built, artifacts, build, build_text, parse, repo, routines, select};
use crate::tools::require;

fn teach(routine: &Path, args: &[&str]) -> Built {
    let mut all = vec!["--layout", "teach"];
    all.extend_from_slice(args);
    build(routine, &all)
}

/// `ybc build ROUTINE --format json`, run from the repository root as `build` is.
fn json(routine: &Path) -> serde_json::Value {
    let output = assert_cmd::Command::cargo_bin("ybc")
        .expect("ybc binary")
        .current_dir(repo())
        .args(["build", "--format", "json"])
        .arg(routine)
        .output()
        .expect("run ybc");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("the JSON timeline")
}

/// The JSON embedded in the page's `<script type="application/json" id="…">`.
fn embedded(html: &str, id: &str) -> serde_json::Value {
    let document = parse(html);
    let script = document
        .select(&select(&format!(r#"script[type="application/json"]#{id}"#)))
        .next()
        .unwrap_or_else(|| panic!("no <script type=\"application/json\" id=\"{id}\">"));
    serde_json::from_str(&script.text().collect::<String>()).expect("embedded JSON")
}

#[test]
fn every_routine_builds_a_class_screen_that_needs_nothing_from_the_network() {
    for routine in routines() {
        let name = routine.display().to_string();
        let built = teach(&routine, &[]);
        assert_eq!(built.code, 0, "{name}:\n{}", built.stderr);
        for scheme in ["http://", "https://", "//fonts.", "url("] {
            assert!(!built.html.contains(scheme), "{name}: the page mentions `{scheme}`");
        }
        let document = parse(&built.html);
        assert_eq!(document.select(&select("[src]")).count(), 0, "{name}: nothing is loaded from a src");
        for element in document.select(&select("[href]")) {
            let href = element.value().attr("href").unwrap_or_default();
            assert!(href.starts_with("data:"), "{name}: an href that is not inline: {href}");
        }
        assert_eq!(document.select(&select("h1")).count(), 1, "{name}: one h1");
        let state = document.select(&select("#teach")).next().expect("the state element");
        assert_eq!(state.value().attr("data-state"), Some("ready"), "{name}");
        assert_eq!(state.value().attr("data-index"), Some("0"), "{name}");
        // The player runs on the very JSON `--format json` writes.
        assert_eq!(embedded(&built.html, "timeline"), json(&routine), "{name}: the embedded timeline");
        // Each event has its figure (a rest: none); each figure is a template.
        let screen = embedded(&built.html, "screen");
        let timeline = json(&routine)["timeline"].as_array().cloned().unwrap_or_default();
        let figure_of = screen["figure_of"].as_array().cloned().unwrap_or_default();
        assert_eq!(figure_of.len(), timeline.len(), "{name}: a figure entry per event");
        for (event, figure) in timeline.iter().zip(&figure_of) {
            assert_eq!(event["kind"] == "rest", figure.is_null(), "{name}: event {}", event["index"]);
            if let Some(n) = figure.as_u64() {
                // A <template>'s content is not in the parsed tree: read the markup.
                let template = format!(r#"<template id="figure-{n}"><svg viewBox="#);
                assert!(built.html.contains(&template), "{name}: no figure {n}");
            }
        }
    }
}

#[test]
fn the_same_routine_gives_the_same_bytes() {
    let routine = repo().join("routines/vinyasa-sun-salutations.ybc");
    let first = teach(&routine, &[]);
    let second = teach(&routine, &[]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(first.html == second.html, "two builds of the same routine differ");
}

#[test]
fn a_routine_with_errors_is_not_built() {
    let built = build_text("title \"Broken\"\nlocsut hold 30s\n", &["--layout", "teach"]);
    assert_eq!(built.code, 1, "{}", built.stderr);
    assert!(!built.written, "no class screen for a routine with errors");
    assert!(built.stderr.contains("locsut"), "{}", built.stderr);
}

#[test]
fn the_countdown_and_the_switch_are_options() {
    let routine = repo().join("routines/desk-reset.ybc");
    let built = teach(&routine, &["--get-ready", "8", "--switch-sides", "0"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let document = parse(&built.html);
    let state = document.select(&select("#teach")).next().expect("the state element");
    assert_eq!(state.value().attr("data-get-ready"), Some("8"));
    assert_eq!(state.value().attr("data-switch-sides"), Some("0"));
    let field = document.select(&select("input#get-ready")).next().expect("the get-ready field");
    assert_eq!(field.value().attr("value"), Some("8"));
    // Defaults: 5 s each.
    let built = teach(&routine, &[]);
    assert!(built.html.contains(r#"data-get-ready="5" data-switch-sides="5""#));
}

#[test]
fn options_that_do_not_fit_are_refused() {
    let routine = repo().join("routines/desk-reset.ybc");
    for (args, says) in [
        (vec!["--layout", "teach", "--get-ready", "500"], "500"),
        (vec!["--layout", "teach", "--paper", "letter"], "printed"),
        (vec!["--layout", "teach", "--log-weeks", "4"], "printed"),
        (vec!["--get-ready", "3"], "--layout teach"),
        (vec!["--layout", "cards", "--switch-sides", "3"], "--layout teach"),
    ] {
        let built = build(&routine, &args);
        assert_eq!(built.code, 2, "{args:?}: {}", built.stderr);
        assert!(!built.written, "{args:?}");
        assert!(built.stderr.contains(says), "{args:?}: {}", built.stderr);
    }
}

#[test]
fn text_from_the_routine_cannot_end_the_script() {
    let routine = "title \"</script><script>alert(1)</script>\"\nwarmup:\n  cat-cow 8 reps \"<!-- </script> & <b>\"\n";
    let built = build_text(routine, &["--layout", "teach"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert!(!built.html.contains("<script>alert(1)"), "the title came out as markup");
    assert!(!built.html.contains("<!-- </script>"), "the cue came out as markup");
    let timeline = embedded(&built.html, "timeline");
    assert_eq!(timeline["meta"]["title"], "</script><script>alert(1)</script>");
    assert_eq!(timeline["timeline"][0]["cues"][0], "<!-- </script> & <b>");
    let document = parse(&built.html);
    assert_eq!(
        document.select(&select("h1")).next().map(|h| h.text().collect::<String>()).as_deref(),
        Some("</script><script>alert(1)</script>")
    );
}

/// The browser tests: every sample routine built into one folder, then
/// `node --test tests/teach/teach.test.mjs`. They need node, Debian's
/// chromium and `npm ci` in tests/teach (`.ci/run` does all three); without
/// them they are skipped with a note, except under CI, where they fail.
#[test]
fn the_class_runs_in_headless_chromium() {
    let Some(node) = require(&["node"], "Node.js (Debian package nodejs)") else { return };
    let Some(chromium) = require(&["chromium", "chromium-browser"], "Chromium (Debian package chromium)") else {
        return;
    };
    let tests = repo().join("tests/teach");
    for package in ["playwright-core", "axe-core"] {
        if !tests.join("node_modules").join(package).is_dir() {
            let message = format!("{package} is not installed in tests/teach; run `npm ci` there (`.ci/run` does)");
            assert!(std::env::var("CI").map_or(true, |v| v != "true"), "{message}");
            eprintln!("SKIPPED: {message}");
            return;
        }
    }
    let pages = tempfile::tempdir().expect("temporary folder");
    for routine in routines() {
        let built = teach(&routine, &[]);
        assert_eq!(built.code, 0, "{}:\n{}", routine.display(), built.stderr);
        let stem = routine.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        std::fs::write(pages.path().join(format!("{stem}.html")), &built.html).expect("write page");
    }
    let quick = teach(&repo().join("routines/desk-reset.ybc"), &["--get-ready", "0"]);
    std::fs::write(pages.path().join("desk-reset-quick-start.html"), &quick.html).expect("write page");
    let no_switch = teach(&repo().join("routines/desk-reset.ybc"), &["--switch-sides", "0"]);
    std::fs::write(pages.path().join("desk-reset-no-switch.html"), &no_switch.html).expect("write page");
    let shots = artifacts();
    let output = Command::new(node)
        .current_dir(&tests)
        .args(["--test", "--test-reporter=spec", "teach.test.mjs"])
        .env("YBC_TEACH_PAGES", pages.path())
        .env("YBC_TEACH_SHOTS", &shots)
        .env("YBC_CHROMIUM", chromium)
        .output()
        .expect("run node");
    let report = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "the class screen's browser tests failed:\n{report}");
    eprintln!("{report}\nScreenshots: {}/teach-*.png", shots.display());
}
