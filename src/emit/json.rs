//! The routine as JSON for players (timer apps, class screens, watches).
//!
//! The shape is documented by `docs/schema/timeline-v1.schema.json`. Keys come
//! out in the order the structs below declare them, every key is always
//! present (`null` when there is nothing to say), and the same routine always
//! gives the same bytes.

use serde::Serialize;

use crate::plan::{Count, Event, EventKind, Plan, RestReason, Side};
use crate::routine::{Item, Routine, Sides, Step};
use crate::span::LineIndex;
use crate::syntax::Range;
use std::collections::HashMap;

/// The version of the JSON format; bumped on any incompatible change.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    version: u32,
    source: &'a str,
    meta: Meta<'a>,
    total: Range,
    body: Vec<Node<'a>>,
    timeline: Vec<TimelineEvent<'a>>,
    closing_notes: &'a [String],
    adaptations: Vec<Adaptation<'a>>,
}

#[derive(Serialize)]
struct Adaptation<'a> {
    line: usize,
    before: &'a str,
    after: &'a str,
    reason: &'a str,
}

#[derive(Serialize)]
struct Meta<'a> {
    title: Option<&'a str>,
    author: Option<&'a str>,
    level: Option<&'static str>,
    duration: Option<Range>,
    breath: Range,
    props: Vec<&'a str>,
    audience: Vec<&'a str>,
    tags: Vec<&'a str>,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Node<'a> {
    Section { section: &'static str, title: Option<&'a str>, line: usize, items: Vec<Node<'a>> },
    Rounds { count: u32, rest: Option<Range>, line: usize, items: Vec<Node<'a>> },
    Step(StepNode<'a>),
    Sequence(SequenceNode<'a>),
    Rest { seconds: Range, cues: &'a [String], line: usize },
    Note { text: &'a str, line: usize },
}

#[derive(Serialize)]
struct StepNode<'a> {
    pose: &'a str,
    english: &'a str,
    sanskrit: Option<&'a str>,
    reps: Option<Range>,
    hold: Option<Range>,
    duration: Option<Range>,
    breaths: Option<Range>,
    sets: u32,
    rest: Option<Range>,
    tempo: Option<[u32; 3]>,
    sides: Sides,
    props: Vec<&'a str>,
    cues: Vec<&'a str>,
    line: usize,
}

#[derive(Serialize)]
struct SequenceNode<'a> {
    sequence: &'a str,
    english: &'a str,
    sanskrit: Option<&'a str>,
    rounds: u32,
    rest: Option<Range>,
    sides: Sides,
    poses: Vec<SequencePoseNode<'a>>,
    props: Vec<&'a str>,
    cues: Vec<&'a str>,
    line: usize,
}

#[derive(Serialize)]
struct SequencePoseNode<'a> {
    pose: &'a str,
    english: &'a str,
    breaths: u32,
    side: Option<crate::catalog::SequenceSide>,
}

#[derive(Serialize)]
struct InSequenceNode<'a> {
    id: &'a str,
    name: &'a str,
    round: Count,
    position: Count,
}

#[derive(Serialize)]
struct TimelineEvent<'a> {
    index: usize,
    kind: EventKind,
    name: String,
    rest_reason: Option<RestReason>,
    pose: Option<&'a str>,
    english: Option<&'a str>,
    sanskrit: Option<&'a str>,
    section: Option<&'static str>,
    section_title: Option<&'a str>,
    rounds: &'a [Count],
    set: Option<Count>,
    side: Option<Side>,
    alternating: bool,
    reps: Option<Range>,
    hold: Option<Range>,
    breaths: Option<Range>,
    tempo: Option<[u32; 3]>,
    rep_seconds: Option<Range>,
    seconds: Range,
    start: Range,
    cues: &'a [String],
    notes: &'a [String],
    line: usize,
    next: Option<String>,
    sequence: Option<InSequenceNode<'a>>,
    alternatives: Vec<AlternativeNode<'a>>,
}

/// An option for some people (`or wall-slides 10 reps for osteoporosis`).
#[derive(Serialize)]
struct AlternativeNode<'a> {
    pose: &'a str,
    english: &'a str,
    #[serde(rename = "for")]
    conditions: Vec<&'a str>,
    dose: String,
    reps: Option<Range>,
    hold: Option<Range>,
}

