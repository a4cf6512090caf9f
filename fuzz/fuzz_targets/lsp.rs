//! The language server keeps serving whatever it is sent: arbitrary bytes on
//! its input, or a well-formed session about an arbitrary document.

#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::json;
use ybc::catalog::Catalog;
use ybc::lsp::{Server, serve};

fn frame(out: &mut Vec<u8>, value: serde_json::Value) {
    let body = value.to_string();
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
}

fuzz_target!(|bytes: &[u8]| {
    let Some((&mode, rest)) = bytes.split_first() else { return };
    let mut input = Vec::new();
    if mode % 2 == 0 {
        // Raw bytes: framing and JSON the server must reject politely.
        input.extend_from_slice(rest);
    } else {
        let text = String::from_utf8_lossy(rest);
        let uri = "file:///tmp/fuzz.ybc";
        let line = u32::from(mode / 2 % 8);
        let character = u32::from(mode / 16);
        frame(&mut input, json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}));
        frame(&mut input, json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        frame(&mut input, json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "ybc", "version": 1, "text": text}}}));
        let at = json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}});
        for (id, method) in [(2, "textDocument/completion"), (3, "textDocument/hover"), (4, "textDocument/definition")] {
            frame(&mut input, json!({"jsonrpc": "2.0", "id": id, "method": method, "params": at}));
        }
        frame(&mut input, json!({"jsonrpc": "2.0", "id": 5, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": uri}}}));
        frame(&mut input, json!({"jsonrpc": "2.0", "id": 6, "method": "textDocument/formatting", "params": {"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}}));
        let range = json!({"start": {"line": 0, "character": 0}, "end": {"line": line, "character": character}});
        frame(&mut input, json!({"jsonrpc": "2.0", "id": 7, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": []}}}));
        frame(&mut input, json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"range": range, "text": "locust hold 30s\n"}]}}));
        frame(&mut input, json!({"jsonrpc": "2.0", "id": 8, "method": "shutdown"}));
        frame(&mut input, json!({"jsonrpc": "2.0", "method": "exit"}));
    }
    let server = Server::new(ybc::workspace::Setup::builtin());
    let mut output = Vec::new();
    let _ = serve(&mut input.as_slice(), &mut output, server);
});
