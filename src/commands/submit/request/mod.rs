//! `submit`'s arguments converted once into a [`SubmitRequest`]: the flags, the job file, the
//! configuration (defaults < `--conf-dir` < `--config` < `--set` < flags), the job
//! configuration, the compute resources and every object option, each checked; every problem is
//! reported at once, before the first request.
//!
//! Files: `configuration` (the configuration, compute resources and jobID) and `objects` (the
//! object settings); this file checks the flags, the job file and the pods' configuration, and
//! puts the request together.

mod configuration;
mod objects;

pub use objects::object_settings;

use std::path::Path;

use anyhow::{Result, anyhow};
use serde_yaml::Value;

use crate::cli::jobs::SubmitArgs;
use crate::exit::{Problems, usage};
use crate::twister2::config::{Config, Source, keys, value_text};
use crate::twister2::job_config::JobConfig;
use crate::twister2::proto::JobFormatType;
use crate::twister2::submit::{
    JobCode, Namespace, SubmitRequest, ZooKeeperUse, namespace_conflict, python, s3_package,
};
use configuration::{compute_resources, effective_config, identity};

/// Convert `args` into a request for objects in `namespace`; `now_ms` dates a generated jobID.
pub fn request(args: &SubmitArgs, namespace: Namespace, now_ms: i64) -> Result<SubmitRequest> {
    let mut problems = Problems::default();
    check_flag_combinations(args, &mut problems);
    let job_type = JobFormatType::from_cli_name(&args.job_type);
    if job_type.is_none() {
        problems.usage(format!("--job-type {}: unknown type", args.job_type));
    }
    let job_type = job_type.unwrap_or(JobFormatType::Jar);
    let job_file_name = problems.take(job_file_name(&args.job_file));
    let loaded = problems.take(effective_config(args));
    let job_config = match JobConfig::from_sources(&args.job_config_files, &args.job_config) {
        Ok(config) => config,
        Err(found) => {
            found.into_iter().for_each(|p| problems.usage(p));
            JobConfig::default()
        }
    };
    let compute_resources = loaded
        .as_ref()
        .and_then(|(config, _)| problems.take(compute_resources(args, config)));
    let Some((config, mut notices)) = loaded else {
        // Without a configuration nothing else can be checked.
        return Err(problems
            .into_result("cannot submit the job")
            .err()
            .unwrap_or_else(|| anyhow!("the configuration could not be loaded")));
    };
    let identity = problems.take(identity(&args.name, &config, now_ms));
    let s3 = identity
        .as_ref()
        .and_then(|(job_id, _, _)| problems.take(s3_package(&config, job_id)))
        .flatten();
    let objects = object_settings(&args.objects, &config, &mut problems);
    check_pod_configuration(&config, &mut problems);
    if let Some(conflict) = namespace_conflict(&config, &namespace) {
        problems.usage(conflict);
    }
    let zookeeper = zookeeper_use(args, &config);
    let mut job_config = job_config;
    let worker_class = worker_class(args, &config, job_type, &mut job_config, &mut problems);
    let heading = match &identity {
        Some(identity) => format!("cannot submit job {}", identity.0),
        None => "cannot submit the job".to_string(),
    };
    problems.into_result(&heading)?;
    let (Some((job_id, job_name, notice)), Some(objects)) = (identity, objects) else {
        return Err(anyhow!("the job could not be checked"));
    };
    notices.extend(notice);
    if python_image_lacks_py4j(job_type, &objects.image) {
        notices.push(format!(
            "the image {} has no py4j and no twister2 Python package (Twister2 0.8.0's images \
install neither): Python jobs need an image that adds them (--image)",
            objects.image
        ));
    }
    Ok(SubmitRequest {
        job_id,
        job_name,
        namespace,
        code: JobCode::File(args.job_file.clone()),
        job_type,
        job_file_name: job_file_name.unwrap_or_default(),
        worker_class: worker_class.unwrap_or_default(),
        driver_class: config.driver_class().map(str::to_string),
        compute_resources: compute_resources.unwrap_or_default(),
        s3,
        discover_dashboard: args.dashboard.is_none() && config.dashboard_host().is_none(),
        config,
        job_config,
        objects,
        zookeeper,
        notices,
    })
}

/// Checks of the flags alone.
fn check_flag_combinations(args: &SubmitArgs, problems: &mut Problems) {
    let o = &args.objects;
    if !o.load_balancer_source_ranges.is_empty() && o.expose.as_deref() != Some("loadbalancer") {
        problems.usage("--load-balancer-source-range needs --expose loadbalancer");
    }
    if (o.ingress_class.is_some() || o.tls_secret.is_some())
        && !o
            .expose
            .as_deref()
            .is_some_and(|e| e.starts_with("ingress="))
    {
        problems.usage("--ingress-class and --tls-secret need --expose ingress=HOST");
    }
    if args.storage_class.is_some() && args.persistent_storage.is_none() {
        problems.usage("--storage-class needs --persistent-storage SIZE");
    }
    let python = matches!(args.job_type.as_str(), "python" | "python_zip");
    if args.main_file.is_some() && args.job_type != "python_zip" {
        problems.usage("--main-file is for --job-type python_zip (the Python file in the zip that starts the job)");
    }
    if args.job_type == "python_zip" && args.main_file.is_none() {
        problems.usage("--job-type python_zip needs --main-file PATH: the Python file in the zip that starts the job");
    }
    if !python && !args.job_args.is_empty() {
        problems.usage(format!(
            "arguments after -- ({}) reach no one: a Java job's workers never see command-line \
arguments (Twister2 gives them only to the client-side main(), which the plugin replaces); give \
the workers values with --job-config KEY=VALUE",
            args.job_args.join(" ")
        ));
    }
}

