//! Reading the dataset as it was at a git revision, without touching the working tree, the
//! index or any ref.
//!
//! We run the `git` program rather than link a git library: every machine that has revisions
//! to compare has `git`, it reads every repository format git itself reads (packs, SHA-256
//! object ids, alternates, partial clones, worktrees), and it adds no dependency to the build.
//! The record files of the dataset folder at a commit are listed with `git ls-tree` and their
//! contents read with one `git cat-file --batch` process into a temporary folder, which the
//! dataset loader then reads like any other (same layout, same limits); the folder is removed
//! when loading is done.
//!
//! Revisions come from the user, so they are never passed where git could read them as an
//! option: one that starts with `-` is refused, each is resolved with
//! `git rev-parse --verify --end-of-options REV^{commit}`, and every later command names the
//! commit by its object id alone.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

use faultline_dataset::{
    Dataset, FileFormat, LoadOptions, check_relative_path, classify, folder_role,
};

/// Why a revision could not be read.
#[derive(Debug, thiserror::Error)]
pub enum RevisionError {
    /// The `git` program could not be started.
    #[error("cannot run git ({0}); install git to compare revisions")]
    NoGit(String),
    /// The directory is not inside a git repository.
    #[error("{0}: not inside a git repository")]
    NotARepository(PathBuf),
    /// A revision that starts with `-` (git would read it as an option).
    #[error("`{0}` is not a revision: revisions never start with `-`")]
    OptionLike(String),
    /// Git does not know the revision.
    #[error("`{0}` is not a commit of this repository (no such branch, tag or commit)")]
    Unknown(String),
    /// The revisions have no common ancestor (`A...B`).
    #[error("{0} and {1} have no common ancestor")]
    NoMergeBase(String, String),
    /// The dataset folder does not exist at that revision.
    #[error("{revision} has no folder `{path}`")]
    NoDataset {
        /// The revision as given.
        revision: String,
        /// The dataset folder, relative to the repository.
        path: String,
    },
    /// The dataset folder is outside the repository.
    #[error("{0}: the dataset folder is outside the git repository")]
    Outside(PathBuf),
    /// A git command failed.
    #[error("git {command} failed: {message}")]
    Git {
        /// The subcommand.
        command: &'static str,
        /// What git said.
        message: String,
    },
    /// The temporary copy could not be written.
    #[error("cannot write the temporary copy of the revision: {0}")]
    Io(#[from] std::io::Error),
}

/// A git repository, found from a directory in its working tree.
#[derive(Debug, Clone)]
pub struct Repository {
    /// The top of the working tree.
    top: PathBuf,
    /// The directory it was found from, relative to `top` (`""` or `a/b/`).
    prefix: String,
}

impl Repository {
    /// The repository whose working tree holds `dir`.
    pub fn discover(dir: &Path) -> Result<Self, RevisionError> {
        let out = git(
            dir,
            "rev-parse",
            &["rev-parse", "--show-toplevel", "--show-prefix"],
        )
        .map_err(|e| match e {
            RevisionError::Git { message, .. } if message.contains("not a git repository") => {
                RevisionError::NotARepository(dir.to_path_buf())
            }
            e => e,
        })?;
        let text = String::from_utf8_lossy(&out);
        let mut lines = text.lines();
        let top = lines.next().unwrap_or_default();
        let prefix = lines.next().unwrap_or_default();
        if top.is_empty() {
            return Err(RevisionError::NotARepository(dir.to_path_buf()));
        }
        Ok(Self {
            top: PathBuf::from(top),
            prefix: prefix.to_owned(),
        })
    }

    /// The commit a revision names (branch, tag, `HEAD~2`, an object id...), as an object id.
    pub fn resolve(&self, revision: &str) -> Result<String, RevisionError> {
        if revision.starts_with('-') {
            return Err(RevisionError::OptionLike(revision.to_owned()));
        }
        if revision.is_empty() || revision.chars().any(char::is_control) {
            return Err(RevisionError::Unknown(revision.to_owned()));
        }
        let spec = format!("{revision}^{{commit}}");
        let out = git(
            &self.top,
            "rev-parse",
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                "--end-of-options",
                &spec,
            ],
        )
        .map_err(|e| match e {
            RevisionError::Git { .. } => RevisionError::Unknown(revision.to_owned()),
            e => e,
        })?;
        object_id(&out).ok_or_else(|| RevisionError::Unknown(revision.to_owned()))
    }

    /// The best common ancestor of two commits (object ids from [`Repository::resolve`]).
    pub fn merge_base(&self, a: &str, b: &str) -> Result<String, RevisionError> {
        let out = git(&self.top, "merge-base", &["merge-base", a, b])
            .map_err(|_| RevisionError::NoMergeBase(a.to_owned(), b.to_owned()))?;
        object_id(&out).ok_or_else(|| RevisionError::NoMergeBase(a.to_owned(), b.to_owned()))
    }

