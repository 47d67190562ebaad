//! Locating findings: every value the findings of a pass point at is resolved to its byte
//! range, line and column here, record by record, so that each record's text is read and
//! scanned once however many findings point into it (and its characters are counted once
//! for all of them).

use std::hash::Hash;
use std::path::Path;

use faultline_dataset::tree::{SpanNode, locate_json, pointer_segments, push_segment};
use faultline_dataset::{Dataset, FileFormat, FileId, LineIndex, Located as Lookup, Origin, Span};

use crate::finding::{Collector, Loc};
use crate::found::{FileTable, Located, Spot};

/// One value to locate within a record.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Want<'p> {
    /// Its JSON pointer, relative to the record.
    pub(crate) pointer: &'p str,
    /// Whether to point at its key rather than at the value.
    pub(crate) on_key: bool,
    /// Whether the lines where a suppression of a finding there may stand are needed.
    pub(crate) anchors: bool,
}

/// A value, located.
#[derive(Debug, Clone)]
pub(crate) struct Place {
    pub(crate) spot: Spot,
    /// With [`Want::anchors`]: the value's line, and those of the tables that enclose it
    /// (TOML only); else empty.
    pub(crate) anchors: Vec<usize>,
}

/// Where the records a pass reports on are read from.
pub(crate) trait Records {
    /// How the pass names a record.
    type Key: Clone + Eq + Hash;

    /// The order in which records are best read: by file, then by place in the file.
    fn order(&self, key: &Self::Key) -> (u64, u64);

    /// Told, before any [`Records::locate`], every record that will be asked for, in the
    /// order they will be: a source that reads records back may read ahead.
    fn prepare(&mut self, _keys: &[&Self::Key]) {}

