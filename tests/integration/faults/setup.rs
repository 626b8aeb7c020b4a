//! Every `setup` command under faults: reads, server-side applies and deletes (all idempotent)
//! retried after a 500, a 429 and a timeout, ending in the same objects as a run without faults;
//! a refused verb and an apply conflict named, with a second run finishing the work; and
//! `--wait` carried through dropped watches and a restarting API server.

use std::time::Duration;

use fake_kube::{DropAfter, Failure, Match, ServerHandle};

use super::{Spawned, assert_names, restart, spike_once};
use crate::common::{Env, fails, ok, texts};

/// Every setup command, and whether it needs the components installed first.
const COMMANDS: [(&[&str], bool); 8] = [
    (&["setup", "auth", "--submitter", "alice", "--nodes"], false),
    (&["setup", "openmpi-secret", "--key-type", "ed25519"], false),
    (&["setup", "zookeeper"], false),
    (&["setup", "dashboard"], false),
    (&["setup", "uploader"], false),
    (&["setup", "all", "--key-type", "ed25519"], false),
    (&["setup", "status"], true),
    (&["setup", "remove", "--all", "-y"], true),
];

/// Objects labelled as the plugin's, as `resource/name` (the store's state to compare).
fn managed(server: &ServerHandle) -> Vec<String> {
    let mut found = Vec::new();
    for resource in [
        "roles",
        "rolebindings",
        "clusterroles",
        "clusterrolebindings",
        "serviceaccounts",
        "secrets",
        "services",
        "statefulsets",
        "persistentvolumeclaims",
    ] {
        let namespace = match resource {
            "clusterroles" | "clusterrolebindings" => None,
            _ => Some("default"),
        };
        for o in server
            .list_selected(
                resource,
                namespace,
                "app.kubernetes.io/managed-by=kubectl-twister2",
            )
            .unwrap()
        {
            found.push(format!(
                "{resource}/{}",
                o["metadata"]["name"].as_str().unwrap_or("")
            ));
        }
    }
    found.sort();
    found
}

/// A fresh cluster, with every component installed when `installed`.
fn cluster(installed: bool) -> Env {
    let env = Env::new();
    if installed {
        ok(env
            .plugin()
            .args(["setup", "all", "--zookeeper", "--dashboard"]));
    }
    env.server.clear_requests();
    env
}

/// What `command` leaves in a cluster without faults (and its stdout).
fn reference(command: &[&str], installed: bool) -> (Vec<String>, String) {
    let env = cluster(installed);
    let stdout = ok(env.plugin().args(command));
    (managed(&env.server), stdout)
}

/// Run `check` for every setup command at once, each on its own fake cluster (their waits —
/// `Retry-After`, timeouts, restarts — overlap); a failure in any fails the test.
fn for_each_command(check: impl Fn(&'static [&'static str], bool) + Sync) {
    std::thread::scope(|scope| {
        for (command, installed) in COMMANDS {
            let check = &check;
            scope.spawn(move || check(command, installed));
        }
    });
}

/// Status codes the server answered `command`'s requests with.
fn codes(server: &ServerHandle) -> Vec<u16> {
    server.requests().iter().map(|r| r.status).collect()
}

#[test]
fn setup_commands_retry_500_and_429_and_end_as_without_faults() {
    for_each_command(|command, installed| {
        let (want, _) = reference(command, installed);
        let env = cluster(installed);
        env.server.fail(
            Match::any().method("GET"),
            Failure::nth(1, 429).retry_after(1),
        );
        env.server
            .fail(Match::any().method("PATCH"), Failure::nth(1, 500));
        env.server
            .fail(Match::any().method("DELETE"), Failure::nth(1, 500));
        ok(env.plugin().args(command));
        assert_eq!(managed(&env.server), want, "{command:?}");
        let codes = codes(&env.server);
        assert!(
            codes.contains(&500) || codes.contains(&429),
            "{command:?}: no fault was hit: {codes:?}"
        );
    });
}

#[test]
fn setup_commands_retry_requests_slower_than_request_timeout() {
    for_each_command(|command, installed| {
        let (want, _) = reference(command, installed);
        let env = cluster(installed);
        spike_once(&env.server, Match::any(), Duration::from_millis(900));
        ok(env
            .plugin()
            .args(command)
            .args(["--request-timeout", "400ms"]));
        assert_eq!(managed(&env.server), want, "{command:?}");
    });
}

