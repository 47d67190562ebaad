//! `faultline lint`: check a dataset, record files, or JSON / JSON Lines files of events.

use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use faultline_dataset::archive::{Archive, ArchiveRoot};
use faultline_dataset::{
    Dataset, DatasetError, FileRole, LoadError, LoadErrorKind, LoadOptions, Overwrite, Span,
    classify_single, find_root, is_root, resolve_under, write_atomic_with,
};
use faultline_model::Date;
use faultline_validate::engine::{Keep, batches};
use faultline_validate::{
    Config, ConfigError, Diagnostic, Findings, StreamOptions, Summary, apply_fixes, lint_stream,
};
use miette::{IntoDiagnostic, NamedSource, SourceSpan, miette};

use crate::archive_root::{self, ConfigFile};
use crate::confine::{self, Roots};
use crate::exit::Outcome;
use crate::output::statistics::Statistics;
use crate::output::{self, Color, Context, Format, Render};

/// Arguments of `faultline lint`.
#[derive(Debug, clap::Args)]
pub(crate) struct LintArgs {
    /// Dataset directories, record files, or JSON / JSON Lines files of events [default: the
    /// --data directory].
    pub(crate) paths: Vec<PathBuf>,
    /// The dataset whose sources, places and actors resolve the references of files given on
    /// their own [default: the dataset the file sits in, else ./data].
    #[arg(long, value_name = "DIR")]
    pub(crate) data: Option<PathBuf>,
    /// How to print the findings (`--output-format` is the same option, as in ruff).
    #[arg(long, visible_alias = "output-format", value_enum, default_value_t = Format::Pretty)]
    pub(crate) format: Format,
    /// Print how many findings each rule made, most first, instead of the findings (as JSON
    /// with --format json).
    #[arg(long, conflicts_with_all = ["diff", "add_allow"])]
    pub(crate) statistics: bool,
    /// Exit with 0 even when there are errors (2 still means the linter could not do its job).
    #[arg(long)]
    pub(crate) exit_zero: bool,
    /// Read one record file from standard input (the path `-`) and lint it as if it stood at
    /// PATH in its dataset: references resolved against that dataset, suppressions and
    /// per-file ignores honoured; the file at PATH itself is not read.
    ///
    /// With --fix (or --add-allow) the fixed text is printed on standard output, and the
    /// findings left go to standard error (or --output); with --diff the diff is printed.
    /// The file at PATH is never written.
    #[arg(long, value_name = "PATH")]
    pub(crate) stdin_filename: Option<PathBuf>,
    /// Insert `# faultline: allow(RULE) REASON` above the table of every current finding (as
    /// ruff's --add-noqa), keeping every other line; for adopting a new rule. JSON and JSON
    /// Lines files have no comments: their findings are listed as not suppressed.
    #[arg(long, value_name = "REASON", conflicts_with_all = ["fix", "diff"])]
    pub(crate) add_allow: Option<String>,
    /// Write the report to this file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// The date `future-date` compares with [default: today's date, UTC].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub(crate) today: Option<Date>,
    /// Exit with 1 when there are warnings, not only errors.
    #[arg(long)]
    pub(crate) deny_warnings: bool,
    /// Run only these rules (repeat, or separate with commas).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub(crate) select: Vec<String>,
    /// Do not run these rules (repeat, or separate with commas).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub(crate) ignore: Vec<String>,
    /// The configuration file [default: ./faultline.toml when it exists].
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// Colour the pretty output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub(crate) color: Color,
    /// Apply the safe fixes (e.g. a place name variant replaced by the place's id) to the
    /// files, atomically, then lint again. Files that do not parse are never touched.
    #[arg(long)]
    pub(crate) fix: bool,
    /// Show the safe fixes as a unified diff on standard output, without writing anything.
    #[arg(long, conflicts_with = "fix")]
    pub(crate) diff: bool,
    /// The folder of archived source texts that quotes are checked against [default: the
    /// FAULTLINE_ARCHIVE environment variable, else `archive` in the configuration file].
    #[arg(long, value_name = "DIR")]
    pub(crate) archive: Option<PathBuf>,
}

/// What one run produced (one per dataset directory given, one for all files given): its
/// findings, read in order as they are written out (the engine leaves out what
/// `[per-file-ignores]` drops), and the counts of what was read.
struct Group {
    findings: Findings,
    files: usize,
    events: usize,
}

