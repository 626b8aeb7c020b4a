//! Running a command many times: wall-clock medians and peak resident memory.
//!
//! Memory comes from `/usr/bin/time -f %M` (GNU time, a small process): a child forked from this
//! bench process — which may hold a fake API server with thousands of objects — would inherit
//! this process's resident size into its `ru_maxrss`, so `wait4`'s figure is only used when GNU
//! time is missing. Wall times of start-up runs are taken without the wrapper.

use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One run's cost.
#[derive(Debug, Clone, Copy)]
pub struct Run {
    pub wall: Duration,
    pub max_rss_kib: i64,
    pub success: bool,
}

/// Summary of repeated runs.
#[derive(Debug, Clone, Copy)]
pub struct Summary {
    pub runs: usize,
    pub median: Duration,
    pub p90: Duration,
    pub max_rss_kib: i64,
}

/// Run `program args` once with stdout/stderr discarded.
pub fn run_once(program: &str, args: &[&str], envs: &[(&str, &str)]) -> Run {
    run_once_to(program, args, envs, Stdio::null())
}

/// GNU time, when installed.
const GNU_TIME: &str = "/usr/bin/time";

/// Like [`run_once`], with stderr sent to `stderr` (e.g. a file, to show why a run failed);
/// memory measured through GNU time when it is installed.
pub fn run_once_to(program: &str, args: &[&str], envs: &[(&str, &str)], stderr: Stdio) -> Run {
    if !std::path::Path::new(GNU_TIME).exists() {
        return spawn_and_wait(program, args, envs, stderr);
    }
    let report = tempfile::NamedTempFile::new().expect("temp file for GNU time");
    let report_path = report.path().display().to_string();
    let mut wrapped: Vec<&str> = vec!["-f", "%M", "-o", &report_path, program];
    wrapped.extend_from_slice(args);
    let mut run = spawn_and_wait(GNU_TIME, &wrapped, envs, stderr);
    if let Some(kib) = std::fs::read_to_string(report.path())
        .ok()
        .and_then(|t| t.lines().last().and_then(|l| l.trim().parse::<i64>().ok()))
    {
        run.max_rss_kib = kib;
    }
    run
}

/// Spawn, wait with `wait4`, time it (no wrapper).
pub fn spawn_and_wait(program: &str, args: &[&str], envs: &[(&str, &str)], stderr: Stdio) -> Run {
    let started = Instant::now();
    let child = Command::new(program)
        .args(args)
        .envs(envs.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {program}: {e}"));
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain data; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    assert_eq!(waited, pid, "wait4 failed for {program}");
    let exit = std::process::ExitStatus::from_raw(status);
    std::mem::forget(child);
    Run {
        wall,
        max_rss_kib: usage.ru_maxrss,
        success: exit.success(),
    }
}

/// `warmup` unmeasured runs, then `runs` measured ones.
pub fn repeat(
    program: &str,
    args: &[&str],
    envs: &[(&str, &str)],
    warmup: usize,
    runs: usize,
) -> Summary {
    for _ in 0..warmup {
        spawn_and_wait(program, args, envs, Stdio::null());
    }
    let mut results: Vec<Run> = (0..runs)
        .map(|_| spawn_and_wait(program, args, envs, Stdio::null()))
        .collect();
    let memory = run_once(program, args, envs);
    assert!(
        results.iter().all(|r| r.success),
        "{program} {args:?} failed during the benchmark"
    );
    results.sort_by_key(|r| r.wall);
    Summary {
        runs,
        median: results[runs / 2].wall,
        p90: results[(runs * 9 / 10).min(runs - 1)].wall,
        max_rss_kib: memory.max_rss_kib,
    }
}

/// Milliseconds with two decimals.
pub fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

/// CPU model and core count, for the report header.
pub fn machine_summary() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    format!("{cpu}, {cores} cores, {}", std::env::consts::OS)
}
