//! `JobSpec`: the typed, fully resolved description of one job that its manifests come from.
//!
//! Also the small typed values it is made of (with `FromStr` for the CLI) and
//! [`JobSpec::validate`], which reports every problem at once.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

use crate::twister2::resources::{
    ComputeResource, JobResourceRules, ResourceProblems, validate_job_resources,
};

/// Mount path of the pod-shared memory `emptyDir` (`twister2-memory-dir`).
pub const MEMORY_DIR_MOUNT: &str = "/twister2-memory-dir";
/// Mount path of the volatile-disk `emptyDir` (`twister2-volatile-dir`).
pub const VOLATILE_MOUNT: &str = "/twister2-volatile";
/// Mount path of the job's persistent volume claim (`persistent-volume`).
pub const PERSISTENT_MOUNT: &str = "/persistent";
/// Mount path of the OpenMPI SSH key Secret (`kube-openmpi-ssh-key`).
pub const OPENMPI_KEY_MOUNT: &str = "/ssh-key/openmpi";
/// Working directory of the `twister2/twister2-k8s` image (init scripts, libraries).
pub const IMAGE_WORKDIR: &str = "/twister2";
/// Twister2's own mount paths; an existing volume may not be mounted on, above or below them.
pub const TWISTER2_MOUNTS: [&str; 4] = [
    MEMORY_DIR_MOUNT,
    VOLATILE_MOUNT,
    PERSISTENT_MOUNT,
    OPENMPI_KEY_MOUNT,
];
/// Lowest and highest NodePort of Kubernetes' default service-node-port-range.
pub const NODE_PORT_RANGE: (u16, u16) = (30000, 32767);
/// Longest job ID: keeps `<jobID>-<index>-<ordinal>` pod names and the StatefulSet
/// `controller-revision-hash` label within 63 characters (Twister2's own limit).
pub const MAX_JOB_ID_LEN: usize = 49;
/// ConfigMaps are limited to 1 MiB in total; the Job object must leave room for the restart keys.
pub const MAX_JOB_OBJECT_LEN: usize = 1024 * 1024 - 64 * 1024;
/// Smallest job-master CPU: Twister2 writes it like Java's `Double.toString`, which switches to
/// exponent notation (not a Kubernetes quantity) below 10⁻³.
pub const MIN_JOB_MASTER_CPU: f64 = 0.001;
/// Values written like Java's `Double.toString` must stay below 10⁷ for the same reason.
pub const MAX_DECIMAL_SIZE: f64 = 1e7;
/// Node label holding the node name; the topology key of `--spread node` and uniform mapping.
pub const HOSTNAME_LABEL: &str = "kubernetes.io/hostname";
/// Twister2's default node label key for racks when the config names none.
pub const DEFAULT_RACK_LABEL_KEY: &str = "rack";
/// Twister2's default node label key for datacenters when the config names none.
pub const DEFAULT_DATACENTER_LABEL_KEY: &str = "datacenter";

/// Defines a string-backed enum with `as_str`, `Display`, `FromStr` (case-sensitive, listing the
/// accepted spellings on error) and `ALL`.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The spelling used by Twister2 / Kubernetes.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = String;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == s)
                    .ok_or_else(|| {
                        let accepted: Vec<&str> = $name::ALL.iter().map(|v| v.as_str()).collect();
                        format!("invalid {} '{}': expected one of {}", $what, s, accepted.join(", "))
                    })
            }
        }
    };
}

string_enum!(
    /// Format of the user's job file (Twister2's `JobFormatType`).
    JobType, "job type" {
        /// A Java jar.
        Jar => "jar",
        /// A zip of Java classes/jars.
        JavaZip => "java_zip",
        /// A single Python file.
        Python => "python",
        /// A zip of Python files.
        PythonZip => "python_zip",
    }
);

string_enum!(
    /// Container image pull policy.
    PullPolicy, "image pull policy" {
        /// Always pull.
        Always => "Always",
        /// Pull when the node does not have the image (Twister2's default).
        IfNotPresent => "IfNotPresent",
        /// Never pull.
        Never => "Never",
    }
);

string_enum!(
    /// Transport protocol of worker ports (`kubernetes.worker.transport.protocol`).
    TransportProtocol, "transport protocol" {
        /// TCP (Twister2's default).
        Tcp => "TCP",
        /// UDP.
        Udp => "UDP",
    }
);

string_enum!(
    /// Access mode of the job's persistent volume claim.
    AccessMode, "storage access mode" {
        /// Read-write by one node.
        ReadWriteOnce => "ReadWriteOnce",
        /// Read-only by many nodes.
        ReadOnlyMany => "ReadOnlyMany",
        /// Read-write by many nodes (Twister2's default; workers share the claim).
        ReadWriteMany => "ReadWriteMany",
        /// Read-write by one pod.
        ReadWriteOncePod => "ReadWriteOncePod",
    }
);

string_enum!(
    /// `externalTrafficPolicy` of a NodePort or LoadBalancer Service.
    ExternalTrafficPolicy, "external traffic policy" {
        /// Any node forwards to any worker (Kubernetes' default).
        Cluster => "Cluster",
        /// Only nodes running a worker answer; the client address is kept.
        Local => "Local",
    }
);

string_enum!(
    /// Operator of Twister2's worker-to-node mapping (`…worker.mapping.operator`).
    NodeSelectorOperator, "node selector operator" {
        /// Label value in the list.
        In => "In",
        /// Label value not in the list.
        NotIn => "NotIn",
        /// Label present.
        Exists => "Exists",
        /// Label absent.
        DoesNotExist => "DoesNotExist",
        /// Label value, as an integer, greater than the single value.
        Gt => "Gt",
        /// Label value, as an integer, less than the single value.
        Lt => "Lt",
    }
);

string_enum!(
    /// Twister2's uniform worker mapping (`kubernetes.worker.mapping.uniform`).
    UniformMapping, "uniform worker mapping" {
        /// No pod (anti-)affinity (Twister2's default).
        None => "none",
        /// Every worker pod on one node (required pod affinity on the hostname).
        AllSameNode => "all-same-node",
        /// Every worker pod on its own node (required pod anti-affinity on the hostname).
        AllSeparateNodes => "all-separate-nodes",
    }
);

string_enum!(
    /// What `--spread` spreads worker pods over.
    SpreadDomain, "spread domain" {
        /// Racks (the rack label key).
        Rack => "rack",
        /// Datacenters (the datacenter label key).
        Datacenter => "datacenter",
        /// Nodes (`kubernetes.io/hostname`).
        Node => "node",
    }
);

/// Job-master settings (`twister2.job.master.*`). The job master always runs in the cluster
/// (`twister2.job.master.runs.in.client: false`).
#[derive(Debug, Clone, PartialEq)]
pub struct JobMasterSpec {
    /// CPU cores (`twister2.job.master.cpu`, default 0.2).
    pub cpu: f64,
    /// Memory, MiB (`twister2.job.master.ram`, default 1024); the container gets 128 MiB more.
    pub ram_mb: u32,
    /// Port the job master listens on (`twister2.job.master.port`, default 11011).
    pub port: u16,
    /// Volatile emptyDir, GiB (`twister2.job.master.volatile.volume.size`, default 0 = none).
    pub volatile_gb: f64,
    /// Share of the job's claim, GiB (`twister2.job.master.persistent.volume.size`, default 0).
    pub persistent_gb: f64,
}

impl Default for JobMasterSpec {
    fn default() -> Self {
        JobMasterSpec {
            cpu: 0.2,
            ram_mb: 1024,
            port: 11011,
            volatile_gb: 0.0,
            persistent_gb: 0.0,
        }
    }
}

