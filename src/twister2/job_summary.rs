//! What `jobs` and `describe` say about a job, computed from the objects the cluster holds
//! (ConfigMaps, StatefulSets, Services, Ingresses, Pods, claims labelled `app=twister2` or
//! `t2-job=<jobID>`, and Events), whichever client created them. Pure: lists in, summaries out.
//!
//! Worker counts are workers, not pods: a pod runs `workersPerPod` workers (read from the job's
//! `TWISTER2_JOB_OBJECT`, else from the number of worker containers), so a job of 2 pods × 2
//! workers with one ready pod has `2/4` workers ready.

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;
use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{
    ConfigMap, Container, Event, PersistentVolumeClaim, Pod, PodSpec, Service,
};
use k8s_openapi::api::networking::v1::Ingress;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::Serialize;

use crate::manifests::labels::{JOB, MANAGED_BY, MASTER_POD, WORKER_POD};
use crate::twister2::job_id::{parse_worker_container_name, parse_worker_pod_name, worker_id};
use crate::twister2::node_info::decode_node_info_list;
use crate::twister2::proto::{self, Job};
use crate::twister2::resources::{self, ComputeResource};

/// ConfigMap key holding the base64 protobuf `Job`.
const JOB_OBJECT_KEY: &str = "TWISTER2_JOB_OBJECT";
/// ConfigMap key of the kill signal.
pub const KILL_JOB_KEY: &str = "KILL_JOB";
/// Volume of the OpenMPI SSH key: its presence marks an OpenMPI job.
const OPENMPI_KEY_VOLUME: &str = "kube-openmpi-ssh-key";
/// Most events `describe` shows (the most recent ones).
pub const MAX_EVENTS: usize = 20;

/// Where a job is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum JobPhase {
    /// Pods not yet running (scheduling, pulling the image, waiting for the package).
    Pending,
    /// Some pods run, not all are ready.
    Starting,
    /// The job master and every worker are ready.
    Running,
    /// Being torn down: killed, or its ConfigMap is gone while objects remain.
    Ending,
}

impl std::fmt::Display for JobPhase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            JobPhase::Pending => "Pending",
            JobPhase::Starting => "Starting",
            JobPhase::Running => "Running",
            JobPhase::Ending => "Ending",
        })
    }
}

/// One compute resource of a job as it runs: its worker StatefulSet `<jobID>-<index>`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ComputeResourceSummary {
    /// Index (the StatefulSet's name suffix).
    pub index: u32,
    /// Pods wanted (the StatefulSet's replicas; the job master may have scaled it).
    pub pods: i32,
    /// Workers per pod.
    pub workers_per_pod: u32,
    /// CPU per worker, as Twister2 writes it (`0.50`).
    pub cpu: String,
    /// Memory per worker (`1024Mi`).
    pub memory: String,
    /// Volatile disk per worker (`1.0Gi`), if any.
    pub disk: Option<String>,
    /// Whether the job master may scale it.
    pub scalable: bool,
}

impl std::fmt::Display for ComputeResourceSummary {
    /// `<pods>x<workersPerPod> <cpu>cpu <memory>`, e.g. `2x2 0.50cpu 1024Mi`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}x{} {}cpu {}",
            self.pods, self.workers_per_pod, self.cpu, self.memory
        )
    }
}

/// One job, as `jobs -o json|yaml` prints it (inside `{kind: JobList, items: [...]}`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JobSummary {
    /// Namespace.
    pub namespace: String,
    /// Job ID (`t2-job` label value).
    pub job_id: String,
    /// Job name from the job description, when it can be decoded.
    pub job_name: Option<String>,
    /// Ready workers (workers of ready worker pods).
    pub workers_ready: i64,
    /// Desired workers (Σ worker StatefulSet replicas × workers per pod).
    pub workers_desired: i64,
    /// Whether the job master pod is ready (`None`: no job-master StatefulSet, e.g. when the
    /// job master runs in Twister2's client).
    pub master_ready: Option<bool>,
    /// Phase.
    pub status: JobPhase,
    /// How the job is exposed, e.g. `NodePort:31234`, `LoadBalancer:<pending>`, `Ingress:host/`.
    pub exposed: Vec<String>,
    /// Creation time of the oldest object of the job (RFC 3339).
    pub created: Option<String>,
    /// Image of the workers.
    pub image: Option<String>,
    /// Compute resources in index order.
    pub compute_resources: Vec<ComputeResourceSummary>,
    /// `webserver` or `client-to-pods`.
    pub upload_method: Option<String>,
    /// `kubectl-twister2`, or `twister2` for jobs made by Twister2's own client.
    pub created_by: String,
}

/// Everything labelled `app=twister2` (or `t2-job=<jobID>`) in the namespaces looked at.
#[derive(Debug, Clone, Default)]
pub struct JobObjects {
    /// ConfigMaps (one per job: its liveness marker).
    pub config_maps: Vec<ConfigMap>,
    /// StatefulSets (`<jobID>-jm`, `<jobID>-<i>`).
    pub stateful_sets: Vec<StatefulSet>,
    /// Services.
    pub services: Vec<Service>,
    /// Ingresses (of `--expose ingress`).
    pub ingresses: Vec<Ingress>,
    /// Pods.
    pub pods: Vec<Pod>,
    /// PersistentVolumeClaims (fetched only when needed: `describe`, `kill`).
    pub persistent_volume_claims: Vec<PersistentVolumeClaim>,
}

impl JobObjects {
    /// Every (namespace, jobID) that has at least one object other than a pod (a leftover claim
    /// counts: `kill` removes it).
    pub fn job_keys(&self) -> BTreeSet<(String, String)> {
        let metas = self
            .config_maps
            .iter()
            .map(|o| &o.metadata)
            .chain(self.stateful_sets.iter().map(|o| &o.metadata))
            .chain(self.services.iter().map(|o| &o.metadata))
            .chain(self.ingresses.iter().map(|o| &o.metadata))
            .chain(self.persistent_volume_claims.iter().map(|o| &o.metadata));
        metas.filter_map(key).collect()
    }
}

/// The `t2-job` label of an object.
pub fn job_of(meta: &ObjectMeta) -> Option<String> {
    meta.labels.as_ref()?.get(JOB).cloned()
}

fn key(meta: &ObjectMeta) -> Option<(String, String)> {
    Some((meta.namespace.clone().unwrap_or_default(), job_of(meta)?))
}

fn has_label(meta: &ObjectMeta, key: &str) -> bool {
    meta.labels.as_ref().is_some_and(|l| l.contains_key(key))
}

/// Whether a pod is Ready (and not being deleted).
pub fn pod_ready(pod: &Pod) -> bool {
    pod.status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .is_some_and(|cs| cs.iter().any(|c| c.type_ == "Ready" && c.status == "True"))
        && pod.metadata.deletion_timestamp.is_none()
}

fn pod_running(pod: &Pod) -> bool {
    pod.status
        .as_ref()
        .and_then(|s| s.phase.as_deref())
        .is_some_and(|p| p == "Running")
}

/// The objects of one job, borrowed from a [`JobObjects`].
#[derive(Default)]
struct Group<'a> {
    config_map: Option<&'a ConfigMap>,
    stateful_sets: Vec<&'a StatefulSet>,
    services: Vec<&'a Service>,
    ingresses: Vec<&'a Ingress>,
    pods: Vec<&'a Pod>,
    claims: Vec<&'a PersistentVolumeClaim>,
    /// Non-pod objects other than claims: a group with none of them is not listed as a job.
    main_objects: usize,
    managed: bool,
    created: Option<Timestamp>,
}

