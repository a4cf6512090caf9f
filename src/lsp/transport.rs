//! Reading and writing JSON-RPC messages framed with `Content-Length` headers.
//!
//! lsp-server's own stdio transport stops reading at the first payload that is
//! not a well-formed message, which would end the server; this reader instead
//! hands such a payload back as [`Frame::Malformed`] so that the server answers
//! it with an error and goes on.

use std::io::{self, BufRead, Read, Write};

use lsp_server::{ErrorCode, Message};
use serde_json::{Value, json};

/// The largest message body read; a larger one is skipped and answered with an error.
pub const MAX_BODY: usize = 64 << 20;

/// The longest header line read; the rest of a longer one is skipped.
const MAX_HEADER_LINE: u64 = 8 << 10;

/// One message read from the client.
#[derive(Debug)]
pub enum Frame {
    /// A well-formed request, notification or response.
    Message(Message),
    /// A body that is not a message: the error to answer it with.
    Malformed {
        /// The request's id when one could be read (`null` otherwise).
        id: Value,
        /// A JSON-RPC error code.
        code: ErrorCode,
        /// What was wrong.
        message: String,
    },
}

/// Reads the next message, or `None` at the end of the input.
pub fn read(input: &mut impl BufRead) -> io::Result<Option<Frame>> {
    let mut length = None;
    let mut saw_header = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        // Headers are ASCII; read as bytes, so that other bytes are a malformed
        // header rather than an error that would end the server, and only so
        // many, so that a line that never ends cannot fill the memory.
        if input.by_ref().take(MAX_HEADER_LINE).read_until(b'\n', &mut line)? == 0 {
            return Ok(None);
        }
        if !line.ends_with(b"\n") && line.len() as u64 == MAX_HEADER_LINE {
            input.skip_until(b'\n')?;
        }
        let line = String::from_utf8_lossy(&line);
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if saw_header {
                break;
            }
            // Blank lines between messages carry nothing.
            continue;
        }
        saw_header = true;
        if let Some((name, value)) = header.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let Some(length) = length else {
        return Ok(Some(malformed(
            Value::Null,
            ErrorCode::ParseError,
            "The message has no valid Content-Length header.",
        )));
    };
    if length > MAX_BODY {
        io::copy(&mut input.take(length as u64), &mut io::sink())?;
        return Ok(Some(malformed(Value::Null, ErrorCode::InvalidRequest, "The message is too large.")));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Some(decode(&body)))
}

/// A message body as a frame.
fn decode(body: &[u8]) -> Frame {
    let value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(e) => return malformed(Value::Null, ErrorCode::ParseError, &format!("The message is not JSON: {e}.")),
    };
    let id = match value.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
        _ => Value::Null,
    };
    match serde_json::from_value::<Message>(value) {
        Ok(message) => Frame::Message(message),
        Err(e) => malformed(id, ErrorCode::InvalidRequest, &format!("The message is not a JSON-RPC request: {e}.")),
    }
}

fn malformed(id: Value, code: ErrorCode, message: &str) -> Frame {
    Frame::Malformed { id, code, message: message.to_owned() }
}

/// Writes a message.
pub fn write(output: &mut impl Write, message: &Message) -> io::Result<()> {
    message.write(output)
}

/// Writes an error response to a message that could not be read.
pub fn write_error(output: &mut impl Write, id: &Value, code: ErrorCode, message: &str) -> io::Result<()> {
    let body = json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code as i32, "message": message } });
    let text = body.to_string();
    write!(output, "Content-Length: {}\r\n\r\n{text}", text.len())?;
    output.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn reads_messages_and_survives_bad_ones() {
        let input = [
            frame(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#),
            frame("{not json"),
            frame(r#"{"jsonrpc":"2.0","id":7,"method":42}"#),
            "X-Junk: 1\r\n\r\n".to_owned(),
            frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
        ]
        .concat();
        let mut reader = io::Cursor::new(input.into_bytes());
        let mut frames = Vec::new();
        while let Some(frame) = read(&mut reader).unwrap_or(None) {
            frames.push(frame);
        }
        assert_eq!(frames.len(), 5);
        assert!(matches!(&frames[0], Frame::Message(Message::Request(r)) if r.method == "initialize"));
        assert!(matches!(&frames[1], Frame::Malformed { id: Value::Null, code: ErrorCode::ParseError, .. }));
        assert!(matches!(&frames[2], Frame::Malformed { id, code: ErrorCode::InvalidRequest, .. } if id == 7));
        assert!(matches!(&frames[3], Frame::Malformed { code: ErrorCode::ParseError, .. }));
        assert!(matches!(&frames[4], Frame::Message(Message::Notification(n)) if n.method == "exit"));
    }

    #[test]
    fn a_header_that_is_not_text_or_never_ends_is_malformed_not_fatal() {
        let mut input = b"Content-Type: \xff\xfe\r\n\r\n".to_vec();
        input.extend(b"X-Long: ");
        input.extend(std::iter::repeat_n(b'x', 1 << 20));
        input.extend(b"\r\n\r\n");
        input.extend(frame(r#"{"jsonrpc":"2.0","method":"exit"}"#).into_bytes());
        let mut reader = io::Cursor::new(input);
        let mut frames = Vec::new();
        while let Some(frame) = read(&mut reader).unwrap_or(None) {
            frames.push(frame);
        }
        assert_eq!(frames.len(), 3, "{frames:?}");
        assert!(matches!(&frames[0], Frame::Malformed { code: ErrorCode::ParseError, .. }));
        assert!(matches!(&frames[1], Frame::Malformed { code: ErrorCode::ParseError, .. }));
        assert!(matches!(&frames[2], Frame::Message(Message::Notification(n)) if n.method == "exit"));
    }
}
