//! The routine as a printable HTML handout for students, or a deck of cards for
//! the teacher.
//!
//! One self-contained file: the CSS and the pictograms are inline, nothing is
//! fetched and no script runs. The markup lives in askama templates under
//! `templates/`; this module builds the data they show (a [`Page`]) from the
//! checked routine and its plan. Every text that comes from the routine is
//! escaped by the templates; the only markup passed through unescaped is the
//! geometry from [`super::figure`] and the CSS, neither of which holds routine text.
//! The same routine and options always give the same bytes.

use std::collections::BTreeMap;

use askama::Template;

use super::figure;
use super::words;
use crate::Applied;
use crate::catalog::{Catalog, Focus, Laterality, Pose, Severity};
use crate::plan::{EventKind, Plan, RestReason};
use crate::routine::{Item, Routine, SectionKind, Sides, Step};
use crate::syntax::Range;
use crate::vocabulary;

/// How the handout is laid out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Layout {
    /// A summary (header, props, timeline, safety) and a grid of cards, for students.
    #[default]
    Handout,
    /// One large card per page (A6 or a 6×4 inch index card), for a teacher's deck.
    Cards,
}

/// The paper the handout is printed on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Paper {
    /// ISO A4 (cards: A6).
    #[default]
    A4,
    /// US Letter (cards: 6×4 inch index cards).
    Letter,
}

/// Whose cues a card shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Cues {
    /// The teacher's cues; the catalog's key cue only on a step the teacher wrote none for.
    #[default]
    Teacher,
    /// The teacher's cues, then the catalog's key cue.
    Both,
    /// The catalog's key cue alone; the teacher's cues only where the catalog has none
    /// (a custom pose). For a teacher whose cues are notes to themselves.
    Catalog,
}

impl Cues {
    /// The cues a card shows, from the step's own and the catalog's key cue:
    /// the teacher's cues, and the key cue to print after them.
    fn pick(self, own: Vec<String>, key: Option<&String>) -> (Vec<String>, Option<String>) {
        // A key cue the teacher already wrote is not printed twice.
        let key = key.filter(|key| !own.iter().any(|c| c.trim().eq_ignore_ascii_case(key.trim()))).cloned();
        match self {
            Cues::Teacher if own.is_empty() => (own, key),
            Cues::Teacher => (own, None),
            Cues::Both => (own, key),
            Cues::Catalog if key.is_some() => (Vec::new(), key),
            Cues::Catalog => (own, None),
        }
    }
}

/// How to build the HTML.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Handout or cards.
    pub layout: Layout,
    /// A4 or Letter.
    pub paper: Paper,
    /// Add a practice log with this many weeks (handout layout only).
    pub log_weeks: Option<u32>,
    /// A date to print on the handout; none by default, so the output is reproducible.
    pub date: Option<String>,
    /// Whose cues the cards show.
    pub cues: Cues,
    /// Add this many ruled lines for notes (handout layout only).
    pub notes_lines: Option<u32>,
}

/// The most weeks a practice log can have and still fit across the page.
pub const MAX_LOG_WEEKS: u32 = 12;

/// The most ruled lines for notes: a printed page of them.
pub const MAX_NOTES_LINES: u32 = 30;

/// Renders a checked routine and its plan as one HTML document.
/// `adaptations` lists what `--adapt` changed (empty otherwise).
pub fn render(routine: &Routine, plan: &Plan, source_name: &str, adaptations: &[Applied], options: &Options) -> String {
    let page = Page::new(routine, plan, source_name, adaptations, options);
    let result = match options.layout {
        Layout::Handout => HandoutTemplate { page: &page, deck: false }.render(),
        Layout::Cards => DeckTemplate { page: &page, deck: true }.render(),
    };
    // The templates only format strings the page already holds; a failure here is a bug.
    #[allow(clippy::panic)] // No filter or value in the templates can fail to format.
    let mut out = result.unwrap_or_else(|e| panic!("the handout template failed: {e}"));
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

#[derive(Template)]
#[template(path = "handout.html")]
struct HandoutTemplate<'a> {
    page: &'a Page,
    /// Cards are laid out one per page, with their rests and notes on them.
    deck: bool,
}

#[derive(Template)]
#[template(path = "deck.html")]
struct DeckTemplate<'a> {
    page: &'a Page,
    deck: bool,
}

/// Everything a template shows, already in words.
#[derive(Debug)]
pub struct Page {
    /// The class's title.
    pub title: String,
    /// "Beginner", "All levels".
    pub level: Option<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// The planned total, as a range.
    pub planned: String,
    /// The declared duration.
    pub declared: Option<String>,
    /// What the class mostly trains.
    pub focus: String,
    /// The routine's tags.
    pub tags: Vec<String>,
    /// The date asked for with `--date`.
    pub date: Option<String>,
    /// The props checklist.
    pub props: Vec<PropItem>,
    /// The timeline bar.
    pub timeline: Timeline,
    /// Sections, rounds, cards, rests and notes, in order.
    pub blocks: Vec<Block>,
    /// Every card, in order (the deck shows them one per page).
    pub cards: Vec<Card>,
    /// The safety box.
    pub safety: Safety,
    /// The practice log.
    pub log: Option<Log>,
    /// Ruled lines for notes, one entry per line (none without `--notes-lines`).
    pub notes_lines: Vec<u32>,
    /// The `@page` rule and page-size CSS for the layout and paper (no routine text).
    pub page_css: String,
    /// `a4` or `letter`.
    pub paper: &'static str,
}

/// One line of the props checklist.
#[derive(Debug, Clone)]
pub struct PropItem {
    /// The prop's name.
    pub name: String,
    /// Whether some step cannot be done without it.
    pub needed: bool,
    /// What it is for: "for Seated Band Row".
    pub purpose: String,
    /// What can stand in for it.
    pub substitute: Option<String>,
}

