//! `bench exec`: run one program and report its wall time, CPU time and peak memory.
//!
//! Peak memory is the kernel's own high-water mark of the child's resident set:
//! `getrusage(RUSAGE_CHILDREN).ru_maxrss`, read after the child has been waited for. This
//! process starts exactly one child per invocation, so "the largest of my waited-for
//! children" is that child — the same number `wait4` would return in its `rusage`, with no
//! sampling: polling `/proc/<pid>/status` (`VmHWM`) can only be read while the child is
//! alive, so it misses whatever the child allocates after the last poll. (`wait4` itself has
//! no safe wrapper, and the workspace forbids `unsafe`; nix's `getrusage` is safe.)
//!
//! `--memory-limit BYTES` caps the child's address space (`RLIMIT_AS`, set on this process
//! before the child starts, and inherited): a run that would exhaust a shared machine fails
//! with an allocation error instead of waking the OOM killer.

use std::fs::File;
use std::os::unix::process::ExitStatusExt as _;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use nix::sys::resource::{Resource, UsageWho, getrusage, setrlimit};
use nix::sys::signal::{Signal, kill};
use nix::sys::time::TimeValLike as _;
use nix::unistd::Pid;
use serde_json::json;

/// `exec [--timeout SECS] [--memory-limit BYTES] [--stdout FILE] [--stderr FILE] -- PROGRAM ARGS...`.
pub(super) fn run(args: &[String]) -> Result<(), String> {
    let mut timeout = Duration::from_secs(3600);
    let mut stdout = Stdio::null();
    let mut stderr = Stdio::null();
    let mut i = 0;
    while i < args.len() {
        let value = || args.get(i + 1).ok_or(format!("{} needs a value", args[i]));
        match args[i].as_str() {
            "--timeout" => {
                let secs: f64 = value()?
                    .parse()
                    .map_err(|_| "--timeout takes seconds".to_owned())?;
                timeout = Duration::from_secs_f64(secs);
            }
            "--memory-limit" => {
                let bytes: u64 = value()?
                    .parse()
                    .map_err(|_| "--memory-limit takes bytes".to_owned())?;
                setrlimit(Resource::RLIMIT_AS, bytes, bytes)
                    .map_err(|e| format!("cannot limit memory: {e}"))?;
            }
            "--stdout" => stdout = File::create(value()?).map_err(|e| e.to_string())?.into(),
            "--stderr" => stderr = File::create(value()?).map_err(|e| e.to_string())?.into(),
            "--" => break,
            other => return Err(format!("unknown option {other}")),
        }
        i += 2;
    }
    let Some((program, rest)) = args.get(i + 1..).and_then(<[String]>::split_first) else {
        return Err("expected -- PROGRAM ARGS...".into());
    };

    let started = Instant::now();
    let mut child = Command::new(program)
        .args(rest)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    let pid = Pid::from_raw(i32::try_from(child.id()).map_err(|e| e.to_string())?);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait());
    });
    let (status, timed_out) = match rx.recv_timeout(timeout) {
        Ok(status) => (status, false),
        Err(_) => {
            let _ = kill(pid, Signal::SIGKILL);
            (rx.recv().map_err(|e| e.to_string())?, true)
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
        "wall_s": wall.as_secs_f64(),
        "user_s": secs(usage.user_time()),
        "sys_s": secs(usage.system_time()),
        "max_rss_kib": usage.max_rss(),
    });
    #[allow(clippy::print_stdout)]
    {
        println!("{out}");
    }
    Ok(())
}
