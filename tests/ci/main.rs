//! `ybc check` as a CI tool: output formats, the folder walk, standard input,
//! parallel runs, exit codes and the drop-in files. Every test drives the real
//! binary.

#[path = "../common/mod.rs"]
mod common;

mod drop_in;
mod exit_codes;
mod formats;
mod harness;
mod parallel;
mod stdin;
mod walk;
mod workspace;