impl Group<'_> {
    fn note(&mut self, meta: &ObjectMeta) {
        if has_label(meta, MANAGED_BY) {
            self.managed = true;
        }
        if let Some(t) = &meta.creation_timestamp {
            let t = t.0;
            self.created = Some(self.created.map_or(t, |c| c.min(t)));
        }
    }
}

fn group(objects: &JobObjects) -> BTreeMap<(String, String), Group<'_>> {
    let mut jobs: BTreeMap<(String, String), Group<'_>> = BTreeMap::new();
    for cm in &objects.config_maps {
        // Only the ConfigMap named after the job is its marker.
        if let Some(k) = key(&cm.metadata)
            && cm.metadata.name.as_deref() == Some(k.1.as_str())
        {
            let g = jobs.entry(k).or_default();
            g.note(&cm.metadata);
            g.config_map = Some(cm);
            g.main_objects += 1;
        }
    }
    for sts in &objects.stateful_sets {
        if let Some(k) = key(&sts.metadata) {
            let g = jobs.entry(k).or_default();
            g.note(&sts.metadata);
            g.stateful_sets.push(sts);
            g.main_objects += 1;
        }
    }
    for svc in &objects.services {
        if let Some(k) = key(&svc.metadata) {
            let g = jobs.entry(k).or_default();
            g.note(&svc.metadata);
            g.services.push(svc);
            g.main_objects += 1;
        }
    }
    for ing in &objects.ingresses {
        if let Some(k) = key(&ing.metadata) {
            let g = jobs.entry(k).or_default();
            g.note(&ing.metadata);
            g.ingresses.push(ing);
            g.main_objects += 1;
        }
    }
    for pvc in &objects.persistent_volume_claims {
        if let Some(k) = key(&pvc.metadata) {
            let g = jobs.entry(k).or_default();
            g.note(&pvc.metadata);
            g.claims.push(pvc);
        }
    }
    for pod in &objects.pods {
        // Pods are attached to jobs found through their other objects.
        if let Some(k) = key(&pod.metadata)
            && let Some(g) = jobs.get_mut(&k)
        {
            g.pods.push(pod);
        }
    }
    jobs
}

/// One summary per job found (a job is known by its ConfigMap, StatefulSets, Services or
/// Ingresses; pods and claims alone do not make one), sorted by namespace then job ID.
pub fn summarize(objects: &JobObjects) -> Vec<JobSummary> {
    group(objects)
        .into_iter()
        .filter(|(_, g)| g.main_objects > 0)
        .map(|((namespace, job_id), g)| View::new(namespace, job_id, g).summary())
        .collect()
}

/// What is known about one job while summarizing it.
struct View<'a> {
    namespace: String,
    job_id: String,
    g: Group<'a>,
    /// The decoded job description, or why it could not be decoded (`None` without ConfigMap
    /// or key).
    job: Option<Result<Job, String>>,
    /// Worker StatefulSets by compute-resource index.
    workers: BTreeMap<u32, &'a StatefulSet>,
    master: Option<&'a StatefulSet>,
    /// Compute resources as submitted (job description), by index.
    submitted: BTreeMap<u32, ComputeResource>,
}

fn pod_spec(sts: &StatefulSet) -> Option<&PodSpec> {
    sts.spec.as_ref()?.template.spec.as_ref()
}

fn first_container(sts: &StatefulSet) -> Option<&Container> {
    pod_spec(sts)?.containers.first()
}

fn replicas(sts: &StatefulSet) -> i32 {
    sts.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1)
}

/// The value of env var `name` in `container`.
pub fn env_value<'c>(container: &'c Container, name: &str) -> Option<&'c str> {
    container
        .env
        .as_ref()?
        .iter()
        .find(|e| e.name == name)
        .and_then(|e| e.value.as_deref())
}

/// Index of worker StatefulSet `<jobID>-<index>` (Twister2's job master matches `^<jobID>-[0-9]+$`).
fn worker_index(job_id: &str, name: &str) -> Option<u32> {
    let suffix = name.strip_prefix(job_id)?.strip_prefix('-')?;
    if suffix.is_empty() || !suffix.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    suffix.parse().ok()
}

impl<'a> View<'a> {
    fn new(namespace: String, job_id: String, g: Group<'a>) -> Self {
        let job = g
            .config_map
            .and_then(|cm| cm.data.as_ref())
            .and_then(|d| d.get(JOB_OBJECT_KEY))
            .map(|text| proto::decode_from_base64(text).map_err(|e| e.to_string()));
        let submitted = match &job {
            Some(Ok(job)) => job
                .domain_resources()
                .map(|rs| rs.into_iter().map(|r| (r.index, r)).collect())
                .unwrap_or_default(),
            _ => BTreeMap::new(),
        };
        let master_name = format!("{job_id}-jm");
        let mut workers = BTreeMap::new();
        let mut master = None;
        for sts in &g.stateful_sets {
            let name = sts.metadata.name.as_deref().unwrap_or_default();
            if name == master_name {
                master = Some(*sts);
            } else if let Some(index) = worker_index(&job_id, name) {
                workers.insert(index, *sts);
            }
        }
        View {
            namespace,
            job_id,
            g,
            job,
            workers,
            master,
            submitted,
        }
    }

    fn decoded(&self) -> Option<&Job> {
        self.job.as_ref().and_then(|j| j.as_ref().ok())
    }

    /// Workers per pod of compute resource `index`: from the job description, else the number
    /// of worker containers of its StatefulSet.
    fn workers_per_pod(&self, index: u32) -> u32 {
        if let Some(r) = self.submitted.get(&index) {
            return r.workers_per_pod;
        }
        self.workers
            .get(&index)
            .and_then(|s| pod_spec(s))
            .map(|ps| {
                ps.containers
                    .iter()
                    .filter(|c| parse_worker_container_name(&c.name).is_some())
                    .count()
            })
            .and_then(|n| u32::try_from(n.max(1)).ok())
            .unwrap_or(1)
    }

