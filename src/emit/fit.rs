//! The routine as a Garmin FIT workout (`ybc build --format fit`): a file a
//! watch runs step by step, as docs/devices.md describes.
//!
//! A FIT file is a 14-byte header, records, and a CRC. Each record is a
//! definition (which fields a local message type carries, their sizes and base
//! types) or data laid out as its definition says. A workout file holds three
//! messages: `file_id`, `workout`, and one `workout_step` per step. The numbers
//! below are Garmin's FIT profile's (`Profile` in the `garmin-fit-sdk` Python
//! package, 21.218.0), which tests/fit/decode.py reads every sample back with.
//!
//! The steps follow the plan's timeline event for event: each pose event a
//! step, each rest a rest step. Where the plan repeats itself (sets, rounds of
//! a sequence, rounds blocks), a `repeat_until_steps_cmplt` step runs the
//! first pass again when that makes the workout shorter. Repeats never nest:
//! a repeat inside a repeat is more than a watch should be asked to run.

use crate::catalog::fit::pose_number;
use crate::diagnostic::{Diagnostic, Severity, thousands};
use crate::plan::{Event, EventKind, Plan, Repeat, Side};
use crate::routine::{Item, Routine, SectionKind};
use crate::span::Span;
use crate::syntax::Range;

/// The most steps a workout holds: `message_index` keeps 12 bits for the index.
pub const MAX_STEPS: usize = 4096;

/// The most bytes of text in a string field: a field is at most 255 bytes,
/// and a FIT string ends with a NUL.
pub const MAX_TEXT: usize = 254;

/// `time_created` when no `--date` is given: 0x10000000 seconds after FIT's
/// epoch (1998-07-03 21:24:16 UTC), the first value FIT reads as a date and not
/// as a device's running clock. A fixed value keeps the same routine the same bytes.
pub const NO_DATE: u32 = 0x1000_0000;

/// Seconds from the Unix epoch to FIT's (1989-12-31 00:00:00 UTC).
const FIT_EPOCH: i64 = 631_065_600;

/// The FIT profile the file is written to: 21.218 as `major * 1000 + minor`.
const PROFILE_VERSION: u16 = 21_218;
/// FIT protocol 2.0.
const PROTOCOL_VERSION: u8 = 0x20;

/// Global message numbers (`mesg_num`).
mod message {
    pub const FILE_ID: u16 = 0;
    pub const WORKOUT: u16 = 26;
    pub const WORKOUT_STEP: u16 = 27;
}

/// Base types: the low bits number the type, 0x80 marks types wider than a byte.
mod base {
    pub const ENUM: u8 = 0x00;
    pub const STRING: u8 = 0x07;
    pub const UINT16: u8 = 0x84;
    pub const UINT32: u8 = 0x86;
    pub const UINT32Z: u8 = 0x8C;
}

/// Profile values (`types` in the profile).
mod value {
    /// `file`: workout.
    pub const FILE_WORKOUT: u8 = 5;
    /// `manufacturer`: development, for software that is not a device maker's.
    pub const MANUFACTURER_DEVELOPMENT: u16 = 255;
    /// `sport`: training.
    pub const SPORT_TRAINING: u8 = 10;
    /// `sub_sport`: yoga.
    pub const SUB_SPORT_YOGA: u8 = 43;
    /// `wkt_step_duration`.
    pub const DURATION_TIME: u8 = 0;
    pub const DURATION_REPEAT_UNTIL_STEPS_CMPLT: u8 = 6;
    pub const DURATION_REPS: u8 = 29;
    /// `wkt_step_target`: open (no target to hold).
    pub const TARGET_OPEN: u8 = 2;
    /// `exercise_category`: pose.
    pub const CATEGORY_POSE: u16 = 36;
}

/// A workout step's `intensity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intensity {
    /// Work.
    Active = 0,
    /// A rest.
    Rest = 1,
    /// Arriving and warming up: `centering` and `warmup` sections.
    Warmup = 2,
    /// Winding down: `cooldown`, `restorative` and `relaxation` sections.
    Cooldown = 3,
}

impl Intensity {
    /// The intensity of an event: rests rest, and a pose takes its section's.
    fn of(event: &Event) -> Self {
        if event.kind == EventKind::Rest {
            return Intensity::Rest;
        }
        match event.section.as_ref().map(|(kind, _)| *kind) {
            Some(SectionKind::Centering | SectionKind::Warmup) => Intensity::Warmup,
            Some(SectionKind::Cooldown | SectionKind::Restorative | SectionKind::Relaxation) => Intensity::Cooldown,
            _ => Intensity::Active,
        }
    }
}

