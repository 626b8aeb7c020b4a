//! `endpoints` under faults: its three lists retried after a 500, a 429 and a timeout, a node list
//! it may not read named with the fix, a list that never answers named with `--request-timeout`,
//! and a restart of the API server while a list is in flight — always the same rows as without
//! the fault.

use std::time::Duration;

use fake_kube::{Failure, Match};
use kubectl_twister2::manifests::job;
use kubectl_twister2::twister2::spec::{Exposure, JobSpec};

use super::{Spawned, assert_names, restart, spike_once, statuses};
use crate::common::{Env, fails, ok};

/// Three nodes and two jobs exposed through NodePorts; returns the rows without any fault.
fn exposed() -> (Env, String) {
    let env = Env::new();
    env.server.nodes(3);
    for id in ["u-ep-1", "u-ep-2"] {
        let mut spec = JobSpec::example(id);
        spec.exposure = Exposure::NodePort { node_port: None };
        for object in job::render(&spec).to_json_values().unwrap() {
            env.server.create(object).unwrap();
        }
    }
    let rows = ok(env.plugin().args(["endpoints", "-o", "name"]));
    assert_eq!(rows.lines().count(), 6, "{rows}");
    env.server.clear_requests();
    (env, rows)
}

#[test]
fn endpoints_retries_lists_that_fail_with_500_or_429() {
    let (env, rows) = exposed();
    let nodes = Match::verb("list").on("nodes");
    let services = Match::verb("list").on("services");
    env.server
        .fail(nodes.clone(), Failure::nth(1, 500).times(2));
    env.server
        .fail(services.clone(), Failure::nth(1, 429).retry_after(1));
    assert_eq!(ok(env.plugin().args(["endpoints", "-o", "name"])), rows);
    assert_eq!(statuses(&env.server, &nodes), [500, 500, 200]);
    assert_eq!(statuses(&env.server, &services), [429, 200]);
}

#[test]
fn endpoints_403_on_listing_nodes_names_the_right_and_the_fix() {
    let (env, _) = exposed();
    env.server.deny(Match::verb("list").on("nodes"));
    let err = fails(env.plugin().args(["endpoints"]), 1);
    assert_names(
        &err,
        &[
            "Forbidden",
            "cannot list resource \"nodes\"",
            "setup auth",
            "--nodes",
        ],
    );
}

#[test]
fn endpoints_list_slower_than_request_timeout_is_retried_then_named() {
    let (env, rows) = exposed();
    let nodes = Match::verb("list").on("nodes");
    spike_once(&env.server, nodes.clone(), Duration::from_millis(1500));
    let timeout = ["endpoints", "-o", "name", "--request-timeout", "1s"];
    assert_eq!(ok(env.plugin().args(timeout)), rows);
    assert_eq!(env.server.count_requests(&nodes), 2);
    // A server that stays slow: the error names the limit.
    env.server.add_latency(nodes, Duration::from_millis(1500));
    let err = fails(env.plugin().args(timeout), 1);
    assert_names(&err, &["did not answer within 1s (--request-timeout)"]);
}

#[test]
fn endpoints_survives_an_api_server_restart_during_its_lists() {
    let (mut env, rows) = exposed();
    env.server
        .add_latency(Match::verb("list").on("nodes"), Duration::from_millis(800));
    let run = Spawned::start(&env, &["endpoints", "-o", "name"]);
    std::thread::sleep(Duration::from_millis(400));
    restart(&mut env);
    let (code, stdout, stderr) = run.finish(Duration::from_secs(30));
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout, rows);
}
