//! `setup auth|openmpi-secret|zookeeper|dashboard|uploader|all|status|remove` and `dashboard`
//! against the fake API server: what lands where, idempotence, dry runs, waits, the key
//! handling, the report, removal by label, and the submitter Role under enforced RBAC.

mod apply;
mod auth;
mod dashboard;
mod openmpi_secret;
mod remove;
mod rendering;
mod status;

use serde_json::{Value, json};

use crate::common::{Env, put_storage_class, texts};

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

/// A fake cluster with namespace `team-a` (and its `default` ServiceAccount) and a default
/// StorageClass `standard`, as clusters come.
fn env() -> Env {
    let env = Env::new();
    add_namespace(&env, NS);
    put_storage_class(&env, "standard", true);
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

fn secret_text(secret: &Value, key: &str) -> String {
    use base64::Engine as _;
    let b64 = secret["data"][key].as_str().unwrap();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap();
    String::from_utf8(bytes).unwrap()
}
