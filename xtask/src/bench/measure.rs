//! Timed runs: every run is a fresh child process started through `bench exec` (the release
//! probe), which reports the child's wall time, CPU time and peak RSS and stops it at the
//! timeout or the memory limit; the best of up to N runs is kept.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// One run of one command.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Sample {
    /// Wall-clock time, seconds.
    pub wall_s: f64,
    /// User CPU time, seconds.
    pub user_s: f64,
    /// System CPU time, seconds.
    pub sys_s: f64,
    /// Peak resident set, KiB.
    pub max_rss_kib: u64,
    /// Exit code (none when killed by a signal).
    pub code: Option<i32>,
    /// The signal that ended the run, if one did.
    pub signal: Option<i32>,
    /// Whether the run was stopped at the timeout.
    pub timed_out: bool,
    /// Whether the run was stopped at the memory limit.
    pub memory_exceeded: bool,
}

impl Sample {
    /// Cores kept busy on average: CPU time / wall time.
    pub fn cores(&self) -> f64 {
        if self.wall_s > 0.0 {
            (self.user_s + self.sys_s) / self.wall_s
        } else {
            0.0
        }
    }
}

/// The outcome of N runs of one command.
#[derive(Debug, Clone, Default)]
pub struct Measured {
    /// Every run, in order.
    pub samples: Vec<Sample>,
    /// The fastest run.
    pub best: Sample,
    /// The highest peak RSS over all runs, KiB.
    pub peak_kib: u64,
    /// What the fastest run printed on standard output (the probe's JSON report).
    pub stdout: String,
    /// Why the runs stopped early, if they did (a timeout, an unexpected exit code).
    pub failure: Option<String>,
}

/// Starts timed runs.
#[derive(Debug, Clone)]
pub struct Runner {
    /// The release probe (`target/release/bench`).
    pub probe: PathBuf,
    /// The working directory of every run (the data folder).
    pub cwd: PathBuf,
    /// Where each run's standard output and error go.
    pub logs: PathBuf,
    /// Seconds before a run is stopped.
    pub timeout: f64,
    /// The most resident memory a run may take, bytes.
    pub memory_limit: u64,
}

/// A measurement is not run again once its runs took this long in all: a run of half a
/// minute varies little, and repeating it would make the benchmark far longer.
pub const REPEAT_BUDGET_S: f64 = 30.0;

/// What to run, how often, and which exit codes mean success.
pub struct Job<'a> {
    /// A short name for logs (`lint-jsonl-1m`).
    pub tag: String,
    /// The program and its arguments.
    pub argv: Vec<OsString>,
    /// Extra environment variables.
    pub env: Vec<(&'a str, &'a str)>,
    /// Number of runs, at most (see [`REPEAT_BUDGET_S`]).
    pub runs: usize,
    /// Exit codes that count as a completed run (the linter exits 1 when it finds errors).
    pub ok_codes: &'a [i32],
    /// Texts one of which a completed run prints (on either stream); empty: no such check.
    pub expect: &'a [&'a str],
    /// Run before each run (e.g. delete an output that must not exist).
    pub before: Option<&'a dyn Fn()>,
}

impl Runner {
    /// Runs `job` up to `job.runs` times, stopping at the first failed run.
    pub fn measure(&self, job: &Job<'_>) -> Measured {
        self.interleaved(std::slice::from_ref(job))
            .pop()
            .unwrap_or_default()
    }

