//! Whether each pod of a job can be placed on some node: cordons, `nodeSelector` and required
//! node affinity, `DoNotSchedule` spread constraints, taints (a warning only: something may add
//! tolerations), the pod's requests against allocatable, and Twister2's uniform mapping (every
//! worker pod on its own node, or all on one).

use std::collections::BTreeSet;

use k8s_openapi::api::core::v1::{Node, NodeSelectorRequirement, PodAffinityTerm, PodSpec};

use super::nodes::{self, census, describe, list_names};
use super::requests::{Amounts, pod_requests, short_of, show, show_all, times};
use crate::twister2::names::HOSTNAME_LABEL;

/// The pods of one StatefulSet.
pub struct PodGroup<'a> {
    /// How messages name them: `worker pods of u-hello-x-0`, `the job master pod`.
    pub what: String,
    /// How many pods.
    pub replicas: u32,
    /// Their template.
    pub pod: &'a PodSpec,
    /// Worker pods (Twister2's uniform mapping applies to them together).
    pub worker: bool,
    /// Twister2 workers in each pod (a container each, or one OpenMPI container sized for all).
    pub workers_per_pod: u32,
}

/// What a placement check found.
#[derive(Debug, Default)]
pub struct PlacementFindings {
    /// Pods that can never be placed.
    pub problems: Vec<String>,
    /// Risks that do not stop the submit.
    pub warnings: Vec<String>,
}

/// Where a node requirement came from, for messages (`--target`, `--rack`, …).
pub type Origin<'a> = &'a dyn Fn(&NodeSelectorRequirement) -> Option<String>;

/// Checks every group against `nodes` (the whole list, cordoned ones included).
pub fn check(groups: &[PodGroup], nodes: &[Node], origin: Origin) -> PlacementFindings {
    let mut found = PlacementFindings::default();
    if nodes.is_empty() {
        found.warnings.push(
            "the cluster lists no nodes, so no pod can start until nodes join (placement was \
not checked)"
                .to_string(),
        );
        return found;
    }
    let all: Vec<&Node> = nodes.iter().collect();
    let schedulable: Vec<&Node> = all
        .iter()
        .copied()
        .filter(|n| !nodes::is_cordoned(n))
        .collect();
    if schedulable.is_empty() {
        found.problems.push(format!(
            "every node ({}) is cordoned, so no pod can be scheduled (`kubectl uncordon NODE`)",
            all.len()
        ));
        return found;
    }
    let mut worker_fits: Vec<(&PodGroup, Vec<&Node>)> = Vec::new();
    for group in groups {
        if let Some(fitting) = place_group(group, &all, &schedulable, origin, &mut found)
            && group.worker
        {
            worker_fits.push((group, fitting));
        }
    }
    if worker_fits.len() == groups.iter().filter(|g| g.worker).count() {
        uniform_mapping(&worker_fits, &mut found);
    }
    dedup(&mut found.problems);
    dedup(&mut found.warnings);
    found
}

fn dedup(lines: &mut Vec<String>) {
    let mut seen = BTreeSet::new();
    lines.retain(|line| seen.insert(line.clone()));
}

