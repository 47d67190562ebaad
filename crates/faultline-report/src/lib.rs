//! # faultline-report
//!
//! A [faultline](https://github.com/faultline-data/faultline) dataset as one self-contained
//! HTML page that a researcher opens offline or attaches to a release — the library behind
//! `faultline report`. The page has:
//!
//! - an **overview**: counts by kind, year and source, and the dataset's lint status (the
//!   linter run through `faultline-validate`, with the first findings);
//! - the **timeline** (events over time by kind, month ticks, a colour-blind-safe palette
//!   and a legend);
//! - the **contested figures**: for each event with casualty figures, every claimant's
//!   figure for each party and category side by side, with its quote and source, on a scale
//!   that keeps small figures visible beside large ones, open-ended figures drawn open-ended;
//! - **who accuses whom**: the claims directed against a party, by claimant and by the party
//!   accused, with counts;
//! - a **map** of the places, sized by their number of events, with their coordinate
//!   precision;
//! - **one section per event**: its date as the text gives it, places, actors, claims and
//!   figures with their quotes and sources, and the sources' addresses.
//!
//! Every chart links to the events' sections. The charts are drawn by
//! [`faultline_export::svg`], which also draws the SVG export: one palette, one set of
//! scales, one timeline. The page loads nothing: styles and charts are inline, and a few
//! lines of plain JavaScript filter and page the events (without JavaScript every event is
//! shown). Every piece of record text is escaped.
//!
//! Large datasets stay readable: long lists are capped with counts, the figures section
//! shows the events where claimants disagree and the largest figures first, the map labels
//! the places with the most events, and the events are paged.
//!
//! ## Example
//!
//! ```
//! use faultline_dataset::Dataset;
//! use faultline_report::{Options, report};
//! use faultline_validate::Config;
//!
//! let dir = tempfile::tempdir()?;
//! std::fs::create_dir_all(dir.path().join("events/2021"))?;
//! std::fs::write(
//!     dir.path().join("events/2021/2021-11-16-clash.toml"),
//!     "id = \"2021-11-16-clash\"\ntitle = \"Clash <on> the border\"\nkind = \"armed-clash\"\n\
//!      summary = \"...\"\nsources = []\n\n[date]\nstart = 2021-11-16\nprecision = \"day\"\n",
//! )?;
//!
//! let dataset = Dataset::open(dir.path())?;
//! let options = Options::new(Config::with_today("2026-11-21".parse()?));
//! let report = report(&dataset, &options);
//! assert!(report.html.contains(r#"id="2021-11-16-clash""#));
//! assert!(report.html.contains("Clash &lt;on&gt; the border"));
//! assert_eq!(report.events, 1);
//! assert!(report.lint.errors + report.lint.warnings > 0); // an event without a source
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![cfg_attr(test, allow(clippy::unwrap_used))]

mod accusations;
mod context;
mod events;
mod figures;
mod html;
mod map;
mod overview;
mod page;
mod timeline;

use faultline_dataset::Dataset;
use faultline_export::Records;
use faultline_validate::{Config, LintResult, Summary};

/// What the page says about itself.
#[derive(Debug, Clone)]
pub struct Options {
    /// The page's title.
    pub title: String,
    /// A name for the dataset, shown under the title (e.g. its folder's name).
    pub dataset_name: Option<String>,
    /// The lint configuration; its `today` is the date the page says it was made.
    pub config: Config,
}

impl Options {
    /// The default title, no dataset name, and this lint configuration.
    pub fn new(config: Config) -> Self {
        Self {
            title: "faultline report".to_owned(),
            dataset_name: None,
            config,
        }
    }
}

/// A rendered report.
#[derive(Debug, Clone)]
pub struct Report {
    /// The page.
    pub html: String,
    /// The lint counts shown on it.
    pub lint: Summary,
    /// The number of events it shows.
    pub events: usize,
}

/// Lints `dataset` with `options.config` and renders the page.
pub fn report(dataset: &Dataset, options: &Options) -> Report {
    let lint = faultline_validate::lint(dataset, &options.config);
    let records = Records::from_dataset(dataset);
    Report {
        html: render(&records, &lint, options),
        lint: lint.summary,
        events: records.events.len(),
    }
}

/// Renders the page of `records`, with the lint status of `lint`.
pub fn render(records: &Records, lint: &LintResult, options: &Options) -> String {
    let cx = context::Cx::new(records, lint, options);
    page::render(&cx)
}
