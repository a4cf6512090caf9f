//! A deterministic, seeded generator of realistic ybc routines, built from the
//! built-in catalog: the benchmark corpus (`benches/compile.rs`) and
//! `examples/gen-corpus.rs` both use it.
//!
//! Every routine has the header lines a teacher writes (title, level, a
//! duration computed from its own doses, props listing every prop it uses,
//! tags, sometimes an audience or a custom `pose` line), a warm-up of mobility
//! poses, a strength section with sets and rounds, sometimes an accessory or
//! mobility section, and a cool-down that ends lying down (or in child's pose)
//! when the class runs 20 minutes or more. Doses are drawn inside each pose's
//! recommended ranges (at most 20 reps a set), unilateral poses work each side
//! (or alternate), poses that a condition in the audience speaks against are
//! left out, and so are peak poses (inversions, arm balances, deep backbends
//! and deep hip openers, which need a warm-up before and a counterpose after),
//! so the routines compile without errors or warnings. The same seed always
//! gives the same bytes (for the same catalog data).
//!
//! [`Generator::first_catalog`] draws only from the 32 poses of ybc's first
//! catalog and its six conditions, so that ybc from before the whole-class
//! catalog can check the same routines and the two can be compared.

use std::fmt::Write as _;

use ybc::catalog::{Bounds, Catalog, Focus, Laterality, Level, Pose, Property, Spine};

/// The poses of ybc's first catalog (the upper-back strengthening guide's),
/// which every version of ybc knows.
pub const FIRST_CATALOG: [&str; 32] = [
    "locust",
    "hands-under-hips-locust",
    "single-leg-locust",
    "reaching-locust",
    "flying-locust",
    "sphinx",
    "cobra",
    "bridge",
    "supported-bridge",
    "dolphin",
    "downward-dog",
    "plank",
    "forearm-plank",
    "puppy",
    "eagle-arms",
    "cow-face-arms",
    "band-row",
    "single-arm-row",
    "trx-row",
    "band-pull-apart",
    "cat-cow",
    "thread-the-needle",
    "scapular-circles",
    "shoulder-rolls",
    "prone-y",
    "wall-slides",
    "wall-scapular-retraction",
    "doorway-chest-opener",
    "thoracic-rotation",
    "foam-roller-extension",
    "childs-pose",
    "breathing",
];

/// The conditions of ybc's first catalog.
pub const FIRST_CONDITIONS: [&str; 6] =
    ["neck-pain", "shoulder-surgery", "high-blood-pressure", "osteoporosis", "rotator-cuff", "low-back-pain"];

/// The most reps a set is given: the guide's most for one set.
const MOST_REPS: u32 = 20;

/// A class this long (in seconds) or longer ends in relaxation.
const LONG_CLASS: u64 = 20 * 60;

/// Whether a pose is a peak pose (see `ybc explain peak-before-warmup`).
fn is_peak(pose: &Pose) -> bool {
    [Property::Inversion, Property::ArmBalance, Property::DeepBackbend, Property::HipCrossing]
        .into_iter()
        .any(|p| pose.has(p))
}

/// Whether a pose is a final relaxation (see `ybc explain missing-relaxation`).
fn is_relaxation(pose: &Pose) -> bool {
    pose.focus == Focus::Rest
        && (pose.has(Property::Supine) || pose.has(Property::Prone) || pose.family == "childs-pose")
}

/// The fewest and most lines of one generated routine (blank lines included),
/// before the line of a final relaxation a long class ends with.
pub const MIN_LINES: usize = 15;
/// See [`MIN_LINES`].
pub const MAX_LINES: usize = 60;

/// `count` routines; routine `i` depends only on `seed` and `i`.
pub fn corpus(catalog: &Catalog, seed: u64, count: usize) -> Vec<String> {
    let generator = Generator::new(catalog);
    (0..count).map(|i| generator.routine(seed, i as u64)).collect()
}

