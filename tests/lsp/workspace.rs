//! The language server finds configs and studio catalogs as `ybc check` does
//! (one loader for both): a catalog file open in the editor is checked as a
//! catalog, a catalog named twice is loaded once, and no config above the
//! repository root applies.

use std::path::Path;

use crate::client::{Client, codes, find, uri};

const STUDIO: &str = "pose chair-row2 \"Chair row\" focus strength 8-12 reps\n";
const USES_STUDIO: &str =
    "warmup:\n  cat-cow 8 reps\nstrength:\n  chair-row2 10 reps x2 rest 45s\ncooldown:\n  childs-pose 30s\n";

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("folder");
    std::fs::write(path, text).expect("write");
}

fn studio() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("folder");
    std::fs::create_dir(dir.path().join(".git")).expect("repository");
    write(dir.path(), "studio.ybc", STUDIO);
    write(dir.path(), "ybc.toml", "[check]\ncatalogs = [\"studio.ybc\"]\n");
    dir
}

#[test]
fn a_configured_catalog_open_in_the_editor_is_checked_as_a_catalog() {
    let dir = studio();
    let mut client = Client::start(dir.path(), &[]);
    let clean = client.open(&uri(dir.path(), "studio.ybc"), STUDIO);
    assert!(clean.is_empty(), "a catalog is not a routine with no steps: {:?}", codes(&clean));
    let typo = format!("{STUDIO}pose wall-angel2 \"Wall angel\" focus strenght 8-12 reps\n");
    client.notify(
        "textDocument/didChange",
        serde_json::json!({
            "textDocument": { "uri": uri(dir.path(), "studio.ybc"), "version": 2 },
            "contentChanges": [{ "text": typo }],
        }),
    );
    let diagnostics = client.diagnostics(&uri(dir.path(), "studio.ybc"), 2);
    let unknown = find(&diagnostics, "unknown-word");
    assert_eq!(unknown["range"]["start"]["line"], 1, "{unknown}");
    assert!(!codes(&diagnostics).contains(&"empty"), "{:?}", codes(&diagnostics));
    // The routines beside it know its poses.
    let routine = client.open(&uri(dir.path(), "class.ybc"), USES_STUDIO);
    assert!(routine.is_empty(), "{:?}", codes(&routine));
}

#[test]
fn a_catalog_named_by_the_editor_and_the_config_is_loaded_once() {
    let dir = studio();
    let mut client = Client::spawn(dir.path(), &["--catalog", "./studio.ybc"]);
    client.initialize(&[]);
    let routine = client.open(&uri(dir.path(), "class.ybc"), USES_STUDIO);
    assert!(routine.is_empty(), "no `config` warning that chair-row2 is defined twice: {routine:?}");
}

#[test]
fn a_config_above_the_repository_root_does_not_apply() {
    let outer = tempfile::tempdir().expect("folder");
    write(outer.path(), "ybc.toml", "[rules]\ncontraindicated = \"allow\"\n");
    std::fs::create_dir_all(outer.path().join("repo/.git")).expect("repository");
    let mut client = Client::start(outer.path(), &[]);
    let text = format!("audience osteoporosis\n{USES_STUDIO}").replace("chair-row2 10 reps x2", "locust hold 20s x3");
    let diagnostics = client.open(&uri(outer.path(), "repo/class.ybc"), &text);
    assert!(codes(&diagnostics).contains(&"contraindicated"), "{:?}", codes(&diagnostics));
}

#[cfg(unix)]
#[test]
fn a_routine_through_a_linked_folder_gets_the_same_config_as_on_the_command_line() {
    let dir = tempfile::tempdir().expect("folder");
    write(dir.path(), "proj/ybc.toml", "[rules]\nmissing-cooldown = \"error\"\n");
    let text = "warmup:\n  cat-cow 8 reps\nstrength:\n  locust hold 20s\n";
    write(dir.path(), "real/r.ybc", text);
    std::os::unix::fs::symlink("../real", dir.path().join("proj/link")).expect("link");
    let mut client = Client::start(dir.path(), &[]);
    let diagnostics = client.open(&uri(dir.path(), "proj/link/r.ybc"), text);
    assert_eq!(find(&diagnostics, "missing-cooldown")["severity"], 1, "an error, as proj/ybc.toml says");
    let cli = std::process::Command::new(env!("CARGO_BIN_EXE_ybc"))
        .args(["check", "--format", "concise", "proj/link/r.ybc"])
        .current_dir(dir.path())
        .output()
        .expect("ybc check");
    let out = String::from_utf8_lossy(&cli.stdout);
    assert!(out.contains("error[missing-cooldown]"), "{out}");
}
