//! # faultline-import
//!
//! Reads conflict-event data in the formats the field uses into typed
//! [faultline](https://github.com/faultline-data/faultline) records, without losing a value:
//!
//! - **ACLED** CSV, every generation seen in the wild (the current 31-column export, the
//!   pre-2023 export, the HDX variant with its HXL hashtag row, the 2016-era files), detected
//!   from the header; every date form ACLED used; `NA` read as missing;
//! - **UCDP GED** CSV (the 49 columns of GED 23.1 and its neighbours);
//! - **JSON Lines** of faultline events.
//!
//! Every original column is kept verbatim in the event's `external.acled` / `external.ucdp`,
//! so nothing is dropped; the mapping of each column is documented in the repository's
//! `docs/import-export.md`. Rows that cannot be mapped (a wrong number of cells, an impossible
//! date, a latitude of 123) become [`RowError`]s with file, line and column name in the
//! [`ImportReport`], and the import goes on. The library never prints.
//!
//! ## Example
//!
//! ```
//! use faultline_import::{Format, ImportOptions, import_reader};
//!
//! let csv = "\
//! event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp
//! ARM1,12 May 2021,2021,1,Political violence,Battles,Armed clash,Military Forces of Armenia (2018-),NA,1,Military Forces of Azerbaijan (1993-),NA,1,11,NA,51,Caucasus and Central Asia,Armenia,Syunik,Goris,NA,Sev Lake,39.5981,46.2317,1,Example News; Other Wire,National,A clash was reported near the lake.,2,NA,1620950400
//! ARM2,31 June 2021,2021,1,Political violence,Battles,Armed clash,Military Forces of Armenia (2018-),NA,1,NA,NA,0,10,NA,51,Caucasus and Central Asia,Armenia,Syunik,Goris,NA,Sev Lake,39.5981,46.2317,1,Example News,National,An impossible date.,0,NA,1620950400
//! ";
//! let imported = import_reader(Format::Acled, csv.as_bytes(), "example.csv", &ImportOptions::default(), &mut |_| {})?;
//! let report = &imported.report;
//! assert_eq!((report.rows_read, report.rows_mapped, report.rows_rejected), (2, 1, 1));
//! assert_eq!(report.rejected[0].to_string(),
//!     "example.csv:3: column `event_date`: `31 June 2021` is an impossible date: 2021-06-31 is not a day of the calendar");
//!
//! let event = &imported.events[0];
//! assert_eq!(event.id.as_str(), "2021-05-12-acled-arm1");
//! // Two outlets: the row does not say whose the figure is; it is read in the ACLED export,
//! // the file's one source record (the row itself is in `external.acled`).
//! assert_eq!(event.casualties[0].claimant, None);
//! assert_eq!(event.casualties[0].source.as_ref().unwrap().as_str(), "acled-example");
//! assert_eq!(imported.sources[0].title.as_deref(), Some("ACLED export example.csv"));
//! assert_eq!(event.external["acled"]["event_date"], "12 May 2021");
//! # Ok::<(), faultline_import::ImportError>(())
//! ```

pub mod acled;
mod build;
pub mod error;
pub mod filter;
pub mod jsonl;
pub mod merge;
mod registry;
pub mod report;
mod rows;
mod table;
pub mod ucdp;

use std::io::Read;
use std::path::Path;

use faultline_model::{Actor, Event, Place, Source};

pub use build::{EventSink, UNKNOWN_PARTY};
pub use error::{ImportError, RowError, RowErrorKind};
pub use filter::{CountryFilter, Filter, LeftOut};
pub use merge::{Existing, Matched, Merge, MergeReport};
pub use report::{Created, ImportReport, SourceDataFinding};

