//! `--format sarif`: one SARIF 2.1.0 log for the whole run, for GitHub code
//! scanning and other tools that read static-analysis results.
//!
//! The tool lists every rule with its summary, explanation and the text of
//! `ybc explain RULE`; the stages' own codes (`syntax`, `unknown-pose`, …) are
//! added as rules when a result uses them. Results name their rule by its
//! stable id, and their file by a URI relative to the repository root
//! (`%SRCROOT%`). Columns count Unicode code points (`columnKind`).
//!
//! The log is one JSON document, so it is written at the end of the run; only
//! the results are kept until then, never the files' text.

use serde_json::json;
use serde_sarif::sarif;

use super::finding::{Finding, Position, UNREADABLE};
use super::{FileReport, Renderer};
use crate::check::RULES;
use crate::diagnostic::Severity;

/// The base id that relative file URIs are resolved against.
pub const SRCROOT: &str = "%SRCROOT%";

/// Collects results and writes the log at the end.
#[derive(Debug)]
pub struct SarifRenderer {
    version: String,
    root: Option<String>,
    results: Vec<sarif::Result>,
    /// Codes of results that are not in [`RULES`], in the order first seen.
    stage_codes: Vec<&'static str>,
}

impl SarifRenderer {
    /// A renderer for `ybc` at `version`; `root` is the repository root as an
    /// absolute path with `/` separators, for `originalUriBaseIds`.
    pub fn new(version: &str, root: Option<&str>) -> Self {
        let root = root.map(|r| {
            let path = if r.ends_with('/') { r.to_owned() } else { format!("{r}/") };
            let path = if path.starts_with('/') { path } else { format!("/{path}") };
            format!("file://{}", crate::uri::escape_path(&path))
        });
        Self { version: version.to_owned(), root, results: Vec::new(), stage_codes: Vec::new() }
    }

    fn rule_index(&mut self, code: &'static str) -> usize {
        if let Some(i) = RULES.iter().position(|r| r.info.name == code) {
            return i;
        }
        let at = self.stage_codes.iter().position(|c| *c == code).unwrap_or_else(|| {
            self.stage_codes.push(code);
            self.stage_codes.len() - 1
        });
        RULES.len() + at
    }

    fn rules(&self) -> Vec<sarif::ReportingDescriptor> {
        let mut rules: Vec<sarif::ReportingDescriptor> = RULES
            .iter()
            .map(|rule| {
                sarif::ReportingDescriptor::builder()
                    .id(rule.info.name)
                    .short_description(text(&format!("{}.", rule.info.summary)))
                    .full_description(text(rule.info.explanation))
                    .help(text(&crate::explain::rule(rule)))
                    .default_configuration(configuration(rule.info.default))
                    .build()
            })
            .collect();
        rules.extend(self.stage_codes.iter().map(|code| {
            let (short, help) = if *code == UNREADABLE {
                (
                    "A routine file that could not be read.",
                    "ybc could not read this file or folder. Check that it exists, that it is a regular file (not a named pipe or a device, which ybc does not wait on), that its permissions let it be read, and that it is no larger than 64 MB.",
                )
            } else {
                (
                    "A mistake found while reading the routine: its syntax, names or doses.",
                    "ybc reports these while reading a routine, before the rules run, and they are always on. The message says what is wrong and how to fix it.",
                )
            };
            sarif::ReportingDescriptor::builder()
                .id(*code)
                .short_description(text(short))
                .help(text(help))
                .default_configuration(configuration(Severity::Error))
                .build()
        }));
        rules
    }
}

