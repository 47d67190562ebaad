//! Making a finding, the same way in both phases: a rule starts one with its context's
//! `report`, adds help, related locations and a fix, and records it with [`Finding::emit`].
//!
//! A finding is recorded unlocated: it names the record and the JSON pointer of the value it
//! points at, and the engine locates every finding of a pass at once (`locate.rs`), reading
//! each record's text once however many findings it has.

use std::hash::Hash;

use rustc_hash::FxHashMap as HashMap;

use faultline_dataset::{FileId, Span};

use crate::diagnostic::{Region, Severity};
use crate::found::Text;
use crate::rule::RuleMeta;

/// Where a finding, or one of its related locations, points, before it is located.
#[derive(Debug, Clone)]
pub(crate) enum Loc {
    /// The value at a JSON pointer within a record (both interned by the [`Collector`]), or
    /// its key.
    Value {
        record: u32,
        pointer: u32,
        on_key: bool,
    },
    /// A byte range of a file of the dataset being linted.
    Span { file: FileId, span: Span },
    /// A path with no text to point into (line 1, column 1).
    Path(Box<str>),
    /// A region already known (where a suppression comment stands).
    Region(Box<Region>),
}

/// A finding as a rule made it, not located yet.
#[derive(Debug)]
pub(crate) struct Pending {
    pub(crate) meta: &'static RuleMeta,
    pub(crate) severity: Severity,
    pub(crate) at: Loc,
    pub(crate) message: String,
    pub(crate) help: Option<Text>,
    pub(crate) related: Vec<(Loc, Text)>,
    /// A safe fix: its title, and the text that replaces what `at` points at.
    pub(crate) fix: Option<Box<(Text, String)>>,
}

/// The findings of one pass, with the records and pointers they name, each kept once: `K`
/// says how the pass names a record.
#[derive(Debug)]
pub(crate) struct Collector<K> {
    pub(crate) records: Vec<K>,
    record_index: HashMap<K, u32>,
    pub(crate) pointers: Vec<Box<str>>,
    pointer_index: HashMap<Box<str>, u32>,
    pub(crate) found: Vec<Pending>,
}

impl<K> Default for Collector<K> {
    fn default() -> Self {
        Self {
            records: Vec::new(),
            record_index: HashMap::default(),
            pointers: Vec::new(),
            pointer_index: HashMap::default(),
            found: Vec::new(),
        }
    }
}

impl<K: Clone + Eq + Hash> Collector<K> {
    /// The value at `pointer` within `record`.
    pub(crate) fn value(&mut self, record: &K, pointer: &str) -> Loc {
        Loc::Value {
            record: self.record(record),
            pointer: self.pointer(pointer),
            on_key: false,
        }
    }

    /// The number of `record`, given on first sight.
    fn record(&mut self, record: &K) -> u32 {
        match self.record_index.get(record) {
            Some(&i) => i,
            None => {
                let i = u32::try_from(self.records.len()).unwrap_or(u32::MAX);
                self.records.push(record.clone());
                self.record_index.insert(record.clone(), i);
                i
            }
        }
    }

    /// The number of `pointer`, given on first sight.
    fn pointer(&mut self, pointer: &str) -> u32 {
        match self.pointer_index.get(pointer) {
            Some(&i) => i,
            None => {
                let i = u32::try_from(self.pointers.len()).unwrap_or(u32::MAX);
                self.pointers.push(pointer.into());
                self.pointer_index.insert(pointer.into(), i);
                i
            }
        }
    }

    /// Numbers the records and pointers of `other` as this collector does, and returns its
    /// findings so renumbered (not yet added).
    fn adopt(&mut self, other: Collector<K>) -> Vec<Pending> {
        let records: Vec<u32> = other.records.iter().map(|r| self.record(r)).collect();
        let pointers: Vec<u32> = other.pointers.iter().map(|p| self.pointer(p)).collect();
        let renumber = |loc: &mut Loc| {
            if let Loc::Value {
                record, pointer, ..
            } = loc
            {
                *record = records[*record as usize];
                *pointer = pointers[*pointer as usize];
            }
        };
        let mut found = other.found;
        for f in &mut found {
            renumber(&mut f.at);
            for (loc, _) in &mut f.related {
                renumber(loc);
            }
        }
        found
    }

