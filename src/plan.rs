//! Plan: a routine expanded into a timeline of every set, side, round and
//! rest, each with its start and length as a min..max range.

use crate::catalog::{Laterality, Pose, SequenceSide};
use crate::diagnostic::Diagnostic;
use crate::routine::{Dose, Item, Routine, SectionKind, SequenceRun, Sides, Step};
use crate::span::Span;
use crate::syntax::Range;
use std::sync::Arc;

/// The most events a plan may hold; past this the routine is surely a typo.
pub const MAX_EVENTS: u64 = 100_000;

/// A timed timeline.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Every event, in order.
    pub events: Vec<Event>,
    /// The whole routine's length, seconds.
    pub total: Range,
    /// Notes (`note "…"`) after the last event, for when the routine ends.
    pub closing_notes: Vec<String>,
    /// Where the timeline repeats itself: the sets of a step, the rounds of a
    /// sequence, rounds blocks; inner ones (those of every pass) come before
    /// the block that holds them.
    pub repeats: Vec<Repeat>,
}

/// A stretch of the timeline done several times over: `events[start..start + len]`
/// is the first pass, and each later pass is the same events again (only their
/// counts and starts differ), with one rest event between passes when `rest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Repeat {
    /// The index of the first event of the first pass.
    pub start: usize,
    /// The events in one pass, without the rest between passes.
    pub len: usize,
    /// How many passes: 2 or more.
    pub times: u32,
    /// Whether a rest event comes between passes.
    pub rest: bool,
}

impl Repeat {
    /// The index just past the last pass.
    pub fn end(&self) -> usize {
        let passes = usize::try_from(self.times).unwrap_or(usize::MAX);
        let rests = if self.rest { passes.saturating_sub(1) } else { 0 };
        self.start.saturating_add(self.len.saturating_mul(passes)).saturating_add(rests)
    }
}

/// What an event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    /// Doing a pose.
    Pose,
    /// Resting.
    Rest,
}

/// Why a rest happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RestReason {
    /// A `rest` step.
    Step,
    /// Between the sets of a step.
    BetweenSets,
    /// Between the rounds of a rounds block.
    BetweenRounds,
}

/// Which side an event works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// Left side.
    Left,
    /// Right side.
    Right,
    /// Both sides at once, or alternating.
    Both,
}

/// "n of N".
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Count {
    /// 1-based.
    pub n: u32,
    /// Out of.
    pub of: u32,
}

/// One timed event.
#[derive(Debug, Clone)]
pub struct Event {
    /// Pose or rest.
    pub kind: EventKind,
    /// For rests, why.
    pub rest_reason: Option<RestReason>,
    /// For poses, the index of the pose in the routine's catalog.
    pub pose: Option<usize>,
    /// The section it belongs to, with its title (shared by its events).
    pub section: Option<(SectionKind, Option<Arc<str>>)>,
    /// Enclosing rounds, outermost first.
    pub rounds: Arc<[Count]>,
    /// Which set of the step.
    pub set: Option<Count>,
    /// Side.
    pub side: Option<Side>,
    /// Whether reps alternate sides.
    pub alternating: bool,
    /// Reps in this event.
    pub reps: Option<Range>,
    /// Hold per rep, or the static hold, seconds.
    pub hold: Option<Range>,
    /// The count of breaths, when the hold or the length is written in breaths
    /// (`hold 5 breaths`, `10 breaths`); `seconds` is what they take.
    pub breaths: Option<Range>,
    /// Tempo, when given.
    pub tempo: Option<[u32; 3]>,
    /// Seconds one rep takes (hold, tempo, or the catalog's pace), for rep events.
    pub rep_seconds: Option<Range>,
    /// Length, seconds.
    pub seconds: Range,
    /// Start from the beginning of the routine, seconds.
    pub start: Range,
    /// Cues from the routine (shared by the events of one step).
    pub cues: Arc<[String]>,
    /// Notes (`note "…"`) that come just before this event.
    pub notes: Vec<String>,
    /// The step's source span.
    pub span: Span,
    /// For a pose inside a sequence (a sun salutation): which sequence, which
    /// round of it, and which of its poses.
    pub sequence: Option<InSequence>,
}

