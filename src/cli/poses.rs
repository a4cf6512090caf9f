//! `ybc poses`: the catalog, searched.

use crate::cli::output::column_widths;
use crate::{App, Failure};
use std::process::ExitCode;
use ybc::catalog::Pose;
use ybc::controls::escape;

impl App {
    pub(crate) fn poses(&self, query: &str, json: bool) -> Result<ExitCode, Failure> {
        let found: Vec<&Pose> =
            if query.trim().is_empty() { self.catalog().poses().collect() } else { self.catalog().search(query) };
        if json {
            let text = serde_json::to_string_pretty(&found).map_err(|e| Failure(e.to_string()))?;
            println!("{text}");
            return Ok(ExitCode::SUCCESS);
        }
        if found.is_empty() {
            eprintln!("No pose matches `{}`. Run `ybc poses` to list them all.", escape(query));
            return Ok(ExitCode::from(1));
        }
        let rows: Vec<[String; 6]> = found
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
        let headers = ["id", "english", "sanskrit", "focus", "hold", "reps"];
        let widths = column_widths(headers, &rows);
        let mut out = String::new();
        let mut line = |cells: [&str; 6]| {
            let mut s = String::new();
            for (cell, w) in cells.iter().zip(widths) {
                s.push_str(&format!("{cell:<w$}  "));
            }
            out.push_str(s.trim_end());
            out.push('\n');
        };
        line(headers);
        for row in &rows {
            line([&row[0], &row[1], &row[2], &row[3], &row[4], &row[5]]);
        }
        print!("{out}");
        Ok(ExitCode::SUCCESS)
    }
}
