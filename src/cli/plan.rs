//! `ybc plan`: the routine's timeline as a table, or as JSON.

use crate::cli::output::column_widths;
use crate::{App, CheckOptions, Failure};
use std::path::Path;
use std::process::ExitCode;
use ybc::controls::escape;
use ybc::plan::{EventKind, Side};
use ybc::vocabulary::{clock_range, count_range, written_range};

impl App {
    pub(crate) fn plan(&mut self, file: &Path, options: &CheckOptions) -> Result<ExitCode, Failure> {
        let (source, compiled, plan) = match self.compile_clean(file, options)? {
            Ok(done) => done,
            Err(code) => return Ok(code),
        };
        let routine = &compiled.routine;
        let mut out = String::new();
        if let Some(title) = &routine.meta.title {
            out.push_str(&format!("{}\n\n", title.value));
        } else {
            out.push_str(&format!("{}\n\n", escape(&source.name)));
        }
        let mut rows: Vec<[String; 6]> = plan
            .events
            .iter()
            .map(|event| {
                let what = match event.kind {
                    EventKind::Pose => ybc::emit::json::event_name(routine, event),
                    EventKind::Rest => "Rest".to_owned(),
                };
                let mut what = what;
                if let Some(reps) = event.reps {
                    what.push_str(&format!(
                        " · {} reps{}",
                        count_range(reps),
                        if event.alternating { " alternating" } else { "" }
                    ));
                }
                if let Some(hold) = event.hold {
                    what.push_str(&format!(" · hold {}", written_range(hold)));
                }
                let side = match event.side {
                    Some(Side::Left) => "left",
                    Some(Side::Right) => "right",
                    Some(Side::Both) | None => "",
                };
                let mut set = event.set.filter(|s| s.of > 1).map_or(String::new(), |s| format!("{}/{}", s.n, s.of));
                if let Some(round) = event.rounds.last() {
                    set =
                        format!("round {}/{}{}{}", round.n, round.of, if set.is_empty() { "" } else { ", set " }, set);
                }
                let mut cues = event.notes.iter().map(|n| format!("note: {n}")).collect::<Vec<_>>();
                cues.extend(event.cues.iter().cloned());
                [clock_range(event.start), written_range(event.seconds), what, side.to_owned(), set, cues.join("; ")]
            })
            .collect();
        // Notes after the last event, at the end of the class.
        if !plan.closing_notes.is_empty() {
            let notes = plan.closing_notes.iter().map(|n| format!("note: {n}")).collect::<Vec<_>>();
            let blank = String::new;
            rows.push([clock_range(plan.total), blank(), "End".to_owned(), blank(), blank(), notes.join("; ")]);
        }
        let headers = ["start", "length", "what", "side", "set", "cues"];
        let widths = column_widths(headers, &rows);
        let line = |cells: [&str; 6]| -> String {
            let mut s = String::new();
            for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
                if i == 5 {
                    s.push_str(cell);
                } else {
                    s.push_str(&format!("{cell:<w$}  "));
                }
            }
            s.trim_end().to_owned() + "\n"
        };
        out.push_str(&line(headers));
        for row in &rows {
            out.push_str(&line([&row[0], &row[1], &row[2], &row[3], &row[4], &row[5]]));
        }
        out.push_str(&format!("\nTotal: {}", written_range(plan.total)));
        if let Some(duration) = &routine.meta.duration {
            out.push_str(&format!(" (declared: {})", written_range(duration.value)));
        }
        out.push('\n');
        print!("{out}");
        Ok(ExitCode::SUCCESS)
    }
}
