//! Every output format on the same fixtures (`fixtures/formats` plus a broken
//! symbolic link), as snapshots; the machine formats are also parsed back:
//! JSON and SARIF against their schemas, JUnit with an XML parser, GitHub
//! workflow commands against the toolkit's escaping rules.

use std::path::Path;

use serde_json::Value;

use crate::harness::{CLEAN, Run, Workspace};

/// The fixtures in a workspace, with `broken.ybc` linking to nothing.
fn fixtures() -> Workspace {
    let ws = Workspace::new();
    ws.fixtures("formats");
    ws.symlink("nowhere", "broken.ybc");
    ws
}

fn check(format: &str) -> (Workspace, Run) {
    let ws = fixtures();
    let run = ws.run(&["check", "--format", format]);
    assert_eq!(run.code, 2, "an unreadable file makes the exit code 2:\n{}", run.stderr);
    (ws, run)
}

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn json_file(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("can't read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

fn schema_errors(validator: &jsonschema::Validator, document: &Value) -> Vec<String> {
    validator.iter_errors(document).map(|e| format!("at `{}`: {e}", e.instance_path())).collect()
}

#[test]
fn human_is_miette_with_snippets_and_a_summary() {
    let (_ws, run) = check("human");
    insta::assert_snapshot!("human", run.stdout);
    assert!(!run.stdout.contains('\u{1b}'), "no colour off a terminal");
    assert_eq!(run.stderr.trim(), "Checked 3 files: 1 error, 3 warnings, 1 note. 1 file could not be read.");
}

#[test]
fn concise_is_one_line_per_diagnostic() {
    let (_ws, run) = check("concise");
    insta::assert_snapshot!("concise", run.stdout);
    for line in run.stdout.lines() {
        let (location, rest) = line.split_once(".ybc:").expect("path:line:col");
        let mut parts = rest.splitn(3, ':');
        let line_no: usize = parts.next().and_then(|n| n.parse().ok()).expect("a line number");
        let column: usize = parts.next().and_then(|n| n.parse().ok()).expect("a column number");
        assert!(line_no >= 1 && column >= 1, "{location}: {line}");
        let rest = parts.next().expect("the rest");
        assert!(
            ["error[", "warning[", "info["].iter().any(|l| rest.trim_start().starts_with(l)),
            "level[rule] after the position: {line}"
        );
    }
    assert!(run.stderr.starts_with("Checked 3 files"), "{}", run.stderr);
}

#[test]
fn json_matches_its_schema_and_the_positions_match_the_text() {
    let (ws, run) = check("json");
    insta::assert_snapshot!("json", run.stdout);
    assert_eq!(run.stderr, "", "nothing but the document for programs");
    let document: Value = serde_json::from_str(&run.stdout).expect("the output is JSON");
    let schema = json_file(&manifest_dir().join("docs/schema/diagnostics-v1.schema.json"));
    let validator = jsonschema::draft202012::new(&schema).expect("the schema compiles");
    let errors = schema_errors(&validator, &document);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let findings = document.as_array().expect("an array");
    assert_eq!(findings.len(), 6);
    for finding in findings {
        let file = finding["file"].as_str().expect("file");
        if finding["rule"] == "io" {
            assert_eq!(file, "broken.ybc");
            continue;
        }
        let text = std::fs::read_to_string(ws.path().join(file)).expect("fixture");
        for at in ["start", "end"] {
            let position = &finding[at];
            let offset = position["offset"].as_u64().expect("offset") as usize;
            let before = &text[..offset];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            assert_eq!(position["line"].as_u64(), Some(line as u64), "{file} {at} line: {finding}");
            assert_eq!(position["column"].as_u64(), Some(column as u64), "{file} {at} column in characters: {finding}");
        }
    }
    // After "slow 🙂" (four bytes, one column) the rest is at column 36, byte 38 of its line.
    let short_rest = findings.iter().find(|f| f["rule"] == "short-rest").expect("short-rest");
    assert_eq!(short_rest["start"]["column"], 36);
    let fix = findings.iter().find(|f| f["rule"] == "unknown-pose").expect("unknown-pose")["fix"].clone();
    assert_eq!(fix["replacement"], "locust");
}

#[test]
fn json_of_a_clean_run_is_an_empty_array() {
    let ws = Workspace::new();
    ws.file("a.ybc", CLEAN);
    let run = ws.run(&["check", "--format", "json"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, "[]\n"));
}

/// Undoes the toolkit's escaping of a property value or a message.
fn unescape(text: &str) -> String {
    text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")
}

/// Whether every `%` in `text` starts one of the escapes in `allowed`.
fn only_escapes(text: &str, allowed: &[&str]) -> bool {
    text.match_indices('%').all(|(i, _)| allowed.iter().any(|e| text[i..].starts_with(e)))
}

/// A workflow command: its name, its properties and its message, unescaped.
fn parse_command(line: &str) -> (String, Vec<(String, String)>, String) {
    let rest = line.strip_prefix("::").expect("starts with ::");
    let (head, message) = rest.split_once("::").expect("a :: before the message");
    let (name, properties) = head.split_once(' ').expect("properties");
    assert!(only_escapes(message, &["%25", "%0D", "%0A"]), "message escaping: {message}");
    let properties = properties
        .split(',')
        .map(|p| {
            let (key, value) = p.split_once('=').expect("key=value");
            assert!(!value.contains(':'), "a raw `:` in a property: {p}");
            assert!(only_escapes(value, &["%25", "%0D", "%0A", "%3A", "%2C"]), "property escaping: {p}");
            (key.to_owned(), unescape(value))
        })
        .collect();
    (name.to_owned(), properties, unescape(message))
}

#[test]
fn github_commands_are_escaped_as_the_toolkit_escapes_them() {
    let (_ws, run) = check("github");
    insta::assert_snapshot!("github", run.stdout);
    let commands: Vec<_> = run.stdout.lines().map(parse_command).collect();
    assert_eq!(commands.len(), 6);
    let names: Vec<&str> = commands.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(names, ["error", "warning", "notice", "error", "warning", "warning"]);
    // The path has a space, a comma and a percent sign; the message a percent
    // sign, a colon and a comma; the help follows on a new line.
    let (_, properties, message) = &commands[1];
    let get = |key: &str| properties.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    assert_eq!(get("file"), Some("class notes/press 50%, v2.ybc"));
    assert_eq!(
        (get("line"), get("endLine"), get("col"), get("endColumn")),
        (Some("5"), Some("5"), Some("14"), Some("17"))
    );
    assert_eq!(get("title"), Some("ybc hold-too-long"));
    assert_eq!(
        message,
        "A 35s hold is longer than Press 50%: slow, steady's recommended 10-20s (from its `pose` line).\nShorten it to `hold 20s`; `ybc explain press` shows where the range comes from."
    );
    let keys: Vec<&str> = properties.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["file", "line", "endLine", "col", "endColumn", "title"]);
    assert!(run.stderr.starts_with("Checked 3 files"), "{}", run.stderr);
}

/// The SARIF 2.1.0 schema, kept in the repository (tests/ci/fixtures/sarif/, with its
/// notice), so that the test reads nothing from cargo's package cache.
fn sarif_schema() -> Value {
    let mut schema = json_file(&manifest_dir().join("tests/ci/fixtures/sarif/sarif-schema-2.1.0.json"));
    // The schema's pattern for `language` tags has a stray `]` (an erratum of
    // the published schema) that a strict regex engine refuses; ybc never
    // writes `language`, so that pattern is dropped rather than the schema
    // left uncompiled. Nothing else is changed.
    fn drop_erratum(value: &mut Value) -> usize {
        const ERRATUM: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
        match value {
            Value::Object(map) => {
                let dropped = usize::from(map.get("pattern").is_some_and(|p| p == ERRATUM));
                if dropped == 1 {
                    map.remove("pattern");
                }
                dropped + map.values_mut().map(drop_erratum).sum::<usize>()
            }
            Value::Array(items) => items.iter_mut().map(drop_erratum).sum(),
            _ => 0,
        }
    }
    assert!(drop_erratum(&mut schema) > 0, "the erratum is still there");
    schema
}

#[test]
fn sarif_is_valid_sarif_2_1_0_with_rules_and_relative_paths() {
    let (ws, run) = check("sarif");
    assert_eq!(run.stderr, "");
    let log: Value = serde_json::from_str(&run.stdout).expect("the output is JSON");
    let schema = sarif_schema();
    assert_eq!(schema["title"], "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema");
    let validator = jsonschema::draft7::new(&schema).expect("the SARIF schema compiles");
    let errors = schema_errors(&validator, &log);
    assert!(errors.is_empty(), "{}", errors.join("\n"));

    let run0 = &log["runs"][0];
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    let driver = &run0["tool"]["driver"];
    assert_eq!(driver["name"], "ybc");
    let rules = driver["rules"].as_array().expect("rules");
    let listed = crate::harness::Workspace::new().run(&["rules", "--json"]);
    let known: Vec<Value> = serde_json::from_str(&listed.stdout).expect("rules --json");
    for (i, rule) in known.iter().enumerate() {
        let name = rule["name"].as_str().expect("name");
        assert_eq!(rules[i]["id"], name, "every rule, in the registry's order");
        let explain = crate::harness::Workspace::new().run(&["explain", name]).stdout;
        assert_eq!(rules[i]["help"]["text"], explain.as_str(), "the help of {name} is `ybc explain {name}`");
        assert_eq!(rules[i]["shortDescription"]["text"], format!("{}.", rule["summary"].as_str().unwrap_or("")));
    }
    for result in run0["results"].as_array().expect("results") {
        let id = result["ruleId"].as_str().expect("ruleId");
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], id, "ruleIndex points at the rule");
        let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().expect("uri");
        assert!(!uri.starts_with('/') && !uri.contains("://") && !uri.starts_with("./"), "{uri}");
    }
    let root = run0["originalUriBaseIds"]["%SRCROOT%"]["uri"].as_str().expect("%SRCROOT%");
    let canonical = std::fs::canonicalize(ws.path()).expect("canonical path");
    assert_eq!(root, format!("file://{}/", canonical.display()));

    let results = run0["results"].clone();
    insta::assert_snapshot!("sarif-results", serde_json::to_string_pretty(&results).expect("JSON"));
}

