//! Text that reaches terminals and CI logs: a control character in a routine,
//! a catalog or a config never reaches the output raw, a file name never
//! starts a line of its own (a GitHub Actions workflow command), and SARIF's
//! relative references are never read as absolute URIs.

use crate::harness::{CLEAN, Run, Workspace};

/// An escape sequence that retitles the terminal, rings the bell and clears the screen.
const HOSTILE: &str = "\u{1b}]0;OWNED\u{7}\u{1b}[2J";

/// A routine with `HOSTILE` in a cue on line 4.
fn hostile_routine() -> String {
    CLEAN.replace("locust hold 20-30s x3 rest 30s", &format!("locust hold 20-30s x3 rest 30s \"{HOSTILE}\""))
}

/// Fails the test if anything ybc printed holds a control character other
/// than the line ending and the tab (of `fmt --check`'s diff headers).
fn assert_no_controls(run: &Run, what: &str) {
    for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        let bad: Vec<char> =
            text.chars().filter(|&c| !matches!(c, '\n' | '\t') && (c.is_control() || ybc_bidi(c))).collect();
        assert!(bad.is_empty(), "{what}: {stream} holds {bad:?}:\n{text}");
    }
}

fn ybc_bidi(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[test]
fn an_escape_sequence_in_a_cue_is_an_error_at_its_place() {
    let ws = Workspace::new();
    ws.file("routine.ybc", hostile_routine());
    let run = ws.run(&["check", "routine.ybc"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("This line holds an escape character (U+001B)"), "{}", run.stdout);
    assert!(run.stdout.contains("This line holds a bell character (U+0007)"), "{}", run.stdout);
    assert!(run.stdout.contains("help: Delete it."), "{}", run.stdout);
    // The snippet shows the characters as visible pictures, in their columns.
    assert!(run.stdout.contains("\"␛]0;OWNED␇␛[2J\""), "{}", run.stdout);
    assert_no_controls(&run, "check");
    let concise = ws.run(&["check", "--format", "concise", "routine.ybc"]);
    let lines: Vec<&str> = concise.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "routine.ybc:4:35: error[control-character] This line holds an escape character (U+001B), an invisible character that can change what a terminal or a log shows.",
            "routine.ybc:4:44: error[control-character] This line holds a bell character (U+0007), an invisible character that can change what a terminal or a log shows.",
            "routine.ybc:4:45: error[control-character] This line holds an escape character (U+001B), an invisible character that can change what a terminal or a log shows.",
        ],
        "{}",
        concise.stdout
    );
    for format in ["github", "json", "sarif", "junit"] {
        let run = ws.run(&["check", "--format", format, "routine.ybc"]);
        assert_eq!(run.code, 1, "{format}");
        assert_no_controls(&run, format);
    }
}

#[test]
fn plan_build_and_fmt_refuse_a_routine_with_an_escape_sequence() {
    let ws = Workspace::new();
    let routine = ws.file("routine.ybc", hostile_routine());
    let plan = ws.run(&["plan", "routine.ybc"]);
    assert_eq!(plan.code, 1, "{}", plan.stdout);
    assert_eq!(plan.stdout, "", "nothing is planned");
    assert!(plan.stderr.contains("an escape character (U+001B)"), "{}", plan.stderr);
    assert_no_controls(&plan, "plan");
    for format in ["html", "json"] {
        let build = ws.run(&["build", "routine.ybc", "--format", format, "-o", "out"]);
        assert_eq!(build.code, 1, "{format}: {}", build.stderr);
        assert!(!ws.path().join("out").exists(), "{format}: a handout was written");
        assert_no_controls(&build, format);
    }
    let fmt = ws.run(&["fmt", "routine.ybc"]);
    assert_eq!(fmt.code, 2, "{}", fmt.stderr);
    assert!(fmt.stderr.contains("routine.ybc has errors, so it was not formatted."), "{}", fmt.stderr);
    assert_eq!(std::fs::read_to_string(routine).expect("routine"), hostile_routine(), "the file is untouched");
    assert_no_controls(&fmt, "fmt");
    let check = ws.run(&["fmt", "--check", "routine.ybc"]);
    assert_eq!(check.code, 2);
    assert_no_controls(&check, "fmt --check");
}

#[test]
fn each_kind_of_invisible_character_is_named_with_its_code() {
    for (c, named) in [
        ('\u{8}', "a backspace character (U+0008)"),
        ('\u{c}', "a form feed (U+000C)"),
        ('\u{7f}', "a delete character (U+007F)"),
        ('\u{9b}', "a control character (U+009B)"),
        ('\u{85}', "a next-line character (U+0085)"),
        ('\u{202e}', "a right-to-left override (U+202E)"),
        ('\u{2066}', "a left-to-right isolate (U+2066)"),
    ] {
        let ws = Workspace::new();
        // In a comment, a name and a title alike.
        ws.file("routine.ybc", format!("title \"Back{c}\"\n# note{c}\nwarmup:\n  cat-cow{c} 8 reps\n"));
        let run = ws.run(&["check", "--format", "concise", "routine.ybc"]);
        assert_eq!(run.code, 1, "{c:?}");
        for place in ["routine.ybc:1:12:", "routine.ybc:2:7:", "routine.ybc:4:10:"] {
            assert!(
                run.stdout.contains(&format!("{place} error[control-character] This line holds {named}")),
                "{c:?} at {place}:\n{}",
                run.stdout
            );
        }
        assert_no_controls(&run, named);
        let human = ws.run(&["check", "routine.ybc"]);
        assert_no_controls(&human, named);
    }
    // A tab is still fine in a cue.
    let ws = Workspace::new();
    ws.file("routine.ybc", CLEAN.replace("cat-cow 8 reps", "cat-cow 8 reps \"slow\tand easy\""));
    assert_eq!(ws.run(&["check", "routine.ybc"]).code, 0);
}

