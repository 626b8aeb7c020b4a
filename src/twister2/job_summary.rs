//! What `jobs` and `describe` say about a job, computed from the objects the cluster holds
//! (ConfigMaps, StatefulSets, Services, Ingresses, Pods labelled `app=twister2`), whichever
//! client created them. Pure: the lists come in, summaries go out.

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{ConfigMap, Pod, Service};
use k8s_openapi::api::networking::v1::Ingress;
use serde::Serialize;

use crate::manifests::labels::{JOB, MANAGED_BY, MASTER_POD, WORKER_POD};

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

/// One job, as `jobs -o json|yaml` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JobSummary {
    /// Namespace.
    pub namespace: String,
    /// Job ID (`t2-job` label value).
    pub job_id: String,
    /// Ready worker pods.
    pub workers_ready: i32,
    /// Desired worker pods (sum of worker StatefulSet replicas).
    pub workers_desired: i32,
    /// Whether the job master pod is ready (`None`: no job master StatefulSet).
    pub master_ready: Option<bool>,
    /// Phase.
    pub status: JobPhase,
    /// How the job is exposed, e.g. `NodePort:31234`, `LoadBalancer:<pending>`, `Ingress:host/`.
    pub exposed: Vec<String>,
    /// Creation time of the oldest object of the job (RFC 3339).
    pub created: Option<String>,
    /// Image of the workers.
    pub image: Option<String>,
    /// Compute resources, e.g. `0.50cpu/1024Mi×4`.
    pub compute_resources: Vec<String>,
    /// `webserver` or `client-to-pods`.
    pub upload_method: Option<String>,
    /// `kubectl-twister2`, or `twister2` for jobs made by Twister2's own client.
    pub created_by: String,
}

/// Everything labelled `app=twister2` in the namespaces looked at.
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
}

fn job_of(meta: &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta) -> Option<String> {
    meta.labels.as_ref()?.get(JOB).cloned()
}

fn key(meta: &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta) -> Option<(String, String)> {
    Some((meta.namespace.clone().unwrap_or_default(), job_of(meta)?))
}

fn pod_ready(pod: &Pod) -> bool {
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

fn has_label(meta: &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta, key: &str) -> bool {
    meta.labels.as_ref().is_some_and(|l| l.contains_key(key))
}

#[derive(Default)]
struct Acc<'a> {
    config_map: Option<&'a ConfigMap>,
    stateful_sets: Vec<&'a StatefulSet>,
    services: Vec<&'a Service>,
    ingresses: Vec<&'a Ingress>,
    pods: Vec<&'a Pod>,
    managed: bool,
    created: Option<jiff::Timestamp>,
}

impl<'a> Acc<'a> {
    fn note(&mut self, meta: &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta) {
        if has_label(meta, MANAGED_BY) {
            self.managed = true;
        }
        if let Some(t) = &meta.creation_timestamp {
            let t = t.0;
            self.created = Some(self.created.map_or(t, |c| c.min(t)));
        }
    }
}

/// One summary per job found, sorted by namespace then job ID.
pub fn summarize(objects: &JobObjects) -> Vec<JobSummary> {
    let mut jobs: BTreeMap<(String, String), Acc<'_>> = BTreeMap::new();
    for cm in &objects.config_maps {
        if let Some(k) = key(&cm.metadata) {
            // Only the ConfigMap named after the job is its marker.
            if cm.metadata.name.as_deref() == Some(k.1.as_str()) {
                let acc = jobs.entry(k).or_default();
                acc.note(&cm.metadata);
                acc.config_map = Some(cm);
            }
        }
    }
    for sts in &objects.stateful_sets {
        if let Some(k) = key(&sts.metadata) {
            let acc = jobs.entry(k).or_default();
            acc.note(&sts.metadata);
            acc.stateful_sets.push(sts);
        }
    }
    for svc in &objects.services {
        if let Some(k) = key(&svc.metadata) {
            let acc = jobs.entry(k).or_default();
            acc.note(&svc.metadata);
            acc.services.push(svc);
        }
    }
    for ing in &objects.ingresses {
        if let Some(k) = key(&ing.metadata) {
            let acc = jobs.entry(k).or_default();
            acc.note(&ing.metadata);
            acc.ingresses.push(ing);
        }
    }
    for pod in &objects.pods {
        if let Some(k) = key(&pod.metadata) {
            if let Some(acc) = jobs.get_mut(&k) {
                acc.pods.push(pod);
            }
        }
    }
    jobs.into_iter()
        .map(|((namespace, job_id), acc)| summarize_one(namespace, job_id, acc))
        .collect()
}

