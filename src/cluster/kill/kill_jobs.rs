//! Killing jobs: signal each job master, wait for it within the time limit, delete what is
//! left and remove the package, reporting how each job was cleaned up.

use std::collections::BTreeSet;
use std::time::Duration;

use anyhow::{Result, anyhow};
use futures::future;
use k8s_openapi::api::core::v1::Pod;
use tokio::sync::watch;
use tokio::time::Instant;

use super::requests::remove_s3_package;
use super::requests::{delete, remove_package, signal};
use super::steps::{OnStep, Step};
use super::targets::{JobToKill, Kind, Owned};
use super::tracking::{Watched, track};
use crate::cluster::Cluster;
use crate::manifests::uploader;

/// How to kill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KillOptions {
    /// How long the job masters get to clean up before the plugin deletes what is left.
    pub timeout: Duration,
    /// Keep the jobs' claims.
    pub keep_data: bool,
}

/// How a job's objects went away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cleanup {
    /// Its job master deleted them after the signal.
    JobMaster,
    /// Its job master did not finish within the time limit; the plugin deleted the rest.
    AfterTimeout,
    /// The plugin deleted them without signalling (no ConfigMap, `--keep-data` with a claim, or
    /// the signal could not be sent).
    Direct,
}

/// What happened to one job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KillReport {
    /// The jobID.
    pub job_id: String,
    /// Who removed its objects.
    pub cleanup: Cleanup,
    /// Objects the plugin deleted itself.
    pub deleted: Vec<String>,
    /// Objects kept (`--keep-data`).
    pub kept: Vec<String>,
    /// Uploader pods the package was removed from.
    pub package_removed_from: Vec<String>,
    /// The S3 object of the package, when it was removed.
    pub s3_package_removed: Option<String>,
    /// Clean-up steps that failed although the job was killed (its S3 package not removed).
    pub warnings: Vec<String>,
}

