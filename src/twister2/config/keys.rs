//! The keys the plugin reads, by their code spelling.

/// Container image of job master and workers.
pub const DOCKER_IMAGE: &str = "twister2.resource.kubernetes.docker.image";
/// Launcher class.
pub const LAUNCHER_CLASS: &str = "twister2.resource.class.launcher";
/// Namespace of the job.
pub const NAMESPACE: &str = "kubernetes.namespace";
/// Image pull policy.
pub const IMAGE_PULL_POLICY: &str = "kubernetes.image.pull.policy";
/// Stream pod logs to the client.
pub const LOG_IN_CLIENT: &str = "kubernetes.log.in.client";
/// Workers wait until every pod is reachable.
pub const CHECK_PODS_REACHABLE: &str = "kubernetes.check.pods.reachable";
/// Job name.
pub const JOB_NAME: &str = "twister2.resource.job.name";
/// Worker class.
pub const WORKER_CLASS: &str = "twister2.resource.job.worker.class";
/// Compute resources.
pub const COMPUTE_RESOURCES: &str = "twister2.resource.worker.compute.resources";
/// Driver class.
pub const DRIVER_CLASS: &str = "twister2.resource.job.driver.class";
/// Extra port names per worker.
pub const ADDITIONAL_PORTS: &str = "twister2.resource.worker.additional.ports";
/// Persistent GiB per worker.
pub const PERSISTENT_VOLUME_PER_WORKER: &str = "twister2.resource.persistent.volume.per.worker";
/// Persistent GiB for the job master.
pub const JOB_MASTER_PERSISTENT_VOLUME: &str = "twister2.job.master.persistent.volume.size";
/// PVC storage class.
pub const STORAGE_CLASS: &str = "twister2.resource.kubernetes.persistent.storage.class";
/// PVC access mode.
pub const STORAGE_ACCESS_MODE: &str = "twister2.resource.kubernetes.storage.access.mode";
/// Uploader class.
pub const UPLOADER_CLASS: &str = "twister2.resource.class.uploader";
/// Uploader web server URL.
pub const UPLOADER_WEB_SERVER: &str = "twister2.kubernetes.uploader.web.server";
/// Uploader web server directory.
pub const UPLOADER_WEB_SERVER_DIRECTORY: &str = "twister2.kubernetes.uploader.web.server.directory";
/// Label selector of uploader pods.
pub const UPLOADER_WEB_SERVER_LABEL: &str = "twister2.kubernetes.uploader.web.server.label";
/// S3 bucket.
pub const S3_BUCKET: &str = "twister2.s3.bucket.name";
/// S3 presigned URL validity.
pub const S3_LINK_EXPIRATION: &str = "twister2.s3.link.expiration.duration.sec";
/// Rack/datacenter from config lists instead of node labels.
pub const NODE_LOCATIONS_FROM_CONFIG: &str =
    "twister2.resource.kubernetes.node.locations.from.config";
