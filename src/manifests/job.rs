//! One Twister2 job's Kubernetes objects, shaped as Twister2's Java client makes them (§2).
//!
//! Worker and job-master Services, the ConfigMap, the claim, the job-master and worker
//! StatefulSets, plus the plugin's additions; and their `-o yaml|json` renderings.
//!
//! Compat: the node mapping and uniform mapping affinity is set on every worker StatefulSet;
//! Twister2 sets it only on compute resource 0, leaving the others unconstrained.
//!
//! Compat: additions beyond Twister2 that pods and the Java client do not look at:
//! `app.kubernetes.io/*` labels, `metadata.namespace`, `imagePullSecrets`, limits equal to
//! requests with `--guaranteed`, existing claims mounted as `existing-volume-<i>`, `--target` /
//! `--rack` / `--datacenter` node affinity and `--spread` topology spread constraints.
//!
//! Compat: quantities always use a `.` decimal separator (Twister2 formats with the JVM's
//! locale); values Java would write in exponent notation (job-master cpu below 0.001, claims of
//! 10⁷ GiB or more) are refused by `JobSpec::validate` instead of producing invalid quantities.

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::{StatefulSet, StatefulSetSpec};
use k8s_openapi::api::core::v1::{
    Affinity, ConfigMap, Container, ContainerPort, EmptyDirVolumeSource, EnvVar, EnvVarSource,
    LocalObjectReference, NodeAffinity, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm,
    ObjectFieldSelector, PersistentVolumeClaim, PersistentVolumeClaimSpec,
    PersistentVolumeClaimVolumeSource, PodAffinity, PodAffinityTerm, PodAntiAffinity, PodSpec,
    PodTemplateSpec, ResourceRequirements, SecretVolumeSource, Service, ServiceSpec,
    TopologySpreadConstraint, Volume, VolumeMount, VolumeResourceRequirements,
};
use k8s_openapi::api::networking::v1::Ingress;
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{
    LabelSelector, LabelSelectorRequirement, ObjectMeta,
};
use serde::Serialize;

use crate::manifests::expose::{self, ExposureObjects};
use crate::manifests::labels;
use crate::twister2::resources::{
    ComputeResource, format_cpu, format_gib_fixed, format_job_master_cpu, format_memory_mib,
    pvc_request,
};
use crate::twister2::spec::{
    Exposure, HOSTNAME_LABEL, JobSpec, MEMORY_DIR_MOUNT, OPENMPI_KEY_MOUNT, PERSISTENT_MOUNT,
    UniformMapping, VOLATILE_MOUNT,
};

/// ConfigMap key holding the base64 protobuf `Job`.
pub const JOB_OBJECT_KEY: &str = "TWISTER2_JOB_OBJECT";
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

/// The objects of one job, each ready to create.
#[derive(Debug, Clone, PartialEq)]
pub struct JobObjects {
    /// `<jobID>`: headless, or the NodePort Service with `--expose nodeport`.
    pub worker_service: Service,
    /// `<jobID>-jm`: headless Service of the job master.
    pub job_master_service: Service,
    /// `<jobID>`: holds `TWISTER2_JOB_OBJECT`.
    pub config_map: ConfigMap,
    /// `<jobID>`: only with persistent storage and not when restoring (the claim then exists).
    pub persistent_volume_claim: Option<PersistentVolumeClaim>,
    /// `<jobID>-jm`.
    pub job_master: StatefulSet,
    /// `<jobID>-<i>`, one per compute resource in index order.
    pub workers: Vec<StatefulSet>,
    /// LoadBalancer / Ingress objects beyond Twister2 (created last, after the ConfigMap, so
    /// they can be owned by it: see [`expose::set_owner`]).
    pub exposure: ExposureObjects,
}

/// One object of a job, of any kind.
// A handful of these live briefly in a Vec; boxing would only make matching on them clumsier.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum JobObject {
    /// A Service.
    Service(Service),
    /// The ConfigMap.
    ConfigMap(ConfigMap),
    /// The claim.
    PersistentVolumeClaim(PersistentVolumeClaim),
    /// A StatefulSet.
    StatefulSet(StatefulSet),
    /// The Ingress.
    Ingress(Ingress),
}

impl JobObject {
    /// The object's `kind`.
    pub fn kind(&self) -> &'static str {
        match self {
            JobObject::Service(_) => "Service",
            JobObject::ConfigMap(_) => "ConfigMap",
            JobObject::PersistentVolumeClaim(_) => "PersistentVolumeClaim",
            JobObject::StatefulSet(_) => "StatefulSet",
            JobObject::Ingress(_) => "Ingress",
        }
    }

    /// The object's metadata.
    pub fn metadata(&self) -> &ObjectMeta {
        match self {
            JobObject::Service(o) => &o.metadata,
            JobObject::ConfigMap(o) => &o.metadata,
            JobObject::PersistentVolumeClaim(o) => &o.metadata,
            JobObject::StatefulSet(o) => &o.metadata,
            JobObject::Ingress(o) => &o.metadata,
        }
    }

    /// The object's name.
    pub fn name(&self) -> &str {
        self.metadata().name.as_deref().unwrap_or_default()
    }
}

impl JobObjects {
    /// Every object in Twister2's creation order (worker Service, job-master Service, ConfigMap,
    /// claim, job-master StatefulSet, worker StatefulSets), then the exposure objects.
    pub fn in_creation_order(&self) -> Vec<JobObject> {
        let mut all = vec![
            JobObject::Service(self.worker_service.clone()),
            JobObject::Service(self.job_master_service.clone()),
            JobObject::ConfigMap(self.config_map.clone()),
        ];
        if let Some(pvc) = &self.persistent_volume_claim {
            all.push(JobObject::PersistentVolumeClaim(pvc.clone()));
        }
        all.push(JobObject::StatefulSet(self.job_master.clone()));
        all.extend(self.workers.iter().cloned().map(JobObject::StatefulSet));
        all.extend(
            self.exposure
                .services
                .iter()
                .cloned()
                .map(JobObject::Service),
        );
        if let Some(ingress) = &self.exposure.ingress {
            all.push(JobObject::Ingress(ingress.clone()));
        }
        all
    }

    /// Every object as JSON, in creation order.
    pub fn to_json_values(&self) -> Result<Vec<serde_json::Value>, serde_json::Error> {
        self.in_creation_order()
            .iter()
            .map(serde_json::to_value)
            .collect()
    }

    /// A `kind: List` of every object, as kubectl prints several objects with `-o json`.
    pub fn to_json_list(&self) -> Result<serde_json::Value, serde_json::Error> {
        Ok(serde_json::json!({
            "apiVersion": "v1",
            "kind": "List",
            "metadata": { "resourceVersion": "" },
            "items": self.to_json_values()?,
        }))
    }

    /// Every object as one YAML stream, documents separated by `---`.
    pub fn to_yaml(&self) -> Result<String, serde_yaml::Error> {
        let docs = self
            .in_creation_order()
            .iter()
            .map(serde_yaml::to_string)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(docs.join("---\n"))
    }
}

/// Renders every object of the job. The spec should have passed [`JobSpec::validate`].
pub fn render(spec: &JobSpec) -> JobObjects {
    JobObjects {
        worker_service: worker_service(spec),
        job_master_service: job_master_service(spec),
        config_map: config_map(spec),
        persistent_volume_claim: persistent_volume_claim(spec),
        job_master: job_master_statefulset(spec),
        workers: spec
            .compute_resources
            .iter()
            .map(|cr| worker_statefulset(spec, cr))
            .collect(),
        exposure: expose::exposure_objects(spec),
    }
}

/// `labels` plus the spec's extra labels (which never reuse Twister2's keys).
pub(crate) fn with_extra_labels(
    spec: &JobSpec,
    mut labels: BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    for (key, value) in &spec.extra_labels {
        labels.entry(key.clone()).or_insert_with(|| value.clone());
    }
    labels
}

/// Metadata of a job object: name, namespace, `labels::job_object` + extra labels.
pub(crate) fn object_meta(spec: &JobSpec, name: String) -> ObjectMeta {
    ObjectMeta {
        name: Some(name),
        namespace: Some(spec.namespace.clone()),
        labels: Some(with_extra_labels(spec, labels::job_object(&spec.job_id))),
        ..ObjectMeta::default()
    }
}

/// `{role: <jobID>}`: Twister2's pod selector (`t2-wp` or `t2-mp`), unchanged.
pub(crate) fn role_selector(spec: &JobSpec, role: &str) -> BTreeMap<String, String> {
    BTreeMap::from([(role.to_string(), spec.job_id.clone())])
}

fn worker_service(spec: &JobSpec) -> Service {
    match spec.exposure {
        Exposure::NodePort { node_port } => expose::node_port_service(spec, node_port),
        _ => headless_service(spec, worker_service_name(&spec.job_id), labels::WORKER_POD),
    }
}

