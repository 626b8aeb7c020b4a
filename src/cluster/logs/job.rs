//! Finding the job whose logs are wanted: its ConfigMap (present while the job runs; its
//! `TWISTER2_JOB_OBJECT` gives the compute resources that worker IDs are computed from), its
//! pods, and, when the ConfigMap is gone or unreadable, its StatefulSets' container counts.
//! An unknown job is an error naming the job and the namespace.

use crate::twister2::names;
use anyhow::{Context, Result, anyhow};
use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{ConfigMap, Pod};
use kube::Api;
use kube::api::ListParams;

use crate::cluster::Cluster;
use crate::cluster::logs::sources::{JobLayout, is_openmpi};
use crate::twister2::job_id::parse_worker_container_name;
use crate::twister2::names::JOB;
use crate::twister2::names::JOB_OBJECT_KEY;
use crate::twister2::proto;
use crate::twister2::resources::ComputeResource;

/// What was found about a job.
#[derive(Debug, Clone)]
pub struct FoundJob {
    /// How to name its containers.
    pub layout: JobLayout,
    /// Whether its last compute resource is scalable as submitted (more workers may come).
    pub scalable: bool,
    /// Whether its ConfigMap exists (the job has not ended).
    pub running: bool,
    /// Its pods now.
    pub pods: Vec<Pod>,
    /// Whether it is an OpenMPI job (as far as its pods tell).
    pub openmpi: bool,
    /// Why the job description could not be used, if it could not.
    pub warning: Option<String>,
}

/// The error for a job that has no object in the namespace.
pub fn not_found(job_id: &str, namespace: &str) -> anyhow::Error {
    anyhow!(
        "job {job_id:?} not found in namespace {namespace:?} (`kubectl twister2 jobs -n \
{namespace}` lists the jobs there)"
    )
}

/// Compute resources ordered by index, keeping only the run 0, 1, 2, … (a worker ID needs every
/// lower resource).
pub fn by_index(mut resources: Vec<ComputeResource>) -> Vec<ComputeResource> {
    resources.sort_by_key(|r| r.index);
    let mut out = Vec::new();
    for r in resources {
        if usize::try_from(r.index).ok() != Some(out.len()) {
            break;
        }
        out.push(r);
    }
    out
}

/// The compute resources in a job's ConfigMap, or why they cannot be read.
pub fn resources_of(config_map: &ConfigMap) -> Result<(Vec<ComputeResource>, bool), String> {
    let text = config_map
        .data
        .as_ref()
        .and_then(|d| d.get(JOB_OBJECT_KEY))
        .ok_or_else(|| format!("its ConfigMap has no {JOB_OBJECT_KEY}"))?;
    let job = proto::decode_from_base64(text)
        .map_err(|e| format!("its {JOB_OBJECT_KEY} cannot be decoded: {e}"))?;
    let resources = job
        .domain_resources()
        .map_err(|e| format!("its {JOB_OBJECT_KEY} is not valid: {e}"))?;
    let scalable = resources
        .iter()
        .max_by_key(|r| r.index)
        .is_some_and(|r| r.scalable);
    Ok((by_index(resources), scalable))
}

/// Compute resources as the worker StatefulSets `<jobID>-<index>` show them: replicas and the
/// number of `twister2-container-<i>` containers.
pub fn resources_from_stateful_sets(job_id: &str, sets: &[StatefulSet]) -> Vec<ComputeResource> {
    let resources = sets
        .iter()
        .filter_map(|sts| {
            let name = sts.metadata.name.as_deref()?;
            let suffix = name.strip_prefix(job_id)?.strip_prefix('-')?;
            if suffix.is_empty() || !suffix.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let index: u32 = suffix.parse().ok()?;
            let spec = sts.spec.as_ref()?;
            let workers_per_pod = spec
                .template
                .spec
                .iter()
                .flat_map(|s| s.containers.iter())
                .filter(|c| parse_worker_container_name(&c.name).is_some())
                .count();
            Some(ComputeResource {
                index,
                cpu: 0.0,
                ram_mb: 0,
                disk_gb: 0.0,
                instances: u32::try_from(spec.replicas.unwrap_or(1).max(0)).unwrap_or(0),
                workers_per_pod: u32::try_from(workers_per_pod.max(1)).unwrap_or(1),
                scalable: false,
            })
        })
        .collect();
    by_index(resources)
}

fn job_selector(job_id: &str) -> ListParams {
    ListParams::default().labels(&names::job_selector(job_id))
}

/// List the job's pods.
pub async fn list_pods(cluster: &Cluster, job_id: &str) -> Result<Vec<Pod>> {
    let pods: Api<Pod> = Api::namespaced(cluster.client.clone(), &cluster.namespace);
    let list = pods
        .list(&job_selector(job_id))
        .await
        .map_err(|e| cluster.explain(e))
        .with_context(|| format!("cannot list the pods of job {job_id}"))?;
    Ok(list.items)
}

