//! Reading CSV as rows of text cells, with the line of each row, without ever failing on a
//! bad row: cells that are not UTF-8, too large, or a row with the wrong number of cells each
//! become a [`RowError`] naming the file, line and column.

use std::io::Read;

use crate::error::{ImportError, RowError, RowErrorKind};

/// A row of text cells.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    /// The 1-based line where the row starts.
    pub(crate) line: u64,
    /// The cells, exactly as the file has them.
    record: csv::StringRecord,
}

impl Row {
    /// The cell of column `i`, as the file has it.
    pub(crate) fn cell(&self, i: usize) -> Option<&str> {
        self.record.get(i)
    }

    /// Every cell, in order.
    pub(crate) fn cells(&self) -> impl Iterator<Item = &str> {
        self.record.iter()
    }
}

/// A row as read, not yet checked: its line and its cells' bytes.
pub(crate) struct Raw {
    line: u64,
    record: csv::ByteRecord,
}

/// What turns a [`Raw`] row into a [`Row`]: the file's name and header, and the cell size
/// limit.
#[derive(Debug, Clone)]
pub(crate) struct Shape {
    file: String,
    header: Vec<String>,
    max_cell_bytes: usize,
}

impl Shape {
    fn error(&self, line: u64, column: Option<usize>, kind: RowErrorKind) -> RowError {
        RowError {
            file: self.file.clone(),
            line,
            column: column.map(|i| self.column_name(i)),
            kind,
        }
    }

    /// The name of column `i` (its header cell, or `#n` past the header or for a blank name).
    pub(crate) fn column_name(&self, i: usize) -> String {
        match self.header.get(i) {
            Some(name) if !name.is_empty() => name.clone(),
            _ => format!("#{}", i + 1),
        }
    }

    /// The row's cells as text: every cell within the size limit and UTF-8, as many as the
    /// header has; the first cell (from the left) that is not is the row's error.
    pub(crate) fn decode(&self, raw: Raw) -> Result<Row, RowError> {
        let Raw { line, record } = raw;
        if record.len() != self.header.len() {
            return Err(self.error(
                line,
                None,
                RowErrorKind::ColumnCount {
                    expected: self.header.len(),
                    found: record.len(),
                },
            ));
        }
        let too_large = |record: &csv::ByteRecord, upto: usize| {
            record
                .iter()
                .take(upto)
                .enumerate()
                .find(|(_, cell)| cell.len() > self.max_cell_bytes)
                .map(|(i, cell)| {
                    self.error(
                        line,
                        Some(i),
                        RowErrorKind::TooLarge {
                            size: cell.len(),
                            limit: self.max_cell_bytes,
                        },
                    )
                })
        };
        match csv::StringRecord::from_byte_record(record) {
            Ok(record) => match too_large(record.as_byte_record(), usize::MAX) {
                Some(e) => Err(e),
                None => Ok(Row { line, record }),
            },
            Err(e) => {
                let (field, offset) = (e.utf8_error().field(), e.utf8_error().valid_up_to());
                let record = e.into_byte_record();
                Err(too_large(&record, field + 1).unwrap_or_else(|| {
                    self.error(line, Some(field), RowErrorKind::NotUtf8 { offset })
                }))
            }
        }
    }
}

/// A CSV file being read: its header, then rows on demand.
pub(crate) struct Table<R: Read> {
    reader: csv::Reader<R>,
    /// The header cells as written (BOM removed, trimmed).
    pub(crate) header: Vec<String>,
    /// The header's line.
    pub(crate) header_line: u64,
    shape: Shape,
    peeked: Option<Option<Result<Row, RowError>>>,
    done: bool,
}