/// What ends a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Length {
    /// A time, in milliseconds.
    Time(u32),
    /// A count of repetitions; the student presses the lap key when done.
    Reps(u32),
}

/// One step of the workout, as the watch runs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A pose or a rest.
    Work {
        /// The pose's English name (with its side), or "Rest".
        name: String,
        /// How long.
        length: Length,
        /// Work, rest, warm-up or cool-down.
        intensity: Intensity,
        /// The step's first cue.
        notes: Option<String>,
        /// Whether it is a pose (`exercise_category` pose) and not a rest.
        pose: bool,
        /// Garmin's `pose_exercise_name` number for the pose, where its profile has one.
        exercise_name: Option<u16>,
    },
    /// Run the steps from `from` up to this one again, until they have run `times` times.
    Repeat {
        /// The index of the first step to run again.
        from: u16,
        /// How many times the steps run in all.
        times: u32,
    },
}

/// How `build --format fit` writes a file.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// `file_id.time_created`, seconds since FIT's epoch; [`NO_DATE`] when `None`.
    pub time_created: Option<u32>,
}

/// The seconds since FIT's epoch at midnight UTC of a `YYYY-MM-DD` date, when
/// it is one and a FIT file can hold it.
pub fn time_of_date(date: &str) -> Option<u32> {
    let mut parts = date.split('-').map(str::parse::<i64>);
    let (Some(Ok(year)), Some(Ok(month)), Some(Ok(day)), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    // Days from the civil calendar (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let unix_days = era * 146_097 + doe - 719_468;
    let seconds = unix_days.checked_mul(86_400)?.checked_sub(FIT_EPOCH)?;
    u32::try_from(seconds).ok().filter(|s| *s >= NO_DATE && *s < u32::MAX)
}

/// The steps a plan becomes, repeats chosen to keep the workout short.
pub fn steps(routine: &Routine, plan: &Plan) -> Vec<Step> {
    let mut repeats = plan.repeats.clone();
    // Outer blocks before the blocks they hold.
    repeats.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end())));
    let nodes = nodes(&repeats, 0, plan.events.len());
    let mut out = Vec::new();
    for node in &nodes {
        emit(node, routine, plan, 0, false, &mut out);
    }
    out
}

/// The timeline between `start` and `end` as a tree of events and repeats.
fn nodes(repeats: &[Repeat], start: usize, end: usize) -> Vec<Node> {
    let mut out = Vec::new();
    let mut at = start;
    while at < end {
        let first = repeats.partition_point(|r| r.start < at);
        let outermost =
            repeats.get(first..).unwrap_or_default().iter().take_while(|r| r.start == at).find(|r| r.end() <= end);
        match outermost {
            Some(repeat) => {
                let body = nodes(repeats, at, at + repeat.len);
                out.push(Node::repeat(*repeat, body));
                at = repeat.end();
            }
            None => {
                out.push(Node::Event(at));
                at += 1;
            }
        }
    }
    out
}

/// An event, or a stretch of the timeline done several times.
#[derive(Debug)]
enum Node {
    /// The index of an event.
    Event(usize),
    /// A repeat, its first pass, and how it is best written.
    Repeated { repeat: Repeat, body: Vec<Node>, size: Size, as_repeat: bool },
}

/// How many steps a node takes: at best, and with no repeat steps inside.
#[derive(Debug, Clone, Copy)]
struct Size {
    best: usize,
    flat: usize,
}

impl Node {
    fn repeat(repeat: Repeat, body: Vec<Node>) -> Self {
        let inner = body.iter().fold(Size { best: 0, flat: 0 }, |sum, node| {
            let size = node.size();
            Size { best: sum.best.saturating_add(size.best), flat: sum.flat.saturating_add(size.flat) }
        });
        let times = usize::try_from(repeat.times).unwrap_or(usize::MAX);
        let rests = if repeat.rest { times.saturating_sub(1) } else { 0 };
        let written_out = |pass: usize| pass.saturating_mul(times).saturating_add(rests);
        // With a rest between passes: [pass, rest] repeated times - 1, then the
        // last pass (a repeat of one is no repeat: three passes at least).
        // Without: the pass and a repeat step.
        let repeat_step = match (repeat.rest, repeat.times) {
            (true, 3..) => Some(inner.flat.saturating_mul(2).saturating_add(2)),
            (false, 2..) => Some(inner.flat.saturating_add(1)),
            _ => None,
        };
        let expanded = written_out(inner.best);
        let best = repeat_step.filter(|steps| *steps < expanded).unwrap_or(expanded);
        let as_repeat = best < expanded;
        Node::Repeated { repeat, body, size: Size { best, flat: written_out(inner.flat) }, as_repeat }
    }

