//! Names that look right but are not: letters from other scripts that look
//! like Latin ones, and invisible characters pasted in from the web.

/// What makes a name look like another one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookalike {
    /// The name with look-alike letters replaced and invisible characters removed.
    pub plain: String,
    /// The first offending character.
    pub culprit: char,
    /// Its byte offset within the name.
    pub offset: usize,
    /// What it is, for the message.
    pub what: &'static str,
}

/// If `name` holds invisible characters or letters that only look Latin,
/// returns the plain-ASCII name it was probably meant to be.
pub fn lookalike(name: &str) -> Option<Lookalike> {
    if name.is_ascii() {
        return None;
    }
    let mut plain = String::with_capacity(name.len());
    let mut first: Option<(char, usize, &'static str)> = None;
    for (offset, c) in name.char_indices() {
        let (replacement, what) = match c {
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => {
                (None, "an invisible character")
            }
            'а' => (Some('a'), "a Cyrillic letter that looks like `a`"),
            'е' => (Some('e'), "a Cyrillic letter that looks like `e`"),
            'о' => (Some('o'), "a Cyrillic letter that looks like `o`"),
            'р' => (Some('p'), "a Cyrillic letter that looks like `p`"),
            'с' => (Some('c'), "a Cyrillic letter that looks like `c`"),
            'у' => (Some('y'), "a Cyrillic letter that looks like `y`"),
            'х' => (Some('x'), "a Cyrillic letter that looks like `x`"),
            'і' => (Some('i'), "a Cyrillic letter that looks like `i`"),
            'ѕ' => (Some('s'), "a Cyrillic letter that looks like `s`"),
            'ј' => (Some('j'), "a Cyrillic letter that looks like `j`"),
            'ο' => (Some('o'), "a Greek letter that looks like `o`"),
            'α' => (Some('a'), "a Greek letter that looks like `a`"),
            'ε' => (Some('e'), "a Greek letter that looks like `e`"),
            'ι' => (Some('i'), "a Greek letter that looks like `i`"),
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => {
                (Some('-'), "a dash that looks like `-`")
            }
            other => {
                plain.push(other);
                continue;
            }
        };
        if let Some(r) = replacement {
            plain.push(r);
        }
        if first.is_none() {
            first = Some((c, offset, what));
        }
    }
    let (culprit, offset, what) = first?;
    Some(Lookalike { plain, culprit, offset, what })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_cyrillic_and_zero_width() {
        let found = lookalike("l\u{043E}cust").map(|l| l.plain);
        assert_eq!(found.as_deref(), Some("locust"));
        let found = lookalike("lo\u{200B}cust").map(|l| (l.plain, l.offset));
        assert_eq!(found, Some(("locust".to_owned(), 2)));
        assert_eq!(lookalike("locust"), None);
        assert_eq!(lookalike("ūrdhva"), None);
    }
}