    /// Runs several jobs in turn — run 1 of each, then run 2 of each, ... — so that a change
    /// in the machine's load during the runs affects them alike and their ratios stay fair.
    /// A job stops at its first failed run, and once its runs took [`REPEAT_BUDGET_S`].
    pub fn interleaved(&self, jobs: &[Job<'_>]) -> Vec<Measured> {
        let mut all: Vec<Measured> = jobs.iter().map(|_| Measured::default()).collect();
        let rounds = jobs.iter().map(|j| j.runs).max().unwrap_or(0);
        for k in 0..rounds {
            for (job, m) in jobs.iter().zip(all.iter_mut()) {
                let spent: f64 = m.samples.iter().map(|s| s.wall_s).sum();
                if k < job.runs && m.failure.is_none() && spent < REPEAT_BUDGET_S {
                    self.step(job, k, m);
                }
            }
        }
        all
    }

    /// Run `k` of `job`, recorded in `m`.
    fn step(&self, job: &Job<'_>, k: usize, m: &mut Measured) {
        if let Some(f) = job.before {
            f();
        }
        let tag = format!("{}-{}", job.tag, k + 1);
        let (s, stdout) = match self.once(job, &tag) {
            Ok(x) => x,
            Err(e) => {
                m.failure = Some(e);
                return;
            }
        };
        #[allow(clippy::print_stderr)]
        {
            eprintln!(
                "  {} run {}/{}: {:.2} s, {:.0} MB, {:.2} cores{}",
                job.tag,
                k + 1,
                job.runs,
                s.wall_s,
                s.max_rss_kib as f64 * 1024.0 / 1e6,
                s.cores(),
                if s.timed_out {
                    " (timed out)"
                } else if s.memory_exceeded {
                    " (memory limit)"
                } else {
                    ""
                }
            );
        }
        m.peak_kib = m.peak_kib.max(s.max_rss_kib);
        if m.samples.is_empty() || s.wall_s < m.best.wall_s {
            m.best = s;
            m.stdout = stdout;
        }
        m.samples.push(s);
        let limit_gb = self.memory_limit as f64 / 1e9;
        if s.timed_out {
            m.failure = Some(format!("stopped at the timeout ({:.0} s)", self.timeout));
        } else if s.memory_exceeded {
            m.failure = Some(format!("exceeded {limit_gb:.0} GB after {:.0} s", s.wall_s));
        } else if !s.code.is_some_and(|c| job.ok_codes.contains(&c)) {
            let err = self.logs.join(format!("{tag}.err"));
            let text = std::fs::read_to_string(&err).unwrap_or_default();
            let how = match (s.code, s.signal) {
                _ if text.contains("memory allocation") || text.contains("MemoryError") => {
                    format!("exceeded {limit_gb:.0} GB after {:.0} s", s.wall_s)
                }
                (Some(c), _) => format!("exit code {c}"),
                (None, Some(sig)) => format!("killed by signal {sig}"),
                (None, None) => "no exit status".to_owned(),
            };
            m.failure = Some(format!("{how}; see {}", err.display()));
        } else if !job.expect.is_empty() {
            let log = |ext: &str| {
                std::fs::read_to_string(self.logs.join(format!("{tag}.{ext}"))).unwrap_or_default()
            };
            let text = log("out") + &log("err");
            if !job.expect.iter().any(|e| text.contains(e)) {
                m.failure = Some(format!(
                    "did not finish its work; see {}",
                    self.logs.join(format!("{tag}.err")).display()
                ));
            }
        }
    }

    fn once(&self, job: &Job<'_>, tag: &str) -> Result<(Sample, String), String> {
        let out_file = self.logs.join(format!("{tag}.out"));
        let err_file = self.logs.join(format!("{tag}.err"));
        let output = Command::new(&self.probe)
            .arg("exec")
            .arg("--timeout")
            .arg(self.timeout.to_string())
            .arg("--memory-limit")
            .arg(self.memory_limit.to_string())
            .arg("--stdout")
            .arg(&out_file)
            .arg("--stderr")
            .arg(&err_file)
            .arg("--")
            .args(&job.argv)
            // The same lint wherever the harness runs: no archive of the caller's.
            .env_remove("FAULTLINE_ARCHIVE")
            .envs(job.env.iter().copied())
            .current_dir(&self.cwd)
            .output()
            .map_err(|e| format!("cannot run {}: {e}", self.probe.display()))?;
        if !output.status.success() {
            return Err(format!(
                "bench exec failed: {}",
                String::from_utf8_lossy(&output.stderr).trim()
            ));
        }
        let v: Value = serde_json::from_slice(&output.stdout)
            .map_err(|e| format!("bench exec printed no report: {e}"))?;
        let f = |k: &str| v.get(k).and_then(Value::as_f64).unwrap_or(0.0);
        let sample = Sample {
            wall_s: f("wall_s"),
            user_s: f("user_s"),
            sys_s: f("sys_s"),
            max_rss_kib: v.get("max_rss_kib").and_then(Value::as_u64).unwrap_or(0),
            code: v
                .get("code")
                .and_then(Value::as_i64)
                .and_then(|c| i32::try_from(c).ok()),
            signal: v
                .get("signal")
                .and_then(Value::as_i64)
                .and_then(|c| i32::try_from(c).ok()),
            timed_out: v.get("timed_out").and_then(Value::as_bool).unwrap_or(false),
            memory_exceeded: v
                .get("memory_exceeded")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        };
        let stdout = std::fs::read_to_string(&out_file).unwrap_or_default();
        Ok((sample, stdout))
    }
}

/// Whether two files have the same bytes (false when either cannot be read), read a block at
/// a time: a dirty input's lint output can be gigabytes.
pub fn same_bytes(a: &Path, b: &Path) -> bool {
    let open =
        |p: &Path| std::fs::File::open(p).map(|f| std::io::BufReader::with_capacity(1 << 20, f));
    let (Ok(mut a), Ok(mut b)) = (open(a), open(b)) else {
        return false;
    };
    let (mut x, mut y) = (vec![0; 1 << 20], vec![0; 1 << 20]);
    loop {
        let (Ok(n), Ok(m)) = (read_full(&mut a, &mut x), read_full(&mut b, &mut y)) else {
            return false;
        };
        if x[..n] != y[..m] {
            return false;
        }
        if n == 0 {
            return true;
        }
    }
}

/// Reads until `buf` is full or the reader ends.
fn read_full(r: &mut impl std::io::Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}
