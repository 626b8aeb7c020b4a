//! Generic writes of the objects `manifests` renders (as JSON values of any kind of the
//! registry, `manifests::kinds`): server-side apply with the `kubectl-twister2` field manager,
//! create, delete; each value finds its API endpoint from its kind, without discovery round
//! trips.

use anyhow::{Result, anyhow};
use kube::api::{Api, DeleteParams, DynamicObject, Patch, PatchParams, PostParams};
use serde_json::Value;

use crate::cluster::Cluster;
use crate::manifests::kinds::Kind;
use crate::twister2::names::MANAGER;

/// The registry kind of `apiVersion`/`kind`.
pub fn kind_of(api_version: &str, kind: &str) -> Result<Kind> {
    Kind::of(api_version, kind)
        .ok_or_else(|| anyhow!("kubectl-twister2 does not know how to write {api_version} {kind}"))
}

/// Identity of an object: enough to find and delete it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectRef {
    /// Its kind.
    pub kind: Kind,
    /// Its namespace (`None` for cluster-scoped kinds).
    pub namespace: Option<String>,
    /// Its name.
    pub name: String,
}

impl ObjectRef {
    /// The reference of a rendered object; namespaced objects default to `namespace`.
    pub fn of(object: &Value, namespace: &str) -> Result<Self> {
        let api_version = object["apiVersion"].as_str().unwrap_or_default();
        let kind = kind_of(api_version, object["kind"].as_str().unwrap_or_default())?;
        let name = object["metadata"]["name"]
            .as_str()
            .ok_or_else(|| anyhow!("a {} without metadata.name", kind.resource().kind))?
            .to_string();
        let namespace = kind.namespaced().then(|| {
            object["metadata"]["namespace"]
                .as_str()
                .unwrap_or(namespace)
                .to_string()
        });
        Ok(Self {
            kind,
            namespace,
            name,
        })
    }

    /// `kind/name` as kubectl prints it, e.g. `statefulset.apps/x`.
    pub fn display(&self) -> String {
        format!("{}/{}", self.kind, self.name)
    }

    fn api(&self, cluster: &Cluster) -> Api<DynamicObject> {
        let resource = self.kind.resource();
        match &self.namespace {
            Some(ns) => Api::namespaced_with(cluster.client.clone(), ns, &resource),
            None => Api::all_with(cluster.client.clone(), &resource),
        }
    }
}

/// Server-side apply `object` (field manager `kubectl-twister2`, forced); `dry_run` sends
/// `dryRun=All`. Returns what the server stored (or would store).
pub async fn apply(cluster: &Cluster, object: &Value, dry_run: bool) -> Result<Value> {
    let target = ObjectRef::of(object, &cluster.namespace)?;
    let mut params = PatchParams::apply(MANAGER).force();
    params.dry_run = dry_run;
    let stored = target
        .api(cluster)
        .patch(&target.name, &params, &Patch::Apply(object))
        .await
        .map_err(|e| {
            cluster
                .explain(e)
                .context(format!("cannot apply {}", target.display()))
        })?;
    Ok(serde_json::to_value(stored)?)
}

/// Create `object`; fails with the server's error (409 when it exists).
pub async fn create(
    cluster: &Cluster,
    object: &Value,
    dry_run: bool,
) -> Result<Value, kube::Error> {
    let target =
        ObjectRef::of(object, &cluster.namespace).map_err(|e| kube::Error::Service(e.into()))?;
    let dynamic: DynamicObject =
        serde_json::from_value(object.clone()).map_err(kube::Error::SerdeError)?;
    let params = PostParams {
        dry_run,
        field_manager: Some(MANAGER.to_string()),
    };
    let stored = target.api(cluster).create(&params, &dynamic).await?;
    serde_json::to_value(stored).map_err(kube::Error::SerdeError)
}

/// Delete the object; `Ok(false)` when it did not exist. Dependents are deleted in the
/// background (the server's garbage collector), without a grace period when `immediately`.
pub async fn delete(
    cluster: &Cluster,
    target: &ObjectRef,
    immediately: bool,
) -> Result<bool, kube::Error> {
    let mut params = DeleteParams::background();
    if immediately {
        params = params.grace_period(0);
    }
    match target.api(cluster).delete(&target.name, &params).await {
        Ok(_) => Ok(true),
        Err(kube::Error::Api(status)) if status.code == 404 => Ok(false),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn refs_of_namespaced_and_cluster_objects() {
        let sts =
            json!({"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "j-0"}});
        let r = ObjectRef::of(&sts, "jobs").unwrap();
        assert_eq!(r.namespace.as_deref(), Some("jobs"));
        assert_eq!(r.display(), "statefulset.apps/j-0");
        let cr = json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "n"}});
        assert_eq!(ObjectRef::of(&cr, "jobs").unwrap().namespace, None);
        let odd = json!({"apiVersion": "v1", "kind": "Widget", "metadata": {"name": "n"}});
        assert!(ObjectRef::of(&odd, "jobs").is_err());
    }
}