#[test]
fn junit_has_a_suite_per_file_and_a_case_per_diagnostic() {
    let (_ws, run) = check("junit");
    insta::assert_snapshot!("junit", run.stdout);
    assert_eq!(run.stderr, "");
    let document = roxmltree::Document::parse(&run.stdout).expect("well-formed XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suites: Vec<_> = root.children().filter(|n| n.has_tag_name("testsuite")).collect();
    let names: Vec<&str> = suites.iter().filter_map(|s| s.attribute("name")).collect();
    assert_eq!(names, ["broken.ybc", "class notes/press 50%, v2.ybc", "clean.ybc", "mistakes.ybc"]);
    for suite in &suites {
        let cases: Vec<_> = suite.children().filter(|n| n.has_tag_name("testcase")).collect();
        let failing = cases.iter().filter(|c| c.children().any(|n| n.has_tag_name("failure"))).count();
        let erring = cases.iter().filter(|c| c.children().any(|n| n.has_tag_name("error"))).count();
        assert_eq!(suite.attribute("tests"), Some(cases.len().to_string().as_str()));
        assert_eq!(suite.attribute("failures"), Some(failing.to_string().as_str()));
        assert_eq!(suite.attribute("errors"), Some(erring.to_string().as_str()));
    }
    let count = |i: usize, tag: &str| suites[i].descendants().filter(|n| n.has_tag_name(tag)).count();
    assert_eq!((count(0, "error"), count(0, "failure")), (1, 0), "the unreadable file is an error");
    assert_eq!(count(1, "failure"), 1);
    assert_eq!((count(2, "testcase"), count(2, "failure")), (1, 0), "a clean file is one passing case");
    assert_eq!(count(3, "failure"), 4);
    let failure = suites[1].descendants().find(|n| n.has_tag_name("failure")).expect("a failure");
    assert_eq!(failure.attribute("type"), Some("warning"));
    assert_eq!(
        failure.attribute("message"),
        Some("A 35s hold is longer than Press 50%: slow, steady's recommended 10-20s (from its `pose` line).")
    );
    assert!(failure.text().is_some_and(|t| t.contains("help: Shorten it to `hold 20s`")));
}

#[test]
fn the_format_can_come_from_the_environment() {
    let ws = Workspace::new();
    ws.file("a.ybc", crate::harness::ONE_ERROR);
    let run = ws.ybc(&["check"]).env("YBC_FORMAT", "concise").run();
    assert_eq!(run.stdout, "a.ybc:4:3: error[unknown-pose] `locsut` is not a pose I know.\n");
    let run = ws.ybc(&["check", "--format", "json"]).env("YBC_FORMAT", "concise").run();
    assert!(run.stdout.starts_with("[\n  {\"file\":\"a.ybc\""), "the flag wins: {}", run.stdout);
    let run = ws.ybc(&["check"]).env("YBC_FORMAT", "yaml").run();
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("invalid value 'yaml'"), "{}", run.stderr);
}

#[test]
fn human_colour_follows_no_color_and_the_flag() {
    let ws = Workspace::new();
    ws.file("a.ybc", crate::harness::ONE_ERROR);
    let always = ws.run(&["--color", "always", "check"]);
    assert!(always.stdout.contains('\u{1b}'));
    let never = ws.run(&["--color", "never", "check"]);
    assert!(!never.stdout.contains('\u{1b}'));
    let auto = ws.run(&["check"]);
    assert!(!auto.stdout.contains('\u{1b}'), "NO_COLOR, and not a terminal");
    for format in ["concise", "json", "github", "sarif", "junit"] {
        let run = ws.run(&["--color", "always", "check", "--format", format]);
        assert!(!run.stdout.contains('\u{1b}'), "{format} never has colour");
    }
}
