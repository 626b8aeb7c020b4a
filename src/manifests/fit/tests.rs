use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::Node;

use super::nodes::test_nodes::{cordoned, node, tainted};
use super::storage::test_classes::class;
use super::*;
use crate::manifests::job::render;
use crate::manifests::job::variants;
use crate::twister2::spec::UniformMapping;

fn check_with(spec: &JobSpec, nodes: Vec<Node>) -> Findings {
    let nodes = Lookup::Found(nodes);
    let classes = Lookup::Found(vec![class("twister2-nfs-storage", false)]);
    let claims = BTreeMap::new();
    check_job(
        &render(spec),
        spec,
        &ClusterView {
            namespace: "default",
            nodes: Some(&nodes),
            storage_classes: Some(&classes),
            claims: &claims,
        },
    )
}

fn zones() -> Vec<Node> {
    vec![
        node("e1", &[("zone", "east")], "8", "31Gi"),
        node("e2", &[("zone", "east")], "8", "31Gi"),
        node("e3", &[("zone", "east")], "8", "31Gi"),
        node("n1", &[("zone", "north")], "8", "31Gi"),
        node("n2", &[("zone", "north")], "8", "31Gi"),
    ]
}

fn target(spec: &mut JobSpec, text: &str) {
    spec.targets.push(text.parse().unwrap());
}

#[test]
fn a_job_that_fits_passes_without_a_word() {
    let found = check_with(&variants::plain(), zones());
    assert!(
        found.all_problems().is_empty(),
        "{:?}",
        found.all_problems()
    );
    assert!(found.warnings.is_empty(), "{:?}", found.warnings);
}

#[test]
fn a_target_no_node_carries_names_what_the_nodes_carry() {
    let mut spec = variants::plain();
    target(&mut spec, "zone=west");
    let problems = check_with(&spec, zones()).all_problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with(
            "the worker pods of u-hello-36cz77mu-0 cannot be placed: no node has zone=west \
(--target); nodes carry zone=east (3), zone=north (2)"
        ),
        "{problems:?}"
    );
    assert!(
        problems[0].ends_with(&format!("({SKIP_HINT})")),
        "{problems:?}"
    );
}

#[test]
fn cordoned_nodes_and_conjunctions_are_told_apart() {
    let mut spec = variants::plain();
    target(&mut spec, "zone=north");
    let mut nodes = zones();
    nodes[3] = cordoned(nodes[3].clone());
    nodes[4] = cordoned(nodes[4].clone());
    let problems = check_with(&spec, nodes).all_problems();
    assert!(
        problems[0].contains("the only nodes with zone=north (--target) (n1, n2) are cordoned"),
        "{problems:?}"
    );

    let mut spec = variants::plain();
    target(&mut spec, "zone=north");
    spec.placement.racks = vec!["r1".into()];
    let mut nodes = zones();
    nodes[0] = node("e1", &[("zone", "east"), ("rack", "r1")], "8", "31Gi");
    let problems = check_with(&spec, nodes).all_problems();
    assert!(
        problems[0].contains(
            "no node has zone=north (--target) and rack=r1 (--rack) together: zone=north on n1, \
n2; rack=r1 on e1"
        ),
        "{problems:?}"
    );

    let problems = check_with(
        &variants::plain(),
        zones().into_iter().map(cordoned).collect(),
    )
    .all_problems();
    assert!(
        problems[0].starts_with("every node (5) is cordoned"),
        "{problems:?}"
    );
}

#[test]
fn twister2_node_mapping_is_named_as_such() {
    let mut spec = variants::targets();
    spec.targets.clear();
    let problems = check_with(&spec, zones()).all_problems();
    assert!(
        problems[0].contains(
            "no node has kubernetes.io/hostname in (e012, e013) (Twister2's worker-to-node mapping)"
        ),
        "{problems:?}"
    );
}

#[test]
fn requests_beyond_every_matching_node_count_every_container() {
    let mut spec = variants::openmpi();
    spec.compute_resources[0].cpu = 5.0;
    let problems = check_with(&spec, zones()).all_problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains(
            "the worker pods of u-hello-36cz77mu-0 each request cpu 10, memory 2Gi (2 \
workers per pod), more than any node they may run on can allocate: cpu 8 at most (e1)"
        ),
        "{problems:?}"
    );
    // A node that can take it.
    let mut nodes = zones();
    nodes.push(node("big", &[], "16", "64Gi"));
    assert!(check_with(&spec, nodes).all_problems().is_empty());
}