/// The timeline: one segment per section and rest step.
#[derive(Debug, Clone)]
pub struct Timeline {
    /// The view box's width: narrower on a small card, so the numbers print at least 9 pt.
    pub width: u32,
    /// The segments, left to right.
    pub segments: Vec<Segment>,
    /// The SVG's accessible title.
    pub title: String,
}

/// One segment of the timeline.
#[derive(Debug, Clone)]
pub struct Segment {
    /// 1-based, shown in the bar and the legend.
    pub number: usize,
    /// Left edge, in view-box units.
    pub x: String,
    /// Width, in view-box units.
    pub width: String,
    /// Centre, in view-box units.
    pub center: String,
    /// Whether the number badge fits inside the segment.
    pub badge: bool,
    /// The fill pattern's id: `tl-warmup`, `tl-rest`…
    pub pattern: &'static str,
    /// "Warm-up", "Rest".
    pub kind: String,
    /// The section's title.
    pub title: Option<String>,
    /// The rounds it holds: "3 rounds".
    pub rounds: Option<String>,
    /// How long, in words.
    pub length: String,
    /// When it starts, `m:ss`.
    pub start: String,
}

/// A piece of the class, in order.
#[derive(Debug, Clone)]
pub enum Block {
    /// A section opens.
    SectionStart {
        /// The heading's id.
        id: String,
        /// CSS class: `part-warmup`.
        class: &'static str,
        /// "Warm-up".
        kind: String,
        /// The section's title.
        title: Option<String>,
        /// How long the section takes.
        length: String,
    },
    /// The open section closes.
    SectionEnd,
    /// Rounds open.
    RoundsStart {
        /// "3 rounds, rest 45 s between rounds".
        label: String,
    },
    /// The open rounds close.
    RoundsEnd,
    /// A pose.
    Card(Box<Card>),
    /// A rest step.
    Rest {
        /// "Rest 1 min".
        text: String,
        /// Its cues.
        cues: Vec<String>,
    },
    /// A note for the class.
    Note(String),
}

/// One pose step's card.
#[derive(Debug, Clone)]
pub struct Card {
    /// `step-3`.
    pub id: String,
    /// 1-based step number.
    pub number: usize,
    /// English name.
    pub english: String,
    /// Sanskrit name.
    pub sanskrit: Option<String>,
    /// The dose in words.
    pub dose: String,
    /// "Strength", "Mobility", "Strength and mobility", "Rest".
    pub focus: &'static str,
    /// Props used on this step.
    pub props: Vec<String>,
    /// The routine's cues.
    pub cues: Vec<String>,
    /// The catalog's key cue.
    pub key_cue: Option<String>,
    /// Easier poses.
    pub easier: Vec<String>,
    /// Harder poses.
    pub harder: Vec<String>,
    /// What to change for each condition in the audience.
    pub mods: Vec<Modification>,
    /// The pictogram(s): one, or the pose and its mirror image for a one-sided pose.
    pub pictures: Vec<Picture>,
    /// Where the step falls in the class: "Step 4 · at 3:09 · 2 min-2 min 30 s" (its
    /// start, and its whole time with sets, sides and rounds).
    pub when: String,
    /// Whether the card's text is long (the deck sets it a little smaller).
    pub long: bool,
    /// Whether the pictures are a sequence's strip of small figures, one per pose.
    pub strip: bool,
    /// The section it belongs to: "Warm-up: Thoracic mobility".
    pub section: String,
    /// The rounds it is repeated in: "3 rounds, rest 45 s between rounds".
    pub rounds: Option<String>,
    /// Notes that come just before it.
    pub notes: Vec<String>,
    /// Rests that come just after it: "Then rest 1 min · easy breathing".
    pub then: Vec<String>,
}

/// A pictogram.
#[derive(Debug, Clone)]
pub struct Picture {
    /// The SVG's id, for its title.
    pub id: String,
    /// What it shows.
    pub title: String,
    /// SVG geometry (no text).
    pub svg: String,
    /// The view box's width.
    pub width: String,
    /// A movement in several frames, drawn across the card.
    pub wide: bool,
    /// Whether this is the "no picture" placeholder.
    pub placeholder: bool,
}

/// What to change in a pose for one condition.
#[derive(Debug, Clone)]
pub struct Modification {
    /// The condition's name.
    pub condition: String,
    /// "Change it" (avoid as written) or "Take care"; empty where the text says
    /// it all: an option the teacher wrote ("do Wall Slides, 10 reps, instead.")
    /// or a prop that makes the step safe ("safe with the yoga block this step uses.").
    pub severity: &'static str,
    /// The modification, in words.
    pub text: String,
}

/// The safety box.
#[derive(Debug, Clone)]
pub struct Safety {
    /// Conditions in the room, with what to keep in mind.
    pub conditions: Vec<(String, String)>,
    /// What `--adapt` changed.
    pub adaptations: Vec<String>,
}

/// A practice log for home.
#[derive(Debug, Clone)]
pub struct Log {
    /// 1..=N.
    pub weeks: Vec<u32>,
    /// One row per strength step.
    pub rows: Vec<LogRow>,
}

/// One strength step in the log.
#[derive(Debug, Clone)]
pub struct LogRow {
    /// The pose.
    pub name: String,
    /// The dose to aim for.
    pub target: String,
    /// What to write down: "best hold (s)" or "reps".
    pub measure: &'static str,
}

