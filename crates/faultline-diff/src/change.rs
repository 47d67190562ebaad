//! The typed change set: what [`compare`](crate::compare) found, in the dataset's own terms.
//!
//! Every type here serializes to the JSON shape documented in `docs/diff.md`; that shape is a
//! contract (`version` changes when a field is removed or changes meaning, never when one is
//! added).

use serde::Serialize;
use serde_json::Value;

/// The version of the JSON shape.
pub const FORMAT_VERSION: u32 = 1;

/// Everything that changed between two versions of a dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeSet {
    /// The version of this shape ([`FORMAT_VERSION`]).
    pub version: u32,
    /// The old side.
    pub old: SideInfo,
    /// The new side.
    pub new: SideInfo,
    /// How many of each kind of change.
    pub summary: Summary,
    /// Events added, removed, renamed or changed, by id.
    pub events: Vec<EventChange>,
    /// Sources added, removed, renamed or changed, by id.
    pub sources: Vec<RecordChange>,
    /// Places of the gazetteer added, removed, renamed or changed, by id.
    pub places: Vec<RecordChange>,
    /// Actors added, removed, renamed or changed, by id.
    pub actors: Vec<RecordChange>,
    /// The dataset totals per party and category that moved, and the events that moved them.
    pub totals: Vec<TotalChange>,
    /// Files and records that could not be loaded on either side, and so were not compared.
    pub invalid: Vec<InvalidRecord>,
}

impl ChangeSet {
    /// Whether the two sides differ: any record change, or a record that does not load on one
    /// side only.
    pub fn has_differences(&self) -> bool {
        !(self.events.is_empty()
            && self.sources.is_empty()
            && self.places.is_empty()
            && self.actors.is_empty()
            && self.invalid.iter().all(|i| i.side == Which::Both))
    }
}

/// One side of the comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SideInfo {
    /// What the user called it: a directory, or a git revision as given.
    pub label: String,
    /// The commit it was read from, for a git revision.
    pub commit: Option<String>,
    /// How many events loaded.
    pub events: usize,
    /// How many sources loaded.
    pub sources: usize,
    /// How many places loaded.
    pub places: usize,
    /// How many actors loaded.
    pub actors: usize,
    /// How many files or records could not be loaded.
    pub invalid: usize,
}

/// Counts of every kind of change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Events.
    pub events: RecordCounts,
    /// Claims of events present on both sides (the claims of added and removed events come and
    /// go with their event).
    pub claims: ClaimCounts,
    /// Casualty figures of events present on both sides.
    pub figures: FigureCounts,
    /// Sources.
    pub sources: RecordCounts,
    /// Places.
    pub places: RecordCounts,
    /// Actors.
    pub actors: RecordCounts,
    /// Records that could not be loaded, per side.
    pub invalid: InvalidCounts,
}

/// How many records were added, removed, renamed and changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RecordCounts {
    /// Only on the new side.
    pub added: usize,
    /// Only on the old side.
    pub removed: usize,
    /// Matched under a new id (with or without other changes).
    pub renamed: usize,
    /// Same id, different content.
    pub changed: usize,
}

/// How many claims were added, withdrawn and changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ClaimCounts {
    /// New claims.
    pub added: usize,
    /// Claims no longer in the record.
    pub withdrawn: usize,
    /// Claims kept with a change (a quote, a source, whom it is against).
    pub changed: usize,
}

/// How many casualty figures were added, withdrawn, revised and otherwise changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct FigureCounts {
    /// New figures.
    pub added: usize,
    /// Figures no longer in the record.
    pub withdrawn: usize,
    /// Figures whose number changed.
    pub revised: usize,
    /// Figures whose number stayed but something else changed (quote, claimant, source...).
    pub changed: usize,
}

/// How many files or records could not be loaded on each side.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct InvalidCounts {
    /// On the old side.
    pub old: usize,
    /// On the new side.
    pub new: usize,
}

/// What happened to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Only on the new side.
    Added,
    /// Only on the old side.
    Removed,
    /// Matched under a new id; `fields` lists any other change.
    Renamed,
    /// Same id, different content.
    Changed,
}

impl Status {
    /// The status as written in the JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Added => "added",
            Self::Removed => "removed",
            Self::Renamed => "renamed",
            Self::Changed => "changed",
        }
    }
}

/// One event that was added, removed, renamed or changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventChange {
    /// What happened to it.
    pub change: Status,
    /// Its id: the new id, or the old one for a removed event.
    pub id: String,
    /// The id it had before, for a renamed event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_id: Option<String>,
    /// Its title (the new one, or the old one for a removed event).
    pub title: String,
    /// Field-by-field changes other than claims and figures (for a changed or renamed event).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
    /// Claims added, withdrawn or changed (for a changed or renamed event).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<ClaimChange>,
    /// Casualty figures added, withdrawn, revised or changed (for a changed or renamed event).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<FigureChange>,
    /// The whole record, for an added or removed event (as the model serializes it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<Value>,
    /// For an added or removed event: another event on the same side has its id (the
    /// linter's `duplicate-id`). Only one of them pairs by id; this one is the copy left over.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub duplicate_id: bool,
}

