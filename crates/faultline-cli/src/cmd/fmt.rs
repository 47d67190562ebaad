//! `faultline fmt`: canonical formatting of record files, keeping every comment.

use std::io::Write;
use std::path::{Path, PathBuf};

use faultline_dataset::confine::lexical;
use faultline_dataset::files::display_name;
use faultline_dataset::{
    FileRole, LoadOptions, Overwrite, WalkErrorKind, classify_single, find_root, resolve_under,
    walk, write_atomic_in,
};
use faultline_fmt::{FormatError, RecordFile, format_record};
use miette::{IntoDiagnostic, miette};

use crate::confine;
use crate::exit::Outcome;

/// The largest record file formatted, in bytes (the loader's limit).
const MAX_FILE_BYTES: u64 = LoadOptions::DEFAULT_MAX_FILE_BYTES;

/// Arguments of `faultline fmt`.
#[derive(Debug, clap::Args)]
#[command(after_help = FMT_HELP)]
pub(crate) struct FmtArgs {
    /// Record files (events, sources, places.toml, actors.toml) or dataset directories
    /// [default: the --data directory].
    pub(crate) paths: Vec<PathBuf>,
    /// Write nothing: list the files that would change, and exit with 1 if there are any.
    #[arg(long)]
    pub(crate) check: bool,
    /// The dataset directory formatted when no PATH is given [default: ./data, else the
    /// dataset the working directory is in].
    #[arg(long, value_name = "DIR")]
    pub(crate) data: Option<PathBuf>,
}

const FMT_HELP: &str = "\
What changes: keys in the order of docs/record-format.md (unknown keys kept, after the known
ones); [date], [[places]], [[actors]], [[claims]], [[casualties]], [external.*] as standard
tables and arrays of tables, inline tables only for `count = { low, high }` and name variants;
basic strings (multi-line strings are kept exactly as written); dates unquoted
(\"2021-11-16\" becomes 2021-11-16 in date fields); one blank line before each table; a final
newline. Every comment stays with its key, value or table: a suppression above [[casualties]]
stays above it. A file that does not parse is reported and never touched.

Examples:
  faultline fmt                      format every record file under ./data
  faultline fmt --check              CI: list the files that would change, exit 1 if any
  faultline fmt data/events/2021/2021-11-16-border-fighting.toml
  faultline fmt --data ../other/data

A file is read and written only inside its dataset: a symbolic link that leads out of it,
points at nothing or loops is reported and left alone.

Exit codes: 0 nothing to report, 1 files would change (--check), could not be parsed or are
links that are not followed, 2 a path does not exist or is not a record file.";

/// A file to format, and the root it must stay in (its dataset, or the folder it was named in).
struct Target {
    path: PathBuf,
    root: PathBuf,
    kind: RecordFile,
}

/// What `fmt` is asked to do: the files to format, and the paths it will not follow.
#[derive(Default)]
struct Plan {
    targets: Vec<Target>,
    /// Links that are not followed, each with why (never where they point).
    refused: Vec<(PathBuf, String)>,
}

fn record_file(role: FileRole) -> Option<RecordFile> {
    match role {
        FileRole::Event => Some(RecordFile::Event),
        FileRole::Source => Some(RecordFile::Source),
        FileRole::Places => Some(RecordFile::Places),
        FileRole::Actors => Some(RecordFile::Actors),
        FileRole::Events | FileRole::Stray => None,
    }
}

/// The TOML record files under a folder, in sorted order: the folder's dataset is walked
/// ([`walk()`]), keeping the files below the folder, so that a file's role comes from its place
/// in the dataset whatever folder is given.
fn walk_folder(dir: &Path, plan: &mut Plan) -> miette::Result<()> {
    let root = find_root(dir).unwrap_or_else(|| dir.to_path_buf());
    confine::named(&root)?;
    // The folder's place in the dataset, by name (as the walk names files).
    let absolute = |p: &Path| {
        std::path::absolute(p)
            .map(|a| lexical(&a))
            .into_diagnostic()
    };
    let below = absolute(dir)?
        .strip_prefix(absolute(&root)?)
        .ok()
        .filter(|rel| !rel.as_os_str().is_empty())
        .map(Path::to_path_buf);
    if below.is_some() {
        resolve_under(&root, dir).map_err(|e| {
            miette!(
                "{}: {}; it is not formatted",
                dir.display(),
                confine::describe(&e, &format!("the dataset {}", root.display()))
            )
        })?;
    }
    let keep = |path: &Path| {
        below.as_ref().is_none_or(|rel| {
            path.strip_prefix(&root)
                .is_ok_and(|inside| inside.starts_with(rel))
        })
    };
    for found in walk(&root).map_err(|e| miette!("{e}"))? {
        match found {
            Ok(file) => {
                if let Some(kind) = record_file(file.role).filter(|_| keep(&file.path)) {
                    plan.targets.push(Target {
                        path: file.path,
                        root: root.clone(),
                        kind,
                    });
                }
            }
            Err(e) if keep(&e.path) => {
                let why = match e.kind {
                    WalkErrorKind::Link(link) => confine::describe(&link, "the dataset"),
                    WalkErrorKind::Io(why) => format!("cannot read: {why}"),
                };
                plan.refused.push((e.path, why));
            }
            Err(_) => {}
        }
    }
    Ok(())
}

fn plan(args: &FmtArgs) -> miette::Result<Plan> {
    let paths = if args.paths.is_empty() {
        vec![super::default_dataset(args.data.as_deref())]
    } else {
        args.paths.clone()
    };
    let mut plan = Plan::default();
    for path in &paths {
        if path.is_dir() {
            walk_folder(path, &mut plan)?;
        } else if std::fs::symlink_metadata(path).is_ok() {
            let kind = classify_single(path).and_then(record_file).ok_or_else(|| {
                miette!(
                    help = "fmt formats TOML record files: events, sources, places.toml and actors.toml",
                    "{} is not a TOML record file",
                    path.display()
                )
            })?;
            let root = find_root(path).unwrap_or_else(|| confine::folder_of(path));
            confine::named(&root)?;
            match resolve_under(&root, path) {
                Ok(_) => plan.targets.push(Target {
                    path: path.clone(),
                    root,
                    kind,
                }),
                Err(e) => plan
                    .refused
                    .push((path.clone(), confine::describe(&e, "its dataset"))),
            }
        } else {
            return Err(miette!("{} does not exist", path.display()));
        }
    }
    Ok(plan)
}

/// Reads a file as text: a regular file only (never a FIFO), within the size limit, UTF-8.
fn read(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!("larger than {MAX_FILE_BYTES} bytes"));
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    String::from_utf8(bytes)
        .map_err(|e| format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to()))
}

