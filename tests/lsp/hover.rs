//! Hover: a pose's card for the class's audience, a rule's explanation, a
//! step's and a block's planned time.

use serde_json::{Value, json};

use crate::client::{Client, uri};

const CLASS: &str = "audience osteoporosis\nstrength:\n  locust hold 20s x3 rest 30s # ybc: allow(short-rest)\n  2 rounds:\n    bridge 3 reps hold 30s\n";

fn hover(client: &mut Client, uri: &str, needle: &str) -> Value {
    let position = client.position(CLASS, needle, 1);
    client.result("textDocument/hover", json!({ "textDocument": { "uri": uri }, "position": position }))
}

fn text(hover: &Value) -> &str {
    hover["contents"]["value"].as_str().unwrap_or("")
}

#[test]
fn a_pose_shows_its_card_with_the_contraindications_for_this_class() {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::start(dir.path(), &[]);
    let uri = uri(dir.path(), "class.ybc");
    client.open(&uri, CLASS);
    let found = hover(&mut client, &uri, "locust");
    assert_eq!(found["contents"]["kind"], "markdown");
    assert_eq!(found["range"], json!({ "start": { "line": 2, "character": 2 }, "end": { "line": 2, "character": 8 } }));
    let card = text(&found);
    for expected in [
        "**Locust** · *Salabhasana* · `locust`",
        "Focus: strength",
        "Recommended: hold 15-45 s",
        "**Cues**",
        "**For this class**",
        "**Avoid** with osteoporosis",
        "Instead: `wall-scapular-retraction`",
        "Other conditions to know: neck pain",
        "**Planned:** 2 min in all",
    ] {
        assert!(card.contains(expected), "`{expected}` missing from:\n{card}");
    }
    // Other conditions are named, not explained.
    assert!(!card.contains("strains an irritated neck"), "{card}");
}

#[test]
fn a_rule_in_an_allow_comment_shows_its_explanation() {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::start(dir.path(), &[]);
    let uri = uri(dir.path(), "class.ybc");
    client.open(&uri, CLASS);
    let card = text(&hover(&mut client, &uri, "short-rest")).to_owned();
    let rule = ybc::check::rule("short-rest").expect("a rule");
    assert!(card.starts_with("**short-rest** (warning by default)"), "{card}");
    assert!(card.contains(rule.info.explanation) && card.contains("```ybc"), "{card}");
}

#[test]
fn a_step_and_a_block_show_their_planned_time() {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::start(dir.path(), &[]);
    let uri = uri(dir.path(), "class.ybc");
    client.open(&uri, CLASS);
    let step = text(&hover(&mut client, &uri, "x3")).to_owned();
    assert!(step.starts_with("**Planned:** 2 min in all, from 0:00 to 2:00"), "{step}");
    assert!(step.contains("- 0:20 · 30 s · rest between sets"), "{step}");
    assert!(step.contains("Locust, set 3/3"), "{step}");
    // Two rounds of 3 reps held 30 s: 3 min, after the locust's 2 min.
    let block = text(&hover(&mut client, &uri, "2 rounds")).to_owned();
    assert!(block.starts_with("**2 rounds**\n\n**Planned:** 3 min in all, from 2:00 to 5:00"), "{block}");
    assert!(block.contains("(round 2/2)"), "{block}");
}

#[test]
fn plain_text_clients_get_plain_text() {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::spawn(dir.path(), &[]);
    let capabilities = json!({ "textDocument": { "hover": { "contentFormat": ["plaintext"] } } });
    client.result("initialize", json!({ "processId": null, "capabilities": capabilities }));
    client.notify("initialized", json!({}));
    let uri = uri(dir.path(), "class.ybc");
    client.open(&uri, CLASS);
    let found = hover(&mut client, &uri, "bridge");
    assert_eq!(found["contents"]["kind"], "plaintext");
    assert!(text(&found).contains("Bridge") && !text(&found).contains("**"), "{found}");
}

#[test]
fn a_sequence_step_shows_its_poses_and_planned_time() {
    let class = "flow:\n  sun-a x2 rest 15s\n";
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::start(dir.path(), &[]);
    let uri = uri(dir.path(), "class.ybc");
    client.open(&uri, class);
    let position = client.position(class, "sun-a", 1);
    let found = client.result("textDocument/hover", json!({ "textDocument": { "uri": uri }, "position": position }));
    let card = text(&found);
    assert!(card.starts_with("**Planned:**"), "{card}");
    assert!(card.contains("Sun Salutation A (sun-salutation-a)"), "{card}");
    assert!(card.contains("6. Downward-Facing Dog (downward-dog), 5 breaths"), "{card}");
}
