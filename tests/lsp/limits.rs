//! Limits that keep the server answering on a huge document: one publish
//! carries at most 1,000 diagnostics and a note counting the rest, and
//! positions on long lines cost the same however many diagnostics share them.

use crate::client::{Client, uri};

/// 3,000 unknown poses: 1,000 are published, then one that counts the other
/// 2,000, at the first of them, as an error since they are errors.
#[test]
fn a_publish_carries_at_most_a_thousand_diagnostics_and_counts_the_rest() {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::start(dir.path(), &[]);
    let text = "x\n".repeat(3_000);
    let diagnostics = client.open(&uri(dir.path(), "big.ybc"), &text);
    assert_eq!(diagnostics.len(), 1_001);
    let last = diagnostics.last().expect("a last diagnostic");
    let message = last["message"].as_str().unwrap_or_default();
    assert_eq!(last["code"], "too-many");
    assert!(message.contains("first 1,000 problems"), "{message}");
    assert!(message.contains("2,000 more are not listed (2,000 errors)"), "{message}");
    assert_eq!(last["severity"], 1, "the errors not listed still make the file wrong");
    assert_eq!(last["range"]["start"], serde_json::json!({ "line": 1_000, "character": 0 }));
    let listed = diagnostics.iter().filter(|d| d["code"] == "unknown-pose").count();
    assert_eq!(listed, 1_000);
    assert_eq!(client.shut_down(), 0);
}

/// 40 lines of `locust zz zz …`, each just under the 10,000 characters a line
/// may hold (400 KB): a diagnostic for every `zz`, each placed by counting
/// from its line's start, took minutes before the server published anything
/// (one 768 KB line: 125 s). Now it is published well within the client's
/// 10 s wait, in a debug build, with exact positions.
#[test]
fn diagnostics_on_one_long_line_are_published_at_once() {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::start(dir.path(), &[]);
    // An emoji cue first, so UTF-16 columns differ from bytes.
    let line = format!("  locust \"🧘\"{}\n", " zz".repeat(3_300));
    let text = format!("strength:\n{}", line.repeat(40));
    let diagnostics = client.open(&uri(dir.path(), "long.ybc"), &text);
    assert_eq!(diagnostics.len(), 1_001);
    // `  locust "🧘"` is 13 UTF-16 units; then ` zz` each; the first stray word
    // is the first `zz`.
    let zz: Vec<&serde_json::Value> = diagnostics.iter().filter(|d| d["code"] == "syntax").collect();
    assert!(zz.len() > 900, "{}", zz.len());
    for d in &zz {
        let start = d["range"]["start"]["character"].as_u64().unwrap_or(0);
        assert!(start >= 14 && (start - 14) % 3 == 0, "{d}");
        assert_eq!(d["range"]["end"]["character"].as_u64(), Some(start + 2), "{d}");
    }
    assert_eq!(client.shut_down(), 0);
}
