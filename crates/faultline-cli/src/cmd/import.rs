//! `faultline import`: read ACLED, UCDP GED or JSON Lines into faultline records.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use faultline_dataset::{
    Overwrite, check_relative_path, write_all, write_atomic, write_atomic_with,
};
use faultline_import::{CountryFilter, Filter, Format, ImportError, ImportOptions, Imported};
use faultline_model::Date;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use miette::miette;

use crate::confine;
use crate::exit::Outcome;

mod into;

/// Files larger than this get a progress bar (when standard error is a terminal).
const PROGRESS_MIN_BYTES: u64 = 1 << 20;

/// Arguments of `faultline import`.
#[derive(Debug, clap::Args)]
pub(crate) struct ImportArgs {
    /// The input format.
    #[arg(value_parser = formats())]
    pub(crate) format: Format,
    /// The file to import.
    pub(crate) file: PathBuf,
    /// Where to write: a path ending in `.jsonl` gets JSON Lines (one event per input row);
    /// any other path is a new dataset directory (`events/<year>/<id>.toml`,
    /// `sources/<id>.toml`, places.toml, actors.toml).
    #[arg(long, value_name = "PATH", required_unless_present = "into")]
    pub(crate) out: Option<PathBuf>,
    /// Add to an existing dataset directory: actors and places the rows name are matched to
    /// the dataset's (by external name, name, name variant or id), new ones appended to
    /// actors.toml and places.toml (nothing already there is rewritten), new events and
    /// sources added as files; events whose id the dataset has are skipped. All or nothing.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["out", "force"])]
    pub(crate) into: Option<PathBuf>,
    /// Keep only rows of this country: its name as the file writes it (`Armenia`), its ISO
    /// 3166 alpha-3 code (`ARM`), or a number matched against the file's numeric code (ACLED
    /// `iso`, ISO numeric: 51; UCDP `country_id`, Gleditsch–Ward: 371). Repeatable.
    #[arg(long, value_name = "NAME_OR_CODE", value_parser = parse_country)]
    pub(crate) country: Vec<CountryFilter>,
    /// Keep only rows whose event date (ACLED `event_date`, UCDP `date_start`) is on or
    /// after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub(crate) since: Option<Date>,
    /// Keep only rows whose event date is on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub(crate) until: Option<Date>,
    /// Replace files that already exist (they are never overwritten otherwise). Into a dataset
    /// directory this replaces places.toml and actors.toml whole; to add to a dataset, use
    /// --into instead.
    #[arg(long)]
    pub(crate) force: bool,
    /// Read and map everything, print the report, and write no records.
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// Stop at the first bad row and write nothing (exit 1).
    #[arg(long)]
    pub(crate) strict: bool,
    /// Also write the import report as JSON to this file.
    #[arg(long, value_name = "FILE")]
    pub(crate) report: Option<PathBuf>,
}

/// The import formats, from [`Format::ALL`], each with its description.
fn formats() -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(
        Format::ALL.map(|f| PossibleValue::new(f.as_str()).help(f.description())),
    )
    .try_map(|name| name.parse::<Format>())
}

fn parse_country(s: &str) -> Result<CountryFilter, String> {
    s.parse()
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse::<Date>().map_err(|e| e.to_string())
}

