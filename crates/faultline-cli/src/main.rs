//! The `faultline` command. See `faultline --help`.

use std::process::ExitCode;

/// mimalloc: linting allocates many small strings on two or more threads, where the system
/// allocator spends most of the run in malloc and free (see docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    faultline_cli::main()
}
