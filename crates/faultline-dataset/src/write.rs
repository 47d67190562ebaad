//! Safe writes: every file the tools write goes to a temporary file in the same folder and is
//! renamed into place, so an interrupted run leaves the old file intact; and every write stays
//! under the folder it was asked to stay in, never following a link out of it.

use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use crate::confine::{LinkError, destination_under};

mod direct;
mod pipeline;

/// Whether an existing file may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    /// Fail with [`io::ErrorKind::AlreadyExists`] when the file exists.
    Never,
    /// Replace it atomically.
    Allowed,
}

/// A write refused because its destination leads out of the folder it must stay in.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}; nothing was written", describe(root, link))]
pub struct Refused {
    /// The folder the write had to stay in, as given.
    pub root: PathBuf,
    /// What the destination does.
    pub link: LinkError,
}

fn describe(root: &Path, link: &LinkError) -> String {
    match link {
        LinkError::Outside if root == Path::new(".") => {
            "it resolves out of the working directory (through a symbolic link or `..`)".to_owned()
        }
        LinkError::Outside => format!(
            "it resolves out of {} (through a symbolic link or `..`)",
            root.display()
        ),
        other => other.to_string(),
    }
}

/// Writes `contents` to `path` atomically: a temporary file in the same directory, flushed
/// and synced, then renamed over `path` (or linked into place without replacing anything, for
/// [`Overwrite::Never`]). Missing parent directories are created. The write stays in the
/// folder `path` names: see [`write_atomic_in`], with that folder as the root.
pub fn write_atomic(path: &Path, contents: &[u8], overwrite: Overwrite) -> io::Result<()> {
    write_atomic_with(path, overwrite, |w| w.write_all(contents))
}

/// Like [`write_atomic`], the write held under `root` (a dataset, or the folder an export
/// goes to): `path` is resolved with its links followed ([`destination_under`]); a destination
/// that leads out of `root` — a symbolic link to elsewhere, or a folder on the way that is
/// one — is refused with [`io::ErrorKind::PermissionDenied`] (the error wraps a [`Refused`]),
/// and nothing is written. A destination that is a link inside `root` is written at its
/// target, so that the link stays a link; nothing is ever written *through* a link.
pub fn write_atomic_in(
    root: &Path,
    path: &Path,
    contents: &[u8],
    overwrite: Overwrite,
) -> io::Result<()> {
    write_atomic_with_in(root, path, overwrite, |w| w.write_all(contents))
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
    write_atomic_with_in(dir, path, overwrite, fill)
}

fn write_atomic_with_in(
    root: &Path,
    path: &Path,
    overwrite: Overwrite,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let real = destination_under(root, path).map_err(|link| {
        io::Error::new(
            io::ErrorKind::PermissionDenied,
            Refused {
                root: root.to_path_buf(),
                link,
            },
        )
    })?;
    let dir = real.parent().unwrap_or(Path::new("/"));
    std::fs::create_dir_all(dir)?;
    if overwrite == Overwrite::Never && real.exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} exists; not overwritten", path.display()),
        ));
    }
    let path = real.as_path();
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
    // Large outputs bypass the page cache (`direct.rs`); the file is synced below either way.
    let mut direct = direct::Direct::new(tmp.as_file_mut());
    let file: &mut (dyn Write + Send) = &mut direct;
    std::thread::scope(|scope| pipeline::fill_pipelined(scope, file, fill))?;
    tmp.as_file().sync_all()?;
    match overwrite {
        Overwrite::Allowed => tmp.persist(path).map(drop).map_err(|e| e.error),
        Overwrite::Never => tmp.persist_noclobber(path).map(drop).map_err(|e| e.error),
    }
}

/// A file of [`write_all`] or [`write_batch`] that could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {source}", .path.display())]
pub struct WriteError {
    /// The file.
    pub path: std::path::PathBuf,
    /// What went wrong ([`io::ErrorKind::AlreadyExists`] when it exists and overwriting was
    /// not allowed).
    #[source]
    pub source: io::Error,
}

