//! `faultline-hook`: the `faultline` command, as the pre-commit hook installs it.
//!
//! pre-commit installs a `language: rust` hook with `cargo install --bins --path .` at the
//! repository's root, so the root manifest is a package (`faultline`) whose only binary is
//! this one. It is not named `faultline` so that it never collides with the binary of
//! `faultline-cli` in a workspace build. See docs/ci.md.

use std::process::ExitCode;

/// The same allocator as the `faultline` binary (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    faultline_cli::main()
}
