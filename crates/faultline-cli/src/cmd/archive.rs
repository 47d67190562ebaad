//! `faultline archive add SOURCE-ID FILE`: record a source's archived copy — its file
//! (relative to the archive root), SHA-256 and capture date — in the source record.

use std::io::Write;
use std::path::{Path, PathBuf};

use faultline_dataset::{FileRole, Overwrite, write_atomic_in};
use faultline_fmt::{RecordFile, format_record};
use faultline_model::{Date, HttpUrl, Source, SourceArchive};
use faultline_validate::suggest::did_you_mean;
use miette::{IntoDiagnostic, miette};

use crate::archive_root;
use crate::confine;
use crate::exit::Outcome;

/// Arguments of `faultline archive`.
#[derive(Debug, clap::Args)]
pub(crate) struct ArchiveArgs {
    /// What to do.
    #[command(subcommand)]
    pub(crate) what: ArchiveCommand,
}

/// The `faultline archive` subcommands.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum ArchiveCommand {
    /// Record FILE as the archived copy of source SOURCE-ID: its path relative to the
    /// archive root, its SHA-256 and its capture date go into the source's `[archive]` table.
    ///
    /// FILE must already be below the archive root (it is never copied: the archive is
    /// yours to keep, and may be read-only) and be UTF-8 text. The source file is rewritten
    /// atomically in canonical form, every comment kept. An `[archive]` table that names
    /// another file or digest is replaced only with --force.
    #[command(after_help = ADD_EXAMPLES)]
    Add(AddArgs),
}

const ADD_EXAMPLES: &str = "\
Examples:
  faultline archive add --archive ../archive nee-2021-12-13-november-escalation ../archive/nee.txt
  FAULTLINE_ARCHIVE=../archive faultline archive add moscow-times-2021-05-14 ../archive/mt.txt \\
      --retrieved 2021-05-15 --url https://web.archive.org/web/20210515000000/https://...

Exit codes: 0 recorded (or already recorded), 2 it could not be (no such source, FILE not
below the archive root, not UTF-8, another copy already recorded without --force).";

/// Arguments of `faultline archive add`.
#[derive(Debug, clap::Args)]
pub(crate) struct AddArgs {
    /// The source's id (the stem of `sources/<id>.toml`).
    #[arg(value_name = "SOURCE-ID")]
    pub(crate) source: String,
    /// The archived copy, below the archive root.
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,
    /// When the copy was captured [default: today, UTC].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub(crate) retrieved: Option<Date>,
    /// A public web-archive copy of the page (http or https).
    #[arg(long, value_name = "URL", value_parser = parse_url)]
    pub(crate) url: Option<HttpUrl>,
    /// The folder of archived copies [default: the FAULTLINE_ARCHIVE environment variable,
    /// else `archive` in the configuration file].
    #[arg(long, value_name = "DIR")]
    pub(crate) archive: Option<PathBuf>,
    /// The dataset directory.
    #[arg(long, value_name = "DIR", default_value = "data")]
    pub(crate) data: PathBuf,
    /// The configuration file [default: ./faultline.toml when it exists].
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// Replace an `[archive]` table that names another file or digest.
    #[arg(long)]
    pub(crate) force: bool,
}

pub(crate) fn run(args: &ArchiveArgs) -> miette::Result<Outcome> {
    match &args.what {
        ArchiveCommand::Add(a) => add(a),
    }
}