/// Renders a checked routine and its plan as pretty-printed JSON with a final
/// newline; `adaptations` lists what `--adapt` changed (empty otherwise).
pub fn render(routine: &Routine, plan: &Plan, text: &str, source_name: &str, adaptations: &[crate::Applied]) -> String {
    let lines = LineIndex::new(text);
    let meta = &routine.meta;
    // The steps that offer options, by where they start (a plan event keeps its step's span).
    let with_options: HashMap<usize, &Step> = routine
        .steps()
        .into_iter()
        .filter(|(step, _)| !step.options.is_empty())
        .map(|(step, _)| (step.span.start, step))
        .collect();
    let document = Document {
        format: "ybc-timeline",
        version: FORMAT_VERSION,
        source: source_name,
        meta: Meta {
            title: meta.title.as_ref().map(|t| t.value.as_str()),
            author: meta.author.as_ref().map(|a| a.value.as_str()),
            level: meta.level.as_ref().map(|l| l.value.word()),
            duration: meta.duration.as_ref().map(|d| d.value),
            breath: meta.breath_length(),
            props: meta.props.iter().map(|p| p.value.as_str()).collect(),
            audience: meta.audience.iter().map(|a| a.value.as_str()).collect(),
            tags: meta.tags.iter().map(|t| t.value.as_str()).collect(),
        },
        total: plan.total,
        body: nodes(routine, &routine.body, &lines),
        timeline: plan
            .events
            .iter()
            .enumerate()
            .map(|(index, event)| timeline_event(routine, plan, index, event, &lines, &with_options))
            .collect(),
        closing_notes: &plan.closing_notes,
        adaptations: adaptations
            .iter()
            .map(|a| Adaptation { line: a.line, before: &a.before, after: &a.after, reason: &a.reason })
            .collect(),
    };
    // Serialising these plain structs cannot fail: every map key is a string.
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_default();
    out.push('\n');
    out
}

fn nodes<'a>(routine: &'a Routine, items: &'a [Item], lines: &LineIndex) -> Vec<Node<'a>> {
    items
        .iter()
        .map(|item| match item {
            Item::Section(s) => Node::Section {
                section: s.kind.word(),
                title: s.title.as_deref(),
                line: lines.line(s.span.start),
                items: nodes(routine, &s.body, lines),
            },
            Item::Rounds(r) => Node::Rounds {
                count: r.count,
                rest: r.rest.as_ref().map(|r| r.value),
                line: lines.line(r.span.start),
                items: nodes(routine, &r.body, lines),
            },
            Item::Step(step) if step.sequence.is_some() => sequence_node(routine, step, lines),
            Item::Step(step) => {
                let pose = routine.pose(step);
                Node::Step(StepNode {
                    pose: pose.map_or("", |p| p.id.as_str()),
                    english: pose.map_or("", |p| p.english.as_str()),
                    sanskrit: pose.and_then(|p| p.sanskrit.as_deref()),
                    reps: step.dose.reps.as_ref().map(|r| r.value),
                    hold: step.dose.hold.as_ref().map(|h| h.value),
                    duration: step.dose.work.as_ref().map(|w| w.value),
                    breaths: step.dose.breaths.as_ref().map(|b| b.value),
                    sets: step.dose.set_count(),
                    rest: step.dose.rest.as_ref().map(|r| r.value),
                    tempo: step.dose.tempo.as_ref().map(|t| t.value),
                    sides: step.sides,
                    props: step.props.iter().map(|p| p.value.as_str()).collect(),
                    cues: step.cues.iter().map(|c| c.value.as_str()).collect(),
                    line: lines.line(step.span.start),
                })
            }
            Item::Rest(rest) => {
                Node::Rest { seconds: rest.length.value, cues: &rest.cues, line: lines.line(rest.span.start) }
            }
            Item::Note(note) => Node::Note { text: &note.value, line: lines.line(note.span.start) },
        })
        .collect()
}

