//! ACLED CSV, every generation: header detection, dates, and the mapping of a row.

pub mod dates;
mod row;

use std::io::Read;

use faultline_formats::acled::{Generation, is_hxl_row, missing_required};

use crate::build::{Build, EventSink};
use crate::error::ImportError;
use crate::table::{Columns, Table};
use crate::{ImportOptions, Imported};

/// How often (in rows) progress is reported.
const PROGRESS_EVERY: u64 = 256;

/// Imports ACLED CSV.
pub(crate) fn import(
    input: impl Read,
    file: &str,
    options: &ImportOptions,
    progress: &mut dyn FnMut(u64),
    sink: Option<EventSink<'_>>,
) -> Result<Imported, ImportError> {
    let mut table = Table::open(input, file, options.max_cell_bytes)?;
    let columns = Columns::new(&table.header);
    let missing: Vec<String> = missing_required(|c| columns.has(c))
        .into_iter()
        .map(str::to_owned)
        .collect();
    if !missing.is_empty() {
        return Err(ImportError::UnknownHeader {
            path: file.to_owned(),
            line: table.header_line,
            format: "ACLED",
            missing,
            found: table.header.clone(),
        });
    }
    let mut build = Build::new(file, "acled", options, sink);
    let hxl = matches!(table.peek(), Some(Ok(row)) if is_hxl_row(&row.cells));
    if hxl && let Some(Ok(row)) = table.next_row() {
        let tags: Vec<&str> = row
            .cells
            .iter()
            .map(|c| c.trim())
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
    let context = row::Context {
        file,
        header: &table.header.clone(),
        columns: &columns,
    };
    let mut approximated = 0u64;
    while let Some(next) = table.next_row() {
        if build.sink_failed() {
            break;
        }
        build.report.rows_read += 1;
        let mapped = next.and_then(|r| row::map(&context, &r, &mut build));
        match mapped {
            Ok(exact_kind) => approximated += u64::from(!exact_kind),
            Err(e) => {
                if build.reject(e) {
                    break;
                }
            }
        }
        if build.report.rows_read.is_multiple_of(PROGRESS_EVERY) {
            progress(table.bytes_read());
        }
    }
    progress(table.bytes_read());
    if approximated > 0 {
        build.report.remarks.push(format!(
            "events given the nearest faultline kind to their ACLED event type: {approximated} (each says so in its notes)"
        ));
    }
    if let Some(source) = build.take_sink_error() {
        return Err(ImportError::Io {
            path: file.to_owned(),
            source,
        });
    }
    Ok(build.finish())
}