fn summarize_one(namespace: String, job_id: String, acc: Acc<'_>) -> JobSummary {
    let master_name = format!("{job_id}-jm");
    let workers: Vec<&StatefulSet> = acc
        .stateful_sets
        .iter()
        .copied()
        .filter(|s| s.metadata.name.as_deref() != Some(master_name.as_str()))
        .collect();
    let has_master = acc.stateful_sets.len() > workers.len();
    let workers_desired: i32 = workers
        .iter()
        .map(|s| s.spec.as_ref().and_then(|sp| sp.replicas).unwrap_or(1))
        .sum();
    let worker_pods: Vec<&Pod> = acc
        .pods
        .iter()
        .copied()
        .filter(|p| has_label(&p.metadata, WORKER_POD))
        .collect();
    let master_pods: Vec<&Pod> = acc
        .pods
        .iter()
        .copied()
        .filter(|p| has_label(&p.metadata, MASTER_POD))
        .collect();
    let workers_ready = worker_pods.iter().filter(|p| pod_ready(p)).count() as i32;
    let master_ready = has_master.then(|| master_pods.iter().any(|p| pod_ready(p)));
    let killed = acc
        .config_map
        .and_then(|cm| cm.data.as_ref())
        .is_some_and(|d| d.contains_key("KILL_JOB"));
    let any_running = acc.pods.iter().any(|p| pod_running(p));
    let status = if acc.config_map.is_none() || killed {
        JobPhase::Ending
    } else if workers_ready >= workers_desired && master_ready != Some(false) && workers_desired > 0 {
        JobPhase::Running
    } else if any_running {
        JobPhase::Starting
    } else {
        JobPhase::Pending
    };
    let mut exposed = Vec::new();
    for svc in &acc.services {
        let Some(spec) = &svc.spec else { continue };
        match spec.type_.as_deref() {
            Some("NodePort") => {
                for p in spec.ports.iter().flatten() {
                    exposed.push(format!(
                        "NodePort:{}",
                        p.node_port.map_or("<pending>".to_string(), |n| n.to_string())
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
    for ing in &acc.ingresses {
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
    let first_container = |s: &StatefulSet| {
        s.spec
            .as_ref()
            .and_then(|sp| sp.template.spec.as_ref())
            .and_then(|ps| ps.containers.first().cloned())
    };
    let image = workers
        .first()
        .and_then(|s| first_container(s))
        .and_then(|c| c.image);
    let upload_method = workers
        .first()
        .or(acc.stateful_sets.first())
        .and_then(|s| first_container(s))
        .and_then(|c| c.env)
        .and_then(|env| {
            env.into_iter()
                .find(|e| e.name == "UPLOAD_METHOD")
                .and_then(|e| e.value)
        });
    let compute_resources = workers
        .iter()
        .map(|s| {
            let replicas = s.spec.as_ref().and_then(|sp| sp.replicas).unwrap_or(1);
            let containers = s
                .spec
                .as_ref()
                .and_then(|sp| sp.template.spec.as_ref())
                .map(|ps| ps.containers.clone())
                .unwrap_or_default();
            let per = containers.first().and_then(|c| c.resources.clone());
            let pick = |what: &str| {
                per.as_ref()
                    .and_then(|r| r.requests.as_ref().or(r.limits.as_ref()))
                    .and_then(|m| m.get(what))
                    .map(|q| q.0.clone())
                    .unwrap_or_else(|| "?".to_string())
            };
            format!(
                "{}cpu/{}×{}x{}",
                pick("cpu"),
                pick("memory"),
                replicas,
                containers.len().max(1)
            )
        })
        .collect();
    JobSummary {
        namespace,
        job_id,
        workers_ready,
        workers_desired,
        master_ready,
        status,
        exposed,
        created: acc.created.map(|t| t.to_string()),
        image,
        compute_resources,
        upload_method,
        created_by: if acc.managed {
            "kubectl-twister2".to_string()
        } else {
            "twister2".to_string()
        },
    }
}
