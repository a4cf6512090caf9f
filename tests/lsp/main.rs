//! The language server, driven as an editor drives it: `ybc lsp` runs as a
//! child process and these tests speak JSON-RPC to it over its standard input
//! and output, then assert on what it answers.

mod client;
mod completion;
mod diagnostics;
mod editing;
mod framing;
mod hover;
mod lifecycle;
mod navigation;
mod workspace;
