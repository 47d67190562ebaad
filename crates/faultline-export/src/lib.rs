//! # faultline-export
//!
//! Writes a [faultline](https://github.com/faultline-data/faultline) dataset in the formats the
//! field uses:
//!
//! | [`Format`] | output |
//! |---|---|
//! | `json` | one JSON document: `{"events", "sources", "places", "actors"}` |
//! | `jsonl` | one event per line (read back by `faultline import jsonl` and the dataset loader) |
//! | `csv` | one row per event, flattened, plus a figures CSV (one row per casualty figure) |
//! | `acled` | ACLED's current 31 columns, in ACLED's order (or an older generation's, [`Options::acled_generation`]) |
//! | `ucdp` | UCDP GED's 49 columns, deaths per side and best/low/high from the claims |
//! | `geojson` | RFC 7946 GeoJSON: one Feature per event (a MultiPoint of its places), and the gazetteer's places in a second file |
//! | `datapackage` | a Frictionless Data Package v2: `datapackage.json` with Table Schemas, keys, categories, licence and sources, and its CSVs |
//! | `sqlite` | one SQLite database: events, sources, places, actors, claims, figures and link tables, with foreign keys and indexes |
//! | `svg` | a timeline: events over time by kind, and casualty figures per party and claimant |
//! | `annotations` | W3C Web Annotations (JSON-LD): each claim and figure anchored in its source's archived copy |
//!
//! Record TOML files (a dataset directory) are written by `faultline_fmt::write`, in the
//! layout `faultline fmt` keeps.
//!
//! **Waves.** An event that other events are `part-of` (a wave of clashes that a source
//! describes as a whole, each clash a record of its own) is exported by the record-level
//! formats (`json`, `jsonl`, `csv`, `datapackage`, with a `part_of` column) and left out of
//! the incident-level ones (`acled`, `ucdp`, `geojson`, `svg`), which would otherwise count
//! its incidents twice ([`Records::incidents`]).
//!
//! **CSV safety.** The `csv` export is meant for spreadsheets: every cell that a spreadsheet
//! would read as a formula — one starting with `=`, `+`, `-`, `@`, a tab or a carriage
//! return, unless it is a plain number such as `-12.5` — is written with a leading `'`
//! ([`faultline_formats::formula`]). The dataset formats (`acled`, `ucdp`, `datapackage`,
//! `sqlite`) are read by programs and write every value exactly as it is, so that their round
//! trips are exact. All text in the SVG is XML-escaped.
//!
//! **Writes.** Files are written atomically and only inside the folder asked for — the output
//! directory, or the folder of an output file — never through a symbolic link out of it
//! (`faultline_dataset::write_atomic_in`); with [`Overwrite::Never`](faultline_dataset::Overwrite)
//! nothing is written when any destination exists.
//!
//! ## Example
//!
//! ```
//! use faultline_export::{Format, Records, render};
//! use faultline_model::Event;
//!
//! let event: Event = serde_json::from_str(r#"{
//!   "id": "2021-11-16-border-fighting", "title": "Fighting along the border",
//!   "kind": "armed-clash", "summary": "=Both sides report fighting.", "sources": [],
//!   "date": {"start": "2021-11-16", "precision": "day"}
//! }"#)?;
//! let records = Records::new(vec![event], vec![], vec![], vec![]);
//!
//! let files = render(&records, Format::Acled)?;
//! let text = String::from_utf8(files[0].bytes.clone())?;
//! assert!(text.starts_with("event_id_cnty,event_date,year,time_precision,disorder_type"));
//! assert!(text.contains("2021-11-16,2021,1,Political violence,Battles,Armed clash"));
//! assert!(text.contains(",=Both sides report fighting.,")); // exact: ACLED files are data
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![cfg_attr(test, allow(clippy::unwrap_used))]

pub mod acled;
pub mod annotations;
mod cells;
pub mod csv;
pub mod datapackage;
pub mod error;
pub mod geojson;
pub mod json;
pub mod records;
pub mod sqlite;
pub mod svg;
pub mod ucdp;

use std::path::{Path, PathBuf};

use faultline_dataset::{Overwrite, write_all};

pub use error::ExportError;
pub use records::{Index, Records};

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// One JSON document with every record.
    Json,
    /// One event per line.
    Jsonl,
    /// Events and figures as CSV.
    Csv,
    /// ACLED's current 31 columns.
    Acled,
    /// UCDP GED's 49 columns.
    Ucdp,
    /// An RFC 7946 GeoJSON FeatureCollection.
    Geojson,
    /// A Frictionless Data Package.
    Datapackage,
    /// A SQLite database.
    Sqlite,
    /// An SVG timeline.
    Svg,
    /// W3C Web Annotations of every claim and figure.
    Annotations,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 10] = [
        Self::Json,
        Self::Jsonl,
        Self::Csv,
        Self::Acled,
        Self::Ucdp,
        Self::Geojson,
        Self::Datapackage,
        Self::Sqlite,
        Self::Svg,
        Self::Annotations,
    ];

    /// The format's name on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::Jsonl => "jsonl",
            Self::Csv => "csv",
            Self::Acled => "acled",
            Self::Ucdp => "ucdp",
            Self::Geojson => "geojson",
            Self::Datapackage => "datapackage",
            Self::Sqlite => "sqlite",
            Self::Svg => "svg",
            Self::Annotations => "annotations",
        }
    }

    /// What the format writes, in a few words (for help texts).
    pub fn description(self) -> &'static str {
        match self {
            Self::Json => "one JSON document with every record",
            Self::Jsonl => "one event per line",
            Self::Csv => "events and casualty figures as CSV",
            Self::Acled => "ACLED's current 31 columns (or an older generation's: --generation)",
            Self::Ucdp => "UCDP GED's 49 columns",
            Self::Geojson => {
                "RFC 7946 GeoJSON: one feature per event, and the places in <stem>-places.geojson"
            }
            Self::Datapackage => "a Frictionless Data Package v2 (a directory)",
            Self::Sqlite => "a SQLite database with foreign keys and indexes",
            Self::Svg => "an SVG timeline",
            Self::Annotations => {
                "W3C Web Annotations of every claim and figure, anchored in the archived sources"
            }
        }
    }

    /// Whether the format writes a directory of files (`datapackage`; `csv` when the output
    /// path does not end in `.csv`).
    pub fn writes_directory(self, out: &Path) -> bool {
        match self {
            Self::Datapackage => true,
            Self::Csv => !has_extension(out, "csv"),
            _ => false,
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                format!(
                    "unknown export format `{s}`: use one of {}",
                    Self::ALL.map(Format::as_str).join(", ")
                )
            })
    }
}

