//! `ybc explain`: a rule, a code, a pose or a condition explained.

use crate::{App, Failure};
use std::process::ExitCode;
use ybc::controls::escape;
use ybc::explain::Subject;

impl App {
    pub(crate) fn explain(&self, name: &str) -> Result<ExitCode, Failure> {
        let text = match ybc::explain::find(name, self.catalog()) {
            Some(Subject::Rule(rule)) => ybc::explain::rule(rule),
            Some(Subject::Pose(pose)) => ybc::explain::pose(pose, self.catalog()),
            Some(Subject::Condition(condition)) => ybc::explain::condition(condition, self.catalog()),
            Some(Subject::Sequence(sequence)) => ybc::explain::sequence(sequence, self.catalog()),
            Some(Subject::Code(code)) => ybc::explain::code(code),
            None => {
                let hint = ybc::explain::suggest(name, self.catalog()).map_or_else(
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
