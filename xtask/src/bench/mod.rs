//! `cargo xtask bench`: the speed benchmark of the linter and the importer, and its targets.
//!
//! 1. Builds the release binaries: `cargo build --release -p xtask --bin bench` (the probe)
//!    and `cargo build --release -p faultline-cli` (the linter as users build it).
//! 2. Generates (or reuses) deterministic synthetic inputs in `target/bench-data/`
//!    ([`generate`]): TOML dataset directories, JSON Lines files, an ACLED CSV.
//! 3. On each input, as child processes, best of N runs ([`measure`]):
//!    (a) the floor — read and parse every record into the model, no checks;
//!    (b) JSON Schema validation of every record;
//!    (c) the full lint, `faultline lint ... --format json -o FILE`;
//!    (d) `faultline import acled FILE --out FILE.jsonl` for ACLED inputs;
//!    then (e) the lint again with `RAYON_NUM_THREADS=1` and `=2`, outputs compared, and
//!    (f) the 1M / 100k time ratio of the JSON Lines inputs.
//! 4. Writes the results table ([`report`]) to `target/bench-results.md` and prints it.
//!
//! The timed code is always release code: the harness (this module) runs in the dev profile
//! under `cargo xtask`, but only starts processes and reads their reports.

#![allow(clippy::print_stdout, clippy::print_stderr)]

pub mod generate;
pub mod measure;
pub mod probe;
pub mod report;

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use generate::{Format, Set};
use measure::{Job, Runner, same_bytes};
use report::{LintCheck, Machine, Measure, Results, Row};

/// The date `future-date` compares with in every lint run.
pub const TODAY: &str = "2026-11-21";

/// The inputs of a full run.
pub const DEFAULT_SETS: &str = "toml:10k,toml:100k,jsonl:100k,jsonl:1m,acled:1m";
/// The inputs of `--quick`.
pub const QUICK_SETS: &str = "toml:10k,jsonl:100k,acled:100k";

const USAGE: &str = "usage: cargo xtask bench [--quick] [--sizes LIST] [--runs N] [--timeout SECS] [--memory-limit GB] [--update-doc]

  --quick         only the small inputs (toml:10k, jsonl:100k, acled:100k), for a smoke run
  --sizes LIST    the inputs, comma-separated FORMAT:COUNT with FORMAT toml, jsonl or acled
                  [default: toml:10k,toml:100k,jsonl:100k,jsonl:1m,acled:1m]
  --runs N        runs per measurement, best kept [default: 3, and 1 for inputs of 1M or more]
  --timeout SECS  stop a run after this long [default: 1800]
  --memory-limit GB
                  the most address space one run may take [default: 80% of the machine's memory]
  --update-doc    also copy the results into docs/performance.md (between its markers)";

/// Command-line options of `cargo xtask bench`.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The inputs, in order.
    pub sets: Vec<Set>,
    /// Runs per measurement (`None`: 3, or 1 for inputs of a million or more).
    pub runs: Option<usize>,
    /// Seconds before a run is stopped.
    pub timeout: f64,
    /// The most address space one run may take, GB (`None`: 80% of the machine's memory).
    pub memory_limit_gb: Option<f64>,
    /// Whether to copy the results into docs/performance.md.
    pub update_doc: bool,
}

impl Options {
    /// Parses the arguments after `bench`.
    pub fn parse(args: &[&str]) -> Result<Options, String> {
        let mut sets = None;
        let mut runs = None;
        let mut timeout = 1800.0;
        let mut memory_limit_gb = None;
        let mut update_doc = false;
        let mut i = 0;
        while i < args.len() {
            let value = || {
                args.get(i + 1)
                    .copied()
                    .ok_or_else(|| format!("{} needs a value\n\n{USAGE}", args[i]))
            };
            match args[i] {
                "--quick" => {
                    sets = Some(QUICK_SETS.to_owned());
                    i += 1;
                    continue;
                }
                "--update-doc" => {
                    update_doc = true;
                    i += 1;
                    continue;
                }
                "--sizes" => sets = Some(value()?.to_owned()),
                "--runs" => {
                    runs = Some(
                        value()?
                            .parse::<usize>()
                            .ok()
                            .filter(|n| *n > 0)
                            .ok_or("--runs takes a positive number")?,
                    );
                }
                "--timeout" => {
                    timeout = value()?
                        .parse::<f64>()
                        .ok()
                        .filter(|t| *t > 0.0)
                        .ok_or("--timeout takes seconds")?;
                }
                "--memory-limit" => {
                    memory_limit_gb = Some(
                        value()?
                            .parse::<f64>()
                            .ok()
                            .filter(|t| *t > 0.0)
                            .ok_or("--memory-limit takes gigabytes")?,
                    );
                }
                "-h" | "--help" => return Err(USAGE.to_owned()),
                other => return Err(format!("unknown option `{other}`\n\n{USAGE}")),
            }
            i += 2;
        }
        let sets = sets
            .as_deref()
            .unwrap_or(DEFAULT_SETS)
            .split(',')
            .filter(|s| !s.trim().is_empty())
            .map(|s| Set::parse(s.trim()))
            .collect::<Result<Vec<_>, _>>()?;
        if sets.is_empty() {
            return Err(format!("--sizes names no input\n\n{USAGE}"));
        }
        Ok(Options {
            sets,
            runs,
            timeout,
            memory_limit_gb,
            update_doc,
        })
    }

