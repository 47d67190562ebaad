//! The results as markdown: the machine, the command, one table row per measurement, the
//! thread-count and linearity checks, the findings against the planted defects, and the
//! speed targets with "met" / "not met".

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use super::generate::{self, Format, Set};
use super::measure::Measured;

/// What was measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Measure {
    /// (a) read + parse into the model, no checks.
    Floor,
    /// (b) JSON Schema validation of every record.
    Schema,
    /// (c) the full lint.
    Lint,
    /// (d) the ACLED import.
    Import,
}

impl Measure {
    /// A short name for logs: `floor`, `schema`, `lint`, `import`.
    pub fn tag(self) -> &'static str {
        match self {
            Self::Floor => "floor",
            Self::Schema => "schema",
            Self::Lint => "lint",
            Self::Import => "import",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Self::Floor => "(a) floor: parse into the model",
            Self::Schema => "(b) JSON Schema, every record",
            Self::Lint => "(c) full lint, JSON to a file",
            Self::Import => "(d) import acled → JSON Lines",
        }
    }
}

/// One measurement of one input.
#[derive(Debug, Clone)]
pub struct Row {
    /// The input.
    pub set: Set,
    /// What was measured.
    pub measure: Measure,
    /// The command as shown (program name and arguments).
    pub command: String,
    /// Runs asked for.
    pub runs: usize,
    /// The outcome.
    pub measured: Measured,
}

impl Row {
    /// A row for `program args`.
    pub fn new(
        set: Set,
        measure: Measure,
        program: &str,
        args: &[OsString],
        runs: usize,
        measured: Measured,
    ) -> Row {
        let shown = match program {
            "bench" => "target/release/bench",
            _ => "target/release/faultline",
        };
        let mut command = shown.to_owned();
        for a in args {
            command.push(' ');
            command.push_str(&a.to_string_lossy());
        }
        Row {
            set,
            measure,
            command,
            runs,
            measured,
        }
    }

    fn ok(&self) -> bool {
        self.measured.failure.is_none() && !self.measured.samples.is_empty()
    }

    /// Records per second of the best run.
    fn rate(&self) -> f64 {
        self.set.events as f64 / self.measured.best.wall_s.max(1e-9)
    }
}

/// The thread-count check and the findings of one lint input.
#[derive(Debug, Clone)]
pub struct LintCheck {
    /// The input.
    pub set: Set,
    /// Defects planted, by the rule that must report them.
    pub planted: BTreeMap<&'static str, usize>,
    /// Findings reported, by rule.
    pub reported: BTreeMap<String, u64>,
    /// The lint's summary object.
    pub summary: Option<Value>,
    /// The runs with `RAYON_NUM_THREADS` set: (threads, outcome).
    pub threads: Vec<(String, Measured)>,
    /// Whether every output was byte-identical.
    pub identical: Option<bool>,
}

impl LintCheck {
    /// An empty check.
    pub fn new(set: Set, planted: BTreeMap<&'static str, usize>) -> LintCheck {
        LintCheck {
            set,
            planted,
            reported: BTreeMap::new(),
            summary: None,
            threads: Vec::new(),
            identical: None,
        }
    }

    /// Reads the findings of a `--format json` output.
    pub fn read_findings(&mut self, path: &Path) {
        let Ok(text) = std::fs::read_to_string(path) else {
            return;
        };
        let Ok(v) = serde_json::from_str::<Value>(&text) else {
            return;
        };
        for d in v
            .get("diagnostics")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(rule) = d.get("rule").and_then(Value::as_str) {
                *self.reported.entry(rule.to_owned()).or_default() += 1;
            }
        }
        self.summary = v.get("summary").cloned();
    }
}

/// The machine the benchmark ran on.
#[derive(Debug, Clone, Default)]
pub struct Machine {
    /// Logical cores (`nproc`).
    pub cores: usize,
    /// The CPU model (`/proc/cpuinfo`).
    pub cpu: String,
    /// Memory, GiB (`/proc/meminfo`).
    pub memory_gib: f64,
    /// The kernel release.
    pub kernel: String,
    /// `rustc --version`.
    pub rustc: String,
    /// The commit, with `+ changes` when the work tree differs from it.
    pub commit: String,
    /// Today's date (UTC).
    pub date: String,
    /// `/proc/loadavg` when the run started (other work on the machine skews the times).
    pub load_before: String,
    /// `/proc/loadavg` when the run ended.
    pub load_after: String,
}