impl Page {
    pub(super) fn new(
        routine: &Routine,
        plan: &Plan,
        source_name: &str,
        adaptations: &[Applied],
        options: &Options,
    ) -> Self {
        let meta = &routine.meta;
        let catalog = &routine.catalog;
        let title = meta.title.as_ref().map_or_else(|| fallback_title(source_name), |t| t.value.clone());
        let mut builder = Builder {
            routine,
            plan,
            blocks: Vec::new(),
            cards: Vec::new(),
            section: 0,
            section_name: String::new(),
            rounds: Vec::new(),
            notes: Vec::new(),
            cues: options.cues,
        };
        builder.top(&routine.body);
        // Notes after the last card close the class; a deck shows them on that card.
        if let Some(card) = builder.cards.last_mut() {
            card.then.append(&mut builder.notes);
        }
        let safety = Safety {
            conditions: meta
                .audience
                .iter()
                .filter_map(|a| catalog.condition(&a.value))
                .map(|c| (c.name.clone(), plain(&c.guidance, catalog)))
                .collect(),
            adaptations: changes_words(adaptations, catalog),
        };
        let log = match (options.layout, options.log_weeks) {
            (Layout::Handout, Some(weeks)) if weeks > 0 => Some(log(routine, weeks.min(MAX_LOG_WEEKS))),
            _ => None,
        };
        Page {
            title,
            level: meta.level.as_ref().map(|l| level_words(l.value.word())),
            author: meta.author.as_ref().map(|a| a.value.clone()),
            planned: vocabulary::length_range(plan.total),
            declared: meta.duration.as_ref().map(|d| vocabulary::length_range(d.value)),
            focus: class_focus(routine, plan),
            tags: meta.tags.iter().map(|t| t.value.clone()).collect(),
            date: options.date.clone(),
            props: props(routine),
            timeline: timeline(plan, if options.layout == Layout::Cards { 620 } else { 1000 }),
            blocks: builder.blocks,
            cards: builder.cards,
            safety,
            log,
            notes_lines: match options.layout {
                Layout::Handout => (1..=options.notes_lines.unwrap_or(0).min(MAX_NOTES_LINES)).collect(),
                Layout::Cards => Vec::new(),
            },
            page_css: page_css(options.layout, options.paper),
            paper: match options.paper {
                Paper::A4 => "a4",
                Paper::Letter => "letter",
            },
        }
    }
}

/// A title from the file name when the routine has none: `desk-reset.ybc` → "Desk reset".
fn fallback_title(source_name: &str) -> String {
    let stem = std::path::Path::new(source_name).file_stem().map(|s| s.to_string_lossy()).unwrap_or_default();
    // A file name can hold anything; the handout shows none of its control characters.
    let words: String = stem
        .chars()
        .map(|c| if matches!(c, '-' | '_') || c.is_control() || crate::controls::is_bidi(c) { ' ' } else { c })
        .collect();
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Yoga practice".to_owned(),
    }
}

fn level_words(word: &str) -> String {
    match word {
        "all-levels" => "All levels".to_owned(),
        other => {
            let mut chars = other.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
        }
    }
}

/// A section's heading in words: "Warm-up", "Accessory work".
pub(super) fn section_words(kind: SectionKind) -> &'static str {
    match kind {
        SectionKind::Accessory => "Accessory work",
        other => other.heading(),
    }
}

fn section_class(kind: Option<SectionKind>) -> &'static str {
    kind.map_or("practice", SectionKind::word)
}

/// Walks the routine's body into blocks and cards.
struct Builder<'r> {
    routine: &'r Routine,
    plan: &'r Plan,
    blocks: Vec<Block>,
    cards: Vec<Card>,
    /// How many sections have opened.
    section: usize,
    /// The open section, in words.
    section_name: String,
    /// The open rounds, innermost last.
    rounds: Vec<String>,
    /// Notes waiting for the next card.
    notes: Vec<String>,
    /// Whose cues the cards show.
    cues: Cues,
}

