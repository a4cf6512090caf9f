//! Completion, from the line being typed (which is often not valid yet): pose
//! names, header keys, section kinds, dose words after a pose, props after
//! `with` and `props`, conditions after `audience`, rule names in allow comments.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, MarkupContent, MarkupKind, TextEdit,
};

use super::cards;
use super::documents::Document;
use super::position::Encoding;
use super::target;
use crate::catalog::{Bounds, Catalog, Pose};
use crate::check::RULES;
use crate::routine::RoutineLevel;
use crate::span::Span;
use crate::syntax::{Range, SectionKind};
use crate::vocabulary::length_range;

/// The header keywords, with what each says.
const HEADERS: [(&str, &str); 9] = [
    ("title", "the class's name, in double quotes"),
    ("author", "who wrote it, in double quotes"),
    ("level", "beginner, intermediate, advanced or all-levels"),
    ("duration", "how long the class is meant to take: 10m, 45-60m"),
    ("props", "the props the class needs, separated by commas"),
    ("audience", "conditions present in the class, separated by commas"),
    ("tags", "your own words for finding the routine"),
    ("pose", "a pose of your own: pose id \"Name\" focus … hold …"),
    ("sequence", "a sequence of your own: sequence id \"Name\": with its poses and breaths below"),
];

/// The words of a custom pose's definition after its name.
const POSE_ATTRS: [(&str, &str); 16] = [
    ("focus", "what it trains: strength, mobility, both or rest"),
    ("hold", "recommended hold: hold 20-40s"),
    ("per-rep", "how long one rep takes: per-rep 5s"),
    ("rest", "recommended rest between sets: rest 30-60s"),
    ("unilateral", "done one side at a time"),
    ("loads-shoulders", "bears weight on, or loads, the shoulders"),
    ("overhead", "reaches the arms overhead"),
    ("props", "props that can help"),
    ("avoid", "not to be taught as written with these conditions"),
    ("caution", "teach with care with these conditions"),
    ("instead", "the pose to offer instead"),
    ("sanskrit", "Sanskrit name, in double quotes"),
    ("family", "the family it belongs to"),
    ("spine", "extension, flexion, rotation, neutral or mixed"),
    ("level", "beginner, intermediate or advanced"),
    ("reps", "recommended reps per set: 8-12 reps"),
];

/// Which dose word is already on a step, so it is not offered again.
#[derive(Default)]
struct Used {
    hold: bool,
    reps: bool,
    sets: bool,
    rest: bool,
    tempo: bool,
    sides: bool,
    with: bool,
}

/// How completions are shown.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Whether documentation may be markdown.
    pub markdown: bool,
    /// The agreed position encoding.
    pub encoding: Encoding,
}

/// Completions at byte `offset`.
pub fn complete(document: &Document, offset: usize, style: Style) -> Vec<CompletionItem> {
    let text = &document.text;
    let line = document.lines.line_of(offset);
    let line_start = document.lines.line_start(line);
    let line_end = document.lines.line_end(text, line);
    let offset = offset.clamp(line_start, line_end);
    let prefix = text.get(line_start..offset).unwrap_or("");
    let suffix = text.get(offset..line_end).unwrap_or("");
    let partial_len =
        prefix.len() - prefix.trim_end_matches(|c: char| !matches!(c, ' ' | '\t' | ',' | '"' | '(')).len();
    let replace = document.range(Span::new(offset - partial_len, offset), style.encoding);
    let mut out = Out { replace, style, items: Vec::new() };
    let tokens = match tokenize(prefix) {
        Typed::Tokens(tokens) => tokens,
        Typed::Comment => return allow_rules(prefix, out),
        Typed::Cue => return Vec::new(),
    };
    let words: Vec<&str> = tokens.iter().map(String::as_str).filter(|t| *t != ",").collect();
    let owner = owner(&tokens).map(str::to_lowercase);
    let indent = prefix.len() - prefix.trim_start_matches([' ', '\t']).len();
    let catalog = &document.compiled.routine.catalog;
    let Some(head) = words.first().map(|w| w.to_lowercase()) else {
        let before_body = document.compiled.document.body.first().is_none_or(|n| n.span().start >= line_start);
        if indent == 0 && before_body {
            headers(document, &mut out);
        }
        if indent == 0 {
            let colon = if suffix.trim().is_empty() { ":" } else { "" };
            for word in SectionKind::WORDS {
                let kind = SectionKind::from_word(word).map_or(word, SectionKind::heading);
                out.push(
                    word,
                    &format!("{word}{colon}"),
                    CompletionItemKind::MODULE,
                    &format!("{kind} section"),
                    None,
                    "2",
                );
            }
        }
        poses(catalog, &document.audience(), &mut out);
        out.push("rest", "rest", CompletionItemKind::KEYWORD, "a rest step: rest 60s", None, "3");
        out.push("note", "note", CompletionItemKind::KEYWORD, "a note for the teacher: note \"…\"", None, "3");
        out.push("rounds", "3 rounds:", CompletionItemKind::SNIPPET, "repeat the steps indented under it", None, "3");
        return out.items;
    };
    match head.as_str() {
        "level" if words.len() == 1 => {
            for word in RoutineLevel::WORDS {
                out.push(word, word, CompletionItemKind::ENUM_MEMBER, "level", None, "0");
            }
        }
        "props" if owner.as_deref() == Some("props") => props(catalog, &words, &mut out),
        "audience" if owner.as_deref() == Some("audience") => conditions(catalog, &words, &mut out),
        "pose" if words.len() >= 3 => pose_attrs(catalog, &words, owner.as_deref(), &mut out),
        "title" | "author" | "level" | "duration" | "props" | "audience" | "tags" | "pose" | "rest" | "note" => {}
        _ if is_count(&head) => {
            if words.len() == 1 {
                out.push(
                    "rounds",
                    "rounds",
                    CompletionItemKind::KEYWORD,
                    "repeat the steps below: 3 rounds:",
                    None,
                    "0",
                );
            }
        }
        _ if indent == 0 && SectionKind::from_word(&head).is_some() => {}
        _ => step_words(
            catalog.pose(words.first().copied().unwrap_or_default()),
            &words,
            owner.as_deref(),
            catalog,
            &mut out,
        ),
    }
    out.items
}

