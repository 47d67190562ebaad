//! What the CSV importers (ACLED, UCDP GED) share: opening a table whose header must hold the
//! format's required columns, and the loop that maps each row, rejects the rows that cannot
//! be mapped, and reports progress.
//!
//! Rows are mapped in chunks: a chunk is read, its rows are checked, filtered and prepared in
//! parallel (what depends on the row alone: [`Mapper::prepare`]), then finished one by one in
//! input order (ids, the records shared between rows, counts and rejections: the `finish` of
//! [`map_each`]). So the records, their ids and the report are those of a row-by-row
//! loop, whatever the number of threads, and memory holds one chunk of rows at a time.

use std::io::Read;
use std::sync::mpsc::sync_channel;

use faultline_model::Date;
use rayon::prelude::*;

use crate::build::Build;
use crate::error::{ImportError, RowError};
use crate::filter::{Reason, RowFilter};
use crate::table::{Columns, Raw, Row, Shape, Table};

/// How often (in rows) progress is reported.
const PROGRESS_EVERY: u64 = 256;

/// Rows read, then mapped together: enough to share between threads, few enough to keep
/// memory small whatever the size of the file.
const CHUNK: usize = 4096;

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

/// How a format maps a row, in two steps: [`Mapper::prepare`] in parallel, then, in input
/// order, the `finish` given to [`map_each`] (ids, the records rows share, the event).
pub(crate) trait Mapper: Sync {
    /// A row mapped as far as it can be alone.
    type Prepared: Send;

    /// The day the row says it was last updated, read from every row (mapped or not): the
    /// file's source is `updated` on the latest.
    fn updated(&self, _row: &Row) -> Option<Date> {
        None
    }

    /// Maps what depends on the row alone; runs in parallel, in any order.
    fn prepare(&self, row: Row) -> Result<Self::Prepared, RowError>;
}

/// What became of a row in the parallel step.
struct Outcome<P> {
    /// Where the row starts in the file.
    byte: u64,
    /// [`Mapper::updated`].
    updated: Option<Date>,
    /// Left out by a filter, prepared, or rejected (not readable, or not mappable).
    mapped: Result<Mapped<P>, RowError>,
}

enum Mapped<P> {
    LeftOut(Reason),
    Prepared(P),
}

/// Checks, filters and prepares a chunk of rows in parallel; the outcomes in input order.
fn prepare_chunk<M: Mapper>(
    chunk: Vec<Result<Raw, RowError>>,
    shape: &Shape,
    filter: Option<&RowFilter<'_>>,
    mapper: &M,
) -> Vec<Outcome<M::Prepared>> {
    chunk
        .into_par_iter()
        .map(|raw| {
            let (byte, row) = match raw {
                Ok(raw) => (raw.byte, shape.decode(raw)),
                Err(e) => (0, Err(e)),
            };
            let row = match row {
                Ok(row) => row,
                Err(e) => {
                    return Outcome {
                        byte,
                        updated: None,
                        mapped: Err(e),
                    };
                }
            };
            let updated = mapper.updated(&row);
            let mapped = match filter.and_then(|f| f.reason(&row)) {
                Some(reason) => Ok(Mapped::LeftOut(reason)),
                None => mapper.prepare(row).map(Mapped::Prepared),
            };
            Outcome {
                byte,
                updated,
                mapped,
            }
        })
        .collect()
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

/// Maps every remaining row of `table`: `mapper` prepares each row, `finish` finishes it in
/// input order. A row the build's filter leaves out is counted and not mapped; a row that
/// cannot be read or mapped is rejected (and stops the import in strict mode); a failed sink
/// stops the import too. Progress is reported every [`PROGRESS_EVERY`] rows and at the end.
///
/// The calling thread reads the file, finishes the rows and hands their events to the sink;
/// a second thread has the next chunk prepared meanwhile (by rayon's threads), so that the
/// work done in order overlaps the parallel work. At most two chunks are in flight.
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
    let shape = table.shape().clone();
    std::thread::scope(|scope| {
        let (raw_tx, raw_rx) = sync_channel::<Vec<Result<Raw, RowError>>>(1);
        let (done_tx, done_rx) = sync_channel(1);
        let (filter, shape) = (filter.as_ref(), &shape);
        scope.spawn(move || {
            for chunk in raw_rx {
                if done_tx
                    .send(prepare_chunk(chunk, shape, filter, mapper))
                    .is_err()
                {
                    break;
                }
            }
        });
        let (mut in_flight, mut end) = (0usize, false);
        loop {
            while !end && in_flight < 2 {
                let chunk = table.read_chunk(CHUNK);
                if chunk.is_empty() || raw_tx.send(chunk).is_err() {
                    end = true;
                } else {
                    in_flight += 1;
                }
            }
            if in_flight == 0 {
                break;
            }
            let Ok(outcomes) = done_rx.recv() else {
                break;
            };
            in_flight -= 1;
            if !finish_chunk(outcomes, build, progress, &mut finish) {
                break;
            }
            build.flush();
        }
        // Dropping the channels stops the preparing thread, which the scope waits for.
        drop(raw_tx);
        drop(done_rx);
    });
    progress(table.bytes_read());
}

/// Finishes a chunk's rows in order; false when the import must stop (the first bad row in
/// strict mode, or a failed sink).
fn finish_chunk<P>(
    outcomes: Vec<Outcome<P>>,
    build: &mut Build<'_>,
    progress: &mut dyn FnMut(u64),
    finish: &mut impl FnMut(P, &mut Build<'_>) -> Result<(), RowError>,
) -> bool {
    for outcome in outcomes {
        if build.sink_failed() {
            return false;
        }
        build.report.rows_read += 1;
        if let Some(date) = outcome.updated {
            build.row_updated(date);
        }
        let done = match outcome.mapped {
            Ok(Mapped::LeftOut(reason)) => {
                build.report.left_out.count(reason);
                Ok(())
            }
            Ok(Mapped::Prepared(row)) => finish(row, build),
            Err(e) => Err(e),
        };
        if let Err(e) = done
            && build.reject(e)
        {
            return false;
        }
        if build.report.rows_read.is_multiple_of(PROGRESS_EVERY) && outcome.byte > 0 {
            progress(outcome.byte);
        }
    }
    true
}
