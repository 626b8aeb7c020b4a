//! The requests a kill makes per object: the `KILL_JOB` signal, a deletion, and the removal of a
//! job package from an uploader pod.

use anyhow::{Result, anyhow};
use k8s_openapi::api::core::v1::ConfigMap;
use kube::api::{Api, Patch, PatchParams};

use super::targets::Owned;
use crate::cluster::Cluster;
use crate::cluster::exec::exec;
use crate::cluster::objects::{self, ObjectRef};
use crate::manifests::uploader;
use crate::twister2::names::KILL_JOB_KEY;
use crate::twister2::names::MANAGER;

/// Set `KILL_JOB=true` in ConfigMap `<jobID>`; `Ok(false)` when the ConfigMap is gone.
pub(super) async fn signal(cluster: &Cluster, namespace: &str, job_id: &str) -> Result<bool> {
    let api: Api<ConfigMap> = Api::namespaced(cluster.client.clone(), namespace);
    let patch = serde_json::json!({ "data": { KILL_JOB_KEY: "true" } });
    let params = PatchParams {
        field_manager: Some(MANAGER.to_string()),
        ..PatchParams::default()
    };
    match api.patch(job_id, &params, &Patch::Merge(&patch)).await {
        Ok(_) => Ok(true),
        Err(kube::Error::Api(status)) if status.code == 404 => Ok(false),
        Err(e) => Err(cluster.explain(e)),
    }
}

/// Delete one object; `Ok(false)` when it was already gone.
pub(super) async fn delete(cluster: &Cluster, namespace: &str, object: &Owned) -> Result<bool> {
    let target = ObjectRef {
        kind: object.kind,
        namespace: Some(namespace.to_string()),
        name: object.name.clone(),
    };
    objects::delete(cluster, &target, true)
        .await
        .map_err(|e| cluster.explain(e))
}

/// `rm -f PATH` in the uploader container of `pod`, as an argv (no shell).
pub(super) async fn remove_package(cluster: &Cluster, pod: &str, path: &str) -> Result<()> {
    let outcome = exec(cluster, pod, uploader::CONTAINER, &["rm", "-f", path], None).await?;
    if outcome.success() {
        Ok(())
    } else {
        Err(anyhow!("rm -f {path} {}", outcome.failure_text()))
    }
}
