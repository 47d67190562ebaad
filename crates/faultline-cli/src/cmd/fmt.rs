//! `faultline fmt`: canonical formatting of record files, keeping every comment.

use std::io::Write;
use std::path::{Path, PathBuf};

use faultline_dataset::{FileRole, Overwrite, classify, classify_single, write_atomic};
use faultline_fmt::{FormatError, RecordFile, format_record};
use miette::{IntoDiagnostic, miette};

use crate::exit::Outcome;

/// The largest record file formatted, in bytes (the loader's limit).
const MAX_FILE_BYTES: u64 = 8 << 20;

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
    /// The dataset directory formatted when no PATH is given.
    #[arg(long, value_name = "DIR", default_value = "data")]
    pub(crate) data: PathBuf,
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

Exit codes: 0 nothing to report, 1 files would change (--check) or could not be parsed,
2 a path does not exist or is not a record file.";

/// A file to format.
struct Target {
    path: PathBuf,
    kind: RecordFile,
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

/// The TOML record files under a dataset directory, in sorted order.
fn walk(root: &Path, out: &mut Vec<Target>) -> miette::Result<()> {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|e| miette!("cannot read {}: {e}", root.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        if let Some(kind) = classify(rel).and_then(record_file) {
            out.push(Target {
                path: entry.path().to_path_buf(),
                kind,
            });
        }
    }
    Ok(())
}

fn targets(args: &FmtArgs) -> miette::Result<Vec<Target>> {
    let paths = if args.paths.is_empty() {
        std::slice::from_ref(&args.data)
    } else {
        &args.paths[..]
    };
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut out)?;
        } else if path.exists() {
            let kind = classify_single(path).and_then(record_file).ok_or_else(|| {
                miette!(
                    help = "fmt formats TOML record files: events, sources, places.toml and actors.toml",
                    "{} is not a TOML record file",
                    path.display()
                )
            })?;
            out.push(Target {
                path: path.clone(),
                kind,
            });
        } else {
            return Err(miette!("{} does not exist", path.display()));
        }
    }
    Ok(out)
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
    let targets = targets(args)?;
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    let (mut changed, mut unchanged, mut failed) = (0usize, 0usize, 0usize);
    for t in &targets {
        let name = t.path.display();
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
            write_atomic(&t.path, formatted.as_bytes(), Overwrite::Allowed)
                .map_err(|e| miette!("cannot write {name}: {e}"))?;
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