    fn size(&self) -> Size {
        match self {
            Node::Event(_) => Size { best: 1, flat: 1 },
            Node::Repeated { size, .. } => *size,
        }
    }
}

/// Writes `node`'s steps, its events shifted by `offset` (a later pass);
/// `flat` when it sits inside a repeat step and may hold none.
fn emit(node: &Node, routine: &Routine, plan: &Plan, offset: usize, flat: bool, out: &mut Vec<Step>) {
    match node {
        Node::Event(index) => {
            if let Some(event) = plan.events.get(index + offset) {
                out.push(step(routine, event));
            }
        }
        Node::Repeated { repeat, body, as_repeat: true, .. } if !flat => {
            let from = u16::try_from(out.len()).unwrap_or(u16::MAX);
            for node in body {
                emit(node, routine, plan, offset, true, out);
            }
            let pass = repeat.len + usize::from(repeat.rest);
            if repeat.rest {
                emit(&Node::Event(repeat.start + repeat.len), routine, plan, offset, true, out);
                out.push(Step::Repeat { from, times: repeat.times - 1 });
                let last = pass * (usize::try_from(repeat.times).unwrap_or(usize::MAX) - 1);
                for node in body {
                    emit(node, routine, plan, offset + last, true, out);
                }
            } else {
                out.push(Step::Repeat { from, times: repeat.times });
            }
        }
        Node::Repeated { repeat, body, .. } => {
            let pass = repeat.len + usize::from(repeat.rest);
            for n in 0..usize::try_from(repeat.times).unwrap_or(usize::MAX) {
                let shift = offset + n * pass;
                for node in body {
                    emit(node, routine, plan, shift, flat, out);
                }
                if repeat.rest && n + 1 < usize::try_from(repeat.times).unwrap_or(usize::MAX) {
                    emit(&Node::Event(repeat.start + repeat.len), routine, plan, shift, flat, out);
                }
            }
        }
    }
}

/// The middle of a range: what the watch runs of `hold 20-30s` (25 s).
fn middle(range: Range) -> u64 {
    (u64::from(range.min) + u64::from(range.max)) / 2
}

/// The step an event becomes.
fn step(routine: &Routine, event: &Event) -> Step {
    let pose = event.pose.and_then(|i| routine.catalog.pose_at(i));
    let mut name = crate::emit::json::event_name(routine, event);
    match event.side {
        Some(Side::Left) => name.push_str(" (left)"),
        Some(Side::Right) => name.push_str(" (right)"),
        Some(Side::Both) | None => {}
    }
    let length = match event.reps {
        // Reps are whole: the middle of 8-11 is 9.
        Some(reps) => Length::Reps(u32::try_from(middle(reps)).unwrap_or(u32::MAX)),
        // Milliseconds, so the middle of 25-30 s is exactly 27.5 s.
        None => {
            let ms = (u64::from(event.seconds.min) + u64::from(event.seconds.max)) * 500;
            Length::Time(u32::try_from(ms).unwrap_or(u32::MAX - 1).min(u32::MAX - 1))
        }
    };
    Step::Work {
        name: cut(&name).to_owned(),
        length,
        intensity: Intensity::of(event),
        notes: event.cues.first().map(|cue| cut(cue).to_owned()),
        pose: event.kind == EventKind::Pose,
        exercise_name: pose.and_then(|p| p.fit.as_deref()).and_then(pose_number),
    }
}

/// `text` cut to at most [`MAX_TEXT`] bytes, on a character boundary.
pub fn cut(text: &str) -> &str {
    let mut end = text.len().min(MAX_TEXT);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default()
}

