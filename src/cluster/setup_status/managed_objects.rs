//! Finding the objects `setup remove` may delete: those with the managed-by label of the chosen
//! components, one list per kind.

use std::collections::BTreeMap;

use anyhow::{Result, anyhow};
use kube::api::{Api, DynamicObject, ListParams};

use crate::cluster::Cluster;
use crate::cluster::objects::ObjectRef;
use crate::manifests::auth;
use crate::manifests::kinds::{Kind, SETUP_CLUSTER_KINDS, SETUP_NAMESPACED_KINDS};
use crate::twister2::names::{COMPONENT, MANAGED_BY, MANAGER};

/// An object `setup remove` may delete, with the component it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManagedObject {
    /// Where it is.
    pub target: ObjectRef,
    /// Its `app.kubernetes.io/component`.
    pub component: String,
}

/// The label selector of `components`' objects in the namespace.
pub fn managed_selector(components: &[&str]) -> String {
    format!(
        "{MANAGED_BY}={MANAGER},{COMPONENT} in ({})",
        components.join(",")
    )
}

/// Every object carrying the managed-by label of one of `components` (values of
/// `app.kubernetes.io/component`): in the namespace, and, for `auth`, the node ClusterRole and
/// binding made for this namespace. One list per kind, concurrently; deletion order (workloads
/// first, claims last).
pub async fn managed_objects(cluster: &Cluster, components: &[&str]) -> Result<Vec<ManagedObject>> {
    let selector = managed_selector(components);
    let mut lists = Vec::new();
    for kind in SETUP_NAMESPACED_KINDS {
        lists.push((kind, selector.clone()));
    }
    if components.contains(&auth::COMPONENT) {
        for kind in SETUP_CLUSTER_KINDS {
            lists.push((kind, auth::cluster_objects_selector(&cluster.namespace)));
        }
    }
    let found = futures::future::try_join_all(
        lists
            .iter()
            .map(|(kind, selector)| list_kind(cluster, *kind, selector)),
    )
    .await?;
    Ok(found.into_iter().flatten().collect())
}

async fn list_kind(cluster: &Cluster, kind: Kind, selector: &str) -> Result<Vec<ManagedObject>> {
    let resource = kind.resource();
    let api: Api<DynamicObject> = if kind.namespaced() {
        Api::namespaced_with(cluster.client.clone(), &cluster.namespace, &resource)
    } else {
        Api::all_with(cluster.client.clone(), &resource)
    };
    let list = api
        .list(&ListParams::default().labels(selector))
        .await
        .map_err(|e| anyhow!("cannot list {}: {}", resource.plural, cluster.explain(e)))?;
    Ok(list
        .items
        .into_iter()
        .filter_map(|object| {
            let name = object.metadata.name.clone()?;
            let labels: BTreeMap<String, String> = object.metadata.labels.unwrap_or_default();
            Some(ManagedObject {
                target: ObjectRef {
                    kind,
                    namespace: kind.namespaced().then(|| cluster.namespace.clone()),
                    name,
                },
                component: labels.get(COMPONENT).cloned().unwrap_or_default(),
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selector_names_only_managed_components() {
        assert_eq!(
            managed_selector(&["zookeeper", "uploader"]),
            "app.kubernetes.io/managed-by=kubectl-twister2,app.kubernetes.io/component in \
             (zookeeper,uploader)"
        );
    }
}
