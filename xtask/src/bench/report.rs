//! The report, as markdown: the machine and the command, one row per measurement, the outside
//! baselines, the findings by rule, the thread-count and linearity checks, and the
//! speed and memory targets with "met" / "not met".

use super::input::{Format, Records, Set};
use super::machine::Machine;
use super::measure::{Measured, Sample};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// What was measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Load every record with the real loader, no checks.
    Floor,
    /// The full lint.
    Lint,
    /// The ACLED import.
    Import,
    /// An outside validator (`check-jsonschema`, `ajv`).
    Outside(&'static str),
}

impl Measure {
    /// A short name for logs: `floor`, `lint`, `import`, the tool's name.
    pub fn tag(self) -> &'static str {
        match self {
            Self::Floor => "floor",
            Self::Lint => "lint",
            Self::Import => "import",
            Self::Outside(tool) => tool,
        }
    }

    fn label(self) -> String {
        match self {
            Self::Floor => "floor: load with the real loader".into(),
            Self::Lint => "full lint, JSON to a file".into(),
            Self::Import => "import acled → JSON Lines".into(),
            Self::Outside(tool) => format!("`{tool}` (schema only)"),
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
    /// The command as shown.
    pub command: String,
    /// The outcome.
    pub measured: Measured,
}

impl Row {
    /// A row.
    pub fn new(set: Set, measure: Measure, command: String, measured: Measured) -> Row {
        Row {
            set,
            measure,
            command,
            measured,
        }
    }

    /// The best run, when the runs completed.
    fn best(&self) -> Option<&Sample> {
        (self.measured.failure.is_none() && !self.measured.samples.is_empty())
            .then_some(&self.measured.best)
    }

    /// Records per second of the best run.
    fn rate(&self) -> Option<f64> {
        self.best()
            .map(|b| self.set.events as f64 / b.wall_s.max(1e-9))
    }

    fn peak_bytes(&self) -> f64 {
        self.measured.peak_kib as f64 * 1024.0
    }
}

/// The thread-count check of one lint input.
#[derive(Debug, Clone, Default)]
pub enum Threads {
    /// Not run: the lint did not complete.
    #[default]
    NotRun,
    /// Not run, for this reason.
    Skipped(String),
    /// Run with 1 and 2 threads.
    Checked {
        /// The runs with `RAYON_NUM_THREADS=1` and `=2`.
        runs: Vec<Measured>,
        /// Whether both outputs were byte-identical to the timed run's.
        identical: bool,
    },
}

/// The findings and the thread-count check of one lint input.
#[derive(Debug, Clone)]
pub struct LintCheck {
    /// The input.
    pub set: Set,
    /// Defects planted, by the rule that must report them (generated inputs).
    pub planted: Option<BTreeMap<&'static str, usize>>,
    /// Findings reported, by rule (when the lint completed).
    pub reported: Option<BTreeMap<String, u64>>,
    /// The thread-count check.
    pub threads: Threads,
}

impl LintCheck {
    /// A check with nothing reported yet.
    pub fn new(set: Set, planted: Option<BTreeMap<&'static str, usize>>) -> LintCheck {
        LintCheck {
            set,
            planted,
            reported: None,
            threads: Threads::NotRun,
        }
    }
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
    /// The limits of each run.
    pub limits: String,
    /// Notes: tools skipped and why.
    pub notes: Vec<String>,
    /// One row per measurement.
    pub rows: Vec<Row>,
    /// One check per lint input.
    pub checks: Vec<LintCheck>,
}

impl Results {
    fn row(&self, set: &str, measure: Measure) -> Option<&Row> {
        self.rows
            .iter()
            .find(|r| r.set.to_string() == set && r.measure == measure)
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

fn mb(bytes: f64) -> String {
    format!("{:.0} MB", bytes / 1e6)
}

/// A markdown table; `align` has one `l` or `r` per column.
fn table(out: &mut String, head: &[&str], align: &str, rows: &[Vec<String>]) {
    let _ = writeln!(out, "| {} |", head.join(" | "));
    let rule: Vec<&str> = align
        .chars()
        .map(|a| if a == 'r' { "---:" } else { "---" })
        .collect();
    let _ = writeln!(out, "|{}|", rule.join("|"));
    for row in rows {
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    out.push('\n');
}

/// The markdown report.
pub fn render(r: &Results) -> String {
    let mut out = String::from("# faultline benchmark results\n\n");
    let m = &r.machine;
    let _ = writeln!(out, "- Command: `{}` (from the repository root)", r.command);
    let _ = writeln!(
        out,
        "- Machine: {} cores, {}, {:.1} GiB RAM; {}; commit {}",
        m.cores, m.cpu, m.memory_gib, m.rustc, m.commit
    );
    let _ = writeln!(
        out,
        "- Load average (1, 5, 15 min) at the start: {}; at the end: {} (the benchmark adds 1 to 2; more means other work shared the cores)",
        m.load_before, m.load_after
    );
    let _ = writeln!(
        out,
        "- Each run is a fresh process from a warm page cache; wall = best run, peak RSS = highest run (MB = 10^6 bytes), CPU = user + system of the best run; limits per run: {}",
        r.limits
    );
    let _ = writeln!(out, "- Inputs: {}\n", r.generation.join("; "));

    out.push_str("## Results\n\n");
    let rows: Vec<Vec<String>> = r.rows.iter().map(|row| result_row(r, row)).collect();
    table(
        &mut out,
        &[
            "input",
            "measure",
            "runs",
            "wall",
            "throughput",
            "× floor",
            "peak RSS",
            "CPU (cores)",
        ],
        "llrrrrrr",
        &rows,
    );

    baselines(&mut out, r);
    findings(&mut out, r);
    checks(&mut out, r);

    out.push_str("## Targets\n\n");
    let rows: Vec<Vec<String>> = targets(r)
        .into_iter()
        .map(|(target, measured, met)| {
            let verdict = match met {
                Some(true) => "met",
                Some(false) => "**not met**",
                None => "not measured",
            };
            vec![target, measured, verdict.to_owned()]
        })
        .collect();
    table(&mut out, &["target", "measured", ""], "lll", &rows);

    out.push_str(
        "## Commands\n\nRun in `target/bench-data/`, each through `bench exec`:\n\n```sh\n",
    );
    for row in &r.rows {
        let _ = writeln!(out, "{}", row.command);
    }
    out.push_str("```\n\nThe lint is run again with `RAYON_NUM_THREADS=1` and `=2` (the thread-count check).\n");
    out
}

fn result_row(r: &Results, row: &Row) -> Vec<String> {
    let input = format!(
        "{} ({} {})",
        row.set.name(),
        thousands(row.set.events as u64),
        row.set.format.unit()
    );
    let floor = r
        .row(&row.set.to_string(), Measure::Floor)
        .and_then(Row::best)
        .zip(row.best())
        .filter(|_| row.measure != Measure::Import)
        .map_or_else(
            || "—".to_owned(),
            |(f, b)| format!("{:.2}", b.wall_s / f.wall_s.max(1e-9)),
        );
    let runs = row.measured.samples.len().to_string();
    match (row.best(), row.rate()) {
        (Some(b), Some(rate)) => vec![
            input,
            row.measure.label(),
            runs,
            format!("{:.2} s", b.wall_s),
            format!("{} {}/s", thousands(rate as u64), row.set.format.unit()),
            floor,
            mb(row.peak_bytes()),
            format!("{:.2} s ({:.2})", b.user_s + b.sys_s, b.cores()),
        ],
        _ => vec![
            input,
            row.measure.label(),
            runs,
            format!(
                "**{}**",
                row.measured.failure.as_deref().unwrap_or("did not run")
            ),
            "—".into(),
            "—".into(),
            mb(row.peak_bytes()),
            "—".into(),
        ],
    }
}

fn baselines(out: &mut String, r: &Results) {
    let outside: Vec<&Row> = r
        .rows
        .iter()
        .filter(|row| matches!(row.measure, Measure::Outside(_)))
        .collect();
    if outside.is_empty() && r.notes.is_empty() {
        return;
    }
    out.push_str("## Outside baselines\n\nThe same records, validated against the JSON Schema only, in the same run; the ratio is the full lint's wall time over the validator's (below 1: faultline is faster).\n\n");
    let rows: Vec<Vec<String>> = outside
        .iter()
        .map(|row| {
            let lint = r
                .row(&row.set.to_string(), Measure::Lint)
                .and_then(Row::best);
            let wall = |s: Option<&Sample>| {
                s.map_or_else(|| "—".to_owned(), |s| format!("{:.2} s", s.wall_s))
            };
            vec![
                row.set.name(),
                row.measure.tag().to_owned(),
                row.best().map_or_else(
                    || {
                        format!(
                            "**{}**",
                            row.measured.failure.as_deref().unwrap_or("did not run")
                        )
                    },
                    |b| format!("{:.2} s", b.wall_s),
                ),
                wall(lint),
                lint.zip(row.best()).map_or_else(
                    || "—".to_owned(),
                    |(l, b)| format!("{:.2}", l.wall_s / b.wall_s.max(1e-9)),
                ),
            ]
        })
        .collect();
    if !rows.is_empty() {
        table(
            out,
            &[
                "input",
                "validator",
                "wall",
                "faultline lint",
                "lint ÷ validator",
            ],
            "llrrr",
            &rows,
        );
    }
    for note in &r.notes {
        let _ = writeln!(out, "- {note}");
    }
    if !r.notes.is_empty() {
        out.push('\n');
    }
}

fn findings(out: &mut String, r: &Results) {
    let checks: Vec<&LintCheck> = r.checks.iter().filter(|c| c.reported.is_some()).collect();
    if checks.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "## Findings by rule\n\nFindings of the timed lint; in parentheses, the defects planted in a generated input, one event in {} (a planted defect may bring more: a copied file also breaks `id-mismatch`).\n",
        super::generate::DEFECT_EVERY
    );
    let mut rules: Vec<String> = checks
        .iter()
        .flat_map(|c| {
            let reported = c.reported.iter().flat_map(|m| m.keys().cloned());
            let planted = c
                .planted
                .iter()
                .flat_map(|m| m.keys().map(|k| (*k).to_owned()));
            reported.chain(planted).collect::<Vec<_>>()
        })
        .collect();
    rules.sort();
    rules.dedup();
    let mut rows = Vec::new();
    for rule in rules.iter().map(Some).chain([None]) {
        let mut row = vec![rule.map_or_else(|| "**all**".to_owned(), |r| format!("`{r}`"))];
        for c in &checks {
            let reported = c.reported.as_ref().map_or(0, |m| match rule {
                Some(rule) => m.get(rule).copied().unwrap_or(0),
                None => m.values().sum(),
            });
            let planted = c.planted.as_ref().map(|m| match rule {
                Some(rule) => m.get(rule.as_str()).copied().unwrap_or(0),
                None => m.values().sum(),
            });
            row.push(match planted {
                Some(p) => format!("{} ({})", thousands(reported), thousands(p as u64)),
                None => thousands(reported),
            });
        }
        rows.push(row);
    }
    let names: Vec<String> = checks.iter().map(|c| c.set.name()).collect();
    let head: Vec<&str> = std::iter::once("rule")
        .chain(names.iter().map(String::as_str))
        .collect();
    table(out, &head, &format!("l{}", "r".repeat(checks.len())), &rows);
}

fn checks(out: &mut String, r: &Results) {
    out.push_str("## Checks\n\nThe lint's JSON output with `RAYON_NUM_THREADS=1` and `=2`, compared byte for byte with the timed run's:\n\n");
    let rows: Vec<Vec<String>> = r
        .checks
        .iter()
        .map(|c| {
            let mut row = vec![c.set.name()];
            match &c.threads {
                Threads::Checked { runs, identical } => {
                    for m in runs {
                        row.push(match &m.failure {
                            None => format!("{:.2} s", m.best.wall_s),
                            Some(f) => format!("**{f}**"),
                        });
                    }
                    row.push(if *identical { "yes" } else { "**no**" }.into());
                }
                Threads::Skipped(why) => {
                    row.extend(["—".into(), "—".into(), format!("not checked: {why}")])
                }
                Threads::NotRun => row.extend([
                    "—".into(),
                    "—".into(),
                    "not checked: the lint did not complete".into(),
                ]),
            }
            row
        })
        .collect();
    table(
        out,
        &["input", "1 thread", "2 threads", "identical"],
        "lrrl",
        &rows,
    );

    let mut pairs = Vec::new();
    for records in [Records::Generated, Records::Dirty] {
        let mut sizes: Vec<Set> = r
            .rows
            .iter()
            .map(|row| row.set)
            .filter(|s| s.records == records && s.format == Format::Jsonl)
            .filter(|s| s.events == 100_000 || s.events == 1_000_000)
            .collect();
        sizes.sort();
        sizes.dedup();
        if let [small, large] = sizes[..] {
            pairs.push((small, large));
        }
    }
    if pairs.is_empty() {
        return;
    }
    out.push_str(
        "Linearity, JSON Lines: the cost of 1M events over the cost of 100k (target ≤ 11×):\n\n",
    );
    let mut rows = Vec::new();
    for (small, large) in pairs {
        for measure in [Measure::Floor, Measure::Lint] {
            let (Some(a), Some(b)) = (
                r.row(&small.to_string(), measure).and_then(Row::best),
                r.row(&large.to_string(), measure).and_then(Row::best),
            ) else {
                continue;
            };
            let (ca, cb) = (a.user_s + a.sys_s, b.user_s + b.sys_s);
            rows.push(vec![
                format!("{} → {}", small.name(), large.name()),
                measure.label(),
                format!("{:.1}×", b.wall_s / a.wall_s.max(1e-9)),
                format!("{:.1}×", cb / ca.max(1e-9)),
            ]);
        }
    }
    table(
        out,
        &["inputs", "measure", "wall ratio", "CPU ratio"],
        "llrr",
        &rows,
    );
}

/// One target: what it asks, what was measured, whether it is met (`None`: not measured).
type Target = (String, String, Option<bool>);

/// A target on `row`: "not measured" without it, "not met" with its failure when it did not
/// complete, else what `judge` makes of its best run.
fn target(
    what: String,
    row: Option<&Row>,
    judge: impl Fn(&Row, &Sample) -> (String, bool),
) -> Target {
    let (measured, met) = match row {
        None => ("—".to_owned(), None),
        Some(x) => match x.best() {
            Some(b) => {
                let (text, met) = judge(x, b);
                (text, Some(met))
            }
            None => (x.measured.failure.clone().unwrap_or_default(), Some(false)),
        },
    };
    (what, measured, met)
}

/// The speed and memory targets (docs/performance.md).
fn targets(r: &Results) -> Vec<Target> {
    let lint = |set: &str| r.row(set, Measure::Lint);
    let rate = |set: &str, min: f64| {
        let unit = set.parse::<Set>().map_or("", |s| s.format.unit());
        target(
            format!("{set}: full lint ≥ {} {unit}/s", thousands(min as u64)),
            lint(set),
            |x, _| {
                let rate = x.rate().unwrap_or(0.0);
                (format!("{} {unit}/s", thousands(rate as u64)), rate >= min)
            },
        )
    };
    let memory = |set: &str, max_mb: f64| {
        target(
            format!("{set}: full lint peak RSS ≤ {max_mb:.0} MB"),
            lint(set),
            |x, _| (mb(x.peak_bytes()), x.peak_bytes() <= max_mb * 1e6),
        )
    };
    // `a`'s best wall time over `b`'s.
    let ratio = |what: &str, a: Option<&Row>, b: Option<&Row>, max: f64| {
        let b = b.and_then(Row::best);
        target(what.to_owned(), a.filter(|_| b.is_some()), |_, a| {
            let x = a.wall_s / b.map_or(1.0, |b| b.wall_s.max(1e-9));
            (format!("{x:.2}×"), x <= max)
        })
    };
    let duplicates = r
        .checks
        .iter()
        .find(|c| c.set.to_string() == "cluster-jsonl:10k")
        .and_then(|c| c.reported.as_ref())
        .map_or(0, |m| {
            m.get("possible-duplicate-event").copied().unwrap_or(0)
        });
    let threads: Vec<bool> = r
        .checks
        .iter()
        .filter_map(|c| match c.threads {
            Threads::Checked { identical, .. } => Some(identical),
            _ => None,
        })
        .collect();
    vec![
        // Clean inputs.
        rate("jsonl:1m", 200_000.0),
        ratio(
            "jsonl:1m: full lint within 2.5× the floor",
            lint("jsonl:1m"),
            r.row("jsonl:1m", Measure::Floor),
            2.5,
        ),
        memory("jsonl:1m", 400.0),
        rate("toml:100k", 40_000.0),
        target(
            "acled:1m: import ≤ 10 s".into(),
            r.row("acled:1m", Measure::Import),
            |_, b| (format!("{:.2} s", b.wall_s), b.wall_s <= 10.0),
        ),
        ratio(
            "jsonl: lint of 1M ≤ 11× lint of 100k",
            lint("jsonl:1m"),
            lint("jsonl:100k"),
            11.0,
        ),
        // Dirty inputs: findings on most records.
        rate("dirty-jsonl:1m", 100_000.0),
        memory("dirty-jsonl:1m", 1000.0),
        ratio(
            "dirty-jsonl: lint of 1M ≤ 11× lint of 100k",
            lint("dirty-jsonl:1m"),
            lint("dirty-jsonl:100k"),
            11.0,
        ),
        rate("dirty-toml:100k", 40_000.0),
        memory("dirty-toml:100k", 1000.0),
        target(
            "cluster-jsonl:10k: done in ≤ 10 s with ≤ 10,000 possible duplicates".into(),
            lint("cluster-jsonl:10k"),
            |_, b| {
                let text = format!(
                    "{:.2} s, {} possible duplicates",
                    b.wall_s,
                    thousands(duplicates)
                );
                (text, b.wall_s <= 10.0 && duplicates <= 10_000)
            },
        ),
        (
            "output identical with 1 and 2 threads".into(),
            format!(
                "{} of {} lint inputs checked, {} identical",
                threads.len(),
                r.checks.len(),
                threads.iter().filter(|x| **x).count()
            ),
            (!threads.is_empty()).then(|| threads.iter().all(|x| *x)),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

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
        Row::new(
            set.parse().unwrap(),
            measure,
            "faultline lint".into(),
            measured,
        )
    }

    fn failed(set: &str, why: &str) -> Row {
        let mut r = row(set, Measure::Lint, 40.0, 3_900_000);
        r.measured.failure = Some(why.into());
        r
    }

    #[test]
    fn targets_are_judged_from_the_rows() {
        let results = Results {
            machine: Machine::default(),
            command: "cargo xtask bench".into(),
            generation: Vec::new(),
            limits: String::new(),
            notes: vec!["ajv-cli is not installed: skipped".into()],
            rows: vec![
                row("jsonl:100k", Measure::Floor, 0.2, 50_000),
                row("jsonl:100k", Measure::Lint, 0.4, 100_000),
                row("jsonl:1m", Measure::Floor, 2.0, 60_000),
                row("jsonl:1m", Measure::Lint, 4.0, 300_000),
                row("toml:100k", Measure::Lint, 4.0, 300_000),
                row("dirty-jsonl:100k", Measure::Lint, 2.0, 300_000),
                row(
                    "dirty-jsonl:100k",
                    Measure::Outside("check-jsonschema"),
                    40.0,
                    900_000,
                ),
                failed("dirty-jsonl:1m", "exceeded 4 GB after 40 s"),
            ],
            checks: Vec::new(),
        };
        let text = render(&results);
        let has = |s: &str| assert!(text.contains(s), "{s}\n\n{text}");
        has("| jsonl:1m: full lint ≥ 200,000 events/s | 250,000 events/s | met |");
        has("| jsonl:1m: full lint within 2.5× the floor | 2.00× | met |");
        has("| jsonl:1m: full lint peak RSS ≤ 400 MB | 307 MB | met |");
        has("| toml:100k: full lint ≥ 40,000 files/s | 25,000 files/s | **not met** |");
        has("| acled:1m: import ≤ 10 s | — | not measured |");
        has("| jsonl: lint of 1M ≤ 11× lint of 100k | 10.00× | met |");
        has(
            "| dirty-jsonl:1m: full lint ≥ 100,000 events/s | exceeded 4 GB after 40 s | **not met** |",
        );
        has(
            "| dirty-jsonl:1m: full lint peak RSS ≤ 1000 MB | exceeded 4 GB after 40 s | **not met** |",
        );
        has(
            "| dirty-jsonl-1m (1,000,000 events) | full lint, JSON to a file | 1 | **exceeded 4 GB after 40 s** |",
        );
        has("| dirty-jsonl-100k | check-jsonschema | 40.00 s | 2.00 s | 0.05 |");
        has("- ajv-cli is not installed: skipped");
        has("| jsonl-100k → jsonl-1m | full lint, JSON to a file | 10.0× | 10.0× |");
        has(
            "| cluster-jsonl:10k: done in ≤ 10 s with ≤ 10,000 possible duplicates | — | not measured |",
        );
    }
}