    fn worker_pods(&self) -> impl Iterator<Item = &&'a Pod> {
        self.g
            .pods
            .iter()
            .filter(|p| has_label(&p.metadata, WORKER_POD))
    }

    fn master_pods(&self) -> impl Iterator<Item = &&'a Pod> {
        self.g
            .pods
            .iter()
            .filter(|p| has_label(&p.metadata, MASTER_POD))
    }

    /// Workers a worker pod runs.
    fn workers_of_pod(&self, pod: &Pod) -> u32 {
        let name = pod.metadata.name.as_deref().unwrap_or_default();
        match parse_worker_pod_name(&self.job_id, name) {
            Some((index, _)) => u32::try_from(index).map_or(1, |i| self.workers_per_pod(i)),
            None => 1,
        }
    }

    fn is_openmpi(&self) -> bool {
        self.workers
            .values()
            .chain(self.master.iter())
            .filter_map(|s| pod_spec(s))
            .any(|ps| {
                ps.volumes
                    .iter()
                    .flatten()
                    .any(|v| v.name == OPENMPI_KEY_VOLUME)
            })
    }

    fn compute_resources(&self) -> Vec<ComputeResourceSummary> {
        let indexes: BTreeSet<u32> = self
            .workers
            .keys()
            .chain(self.submitted.keys())
            .copied()
            .collect();
        indexes
            .into_iter()
            .map(|index| {
                let sts = self.workers.get(&index);
                let submitted = self.submitted.get(&index);
                let wpp = self.workers_per_pod(index);
                let requests = sts.and_then(|s| first_container(s)).and_then(|c| {
                    let r = c.resources.as_ref()?;
                    r.requests.as_ref().or(r.limits.as_ref())
                });
                let quantity = |what: &str| {
                    requests
                        .and_then(|m| m.get(what))
                        .map(|q| q.0.clone())
                        .unwrap_or_else(|| "?".to_string())
                };
                let (cpu, memory, disk) = match submitted {
                    Some(r) => (
                        r.cpu_quantity(),
                        r.memory_quantity(),
                        (r.disk_gb > 0.0).then(|| resources::format_gib_fixed(r.disk_gb)),
                    ),
                    None => (quantity("cpu"), quantity("memory"), None),
                };
                ComputeResourceSummary {
                    index,
                    pods: sts.map_or_else(
                        || submitted.map_or(0, |r| i32::try_from(r.instances).unwrap_or(i32::MAX)),
                        |s| replicas(s),
                    ),
                    workers_per_pod: wpp,
                    cpu,
                    memory,
                    disk,
                    scalable: submitted.is_some_and(|r| r.scalable),
                }
            })
            .collect()
    }

    fn exposed(&self) -> Vec<String> {
        let mut exposed = Vec::new();
        for svc in &self.g.services {
            let Some(spec) = &svc.spec else { continue };
            match spec.type_.as_deref() {
                Some("NodePort") => {
                    for p in spec.ports.iter().flatten() {
                        exposed.push(format!(
                            "NodePort:{}",
                            p.node_port
                                .map_or("<pending>".to_string(), |n| n.to_string())
                        ));
                    }
                }
                Some("LoadBalancer") => {
                    let ingress = svc
                        .status
                        .as_ref()
                        .and_then(|s| s.load_balancer.as_ref())
                        .and_then(|lb| lb.ingress.as_ref())
                        .and_then(|i| i.first())
                        .and_then(|i| i.ip.clone().or_else(|| i.hostname.clone()))
                        .unwrap_or_else(|| "<pending>".to_string());
                    exposed.push(format!("LoadBalancer:{ingress}"));
                }
                _ => {}
            }
        }
        for ing in &self.g.ingresses {
            for rule in ing.spec.iter().flat_map(|s| s.rules.iter().flatten()) {
                let host = rule.host.clone().unwrap_or_else(|| "*".to_string());
                let path = rule
                    .http
                    .as_ref()
                    .and_then(|h| h.paths.first())
                    .and_then(|p| p.path.clone())
                    .unwrap_or_else(|| "/".to_string());
                exposed.push(format!("Ingress:{host}{path}"));
            }
        }
        exposed
    }

    /// The first worker container (else the job master's), whose env tells how the job runs.
    fn reference_container(&self) -> Option<&'a Container> {
        self.workers
            .values()
            .next()
            .copied()
            .or(self.master)
            .and_then(first_container)
    }

    fn summary(&self) -> JobSummary {
        let workers_desired: i64 = self
            .workers
            .iter()
            .map(|(index, s)| i64::from(replicas(s)) * i64::from(self.workers_per_pod(*index)))
            .sum();
        let workers_ready: i64 = self
            .worker_pods()
            .filter(|p| pod_ready(p))
            .map(|p| i64::from(self.workers_of_pod(p)))
            .sum();
        let master_ready = self
            .master
            .map(|_| self.master_pods().any(|p| pod_ready(p)));
        let killed = self
            .g
            .config_map
            .and_then(|cm| cm.data.as_ref())
            .is_some_and(|d| d.contains_key(KILL_JOB_KEY));
        let any_running = self.g.pods.iter().any(|p| pod_running(p));
        let status = if self.g.config_map.is_none() || killed {
            JobPhase::Ending
        } else if workers_desired > 0
            && workers_ready >= workers_desired
            && master_ready != Some(false)
        {
            JobPhase::Running
        } else if any_running {
            JobPhase::Starting
        } else {
            JobPhase::Pending
        };
        let container = self.reference_container();
        JobSummary {
            namespace: self.namespace.clone(),
            job_id: self.job_id.clone(),
            job_name: self
                .decoded()
                .map(|j| j.job_name.clone())
                .filter(|n| !n.is_empty()),
            workers_ready,
            workers_desired,
            master_ready,
            status,
            exposed: self.exposed(),
            created: self.g.created.map(|t| t.to_string()),
            image: container.and_then(|c| c.image.clone()),
            compute_resources: self.compute_resources(),
            upload_method: container
                .and_then(|c| env_value(c, "UPLOAD_METHOD"))
                .map(str::to_string),
            created_by: if self.g.managed {
                "kubectl-twister2".to_string()
            } else {
                "twister2".to_string()
            },
        }
    }
}

// ---------------------------------------------------------------------------------------------
// describe
// ---------------------------------------------------------------------------------------------

/// What a pod does in the job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PodRole {
    /// The job master.
    JobMaster,
    /// Workers with these IDs (Twister2's `K8sWorkerUtils.calculateWorkerID`).
    Workers(Vec<u32>),
    /// A pod of an OpenMPI job: worker IDs are MPI ranks, given out by `mpirun`.
    OpenMpi,
    /// A pod whose name does not follow Twister2's scheme.
    Other,
}

impl std::fmt::Display for PodRole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PodRole::JobMaster => f.write_str("job master"),
            PodRole::Workers(ids) if ids.is_empty() => f.write_str("workers ?"),
            PodRole::Workers(ids) if ids.len() == 1 => write!(f, "worker {}", ids[0]),
            PodRole::Workers(ids) => write!(f, "workers {}", id_ranges(ids)),
            PodRole::OpenMpi => f.write_str("workers (MPI ranks)"),
            PodRole::Other => f.write_str("?"),
        }
    }
}

/// `0-3,7,9-10`: sorted IDs with consecutive runs collapsed.
pub fn id_ranges(ids: &[u32]) -> String {
    let mut sorted = ids.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut parts = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let start = sorted[i];
        let mut end = start;
        while i + 1 < sorted.len() && sorted[i + 1] == end + 1 {
            i += 1;
            end = sorted[i];
        }
        parts.push(if start == end {
            start.to_string()
        } else {
            format!("{start}-{end}")
        });
        i += 1;
    }
    parts.join(",")
}

/// One pod of the job.
#[derive(Debug, Clone, PartialEq)]
pub struct PodInfo {
    /// Pod name.
    pub name: String,
    /// What it runs.
    pub role: PodRole,
    /// kubectl's STATUS: a waiting container's reason (`ImagePullBackOff`, `CrashLoopBackOff`),
    /// `Terminating`, `Unschedulable`, else the phase.
    pub status: String,
    /// Ready containers / containers, e.g. `2/2`.
    pub ready: String,
    /// Container restarts, summed.
    pub restarts: i32,
    /// Node it runs on.
    pub node: Option<String>,
    /// Pod IP.
    pub ip: Option<String>,
    /// Creation time.
    pub created: Option<Timestamp>,
}

/// One object of the job.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectInfo {
    /// `StatefulSet`, `Service`, …
    pub kind: &'static str,
    /// Name.
    pub name: String,
    /// A short description (replicas, service type, …).
    pub info: String,
    /// Creation time.
    pub created: Option<Timestamp>,
}

