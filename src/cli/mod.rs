//! The command line's work that is neither parsing arguments nor printing:
//! finding the routines to check, and what a worker thread does with each.
//! `main.rs` drives them and is the only place that prints or exits.

pub mod inputs;
pub mod worker;

/// Why a file could not be read, in a few plain words.
pub fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => error.to_string(),
    }
}
