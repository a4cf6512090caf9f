//! One statement printed in the canonical style: keywords in lower case, one
//! space between parts, a step's parts in one order, values (durations,
//! counts, quoted text, names) exactly as the teacher wrote them.

use std::borrow::Cow;

use crate::catalog::Catalog;
use crate::routine::RoutineLevel;
use crate::span::Span;
use crate::syntax::{Document, Header, HeaderKind, Node, PoseAttr, PoseDef, SectionKind, Spanned, StepItem};

/// How names are written: as the teacher wrote them, or by their catalog id.
pub(super) struct Names<'a> {
    catalog: &'a Catalog,
    /// The ids of the poses the routine defines itself.
    custom: Vec<String>,
    canonical: bool,
}

impl<'a> Names<'a> {
    pub(super) fn new(document: &Document, catalog: &'a Catalog, canonical: bool) -> Self {
        let custom = document
            .headers
            .iter()
            .filter_map(|h| match &h.kind {
                HeaderKind::Pose(pose) => Some(pose.id.value.clone()),
                _ => None,
            })
            .collect();
        Self { catalog, custom, canonical }
    }

    /// A pose as it should be written.
    pub(super) fn pose<'n>(&self, name: &'n str) -> Cow<'n, str> {
        if !self.canonical {
            return Cow::Borrowed(name);
        }
        if let Some(id) = self.custom.iter().find(|id| id.eq_ignore_ascii_case(name)) {
            return Cow::Owned(id.clone());
        }
        self.catalog.pose(name).map_or(Cow::Borrowed(name), |p| Cow::Owned(p.id.clone()))
    }

    /// A prop as it should be written.
    pub(super) fn prop<'n>(&self, name: &'n str) -> Cow<'n, str> {
        match self.catalog.prop(name) {
            Some(prop) if self.canonical => Cow::Owned(prop.id.clone()),
            _ => Cow::Borrowed(name),
        }
    }

    /// A condition as it should be written.
    pub(super) fn condition<'n>(&self, name: &'n str) -> Cow<'n, str> {
        match self.catalog.condition(name) {
            Some(condition) if self.canonical => Cow::Owned(condition.id.clone()),
            _ => Cow::Borrowed(name),
        }
    }

    /// A section kind: a known kind in lower case (`Warm-Up` → `warm-up`), or
    /// its one word with canonical names (`warmup`); an unknown word as written.
    pub(super) fn section<'n>(&self, kind: &'n str) -> Cow<'n, str> {
        match SectionKind::from_word(kind) {
            Some(known) if self.canonical => Cow::Borrowed(known.word()),
            Some(_) => Cow::Owned(kind.to_ascii_lowercase()),
            None => Cow::Borrowed(kind),
        }
    }

    /// A level: a known level in lower case, an unknown word as written.
    pub(super) fn level<'n>(&self, level: &'n str) -> Cow<'n, str> {
        match RoutineLevel::from_word(level) {
            Some(known) => Cow::Borrowed(known.word()),
            None => Cow::Borrowed(level),
        }
    }
}

/// The order of header lines.
pub(super) fn header_rank(kind: &HeaderKind) -> u8 {
    match kind {
        HeaderKind::Title(_) => 0,
        HeaderKind::Author(_) => 1,
        HeaderKind::Level(_) => 2,
        HeaderKind::Duration(_) => 3,
        HeaderKind::Breath(_) => 4,
        HeaderKind::Props(_) => 5,
        HeaderKind::Audience(_) => 6,
        HeaderKind::Tags(_) => 7,
        HeaderKind::Pose(_) => 8,
    }
}

