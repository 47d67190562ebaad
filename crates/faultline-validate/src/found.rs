//! A finding once located, in the compact form the engine keeps and sorts: the rule, the
//! severity, the message, and places that name their file by an index into a [`FileTable`]
//! (not by a copy of its name and path). [`Located::diagnostic`] makes the public
//! [`Diagnostic`] when the finding is handed out.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap as HashMap;

use faultline_dataset::{FileId, Span};

use crate::diagnostic::{Diagnostic, Edit, Fix, Region, Related, Severity};
use crate::rule::RuleMeta;

/// A text of a finding: a help, a related location's note, a fix's title. Most are written
/// once in the rule's source and are never copied.
pub(crate) type Text = Cow<'static, str>;

/// A file findings point into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FileInfo {
    /// The name shown (relative path with `/`).
    pub(crate) name: String,
    /// The path, to read the file again.
    pub(crate) path: PathBuf,
    /// The file's id in the dataset that was linted, while that dataset is in memory.
    pub(crate) file_id: Option<FileId>,
}

/// The files that findings point into, each once.
#[derive(Debug, Default, Clone)]
pub(crate) struct FileTable {
    files: Vec<FileInfo>,
    by_path: HashMap<PathBuf, u32>,
}

impl FileTable {
    /// The index of the file at `path`, added on first sight.
    pub(crate) fn add(&mut self, name: &str, path: &Path, file_id: Option<FileId>) -> u32 {
        if let Some(&i) = self.by_path.get(path) {
            return i;
        }
        let i = u32::try_from(self.files.len()).unwrap_or(u32::MAX);
        self.files.push(FileInfo {
            name: name.to_owned(),
            path: path.to_path_buf(),
            file_id,
        });
        self.by_path.insert(path.to_path_buf(), i);
        i
    }

    /// The file at index `i`.
    pub(crate) fn get(&self, i: u32) -> &FileInfo {
        &self.files[i as usize]
    }

    /// Forgets the dataset id of file `i` (its dataset is gone).
    pub(crate) fn forget_id(&mut self, i: u32) {
        self.files[i as usize].file_id = None;
    }

    /// Every file, by index.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &FileInfo> {
        self.files.iter()
    }

    /// How many files there are.
    pub(crate) fn len(&self) -> usize {
        self.files.len()
    }
}

/// A place in a file: a byte range, its 1-based start and end line, and columns counted in
/// characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Spot {
    /// The file, in the [`FileTable`] of whoever holds the spot.
    pub(crate) file: u32,
    pub(crate) span: Span,
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) end_line: usize,
    pub(crate) end_column: usize,
}

impl Spot {
    /// Column 1 of line `line` of a file there is no text to point into.
    pub(crate) fn at_line(file: u32, line: usize) -> Self {
        Self {
            file,
            span: Span::default(),
            line,
            column: 1,
            end_line: line,
            end_column: 1,
        }
    }

    /// Moves the spot from a piece of a file (a run of lines of a JSON Lines file) that starts
    /// `bytes` bytes and `lines` lines into the whole file, onto the whole file.
    pub(crate) fn shift(&mut self, bytes: usize, lines: usize) {
        self.span = self.span.shift(bytes);
        self.line += lines;
        self.end_line += lines;
    }

    /// The public region of the spot.
    pub(crate) fn region(&self, files: &FileTable) -> Region {
        let f = files.get(self.file);
        Region {
            file: f.name.clone(),
            file_id: f.file_id,
            path: f.path.clone(),
            span: self.span,
            line: self.line,
            column: self.column,
            end_line: self.end_line,
            end_column: self.end_column,
        }
    }
}

/// A finding, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Located {
    pub(crate) meta: &'static RuleMeta,
    pub(crate) severity: Severity,
    pub(crate) at: Spot,
    pub(crate) message: String,
    pub(crate) help: Option<Text>,
    pub(crate) related: Vec<(Spot, Text)>,
    /// A safe fix: its title, and the text that replaces the finding's span.
    pub(crate) fix: Option<Box<(Text, String)>>,
    /// The lines where a suppression of the finding may stand: its own, and those of the
    /// tables that enclose the value (TOML only). Emptied once suppressions are applied.
    pub(crate) anchors: Vec<usize>,
}

impl Located {
    /// Moves every spot of the finding in `file` as [`Spot::shift`] does.
    pub(crate) fn shift_file(&mut self, file: u32, bytes: usize, lines: usize) {
        if self.at.file == file {
            self.at.shift(bytes, lines);
        }
        for (spot, _) in &mut self.related {
            if spot.file == file {
                spot.shift(bytes, lines);
            }
        }
    }

    /// Points every spot into another table: `map[i]` is the new index of file `i`.
    pub(crate) fn remap(&mut self, map: &[u32]) {
        self.at.file = map[self.at.file as usize];
        for (spot, _) in &mut self.related {
            spot.file = map[spot.file as usize];
        }
    }

    /// About how many bytes the finding holds, for memory accounting.
    pub(crate) fn weight(&self) -> usize {
        let text = |t: &Text| match t {
            Cow::Borrowed(_) => 0,
            Cow::Owned(s) => s.capacity(),
        };
        std::mem::size_of::<Self>()
            + self.message.capacity()
            + self.help.as_ref().map_or(0, text)
            + self
                .related
                .iter()
                .map(|(_, t)| std::mem::size_of::<(Spot, Text)>() + text(t))
                .sum::<usize>()
            + self
                .fix
                .as_ref()
                .map_or(0, |f| 64 + text(&f.0) + f.1.capacity())
            + self.anchors.capacity() * std::mem::size_of::<usize>()
    }

    /// The public diagnostic, the finding's texts moved into it.
    pub(crate) fn into_diagnostic(self, files: &FileTable) -> Diagnostic {
        let region = self.at.region(files);
        let fix = self.fix.map(|f| {
            let (title, replacement) = *f;
            Fix {
                title: title.into_owned(),
                edits: vec![Edit {
                    path: region.path.clone(),
                    file_id: region.file_id,
                    span: region.span,
                    replacement,
                }],
            }
        });
        Diagnostic {
            rule: self.meta.name,
            severity: self.severity,
            message: self.message,
            region,
            help: self.help.map(Cow::into_owned),
            related: self
                .related
                .into_iter()
                .map(|(spot, message)| Related {
                    region: spot.region(files),
                    message: message.into_owned(),
                })
                .collect(),
            fix,
        }
    }
}
