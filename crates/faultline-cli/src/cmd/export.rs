//! `faultline export`: write the dataset in the formats the field uses.

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use faultline_dataset::archive::Archive;
use faultline_dataset::{
    Dataset, LoadError, LoadErrorKind, LoadOptions, Overwrite, Span, find_root, resolve_under,
};
use faultline_export::{ExportError, Format, Records};
use miette::miette;

use crate::confine;
use crate::exit::Outcome;

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
    /// The configuration file read for `archive` [default: ./faultline.toml when it exists].
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
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
    let dataset = open_dataset(&args.data)?;
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
        records.archive = Some(std::sync::Arc::new(Archive::read(
            root,
            dataset.sources.iter().map(|s| &s.record),
        )));
    }
    let overwrite = if args.force {
        Overwrite::Allowed
    } else {
        Overwrite::Never
    };
    let written =
        faultline_export::export(&records, format, &args.out, overwrite).map_err(export_error)?;
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
pub(crate) fn open_dataset(data: &std::path::Path) -> miette::Result<Dataset> {
    if data.is_dir() || std::fs::symlink_metadata(data).is_err() {
        confine::named(data)?;
        Dataset::open(data).map_err(|e| miette!("{e}"))
    } else {
        load_file(data)
    }
}

/// A single file of events: read only when it resolves inside its dataset (or the folder it
/// is named in); a link out of it is reported as not exported, and nothing is read.
fn load_file(path: &std::path::Path) -> miette::Result<Dataset> {
    let mut d = Dataset::default();
    let root = find_root(path).unwrap_or_else(|| confine::folder_of(path));
    confine::named(&root)?;
    let options = LoadOptions::default();
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