#[test]
fn all_separate_nodes_needs_a_node_per_worker_pod() {
    let mut spec = variants::plain();
    spec.uniform_mapping = UniformMapping::AllSeparateNodes;
    spec.compute_resources[0].instances = 6;
    let problems = check_with(&spec, zones()).all_problems();
    assert!(
        problems[0].contains(
            "the 6 worker pods must each run on a node of their own (Twister2's uniform mapping \
all-separate-nodes), but only 5 nodes can take one"
        ),
        "{problems:?}"
    );
    spec.compute_resources[0].instances = 5;
    assert!(check_with(&spec, zones()).all_problems().is_empty());
}

#[test]
fn all_same_node_needs_one_node_for_every_worker_pod() {
    let mut spec = variants::plain();
    spec.uniform_mapping = UniformMapping::AllSameNode;
    spec.compute_resources[0].instances = 9;
    let problems = check_with(&spec, zones()).all_problems();
    assert!(
        problems[0].contains(
            "the 9 worker pods must all run on one node (Twister2's uniform mapping all-same-node) \
and together request cpu 9, memory 18Gi, pods 9"
        ),
        "{problems:?}"
    );
    spec.compute_resources[0].instances = 8;
    assert!(check_with(&spec, zones()).all_problems().is_empty());
}

#[test]
fn spread_needs_the_domain_label_and_taints_only_warn() {
    let mut spec = variants::spread();
    spec.placement.racks.clear();
    spec.placement.datacenters.clear();
    let problems = check_with(&spec, zones()).all_problems();
    assert!(
        problems[0].contains(
            "the worker pods of u-hello-36cz77mu-0 cannot be spread over rack (--spread): none \
of the 5 nodes they may run on carries that label"
        ),
        "{problems:?}"
    );
    let mut nodes = zones();
    nodes[0] = node("e1", &[("rack", "r1")], "8", "31Gi");
    assert!(check_with(&spec, nodes).all_problems().is_empty());

    let nodes = zones()
        .into_iter()
        .map(|n| tainted(n, "dedicated", "batch"))
        .collect();
    let found = check_with(&variants::plain(), nodes);
    assert!(
        found.all_problems().is_empty(),
        "{:?}",
        found.all_problems()
    );
    assert!(
        found.warnings[0]
            .contains("has a taint they do not tolerate: e1 (dedicated=batch:NoSchedule)"),
        "{:?}",
        found.warnings
    );
}

#[test]
fn no_nodes_is_a_warning_and_a_missing_class_a_scheduling_problem() {
    let found = check_with(&variants::plain(), Vec::new());
    assert!(found.all_problems().is_empty());
    assert!(
        found.warnings[0].contains("lists no nodes"),
        "{:?}",
        found.warnings
    );

    let mut spec = variants::persistent();
    if let Some(storage) = &mut spec.persistent_storage {
        storage.storage_class = Some("nosuch".into());
    }
    let found = check_with(&spec, zones());
    assert!(
        found.scheduling[0].contains(
            "StorageClass \"nosuch\" (for the job's claim) does not exist, so no volume would \
be provisioned and the pods would stay Pending: the cluster has twister2-nfs-storage; choose one \
with --storage-class NAME"
        ),
        "{:?}",
        found.scheduling
    );
}

#[test]
fn the_skipped_note_names_each_skipped_check_once() {
    assert_eq!(skipped_note(false, true, false, "t2"), None);
    let note = skipped_note(true, true, true, "t2").unwrap();
    assert!(note.contains("placement was not checked and the pods get no rack/datacenter"));
    assert!(note.contains("StorageClass of the job's claim was not checked"));
    assert!(note.ends_with(
        "`kubectl twister2 setup auth --nodes -n t2` grants these cluster-scoped reads"
    ));
    let note = skipped_note(true, false, false, "t2").unwrap();
    assert!(!note.contains("ENCODED_NODE_INFO_LIST"));
}
