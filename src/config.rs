//! `ybc.toml`: a studio's settings for checking: rule levels, the duration
//! tolerance, a default audience, extra catalog files and the studio's
//! policy per condition.
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
//!
//! [conditions.osteoporosis]
//! source = "Too Fit To Fracture (Giangregorio et al., 2015)"
//! properties = { spine-extension = "allow", spine-rotation = "avoid" }
//! poses = { cobra = "caution" }
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use std::sync::Arc;

use crate::catalog::{self, Catalog, Policy, PolicyEntry, Property, Stance};
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
    #[serde(default)]
    conditions: BTreeMap<Spanned<String>, RawPolicy>,
}

/// `[conditions.<id>]`: the source the studio follows, and its levels.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    source: Option<Spanned<String>>,
    #[serde(default)]
    properties: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    poses: BTreeMap<Spanned<String>, Spanned<String>>,
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
                    "A ybc.toml has a [rules] table (rule = \"allow\" | \"info\" | \"warning\" | \"error\"), a [check] table (duration-tolerance, audience, catalogs) and a [conditions.<condition>] table per condition (source, properties, poses).",
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
            None => diagnostics.push(unknown_condition(name, catalog)),
        }
    }
    settings.policies = policies(&raw.conditions, text, path, catalog, &mut diagnostics);
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

/// The `[conditions.<id>]` tables, read into policies by condition id.
/// Pose names are checked later, against the catalog with the config's own
/// studio catalogs ([`unknown_poses`]).
fn policies(
    raw: &BTreeMap<Spanned<String>, RawPolicy>,
    text: &str,
    path: &Path,
    catalog: &Catalog,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, Arc<Policy>)> {
    let lines = crate::span::LineIndex::new(text);
    let span_of = |r: std::ops::Range<usize>| Span::new(r.start, r.end);
    let mut out: Vec<(String, Arc<Policy>)> = Vec::new();
    for (name, table) in raw {
        let Some(condition) = catalog.condition(name.get_ref()) else {
            diagnostics.push(unknown_condition(name, catalog));
            continue;
        };
        if out.iter().any(|(id, _)| *id == condition.id) {
            diagnostics.push(
                Diagnostic::error(
                    "config",
                    span_of(name.span()),
                    format!("`{}` has a policy already, under another of its names.", condition.id),
                )
                .with_label("second policy")
                .with_help(format!("Write the policy once, as [conditions.{}].", condition.id)),
            );
            continue;
        }
        let follows = match &table.source {
            Some(source) if !source.get_ref().trim().is_empty() => source.get_ref().trim().to_owned(),
            Some(source) => {
                diagnostics.push(no_source(span_of(source.span()), &condition.id));
                continue;
            }
            None => {
                diagnostics.push(no_source(span_of(name.span()), &condition.id));
                continue;
            }
        };
        let mut policy =
            Policy { file: path.display().to_string(), follows, properties: Vec::new(), poses: Vec::new() };
        for (word, level) in &table.properties {
            let property = Property::ALL.into_iter().find(|p| p.word().eq_ignore_ascii_case(word.get_ref()));
            let stance = stance(level, diagnostics);
            let Some(property) = property else {
                let words = Property::ALL.map(Property::word);
                let mut d = Diagnostic::error(
                    "config",
                    span_of(word.span()),
                    format!("`{}` is not something a pose does that ybc knows.", word.get_ref()),
                )
                .with_label("unknown property");
                d = match catalog::suggest(word.get_ref(), words.iter().copied()) {
                    Some(s) => d.with_help(format!(
                        "Did you mean `{s}`? The properties are listed in docs/language.md, under \"What a pose does\"."
                    )),
                    None => d.with_help(format!("Use one of: {}.", words.join(", "))),
                };
                diagnostics.push(d);
                continue;
            };
            if let Some(level) = stance {
                let line = lines.line(word.span().start);
                policy.properties.push(PolicyEntry { subject: property, level, line, span: span_of(word.span()) });
            }
        }
        for (pose, level) in &table.poses {
            if let Some(level) = stance(level, diagnostics) {
                let line = lines.line(pose.span().start);
                let subject = pose.get_ref().to_owned();
                policy.poses.push(PolicyEntry { subject, level, line, span: span_of(pose.span()) });
            }
        }
        out.push((condition.id.clone(), Arc::new(policy)));
    }
    out
}

/// A policy's level, or the mistake in it.
fn stance(level: &Spanned<String>, diagnostics: &mut Vec<Diagnostic>) -> Option<Stance> {
    let found = Stance::from_word(level.get_ref());
    if found.is_none() {
        let words = Stance::WORDS.map(|w| format!("\"{w}\"")).join(", ");
        let mut d = Diagnostic::error(
            "config",
            Span::new(level.span().start, level.span().end),
            format!("`{}` is not a level for a condition.", level.get_ref()),
        )
        .with_label("unknown level");
        d = match catalog::suggest(level.get_ref(), Stance::WORDS.iter().copied()) {
            Some(s) => d.with_help(format!("Did you mean \"{s}\"? Use one of: {words}.")),
            None => {
                d.with_help(format!("Use one of: {words}: avoid is an error, caution a warning, allow no finding."))
            }
        };
        diagnostics.push(d);
    }
    found
}

fn no_source(span: Span, condition: &str) -> Diagnostic {
    Diagnostic::error("config", span, format!("The policy for {condition} does not say what it follows."))
        .with_label("no source")
        .with_help(format!(
            "Add the guideline or the person the studio follows, so that `ybc explain {condition}` can show it: \
             source = \"Too Fit To Fracture (Giangregorio et al., 2015), as our physiotherapist applies it\"."
        ))
}

fn unknown_condition(name: &Spanned<String>, catalog: &Catalog) -> Diagnostic {
    let d = Diagnostic::error(
        "config",
        Span::new(name.span().start, name.span().end),
        format!("`{}` is not a condition I know.", name.get_ref()),
    )
    .with_label("unknown condition");
    match catalog.suggest_condition(name.get_ref()) {
        Some(s) => d.with_help(format!("Did you mean `{s}`?")),
        None => {
            let known: Vec<&str> = catalog.conditions().iter().map(|c| c.id.as_str()).collect();
            d.with_help(format!("Known conditions: {}.", known.join(", ")))
        }
    }
}

/// The poses a config's policies name that `catalog` (with the config's own
/// studio catalogs) does not have, as errors pointing into the config.
pub fn unknown_poses(settings: &Settings, catalog: &Catalog) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (condition, policy) in &settings.policies {
        for entry in policy.poses.iter().filter(|e| catalog.pose(&e.subject).is_none()) {
            let d = Diagnostic::error(
                "config",
                entry.span,
                format!("`{}` is not a pose I know, so the {condition} policy can't apply to it.", entry.subject),
            )
            .with_label("unknown pose");
            out.push(match catalog.suggest_pose(&entry.subject) {
                Some(s) => d.with_help(format!("Did you mean `{s}`? `ybc poses` lists the catalog.")),
                None => d.with_help(
                    "Use a pose id from `ybc poses`, or one from a studio catalog this config names under [check] catalogs.",
                ),
            });
        }
    }
    out
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