impl<R: Read> Table<R> {
    /// Opens a CSV table and reads its header.
    pub(crate) fn open(input: R, file: &str, max_cell_bytes: usize) -> Result<Self, ImportError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(input);
        let mut record = csv::ByteRecord::new();
        let read = reader
            .read_byte_record(&mut record)
            .map_err(|e| ImportError::Io {
                path: file.to_owned(),
                source: std::io::Error::other(e.to_string()),
            })?;
        if !read {
            return Err(ImportError::Empty {
                path: file.to_owned(),
            });
        }
        let header_line = record.position().map_or(1, csv::Position::line);
        let not_utf8 = || ImportError::HeaderNotUtf8 {
            path: file.to_owned(),
            line: header_line,
        };
        let mut header = Vec::with_capacity(record.len());
        for (i, cell) in record.iter().enumerate() {
            let cell = if i == 0 {
                if cell.starts_with(&[0xFF, 0xFE]) || cell.starts_with(&[0xFE, 0xFF]) {
                    return Err(not_utf8());
                }
                cell.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(cell)
            } else {
                cell
            };
            let text = std::str::from_utf8(cell).map_err(|_| not_utf8())?;
            header.push(text.trim().to_owned());
        }
        if header.iter().all(String::is_empty) {
            return Err(ImportError::Empty {
                path: file.to_owned(),
            });
        }
        Ok(Self {
            reader,
            shape: Shape {
                file: file.to_owned(),
                header: header.clone(),
                max_cell_bytes,
            },
            header,
            header_line,
            peeked: None,
            done: false,
        })
    }

    /// Bytes read so far.
    pub(crate) fn bytes_read(&self) -> u64 {
        self.reader.position().byte()
    }

    /// The next row without consuming it.
    pub(crate) fn peek(&mut self) -> Option<&Result<Row, RowError>> {
        if self.peeked.is_none() {
            let next = self
                .read_raw()
                .map(|raw| raw.and_then(|r| self.shape.decode(r)));
            self.peeked = Some(next);
        }
        self.peeked.as_ref().and_then(Option::as_ref)
    }

    /// The next row: `None` at the end, `Some(Err)` for a row that cannot be read.
    pub(crate) fn next_row(&mut self) -> Option<Result<Row, RowError>> {
        match self.peeked.take() {
            Some(next) => next,
            None => self
                .read_raw()
                .map(|raw| raw.and_then(|r| self.shape.decode(r))),
        }
    }

    fn read_raw(&mut self) -> Option<Result<Raw, RowError>> {
        if self.done {
            return None;
        }
        let mut record = csv::ByteRecord::with_capacity(512, self.shape.header.len());
        loop {
            match self.reader.read_byte_record(&mut record) {
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Ok(true) => {}
                Err(e) => {
                    // An I/O error mid-file: nothing after it can be read.
                    self.done = true;
                    let line = e.position().map_or(0, csv::Position::line);
                    let message = e.to_string();
                    return Some(Err(self.shape.error(
                        line,
                        None,
                        RowErrorKind::Csv { message },
                    )));
                }
            }
            let line = record.position().map_or(0, csv::Position::line);
            // A blank line between rows is not a row.
            if record.len() == 1 && record.get(0).is_some_and(<[u8]>::is_empty) {
                continue;
            }
            return Some(Ok(Raw { line, record }));
        }
    }
}

/// Column positions by lower-case name.
#[derive(Debug, Clone, Default)]
pub(crate) struct Columns {
    index: rustc_hash::FxHashMap<String, usize>,
    /// The key each column's value is kept under (see [`Cells::verbatim`]), with its
    /// position, sorted by key.
    keys: Vec<(String, usize)>,
}

impl Columns {
    /// Indexes a header (the first of duplicate names wins).
    pub(crate) fn new(header: &[String]) -> Self {
        let mut index = rustc_hash::FxHashMap::default();
        for (i, name) in header.iter().enumerate() {
            index.entry(name.to_ascii_lowercase()).or_insert(i);
        }
        // A name the header repeats is numbered: `name#2`, `name#3`...
        let mut keys: Vec<(String, usize)> = Vec::with_capacity(header.len());
        let mut used = std::collections::HashSet::new();
        for (i, name) in header.iter().enumerate() {
            let mut key = name.clone();
            let mut n = 2;
            while used.contains(&key) {
                key = format!("{name}#{n}");
                n += 1;
            }
            used.insert(key.clone());
            keys.push((key, i));
        }
        keys.sort();
        Self { index, keys }
    }

    /// The position of a column.
    pub(crate) fn get(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }

    /// Whether the header has the column.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.index.contains_key(name)
    }
}

/// The cells of one row, read by column name; `NA` and blank cells read as missing.
pub(crate) struct Cells<'a> {
    pub(crate) row: &'a Row,
    pub(crate) columns: &'a Columns,
    pub(crate) file: &'a str,
}

