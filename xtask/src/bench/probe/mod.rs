//! The release-built half of the benchmark: `target/release/bench SUBCOMMAND`, run by
//! `cargo xtask bench` as a child process, so that everything timed is optimised code.
//! `bench --help` lists the subcommands; `floor`, `findings` and `exec` print one JSON object
//! on standard output.

mod exec;
mod findings;
mod floor;

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
    /// Read files once (folders recursively), so that runs start from the page cache.
    Warm {
        /// Files and folders.
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

/// Reads every file once (folders recursively), in parallel.
fn warm(paths: &[PathBuf]) -> Result<(), String> {
    let files: Vec<PathBuf> = paths
        .iter()
        .flat_map(|p| walkdir::WalkDir::new(p).into_iter().flatten())
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.par_iter().try_for_each(|f| {
        let mut file = std::fs::File::open(f).map_err(|e| format!("{}: {e}", f.display()))?;
        std::io::copy(&mut file, &mut std::io::sink())
            .map(|_| ())
            .map_err(|e| format!("{}: {e}", f.display()))
    })
}
