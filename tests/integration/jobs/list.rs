//! `jobs` (alias `list`): plugin and Java-client jobs in every format, one list per kind.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::{ensure_namespace, seed, seed_java, spec, wait_ready};
use crate::common::{Env, ok, texts};

#[test]
fn jobs_lists_plugin_and_java_client_jobs() {
    let env = Env::new();
    seed(&env.server, &spec("u-plugin-1", "default"));
    seed_java(&env.server, &spec("u-java-2", "default"));
    wait_ready(&env.server, "default", "u-plugin-1", 3);
    wait_ready(&env.server, "default", "u-java-2", 3);

    let table = ok(env.plugin().arg("jobs"));
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 3, "{table}");
    let header: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(
        header,
        ["JOB", "WORKERS", "MASTER", "STATUS", "EXPOSED", "AGE"]
    );
    for (line, id) in lines[1..].iter().zip(["u-java-2", "u-plugin-1"]) {
        let cells: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(
            &cells[..5],
            [id, "4/4", "1/1", "Running", "<none>"],
            "{table}"
        );
    }

    let wide = ok(env.plugin().args(["jobs", "-o", "wide", "--no-headers"]));
    let lines: Vec<&str> = wide.lines().collect();
    assert_eq!(lines.len(), 2, "{wide}");
    assert!(lines[0].starts_with("u-java-2"), "{wide}");
    assert!(lines[0].contains("twister2/twister2-k8s:0.8.0 "), "{wide}");
    assert!(lines[0].contains("2x2 0.50cpu 1024Mi"), "{wide}");
    assert!(lines[0].ends_with("webserver   twister2"), "{wide}");
    assert!(lines[1].ends_with("webserver   kubectl-twister2"), "{wide}");

    let names = ok(env.plugin().args(["list", "-o", "name"]));
    assert_eq!(names, "u-java-2\nu-plugin-1\n");

    let doc: Value = serde_json::from_str(&ok(env.plugin().args(["jobs", "-o", "json"]))).unwrap();
    assert_eq!(doc["kind"], "JobList");
    let items = doc["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[1]["jobId"], "u-plugin-1");
    assert_eq!(items[1]["namespace"], "default");
    assert_eq!(items[1]["jobName"], "hello");
    assert_eq!(items[1]["workersReady"], 4);
    assert_eq!(items[1]["workersDesired"], 4);
    assert_eq!(items[1]["masterReady"], true);
    assert_eq!(items[1]["status"], "Running");
    assert_eq!(items[1]["createdBy"], "kubectl-twister2");
    assert_eq!(items[0]["createdBy"], "twister2");
    assert_eq!(items[1]["computeResources"][0]["cpu"], "0.50");

    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&ok(env.plugin().args(["jobs", "-o", "yaml"]))).unwrap();
    assert_eq!(yaml["items"][0]["jobId"], "u-java-2");
}

#[test]
fn jobs_in_an_empty_namespace_says_so_on_stderr() {
    let env = Env::new();
    let output = env.plugin().arg("jobs").output().unwrap();
    let (stdout, stderr) = texts(&output);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(stderr, "No Twister2 jobs found in namespace default.\n");

    ensure_namespace(&env.server, "empty");
    let output = env.plugin().args(["jobs", "-n", "empty"]).output().unwrap();
    assert_eq!(
        texts(&output).1,
        "No Twister2 jobs found in namespace empty.\n"
    );

    // Documents stay documents.
    let doc: Value = serde_json::from_str(&ok(env.plugin().args(["jobs", "-o", "json"]))).unwrap();
    assert_eq!(doc, json!({"kind": "JobList", "items": []}));
}

#[test]
fn jobs_across_namespaces() {
    let env = Env::new();
    seed(&env.server, &spec("u-a-1", "team-a"));
    seed(&env.server, &spec("u-b-2", "team-b"));
    let out = ok(env.plugin().args(["jobs", "-A"]));
    let lines: Vec<Vec<&str>> = out
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(lines[0][..2], ["NAMESPACE", "JOB"], "{out}");
    assert_eq!(lines[1][..2], ["team-a", "u-a-1"], "{out}");
    assert_eq!(lines[2][..2], ["team-b", "u-b-2"], "{out}");
    // Only the namespace asked for otherwise.
    assert_eq!(
        ok(env.plugin().args(["jobs", "-n", "team-b", "-o", "name"])),
        "u-b-2\n"
    );
}

/// List requests per resource made by one `jobs` run.
fn lists_of_one_run(env: &Env) -> BTreeMap<String, usize> {
    env.server.clear_requests();
    ok(env.plugin().arg("jobs"));
    let mut lists = BTreeMap::new();
    for r in env.server.requests() {
        if r.is_resource_request() {
            assert_eq!(r.verb, "list", "jobs only lists: {} {}", r.method, r.path);
            *lists.entry(r.resource.clone()).or_default() += 1;
        }
    }
    lists
}

#[test]
fn jobs_makes_one_list_per_kind_whatever_the_number_of_jobs() {
    let env = Env::new();
    seed(&env.server, &spec("u-job-0", "default"));
    let one = lists_of_one_run(&env);
    let want: BTreeMap<String, usize> = [
        "configmaps",
        "ingresses",
        "pods",
        "services",
        "statefulsets",
    ]
    .into_iter()
    .map(|r| (r.to_string(), 1))
    .collect();
    assert_eq!(one, want);
    for i in 1..30 {
        seed(&env.server, &spec(&format!("u-job-{i}"), "default"));
    }
    assert_eq!(lists_of_one_run(&env), want);
    assert_eq!(
        ok(env.plugin().args(["jobs", "-o", "name"]))
            .lines()
            .count(),
        30
    );
}
