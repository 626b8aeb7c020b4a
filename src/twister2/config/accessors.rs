//! Typed accessors for submit: one method per key the commands read, with Twister2's defaults.

use super::compute_resource_values::compute_resources;
use super::convert::as_bool;
use super::effective::Config;
use super::keys;
use super::source::Source;
use super::twister2_classes::{K8S_UPLOADER_CLASS, MPI_CHANNEL_CLASS, S3_UPLOADER_CLASS};
use crate::twister2::resources::ComputeResource;

/// Node affinity requested through `kubernetes.worker.to.node.mapping`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeMapping {
    /// Node label key.
    pub key: String,
    /// `In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt`, `Lt`.
    pub operator: String,
    /// Values.
    pub values: Vec<String>,
}

impl Config {
    /// `kubernetes.namespace`.
    pub fn namespace(&self) -> &str {
        self.get_str(keys::NAMESPACE).unwrap_or("default")
    }

    /// `twister2.resource.kubernetes.docker.image`.
    pub fn docker_image(&self) -> Option<&str> {
        self.get_str(keys::DOCKER_IMAGE)
    }

    /// `kubernetes.image.pull.policy`.
    pub fn image_pull_policy(&self) -> &str {
        self.get_str(keys::IMAGE_PULL_POLICY)
            .unwrap_or("IfNotPresent")
    }

    /// `twister2.resource.job.name`.
    pub fn job_name(&self) -> Option<&str> {
        self.get_str(keys::JOB_NAME)
    }

    /// `twister2.resource.job.worker.class`.
    pub fn worker_class(&self) -> Option<&str> {
        self.get_str(keys::WORKER_CLASS)
    }

    /// `twister2.resource.job.driver.class`.
    pub fn driver_class(&self) -> Option<&str> {
        self.get_str(keys::DRIVER_CLASS)
    }

    /// `twister2.resource.worker.compute.resources`, indexed 0, 1, …
    pub fn compute_resources(&self) -> Option<Vec<ComputeResource>> {
        self.get(keys::COMPUTE_RESOURCES)
            .and_then(|v| compute_resources(v).ok())
    }

    /// `twister2.resource.worker.additional.ports`.
    pub fn additional_ports(&self) -> Vec<String> {
        self.get_string_list(keys::ADDITIONAL_PORTS)
    }

    /// `twister2.user.name`.
    pub fn user_name(&self) -> Option<&str> {
        self.get_str(keys::USER_NAME)
    }

    /// `twister2.job.id`.
    pub fn job_id(&self) -> Option<&str> {
        self.get_str(keys::JOB_ID)
    }

    /// `kubernetes.log.in.client`.
    pub fn log_in_client(&self) -> bool {
        self.get_bool(keys::LOG_IN_CLIENT)
    }

    /// `twister2.resource.persistent.volume.per.worker`, GB.
    pub fn persistent_volume_per_worker_gb(&self) -> f64 {
        self.get_float(keys::PERSISTENT_VOLUME_PER_WORKER)
            .unwrap_or(0.0)
    }

    /// `twister2.job.master.persistent.volume.size`, GB.
    pub fn job_master_persistent_volume_gb(&self) -> f64 {
        self.get_float(keys::JOB_MASTER_PERSISTENT_VOLUME)
            .unwrap_or(0.0)
    }

    /// `twister2.resource.kubernetes.persistent.storage.class`.
    pub fn storage_class(&self) -> Option<&str> {
        self.get_str(keys::STORAGE_CLASS)
    }

    /// `twister2.resource.kubernetes.storage.access.mode`.
    pub fn storage_access_mode(&self) -> &str {
        self.get_str(keys::STORAGE_ACCESS_MODE)
            .unwrap_or("ReadWriteMany")
    }

    /// `twister2.resource.class.uploader`.
    pub fn uploader_class(&self) -> &str {
        self.get_str(keys::UPLOADER_CLASS)
            .unwrap_or(K8S_UPLOADER_CLASS)
    }

    /// Whether the package goes through S3.
    pub fn uses_s3_uploader(&self) -> bool {
        self.uploader_class() == S3_UPLOADER_CLASS
    }

    /// `twister2.kubernetes.uploader.web.server`. **Fix** (Twister2 open question 16): when it
    /// is not set, the default URL uses the job's namespace instead of a hard-coded `default`.
    pub fn uploader_web_server(&self) -> String {
        match self.entry(keys::UPLOADER_WEB_SERVER) {
            Some(e) if e.source != Source::Default => {
                e.value.as_str().unwrap_or_default().to_string()
            }
            _ => crate::twister2::names::uploader::base_url(self.namespace()),
        }
    }

    /// `twister2.kubernetes.uploader.web.server.directory`.
    pub fn uploader_web_server_directory(&self) -> &str {
        self.get_str(keys::UPLOADER_WEB_SERVER_DIRECTORY)
            .unwrap_or("/usr/share/nginx/html")
    }

    /// `twister2.kubernetes.uploader.web.server.label`.
    pub fn uploader_web_server_label(&self) -> &str {
        self.get_str(keys::UPLOADER_WEB_SERVER_LABEL)
            .unwrap_or("app=twister2-uploader")
    }

