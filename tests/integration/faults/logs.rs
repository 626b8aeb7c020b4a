//! `logs -f` under faults: reads and log streams retried, a refused log read named, streams cut
//! mid-log and the pod watch cut mid-watch resumed without losing or repeating a line, and the
//! API server restarting while lines keep coming.

use std::time::Duration;

use fake_kube::{DropAfter, Failure, Match, ServerHandle};
use kubectl_twister2::manifests::job;
use kubectl_twister2::twister2::resources::ComputeResource;
use kubectl_twister2::twister2::spec::JobSpec;

use super::{NS, Spawned, assert_names, restart, spike_once, statuses};
use crate::common::{Env, fails, wait_until};

const WORKER_CONTAINER: &str = "twister2-container-0";

/// A job `id` with one pod running one worker.
fn spec(id: &str) -> JobSpec {
    let mut spec = JobSpec::example(id);
    spec.compute_resources = vec![ComputeResource {
        index: 0,
        cpu: 0.5,
        ram_mb: 512,
        disk_gb: 1.0,
        instances: 1,
        workers_per_pod: 1,
        scalable: false,
    }];
    spec.with_job_object().unwrap()
}

/// Create the job's objects: its ConfigMap, the others, or both.
fn seed(server: &ServerHandle, spec: &JobSpec, config_map: bool, others: bool) {
    for object in job::render(spec).to_json_values().unwrap() {
        let is_config_map = object["kind"] == "ConfigMap";
        if (is_config_map && config_map) || (!is_config_map && others) {
            server.create(object).unwrap();
        }
    }
}

/// Create the job's objects and wait until its worker runs; returns the worker pod's name.
fn running_job(env: &Env, id: &str) -> String {
    seed(&env.server, &spec(id), true, true);
    let worker = format!("{id}-0-0");
    wait_until("the worker runs", Duration::from_secs(10), || {
        env.server
            .get("pods", NS, &worker)
            .is_some_and(|p| p["status"]["phase"] == "Running")
    });
    env.server.clear_requests();
    worker
}

fn lines(from: u32, to: u32) -> String {
    (from..to)
        .map(|n| format!("line {n}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// stdout of `logs -f --worker 0` for lines `0..n`.
fn printed(n: u32) -> String {
    (0..n).map(|i| format!("[worker-0] line {i}\n")).collect()
}

/// The job ends (its ConfigMap goes, as when Twister2's job master finishes).
fn end_job(server: &ServerHandle, id: &str) {
    server.delete("configmaps", NS, id).unwrap();
}

fn follow(env: &Env, id: &str, extra: &[&str]) -> Spawned {
    let mut args = vec!["logs", id, "-f", "--worker", "0"];
    args.extend_from_slice(extra);
    Spawned::start(env, &args)
}

/// Write `0..n/2`, wait for it, run `fault`, write the rest, end the job: every line once.
fn follow_through(
    env: &mut Env,
    id: &str,
    worker: &str,
    extra: &[&str],
    fault: impl FnOnce(&mut Env),
) {
    let mut logs = follow(env, id, extra);
    env.server
        .append_log(NS, worker, WORKER_CONTAINER, &lines(0, 5));
    logs.wait_for("the first lines", Duration::from_secs(20), |out, _| {
        out.lines().count() >= 5
    });
    fault(env);
    env.server
        .append_log(NS, worker, WORKER_CONTAINER, &lines(5, 10));
    logs.wait_for("the last lines", Duration::from_secs(30), |out, _| {
        out.lines().count() >= 10
    });
    std::thread::sleep(Duration::from_millis(300));
    end_job(&env.server, id);
    let (code, stdout, stderr) = logs.finish(Duration::from_secs(20));
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout, printed(10), "every line exactly once\n{stderr}");
}

#[test]
fn logs_follow_retries_reads_and_log_streams_that_fail_with_500() {
    let mut env = Env::new();
    let worker = running_job(&env, "u-logs-500");
    let pods = Match::verb("list").on("pods");
    let log = Match::resource("pods/log");
    env.server.fail(pods.clone(), Failure::nth(1, 500));
    env.server.fail(log.clone(), Failure::nth(1, 500));
    follow_through(&mut env, "u-logs-500", &worker, &[], |_| {});
    assert_eq!(statuses(&env.server, &pods)[..2], [500, 200]);
    assert_eq!(statuses(&env.server, &log)[..2], [500, 200]);
}

#[test]
fn logs_429_with_retry_after_is_waited_out() {
    let mut env = Env::new();
    let worker = running_job(&env, "u-logs-429");
    let log = Match::resource("pods/log");
    env.server
        .fail(log.clone(), Failure::nth(1, 429).retry_after(1));
    follow_through(&mut env, "u-logs-429", &worker, &[], |_| {});
    assert_eq!(statuses(&env.server, &log)[..2], [429, 200]);
}

#[test]
fn logs_403_on_reading_logs_names_the_right() {
    let env = Env::new();
    running_job(&env, "u-logs-403");
    env.server.deny(Match::resource("pods/log"));
    let err = fails(env.plugin().args(["logs", "u-logs-403"]), 1);
    assert_names(&err, &["Forbidden", "pods/log"]);
}

#[test]
fn logs_follow_log_stream_slower_than_request_timeout_is_retried() {
    let mut env = Env::new();
    let worker = running_job(&env, "u-logs-slow");
    let log = Match::resource("pods/log");
    spike_once(&env.server, log.clone(), Duration::from_millis(1500));
    follow_through(
        &mut env,
        "u-logs-slow",
        &worker,
        &["--request-timeout", "1s"],
        |_| {},
    );
    assert!(env.server.count_requests(&log) >= 2);
}

#[test]
fn logs_follow_resumes_a_log_stream_cut_mid_log() {
    let mut env = Env::new();
    let worker = running_job(&env, "u-logs-cut");
    follow_through(&mut env, "u-logs-cut", &worker, &[], |env| {
        env.server.drop_streams(
            Match::resource("pods/log").name(&worker),
            DropAfter::Events(1),
            2,
        );
    });
}

#[test]
fn logs_follow_resumes_the_pod_watch_cut_mid_watch() {
    let env = Env::new();
    let id = "u-logs-watch";
    let job = spec(id);
    seed(&env.server, &job, true, false);
    let watches = Match::verb("watch").on("pods");
    let hook = env.server.drop_streams(watches, DropAfter::Events(1), 3);
    let mut logs = follow(&env, id, &["--timeout", "30s"]);
    std::thread::sleep(Duration::from_millis(500));
    env.server.script_pods(
        &format!("{id}-"),
        fake_kube::PodScript::new().log(Duration::from_millis(20), "finally"),
    );
    seed(&env.server, &job, false, true);
    logs.wait_for("the new pod's line", Duration::from_secs(20), |out, _| {
        out.contains("[worker-0] finally")
    });
    end_job(&env.server, id);
    let (code, stdout, stderr) = logs.finish(Duration::from_secs(20));
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout, "[worker-0] finally\n");
    assert!(env.server.hook_hits(hook) >= 1, "no watch was cut");
}

#[test]
fn logs_follow_survives_an_api_server_restart() {
    let mut env = Env::new();
    let worker = running_job(&env, "u-logs-restart");
    follow_through(&mut env, "u-logs-restart", &worker, &[], restart);
}
