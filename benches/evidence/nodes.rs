//! `nodes label --from-config` on 5,000 nodes (50 racks, 5 datacenters) against the fake API
//! server with 5 ms added to every request: wall time of the release binary and the requests it
//! made (one node list, one access review, one label patch per node, at most 32 in flight).

use std::time::Duration;

use fake_kube::{FakeServer, KubeconfigOpts, Match};

use crate::measure::{ms, run_once};

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
    max_rss_kib: i64,
    lists: usize,
    reviews: usize,
    patches: usize,
    total: usize,
    patch_waves: usize,
}

fn one_run(plugin: &str, dir: &std::path::Path, config: &std::path::Path) -> Figures {
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
    let home = dir.to_string_lossy().into_owned();
    let run = run_once(
        plugin,
        &[
            "--kubeconfig",
            &kubeconfig,
            "nodes",
            "label",
            "--from-config",
            &config,
        ],
        &[("HOME", &home)],
    );
    assert!(run.success, "nodes label failed during the benchmark");
    let labelled = server
        .list_selected("nodes", None, "rack,datacenter")
        .map(|n| n.len())
        .unwrap_or(0);
    assert_eq!(labelled, NODES, "every node labelled");
    let patches = Match::verb("patch").on("nodes");
    Figures {
        wall: run.wall,
        max_rss_kib: run.max_rss_kib,
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
        "| run | wall ms | peak RSS KiB | node lists | access reviews | patches | all requests | sequential rounds of patches |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    let mut walls = Vec::new();
    for i in 0..RUNS {
        let f = one_run(plugin, dir.path(), &config);
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            i + 1,
            ms(f.wall),
            f.max_rss_kib,
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