/// One routine: whole classes (warm-up to cool-down) back to back under one
/// header, then comment lines that pad the text to exactly `bytes` long. It
/// has no `duration` header: a file this size plans to more than the day a
/// duration may say.
pub fn big(catalog: &Catalog, seed: u64, bytes: usize) -> String {
    Generator::new(catalog).big(seed, bytes)
}

/// A pose as the generator needs it: the catalog entry's dose ranges and props.
#[derive(Clone)]
struct Spec {
    id: String,
    family: String,
    /// Backbends in a row want a counter-pose.
    extension: bool,
    /// The order of strength work within a family: 0 bilateral, 1 unilateral, 2 eccentric.
    stage: u8,
    focus: Focus,
    unilateral: bool,
    level: Level,
    hold: Option<Bounds>,
    reps: Option<Bounds>,
    duration: Option<Bounds>,
    sets: Option<Bounds>,
    rest: Option<Bounds>,
    seconds_per_rep: u32,
    needs: Vec<String>,
    optional: Vec<String>,
    cues: Vec<String>,
    avoid: Vec<String>,
    /// A rest pose lying down, or child's pose: a class can end on it.
    relaxation: bool,
}

/// A custom pose a routine may define with a `pose` line: (id, English name,
/// focus word, hold range, unilateral, prop).
type CustomPose = (&'static str, &'static str, &'static str, (u32, u32), bool, Option<&'static str>);

/// Custom poses a routine may define with a `pose` line.
const CUSTOM: [CustomPose; 6] = [
    ("wall-angel", "Wall Angel", "mobility", (20, 40), false, Some("wall")),
    ("prone-t-raise", "Prone T Raise", "strength", (10, 20), false, None),
    ("open-book", "Open Book", "mobility", (20, 40), true, Some("blanket")),
    ("seated-side-bend", "Seated Side Bend", "mobility", (20, 30), true, None),
    ("reverse-prayer-stretch", "Reverse Prayer Stretch", "mobility", (20, 45), false, Some("strap")),
    ("banded-face-pull", "Banded Face Pull", "strength", (15, 30), false, Some("band")),
];

const TITLES_A: [&str; 12] = [
    "Desk Reset",
    "Upper Back",
    "Posture Builder",
    "Shoulder Care",
    "Morning Wake-Up",
    "Evening Unwind",
    "Strong Back",
    "Thoracic Flow",
    "Lunch Break",
    "Back Body",
    "Open Chest",
    "Steady Spine",
];
const TITLES_B: [&str; 8] =
    ["Daily", "Basics", "Builder", "for Desk Workers", "Class", "Express", "Deep Dive", "Reset"];
const AUTHORS: [&str; 6] = ["Asha Rao", "Jo Müller", "Sam Okafor", "Lena Öberg", "Priya N.", "Tom Brennan"];
const TAGS: [&str; 10] =
    ["posture", "desk", "strength", "mobility", "quick", "class", "morning", "evening", "back-care", "beginners"];
const CUES: [&str; 14] = [
    "shoulder blades back and down",
    "easy breathing, exhale longer than inhale",
    "long neck, soft jaw 🙂",
    "no shrugging",
    "lift from between the shoulder blades, not the low back",
    "slow on the way down, 3 counts",
    "breathe into the back ribs 🌬️",
    "forehead on the block, if that's easier",
    "stay tall, ribs in",
    "light band, smooth pull 💪",
    "rest when the form goes",
    "reach long, then lift ✨",
    "hips stay still, rotate from the mid-back",
    "arrive; notice the breath 🧘",
];
const NOTES: [&str; 5] = [
    "Demo once before the class starts.",
    "Offer a block under the forehead for anyone with a sore neck.",
    "Check the band tension, light to medium 🟢",
    "Keep the pace slow; quality over quantity.",
    "Dim the lights for the last few minutes 🌙",
];
const COMMENTS: [&str; 6] = [
    "keep it low",
    "TODO: swap for a harder variation next month",
    "from the seed article",
    "optional",
    "class favourite",
    "watch the neck here",
];
const SECTION_TITLES: [&str; 8] = [
    "Thoracic mobility",
    "Dynamic warm-up",
    "Bilateral, then unilateral",
    "Prone work",
    "Rows and pull-aparts",
    "Mobility and restorative",
    "Breath & release 🌿",
    "Plank, bridge and rows",
];
const TEMPOS: [&str; 5] = ["2-1-2", "3-1-3", "4-1-4", "3-0-3", "2-2-2"];

