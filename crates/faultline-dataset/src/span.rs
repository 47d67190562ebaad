//! Byte ranges and the 1-based line and column they start at.

use std::ops::Range;

/// A byte range in a file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// The first byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Self {
            start,
            end: end.max(start),
        }
    }

    /// An empty span at `offset`.
    pub fn at(offset: usize) -> Self {
        Self::new(offset, offset)
    }

    /// The span moved `by` bytes to the right.
    pub fn shift(self, by: usize) -> Self {
        Self::new(self.start + by, self.end + by)
    }

    /// Its length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether it covers no byte.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// As a `Range`.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Self::new(r.start, r.end)
    }
}

/// A 1-based line and column; the column counts Unicode scalar values (characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters.
    pub column: usize,
}

/// The byte offsets at which each line of a text starts.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`. Lines end at `\n`; a `\r` before it belongs to the line.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Self { starts }
    }

    /// The number of lines.
    pub fn lines(&self) -> usize {
        self.starts.len()
    }

    /// The byte offset where 1-based `line` starts, if the text has that line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?).copied()
    }

    /// The line and column of `offset` in `text` (offsets past the end clamp to the end, and
    /// an offset inside a multi-byte character counts as that character).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.starts[line - 1];
        Position {
            line,
            column: 1 + chars_starting_in(text, start, offset),
        }
    }

    /// The positions of `offsets`, which must be in ascending order, as [`position`] gives
    /// them, counting the characters of the text once: each offset counts on from the one
    /// before it when both are on the same line.
    ///
    /// [`position`]: LineIndex::position
    pub fn positions(&self, text: &str, offsets: &[usize]) -> Vec<Position> {
        let mut out = Vec::with_capacity(offsets.len());
        let mut last: Option<(usize, Position)> = None;
        for &offset in offsets {
            let offset = offset.min(text.len());
            let line = self.line_of(offset);
            let position = match last {
                Some((from, p)) if p.line == line && from <= offset => Position {
                    line,
                    column: p.column + chars_starting_in(text, from, offset),
                },
                _ => Position {
                    line,
                    column: 1 + chars_starting_in(text, self.starts[line - 1], offset),
                },
            };
            out.push(position);
            last = Some((offset, position));
        }
        out
    }

    /// The 1-based line that holds `offset` (offsets past the end: the last line).
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|s| *s <= offset).max(1)
    }

    /// The byte offset of a 1-based line and a 1-based column counted in bytes (as
    /// `serde_json` reports them), clamped to the text.
    pub fn offset_of_byte_column(&self, text: &str, line: usize, column: usize) -> usize {
        let start = self.line_start(line.max(1)).unwrap_or(text.len());
        (start + column.saturating_sub(1)).min(text.len())
    }
}

/// How many characters start in `text[from..to]` (a character cut by `to` counts).
fn chars_starting_in(text: &str, from: usize, to: usize) -> usize {
    text.as_bytes()
        .get(from..to)
        .map_or(0, |b| b.iter().filter(|&&b| (b as i8) >= -0x40).count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let text = "a = 1\nname = \"Սև լիճ\" # x\r\nlast";
        let idx = LineIndex::new(text);
        assert_eq!(idx.lines(), 3);
        assert_eq!(idx.position(text, 0), Position { line: 1, column: 1 });
        let hash = text.find('#').unwrap();
        assert_eq!(
            idx.position(text, hash),
            Position {
                line: 2,
                column: 17
            }
        );
        assert_eq!(
            idx.position(text, text.len()),
            Position { line: 3, column: 5 }
        );
        assert_eq!(idx.position(text, 10_000), Position { line: 3, column: 5 });
        assert_eq!(idx.position("", 0), Position { line: 1, column: 1 });
        let mut offsets: Vec<usize> = (0..=text.len() + 2).collect();
        offsets.extend([3, 4, 30, 31]);
        offsets.sort_unstable();
        let one_by_one: Vec<Position> = offsets.iter().map(|&o| idx.position(text, o)).collect();
        assert_eq!(idx.positions(text, &offsets), one_by_one);
    }
}
