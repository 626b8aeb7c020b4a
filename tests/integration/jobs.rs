//! `jobs`, `describe` and `kill` run as the real binary against the fake API server, on jobs
//! rendered by the plugin's own manifests (and stripped of the plugin's labels to look like jobs
//! of Twister2's Java client).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use fake_kube::resources::Res;
use fake_kube::{EventType, Match, ServerHandle};
use kubectl_twister2::manifests::{job, uploader};
use kubectl_twister2::twister2::proto::{Job, JobDescription, JobFormatType, encode_to_base64};
use kubectl_twister2::twister2::spec::{AccessMode, JobSpec, PersistentStorage};
use serde_json::{Value, json};

use crate::common::{Env, fails, ok, texts};

const MANAGED_LABELS: [&str; 3] = [
    "app.kubernetes.io/managed-by",
    "app.kubernetes.io/part-of",
    "app.kubernetes.io/component",
];

/// A canonical job `id` in `namespace` with a real job description in its ConfigMap.
fn spec(id: &str, namespace: &str) -> JobSpec {
    let mut spec = JobSpec::example(id);
    spec.namespace = namespace.to_string();
    let description = Job::from_description(&JobDescription {
        job_name: &spec.job_name,
        job_id: &spec.job_id,
        worker_class: &spec.worker_class,
        driver_class: None,
        resources: &spec.compute_resources,
        format: JobFormatType::Jar,
        job_file: &spec.job_file,
    })
    .unwrap();
    spec.job_object_base64 = encode_to_base64(&description);
    spec
}

fn persistent(mut spec: JobSpec) -> JobSpec {
    spec.persistent_storage = Some(PersistentStorage {
        per_worker_gb: 1.0,
        storage_class: Some("standard".into()),
        access_mode: AccessMode::ReadWriteMany,
    });
    spec
}