/// The routine as a FIT workout file, or an error when it needs more steps
/// than a workout holds. `name` is the workout's name when the routine has no
/// title (the file's name, say).
pub fn render(routine: &Routine, plan: &Plan, name: &str, options: &Options) -> Result<Vec<u8>, Box<Diagnostic>> {
    let steps = steps(routine, plan);
    if steps.len() > MAX_STEPS {
        let span = routine.body.first().map_or(Span::default(), Item::span);
        return Err(Box::new(
            Diagnostic::error(
                "fit-steps",
                span,
                format!(
                    "This class becomes {} workout steps, more than the {} a FIT workout holds.",
                    thousands(steps.len()),
                    thousands(MAX_STEPS)
                ),
            )
            .with_help(
                "Split it into several routines, or write a run of the same poses as sets or rounds (`x3`, \
                 `rounds 3:`): the watch runs a repeat as one step.",
            ),
        ));
    }
    let title = routine.meta.title.as_ref().map_or(name, |t| t.value.as_str());
    let mut body = Encoder::default();
    body.write(
        message::WORKOUT,
        &[
            Field::text(8, title),
            Field::byte(4, value::SPORT_TRAINING),
            Field::byte(11, value::SUB_SPORT_YOGA),
            Field::u16(6, u16::try_from(steps.len()).unwrap_or(u16::MAX)),
        ],
    );
    for (index, step) in (0u16..).zip(&steps) {
        body.write(message::WORKOUT_STEP, &step_fields(index, step));
    }
    let body = body.bytes;
    let mut head = Encoder::default();
    head.write(
        message::FILE_ID,
        &[
            Field::byte(0, value::FILE_WORKOUT),
            Field::u16(1, value::MANUFACTURER_DEVELOPMENT),
            Field::u16(2, 0),
            // A serial number from the workout itself: two routines' files differ,
            // and the same routine's are the same.
            Field { num: 3, base: base::UINT32Z, bytes: fnv1a(&body).max(1).to_le_bytes().to_vec() },
            Field::u32(4, options.time_created.unwrap_or(NO_DATE)),
            Field::text(8, "ybc"),
        ],
    );
    let mut records = head.bytes;
    records.extend_from_slice(&body);
    Ok(file(&records))
}

/// The fields of step number `index`.
fn step_fields(index: u16, step: &Step) -> Vec<Field> {
    let mut fields = vec![Field::u16(254, index)];
    match step {
        Step::Work { name, length, intensity, notes, pose, exercise_name } => {
            fields.push(Field::text(0, name));
            let (kind, amount) = match length {
                Length::Time(ms) => (value::DURATION_TIME, *ms),
                Length::Reps(reps) => (value::DURATION_REPS, *reps),
            };
            fields.push(Field::byte(1, kind));
            fields.push(Field::u32(2, amount));
            fields.push(Field::byte(3, value::TARGET_OPEN));
            fields.push(Field::byte(7, *intensity as u8));
            if let Some(notes) = notes {
                fields.push(Field::text(8, notes));
            }
            if *pose {
                fields.push(Field::u16(10, value::CATEGORY_POSE));
            }
            if let Some(number) = exercise_name {
                fields.push(Field::u16(11, *number));
            }
        }
        Step::Repeat { from, times } => {
            fields.push(Field::byte(1, value::DURATION_REPEAT_UNTIL_STEPS_CMPLT));
            fields.push(Field::u32(2, u32::from(*from)));
            fields.push(Field::u32(4, *times));
        }
    }
    fields
}

/// One field of a message: its number, base type and little-endian bytes.
#[derive(Debug, Clone)]
struct Field {
    num: u8,
    base: u8,
    bytes: Vec<u8>,
}

impl Field {
    fn byte(num: u8, value: u8) -> Self {
        Field { num, base: base::ENUM, bytes: vec![value] }
    }

    fn u16(num: u8, value: u16) -> Self {
        Field { num, base: base::UINT16, bytes: value.to_le_bytes().to_vec() }
    }

    fn u32(num: u8, value: u32) -> Self {
        Field { num, base: base::UINT32, bytes: value.to_le_bytes().to_vec() }
    }

    /// A string: UTF-8, cut to [`MAX_TEXT`] bytes, ending in a NUL.
    fn text(num: u8, text: &str) -> Self {
        let mut bytes = cut(text).as_bytes().to_vec();
        bytes.push(0);
        Field { num, base: base::STRING, bytes }
    }
}

/// Writes records, defining each layout of fields once while it is in use.
#[derive(Default)]
struct Encoder {
    bytes: Vec<u8>,
    /// What each of the 16 local message types holds now: the global message,
    /// its fields' numbers, sizes and base types, and when it was last used.
    locals: Vec<(Vec<u8>, u64)>,
    clock: u64,
}

