//! Where a command may read and write (SECURITY.md).
//!
//! - A path named on the command line, or a default one (`data`, `faultline.toml`), that lies
//!   inside the working directory must resolve inside it: in a checkout, `data` may be a link
//!   committed by anyone ([`named`]).
//! - A file is read only when it resolves inside the root it belongs to: its dataset, or the
//!   folder it was named in ([`Roots`], [`faultline_dataset::resolve_under`]).
//! - A file is written only inside the folder it was asked to be written in
//!   ([`faultline_dataset::write_atomic_in`]).
//!
//! Messages name the path as given, never where a link points.

use std::path::{Path, PathBuf};

use faultline_dataset::{LinkError, Refused, destination_under, named_under, resolve_under};
use miette::miette;

/// The folder a file is named in: its parent as written, or `.`.
pub(crate) fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// What a link error says, for a path that had to stay in `within`. The command line's paths
/// are checked against a folder they are named in, so a path that resolves out of it does so
/// through a symbolic link.
pub(crate) fn describe(e: &LinkError, within: &str) -> String {
    match e {
        LinkError::Outside => format!("a symbolic link leads it out of {within}"),
        LinkError::Missing => "it is a symbolic link whose target does not exist".to_owned(),
        LinkError::Loop => "it is a symbolic link loop".to_owned(),
        LinkError::Unresolvable(why) => format!("it cannot be resolved: {why}"),
    }
}

/// Checks a path named by the user (or a default path) against the working directory: named
/// inside it, it must resolve inside it. Exit code 2 otherwise.
pub(crate) fn named(path: &Path) -> miette::Result<()> {
    let cwd = std::env::current_dir().map_err(|e| miette!("no working directory: {e}"))?;
    named_under(&cwd, path).map_err(|e| {
        miette!(
            help = "faultline does not follow a link out of the working directory: name the \
                    place it points to directly, or replace the link with what it points to",
            "{}: {}; nothing was read or written",
            path.display(),
            describe(&e, "the working directory"),
        )
    })
}

/// Checks a file to be read on its own (an import's input, a configuration file): named in a
/// folder, it must resolve inside that folder, and the folder itself must pass [`named`].
/// Returns the folder. Exit code 2 otherwise.
pub(crate) fn input(path: &Path, what: &str) -> miette::Result<PathBuf> {
    let folder = folder_of(path);
    named(&folder)?;
    if std::fs::symlink_metadata(path).is_ok() {
        resolve_under(&folder, path).map_err(|e| {
            miette!(
                help = "name the file the link points to directly, or copy it here",
                "{}: {}; the {what} is not read",
                path.display(),
                describe(&e, "its folder"),
            )
        })?;
    }
    Ok(folder)
}

/// Checks the destination of a write before any work is done: its folder must pass [`named`]
/// and the file, if it is a link, must stay in that folder (the write itself checks again).
pub(crate) fn output(path: &Path) -> miette::Result<()> {
    let folder = folder_of(path);
    named(&folder)?;
    destination_under(&folder, path)
        .map(drop)
        .map_err(|e| write_refused(path, &e, "its folder"))
}

/// The link error behind a write that the link policy refused, if that is why it failed.
pub(crate) fn refused(e: &std::io::Error) -> Option<&LinkError> {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<Refused>())
        .map(|r| &r.link)
}

/// A write error as a report (exit 2): refused by the link policy, or as the system said.
pub(crate) fn write_error(path: &Path, e: &std::io::Error, within: &str) -> miette::Report {
    match refused(e) {
        Some(link) => write_refused(path, link, within),
        None => miette!("cannot write {}: {e}", path.display()),
    }
}

/// The error for a write refused by the link policy.
fn write_refused(path: &Path, e: &LinkError, within: &str) -> miette::Report {
    let help = match e {
        LinkError::Outside => {
            "faultline never writes through a link out of the folder it writes in: remove the \
             link, or name the place it points to directly"
        }
        LinkError::Missing => {
            "a link is written at its target, which must exist: create the target, or remove \
             the link"
        }
        LinkError::Loop | LinkError::Unresolvable(_) => "remove the link",
    };
    miette!(
        help = help,
        "cannot write {}: {}; nothing was written",
        path.display(),
        describe(e, within),
    )
}

/// The folders whose files may be read back — for a snippet, a diff or a fix — and written by
/// a fix: the roots that were linted.
#[derive(Debug, Default, Clone)]
pub(crate) struct Roots {
    roots: Vec<PathBuf>,
    /// A file whose text came from standard input (`--stdin-filename`): read from here, never
    /// from the disk.
    stand_in: Option<(PathBuf, std::sync::Arc<[u8]>)>,
}

impl Roots {
    /// Stands `bytes` in for the file at `path`: reading `path` gives them.
    pub(crate) fn stand_in(&mut self, path: &Path, bytes: std::sync::Arc<[u8]>) {
        self.stand_in = Some((path.to_path_buf(), bytes));
    }

    /// The text standing in for `path`, when standard input stands in for it.
    pub(crate) fn stood_in(&self, path: &Path) -> Option<&[u8]> {
        self.stand_in
            .as_ref()
            .filter(|(stood, _)| stood == path)
            .map(|(_, bytes)| &bytes[..])
    }

    /// Writes the new text of `path` (a fix, suppression comments) atomically inside its root,
    /// or, for the file standard input stands in for, to standard output: the file on disk is
    /// never touched then (an editor replaces its buffer with what is printed).
    pub(crate) fn write_back(&self, path: &Path, text: &[u8]) -> miette::Result<()> {
        if self.stood_in(path).is_some() {
            use miette::IntoDiagnostic;
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            return out
                .write_all(text)
                .and_then(|()| out.flush())
                .into_diagnostic();
        }
        let root = self.root_of(path).unwrap_or(Path::new("."));
        faultline_dataset::write_atomic_in(root, path, text, faultline_dataset::Overwrite::Allowed)
            .map_err(|e| write_error(path, &e, "the dataset"))
    }

    /// Adds a root (a dataset, or the folder of a file linted on its own).
    pub(crate) fn add(&mut self, root: &Path) {
        if !self.roots.iter().any(|r| r == root) {
            self.roots.push(root.to_path_buf());
        }
    }

    /// The root `path` resolves under, if any.
    pub(crate) fn root_of(&self, path: &Path) -> Option<&Path> {
        self.roots
            .iter()
            .find(|root| resolve_under(root, path).is_ok())
            .map(PathBuf::as_path)
    }

    /// The bytes of `path` when it resolves under one of the roots and is a regular file of
    /// at most `limit` bytes (never a named pipe, which could block the run).
    pub(crate) fn read(&self, path: &Path, limit: u64) -> Option<Vec<u8>> {
        use std::io::Read;
        if let Some((stood, bytes)) = &self.stand_in
            && stood == path
        {
            return (bytes.len() as u64 <= limit).then(|| bytes.to_vec());
        }
        self.root_of(path)?;
        let meta = std::fs::metadata(path).ok()?;
        if !meta.is_file() || meta.len() > limit {
            return None;
        }
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .ok()?
            .take(limit)
            .read_to_end(&mut bytes)
            .ok()?;
        Some(bytes)
    }

    /// The text of `path` (see [`Roots::read`]), when it is UTF-8.
    pub(crate) fn read_text(&self, path: &Path, limit: u64) -> Option<String> {
        String::from_utf8(self.read(path, limit)?).ok()
    }
}
