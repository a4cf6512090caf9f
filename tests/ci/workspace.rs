//! Which config and studio catalogs apply, as a studio's CI meets them: a
//! catalog in the checked folder is checked as a catalog; a repository's
//! config can name only `.ybc` files inside its own folder and cannot make ybc
//! print another file; discovery follows the folders as written and stops at
//! the repository root.

use crate::harness::{CLEAN, Workspace, files_in};

const STUDIO: &str = "pose chair-row2 \"Chair row\" focus strength 8-12 reps\n";
const USES_STUDIO: &str =
    "warmup:\n  cat-cow 8 reps\nstrength:\n  chair-row2 10 reps x2 rest 45s\ncooldown:\n  childs-pose 30s\n";

/// The layout docs/rules.md describes: a studio catalog beside the routines, named in ybc.toml.
fn studio() -> Workspace {
    let ws = Workspace::new();
    ws.file("studio.ybc", STUDIO);
    ws.file("ybc.toml", "[check]\ncatalogs = [\"studio.ybc\"]\n");
    ws.file("class.ybc", USES_STUDIO);
    ws
}

#[test]
fn a_configured_catalog_in_the_checked_folder_is_checked_as_a_catalog() {
    let ws = studio();
    let run = ws.run(&["check", "--format", "concise"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "", "neither `empty` nor `custom-pose` on studio.ybc");
    assert_eq!(run.stderr, "Checked 2 files: 0 errors, 0 warnings.\n");
}

#[test]
fn a_catalog_named_twice_by_any_path_is_loaded_once() {
    let ws = studio();
    ws.symlink("studio.ybc", "same-studio.ybc");
    // What the VS Code `ybc.catalogs` setting passes, on top of the config's.
    for catalog in ["studio.ybc", "./studio.ybc", "same-studio.ybc"] {
        for args in [
            &["--catalog", catalog, "check", "--format", "concise", "class.ybc", "studio.ybc"][..],
            &["--catalog", catalog, "plan", "class.ybc"],
            &["--catalog", catalog, "build", "class.ybc", "--format", "json"],
        ] {
            let run = ws.run(args);
            assert_eq!(run.code, 0, "{args:?}: {}{}", run.stdout, run.stderr);
            assert!(!run.stdout.contains("already a catalog pose"), "{args:?}: {}", run.stdout);
        }
    }
}

#[test]
fn a_broken_configured_catalog_is_reported_on_its_own_lines() {
    let ws = studio();
    ws.file("studio.ybc", format!("{STUDIO}pose wall-angel2 \"Wall angel\" focus strenght 8-12 reps\n"));
    // Checked among the files, and also when only the routine is named.
    for args in [&["check", "--format", "concise"][..], &["check", "--format", "concise", "class.ybc"]] {
        let run = ws.run(args);
        assert_eq!(run.code, 1, "{args:?}: {}{}", run.stdout, run.stderr);
        assert_eq!(files_in(&run.stdout), ["studio.ybc"], "{args:?}: {}", run.stdout);
        assert!(run.stdout.starts_with("studio.ybc:2:"), "{args:?}: {}", run.stdout);
        assert!(run.stdout.contains("`strenght` is not a focus I know"), "{}", run.stdout);
    }
    // The GitHub annotation lands on the catalog's line.
    let github = ws.run(&["check", "--format", "github"]);
    assert!(github.stdout.contains("file=studio.ybc,line=2,"), "{}", github.stdout);
    // A command that builds the class stops (exit 2) and shows the catalog's mistake.
    let plan = ws.run(&["plan", "class.ybc"]);
    assert_eq!(plan.code, 2, "{}", plan.stderr);
    assert!(plan.stderr.contains("error: the catalog file studio.ybc has errors; fix them first"), "{}", plan.stderr);
}

#[test]
fn a_config_cannot_print_a_file_outside_its_folder() {
    let ws = Workspace::new();
    ws.file("sub/class.ybc", CLEAN);
    ws.file("outside.ybc", "pose x \"x\" focus strength\nSECRET=hunter2\n");
    ws.symlink("/etc/passwd", "sub/passwd.ybc");
    ws.file("sub/notes.txt", "SECRET=hunter2\n");
    for (catalog, why) in [
        ("/proc/self/environ", "is not a `.ybc` file"),
        ("passwd.ybc", "is outside this config's folder"),
        ("../outside.ybc", "is outside this config's folder"),
        ("notes.txt", "is not a `.ybc` file"),
    ] {
        ws.file("sub/ybc.toml", format!("[check]\ncatalogs = [\"{catalog}\"]\n"));
        let run = ws.ybc(&["check", "--format", "concise", "sub/class.ybc"]).env("SECRET", "hunter2").run();
        assert_eq!(run.code, 2, "{catalog}: {}{}", run.stdout, run.stderr);
        let all = format!("{}{}", run.stdout, run.stderr);
        assert!(!all.contains("hunter2") && !all.contains("root:"), "{catalog} leaks: {all}");
        assert!(all.contains(&format!("`{catalog}` {why}")), "{catalog}: {all}");
        assert!(all.contains("--catalog FILE"), "the help names the way that is allowed: {all}");
    }
}

#[test]
fn a_catalog_given_on_the_command_line_may_be_anywhere() {
    let ws = Workspace::new();
    let elsewhere = tempfile::tempdir().expect("folder");
    std::fs::write(elsewhere.path().join("studio.ybc"), STUDIO).expect("catalog");
    ws.file("class.ybc", USES_STUDIO);
    let catalog = elsewhere.path().join("studio.ybc");
    let run = ws.run(&["--catalog", catalog.to_str().expect("UTF-8 path"), "check", "class.ybc"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn a_linked_config_outside_the_repository_is_not_read() {
    let ws = Workspace::new();
    ws.file("class.ybc", CLEAN);
    ws.symlink("/proc/self/environ", "ybc.toml");
    let run = ws.ybc(&["check", "class.ybc"]).env("SECRET", "hunter2").run();
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(!run.stdout.contains("hunter2") && !run.stderr.contains("hunter2"), "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("is a symbolic link to a file outside this repository"), "{}", run.stderr);
    // A link to a config inside the repository is fine.
    ws.file("shared/ybc.toml", "[rules]\nmissing-cooldown = \"error\"\n");
    std::fs::remove_file(ws.path().join("ybc.toml")).expect("unlink");
    ws.symlink("shared/ybc.toml", "ybc.toml");
    ws.file("short.ybc", "warmup:\n  cat-cow 8 reps\nstrength:\n  locust hold 20s\n");
    let run = ws.run(&["check", "--format", "concise", "short.ybc"]);
    assert!(run.stdout.contains("error[missing-cooldown]"), "{}{}", run.stdout, run.stderr);
}

/// A routine that only a config with `missing-cooldown = "error"` fails.
const NO_COOLDOWN: &str = "warmup:\n  cat-cow 8 reps\nstrength:\n  locust hold 20s\n";

#[test]
fn a_routine_through_a_linked_folder_or_a_linked_file_gets_the_config_of_the_folder_it_is_named_in() {
    let ws = Workspace::new();
    ws.file("proj/ybc.toml", "[rules]\nmissing-cooldown = \"error\"\n");
    ws.file("real/r.ybc", NO_COOLDOWN);
    ws.symlink("../real", "proj/link");
    ws.symlink("../real/r.ybc", "proj/f.ybc");
    let run = ws.run(&["check", "--format", "concise", "proj/link/r.ybc", "proj/f.ybc", "real/r.ybc"]);
    assert_eq!(
        run.stdout
            .lines()
            .filter(|l| l.contains("error[missing-cooldown]"))
            .map(|l| l.split(": ").next().unwrap_or(""))
            .collect::<Vec<_>>(),
        ["proj/link/r.ybc:3:1", "proj/f.ybc:3:1"],
        "the same rule for a linked folder and a linked file; real/ has no config: {}",
        run.stdout
    );
    // A folder walk does not follow links to folders, so there only the linked file is checked.
    let walked = ws.run(&["check", "--format", "concise", "proj"]);
    assert_eq!(files_in(&walked.stdout), ["proj/f.ybc"], "{}", walked.stdout);
    assert!(walked.stdout.contains("error[missing-cooldown]"), "{}", walked.stdout);
}

#[test]
fn a_config_above_the_repository_root_does_not_apply() {
    let outer = tempfile::tempdir().expect("folder");
    std::fs::write(outer.path().join("ybc.toml"), "[rules]\ncontraindicated = \"allow\"\n").expect("config");
    let repo = outer.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).expect("repository");
    std::fs::write(repo.join("class.ybc"), format!("audience osteoporosis\n{CLEAN}")).expect("routine");
    let run = crate::harness::Ybc::new(&repo, &["check", "--format", "concise", "class.ybc"]).run();
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("error[contraindicated]"), "{}", run.stdout);
    // Inside the repository, a config still applies to the folders below it.
    std::fs::write(repo.join("ybc.toml"), "[rules]\ncontraindicated = \"warning\"\n").expect("config");
    let run = crate::harness::Ybc::new(&repo.join("."), &["check", "--format", "concise", "class.ybc"]).run();
    assert!(run.stdout.contains("warning[contraindicated]"), "{}", run.stdout);
}
