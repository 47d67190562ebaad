//! The findings of a run, kept until they are read in output order: sorted by file, line,
//! column, rule and message, then in the order they were made. Past a memory budget, the
//! findings held are sorted and written to a temporary file (a *run*), and reading merges
//! the runs back, so memory stays bounded whatever the number of findings.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Severity};
use crate::found::{FileTable, Located, Spot, Text};
use crate::registry::RULES;

/// Which step of a run made a finding: findings that sort equal keep this order, then the
/// order in which they were made (the order of the files and batches).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Stage {
    /// The pass over the registries' files.
    Registries,
    /// The passes over batches of events.
    Events,
    /// The finish phase.
    Finish,
    /// The audit phase.
    Audit,
}

/// Which files' findings a run keeps: the filter is asked once per file.
pub type Keep = Arc<dyn Fn(&Path) -> bool + Send + Sync>;

/// How many runs are merged into one before another is written (each run being read needs a
/// file and a buffer).
const MAX_RUNS: usize = 64;

/// A finding and its place in the order of making.
#[derive(Debug)]
struct Entry {
    stage: Stage,
    seq: u64,
    found: Located,
}

/// The findings of a run so far.
pub(crate) struct Store {
    pub(crate) files: FileTable,
    keep: Option<Keep>,
    /// For each file of the table, whether its findings are kept (asked on first sight).
    kept: Vec<Option<bool>>,
    buffer: Vec<Entry>,
    weight: usize,
    /// Spill past this many bytes; `None`: never.
    budget: Option<usize>,
    runs: Vec<File>,
    seq: u64,
    error: Option<io::Error>,
}

impl Store {
    pub(crate) fn new(budget: Option<usize>, keep: Option<Keep>) -> Self {
        Self {
            files: FileTable::default(),
            keep,
            kept: Vec::new(),
            buffer: Vec::new(),
            weight: 0,
            budget,
            runs: Vec::new(),
            seq: 0,
            error: None,
        }
    }

    /// Adds a finding whose spots name files of [`Store::files`].
    pub(crate) fn add(&mut self, stage: Stage, mut found: Located) {
        if !self.keeps(found.at.file) || self.error.is_some() {
            return;
        }
        found.anchors = Vec::new();
        self.weight += found.weight() + std::mem::size_of::<Entry>();
        self.seq += 1;
        self.buffer.push(Entry {
            stage,
            seq: self.seq,
            found,
        });
        if self.budget.is_some_and(|b| self.weight > b)
            && let Err(e) = self.spill()
        {
            self.error = Some(e);
        }
    }

    /// Whether findings in file `i` (of [`Store::files`]) are kept.
    pub(crate) fn keeps_file(&mut self, i: u32) -> bool {
        self.keeps(i)
    }

    /// Whether findings in file `i` are kept.
    fn keeps(&mut self, i: u32) -> bool {
        let Some(keep) = &self.keep else {
            return true;
        };
        let i = i as usize;
        if self.kept.len() <= i {
            self.kept.resize(i + 1, None);
        }
        *self.kept[i].get_or_insert_with(|| keep(&self.files.get(i as u32).path))
    }

    /// Once findings have outgrown the budget, writes those held to a run now, so that
    /// their memory is free for what comes next (the finish phase's indexes); they would
    /// be written with the next findings anyway. A run that never outgrew its budget keeps
    /// everything in memory.
    pub(crate) fn make_room(&mut self) {
        if !self.runs.is_empty()
            && !self.buffer.is_empty()
            && self.error.is_none()
            && let Err(e) = self.spill()
        {
            self.error = Some(e);
        }
        if self.buffer.is_empty() {
            self.buffer = Vec::new();
        }
    }

    /// Writes the findings held, sorted, to a new run; merges the runs into one when there
    /// are too many.
    fn spill(&mut self) -> io::Result<()> {
        self.weight = 0;
        let files = &self.files;
        // The order is total (the order of making comes last), so an unstable sort gives
        // the one order, without the scratch memory of a stable one.
        self.buffer.sort_unstable_by(|a, b| by_name(files, a, b));
        let mut run = BufWriter::with_capacity(1 << 16, tempfile::tempfile()?);
        for entry in &self.buffer {
            write_entry(&mut run, entry)?;
        }
        // Emptied, its memory kept for the next findings: no fresh pages for each run.
        self.buffer.clear();
        self.runs.push(finish_run(run)?);
        if self.runs.len() >= MAX_RUNS {
            let runs = std::mem::take(&mut self.runs);
            let mut merged = BufWriter::with_capacity(1 << 16, tempfile::tempfile()?);
            let mut merge = Merge::new(&self.files, Vec::new(), runs)?;
            while let Some(entry) = merge.pop()? {
                write_entry(&mut merged, &entry)?;
            }
            self.runs.push(finish_run(merged)?);
        }
        Ok(())
    }