#[test]
fn setup_commands_name_a_refused_verb_and_a_second_run_finishes() {
    let refusals: [(&[&str], Match, &str); 7] = [
        (COMMANDS[0].0, Match::verb("patch").on("roles"), "roles"),
        (COMMANDS[1].0, Match::verb("patch").on("secrets"), "secrets"),
        (
            COMMANDS[2].0,
            Match::verb("patch").on("statefulsets"),
            "statefulsets",
        ),
        (
            COMMANDS[3].0,
            Match::verb("patch").on("statefulsets"),
            "statefulsets",
        ),
        (
            COMMANDS[4].0,
            Match::verb("patch").on("statefulsets"),
            "statefulsets",
        ),
        (
            COMMANDS[5].0,
            Match::verb("patch").on("statefulsets"),
            "statefulsets",
        ),
        (
            COMMANDS[7].0,
            Match::verb("delete").on("statefulsets"),
            "statefulsets",
        ),
    ];
    std::thread::scope(|scope| {
        for (command, refused, resource) in refusals {
            scope.spawn(move || {
                let installed = command.contains(&"remove");
                let (want, _) = reference(command, installed);
                let env = cluster(installed);
                let hook = env.server.deny(refused);
                let err = fails(env.plugin().args(command), 1);
                assert_names(&err, &["Forbidden", resource]);
                env.server.remove_hook(hook);
                ok(env.plugin().args(command));
                assert_eq!(managed(&env.server), want, "{command:?}");
            });
        }
    });
}

#[test]
fn setup_status_names_a_refused_read_in_its_report() {
    let env = cluster(true);
    env.server.deny(Match::verb("get").on("secrets"));
    let output = env.plugin().args(["setup", "status"]).output().unwrap();
    let (stdout, stderr) = texts(&output);
    assert!(
        format!("{stdout}{stderr}").contains("Forbidden"),
        "stdout:\n{stdout}\nstderr:\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn setup_commands_name_a_409_conflict() {
    for_each_command(|command, installed| {
        let env = cluster(installed);
        env.server
            .fail(Match::any().method("PATCH"), Failure::nth(1, 409));
        env.server
            .fail(Match::any().method("DELETE"), Failure::nth(1, 409));
        let output = env.plugin().args(command).output().unwrap();
        let (_, stderr) = texts(&output);
        let writes = env.server.count_requests(&Match::any().method("PATCH"))
            + env.server.count_requests(&Match::any().method("DELETE"));
        if writes == 0 {
            assert!(output.status.success(), "{command:?}: {stderr}");
            return;
        }
        assert_eq!(output.status.code(), Some(1), "{command:?}: {stderr}");
        assert_names(&stderr, &["Conflict"]);
    });
}

#[test]
fn setup_wait_survives_dropped_watches_and_an_api_server_restart() {
    let mut env = cluster(false);
    env.server.set_pod_delays(
        Duration::from_millis(300),
        Duration::from_millis(300),
        Duration::from_millis(300),
    );
    let hook = env
        .server
        .drop_streams(Match::verb("watch"), DropAfter::Events(1), 2);
    let mut run = Spawned::start(
        &env,
        &[
            "setup",
            "uploader",
            "--replicas",
            "2",
            "--wait",
            "--timeout",
            "60s",
        ],
    );
    run.wait_for("the apply", Duration::from_secs(20), |_, err| {
        err.contains("statefulset.apps/twister2-uploader")
    });
    std::thread::sleep(Duration::from_millis(200));
    restart(&mut env);
    let (code, _, stderr) = run.finish(Duration::from_secs(60));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(env.server.hook_hits(hook) >= 1, "no watch was cut");
    let ready = env
        .server
        .list_selected("pods", Some("default"), "app=twister2-uploader")
        .unwrap();
    assert_eq!(ready.len(), 2);
}

#[test]
fn setup_commands_survive_an_api_server_restart_during_their_first_request() {
    for_each_command(|command, installed| {
        let (want, _) = reference(command, installed);
        let mut env = cluster(installed);
        spike_once(&env.server, Match::any(), Duration::from_millis(800));
        let run = Spawned::start(&env, command);
        crate::common::wait_until("the first request", Duration::from_secs(10), || {
            !env.server.requests().is_empty()
        });
        restart(&mut env);
        let (code, _, stderr) = run.finish(Duration::from_secs(30));
        assert_eq!(code, Some(0), "{command:?}: {stderr}");
        assert_eq!(managed(&env.server), want, "{command:?}");
    });
}
