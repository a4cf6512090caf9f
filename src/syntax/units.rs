//! Units written as words after a number (`30 seconds`, `3 sets`, `10
//! repetitions`), in steps and in header lines.

/// What a word after a number makes of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum UnitWord {
    /// A length in this unit (`s`, `m` or `h`).
    Length(char),
    /// Sets (`3 sets`).
    Sets,
    /// Repetitions (`10 repetitions`).
    Reps,
    /// `3 times`: sets after a hold, length or reps; reps otherwise.
    Times,
}

/// What a unit word (in lower case) after a number makes of it, if anything.
pub(super) fn unit_word(word: &str) -> Option<UnitWord> {
    Some(match word {
        "s" | "sec" | "secs" | "second" | "seconds" => UnitWord::Length('s'),
        "m" | "min" | "mins" | "minute" | "minutes" => UnitWord::Length('m'),
        "h" | "hr" | "hrs" | "hour" | "hours" => UnitWord::Length('h'),
        "set" | "sets" => UnitWord::Sets,
        "repetition" | "repetitions" => UnitWord::Reps,
        "time" | "times" | "repeat" | "repeats" => UnitWord::Times,
        _ => return None,
    })
}
