//! Emit: a checked routine and its plan, rendered for other programs and people.

pub mod figure;
pub mod html;
pub mod json;
pub mod table;
pub mod teach;
pub mod words;
