//! `ybc rules`: the rules as a list, as JSON for tools, or as docs/rules.md.

use crate::Failure;
use std::process::ExitCode;

pub(crate) fn rules(json: bool, markdown: bool) -> Result<ExitCode, Failure> {
    if markdown {
        print!("{}", ybc::explain::rules_markdown());
    } else if json {
        println!("{}", ybc::explain::rules_json());
    } else {
        print!("{}", ybc::explain::rules_list());
    }
    Ok(ExitCode::SUCCESS)
}