/// Completion items being collected, all replacing the word being typed.
struct Out {
    replace: lsp_types::Range,
    style: Style,
    items: Vec<CompletionItem>,
}

impl Out {
    fn push(
        &mut self,
        label: &str,
        insert: &str,
        kind: CompletionItemKind,
        detail: &str,
        doc: Option<String>,
        sort: &str,
    ) {
        let documentation = doc.map(|text| {
            Documentation::MarkupContent(if self.style.markdown {
                MarkupContent { kind: MarkupKind::Markdown, value: text }
            } else {
                MarkupContent { kind: MarkupKind::PlainText, value: cards::plain(&text) }
            })
        });
        self.items.push(CompletionItem {
            label: label.to_owned(),
            kind: Some(kind),
            detail: Some(detail.to_owned()),
            documentation,
            sort_text: Some(format!("{sort}{label}")),
            filter_text: Some(label.to_owned()),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(self.replace, insert.to_owned()))),
            ..CompletionItem::default()
        });
    }
}

/// Where the cursor is on its line.
#[derive(Debug, PartialEq, Eq)]
enum Typed {
    /// In the statement, after these tokens (a quoted cue is one token; commas
    /// are tokens of their own; the word being typed is not a token yet).
    Tokens(Vec<String>),
    /// Inside a cue: nothing to complete.
    Cue,
    /// Inside a comment: maybe an allow comment's rule list.
    Comment,
}

/// Reads the line up to the cursor.
fn tokenize(prefix: &str) -> Typed {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut chars = prefix.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | ',' => {
                if !current.is_empty() {
                    tokens.push(std::mem::take(&mut current));
                }
                if c == ',' {
                    tokens.push(",".to_owned());
                }
            }
            '"' => {
                let mut cue = String::from('"');
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some(c) => cue.push(c),
                        None => return Typed::Cue,
                    }
                }
                current.push_str(&cue);
                current.push('"');
            }
            '#' => return Typed::Comment,
            _ => current.push(c),
        }
    }
    Typed::Tokens(tokens)
}

/// The word a list or value being typed belongs to: `with` in `with mat, bl`,
/// `hold` in `hold `, `props` in `props mat, `.
fn owner(tokens: &[String]) -> Option<&str> {
    let mut i = tokens.len();
    if tokens.get(i.checked_sub(1)?)? != "," {
        return tokens.get(i - 1).map(String::as_str);
    }
    loop {
        // Skip a comma and the name before it.
        i = i.checked_sub(2)?;
        let before = tokens.get(i.checked_sub(1)?)?;
        if before != "," {
            return Some(before);
        }
    }
}

fn is_count(word: &str) -> bool {
    !word.is_empty() && word.split('-').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
}

