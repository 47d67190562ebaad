//! Writing CSV: for spreadsheets, with every text cell neutralised against formulas; for
//! programs (the dataset formats), with every value exactly as it is.

use faultline_formats::formula::guard;

use crate::error::ExportError;

/// A CSV document being written in memory.
pub(crate) struct CsvOut {
    writer: csv::Writer<Vec<u8>>,
    /// Whether cells pass through [`guard`].
    guarded: bool,
}

impl CsvOut {
    /// A CSV document meant for spreadsheets, with this header row: every cell passes through
    /// [`guard`].
    pub(crate) fn new<S: AsRef<str>>(header: &[S]) -> Result<Self, ExportError> {
        Self::with_guard(header, true)
    }

    /// A CSV document meant for programs (ACLED, UCDP GED, a Data Package), with this header
    /// row: every value is written exactly as it is.
    pub(crate) fn exact<S: AsRef<str>>(header: &[S]) -> Result<Self, ExportError> {
        Self::with_guard(header, false)
    }

    fn with_guard<S: AsRef<str>>(header: &[S], guarded: bool) -> Result<Self, ExportError> {
        let mut out = Self {
            writer: csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(Vec::new()),
            guarded,
        };
        out.row(header)?;
        Ok(out)
    }

    /// Writes a row; in a document for spreadsheets each cell is passed through [`guard`].
    pub(crate) fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<(), ExportError> {
        let guarded = self.guarded;
        self.writer
            .write_record(cells.iter().map(|c| {
                if guarded {
                    guard(c.as_ref()).into_owned()
                } else {
                    c.as_ref().to_owned()
                }
            }))
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

/// The columns of a dataset's CSV (ACLED, UCDP GED) as written: the format's own `columns`,
/// then every further column that the events kept from an import (`external.<system>`) and
/// that `known` does not recognise — so that a column such as the unnamed row index of some
/// files survives the round trip. The unnamed column comes first, as the programs that add it
/// write it; the others follow in name order.
pub(crate) fn dataset_columns<'a>(
    columns: &[&'a str],
    events: &[&'a faultline_model::Event],
    system: &str,
    known: impl Fn(&str) -> bool,
) -> Vec<&'a str> {
    let extra: std::collections::BTreeSet<&str> = events
        .iter()
        .filter_map(|e| e.external.get(system))
        .flat_map(|m| m.keys().map(String::as_str))
        .filter(|k| !known(k) && !columns.contains(k))
        .collect();
    let mut out: Vec<&str> = extra.iter().copied().filter(|k| k.is_empty()).collect();
    out.extend_from_slice(columns);
    out.extend(extra.iter().copied().filter(|k| !k.is_empty()));
    out
}
