//! Submit with the S3 upload method (Twister2's `S3Uploader`): the AWS CLI must be on PATH
//! (pre-flight), and the package is copied to its object and presigned before any object is
//! created, since the objects carry the presigned URL.

use anyhow::Result;

use crate::cluster::s3::{self, Aws};
use crate::commands::submit::plan::Plan;
use crate::commands::submit::rollback::Created;
use crate::output::progress::Progress;
use crate::twister2::spec::UploadMethod;

/// The pre-flight problem of an S3 job when the AWS CLI cannot be found.
pub fn aws_problem(namespace: &str) -> Option<String> {
    Aws::locate().err().map(|_| {
        format!(
            "the S3 upload method (twister2.resource.class.uploader) needs the AWS CLI, but `{}` is \
not on PATH: install it ({}) and set up its credentials, or use the package uploader in the \
cluster instead: `kubectl twister2 setup uploader -n {namespace}` (and drop the S3 uploader \
setting)",
            s3::PROGRAM,
            s3::INSTALL_URL
        )
    })
}

/// What `--dry-run` says about the placeholder URL of an S3 job.
pub fn placeholder_note(plan: &Plan) -> Option<String> {
    let object = plan.spec.upload.s3_object()?;
    Some(format!(
        "note: JOB_PACKAGE_URI is a placeholder ({}); a real submit copies the package to {object} \
with `aws s3 cp` and sets it to the object's presigned URL, valid for {} s",
        UploadMethod::S3_PLACEHOLDER_HOST,
        plan.config.s3_link_expiration_secs()
    ))
}

/// Copy the package to the plan's S3 object and put the object's presigned URL into the plan.
/// The object is noted for the rollback from the moment the copy starts (an abandoned copy may
/// still have completed) until the copy fails.
pub async fn upload(plan: &mut Plan, created: &Created, progress: &Progress) -> Result<()> {
    let Some(object) = plan.spec.upload.s3_object().map(str::to_string) else {
        return Ok(());
    };
    let job_id = plan.spec.job_id.clone();
    let aws = Aws::locate()?;
    created.note_s3(object.clone());
    if let Err(e) = aws.upload(plan.package.bytes(), &job_id, &object).await {
        created.forget_s3();
        return Err(e.context(format!("cannot upload the job package to {object}")));
    }
    progress.println(&format!(
        "job {job_id}: package ({} bytes) uploaded to {object}",
        plan.package.size()
    ));
    let expires_in = plan.config.s3_link_expiration_secs();
    let uri = aws.presign(&object, expires_in).await?;
    plan.spec.upload = UploadMethod::S3 { object, uri };
    Ok(())
}
