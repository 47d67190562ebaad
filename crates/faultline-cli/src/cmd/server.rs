//! `faultline server`: the language server, on standard input and output.

use miette::IntoDiagnostic;

use crate::exit::Outcome;

pub(crate) fn run() -> miette::Result<Outcome> {
    faultline_server::run_stdio().into_diagnostic()?;
    Ok(Outcome::Clean)
}
