//! The routines open in the editor, each compiled after every change, and the
//! settings each one is checked with (its nearest `ybc.toml`, as `ybc check` finds it).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use lsp_types::{Position, Range, TextDocumentContentChangeEvent, Uri};
use percent_encoding::percent_decode_str;

use super::position::{Encoding, LineMap};
use crate::Compiled;
use crate::catalog::Catalog;
use crate::check::Settings;
use crate::config;
use crate::diagnostic::Diagnostic;
use crate::span::Span;
use crate::workspace::{self, CatalogError, CatalogFile, SetupError};

/// The settings and catalog a routine is checked with ([`workspace::Setup`]),
/// with what kept its config from being used and when its files were read.
#[derive(Debug)]
pub struct Setup {
    /// Rule levels, audience and the rest, from `ybc.toml`.
    pub settings: Settings,
    /// The built-in catalog, `--catalog` files and the config's catalogs.
    pub catalog: Arc<Catalog>,
    /// The catalog files, `--catalog` files first: a routine among them is checked as a catalog.
    pub catalogs: Vec<Arc<CatalogFile>>,
    /// Why the config or a catalog it names could not be used, if so.
    pub problems: Vec<String>,
    /// The files this setup was read from, with their modification times then.
    stamps: Vec<(PathBuf, Option<SystemTime>)>,
}

impl Setup {
    fn from(setup: &workspace::Setup) -> Self {
        Self {
            settings: setup.settings.clone(),
            catalog: Arc::clone(&setup.catalog),
            catalogs: setup.catalogs.clone(),
            problems: Vec::new(),
            stamps: Vec::new(),
        }
    }

    /// Whether a file it was read from has changed since.
    fn is_stale(&self) -> bool {
        self.stamps.iter().any(|(path, stamp)| modified(path) != *stamp)
    }

    /// The catalog a document at `path` is checked against as a catalog file,
    /// when it is one of this setup's catalog files.
    pub fn catalog_base(&self, path: Option<&Path>) -> Option<Arc<Catalog>> {
        let real = std::fs::canonicalize(path?).ok()?;
        self.catalogs.iter().find(|c| c.path == real).map(|c| Arc::clone(&c.base))
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Setups by config file, reloaded when a file they were read from changes.
#[derive(Debug)]
pub struct Setups {
    base: workspace::Setup,
    plain: Arc<Setup>,
    by_config: HashMap<PathBuf, Arc<Setup>>,
}

impl Setups {
    /// Setups on top of `base` (the built-in catalog and any `--catalog` files).
    pub fn new(base: workspace::Setup) -> Self {
        Self { plain: Arc::new(Setup::from(&base)), base, by_config: HashMap::new() }
    }

    /// The setup for a routine at `path` (none for an unsaved buffer): its
    /// config is found as `ybc check` finds it ([`config::find_for`]).
    pub fn for_file(&mut self, path: Option<&Path>) -> Arc<Setup> {
        let Some(config) = path.and_then(config::find_for) else {
            return Arc::clone(&self.plain);
        };
        if let Some(setup) = self.by_config.get(&config)
            && !setup.is_stale()
        {
            return Arc::clone(setup);
        }
        let setup = Arc::new(self.load(&config));
        self.by_config.insert(config, Arc::clone(&setup));
        setup
    }

    fn load(&self, path: &Path) -> Setup {
        let name = path.display();
        let mut stamps = vec![(path.to_owned(), modified(path))];
        let mut setup = match workspace::load(path, true, &self.base) {
            Ok(loaded) => {
                let mut setup = Setup::from(&loaded.setup);
                for (file, e) in loaded.unread {
                    stamps.push((file.clone(), modified(&file)));
                    let why = match e {
                        CatalogError::Read(e) => e.reason(),
                        CatalogError::Undecodable(bad) => bad.diagnostic.message,
                    };
                    setup.problems.push(format!(
                        "The catalog {} named in {name} can't be used ({why}); its poses are unknown here.",
                        file.display()
                    ));
                }
                setup
            }
            Err(e) => {
                let mut setup = Setup::from(&self.base);
                setup.problems.push(problem(&name.to_string(), e));
                setup
            }
        };
        for file in &setup.catalogs {
            stamps.push((file.path.clone(), modified(&file.path)));
            if file.has_errors() {
                let first = first_message(&file.diagnostics);
                setup.problems.push(format!(
                    "The catalog {} named in {name} has errors ({first}); only its other poses are known here.",
                    file.path.display()
                ));
            }
        }
        setup.stamps = stamps;
        setup
    }
}

/// Why the config `name` could not be used, as one line for the editor.
fn problem(name: &str, error: SetupError) -> String {
    let why = match error {
        SetupError::Read(e) => e.reason(),
        SetupError::NotText => "it is not UTF-8 text".to_owned(),
        SetupError::LinkOutside => "it is a symbolic link to a file outside this repository".to_owned(),
        SetupError::Invalid { diagnostics, .. } => format!("it has errors: {}", first_message(&diagnostics)),
    };
    format!("{name} can't be used ({why}); checked with the default settings.")
}

fn first_message(diagnostics: &[Diagnostic]) -> String {
    diagnostics.first().map_or_else(String::new, |d| d.message.clone())
}

/// An open routine.
#[derive(Debug)]
pub struct Document {
    /// Its text as the editor has it.
    pub text: String,
    /// The editor's version number for it.
    pub version: i32,
    /// Its lines.
    pub lines: LineMap,
    /// The file it is saved as, if any.
    pub path: Option<PathBuf>,
    /// What it was checked with.
    pub setup: Arc<Setup>,
    /// When it is one of the setup's catalog files: the catalog it adds its poses to.
    catalog_base: Option<Arc<Catalog>>,
    /// The text compiled.
    pub compiled: Compiled,
}

impl Document {
    /// Opens and compiles a routine.
    pub fn new(text: String, version: i32, path: Option<PathBuf>, setup: Arc<Setup>) -> Self {
        let catalog_base = setup.catalog_base(path.as_deref());
        let compiled = compile(&text, &setup, catalog_base.as_ref());
        Self { lines: LineMap::new(&text), text, version, path, setup, catalog_base, compiled }
    }

    /// Applies the editor's changes in order (whole-text or ranged), then compiles.
    pub fn change(&mut self, version: i32, changes: Vec<TextDocumentContentChangeEvent>, encoding: Encoding) {
        for change in changes {
            match change.range {
                Some(range) => {
                    let span = self.span(range, encoding);
                    self.text.replace_range(span.start..span.end, &change.text);
                }
                None => self.text = change.text,
            }
            self.lines = LineMap::new(&self.text);
        }
        self.version = version;
        self.compiled = compile(&self.text, &self.setup, self.catalog_base.as_ref());
    }

    /// Compiles again with a (possibly new) setup.
    pub fn recompile(&mut self, setup: Arc<Setup>) {
        self.catalog_base = setup.catalog_base(self.path.as_deref());
        self.setup = setup;
        self.compiled = compile(&self.text, &self.setup, self.catalog_base.as_ref());
    }

    /// The range of a span.
    pub fn range(&self, span: Span, encoding: Encoding) -> Range {
        self.lines.range(&self.text, span, encoding)
    }

    /// The span of a range.
    pub fn span(&self, range: Range, encoding: Encoding) -> Span {
        self.lines.span(&self.text, range, encoding)
    }

    /// The byte offset of a position.
    pub fn offset(&self, position: Position, encoding: Encoding) -> usize {
        self.lines.offset(&self.text, position, encoding)
    }

    /// The conditions in the room: the routine's `audience` and the config's.
    pub fn audience(&self) -> Vec<String> {
        let mut audience: Vec<String> = self.compiled.routine.meta.audience.iter().map(|a| a.value.clone()).collect();
        for extra in &self.setup.settings.audience {
            if !audience.contains(extra) {
                audience.push(extra.clone());
            }
        }
        audience
    }
}

/// Compiles a routine, or a catalog file against the catalog it adds to; a bug
/// that panics in the compiler becomes a diagnostic on this routine instead of
/// ending the server.
fn compile(text: &str, setup: &Setup, catalog_base: Option<&Arc<Catalog>>) -> Compiled {
    let run = || match catalog_base {
        Some(base) => crate::compile_catalog(text, base),
        None => crate::compile_with(text, &setup.catalog, &setup.settings),
    };
    let mut compiled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)).unwrap_or_else(|_| {
        let mut empty = crate::compile_with("", &setup.catalog, &setup.settings);
        empty.diagnostics = vec![
            Diagnostic::error("internal", Span::default(), "ybc hit an internal error while checking this routine.")
                .with_help("Please report it with the routine's text; the other features keep working."),
        ];
        empty
    });
    for problem in &setup.problems {
        compiled.diagnostics.insert(0, Diagnostic::warning("config", Span::default(), problem.clone()));
    }
    compiled
}

