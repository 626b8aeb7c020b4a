//! `endpoints` on a large cluster: 2,000 nodes × 300 NodePort jobs (600,000 rows) against the fake
//! API server: requests made and their sequential rounds, wall time and peak memory of the release
//! binary per output format, and the wall time with latency added to every request.

use std::time::Duration;

use fake_kube::{FakeServer, KubeconfigOpts, Match, ServerOptions};
use kubectl_twister2::manifests::job;
use kubectl_twister2::twister2::spec::{Exposure, JobSpec};

use crate::measure::{ms, repeat, run_once};

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
    let envs = [("HOME", home.as_str())];
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
    let output = std::process::Command::new(plugin)
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
    let rounds = server.waves(&Match::any());

    println!(
        "\n## endpoints: {NODES} nodes × {SERVICES} NodePort services ({} rows)\n",
        NODES * SERVICES
    );
    println!(
        "requests per run: {} ({}), in {rounds} sequential round(s)\n",
        requests.len(),
        summary.join(", ")
    );
    println!("| output | runs | median ms | p90 ms | peak RSS KiB |");
    println!("|---|---|---|---|---|");
    let mut baseline = Duration::ZERO;
    for format in ["table", "wide", "name", "json", "yaml"] {
        let owned = args(format);
        let argv: Vec<&str> = owned.iter().map(String::as_str).collect();
        let summary = repeat(plugin, &argv, &envs, 1, RUNS);
        if format == "name" {
            baseline = summary.median;
        }
        println!(
            "| -o {format} | {RUNS} | {} | {} | {} |",
            ms(summary.median),
            ms(summary.p90),
            summary.max_rss_kib
        );
    }

    // With latency on every request: the three lists overlap, so the run pays about one.
    server.add_latency(Match::any(), LATENCY);
    let owned = args("name");
    let argv: Vec<&str> = owned.iter().map(String::as_str).collect();
    let mut walls: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let run = run_once(plugin, &argv, &envs);
            assert!(run.success, "endpoints failed with latency");
            run.wall
        })
        .collect();
    walls.sort();
    let median = walls[RUNS / 2];
    println!(
        "\nwith {} ms added to every request (-o name, {RUNS} runs): median {} ms, {} ms more \
than without (the lists run concurrently: one round trip's latency, not three)",
        LATENCY.as_millis(),
        ms(median),
        ms(median.saturating_sub(baseline))
    );
}