/// Where an event sits inside a sequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InSequence {
    /// The sequence's id.
    pub id: String,
    /// Its English name.
    pub name: String,
    /// Which round.
    pub round: Count,
    /// Which of its poses, in order.
    pub position: Count,
}

/// The seconds one repetition takes: the hold, else the tempo, else the catalog's pace.
pub fn rep_seconds(dose: &Dose, pose: &Pose) -> Range {
    match (&dose.hold, &dose.tempo) {
        (Some(hold), _) => hold.value,
        (None, Some(tempo)) => Range::exact(tempo.value.iter().sum()),
        (None, None) => Range::exact(pose.seconds_per_rep),
    }
}

/// The length of one set of a step on one side.
pub fn set_seconds(dose: &Dose, pose: &Pose) -> Range {
    let per_rep = |reps: Range| -> Range {
        let rep = rep_seconds(dose, pose);
        Range { min: reps.min.saturating_mul(rep.min), max: reps.max.saturating_mul(rep.max) }
    };
    if let Some(reps) = &dose.reps {
        return per_rep(reps.value);
    }
    if let Some(hold) = &dose.hold {
        return hold.value;
    }
    if let Some(work) = &dose.work {
        return work.value;
    }
    // No dose written: the catalog's recommendation.
    if let Some(hold) = pose.hold {
        return Range { min: hold.min, max: hold.max };
    }
    if let Some(reps) = pose.reps {
        return per_rep(Range { min: reps.min, max: reps.max });
    }
    pose.duration.map_or(Range::exact(pose.seconds_per_rep), |d| Range { min: d.min, max: d.max })
}

/// The reps a step does per set when none are written but the pose is counted in reps.
fn default_reps(dose: &Dose, pose: &Pose) -> Option<Range> {
    if dose.is_empty() && pose.hold.is_none() {
        pose.reps.map(|r| Range { min: r.min, max: r.max })
    } else {
        dose.reps.as_ref().map(|r| r.value)
    }
}

/// How many events a block of items expands to, saturating.
fn event_count(items: &[Item]) -> u64 {
    items.iter().fold(0u64, |total, item| {
        let n = match item {
            Item::Section(s) => event_count(&s.body),
            Item::Rounds(r) => {
                let body = event_count(&r.body);
                let rests = if r.rest.is_some() { u64::from(r.count.saturating_sub(1)) } else { 0 };
                body.saturating_mul(u64::from(r.count)).saturating_add(rests)
            }
            Item::Step(step) => {
                let sets = u64::from(step.dose.set_count());
                let sides = if step.sides == Sides::EachSide { 2 } else { 1 };
                let rests = if step.dose.rest.is_some() { sets - 1 } else { 0 };
                let poses = step.sequence.as_ref().map_or(1, |run| run.poses.len() as u64);
                sets * sides * poses + rests
            }
            Item::Rest(_) => 1,
            Item::Note(_) => 0,
        };
        total.saturating_add(n)
    })
}

/// Expands a routine into its timeline.
pub fn plan(routine: &Routine) -> Result<Plan, Box<Diagnostic>> {
    let count = event_count(&routine.body);
    if count > MAX_EVENTS {
        return Err(Box::new(
            Diagnostic::error(
                "plan",
                routine.body.first().map_or(Span::default(), Item::span),
                format!("This routine expands to {count} timed events, more than the {MAX_EVENTS} a plan can hold."),
            )
            .with_help("Check the rounds and sets for a typo."),
        ));
    }
    let mut planner = Planner {
        routine,
        plan: Plan::default(),
        rounds: Vec::new(),
        shared_rounds: Arc::from([]),
        section: None,
        no_cues: Arc::from([]),
        notes: Vec::new(),
    };
    planner.items(&routine.body);
    planner.plan.closing_notes = planner.notes;
    Ok(planner.plan)
}

impl Item {
    /// The item's source span (a block's head line).
    pub fn span(&self) -> Span {
        match self {
            Item::Section(s) => s.span,
            Item::Rounds(r) => r.span,
            Item::Step(s) => s.span,
            Item::Rest(r) => r.span,
            Item::Note(n) => n.span,
        }
    }
}

