//! `faultline diff` as a user runs it: the three outputs on a pair of datasets with every kind
//! of change (snapshots), the JSON shape documented in docs/diff.md, colour, exit codes, and
//! git revisions of a temporary repository.

#![allow(clippy::unwrap_used, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff")
}

fn run_in(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_faultline"));
    cmd.args(args).current_dir(dir).env_remove("NO_COLOR");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out: Output = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// `faultline diff old new ARGS` in the fixture folder.
fn diff(args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["diff", "old", "new"];
    all.extend_from_slice(args);
    run_in(&fixtures(), &all, &[])
}

#[test]
fn text() {
    let (code, out, err) = diff(&[]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains('\u{1b}'), "no colour without a terminal");
    insta::assert_snapshot!(out);
}

#[test]
fn markdown() {
    let (code, out, err) = diff(&["--format", "markdown"]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!(out);
}

#[test]
fn json() {
    let (code, out, err) = diff(&["--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    insta::assert_json_snapshot!(v);
}

/// The JSON shape is a contract: every key of every object it can hold, in order.
#[test]
fn json_shape_is_the_documented_contract() {
    let (_, out, _) = diff(&["--format", "json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let keys = |v: &Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    assert_eq!(
        keys(&v),
        [
            "version", "old", "new", "summary", "events", "sources", "places", "actors", "totals",
            "invalid"
        ]
    );
    assert_eq!(v["version"], 1);
    assert_eq!(
        keys(&v["old"]),
        [
            "label", "commit", "events", "sources", "places", "actors", "invalid"
        ]
    );
    assert_eq!(
        keys(&v["summary"]),
        [
            "events", "claims", "figures", "sources", "places", "actors", "invalid"
        ]
    );
    assert_eq!(
        keys(&v["summary"]["events"]),
        ["added", "removed", "renamed", "changed"]
    );
    assert_eq!(
        keys(&v["summary"]["claims"]),
        ["added", "withdrawn", "changed"]
    );
    assert_eq!(
        keys(&v["summary"]["figures"]),
        ["added", "withdrawn", "revised", "changed"]
    );
    assert_eq!(keys(&v["summary"]["invalid"]), ["old", "new"]);
    let allowed = |v: &Value, all: &[&str], required: &[&str]| {
        let k = keys(v);
        for key in &k {
            assert!(all.contains(&key.as_str()), "unexpected key {key} in {v}");
        }
        for key in required {
            assert!(k.iter().any(|x| x == key), "missing key {key} in {v}");
        }
    };
    let field = |f: &Value| allowed(f, &["field", "old", "new", "added", "removed"], &["field"]);
    for e in v["events"].as_array().unwrap() {
        allowed(
            e,
            &[
                "change", "id", "old_id", "title", "fields", "claims", "figures", "record",
            ],
            &["change", "id", "title"],
        );
        assert!(
            ["added", "removed", "renamed", "changed"].contains(&e["change"].as_str().unwrap())
        );
        e["fields"].as_array().into_iter().flatten().for_each(field);
        for c in e["claims"].as_array().into_iter().flatten() {
            allowed(
                c,
                &["change", "claimant", "kind", "old", "new", "fields"],
                &["change", "claimant", "kind"],
            );
            c["fields"].as_array().into_iter().flatten().for_each(field);
        }
        for f in e["figures"].as_array().into_iter().flatten() {
            allowed(
                f,
                &[
                    "change",
                    "party",
                    "category",
                    "from",
                    "to",
                    "claimant_changed",
                    "source_changed",
                    "old",
                    "new",
                    "fields",
                ],
                &[
                    "change",
                    "party",
                    "category",
                    "claimant_changed",
                    "source_changed",
                ],
            );
            for value in [&f["from"], &f["to"]].into_iter().filter(|v| !v.is_null()) {
                allowed(
                    value,
                    &["text", "low", "best", "high", "claimant", "source"],
                    &["text"],
                );
            }
        }
    }
    for kind in ["sources", "places", "actors"] {
        for r in v[kind].as_array().unwrap() {
            allowed(
                r,
                &["change", "id", "old_id", "name", "fields", "record"],
                &["change", "id"],
            );
        }
    }
    assert!(!v["totals"].as_array().unwrap().is_empty());
    for t in v["totals"].as_array().unwrap() {
        assert_eq!(keys(t), ["party", "category", "old", "new", "events"]);
        assert_eq!(keys(&t["old"]), ["low", "best", "high"]);
        for r in t["events"].as_array().unwrap() {
            allowed(r, &["event", "change", "old", "new"], &["event", "change"]);
        }
    }
    for i in v["invalid"].as_array().unwrap() {
        allowed(
            i,
            &["side", "id", "file", "line", "column", "message"],
            &["side", "file", "line", "column", "message"],
        );
    }
}

/// docs/diff.md shows the JSON output for one fixture pair; it must be exactly what the
/// command prints.
#[test]
fn the_documented_example_is_the_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let doc = std::fs::read_to_string(root.join("docs/diff.md")).unwrap();
    let marker = "<!-- example: faultline diff old new --format json, in crates/faultline-diff/tests/fixtures/figure-revised -->";
    let after = &doc[doc.find(marker).expect("the example's marker") + marker.len()..];
    let start = after.find("```json\n").unwrap() + "```json\n".len();
    let example = &after[start..start + after[start..].find("```").unwrap()];
    let dir = root.join("crates/faultline-diff/tests/fixtures/figure-revised");
    let (code, out, err) = run_in(&dir, &["diff", "old", "new", "--format", "json"], &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(example, out, "update the example in docs/diff.md");
}

#[test]
fn colour_on_request_even_with_no_color() {
    let (_, out, _) = diff(&["--color", "always"]);
    assert!(out.contains("\u{1b}[32m+\u{1b}[0m"), "{out}");
    // An explicit flag wins over NO_COLOR (the NO_COLOR convention); `auto` honours it.
    let (_, out, _) = run_in(
        &fixtures(),
        &["diff", "old", "new", "--color", "always"],
        &[("NO_COLOR", "1")],
    );
    assert!(out.contains('\u{1b}'));
    let (_, out, _) = run_in(
        &fixtures(),
        &["diff", "old", "new", "--color", "auto"],
        &[("NO_COLOR", "1")],
    );
    assert!(!out.contains('\u{1b}'));
    let (_, out, _) = diff(&["--format", "markdown", "--color", "always"]);
    assert!(
        !out.contains('\u{1b}'),
        "colour is for the text report only"
    );
}

#[test]
fn exit_codes() {
    assert_eq!(diff(&[]).0, 0, "differences are not an error");
    assert_eq!(diff(&["--exit-code"]).0, 1);
    let (code, out, _) = run_in(&fixtures(), &["diff", "old", "old", "--exit-code"], &[]);
    assert_eq!(code, 0);
    assert!(out.ends_with("no differences\n"), "{out}");

    let (code, _, err) = run_in(
        &fixtures(),
        &["diff", "old", "missing"],
        &[("GIT_CEILING_DIRECTORIES", "/")],
    );
    assert_eq!(code, 2);
    assert!(err.contains("missing"), "{err}");
    let (code, _, err) = run_in(&fixtures(), &["diff", "old", "old/places.toml"], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("not a directory"), "{err}");
}

#[test]
fn report_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("changes.md");
    let (code, out, err) = diff(&["--format", "markdown", "-o", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty());
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(
        written.starts_with("### faultline diff: `old` → `new`"),
        "{written}"
    );
}

#[test]
fn markdown_kept_under_a_limit() {
    let (_, full, _) = diff(&["--format", "markdown"]);
    let (_, cut, _) = diff(&["--format", "markdown", "--limit", "2500"]);
    assert!(cut.len() <= 2500, "{} bytes", cut.len());
    assert!(cut.len() < full.len());
    assert!(cut.contains("more changed records, left out"), "{cut}");
    assert!(
        cut.contains("#### Totals that moved"),
        "the totals are always kept"
    );
}

#[test]
fn record_text_cannot_drive_the_terminal_or_the_markdown() {
    let dir = tempfile::tempdir().unwrap();
    for side in ["old", "new"] {
        std::fs::create_dir_all(dir.path().join(side).join("events/2021")).unwrap();
    }
    let event = |title: &str| {
        format!(
            "id = \"2021-11-16-clash\"\ntitle = \"{title}\"\nkind = \"armed-clash\"\nsummary = \"s\"\n\
             sources = []\n\n[date]\nstart = 2021-11-16\nprecision = \"day\"\n"
        )
    };
    std::fs::write(
        dir.path().join("old/events/2021/2021-11-16-clash.toml"),
        event("Clash"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("new/events/2021/2021-11-16-clash.toml"),
        event(r"Clash\u001b]0;pwned\u0007 <img src=x onerror=alert(1)> | **bold** \u202e"),
    )
    .unwrap();
    let (_, text, _) = run_in(dir.path(), &["diff", "old", "new"], &[]);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{202e}'),
        "{text}"
    );
    assert!(text.contains("⟨U+001B⟩"), "{text}");
    let (_, md, _) = run_in(
        dir.path(),
        &["diff", "old", "new", "--format", "markdown"],
        &[],
    );
    assert!(!md.contains("<img"), "{md}");
    assert!(md.contains("&lt;img") || md.contains("\\<img"), "{md}");
    assert!(
        md.contains("\\*\\*bold\\*\\*"),
        "emphasis escaped in the list: {md}"
    );
}

// ---------------------------------------------------------------- git revisions

/// Runs git in `dir` with a private configuration; `None` when git is not installed.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=faultline",
            "-c",
            "user.email=ci@example.org",
            "-c",
            "init.defaultBranch=main",
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
    Some(String::from_utf8(out.stdout).unwrap())
}

fn copy_dir(from: &Path, to: &Path) {
    if to.exists() {
        std::fs::remove_dir_all(to).unwrap();
    }
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A repository whose `data/` is the fixture's old dataset at tag v1 and the new one at tag
/// v2 (on `main`), with a branch `feature` from v1 that adds one event.
fn repository() -> Option<tempfile::TempDir> {
    let repo = tempfile::tempdir().unwrap();
    let dir = repo.path();
    if git(dir, &["init", "-q"]).is_none() {
        eprintln!(
            "note: git is not installed; the git-revision tests of `faultline diff` are skipped"
        );
        return None;
    }
    copy_dir(&fixtures().join("old"), &dir.join("data"));
    git(dir, &["add", "-A"])?;
    git(dir, &["commit", "-q", "-m", "v1"])?;
    git(dir, &["tag", "v1"])?;
    copy_dir(&fixtures().join("new"), &dir.join("data"));
    git(dir, &["add", "-A"])?;
    git(dir, &["commit", "-q", "-m", "v2"])?;
    git(dir, &["tag", "v2"])?;
    git(dir, &["checkout", "-q", "-b", "feature", "v1"])?;
    std::fs::copy(
        fixtures().join("new/events/2021/2021-11-16-pashinyan-offers-peace-treaty.toml"),
        dir.join("data/events/2021/2021-11-16-pashinyan-offers-peace-treaty.toml"),
    )
    .unwrap();
    git(dir, &["add", "-A"])?;
    git(dir, &["commit", "-q", "-m", "feature"])?;
    git(dir, &["checkout", "-q", "main"])?;
    Some(repo)
}

fn in_repo(dir: &Path, args: &[&str]) -> (i32, String, String) {
    run_in(
        dir,
        args,
        &[
            ("GIT_CONFIG_NOSYSTEM", "1"),
            ("GIT_CONFIG_GLOBAL", "/dev/null"),
        ],
    )
}

fn json_of(out: &str) -> Value {
    serde_json::from_str(out).unwrap()
}

#[test]
fn git_revisions() {
    let Some(repo) = repository() else { return };
    let dir = repo.path();

    // Two revisions compare like the two directories they hold.
    let (code, out, err) = in_repo(dir, &["diff", "v1..v2", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let by_revision = json_of(&out);
    let (_, out, _) = diff(&["--format", "json"]);
    let by_directory = json_of(&out);
    for key in ["summary", "events", "sources", "places", "actors", "totals"] {
        assert_eq!(by_revision[key], by_directory[key], "{key}");
    }
    assert_eq!(by_revision["old"]["label"], "v1");
    assert_eq!(by_revision["old"]["commit"].as_str().unwrap().len(), 40);
    assert_eq!(
        by_revision["invalid"][0]["file"],
        "v2:data/events/2021/2021-11-13-grenade-attack.toml"
    );

    // One revision: compared with the working tree, whose uncommitted change shows, and
    // which is left as it was (files, index, HEAD).
    std::fs::remove_file(
        dir.join("data/events/2021/2021-11-16-pashinyan-offers-peace-treaty.toml"),
    )
    .unwrap();
    let status = git(dir, &["status", "--porcelain"]).unwrap();
    let head = git(dir, &["rev-parse", "HEAD"]).unwrap();
    let (code, out, err) = in_repo(dir, &["diff"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("faultline diff HEAD ("), "{out}");
    assert!(out.contains("events +0 −1 ~0"), "{out}");
    assert!(
        out.contains("- 2021-11-16-pashinyan-offers-peace-treaty"),
        "{out}"
    );
    let (code, out, _) = in_repo(dir, &["diff", "v2", "--exit-code"]);
    assert_eq!(code, 1);
    assert!(out.contains("→ data\n"), "{out}");
    assert_eq!(git(dir, &["status", "--porcelain"]).unwrap(), status);
    assert_eq!(git(dir, &["rev-parse", "HEAD"]).unwrap(), head);

    // From a subfolder, --data is relative to where the command runs.
    std::fs::create_dir_all(dir.join("docs")).unwrap();
    let (code, out, err) = in_repo(
        &dir.join("docs"),
        &["diff", "v1..v2", "--data", "../data", "--format", "json"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(json_of(&out)["summary"], by_directory["summary"]);

    // A...B: what the branch changed since it left main, not main's own changes.
    let (code, out, err) = in_repo(dir, &["diff", "main...feature", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v = json_of(&out);
    assert_eq!(
        v["summary"]["events"],
        serde_json::json!({"added": 1, "removed": 0, "renamed": 0, "changed": 0})
    );
    assert_eq!(
        v["events"][0]["id"],
        "2021-11-16-pashinyan-offers-peace-treaty"
    );
}

/// A committed symbolic link is never followed in a git revision; a link to a record file and
/// a link standing for a folder of records are both reported by their own path, never left
/// out in silence.
#[cfg(unix)]
#[test]
fn links_in_a_revision_are_reported() {
    let Some(repo) = repository() else { return };
    let dir = repo.path();
    let events = dir.join("data/events");
    std::os::unix::fs::symlink(
        "2021/2021-11-13-grenade-attack.toml",
        events.join("2021-file-link.toml"),
    )
    .unwrap();
    std::os::unix::fs::symlink("2021", events.join("folder-link")).unwrap();
    std::os::unix::fs::symlink("events", dir.join("data/sources-elsewhere")).unwrap();
    git(dir, &["add", "-A"]).unwrap();
    git(dir, &["commit", "-q", "-m", "links"]).unwrap();

    let (code, out, err) = in_repo(dir, &["diff", "v2..HEAD", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v = json_of(&out);
    let invalid: Vec<String> = v["invalid"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| format!("{} {}", i["file"].as_str().unwrap(), i["message"]))
        .filter(|l| l.contains("symbolic link"))
        .collect();
    assert_eq!(invalid.len(), 2, "{invalid:#?}");
    assert!(
        invalid[0].starts_with("HEAD:data/events/2021-file-link.toml "),
        "{invalid:#?}"
    );
    assert!(
        invalid[1].starts_with("HEAD:data/events/folder-link "),
        "{invalid:#?}"
    );
    // A link outside `events/` and `sources/` stands for nothing the dataset reads.
    assert!(!out.contains("sources-elsewhere"), "{out}");
}

#[test]
fn revisions_are_never_options() {
    let Some(repo) = repository() else { return };
    let dir = repo.path();
    let (code, _, err) = in_repo(dir, &["diff", "--", "--output=/tmp/faultline-pwned"]);
    assert_eq!(code, 2);
    assert!(err.contains("is not a revision"), "{err}");
    assert!(!Path::new("/tmp/faultline-pwned").exists());
    let (code, _, err) = in_repo(dir, &["diff", "v1..--all"]);
    assert_eq!(code, 2);
    assert!(err.contains("--all"), "{err}");

    let (code, _, err) = in_repo(dir, &["diff", "no-such-branch"]);
    assert_eq!(code, 2);
    assert!(err.contains("neither a directory nor a revision"), "{err}");
    let (code, _, err) = in_repo(dir, &["diff", "v1", "--data", "elsewhere"]);
    assert_eq!(code, 2);
    assert!(err.contains("has no folder `elsewhere`"), "{err}");
}

#[test]
fn outside_a_repository() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    let (code, _, err) = run_in(
        dir.path(),
        &["diff", "main"],
        &[(
            "GIT_CEILING_DIRECTORIES",
            dir.path().parent().unwrap().to_str().unwrap(),
        )],
    );
    assert_eq!(code, 2);
    assert!(err.contains("no git repository here"), "{err}");
}