/// Every group of a run, and the roots their files were read under: only files under these
/// roots are read again (for a snippet, a diff or a fix) or written (by a fix).
#[derive(Default)]
struct Run {
    groups: Vec<Group>,
    roots: Roots,
}

mod add_allow;
mod stdin;

pub(crate) fn run(args: &LintArgs) -> miette::Result<Outcome> {
    let started = Instant::now();
    stdin::check_paths(args)?;
    if let Some(path) = &args.output {
        confine::output(path)?;
    }
    let (config, file) = build_config(args)?;
    let archive = archive_root::open(args.archive.as_deref(), &config, file.as_ref())?;
    let mut lint = Lint {
        args,
        config: &config,
        archive: archive.as_ref(),
        stdin: match &args.stdin_filename {
            Some(path) => Some(Arc::from(stdin::read(path)?)),
            None => None,
        },
    };
    if args.diff {
        return show_diff(lint.paths()?);
    }
    if args.fix {
        // The fixes are written, and what is then on disk is linted below. Standard input's
        // fixed text is printed instead, and linted below in its place.
        if let Some(fixed) = apply(lint.paths()?, args.stdin_filename.as_deref())? {
            lint.stdin = Some(Arc::from(fixed.into_bytes()));
        }
    }
    if let Some(reason) = &args.add_allow {
        let outcome = add_allow::run(lint.paths()?, reason, args.stdin_filename.as_deref())?;
        return Ok(if args.exit_zero {
            Outcome::Clean
        } else {
            outcome
        });
    }
    let Run { groups, roots } = lint.paths()?;
    let counts = Summary {
        files: groups.iter().map(|g| g.files).sum(),
        events: groups.iter().map(|g| g.events).sum(),
        ..Summary::default()
    };
    let color = args.output.is_none() && args.color.enabled();
    let mut render: Box<dyn Render> = if args.statistics {
        Box::new(Statistics::new(args.format == Format::Json))
    } else {
        args.format.renderer(Context {
            color,
            started,
            roots: &roots,
            step_summary: step_summary(args.format)?,
        })
    };
    let findings = groups.into_iter().flat_map(|g| g.findings);
    let summary = match &args.output {
        Some(path) => {
            let mut summary = counts;
            write_atomic_with(path, Overwrite::Allowed, |out| {
                summary = output::write(render.as_mut(), findings, counts, out)?;
                Ok(())
            })
            .map_err(|e| confine::write_error(path, &e, "its folder"))?;
            summary
        }
        // Standard output holds the fixed text: the findings left go to standard error.
        None if args.fix && args.stdin_filename.is_some() => {
            let mut out = BufWriter::with_capacity(1 << 16, std::io::stderr().lock());
            output::write(render.as_mut(), findings, counts, &mut out)
                .and_then(|s| out.flush().map(|()| s))
                .into_diagnostic()?
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
            output::write(render.as_mut(), findings, counts, &mut out)
                .and_then(|s| out.flush().map(|()| s))
                .into_diagnostic()?
        }
    };
    let failed = summary.errors > 0 || (args.deny_warnings && summary.warnings > 0);
    Ok(if failed && !args.exit_zero {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// The GitHub step summary (`$GITHUB_STEP_SUMMARY`, opened to append) for `--format github`,
/// when the variable is set and not empty.
fn step_summary(format: Format) -> miette::Result<Option<std::fs::File>> {
    if format != Format::Github {
        return Ok(None);
    }
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(None);
    };
    std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&path)
        .map(Some)
        .map_err(|e| {
            miette!(
                "cannot write the step summary {} ($GITHUB_STEP_SUMMARY): {e}",
                Path::new(&path).display()
            )
        })
}

/// The largest file a fix reads (the loader's limit for a record file).
const MAX_FIX_BYTES: u64 = LoadOptions::DEFAULT_MAX_FILE_BYTES;

/// The findings of a group that matter to `--fix` and `--diff`: those with a fix, and those
/// that say a file did not load (such a file is never touched).
fn fix_findings(group: Group) -> miette::Result<Vec<Diagnostic>> {
    let mut kept = Vec::new();
    for d in group.findings {
        let d = d.into_diagnostic()?;
        if d.fix.is_some() || faultline_validate::meta(d.rule).is_some_and(|m| m.always_on) {
            kept.push(d);
        }
    }
    Ok(kept)
}

/// Prints the fixes as a unified diff; exit 1 when there is something to fix.
fn show_diff(run: Run) -> miette::Result<Outcome> {
    let Run { groups, roots } = run;
    let read = |p: &Path| roots.read_text(p, MAX_FIX_BYTES);
    let mut out = String::new();
    for g in groups {
        for f in apply_fixes(&fix_findings(g)?, read) {
            let diff = similar::TextDiff::from_lines(&f.before, &f.after);
            let header = (format!("a/{}", f.name), format!("b/{}", f.name));
            out.push_str(
                &diff
                    .unified_diff()
                    .context_radius(2)
                    .header(&header.0, &header.1)
                    .to_string(),
            );
        }
    }
    std::io::stdout()
        .lock()
        .write_all(out.as_bytes())
        .into_diagnostic()?;
    Ok(if out.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

/// Writes the fixes atomically, each inside the dataset it belongs to (standard input's text,
/// fixed or not, is printed on standard output instead); returns standard input's fixed text
/// when it had fixes. Reports on standard error.
fn apply(run: Run, stdin: Option<&Path>) -> miette::Result<Option<String>> {
    let Run { groups, roots } = run;
    let read = |p: &Path| roots.read_text(p, MAX_FIX_BYTES);
    let mut count = 0;
    let mut report = String::new();
    let mut fixed_stdin = None;
    for g in groups {
        for f in apply_fixes(&fix_findings(g)?, read) {
            roots.write_back(&f.path, f.after.as_bytes())?;
            count += f.applied.len();
            let _ = writeln!(report, "fixed {}: {}", f.name, f.applied.join("; "));
            if stdin == Some(f.path.as_path()) {
                fixed_stdin = Some(f.after);
            }
        }
    }
    stdin::echo_if_untouched(&roots, stdin, fixed_stdin.is_some())?;
    let _ = writeln!(
        report,
        "{count} fix{} applied",
        if count == 1 { "" } else { "es" }
    );
    std::io::stderr()
        .lock()
        .write_all(report.as_bytes())
        .into_diagnostic()?;
    Ok(fixed_stdin)
}

/// The configuration of a run, and the configuration file it was read from.
pub(crate) fn build_config(args: &LintArgs) -> miette::Result<(Config, Option<ConfigFile>)> {
    let mut config = match args.today {
        Some(today) => Config::with_today(today),
        None => Config::default(),
    };
    let file = read_config_file(args.config.as_deref())?;
    if let Some(file) = &file {
        config
            .merge_toml(&file.text)
            .map_err(|e| config_report(e, Some((&file.path, file.text.clone()))))?;
    }
    for rule in &args.select {
        config.select(rule).map_err(|e| config_report(e, None))?;
    }
    for rule in &args.ignore {
        config.ignore(rule).map_err(|e| config_report(e, None))?;
    }
    Ok((config, file))
}

/// Reads the configuration file: `path` (which must exist), else `./faultline.toml` when it
/// exists; a link out of its folder is refused (`confine::input`).
pub(crate) fn read_config_file(path: Option<&Path>) -> miette::Result<Option<ConfigFile>> {
    let path = match path {
        Some(p) => {
            if !p.is_file() {
                return Err(miette!(
                    "the configuration file {} does not exist",
                    p.display()
                ));
            }
            p.to_path_buf()
        }
        None => match Some(PathBuf::from("faultline.toml")).filter(|p| p.is_file()) {
            Some(p) => p,
            None => return Ok(None),
        },
    };
    confine::input(&path, "configuration file")?;
    let text = std::fs::read_to_string(&path)
        .into_diagnostic()
        .map_err(|e| miette!("cannot read {}: {e}", path.display()))?;
    Ok(Some(ConfigFile { path, text }))
}

/// A configuration error as a miette report, pointing into the file when it came from one.
pub(crate) fn config_report(e: ConfigError, file: Option<(&Path, String)>) -> miette::Report {
    let located = file.zip(e.span);
    let message = match &located {
        Some(((path, _), _)) => format!("{}: {}", path.display(), e.message),
        None => e.message.clone(),
    };
    let labels = located
        .as_ref()
        .map(|(_, span)| {
            vec![miette::LabeledSpan::at(
                SourceSpan::from(span.range()),
                "here",
            )]
        })
        .unwrap_or_default();
    let report = match e.help {
        Some(help) => miette!(labels = labels, help = help, "{message}"),
        None => miette!(labels = labels, "{message}"),
    };
    match located {
        Some(((path, text), _)) => report.with_source_code(
            NamedSource::new(path.display().to_string(), text).with_language("toml"),
        ),
        None => report,
    }
}

fn dataset_error(e: DatasetError) -> miette::Report {
    match e {
        DatasetError::NotFound(p) => miette!(
            help = "pass a dataset directory, a record file, or --data DIR",
            "{}: no such file or directory",
            p.display()
        ),
        other => miette!("{other}"),
    }
}

/// One lint run: its arguments, configuration and archive root.
struct Lint<'a> {
    args: &'a LintArgs,
    config: &'a Config,
    archive: Option<&'a ArchiveRoot>,
    /// The text read from standard input (--stdin-filename), read once.
    stdin: Option<Arc<[u8]>>,
}

impl Lint<'_> {
    fn paths(&self) -> miette::Result<Run> {
        lint_paths(self.args, self)
    }

    /// The configuration for a dataset whose registries are `registries`: with the archived
    /// copies of its sources when an archive root is given (each file read once).
    fn config_for(&self, registries: &Dataset) -> Config {
        let mut config = self.config.clone();
        if let Some(root) = self.archive {
            config.set_archive(Archive::read(
                root.clone(),
                registries.sources.iter().map(|s| &s.record),
            ));
        }
        config
    }
}

fn lint_paths(args: &LintArgs, lint: &Lint<'_>) -> miette::Result<Run> {
    if let Some(path) = &args.stdin_filename {
        let mut run = Run::default();
        let group = stdin::lint(args, lint, path, &mut run.roots)?;
        run.groups.push(group);
        return Ok(run);
    }
    let paths = if args.paths.is_empty() {
        vec![super::default_dataset(args.data.as_deref())]
    } else {
        args.paths.clone()
    };
    let mut run = Run::default();
    let mut files = Vec::new();
    for p in &paths {
        if p.is_dir() {
            let group = lint_folder(p, lint, &mut run.roots)?;
            run.groups.push(group);
        } else if std::fs::symlink_metadata(p).is_ok() {
            // A file, or a link (checked against its dataset by `lint_files`).
            files.push(p.clone());
        } else {
            return Err(miette!(
                help = "pass a dataset directory, a record file, or a JSON / JSON Lines file",
                "{}: no such file or directory",
                p.display()
            ));
        }
    }
    if !files.is_empty() {
        let group = lint_files(args, lint, &files, &mut run.roots)?;
        run.groups.push(group);
    }
    Ok(run)
}

/// Lints a folder: a dataset root as a whole; a folder inside a dataset (`data/events`) as part
/// of that dataset, keeping the findings below the folder. A folder with no record file at
/// all is refused (exit 2): it is more likely a wrong path than a clean dataset.
fn lint_folder(dir: &Path, lint: &Lint<'_>, roots: &mut Roots) -> miette::Result<Group> {
    let group = match find_root(dir) {
        Some(root) if !is_root(dir) => {
            confine::named(&root)?;
            let below = resolve_under(&root, dir).map_err(|e| {
                miette!(
                    "{}: {}; it is not linted",
                    dir.display(),
                    confine::describe(&e, &format!("the dataset {}", root.display()))
                )
            })?;
            let inside =
                move |p: &Path| std::fs::canonicalize(p).is_ok_and(|p| p.starts_with(&below));
            let keep: Keep = Arc::new(inside.clone());
            let findings = lint_dir(&root, lint, roots, Some(keep))?;
            let counted: Vec<usize> = findings
                .event_files
                .iter()
                .filter(|(p, _)| inside(p))
                .map(|(_, n)| *n)
                .collect();
            Group {
                files: counted.len(),
                events: counted.iter().sum(),
                findings,
            }
        }
        _ => {
            confine::named(dir)?;
            let findings = lint_dir(dir, lint, roots, None)?;
            Group {
                files: findings.files,
                events: findings.events,
                findings,
            }
        }
    };
    if group.files == 0 {
        return Err(miette!(
            help = "pass a dataset folder (with events/, sources/, places.toml, actors.toml) or record files",
            "{}: no record files found",
            dir.display()
        ));
    }
    Ok(group)
}

/// Lints a dataset directory: the registries, then the events streamed in batches; only the
/// findings in the files `keep` accepts are kept.
fn lint_dir(
    dir: &Path,
    lint: &Lint<'_>,
    roots: &mut Roots,
    keep: Option<Keep>,
) -> miette::Result<Findings> {
    let options = LoadOptions::default();
    let (registries, events) =
        Dataset::open_registries(dir, options.clone()).map_err(dataset_error)?;
    roots.add(dir);
    let config = lint.config_for(&registries);
    let batches = batches::plan(events, &options);
    let stream = StreamOptions {
        keep,
        ..StreamOptions::default()
    };
    lint_stream(&registries, batches, &options, &config, &stream).into_diagnostic()
}

/// Lints files given on their own, with the --data dataset resolving their references; only
/// the findings in the given files are kept. Each file is read only when it resolves inside
/// its own dataset (or, outside any dataset, inside the folder it is named in); otherwise it
/// is reported as a `parse-error` by its own path.
fn lint_files(
    args: &LintArgs,
    lint: &Lint<'_>,
    files: &[PathBuf],
    roots: &mut Roots,
) -> miette::Result<Group> {
    let options = LoadOptions::default();
    // The dataset that resolves references: --data, else the one the first file sits in,
    // else ./data.
    let data = args
        .data
        .clone()
        .or_else(|| files.first().and_then(|f| find_root(f)))
        .unwrap_or_else(|| PathBuf::from("data"));
    let (mut registries, data_events) = if data.is_dir() {
        confine::named(&data)?;
        roots.add(&data);
        Dataset::open_registries(&data, options.clone()).map_err(dataset_error)?
    } else {
        (Dataset::default(), Vec::new())
    };
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let mut wanted: Vec<PathBuf> = Vec::new();
    let mut events: Vec<(PathBuf, FileRole)> = Vec::new();
    for f in files {
        let role = classify_single(f).ok_or_else(|| {
            miette!(
                help = "record files end in .toml; events may also be .json or .jsonl",
                "{}: not a record file",
                f.display()
            )
        })?;
        let root = find_root(f).unwrap_or_else(|| confine::folder_of(f));
        confine::named(&root)?;
        if let Err(e) = resolve_under(&root, f) {
            // Reported by its own path (the walk of --data may have reported it already),
            // never read.
            let name = options.name_of(f);
            if !registries
                .errors
                .iter()
                .any(|e| e.file.is_none() && e.path == name)
            {
                registries.errors.push(LoadError {
                    path: name.clone(),
                    file: None,
                    span: Span::default(),
                    line: 1,
                    column: 1,
                    kind: LoadErrorKind::Link(e),
                });
            }
            wanted.push(PathBuf::from(name));
            continue;
        }
        roots.add(&root);
        let c = canonical(f);
        let in_registries = registries.files.iter().any(|sf| canonical(&sf.path) == c);
        if matches!(role, FileRole::Event | FileRole::Events) {
            if !data_events.iter().any(|(p, _)| canonical(p) == c) {
                events.push((f.clone(), role));
            }
        } else if !in_registries {
            registries.add_file(f, options.clone());
        }
        wanted.push(c);
    }
    events.extend(data_events);
    let config = lint.config_for(&registries);
    let batches = batches::plan(events, &options);
    // A file is kept by the name it was given (a link reported by its own path) or by its
    // canonical path; the filter is asked once per file.
    let wanted = Arc::new(wanted);
    let keep = Arc::clone(&wanted);
    let stream = StreamOptions {
        keep: Some(Arc::new(move |p: &Path| {
            keep.iter().any(|w| w == p)
                || keep.contains(&std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf()))
        })),
        ..StreamOptions::default()
    };
    let findings =
        lint_stream(&registries, batches, &options, &config, &stream).into_diagnostic()?;
    let events = findings
        .event_files
        .iter()
        .filter(|(p, _)| wanted.contains(&canonical(p)))
        .map(|(_, n)| n)
        .sum();
    Ok(Group {
        files: wanted.len(),
        events,
        findings,
    })
}
