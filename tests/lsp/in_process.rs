//! The server's handler driven in process: [`Server::handle`] takes one message
//! and [`Server::take_outgoing`] gives back everything it would send, with no
//! process, pipe or framing in between. So these tests see exactly which
//! messages one input causes (one publication per edit, nothing more), which a
//! test over a pipe can only wait for.

use lsp_server::{Message, Notification, Request, RequestId};
use serde_json::{Value, json};
use ybc::lsp::{Flow, Server};
use ybc::workspace::Setup;

use crate::client::uri;

/// A server in this process, with a folder for its routines.
struct Session {
    server: Server,
    next_id: i32,
    dir: tempfile::TempDir,
}

impl Session {
    /// A server that has not been initialized.
    fn new() -> Self {
        Self { server: Server::new(Setup::builtin()), next_id: 0, dir: tempfile::tempdir().expect("folder") }
    }

    /// A server after `initialize` and `initialized`, as an editor leaves it.
    fn started() -> Self {
        let mut session = Self::new();
        assert!(session.request("initialize", json!({ "capabilities": {} })).get("result").is_some());
        assert!(session.notify("initialized", json!({})).1.is_empty());
        session
    }

    /// The `file:` URI of `name` in the session's folder.
    fn uri(&self, name: &str) -> String {
        uri(self.dir.path(), name)
    }

    /// Sends a request; returns its response, which must be the only message sent.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        let flow = self.server.handle(Message::Request(Request::new(id, method.to_owned(), params)));
        assert_eq!(flow, Flow::Continue, "{method}");
        let sent = self.outgoing();
        assert_eq!(sent.len(), 1, "{method} should be answered by its response alone: {sent:?}");
        let response = sent.into_iter().next().unwrap_or_default();
        assert_eq!(response["id"], self.next_id, "{response}");
        response
    }

    /// A request's result, failing the test on an error response.
    fn result(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params);
        assert!(response.get("error").is_none(), "{method}: {response}");
        response["result"].clone()
    }

    /// Sends a notification; returns what the loop should do and what the server sent.
    fn notify(&mut self, method: &str, params: Value) -> (Flow, Vec<Value>) {
        let flow = self.server.handle(Message::Notification(Notification::new(method.to_owned(), params)));
        (flow, self.outgoing())
    }

    /// Opens `text` as `uri`, version 1; returns the one publication it causes.
    fn open(&mut self, uri: &str, text: &str) -> Value {
        let params = json!({ "textDocument": { "uri": uri, "languageId": "ybc", "version": 1, "text": text } });
        let (_, sent) = self.notify("textDocument/didOpen", params);
        one_publication(&sent, uri)
    }

    fn outgoing(&mut self) -> Vec<Value> {
        self.server.take_outgoing().iter().map(|m| serde_json::to_value(m).expect("a message is JSON")).collect()
    }
}

/// The parameters of the single `publishDiagnostics` for `uri` in `sent`, which holds nothing else.
#[track_caller]
fn one_publication(sent: &[Value], uri: &str) -> Value {
    assert_eq!(sent.len(), 1, "expected one publication: {sent:?}");
    let message = &sent[0];
    assert_eq!(message["method"], "textDocument/publishDiagnostics", "{message}");
    assert_eq!(message["params"]["uri"], uri, "{message}");
    message["params"].clone()
}

fn codes(published: &Value) -> Vec<&str> {
    published["diagnostics"].as_array().into_iter().flatten().map(|d| d["code"].as_str().unwrap_or("")).collect()
}