    /// The findings, in output order, duplicates left out.
    pub(crate) fn read(mut self) -> io::Result<Sorted> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        let files = &self.files;
        self.buffer.sort_unstable_by(|a, b| by_name(files, a, b));
        let merge = Merge::new(&self.files, std::mem::take(&mut self.buffer), self.runs)?;
        Ok(Sorted {
            files: self.files,
            merge,
            held: None,
            error: None,
            failed: false,
        })
    }
}

/// Flushes a run written and rewinds it for reading.
fn finish_run(run: BufWriter<File>) -> io::Result<File> {
    let mut file = run.into_inner().map_err(io::IntoInnerError::into_error)?;
    file.seek(SeekFrom::Start(0))?;
    Ok(file)
}

/// The output order, files compared by name.
fn by_name(files: &FileTable, a: &Entry, b: &Entry) -> Ordering {
    let name = |e: &Entry| files.get(e.found.at.file).name.as_str();
    name(a).cmp(name(b)).then_with(|| tail(a).cmp(&tail(b)))
}

/// The order after the file: line, column, rule, message, then the order of making.
fn tail(e: &Entry) -> (usize, usize, &'static str, &str, Stage, u64) {
    let f = &e.found;
    (
        f.at.line,
        f.at.column,
        f.meta.name,
        f.message.as_str(),
        e.stage,
        e.seq,
    )
}

/// The findings of a run, read in output order.
pub(crate) struct Sorted {
    files: FileTable,
    merge: Merge,
    /// The finding read last, not given yet: the same finding made twice is shown once, so
    /// a finding is given once the next one is known to differ (and its texts then moved
    /// into the diagnostic, not copied).
    held: Option<Located>,
    /// A read that failed after a finding was held: given after it.
    error: Option<io::Error>,
    failed: bool,
}

impl Iterator for Sorted {
    type Item = io::Result<Diagnostic>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        if let Some(e) = self.error.take() {
            self.failed = true;
            return Some(Err(e));
        }
        loop {
            match self.merge.pop() {
                Ok(Some(entry)) => {
                    if self.held.as_ref() == Some(&entry.found) {
                        continue;
                    }
                    if let Some(held) = self.held.replace(entry.found) {
                        return Some(Ok(held.into_diagnostic(&self.files)));
                    }
                }
                Ok(None) => {
                    let held = self.held.take()?;
                    return Some(Ok(held.into_diagnostic(&self.files)));
                }
                Err(e) => {
                    // What was read before the failure is given first.
                    if let Some(held) = self.held.take() {
                        self.error = Some(e);
                        return Some(Ok(held.into_diagnostic(&self.files)));
                    }
                    self.failed = true;
                    return Some(Err(e));
                }
            }
        }
    }
}

/// Where a merge takes findings from.
enum Source {
    /// Findings held in memory, sorted.
    Memory(std::vec::IntoIter<Entry>),
    /// A run written to a temporary file.
    Run(BufReader<File>),
}

impl Source {
    fn next(&mut self) -> io::Result<Option<Entry>> {
        match self {
            Self::Memory(entries) => Ok(entries.next()),
            Self::Run(reader) => read_entry(reader),
        }
    }
}

/// The next finding of a source, with its place in the output order (files by the rank of
/// their name, so that comparing costs no string comparison of names).
struct Head {
    rank: u32,
    entry: Entry,
    source: usize,
}