/// Builds routines from one catalog.
pub struct Generator {
    specs: Vec<Spec>,
    /// The custom poses whose ids the catalog does not use, with their `pose` lines.
    custom: Vec<(Spec, String)>,
    conditions: Vec<String>,
}

/// Seconds, min and max.
type Time = (u64, u64);

fn add(a: Time, b: Time) -> Time {
    (a.0 + b.0, a.1 + b.1)
}

fn times(a: Time, n: u64) -> Time {
    (a.0 * n, a.1 * n)
}

impl Generator {
    /// Reads the catalog's poses once.
    pub fn new(catalog: &Catalog) -> Self {
        Self::drawing_from(catalog, |_| true, |_| true)
    }

    /// A generator that draws only from [`FIRST_CATALOG`].
    pub fn first_catalog(catalog: &Catalog) -> Self {
        Self::drawing_from(
            catalog,
            |pose| FIRST_CATALOG.contains(&pose.id.as_str()),
            |condition| FIRST_CONDITIONS.contains(&condition),
        )
    }

    fn drawing_from(catalog: &Catalog, wanted: impl Fn(&Pose) -> bool, condition: impl Fn(&str) -> bool) -> Self {
        let specs = catalog
            .poses()
            .filter(|p| wanted(p) && !is_peak(p))
            .map(|p| Spec {
                id: p.id.clone(),
                family: p.family.clone(),
                extension: p.spine == Spine::Extension,
                stage: if p.eccentric { 2 } else { u8::from(p.laterality == Laterality::Unilateral) },
                focus: p.focus,
                unilateral: p.laterality == Laterality::Unilateral,
                level: p.level,
                hold: p.hold,
                reps: p.reps.filter(|r| r.min <= MOST_REPS).map(|r| Bounds { min: r.min, max: r.max.min(MOST_REPS) }),
                duration: p.duration,
                sets: p.sets,
                rest: p.rest,
                seconds_per_rep: p.seconds_per_rep,
                needs: p.props.needs.clone(),
                optional: p.props.optional.clone(),
                cues: p.cues.iter().filter(|c| !c.contains('"') && !c.contains('\n')).cloned().collect(),
                avoid: p.contraindications.iter().map(|c| c.condition.clone()).collect(),
                relaxation: is_relaxation(p),
            })
            .collect();
        let custom = CUSTOM
            .iter()
            .filter(|(id, ..)| catalog.pose(id).is_none())
            .map(|&(id, english, focus, (lo, hi), unilateral, prop)| {
                let mut line = format!("pose {id} \"{english}\" focus {focus} hold {lo}-{hi}s");
                if unilateral {
                    line.push_str(" unilateral");
                }
                if let Some(p) = prop {
                    let _ = write!(line, " props {p}");
                }
                let spec = Spec {
                    id: id.to_owned(),
                    family: id.to_owned(),
                    extension: false,
                    stage: u8::from(unilateral),
                    focus: if focus == "strength" { Focus::Strength } else { Focus::Mobility },
                    unilateral,
                    level: Level::Beginner,
                    hold: Some(Bounds { min: lo, max: hi }),
                    reps: None,
                    duration: None,
                    sets: None,
                    rest: None,
                    seconds_per_rep: 4,
                    needs: Vec::new(),
                    optional: prop.map(str::to_owned).into_iter().collect(),
                    cues: Vec::new(),
                    avoid: Vec::new(),
                    relaxation: false,
                };
                (spec, line)
            })
            .collect();
        let conditions = catalog.conditions().iter().filter(|c| condition(&c.id)).map(|c| c.id.clone()).collect();
        Self { specs, custom, conditions }
    }

