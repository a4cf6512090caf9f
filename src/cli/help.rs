//! The examples and exit codes `--help` prints after the options.

pub(crate) const EXAMPLES: &str = "\
Examples:
  ybc check routines/                      check every routine in a folder
  ybc check --audience osteoporosis class.ybc
  ybc plan routines/desk-reset.ybc         show the timed plan of a routine
  ybc build routines/desk-reset.ybc --format json -o desk-reset.json
  ybc build class.ybc --adapt --audience osteoporosis --format ybc -o class-adapted.ybc
  ybc explain hold-too-long                explain a rule, a code, a pose or a condition
  ybc poses locust                         search the pose catalog

Exit codes: 0 no errors, 1 errors in a routine (or warnings with --deny-warnings),
2 usage, config or file errors.";

pub(crate) const CHECK_HELP: &str = "\
Examples:
  ybc check                        every *.ybc below this folder (honouring .gitignore)
  ybc check routines/desk-reset.ybc
  ybc check --audience osteoporosis,neck-pain class.ybc
  ybc check --deny-warnings --exclude 'drafts/' routines/
  ybc check --format github        annotations in a GitHub Actions log
  ybc check --format sarif > ybc.sarif
  ybc check - --stdin-filename routines/class.ybc < class.ybc

Formats: human (default), concise (path:line:col: level[rule] message), json, github,
sarif, junit. See docs/ci.md.

Exit codes: 0 no errors (warnings are fine), 1 errors (or warnings with --deny-warnings),
2 usage, config or file errors, including a file that could not be read.";

pub(crate) const FMT_HELP: &str = "\
Examples:
  ybc fmt routines/                 rewrite every routine below a folder
  ybc fmt --check .                 print a diff of what would change; exit 1 if anything would
  ybc fmt - < class.ybc             format standard input to standard output
  ybc fmt --canonical-names class.ybc

The canonical style is in docs/language.md (\"Canonical style\"). A file with syntax
errors is not formatted; its errors are printed instead.

Exit codes: 0 nothing to change, or formatted; 1 (--check) some file would change;
2 usage or file errors, or a file not formatted because of its errors.";
