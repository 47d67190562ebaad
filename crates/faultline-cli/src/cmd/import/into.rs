//! `faultline import … --into DIR`: add an import to an existing dataset.
//!
//! The dataset is loaded, its records given to the import to match against
//! ([`faultline_import::merge`]), and what is new is written in one all-or-nothing batch
//! ([`write_batch`]): new event and source files (never replacing a file), and the new
//! actors and places appended to actors.toml and places.toml — the bytes already there kept
//! as they are, the new tables laid out by `faultline_fmt::write`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use faultline_dataset::{
    Dataset, FileRole, Overwrite, check_relative_path, is_root, write_atomic, write_batch,
};
use faultline_fmt::RecordFile;
use faultline_fmt::write::{ACTORS_FILE, PLACES_FILE};
use faultline_import::{Existing, ImportOptions, Merge, merge};
use miette::miette;

use super::{ImportArgs, import_error, progress_bar, write_error};
use crate::confine;
use crate::exit::Outcome;

/// Runs an import into the dataset `dir`.
pub(super) fn run(
    args: &ImportArgs,
    mut options: ImportOptions,
    dir: &Path,
) -> miette::Result<Outcome> {
    confine::input(&args.file, "input")?;
    confine::named(dir)?;
    if let Some(report) = &args.report {
        confine::output(report)?;
    }
    if !dir.is_dir() || !is_root(dir) {
        return Err(miette!(
            help = "--into adds to a dataset (a folder with actors.toml, places.toml, events/ or sources/); use --out DIR to make a new one",
            "{} is not a dataset directory",
            dir.display()
        ));
    }
    let dataset = Dataset::open(dir).map_err(|e| miette!("{e}"))?;
    refuse_unreadable_registries(&dataset)?;
    let existing = Arc::new(Existing::new(
        dataset.actors.iter().map(|a| a.record.clone()).collect(),
        dataset.places.iter().map(|p| p.record.clone()).collect(),
        dataset.sources.iter().map(|s| s.record.clone()).collect(),
        dataset
            .events
            .iter()
            .map(|e| e.record.id.as_str().to_owned()),
    ));
    options.into = Some(Arc::clone(&existing));

    let bar = progress_bar(&args.file);
    let result =
        faultline_import::import_file_with_progress(args.format, &args.file, &options, &mut |n| {
            bar.set_position(n);
        });
    bar.finish_and_clear();
    let imported = result.map_err(import_error)?;
    let report = imported.report.clone();
    #[allow(clippy::print_stderr)]
    {
        eprint!("{report}");
    }
    if report.stopped_early {
        write_report(args, &serde_json::to_value(&report).unwrap_or_default())?;
        #[allow(clippy::print_stderr)]
        {
            eprintln!("nothing written: --strict stops at the first bad row");
        }
        return Ok(Outcome::Findings);
    }
    let merged = merge::plan(imported, &existing, &dir.display().to_string());
    #[allow(clippy::print_stderr)]
    {
        eprint!("{}", merged.report);
    }
    let mut json = serde_json::to_value(&report).unwrap_or_default();
    if let Some(object) = json.as_object_mut() {
        object.insert(
            "merge".to_owned(),
            serde_json::to_value(&merged.report).unwrap_or_default(),
        );
    }
    write_report(args, &json)?;
    if args.dry_run {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("dry run: nothing written");
        }
    } else {
        let written = write_merge(&dataset, &merged, dir, args)?;
        #[allow(clippy::print_stderr)]
        {
            eprintln!("wrote {written} files in {}", dir.display());
        }
    }
    Ok(if report.has_rejections() {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// Refuses to merge into a dataset whose actors, places or sources cannot all be read: a
/// record missed there could not be matched, and would be added a second time.
fn refuse_unreadable_registries(dataset: &Dataset) -> miette::Result<()> {
    let broken: Vec<&str> = dataset
        .errors
        .iter()
        .filter(|e| {
            e.file.is_none_or(|id| {
                matches!(
                    dataset.file(id).role,
                    Some(FileRole::Actors | FileRole::Places | FileRole::Source)
                )
            })
        })
        .map(|e| e.path.as_str())
        .collect();
    if broken.is_empty() {
        return Ok(());
    }
    Err(miette!(
        help = "run `faultline lint` on the dataset and fix these first",
        "cannot merge: {} of the dataset could not be read, so its records could not be matched: {}",
        if broken.len() == 1 { "a file" } else { "files" },
        broken.join(", ")
    ))
}

/// Writes `--report FILE` when asked.
fn write_report(args: &ImportArgs, json: &serde_json::Value) -> miette::Result<()> {
    let Some(path) = &args.report else {
        return Ok(());
    };
    let mut text = serde_json::to_string_pretty(json).unwrap_or_default();
    text.push('\n');
    write_atomic(path, text.as_bytes(), Overwrite::Never).map_err(|e| write_error(path, &e))
}

/// The text of a registry file with `tables` appended: the file's bytes unchanged, then a
/// comment naming the import, then the new tables.
fn appended(old: Option<&str>, tables: &str, what: &str, args: &ImportArgs) -> String {
    let file = args.file.file_name().map_or_else(
        || args.file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let heading = format!(
        "# --- Added by `faultline import {} --into` from {file} ({what}) ---\n\n",
        args.format.as_str()
    );
    match old {
        None => tables.to_owned(),
        Some(old) => {
            let mut text = String::with_capacity(old.len() + tables.len() + heading.len() + 2);
            text.push_str(old);
            if !old.is_empty() {
                text.push_str(if old.ends_with('\n') { "\n" } else { "\n\n" });
            }
            text.push_str(&heading);
            text.push_str(tables);
            text
        }
    }
}

/// Writes what the merge adds, all or nothing; returns the number of files written.
fn write_merge(
    dataset: &Dataset,
    merged: &Merge,
    dir: &Path,
    args: &ImportArgs,
) -> miette::Result<usize> {
    let text_of = |name: &str| {
        let path = dir.join(name);
        dataset
            .file_id(&path)
            .map(|id| dataset.file(id).text.to_string())
    };
    let mut planned: Vec<(PathBuf, String, Overwrite)> = Vec::new();
    let schema_dir = faultline_fmt::find_schema_dir(dir);
    let files =
        faultline_fmt::write::dataset_files(&merged.events, &merged.sources, &[], &[], schema_dir)
            .map_err(|e| miette!("{e}"))?;
    for (rel, text) in files {
        check_relative_path(&rel)
            .map_err(|why| miette!("refusing to write {}: {why}", rel.display()))?;
        planned.push((dir.join(rel), text, Overwrite::Never));
    }
    if !merged.places.is_empty() {
        let old = text_of(PLACES_FILE);
        let text = registry_text(
            old.as_deref(),
            &merged.places,
            Registry::PLACES,
            schema_dir,
            args,
        )?;
        planned.push((dir.join(PLACES_FILE), text, Overwrite::Allowed));
    }
    if !merged.actors.is_empty() {
        let old = text_of(ACTORS_FILE);
        let text = registry_text(
            old.as_deref(),
            &merged.actors,
            Registry::ACTORS,
            schema_dir,
            args,
        )?;
        planned.push((dir.join(ACTORS_FILE), text, Overwrite::Allowed));
    }
    if planned.is_empty() {
        return Ok(0);
    }
    let written = write_batch(dir, &planned).map_err(|e| write_error(&e.path, &e.source))?;
    Ok(written.len())
}

/// A registry file: its kind and what one of its records is called.
struct Registry {
    kind: RecordFile,
    noun: &'static str,
}

impl Registry {
    const PLACES: Self = Self {
        kind: RecordFile::Places,
        noun: "place",
    };
    const ACTORS: Self = Self {
        kind: RecordFile::Actors,
        noun: "actor",
    };
}

/// The new text of a registry file: `old` with the new records' tables appended under a
/// heading, or, for a file that does not exist yet, the tables after its `#:schema` line
/// (into `schema_dir`) — never a second `#:schema` line in the middle of a file.
fn registry_text<T: serde::Serialize>(
    old: Option<&str>,
    records: &[T],
    registry: Registry,
    schema_dir: Option<&str>,
    args: &ImportArgs,
) -> miette::Result<String> {
    let directive = if old.is_none() { schema_dir } else { None };
    let tables = faultline_fmt::write::registry_in(records, registry.kind, directive)
        .map_err(|e| miette!("{e}"))?;
    let what = count(records.len(), registry.noun);
    Ok(appended(old, &tables, &what, args))
}

/// `1 place`, `2 places`.
fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
