//! `cargo xtask bench`: the speed and memory benchmark of the linter and the importer, on
//! clean and dirty data, and its targets (docs/performance.md).
//!
//! 1. Builds the release binaries: `cargo build --release -p xtask --bin bench` (the probe)
//!    and `cargo build --release -p faultline-cli` (the linter as users build it).
//! 2. Generates (or reuses) the inputs in `target/bench-data/` ([`generate`]): clean
//!    generated datasets, dirty copies of the bundled records, the pathological cluster, an
//!    ACLED CSV ([`input`] names them).
//! 3. On each input, as child processes through `bench exec` ([`measure`]), interleaved, best
//!    of up to N runs: the floor (the real loader, no checks), the full lint, and the outside
//!    validators where installed ([`outside`]); or the ACLED import. Then the findings by rule,
//!    and the lint again with `RAYON_NUM_THREADS=1` and `=2`, outputs compared.
//! 4. Writes the report ([`report`]) to `target/bench-results.md` and prints it.
//!
//! `cargo xtask bench --micro` runs the micro-benchmarks instead (`xtask/benches/micro.rs`).
//!
//! The timed code is always release code: the harness (this module) runs in the dev profile
//! under `cargo xtask`, but only starts processes and reads their reports.

#![allow(clippy::print_stdout, clippy::print_stderr)]

pub mod generate;
pub mod input;
pub mod machine;
pub mod measure;
pub mod outside;
pub mod probe;
pub mod report;

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use input::{Format, Records, Set};
use machine::Machine;
use measure::{Job, Runner, same_bytes};
use report::{LintCheck, Measure, Results, Row, Threads};

/// The date `future-date` compares with in every lint run.
pub const TODAY: &str = "2026-11-21";

/// The inputs of a full run.
pub const FULL: &str = "toml:10k,toml:100k,jsonl:100k,jsonl:1m,acled:1m,\
dirty-jsonl:10k,dirty-jsonl:100k,dirty-jsonl:1m,dirty-toml:100k,cluster-jsonl:10k";
/// The inputs of `--quick`: nothing above 100k records.
pub const QUICK: &str = "toml:10k,toml:100k,jsonl:100k,acled:100k,\
dirty-jsonl:10k,dirty-jsonl:100k,dirty-toml:100k,cluster-jsonl:10k";

/// The thread-count check runs the lint twice more; it is skipped where the lint took longer.
const THREAD_CHECK_MAX_S: f64 = 60.0;

/// Options of `cargo xtask bench`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Only the inputs of up to 100k records (a few minutes).
    #[arg(long, conflicts_with = "inputs")]
    pub quick: bool,
    /// The inputs, comma-separated KIND:COUNT; KIND is toml, jsonl, acled (generated, one
    /// record in 50 with a defect), dirty-jsonl, dirty-toml (the bundled records copied with
    /// shifted dates) or cluster-jsonl, cluster-toml (one event copied on one day at one
    /// place) [default: the full set, see docs/performance.md].
    #[arg(long, alias = "sizes", value_delimiter = ',', value_name = "LIST")]
    pub inputs: Vec<Set>,
    /// Runs of each measurement, at most: the best is kept; a measurement is not repeated
    /// once its runs took 30 s.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u16).range(1..))]
    pub runs: u16,
    /// Stop a run after this many seconds.
    #[arg(long, default_value_t = 600.0, value_name = "SECS")]
    pub timeout: f64,
    /// Stop a run once it (with its children) holds more than this many GB of memory, and
    /// report "exceeded": the machine may be shared.
    #[arg(long, default_value_t = 4.0, value_name = "GB")]
    pub memory_limit: f64,
    /// Do not run the outside validators (check-jsonschema, ajv) even where installed.
    #[arg(long)]
    pub no_baselines: bool,
    /// Run the micro-benchmarks instead: `cargo bench -p xtask --bench micro` (seconds).
    #[arg(long, conflicts_with_all = ["quick", "inputs", "no_baselines"])]
    pub micro: bool,
    /// Time the language server instead: `faultline server` on a generated dataset of this
    /// many event files (e.g. `20k`), diagnostics after an edit and completion (p50, p95).
    #[arg(long, value_name = "COUNT", conflicts_with_all = ["quick", "inputs", "micro"])]
    pub lsp: Option<String>,
    /// With `--lsp`: the client announces no capabilities (no completion item defaults),
    /// instead of those VS Code announces for completion.
    #[arg(long, requires = "lsp")]
    pub lsp_plain_client: bool,
}

impl Args {
    /// The inputs, in order.
    pub fn sets(&self) -> Vec<Set> {
        if !self.inputs.is_empty() {
            return self.inputs.clone();
        }
        let list = if self.quick { QUICK } else { FULL };
        list.split(',').filter_map(|s| s.parse().ok()).collect()
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

/// Runs `cargo ARGS` in the repository root.
fn cargo(root: &Path, args: &[&str]) -> Result<(), String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    eprintln!("$ cargo {}", args.join(" "));
    let status = Command::new(cargo)
        .args(args)
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("cargo {} failed", args.join(" ")))
    }
}

