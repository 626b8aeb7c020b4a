//! `describe`: a job's objects, pods, configuration and events; unknown jobs; `--last`.

use serde_json::json;

use super::{persistent, remember, seed, seed_java, spec, state_dir, wait_ready};
use crate::common::{Env, fails, ok};

#[test]
fn describe_shows_objects_pods_configuration_and_events() {
    let env = Env::new();
    env.server.nodes(2);
    let id = "u-desc-1";
    seed(&env.server, &persistent(spec(id, "default")));
    wait_ready(&env.server, "default", id, 3);
    env.server
        .create(json!({
            "apiVersion": "v1",
            "kind": "Event",
            "metadata": {"name": format!("{id}-0-1.1"), "namespace": "default"},
            "involvedObject": {"kind": "Pod", "name": format!("{id}-0-1"), "namespace": "default"},
            "reason": "BackOff",
            "message": "Back-off restarting failed container",
            "type": "Warning",
            "count": 3,
            "lastTimestamp": "2025-01-01T00:00:00Z",
        }))
        .unwrap();
    env.server
        .create(json!({
            "apiVersion": "v1",
            "kind": "Event",
            "metadata": {"name": "unrelated.1", "namespace": "default"},
            "involvedObject": {"kind": "Pod", "name": "someone-else-0", "namespace": "default"},
            "reason": "NotOurs",
            "message": "x",
            "type": "Normal",
        }))
        .unwrap();

    let out = ok(env.plugin().args(["describe", id]));
    assert!(
        out.starts_with(&format!("Name:          {id}\nNamespace:     default\n")),
        "{out}"
    );
    let field = |label: &str| field(&out, label);
    assert_eq!(field("Status").as_deref(), Some("Running"), "{out}");
    assert_eq!(field("Workers").as_deref(), Some("4/4 ready"), "{out}");
    assert_eq!(field("Job master").as_deref(), Some("ready"), "{out}");
    assert_eq!(
        field("Created by").as_deref(),
        Some("kubectl-twister2"),
        "{out}"
    );
    assert_eq!(
        field("Worker class").as_deref(),
        Some("edu.iu.dsc.tws.examples.basic.HelloWorld"),
        "{out}"
    );
    assert_eq!(field("Job master port").as_deref(), Some("11011"), "{out}");
    assert_eq!(
        field("Worker ports").as_deref(),
        Some("9000/TCP, 9001/TCP"),
        "{out}"
    );
    assert_eq!(
        field("Persistent volume"),
        Some(format!("claim {id}")),
        "{out}"
    );
    assert_eq!(
        field("Node info").as_deref(),
        Some("2 nodes: 10.0.0.1 (rack r1, datacenter dc1); 10.0.0.2 (rack r2, datacenter dc1)"),
        "{out}"
    );
    assert_eq!(
        rows(&out, "Compute resources"),
        [["0", "2", "2", "0.50", "1024Mi", "1.00Gi", "no"]],
        "{out}"
    );
    let objects: Vec<(String, String)> = rows(&out, "Objects")
        .into_iter()
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect();
    for (kind, name) in [
        ("ConfigMap", id.to_string()),
        ("StatefulSet", format!("{id}-jm")),
        ("StatefulSet", format!("{id}-0")),
        ("Service", id.to_string()),
        ("Service", format!("{id}-jm")),
        ("PersistentVolumeClaim", id.to_string()),
    ] {
        assert!(
            objects.contains(&(kind.to_string(), name.clone())),
            "{kind} {name} missing:\n{out}"
        );
    }
    assert_eq!(objects.len(), 6, "{out}");
    let pods = rows(&out, "Pods");
    assert_eq!(pods.len(), 3, "{out}");
    assert_eq!(
        pods[0][..4],
        [
            format!("{id}-jm-0"),
            "job".into(),
            "master".into(),
            "Running".into()
        ]
    );
    assert_eq!(
        pods[1][..4],
        [
            format!("{id}-0-0"),
            "workers".into(),
            "0-1".into(),
            "Running".into()
        ]
    );
    assert_eq!(
        pods[2][..4],
        [
            format!("{id}-0-1"),
            "workers".into(),
            "2-3".into(),
            "Running".into()
        ]
    );
    assert_eq!(pods[1][4], "2/2", "{out}");
    assert!(pods[1][6].starts_with("node-"), "node column: {out}");
    assert!(pods[1][7].starts_with("10."), "IP column: {out}");
    let events = out.split("\nEvents:\n").nth(1).unwrap_or_default();
    assert!(
        events.contains(&format!(
            "Warning   BackOff   pod/{id}-0-1   Back-off restarting failed container"
        )),
        "{out}"
    );
    assert!(events.contains("(x3)"), "{out}");
    assert!(!out.contains("NotOurs"), "{out}");
}

/// The value of a `Label:  value` line of `describe`.
fn field(out: &str, label: &str) -> Option<String> {
    out.lines().find_map(|line| {
        line.trim_start()
            .strip_prefix(&format!("{label}:"))
            .map(|rest| rest.trim().to_string())
    })
}

/// The rows (cells split on blanks) of a `describe` table section, without its header.
fn rows(out: &str, section: &str) -> Vec<Vec<String>> {
    out.split(&format!("\n{section}:\n"))
        .nth(1)
        .unwrap_or_default()
        .split("\n\n")
        .next()
        .unwrap_or_default()
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .collect()
}

#[test]
fn describe_a_java_client_job() {
    let env = Env::new();
    seed_java(&env.server, &spec("u-java-3", "default"));
    wait_ready(&env.server, "default", "u-java-3", 3);
    let out = ok(env.plugin().args(["describe", "u-java-3"]));
    assert_eq!(
        field(&out, "Created by").as_deref(),
        Some("twister2"),
        "{out}"
    );
    assert_eq!(field(&out, "Job name").as_deref(), Some("hello"), "{out}");
    assert!(out.contains("workers 2-3"), "{out}");
}

#[test]
fn describe_an_unknown_job_names_job_and_namespace() {
    let env = Env::new();
    let err = fails(env.plugin().args(["describe", "u-nope-1"]), 1);
    assert!(
        err.contains("job \"u-nope-1\" not found in namespace \"default\""),
        "{err}"
    );
    let err = fails(env.plugin().args(["describe", "Not_An_Id"]), 2);
    assert!(err.contains("not a valid Twister2 job ID"), "{err}");
}

#[test]
fn describe_last_reads_the_state_file() {
    let env = Env::new();
    let err = fails(
        env.plugin()
            .env("XDG_STATE_HOME", state_dir(&env))
            .args(["describe", "--last"]),
        1,
    );
    assert!(
        err.contains("no job has been submitted with kubectl twister2 yet"),
        "{err}"
    );
    seed(&env.server, &spec("u-last-1", "default"));
    remember(&env, "u-last-1");
    let out = ok(env
        .plugin()
        .env("XDG_STATE_HOME", state_dir(&env))
        .args(["describe", "--last"]));
    assert!(out.starts_with("Name:          u-last-1\n"), "{out}");
}
