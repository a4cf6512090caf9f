//! Emit: a checked routine and its plan, rendered for other programs and people.

pub mod json;
