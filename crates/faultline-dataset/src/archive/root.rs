//! Resolving a path named in a record under a root folder, so that a record can never make
//! the tools read a file outside it.

use std::path::{Component, Path, PathBuf};

use crate::LinkError;

/// Why a path does not resolve under its root.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UnderRootError {
    /// The path is absolute (or has a drive prefix).
    #[error("`{0}` is an absolute path; name the file relative to the archive root")]
    Absolute(String),
    /// The path leads outside the root, by `..` or through a symbolic link.
    #[error("`{0}` leads outside the archive root")]
    Outside(String),
    /// The path names nothing that exists.
    #[error("`{0}` does not exist")]
    Missing(String),
    /// The file system refused to resolve the path.
    #[error("`{path}` cannot be resolved: {message}")]
    Io {
        /// The path as written.
        path: String,
        /// Why.
        message: String,
    },
}

/// Resolves `rel` (relative, `/`-separated) under `root`, which must be canonical (see
/// [`std::fs::canonicalize`]): the canonical path of the file, or an error when `rel` is
/// absolute, leaves the root by `..`, leads outside it through a symbolic link, or does not
/// exist. Nothing outside the root is ever opened; errors name the path as written. The
/// check on disk is [`resolve_under`](crate::resolve_under), the one behind every read.
pub fn resolve_under_root(root: &Path, rel: &str) -> Result<PathBuf, UnderRootError> {
    let written = || rel.to_owned();
    let path = Path::new(rel);
    // Lexically first: `..` that climbs above the root is refused before touching the disk.
    let mut depth = 0usize;
    for c in path.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => {
                return Err(UnderRootError::Absolute(written()));
            }
            Component::ParentDir => {
                depth = depth
                    .checked_sub(1)
                    .ok_or_else(|| UnderRootError::Outside(written()))?;
            }
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
        }
    }
    // Then on disk, links followed, by the one check every read goes through.
    let joined = root.join(path);
    match crate::resolve_under(root, &joined) {
        Ok(canonical) if canonical != root => Ok(canonical),
        Ok(_) | Err(LinkError::Outside) => Err(UnderRootError::Outside(written())),
        Err(LinkError::Missing) => Err(UnderRootError::Missing(written())),
        Err(_) if std::fs::symlink_metadata(&joined).is_err() => {
            Err(UnderRootError::Missing(written()))
        }
        Err(e) => Err(UnderRootError::Io {
            path: written(),
            message: e.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_outside_and_missing() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::fs::write(root.join("a/x.txt"), "x").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        let root = std::fs::canonicalize(&root).unwrap();

        assert_eq!(
            resolve_under_root(&root, "a/x.txt").unwrap(),
            root.join("a/x.txt")
        );
        assert_eq!(
            resolve_under_root(&root, "a/../a/./x.txt").unwrap(),
            root.join("a/x.txt")
        );
        assert_eq!(
            resolve_under_root(&root, "../secret.txt"),
            Err(UnderRootError::Outside("../secret.txt".into()))
        );
        assert_eq!(
            resolve_under_root(&root, "a/../../secret.txt"),
            Err(UnderRootError::Outside("a/../../secret.txt".into()))
        );
        let abs = dir.path().join("secret.txt").display().to_string();
        assert!(matches!(
            resolve_under_root(&root, &abs),
            Err(UnderRootError::Absolute(_))
        ));
        assert_eq!(
            resolve_under_root(&root, "a/y.txt"),
            Err(UnderRootError::Missing("a/y.txt".into()))
        );
        assert!(matches!(
            resolve_under_root(&root, ""),
            Err(UnderRootError::Outside(_))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_are_followed_and_checked() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        std::fs::write(root.join("in.txt"), "in").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("out.txt")).unwrap();
        std::os::unix::fs::symlink(root.join("in.txt"), root.join("alias.txt")).unwrap();
        let root = std::fs::canonicalize(&root).unwrap();
        assert_eq!(
            resolve_under_root(&root, "out.txt"),
            Err(UnderRootError::Outside("out.txt".into()))
        );
        assert_eq!(
            resolve_under_root(&root, "alias.txt").unwrap(),
            root.join("in.txt")
        );
    }
}
