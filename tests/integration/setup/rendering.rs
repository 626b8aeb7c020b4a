//! `setup … --dry-run=client`: valid objects rendered without a cluster, with pinned images.

use std::time::{Duration, Instant};

use serde_json::Value;

use super::{NS, yaml_documents};
use crate::common::{assert_valid_for_kubernetes, fails, ok, plugin_in, texts, write_kubeconfig};

#[test]
fn client_dry_run_contacts_no_cluster_and_renders_valid_objects_in_the_namespace() {
    let home = tempfile::tempdir().unwrap();
    let kubeconfig = home.path().join("kubeconfig");
    // Nothing listens there: any request would fail the command.
    write_kubeconfig(&kubeconfig, "dead", "https://127.0.0.1:1", Some("ctx-ns"));
    let cases: [(&str, &[&str]); 6] = [
        (
            "auth",
            &["setup", "auth", "--submitter", "alice", "--nodes"],
        ),
        (
            "openmpi-secret",
            &["setup", "openmpi-secret", "--key-type", "ed25519"],
        ),
        (
            "zookeeper",
            &[
                "setup",
                "zookeeper",
                "--replicas",
                "3",
                "--storage-size",
                "2Gi",
            ],
        ),
        ("dashboard", &["setup", "dashboard"]),
        ("uploader", &["setup", "uploader", "--replicas", "2"]),
        (
            "all",
            &[
                "setup",
                "all",
                "--zookeeper",
                "--dashboard",
                "--key-type",
                "ed25519",
            ],
        ),
    ];
    for (name, args) in cases {
        let started = Instant::now();
        let output = plugin_in(home.path())
            .arg("--kubeconfig")
            .arg(&kubeconfig)
            .args(args)
            .args(["--dry-run=client", "-o", "yaml", "-n", NS])
            .output()
            .unwrap();
        let (stdout, stderr) = texts(&output);
        assert!(output.status.success(), "{name}: {stderr}");
        assert!(started.elapsed() < Duration::from_secs(20));
        let docs = yaml_documents(&stdout);
        assert!(!docs.is_empty(), "{name}: no documents");
        for doc in &docs {
            let meta = &doc["metadata"];
            let labels = &meta["labels"];
            assert_eq!(
                labels["app.kubernetes.io/managed-by"], "kubectl-twister2",
                "{name}"
            );
            assert_eq!(labels["app.kubernetes.io/part-of"], "twister2", "{name}");
            assert!(labels["app.kubernetes.io/component"].is_string(), "{name}");
            if !doc["kind"].as_str().unwrap().starts_with("Cluster") {
                assert_eq!(meta["namespace"], NS, "{name}: {doc}");
            }
        }
        assert!(
            !stdout.contains("namespace: default") && !stdout.contains(".default.svc"),
            "{name} hard-codes the default namespace"
        );
        // The configuration hint moves to stderr when stdout carries objects.
        if name == "zookeeper" {
            assert!(stderr.contains(
                "twister2.resource.zookeeper.server.addresses: twister2-zookeeper.team-a.svc.cluster.local:2181"
            ));
        }
        assert_valid_for_kubernetes(name, &stdout);
    }

    // Without -n, the kubeconfig context's namespace.
    let out = ok(plugin_in(home.path())
        .arg("--kubeconfig")
        .arg(&kubeconfig)
        .args(["setup", "uploader", "--dry-run=client", "-o", "json"]));
    let list: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(list["kind"], "List");
    for item in list["items"].as_array().unwrap() {
        assert_eq!(item["metadata"]["namespace"], "ctx-ns");
    }
}

#[test]
fn workloads_select_on_twister2_app_labels_with_pinned_images_requests_and_probes() {
    let home = tempfile::tempdir().unwrap();
    let out = ok(plugin_in(home.path()).args([
        "setup",
        "all",
        "--zookeeper",
        "--dashboard",
        "--dry-run=client",
        "-o",
        "json",
        "-n",
        NS,
    ]));
    let list: Value = serde_json::from_str(&out).unwrap();
    let sets: Vec<&Value> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["kind"] == "StatefulSet")
        .collect();
    assert_eq!(sets.len(), 3);
    for set in sets {
        let name = set["metadata"]["name"].as_str().unwrap();
        assert_eq!(set["spec"]["selector"]["matchLabels"]["app"], name);
        assert_eq!(set["spec"]["template"]["metadata"]["labels"]["app"], name);
        assert_eq!(
            set["spec"]["template"]["metadata"]["labels"]["app.kubernetes.io/managed-by"],
            "kubectl-twister2"
        );
        for c in set["spec"]["template"]["spec"]["containers"]
            .as_array()
            .unwrap()
        {
            let image = c["image"].as_str().unwrap();
            assert!(
                image.contains(':') && !image.ends_with(":latest"),
                "{image}"
            );
            assert!(c["resources"]["requests"]["cpu"].is_string(), "{name}");
            assert!(c["resources"]["requests"]["memory"].is_string(), "{name}");
            assert!(
                c["readinessProbe"].is_object(),
                "{name} has no readiness probe"
            );
        }
    }
    // --image overrides, and unpinned images are refused before anything else.
    let out = ok(plugin_in(home.path()).args([
        "setup",
        "uploader",
        "--image",
        "nginx:1.26.2",
        "--dry-run=client",
        "-o",
        "yaml",
        "-n",
        NS,
    ]));
    assert!(out.contains("image: nginx:1.26.2"));
    let err = fails(
        plugin_in(home.path()).args(["setup", "uploader", "--image", "nginx", "--dry-run=client"]),
        2,
    );
    assert!(err.contains("--image"), "{err}");
}
