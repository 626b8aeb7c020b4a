//! `JobSpec`: every setting one job's manifests are rendered from, and `InvalidSpec`.

use std::collections::BTreeMap;

use super::{
    ExistingVolume, Exposure, ExternalTrafficPolicy, JobMasterSpec, NodeMapping, NodeTarget,
    OpenMpi, PersistentStorage, Placement, PullPolicy, TransportProtocol, UniformMapping,
    UploadMethod,
};
use crate::twister2::proto::{Job, JobDescription, JobFormatType, ProtoError, encode_to_base64};
use crate::twister2::resources::ComputeResource;

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
    pub job_type: JobFormatType,
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
    /// This spec with `job_object_base64` set to the `Job` message of its own name, ID, classes,
    /// compute resources, job type and file — what submit stores when the job has no arguments.
    /// For specs built by hand (tests, benches, fixtures) whose compute resources changed.
    pub fn with_job_object(mut self) -> Result<JobSpec, ProtoError> {
        let job = Job::from_description(&JobDescription {
            job_name: &self.job_name,
            job_id: &self.job_id,
            worker_class: &self.worker_class,
            driver_class: self.driver_class.as_deref(),
            resources: &self.compute_resources,
            format: self.job_type,
            job_file: &self.job_file,
        })?;
        self.job_object_base64 = encode_to_base64(&job);
        Ok(self)
    }

    /// A canonical, valid job for tests and documentation: job `u-hello-36cz77mu` in
    /// `default`, one compute resource of 2 pods × 2 workers (0.5 cpu, 1024 MiB, 1 GiB disk),
    /// web-server upload, Twister2's defaults everywhere else.
    pub fn example(job_id: &str) -> JobSpec {
        JobSpec {
            job_id: job_id.to_string(),
            job_name: "hello".to_string(),
            namespace: "default".to_string(),
            image: "twister2/twister2-k8s:0.8.0".to_string(),
            image_pull_policy: PullPolicy::IfNotPresent,
            image_pull_secret: None,
            worker_class: "edu.iu.dsc.tws.examples.basic.HelloWorld".to_string(),
            driver_class: None,
            job_type: JobFormatType::Jar,
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
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn the_job_object_follows_the_spec_for_every_job_type() {
        for format in [
            JobFormatType::Jar,
            JobFormatType::JavaZip,
            JobFormatType::Python,
            JobFormatType::PythonZip,
        ] {
            let mut spec = JobSpec::example("u-x-1");
            spec.job_type = format;
            spec.compute_resources[0].instances = 7;
            spec.compute_resources[0].workers_per_pod = 3;
            let job = crate::twister2::proto::decode_from_base64(
                &spec.with_job_object().unwrap().job_object_base64,
            )
            .unwrap();
            assert_eq!(job.job_id, "u-x-1");
            assert_eq!(job.number_of_workers, 21);
            assert_eq!(job.job_format.unwrap().r#type, format as i32, "{format:?}");
        }
    }
}
