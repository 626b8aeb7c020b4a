//! From `submit`'s arguments to a validated plan: the effective Twister2 configuration (defaults <
//! `--conf-dir` < `--config` < `--set` < flags), the jobID, the typed `JobSpec`, the `Job`
//! protobuf and the job package. Everything here is decided before the first API call, and every
//! problem is reported at once.

use std::path::Path;
use std::str::FromStr;

use anyhow::{Context, Result, anyhow, bail};
use serde_yaml::Value;

use crate::cli::jobs::SubmitArgs;
use crate::exit::usage;
use crate::twister2::config::{Config, ConfigSources, Source};
use crate::twister2::job_id::{self, validate_job_id};
use crate::twister2::package::{JobPackage, build_package};
use crate::twister2::proto::{self, Job, JobDescription, JobFormatType};
use crate::twister2::resources::{self, ComputeResource, ResourceDefaults};
use crate::twister2::spec::{
    AccessMode, Exposure, ExternalTrafficPolicy, IngressExposure, JobMasterSpec, JobSpec, JobType,
    NodeMapping, NodeSelectorOperator, NodeTarget, OpenMpi, PersistentStorage, Placement,
    PullPolicy, SpreadDomain, TransportProtocol, UniformMapping, UploadMethod,
};

/// Twister2's MPI channel class: a job whose channel is this one runs through mpirun.
const MPI_CHANNEL: &str = "edu.iu.dsc.tws.comms.mpi.TWSMPIChannel";
/// Default name of the OpenMPI SSH Secret (`kubernetes.secret.name`).
pub const DEFAULT_OPENMPI_SECRET: &str = "twister2-openmpi-ssh-key";

/// What only the cluster can tell (found during pre-flight; defaults for `--dry-run=client`).
#[derive(Debug, Clone, Default)]
pub struct ClusterFacts {
    /// Uploader pods exist: web-server method (else the direct method).
    pub uploader_present: bool,
    /// `ENCODED_NODE_INFO_LIST` from the node list (None when locations come from the config or
    /// the nodes could not be listed).
    pub encoded_node_info: Option<String>,
    /// ZooKeeper address discovered from `setup zookeeper`'s Service.
    pub zookeeper: Option<String>,
    /// Dashboard URL discovered from `setup dashboard`'s Service.
    pub dashboard: Option<String>,
}

/// Everything submit will create and send, decided before any request.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The job's typed description.
    pub spec: JobSpec,
    /// The `Job` protobuf.
    pub job: Job,
    /// The package (`twister2-job/…` tar.gz).
    pub package: JobPackage,
    /// The effective configuration.
    pub config: Config,
    /// Things to tell the user on stderr (name changes, configuration warnings).
    pub notices: Vec<String>,
}

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

/// Parse `--expose` (and the config's NodePort keys) into an [`Exposure`].
pub fn exposure(args: &SubmitArgs, config: &Config) -> Result<Exposure> {
    let Some(expose) = args.expose.as_deref() else {
        if config.node_port_requested() {
            return Ok(Exposure::NodePort {
                node_port: config.node_port(),
            });
        }
        return Ok(Exposure::None);
    };
    if expose == "nodeport" || expose.starts_with("nodeport=") {
        return Ok(Exposure::NodePort {
            node_port: config.node_port(),
        });
    }
    if expose == "loadbalancer" {
        return Ok(Exposure::LoadBalancer {
            source_ranges: args.load_balancer_source_ranges.clone(),
        });
    }
    if let Some(target) = expose.strip_prefix("ingress=") {
        let (host, path) = match target.find('/') {
            Some(i) => (&target[..i], &target[i..]),
            None => (target, "/"),
        };
        return Ok(Exposure::Ingress(IngressExposure {
            host: host.to_string(),
            path: path.to_string(),
            class: args.ingress_class.clone(),
            tls_secret: args.tls_secret.clone(),
        }));
    }
    Err(usage(format!(
        "--expose {expose}: use nodeport, nodeport=PORT, loadbalancer or ingress=HOST[/PATH]"
    )))
}