/// An OpenMPI job: workers start through `mpirun` over SSH keys from a Secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenMpi {
    /// Secret with `id_rsa`, `id_rsa.pub`, `authorized_keys` (`kubernetes.secret.name`).
    pub secret_name: String,
}

/// The job's persistent volume claim `<jobID>`, shared by the job master and every worker.
#[derive(Debug, Clone, PartialEq)]
pub struct PersistentStorage {
    /// GiB per worker (`twister2.resource.persistent.volume.per.worker`); must be > 0.
    pub per_worker_gb: f64,
    /// `storageClassName`; `None` uses the cluster's default class.
    pub storage_class: Option<String>,
    /// Access mode (`twister2.resource.kubernetes.storage.access.mode`, default ReadWriteMany).
    pub access_mode: AccessMode,
}

/// `--target KEY=VALUE`: worker pods must run on nodes labelled `KEY=VALUE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeTarget {
    /// Node label key.
    pub key: String,
    /// Node label value.
    pub value: String,
}

impl FromStr for NodeTarget {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.split_once('=') {
            Some((key, value)) if !key.is_empty() => Ok(NodeTarget {
                key: key.to_string(),
                value: value.to_string(),
            }),
            _ => Err(format!("invalid target '{s}': expected KEY=VALUE")),
        }
    }
}

/// `--volume CLAIM:/path[:ro]`: an existing PersistentVolumeClaim mounted in the job master and
/// every worker container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingVolume {
    /// Name of the existing claim.
    pub claim_name: String,
    /// Absolute mount path inside the containers.
    pub mount_path: String,
    /// Mount read-only.
    pub read_only: bool,
}

impl FromStr for ExistingVolume {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("invalid volume '{s}': expected CLAIM:/path or CLAIM:/path:ro");
        let (claim, rest) = s.split_once(':').ok_or_else(bad)?;
        let (path, read_only) = match rest.rsplit_once(':') {
            Some((path, "ro")) => (path, true),
            Some((path, "rw")) => (path, false),
            Some(_) => return Err(bad()),
            None => (rest, false),
        };
        if claim.is_empty() || path.is_empty() {
            return Err(bad());
        }
        Ok(ExistingVolume {
            claim_name: claim.to_string(),
            mount_path: path.to_string(),
            read_only,
        })
    }
}

/// An Ingress to the job's workers (`--expose ingress=HOST[/PATH]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngressExposure {
    /// Host name the Ingress answers for (`*.` wildcard allowed).
    pub host: String,
    /// Path prefix, starting with `/`.
    pub path: String,
    /// `ingressClassName`; `None` uses the cluster's default class.
    pub class: Option<String>,
    /// Secret holding the TLS certificate for `host`; `None` serves plain HTTP.
    pub tls_secret: Option<String>,
}

/// How outside clients reach the workers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Exposure {
    /// Only the headless worker Service (Twister2's default).
    #[default]
    None,
    /// The worker Service `<jobID>` becomes a NodePort Service (Twister2's
    /// `kubernetes.node.port.service.requested`); `None` lets Kubernetes pick the port.
    NodePort {
        /// Fixed node port (`kubernetes.service.node.port`), 30000–32767.
        node_port: Option<u16>,
    },
    /// A LoadBalancer Service `<jobID>-lb` next to the headless worker Service.
    LoadBalancer {
        /// `loadBalancerSourceRanges` (CIDRs); empty allows every source.
        source_ranges: Vec<String>,
    },
    /// An Ingress `<jobID>` to a ClusterIP Service `<jobID>-ingress`.
    Ingress(IngressExposure),
}

impl Exposure {
    /// Short name for tables and messages: `none`, `nodeport`, `loadbalancer`, `ingress`.
    pub fn kind(&self) -> &'static str {
        match self {
            Exposure::None => "none",
            Exposure::NodePort { .. } => "nodeport",
            Exposure::LoadBalancer { .. } => "loadbalancer",
            Exposure::Ingress(_) => "ingress",
        }
    }
}

/// Rack- and datacenter-aware placement of worker pods (beyond Twister2, which builds no
/// affinity from racks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// `--spread`: a topology spread constraint over this domain's label key.
    pub spread: Option<SpreadDomain>,
    /// `--rack`: worker pods only on nodes whose rack label is one of these.
    pub racks: Vec<String>,
    /// `--datacenter`: worker pods only on nodes whose datacenter label is one of these.
    pub datacenters: Vec<String>,
    /// Node label key of racks (`twister2.resource.rack.labey.key`, else `rack`).
    pub rack_label_key: String,
    /// Node label key of datacenters (`twister2.resource.datacenter.labey.key`, else `datacenter`).
    pub datacenter_label_key: String,
}

impl Default for Placement {
    fn default() -> Self {
        Placement {
            spread: None,
            racks: Vec::new(),
            datacenters: Vec::new(),
            rack_label_key: DEFAULT_RACK_LABEL_KEY.to_string(),
            datacenter_label_key: DEFAULT_DATACENTER_LABEL_KEY.to_string(),
        }
    }
}

impl Placement {
    /// The node label key `--spread` spreads over, if any.
    pub fn spread_topology_key(&self) -> Option<&str> {
        self.spread.map(|domain| match domain {
            SpreadDomain::Rack => self.rack_label_key.as_str(),
            SpreadDomain::Datacenter => self.datacenter_label_key.as_str(),
            SpreadDomain::Node => HOSTNAME_LABEL,
        })
    }
}

/// Twister2's worker-to-node mapping (`kubernetes.worker.to.node.mapping: true` with
/// `twister2.resource.kubernetes.worker.mapping.{key,operator,values}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeMapping {
    /// Node label key.
    pub key: String,
    /// Operator.
    pub operator: NodeSelectorOperator,
    /// Values (empty for `Exists`/`DoesNotExist`, one integer for `Gt`/`Lt`).
    pub values: Vec<String>,
}

/// How pods get the job package (`UPLOAD_METHOD`, `JOB_PACKAGE_URI`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadMethod {
    /// Pods download the package from a web server (the uploader, or an S3 presigned URL).
    WebServer {
        /// Full download URL of `<jobID>.tar.gz`.
        uri: String,
    },
    /// The client copies the package into each pod as it starts.
    ClientToPods,
}

impl UploadMethod {
    /// Value of `UPLOAD_METHOD`: `webserver` or `client-to-pods`.
    pub fn as_str(&self) -> &'static str {
        match self {
            UploadMethod::WebServer { .. } => "webserver",
            UploadMethod::ClientToPods => "client-to-pods",
        }
    }

    /// Value of `JOB_PACKAGE_URI` (none for the direct method).
    pub fn uri(&self) -> Option<&str> {
        match self {
            UploadMethod::WebServer { uri } => Some(uri),
            UploadMethod::ClientToPods => None,
        }
    }
}

