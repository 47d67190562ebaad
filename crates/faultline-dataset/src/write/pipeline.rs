//! A buffered writer whose system calls run on a second thread once the text outgrows one
//! buffer: making a large output (a lint report of a million findings) and copying it into
//! the file then use two cores, where a plain buffered writer alternates between them.

use std::io::{self, Write};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::{Scope, ScopedJoinHandle};

/// The size of a buffer handed to the writing thread.
const CHUNK: usize = 1 << 20;

/// Buffers handed over and not yet written, at most: bounds the memory to a few chunks
/// whatever the size of the output.
const IN_FLIGHT: usize = 2;

/// Runs `fill` with a writer into `file`, the writes done on a thread of `scope` once more
/// than one buffer has been filled (a small output is written by the calling thread, with no
/// thread started). Returns once every byte is written, with the first error: the file's, or
/// `fill`'s.
pub(super) fn fill_pipelined<'scope, 'env>(
    scope: &'scope Scope<'scope, 'env>,
    file: &'env mut (dyn Write + Send),
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut out = Pipelined {
        scope,
        file: Some(file),
        buf: Vec::with_capacity(CHUNK),
        writer: None,
    };
    let filled = fill(&mut out).and_then(|()| out.flush());
    let written = out.finish();
    // A failed write stops the thread, and `fill` then fails only because it is gone: the
    // file's own error is the one to report.
    written.and(filled)
}

struct Pipelined<'scope, 'env> {
    scope: &'scope Scope<'scope, 'env>,
    /// The file, until the thread takes it.
    file: Option<&'env mut (dyn Write + Send)>,
    buf: Vec<u8>,
    writer: Option<Writer<'scope>>,
}

/// The writing thread, and the channels to it and back (written buffers are reused, so
/// that their pages are not freshly zeroed by the kernel for every chunk).
struct Writer<'scope> {
    to: SyncSender<Vec<u8>>,
    back: Receiver<Vec<u8>>,
    handle: ScopedJoinHandle<'scope, io::Result<()>>,
}

impl Pipelined<'_, '_> {
    /// Hands the full buffer to the thread (started on the first call) and takes an empty
    /// one.
    fn hand_over(&mut self) -> io::Result<()> {
        if self.writer.is_none() {
            let Some(file) = self.file.take() else {
                return Err(stopped());
            };
            let (to, from) = sync_channel::<Vec<u8>>(IN_FLIGHT);
            let (give_back, back) = sync_channel::<Vec<u8>>(IN_FLIGHT + 1);
            let handle = self.scope.spawn(move || {
                for mut chunk in from {
                    file.write_all(&chunk)?;
                    chunk.clear();
                    // The other side may be gone: the buffer is then dropped.
                    let _ = give_back.try_send(chunk);
                }
                file.flush()
            });
            self.writer = Some(Writer { to, back, handle });
        }
        let Some(writer) = &self.writer else {
            return Err(stopped());
        };
        let next = writer
            .back
            .try_recv()
            .unwrap_or_else(|_| Vec::with_capacity(CHUNK));
        let full = std::mem::replace(&mut self.buf, next);
        writer.to.send(full).map_err(|_| stopped())
    }

    /// Writes what is left, stops the thread and returns the first error of the file.
    fn finish(mut self) -> io::Result<()> {
        match self.writer.take() {
            None => match self.file.take() {
                Some(file) => file.write_all(&self.buf).and_then(|()| file.flush()),
                None => Err(stopped()),
            },
            Some(writer) => {
                let rest = std::mem::take(&mut self.buf);
                let sent = if rest.is_empty() {
                    Ok(())
                } else {
                    writer.to.send(rest).map_err(|_| stopped())
                };
                drop(writer.to);
                let written = writer
                    .handle
                    .join()
                    .unwrap_or_else(|_| Err(io::Error::other("the writing thread panicked")));
                written.and(sent)
            }
        }
    }
}

impl Write for Pipelined<'_, '_> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.write_all(data)?;
        Ok(data.len())
    }

    fn write_all(&mut self, mut data: &[u8]) -> io::Result<()> {
        while !data.is_empty() {
            let room = CHUNK.saturating_sub(self.buf.len());
            if room == 0 {
                self.hand_over()?;
                continue;
            }
            let (now, later) = data.split_at(room.min(data.len()));
            self.buf.extend_from_slice(now);
            data = later;
        }
        Ok(())
    }

    /// Nothing to do: the text reaches the file when a buffer is full and at the end
    /// ([`fill_pipelined`] returns only then).
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn stopped() -> io::Error {
    io::Error::new(io::ErrorKind::BrokenPipe, "the file's writer stopped")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file that takes `limit` bytes, then fails.
    struct Failing {
        taken: Vec<u8>,
        limit: usize,
    }

    impl Write for Failing {
        fn write(&mut self, data: &[u8]) -> io::Result<usize> {
            if self.taken.len() + data.len() > self.limit {
                return Err(io::Error::other("disk full"));
            }
            self.taken.extend_from_slice(data);
            Ok(data.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn text(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i % 251) as u8).collect()
    }

    #[test]
    fn every_byte_arrives_in_order_small_or_large() {
        for len in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 5 * CHUNK + 17] {
            let want = text(len);
            let mut file = Vec::new();
            std::thread::scope(|s| {
                fill_pipelined(s, &mut file, |w| {
                    // In pieces of several sizes, as a renderer writes.
                    for piece in want.chunks(7919) {
                        w.write_all(piece)?;
                    }
                    Ok(())
                })
            })
            .unwrap();
            assert_eq!(file, want, "{len} bytes");
        }
    }

    #[test]
    fn the_file_error_is_reported_not_the_stopped_pipe() {
        let mut file = Failing {
            taken: Vec::new(),
            limit: 2 * CHUNK + 5,
        };
        let err = std::thread::scope(|s| {
            fill_pipelined(s, &mut file, |w| w.write_all(&text(10 * CHUNK)))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "disk full");
    }

    #[test]
    fn a_fill_error_is_reported() {
        let mut file = Vec::new();
        let err = std::thread::scope(|s| {
            fill_pipelined(s, &mut file, |w| {
                w.write_all(&text(3 * CHUNK))?;
                Err(io::Error::other("renderer failed"))
            })
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "renderer failed");
    }
}
