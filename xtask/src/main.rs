//! `cargo xtask`: the project's own tasks.
//!
//! - `cargo xtask codegen` writes the generated files: `schema/*.schema.json` and
//!   `docs/rules/*.md`.
//! - `cargo xtask codegen --check` fails when a committed generated file is stale (CI runs
//!   it, and so does `cargo test` through this crate's test).

#![allow(clippy::print_stdout, clippy::print_stderr)]

mod codegen;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["codegen"] => codegen::run(codegen::Mode::Write),
        ["codegen", "--check"] => codegen::run(codegen::Mode::Check),
        _ => {
            eprintln!("usage: cargo xtask codegen [--check]");
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
