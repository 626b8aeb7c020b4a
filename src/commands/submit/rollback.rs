//! What a submit created, and undoing it: every created object is deleted (concurrently, without
//! grace period, a missing one counting as deleted) and the package is removed from the uploader
//! pods it reached, so a failed submit leaves nothing behind.

use std::sync::Mutex;

use anyhow::{Result, anyhow};

use crate::cluster::{Cluster, objects};
use crate::commands::submit::plan::Plan;
use crate::manifests::uploader;

/// Objects and uploads made so far (shared by concurrent creators).
#[derive(Debug, Default)]
pub struct Created {
    objects: Mutex<Vec<objects::ObjectRef>>,
    uploaded_to: Mutex<Vec<String>>,
}

impl Created {
    /// Remember a created object.
    pub fn note(&self, object: objects::ObjectRef) {
        self.objects
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(object);
    }

    /// Remember the uploader pods that received the package.
    pub fn note_uploaded(&self, pods: Vec<String>) {
        self.uploaded_to
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend(pods);
    }

    fn snapshot(&self) -> (Vec<objects::ObjectRef>, Vec<String>) {
        (
            self.objects
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone(),
            self.uploaded_to
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone(),
        )
    }
}

/// Delete everything in `created`; the error lists what could not be removed.
pub async fn undo(cluster: &Cluster, created: &Created, plan: &Plan) -> Result<()> {
    let (objects, pods) = created.snapshot();
    if objects.is_empty() && pods.is_empty() {
        return Ok(());
    }
    eprintln!(
        "rolling back job {}: deleting {} object(s){}",
        plan.spec.job_id,
        objects.len(),
        if pods.is_empty() {
            String::new()
        } else {
            format!(" and the package on {} uploader pod(s)", pods.len())
        }
    );
    let deletions = futures::future::join_all(objects.iter().map(|object| async move {
        objects::delete(cluster, object, true).await.map_err(|e| {
            format!(
                "{}: {}",
                object.display(),
                crate::cluster::errors::explain(&e, &cluster.scope())
            )
        })
    }));
    let file = format!(
        "{}/{}",
        plan.config
            .uploader_web_server_directory()
            .trim_end_matches('/'),
        crate::twister2::package::package_file_name(&plan.spec.job_id)
    );
    let removals = futures::future::join_all(pods.iter().map(|pod| {
        let file = file.clone();
        async move {
            crate::cluster::exec::exec(
                cluster,
                pod,
                uploader::CONTAINER,
                &["rm", "-f", &file],
                None,
            )
            .await
            .map_err(|e| format!("package on pod {pod}: {e:#}"))
            .and_then(|outcome| {
                if outcome.success() {
                    Ok(())
                } else {
                    Err(format!(
                        "package on pod {pod}: rm {}",
                        outcome.failure_text()
                    ))
                }
            })
        }
    }));
    let (deleted, removed) = futures::join!(deletions, removals);
    let failures: Vec<String> = deleted
        .into_iter()
        .map(|r| r.map(|_| ()))
        .chain(removed)
        .filter_map(Result::err)
        .collect();
    if failures.is_empty() {
        Ok(())
    } else {
        Err(anyhow!("could not remove {}", failures.join("; ")))
    }
}