/// Check what can be checked from the arguments alone (exit 2 on a mistake).
pub fn check_arguments(args: &SubmitArgs) -> Result<()> {
    let job_type = JobFormatType::from_cli_name(&args.job_type)
        .ok_or_else(|| usage(format!("--job-type {}: unknown type", args.job_type)))?;
    if args.worker_class.is_none() && job_type != JobFormatType::Python {
        // The class may also come from the configuration; checked again on the effective one.
    }
    let exposure_flags = !args.load_balancer_source_ranges.is_empty()
        && args.expose.as_deref() != Some("loadbalancer");
    if exposure_flags {
        return Err(usage(
            "--load-balancer-source-range needs --expose loadbalancer",
        ));
    }
    if (args.ingress_class.is_some() || args.tls_secret.is_some())
        && !args
            .expose
            .as_deref()
            .is_some_and(|e| e.starts_with("ingress="))
    {
        return Err(usage(
            "--ingress-class and --tls-secret need --expose ingress=HOST",
        ));
    }
    if args.storage_class.is_some() && args.persistent_storage.is_none() {
        return Err(usage("--storage-class needs --persistent-storage SIZE"));
    }
    Ok(())
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

/// The job's name and ID, decided from the arguments and configuration alone (pre-flight needs
/// the ID before anything else is known).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The jobID.
    pub job_id: String,
    /// The (converted) job name.
    pub job_name: String,
    /// "job name 'X' became 'y'" when the name was converted.
    pub notice: Option<String>,
}

/// Decide the jobID: `--job-id`/`twister2.job.id` (validated), else generated as Twister2 does.
pub fn identity(args: &SubmitArgs, config: &Config, now_ms: i64) -> Result<Identity> {
    match config.job_id() {
        Some(id) => {
            validate_job_id(id).map_err(|e| usage(e.to_string()))?;
            let converted =
                job_id::convert_job_name(&args.name).map_err(|e| usage(e.to_string()))?;
            Ok(Identity {
                job_id: id.to_string(),
                job_name: converted.converted,
                notice: None,
            })
        }
        None => {
            let generated =
                job_id::generate_job_id(&args.name, user_name(config).as_deref(), now_ms)
                    .map_err(|e| usage(e.to_string()))?;
            let notice = generated.job_name.changed().then(|| {
                format!(
                    "job name '{}' became '{}'",
                    generated.job_name.original, generated.job_name.converted
                )
            });
            Ok(Identity {
                job_id: generated.id,
                job_name: generated.job_name.converted,
                notice,
            })
        }
    }
}