/// Everything the manifests of one job are rendered from. Build it, call [`JobSpec::validate`],
/// then `manifests::job::render`.
#[derive(Debug, Clone, PartialEq)]
pub struct JobSpec {
    /// Job ID (`<user>-<jobName>-<timestamp>`): every object name and the `t2-*` label values.
    pub job_id: String,
    /// Job name (as in the Job protobuf).
    pub job_name: String,
    /// Namespace of every object.
    pub namespace: String,
    /// Image of the job master and workers.
    pub image: String,
    /// Pull policy of that image.
    pub image_pull_policy: PullPolicy,
    /// `imagePullSecrets` of every pod (an addition beyond Twister2).
    pub image_pull_secret: Option<String>,
    /// Worker class (`twister2.resource.job.worker.class`).
    pub worker_class: String,
    /// Driver class (`twister2.resource.job.driver.class`).
    pub driver_class: Option<String>,
    /// Format of the user's job file.
    pub job_type: JobType,
    /// File name (no directory) of the user's job file: `USER_JOB_JAR_FILE`.
    pub job_file: String,
    /// Compute resources; index `i` becomes worker StatefulSet `<jobID>-<i>`.
    pub compute_resources: Vec<ComputeResource>,
    /// Job master settings.
    pub job_master: JobMasterSpec,
    /// First worker port (`kubernetes.worker.base.port`, default 9000).
    pub worker_base_port: u16,
    /// Protocol of worker ports.
    pub transport_protocol: TransportProtocol,
    /// Extra ports per worker (`twister2.resource.worker.additional.ports` count); worker ports
    /// of one pod are spaced `additional_ports + 1` apart.
    pub additional_ports: u32,
    /// JVM heap = worker ram × this (`twister2.kubernetes.jvm.memory.fraction`, default 0.8).
    pub jvm_memory_fraction: f64,
    /// `kubernetes.bind.worker.to.cpu`: worker resources as limits, integer CPUs.
    pub bind_to_cpu: bool,
    /// OpenMPI job, or not.
    pub openmpi: Option<OpenMpi>,
    /// The job's persistent volume claim, if any.
    pub persistent_storage: Option<PersistentStorage>,
    /// `--target`: required node affinity on every worker StatefulSet.
    pub targets: Vec<NodeTarget>,
    /// `--volume`: existing claims mounted in the job master and workers.
    pub volumes: Vec<ExistingVolume>,
    /// `--guaranteed`: limits equal to requests on every container (Guaranteed QoS).
    pub guaranteed: bool,
    /// How outside clients reach the workers.
    pub exposure: Exposure,
    /// `externalTrafficPolicy` of the NodePort or LoadBalancer Service.
    pub external_traffic_policy: Option<ExternalTrafficPolicy>,
    /// Rack/datacenter placement.
    pub placement: Placement,
    /// Twister2's worker-to-node mapping.
    pub node_mapping: Option<NodeMapping>,
    /// Twister2's uniform worker mapping.
    pub uniform_mapping: UniformMapping,
    /// How pods get the package.
    pub upload: UploadMethod,
    /// Byte size of the job package: `JOB_PACKAGE_FILE_SIZE`.
    pub package_size: u64,
    /// Submission time, ms since the epoch: `JOB_SUBMISSION_TIME`.
    pub submission_time_ms: i64,
    /// Restart from a checkpoint: `RESTORE_JOB`; the existing claim is reused, not created.
    pub restore: bool,
    /// `ENCODED_NODE_INFO_LIST`; `None` when node locations come from the config.
    pub encoded_node_info: Option<String>,
    /// Base64 of the protobuf `Job`: ConfigMap key `TWISTER2_JOB_OBJECT`.
    pub job_object_base64: String,
    /// Extra labels on every object and pod (may not reuse Twister2's or the plugin's keys).
    pub extra_labels: BTreeMap<String, String>,
}

/// Every problem `JobSpec::validate` found, one per line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid job:\n  - {}", .problems.join("\n  - "))]
pub struct InvalidSpec {
    /// One message per problem, in the order checked.
    pub problems: Vec<String>,
}

impl JobSpec {
    /// A canonical, valid job for tests and documentation: job `u-hello-36cz77mu` in
    /// `default`, one compute resource of 2 pods × 2 workers (0.5 cpu, 1024 MiB, 1 GiB disk),
    /// web-server upload, Twister2's defaults everywhere else.
    pub fn example(job_id: &str) -> JobSpec {
        JobSpec {
            job_id: job_id.to_string(),
            job_name: "hello".to_string(),
            namespace: "default".to_string(),
            image: "twister2/twister2-k8s:0.8.0-SNAPSHOT".to_string(),
            image_pull_policy: PullPolicy::IfNotPresent,
            image_pull_secret: None,
            worker_class: "edu.iu.dsc.tws.examples.basic.HelloWorld".to_string(),
            driver_class: None,
            job_type: JobType::Jar,
            job_file: "libexamples-java.jar".to_string(),
            compute_resources: vec![ComputeResource {
                index: 0,
                cpu: 0.5,
                ram_mb: 1024,
                disk_gb: 1.0,
                instances: 2,
                workers_per_pod: 2,
                scalable: false,
            }],
            job_master: JobMasterSpec::default(),
            worker_base_port: 9000,
            transport_protocol: TransportProtocol::Tcp,
            additional_ports: 0,
            jvm_memory_fraction: 0.8,
            bind_to_cpu: false,
            openmpi: None,
            persistent_storage: None,
            targets: Vec::new(),
            volumes: Vec::new(),
            guaranteed: false,
            exposure: Exposure::None,
            external_traffic_policy: None,
            placement: Placement::default(),
            node_mapping: None,
            uniform_mapping: UniformMapping::None,
            upload: UploadMethod::WebServer {
                uri: format!("http://twister2-uploader.default.svc.cluster.local/{job_id}.tar.gz"),
            },
            package_size: 123_456,
            submission_time_ms: 1_608_076_800_000,
            restore: false,
            encoded_node_info: Some("10.0.0.1,r1,dc1;10.0.0.2,r2,dc1;".to_string()),
            job_object_base64: "CgVoZWxsbxIQdS1oZWxsby0zNmN6NzdtdQ==".to_string(),
            extra_labels: BTreeMap::new(),
        }
    }

    /// Total number of workers: Σ instances × workers per pod.
    pub fn number_of_workers(&self) -> u64 {
        self.compute_resources
            .iter()
            .map(|cr| u64::from(cr.instances) * u64::from(cr.workers_per_pod))
            .sum()
    }

    /// Whether this is an OpenMPI job.
    pub fn is_openmpi(&self) -> bool {
        self.openmpi.is_some()
    }

    /// Port of worker container `container_index` in a pod:
    /// base port + index × (additional ports + 1), as Twister2 numbers them.
    pub fn worker_port(&self, container_index: u32) -> u32 {
        u32::from(self.worker_base_port) + container_index * (self.additional_ports + 1)
    }

    /// Checks everything and returns every problem at once, before anything is created.
    ///
    /// Compat: Twister2 mounts claim `<jobID>` in the job master whenever
    /// `twister2.job.master.persistent.volume.size` > 0 but creates the claim only when workers
    /// ask for persistent storage, leaving the job master pending; such a job is refused here.
    ///
    /// Compat: checks Twister2 does not make: a fixed node port within 30000–32767, worker
    /// ports within 65535, one worker per pod for LoadBalancer and Ingress exposure as for
    /// NodePort, values for `In`/`NotIn` and one integer for `Gt`/`Lt` in the worker mapping,
    /// label syntax of targets, racks and datacenters, `--spread` against `all-same-node`,
    /// existing-volume mount paths clear of Twister2's own mounts and of the image's
    /// `/twister2`, and a job object that fits in a ConfigMap.
    pub fn validate(&self) -> Result<(), InvalidSpec> {
        let mut p = Vec::new();
        self.check_identity(&mut p);
        self.check_compute_resources(&mut p);
        self.check_job_master(&mut p);
        self.check_ports(&mut p);
        self.check_openmpi(&mut p);
        self.check_storage(&mut p);
        self.check_volumes(&mut p);
        self.check_exposure(&mut p);
        self.check_placement(&mut p);
        self.check_upload(&mut p);
        self.check_labels(&mut p);
        if p.is_empty() {
            Ok(())
        } else {
            Err(InvalidSpec { problems: p })
        }
    }