/// The local path of a `file:` URI.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file://host/path` names another machine; only local files are read.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_decode_str(path).decode_utf8().ok()?;
    // `/c:/Users/…` on Windows.
    let bytes = decoded.as_bytes();
    if cfg!(windows)
        && bytes.get(2) == Some(&b':')
        && let Some(path) = decoded.get(1..)
    {
        return Some(PathBuf::from(path));
    }
    Some(PathBuf::from(decoded.as_ref()))
}

/// The `file:` URI of an absolute path.
pub fn uri_of(path: &Path) -> Option<Uri> {
    let text = path.to_str()?.replace('\\', "/");
    let text = if text.starts_with('/') { text } else { format!("/{text}") };
    format!("file://{}", crate::uri::escape_path(&text)).parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_round_trip() {
        let path = PathBuf::from("/tmp/my classes/Ü #1.ybc");
        let uri = uri_of(&path);
        assert_eq!(uri.as_ref().map(|u| u.as_str()), Some("file:///tmp/my%20classes/%C3%9C%20%231.ybc"));
        assert_eq!(uri.as_ref().and_then(path_of), Some(path));
        let untitled: Option<Uri> = "untitled:Untitled-1".parse().ok();
        assert_eq!(untitled.as_ref().and_then(path_of), None);
    }

    #[test]
    fn ranged_changes_apply_in_the_agreed_units() {
        let setup = Arc::new(Setup::from(&workspace::Setup::builtin()));
        let mut doc = Document::new("locust hold 30s \"🧘\" x3\n".to_owned(), 1, None, setup);
        // Replace `x3` (after a 2-unit emoji in UTF-16) with `x2`.
        let at = doc.text.find("x3").unwrap_or(0);
        let start = doc.lines.position(&doc.text, at, Encoding::Utf16);
        let end = Position::new(start.line, start.character + 2);
        let change = TextDocumentContentChangeEvent {
            range: Some(Range::new(start, end)),
            range_length: None,
            text: "x2".to_owned(),
        };
        doc.change(2, vec![change], Encoding::Utf16);
        assert_eq!(doc.text, "locust hold 30s \"🧘\" x2\n");
        assert_eq!(doc.version, 2);
    }
}
