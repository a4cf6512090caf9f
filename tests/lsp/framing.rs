//! Frames an editor got wrong: a `Content-Length` too long or too short,
//! bytes that are not a message, a length no one could send, and the input
//! ending inside a message. One bad frame costs at most itself: every request
//! after it gets its answer, and the documents keep the text the editor sent.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use crate::client::{Client, uri};

/// A frame whose header says `length` bytes, whatever the body's length.
fn framed(length: usize, body: &str) -> Vec<u8> {
    format!("Content-Length: {length}\r\n\r\n{body}").into_bytes()
}

/// A `documentSymbol` request for `uri` with `id`, as JSON text.
fn symbols_request(id: i64, uri: &str) -> String {
    json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/documentSymbol", "params": { "textDocument": { "uri": uri } } })
        .to_string()
}

/// Asks for the outline of `uri` a few times, with correct frames, and
/// expects a section named `section` in every answer.
fn outline_is_served(client: &mut Client, uri: &str, section: &str) {
    for _ in 0..3 {
        let outline = client.result("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } }));
        let names: Vec<&str> = outline.as_array().expect("symbols").iter().filter_map(|s| s["name"].as_str()).collect();
        assert!(names.iter().any(|n| n.contains(section)), "{names:?}");
    }
}

#[test]
fn a_content_length_ten_bytes_too_long_costs_nothing() {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::start(dir.path(), &[]);
    let uri = uri(dir.path(), "class.ybc");
    client.open(&uri, "warmup:\n  cat-cow 8 reps\n");
    let request = symbols_request(500, &uri);
    client.send_bytes(&framed(request.len() + 10, &request));
    // The next message's first ten bytes were claimed by the bad one; it is still read whole.
    outline_is_served(&mut client, &uri, "Warm-up");
    let answer = client.wait_for("the answer to the long frame", |m| m["id"] == 500);
    assert!(answer.get("error").is_none(), "{answer}");
    let log = client.wait_for("a log message", |m| m["method"] == "window/logMessage");
    let said = log["params"]["message"].as_str().expect("text");
    assert!(said.contains(&format!("Content-Length said {} bytes", request.len() + 10)), "{said}");
    assert_eq!(client.shut_down(), 0);
}

#[test]
fn a_content_length_counted_in_characters_keeps_the_edit() {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::start(dir.path(), &[]);
    let uri = uri(dir.path(), "class.ybc");
    client.open(&uri, "warmup:\n  cat-cow 8 reps\n");
    // An editor that counts characters, not bytes: the accents make the body longer than it says.
    let text = "cooldown:\n  childs-pose 60s \"détends-toi, respire — lentement\"\n  locsut hold 20s\n";
    let change = json!({
        "jsonrpc": "2.0",
        "method": "textDocument/didChange",
        "params": { "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": text }] }
    })
    .to_string();
    client.send_bytes(&framed(change.chars().count(), &change));
    let diagnostics = client.diagnostics(&uri, 2);
    assert!(diagnostics.iter().any(|d| d["code"] == "unknown-pose"), "the edit was applied: {diagnostics:?}");
    outline_is_served(&mut client, &uri, "Cool-down");
    assert_eq!(client.shut_down(), 0);
}

#[test]
fn bytes_that_are_not_a_message_get_one_error_and_the_next_request_its_answer() {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::start(dir.path(), &[]);
    let uri = uri(dir.path(), "class.ybc");
    client.open(&uri, "warmup:\n  cat-cow 8 reps\n");
    client.send_bytes(b"hello there\r\n\r\n}} not a message {{");
    outline_is_served(&mut client, &uri, "Warm-up");
    let error = client.wait_for("a parse error", |m| m["error"]["code"] == -32700);
    assert_eq!(error["id"], Value::Null);
    // A message cut short (its length too short, and the rest never sent) is one error too.
    let cut = symbols_request(600, &uri);
    client.send_bytes(&framed(30, &cut[..30]));
    outline_is_served(&mut client, &uri, "Warm-up");
    let error = client.wait_for("a parse error for the cut message", |m| m["error"]["code"] == -32700);
    assert_eq!(error["error"]["message"], "The message ended before its JSON did.");
    assert_eq!(client.shut_down(), 0);
}

#[test]
fn a_huge_content_length_is_answered_without_waiting_for_that_much() {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::start(dir.path(), &[]);
    let uri = uri(dir.path(), "class.ybc");
    client.open(&uri, "warmup:\n  cat-cow 8 reps\n");
    // Over the largest message: refused, and nothing set aside for it.
    client.send_bytes(&framed(4_000_000_000, "{}"));
    outline_is_served(&mut client, &uri, "Warm-up");
    let refused = client.wait_for("the refusal", |m| m["error"]["code"] == -32600);
    assert_eq!(refused["error"]["message"], "The message is too large.");
    // Under it, but far more than is sent: the message is read to the end of its JSON.
    let request = symbols_request(700, &uri);
    client.send_bytes(&framed(60_000_000, &request));
    outline_is_served(&mut client, &uri, "Warm-up");
    let answer = client.wait_for("the answer to the huge frame", |m| m["id"] == 700);
    assert!(answer.get("error").is_none(), "{answer}");
    assert_eq!(client.shut_down(), 0);
}

#[test]
fn the_input_ending_inside_a_message_ends_the_server_without_a_panic() {
    let dir = tempfile::tempdir().expect("folder");
    for partial in [&b"Content-Length: 100\r\n\r\n{\"jsonrpc\""[..], b"Content-Len", b"Content-Length: 9\r\n"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ybc"))
            .arg("lsp")
            .current_dir(dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start ybc lsp");
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(partial).expect("write");
        drop(stdin);
        let output = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&output.stderr);
        // Gone without `exit`: the protocol's exit code for that, and nothing else said.
        assert_eq!((output.status.code(), stderr.as_ref(), output.stdout.as_slice()), (Some(1), "", &b""[..]));
    }
}
