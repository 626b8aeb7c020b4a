//! Getting the job package into pods through the exec API: one file with a verified size and
//! an atomic rename, the web-server method (every uploader pod), and the direct method (every
//! job pod as it starts, once per pod UID, until told to stop).

use std::collections::{HashSet, VecDeque};
use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use futures::stream::FuturesUnordered;
use futures::{FutureExt, StreamExt};
use k8s_openapi::api::core::v1::Pod;
use kube::Api;
use kube::api::ListParams;
use kube::runtime::{WatchStreamExt, watcher};
use tokio::sync::mpsc;

use crate::cluster::Cluster;
use crate::cluster::exec::exec;
use crate::cluster::watch_errors::{is_fatal_watch_error, watch_error_text};
use crate::manifests::uploader;
use crate::twister2::names::{JOB_MASTER_CONTAINER, worker_container_name};
use crate::twister2::spec::MEMORY_DIR_MOUNT;

/// Attempts per file and pod before giving up (Twister2's client makes 3 too).
pub const MAX_ATTEMPTS: u32 = 3;
/// Pause after a failed attempt; doubled after each further failure.
const FIRST_BACKOFF: Duration = Duration::from_millis(200);
/// Direct method: how many pods receive the package at the same time (each upload is one
/// websocket through the API server).
pub const MAX_CONCURRENT_DELIVERIES: usize = 16;

/// Writes `bytes` to `path` in `container` of `pod`: streams them over stdin to `dd` writing a
/// hidden partial file next to `path`, checks its size with `stat`, then renames it to `path`
/// with `mv` (so a web server or a pod polling for the file never sees it half-written). Up to
/// [`MAX_ATTEMPTS`] attempts with a short backoff; the error names the pod, the container, the
/// path and the last failure.
pub async fn upload_file(
    cluster: &Cluster,
    pod: &str,
    container: &str,
    path: &str,
    bytes: &[u8],
) -> Result<()> {
    let partial = partial_path(path)?;
    let mut backoff = FIRST_BACKOFF;
    let mut last = None;
    for attempt in 1..=MAX_ATTEMPTS {
        match upload_once(cluster, pod, container, path, &partial, bytes).await {
            Ok(()) => return Ok(()),
            Err(e) => last = Some(e),
        }
        if attempt < MAX_ATTEMPTS {
            tokio::time::sleep(backoff).await;
            backoff *= 2;
        }
    }
    // Best effort: do not leave the partial file behind.
    let _ = exec(cluster, pod, container, &["rm", "-f", &partial], None).await;
    let last = last.map(|e| format!("{e:#}")).unwrap_or_default();
    Err(anyhow!(
        "cannot upload {path} ({} bytes) to container {container} of pod {pod} (namespace {}) \
         after {MAX_ATTEMPTS} attempts: {last}",
        bytes.len(),
        cluster.namespace
    ))
}

async fn upload_once(
    cluster: &Cluster,
    pod: &str,
    container: &str,
    path: &str,
    partial: &str,
    bytes: &[u8],
) -> Result<()> {
    let of = format!("of={partial}");
    let written = exec(
        cluster,
        pod,
        container,
        &["dd", &of, "bs=1M", "status=none"],
        Some(bytes),
    )
    .await?;
    if !written.success() {
        bail!("dd {}", written.failure_text());
    }
    let stat = exec(
        cluster,
        pod,
        container,
        &["stat", "-c", "%s", partial],
        None,
    )
    .await?;
    if !stat.success() {
        bail!("stat {}", stat.failure_text());
    }
    let received = parse_size(&stat.stdout_text())
        .with_context(|| format!("stat printed {:?}", stat.stdout_text()))?;
    if received != bytes.len() as u64 {
        bail!(
            "size mismatch: the pod received {received} bytes of {}",
            bytes.len()
        );
    }
    let moved = exec(cluster, pod, container, &["mv", "-f", partial, path], None).await?;
    if !moved.success() {
        bail!("mv {}", moved.failure_text());
    }
    Ok(())
}