fn allow_rules(prefix: &str, mut out: Out) -> Vec<CompletionItem> {
    let Some(hash) = prefix.rfind('#') else { return Vec::new() };
    let comment = prefix.get(hash..).unwrap_or("");
    let Some(open) = target::allow_list_start(comment) else { return Vec::new() };
    if comment.get(open..).is_some_and(|list| list.contains(')')) {
        return Vec::new();
    }
    let written: Vec<String> = target::allow_names(comment, 0).into_iter().map(|n| n.value).collect();
    for rule in RULES {
        if !written.iter().any(|w| w == rule.info.name) {
            let doc = Some(cards::rule(rule));
            out.push(rule.info.name, rule.info.name, CompletionItemKind::REFERENCE, rule.info.summary, doc, "0");
        }
    }
    out.items
}

fn headers(document: &Document, out: &mut Out) {
    for (word, detail) in HEADERS {
        let given = document.compiled.document.headers.iter().any(|h| h.kind.keyword() == word);
        if word == "pose" || word == "sequence" || !given {
            out.push(word, word, CompletionItemKind::KEYWORD, detail, None, "1");
        }
    }
}

/// Every pose by id, then by its other names.
fn poses(catalog: &Catalog, audience: &[String], out: &mut Out) {
    for pose in catalog.poses() {
        let names = match &pose.sanskrit {
            Some(sanskrit) => format!("{} · {sanskrit}", pose.english),
            None => pose.english.clone(),
        };
        let card = cards::pose(pose, catalog, audience);
        out.push(&pose.id, &pose.id, CompletionItemKind::VALUE, &names, Some(card.clone()), "4");
        for alias in &pose.aliases {
            let detail = format!("{names} (another name for {})", pose.id);
            out.push(alias, alias, CompletionItemKind::VALUE, &detail, Some(card.clone()), "5");
        }
    }
    for sequence in catalog.sequences() {
        let names = format!("{}, a sequence of {} poses", sequence.english, sequence.poses.len());
        let card = crate::explain::sequence(sequence, catalog);
        out.push(&sequence.id, &sequence.id, CompletionItemKind::VALUE, &names, Some(card.clone()), "4");
        for alias in &sequence.aliases {
            let detail = format!("{names} (another name for {})", sequence.id);
            out.push(alias, alias, CompletionItemKind::VALUE, &detail, Some(card.clone()), "5");
        }
    }
}

fn props(catalog: &Catalog, words: &[&str], out: &mut Out) {
    for prop in catalog.props() {
        if !words.iter().any(|w| catalog.prop(w).is_some_and(|p| p.id == prop.id)) {
            out.push(&prop.id, &prop.id, CompletionItemKind::ENUM_MEMBER, &prop.name, None, "0");
        }
    }
}

fn conditions(catalog: &Catalog, words: &[&str], out: &mut Out) {
    for condition in catalog.conditions() {
        if !words.iter().any(|w| catalog.condition(w).is_some_and(|c| c.id == condition.id)) {
            let doc = Some(condition.guidance.clone());
            out.push(&condition.id, &condition.id, CompletionItemKind::ENUM_MEMBER, &condition.name, doc, "0");
        }
    }
}

fn words_of(list: &[&str], out: &mut Out, detail: &str) {
    for word in list {
        out.push(word, word, CompletionItemKind::ENUM_MEMBER, detail, None, "0");
    }
}

/// After `pose id "Name"`: its attributes, or the values one of them takes.
fn pose_attrs(catalog: &Catalog, words: &[&str], owner: Option<&str>, out: &mut Out) {
    match owner {
        Some("focus") => words_of(&["strength", "mobility", "both", "rest"], out, "focus"),
        Some("spine") => words_of(&["extension", "flexion", "rotation", "neutral", "mixed"], out, "spine"),
        Some("level") => words_of(&["beginner", "intermediate", "advanced"], out, "level"),
        Some("props") => props(catalog, words, out),
        Some("avoid" | "caution") => conditions(catalog, words, out),
        Some("instead") => poses(catalog, &[], out),
        Some("family") => {
            let mut families: Vec<&str> = catalog.poses().map(|p| p.family.as_str()).collect();
            families.sort_unstable();
            families.dedup();
            words_of(&families, out, "family");
        }
        Some("sanskrit" | "hold" | "per-rep" | "rest") => {}
        _ => {
            for (word, detail) in POSE_ATTRS {
                if !words.iter().skip(3).any(|w| w.eq_ignore_ascii_case(word)) {
                    out.push(word, word, CompletionItemKind::KEYWORD, detail, None, "0");
                }
            }
        }
    }
}

fn range(bounds: Bounds) -> Range {
    Range { min: bounds.min, max: bounds.max }
}

