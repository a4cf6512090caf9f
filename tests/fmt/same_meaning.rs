//! An independent check that two routine texts mean the same: compiled with
//! the real pipeline, they give the same plan and the same findings (their
//! places aside). It does not use the formatter's own normal form.

use ybc::catalog::Catalog;

/// What a routine compiles to, without source positions.
#[derive(Debug, PartialEq, Eq)]
pub struct Compiled {
    pub plan: String,
    pub findings: Vec<String>,
}

pub fn compiled(text: &str) -> Compiled {
    let compiled = ybc::compile(text, &Catalog::builtin());
    let plan = match compiled.plan {
        Some(mut plan) => {
            for event in &mut plan.events {
                event.span = ybc::span::Span::default();
            }
            format!("{:?}", plan)
        }
        None => "no plan".to_owned(),
    };
    let mut findings: Vec<String> = compiled
        .diagnostics
        .iter()
        .map(|d| format!("{} {} {} {:?}", d.severity.as_str(), d.code, d.message, d.help))
        .collect();
    findings.sort();
    Compiled { plan, findings }
}

/// Panics unless `before` and `after` compile to the same plan and findings.
pub fn assert_same_meaning(before: &str, after: &str) {
    let (a, b) = (compiled(before), compiled(after));
    assert_eq!(a, b, "formatting changed the meaning of\n{before}\ninto\n{after}");
}
