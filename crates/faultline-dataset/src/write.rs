//! Safe writes: every file the tools write goes to a temporary file in the same folder and is
//! renamed into place, so an interrupted run leaves the old file intact.

use std::io::{self, Write};
use std::path::{Component, Path};

/// Whether an existing file may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    /// Fail with [`io::ErrorKind::AlreadyExists`] when the file exists.
    Never,
    /// Replace it atomically.
    Allowed,
}

/// Writes `contents` to `path` atomically: a temporary file in the same directory, flushed
/// and synced, then renamed over `path` (or linked into place without replacing anything, for
/// [`Overwrite::Never`]). Missing parent directories are created.
pub fn write_atomic(path: &Path, contents: &[u8], overwrite: Overwrite) -> io::Result<()> {
    write_atomic_with(path, overwrite, |w| w.write_all(contents))
}

/// Like [`write_atomic`], with the contents produced by `fill`. If `fill` fails, nothing is
/// written and the old file, if any, is left untouched.
pub fn write_atomic_with(
    path: &Path,
    overwrite: Overwrite,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    if overwrite == Overwrite::Never && path.exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} exists; not overwritten", path.display()),
        ));
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".faultline-").suffix(".tmp");
    // A temporary file is private (0600) by default; the file written must instead get the
    // permissions of the file it replaces, or those of any new file (0666 less the umask).
    let existing = std::fs::metadata(path).ok().map(|m| m.permissions());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    if let Some(permissions) = existing {
        tmp.as_file().set_permissions(permissions)?;
    }
    {
        let mut buffered = io::BufWriter::with_capacity(1 << 20, tmp.as_file_mut());
        fill(&mut buffered)?;
        buffered.flush()?;
    }
    tmp.as_file().sync_all()?;
    match overwrite {
        Overwrite::Allowed => tmp.persist(path).map(drop).map_err(|e| e.error),
        Overwrite::Never => tmp.persist_noclobber(path).map(drop).map_err(|e| e.error),
    }
}

/// Checks that a relative path built from record ids stays inside its folder: no `..`, no
/// root or drive prefix, no empty or reserved (Windows device) names.
pub fn check_relative_path(rel: &Path) -> Result<(), String> {
    const RESERVED: [&str; 22] = [
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
        "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    if rel.as_os_str().is_empty() {
        return Err("the path is empty".into());
    }
    for c in rel.components() {
        match c {
            Component::Normal(part) => {
                let part = part.to_string_lossy();
                let stem = part.split('.').next().unwrap_or("").to_ascii_lowercase();
                if RESERVED.contains(&stem.as_str()) {
                    return Err(format!("`{part}` is a reserved device name"));
                }
            }
            Component::ParentDir => return Err("the path leaves its folder (`..`)".into()),
            Component::RootDir | Component::Prefix(_) => {
                return Err("the path is absolute".into());
            }
            Component::CurDir => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_refuses_to_clobber() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a/b/x.toml");
        write_atomic(&p, b"one", Overwrite::Never).unwrap();
        let err = write_atomic(&p, b"two", Overwrite::Never).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        write_atomic(&p, b"two", Overwrite::Allowed).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
    }

    #[test]
    fn a_failure_mid_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.toml");
        std::fs::write(&p, "old").unwrap();
        let res = write_atomic_with(&p, Overwrite::Allowed, |w| {
            w.write_all(b"half of the new")?;
            Err(io::Error::other("interrupted"))
        });
        assert!(res.is_err());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "the temporary file is removed");
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_those_of_the_replaced_file_or_of_a_new_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let old = dir.path().join("old.toml");
        std::fs::write(&old, "old").unwrap();
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o664)).unwrap();
        write_atomic(&old, b"new", Overwrite::Allowed).unwrap();
        assert_eq!(mode(&old), 0o664);
        let reference = dir.path().join("reference");
        std::fs::write(&reference, "").unwrap();
        let new = dir.path().join("new.toml");
        write_atomic(&new, b"new", Overwrite::Never).unwrap();
        assert_eq!(
            mode(&new),
            mode(&reference),
            "like any new file, not private"
        );
    }

    #[test]
    fn paths_that_escape_are_rejected() {
        assert!(check_relative_path(Path::new("events/2021/x.toml")).is_ok());
        for bad in [
            "../x",
            "/etc/passwd",
            "events/../../x",
            "con.toml",
            "events/NUL",
            "",
        ] {
            assert!(check_relative_path(Path::new(bad)).is_err(), "{bad}");
        }
    }
}
