//! Completion in context: poses, dose words, props, conditions, rule names,
//! header keys and section kinds.

use serde_json::{Value, json};

use crate::client::{Client, uri};

/// Opens `text` and asks for completions at its very end.
fn complete_at_end(text: &str) -> Vec<Value> {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::start(dir.path(), &[]);
    let uri = uri(dir.path(), "class.ybc");
    client.open(&uri, text);
    let line = text.matches('\n').count();
    let character = client.units(text.rsplit('\n').next().unwrap_or(""));
    let result = client.result(
        "textDocument/completion",
        json!({
            "textDocument": { "uri": uri }, "position": { "line": line, "character": character }
        }),
    );
    result.as_array().cloned().unwrap_or_default()
}

fn labels(items: &[Value]) -> Vec<&str> {
    items.iter().map(|i| i["label"].as_str().unwrap_or("")).collect()
}

fn item<'i>(items: &'i [Value], label: &str) -> &'i Value {
    items.iter().find(|i| i["label"] == label).unwrap_or_else(|| panic!("no `{label}` in {:?}", labels(items)))
}

#[test]
fn pose_names_come_with_their_names_and_catalog_entry() {
    let items = complete_at_end("strength:\n  cat-c");
    let locust = item(&items, "locust");
    assert_eq!(locust["detail"], "Locust · Salabhasana");
    let documentation = &locust["documentation"];
    assert_eq!(documentation["kind"], "markdown");
    let card = documentation["value"].as_str().unwrap_or("");
    assert!(
        card.contains("**Locust**") && card.contains("Recommended: hold 15-45 s") && card.contains("**Cues**"),
        "{card}"
    );
    // Aliases too, saying which pose they name.
    let alias = item(&items, "salabhasana");
    assert!(alias["detail"].as_str().is_some_and(|d| d.contains("locust")), "{alias}");
    // The edit replaces the whole word typed so far, dashes included.
    let edit = &item(&items, "cat-cow")["textEdit"];
    assert_eq!(edit["newText"], "cat-cow");
    assert_eq!(edit["range"]["start"], json!({ "line": 1, "character": 2 }));
    assert_eq!(edit["range"]["end"], json!({ "line": 1, "character": 7 }));
    // Keywords that cannot follow a step's indentation are not offered.
    assert!(!labels(&items).contains(&"title") && !labels(&items).contains(&"strength"));
}

#[test]
fn custom_poses_are_offered_like_catalog_poses() {
    let items = complete_at_end("pose wall-angel \"Wall Angel\" focus mobility hold 20-40s\nwarmup:\n  wa");
    assert_eq!(item(&items, "wall-angel")["detail"], "Wall Angel");
}

#[test]
fn dose_words_follow_a_pose_and_are_not_offered_twice() {
    let items = complete_at_end("strength:\n  locust ");
    for word in ["hold", "rest", "each side", "alternating", "left", "right", "with", "tempo", "5-8 reps", "x2"] {
        assert!(labels(&items).contains(&word), "{word} missing from {:?}", labels(&items));
    }
    assert!(!labels(&items).contains(&"locust"), "no poses after a pose");
    let items = complete_at_end("strength:\n  locust hold 30s each side ");
    assert!(!labels(&items).contains(&"hold") && !labels(&items).contains(&"left"), "{:?}", labels(&items));
    assert!(labels(&items).contains(&"with"));
    assert_eq!(labels(&complete_at_end("strength:\n  locust hold ")), ["15-45s"]);
    assert_eq!(labels(&complete_at_end("strength:\n  locust 8 ")), ["reps"]);
}

#[test]
fn props_follow_with_and_props() {
    let items = complete_at_end("strength:\n  locust hold 30s with ");
    assert!(labels(&items).contains(&"block") && labels(&items).contains(&"bolster"));
    assert!(!labels(&items).contains(&"hold"));
    let items = complete_at_end("props mat, ");
    assert!(labels(&items).contains(&"band"));
    assert!(!labels(&items).contains(&"mat"), "a prop already listed is not offered again");
}

#[test]
fn conditions_follow_audience() {
    let items = complete_at_end("audience neck-pain, ");
    assert!(labels(&items).contains(&"osteoporosis"));
    assert!(!labels(&items).contains(&"neck-pain"));
    assert_eq!(item(&items, "osteoporosis")["detail"], "Osteoporosis");
}

#[test]
fn rule_names_complete_inside_an_allow_comment() {
    let items = complete_at_end("strength:\n  locust hold 30s x3 rest 20s # ybc: allow(sh");
    let rule = item(&items, "short-rest");
    assert!(rule["documentation"]["value"].as_str().is_some_and(|d| d.contains("**short-rest**")));
    assert_eq!(rule["textEdit"]["range"]["start"]["character"], 43);
    assert!(complete_at_end("strength:\n  locust hold 30s # a plain comment ").is_empty());
}

#[test]
fn header_keys_at_the_top_and_section_kinds_at_block_level() {
    let items = complete_at_end("title \"Desk\"\n");
    assert!(labels(&items).contains(&"level") && labels(&items).contains(&"audience"));
    assert!(!labels(&items).contains(&"title"), "a header already given is not offered again");
    assert!(labels(&items).contains(&"warmup") && labels(&items).contains(&"locust"));
    assert_eq!(item(&items, "strength")["textEdit"]["newText"], "strength:");
    let items = complete_at_end("warmup:\n  cat-cow 8 reps\nstr");
    assert!(labels(&items).contains(&"strength"));
    assert!(!labels(&items).contains(&"title"), "headers belong before the first block");
    assert_eq!(labels(&complete_at_end("level ")), ["beginner", "intermediate", "advanced", "all-levels"]);
}

#[test]
fn nothing_is_offered_inside_a_cue() {
    assert!(complete_at_end("strength:\n  locust hold 30s \"shoulders ").is_empty());
}

#[test]
fn sequences_complete_like_poses_with_their_poses_listed() {
    let items = complete_at_end(
        "sequence half-sun \"Half Sun Salutation\":\n  mountain 1 breath\n  upward-salute 1 breath\n\nflow:\n  sun",
    );
    let sun = item(&items, "sun-salutation-a");
    assert_eq!(sun["detail"], "Sun Salutation A, a sequence of 10 poses");
    let card = sun["documentation"]["value"].as_str().unwrap_or("");
    assert!(card.contains("Upward Salute (upward-salute)") && card.contains("Downward-Facing Dog"), "{card}");
    assert!(item(&items, "sun-a")["detail"].as_str().is_some_and(|d| d.contains("another name for sun-salutation-a")));
    // The routine's own sequence too.
    assert_eq!(item(&items, "half-sun")["detail"], "Half Sun Salutation, a sequence of 2 poses");
    // And the keyword that defines one, at the top.
    let keywords = complete_at_end("");
    assert!(labels(&keywords).contains(&"sequence"), "{:?}", labels(&keywords));
}
