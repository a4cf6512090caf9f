//! Emit: a checked routine and its plan, rendered for other programs, watches and people.

pub mod figure;
pub mod fit;
pub mod html;
pub mod json;
pub mod table;
pub mod teach;
pub mod words;
