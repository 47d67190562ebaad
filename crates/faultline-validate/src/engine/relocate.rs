//! Finding an event again after its batch is gone: the finish phase reports on events that
//! are no longer in memory, so their text is read back (the whole file for TOML and JSON,
//! the one line for JSON Lines) to locate values in it. The finish phase's findings are
//! located together, record by record in file order (`locate.rs`), so each file or line is
//! read once; the lines of a JSON Lines file are read each on its own (a positioned read of
//! just its bytes) and scanned side by side on several threads.

use std::fs::File;
#[cfg(not(unix))]
use std::io::{Read, Seek, SeekFrom};
use std::sync::Arc;

use faultline_dataset::{Dataset, FileFormat, FileId, LineIndex, Origin, SourceFile, Span};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::engine::summary::{LineLoc, Summary};
use crate::found::{FileTable, Spot};
use crate::locate::{DatasetRecords, Doc, Place, RecordText, Records, Want, text_of};

/// How the finish phase names a record.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum FinishKey {
    /// The `i`-th event of the summary.
    Event(u32),
    /// A record of the registries.
    Record(Origin),
}

/// Whole files read back and parsed at once, on several threads, ahead of their turn.
const READ_AHEAD: usize = 256;

/// The records of the finish phase: the summary's events, read back, and the registries.
pub(crate) struct Relocator<'a> {
    summary: &'a Summary,
    registries: DatasetRecords<'a>,
    /// The whole file read last, by its index in the summary (`None` inside: unreadable).
    file: Option<(u32, Option<SourceFile>)>,
    /// The JSON Lines file lines are read from, by its index in the summary (`None` inside:
    /// cannot be opened); one at a time, so that a dataset of many files never holds more
    /// than one open.
    lines: Option<(u32, Option<File>)>,
    /// The whole files that will be asked for, in order (told by `prepare`).
    ahead: Vec<u32>,
    /// Files read ahead and not asked for yet: at most [`READ_AHEAD`].
    read: FxHashMap<u32, Option<SourceFile>>,
}

impl<'a> Relocator<'a> {
    pub(crate) fn new(summary: &'a Summary, registries: &'a Dataset) -> Self {
        Self {
            summary,
            registries: DatasetRecords {
                dataset: registries,
            },
            file: None,
            lines: None,
            ahead: Vec::new(),
            read: FxHashMap::default(),
        }
    }

    /// The file `i` of the summary, as a file of its own, kept until another is asked for.
    fn whole_file(&mut self, i: u32) -> Option<&SourceFile> {
        if self.file.as_ref().is_none_or(|(at, _)| *at != i) {
            if !self.read.contains_key(&i) && self.ahead.binary_search(&i).is_ok() {
                self.read_ahead(i);
            }
            let file = match self.read.remove(&i) {
                Some(file) => file,
                None => read_whole(self.summary, i),
            };
            self.file = Some((i, file));
        }
        self.file.as_ref().and_then(|(_, f)| f.as_ref())
    }

    /// Reads and parses, side by side, file `i` of `ahead` and those that follow it there.
    fn read_ahead(&mut self, i: u32) {
        let from = self.ahead.partition_point(|&f| f < i);
        let next = &self.ahead[from..self.ahead.len().min(from + READ_AHEAD)];
        let summary = self.summary;
        self.read = next
            .par_iter()
            .map(|&f| {
                let file = read_whole(summary, f);
                if let Some(file) = &file {
                    file.tree(); // parsed now, on this thread
                }
                (f, file)
            })
            .collect();
    }

    /// The JSON Lines file `i` of the summary, opened to read lines from (the file opened
    /// before it closed).
    fn lines_of(&mut self, i: u32) -> Option<&File> {
        if self.lines.as_ref().is_none_or(|(at, _)| *at != i) {
            self.lines = None;
            let file = File::open(&self.summary.files[i as usize].path).ok();
            self.lines = Some((i, file));
        }
        self.lines.as_ref().and_then(|(_, f)| f.as_ref())
    }