/// Build the whole plan for `namespace` from the effective configuration (see
/// [`effective_config`]), the identity and what the cluster said.
pub fn build(
    args: &SubmitArgs,
    config: Config,
    mut notices: Vec<String>,
    identity: &Identity,
    namespace: &str,
    facts: &ClusterFacts,
    now_ms: i64,
) -> Result<Plan> {
    let mut config = config;
    if args.zookeeper.is_none()
        && config.zookeeper_addresses().is_none()
        && let Some(zk) = &facts.zookeeper
    {
        config
            .set_override(
                "twister2.resource.zookeeper.server.addresses",
                Value::String(zk.clone()),
                Source::Flag("discovered ZooKeeper service".to_string()),
            )
            .map_err(|e| anyhow!("{e}"))?;
    }
    if args.dashboard.is_none()
        && config.dashboard_host().is_none()
        && let Some(url) = &facts.dashboard
    {
        config
            .set_override(
                "twister2.dashboard.host",
                Value::String(url.clone()),
                Source::Flag("discovered dashboard service".to_string()),
            )
            .map_err(|e| anyhow!("{e}"))?;
    }
    let job_type = JobFormatType::from_cli_name(&args.job_type)
        .ok_or_else(|| usage(format!("--job-type {}: unknown type", args.job_type)))?;
    let job_file = file_name(&args.job_file)?;
    notices.extend(identity.notice.clone());
    let job_id = identity.job_id.clone();
    let job_name = identity.job_name.clone();
    let worker_class = match (config.worker_class(), job_type) {
        (Some(class), _) => class.to_string(),
        (None, JobFormatType::Python) => job_file.clone(),
        (None, _) => {
            return Err(usage(
                "no worker class: give --class WORKER_CLASS (or twister2.resource.job.worker.class)",
            ));
        }
    };
    let driver_class = config.driver_class().map(str::to_string);
    let resources = compute_resources(args, &config)?;
    let mut problems: Vec<String> = Vec::new();
    let image = config.docker_image().map(str::to_string).ok_or_else(|| {
        usage("no image: give --image (or twister2.resource.kubernetes.docker.image)")
    })?;
    let pull_policy = parse_or_note(
        &mut problems,
        "kubernetes.image.pull.policy",
        PullPolicy::from_str(config.image_pull_policy()),
    );
    let transport = parse_or_note(
        &mut problems,
        "kubernetes.worker.transport.protocol",
        TransportProtocol::from_str(config.transport_protocol()),
    );
    let uniform = parse_or_note(
        &mut problems,
        "kubernetes.worker.mapping.uniform",
        UniformMapping::from_str(config.uniform_mapping()),
    );
    let targets: Vec<NodeTarget> = args
        .targets
        .iter()
        .filter_map(|t| parse_or_note(&mut problems, "--target", NodeTarget::from_str(t)))
        .collect();
    let volumes = args
        .volumes
        .iter()
        .filter_map(|v| {
            parse_or_note(
                &mut problems,
                "--volume",
                crate::twister2::spec::ExistingVolume::from_str(v),
            )
        })
        .collect();
    let external_traffic_policy = args.external_traffic_policy.as_deref().and_then(|p| {
        parse_or_note(
            &mut problems,
            "--external-traffic-policy",
            ExternalTrafficPolicy::from_str(p),
        )
    });
    let spread = args
        .spread
        .as_deref()
        .and_then(|s| parse_or_note(&mut problems, "--spread", SpreadDomain::from_str(s)));
    let node_mapping = config.node_mapping().and_then(|m| {
        let operator = parse_or_note(
            &mut problems,
            "twister2.resource.kubernetes.worker.mapping.operator",
            NodeSelectorOperator::from_str(&m.operator),
        )?;
        Some(NodeMapping {
            key: m.key,
            operator,
            values: m.values,
        })
    });
    let persistent_storage = (config.persistent_volume_per_worker_gb() > 0.0)
        .then(|| {
            let access_mode = parse_or_note(
                &mut problems,
                "twister2.resource.kubernetes.storage.access.mode",
                AccessMode::from_str(config.storage_access_mode()),
            )?;
            Some(PersistentStorage {
                per_worker_gb: config.persistent_volume_per_worker_gb(),
                storage_class: config.storage_class().map(str::to_string),
                access_mode,
            })
        })
        .flatten();
    let exposure = exposure(args, &config)?;
    if !problems.is_empty() {
        bail!("invalid job:\n  - {}", problems.join("\n  - "));
    }
    let placement = Placement {
        spread,
        racks: args.racks.clone(),
        datacenters: args.datacenters.clone(),
        rack_label_key: config
            .rack_label_key()
            .unwrap_or(crate::twister2::spec::DEFAULT_RACK_LABEL_KEY)
            .to_string(),
        datacenter_label_key: config
            .datacenter_label_key()
            .unwrap_or(crate::twister2::spec::DEFAULT_DATACENTER_LABEL_KEY)
            .to_string(),
    };
    let upload = if facts.uploader_present || args.detach {
        UploadMethod::WebServer {
            uri: format!(
                "{}/{}",
                uploader_base_url(&config, namespace).trim_end_matches('/'),
                crate::twister2::package::package_file_name(&job_id)
            ),
        }
    } else {
        UploadMethod::ClientToPods
    };

    // The Job object and the package.
    let mut job = Job::from_description(&JobDescription {
        job_name: &job_name,
        job_id: &job_id,
        worker_class: &worker_class,
        driver_class: driver_class.as_deref(),
        resources: &resources,
        format: job_type,
        job_file: &job_file,
    })
    .map_err(|e| anyhow!("{e}"))?;
    if !args.job_args.is_empty() {
        let config_msg = job.config.get_or_insert_with(Default::default);
        config_msg.kvs.push(proto::config::KeyValue {
            key: JOB_ARGS_KEY.to_string(),
            value: serde_json::to_string(&args.job_args)?,
            serialized_value: Vec::new(),
        });
    }
    let package = build_package(&job, &args.job_file, &config).with_context(|| {
        format!(
            "cannot build the job package from {}",
            args.job_file.display()
        )
    })?;
    let spec = JobSpec {
        job_id: job_id.clone(),
        job_name,
        namespace: namespace.to_string(),
        image,
        image_pull_policy: pull_policy.unwrap_or(PullPolicy::IfNotPresent),
        image_pull_secret: args.image_pull_secret.clone(),
        worker_class,
        driver_class,
        job_type: JobType::from_str(job_type.cli_name()).map_err(|e| anyhow!(e))?,
        job_file,
        compute_resources: resources,
        job_master: JobMasterSpec {
            cpu: config.job_master_cpu(),
            ram_mb: config.job_master_ram_mb(),
            port: config.job_master_port(),
            volatile_gb: config.job_master_volatile_gb(),
            persistent_gb: config.job_master_persistent_volume_gb(),
        },
        worker_base_port: config.worker_base_port(),
        transport_protocol: transport.unwrap_or(TransportProtocol::Tcp),
        additional_ports: config.additional_ports().len() as u32,
        jvm_memory_fraction: config.jvm_memory_fraction(),
        bind_to_cpu: config.bind_worker_to_cpu(),
        openmpi: config.is_openmpi().then(|| OpenMpi {
            secret_name: config
                .secret_name()
                .unwrap_or(DEFAULT_OPENMPI_SECRET)
                .to_string(),
        }),
        persistent_storage,
        targets,
        volumes,
        guaranteed: args.guaranteed,
        exposure,
        external_traffic_policy,
        placement,
        node_mapping,
        uniform_mapping: uniform.unwrap_or(UniformMapping::None),
        upload,
        package_size: package.size(),
        submission_time_ms: now_ms,
        restore: false,
        encoded_node_info: if config.node_locations_from_config() {
            None
        } else {
            facts.encoded_node_info.clone()
        },
        job_object_base64: proto::encode_to_base64(&job),
        extra_labels: Default::default(),
    };
    spec.validate().map_err(|e| usage(e.to_string()))?;
    Ok(Plan {
        spec,
        job,
        package,
        config,
        notices,
    })
}

/// The parsed value, or `None` with the problem noted.
fn parse_or_note<T>(
    problems: &mut Vec<String>,
    what: &str,
    result: Result<T, String>,
) -> Option<T> {
    result
        .map_err(|e| problems.push(format!("{what}: {e}")))
        .ok()
}

/// Key of the job arguments (after `--`) in the Job's configuration key/values.
pub const JOB_ARGS_KEY: &str = "twister2.job.args";

/// Base URL pods download packages from: the configured one, else this namespace's uploader
/// (Twister2's default URL hard-codes the namespace `default`; this one follows `-n`).
pub fn uploader_base_url(config: &Config, namespace: &str) -> String {
    let configured = config
        .entry("twister2.kubernetes.uploader.web.server")
        .filter(|e| !matches!(e.source, Source::Default))
        .and_then(|e| e.value.as_str().map(str::to_string));
    configured.unwrap_or_else(|| format!("http://twister2-uploader.{namespace}.svc.cluster.local"))
}

/// The job file exists, is a file, and has a usable name.
pub fn check_job_file(path: &Path) -> Result<()> {
    file_name(path).map(|_| ())
}

fn file_name(path: &Path) -> Result<String> {
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
