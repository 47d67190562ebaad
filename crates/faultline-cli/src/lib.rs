//! The `faultline` command as a library: [`main`] parses the process's arguments, runs the
//! command and returns its exit code. The `faultline` binary of this crate and the
//! `faultline-hook` binary of the repository's root package (what pre-commit installs, see
//! docs/ci.md) are both one call to it.

mod archive_root;
mod cli;
mod cmd;
mod confine;
mod exit;
mod output;

use std::process::ExitCode;

use clap::Parser;

/// Runs `faultline` with the process's arguments: prints what the command prints, and
/// returns the exit code (0 success, 1 problems found in the data, 2 the command could not
/// do its job).
pub fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    exit::report(cmd::run(cli))
}