pub(crate) fn run(args: &FmtArgs) -> miette::Result<Outcome> {
    let plan = plan(args)?;
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    let (mut changed, mut unchanged, mut failed) = (0usize, 0usize, 0usize);
    for (path, why) in &plan.refused {
        failed += 1;
        writeln!(stderr, "error: {}: {why}; not read", display_name(path)).into_diagnostic()?;
    }
    for t in &plan.targets {
        let name = display_name(&t.path);
        let text = match read(&t.path) {
            Ok(text) => text,
            Err(why) => {
                failed += 1;
                writeln!(stderr, "error: {name}: cannot read: {why}; not formatted")
                    .into_diagnostic()?;
                continue;
            }
        };
        let formatted = match format_record(&text, t.kind) {
            Ok(f) => f,
            Err(e @ FormatError::Syntax { .. }) => {
                failed += 1;
                writeln!(stderr, "error: {name}:{e}; not formatted").into_diagnostic()?;
                continue;
            }
            Err(e) => {
                failed += 1;
                writeln!(stderr, "error: {name}: {e}").into_diagnostic()?;
                continue;
            }
        };
        if formatted == text {
            unchanged += 1;
            continue;
        }
        changed += 1;
        if args.check {
            writeln!(stdout, "would reformat {name}").into_diagnostic()?;
        } else {
            write_atomic_in(&t.root, &t.path, formatted.as_bytes(), Overwrite::Allowed)
                .map_err(|e| confine::write_error(&t.path, &e, "its dataset"))?;
            writeln!(stdout, "formatted {name}").into_diagnostic()?;
        }
    }
    let files = |n: usize| {
        if n == 1 {
            "1 file".to_owned()
        } else {
            format!("{n} files")
        }
    };
    let verb = if args.check {
        "would be reformatted"
    } else {
        "reformatted"
    };
    let mut summary = format!("{} {verb}, {} already formatted", files(changed), unchanged);
    if failed > 0 {
        summary.push_str(&format!(", {} could not be formatted", files(failed)));
    }
    writeln!(stderr, "{summary}").into_diagnostic()?;
    Ok(if failed > 0 || (args.check && changed > 0) {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}
