//! The key table: every key the plugin reads, and the docs' keys that have no effect.

use super::key_types::{
    Check, ConfigFile, DefaultValue, DocOnlyKey, KeySpec, ShippedIn, ValueType,
};
use super::keys;
use super::passed_keys::PASSED_ON_KEYS;
use super::twister2_classes::{K8S_UPLOADER_CLASS, S3_UPLOADER_CLASS, TCP_CHANNEL_CLASS};

const fn key(
    key: &'static str,
    ty: ValueType,
    default: DefaultValue,
    file: ConfigFile,
    meaning: &'static str,
) -> KeySpec {
    KeySpec {
        key,
        ty,
        default,
        file,
        meaning,
        stale: &[],
        check: Check::Any,
        shipped: None,
    }
}

impl KeySpec {
    const fn stale(mut self, stale: &'static [&'static str]) -> KeySpec {
        self.stale = stale;
        self
    }

    const fn check(mut self, check: Check) -> KeySpec {
        self.check = check;
        self
    }

    /// Twister2 0.8.0's `conf/<dir>/<home file>` sets this key to its default.
    const fn shipped(mut self, dir: ShippedIn) -> KeySpec {
        self.shipped = Some(dir);
        self
    }
}

use ConfigFile::{Checkpoint, Core, Data, Network, Resource};
use DefaultValue as D;
use ValueType as T;

