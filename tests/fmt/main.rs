//! `ybc fmt`: the canonical style on messy inputs (snapshots), every routine
//! and fixture already formatted, the command line through the real binary,
//! and property tests that formatting is idempotent and keeps the meaning.

#[path = "../common/mod.rs"]
mod common;

#[allow(dead_code)]
#[path = "../../benches/corpus.rs"]
mod corpus;

mod cli;
mod formatted;
mod messy;
mod properties;
mod same_meaning;