impl<'a> Cells<'a> {
    /// The trimmed value of a column, `None` when the column is absent, blank or `NA`.
    pub(crate) fn get(&self, name: &str) -> Option<&'a str> {
        let i = self.columns.get(name)?;
        let v = self.row.cell(i)?.trim();
        (!v.is_empty() && v != "NA").then_some(v)
    }

    /// An error about column `name` of this row.
    pub(crate) fn error(&self, name: &str, kind: RowErrorKind) -> RowError {
        RowError {
            file: self.file.to_owned(),
            line: self.row.line,
            column: Some(name.to_owned()),
            kind,
        }
    }

    /// A required value.
    pub(crate) fn required(&self, name: &str) -> Result<&'a str, RowError> {
        self.get(name)
            .ok_or_else(|| self.error(name, RowErrorKind::Missing))
    }

    /// The `latitude` and `longitude` columns: both, or neither; each within its range.
    pub(crate) fn coordinates(&self) -> Result<Option<(f64, f64)>, RowError> {
        let lat = self.number(
            "latitude",
            -90.0,
            90.0,
            "a latitude lies between -90 and 90",
        )?;
        let lon = self.number(
            "longitude",
            -180.0,
            180.0,
            "a longitude lies between -180 and 180",
        )?;
        match (lat, lon) {
            (Some(lat), Some(lon)) => Ok(Some((lat, lon))),
            (None, None) => Ok(None),
            (None, Some(_)) => Err(self.error("latitude", RowErrorKind::Missing)),
            (Some(_), None) => Err(self.error("longitude", RowErrorKind::Missing)),
        }
    }

    /// An optional decimal number within `min..=max`.
    pub(crate) fn number(
        &self,
        name: &str,
        min: f64,
        max: f64,
        range: &'static str,
    ) -> Result<Option<f64>, RowError> {
        let Some(v) = self.get(name) else {
            return Ok(None);
        };
        let n: f64 = v
            .parse()
            .ok()
            .filter(|n: &f64| n.is_finite())
            .ok_or_else(|| {
                self.error(
                    name,
                    RowErrorKind::NotANumber {
                        value: v.to_owned(),
                        expected: "a decimal number",
                    },
                )
            })?;
        if !(min..=max).contains(&n) {
            return Err(self.error(
                name,
                RowErrorKind::OutOfRange {
                    value: v.to_owned(),
                    range,
                },
            ));
        }
        Ok(Some(n))
    }

    /// An optional whole number of 0 or more (`12`, also `12.0` as R and pandas write it).
    pub(crate) fn count(&self, name: &str) -> Result<Option<i64>, RowError> {
        let Some(v) = self.get(name) else {
            return Ok(None);
        };
        let bad = || {
            self.error(
                name,
                RowErrorKind::NotANumber {
                    value: v.to_owned(),
                    expected: "a whole number of 0 or more",
                },
            )
        };
        let whole = v.strip_suffix(".0").unwrap_or(v);
        let n: i64 = whole.parse().map_err(|_| bad())?;
        if n < 0 {
            return Err(bad());
        }
        Ok(Some(n))
    }

    /// An optional code among `allowed` (e.g. `1`, `2`, `3`).
    pub(crate) fn code(
        &self,
        name: &str,
        allowed: &[u8],
        words: &'static str,
    ) -> Result<Option<u8>, RowError> {
        let Some(v) = self.get(name) else {
            return Ok(None);
        };
        let whole = v.strip_suffix(".0").unwrap_or(v);
        match whole.parse::<u8>() {
            Ok(n) if allowed.contains(&n) => Ok(Some(n)),
            _ => Err(self.error(
                name,
                RowErrorKind::BadCode {
                    value: v.to_owned(),
                    allowed: words,
                },
            )),
        }
    }

    /// `column: value` for each value of the row, blank and `NA` aside, whose column is not
    /// `mapped` (by position: [`mapped_columns`]); a column without a name shows as `#n`.
    /// As one text, `prefix column: value; column: value`, or `None` when there is none
    /// (one allocation, not one per value).
    pub(crate) fn unmapped_text(
        &self,
        prefix: &str,
        header: &[String],
        mapped: &[bool],
    ) -> Option<String> {
        use std::fmt::Write as _;
        let mut out = String::new();
        self.unmapped_each(header, mapped, |column, i, value| {
            out.push_str(if out.is_empty() { prefix } else { ";" });
            out.push(' ');
            if column.is_empty() {
                let _ = write!(out, "#{}", i + 1);
            } else {
                out.push_str(column);
            }
            out.push_str(": ");
            out.push_str(value);
        });
        (!out.is_empty()).then_some(out)
    }

    fn unmapped_each(
        &self,
        header: &[String],
        mapped: &[bool],
        mut f: impl FnMut(&str, usize, &str),
    ) {
        for (i, column) in header.iter().enumerate() {
            if mapped.get(i).copied().unwrap_or(false) {
                continue;
            }
            let value = self.row.cell(i).map_or("", str::trim);
            if value.is_empty() || value == "NA" {
                continue;
            }
            f(column, i, value);
        }
    }

    /// Every column of the row, by header name, with its verbatim value (a name the header
    /// repeats is numbered: `name#2`).
    pub(crate) fn verbatim(&self) -> std::collections::BTreeMap<String, String> {
        // The keys are sorted: the map is built in one pass.
        self.columns
            .keys
            .iter()
            .map(|(key, i)| {
                (
                    key.clone(),
                    self.row.cell(*i).unwrap_or_default().to_owned(),
                )
            })
            .collect()
    }
}

/// Which columns of `header` are among `mapped` (lower-case names), by position.
pub(crate) fn mapped_columns(header: &[String], mapped: &[&str]) -> Vec<bool> {
    header
        .iter()
        .map(|c| mapped.contains(&c.to_ascii_lowercase().as_str()))
        .collect()
}