/// Every key the plugin reads (Twister2 0.8's code spellings), with type, default, home file,
/// meaning and stale spellings.
pub static KEYS: &[KeySpec] = &[
    // resource.yaml
    key(
        keys::DOCKER_IMAGE,
        T::String,
        D::Str("twister2/twister2-k8s:0.8.0"),
        Resource,
        "container image of the job master and the workers",
    )
    .shipped(ShippedIn::Kubernetes),
    key(
        keys::LAUNCHER_CLASS,
        T::String,
        D::Str("edu.iu.dsc.tws.rsched.schedulers.k8s.KubernetesLauncher"),
        Resource,
        "launcher class (kept for the pods; the plugin is the launcher)",
    )
    .shipped(ShippedIn::Kubernetes),
    key(
        keys::NAMESPACE,
        T::String,
        D::Str("default"),
        Resource,
        "namespace of every object of the job",
    )
    .check(Check::Namespace),
    key(
        keys::IMAGE_PULL_POLICY,
        T::String,
        D::Str("IfNotPresent"),
        Resource,
        "image pull policy of the job's containers",
    )
    .check(Check::OneOf(&["Always", "IfNotPresent", "Never"])),
    key(
        keys::LOG_IN_CLIENT,
        T::Bool,
        D::Bool(false),
        Resource,
        "stream the pods' logs to the submitting client",
    ),
    key(
        keys::CHECK_PODS_REACHABLE,
        T::Bool,
        D::Bool(false),
        Resource,
        "workers wait until every pod of the job is reachable",
    ),
    key(keys::JOB_NAME, T::String, D::None, Resource, "job name"),
    key(
        keys::WORKER_CLASS,
        T::String,
        D::None,
        Resource,
        "worker class to run",
    ),
    key(
        keys::COMPUTE_RESOURCES,
        T::ComputeResources,
        D::None,
        Resource,
        "the job's compute resources (cpu, ram MB, disk GB, instances, scalable, workersPerPod)",
    ),
    key(
        keys::DRIVER_CLASS,
        T::String,
        D::None,
        Resource,
        "driver class to run",
    ),
    key(
        keys::ADDITIONAL_PORTS,
        T::StringList,
        D::None,
        Resource,
        "names of extra ports each worker gets (worker port + 1, + 2, …)",
    ),
    key(
        keys::PERSISTENT_VOLUME_PER_WORKER,
        T::Float,
        D::Float(0.0),
        Resource,
        "persistent storage per worker in GB; > 0 creates the job's PVC",
    )
    .check(Check::NonNegative),
    key(
        keys::JOB_MASTER_PERSISTENT_VOLUME,
        T::Float,
        D::Float(0.0),
        Resource,
        "persistent storage for the job master in GB (added to the PVC)",
    )
    .check(Check::NonNegative),
    key(
        keys::STORAGE_CLASS,
        T::String,
        D::Str("twister2-nfs-storage"),
        Resource,
        "storageClassName of the job's PVC",
    )
    .shipped(ShippedIn::Kubernetes),
    key(
        keys::STORAGE_ACCESS_MODE,
        T::String,
        D::Str("ReadWriteMany"),
        Resource,
        "access mode of the job's PVC",
    )
    .check(Check::OneOf(&[
        "ReadWriteOnce",
        "ReadOnlyMany",
        "ReadWriteMany",
        "ReadWriteOncePod",
    ])),
    key(
        keys::UPLOADER_CLASS,
        T::String,
        D::Str(K8S_UPLOADER_CLASS),
        Resource,
        "how the job package reaches the pods: Kubernetes (web server or direct) or S3",
    )
    .check(Check::OneOf(&[K8S_UPLOADER_CLASS, S3_UPLOADER_CLASS]))
    .shipped(ShippedIn::Kubernetes),
    key(
        keys::UPLOADER_WEB_SERVER,
        T::String,
        D::Str("http://twister2-uploader.default.svc.cluster.local"),
        Resource,
        "base URL the pods download the package from (web server method)",
    ),
    key(
        keys::UPLOADER_WEB_SERVER_DIRECTORY,
        T::String,
        D::Str("/usr/share/nginx/html"),
        Resource,
        "directory in the uploader pods the package is copied to",
    ),
    key(
        keys::UPLOADER_WEB_SERVER_LABEL,
        T::String,
        D::Str("app=twister2-uploader"),
        Resource,
        "label selector of the uploader pods",
    ),
    key(
        keys::S3_BUCKET,
        T::String,
        D::None,
        Resource,
        "S3 bucket for the package (s3://…)",
    ),
    key(
        keys::S3_LINK_EXPIRATION,
        T::Int,
        D::Int(7200),
        Resource,
        "validity of the package's presigned S3 URL, seconds",
    )
    .check(Check::Positive),
    key(
        keys::NODE_LOCATIONS_FROM_CONFIG,
        T::Bool,
        D::Bool(false),
        Resource,
        "take racks and datacenters from the lists below instead of node labels",
    )
    .stale(&["kubernetes.node.locations.from.config"]),
    key(
        keys::RACK_LABEL_KEY,
        T::String,
        D::None,
        Resource,
        "node label key holding the rack (Twister2 spells it 'labey')",
    )
    .stale(&[
        "rack.labey.key",
        "twister2.resource.rack.label.key",
        "rack.label.key",
    ]),
    key(
        keys::DATACENTER_LABEL_KEY,
        T::String,
        D::None,
        Resource,
        "node label key holding the datacenter (Twister2 spells it 'labey')",
    )
    .stale(&[
        "datacenter.labey.key",
        "twister2.resource.datacenter.label.key",
        "datacenter.label.key",
    ]),
    key(
        keys::DATACENTERS_LIST,
        T::MapList,
        D::None,
        Resource,
        "datacenters and their racks: a list of {datacenter: [rack, …]}",
    )
    .stale(&["kubernetes.datacenters.list"]),
    key(
        keys::RACKS_LIST,
        T::MapList,
        D::None,
        Resource,
        "racks and their node addresses: a list of {rack: [ip, …]}",
    )
    .stale(&["kubernetes.racks.list"]),
    key(
        keys::BIND_WORKER_TO_CPU,
        T::Bool,
        D::Bool(false),
        Resource,
        "CPU as limits instead of requests; needs whole cores",
    ),
    key(
        keys::WORKER_TO_NODE_MAPPING,
        T::Bool,
        D::Bool(false),
        Resource,
        "add the node affinity given by the worker.mapping keys",
    ),
    key(
        keys::WORKER_MAPPING_KEY,
        T::String,
        D::None,
        Resource,
        "node label key of the node affinity",
    ),
    key(
        keys::WORKER_MAPPING_OPERATOR,
        T::String,
        D::None,
        Resource,
        "operator of the node affinity",
    )
    .check(Check::OneOf(&[
        "In",
        "NotIn",
        "Exists",
        "DoesNotExist",
        "Gt",
        "Lt",
    ])),
    key(
        keys::WORKER_MAPPING_VALUES,
        T::StringList,
        D::None,
        Resource,
        "values of the node affinity",
    )
    .stale(&["kubernetes.worker.mapping.values"]),
    key(
        keys::WORKER_MAPPING_UNIFORM,
        T::String,
        D::Str("none"),
        Resource,
        "put all worker pods on one node, each on its own node, or either",
    )
    .check(Check::OneOf(&[
        "all-same-node",
        "all-separate-nodes",
        "none",
    ])),
    key(
        keys::ZOOKEEPER_ADDRESSES,
        T::String,
        D::None,
        Resource,
        "ZooKeeper host:port list; set ⇒ ZooKeeper (fault tolerance) is used",
    ),
    key(
        keys::ZOOKEEPER_ROOT,
        T::String,
        D::Str("/twister2"),
        Resource,
        "ZooKeeper root node of the jobs",
    )
    .stale(&["twister2.zookeeper.root.node.path"]),
    key(
        keys::SYSTEM_PACKAGE_COPY,
        T::Bool,
        D::Bool(false),
        Resource,
        "ship the Twister2 core package (false: the image has it)",
    )
    .shipped(ShippedIn::Common),
    key(
        keys::UPLOADER_DIRECTORY,
        T::String,
        D::None,
        Resource,
        "local directory keeping packages of checkpointed jobs (Twister2: ~/.twister2/repository)",
    ),
    // core.yaml
    key(
        keys::JVM_MEMORY_FRACTION,
        T::Float,
        D::Float(0.8),
        Core,
        "share of a worker's memory given to the JVM heap",
    )
    .check(Check::Fraction),
    key(
        keys::JOB_MASTER_PORT,
        T::Int,
        D::Int(11011),
        Core,
        "job master port",
    )
    .check(Check::Port),
    key(
        keys::JOB_MASTER_VOLATILE_VOLUME,
        T::Float,
        D::Float(0.0),
        Core,
        "job master volatile disk in GB",
    )
    .check(Check::NonNegative),
    key(
        keys::JOB_MASTER_CPU,
        T::Float,
        D::Float(0.2),
        Core,
        "job master CPU cores",
    )
    .check(Check::Positive),
    key(
        keys::JOB_MASTER_RAM,
        T::Int,
        D::Int(1024),
        Core,
        "job master memory in MB (its container gets 128 more)",
    )
    .check(Check::Positive),
    key(
        keys::JOB_MASTER_DASHBOARD_CONNECTIONS,
        T::Int,
        D::Int(3),
        Core,
        "HTTP connections from the job master to the dashboard",
    )
    .check(Check::Positive),
    key(
        keys::DASHBOARD_HOST,
        T::String,
        D::None,
        Core,
        "dashboard URL; unset ⇒ the job master does not report to a dashboard",
    ),
    key(
        keys::JOB_ID,
        T::String,
        D::None,
        Core,
        "explicit jobID instead of a generated one (restarts)",
    )
    .check(Check::JobId),
    key(
        keys::USER_NAME,
        T::String,
        D::None,
        Core,
        "user name in the jobID (default: the OS user)",
    ),
    key(
        keys::JOB_MASTER_USED,
        T::Bool,
        D::Bool(true),
        Core,
        "whether the job has a job master",
    ),
    key(
        keys::JOB_MASTER_RUNS_IN_CLIENT,
        T::Bool,
        D::Bool(false),
        Core,
        "run the job master in the submitting client",
    ),
    key(
        keys::WORKER_RESPONSE_WAIT,
        T::Int,
        D::Int(100_000),
        Core,
        "how long workers wait for the job master, ms",
    )
    .check(Check::Positive),
    key(
        keys::CLIENT_DEBUG,
        T::String,
        D::None,
        Core,
        "JVM debug options of the Java client",
    ),
    key(
        keys::LOGGING_STORAGE_TYPE,
        T::String,
        D::Str("volatile"),
        Core,
        "where log files go: the volatile or the persistent volume",
    )
    .check(Check::OneOf(&["volatile", "persistent"])),
    // network.yaml
    key(
        keys::CHANNEL_CLASS,
        T::String,
        D::Str(TCP_CHANNEL_CLASS),
        Network,
        "communication channel; the MPI channel makes an OpenMPI job",
    )
    .shipped(ShippedIn::Kubernetes),
    key(
        keys::SECRET_NAME,
        T::String,
        D::Str("twister2-openmpi-ssh-key"),
        Network,
        "Secret with the ssh keys of OpenMPI jobs",
    )
    .shipped(ShippedIn::Kubernetes),
    key(
        keys::CHECK_PWD_FREE_SSH,
        T::Bool,
        D::Bool(false),
        Network,
        "check password-free ssh between pods before mpirun",
    ),
    key(
        keys::MPI_PARAMS,
        T::String,
        D::None,
        Network,
        "extra mpirun parameters",
    ),
    key(
        keys::WORKER_BASE_PORT,
        T::Int,
        D::Int(9000),
        Network,
        "port of the first worker of a pod",
    )
    .check(Check::Port),
    key(
        keys::TRANSPORT_PROTOCOL,
        T::String,
        D::Str("TCP"),
        Network,
        "protocol of the worker ports",
    )
    .check(Check::OneOf(&["TCP", "UDP"])),
    key(
        keys::NODE_PORT_REQUESTED,
        T::Bool,
        D::Bool(false),
        Network,
        "expose the workers through a NodePort service",
    ),
    key(
        keys::NODE_PORT,
        T::Int,
        D::Int(0),
        Network,
        "node port of that service; 0 lets Kubernetes choose",
    )
    .check(Check::PortOrZero),
    key(
        keys::PYTHON_PORT,
        T::Int,
        D::Int(5400),
        Network,
        "first port of the Python processes of Python jobs (one per worker: port + worker ID)",
    )
    .check(Check::Port)
    .shipped(ShippedIn::Common),
    key(
        keys::JOB_MASTER_PROVIDED_IP,
        T::String,
        D::None,
        Network,
        "job master IP given to workers when it runs in the client",
    ),
    // checkpoint.yaml
    key(
        keys::CHECKPOINTING_ENABLE,
        T::Bool,
        D::Bool(false),
        Checkpoint,
        "checkpoint the job",
    )
    .shipped(ShippedIn::Common),
    key(
        keys::CHECKPOINT_DIR,
        T::String,
        D::Str("/persistent/"),
        Checkpoint,
        "directory of checkpoints in the pods",
    )
    .shipped(ShippedIn::Kubernetes),
    key(
        keys::CHECKPOINT_TIMEOUT,
        T::Int,
        D::Int(50_000),
        Checkpoint,
        "checkpoint request timeout, ms",
    )
    .check(Check::Positive)
    .shipped(ShippedIn::Kubernetes),
    key(
        keys::FAILURE_TIMEOUT,
        T::Int,
        D::Int(10_000),
        Checkpoint,
        "failure detection (and ZooKeeper session) timeout, ms",
    )
    .check(Check::Positive),
    key(
        keys::MAX_REEXECUTES,
        T::Int,
        D::Int(5),
        Checkpoint,
        "times a failed job is re-executed",
    )
    .check(Check::NonNegative),
    key(
        keys::MAX_WORKER_RESTARTS,
        T::Int,
        D::Int(5),
        Checkpoint,
        "restarts of one worker before the job fails",
    )
    .check(Check::NonNegative),
    key(
        keys::MAX_MPIJOB_RESTARTS,
        T::Int,
        D::Int(1),
        Checkpoint,
        "restarts of an OpenMPI job",
    )
    .check(Check::NonNegative),
    // data.yaml
    key(
        keys::PERSISTENT_STORAGE_TYPE,
        T::String,
        D::Str("mounted"),
        Data,
        "persistent storage of the job: mounted volume, HDFS or none",
    )
    .check(Check::OneOf(&["mounted", "hdfs", "none"])),
    key(
        keys::PERSISTENT_STORAGE_ROOT,
        T::String,
        D::Str("${HOME}/.twister2/jobs"),
        Data,
        "HDFS root of persistent storage",
    )
    .shipped(ShippedIn::Common),
    key(
        keys::TSET_STORAGE_TYPE,
        T::String,
        D::Str("mounted"),
        Data,
        "storage of TSet data",
    ),
];

