//! `nodes`, `nodes label`, `nodes unlabel` and `nodes export` run as the real binary against
//! the fake API server with realistic Nodes (500 of them where the round trips matter): one node
//! list then concurrent label-only merge patches, kubectl's overwrite rules, all-or-nothing
//! validation, `-o json`, the tree, and the exported config read back by Twister2's loader.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use fake_kube::{Match, RequestRecord};
use kubectl_twister2::twister2::config::{Config, ConfigSources};
use serde_json::{Value, json};

use crate::common::{Env, fails, ok, texts};

/// The InternalIP `FakeServer::nodes` gives node `i`.
fn internal_ip(i: usize) -> String {
    format!("10.0.{}.{}", i / 250, i % 250 + 1)
}

/// The ExternalIP `FakeServer::nodes` gives node `i`.
fn external_ip(i: usize) -> String {
    format!("203.0.{}.{}", 113 + i / 250, i % 250 + 1)
}

fn node_patches() -> Match {
    Match::verb("patch").on("nodes")
}

fn labels(env: &Env, node: &str) -> BTreeMap<String, String> {
    let node = env.server.get("nodes", "", node).expect("node exists");
    serde_json::from_value(node["metadata"]["labels"].clone()).unwrap_or_default()
}

fn resource_versions(env: &Env) -> BTreeMap<String, String> {
    env.server
        .list("nodes", None)
        .iter()
        .map(|n| {
            (
                n["metadata"]["name"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                n["metadata"]["resourceVersion"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            )
        })
        .collect()
}

fn write(env: &Env, name: &str, text: &str) -> PathBuf {
    let path = env.dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// 10 racks of 50 nodes, named by InternalIP, ExternalIP or node name in turn, under the docs'
/// stale spelling of the racks list; racks 0–4 in dc-east, 5–9 in dc-west.
fn five_hundred_node_config(env: &Env) -> PathBuf {
    let mut text = String::from("kubernetes.racks.list:\n");
    for rack in 0..10 {
        let members: Vec<String> = (rack * 50..rack * 50 + 50)
            .map(|i| match i % 3 {
                0 => internal_ip(i),
                1 => external_ip(i),
                _ => format!("node-{i}"),
            })
            .map(|a| format!("'{a}'"))
            .collect();
        text.push_str(&format!("  - r{rack}: [{}]\n", members.join(", ")));
    }
    text.push_str(
        "twister2.resource.datacenters.list:\n  - dc-east: [r0, r1, r2, r3, r4]\n  - dc-west: [r5, r6, r7, r8, r9]\n",
    );
    write(env, "racks.yaml", &text)
}

/// The largest number of requests in flight at the same moment.
fn max_in_flight(records: &[RequestRecord]) -> usize {
    let mut events: Vec<(std::time::Instant, i32)> = Vec::new();
    for r in records {
        events.push((r.start, 1));
        events.push((r.end.unwrap_or(r.start), -1));
    }
    events.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let (mut now, mut max) = (0i32, 0i32);
    for (_, delta) in events {
        now += delta;
        max = max.max(now);
    }
    max as usize
}

#[test]
fn labelling_500_nodes_is_one_list_then_concurrent_label_patches() {
    let env = Env::new();
    env.server.nodes(500);
    let config = five_hundred_node_config(&env);
    env.server
        .add_latency(node_patches(), Duration::from_millis(10));
    env.server.clear_requests();

    let output = env
        .plugin()
        .args(["nodes", "label", "--from-config"])
        .arg(&config)
        .output()
        .unwrap();
    let (_, stderr) = texts(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("'kubernetes.racks.list' is a stale spelling"),
        "{stderr}"
    );
    assert!(
        stderr.contains("labeled 500 nodes (1000 labels)"),
        "{stderr}"
    );

    let lists = env
        .server
        .requests_matching(&Match::verb("list").on("nodes"));
    let patches = env.server.requests_matching(&node_patches());
    assert_eq!(lists.len(), 1, "one node list");
    assert_eq!(
        env.server.count_requests(&Match::verb("get").on("nodes")),
        0
    );
    assert_eq!(patches.len(), 500, "one patch per node");
    assert_eq!(
        env.server
            .count_requests(&Match::resource("selfsubjectaccessreviews")),
        1
    );
    let list_end = lists[0].end.expect("list answered");
    assert!(
        patches.iter().all(|p| p.start >= list_end),
        "patches after the list"
    );
    // 500 patches of 10 ms each, at most 32 at a time: about 16 rounds, not 500.
    let waves = env.server.waves(&node_patches());
    assert!(waves <= 40, "{waves} sequential rounds of patches");
    let in_flight = max_in_flight(&patches);
    assert!(
        (8..=32).contains(&in_flight),
        "{in_flight} patches in flight at once"
    );

    for p in &patches {
        assert!(
            p.content_type.starts_with("application/merge-patch+json"),
            "{}",
            p.content_type
        );
        let body: Value = serde_json::from_slice(&p.body).unwrap();
        let labels = body["metadata"]["labels"].as_object().unwrap();
        assert_eq!(body.as_object().unwrap().len(), 1, "labels only: {body}");
        assert_eq!(
            body["metadata"].as_object().unwrap().len(),
            1,
            "labels only: {body}"
        );
        assert_eq!(labels.len(), 2, "{body}");
    }
    let first = labels(&env, "node-0");
    assert_eq!(first["rack"], "r0");
    assert_eq!(first["datacenter"], "dc-east");
    assert_eq!(
        first["kubernetes.io/hostname"], "node-0",
        "other labels kept"
    );
    let last = labels(&env, "node-499");
    assert_eq!(last["rack"], "r9");
    assert_eq!(last["datacenter"], "dc-west");
    assert_eq!(
        labels(&env, "node-250")["rack"],
        "r5",
        "matched by ExternalIP"
    );
    assert_eq!(labels(&env, "node-251")["rack"], "r5", "matched by name");
}

#[test]
fn overwrite_rules_and_dry_runs() {
    let env = Env::new();
    env.server.nodes(3);
    env.server
        .merge_patch(
            "nodes",
            "",
            "node-0",
            json!({"metadata": {"labels": {"rack": "r1"}}}),
        )
        .unwrap();
    env.server.clear_requests();

    // A different existing value is refused without --overwrite, and nothing else is changed.
    let stderr = fails(
        env.plugin()
            .args(["nodes", "label", "--rack", "r2", "node-0", "node-1"]),
        1,
    );
    assert!(
        stderr.contains("node node-0: 'rack' already has a value (r1), and --overwrite is false"),
        "{stderr}"
    );
    assert_eq!(env.server.count_requests(&node_patches()), 0);
    assert!(!labels(&env, "node-1").contains_key("rack"));

    // --dry-run prints the plan and changes nothing.
    let plan = ok(env.plugin().args([
        "nodes",
        "label",
        "--rack",
        "r2",
        "--overwrite",
        "--dry-run",
        "node-0",
        "node-1",
    ]));
    assert_eq!(
        plan,
        "NODE     KEY    OLD → NEW\nnode-0   rack   r1 → r2\nnode-1   rack   <none> → r2\n"
    );
    assert_eq!(env.server.count_requests(&node_patches()), 0);

    // --dry-run=server sends the patches with dryRun=All; the server keeps nothing.
    let listed = ok(env.plugin().args([
        "nodes",
        "label",
        "--rack",
        "r2",
        "--overwrite",
        "--dry-run=server",
        "-o",
        "json",
        "node-0",
        "node-1",
    ]));
    let listed: Value = serde_json::from_str(&listed).unwrap();
    assert_eq!(listed["kind"], "List");
    assert_eq!(listed["items"][0]["metadata"]["labels"]["rack"], "r2");
    let patches = env.server.requests_matching(&node_patches());
    assert_eq!(patches.len(), 2);
    assert!(
        patches
            .iter()
            .all(|p| p.query_param("dryRun").as_deref() == Some("All"))
    );
    assert_eq!(labels(&env, "node-0")["rack"], "r1");

    // --overwrite replaces; -o name prints the nodes as stored.
    env.server.clear_requests();
    let names = ok(env.plugin().args([
        "nodes",
        "label",
        "--rack",
        "r2",
        "--overwrite",
        "-o",
        "name",
        "node-0",
        "node-1",
    ]));
    assert_eq!(names, "node/node-0\nnode/node-1\n");
    assert_eq!(labels(&env, "node-0")["rack"], "r2");
    assert_eq!(labels(&env, "node-1")["rack"], "r2");
    assert_eq!(env.server.count_requests(&node_patches()), 2);

    // The same value again is a no-op, with or without --overwrite.
    env.server.clear_requests();
    let output = env
        .plugin()
        .args(["nodes", "label", "--rack", "r2", "node-0", "node-1"])
        .output()
        .unwrap();
    let (stdout, stderr) = texts(&output);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(stdout, "");
    assert!(stderr.contains("node/node-0 not labeled"), "{stderr}");
    assert!(stderr.contains("labeled 0 nodes (0 labels)"), "{stderr}");
    assert_eq!(env.server.count_requests(&node_patches()), 0);
}

#[test]
fn every_validation_failure_leaves_every_node_untouched() {
    let env = Env::new();
    env.server.nodes(500);
    env.server
        .merge_patch(
            "nodes",
            "",
            "node-7",
            json!({"metadata": {"labels": {"rack": "r-old"}}}),
        )
        .unwrap();
    let before = resource_versions(&env);
    let config = write(
        &env,
        "bad.yaml",
        "twister2.resource.racks.list:\n\
         \x20 - r1: ['10.0.0.1', '10.0.0.2', '192.168.9.9']\n\
         \x20 - r2: [node-1, node-7]\n\
         \x20 - 'bad rack!': [node-9]\n\
         \x20 - r3: [node-3]\n\
         twister2.resource.datacenters.list:\n\
         \x20 - dc1: [r1, r2]\n\
         \x20 - dc2: [r2]\n",
    );
    env.server.clear_requests();
    let stderr = fails(
        env.plugin()
            .args(["nodes", "label", "--from-config"])
            .arg(&config),
        1,
    );
    for expected in [
        "nothing was changed: 5 problems found",
        "'192.168.9.9' (rack r1) matches no node's name, InternalIP, ExternalIP or hostname",
        "node node-1 is in two racks: r1 (as 10.0.0.2) and r2 (as node-1)",
        "rack r2 is in two datacenters: dc1 and dc2",
        "rack name 'bad rack!' cannot be used",
        "node node-7: 'rack' already has a value (r-old)",
        "warning: rack r3 is in no datacenter",
    ] {
        assert!(
            stderr.contains(expected),
            "missing {expected:?} in\n{stderr}"
        );
    }
    assert_eq!(env.server.count_requests(&node_patches()), 0);
    assert_eq!(resource_versions(&env), before, "no node changed");

    // Flags: one unknown node among good ones stops everything too.
    let stderr = fails(
        env.plugin().args([
            "nodes", "label", "--rack", "r1", "node-0", "nope", "10.0.0.3",
        ]),
        1,
    );
    assert!(stderr.contains("'nope' matches no node"), "{stderr}");
    assert_eq!(env.server.count_requests(&node_patches()), 0);
    assert_eq!(resource_versions(&env), before);

    // Bad label keys and values are usage errors found before any request.
    env.server.clear_requests();
    let stderr = fails(
        env.plugin().args([
            "nodes",
            "label",
            "--rack",
            "r1",
            "--rack-key",
            "bad key",
            "node-0",
        ]),
        2,
    );
    assert!(
        stderr.contains("'bad key' is not a valid label key"),
        "{stderr}"
    );
    assert_eq!(env.server.requests().len(), 0);
}

#[test]
fn a_rack_split_over_datacenters_is_refused() {
    let env = Env::new();
    env.server.nodes(4);
    for node in ["node-0", "node-1"] {
        env.server
            .merge_patch(
                "nodes",
                "",
                node,
                json!({"metadata": {"labels": {"rack": "r1", "datacenter": "dc1"}}}),
            )
            .unwrap();
    }
    env.server.clear_requests();
    let stderr = fails(
        env.plugin().args([
            "nodes",
            "label",
            "--rack",
            "r1",
            "--datacenter",
            "dc2",
            "node-2",
        ]),
        1,
    );
    assert!(
        stderr.contains("rack r1 would be in 2 datacenters: dc1 (node-0, node-1) and dc2 (node-2)"),
        "{stderr}"
    );
    assert_eq!(env.server.count_requests(&node_patches()), 0);
}

#[test]
fn without_the_right_to_patch_nodes_nothing_is_sent() {
    let env = Env::with_opts(fake_kube::KubeconfigOpts::user("alice"));
    env.server.nodes(5);
    env.server
        .put(json!({
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
            "metadata": {"name": "node-reader"},
            "rules": [{"apiGroups": [""], "resources": ["nodes"], "verbs": ["get", "list"]}]
        }))
        .unwrap();
    env.server
        .put(json!({
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
            "metadata": {"name": "alice-reads-nodes"},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "node-reader"},
            "subjects": [{"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": "alice"}]
        }))
        .unwrap();
    env.server.enforce_rbac(true);
    env.server.clear_requests();
    let stderr = fails(
        env.plugin()
            .args(["nodes", "label", "--rack", "r1", "node-0", "node-1"]),
        1,
    );
    assert!(stderr.contains("you may not patch nodes"), "{stderr}");
    assert!(stderr.contains("--nodes --label-nodes"), "{stderr}");
    assert_eq!(env.server.count_requests(&node_patches()), 0);
    // Listing still works for a reader.
    let table = ok(env.plugin().args(["nodes", "--no-headers"]));
    assert_eq!(table.lines().count(), 5, "{table}");
}

#[test]
fn unlabel_named_nodes_and_all() {
    let env = Env::new();
    env.server.nodes(10);
    ok(env.plugin().args([
        "nodes",
        "label",
        "--rack",
        "r1",
        "--datacenter",
        "dc1",
        "node-0",
        "node-1",
        "node-2",
        "node-3",
        "node-4",
    ]));
    ok(env.plugin().args([
        "nodes",
        "label",
        "--rack",
        "r2",
        "--datacenter",
        "dc1",
        "node-5",
        "node-6",
        "node-7",
        "node-8",
        "node-9",
    ]));
    env.server.clear_requests();

    // The rack only, by name and by InternalIP.
    ok(env
        .plugin()
        .args(["nodes", "unlabel", "--rack", "node-0", &internal_ip(1)]));
    for node in ["node-0", "node-1"] {
        let l = labels(&env, node);
        assert!(!l.contains_key("rack"), "{l:?}");
        assert_eq!(l["datacenter"], "dc1");
    }
    let patches = env.server.requests_matching(&node_patches());
    assert_eq!(patches.len(), 2);
    let body: Value = serde_json::from_slice(&patches[0].body).unwrap();
    assert_eq!(body, json!({"metadata": {"labels": {"rack": null}}}));

    // Both keys; a label already absent is reported, not an error.
    let output = env
        .plugin()
        .args(["nodes", "unlabel", "node-0"])
        .output()
        .unwrap();
    let (_, stderr) = texts(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("node/node-0: label \"rack\" not found"),
        "{stderr}"
    );
    assert!(stderr.contains("node/node-0 unlabeled"), "{stderr}");
    assert!(!labels(&env, "node-0").contains_key("datacenter"));

    // An unknown node stops everything.
    env.server.clear_requests();
    let stderr = fails(env.plugin().args(["nodes", "unlabel", "node-2", "nope"]), 1);
    assert!(stderr.contains("'nope' matches no node"), "{stderr}");
    assert_eq!(env.server.count_requests(&node_patches()), 0);

    // --all: every node that still has a label, one patch each.
    ok(env.plugin().args(["nodes", "unlabel", "--all"]));
    assert_eq!(env.server.count_requests(&node_patches()), 9);
    for i in 0..10 {
        let l = labels(&env, &format!("node-{i}"));
        assert!(
            !l.contains_key("rack") && !l.contains_key("datacenter"),
            "{l:?}"
        );
    }
}

/// Nodes in two racks and datacenters, one unlabelled, Twister2 pods in two namespaces, a
/// pending pod and a pod that is not Twister2's. The control plane is off so nothing moves.
fn topology_cluster() -> Env {
    let env = Env::new();
    env.server.set_control_plane(false);
    env.server.nodes(6);
    let set = |node: &str, labels: Value| {
        env.server
            .merge_patch("nodes", "", node, json!({"metadata": {"labels": labels}}))
            .unwrap();
    };
    set("node-0", json!({"rack": "r1", "datacenter": "dc1"}));
    set("node-1", json!({"Rack": "r1", "datacenter": "dc1"}));
    set("node-2", json!({"rack": "r2", "datacenter": "dc1"}));
    set("node-3", json!({"rack": "r3", "datacenter": "dc2"}));
    set("node-4", json!({"rack": "r4"}));
    env.server
        .put(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "team-b"}}))
        .unwrap();
    let pod = |ns: &str, name: &str, job: &str, role: &str, node: Option<&str>, phase: &str| {
        let mut labels = json!({"app": "twister2", "t2-job": job});
        labels[role] = json!(job);
        env.server
            .put(json!({
                "apiVersion": "v1", "kind": "Pod",
                "metadata": {"name": name, "namespace": ns, "labels": labels},
                "spec": {"containers": [{"name": "c", "image": "twister2/twister2-k8s"}], "nodeName": node},
                "status": {"phase": phase}
            }))
            .unwrap();
    };
    pod(
        "default",
        "u-wc-1-jm-0",
        "u-wc-1",
        "t2-mp",
        Some("node-0"),
        "Running",
    );
    pod(
        "default",
        "u-wc-1-0-0",
        "u-wc-1",
        "t2-wp",
        Some("node-0"),
        "Running",
    );
    pod(
        "default",
        "u-wc-1-0-1",
        "u-wc-1",
        "t2-wp",
        Some("node-2"),
        "Running",
    );
    pod("default", "u-wc-1-0-2", "u-wc-1", "t2-wp", None, "Pending");
    pod(
        "team-b",
        "b-sort-7-0-0",
        "b-sort-7",
        "t2-wp",
        Some("node-5"),
        "Running",
    );
    env.server
        .put(json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": "nginx", "namespace": "default", "labels": {"app": "nginx"}},
            "spec": {"containers": [{"name": "c", "image": "nginx"}], "nodeName": "node-0"},
            "status": {"phase": "Running"}
        }))
        .unwrap();
    env.server.clear_requests();
    env
}

