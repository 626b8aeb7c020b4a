//! `setup status`: the per-component report, scripted readiness, and concurrent reads.

use std::time::{Duration, Instant};

use fake_kube::{Match, PodScript};
use serde_json::{Value, json};

use super::{Env, NS, env, plugin, secret_text};
use crate::common::ok;

/// Poll `setup status -o json` until `check` accepts it.
#[track_caller]
fn status_until(env: &Env, what: &str, check: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let out = ok(plugin(env).args(["setup", "status", "-o", "json"]));
        let status: Value = serde_json::from_str(&out).unwrap();
        if check(&status) {
            return status;
        }
        assert!(
            Instant::now() < deadline,
            "status never showed {what}:\n{status:#}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn row<'a>(status: &'a Value, component: &str) -> &'a Value {
    status["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["component"] == component)
        .unwrap_or_else(|| panic!("no {component} row in {status:#}"))
}

#[test]
fn status_reports_missing_components_and_exits_zero() {
    let env = env();
    env.server.nodes(2);
    let out = ok(plugin(&env).args(["setup", "status"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["COMPONENT", "INSTALLED", "READY", "DETAILS"]
    );
    let components: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        components,
        [
            "auth",
            "openmpi-secret",
            "zookeeper",
            "dashboard",
            "uploader",
            "node-labels"
        ]
    );
    for line in &lines[1..] {
        assert_eq!(line.split_whitespace().nth(1), Some("no"), "{line}");
    }
    assert!(
        out.contains("rack: 0/2 nodes, datacenter: 0/2 nodes"),
        "{out}"
    );
}

#[test]
fn status_follows_scripted_readiness_and_shows_details() {
    let env = env();
    for node in env.server.nodes(3).iter().take(2) {
        let name = node["metadata"]["name"].as_str().unwrap();
        env.server
            .merge_patch(
                "nodes",
                "",
                name,
                json!({"metadata": {"labels": {"rack": "r1"}}}),
            )
            .unwrap();
    }
    env.server.script_pod(
        "twister2-zookeeper-2",
        PodScript::image_pull_backoff("pull failed"),
    );
    ok(plugin(&env).args([
        "setup",
        "all",
        "--zookeeper",
        "--zookeeper-replicas",
        "3",
        "--key-type",
        "ed25519",
    ]));

    let status = status_until(&env, "zookeeper 2/3", |s| {
        row(s, "zookeeper")["ready"] == "2/3"
    });
    let zk = row(&status, "zookeeper");
    assert_eq!(zk["installed"], "yes");
    assert_eq!(zk["readyReplicas"], 2);
    assert_eq!(zk["replicas"], 3);
    assert_eq!(
        zk["details"],
        "twister2-zookeeper.team-a.svc.cluster.local:2181; emptyDir (state lost on restart)"
    );
    let secret = env
        .server
        .get("secrets", NS, "twister2-openmpi-ssh-key")
        .unwrap();
    let public = secret_text(&secret, "id_rsa.pub");
    let fingerprint = kubectl_twister2::twister2::ssh_keys::PublicKeyInfo::parse(&public)
        .unwrap()
        .fingerprint;
    assert_eq!(
        row(&status, "openmpi-secret")["details"],
        format!("ED25519 256 {fingerprint}")
    );
    assert_eq!(row(&status, "auth")["installed"], "yes");
    assert_eq!(
        row(&status, "auth")["details"],
        "job pods: serviceaccount default"
    );
    assert_eq!(row(&status, "dashboard")["installed"], "no");
    assert_eq!(
        row(&status, "uploader")["details"],
        "http://twister2-uploader.team-a.svc.cluster.local"
    );
    assert_eq!(
        row(&status, "node-labels")["details"],
        "rack: 2/3 nodes, datacenter: 0/3 nodes"
    );
    assert_eq!(row(&status, "node-labels")["installed"], "partial");

    // The failing pod is replaced by one that starts: 3/3.
    env.server.clear_pod_scripts();
    env.server
        .delete("pods", NS, "twister2-zookeeper-2")
        .unwrap();
    status_until(&env, "zookeeper 3/3", |s| {
        row(s, "zookeeper")["ready"] == "3/3"
    });

    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&ok(plugin(&env).args(["setup", "status", "-o", "yaml"]))).unwrap();
    assert_eq!(yaml["kind"], "SetupStatus");
    assert_eq!(yaml["namespace"], NS);
    let names = ok(plugin(&env).args(["setup", "status", "-o", "name"]));
    assert_eq!(
        names,
        "auth\nopenmpi-secret\nzookeeper\nuploader\nnode-labels\n"
    );
}

#[test]
fn status_reads_run_concurrently() {
    let env = env();
    env.server
        .add_latency(Match::any(), Duration::from_millis(150));
    env.server.clear_requests();
    let started = Instant::now();
    ok(plugin(&env).args(["setup", "status"]));
    let elapsed = started.elapsed();
    let reads = env.server.requests_matching(&Match::any().method("GET"));
    // 5 RBAC reads, the Secret, 3 ZooKeeper, 2 dashboard and 2 uploader objects, the node list.
    assert!(reads.len() >= 14, "{}", reads.len());
    let waves = env.server.waves(&Match::any().method("GET").namespace(NS));
    assert_eq!(waves, 1, "namespace reads ran one after another");
    assert!(elapsed < Duration::from_millis(150 * 6), "took {elapsed:?}");
}