/// `<dir>/.<name>.part` for `<dir>/<name>`.
fn partial_path(path: &str) -> Result<String> {
    match path.rsplit_once('/') {
        Some((dir, name)) if path.starts_with('/') && check_file_name(name).is_ok() => {
            Ok(format!("{dir}/.{name}.part"))
        }
        _ => bail!("invalid upload path '{path}': expected an absolute path to a file"),
    }
}

/// A file name that stays inside its directory.
fn check_file_name(name: &str) -> Result<()> {
    if name.is_empty() || name == "." || name == ".." || name.contains(['/', '\0']) {
        bail!("invalid file name '{name}': expected a plain file name");
    }
    Ok(())
}

fn parse_size(text: &str) -> Result<u64> {
    text.trim()
        .parse::<u64>()
        .map_err(|_| anyhow!("not a file size"))
}

/// The container of an uploader pod that receives packages: the one named
/// [`uploader::CONTAINER`], else the pod's only container.
pub fn uploader_container(pod: &Pod) -> Result<String> {
    let name = pod.metadata.name.as_deref().unwrap_or_default();
    let containers: Vec<&str> = pod
        .spec
        .as_ref()
        .map(|s| s.containers.iter().map(|c| c.name.as_str()).collect())
        .unwrap_or_default();
    if containers.contains(&uploader::CONTAINER) {
        return Ok(uploader::CONTAINER.to_string());
    }
    match containers.as_slice() {
        [only] => Ok(only.to_string()),
        [] => bail!("uploader pod {name} has no containers"),
        many => bail!(
            "uploader pod {name} has containers {} and none is named {}",
            many.join(", "),
            uploader::CONTAINER
        ),
    }
}

/// Web-server method: writes `<directory>/<file_name>` into every pod matching `selector`
/// (Twister2's default `app=twister2-uploader`), all pods concurrently. Every pod must succeed;
/// the error lists each pod that did not. Returns the pod names, sorted.
pub async fn upload_to_uploaders(
    cluster: &Cluster,
    selector: &str,
    directory: &str,
    file_name: &str,
    bytes: Arc<Vec<u8>>,
) -> Result<Vec<String>> {
    check_file_name(file_name)?;
    if !directory.starts_with('/') {
        bail!("invalid upload directory '{directory}': expected an absolute path");
    }
    let path = format!("{}/{file_name}", directory.trim_end_matches('/'));
    let api: Api<Pod> = Api::namespaced(cluster.client.clone(), &cluster.namespace);
    let pods = api
        .list(&ListParams::default().labels(selector))
        .await
        .map_err(|e| {
            anyhow!(
                "cannot list the uploader pods ({selector}): {}",
                cluster.explain(e)
            )
        })?;
    if pods.items.is_empty() {
        bail!(
            "no uploader pods match {selector} in namespace {}; install the package web server \
             with `kubectl twister2 setup uploader -n {}`",
            cluster.namespace,
            cluster.namespace
        );
    }
    let uploads = pods.items.iter().map(|pod| {
        let bytes = bytes.clone();
        let path = path.clone();
        async move {
            let name = pod.metadata.name.clone().unwrap_or_default();
            let result = async {
                if pod.metadata.deletion_timestamp.is_some() {
                    bail!(
                        "uploader pod {name} is being deleted; submit again once it has been \
                         replaced"
                    );
                }
                let phase = pod.status.as_ref().and_then(|s| s.phase.as_deref());
                if phase != Some("Running") {
                    bail!(
                        "uploader pod {name} is not running ({}); check it with `kubectl \
                         describe pod {name} -n {}`",
                        phase.unwrap_or("no status yet"),
                        cluster.namespace
                    );
                }
                let container = uploader_container(pod)?;
                upload_file(cluster, &name, &container, &path, &bytes).await
            }
            .await;
            (name, result)
        }
    });
    let results = futures::future::join_all(uploads).await;
    let total = results.len();
    let mut names = Vec::new();
    let mut failures = crate::exit::Problems::default();
    for (name, result) in results {
        if failures.take(result).is_some() {
            names.push(name);
        }
    }
    let failed = failures.len();
    failures.into_result(&format!(
        "the package did not reach every uploader pod ({failed} of {total} failed):"
    ))?;
    names.sort();
    Ok(names)
}

