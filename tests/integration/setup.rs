//! `setup auth|openmpi-secret|zookeeper|dashboard|uploader|all|status|remove` and `dashboard`
//! against the fake API server: what lands where, idempotence, dry runs, waits, the key
//! handling, the report, removal by label, and the submitter Role under enforced RBAC.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use fake_kube::{KubeconfigOpts, Match, PodScript};
use serde_json::{Value, json};

use crate::common::{Env, fails, ok, plugin_in, texts, write_kubeconfig};

const NS: &str = "team-a";
const MANAGED: &str = "app.kubernetes.io/managed-by=kubectl-twister2";
/// Every resource `setup` writes.
const RESOURCES: [&str; 9] = [
    "serviceaccounts",
    "roles",
    "rolebindings",
    "clusterroles",
    "clusterrolebindings",
    "secrets",
    "services",
    "statefulsets",
    "persistentvolumeclaims",
];

/// A fake cluster with namespace `team-a` (and its `default` ServiceAccount).
fn env() -> Env {
    let env = Env::new();
    add_namespace(&env, NS);
    env
}

fn add_namespace(env: &Env, ns: &str) {
    env.server
        .put(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}}))
        .unwrap();
    env.server
        .put(json!({"apiVersion": "v1", "kind": "ServiceAccount",
            "metadata": {"name": "default", "namespace": ns}}))
        .unwrap();
}

/// The plugin run as admin in `team-a`.
fn plugin(env: &Env) -> assert_cmd::Command {
    let mut cmd = env.plugin();
    cmd.args(["-n", NS]);
    cmd
}

/// Run and return (stdout, stderr), requiring success.
#[track_caller]
fn run_ok(cmd: &mut assert_cmd::Command) -> (String, String) {
    let output = cmd.output().unwrap();
    let (stdout, stderr) = texts(&output);
    assert!(
        output.status.success(),
        "expected success, got {:?}\nstdout:\n{stdout}\nstderr:\n{stderr}",
        output.status.code()
    );
    (stdout, stderr)
}

