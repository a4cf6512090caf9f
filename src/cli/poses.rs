//! `ybc poses`: the catalog, searched, as a table or as JSON.

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
        print!("{}", ybc::emit::table::poses(&found));
        Ok(ExitCode::SUCCESS)
    }
}
