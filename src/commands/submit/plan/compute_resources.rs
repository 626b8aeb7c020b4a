//! The job's compute resources from `--compute-resource`, `--workers` or the configuration,
//! with `--cpu`/`--memory` applied.

use anyhow::Result;

use crate::cli::jobs::SubmitArgs;
use crate::exit::usage;
use crate::twister2::config::Config;
use crate::twister2::resources::{self, ComputeResource, ResourceDefaults};

/// The compute resources: `--compute-resource` list, else `--workers N`, else the config's list;
/// `--cpu`/`--memory` override every one.
pub fn compute_resources(args: &SubmitArgs, config: &Config) -> Result<Vec<ComputeResource>> {
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