/// The nodes one pod of `group` fits on, or `None` (with the problem noted) when there are none.
fn place_group<'n>(
    group: &PodGroup,
    all: &[&'n Node],
    schedulable: &[&'n Node],
    origin: Origin,
    found: &mut PlacementFindings,
) -> Option<Vec<&'n Node>> {
    let pod = group.pod;
    let mut candidates: Vec<&Node> = schedulable
        .iter()
        .copied()
        .filter(|n| nodes::selects(pod, n))
        .collect();
    if candidates.is_empty() {
        found.problems.push(format!(
            "{} cannot be placed: {}",
            group.what,
            why_no_node_matches(pod, all, schedulable, origin)
        ));
        return None;
    }
    for constraint in pod.topology_spread_constraints.iter().flatten() {
        if constraint.when_unsatisfiable != "DoNotSchedule" {
            continue;
        }
        let key = &constraint.topology_key;
        let labelled: Vec<&Node> = candidates
            .iter()
            .copied()
            .filter(|n| {
                n.metadata
                    .labels
                    .as_ref()
                    .is_some_and(|l| l.contains_key(key))
            })
            .collect();
        if labelled.is_empty() {
            found.problems.push(format!(
                "{} cannot be spread over {key} (--spread): none of the {} nodes they may run on \
carries that label (`kubectl twister2 nodes label` sets rack and datacenter labels)",
                group.what,
                candidates.len()
            ));
            return None;
        }
        candidates = labelled;
    }
    let tolerations = pod.tolerations.as_deref().unwrap_or_default();
    let untainted: Vec<&Node> = candidates
        .iter()
        .copied()
        .filter(|n| nodes::untolerated_taints(n, tolerations).is_empty())
        .collect();
    if untainted.is_empty() {
        let examples: Vec<String> = candidates
            .iter()
            .take(3)
            .map(|n| {
                let taints: Vec<String> = nodes::untolerated_taints(n, tolerations)
                    .into_iter()
                    .map(nodes::describe_taint)
                    .collect();
                format!("{} ({})", nodes::name(n), taints.join(", "))
            })
            .collect();
        found.warnings.push(format!(
            "every node {} may run on has a taint they do not tolerate: {}{}; they stay Pending \
unless something adds a toleration",
            group.what,
            examples.join(", "),
            if candidates.len() > 3 { ", …" } else { "" }
        ));
    } else {
        candidates = untainted;
    }
    let requests = pod_requests(pod);
    let fitting: Vec<&Node> = candidates
        .iter()
        .copied()
        .filter(|n| short_of(&requests, n).is_empty())
        .collect();
    if fitting.is_empty() {
        found.problems.push(format!(
            "{} each request {}{}, more than any node they may run on can allocate: {}",
            group.what,
            show_all(&requests, None),
            workers_note(group.workers_per_pod),
            largest(&requests, &candidates)
        ));
        return None;
    }
    Some(fitting)
}

/// ` (2 workers per pod)` when a pod holds several workers.
fn workers_note(workers_per_pod: u32) -> String {
    match workers_per_pod {
        0 | 1 => String::new(),
        n => format!(" ({n} workers per pod)"),
    }
}

/// For each resource no candidate can hold, the most any candidate has: `cpu: at most 8 (node-0)`.
fn largest(requests: &Amounts, candidates: &[&Node]) -> String {
    let mut parts = Vec::new();
    for (name, want) in requests {
        let mut best: Option<(f64, &Node)> = None;
        for node in candidates {
            let have = super::requests::allocatable(node)
                .get(name)
                .copied()
                .unwrap_or(0.0);
            if best.is_none_or(|(most, _)| have > most) {
                best = Some((have, node));
            }
        }
        if let Some((have, node)) = best
            && have + 1e-9 < *want
        {
            parts.push(format!(
                "{name} {} at most ({})",
                show(name, have),
                nodes::name(node)
            ));
        }
    }
    if parts.is_empty() {
        return format!(
            "each of cpu, memory, … fits some node, but no single node of {} has all of them",
            candidates.len()
        );
    }
    parts.join(", ")
}