/// Node label key of the rack (Twister2's spelling).
pub const RACK_LABEL_KEY: &str = "twister2.resource.rack.labey.key";
/// Node label key of the datacenter (Twister2's spelling).
pub const DATACENTER_LABEL_KEY: &str = "twister2.resource.datacenter.labey.key";
/// Datacenter → racks.
pub const DATACENTERS_LIST: &str = "twister2.resource.datacenters.list";
/// Rack → node addresses.
pub const RACKS_LIST: &str = "twister2.resource.racks.list";
/// CPU limits instead of requests, whole cores.
pub const BIND_WORKER_TO_CPU: &str = "kubernetes.bind.worker.to.cpu";
/// Node affinity on/off.
pub const WORKER_TO_NODE_MAPPING: &str = "kubernetes.worker.to.node.mapping";
/// Node affinity key.
pub const WORKER_MAPPING_KEY: &str = "twister2.resource.kubernetes.worker.mapping.key";
/// Node affinity operator.
pub const WORKER_MAPPING_OPERATOR: &str = "twister2.resource.kubernetes.worker.mapping.operator";
/// Node affinity values.
pub const WORKER_MAPPING_VALUES: &str = "twister2.resource.kubernetes.worker.mapping.values";
/// Uniform worker mapping.
pub const WORKER_MAPPING_UNIFORM: &str = "kubernetes.worker.mapping.uniform";
/// ZooKeeper addresses.
pub const ZOOKEEPER_ADDRESSES: &str = "twister2.resource.zookeeper.server.addresses";
/// ZooKeeper root path.
pub const ZOOKEEPER_ROOT: &str = "twister2.resource.zookeeper.root.node.path";
/// Copy the core Twister2 package (false on Kubernetes).
/// Base port of the Python processes of Python jobs (worker port = base + worker ID).
pub const PYTHON_PORT: &str = "twister2.python.port";
/// Ship the Twister2 core package.
pub const SYSTEM_PACKAGE_COPY: &str = "twister2.resource.systempackage.copy";
/// Local directory of saved packages.
pub const UPLOADER_DIRECTORY: &str = "twister2.resource.uploader.directory";
/// JVM heap fraction.
pub const JVM_MEMORY_FRACTION: &str = "twister2.kubernetes.jvm.memory.fraction";
/// Job master port.
pub const JOB_MASTER_PORT: &str = "twister2.job.master.port";
/// Job master volatile GiB.
pub const JOB_MASTER_VOLATILE_VOLUME: &str = "twister2.job.master.volatile.volume.size";
/// Job master CPU.
pub const JOB_MASTER_CPU: &str = "twister2.job.master.cpu";
/// Job master MiB.
pub const JOB_MASTER_RAM: &str = "twister2.job.master.ram";
/// Job master → dashboard connections.
pub const JOB_MASTER_DASHBOARD_CONNECTIONS: &str = "twister2.job.master.to.dashboard.connections";
/// Dashboard URL.
pub const DASHBOARD_HOST: &str = "twister2.dashboard.host";
/// Explicit jobID.
pub const JOB_ID: &str = "twister2.job.id";
/// User name for the jobID.
pub const USER_NAME: &str = "twister2.user.name";
/// Whether a job master is used.
pub const JOB_MASTER_USED: &str = "twister2.job.master.used";
/// Job master runs in the client.
pub const JOB_MASTER_RUNS_IN_CLIENT: &str = "twister2.job.master.runs.in.client";
/// Worker → job master response wait.
pub const WORKER_RESPONSE_WAIT: &str = "twister2.worker.to.job.master.response.wait.duration";
/// JVM debug flag of the Java client.
pub const CLIENT_DEBUG: &str = "twister2.client.debug";
/// Where log files go.
pub const LOGGING_STORAGE_TYPE: &str = "twister2.logging.storage.type";
/// Channel class.
pub const CHANNEL_CLASS: &str = "twister2.network.channel.class";
/// OpenMPI Secret.
pub const SECRET_NAME: &str = "kubernetes.secret.name";
/// Check password-free ssh before mpirun.
pub const CHECK_PWD_FREE_SSH: &str = "twister2.kubernetes.check.pwd.free.ssh";
/// Extra mpirun parameters.
pub const MPI_PARAMS: &str = "twister2.resource.scheduler.mpi.params";
/// First worker port.
pub const WORKER_BASE_PORT: &str = "kubernetes.worker.base.port";
/// Worker port protocol.
pub const TRANSPORT_PROTOCOL: &str = "kubernetes.worker.transport.protocol";
/// NodePort service requested.
pub const NODE_PORT_REQUESTED: &str = "kubernetes.node.port.service.requested";
/// Fixed node port.
pub const NODE_PORT: &str = "kubernetes.service.node.port";
/// Job master IP when it runs in the client.
pub const JOB_MASTER_PROVIDED_IP: &str = "twister2.job.master.provided.ip";
/// Checkpointing on/off.
pub const CHECKPOINTING_ENABLE: &str = "twister2.checkpointing.enable";
/// Checkpoint directory.
pub const CHECKPOINT_DIR: &str = "twister2.checkpointing.store.fs.dir";
/// Checkpoint request timeout.
pub const CHECKPOINT_TIMEOUT: &str = "twister2.checkpointing.request.timeout";
/// Failure timeout.
pub const FAILURE_TIMEOUT: &str = "twister2.fault.tolerance.failure.timeout";
/// Max re-executions.
pub const MAX_REEXECUTES: &str = "twister2.fault.tolerance.max.reexecutes";
/// Max worker restarts.
pub const MAX_WORKER_RESTARTS: &str = "twister2.fault.tolerance.max.worker.restarts";
/// Max MPI job restarts.
pub const MAX_MPIJOB_RESTARTS: &str = "twister2.fault.tolerance.max.mpijob.restarts";
/// Persistent storage type.
pub const PERSISTENT_STORAGE_TYPE: &str = "twister2.persistent.storage.type";
/// HDFS root.
pub const PERSISTENT_STORAGE_ROOT: &str = "twister2.persistent.storage.root";
/// TSet storage type.
pub const TSET_STORAGE_TYPE: &str = "twister2.tset.storage.type";
