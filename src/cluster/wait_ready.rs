//! Waiting for StatefulSets to be ready: one watch each (kube::runtime), a progress line each,
//! all bounded by one timeout; on timeout the error says what is still missing and why.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Result, anyhow};
use futures::StreamExt;
use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::Pod;
use kube::api::{Api, ListParams};
use kube::runtime::{WatchStreamExt, watcher};

use crate::cluster::Cluster;
use crate::cluster::errors::human_duration;
use crate::output::progress::Progress;

/// How ready a StatefulSet is, from its spec and status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Readiness {
    /// `spec.replicas` (1 when unset).
    pub desired: i32,
    /// `status.readyReplicas`.
    pub ready: i32,
    /// `status.updatedReplicas` (pods of the current template).
    pub updated: i32,
    /// The controller has seen the current spec (`observedGeneration ≥ generation`).
    pub observed: bool,
}

impl Readiness {
    /// Readiness of `sts`.
    pub fn of(sts: &StatefulSet) -> Self {
        let desired = sts.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1);
        let status = sts.status.as_ref();
        let generation = sts.metadata.generation.unwrap_or(0);
        Readiness {
            desired,
            ready: status.and_then(|s| s.ready_replicas).unwrap_or(0),
            updated: status.and_then(|s| s.updated_replicas).unwrap_or(0),
            observed: status
                .and_then(|s| s.observed_generation)
                .is_some_and(|g| g >= generation),
        }
    }

    /// Every desired pod runs the current template and is ready.
    pub fn is_ready(&self) -> bool {
        self.observed && self.ready >= self.desired && self.updated >= self.desired
    }

    /// `ready/desired`, e.g. `2/3`.
    pub fn fraction(&self) -> String {
        format!("{}/{}", self.ready.min(self.desired), self.desired)
    }

    /// The progress text: `2/3 ready`, or why it is not counted yet.
    pub fn text(&self) -> String {
        if !self.observed {
            return format!(
                "{} ready (controller has not seen the change yet)",
                self.fraction()
            );
        }
        if self.updated < self.desired && self.ready >= self.desired {
            return format!(
                "{} ready, {}/{} updated",
                self.fraction(),
                self.updated,
                self.desired
            );
        }
        format!("{} ready", self.fraction())
    }
}

/// Waits until every StatefulSet in `names` (in the cluster's namespace) is ready, showing one
/// progress line per StatefulSet; fails after `timeout` naming what is not ready and why.
pub async fn wait_for_stateful_sets(
    cluster: &Cluster,
    names: &[String],
    timeout: Duration,
    progress: &Progress,
) -> Result<()> {
    let api: Api<StatefulSet> = Api::namespaced(cluster.client.clone(), &cluster.namespace);
    let last_seen: Arc<Mutex<BTreeMap<String, StatefulSet>>> = Arc::default();
    let waits = names.iter().map(|name| {
        let line = progress.line(&format!("statefulset/{name}"));
        wait_one(cluster, api.clone(), name, line, last_seen.clone())
    });
    match tokio::time::timeout(timeout, futures::future::try_join_all(waits)).await {
        Ok(result) => result.map(|_| ()),
        Err(_) => {
            let seen = last_seen.lock().map(|m| m.clone()).unwrap_or_default();
            Err(anyhow!(
                "{}",
                timeout_message(cluster, names, &seen, timeout).await
            ))
        }
    }
}

async fn wait_one(
    cluster: &Cluster,
    api: Api<StatefulSet>,
    name: &str,
    line: crate::output::progress::Line,
    last_seen: Arc<Mutex<BTreeMap<String, StatefulSet>>>,
) -> Result<()> {
    line.set("waiting");
    let config = watcher::Config::default().fields(&format!("metadata.name={name}"));
    let mut events = watcher(api, config)
        .default_backoff()
        .applied_objects()
        .boxed();
    while let Some(event) = events.next().await {
        match event {
            Ok(sts) => {
                let readiness = Readiness::of(&sts);
                if let Ok(mut seen) = last_seen.lock() {
                    seen.insert(name.to_string(), sts);
                }
                if readiness.is_ready() {
                    line.finish(&readiness.text());
                    return Ok(());
                }
                line.set(&readiness.text());
            }
            // Not retryable: no point in waiting out the timeout.
            Err(
                watcher::Error::InitialListFailed(e @ kube::Error::Api(_))
                | watcher::Error::WatchStartFailed(e @ kube::Error::Api(_)),
            ) if is_permanent(&e) => {
                return Err(cluster
                    .explain(e)
                    .context(format!("cannot watch statefulset/{name}")));
            }
            // Transient (dropped connection, expired resourceVersion): the watcher backs off
            // and resumes.
            Err(_) => line.set("reconnecting"),
        }
    }
    Err(anyhow!(
        "the watch of statefulset/{name} ended unexpectedly"
    ))
}

fn is_permanent(error: &kube::Error) -> bool {
    matches!(error, kube::Error::Api(status) if matches!(status.code, 400 | 401 | 403 | 404))
}