    /// `twister2.s3.bucket.name`.
    pub fn s3_bucket(&self) -> Option<&str> {
        self.get_str(keys::S3_BUCKET)
    }

    /// `twister2.s3.link.expiration.duration.sec`.
    pub fn s3_link_expiration_secs(&self) -> i64 {
        self.get_int(keys::S3_LINK_EXPIRATION).unwrap_or(7200)
    }

    /// `twister2.resource.kubernetes.node.locations.from.config`.
    pub fn node_locations_from_config(&self) -> bool {
        self.get_bool(keys::NODE_LOCATIONS_FROM_CONFIG)
    }

    /// `twister2.resource.rack.labey.key`.
    pub fn rack_label_key(&self) -> Option<&str> {
        self.get_str(keys::RACK_LABEL_KEY)
    }

    /// `twister2.resource.datacenter.labey.key`.
    pub fn datacenter_label_key(&self) -> Option<&str> {
        self.get_str(keys::DATACENTER_LABEL_KEY)
    }

    /// `twister2.resource.racks.list`: rack → node addresses.
    pub fn racks_list(&self) -> Vec<(String, Vec<String>)> {
        self.get_map_list(keys::RACKS_LIST)
    }

    /// `twister2.resource.datacenters.list`: datacenter → racks.
    pub fn datacenters_list(&self) -> Vec<(String, Vec<String>)> {
        self.get_map_list(keys::DATACENTERS_LIST)
    }

    /// `kubernetes.bind.worker.to.cpu`.
    pub fn bind_worker_to_cpu(&self) -> bool {
        self.get_bool(keys::BIND_WORKER_TO_CPU)
    }

    /// The node affinity when `kubernetes.worker.to.node.mapping` is on and key and operator
    /// are set ([`Config::check_consistency`] reports when they are not).
    pub fn node_mapping(&self) -> Option<NodeMapping> {
        if !self.get_bool(keys::WORKER_TO_NODE_MAPPING) {
            return None;
        }
        Some(NodeMapping {
            key: self.get_str(keys::WORKER_MAPPING_KEY)?.to_string(),
            operator: self.get_str(keys::WORKER_MAPPING_OPERATOR)?.to_string(),
            values: self.get_string_list(keys::WORKER_MAPPING_VALUES),
        })
    }

    /// `kubernetes.worker.mapping.uniform`.
    pub fn uniform_mapping(&self) -> &str {
        self.get_str(keys::WORKER_MAPPING_UNIFORM).unwrap_or("none")
    }

    /// `twister2.resource.zookeeper.server.addresses` (set ⇒ ZooKeeper is used).
    pub fn zookeeper_addresses(&self) -> Option<&str> {
        self.get_str(keys::ZOOKEEPER_ADDRESSES)
            .filter(|s| !s.is_empty())
    }

    /// `twister2.resource.zookeeper.root.node.path`.
    pub fn zookeeper_root(&self) -> &str {
        self.get_str(keys::ZOOKEEPER_ROOT).unwrap_or("/twister2")
    }

    /// `twister2.kubernetes.jvm.memory.fraction`.
    pub fn jvm_memory_fraction(&self) -> f64 {
        self.get_float(keys::JVM_MEMORY_FRACTION).unwrap_or(0.8)
    }

    /// `twister2.job.master.port`.
    pub fn job_master_port(&self) -> u16 {
        self.get_int(keys::JOB_MASTER_PORT)
            .and_then(|p| u16::try_from(p).ok())
            .unwrap_or(11011)
    }

    /// `twister2.job.master.volatile.volume.size`, GB.
    pub fn job_master_volatile_gb(&self) -> f64 {
        self.get_float(keys::JOB_MASTER_VOLATILE_VOLUME)
            .unwrap_or(0.0)
    }

    /// `twister2.job.master.cpu`.
    pub fn job_master_cpu(&self) -> f64 {
        self.get_float(keys::JOB_MASTER_CPU).unwrap_or(0.2)
    }

    /// `twister2.job.master.ram`, MB.
    pub fn job_master_ram_mb(&self) -> u32 {
        self.get_int(keys::JOB_MASTER_RAM)
            .and_then(|r| u32::try_from(r).ok())
            .unwrap_or(1024)
    }

    /// `twister2.dashboard.host`.
    pub fn dashboard_host(&self) -> Option<&str> {
        self.get_str(keys::DASHBOARD_HOST).filter(|s| !s.is_empty())
    }

    /// `twister2.job.master.used`.
    pub fn job_master_used(&self) -> bool {
        self.get(keys::JOB_MASTER_USED)
            .and_then(as_bool)
            .unwrap_or(true)
    }

    /// `twister2.job.master.runs.in.client`.
    pub fn job_master_runs_in_client(&self) -> bool {
        self.get_bool(keys::JOB_MASTER_RUNS_IN_CLIENT)
    }

    /// `twister2.job.master.provided.ip`.
    pub fn job_master_provided_ip(&self) -> Option<&str> {
        self.get_str(keys::JOB_MASTER_PROVIDED_IP)
            .filter(|s| !s.is_empty())
    }