#[test]
fn a_catalog_with_an_escape_sequence_is_refused() {
    let ws = Workspace::new();
    ws.file("studio.ybc", format!("pose wall-angel \"Wall Angel{HOSTILE}\" focus mobility hold 20-40s\n"));
    ws.file("routine.ybc", "strength:\n  wall-angel hold 30s\n");
    let run = ws.run(&["--catalog", "studio.ybc", "plan", "routine.ybc"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("an escape character (U+001B)"), "{}", run.stderr);
    assert!(run.stderr.contains("the catalog file studio.ybc has errors"), "{}", run.stderr);
    assert_no_controls(&run, "catalog");
}

#[test]
fn a_config_quoting_an_escape_sequence_is_reported_escaped() {
    let ws = Workspace::new();
    ws.file("ybc.toml", "[rules]\n\"\\u001b]0;OWNED\\u0007\" = \"allow\"\n");
    ws.file("routine.ybc", CLEAN);
    let run = ws.run(&["check", "routine.ybc"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("`\\u{1b}]0;OWNED\\u{7}` is not a rule."), "{}", run.stderr);
    assert_no_controls(&run, "config");
}

/// A file name that, printed raw, puts a workflow command on a line of its own.
const INJECTING: &str = "x\n::error file=README.md::Injected\n.ybc";

/// Whether some line of `text` is a workflow command naming README.md.
fn injected(text: &str) -> bool {
    text.lines().any(|line| line.starts_with("::error file=README.md"))
}

#[test]
fn a_file_name_with_a_line_break_stays_on_its_line() {
    let ws = Workspace::new();
    // Not formatted, so that `fmt --check` names it too.
    ws.file(INJECTING, "strength:\n  locsut   hold 30s\n");
    let shown = "x\\n::error file=README.md::Injected\\n.ybc";
    for args in [
        &["check"][..],
        &["check", "--format", "concise"],
        &["check", "--format", "github"],
        &["check", INJECTING],
        &["plan", INJECTING],
        &["build", INJECTING, "--format", "json"],
        &["fmt", "--check"],
        &["fmt", "--check", INJECTING],
    ] {
        let run = ws.run(args);
        assert!(!injected(&run.stdout) && !injected(&run.stderr), "{args:?}:\n{}{}", run.stdout, run.stderr);
        assert_no_controls(&run, &format!("{args:?}"));
        let github = args.contains(&"github");
        assert!(
            github || run.stdout.contains(shown) || run.stderr.contains(shown),
            "{args:?} names the file: {}{}",
            run.stdout,
            run.stderr
        );
    }
    let concise = ws.run(&["check", "--format", "concise"]);
    assert!(concise.stdout.contains(&format!("\n{shown}:2:3: error[unknown-pose]")), "{}", concise.stdout);
    // GitHub gets the name as its own toolkit escapes it, so the annotation lands on the file.
    let github = ws.run(&["check", "--format", "github"]);
    assert!(
        github.stdout.contains("\n::error file=x%0A%3A%3Aerror file=README.md%3A%3AInjected%0A.ybc,line=2,"),
        "{}",
        github.stdout
    );
    // A file ybc can't write, or read: the name in the error is escaped too.
    let missing = ws.run(&["check", "gone\n::error file=README.md::Injected\n.ybc"]);
    assert_eq!(missing.code, 2);
    assert!(!injected(&missing.stderr), "{}", missing.stderr);
    assert!(missing.stderr.contains("can't read gone\\n::error"), "{}", missing.stderr);
}

#[test]
fn an_escape_sequence_in_a_file_name_is_escaped() {
    let ws = Workspace::new();
    let name = format!("title{HOSTILE}.ybc");
    ws.file(&name, "strength:\n  locsut   hold 30s\n");
    for args in
        [&["check"][..], &["check", "--format", "concise"], &["check", "--format", "github"], &["fmt", "--check"]]
    {
        let run = ws.run(args);
        assert_no_controls(&run, &format!("{args:?}"));
    }
    let run = ws.run(&["check", "--format", "concise"]);
    assert!(run.stdout.contains("\ntitle\\u{1b}]0;OWNED\\u{7}\\u{1b}[2J.ybc:2:3: error"), "{}", run.stdout);
}

#[test]
fn a_sarif_uri_with_a_colon_is_not_read_as_a_scheme() {
    let ws = Workspace::new();
    ws.file("http:evil.ybc", "strength:\n  locsut hold 30s\n");
    ws.file("dir:x/a:b.ybc", "strength:\n  locsut hold 30s\n");
    let run = ws.run(&["check", "--format", "sarif"]);
    let log: serde_json::Value = serde_json::from_str(&run.stdout).expect("sarif");
    let mut uris: Vec<String> = log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().expect("uri").to_owned())
        .collect();
    uris.sort();
    uris.dedup();
    assert_eq!(uris, ["dir%3Ax/a%3Ab.ybc", "http%3Aevil.ybc"], "{}", run.stdout);
}
