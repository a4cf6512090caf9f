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

/// [`PATH`] and `:`, which in the first segment of a relative reference would
/// make it read as a scheme.
const RELATIVE_PATH: &AsciiSet = &PATH.add(b':');

/// A path with the bytes a URI may not hold percent-encoded (a space is `%20`).
pub fn escape_path(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

/// A relative path as a relative URI reference: as [`escape_path`], and with
/// `:` as `%3A`, so that a file named `http:evil.ybc` is not read as a URI
/// with the scheme `http` (RFC 3986, section 4.2). Encoding the colon, rather
/// than putting `./` in front, keeps the reference the plain path that SARIF
/// viewers join to their base.
pub fn escape_relative_path(path: &str) -> String {
    utf8_percent_encode(path, RELATIVE_PATH).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relative_path_never_starts_with_a_scheme() {
        assert_eq!(escape_relative_path("http:evil.ybc"), "http%3Aevil.ybc");
        assert_eq!(escape_relative_path("a b/c:d.ybc"), "a%20b/c%3Ad.ybc");
        assert_eq!(escape_path("/srv/a:b"), "/srv/a:b");
    }
}
