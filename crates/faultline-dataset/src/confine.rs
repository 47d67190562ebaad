//! Paths that must stay under a root folder: every file faultline reads or writes is resolved
//! (symbolic links followed) and checked to lie under the folder it was asked to work on, so
//! that a link committed into a dataset cannot make the linter read, print or overwrite a file
//! elsewhere on the machine.
//!
//! The check compares canonical paths: a link anywhere along the path (the file itself or a
//! folder above it) counts, and so does `..`. What lies under the root may link freely within
//! it. Errors never carry the target of a link, only what is wrong with it.

use std::io;
use std::path::{Component, Path, PathBuf};

/// Why a path may not be followed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    /// It resolves to a place outside the root (through a symbolic link, or `..`).
    #[error("it leads out of the folder it must stay in")]
    Outside,
    /// It is, or passes through, a symbolic link whose target does not exist.
    #[error("it is a symbolic link whose target does not exist")]
    Missing,
    /// It is a symbolic link that points, directly or not, back to itself or to a folder above
    /// it.
    #[error("it is a symbolic link loop")]
    Loop,
    /// It cannot be resolved for another reason (the message of the operating system, which
    /// names no path).
    #[error("it cannot be resolved: {0}")]
    Unresolvable(String),
}

/// Resolves `path` (which must exist; relative paths are taken from the working directory, as
/// by [`std::fs`]) with every symbolic link followed, and returns its canonical form when that
/// lies under `root` (itself resolved the same way). Anything else is a [`LinkError`]: the
/// path is then not to be read.
///
/// This is the one check behind every read of a dataset (see [`walk()`](crate::walk())) and is
/// meant for any other root, e.g. a folder of archived source texts:
///
/// ```
/// use faultline_dataset::{LinkError, resolve_under};
///
/// let dir = tempfile::tempdir()?;
/// let archive = dir.path().join("archive");
/// std::fs::create_dir(&archive)?;
/// std::fs::write(archive.join("article.md"), "the text")?;
/// std::fs::write(dir.path().join("secret.txt"), "not for the linter")?;
///
/// let file = resolve_under(&archive, &archive.join("article.md"))?;
/// assert!(file.ends_with("archive/article.md"));
/// let escape = resolve_under(&archive, &archive.join("../secret.txt"));
/// assert_eq!(escape, Err(LinkError::Outside));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn resolve_under(root: &Path, path: &Path) -> Result<PathBuf, LinkError> {
    let root = resolve(root)?;
    let real = resolve(path)?;
    if real.starts_with(&root) {
        Ok(real)
    } else {
        Err(LinkError::Outside)
    }
}

/// Resolves the destination of a write: like [`resolve_under`], except that `path`, its
/// folders and `root` itself need not exist yet (what does not exist will be created as plain
/// folders, and so resolves to where it is named). A destination that is a symbolic link
/// resolves to its target, which must exist and lie under `root`.
pub fn destination_under(root: &Path, path: &Path) -> Result<PathBuf, LinkError> {
    let root = real_prefix(root)?;
    let real = match std::fs::symlink_metadata(path) {
        Ok(_) => resolve(path)?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => real_prefix(path)?,
        Err(e) => return Err(LinkError::Unresolvable(e.to_string())),
    };
    if real.starts_with(&root) {
        Ok(real)
    } else {
        Err(LinkError::Outside)
    }
}

/// Checks a path by its name: when `path`, as named (made absolute, `.` and `..` applied
/// without looking at the file system), lies under `root`, it must also resolve under `root`
/// ([`destination_under`]: it need not exist yet). A path named outside `root` is not checked.
///
/// This is the rule for paths a user names on the command line, with the working directory
/// as `root`: `data` or `faultline.toml` in a checkout may be a link committed by anyone, and
/// is not followed out of the checkout; `../other/data` or `/srv/data` is the user's choice.
pub fn named_under(root: &Path, path: &Path) -> Result<(), LinkError> {
    let absolute = |p: &Path| {
        std::path::absolute(p)
            .map(|a| lexical(&a))
            .map_err(|e| LinkError::Unresolvable(e.to_string()))
    };
    if absolute(path)?.starts_with(absolute(root)?) {
        destination_under(root, path).map(drop)
    } else {
        Ok(())
    }
}

/// The canonical form of an existing path, or why there is none.
fn resolve(path: &Path) -> Result<PathBuf, LinkError> {
    match std::fs::canonicalize(path) {
        Ok(real) => Ok(real),
        Err(e) => Err(classify_failure(path, &e)),
    }
}

/// Why `canonicalize(path)` failed: a link to nothing, a loop, or something else.
fn classify_failure(path: &Path, e: &io::Error) -> LinkError {
    if e.kind() == io::ErrorKind::NotFound {
        // The path itself is there (as a link) but something it leads to is not.
        return if std::fs::symlink_metadata(path).is_ok() {
            LinkError::Missing
        } else {
            LinkError::Unresolvable(e.to_string())
        };
    }
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link && follows_back(path) {
        return LinkError::Loop;
    }
    // ELOOP on the way through folders (`a/b` where `a` loops): the operating system's own
    // message says "too many levels of symbolic links".
    LinkError::Unresolvable(e.to_string())
}

/// Whether following the chain of links that starts at `path` comes back to a link already
/// seen (or goes on for more than 40 links, the limit of Linux).
fn follows_back(path: &Path) -> bool {
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut at = lexical(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()));
    for _ in 0..40 {
        let Ok(target) = std::fs::read_link(&at) else {
            return false;
        };
        seen.push(at.clone());
        let base = at.parent().map(Path::to_path_buf).unwrap_or_default();
        at = lexical(&base.join(target));
        if seen.contains(&at) {
            return true;
        }
    }
    true
}