/// Kill `jobs` (all in the cluster's namespace), concurrently. `uploader_pods` are the pods of
/// the package web server. Returns one result per job, in the order given.
pub async fn kill_jobs(
    cluster: &Cluster,
    jobs: &[JobToKill],
    uploader_pods: &[Pod],
    opts: KillOptions,
    on_step: OnStep<'_>,
) -> Vec<Result<KillReport>> {
    let namespace = cluster.namespace.as_str();
    let uploaders: Vec<String> = uploader_pods
        .iter()
        .filter(|p| p.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Running"))
        .filter_map(|p| p.metadata.name.clone())
        .collect();
    let (tx, rx) = watch::channel(Watched {
        left: jobs
            .iter()
            .map(|j| (j.job_id.clone(), j.objects.clone()))
            .collect(),
        problem: None,
    });
    let deadline = Instant::now() + opts.timeout;
    // The watch streams do not end; if they ever did, the kills still run to their deadline.
    let tracker = async {
        track(cluster, namespace, jobs, &tx, on_step).await;
        future::pending::<()>().await;
    };
    let kills = future::join_all(jobs.iter().map(|job| {
        kill_one(
            cluster,
            namespace,
            job,
            &uploaders,
            opts,
            deadline,
            rx.clone(),
            on_step,
        )
    }));
    tokio::select! {
        results = kills => results,
        () = tracker => Vec::new(),
    }
}

#[allow(clippy::too_many_arguments)]
async fn kill_one(
    cluster: &Cluster,
    namespace: &str,
    job: &JobToKill,
    uploaders: &[String],
    opts: KillOptions,
    deadline: Instant,
    mut rx: watch::Receiver<Watched>,
    on_step: OnStep<'_>,
) -> Result<KillReport> {
    let id = job.job_id.as_str();
    let keep_claim = opts.keep_data && job.has_claim();
    let mut left = job.objects.clone();
    let cleanup = if keep_claim {
        on_step(
            id,
            Step::NotSignalled(format!(
                "keeping claim {id}: not signalling the job master (Twister2's job master deletes \
the claim); deleting the other objects directly"
            )),
        );
        Cleanup::Direct
    } else if !job.has_config_map {
        on_step(
            id,
            Step::NotSignalled(
                "ConfigMap gone: no job master to signal; deleting what is left".to_string(),
            ),
        );
        Cleanup::Direct
    } else {
        match signal(cluster, namespace, id).await {
            Ok(true) => {
                on_step(
                    id,
                    Step::Signalled {
                        timeout: opts.timeout,
                    },
                );
                let finished = tokio::time::timeout_at(
                    deadline,
                    rx.wait_for(|w| w.left.get(id).is_none_or(BTreeSet::is_empty)),
                )
                .await
                .is_ok_and(|r| r.is_ok());
                let watched = rx.borrow().clone();
                left = watched.left.get(id).cloned().unwrap_or_default();
                if finished && left.is_empty() {
                    on_step(id, Step::CleanedUpByJobMaster);
                    Cleanup::JobMaster
                } else {
                    on_step(
                        id,
                        Step::TimedOut {
                            timeout: opts.timeout,
                            left: left.len(),
                            watch_problem: watched.problem,
                        },
                    );
                    Cleanup::AfterTimeout
                }
            }
            Ok(false) => {
                on_step(
                    id,
                    Step::NotSignalled(
                        "ConfigMap gone: no job master to signal; deleting what is left"
                            .to_string(),
                    ),
                );
                Cleanup::Direct
            }
            Err(why) => {
                on_step(
                    id,
                    Step::NotSignalled(format!(
                        "cannot signal the job master ({why}); deleting the objects directly"
                    )),
                );
                Cleanup::Direct
            }
        }
    };
    let (kept, to_delete): (Vec<Owned>, Vec<Owned>) = left
        .into_iter()
        .partition(|o| keep_claim && o.kind == Kind::PersistentVolumeClaim);
    let mut problems = Vec::new();
    if !to_delete.is_empty() {
        on_step(
            id,
            Step::Deleting {
                count: to_delete.len(),
            },
        );
    }
    let deletions = future::join_all(to_delete.iter().map(|o| delete(cluster, namespace, o))).await;
    let mut deleted = Vec::new();
    for (object, result) in to_delete.iter().zip(deletions) {
        match result {
            Ok(true) => deleted.push(object.to_string()),
            Ok(false) => {}
            Err(e) => problems.push(format!("cannot delete {object}: {e}")),
        }
    }
    let mut kept: Vec<String> = kept.iter().map(ToString::to_string).collect();
    let mut package_removed_from = Vec::new();
    let mut s3_package_removed = None;
    let mut warnings = Vec::new();
    if let Some(object) = &job.s3_package {
        // S3 job: the package is in S3, not on the uploader pods.
        if opts.keep_data {
            kept.push(object.clone());
        } else {
            on_step(
                id,
                Step::RemovingS3Package {
                    object: object.clone(),
                },
            );
            match remove_s3_package(id, object).await {
                Ok(()) => s3_package_removed = Some(object.clone()),
                // With the objects gone the job is killed: the package left is a warning.
                Err(e) if problems.is_empty() => warnings.push(format!("{e:#}")),
                Err(e) => problems.push(format!("{e:#}")),
            }
        }
    } else if job.upload_method.as_deref() != Some("client-to-pods") && !uploaders.is_empty() {
        on_step(
            id,
            Step::RemovingPackage {
                pods: uploaders.len(),
            },
        );
        let path = uploader::package_path(id);
        let removals = future::join_all(
            uploaders
                .iter()
                .map(|pod| remove_package(cluster, pod, &path)),
        )
        .await;
        for (pod, result) in uploaders.iter().zip(removals) {
            match result {
                Ok(()) => package_removed_from.push(pod.clone()),
                Err(e) => problems.push(format!(
                    "cannot remove the job package {path} from uploader pod {pod}: {e}"
                )),
            }
        }
    }
    if !problems.is_empty() {
        return Err(anyhow!(problems.join("; ")));
    }
    Ok(KillReport {
        job_id: id.to_string(),
        cleanup,
        deleted,
        kept,
        package_removed_from,
        s3_package_removed,
        warnings,
    })
}
