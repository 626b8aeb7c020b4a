//! `SubmitRequest`: a submit (or restart) with every argument checked and parsed once, before
//! the first request to the cluster.

use std::fmt;
use std::path::PathBuf;

use super::s3::S3Package;
use crate::twister2::config::{Config, Source};
use crate::twister2::job_config::JobConfig;
use crate::twister2::proto::{Job, JobFormatType};
use crate::twister2::resources::ComputeResource;
use crate::twister2::spec::{
    AccessMode, ExistingVolume, Exposure, ExternalTrafficPolicy, NodeMapping, NodeTarget,
    Placement, PullPolicy, TransportProtocol, UniformMapping,
};

/// Everything a submit was asked for, validated: what only the cluster can add (uploader, node
/// labels, discovered services) comes later, in [`build`](super::build).
#[derive(Debug, Clone)]
pub struct SubmitRequest {
    /// The jobID.
    pub job_id: String,
    /// The (converted) job name.
    pub job_name: String,
    /// The namespace of the objects (and, written by the plugin, of the pods' configuration).
    pub namespace: Namespace,
    /// The user's code: a file to package, or a saved package (restart).
    pub code: JobCode,
    /// Format of the job file.
    pub job_type: JobFormatType,
    /// File name (no directory) of the job file: `USER_JOB_JAR_FILE`, `job_format.job_file`.
    pub job_file_name: String,
    /// Worker class.
    pub worker_class: String,
    /// Driver class.
    pub driver_class: Option<String>,
    /// Compute resources, index order.
    pub compute_resources: Vec<ComputeResource>,
    /// The effective Twister2 configuration (without what the plugin decides later).
    pub config: Config,
    /// The job configuration (`config_byte_map`).
    pub job_config: JobConfig,
    /// Settings of the objects, parsed from flags and configuration.
    pub objects: ObjectSettings,
    /// Whether and how the job uses ZooKeeper.
    pub zookeeper: ZooKeeperUse,
    /// The S3 object of the package (the S3 upload method).
    pub s3: Option<S3Package>,
    /// Whether the dashboard address is still to be discovered.
    pub discover_dashboard: bool,
    /// Things to tell the user (name conversions, configuration warnings).
    pub notices: Vec<String>,
}

/// Where the job's code comes from.
#[derive(Debug, Clone)]
pub enum JobCode {
    /// A new submit: package this file.
    File(PathBuf),
    /// A restart: this saved package, unchanged, with its `Job` (same jobID and job
    /// configuration), and the pods restore from their checkpoints (`RESTORE_JOB=true`).
    Saved {
        /// The package's bytes.
        package: Vec<u8>,
        /// Its `<jobID>.job`.
        job: Box<Job>,
    },
}

impl SubmitRequest {
    /// Whether this is a restart from a saved package.
    pub fn is_restore(&self) -> bool {
        matches!(self.code, JobCode::Saved { .. })
    }
}

/// The object settings of a request.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectSettings {
    /// Image of the job master and workers.
    pub image: String,
    /// Its pull policy.
    pub image_pull_policy: PullPolicy,
    /// `imagePullSecrets`.
    pub image_pull_secret: Option<String>,
    /// Protocol of the worker ports.
    pub transport_protocol: TransportProtocol,
    /// Uniform worker mapping.
    pub uniform_mapping: UniformMapping,
    /// Twister2's node mapping.
    pub node_mapping: Option<NodeMapping>,
    /// Access mode of the job's claim (when it has one).
    pub storage_access_mode: AccessMode,
    /// `--target`s.
    pub targets: Vec<NodeTarget>,
    /// `--volume`s.
    pub volumes: Vec<ExistingVolume>,
    /// `--guaranteed`.
    pub guaranteed: bool,
    /// How the workers are exposed.
    pub exposure: Exposure,
    /// `--external-traffic-policy`.
    pub external_traffic_policy: Option<ExternalTrafficPolicy>,
    /// Racks, datacenters, spread.
    pub placement: Placement,
}

/// Whether the job uses ZooKeeper (`twister2.resource.zookeeper.server.addresses`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZooKeeperUse {
    /// Not used: the key stays unset.
    Off,
    /// These servers (the key, given by the user).
    Given {
        /// `host:port[,host:port]`.
        addresses: String,
        /// Where they were given.
        source: Source,
    },
    /// The `setup zookeeper` service of the namespace, looked up in pre-flight.
    Discover {
        /// Why ZooKeeper is wanted (`--zookeeper`, checkpointing).
        why: String,
        /// Whether a missing service stops the submit (`--zookeeper` without addresses) or
        /// only warns (checkpointing).
        required: bool,
    },
}

/// The namespace the objects go to, and who chose it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Namespace {
    /// Its name.
    pub name: String,
    /// Who chose it.
    pub origin: NamespaceOrigin,
}

/// Who chose the namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamespaceOrigin {
    /// `-n/--namespace`.
    Flag,
    /// The kubeconfig context (or `default` when it names none).
    Kubeconfig,
    /// The saved package of the job being restarted.
    SavedPackage,
}

impl fmt::Display for NamespaceOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NamespaceOrigin::Flag => "-n/--namespace",
            NamespaceOrigin::Kubeconfig => "the kubeconfig context, or default",
            NamespaceOrigin::SavedPackage => "the saved package",
        })
    }
}
