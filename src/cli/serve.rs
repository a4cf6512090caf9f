//! The commands that serve other programs: the language server, shell
//! completions and the man page.

use std::process::ExitCode;

use clap::CommandFactory;
use ybc::workspace::Setup;

use crate::cli::output::write_output;
use crate::{Cli, Failure};

/// Serves the language server protocol until the editor says `exit`.
pub(crate) fn lsp(base: Setup) -> Result<ExitCode, Failure> {
    let server = ybc::lsp::Server::new(base);
    let code = ybc::lsp::serve(&mut std::io::stdin().lock(), &mut std::io::stdout().lock(), server)
        .map_err(|e| Failure(format!("the connection to the editor failed: {e}")))?;
    Ok(ExitCode::from(u8::try_from(code).unwrap_or(1)))
}

/// Prints a completion script for `shell`.
pub(crate) fn completions(shell: clap_complete::Shell) -> Result<ExitCode, Failure> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "ybc", &mut out);
    write_output(None, &String::from_utf8_lossy(&out))?;
    Ok(ExitCode::SUCCESS)
}

/// Prints the man page.
pub(crate) fn man() -> Result<ExitCode, Failure> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(|e| Failure(format!("can't write the man page: {e}")))?;
    write_output(None, &String::from_utf8_lossy(&out))?;
    Ok(ExitCode::SUCCESS)
}
