//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::builder::PossibleValuesParser;
use clap::{Parser, Subcommand};
use faultline_model::RecordKind;

/// faultline: a linter, importer and exporter for a dataset of Armenia–Azerbaijan border
/// incidents in which every casualty figure is tied to who stated it and where it was read.
///
/// Exit codes: 0 success, 1 problems found in the data, 2 the command could not do its job.
#[derive(Debug, Parser)]
#[command(name = "faultline", version, about, long_about)]
pub(crate) struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Lint the dataset: schema, references, sourcing, dates and casualty figures.
    ///
    /// With no PATH, lints the --data directory (./data). Exit code 0 when no errors were
    /// found (always, with --exit-zero), 1 when there are errors (or warnings, with
    /// --deny-warnings), 2 when the linter could not do its job (missing path, bad flag, bad
    /// configuration).
    #[command(after_help = LINT_EXAMPLES)]
    Lint(crate::cmd::lint::LintArgs),
    /// List every lint rule with its default severity.
    #[command(after_help = RULES_EXAMPLE)]
    Rules,
    /// Show a rule's documentation: what it checks, why, and a bad and a fixed example.
    #[command(after_help = "Example:\n  faultline explain unattributed-casualty")]
    Explain {
        /// The rule's name, e.g. `unattributed-casualty`.
        rule: String,
    },
    /// Print or write the JSON Schemas of the record kinds (draft 2020-12).
    ///
    /// With no argument, prints every schema as one JSON object keyed by file name; with a
    /// KIND, prints that schema; with --out, writes `<kind>.schema.json` files into a folder
    /// (and `places.schema.json`, `actors.schema.json`, which the registry files name).
    #[command(after_help = SCHEMA_EXAMPLES)]
    Schema(SchemaArgs),
    /// Import events from ACLED CSV, UCDP GED CSV or JSON Lines into a dataset or a JSON Lines file.
    #[command(after_help = IMPORT_EXAMPLES)]
    Import(crate::cmd::import::ImportArgs),
    /// Export the dataset as JSON, JSON Lines, CSV, ACLED or UCDP CSV, GeoJSON, a Frictionless
    /// Data Package, an SVG timeline or W3C Web Annotations.
    #[command(after_help = EXPORT_EXAMPLES)]
    Export(crate::cmd::export::ExportArgs),
    /// Create a new record file from a template: the right path, the right id, the `#:schema`
    /// directive and every field to fill in. Never overwrites a file.
    New(crate::cmd::new::NewArgs),
    /// Format record files canonically (key order, tables, quoting, dates), keeping every
    /// comment and suppression with what it belongs to.
    Fmt(crate::cmd::fmt::FmtArgs),
    /// What changed between two versions of the dataset (directories or git revisions): events,
    /// claims, casualty figures, sources, the gazetteer and the totals.
    ///
    /// With no argument, compares HEAD with the working tree's dataset; with one, that
    /// revision (or directory) with the working tree; `A..B` and `A...B` compare revisions.
    /// Exit code 0 when the comparison ran (with --exit-code: 0 no differences, 1
    /// differences), 2 when it could not run.
    #[command(after_help = DIFF_EXAMPLES)]
    Diff(crate::cmd::diff::DiffArgs),
    /// Archived copies of sources: `faultline archive add SOURCE-ID FILE` records one (its
    /// path below the archive root, SHA-256 and capture date) in the source record.
    Archive(crate::cmd::archive::ArchiveArgs),
    /// Write the dataset as one self-contained HTML page a researcher reads offline: an
    /// overview with the lint status, the timeline, the contested casualty figures claimant
    /// by claimant, who accuses whom, a map of the places, and every event with its sources.
    ///
    /// The page loads nothing from the network. Exit code 0 when the page was written, 1 when
    /// some records could not be loaded (they are missing from the page; its lint status
    /// lists them), 2 when it could not be written.
    #[command(after_help = REPORT_EXAMPLES)]
    Report(crate::cmd::report::ReportArgs),
    /// Print a completion script for bash, zsh, fish, PowerShell or elvish.
    Completions(crate::cmd::completions::CompletionsArgs),
    /// Run the language server (LSP over standard input and output) for editors: diagnostics
    /// while typing, completion of ids, hover, definitions, references, fixes, formatting.
    ///
    /// Started by the editor, not by hand: see docs/editors.md. Exit code 0 after the
    /// editor's `shutdown` and `exit`, 2 when the connection failed.
    Server,
}

const LINT_EXAMPLES: &str = "\
Examples:
  faultline lint                                   lint ./data
  faultline lint data/events/2021/2021-11-16-border-fighting.toml
  faultline lint events.jsonl --data data          a JSON Lines file, references checked against ./data
  faultline lint --format concise                  file:line:col: severity[rule] message
  faultline lint --format sarif -o faultline.sarif
  faultline lint --format gitlab -o gl-code-quality-report.json   GitLab Code Quality
  faultline lint --format junit -o faultline-junit.xml             JUnit XML
  faultline lint --statistics                      findings per rule, most first
  faultline lint --stdin-filename data/events/2021/2021-11-16-x.toml - < edited.toml
  faultline lint --select missing-source --add-allow \"existing records, to review\"
  faultline lint --archive ../shared/seeds         check every quote against the archived sources
  faultline lint --today 2026-11-21 --deny-warnings --select unattributed-casualty,missing-source

`faultline rules` lists the rules; `faultline explain RULE` shows one.";

const DIFF_EXAMPLES: &str = "\
Examples:
  faultline diff                            HEAD against the working tree (./data)
  faultline diff main                       main against the working tree
  faultline diff v1.0..v1.1                 two releases
  faultline diff origin/main...HEAD --format markdown   what a pull request changes
  faultline diff old-data/ data/            two dataset directories
  faultline diff main --format json -o changes.json";

const REPORT_EXAMPLES: &str = "\
Examples:
  faultline report --out report.html                      the dataset in ./data
  faultline report --data imported/ --out imported.html --title \"ACLED, May 2020\"
  faultline report --out report.html --force              replace an earlier page";

const RULES_EXAMPLE: &str = "\
Example:
  faultline rules    name, severity, area, `fix` when it has a safe fix, summary";

const SCHEMA_EXAMPLES: &str = "\
Examples:
  faultline schema event                   the event schema
  faultline schema --out schema --force    write schema/<kind>.schema.json";

const IMPORT_EXAMPLES: &str = "\
Examples:
  faultline import acled acled.csv --out data --dry-run   map and report, write nothing
  faultline import ucdp ged.csv --out imported.jsonl       one JSON line per row
  faultline import jsonl events.jsonl --out data --report report.json";

const EXPORT_EXAMPLES: &str = "\
Examples:
  faultline export geojson --out events.geojson
  faultline export csv --out events.csv          events.csv and events-figures.csv
  faultline export datapackage --out package/    a Frictionless Data Package
  faultline export svg --out timeline.svg
  faultline export annotations --archive ../shared/seeds --out annotations.jsonld";

/// Arguments of `faultline schema`.
#[derive(Debug, clap::Args)]
pub(crate) struct SchemaArgs {
    /// The record kind whose schema to print.
    #[arg(value_parser = PossibleValuesParser::new(RecordKind::ALL.map(RecordKind::as_str)))]
    pub(crate) kind: Option<String>,
    /// Write the schema files into this folder instead of printing them.
    #[arg(long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,
    /// Replace schema files in --out that differ.
    #[arg(long, requires = "out")]
    pub(crate) force: bool,
}
