//! Building handouts with the real binary, and reading them back with `scraper`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use assert_cmd::Command;
use scraper::{ElementRef, Html, Selector};
use ybc::catalog::Catalog;

/// The repository root.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every sample routine, sorted.
pub fn routines() -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(repo().join("routines"))
        .expect("routines/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ybc"))
        .collect();
    found.sort();
    assert!(!found.is_empty(), "no routines in routines/");
    found
}

/// Where the HTML tests leave files for people to look at.
pub fn artifacts() -> PathBuf {
    let dir =
        std::env::var_os("YBC_HTML_ARTIFACTS").map_or_else(|| repo().join("target").join("ybc-html"), PathBuf::from);
    std::fs::create_dir_all(&dir).expect("artifact folder");
    dir
}

/// What one run of `ybc build` left behind.
pub struct Built {
    /// The output file's text (empty when none was written).
    pub html: String,
    pub stderr: String,
    pub code: i32,
    /// Whether the output file exists.
    pub written: bool,
}

/// Runs `ybc build ROUTINE --format html -o OUT ARGS…` in a temporary folder.
pub fn build(routine: &Path, args: &[&str]) -> Built {
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = dir.path().join("out.html");
    let output = Command::cargo_bin("ybc")
        .expect("ybc binary")
        .current_dir(repo())
        .env("NO_COLOR", "1")
        .arg("build")
        .arg(routine)
        .args(["--format", "html", "-o"])
        .arg(&out)
        .args(args)
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .expect("run ybc");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "ybc panicked:\n{stderr}");
    Built {
        html: std::fs::read_to_string(&out).unwrap_or_default(),
        stderr,
        code: output.status.code().unwrap_or(-1),
        written: out.exists(),
    }
}

/// Builds a routine given as text.
pub fn build_text(text: &str, args: &[&str]) -> Built {
    let dir = tempfile::tempdir().expect("temporary folder");
    let routine = dir.path().join("class.ybc");
    std::fs::write(&routine, text).expect("write routine");
    build(&routine, args)
}

pub fn select(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e}"))
}

/// An element's text with runs of white space made one space.
pub fn text(element: ElementRef<'_>) -> String {
    element.text().collect::<Vec<_>>().join("").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of every element matching `css` inside `root`.
pub fn texts(root: ElementRef<'_>, css: &str) -> Vec<String> {
    root.select(&select(css)).map(text).collect()
}

/// The text of the first element matching `css`, or "".
pub fn first(root: ElementRef<'_>, css: &str) -> String {
    root.select(&select(css)).next().map(text).unwrap_or_default()
}

pub fn parse(html: &str) -> Html {
    Html::parse_document(html)
}

/// A card as the library says it should read.
pub struct Expected {
    pub english: String,
    pub sanskrit: Option<String>,
    pub dose: String,
}

/// The cards a routine should have, in order, from the library itself.
pub fn expected_cards(routine: &Path) -> Vec<Expected> {
    let text = std::fs::read_to_string(routine).expect("read routine");
    let catalog: Arc<Catalog> = Catalog::builtin();
    let compiled = ybc::compile(&text, &catalog);
    compiled
        .routine
        .steps()
        .into_iter()
        .filter_map(|(step, _)| {
            if let Some(run) = &step.sequence {
                return Some(Expected {
                    english: run.name.clone(),
                    sanskrit: catalog.sequence(&run.id).and_then(|s| s.sanskrit.clone()),
                    dose: ybc::emit::words::sequence_dose(step, run, compiled.routine.meta.breath_length()),
                });
            }
            let pose = compiled.routine.pose(step)?;
            Some(Expected {
                english: pose.english.clone(),
                sanskrit: pose.sanskrit.clone(),
                dose: ybc::emit::words::dose(&step.dose, step.sides, pose),
            })
        })
        .collect()
}

/// The prop names the checklist should hold: the header's props, every step's
/// `with`, and what a pose needs.
pub fn expected_props(routine: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(routine).expect("read routine");
    let catalog = Catalog::builtin();
    let compiled = ybc::compile(&text, &catalog);
    let r = &compiled.routine;
    let mut ids: Vec<String> = r.meta.props.iter().map(|p| p.value.clone()).collect();
    for (step, _) in r.steps() {
        ids.extend(step.props.iter().map(|p| p.value.clone()));
        if let Some(pose) = r.pose(step) {
            ids.extend(pose.props.needs.iter().cloned());
        }
    }
    let mut names = Vec::new();
    for id in ids {
        let name = catalog.prop(&id).map_or(id.clone(), |p| p.name.clone());
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}
