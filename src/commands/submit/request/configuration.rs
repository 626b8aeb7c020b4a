//! The configuration, compute resources and identity a submit's arguments describe: the loaded
//! sources (defaults < `--conf-dir` < `--config` < `--set`) with submit's flags on top, the
//! compute resources from the flags or the configuration, and the jobID.

use std::str::FromStr;

use anyhow::{Result, anyhow};
use serde_yaml::Value;

use crate::cli::jobs::SubmitArgs;
use crate::exit::usage;
use crate::twister2::config::{Config, ConfigSources, MPI_CHANNEL_CLASS, Source, keys};
use crate::twister2::job_id::{self, validate_job_id};
use crate::twister2::resources::{self, ComputeResource, ResourceDefaults};
use crate::twister2::spec::PullPolicy;

/// The configuration the arguments describe: the loaded sources with submit's flags on top.
pub(super) fn effective_config(args: &SubmitArgs) -> Result<(Config, Vec<String>)> {
    let loaded = Config::load(&ConfigSources {
        conf_dir: args.conf_dir.clone(),
        files: args.config_files.clone(),
        sets: args.set.clone(),
    })
    .map_err(|e| anyhow!("{e}"))?;
    let mut config = loaded.config;
    let mut notices: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    let mut put = |key: &str, value: Value, flag: &str| -> Result<()> {
        let warnings = config
            .set_override(key, value, Source::Flag(flag.to_string()))
            .map_err(|e| anyhow!("{e}"))?;
        notices.extend(warnings.iter().map(|w| w.to_string()));
        Ok(())
    };
    let text = |s: &str| Value::String(s.to_string());
    if let Some(image) = &args.image {
        put(keys::DOCKER_IMAGE, text(image), "--image")?;
    }
    if let Some(policy) = &args.image_pull_policy {
        PullPolicy::from_str(policy).map_err(|e| usage(format!("--image-pull-policy: {e}")))?;
        put(keys::IMAGE_PULL_POLICY, text(policy), "--image-pull-policy")?;
    }
    if let Some(zk) = args.zookeeper.as_deref().filter(|zk| !zk.is_empty()) {
        put(keys::ZOOKEEPER_ADDRESSES, text(zk), "--zookeeper")?;
    }
    if let Some(dashboard) = &args.dashboard {
        put(keys::DASHBOARD_HOST, text(dashboard), "--dashboard")?;
    }
    if args.openmpi {
        put(keys::CHANNEL_CLASS, text(MPI_CHANNEL_CLASS), "--openmpi")?;
    }
    if let Some(size) = &args.persistent_storage {
        let gib = resources::parse_disk_gib(size)
            .map_err(|e| usage(format!("--persistent-storage: {e}")))?;
        if gib <= 0.0 {
            return Err(usage(format!(
                "--persistent-storage {size}: the size per worker must be positive"
            )));
        }
        put(
            keys::PERSISTENT_VOLUME_PER_WORKER,
            Value::from(gib),
            "--persistent-storage",
        )?;
    }
    if let Some(class) = &args.storage_class {
        put(keys::STORAGE_CLASS, text(class), "--storage-class")?;
    }
    if let Some(id) = &args.job_id {
        put(keys::JOB_ID, text(id), "--job-id")?;
    }
    if let Some(class) = &args.worker_class {
        put(keys::WORKER_CLASS, text(class), "--class")?;
    }
    if let Some(class) = &args.driver_class {
        put(keys::DRIVER_CLASS, text(class), "--driver-class")?;
    }
    if let Some(expose) = &args.objects.expose
        && let Some(rest) = expose.strip_prefix("nodeport")
    {
        put(keys::NODE_PORT_REQUESTED, Value::Bool(true), "--expose")?;
        if let Some(port) = rest.strip_prefix('=') {
            let port: u16 = port
                .parse()
                .map_err(|_| usage(format!("--expose {expose}: '{port}' is not a port number")))?;
            put(keys::NODE_PORT, Value::from(port), "--expose")?;
        }
    }
    Ok((config, notices))
}

/// The compute resources: `--compute-resource` list, else `--workers N`, else the config's list;
/// `--cpu`/`--memory` override every one.
pub(super) fn compute_resources(
    args: &SubmitArgs,
    config: &Config,
) -> Result<Vec<ComputeResource>> {
    let cpu = args
        .cpu
        .as_deref()
        .map(|c| resources::parse_cpu(c).map_err(|e| usage(format!("--cpu: {e}"))))
        .transpose()?;
    let memory = args
        .memory
        .as_deref()
        .map(|m| resources::parse_memory_mib(m).map_err(|e| usage(format!("--memory: {e}"))))
        .transpose()?;
    let defaults = ResourceDefaults {
        cpu: cpu.unwrap_or(ResourceDefaults::default().cpu),
        ram_mb: memory.unwrap_or(ResourceDefaults::default().ram_mb),
        ..ResourceDefaults::default()
    };
    let mut list: Vec<ComputeResource> = if !args.compute_resource.is_empty() {
        args.compute_resource
            .iter()
            .enumerate()
            .map(|(i, text)| {
                resources::parse_compute_resource(text, i as u32, &defaults)
                    .map_err(|e| usage(format!("--compute-resource: {e}")))
            })
            .collect::<Result<_>>()?
    } else if let Some(workers) = args.workers {
        if workers == 0 {
            return Err(usage("--workers must be at least 1"));
        }
        vec![ComputeResource {
            index: 0,
            cpu: defaults.cpu,
            ram_mb: defaults.ram_mb,
            disk_gb: defaults.disk_gb,
            instances: workers,
            workers_per_pod: 1,
            scalable: false,
        }]
    } else {
        config.compute_resources().unwrap_or_default()
    };
    if list.is_empty() {
        return Err(usage(
            "the job has no workers: give --workers N, --compute-resource …, or \
twister2.resource.worker.compute.resources in a --config file",
        ));
    }
    for resource in &mut list {
        if let Some(cpu) = cpu {
            resource.cpu = cpu;
        }
        if let Some(memory) = memory {
            resource.ram_mb = memory;
        }
    }
    Ok(list)
}

/// The user name part of generated jobIDs: `twister2.user.name`, else the OS user.
fn user_name(config: &Config) -> Option<String> {
    config
        .user_name()
        .map(str::to_string)
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("LOGNAME").ok())
        .filter(|u| !u.is_empty())
}

/// The jobID, the converted job name and a notice when the name changed: `--job-id` /
/// `twister2.job.id` (validated), else generated as Twister2 does.
pub(super) fn identity(
    name: &str,
    config: &Config,
    now_ms: i64,
) -> Result<(String, String, Option<String>)> {
    match config.job_id() {
        Some(id) => {
            validate_job_id(id).map_err(|e| usage(e.to_string()))?;
            let converted = job_id::convert_job_name(name).map_err(|e| usage(e.to_string()))?;
            Ok((id.to_string(), converted.converted, None))
        }
        None => {
            let generated = job_id::generate_job_id(name, user_name(config).as_deref(), now_ms)
                .map_err(|e| usage(e.to_string()))?;
            let notice = generated.job_name.changed().then(|| {
                format!(
                    "job name '{}' became '{}'",
                    generated.job_name.original, generated.job_name.converted
                )
            });
            Ok((generated.id, generated.job_name.converted, notice))
        }
    }
}
