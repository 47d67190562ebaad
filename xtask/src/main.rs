//! `cargo xtask`: the project's own tasks.
//!
//! - `cargo xtask codegen` writes the generated files: `schema/*.schema.json`,
//!   `docs/rules/*.md` and the country table of `faultline-formats` (from Debian's iso-codes;
//!   skipped, saying so, where that is not installed).
//! - `cargo xtask codegen --check` fails when a committed generated file is stale (CI runs
//!   it, and so does `cargo test` through this crate's test).
//! - `cargo xtask bench [--quick] [--sizes LIST] [--runs N]` measures the linter and the
//!   importer on generated data in release builds and writes `target/bench-results.md`
//!   (see `xtask::bench` and docs/performance.md).

#![allow(clippy::print_stdout, clippy::print_stderr)]

mod codegen;
mod countries;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["codegen"] => codegen::run(codegen::Mode::Write),
        ["codegen", "--check"] => codegen::run(codegen::Mode::Check),
        ["bench", rest @ ..] => xtask::bench::run(rest),
        _ => {
            eprintln!("usage: cargo xtask codegen [--check] | cargo xtask bench [--help]");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
