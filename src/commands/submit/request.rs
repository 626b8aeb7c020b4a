//! `submit`'s arguments converted once into a [`SubmitRequest`]: the flags, the job file, the
//! configuration (defaults < `--conf-dir` < `--config` < `--set` < flags), the job
//! configuration, the compute resources and every object option, each checked; every problem is
//! reported at once, before the first request.

use std::path::Path;
use std::str::FromStr;

use anyhow::{Result, anyhow};
use serde_yaml::Value;

use crate::cli::jobs::{ObjectArgs, SubmitArgs};
use crate::exit::{Problems, usage};
use crate::twister2::config::{Config, ConfigSources, MPI_CHANNEL_CLASS, Source, keys, value_text};
use crate::twister2::job_config::JobConfig;
use crate::twister2::job_id::{self, validate_job_id};
use crate::twister2::names::{DEFAULT_DATACENTER_LABEL_KEY, DEFAULT_RACK_LABEL_KEY};
use crate::twister2::proto::JobFormatType;
use crate::twister2::resources::{self, ComputeResource, ResourceDefaults};
use crate::twister2::spec::{
    AccessMode, ExistingVolume, Exposure, ExternalTrafficPolicy, IngressExposure, NodeMapping,
    NodeSelectorOperator, NodeTarget, Placement, PullPolicy, SpreadDomain, TransportProtocol,
    UniformMapping,
};
use crate::twister2::submit::{
    JobCode, Namespace, ObjectSettings, SubmitRequest, ZooKeeperUse, namespace_conflict, python,
    s3_package,
};

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

/// The configuration the arguments describe: the loaded sources with submit's flags on top.
fn effective_config(args: &SubmitArgs) -> Result<(Config, Vec<String>)> {
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
fn compute_resources(args: &SubmitArgs, config: &Config) -> Result<Vec<ComputeResource>> {
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
fn identity(name: &str, config: &Config, now_ms: i64) -> Result<(String, String, Option<String>)> {
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

/// The parsed value, or `None` with the problem noted.
fn parse_or_note<T>(problems: &mut Problems, what: &str, result: Result<T, String>) -> Option<T> {
    result
        .map_err(|e| problems.usage(format!("{what}: {e}")))
        .ok()
}

/// Every object option, from the flags and the configuration; `None` when any was invalid (the
/// problems are noted).
pub fn object_settings(
    o: &ObjectArgs,
    config: &Config,
    problems: &mut Problems,
) -> Option<ObjectSettings> {
    let before = problems.len();
    let image = config.docker_image().map(str::to_string);
    if image.is_none() {
        problems.usage("no image: give --image (or twister2.resource.kubernetes.docker.image)");
    }
    let pull_policy = parse_or_note(
        problems,
        keys::IMAGE_PULL_POLICY,
        PullPolicy::from_str(config.image_pull_policy()),
    );
    let transport = parse_or_note(
        problems,
        keys::TRANSPORT_PROTOCOL,
        TransportProtocol::from_str(config.transport_protocol()),
    );
    let uniform = parse_or_note(
        problems,
        keys::WORKER_MAPPING_UNIFORM,
        UniformMapping::from_str(config.uniform_mapping()),
    );
    let access_mode = parse_or_note(
        problems,
        keys::STORAGE_ACCESS_MODE,
        AccessMode::from_str(config.storage_access_mode()),
    );
    let targets: Vec<NodeTarget> = o
        .targets
        .iter()
        .filter_map(|t| parse_or_note(problems, "--target", NodeTarget::from_str(t)))
        .collect();
    let volumes: Vec<ExistingVolume> = o
        .volumes
        .iter()
        .filter_map(|v| parse_or_note(problems, "--volume", ExistingVolume::from_str(v)))
        .collect();
    let external_traffic_policy = o.external_traffic_policy.as_deref().and_then(|p| {
        parse_or_note(
            problems,
            "--external-traffic-policy",
            ExternalTrafficPolicy::from_str(p),
        )
    });
    let spread = o
        .spread
        .as_deref()
        .and_then(|s| parse_or_note(problems, "--spread", SpreadDomain::from_str(s)));
    let node_mapping = config.node_mapping().and_then(|m| {
        let operator = parse_or_note(
            problems,
            keys::WORKER_MAPPING_OPERATOR,
            NodeSelectorOperator::from_str(&m.operator),
        )?;
        Some(NodeMapping {
            key: m.key,
            operator,
            values: m.values,
        })
    });
    let exposure = problems.take(exposure(o, config));
    if problems.len() > before {
        return None;
    }
    Some(ObjectSettings {
        image: image?,
        image_pull_policy: pull_policy?,
        image_pull_secret: o.image_pull_secret.clone(),
        transport_protocol: transport?,
        uniform_mapping: uniform?,
        node_mapping,
        storage_access_mode: access_mode?,
        targets,
        volumes,
        guaranteed: o.guaranteed,
        exposure: exposure?,
        external_traffic_policy,
        placement: Placement {
            spread,
            racks: o.racks.clone(),
            datacenters: o.datacenters.clone(),
            rack_label_key: config
                .rack_label_key()
                .unwrap_or(DEFAULT_RACK_LABEL_KEY)
                .to_string(),
            datacenter_label_key: config
                .datacenter_label_key()
                .unwrap_or(DEFAULT_DATACENTER_LABEL_KEY)
                .to_string(),
        },
    })
}

/// Parse `--expose` (and the config's NodePort keys) into an [`Exposure`].
fn exposure(o: &ObjectArgs, config: &Config) -> Result<Exposure> {
    let Some(expose) = o.expose.as_deref() else {
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
            source_ranges: o.load_balancer_source_ranges.clone(),
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
            class: o.ingress_class.clone(),
            tls_secret: o.tls_secret.clone(),
        }));
    }
    Err(usage(format!(
        "--expose {expose}: use nodeport, nodeport=PORT, loadbalancer or ingress=HOST[/PATH]"
    )))
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
