//! The language server, driven as an editor drives it: `ybc lsp` runs as a
//! child process and these tests speak JSON-RPC to it over its standard input
//! and output, then assert on what it answers. `in_process` drives the same
//! handler (`ybc::lsp::Server`) without a process, to see exactly which
//! messages each input causes.

mod client;
mod completion;
mod diagnostics;
mod editing;
mod framing;
mod hover;
mod in_process;
mod lifecycle;
mod limits;
mod navigation;
mod workspace;
