//! UCDP GED CSV: the 49 columns of GED 23.1 (and the same columns in other releases).

mod row;

use std::io::Read;

use crate::build::{Build, EventSink};
use crate::error::ImportError;
use crate::table::{Columns, Table};
use crate::{ImportOptions, Imported};

/// The 49 columns of UCDP GED 23.1, in the order of the official CSV.
pub const GED_COLUMNS: [&str; 49] = [
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
];

/// Columns every GED release has; a header without them is not GED's.
pub const REQUIRED: [&str; 6] = [
    "id",
    "date_start",
    "latitude",
    "longitude",
    "side_a",
    "best",
];

const PROGRESS_EVERY: u64 = 256;

/// Imports UCDP GED CSV.
pub(crate) fn import(
    input: impl Read,
    file: &str,
    options: &ImportOptions,
    progress: &mut dyn FnMut(u64),
    sink: Option<EventSink<'_>>,
) -> Result<Imported, ImportError> {
    let mut table = Table::open(input, file, options.max_cell_bytes)?;
    let columns = Columns::new(&table.header);
    let missing: Vec<String> = REQUIRED
        .iter()
        .filter(|c| !columns.has(c))
        .map(|c| (*c).to_owned())
        .collect();
    if !missing.is_empty() {
        return Err(ImportError::UnknownHeader {
            path: file.to_owned(),
            line: table.header_line,
            format: "UCDP GED",
            missing,
            found: table.header.clone(),
        });
    }
    let mut build = Build::new(file, "ucdp", options, sink);
    let all = GED_COLUMNS.iter().all(|c| columns.has(c));
    build.report.variant = Some(if all && table.header.len() == GED_COLUMNS.len() {
        "UCDP GED (49 columns)".to_owned()
    } else {
        format!("UCDP GED ({} columns)", table.header.len())
    });
    let header = table.header.clone();
    let context = row::Context {
        file,
        header: &header,
        columns: &columns,
    };
    while let Some(next) = table.next_row() {
        if build.sink_failed() {
            break;
        }
        build.report.rows_read += 1;
        if let Err(e) = next.and_then(|r| row::map(&context, &r, &mut build))
            && build.reject(e)
        {
            break;
        }
        if build.report.rows_read.is_multiple_of(PROGRESS_EVERY) {
            progress(table.bytes_read());
        }
    }
    progress(table.bytes_read());
    if let Some(source) = build.take_sink_error() {
        return Err(ImportError::Io {
            path: file.to_owned(),
            source,
        });
    }
    Ok(build.finish())
}