/// Writes several files under `root` as one: all of them, or — on any failure — none (see
/// [`write_batch`], every file with the same `overwrite`). With [`Overwrite::Never`], nothing
/// is written when any of them exists. Returns the files written, in order.
pub fn write_all<C: AsRef<[u8]>>(
    root: &Path,
    files: &[(std::path::PathBuf, C)],
    overwrite: Overwrite,
) -> Result<Vec<std::path::PathBuf>, WriteError> {
    let planned: Vec<(PathBuf, &[u8], Overwrite)> = files
        .iter()
        .map(|(path, contents)| (path.clone(), contents.as_ref(), overwrite))
        .collect();
    write_batch(root, &planned)
}

/// Writes several files under `root` as one, each with its own [`Overwrite`]: on any failure
/// nothing is left half-written — the files already in place are put back as they were, and
/// the new ones removed.
///
/// A file on its own is written with [`write_atomic_in`]. Several files do not each pay a
/// full atomic write (a temporary file, a sync and a rename apiece, which for thousands of
/// small files costs seconds of system time): they are written with plain writes into a
/// fresh staging folder (`.faultline-*`, hidden, so the dataset walker never sees it), the
/// data synced once, and then
///
/// - when `root` does not exist yet, the staging folder is renamed to `root`: a reader sees
///   no dataset, then the whole dataset;
/// - when it does, each file is renamed into place (a file replaced is first linked aside, so
///   that a failure can put it back), and the staging folder removed.
///
/// Every destination is held under `root` as [`write_atomic_in`] holds it (a destination
/// that leads out through a link is refused, with nothing written); an existing file gets
/// the staged file's contents with its own permissions kept.
pub fn write_batch<C: AsRef<[u8]>>(
    root: &Path,
    files: &[(PathBuf, C, Overwrite)],
) -> Result<Vec<PathBuf>, WriteError> {
    let fail = |path: &Path| {
        let path = path.to_path_buf();
        move |source| WriteError { path, source }
    };
    if let [(path, contents, overwrite)] = files {
        write_atomic_in(root, path, contents.as_ref(), *overwrite).map_err(fail(path))?;
        return Ok(vec![path.clone()]);
    }
    if let Some((path, ..)) = files
        .iter()
        .find(|(p, _, o)| *o == Overwrite::Never && p.exists())
    {
        return Err(exists(path));
    }
    // Where each file goes, its links followed (and refused when they lead out of `root`).
    let root_real =
        destination_under(root, root).map_err(|link| fail(root)(refused(root, link)))?;
    let mut parents: std::collections::HashMap<PathBuf, PathBuf> = Default::default();
    let mut destinations = Vec::with_capacity(files.len());
    for (path, ..) in files {
        let real = destination(root, path, &mut parents).map_err(fail(path))?;
        destinations.push(real);
    }
    let fresh = matches!(std::fs::symlink_metadata(&root_real), Err(e) if e.kind() == io::ErrorKind::NotFound);
    if fresh {
        write_fresh(&root_real, files, &destinations).map_err(|(i, e)| match i {
            Some(i) => fail(&files[i].0)(e),
            None => fail(root)(e),
        })?;
    } else {
        write_into(&root_real, files, &destinations).map_err(|(i, e)| match i {
            Some(i) => fail(&files[i].0)(e),
            None => fail(root)(e),
        })?;
    }
    Ok(files.iter().map(|(p, ..)| p.clone()).collect())
}

/// An error naming the file (by its index among the files written), or the batch as a whole.
type BatchError = (Option<usize>, io::Error);

fn exists(path: &Path) -> WriteError {
    WriteError {
        path: path.to_path_buf(),
        source: io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} exists; not overwritten", path.display()),
        ),
    }
}

fn refused(root: &Path, link: LinkError) -> io::Error {
    io::Error::new(
        io::ErrorKind::PermissionDenied,
        Refused {
            root: root.to_path_buf(),
            link,
        },
    )
}

/// Where `path` is written, held under `root`: its folder resolved once for all the files in
/// it, and the file itself followed when it is a link.
fn destination(
    root: &Path,
    path: &Path,
    parents: &mut std::collections::HashMap<PathBuf, PathBuf>,
) -> io::Result<PathBuf> {
    let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
        return destination_under(root, path).map_err(|link| refused(root, link));
    };
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return destination_under(root, path).map_err(|link| refused(root, link));
    }
    if let Some(real) = parents.get(parent) {
        return Ok(real.join(name));
    }
    let real = destination_under(root, parent).map_err(|link| refused(root, link))?;
    parents.insert(parent.to_path_buf(), real.clone());
    Ok(real.join(name))
}