pub(crate) fn run(args: &ImportArgs) -> miette::Result<Outcome> {
    let format = args.format;
    let filter = Filter {
        countries: args.country.clone(),
        since: args.since,
        until: args.until,
    };
    if format == Format::Jsonl && filter != Filter::default() {
        return Err(miette!(
            "--country, --since and --until filter ACLED and UCDP rows; a JSON Lines import takes every event"
        ));
    }
    if let (Some(since), Some(until)) = (args.since, args.until)
        && since > until
    {
        return Err(miette!(
            "--since {since} is after --until {until}: no row would be kept"
        ));
    }
    let options = ImportOptions {
        strict: args.strict,
        filter,
        ..ImportOptions::default()
    };
    let out = match (&args.out, &args.into) {
        (_, Some(into)) => return into::run(args, options, into),
        (Some(out), None) => out,
        (None, None) => return Err(miette!("give --out PATH or --into DIR")),
    };
    let overwrite = if args.force {
        Overwrite::Allowed
    } else {
        Overwrite::Never
    };

    // Read only what the user named, written only where they asked (see `confine`).
    confine::input(&args.file, "input")?;
    if is_json_lines(out) {
        confine::output(out)?;
    } else {
        confine::named(out)?;
    }
    if let Some(report) = &args.report {
        confine::output(report)?;
    }

    let to_lines = is_json_lines(out) && !args.dry_run;
    if to_lines {
        check_registries_free(out, overwrite)?;
    }
    let bar = progress_bar(&args.file);
    let imported = if to_lines {
        // JSON Lines out: each event goes to the output as its row is mapped, so a file of a
        // million rows never has to be held at once. The write is atomic: a failed or
        // `--strict`-stopped import leaves no file behind.
        let mut outcome: Option<Result<Imported, ImportError>> = None;
        let written = write_atomic_with(out, overwrite, |w| {
            // Each line is serialized into a reused buffer, then written in one call: serde
            // writes many small pieces, which a `dyn Write` would dispatch one by one.
            let mut line = Vec::with_capacity(4096);
            let mut sink = |event: faultline_model::Event| -> std::io::Result<()> {
                line.clear();
                serde_json::to_writer(&mut line, &event).map_err(std::io::Error::other)?;
                line.push(b'\n');
                w.write_all(&line)
            };
            let result = faultline_import::import_file_streaming(
                format,
                &args.file,
                &options,
                &mut |n| bar.set_position(n),
                &mut sink,
            );
            let keep = matches!(&result, Ok(i) if !i.report.stopped_early);
            outcome = Some(result);
            if keep {
                Ok(())
            } else {
                Err(std::io::Error::other("nothing written"))
            }
        });
        bar.finish_and_clear();
        match outcome {
            Some(result) => result.map_err(import_error)?,
            // The output could not even be opened (it exists, and --force was not given).
            None => {
                let e = written
                    .err()
                    .unwrap_or_else(|| std::io::Error::other("the output was not written"));
                return Err(write_error(out, &e));
            }
        }
    } else {
        let result =
            faultline_import::import_file_with_progress(format, &args.file, &options, &mut |n| {
                bar.set_position(n);
            });
        bar.finish_and_clear();
        result.map_err(import_error)?
    };
    let report = &imported.report;

    #[allow(clippy::print_stderr)]
    {
        eprint!("{report}");
    }
    if let Some(path) = &args.report {
        let mut json = report.to_json();
        json.push('\n');
        write_atomic(path, json.as_bytes(), overwrite).map_err(|e| write_error(path, &e))?;
    }
    if report.stopped_early {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("nothing written: --strict stops at the first bad row");
        }
        return Ok(Outcome::Findings);
    }
    if to_lines {
        let registries = write_registries_beside(&imported, out, overwrite)?;
        #[allow(clippy::print_stderr)]
        {
            eprintln!("{}", lines_message(&imported, out, registries.as_deref()));
        }
    } else if !args.dry_run {
        write_output(&imported, out, overwrite)?;
    } else {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("dry run: nothing written");
        }
    }
    Ok(if report.has_rejections() {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// A progress bar on standard error for large files; hidden when standard error is not a
/// terminal or the file is small.
fn progress_bar(file: &Path) -> ProgressBar {
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    if size < PROGRESS_MIN_BYTES || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(size), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} importing {bar:40} {bytes}/{total_bytes} ({eta})")
    {
        bar.set_style(style);
    }
    bar
}

/// Whether `out` names a JSON Lines file (as opposed to a dataset directory).
fn is_json_lines(out: &Path) -> bool {
    out.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
}

/// What was written to a JSON Lines file and beside it.
fn lines_message(imported: &Imported, out: &Path, registries: Option<&Path>) -> String {
    let c = &imported.report.created;
    let mut m = format!("wrote {} events to {}", c.events, out.display());
    if c.sources + c.places + c.actors > 0 {
        match registries {
            Some(root) => m.push_str(&format!(
                ", and their {} sources, {} places and {} actors beside it in {} (`faultline lint {}` resolves them)",
                c.sources,
                c.places,
                c.actors,
                root.display(),
                out.display()
            )),
            None => m.push_str(&format!(
                " (its folder lies inside another dataset, whose registries are not rewritten: the {} sources, {} places and {} actors are not written; import into a folder of its own)",
                c.sources, c.places, c.actors
            )),
        }
    }
    m
}

/// Writes the registries of a JSON Lines import (`sources/`, `places.toml`, `actors.toml`)
/// beside it, where `faultline lint FILE.jsonl` finds them (`layout::registries_root`).
fn write_registries_beside(
    imported: &Imported,
    out: &Path,
    overwrite: Overwrite,
) -> miette::Result<Option<PathBuf>> {
    let Some(root) = faultline_dataset::layout::registries_root(out) else {
        return Ok(None);
    };
    if imported.sources.is_empty() && imported.places.is_empty() && imported.actors.is_empty() {
        return Ok(Some(root));
    }
    write_records(
        (&[], &imported.sources, &imported.places, &imported.actors),
        &root,
        overwrite,
    )?;
    Ok(Some(root))
}

/// Refuses, before anything is read, a JSON Lines import whose registries would replace
/// existing ones without `--force` (the events file is written first, atomically).
fn check_registries_free(out: &Path, overwrite: Overwrite) -> miette::Result<()> {
    let Some(root) = faultline_dataset::layout::registries_root(out) else {
        return Ok(());
    };
    if overwrite == Overwrite::Allowed {
        return Ok(());
    }
    for name in [
        faultline_dataset::layout::PLACES_FILE,
        faultline_dataset::layout::ACTORS_FILE,
        faultline_dataset::layout::SOURCES_DIR,
    ] {
        let path = root.join(name);
        if path.exists() {
            return Err(miette!(
                help = "a JSON Lines import writes its sources, places and actors beside the file; pass --force to replace them, or import into a folder of its own",
                "{} exists; not overwritten",
                path.display()
            ));
        }
    }
    Ok(())
}

/// Writes the records as a dataset directory, each file in the canonical layout.
fn write_output(imported: &Imported, out: &Path, overwrite: Overwrite) -> miette::Result<()> {
    write_records(
        (
            &imported.events,
            &imported.sources,
            &imported.places,
            &imported.actors,
        ),
        out,
        overwrite,
    )
}

/// Events, sources, places and actors, written under `out` in the canonical layout.
type Records<'a> = (
    &'a [faultline_model::Event],
    &'a [faultline_model::Source],
    &'a [faultline_model::Place],
    &'a [faultline_model::Actor],
);

