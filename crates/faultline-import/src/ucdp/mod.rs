//! UCDP GED CSV: the 49 columns of GED 23.1 (and the same columns in other releases).

mod row;

use std::io::Read;

use faultline_formats::ucdp::{GED_COLUMNS, REQUIRED};

use faultline_model::{Source, SourceKind};

use crate::build::{Build, EventSink, dataset_slug, file_name};
use crate::error::ImportError;
use crate::error::RowError;
use crate::rows::{self, Context, Mapper};
use crate::table::{Row, mapped_columns};
use crate::{ImportOptions, Imported};

/// Imports UCDP GED CSV.
pub(crate) fn import(
    input: impl Read,
    file: &str,
    options: &ImportOptions,
    progress: &mut dyn FnMut(u64),
    sink: Option<EventSink<'_>>,
) -> Result<Imported, ImportError> {
    let (mut table, columns) = rows::open(input, file, options.max_cell_bytes, "UCDP GED", |c| {
        REQUIRED.into_iter().filter(|name| !c.has(name)).collect()
    })?;
    let mut build = Build::new(file, "ucdp", options, sink);
    let all = GED_COLUMNS.iter().all(|c| columns.has(c));
    build.report.variant = Some(if all && table.header.len() == GED_COLUMNS.len() {
        "UCDP GED (49 columns)".to_owned()
    } else {
        format!("UCDP GED ({} columns)", table.header.len())
    });
    let header = table.header.clone();
    let dataset = build.dataset_source(&dataset_slug("ucdp", file), |id| dataset_source(id, file));
    let mapped = mapped_columns(&header, &row::MAPPED);
    let context = Context {
        file,
        header: &header,
        columns: &columns,
        mapped: &mapped,
        dataset: &dataset,
    };
    rows::map_each(&mut table, &mut build, progress, &Ucdp, |r, build| {
        row::map(&context, &r, build)
    });
    build.finish()
}

/// UCDP's rows: mapped whole by [`row::map`] (see [`Mapper`]).
struct Ucdp;

impl Mapper for Ucdp {
    type Prepared = Row;

    fn prepare(&self, r: Row) -> Result<Row, RowError> {
        Ok(r)
    }
}

/// The source record of a UCDP GED export: the file itself, which every event imported from
/// it cites. Its rows are not records of their own: each event keeps its row verbatim in
/// `external.ucdp`, where `id` and `relid` find the row in the release, and
/// `source_article`, `source_office`, `source_date` and `source_headline` name the reports it
/// was coded from (the event's other sources, with their dates and headlines).
fn dataset_source(id: faultline_model::SourceId, file: &str) -> Source {
    Source {
        id,
        kind: Some(SourceKind::Dataset),
        publisher: Some("UCDP".to_owned()),
        title: Some(format!("UCDP GED export {}", file_name(file))),
        authors: Vec::new(),
        url: None,
        published: None,
        updated: None,
        accessed: None,
        language: None,
        party: None,
        note: Some(DATASET_NOTE.to_owned()),
        cites: Vec::new(),
        archive: None,
    }
}

/// The note of a UCDP GED export's source record.
const DATASET_NOTE: &str = "a UCDP GED export, imported as a whole; each event imported from it keeps its row verbatim in `external.ucdp`: `id` and `relid` find the row in the release, and `source_article`, `source_office`, `source_date` and `source_headline` name the reports it was coded from, which the event also cites";
