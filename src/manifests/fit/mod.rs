//! Whether a job's rendered objects can ever run on the cluster pre-flight read, before any is
//! created: the `--volume` claims (`claims`), the StorageClass of its claim (`storage`), and
//! where its pods can go (`placement`, built on `nodes` and `requests`). Pure: the objects and
//! what was read in, messages out.

mod claims;
mod nodes;
mod placement;
mod requests;
mod storage;

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{Node, NodeSelectorRequirement, PersistentVolumeClaim};
use k8s_openapi::api::storage::v1::StorageClass;

use crate::manifests::job::JobObjects;
use crate::twister2::spec::JobSpec;
pub use placement::PodGroup;
pub use storage::class_problem;

/// One read of pre-flight: what came back, nothing there (404), or not allowed (403).
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup<T> {
    /// The object, or the list.
    Found(T),
    /// No such object.
    NotFound,
    /// The caller may not read it.
    Forbidden,
}

/// What pre-flight read for the checks; `None` where it did not read (the scheduling checks
/// were skipped).
#[derive(Debug, Clone, Copy)]
pub struct ClusterView<'a> {
    /// The job's namespace.
    pub namespace: &'a str,
    /// Every node.
    pub nodes: Option<&'a Lookup<Vec<Node>>>,
    /// Every StorageClass.
    pub storage_classes: Option<&'a Lookup<Vec<StorageClass>>>,
    /// The `--volume` claims, by name.
    pub claims: &'a BTreeMap<String, Lookup<PersistentVolumeClaim>>,
}

/// What the checks found.
#[derive(Debug, Default)]
pub struct Findings {
    /// Problems no option of the plugin can see past (a missing claim).
    pub problems: Vec<String>,
    /// Problems of scheduling (placement, StorageClass): `--skip-scheduling-checks` skips them.
    pub scheduling: Vec<String>,
    /// Risks that do not stop the submit.
    pub warnings: Vec<String>,
}

/// Appended to the last scheduling problem.
pub const SKIP_HINT: &str = "if an autoscaler or a provisioner adds what is missing on demand, \
--skip-scheduling-checks submits anyway";

impl Findings {
    /// Every problem, the last scheduling problem carrying [`SKIP_HINT`].
    pub fn all_problems(&self) -> Vec<String> {
        let mut all = self.problems.clone();
        let last = self.scheduling.len().saturating_sub(1);
        for (i, problem) in self.scheduling.iter().enumerate() {
            if i == last {
                all.push(format!("{problem} ({SKIP_HINT})"));
            } else {
                all.push(problem.clone());
            }
        }
        all
    }
}

/// Checks the job's objects against what was read.
pub fn check_job(objects: &JobObjects, spec: &JobSpec, view: &ClusterView) -> Findings {
    let mut found = Findings::default();
    let groups = pod_groups(objects, spec);
    let pods: u32 = groups.iter().map(|g| g.replicas).sum();
    let nodes = match view.nodes {
        Some(Lookup::Found(nodes)) => Some(nodes.as_slice()),
        _ => None,
    };
    let one_node = nodes.is_some_and(|n| n.iter().filter(|n| !nodes::is_cordoned(n)).count() == 1);
    let lookup = |name: &str| view.claims.get(name).cloned();
    let claims = claims::check(&spec.volumes, &lookup, pods, one_node, view.namespace);
    found.problems.extend(claims.problems);
    found.warnings.extend(claims.warnings);
    if let (Some(claim), Some(Lookup::Found(classes))) =
        (&objects.persistent_volume_claim, view.storage_classes)
    {
        let wanted = claim
            .spec
            .as_ref()
            .and_then(|s| s.storage_class_name.as_deref());
        found.scheduling.extend(class_problem(
            "the job's claim",
            wanted,
            classes,
            "--storage-class",
        ));
    }
    if let Some(nodes) = nodes {
        let origin = |r: &NodeSelectorRequirement| origin_of(spec, r);
        let placed = placement::check(&groups, nodes, &origin);
        found.scheduling.extend(placed.problems);
        found.warnings.extend(placed.warnings);
    }
    found
}

/// The job master's and each worker StatefulSet's pods.
fn pod_groups<'a>(objects: &'a JobObjects, job: &JobSpec) -> Vec<PodGroup<'a>> {
    fn group(
        sts: &StatefulSet,
        what: String,
        workers_per_pod: Option<u32>,
    ) -> Option<PodGroup<'_>> {
        let spec = sts.spec.as_ref()?;
        Some(PodGroup {
            what,
            replicas: spec.replicas.unwrap_or(1).max(0).unsigned_abs(),
            pod: spec.template.spec.as_ref()?,
            worker: workers_per_pod.is_some(),
            workers_per_pod: workers_per_pod.unwrap_or(0),
        })
    }
    let master = group(&objects.job_master, "the job master pod".to_string(), None);
    // Worker StatefulSet `i` is compute resource `i`.
    let workers = objects
        .workers
        .iter()
        .zip(&job.compute_resources)
        .map(|(worker, cr)| {
            let name = worker.metadata.name.clone().unwrap_or_default();
            group(
                worker,
                format!("the worker pods of {name}"),
                Some(cr.workers_per_pod),
            )
        });
    std::iter::once(master).chain(workers).flatten().collect()
}

/// Which option put a node requirement on the workers.
fn origin_of(spec: &JobSpec, r: &NodeSelectorRequirement) -> Option<String> {
    let values = r.values.as_deref().unwrap_or_default();
    if let Some(mapping) = &spec.node_mapping
        && mapping.key == r.key
        && mapping.operator.as_str() == r.operator
    {
        return Some("Twister2's worker-to-node mapping".to_string());
    }
    if r.operator == "In" {
        if spec
            .targets
            .iter()
            .any(|t| t.key == r.key && values == std::slice::from_ref(&t.value))
        {
            return Some("--target".to_string());
        }
        if r.key == spec.placement.rack_label_key && values == spec.placement.racks.as_slice() {
            return Some("--rack".to_string());
        }
        if r.key == spec.placement.datacenter_label_key
            && values == spec.placement.datacenters.as_slice()
        {
            return Some("--datacenter".to_string());
        }
    }
    None
}

/// One note for the checks skipped because cluster-scoped reads were Forbidden (and, for
/// nodes, that the pods get no rack/datacenter information when `node_info` was wanted).
pub fn skipped_note(
    nodes_forbidden: bool,
    node_info: bool,
    classes_forbidden: bool,
    namespace: &str,
) -> Option<String> {
    let mut skipped = Vec::new();
    if nodes_forbidden {
        skipped.push(if node_info {
            "cannot list nodes, so placement was not checked and the pods get no \
rack/datacenter information (ENCODED_NODE_INFO_LIST is empty; or set \
twister2.resource.kubernetes.node.locations.from.config: true)"
        } else {
            "cannot list nodes, so placement was not checked"
        });
    }
    if classes_forbidden {
        skipped.push(
            "cannot list storageclasses, so the StorageClass of the job's claim was not checked",
        );
    }
    (!skipped.is_empty()).then(|| {
        format!(
            "{}; `kubectl twister2 setup auth --nodes -n {namespace}` grants these cluster-scoped \
reads",
            skipped.join("; ")
        )
    })
}

#[cfg(test)]
mod tests;