/// The order of a step's parts: reps, hold or duration, sets, rest, tempo,
/// sides, `with`, options (`or … for …`), cues. Parts of one kind keep their order.
pub(super) fn item_rank(item: &StepItem) -> u8 {
    match item {
        StepItem::Reps(_) => 0,
        StepItem::Hold(_) | StepItem::Work(_) | StepItem::HoldBreaths(_) | StepItem::Breaths(_) => 1,
        StepItem::Sets(_) => 2,
        StepItem::Rest(_) => 3,
        StepItem::Tempo(_) => 4,
        StepItem::EachSide | StepItem::Alternating | StepItem::Left | StepItem::Right => 5,
        StepItem::With(_) => 6,
        StepItem::Option(_) => 7,
        StepItem::Cue(_) => 8,
        // Refused before printing; last, if ever.
        StepItem::Stray(_) | StepItem::Invalid => 9,
    }
}

/// Prints statements of one source text.
pub(super) struct Printer<'a> {
    pub(super) text: &'a str,
    pub(super) names: &'a Names<'a>,
}

impl Printer<'_> {
    fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    /// A number, length or range as written, with the dash of a range as `-`
    /// (`20–30s`, copied from an article with an en dash, → `20-30s`).
    fn value(&self, span: Span) -> Cow<'_, str> {
        let text = self.slice(span);
        if text.contains(['–', '—']) { Cow::Owned(text.replace(['–', '—'], "-")) } else { Cow::Borrowed(text) }
    }

    /// The words of a span, with the first (a keyword) in lower case:
    /// `Tempo   3-1-3` → `tempo 3-1-3`.
    fn keyword_value(&self, span: Span) -> String {
        let value = self.value(span);
        let mut words = value.split_whitespace();
        let mut out = words.next().unwrap_or("").to_ascii_lowercase();
        for word in words {
            out.push(' ');
            out.push_str(word);
        }
        out
    }

    /// `8 Reps` → `8 reps`; `1 rep`, `10 pulses` and `5 breaths` stay as
    /// written, in lower case.
    fn count_word(&self, span: Span) -> String {
        let value = self.value(span);
        let mut words = value.split_whitespace();
        let count = words.next().unwrap_or("");
        let word = words.next_back().unwrap_or("reps").to_ascii_lowercase();
        format!("{count} {word}")
    }

    fn list(&self, keyword: &str, names: &[Spanned<String>], name: impl for<'n> Fn(&'n str) -> Cow<'n, str>) -> String {
        let names: Vec<String> = names.iter().map(|n| name(&n.value).into_owned()).collect();
        format!("{keyword} {}", names.join(", "))
    }

    /// A header line.
    pub(super) fn header(&self, header: &Header) -> String {
        let names = self.names;
        match &header.kind {
            HeaderKind::Title(s) => format!("title {}", self.slice(s.span)),
            HeaderKind::Author(s) => format!("author {}", self.slice(s.span)),
            HeaderKind::Level(l) => format!("level {}", names.level(&l.value)),
            HeaderKind::Duration(d) => format!("duration {}", self.value(d.span)),
            HeaderKind::Breath(b) => format!("breath {}", self.value(b.span)),
            HeaderKind::Props(list) => self.list("props", list, |n| names.prop(n)),
            HeaderKind::Audience(list) => self.list("audience", list, |n| names.condition(n)),
            HeaderKind::Tags(list) => self.list("tags", list, |n| Cow::Borrowed(n)),
            HeaderKind::Pose(pose) => self.pose_def(pose),
        }
    }

    fn pose_def(&self, pose: &PoseDef) -> String {
        let names = self.names;
        let mut out = format!("pose {} {}", self.slice(pose.id.span), self.slice(pose.name.span));
        for attr in &pose.attrs {
            let span = attr.span;
            let text = match &attr.value {
                PoseAttr::Focus(_)
                | PoseAttr::Family(_)
                | PoseAttr::Spine(_)
                | PoseAttr::Level(_)
                | PoseAttr::Hold(_)
                | PoseAttr::PerRep(_)
                | PoseAttr::Rest(_)
                | PoseAttr::Unilateral
                | PoseAttr::LoadsShoulders
                | PoseAttr::Overhead => self.keyword_value(span),
                PoseAttr::Reps(_) => self.count_word(span),
                PoseAttr::Sanskrit(_) => {
                    let whole = self.slice(span);
                    format!("sanskrit {}", whole.get(whole.find('"').unwrap_or(0)..).unwrap_or(""))
                }
                PoseAttr::Instead(name) => format!("instead {}", names.pose(&name.value)),
                PoseAttr::Props(list) => self.list("props", list, |n| names.prop(n)),
                PoseAttr::Avoid(list) => self.list("avoid", list, |n| names.condition(n)),
                PoseAttr::Caution(list) => self.list("caution", list, |n| names.condition(n)),
                PoseAttr::Cue(_) | PoseAttr::Stray(_) | PoseAttr::Invalid => self.slice(span).to_owned(),
            };
            out.push(' ');
            out.push_str(&text);
        }
        out
    }

    /// A body statement (for a block, its head line).
    pub(super) fn node(&self, node: &Node) -> String {
        match node {
            Node::Section(section) => {
                let mut out = self.names.section(&section.kind.value).into_owned();
                if let Some(title) = &section.title {
                    out.push(' ');
                    out.push_str(self.slice(title.span));
                }
                out.push(':');
                out
            }
            Node::Rounds(rounds) => {
                let word = self.slice(rounds.span).split_whitespace().nth(1).unwrap_or("rounds").to_ascii_lowercase();
                let mut out = format!("{} {word}", self.value(rounds.count.span));
                if let Some(rest) = &rounds.rest {
                    out.push_str(" rest ");
                    out.push_str(&self.value(rest.span));
                }
                out.push(':');
                out
            }
            Node::Step(step) => {
                let mut items: Vec<&Spanned<StepItem>> = step.items.iter().collect();
                items.sort_by_key(|item| item_rank(&item.value));
                let mut out = self.names.pose(&step.pose.value).into_owned();
                for item in items {
                    out.push(' ');
                    out.push_str(&self.item(item));
                }
                out
            }
            Node::Rest(rest) => {
                let mut out = format!("rest {}", self.value(rest.length.span));
                for cue in &rest.cues {
                    out.push(' ');
                    out.push_str(self.slice(cue.span));
                }
                out
            }
            Node::Note(note) => format!("note {}", self.slice(note.span)),
            Node::Sequence(sequence) => {
                let mut out = format!("sequence {}", self.slice(sequence.id.span));
                if let Some(name) = &sequence.name {
                    out.push(' ');
                    out.push_str(self.slice(name.span));
                }
                out.push(':');
                out
            }
        }
    }

    fn item(&self, item: &Spanned<StepItem>) -> String {
        match &item.value {
            StepItem::Hold(value) => format!("hold {}", self.value(value.span)),
            StepItem::Work(value) => self.value(value.span).into_owned(),
            StepItem::Reps(_) | StepItem::Breaths(_) => self.count_word(item.span),
            StepItem::HoldBreaths(count) => format!("hold {}", self.count_word(count.span)),
            // `X 3` → `x3`.
            StepItem::Sets(_) => self.slice(item.span).split_whitespace().collect::<String>().to_ascii_lowercase(),
            StepItem::Rest(value) => format!("rest {}", self.value(value.span)),
            StepItem::Tempo(_) => self.keyword_value(item.span),
            StepItem::EachSide => "each side".to_owned(),
            StepItem::Alternating => "alternating".to_owned(),
            StepItem::Left => "left".to_owned(),
            StepItem::Right => "right".to_owned(),
            StepItem::With(list) => self.list("with", list, |n| self.names.prop(n)),
            StepItem::Option(option) => {
                let mut items: Vec<&Spanned<StepItem>> = option.items.iter().collect();
                items.sort_by_key(|item| item_rank(&item.value));
                let mut out = format!("or {}", self.names.pose(&option.pose.value));
                for item in items {
                    out.push(' ');
                    out.push_str(&self.item(item));
                }
                out.push(' ');
                out.push_str(&self.list("for", &option.conditions, |n| self.names.condition(n)));
                out
            }
            StepItem::Cue(_) | StepItem::Stray(_) | StepItem::Invalid => self.slice(item.span).to_owned(),
        }
    }
}