/// A staging folder in `dir`: hidden, with the permissions of any new folder.
fn staging_in(dir: &Path) -> io::Result<tempfile::TempDir> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".faultline-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o777));
    }
    builder.tempdir_in(dir)
}

/// Writes a new file with a plain write (it must not exist).
fn write_new(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(contents)
}

/// Makes what was written so far durable: one `syncfs` of the file system on Linux, a sync
/// of each file elsewhere.
fn sync(dir: &Path, written: &[PathBuf]) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        let _ = written;
        let handle = std::fs::File::open(dir)?;
        rustix::fs::syncfs(&handle).map_err(io::Error::from)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = dir;
        for path in written {
            std::fs::File::open(path)?.sync_all()?;
        }
        Ok(())
    }
}

/// A new `root`: everything written into a staging folder beside it, which is then renamed.
fn write_fresh<C: AsRef<[u8]>>(
    root: &Path,
    files: &[(PathBuf, C, Overwrite)],
    destinations: &[PathBuf],
) -> Result<(), BatchError> {
    let parent = root.parent().unwrap_or(Path::new("/"));
    std::fs::create_dir_all(parent).map_err(|e| (None, e))?;
    let staging = staging_in(parent).map_err(|e| (None, e))?;
    let mut made: std::collections::HashSet<PathBuf> = Default::default();
    let mut written = Vec::with_capacity(files.len());
    for (i, ((_, contents, _), real)) in files.iter().zip(destinations).enumerate() {
        let Ok(rel) = real.strip_prefix(root) else {
            return Err((Some(i), refused(root, LinkError::Outside)));
        };
        let staged = staging.path().join(rel);
        if let Some(dir) = staged.parent()
            && !made.contains(dir)
        {
            std::fs::create_dir_all(dir).map_err(|e| (Some(i), e))?;
            made.insert(dir.to_path_buf());
        }
        write_new(&staged, contents.as_ref()).map_err(|e| (Some(i), e))?;
        written.push(staged);
    }
    sync(staging.path(), &written).map_err(|e| (None, e))?;
    if std::fs::symlink_metadata(root).is_ok() {
        return Err((
            None,
            io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} appeared while it was being written", root.display()),
            ),
        ));
    }
    let staged = staging.keep();
    if let Err(e) = std::fs::rename(&staged, root) {
        let _ = std::fs::remove_dir_all(&staged);
        return Err((None, e));
    }
    // The rename itself made durable.
    #[cfg(unix)]
    if let Ok(dir) = std::fs::File::open(parent) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// What has been put in place, to be undone on a failure.
enum Placed {
    /// A new file.
    New(PathBuf),
    /// A file replaced; its old contents linked aside at `backup`.
    Replaced { path: PathBuf, backup: PathBuf },
}

/// An existing `root`: the files staged in a folder inside it, then each renamed into place.
fn write_into<C: AsRef<[u8]>>(
    root: &Path,
    files: &[(PathBuf, C, Overwrite)],
    destinations: &[PathBuf],
) -> Result<(), BatchError> {
    let staging = staging_in(root).map_err(|e| (None, e))?;
    let mut written = Vec::with_capacity(files.len());
    for (i, (_, contents, _)) in files.iter().enumerate() {
        let staged = staging.path().join(i.to_string());
        write_new(&staged, contents.as_ref()).map_err(|e| (Some(i), e))?;
        written.push(staged);
    }
    sync(staging.path(), &written).map_err(|e| (None, e))?;

    let mut placed: Vec<Placed> = Vec::with_capacity(files.len());
    let mut made: Vec<PathBuf> = Vec::new();
    let mut known: std::collections::HashSet<PathBuf> = Default::default();
    let mut result = Ok(());
    for (i, ((_, _, overwrite), real)) in files.iter().zip(destinations).enumerate() {
        let step = place(
            &written[i],
            real,
            *overwrite,
            &staging.path().join(format!("old-{i}")),
            &mut placed,
            &mut made,
            &mut known,
        );
        if let Err(e) = step {
            result = Err((Some(i), e));
            break;
        }
    }
    if result.is_err() {
        undo(&placed, &made);
        return result;
    }
    sync(root, &[]).map_err(|e| (None, e))?;
    drop(staging);
    Ok(())
}