/// One recent event about a pod or StatefulSet of the job.
#[derive(Debug, Clone, PartialEq)]
pub struct EventInfo {
    /// When it was last seen.
    pub last_seen: Option<Timestamp>,
    /// `Normal` or `Warning`.
    pub type_: String,
    /// Reason.
    pub reason: String,
    /// `pod/<name>`, `statefulset/<name>`.
    pub object: String,
    /// How many times it happened.
    pub count: i32,
    /// Message.
    pub message: String,
}

/// Everything `describe` shows about one job.
#[derive(Debug, Clone, PartialEq)]
pub struct JobDetails {
    /// The `jobs` line.
    pub summary: JobSummary,
    /// Worker class (job description).
    pub worker_class: Option<String>,
    /// Driver class (job description).
    pub driver_class: Option<String>,
    /// Why the job description could not be read, if it could not.
    pub job_object_problem: Option<String>,
    /// The job's objects.
    pub objects: Vec<ObjectInfo>,
    /// Its pods: job master first, then workers by compute resource and ordinal.
    pub pods: Vec<PodInfo>,
    /// Effective configuration highlights, as (label, value).
    pub configuration: Vec<(String, String)>,
    /// The most recent events (at most [`MAX_EVENTS`]), oldest first.
    pub events: Vec<EventInfo>,
    /// How many older events were left out.
    pub older_events: usize,
}

/// The details of job `job_id` in `namespace`, or `None` when no object of it exists.
pub fn describe(
    objects: &JobObjects,
    events: &[Event],
    namespace: &str,
    job_id: &str,
) -> Option<JobDetails> {
    let mut groups = group(objects);
    let g = groups.remove(&(namespace.to_string(), job_id.to_string()))?;
    let view = View::new(namespace.to_string(), job_id.to_string(), g);
    let summary = view.summary();
    let (events, older_events) = job_events(&view, events);
    Some(JobDetails {
        worker_class: view
            .decoded()
            .map(|j| j.worker_class_name.clone())
            .filter(|c| !c.is_empty()),
        driver_class: view
            .decoded()
            .map(|j| j.driver_class_name.clone())
            .filter(|c| !c.is_empty()),
        job_object_problem: match &view.job {
            Some(Err(problem)) => Some(problem.clone()),
            None if view.g.config_map.is_some() => {
                Some(format!("the ConfigMap has no {JOB_OBJECT_KEY} key"))
            }
            _ => None,
        },
        objects: object_infos(&view),
        pods: pod_infos(&view),
        configuration: configuration(&view, &summary),
        events,
        older_events,
        summary,
    })
}

fn created(meta: &ObjectMeta) -> Option<Timestamp> {
    meta.creation_timestamp.as_ref().map(|t| t.0)
}

fn object_infos(view: &View<'_>) -> Vec<ObjectInfo> {
    let mut out = Vec::new();
    let name = |m: &ObjectMeta| m.name.clone().unwrap_or_default();
    if let Some(cm) = view.g.config_map {
        let keys = cm
            .data
            .as_ref()
            .map(|d| d.keys().cloned().collect::<Vec<_>>().join(", "))
            .unwrap_or_default();
        out.push(ObjectInfo {
            kind: "ConfigMap",
            name: name(&cm.metadata),
            info: format!("keys: {keys}"),
            created: created(&cm.metadata),
        });
    }
    for sts in view.master.iter().chain(view.workers.values()) {
        let ready = sts
            .status
            .as_ref()
            .and_then(|s| s.ready_replicas)
            .unwrap_or(0);
        out.push(ObjectInfo {
            kind: "StatefulSet",
            name: name(&sts.metadata),
            info: format!("{ready}/{} pods ready", replicas(sts)),
            created: created(&sts.metadata),
        });
    }
    for sts in &view.g.stateful_sets {
        let known = view.master.is_some_and(|m| std::ptr::eq(m, *sts))
            || view.workers.values().any(|w| std::ptr::eq(*w, *sts));
        if !known {
            out.push(ObjectInfo {
                kind: "StatefulSet",
                name: name(&sts.metadata),
                info: format!("{} replicas", replicas(sts)),
                created: created(&sts.metadata),
            });
        }
    }
    for svc in &view.g.services {
        let spec = svc.spec.as_ref();
        let type_ = spec
            .and_then(|s| s.type_.clone())
            .unwrap_or_else(|| "ClusterIP".to_string());
        let headless = spec.and_then(|s| s.cluster_ip.as_deref()) == Some("None");
        let ports: Vec<String> = spec
            .and_then(|s| s.ports.as_ref())
            .into_iter()
            .flatten()
            .map(|p| match p.node_port {
                Some(node_port) => format!("{}:{node_port}", p.port),
                None => p.port.to_string(),
            })
            .collect();
        let mut info = if headless {
            "headless".to_string()
        } else {
            type_
        };
        if !ports.is_empty() {
            info.push_str(&format!(" {}", ports.join(",")));
        }
        out.push(ObjectInfo {
            kind: "Service",
            name: name(&svc.metadata),
            info,
            created: created(&svc.metadata),
        });
    }
    for ing in &view.g.ingresses {
        let hosts: Vec<String> = ing
            .spec
            .iter()
            .flat_map(|s| s.rules.iter().flatten())
            .map(|r| r.host.clone().unwrap_or_else(|| "*".to_string()))
            .collect();
        out.push(ObjectInfo {
            kind: "Ingress",
            name: name(&ing.metadata),
            info: format!("hosts: {}", hosts.join(",")),
            created: created(&ing.metadata),
        });
    }
    for pvc in &view.g.claims {
        let spec = pvc.spec.as_ref();
        let size = spec
            .and_then(|s| s.resources.as_ref())
            .and_then(|r| r.requests.as_ref())
            .and_then(|r| r.get("storage"))
            .map(|q| q.0.clone())
            .unwrap_or_else(|| "?".to_string());
        let class = spec
            .and_then(|s| s.storage_class_name.clone())
            .unwrap_or_else(|| "<default class>".to_string());
        let phase = pvc
            .status
            .as_ref()
            .and_then(|s| s.phase.clone())
            .unwrap_or_else(|| "Pending".to_string());
        out.push(ObjectInfo {
            kind: "PersistentVolumeClaim",
            name: name(&pvc.metadata),
            info: format!("{size} {class} {phase}"),
            created: created(&pvc.metadata),
        });
    }
    out
}

fn pod_status(pod: &Pod) -> String {
    if pod.metadata.deletion_timestamp.is_some() {
        return "Terminating".to_string();
    }
    let status = pod.status.as_ref();
    let waiting = status
        .and_then(|s| s.container_statuses.as_ref())
        .into_iter()
        .flatten()
        .filter_map(|c| c.state.as_ref()?.waiting.as_ref()?.reason.clone())
        .next();
    if let Some(reason) = waiting {
        return reason;
    }
    let unschedulable = status
        .and_then(|s| s.conditions.as_ref())
        .into_iter()
        .flatten()
        .any(|c| {
            c.type_ == "PodScheduled"
                && c.status == "False"
                && c.reason.as_deref() == Some("Unschedulable")
        });
    if unschedulable {
        return "Unschedulable".to_string();
    }
    status
        .and_then(|s| s.phase.clone())
        .unwrap_or_else(|| "Pending".to_string())
}

