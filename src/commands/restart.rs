//! `kubectl twister2 restart JOBID`: Twister2's `restart` — a checkpointed job resubmitted from
//! its saved package (`~/.twister2/repository/<jobID>/twister2-job.tar.gz`, kept by either
//! client) under the same jobID, with `RESTORE_JOB=true` and a new submission time; the package
//! is shipped unchanged and the kept claim is reused. Then the same steps as `submit`.

use anyhow::{Context, Result, anyhow};

use crate::cli::GlobalArgs;
use crate::cli::jobs::{ObjectArgs, RestartArgs};
use crate::commands::kill::check_job_ids;
use crate::commands::submit::{self, request};
use crate::exit::Problems;
use crate::state::repository;
use crate::twister2::config::keys;
use crate::twister2::job_config::JobConfig;
use crate::twister2::submit::{
    JobCode, Namespace, NamespaceOrigin, SubmitRequest, ZooKeeperUse, namespace_conflict,
    read_saved_package, s3_package,
};

/// Run `restart`.
pub async fn run(global: &GlobalArgs, args: &RestartArgs) -> Result<()> {
    check_job_ids(std::slice::from_ref(&args.job_id))?;
    let dir = match &args.repository {
        Some(dir) => dir.clone(),
        None => repository::repository_dir(None)?,
    };
    let saved = repository::load(&dir, &args.job_id)?;
    let objects = saved.objects.clone().unwrap_or(serde_json::Value::Null);
    let flag = global.namespace.as_ref().map(|ns| Namespace {
        name: ns.clone(),
        origin: NamespaceOrigin::Flag,
    });
    let request = restore_request(&args.job_id, saved.package, saved.objects, flag)?;
    let now = crate::twister2::job_id::now_ms();
    submit::execute(global, &request, &args.run, &objects, now).await
}

/// The request of a restart: everything from the saved package and the saved object options.
/// The namespace is the saved package's unless `-n` names one (which must then agree).
fn restore_request(
    job_id: &str,
    package: Vec<u8>,
    objects: Option<serde_json::Value>,
    flag: Option<Namespace>,
) -> Result<SubmitRequest> {
    let saved = read_saved_package(&package, job_id)?;
    let object_args: ObjectArgs = match objects {
        Some(value) => serde_json::from_value(value)
            .context("the saved object options of the job cannot be read")?,
        // Twister2's own client keeps only the package: its objects come from configuration.
        None => ObjectArgs::default(),
    };
    let config = saved.config;
    let job = saved.job;
    let mut problems = Problems::default();
    let objects = request::object_settings(&object_args, &config, &mut problems);
    request::check_pod_configuration(&config, &mut problems);
    let namespace = flag.unwrap_or_else(|| Namespace {
        name: config.namespace().to_string(),
        origin: NamespaceOrigin::SavedPackage,
    });
    if let Some(conflict) = namespace_conflict(&config, &namespace) {
        problems.usage(conflict);
    }
    let job_type = job.format_type();
    if job_type.is_none() {
        problems.other("the saved job description has no job format");
    }
    let compute_resources = problems.take(
        job.domain_resources()
            .map_err(|e| anyhow!("the saved job's compute resources: {e}")),
    );
    let job_file_name = job
        .job_format
        .as_ref()
        .map(|f| f.job_file.clone())
        .unwrap_or_default();
    let s3 = problems.take(s3_package(&config, job_id)).flatten();
    problems.into_result(&format!("cannot restart job {job_id}"))?;
    let (Some(objects), Some(job_type), Some(compute_resources)) =
        (objects, job_type, compute_resources)
    else {
        return Err(anyhow!("the saved job {job_id} could not be read"));
    };
    let zookeeper = match config.entry(keys::ZOOKEEPER_ADDRESSES) {
        Some(entry) => ZooKeeperUse::Given {
            addresses: entry.value.as_str().unwrap_or_default().to_string(),
            source: entry.source.clone(),
        },
        None => ZooKeeperUse::Off,
    };
    Ok(SubmitRequest {
        job_id: job_id.to_string(),
        job_name: job.job_name.clone(),
        namespace,
        job_type,
        job_file_name,
        worker_class: job.worker_class_name.clone(),
        driver_class: (!job.driver_class_name.is_empty()).then(|| job.driver_class_name.clone()),
        compute_resources,
        config,
        // Shipped as it is, inside the saved `Job`.
        job_config: JobConfig::default(),
        objects,
        zookeeper,
        s3,
        discover_dashboard: false,
        notices: saved.warnings,
        code: JobCode::Saved {
            package,
            job: Box::new(job),
        },
    })
}