    /// Where the record `key` stands when it is a line of a JSON Lines file no longer in
    /// memory (to be read back on its own): the file's index in the summary, and the line.
    fn line_on_disk(&self, key: &FinishKey) -> Option<(u32, LineLoc)> {
        line_on_disk(self.summary, key)
    }
}

/// [`Relocator::line_on_disk`], from the summary alone.
fn line_on_disk(summary: &Summary, key: &FinishKey) -> Option<(u32, LineLoc)> {
    let FinishKey::Event(i) = key else {
        return None;
    };
    let loc = &summary.events[*i as usize].loc;
    let line = loc.line?;
    summary.files[loc.file as usize]
        .text
        .is_none()
        .then_some((loc.file, line))
}

/// Locates `wants` in event `i`, a line of a JSON Lines file read back from `from` (`None`:
/// unreadable, every value at the start of its line); `file` is the file's index in the
/// table.
fn locate_line(
    summary: &Summary,
    i: usize,
    line: LineLoc,
    from: Option<&File>,
    file: u32,
    wants: &[Want<'_>],
) -> Vec<Place> {
    let mut bytes = vec![0; line.len as usize];
    let read = from.is_some_and(|f| read_exact_at(f, &mut bytes, line.offset).is_ok());
    if !read {
        return wants
            .iter()
            .map(|w| Place {
                spot: Spot::at_line(file, line.number),
                anchors: if w.anchors {
                    vec![line.number]
                } else {
                    Vec::new()
                },
            })
            .collect();
    }
    let text = text_of(bytes);
    let lines = LineIndex::new(&text);
    RecordText {
        file,
        text: &text,
        lines: &lines,
        doc: Doc::JsonLine(Span::new(0, text.len())),
        prefix: &summary.events[i].loc.pointer,
        toml: false,
        shift: (
            usize::try_from(line.offset).unwrap_or(usize::MAX),
            line.number.saturating_sub(1),
        ),
    }
    .locate(wants)
}

/// File `i` of the summary, from memory or read again from disk (`None`: unreadable).
fn read_whole(summary: &Summary, i: u32) -> Option<SourceFile> {
    let entry = &summary.files[i as usize];
    let text: Option<Arc<str>> = match &entry.text {
        Some(t) => Some(Arc::clone(t)),
        None => std::fs::read(&entry.path).ok().map(|b| text_of(b).into()),
    };
    text.map(|text| SourceFile::new(entry.path.clone(), entry.name.clone(), text, entry.format))
}

impl Records for Relocator<'_> {
    type Key = FinishKey;

    fn order(&self, key: &FinishKey) -> (u64, u64) {
        match key {
            FinishKey::Record(origin) => self.registries.order(origin),
            FinishKey::Event(i) => {
                let loc = &self.summary.events[*i as usize].loc;
                (
                    (1 << 32) + u64::from(loc.file),
                    loc.line.map_or(0, |l| l.offset),
                )
            }
        }
    }

    /// Notes the whole files the events asked for are in (not the lines of JSON Lines
    /// files, read each on its own in `locate_many`), to read them ahead.
    fn prepare(&mut self, keys: &[&FinishKey]) {
        self.ahead.clear();
        for key in keys {
            if let FinishKey::Event(i) = key {
                let loc = &self.summary.events[*i as usize].loc;
                let whole =
                    loc.line.is_none() || self.summary.files[loc.file as usize].text.is_some();
                if whole && self.ahead.last() != Some(&loc.file) {
                    self.ahead.push(loc.file);
                }
            }
        }
        self.ahead.sort_unstable();
        self.ahead.dedup();
    }

    fn locate(&mut self, key: &FinishKey, wants: &[Want<'_>], files: &mut FileTable) -> Vec<Place> {
        let i = match key {
            FinishKey::Record(origin) => return self.registries.locate(origin, wants, files),
            FinishKey::Event(i) => *i as usize,
        };
        let summary = self.summary;
        let loc = &summary.events[i].loc;
        let entry = &summary.files[loc.file as usize];
        let file = files.add(&entry.name, &entry.path, entry.file_id);
        let fallback = |line: usize| {
            wants
                .iter()
                .map(|w| Place {
                    spot: Spot::at_line(file, line),
                    anchors: if w.anchors { vec![line] } else { Vec::new() },
                })
                .collect()
        };
        match (loc.line, &entry.text) {
            // A line of a JSON Lines file that is no longer in memory: read that line alone.
            (Some(line), None) => {
                let from = self.lines_of(loc.file);
                locate_line(summary, i, line, from, file, wants)
            }
            // A whole file, from memory or read again from disk.
            _ => {
                let Some(source) = self.whole_file(loc.file) else {
                    return fallback(loc.line.map_or(1, |l| l.number));
                };
                let doc = match loc.line {
                    Some(l) => {
                        let start = usize::try_from(l.offset).unwrap_or(usize::MAX);
                        Doc::JsonLine(Span::new(start, start.saturating_add(l.len as usize)))
                    }
                    None => source
                        .tree()
                        .map_or(Doc::Opaque(Span::default()), Doc::Tree),
                };
                RecordText {
                    file,
                    text: &source.text,
                    lines: source.line_index(),
                    doc,
                    prefix: &loc.pointer,
                    toml: source.format == FileFormat::Toml,
                    shift: (0, 0),
                }
                .locate(wants)
            }
        }
    }

    /// Runs of events that are lines of JSON Lines files no longer in memory are read back
    /// and scanned side by side (each line with a positioned read of its own); the other
    /// records one by one, in order.
    fn locate_many(
        &mut self,
        jobs: &[(&FinishKey, Vec<Want<'_>>)],
        files: &mut FileTable,
    ) -> Vec<Vec<Place>> {
        let mut out = Vec::with_capacity(jobs.len());
        let mut rest = jobs;
        while let Some(((key, wants), after)) = rest.split_first() {
            let run = rest
                .iter()
                .take_while(|(key, _)| self.line_on_disk(key).is_some())
                .count();
            if run == 0 {
                out.push(self.locate(key, wants, files));
                rest = after;
                continue;
            }
            let (lines, after) = rest.split_at(run);
            // File by file (the records come in file order), each file opened once.
            let summary = self.summary;
            let file_of = |key: &FinishKey| line_on_disk(summary, key).map(|l| l.0);
            for same in lines.chunk_by(|a, b| file_of(a.0) == file_of(b.0)) {
                let Some(f) = file_of(same[0].0) else {
                    out.extend(same.iter().map(|_| Vec::new()));
                    continue;
                };
                let entry = &summary.files[f as usize];
                let file = files.add(&entry.name, &entry.path, entry.file_id);
                let from = self.lines_of(f);
                let located: Vec<Vec<Place>> = same
                    .par_iter()
                    .map(|(key, wants)| match (key, line_on_disk(summary, key)) {
                        (FinishKey::Event(i), Some((_, line))) => {
                            locate_line(summary, *i as usize, line, from, file, wants)
                        }
                        _ => Vec::new(),
                    })
                    .collect();
                out.extend(located);
            }
            rest = after;
        }
        out
    }

    fn span(&mut self, file: FileId, span: Span, files: &mut FileTable) -> Spot {
        self.registries.span(file, span, files)
    }
}

/// Reads `buffer.len()` bytes at `offset`.
#[cfg(unix)]
fn read_exact_at(file: &File, buffer: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buffer, offset)
}

/// Reads `buffer.len()` bytes at `offset`.
#[cfg(not(unix))]
fn read_exact_at(mut file: &File, buffer: &mut [u8], offset: u64) -> std::io::Result<()> {
    file.seek(SeekFrom::Start(offset))?;
    file.read_exact(buffer)
}
