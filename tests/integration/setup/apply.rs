//! `setup` writing to the cluster: idempotent re-runs, labels, server dry run, `--wait`.

use std::time::{Duration, Instant};

use fake_kube::{Match, PodScript};

use super::{MANAGED, NS, RESOURCES, env, managed_objects, plugin, run_ok};
use crate::common::{fails, ok};

#[test]
fn first_run_creates_and_the_second_changes_nothing() {
    let env = env();
    // Only the plugin writes: no controller status updates between the runs.
    env.server.set_control_plane(false);
    let args = [
        "setup",
        "all",
        "--zookeeper",
        "--zookeeper-replicas",
        "3",
        "--dashboard",
        "--submitter",
        "alice",
        "--storage-class",
        "standard",
    ];
    let (stdout, stderr) = run_ok(plugin(&env).args(args));
    let first = managed_objects(&env);
    let names: Vec<String> = first
        .iter()
        .map(|(r, ns, n, _)| format!("{r}/{ns}/{n}"))
        .collect();
    for expected in [
        "roles/team-a/twister2-role",
        "rolebindings/team-a/twister2-role-binding",
        "roles/team-a/twister2-submitter",
        "rolebindings/team-a/twister2-submitter",
        "secrets/team-a/twister2-openmpi-ssh-key",
        "services/team-a/twister2-zookeeper",
        "services/team-a/twister2-zookeeper-headless",
        "statefulsets/team-a/twister2-zookeeper",
        "services/team-a/twister2-dashboard",
        "statefulsets/team-a/twister2-dashboard",
        "services/team-a/twister2-uploader",
        "statefulsets/team-a/twister2-uploader",
    ] {
        assert!(
            names.contains(&expected.to_string()),
            "{expected} missing: {names:?}"
        );
    }
    assert!(first.iter().all(|(_, ns, _, _)| ns == NS));
    assert!(
        env.server
            .list_selected("services", Some("default"), MANAGED)
            .unwrap()
            .is_empty()
    );
    // stdout: the Twister2 configuration for this namespace.
    for line in [
        "twister2.resource.zookeeper.server.addresses: twister2-zookeeper.team-a.svc.cluster.local:2181",
        "twister2.dashboard.host: http://twister2-dashboard.team-a.svc.cluster.local",
        "twister2.kubernetes.uploader.web.server: http://twister2-uploader.team-a.svc.cluster.local",
        "kubernetes.secret.name: twister2-openmpi-ssh-key",
    ] {
        assert!(stdout.contains(line), "{line} not in\n{stdout}");
    }
    assert!(stderr.contains("statefulset.apps/twister2-uploader serverside-applied"));
    assert!(
        stderr.contains("kubectl twister2 setup status -n team-a"),
        "{stderr}"
    );

    let rv = env.server.resource_version();
    let (_, stderr) = run_ok(plugin(&env).args(args));
    assert!(
        stderr.contains("exists; use --rotate to replace"),
        "{stderr}"
    );
    assert_eq!(
        managed_objects(&env),
        first,
        "the second run changed objects"
    );
    assert_eq!(
        env.server.resource_version(),
        rv,
        "the second run wrote something"
    );
}

#[test]
fn every_object_carries_the_labels_and_twister2_selectors() {
    let env = env();
    env.server.set_control_plane(false);
    ok(plugin(&env).args([
        "setup",
        "all",
        "--zookeeper",
        "--dashboard",
        "--submitter",
        "bob",
    ]));
    for resource in RESOURCES {
        for o in env.server.list(resource, Some(NS)) {
            let name = o["metadata"]["name"].as_str().unwrap();
            if resource == "serviceaccounts" && name == "default" {
                continue;
            }
            let labels = &o["metadata"]["labels"];
            assert_eq!(
                labels["app.kubernetes.io/managed-by"], "kubectl-twister2",
                "{name}"
            );
            assert_eq!(labels["app.kubernetes.io/part-of"], "twister2", "{name}");
            let component = labels["app.kubernetes.io/component"].as_str().unwrap();
            if matches!(resource, "services" | "statefulsets") {
                assert_eq!(labels["app"], format!("twister2-{component}"), "{name}");
            }
        }
    }
    let uploader = env
        .server
        .get("statefulsets", NS, "twister2-uploader")
        .unwrap();
    assert_eq!(uploader["metadata"]["labels"]["app"], "twister2-uploader");
}

#[test]
fn server_dry_run_sends_dry_run_all_and_persists_nothing() {
    let env = env();
    env.server.clear_requests();
    let out = ok(plugin(&env).args(["setup", "uploader", "--dry-run=server", "-o", "yaml"]));
    assert!(out.contains("name: twister2-uploader"));
    let patches = env.server.requests_matching(&Match::verb("patch"));
    assert_eq!(patches.len(), 2, "{patches:?}");
    for p in &patches {
        assert!(p.query.contains("dryRun=All"), "{}", p.query);
        assert!(
            p.query.contains("fieldManager=kubectl-twister2"),
            "{}",
            p.query
        );
        assert_eq!(p.namespace, NS);
    }
    assert!(
        env.server
            .get("statefulsets", NS, "twister2-uploader")
            .is_none()
    );
    assert!(
        env.server
            .get("services", NS, "twister2-uploader")
            .is_none()
    );

    // The Secret: the existence check is a read; the write is a dry run too.
    env.server.clear_requests();
    ok(plugin(&env).args(["setup", "openmpi-secret", "--dry-run=server"]));
    for p in env.server.requests_matching(&Match::verb("patch")) {
        assert!(p.query.contains("dryRun=All"));
    }
    assert!(
        env.server
            .get("secrets", NS, "twister2-openmpi-ssh-key")
            .is_none()
    );
    let err = fails(
        plugin(&env).args(["setup", "zookeeper", "--dry-run=server", "--wait"]),
        2,
    );
    assert!(err.contains("--wait"), "{err}");
}

#[test]
fn wait_shows_progress_until_ready_and_times_out_with_the_reason() {
    let env = env();
    let (_, stderr) = run_ok(plugin(&env).args([
        "setup",
        "zookeeper",
        "--replicas",
        "3",
        "--wait",
        "--timeout",
        "30s",
    ]));
    assert!(
        stderr.contains("statefulset/twister2-zookeeper: 3/3 ready"),
        "{stderr}"
    );
    assert!(stderr.contains("emptyDir"), "no emptyDir warning: {stderr}");
    assert!(!stderr.contains("setup status"), "{stderr}");

    env.server.script_pods(
        "twister2-uploader-",
        PodScript::image_pull_backoff("no such tag"),
    );
    let started = Instant::now();
    let err = fails(
        plugin(&env).args(["setup", "uploader", "--wait", "--timeout", "2s"]),
        1,
    );
    assert!(started.elapsed() < Duration::from_secs(15));
    assert!(err.contains("timed out after 2s"), "{err}");
    assert!(
        err.contains("statefulset/twister2-uploader 0/1 ready"),
        "{err}"
    );
    assert!(err.contains("ImagePullBackOff: no such tag"), "{err}");
    assert!(
        err.contains("kubectl twister2 setup status -n team-a"),
        "{err}"
    );
    // The watch is what waits: no polling GETs of the StatefulSet.
    assert_eq!(
        env.server.count_requests(
            &Match::resource("statefulsets")
                .with_verb("get")
                .name("twister2-uploader")
        ),
        0
    );
}
