//! Exit codes, and turning library errors into miette reports on standard error.
//!
//! | code | meaning |
//! |---|---|
//! | 0 | success; no errors found (`diff`: the comparison ran) |
//! | 1 | the command ran and found errors (lint findings, rejected import rows, files that `fmt --check` would change; `export`: the dataset has lint errors and nothing was written (unless `--allow-errors`), or records that did not load were left out; `diff --exit-code`: the versions differ) |
//! | 2 | the command could not do its job: bad arguments, unreadable path, bad configuration |

use std::process::ExitCode;

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Exit 0.
    Clean,
    /// Exit 1: the command ran and found problems in the data.
    Findings,
}

/// Prints a failure as a miette report and maps the outcome to an exit code.
pub(crate) fn report(result: miette::Result<Outcome>) -> ExitCode {
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(report) => {
            #[allow(clippy::print_stderr)]
            {
                eprintln!("{report:?}");
            }
            ExitCode::from(2)
        }
    }
}
