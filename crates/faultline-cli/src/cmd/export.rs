//! `faultline export`: write the dataset in the formats the field uses.

use std::path::PathBuf;

use miette::miette;

use crate::exit::Outcome;

/// Arguments of `faultline export`.
#[derive(Debug, clap::Args)]
pub(crate) struct ExportArgs {
    /// The output format.
    pub(crate) format: String,
    /// The dataset directory.
    #[arg(long, default_value = "data")]
    pub(crate) data: PathBuf,
    /// Where to write.
    #[arg(long)]
    pub(crate) out: PathBuf,
}

pub(crate) fn run(_args: &ExportArgs) -> miette::Result<Outcome> {
    Err(miette!("export is being implemented"))
}
