//! Waiting until every pod of a job runs, with a live line per StatefulSet and stuck pods named.

use std::collections::{BTreeMap, HashMap};
use std::pin::pin;
use std::time::Duration;

use anyhow::{Result, bail};
use futures::StreamExt;
use k8s_openapi::api::core::v1::Pod;
use kube::Api;
use kube::runtime::{WatchStreamExt, watcher};

use crate::cluster::Cluster;
use crate::output::progress::Progress;
use crate::twister2::spec::JobSpec;

use super::pods::stuck_reason;
use super::sets::{expected_sets, summarize};
use super::timeout_error::{timeout_message, warning_events};
use crate::cluster::watch_errors::{is_fatal_watch_error, watch_error_text};

/// What [`wait_until_running_with`] reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WaitUpdate {
    /// The line of a StatefulSet changed ([`SetView::line`](super::SetView::line)); `done` once
    /// all its pods run.
    Set {
        /// StatefulSet name.
        statefulset: String,
        /// Its progress text.
        text: String,
        /// All its pods run.
        done: bool,
    },
    /// A pod is stuck, or stuck for a new reason (each reason is reported once per pod).
    Stuck {
        /// Pod name.
        pod: String,
        /// [`stuck_reason`].
        reason: String,
    },
}

/// Waits until every pod of the job runs, showing a live line per StatefulSet (`<jobID>-jm`,
/// `<jobID>-0`, …) on `progress` and printing each stuck pod's reason as it appears. After
/// `timeout` it returns an error naming, per StatefulSet, the pods that do not run and why.
pub async fn wait_until_running(
    cluster: &Cluster,
    job: &JobSpec,
    timeout: Duration,
    progress: &Progress,
) -> Result<()> {
    let lines: BTreeMap<String, _> = expected_sets(job)
        .into_iter()
        .map(|set| {
            let line = progress.line(&set.name);
            line.set("waiting for pods");
            (set.name, line)
        })
        .collect();
    let mut last: HashMap<String, String> = HashMap::new();
    let result = wait_until_running_with(cluster, job, timeout, |update| match update {
        WaitUpdate::Set {
            statefulset,
            text,
            done,
        } => {
            if let Some(line) = lines.get(&statefulset) {
                if done {
                    line.finish(&text);
                } else {
                    line.set(&text);
                }
            }
            last.insert(statefulset, text);
        }
        WaitUpdate::Stuck { pod, reason } => progress.println(&format!("pod {pod}: {reason}")),
    })
    .await;
    if result.is_err() {
        for (name, line) in &lines {
            line.finish(last.get(name).map_or("waiting for pods", String::as_str));
        }
    }
    result
}

/// [`wait_until_running`] reporting to a callback instead of a terminal.
pub async fn wait_until_running_with<F: FnMut(WaitUpdate)>(
    cluster: &Cluster,
    job: &JobSpec,
    timeout: Duration,
    mut on_update: F,
) -> Result<()> {
    let job_id = job.job_id.as_str();
    let sets = expected_sets(job);
    let api: Api<Pod> = Api::namespaced(cluster.client.clone(), &cluster.namespace);
    let config = crate::cluster::watch::job_objects(job_id);
    let mut stream = pin!(watcher(api, config).default_backoff());
    let mut deadline = pin!(tokio::time::sleep(timeout));
    let mut pods: BTreeMap<String, Pod> = BTreeMap::new();
    let mut listing: Option<BTreeMap<String, Pod>> = None;
    let mut listed = false;
    let mut lines: HashMap<String, String> = HashMap::new();
    let mut reasons: HashMap<String, String> = HashMap::new();
    loop {
        let event = tokio::select! {
            _ = &mut deadline => {
                let views = summarize(&sets, &pods, job_id);
                let events = warning_events(cluster).await;
                bail!("{}", timeout_message(job_id, timeout, &views, &events));
            }
            event = stream.next() => event,
        };
        match event {
            Some(Ok(watcher::Event::Init)) => listing = Some(BTreeMap::new()),
            Some(Ok(watcher::Event::InitApply(pod))) => {
                if let (Some(buffer), Some(name)) = (listing.as_mut(), pod.metadata.name.clone()) {
                    buffer.insert(name, pod);
                }
            }
            Some(Ok(watcher::Event::InitDone)) => {
                pods = listing.take().unwrap_or_default();
                listed = true;
            }
            Some(Ok(watcher::Event::Apply(pod))) => {
                if let Some(name) = pod.metadata.name.clone() {
                    pods.insert(name, pod);
                }
            }
            Some(Ok(watcher::Event::Delete(pod))) => {
                if let Some(name) = pod.metadata.name.as_deref() {
                    pods.remove(name);
                }
            }
            Some(Err(e)) => {
                if is_fatal_watch_error(&e) {
                    bail!(
                        "cannot watch the pods of job {job_id}: {}",
                        watch_error_text(cluster, &e)
                    );
                }
                continue;
            }
            None => bail!("the watch on the pods of job {job_id} ended unexpectedly"),
        }
        if !listed || listing.is_some() {
            continue;
        }
        for pod in pods.values() {
            let Some(name) = pod.metadata.name.as_deref() else {
                continue;
            };
            match stuck_reason(pod) {
                Some(reason) if reasons.get(name) != Some(&reason) => {
                    reasons.insert(name.to_string(), reason.clone());
                    on_update(WaitUpdate::Stuck {
                        pod: name.to_string(),
                        reason,
                    });
                }
                Some(_) => {}
                None => {
                    reasons.remove(name);
                }
            }
        }
        let views = summarize(&sets, &pods, job_id);
        for view in &views {
            let text = view.line();
            if lines.get(&view.name) != Some(&text) {
                lines.insert(view.name.clone(), text.clone());
                on_update(WaitUpdate::Set {
                    statefulset: view.name.clone(),
                    text,
                    done: view.counts.all_running(),
                });
            }
        }
        if views.iter().all(|v| v.counts.all_running()) {
            return Ok(());
        }
    }
}