/// One file of an export, relative to where the export goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// The file name (or relative path) for multi-file formats; empty for the single file of
    /// a single-file format.
    pub name: String,
    /// The contents.
    pub bytes: Vec<u8>,
}

/// What an export may be told besides its format.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The ACLED generation whose columns `acled` writes; `None` is the current one.
    pub acled_generation: Option<faultline_formats::acled::Generation>,
    /// When the export was made, in seconds since 1970-01-01 UTC: the Data Package's
    /// `created`. `None` leaves it out (so that tests get the same bytes every time).
    pub created: Option<i64>,
    /// The version of the data: the Data Package's `version`. `None` leaves it out.
    pub version: Option<String>,
}

/// Renders an export in memory. Single-file formats give one [`OutputFile`] with an empty
/// name; `csv` gives `events.csv` and `figures.csv`; `geojson` the events (empty name) and
/// `places.geojson`; `datapackage` gives `datapackage.json` and its CSVs.
pub fn render(records: &Records, format: Format) -> Result<Vec<OutputFile>, ExportError> {
    render_with(records, format, &Options::default())
}

/// [`render`] with [`Options`].
pub fn render_with(
    records: &Records,
    format: Format,
    options: &Options,
) -> Result<Vec<OutputFile>, ExportError> {
    let single = |bytes: Vec<u8>| {
        vec![OutputFile {
            name: String::new(),
            bytes,
        }]
    };
    Ok(match format {
        Format::Json => single(json::document(records)?),
        Format::Jsonl => single(json::lines(records)?),
        Format::Csv => csv::render(records)?,
        Format::Acled => single(acled::render_generation(
            records,
            options
                .acled_generation
                .unwrap_or(faultline_formats::acled::Generation::Current),
        )?),
        Format::Ucdp => single(ucdp::render(records)?),
        Format::Geojson => geojson::render(records)?,
        Format::Datapackage => datapackage::render(records, options)?,
        Format::Sqlite => single(sqlite::render(records)?),
        Format::Svg => single(svg::render(records).into_bytes()),
        Format::Annotations => single(annotations::render(records)?),
    })
}

/// Renders an export and writes it to `out`: a file for single-file formats; for `csv`, `out`
/// itself and `<stem>-figures.csv` beside it when `out` ends in `.csv`, else `events.csv` and
/// `figures.csv` in the directory `out`; for `geojson`, `out` and `<stem>-places.geojson`
/// beside it; for `datapackage`, the directory `out`.
/// Returns the files written.
pub fn export(
    records: &Records,
    format: Format,
    out: &Path,
    overwrite: Overwrite,
) -> Result<Vec<PathBuf>, ExportError> {
    export_with(records, format, out, overwrite, &Options::default())
}

/// [`export`] with [`Options`].
pub fn export_with(
    records: &Records,
    format: Format,
    out: &Path,
    overwrite: Overwrite,
    options: &Options,
) -> Result<Vec<PathBuf>, ExportError> {
    let files = render_with(records, format, options)?;
    let planned: Vec<(PathBuf, Vec<u8>)> = files
        .into_iter()
        .map(|f| {
            let path = if f.name.is_empty() {
                out.to_path_buf()
            } else if matches!(format, Format::Csv | Format::Geojson)
                && !format.writes_directory(out)
            {
                if f.name == "events.csv" {
                    out.to_path_buf()
                } else {
                    let stem = out
                        .file_stem()
                        .map_or_else(|| "events".to_owned(), |s| s.to_string_lossy().into_owned());
                    out.with_file_name(format!("{stem}-{}", f.name))
                }
            } else {
                out.join(&f.name)
            };
            (path, f.bytes)
        })
        .collect();
    let root = if format.writes_directory(out) {
        out.to_path_buf()
    } else {
        match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    };
    write_planned(&root, &planned, overwrite)
}

/// Writes each planned file atomically, never out of `root`.
fn write_planned(
    root: &Path,
    planned: &[(PathBuf, Vec<u8>)],
    overwrite: Overwrite,
) -> Result<Vec<PathBuf>, ExportError> {
    write_all(root, planned, overwrite).map_err(|e| {
        if e.source.kind() == std::io::ErrorKind::AlreadyExists {
            ExportError::Exists { path: e.path }
        } else {
            ExportError::Io {
                path: e.path,
                source: e.source,
            }
        }
    })
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}
