//! The class screen (`ybc build --format html --layout teach`): one
//! self-contained HTML page that runs the routine as a timed class on a
//! laptop, a TV or a phone.
//!
//! The page is a player of the JSON timeline: the exact document
//! [`super::json::render`] writes is embedded in a
//! `<script type="application/json">`, and the script reads nothing else about
//! the class's timing, names, doses or cues. What the JSON does not carry is
//! added beside it: the pictograms (from [`super::figure`], one `<template>`
//! per pose and side, and a list saying which one each event shows), the
//! title, the props checklist and the safety notes of the handout, and the
//! lengths of the get-ready countdown and of the switch between sides.
//!
//! No file is fetched: the CSS, the script and the pictures are inline. The
//! same routine and options always give the same bytes.

use std::collections::BTreeMap;

use askama::Template;

use super::{figure, html, json};
use crate::Applied;
use crate::plan::{Plan, Side};
use crate::routine::Routine;

/// The most seconds the get-ready countdown or a switch between sides may last.
pub const MAX_PAUSE_SECONDS: u32 = 120;

/// How to build the class screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Seconds of "get ready" before the first event (0: none). The page can change it.
    pub get_ready: u32,
    /// Seconds the player adds between the left and right side of a pose (0: none).
    pub switch_sides: u32,
}

impl Default for Options {
    fn default() -> Self {
        Self { get_ready: 5, switch_sides: 5 }
    }
}

/// The page's style sheet: a dark, high-contrast screen that reads from across a room.
const STYLE: &str = include_str!("../../templates/teach.css");
/// The player: reads the embedded timeline and runs the class.
const SCRIPT: &str = include_str!("../../templates/teach.js");

#[derive(Template)]
#[template(path = "teach.html")]
struct TeachTemplate<'a> {
    page: &'a html::Page,
    options: Options,
    /// The most seconds the page's get-ready field takes.
    max_pause: u32,
    /// The JSON timeline, safe inside a `<script>` element.
    timeline: String,
    /// What the JSON timeline leaves to a player, for this page: see [`Screen`].
    screen: String,
    figures: Vec<Figure>,
    style: &'static str,
    script: &'static str,
}

/// What the page adds to the JSON timeline, by timeline index and section word.
#[derive(serde::Serialize)]
struct Screen {
    /// Which figure each timeline event shows (an index into the page's
    /// `<template id="figure-N">` elements), `null` for a rest.
    figure_of: Vec<Option<usize>>,
    /// The heading of each section word the timeline uses: `warmup` → "Warm-up".
    sections: BTreeMap<&'static str, &'static str>,
}

/// One pictogram, drawn once and shown by every event of that pose and side.
#[derive(Debug)]
struct Figure {
    /// What it shows, for screen readers.
    title: String,
    /// The view box's width.
    width: String,
    /// SVG geometry (no text).
    svg: String,
}

/// Renders a checked routine and its plan as the class screen. `text` is the
/// routine's text (the JSON's line numbers come from it); `adaptations` lists
/// what `--adapt` changed (empty otherwise).
pub fn render(
    routine: &Routine,
    plan: &Plan,
    text: &str,
    source_name: &str,
    adaptations: &[Applied],
    options: Options,
) -> String {
    let page = html::Page::new(routine, plan, source_name, adaptations, &html::Options::default());
    let (figures, figure_of) = figures(routine, plan);
    let template = TeachTemplate {
        page: &page,
        options,
        max_pause: MAX_PAUSE_SECONDS,
        timeline: script_safe(&json::render(routine, plan, text, source_name, adaptations)),
        screen: script_safe(
            &serde_json::to_string(&Screen { figure_of, sections: sections(plan) }).unwrap_or_default(),
        ),
        figures,
        style: STYLE,
        script: SCRIPT,
    };
    #[allow(clippy::panic)] // No filter or value in the template can fail to format.
    let mut out = template.render().unwrap_or_else(|e| panic!("the class screen template failed: {e}"));
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// JSON that can sit inside `<script>…</script>`: every `<` written as the
/// JSON escape `\u003c`, so no `</script>` or `<!--` in a cue can end or
/// change the element, and `JSON.parse` still reads the same strings.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
}

/// The headings of the sections the plan's events are in, by their word.
fn sections(plan: &Plan) -> BTreeMap<&'static str, &'static str> {
    plan.events
        .iter()
        .filter_map(|e| e.section.as_ref())
        .map(|(kind, _)| (kind.word(), html::section_words(*kind)))
        .collect()
}

/// The distinct pictograms of the plan's poses, and for each event the one it
/// shows (`None` for rests). A pose on its right side is drawn mirrored, as
/// the handout draws it; in a sequence the handout's strip mirrors the left
/// side instead, and the screen follows the strip so both show the same figure.
fn figures(routine: &Routine, plan: &Plan) -> (Vec<Figure>, Vec<Option<usize>>) {
    let mut keys: Vec<(usize, bool)> = Vec::new();
    let mut figures = Vec::new();
    let mut figure_of = Vec::with_capacity(plan.events.len());
    for event in &plan.events {
        let Some(pose_index) = event.pose else {
            figure_of.push(None);
            continue;
        };
        let Some(pose) = routine.catalog.pose_at(pose_index) else {
            figure_of.push(None);
            continue;
        };
        let mirrored =
            if event.sequence.is_some() { event.side == Some(Side::Left) } else { event.side == Some(Side::Right) };
        if let Some(at) = keys.iter().position(|&key| key == (pose_index, mirrored)) {
            figure_of.push(Some(at));
            continue;
        }
        let drawing = figure::draw(&pose.id, mirrored);
        let title = match (&drawing, event.side) {
            (None, _) => format!("No picture: {} is not in the built-in catalog", pose.english),
            (Some(_), Some(Side::Left)) => format!("{}, left side: stick figure", pose.english),
            (Some(_), Some(Side::Right)) => format!("{}, right side: stick figure", pose.english),
            (Some(_), _) => format!("{}: stick figure", pose.english),
        };
        figures.push(Figure {
            title,
            width: drawing.as_ref().map_or(figure::WIDTH, |d| d.width).to_string(),
            svg: drawing.map_or_else(figure::placeholder, |d| d.svg),
        });
        keys.push((pose_index, mirrored));
        figure_of.push(Some(figures.len() - 1));
    }
    (figures, figure_of)
}

#[cfg(test)]
mod tests {
    use super::script_safe;

    #[test]
    fn a_cue_cannot_end_the_script_element() {
        let json = r#"{"cue": "</script><script>alert(1)</script><!--"}"#;
        let safe = script_safe(json);
        assert!(!safe.contains('<'), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).expect("still JSON");
        assert_eq!(back["cue"], "</script><script>alert(1)</script><!--");
    }
}