#[test]
fn listing_as_table_and_json_is_two_lists() {
    let env = topology_cluster();
    let table = ok(env.plugin().args(["nodes"]));
    assert_eq!(
        table.lines().next().unwrap(),
        "NODE     INTERNAL-IP   EXTERNAL-IP   RACK     DATACENTER   READY   TWISTER2 PODS"
    );
    assert!(
        table.contains("node-0   10.0.0.1      203.0.113.1   r1       dc1          True    2\n"),
        "{table}"
    );
    assert!(
        table.contains("node-1   10.0.0.2      203.0.113.2   r1 "),
        "key case: {table}"
    );
    assert!(
        table.contains("node-5   10.0.0.6      203.0.113.6   <none>   <none>       True    0\n")
    );
    assert_eq!(
        env.server.count_requests(&Match::verb("list").on("nodes")),
        1
    );
    assert_eq!(
        env.server.count_requests(&Match::verb("list").on("pods")),
        1
    );
    let pod_list = &env
        .server
        .requests_matching(&Match::verb("list").on("pods"))[0];
    assert_eq!(pod_list.namespace, "default");
    assert_eq!(
        pod_list.query_param("labelSelector").as_deref(),
        Some("app=twister2")
    );

    let json: Value =
        serde_json::from_str(&ok(env.plugin().args(["nodes", "-A", "-o", "json"]))).unwrap();
    assert_eq!(json["kind"], "Twister2NodeList");
    assert_eq!(json["rackKey"], "rack");
    let items = json["items"].as_array().unwrap();
    assert_eq!(items.len(), 6);
    assert_eq!(items[0]["name"], "node-0");
    assert_eq!(items[0]["internalIp"], "10.0.0.1");
    assert_eq!(items[0]["datacenter"], "dc1");
    assert_eq!(items[0]["ready"], "True");
    assert_eq!(items[0]["twister2Pods"].as_array().unwrap().len(), 2);
    assert_eq!(items[5]["twister2Pods"][0]["namespace"], "team-b");
    assert_eq!(items[5]["twister2Pods"][0]["role"], "worker");
    assert!(items[5]["rack"].is_null());
    assert_eq!(json["unscheduledPods"][0]["name"], "u-wc-1-0-2");
    let pod_list = env
        .server
        .requests_matching(&Match::verb("list").on("pods"));
    assert_eq!(pod_list.last().unwrap().namespace, "", "all namespaces");

    let names = ok(env.plugin().args(["nodes", "-o", "name"]));
    assert_eq!(names.lines().count(), 6);
    assert!(names.starts_with("node/node-0\n"));
}

