//! The checklist of what the pods need (pod-side reference §9), checked for one submitted job:
//! every value a pod reads from its package, its Job and its env against the objects the
//! plugin created — and, when Java is there, the same package read by the real SnakeYAML,
//! protobuf-java and Kryo.

use std::collections::BTreeMap;

use base64::Engine as _;
use kubectl_twister2::twister2::kryo::JavaValue;
use serde_json::Value as Json;

use super::pod::{
    ARCHIVE_DIR, Container, FILES, MEMORY_DIR, Package, PodConfig, PodValue, WORKDIR,
};
use crate::common::Env;

pub const TCP_CHANNEL: &str = "edu.iu.dsc.tws.comms.tcp.TWSTCPChannel";
pub const MPI_CHANNEL: &str = "edu.iu.dsc.tws.comms.mpi.TWSMPIChannel";
const WORKER_STARTER: &str = "edu.iu.dsc.tws.rsched.schedulers.k8s.worker.K8sWorkerStarter";
const MPI_STARTER: &str = "edu.iu.dsc.tws.rsched.schedulers.k8s.mpi.MPIMasterStarter";
const JM_STARTER: &str = "edu.iu.dsc.tws.rsched.schedulers.k8s.master.JobMasterStarter";

/// How the pods get their package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// From the uploader web server of the namespace.
    WebServer,
    /// Copied into each pod by the client.
    Direct,
    /// From a presigned S3 URL.
    S3,
}

/// What a variant asked for, to hold the pods' view against.
#[derive(Debug, Clone)]
pub struct Expect {
    pub delivery: Delivery,
    pub worker_class: String,
    pub openmpi: bool,
    pub restore: bool,
    pub zookeeper: Option<String>,
    pub dashboard: Option<String>,
    pub checkpointing: bool,
    /// Entries the job configuration must hold (others may too, e.g. Python's).
    pub job_config: Vec<(String, JavaValue)>,
    /// Python jobs: the script's path in the package and the arguments.
    pub python: Option<(String, Vec<String>)>,
    /// Values of shipped keys that must reach the pods (a conf dir may change them).
    pub shipped: Vec<(String, String)>,
}

impl Expect {
    pub fn java(class: &str) -> Expect {
        Expect {
            delivery: Delivery::WebServer,
            worker_class: class.to_string(),
            openmpi: false,
            restore: false,
            zookeeper: None,
            dashboard: None,
            checkpointing: false,
            job_config: Vec::new(),
            python: None,
            shipped: vec![(
                "twister2.taskscheduler.batch.class".into(),
                "edu.iu.dsc.tws.tsched.batch.batchscheduler.BatchTaskScheduler".into(),
            )],
        }
    }
}

fn list(env: &Env, resource: &str, ns: &str, selector: &str) -> Vec<Json> {
    env.server
        .list_selected(resource, Some(ns), selector)
        .unwrap()
}

