//! Go to definition for custom poses, and the outline of sections and rounds.

use serde_json::{Value, json};

use crate::client::{Client, uri};

fn definition(client: &mut Client, uri: &str, text: &str, needle: &str) -> Value {
    let position = client.position(text, needle, 1);
    client.result("textDocument/definition", json!({ "textDocument": { "uri": uri }, "position": position }))
}

#[test]
fn a_custom_pose_leads_to_its_pose_line() {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::start(dir.path(), &[]);
    let text =
        "pose wall-angel \"Wall Angel\" focus mobility hold 20-40s\nwarmup:\n  Wall-Angel hold 30s\n  cat-cow 8 reps\n";
    let uri = uri(dir.path(), "class.ybc");
    client.open(&uri, text);
    let found = definition(&mut client, &uri, text, "Wall-Angel");
    assert_eq!(found["uri"], uri.as_str());
    assert_eq!(
        found["range"],
        json!({ "start": { "line": 0, "character": 5 }, "end": { "line": 0, "character": 15 } })
    );
    assert_eq!(definition(&mut client, &uri, text, "cat-cow"), Value::Null, "built-in poses have no file");
}

#[test]
fn a_studio_pose_leads_to_its_catalog_file() {
    let dir = tempfile::tempdir().expect("folder");
    let root = std::fs::canonicalize(dir.path()).expect("folder");
    std::fs::write(root.join("studio.ybc"), "# Our poses\npose chair-row \"Chair Row\" focus strength 8-12 reps\n")
        .expect("catalog");
    // Saved with a byte-order mark, as some editors do: it is read like any other.
    std::fs::write(root.join("more.ybc"), "\u{feff}pose seated-twist \"Seated Twist\" focus mobility hold 20-40s\n")
        .expect("catalog");
    std::fs::write(root.join("ybc.toml"), "[check]\ncatalogs = [\"more.ybc\"]\n").expect("config");
    let mut client = Client::spawn(&root, &["--catalog", "studio.ybc"]);
    client.initialize(&[]);
    let text = "strength:\n  chair-row 10 reps\n  seated-twist hold 30s\n";
    let uri = uri(&root, "class.ybc");
    let diagnostics = client.open(&uri, text);
    assert!(diagnostics.iter().all(|d| d["code"] != "unknown-pose"), "{diagnostics:?}");
    let found = definition(&mut client, &uri, text, "chair-row");
    assert_eq!(found["uri"], crate::client::uri(&root, "studio.ybc").as_str());
    assert_eq!(found["range"]["start"], json!({ "line": 1, "character": 5 }));
    let found = definition(&mut client, &uri, text, "seated-twist");
    assert_eq!(found["uri"], crate::client::uri(&root, "more.ybc").as_str());
}

#[test]
fn the_outline_nests_steps_in_rounds_in_sections() {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::start(dir.path(), &[]);
    let text = "pose wall-angel \"Wall Angel\" focus mobility hold 20-40s\nwarmup \"Thoracic mobility\":\n  cat-cow 8 reps\nstrength:\n  3 rounds rest 60s:\n    locust hold 20s\n    rest 30s\n  bridge 3 reps hold 30s\n";
    let uri = uri(dir.path(), "class.ybc");
    client.open(&uri, text);
    let symbols = client.result("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } }));
    let names = |list: &Value| -> Vec<String> {
        list.as_array().map_or(Vec::new(), |l| l.iter().map(|s| s["name"].as_str().unwrap_or("").to_owned()).collect())
    };
    assert_eq!(names(&symbols), ["wall-angel", "Warm-up · Thoracic mobility", "Strength"]);
    let strength = &symbols[2];
    assert_eq!(strength["kind"], 3, "a section is a namespace");
    assert_eq!(names(&strength["children"]), ["3 rounds, rest 1 min between", "Bridge"]);
    let rounds = &strength["children"][0];
    assert_eq!(rounds["kind"], 18, "rounds are an array");
    assert_eq!(names(&rounds["children"]), ["Locust", "Rest"]);
    // 3 × (20 s + 30 s) + 2 × 60 s = 4 min 30 s.
    assert_eq!(rounds["detail"], "4 min 30 s");
    assert_eq!(rounds["range"]["start"], json!({ "line": 4, "character": 2 }));
    assert_eq!(rounds["range"]["end"], json!({ "line": 6, "character": 12 }));
    assert_eq!(rounds["children"][0]["detail"], "20 s hold (1 min in all)");
}
