//! UCDP GED CSV: the 49 columns of GED 23.1 (and the same columns in other releases).

mod row;

use std::io::Read;

use faultline_formats::ucdp::{GED_COLUMNS, REQUIRED};

use crate::build::{Build, EventSink};
use crate::error::ImportError;
use crate::table::{Columns, Table};
use crate::{ImportOptions, Imported};

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
