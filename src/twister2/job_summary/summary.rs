//! What `jobs` says about a job (`JobSummary`, its phase and compute resources), from a `View`.

use crate::twister2::names::env;
use std::collections::BTreeSet;

use serde::Serialize;

use super::objects::{JobObjects, group, pod_ready, pod_running};
use super::view::{View, env_value, first_container, replicas};
use crate::twister2::names::KILL_JOB_KEY;
use crate::twister2::resources;

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
    /// Volatile disk per worker (`1.00Gi`), if any.
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

/// One summary per job found (a job is known by its ConfigMap, StatefulSets, Services or
/// Ingresses; pods and claims alone do not make one), sorted by namespace then job ID.
pub fn summarize(objects: &JobObjects) -> Vec<JobSummary> {
    group(objects)
        .into_iter()
        .filter(|(_, g)| g.main_objects > 0)
        .map(|((namespace, job_id), g)| View::new(namespace, job_id, g).summary())
        .collect()
}

impl View<'_> {
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

    pub(super) fn summary(&self) -> JobSummary {
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
            // An S3 job's pods see `webserver` (they download a URL); the plugin knows better.
            upload_method: match self.s3_package() {
                Some(_) => Some("s3".to_string()),
                None => container
                    .and_then(|c| env_value(c, env::UPLOAD_METHOD))
                    .map(str::to_string),
            },
            created_by: if self.g.managed {
                "kubectl-twister2".to_string()
            } else {
                "twister2".to_string()
            },
        }
    }
}
