//! `jobs`, `describe` and `kill` run as the real binary against the fake API server, on jobs
//! rendered by the plugin's own manifests (and stripped of the plugin's labels to look like jobs
//! of Twister2's Java client).

mod describe;
mod kill;
mod list;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use fake_kube::ServerHandle;
use kubectl_twister2::manifests::job;
use kubectl_twister2::twister2::spec::{AccessMode, JobSpec, PersistentStorage};
use serde_json::{Value, json};

use crate::common::Env;

const MANAGED_LABELS: [&str; 3] = [
    "app.kubernetes.io/managed-by",
    "app.kubernetes.io/part-of",
    "app.kubernetes.io/component",
];

/// A canonical job `id` in `namespace` with a real job description in its ConfigMap.
fn spec(id: &str, namespace: &str) -> JobSpec {
    let mut spec = JobSpec::example(id);
    spec.namespace = namespace.to_string();
    spec.with_job_object().unwrap()
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

/// Where the tests keep the plugin's state (never the user's real XDG directory).
fn state_dir(env: &Env) -> PathBuf {
    env.dir.path().join("state")
}

fn remember(env: &Env, job_id: &str) {
    let dir = state_dir(env).join("kubectl-twister2");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("last-job"), format!("{job_id}\n")).unwrap();
}
