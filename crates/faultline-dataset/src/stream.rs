//! Reading a large JSON Lines file in chunks of whole lines, so that it never has to be held
//! in memory at once.

use std::io::{self, BufRead};

/// A run of whole lines of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineChunk {
    /// The bytes of the lines, each with its line ending.
    pub bytes: Vec<u8>,
    /// The 1-based number of the chunk's first line in the file.
    pub first_line: usize,
    /// The byte offset of the chunk in the file.
    pub offset: u64,
}

/// An iterator over the chunks of a reader: at most `max_lines` lines, and no more lines once
/// `max_bytes` is reached (a single longer line still forms one chunk).
#[derive(Debug)]
pub struct LineChunks<R> {
    reader: R,
    max_lines: usize,
    max_bytes: usize,
    next_line: usize,
    offset: u64,
    done: bool,
}

impl<R: BufRead> LineChunks<R> {
    /// Chunks of `reader`.
    pub fn new(reader: R, max_lines: usize, max_bytes: usize) -> Self {
        Self {
            reader,
            max_lines: max_lines.max(1),
            max_bytes: max_bytes.max(1),
            next_line: 1,
            offset: 0,
            done: false,
        }
    }
}

impl<R: BufRead> Iterator for LineChunks<R> {
    type Item = io::Result<LineChunk>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        // Sized for a whole chunk at once: growing a megabyte line by line copies it over and
        // over, into fresh pages each time.
        let mut bytes = Vec::with_capacity(self.max_bytes.saturating_add(1 << 12).min(8 << 20));
        let mut lines = 0;
        while lines < self.max_lines && bytes.len() < self.max_bytes {
            match self.reader.read_until(b'\n', &mut bytes) {
                Ok(0) => {
                    self.done = true;
                    break;
                }
                Ok(_) => lines += 1,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
        if bytes.is_empty() {
            return None;
        }
        let chunk = LineChunk {
            first_line: self.next_line,
            offset: self.offset,
            bytes,
        };
        self.next_line += lines;
        self.offset += chunk.bytes.len() as u64;
        Some(Ok(chunk))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_are_whole_lines_with_their_positions() {
        let text = b"a\nbb\nccc\n\ndddd";
        let chunks: Vec<LineChunk> = LineChunks::new(&text[..], 2, 1 << 20)
            .map(Result::unwrap)
            .collect();
        assert_eq!(chunks.len(), 3);
        assert_eq!(
            chunks[0],
            LineChunk {
                bytes: b"a\nbb\n".to_vec(),
                first_line: 1,
                offset: 0
            }
        );
        assert_eq!(
            chunks[1],
            LineChunk {
                bytes: b"ccc\n\n".to_vec(),
                first_line: 3,
                offset: 5
            }
        );
        assert_eq!(
            chunks[2],
            LineChunk {
                bytes: b"dddd".to_vec(),
                first_line: 5,
                offset: 10
            }
        );
        let by_bytes: Vec<_> = LineChunks::new(&text[..], 100, 3)
            .map(Result::unwrap)
            .collect();
        assert_eq!(by_bytes[0].bytes, b"a\nbb\n");
        assert!(LineChunks::new(&b""[..], 2, 2).next().is_none());
    }
}
