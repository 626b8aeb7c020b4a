//! The requests a kill makes per object: the `KILL_JOB` signal, a deletion, the removal of a
//! job package from an uploader pod, and the removal of the S3 object of a job's package (S3
//! upload method: the object named by the annotation of the job's ConfigMap, accepted only when
//! it is the package of that job).

use anyhow::{Result, anyhow};
use k8s_openapi::api::core::v1::ConfigMap;
use kube::api::{Api, Patch, PatchParams};

use super::targets::Owned;
use crate::cluster::Cluster;
use crate::cluster::exec::exec;
use crate::cluster::objects::{self, ObjectRef};
use crate::cluster::s3::Aws;
use crate::manifests::uploader;
use crate::twister2::names::KILL_JOB_KEY;
use crate::twister2::names::MANAGER;

/// Set `KILL_JOB=true` in ConfigMap `<jobID>`; `Ok(false)` when the ConfigMap is gone.
pub(super) async fn signal(cluster: &Cluster, namespace: &str, job_id: &str) -> Result<bool> {
    let api: Api<ConfigMap> = Api::namespaced(cluster.client.clone(), namespace);
    let patch = serde_json::json!({ "data": { KILL_JOB_KEY: "true" } });
    let params = PatchParams {
        field_manager: Some(MANAGER.to_string()),
        ..PatchParams::default()
    };
    match api.patch(job_id, &params, &Patch::Merge(&patch)).await {
        Ok(_) => Ok(true),
        Err(kube::Error::Api(status)) if status.code == 404 => Ok(false),
        Err(e) => Err(cluster.explain(e)),
    }
}

/// Delete one object; `Ok(false)` when it was already gone.
pub(super) async fn delete(cluster: &Cluster, namespace: &str, object: &Owned) -> Result<bool> {
    let target = ObjectRef {
        kind: object.kind,
        namespace: Some(namespace.to_string()),
        name: object.name.clone(),
    };
    objects::delete(cluster, &target, true)
        .await
        .map_err(|e| cluster.explain(e))
}

/// `rm -f PATH` in the uploader container of `pod`, as an argv (no shell).
pub(super) async fn remove_package(cluster: &Cluster, pod: &str, path: &str) -> Result<()> {
    let outcome = exec(cluster, pod, uploader::CONTAINER, &["rm", "-f", path], None).await?;
    if outcome.success() {
        Ok(())
    } else {
        Err(anyhow!("rm -f {path} {}", outcome.failure_text()))
    }
}

/// `object` when it is `s3://BUCKET[/PREFIX]/<jobID>.tar.gz`: an annotation anyone who may edit
/// the ConfigMap could change never makes kill remove another object.
pub(super) fn checked_object<'a>(object: &'a str, job_id: &str) -> Result<&'a str> {
    let name = format!("/{}", crate::twister2::names::package_file_name(job_id));
    let bucket = object
        .strip_prefix("s3://")
        .and_then(|rest| rest.strip_suffix(&name));
    let clean = !object.chars().any(|c| c.is_whitespace() || c.is_control());
    match bucket {
        Some(bucket) if clean && !bucket.is_empty() && !bucket.starts_with('/') => Ok(object),
        _ => Err(anyhow!(
            "annotation {} of configmap/{job_id} is {object:?}, not s3://BUCKET[/PREFIX]{name}; \
the object it names was not removed",
            crate::twister2::names::PACKAGE_ANNOTATION
        )),
    }
}

/// `aws s3 rm OBJECT` of job `job_id`'s package; the error says how to do it by hand.
pub(super) async fn remove_s3_package(job_id: &str, object: &str) -> Result<()> {
    let object = checked_object(object, job_id)?;
    let removed = match Aws::locate() {
        Ok(aws) => aws.remove(object).await,
        Err(e) => Err(e),
    };
    removed.map_err(|e| {
        anyhow!(
            "cannot remove the job package {object}: {e:#}; remove it with `aws s3 rm {object}`"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_package_of_the_job_is_accepted() {
        for good in ["s3://bkt/u-j-1.tar.gz", "s3://bkt/team/a/u-j-1.tar.gz"] {
            assert_eq!(checked_object(good, "u-j-1").unwrap(), good);
        }
        for bad in [
            "s3://bkt/important.db",
            "s3://bkt/u-j-2.tar.gz",
            "s3://bkt/xu-j-1.tar.gz",
            "s3:///u-j-1.tar.gz",
            "s3://u-j-1.tar.gz",
            "bkt/u-j-1.tar.gz",
            "--recursive s3://bkt/u-j-1.tar.gz",
            "s3://bkt/a b/u-j-1.tar.gz",
        ] {
            let text = checked_object(bad, "u-j-1").unwrap_err().to_string();
            assert!(
                text.contains("not s3://BUCKET[/PREFIX]/u-j-1.tar.gz"),
                "{bad}: {text}"
            );
        }
    }
}