/// Find job `job_id`: its ConfigMap and pods (read at once), and its StatefulSets only when the
/// ConfigMap cannot name the workers.
pub async fn locate(cluster: &Cluster, job_id: &str) -> Result<FoundJob> {
    let config_maps: Api<ConfigMap> = Api::namespaced(cluster.client.clone(), &cluster.namespace);
    let (config_map, pods) = tokio::join!(config_maps.get_opt(job_id), list_pods(cluster, job_id));
    let config_map = config_map
        .map_err(|e| cluster.explain(e))
        .with_context(|| format!("cannot read the ConfigMap of job {job_id}"))?
        .filter(|cm| {
            cm.metadata
                .labels
                .as_ref()
                .and_then(|l| l.get(JOB))
                .is_some_and(|v| v == job_id)
        });
    let pods = pods?;
    let mut warning = None;
    let mut described = None;
    if let Some(cm) = &config_map {
        match resources_of(cm) {
            Ok(found) => described = Some(found),
            Err(why) => warning = Some(why),
        }
    }
    let (resources, scalable, have_sets) = match described {
        Some((resources, scalable)) => (resources, scalable, true),
        None => {
            let sets: Api<StatefulSet> =
                Api::namespaced(cluster.client.clone(), &cluster.namespace);
            let sets = sets
                .list(&job_selector(job_id))
                .await
                .map_err(|e| cluster.explain(e))
                .with_context(|| format!("cannot list the StatefulSets of job {job_id}"))?
                .items;
            let resources = resources_from_stateful_sets(job_id, &sets);
            let have = !sets.is_empty();
            // Without the job description, scaling cannot be ruled out.
            (resources, true, have)
        }
    };
    if config_map.is_none() && !have_sets && pods.is_empty() {
        return Err(not_found(job_id, &cluster.namespace));
    }
    let openmpi = pods.iter().any(is_openmpi);
    Ok(FoundJob {
        layout: JobLayout::new(job_id, resources),
        scalable,
        running: config_map.is_some(),
        pods,
        openmpi,
        warning,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn cr(index: u32, instances: u32, wpp: u32, scalable: bool) -> ComputeResource {
        ComputeResource {
            index,
            cpu: 1.0,
            ram_mb: 512,
            disk_gb: 0.0,
            instances,
            workers_per_pod: wpp,
            scalable,
        }
    }

    #[test]
    fn resources_are_kept_while_contiguous() {
        let out = by_index(vec![
            cr(1, 2, 1, false),
            cr(0, 1, 2, false),
            cr(3, 1, 1, false),
        ]);
        assert_eq!(out.iter().map(|r| r.index).collect::<Vec<_>>(), [0, 1]);
        assert!(by_index(vec![cr(1, 1, 1, false)]).is_empty());
    }

    #[test]
    fn config_map_job_object_gives_resources() {
        let resources = vec![cr(0, 2, 2, false), cr(1, 1, 1, true)];
        let job = proto::Job::from_description(&proto::JobDescription {
            job_name: "hello",
            job_id: "j-1",
            worker_class: "W",
            driver_class: None,
            resources: &resources,
            format: proto::JobFormatType::Jar,
            job_file: "x.jar",
        })
        .unwrap();
        let cm: ConfigMap = serde_json::from_value(json!({
            "metadata": {"name": "j-1", "labels": {"t2-job": "j-1"}},
            "data": {"TWISTER2_JOB_OBJECT": proto::encode_to_base64(&job)},
        }))
        .unwrap();
        let (read, scalable) = resources_of(&cm).unwrap();
        assert_eq!(read, resources);
        assert!(scalable);
        let broken: ConfigMap = serde_json::from_value(json!({
            "metadata": {"name": "j-1"}, "data": {"TWISTER2_JOB_OBJECT": "!!"},
        }))
        .unwrap();
        assert!(
            resources_of(&broken)
                .unwrap_err()
                .contains("cannot be decoded")
        );
        let empty: ConfigMap =
            serde_json::from_value(json!({"metadata": {"name": "j-1"}})).unwrap();
        assert!(
            resources_of(&empty)
                .unwrap_err()
                .contains("has no TWISTER2_JOB_OBJECT")
        );
    }

    #[test]
    fn stateful_sets_give_resources_when_the_config_map_is_gone() {
        let sts = |name: &str, replicas: i32, containers: &[&str]| -> StatefulSet {
            let containers: Vec<_> = containers
                .iter()
                .map(|c| json!({"name": c, "image": "x"}))
                .collect();
            serde_json::from_value(json!({
                "metadata": {"name": name},
                "spec": {"replicas": replicas, "serviceName": "j-1",
                         "selector": {"matchLabels": {"t2-wp": "j-1"}},
                         "template": {"spec": {"containers": containers}}},
            }))
            .unwrap()
        };
        let sets = vec![
            sts("j-1-jm", 1, &["twister2-job-master-0"]),
            sts("j-1-1", 3, &["twister2-container-0"]),
            sts(
                "j-1-0",
                2,
                &["twister2-container-0", "twister2-container-1"],
            ),
        ];
        let resources = resources_from_stateful_sets("j-1", &sets);
        assert_eq!(
            resources
                .iter()
                .map(|r| (r.index, r.instances, r.workers_per_pod))
                .collect::<Vec<_>>(),
            [(0, 2, 2), (1, 3, 1)]
        );
    }

    #[test]
    fn not_found_names_job_and_namespace() {
        let text = not_found("j-1", "team").to_string();
        assert!(text.contains("\"j-1\"") && text.contains("namespace \"team\""));
    }
}
