//! `cargo xtask`: the project's own tasks (`cargo xtask --help`).
//!
//! - `cargo xtask codegen` writes the generated files: `schema/*.schema.json`,
//!   `docs/rules/*.md` and the country table of `faultline-formats` (from Debian's iso-codes;
//!   skipped, saying so, where that is not installed).
//! - `cargo xtask codegen --check` fails when a committed generated file is stale (CI runs
//!   it, and so does `cargo test` through this crate's test).
//! - `cargo xtask bench [--quick] [--inputs LIST] ...` measures the linter and the importer
//!   on clean and dirty generated data in release builds and writes
//!   `target/bench-results.md`; `cargo xtask bench --micro` runs the micro-benchmarks (see
//!   `xtask::bench` and docs/performance.md).

#![allow(clippy::print_stdout, clippy::print_stderr)]

mod codegen;
mod countries;

use std::process::ExitCode;

use clap::Parser;

/// The project's own tasks.
#[derive(Debug, Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask")]
enum Task {
    /// Write the generated files: schema/*.schema.json and docs/rules/*.md.
    Codegen {
        /// Only check that the committed files are up to date.
        #[arg(long)]
        check: bool,
    },
    /// Measure the linter and the importer on clean and dirty data (docs/performance.md).
    Bench(xtask::bench::Args),
}

fn main() -> ExitCode {
    let result = match Task::parse() {
        Task::Codegen { check: false } => codegen::run(codegen::Mode::Write),
        Task::Codegen { check: true } => codegen::run(codegen::Mode::Check),
        Task::Bench(args) => {
            let command = std::iter::once("cargo xtask".to_owned())
                .chain(std::env::args().skip(1))
                .collect::<Vec<_>>()
                .join(" ");
            xtask::bench::run(&args, command)
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
