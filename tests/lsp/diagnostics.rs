//! Diagnostics on open and on every change: all of them, with the rule name as
//! the code, the help kept, related locations, tags, and exact ranges.

use serde_json::{Value, json};

use crate::client::{Client, codes, find, uri};

#[test]
fn every_mistake_is_published_with_its_rule_and_help() {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::start(dir.path(), &[]);
    let text = "title Desk Reset\nstrength:\n  locsut hold 30s\n  cat-cow 8reps\n";
    let diagnostics = client.open(&uri(dir.path(), "class.ybc"), text);
    // One mistake on each line, all reported at once.
    let found = codes(&diagnostics);
    for code in ["syntax", "unknown-pose", "dose"] {
        assert!(found.contains(&code), "{code} missing from {found:?}");
    }
    let unknown = find(&diagnostics, "unknown-pose");
    assert_eq!(unknown["severity"], 1);
    assert_eq!(unknown["source"], "ybc");
    assert_eq!(unknown["message"], "`locsut` is not a pose I know.\nhelp: Did you mean `locust`?");
    assert_eq!(
        unknown["range"],
        json!({ "start": { "line": 2, "character": 2 }, "end": { "line": 2, "character": 8 } })
    );
    assert!(diagnostics.iter().all(|d| d["message"].as_str().is_some_and(|m| !m.is_empty())));
    assert_eq!(client.shut_down(), 0);
}

#[test]
fn related_places_and_tags_are_kept() {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::start(dir.path(), &[]);
    let text = "audience neck-pain\nwarmup:\n  thread-the-needle 6 reps each side # ybc: allow(short-rest)\n";
    let uri = uri(dir.path(), "class.ybc");
    let diagnostics = client.open(&uri, text);
    let caution = find(&diagnostics, "caution");
    assert_eq!(caution["severity"], 2);
    let related = &caution["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], uri.as_str());
    assert_eq!(related["location"]["range"]["start"], json!({ "line": 0, "character": 9 }));
    assert_eq!(related["location"]["range"]["end"], json!({ "line": 0, "character": 18 }));
    assert!(related["message"].as_str().is_some_and(|m| m.contains("neck-pain")), "{related}");
    let stale = find(&diagnostics, "unused-allow");
    assert_eq!(stale["tags"], json!([1]), "an allow that allows nothing is faded as unnecessary");
}

#[test]
fn changes_are_checked_as_they_are_typed() {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::start(dir.path(), &[]);
    let uri = uri(dir.path(), "class.ybc");
    let diagnostics = client.open(&uri, "strength:\n  locsut hold 30s\n");
    assert!(codes(&diagnostics).contains(&"unknown-pose"));

    // A ranged edit: `locsut` becomes `locust`.
    let change = json!({
        "textDocument": { "uri": uri, "version": 2 },
        "contentChanges": [{ "range": { "start": { "line": 1, "character": 2 }, "end": { "line": 1, "character": 8 } }, "text": "locust" }]
    });
    client.notify("textDocument/didChange", change);
    let diagnostics = client.diagnostics(&uri, 2);
    assert!(!codes(&diagnostics).contains(&"unknown-pose"), "{diagnostics:?}");

    // Two edits in one notification, applied in order: type a line, then a typo in it.
    let change = json!({
        "textDocument": { "uri": uri, "version": 3 },
        "contentChanges": [
            { "range": { "start": { "line": 2, "character": 0 }, "end": { "line": 2, "character": 0 } }, "text": "  bridge 3 reps\n" },
            { "range": { "start": { "line": 2, "character": 2 }, "end": { "line": 2, "character": 8 } }, "text": "bridj" }
        ]
    });
    client.notify("textDocument/didChange", change);
    let diagnostics = client.diagnostics(&uri, 3);
    let unknown = find(&diagnostics, "unknown-pose");
    assert!(unknown["message"].as_str().is_some_and(|m| m.contains("`bridj`") && m.contains("`bridge`")), "{unknown}");

    // A whole-text change.
    let change =
        json!({ "textDocument": { "uri": uri, "version": 4 }, "contentChanges": [{ "text": "cat-cow 8 reps\n" }] });
    client.notify("textDocument/didChange", change);
    assert!(!codes(&client.diagnostics(&uri, 4)).contains(&"unknown-pose"));

    client.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } }));
    let cleared = client.wait_for("cleared diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri.as_str()
            && m["params"]["version"].is_null()
    });
    assert_eq!(cleared["params"]["diagnostics"], json!([]));
}

/// A cue with an emoji (two UTF-16 units, four bytes), a skin-tone emoji and
/// Devanagari (one unit, three bytes each) before a misspelt prop.
const NON_ASCII: &str = "props mat, block\nstrength:\n  locust hold 30s \"🧘 नमस्ते 👍🏽\" with blok\n";

fn misspelt_prop_range(encodings: &[&str]) -> (String, Value, String) {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::start(dir.path(), encodings);
    let uri = uri(dir.path(), "class.ybc");
    let diagnostics = client.open(&uri, NON_ASCII);
    let prop = find(&diagnostics, "unknown-prop").clone();
    assert_eq!(prop["range"]["start"], client.position(NON_ASCII, "blok", 0));
    assert_eq!(prop["range"]["end"], client.position(NON_ASCII, "blok", 4));
    // The quick fix's edit lands on the same characters.
    let actions = client.result(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri }, "range": prop["range"], "context": { "diagnostics": [prop] }
        }),
    );
    let edit = &actions[0]["edit"]["changes"][&uri];
    let fixed = client.apply(NON_ASCII, edit.as_array().map_or(&[][..], Vec::as_slice));
    (client.encoding.clone(), prop["range"].clone(), fixed)
}