/// Puts one staged file in place.
fn place(
    staged: &Path,
    real: &Path,
    overwrite: Overwrite,
    backup: &Path,
    placed: &mut Vec<Placed>,
    made: &mut Vec<PathBuf>,
    known: &mut std::collections::HashSet<PathBuf>,
) -> io::Result<()> {
    if let Some(dir) = real.parent()
        && !known.contains(dir)
    {
        // Each folder created here is removed again on a failure (deepest first).
        let mut missing = Vec::new();
        let mut at = Some(dir);
        while let Some(d) = at {
            if d.exists() {
                break;
            }
            missing.push(d.to_path_buf());
            at = d.parent();
        }
        let created = std::fs::create_dir_all(dir);
        made.extend(missing.into_iter().rev());
        created.map_err(|e| {
            // Not "exists": the file is not there, something in the way of its folder is.
            io::Error::other(format!("cannot make the folder {}: {e}", dir.display()))
        })?;
        known.insert(dir.to_path_buf());
    }
    match std::fs::symlink_metadata(real) {
        Ok(meta) => {
            if overwrite == Overwrite::Never {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!("{} exists; not overwritten", real.display()),
                ));
            }
            std::fs::set_permissions(staged, meta.permissions())?;
            std::fs::hard_link(real, backup)?;
            if let Err(e) = std::fs::rename(staged, real) {
                let _ = std::fs::remove_file(backup);
                return Err(e);
            }
            placed.push(Placed::Replaced {
                path: real.to_path_buf(),
                backup: backup.to_path_buf(),
            });
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            match overwrite {
                // A link fails when the name was taken meanwhile: never clobbers.
                Overwrite::Never => std::fs::hard_link(staged, real)?,
                Overwrite::Allowed => std::fs::rename(staged, real)?,
            }
            placed.push(Placed::New(real.to_path_buf()));
        }
        Err(e) => return Err(e),
    }
    Ok(())
}