/// Every object carrying the managed-by label, as (resource, namespace, name, resourceVersion).
fn managed_objects(env: &Env) -> Vec<(String, String, String, String)> {
    let mut found = Vec::new();
    for resource in RESOURCES {
        for o in env.server.list_selected(resource, None, MANAGED).unwrap() {
            found.push((
                resource.to_string(),
                o["metadata"]["namespace"]
                    .as_str()
                    .unwrap_or("")
                    .to_string(),
                o["metadata"]["name"].as_str().unwrap().to_string(),
                o["metadata"]["resourceVersion"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            ));
        }
    }
    found.sort();
    found
}

fn yaml_documents(text: &str) -> Vec<Value> {
    serde_yaml::Deserializer::from_str(text)
        .map(|d| {
            let v: serde_yaml::Value = serde::Deserialize::deserialize(d).unwrap();
            serde_json::to_value(v).unwrap()
        })
        .filter(|v| !v.is_null())
        .collect()
}

/// `kubernetes-validate --strict` for 1.28 and the newest version; in CI a missing tool fails.
fn assert_valid_for_kubernetes(name: &str, yaml: &str) {
    let present = std::process::Command::new("kubernetes-validate")
        .arg("--version")
        .output()
        .is_ok();
    if !present {
        let ci = std::env::var("CI").unwrap_or_default();
        assert!(
            ci.is_empty() || ci == "0" || ci.eq_ignore_ascii_case("false"),
            "kubernetes-validate is not installed and CI is set"
        );
        eprintln!("kubernetes-validate not on PATH; skipping schema validation of {name}");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(format!("{name}.yaml"));
    std::fs::write(&file, yaml).unwrap();
    for version in ["1.28.0", "1.37.0"] {
        let out = std::process::Command::new("kubernetes-validate")
            .args(["--strict", "--quiet", "-k", version])
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name} is not valid for Kubernetes {version}:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Poll `setup status -o json` until `check` accepts it.
#[track_caller]
fn status_until(env: &Env, what: &str, check: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let out = ok(plugin(env).args(["setup", "status", "-o", "json"]));
        let status: Value = serde_json::from_str(&out).unwrap();
        if check(&status) {
            return status;
        }
        assert!(
            Instant::now() < deadline,
            "status never showed {what}:\n{status:#}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn row<'a>(status: &'a Value, component: &str) -> &'a Value {
    status["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["component"] == component)
        .unwrap_or_else(|| panic!("no {component} row in {status:#}"))
}

fn secret_text(secret: &Value, key: &str) -> String {
    use base64::Engine as _;
    let b64 = secret["data"][key].as_str().unwrap();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap();
    String::from_utf8(bytes).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Rendering without a cluster
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Writing: idempotence, server dry run, namespace, labels, waiting
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// auth
// ---------------------------------------------------------------------------------------------

#[test]
fn auth_binds_the_default_service_account_or_what_is_asked() {
    let env = env();
    ok(plugin(&env).args(["setup", "auth"]));
    let role = env.server.get("roles", NS, "twister2-role").unwrap();
    assert_eq!(role["rules"].as_array().unwrap().len(), 5);
    let binding = env
        .server
        .get("rolebindings", NS, "twister2-role-binding")
        .unwrap();
    assert_eq!(
        binding["subjects"],
        json!([{"kind": "ServiceAccount", "name": "default", "namespace": NS}])
    );
    assert_eq!(binding["roleRef"]["name"], "twister2-role");

    ok(plugin(&env).args(["setup", "auth", "--group", "system:authenticated"]));
    let binding = env
        .server
        .get("rolebindings", NS, "twister2-role-binding")
        .unwrap();
    assert_eq!(binding["subjects"][0]["kind"], "Group");
    assert_eq!(binding["subjects"][0]["name"], "system:authenticated");
    assert_eq!(binding["subjects"].as_array().unwrap().len(), 1);

    // A named ServiceAccount is created when missing and left alone when it exists.
    let (_, stderr) = run_ok(plugin(&env).args(["setup", "auth", "--service-account", "runner"]));
    assert!(stderr.contains("serviceaccount/runner created"), "{stderr}");
    let sa = env.server.get("serviceaccounts", NS, "runner").unwrap();
    let (_, stderr) = run_ok(plugin(&env).args(["setup", "auth", "--service-account", "runner"]));
    assert!(
        stderr.contains("serviceaccount/runner unchanged"),
        "{stderr}"
    );
    assert_eq!(env.server.get("serviceaccounts", NS, "runner").unwrap(), sa);

    ok(plugin(&env).args([
        "setup",
        "auth",
        "--submitter",
        "alice",
        "--nodes",
        "--label-nodes",
    ]));
    let cluster_role = env
        .server
        .get("clusterroles", "", "twister2-nodes-team-a")
        .unwrap();
    assert_eq!(
        cluster_role["rules"][0]["verbs"],
        json!(["get", "list", "watch", "patch"])
    );
    let cluster_binding = env
        .server
        .get("clusterrolebindings", "", "twister2-nodes-team-a")
        .unwrap();
    assert_eq!(cluster_binding["subjects"][0]["name"], "alice");
    let submitter = env.server.get("roles", NS, "twister2-submitter").unwrap();
    let text = submitter.to_string();
    assert!(
        text.contains("pods/exec") && text.contains("pods/log"),
        "{text}"
    );
    assert!(!text.contains("\"*\""));

    let err = fails(plugin(&env).args(["setup", "auth", "--nodes"]), 2);
    assert!(err.contains("--submitter"), "{err}");
}

/// Seeds a complete job (as `submit` renders it) in the namespace.
fn seed_job(env: &Env, job_id: &str) {
    let mut spec = kubectl_twister2::twister2::spec::JobSpec::example(job_id);
    spec.namespace = NS.to_string();
    let objects = kubectl_twister2::manifests::job::render(&spec);
    for object in objects.to_json_values().unwrap() {
        env.server.put(object).unwrap();
    }
}

#[test]
fn the_submitter_role_is_sufficient_for_the_job_commands_and_nothing_more() {
    let env = env();
    // --nodes: submit and endpoints read nodes (cluster-scoped), which the namespaced Role cannot grant.
    ok(plugin(&env).args(["setup", "auth", "--submitter", "alice", "--nodes"]));
    ok(plugin(&env).args(["setup", "uploader", "--wait", "--timeout", "30s"]));
    seed_job(&env, "alice-hello-1");
    seed_job(&env, "alice-hello-2");
    // The controller starts the jobs' pods (logs reads them).
    let deadline = Instant::now() + Duration::from_secs(20);
    while env
        .server
        .list_selected("pods", Some(NS), "t2-job=alice-hello-1")
        .unwrap()
        .len()
        < 3
    {
        assert!(Instant::now() < deadline, "the job's pods never appeared");
        std::thread::sleep(Duration::from_millis(50));
    }
    env.server.add_user("alice", &[]);
    let alice_config = env
        .server
        .write_kubeconfig(
            env.dir.path(),
            KubeconfigOpts::user("alice").file_name("alice"),
        )
        .unwrap();
    env.server.enforce_rbac(true);
    let alice = || {
        let mut cmd = plugin_in(env.dir.path());
        cmd.arg("--kubeconfig").arg(&alice_config).args(["-n", NS]);
        cmd
    };

    // submit (web-server upload into the uploader pod, by exec)
    let jar = format!(
        "{}/examples/hello/hello-world.jar",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = ok(alice().args([
        "submit",
        "hello",
        "--jar",
        &jar,
        "--class",
        "edu.iu.dsc.tws.examples.basic.HelloWorld",
        "--workers",
        "1",
        "--set",
        "twister2.user.name=alice",
        "--detach",
    ]));
    let job_id = out.trim().to_string();
    assert!(job_id.starts_with("alice-hello-"), "{out}");
    assert!(env.server.get("configmaps", NS, &job_id).is_some());

    let out = ok(alice().args(["jobs", "-o", "name"]));
    assert!(
        out.contains("alice-hello-1") && out.contains("alice-hello-2"),
        "{out}"
    );
    let out = ok(alice().args(["describe", "alice-hello-1"]));
    assert!(out.contains("alice-hello-1"), "{out}");
    ok(alice().args(["logs", "alice-hello-1"]));
    ok(alice().args(["endpoints", "alice-hello-1"]));
    ok(alice().args(["kill", "alice-hello-2", "-y", "--timeout", "1s"]));
    assert!(env.server.get("configmaps", NS, "alice-hello-2").is_none());
    assert!(
        env.server
            .list_selected("statefulsets", Some(NS), "t2-job=alice-hello-2")
            .unwrap()
            .is_empty()
    );

    let denied: Vec<_> = env
        .server
        .requests()
        .into_iter()
        .filter(|r| r.user == "alice" && r.status == 403)
        // submit's pre-flight reads the namespace and carries on when it may not (by design).
        .filter(|r| !(r.verb == "get" && r.resource == "namespaces"))
        .map(|r| format!("{} {} {}/{}", r.verb, r.resource, r.subresource, r.name))
        .collect();
    assert!(denied.is_empty(), "alice was denied: {denied:?}");

    // Outside the role: writing RBAC or workloads with apply.
    let err = fails(alice().args(["setup", "uploader"]), 1);
    assert!(err.contains("Forbidden"), "{err}");
    assert!(
        err.contains("kubectl twister2 setup auth --submitter alice -n team-a"),
        "{err}"
    );
    // And only the one Secret: not the others.
    env.server
        .put(json!({"apiVersion": "v1", "kind": "Secret",
            "metadata": {"name": "other", "namespace": NS}, "data": {"x": "eA=="}}))
        .unwrap();
    let err = fails(
        alice().args(["setup", "openmpi-secret", "--name", "other"]),
        1,
    );
    assert!(err.contains("Forbidden"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// openmpi-secret
// ---------------------------------------------------------------------------------------------

#[test]
fn openmpi_secret_is_kept_unless_rotated_and_the_key_pair_matches() {
    use kubectl_twister2::twister2::ssh_keys::{PublicKeyInfo, SshKeyPair};

    let env = env();
    env.server.set_control_plane(false);
    ok(plugin(&env).args(["setup", "uploader"]));
    let (stdout, stderr) = run_ok(plugin(&env).args(["setup", "openmpi-secret"]));
    assert_eq!(
        stdout,
        "# Twister2 configuration for namespace team-a\nkubernetes.secret.name: twister2-openmpi-ssh-key\n"
    );
    assert!(
        stderr.contains("generated key RSA 3072 SHA256:"),
        "{stderr}"
    );
    let secret = env
        .server
        .get("secrets", NS, "twister2-openmpi-ssh-key")
        .unwrap();
    assert_eq!(secret["type"], "Opaque");
    let private = secret_text(&secret, "id_rsa");
    let public = secret_text(&secret, "id_rsa.pub");
    assert_eq!(secret_text(&secret, "authorized_keys"), public);
    let pair = SshKeyPair::parse_private_key(&private, "the Secret").unwrap();
    assert_eq!(pair.public_key_file(), public);
    assert_eq!(
        PublicKeyInfo::parse(&public).unwrap().fingerprint,
        pair.fingerprint()
    );
    assert!(public.starts_with("ssh-rsa "));
    assert_eq!(pair.info().bits, 3072);
    // Neither stream carried the private key.
    let body = private.lines().nth(1).unwrap().to_string();
    for text in [&stdout, &stderr] {
        assert!(!text.contains("PRIVATE KEY") && !text.contains(&body));
        assert!(!text.contains(secret["data"]["id_rsa"].as_str().unwrap()));
    }

    // Kept: exit 0, nothing written.
    let before = managed_objects(&env);
    let rv = env.server.resource_version();
    let (_, stderr) = run_ok(plugin(&env).args(["setup", "openmpi-secret"]));
    assert!(
        stderr.contains("secret/twister2-openmpi-ssh-key exists"),
        "{stderr}"
    );
    assert!(stderr.contains("use --rotate to replace"), "{stderr}");
    assert!(stderr.contains(&pair.fingerprint()), "{stderr}");
    assert_eq!(env.server.resource_version(), rv);

    // Rotated: only the Secret changes, and its key is new.
    let (stdout, stderr) = run_ok(plugin(&env).args([
        "setup",
        "openmpi-secret",
        "--rotate",
        "--key-type",
        "ed25519",
    ]));
    let after = managed_objects(&env);
    let changed: Vec<_> = before
        .iter()
        .zip(&after)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.2.clone())
        .collect();
    assert_eq!(changed, ["twister2-openmpi-ssh-key"]);
    let rotated = env
        .server
        .get("secrets", NS, "twister2-openmpi-ssh-key")
        .unwrap();
    let new_public = secret_text(&rotated, "id_rsa.pub");
    assert!(new_public.starts_with("ssh-ed25519 "));
    assert_ne!(new_public, public);
    assert_eq!(secret_text(&rotated, "authorized_keys"), new_public);
    let new_private = secret_text(&rotated, "id_rsa");
    assert_eq!(
        SshKeyPair::parse_private_key(&new_private, "s")
            .unwrap()
            .public_key_file(),
        new_public
    );
    for text in [&stdout, &stderr] {
        assert!(!text.contains("PRIVATE KEY"));
    }
    assert!(
        stderr.contains("running OpenMPI jobs keep the old one"),
        "{stderr}"
    );
}

#[test]
fn openmpi_private_key_only_in_requested_output_and_saved_owner_only() {
    use kubectl_twister2::twister2::ssh_keys::{KeyType, SshKeyPair};
    use std::os::unix::fs::PermissionsExt as _;

    let env = env();
    // -o yaml is a request for the key.
    let stdout = ok(plugin(&env).args(["setup", "openmpi-secret", "--name", "mpi", "-o", "yaml"]));
    let docs = yaml_documents(&stdout);
    assert_eq!(docs.len(), 1);
    assert!(secret_text(&docs[0], "id_rsa").contains("BEGIN OPENSSH PRIVATE KEY"));

    // --save-private-key: 0600, equal to the Secret's key; refused over a file without --force.
    let file = env.dir.path().join("mpi_key");
    let (stdout, stderr) = run_ok(
        plugin(&env)
            .args([
                "setup",
                "openmpi-secret",
                "--name",
                "mpi2",
                "--key-type",
                "ed25519",
                "--save-private-key",
            ])
            .arg(&file),
    );
    assert!(!stdout.contains("PRIVATE KEY") && !stderr.contains("PRIVATE KEY"));
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let saved = std::fs::read_to_string(&file).unwrap();
    let secret = env.server.get("secrets", NS, "mpi2").unwrap();
    assert_eq!(saved, secret_text(&secret, "id_rsa"));
    let rv = env.server.resource_version();
    let err = fails(
        plugin(&env)
            .args([
                "setup",
                "openmpi-secret",
                "--name",
                "mpi3",
                "--save-private-key",
            ])
            .arg(&file),
        2,
    );
    assert!(err.contains("--force"), "{err}");
    assert_eq!(
        env.server.resource_version(),
        rv,
        "refused before writing anything"
    );
    assert!(env.server.get("secrets", NS, "mpi3").is_none());
    let err = fails(
        plugin(&env)
            .args([
                "setup",
                "openmpi-secret",
                "--dry-run=client",
                "--save-private-key",
            ])
            .arg(&file),
        2,
    );
    assert!(err.contains("dry run"), "{err}");

    // Import: the Secret holds the imported key; the public key is derived.
    let key = SshKeyPair::generate(KeyType::Ed25519).unwrap();
    let key_file = env.dir.path().join("imported");
    std::fs::write(&key_file, key.private_key_file()).unwrap();
    let (stdout, stderr) = run_ok(
        plugin(&env)
            .args([
                "setup",
                "openmpi-secret",
                "--name",
                "imp",
                "--from-private-key",
            ])
            .arg(&key_file),
    );
    assert!(
        stderr.contains(&format!("imported key ED25519 256 {}", key.fingerprint())),
        "{stderr}"
    );
    assert!(!stdout.contains("PRIVATE KEY") && !stderr.contains("PRIVATE KEY"));
    let secret = env.server.get("secrets", NS, "imp").unwrap();
    assert_eq!(secret_text(&secret, "id_rsa.pub"), key.public_key_file());

    // A public key given as the private one is refused before any request.
    let pub_file = env.dir.path().join("imported.pub");
    std::fs::write(&pub_file, key.public_key_file()).unwrap();
    env.server.clear_requests();
    let err = fails(
        plugin(&env)
            .args([
                "setup",
                "openmpi-secret",
                "--name",
                "imp2",
                "--from-private-key",
            ])
            .arg(&pub_file),
        1,
    );
    assert!(err.contains("public key"), "{err}");
    assert!(env.server.requests().is_empty());
}

// ---------------------------------------------------------------------------------------------
// status
// ---------------------------------------------------------------------------------------------

#[test]
fn status_reports_missing_components_and_exits_zero() {
    let env = env();
    env.server.nodes(2);
    let out = ok(plugin(&env).args(["setup", "status"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["COMPONENT", "INSTALLED", "READY", "DETAILS"]
    );
    let components: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        components,
        [
            "auth",
            "openmpi-secret",
            "zookeeper",
            "dashboard",
            "uploader",
            "node-labels"
        ]
    );
    for line in &lines[1..] {
        assert_eq!(line.split_whitespace().nth(1), Some("no"), "{line}");
    }
    assert!(
        out.contains("rack: 0/2 nodes, datacenter: 0/2 nodes"),
        "{out}"
    );
}

#[test]
fn status_follows_scripted_readiness_and_shows_details() {
    let env = env();
    for node in env.server.nodes(3).iter().take(2) {
        let name = node["metadata"]["name"].as_str().unwrap();
        env.server
            .merge_patch(
                "nodes",
                "",
                name,
                json!({"metadata": {"labels": {"rack": "r1"}}}),
            )
            .unwrap();
    }
    env.server.script_pod(
        "twister2-zookeeper-2",
        PodScript::image_pull_backoff("pull failed"),
    );
    ok(plugin(&env).args([
        "setup",
        "all",
        "--zookeeper",
        "--zookeeper-replicas",
        "3",
        "--key-type",
        "ed25519",
    ]));

    let status = status_until(&env, "zookeeper 2/3", |s| {
        row(s, "zookeeper")["ready"] == "2/3"
    });
    let zk = row(&status, "zookeeper");
    assert_eq!(zk["installed"], "yes");
    assert_eq!(zk["readyReplicas"], 2);
    assert_eq!(zk["replicas"], 3);
    assert_eq!(
        zk["details"],
        "twister2-zookeeper.team-a.svc.cluster.local:2181; emptyDir (state lost on restart)"
    );
    let secret = env
        .server
        .get("secrets", NS, "twister2-openmpi-ssh-key")
        .unwrap();
    let public = secret_text(&secret, "id_rsa.pub");
    let fingerprint = kubectl_twister2::twister2::ssh_keys::PublicKeyInfo::parse(&public)
        .unwrap()
        .fingerprint;
    assert_eq!(
        row(&status, "openmpi-secret")["details"],
        format!("ED25519 256 {fingerprint}")
    );
    assert_eq!(row(&status, "auth")["installed"], "yes");
    assert_eq!(
        row(&status, "auth")["details"],
        "job pods: serviceaccount default"
    );
    assert_eq!(row(&status, "dashboard")["installed"], "no");
    assert_eq!(
        row(&status, "uploader")["details"],
        "http://twister2-uploader.team-a.svc.cluster.local"
    );
    assert_eq!(
        row(&status, "node-labels")["details"],
        "rack: 2/3 nodes, datacenter: 0/3 nodes"
    );
    assert_eq!(row(&status, "node-labels")["installed"], "partial");

    // The failing pod is replaced by one that starts: 3/3.
    env.server.clear_pod_scripts();
    env.server
        .delete("pods", NS, "twister2-zookeeper-2")
        .unwrap();
    status_until(&env, "zookeeper 3/3", |s| {
        row(s, "zookeeper")["ready"] == "3/3"
    });

    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&ok(plugin(&env).args(["setup", "status", "-o", "yaml"]))).unwrap();
    assert_eq!(yaml["kind"], "SetupStatus");
    assert_eq!(yaml["namespace"], NS);
    let names = ok(plugin(&env).args(["setup", "status", "-o", "name"]));
    assert_eq!(
        names,
        "auth\nopenmpi-secret\nzookeeper\nuploader\nnode-labels\n"
    );
}

#[test]
fn status_reads_run_concurrently() {
    let env = env();
    env.server
        .add_latency(Match::any(), Duration::from_millis(150));
    env.server.clear_requests();
    let started = Instant::now();
    ok(plugin(&env).args(["setup", "status"]));
    let elapsed = started.elapsed();
    let reads = env.server.requests_matching(&Match::any().method("GET"));
    // 5 RBAC reads, the Secret, 3 ZooKeeper, 2 dashboard and 2 uploader objects, the node list.
    assert!(reads.len() >= 14, "{}", reads.len());
    let waves = env.server.waves(&Match::any().method("GET").namespace(NS));
    assert_eq!(waves, 1, "namespace reads ran one after another");
    assert!(elapsed < Duration::from_millis(150 * 6), "took {elapsed:?}");
}

// ---------------------------------------------------------------------------------------------
// remove
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// dashboard
// ---------------------------------------------------------------------------------------------

#[test]
fn dashboard_needs_the_dashboard_installed() {
    let env = env();
    let err = fails(plugin(&env).arg("dashboard"), 1);
    assert!(
        err.contains("kubectl twister2 setup dashboard -n team-a"),
        "{err}"
    );
}

fn spawn_dashboard(env: &Env, kubeconfig: &Path, extra: &[&str]) -> std::process::Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("kubectl-twister2"))
        .env_remove("KUBECONFIG")
        .env("HOME", env.dir.path())
        .env("NO_COLOR", "1")
        .arg("--kubeconfig")
        .arg(kubeconfig)
        .args(["-n", NS, "dashboard"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Plays the dashboard pod: answers every HTTP request with `body`.
fn fake_dashboard(body: &'static str) -> std::net::SocketAddr {
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { continue };
            std::thread::spawn(move || {
                use std::io::Write as _;
                let mut request = Vec::new();
                let mut buf = [0u8; 1024];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match conn.read(&mut buf) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                let _ = write!(
                    conn,
                    "HTTP/1.0 200 OK\r\nContent-Length: {}\r\n\r\n{body}",
                    body.len()
                );
            });
        }
    });
    addr
}

/// One HTTP/1.0 GET through the plugin's local port; the response text.
fn http_get(port: u16) -> String {
    use std::io::Write as _;
    let mut conn = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    conn.set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    conn.write_all(b"GET / HTTP/1.0\r\nHost: localhost\r\n\r\n")
        .unwrap();
    let mut response = String::new();
    let _ = conn.read_to_string(&mut response);
    response
}

#[test]
fn dashboard_forwards_a_free_port_follows_a_replaced_pod_and_stops_on_ctrl_c() {
    let env = env();
    ok(plugin(&env).args(["setup", "dashboard", "--wait", "--timeout", "30s"]));
    env.server.forward_port(
        Some(NS),
        "twister2-dashboard-0",
        8080,
        fake_dashboard("first pod"),
    );
    let mut child = spawn_dashboard(&env, &env.kubeconfig, &[]);
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let port: u16 = line
        .trim()
        .strip_prefix("http://127.0.0.1:")
        .and_then(|rest| rest.strip_suffix('/'))
        .unwrap_or_else(|| panic!("not a URL: {line:?}"))
        .parse()
        .unwrap();
    assert_ne!(port, 0);
    let response = http_get(port);
    assert!(response.starts_with("HTTP/1.0 200 OK"), "{response}");
    assert!(response.ends_with("first pod"), "{response}");
    assert_eq!(
        env.server
            .count_requests(&Match::resource("pods/portforward").name("twister2-dashboard-0")),
        1
    );

    // The pod is replaced by one that takes a while to become ready: a connection made in
    // between waits for it and reaches the new pod.
    env.server.forward_port(
        Some(NS),
        "twister2-dashboard-0",
        8080,
        fake_dashboard("second pod"),
    );
    env.server.set_pod_delays(
        Duration::from_millis(1),
        Duration::from_millis(1),
        Duration::from_millis(1500),
    );
    env.server
        .delete("pods", NS, "twister2-dashboard-0")
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let response = http_get(port);
    assert!(response.ends_with("second pod"), "{response}");

    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(status.success(), "exit {status:?}: {stderr}");
    assert!(
        stderr.contains(&format!(
            "Forwarding 127.0.0.1:{port} -> pod/twister2-dashboard-0:8080 in namespace team-a"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("pod/twister2-dashboard-0 is gone or not ready; waiting for a ready pod"),
        "{stderr}"
    );
    assert!(
        stderr.contains("forwarding to pod/twister2-dashboard-0"),
        "{stderr}"
    );
    assert!(stderr.trim_end().ends_with("stopped"), "{stderr}");
    // The port is free again.
    assert!(std::net::TcpListener::bind(("127.0.0.1", port)).is_ok());
}

#[test]
fn dashboard_port_flag_and_tunnel_errors() {
    let env = env();
    ok(plugin(&env).args(["setup", "dashboard", "--wait", "--timeout", "30s"]));
    // --port: a taken port is a clear error.
    let taken = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let taken_port = taken.local_addr().unwrap().port().to_string();
    let err = fails(plugin(&env).args(["dashboard", "--port", &taken_port]), 1);
    assert!(
        err.contains(&format!("cannot listen on 127.0.0.1:{taken_port}")),
        "{err}"
    );
    drop(taken);
    // That port once free; nothing listens in the "pod", so the tunnel reports the refusal and
    // the plugin keeps serving.
    let mut child = spawn_dashboard(&env, &env.kubeconfig, &["--port", &taken_port]);
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), format!("http://127.0.0.1:{taken_port}/"));
    let port: u16 = taken_port.parse().unwrap();
    // stderr is read as it comes, so the test waits for the reports instead of guessing.
    let (lines_tx, lines_rx) = std::sync::mpsc::channel::<String>();
    let stderr_pipe = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stderr_pipe).lines().map_while(Result::ok) {
            let _ = lines_tx.send(line);
        }
    });
    let mut stderr: Vec<String> = Vec::new();
    let refusals = |lines: &[String]| lines.iter().filter(|l| l.contains(" port 8080: ")).count();
    for expected in 1..=2 {
        assert_eq!(http_get(port), "");
        let deadline = Instant::now() + Duration::from_secs(10);
        while refusals(&stderr) < expected {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "no report of the refused tunnel: {stderr:?}"
            );
            if let Ok(line) = lines_rx.recv_timeout(left) {
                stderr.push(line);
            }
        }
    }
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let status = child.wait().unwrap();
    reader.join().unwrap();
    stderr.extend(lines_rx.try_iter());
    assert!(status.success(), "{stderr:?}");
    let refused: Vec<&String> = stderr
        .iter()
        .filter(|l| l.starts_with("pod/twister2-dashboard-0 port 8080:"))
        .collect();
    // The server's reason ("connection refused") when it arrives before the tunnel closes,
    // else the plugin's own account of a request that got no answer.
    assert_eq!(refused.len(), 2, "{stderr:?}");
    assert_eq!(stderr.last().map(String::as_str), Some("stopped"));
}
