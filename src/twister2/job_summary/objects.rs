//! The objects of Twister2 jobs (`JobObjects`), label and readiness readers, and grouping per job.

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;
use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{ConfigMap, PersistentVolumeClaim, Pod, Service};
use k8s_openapi::api::networking::v1::Ingress;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use crate::twister2::names::{JOB, MANAGED_BY};

/// Everything labelled `app=twister2` (or `t2-job=<jobID>`) in the namespaces looked at.
#[derive(Debug, Clone, Default)]
pub struct JobObjects {
    /// ConfigMaps (one per job: its liveness marker).
    pub config_maps: Vec<ConfigMap>,
    /// StatefulSets (`<jobID>-jm`, `<jobID>-<i>`).
    pub stateful_sets: Vec<StatefulSet>,
    /// Services.
    pub services: Vec<Service>,
    /// Ingresses (of `--expose ingress`).
    pub ingresses: Vec<Ingress>,
    /// Pods.
    pub pods: Vec<Pod>,
    /// PersistentVolumeClaims (fetched only when needed: `describe`, `kill`).
    pub persistent_volume_claims: Vec<PersistentVolumeClaim>,
}

impl JobObjects {
    /// Every (namespace, jobID) that has at least one object other than a pod (a leftover claim
    /// counts: `kill` removes it).
    pub fn job_keys(&self) -> BTreeSet<(String, String)> {
        let metas = self
            .config_maps
            .iter()
            .map(|o| &o.metadata)
            .chain(self.stateful_sets.iter().map(|o| &o.metadata))
            .chain(self.services.iter().map(|o| &o.metadata))
            .chain(self.ingresses.iter().map(|o| &o.metadata))
            .chain(self.persistent_volume_claims.iter().map(|o| &o.metadata));
        metas.filter_map(key).collect()
    }
}

/// The `t2-job` label of an object.
pub fn job_of(meta: &ObjectMeta) -> Option<String> {
    meta.labels.as_ref()?.get(JOB).cloned()
}

fn key(meta: &ObjectMeta) -> Option<(String, String)> {
    Some((meta.namespace.clone().unwrap_or_default(), job_of(meta)?))
}

pub(super) fn has_label(meta: &ObjectMeta, key: &str) -> bool {
    meta.labels.as_ref().is_some_and(|l| l.contains_key(key))
}

/// Whether a pod is Ready (and not being deleted).
pub fn pod_ready(pod: &Pod) -> bool {
    pod.status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .is_some_and(|cs| cs.iter().any(|c| c.type_ == "Ready" && c.status == "True"))
        && pod.metadata.deletion_timestamp.is_none()
}

pub(super) fn pod_running(pod: &Pod) -> bool {
    pod.status
        .as_ref()
        .and_then(|s| s.phase.as_deref())
        .is_some_and(|p| p == "Running")
}

/// The objects of one job, borrowed from a [`JobObjects`].
#[derive(Default)]
pub(super) struct Group<'a> {
    pub(super) config_map: Option<&'a ConfigMap>,
    pub(super) stateful_sets: Vec<&'a StatefulSet>,
    pub(super) services: Vec<&'a Service>,
    pub(super) ingresses: Vec<&'a Ingress>,
    pub(super) pods: Vec<&'a Pod>,
    pub(super) claims: Vec<&'a PersistentVolumeClaim>,
    /// Non-pod objects other than claims: a group with none of them is not listed as a job.
    pub(super) main_objects: usize,
    pub(super) managed: bool,
    pub(super) created: Option<Timestamp>,
}

impl Group<'_> {
    fn note(&mut self, meta: &ObjectMeta) {
        if has_label(meta, MANAGED_BY) {
            self.managed = true;
        }
        if let Some(t) = &meta.creation_timestamp {
            let t = t.0;
            self.created = Some(self.created.map_or(t, |c| c.min(t)));
        }
    }
}

pub(super) fn group(objects: &JobObjects) -> BTreeMap<(String, String), Group<'_>> {
    let mut jobs: BTreeMap<(String, String), Group<'_>> = BTreeMap::new();
    for cm in &objects.config_maps {
        // Only the ConfigMap named after the job is its marker.
        if let Some(k) = key(&cm.metadata)
            && cm.metadata.name.as_deref() == Some(k.1.as_str())
        {
            let g = jobs.entry(k).or_default();
            g.note(&cm.metadata);
            g.config_map = Some(cm);
            g.main_objects += 1;
        }
    }
    for sts in &objects.stateful_sets {
        if let Some(k) = key(&sts.metadata) {
            let g = jobs.entry(k).or_default();
            g.note(&sts.metadata);
            g.stateful_sets.push(sts);
            g.main_objects += 1;
        }
    }
    for svc in &objects.services {
        if let Some(k) = key(&svc.metadata) {
            let g = jobs.entry(k).or_default();
            g.note(&svc.metadata);
            g.services.push(svc);
            g.main_objects += 1;
        }
    }
    for ing in &objects.ingresses {
        if let Some(k) = key(&ing.metadata) {
            let g = jobs.entry(k).or_default();
            g.note(&ing.metadata);
            g.ingresses.push(ing);
            g.main_objects += 1;
        }
    }
    for pvc in &objects.persistent_volume_claims {
        if let Some(k) = key(&pvc.metadata) {
            let g = jobs.entry(k).or_default();
            g.note(&pvc.metadata);
            g.claims.push(pvc);
        }
    }
    for pod in &objects.pods {
        // Pods are attached to jobs found through their other objects.
        if let Some(k) = key(&pod.metadata)
            && let Some(g) = jobs.get_mut(&k)
        {
            g.pods.push(pod);
        }
    }
    jobs
}