/// The formats that can be imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// ACLED CSV, any generation.
    Acled,
    /// UCDP GED CSV.
    Ucdp,
    /// JSON Lines of faultline events.
    Jsonl,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 3] = [Self::Acled, Self::Ucdp, Self::Jsonl];

    /// The format's name on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Acled => "acled",
            Self::Ucdp => "ucdp",
            Self::Jsonl => "jsonl",
        }
    }

    /// What the format is, in a few words (for help texts).
    pub fn description(self) -> &'static str {
        match self {
            Self::Acled => "ACLED CSV, any generation (current, pre-2023, HDX, 2016-era)",
            Self::Ucdp => "UCDP GED CSV",
            Self::Jsonl => "JSON Lines of faultline events",
        }
    }

    /// Every format's name, for messages: `acled, ucdp or jsonl`.
    pub fn names() -> String {
        let names = Self::ALL.map(Self::as_str);
        match names.split_last() {
            Some((last, [])) => (*last).to_owned(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown import format `{s}`: use {}", Self::names()))
    }
}

/// How to import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Stop at the first bad row instead of going on with the rest.
    pub strict: bool,
    /// The largest cell (CSV) or line (JSON Lines) read, in bytes; larger ones reject the row.
    pub max_cell_bytes: usize,
    /// Which rows of a CSV file to keep (by country and date); every row by default.
    pub filter: Filter,
    /// The dataset imported into, if any: its actors, places and sources are referred to
    /// where the rows name them, and new records take ids it does not have (see [`merge`]).
    pub into: Option<std::sync::Arc<Existing>>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            strict: false,
            max_cell_bytes: 1 << 20,
            filter: Filter::default(),
            into: None,
        }
    }
}

/// What an import produced: records ready to write, and the report.
#[derive(Debug, Clone)]
pub struct Imported {
    /// One event per mapped row.
    pub events: Vec<Event>,
    /// Source records: one for the file (a dataset's export: ACLED, UCDP), and one per source
    /// the rows name.
    pub sources: Vec<Source>,
    /// Gazetteer entries, deduplicated by name, coordinates and country.
    pub places: Vec<Place>,
    /// Actors, deduplicated by name; includes the bodies that a party-sourced row names.
    pub actors: Vec<Actor>,
    /// Rows read, mapped and rejected.
    pub report: ImportReport,
    /// With [`ImportOptions::into`]: the actors, places and sources the rows name that the
    /// dataset already holds (referred to by their ids, not in the lists above).
    pub matched: Vec<Matched>,
}

/// Imports a file.
pub fn import_file(
    format: Format,
    path: &Path,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    import_file_with_progress(format, path, options, &mut |_| {})
}

/// Imports a file, calling `progress` with the number of bytes read now and then.
pub fn import_file_with_progress(
    format: Format,
    path: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(u64),
) -> Result<Imported, ImportError> {
    let name = path.display().to_string();
    let io = |source| ImportError::Io {
        path: name.clone(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(io(std::io::Error::other(
            "not a regular file; only regular files are imported",
        )));
    }
    let file = std::fs::File::open(path).map_err(io)?;
    import_reader(
        format,
        std::io::BufReader::new(file),
        &name,
        options,
        progress,
    )
}

/// Imports from any reader; `name` is the file name shown in errors and the report.
pub fn import_reader(
    format: Format,
    input: impl Read,
    name: &str,
    options: &ImportOptions,
    progress: &mut dyn FnMut(u64),
) -> Result<Imported, ImportError> {
    import_dispatch(format, input, name, options, progress, None)
}

/// Imports a file, handing each event to `sink` as soon as its row is mapped instead of
/// keeping it: memory stays bounded by the registries (sources, places, actors), which the
/// returned [`Imported`] holds (to be written beside the events), whatever the number of
/// rows. It has no events; its report counts them. An error
/// from the sink stops the import and is returned as [`ImportError::Io`].
pub fn import_file_streaming(
    format: Format,
    path: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(u64),
    sink: EventSink<'_>,
) -> Result<Imported, ImportError> {
    let name = path.display().to_string();
    let io = |source| ImportError::Io {
        path: name.clone(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(io(std::io::Error::other(
            "not a regular file; only regular files are imported",
        )));
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let input = std::io::BufReader::with_capacity(1 << 20, file);
    import_dispatch(format, input, &name, options, progress, Some(sink))
}

fn import_dispatch(
    format: Format,
    input: impl Read,
    name: &str,
    options: &ImportOptions,
    progress: &mut dyn FnMut(u64),
    sink: Option<EventSink<'_>>,
) -> Result<Imported, ImportError> {
    match format {
        Format::Acled => acled::import(input, name, options, progress, sink),
        Format::Ucdp => ucdp::import(input, name, options, progress, sink),
        Format::Jsonl => jsonl::import(input, name, options, progress, sink),
    }
}