/// What happened to one pod (or the watch) during direct delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeliveryEvent {
    /// The package reached this pod.
    Delivered {
        /// Pod name.
        pod: String,
        /// Pod UID (a recreated pod has a new one and receives the package again).
        uid: String,
        /// Container it was written through.
        container: String,
    },
    /// The package could not be delivered to this pod (it is not tried again).
    Failed {
        /// Pod name.
        pod: String,
        /// Pod UID.
        uid: String,
        /// Why.
        error: String,
    },
    /// The pod watch broke; it is being re-established.
    WatchInterrupted {
        /// Why.
        error: String,
    },
}

/// A job pod ready to receive the package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryTarget {
    /// Pod name.
    pub pod: String,
    /// Pod UID.
    pub uid: String,
    /// Container to write through.
    pub container: String,
}

/// Whether a pod of job `job_id` can receive the package now. Its init script waits for the
/// file without a readiness probe, so the target container has to be started (running), not
/// ready: the job master's `twister2-job-master-0`, else the worker's `twister2-container-0`
/// (Twister2's `kubectl cp` picks the first container implicitly). The pod must be `Running`
/// and not being deleted.
///
/// `Ok(None)`: not (yet) a target; `Err`: a pod of the job that can never receive it.
pub fn delivery_target(pod: &Pod, job_id: &str) -> Result<Option<DeliveryTarget>> {
    let name = pod.metadata.name.as_deref().unwrap_or_default();
    let Some(uid) = pod.metadata.uid.as_deref() else {
        return Ok(None);
    };
    if !name.starts_with(&format!("{job_id}-")) || pod.metadata.deletion_timestamp.is_some() {
        return Ok(None);
    }
    let spec_containers: Vec<&str> = pod
        .spec
        .as_ref()
        .map(|s| s.containers.iter().map(|c| c.name.as_str()).collect())
        .unwrap_or_default();
    let worker = worker_container_name(0);
    let container = if spec_containers.contains(&JOB_MASTER_CONTAINER) {
        JOB_MASTER_CONTAINER
    } else if spec_containers.contains(&worker.as_str()) {
        worker.as_str()
    } else {
        bail!(
            "pod {name} has neither a {JOB_MASTER_CONTAINER} nor a {worker} container (it has {})",
            spec_containers.join(", ")
        );
    };
    let status = pod.status.as_ref();
    if status.and_then(|s| s.phase.as_deref()) != Some("Running") {
        return Ok(None);
    }
    let started = status
        .and_then(|s| s.container_statuses.as_ref())
        .and_then(|l| l.iter().find(|c| c.name == container))
        .and_then(|c| c.state.as_ref())
        .is_some_and(|state| state.running.is_some());
    Ok(started.then(|| DeliveryTarget {
        pod: name.to_string(),
        uid: uid.to_string(),
        container: container.to_string(),
    }))
}

