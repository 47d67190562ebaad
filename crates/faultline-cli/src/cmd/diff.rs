//! `faultline diff`: what changed between two versions of the dataset — directories or git
//! revisions — as text, Markdown or JSON.

use std::io::Write;
use std::path::{Path, PathBuf};

use faultline_dataset::{Dataset, LoadOptions, Overwrite, write_atomic};
use faultline_diff::{ChangeSet, Repository, RevisionError, Side, compare, render};
use miette::{IntoDiagnostic, miette};

use crate::confine;
use crate::exit::Outcome;
use crate::output::Color;

/// Arguments of `faultline diff`.
#[derive(Debug, clap::Args)]
pub(crate) struct DiffArgs {
    /// The old version: a dataset directory, or a git revision of the current repository
    /// (branch, tag, commit) [default: HEAD]. `A..B` compares revision A with revision B;
    /// `A...B` compares B with the commit where it branched from A (what a pull request
    /// changes).
    #[arg(value_name = "OLD")]
    pub(crate) old: Option<PathBuf>,
    /// The new version: a dataset directory or a git revision [default: the --data directory
    /// of the working tree].
    #[arg(value_name = "NEW")]
    pub(crate) new: Option<PathBuf>,
    /// The dataset directory: the working-tree side, and where the dataset is in each
    /// revision.
    #[arg(long, value_name = "DIR", default_value = "data")]
    pub(crate) data: PathBuf,
    /// How to print the report.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub(crate) format: DiffFormat,
    /// Write the report to this file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Colour the text report.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub(crate) color: Color,
    /// Exit with 1 when the versions differ, 0 when they do not (like `git diff
    /// --exit-code`); without it, 0 whenever the comparison ran.
    #[arg(long)]
    pub(crate) exit_code: bool,
    /// Keep the Markdown report under this many bytes, leaving out whole records at the end
    /// (a GitHub comment holds 65,536 characters).
    #[arg(long, value_name = "BYTES")]
    pub(crate) limit: Option<usize>,
}

/// The output formats of `faultline diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum DiffFormat {
    /// A report for a terminal: summary line, then each changed record.
    Text,
    /// Markdown for a pull-request comment or a changelog (a collapsible block per record).
    Markdown,
    /// The change set as JSON (docs/diff.md).
    Json,
}

/// One side as the user named it.
enum Spec {
    /// A dataset directory.
    Path(PathBuf),
    /// A git revision.
    Revision(String),
    /// The commit where two revisions' histories meet (`A...B`).
    MergeBase(String, String),
}

/// A loaded side.
struct Loaded {
    label: String,
    commit: Option<String>,
    dataset: Dataset,
}

pub(crate) fn run(args: &DiffArgs) -> miette::Result<Outcome> {
    if args.limit.is_some() && args.format != DiffFormat::Markdown {
        return Err(miette!(
            "--limit applies to the Markdown report (--format markdown)"
        ));
    }
    if let Some(path) = &args.output {
        confine::output(path)?;
    }
    let (old, new) = specs(args)?;
    let mut repo = None;
    let old = load(&old, args, &mut repo)?;
    let new = load(&new, args, &mut repo)?;
    let set = compare(
        &Side {
            label: &old.label,
            commit: old.commit.as_deref(),
            dataset: &old.dataset,
        },
        &Side {
            label: &new.label,
            commit: new.commit.as_deref(),
            dataset: &new.dataset,
        },
    );
    let text = match args.format {
        DiffFormat::Text => render::text(&set, args.output.is_none() && args.color.enabled()),
        DiffFormat::Markdown => render::markdown(&set, args.limit),
        DiffFormat::Json => render::json(&set),
    };
    write(args, &text)?;
    Ok(outcome(args, &set))
}