    fn check_identity(&self, p: &mut Vec<String>) {
        if !is_dns1123_label(&self.job_id) || self.job_id.len() > MAX_JOB_ID_LEN {
            p.push(format!(
                "job ID '{}' must be at most {MAX_JOB_ID_LEN} lowercase letters, digits and '-', \
                 starting and ending with a letter or digit",
                self.job_id
            ));
        }
        if self.job_name.is_empty() {
            p.push("job name is empty".to_string());
        }
        if !is_dns1123_label(&self.namespace) {
            p.push(format!(
                "namespace '{}' is not a valid namespace name",
                self.namespace
            ));
        }
        if self.image.trim().is_empty() || self.image.chars().any(char::is_whitespace) {
            p.push(format!(
                "image '{}' is empty or contains whitespace",
                self.image
            ));
        }
        if let Some(secret) = &self.image_pull_secret
            && !is_dns1123_subdomain(secret)
        {
            p.push(format!(
                "image pull secret '{secret}' is not a valid Secret name"
            ));
        }
        if self.worker_class.trim().is_empty() {
            p.push("worker class is empty (--class)".to_string());
        }
        if self.job_file.is_empty() || self.job_file.contains('/') {
            p.push(format!(
                "job file name '{}' must be a file name without a directory",
                self.job_file
            ));
        }
        if !(self.jvm_memory_fraction > 0.0 && self.jvm_memory_fraction <= 1.0) {
            p.push(format!(
                "JVM memory fraction {} must be in (0, 1] (twister2.kubernetes.jvm.memory.fraction)",
                self.jvm_memory_fraction
            ));
        }
    }

    fn check_compute_resources(&self, p: &mut Vec<String>) {
        let rules = JobResourceRules {
            openmpi: self.is_openmpi(),
            bind_worker_to_cpu: self.bind_to_cpu,
            node_port: matches!(self.exposure, Exposure::NodePort { .. }),
        };
        if let Err(ResourceProblems(found)) =
            validate_job_resources(&self.compute_resources, &rules)
        {
            p.extend(found.iter().map(ToString::to_string));
        }
        for cr in &self.compute_resources {
            let memory = u64::from(cr.ram_mb) * u64::from(self.container_multiplier(cr));
            if memory > u64::from(u32::MAX) {
                p.push(format!(
                    "compute resource {}: memory per container {memory}Mi is too large",
                    cr.index
                ));
            }
        }
    }

    /// OpenMPI runs all workers of a pod in one container, so its resources are multiplied.
    fn container_multiplier(&self, cr: &ComputeResource) -> u32 {
        if self.is_openmpi() {
            cr.workers_per_pod.max(1)
        } else {
            1
        }
    }

    fn check_job_master(&self, p: &mut Vec<String>) {
        let jm = &self.job_master;
        if !(jm.cpu.is_finite() && (MIN_JOB_MASTER_CPU..MAX_DECIMAL_SIZE).contains(&jm.cpu)) {
            p.push(format!(
                "job master cpu {} must be at least {MIN_JOB_MASTER_CPU} (twister2.job.master.cpu)",
                jm.cpu
            ));
        }
        if jm.ram_mb == 0 {
            p.push("job master memory must be positive".to_string());
        }
        if jm.port == 0 {
            p.push("job master port must not be 0".to_string());
        }
        if !(jm.volatile_gb.is_finite() && jm.volatile_gb >= 0.0) {
            p.push(format!(
                "job master volatile size {} must be zero or positive",
                jm.volatile_gb
            ));
        }
        if !(jm.persistent_gb.is_finite() && jm.persistent_gb >= 0.0) {
            p.push(format!(
                "job master persistent size {} must be zero or positive",
                jm.persistent_gb
            ));
        }
        if jm.persistent_gb > 0.0 && self.persistent_storage.is_none() {
            p.push(
                "the job master asks for persistent storage \
                 (twister2.job.master.persistent.volume.size) but the job has none; \
                 add --persistent-storage"
                    .to_string(),
            );
        }
    }

    fn check_ports(&self, p: &mut Vec<String>) {
        if self.worker_base_port == 0 {
            p.push("worker base port must not be 0".to_string());
        }
        let widest = self
            .compute_resources
            .iter()
            .map(|cr| self.containers(cr))
            .max();
        let top = u64::from(self.worker_base_port)
            + u64::from(widest.unwrap_or(1).saturating_sub(1))
                * (u64::from(self.additional_ports) + 1)
            + u64::from(self.additional_ports);
        if top > u64::from(u16::MAX) {
            p.push(format!(
                "worker ports would reach {top}, above 65535 (base port {}, {} additional ports)",
                self.worker_base_port, self.additional_ports
            ));
        }
    }

    /// Containers of a pod of `cr`: one per worker, or one for OpenMPI.
    fn containers(&self, cr: &ComputeResource) -> u32 {
        if self.is_openmpi() {
            1
        } else {
            cr.workers_per_pod
        }
    }

    fn check_openmpi(&self, p: &mut Vec<String>) {
        let Some(mpi) = &self.openmpi else { return };
        if !is_dns1123_subdomain(&mpi.secret_name) {
            p.push(format!(
                "OpenMPI secret '{}' is not a valid Secret name",
                mpi.secret_name
            ));
        }
        // Equal workers per pod is one of the compute resource checks.
    }

    fn check_storage(&self, p: &mut Vec<String>) {
        let Some(storage) = &self.persistent_storage else {
            return;
        };
        if !(storage.per_worker_gb.is_finite() && storage.per_worker_gb > 0.0) {
            p.push(format!(
                "persistent storage per worker {} must be a positive number",
                storage.per_worker_gb
            ));
        }
        if let Some(class) = &storage.storage_class
            && !is_dns1123_subdomain(class)
        {
            p.push(format!(
                "storage class '{class}' is not a valid StorageClass name"
            ));
        }
        // Written like Java's Double.toString, which uses exponent notation from 10^7 on.
        #[allow(clippy::cast_precision_loss)]
        let total =
            storage.per_worker_gb * self.number_of_workers() as f64 + self.job_master.persistent_gb;
        if total >= MAX_DECIMAL_SIZE {
            p.push(format!(
                "persistent storage of {total} GiB in total is too large"
            ));
        }
    }

    fn check_volumes(&self, p: &mut Vec<String>) {
        let mut seen: BTreeSet<String> = BTreeSet::new();
        for volume in &self.volumes {
            let at = format!("volume {}:{}", volume.claim_name, volume.mount_path);
            if !is_dns1123_subdomain(&volume.claim_name) {
                p.push(format!(
                    "{at}: '{}' is not a valid claim name",
                    volume.claim_name
                ));
            }
            let Some(path) = normalize_mount_path(&volume.mount_path) else {
                p.push(format!(
                    "{at}: mount path must be absolute, without '..', ':' or empty parts"
                ));
                continue;
            };
            for own in TWISTER2_MOUNTS {
                if paths_overlap(&path, own) {
                    p.push(format!(
                        "{at}: mount path clashes with Twister2's own mount {own}"
                    ));
                }
            }
            if is_ancestor_or_same(&path, IMAGE_WORKDIR) {
                p.push(format!(
                    "{at}: mount path would hide the image's {IMAGE_WORKDIR} directory"
                ));
            }
            if !seen.insert(path.clone()) {
                p.push(format!("{at}: mount path {path} is used twice"));
            }
        }
    }