struct Planner<'r> {
    routine: &'r Routine,
    plan: Plan,
    rounds: Vec<Count>,
    /// `rounds` as the events share it, rebuilt when a rounds block opens or closes.
    shared_rounds: Arc<[Count]>,
    section: Option<(SectionKind, Option<Arc<str>>)>,
    /// No cues, shared by every event without any.
    no_cues: Arc<[String]>,
    notes: Vec<String>,
}

impl Planner<'_> {
    fn items(&mut self, items: &[Item]) {
        for item in items {
            match item {
                Item::Section(section) => {
                    let outer = self.section.replace((section.kind, section.title.as_deref().map(Arc::from)));
                    self.items(&section.body);
                    self.section = outer;
                }
                Item::Rounds(rounds) => {
                    let start = self.plan.events.len();
                    let mut len = 0;
                    for n in 1..=rounds.count {
                        self.rounds.push(Count { n, of: rounds.count });
                        self.shared_rounds = Arc::from(self.rounds.as_slice());
                        self.items(&rounds.body);
                        if n == 1 {
                            len = self.plan.events.len() - start;
                        }
                        // The rest after round n still belongs to round n.
                        if let (Some(rest), true) = (&rounds.rest, n < rounds.count) {
                            self.rest(rest.value, RestReason::BetweenRounds, Arc::clone(&self.no_cues), rounds.span);
                        }
                        self.rounds.pop();
                        self.shared_rounds = Arc::from(self.rounds.as_slice());
                    }
                    self.repeated(start, len, rounds.count, rounds.rest.is_some());
                }
                Item::Step(step) => self.step(step),
                Item::Rest(rest) => {
                    let cues =
                        if rest.cues.is_empty() { Arc::clone(&self.no_cues) } else { Arc::from(rest.cues.as_slice()) };
                    self.rest(rest.length.value, RestReason::Step, cues, rest.span);
                }
                Item::Note(note) => self.notes.push(note.value.clone()),
            }
        }
    }

    /// Notes a repeat of `times` passes of `len` events from `start`, when there is one.
    fn repeated(&mut self, start: usize, len: usize, times: u32, rest: bool) {
        if times > 1 && len > 0 {
            self.plan.repeats.push(Repeat { start, len, times, rest });
        }
    }

    fn push(&mut self, mut event: Event) {
        event.start = self.plan.total;
        self.plan.total.min = self.plan.total.min.saturating_add(event.seconds.min);
        self.plan.total.max = self.plan.total.max.saturating_add(event.seconds.max);
        event.notes = std::mem::take(&mut self.notes);
        self.plan.events.push(event);
    }

    fn rest(&mut self, seconds: Range, reason: RestReason, cues: Arc<[String]>, span: Span) {
        self.push(Event {
            kind: EventKind::Rest,
            rest_reason: Some(reason),
            pose: None,
            section: self.section.clone(),
            rounds: Arc::clone(&self.shared_rounds),
            set: None,
            side: None,
            alternating: false,
            reps: None,
            hold: None,
            breaths: None,
            tempo: None,
            rep_seconds: None,
            seconds,
            start: Range::default(),
            cues,
            notes: Vec::new(),
            span,
            sequence: None,
        });
    }

    fn step(&mut self, step: &Step) {
        if let Some(run) = &step.sequence {
            return self.sequence(step, run);
        }
        let Some(pose) = self.routine.pose(step) else { return };
        let cues = self.cues_of(step);
        let seconds = set_seconds(&step.dose, pose);
        let sets = step.dose.set_count();
        let sides: &[Side] = match step.sides {
            Sides::EachSide => &[Side::Left, Side::Right],
            Sides::Left => &[Side::Left],
            Sides::Right => &[Side::Right],
            Sides::Both | Sides::Alternating => &[Side::Both],
        };
        let reps = default_reps(&step.dose, pose);
        let hold =
            step.dose.hold.as_ref().map(|h| h.value).or_else(|| {
                (step.dose.is_empty()).then(|| pose.hold.map(|h| Range { min: h.min, max: h.max })).flatten()
            });
        let start = self.plan.events.len();
        for n in 1..=sets {
            for &side in sides {
                self.push(Event {
                    kind: EventKind::Pose,
                    rest_reason: None,
                    pose: Some(step.pose),
                    section: self.section.clone(),
                    rounds: Arc::clone(&self.shared_rounds),
                    set: Some(Count { n, of: sets }),
                    side: Some(side),
                    alternating: step.sides == Sides::Alternating,
                    reps,
                    hold,
                    breaths: step.dose.breaths.as_ref().map(|b| b.value),
                    tempo: step.dose.tempo.as_ref().map(|t| t.value),
                    rep_seconds: reps.map(|_| rep_seconds(&step.dose, pose)),
                    seconds,
                    start: Range::default(),
                    cues: Arc::clone(&cues),
                    notes: Vec::new(),
                    span: step.span,
                    sequence: None,
                });
            }
            if let (Some(rest), true) = (&step.dose.rest, n < sets) {
                self.rest(rest.value, RestReason::BetweenSets, Arc::clone(&self.no_cues), step.span);
            }
        }
        self.repeated(start, sides.len(), sets, step.dose.rest.is_some());
    }

    /// A step that does a sequence: each round, each side, each of its poses
    /// as its own event, held for its breaths at the routine's breath length;
    /// the step's rest comes between rounds.
    /// A step's cues as its events share them.
    fn cues_of(&self, step: &Step) -> Arc<[String]> {
        if step.cues.is_empty() {
            Arc::clone(&self.no_cues)
        } else {
            step.cues.iter().map(|cue| cue.value.clone()).collect()
        }
    }

    fn sequence(&mut self, step: &Step, run: &SequenceRun) {
        let cues = self.cues_of(step);
        let rounds = step.dose.set_count();
        let breath = self.routine.meta.breath_length();
        let sides: &[Option<Side>] = match step.sides {
            Sides::EachSide => &[Some(Side::Right), Some(Side::Left)],
            _ => &[None],
        };
        let of = u32::try_from(run.poses.len()).unwrap_or(u32::MAX);
        let start = self.plan.events.len();
        let mut len = 0;
        for n in 1..=rounds {
            for &lead in sides {
                for (i, item) in (1..).zip(&run.poses) {
                    let Some(pose) = self.routine.catalog.pose_at(item.pose) else { continue };
                    let side = match (item.side, lead) {
                        (Some(SequenceSide::Left), _) => Side::Left,
                        (Some(SequenceSide::Right), _) => Side::Right,
                        (None, Some(lead)) if pose.laterality == Laterality::Unilateral => lead,
                        _ => Side::Both,
                    };
                    let breaths = Range::exact(item.breaths);
                    let seconds = Range {
                        min: item.breaths.saturating_mul(breath.min),
                        max: item.breaths.saturating_mul(breath.max),
                    };
                    self.push(Event {
                        kind: EventKind::Pose,
                        rest_reason: None,
                        pose: Some(item.pose),
                        section: self.section.clone(),
                        rounds: Arc::clone(&self.shared_rounds),
                        set: Some(Count { n, of: rounds }),
                        side: Some(side),
                        alternating: false,
                        reps: None,
                        hold: Some(seconds),
                        breaths: Some(breaths),
                        tempo: None,
                        rep_seconds: None,
                        seconds,
                        start: Range::default(),
                        cues: if i == 1 { Arc::clone(&cues) } else { Arc::clone(&self.no_cues) },
                        notes: Vec::new(),
                        span: step.span,
                        sequence: Some(InSequence {
                            id: run.id.clone(),
                            name: run.name.clone(),
                            round: Count { n, of: rounds },
                            position: Count { n: i, of },
                        }),
                    });
                }
            }
            if n == 1 {
                len = self.plan.events.len() - start;
            }
            if let (Some(rest), true) = (&step.dose.rest, n < rounds) {
                self.rest(rest.value, RestReason::BetweenSets, Arc::clone(&self.no_cues), step.span);
            }
        }
        self.repeated(start, len, rounds, step.dose.rest.is_some());
    }
}
