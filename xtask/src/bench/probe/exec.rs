//! `bench exec`: run one program and report its wall time, CPU time and peak memory, stopping
//! it when it runs too long or takes too much memory.
//!
//! Peak memory is the kernel's own high-water mark of the child's resident set:
//! `getrusage(RUSAGE_CHILDREN).ru_maxrss`, read after the child has been waited for. This
//! process starts exactly one child per invocation, so "the largest of my waited-for
//! children" is that child (or the largest process it waited for) — the same number `wait4`
//! would return, with no sampling. (`wait4` itself has no safe wrapper, and the workspace
//! forbids `unsafe`; nix's `getrusage` is safe.)
//!
//! `--memory-limit BYTES` protects a shared machine: while the program runs, the resident
//! memory of it and its descendants (`VmRSS` in `/proc`) is read every 50 ms, and the whole
//! process group is killed once it exceeds the limit — reported as `memory_exceeded` instead
//! of swapping or waking the OOM killer. As a backstop against growth faster than the
//! sampling, the address space is capped (`RLIMIT_AS`, inherited) at three times the limit.

use std::ffi::OsString;
use std::fs::File;
use std::os::unix::process::{CommandExt as _, ExitStatusExt as _};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use nix::sys::resource::{Resource, UsageWho, getrusage, setrlimit};
use nix::sys::signal::{Signal, killpg};
use nix::sys::time::TimeValLike as _;
use nix::unistd::Pid;
use serde_json::json;

/// How often the resident memory is read.
const SAMPLE: Duration = Duration::from_millis(50);

/// `bench exec [OPTIONS] -- PROGRAM ARGS...`.
#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// Stop the program after this many seconds.
    #[arg(long, default_value_t = 3600.0)]
    timeout: f64,
    /// Stop the program once it (with its descendants) holds more than this many bytes of
    /// resident memory.
    #[arg(long)]
    memory_limit: Option<u64>,
    /// Where the program's standard output goes [default: nowhere].
    #[arg(long)]
    stdout: Option<PathBuf>,
    /// Where the program's standard error goes [default: nowhere].
    #[arg(long)]
    stderr: Option<PathBuf>,
    /// The program and its arguments.
    #[arg(last = true, required = true)]
    command: Vec<OsString>,
}

/// Runs the program and prints one JSON object: exit code or signal, whether it was stopped
/// (`timed_out`, `memory_exceeded`), wall time, user and system CPU time, peak RSS.
pub(super) fn run(args: Args) -> Result<(), String> {
    let sink = |path: &Option<PathBuf>| -> Result<Stdio, String> {
        match path {
            Some(p) => File::create(p)
                .map(Stdio::from)
                .map_err(|e| format!("{}: {e}", p.display())),
            None => Ok(Stdio::null()),
        }
    };
    if let Some(limit) = args.memory_limit {
        let cap = limit.saturating_mul(3);
        setrlimit(Resource::RLIMIT_AS, cap, cap)
            .map_err(|e| format!("cannot limit memory: {e}"))?;
    }
    let (program, rest) = args
        .command
        .split_first()
        .ok_or("expected -- PROGRAM ARGS...")?;
    let timeout = Duration::from_secs_f64(args.timeout);

    let started = Instant::now();
    let mut child = Command::new(program)
        .args(rest)
        .stdin(Stdio::null())
        .stdout(sink(&args.stdout)?)
        .stderr(sink(&args.stderr)?)
        .process_group(0)
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", program.to_string_lossy()))?;
    let id = child.id();
    let group = Pid::from_raw(i32::try_from(id).map_err(|e| e.to_string())?);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait());
    });
    let (mut timed_out, mut memory_exceeded, mut sampled_kib) = (false, false, 0);
    let status = loop {
        match rx.recv_timeout(SAMPLE) {
            Ok(status) => break status,
            Err(RecvTimeoutError::Disconnected) => return Err("lost the child".into()),
            Err(RecvTimeoutError::Timeout) => {}
        }
        if let Some(limit) = args.memory_limit {
            sampled_kib = sampled_kib.max(tree_rss_kib(id));
            memory_exceeded = sampled_kib.saturating_mul(1024) > limit;
        }
        timed_out = started.elapsed() > timeout;
        if timed_out || memory_exceeded {
            let _ = killpg(group, Signal::SIGKILL);
            break rx.recv().map_err(|e| e.to_string())?;
        }
    };
    let wall = started.elapsed();
    let status = status.map_err(|e| e.to_string())?;
    let usage = getrusage(UsageWho::RUSAGE_CHILDREN).map_err(|e| e.to_string())?;
    let secs = |t: nix::sys::time::TimeVal| t.num_microseconds() as f64 / 1e6;
    let out = json!({
        "code": status.code(),
        "signal": status.signal(),
        "timed_out": timed_out,
        "memory_exceeded": memory_exceeded,
        "wall_s": wall.as_secs_f64(),
        "user_s": secs(usage.user_time()),
        "sys_s": secs(usage.system_time()),
        "max_rss_kib": usage.max_rss().max(sampled_kib as i64),
    });
    #[allow(clippy::print_stdout)]
    {
        println!("{out}");
    }
    Ok(())
}

/// The resident memory of a process and all its descendants, KiB (0 once it has gone).
fn tree_rss_kib(root: u32) -> u64 {
    let mut total = 0;
    let mut todo = vec![root];
    while let Some(pid) = todo.pop() {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        total += status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .unwrap_or(0);
        let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
            continue;
        };
        for task in tasks.flatten() {
            if let Ok(children) = std::fs::read_to_string(task.path().join("children")) {
                todo.extend(
                    children
                        .split_whitespace()
                        .filter_map(|c| c.parse::<u32>().ok()),
                );
            }
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_memory_of_a_process_tree() {
        // This test process holds at least a few megabytes.
        let me = tree_rss_kib(std::process::id());
        assert!(me > 1000, "{me} KiB");
        assert_eq!(tree_rss_kib(u32::MAX), 0);
    }
}