fn outcome(args: &DiffArgs, set: &ChangeSet) -> Outcome {
    if args.exit_code && set.has_differences() {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}

fn write(args: &DiffArgs, text: &str) -> miette::Result<()> {
    match &args.output {
        Some(path) => write_atomic(path, text.as_bytes(), Overwrite::Allowed)
            .map_err(|e| confine::write_error(path, &e, "its folder")),
        None => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .into_diagnostic(),
    }
}

/// What the arguments name: `OLD NEW`, `OLD` (and the working tree), `A..B`, `A...B`, or
/// nothing (HEAD and the working tree).
fn specs(args: &DiffArgs) -> miette::Result<(Spec, Spec)> {
    let working_tree = || Spec::Path(args.data.clone());
    match (&args.old, &args.new) {
        (None, None) => Ok((Spec::Revision("HEAD".into()), working_tree())),
        (Some(old), None) => {
            if !old.exists()
                && let Some(range) = old.to_str().and_then(range)
            {
                return Ok(range);
            }
            Ok((spec(old)?, working_tree()))
        }
        (Some(old), Some(new)) => Ok((spec(old)?, spec(new)?)),
        (None, Some(_)) => Err(miette!("NEW given without OLD")),
    }
}

/// `A..B` or `A...B` (an empty end means HEAD, as in git).
fn range(s: &str) -> Option<(Spec, Spec)> {
    let or_head = |r: &str| {
        if r.is_empty() {
            "HEAD".to_owned()
        } else {
            r.to_owned()
        }
    };
    if let Some((a, b)) = s.split_once("...") {
        let (a, b) = (or_head(a), or_head(b));
        return Some((Spec::MergeBase(a, b.clone()), Spec::Revision(b)));
    }
    let (a, b) = s.split_once("..")?;
    Some((Spec::Revision(or_head(a)), Spec::Revision(or_head(b))))
}

/// An existing path is a dataset; anything else names a revision.
fn spec(arg: &Path) -> miette::Result<Spec> {
    if arg.exists() {
        return Ok(Spec::Path(arg.to_path_buf()));
    }
    match arg.to_str() {
        Some(rev) => Ok(Spec::Revision(rev.to_owned())),
        None => Err(miette!("{}: no such directory", arg.display())),
    }
}

fn load(spec: &Spec, args: &DiffArgs, repo: &mut Option<Repository>) -> miette::Result<Loaded> {
    match spec {
        Spec::Path(path) => load_path(path),
        Spec::Revision(rev) => {
            let repo = repository(repo, rev)?;
            let commit = repo.resolve(rev).map_err(|e| revision_error(e, args))?;
            load_commit(repo, &commit, rev, args)
        }
        Spec::MergeBase(a, b) => {
            let repo = repository(repo, a)?;
            let (a, b) = (
                repo.resolve(a).map_err(|e| revision_error(e, args))?,
                repo.resolve(b).map_err(|e| revision_error(e, args))?,
            );
            let base = repo
                .merge_base(&a, &b)
                .map_err(|e| revision_error(e, args))?;
            let label = base.get(..12).unwrap_or(&base).to_owned();
            load_commit(repo, &base, &label, args)
        }
    }
}

fn repository<'a>(repo: &'a mut Option<Repository>, rev: &str) -> miette::Result<&'a Repository> {
    if repo.is_none() {
        let found = Repository::discover(Path::new(".")).map_err(|e| match e {
            RevisionError::NotARepository(_) => miette!(
                help = "outside a git repository, give two dataset directories: faultline diff OLD_DIR NEW_DIR",
                "`{rev}` is not a directory, and there is no git repository here to read it as a revision from"
            ),
            e => miette!("{e}"),
        })?;
        *repo = Some(found);
    }
    repo.as_ref().ok_or_else(|| miette!("no repository"))
}

fn load_commit(
    repo: &Repository,
    commit: &str,
    label: &str,
    args: &DiffArgs,
) -> miette::Result<Loaded> {
    let path = repo
        .path_of(&args.data)
        .map_err(|e| revision_error(e, args))?;
    let dataset = repo
        .load(commit, &path, label, &LoadOptions::default())
        .map_err(|e| revision_error(e, args))?;
    Ok(Loaded {
        label: label.to_owned(),
        commit: Some(commit.to_owned()),
        dataset,
    })
}

fn revision_error(e: RevisionError, args: &DiffArgs) -> miette::Report {
    match e {
        RevisionError::Unknown(rev) => miette!(
            help =
                "give a branch, tag or commit of this repository, or an existing dataset directory",
            "`{rev}` is neither a directory nor a revision of this repository"
        ),
        RevisionError::NoDataset { revision, path } => miette!(
            help = format!(
                "--data names the dataset folder ({}); give the folder the dataset had at that revision",
                args.data.display()
            ),
            "{revision} has no folder `{path}`"
        ),
        e => miette!("{e}"),
    }
}

fn load_path(path: &Path) -> miette::Result<Loaded> {
    if !path.is_dir() {
        return Err(miette!(
            help = "give a dataset directory (with events/, sources/, places.toml, actors.toml)",
            "{}: not a directory",
            path.display()
        ));
    }
    // A working tree is read like `lint` reads it: only inside the dataset (SECURITY.md).
    confine::named(path)?;
    let dataset = Dataset::open(path).map_err(|e| miette!("{e}"))?;
    Ok(Loaded {
        label: path.display().to_string(),
        commit: None,
        dataset,
    })
}
