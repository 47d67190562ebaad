//! Finding an event again after its batch is gone: the finish phase reports on events that
//! are no longer in memory, so it reads the record's text back (the whole file for TOML and
//! JSON, the one line for JSON Lines) and locates the value in it.

use std::collections::HashMap;
use std::io::{Read, Seek, SeekFrom};
use std::sync::Arc;

use faultline_dataset::{Dataset, FileFormat, FileId, Origin, SourceFile, Span};

use crate::context::anchor_lines;
use crate::diagnostic::Region;
use crate::engine::summary::{EventLoc, FileEntry};

/// Re-reads records on demand, caching whole files.
#[derive(Default)]
pub(crate) struct Relocator {
    files: HashMap<u32, Option<Dataset>>,
}

impl Relocator {
    /// The region of `pointer` within the event at `loc`.
    pub(crate) fn region(&mut self, files: &[FileEntry], loc: &EventLoc, pointer: &str) -> Region {
        let entry = &files[loc.file as usize];
        let fallback = || {
            let line = loc.line.map_or(1, |l| l.number);
            Region::at_line(entry.name.clone(), entry.path.clone(), entry.file_id, line)
        };
        match (loc.line, &entry.text) {
            // A line of a JSON Lines file that is no longer in memory: read that line alone.
            (Some(line), None) => {
                let Some(text) = read_range(&entry.path, line.offset, line.len) else {
                    return fallback();
                };
                let file = SourceFile::new(
                    entry.path.clone(),
                    entry.name.clone(),
                    Arc::from(text),
                    FileFormat::JsonLines,
                );
                let dataset = Dataset {
                    files: vec![file],
                    ..Dataset::default()
                };
                let origin = Origin {
                    file: FileId(0),
                    pointer: loc.pointer.to_string(),
                    line: Some(Span::new(0, line.len as usize)),
                };
                let found = dataset.locate(&origin, pointer);
                // The text is the line alone: move the region onto the whole file.
                let mut region = Region::new(dataset.file(FileId(0)), None, found.span);
                region.shift(line.offset as usize, line.number.saturating_sub(1));
                region
            }
            // A whole file, from memory or read again from disk.
            _ => {
                let Some(dataset) = self.whole_file(files, loc.file) else {
                    return fallback();
                };
                let found = dataset.locate(&origin(loc), pointer);
                Region::new(dataset.file(FileId(0)), entry.file_id, found.span)
            }
        }
    }

    /// The lines where a suppression of a finding at `pointer` within the event at `loc` may
    /// stand besides the finding's own (in TOML files only: JSON has no comments).
    pub(crate) fn anchor_lines(
        &mut self,
        files: &[FileEntry],
        loc: &EventLoc,
        pointer: &str,
    ) -> Vec<usize> {
        if files[loc.file as usize].format != FileFormat::Toml {
            return Vec::new();
        }
        match self.whole_file(files, loc.file) {
            Some(dataset) => anchor_lines(dataset, &origin(loc), pointer),
            None => Vec::new(),
        }
    }

    /// The file `file` as a dataset of one file, read once.
    fn whole_file(&mut self, files: &[FileEntry], file: u32) -> Option<&Dataset> {
        let entry = &files[file as usize];
        self.files
            .entry(file)
            .or_insert_with(|| {
                let text: Arc<str> = match &entry.text {
                    Some(t) => Arc::clone(t),
                    None => Arc::from(std::fs::read_to_string(&entry.path).ok()?),
                };
                let file =
                    SourceFile::new(entry.path.clone(), entry.name.clone(), text, entry.format);
                Some(Dataset {
                    files: vec![file],
                    ..Dataset::default()
                })
            })
            .as_ref()
    }
}

/// The event at `loc`, in the dataset of its one file.
fn origin(loc: &EventLoc) -> Origin {
    Origin {
        file: FileId(0),
        pointer: loc.pointer.to_string(),
        line: loc
            .line
            .map(|l| Span::new(l.offset as usize, l.offset as usize + l.len as usize)),
    }
}

/// Reads `len` bytes at `offset` as text.
fn read_range(path: &std::path::Path, offset: u64, len: u32) -> Option<String> {
    let mut f = std::fs::File::open(path).ok()?;
    f.seek(SeekFrom::Start(offset)).ok()?;
    let mut buf = vec![0; len as usize];
    f.read_exact(&mut buf).ok()?;
    Some(String::from_utf8_lossy(&buf).into_owned())
}
