//! `faultline lint --stdin-filename PATH -`: one record file read from standard input and
//! linted as if it stood at PATH in its dataset — what an editor sends before the file is
//! saved. The dataset's other files are read as usual (through its walk, never outside it);
//! the file at PATH itself is never read, and only PATH's findings are shown.

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use faultline_dataset::confine::lexical;
use faultline_dataset::{Dataset, FileFormat, FileRole, LoadOptions, classify, find_root};
use faultline_validate::engine::{Batch, batches};
use faultline_validate::{StreamOptions, lint_stream};
use miette::{IntoDiagnostic, miette};

use super::{Group, Lint, LintArgs, dataset_error};
use crate::confine::{self, Roots};

/// The path that stands for standard input.
const STDIN: &str = "-";

/// Checks how standard input is asked for: `-` only with --stdin-filename, and then no other
/// path. Exit code 2 otherwise.
pub(super) fn check_paths(args: &LintArgs) -> miette::Result<()> {
    let dash = args.paths.iter().any(|p| p.as_os_str() == STDIN);
    match &args.stdin_filename {
        None if dash => Err(miette!(
            help = "say where the record would stand in its dataset: \
                    faultline lint --stdin-filename data/events/2021/2021-11-16-x.toml -",
            "`-` (standard input) needs --stdin-filename PATH"
        )),
        Some(_) if args.paths.iter().any(|p| p.as_os_str() != STDIN) => Err(miette!(
            help = "give only `-`, or no path at all",
            "--stdin-filename lints standard input alone; other paths cannot be given with it"
        )),
        _ => Ok(()),
    }
}

/// Lints standard input as the file at `path` of its dataset (--data, else the dataset
/// `path` is in).
pub(super) fn lint(
    args: &LintArgs,
    lint: &Lint<'_>,
    path: &Path,
    roots: &mut Roots,
) -> miette::Result<Group> {
    let root = args
        .data
        .clone()
        .or_else(|| find_root(path))
        .ok_or_else(|| {
            miette!(
                help = "--stdin-filename names where the record would stand in its dataset (a \
                        folder with events/, sources/, places.toml or actors.toml), or give --data DIR",
                "{}: not inside a dataset",
                path.display()
            )
        })?;
    confine::named(&root)?;
    let absolute = |p: &Path| {
        std::path::absolute(p)
            .map(|a| lexical(&a))
            .into_diagnostic()
    };
    let relative = absolute(path)?
        .strip_prefix(absolute(&root)?)
        .map(Path::to_path_buf)
        .map_err(|_| {
            miette!(
                "{}: not inside the dataset {}",
                path.display(),
                root.display()
            )
        })?;
    let role = classify(&relative)
        .filter(|r| *r != FileRole::Stray)
        .ok_or_else(|| {
            miette!(
                help = "events/<year>/<id>.toml (or .json, .jsonl), sources/<id>.toml, places.toml \
                    or actors.toml",
                "{}: not where a record file stands in a dataset",
                path.display()
            )
        })?;
    let options = LoadOptions::default();
    let bytes = lint.stdin.as_deref().unwrap_or_default().to_vec();
    let (mut registries, events) =
        Dataset::open_registries_except(&root, options.clone(), Some(path))
            .map_err(dataset_error)?;
    roots.add(&root);
    roots.stand_in(path, Arc::from(bytes.as_slice()));
    let stand_in = path.to_path_buf();
    let text = match role {
        FileRole::Event | FileRole::Events => Some(Batch::Text {
            path: stand_in.clone(),
            role,
            bytes,
        }),
        _ => {
            registries.add_bytes(path, role, bytes, &options);
            None
        }
    };
    let config = lint.config_for(&registries);
    let batches = batches::plan(events, &options).chain(text);
    let wanted = stand_in.clone();
    let stream = StreamOptions {
        keep: Some(Arc::new(move |p: &Path| p == wanted)),
        ..StreamOptions::default()
    };
    let findings =
        lint_stream(&registries, batches, &options, &config, &stream).into_diagnostic()?;
    let events = findings
        .event_files
        .iter()
        .filter(|(p, _)| *p == stand_in)
        .map(|(_, n)| n)
        .sum();
    Ok(Group {
        files: 1,
        events,
        findings,
    })
}

/// Reads standard input, which stands in for the file at `path`: up to the loader's limit for
/// such a file (exit code 2 past it).
pub(super) fn read(path: &Path) -> miette::Result<Vec<u8>> {
    let options = LoadOptions::default();
    let limit = match FileFormat::from_path(path) {
        Some(FileFormat::JsonLines) => options.max_lines_file_bytes,
        _ => options.max_file_bytes,
    };
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| miette!("cannot read standard input: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(miette!(
            "standard input is larger than {limit} bytes, the limit for a record file"
        ));
    }
    Ok(bytes)
}

/// Prints standard input's text as it came when it stands in for a file and nothing new was
/// printed for it (`--fix` or `--add-allow` found nothing to change): the editor replaces its
/// buffer with what is printed, so it must always get the whole text.
pub(super) fn echo_if_untouched(
    roots: &Roots,
    stdin: Option<&Path>,
    written: bool,
) -> miette::Result<()> {
    match stdin {
        Some(path) if !written => match roots.stood_in(path) {
            Some(text) => roots.write_back(path, text),
            None => Ok(()),
        },
        _ => Ok(()),
    }
}
