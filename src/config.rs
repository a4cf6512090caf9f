//! `ybc.toml`: a studio's settings for checking: rule levels, the duration
//! tolerance, a default audience and extra catalog files.
//!
//! ```toml
//! [rules]
//! missing-cooldown = "allow"
//! hold-too-long = "error"
//!
//! [check]
//! duration-tolerance = "20%"
//! audience = ["osteoporosis"]
//! catalogs = ["studio-poses.ybc"]
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::catalog::{self, Catalog};
use crate::check::{self, Level, Settings};
use crate::diagnostic::Diagnostic;
use crate::span::Span;

/// The file name ybc looks for, walking up from each checked file.
pub const FILE_NAME: &str = "ybc.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    check: RawCheck,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawCheck {
    duration_tolerance: Option<Spanned<Tolerance>>,
    #[serde(default)]
    audience: Vec<Spanned<String>>,
    #[serde(default)]
    catalogs: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Tolerance {
    Fraction(f64),
    Text(String),
}

/// Reads a config file's text. Errors point into `text`.
pub fn parse(text: &str, path: &Path, catalog: &Catalog) -> Result<Settings, Vec<Diagnostic>> {
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        let span = e.span().map_or(Span::default(), |r| Span::new(r.start, r.end));
        vec![
            Diagnostic::error("config", span, format!("This config file can't be read: {}", e.message().trim_end()))
                .with_help(
                    "A ybc.toml has a [rules] table (rule = \"allow\" | \"info\" | \"warning\" | \"error\") and a [check] table (duration-tolerance, audience, catalogs).",
                ),
        ]
    })?;
    let mut diagnostics = Vec::new();
    let mut settings = Settings { source: Some(path.to_owned()), ..Settings::default() };
    let span_of = |r: std::ops::Range<usize>| Span::new(r.start, r.end);
    for (name, level) in &raw.rules {
        let Some(rule) = check::rule(name.get_ref()) else {
            let names: Vec<&str> = check::RULES.iter().map(|r| r.info.name).collect();
            let mut d =
                Diagnostic::error("config", span_of(name.span()), format!("`{}` is not a rule.", name.get_ref()))
                    .with_label("unknown rule");
            d = match catalog::suggest(name.get_ref(), names.iter().copied()) {
                Some(s) => d.with_help(format!("Did you mean `{s}`? Run `ybc rules` to list them.")),
                None => d.with_help("Run `ybc rules` to list the rules."),
            };
            diagnostics.push(d);
            continue;
        };
        match Level::from_word(level.get_ref()) {
            Some(l) => {
                settings.levels.insert(rule.info.name, l);
            }
            None => diagnostics.push(
                Diagnostic::error("config", span_of(level.span()), format!("`{}` is not a level.", level.get_ref()))
                    .with_label("unknown level")
                    .with_help(format!("Use one of: {}.", Level::WORDS.map(|w| format!("\"{w}\"")).join(", "))),
            ),
        }
    }
    if let Some(tolerance) = &raw.check.duration_tolerance {
        let value = match tolerance.get_ref() {
            Tolerance::Fraction(f) => Some(*f),
            Tolerance::Text(t) => {
                t.trim().strip_suffix('%').and_then(|n| n.trim().parse::<f64>().ok()).map(|p| p / 100.0)
            }
        };
        match value {
            Some(v) if (0.0..=1.0).contains(&v) => settings.duration_tolerance = v,
            _ => diagnostics.push(
                Diagnostic::error(
                    "config",
                    span_of(tolerance.span()),
                    "The duration tolerance must be between 0% and 100%.",
                )
                .with_help("Write it as a percentage, like \"15%\", or a fraction, like 0.15."),
            ),
        }
    }
    for name in &raw.check.audience {
        match catalog.condition(name.get_ref()) {
            Some(c) => settings.audience.push(c.id.clone()),
            None => {
                let mut d = Diagnostic::error(
                    "config",
                    span_of(name.span()),
                    format!("`{}` is not a condition I know.", name.get_ref()),
                )
                .with_label("unknown condition");
                let known: Vec<&str> = catalog.conditions().iter().map(|c| c.id.as_str()).collect();
                d = match catalog.suggest_condition(name.get_ref()) {
                    Some(s) => d.with_help(format!("Did you mean `{s}`?")),
                    None => d.with_help(format!("Known conditions: {}.", known.join(", "))),
                };
                diagnostics.push(d);
            }
        }
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    for written in &raw.check.catalogs {
        match confine_catalog(dir, written.get_ref()) {
            Ok(file) if settings.catalogs.contains(&file) => {}
            Ok(file) => settings.catalogs.push(file),
            Err(refusal) => diagnostics.push(
                Diagnostic::error("config", span_of(written.span()), refusal.message(written.get_ref()))
                    .with_label("not a catalog this config may name")
                    .with_help(refusal.help()),
            ),
        }
    }
    if diagnostics.is_empty() { Ok(settings) } else { Err(diagnostics) }
}

