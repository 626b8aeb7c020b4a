//! `setup remove`: deleting exactly the managed objects of the chosen components, by label.

use fake_kube::Match;
use serde_json::json;

use super::{NS, add_namespace, env, managed_objects, plugin, run_ok};
use crate::common::{fails, ok};

#[test]
fn remove_deletes_exactly_the_managed_objects_of_the_chosen_components() {
    let env = env();
    ok(plugin(&env).args([
        "setup",
        "all",
        "--zookeeper",
        "--storage-size",
        "1Gi",
        "--submitter",
        "carol",
        "--wait",
    ]));
    ok(plugin(&env).args(["setup", "auth", "--submitter", "carol", "--nodes"]));
    // Bystanders: same app label / component, no managed-by label.
    env.server
        .put(json!({"apiVersion": "v1", "kind": "Service", "metadata": {
            "name": "twister2-uploader-extra", "namespace": NS,
            "labels": {"app": "twister2-uploader", "app.kubernetes.io/component": "uploader"}},
            "spec": {"selector": {"app": "twister2-uploader"}, "ports": [{"port": 81}]}}))
        .unwrap();
    env.server
        .put(json!({"apiVersion": "v1", "kind": "Secret", "metadata": {
            "name": "twister2-openmpi-ssh-key-old", "namespace": NS,
            "labels": {"app.kubernetes.io/component": "openmpi-secret"}}}))
        .unwrap();
    let claims = env.server.list("persistentvolumeclaims", Some(NS));
    assert_eq!(claims.len(), 1, "{claims:?}");

    // Without a terminal and without -y: refused, nothing deleted.
    let before = managed_objects(&env);
    let err = fails(plugin(&env).args(["setup", "remove", "uploader"]), 1);
    assert!(err.contains("-y/--yes"), "{err}");
    assert_eq!(managed_objects(&env), before);

    // --dry-run lists and deletes nothing.
    let out = ok(plugin(&env).args(["setup", "remove", "zookeeper", "uploader", "--dry-run"]));
    assert!(
        out.contains("statefulset.apps/twister2-zookeeper deleted (dry run)"),
        "{out}"
    );
    assert!(!out.contains("persistentvolumeclaim"), "{out}");
    assert_eq!(managed_objects(&env), before);

    let (out, stderr) =
        run_ok(plugin(&env).args(["setup", "remove", "zookeeper", "uploader", "-y"]));
    assert!(
        out.contains("statefulset.apps/twister2-uploader deleted"),
        "{out}"
    );
    assert!(
        stderr.contains("keeping persistentvolumeclaim/data-twister2-zookeeper-0"),
        "{stderr}"
    );
    for (resource, name) in [
        ("statefulsets", "twister2-zookeeper"),
        ("services", "twister2-zookeeper"),
        ("services", "twister2-zookeeper-headless"),
        ("statefulsets", "twister2-uploader"),
        ("services", "twister2-uploader"),
    ] {
        assert!(
            env.server.get(resource, NS, name).is_none(),
            "{resource}/{name} survived"
        );
    }
    assert!(
        env.server
            .get("services", NS, "twister2-uploader-extra")
            .is_some()
    );
    assert!(
        env.server
            .get("persistentvolumeclaims", NS, "data-twister2-zookeeper-0")
            .is_some()
    );
    assert!(env.server.get("roles", NS, "twister2-role").is_some());
    assert!(
        env.server
            .get("secrets", NS, "twister2-openmpi-ssh-key")
            .is_some()
    );

    env.server.clear_requests();
    let out = ok(plugin(&env).args(["setup", "remove", "--all", "--delete-data", "-y"]));
    assert!(
        out.contains("persistentvolumeclaim/data-twister2-zookeeper-0 deleted"),
        "{out}"
    );
    assert!(
        out.contains("clusterrole.rbac.authorization.k8s.io/twister2-nodes-team-a deleted"),
        "{out}"
    );
    assert!(
        managed_objects(&env).is_empty(),
        "{:?}",
        managed_objects(&env)
    );
    assert!(
        env.server
            .get("services", NS, "twister2-uploader-extra")
            .is_some()
    );
    assert!(
        env.server
            .get("secrets", NS, "twister2-openmpi-ssh-key-old")
            .is_some()
    );
    assert!(env.server.get("serviceaccounts", NS, "default").is_some());
    // Deletion went through label selectors, never by guessing names of unmanaged objects.
    for list in env
        .server
        .requests_matching(&Match::verb("list").namespace(NS))
    {
        assert!(
            list.query.contains("managed-by%3Dkubectl-twister2")
                || list.query.contains("managed-by=kubectl-twister2"),
            "{}",
            list.query
        );
    }

    let (_, stderr) = run_ok(plugin(&env).args(["setup", "remove", "--all", "-y"]));
    assert!(stderr.contains("Nothing to remove"), "{stderr}");
}

#[test]
fn remove_leaves_other_namespaces_alone() {
    let env = env();
    add_namespace(&env, "team-b");
    env.server.set_control_plane(false);
    ok(plugin(&env).args(["setup", "auth", "--submitter", "x", "--nodes"]));
    ok(env.plugin().args([
        "-n",
        "team-b",
        "setup",
        "auth",
        "--submitter",
        "x",
        "--nodes",
    ]));
    ok(plugin(&env).args(["setup", "remove", "auth", "-y"]));
    assert!(env.server.get("roles", NS, "twister2-role").is_none());
    assert!(
        env.server
            .get("clusterroles", "", "twister2-nodes-team-a")
            .is_none()
    );
    assert!(env.server.get("roles", "team-b", "twister2-role").is_some());
    assert!(
        env.server
            .get("clusterroles", "", "twister2-nodes-team-b")
            .is_some()
    );
}
