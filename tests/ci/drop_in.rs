//! What a studio drops into its setup: completions, the man page, the version,
//! and the commands in docs/ci.md, action.yml and .pre-commit-hooks.yaml.

use std::path::Path;

use crate::harness::Workspace;

#[test]
fn completions_are_generated_for_each_shell() {
    let ws = Workspace::new();
    for (shell, marker) in [
        ("bash", "_ybc()"),
        ("zsh", "#compdef ybc"),
        ("fish", "complete -c ybc"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let run = ws.run(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        assert!(run.stdout.contains(marker), "{shell}: {marker}");
        assert!(run.stdout.contains("stdin-filename"), "{shell} completes check's flags");
    }
    assert_eq!(ws.run(&["completions", "tcsh"]).code, 2);
}

#[test]
fn the_man_page_is_generated() {
    let run = Workspace::new().run(&["man"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains(".TH ybc 1"), "{}", &run.stdout[..200.min(run.stdout.len())]);
    for word in ["check", "completions", "explain"] {
        assert!(run.stdout.contains(word), "the man page lists {word}");
    }
}

#[test]
fn the_version_names_the_commit_of_a_git_build() {
    let run = Workspace::new().run(&["--version"]);
    assert_eq!(run.code, 0);
    let line = run.stdout.trim();
    let expected = format!("ybc {}", env!("CARGO_PKG_VERSION"));
    assert!(line.starts_with(&expected), "{line}");
    let head = std::process::Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    match head {
        Some(commit) if std::env::var_os("YBC_COMMIT").is_none() => {
            assert_eq!(line, format!("{expected} ({commit})"))
        }
        _ => eprintln!("not a git checkout: the version is {line}"),
    }
}

/// Every `ybc check …` command in a file, cut at a shell operator or comment.
fn check_commands(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| line.find("ybc check").map(|at| &line[at..]))
        .map(|c| c.split(['>', '|', '#', '<', ')', '`']).next().unwrap_or(c).trim().to_owned())
        .collect()
}

#[test]
fn the_documented_commands_use_real_flags_and_formats() {
    let ws = Workspace::new();
    let help = ws.run(&["check", "--help"]).stdout;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seen = 0;
    for file in ["docs/ci.md", "action.yml", ".pre-commit-hooks.yaml"] {
        let text = std::fs::read_to_string(root.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        for command in check_commands(&text) {
            let words: Vec<&str> = command.split_whitespace().collect();
            for (i, word) in words.iter().enumerate() {
                if word.starts_with("--") {
                    let flag = word.split('=').next().unwrap_or(word);
                    assert!(
                        help.contains(&format!("{flag} ")) || help.contains(&format!("{flag}\n")),
                        "{file}: `{flag}` in `{command}` is not a flag of ybc check"
                    );
                }
                if *word == "--format" {
                    let format = words.get(i + 1).copied().unwrap_or("");
                    if !format.starts_with('"') && !format.starts_with('F') {
                        let run = ws.run(&["check", "--format", format, "--help"]);
                        assert_eq!(run.code, 0, "{file}: `--format {format}` in `{command}`");
                    }
                }
                seen += 1;
            }
        }
    }
    assert!(seen > 20, "the files have ybc check commands");
}

#[test]
fn the_action_and_the_hooks_are_wired_up() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let action = std::fs::read_to_string(root.join("action.yml")).expect("action.yml");
    assert!(action.contains("using: composite"));
    assert!(action.contains("cargo install --locked --quiet --path \"$GITHUB_ACTION_PATH\""));
    assert!(action.contains("ybc check --format github"));
    let hooks = std::fs::read_to_string(root.join(".pre-commit-hooks.yaml")).expect("hooks");
    assert!(hooks.contains("- id: ybc-check\n"));
    assert!(hooks.contains("language: rust"));
    assert!(hooks.contains("files: \\.ybc$"));
}