    /// Runs for a measurement of `set`.
    pub fn runs_for(&self, set: &Set) -> usize {
        self.runs
            .unwrap_or(if set.events >= 1_000_000 { 1 } else { 3 })
    }
}

/// The repository root (the parent of `xtask/`).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// The target directory cargo builds into.
fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map_or_else(|| root.join("target"), |t| root.join(t))
}

/// Runs `cargo build --release ...` in the repository root.
fn cargo_build(root: &Path, args: &[&str]) -> Result<(), String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    eprintln!("$ cargo build --release {}", args.join(" "));
    let status = Command::new(cargo)
        .args(["build", "--release"])
        .args(args)
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("cargo build --release {} failed", args.join(" ")))
    }
}

fn os(args: &[&str]) -> Vec<OsString> {
    args.iter().map(OsString::from).collect()
}

/// `cargo xtask bench ARGS`: returns the results table.
pub fn run(args: &[&str]) -> Result<String, String> {
    let options = Options::parse(args)?;
    let root = root();
    let mut machine = Machine::detect(&root);
    let target = target_dir(&root);
    cargo_build(&root, &["-p", "xtask", "--bin", "bench"])?;
    cargo_build(&root, &["-p", "faultline-cli"])?;
    let data = target.join("bench-data");
    // Run copies: the target directory is shared, and a rebuild by anyone else during the
    // benchmark must not swap the binary under test.
    let bin = data.join("bin");
    std::fs::create_dir_all(&bin).map_err(|e| format!("{}: {e}", bin.display()))?;
    let probe = bin.join("bench");
    let faultline = bin.join("faultline");
    for (from, to) in [("release/bench", &probe), ("release/faultline", &faultline)] {
        let from = target.join(from);
        let _ = std::fs::remove_file(to);
        std::fs::copy(&from, to).map_err(|e| format!("{}: {e}", from.display()))?;
    }
    let runs_dir = data.join("runs");
    let logs = runs_dir.join("logs");
    std::fs::create_dir_all(&logs).map_err(|e| format!("{}: {e}", logs.display()))?;

    // Generate (in release code: a million events take seconds, not minutes).
    eprintln!("$ target/release/bench generate --data target/bench-data ...");
    let output = Command::new(&probe)
        .arg("generate")
        .arg("--data")
        .arg(&data)
        .args(
            options
                .sets
                .iter()
                .map(|s| format!("{}:{}", s.format.as_str(), s.events)),
        )
        .output()
        .map_err(|e| format!("cannot run {}: {e}", probe.display()))?;
    let prefix = format!("{}/", root.display());
    let generation: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| l.replace(&prefix, ""))
        .collect();
    for line in &generation {
        eprintln!("  {line}");
    }
    if !output.status.success() {
        return Err(format!(
            "generation failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }

    let runner = Runner {
        probe: probe.clone(),
        cwd: data.clone(),
        logs,
        timeout: options.timeout,
        memory_limit: options.memory_limit_gb.map_or_else(
            || machine.memory_gib * 0.8 * 1024.0 * 1024.0 * 1024.0,
            |gb| gb * 1e9,
        ) as u64,
    };
    let fl = faultline.as_os_str().to_owned();
    let pr = probe.as_os_str().to_owned();
    let mut rows = Vec::new();
    let mut checks = Vec::new();
    for set in &options.sets {
        let name = set.name();
        let file = set.path(Path::new("")).to_string_lossy().into_owned();
        let runs = options.runs_for(set);
        eprintln!("{name}: warming the page cache");
        let _ = Command::new(&probe)
            .arg("warm")
            .arg(&file)
            .arg("registry")
            .current_dir(&data)
            .status();
        if set.format == Format::Acled {
            let out = format!("runs/import-{name}.jsonl");
            let out_path = data.join(&out);
            let remove = move || {
                let _ = std::fs::remove_file(&out_path);
            };
            let argv = os(&["import", "acled", &file, "--out", &out]);
            let m = runner.measure(&Job {
                tag: format!("import-{name}"),
                argv: prefixed(&fl, &argv),
                env: Vec::new(),
                runs,
                ok_codes: &[0, 1],
                before: Some(&remove),
            });
            remove(); // a gigabyte at 1M rows, and nothing reads it

            rows.push(Row::new(*set, Measure::Import, "faultline", &argv, runs, m));
            continue;
        }
        let data_args: Vec<&str> = match set.format {
            Format::Jsonl => vec!["--data", "registry"],
            _ => Vec::new(),
        };
        let lint = |out: &str| {
            let mut a = os(&["lint", &file]);
            a.extend(os(&data_args));
            a.extend(os(&["--today", TODAY, "--format", "json", "-o", out]));
            a
        };
        let probe_args = |sub: &str| {
            let mut a = os(&[sub]);
            a.extend(os(&data_args));
            a.push(file.clone().into());
            a
        };
        let out = format!("runs/lint-{name}.json");
        let argvs = [
            (Measure::Floor, "bench", probe_args("floor")),
            (Measure::Schema, "bench", probe_args("schema")),
            (Measure::Lint, "faultline", lint(&out)),
        ];
        let jobs: Vec<Job<'_>> = argvs
            .iter()
            .map(|(measure, program, argv)| Job {
                tag: format!("{}-{name}", measure.tag()),
                argv: prefixed(if *program == "bench" { &pr } else { &fl }, argv),
                env: Vec::new(),
                runs,
                ok_codes: if *measure == Measure::Lint {
                    &[0, 1]
                } else {
                    &[0]
                },
                before: None,
            })
            .collect();
        let mut completed = false;
        for ((measure, program, argv), done) in argvs.iter().zip(runner.interleaved(&jobs)) {
            if *measure == Measure::Lint {
                completed = done.failure.is_none();
            }
            rows.push(Row::new(*set, *measure, program, argv, runs, done));
        }
        let mut check = LintCheck::new(*set, planted(set));
        if completed {
            check.read_findings(&data.join(&out));
            let mut outputs = Vec::new();
            for threads in ["1", "2"] {
                let o = format!("runs/lint-{name}-t{threads}.json");
                let m = runner.measure(&Job {
                    tag: format!("lint-{name}-t{threads}"),
                    argv: prefixed(&fl, &lint(&o)),
                    env: vec![("RAYON_NUM_THREADS", threads)],
                    runs: 1,
                    ok_codes: &[0, 1],
                    before: None,
                });
                check.threads.push((threads.to_owned(), m));
                outputs.push(data.join(o));
            }
            let main = data.join(&out);
            check.identical = Some(outputs.iter().all(|o| same_bytes(o, &main)));
        }
        checks.push(check);
    }

    machine.load_after = report::load_average();
    let results = Results {
        machine,
        command: std::iter::once("cargo xtask bench")
            .chain(args.iter().copied())
            .collect::<Vec<_>>()
            .join(" "),
        generation,
        limits: format!(
            "timeout {:.0} s, address space {:.1} GB",
            runner.timeout,
            runner.memory_limit as f64 / 1e9
        ),
        rows,
        checks,
    };
    let text = report::render(&results);
    let path = target.join("bench-results.md");
    std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
    eprintln!("wrote {}", path.display());
    if options.update_doc {
        let doc_path = root.join("docs/performance.md");
        let doc = std::fs::read_to_string(&doc_path)
            .map_err(|e| format!("{}: {e}", doc_path.display()))?;
        let updated = report::embed(&doc, &text).ok_or_else(|| {
            format!(
                "{}: the markers {} and {} are missing",
                doc_path.display(),
                report::DOC_START,
                report::DOC_END
            )
        })?;
        std::fs::write(&doc_path, updated).map_err(|e| format!("{}: {e}", doc_path.display()))?;
        eprintln!("updated {}", doc_path.display());
    }
    Ok(text)
}

fn prefixed(program: &OsString, args: &[OsString]) -> Vec<OsString> {
    std::iter::once(program.clone())
        .chain(args.iter().cloned())
        .collect()
}

/// How many defects of each rule the first `set.events` events carry.
fn planted(set: &Set) -> BTreeMap<&'static str, usize> {
    let mut map = BTreeMap::new();
    for i in 0..set.events {
        if let Some(d) = generate::defect_of(i) {
            *map.entry(d.rule()).or_default() += 1;
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options() {
        let o = Options::parse(&[]).unwrap();
        assert_eq!(o.sets.len(), 5);
        assert_eq!(o.runs_for(&o.sets[0]), 3);
        assert_eq!(o.runs_for(&o.sets[3]), 1);
        let o = Options::parse(&["--quick", "--runs", "2"]).unwrap();
        assert_eq!(
            o.sets.iter().map(Set::name).collect::<Vec<_>>(),
            ["toml-10k", "jsonl-100k", "acled-100k"]
        );
        assert_eq!(o.runs_for(&o.sets[0]), 2);
        let o =
            Options::parse(&["--sizes", "jsonl:2500", "--timeout", "60", "--update-doc"]).unwrap();
        assert_eq!(o.sets[0].events, 2500);
        assert!(o.update_doc);
        assert!(Options::parse(&["--sizes", "csv:1k"]).is_err());
        assert!(Options::parse(&["--runs", "0"]).is_err());
        assert!(Options::parse(&["--bogus"]).is_err());
    }
}
