//! Removing the S3 object of a job's package (S3 upload method): the object named by the
//! annotation of the job's ConfigMap, accepted only when it is the package of that job.

use anyhow::{Result, anyhow};

use crate::cluster::s3::Aws;

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
