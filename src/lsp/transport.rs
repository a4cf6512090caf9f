//! Reading and writing JSON-RPC messages framed with `Content-Length` headers.
//!
//! lsp-server's own stdio transport stops at the first payload that is not a
//! well-formed message, which would end the server. This reader hands such a
//! payload back as [`Frame::Malformed`], so that the server answers it with an
//! error and goes on, and it never loses its place in the stream, so that one
//! bad frame from an editor costs at most that frame, never the session (and
//! with it the editor's unsaved text, which a restarted server would not have
//! until the editor sent it again, which not every editor does):
//!
//! - A body is read to the end of its JSON value, even where that is not where
//!   its `Content-Length` says. A length that is too long does not swallow the
//!   next message's header; one that is too short (a length counted in
//!   characters rather than bytes) does not leave the rest of the body to be
//!   taken for a header. Either message is served as it is, and the editor's
//!   log says what was wrong with it ([`Frame::Recovered`]).
//! - Bytes where a header should be that are not one (the rest of a broken
//!   message, noise) are skipped up to the next `Content-Length:` (which need
//!   not start a line: a body has no line end of its own), and answered with
//!   one parse error.
//! - A `Content-Length` that is missing, unreadable or over [`MAX_BODY`] is
//!   answered with an error, and what follows it is skipped the same way.
//!   Memory grows with the bytes that come, never with the number a header
//!   claims.
//! - The end of the input inside a message is the end of the session.

use std::io::{self, BufRead, Read, Write};

use lsp_server::{ErrorCode, Message};
use serde_json::{Value, json};

/// The largest message body read; a larger one is skipped and answered with an error.
pub const MAX_BODY: usize = 64 << 20;

/// The longest header line read; a longer one is not a header.
const MAX_HEADER_LINE: u64 = 8 << 10;

/// The header that starts every message, in lower case: where reading starts
/// again after bytes that are not a message.
const CONTENT_LENGTH: &[u8] = b"content-length:";

/// One message read from the client.
#[derive(Debug)]
pub enum Frame {
    /// A well-formed request, notification or response.
    Message(Message),
    /// A well-formed message whose `Content-Length` was wrong: read to the end
    /// of its JSON instead, and what to tell the editor's log about it.
    Recovered {
        /// The message.
        message: Message,
        /// What was wrong with its framing.
        note: String,
    },
    /// A body that is not a message, or bytes that are not one: the error to answer with.
    Malformed {
        /// The request's id when one could be read (`null` otherwise).
        id: Value,
        /// A JSON-RPC error code.
        code: ErrorCode,
        /// What was wrong.
        message: String,
    },
}

/// Reads framed messages from a stream, keeping its place through bad ones.
pub struct Reader<R> {
    input: R,
    /// Bytes taken from `input` and given back, read before it from `at` on.
    back: Vec<u8>,
    at: usize,
}

impl<R: BufRead> Reader<R> {
    /// A reader of the messages in `input`.
    pub fn new(input: R) -> Self {
        Self { input, back: Vec::new(), at: 0 }
    }

    /// Reads the next message, or `None` at the end of the input.
    pub fn read(&mut self) -> io::Result<Option<Frame>> {
        let mut length = None;
        let mut saw_header = false;
        let mut line = Vec::new();
        loop {
            line.clear();
            // Headers are ASCII; read as bytes, so that other bytes are not a
            // header rather than an error that would end the server, and only
            // so many, so that a line that never ends cannot fill the memory.
            if self.by_ref().take(MAX_HEADER_LINE).read_until(b'\n', &mut line)? == 0 {
                return Ok(None);
            }
            let ended = line.ends_with(b"\n");
            if !ended && (line.len() as u64) < MAX_HEADER_LINE {
                // The input ended inside a header.
                return Ok(None);
            }
            let mut text = line.trim_ascii_end();
            if !saw_header {
                // Blank lines and spaces between messages carry nothing.
                text = text.trim_ascii_start();
                if text.is_empty() && ended {
                    continue;
                }
            }
            if text.is_empty() {
                break;
            }
            match header(text).filter(|_| ended) {
                Some((name, value)) => {
                    saw_header = true;
                    if name.eq_ignore_ascii_case(b"content-length") {
                        length = Some(std::str::from_utf8(value).ok().and_then(|v| v.parse::<usize>().ok()));
                    }
                }
                None => {
                    self.give_back(&line);
                    let Some(skipped) = self.skip_to_header()? else { return Ok(None) };
                    let message = format!(
                        "{skipped} bytes that were not a message were skipped, up to the next Content-Length header."
                    );
                    return Ok(Some(malformed(Value::Null, ErrorCode::ParseError, &message)));
                }
            }
        }
        let length = match length.flatten() {
            Some(length) if length <= MAX_BODY => length,
            Some(_) => return self.refuse_body(ErrorCode::InvalidRequest, "The message is too large."),
            None => {
                return self.refuse_body(ErrorCode::ParseError, "The message has no valid Content-Length header.");
            }
        };
        self.read_body(length)
    }

