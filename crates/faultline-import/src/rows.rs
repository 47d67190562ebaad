//! What the CSV importers (ACLED, UCDP GED) share: opening a table whose header must hold the
//! format's required columns, and the loop that maps each row, rejects the rows that cannot
//! be mapped, and reports progress.

use std::io::Read;

use crate::build::Build;
use crate::error::{ImportError, RowError};
use crate::filter::RowFilter;
use crate::table::{Columns, Row, Table};

/// How often (in rows) progress is reported.
const PROGRESS_EVERY: u64 = 256;

/// What every row of one file shares: the file name, its header, the column index, and the
/// source record of the file itself (the dataset's export), which every event cites.
pub(crate) struct Context<'a> {
    pub(crate) file: &'a str,
    pub(crate) header: &'a [String],
    pub(crate) columns: &'a Columns,
    pub(crate) dataset: &'a faultline_model::SourceId,
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

/// Maps every remaining row of `table` with `map`. `observe` sees every row read first,
/// whether it is mapped or not (what it says of the file as a whole). A row the build's
/// filter leaves out is counted and not mapped; a row that cannot be read or mapped is
/// rejected (and stops the import in strict mode); a failed sink stops the import too.
/// Progress is reported every [`PROGRESS_EVERY`] rows and at the end.
pub(crate) fn map_each<R: Read>(
    table: &mut Table<R>,
    build: &mut Build<'_>,
    progress: &mut dyn FnMut(u64),
    mut observe: impl FnMut(&Row, &mut Build<'_>),
    mut map: impl FnMut(&Row, &mut Build<'_>) -> Result<(), RowError>,
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
            observe(&row, build);
            if let Some(f) = &filter
                && f.leaves_out(&row, &mut build.report.left_out)
            {
                return Ok(());
            }
            map(&row, build)
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