/// One source, place or actor that was added, removed, renamed or changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordChange {
    /// What happened to it.
    pub change: Status,
    /// Its id: the new id, or the old one for a removed record.
    pub id: String,
    /// The id it had before, for a renamed record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_id: Option<String>,
    /// Its name (a place's or actor's `name`, a source's `title`), when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Field-by-field changes (for a changed or renamed record).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
    /// The whole record, for an added or removed one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<Value>,
    /// For an added or removed record: another record of its kind on the same side has its
    /// id (the linter's `duplicate-id`); only one of them pairs by id.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub duplicate_id: bool,
}

/// A change to one field of a record, found by comparing the records' JSON values.
///
/// `field` is a path: keys joined by `.`, and an element of an array of tables named by its
/// identifying key in brackets (`places[sev-lake].role`, `names[Kafan].note`,
/// `cites[OC Media].as_reported`). A value that changed has `old` and `new`; a field that
/// appeared has only `new`, one that disappeared only `old`. Arrays are compared as sets
/// (a reordered array is not a change): elements that came and went are listed in `added`
/// and `removed`. The `date` field's `old` and `new` hold `start`, `end`, `precision`, `time`
/// and `time_end` together; its other keys (`as_reported`, `note`) are fields of their own.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// The path of the field.
    pub field: String,
    /// The value before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<Value>,
    /// The value after.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<Value>,
    /// Elements added to an array.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<Value>,
    /// Elements removed from an array.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<Value>,
}

/// What happened to a claim or a figure within an event present on both sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemStatus {
    /// New in the record.
    Added,
    /// No longer in the record.
    Withdrawn,
    /// A figure whose number changed (a count, a range, a best estimate or its qualifier).
    Revised,
    /// Kept, with another change.
    Changed,
}

impl ItemStatus {
    /// The status as written in the JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Added => "added",
            Self::Withdrawn => "withdrawn",
            Self::Revised => "revised",
            Self::Changed => "changed",
        }
    }
}

/// A claim added, withdrawn or changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimChange {
    /// What happened to it.
    pub change: ItemStatus,
    /// Who makes the claim (after the change; before it, for a withdrawn claim).
    pub claimant: String,
    /// What kind of claim.
    pub kind: String,
    /// The claim before (absent for an added claim).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<Value>,
    /// The claim after (absent for a withdrawn claim).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<Value>,
    /// What changed, for a changed claim.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
}

/// A casualty figure added, withdrawn, revised or changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureChange {
    /// What happened to it.
    pub change: ItemStatus,
    /// The party the figure concerns.
    pub party: String,
    /// Its category (killed, wounded, captured, missing, unspecified).
    pub category: String,
    /// The figure before (absent for an added figure).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<FigureValue>,
    /// The figure after (absent for a withdrawn figure).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<FigureValue>,
    /// Whether the claimant changed (a figure kept, revised or reattributed).
    pub claimant_changed: bool,
    /// Whether the source changed.
    pub source_changed: bool,
    /// The casualty entry before, as the model serializes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<Value>,
    /// The casualty entry after.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<Value>,
    /// What changed, for a revised or changed figure.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
}

/// A figure as written and as derived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FigureValue {
    /// As a reader says it: `7`, `5–10`, `5–10 (best 7)`, `at least 2`, `over 6000`.
    pub text: String,
    /// The derived low end (absent when the figure is not valid).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub low: Option<u64>,
    /// The derived best estimate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub best: Option<u64>,
    /// The derived high end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub high: Option<u64>,
    /// The claimant, when one is named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claimant: Option<String>,
    /// The source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Low, best and high: a derived figure or a sum of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Range {
    /// The low end.
    pub low: u64,
    /// The best estimate.
    pub best: u64,
    /// The high end.
    pub high: u64,
}

/// A dataset total that moved: for one party and category, the sum over events of the
/// derived low / best / high ([`faultline_model::figures::summarize`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TotalChange {
    /// The party.
    pub party: String,
    /// The category.
    pub category: String,
    /// The total before.
    pub old: Range,
    /// The total after.
    pub new: Range,
    /// The events whose derived figure for this party and category changed.
    pub events: Vec<TotalReason>,
}

/// An event that moved a total, with its own derived figure before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TotalReason {
    /// The event's id (the new id for a renamed event).
    pub event: String,
    /// What happened to the event: `added`, `removed`, `renamed`, `changed`, or `invalid`
    /// when it does not load on one side.
    pub change: String,
    /// Its derived figure before (absent when it had none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<Range>,
    /// Its derived figure after.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<Range>,
}

/// Which side something is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Which {
    /// The old side only.
    Old,
    /// The new side only.
    New,
    /// Both sides, unchanged.
    Both,
}

/// A file or record that could not be loaded, and so was not compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvalidRecord {
    /// On which side.
    pub side: Which,
    /// The id of the record, when it can be told (from the record, or an event or source
    /// file's name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The file, as displayed (`main:data/events/...` for a git revision).
    pub file: String,
    /// The 1-based line.
    pub line: usize,
    /// The 1-based column, in characters.
    pub column: usize,
    /// What is wrong, as the loader says it.
    pub message: String,
}
