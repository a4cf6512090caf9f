//! `ybc explain`: a rule, a code, a pose or a condition explained.

use crate::{App, CheckOptions, Failure};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use ybc::controls::escape;
use ybc::explain::Subject;

impl App {
    /// Explains `name` with the catalog in force here: `--config`, or the
    /// ybc.toml a routine in the current folder would be checked with (its
    /// studio's policies and catalogs).
    pub(crate) fn explain(&mut self, name: &str, config: Option<PathBuf>) -> Result<ExitCode, Failure> {
        let options = CheckOptions { config, ..CheckOptions::default() };
        let setup = self.setup(Path::new("explained.ybc"), &options)?;
        let catalog = &setup.catalog;
        let text = match ybc::explain::find(name, catalog) {
            Some(Subject::Rule(rule)) => ybc::explain::rule(rule),
            Some(Subject::Pose(pose)) => ybc::explain::pose(pose, catalog),
            Some(Subject::Condition(condition)) => ybc::explain::condition(condition, catalog),
            Some(Subject::Sequence(sequence)) => ybc::explain::sequence(sequence, catalog),
            Some(Subject::Code(code)) => ybc::explain::code(code),
            None => {
                let hint = ybc::explain::suggest(name, catalog).map_or_else(
                    || "run `ybc rules` or `ybc poses` to see what there is".to_owned(),
                    |s| format!("did you mean `{s}`?"),
                );
                return Err(Failure(format!(
                    "`{}` is not a rule, a code, a pose, a sequence or a condition; {hint}",
                    escape(name)
                )));
            }
        };
        print!("{text}");
        Ok(ExitCode::SUCCESS)
    }
}