async fn timeout_message(
    cluster: &Cluster,
    names: &[String],
    seen: &BTreeMap<String, StatefulSet>,
    timeout: Duration,
) -> String {
    let mut parts = Vec::new();
    for name in names {
        match seen.get(name) {
            Some(sts) => {
                let readiness = Readiness::of(sts);
                if readiness.is_ready() {
                    continue;
                }
                let mut part = format!("statefulset/{name} {}", readiness.text());
                let problems = pod_problems(cluster, sts).await;
                if !problems.is_empty() {
                    part.push_str(&format!(" ({})", problems.join("; ")));
                }
                parts.push(part);
            }
            None => parts.push(format!("statefulset/{name} was not seen")),
        }
    }
    format!(
        "timed out after {} waiting for readiness: {}; check again with `kubectl twister2 setup \
status -n {}`",
        human_duration(timeout),
        parts.join(", "),
        cluster.namespace
    )
}

/// Why the StatefulSet's pods are not ready (waiting reasons, unschedulable), from one list.
async fn pod_problems(cluster: &Cluster, sts: &StatefulSet) -> Vec<String> {
    let Some(selector) = sts
        .spec
        .as_ref()
        .and_then(|s| s.selector.match_labels.as_ref())
        .map(|labels| {
            labels
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(",")
        })
    else {
        return Vec::new();
    };
    let pods: Api<Pod> = Api::namespaced(cluster.client.clone(), &cluster.namespace);
    match pods.list(&ListParams::default().labels(&selector)).await {
        Ok(list) => list.items.iter().filter_map(pod_problem).collect(),
        Err(_) => Vec::new(),
    }
}

/// `pod-0: ImagePullBackOff: message`, or `None` for a pod that is ready or simply starting.
pub fn pod_problem(pod: &Pod) -> Option<String> {
    let name = pod.metadata.name.as_deref().unwrap_or("pod");
    let status = pod.status.as_ref()?;
    let waiting = status
        .container_statuses
        .iter()
        .flatten()
        .filter_map(|c| c.state.as_ref()?.waiting.as_ref())
        .find(|w| {
            w.reason
                .as_deref()
                .is_some_and(|r| r != "ContainerCreating" && r != "PodInitializing")
        });
    if let Some(w) = waiting {
        let reason = w.reason.as_deref().unwrap_or("Waiting");
        return Some(match w.message.as_deref() {
            Some(m) if !m.is_empty() => format!("{name}: {reason}: {m}"),
            _ => format!("{name}: {reason}"),
        });
    }
    status
        .conditions
        .iter()
        .flatten()
        .find(|c| c.type_ == "PodScheduled" && c.status == "False")
        .map(|c| {
            format!(
                "{name}: {}: {}",
                c.reason.as_deref().unwrap_or("Unschedulable"),
                c.message.as_deref().unwrap_or("")
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sts(value: serde_json::Value) -> StatefulSet {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn readiness_needs_all_replicas_updated_and_observed() {
        let base = json!({
            "metadata": {"name": "zk", "generation": 2},
            "spec": {"replicas": 3, "selector": {}, "serviceName": "zk", "template": {}},
        });
        let mut v = base.clone();
        v["status"] = json!({"replicas": 3, "readyReplicas": 2, "updatedReplicas": 3, "observedGeneration": 2});
        let r = Readiness::of(&sts(v));
        assert!(!r.is_ready());
        assert_eq!(r.text(), "2/3 ready");
        assert_eq!(r.fraction(), "2/3");

        let mut v = base.clone();
        v["status"] = json!({"replicas": 3, "readyReplicas": 3, "updatedReplicas": 3, "observedGeneration": 2});
        assert!(Readiness::of(&sts(v)).is_ready());

        // An old generation's readiness does not count.
        let mut v = base.clone();
        v["status"] = json!({"replicas": 3, "readyReplicas": 3, "updatedReplicas": 3, "observedGeneration": 1});
        let r = Readiness::of(&sts(v));
        assert!(!r.is_ready());
        assert!(r.text().contains("not seen the change"));

        // Rolling update in progress.
        let mut v = base.clone();
        v["status"] = json!({"replicas": 3, "readyReplicas": 3, "updatedReplicas": 1, "observedGeneration": 2});
        let r = Readiness::of(&sts(v));
        assert!(!r.is_ready());
        assert_eq!(r.text(), "3/3 ready, 1/3 updated");

        // No status yet.
        let r = Readiness::of(&sts(base));
        assert_eq!(r.fraction(), "0/3");
        assert!(!r.is_ready());
    }

    #[test]
    fn pod_problems_name_the_reason() {
        let pod: Pod = serde_json::from_value(json!({
            "metadata": {"name": "zk-0"},
            "status": {"containerStatuses": [{
                "name": "c", "image": "i", "imageID": "", "ready": false, "restartCount": 0,
                "state": {"waiting": {"reason": "ImagePullBackOff", "message": "no such image"}}
            }]}
        }))
        .unwrap();
        assert_eq!(
            pod_problem(&pod).unwrap(),
            "zk-0: ImagePullBackOff: no such image"
        );
        let pod: Pod = serde_json::from_value(json!({
            "metadata": {"name": "zk-1"},
            "status": {"conditions": [{"type": "PodScheduled", "status": "False",
                "reason": "Unschedulable", "message": "0/3 nodes are available"}]}
        }))
        .unwrap();
        assert_eq!(
            pod_problem(&pod).unwrap(),
            "zk-1: Unschedulable: 0/3 nodes are available"
        );
        let starting: Pod = serde_json::from_value(json!({
            "metadata": {"name": "zk-2"},
            "status": {"containerStatuses": [{
                "name": "c", "image": "i", "imageID": "", "ready": false, "restartCount": 0,
                "state": {"waiting": {"reason": "ContainerCreating"}}
            }]}
        }))
        .unwrap();
        assert_eq!(pod_problem(&starting), None);
    }
}