    fn check_exposure(&self, p: &mut Vec<String>) {
        // NodePort's one-worker-per-pod rule is part of the compute resource checks.
        if matches!(
            self.exposure,
            Exposure::LoadBalancer { .. } | Exposure::Ingress(_)
        ) {
            for cr in &self.compute_resources {
                if cr.workers_per_pod != 1 {
                    p.push(format!(
                        "compute resource {} has workers-per-pod {}, but {} exposure needs \
                         workers-per-pod 1 in every compute resource (a Service reaches one \
                         port per pod)",
                        cr.index,
                        cr.workers_per_pod,
                        self.exposure.kind()
                    ));
                }
            }
        }
        match &self.exposure {
            Exposure::None => {}
            Exposure::NodePort { node_port } => {
                let (low, high) = NODE_PORT_RANGE;
                if let Some(port) = node_port
                    && !(low..=high).contains(port)
                {
                    p.push(format!(
                        "node port {port} is outside the node port range {low}-{high}"
                    ));
                }
            }
            Exposure::LoadBalancer { source_ranges } => {
                for range in source_ranges {
                    if !is_cidr(range) {
                        p.push(format!(
                            "load balancer source range '{range}' is not a CIDR such as 10.0.0.0/8"
                        ));
                    }
                }
            }
            Exposure::Ingress(ingress) => self.check_ingress(ingress, p),
        }
        if self.external_traffic_policy.is_some()
            && !matches!(
                self.exposure,
                Exposure::NodePort { .. } | Exposure::LoadBalancer { .. }
            )
        {
            p.push(
                "--external-traffic-policy applies only to nodeport and loadbalancer exposure"
                    .to_string(),
            );
        }
    }

    fn check_ingress(&self, ingress: &IngressExposure, p: &mut Vec<String>) {
        if !is_ingress_host(&ingress.host) {
            p.push(format!(
                "ingress host '{}' must be a lowercase DNS name (optionally starting with '*.'), \
                 not an IP address",
                ingress.host
            ));
        }
        if !is_ingress_path(&ingress.path) {
            p.push(format!(
                "ingress path '{}' must start with '/' and contain no '//', '/./' or '/../'",
                ingress.path
            ));
        }
        if let Some(class) = &ingress.class
            && !is_dns1123_subdomain(class)
        {
            p.push(format!(
                "ingress class '{class}' is not a valid IngressClass name"
            ));
        }
        if let Some(secret) = &ingress.tls_secret
            && !is_dns1123_subdomain(secret)
        {
            p.push(format!("TLS secret '{secret}' is not a valid Secret name"));
        }
        if self.transport_protocol != TransportProtocol::Tcp {
            p.push("ingress exposure needs the TCP transport protocol".to_string());
        }
    }

    fn check_placement(&self, p: &mut Vec<String>) {
        let mut keys = BTreeSet::new();
        for target in &self.targets {
            if !is_qualified_name(&target.key) {
                p.push(format!(
                    "target key '{}' is not a valid label key",
                    target.key
                ));
            }
            if !is_label_value(&target.value) {
                p.push(format!(
                    "target value '{}' is not a valid label value",
                    target.value
                ));
            }
            if !keys.insert(target.key.as_str()) {
                p.push(format!(
                    "target key '{}' is given twice; a node has one value per key",
                    target.key
                ));
            }
        }
        let placement = &self.placement;
        for (what, key) in [
            ("rack", &placement.rack_label_key),
            ("datacenter", &placement.datacenter_label_key),
        ] {
            if !is_qualified_name(key) {
                p.push(format!("{what} label key '{key}' is not a valid label key"));
            }
        }
        for (what, values) in [
            ("rack", &placement.racks),
            ("datacenter", &placement.datacenters),
        ] {
            for value in values {
                if value.is_empty() || !is_label_value(value) {
                    p.push(format!("{what} '{value}' is not a valid label value"));
                }
            }
        }
        if placement.spread.is_some() && self.uniform_mapping == UniformMapping::AllSameNode {
            p.push(
                "--spread contradicts the uniform mapping all-same-node \
                 (kubernetes.worker.mapping.uniform)"
                    .to_string(),
            );
        }
        if let Some(mapping) = &self.node_mapping {
            check_node_mapping(mapping, p);
        }
    }

    fn check_upload(&self, p: &mut Vec<String>) {
        if let UploadMethod::WebServer { uri } = &self.upload
            && !(uri.starts_with("http://") || uri.starts_with("https://"))
        {
            p.push(format!(
                "package URI '{uri}' must be an http:// or https:// URL"
            ));
        }
        if self.package_size == 0 {
            p.push("job package size is 0".to_string());
        }
        if self.job_object_base64.is_empty() {
            p.push("the encoded Job object is empty".to_string());
        } else if self.job_object_base64.len() > MAX_JOB_OBJECT_LEN {
            p.push(format!(
                "the encoded Job object is {} bytes, too large for a ConfigMap",
                self.job_object_base64.len()
            ));
        }
    }

    fn check_labels(&self, p: &mut Vec<String>) {
        use crate::manifests::labels;
        let reserved = [
            labels::APP,
            labels::JOB,
            labels::WORKER_STATEFULSET,
            labels::WORKER_POD,
            labels::MASTER_STATEFULSET,
            labels::MASTER_POD,
            labels::MANAGED_BY,
            labels::PART_OF,
            labels::COMPONENT,
        ];
        for (key, value) in &self.extra_labels {
            if reserved.contains(&key.as_str()) {
                p.push(format!(
                    "label '{key}' is set by Twister2 or the plugin and cannot be overridden"
                ));
            } else if !is_qualified_name(key) {
                p.push(format!("label key '{key}' is not a valid label key"));
            }
            if !is_label_value(value) {
                p.push(format!(
                    "label value '{value}' of '{key}' is not a valid label value"
                ));
            }
        }
    }
}

fn check_node_mapping(mapping: &NodeMapping, p: &mut Vec<String>) {
    if !is_qualified_name(&mapping.key) {
        p.push(format!(
            "worker mapping key '{}' is not a valid label key \
             (twister2.resource.kubernetes.worker.mapping.key)",
            mapping.key
        ));
    }
    let n = mapping.values.len();
    match mapping.operator {
        NodeSelectorOperator::Exists | NodeSelectorOperator::DoesNotExist if n != 0 => {
            p.push(format!(
                "worker mapping operator {} takes no values",
                mapping.operator
            ));
        }
        NodeSelectorOperator::In | NodeSelectorOperator::NotIn if n == 0 => {
            p.push(format!(
                "worker mapping operator {} needs at least one value",
                mapping.operator
            ));
        }
        NodeSelectorOperator::Gt | NodeSelectorOperator::Lt
            if n != 1 || mapping.values[0].parse::<i64>().is_err() =>
        {
            p.push(format!(
                "worker mapping operator {} needs exactly one integer value",
                mapping.operator
            ));
        }
        _ => {}
    }
    for value in &mapping.values {
        if !is_label_value(value) {
            p.push(format!(
                "worker mapping value '{value}' is not a valid label value"
            ));
        }
    }
}

/// `/a//b/` → `/a/b`; `None` for relative paths, `..`/`.` parts or `:`.
fn normalize_mount_path(path: &str) -> Option<String> {
    if !path.starts_with('/') || path.contains(':') {
        return None;
    }
    let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if parts.iter().any(|s| *s == ".." || *s == ".") {
        return None;
    }
    Some(format!("/{}", parts.join("/")))
}

/// `a` is `b` or one of its parent directories.
fn is_ancestor_or_same(a: &str, b: &str) -> bool {
    a == b || a == "/" || b.strip_prefix(a).is_some_and(|rest| rest.starts_with('/'))
}

