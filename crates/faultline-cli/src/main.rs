//! The `faultline` command. See `faultline --help`.

mod archive_root;
mod cli;
mod cmd;
mod confine;
mod exit;
mod output;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc: linting allocates many small strings on two or more threads, where the system
/// allocator spends most of the run in malloc and free (see docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    exit::report(cmd::run(cli))
}