impl Builder<'_> {
    /// The top level: sections, and runs of steps outside any section, which are
    /// gathered under a "Practice" heading of their own so every card has a heading.
    fn top(&mut self, items: &[Item]) {
        let is_section = |item: &Item| matches!(item, Item::Section(_));
        // Each section alone, and each run of items between sections together.
        for group in items.chunk_by(|a, b| !is_section(a) && !is_section(b)) {
            if let [Item::Section(_)] = group {
                self.items(group);
            } else {
                self.open_section(None, None, item_spans(group));
                self.items(group);
                self.blocks.push(Block::SectionEnd);
            }
        }
    }

    fn items(&mut self, items: &[Item]) {
        for item in items {
            match item {
                Item::Section(section) => {
                    self.open_section(Some(section.kind), section.title.clone(), item_spans(&section.body));
                    self.items(&section.body);
                    self.blocks.push(Block::SectionEnd);
                }
                Item::Rounds(rounds) => {
                    let mut label =
                        if rounds.count == 1 { "1 round".to_owned() } else { format!("{} rounds", rounds.count) };
                    if let Some(rest) = &rounds.rest {
                        label.push_str(&format!(", rest {} between rounds", vocabulary::length_range(rest.value)));
                    }
                    self.blocks.push(Block::RoundsStart { label: label.clone() });
                    self.rounds.push(label);
                    self.items(&rounds.body);
                    self.rounds.pop();
                    self.blocks.push(Block::RoundsEnd);
                }
                Item::Step(step) => {
                    if let Some(card) = self.card(step) {
                        self.blocks.push(Block::Card(Box::new(card.clone())));
                        self.cards.push(card);
                    }
                }
                Item::Rest(rest) => {
                    let text = format!("Rest {}", vocabulary::length_range(rest.length.value));
                    if let Some(card) = self.cards.last_mut() {
                        // A note before the rest comes before it on the card, as in the class.
                        card.then.append(&mut self.notes);
                        let mut line = format!("Then r{}", &text[1..]);
                        for cue in &rest.cues {
                            line.push_str(&format!(" · {cue}"));
                        }
                        card.then.push(line);
                    }
                    self.blocks.push(Block::Rest { text, cues: rest.cues.clone() });
                }
                Item::Note(note) => {
                    self.notes.push(note.value.clone());
                    self.blocks.push(Block::Note(note.value.clone()));
                }
            }
        }
    }

    fn open_section(&mut self, kind: Option<SectionKind>, title: Option<String>, spans: Vec<usize>) {
        self.section += 1;
        let kind_words = kind.map_or("Practice", section_words);
        self.section_name = match &title {
            Some(title) => format!("{kind_words}: {title}"),
            None => kind_words.to_owned(),
        };
        let time = self.time_of(&spans);
        self.blocks.push(Block::SectionStart {
            id: format!("part-{}", self.section),
            class: section_class(kind),
            kind: kind.map_or("Practice", section_words).to_owned(),
            title,
            length: time.map_or(String::new(), |(_, total)| vocabulary::length_range(total)),
        });
    }

    /// The first start and the total length of the events from the items at these spans.
    fn time_of(&self, starts: &[usize]) -> Option<(Range, Range)> {
        let mut first = None;
        let mut total = Range::default();
        for event in &self.plan.events {
            if starts.contains(&event.span.start) {
                first.get_or_insert(event.start);
                total.min = total.min.saturating_add(event.seconds.min);
                total.max = total.max.saturating_add(event.seconds.max);
            }
        }
        first.map(|f| (f, total))
    }

    fn card(&mut self, step: &Step) -> Option<Card> {
        if let Some(run) = &step.sequence {
            return Some(self.sequence_card(step, run));
        }
        let routine = self.routine;
        let catalog = &routine.catalog;
        let pose = routine.pose(step)?;
        let number = self.cards.len() + 1;
        let id = format!("step-{number}");
        let name = |id: &String| catalog.pose(id).map_or_else(|| id.clone(), |p| p.english.clone());
        let prop_name = |id: &str| catalog.prop(id).map_or_else(|| id.to_owned(), |p| p.name.clone());
        let used: Vec<&str> = step.props.iter().map(|p| p.value.as_str()).collect();
        let mut mods = Vec::new();
        // The options the teacher wrote for some people come first, in their words.
        for option in &step.options {
            let Some(other) = catalog.pose_at(option.step.pose) else { continue };
            let dose = words::dose(&option.step.dose, option.step.sides, other);
            let mut text = format!("do {}", other.english);
            if !dose.is_empty() {
                text.push_str(&format!(", {dose}"));
                // An option takes the step's sets: say that its dose is for each.
                if step.dose.set_count() > 1 {
                    text.push_str(" each set");
                }
            }
            if !option.step.props.is_empty() {
                let props: Vec<String> = option.step.props.iter().map(|p| prop_name(&p.value).to_lowercase()).collect();
                text.push_str(&format!(", with a {}", props.join(" and a ")));
            }
            text.push_str(", instead.");
            for condition in option.conditions.iter().filter_map(|c| catalog.condition(&c.value)) {
                mods.push(Modification { condition: condition.name.clone(), severity: "", text: text.clone() });
            }
        }
        let optioned = |condition: &str| step.options.iter().any(|o| o.conditions.iter().any(|c| c.value == condition));
        for condition in routine.meta.audience.iter().filter_map(|a| catalog.condition(&a.value)) {
            if optioned(&condition.id) {
                continue;
            }
            for c in pose.contraindications.iter().filter(|c| c.condition == condition.id) {
                let covered: Vec<String> =
                    c.lifted_with.iter().filter(|p| used.contains(&p.as_str())).map(|p| prop_name(p)).collect();
                if !covered.is_empty() {
                    // The prop this step uses is what makes it safe: say so, not "change it".
                    let text = format!(
                        "safe with the {} this step uses. {}",
                        covered.join(" and the ").to_lowercase(),
                        plain(&c.modification, catalog)
                    );
                    mods.push(Modification { condition: condition.name.clone(), severity: "", text });
                    continue;
                }
                let mut text = plain(&c.modification, catalog);
                if let Some(instead) = &c.instead {
                    text.push_str(&format!(" Or do {} instead.", name(instead)));
                }
                if let Some(max) = c.max_hold {
                    text.push_str(&format!(" Hold at most {}.", vocabulary::length(max)));
                }
                mods.push(Modification { condition: condition.name.clone(), severity: change_word(c.severity), text });
            }
        }
        let when = self.when(step, number);
        let own = step.cues.iter().map(|c| plain(&c.value, catalog)).collect();
        let (cues, key_cue) = self.cues.pick(own, pose.cues.first());
        let key_cue = key_cue.map(|k| plain(&k, catalog));
        let easier: Vec<String> = pose.regressions.iter().take(2).map(name).collect();
        let harder: Vec<String> = pose.progressions.iter().take(2).map(name).collect();
        // Roughly how much there is to read, to set a crowded card a little smaller in the deck.
        let text_len = cues.iter().chain(key_cue.iter()).chain(&easier).chain(&harder).map(String::len).sum::<usize>()
            + mods.iter().map(|m| m.text.len() + m.condition.len() + 16).sum::<usize>();
        Some(Card {
            pictures: pictures(pose, step.sides, &id),
            id,
            number,
            english: pose.english.clone(),
            sanskrit: pose.sanskrit.clone(),
            dose: words::dose(&step.dose, step.sides, pose),
            focus: vocabulary::focus_heading(pose.focus),
            props: used.iter().map(|p| prop_name(p)).collect(),
            cues,
            key_cue,
            easier,
            harder,
            mods,
            when,
            long: text_len > 280,
            strip: false,
            section: self.section_name.clone(),
            rounds: self.rounds.last().cloned(),
            notes: std::mem::take(&mut self.notes),
            then: Vec::new(),
        })
    }
}