    /// `twister2.network.channel.class`.
    pub fn channel_class(&self) -> Option<&str> {
        self.get_str(keys::CHANNEL_CLASS)
    }

    /// Whether this is an OpenMPI job: the channel class is the MPI channel, or (Twister2's code
    /// default) no channel class is set at all.
    pub fn is_openmpi(&self) -> bool {
        self.channel_class().is_none_or(|c| c == MPI_CHANNEL_CLASS)
    }

    /// `kubernetes.secret.name`.
    pub fn secret_name(&self) -> Option<&str> {
        self.get_str(keys::SECRET_NAME)
    }

    /// `twister2.kubernetes.check.pwd.free.ssh`.
    pub fn check_pwd_free_ssh(&self) -> bool {
        self.get_bool(keys::CHECK_PWD_FREE_SSH)
    }

    /// `twister2.resource.scheduler.mpi.params`.
    pub fn mpi_params(&self) -> Option<&str> {
        self.get_str(keys::MPI_PARAMS)
    }

    /// `kubernetes.worker.base.port`.
    pub fn worker_base_port(&self) -> u16 {
        self.get_int(keys::WORKER_BASE_PORT)
            .and_then(|p| u16::try_from(p).ok())
            .unwrap_or(9000)
    }

    /// `kubernetes.worker.transport.protocol`.
    pub fn transport_protocol(&self) -> &str {
        self.get_str(keys::TRANSPORT_PROTOCOL).unwrap_or("TCP")
    }

    /// `kubernetes.node.port.service.requested`.
    pub fn node_port_requested(&self) -> bool {
        self.get_bool(keys::NODE_PORT_REQUESTED)
    }

    /// `kubernetes.service.node.port`; `None` when 0 (Kubernetes chooses).
    pub fn node_port(&self) -> Option<u16> {
        self.get_int(keys::NODE_PORT)
            .and_then(|p| u16::try_from(p).ok())
            .filter(|p| *p != 0)
    }

    /// `twister2.fault.tolerance.max.worker.restarts` (default 5): restarts of one worker before
    /// the job fails.
    pub fn max_worker_restarts(&self) -> u32 {
        self.get_int(keys::MAX_WORKER_RESTARTS)
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or(5)
    }

    /// `twister2.checkpointing.enable`.
    pub fn checkpointing_enabled(&self) -> bool {
        self.get_bool(keys::CHECKPOINTING_ENABLE)
    }

    /// `twister2.resource.uploader.directory`: where checkpointed jobs' packages are kept.
    pub fn uploader_directory(&self) -> Option<&str> {
        self.get_str(keys::UPLOADER_DIRECTORY)
    }

    /// `twister2.logging.storage.type`.
    pub fn logging_storage_type(&self) -> &str {
        self.get_str(keys::LOGGING_STORAGE_TYPE)
            .unwrap_or("volatile")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        let c = Config::defaults();
        assert_eq!(c.namespace(), "default");
        assert_eq!(c.docker_image(), Some("twister2/twister2-k8s:0.8.0"));
        assert_eq!(c.image_pull_policy(), "IfNotPresent");
        assert!(!c.is_openmpi());
        assert_eq!(c.worker_base_port(), 9000);
        assert_eq!(c.job_master_port(), 11011);
        assert_eq!(c.job_master_cpu(), 0.2);
        assert_eq!(c.job_master_ram_mb(), 1024);
        assert_eq!(c.jvm_memory_fraction(), 0.8);
        assert!(c.job_master_used());
        assert_eq!(c.node_port(), None);
        assert_eq!(c.uniform_mapping(), "none");
        assert_eq!(c.secret_name(), Some("twister2-openmpi-ssh-key"));
        assert_eq!(c.source(keys::NAMESPACE), Some(&Source::Default));
        assert_eq!(c.compute_resources(), None);
        assert_eq!(c.zookeeper_root(), "/twister2");
        assert_eq!(c.logging_storage_type(), "volatile");
        assert!(c.check_consistency().is_empty());
    }

    #[test]
    fn openmpi_and_uploader_helpers() {
        let mut c = Config::defaults();
        c.set_override(keys::CHANNEL_CLASS, MPI_CHANNEL_CLASS.into(), Source::Set)
            .unwrap();
        assert!(c.is_openmpi());
        c.unset(keys::CHANNEL_CLASS);
        assert!(c.is_openmpi(), "Twister2's code default is the MPI channel");
        let mut c = Config::defaults();
        c.set_override(keys::NAMESPACE, "team-a".into(), Source::Set)
            .unwrap();
        assert_eq!(
            c.uploader_web_server(),
            "http://twister2-uploader.team-a.svc.cluster.local"
        );
        c.set_override(
            keys::UPLOADER_WEB_SERVER,
            "http://up.example".into(),
            Source::Set,
        )
        .unwrap();
        assert_eq!(c.uploader_web_server(), "http://up.example");
        assert!(!c.uses_s3_uploader());
        c.set_override(keys::UPLOADER_CLASS, S3_UPLOADER_CLASS.into(), Source::Set)
            .unwrap();
        assert!(c.uses_s3_uploader());
    }
}