impl Machine {
    /// Reads the machine's description.
    pub fn detect(root: &Path) -> Machine {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu = cpuinfo
            .lines()
            .find(|l| l.starts_with("model name"))
            .and_then(|l| l.split_once(':'))
            .map_or_else(|| "unknown".to_owned(), |(_, v)| v.trim().to_owned());
        let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
        let memory_gib = meminfo
            .lines()
            .find(|l| l.starts_with("MemTotal:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0 / 1024.0);
        let run = |program: &str, args: &[&str]| {
            Command::new(program)
                .args(args)
                .current_dir(root)
                .output()
                .ok()
                .filter(|o| o.status.success())
                .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
                .unwrap_or_default()
        };
        let mut commit = run("git", &["rev-parse", "--short", "HEAD"]);
        if !run("git", &["status", "--porcelain", "--untracked-files=no"]).is_empty() {
            commit.push_str(" + uncommitted changes");
        }
        let days = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() / 86_400);
        Machine {
            load_before: load_average(),
            load_after: String::new(),
            cores: std::thread::available_parallelism().map_or(1, usize::from),
            cpu,
            memory_gib,
            kernel: std::fs::read_to_string("/proc/sys/kernel/osrelease")
                .unwrap_or_default()
                .trim()
                .to_owned(),
            rustc: run("rustc", &["--version"]),
            commit,
            date: faultline_model::Date::from_days(i64::try_from(days).unwrap_or(0))
                .map(|d| d.to_string())
                .unwrap_or_default(),
        }
    }
}

/// The 1-, 5- and 15-minute load averages.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Everything a run produced.
#[derive(Debug, Clone)]
pub struct Results {
    /// The machine.
    pub machine: Machine,
    /// The command as typed.
    pub command: String,
    /// What the generator did.
    pub generation: Vec<String>,
    /// The limits of each run (timeout, memory).
    pub limits: String,
    /// One row per measurement.
    pub rows: Vec<Row>,
    /// One check per lint input.
    pub checks: Vec<LintCheck>,
}

impl Results {
    fn row(&self, set: &str, measure: Measure) -> Option<&Row> {
        self.rows
            .iter()
            .find(|r| r.set.name() == set && r.measure == measure)
    }
}

/// `1234567` → `1,234,567`.
fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn mb(kib: u64) -> String {
    format!("{:.0} MB", kib as f64 * 1024.0 / 1e6)
}

fn unit(set: &Set) -> &'static str {
    match set.format {
        Format::Toml => "files",
        Format::Jsonl => "events",
        Format::Acled => "rows",
    }
}

