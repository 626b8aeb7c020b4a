//! Names Twister2 gives a job's objects, containers, ports and volumes, the keys of its
//! ConfigMap, its main classes, and the plugin's annotation.

/// ConfigMap key holding the base64 protobuf `Job`.
pub const JOB_OBJECT_KEY: &str = "TWISTER2_JOB_OBJECT";
/// ConfigMap key of the kill signal (any value: the job master ends the job KILLED).
pub const KILL_JOB_KEY: &str = "KILL_JOB";
/// Prefix of the ConfigMap keys counting each worker's restarts (`…_<workerID>`).
pub const WORKER_RESTARTS_PREFIX: &str = "RESTART_COUNT_FOR_WORKER_";
/// ConfigMap key counting the job master's restarts.
pub const JOB_MASTER_RESTARTS_KEY: &str = "RESTART_COUNT_FOR_JOB_MASTER";
/// Annotation of a job's ConfigMap naming the S3 object of its package (S3 upload method), so
/// that `kill`, which is given no configuration, can remove it.
pub const PACKAGE_ANNOTATION: &str = "twister2.org/package";
/// Name of the job master's only container.
pub const JOB_MASTER_CONTAINER: &str = "twister2-job-master-0";
/// Name of the job master's port.
pub const JOB_MASTER_PORT_NAME: &str = "job-master-port";
/// Name Twister2 gives every worker container's port (the same in every container).
pub const WORKER_CONTAINER_PORT_NAME: &str = "port11";
/// Volume: pod-shared memory `emptyDir`.
pub const MEMORY_VOLUME: &str = "twister2-memory-dir";
/// Volume: volatile-disk `emptyDir`.
pub const VOLATILE_VOLUME: &str = "twister2-volatile-dir";
/// Volume: the job's claim.
pub const PERSISTENT_VOLUME: &str = "persistent-volume";
/// Volume: the OpenMPI SSH key Secret.
pub const OPENMPI_KEY_VOLUME: &str = "kube-openmpi-ssh-key";
/// Main class of workers.
pub const WORKER_CLASS: &str = "edu.iu.dsc.tws.rsched.schedulers.k8s.worker.K8sWorkerStarter";
/// Main class of the first pod of an OpenMPI job.
pub const MPI_MASTER_CLASS: &str = "edu.iu.dsc.tws.rsched.schedulers.k8s.mpi.MPIMasterStarter";
/// Main class of the job master.
pub const JOB_MASTER_CLASS: &str = "edu.iu.dsc.tws.rsched.schedulers.k8s.master.JobMasterStarter";
/// Memory the job master container gets on top of the JVM's, MiB.
pub const JOB_MASTER_EXTRA_RAM_MB: u32 = 128;

/// The package's name in the pods and on the uploader: `<jobID>.tar.gz` (`JOB_PACKAGE_FILENAME`).
pub fn package_file_name(job_id: &str) -> String {
    format!("{job_id}.tar.gz")
}

/// Name of the worker Service (headless or NodePort), the ConfigMap and the claim: `<jobID>`.
pub fn worker_service_name(job_id: &str) -> String {
    job_id.to_string()
}

/// Name of the job-master Service and StatefulSet: `<jobID>-jm`.
pub fn job_master_name(job_id: &str) -> String {
    format!("{job_id}-jm")
}

/// Name of the worker StatefulSet of compute resource `index`: `<jobID>-<index>`.
pub fn worker_statefulset_name(job_id: &str, index: u32) -> String {
    format!("{job_id}-{index}")
}

/// Name of worker container `index` of a pod: `twister2-container-<index>`.
pub fn worker_container_name(index: u32) -> String {
    format!("twister2-container-{index}")
}
