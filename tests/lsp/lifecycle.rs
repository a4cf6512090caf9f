//! Starting, negotiating, stopping, and staying up through bad messages.

use serde_json::{Value, json};

use crate::client::{Client, uri};

#[test]
fn initialize_says_what_the_server_can_do() {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::spawn(dir.path(), &[]);
    let result = client.initialize(&[]);
    let capabilities = &result["capabilities"];
    assert_eq!(result["serverInfo"]["name"], "ybc");
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    assert_eq!(capabilities["textDocumentSync"]["openClose"], true);
    assert_eq!(capabilities["textDocumentSync"]["change"], 2, "incremental sync");
    for provider in ["hoverProvider", "definitionProvider", "documentSymbolProvider", "documentFormattingProvider"] {
        assert_eq!(capabilities[provider], true, "{provider}");
    }
    assert_eq!(capabilities["codeActionProvider"]["codeActionKinds"], json!(["quickfix", "source.fixAll.ybc"]));
    assert!(
        capabilities["completionProvider"]["triggerCharacters"].as_array().is_some_and(|t| t.contains(&json!(" ")))
    );
    assert_eq!(client.shut_down(), 0);
}

#[test]
fn utf8_positions_are_chosen_when_the_client_offers_them() {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::spawn(dir.path(), &[]);
    let result = client.initialize(&["utf-16", "utf-8"]);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    let mut client16 = Client::spawn(dir.path(), &[]);
    assert_eq!(client16.initialize(&["utf-16"])["capabilities"]["positionEncoding"], "utf-16");
}

#[test]
fn requests_before_initialize_are_refused_and_initialize_still_works() {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::spawn(dir.path(), &[]);
    let early = client.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002, "{early}");
    client.initialize(&[]);
    let twice = client.request("initialize", json!({ "capabilities": {} }));
    assert_eq!(twice["error"]["code"], -32600, "{twice}");
}

#[test]
fn exit_after_shutdown_ends_cleanly_and_without_it_with_an_error() {
    let dir = tempfile::tempdir().expect("folder");
    assert_eq!(Client::start(dir.path(), &[]).shut_down(), 0);
    assert_eq!(Client::start(dir.path(), &[]).exit(), 1);
}

#[test]
fn requests_after_shutdown_are_refused() {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::start(dir.path(), &[]);
    assert_eq!(client.result("shutdown", Value::Null), Value::Null);
    let late = client.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": "file:///x.ybc" } }));
    assert_eq!(late["error"]["code"], -32600, "{late}");
    assert_eq!(client.exit(), 0);
}

#[test]
fn bad_messages_get_error_responses_and_the_server_keeps_serving() {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::start(dir.path(), &[]);

    let unknown = client.request("textDocument/teleport", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");

    let bad_params = client.request("textDocument/hover", json!({ "position": "here" }));
    assert_eq!(bad_params["error"]["code"], -32602, "{bad_params}");

    client.send_raw(b"{this is not json");
    let parse_error = client.wait_for("a parse error", |m| m["error"]["code"] == -32700);
    assert_eq!(parse_error["id"], Value::Null);

    client.send_raw(br#"{"jsonrpc":"2.0","id":99,"method":12}"#);
    let invalid = client.wait_for("an invalid request error", |m| m["id"] == 99);
    assert_eq!(invalid["error"]["code"], -32600, "{invalid}");

    // Unknown notifications, and known ones with bad parameters, are ignored.
    client.notify("$/somethingNew", json!({}));
    client.notify("textDocument/didChange", json!({ "nonsense": true }));

    // A request about a document that is not open has nothing to say.
    let closed = client.result(
        "textDocument/hover",
        json!({
            "textDocument": { "uri": uri(dir.path(), "never-opened.ybc") },
            "position": { "line": 0, "character": 0 }
        }),
    );
    assert_eq!(closed, Value::Null);

    // Still serving.
    let diagnostics = client.open(&uri(dir.path(), "ok.ybc"), "locsut hold 30s\n");
    assert!(diagnostics.iter().any(|d| d["code"] == "unknown-pose"), "{diagnostics:?}");
    assert_eq!(client.shut_down(), 0);
}

#[test]
fn hostile_documents_do_not_stop_the_server() {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::start(dir.path(), &[]);
    let long_line = format!("locust hold 30s \"{}\"\n", "🧘".repeat(20_000));
    let deep = (0..200).map(|i| format!("{}3 rounds:\n", "  ".repeat(i))).collect::<String>();
    let hostile = [
        String::new(),
        "\u{0}\u{1}\u{7f}".to_owned(),
        "\"".repeat(5000),
        long_line,
        deep,
        "x99999999999999999999 hold 99999999999h\n".to_owned(),
        "\r\r\n\n\r".to_owned(),
        "\u{feff}title \"BOM\"\nlocust hold 30s\n".to_owned(),
    ];
    for (i, text) in hostile.iter().enumerate() {
        let uri = uri(dir.path(), &format!("hostile-{i}.ybc"));
        client.open(&uri, text);
        let end = json!({ "line": text.lines().count(), "character": 3 });
        for method in ["textDocument/hover", "textDocument/completion", "textDocument/definition"] {
            let response = client.request(method, json!({ "textDocument": { "uri": uri }, "position": end }));
            assert!(response.get("error").is_none(), "{method} on hostile text {i}: {response}");
        }
        for method in ["textDocument/documentSymbol", "textDocument/formatting"] {
            let params = json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 2, "insertSpaces": true } });
            let response = client.request(method, params);
            assert!(response.get("error").is_none(), "{method} on hostile text {i}: {response}");
        }
    }
    let diagnostics = client.open(&uri(dir.path(), "after.ybc"), "cat-cow 8 reps\n");
    assert!(diagnostics.iter().all(|d| d["code"] != "syntax"), "{diagnostics:?}");
    assert_eq!(client.shut_down(), 0);
}
