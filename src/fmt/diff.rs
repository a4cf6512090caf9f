//! The difference between a routine and its formatted text, as a unified diff
//! (what `ybc fmt --check` prints).

use similar::TextDiff;

/// A unified diff from `before` to `after` with three lines of context, both
/// sides named `name`; empty when the texts are equal.
pub fn unified_diff(name: &str, before: &str, after: &str) -> String {
    if before == after {
        return String::new();
    }
    TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("{name}\t(original)"), &format!("{name}\t(formatted)"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_line_shows_as_removed_and_added() {
        let diff = unified_diff("a.ybc", "locust  hold 30s\n", "locust hold 30s\n");
        assert_eq!(
            diff,
            "--- a.ybc\t(original)\n+++ a.ybc\t(formatted)\n@@ -1 +1 @@\n-locust  hold 30s\n+locust hold 30s\n"
        );
        assert_eq!(unified_diff("a.ybc", "x\n", "x\n"), "");
    }
}
