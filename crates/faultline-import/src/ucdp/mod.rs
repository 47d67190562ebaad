//! UCDP GED CSV: the 49 columns of GED 23.1 (and the same columns in other releases).

mod row;

use std::io::Read;

use faultline_formats::ucdp::{GED_COLUMNS, REQUIRED};

use crate::build::{Build, EventSink};
use crate::error::ImportError;
use crate::rows::{self, Context};
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
    let context = Context {
        file,
        header: &header,
        columns: &columns,
    };
    rows::map_each(&mut table, &mut build, progress, |r, build| {
        row::map(&context, r, build)
    });
    build.finish()
}
