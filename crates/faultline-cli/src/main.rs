//! The `faultline` command. See `faultline --help`.

mod cli;
mod cmd;
mod exit;
mod output;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    exit::report(cmd::run(cli))
}
