//! File paths in URIs, as the language server and SARIF both need them.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// Bytes that may not appear as they are in a URI path: everything but
/// letters, digits, `/` and `-._~` and the other unreserved characters.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A path with the bytes a URI may not hold percent-encoded (a space is `%20`).
pub fn escape_path(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}