impl Builder<'_> {
    /// Where a step falls in the class: "Step 4 · at 3:09 · 2 min-2 min 30 s"
    /// (its start, and its whole time with sets, sides and rounds).
    fn when(&self, step: &Step, number: usize) -> String {
        match self.time_of(&[step.span.start]) {
            Some((start, total)) => {
                format!("Step {number} · at {} · {}", vocabulary::clock_range(start), vocabulary::length_range(total))
            }
            None => format!("Step {number}"),
        }
    }

    /// The card of a step that does a sequence: a strip of small figures, one
    /// for each pose in order, the rounds and the breaths, and what to change
    /// for the people in the class, pose by pose.
    fn sequence_card(&mut self, step: &Step, run: &crate::routine::SequenceRun) -> Card {
        let routine = self.routine;
        let catalog = &routine.catalog;
        let number = self.cards.len() + 1;
        let id = format!("step-{number}");
        let sequence = catalog.sequence(&run.id);
        let poses: Vec<(&Pose, &crate::routine::SequenceItem)> =
            run.poses.iter().filter_map(|item| Some((catalog.pose_at(item.pose)?, item))).collect();
        let pictures = poses
            .iter()
            .enumerate()
            .map(|(i, (pose, item))| {
                let mirrored = item.side == Some(crate::catalog::SequenceSide::Left);
                let drawing = figure::draw(&pose.id, mirrored);
                let breaths =
                    if item.breaths == 1 { "1 breath".to_owned() } else { format!("{} breaths", item.breaths) };
                Picture {
                    id: format!("{id}-fig{}", i + 1),
                    title: format!("{}. {}, {breaths}", i + 1, pose.english),
                    placeholder: drawing.is_none(),
                    width: drawing.as_ref().map_or(figure::WIDTH, |d| d.width).to_string(),
                    svg: drawing.map_or_else(figure::placeholder, |d| d.svg),
                    wide: false,
                }
            })
            .collect();
        let dose = words::sequence_dose(step, run, routine.meta.breath_length());
        let order: Vec<String> = poses
            .iter()
            .map(|(pose, item)| match item.breaths {
                1 => pose.english.clone(),
                n => format!("{} ({n} breaths)", pose.english),
            })
            .collect();
        let (mut cues, key_cue) = self
            .cues
            .pick(step.cues.iter().map(|c| plain(&c.value, catalog)).collect(), sequence.and_then(|s| s.cues.first()));
        cues.push(format!("In order: {}.", order.join(", ")));
        let mut mods = Vec::new();
        for condition in routine.meta.audience.iter().filter_map(|a| catalog.condition(&a.value)) {
            let mut seen: Vec<&str> = Vec::new();
            for (pose, _) in &poses {
                if seen.contains(&pose.id.as_str()) {
                    continue;
                }
                seen.push(&pose.id);
                for c in pose.contraindications.iter().filter(|c| c.condition == condition.id) {
                    mods.push(Modification {
                        condition: condition.name.clone(),
                        severity: change_word(c.severity),
                        text: format!("{}: {}", pose.english, plain(&c.modification, catalog)),
                    });
                }
            }
        }
        let when = self.when(step, number);
        let text_len = cues.iter().map(String::len).sum::<usize>()
            + mods.iter().map(|m| m.text.len() + m.condition.len() + 16).sum::<usize>();
        Card {
            pictures,
            id,
            number,
            english: run.name.clone(),
            sanskrit: sequence.and_then(|s| s.sanskrit.clone()),
            dose,
            focus: "Flow",
            props: step
                .props
                .iter()
                .map(|p| catalog.prop(&p.value).map_or_else(|| p.value.clone(), |q| q.name.clone()))
                .collect(),
            cues,
            key_cue,
            easier: Vec::new(),
            harder: Vec::new(),
            mods,
            when,
            long: text_len > 280,
            strip: true,
            section: self.section_name.clone(),
            rounds: self.rounds.last().cloned(),
            notes: std::mem::take(&mut self.notes),
            then: Vec::new(),
        }
    }
}

/// Catalog text, or a teacher's cue, in the words a student reads: a pose written as its id
/// (`cat-cow`, with or without backticks) becomes its English name ("Cat-Cow"),
/// and no backticks are left. Only exact kebab-case pose ids are replaced, so
/// ordinary hyphenated words ("wall-supported") stay as they are.
fn plain(text: &str, catalog: &Catalog) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let id = word.trim_matches('-');
        match catalog.pose(id).filter(|p| id.contains('-') && p.id == id) {
            Some(pose) => {
                let lead = word.len() - word.trim_start_matches('-').len();
                out.push_str(word.get(..lead).unwrap_or_default());
                out.push_str(&pose.english);
                out.push_str(word.get(lead + id.len()..).unwrap_or_default());
            }
            None => out.push_str(word),
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '-' {
            word.push(c);
            continue;
        }
        flush(&mut word, &mut out);
        if c != '`' {
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// What `--adapt` changed, as a student reads it: which pose became which
/// (or the prop added) and why, without line numbers, ids or the notes to the
/// teacher on how to write the routine (the sentences with code in them). The
/// same change on several steps is said once: "…, on 2 steps."
fn changes_words(changes: &[Applied], catalog: &Catalog) -> Vec<String> {
    let mut said: Vec<((String, String), usize)> = Vec::new();
    // The props line is the teacher's business: "What to bring" lists the props.
    for change in changes.iter().filter(|c| !ybc_props_line(c)) {
        let words = change_words(change, catalog);
        match said.iter_mut().find(|(w, _)| *w == words) {
            Some((_, count)) => *count += 1,
            None => said.push((words, 1)),
        }
    }
    said.into_iter()
        .map(|((what, why), count)| {
            let what = match (what.strip_suffix('.'), count) {
                (Some(what), 2..) => format!("{what}, on {count} steps."),
                _ => what,
            };
            [what, why].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
        })
        .collect()
}

/// Whether a change only completes the routine's `props` line.
fn ybc_props_line(change: &Applied) -> bool {
    change.reason.starts_with(crate::adapt::PROPS_LINE_REASON)
}

/// One change in words: what changed ("Cat-Cow instead of Sphinx.", "Yoga
/// block added.") and why.
fn change_words(change: &Applied, catalog: &Catalog) -> (String, String) {
    let first_word = |text: &str| text.split_whitespace().next().map(str::to_owned).unwrap_or_default();
    let name = |text: &str| catalog.pose(&first_word(text)).map(|p| p.english.clone());
    // An option offered to some people: the reason says it in words.
    if change.before.trim().is_empty() && change.after.trim_start().starts_with("or ") {
        return (String::new(), plain(&change.reason, catalog));
    }
    let what = match (name(&change.before), name(&change.after)) {
        (Some(before), Some(after)) if before != after => format!("{after} instead of {before}."),
        _ if change.before.trim().is_empty() => {
            let added: Vec<String> = change
                .after
                .trim_start_matches([',', ' '])
                .trim_start_matches("with ")
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(|p| catalog.prop(p).map_or_else(|| p.to_owned(), |q| q.name.to_lowercase()))
                .collect();
            // The finding names the pose first ("Locust is not safe…", "Teach Locust with care…").
            let reason = change.reason.strip_prefix("Teach ").unwrap_or(&change.reason);
            let pose = catalog
                .poses()
                .filter(|p| reason.strip_prefix(p.english.as_str()).is_some_and(|rest| rest.starts_with(' ')))
                .max_by_key(|p| p.english.len())
                .map_or_else(String::new, |p| format!(" to {}", p.english));
            if added.is_empty() {
                String::new()
            } else {
                vocabulary::sentence(&format!("{} added{pose}", list(&added)))
            }
        }
        _ => String::new(),
    };
    let why: Vec<String> =
        sentences(&change.reason).into_iter().filter(|s| !s.contains('`')).map(|s| plain(&s, catalog)).collect();
    (what, why.join(" "))
}

/// The sentences of a text, each with its full stop: split after ". ", "! " and "? ".
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        current.push(c);
        if matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|n| n.is_whitespace()) {
            out.push(current.trim().to_owned());
            current.clear();
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_owned());
    }
    out
}

