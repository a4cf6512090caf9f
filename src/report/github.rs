//! `--format github`: GitHub Actions workflow commands, which the runner turns
//! into annotations on the pull request's files:
//! `::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message`.
//!
//! Values are escaped as GitHub's own toolkit (`@actions/core`, `command.ts`)
//! escapes them: `%`, CR and LF in the message; also `:` and `,` in properties.
//! Other control characters, which the runner does not read back, are written
//! as `\u{1b}`, so that none reaches the log.
//! Columns are given only when the finding is on one line, as GitHub ignores
//! them otherwise. Paths are relative to the repository root, as GitHub wants.

use super::{FileReport, Renderer};
use crate::diagnostic::Severity;

/// Writes one workflow command per finding.
#[derive(Debug, Default)]
pub struct GithubRenderer;

impl Renderer for GithubRenderer {
    fn file(&mut self, file: &FileReport, _quoted: &str) -> String {
        let mut out = String::new();
        for f in &file.findings {
            let command = match f.level {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut properties = vec![
                ("file", file.repo_path.clone()),
                ("line", f.start.line.to_string()),
                ("endLine", f.end.line.to_string()),
            ];
            if f.is_one_line() {
                properties.push(("col", f.start.column.to_string()));
                properties.push(("endColumn", f.end.column.to_string()));
            }
            properties.push(("title", format!("ybc {}", f.rule)));
            let properties: Vec<String> =
                properties.iter().map(|(key, value)| format!("{key}={}", escape_property(value))).collect();
            let mut message = f.message.clone();
            if let Some(help) = &f.help {
                message.push('\n');
                message.push_str(help);
            }
            out.push_str(&format!("::{command} {}::{}\n", properties.join(","), escape_data(&message)));
        }
        out
    }
}

/// Escapes a command's message: `%`, CR and LF as the runner reads them back;
/// any other control character (which the log would show as a terminal does)
/// as [`crate::controls::escape`] writes it.
pub fn escape_data(text: &str) -> String {
    let text = text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    crate::controls::escape(&text).into_owned()
}

/// Escapes a property's value: as a message, and also `:` and `,`.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_only_when_the_finding_is_on_one_line() {
        use crate::diagnostic::Diagnostic;
        use crate::report::Finding;
        use crate::span::Span;
        let text = "warmup:\n  cat-cow 8 reps\n";
        let diagnostics = [
            Diagnostic::warning("short-rest", Span::new(10, 17), "one"),
            Diagnostic::warning("strength-order", Span::new(0, 17), "two"),
        ];
        let findings = Finding::locate_all("a.ybc", text, &diagnostics);
        let report = FileReport { path: "a.ybc".into(), repo_path: "a.ybc".into(), findings, unreadable: false };
        let out = GithubRenderer.file(&report, "");
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "::warning file=a.ybc,line=2,endLine=2,col=3,endColumn=10,title=ybc short-rest::one");
        assert_eq!(lines[1], "::warning file=a.ybc,line=1,endLine=2,title=ybc strength-order::two");
    }

    #[test]
    fn escapes_as_the_actions_toolkit_does() {
        assert_eq!(escape_data("100% done\r\nnext: a, b"), "100%25 done%0D%0Anext: a, b");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(escape_data("a\u{1b}[2J\tb"), "a\\u{1b}[2J\\tb");
    }
}
