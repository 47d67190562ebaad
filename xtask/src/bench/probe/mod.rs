//! The release-built half of the benchmark: `target/release/bench SUBCOMMAND`, run by
//! `cargo xtask bench` as a child process, so that everything timed is optimised code.
//!
//! ```text
//! bench generate --data DIR SET...          generate the inputs (FORMAT:COUNT, e.g. jsonl:1m)
//! bench warm PATH...                        read files once, so that runs start from the page cache
//! bench floor [--data DIR] PATH             read + parse every record into the model, no checks
//! bench schema [--data DIR] PATH            read + parse + JSON Schema validation of every record
//! bench exec [--timeout S] [--stdout F] [--stderr F] -- PROGRAM ARGS...
//!                                           run PROGRAM; print its wall time, CPU time, peak RSS
//! ```
//!
//! `floor`, `schema` and `exec` print one JSON object on standard output.

mod exec;
mod parse;

use std::path::PathBuf;
use std::process::ExitCode;

use super::generate;

/// Entry point of the `bench` binary.
pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("generate") => generate_cmd(&args[1..]),
        Some("warm") => parse::warm(&args[1..]),
        Some("floor") => inputs(&args[1..]).and_then(|(data, path)| parse::floor(data, &path)),
        Some("schema") => inputs(&args[1..]).and_then(|(data, path)| parse::schema(data, &path)),
        Some("exec") => exec::run(&args[1..]),
        _ => {
            Err("usage: bench generate|warm|floor|schema|exec ... (see `cargo xtask bench`)".into())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            #[allow(clippy::print_stderr)]
            {
                eprintln!("bench: {e}");
            }
            ExitCode::from(2)
        }
    }
}

/// `[--data DIR] PATH`.
fn inputs(args: &[String]) -> Result<(Option<PathBuf>, PathBuf), String> {
    match args {
        [flag, data, path] if flag == "--data" => {
            Ok((Some(PathBuf::from(data)), PathBuf::from(path)))
        }
        [path] => Ok((None, PathBuf::from(path))),
        _ => Err("expected [--data DIR] PATH".into()),
    }
}

/// `generate --data DIR SET...`.
fn generate_cmd(args: &[String]) -> Result<(), String> {
    let [flag, data, sets @ ..] = args else {
        return Err("expected generate --data DIR SET...".into());
    };
    if flag != "--data" {
        return Err("expected generate --data DIR SET...".into());
    }
    let sets = sets
        .iter()
        .map(|s| generate::Set::parse(s))
        .collect::<Result<Vec<_>, _>>()?;
    for line in generate::ensure(std::path::Path::new(data), &sets)? {
        #[allow(clippy::print_stdout)]
        {
            println!("{line}");
        }
    }
    Ok(())
}
