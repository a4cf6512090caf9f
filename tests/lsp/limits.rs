//! Limits that keep the server answering on a huge document: one publish
//! carries at most 1,000 diagnostics and says how many more there are, and
//! positions on a long line cost the same however many diagnostics share it.

use crate::client::{Client, uri};

/// 3,000 unknown poses: 1,000 are published, then one that counts the other 2,000.
#[test]
fn a_publish_carries_at_most_a_thousand_diagnostics_and_counts_the_rest() {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::start(dir.path(), &[]);
    let text = "x\n".repeat(3_000);
    let diagnostics = client.open(&uri(dir.path(), "big.ybc"), &text);
    assert_eq!(diagnostics.len(), 1_001);
    let last = diagnostics.last().expect("a last diagnostic");
    let message = last["message"].as_str().unwrap_or_default();
    assert!(message.contains("2000 more problems"), "{message}");
    assert!(message.contains("ybc check"), "{message}");
    assert_eq!(last["severity"], 3, "a note, not one more error");
    assert_eq!(last["range"]["start"], serde_json::json!({ "line": 0, "character": 0 }));
    assert_eq!(client.shut_down(), 0);
}

/// One 400 KB line of `locust zz zz …`: a diagnostic for every `zz`, each
/// placed by counting from its line's start, took minutes before the server
/// published anything (768 KB: 125 s). Now it is published well within the
/// client's 10 s wait, in a debug build, with exact positions.
#[test]
fn diagnostics_on_one_long_line_are_published_at_once() {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::start(dir.path(), &[]);
    // An emoji cue first, so UTF-16 columns differ from bytes.
    let text = format!("strength:\n  locust \"🧘\"{}\n", " zz".repeat(133_000));
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