/// The markdown report.
pub fn render(r: &Results) -> String {
    let mut out = String::new();
    let m = &r.machine;
    let _ = writeln!(out, "# faultline benchmark results\n");
    let _ = writeln!(out, "- Command: `{}` (from the repository root)", r.command);
    let _ = writeln!(
        out,
        "- Machine: {} cores (nproc), {}, {:.1} GiB RAM, Linux {}",
        m.cores, m.cpu, m.memory_gib, m.kernel
    );
    let _ = writeln!(
        out,
        "- Build: {}, release profile; commit {}; run on {} (UTC)",
        m.rustc, m.commit, m.date
    );
    let _ = writeln!(
        out,
        "- Load average (1, 5, 15 min) at the start: {}; at the end: {} (the benchmark's own runs add 1 to 2; more means other work shared the cores)",
        m.load_before, m.load_after
    );
    let _ = writeln!(
        out,
        "- Inputs: generator v{} in `target/bench-data/` (one record in {} carries a defect); runs start with a warm page cache; each run is a fresh process; wall = best of the runs, peak RSS = highest of the runs (MB = 10^6 bytes), CPU time = user + system of the best run, cores = CPU time / wall; floor, schema and lint runs alternate\n",
        generate::GENERATOR_VERSION,
        generate::DEFECT_EVERY
    );

    let _ = writeln!(out, "## Results\n");
    let _ = writeln!(
        out,
        "| input | measure | runs | best wall | throughput | × floor | peak RSS | CPU time (cores) |"
    );
    let _ = writeln!(out, "|---|---|---:|---:|---:|---:|---:|---:|");
    for row in &r.rows {
        let b = &row.measured.best;
        let floor = r
            .row(&row.set.name(), Measure::Floor)
            .filter(|f| f.ok() && row.ok() && row.measure != Measure::Import)
            .map_or_else(
                || "—".to_owned(),
                |f| format!("{:.2}", b.wall_s / f.measured.best.wall_s.max(1e-9)),
            );
        let input = format!(
            "{} ({} {})",
            row.set.name(),
            thousands(row.set.events as u64),
            unit(&row.set)
        );
        if row.ok() {
            let _ = writeln!(
                out,
                "| {input} | {} | {} | {:.2} s | {} {}/s | {floor} | {} | {:.2} s ({:.2}) |",
                row.measure.label(),
                row.measured.samples.len(),
                b.wall_s,
                thousands(row.rate() as u64),
                unit(&row.set),
                mb(row.measured.peak_kib),
                b.user_s + b.sys_s,
                b.cores()
            );
        } else {
            let why = row.measured.failure.as_deref().unwrap_or("did not run");
            let _ = writeln!(
                out,
                "| {input} | {} | {} | {} | — | — | {} | — |",
                row.measure.label(),
                row.measured.samples.len(),
                if b.timed_out {
                    format!("> {:.0} s", b.wall_s)
                } else {
                    format!("failed: {why}")
                },
                mb(row.measured.peak_kib)
            );
        }
    }

    let _ = writeln!(out, "\nLimits per run: {}.", r.limits);

    let _ = writeln!(out, "\n## Checks\n");
    let _ = writeln!(
        out,
        "(e) The lint's JSON output with `RAYON_NUM_THREADS=1` and `=2`, compared byte for byte with each other and with the timed run's:\n"
    );
    let _ = writeln!(out, "| input | 1 thread | 2 threads | identical |");
    let _ = writeln!(out, "|---|---:|---:|---|");
    for c in &r.checks {
        let t = |n: &str| {
            c.threads
                .iter()
                .find(|(k, _)| k == n)
                .filter(|(_, m)| m.failure.is_none())
                .map_or_else(
                    || "—".to_owned(),
                    |(_, m)| format!("{:.2} s", m.best.wall_s),
                )
        };
        let same = match c.identical {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "not checked (the lint did not complete)",
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {same} |",
            c.set.name(),
            t("1"),
            t("2")
        );
    }

    let jsonl: Vec<&Set> = {
        let mut v: Vec<&Set> = r
            .rows
            .iter()
            .filter(|row| row.set.format == Format::Jsonl)
            .map(|row| &row.set)
            .collect();
        v.sort();
        v.dedup();
        v
    };
    if let (Some(small), Some(large)) = (jsonl.first(), jsonl.last())
        && small.events < large.events
    {
        let _ = writeln!(
            out,
            "\n(f) Linearity, JSON Lines: time({}) / time({}), for {}× the events (target ≤ 11× for 10×):\n",
            large.name(),
            small.name(),
            large.events / small.events
        );
        let _ = writeln!(
            out,
            "| measure | wall {0} | wall {1} | wall ratio | CPU time {0} | CPU time {1} | CPU time ratio |",
            small.name(),
            large.name()
        );
        let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|");
        for measure in [Measure::Floor, Measure::Schema, Measure::Lint] {
            if let (Some(a), Some(b)) = (
                r.row(&small.name(), measure).filter(|x| x.ok()),
                r.row(&large.name(), measure).filter(|x| x.ok()),
            ) {
                let (a, b) = (&a.measured.best, &b.measured.best);
                let (ca, cb) = (a.user_s + a.sys_s, b.user_s + b.sys_s);
                let _ = writeln!(
                    out,
                    "| {} | {:.2} s | {:.2} s | {:.1}× | {ca:.2} s | {cb:.2} s | {:.1}× |",
                    measure.label(),
                    a.wall_s,
                    b.wall_s,
                    b.wall_s / a.wall_s.max(1e-9),
                    cb / ca.max(1e-9)
                );
            }
        }
        let _ = writeln!(
            out,
            "\nCPU time counts the work done whatever else runs on the machine; wall time is what the targets name."
        );
    }

    if !r.checks.is_empty() {
        let _ = writeln!(
            out,
            "\nFindings of the timed lint, by rule: reported (planted defects). A planted defect may bring further findings (a copied file also breaks `id-mismatch`; a duplicate is reported once per pair).\n"
        );
        let mut rules: Vec<String> = r
            .checks
            .iter()
            .flat_map(|c| {
                c.reported
                    .keys()
                    .cloned()
                    .chain(c.planted.keys().map(|k| (*k).to_owned()))
            })
            .collect();
        rules.sort();
        rules.dedup();
        let _ = write!(out, "| rule |");
        for c in &r.checks {
            let _ = write!(out, " {} |", c.set.name());
        }
        let _ = write!(out, "\n|---|");
        for _ in &r.checks {
            let _ = write!(out, "---:|");
        }
        out.push('\n');
        for rule in &rules {
            let _ = write!(out, "| `{rule}` |");
            for c in &r.checks {
                let reported = c.reported.get(rule).copied().unwrap_or(0);
                let planted = c.planted.get(rule.as_str()).copied().unwrap_or(0);
                let _ = write!(
                    out,
                    " {} ({}) |",
                    thousands(reported),
                    thousands(planted as u64)
                );
            }
            out.push('\n');
        }
    }

    let _ = writeln!(out, "\n## Speed targets\n");
    let _ = writeln!(out, "| target | measured | |");
    let _ = writeln!(out, "|---|---|---|");
    for (target, measured, met) in targets(r) {
        let verdict = match met {
            Some(true) => "met",
            Some(false) => "**not met**",
            None => "not measured",
        };
        let _ = writeln!(out, "| {target} | {measured} | {verdict} |");
    }

    let _ = writeln!(out, "\n## Commands\n");
    let _ = writeln!(
        out,
        "Run in `target/bench-data/`, each through `bench exec` (which reports wall time, CPU time and peak RSS), with copies of `target/release/bench` and `target/release/faultline` taken right after the build (in `target/bench-data/bin/`):\n"
    );
    out.push_str("```sh\n");
    for row in &r.rows {
        let _ = writeln!(out, "{}", row.command);
    }
    for c in &r.checks {
        if c.identical.is_some() {
            let _ = writeln!(
                out,
                "RAYON_NUM_THREADS=1 / 2: the lint of {} again, with -o runs/lint-{}-t1.json / -t2.json",
                c.set.name(),
                c.set.name()
            );
        }
    }
    out.push_str("```\n");
    if !r.generation.is_empty() {
        let _ = writeln!(out, "\nInputs:\n");
        for g in &r.generation {
            let _ = writeln!(out, "- {g}");
        }
    }
    out
}

