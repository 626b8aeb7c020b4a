//! The effective Twister2 configuration of a submit: the loaded sources with submit's flags on
//! top.

use std::str::FromStr;

use anyhow::{Result, anyhow};
use serde_yaml::Value;

use crate::cli::jobs::SubmitArgs;
use crate::exit::usage;
use crate::twister2::config::{Config, ConfigSources, Source};
use crate::twister2::resources;
use crate::twister2::spec::PullPolicy;

/// Twister2's MPI channel class: a job whose channel is this one runs through mpirun.
const MPI_CHANNEL: &str = "edu.iu.dsc.tws.comms.mpi.TWSMPIChannel";

/// The configuration the arguments describe (without cluster facts).
pub fn effective_config(args: &SubmitArgs) -> Result<(Config, Vec<String>)> {
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
        put(
            "twister2.resource.kubernetes.docker.image",
            text(image),
            "--image",
        )?;
    }
    if let Some(policy) = &args.image_pull_policy {
        PullPolicy::from_str(policy).map_err(|e| usage(format!("--image-pull-policy: {e}")))?;
        put(
            "kubernetes.image.pull.policy",
            text(policy),
            "--image-pull-policy",
        )?;
    }
    if let Some(zk) = &args.zookeeper {
        put(
            "twister2.resource.zookeeper.server.addresses",
            text(zk),
            "--zookeeper",
        )?;
    }
    if let Some(dashboard) = &args.dashboard {
        put("twister2.dashboard.host", text(dashboard), "--dashboard")?;
    }
    if args.openmpi {
        put(
            "twister2.network.channel.class",
            text(MPI_CHANNEL),
            "--openmpi",
        )?;
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
            "twister2.resource.persistent.volume.per.worker",
            Value::from(gib),
            "--persistent-storage",
        )?;
    }
    if let Some(class) = &args.storage_class {
        put(
            "twister2.resource.kubernetes.persistent.storage.class",
            text(class),
            "--storage-class",
        )?;
    }
    if let Some(id) = &args.job_id {
        put("twister2.job.id", text(id), "--job-id")?;
    }
    if let Some(class) = &args.worker_class {
        put("twister2.resource.job.worker.class", text(class), "--class")?;
    }
    if let Some(class) = &args.driver_class {
        put(
            "twister2.resource.job.driver.class",
            text(class),
            "--driver-class",
        )?;
    }
    if let Some(expose) = &args.expose
        && let Some(rest) = expose.strip_prefix("nodeport")
    {
        put(
            "kubernetes.node.port.service.requested",
            Value::Bool(true),
            "--expose",
        )?;
        if let Some(port) = rest.strip_prefix('=') {
            let port: u16 = port
                .parse()
                .map_err(|_| usage(format!("--expose {expose}: '{port}' is not a port number")))?;
            put(
                "kubernetes.service.node.port",
                Value::from(port),
                "--expose",
            )?;
        }
    }
    Ok((config, notices))
}