/// The canonical form of the longest part of `path` that exists, followed by the rest as
/// named (`..` in the rest applied lexically: nothing there exists to be a link).
fn real_prefix(path: &Path) -> Result<PathBuf, LinkError> {
    let absolute = std::path::absolute(path).map_err(|e| LinkError::Unresolvable(e.to_string()))?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        match std::fs::symlink_metadata(existing) {
            Ok(_) => break,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let (Some(parent), Some(name)) = (existing.parent(), existing.file_name()) else {
                    // `..` at the end, or the root: resolve what is there lexically.
                    return Ok(lexical(&absolute));
                };
                rest.push(name.to_owned());
                existing = parent;
            }
            Err(e) => return Err(LinkError::Unresolvable(e.to_string())),
        }
    }
    let mut real = resolve(existing)?;
    for name in rest.iter().rev() {
        real.push(name);
    }
    Ok(lexical(&real))
}

/// `path` with `.` removed and each `..` applied to the name before it, without looking at
/// the file system. A leading `..` of a relative path is kept; the result of an empty path
/// is `.`.
pub fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                let last = out.components().next_back();
                match last {
                    Some(Component::Normal(_)) => {
                        out.pop();
                    }
                    Some(Component::RootDir | Component::Prefix(_)) => {}
                    _ => out.push(".."),
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_normalisation() {
        let l = |p: &str| lexical(Path::new(p));
        assert_eq!(l("a/./b/../c"), PathBuf::from("a/c"));
        assert_eq!(l("../a/.."), PathBuf::from(".."));
        assert_eq!(l("./"), PathBuf::from("."));
        assert_eq!(l("a/.."), PathBuf::from("."));
        assert_eq!(l("/.."), PathBuf::from("/"));
    }

    #[test]
    fn plain_paths_and_dot_dot() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::fs::write(root.join("a/x.toml"), "").unwrap();
        std::fs::write(dir.path().join("outside.toml"), "").unwrap();
        assert!(resolve_under(&root, &root.join("a/x.toml")).is_ok());
        assert!(resolve_under(&root, &root.join("a/../a/x.toml")).is_ok());
        assert_eq!(
            resolve_under(&root, &root.join("../outside.toml")),
            Err(LinkError::Outside)
        );
        assert!(matches!(
            resolve_under(&root, &root.join("missing.toml")),
            Err(LinkError::Unresolvable(_))
        ));
        // A destination need not exist, nor its folders.
        assert!(destination_under(&root, &root.join("new/dir/x.toml")).is_ok());
        assert!(destination_under(&root.join("new"), &root.join("new/x.toml")).is_ok());
        assert_eq!(
            destination_under(&root, &root.join("new/../../x.toml")),
            Err(LinkError::Outside)
        );
    }

    #[cfg(unix)]
    #[test]
    fn links() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::fs::write(root.join("a/x.toml"), "").unwrap();
        std::fs::write(dir.path().join("secret.toml"), "").unwrap();
        symlink("a/x.toml", root.join("inside.toml")).unwrap();
        symlink("../secret.toml", root.join("outside.toml")).unwrap();
        symlink("..", root.join("up")).unwrap();
        symlink("nothing.toml", root.join("dangling.toml")).unwrap();
        symlink("loop-b.toml", root.join("loop-a.toml")).unwrap();
        symlink("loop-a.toml", root.join("loop-b.toml")).unwrap();
        symlink("self.toml", root.join("self.toml")).unwrap();

        let real_root = std::fs::canonicalize(&root).unwrap();
        assert_eq!(
            resolve_under(&root, &root.join("inside.toml")),
            Ok(real_root.join("a/x.toml"))
        );
        let under = |p: &str| resolve_under(&root, &root.join(p));
        assert_eq!(under("outside.toml"), Err(LinkError::Outside));
        assert_eq!(under("up/secret.toml"), Err(LinkError::Outside));
        assert_eq!(under("dangling.toml"), Err(LinkError::Missing));
        assert_eq!(under("loop-a.toml"), Err(LinkError::Loop));
        assert_eq!(under("self.toml"), Err(LinkError::Loop));
        // The root may itself be reached through a link.
        symlink(&root, dir.path().join("root-link")).unwrap();
        assert!(resolve_under(&dir.path().join("root-link"), &root.join("a/x.toml")).is_ok());

        // Writes: a link out, or through a folder that leads out, is refused; a link inside
        // resolves to its target.
        let dest = |p: &str| destination_under(&root, &root.join(p));
        assert_eq!(dest("outside.toml"), Err(LinkError::Outside));
        assert_eq!(dest("up/new.toml"), Err(LinkError::Outside));
        assert_eq!(dest("dangling.toml"), Err(LinkError::Missing));
        assert_eq!(dest("inside.toml"), Ok(real_root.join("a/x.toml")));
        assert_eq!(dest("a/new/x.toml"), Ok(real_root.join("a/new/x.toml")));

        // By name: a link named under the root must resolve under it; a path named elsewhere
        // is the caller's choice.
        assert_eq!(
            named_under(&root, &root.join("up")),
            Err(LinkError::Outside)
        );
        assert_eq!(named_under(&root, &root.join("inside.toml")), Ok(()));
        assert_eq!(named_under(&root, &root.join("new/folder")), Ok(()));
        assert_eq!(named_under(&root, &dir.path().join("secret.toml")), Ok(()));
        // `..` after a link is taken as the file system takes it: out of the root here.
        assert_eq!(
            named_under(&root, &root.join("up/../a")),
            Err(LinkError::Outside)
        );
    }
}
