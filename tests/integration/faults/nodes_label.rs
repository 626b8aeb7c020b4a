//! `nodes label` under faults: the node list and the label patches (JSON merge patches, so
//! sending one twice changes nothing) retried after a 500, a 429, a timeout and a restart of the
//! API server; a refused or conflicting patch named with its node, and a second run finishing
//! the nodes left.

use std::collections::BTreeMap;
use std::time::Duration;

use fake_kube::{Failure, Match, ServerHandle};

use super::{Spawned, assert_names, restart, spike_once, statuses};
use crate::common::{Env, fails, ok, texts};

fn patches() -> Match {
    Match::verb("patch").on("nodes")
}

/// `rack` label of every node that has one.
fn racks(server: &ServerHandle) -> BTreeMap<String, String> {
    server
        .list("nodes", None)
        .iter()
        .filter_map(|n| {
            Some((
                n["metadata"]["name"].as_str()?.to_string(),
                n["metadata"]["labels"]["rack"].as_str()?.to_string(),
            ))
        })
        .collect()
}

fn all_in(rack: &str, nodes: usize) -> BTreeMap<String, String> {
    (0..nodes)
        .map(|i| (format!("node-{i}"), rack.to_string()))
        .collect()
}

fn cluster(nodes: usize) -> Env {
    let env = Env::new();
    env.server.set_control_plane(false);
    env.server.nodes(nodes);
    env.server.clear_requests();
    env
}

fn label(env: &Env, nodes: usize, extra: &[&str]) -> assert_cmd::Command {
    let mut cmd = env.plugin();
    cmd.args(["nodes", "label", "--rack", "r1"]);
    for i in 0..nodes {
        cmd.arg(format!("node-{i}"));
    }
    cmd.args(extra);
    cmd
}

#[test]
fn nodes_label_retries_the_node_list_and_patches_that_fail_with_500_or_429() {
    let env = cluster(4);
    let list = Match::verb("list").on("nodes");
    env.server.fail(list.clone(), Failure::nth(1, 500));
    env.server
        .fail(patches().name("node-1"), Failure::nth(1, 500));
    env.server.fail(
        patches().name("node-2"),
        Failure::nth(1, 429).retry_after(1),
    );
    ok(&mut label(&env, 4, &[]));
    assert_eq!(statuses(&env.server, &list), [500, 200]);
    assert_eq!(statuses(&env.server, &patches().name("node-1")), [500, 200]);
    assert_eq!(statuses(&env.server, &patches().name("node-2")), [429, 200]);
    assert_eq!(racks(&env.server), all_in("r1", 4));
}

#[test]
fn nodes_label_403_on_patch_names_the_nodes_and_a_second_run_finishes() {
    let env = cluster(3);
    let hook = env.server.deny(patches().name("node-2"));
    let err = fails(&mut label(&env, 3, &[]), 1);
    assert_names(
        &err,
        &["node-2", "Forbidden", "cannot patch resource \"nodes\""],
    );
    let mut done = all_in("r1", 3);
    done.remove("node-2");
    assert_eq!(racks(&env.server), done, "the other nodes are labelled");
    env.server.remove_hook(hook);
    ok(&mut label(&env, 3, &[]));
    assert_eq!(racks(&env.server), all_in("r1", 3));
}

#[test]
fn nodes_label_409_on_a_patch_names_the_conflict_and_is_not_resent() {
    let env = cluster(2);
    let conflict = patches().name("node-0");
    env.server.fail(conflict.clone(), Failure::nth(1, 409));
    let output = label(&env, 2, &[]).output().unwrap();
    let (_, stderr) = texts(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_names(&stderr, &["node-0", "Conflict"]);
    assert_eq!(statuses(&env.server, &conflict), [409]);
    ok(&mut label(&env, 2, &[]));
    assert_eq!(racks(&env.server), all_in("r1", 2));
}

#[test]
fn nodes_label_patch_slower_than_request_timeout_is_retried() {
    let env = cluster(2);
    spike_once(
        &env.server,
        patches().name("node-1"),
        Duration::from_millis(1500),
    );
    ok(&mut label(&env, 2, &["--request-timeout", "1s"]));
    assert_eq!(env.server.count_requests(&patches().name("node-1")), 2);
    assert_eq!(racks(&env.server), all_in("r1", 2));
}

#[test]
fn nodes_label_survives_an_api_server_restart_mid_way() {
    let mut env = cluster(64);
    env.server
        .add_latency(patches(), Duration::from_millis(300));
    let args: Vec<String> = ["nodes", "label", "--rack", "r9"]
        .iter()
        .map(|s| s.to_string())
        .chain((0..64).map(|i| format!("node-{i}")))
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = Spawned::start(&env, &args);
    crate::common::wait_until("patches in flight", Duration::from_secs(10), || {
        env.server.count_requests(&patches()) >= 32
    });
    restart(&mut env);
    let (code, _, stderr) = run.finish(Duration::from_secs(30));
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(racks(&env.server), all_in("r9", 64));
}