fn write_records(records: Records<'_>, out: &Path, overwrite: Overwrite) -> miette::Result<()> {
    let (events, sources, places, actors) = records;
    let schema_dir = faultline_fmt::find_schema_dir(out);
    let files = faultline_fmt::write::dataset_files(events, sources, places, actors, schema_dir)
        .map_err(|e| miette!("{e}"))?;
    let mut planned = Vec::with_capacity(files.len());
    for (rel, text) in files {
        check_relative_path(&rel)
            .map_err(|why| miette!("refusing to write {}: {why}", rel.display()))?;
        planned.push((out.join(rel), text));
    }
    let written =
        write_all(out, &planned, overwrite).map_err(|e| write_error(&e.path, &e.source))?;
    #[allow(clippy::print_stderr)]
    {
        eprintln!("wrote {} files to {}", written.len(), out.display());
        if schema_dir.is_none() {
            eprintln!("{}", crate::cmd::new::no_schema_note(out));
        }
    }
    Ok(())
}

fn import_error(e: ImportError) -> miette::Report {
    let help = match &e {
        ImportError::UnknownHeader { .. } => {
            Some(format!("check the format argument: {}", Format::names()))
        }
        ImportError::HeaderNotUtf8 { .. } => Some("re-save the file as UTF-8".to_owned()),
        _ => None,
    };
    match help {
        Some(help) => miette!(help = help, "{e}"),
        None => miette!("{e}"),
    }
}

fn write_error(path: &Path, e: &std::io::Error) -> miette::Report {
    if confine::refused(e).is_some() {
        return confine::write_error(path, e, "its folder");
    }
    if e.kind() == std::io::ErrorKind::AlreadyExists {
        miette!(
            help = "pass --force to replace it",
            "{} exists; not overwritten",
            path.display()
        )
    } else {
        miette!("cannot write {}: {e}", path.display())
    }
}
