//! Every code a diagnostic can carry that is not a rule: what reading,
//! looking names up, planning, formatting and loading report. With the rules
//! (`check::RULES`), this is every code any output prints, and `ybc explain`
//! explains each one from here.

/// A code that a stage reports, with what it means and how to fix it.
#[derive(Debug)]
pub struct Code {
    /// The code, as the outputs print it (`error[unknown-pose]`).
    pub name: &'static str,
    /// What it reports, in a phrase.
    pub summary: &'static str,
    /// Why it is reported and what to do, for a teacher.
    pub explanation: &'static str,
    /// A routine that gets it, and the same routine fixed; `None` where the
    /// code is about something else than a routine's text (a file that can't
    /// be read, a config) or needs a file too large to show.
    pub example: Option<(&'static str, &'static str)>,
}

/// The codes, by where they are found: reading a file, reading its lines,
/// looking names up, planning, and the tools around the check.
pub const CODES: &[Code] = &[
    Code {
        name: "io",
        summary: "a file ybc was asked to read could not be read",
        explanation: "The file is missing, is a folder or a device, is not readable by the user ybc runs as, or is \
larger than the 64 MB ybc reads. The message says which, and the help how to fix it.",
        example: None,
    },
    Code {
        name: "encoding",
        summary: "a file that is not UTF-8 text",
        explanation: "A routine is plain text saved as UTF-8, the usual setting in any editor. A file saved as \
UTF-16, or one that is not text at all, is refused; the message says how to save it again as UTF-8.",
        example: None,
    },
    Code {
        name: "control-character",
        summary: "an invisible control character in the text",
        explanation: "Control characters (other than tab) and the bidirectional overrides can change what a \
terminal, a CI log or an editor shows, so ybc refuses them wherever they are. Delete the character the \
diagnostic points at; text copied from a terminal or a word processor often carries one.",
        example: None,
    },
    Code {
        name: "line-too-long",
        summary: "a line of more than 10,000 characters",
        explanation: "No step, note or header comes near 10,000 characters; a longer line is usually a pasted \
document or a file that is not a routine. The line is not read and nothing of it is quoted. Put one step, rest, \
note or header on each line.",
        example: None,
    },
    Code {
        name: "file-too-long",
        summary: "a file of more than 10,000 steps, rests, notes and headers",
        explanation: "A class of a day of one-minute poses has 1,440 steps. Past 10,000 lines that say something \
(comments and blank lines aside), ybc reads no further, so that a runaway file costs little to check; the rest \
of the file is not checked and `ybc fmt` does not format it. Split the class into several routines.",
        example: None,
    },
    Code {
        name: "too-many",
        summary: "the note that counts the problems not listed",
        explanation: "ybc lists the first 1,000 problems in a file, then this note, which counts the rest by \
severity. It is an error when any of them is, so that a check still fails on a mistake it does not list. Fix \
the problems listed and check again.",
        example: None,
    },
    Code {
        name: "syntax",
        summary: "a line, or a part of one, that ybc cannot read",
        explanation: "Each line is a header, a section or rounds heading ending in `:`, a step, a rest or a note. \
After a step's pose come its dose, sides, props and cues in double quotes; a word that is none of these is \
reported where it is. The help lists what may come there.",
        example: Some(("strength:\n  locust hold 30s slowly\n", "strength:\n  locust hold 30s \"slowly\"\n")),
    },
    Code {
        name: "dose",
        summary: "a dose that is written another way, or that no class can do",
        explanation: "Holds, lengths and rests are a number and its unit with no space (`30s`, `2m`, \
`1m30s`), reps are `8 reps`, sets are `x3`. Numbers written in words are rewritten by `ybc check --fix`. A dose \
of zero, a range that runs backwards, or far more than any safe dose is an error too.",
        example: Some(("strength:\n  locust hold 30 seconds\n", "strength:\n  locust hold 30s\n")),
    },
    Code {
        name: "duration",
        summary: "a length that has no unit, repeats one or is longer than a day",
        explanation: "A length is a number with its unit: `30s`, `2m`, `1h`, or units largest first as in \
`1m30s`. A bare number could mean seconds or minutes, so ybc asks rather than guesses.",
        example: Some(("duration 45\nstrength:\n  locust hold 30s\n", "duration 45m\nstrength:\n  locust hold 30s\n")),
    },
    Code {
        name: "number",
        summary: "a number too large for any routine",
        explanation: "Counts go up to 100,000 and lengths up to a day; a number beyond is surely a typo.",
        example: Some(("strength:\n  locust hold 30s x99999999999\n", "strength:\n  locust hold 30s x3\n")),
    },
    Code {
        name: "rounds",
        summary: "a rounds heading whose count is not one whole number",
        explanation: "`3 rounds:` repeats the block under it three times; the count is one whole number, not a \
range, so the plan knows how long the class is.",
        example: Some((
            "strength:\n  2-3 rounds:\n    locust hold 30s\n",
            "strength:\n  3 rounds:\n    locust hold 30s\n",
        )),
    },
    Code {
        name: "sides",
        summary: "sides written in words, or two that contradict each other",
        explanation: "A step done on one side and then the other says `each side`; `alternating`, `left` and \
`right` are the others. `per side` and `each arm` are rewritten to `each side`; a step can't be both `left` and \
`right`.",
        example: Some((
            "warmup:\n  thread-the-needle 6 reps per side\n",
            "warmup:\n  thread-the-needle 6 reps each side\n",
        )),
    },
    Code {
        name: "indentation",
        summary: "a line whose indentation does not match a block",
        explanation: "The steps of a section or of rounds are indented under its heading, all by the same amount. \
A line indented more than the one above with no heading to open a block, or that lines up with no block, is \
reported; so is a mix of tabs and spaces.",
        example: Some((
            "strength:\n  locust hold 30s\n    cobra hold 20s\n",
            "strength:\n  locust hold 30s\n  cobra hold 20s\n",
        )),
    },
    Code {
        name: "nesting",
        summary: "a section inside another block, or blocks nested too deep",
        explanation: "Sections (`warmup:`, `strength:`…) sit at the left edge; rounds may sit inside a section \
and inside each other, up to four blocks deep.",
        example: Some((
            "strength:\n  warmup:\n    cat-cow 8 reps\n",
            "warmup:\n  cat-cow 8 reps\nstrength:\n  locust hold 30s\n",
        )),
    },
    Code {
        name: "empty-block",
        summary: "a section or rounds with nothing in it",
        explanation: "A heading ending in `:` opens a block; its steps come on the lines after it, indented. A \
block with none is probably a step missing its indentation or a heading left behind.",
        example: Some((
            "warmup:\nstrength:\n  locust hold 30s\n",
            "warmup:\n  cat-cow 8 reps\nstrength:\n  locust hold 30s\n",
        )),
    },
    Code {
        name: "header-order",
        summary: "a header line after the first block or step",
        explanation: "Header lines (`title`, `level`, `duration`, `props`, `audience`, `tags`, `pose`) describe \
the whole routine, so they come first, before any section or step.",
        example: Some((
            "strength:\n  locust hold 30s\ntitle \"Monday\"\n",
            "title \"Monday\"\nstrength:\n  locust hold 30s\n",
        )),
    },
    Code {
        name: "header",
        summary: "a header given twice",
        explanation: "A routine has one title, one level, one duration and so on; keep one line of each.",
        example: Some((
            "title \"Monday\"\ntitle \"Tuesday\"\nstrength:\n  locust hold 30s\n",
            "title \"Monday\"\nstrength:\n  locust hold 30s\n",
        )),
    },
    Code {
        name: "empty",
        summary: "a routine with no steps",
        explanation: "A routine needs at least one step to be checked, planned or printed.",
        example: Some(("# Monday\n", "# Monday\nstrength:\n  locust hold 30s\n")),
    },
    Code {
        name: "unknown-pose",
        summary: "a pose name that is not in the catalog",
        explanation: "ybc checks each pose against what it knows of it, so a name it does not know can't be \
checked. The help suggests the nearest name; `ybc poses` lists the catalog, and a `pose` line at the top of the \
file (or a studio catalog) defines a pose of your own.",
        example: Some(("strength:\n  locsut hold 30s\n", "strength:\n  locust hold 30s\n")),
    },
    Code {
        name: "unknown-section",
        summary: "a pose written as a section heading, with a `:`",
        explanation: "A line ending in `:` opens a block, so a pose's name there reads as a section. Remove the \
`:` to make it a step, under a section such as `strength:`.",
        example: Some(("locust:\n  cobra hold 20s\n", "strength:\n  locust hold 30s\n  cobra hold 20s\n")),
    },
    Code {
        name: "unknown-word",
        summary: "a header, section, level or other word from a short list that ybc does not know",
        explanation: "Header lines start with a keyword (`title`, `level`…), some take one of a few words \
(`level beginner`), and a section is one of a few kinds (`warmup`, `strength`, `cooldown`…) that tell the rules \
what the block is for. The help lists the words allowed and suggests the nearest.",
        example: Some((
            "level expert\nstrength:\n  locust hold 30s\n",
            "level advanced\nstrength:\n  locust hold 30s\n",
        )),
    },
    Code {
        name: "custom-pose",
        summary: "a `pose` definition that can't be used",
        explanation: "A pose of your own needs a kebab-case id that is not already a catalog pose and is defined \
once, a focus (`strength`, `mobility`, `both`, `rest`) and a recommended hold or reps range, so that the rules \
can check it like any other. A file defines at most 1,000 poses.",
        example: Some((
            "pose wall-angel \"Wall angel\"\nwarmup:\n  wall-angel 8 reps\n",
            "pose wall-angel \"Wall angel\" focus mobility 6-10 reps\nwarmup:\n  wall-angel 8 reps\n",
        )),
    },
    Code {
        name: "custom-sequence",
        summary: "a `sequence` definition that can't be used",
        explanation: "A sequence of your own (`sequence half-sun \"Half Sun Salutation\":` with its poses indented \
below) needs a kebab-case id that is not already a pose or a sequence and is defined once, a name in quotes, and \
at least one pose. Each pose line names a pose and how many breaths it is held (1 to 30), and a side for a \
one-sided pose; rounds, rests, props and cues go on the step that runs the sequence. A sequence holds at most 100 \
poses.",
        example: Some((
            "sequence half-sun \"Half Sun Salutation\":\n  mountain 1 breath\n  upward-salute\n  standing-forward-fold 1 breath\nwarmup:\n  half-sun x3\n",
            "sequence half-sun \"Half Sun Salutation\":\n  mountain 1 breath\n  upward-salute 1 breath\n  standing-forward-fold 1 breath\nwarmup:\n  half-sun x3\n",
        )),
    },
    Code {
        name: "catalog-file",
        summary: "a studio catalog file that holds steps",
        explanation: "A catalog file (named with `--catalog` or in `ybc.toml`) adds poses for every routine, so \
it holds only `pose` lines. Move the steps into a routine file.",
        example: None,
    },
    Code {
        name: "plan",
        summary: "a routine too large to plan",
        explanation: "A plan holds at most 100,000 timed events (each set, side, rest and round is one). A \
routine that expands to more, usually through rounds inside rounds, is surely a mistake.",
        example: None,
    },
    Code {
        name: "fit-steps",
        summary: "a class too long for a watch workout (`build --format fit`)",
        explanation: "A FIT workout holds at most 4,096 steps. Each pose, side and rest of the class is a step, \
except that sets and rounds run as a repeat where that is shorter: `locust hold 30s x3 rest 30s` is four steps, \
not five. A class that needs more is not written, rather than written in part. Split it into several routines, or \
write a run of the same poses as sets or rounds.",
        example: None,
    },
    Code {
        name: "fit-pose",
        summary: "poses that Garmin's FIT profile has no name for (`build --format fit`)",
        explanation: "Garmin's FIT profile names about a hundred yoga poses (`exercise_category` pose), and a \
watch shows those with their own picture. A step whose pose is not among them is written with the pose's name \
only, which the watch shows instead; its length, side and cue are the same. The note lists these steps so a \
teacher knows what the watch will show. `ybc explain POSE` names a pose's FIT pose where it has one.",
        example: None,
    },
    Code {
        name: "config",
        summary: "a mistake in `ybc.toml`",
        explanation: "The message names the line of `ybc.toml` and what is wrong there: a rule or level that does \
not exist, a tolerance out of range, a condition the catalog does not know, or a catalog that is not a `.ybc` \
file inside the config's folder (a repository's config may not make ybc read files elsewhere).",
        example: None,
    },
    Code {
        name: "fmt",
        summary: "the formatter refused its own output",
        explanation: "`ybc fmt` reads its output back and compares its meaning with the original before writing \
anything. When they differ, the file is left as it was and this is reported: it is a bug in ybc, never the \
teacher's fault. Please report it with the routine.",
        example: None,
    },
    Code {
        name: "internal",
        summary: "an internal error in the language server",
        explanation: "Checking the routine stopped on a bug in ybc; the editor keeps working and the routine is \
unchanged. `ybc check` on the file shows whether the command line hits it too. Please report it with the \
routine.",
        example: None,
    },
];