fn job_master_service(spec: &JobSpec) -> Service {
    headless_service(spec, job_master_name(&spec.job_id), labels::MASTER_POD)
}

/// Headless Service without ports selecting `role=<jobID>` (pods get DNS names through it).
fn headless_service(spec: &JobSpec, name: String, role: &str) -> Service {
    Service {
        metadata: object_meta(spec, name),
        spec: Some(ServiceSpec {
            cluster_ip: Some("None".to_string()),
            selector: Some(role_selector(spec, role)),
            ..ServiceSpec::default()
        }),
        ..Service::default()
    }
}

fn config_map(spec: &JobSpec) -> ConfigMap {
    ConfigMap {
        metadata: object_meta(spec, spec.job_id.clone()),
        data: Some(BTreeMap::from([(
            JOB_OBJECT_KEY.to_string(),
            spec.job_object_base64.clone(),
        )])),
        ..ConfigMap::default()
    }
}

/// Claim size: per-worker size × workers + the job master's share, Java `Double.toString` + `Gi`
/// (`4.0Gi`).
pub fn persistent_claim_size(spec: &JobSpec) -> Option<String> {
    let storage = spec.persistent_storage.as_ref()?;
    let workers = u32::try_from(spec.number_of_workers()).unwrap_or(u32::MAX);
    Some(pvc_request(
        storage.per_worker_gb,
        workers,
        Some(spec.job_master.persistent_gb),
    ))
}

fn persistent_volume_claim(spec: &JobSpec) -> Option<PersistentVolumeClaim> {
    let storage = spec.persistent_storage.as_ref()?;
    if spec.restore {
        return None;
    }
    let size = persistent_claim_size(spec)?;
    Some(PersistentVolumeClaim {
        metadata: object_meta(spec, spec.job_id.clone()),
        spec: Some(PersistentVolumeClaimSpec {
            storage_class_name: storage.storage_class.clone(),
            access_modes: Some(vec![storage.access_mode.as_str().to_string()]),
            resources: Some(VolumeResourceRequirements {
                requests: Some(BTreeMap::from([("storage".to_string(), Quantity(size))])),
                ..VolumeResourceRequirements::default()
            }),
            ..PersistentVolumeClaimSpec::default()
        }),
        ..PersistentVolumeClaim::default()
    })
}

fn job_master_statefulset(spec: &JobSpec) -> StatefulSet {
    let job_id = &spec.job_id;
    let name = job_master_name(job_id);
    let jm = &spec.job_master;
    let mut volumes = vec![memory_volume()];
    let mut mounts = vec![mount(MEMORY_VOLUME, MEMORY_DIR_MOUNT)];
    if jm.volatile_gb > 0.0 {
        volumes.push(volatile_volume(jm.volatile_gb));
        mounts.push(mount(VOLATILE_VOLUME, VOLATILE_MOUNT));
    }
    if jm.persistent_gb > 0.0 {
        volumes.push(persistent_volume(spec));
        mounts.push(mount(PERSISTENT_VOLUME, PERSISTENT_MOUNT));
    }
    volumes.extend(existing_volumes(spec));
    mounts.extend(existing_mounts(spec));

    let mut env = common_env(spec);
    env.push(env_value("CONTAINER_NAME", JOB_MASTER_CONTAINER));
    env.push(env_value("CLASS_TO_RUN", JOB_MASTER_CLASS));
    env.push(env_value("JVM_MEMORY_MB", jm.ram_mb.to_string()));

    let container = Container {
        name: JOB_MASTER_CONTAINER.to_string(),
        image: Some(spec.image.clone()),
        image_pull_policy: Some(spec.image_pull_policy.as_str().to_string()),
        command: Some(vec!["/bin/bash".to_string()]),
        args: Some(vec!["-c".to_string(), "./init.sh".to_string()]),
        env: Some(env),
        ports: Some(vec![ContainerPort {
            name: Some(JOB_MASTER_PORT_NAME.to_string()),
            container_port: i32::from(jm.port),
            protocol: Some("TCP".to_string()),
            ..ContainerPort::default()
        }]),
        resources: Some(resources(
            spec,
            format_job_master_cpu(jm.cpu),
            u64::from(jm.ram_mb) + u64::from(JOB_MASTER_EXTRA_RAM_MB),
            false,
        )),
        volume_mounts: Some(mounts),
        ..Container::default()
    };

    StatefulSet {
        metadata: ObjectMeta {
            labels: Some(with_extra_labels(
                spec,
                labels::job_role(job_id, labels::MASTER_STATEFULSET),
            )),
            ..object_meta(spec, name.clone())
        },
        spec: Some(StatefulSetSpec {
            replicas: Some(1),
            service_name: Some(name),
            selector: LabelSelector {
                match_labels: Some(role_selector(spec, labels::MASTER_POD)),
                ..LabelSelector::default()
            },
            template: pod_template(
                spec,
                labels::MASTER_POD,
                PodSpec {
                    containers: vec![container],
                    volumes: Some(volumes),
                    ..PodSpec::default()
                },
            ),
            ..StatefulSetSpec::default()
        }),
        ..StatefulSet::default()
    }
}

fn worker_statefulset(spec: &JobSpec, cr: &ComputeResource) -> StatefulSet {
    let job_id = &spec.job_id;
    let mut volumes = vec![memory_volume()];
    if cr.disk_gb > 0.0 {
        volumes.push(volatile_volume(cr.disk_gb * f64::from(cr.workers_per_pod)));
    }
    if spec.persistent_storage.is_some() {
        volumes.push(persistent_volume(spec));
    }
    if let Some(mpi) = &spec.openmpi {
        volumes.push(Volume {
            name: OPENMPI_KEY_VOLUME.to_string(),
            secret: Some(SecretVolumeSource {
                secret_name: Some(mpi.secret_name.clone()),
                default_mode: Some(0o400),
                ..SecretVolumeSource::default()
            }),
            ..Volume::default()
        });
    }
    volumes.extend(existing_volumes(spec));

    let containers = if spec.is_openmpi() {
        1
    } else {
        cr.workers_per_pod
    };
    let containers = (0..containers)
        .map(|i| worker_container(spec, cr, i))
        .collect();

    StatefulSet {
        metadata: ObjectMeta {
            labels: Some(with_extra_labels(
                spec,
                labels::job_role(job_id, labels::WORKER_STATEFULSET),
            )),
            ..object_meta(spec, worker_statefulset_name(job_id, cr.index))
        },
        spec: Some(StatefulSetSpec {
            replicas: Some(i32::try_from(cr.instances).unwrap_or(i32::MAX)),
            service_name: Some(worker_service_name(job_id)),
            pod_management_policy: Some("Parallel".to_string()),
            selector: LabelSelector {
                match_labels: Some(role_selector(spec, labels::WORKER_POD)),
                ..LabelSelector::default()
            },
            template: pod_template(
                spec,
                labels::WORKER_POD,
                PodSpec {
                    containers,
                    volumes: Some(volumes),
                    affinity: worker_affinity(spec),
                    topology_spread_constraints: spread_constraints(spec),
                    ..PodSpec::default()
                },
            ),
            ..StatefulSetSpec::default()
        }),
        ..StatefulSet::default()
    }
}

fn worker_container(spec: &JobSpec, cr: &ComputeResource, index: u32) -> Container {
    let openmpi = spec.is_openmpi();
    let per_container = if openmpi { cr.workers_per_pod } else { 1 };
    let port = spec.worker_port(index);
    let name = worker_container_name(index);

    let mut env = common_env(spec);
    env.push(env_value("CONTAINER_NAME", name.clone()));
    env.push(EnvVar {
        name: "JOB_MASTER_IP".to_string(),
        ..EnvVar::default()
    });
    env.push(env_value(
        "CLASS_TO_RUN",
        if openmpi {
            MPI_MASTER_CLASS
        } else {
            WORKER_CLASS
        },
    ));
    env.push(env_value("WORKER_PORT", port.to_string()));
    env.push(env_value(
        "JVM_MEMORY_MB",
        jvm_memory_mb(spec, cr).to_string(),
    ));

    let mut mounts = vec![mount(MEMORY_VOLUME, MEMORY_DIR_MOUNT)];
    if cr.disk_gb > 0.0 {
        mounts.push(mount(VOLATILE_VOLUME, VOLATILE_MOUNT));
    }
    if spec.persistent_storage.is_some() {
        mounts.push(mount(PERSISTENT_VOLUME, PERSISTENT_MOUNT));
    }
    if openmpi {
        mounts.push(mount(OPENMPI_KEY_VOLUME, OPENMPI_KEY_MOUNT));
    }
    mounts.extend(existing_mounts(spec));

    let script = if openmpi {
        "./init_openmpi.sh"
    } else {
        "./init.sh"
    };
    Container {
        name,
        image: Some(spec.image.clone()),
        image_pull_policy: Some(spec.image_pull_policy.as_str().to_string()),
        command: Some(vec!["/bin/bash".to_string()]),
        args: Some(vec!["-c".to_string(), script.to_string()]),
        env: Some(env),
        ports: Some(vec![ContainerPort {
            name: Some(WORKER_CONTAINER_PORT_NAME.to_string()),
            container_port: i32::try_from(port).unwrap_or(i32::MAX),
            protocol: Some(spec.transport_protocol.as_str().to_string()),
            ..ContainerPort::default()
        }]),
        resources: Some(resources(
            spec,
            format_cpu(cr.cpu * f64::from(per_container)),
            u64::from(cr.ram_mb) * u64::from(per_container),
            spec.bind_to_cpu,
        )),
        volume_mounts: Some(mounts),
        ..Container::default()
    }
}