/// Why no schedulable node passes the pod's `nodeSelector` and required node affinity.
fn why_no_node_matches<'n>(
    pod: &PodSpec,
    all: &[&'n Node],
    schedulable: &[&'n Node],
    origin: Origin,
) -> String {
    fn with<'n>(nodes: &[&'n Node], test: &dyn Fn(&Node) -> bool) -> Vec<&'n Node> {
        nodes.iter().copied().filter(|n| test(n)).collect()
    }
    let requirements: Vec<NodeSelectorRequirement> = match nodes::required_terms(pod) {
        Some([term]) => term.match_expressions.clone().unwrap_or_default(),
        Some(terms) if !terms.is_empty() => {
            return format!(
                "no schedulable node matches any of its {} required node affinity terms",
                terms.len()
            );
        }
        _ => Vec::new(),
    };
    let selector: Vec<NodeSelectorRequirement> = pod
        .node_selector
        .iter()
        .flatten()
        .map(|(k, v)| NodeSelectorRequirement {
            key: k.clone(),
            operator: "In".to_string(),
            values: Some(vec![v.clone()]),
        })
        .collect();
    let requirements: Vec<NodeSelectorRequirement> =
        selector.into_iter().chain(requirements).collect();
    let label = |r: &NodeSelectorRequirement| match origin(r) {
        Some(from) => format!("{} ({from})", describe(r)),
        None => describe(r),
    };
    for r in &requirements {
        if with(all, &|n| nodes::satisfies(n, r)).is_empty() {
            return format!("no node has {}; {}", label(r), census(all, &r.key));
        }
    }
    for r in &requirements {
        if with(schedulable, &|n| nodes::satisfies(n, r)).is_empty() {
            let cordoned = with(all, &|n| nodes::satisfies(n, r));
            return format!(
                "the only nodes with {} ({}) are cordoned (`kubectl uncordon NODE`)",
                label(r),
                list_names(&cordoned)
            );
        }
    }
    let together = |n: &Node| requirements.iter().all(|r| nodes::satisfies(n, r));
    let labels: Vec<String> = requirements.iter().map(label).collect();
    let matching = with(all, &together);
    if !matching.is_empty() {
        return format!(
            "the only nodes with {} ({}) are cordoned (`kubectl uncordon NODE`)",
            labels.join(" and "),
            list_names(&matching)
        );
    }
    let each: Vec<String> = requirements
        .iter()
        .map(|r| {
            format!(
                "{} on {}",
                describe(r),
                list_names(&with(schedulable, &|n| nodes::satisfies(n, r)))
            )
        })
        .collect();
    format!(
        "no node has {} together: {}",
        labels.join(" and "),
        each.join("; ")
    )
}

/// Whether a pod affinity term binds the job's worker pods by node.
fn on_hostname(terms: Option<&Vec<PodAffinityTerm>>) -> bool {
    terms.is_some_and(|t| t.iter().any(|term| term.topology_key == HOSTNAME_LABEL))
}

/// Twister2's uniform mapping: `all-separate-nodes` needs a node per worker pod,
/// `all-same-node` one node holding every worker pod.
fn uniform_mapping(worker_fits: &[(&PodGroup, Vec<&Node>)], found: &mut PlacementFindings) {
    let Some((first, _)) = worker_fits.first() else {
        return;
    };
    let affinity = first.pod.affinity.as_ref();
    let separate = on_hostname(
        affinity
            .and_then(|a| a.pod_anti_affinity.as_ref())
            .and_then(|a| {
                a.required_during_scheduling_ignored_during_execution
                    .as_ref()
            }),
    );
    let same = on_hostname(
        affinity
            .and_then(|a| a.pod_affinity.as_ref())
            .and_then(|a| {
                a.required_during_scheduling_ignored_during_execution
                    .as_ref()
            }),
    );
    let pods: u32 = worker_fits.iter().map(|(g, _)| g.replicas).sum();
    if separate {
        let usable: BTreeSet<&str> = worker_fits
            .iter()
            .flat_map(|(_, fits)| fits.iter().map(|n| nodes::name(n)))
            .collect();
        if (usable.len() as u64) < u64::from(pods) {
            found.problems.push(format!(
                "the {pods} worker pods must each run on a node of their own (Twister2's uniform \
mapping all-separate-nodes), but only {} nodes can take one",
                usable.len()
            ));
        }
    }
    if same {
        let mut total = Amounts::new();
        for (group, _) in worker_fits {
            for (name, value) in times(&pod_requests(group.pod), group.replicas) {
                *total.entry(name).or_default() += value;
            }
        }
        let (_, first_fits) = &worker_fits[0];
        let common: Vec<&Node> = first_fits
            .iter()
            .copied()
            .filter(|n| {
                worker_fits
                    .iter()
                    .all(|(_, fits)| fits.iter().any(|f| nodes::name(f) == nodes::name(n)))
            })
            .collect();
        if common.is_empty() {
            found.problems.push(format!(
                "the {pods} worker pods must all run on one node (Twister2's uniform mapping \
all-same-node), but no node can take the pods of every compute resource"
            ));
        } else if !common.iter().any(|n| short_of(&total, n).is_empty()) {
            found.problems.push(format!(
                "the {pods} worker pods must all run on one node (Twister2's uniform mapping \
all-same-node) and together request {}, more than any node they may run on can allocate: {}",
                show_all(&total, Some(&["cpu", "memory", "pods"])),
                largest(&total, &common)
            ));
        }
    }
}
