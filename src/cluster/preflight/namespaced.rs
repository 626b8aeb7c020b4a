//! Pre-flight's reads in the job's namespace: the namespace itself, leftovers of the jobID, the
//! Secrets the pods need, uploader pods, the `setup` Services, a restart's kept claim and the
//! `--volume` claims. A read the caller may not make is skipped: the access reviews name the
//! missing right.

use std::collections::BTreeMap;

use anyhow::Result;
use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{
    ConfigMap, Namespace, PersistentVolumeClaim, Pod, Secret, Service,
};
use kube::api::{Api, ListParams};

use super::is_status;
use crate::cluster::Cluster;
use crate::manifests::fit::Lookup;
use crate::twister2::names::job_selector;

/// Secret types the kubelet reads registry credentials from.
const PULL_SECRET_TYPES: [&str; 2] = ["kubernetes.io/dockerconfigjson", "kubernetes.io/dockercfg"];

/// The problem when the namespace does not exist.
pub(super) async fn namespace(cluster: &Cluster) -> Result<Option<String>> {
    let ns = cluster.namespace.as_str();
    match Api::<Namespace>::all(cluster.client.clone()).get(ns).await {
        Ok(_) => Ok(None),
        Err(e) if is_status(&e, 404) => Ok(Some(format!(
            "namespace \"{ns}\" does not exist (create it with `kubectl create namespace {ns}`)"
        ))),
        // A submitter may not read namespaces: the first write will say if it is missing.
        Err(e) if is_status(&e, 403) => Ok(None),
        Err(e) => Err(cluster.explain(e)),
    }
}

/// The problem when objects of the jobID exist already.
pub(super) async fn leftovers(cluster: &Cluster, job_id: &str) -> Result<Option<String>> {
    let ns = cluster.namespace.as_str();
    let client = cluster.client.clone();
    let by_job = ListParams::default().labels(&job_selector(job_id));
    let config_maps = Api::<ConfigMap>::namespaced(client.clone(), ns);
    let services = Api::<Service>::namespaced(client.clone(), ns);
    let stateful_sets = Api::<StatefulSet>::namespaced(client, ns);
    let (cms, svcs, stss) = match futures::try_join!(
        config_maps.list_metadata(&by_job),
        services.list_metadata(&by_job),
        stateful_sets.list_metadata(&by_job),
    ) {
        Ok(lists) => lists,
        Err(e) if is_status(&e, 403) => return Ok(None),
        Err(e) => return Err(cluster.explain(e)),
    };
    let named = |kind: &str, meta: &kube::api::ObjectMeta| {
        format!("{kind}/{}", meta.name.clone().unwrap_or_default())
    };
    let names: Vec<String> = cms
        .items
        .iter()
        .map(|o| named("configmap", &o.metadata))
        .chain(svcs.items.iter().map(|o| named("service", &o.metadata)))
        .chain(stss.items.iter().map(|o| named("statefulset", &o.metadata)))
        .collect();
    Ok((!names.is_empty()).then(|| {
        format!(
            "objects of job {job_id} already exist in namespace \"{ns}\": {} (kill it first, or \
choose another --job-id)",
            names.join(", ")
        )
    }))
}

/// The problem when the OpenMPI SSH Secret is missing.
pub(super) async fn openmpi_secret(
    cluster: &Cluster,
    name: Option<&str>,
) -> Result<Option<String>> {
    let Some(name) = name else {
        return Ok(None);
    };
    let ns = cluster.namespace.as_str();
    match Api::<Secret>::namespaced(cluster.client.clone(), ns)
        .get_metadata(name)
        .await
    {
        Ok(_) => Ok(None),
        Err(e) if is_status(&e, 404) => Ok(Some(format!(
            "the OpenMPI SSH Secret \"{name}\" does not exist in namespace \"{ns}\"; create it \
with `kubectl twister2 setup openmpi-secret -n {ns}`"
        ))),
        Err(e) if is_status(&e, 403) => Ok(None),
        Err(e) => Err(cluster.explain(e)),
    }
}