    /// The findings of `parts`, in order, in one collector: the same findings as if all had
    /// been reported into one, but the largest part keeps its numbering and only the others are
    /// renumbered into it (the finish phase's parts are one rule each, and one rule often
    /// has almost every finding).
    pub(crate) fn join(mut parts: Vec<Collector<K>>) -> Collector<K> {
        let Some(largest) = (0..parts.len()).max_by_key(|&i| parts[i].found.len()) else {
            return Collector::default();
        };
        let mut joined = std::mem::take(&mut parts[largest]);
        let mut before = Vec::new();
        let mut after = Vec::new();
        for (i, part) in parts.into_iter().enumerate() {
            if i != largest {
                let found = joined.adopt(part);
                if i < largest {
                    before.extend(found);
                } else {
                    after.extend(found);
                }
            }
        }
        if !before.is_empty() {
            before.append(&mut joined.found);
            joined.found = before;
        }
        joined.found.extend(after);
        joined
    }
}

/// What a finding needs from the context a rule runs in (the record phase's
/// [`Context`](crate::context::Context), the finish phase's
/// [`FinishCx`](crate::engine::FinishCx)): a way to name a value of a record, and a place to
/// record findings.
pub(crate) trait Reporter {
    /// How a rule names a record in this context.
    type At<'o>;

    /// The value at `pointer` within the record `at` (or, when the value is absent, the
    /// table it belongs in).
    fn value(&mut self, at: Self::At<'_>, pointer: &str) -> Loc;

    /// The rule reporting, and its severity in this run.
    fn rule(&self) -> (&'static RuleMeta, Severity);

    /// Records a finding.
    fn record(&mut self, finding: Pending);
}

/// A finding being built; [`Finding::emit`] records it.
#[must_use = "a finding is recorded only by `.emit()`"]
pub(crate) struct Finding<'c, C: Reporter> {
    pub(crate) cx: &'c mut C,
    pub(crate) pending: Pending,
    /// Whether the finding is held back (it may be a consequence of what the lenient pass
    /// dropped from its record): `emit` then records nothing.
    pub(crate) held_back: bool,
}

impl<'c, C: Reporter> Finding<'c, C> {
    /// Starts a finding at `at`.
    pub(crate) fn new(cx: &'c mut C, at: Loc, message: String) -> Self {
        let (meta, severity) = cx.rule();
        Self {
            cx,
            pending: Pending {
                meta,
                severity,
                at,
                message,
                help: None,
                related: Vec::new(),
                fix: None,
            },
            held_back: false,
        }
    }

    /// Holds the finding back when `yes` (see [`Finding::held_back`]).
    pub(crate) fn hold_back(mut self, yes: bool) -> Self {
        self.held_back |= yes;
        self
    }

    /// Adds help: how to fix the finding.
    pub(crate) fn help(mut self, help: impl Into<Text>) -> Self {
        self.pending.help = Some(help.into());
        self
    }

    /// Adds a related location: the value at `pointer` in the record `at`.
    pub(crate) fn related(
        mut self,
        at: C::At<'_>,
        pointer: &str,
        message: impl Into<Text>,
    ) -> Self {
        let loc = self.cx.value(at, pointer);
        self.pending.related.push((loc, message.into()));
        self
    }

    /// Offers a safe fix: replace the reported span with `replacement`.
    pub(crate) fn fix_replace(mut self, title: impl Into<Text>, replacement: String) -> Self {
        self.pending.fix = Some(Box::new((title.into(), replacement)));
        self
    }

    /// Records the finding.
    pub(crate) fn emit(self) {
        if self.held_back {
            return;
        }
        self.cx.record(self.pending);
    }
}