    /// Skips what follows a header that gives no length ybc reads, up to the
    /// next header, and answers it with `message`.
    fn refuse_body(&mut self, code: ErrorCode, message: &str) -> io::Result<Option<Frame>> {
        Ok(self.skip_to_header()?.map(|_| malformed(Value::Null, code, message)))
    }

    /// Reads a body that its header says is `length` bytes long: to the end of
    /// its JSON value, whether that comes sooner or later.
    fn read_body(&mut self, length: usize) -> io::Result<Option<Frame>> {
        // Grown as bytes come, never set aside from the header's number.
        let mut body = Vec::new();
        let mut json = JsonEnd::default();
        let mut ended = false;
        while body.len() < length && !ended {
            let buffer = self.fill_buf()?;
            if buffer.is_empty() {
                return Ok(None);
            }
            let room = buffer.len().min(length - body.len());
            let used = match buffer.iter().take(room).position(|&b| json.step(b)) {
                Some(last) => {
                    ended = true;
                    last + 1
                }
                None => room,
            };
            body.extend_from_slice(buffer.get(..used).unwrap_or_default());
            self.consume(used);
        }
        if ended || !json.inside() {
            let frame = decode(&body);
            return Ok(Some(match frame {
                Frame::Message(message) if body.len() < length => Frame::Recovered {
                    message,
                    note: format!(
                        "A message's Content-Length said {length} bytes, but its JSON ended after {}; it was read \
                         to there.",
                        body.len()
                    ),
                },
                frame => frame,
            }));
        }
        match serde_json::from_slice::<Value>(&body) {
            // Cut short: the rest of the value follows.
            Err(e) if e.is_eof() => self.read_rest(body, json, length),
            _ => Ok(Some(decode(&body))),
        }
    }

    /// Reads on to the end of a JSON value whose `Content-Length` was too
    /// short, unless the next header comes first (the value was cut short,
    /// not its length).
    fn read_rest(&mut self, mut body: Vec<u8>, mut json: JsonEnd, length: usize) -> io::Result<Option<Frame>> {
        let mut next = Matcher::default();
        loop {
            let buffer = self.fill_buf()?;
            if buffer.is_empty() {
                return Ok(None);
            }
            let mut used = buffer.len();
            let mut found = None;
            for (i, &byte) in buffer.iter().enumerate() {
                if next.step(byte) {
                    found = Some(false);
                    used = i + 1;
                    break;
                }
                if json.step(byte) {
                    found = Some(true);
                    used = i + 1;
                    break;
                }
            }
            body.extend_from_slice(buffer.get(..used).unwrap_or_default());
            self.consume(used);
            match found {
                Some(true) => {
                    let note = format!(
                        "A message's Content-Length said {length} bytes, but its JSON went on to {}; it was read \
                         to its end.",
                        body.len()
                    );
                    return Ok(Some(match decode(&body) {
                        Frame::Message(message) => Frame::Recovered { message, note },
                        frame => frame,
                    }));
                }
                Some(false) => {
                    self.give_back(CONTENT_LENGTH);
                    let message = "The message ended before its JSON did.";
                    return Ok(Some(malformed(Value::Null, ErrorCode::ParseError, message)));
                }
                None if body.len() > MAX_BODY => {
                    return self.refuse_body(ErrorCode::InvalidRequest, "The message is too large.");
                }
                None => {}
            }
        }
    }

    /// Skips to the next `Content-Length:` and leaves it to be read next; how
    /// many bytes were skipped, or `None` at the end of the input.
    fn skip_to_header(&mut self) -> io::Result<Option<u64>> {
        let mut next = Matcher::default();
        let mut skipped = 0u64;
        loop {
            let buffer = self.fill_buf()?;
            if buffer.is_empty() {
                return Ok(None);
            }
            let found = buffer.iter().position(|&b| next.step(b));
            let used = found.map_or(buffer.len(), |last| last + 1);
            self.consume(used);
            skipped += used as u64;
            if found.is_some() {
                self.give_back(CONTENT_LENGTH);
                return Ok(Some(skipped - CONTENT_LENGTH.len() as u64));
            }
        }
    }

