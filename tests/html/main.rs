//! `ybc build --format html`, tested as a person would use it: through the real
//! binary, the DOM parsed with an HTML parser, the Nu HTML Checker, and headless
//! Chromium printing to PDF. Files for people to look at (screenshots, PDF pages,
//! the figure gallery) go to `target/ybc-html/`.

mod dom;
mod figures;
mod harness;
mod print;
mod snapshot;
mod student;
mod teach;
mod tools;
mod validate;
