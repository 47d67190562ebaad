//! `faultline report`: the dataset as one self-contained HTML page.

use std::path::PathBuf;

use faultline_dataset::archive::Archive;
use faultline_dataset::{Overwrite, write_atomic};
use faultline_export::svg::text::count;
use faultline_model::Date;
use faultline_report::{Options, report};
use faultline_validate::Config;

use crate::archive_root;
use crate::cmd::export::open_dataset;
use crate::cmd::lint::{config_report, read_config_file};
use crate::confine;
use crate::exit::Outcome;

/// Arguments of `faultline report`.
#[derive(Debug, clap::Args)]
pub(crate) struct ReportArgs {
    /// The dataset directory (or a single .jsonl / .json file of events) [default: ./data,
    /// else the dataset the working directory is in].
    #[arg(long, value_name = "DIR")]
    pub(crate) data: Option<PathBuf>,
    /// Where to write the page (one HTML file).
    #[arg(long, short, value_name = "FILE")]
    pub(crate) out: PathBuf,
    /// Replace the file if it exists (it is never overwritten otherwise).
    #[arg(long)]
    pub(crate) force: bool,
    /// The page's title.
    #[arg(long, default_value = "faultline report")]
    pub(crate) title: String,
    /// The lint configuration for the page's lint status [default: ./faultline.toml when it
    /// exists], as for `faultline lint`.
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// The date the page is made on, which `future-date` compares with [default: today's
    /// date, UTC].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub(crate) today: Option<Date>,
    /// The folder of archived source texts that the lint status checks quotes against
    /// [default: the FAULTLINE_ARCHIVE environment variable, else `archive` in the
    /// configuration file].
    #[arg(long, value_name = "DIR")]
    pub(crate) archive: Option<PathBuf>,
}

pub(crate) fn run(args: &ReportArgs) -> miette::Result<Outcome> {
    confine::output(&args.out)?;
    let data = super::default_dataset(args.data.as_deref());
    let mut config = match args.today {
        Some(today) => Config::with_today(today),
        None => Config::default(),
    };
    let file = read_config_file(args.config.as_deref())?;
    if let Some(f) = &file {
        config
            .merge_toml(&f.text)
            .map_err(|e| config_report(e, Some((&f.path, f.text.clone()))))?;
    }
    let archive = archive_root::open(args.archive.as_deref(), &config, file.as_ref())?;
    let dataset = open_dataset(&data, &mut crate::confine::Roots::default())?;
    if let Some(root) = archive {
        config.set_archive(Archive::read(
            root,
            dataset.sources.iter().map(|s| &s.record),
        ));
    }
    let name = std::fs::canonicalize(&data)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()));
    let options = Options {
        title: args.title.clone(),
        dataset_name: name,
        config,
    };
    let page = report(&dataset, &options);
    let overwrite = if args.force {
        Overwrite::Allowed
    } else {
        Overwrite::Never
    };
    write_atomic(&args.out, page.html.as_bytes(), overwrite).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            miette::miette!(
                help = "pass --force to replace it",
                "{} already exists; nothing was written",
                args.out.display()
            )
        } else {
            confine::write_error(&args.out, &e, "its folder")
        }
    })?;
    #[allow(clippy::print_stderr)]
    {
        for e in dataset.errors.iter().take(10) {
            eprintln!("not on the page: {e}");
        }
        if dataset.errors.len() > 10 {
            eprintln!(
                "... and {} more files or records that could not be loaded",
                dataset.errors.len() - 10
            );
        }
        let s = page.lint;
        eprintln!(
            "wrote {} ({} KB): {}; lint status {}, {}, {}",
            args.out.display(),
            page.html.len().div_ceil(1024),
            count(page.events, "event"),
            count(s.errors, "error"),
            count(s.warnings, "warning"),
            count(s.infos, "info"),
        );
    }
    Ok(if dataset.errors.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}