/// `JVM_MEMORY_MB` of a worker: the integer part of ram × fraction (per worker, even for MPI).
fn jvm_memory_mb(spec: &JobSpec, cr: &ComputeResource) -> u64 {
    let mb = (f64::from(cr.ram_mb) * spec.jvm_memory_fraction).floor();
    // In range: ram is a u32 and the fraction is at most 1 for a valid spec.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let mb = mb.max(0.0) as u64;
    mb
}

/// Resources of a container: requests (Twister2), limits only when bound to CPUs (Twister2), or
/// both with `--guaranteed`.
fn resources(
    spec: &JobSpec,
    cpu: String,
    memory_mb: u64,
    bind_to_cpu: bool,
) -> ResourceRequirements {
    let amounts = BTreeMap::from([
        ("cpu".to_string(), Quantity(cpu)),
        ("memory".to_string(), Quantity(format_memory_mib(memory_mb))),
    ]);
    let (requests, limits) = match (bind_to_cpu, spec.guaranteed) {
        (_, true) => (Some(amounts.clone()), Some(amounts)),
        (true, false) => (None, Some(amounts)),
        (false, false) => (Some(amounts), None),
    };
    ResourceRequirements {
        requests,
        limits,
        ..ResourceRequirements::default()
    }
}

/// The env every Twister2 container starts with, in Twister2's order (JOB_ID … RESTORE_JOB).
fn common_env(spec: &JobSpec) -> Vec<EnvVar> {
    let job_id = &spec.job_id;
    vec![
        env_value("JOB_ID", job_id.clone()),
        EnvVar {
            name: "ENCODED_NODE_INFO_LIST".to_string(),
            value: spec.encoded_node_info.clone(),
            ..EnvVar::default()
        },
        env_field("POD_NAME", "metadata.name"),
        env_field("HOST_IP", "status.hostIP"),
        env_field("HOST_NAME", "spec.nodeName"),
        env_value("JOB_PACKAGE_FILE_SIZE", spec.package_size.to_string()),
        env_value("USER_JOB_JAR_FILE", spec.job_file.clone()),
        env_value("POD_MEMORY_VOLUME", MEMORY_DIR_MOUNT),
        env_value("JOB_ARCHIVE_DIRECTORY", "twister2-job"),
        env_value("JOB_PACKAGE_FILENAME", format!("{job_id}.tar.gz")),
        env_value("UPLOAD_METHOD", spec.upload.as_str()),
        EnvVar {
            name: "JOB_PACKAGE_URI".to_string(),
            value: spec.upload.uri().map(str::to_string),
            ..EnvVar::default()
        },
        env_value("LOGGER_PROPERTIES_FILE", "common/logger.properties"),
        env_value("JOB_SUBMISSION_TIME", spec.submission_time_ms.to_string()),
        env_value("RESTORE_JOB", spec.restore.to_string()),
    ]
}

fn env_value(name: &str, value: impl Into<String>) -> EnvVar {
    EnvVar {
        name: name.to_string(),
        value: Some(value.into()),
        ..EnvVar::default()
    }
}

fn env_field(name: &str, field_path: &str) -> EnvVar {
    EnvVar {
        name: name.to_string(),
        value_from: Some(EnvVarSource {
            field_ref: Some(ObjectFieldSelector {
                field_path: field_path.to_string(),
                ..ObjectFieldSelector::default()
            }),
            ..EnvVarSource::default()
        }),
        ..EnvVar::default()
    }
}

fn memory_volume() -> Volume {
    Volume {
        name: MEMORY_VOLUME.to_string(),
        empty_dir: Some(EmptyDirVolumeSource {
            medium: Some("Memory".to_string()),
            ..EmptyDirVolumeSource::default()
        }),
        ..Volume::default()
    }
}

fn volatile_volume(gib: f64) -> Volume {
    Volume {
        name: VOLATILE_VOLUME.to_string(),
        empty_dir: Some(EmptyDirVolumeSource {
            size_limit: Some(Quantity(format_gib_fixed(gib))),
            ..EmptyDirVolumeSource::default()
        }),
        ..Volume::default()
    }
}

fn persistent_volume(spec: &JobSpec) -> Volume {
    claim_volume(PERSISTENT_VOLUME.to_string(), spec.job_id.clone(), false)
}

fn claim_volume(name: String, claim_name: String, read_only: bool) -> Volume {
    Volume {
        name,
        persistent_volume_claim: Some(PersistentVolumeClaimVolumeSource {
            claim_name,
            read_only: read_only.then_some(true),
        }),
        ..Volume::default()
    }
}

fn mount(volume: &str, path: &str) -> VolumeMount {
    VolumeMount {
        name: volume.to_string(),
        mount_path: path.to_string(),
        ..VolumeMount::default()
    }
}

/// Name of the pod volume of existing claim `index` (`--volume`).
pub fn existing_volume_name(index: usize) -> String {
    format!("existing-volume-{index}")
}

/// Pod volumes of the `--volume` claims.
fn existing_volumes(spec: &JobSpec) -> Vec<Volume> {
    spec.volumes
        .iter()
        .enumerate()
        .map(|(i, existing)| {
            claim_volume(
                existing_volume_name(i),
                existing.claim_name.clone(),
                existing.read_only,
            )
        })
        .collect()
}

/// Container mounts of the `--volume` claims.
fn existing_mounts(spec: &JobSpec) -> Vec<VolumeMount> {
    spec.volumes
        .iter()
        .enumerate()
        .map(|(i, existing)| VolumeMount {
            read_only: existing.read_only.then_some(true),
            ..mount(&existing_volume_name(i), &existing.mount_path)
        })
        .collect()
}

fn pod_template(spec: &JobSpec, role: &str, pod: PodSpec) -> PodTemplateSpec {
    PodTemplateSpec {
        metadata: Some(ObjectMeta {
            labels: Some(with_extra_labels(
                spec,
                labels::job_role(&spec.job_id, role),
            )),
            ..ObjectMeta::default()
        }),
        spec: Some(PodSpec {
            termination_grace_period_seconds: Some(0),
            image_pull_secrets: spec
                .image_pull_secret
                .as_ref()
                .map(|name| vec![LocalObjectReference { name: name.clone() }]),
            ..pod
        }),
    }
}

/// Worker affinity: one required node selector term ANDing Twister2's node mapping, the
/// targets, racks and datacenters; and Twister2's uniform mapping as pod (anti-)affinity.
fn worker_affinity(spec: &JobSpec) -> Option<Affinity> {
    let mut expressions = Vec::new();
    if let Some(mapping) = &spec.node_mapping {
        expressions.push(NodeSelectorRequirement {
            key: mapping.key.clone(),
            operator: mapping.operator.as_str().to_string(),
            values: (!mapping.values.is_empty()).then(|| mapping.values.clone()),
        });
    }
    for target in &spec.targets {
        expressions.push(node_in(&target.key, std::slice::from_ref(&target.value)));
    }
    let placement = &spec.placement;
    if !placement.racks.is_empty() {
        expressions.push(node_in(&placement.rack_label_key, &placement.racks));
    }
    if !placement.datacenters.is_empty() {
        expressions.push(node_in(
            &placement.datacenter_label_key,
            &placement.datacenters,
        ));
    }
    let node_affinity = (!expressions.is_empty()).then(|| NodeAffinity {
        required_during_scheduling_ignored_during_execution: Some(NodeSelector {
            node_selector_terms: vec![NodeSelectorTerm {
                match_expressions: Some(expressions),
                ..NodeSelectorTerm::default()
            }],
        }),
        ..NodeAffinity::default()
    });

    let same_job_on_host = || {
        Some(vec![PodAffinityTerm {
            label_selector: Some(LabelSelector {
                match_expressions: Some(vec![LabelSelectorRequirement {
                    key: labels::WORKER_POD.to_string(),
                    operator: "In".to_string(),
                    values: Some(vec![spec.job_id.clone()]),
                }]),
                ..LabelSelector::default()
            }),
            topology_key: HOSTNAME_LABEL.to_string(),
            ..PodAffinityTerm::default()
        }])
    };
    let (pod_affinity, pod_anti_affinity) = match spec.uniform_mapping {
        UniformMapping::None => (None, None),
        UniformMapping::AllSameNode => (
            Some(PodAffinity {
                required_during_scheduling_ignored_during_execution: same_job_on_host(),
                ..PodAffinity::default()
            }),
            None,
        ),
        UniformMapping::AllSeparateNodes => (
            None,
            Some(PodAntiAffinity {
                required_during_scheduling_ignored_during_execution: same_job_on_host(),
                ..PodAntiAffinity::default()
            }),
        ),
    };
    if node_affinity.is_none() && pod_affinity.is_none() && pod_anti_affinity.is_none() {
        return None;
    }
    Some(Affinity {
        node_affinity,
        pod_affinity,
        pod_anti_affinity,
    })
}