fn sequence_node<'a>(routine: &'a Routine, step: &'a crate::routine::Step, lines: &LineIndex) -> Node<'a> {
    let run = step.sequence.as_deref();
    let sequence = run.and_then(|run| routine.catalog.sequence(&run.id));
    Node::Sequence(SequenceNode {
        sequence: run.map_or("", |run| run.id.as_str()),
        english: run.map_or("", |run| run.name.as_str()),
        sanskrit: sequence.and_then(|s| s.sanskrit.as_deref()),
        rounds: step.dose.set_count(),
        rest: step.dose.rest.as_ref().map(|r| r.value),
        sides: step.sides,
        poses: run
            .map(|run| run.poses.as_slice())
            .unwrap_or_default()
            .iter()
            .filter_map(|item| {
                let pose = routine.catalog.pose_at(item.pose)?;
                Some(SequencePoseNode {
                    pose: &pose.id,
                    english: &pose.english,
                    breaths: item.breaths,
                    side: item.side,
                })
            })
            .collect(),
        props: step.props.iter().map(|p| p.value.as_str()).collect(),
        cues: step.cues.iter().map(|c| c.value.as_str()).collect(),
        line: lines.line(step.span.start),
    })
}

fn timeline_event<'a>(
    routine: &'a Routine,
    plan: &Plan,
    index: usize,
    event: &'a Event,
    lines: &LineIndex,
    with_options: &HashMap<usize, &'a Step>,
) -> TimelineEvent<'a> {
    let pose = event.pose.and_then(|i| routine.catalog.pose_at(i));
    let options = match event.kind {
        EventKind::Pose => with_options.get(&event.span.start).map_or(&[][..], |step| step.options.as_slice()),
        _ => &[],
    };
    TimelineEvent {
        index,
        kind: event.kind,
        name: event_name(routine, event),
        rest_reason: event.rest_reason,
        pose: pose.map(|p| p.id.as_str()),
        english: pose.map(|p| p.english.as_str()),
        sanskrit: pose.and_then(|p| p.sanskrit.as_deref()),
        section: event.section.as_ref().map(|(kind, _)| kind.word()),
        section_title: event.section.as_ref().and_then(|(_, title)| title.as_deref()),
        rounds: &event.rounds,
        set: event.set,
        side: event.side,
        alternating: event.alternating,
        reps: event.reps,
        hold: event.hold,
        breaths: event.breaths,
        tempo: event.tempo,
        rep_seconds: event.rep_seconds,
        seconds: event.seconds,
        start: event.start,
        cues: &event.cues,
        notes: &event.notes,
        line: lines.line(event.span.start),
        next: plan.events.get(index + 1).map(|next| event_name(routine, next)),
        sequence: event.sequence.as_ref().map(|s| InSequenceNode {
            id: &s.id,
            name: &s.name,
            round: s.round,
            position: s.position,
        }),
        alternatives: options
            .iter()
            .filter_map(|option| {
                let pose = routine.catalog.pose_at(option.step.pose)?;
                Some(AlternativeNode {
                    pose: &pose.id,
                    english: &pose.english,
                    conditions: option.conditions.iter().map(|c| c.value.as_str()).collect(),
                    dose: crate::emit::words::dose(&option.step.dose, option.step.sides, pose),
                    reps: option.step.dose.reps.as_ref().map(|r| r.value),
                    hold: option.step.dose.hold.as_ref().or(option.step.dose.work.as_ref()).map(|h| h.value),
                })
            })
            .collect(),
    }
}

/// What a player shows for an event: the pose's English name, or "Rest".
pub fn event_name(routine: &Routine, event: &Event) -> String {
    match event.kind {
        EventKind::Pose => {
            event.pose.and_then(|i| routine.catalog.pose_at(i)).map_or_else(|| "Pose".to_owned(), |p| p.english.clone())
        }
        EventKind::Rest => "Rest".to_owned(),
    }
}