/// Checks every item of the checklist for job `job_id` in `ns`, whose pods got `package`.
pub fn assert_pods_agree(env: &Env, ns: &str, job_id: &str, package: &[u8], expect: &Expect) {
    let package = Package::unpack(package);
    let by_job = format!("t2-job={job_id}");
    let sets = list(env, "statefulsets", ns, &by_job);
    let jm_name = format!("{job_id}-jm");
    let jm = sets
        .iter()
        .find(|s| s["metadata"]["name"] == jm_name.as_str())
        .unwrap_or_else(|| {
            panic!("no job-master StatefulSet {jm_name}: the job master must run as a pod")
        });
    let workers: Vec<&Json> = sets
        .iter()
        .filter(|s| s["metadata"]["name"] != jm_name.as_str())
        .collect();
    assert!(!workers.is_empty(), "no worker StatefulSet");

    // The Job: the package's .job is the only one the pods read; the ConfigMap carries the same.
    let job_path = format!("{ARCHIVE_DIR}/{job_id}.job");
    let job_bytes = package
        .file(&job_path)
        .unwrap_or_else(|| panic!("the package has no {job_path}"));
    let config_maps = list(env, "configmaps", ns, &by_job);
    assert_eq!(
        config_maps.len(),
        1,
        "the pods need exactly one ConfigMap labelled {by_job}"
    );
    let cm = &config_maps[0];
    assert_eq!(cm["metadata"]["name"], job_id);
    let object = base64::engine::general_purpose::STANDARD
        .decode(cm["data"]["TWISTER2_JOB_OBJECT"].as_str().unwrap())
        .unwrap();
    assert_eq!(
        object, job_bytes,
        "TWISTER2_JOB_OBJECT differs from the package's .job"
    );

    // The configuration files: every file of common/ and kubernetes/, and the logger.
    for dir in ["common", "kubernetes"] {
        for file in FILES {
            assert!(
                package
                    .file(&format!("{ARCHIVE_DIR}/{dir}/{file}"))
                    .is_some(),
                "the package lacks {dir}/{file}"
            );
        }
    }

    // The job master's Service is what workers resolve (<jobID>-jm.<ns>.svc.cluster.local).
    let jm_service = env
        .server
        .get("services", ns, &jm_name)
        .unwrap_or_else(|| panic!("no job-master Service {jm_name}"));
    assert_eq!(jm_service["spec"]["selector"]["t2-mp"], job_id);
    assert_eq!(
        jm["spec"]["template"]["metadata"]["labels"]["t2-mp"], job_id,
        "the job-master Service selects no pod"
    );

    let jm_containers = Container::of_statefulset(jm);
    assert_eq!(jm_containers.len(), 1);
    let jm_container = &jm_containers[0];
    let jm_port = jm_container
        .ports
        .iter()
        .find(|(name, _)| name == "job-master-port")
        .map(|(_, p)| i64::from(*p))
        .expect("the job master declares its port");
    let jm_config = PodConfig::read(&package, jm_container);
    assert_eq!(jm_container.env_required("CLASS_TO_RUN"), JM_STARTER);
    check_container(
        &package,
        ns,
        job_id,
        jm_container,
        &jm_config,
        expect,
        jm_port,
    );
    assert_eq!(
        jm_config.integer("twister2.job.master.port", 11011),
        jm_port,
        "the job master would listen on another port than its container declares"
    );
    let jm_pv = jm_config.double("twister2.job.master.persistent.volume.size", 0.0);
    assert_eq!(
        jm_pv > 0.0,
        jm_container.mounts.iter().any(|m| m == "/persistent"),
        "the job master's persistent-volume size and its /persistent mount disagree"
    );

    let mut submission_times = vec![jm_container.env_required("JOB_SUBMISSION_TIME").to_string()];
    let job = &jm_config.job;
    let mut workers_seen = 0u64;
    for set in &workers {
        let set_name = set["metadata"]["name"].as_str().unwrap();
        let index: i32 = set_name
            .rsplit('-')
            .next()
            .unwrap()
            .parse()
            .expect("worker StatefulSets are <jobID>-<index>");
        let resource = job
            .compute_resource
            .iter()
            .find(|cr| {
                matches!(
                    cr.index_required,
                    Some(kubectl_twister2::twister2::proto::compute_resource::IndexRequired::Index(i)) if i == index
                )
            })
            .unwrap_or_else(|| panic!("no compute resource with index {index} in the Job"));
        let containers = Container::of_statefulset(set);
        // OpenMPI pods have one container; mpirun starts the pod's workers.
        if !expect.openmpi {
            assert_eq!(
                resource.workers_per_pod as usize,
                containers.len(),
                "{set_name}: workers per pod differ from the containers per pod"
            );
        }
        assert_eq!(
            i64::from(resource.instances),
            set["spec"]["replicas"].as_i64().unwrap(),
            "{set_name}: instances differ from replicas"
        );
        workers_seen +=
            u64::from(resource.instances as u32) * u64::from(resource.workers_per_pod as u32);
        for (i, container) in containers.iter().enumerate() {
            let config = PodConfig::read(&package, container);
            check_container(&package, ns, job_id, container, &config, expect, jm_port);
            let name = container.env_required("CONTAINER_NAME");
            assert!(
                name.ends_with(&format!("-{i}")),
                "{set_name}: container {i} is named {name}: the package is fetched only by -0"
            );
            assert_eq!(
                config.integer("twister2.job.master.port", 11011),
                jm_port,
                "workers would connect to another port than the job master listens on"
            );
            let worker_port: u16 = container.env_required("WORKER_PORT").parse().unwrap();
            assert!(
                container.ports.iter().any(|(_, p)| *p == worker_port),
                "{set_name}/{name}: WORKER_PORT {worker_port} is not a declared port"
            );
            let additional = match config.get("twister2.resource.worker.additional.ports") {
                Some(PodValue::Yaml(serde_yaml::Value::Sequence(l))) => l.len() as i64,
                _ => 0,
            };
            assert_eq!(
                i64::from(worker_port),
                config.integer("kubernetes.worker.base.port", 9000) + i as i64 * (additional + 1),
                "{set_name}/{name}: worker port"
            );
            let pv = config.double("twister2.resource.persistent.volume.per.worker", 0.0);
            assert_eq!(
                pv > 0.0,
                container.mounts.iter().any(|m| m == "/persistent"),
                "{set_name}/{name}: the persistent-volume key and the /persistent mount disagree"
            );
            let class = container.env_required("CLASS_TO_RUN");
            if expect.openmpi {
                assert_eq!(class, MPI_STARTER);
            } else {
                assert_eq!(class, WORKER_STARTER);
            }
            assert!(container.env("JOB_MASTER_IP").is_none_or(str::is_empty));
            submission_times.push(container.env_required("JOB_SUBMISSION_TIME").to_string());
        }
    }
    assert_eq!(
        i64::from(job.number_of_workers),
        workers_seen as i64,
        "number_of_workers"
    );
    submission_times.dedup();
    assert_eq!(
        submission_times.len(),
        1,
        "JOB_SUBMISSION_TIME differs between containers: {submission_times:?}"
    );
    submission_times[0]
        .parse::<i64>()
        .expect("JOB_SUBMISSION_TIME is a decimal long");

    check_java_reads_the_same(&package, job_id, &jm_config);
}

