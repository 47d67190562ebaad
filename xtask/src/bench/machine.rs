//! The machine a benchmark ran on: cores, CPU, memory, compiler, commit, and the load average
//! (other work on a shared machine skews the times).

use std::path::Path;
use std::process::Command;

/// The machine the benchmark ran on.
#[derive(Debug, Clone, Default)]
pub struct Machine {
    /// Logical cores.
    pub cores: usize,
    /// The CPU model (`/proc/cpuinfo`).
    pub cpu: String,
    /// Memory, GiB (`/proc/meminfo`).
    pub memory_gib: f64,
    /// `rustc --version`.
    pub rustc: String,
    /// The commit, with `+ uncommitted changes` when the work tree differs from it.
    pub commit: String,
    /// `/proc/loadavg` when the run started (other work on the machine skews the times).
    pub load_before: String,
    /// `/proc/loadavg` when the run ended.
    pub load_after: String,
}

impl Machine {
    /// Reads the machine's description.
    pub fn detect(root: &Path) -> Machine {
        let field = |file: &str, key: &str| {
            std::fs::read_to_string(file)
                .unwrap_or_default()
                .lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_owned())
                .unwrap_or_default()
        };
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
        let mem_kib: f64 = field("/proc/meminfo", "MemTotal")
            .trim_end_matches("kB")
            .trim()
            .parse()
            .unwrap_or(0.0);
        Machine {
            cores: std::thread::available_parallelism().map_or(1, usize::from),
            cpu: field("/proc/cpuinfo", "model name"),
            memory_gib: mem_kib / 1024.0 / 1024.0,
            rustc: run("rustc", &["--version"]),
            commit,
            load_before: load_average(),
            load_after: String::new(),
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
