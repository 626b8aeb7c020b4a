//! What a submit created, and undoing it: every created object is deleted (concurrently, without
//! grace period, a missing one counting as deleted) and the package is removed from the uploader
//! pods it reached, or from S3 (`aws s3 rm`), so a failed submit leaves nothing behind.

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
    s3_object: Mutex<Option<String>>,
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

    /// Remember the S3 object the package is being (or was) copied to.
    pub fn note_s3(&self, object: String) {
        *self.s3_object.lock().unwrap_or_else(|e| e.into_inner()) = Some(object);
    }

    /// Forget the S3 object: its copy failed, so there is nothing to remove.
    pub fn forget_s3(&self) {
        *self.s3_object.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    fn s3(&self) -> Option<String> {
        self.s3_object
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
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
    let s3_object = created.s3();
    if objects.is_empty() && pods.is_empty() && s3_object.is_none() {
        return Ok(());
    }
    eprintln!(
        "rolling back job {}: deleting {} object(s){}{}",
        plan.spec.job_id,
        objects.len(),
        if pods.is_empty() {
            String::new()
        } else {
            format!(" and the package on {} uploader pod(s)", pods.len())
        },
        match &s3_object {
            Some(object) => format!(" and the package {object}"),
            None => String::new(),
        }
    );
    let deletions = futures::future::join_all(objects.iter().map(|object| async move {
        objects::delete(cluster, object, true)
            .await
            .map_err(|e| format!("{}: {}", object.display(), cluster.explain(e)))
    }));
    let file = format!(
        "{}/{}",
        plan.config
            .uploader_web_server_directory()
            .trim_end_matches('/'),
        crate::twister2::names::package_file_name(&plan.spec.job_id)
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
    let s3_removal = async {
        let Some(object) = &s3_object else {
            return Ok(());
        };
        let removed = match crate::cluster::s3::Aws::locate() {
            Ok(aws) => aws.remove(object).await,
            Err(e) => Err(e),
        };
        removed.map_err(|e| format!("package {object}: {e:#}"))
    };
    let (deleted, removed, s3_removed) = futures::join!(deletions, removals, s3_removal);
    let failures: Vec<String> = deleted
        .into_iter()
        .map(|r| r.map(|_| ()))
        .chain(removed)
        .chain(std::iter::once(s3_removed))
        .filter_map(Result::err)
        .collect();
    if failures.is_empty() {
        Ok(())
    } else {
        Err(anyhow!("could not remove {}", failures.join("; ")))
    }
}