/// What every container (job master and workers) reads.
fn check_container(
    package: &Package,
    ns: &str,
    job_id: &str,
    c: &Container,
    config: &PodConfig,
    expect: &Expect,
    _jm_port: i64,
) {
    let at = format!("{}/{}", c.set, c.name);
    assert_eq!(c.env_required("JOB_ID"), job_id, "{at}");
    assert!(
        config.job_file_present,
        "{at}: no {job_id}.job in the package"
    );
    assert_eq!(config.job.job_id, job_id, "{at}");
    assert!(
        config.dropped.is_empty(),
        "{at}: the pods drop {:?}",
        config.dropped
    );
    assert_eq!(c.env_required("POD_NAME"), "fieldRef:metadata.name", "{at}");
    assert_eq!(c.env_required("HOST_IP"), "fieldRef:status.hostIP", "{at}");
    assert_eq!(c.env_required("POD_MEMORY_VOLUME"), MEMORY_DIR, "{at}");
    assert_eq!(c.env_required("JOB_ARCHIVE_DIRECTORY"), ARCHIVE_DIR, "{at}");
    assert_eq!(
        c.env_required("JOB_PACKAGE_FILENAME"),
        format!("{job_id}.tar.gz"),
        "{at}"
    );
    assert!(
        c.mounts.iter().any(|m| m == MEMORY_DIR),
        "{at}: no memory volume"
    );
    let logger = c.env_required("LOGGER_PROPERTIES_FILE");
    assert_eq!(logger, "common/logger.properties", "{at}");
    assert!(
        package.file(&format!("{ARCHIVE_DIR}/{logger}")).is_some(),
        "{at}: init.sh passes {logger}, which the package lacks"
    );
    c.env_required("JVM_MEMORY_MB")
        .parse::<u32>()
        .unwrap_or_else(|_| panic!("{at}: JVM_MEMORY_MB is not a number: -Xmsm would fail"));
    let jar = c.env_required("USER_JOB_JAR_FILE");
    let format = config.job.format_type().expect("the Job has a format");
    if !format.is_zip() {
        assert!(
            package.file(&format!("{ARCHIVE_DIR}/{jar}")).is_some(),
            "{at}: USER_JOB_JAR_FILE {jar} is not in the package"
        );
    }
    match expect.delivery {
        Delivery::WebServer => {
            assert_eq!(c.env_required("UPLOAD_METHOD"), "webserver", "{at}");
            assert_eq!(
                c.env_required("JOB_PACKAGE_URI"),
                format!("http://twister2-uploader.{ns}.svc.cluster.local/{job_id}.tar.gz"),
                "{at}: the pods download from another namespace's uploader"
            );
        }
        Delivery::S3 => {
            assert_eq!(c.env_required("UPLOAD_METHOD"), "webserver", "{at}");
            let uri = c.env_required("JOB_PACKAGE_URI");
            assert!(uri.starts_with("https://"), "{at}: {uri}");
            assert!(
                !uri.contains(char::is_whitespace),
                "{at}: wget would split {uri}"
            );
        }
        Delivery::Direct => {
            assert_eq!(c.env_required("UPLOAD_METHOD"), "client-to-pods", "{at}");
            assert_eq!(
                c.env_required("JOB_PACKAGE_FILE_SIZE"),
                package.bytes.len().to_string(),
                "{at}: the pods wait for a size the file never reaches"
            );
        }
    }
    // The namespace the pods use for the job master's address, their ConfigMap and clean-up.
    assert_eq!(
        config.string("kubernetes.namespace", "default"),
        ns,
        "{at}: the pods would work in another namespace"
    );
    assert!(
        !config.boolean("twister2.job.master.runs.in.client", false),
        "{at}: workers would demand JOB_MASTER_IP"
    );
    let channel = config.string("twister2.network.channel.class", MPI_CHANNEL);
    assert_eq!(
        channel,
        if expect.openmpi {
            MPI_CHANNEL
        } else {
            TCP_CHANNEL
        },
        "{at}: channel"
    );
    assert_eq!(
        c.env_required("RESTORE_JOB"),
        if expect.restore { "true" } else { "false" },
        "{at}"
    );
    assert_eq!(
        config.boolean("twister2.checkpointing.restore.job", false),
        expect.restore,
        "{at}"
    );
    assert_eq!(
        config.boolean("twister2.checkpointing.enable", false),
        expect.checkpointing,
        "{at}: checkpointing"
    );
    let zookeeper = config
        .get("twister2.resource.zookeeper.server.addresses")
        .map(|_| config.string("twister2.resource.zookeeper.server.addresses", ""));
    assert_eq!(zookeeper, expect.zookeeper, "{at}: ZooKeeper");
    let dashboard = config
        .get("twister2.dashboard.host")
        .map(|_| config.string("twister2.dashboard.host", ""));
    assert_eq!(dashboard, expect.dashboard, "{at}: dashboard");
    for (key, value) in &expect.shipped {
        assert_eq!(&config.string(key, ""), value, "{at}: {key}");
    }
    assert_eq!(
        config.string("twister2.resource.job.worker.class", ""),
        expect.worker_class,
        "{at}: worker class"
    );
    for (key, value) in &expect.job_config {
        assert_eq!(
            config.get(key),
            Some(&PodValue::Java(value.clone())),
            "{at}: job configuration {key}"
        );
    }
    // Only classes the pods' getters and Kryo handle.
    if let Some(map) = config.job.config.as_ref().map(|c| &c.config_byte_map) {
        for key in map.keys() {
            let class = config
                .get(key)
                .map(PodValue::java_class)
                .unwrap_or_default();
            assert!(
                [
                    "java.lang.String",
                    "java.lang.Integer",
                    "java.lang.Long",
                    "java.lang.Double",
                    "java.lang.Boolean",
                    "[Ljava.lang.String;",
                    "java.util.ArrayList",
                    "java.util.HashMap",
                ]
                .contains(&class.as_str()),
                "{at}: {key} is a {class}"
            );
        }
    }
    if let Some((script, args)) = &expect.python {
        let port = config.integer("twister2.python.port", -1);
        assert!(
            port > 0,
            "{at}: twister2.python.port has no code default; the workers need it"
        );
        let python_file = config.string("python_file", "");
        let resolved = normalize(&format!("{WORKDIR}/{python_file}"));
        assert_eq!(
            resolved,
            format!("{MEMORY_DIR}/{ARCHIVE_DIR}/{script}"),
            "{at}"
        );
        assert!(
            package.has_pod_path(&resolved),
            "{at}: python_file resolves to {resolved}, which is not in the package"
        );
        assert_eq!(
            config.get("args"),
            Some(&PodValue::Java(JavaValue::StringArray(args.clone()))),
            "{at}: args must be a String[]"
        );
        assert!(
            matches!(
                config.get("MPI_AWARE_PYTHON"),
                Some(PodValue::Java(JavaValue::Boolean(_)))
            ),
            "{at}: MPI_AWARE_PYTHON"
        );
    }
}

