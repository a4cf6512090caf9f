//! Plain-text tables for a terminal: `ybc plan`'s timeline and `ybc poses`'s
//! catalog listing. Columns are padded to their widest cell, counted in
//! characters.

use crate::catalog::Pose;
use crate::controls::escape;
use crate::plan::{EventKind, Plan, Side};
use crate::routine::Routine;
use crate::vocabulary::{breaths_range, clock_range, count_range, written_range};

/// The plan as a table: a title line (the routine's title, else `name`), a
/// row per event (start, length, what, side, set, cues), a row for notes
/// after the last event, and the total beside the declared duration.
pub fn plan(routine: &Routine, plan: &Plan, name: &str) -> String {
    let mut out = String::new();
    match &routine.meta.title {
        Some(title) => out.push_str(&format!("{}\n\n", title.value)),
        None => out.push_str(&format!("{}\n\n", escape(name))),
    }
    let mut rows: Vec<[String; 6]> = plan.events.iter().map(|event| event_row(routine, event)).collect();
    if !plan.closing_notes.is_empty() {
        let notes = plan.closing_notes.iter().map(|n| format!("note: {n}")).collect::<Vec<_>>();
        let blank = String::new;
        rows.push([clock_range(plan.total), blank(), "End".to_owned(), blank(), blank(), notes.join("; ")]);
    }
    out.push_str(&table(["start", "length", "what", "side", "set", "cues"], &rows, true));
    out.push_str(&format!("\nTotal: {}", written_range(plan.total)));
    if let Some(duration) = &routine.meta.duration {
        out.push_str(&format!(" (declared: {})", written_range(duration.value)));
    }
    out.push('\n');
    out
}

/// One event's row of the plan table.
fn event_row(routine: &Routine, event: &crate::plan::Event) -> [String; 6] {
    let mut what = match event.kind {
        EventKind::Pose => match &event.sequence {
            Some(sequence) => format!("{}: {}", sequence.name, crate::emit::json::event_name(routine, event)),
            None => crate::emit::json::event_name(routine, event),
        },
        EventKind::Rest => "Rest".to_owned(),
    };
    if let Some(reps) = event.reps {
        let alternating = if event.alternating { " alternating" } else { "" };
        what.push_str(&format!(" · {} reps{alternating}", count_range(reps)));
    }
    match (event.hold, event.breaths) {
        (Some(_), Some(breaths)) => what.push_str(&format!(" · hold {}", breaths_range(breaths))),
        (Some(hold), None) => what.push_str(&format!(" · hold {}", written_range(hold))),
        (None, Some(breaths)) => what.push_str(&format!(" · {}", breaths_range(breaths))),
        (None, None) => {}
    }
    let side = match event.side {
        Some(Side::Left) => "left",
        Some(Side::Right) => "right",
        Some(Side::Both) | None => "",
    };
    let mut set = event.set.filter(|s| s.of > 1).map_or(String::new(), |s| format!("{}/{}", s.n, s.of));
    if let Some(round) = event.rounds.last() {
        set = format!("round {}/{}{}{}", round.n, round.of, if set.is_empty() { "" } else { ", set " }, set);
    }
    let mut cues = event.notes.iter().map(|n| format!("note: {n}")).collect::<Vec<_>>();
    cues.extend(event.cues.iter().cloned());
    [clock_range(event.start), written_range(event.seconds), what, side.to_owned(), set, cues.join("; ")]
}

/// Catalog poses as a table: id, English and Sanskrit names, focus, and the
/// recommended hold and reps.
pub fn poses(poses: &[&Pose]) -> String {
    let rows: Vec<[String; 6]> = poses
        .iter()
        .map(|p| {
            [
                p.id.clone(),
                p.english.clone(),
                p.sanskrit.clone().unwrap_or_default(),
                format!("{:?}", p.focus).to_lowercase(),
                p.hold.map_or(String::new(), |h| format!("{}-{}s", h.min, h.max)),
                p.reps.map_or(String::new(), |r| format!("{}-{}", r.min, r.max)),
            ]
        })
        .collect();
    table(["id", "english", "sanskrit", "focus", "hold", "reps"], &rows, false)
}

/// The header and the rows, each column padded to its widest cell (the last
/// one too, unless `ragged_last`), two spaces between, no trailing spaces.
fn table<const N: usize>(headers: [&str; N], rows: &[[String; N]], ragged_last: bool) -> String {
    let mut widths = headers.map(|h| h.chars().count());
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; N]| -> String {
        let mut s = String::new();
        for (i, (cell, w)) in cells.into_iter().zip(widths).enumerate() {
            if ragged_last && i == N - 1 {
                s.push_str(cell);
            } else {
                s.push_str(&format!("{cell:<w$}  "));
            }
        }
        s.trim_end().to_owned() + "\n"
    };
    let mut out = line(headers);
    for row in rows {
        out.push_str(&line(row.each_ref().map(String::as_str)));
    }
    out
}