/// How a card heads a change for a condition: "Change it" for a pose to
/// avoid, "Take care" for one to teach with care.
fn change_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Avoid => "Change it",
        Severity::Caution => "Take care",
    }
}

/// The start offsets of the spans events carry for these items (steps, rests, rounds).
fn item_spans(items: &[Item]) -> Vec<usize> {
    let mut out = Vec::new();
    for item in items {
        match item {
            Item::Section(s) => out.extend(item_spans(&s.body)),
            Item::Rounds(r) => {
                out.push(r.span.start);
                out.extend(item_spans(&r.body));
            }
            Item::Step(s) => out.push(s.span.start),
            Item::Rest(r) => out.push(r.span.start),
            Item::Note(_) => {}
        }
    }
    out
}

/// The pictogram(s) of a pose: the pose and its mirror image when it is done
/// one side at a time on both sides (a movement in several frames shows one
/// side only), or the placeholder for a pose with no figure.
fn pictures(pose: &Pose, sides: Sides, id: &str) -> Vec<Picture> {
    let Some(drawing) = figure::draw(&pose.id, sides == Sides::Right) else {
        return vec![Picture {
            id: format!("{id}-fig"),
            title: format!("No picture: {} is not in the built-in catalog", pose.english),
            svg: figure::placeholder(),
            width: figure::WIDTH.to_string(),
            wide: false,
            placeholder: true,
        }];
    };
    let wide = drawing.width > figure::WIDTH;
    let both =
        !wide && pose.laterality == Laterality::Unilateral && matches!(sides, Sides::EachSide | Sides::Alternating);
    let mut out = vec![Picture {
        id: format!("{id}-fig"),
        title: if both { format!("{}, one side", pose.english) } else { format!("{}: stick figure", pose.english) },
        svg: drawing.svg,
        width: drawing.width.to_string(),
        wide,
        placeholder: false,
    }];
    if both && let Some(mirror) = figure::draw(&pose.id, true) {
        out.push(Picture {
            id: format!("{id}-fig2"),
            title: format!("{}, the other side", pose.english),
            svg: mirror.svg,
            width: mirror.width.to_string(),
            wide,
            placeholder: false,
        });
    }
    out
}

/// What the class mostly trains, from the planned time of each pose's focus.
fn class_focus(routine: &Routine, plan: &Plan) -> String {
    let mut time: BTreeMap<&'static str, f64> = BTreeMap::new();
    for event in plan.events.iter().filter(|e| e.kind == EventKind::Pose) {
        let Some(pose) = event.pose.and_then(|i| routine.catalog.pose_at(i)) else { continue };
        let seconds = f64::from(event.seconds.min + event.seconds.max) / 2.0;
        match pose.focus {
            Focus::Strength => *time.entry("strength").or_default() += seconds,
            Focus::Mobility => *time.entry("mobility").or_default() += seconds,
            Focus::Both => {
                *time.entry("strength").or_default() += seconds / 2.0;
                *time.entry("mobility").or_default() += seconds / 2.0;
            }
            Focus::Rest => *time.entry("rest").or_default() += seconds,
        }
    }
    let total: f64 = time.values().sum();
    if total <= 0.0 {
        return "Rest and breath".to_owned();
    }
    let mut shares: Vec<(&str, f64)> = time.into_iter().map(|(k, v)| (k, v / total)).collect();
    shares.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    let others: Vec<String> = shares.iter().skip(1).filter(|(_, s)| *s >= 0.15).map(|(k, _)| (*k).to_owned()).collect();
    let Some(&(top, share)) = shares.first() else { return "Rest and breath".to_owned() };
    if share >= 0.5 {
        let mut out = format!("Mostly {top}");
        if !others.is_empty() {
            out.push_str(&format!(", with {}", list(&others)));
        }
        out
    } else {
        let mut all = vec![top.to_owned()];
        all.extend(others);
        vocabulary::capitalize(&list(&all))
    }
}

