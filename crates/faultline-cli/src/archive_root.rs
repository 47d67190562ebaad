//! The archive root: the folder of archived source texts that quotes are checked against.
//! From `--archive DIR`, else the `FAULTLINE_ARCHIVE` environment variable, else
//! `archive = "..."` in the configuration file (relative to that file).

use std::path::{Path, PathBuf};

use faultline_dataset::archive::{ArchiveError, ArchiveRoot};
use faultline_validate::{Config, ConfigError};
use miette::miette;

/// The environment variable that names the archive root.
pub(crate) const ENV: &str = "FAULTLINE_ARCHIVE";

/// A configuration file as read: its path and text (for errors that point into it).
pub(crate) struct ConfigFile {
    pub(crate) path: PathBuf,
    pub(crate) text: String,
}

/// Opens the archive root, if one is given; an error (exit 2) when the one given is not a
/// folder, naming where it was given.
pub(crate) fn open(
    flag: Option<&Path>,
    config: &Config,
    file: Option<&ConfigFile>,
) -> miette::Result<Option<ArchiveRoot>> {
    if let Some(dir) = flag {
        return ArchiveRoot::open(dir)
            .map(Some)
            .map_err(|e| root_error(&e, "--archive"));
    }
    if let Some(dir) = std::env::var_os(ENV).filter(|v| !v.is_empty()) {
        return ArchiveRoot::open(PathBuf::from(dir))
            .map(Some)
            .map_err(|e| root_error(&e, ENV));
    }
    let (Some((folder, span)), Some(file)) = (config.archive_setting(), file) else {
        return Ok(None);
    };
    let base = file.path.parent().unwrap_or(Path::new(""));
    let dir = base.join(folder);
    ArchiveRoot::open(&dir).map(Some).map_err(|e| {
        crate::cmd::lint::config_report(
            ConfigError {
                message: format!("`archive`: {e}"),
                span: Some(span),
                help: Some(
                    "`archive` names the folder of archived copies, relative to this file".into(),
                ),
            },
            Some((&file.path, file.text.clone())),
        )
    })
}

fn root_error(e: &ArchiveError, given_by: &str) -> miette::Report {
    miette!(
        help = "the archive root is the folder of archived source texts that quotes are checked against",
        "{e} (given by {given_by})"
    )
}
