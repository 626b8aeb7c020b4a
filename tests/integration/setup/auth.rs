//! `setup auth`: the job pods' Role and binding, and the submitter Role under enforced RBAC.

use std::time::{Duration, Instant};

use fake_kube::KubeconfigOpts;
use serde_json::json;

use super::{Env, NS, env, plugin, run_ok};
use crate::common::{fails, ok, plugin_in};

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
