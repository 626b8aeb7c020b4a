//! Whole lists of a cluster-scoped kind (every node, every StorageClass) for the checks of
//! submit's pre-flight and of `setup`: a Forbidden read is kept as such, so the checks that need
//! it are skipped with a note, never failed.

use anyhow::Result;
use kube::api::{Api, ListParams};

use crate::cluster::Cluster;
use crate::manifests::fit::Lookup;

/// A cluster-scoped kind of object that can be listed.
pub trait ClusterScoped:
    kube::Resource<Scope = k8s_openapi::ClusterResourceScope, DynamicType: Default>
    + Clone
    + serde::de::DeserializeOwned
    + std::fmt::Debug
{
}

impl<K> ClusterScoped for K where
    K: kube::Resource<Scope = k8s_openapi::ClusterResourceScope, DynamicType: Default>
        + Clone
        + serde::de::DeserializeOwned
        + std::fmt::Debug
{
}

/// Every object of the cluster-scoped kind `K` in one list request, or Forbidden.
pub async fn list_all<K: ClusterScoped>(cluster: &Cluster) -> Result<Lookup<Vec<K>>> {
    match Api::<K>::all(cluster.client.clone())
        .list(&ListParams::default())
        .await
    {
        Ok(list) => Ok(Lookup::Found(list.items)),
        Err(kube::Error::Api(status)) if status.code == 403 => Ok(Lookup::Forbidden),
        Err(e) => Err(cluster.explain(e)),
    }
}

/// [`list_all`] when `wanted`.
pub async fn list_all_if<K: ClusterScoped>(
    cluster: &Cluster,
    wanted: bool,
) -> Result<Option<Lookup<Vec<K>>>> {
    if !wanted {
        return Ok(None);
    }
    list_all(cluster).await.map(Some)
}