/// Every key of the table: the keys the plugin reads, then those it only passes on.
pub fn all_keys() -> impl Iterator<Item = &'static KeySpec> {
    KEYS.iter().chain(PASSED_ON_KEYS)
}

/// Keys that appear in Twister2's docs but have no effect.
pub static DOC_ONLY_KEYS: &[DocOnlyKey] = &[
    DocOnlyKey {
        key: "twister2.fault.tolerant",
        hint: "ZooKeeper-based fault tolerance is on when twister2.resource.zookeeper.server.addresses is set (submit --zookeeper)",
    },
    DocOnlyKey {
        key: "kubernetes.workers.per.pod",
        hint: "set workersPerPod in twister2.resource.worker.compute.resources (or --compute-resource workers-per-pod=N)",
    },
    DocOnlyKey {
        key: "twister2.worker.instances",
        hint: "set instances in twister2.resource.worker.compute.resources (or --workers N)",
    },
];

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::twister2::config::{Spelling, lookup_spelling, normalize};

    #[test]
    fn key_table_is_consistent() {
        let mut seen = BTreeSet::new();
        for spec in all_keys() {
            assert!(seen.insert(spec.key), "{} listed twice", spec.key);
            for stale in spec.stale {
                assert!(seen.insert(stale), "{stale} listed twice");
                assert_eq!(lookup_spelling(stale), Spelling::Stale(spec));
            }
            assert!(!spec.meaning.is_empty());
            // every default passes its own validation
            if let Some(v) = spec.default.to_value() {
                assert_eq!(normalize(spec, &v).as_ref(), Ok(&v), "{}", spec.key);
            }
        }
        for doc in DOC_ONLY_KEYS {
            assert!(seen.insert(doc.key));
        }
        for stale in [
            "kubernetes.racks.list",
            "kubernetes.datacenters.list",
            "kubernetes.node.locations.from.config",
            "rack.labey.key",
            "datacenter.labey.key",
            "twister2.zookeeper.root.node.path",
        ] {
            assert!(
                matches!(lookup_spelling(stale), Spelling::Stale(_)),
                "{stale}"
            );
        }
        assert!(matches!(
            lookup_spelling("twister2.fault.tolerant"),
            Spelling::DocOnly(_)
        ));
        assert_eq!(ConfigFile::Checkpoint.file_name(), "checkpoint.yaml");
        assert_eq!(
            ValueType::ComputeResources.to_string(),
            "compute-resource list"
        );
    }
}