impl Head {
    fn key(&self) -> (u32, (usize, usize, &'static str, &str, Stage, u64)) {
        (self.rank, tail(&self.entry))
    }
}

impl PartialEq for Head {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Head {}

impl PartialOrd for Head {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Head {
    /// Reversed: the heap's top is the first finding.
    fn cmp(&self, other: &Self) -> Ordering {
        other.key().cmp(&self.key())
    }
}

/// A k-way merge of sorted sources.
struct Merge {
    /// The rank of each file's name among all names (equal names, equal ranks).
    ranks: Vec<u32>,
    sources: Vec<Source>,
    heap: BinaryHeap<Head>,
}

impl Merge {
    fn new(files: &FileTable, memory: Vec<Entry>, runs: Vec<File>) -> io::Result<Self> {
        let mut order: Vec<u32> = (0..u32::try_from(files.len()).unwrap_or(u32::MAX)).collect();
        order.sort_by(|a, b| files.get(*a).name.cmp(&files.get(*b).name));
        let mut ranks = vec![0; files.len()];
        let mut rank = 0;
        for (k, &i) in order.iter().enumerate() {
            if k > 0 && files.get(order[k - 1]).name != files.get(i).name {
                rank += 1;
            }
            ranks[i as usize] = rank;
        }
        let mut sources = vec![Source::Memory(memory.into_iter())];
        sources.extend(
            runs.into_iter()
                .map(|f| Source::Run(BufReader::with_capacity(1 << 16, f))),
        );
        let mut merge = Self {
            ranks,
            sources,
            heap: BinaryHeap::new(),
        };
        for source in 0..merge.sources.len() {
            merge.refill(source)?;
        }
        Ok(merge)
    }

    fn refill(&mut self, source: usize) -> io::Result<()> {
        if let Some(entry) = self.sources[source].next()? {
            let rank = self.ranks[entry.found.at.file as usize];
            self.heap.push(Head {
                rank,
                entry,
                source,
            });
        }
        Ok(())
    }

    /// The next finding in output order.
    fn pop(&mut self) -> io::Result<Option<Entry>> {
        let Some(head) = self.heap.pop() else {
            return Ok(None);
        };
        self.refill(head.source)?;
        Ok(Some(head.entry))
    }
}

// The format of a run: each finding as its fields in order, integers as LEB128, texts as
// their length and UTF-8 bytes. A run is read back by the process that wrote it.

fn write_entry(w: &mut impl Write, e: &Entry) -> io::Result<()> {
    let f = &e.found;
    let rule = RULES
        .iter()
        .position(|r| r.meta().name == f.meta.name)
        .unwrap_or(0);
    put(w, rule as u64)?;
    put(w, severity_code(f.severity))?;
    put(w, e.stage as u64)?;
    put(w, e.seq)?;
    put_spot(w, &f.at)?;
    put_text(w, &f.message)?;
    match &f.help {
        Some(h) => {
            put(w, 1)?;
            put_text(w, h)?;
        }
        None => put(w, 0)?,
    }
    put(w, f.related.len() as u64)?;
    for (spot, message) in &f.related {
        put_spot(w, spot)?;
        put_text(w, message)?;
    }
    match &f.fix {
        Some(fix) => {
            put(w, 1)?;
            put_text(w, &fix.0)?;
            put_text(w, &fix.1)?;
        }
        None => put(w, 0)?,
    }
    Ok(())
}

fn read_entry(r: &mut impl BufRead) -> io::Result<Option<Entry>> {
    // The end of the run comes exactly where an entry would start.
    let Some(rule) = get_or_end(r)? else {
        return Ok(None);
    };
    let meta = RULES
        .get(usize::try_from(rule).unwrap_or(usize::MAX))
        .ok_or_else(|| bad("rule"))?
        .meta();
    let severity = match get(r)? {
        0 => Severity::Info,
        1 => Severity::Warning,
        2 => Severity::Error,
        _ => return Err(bad("severity")),
    };
    let stage = match get(r)? {
        0 => Stage::Registries,
        1 => Stage::Events,
        2 => Stage::Finish,
        3 => Stage::Audit,
        _ => return Err(bad("stage")),
    };
    let seq = get(r)?;
    let at = get_spot(r)?;
    let message = get_text(r)?;
    let help = match get(r)? {
        0 => None,
        _ => Some(Text::Owned(get_text(r)?)),
    };
    let related = (0..get(r)?)
        .map(|_| Ok((get_spot(r)?, Text::Owned(get_text(r)?))))
        .collect::<io::Result<Vec<_>>>()?;
    let fix = match get(r)? {
        0 => None,
        _ => Some(Box::new((Text::Owned(get_text(r)?), get_text(r)?))),
    };
    Ok(Some(Entry {
        stage,
        seq,
        found: Located {
            meta,
            severity,
            at,
            message,
            help,
            related,
            fix,
            anchors: Vec::new(),
        },
    }))
}

fn severity_code(s: Severity) -> u64 {
    match s {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Error => 2,
    }
}

fn bad(what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("a temporary file of findings is damaged ({what})"),
    )
}

fn put(w: &mut impl Write, mut n: u64) -> io::Result<()> {
    let mut bytes = [0u8; 10];
    let mut len = 0;
    loop {
        let low = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            bytes[len] = low;
            len += 1;
            break;
        }
        bytes[len] = low | 0x80;
        len += 1;
    }
    w.write_all(&bytes[..len])
}

fn get_or_end(r: &mut impl BufRead) -> io::Result<Option<u64>> {
    // Almost always the whole number is in the reader's buffer: decoded there.
    let buffered = r.fill_buf()?;
    let mut n = 0u64;
    for (i, &byte) in buffered.iter().enumerate().take(10) {
        n |= u64::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            r.consume(i + 1);
            return Ok(Some(n));
        }
    }
    // Cut by the end of the buffer (or damaged): byte by byte.
    let mut n = 0u64;
    for shift in (0..64).step_by(7) {
        let mut byte = [0u8];
        if r.read(&mut byte)? == 0 {
            return if shift == 0 {
                Ok(None)
            } else {
                Err(bad("number"))
            };
        }
        n |= u64::from(byte[0] & 0x7f) << shift;
        if byte[0] & 0x80 == 0 {
            return Ok(Some(n));
        }
    }
    Err(bad("number"))
}