    /// Where the dataset folder `dir` (relative to the directory the repository was found
    /// from, or absolute) is in the repository: a `/`-separated path, `""` for the top.
    pub fn path_of(&self, dir: &Path) -> Result<String, RevisionError> {
        let rel = if dir.is_absolute() {
            let top = self.top.canonicalize().unwrap_or_else(|_| self.top.clone());
            let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
            dir.strip_prefix(&top)
                .map_err(|_| RevisionError::Outside(dir.clone()))?
                .to_path_buf()
        } else {
            Path::new(&self.prefix).join(dir)
        };
        let mut parts: Vec<String> = Vec::new();
        for c in rel.components() {
            match c {
                Component::CurDir => {}
                Component::ParentDir => {
                    if parts.pop().is_none() {
                        return Err(RevisionError::Outside(dir.to_path_buf()));
                    }
                }
                Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
                Component::RootDir | Component::Prefix(_) => {
                    return Err(RevisionError::Outside(dir.to_path_buf()));
                }
            }
        }
        Ok(parts.join("/"))
    }

    /// Loads the dataset folder `path` (from [`Repository::path_of`]) as it is at `commit`
    /// (an object id). Files are named `LABEL:PATH/...` in errors, like git's `rev:path`.
    /// Symbolic links are not followed and files over the loader's size limit are not read:
    /// both are reported as load errors.
    pub fn load(
        &self,
        commit: &str,
        path: &str,
        label: &str,
        options: &LoadOptions,
    ) -> Result<Dataset, RevisionError> {
        let tree = format!("{commit}:{path}");
        let kind = git(&self.top, "cat-file", &["cat-file", "-t", &tree]).ok();
        if kind.as_deref().map(<[u8]>::trim_ascii) != Some(b"tree".as_slice()) {
            return Err(RevisionError::NoDataset {
                revision: label.to_owned(),
                path: if path.is_empty() {
                    ".".into()
                } else {
                    path.to_owned()
                },
            });
        }
        let listing = git(&self.top, "ls-tree", &["ls-tree", "-r", "-z", "-l", &tree])?;
        let mut wanted = Vec::new();
        let mut refused = Vec::new();
        for entry in listing.split(|b| *b == 0).filter(|e| !e.is_empty()) {
            let Some(entry) = Entry::parse(entry) else {
                continue;
            };
            let role = match (classify(&entry.path), entry.mode.as_str()) {
                (Some(role), _) => role,
                // A link named like a folder of records: what it stands for is not compared,
                // and the report says so instead of leaving those records out in silence.
                (None, "120000") => match folder_role(&entry.path) {
                    Some(role) => role,
                    None => continue,
                },
                (None, _) => continue,
            };
            let limit = match FileFormat::from_path(&entry.path) {
                Some(FileFormat::JsonLines) => options.max_lines_file_bytes,
                _ => options.max_file_bytes,
            };
            let problem = match entry.mode.as_str() {
                "100644" | "100755" => match check_relative_path(&entry.path) {
                    Err(why) => Some(format!("cannot be read from git: {why}")),
                    Ok(()) if entry.size > limit => Some(format!(
                        "the file is {} bytes, more than the {limit}-byte limit for one file",
                        entry.size
                    )),
                    Ok(()) => None,
                },
                "120000" => {
                    Some("a symbolic link; links are not followed in a git revision".into())
                }
                _ => continue,
            };
            match problem {
                Some(message) => refused.push((entry.path, role, message)),
                None => wanted.push(entry),
            }
        }
        let tmp = tempfile::Builder::new()
            .prefix("faultline-diff-")
            .tempdir()?;
        self.write_blobs(&wanted, tmp.path())?;
        let mut dataset = Dataset::open_with(
            tmp.path(),
            LoadOptions {
                names_relative_to: Some(tmp.path().to_path_buf()),
                ..options.clone()
            },
        )
        .map_err(|e| std::io::Error::other(e.to_string()))?;
        let shown = |rel: &str| {
            if path.is_empty() {
                format!("{label}:{rel}")
            } else {
                format!("{label}:{path}/{rel}")
            }
        };
        for file in &mut dataset.files {
            let rel = file
                .path
                .strip_prefix(tmp.path())
                .unwrap_or(&file.path)
                .to_path_buf();
            file.name = shown(&rel.to_string_lossy().replace('\\', "/"));
            file.path = rel;
        }
        for error in &mut dataset.errors {
            error.path = match error.file {
                Some(id) => dataset.files[id.index()].name.clone(),
                None => shown(
                    error
                        .path
                        .trim_start_matches(&*tmp.path().to_string_lossy()),
                ),
            };
        }
        for (rel, role, message) in refused {
            let name = shown(&rel.to_string_lossy().replace('\\', "/"));
            dataset.add_unreadable(&rel, &name, role, message);
        }
        dataset.root = None;
        drop(tmp);
        Ok(dataset)
    }

