//! The plan itself: the `JobSpec`, the `Job` protobuf and the package, built from the effective
//! configuration, the identity and what the cluster said.

use std::str::FromStr;

use anyhow::{Context, Result, anyhow, bail};
use serde_yaml::Value;

use super::compute_resources::compute_resources;
use super::exposure::exposure;
use super::identity::Identity;
use super::job_file::file_name;
use crate::cli::jobs::SubmitArgs;
use crate::exit::usage;
use crate::twister2::config::{Config, Source};
use crate::twister2::package::{JobPackage, build_package};
use crate::twister2::proto::{self, Job, JobDescription, JobFormatType};
use crate::twister2::spec::{
    AccessMode, ExternalTrafficPolicy, JobMasterSpec, JobSpec, JobType, NodeMapping,
    NodeSelectorOperator, NodeTarget, OpenMpi, PersistentStorage, Placement, PullPolicy,
    SpreadDomain, TransportProtocol, UniformMapping, UploadMethod,
};

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

/// Build the whole plan for `namespace` from the effective configuration (see
/// [`effective_config`](super::effective_config)), the identity and what the cluster said.
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
    let s3 = super::s3::s3_package(&config, &job_id)?;
    let upload = if let Some(s3) = s3 {
        // The URL is known only after the upload (submit sets it); until then a placeholder.
        UploadMethod::s3_before_upload(s3.object)
    } else if facts.uploader_present || args.detach {
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
