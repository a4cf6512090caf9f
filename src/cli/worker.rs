//! What a worker thread does with one routine: read it, compile it, and render
//! it for people when that is the format. Each call reads one file and keeps
//! nothing, so a run holds only the files in flight, however many there are.

use std::sync::Arc;

use ybc::catalog::Catalog;
use ybc::config::Settings;
use ybc::diagnostic::Diagnostic;
use ybc::report::human::HumanRenderer;
use ybc::report::{FileReport, Finding};
use ybc::span::Span;

use super::inputs::{Input, Places};
use super::read::read_listed;

/// What checking one input produced.
pub struct Checked {
    /// Its findings, for the renderers for programs and the tally.
    pub report: FileReport,
    /// Its diagnostics rendered for people (empty unless asked for).
    pub human: String,
}

/// Checks one input with the catalog and settings that apply to it.
pub fn check(
    input: &Input,
    catalog: &Arc<Catalog>,
    settings: &Settings,
    places: &Places,
    human: Option<&HumanRenderer>,
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
                let message = format!("can't read {}: {}", path.display(), e.reason());
                return unreadable(name, repo_path, message, e.help(path, Some("ybc check")), human);
            }
        },
        Input::Stdin { bytes, .. } => bytes,
        Input::Unreadable { .. } => {
            let problem = input.problem().unwrap_or_default();
            return unreadable(name, repo_path, problem, input.help(), human);
        }
    };
    let (text, diagnostics) = match ybc::source::decode(bytes) {
        Ok(text) => {
            let compiled = ybc::compile_with(text, catalog, settings);
            (text, compiled.diagnostics)
        }
        Err(bad) => {
            let findings = Finding::locate_all(&name, &bad.prefix, std::slice::from_ref(&bad.diagnostic));
            let human = human.map_or(String::new(), |h| h.render(&name, &bad.prefix, &[bad.diagnostic]));
            return Checked { report: FileReport { path: name, repo_path, findings, unreadable: false }, human };
        }
    };
    let findings = Finding::locate_all(&name, text, &diagnostics);
    let human = human.map_or(String::new(), |h| h.render(&name, text, &diagnostics));
    Checked { report: FileReport { path: name, repo_path, findings, unreadable: false }, human }
}

fn unreadable(
    name: String,
    repo_path: String,
    message: String,
    help: Option<String>,
    human: Option<&HumanRenderer>,
) -> Checked {
    let human = human.map_or(String::new(), |h| {
        let mut diagnostic = Diagnostic::error(ybc::report::finding::UNREADABLE, Span::default(), message.as_str());
        diagnostic.help.clone_from(&help);
        h.render_alone(&diagnostic)
    });
    let mut finding = Finding::unreadable(&name, message);
    finding.help = help;
    let findings = vec![finding];
    Checked { report: FileReport { path: name, repo_path, findings, unreadable: true }, human }
}
