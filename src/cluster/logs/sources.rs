//! Which pods and containers of a job are log sources, who each one is (`job-master`,
//! `worker-7`, an OpenMPI pod, or an unknown container) and which of them a [`Selection`] wants.
//! Worker IDs are computed as Twister2 does (`K8sWorkerUtils.calculateWorkerID`). Pure: pods in,
//! sources out.

use std::cmp::Ordering;

use k8s_openapi::api::core::v1::Pod;

use crate::cluster::logs::options::Selection;
use crate::twister2::job_id::{
    job_master_pod_name, parse_worker_container_name, parse_worker_pod_name, worker_id,
};
use crate::twister2::names::MASTER_POD;
use crate::twister2::names::OPENMPI_KEY_VOLUME;
use crate::twister2::resources::ComputeResource;

/// What a container does in the job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// The job master.
    JobMaster,
    /// The worker with this ID.
    Worker(u32),
    /// A pod of an OpenMPI job: its workers are MPI ranks. `file_id` is the ID Twister2's client
    /// computes for the pod anyway (it names the saved file after it).
    OpenMpi {
        /// Twister2's (non-MPI) worker ID of the pod's container, if computable.
        file_id: Option<u32>,
    },
    /// A container whose pod or name does not follow Twister2's scheme, or whose compute
    /// resource is unknown.
    Other,
}

/// One container of one pod: a log source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Pod name.
    pub pod: String,
    /// Pod UID (a recreated pod with the same name is another source).
    pub uid: String,
    /// Container name.
    pub container: String,
    /// What it is.
    pub role: Role,
    /// Who wrote a line: `job-master`, `worker-7`, the pod name (OpenMPI) or `pod/container`.
    pub label: String,
}

impl Source {
    /// Output order: job master, workers by ID, OpenMPI pods, others; then by name.
    pub fn order(&self, other: &Source) -> Ordering {
        let rank = |s: &Source| match s.role {
            Role::JobMaster => (0, 0),
            Role::Worker(id) => (1, id),
            Role::OpenMpi { .. } => (2, 0),
            Role::Other => (3, 0),
        };
        rank(self)
            .cmp(&rank(other))
            .then_with(|| self.pod.cmp(&other.pod))
            .then_with(|| self.container.cmp(&other.container))
    }
}

/// What is known about the job's shape, to name its containers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JobLayout {
    /// The jobID.
    pub job_id: String,
    /// Compute resources by index (position = index), as submitted (from the job's
    /// `TWISTER2_JOB_OBJECT`) or as seen in its StatefulSets; may be empty or shorter than the
    /// job when that is all that is left.
    pub resources: Vec<ComputeResource>,
}

impl JobLayout {
    /// A layout for `job_id` with these resources. The last resource is taken as scalable for
    /// naming: the job master may have scaled it (only the last may be), and the IDs of its extra
    /// pods follow the same formula.
    pub fn new(job_id: &str, resources: Vec<ComputeResource>) -> Self {
        let mut resources = resources;
        if let Some(last) = resources.last_mut() {
            last.scalable = true;
        }
        JobLayout {
            job_id: job_id.to_string(),
            resources,
        }
    }

    /// How many workers the job was given (Σ instances × workers per pod).
    pub fn submitted_workers(&self) -> u64 {
        self.resources
            .iter()
            .map(|r| u64::from(r.instances) * u64::from(r.workers_per_pod))
            .sum()
    }

    /// The role of `container` in `pod`.
    pub fn role(&self, pod: &Pod, container: &str) -> Role {
        let name = pod.metadata.name.as_deref().unwrap_or_default();
        let labels = pod.metadata.labels.as_ref();
        let has = |key: &str| labels.is_some_and(|l| l.contains_key(key));
        if has(MASTER_POD) || name == job_master_pod_name(&self.job_id) {
            return Role::JobMaster;
        }
        let Some((cr_index, ordinal)) = parse_worker_pod_name(&self.job_id, name) else {
            return Role::Other;
        };
        let id = parse_worker_container_name(container)
            .and_then(|index| worker_id(cr_index, ordinal, index, &self.resources));
        if is_openmpi(pod) {
            return Role::OpenMpi { file_id: id };
        }
        match id {
            Some(id) => Role::Worker(id),
            None => Role::Other,
        }
    }