fn pod_role(view: &View<'_>, pod: &Pod, openmpi: bool, resources: &[ComputeResource]) -> PodRole {
    if has_label(&pod.metadata, MASTER_POD) {
        return PodRole::JobMaster;
    }
    let name = pod.metadata.name.as_deref().unwrap_or_default();
    let Some((cr_index, ordinal)) = parse_worker_pod_name(&view.job_id, name) else {
        return PodRole::Other;
    };
    if openmpi {
        return PodRole::OpenMpi;
    }
    let containers: Vec<u32> = pod
        .spec
        .iter()
        .flat_map(|s| s.containers.iter())
        .filter_map(|c| parse_worker_container_name(&c.name))
        .collect();
    let containers = if containers.is_empty() {
        let wpp = u32::try_from(cr_index).map_or(1, |i| view.workers_per_pod(i));
        (0..wpp).collect()
    } else {
        containers
    };
    PodRole::Workers(
        containers
            .into_iter()
            .filter_map(|c| worker_id(cr_index, ordinal, c, resources))
            .collect(),
    )
}

/// The compute resources for worker-ID arithmetic: as submitted, else as the StatefulSets are.
fn resources_for_ids(view: &View<'_>) -> Vec<ComputeResource> {
    let max_index = view
        .workers
        .keys()
        .chain(view.submitted.keys())
        .max()
        .copied();
    let Some(max_index) = max_index else {
        return Vec::new();
    };
    (0..=max_index)
        .map(|index| {
            let sts = view.workers.get(&index);
            let replicas = sts.map_or(0, |s| u32::try_from(replicas(s)).unwrap_or(0));
            match view.submitted.get(&index) {
                // The StatefulSet may have been scaled: its replicas are the truth.
                Some(r) => ComputeResource {
                    instances: sts.map_or(r.instances, |_| replicas),
                    ..r.clone()
                },
                None => ComputeResource {
                    index,
                    cpu: 0.0,
                    ram_mb: 0,
                    disk_gb: 0.0,
                    instances: replicas,
                    workers_per_pod: view.workers_per_pod(index),
                    scalable: false,
                },
            }
        })
        .collect()
}

fn pod_infos(view: &View<'_>) -> Vec<PodInfo> {
    let openmpi = view.is_openmpi();
    let resources = resources_for_ids(view);
    let mut pods: Vec<PodInfo> = view
        .g
        .pods
        .iter()
        .map(|pod| {
            let status = pod.status.as_ref();
            let statuses = status.and_then(|s| s.container_statuses.as_ref());
            let total = pod.spec.as_ref().map_or(0, |s| s.containers.len());
            let ready = statuses.into_iter().flatten().filter(|c| c.ready).count();
            PodInfo {
                name: pod.metadata.name.clone().unwrap_or_default(),
                role: pod_role(view, pod, openmpi, &resources),
                status: pod_status(pod),
                ready: format!("{ready}/{total}"),
                restarts: statuses
                    .into_iter()
                    .flatten()
                    .map(|c| c.restart_count)
                    .sum(),
                node: pod.spec.as_ref().and_then(|s| s.node_name.clone()),
                ip: status.and_then(|s| s.pod_ip.clone()),
                created: created(&pod.metadata),
            }
        })
        .collect();
    let order = |p: &PodInfo| match &p.role {
        PodRole::JobMaster => (0, None),
        _ => (1, parse_worker_pod_name(&view.job_id, &p.name)),
    };
    pods.sort_by(|a, b| order(a).cmp(&order(b)).then_with(|| a.name.cmp(&b.name)));
    pods
}

fn configuration(view: &View<'_>, summary: &JobSummary) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut add = |label: &str, value: String| out.push((label.to_string(), value));
    let container = view.reference_container();
    let env = |name: &str| container.and_then(|c| env_value(c, name));
    if let Some(c) = container {
        let image = c.image.clone().unwrap_or_else(|| "?".to_string());
        match &c.image_pull_policy {
            Some(policy) => add("Image", format!("{image} (pull {policy})")),
            None => add("Image", image),
        }
    }
    let pull_secrets: Vec<String> = view
        .workers
        .values()
        .next()
        .and_then(|s| pod_spec(s))
        .and_then(|ps| ps.image_pull_secrets.as_ref())
        .into_iter()
        .flatten()
        .map(|s| s.name.clone())
        .collect();
    if !pull_secrets.is_empty() {
        add("Image pull secrets", pull_secrets.join(", "));
    }
    if let Some(job) = view.decoded() {
        let format = job
            .format_type()
            .map(|f| f.cli_name().to_string())
            .unwrap_or_else(|| "?".to_string());
        let file = job
            .job_format
            .as_ref()
            .map(|f| f.job_file.clone())
            .unwrap_or_default();
        add("Job file", format!("{file} ({format})"));
    } else if let Some(file) = env("USER_JOB_JAR_FILE") {
        add("Job file", file.to_string());
    }
    let worker_ports: Vec<String> = view
        .workers
        .values()
        .next()
        .and_then(|s| pod_spec(s))
        .into_iter()
        .flat_map(|ps| ps.containers.iter())
        .flat_map(|c| c.ports.iter().flatten())
        .map(|p| {
            format!(
                "{}/{}",
                p.container_port,
                p.protocol.as_deref().unwrap_or("TCP")
            )
        })
        .collect();
    if !worker_ports.is_empty() {
        add("Worker ports", worker_ports.join(", "));
    }
    let master_port = view
        .master
        .and_then(first_container)
        .and_then(|c| c.ports.as_ref()?.first())
        .map(|p| p.container_port);
    match (view.master, master_port) {
        (Some(_), Some(port)) => add("Job master port", port.to_string()),
        (None, _) => add(
            "Job master",
            "not in the cluster (runs in the client)".to_string(),
        ),
        _ => {}
    }
    match (env("UPLOAD_METHOD"), env("JOB_PACKAGE_URI")) {
        (Some(method), Some(uri)) if uri != "null" && !uri.is_empty() => {
            add("Upload method", format!("{method} ({uri})"))
        }
        (Some(method), _) => add("Upload method", method.to_string()),
        _ => {}
    }
    if let (Some(file), Some(size)) = (env("JOB_PACKAGE_FILENAME"), env("JOB_PACKAGE_FILE_SIZE")) {
        add("Job package", format!("{file} ({size} bytes)"));
    }
    if let Some(ms) = env("JOB_SUBMISSION_TIME").and_then(|t| t.parse::<i64>().ok())
        && let Ok(t) = Timestamp::from_millisecond(ms)
    {
        add("Submitted", t.to_string());
    }
    if let Some(mb) = env("JVM_MEMORY_MB") {
        add("JVM heap", format!("{mb} MB per worker"));
    }
    let openmpi = view.is_openmpi();
    add("OpenMPI", if openmpi { "yes" } else { "no" }.to_string());
    add("Node info", node_info_text(env("ENCODED_NODE_INFO_LIST")));
    if let Some(restore) = env("RESTORE_JOB") {
        add("Restored from checkpoint", restore.to_string());
    }
    let claims: Vec<String> = view
        .g
        .claims
        .iter()
        .filter_map(|c| c.metadata.name.clone())
        .collect();
    add(
        "Persistent volume",
        if claims.is_empty() {
            "none".to_string()
        } else {
            format!("claim {}", claims.join(", "))
        },
    );
    add(
        "Exposed",
        if summary.exposed.is_empty() {
            "no".to_string()
        } else {
            summary.exposed.join(", ")
        },
    );
    out
}

fn node_info_text(encoded: Option<&str>) -> String {
    match encoded {
        None | Some("") | Some("null") => {
            "not given to pods (rack/datacenter come from the configuration)".to_string()
        }
        Some(text) => match decode_node_info_list(text) {
            Ok(nodes) => {
                let part = |v: &Option<String>| v.clone().unwrap_or_else(|| "?".to_string());
                let listed: Vec<String> = nodes
                    .iter()
                    .map(|n| {
                        format!(
                            "{} (rack {}, datacenter {})",
                            part(&n.ip),
                            part(&n.rack),
                            part(&n.datacenter)
                        )
                    })
                    .collect();
                format!("{} nodes: {}", nodes.len(), listed.join("; "))
            }
            Err(problem) => format!("cannot be read: {problem}"),
        },
    }
}