fn node_in(key: &str, values: &[String]) -> NodeSelectorRequirement {
    NodeSelectorRequirement {
        key: key.to_string(),
        operator: "In".to_string(),
        values: Some(values.to_vec()),
    }
}

/// `--spread`: at most one more worker pod of the job in any domain than in another; pods are
/// not scheduled onto nodes lacking the domain's label (`DoNotSchedule`), so a spread job runs
/// only on labelled nodes.
fn spread_constraints(spec: &JobSpec) -> Option<Vec<TopologySpreadConstraint>> {
    let key = spec.placement.spread_topology_key()?;
    Some(vec![TopologySpreadConstraint {
        max_skew: 1,
        topology_key: key.to_string(),
        when_unsatisfiable: "DoNotSchedule".to_string(),
        label_selector: Some(LabelSelector {
            match_labels: Some(role_selector(spec, labels::WORKER_POD)),
            ..LabelSelector::default()
        }),
        ..TopologySpreadConstraint::default()
    }])
}

/// Named job variants covering every feature, shared by the manifest tests (contract tests,
/// snapshots and schema validation).
#[cfg(test)]
pub(crate) mod variants {
    use crate::twister2::resources::ComputeResource;
    use crate::twister2::spec::*;

    /// Job ID of every variant.
    pub const ID: &str = "u-hello-36cz77mu";

    fn one_worker_per_pod(mut spec: JobSpec) -> JobSpec {
        for cr in &mut spec.compute_resources {
            cr.instances *= cr.workers_per_pod;
            cr.workers_per_pod = 1;
        }
        spec
    }

    /// The canonical job: 2 pods × 2 workers, 0.5 cpu, 1024 MiB, 1 GiB disk.
    pub fn plain() -> JobSpec {
        JobSpec::example(ID)
    }

    /// OpenMPI with Twister2's default Secret name.
    pub fn openmpi() -> JobSpec {
        JobSpec {
            openmpi: Some(OpenMpi {
                secret_name: "twister2-openmpi-ssh-key".into(),
            }),
            ..plain()
        }
    }

    /// NodePort exposure on a fixed port with the Local traffic policy.
    pub fn nodeport() -> JobSpec {
        JobSpec {
            exposure: Exposure::NodePort {
                node_port: Some(30080),
            },
            external_traffic_policy: Some(ExternalTrafficPolicy::Local),
            ..one_worker_per_pod(plain())
        }
    }

    /// Persistent storage of 1 GiB per worker on the `twister2-nfs-storage` class.
    pub fn persistent() -> JobSpec {
        JobSpec {
            persistent_storage: Some(PersistentStorage {
                per_worker_gb: 1.0,
                storage_class: Some("twister2-nfs-storage".into()),
                access_mode: AccessMode::ReadWriteMany,
            }),
            ..plain()
        }
    }

    /// Two compute resources, `--target`s, Twister2's node mapping and uniform mapping, and an
    /// image pull secret.
    pub fn targets() -> JobSpec {
        let mut spec = plain();
        spec.compute_resources.push(ComputeResource {
            index: 1,
            cpu: 1.0,
            ram_mb: 2048,
            disk_gb: 0.0,
            instances: 2,
            workers_per_pod: 1,
            scalable: true,
        });
        spec.targets = vec![
            "topology.kubernetes.io/zone=us-east-1a".parse().unwrap(),
            "example.com/gpu=true".parse().unwrap(),
        ];
        spec.node_mapping = Some(NodeMapping {
            key: "kubernetes.io/hostname".into(),
            operator: NodeSelectorOperator::In,
            values: vec!["e012".into(), "e013".into()],
        });
        spec.uniform_mapping = UniformMapping::AllSeparateNodes;
        spec.image_pull_secret = Some("regcred".into());
        spec
    }

    /// Existing claims (one read-only) and guaranteed QoS.
    pub fn volumes() -> JobSpec {
        JobSpec {
            volumes: vec![
                "data:/data".parse().unwrap(),
                "reference:/reference:ro".parse().unwrap(),
            ],
            guaranteed: true,
            ..plain()
        }
    }

    /// LoadBalancer exposure with source ranges.
    pub fn loadbalancer() -> JobSpec {
        JobSpec {
            exposure: Exposure::LoadBalancer {
                source_ranges: vec!["10.0.0.0/8".into(), "192.168.1.0/24".into()],
            },
            external_traffic_policy: Some(ExternalTrafficPolicy::Cluster),
            ..one_worker_per_pod(plain())
        }
    }

    /// Ingress exposure with a class and TLS.
    pub fn ingress() -> JobSpec {
        JobSpec {
            exposure: Exposure::Ingress(IngressExposure {
                host: "t2.example.com".into(),
                path: "/jobs".into(),
                class: Some("nginx".into()),
                tls_secret: Some("t2-tls".into()),
            }),
            ..one_worker_per_pod(plain())
        }
    }

    /// `--spread rack` restricted to two racks of one datacenter, direct upload, node locations
    /// from config.
    pub fn spread() -> JobSpec {
        JobSpec {
            placement: Placement {
                spread: Some(SpreadDomain::Rack),
                racks: vec!["r1".into(), "r2".into()],
                datacenters: vec!["dc1".into()],
                ..Placement::default()
            },
            upload: UploadMethod::ClientToPods,
            encoded_node_info: None,
            ..plain()
        }
    }

    /// Every variant with its name.
    pub fn all() -> Vec<(&'static str, JobSpec)> {
        vec![
            ("plain", plain()),
            ("openmpi", openmpi()),
            ("nodeport", nodeport()),
            ("persistent", persistent()),
            ("targets", targets()),
            ("volumes", volumes()),
            ("loadbalancer", loadbalancer()),
            ("ingress", ingress()),
            ("spread", spread()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::variants::{self, ID};
    use super::*;
    use crate::twister2::spec::ExistingVolume;

    fn labels_of(meta: &ObjectMeta) -> &BTreeMap<String, String> {
        meta.labels.as_ref().unwrap()
    }

    fn pod(sts: &StatefulSet) -> &PodSpec {
        sts.spec.as_ref().unwrap().template.spec.as_ref().unwrap()
    }

    fn pod_labels(sts: &StatefulSet) -> &BTreeMap<String, String> {
        let template = &sts.spec.as_ref().unwrap().template;
        template.metadata.as_ref().unwrap().labels.as_ref().unwrap()
    }

    fn container(sts: &StatefulSet, i: usize) -> &Container {
        &pod(sts).containers[i]
    }

    fn env<'a>(c: &'a Container, name: &str) -> &'a EnvVar {
        c.env
            .as_ref()
            .unwrap()
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("no env {name}"))
    }

