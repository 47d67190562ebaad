//! Writing CSV with every text cell neutralised against spreadsheet formulas.

use faultline_formats::formula::guard;

use crate::error::ExportError;

/// A CSV document being written in memory.
pub(crate) struct CsvOut {
    writer: csv::Writer<Vec<u8>>,
}

impl CsvOut {
    /// A CSV document with this header row.
    pub(crate) fn new<S: AsRef<str>>(header: &[S]) -> Result<Self, ExportError> {
        let mut out = Self {
            writer: csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(Vec::new()),
        };
        out.row(header)?;
        Ok(out)
    }

    /// Writes a row; each cell is passed through [`guard`].
    pub(crate) fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<(), ExportError> {
        self.writer
            .write_record(cells.iter().map(|c| guard(c.as_ref()).into_owned()))
            .map_err(|e| ExportError::Render(e.to_string()))
    }

    /// The document's bytes.
    pub(crate) fn finish(self) -> Result<Vec<u8>, ExportError> {
        self.writer
            .into_inner()
            .map_err(|e| ExportError::Render(e.to_string()))
    }
}

/// An optional value as cell text.
pub(crate) fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// A float as cell text, without a trailing `.0` for whole numbers.
pub(crate) fn num(v: f64) -> String {
    v.to_string()
}

/// A dataset's CSV (ACLED, UCDP GED): one row per event, each column the value kept verbatim
/// from an import of that dataset (`external.<system>`) when there is one, else the value
/// `derive` computes — so an imported row exports back as it was read.
pub(crate) fn dataset_csv(
    records: &crate::records::Records,
    columns: &[&str],
    system: &str,
    derive: impl Fn(&faultline_model::Event, &crate::records::Index<'_>) -> Vec<String>,
) -> Result<Vec<u8>, ExportError> {
    let index = records.index();
    let mut out = CsvOut::new(columns)?;
    for event in records.incidents() {
        let external = event.external.get(system);
        let row: Vec<String> = columns
            .iter()
            .zip(derive(event, &index))
            .map(|(column, value)| {
                external
                    .and_then(|m| m.get(*column))
                    .cloned()
                    .unwrap_or(value)
            })
            .collect();
        out.row(&row)?;
    }
    out.finish()
}