fn event_time(event: &Event) -> Option<Timestamp> {
    event
        .last_timestamp
        .as_ref()
        .map(|t| t.0)
        .or_else(|| event.event_time.as_ref().map(|t| t.0))
        .or_else(|| event.first_timestamp.as_ref().map(|t| t.0))
        .or_else(|| created(&event.metadata))
}

/// Events whose involved object is one of the job's pods or StatefulSets, the most recent
/// [`MAX_EVENTS`] oldest first, and how many older ones were dropped.
fn job_events(view: &View<'_>, events: &[Event]) -> (Vec<EventInfo>, usize) {
    let mut involved: BTreeSet<(&'static str, &str)> = BTreeSet::new();
    for pod in &view.g.pods {
        if let Some(name) = pod.metadata.name.as_deref() {
            involved.insert(("Pod", name));
        }
    }
    for sts in &view.g.stateful_sets {
        if let Some(name) = sts.metadata.name.as_deref() {
            involved.insert(("StatefulSet", name));
        }
    }
    let mut matching: Vec<EventInfo> = events
        .iter()
        .filter(|e| {
            let o = &e.involved_object;
            let ns_ok = o
                .namespace
                .as_deref()
                .or(e.metadata.namespace.as_deref())
                .is_none_or(|ns| ns == view.namespace);
            let kind = o.kind.as_deref().unwrap_or_default();
            let name = o.name.as_deref().unwrap_or_default();
            ns_ok && involved.iter().any(|(k, n)| *k == kind && *n == name)
        })
        .map(|e| {
            let o = &e.involved_object;
            EventInfo {
                last_seen: event_time(e),
                type_: e.type_.clone().unwrap_or_else(|| "Normal".to_string()),
                reason: e.reason.clone().unwrap_or_default(),
                object: format!(
                    "{}/{}",
                    o.kind.as_deref().unwrap_or_default().to_lowercase(),
                    o.name.as_deref().unwrap_or_default()
                ),
                count: e.count.unwrap_or(1),
                message: e.message.clone().unwrap_or_default().trim().to_string(),
            }
        })
        .collect();
    matching.sort_by_key(|a| a.last_seen);
    let older = matching.len().saturating_sub(MAX_EVENTS);
    (matching.split_off(older), older)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifests::job::{self as job_manifests, variants};
    use crate::manifests::labels::{COMPONENT, PART_OF};
    use crate::twister2::proto::{JobDescription, JobFormatType, encode_to_base64};
    use crate::twister2::spec::JobSpec;
    use k8s_openapi::api::core::v1::{
        ContainerState, ContainerStateWaiting, ContainerStatus, ObjectReference, PodCondition,
        PodStatus,
    };
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;

    const ID: &str = variants::ID;

    /// The spec with a real job description in its ConfigMap.
    fn described(mut spec: JobSpec) -> JobSpec {
        let job = Job::from_description(&JobDescription {
            job_name: &spec.job_name,
            job_id: &spec.job_id,
            worker_class: &spec.worker_class,
            driver_class: spec.driver_class.as_deref(),
            resources: &spec.compute_resources,
            format: JobFormatType::Jar,
            job_file: &spec.job_file,
        })
        .unwrap();
        spec.job_object_base64 = encode_to_base64(&job);
        spec
    }

    fn at(minute: i64) -> Time {
        Time(Timestamp::from_second(1_735_689_600 + minute * 60).unwrap())
    }

    fn objects_of(spec: &JobSpec) -> JobObjects {
        let r = job_manifests::render(spec);
        let mut objects = JobObjects {
            config_maps: vec![r.config_map.clone()],
            stateful_sets: std::iter::once(r.job_master.clone())
                .chain(r.workers.iter().cloned())
                .collect(),
            services: [r.worker_service.clone(), r.job_master_service.clone()]
                .into_iter()
                .chain(r.exposure.services.iter().cloned())
                .collect(),
            ingresses: r.exposure.ingress.iter().cloned().collect(),
            pods: Vec::new(),
            persistent_volume_claims: r.persistent_volume_claim.iter().cloned().collect(),
        };
        for (i, cm) in objects.config_maps.iter_mut().enumerate() {
            cm.metadata.creation_timestamp = Some(at(i as i64 + 1));
        }
        for sts in &mut objects.stateful_sets {
            sts.metadata.creation_timestamp = Some(at(2));
        }
        objects
    }

    /// A pod of `sts` (ordinal `ordinal`) as the StatefulSet controller makes it.
    fn pod_of(objects: &JobObjects, sts_name: &str, ordinal: u32, ready: bool) -> Pod {
        let sts = objects
            .stateful_sets
            .iter()
            .find(|s| s.metadata.name.as_deref() == Some(sts_name))
            .unwrap();
        let template = sts.spec.as_ref().unwrap().template.clone();
        let mut meta = template.metadata.unwrap_or_default();
        meta.name = Some(format!("{sts_name}-{ordinal}"));
        meta.namespace = sts.metadata.namespace.clone();
        meta.creation_timestamp = Some(at(3));
        let spec = template.spec.map(|mut s| {
            s.node_name = Some("node-1".into());
            s
        });
        let statuses = spec
            .iter()
            .flat_map(|s| s.containers.iter())
            .map(|c| ContainerStatus {
                name: c.name.clone(),
                ready,
                restart_count: 1,
                ..ContainerStatus::default()
            })
            .collect();
        Pod {
            metadata: meta,
            spec,
            status: Some(PodStatus {
                phase: Some("Running".into()),
                pod_ip: Some("10.244.0.9".into()),
                conditions: Some(vec![PodCondition {
                    type_: "Ready".into(),
                    status: if ready { "True" } else { "False" }.into(),
                    ..PodCondition::default()
                }]),
                container_statuses: Some(statuses),
                ..PodStatus::default()
            }),
        }
    }

    fn all_pods(objects: &mut JobObjects, ready: bool) {
        let id = objects.config_maps[0].metadata.name.clone().unwrap();
        let jm = pod_of(objects, &format!("{id}-jm"), 0, ready);
        let workers: Vec<Pod> = (0..2)
            .map(|o| pod_of(objects, &format!("{id}-0"), o, ready))
            .collect();
        objects.pods.push(jm);
        objects.pods.extend(workers);
    }

    fn strip_managed_labels(objects: &mut JobObjects) {
        let strip = |meta: &mut ObjectMeta| {
            if let Some(labels) = meta.labels.as_mut() {
                for key in [MANAGED_BY, PART_OF, COMPONENT] {
                    labels.remove(key);
                }
            }
        };
        objects
            .config_maps
            .iter_mut()
            .for_each(|o| strip(&mut o.metadata));
        objects
            .services
            .iter_mut()
            .for_each(|o| strip(&mut o.metadata));
        for sts in &mut objects.stateful_sets {
            strip(&mut sts.metadata);
            if let Some(spec) = sts.spec.as_mut() {
                strip(spec.template.metadata.get_or_insert_with(Default::default));
            }
        }
        objects.pods.iter_mut().for_each(|o| strip(&mut o.metadata));
    }

    #[test]
    fn a_new_job_is_pending_with_workers_counted_per_container() {
        let objects = objects_of(&described(variants::plain()));
        let jobs = summarize(&objects);
        assert_eq!(jobs.len(), 1);
        let job = &jobs[0];
        assert_eq!(job.job_id, ID);
        assert_eq!(job.namespace, "default");
        assert_eq!(job.job_name.as_deref(), Some("hello"));
        assert_eq!((job.workers_ready, job.workers_desired), (0, 4));
        assert_eq!(job.master_ready, Some(false));
        assert_eq!(job.status, JobPhase::Pending);
        assert_eq!(job.created.as_deref(), Some("2025-01-01T00:01:00Z"));
        assert_eq!(
            job.image.as_deref(),
            Some("twister2/twister2-k8s:0.8.0-SNAPSHOT")
        );
        assert_eq!(job.upload_method.as_deref(), Some("webserver"));
        assert_eq!(job.created_by, "kubectl-twister2");
        assert!(job.exposed.is_empty());
        assert_eq!(
            job.compute_resources,
            [ComputeResourceSummary {
                index: 0,
                pods: 2,
                workers_per_pod: 2,
                cpu: "0.50".into(),
                memory: "1024Mi".into(),
                disk: Some("1.00Gi".into()),
                scalable: false,
            }]
        );
        assert_eq!(job.compute_resources[0].to_string(), "2x2 0.50cpu 1024Mi");
    }

    #[test]
    fn phases_follow_the_pods_and_the_kill_signal() {
        let mut objects = objects_of(&described(variants::plain()));
        all_pods(&mut objects, false);
        assert_eq!(summarize(&objects)[0].status, JobPhase::Starting);
        objects.pods.clear();
        all_pods(&mut objects, true);
        let job = &summarize(&objects)[0];
        assert_eq!(job.status, JobPhase::Running);
        assert_eq!((job.workers_ready, job.workers_desired), (4, 4));
        assert_eq!(job.master_ready, Some(true));
        // One worker pod (2 workers) not ready.
        objects.pods[2] = pod_of(&objects, &format!("{ID}-0"), 1, false);
        let job = &summarize(&objects)[0];
        assert_eq!((job.workers_ready, job.status), (2, JobPhase::Starting));
        // Killed: KILL_JOB present.
        objects.config_maps[0]
            .data
            .get_or_insert_with(Default::default)
            .insert(KILL_JOB_KEY.into(), "true".into());
        assert_eq!(summarize(&objects)[0].status, JobPhase::Ending);
        // ConfigMap gone while objects remain.
        objects.config_maps.clear();
        assert_eq!(summarize(&objects)[0].status, JobPhase::Ending);
    }

    #[test]
    fn java_client_jobs_are_listed_as_created_by_twister2() {
        let mut objects = objects_of(&described(variants::plain()));
        all_pods(&mut objects, true);
        strip_managed_labels(&mut objects);
        let job = &summarize(&objects)[0];
        assert_eq!(job.created_by, "twister2");
        assert_eq!(job.status, JobPhase::Running);
    }

    #[test]
    fn workers_per_pod_falls_back_to_the_worker_containers() {
        // JobSpec::example carries a job object without compute resources.
        let objects = objects_of(&variants::plain());
        let job = &summarize(&objects)[0];
        assert_eq!(job.workers_desired, 4);
        assert_eq!(job.compute_resources[0].cpu, "0.50");
        assert_eq!(job.compute_resources[0].memory, "1024Mi");
        assert_eq!(job.compute_resources[0].workers_per_pod, 2);
    }

    #[test]
    fn exposure_of_every_kind() {
        let job = &summarize(&objects_of(&variants::nodeport()))[0];
        assert_eq!(job.exposed, ["NodePort:30080"]);
        let mut objects = objects_of(&variants::loadbalancer());
        assert_eq!(summarize(&objects)[0].exposed, ["LoadBalancer:<pending>"]);
        let lb = objects
            .services
            .iter_mut()
            .find(|s| s.metadata.name.as_deref() == Some(&format!("{ID}-lb")))
            .unwrap();
        lb.status = serde_json::from_value(serde_json::json!({
            "loadBalancer": {"ingress": [{"ip": "203.0.113.9"}]}
        }))
        .unwrap();
        assert_eq!(summarize(&objects)[0].exposed, ["LoadBalancer:203.0.113.9"]);
        let job = &summarize(&objects_of(&variants::ingress()))[0];
        assert_eq!(job.exposed, ["Ingress:t2.example.com/jobs"]);
    }

    #[test]
    fn jobs_are_grouped_by_namespace_and_sorted() {
        let mut a = described(JobSpec::example("u-b-2"));
        a.namespace = "zeta".into();
        let b = described(JobSpec::example("u-a-1"));
        let mut c = described(JobSpec::example("u-c-3"));
        c.namespace = "zeta".into();
        let mut objects = JobObjects::default();
        for spec in [a, b, c] {
            let o = objects_of(&spec);
            objects.config_maps.extend(o.config_maps);
            objects.stateful_sets.extend(o.stateful_sets);
            objects.services.extend(o.services);
        }
        let keys: Vec<(String, String)> = summarize(&objects)
            .into_iter()
            .map(|j| (j.namespace, j.job_id))
            .collect();
        assert_eq!(
            keys,
            [
                ("default".to_string(), "u-a-1".to_string()),
                ("zeta".to_string(), "u-b-2".to_string()),
                ("zeta".to_string(), "u-c-3".to_string()),
            ]
        );
    }

    #[test]
    fn pods_and_claims_alone_do_not_make_a_job() {
        let mut objects = objects_of(&described(variants::persistent()));
        all_pods(&mut objects, true);
        objects.config_maps.clear();
        objects.stateful_sets.clear();
        objects.services.clear();
        assert!(summarize(&objects).is_empty());
        assert_eq!(
            objects.job_keys().into_iter().collect::<Vec<_>>(),
            [("default".to_string(), ID.to_string())]
        );
        // describe still shows what is left.
        let details = describe(&objects, &[], "default", ID).unwrap();
        assert_eq!(details.objects.len(), 1);
        assert_eq!(details.objects[0].kind, "PersistentVolumeClaim");
    }

    #[test]
    fn describe_computes_worker_ids_and_orders_pods() {
        let mut spec = described(variants::targets());
        spec.job_id = ID.into();
        let mut objects = objects_of(&spec);
        all_pods(&mut objects, true);
        objects
            .pods
            .push(pod_of(&objects, &format!("{ID}-1"), 1, true));
        let details = describe(&objects, &[], "default", ID).unwrap();
        let roles: Vec<(String, String)> = details
            .pods
            .iter()
            .map(|p| (p.name.clone(), p.role.to_string()))
            .collect();
        assert_eq!(
            roles,
            [
                (format!("{ID}-jm-0"), "job master".to_string()),
                (format!("{ID}-0-0"), "workers 0-1".to_string()),
                (format!("{ID}-0-1"), "workers 2-3".to_string()),
                // Compute resource 1 has one worker per pod, after the 4 workers of resource 0.
                (format!("{ID}-1-1"), "worker 5".to_string()),
            ]
        );
        let pod = &details.pods[1];
        assert_eq!(pod.status, "Running");
        assert_eq!(pod.ready, "2/2");
        assert_eq!(pod.restarts, 2);
        assert_eq!(pod.node.as_deref(), Some("node-1"));
        assert_eq!(pod.ip.as_deref(), Some("10.244.0.9"));
        assert_eq!(
            details.worker_class.as_deref(),
            Some(spec.worker_class.as_str())
        );
        assert_eq!(details.driver_class, None);
        assert_eq!(details.job_object_problem, None);
        assert_eq!(details.summary.compute_resources.len(), 2);
        assert!(details.summary.compute_resources[1].scalable);
    }

    #[test]
    fn openmpi_pods_have_mpi_ranks() {
        let mut objects = objects_of(&described(variants::openmpi()));
        all_pods(&mut objects, true);
        let details = describe(&objects, &[], "default", ID).unwrap();
        assert_eq!(details.pods[1].role, PodRole::OpenMpi);
        assert!(
            details
                .configuration
                .contains(&("OpenMPI".to_string(), "yes".to_string()))
        );
    }

    #[test]
    fn describe_configuration_highlights() {
        let objects = objects_of(&described(variants::persistent()));
        let details = describe(&objects, &[], "default", ID).unwrap();
        let config: BTreeMap<String, String> = details.configuration.iter().cloned().collect();
        assert_eq!(
            config["Image"],
            "twister2/twister2-k8s:0.8.0-SNAPSHOT (pull IfNotPresent)"
        );
        assert_eq!(config["Job file"], "libexamples-java.jar (jar)");
        assert_eq!(config["Worker ports"], "9000/TCP, 9001/TCP");
        assert_eq!(config["Job master port"], "11011");
        assert_eq!(
            config["Upload method"],
            format!("webserver (http://twister2-uploader.default.svc.cluster.local/{ID}.tar.gz)")
        );
        assert_eq!(config["Job package"], format!("{ID}.tar.gz (123456 bytes)"));
        assert_eq!(config["Submitted"], "2020-12-16T00:00:00Z");
        assert_eq!(config["JVM heap"], "819 MB per worker");
        assert_eq!(config["OpenMPI"], "no");
        assert_eq!(
            config["Node info"],
            "2 nodes: 10.0.0.1 (rack r1, datacenter dc1); 10.0.0.2 (rack r2, datacenter dc1)"
        );
        assert_eq!(config["Persistent volume"], format!("claim {ID}"));
        assert_eq!(config["Exposed"], "no");
        let kinds: Vec<&str> = details.objects.iter().map(|o| o.kind).collect();
        assert_eq!(
            kinds,
            [
                "ConfigMap",
                "StatefulSet",
                "StatefulSet",
                "Service",
                "Service",
                "PersistentVolumeClaim"
            ]
        );
        assert_eq!(details.objects[3].info, "headless");
        let spread = objects_of(&variants::spread());
        let details = describe(&spread, &[], "default", ID).unwrap();
        let config: BTreeMap<String, String> = details.configuration.into_iter().collect();
        assert_eq!(config["Upload method"], "client-to-pods");
        assert!(
            config["Node info"].starts_with("not given to pods"),
            "{config:?}"
        );
    }

    #[test]
    fn an_unreadable_job_description_is_reported() {
        let mut objects = objects_of(&variants::plain());
        objects.config_maps[0]
            .data
            .get_or_insert_with(Default::default)
            .insert(JOB_OBJECT_KEY.into(), "not base64!".into());
        let details = describe(&objects, &[], "default", ID).unwrap();
        assert!(
            details
                .job_object_problem
                .as_deref()
                .is_some_and(|p| p.contains("not base64")),
            "{:?}",
            details.job_object_problem
        );
        assert!(describe(&objects, &[], "default", "u-other-1").is_none());
        assert!(describe(&objects, &[], "elsewhere", ID).is_none());
    }

    fn event(kind: &str, name: &str, minute: i64, reason: &str) -> Event {
        Event {
            metadata: ObjectMeta {
                name: Some(format!("{name}.{minute}")),
                namespace: Some("default".into()),
                ..ObjectMeta::default()
            },
            involved_object: ObjectReference {
                kind: Some(kind.into()),
                name: Some(name.into()),
                namespace: Some("default".into()),
                ..ObjectReference::default()
            },
            last_timestamp: Some(at(minute)),
            reason: Some(reason.into()),
            message: Some(format!("{reason} happened\n")),
            type_: Some("Warning".into()),
            count: Some(2),
            ..Event::default()
        }
    }

    #[test]
    fn events_of_the_jobs_pods_and_statefulsets_only_most_recent_first_cut() {
        let mut objects = objects_of(&described(variants::plain()));
        all_pods(&mut objects, false);
        let mut events = vec![
            event("Pod", &format!("{ID}-0-0"), 5, "BackOff"),
            event("StatefulSet", &format!("{ID}-0"), 4, "SuccessfulCreate"),
            event("Pod", "someone-else-0", 6, "Pulled"),
            event("Service", ID, 6, "NotAPodOrStatefulSet"),
        ];
        let mut elsewhere = event("Pod", &format!("{ID}-0-1"), 7, "Elsewhere");
        elsewhere.involved_object.namespace = Some("other".into());
        events.push(elsewhere);
        let details = describe(&objects, &events, "default", ID).unwrap();
        let reasons: Vec<&str> = details.events.iter().map(|e| e.reason.as_str()).collect();
        assert_eq!(reasons, ["SuccessfulCreate", "BackOff"]);
        assert_eq!(details.events[1].object, format!("pod/{ID}-0-0"));
        assert_eq!(details.events[1].message, "BackOff happened");
        assert_eq!(details.events[1].count, 2);
        assert_eq!(details.older_events, 0);
        let many: Vec<Event> = (0..(MAX_EVENTS as i64 + 5))
            .map(|m| event("Pod", &format!("{ID}-jm-0"), m, &format!("r{m}")))
            .collect();
        let details = describe(&objects, &many, "default", ID).unwrap();
        assert_eq!(details.events.len(), MAX_EVENTS);
        assert_eq!(details.older_events, 5);
        assert_eq!(details.events[0].reason, "r5");
    }

    #[test]
    fn stuck_pods_show_the_reason() {
        let mut objects = objects_of(&described(variants::plain()));
        all_pods(&mut objects, false);
        let status = objects.pods[1].status.as_mut().unwrap();
        status.phase = Some("Pending".into());
        status.container_statuses.as_mut().unwrap()[0].state = Some(ContainerState {
            waiting: Some(ContainerStateWaiting {
                reason: Some("ImagePullBackOff".into()),
                ..ContainerStateWaiting::default()
            }),
            ..ContainerState::default()
        });
        objects.pods[2].status.as_mut().unwrap().conditions = Some(vec![PodCondition {
            type_: "PodScheduled".into(),
            status: "False".into(),
            reason: Some("Unschedulable".into()),
            ..PodCondition::default()
        }]);
        objects.pods[2].status.as_mut().unwrap().container_statuses = None;
        objects.pods[2].status.as_mut().unwrap().phase = Some("Pending".into());
        let details = describe(&objects, &[], "default", ID).unwrap();
        let statuses: Vec<&str> = details.pods.iter().map(|p| p.status.as_str()).collect();
        assert_eq!(statuses, ["Running", "ImagePullBackOff", "Unschedulable"]);
    }

    #[test]
    fn id_ranges_collapse_runs() {
        assert_eq!(id_ranges(&[3, 0, 1, 2, 7, 9, 10]), "0-3,7,9-10");
        assert_eq!(id_ranges(&[5]), "5");
        assert_eq!(id_ranges(&[]), "");
        assert_eq!(PodRole::Workers(vec![4]).to_string(), "worker 4");
        assert_eq!(PodRole::Workers(vec![0, 1]).to_string(), "workers 0-1");
    }
}
