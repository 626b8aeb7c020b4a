//! Waiting until a job ends (its ConfigMap is gone), watching the ConfigMap for its outcome.

use std::collections::BTreeMap;
use std::pin::pin;

use anyhow::{Result, anyhow, bail};
use futures::StreamExt;
use k8s_openapi::api::core::v1::ConfigMap;
use kube::Api;
use kube::runtime::{WatchStreamExt, watcher};

use crate::cluster::Cluster;

use super::outcome::{EndEvidence, JobOutcome, OutcomeRules};
use crate::cluster::watch_errors::{is_fatal_watch_error, watch_error_text};

/// Waits until job `job_id` ends — its ConfigMap `<jobID>` (label `t2-job`) is deleted or being
/// deleted — watching it all along, and returns the outcome it showed (see [`EndEvidence`]).
/// A ConfigMap already gone when the watch starts gives the outcome `Unknown`. No time limit:
/// wrap it in a timeout if one is needed.
pub async fn wait_for_job_end(
    cluster: &Cluster,
    job_id: &str,
    rules: &OutcomeRules,
) -> Result<JobOutcome> {
    let api: Api<ConfigMap> = Api::namespaced(cluster.client.clone(), &cluster.namespace);
    let config = crate::cluster::watch::job_objects(job_id);
    let mut stream = pin!(watcher(api, config).default_backoff());
    let mut evidence = EndEvidence::default();
    let mut present = false;
    let empty = BTreeMap::new();
    while let Some(event) = stream.next().await {
        let (config_map, deleted) = match event {
            Ok(watcher::Event::Init) => {
                present = false;
                continue;
            }
            Ok(watcher::Event::InitDone) => {
                if !present {
                    return Ok(evidence.outcome());
                }
                continue;
            }
            Ok(watcher::Event::InitApply(cm) | watcher::Event::Apply(cm)) => (cm, false),
            Ok(watcher::Event::Delete(cm)) => (cm, true),
            Err(e) => {
                if is_fatal_watch_error(&e) {
                    bail!(
                        "cannot watch the ConfigMap of job {job_id}: {}",
                        watch_error_text(cluster, &e)
                    );
                }
                continue;
            }
        };
        if config_map.metadata.name.as_deref() != Some(job_id) {
            continue;
        }
        present = true;
        evidence.observe(config_map.data.as_ref().unwrap_or(&empty), rules);
        if deleted || config_map.metadata.deletion_timestamp.is_some() {
            return Ok(evidence.outcome());
        }
    }
    Err(anyhow!(
        "the watch on the ConfigMap of job {job_id} ended unexpectedly"
    ))
}
