//! `faultline export`: write the dataset in the formats the field uses.

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use faultline_dataset::archive::Archive;
use faultline_dataset::{
    Dataset, LoadError, LoadErrorKind, LoadOptions, Overwrite, Span, find_root, resolve_under,
};
use faultline_export::{ExportError, Format, Options, Records};
use faultline_formats::acled::Generation;
use faultline_validate::{LintResult, Severity};
use miette::miette;
use std::fmt::Write as _;

use crate::confine::{self, Roots};
use crate::exit::Outcome;
use crate::output::{Render as _, pretty};

/// Arguments of `faultline export`.
#[derive(Debug, clap::Args)]
pub(crate) struct ExportArgs {
    /// The output format.
    #[arg(value_parser = formats())]
    pub(crate) format: Format,
    /// The dataset directory (or a single .jsonl / .json file of events).
    #[arg(long, default_value = "data")]
    pub(crate) data: PathBuf,
    /// Where to write: a file; a directory for datapackage, and for csv unless the path ends
    /// in .csv (then the figures go to `<stem>-figures.csv` beside it).
    #[arg(long)]
    pub(crate) out: PathBuf,
    /// Replace files that already exist (they are never overwritten otherwise).
    #[arg(long)]
    pub(crate) force: bool,
    /// The folder of archived source texts: quotes are anchored in them (annotations; the
    /// quote_prefix and quote_suffix columns) [default: the FAULTLINE_ARCHIVE environment
    /// variable, else `archive` in the configuration file].
    #[arg(long, value_name = "DIR")]
    pub(crate) archive: Option<PathBuf>,
    /// The configuration file: `archive`, and the rule levels the dataset is linted with
    /// before it is exported [default: ./faultline.toml when it exists].
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// Export even when `faultline lint` would report errors in the dataset (they are counted
    /// on standard error). Without it such a dataset is not exported: the errors are listed
    /// and the exit code is 1.
    #[arg(long)]
    pub(crate) allow_errors: bool,
    /// For acled: the generation of ACLED's columns to write (current: the 31 columns since
    /// 2023; pre2023; hdx, with its HXL hashtag row; 2016, with ally_actor_* and the old event
    /// types).
    #[arg(long, value_name = "GENERATION", value_parser = generations(), default_value = "current")]
    pub(crate) generation: Generation,
    /// For datapackage: the data's version, written as the package's `version`
    /// [default: this faultline's version].
    #[arg(long, value_name = "VERSION")]
    pub(crate) package_version: Option<String>,
}

/// The ACLED generations, from [`Generation::ALL`], each with its description.
fn generations() -> impl TypedValueParser<Value = Generation> {
    PossibleValuesParser::new(
        Generation::ALL.map(|g| PossibleValue::new(g.as_str()).help(g.describe())),
    )
    .try_map(|name| {
        Generation::ALL
            .into_iter()
            .find(|g| g.as_str() == name)
            .ok_or_else(|| format!("unknown ACLED generation `{name}`"))
    })
}

/// When the export is made, for the Data Package's `created`: `SOURCE_DATE_EPOCH` when set
/// (reproducible builds' convention), else now.
fn created() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .ok()
                .and_then(|d| i64::try_from(d.as_secs()).ok())
        })
}

/// The export formats, from [`Format::ALL`], each with its description.
fn formats() -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(
        Format::ALL.map(|f| PossibleValue::new(f.as_str()).help(f.description())),
    )
    .try_map(|name| name.parse::<Format>())
}

