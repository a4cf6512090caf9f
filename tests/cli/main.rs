//! Integration tests: every behaviour is driven through the real `ybc` binary.

#[path = "../common/mod.rs"]
mod common;

mod adapt;
mod commands;
mod devices;
mod errors;
mod escapes;
mod fit;
mod fix;
mod harness;
mod hostile;
mod language;
mod linear;
mod options;
mod plan;
mod policy;
mod props;
mod safety;
mod sequences;