fn add(args: &AddArgs) -> miette::Result<Outcome> {
    let file = crate::cmd::lint::read_config_file(args.config.as_deref())?;
    let mut config = faultline_validate::Config::default();
    if let Some(f) = &file {
        config
            .merge_toml(&f.text)
            .map_err(|e| crate::cmd::lint::config_report(e, Some((&f.path, f.text.clone()))))?;
    }
    let root = archive_root::open(args.archive.as_deref(), &config, file.as_ref())?.ok_or_else(
        || {
            miette!(
                help = "give it with --archive DIR, the FAULTLINE_ARCHIVE environment variable, or `archive = \"DIR\"` in faultline.toml",
                "no archive root given: archived copies are named relative to it"
            )
        },
    )?;
    let source_path = source_file(&args.data, &args.source)?;
    let name = root.name_of(&args.file).map_err(|e| {
        miette!(
            help =
                "copy the file below the archive root first: archived copies are read only there",
            "{e}"
        )
    })?;
    let copy = root.read(&name).map_err(|e| miette!("{e}"))?;
    let text = std::fs::read_to_string(&source_path)
        .into_diagnostic()
        .map_err(|e| miette!("cannot read {}: {e}", source_path.display()))?;
    let record: Source = toml::from_str(&text).map_err(|e| {
        miette!(
            help = "fix the source record first (`faultline lint` shows where)",
            "{}: not a valid source record: {}",
            source_path.display(),
            e.message()
        )
    })?;
    let archive = SourceArchive {
        file: name,
        sha256: copy.sha256.clone(),
        retrieved: args
            .retrieved
            .unwrap_or_else(faultline_validate::config::system_today),
        url: args.url.clone(),
    };
    if let Some(old) = &record.archive {
        if old.file == archive.file && old.sha256 == archive.sha256 {
            say(&format!(
                "{} already records `{}` with this SHA-256; nothing changed",
                source_path.display(),
                archive.file
            ))?;
            return Ok(Outcome::Clean);
        }
        if !args.force {
            return Err(miette!(
                help = "pass --force to replace it (then check the quotes again with `faultline lint`)",
                "{} already records another archived copy: `{}` (SHA-256 {})",
                source_path.display(),
                old.file,
                old.sha256
            ));
        }
    }
    let updated = with_archive(&text, &archive)
        .map_err(|e| miette!("cannot update {}: {e}", source_path.display()))?;
    write_atomic_in(
        &args.data,
        &source_path,
        updated.as_bytes(),
        Overwrite::Allowed,
    )
    .map_err(|e| confine::write_error(&source_path, &e, "the dataset"))?;
    say(&format!(
        "recorded `{}` (SHA-256 {}) as the archived copy of `{}` in {}; `faultline lint` now checks its quotes",
        archive.file,
        archive.sha256,
        args.source,
        source_path.display()
    ))?;
    Ok(Outcome::Clean)
}

/// `sources/<id>.toml` of the dataset, as the dataset walker lists it (so a link that leads
/// out of the dataset is refused, never read), or an error with the id that was probably meant.
fn source_file(data: &Path, id: &str) -> miette::Result<PathBuf> {
    confine::named(data)?;
    let walk = faultline_dataset::walk(data).map_err(|e| miette!("{e}"))?;
    let mut ids: Vec<String> = Vec::new();
    for entry in walk {
        match entry {
            Ok(f) if f.role == FileRole::Source => {
                let stem = f
                    .path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if stem == id {
                    return Ok(f.path);
                }
                ids.push(stem);
            }
            Ok(_) => {}
            Err(e) if e.path.file_stem().is_some_and(|s| s == id) => {
                // The link's own path and why; never where it points, never what it holds.
                return Err(miette!(
                    help = "a dataset is read only inside its folder: replace the link with \
                            the file it points to",
                    "{}: {}; it is not read",
                    e.path.display(),
                    e.kind
                ));
            }
            Err(_) => {}
        }
    }
    let dir = data.join(faultline_dataset::layout::SOURCES_DIR);
    let help = did_you_mean(id, ids.iter().map(String::as_str))
        .map(|m| format!("did you mean `{m}`?"))
        .unwrap_or_else(|| format!("the sources are the files of {}", dir.display()));
    Err(miette!(
        help = help,
        "no source `{id}` in {}",
        dir.display()
    ))
}

/// The source file's text with its `[archive]` table set, in canonical form.
fn with_archive(text: &str, archive: &SourceArchive) -> Result<String, String> {
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e| format!("{e}"))?;
    let mut table = toml_edit::Table::new();
    table.insert("file", toml_edit::value(archive.file.as_str()));
    table.insert("sha256", toml_edit::value(archive.sha256.as_str()));
    table.insert("retrieved", toml_edit::value(archive.retrieved.to_string()));
    if let Some(url) = &archive.url {
        table.insert("url", toml_edit::value(url.as_str()));
    }
    doc.insert("archive", toml_edit::Item::Table(table));
    format_record(&doc.to_string(), RecordFile::Source).map_err(|e| e.to_string())
}

fn parse_url(s: &str) -> Result<HttpUrl, String> {
    HttpUrl::new(s).map_err(|e| e.to_string())
}

fn say(line: &str) -> miette::Result<()> {
    writeln!(std::io::stderr().lock(), "{line}").into_diagnostic()
}
