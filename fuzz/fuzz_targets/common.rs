//! Shared by the fuzz targets: one temporary folder per process, in memory when /dev/shm
//! exists, reused by every run.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The process's scratch folder.
pub fn scratch() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let mut b = tempfile::Builder::new();
        b.prefix("faultline-fuzz-");
        let shm = Path::new("/dev/shm");
        let dir = if shm.is_dir() {
            b.tempdir_in(shm)
        } else {
            b.tempdir()
        };
        dir.expect("a temporary folder")
    })
    .path()
}

/// Writes `bytes` at `rel` under the scratch folder and returns the path.
pub fn put(rel: &str, bytes: &[u8]) -> PathBuf {
    let path = scratch().join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("a folder");
    }
    std::fs::write(&path, bytes).expect("a write");
    path
}
