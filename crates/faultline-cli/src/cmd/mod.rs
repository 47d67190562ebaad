//! One module per subcommand.

pub(crate) mod archive;
pub(crate) mod completions;
pub(crate) mod diff;
pub(crate) mod export;
pub(crate) mod fmt;
pub(crate) mod import;
pub(crate) mod lint;
pub(crate) mod new;
pub(crate) mod report;
mod rules;
mod schema;
mod server;

use std::path::{Path, PathBuf};

use crate::cli::{Cli, Command};
use crate::exit::Outcome;

/// The dataset a command works on when no path is given: `--data`, else `./data`, else the
/// dataset the working directory is in (so that `lint` and `fmt` work from inside `data/`).
pub(crate) fn default_dataset(data: Option<&Path>) -> PathBuf {
    if let Some(d) = data {
        return d.to_path_buf();
    }
    let data = PathBuf::from("data");
    if data.is_dir() {
        return data;
    }
    faultline_dataset::find_root(Path::new(".")).unwrap_or(data)
}

/// Runs the parsed command.
pub(crate) fn run(cli: Cli) -> miette::Result<Outcome> {
    match cli.command {
        Command::Lint(args) => lint::run(&args),
        Command::Rules => rules::list(),
        Command::Explain { rule } => rules::explain(&rule),
        Command::Schema(args) => schema::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Export(args) => export::run(&args),
        Command::New(args) => new::run(&args),
        Command::Fmt(args) => fmt::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Completions(args) => completions::run(&args),
        Command::Archive(args) => archive::run(&args),
        Command::Server => server::run(),
    }
}