fn ensure_namespace(server: &ServerHandle, namespace: &str) {
    if server.get("namespaces", "", namespace).is_none() {
        server
            .put(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": namespace}}))
            .unwrap();
    }
}

/// Create every object of the job, as submit would (the fake's controllers then make pods).
fn seed(server: &ServerHandle, spec: &JobSpec) {
    ensure_namespace(server, &spec.namespace);
    for object in job::render(spec).to_json_values().unwrap() {
        server.create(object).unwrap();
    }
}

fn strip(labels: Option<&mut Value>) {
    if let Some(Value::Object(map)) = labels {
        for key in MANAGED_LABELS {
            map.remove(key);
        }
    }
}

/// Create the job as Twister2's Java client would: the same objects without the plugin's labels.
fn seed_java(server: &ServerHandle, spec: &JobSpec) {
    ensure_namespace(server, &spec.namespace);
    for mut object in job::render(spec).to_json_values().unwrap() {
        strip(object.pointer_mut("/metadata/labels"));
        strip(object.pointer_mut("/spec/template/metadata/labels"));
        server.create(object).unwrap();
    }
}

fn ready(pod: &Value) -> bool {
    pod["status"]["conditions"].as_array().is_some_and(|cs| {
        cs.iter()
            .any(|c| c["type"] == "Ready" && c["status"] == "True")
    })
}

/// Wait (polling the fake's store, test code) until `count` pods of the job are ready.
fn wait_ready(server: &ServerHandle, namespace: &str, job_id: &str, count: usize) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let pods = server
            .list_selected("pods", Some(namespace), &format!("t2-job={job_id}"))
            .unwrap();
        if pods.iter().filter(|p| ready(p)).count() >= count {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "pods of {job_id} never became ready: {pods:#?}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Every object of the job still stored, as `kind/name`.
fn job_objects(server: &ServerHandle, namespace: &str, job_id: &str) -> Vec<String> {
    let mut out = Vec::new();
    for resource in [
        "statefulsets",
        "services",
        "configmaps",
        "persistentvolumeclaims",
        "ingresses",
    ] {
        for o in server
            .list_selected(resource, Some(namespace), &format!("t2-job={job_id}"))
            .unwrap()
        {
            out.push(format!(
                "{resource}/{}",
                o["metadata"]["name"].as_str().unwrap()
            ));
        }
    }
    out
}

/// Play Twister2's job master: when `KILL_JOB` appears in a job's ConfigMap, delete the job's
/// objects as `JobTerminator` does.
fn script_job_master(server: &ServerHandle) {
    server.on_change(
        |ev| {
            ev.kind == EventType::Modified
                && ev.res == Res::by_plural("", "configmaps").unwrap()
                && ev.object["data"]["KILL_JOB"] == "true"
        },
        |handle, ev| {
            let selector = format!("t2-job={}", ev.name);
            let ns = Some(ev.namespace.as_str());
            for resource in [
                "statefulsets",
                "services",
                "persistentvolumeclaims",
                "configmaps",
            ] {
                handle.delete_selected(resource, ns, &selector).unwrap();
            }
        },
    );
}

fn plugin_requests(
    server: &ServerHandle,
    verb: &str,
    resource: &str,
) -> Vec<fake_kube::RequestRecord> {
    server.requests_matching(&Match::verb(verb).on(resource))
}

/// Where the tests keep the plugin's state (never the user's real XDG directory).
fn state_dir(env: &Env) -> PathBuf {
    env.dir.path().join("state")
}

fn remember(env: &Env, job_id: &str) {
    let dir = state_dir(env).join("kubectl-twister2");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("last-job"), format!("{job_id}\n")).unwrap();
}

// ---------------------------------------------------------------------------------------------
// jobs
// ---------------------------------------------------------------------------------------------

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
    assert!(
        lines[0].contains("twister2/twister2-k8s:0.8.0-SNAPSHOT"),
        "{wide}"
    );
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

// ---------------------------------------------------------------------------------------------
// describe
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// kill
// ---------------------------------------------------------------------------------------------

#[test]
fn kill_through_a_scripted_job_master() {
    let env = Env::new();
    let id = "u-kill-1";
    seed(&env.server, &persistent(spec(id, "default")));
    wait_ready(&env.server, "default", id, 3);
    script_job_master(&env.server);
    env.server.clear_requests();
    let started = Instant::now();
    let output = env
        .plugin()
        .args(["kill", id, "-y", "--timeout", "30s"])
        .output()
        .unwrap();
    let (stdout, stderr) = texts(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "waited for the time limit: {stderr}"
    );
    assert_eq!(stdout, format!("job \"{id}\" killed\n"));
    assert!(
        stderr.contains(&format!(
            "{id}: asked the job master to end the job (KILL_JOB=true)"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{id}: killed: its job master cleaned up")),
        "{stderr}"
    );
    assert!(job_objects(&env.server, "default", id).is_empty());
    // The signal: a patch of ConfigMap <jobID> setting KILL_JOB=true.
    let patches = plugin_requests(&env.server, "patch", "configmaps");
    assert_eq!(patches.len(), 1);
    assert_eq!(patches[0].name, id);
    let body: Value = serde_json::from_slice(&patches[0].body).unwrap();
    assert_eq!(body, json!({"data": {"KILL_JOB": "true"}}));
    // The job master did the deleting.
    assert_eq!(env.server.count_requests(&Match::verb("delete")), 0);
}

#[test]
fn kill_deletes_what_is_left_when_no_job_master_answers() {
    let env = Env::new();
    let id = "u-kill-2";
    seed(&env.server, &persistent(spec(id, "default")));
    let other = "u-other-3";
    seed(&env.server, &spec(other, "default"));
    env.server.clear_requests();
    let started = Instant::now();
    let output = env
        .plugin()
        .args(["kill", id, "-y", "--timeout", "1s"])
        .output()
        .unwrap();
    let (stdout, stderr) = texts(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "did not wait for the job master"
    );
    assert_eq!(stdout, format!("job \"{id}\" killed\n"));
    assert!(
        stderr.contains("the job master did not finish within 1s (6 objects left)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("killed: deleted 6 objects the job master left"),
        "{stderr}"
    );
    assert!(job_objects(&env.server, "default", id).is_empty());
    assert!(
        env.server
            .list_selected("pods", Some("default"), &format!("t2-job={id}"))
            .unwrap()
            .is_empty()
    );
    // The signal came first, then one delete per object; the other job is untouched.
    assert_eq!(plugin_requests(&env.server, "patch", "configmaps").len(), 1);
    let mut deleted: Vec<String> = env
        .server
        .requests_matching(&Match::verb("delete"))
        .into_iter()
        .map(|r| format!("{}/{}", r.resource, r.name))
        .collect();
    deleted.sort();
    assert_eq!(
        deleted,
        [
            format!("configmaps/{id}"),
            format!("persistentvolumeclaims/{id}"),
            format!("services/{id}"),
            format!("services/{id}-jm"),
            format!("statefulsets/{id}-0"),
            format!("statefulsets/{id}-jm"),
        ]
    );
    assert_eq!(job_objects(&env.server, "default", other).len(), 5);
}

#[test]
fn kill_keep_data_keeps_the_claim() {
    let env = Env::new();
    let id = "u-keep-1";
    seed(&env.server, &persistent(spec(id, "default")));
    script_job_master(&env.server);
    env.server.clear_requests();
    let out = ok(env
        .plugin()
        .args(["kill", id, "-y", "--keep-data", "--timeout", "30s"]));
    assert_eq!(out, format!("job \"{id}\" killed\n"));
    assert_eq!(
        job_objects(&env.server, "default", id),
        [format!("persistentvolumeclaims/{id}")]
    );
    // The job master, which would delete the claim, was not signalled.
    assert_eq!(plugin_requests(&env.server, "patch", "configmaps").len(), 0);
}

#[test]
fn kill_of_a_missing_job() {
    let env = Env::new();
    let err = fails(env.plugin().args(["kill", "u-nope-1", "-y"]), 1);
    assert!(
        err.contains("job \"u-nope-1\" not found in namespace \"default\""),
        "{err}"
    );
    let out = ok(env
        .plugin()
        .args(["kill", "u-nope-1", "-y", "--ignore-not-found"]));
    assert_eq!(out, "");
    // One existing, one missing: the existing one is killed, the missing one reported.
    seed(&env.server, &spec("u-here-2", "default"));
    let output = env
        .plugin()
        .args(["kill", "u-here-2", "u-nope-1", "-y", "--timeout", "1s"])
        .output()
        .unwrap();
    let (stdout, stderr) = texts(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(stdout, "job \"u-here-2\" killed\n");
    assert!(
        stderr.contains("job \"u-nope-1\" not found in namespace \"default\""),
        "{stderr}"
    );
    assert!(job_objects(&env.server, "default", "u-here-2").is_empty());
    let err = fails(env.plugin().args(["kill", "BAD id", "-y"]), 2);
    assert!(err.contains("not a valid Twister2 job ID"), "{err}");
}

#[test]
fn kill_without_a_terminal_needs_yes() {
    let env = Env::new();
    let id = "u-ask-1";
    seed(&env.server, &spec(id, "default"));
    env.server.clear_requests();
    let err = fails(env.plugin().args(["kill", id]), 1);
    assert!(err.contains("-y/--yes"), "{err}");
    assert!(
        err.contains(&format!("Kill job {id} in namespace default?")),
        "{err}"
    );
    assert_eq!(env.server.count_requests(&Match::verb("patch")), 0);
    assert_eq!(env.server.count_requests(&Match::verb("delete")), 0);
    assert_eq!(job_objects(&env.server, "default", id).len(), 5);
}

#[test]
fn kill_removes_the_package_from_uploader_pods() {
    let env = Env::new();
    let mut opts = uploader::UploaderOptions::new("default");
    opts.replicas = 2;
    for object in uploader::uploader_objects(&opts)
        .unwrap()
        .to_json_values()
        .unwrap()
    {
        env.server.create(object).unwrap();
    }
    let deadline = Instant::now() + Duration::from_secs(20);
    let pods = loop {
        let pods: Vec<String> = env
            .server
            .list_selected("pods", Some("default"), uploader::POD_SELECTOR)
            .unwrap()
            .into_iter()
            .filter(|p| p["status"]["phase"] == "Running")
            .map(|p| p["metadata"]["name"].as_str().unwrap().to_string())
            .collect();
        if pods.len() == 2 {
            break pods;
        }
        assert!(Instant::now() < deadline, "uploader pods never ran");
        std::thread::sleep(Duration::from_millis(10));
    };
    let (id, other) = ("u-pkg-1", "u-pkg-2");
    seed(&env.server, &spec(id, "default"));
    seed(&env.server, &spec(other, "default"));
    for pod in &pods {
        env.server
            .put_pod_file("default", pod, &uploader::package_path(id), b"package");
        env.server
            .put_pod_file("default", pod, &uploader::package_path(other), b"other");
    }
    env.server.clear_requests();
    let output = env
        .plugin()
        .args(["kill", id, "-y", "--timeout", "1s"])
        .output()
        .unwrap();
    let (_, stderr) = texts(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("package removed from 2 uploader pods"),
        "{stderr}"
    );
    for pod in &pods {
        assert_eq!(
            env.server
                .pod_file("default", pod, &uploader::package_path(id)),
            None
        );
        assert_eq!(
            env.server
                .pod_file("default", pod, &uploader::package_path(other))
                .as_deref(),
            Some(&b"other"[..])
        );
    }
    let execs = env.server.requests_matching(&Match::resource("pods/exec"));
    assert_eq!(execs.len(), 2);
    for exec in &execs {
        assert_eq!(
            exec.command,
            ["rm", "-f", &format!("/usr/share/nginx/html/{id}.tar.gz")]
        );
        assert_eq!(
            exec.query_param("container").as_deref(),
            Some("twister2-uploader")
        );
    }
}

#[test]
fn kill_a_java_client_job() {
    let env = Env::new();
    let id = "u-java-9";
    seed_java(&env.server, &spec(id, "default"));
    wait_ready(&env.server, "default", id, 3);
    script_job_master(&env.server);
    let out = ok(env.plugin().args(["kill", id, "-y"]));
    assert_eq!(out, format!("job \"{id}\" killed\n"));
    assert!(job_objects(&env.server, "default", id).is_empty());
}

#[test]
fn kill_all_kills_every_job_concurrently() {
    let env = Env::new();
    let ids = ["u-all-1", "u-all-2", "u-all-3"];
    for id in ids {
        seed(&env.server, &spec(id, "default"));
    }
    ensure_namespace(&env.server, "elsewhere");
    seed(&env.server, &spec("u-far-4", "elsewhere"));
    let started = Instant::now();
    let out = ok(env
        .plugin()
        .args(["kill", "--all", "-y", "--timeout", "2s"]));
    // Three jobs waited for in turn would take 6 s.
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "not concurrent: {:?}",
        started.elapsed()
    );
    assert_eq!(
        out,
        "job \"u-all-1\" killed\njob \"u-all-2\" killed\njob \"u-all-3\" killed\n"
    );
    for id in ids {
        assert!(job_objects(&env.server, "default", id).is_empty());
    }
    assert_eq!(job_objects(&env.server, "elsewhere", "u-far-4").len(), 5);
    // Nothing left: --all says so and succeeds.
    let output = env.plugin().args(["kill", "--all", "-y"]).output().unwrap();
    assert!(output.status.success());
    assert_eq!(
        texts(&output).1,
        "No Twister2 jobs found in namespace default.\n"
    );
}

#[test]
fn kill_last_kills_the_remembered_job() {
    let env = Env::new();
    seed(&env.server, &spec("u-last-5", "default"));
    seed(&env.server, &spec("u-keep-6", "default"));
    remember(&env, "u-last-5");
    script_job_master(&env.server);
    let out = ok(env
        .plugin()
        .env("XDG_STATE_HOME", state_dir(&env))
        .args(["kill", "--last", "-y"]));
    assert_eq!(out, "job \"u-last-5\" killed\n");
    assert!(job_objects(&env.server, "default", "u-last-5").is_empty());
    assert_eq!(job_objects(&env.server, "default", "u-keep-6").len(), 5);
}
