//! # faultline-validate
//!
//! The [faultline](https://github.com/faultline-data/faultline) linter as a library: JSON
//! Schema validation of every record against the generated schemas, referential integrity
//! (every source, place, actor and related-event id resolves), and data-quality rules —
//! missing sources, inconsistent dates, unattributed casualty figures and more; [`metas`]
//! lists them, and `docs/rules/` in the repository documents each.
//! Every [`Diagnostic`] carries the rule, severity, message, file, byte range, 1-based line and
//! column, help, related locations and, where safe, a [`Fix`].
//!
//! This crate never prints. The `faultline` command renders its diagnostics (pretty, concise,
//! JSON, SARIF, GitHub annotations).
//!
//! ## Example
//!
//! ```
//! use faultline_dataset::Dataset;
//! use faultline_validate::{Config, lint};
//!
//! let dir = tempfile::tempdir()?;
//! std::fs::create_dir_all(dir.path().join("events/2031"))?;
//! std::fs::write(
//!     dir.path().join("events/2031/2031-11-16-clash.toml"),
//!     "id = \"2031-11-16-clash\"\ntitle = \"Clash\"\nkind = \"armed-clash\"\n\
//!      summary = \"...\"\nsources = []\n\n[date]\nstart = 2031-11-16\nprecision = \"day\"\n",
//! )?;
//!
//! let dataset = Dataset::open(dir.path())?;
//! let config = Config::with_today("2026-11-21".parse()?);
//! let result = lint(&dataset, &config);
//! let future = result.diagnostics.iter().find(|d| d.rule == "future-date").unwrap();
//! assert_eq!((future.region.line, future.region.column), (8, 9));
//! assert!(result.failed(false));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![cfg_attr(test, allow(clippy::unwrap_used))]

pub mod config;
mod context;
pub mod diagnostic;
pub mod engine;
mod finding;
pub mod fix;
mod found;
mod index;
pub mod lint;
mod locate;
mod per_file_ignores;
pub mod registry;
/// Which fields of a record hold references to other records, and of what kind.
pub mod references {
    pub use crate::rules::refs::{Target, reference_target};
}
pub mod render;
pub mod rule;
mod rules;
pub mod schema;
pub mod suggest;
mod suppress;

pub use config::{Config, ConfigError, Level};
pub use diagnostic::{Diagnostic, Edit, Fix, Region, Related, Severity};
pub use engine::{Batch, Findings, Keep, StoreError, StreamOptions, lint_batches, lint_stream};
pub use fix::{FileFix, apply_fixes};
pub use lint::{LintResult, Summary, lint};
pub use per_file_ignores::PerFileIgnores;
pub use registry::{meta, metas};
pub use rule::{Area, Phase, RuleMeta};