    /// Locates `wants` within the record `key`, reading it once; its file is added to `files`.
    fn locate(&mut self, key: &Self::Key, wants: &[Want<'_>], files: &mut FileTable) -> Vec<Place>;

    /// Locates the wants of several records, in order (as [`Records::locate`] one by one
    /// does); a source that reads records back may read and scan them on several threads.
    fn locate_many(
        &mut self,
        jobs: &[(&Self::Key, Vec<Want<'_>>)],
        files: &mut FileTable,
    ) -> Vec<Vec<Place>> {
        jobs.iter()
            .map(|(key, wants)| self.locate(key, wants, files))
            .collect()
    }

    /// The spot of a byte range of a file of the dataset being linted.
    fn span(&mut self, file: FileId, span: Span, files: &mut FileTable) -> Spot;
}

/// Locates every finding of `collector`, in the order they were made.
pub(crate) fn resolve<S: Records>(
    collector: Collector<S::Key>,
    source: &mut S,
    files: &mut FileTable,
) -> Vec<Located> {
    let Collector {
        records,
        pointers,
        found,
        ..
    } = collector;
    // Every location of every finding gets a slot: its own, then its related ones.
    let mut first_slot = Vec::with_capacity(found.len());
    let mut slots = 0usize;
    for f in &found {
        first_slot.push(slots);
        slots += 1 + f.related.len();
    }
    let mut spots: Vec<Option<Spot>> = vec![None; slots];
    let mut anchors: Vec<Vec<usize>> = vec![Vec::new(); found.len()];
    // (record, pointer, on_key, slot, finding when the slot is its own)
    let mut requests: Vec<(u32, u32, bool, usize, Option<usize>)> = Vec::new();
    for (i, f) in found.iter().enumerate() {
        let locs = std::iter::once(&f.at).chain(f.related.iter().map(|(loc, _)| loc));
        for (k, loc) in locs.enumerate() {
            let slot = first_slot[i] + k;
            match loc {
                Loc::Value {
                    record,
                    pointer,
                    on_key,
                } => requests.push((*record, *pointer, *on_key, slot, (k == 0).then_some(i))),
                Loc::Span { file, span } => spots[slot] = Some(source.span(*file, *span, files)),
                Loc::Path(path) => {
                    let file = files.add(path, Path::new(&**path), None);
                    spots[slot] = Some(Spot::at_line(file, 1));
                }
                Loc::Region(r) => {
                    let file = files.add(&r.file, &r.path, r.file_id);
                    spots[slot] = Some(Spot {
                        file,
                        span: r.span,
                        line: r.line,
                        column: r.column,
                        end_line: r.end_line,
                        end_column: r.end_column,
                    });
                }
            }
        }
    }
    requests.sort_by_cached_key(|r| (source.order(&records[r.0 as usize]), r.0));
    let keys: Vec<&S::Key> = requests
        .chunk_by(|a, b| a.0 == b.0)
        .map(|group| &records[group[0].0 as usize])
        .collect();
    source.prepare(&keys);
    // A few thousand records at a time: what is located is kept, not the records.
    const JOB: usize = 4096;
    let groups: Vec<&[_]> = requests.chunk_by(|a, b| a.0 == b.0).collect();
    for groups in groups.chunks(JOB) {
        let jobs: Vec<(&S::Key, Vec<Want<'_>>)> = groups
            .iter()
            .map(|group| {
                let wants = group
                    .iter()
                    .map(|&(_, pointer, on_key, _, primary)| Want {
                        pointer: &pointers[pointer as usize],
                        on_key,
                        anchors: primary.is_some(),
                    })
                    .collect();
                (&records[group[0].0 as usize], wants)
            })
            .collect();
        let located = source.locate_many(&jobs, files);
        for (group, places) in groups.iter().zip(located) {
            for (&(_, _, _, slot, primary), place) in group.iter().zip(places) {
                if let Some(i) = primary {
                    anchors[i] = place.anchors;
                }
                spots[slot] = Some(place.spot);
            }
        }
    }
    found
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let mut spots = spots[first_slot[i]..first_slot[i] + 1 + f.related.len()]
                .iter()
                .map(|s| s.unwrap_or_else(|| Spot::at_line(0, 1)));
            let at = spots.next().unwrap_or_else(|| Spot::at_line(0, 1));
            let mut anchors = std::mem::take(&mut anchors[i]);
            if anchors.is_empty() {
                anchors.push(at.line);
            }
            Located {
                meta: f.meta,
                severity: f.severity,
                at,
                message: f.message,
                help: f.help,
                related: spots.zip(f.related.into_iter().map(|(_, m)| m)).collect(),
                fix: f.fix,
                anchors,
            }
        })
        .collect()
}

/// One record's text, ready to locate values in.
pub(crate) struct RecordText<'t> {
    /// The file's index in the table.
    pub(crate) file: u32,
    /// The text the spans point into: a whole file, or one line of a JSON Lines file.
    pub(crate) text: &'t str,
    /// The line index of `text`.
    pub(crate) lines: &'t LineIndex,
    /// How to look values up.
    pub(crate) doc: Doc<'t>,
    /// The record's JSON pointer in its document (`""`, or `/place/3`).
    pub(crate) prefix: &'t str,
    /// Whether the file is TOML (the only format with suppression comments).
    pub(crate) toml: bool,
    /// Bytes and lines of the file before `text` (a line read back on its own).
    pub(crate) shift: (usize, usize),
}

/// How to look values up in a record's text.
pub(crate) enum Doc<'t> {
    /// The tree of the whole document.
    Tree(&'t SpanNode),
    /// A line of JSON, at this span of the text.
    JsonLine(Span),
    /// Nothing to look into: every value is reported at this span.
    Opaque(Span),
}

impl RecordText<'_> {
    /// Locates `wants`, counting the record's characters once for all of them.
    pub(crate) fn locate(&self, wants: &[Want<'_>]) -> Vec<Place> {
        let fulls: Vec<String> = wants
            .iter()
            .map(|w| format!("{}{}", self.prefix, w.pointer))
            .collect();
        let lookups: Vec<Lookup> = match &self.doc {
            Doc::Tree(tree) => fulls.iter().map(|p| tree.lookup(p)).collect(),
            Doc::JsonLine(line) => {
                let refs: Vec<&str> = fulls.iter().map(String::as_str).collect();
                self.text
                    .get(line.range())
                    .and_then(|text| locate_json(text, line.start, &refs))
                    .unwrap_or_else(|| vec![opaque(*line); wants.len()])
            }
            Doc::Opaque(span) => vec![opaque(*span); wants.len()],
        };
        let spans: Vec<Span> = wants
            .iter()
            .zip(&lookups)
            .map(|(w, l)| match (w.on_key, l.key) {
                (true, Some(key)) => key,
                _ => l.value,
            })
            .collect();
        let mut offsets: Vec<usize> = spans.iter().flat_map(|s| [s.start, s.end]).collect();
        offsets.sort_unstable();
        offsets.dedup();
        let positions = self.lines.positions(self.text, &offsets);
        let at = |offset: usize| positions[offsets.partition_point(|&o| o < offset)];
        let (bytes, lines) = self.shift;
        wants
            .iter()
            .zip(spans)
            .map(|(w, span)| {
                let (start, end) = (at(span.start), at(span.end));
                let mut spot = Spot {
                    file: self.file,
                    span,
                    line: start.line,
                    column: start.column,
                    end_line: end.line,
                    end_column: end.column,
                };
                spot.shift(bytes, lines);
                let anchors = if w.anchors {
                    let mut anchors = self.anchors(w.pointer);
                    anchors.push(spot.line);
                    anchors.sort_unstable();
                    anchors.dedup();
                    anchors
                } else {
                    Vec::new()
                };
                Place { spot, anchors }
            })
            .collect()
    }

    /// The lines of the tables that enclose the value at `pointer` (the record itself, when
    /// it is a table of a registry file), where a suppression of a finding there may stand
    /// besides the value's own line. TOML only.
    fn anchors(&self, pointer: &str) -> Vec<usize> {
        let Doc::Tree(tree) = &self.doc else {
            return Vec::new();
        };
        if !self.toml {
            return Vec::new();
        }
        let mut prefixes = Vec::new();
        if !self.prefix.is_empty() {
            prefixes.push(self.prefix.to_owned());
        }
        let segments: Vec<String> = pointer_segments(pointer).collect();
        let mut prefix = self.prefix.to_owned();
        for (i, seg) in segments.iter().enumerate() {
            push_segment(&mut prefix, seg);
            // An array of tables is not a table a suppression can stand above: its span is its
            // *first* `[[header]]`, and a suppression there must not cover the later elements.
            let is_array = segments
                .get(i + 1)
                .is_some_and(|next| next.parse::<usize>().is_ok());
            if !is_array {
                prefixes.push(prefix.clone());
            }
        }
        let mut lines = Vec::new();
        for p in prefixes {
            let found = tree.lookup(&p);
            if found.exact {
                lines.push(self.lines.line_of(found.key.unwrap_or(found.value).start));
                lines.push(self.lines.line_of(found.value.start));
            }
        }
        lines
    }
}

fn opaque(span: Span) -> Lookup {
    Lookup {
        key: None,
        value: span,
        exact: false,
    }
}

/// The records of a dataset in memory: a batch of events with the registries, the registries
/// alone, or a whole dataset.
pub(crate) struct DatasetRecords<'d> {
    pub(crate) dataset: &'d Dataset,
}

impl Records for DatasetRecords<'_> {
    type Key = Origin;

    fn order(&self, origin: &Origin) -> (u64, u64) {
        (
            u64::from(origin.file.0),
            origin.line.map_or(0, |l| l.start as u64),
        )
    }

    fn locate(&mut self, origin: &Origin, wants: &[Want<'_>], files: &mut FileTable) -> Vec<Place> {
        let file = self.dataset.file(origin.file);
        let doc = match origin.line {
            Some(line) => Doc::JsonLine(line),
            None => file.tree().map_or(Doc::Opaque(Span::default()), Doc::Tree),
        };
        RecordText {
            file: files.add(&file.name, &file.path, Some(origin.file)),
            text: &file.text,
            lines: file.line_index(),
            doc,
            prefix: &origin.pointer,
            toml: file.format == FileFormat::Toml,
            shift: (0, 0),
        }
        .locate(wants)
    }

    fn span(&mut self, id: FileId, span: Span, files: &mut FileTable) -> Spot {
        let file = self.dataset.file(id);
        let (start, end) = (file.position(span.start), file.position(span.end));
        Spot {
            file: files.add(&file.name, &file.path, Some(id)),
            span,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
        }
    }
}

/// Text read back from disk: valid UTF-8 as is, anything else with bad bytes replaced.
pub(crate) fn text_of(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}