    /// Puts `bytes` back in front of what is left to read.
    fn give_back(&mut self, bytes: &[u8]) {
        let mut back = bytes.to_vec();
        back.extend_from_slice(self.back.get(self.at..).unwrap_or_default());
        self.back = back;
        self.at = 0;
    }
}

impl<R: BufRead> Read for Reader<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = {
            let buffer = self.fill_buf()?;
            let n = buffer.len().min(out.len());
            if let (Some(to), Some(from)) = (out.get_mut(..n), buffer.get(..n)) {
                to.copy_from_slice(from);
            }
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Reader<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        match self.back.get(self.at..) {
            Some(back) if !back.is_empty() => Ok(back),
            _ => self.input.fill_buf(),
        }
    }

    fn consume(&mut self, n: usize) {
        if self.at < self.back.len() {
            self.at = (self.at + n).min(self.back.len());
            if self.at == self.back.len() {
                self.back.clear();
                self.at = 0;
            }
        } else {
            self.input.consume(n);
        }
    }
}

/// A header line's name and value, or `None` if the line is not a header.
fn header(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let colon = line.iter().position(|&b| b == b':')?;
    let (name, value) = (line.get(..colon)?, line.get(colon + 1..)?);
    // A header's name is a token (RFC 9110): letters, digits and a few marks.
    let token = |b: &u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(b);
    (!name.is_empty() && name.iter().all(token)).then_some((name, value.trim_ascii()))
}

/// Finds where a JSON object or array ends, a byte at a time, without parsing it.
#[derive(Debug, Default)]
struct JsonEnd {
    depth: usize,
    in_string: bool,
    escaped: bool,
    started: bool,
    /// Not an object or array: its end is where its length says.
    opaque: bool,
}

impl JsonEnd {
    /// Takes the next byte; `true` when it ends the value.
    fn step(&mut self, byte: u8) -> bool {
        if self.opaque {
            return false;
        }
        if self.in_string {
            if self.escaped {
                self.escaped = false;
            } else if byte == b'\\' {
                self.escaped = true;
            } else if byte == b'"' {
                self.in_string = false;
            }
            return false;
        }
        match byte {
            b'{' | b'[' => {
                self.depth += 1;
                self.started = true;
            }
            b'}' | b']' if self.depth > 0 => {
                self.depth -= 1;
                return self.depth == 0;
            }
            b' ' | b'\t' | b'\r' | b'\n' => {}
            b'"' if self.started => self.in_string = true,
            _ if !self.started => self.opaque = true,
            _ => {}
        }
        false
    }

    /// Whether an object or array has begun and not ended.
    fn inside(&self) -> bool {
        self.started && !self.opaque && self.depth > 0
    }
}

/// Finds [`CONTENT_LENGTH`] in a stream, a byte at a time, in any case.
#[derive(Debug, Default)]
struct Matcher {
    matched: usize,
}