#[test]
fn opening_changing_and_closing_a_routine_publishes_its_diagnostics_once_each() {
    let mut session = Session::started();
    let uri = session.uri("class.ybc");
    let published = session.open(&uri, "strength:\n  locsut hold 30s\n");
    assert_eq!(published["version"], 1);
    let unknown = published["diagnostics"]
        .as_array()
        .and_then(|all| all.iter().find(|d| d["code"] == "unknown-pose"))
        .unwrap_or_else(|| panic!("no unknown-pose in {published}"));
    assert_eq!(unknown["severity"], 1);
    assert_eq!(unknown["message"], "`locsut` is not a pose I know.\nhelp: Did you mean `locust`?");
    assert_eq!(
        unknown["range"],
        json!({ "start": { "line": 1, "character": 2 }, "end": { "line": 1, "character": 8 } })
    );

    // A ranged edit that fixes the name: the new version is published, without the error.
    let change = json!({
        "textDocument": { "uri": uri, "version": 2 },
        "contentChanges": [{ "range": { "start": { "line": 1, "character": 2 }, "end": { "line": 1, "character": 8 } }, "text": "locust" }]
    });
    let (flow, sent) = session.notify("textDocument/didChange", change);
    assert_eq!(flow, Flow::Continue);
    let published = one_publication(&sent, &uri);
    assert_eq!(published["version"], 2);
    assert!(!codes(&published).contains(&"unknown-pose"), "{published}");
    assert!(published["diagnostics"].as_array().is_some_and(|all| all.iter().all(|d| d["severity"] != 1)));

    // Closing clears the editor's list.
    let (_, sent) = session.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } }));
    assert_eq!(one_publication(&sent, &uri)["diagnostics"], json!([]));
    // A change to a closed document is not checked, so nothing is published.
    let late = json!({ "textDocument": { "uri": uri, "version": 3 }, "contentChanges": [{ "text": "locsut\n" }] });
    assert!(session.notify("textDocument/didChange", late).1.is_empty());
}

#[test]
fn hover_and_completion_answer_from_the_open_text() {
    let mut session = Session::started();
    let uri = session.uri("class.ybc");
    session.open(&uri, "audience osteoporosis\nstrength:\n  locust hold 20s x3 rest 30s\n");
    let at_locust = json!({ "textDocument": { "uri": uri }, "position": { "line": 2, "character": 4 } });
    let hover = session.result("textDocument/hover", at_locust);
    assert_eq!(hover["contents"]["kind"], "markdown");
    let card = hover["contents"]["value"].as_str().unwrap_or("");
    for expected in ["**Locust** · *Salabhasana* · `locust`", "**Avoid** with osteoporosis"] {
        assert!(card.contains(expected), "`{expected}` missing from:\n{card}");
    }
    assert_eq!(hover["range"], json!({ "start": { "line": 2, "character": 2 }, "end": { "line": 2, "character": 8 } }));

    let typing = session.uri("typing.ybc");
    session.open(&typing, "strength:\n  cat-c");
    let at_end = json!({ "textDocument": { "uri": typing }, "position": { "line": 1, "character": 7 } });
    let items = session.result("textDocument/completion", at_end);
    let labels: Vec<&str> = items.as_array().into_iter().flatten().filter_map(|i| i["label"].as_str()).collect();
    assert!(labels.contains(&"cat-cow") && labels.contains(&"locust"), "{labels:?}");

    // A document the editor never opened has nothing to show.
    let elsewhere =
        json!({ "textDocument": { "uri": session.uri("other.ybc") }, "position": { "line": 0, "character": 0 } });
    assert_eq!(session.result("textDocument/hover", elsewhere), Value::Null);
}

#[test]
fn shutdown_then_exit_ends_with_zero_and_exit_alone_with_one() {
    let mut session = Session::new();
    let early = session.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002, "not initialized yet: {early}");
    let result = session.result("initialize", json!({ "capabilities": {} }));
    assert_eq!(result["serverInfo"]["name"], "ybc");
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(session.result("shutdown", Value::Null), Value::Null);
    let late =
        session.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": session.uri("a.ybc") } }));
    assert_eq!(late["error"]["code"], -32600, "shutting down: {late}");
    assert_eq!(session.notify("exit", Value::Null), (Flow::Exit(0), Vec::new()));

    let mut abrupt = Session::started();
    assert_eq!(abrupt.notify("exit", Value::Null), (Flow::Exit(1), Vec::new()));
}

#[test]
fn a_bad_request_gets_an_error_and_the_server_carries_on() {
    let mut session = Session::started();
    let bad = session.request("textDocument/hover", json!({ "textDocument": 7 }));
    assert_eq!(bad["error"]["code"], -32602, "invalid params: {bad}");
    let unknown = session.request("textDocument/rename", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "method not found: {unknown}");
    assert!(unknown["error"]["message"].as_str().is_some_and(|m| m.contains("textDocument/rename")), "{unknown}");
    // A bad notification is dropped without an answer, and the documents already open still work.
    let uri = session.uri("class.ybc");
    session.open(&uri, "strength:\n  locust hold 20s\n");
    assert_eq!(session.notify("textDocument/didOpen", json!({ "textDocument": null })), (Flow::Continue, Vec::new()));
    let symbols = session.result("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } }));
    assert!(symbols.as_array().is_some_and(|s| !s.is_empty()), "{symbols}");
}
