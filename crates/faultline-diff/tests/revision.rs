//! Reading a dataset from a git revision of a temporary repository: what is read, what is
//! refused, and how files are named. Skipped, with a note, where git is not installed.

#![allow(clippy::unwrap_used, clippy::print_stderr)]

use std::path::Path;
use std::process::Command;

use faultline_dataset::{LoadErrorKind, LoadOptions};
use faultline_diff::{Repository, RevisionError};

fn git(dir: &Path, args: &[&str]) -> Option<()> {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=faultline",
            "-c",
            "user.email=ci@example.org",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .ok()?;
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(())
}

const EVENT: &str = "id = \"2021-11-16-clash\"\ntitle = \"Clash\"\nkind = \"armed-clash\"\n\
                     summary = \"...\"\nsources = []\n\n[date]\nstart = 2021-11-16\nprecision = \"day\"\n";

#[test]
fn a_revision_is_read_like_a_directory() {
    let repo = tempfile::tempdir().unwrap();
    let dir = repo.path();
    if git(dir, &["init", "-q"]).is_none() {
        eprintln!("note: git is not installed; the revision tests are skipped");
        return;
    }
    let data = dir.join("data");
    std::fs::create_dir_all(data.join("events/2021")).unwrap();
    std::fs::write(data.join("events/2021/2021-11-16-clash.toml"), EVENT).unwrap();
    std::fs::write(
        data.join("events/2021/2021-11-17-huge.toml"),
        "#".repeat(5000),
    )
    .unwrap();
    std::fs::write(data.join("README.md"), "not a record").unwrap();
    std::fs::create_dir_all(data.join("sources")).unwrap();
    std::fs::write(
        data.join("sources/a source with spaces é.toml"),
        "id = \"a-source\"\ntitle = \"A source\"\n",
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc/passwd", data.join("events/2021/2021-11-18-link.toml"))
        .unwrap();
    git(dir, &["add", "-A"]).unwrap();
    git(dir, &["commit", "-q", "-m", "v1"]).unwrap();
    // The working tree moves on; the revision does not.
    std::fs::remove_dir_all(data.join("events")).unwrap();

    let repo = Repository::discover(dir).unwrap();
    let commit = repo.resolve("HEAD").unwrap();
    assert_eq!(commit.len(), 40);
    let path = repo.path_of(Path::new("data")).unwrap();
    assert_eq!(path, "data");
    let options = LoadOptions {
        max_file_bytes: 1000,
        ..LoadOptions::default()
    };
    let dataset = repo.load(&commit, &path, "v1", &options).unwrap();
    assert_eq!(dataset.events.len(), 1);
    assert_eq!(dataset.events[0].record.id.as_str(), "2021-11-16-clash");
    assert_eq!(dataset.sources.len(), 1);
    assert!(dataset.root.is_none(), "the temporary folder is gone");

    let errors: Vec<(&str, String)> = dataset
        .errors
        .iter()
        .map(|e| (e.path.as_str(), e.kind.to_string()))
        .collect();
    assert!(
        errors
            .iter()
            .any(|(p, m)| *p == "v1:data/events/2021/2021-11-17-huge.toml"
                && m.contains("more than the 1000-byte limit")),
        "{errors:?}"
    );
    #[cfg(unix)]
    assert!(
        errors
            .iter()
            .any(|(p, m)| *p == "v1:data/events/2021/2021-11-18-link.toml"
                && m.contains("symbolic link")),
        "{errors:?}"
    );
    assert!(
        dataset
            .errors
            .iter()
            .all(|e| matches!(e.kind, LoadErrorKind::Io(_)))
    );
    assert!(dataset.files.iter().all(|f| f.name.starts_with("v1:data/")));

    // The dataset folder at the top of the repository, and one that does not exist.
    let top = repo.load(&commit, "", "v1", &options).unwrap();
    assert_eq!(
        top.events.len(),
        0,
        "data/ is not a dataset layout at the top"
    );
    assert!(matches!(
        repo.load(&commit, "elsewhere", "v1", &options),
        Err(RevisionError::NoDataset { .. })
    ));
    assert!(matches!(
        repo.resolve("no-such-branch"),
        Err(RevisionError::Unknown(_))
    ));
    assert!(matches!(
        repo.resolve("-n1"),
        Err(RevisionError::OptionLike(_))
    ));
}