/// `15-45s`, as a teacher writes a length range.
fn written_length(bounds: Bounds) -> String {
    length_range(range(bounds)).replace(' ', "").replace("min", "m")
}

/// After a pose: the dose words not yet on the step, or the value a word takes.
fn step_words(pose: Option<&Pose>, words: &[&str], owner: Option<&str>, catalog: &Catalog, out: &mut Out) {
    match owner {
        Some("with") => return props(catalog, words, out),
        Some("hold") => {
            if let Some(hold) = pose.and_then(|p| p.hold) {
                let value = written_length(hold);
                out.push(&value, &value, CompletionItemKind::VALUE, "the catalog's recommended hold", None, "0");
            }
            return;
        }
        Some("rest") => {
            if let Some(rest) = pose.and_then(|p| p.rest) {
                let value = written_length(rest);
                out.push(
                    &value,
                    &value,
                    CompletionItemKind::VALUE,
                    "the catalog's recommended rest between sets",
                    None,
                    "0",
                );
            }
            return;
        }
        Some("each") => {
            out.push("side", "side", CompletionItemKind::KEYWORD, "left, then right", None, "0");
            return;
        }
        Some("tempo") => return,
        Some(word) if is_count(word) && words.len() > 1 => {
            out.push("reps", "reps", CompletionItemKind::KEYWORD, "repetitions per set", None, "0");
            return;
        }
        _ => {}
    }
    let mut used = Used::default();
    for word in words.iter().skip(1) {
        match word.to_lowercase().as_str() {
            "hold" => used.hold = true,
            "reps" | "rep" => used.reps = true,
            "rest" => used.rest = true,
            "tempo" => used.tempo = true,
            "each" | "side" | "alternating" | "left" | "right" => used.sides = true,
            "with" => used.with = true,
            w if w.starts_with('x') && w.len() > 1 && w.bytes().skip(1).all(|b| b.is_ascii_digit()) => used.sets = true,
            _ => {}
        }
    }
    let keyword = CompletionItemKind::KEYWORD;
    if !used.hold {
        out.push("hold", "hold", keyword, "a still hold: hold 30s", None, "0");
    }
    if !used.reps
        && let Some(reps) = pose.and_then(|p| p.reps)
    {
        let label = format!("{}-{} reps", reps.min, reps.max);
        out.push(&label, &label, keyword, "the catalog's recommended reps per set", None, "1");
    }
    if !used.sets {
        let sets = pose.and_then(|p| p.sets).map_or(3, |s| s.min.max(2));
        out.push(&format!("x{sets}"), &format!("x{sets}"), keyword, "sets: do it this many times", None, "1");
    }
    if !used.rest {
        out.push("rest", "rest", keyword, "rest between sets: rest 45s (needs x2 or more)", None, "1");
    }
    if !used.tempo && !used.hold {
        out.push("tempo", "tempo", keyword, "seconds per rep, to go, pause and come back: tempo 3-1-3", None, "2");
    }
    if !used.sides {
        out.push("each side", "each side", keyword, "left, then right; reps and holds per side", None, "2");
        out.push("alternating", "alternating", keyword, "reps switch sides, counted across both", None, "2");
        out.push("left", "left", keyword, "left side only", None, "3");
        out.push("right", "right", keyword, "right side only", None, "3");
    }
    if !used.with {
        out.push("with", "with", keyword, "props this step uses: with block, strap", None, "2");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_cues_whole_and_commas_apart() {
        assert_eq!(
            tokenize("locust hold 30s \"a b\" with mat,"),
            Typed::Tokens(vec![
                "locust".to_owned(),
                "hold".to_owned(),
                "30s".to_owned(),
                "\"a b\"".to_owned(),
                "with".to_owned(),
                "mat".to_owned(),
                ",".to_owned()
            ])
        );
        assert_eq!(tokenize("locust \"open cue"), Typed::Cue);
        assert_eq!(tokenize("locust # ybc: allow("), Typed::Comment);
    }

    #[test]
    fn the_owner_is_the_word_a_list_hangs_from() {
        let owner_of = |line: &str| match tokenize(line) {
            Typed::Tokens(t) => owner(&t).map(str::to_owned),
            _ => None,
        };
        assert_eq!(owner_of("locust with mat, block, ").as_deref(), Some("with"));
        assert_eq!(owner_of("props ").as_deref(), Some("props"));
        assert_eq!(owner_of("locust hold ").as_deref(), Some("hold"));
        assert_eq!(owner_of("").as_deref(), None);
    }
}