#[test]
fn tree_view() {
    let env = topology_cluster();
    let tree = ok(env.plugin().args(["nodes", "--tree", "-A"]));
    insta::assert_snapshot!(tree);
}

#[test]
fn export_reads_back_as_the_config_it_came_from() {
    let env = Env::new();
    env.server.nodes(20);
    // Custom keys, given the way Twister2 spells them, in the same file as the lists.
    let racks: Vec<(String, Vec<String>)> = (0..4)
        .map(|r| {
            (
                format!("rack-{r}"),
                (r * 5..r * 5 + 5).map(internal_ip).collect(),
            )
        })
        .collect();
    let datacenters = vec![
        (
            "east".to_string(),
            vec!["rack-0".to_string(), "rack-1".to_string()],
        ),
        (
            "west".to_string(),
            vec!["rack-2".to_string(), "rack-3".to_string()],
        ),
    ];
    let mut text = String::from(
        "twister2.resource.rack.labey.key: topology.example.com/rack\n\
         twister2.resource.datacenter.labey.key: topology.example.com/datacenter\n\
         twister2.resource.racks.list:\n",
    );
    for (rack, ips) in &racks {
        text.push_str(&format!("  - {rack}: [{}]\n", ips.join(", ")));
    }
    text.push_str("twister2.resource.datacenters.list:\n  - east: [rack-0, rack-1]\n  - west: [rack-2, rack-3]\n");
    let config = write(&env, "resource.yaml", &text);
    ok(env
        .plugin()
        .args(["nodes", "label", "--from-config"])
        .arg(&config));
    assert_eq!(
        labels(&env, "node-7")["topology.example.com/rack"],
        "rack-1"
    );
    assert!(!labels(&env, "node-7").contains_key("rack"));

    let output = env
        .plugin()
        .args(["nodes", "export", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    let (fragment, stderr) = texts(&output);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(stderr, "", "all 20 nodes labelled: no warning");
    assert!(fragment.contains("# twister2.resource.kubernetes.node.locations.from.config: true"));
    let exported = write(&env, "exported.yaml", &fragment);
    let loaded = Config::load(&ConfigSources {
        files: vec![exported],
        ..Default::default()
    })
    .unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.config.racks_list(), racks);
    assert_eq!(loaded.config.datacenters_list(), datacenters);

    // Nothing labelled under the default keys: nothing to export.
    let stderr = fails(env.plugin().args(["nodes", "export"]), 1);
    assert!(stderr.contains("no node has a 'rack' label"), "{stderr}");
}

#[test]
fn the_documented_refusal_is_what_users_see() {
    let env = Env::new();
    env.server.nodes(10);
    env.server
        .merge_patch(
            "nodes",
            "",
            "node-7",
            json!({"metadata": {"labels": {"rack": "r-old"}}}),
        )
        .unwrap();
    let config = write(
        &env,
        "bad.yaml",
        "twister2.resource.racks.list:\n\
         \x20 - r1: ['10.0.0.1', '10.0.0.2', '192.168.9.9']\n\
         \x20 - r2: [node-1, node-7]\n\
         \x20 - r3: [node-3]\n\
         twister2.resource.datacenters.list:\n\
         \x20 - dc1: [r1, r2]\n\
         \x20 - dc2: [r2]\n",
    );
    let stderr = fails(
        env.plugin()
            .args(["nodes", "label", "--from-config"])
            .arg(&config),
        1,
    );
    let docs = include_str!("../../docs/nodes.md");
    let start = docs
        .find("warning: rack r3 is in no datacenter")
        .expect("example in docs/nodes.md");
    let end = start + docs[start..].find("```").expect("end of the example");
    assert_eq!(stderr, &docs[start..end]);
}