impl Matcher {
    /// Takes the next byte; `true` when it completes the header's name and colon.
    fn step(&mut self, byte: u8) -> bool {
        let byte = byte.to_ascii_lowercase();
        // The first letter appears nowhere else in the pattern, so a mismatch
        // can only restart at that byte.
        if CONTENT_LENGTH.get(self.matched) == Some(&byte) {
            self.matched += 1;
        } else {
            self.matched = usize::from(CONTENT_LENGTH.first() == Some(&byte));
        }
        if self.matched == CONTENT_LENGTH.len() {
            self.matched = 0;
            return true;
        }
        false
    }
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

/// Writes a warning to the editor's log (`window/logMessage`).
pub fn write_log(output: &mut impl Write, message: &str) -> io::Result<()> {
    let body = json!({ "jsonrpc": "2.0", "method": "window/logMessage", "params": { "type": 2, "message": message } });
    let text = body.to_string();
    write!(output, "Content-Length: {}\r\n\r\n{text}", text.len())?;
    output.flush()
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

    fn frames(input: impl Into<Vec<u8>>) -> Vec<Frame> {
        let mut reader = Reader::new(io::Cursor::new(input.into()));
        let mut frames = Vec::new();
        while let Some(frame) = reader.read().unwrap_or(None) {
            frames.push(frame);
        }
        frames
    }

    const EXIT: &str = r#"{"jsonrpc":"2.0","method":"exit"}"#;

    fn is_exit(frame: &Frame) -> bool {
        matches!(frame, Frame::Message(Message::Notification(n)) if n.method == "exit")
    }

    #[test]
    fn reads_messages_and_survives_bad_ones() {
        let frames = frames(
            [
                frame(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#),
                frame("{not json"),
                frame(r#"{"jsonrpc":"2.0","id":7,"method":42}"#),
                "X-Junk: 1\r\n\r\n".to_owned(),
                frame(EXIT),
            ]
            .concat(),
        );
        assert_eq!(frames.len(), 5, "{frames:?}");
        assert!(matches!(&frames[0], Frame::Message(Message::Request(r)) if r.method == "initialize"));
        assert!(matches!(&frames[1], Frame::Malformed { id: Value::Null, code: ErrorCode::ParseError, .. }));
        assert!(matches!(&frames[2], Frame::Malformed { id, code: ErrorCode::InvalidRequest, .. } if id == 7));
        assert!(matches!(&frames[3], Frame::Malformed { code: ErrorCode::ParseError, .. }));
        assert!(is_exit(&frames[4]));
    }

    #[test]
    fn a_header_that_is_not_text_or_never_ends_is_skipped_to_the_next_message() {
        let mut input = b"Content-Type: \xff\xfe\r\n\r\n".to_vec();
        input.extend(frame(EXIT).into_bytes());
        input.extend(b"X-Long: ");
        input.extend(std::iter::repeat_n(b'x', 1 << 20));
        input.extend(b"\r\n\r\n");
        input.extend(frame(EXIT).into_bytes());
        let frames = frames(input);
        assert_eq!(frames.len(), 4, "{frames:?}");
        assert!(matches!(&frames[0], Frame::Malformed { code: ErrorCode::ParseError, .. }));
        assert!(is_exit(&frames[1]));
        assert!(
            matches!(&frames[2], Frame::Malformed { code: ErrorCode::ParseError, message, .. }
                if message.starts_with("1048588 bytes that were not a message were skipped")),
            "{:?}",
            frames[2]
        );
        assert!(is_exit(&frames[3]));
    }

    #[test]
    fn a_wrong_length_is_read_by_the_json_instead() {
        let long = format!("Content-Length: {}\r\n\r\n{EXIT}", EXIT.len() + 10);
        let short = format!("Content-Length: {}\r\n\r\n{EXIT}", EXIT.len() - 10);
        let frames = frames([long.clone(), frame(EXIT), short, frame(EXIT), long].concat());
        assert_eq!(frames.len(), 5, "{frames:?}");
        assert!(
            matches!(&frames[0], Frame::Recovered { message: Message::Notification(n), note }
                if n.method == "exit" && note.contains("said 43 bytes, but its JSON ended after 33")),
            "{:?}",
            frames[0]
        );
        assert!(is_exit(&frames[1]));
        assert!(
            matches!(&frames[2], Frame::Recovered { note, .. } if note.contains("said 23 bytes, but its JSON went on to 33")),
            "{:?}",
            frames[2]
        );
        assert!(is_exit(&frames[3]));
        // Too long at the very end: the message is whole, so it is read.
        assert!(matches!(&frames[4], Frame::Recovered { .. }), "{:?}", frames[4]);
    }

    #[test]
    fn a_message_cut_short_is_an_error_and_the_next_one_is_read() {
        let cut = &EXIT[..20];
        let frames = frames([frame(cut), frame(EXIT)].concat());
        assert_eq!(frames.len(), 2, "{frames:?}");
        assert!(matches!(&frames[0], Frame::Malformed { code: ErrorCode::ParseError, message, .. }
            if message == "The message ended before its JSON did."));
        assert!(is_exit(&frames[1]));
    }

    #[test]
    fn a_huge_or_unreadable_length_is_refused_without_reading_that_much() {
        for length in ["4000000000", "99999999999999999999999", "-1", "ten"] {
            let frames = frames(format!("Content-Length: {length}\r\n\r\n{{}}{}", frame(EXIT)));
            assert_eq!(frames.len(), 2, "{length}: {frames:?}");
            assert!(matches!(&frames[0], Frame::Malformed { .. }), "{length}: {:?}", frames[0]);
            assert!(is_exit(&frames[1]), "{length}");
        }
    }

    #[test]
    fn the_end_of_the_input_inside_a_message_ends_the_reading() {
        for input in ["Content-Length: 50\r\n\r\n{\"jsonrpc\"", "Content-Len", "Content-Length: 5\r\n"] {
            assert!(frames(input).is_empty(), "{input:?}");
        }
    }

    #[test]
    fn the_end_of_json_is_found_in_strings_and_escapes() {
        let mut json = JsonEnd::default();
        let text = br#" {"a":"}\"]","b":[1,{"c":"\\"}]}"#;
        let end = text.iter().position(|&b| json.step(b));
        assert_eq!(end, Some(text.len() - 1));
        let mut bare = JsonEnd::default();
        assert!(!b"42}".iter().any(|&b| bare.step(b)));
    }
}
