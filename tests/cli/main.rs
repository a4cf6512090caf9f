//! Integration tests: every behaviour is driven through the real `ybc` binary.

mod commands;
mod errors;
mod harness;
mod hostile;
mod language;
mod plan;
mod safety;