    /// Every container of `pod` that `selection` wants, as sources.
    pub fn sources(&self, pod: &Pod, selection: &Selection) -> Vec<Source> {
        let pod_name = pod.metadata.name.clone().unwrap_or_default();
        let uid = pod.metadata.uid.clone().unwrap_or_default();
        let containers = pod.spec.iter().flat_map(|s| s.containers.iter());
        containers
            .filter(|c| {
                selection
                    .container
                    .as_ref()
                    .is_none_or(|want| *want == c.name)
            })
            .filter_map(|c| {
                let role = self.role(pod, &c.name);
                wanted(&role, selection).then(|| Source {
                    label: label(&role, &pod_name, &c.name),
                    pod: pod_name.clone(),
                    uid: uid.clone(),
                    container: c.name.clone(),
                    role,
                })
            })
            .collect()
    }
}

/// Whether the pod belongs to an OpenMPI job (it mounts the OpenMPI SSH key).
pub fn is_openmpi(pod: &Pod) -> bool {
    pod.spec
        .iter()
        .flat_map(|s| s.volumes.iter().flatten())
        .any(|v| v.name == OPENMPI_KEY_VOLUME)
}

fn wanted(role: &Role, selection: &Selection) -> bool {
    if selection.all_roles() {
        return true;
    }
    match role {
        Role::JobMaster => selection.job_master,
        Role::Worker(id) => selection.names_worker(*id),
        Role::OpenMpi { .. } | Role::Other => false,
    }
}

fn label(role: &Role, pod: &str, container: &str) -> String {
    match role {
        Role::JobMaster => "job-master".to_string(),
        Role::Worker(id) => format!("worker-{id}"),
        Role::OpenMpi { .. } => pod.to_string(),
        Role::Other => format!("{pod}/{container}"),
    }
}

/// Worker IDs of `selection` that cannot exist in a job of this layout (only known when the
/// last compute resource is not scalable as submitted), as text such as `12, 20-25`.
pub fn impossible_workers(
    selection: &Selection,
    layout: &JobLayout,
    scalable: bool,
) -> Option<String> {
    if scalable || layout.resources.is_empty() {
        return None;
    }
    let total = layout.submitted_workers();
    let missing: Vec<String> = selection
        .workers
        .iter()
        .filter_map(|r| {
            let start = u64::from(*r.start()).max(total);
            let end = u64::from(*r.end());
            (start <= end).then(|| {
                if start == end {
                    start.to_string()
                } else {
                    format!("{start}-{end}")
                }
            })
        })
        .collect();
    (!missing.is_empty()).then(|| missing.join(", "))
}