fn get(r: &mut impl BufRead) -> io::Result<u64> {
    get_or_end(r)?.ok_or_else(|| bad("end"))
}

fn get_usize(r: &mut impl BufRead) -> io::Result<usize> {
    usize::try_from(get(r)?).map_err(|_| bad("number"))
}

fn put_text(w: &mut impl Write, s: &str) -> io::Result<()> {
    put(w, s.len() as u64)?;
    w.write_all(s.as_bytes())
}

fn get_text(r: &mut impl BufRead) -> io::Result<String> {
    let mut bytes = vec![0; get_usize(r)?];
    r.read_exact(&mut bytes)?;
    String::from_utf8(bytes).map_err(|_| bad("text"))
}

fn put_spot(w: &mut impl Write, s: &Spot) -> io::Result<()> {
    put(w, u64::from(s.file))?;
    for n in [
        s.span.start,
        s.span.end,
        s.line,
        s.column,
        s.end_line,
        s.end_column,
    ] {
        put(w, n as u64)?;
    }
    Ok(())
}

fn get_spot(r: &mut impl BufRead) -> io::Result<Spot> {
    let file = u32::try_from(get(r)?).map_err(|_| bad("file"))?;
    let start = get_usize(r)?;
    let end = get_usize(r)?;
    Ok(Spot {
        file,
        span: faultline_dataset::Span::new(start, end),
        line: get_usize(r)?,
        column: get_usize(r)?,
        end_line: get_usize(r)?,
        end_column: get_usize(r)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Numbers and texts read back whatever the reader's buffer cuts: in its middle, at
    /// its end, or through a number's bytes.
    #[test]
    fn numbers_and_texts_survive_any_buffer_size() {
        let numbers = [
            0,
            1,
            127,
            128,
            300,
            16_383,
            16_384,
            u64::from(u32::MAX),
            u64::MAX,
        ];
        let mut written = Vec::new();
        for &n in &numbers {
            put(&mut written, n).unwrap();
            put_text(&mut written, "é and ü").unwrap();
        }
        for capacity in [1, 2, 3, 7, 10, 64, 1 << 16] {
            let mut r = BufReader::with_capacity(capacity, &written[..]);
            for &n in &numbers {
                assert_eq!(get_or_end(&mut r).unwrap(), Some(n), "capacity {capacity}");
                assert_eq!(get_text(&mut r).unwrap(), "é and ü");
            }
            assert_eq!(
                get_or_end(&mut r).unwrap(),
                None,
                "capacity {capacity}: the end"
            );
        }
        // A number cut short is damage, not the end.
        let mut r = BufReader::new(&[0x80u8][..]);
        assert!(get_or_end(&mut r).is_err());
    }
}