    /// Writes the blobs into `dir`, read with one `git cat-file --batch`.
    fn write_blobs(&self, entries: &[Entry], dir: &Path) -> Result<(), RevisionError> {
        if entries.is_empty() {
            return Ok(());
        }
        let mut child = Command::new("git")
            .arg("-C")
            .arg(&self.top)
            .args(["cat-file", "--batch"])
            .env("GIT_TERMINAL_PROMPT", "0")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| RevisionError::NoGit(e.to_string()))?;
        let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(RevisionError::NoGit("no pipe to git".into()));
        };
        let result = std::thread::scope(|s| {
            let writer = s.spawn(move || -> std::io::Result<()> {
                for e in entries {
                    stdin.write_all(e.object.as_bytes())?;
                    stdin.write_all(b"\n")?;
                }
                Ok(())
            });
            let read = read_blobs(entries, BufReader::new(stdout), dir);
            let written = writer
                .join()
                .unwrap_or_else(|_| Err(std::io::Error::other("writer thread")));
            read.and(written.map_err(RevisionError::Io))
        });
        let output = child.wait_with_output()?;
        result?;
        if !output.status.success() {
            return Err(RevisionError::Git {
                command: "cat-file",
                message: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
            });
        }
        Ok(())
    }
}

fn read_blobs(entries: &[Entry], mut out: impl BufRead, dir: &Path) -> Result<(), RevisionError> {
    let mut header = Vec::new();
    for e in entries {
        header.clear();
        out.read_until(b'\n', &mut header)?;
        let text = String::from_utf8_lossy(&header);
        let mut fields = text.split_ascii_whitespace();
        let (_, kind, size) = (fields.next(), fields.next(), fields.next());
        let size: u64 = match (kind, size.and_then(|s| s.parse().ok())) {
            (Some("blob"), Some(size)) => size,
            _ => {
                return Err(RevisionError::Git {
                    command: "cat-file",
                    message: format!("unexpected answer for {}: {}", e.object, text.trim()),
                });
            }
        };
        let target = dir.join(&e.path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut file = std::fs::File::create(&target)?;
        let copied = std::io::copy(&mut (&mut out).take(size), &mut file)?;
        if copied != size {
            return Err(RevisionError::Git {
                command: "cat-file",
                message: format!("{} ended early", e.object),
            });
        }
        let mut newline = [0u8; 1];
        out.read_exact(&mut newline)?;
    }
    Ok(())
}

/// One line of `git ls-tree -r -z -l`: `MODE TYPE OBJECT SIZE\tPATH`.
#[derive(Debug)]
struct Entry {
    mode: String,
    object: String,
    size: u64,
    path: PathBuf,
}

impl Entry {
    fn parse(raw: &[u8]) -> Option<Self> {
        let tab = raw.iter().position(|b| *b == b'\t')?;
        let meta = std::str::from_utf8(&raw[..tab]).ok()?;
        let mut fields = meta.split_ascii_whitespace();
        let mode = fields.next()?.to_owned();
        let _kind = fields.next()?;
        let object = fields.next()?.to_owned();
        let size = fields.next()?.parse().unwrap_or(0);
        Some(Self {
            mode,
            object,
            size,
            path: path_from_bytes(&raw[tab + 1..]),
        })
    }
}

#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

fn object_id(out: &[u8]) -> Option<String> {
    let id = std::str::from_utf8(out).ok()?.trim();
    (!id.is_empty() && id.bytes().all(|b| b.is_ascii_hexdigit())).then(|| id.to_owned())
}

/// Runs `git -C dir ARGS`; its standard output, or its standard error as the failure.
fn git(dir: &Path, command: &'static str, args: &[&str]) -> Result<Vec<u8>, RevisionError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| RevisionError::NoGit(e.to_string()))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(RevisionError::Git {
            command,
            message: String::from_utf8_lossy(&out.stderr).trim().to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ls_tree_entries() {
        let e = Entry::parse(b"100644 blob 0123abcd    1550\tevents/2021/x.toml").unwrap();
        assert_eq!(
            (e.mode.as_str(), e.object.as_str(), e.size),
            ("100644", "0123abcd", 1550)
        );
        assert_eq!(e.path, Path::new("events/2021/x.toml"));
        assert!(Entry::parse(b"no tab here").is_none());
    }

    #[test]
    fn dataset_paths() {
        let repo = Repository {
            top: PathBuf::from("/repo"),
            prefix: "sub/".into(),
        };
        assert_eq!(repo.path_of(Path::new("data")).unwrap(), "sub/data");
        assert_eq!(repo.path_of(Path::new("../data/")).unwrap(), "data");
        assert_eq!(repo.path_of(Path::new(".")).unwrap(), "sub");
        assert!(matches!(
            repo.path_of(Path::new("../../x")),
            Err(RevisionError::Outside(_))
        ));
    }

    #[test]
    fn options_are_never_revisions() {
        let repo = Repository {
            top: PathBuf::from("."),
            prefix: String::new(),
        };
        assert!(matches!(
            repo.resolve("--output=/tmp/x"),
            Err(RevisionError::OptionLike(_))
        ));
    }
}
