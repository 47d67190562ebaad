//! `faultline import`: read ACLED, UCDP GED or JSON Lines into faultline records.

use std::path::PathBuf;

use miette::miette;

use crate::exit::Outcome;

/// Arguments of `faultline import`.
#[derive(Debug, clap::Args)]
pub(crate) struct ImportArgs {
    /// The input format: acled, ucdp or jsonl.
    pub(crate) format: String,
    /// The file to import.
    pub(crate) file: PathBuf,
    /// Where to write: a `.jsonl` file, or a dataset directory.
    #[arg(long)]
    pub(crate) out: PathBuf,
}

pub(crate) fn run(_args: &ImportArgs) -> miette::Result<Outcome> {
    Err(miette!("import is being implemented"))
}
