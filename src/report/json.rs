//! `--format json`: one array of every finding of the run, one finding per
//! line, written file by file as the run goes. The shape is
//! [`Finding`](super::Finding), documented in `docs/schema/diagnostics-v1.schema.json`.

use super::{FileReport, Renderer};

/// Writes the array, one element per line.
#[derive(Debug, Default)]
pub struct JsonRenderer {
    /// Whether an element has been written (the next one needs a comma).
    written: bool,
}

impl Renderer for JsonRenderer {
    fn begin(&mut self) -> String {
        "[".to_owned()
    }

    fn file(&mut self, file: &FileReport, _quoted: &str) -> String {
        let mut out = String::new();
        for f in &file.findings {
            out.push_str(if self.written { ",\n  " } else { "\n  " });
            // A finding holds only strings, numbers and nulls, which always serialize.
            out.push_str(&serde_json::to_string(f).unwrap_or_default());
            self.written = true;
        }
        out
    }

    fn end(&mut self) -> String {
        if self.written { "\n]\n".to_owned() } else { "]\n".to_owned() }
    }
}
