//! The environment variables of Twister2's containers (`K8sEnvVariables`), read by its start
//! scripts and starters.

/// The jobID.
pub const JOB_ID: &str = "JOB_ID";
/// `ip,rack,dc;…` of every node.
pub const ENCODED_NODE_INFO_LIST: &str = "ENCODED_NODE_INFO_LIST";
/// The pod's name (downward API).
pub const POD_NAME: &str = "POD_NAME";
/// The node's IP (downward API).
pub const HOST_IP: &str = "HOST_IP";
/// The node's name (downward API).
pub const HOST_NAME: &str = "HOST_NAME";
/// Byte size of the package (direct method: the pods wait for this size).
pub const JOB_PACKAGE_FILE_SIZE: &str = "JOB_PACKAGE_FILE_SIZE";
/// File name of the user's jar or file.
pub const USER_JOB_JAR_FILE: &str = "USER_JOB_JAR_FILE";
/// The memory volume's mount path.
pub const POD_MEMORY_VOLUME: &str = "POD_MEMORY_VOLUME";
/// The package's top directory.
pub const JOB_ARCHIVE_DIRECTORY: &str = "JOB_ARCHIVE_DIRECTORY";
/// `<jobID>.tar.gz`.
pub const JOB_PACKAGE_FILENAME: &str = "JOB_PACKAGE_FILENAME";
/// `webserver` or `client-to-pods`.
pub const UPLOAD_METHOD: &str = "UPLOAD_METHOD";
/// The package's download URL.
pub const JOB_PACKAGE_URI: &str = "JOB_PACKAGE_URI";
/// `common/logger.properties`.
pub const LOGGER_PROPERTIES_FILE: &str = "LOGGER_PROPERTIES_FILE";
/// Milliseconds since the epoch, the same in every container.
pub const JOB_SUBMISSION_TIME: &str = "JOB_SUBMISSION_TIME";
/// `true` when restarting from a checkpoint.
pub const RESTORE_JOB: &str = "RESTORE_JOB";
/// The container's name (only the one ending in `-0` fetches the package).
pub const CONTAINER_NAME: &str = "CONTAINER_NAME";
/// The job master's IP when it runs in the client (never, with the plugin).
pub const JOB_MASTER_IP: &str = "JOB_MASTER_IP";
/// The Java main class the start script runs.
pub const CLASS_TO_RUN: &str = "CLASS_TO_RUN";
/// The worker's port.
pub const WORKER_PORT: &str = "WORKER_PORT";
/// `-Xms`/`-Xmx` in MiB.
pub const JVM_MEMORY_MB: &str = "JVM_MEMORY_MB";
