//! What the CSV importers (ACLED, UCDP GED) share: opening a table whose header must hold the
//! format's required columns, and the loop that maps each row, rejects the rows that cannot
//! be mapped, and reports progress.
//!
//! A row is mapped in two steps: [`Mapper::prepare`] works out what depends on the row alone,
//! and the `finish` given to [`map_each`] gives it its ids and the records rows share. Rows
//! are mapped one at a time, in input order, each event handed on as soon as it is made: a
//! draft that prepared chunks of rows on several threads cost about three times the CPU time
//! of this loop (memory allocated on one thread and freed on another, events cold in the
//! cache by the time they were written) and was slower on the shared benchmark machine
//! (docs/performance.md, "ACLED import").

use std::io::Read;

use faultline_model::Date;

use crate::build::Build;
use crate::error::{ImportError, RowError};
use crate::filter::RowFilter;
use crate::table::{Columns, Row, Table};

/// How often (in rows) progress is reported.
const PROGRESS_EVERY: u64 = 256;

/// What every row of one file shares: the file name, its header, the column index, which
/// columns the format maps to fields of its own ([`crate::table::mapped_columns`]), and the
/// source record of the file itself (the dataset's export), which every event cites.
pub(crate) struct Context<'a> {
    pub(crate) file: &'a str,
    pub(crate) header: &'a [String],
    pub(crate) columns: &'a Columns,
    pub(crate) mapped: &'a [bool],
    pub(crate) dataset: &'a faultline_model::SourceId,
}

/// How a format maps a row, in two steps: [`Mapper::prepare`], then the `finish` given to
/// [`map_each`] (ids, the records rows share, the event).
pub(crate) trait Mapper {
    /// A row mapped as far as it can be alone.
    type Prepared;

    /// The day the row says it was last updated, read from every row (mapped or not): the
    /// file's source is `updated` on the latest.
    fn updated(&self, _row: &Row) -> Option<Date> {
        None
    }

    /// Maps what depends on the row alone.
    fn prepare(&self, row: Row) -> Result<Self::Prepared, RowError>;
}

/// Opens a CSV table and indexes its header, which must have every column `missing` does not
/// list; otherwise the file is not `format`'s (`ImportError::UnknownHeader`).
pub(crate) fn open<R: Read>(
    input: R,
    file: &str,
    max_cell_bytes: usize,
    format: &'static str,
    missing: impl Fn(&Columns) -> Vec<&'static str>,
) -> Result<(Table<R>, Columns), ImportError> {
    let table = Table::open(input, file, max_cell_bytes)?;
    let columns = Columns::new(&table.header);
    let missing = missing(&columns);
    if !missing.is_empty() {
        return Err(ImportError::UnknownHeader {
            path: file.to_owned(),
            line: table.header_line,
            format,
            missing: missing.into_iter().map(str::to_owned).collect(),
            found: table.header.clone(),
        });
    }
    Ok((table, columns))
}

/// Maps every remaining row of `table`: `mapper` prepares each row, `finish` finishes it, in
/// input order. A row the build's filter leaves out is counted and not mapped; a row that
/// cannot be read or mapped is rejected (and stops the import in strict mode); a failed sink
/// stops the import too. Progress is reported every [`PROGRESS_EVERY`] rows and at the end.
pub(crate) fn map_each<R: Read, M: Mapper>(
    table: &mut Table<R>,
    build: &mut Build<'_>,
    progress: &mut dyn FnMut(u64),
    mapper: &M,
    mut finish: impl FnMut(M::Prepared, &mut Build<'_>) -> Result<(), RowError>,
) {
    let filter = build.filter.clone();
    let columns = Columns::new(&table.header);
    let filter = RowFilter::new(&filter, &columns);
    while let Some(next) = table.next_row() {
        if build.sink_failed() {
            break;
        }
        build.report.rows_read += 1;
        if let Err(e) = next.and_then(|row| {
            if let Some(date) = mapper.updated(&row) {
                build.row_updated(date);
            }
            if let Some(reason) = filter.as_ref().and_then(|f| f.reason(&row)) {
                build.report.left_out.count(reason);
                return Ok(());
            }
            finish(mapper.prepare(row)?, build)
        }) && build.reject(e)
        {
            break;
        }
        if build.report.rows_read.is_multiple_of(PROGRESS_EVERY) {
            progress(table.bytes_read());
        }
    }
    progress(table.bytes_read());
}