/// `/a/b/../c` → `/a/c`, as the kernel resolves the path Java's `File(home, path)` gives.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    format!("/{}", parts.join("/"))
}

/// With Java present, the real SnakeYAML, protobuf-java and Kryo read the package: the same keys
/// with the same Java classes as the model above (the starter's own keys aside).
fn check_java_reads_the_same(package: &Package, job_id: &str, model: &PodConfig) {
    let Some(view) = crate::java_interop::pod_view(&package.bytes, job_id) else {
        return;
    };
    assert!(
        view.decode_failure.is_none(),
        "Kryo failed: {:?}",
        view.decode_failure
    );
    let starters = [
        "twister2.directory.home",
        "twister2.directory.conf",
        "twister2.cluster.type",
        "twister2.resource.job.name",
        "twister2.resource.job.worker.class",
        "twister2.resource.worker.instances",
        "twister2.job.id",
        "twister2.checkpointing.restore.job",
    ];
    let ours: BTreeMap<&str, String> = model
        .values
        .iter()
        .filter(|(k, _)| !starters.contains(&k.as_str()))
        .map(|(k, v)| (k.as_str(), v.java_class()))
        .collect();
    let theirs: BTreeMap<&str, String> = view
        .config
        .iter()
        .filter(|(k, _)| !starters.contains(&k.as_str()))
        .map(|(k, v)| (k.as_str(), v.class.clone()))
        .collect();
    assert_eq!(
        ours, theirs,
        "SnakeYAML/Kryo read other keys or types than the model"
    );
    assert_eq!(view.job_field("job_id"), job_id);
}
