//! # faultline-diff
//!
//! What changed between two versions of a [faultline](https://github.com/faultline-data/faultline)
//! dataset, in the dataset's own terms: events added, removed, renamed or changed field by
//! field; claims added or withdrawn; casualty figures added, withdrawn or **revised** (and
//! whether the claimant or the source changed); sources, places and actors added or changed;
//! and how the dataset totals per party and category moved, and which events moved them.
//!
//! [`compare`] takes two loaded [`Dataset`](faultline_dataset::Dataset)s and returns a typed
//! [`ChangeSet`], which serializes to the stable JSON shape documented in `docs/diff.md`.
//! [`render`] turns it into a text report (optionally coloured) or Markdown for a pull-request
//! comment or a changelog. [`revision`] reads the dataset as it was at a git revision without
//! touching the working tree. Nothing here prints.
//!
//! ## Example
//!
//! ```
//! use faultline_dataset::Dataset;
//! use faultline_diff::{Side, compare, render};
//!
//! let dir = tempfile::tempdir()?;
//! let event = |title: &str| format!(
//!     "id = \"2021-11-16-clash\"\ntitle = \"{title}\"\nkind = \"armed-clash\"\n\
//!      summary = \"...\"\nsources = []\n\n[date]\nstart = 2021-11-16\nprecision = \"day\"\n"
//! );
//! for (side, title) in [("old", "Clash"), ("new", "Clash on the border")] {
//!     std::fs::create_dir_all(dir.path().join(side).join("events/2021"))?;
//!     std::fs::write(dir.path().join(side).join("events/2021/2021-11-16-clash.toml"), event(title))?;
//! }
//! let old = Dataset::open(dir.path().join("old"))?;
//! let new = Dataset::open(dir.path().join("new"))?;
//!
//! let changes = compare(&Side::new("old", &old), &Side::new("new", &new));
//! assert_eq!(changes.summary.events.changed, 1);
//! assert_eq!(changes.events[0].fields[0].field, "title");
//! assert!(render::text(&changes, false).contains("title: Clash → \"Clash on the border\""));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![cfg_attr(test, allow(clippy::unwrap_used))]

pub mod change;
mod compare;
mod fields;
mod invalid;
mod items;
mod pairing;
mod records;
pub mod render;
pub mod revision;
mod totals;

pub use change::{
    ChangeSet, ClaimChange, EventChange, FORMAT_VERSION, FieldChange, FigureChange, FigureValue,
    InvalidRecord, ItemStatus, Range, RecordChange, SideInfo, Status, Summary, TotalChange,
    TotalReason, Which,
};
pub use compare::{Side, compare};
pub use revision::{Repository, RevisionError};