#[test]
fn columns_are_utf16_units_by_default() {
    let (encoding, range, fixed) = misspelt_prop_range(&[]);
    assert_eq!(encoding, "utf-16");
    // `  locust hold 30s "` is 19 units, then 🧘 2, space 1, नमस्ते 6, space 1, 👍🏽 4, `" with ` 7.
    assert_eq!(range["start"], json!({ "line": 2, "character": 40 }));
    assert_eq!(fixed, NON_ASCII.replace("blok", "block"));
}

#[test]
fn columns_are_bytes_when_utf8_is_negotiated() {
    let (encoding, range, fixed) = misspelt_prop_range(&["utf-8", "utf-16"]);
    assert_eq!(encoding, "utf-8");
    // 19 + 4 + 1 + 18 + 1 + 8 + 7 bytes.
    assert_eq!(range["start"], json!({ "line": 2, "character": 58 }));
    assert_eq!(fixed, NON_ASCII.replace("blok", "block"));
}

#[test]
fn columns_are_characters_when_only_utf32_is_offered() {
    let (encoding, range, _) = misspelt_prop_range(&["utf-32"]);
    assert_eq!(encoding, "utf-32");
    // 19 + 1 + 1 + 6 + 1 + 2 + 7 scalar values.
    assert_eq!(range["start"], json!({ "line": 2, "character": 37 }));
}

#[test]
fn the_nearest_ybc_toml_sets_levels_and_audience() {
    let dir = tempfile::tempdir().expect("folder");
    std::fs::create_dir(dir.path().join("studio")).expect("folder");
    std::fs::write(
        dir.path().join("studio/ybc.toml"),
        "[rules]\nmissing-cooldown = \"allow\"\n\n[check]\naudience = [\"osteoporosis\"]\n",
    )
    .expect("config");
    let mut client = Client::start(dir.path(), &[]);
    let text = "warmup:\n  cat-cow 8 reps\nstrength:\n  locust hold 20s x3 rest 30s\n";
    let with_config = client.open(&uri(dir.path(), "studio/class.ybc"), text);
    assert!(codes(&with_config).contains(&"contraindicated"), "{:?}", codes(&with_config));
    assert!(!codes(&with_config).contains(&"missing-cooldown"));
    let without = client.open(&uri(dir.path(), "class.ybc"), text);
    assert!(codes(&without).contains(&"missing-cooldown"));
    assert!(!codes(&without).contains(&"contraindicated"));
}

/// The studio's policy in ybc.toml reaches the editor as it reaches `ybc check`.
#[test]
fn the_studios_condition_policy_applies_in_the_editor() {
    let dir = tempfile::tempdir().expect("folder");
    std::fs::write(
        dir.path().join("ybc.toml"),
        "[conditions.osteoporosis]\nsource = \"Too Fit To Fracture\"\nproperties = { spine-extension = \"allow\", spine-rotation = \"avoid\" }\n",
    )
    .expect("config");
    let mut client = Client::start(dir.path(), &[]);
    let text = "audience osteoporosis\nstrength:\n  locust hold 20s\nmobility:\n  thread-the-needle 5 reps each side\n";
    let diagnostics = client.open(&uri(dir.path(), "class.ybc"), text);
    let avoided: Vec<u64> = diagnostics
        .iter()
        .filter(|d| d["code"] == "contraindicated")
        .filter_map(|d| d["range"]["start"]["line"].as_u64())
        .collect();
    assert_eq!(avoided, vec![4], "the twist, not the locust: {diagnostics:?}");
}

#[test]
fn a_broken_ybc_toml_is_reported_on_the_routine() {
    let dir = tempfile::tempdir().expect("folder");
    std::fs::write(dir.path().join("ybc.toml"), "[rules]\nmissing-cooldwn = \"allow\"\n").expect("config");
    let mut client = Client::start(dir.path(), &[]);
    let diagnostics = client.open(&uri(dir.path(), "class.ybc"), "cat-cow 8 reps\n");
    let config = find(&diagnostics, "config");
    assert_eq!(config["severity"], 2);
    assert!(
        config["message"].as_str().is_some_and(|m| m.contains("ybc.toml") && m.contains("missing-cooldwn")),
        "{config}"
    );
}

#[cfg(unix)]
#[test]
fn a_catalog_that_is_a_named_pipe_is_reported_not_waited_on() {
    let dir = tempfile::tempdir().expect("folder");
    let made = std::process::Command::new("mkfifo").arg(dir.path().join("studio.ybc")).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo failed");
    std::fs::write(dir.path().join("ybc.toml"), "[check]\ncatalogs = [\"studio.ybc\"]\n").expect("config");
    let mut client = Client::start(dir.path(), &[]);
    // Nothing ever writes to the pipe: reading it would keep the server waiting for good.
    let diagnostics = client.open(&uri(dir.path(), "class.ybc"), "cat-cow 8 reps\n");
    let config = find(&diagnostics, "config");
    assert!(
        config["message"].as_str().is_some_and(|m| m.contains("studio.ybc") && m.contains("not a regular file")),
        "{config}"
    );
}