/// One path is the other or contains it.
fn paths_overlap(a: &str, b: &str) -> bool {
    is_ancestor_or_same(a, b) || is_ancestor_or_same(b, a)
}

/// RFC 1123 label: lowercase alphanumerics and `-`, at most 63, alphanumeric at both ends.
pub fn is_dns1123_label(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 63
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && b[0] != b'-'
        && b[b.len() - 1] != b'-'
}

/// RFC 1123 subdomain: dot-separated labels, at most 253 characters.
pub fn is_dns1123_subdomain(s: &str) -> bool {
    !s.is_empty() && s.len() <= 253 && s.split('.').all(is_dns1123_label)
}

/// Kubernetes label value: empty, or at most 63 of `[A-Za-z0-9_.-]`, alphanumeric at both ends.
pub fn is_label_value(s: &str) -> bool {
    let b = s.as_bytes();
    b.is_empty()
        || (b.len() <= 63
            && b.iter()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
            && b[0].is_ascii_alphanumeric()
            && b[b.len() - 1].is_ascii_alphanumeric())
}

/// Kubernetes label key: `[prefix/]name`, prefix a DNS subdomain, name a non-empty label value.
pub fn is_qualified_name(s: &str) -> bool {
    let (prefix, name) = match s.split_once('/') {
        Some((prefix, name)) => (Some(prefix), name),
        None => (None, s),
    };
    prefix.is_none_or(is_dns1123_subdomain) && !name.is_empty() && is_label_value(name)
}

/// `address/prefix-length` for IPv4 or IPv6.
pub fn is_cidr(s: &str) -> bool {
    let Some((address, bits)) = s.split_once('/') else {
        return false;
    };
    let Ok(bits) = bits.parse::<u8>() else {
        return false;
    };
    match address.parse::<IpAddr>() {
        Ok(IpAddr::V4(_)) => bits <= 32,
        Ok(IpAddr::V6(_)) => bits <= 128,
        Err(_) => false,
    }
}

/// Ingress rule host: a DNS subdomain, optionally `*.`-prefixed, never an IP address.
fn is_ingress_host(s: &str) -> bool {
    let name = s.strip_prefix("*.").unwrap_or(s);
    name.parse::<IpAddr>().is_err() && is_dns1123_subdomain(name)
}

