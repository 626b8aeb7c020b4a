//! `submit` under faults: reads retried, creates never sent twice after the server may have acted
//! on them, every failure rolled back to an empty namespace with its cause named, and the wait
//! for a running job carried through dropped watches and a restarting API server.

use std::time::{Duration, Instant};

use fake_kube::{DropAfter, Failure, Match};
use serde_json::json;

use super::{
    NS, Spawned, accepted_creates, assert_each_create_accepted_once, assert_names,
    install_uploader, job_objects, restart, sent_creates, spike_once, statuses,
};
use crate::common::{Env, fails, ok, wait_until};

/// The objects of a submitted 2-worker job (one compute resource).
const JOB_OBJECTS: usize = 5;

fn jar() -> String {
    format!(
        "{}/examples/hello/hello-world.jar",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// `submit hello --jar … --workers 2 --job-id ID` plus `extra`.
fn submit_args(job_id: &str, extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = [
        "submit",
        "hello",
        "--jar",
        &jar(),
        "--class",
        "edu.iu.dsc.tws.examples.basic.HelloWorld",
        "--workers",
        "2",
        "--job-id",
        job_id,
        "--set",
        "twister2.user.name=tester",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

fn ready_env() -> Env {
    let env = Env::new();
    install_uploader(&env, 1);
    env.server.clear_requests();
    env
}

/// A job that ran to the end of submit: all its objects, each created once.
#[track_caller]
fn assert_whole_job(env: &Env, job_id: &str) {
    let objects = job_objects(&env.server);
    assert_eq!(objects.len(), JOB_OBJECTS, "{objects:?}");
    assert!(objects.iter().all(|o| o.contains(job_id)), "{objects:?}");
    assert_each_create_accepted_once(&env.server);
    assert_eq!(accepted_creates(&env.server).len(), JOB_OBJECTS);
}

/// A failed submit left nothing: no job object and no package on the uploader.
#[track_caller]
fn assert_nothing_left(env: &Env) {
    assert_eq!(job_objects(&env.server), Vec::<String>::new());
    let pods = env
        .server
        .list_selected("pods", Some(NS), "app=twister2-uploader")
        .unwrap();
    for pod in pods {
        let name = pod["metadata"]["name"].as_str().unwrap();
        let files = env.server.pod_files(NS, name);
        assert!(
            !files.iter().any(|f| f.ends_with(".tar.gz")),
            "package left on {name}: {files:?}"
        );
    }
}

#[test]
fn submit_retries_reads_that_fail_with_500_and_creates_each_object_once() {
    let env = ready_env();
    let lists = Match::verb("list").on("pods");
    env.server
        .fail(Match::verb("get").on("namespaces"), Failure::nth(1, 500));
    env.server
        .fail(lists.clone(), Failure::nth(1, 500).times(2));
    ok(env.plugin().args(submit_args("u-retry-500", &["--detach"])));
    assert_eq!(
        statuses(&env.server, &Match::verb("get").on("namespaces")),
        [500, 200]
    );
    assert_eq!(&statuses(&env.server, &lists)[..3], [500, 500, 200]);
    assert_whole_job(&env, "u-retry-500");
}

#[test]
fn submit_500_on_a_create_is_not_resent_and_rolls_back() {
    let env = ready_env();
    env.server.fail(
        Match::verb("create").on("statefulsets"),
        Failure::nth(1, 500).message("etcdserver: request timed out"),
    );
    let err = fails(
        env.plugin()
            .args(submit_args("u-create-500", &["--detach"])),
        1,
    );
    assert_names(
        &err,
        &[
            "statefulset.apps/u-create-500",
            "etcdserver: request timed out",
            "everything it created was deleted",
        ],
    );
    // The failed create was sent once: the server may have acted on it.
    let sent = sent_creates(&env.server);
    assert!(
        sent.values().all(|n| *n == 1),
        "a create was resent: {sent:?}"
    );
    assert_nothing_left(&env);
}

#[test]
fn submit_409_conflict_rolls_back_and_keeps_the_object_it_did_not_create() {
    let env = ready_env();
    // An object of the same name that is not the plugin's (no labels): the create gets 409.
    env.server
        .create(json!({
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": "u-conflict-1", "namespace": NS},
            "data": {"owner": "someone else"}
        }))
        .unwrap();
    let uid = env.server.get("configmaps", NS, "u-conflict-1").unwrap()["metadata"]["uid"].clone();
    let err = fails(
        env.plugin()
            .args(submit_args("u-conflict-1", &["--detach"])),
        1,
    );
    assert_names(
        &err,
        &[
            "configmap/u-conflict-1",
            "AlreadyExists",
            "everything it created was deleted",
        ],
    );
    assert_nothing_left(&env);
    let kept = env.server.get("configmaps", NS, "u-conflict-1").unwrap();
    assert_eq!(
        kept["metadata"]["uid"], uid,
        "the foreign ConfigMap was replaced"
    );
    assert_eq!(kept["data"]["owner"], "someone else");
}

#[test]
fn submit_403_on_creating_statefulsets_names_the_right_and_rolls_back() {
    let env = ready_env();
    env.server.deny(Match::verb("create").on("statefulsets"));
    let err = fails(
        env.plugin()
            .args(submit_args("u-forbidden-1", &["--detach"])),
        1,
    );
    assert_names(
        &err,
        &[
            "Forbidden",
            "cannot create resource \"statefulsets\"",
            "setup auth",
            "everything it created was deleted",
        ],
    );
    assert_nothing_left(&env);
}

#[test]
fn submit_429_with_retry_after_is_waited_out_and_each_object_created_once() {
    let env = ready_env();
    let creates = Match::verb("create").on("statefulsets");
    env.server
        .fail(creates.clone(), Failure::nth(1, 429).retry_after(1));
    let started = Instant::now();
    ok(env.plugin().args(submit_args("u-busy-1", &["--detach"])));
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After ignored"
    );
    let mut codes = statuses(&env.server, &creates);
    codes.sort();
    assert_eq!(
        codes,
        [201, 201, 429],
        "one refused create, sent again once"
    );
    assert_whole_job(&env, "u-busy-1");
}

#[test]
fn submit_read_slower_than_request_timeout_is_retried() {
    let env = ready_env();
    let uploaders = Match::verb("list").on("pods");
    spike_once(&env.server, uploaders.clone(), Duration::from_millis(1500));
    ok(env.plugin().args(submit_args(
        "u-slow-read",
        &["--detach", "--request-timeout", "1s"],
    )));
    assert!(env.server.count_requests(&uploaders) >= 2);
    assert_whole_job(&env, "u-slow-read");
}

#[test]
fn submit_create_slower_than_request_timeout_fails_naming_the_timeout_and_rolls_back() {
    let env = ready_env();
    let creates = Match::verb("create").on("statefulsets");
    env.server
        .add_latency(creates.clone(), Duration::from_millis(1500));
    let err = fails(
        env.plugin().args(submit_args(
            "u-slow-write",
            &["--detach", "--request-timeout", "1s"],
        )),
        1,
    );
    assert_names(
        &err,
        &[
            "did not answer within 1s (--request-timeout)",
            "submit of job u-slow-write failed",
        ],
    );
    // A create that timed out is not sent again.
    let sent = sent_creates(&env.server);
    assert!(
        sent.values().all(|n| *n == 1),
        "a create was resent: {sent:?}"
    );
    // The timed-out creates land on the server after the client gave up: they must not stay.
    std::thread::sleep(Duration::from_millis(1000));
    assert_nothing_left(&env);
}

#[test]
fn submit_wait_survives_dropped_watches() {
    let env = ready_env();
    env.server.set_pod_delays(
        Duration::from_millis(300),
        Duration::from_millis(300),
        Duration::from_millis(300),
    );
    let watches = Match::verb("watch");
    let hook = env.server.drop_streams(watches, DropAfter::Events(1), 3);
    ok(env
        .plugin()
        .args(submit_args("u-watch-drop", &["--timeout", "30s"])));
    assert!(env.server.hook_hits(hook) >= 2, "the watch was not cut");
    assert_whole_job(&env, "u-watch-drop");
}

#[test]
fn submit_wait_survives_an_api_server_restart() {
    let mut env = ready_env();
    env.server.set_pod_delays(
        Duration::from_millis(500),
        Duration::from_millis(500),
        Duration::from_millis(500),
    );
    let args = submit_args("u-restart-1", &["--timeout", "60s"]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut submit = Spawned::start(&env, &args);
    submit.wait_for("the objects", Duration::from_secs(20), |_, err| {
        err.contains("objects created")
    });
    restart(&mut env);
    let (code, stdout, stderr) = submit.finish(Duration::from_secs(60));
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout.trim(), "u-restart-1");
    assert!(stderr.contains("is running"), "{stderr}");
    assert_whole_job(&env, "u-restart-1");
    wait_until("every pod runs", Duration::from_secs(10), || {
        env.server
            .list_selected("pods", Some(NS), "t2-job=u-restart-1")
            .unwrap()
            .iter()
            .all(|p| p["status"]["phase"] == "Running")
    });
}