/// Whether every worker ID of `selection` is impossible in this layout.
pub fn all_workers_impossible(selection: &Selection, layout: &JobLayout, scalable: bool) -> bool {
    !scalable
        && !layout.resources.is_empty()
        && !selection.workers.is_empty()
        && selection
            .workers
            .iter()
            .all(|r| u64::from(*r.start()) >= layout.submitted_workers())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn cr(index: u32, instances: u32, wpp: u32) -> ComputeResource {
        ComputeResource {
            index,
            cpu: 1.0,
            ram_mb: 512,
            disk_gb: 0.0,
            instances,
            workers_per_pod: wpp,
            scalable: false,
        }
    }

    fn pod(name: &str, role_label: &str, containers: &[&str], mpi: bool) -> Pod {
        let containers: Vec<_> = containers
            .iter()
            .map(|c| json!({"name": c, "image": "x"}))
            .collect();
        let volumes = if mpi {
            json!([{"name": "kube-openmpi-ssh-key", "secret": {"secretName": "s"}}])
        } else {
            json!([])
        };
        serde_json::from_value(json!({
            "metadata": {"name": name, "uid": format!("uid-{name}"),
                         "labels": {"app": "twister2", "t2-job": "j-1", role_label: "j-1"}},
            "spec": {"containers": containers, "volumes": volumes},
        }))
        .unwrap()
    }

    fn layout() -> JobLayout {
        // resource 0: 2 pods × 2 workers (0-3); resource 1: 3 pods × 1 worker (4-6)
        JobLayout::new("j-1", vec![cr(0, 2, 2), cr(1, 3, 1)])
    }

    const W: [&str; 2] = ["twister2-container-0", "twister2-container-1"];

    #[test]
    fn roles_and_labels_follow_twister2_worker_ids() {
        let l = layout();
        let p = pod("j-1-0-1", "t2-wp", &W, false);
        let labels: Vec<String> = l
            .sources(&p, &Selection::default())
            .into_iter()
            .map(|s| s.label)
            .collect();
        assert_eq!(labels, ["worker-2", "worker-3"]);
        let p = pod("j-1-1-2", "t2-wp", &W[..1], false);
        assert_eq!(l.role(&p, "twister2-container-0"), Role::Worker(6));
        // the last resource may have been scaled beyond its submitted pods
        let p = pod("j-1-1-5", "t2-wp", &W[..1], false);
        assert_eq!(l.role(&p, "twister2-container-0"), Role::Worker(9));
        let jm = pod("j-1-jm-0", "t2-mp", &["twister2-job-master-0"], false);
        let s = l.sources(&jm, &Selection::default());
        assert_eq!(s[0].label, "job-master");
        assert_eq!(s[0].role, Role::JobMaster);
        assert_eq!(s[0].uid, "uid-j-1-jm-0");
    }

    #[test]
    fn unknown_names_and_resources_are_other() {
        let l = layout();
        let p = pod("j-1-0-0", "t2-wp", &["sidecar"], false);
        let s = l.sources(&p, &Selection::default());
        assert_eq!(s[0].role, Role::Other);
        assert_eq!(s[0].label, "j-1-0-0/sidecar");
        let p = pod("j-1-7-0", "t2-wp", &W[..1], false);
        assert_eq!(l.role(&p, "twister2-container-0"), Role::Other);
        let empty = JobLayout::new("j-1", Vec::new());
        let p = pod("j-1-0-0", "t2-wp", &W[..1], false);
        assert_eq!(empty.role(&p, "twister2-container-0"), Role::Other);
    }

    #[test]
    fn openmpi_pods_are_named_by_pod() {
        let l = layout();
        let p = pod("j-1-0-1", "t2-wp", &W[..1], true);
        let s = l.sources(&p, &Selection::default());
        assert_eq!(s[0].role, Role::OpenMpi { file_id: Some(2) });
        assert_eq!(s[0].label, "j-1-0-1");
        let only_workers = Selection {
            workers: vec![0..=9],
            ..Selection::default()
        };
        assert!(l.sources(&p, &only_workers).is_empty());
    }

    #[test]
    fn selection_by_worker_job_master_and_container() {
        let l = layout();
        let p = pod("j-1-0-1", "t2-wp", &W, false);
        let jm = pod("j-1-jm-0", "t2-mp", &["twister2-job-master-0"], false);
        let sel = Selection {
            workers: vec![3..=3],
            ..Selection::default()
        };
        let s = l.sources(&p, &sel);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].container, "twister2-container-1");
        assert!(l.sources(&jm, &sel).is_empty());
        let sel = Selection {
            job_master: true,
            ..Selection::default()
        };
        assert!(l.sources(&p, &sel).is_empty());
        assert_eq!(l.sources(&jm, &sel).len(), 1);
        let sel = Selection {
            container: Some("twister2-container-0".into()),
            ..Selection::default()
        };
        let s = l.sources(&p, &sel);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].label, "worker-2");
        assert!(l.sources(&jm, &sel).is_empty());
    }

    #[test]
    fn ordering_puts_job_master_first_then_workers_by_id() {
        let l = layout();
        let mut sources = Vec::new();
        for (name, role) in [
            ("j-1-1-0", "t2-wp"),
            ("j-1-0-1", "t2-wp"),
            ("j-1-0-0", "t2-wp"),
        ] {
            let containers: &[&str] = if name.starts_with("j-1-1") {
                &W[..1]
            } else {
                &W
            };
            sources.extend(l.sources(&pod(name, role, containers, false), &Selection::default()));
        }
        sources.extend(l.sources(
            &pod("j-1-jm-0", "t2-mp", &["twister2-job-master-0"], false),
            &Selection::default(),
        ));
        sources.sort_by(Source::order);
        let labels: Vec<&str> = sources.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "job-master",
                "worker-0",
                "worker-1",
                "worker-2",
                "worker-3",
                "worker-4"
            ]
        );
    }

    #[test]
    fn impossible_worker_ids_are_named() {
        let l = JobLayout::new("j-1", vec![cr(0, 2, 2)]);
        let sel = Selection {
            workers: vec![1..=1, 3..=5, 9..=9],
            ..Selection::default()
        };
        assert_eq!(
            impossible_workers(&sel, &l, false).as_deref(),
            Some("4-5, 9")
        );
        assert_eq!(impossible_workers(&sel, &l, true), None);
        assert!(!all_workers_impossible(&sel, &l, false));
        let sel = Selection {
            workers: vec![4..=6],
            ..Selection::default()
        };
        assert!(all_workers_impossible(&sel, &l, false));
        assert!(!all_workers_impossible(&sel, &JobLayout::default(), false));
    }
}