/// Why a config may not name a catalog file.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Refusal {
    /// Its name does not end in `.ybc`, or the file a link leads to does not.
    NotYbc,
    /// It is not there (or a link to nothing), with the system's reason.
    Missing(String),
    /// After symbolic links, it is outside the config's folder.
    Outside,
}

impl Refusal {
    fn message(&self, written: &str) -> String {
        match self {
            Refusal::NotYbc => format!("`{written}` is not a `.ybc` file, so it can't be a catalog."),
            Refusal::Missing(why) => format!("The catalog `{written}` can't be found: {why}."),
            Refusal::Outside => format!("The catalog `{written}` is outside this config's folder."),
        }
    }

    fn help(&self) -> String {
        const WHY: &str = "A ybc.toml may name only `.ybc` catalog files in its own folder or below it (after \
                           symbolic links), so that a repository cannot make ybc read, and print, other files.";
        match self {
            Refusal::Missing(_) => "Paths are relative to the folder of this ybc.toml; check the name.".to_owned(),
            Refusal::NotYbc | Refusal::Outside => format!(
                "{WHY} Move the catalog into this repository, or give it on the command line: `--catalog FILE`."
            ),
        }
    }
}

/// The file a config in `dir` names as a catalog: its real path (symbolic
/// links resolved), so that two names for one file are one catalog; or why it
/// may not be used. Only `.ybc` files inside `dir`'s tree are allowed, whatever
/// links lead there: a catalog's lines are quoted in diagnostics, so a
/// repository's config must not be able to point ybc at `/proc/self/environ`.
fn confine_catalog(dir: &Path, written: &str) -> Result<PathBuf, Refusal> {
    let is_ybc = |p: &Path| p.extension().is_some_and(|e| e == crate::EXTENSION);
    let named = dir.join(written);
    if !is_ybc(&named) {
        return Err(Refusal::NotYbc);
    }
    let real_dir = std::fs::canonicalize(dir).map_err(|e| Refusal::Missing(crate::source::io_reason(&e)))?;
    let real = std::fs::canonicalize(&named).map_err(|e| Refusal::Missing(crate::source::io_reason(&e)))?;
    if !real.starts_with(&real_dir) {
        return Err(Refusal::Outside);
    }
    if !is_ybc(&real) {
        return Err(Refusal::NotYbc);
    }
    Ok(real)
}

/// The `ybc.toml` that applies to a routine at `routine`: the nearest one in
/// the routine's folder or a folder above it, looking no higher than the root
/// of the repository that holds it (the folder with `.git`), so that a config
/// outside the repository (in a home folder, or on a shared CI machine) cannot
/// silently change how it is checked.
///
/// The folders are those of the path as written (made absolute, symbolic
/// links not resolved): a routine reached through a linked folder
/// (`proj/link/r.ybc`, with `link -> ../real`) is checked with `proj`'s config,
/// as it is by the language server, which sees the path the editor opened. A
/// `..` is taken as the system takes it (after the links before it). The
/// same rule serves the command line and the language server.
pub fn find_for(routine: &Path) -> Option<PathBuf> {
    let absolute = as_written(routine)?;
    for dir in absolute.parent()?.ancestors() {
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        if dir.join(".git").exists() {
            return None;
        }
    }
    None
}

/// `path` made absolute without resolving symbolic links, except those a `..`
/// climbs out of: everything up to the last `..` is resolved as the system
/// would, the rest kept as written.
fn as_written(path: &Path) -> Option<PathBuf> {
    use std::path::Component;
    let absolute = std::path::absolute(path).ok()?;
    let components: Vec<Component> = absolute.components().filter(|c| *c != Component::CurDir).collect();
    let Some(last_up) = components.iter().rposition(|c| *c == Component::ParentDir) else {
        return Some(components.iter().collect());
    };
    let (up_to, rest) = components.split_at(last_up + 1);
    let resolved = std::fs::canonicalize(up_to.iter().collect::<PathBuf>()).ok()?;
    Some(rest.iter().fold(resolved, |path, c| path.join(c)))
}