pub(crate) fn run(args: &ExportArgs) -> miette::Result<Outcome> {
    let format = args.format;
    if format.writes_directory(&args.out) {
        confine::named(&args.out)?;
    } else {
        confine::output(&args.out)?;
    }
    let mut roots = Roots::default();
    let dataset = open_dataset(&args.data, &mut roots)?;
    let file = crate::cmd::lint::read_config_file(args.config.as_deref())?;
    let mut config = faultline_validate::Config::default();
    if let Some(f) = &file {
        config
            .merge_toml(&f.text)
            .map_err(|e| crate::cmd::lint::config_report(e, Some((&f.path, f.text.clone()))))?;
    }
    let root = crate::archive_root::open(args.archive.as_deref(), &config, file.as_ref())?;
    let mut records = Records::from_dataset(&dataset);
    let anchored = root.is_some();
    if let Some(root) = root {
        let archive = std::sync::Arc::new(Archive::read(
            root,
            dataset.sources.iter().map(|s| &s.record),
        ));
        // The quote rules check against the same copies the export anchors quotes in.
        config.set_shared_archive(archive.clone());
        records.archive = Some(archive);
    }
    let linted = faultline_validate::lint(&dataset, &config);
    if linted.summary.errors > 0 && !args.allow_errors {
        refuse(&linted, &roots);
        return Ok(Outcome::Findings);
    }
    let overwrite = if args.force {
        Overwrite::Allowed
    } else {
        Overwrite::Never
    };
    let options = Options {
        acled_generation: Some(args.generation),
        created: created(),
        version: Some(
            args.package_version
                .clone()
                .unwrap_or_else(|| env!("CARGO_PKG_VERSION").to_owned()),
        ),
    };
    let written = faultline_export::export_with(&records, format, &args.out, overwrite, &options)
        .map_err(export_error)?;
    #[allow(clippy::print_stderr)]
    {
        for e in dataset.errors.iter().take(10) {
            eprintln!("not exported: {e}");
        }
        if dataset.errors.len() > 10 {
            eprintln!(
                "... and {} more files or records that could not be loaded",
                dataset.errors.len() - 10
            );
        }
        if linted.summary.errors > 0 {
            eprintln!(
                "warning: exported with {} (--allow-errors); `faultline lint` lists them",
                plural(linted.summary.errors, "lint error")
            );
        }
        if !anchored && format == Format::Annotations {
            eprintln!(
                "note: no archive root given (--archive DIR): the annotations carry each quote, without prefix, suffix or position"
            );
        }
        let (events, sources, places, actors) = dataset.counts();
        eprintln!(
            "exported {events} events, {sources} sources, {places} places, {actors} actors as {} to {} ({} file{})",
            format.as_str(),
            args.out.display(),
            written.len(),
            if written.len() == 1 { "" } else { "s" }
        );
    }
    Ok(if dataset.errors.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

/// Loads a dataset directory (named inside the working directory, read only inside itself), or
/// a single .json / .jsonl file of events ([`load_file`]).
/// Each root read is added to `roots` (snippets are shown only from under them).
pub(crate) fn open_dataset(data: &std::path::Path, roots: &mut Roots) -> miette::Result<Dataset> {
    if data.is_dir() || std::fs::symlink_metadata(data).is_err() {
        confine::named(data)?;
        let dataset = Dataset::open(data).map_err(|e| miette!("{e}"))?;
        roots.add(data);
        Ok(dataset)
    } else {
        load_file(data, roots)
    }
}

/// The most errors listed when an export is refused; `faultline lint` lists them all.
const MAX_LISTED: usize = 20;

/// Lists the lint errors that stop the export (as `faultline lint` shows them) on standard
/// error, then what to do.
fn refuse(linted: &LintResult, roots: &Roots) {
    let errors: Vec<_> = linted
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .take(MAX_LISTED)
        .cloned()
        .collect();
    let color = {
        use std::io::IsTerminal;
        std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
    };
    let mut pretty = pretty::Pretty::new(color, std::time::Instant::now(), roots);
    let mut listed = Vec::new();
    for d in &errors {
        let _ = pretty.finding(&mut listed, d);
    }
    let mut out = String::from_utf8_lossy(&listed).into_owned();
    let s = &linted.summary;
    if s.errors > MAX_LISTED {
        let _ = writeln!(
            out,
            "... and {} more (`faultline lint` lists them all)",
            plural(s.errors - MAX_LISTED, "error")
        );
    }
    let _ = writeln!(
        out,
        "error: not exported: the dataset has {} (and {}); fix them, or pass --allow-errors to export anyway",
        plural(s.errors, "lint error"),
        plural(s.warnings, "warning"),
    );
    #[allow(clippy::print_stderr)]
    {
        eprint!("{out}");
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// A single file of events, with the registries (sources, places, actors) of the dataset it
/// sits in, so that its references resolve as `faultline lint FILE` resolves them. The file
/// is read only when it resolves inside its dataset (or the folder it is named in); a link
/// out of it is reported as not exported, and nothing is read.
fn load_file(path: &std::path::Path, roots: &mut Roots) -> miette::Result<Dataset> {
    let options = LoadOptions::default();
    let (mut d, root) = match find_root(path) {
        Some(root) => {
            confine::named(&root)?;
            let (registries, _) =
                Dataset::open_registries(&root, options.clone()).map_err(|e| miette!("{e}"))?;
            (registries, root)
        }
        None => {
            let root = confine::folder_of(path);
            confine::named(&root)?;
            (Dataset::default(), root)
        }
    };
    roots.add(&root);
    if let Err(e) = resolve_under(&root, path) {
        d.errors.push(LoadError {
            path: options.name_of(path),
            file: None,
            span: Span::default(),
            line: 1,
            column: 1,
            kind: LoadErrorKind::Link(e),
        });
        return Ok(d);
    }
    if d.add_file(path, options).is_none() {
        return Err(miette!(
            help = "give a dataset directory, or a .json / .jsonl file of events",
            "{}: not a record file",
            path.display()
        ));
    }
    Ok(d)
}

fn export_error(e: ExportError) -> miette::Report {
    match e {
        ExportError::Exists { .. } => {
            miette!(help = "pass --force to replace existing files", "{e}")
        }
        ExportError::Io { path, source } if confine::refused(&source).is_some() => {
            confine::write_error(&path, &source, "the output folder")
        }
        other => miette!("{other}"),
    }
}
