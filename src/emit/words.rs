//! Doses in plain words, for people (lengths and counts come from
//! `crate::vocabulary`): "3 sets × 20-30 s hold, rest
//! 30 s between". Shared by the emitters so every output says a dose the same way.

use crate::catalog::Pose;
use crate::routine::{Dose, Sides};
use crate::syntax::Range;
use crate::vocabulary::{breaths_range, count_range, length_range};

/// What a step asks for, in words: "3 sets × 20-30 s hold, rest 30 s between",
/// "8 reps each side, 3 s up, 1 s pause, 3 s down". A step with no dose says the
/// catalog's suggestion, as the plan times it.
pub fn dose(dose: &Dose, sides: Sides, pose: &Pose) -> String {
    let reps = |r: Range| format!("{} reps", count_range(r));
    // A dose in breaths is said in breaths, as the teacher counts it, with the
    // seconds they come to at the routine's breath length.
    let length = |seconds: &crate::syntax::Spanned<Range>| match &dose.breaths {
        Some(breaths) => format!("{} (about {})", breaths_range(breaths.value), length_range(seconds.value)),
        None => length_range(seconds.value),
    };
    let held = is_held(pose);
    let mut main = match (&dose.reps, &dose.hold, &dose.work) {
        (Some(r), Some(h), _) => format!("{}, hold each {}", reps(r.value), length(h)),
        (Some(r), None, _) => reps(r.value),
        // "hold for 8 breaths", as a teacher says it; "45 s hold" for seconds.
        (None, Some(h), _) if dose.breaths.is_some() => format!("hold for {}", length(h)),
        (None, Some(h), _) => format!("{} hold", length(h)),
        // A bare length on a pose that is held is a hold ("sphinx 45s").
        (None, None, Some(w)) if held && dose.breaths.is_some() => format!("hold for {}", length(w)),
        (None, None, Some(w)) if held => format!("{} hold", length(w)),
        (None, None, Some(w)) => length(w),
        (None, None, None) => {
            let bounds = |b: crate::catalog::Bounds| Range { min: b.min, max: b.max };
            if let Some(h) = pose.hold {
                format!("{} hold (the catalog's suggestion)", length_range(bounds(h)))
            } else if let Some(r) = pose.reps {
                format!("{} (the catalog's suggestion)", reps(bounds(r)))
            } else if let Some(d) = pose.duration {
                format!("{} (the catalog's suggestion)", length_range(bounds(d)))
            } else {
                "as long as feels good".to_owned()
            }
        }
    };
    match sides {
        Sides::Both => {}
        Sides::EachSide => main.push_str(" each side"),
        Sides::Alternating => main.push_str(", alternating sides"),
        Sides::Left => main.push_str(", left side"),
        Sides::Right => main.push_str(", right side"),
    }
    // A bare length on a pose done as movement is continuous movement, except
    // for resting and breathing.
    if dose.work.is_some()
        && dose.reps.is_none()
        && dose.hold.is_none()
        && !held
        && pose.focus != crate::catalog::Focus::Rest
    {
        main.push_str(", moving steadily");
    }
    let sets = dose.set_count();
    let mut out = if sets > 1 { format!("{sets} sets × {main}") } else { main };
    if let Some(tempo) = &dose.tempo {
        let [up, pause, down] = tempo.value;
        if pause > 0 {
            out.push_str(&format!(", {up} s up, {pause} s pause, {down} s down"));
        } else {
            out.push_str(&format!(", {up} s up, {down} s down"));
        }
    }
    if let (Some(rest), true) = (&dose.rest, sets > 1) {
        out.push_str(&format!(", rest {} between", length_range(rest.value)));
    }
    out
}

/// Whether a pose is held still rather than done as movement: the catalog
/// gives it a hold and no continuous length (sphinx, eagle arms, locust),
/// so a bare length on it is a hold. A pose with a continuous length
/// (scapular circles, foam-roller extension) or only reps (cat-cow) moves.
pub fn is_held(pose: &Pose) -> bool {
    pose.hold.is_some() && pose.duration.is_none()
}

/// A sequence step's dose for people: "3 rounds, rest 15 s between rounds ·
/// 14 breaths a round, about 56 s-1 min 24 s".
pub fn sequence_dose(step: &crate::routine::Step, run: &crate::routine::SequenceRun, breath: Range) -> String {
    let breaths: u32 = run.poses.iter().map(|p| p.breaths).sum();
    let rounds = step.dose.set_count();
    let mut dose = if rounds == 1 { "1 round".to_owned() } else { format!("{rounds} rounds") };
    if let Some(rest) = &step.dose.rest {
        dose.push_str(&format!(", rest {} between rounds", length_range(rest.value)));
    }
    if step.sides == Sides::EachSide {
        dose.push_str(", leading with the right side, then the left");
    }
    let length = Range { min: breaths.saturating_mul(breath.min), max: breaths.saturating_mul(breath.max) };
    dose.push_str(&format!(" · {breaths} breaths a round, about {}", length_range(length)));
    dose
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::span::Span;
    use crate::syntax::Spanned;

    fn spanned<T>(value: T) -> Option<Spanned<T>> {
        Some(Spanned { value, span: Span::default() })
    }

    #[test]
    fn doses_read_as_the_issue_asks() {
        let catalog = Catalog::builtin();
        let locust = catalog.pose("locust").expect("locust");
        let held = Dose {
            hold: spanned(Range { min: 20, max: 30 }),
            sets: spanned(3),
            rest: spanned(Range::exact(30)),
            ..Dose::default()
        };
        assert_eq!(dose(&held, Sides::Both, locust), "3 sets × 20-30 s hold, rest 30 s between");
        let slow = Dose { reps: spanned(Range::exact(8)), tempo: spanned([3, 1, 3]), ..Dose::default() };
        assert_eq!(dose(&slow, Sides::EachSide, locust), "8 reps each side, 3 s up, 1 s pause, 3 s down");
        assert_eq!(dose(&Dose::default(), Sides::Both, locust), "15-45 s hold (the catalog's suggestion)");
        let moving = Dose { work: spanned(Range::exact(150)), ..Dose::default() };
        let circles = catalog.pose("scapular-circles").expect("scapular circles");
        assert_eq!(dose(&moving, Sides::EachSide, circles), "2 min 30 s each side, moving steadily");
        // A bare length on a held pose is a hold, never "moving steadily".
        let sphinx = catalog.pose("sphinx").expect("sphinx");
        let bare = Dose { work: spanned(Range::exact(45)), ..Dose::default() };
        assert_eq!(dose(&bare, Sides::Both, sphinx), "45 s hold");
        assert_eq!(dose(&bare, Sides::EachSide, locust), "45 s hold each side");
        // Breaths are said in breaths, with the seconds they come to.
        let breaths = Dose { work: spanned(Range::exact(25)), breaths: spanned(Range::exact(5)), ..Dose::default() };
        assert_eq!(dose(&breaths, Sides::Both, sphinx), "hold for 5 breaths (about 25 s)");
        let cat_cow = catalog.pose("cat-cow").expect("cat-cow");
        assert_eq!(dose(&breaths, Sides::Both, cat_cow), "5 breaths (about 25 s), moving steadily");
    }
}
