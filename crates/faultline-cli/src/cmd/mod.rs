//! One module per subcommand.

pub(crate) mod archive;
pub(crate) mod completions;
pub(crate) mod diff;
pub(crate) mod export;
pub(crate) mod fmt;
pub(crate) mod import;
pub(crate) mod lint;
pub(crate) mod new;
mod rules;
mod schema;

use crate::cli::{Cli, Command};
use crate::exit::Outcome;

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
        Command::Completions(args) => completions::run(&args),
        Command::Archive(args) => archive::run(&args),
    }
}