/// Puts back what [`place`] changed, last first, and removes the folders it created.
fn undo(placed: &[Placed], made: &[PathBuf]) {
    for p in placed.iter().rev() {
        match p {
            Placed::New(path) => {
                let _ = std::fs::remove_file(path);
            }
            Placed::Replaced { path, backup } => {
                let _ = std::fs::rename(backup, path);
            }
        }
    }
    for dir in made.iter().rev() {
        let _ = std::fs::remove_dir(dir);
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

    #[cfg(unix)]
    #[test]
    fn never_through_a_link_out_of_the_root() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("out");
        std::fs::create_dir_all(root.join("sub")).unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "precious").unwrap();
        symlink(&victim, root.join("report.sarif")).unwrap();
        symlink(dir.path(), root.join("up")).unwrap();
        symlink("sub/real.txt", root.join("inside.txt")).unwrap();
        std::fs::write(root.join("sub/real.txt"), "old").unwrap();

        for (path, root) in [
            (root.join("report.sarif"), root.as_path()),
            (root.join("up/new.txt"), root.as_path()),
            (root.join("sub/../../x.txt"), root.as_path()),
        ] {
            let err = write_atomic_in(root, &path, b"new", Overwrite::Allowed).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::PermissionDenied, "{path:?}");
            let refused = err.get_ref().and_then(|e| e.downcast_ref::<Refused>());
            assert_eq!(
                refused.map(|r| &r.link),
                Some(&LinkError::Outside),
                "{path:?}"
            );
            assert!(err.to_string().contains("nothing was written"), "{err}");
        }
        let err = write_atomic(&root.join("report.sarif"), b"new", Overwrite::Allowed);
        assert_eq!(err.unwrap_err().kind(), io::ErrorKind::PermissionDenied);
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert!(!dir.path().join("new.txt").exists() && !dir.path().join("x.txt").exists());

        // A link inside the root is written at its target and stays a link.
        write_atomic_in(&root, &root.join("inside.txt"), b"new", Overwrite::Allowed).unwrap();
        assert_eq!(
            std::fs::read_to_string(root.join("sub/real.txt")).unwrap(),
            "new"
        );
        let meta = std::fs::symlink_metadata(root.join("inside.txt")).unwrap();
        assert!(meta.file_type().is_symlink());
    }

    /// The files under `dir`, relative, with their contents (hidden ones too).
    fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).unwrap() {
                let p = entry.unwrap().path();
                if p.is_dir() {
                    out.push((p.strip_prefix(dir).unwrap().to_path_buf(), Vec::new()));
                    stack.push(p);
                } else {
                    let bytes = std::fs::read(&p).unwrap();
                    out.push((p.strip_prefix(dir).unwrap().to_path_buf(), bytes));
                }
            }
        }
        out.sort();
        out
    }

    #[test]
    fn a_batch_into_a_new_folder_appears_whole() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("out");
        let files = [
            (root.join("events/2021/a.toml"), "a"),
            (root.join("events/2022/b.toml"), "b"),
            (root.join("places.toml"), "p"),
        ];
        let written = write_all(&root, &files, Overwrite::Never).unwrap();
        assert_eq!(written.len(), 3);
        assert_eq!(
            std::fs::read_to_string(root.join("events/2022/b.toml")).unwrap(),
            "b"
        );
        // Nothing else is left beside it.
        let beside: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(beside.len(), 1);
        // Written again: refused, nothing changed.
        let again = [
            (root.join("new.toml"), "x"),
            (root.join("places.toml"), "q"),
        ];
        let err = write_all(&root, &again, Overwrite::Never).unwrap_err();
        assert_eq!(err.source.kind(), io::ErrorKind::AlreadyExists);
        assert!(!root.join("new.toml").exists());
    }

    #[test]
    fn a_failed_batch_into_a_new_folder_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("out");
        // The same file twice: the second plain write fails.
        let files = [(root.join("a.toml"), "a"), (root.join("a.toml"), "b")];
        assert!(write_all(&root, &files, Overwrite::Allowed).is_err());
        assert!(!root.exists());
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "no staging left"
        );
    }

    #[test]
    fn a_failed_batch_into_a_folder_puts_everything_back() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("places.toml"), "old places").unwrap();
        std::fs::create_dir(root.join("events")).unwrap();
        // A file where a folder must be made: the third file cannot be placed.
        std::fs::write(root.join("events/2022"), "in the way").unwrap();
        let before = tree(root);
        let files = [
            (root.join("places.toml"), "new places", Overwrite::Allowed),
            (root.join("events/2021/a.toml"), "a", Overwrite::Never),
            (root.join("events/2022/b.toml"), "b", Overwrite::Never),
        ];
        let err = write_batch(root, &files).unwrap_err();
        assert_eq!(err.path, root.join("events/2022/b.toml"));
        assert_ne!(err.source.kind(), io::ErrorKind::AlreadyExists, "{err}");
        assert_eq!(
            tree(root),
            before,
            "the replaced file back, the new ones and folders gone"
        );

        // Without the obstacle the same batch is written whole, the staging folder removed.
        std::fs::remove_file(root.join("events/2022")).unwrap();
        write_batch(root, &files).unwrap();
        assert_eq!(
            std::fs::read_to_string(root.join("places.toml")).unwrap(),
            "new places"
        );
        assert_eq!(
            std::fs::read_to_string(root.join("events/2022/b.toml")).unwrap(),
            "b"
        );
        let hidden = std::fs::read_dir(root)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with('.')
            })
            .count();
        assert_eq!(hidden, 0);
    }

    #[cfg(unix)]
    #[test]
    fn a_batch_never_goes_through_a_link_out_of_its_root() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("data");
        let outside = dir.path().join("outside");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        symlink(&outside, root.join("events")).unwrap();
        let files = [
            (root.join("places.toml"), "p"),
            (root.join("events/2021/a.toml"), "a"),
        ];
        let err = write_all(&root, &files, Overwrite::Allowed).unwrap_err();
        assert_eq!(err.source.kind(), io::ErrorKind::PermissionDenied);
        assert!(!root.join("places.toml").exists(), "nothing written");
        assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0);
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
