//! `ybc fmt`: the canonical style on messy inputs (snapshots), every routine
//! and fixture already formatted, the command line through the real binary,
//! and property tests that formatting is idempotent and keeps the meaning.

mod common;

#[allow(dead_code)]
#[path = "../benches/corpus.rs"]
mod corpus;

#[path = "fmt/cli.rs"]
mod cli;
#[path = "fmt/formatted.rs"]
mod formatted;
#[path = "fmt/messy.rs"]
mod messy;
#[path = "fmt/properties.rs"]
mod properties;
#[path = "fmt/same_meaning.rs"]
mod same_meaning;
