//! What `clear` needs from the cluster: the jobs still running (the names of the ConfigMaps
//! labelled `app=twister2`, as Twister2's `clearall` counts them), the jobs' claims, and their
//! deletion.

use std::collections::BTreeSet;

use anyhow::Result;
use k8s_openapi::api::core::v1::{ConfigMap, PersistentVolumeClaim};
use kube::api::{Api, DeleteParams, ListParams};

use crate::cluster::Cluster;
use crate::twister2::names::all_jobs_selector;

/// The running jobs and the jobs' claims of the namespace, read concurrently.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClearState {
    /// jobIDs whose ConfigMap exists.
    pub running: BTreeSet<String>,
    /// Names of claims labelled `app=twister2` (a job's claim is named after it), not being
    /// deleted.
    pub claims: BTreeSet<String>,
}

/// One list of ConfigMaps and one of claims, concurrently.
pub async fn read_state(cluster: &Cluster) -> Result<ClearState> {
    let params = ListParams::default().labels(&all_jobs_selector());
    let config_maps = Api::<ConfigMap>::namespaced(cluster.client.clone(), &cluster.namespace);
    let claims =
        Api::<PersistentVolumeClaim>::namespaced(cluster.client.clone(), &cluster.namespace);
    let (maps, pvcs) = futures::join!(
        config_maps.list_metadata(&params),
        claims.list_metadata(&params)
    );
    let maps = maps.map_err(|e| cluster.explain(e))?;
    let pvcs = pvcs.map_err(|e| cluster.explain(e))?;
    Ok(ClearState {
        running: maps
            .items
            .into_iter()
            .filter_map(|m| m.metadata.name)
            .collect(),
        claims: pvcs
            .items
            .into_iter()
            .filter(|c| c.metadata.deletion_timestamp.is_none())
            .filter_map(|c| c.metadata.name)
            .collect(),
    })
}

/// Deletes the claims `names` concurrently; the ones that could not be deleted, with why (a
/// claim already gone counts as deleted).
pub async fn delete_claims(cluster: &Cluster, names: &[String]) -> Vec<(String, String)> {
    let api = Api::<PersistentVolumeClaim>::namespaced(cluster.client.clone(), &cluster.namespace);
    let results = futures::future::join_all(names.iter().map(|name| {
        let api = api.clone();
        async move {
            match api.delete(name, &DeleteParams::default()).await {
                Ok(_) => None,
                Err(kube::Error::Api(status)) if status.code == 404 => None,
                Err(e) => Some((name.clone(), format!("{:#}", cluster.explain(e)))),
            }
        }
    }))
    .await;
    results.into_iter().flatten().collect()
}