/// Ingress `Prefix` path: absolute, no empty, `.` or `..` segments.
fn is_ingress_path(s: &str) -> bool {
    if !s.starts_with('/') {
        return false;
    }
    let inner = s.trim_end_matches('/');
    if inner.is_empty() {
        return s == "/";
    }
    inner[1..]
        .split('/')
        .all(|seg| !seg.is_empty() && seg != "." && seg != "..")
        && !s.ends_with("//")
        && !s.chars().any(|c| c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(spec: &JobSpec) -> Vec<String> {
        match spec.validate() {
            Ok(()) => Vec::new(),
            Err(e) => e.problems,
        }
    }

    fn has(spec: &JobSpec, needle: &str) -> bool {
        let found = problems(spec);
        found.iter().any(|m| m.contains(needle)) || {
            eprintln!("looked for '{needle}' in {found:#?}");
            false
        }
    }

    fn wpp1(mut spec: JobSpec) -> JobSpec {
        for cr in &mut spec.compute_resources {
            cr.workers_per_pod = 1;
        }
        spec
    }

    #[test]
    fn example_is_valid() {
        let spec = JobSpec::example("u-hello-36cz77mu");
        assert_eq!(spec.validate(), Ok(()));
        assert_eq!(spec.number_of_workers(), 4);
        assert_eq!(spec.worker_port(1), 9001);
    }

    #[test]
    fn worker_ports_are_spaced_by_additional_ports() {
        let mut spec = JobSpec::example("j");
        spec.additional_ports = 2;
        assert_eq!(spec.worker_port(0), 9000);
        assert_eq!(spec.worker_port(1), 9003);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut spec = JobSpec::example("Bad_ID");
        spec.namespace = "Not Valid".into();
        spec.compute_resources[0].instances = 0;
        spec.exposure = Exposure::NodePort {
            node_port: Some(80),
        };
        let found = problems(&spec);
        assert!(found.len() >= 5, "{found:#?}");
        let text = spec.validate().unwrap_err().to_string();
        assert!(
            text.starts_with("invalid job:\n  - job ID 'Bad_ID'"),
            "{text}"
        );
    }

    #[test]
    fn job_id_length_is_limited() {
        let spec = JobSpec::example(&"a".repeat(50));
        assert!(has(&spec, "at most 49"));
        assert_eq!(JobSpec::example(&"a".repeat(49)).validate(), Ok(()));
    }

    #[test]
    fn exposure_needs_one_worker_per_pod() {
        for exposure in [
            Exposure::NodePort { node_port: None },
            Exposure::LoadBalancer {
                source_ranges: vec![],
            },
            Exposure::Ingress(IngressExposure {
                host: "t2.example.com".into(),
                path: "/".into(),
                class: None,
                tls_secret: None,
            }),
        ] {
            let mut spec = JobSpec::example("j");
            spec.exposure = exposure.clone();
            assert!(has(&spec, "compute resource 0 has workers-per-pod 2, but"));
            let why = match exposure {
                Exposure::NodePort { .. } => {
                    "a NodePort service needs workers-per-pod 1".to_string()
                }
                _ => format!("{} exposure needs workers-per-pod 1", exposure.kind()),
            };
            assert!(has(&spec, &why), "{why}");
            assert_eq!(problems(&spec).len(), 1, "reported once");
            assert_eq!(wpp1(spec).validate(), Ok(()), "{exposure:?}");
        }
    }

    #[test]
    fn node_port_range() {
        let mut spec = wpp1(JobSpec::example("j"));
        spec.exposure = Exposure::NodePort {
            node_port: Some(29999),
        };
        assert!(has(
            &spec,
            "node port 29999 is outside the node port range 30000-32767"
        ));
        spec.exposure = Exposure::NodePort {
            node_port: Some(32768),
        };
        assert!(has(&spec, "32768"));
        spec.exposure = Exposure::NodePort {
            node_port: Some(30000),
        };
        assert_eq!(spec.validate(), Ok(()));
        spec.exposure = Exposure::NodePort {
            node_port: Some(32767),
        };
        assert_eq!(spec.validate(), Ok(()));
    }

    #[test]
    fn load_balancer_source_ranges_are_cidrs() {
        let mut spec = wpp1(JobSpec::example("j"));
        spec.exposure = Exposure::LoadBalancer {
            source_ranges: vec![
                "10.0.0.0/8".into(),
                "2001:db8::/32".into(),
                "10.0.0.0".into(),
            ],
        };
        let found = problems(&spec);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].contains("'10.0.0.0'"));
        assert!(!is_cidr("10.0.0.0/33"));
        assert!(!is_cidr("host/8"));
    }

    #[test]
    fn ingress_host_path_class_and_tls() {
        let mut spec = wpp1(JobSpec::example("j"));
        let ingress = |host: &str, path: &str| {
            Exposure::Ingress(IngressExposure {
                host: host.into(),
                path: path.into(),
                class: Some("nginx".into()),
                tls_secret: Some("t2-tls".into()),
            })
        };
        for (host, path) in [
            ("t2.example.com", "/"),
            ("*.example.com", "/jobs/a"),
            ("a", "/x/"),
        ] {
            spec.exposure = ingress(host, path);
            assert_eq!(spec.validate(), Ok(()), "{host} {path}");
        }
        for host in [
            "10.0.0.1",
            "Upper.example.com",
            "bad_host",
            "",
            "a..b",
            "x.example.com:80",
        ] {
            spec.exposure = ingress(host, "/");
            assert!(has(&spec, "ingress host"), "{host}");
        }
        for path in ["", "jobs", "/a//b", "/a/../b", "/a/./b", "/a/..", "/ a"] {
            spec.exposure = ingress("t2.example.com", path);
            assert!(has(&spec, "ingress path"), "{path}");
        }
        spec.exposure = Exposure::Ingress(IngressExposure {
            host: "t2.example.com".into(),
            path: "/".into(),
            class: Some("Nginx!".into()),
            tls_secret: Some("bad secret".into()),
        });
        assert!(has(&spec, "ingress class 'Nginx!'"));
        assert!(has(&spec, "TLS secret 'bad secret'"));
        spec.transport_protocol = TransportProtocol::Udp;
        assert!(has(&spec, "needs the TCP transport protocol"));
    }

    #[test]
    fn external_traffic_policy_needs_an_external_service() {
        let mut spec = wpp1(JobSpec::example("j"));
        spec.external_traffic_policy = Some(ExternalTrafficPolicy::Local);
        assert!(has(&spec, "applies only to nodeport and loadbalancer"));
        spec.exposure = Exposure::NodePort { node_port: None };
        assert_eq!(spec.validate(), Ok(()));
        spec.exposure = Exposure::LoadBalancer {
            source_ranges: vec![],
        };
        assert_eq!(spec.validate(), Ok(()));
    }

    #[test]
    fn openmpi_needs_equal_workers_per_pod_and_a_secret_name() {
        let mut spec = JobSpec::example("j");
        spec.openmpi = Some(OpenMpi {
            secret_name: "twister2-openmpi-ssh-key".into(),
        });
        let mut second = spec.compute_resources[0].clone();
        second.index = 1;
        second.workers_per_pod = 3;
        spec.compute_resources.push(second);
        assert!(has(&spec, "OpenMPI jobs need the same workers-per-pod"));
        spec.compute_resources[1].workers_per_pod = 2;
        assert_eq!(spec.validate(), Ok(()));
        spec.openmpi = Some(OpenMpi {
            secret_name: "Bad Name".into(),
        });
        assert!(has(&spec, "OpenMPI secret 'Bad Name'"));
    }

    #[test]
    fn compute_resource_rules() {
        let mut spec = JobSpec::example("j");
        let mut second = spec.compute_resources[0].clone();
        second.index = 1;
        spec.compute_resources.push(second);
        spec.compute_resources[0].scalable = true;
        assert!(has(&spec, "only the last compute resource may be"));
        spec.compute_resources[0].scalable = false;
        spec.compute_resources[1].scalable = true;
        assert_eq!(spec.validate(), Ok(()));
        spec.compute_resources[1].index = 5;
        assert!(has(&spec, "position 1 has index 5"));
        spec.compute_resources[1].index = 1;
        spec.compute_resources[0].cpu = 0.0;
        spec.compute_resources[0].ram_mb = 0;
        spec.compute_resources[0].disk_gb = -1.0;
        spec.compute_resources[0].workers_per_pod = 0;
        for needle in [
            "cpu 0 must",
            "memory 0Mi",
            "disk -1",
            "workers-per-pod must",
        ] {
            assert!(has(&spec, needle), "{needle}");
        }
        spec.compute_resources.clear();
        assert!(has(&spec, "no compute resource"));
    }

    #[test]
    fn bind_to_cpu_needs_whole_cpus() {
        let mut spec = JobSpec::example("j");
        spec.bind_to_cpu = true;
        assert!(has(&spec, "needs whole cores"));
        spec.compute_resources[0].cpu = 2.0;
        assert_eq!(spec.validate(), Ok(()));
    }

    #[test]
    fn values_java_would_write_in_exponent_notation_are_refused() {
        let mut spec = JobSpec::example("j");
        spec.job_master.cpu = 0.0005;
        assert!(has(&spec, "job master cpu 0.0005 must be at least 0.001"));
        spec.job_master.cpu = 0.001;
        assert_eq!(spec.validate(), Ok(()));
        spec.persistent_storage = Some(PersistentStorage {
            per_worker_gb: 2_500_000.0,
            storage_class: None,
            access_mode: AccessMode::ReadWriteOnce,
        });
        assert!(has(
            &spec,
            "persistent storage of 10000000 GiB in total is too large"
        ));
    }

    #[test]
    fn openmpi_container_memory_must_fit() {
        let mut spec = JobSpec::example("j");
        spec.openmpi = Some(OpenMpi {
            secret_name: "k".into(),
        });
        spec.compute_resources[0].ram_mb = 1 << 30;
        spec.compute_resources[0].workers_per_pod = 8;
        assert!(has(&spec, "memory per container 8589934592Mi is too large"));
    }

    #[test]
    fn worker_ports_must_fit() {
        let mut spec = JobSpec::example("j");
        spec.worker_base_port = 65535;
        assert!(has(&spec, "worker ports would reach 65536"));
        spec.worker_base_port = 65534;
        assert_eq!(spec.validate(), Ok(()));
        spec.additional_ports = 1;
        assert!(has(&spec, "above 65535"));
    }

    #[test]
    fn job_master_persistent_size_needs_the_claim() {
        let mut spec = JobSpec::example("j");
        spec.job_master.persistent_gb = 1.0;
        assert!(has(&spec, "add --persistent-storage"));
        spec.persistent_storage = Some(PersistentStorage {
            per_worker_gb: 1.0,
            storage_class: None,
            access_mode: AccessMode::ReadWriteMany,
        });
        assert_eq!(spec.validate(), Ok(()));
        spec.persistent_storage = Some(PersistentStorage {
            per_worker_gb: 0.0,
            storage_class: Some("NFS".into()),
            access_mode: AccessMode::ReadWriteMany,
        });
        assert!(has(&spec, "per worker 0 must be a positive number"));
        assert!(has(&spec, "storage class 'NFS'"));
    }

    #[test]
    fn existing_volumes_may_not_clash() {
        let mut spec = JobSpec::example("j");
        let vol = |claim: &str, path: &str| ExistingVolume {
            claim_name: claim.into(),
            mount_path: path.into(),
            read_only: false,
        };
        spec.volumes = vec![vol("data", "/data"), vol("ref", "/ref/genome/")];
        assert_eq!(spec.validate(), Ok(()));
        for path in [
            "/twister2-memory-dir",
            "/twister2-volatile/x",
            "/persistent/",
            "/ssh-key",
            "/ssh-key/openmpi",
            "//persistent",
        ] {
            spec.volumes = vec![vol("data", path)];
            assert!(has(&spec, "clashes with Twister2's own mount"), "{path}");
        }
        for path in ["/", "/twister2"] {
            spec.volumes = vec![vol("data", path)];
            assert!(has(&spec, "would hide the image's /twister2"), "{path}");
        }
        spec.volumes = vec![vol("data", "/twister2-data"), vol("x", "/persistent-other")];
        assert_eq!(spec.validate(), Ok(()));
        spec.volumes = vec![vol("a", "/data"), vol("b", "/data/")];
        assert!(has(&spec, "mount path /data is used twice"));
        spec.volumes = vec![vol("Bad", "relative"), vol("c", "/a/../b")];
        assert!(has(&spec, "'Bad' is not a valid claim name"));
        assert_eq!(
            problems(&spec)
                .iter()
                .filter(|m| m.contains("must be absolute"))
                .count(),
            2
        );
    }

    #[test]
    fn targets_and_placement_labels() {
        let mut spec = JobSpec::example("j");
        spec.targets = vec![
            "zone=a".parse().unwrap(),
            "example.com/gpu=true".parse().unwrap(),
        ];
        spec.placement.racks = vec!["r1".into()];
        spec.placement.spread = Some(SpreadDomain::Rack);
        assert_eq!(spec.validate(), Ok(()));
        spec.targets.push("zone=b".parse().unwrap());
        spec.targets.push("bad key=x".parse().unwrap());
        spec.targets.push("k=bad value".parse().unwrap());
        spec.placement.datacenters = vec![String::new()];
        spec.placement.rack_label_key = "-rack".into();
        for needle in [
            "target key 'zone' is given twice",
            "target key 'bad key'",
            "target value 'bad value'",
            "datacenter '' is not",
            "rack label key '-rack'",
        ] {
            assert!(has(&spec, needle), "{needle}");
        }
    }

    #[test]
    fn spread_conflicts_with_all_same_node() {
        let mut spec = JobSpec::example("j");
        spec.placement.spread = Some(SpreadDomain::Node);
        spec.uniform_mapping = UniformMapping::AllSameNode;
        assert!(has(&spec, "contradicts the uniform mapping"));
        spec.uniform_mapping = UniformMapping::AllSeparateNodes;
        assert_eq!(spec.validate(), Ok(()));
    }

    #[test]
    fn spread_topology_keys() {
        let mut placement = Placement::default();
        assert_eq!(placement.spread_topology_key(), None);
        placement.spread = Some(SpreadDomain::Rack);
        assert_eq!(placement.spread_topology_key(), Some("rack"));
        placement.datacenter_label_key = "topology.example.com/dc".into();
        placement.spread = Some(SpreadDomain::Datacenter);
        assert_eq!(
            placement.spread_topology_key(),
            Some("topology.example.com/dc")
        );
        placement.spread = Some(SpreadDomain::Node);
        assert_eq!(
            placement.spread_topology_key(),
            Some("kubernetes.io/hostname")
        );
    }

    #[test]
    fn node_mapping_operators_and_values() {
        let mut spec = JobSpec::example("j");
        let mapping = |op: NodeSelectorOperator, values: &[&str]| NodeMapping {
            key: "kubernetes.io/hostname".into(),
            operator: op,
            values: values.iter().map(|v| v.to_string()).collect(),
        };
        for ok in [
            mapping(NodeSelectorOperator::In, &["e012", "e013"]),
            mapping(NodeSelectorOperator::Exists, &[]),
            mapping(NodeSelectorOperator::Gt, &["4"]),
        ] {
            spec.node_mapping = Some(ok);
            assert_eq!(spec.validate(), Ok(()));
        }
        spec.node_mapping = Some(mapping(NodeSelectorOperator::DoesNotExist, &["x"]));
        assert!(has(&spec, "DoesNotExist takes no values"));
        spec.node_mapping = Some(mapping(NodeSelectorOperator::NotIn, &[]));
        assert!(has(&spec, "NotIn needs at least one value"));
        spec.node_mapping = Some(mapping(NodeSelectorOperator::Lt, &["x"]));
        assert!(has(&spec, "Lt needs exactly one integer value"));
    }

    #[test]
    fn upload_and_job_object() {
        let mut spec = JobSpec::example("j");
        spec.upload = UploadMethod::WebServer {
            uri: "ftp://x/j.tar.gz".into(),
        };
        spec.package_size = 0;
        spec.job_object_base64 = String::new();
        for needle in [
            "must be an http:// or https:// URL",
            "package size is 0",
            "Job object is empty",
        ] {
            assert!(has(&spec, needle), "{needle}");
        }
        spec.job_object_base64 = "A".repeat(MAX_JOB_OBJECT_LEN + 1);
        assert!(has(&spec, "too large for a ConfigMap"));
        assert_eq!(UploadMethod::ClientToPods.as_str(), "client-to-pods");
        assert_eq!(UploadMethod::ClientToPods.uri(), None);
    }

    #[test]
    fn extra_labels_may_not_override_twister2() {
        let mut spec = JobSpec::example("j");
        spec.extra_labels.insert("team".into(), "data".into());
        assert_eq!(spec.validate(), Ok(()));
        spec.extra_labels.insert("t2-wp".into(), "x".into());
        spec.extra_labels
            .insert("app.kubernetes.io/managed-by".into(), "me".into());
        spec.extra_labels
            .insert("owner".into(), "not valid!".into());
        for needle in [
            "label 't2-wp'",
            "label 'app.kubernetes.io/managed-by'",
            "'not valid!'",
        ] {
            assert!(has(&spec, needle), "{needle}");
        }
    }

    #[test]
    fn identity_checks() {
        let mut spec = JobSpec::example("j");
        spec.image = "twister2 k8s".into();
        spec.image_pull_secret = Some("Regcred".into());
        spec.worker_class = " ".into();
        spec.job_file = "dir/app.jar".into();
        spec.jvm_memory_fraction = 1.5;
        spec.job_master.cpu = 0.0;
        spec.job_master.port = 0;
        for needle in [
            "image 'twister2 k8s'",
            "image pull secret 'Regcred'",
            "worker class is empty",
            "without a directory",
            "JVM memory fraction 1.5",
            "job master cpu 0 must be at least 0.001",
            "job master port must not be 0",
        ] {
            assert!(has(&spec, needle), "{needle}");
        }
    }

    #[test]
    fn parse_targets_and_volumes() {
        let t: NodeTarget = "zone=us-east-1a".parse().unwrap();
        assert_eq!((t.key.as_str(), t.value.as_str()), ("zone", "us-east-1a"));
        assert!("zone".parse::<NodeTarget>().is_err());
        assert!("=a".parse::<NodeTarget>().is_err());
        let v: ExistingVolume = "data:/data".parse().unwrap();
        assert_eq!(
            v,
            ExistingVolume {
                claim_name: "data".into(),
                mount_path: "/data".into(),
                read_only: false
            }
        );
        let v: ExistingVolume = "ref:/ref:ro".parse().unwrap();
        assert!(v.read_only);
        assert_eq!(v.mount_path, "/ref");
        assert!("data".parse::<ExistingVolume>().is_err());
        assert!(":/data".parse::<ExistingVolume>().is_err());
        assert!("data:/x:rx".parse::<ExistingVolume>().is_err());
    }

    #[test]
    fn string_enums_round_trip_and_explain_errors() {
        for v in UniformMapping::ALL {
            assert_eq!(v.as_str().parse::<UniformMapping>(), Ok(*v));
        }
        assert_eq!("java_zip".parse::<JobType>(), Ok(JobType::JavaZip));
        assert_eq!(TransportProtocol::Udp.to_string(), "UDP");
        let err = "sideways".parse::<SpreadDomain>().unwrap_err();
        assert_eq!(
            err,
            "invalid spread domain 'sideways': expected one of rack, datacenter, node"
        );
    }

    #[test]
    fn name_rules() {
        assert!(is_dns1123_label("a-1"));
        assert!(!is_dns1123_label("-a"));
        assert!(!is_dns1123_label(&"a".repeat(64)));
        assert!(is_dns1123_subdomain("a.b-c"));
        assert!(!is_dns1123_subdomain("a..b"));
        assert!(is_label_value(""));
        assert!(is_label_value("A_b.c-D"));
        assert!(!is_label_value("a_"));
        assert!(is_qualified_name("topology.kubernetes.io/zone"));
        assert!(!is_qualified_name("a/b/c"));
        assert!(!is_qualified_name("/zone"));
    }
}
