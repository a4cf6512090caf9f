//! `ybc rules`: the rules as a list, as JSON for tools, or as docs/rules.md.

use crate::Failure;
use std::process::ExitCode;

pub(crate) fn rules(json: bool, markdown: bool) -> Result<ExitCode, Failure> {
    if markdown {
        print!("{}", ybc::explain::rules_markdown());
    } else if json {
        let rules: Vec<serde_json::Value> = ybc::check::RULES
            .iter()
            .map(|r| {
                serde_json::json!({
                    "name": r.info.name,
                    "default": r.info.default.as_str(),
                    "summary": r.info.summary,
                    "explanation": r.info.explanation,
                    "source": r.info.source,
                })
            })
            .collect();
        let text = serde_json::to_string_pretty(&rules).map_err(|e| Failure(e.to_string()))?;
        println!("{text}");
    } else {
        let width = ybc::check::RULES.iter().map(|r| r.info.name.len()).max().unwrap_or(0);
        for rule in ybc::check::RULES {
            println!("{:<width$}  {:<7}  {}", rule.info.name, rule.info.default.as_str(), rule.info.summary);
        }
    }
    Ok(ExitCode::SUCCESS)
}