impl Encoder {
    /// The number of local message types a record header can name.
    const LOCALS: usize = 16;

    fn write(&mut self, global: u16, fields: &[Field]) {
        let mut definition = vec![0, 0];
        definition.extend_from_slice(&global.to_le_bytes());
        definition.push(u8::try_from(fields.len()).unwrap_or(u8::MAX));
        for field in fields {
            definition.extend_from_slice(&[field.num, u8::try_from(field.bytes.len()).unwrap_or(u8::MAX), field.base]);
        }
        self.clock += 1;
        let local = match self.locals.iter().position(|(d, _)| *d == definition) {
            Some(local) => local,
            None => {
                let local = if self.locals.len() < Self::LOCALS {
                    self.locals.push((definition.clone(), 0));
                    self.locals.len() - 1
                } else {
                    // The layout used longest ago makes way.
                    self.locals.iter().enumerate().min_by_key(|(_, (_, used))| *used).map_or(0, |(i, _)| i)
                };
                if let Some(slot) = self.locals.get_mut(local) {
                    slot.0.clone_from(&definition);
                }
                // A definition record: 0x40 and the local type, then the layout.
                self.bytes.push(0x40 | local as u8);
                self.bytes.extend_from_slice(&definition);
                local
            }
        };
        if let Some(slot) = self.locals.get_mut(local) {
            slot.1 = self.clock;
        }
        self.bytes.push(local as u8);
        for field in fields {
            self.bytes.extend_from_slice(&field.bytes);
        }
    }
}

/// The whole file: header, records, CRC.
fn file(records: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(records.len() + 16);
    out.push(14);
    out.push(PROTOCOL_VERSION);
    out.extend_from_slice(&PROFILE_VERSION.to_le_bytes());
    out.extend_from_slice(&u32::try_from(records.len()).unwrap_or(u32::MAX).to_le_bytes());
    out.extend_from_slice(b".FIT");
    let header_crc = crc(&out);
    out.extend_from_slice(&header_crc.to_le_bytes());
    out.extend_from_slice(records);
    let file_crc = crc(&out);
    out.extend_from_slice(&file_crc.to_le_bytes());
    out
}

/// FIT's CRC-16 (CRC-16/ARC: polynomial 0x8005 reflected, starting at 0), a nibble at a time.
fn crc(bytes: &[u8]) -> u16 {
    const TABLE: [u16; 16] = [
        0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401, 0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01,
        0x8801, 0x4400,
    ];
    let nibble = |crc: u16, bits: u8| {
        let low = TABLE.get(usize::from(crc & 0xF)).copied().unwrap_or(0);
        let crc = (crc >> 4) & 0x0FFF;
        crc ^ low ^ TABLE.get(usize::from(bits & 0xF)).copied().unwrap_or(0)
    };
    bytes.iter().fold(0, |crc, &byte| nibble(nibble(crc, byte), byte >> 4))
}

/// The 32-bit FNV-1a hash, for the serial number.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |hash, &byte| (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193))
}