/// Direct method (Twister2's `client-to-pods`): watches the pods labelled `t2-job=<job_id>` and
/// writes `/twister2-memory-dir/<file_name>` into every pod as soon as its target container runs
/// (see [`delivery_target`]), exactly once per pod UID — again for a pod recreated later, never
/// twice for the same pod however many watch events it gets. At most
/// [`MAX_CONCURRENT_DELIVERIES`] uploads run at a time. Every delivery, failure and watch
/// interruption is sent to `events` (a dropped receiver is ignored). Runs until `stop`
/// resolves (uploads still running then are abandoned); returns an error only when the watch
/// cannot continue (e.g. Forbidden).
pub async fn deliver_to_job_pods<S: Future>(
    cluster: &Cluster,
    job_id: &str,
    file_name: &str,
    bytes: Arc<Vec<u8>>,
    events: mpsc::UnboundedSender<DeliveryEvent>,
    stop: S,
) -> Result<()> {
    check_file_name(file_name)?;
    let path = format!("{MEMORY_DIR_MOUNT}/{file_name}");
    let api: Api<Pod> = Api::namespaced(cluster.client.clone(), &cluster.namespace);
    let config = crate::cluster::watch::job_objects(job_id);
    let mut pods = pin!(watcher(api, config).default_backoff());
    let mut stop = pin!(stop);
    let mut seen: HashSet<String> = HashSet::new();
    let mut queue: VecDeque<DeliveryTarget> = VecDeque::new();
    let mut running = FuturesUnordered::new();
    loop {
        while running.len() < MAX_CONCURRENT_DELIVERIES {
            let Some(target) = queue.pop_front() else {
                break;
            };
            let bytes = bytes.clone();
            let path = path.clone();
            running.push(
                async move {
                    let result =
                        upload_file(cluster, &target.pod, &target.container, &path, &bytes).await;
                    match result {
                        Ok(()) => DeliveryEvent::Delivered {
                            pod: target.pod,
                            uid: target.uid,
                            container: target.container,
                        },
                        Err(e) => DeliveryEvent::Failed {
                            pod: target.pod,
                            uid: target.uid,
                            error: format!("{e:#}"),
                        },
                    }
                }
                .boxed(),
            );
        }
        tokio::select! {
            _ = &mut stop => return Ok(()),
            Some(done) = running.next(), if !running.is_empty() => {
                let _ = events.send(done);
            }
            event = pods.next() => match event {
                Some(Ok(watcher::Event::Apply(pod) | watcher::Event::InitApply(pod))) => {
                    match delivery_target(&pod, job_id) {
                        Ok(Some(target)) => {
                            if seen.insert(target.uid.clone()) {
                                queue.push_back(target);
                            }
                        }
                        Ok(None) => {}
                        Err(e) => {
                            let uid = pod.metadata.uid.clone().unwrap_or_default();
                            if seen.insert(uid.clone()) {
                                let _ = events.send(DeliveryEvent::Failed {
                                    pod: pod.metadata.name.clone().unwrap_or_default(),
                                    uid,
                                    error: format!("{e:#}"),
                                });
                            }
                        }
                    }
                }
                Some(Ok(_)) => {}
                Some(Err(e)) => {
                    let text = watch_error_text(cluster, &e);
                    if is_fatal_watch_error(&e) {
                        bail!("cannot watch the pods of job {job_id}: {text}");
                    }
                    let _ = events.send(DeliveryEvent::WatchInterrupted { error: text });
                }
                None => bail!("the watch on the pods of job {job_id} ended unexpectedly"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(json: serde_json::Value) -> Pod {
        serde_json::from_value(json).unwrap()
    }

    fn job_pod(name: &str, containers: &[&str], phase: &str, running: &[&str]) -> Pod {
        let spec: Vec<_> = containers
            .iter()
            .map(|c| serde_json::json!({"name": c, "image": "i"}))
            .collect();
        let statuses: Vec<_> = containers
            .iter()
            .map(|c| {
                let state = if running.contains(c) {
                    serde_json::json!({"running": {"startedAt": "2024-01-01T00:00:00Z"}})
                } else {
                    serde_json::json!({"waiting": {"reason": "ContainerCreating"}})
                };
                serde_json::json!({"name": c, "image": "i", "imageID": "", "ready": false,
                    "restartCount": 0, "state": state})
            })
            .collect();
        pod(serde_json::json!({
            "metadata": {"name": name, "uid": format!("uid-{name}")},
            "spec": {"containers": spec},
            "status": {"phase": phase, "containerStatuses": statuses},
        }))
    }

    #[test]
    fn partial_file_sits_next_to_the_target() {
        assert_eq!(
            partial_path("/twister2-memory-dir/j.tar.gz").unwrap(),
            "/twister2-memory-dir/.j.tar.gz.part"
        );
        assert!(partial_path("relative/j.tar.gz").is_err());
        assert!(partial_path("/dir/").is_err());
        assert!(partial_path("/dir/..").is_err());
    }

    #[test]
    fn file_names_may_not_leave_their_directory() {
        assert!(check_file_name("u-job-1.tar.gz").is_ok());
        for bad in ["", ".", "..", "a/b", "../x", "a\0b"] {
            assert!(check_file_name(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn sizes_are_parsed_from_stat_output() {
        assert_eq!(parse_size("12345\n").unwrap(), 12345);
        assert!(parse_size("  File: x\n").is_err());
    }

    #[test]
    fn workers_receive_through_container_zero_once_it_runs() {
        let p = job_pod(
            "j-0-1",
            &["twister2-container-0", "twister2-container-1"],
            "Running",
            &["twister2-container-0"],
        );
        assert_eq!(
            delivery_target(&p, "j").unwrap(),
            Some(DeliveryTarget {
                pod: "j-0-1".into(),
                uid: "uid-j-0-1".into(),
                container: "twister2-container-0".into(),
            })
        );
        let not_started = job_pod(
            "j-0-1",
            &["twister2-container-0", "twister2-container-1"],
            "Running",
            &["twister2-container-1"],
        );
        assert_eq!(delivery_target(&not_started, "j").unwrap(), None);
        let pending = job_pod("j-0-0", &["twister2-container-0"], "Pending", &[]);
        assert_eq!(delivery_target(&pending, "j").unwrap(), None);
    }

    #[test]
    fn the_job_master_receives_through_its_own_container() {
        let p = job_pod(
            "j-jm-0",
            &["twister2-job-master-0"],
            "Running",
            &["twister2-job-master-0"],
        );
        let target = delivery_target(&p, "j").unwrap().unwrap();
        assert_eq!(target.container, "twister2-job-master-0");
    }

    #[test]
    fn deleting_foreign_and_odd_pods_are_no_targets() {
        let mut deleting = job_pod(
            "j-0-0",
            &["twister2-container-0"],
            "Running",
            &["twister2-container-0"],
        );
        deleting.metadata.deletion_timestamp =
            Some(k8s_openapi::apimachinery::pkg::apis::meta::v1::Time(
                "2024-01-01T00:00:00Z".parse().unwrap(),
            ));
        assert_eq!(delivery_target(&deleting, "j").unwrap(), None);
        let other_job = job_pod(
            "jx-0-0",
            &["twister2-container-0"],
            "Running",
            &["twister2-container-0"],
        );
        assert_eq!(delivery_target(&other_job, "j").unwrap(), None);
        let odd = job_pod("j-0-0", &["sidecar"], "Running", &["sidecar"]);
        let err = delivery_target(&odd, "j").unwrap_err().to_string();
        assert!(err.contains("j-0-0") && err.contains("sidecar"), "{err}");
    }

    #[test]
    fn uploader_container_is_the_named_one_or_the_only_one() {
        let named = job_pod("u-0", &["sidecar", "twister2-uploader"], "Running", &[]);
        assert_eq!(uploader_container(&named).unwrap(), "twister2-uploader");
        let only = job_pod("u-0", &["nginx"], "Running", &[]);
        assert_eq!(uploader_container(&only).unwrap(), "nginx");
        let many = job_pod("u-0", &["a", "b"], "Running", &[]);
        let err = uploader_container(&many).unwrap_err().to_string();
        assert!(
            err.contains("a, b") && err.contains("twister2-uploader"),
            "{err}"
        );
    }
}
