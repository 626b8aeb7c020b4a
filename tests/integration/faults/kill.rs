//! `kill` under faults: its listing and deletes retried, a delete that keeps failing named with its
//! object and cause (and a second kill finishing the job), refused requests waited out, and the
//! wait for the job master carried through dropped watches and a restarting API server.

use std::time::Duration;

use fake_kube::{DropAfter, Failure, Match, ServerHandle};
use kubectl_twister2::manifests::job;
use kubectl_twister2::twister2::spec::JobSpec;

use super::{Spawned, assert_names, job_objects, restart, spike_once, statuses};
use crate::common::{Env, fails, ok, texts};

/// Objects of `JobSpec::example` (worker and job-master StatefulSets and Services, ConfigMap).
const OBJECTS: usize = 5;

fn seed(server: &ServerHandle, job_id: &str) {
    for object in job::render(&JobSpec::example(job_id))
        .to_json_values()
        .unwrap()
    {
        server.create(object).unwrap();
    }
    assert_eq!(job_objects(server).len(), OBJECTS);
}

fn seeded(job_id: &str) -> Env {
    let env = Env::new();
    seed(&env.server, job_id);
    env.server.clear_requests();
    env
}

/// `kill ID -y --timeout 1s` (no job master answers in these tests: the plugin deletes).
fn kill(env: &Env, job_id: &str, extra: &[&str]) -> assert_cmd::Command {
    let mut cmd = env.plugin();
    cmd.args(["kill", job_id, "-y", "--timeout", "1s"])
        .args(extra);
    cmd
}

#[test]
fn kill_retries_its_listing_and_a_delete_that_fail_with_500() {
    let env = seeded("u-kill-500");
    let list = Match::verb("list").on("configmaps");
    let delete = Match::verb("delete").on("statefulsets");
    env.server.fail(list.clone(), Failure::nth(1, 500));
    env.server.fail(delete.clone(), Failure::nth(1, 500));
    let out = ok(&mut kill(&env, "u-kill-500", &[]));
    assert_eq!(out, "job \"u-kill-500\" killed\n");
    assert_eq!(statuses(&env.server, &list)[..2], [500, 200]);
    assert!(statuses(&env.server, &delete).contains(&500));
    assert_eq!(job_objects(&env.server), Vec::<String>::new());
}

#[test]
fn kill_delete_that_keeps_failing_names_the_object_and_a_second_kill_finishes() {
    let env = seeded("u-kill-stuck");
    let delete = Match::verb("delete")
        .on("statefulsets")
        .name("u-kill-stuck-0");
    let hook = env.server.fail(
        delete.clone(),
        Failure::always(500).message("storage is read-only"),
    );
    let err = fails(&mut kill(&env, "u-kill-stuck", &[]), 1);
    assert_names(
        &err,
        &["statefulset/u-kill-stuck-0", "storage is read-only"],
    );
    assert_eq!(
        statuses(&env.server, &delete),
        [500; 6],
        "deletes are idempotent: retried 5 times"
    );
    assert_eq!(job_objects(&env.server), ["statefulsets/u-kill-stuck-0"]);
    // The fault passes: killing again finishes the job.
    env.server.remove_hook(hook);
    ok(&mut kill(&env, "u-kill-stuck", &[]));
    assert_eq!(job_objects(&env.server), Vec::<String>::new());
}

#[test]
fn kill_403_on_delete_names_verb_resource_and_the_fix() {
    let env = seeded("u-kill-403");
    env.server.deny(Match::verb("delete").on("services"));
    let err = fails(&mut kill(&env, "u-kill-403", &[]), 1);
    assert_names(
        &err,
        &[
            "Forbidden",
            "cannot delete resource \"services\"",
            "setup auth",
        ],
    );
    // Nothing but the Services it may not delete is left.
    assert_eq!(
        job_objects(&env.server),
        ["services/u-kill-403", "services/u-kill-403-jm"]
    );
}

#[test]
fn kill_409_on_the_kill_signal_names_the_conflict_and_deletes_directly() {
    let env = seeded("u-kill-409");
    let signal = Match::verb("patch").on("configmaps");
    env.server.fail(signal.clone(), Failure::nth(1, 409));
    let output = kill(&env, "u-kill-409", &[]).output().unwrap();
    let (stdout, stderr) = texts(&output);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(stdout, "job \"u-kill-409\" killed\n");
    assert_names(
        &stderr,
        &[
            "cannot signal the job master",
            "Conflict",
            "deleting the objects directly",
        ],
    );
    // A merge patch is idempotent, but a 409 is not a passing fault: it is not resent.
    assert_eq!(statuses(&env.server, &signal), [409]);
    assert_eq!(job_objects(&env.server), Vec::<String>::new());
}

#[test]
fn kill_429_with_retry_after_is_waited_out() {
    let env = seeded("u-kill-429");
    let signal = Match::verb("patch").on("configmaps");
    env.server
        .fail(signal.clone(), Failure::nth(1, 429).retry_after(1));
    let output = kill(&env, "u-kill-429", &[]).output().unwrap();
    let (_, stderr) = texts(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("asked the job master to end the job"),
        "{stderr}"
    );
    assert_eq!(statuses(&env.server, &signal), [429, 200]);
    assert_eq!(job_objects(&env.server), Vec::<String>::new());
}

#[test]
fn kill_list_slower_than_request_timeout_is_retried() {
    let env = seeded("u-kill-slow");
    let list = Match::verb("list").on("statefulsets");
    spike_once(&env.server, list.clone(), Duration::from_millis(1500));
    ok(&mut kill(&env, "u-kill-slow", &["--request-timeout", "1s"]));
    assert!(env.server.count_requests(&list) >= 2);
    assert_eq!(job_objects(&env.server), Vec::<String>::new());
}

#[test]
fn kill_wait_survives_dropped_watches() {
    let env = seeded("u-kill-drop");
    let hook = env
        .server
        .drop_streams(Match::verb("watch"), DropAfter::Events(1), 6);
    ok(&mut kill(&env, "u-kill-drop", &[]));
    assert!(env.server.hook_hits(hook) >= 1, "no watch was cut");
    assert_eq!(job_objects(&env.server), Vec::<String>::new());
}

#[test]
fn kill_survives_an_api_server_restart_while_waiting_for_the_job_master() {
    let mut env = seeded("u-kill-restart");
    let mut kill = Spawned::start(&env, &["kill", "u-kill-restart", "-y", "--timeout", "3s"]);
    kill.wait_for("the signal", Duration::from_secs(20), |_, err| {
        err.contains("asked the job master to end the job")
    });
    restart(&mut env);
    let (code, stdout, stderr) = kill.finish(Duration::from_secs(30));
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout, "job \"u-kill-restart\" killed\n");
    assert_eq!(job_objects(&env.server), Vec::<String>::new());
}