/// A note for the steps whose poses Garmin has no name for: the watch shows
/// the step's name for them, with no picture. `None` when every pose has one.
pub fn unmapped(routine: &Routine) -> Option<Diagnostic> {
    let mut found: Vec<(Span, Vec<&str>)> = Vec::new();
    for (step, _) in routine.steps() {
        let poses: Vec<usize> = match &step.sequence {
            Some(run) => run.poses.iter().map(|item| item.pose).collect(),
            None => vec![step.pose],
        };
        let mut names: Vec<&str> = Vec::new();
        for pose in poses.into_iter().filter_map(|i| routine.catalog.pose_at(i)) {
            if pose.fit.as_deref().and_then(pose_number).is_none() && !names.contains(&pose.english.as_str()) {
                names.push(&pose.english);
            }
        }
        if !names.is_empty() {
            found.push((step.name.span, names));
        }
    }
    let ((span, names), rest) = found.split_first()?;
    let label = |names: &[&str]| format!("{}: shown by name", names.join(", "));
    let count = found.len();
    let message = if count == 1 {
        "A pose in this class has no Garmin pose of its own.".to_owned()
    } else {
        format!("{count} steps have a pose with no Garmin pose of its own.")
    };
    let mut note = Diagnostic::new(Severity::Info, "fit-pose", *span, message).with_label(label(names)).with_help(
        "The watch shows these steps by their names, with no pose picture; everything else about them is the same.",
    );
    for (span, names) in rest {
        note = note.with_related(*span, label(names));
    }
    Some(note)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_crc_is_fits() {
        // CRC-16/ARC's check value, and the empty input.
        assert_eq!(crc(b"123456789"), 0xBB3D);
        assert_eq!(crc(b""), 0);
    }

    #[test]
    fn text_is_cut_on_a_character_boundary() {
        let long = "é".repeat(200);
        let cut = cut(&long);
        assert_eq!(cut.len(), 254);
        assert!(cut.chars().all(|c| c == 'é'));
        let odd = format!("a{}", "é".repeat(200));
        assert_eq!(super::cut(&odd).len(), 253);
        assert_eq!(super::cut("Locust"), "Locust");
    }

    #[test]
    fn dates_become_fit_times() {
        assert_eq!(time_of_date("1989-12-31"), None, "FIT's epoch reads as a device clock");
        assert_eq!(time_of_date("1998-07-04"), Some(268_444_800));
        assert_eq!(time_of_date("2026-01-01"), Some(1_136_160_000));
        assert_eq!(time_of_date("2026-1"), None);
    }

    fn plan_of(text: &str) -> (Routine, Plan) {
        let compiled = crate::compile(text, &crate::catalog::Catalog::builtin());
        assert!(!compiled.has_errors(), "{:#?}", compiled.diagnostics);
        let plan = compiled.plan.clone().expect("a plan");
        (compiled.routine, plan)
    }

    /// The steps with their repeats run out, as a watch runs them: a repeat
    /// step runs the steps from `from` to itself until they have run `times` times.
    fn run_out(steps: &[Step]) -> Vec<Step> {
        let mut out = Vec::new();
        for (i, step) in steps.iter().enumerate() {
            match step {
                Step::Repeat { from, times } => {
                    let body = &steps[usize::from(*from)..i];
                    assert!(body.iter().all(|s| matches!(s, Step::Work { .. })), "a nested repeat at {i}");
                    for _ in 1..*times {
                        out.extend_from_slice(body);
                    }
                }
                work => out.push(work.clone()),
            }
        }
        out
    }

    #[test]
    fn sets_with_rests_become_a_repeat_and_a_last_set() {
        let (routine, plan) = plan_of("strength:\n  locust hold 20-30s x3 rest 30s\n");
        let steps = steps(&routine, &plan);
        assert_eq!(steps.len(), 4, "{steps:#?}");
        assert!(matches!(steps[2], Step::Repeat { from: 0, times: 2 }), "{steps:#?}");
        assert!(matches!(&steps[0], Step::Work { length: Length::Time(25_000), intensity: Intensity::Active, .. }));
        assert!(matches!(&steps[1], Step::Work { intensity: Intensity::Rest, .. }));
        assert_eq!(run_out(&steps).len(), plan.events.len());
    }

    /// Every sample routine's steps, run out, are its timeline's events one for one.
    #[test]
    fn run_out_the_steps_are_the_timeline() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("routines");
        let mut seen = 0;
        for entry in std::fs::read_dir(folder).expect("routines") {
            let path = entry.expect("entry").path();
            let (routine, plan) = plan_of(&std::fs::read_to_string(&path).expect("routine"));
            let want: Vec<Step> = plan.events.iter().map(|e| step(&routine, e)).collect();
            let steps = steps(&routine, &plan);
            assert!(steps.len() <= want.len(), "{}: repeats never make it longer", path.display());
            assert_eq!(run_out(&steps), want, "{}", path.display());
            seen += 1;
        }
        assert!(seen >= 5);
    }

    #[test]
    fn two_sets_stay_written_out() {
        let (routine, plan) = plan_of("strength:\n  locust hold 20s x2 rest 30s\n");
        assert_eq!(steps(&routine, &plan).len(), 3);
    }

    #[test]
    fn sets_inside_rounds_do_not_nest() {
        let (routine, plan) =
            plan_of("strength:\n  4 rounds rest 60s:\n    locust hold 20s x3\n    bridge hold 20s x3 rest 10s\n");
        let steps = steps(&routine, &plan);
        let repeats: Vec<&Step> = steps.iter().filter(|s| matches!(s, Step::Repeat { .. })).collect();
        // The rounds repeat, and the sets inside them are written out.
        assert_eq!(repeats.len(), 1, "{steps:#?}");
        assert_eq!(steps.len(), 2 * (3 + 5) + 2, "{steps:#?}");
    }
}