/// The job file exists, is a file, and has a usable name.
pub fn job_file_name(path: &Path) -> Result<String> {
    if !path.exists() {
        return Err(usage(format!("job file {} does not exist", path.display())));
    }
    if path.is_dir() {
        return Err(usage(format!(
            "job file {} is a directory; give the jar (or zip/python) file",
            path.display()
        )));
    }
    path.file_name()
        .and_then(|n| n.to_str())
        .map(str::to_string)
        .ok_or_else(|| {
            usage(format!(
                "job file {} has no usable file name",
                path.display()
            ))
        })
}

/// Values of the pods' configuration the plugin cannot honour, or that disagree with each
/// other: the job master in the client, a job-master claim without the job's claim.
pub fn check_pod_configuration(config: &Config, problems: &mut Problems) {
    if config.job_master_runs_in_client() {
        let source = config
            .source(keys::JOB_MASTER_RUNS_IN_CLIENT)
            .cloned()
            .unwrap_or(Source::Default);
        problems.usage(format!(
            "{}: true (from {source}) asks for the job master to run inside the submitting \
client, which takes Twister2's Java job master; kubectl-twister2 runs it in the cluster as the \
pod <jobID>-jm-0. Drop the key (or set it to false)",
            keys::JOB_MASTER_RUNS_IN_CLIENT
        ));
    }
    let jm_claim = config.job_master_persistent_volume_gb();
    if jm_claim > 0.0 && config.persistent_volume_per_worker_gb() <= 0.0 {
        let source = config
            .source(keys::JOB_MASTER_PERSISTENT_VOLUME)
            .cloned()
            .unwrap_or(Source::Default);
        problems.usage(format!(
            "{} is {} (from {source}), but the job has no persistent volume claim for the job \
master to mount: give --persistent-storage SIZE (per worker), or drop the key",
            keys::JOB_MASTER_PERSISTENT_VOLUME,
            value_text(&Value::from(jm_claim))
        ));
    }
}

/// Whether the job asked for ZooKeeper: `--zookeeper[=ADDRESSES]`, the key in the
/// configuration, or checkpointing (Twister2's fault tolerance).
pub fn zookeeper_use(args: &SubmitArgs, config: &Config) -> ZooKeeperUse {
    if let Some(entry) = config.entry(keys::ZOOKEEPER_ADDRESSES)
        && let Some(addresses) = entry.value.as_str()
    {
        return ZooKeeperUse::Given {
            addresses: addresses.to_string(),
            source: entry.source.clone(),
        };
    }
    if args.zookeeper.is_some() {
        return ZooKeeperUse::Discover {
            why: "--zookeeper".to_string(),
            required: true,
        };
    }
    if config.checkpointing_enabled() {
        return ZooKeeperUse::Discover {
            why: format!("checkpointing is on ({})", keys::CHECKPOINTING_ENABLE),
            required: false,
        };
    }
    ZooKeeperUse::Off
}

/// The worker class: Python jobs run `PythonWorker` (and get their job configuration entries
/// here); other jobs need `--class` or the configuration's.
fn worker_class(
    args: &SubmitArgs,
    config: &Config,
    job_type: JobFormatType,
    job_config: &mut JobConfig,
    problems: &mut Problems,
) -> Option<String> {
    if !matches!(job_type, JobFormatType::Python | JobFormatType::PythonZip) {
        let class = config.worker_class().map(str::to_string);
        if class.is_none() {
            problems.usage(
                "no worker class: give --class WORKER_CLASS (or twister2.resource.job.worker.class)",
            );
        }
        return class;
    }
    let python_class = python::worker_class(config.checkpointing_enabled());
    if let Some(class) = config.worker_class().filter(|c| *c != python_class) {
        problems.usage(format!(
            "--class {class}: Python jobs run {python_class}, which starts the Python file; \
drop --class"
        ));
    }
    if let Some(main) = &args.main_file {
        match python::zip_has_file(&args.job_file, main) {
            Ok(true) => {}
            Ok(false) => problems.usage(format!(
                "--main-file {main}: {} has no such file",
                args.job_file.display()
            )),
            Err(why) => problems.usage(format!("--main-file {main}: {why}")),
        }
    }
    let script = args
        .job_file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    if let Err(found) = python::add_job_config(
        job_config,
        script,
        args.main_file.as_deref(),
        &args.job_args,
    ) {
        found.into_iter().for_each(|p| problems.usage(p));
    }
    Some(python_class.to_string())
}

/// Twister2 0.8.0's own images lack what Python jobs import.
fn python_image_lacks_py4j(job_type: JobFormatType, image: &str) -> bool {
    matches!(job_type, JobFormatType::Python | JobFormatType::PythonZip)
        && image.starts_with("twister2/twister2-k8s:")
}
