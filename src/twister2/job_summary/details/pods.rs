//! The pods of a job as `describe` lists them (`PodInfo`), with each pod's role and worker IDs.

use jiff::Timestamp;
use k8s_openapi::api::core::v1::Pod;

use super::created;
use crate::twister2::job_id::{parse_worker_container_name, parse_worker_pod_name, worker_id};
use crate::twister2::job_summary::objects::has_label;
use crate::twister2::job_summary::view::{View, replicas};
use crate::twister2::names::MASTER_POD;
use crate::twister2::resources::ComputeResource;

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

pub(super) fn pod_infos(view: &View<'_>) -> Vec<PodInfo> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_ranges_collapse_runs() {
        assert_eq!(id_ranges(&[3, 0, 1, 2, 7, 9, 10]), "0-3,7,9-10");
        assert_eq!(id_ranges(&[5]), "5");
        assert_eq!(id_ranges(&[]), "");
        assert_eq!(PodRole::Workers(vec![4]).to_string(), "worker 4");
        assert_eq!(PodRole::Workers(vec![0, 1]).to_string(), "workers 0-1");
    }
}
