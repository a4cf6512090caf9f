//! `ybc plan`: the routine's timeline as a table.

use crate::{App, CheckOptions, Failure};
use std::path::Path;
use std::process::ExitCode;

impl App {
    pub(crate) fn plan(&mut self, file: &Path, options: &CheckOptions) -> Result<ExitCode, Failure> {
        let (source, compiled, plan) = match self.compile_clean(file, options)? {
            Ok(done) => done,
            Err(code) => return Ok(code),
        };
        print!("{}", ybc::emit::table::plan(&compiled.routine, &plan, &source.name));
        Ok(ExitCode::SUCCESS)
    }
}
