//! `nodes label --from-config` on 5,000 nodes (50 racks, 5 datacenters) against the fake API
//! server with 5 ms added to every request: wall time of the release binary, its CPU time and
//! peak memory, and the requests it made (one node list, one access review, one label patch per
//! node, at most 32 in flight).
//!
//! CPU and memory come from `/usr/bin/time`, whose own child is the plugin: the plugin is not
//! spawned straight from this process, because an exec'd child inherits its spawner's peak RSS
//! in `ru_maxrss`, and this process holds the whole fake cluster.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fake_kube::{FakeServer, KubeconfigOpts, Match};

use crate::measure::ms;

const NODES: usize = 5_000;
const RACKS: usize = 50;
const DATACENTERS: usize = 5;
const LATENCY: Duration = Duration::from_millis(5);
const RUNS: usize = 5;

/// The InternalIP `FakeServer::nodes` gives node `i`.
fn internal_ip(i: usize) -> String {
    format!("10.0.{}.{}", i / 250, i % 250 + 1)
}

/// Twister2's racks.list (InternalIPs) and datacenters.list for every node.
fn config_text() -> String {
    let per_rack = NODES / RACKS;
    let mut text = String::from("twister2.resource.racks.list:\n");
    for rack in 0..RACKS {
        let ips: Vec<String> = (rack * per_rack..(rack + 1) * per_rack)
            .map(internal_ip)
            .collect();
        text.push_str(&format!("  - rack-{rack}: [{}]\n", ips.join(", ")));
    }
    text.push_str("twister2.resource.datacenters.list:\n");
    let per_dc = RACKS / DATACENTERS;
    for dc in 0..DATACENTERS {
        let racks: Vec<String> = (dc * per_dc..(dc + 1) * per_dc)
            .map(|r| format!("rack-{r}"))
            .collect();
        text.push_str(&format!("  - dc-{dc}: [{}]\n", racks.join(", ")));
    }
    text
}

struct Figures {
    wall: Duration,
    cpu: Option<Duration>,
    max_rss_kib: Option<i64>,
    lists: usize,
    reviews: usize,
    patches: usize,
    total: usize,
    patch_waves: usize,
}

/// Runs `program args` under `/usr/bin/time` (when present): wall time, user+system CPU time
/// and peak RSS of the program alone.
fn timed(program: &str, args: &[&str], home: &Path) -> (Duration, Option<Duration>, Option<i64>) {
    let report = home.join("time.txt");
    let has_time = Path::new("/usr/bin/time").exists();
    let mut command = if has_time {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-o").arg(&report).args(["-f", "%U %S %M", program]);
        c
    } else {
        Command::new(program)
    };
    command
        .args(args)
        .env("HOME", home)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let started = Instant::now();
    let status = command
        .status()
        .unwrap_or_else(|e| panic!("cannot start {program}: {e}"));
    let wall = started.elapsed();
    assert!(
        status.success(),
        "{program} {args:?} failed during the benchmark"
    );
    let text = std::fs::read_to_string(&report).unwrap_or_default();
    let fields: Vec<&str> = text
        .lines()
        .last()
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    match fields.as_slice() {
        [user, system, rss] if has_time => {
            let seconds = |s: &str| s.parse::<f64>().unwrap_or(0.0);
            (
                wall,
                Some(Duration::from_secs_f64(seconds(user) + seconds(system))),
                rss.parse().ok(),
            )
        }
        _ => (wall, None, None),
    }
}

fn one_run(plugin: &str, dir: &Path, config: &Path) -> Figures {
    let server = FakeServer::start().expect("fake API server starts");
    server.set_control_plane(false);
    server.nodes(NODES);
    let kubeconfig = server
        .write_kubeconfig(dir, KubeconfigOpts::default())
        .expect("kubeconfig written");
    server.add_latency(Match::any(), LATENCY);
    server.clear_requests();
    let kubeconfig = kubeconfig.to_string_lossy().into_owned();
    let config = config.to_string_lossy().into_owned();
    let (wall, cpu, max_rss_kib) = timed(
        plugin,
        &[
            "--kubeconfig",
            &kubeconfig,
            "nodes",
            "label",
            "--from-config",
            &config,
        ],
        dir,
    );
    let labelled = server
        .list_selected("nodes", None, "rack,datacenter")
        .map(|n| n.len())
        .unwrap_or(0);
    assert_eq!(labelled, NODES, "every node labelled");
    let patches = Match::verb("patch").on("nodes");
    Figures {
        wall,
        cpu,
        max_rss_kib,
        lists: server.count_requests(&Match::verb("list").on("nodes")),
        reviews: server.count_requests(&Match::resource("selfsubjectaccessreviews")),
        patches: server.count_requests(&patches),
        total: server.requests().len(),
        patch_waves: server.waves(&patches),
    }
}

pub fn run() {
    let plugin = env!("CARGO_BIN_EXE_kubectl-twister2");
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("racks.yaml");
    std::fs::write(&config, config_text()).expect("config written");
    println!(
        "\n## nodes label: {NODES} nodes from a config file ({RACKS} racks, {DATACENTERS} datacenters), {} ms added to every request ({RUNS} runs, fresh cluster each)\n",
        LATENCY.as_millis()
    );
    println!(
        "| run | wall ms | plugin CPU ms | plugin peak RSS KiB | node lists | access reviews | patches | all requests | sequential rounds of patches |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    let mut walls = Vec::new();
    for i in 0..RUNS {
        let f = one_run(plugin, dir.path(), &config);
        let or_dash = |v: Option<String>| v.unwrap_or_else(|| "-".to_string());
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            i + 1,
            ms(f.wall),
            or_dash(f.cpu.map(ms)),
            or_dash(f.max_rss_kib.map(|k| k.to_string())),
            f.lists,
            f.reviews,
            f.patches,
            f.total,
            f.patch_waves
        );
        walls.push(f.wall);
    }
    walls.sort();
    let serial = LATENCY * (NODES as u32 + 2);
    println!(
        "\nmedian wall: {} ms; the same requests one after another would spend at least {} ms in latency alone",
        ms(walls[RUNS / 2]),
        ms(serial)
    );
}