/// The marker lines between which docs/performance.md holds a copy of the results.
pub const DOC_START: &str = "<!-- bench-results:start -->";
/// The end marker.
pub const DOC_END: &str = "<!-- bench-results:end -->";

/// `doc` with the text between [`DOC_START`] and [`DOC_END`] replaced by `results`, its title
/// dropped and its headings one level deeper; `None` when the markers are missing.
pub fn embed(doc: &str, results: &str) -> Option<String> {
    let start = doc.find(DOC_START)? + DOC_START.len();
    let end = start + doc[start..].find(DOC_END)?;
    let mut body = String::new();
    for line in results.lines().filter(|l| !l.starts_with("# ")) {
        if line.starts_with("##") {
            body.push('#');
        }
        body.push_str(line);
        body.push('\n');
    }
    Some(format!(
        "{}\n\n{}\n\n{}",
        &doc[..start],
        body.trim(),
        &doc[end..]
    ))
}

/// The targets: (target, measured, met).
fn targets(r: &Results) -> Vec<(String, String, Option<bool>)> {
    let mut out = Vec::new();
    let lint_1m = r.row("jsonl-1m", Measure::Lint).filter(|x| x.ok());
    let floor_1m = r.row("jsonl-1m", Measure::Floor).filter(|x| x.ok());
    out.push((
        "JSON Lines: full lint of 1M events ≥ 200,000 events/s".to_owned(),
        lint_1m.map_or_else(
            || "—".to_owned(),
            |x| format!("{} events/s", thousands(x.rate() as u64)),
        ),
        lint_1m.map(|x| x.rate() >= 200_000.0),
    ));
    let ratio = lint_1m
        .zip(floor_1m)
        .map(|(l, f)| l.measured.best.wall_s / f.measured.best.wall_s.max(1e-9));
    out.push((
        "JSON Lines: full lint of 1M within 2.5× the parse floor".to_owned(),
        ratio.map_or_else(|| "—".to_owned(), |x| format!("{x:.2}×")),
        ratio.map(|x| x <= 2.5),
    ));
    out.push((
        "JSON Lines: full lint of 1M, peak memory ≤ 400 MB".to_owned(),
        lint_1m.map_or_else(|| "—".to_owned(), |x| mb(x.measured.peak_kib)),
        lint_1m.map(|x| x.measured.peak_kib as f64 * 1024.0 <= 400e6),
    ));
    let toml = r.row("toml-100k", Measure::Lint).filter(|x| x.ok());
    out.push((
        "TOML directory: full lint of 100k files ≥ 40,000 files/s".to_owned(),
        toml.map_or_else(
            || "—".to_owned(),
            |x| format!("{} files/s", thousands(x.rate() as u64)),
        ),
        toml.map(|x| x.rate() >= 40_000.0),
    ));
    let import = r.row("acled-1m", Measure::Import).filter(|x| x.ok());
    out.push((
        "Import: 1M ACLED rows ≤ 10 s".to_owned(),
        import.map_or_else(
            || "—".to_owned(),
            |x| format!("{:.2} s", x.measured.best.wall_s),
        ),
        import.map(|x| x.measured.best.wall_s <= 10.0),
    ));
    let small = r.row("jsonl-100k", Measure::Lint).filter(|x| x.ok());
    let ratio_of = |f: fn(&super::measure::Sample) -> f64| {
        lint_1m
            .zip(small)
            .map(|(l, s)| f(&l.measured.best) / f(&s.measured.best).max(1e-9))
    };
    let linear = ratio_of(|s| s.wall_s);
    let linear_cpu = ratio_of(|s| s.user_s + s.sys_s);
    out.push((
        "Linear: lint of 1M costs ≤ 11× lint of 100k (JSON Lines)".to_owned(),
        linear.zip(linear_cpu).map_or_else(
            || "—".to_owned(),
            |(x, c)| format!("{x:.1}× wall ({c:.1}× CPU time)"),
        ),
        linear.map(|x| x <= 11.0),
    ));
    let checked: Vec<bool> = r.checks.iter().filter_map(|c| c.identical).collect();
    out.push((
        "Output identical with RAYON_NUM_THREADS=1 and 2".to_owned(),
        format!(
            "{} of {} lint inputs identical{}",
            checked.iter().filter(|x| **x).count(),
            r.checks.len(),
            if checked.len() < r.checks.len() {
                " (the others did not complete)"
            } else {
                ""
            }
        ),
        if checked.is_empty() {
            None
        } else {
            Some(checked.iter().all(|x| *x) && checked.len() == r.checks.len())
        },
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::measure::Sample;

    fn row(set: &str, measure: Measure, wall_s: f64, peak_kib: u64) -> Row {
        let best = Sample {
            wall_s,
            user_s: wall_s * 1.5,
            code: Some(0),
            max_rss_kib: peak_kib,
            ..Sample::default()
        };
        let measured = Measured {
            samples: vec![best],
            best,
            peak_kib,
            ..Measured::default()
        };
        let set = Set::parse(set).unwrap();
        Row::new(
            set,
            measure,
            "faultline",
            &[OsString::from("lint")],
            1,
            measured,
        )
    }

    #[test]
    fn results_replace_the_marked_section_of_the_doc() {
        let doc = format!("# Perf\n\n## Results\n\n{DOC_START}\nold\n{DOC_END}\n\n## Next\n");
        let results = "# faultline benchmark results\n\n- Command: x\n\n## Results\n\n| a |\n";
        let new = embed(&doc, results).unwrap();
        assert_eq!(
            new,
            format!(
                "# Perf\n\n## Results\n\n{DOC_START}\n\n- Command: x\n\n### Results\n\n| a |\n\n{DOC_END}\n\n## Next\n"
            )
        );
        assert_eq!(embed(&new, results).unwrap(), new);
        assert!(embed("no markers", results).is_none());
    }

    #[test]
    fn targets_are_judged_from_the_rows() {
        let results = Results {
            machine: Machine::default(),
            command: "cargo xtask bench".into(),
            generation: Vec::new(),
            limits: String::new(),
            rows: vec![
                row("jsonl:100k", Measure::Floor, 0.2, 50_000),
                row("jsonl:100k", Measure::Lint, 0.4, 100_000),
                row("jsonl:1m", Measure::Floor, 2.0, 60_000),
                row("jsonl:1m", Measure::Lint, 4.0, 300_000),
                row("toml:100k", Measure::Lint, 4.0, 300_000),
            ],
            checks: Vec::new(),
        };
        let text = render(&results);
        assert!(text.contains(
            "| JSON Lines: full lint of 1M events ≥ 200,000 events/s | 250,000 events/s | met |"
        ));
        assert!(
            text.contains(
                "| JSON Lines: full lint of 1M within 2.5× the parse floor | 2.00× | met |"
            )
        );
        assert!(text.contains("peak memory ≤ 400 MB | 307 MB | met |"));
        assert!(text.contains("| TOML directory: full lint of 100k files ≥ 40,000 files/s | 25,000 files/s | **not met** |"));
        assert!(text.contains("| Import: 1M ACLED rows ≤ 10 s | — | not measured |"));
        assert!(text.contains("| 10.0× wall (10.0× CPU time) | met |"));
        assert!(
            text.contains(
                "| (c) full lint, JSON to a file | 0.40 s | 4.00 s | 10.0× | 0.60 s | 6.00 s | 10.0× |"
            ),
            "{text}"
        );
    }
}