/// The problem when the image pull Secret is missing or holds no registry credentials. The
/// Secret's data is read only for its type and never shown.
pub(super) async fn pull_secret(cluster: &Cluster, name: Option<&str>) -> Result<Option<String>> {
    let Some(name) = name else {
        return Ok(None);
    };
    let ns = cluster.namespace.as_str();
    match Api::<Secret>::namespaced(cluster.client.clone(), ns)
        .get(name)
        .await
    {
        Ok(secret) => {
            let kind = secret.type_.unwrap_or_else(|| "Opaque".to_string());
            Ok((!PULL_SECRET_TYPES.contains(&kind.as_str())).then(|| {
                format!(
                    "the image pull Secret \"{name}\" is of type {kind}, but the kubelet reads \
registry credentials only from {} Secrets; recreate it with `kubectl create secret \
docker-registry {name} -n {ns} …`",
                    PULL_SECRET_TYPES.join(" or ")
                )
            }))
        }
        Err(e) if is_status(&e, 404) => Ok(Some(format!(
            "the image pull Secret \"{name}\" does not exist in namespace \"{ns}\" (kubectl \
create secret docker-registry {name} -n {ns} …)"
        ))),
        // Submitters may read only the OpenMPI Secret: the kubelet will say.
        Err(e) if is_status(&e, 403) => Ok(None),
        Err(e) => Err(cluster.explain(e)),
    }
}

/// Names of the running (not deleted) pods that `selector` selects.
pub(super) async fn uploader_pods(
    cluster: &Cluster,
    selector: Option<&str>,
) -> Result<Vec<String>> {
    let Some(selector) = selector else {
        return Ok(Vec::new());
    };
    match Api::<Pod>::namespaced(cluster.client.clone(), &cluster.namespace)
        .list_metadata(&ListParams::default().labels(selector))
        .await
    {
        Ok(list) => Ok(list
            .items
            .into_iter()
            .filter(|p| p.metadata.deletion_timestamp.is_none())
            .filter_map(|p| p.metadata.name)
            .collect()),
        // The access reviews report `list pods` as missing.
        Err(e) if is_status(&e, 403) => Ok(Vec::new()),
        Err(e) => Err(cluster.explain(e)),
    }
}

/// Whether the Service `name` exists (when `wanted`).
pub(super) async fn service_exists(cluster: &Cluster, name: &str, wanted: bool) -> Result<bool> {
    if !wanted {
        return Ok(false);
    }
    match Api::<Service>::namespaced(cluster.client.clone(), &cluster.namespace)
        .get_metadata(name)
        .await
    {
        Ok(_) => Ok(true),
        Err(e) if is_status(&e, 404) || is_status(&e, 403) => Ok(false),
        Err(e) => Err(cluster.explain(e)),
    }
}

/// The problem when a restart's kept claim is gone or going.
pub(super) async fn kept_claim(cluster: &Cluster, name: Option<&str>) -> Result<Option<String>> {
    let Some(name) = name else {
        return Ok(None);
    };
    let ns = cluster.namespace.as_str();
    match Api::<PersistentVolumeClaim>::namespaced(cluster.client.clone(), ns)
        .get_metadata(name)
        .await
    {
        Ok(claim) if claim.metadata.deletion_timestamp.is_some() => Ok(Some(format!(
            "the job's persistent volume claim \"{name}\" is being deleted, so its checkpoints \
are gone; submit the job afresh instead"
        ))),
        Ok(_) => Ok(None),
        Err(e) if is_status(&e, 404) => Ok(Some(format!(
            "the job's persistent volume claim \"{name}\" does not exist in namespace \"{ns}\", \
so there are no checkpoints to restore from (Twister2 keeps it only when a checkpointed job \
FAILED; kill and clear delete it); submit the job afresh instead"
        ))),
        // The access reviews report `get persistentvolumeclaims` as missing.
        Err(e) if is_status(&e, 403) => Ok(None),
        Err(e) => Err(cluster.explain(e)),
    }
}

/// Each named claim, concurrently.
pub(super) async fn claims(
    cluster: &Cluster,
    names: &[String],
) -> Result<BTreeMap<String, Lookup<PersistentVolumeClaim>>> {
    let api = Api::<PersistentVolumeClaim>::namespaced(cluster.client.clone(), &cluster.namespace);
    let reads = futures::future::join_all(names.iter().map(|name| {
        let api = api.clone();
        async move { (name.clone(), api.get(name).await) }
    }))
    .await;
    let mut found = BTreeMap::new();
    for (name, read) in reads {
        let lookup = match read {
            Ok(claim) => Lookup::Found(claim),
            Err(e) if is_status(&e, 404) => Lookup::NotFound,
            Err(e) if is_status(&e, 403) => Lookup::Forbidden,
            Err(e) => return Err(cluster.explain(e)),
        };
        found.insert(name, lookup);
    }
    Ok(found)
}
