//! Batch results merged in the batches' order, whatever order the threads finish them in.
//!
//! A result waits until those before it are merged. The thread that merges is whichever holds
//! the merge when results are ready; the others go on linting. When too many results wait —
//! the next one in order is slow (a large file), or a merge is (it writes findings to a
//! temporary file) — a thread that has just put its result waits until the merge moves on
//! instead of linting more, so the results held stay bounded by [`BACKLOG`] per thread.
//!
//! This cannot deadlock as long as each thread runs one loop of its own (take a batch, lint
//! it, put the result): a thread waits only after putting its result, so the result the
//! merge needs next is always in the hands of a thread that is still linting it.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};

use super::{BatchOut, RunParts};

/// Results waiting to be merged, per thread, past which a thread waits for the merge.
const BACKLOG: usize = 8;

/// The results not merged yet: the number of the next to merge, and those done.
#[derive(Default)]
struct Waiting {
    next: usize,
    done: BTreeMap<usize, BatchOut>,
}

impl Waiting {
    fn ready(&self) -> bool {
        self.done.contains_key(&self.next)
    }
}

/// Results merged in order; shared by the threads of a run.
pub(super) struct Ordered {
    waiting: Mutex<Waiting>,
    /// Signalled when a result is put or the merge moves on.
    moved: Condvar,
    merged: Mutex<RunParts>,
    /// How many results may wait before a thread waits for the merge.
    backlog: usize,
    /// A thread panicked while linting: its result will never come, so no one waits.
    abandoned: AtomicBool,
}

impl Ordered {
    /// Merges into `run`, for a run on `threads` threads.
    pub(super) fn new(run: RunParts, threads: usize) -> Self {
        Self {
            waiting: Mutex::new(Waiting::default()),
            moved: Condvar::new(),
            merged: Mutex::new(run),
            backlog: BACKLOG * threads.max(1),
            abandoned: AtomicBool::new(false),
        }
    }

    /// Stops every wait for the merge: a thread panicked and its result will never come (the
    /// panic then ends the run).
    pub(super) fn abandon(&self) {
        self.abandoned.store(true, Ordering::SeqCst);
        // Taken so that no thread is between its check and its wait.
        drop(self.waiting());
        self.moved.notify_all();
    }

    fn waiting(&self) -> Option<MutexGuard<'_, Waiting>> {
        // A poisoned lock means another thread panicked: the run is being abandoned.
        self.waiting.lock().ok()
    }

    /// The next result in order, if it is done.
    fn take_next(&self) -> Option<BatchOut> {
        let mut waiting = self.waiting()?;
        let next = waiting.next;
        let out = waiting.done.remove(&next)?;
        waiting.next += 1;
        self.moved.notify_all();
        Some(out)
    }

    /// Adds the result of batch `seq` and merges what is ready, unless another thread is
    /// merging (it will find this result too). Past the backlog, waits until the merge can
    /// move on, and merges then.
    pub(super) fn put(&self, seq: usize, out: BatchOut) {
        let Some(mut waiting) = self.waiting() else {
            return;
        };
        waiting.done.insert(seq, out);
        self.moved.notify_all();
        let over = waiting.done.len() > self.backlog;
        if over {
            while waiting.done.len() > self.backlog
                && !waiting.ready()
                && !self.abandoned.load(Ordering::SeqCst)
            {
                waiting = match self.moved.wait(waiting) {
                    Ok(w) => w,
                    Err(_) => return,
                };
            }
        }
        drop(waiting);
        self.merge_ready(over);
    }

    /// Merges the results ready, in order; with `wait`, waits for the merge if another
    /// thread holds it, else leaves it to that thread.
    fn merge_ready(&self, wait: bool) {
        loop {
            let lock = if wait {
                self.merged.lock().map_err(drop)
            } else {
                self.merged.try_lock().map_err(drop)
            };
            let Ok(mut run) = lock else {
                return;
            };
            while let Some(out) = self.take_next() {
                run.add(out);
            }
            drop(run);
            // A result put while the merge was being let go: merge it now.
            if !self.waiting().is_some_and(|w| w.ready()) {
                return;
            }
        }
    }

    /// Every result merged, once all are put.
    pub(super) fn finish(self) -> RunParts {
        let Self {
            waiting, merged, ..
        } = self;
        let mut run = merged.into_inner().unwrap_or_else(|e| e.into_inner());
        let waiting = waiting.into_inner().unwrap_or_else(|e| e.into_inner());
        for out in waiting.done.into_values() {
            run.add(out);
        }
        run
    }
}
