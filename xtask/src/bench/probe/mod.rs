//! The release-built half of the benchmark: `target/release/bench SUBCOMMAND`, run by
//! `cargo xtask bench` as a child process, so that everything timed is optimised code.
//! `bench --help` lists the subcommands; `floor`, `findings` and `exec` print one JSON object
//! on standard output.

mod exec;
mod findings;
mod floor;
mod lsp;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use rayon::prelude::*;

use super::generate;
use super::input::Set;

/// The probe of `cargo xtask bench`.
#[derive(Debug, Parser)]
#[command(name = "bench")]
enum Probe {
    /// Generate the inputs that are missing or stale.
    Generate {
        /// The data folder (`target/bench-data`).
        #[arg(long)]
        data: PathBuf,
        /// The bundled dataset the dirty and cluster inputs copy (`data/`).
        #[arg(long)]
        bundled: PathBuf,
        /// The inputs (`jsonl:1m`, `dirty-toml:100k`, ...).
        #[arg(required = true)]
        sets: Vec<Set>,
    },
    /// Read files once (a dataset directory's record files), so that runs start from the
    /// page cache.
    Warm {
        /// Files and dataset directories.
        paths: Vec<PathBuf>,
    },
    /// The floor: load every record with the real loader, as the linter does, no checks.
    Floor {
        /// The dataset whose registries (and events) a JSON Lines file is read with.
        #[arg(long)]
        data: Option<PathBuf>,
        /// A dataset directory or a JSON Lines file.
        path: PathBuf,
    },
    /// Count the findings of a `faultline lint --format json` output by rule.
    Findings {
        /// The output file.
        path: PathBuf,
    },
    /// Run a program; print its wall time, CPU time and peak memory.
    Exec(exec::Args),
    /// Drive `faultline server` over stdio on a dataset: time diagnostics after an edit and
    /// completion.
    Lsp(lsp::Args),
}

/// Entry point of the `bench` binary.
pub fn main() -> ExitCode {
    let result = match Probe::parse() {
        Probe::Generate {
            data,
            bundled,
            sets,
        } => generate::ensure(&data, &bundled, &sets).map(|log| {
            for line in log {
                #[allow(clippy::print_stdout)]
                {
                    println!("{line}");
                }
            }
        }),
        Probe::Warm { paths } => warm(&paths),
        Probe::Floor { data, path } => floor::run(data.as_deref(), &path),
        Probe::Findings { path } => findings::run(&path),
        Probe::Exec(args) => exec::run(args),
        Probe::Lsp(args) => lsp::run(&args),
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

/// Reads every file once, in parallel: a file as named, a dataset directory's record files as
/// [`faultline_dataset::walk()`] lists them (what the loader reads, and nothing else).
fn warm(paths: &[PathBuf]) -> Result<(), String> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            for found in faultline_dataset::walk(path).map_err(|e| e.to_string())? {
                files.push(found.map_err(|e| e.to_string())?.path);
            }
        } else {
            files.push(path.clone());
        }
    }
    files.par_iter().try_for_each(|f| {
        let mut file = std::fs::File::open(f).map_err(|e| format!("{}: {e}", f.display()))?;
        std::io::copy(&mut file, &mut std::io::sink())
            .map(|_| ())
            .map_err(|e| format!("{}: {e}", f.display()))
    })
}
