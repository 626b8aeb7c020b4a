//! `endpoints` on a large cluster: 2,000 nodes × 300 NodePort jobs (600,000 rows) against the fake
//! API server: requests made and their sequential rounds, wall time and peak memory of the release
//! binary per output format, and the wall time with latency added to every request.
//!
//! Peak memory is the child's `VmHWM` (its own address space's high-water mark) sampled from
//! `/proc` while it runs: `wait4`'s `ru_maxrss` would report this bench process's memory instead,
//! because the fake server holding 2,000 nodes lives here and Linux carries the spawning
//! process's high-water mark into the child's rusage at exec.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fake_kube::{FakeServer, KubeconfigOpts, Match, ServerOptions};
use kubectl_twister2::manifests::job;
use kubectl_twister2::twister2::spec::{Exposure, JobSpec};

use crate::measure::ms;

const NODES: usize = 2_000;
const SERVICES: usize = 300;
const RUNS: usize = 5;
const LATENCY: Duration = Duration::from_millis(50);

/// The NodePort Service Twister2 (and the plugin) creates for job `i`.
fn node_port_service(i: usize) -> serde_json::Value {
    let mut spec = JobSpec::example(&format!("u-bench-{i:03}"));
    spec.exposure = Exposure::NodePort {
        node_port: Some(30000 + i as u16),
    };
    serde_json::to_value(job::render(&spec).worker_service).expect("service as JSON")
}

/// One run: wall time and the sampled peak of `VmHWM`, in KiB.
struct Sample {
    wall: Duration,
    peak_kib: u64,
}

fn high_water_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Run the plugin with stdout discarded, sampling its `VmHWM` every millisecond until it exits.
fn run_sampled(program: &str, args: &[String], home: &str) -> Sample {
    let started = Instant::now();
    let mut child = Command::new(program)
        .args(args)
        .env("HOME", home)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("plugin starts");
    let mut peak_kib = 0;
    loop {
        if let Some(kib) = high_water_kib(child.id()) {
            peak_kib = peak_kib.max(kib);
        }
        if let Some(status) = child.try_wait().expect("wait for the plugin") {
            assert!(status.success(), "endpoints {args:?} failed");
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    Sample {
        wall: started.elapsed(),
        peak_kib,
    }
}

/// `runs` measured runs after one warm-up: median and p90 wall, highest peak.
fn repeat_sampled(
    program: &str,
    args: &[String],
    home: &str,
    runs: usize,
) -> (Duration, Duration, u64) {
    run_sampled(program, args, home);
    let mut samples: Vec<Sample> = (0..runs)
        .map(|_| run_sampled(program, args, home))
        .collect();
    samples.sort_by_key(|s| s.wall);
    let peak = samples.iter().map(|s| s.peak_kib).max().unwrap_or(0);
    (
        samples[runs / 2].wall,
        samples[(runs * 9 / 10).min(runs - 1)].wall,
        peak,
    )
}

pub fn run() {
    let plugin = env!("CARGO_BIN_EXE_kubectl-twister2");
    let dir = tempfile::tempdir().expect("temp dir");
    let server = FakeServer::start_with(ServerOptions {
        control_plane: false,
        ..ServerOptions::default()
    })
    .expect("fake API server starts");
    server.nodes(NODES);
    for i in 0..SERVICES {
        server.put(node_port_service(i)).expect("service stored");
    }
    let kubeconfig = server
        .write_kubeconfig(dir.path(), KubeconfigOpts::default())
        .expect("kubeconfig written")
        .to_string_lossy()
        .into_owned();
    let home = dir.path().to_string_lossy().into_owned();
    let args = |format: &'static str| -> Vec<String> {
        vec![
            "--kubeconfig".into(),
            kubeconfig.clone(),
            "endpoints".into(),
            "-o".into(),
            format.into(),
        ]
    };

    // Correctness and requests of one run.
    server.clear_requests();
    let output = Command::new(plugin)
        .args(args("name"))
        .env("HOME", &home)
        .output()
        .expect("plugin runs");
    assert!(output.status.success(), "endpoints failed: {output:?}");
    let rows = output.stdout.iter().filter(|b| **b == b'\n').count();
    assert_eq!(rows, NODES * SERVICES, "one row per node and NodePort");
    let requests = server.requests();
    let summary: Vec<String> = requests
        .iter()
        .map(|r| format!("{} {}", r.verb, r.resource))
        .collect();
    assert!(requests.len() <= 3, "at most 3 requests: {summary:?}");

    println!(
        "\n## endpoints: {NODES} nodes × {SERVICES} NodePort services ({} rows)\n",
        NODES * SERVICES
    );
    println!(
        "requests per run: {} ({})\n",
        requests.len(),
        summary.join(", ")
    );
    println!("| output | runs | median ms | p90 ms | peak RSS KiB (VmHWM) |");
    println!("|---|---|---|---|---|");
    let mut baseline = Duration::ZERO;
    for format in ["table", "wide", "name", "json", "yaml"] {
        let (median, p90, peak) = repeat_sampled(plugin, &args(format), &home, RUNS);
        if format == "name" {
            baseline = median;
        }
        println!(
            "| -o {format} | {RUNS} | {} | {} | {peak} |",
            ms(median),
            ms(p90)
        );
    }

    // With latency on every request: the three lists overlap, so a run pays about one.
    server.add_latency(Match::any(), LATENCY);
    server.clear_requests();
    let (median, _, _) = repeat_sampled(plugin, &args("name"), &home, RUNS);
    let rounds_per_run = server.waves(&Match::any()) as f64 / (RUNS + 1) as f64;
    println!(
        "\nwith {} ms added to every request (-o name, {RUNS} runs): median {} ms against {} ms \
without; {rounds_per_run:.1} sequential round(s) of requests per run",
        LATENCY.as_millis(),
        ms(median),
        ms(baseline)
    );
}
