//! How ybc words things, in one place for every output: lengths as a teacher
//! writes them in a routine (`1m30s`, `20-30s`) and as a person says them
//! (`1 min 30 s`), clock times (`3:09`), counts (`8-12`), a pose's focus, and
//! sentence case. The rules, the emitters, the language server and the
//! command line all use these, so a dose reads the same everywhere.

use crate::catalog::Focus;
use crate::syntax::Range;

/// Seconds as a teacher writes them in a routine: `45s`, `1m30s`, `2h`.
pub fn written_seconds(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let mut out = String::new();
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if m > 0 {
        out.push_str(&format!("{m}m"));
    }
    if s > 0 || out.is_empty() {
        out.push_str(&format!("{s}s"));
    }
    out
}

/// A range of seconds as a teacher writes it: `20s`, `20-30s`, `60-90s`,
/// `1-2m`, `30s-2m`.
pub fn written_range(range: Range) -> String {
    let Range { min, max } = range;
    if min == max {
        written_seconds(min)
    } else if min.is_multiple_of(60) && max.is_multiple_of(60) {
        format!("{}-{}m", min / 60, max / 60)
    } else if max <= 90 {
        format!("{min}-{max}s")
    } else {
        format!("{}-{}", written_seconds(min), written_seconds(max))
    }
}

/// A length in seconds as a person says it: `45 s`, `1 min`, `1 min 30 s`, `1 h 15 min`.
pub fn length(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let mut parts = Vec::new();
    if h > 0 {
        parts.push(format!("{h} h"));
    }
    if m > 0 {
        parts.push(format!("{m} min"));
    }
    if s > 0 || parts.is_empty() {
        parts.push(format!("{s} s"));
    }
    parts.join(" ")
}

/// A length range as a person says it: `20-30 s`, `1-2 min`, `45 s-1 min 30 s`,
/// or one length when exact.
pub fn length_range(range: Range) -> String {
    if range.is_exact() {
        length(range.min)
    } else if range.max < 60 {
        format!("{}-{} s", range.min, range.max)
    } else if range.min.is_multiple_of(60) && range.max.is_multiple_of(60) && range.max < 3600 {
        format!("{}-{} min", range.min / 60, range.max / 60)
    } else {
        format!("{}-{}", length(range.min), length(range.max))
    }
}

/// A count range: `8` or `8-12`.
pub fn count_range(range: Range) -> String {
    if range.is_exact() { range.min.to_string() } else { format!("{}-{}", range.min, range.max) }
}

/// A count of breaths: `1 breath`, `5 breaths`, `5-8 breaths`.
pub fn breaths_range(range: Range) -> String {
    if range == Range::exact(1) { "1 breath".to_owned() } else { format!("{} breaths", count_range(range)) }
}

/// A clock time, `m:ss`.
pub fn clock(seconds: u32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// A clock time `m:ss`, or `m:ss-m:ss` for a range.
pub fn clock_range(range: Range) -> String {
    if range.is_exact() { clock(range.min) } else { format!("{}-{}", clock(range.min), clock(range.max)) }
}

/// What a pose works, in lower case: `strength`, `strength and mobility`.
pub fn focus(focus: Focus) -> &'static str {
    match focus {
        Focus::Strength => "strength",
        Focus::Mobility => "mobility",
        Focus::Both => "strength and mobility",
        Focus::Rest => "rest",
    }
}

/// What a pose works, as a handout's heading says it to students.
pub fn focus_heading(focus: Focus) -> &'static str {
    match focus {
        Focus::Strength => "Strength",
        Focus::Mobility => "Mobility",
        Focus::Both => "Strength and mobility",
        Focus::Rest => "Rest and breath",
    }
}

/// The text with its first letter in upper case.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The text with its first letter in lower case, unless it starts an acronym.
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if !second.is_uppercase() => {
            first.to_lowercase().chain(text.get(first.len_utf8()..).unwrap_or_default().chars()).collect()
        }
        _ => text.to_owned(),
    }
}

/// "neck pain": a condition's name in running text (its id in words when the
/// catalog does not know it).
pub fn condition_words(catalog: &crate::catalog::Catalog, condition: &str) -> String {
    lower_first(&catalog.condition(condition).map_or_else(|| condition.replace('-', " "), |c| c.name.clone()))
}

/// "someone with neck pain", or the condition's own way of naming a person
/// ("someone who is pregnant"); for several conditions, "someone with
/// osteoporosis or neck pain".
pub fn someone_with(catalog: &crate::catalog::Catalog, conditions: &[&str]) -> String {
    if let [one] = conditions
        && let Some(who) = catalog.condition(one).and_then(|c| c.who.clone())
    {
        return who;
    }
    let names: Vec<String> = conditions.iter().map(|c| condition_words(catalog, c)).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("someone with {} or {last}", rest.join(", ")),
        _ => format!("someone with {}", names.join("")),
    }
}

/// The text as a sentence: a capital first letter and a full stop.
pub fn sentence(text: &str) -> String {
    let mut out = capitalize(text.trim());
    if !out.is_empty() && !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(min: u32, max: u32) -> Range {
        Range { min, max }
    }

    #[test]
    fn lengths_read_as_written_and_as_said() {
        assert_eq!(written_seconds(90), "1m30s");
        assert_eq!(written_seconds(0), "0s");
        assert_eq!(written_seconds(3_720), "1h2m");
        assert_eq!(written_range(r(20, 30)), "20-30s");
        assert_eq!(written_range(r(60, 90)), "60-90s");
        assert_eq!(written_range(r(60, 120)), "1-2m");
        assert_eq!(written_range(r(30, 120)), "30s-2m");
        assert_eq!(length(45), "45 s");
        assert_eq!(length(60), "1 min");
        assert_eq!(length(90), "1 min 30 s");
        assert_eq!(length(4500), "1 h 15 min");
        assert_eq!(length(0), "0 s");
        assert_eq!(length_range(r(45, 90)), "45 s-1 min 30 s");
        assert_eq!(length_range(r(20, 30)), "20-30 s");
        assert_eq!(length_range(r(60, 120)), "1-2 min");
        assert_eq!(count_range(r(8, 12)), "8-12");
        assert_eq!(count_range(r(8, 8)), "8");
        assert_eq!(clock_range(r(189, 199)), "3:09-3:19");
    }

    #[test]
    fn sentence_case() {
        assert_eq!(capitalize("élan"), "Élan");
        assert_eq!(lower_first("Neck pain"), "neck pain");
        assert_eq!(lower_first("COPD"), "COPD");
        assert_eq!(sentence(" rest here "), "Rest here.");
        assert_eq!(sentence(""), "");
    }
}
