//! ACLED CSV, every generation: header detection, dates, and the mapping of a row.

pub mod dates;
mod row;

use std::io::Read;

use faultline_formats::acled::{Generation, is_hxl_row, missing_required};

use faultline_model::{Source, SourceKind};

use crate::build::{Build, EventSink, dataset_slug, file_name};
use crate::error::ImportError;
use crate::error::RowError;
use crate::rows::{self, Context, Mapper};
use crate::table::{Row, mapped_columns};
use crate::{ImportOptions, Imported};

/// Imports ACLED CSV.
pub(crate) fn import(
    input: impl Read,
    file: &str,
    options: &ImportOptions,
    progress: &mut dyn FnMut(u64),
    sink: Option<EventSink<'_>>,
) -> Result<Imported, ImportError> {
    let (mut table, columns) = rows::open(input, file, options.max_cell_bytes, "ACLED", |c| {
        missing_required(|name| c.has(name))
    })?;
    let mut build = Build::new(file, "acled", options, sink);
    let hxl = matches!(table.peek(), Some(Ok(row)) if is_hxl_row(&row.cells().map(str::to_owned).collect::<Vec<_>>()));
    if hxl && let Some(Ok(row)) = table.next_row() {
        let tags: Vec<&str> = row
            .cells()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        let shown = tags.iter().take(3).copied().collect::<Vec<_>>().join(" ");
        let more = if tags.len() > 3 { " ..." } else { "" };
        build.report.remarks.push(format!(
            "line {} is an HXL hashtag row ({shown}{more}); it describes the columns and is not imported",
            row.line
        ));
    }
    let generation = Generation::detect(|c| columns.has(c), hxl);
    build.report.variant = Some(generation.describe().to_owned());
    let header = table.header.clone();
    let dataset = build.dataset_source(&dataset_slug("acled", file), |id| dataset_source(id, file));
    let mapped = mapped_columns(&header, &row::MAPPED);
    let context = Context {
        file,
        header: &header,
        columns: &columns,
        mapped: &mapped,
        dataset: &dataset,
    };
    let mut approximated = 0u64;
    rows::map_each(
        &mut table,
        &mut build,
        progress,
        &Acled { cx: &context },
        |prepared, build| {
            let exact_kind = row::resolve(&context, prepared, build);
            approximated += u64::from(!exact_kind);
            Ok(())
        },
    );
    if approximated > 0 {
        build.report.remarks.push(format!(
            "events given the nearest faultline kind to their ACLED event type: {approximated} (each says so in its notes)"
        ));
    }
    build.finish()
}

/// ACLED's rows: [`row::prepare`], then [`row::resolve`] (see [`Mapper`]).
struct Acled<'a> {
    cx: &'a Context<'a>,
}

impl Mapper for Acled<'_> {
    type Prepared = row::Prepared;

    fn updated(&self, r: &Row) -> Option<faultline_model::Date> {
        row::updated(self.cx, r)
    }

    fn prepare(&self, r: Row) -> Result<row::Prepared, RowError> {
        row::prepare(self.cx, r)
    }
}

/// The source record of an ACLED export: the file itself, which every event imported from it
/// cites. Its rows are not records of their own: each event keeps its row verbatim in
/// `external.acled`, where `event_id_cnty` finds the row in the export, `timestamp` says when
/// ACLED last updated it, and `source` names the reports it was coded from (the event's other
/// sources). `updated` is set once the rows are read: the latest `timestamp` of the file's rows.
fn dataset_source(id: faultline_model::SourceId, file: &str) -> Source {
    Source {
        id,
        kind: Some(SourceKind::Dataset),
        publisher: Some("ACLED".to_owned()),
        title: Some(format!("ACLED export {}", file_name(file))),
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

/// The note of an ACLED export's source record.
const DATASET_NOTE: &str = "an ACLED export, imported as a whole; each event imported from it keeps its row verbatim in `external.acled`: `event_id_cnty` (else `data_id`) finds the row in the export, `timestamp` says when ACLED last updated it (`updated` here is the latest of the file), and `source` names the reports it was coded from, which the event also cites";
