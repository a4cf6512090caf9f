//! A small language client: starts `ybc lsp` as a child process and speaks
//! JSON-RPC to it over its standard input and output, as an editor does.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long any one answer may take before the test fails.
const TIMEOUT: Duration = Duration::from_secs(10);

/// A running `ybc lsp` and the messages it has sent that no one has read yet.
pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Messages read while waiting for something else.
    unread: Vec<Value>,
    next_id: i64,
    /// The position encoding the server chose: `utf-8`, `utf-16` or `utf-32`.
    pub encoding: String,
}

impl Client {
    /// Starts `ybc lsp` in `dir` with `args` before `lsp`, without initializing it.
    pub fn spawn(dir: &Path, args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ybc"))
            .args(args)
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start ybc lsp");
        let stdout = child.stdout.take().expect("stdout");
        let stdin = child.stdin.take();
        let (send, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if send.send(message).is_err() {
                    break;
                }
            }
        });
        Self { child, stdin, incoming, unread: Vec::new(), next_id: 0, encoding: "utf-16".to_owned() }
    }

    /// Starts and initializes a server, offering `encodings` (none: the protocol's default).
    pub fn start(dir: &Path, encodings: &[&str]) -> Self {
        let mut client = Self::spawn(dir, &[]);
        client.initialize(encodings);
        client
    }

    /// Sends `initialize` and `initialized`; returns the initialize result.
    pub fn initialize(&mut self, encodings: &[&str]) -> Value {
        let mut capabilities = json!({
            "textDocument": {
                "hover": { "contentFormat": ["markdown", "plaintext"] },
                "completion": { "completionItem": { "documentationFormat": ["markdown"] } }
            }
        });
        if !encodings.is_empty() {
            capabilities["general"] = json!({ "positionEncodings": encodings });
        }
        let result =
            self.result("initialize", json!({ "processId": null, "rootUri": null, "capabilities": capabilities }));
        self.encoding = result["capabilities"]["positionEncoding"].as_str().unwrap_or("utf-16").to_owned();
        self.notify("initialized", json!({}));
        result
    }

    /// Sends raw bytes as one framed message body.
    pub fn send_raw(&mut self, body: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend_from_slice(body);
        stdin.write_all(&frame).and_then(|()| stdin.flush()).expect("write to ybc lsp");
    }

    /// Sends bytes exactly as given: a frame with a wrong header, or no frame at all.
    pub fn send_bytes(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).and_then(|()| stdin.flush()).expect("write to ybc lsp");
    }

    fn send(&mut self, message: &Value) {
        self.send_raw(message.to_string().as_bytes());
    }

    /// Sends a notification.
    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns the whole response message.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait_for(&format!("the response to {method}"), |m| m["id"] == id && m.get("method").is_none())
    }

    /// Sends a request and returns its result, failing the test on an error response.
    pub fn result(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params);
        assert!(response.get("error").is_none(), "{method} failed: {response}");
        response["result"].clone()
    }

    /// The next message that `wanted` accepts, keeping the others for later.
    pub fn wait_for(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.unread.iter().position(&wanted) {
            return self.unread.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(message) if wanted(&message) => return message,
                Ok(message) => self.unread.push(message),
                Err(RecvTimeoutError::Timeout) => panic!("no {what} within {TIMEOUT:?}; unread: {:?}", self.unread),
                Err(RecvTimeoutError::Disconnected) => panic!("ybc lsp stopped before sending {what}"),
            }
        }
    }

    /// Opens a document and returns the diagnostics published for it.
    pub fn open(&mut self, uri: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "ybc", "version": 1, "text": text } }),
        );
        self.diagnostics(uri, 1)
    }

    /// The diagnostics published for `uri` at `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let published = self.wait_for(&format!("diagnostics for {uri} v{version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        published["params"]["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    /// Says `shutdown`, then `exit`, and returns the server's exit code.
    pub fn shut_down(mut self) -> i32 {
        assert_eq!(self.result("shutdown", Value::Null), Value::Null);
        self.exit()
    }

    /// Says `exit` and returns the server's exit code.
    pub fn exit(mut self) -> i32 {
        self.notify("exit", Value::Null);
        self.stdin = None;
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for ybc lsp") {
                return status.code().unwrap_or(-1);
            }
            assert!(Instant::now() < deadline, "ybc lsp did not exit");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// The column of `needle`'s first occurrence (plus `delta` characters) in
    /// `text`, as an LSP position in the negotiated encoding.
    pub fn position(&self, text: &str, needle: &str, delta: usize) -> Value {
        let at = text.find(needle).unwrap_or_else(|| panic!("`{needle}` not in the text"));
        let at = at + needle.chars().take(delta).map(char::len_utf8).sum::<usize>();
        let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
        let line = text[..line_start].matches('\n').count();
        json!({ "line": line, "character": self.units(&text[line_start..at]) })
    }

    /// How many units of the negotiated encoding `text` takes.
    pub fn units(&self, text: &str) -> usize {
        match self.encoding.as_str() {
            "utf-8" => text.len(),
            "utf-32" => text.chars().count(),
            _ => text.encode_utf16().count(),
        }
    }

    /// Applies text edits (`newText` over `range`, in the negotiated encoding) to `text`.
    pub fn apply(&self, text: &str, edits: &[Value]) -> String {
        let offset = |position: &Value| -> usize {
            let line = position["line"].as_u64().unwrap_or(0) as usize;
            let column = position["character"].as_u64().unwrap_or(0) as usize;
            let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
            let line_text = text[start..].split('\n').next().unwrap_or("");
            let mut units = 0;
            for (i, c) in line_text.char_indices() {
                if units >= column {
                    return start + i;
                }
                units += self.units(c.encode_utf8(&mut [0; 4]));
            }
            start + line_text.len()
        };
        let mut spans: Vec<(usize, usize, String)> = edits
            .iter()
            .map(|e| {
                (
                    offset(&e["range"]["start"]),
                    offset(&e["range"]["end"]),
                    e["newText"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect();
        spans.sort_by_key(|(start, _, _)| std::cmp::Reverse(*start));
        let mut out = text.to_owned();
        for (start, end, new) in spans {
            out.replace_range(start..end, &new);
        }
        out
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        // A test that failed half-way must not leave a server behind.
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Reads one framed message, or `None` when the server has closed its output.
fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// A `file:` URI for `name` inside `dir`.
pub fn uri(dir: &Path, name: &str) -> String {
    format!("file://{}/{name}", dir.display())
}

/// The codes of a list of diagnostics, in order.
pub fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics.iter().map(|d| d["code"].as_str().unwrap_or("")).collect()
}

/// The first diagnostic with `code`.
pub fn find<'d>(diagnostics: &'d [Value], code: &str) -> &'d Value {
    diagnostics
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no `{code}` diagnostic in {:?}", codes(diagnostics)))
}
