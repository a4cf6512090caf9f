//! `--format junit`: JUnit XML, for CI systems that show test reports
//! (GitLab, Jenkins, Azure Pipelines, CircleCI).
//!
//! Each checked file is a `<testsuite>`; each finding is a failing
//! `<testcase>` (its `<failure>` carries the level as `type`); a clean file is
//! one passing test case; a file that could not be read is a test case with an
//! `<error>`. Suites are written file by file as the run goes.

use quick_xml::Writer;
use quick_xml::escape::partial_escape;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::{FileReport, Renderer};

/// The name of the passing test case of a clean file.
pub const CLEAN_CASE: &str = "no problems found";

/// Writes the report one suite at a time.
pub struct JunitRenderer {
    writer: Writer<Vec<u8>>,
}

impl Default for JunitRenderer {
    fn default() -> Self {
        Self { writer: Writer::new_with_indent(Vec::new(), b' ', 2) }
    }
}

impl std::fmt::Debug for JunitRenderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JunitRenderer").finish_non_exhaustive()
    }
}

impl JunitRenderer {
    /// Takes what has been written so far.
    fn take(&mut self) -> String {
        String::from_utf8(std::mem::take(self.writer.get_mut())).unwrap_or_default()
    }

    fn suite(&mut self, file: &FileReport) -> std::io::Result<()> {
        let path = xml_text(&file.path);
        let tests = file.findings.len().max(1).to_string();
        let failures = if file.unreadable { 0 } else { file.findings.len() };
        let errors = usize::from(file.unreadable);
        let suite = BytesStart::new("testsuite").with_attributes([
            ("name", path.as_str()),
            ("tests", tests.as_str()),
            ("failures", failures.to_string().as_str()),
            ("errors", errors.to_string().as_str()),
            ("skipped", "0"),
        ]);
        self.writer.write_event(Event::Start(suite))?;
        if file.findings.is_empty() {
            self.writer
                .create_element("testcase")
                .with_attributes([("name", CLEAN_CASE), ("classname", path.as_str()), ("file", path.as_str())])
                .write_empty()?;
        }
        for f in &file.findings {
            let name = xml_text(&format!("{} at {}:{}", f.rule, f.start.line, f.start.column));
            let line = f.start.line.to_string();
            let message = xml_text(&f.message.replace(['\r', '\n'], " "));
            let mut body = format!(
                "{}:{}:{}: {}[{}] {}",
                f.file,
                f.start.line,
                f.start.column,
                f.level.as_str(),
                f.rule,
                f.message
            );
            if let Some(help) = &f.help {
                body.push_str(&format!("\nhelp: {help}"));
            }
            let body = xml_text(&body);
            let (element, kind) = if file.unreadable { ("error", f.rule) } else { ("failure", f.level.as_str()) };
            self.writer
                .create_element("testcase")
                .with_attributes([
                    ("name", name.as_str()),
                    ("classname", path.as_str()),
                    ("file", path.as_str()),
                    ("line", line.as_str()),
                ])
                .write_inner_content(|w| {
                    w.create_element(element)
                        .with_attributes([("message", message.as_str()), ("type", kind)])
                        // Text needs only `<`, `>` and `&` escaped; quotes stay readable.
                        .write_text_content(BytesText::from_escaped(partial_escape(&body)))?;
                    Ok(())
                })?;
        }
        self.writer.write_event(Event::End(BytesEnd::new("testsuite")))
    }
}

impl Renderer for JunitRenderer {
    fn begin(&mut self) -> String {
        let start = BytesStart::new("testsuites").with_attributes([("name", "ybc check")]);
        // Writing into a Vec cannot fail.
        let _ = self
            .writer
            .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
            .and_then(|()| self.writer.write_event(Event::Start(start)));
        self.take()
    }

    fn file(&mut self, file: &FileReport, _quoted: &str) -> String {
        let _ = self.suite(file);
        self.take()
    }

    fn end(&mut self) -> String {
        let _ = self.writer.write_event(Event::End(BytesEnd::new("testsuites")));
        let mut out = self.take();
        out.push('\n');
        out
    }
}

/// Replaces the characters XML 1.0 cannot hold at all (most control characters)
/// with U+FFFD; escaping `<`, `&` and quotes is the writer's job.
fn xml_text(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}
