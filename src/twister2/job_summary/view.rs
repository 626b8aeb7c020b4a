//! `View`: one job's objects sorted out (job master, worker StatefulSets, job description).

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{Container, Pod, PodSpec};

use super::objects::{Group, has_label};
use crate::twister2::job_id::{parse_worker_container_name, parse_worker_pod_name};
use crate::twister2::names::{JOB_OBJECT_KEY, OPENMPI_KEY_VOLUME, job_master_name};
use crate::twister2::names::{MASTER_POD, WORKER_POD};
use crate::twister2::proto::{self, Job};
use crate::twister2::resources::ComputeResource;

/// What is known about one job while summarizing it.
pub(super) struct View<'a> {
    pub(super) namespace: String,
    pub(super) job_id: String,
    pub(super) g: Group<'a>,
    /// The decoded job description, or why it could not be decoded (`None` without ConfigMap
    /// or key).
    pub(super) job: Option<Result<Job, String>>,
    /// Worker StatefulSets by compute-resource index.
    pub(super) workers: BTreeMap<u32, &'a StatefulSet>,
    pub(super) master: Option<&'a StatefulSet>,
    /// Compute resources as submitted (job description), by index.
    pub(super) submitted: BTreeMap<u32, ComputeResource>,
}

pub(super) fn pod_spec(sts: &StatefulSet) -> Option<&PodSpec> {
    sts.spec.as_ref()?.template.spec.as_ref()
}

pub(super) fn first_container(sts: &StatefulSet) -> Option<&Container> {
    pod_spec(sts)?.containers.first()
}

pub(super) fn replicas(sts: &StatefulSet) -> i32 {
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
    pub(super) fn new(namespace: String, job_id: String, g: Group<'a>) -> Self {
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
        let master_name = job_master_name(&job_id);
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

    pub(super) fn decoded(&self) -> Option<&Job> {
        self.job.as_ref().and_then(|j| j.as_ref().ok())
    }

    /// Workers per pod of compute resource `index`: from the job description, else the number
    /// of worker containers of its StatefulSet.
    pub(super) fn workers_per_pod(&self, index: u32) -> u32 {
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

    pub(super) fn worker_pods(&self) -> impl Iterator<Item = &&'a Pod> {
        self.g
            .pods
            .iter()
            .filter(|p| has_label(&p.metadata, WORKER_POD))
    }

    pub(super) fn master_pods(&self) -> impl Iterator<Item = &&'a Pod> {
        self.g
            .pods
            .iter()
            .filter(|p| has_label(&p.metadata, MASTER_POD))
    }

    /// Workers a worker pod runs.
    pub(super) fn workers_of_pod(&self, pod: &Pod) -> u32 {
        let name = pod.metadata.name.as_deref().unwrap_or_default();
        match parse_worker_pod_name(&self.job_id, name) {
            Some((index, _)) => u32::try_from(index).map_or(1, |i| self.workers_per_pod(i)),
            None => 1,
        }
    }

    /// The S3 object of the job's package (`s3://…`), recorded by submit's S3 upload method in
    /// an annotation of the ConfigMap.
    pub(super) fn s3_package(&self) -> Option<&'a str> {
        self.g
            .config_map?
            .metadata
            .annotations
            .as_ref()?
            .get(crate::twister2::names::PACKAGE_ANNOTATION)
            .map(String::as_str)
    }

    pub(super) fn is_openmpi(&self) -> bool {
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

    /// The first worker container (else the job master's), whose env tells how the job runs.
    pub(super) fn reference_container(&self) -> Option<&'a Container> {
        self.workers
            .values()
            .next()
            .copied()
            .or(self.master)
            .and_then(first_container)
    }
}
