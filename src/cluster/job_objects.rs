//! Fetching the objects of Twister2 jobs (labelled `app=twister2`, or `t2-job=<jobID>` for
//! chosen jobs) in one namespace or all: ONE list call per kind — ConfigMaps, StatefulSets,
//! Services, Ingresses, Pods, and claims, events and uploader pods when asked — all at once,
//! whatever the number of jobs.

use std::fmt::Debug;

use anyhow::Result;
use k8s_openapi::NamespaceResourceScope;
use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{ConfigMap, Event, PersistentVolumeClaim, Pod, Service};
use k8s_openapi::api::networking::v1::Ingress;
use kube::api::{Api, ListParams};
use serde::de::DeserializeOwned;

use crate::cluster::Cluster;
use crate::manifests::uploader::POD_SELECTOR as UPLOADER_POD_SELECTOR;
use crate::twister2::job_summary::JobObjects;
use crate::twister2::names::{JOB, all_jobs_selector};

/// Where to look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'a> {
    /// One namespace.
    Namespace(&'a str),
    /// Every namespace (`-A`).
    AllNamespaces,
}

/// Which jobs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Jobs<'a> {
    /// Every Twister2 job (`app=twister2`).
    All,
    /// These jobIDs (`t2-job in (…)`).
    Ids(&'a [String]),
}

impl Jobs<'_> {
    /// The label selector.
    pub fn selector(&self) -> String {
        match self {
            Jobs::All => all_jobs_selector(),
            Jobs::Ids([one]) => format!("{JOB}={one}"),
            Jobs::Ids(ids) => format!("{JOB} in ({})", ids.join(",")),
        }
    }
}

/// The optional lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Extras {
    /// PersistentVolumeClaims of the jobs.
    pub claims: bool,
    /// Every core/v1 Event of the namespace (filtered by involved object later).
    pub events: bool,
    /// Pods of the package web server (`app=twister2-uploader`).
    pub uploader_pods: bool,
}

/// What one fetch returned.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// The jobs' objects.
    pub objects: JobObjects,
    /// Events (when asked).
    pub events: Vec<Event>,
    /// Uploader pods (when asked).
    pub uploader_pods: Vec<Pod>,
    /// Lists that were not essential and failed (Ingresses, Events): say so, carry on.
    pub warnings: Vec<String>,
}

fn api<K>(cluster: &Cluster, scope: Scope<'_>) -> Api<K>
where
    K: kube::Resource<Scope = NamespaceResourceScope, DynamicType = ()>,
{
    match scope {
        Scope::Namespace(ns) => Api::namespaced(cluster.client.clone(), ns),
        Scope::AllNamespaces => Api::all(cluster.client.clone()),
    }
}

async fn list<K>(cluster: &Cluster, scope: Scope<'_>, selector: &str) -> Result<Vec<K>, kube::Error>
where
    K: kube::Resource<Scope = NamespaceResourceScope, DynamicType = ()>
        + Clone
        + DeserializeOwned
        + Debug,
{
    let params = if selector.is_empty() {
        ListParams::default()
    } else {
        ListParams::default().labels(selector)
    };
    Ok(api::<K>(cluster, scope).list(&params).await?.items)
}

/// `Ok(None)` when the list is optional and failed with 403/404 (the caller warns).
async fn optional<K>(
    cluster: &Cluster,
    scope: Scope<'_>,
    selector: &str,
    wanted: bool,
) -> Result<Result<Vec<K>, String>>
where
    K: kube::Resource<Scope = NamespaceResourceScope, DynamicType = ()>
        + Clone
        + DeserializeOwned
        + Debug,
{
    if !wanted {
        return Ok(Ok(Vec::new()));
    }
    match list::<K>(cluster, scope, selector).await {
        Ok(items) => Ok(Ok(items)),
        Err(kube::Error::Api(status)) if matches!(status.code, 403 | 404) => {
            Ok(Err(cluster.explain(kube::Error::Api(status)).to_string()))
        }
        Err(e) => Err(cluster.explain(e)),
    }
}

async fn required<K>(
    cluster: &Cluster,
    scope: Scope<'_>,
    selector: &str,
    wanted: bool,
) -> Result<Vec<K>>
where
    K: kube::Resource<Scope = NamespaceResourceScope, DynamicType = ()>
        + Clone
        + DeserializeOwned
        + Debug,
{
    if !wanted {
        return Ok(Vec::new());
    }
    list::<K>(cluster, scope, selector)
        .await
        .map_err(|e| cluster.explain(e))
}

/// List the objects of `jobs` in `scope`, one request per kind, all concurrently. Ingresses and
/// Events are optional: when the server refuses them (403, or 404 without the API) the listing
/// goes on without them and says so in [`Listing::warnings`].
pub async fn fetch(
    cluster: &Cluster,
    scope: Scope<'_>,
    jobs: Jobs<'_>,
    extras: Extras,
) -> Result<Listing> {
    let selector = jobs.selector();
    let selector = selector.as_str();
    let (config_maps, stateful_sets, services, pods, claims, ingresses, events, uploader_pods) = futures::try_join!(
        required::<ConfigMap>(cluster, scope, selector, true),
        required::<StatefulSet>(cluster, scope, selector, true),
        required::<Service>(cluster, scope, selector, true),
        required::<Pod>(cluster, scope, selector, true),
        required::<PersistentVolumeClaim>(cluster, scope, selector, extras.claims),
        optional::<Ingress>(cluster, scope, selector, true),
        optional::<Event>(cluster, scope, "", extras.events),
        required::<Pod>(cluster, scope, UPLOADER_POD_SELECTOR, extras.uploader_pods),
    )?;
    let mut warnings = Vec::new();
    let ingresses = ingresses.unwrap_or_else(|why| {
        warnings.push(format!("Ingresses not shown: {why}"));
        Vec::new()
    });
    let events = events.unwrap_or_else(|why| {
        warnings.push(format!("events not shown: {why}"));
        Vec::new()
    });
    Ok(Listing {
        objects: JobObjects {
            config_maps,
            stateful_sets,
            services,
            ingresses,
            pods,
            persistent_volume_claims: claims,
        },
        events,
        uploader_pods,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors() {
        assert_eq!(Jobs::All.selector(), "app=twister2");
        let one = ["u-a-1".to_string()];
        assert_eq!(Jobs::Ids(&one).selector(), "t2-job=u-a-1");
        let two = ["u-a-1".to_string(), "u-b-2".to_string()];
        assert_eq!(Jobs::Ids(&two).selector(), "t2-job in (u-a-1,u-b-2)");
    }
}