/// The code named `name`.
pub fn code(name: &str) -> Option<&'static Code> {
    CODES.iter().find(|c| c.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each example gets its code and its fixed routine does not.
    #[test]
    fn each_example_gets_its_code_and_the_fixed_one_does_not() {
        let catalog = crate::catalog::Catalog::builtin();
        for code in CODES {
            let Some((example, fixed)) = code.example else { continue };
            let found = crate::compile(example, &catalog).diagnostics;
            assert!(found.iter().any(|d| d.code == code.name), "{}: {found:#?}", code.name);
            let left = crate::compile(fixed, &catalog).diagnostics;
            assert!(left.iter().all(|d| d.code != code.name), "{} fixed: {left:#?}", code.name);
        }
    }

    /// Codes are unique and none is also a rule's name.
    #[test]
    fn codes_are_unique_and_not_rules() {
        for (i, code) in CODES.iter().enumerate() {
            assert!(CODES.iter().skip(i + 1).all(|c| c.name != code.name), "{} twice", code.name);
            assert!(crate::check::rule(code.name).is_none(), "{} is a rule", code.name);
        }
    }

    /// Every code a diagnostic is made with in the library's source is a
    /// rule or one of [`CODES`]: a new code can't ship unexplained.
    #[test]
    fn every_code_in_the_source_is_explained() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = vec![src];
        let mut found = Vec::new();
        while let Some(path) = files.pop() {
            if path.is_dir() {
                files.extend(std::fs::read_dir(&path).expect("src").map(|e| e.expect("entry").path()));
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("source");
            for (at, _) in text.match_indices("Diagnostic::") {
                let rest = &text[at..];
                let Some(open) = rest.find('(') else { continue };
                let call = &rest[..open];
                if !matches!(call, "Diagnostic::error" | "Diagnostic::warning" | "Diagnostic::new") {
                    continue;
                }
                // The first string literal after the call's `(`, within its first two arguments.
                let args: String = rest[open + 1..].chars().take(80).collect();
                let first_two: String = args.split(',').take(2).collect::<Vec<_>>().join(",");
                if let Some(start) = first_two.find('"') {
                    let name: String = first_two[start + 1..].chars().take_while(|&c| c != '"').collect();
                    found.push((name, path.display().to_string()));
                }
            }
        }
        assert!(found.len() > 40, "the scan finds the codes: {found:?}");
        for (name, path) in found {
            if path.ends_with("codes.rs") || name.contains(' ') {
                continue;
            }
            assert!(
                code(&name).is_some() || crate::check::rule(&name).is_some(),
                "`{name}` (in {path}) is not explained: add it to codes::CODES"
            );
        }
    }
}