/// The props checklist: the header's props, every step's `with`, and what a pose
/// cannot be done without, each once, in that order.
fn props(routine: &Routine) -> Vec<PropItem> {
    let catalog = &routine.catalog;
    let steps = routine.steps();
    let mut ids: Vec<String> = routine.meta.props.iter().map(|p| p.value.clone()).collect();
    for (step, _) in &steps {
        ids.extend(step.props.iter().map(|p| p.value.clone()));
        if let Some(pose) = routine.pose(step) {
            ids.extend(pose.props.needs.iter().cloned());
        }
    }
    let mut seen = Vec::new();
    ids.retain(|id| {
        let key = catalog.prop(id).map_or_else(|| id.clone(), |p| p.id.clone());
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
    ids.iter()
        .map(|id| {
            let prop = catalog.prop(id);
            let pid = prop.map_or(id.as_str(), |p| p.id.as_str());
            let mut needed_by = Vec::new();
            let mut used_by = Vec::new();
            // Who each pose is made safe for by this prop: (someone with…, poses).
            let mut safe_for: Vec<(String, Vec<String>)> = Vec::new();
            for (step, _) in &steps {
                let Some(pose) = routine.pose(step) else { continue };
                let name = pose.english.clone();
                let uses = step
                    .props
                    .iter()
                    .any(|p| catalog.prop(&p.value).map_or(p.value.as_str(), |q| q.id.as_str()) == pid);
                if pose.props.needs.iter().any(|n| n == pid) {
                    if !needed_by.contains(&name) {
                        needed_by.push(name);
                    }
                } else if uses && let Some(who) = made_safe_for(routine, pose, pid) {
                    match safe_for.iter_mut().find(|(w, _)| *w == who) {
                        Some((_, poses)) if poses.contains(&name) => {}
                        Some((_, poses)) => poses.push(name),
                        None => safe_for.push((who, vec![name])),
                    }
                } else if uses && !used_by.contains(&name) {
                    used_by.push(name);
                }
            }
            used_by.retain(|name| !safe_for.iter().any(|(_, poses)| poses.contains(name)));
            // The mat is the floor everything else happens on: the upper-back strengthening guide's
            // minimum kit is a mat and a towel, so it is never "optional".
            let base = pid == "mat";
            let needed = !needed_by.is_empty() || !safe_for.is_empty() || base;
            let safety: Vec<String> = safe_for
                .iter()
                .map(|(who, poses)| {
                    let it = if poses.len() == 1 { "it" } else { "them" };
                    format!("needed for {}, to keep {it} safe for {who}", list(poses))
                })
                .collect();
            let purpose = if !needed_by.is_empty() || !safety.is_empty() {
                let mut parts = Vec::new();
                if !needed_by.is_empty() {
                    parts.push(format!("for {}", list(&needed_by)));
                }
                parts.extend(safety);
                parts.join("; ")
            } else if base {
                "for the floor poses".to_owned()
            } else if !used_by.is_empty() {
                format!("optional, for {}", list(&used_by))
            } else {
                "optional".to_owned()
            };
            PropItem {
                name: prop.map_or_else(|| id.clone(), |p| p.name.clone()),
                needed,
                purpose,
                substitute: prop.and_then(|p| p.substitute.clone()),
            }
        })
        .collect()
}

/// Who in the class a prop makes a pose safe for, when the pose is to be
/// avoided or taught with care for a condition in the audience unless done
/// with that prop (the catalog's `lifted_with`): "someone with neck pain".
fn made_safe_for(routine: &Routine, pose: &Pose, prop: &str) -> Option<String> {
    let catalog = &routine.catalog;
    let who: Vec<String> = routine
        .meta
        .audience
        .iter()
        .filter_map(|a| catalog.condition(&a.value))
        .filter(|condition| {
            pose.contraindications.iter().any(|c| {
                c.condition == condition.id
                    && c.lifted_with.iter().any(|p| catalog.prop(p).map_or(p.as_str(), |q| q.id.as_str()) == prop)
            })
        })
        .map(|condition| {
            condition
                .who
                .clone()
                .unwrap_or_else(|| format!("someone with {}", vocabulary::lower_first(&condition.name)))
        })
        .collect();
    if who.is_empty() { None } else { Some(list(&who)) }
}

/// "A", "A and B", "A, B and C".
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The timeline: consecutive events of one section form a segment; a rest step
/// is its own, unless it is inside rounds: a rounds block (its rests
/// included) and a step's sets stay whole in their section's segment, which
/// says how many rounds it holds.
fn timeline(plan: &Plan, total_width: u32) -> Timeline {
    struct Run {
        key: (Option<SectionKind>, Option<std::sync::Arc<str>>, bool),
        start: Range,
        total: Range,
        /// "3 rounds", for each rounds block in the segment.
        rounds: Vec<String>,
    }
    let mut runs: Vec<Run> = Vec::new();
    let mut outer_before: Option<crate::plan::Count> = None;
    for event in &plan.events {
        let rest_step = event.rest_reason == Some(RestReason::Step) && event.rounds.is_empty();
        let key = match &event.section {
            _ if rest_step => (None, None, true),
            Some((kind, title)) => (Some(*kind), title.clone(), false),
            None => (None, None, false),
        };
        let outer = event.rounds.first().copied();
        // A rounds block starts where rounds begin, or where a round's count starts again.
        let new_block = match (outer_before, outer) {
            (None, Some(_)) => true,
            (Some(before), Some(now)) => now.n < before.n || now.of != before.of,
            _ => false,
        };
        outer_before = outer;
        let last = match runs.last_mut() {
            Some(run) if run.key == key => {
                run.total.min += event.seconds.min;
                run.total.max += event.seconds.max;
                run
            }
            _ => {
                runs.push(Run { key, start: event.start, total: event.seconds, rounds: Vec::new() });
                let Some(run) = runs.last_mut() else { continue };
                run
            }
        };
        if let (true, Some(outer)) = (new_block, outer) {
            last.rounds.push(if outer.of == 1 { "1 round".to_owned() } else { format!("{} rounds", outer.of) });
        }
    }
    let mid = |r: Range| f64::from(r.min + r.max) / 2.0;
    let sum: f64 = runs.iter().map(|r| mid(r.total)).sum::<f64>().max(1.0);
    let mut x = 0.0;
    let segments: Vec<Segment> = runs
        .iter()
        .enumerate()
        .map(|(i, run)| {
            let width = mid(run.total) / sum * f64::from(total_width);
            let (kind, pattern) = match &run.key {
                (_, _, true) => ("Rest".to_owned(), "tl-rest"),
                (Some(kind), _, _) => (section_words(*kind).to_owned(), pattern_of(*kind)),
                (None, _, _) => ("Practice".to_owned(), "tl-practice"),
            };
            let segment = Segment {
                number: i + 1,
                x: format!("{x:.1}"),
                width: format!("{width:.1}"),
                center: format!("{:.1}", x + width / 2.0),
                badge: width >= 34.0,
                pattern,
                kind,
                title: run.key.1.as_deref().map(str::to_owned),
                rounds: (!run.rounds.is_empty()).then(|| run.rounds.join(", ")),
                length: vocabulary::length_range(run.total),
                start: vocabulary::clock_range(run.start),
            };
            x += width;
            segment
        })
        .collect();
    let title = segments
        .iter()
        .map(|s| match &s.rounds {
            Some(rounds) => format!("{} {} ({rounds}), {}", s.number, s.kind, s.length),
            None => format!("{} {}, {}", s.number, s.kind, s.length),
        })
        .collect::<Vec<_>>()
        .join("; ");
    Timeline { width: total_width, segments, title: format!("Timeline of the class: {title}") }
}

fn pattern_of(kind: SectionKind) -> &'static str {
    match kind {
        SectionKind::Centering => "tl-centering",
        SectionKind::Breathing => "tl-breathing",
        SectionKind::Warmup => "tl-warmup",
        SectionKind::Flow => "tl-flow",
        SectionKind::Standing => "tl-standing",
        SectionKind::Balance => "tl-balance",
        SectionKind::Strength => "tl-strength",
        SectionKind::Mobility => "tl-mobility",
        SectionKind::Accessory => "tl-accessory",
        SectionKind::Peak => "tl-peak",
        SectionKind::Floor => "tl-floor",
        SectionKind::Cooldown => "tl-cooldown",
        SectionKind::Restorative => "tl-restorative",
        SectionKind::Relaxation => "tl-relaxation",
    }
}

/// The practice log: one row per strength step, in class order, each pose once.
fn log(routine: &Routine, weeks: u32) -> Log {
    let mut rows: Vec<LogRow> = Vec::new();
    for (step, _) in routine.steps() {
        let Some(pose) = routine.pose(step) else { continue };
        if !matches!(pose.focus, Focus::Strength | Focus::Both) || rows.iter().any(|r| r.name == pose.english) {
            continue;
        }
        let measure = if step.dose.reps.is_some() || (step.dose.hold.is_none() && pose.hold.is_none()) {
            "reps"
        } else {
            "best hold (s)"
        };
        rows.push(LogRow { name: pose.english.clone(), target: words::dose(&step.dose, step.sides, pose), measure });
    }
    Log { weeks: (1..=weeks).collect(), rows }
}

/// The `@page` rule for a layout and paper. Margins stay inside what a home
/// printer can print (about 5 mm at the edges).
fn page_css(layout: Layout, paper: Paper) -> String {
    let (size, margin) = match (layout, paper) {
        (Layout::Handout, Paper::A4) => ("210mm 297mm", "11mm 11mm 12mm"),
        (Layout::Handout, Paper::Letter) => ("8.5in 11in", "0.45in 0.45in 0.5in"),
        (Layout::Cards, Paper::A4) => ("148mm 105mm", "6mm"),
        (Layout::Cards, Paper::Letter) => ("6in 4in", "0.25in"),
    };
    format!("@page{{size:{size};margin:{margin}}}")
}

/// Whether `text` is a calendar date written `YYYY-MM-DD`.
pub fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else { return false };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return false;
    }
    let (y, m, d): (u32, u32, u32) = (y.parse().unwrap_or(0), m.parse().unwrap_or(0), d.parse().unwrap_or(0));
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// The UTC calendar date of a Unix time, as `YYYY-MM-DD` (the civil-from-days algorithm).
pub fn date_from_unix(seconds: u64) -> String {
    let days = (seconds / 86_400) as i64 + 719_468;
    let era = days.div_euclid(146_097);
    let doe = days.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_and_computed() {
        assert!(is_date("2026-11-24"));
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2023-02-29"));
        assert!(!is_date("2026-13-01"));
        assert!(!is_date("26-11-24"));
        assert!(!is_date("<b>"));
        assert_eq!(date_from_unix(0), "1970-01-01");
        assert_eq!(date_from_unix(951_782_400), "2000-02-29");
        assert_eq!(date_from_unix(1_795_478_400), "2026-11-24");
    }

    #[test]
    fn catalog_text_names_poses_not_ids() {
        let catalog = Catalog::builtin();
        assert_eq!(
            plain("On hands and knees (cat-cow, table-top), or `wall-scapular-retraction`.", &catalog),
            "On hands and knees (Cat-Cow, Tabletop), or Wall-Supported Scapular Retraction."
        );
        // Hyphenated words that are not pose ids stay, and so do words around an id.
        assert_eq!(plain("wall-supported scapular work", &catalog), "wall-supported scapular work");
        assert_eq!(sentences("A is b: c. Do `x`. Or y!"), ["A is b: c.", "Do `x`.", "Or y!"]);
    }

    #[test]
    fn a_missing_title_comes_from_the_file_name() {
        assert_eq!(fallback_title("routines/desk-reset.ybc"), "Desk reset");
        assert_eq!(fallback_title(""), "Yoga practice");
    }
}