    fn env_val<'a>(c: &'a Container, name: &str) -> Option<&'a str> {
        env(c, name).value.as_deref()
    }

    fn env_names(c: &Container) -> Vec<&str> {
        c.env
            .as_ref()
            .unwrap()
            .iter()
            .map(|e| e.name.as_str())
            .collect()
    }

    fn quantities(map: &Option<BTreeMap<String, Quantity>>) -> Option<(String, String)> {
        map.as_ref()
            .map(|m| (m["cpu"].0.clone(), m["memory"].0.clone()))
    }

    fn volume<'a>(pod: &'a PodSpec, name: &str) -> Option<&'a Volume> {
        pod.volumes
            .as_ref()
            .unwrap()
            .iter()
            .find(|v| v.name == name)
    }

    fn mounts(c: &Container) -> Vec<(&str, &str)> {
        c.volume_mounts
            .as_ref()
            .unwrap()
            .iter()
            .map(|m| (m.name.as_str(), m.mount_path.as_str()))
            .collect()
    }

    fn sel(key: &str) -> BTreeMap<String, String> {
        BTreeMap::from([(key.to_string(), ID.to_string())])
    }

    fn plain() -> JobObjects {
        render(&variants::plain())
    }

    #[test]
    fn every_variant_is_valid() {
        for (name, spec) in variants::all() {
            assert_eq!(spec.validate(), Ok(()), "{name}");
        }
    }

    #[test]
    fn object_names_and_creation_order() {
        let objects = plain();
        let listed: Vec<(&str, String)> = objects
            .in_creation_order()
            .iter()
            .map(|o| (o.kind(), o.name().to_string()))
            .collect();
        let expected = [
            ("Service", ID.to_string()),
            ("Service", format!("{ID}-jm")),
            ("ConfigMap", ID.to_string()),
            ("StatefulSet", format!("{ID}-jm")),
            ("StatefulSet", format!("{ID}-0")),
        ];
        assert_eq!(listed, expected.to_vec());
        let targets = render(&variants::targets());
        assert_eq!(
            targets.workers[1].metadata.name.as_deref(),
            Some(&*format!("{ID}-1"))
        );
        let persistent = render(&variants::persistent());
        let kinds: Vec<&str> = persistent
            .in_creation_order()
            .iter()
            .map(JobObject::kind)
            .collect();
        assert_eq!(
            kinds,
            [
                "Service",
                "Service",
                "ConfigMap",
                "PersistentVolumeClaim",
                "StatefulSet",
                "StatefulSet"
            ]
        );
    }

    #[test]
    fn every_object_is_in_the_job_namespace() {
        let mut spec = variants::ingress();
        spec.namespace = "t2".into();
        for object in render(&spec).in_creation_order() {
            assert_eq!(
                object.metadata().namespace.as_deref(),
                Some("t2"),
                "{}",
                object.name()
            );
        }
    }

    #[test]
    fn services_config_map_and_claim_carry_the_job_labels_only() {
        let objects = render(&variants::persistent());
        let expected = labels::job_object(ID);
        assert_eq!(labels_of(&objects.worker_service.metadata), &expected);
        assert_eq!(labels_of(&objects.job_master_service.metadata), &expected);
        assert_eq!(labels_of(&objects.config_map.metadata), &expected);
        let pvc = objects.persistent_volume_claim.unwrap();
        assert_eq!(labels_of(&pvc.metadata), &expected);
        assert_eq!(expected["app"], "twister2");
        assert_eq!(expected["t2-job"], ID);
        assert_eq!(expected["app.kubernetes.io/managed-by"], "kubectl-twister2");
    }

    #[test]
    fn statefulsets_and_pods_carry_their_role_label() {
        let objects = plain();
        let worker = &objects.workers[0];
        assert_eq!(labels_of(&worker.metadata), &labels::job_role(ID, "t2-wss"));
        assert_eq!(pod_labels(worker), &labels::job_role(ID, "t2-wp"));
        let jm = &objects.job_master;
        assert_eq!(labels_of(&jm.metadata), &labels::job_role(ID, "t2-mss"));
        assert_eq!(pod_labels(jm), &labels::job_role(ID, "t2-mp"));
    }

    #[test]
    fn selectors_are_exactly_twister2s() {
        let objects = render(&variants::targets());
        for worker in &objects.workers {
            let s = worker.spec.as_ref().unwrap();
            assert_eq!(s.selector.match_labels.as_ref(), Some(&sel("t2-wp")));
            assert_eq!(s.selector.match_expressions, None);
        }
        let jm = objects.job_master.spec.as_ref().unwrap();
        assert_eq!(jm.selector.match_labels.as_ref(), Some(&sel("t2-mp")));
        let worker_svc = objects.worker_service.spec.as_ref().unwrap();
        assert_eq!(worker_svc.selector.as_ref(), Some(&sel("t2-wp")));
        let jm_svc = objects.job_master_service.spec.as_ref().unwrap();
        assert_eq!(jm_svc.selector.as_ref(), Some(&sel("t2-mp")));
    }

    #[test]
    fn headless_services_have_no_ports() {
        let objects = plain();
        for svc in [&objects.worker_service, &objects.job_master_service] {
            let s = svc.spec.as_ref().unwrap();
            assert_eq!(s.cluster_ip.as_deref(), Some("None"));
            assert_eq!(s.ports, None);
            assert_eq!(s.type_, None);
        }
    }

    #[test]
    fn worker_statefulset_spec() {
        let objects = render(&variants::targets());
        for (i, worker) in objects.workers.iter().enumerate() {
            let s = worker.spec.as_ref().unwrap();
            assert_eq!(s.service_name.as_deref(), Some(ID));
            assert_eq!(s.pod_management_policy.as_deref(), Some("Parallel"));
            assert_eq!(s.replicas, Some(2), "resource {i}");
            let p = pod(worker);
            assert_eq!(p.termination_grace_period_seconds, Some(0));
            assert_eq!(p.service_account_name, None);
            assert_eq!(p.restart_policy, None);
        }
        assert_eq!(pod(&plain().workers[0]).image_pull_secrets, None);
    }

    #[test]
    fn job_master_statefulset_spec() {
        let jm = plain().job_master;
        let s = jm.spec.as_ref().unwrap();
        assert_eq!(s.service_name.as_deref(), Some(&*format!("{ID}-jm")));
        assert_eq!(s.replicas, Some(1));
        assert_eq!(s.pod_management_policy, None);
        let p = pod(&jm);
        assert_eq!(p.termination_grace_period_seconds, Some(0));
        assert_eq!(p.affinity, None);
        assert_eq!(p.containers.len(), 1);
        assert_eq!(p.containers[0].name, "twister2-job-master-0");
    }

    #[test]
    fn config_map_holds_the_job_object() {
        let cm = plain().config_map;
        let data = cm.data.unwrap();
        assert_eq!(data.len(), 1);
        assert_eq!(
            data["TWISTER2_JOB_OBJECT"],
            variants::plain().job_object_base64
        );
    }

    #[test]
    fn worker_containers_names_image_and_command() {
        let objects = plain();
        let worker = &objects.workers[0];
        let names: Vec<&str> = pod(worker)
            .containers
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(names, ["twister2-container-0", "twister2-container-1"]);
        for c in &pod(worker).containers {
            assert_eq!(
                c.image.as_deref(),
                Some("twister2/twister2-k8s:0.8.0-SNAPSHOT")
            );
            assert_eq!(c.image_pull_policy.as_deref(), Some("IfNotPresent"));
            assert_eq!(c.command, Some(vec!["/bin/bash".to_string()]));
            assert_eq!(
                c.args,
                Some(vec!["-c".to_string(), "./init.sh".to_string()])
            );
        }
        let jm = container(&objects.job_master, 0);
        assert_eq!(
            jm.args,
            Some(vec!["-c".to_string(), "./init.sh".to_string()])
        );
        assert_eq!(jm.image, pod(worker).containers[0].image);
    }

    const COMMON_ENV: [&str; 15] = [
        "JOB_ID",
        "ENCODED_NODE_INFO_LIST",
        "POD_NAME",
        "HOST_IP",
        "HOST_NAME",
        "JOB_PACKAGE_FILE_SIZE",
        "USER_JOB_JAR_FILE",
        "POD_MEMORY_VOLUME",
        "JOB_ARCHIVE_DIRECTORY",
        "JOB_PACKAGE_FILENAME",
        "UPLOAD_METHOD",
        "JOB_PACKAGE_URI",
        "LOGGER_PROPERTIES_FILE",
        "JOB_SUBMISSION_TIME",
        "RESTORE_JOB",
    ];

    #[test]
    fn worker_env_names_in_twister2_order() {
        let objects = plain();
        let mut expected = COMMON_ENV.to_vec();
        expected.extend([
            "CONTAINER_NAME",
            "JOB_MASTER_IP",
            "CLASS_TO_RUN",
            "WORKER_PORT",
            "JVM_MEMORY_MB",
        ]);
        for c in &pod(&objects.workers[0]).containers {
            assert_eq!(env_names(c), expected);
        }
    }

    #[test]
    fn job_master_env_names_in_twister2_order() {
        let objects = plain();
        let mut expected = COMMON_ENV.to_vec();
        expected.extend(["CONTAINER_NAME", "CLASS_TO_RUN", "JVM_MEMORY_MB"]);
        assert_eq!(env_names(container(&objects.job_master, 0)), expected);
    }

    #[test]
    fn common_env_values() {
        let objects = plain();
        let spec = variants::plain();
        let uri = format!("http://twister2-uploader.default.svc.cluster.local/{ID}.tar.gz");
        let package = format!("{ID}.tar.gz");
        let expected: [(&str, &str); 12] = [
            ("JOB_ID", ID),
            ("ENCODED_NODE_INFO_LIST", "10.0.0.1,r1,dc1;10.0.0.2,r2,dc1;"),
            ("JOB_PACKAGE_FILE_SIZE", "123456"),
            ("USER_JOB_JAR_FILE", "libexamples-java.jar"),
            ("POD_MEMORY_VOLUME", "/twister2-memory-dir"),
            ("JOB_ARCHIVE_DIRECTORY", "twister2-job"),
            ("JOB_PACKAGE_FILENAME", &package),
            ("UPLOAD_METHOD", "webserver"),
            ("JOB_PACKAGE_URI", &uri),
            ("LOGGER_PROPERTIES_FILE", "common/logger.properties"),
            ("JOB_SUBMISSION_TIME", "1608076800000"),
            ("RESTORE_JOB", "false"),
        ];
        let containers = [
            container(&objects.workers[0], 0),
            container(&objects.workers[0], 1),
            container(&objects.job_master, 0),
        ];
        for c in containers {
            for (name, value) in expected {
                assert_eq!(env_val(c, name), Some(value), "{} {name}", c.name);
            }
        }
        assert_eq!(spec.package_size, 123_456);
    }

    #[test]
    fn downward_api_env() {
        let objects = plain();
        for c in [
            container(&objects.workers[0], 1),
            container(&objects.job_master, 0),
        ] {
            for (name, path) in [
                ("POD_NAME", "metadata.name"),
                ("HOST_IP", "status.hostIP"),
                ("HOST_NAME", "spec.nodeName"),
            ] {
                let e = env(c, name);
                assert_eq!(e.value, None);
                let field = e.value_from.as_ref().unwrap().field_ref.as_ref().unwrap();
                assert_eq!(field.field_path, path);
                assert_eq!(field.api_version, None);
            }
        }
    }

    #[test]
    fn direct_upload_and_config_node_locations_leave_values_unset() {
        let objects = render(&variants::spread());
        let c = container(&objects.workers[0], 0);
        assert_eq!(env_val(c, "UPLOAD_METHOD"), Some("client-to-pods"));
        assert_eq!(env(c, "JOB_PACKAGE_URI").value, None);
        assert_eq!(env(c, "JOB_PACKAGE_URI").value_from, None);
        assert_eq!(env(c, "ENCODED_NODE_INFO_LIST").value, None);
        let mut restored = variants::plain();
        restored.restore = true;
        let objects = render(&restored);
        assert_eq!(
            env_val(container(&objects.job_master, 0), "RESTORE_JOB"),
            Some("true")
        );
    }

    #[test]
    fn worker_specific_env_values() {
        let objects = plain();
        for (i, port) in [(0, "9000"), (1, "9001")] {
            let c = container(&objects.workers[0], i);
            assert_eq!(
                env_val(c, "CONTAINER_NAME"),
                Some(&*format!("twister2-container-{i}"))
            );
            let jm_ip = env(c, "JOB_MASTER_IP");
            assert_eq!(
                (jm_ip.value.as_deref(), jm_ip.value_from.as_ref()),
                (None, None)
            );
            assert_eq!(
                env_val(c, "CLASS_TO_RUN"),
                Some("edu.iu.dsc.tws.rsched.schedulers.k8s.worker.K8sWorkerStarter")
            );
            assert_eq!(env_val(c, "WORKER_PORT"), Some(port));
            assert_eq!(env_val(c, "JVM_MEMORY_MB"), Some("819"));
        }
    }

    #[test]
    fn jvm_memory_is_the_integer_part_of_ram_times_fraction() {
        let mut spec = variants::plain();
        spec.compute_resources[0].ram_mb = 1000;
        spec.jvm_memory_fraction = 0.75;
        let objects = render(&spec);
        assert_eq!(
            env_val(container(&objects.workers[0], 0), "JVM_MEMORY_MB"),
            Some("750")
        );
        spec.compute_resources[0].ram_mb = 1023;
        let objects = render(&spec);
        assert_eq!(
            env_val(container(&objects.workers[0], 0), "JVM_MEMORY_MB"),
            Some("767")
        );
    }

    #[test]
    fn job_master_specific_env_values() {
        let objects = plain();
        let c = container(&objects.job_master, 0);
        assert_eq!(env_val(c, "CONTAINER_NAME"), Some("twister2-job-master-0"));
        assert_eq!(
            env_val(c, "CLASS_TO_RUN"),
            Some("edu.iu.dsc.tws.rsched.schedulers.k8s.master.JobMasterStarter")
        );
        assert_eq!(env_val(c, "JVM_MEMORY_MB"), Some("1024"));
    }

    #[test]
    fn worker_ports() {
        let objects = plain();
        for (i, port) in [(0, 9000), (1, 9001)] {
            let ports = container(&objects.workers[0], i).ports.as_ref().unwrap();
            assert_eq!(ports.len(), 1);
            assert_eq!(ports[0].name.as_deref(), Some("port11"));
            assert_eq!(ports[0].container_port, port);
            assert_eq!(ports[0].protocol.as_deref(), Some("TCP"));
        }
        let mut spec = variants::plain();
        spec.additional_ports = 2;
        spec.worker_base_port = 7000;
        spec.transport_protocol = crate::twister2::spec::TransportProtocol::Udp;
        let objects = render(&spec);
        let c = container(&objects.workers[0], 1);
        let port = &c.ports.as_ref().unwrap()[0];
        assert_eq!(
            (port.container_port, port.protocol.as_deref()),
            (7003, Some("UDP"))
        );
        assert_eq!(env_val(c, "WORKER_PORT"), Some("7003"));
    }

    #[test]
    fn job_master_port() {
        let objects = plain();
        let ports = container(&objects.job_master, 0).ports.clone().unwrap();
        assert_eq!(ports.len(), 1);
        assert_eq!(ports[0].name.as_deref(), Some("job-master-port"));
        assert_eq!(ports[0].container_port, 11011);
        assert_eq!(ports[0].protocol.as_deref(), Some("TCP"));
    }

    #[test]
    fn worker_resources_are_requests_with_java_formatting() {
        let objects = plain();
        let r = container(&objects.workers[0], 0)
            .resources
            .as_ref()
            .unwrap();
        assert_eq!(
            quantities(&r.requests),
            Some(("0.50".into(), "1024Mi".into()))
        );
        assert_eq!(r.limits, None);
        let mut spec = variants::plain();
        spec.compute_resources[0].cpu = 0.125;
        let objects = render(&spec);
        let r = container(&objects.workers[0], 0).resources.clone().unwrap();
        assert_eq!(quantities(&r.requests).unwrap().0, "0.13");
    }

    #[test]
    fn bind_to_cpu_puts_resources_under_limits() {
        let mut spec = variants::plain();
        spec.bind_to_cpu = true;
        spec.compute_resources[0].cpu = 2.0;
        let objects = render(&spec);
        let r = container(&objects.workers[0], 0).resources.clone().unwrap();
        assert_eq!(r.requests, None);
        assert_eq!(
            quantities(&r.limits),
            Some(("2.00".into(), "1024Mi".into()))
        );
        // The job master is never bound.
        let jm = container(&objects.job_master, 0).resources.clone().unwrap();
        assert!(jm.requests.is_some() && jm.limits.is_none());
    }

    #[test]
    fn guaranteed_sets_limits_equal_to_requests_everywhere() {
        let objects = render(&variants::volumes());
        for c in [
            container(&objects.workers[0], 0),
            container(&objects.job_master, 0),
        ] {
            let r = c.resources.as_ref().unwrap();
            assert!(r.requests.is_some());
            assert_eq!(r.requests, r.limits, "{}", c.name);
        }
    }

    #[test]
    fn job_master_resources() {
        let objects = plain();
        let r = container(&objects.job_master, 0).resources.clone().unwrap();
        assert_eq!(
            quantities(&r.requests),
            Some(("0.2".into(), "1152Mi".into()))
        );
        assert_eq!(r.limits, None);
    }

    #[test]
    fn worker_volumes_and_mounts() {
        let objects = plain();
        let p = pod(&objects.workers[0]);
        let names: Vec<&str> = p
            .volumes
            .as_ref()
            .unwrap()
            .iter()
            .map(|v| v.name.as_str())
            .collect();
        assert_eq!(names, ["twister2-memory-dir", "twister2-volatile-dir"]);
        let memory = volume(p, "twister2-memory-dir")
            .unwrap()
            .empty_dir
            .clone()
            .unwrap();
        assert_eq!(
            (memory.medium.as_deref(), memory.size_limit),
            (Some("Memory"), None)
        );
        let volatile = volume(p, "twister2-volatile-dir")
            .unwrap()
            .empty_dir
            .clone()
            .unwrap();
        assert_eq!(volatile.size_limit, Some(Quantity("2.00Gi".into())));
        assert_eq!(volatile.medium, None);
        for c in &p.containers {
            assert_eq!(
                mounts(c),
                [
                    ("twister2-memory-dir", "/twister2-memory-dir"),
                    ("twister2-volatile-dir", "/twister2-volatile")
                ]
            );
        }
    }

    #[test]
    fn no_volatile_volume_without_disk() {
        let objects = render(&variants::targets());
        let p = pod(&objects.workers[1]);
        assert!(volume(p, "twister2-volatile-dir").is_none());
        assert_eq!(
            mounts(&p.containers[0]),
            [("twister2-memory-dir", "/twister2-memory-dir")]
        );
    }

    #[test]
    fn job_master_volumes_and_mounts() {
        let objects = plain();
        let p = pod(&objects.job_master);
        assert_eq!(p.volumes.as_ref().unwrap().len(), 1);
        assert_eq!(
            mounts(&p.containers[0]),
            [("twister2-memory-dir", "/twister2-memory-dir")]
        );
        let mut spec = variants::persistent();
        spec.job_master.volatile_gb = 1.5;
        spec.job_master.persistent_gb = 0.5;
        let objects = render(&spec);
        let p = pod(&objects.job_master);
        let volatile = volume(p, "twister2-volatile-dir")
            .unwrap()
            .empty_dir
            .clone()
            .unwrap();
        assert_eq!(volatile.size_limit, Some(Quantity("1.50Gi".into())));
        let claim = volume(p, "persistent-volume")
            .unwrap()
            .persistent_volume_claim
            .clone()
            .unwrap();
        assert_eq!(claim.claim_name, ID);
        assert_eq!(
            mounts(&p.containers[0]),
            [
                ("twister2-memory-dir", "/twister2-memory-dir"),
                ("twister2-volatile-dir", "/twister2-volatile"),
                ("persistent-volume", "/persistent")
            ]
        );
        let pvc = objects.persistent_volume_claim.unwrap();
        let storage = &pvc.spec.unwrap().resources.unwrap().requests.unwrap()["storage"];
        assert_eq!(storage.0, "4.5Gi");
    }

    #[test]
    fn persistent_claim() {
        let objects = render(&variants::persistent());
        let pvc = objects.persistent_volume_claim.clone().unwrap();
        assert_eq!(pvc.metadata.name.as_deref(), Some(ID));
        let s = pvc.spec.unwrap();
        assert_eq!(
            s.storage_class_name.as_deref(),
            Some("twister2-nfs-storage")
        );
        assert_eq!(s.access_modes, Some(vec!["ReadWriteMany".to_string()]));
        let storage = &s.resources.unwrap().requests.unwrap()["storage"];
        assert_eq!(storage.0, "4.0Gi");
        let p = pod(&objects.workers[0]);
        let claim = volume(p, "persistent-volume")
            .unwrap()
            .persistent_volume_claim
            .clone()
            .unwrap();
        assert_eq!((claim.claim_name.as_str(), claim.read_only), (ID, None));
        for c in &p.containers {
            assert!(mounts(c).contains(&("persistent-volume", "/persistent")));
        }
        // The job master mounts the claim only when it asks for a share of it.
        assert!(volume(pod(&objects.job_master), "persistent-volume").is_none());
        assert_eq!(render(&variants::plain()).persistent_volume_claim, None);
    }

    #[test]
    fn restoring_reuses_the_existing_claim() {
        let mut spec = variants::persistent();
        spec.restore = true;
        let objects = render(&spec);
        assert_eq!(objects.persistent_volume_claim, None);
        assert!(volume(pod(&objects.workers[0]), "persistent-volume").is_some());
    }

    #[test]
    fn openmpi_pods() {
        let objects = render(&variants::openmpi());
        let p = pod(&objects.workers[0]);
        assert_eq!(p.containers.len(), 1);
        let c = &p.containers[0];
        assert_eq!(c.name, "twister2-container-0");
        assert_eq!(
            c.args,
            Some(vec!["-c".to_string(), "./init_openmpi.sh".to_string()])
        );
        assert_eq!(
            env_val(c, "CLASS_TO_RUN"),
            Some("edu.iu.dsc.tws.rsched.schedulers.k8s.mpi.MPIMasterStarter")
        );
        assert_eq!(env_val(c, "WORKER_PORT"), Some("9000"));
        assert_eq!(env_val(c, "JVM_MEMORY_MB"), Some("819"));
        let r = c.resources.as_ref().unwrap();
        assert_eq!(
            quantities(&r.requests),
            Some(("1.00".into(), "2048Mi".into()))
        );
        let secret = volume(p, "kube-openmpi-ssh-key")
            .unwrap()
            .secret
            .clone()
            .unwrap();
        assert_eq!(
            secret.secret_name.as_deref(),
            Some("twister2-openmpi-ssh-key")
        );
        assert_eq!(secret.default_mode, Some(256));
        assert_eq!(
            mounts(c).last(),
            Some(&("kube-openmpi-ssh-key", "/ssh-key/openmpi"))
        );
        let volatile = volume(p, "twister2-volatile-dir")
            .unwrap()
            .empty_dir
            .clone()
            .unwrap();
        assert_eq!(volatile.size_limit, Some(Quantity("2.00Gi".into())));
        // The job master is the same as for other jobs.
        let jm = container(&objects.job_master, 0);
        assert_eq!(
            jm.args,
            Some(vec!["-c".to_string(), "./init.sh".to_string()])
        );
        assert!(volume(pod(&objects.job_master), "kube-openmpi-ssh-key").is_none());
    }

    #[test]
    fn nodeport_replaces_the_headless_worker_service() {
        let objects = render(&variants::nodeport());
        let svc = &objects.worker_service;
        assert_eq!(svc.metadata.name.as_deref(), Some(ID));
        let s = svc.spec.as_ref().unwrap();
        assert_eq!(s.type_.as_deref(), Some("NodePort"));
        assert_eq!(s.cluster_ip, None);
        assert_eq!(s.selector.as_ref(), Some(&sel("t2-wp")));
        let ports = s.ports.as_ref().unwrap();
        assert_eq!(ports.len(), 1);
        assert_eq!((ports[0].port, ports[0].node_port), (9000, Some(30080)));
        assert!(objects.exposure.is_empty());
        // The worker StatefulSets still name it.
        let sts = objects.workers[0].spec.as_ref().unwrap();
        assert_eq!(sts.service_name.as_deref(), Some(ID));
    }

    #[test]
    fn targets_node_mapping_and_uniform_mapping_on_every_worker_statefulset() {
        let objects = render(&variants::targets());
        assert_eq!(objects.workers.len(), 2);
        for worker in &objects.workers {
            let affinity = pod(worker).affinity.clone().unwrap();
            let terms = affinity
                .node_affinity
                .unwrap()
                .required_during_scheduling_ignored_during_execution
                .unwrap()
                .node_selector_terms;
            assert_eq!(terms.len(), 1);
            let exprs: Vec<(String, String, Vec<String>)> = terms[0]
                .match_expressions
                .clone()
                .unwrap()
                .into_iter()
                .map(|e| (e.key, e.operator, e.values.unwrap_or_default()))
                .collect();
            let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
            assert_eq!(
                exprs,
                vec![
                    (
                        "kubernetes.io/hostname".into(),
                        "In".into(),
                        s(&["e012", "e013"])
                    ),
                    (
                        "topology.kubernetes.io/zone".into(),
                        "In".into(),
                        s(&["us-east-1a"])
                    ),
                    ("example.com/gpu".into(), "In".into(), s(&["true"])),
                ]
            );
            assert_eq!(affinity.pod_affinity, None);
            let anti = affinity
                .pod_anti_affinity
                .unwrap()
                .required_during_scheduling_ignored_during_execution
                .unwrap();
            assert_eq!(anti.len(), 1);
            assert_eq!(anti[0].topology_key, "kubernetes.io/hostname");
            let expr = &anti[0]
                .label_selector
                .as_ref()
                .unwrap()
                .match_expressions
                .as_ref()
                .unwrap()[0];
            assert_eq!(
                (
                    expr.key.as_str(),
                    expr.operator.as_str(),
                    expr.values.clone()
                ),
                ("t2-wp", "In", Some(vec![ID.to_string()]))
            );
            assert_eq!(
                pod(worker).image_pull_secrets,
                Some(vec![LocalObjectReference {
                    name: "regcred".into()
                }])
            );
        }
        // The job master gets the pull secret but no placement.
        let jm = pod(&objects.job_master);
        assert_eq!(jm.affinity, None);
        assert_eq!(jm.image_pull_secrets.as_ref().unwrap()[0].name, "regcred");
    }

    #[test]
    fn uniform_all_same_node_is_pod_affinity() {
        let mut spec = variants::plain();
        spec.uniform_mapping = UniformMapping::AllSameNode;
        let affinity = pod(&render(&spec).workers[0]).affinity.clone().unwrap();
        assert_eq!(affinity.node_affinity, None);
        assert_eq!(affinity.pod_anti_affinity, None);
        let terms = affinity
            .pod_affinity
            .unwrap()
            .required_during_scheduling_ignored_during_execution
            .unwrap();
        assert_eq!(terms[0].topology_key, "kubernetes.io/hostname");
    }

    #[test]
    fn node_mapping_exists_has_no_values() {
        let mut spec = variants::plain();
        spec.node_mapping = Some(crate::twister2::spec::NodeMapping {
            key: "twister2".into(),
            operator: crate::twister2::spec::NodeSelectorOperator::Exists,
            values: vec![],
        });
        let affinity = pod(&render(&spec).workers[0]).affinity.clone().unwrap();
        let term = &affinity
            .node_affinity
            .unwrap()
            .required_during_scheduling_ignored_during_execution
            .unwrap()
            .node_selector_terms[0];
        let expr = &term.match_expressions.as_ref().unwrap()[0];
        assert_eq!(
            (expr.operator.as_str(), expr.values.clone()),
            ("Exists", None)
        );
    }

    #[test]
    fn plain_workers_have_no_placement() {
        let p = pod(&plain().workers[0]).clone();
        assert_eq!(p.affinity, None);
        assert_eq!(p.topology_spread_constraints, None);
    }

    #[test]
    fn spread_and_rack_datacenter_restriction() {
        let objects = render(&variants::spread());
        let p = pod(&objects.workers[0]);
        let spread = p.topology_spread_constraints.clone().unwrap();
        assert_eq!(spread.len(), 1);
        assert_eq!(spread[0].topology_key, "rack");
        assert_eq!(spread[0].max_skew, 1);
        assert_eq!(spread[0].when_unsatisfiable, "DoNotSchedule");
        assert_eq!(
            spread[0]
                .label_selector
                .as_ref()
                .unwrap()
                .match_labels
                .as_ref(),
            Some(&sel("t2-wp"))
        );
        let term = &p
            .affinity
            .clone()
            .unwrap()
            .node_affinity
            .unwrap()
            .required_during_scheduling_ignored_during_execution
            .unwrap()
            .node_selector_terms[0];
        let exprs: Vec<(String, Vec<String>)> = term
            .match_expressions
            .clone()
            .unwrap()
            .into_iter()
            .map(|e| (e.key, e.values.unwrap()))
            .collect();
        assert_eq!(
            exprs,
            vec![
                ("rack".to_string(), vec!["r1".to_string(), "r2".to_string()]),
                ("datacenter".to_string(), vec!["dc1".to_string()]),
            ]
        );
        let mut spec = variants::spread();
        spec.placement.spread = Some(crate::twister2::spec::SpreadDomain::Datacenter);
        spec.placement.datacenter_label_key = "topology.example.com/dc".into();
        let p = pod(&render(&spec).workers[0]).clone();
        assert_eq!(
            p.topology_spread_constraints.unwrap()[0].topology_key,
            "topology.example.com/dc"
        );
        spec.placement.spread = Some(crate::twister2::spec::SpreadDomain::Node);
        let p = pod(&render(&spec).workers[0]).clone();
        assert_eq!(
            p.topology_spread_constraints.unwrap()[0].topology_key,
            "kubernetes.io/hostname"
        );
        assert_eq!(
            pod(&render(&spec).job_master).topology_spread_constraints,
            None
        );
    }

    #[test]
    fn existing_volumes_in_job_master_and_every_worker_container() {
        let objects = render(&variants::volumes());
        let pods = [pod(&objects.job_master), pod(&objects.workers[0])];
        for p in pods {
            let data = volume(p, "existing-volume-0")
                .unwrap()
                .persistent_volume_claim
                .clone()
                .unwrap();
            assert_eq!((data.claim_name.as_str(), data.read_only), ("data", None));
            let reference = volume(p, "existing-volume-1")
                .unwrap()
                .persistent_volume_claim
                .clone()
                .unwrap();
            assert_eq!(
                (reference.claim_name.as_str(), reference.read_only),
                ("reference", Some(true))
            );
            for c in &p.containers {
                let all = c.volume_mounts.as_ref().unwrap();
                let n = all.len();
                assert_eq!(
                    (
                        all[n - 2].name.as_str(),
                        all[n - 2].mount_path.as_str(),
                        all[n - 2].read_only
                    ),
                    ("existing-volume-0", "/data", None)
                );
                assert_eq!(
                    (
                        all[n - 1].name.as_str(),
                        all[n - 1].mount_path.as_str(),
                        all[n - 1].read_only
                    ),
                    ("existing-volume-1", "/reference", Some(true))
                );
            }
        }
        assert_eq!(pod(&objects.workers[0]).containers.len(), 2);
        let v: ExistingVolume = "x:/x".parse().unwrap();
        assert!(!v.read_only);
    }

    #[test]
    fn extra_labels_everywhere_but_selectors_unchanged() {
        let mut spec = variants::ingress();
        spec.extra_labels.insert("team".into(), "data".into());
        let objects = render(&spec);
        for object in objects.in_creation_order() {
            assert_eq!(
                labels_of(object.metadata())["team"],
                "data",
                "{}",
                object.name()
            );
        }
        assert_eq!(pod_labels(&objects.workers[0])["team"], "data");
        assert_eq!(pod_labels(&objects.job_master)["team"], "data");
        let s = objects.workers[0].spec.as_ref().unwrap();
        assert_eq!(s.selector.match_labels.as_ref(), Some(&sel("t2-wp")));
    }

    #[test]
    fn json_list_and_yaml_stream() {
        let objects = render(&variants::ingress());
        let count = objects.in_creation_order().len();
        assert_eq!(count, 7);
        let list = objects.to_json_list().unwrap();
        assert_eq!(list["kind"], "List");
        assert_eq!(list["apiVersion"], "v1");
        let items = list["items"].as_array().unwrap();
        assert_eq!(items.len(), count);
        assert_eq!(items[0]["kind"], "Service");
        assert_eq!(items[0]["apiVersion"], "v1");
        assert_eq!(items[4]["apiVersion"], "apps/v1");
        assert_eq!(items[6]["apiVersion"], "networking.k8s.io/v1");
        let yaml = objects.to_yaml().unwrap();
        let docs: Vec<serde_yaml::Value> = serde_yaml::Deserializer::from_str(&yaml)
            .map(|d| serde::Deserialize::deserialize(d).unwrap())
            .collect();
        assert_eq!(docs.len(), count);
        let kinds: Vec<&str> = docs.iter().map(|d| d["kind"].as_str().unwrap()).collect();
        assert_eq!(
            kinds,
            [
                "Service",
                "Service",
                "ConfigMap",
                "StatefulSet",
                "StatefulSet",
                "Service",
                "Ingress"
            ]
        );
        assert!(
            yaml.starts_with("apiVersion: v1\nkind: Service\n"),
            "{yaml}"
        );
        // Round trip: the YAML parses back into the same typed objects.
        let back: StatefulSet = serde_yaml::from_value(docs[4].clone()).unwrap();
        assert_eq!(back, objects.workers[0]);
    }

    #[test]
    fn snapshots() {
        for (name, spec) in variants::all() {
            insta::assert_yaml_snapshot!(name, render(&spec).in_creation_order());
        }
    }

    /// Schema-validates every variant with `kubernetes-validate --strict` (PyPI
    /// `kubernetes-validate`) when it is on PATH; CI installs it.
    #[test]
    fn variants_pass_kubernetes_validate_strict() {
        let dir = tempfile::tempdir().unwrap();
        let mut files = Vec::new();
        let mut objects = 0;
        for (name, spec) in variants::all() {
            let path = dir.path().join(format!("{name}.yaml"));
            let rendered = render(&spec);
            objects += rendered.in_creation_order().len();
            std::fs::write(&path, rendered.to_yaml().unwrap()).unwrap();
            files.push(path);
        }
        // KUBERNETES_VALIDATE_VERSIONS="1.31.0,1.33.0" checks several versions; 1.33.0 otherwise.
        let versions =
            std::env::var("KUBERNETES_VALIDATE_VERSIONS").unwrap_or_else(|_| "1.33.0".to_string());
        for version in versions.split(',').map(str::trim).filter(|v| !v.is_empty()) {
            let output = std::process::Command::new("kubernetes-validate")
                .args(["--strict", "--kubernetes-version", version])
                .args(&files)
                .output();
            let output = match output {
                Ok(output) => output,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    // CI must run it; elsewhere it is optional.
                    assert!(
                        std::env::var_os("CI").is_none(),
                        "kubernetes-validate is not on PATH (pip install kubernetes-validate)"
                    );
                    eprintln!("kubernetes-validate is not on PATH; schema validation skipped");
                    return;
                }
                Err(e) => panic!("running kubernetes-validate: {e}"),
            };
            let stdout = String::from_utf8_lossy(&output.stdout);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(
                output.status.success(),
                "kubernetes-validate {version} failed:\n{stdout}\n{stderr}"
            );
            assert!(
                !stdout.contains("ERROR") && !stdout.contains("WARN"),
                "{stdout}\n{stderr}"
            );
            let passed = stdout
                .lines()
                .filter(|l| l.contains(" passed for resource "))
                .count();
            assert_eq!(
                passed, objects,
                "every object validated by {version}:\n{stdout}"
            );
        }
    }
}
