//! The plan: the `JobSpec`, the `Job` protobuf and the package, built from a
//! [`SubmitRequest`] and what the cluster said, with the pods' configuration made to agree with
//! the objects.

use super::decided::{Decisions, decide};
use super::request::{JobCode, SubmitRequest};
use crate::exit::Problems;
use crate::twister2::config::{Config, keys};
use crate::twister2::names::package_file_name;
use crate::twister2::package::{JobPackage, build_package};
use crate::twister2::proto::{self, Job, JobDescription};
use crate::twister2::spec::{JobMasterSpec, JobSpec, OpenMpi, PersistentStorage, UploadMethod};

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

/// Everything submit will create and send, decided before the objects are created.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The job's typed description.
    pub spec: JobSpec,
    /// The `Job` protobuf.
    pub job: Job,
    /// The package (`twister2-job/…` tar.gz).
    pub package: JobPackage,
    /// The configuration the pods read (with the plugin's decisions).
    pub config: Config,
    /// Warnings for the user on stderr (name changes, configuration warnings).
    pub notices: Vec<String>,
    /// What the plugin decided that the user should know (e.g. the ZooKeeper address used).
    pub notes: Vec<String>,
}

/// Why a plan could not be built: every problem found, and the job's spec when it got that far
/// (its objects can still be checked against the cluster, so those problems come in the same
/// report).
#[derive(Debug)]
pub struct Refused {
    /// Every problem found.
    pub problems: Problems,
    /// The spec that did not validate, if one was assembled.
    pub spec: Option<Box<JobSpec>>,
}

impl From<Problems> for Refused {
    fn from(problems: Problems) -> Refused {
        Refused {
            problems,
            spec: None,
        }
    }
}

/// Build the plan of `request` with what the cluster said. Every problem found
/// here (a configuration value that disagrees with the objects, ZooKeeper asked for but not
/// found, a package that cannot be built) is returned at once.
pub fn build(
    request: &SubmitRequest,
    facts: &ClusterFacts,
    detach: bool,
    now_ms: i64,
) -> Result<Plan, Refused> {
    let mut problems = Problems::default();
    let namespace = &request.namespace;
    let mut config = request.config.clone();
    let mut notices = request.notices.clone();
    let uploader_url = uploader_base_url(&config, &namespace.name);
    let decided = decide(
        &mut config,
        &Decisions {
            namespace,
            zookeeper: &request.zookeeper,
            discovered_zookeeper: facts.zookeeper.as_deref(),
            dashboard: (request.discover_dashboard)
                .then_some(facts.dashboard.as_deref())
                .flatten(),
            uploader_url: &uploader_url,
            restore: request.is_restore(),
        },
    );
    let notes = match decided {
        Ok(decided) => {
            notices.extend(decided.warnings);
            decided.notes
        }
        Err(found) => {
            found.into_iter().for_each(|p| problems.usage(p));
            return Err(problems.into());
        }
    };

    let job_id = &request.job_id;
    let upload = match &request.s3 {
        // The URL is known only after the upload (submit sets it); until then a placeholder.
        Some(s3) => UploadMethod::s3_before_upload(s3.object.clone()),
        None if facts.uploader_present || detach => UploadMethod::WebServer {
            uri: format!(
                "{}/{}",
                uploader_url.trim_end_matches('/'),
                package_file_name(job_id)
            ),
        },
        None => UploadMethod::ClientToPods,
    };
    let (job, package) = match &request.code {
        JobCode::File(path) => {
            let job = Job::from_description(&JobDescription {
                job_name: &request.job_name,
                job_id,
                worker_class: &request.worker_class,
                driver_class: request.driver_class.as_deref(),
                resources: &request.compute_resources,
                format: request.job_type,
                job_file: &request.job_file_name,
            });
            let mut job = match job {
                Ok(job) => job,
                Err(e) => {
                    problems.usage(e.to_string());
                    return Err(problems.into());
                }
            };
            job.config
                .get_or_insert_with(Default::default)
                .config_byte_map = request.job_config.to_byte_map();
            match build_package(&job, path, &config) {
                Ok(package) => (job, package),
                Err(e) => {
                    problems.other(format!(
                        "cannot build the job package from {}: {e}",
                        path.display()
                    ));
                    return Err(problems.into());
                }
            }
        }
        JobCode::Saved { package, job } => {
            ((**job).clone(), JobPackage::from_bytes(package.clone()))
        }
    };
    let objects = &request.objects;
    let spec = JobSpec {
        job_id: job_id.clone(),
        job_name: request.job_name.clone(),
        namespace: namespace.name.clone(),
        image: objects.image.clone(),
        image_pull_policy: objects.image_pull_policy,
        image_pull_secret: objects.image_pull_secret.clone(),
        worker_class: request.worker_class.clone(),
        driver_class: request.driver_class.clone(),
        job_type: request.job_type,
        job_file: request.job_file_name.clone(),
        compute_resources: request.compute_resources.clone(),
        job_master: JobMasterSpec {
            cpu: config.job_master_cpu(),
            ram_mb: config.job_master_ram_mb(),
            port: config.job_master_port(),
            volatile_gb: config.job_master_volatile_gb(),
            persistent_gb: config.job_master_persistent_volume_gb(),
        },
        worker_base_port: config.worker_base_port(),
        transport_protocol: objects.transport_protocol,
        additional_ports: config.additional_ports().len() as u32,
        jvm_memory_fraction: config.jvm_memory_fraction(),
        bind_to_cpu: config.bind_worker_to_cpu(),
        openmpi: config.is_openmpi().then(|| OpenMpi {
            secret_name: config
                .secret_name()
                .unwrap_or(DEFAULT_OPENMPI_SECRET)
                .to_string(),
        }),
        persistent_storage: (config.persistent_volume_per_worker_gb() > 0.0).then(|| {
            PersistentStorage {
                per_worker_gb: config.persistent_volume_per_worker_gb(),
                storage_class: config.storage_class().map(str::to_string),
                access_mode: objects.storage_access_mode,
            }
        }),
        targets: objects.targets.clone(),
        volumes: objects.volumes.clone(),
        guaranteed: objects.guaranteed,
        exposure: objects.exposure.clone(),
        external_traffic_policy: objects.external_traffic_policy,
        placement: objects.placement.clone(),
        node_mapping: objects.node_mapping.clone(),
        uniform_mapping: objects.uniform_mapping,
        upload,
        package_size: package.size(),
        submission_time_ms: now_ms,
        restore: request.is_restore(),
        encoded_node_info: if config.node_locations_from_config() {
            None
        } else {
            facts.encoded_node_info.clone()
        },
        job_object_base64: proto::encode_to_base64(&job),
        extra_labels: Default::default(),
    };
    if let Err(invalid) = spec.validate() {
        invalid.problems.into_iter().for_each(|p| problems.usage(p));
        return Err(Refused {
            problems,
            spec: Some(Box::new(spec)),
        });
    }
    Ok(Plan {
        spec,
        job,
        package,
        config,
        notices,
        notes,
    })
}

/// Base URL pods download packages from: the configured one, else this namespace's uploader
/// (Twister2's default URL hard-codes the namespace `default`; this one follows `-n`).
pub fn uploader_base_url(config: &Config, namespace: &str) -> String {
    let configured = config
        .entry(keys::UPLOADER_WEB_SERVER)
        .filter(|e| e.source.is_given())
        .and_then(|e| e.value.as_str().map(str::to_string));
    configured.unwrap_or_else(|| crate::twister2::names::uploader::base_url(namespace))
}
