//! Large files written around the page cache: a lint report of a million findings is a
//! gigabyte, which the kernel would otherwise copy into its cache (the largest single cost of
//! writing it) and then flush to the disk when the file is synced before its rename. Written
//! with `O_DIRECT`, the pieces go from our memory to the disk (copied first into an aligned
//! buffer when their memory is not aligned: a plain copy in our process, far cheaper than the
//! kernel's path through its cache), and the sync has almost nothing left to do. Where the file system refuses direct writes, or a piece does not fit their
//! alignment, the writer falls back to ordinary writes: the bytes are the same either way.

use std::fs::File;
use std::io::{self, Seek, SeekFrom, Write};

/// The alignment of memory, file offsets and lengths a direct write is given: the logical
/// block size of common file systems and disks. A file system that needs more refuses the
/// first direct write, and the writer goes on through the page cache.
const ALIGN: usize = 4096;

/// Pieces smaller than this go through the page cache: only large outputs gain.
const MIN: usize = 256 << 10;

/// A writer into a new file that writes large aligned pieces directly to the disk.
pub(super) struct Direct<'a> {
    file: &'a mut File,
    state: State,
    /// Bytes written so far: where the next piece starts.
    written: u64,
    /// An aligned copy of a piece whose memory is not aligned.
    bounce: Vec<u8>,
}

/// Where the writer stands with direct writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// No direct write tried yet.
    Untried,
    /// The file is open for direct writes.
    On,
    /// Direct writes are done with, or refused: the page cache from here on.
    Off,
}

impl<'a> Direct<'a> {
    /// A writer at the start of the empty file `file`.
    pub(super) fn new(file: &'a mut File) -> Self {
        Self {
            file,
            state: State::Untried,
            written: 0,
            bounce: Vec::new(),
        }
    }

    /// Whether `data` may be written directly at the current offset.
    fn fits(&self, data: &[u8]) -> bool {
        self.state != State::Off
            && data.len() >= MIN
            && data.len().is_multiple_of(ALIGN)
            && self.written.is_multiple_of(ALIGN as u64)
    }

    /// Writes `data` with the file open for direct writes, from aligned memory.
    fn write_direct(&mut self, data: &[u8]) -> io::Result<()> {
        if data.as_ptr().align_offset(ALIGN) == 0 {
            return self.file.write_all(data);
        }
        if self.bounce.len() < data.len() + ALIGN {
            self.bounce = vec![0; data.len() + ALIGN];
        }
        let start = self.bounce.as_ptr().align_offset(ALIGN);
        let aligned = &mut self.bounce[start..start + data.len()];
        aligned.copy_from_slice(data);
        self.file.write_all(aligned)
    }

    /// Stops direct writes for good.
    fn off(&mut self) -> io::Result<()> {
        if self.state == State::On {
            set_direct(self.file, false)?;
        }
        self.state = State::Off;
        Ok(())
    }
}

impl Write for Direct<'_> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.write_all(data)?;
        Ok(data.len())
    }

    fn write_all(&mut self, data: &[u8]) -> io::Result<()> {
        if self.fits(data) {
            if self.state == State::Untried {
                self.state = match set_direct(self.file, true) {
                    Ok(()) => State::On,
                    Err(_) => State::Off,
                };
            }
            if self.state == State::On {
                match self.write_direct(data) {
                    Ok(()) => {
                        self.written += data.len() as u64;
                        return Ok(());
                    }
                    // The file system wants another alignment (a part of the piece may be
                    // written): the whole piece again, through the page cache.
                    Err(e) if e.kind() == io::ErrorKind::InvalidInput => {
                        self.off()?;
                        self.file.seek(SeekFrom::Start(self.written))?;
                    }
                    Err(e) => return Err(e),
                }
            }
        } else {
            self.off()?;
        }
        self.file.write_all(data)?;
        self.written += data.len() as u64;
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// Opens `file` for direct writes, or back for ordinary ones.
#[cfg(target_os = "linux")]
fn set_direct(file: &File, on: bool) -> io::Result<()> {
    use rustix::fs::{OFlags, fcntl_getfl, fcntl_setfl};
    let mut flags = fcntl_getfl(file)?;
    flags.set(OFlags::DIRECT, on);
    Ok(fcntl_setfl(file, flags)?)
}

/// Direct writes are only tried on Linux.
#[cfg(not(target_os = "linux"))]
fn set_direct(_file: &File, on: bool) -> io::Result<()> {
    if on {
        Err(io::Error::from(io::ErrorKind::Unsupported))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn text(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i % 251) as u8).collect()
    }

    /// Writes `pieces` of `text` through [`Direct`] into a new file in a folder on disk, and
    /// reads the file back.
    fn round_trip(want: &[u8], pieces: &[usize], offset: usize) -> (Vec<u8>, State) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out");
        let mut file = File::create(&path).unwrap();
        // The same bytes at `offset` in memory, to try aligned and unaligned pieces.
        let mut memory = vec![0; offset];
        memory.extend_from_slice(want);
        let state = {
            let mut direct = Direct::new(&mut file);
            let mut at = offset;
            for &len in pieces {
                direct.write_all(&memory[at..at + len]).unwrap();
                at += len;
            }
            direct.write_all(&memory[at..]).unwrap();
            direct.flush().unwrap();
            direct.state
        };
        file.sync_all().unwrap();
        let mut got = Vec::new();
        File::open(&path).unwrap().read_to_end(&mut got).unwrap();
        (got, state)
    }

    #[test]
    fn every_byte_arrives_whatever_the_pieces_and_their_memory() {
        let chunk = 1 << 20;
        for (pieces, offset) in [
            (vec![], 0),
            (vec![chunk], 0),
            (vec![chunk, chunk], 1),
            (vec![chunk, 17, chunk], 0),
            (vec![MIN, MIN + ALIGN], 3),
            (vec![5], 0),
        ] {
            let len = pieces.iter().sum::<usize>() + 1234;
            let want = text(len);
            let (got, _) = round_trip(&want, &pieces, offset);
            assert_eq!(got.len(), want.len(), "{pieces:?} at {offset}");
            assert!(got == want, "{pieces:?} at {offset}: different bytes");
        }
    }

    #[test]
    fn the_last_piece_goes_through_the_page_cache() {
        let (_, state) = round_trip(&text((1 << 20) + 7), &[1 << 20], 0);
        assert_eq!(state, State::Off);
    }

    /// Where the temporary folder's file system takes direct writes, whole aligned pieces
    /// are written directly (elsewhere the writer falls back, as the other tests check).
    #[test]
    fn whole_pieces_are_written_directly_where_the_file_system_allows() {
        let dir = tempfile::tempdir().unwrap();
        let probe = File::create(dir.path().join("probe")).unwrap();
        let allowed = set_direct(&probe, true).is_ok();
        let mut file = File::create(dir.path().join("out")).unwrap();
        let mut direct = Direct::new(&mut file);
        direct.write_all(&text(1 << 20)).unwrap();
        let expected = if allowed { State::On } else { State::Off };
        assert_eq!(direct.state, expected, "direct writes allowed: {allowed}");
    }

    #[test]
    fn small_pieces_are_never_written_directly() {
        let direct_tried = |pieces: &[usize]| {
            let dir = tempfile::tempdir().unwrap();
            let mut file = File::create(dir.path().join("out")).unwrap();
            let mut direct = Direct::new(&mut file);
            for &len in pieces {
                direct.write_all(&text(len)).unwrap();
            }
            direct.state
        };
        assert_eq!(direct_tried(&[ALIGN, ALIGN]), State::Off);
        assert_eq!(direct_tried(&[]), State::Untried);
    }
}
