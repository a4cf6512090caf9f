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
use crate::config::{self, Settings};
use crate::diagnostic::Diagnostic;
use crate::span::Span;

/// The settings and catalog a routine is checked with.
#[derive(Debug)]
pub struct Setup {
    /// Rule levels, audience and the rest, from `ybc.toml`.
    pub settings: Settings,
    /// The built-in catalog, `--catalog` files and the config's catalogs.
    pub catalog: Arc<Catalog>,
    /// Why the config or a catalog it names could not be used, if so.
    pub problems: Vec<String>,
    /// The files this setup was read from, with their modification times then.
    stamps: Vec<(PathBuf, Option<SystemTime>)>,
}

impl Setup {
    fn plain(catalog: Arc<Catalog>) -> Self {
        Self { settings: Settings::default(), catalog, problems: Vec::new(), stamps: Vec::new() }
    }

    /// Whether a file it was read from has changed since.
    fn is_stale(&self) -> bool {
        self.stamps.iter().any(|(path, stamp)| modified(path) != *stamp)
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Setups by config file, reloaded when a file they were read from changes.
#[derive(Debug)]
pub struct Setups {
    base: Arc<Catalog>,
    plain: Arc<Setup>,
    by_config: HashMap<PathBuf, Arc<Setup>>,
}

impl Setups {
    /// Setups on top of `base` (the built-in catalog and any `--catalog` files).
    pub fn new(base: Arc<Catalog>) -> Self {
        Self { plain: Arc::new(Setup::plain(Arc::clone(&base))), base, by_config: HashMap::new() }
    }

    /// The setup for a routine at `path` (none for an unsaved buffer).
    pub fn for_file(&mut self, path: Option<&Path>) -> Arc<Setup> {
        let Some(config) = path.and_then(Path::parent).and_then(config::find) else {
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
        let mut setup = Setup::plain(Arc::clone(&self.base));
        setup.stamps.push((path.to_owned(), modified(path)));
        let name = path.display();
        let text = match crate::source::read_regular(path) {
            Ok(text) => text,
            Err(e) => {
                setup.problems.push(format!("{name} can't be read ({e}); checked with the default settings."));
                return setup;
            }
        };
        match config::parse(&text, path, &self.base) {
            Ok(settings) => setup.settings = settings,
            Err(diagnostics) => {
                let first = diagnostics.first().map_or_else(String::new, |d| d.message.clone());
                setup.problems.push(format!("{name} has errors ({first}); checked with the default settings."));
                return setup;
            }
        }
        for file in setup.settings.catalogs.clone() {
            setup.stamps.push((file.clone(), modified(&file)));
            let loaded = crate::source::read_regular(&file)
                .map_err(|e| e.to_string())
                .and_then(|text| crate::load_catalog(&text, &setup.catalog).map_err(|d| first_message(&d)));
            match loaded {
                Ok(catalog) => setup.catalog = catalog,
                Err(why) => setup.problems.push(format!(
                    "The catalog {} named in {name} can't be used ({why}); its poses are unknown here.",
                    file.display()
                )),
            }
        }
        setup
    }
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
    /// The text compiled.
    pub compiled: Compiled,
}

impl Document {
    /// Opens and compiles a routine.
    pub fn new(text: String, version: i32, path: Option<PathBuf>, setup: Arc<Setup>) -> Self {
        let compiled = compile(&text, &setup);
        Self { lines: LineMap::new(&text), text, version, path, setup, compiled }
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
        self.compiled = compile(&self.text, &self.setup);
    }

    /// Compiles again with a (possibly new) setup.
    pub fn recompile(&mut self, setup: Arc<Setup>) {
        self.setup = setup;
        self.compiled = compile(&self.text, &self.setup);
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

/// Compiles a routine; a bug that panics in the compiler becomes a diagnostic
/// on this routine instead of ending the server.
fn compile(text: &str, setup: &Setup) -> Compiled {
    let run = || crate::compile_with(text, &setup.catalog, &setup.settings);
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
        let setup = Arc::new(Setup::plain(Catalog::builtin()));
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