fn os(args: &[&str]) -> Vec<OsString> {
    args.iter().map(OsString::from).collect()
}

fn prefixed(program: &Path, args: &[OsString]) -> Vec<OsString> {
    std::iter::once(program.as_os_str().to_owned())
        .chain(args.iter().cloned())
        .collect()
}

fn show(program: &str, args: &[OsString]) -> String {
    std::iter::once(program.to_owned())
        .chain(args.iter().map(|a| a.to_string_lossy().into_owned()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `cargo xtask bench`: returns the report.
pub fn run(args: &Args, command: String) -> Result<String, String> {
    let root = root();
    if args.micro {
        cargo(&root, &["bench", "-p", "xtask", "--bench", "micro"])?;
        return Ok(String::new());
    }
    let sets = match &args.lsp {
        Some(count) => vec![format!("toml:{count}").parse::<Set>()?],
        None => args.sets(),
    };
    let mut machine = Machine::detect(&root);
    let target = target_dir(&root);
    cargo(
        &root,
        &["build", "--release", "-p", "xtask", "--bin", "bench"],
    )?;
    cargo(&root, &["build", "--release", "-p", "faultline-cli"])?;
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
    let logs = data.join("runs/logs");
    std::fs::create_dir_all(&logs).map_err(|e| format!("{}: {e}", logs.display()))?;

    // Generate (in release code: a million events take seconds, not minutes).
    eprintln!("$ target/release/bench generate --data target/bench-data --bundled data ...");
    let output = Command::new(&probe)
        .arg("generate")
        .arg("--data")
        .arg(&data)
        .arg("--bundled")
        .arg(root.join("data"))
        .args(sets.iter().map(ToString::to_string))
        .output()
        .map_err(|e| format!("cannot run {}: {e}", probe.display()))?;
    let generation: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_owned)
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

    if args.lsp.is_some() {
        let set = sets.first().ok_or("no input")?;
        let output = Command::new(&probe)
            .arg("lsp")
            .arg("--faultline")
            .arg(&faultline)
            .arg("--data")
            .arg(set.path(&data))
            .args(args.lsp_plain_client.then_some("--plain-client"))
            .output()
            .map_err(|e| format!("cannot run {}: {e}", probe.display()))?;
        if !output.status.success() {
            return Err(format!(
                "the language server measurement failed: {}",
                String::from_utf8_lossy(&output.stderr).trim()
            ));
        }
        return Ok(format!(
            "faultline server, {}: {}",
            set,
            String::from_utf8_lossy(&output.stdout).trim()
        ));
    }
    let runner = Runner {
        probe: probe.clone(),
        cwd: data.clone(),
        logs,
        timeout: args.timeout,
        memory_limit: (args.memory_limit * 1e9) as u64,
    };
    let (tools, mut notes) = if args.no_baselines {
        (
            Vec::new(),
            vec!["outside validators: skipped (--no-baselines)".to_owned()],
        )
    } else {
        outside::detect()
    };
    let runs = usize::from(args.runs);
    let mut rows = Vec::new();
    let mut checks = Vec::new();
    for set in &sets {
        let name = set.name();
        let file = set.path(Path::new("")).to_string_lossy().into_owned();
        eprintln!("{name}: warming the page cache");
        let mut warm = vec![PathBuf::from(&file)];
        if set.format == Format::Jsonl {
            warm.push(PathBuf::from(set.registry()));
            if set.has_baseline() {
                warm.push(set.json_array_path(Path::new("")));
            }
        }
        let _ = Command::new(&probe)
            .arg("warm")
            .args(&warm)
            .current_dir(&data)
            .status();
        if set.format == Format::Acled {
            let out = format!("runs/import-{name}.jsonl");
            let out_path = data.join(&out);
            let runs_dir = data.join("runs");
            // The events, and the registries a JSON Lines import writes beside them (the
            // next run would refuse to overwrite them).
            let remove = move || {
                let _ = std::fs::remove_file(&out_path);
                let _ = std::fs::remove_file(runs_dir.join("places.toml"));
                let _ = std::fs::remove_file(runs_dir.join("actors.toml"));
                let _ = std::fs::remove_dir_all(runs_dir.join("sources"));
            };
            let argv = os(&["import", "acled", &file, "--out", &out]);
            let m = runner.measure(&Job {
                tag: format!("import-{name}"),
                argv: prefixed(&faultline, &argv),
                env: Vec::new(),
                runs,
                ok_codes: &[0, 1],
                expect: &[],
                before: Some(&remove),
            });
            remove(); // a gigabyte at 1M rows, and nothing reads it
            rows.push(Row::new(*set, Measure::Import, show("faultline", &argv), m));
            continue;
        }
        let data_args: Vec<&str> = match set.format {
            Format::Jsonl => vec!["--data", set.registry()],
            _ => Vec::new(),
        };
        let lint = |out: &str| {
            let mut a = os(&["lint", &file]);
            a.extend(os(&data_args));
            a.extend(os(&["--today", TODAY, "--format", "json", "-o", out]));
            a
        };
        let mut floor = os(&["floor"]);
        floor.extend(os(&data_args));
        floor.push(file.clone().into());
        let out = format!("runs/lint-{name}.json");
        let mut measures = vec![
            (
                Measure::Floor,
                show("bench", &floor),
                prefixed(&probe, &floor),
                &[0][..],
                &[][..],
            ),
            (
                Measure::Lint,
                show("faultline", &lint(&out)),
                prefixed(&faultline, &lint(&out)),
                &[0, 1][..],
                &[][..],
            ),
        ];
        if set.has_baseline() {
            let (outside, skipped) = outside::runs(set, &tools, &data);
            notes.extend(skipped);
            for r in outside {
                measures.push((
                    Measure::Outside(r.tool),
                    r.shown,
                    r.argv,
                    r.ok_codes,
                    r.expect,
                ));
            }
        }
        let jobs: Vec<Job<'_>> = measures
            .iter()
            .map(|(measure, _, argv, ok_codes, expect)| Job {
                tag: format!("{}-{name}", measure.tag()),
                argv: argv.clone(),
                env: Vec::new(),
                runs,
                ok_codes,
                expect,
                before: None,
            })
            .collect();
        let measured = runner.interleaved(&jobs);
        let mut lint_wall = None;
        for ((measure, shown, ..), m) in measures.into_iter().zip(measured) {
            if measure == Measure::Lint && m.failure.is_none() {
                lint_wall = Some(m.best.wall_s);
            }
            rows.push(Row::new(*set, measure, shown, m));
        }
        let mut check = LintCheck::new(*set, planted(set));
        if let Some(wall) = lint_wall {
            check.reported = findings(&probe, &data.join(&out));
            check.threads = if wall > THREAD_CHECK_MAX_S {
                Threads::Skipped(format!("the lint took {wall:.0} s"))
            } else {
                let mut runs = Vec::new();
                let mut identical = true;
                for threads in ["1", "2"] {
                    let o = format!("runs/lint-{name}-t{threads}.json");
                    runs.push(runner.measure(&Job {
                        tag: format!("lint-{name}-t{threads}"),
                        argv: prefixed(&faultline, &lint(&o)),
                        env: vec![("RAYON_NUM_THREADS", threads)],
                        runs: 1,
                        ok_codes: &[0, 1],
                        expect: &[],
                        before: None,
                    }));
                    identical &= same_bytes(&data.join(&o), &data.join(&out));
                    let _ = std::fs::remove_file(data.join(&o));
                }
                Threads::Checked { runs, identical }
            };
        }
        checks.push(check);
    }

    machine.load_after = machine::load_average();
    let results = Results {
        machine,
        command,
        generation,
        limits: format!(
            "timeout {:.0} s, memory {:.0} GB (resident, with children)",
            args.timeout, args.memory_limit
        ),
        notes,
        rows,
        checks,
    };
    let text = report::render(&results);
    let path = target.join("bench-results.md");
    std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
    eprintln!("wrote {}", path.display());
    Ok(text)
}

/// The findings of a lint output, by rule (`bench findings`); `None` when it cannot be read.
fn findings(probe: &Path, output: &Path) -> Option<BTreeMap<String, u64>> {
    let out = Command::new(probe)
        .arg("findings")
        .arg(output)
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    serde_json::from_slice(&out.stdout).ok()
}

/// How many defects of each rule the first `set.events` events carry (generated sets only).
fn planted(set: &Set) -> Option<BTreeMap<&'static str, usize>> {
    if set.records != Records::Generated {
        return None;
    }
    let mut map = BTreeMap::new();
    for i in 0..set.events {
        if let Some(d) = generate::defect_of(i) {
            *map.entry(d.rule()).or_default() += 1;
        }
    }
    Some(map)
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: Args,
    }

    fn parse(args: &[&str]) -> Result<Args, clap::Error> {
        Cli::try_parse_from(std::iter::once("bench").chain(args.iter().copied())).map(|c| c.args)
    }

    #[test]
    fn options() {
        let full = parse(&[]).unwrap().sets();
        assert_eq!(full.len(), 10);
        assert!(full.iter().any(|s| s.events == 1_000_000));
        let quick = parse(&["--quick", "--runs", "2"]).unwrap();
        assert!(quick.sets().iter().all(|s| s.events <= 100_000));
        assert!(quick.sets().iter().any(|s| s.records == Records::Dirty));
        assert_eq!(quick.runs, 2);
        let some = parse(&[
            "--inputs",
            "jsonl:2500,dirty-toml:1k",
            "--memory-limit",
            "2",
        ])
        .unwrap();
        assert_eq!(some.sets().len(), 2);
        assert_eq!(some.sets()[1].name(), "dirty-toml-1k");
        assert_eq!(parse(&["--sizes", "jsonl:1k"]).unwrap().sets().len(), 1);
        for bad in [
            &["--inputs", "csv:1k"][..],
            &["--runs", "0"],
            &["--quick", "--inputs", "jsonl:1k"],
            &["--micro", "--quick"],
            &["--bogus"],
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }
}
