//! Exit codes, and turning library errors into miette reports on standard error.
//!
//! | code | meaning |
//! |---|---|
//! | 0 | success; no errors found (`diff`: the comparison ran; `lint --exit-zero`: whatever was found; `lint --add-allow`: every finding was given a suppression) |
//! | 1 | the command ran and found errors (lint findings — warnings too with `--deny-warnings` —, rejected import rows, files that `fmt --check` would change; `lint --add-allow`: some findings could not be given a suppression (JSON files, records that do not load); `export`: the dataset has lint errors and nothing was written (unless `--allow-errors`), or records that did not load were left out; `diff --exit-code`: the versions differ) |
//! | 2 | the command could not do its job: bad arguments, unreadable path, bad configuration, standard input too large or `--stdin-filename` outside a dataset, an output or `$GITHUB_STEP_SUMMARY` that cannot be written |

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