impl Renderer for SarifRenderer {
    fn file(&mut self, file: &FileReport, _quoted: &str) -> String {
        let artifact = artifact_location(&file.repo_path);
        for f in &file.findings {
            let rule_index = self.rule_index(f.rule);
            let physical = |region: Option<sarif::Region>| {
                sarif::PhysicalLocation::builder().artifact_location(artifact.clone()).opt_region(region).build()
            };
            let main_region = (!file.unreadable).then(|| region(f.start, f.end));
            let related: Vec<sarif::Location> = f
                .related
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    sarif::Location::builder()
                        .id(i as i64)
                        .physical_location(physical(Some(region(r.start, r.end))))
                        .message(message(&r.message))
                        .build()
                })
                .collect();
            let fixes = f.fix.as_ref().map(|fix| {
                let replacement = sarif::Replacement::builder()
                    .deleted_region(region(fix.start, fix.end))
                    .inserted_content(sarif::ArtifactContent::builder().text(fix.replacement.as_str()).build())
                    .build();
                let change = sarif::ArtifactChange::builder()
                    .artifact_location(artifact.clone())
                    .replacements(vec![replacement])
                    .build();
                vec![
                    sarif::Fix::builder()
                        .opt_description(f.help.as_deref().map(message))
                        .artifact_changes(vec![change])
                        .build(),
                ]
            });
            let level = match f.level {
                Severity::Error => sarif::ResultLevel::Error,
                Severity::Warning => sarif::ResultLevel::Warning,
                Severity::Info => sarif::ResultLevel::Note,
            };
            self.results.push(
                sarif::Result::builder()
                    .rule_id(f.rule)
                    .rule_index(rule_index as i64)
                    .level(level)
                    .message(message(&result_text(f)))
                    .locations(vec![sarif::Location::builder().physical_location(physical(main_region)).build()])
                    .opt_related_locations((!related.is_empty()).then_some(related))
                    .opt_fixes(fixes)
                    .build(),
            );
        }
        String::new()
    }

    fn end(&mut self) -> String {
        let driver = sarif::ToolComponent::builder()
            .name("ybc")
            .full_name(format!("ybc {}", self.version))
            .version(self.version.as_str())
            .semantic_version(env!("CARGO_PKG_VERSION"))
            .rules(self.rules())
            .build();
        let original_uri_base_ids = self.root.as_ref().map(|root| {
            std::iter::once((SRCROOT.to_owned(), sarif::ArtifactLocation::builder().uri(root.as_str()).build()))
                .collect()
        });
        let run = sarif::Run::builder()
            .tool(sarif::Tool::builder().driver(driver).build())
            .results(std::mem::take(&mut self.results))
            .column_kind(json!("unicodeCodePoints"))
            .opt_original_uri_base_ids(original_uri_base_ids)
            .build();
        let log = sarif::Sarif::builder()
            .schema("https://json.schemastore.org/sarif-2.1.0.json")
            .version(json!("2.1.0"))
            .runs(vec![run])
            .build();
        // Every field is a string, a number or a map with string keys, which always serialize.
        let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
        text.push('\n');
        text
    }
}

fn text(t: &str) -> sarif::MultiformatMessageString {
    sarif::MultiformatMessageString::builder().text(t).build()
}

fn configuration(severity: Severity) -> sarif::ReportingConfiguration {
    sarif::ReportingConfiguration::builder().level(json!(level(severity))).build()
}

/// The SARIF level word for a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A file as a URI: relative to `%SRCROOT%`, or absolute when outside the repository.
fn artifact_location(repo_path: &str) -> sarif::ArtifactLocation {
    if repo_path.starts_with('/') {
        let encoded = crate::uri::escape_path(repo_path);
        sarif::ArtifactLocation::builder().uri(format!("file://{encoded}")).build()
    } else {
        let encoded = crate::uri::escape_relative_path(repo_path);
        sarif::ArtifactLocation::builder().uri(encoded).uri_base_id(SRCROOT).build()
    }
}

fn region(start: Position, end: Position) -> sarif::Region {
    sarif::Region::builder()
        .start_line(start.line as i64)
        .start_column(start.column as i64)
        .end_line(end.line as i64)
        .end_column(end.column as i64)
        .build()
}

fn message(text: &str) -> sarif::Message {
    sarif::Message::builder().text(text).build()
}

/// The message with its help, as code scanning shows one text per result.
fn result_text(f: &Finding) -> String {
    match &f.help {
        Some(help) => format!("{}\n{}", f.message, help),
        None => f.message.clone(),
    }
}
