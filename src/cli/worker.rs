//! What a worker thread does with one routine: read it, compile it, and let
//! the renderer quote its source when the format does. Each call reads one file and keeps
//! nothing, so a run holds only the files in flight, however many there are.

use ybc::diagnostic::Diagnostic;
use ybc::report::{FileReport, Finding, Renderer, Source};
use ybc::span::Span;
use ybc::workspace::{CatalogFile, Setup};

use super::inputs::{Input, Places};
use super::read::read_listed;
use super::rewrite::rewrite;

/// What checking one input produced.
pub struct Checked {
    /// Its findings, for the renderer and the tally.
    pub report: FileReport,
    /// What the renderer made of its source ([`Renderer::quote`]).
    pub quoted: String,
    /// With `--fix`: how many mistakes were fixed in the file.
    pub fixed: usize,
    /// With `--fix`: why the fixed routine could not be written, if it could not.
    pub unwritten: Option<String>,
}

/// Checks one input with the catalog and settings that apply to it; a studio
/// catalog file (`catalog_file`) is checked as a catalog, against the catalog
/// it adds its poses to, and is never rewritten by `--fix`.
pub fn check(
    input: &Input,
    setup: &Setup,
    catalog_file: Option<&CatalogFile>,
    places: &Places,
    renderer: &dyn Renderer,
    fix: bool,
) -> Checked {
    let name = input.path().display().to_string();
    let repo_path = places.repo_path(input.path());
    let read;
    let bytes = match input {
        Input::File(path) => match read_listed(path) {
            Ok(bytes) => {
                read = bytes;
                &read
            }
            Err(e) => {
                let message = format!("can't read {}: {}", ybc::controls::path(path), e.reason());
                return unreadable(name, repo_path, message, e.help(path, Some("ybc check")), renderer);
            }
        },
        Input::Stdin { bytes, .. } => bytes,
        Input::Unreadable { .. } => {
            let problem = input.problem().unwrap_or_default();
            return unreadable(name, repo_path, problem, input.help(), renderer);
        }
    };
    let (mut fixed, mut unwritten) = (0, None);
    let rewritten: String;
    let (text, diagnostics) = match ybc::source::decode(bytes) {
        Ok(read) => {
            let mut text = read;
            // `--fix`: the safe fixes are made and written first, and what is
            // left is reported on the routine as it now is.
            let (catalog, settings) = (&setup.catalog, &setup.settings);
            if fix
                && catalog_file.is_none()
                && let Input::File(path) = input
            {
                let (new, made) = ybc::fix_safe(read, catalog, settings);
                if !made.is_empty() {
                    match rewrite(path, bytes, &new) {
                        Ok(()) => {
                            fixed = made.len();
                            rewritten = new;
                            text = &rewritten;
                        }
                        Err(reason) => unwritten = Some(reason),
                    }
                }
            }
            let compiled = match catalog_file {
                Some(file) => ybc::compile_catalog(text, &file.base),
                None => ybc::compile_with(text, catalog, settings),
            };
            (text, compiled.diagnostics)
        }
        Err(bad) => {
            let findings = Finding::locate_all(&name, &bad.prefix, std::slice::from_ref(&bad.diagnostic));
            let diagnostics = [bad.diagnostic];
            let quoted = renderer.quote(&Source::Read { name: &name, text: &bad.prefix, diagnostics: &diagnostics });
            let report = FileReport { path: name, repo_path, findings, unreadable: false };
            return Checked { report, quoted, fixed, unwritten };
        }
    };
    let findings = Finding::locate_all(&name, text, &diagnostics);
    let quoted = renderer.quote(&Source::Read { name: &name, text, diagnostics: &diagnostics });
    Checked { report: FileReport { path: name, repo_path, findings, unreadable: false }, quoted, fixed, unwritten }
}

fn unreadable(
    name: String,
    repo_path: String,
    message: String,
    help: Option<String>,
    renderer: &dyn Renderer,
) -> Checked {
    let mut diagnostic = Diagnostic::error(ybc::report::finding::UNREADABLE, Span::default(), message.as_str());
    diagnostic.help.clone_from(&help);
    let quoted = renderer.quote(&Source::Unreadable(&diagnostic));
    let mut finding = Finding::unreadable(&name, message);
    finding.help = help;
    let findings = vec![finding];
    Checked {
        report: FileReport { path: name, repo_path, findings, unreadable: true },
        quoted,
        fixed: 0,
        unwritten: None,
    }
}
