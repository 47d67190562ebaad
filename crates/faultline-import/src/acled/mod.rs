//! ACLED CSV, every generation: header detection, dates, and the mapping of a row.

pub mod dates;
mod row;

use std::io::Read;

use faultline_formats::acled::{Generation, is_hxl_row, missing_required};

use crate::build::{Build, EventSink};
use crate::error::ImportError;
use crate::rows::{self, Context};
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
    let header = table.header.clone();
    let context = Context {
        file,
        header: &header,
        columns: &columns,
    };
    let mut approximated = 0u64;
    rows::map_each(&mut table, &mut build, progress, |r, build| {
        let exact_kind = row::map(&context, r, build)?;
        approximated += u64::from(!exact_kind);
        Ok(())
    });
    if approximated > 0 {
        build.report.remarks.push(format!(
            "events given the nearest faultline kind to their ACLED event type: {approximated} (each says so in its notes)"
        ));
    }
    build.finish()
}
