//! `--format concise`: one line per diagnostic, `path:line:col: level[rule] message`,
//! the form editors' problem matchers and `grep` understand.

use super::{FileReport, Renderer};
use crate::controls::escape;

/// Writes one line per finding.
#[derive(Debug, Default)]
pub struct ConciseRenderer;

impl Renderer for ConciseRenderer {
    fn file(&mut self, file: &FileReport, _quoted: &str) -> String {
        let mut out = String::new();
        for f in &file.findings {
            // A message is one line; a stray line break would split the record,
            // and one in a file name would start a line of its own.
            let message = f.message.replace(['\r', '\n'], " ");
            out.push_str(&format!(
                "{}:{}:{}: {}[{}] {}\n",
                escape(&f.file),
                f.start.line,
                f.start.column,
                f.level.as_str(),
                f.rule,
                escape(&message)
            ));
        }
        out
    }
}