    /// Routine `index` of the corpus made with `seed`.
    pub fn routine(&self, seed: u64, index: u64) -> String {
        let mut rng = fastrand::Rng::with_seed(seed ^ index.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let target = rng.usize(MIN_LINES..=MAX_LINES);
        let mut w = Writer::new(self, &mut rng, true);
        // Title, level, duration, props and the blank line after them; three
        // sections of a head, a step and a blank line: 14 lines at least.
        let spare = target - 14;
        let extra = if spare >= 12 && w.rng.u8(..5) < 2 {
            Some(if w.rng.bool() { "accessory" } else { "mobility" })
        } else {
            None
        };
        let header_lines = w.headers(spare.min(4));
        let sections = if extra.is_some() { 4 } else { 3 };
        let budget = target - header_lines - 1 - 2 * sections;
        let warmup = (budget / 4).max(1);
        let cooldown = (budget / 5).max(1);
        let extra_lines = if extra.is_some() { (budget / 5).max(1) } else { 0 };
        let strength = budget - warmup - cooldown - extra_lines;
        w.section("warmup", warmup);
        w.section("strength", strength);
        if let Some(kind) = extra {
            w.section(kind, extra_lines);
        }
        w.section("cooldown", cooldown);
        w.relax();
        w.finish()
    }

    /// See [`big`].
    pub fn big(&self, seed: u64, bytes: usize) -> String {
        let mut rng = fastrand::Rng::with_seed(seed ^ 0x0B16_F11E);
        let mut w = Writer::new(self, &mut rng, false);
        w.headers(4);
        // The header lines are written last: leave room for them (under 1 KB).
        let room = bytes.saturating_sub(1024);
        // Whole classes back to back, so that the file ends with a cool-down.
        let kinds = ["warmup", "strength", "accessory", "strength", "mobility", "cooldown"];
        let mut end = 0;
        for k in 0.. {
            let lines = 4 + w.rng.usize(..12);
            w.section(kinds[k % kinds.len()], lines);
            if w.body.len() > room {
                w.body.truncate(end);
                break;
            }
            if k % kinds.len() == kinds.len() - 1 {
                end = w.body.len();
            }
        }
        let mut text = w.finish();
        // Pad to the exact size with comment lines of at most 80 bytes.
        while text.len() < bytes {
            let n = (bytes - text.len()).min(80);
            text.extend(std::iter::repeat_n('#', n - 1));
            text.push('\n');
        }
        text
    }
}

/// Writes one routine.
struct Writer<'g, 'r> {
    generator: &'g Generator,
    rng: &'r mut fastrand::Rng,
    /// Whether to compute and write the `duration` header.
    timed: bool,
    level: (&'static str, Level),
    audience: Option<String>,
    /// The custom pose, when the routine defines one: its spec and its `pose` line.
    custom: Option<&'g (Spec, String)>,
    /// Whether a step has used the custom pose yet.
    custom_used: bool,
    /// Backbends in a row so far.
    streak: usize,
    /// Whether the last pose written is a relaxation pose.
    ends_relaxed: bool,
    /// The latest stage of strength work (see [`Spec::stage`]) written for each family.
    stages: Vec<(&'g str, u8)>,
    /// Whether to write a comment, an `author` and `tags` line.
    comment: bool,
    author: bool,
    tags: bool,
    props: Vec<String>,
    time: Time,
    body: String,
}

impl<'g, 'r> Writer<'g, 'r> {
    fn new(generator: &'g Generator, rng: &'r mut fastrand::Rng, timed: bool) -> Self {
        let level = match rng.u8(..10) {
            0..=4 => ("beginner", Level::Beginner),
            5..=7 => ("intermediate", Level::Intermediate),
            8 => ("advanced", Level::Advanced),
            _ => ("all-levels", Level::Beginner),
        };
        Self {
            generator,
            rng,
            timed,
            level,
            audience: None,
            custom: None,
            custom_used: false,
            streak: 0,
            ends_relaxed: false,
            stages: Vec::new(),
            comment: false,
            author: false,
            tags: false,
            props: Vec::new(),
            time: (0, 0),
            body: String::new(),
        }
    }

    /// Decides the optional header lines, at most `room` of them, and
    /// returns how many header lines [`Writer::finish`] will write.
    fn headers(&mut self, mut room: usize) -> usize {
        let mut take = |rng: &mut fastrand::Rng, one_in: u8| {
            let yes = room > 0 && rng.u8(..one_in) == 0;
            room -= usize::from(yes);
            yes
        };
        self.tags = take(self.rng, 1);
        self.comment = take(self.rng, 2);
        self.author = take(self.rng, 2);
        if take(self.rng, 5) {
            // Keep the audience only when every kind of section still has poses.
            self.audience = self.rng.choice(&self.generator.conditions).cloned();
            // … and a relaxation pose to end a long class on.
            if ["warmup", "strength", "cooldown"].iter().any(|k| self.pool(k).is_empty())
                || !self.pool("cooldown").iter().any(|s| s.relaxation)
            {
                self.audience = None;
            }
        }
        if take(self.rng, 8) && !self.generator.custom.is_empty() {
            self.custom = Some(&self.generator.custom[self.rng.usize(..self.generator.custom.len())]);
        }
        3 + usize::from(self.timed)
            + usize::from(self.comment)
            + usize::from(self.author)
            + usize::from(self.tags)
            + usize::from(self.audience.is_some())
            + usize::from(self.custom.is_some())
    }

    fn use_prop(&mut self, prop: &str) {
        if !self.props.iter().any(|p| p == prop) {
            self.props.push(prop.to_owned());
        }
    }

    /// The poses a section kind draws from, for this routine's level and audience.
    fn pool(&self, kind: &str) -> Vec<&'g Spec> {
        let generator: &'g Generator = self.generator;
        let wanted = |s: &Spec| match kind {
            "warmup" | "mobility" => matches!(s.focus, Focus::Mobility | Focus::Both),
            "strength" | "accessory" => matches!(s.focus, Focus::Strength | Focus::Both),
            _ => matches!(s.focus, Focus::Mobility | Focus::Rest),
        };
        let custom = self.custom.map(|(s, _)| s);
        generator
            .specs
            .iter()
            .chain(custom)
            .filter(|s| wanted(s) && s.level <= self.level.1)
            .filter(|s| self.audience.as_ref().is_none_or(|a| !s.avoid.contains(a)))
            .filter(|s| self.hold(s).is_some() || s.reps.is_some() || s.duration.is_some())
            .collect()
    }

    /// A section with about `lines` lines of steps, then a blank line.
    fn section(&mut self, kind: &str, lines: usize) {
        let pool = self.pool(kind);
        if self.rng.u8(..3) == 0 {
            let title = SECTION_TITLES[self.rng.usize(..SECTION_TITLES.len())];
            let _ = writeln!(self.body, "{kind} \"{title}\":");
        } else {
            let _ = writeln!(self.body, "{kind}:");
        }
        let mut left = lines.max(1);
        let mut first = true;
        while left > 0 {
            let roll = self.rng.u8(..100);
            if first && roll < 5 && left >= 2 {
                let note = NOTES[self.rng.usize(..NOTES.len())];
                let _ = writeln!(self.body, "  note \"{note}\"");
                left -= 1;
            } else if kind == "strength" && roll < 35 && left >= 3 {
                // A rounds block: the head, 1-3 steps, and at least 30 s between
                // rounds: in the head, or as a rest step ending the round.
                let count = 2 + self.rng.u64(..3);
                let steps = 1 + self.rng.usize(..(left - 2).min(3));
                let rest = [None, Some(30), Some(45), Some(60)][self.rng.usize(..4)];
                match rest {
                    Some(r) => {
                        let _ = writeln!(self.body, "  {count} rounds rest {r}s:");
                    }
                    None => {
                        let _ = writeln!(self.body, "  {count} rounds:");
                    }
                }
                let mut round: Time = (0, 0);
                for _ in 0..steps {
                    let spec = self.pick(&pool);
                    round = add(round, self.step(spec, 4, false));
                }
                let mut used = 1 + steps;
                if rest.is_none() || self.rng.bool() {
                    let r = [30, 45][self.rng.usize(..2)];
                    let _ = writeln!(self.body, "    rest {r}s");
                    round = add(round, (r, r));
                    used += 1;
                }
                let between = rest.unwrap_or(0);
                self.time = add(self.time, add(times(round, count), times((between, between), count - 1)));
                left -= used;
            } else if kind == "cooldown" && !first && roll < 15 {
                let r = [30, 45, 60, 90][self.rng.usize(..4)];
                let cue = CUES[self.rng.usize(..CUES.len())];
                let _ = writeln!(self.body, "  rest {} \"{cue}\"", seconds(r));
                self.time = add(self.time, (r, r));
                left -= 1;
            } else {
                let spec = match self.custom {
                    // The routine's own pose, the first time a section can use it.
                    Some((custom, _)) if !self.custom_used && pool.iter().any(|s| s.id == custom.id) => {
                        self.custom_used = true;
                        custom
                    }
                    _ => self.pick(&pool),
                };
                let sets = matches!(kind, "strength" | "accessory");
                let t = self.step(spec, 2, sets);
                self.time = add(self.time, t);
                left -= 1;
            }
            first = false;
        }
        self.body.push('\n');
    }

    /// The hold range to draw from: the pose's, kept to 20 s for strength work
    /// when someone in the room has high blood pressure (long isometric holds
    /// raise it); `None` when the pose can't be held that briefly.
    fn hold(&self, spec: &Spec) -> Option<Bounds> {
        let hold = spec.hold?;
        let careful = self.audience.as_deref() == Some("high-blood-pressure")
            && matches!(spec.focus, Focus::Strength | Focus::Both);
        if !careful {
            return Some(hold);
        }
        (hold.min <= 20).then_some(Bounds { min: hold.min, max: hold.max.min(20) })
    }

    /// A pose from `pool` that keeps the routine in a teacher's order: no
    /// fourth backbend in a row, and within a family two-sided work before
    /// one-sided work before slow lowering.
    fn pick(&mut self, pool: &[&'g Spec]) -> &'g Spec {
        let fits = |w: &Self, s: &Spec| {
            (!s.extension || w.streak < 3)
                && w.stages.iter().all(|&(family, stage)| family != s.family || stage <= s.stage)
        };
        for _ in 0..8 {
            let spec = pool[self.rng.usize(..pool.len())];
            if fits(self, spec) {
                return spec;
            }
        }
        let start = self.rng.usize(..pool.len());
        let rotated = pool.iter().cycle().skip(start).take(pool.len());
        rotated.copied().find(|s| fits(self, s)).unwrap_or(pool[start])
    }

    /// Writes one step line indented by `indent` and returns how long it takes, in seconds.
    fn step(&mut self, spec: &'g Spec, indent: usize, allow_sets: bool) -> Time {
        self.streak = if spec.extension { self.streak + 1 } else { 0 };
        self.ends_relaxed = spec.relaxation;
        match self.stages.iter_mut().find(|(family, _)| *family == spec.family) {
            Some((_, stage)) => *stage = (*stage).max(spec.stage),
            None => self.stages.push((&spec.family, spec.stage)),
        }
        let mut line = format!("{:indent$}{}", "", spec.id);
        // The dose: a hold, reps (with a hold per rep or a tempo), or a bare duration.
        let hold = self.hold(spec);
        let mut kinds: Vec<u8> = Vec::with_capacity(3);
        if hold.is_some() {
            kinds.push(0);
        }
        if spec.reps.is_some() {
            kinds.push(1);
        }
        if spec.duration.is_some() {
            kinds.push(2);
        }
        let kind = kinds[self.rng.usize(..kinds.len())];
        let per_side: Time = match (kind, hold, spec.reps, spec.duration) {
            (0, Some(hold), _, _) => {
                let t = self.range(hold, 5);
                let _ = write!(line, " hold {}", duration_range(t));
                t
            }
            (1, _, Some(reps), _) => {
                let n = self.range(reps, 1);
                if n.0 == n.1 {
                    let _ = write!(line, " {} reps", n.0);
                } else {
                    let _ = write!(line, " {}-{} reps", n.0, n.1);
                }
                let roll = self.rng.u8(..10);
                if let (Some(hold), 0) = (hold, roll) {
                    // Each rep held, as in `bridge 4 reps hold 30-45s`.
                    let h = self.range(hold, 5);
                    let _ = write!(line, " hold {}", duration_range(h));
                    (n.0 * h.0, n.1 * h.1)
                } else if roll < 3 {
                    let tempo = TEMPOS[self.rng.usize(..TEMPOS.len())];
                    let _ = write!(line, " tempo {tempo}");
                    let per: u64 = tempo.split('-').map(|p| p.parse::<u64>().unwrap_or(0)).sum();
                    (n.0 * per, n.1 * per)
                } else {
                    let per = u64::from(spec.seconds_per_rep);
                    (n.0 * per, n.1 * per)
                }
            }
            (_, _, _, Some(d)) => {
                // Flowing work and breathing: a few minutes at most.
                let d = Bounds { min: d.min, max: d.max.min(d.min.max(180)) };
                let t = self.range(d, 15);
                let _ = write!(line, " {}", duration_range(t));
                t
            }
            // Unreachable: `kinds` only holds ranges the pose has.
            _ => (1, 1),
        };
        let mut per_set = per_side;
        if spec.unilateral {
            if kind == 1 && self.rng.u8(..3) == 0 {
                line.push_str(" alternating");
            } else {
                line.push_str(" each side");
                per_set = times(per_side, 2);
            }
        }
        let mut total = per_set;
        if let (true, Some(sets)) = (allow_sets, spec.sets)
            && self.rng.u8(..10) < 7
        {
            let hi = u64::from(sets.max.max(sets.min));
            let n = self.rng.u64(u64::from(sets.min).max(2).min(hi)..=hi);
            let _ = write!(line, " x{n}");
            total = times(per_set, n);
            if n > 1 {
                let rest = spec.rest.unwrap_or(Bounds { min: 30, max: 60 });
                let r = self.range(Bounds { min: rest.min.max(30), max: rest.max.max(30) }, 15).0;
                let _ = write!(line, " rest {}", seconds(r));
                total = add(total, times((r, r), n - 1));
            }
        }
        let optional: Vec<&String> = spec.optional.iter().filter(|p| p.as_str() != "mat").collect();
        if !optional.is_empty() && self.rng.u8(..5) == 0 {
            let prop = optional[self.rng.usize(..optional.len())].clone();
            let _ = write!(line, " with {prop}");
            self.use_prop(&prop);
        }
        for prop in &spec.needs {
            self.use_prop(prop);
        }
        if self.custom.is_some_and(|(c, _)| c.id == spec.id) {
            for prop in &spec.optional {
                self.use_prop(prop);
            }
        }
        match self.rng.u8(..20) {
            0..=3 => {
                let cue = CUES[self.rng.usize(..CUES.len())];
                let _ = write!(line, " \"{cue}\"");
            }
            4..=5 if !spec.cues.is_empty() => {
                let cue = &spec.cues[self.rng.usize(..spec.cues.len())];
                let _ = write!(line, " \"{cue}\"");
            }
            6 => {
                let a = CUES[self.rng.usize(..CUES.len())];
                let b = CUES[self.rng.usize(..CUES.len())];
                let _ = write!(line, " \"{a}\" \"{b}\"");
            }
            _ => {}
        }
        if self.rng.u8(..20) == 0 {
            let comment = COMMENTS[self.rng.usize(..COMMENTS.len())];
            let _ = write!(line, "  # {comment}");
        }
        line.push('\n');
        self.body.push_str(&line);
        total
    }

    /// Ends a class of 20 minutes or more with a relaxation pose, one line
    /// more in the cool-down, unless it already ends on one.
    fn relax(&mut self) {
        if self.ends_relaxed {
            return;
        }
        let pool: Vec<&'g Spec> = self.pool("cooldown").into_iter().filter(|s| s.relaxation).collect();
        if pool.is_empty() {
            return;
        }
        let spec = pool[self.rng.usize(..pool.len())];
        let (keyword, bounds) = match (spec.hold, spec.duration) {
            (Some(hold), _) => ("hold ", hold),
            (None, Some(length)) => ("", length),
            (None, None) => return,
        };
        let t = self.range(bounds, 15);
        if self.time.0 + t.0 < LONG_CLASS {
            return;
        }
        // Before the blank line that ends the section.
        self.body.pop();
        let _ = writeln!(self.body, "  {} {keyword}{}", spec.id, duration_range(t));
        self.body.push('\n');
        self.time = add(self.time, t);
        for prop in &spec.needs {
            self.use_prop(prop);
        }
    }

    /// A value (or a range) inside `bounds`, on multiples of `step` where the bounds allow.
    fn range(&mut self, bounds: Bounds, step: u32) -> Time {
        let (lo, hi) = (u64::from(bounds.min), u64::from(bounds.max.max(bounds.min)));
        let step = u64::from(step);
        let pick = |rng: &mut fastrand::Rng, lo: u64, hi: u64| -> u64 {
            let first = lo.div_ceil(step) * step;
            if first > hi {
                return rng.u64(lo..=hi);
            }
            let slots = (hi - first) / step;
            first + step * rng.u64(..=slots)
        };
        let a = pick(self.rng, lo, hi);
        if a < hi && self.rng.u8(..3) == 0 {
            let b = pick(self.rng, a + 1, hi);
            (a, b.max(a))
        } else {
            (a, a)
        }
    }

    /// The header lines, then the body.
    fn finish(self) -> String {
        let Self { rng, level, audience, custom, comment, author, tags, mut props, time, body, timed, .. } = self;
        let mut out = String::with_capacity(body.len() + 512);
        let a = TITLES_A[rng.usize(..TITLES_A.len())];
        let b = TITLES_B[rng.usize(..TITLES_B.len())];
        if comment {
            let _ = writeln!(out, "# {a}: generated by benches/corpus.rs");
        }
        let _ = writeln!(out, "title \"{a}: {b}\"");
        if author {
            let _ = writeln!(out, "author \"{}\"", AUTHORS[rng.usize(..AUTHORS.len())]);
        }
        let _ = writeln!(out, "level {}", level.0);
        if timed {
            let lo = (time.0 / 60).max(1);
            let hi = time.1.div_ceil(60).max(lo);
            if lo == hi {
                let _ = writeln!(out, "duration {lo}m");
            } else {
                let _ = writeln!(out, "duration {lo}-{hi}m");
            }
        }
        if !props.iter().any(|p| p == "mat") {
            props.insert(0, "mat".to_owned());
        }
        let _ = writeln!(out, "props {}", props.join(", "));
        if tags {
            let n = 1 + rng.usize(..3);
            let start = rng.usize(..TAGS.len());
            let list: Vec<&str> = (0..n).map(|i| TAGS[(start + i * 3) % TAGS.len()]).collect();
            let _ = writeln!(out, "tags {}", list.join(", "));
        }
        if let Some(a) = audience {
            let _ = writeln!(out, "audience {a}");
        }
        if let Some((_, line)) = custom {
            let _ = writeln!(out, "{line}");
        }
        out.push('\n');
        out.push_str(&body);
        out
    }
}

/// `45s`, `1m30s`, `2m`.
fn seconds(s: u64) -> String {
    match (s / 60, s % 60) {
        (0, s) => format!("{s}s"),
        (m, 0) => format!("{m}m"),
        (m, s) => format!("{m}m{s}s"),
    }
}

/// `30s`, `20-30s`, `45s-1m30s`.
fn duration_range((lo, hi): Time) -> String {
    if lo == hi {
        seconds(lo)
    } else if hi < 60 {
        format!("{lo}-{hi}s")
    } else {
        format!("{}-{}", seconds(lo), seconds(hi))
    }
}
