//! Planning over a small cluster: matching nodes, overwrite rules, problems, unlabelling.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{Node, NodeAddress, NodeStatus};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde_json::json;

use crate::twister2::names::HOSTNAME_LABEL;
use crate::twister2::node_info::TopologyWarning;

use super::*;

fn node(i: usize, labels: &[(&str, &str)]) -> ClusterNode {
    let name = format!("node-{i}");
    let mut all: BTreeMap<String, String> = labels
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    all.insert(HOSTNAME_LABEL.into(), format!("host-{i}"));
    ClusterNode::from_node(&Node {
        metadata: ObjectMeta {
            name: Some(name),
            labels: Some(all),
            ..Default::default()
        },
        status: Some(NodeStatus {
            addresses: Some(vec![
                NodeAddress {
                    type_: "InternalIP".into(),
                    address: format!("10.0.0.{i}"),
                },
                NodeAddress {
                    type_: "ExternalIP".into(),
                    address: format!("203.0.113.{i}"),
                },
                NodeAddress {
                    type_: "Hostname".into(),
                    address: format!("host-{i}.example.org"),
                },
            ]),
            ..Default::default()
        }),
        ..Default::default()
    })
}

fn cluster(n: usize) -> Vec<ClusterNode> {
    (0..n).map(|i| node(i, &[])).collect()
}

fn lists(items: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
    items
        .iter()
        .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
        .collect()
}

fn assign(rack: Option<&str>, dc: Option<&str>, nodes: &[&str]) -> LabelRequest {
    LabelRequest::Assign {
        rack: rack.map(str::to_string),
        datacenter: dc.map(str::to_string),
        nodes: nodes.iter().map(|s| s.to_string()).collect(),
    }
}

fn change(node: &str, key: &str, old: Option<&str>, new: Option<&str>) -> LabelChange {
    LabelChange {
        node: node.into(),
        key: key.into(),
        old: old.map(str::to_string),
        new: new.map(str::to_string),
    }
}

#[test]
fn nodes_are_matched_by_name_ips_and_hostname() {
    let nodes = cluster(6);
    let request = assign(
        Some("r1"),
        Some("dc1"),
        &[
            "node-0",
            "10.0.0.1",
            "203.0.113.2",
            "host-3.example.org",
            "HOST-4",
            "NODE-5",
        ],
    );
    let plan = plan_label(&nodes, &LabelKeys::default(), &request, false).unwrap();
    assert_eq!(plan.changes.len(), 12);
    assert_eq!(plan.changes[0], change("node-0", "rack", None, Some("r1")));
    assert_eq!(
        plan.changes[1],
        change("node-0", "datacenter", None, Some("dc1"))
    );
    let patches = plan.patches();
    assert_eq!(patches.len(), 6);
    assert_eq!(patches[5].node, "node-5");
    assert_eq!(
        patches[0].merge_patch(),
        json!({"metadata": {"labels": {"rack": "r1", "datacenter": "dc1"}}})
    );
}

#[test]
fn overwrite_rules_follow_the_issue() {
    let nodes = vec![
        node(0, &[("rack", "r1")]),
        node(1, &[("rack", "r9")]),
        node(2, &[]),
    ];
    let keys = LabelKeys::default();
    let request = assign(Some("r1"), None, &["node-0", "node-1", "node-2"]);
    let problems = plan_label(&nodes, &keys, &request, false)
        .unwrap_err()
        .problems;
    assert_eq!(
        problems,
        vec![PlanProblem::AlreadySet {
            node: "node-1".into(),
            key: "rack".into(),
            old: "r9".into(),
            new: "r1".into()
        }]
    );
    assert!(problems[0].to_string().contains("--overwrite is false"));
    let plan = plan_label(&nodes, &keys, &request, true).unwrap();
    assert_eq!(
        plan.changes,
        vec![
            change("node-1", "rack", Some("r9"), Some("r1")),
            change("node-2", "rack", None, Some("r1")),
        ]
    );
    assert_eq!(
        plan.unchanged,
        vec![change("node-0", "rack", Some("r1"), Some("r1"))]
    );
    assert_eq!(plan.nodes_unchanged(), vec!["node-0".to_string()]);
}

#[test]
fn every_problem_is_reported_at_once() {
    let nodes = vec![
        node(0, &[("rack", "old")]),
        node(1, &[]),
        node(2, &[]),
        node(3, &[]),
    ];
    let request = LabelRequest::Lists {
        racks: lists(&[
            ("r1", &["node-0", "10.0.0.1", "10.9.9.9"]),
            ("r2", &["10.0.0.2", "host-1"]),
            ("r3", &["203.0.113.2"]),
            ("r-", &["node-3"]),
        ]),
        datacenters: lists(&[("dc1", &["r1", "r2"]), ("dc2", &["r2"])]),
    };
    let rejected = plan_label(&nodes, &LabelKeys::default(), &request, false).unwrap_err();
    assert_eq!(
        rejected.warnings,
        vec![
            PlanWarning::Topology(TopologyWarning::RackInNoDatacenter("r3".into())),
            PlanWarning::Topology(TopologyWarning::RackInNoDatacenter("r-".into())),
        ]
    );
    let problems = rejected.problems;
    let texts: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let has = |needle: &str| texts.iter().any(|t| t.contains(needle));
    assert!(
        has("rack r2 is in two datacenters: dc1 and dc2"),
        "{texts:#?}"
    );
    assert!(has("'10.9.9.9' (rack r1) matches no node"), "{texts:#?}");
    assert!(
        has("node node-1 is in two racks: r1 (as 10.0.0.1) and r2 (as host-1)"),
        "{texts:#?}"
    );
    assert!(
        has("node node-2 is in two racks: r2 (as 10.0.0.2) and r3 (as 203.0.113.2)"),
        "{texts:#?}"
    );
    assert!(has("rack name 'r-' cannot be a label value"), "{texts:#?}");
    assert!(has("'rack' already has a value (old)"), "{texts:#?}");
    assert_eq!(problems.len(), 6, "{texts:#?}");
}

#[test]
fn lists_label_racks_and_their_datacenters() {
    let nodes = cluster(4);
    let request = LabelRequest::Lists {
        racks: lists(&[
            ("r1", &["10.0.0.0", "10.0.0.1"]),
            ("r2", &["10.0.0.2"]),
            ("r3", &["node-3"]),
        ]),
        datacenters: lists(&[("dc1", &["r1", "r2"])]),
    };
    let plan = plan_label(&nodes, &LabelKeys::default(), &request, false).unwrap();
    assert_eq!(plan.changes.len(), 7);
    assert_eq!(plan.patches()[3].labels.len(), 1, "r3 is in no datacenter");
    assert_eq!(
        plan.warnings,
        vec![PlanWarning::Topology(TopologyWarning::RackInNoDatacenter(
            "r3".into()
        ))]
    );
    assert!(plan.warnings[0].to_string().contains("left as they are"));
}

#[test]
fn a_rack_split_over_datacenters_in_the_cluster_is_refused() {
    let nodes = vec![
        node(0, &[("rack", "r1"), ("datacenter", "dc-old")]),
        node(1, &[]),
        node(2, &[("rack", "r7"), ("datacenter", "dc9")]),
    ];
    let request = assign(Some("r1"), Some("dc1"), &["node-1"]);
    let problems = plan_label(&nodes, &LabelKeys::default(), &request, true)
        .unwrap_err()
        .problems;
    assert_eq!(
        problems,
        vec![PlanProblem::RackInTwoDatacenters {
            rack: "r1".into(),
            datacenters: vec![
                ("dc-old".into(), vec!["node-0".into()]),
                ("dc1".into(), vec!["node-1".into()])
            ]
        }]
    );
    assert_eq!(
        problems[0].to_string(),
        "rack r1 would be in 2 datacenters: dc-old (node-0) and dc1 (node-1)"
    );
    // moving the whole rack is fine
    let request = assign(Some("r1"), Some("dc1"), &["node-0", "node-1"]);
    assert!(plan_label(&nodes, &LabelKeys::default(), &request, true).is_ok());
}

#[test]
fn ambiguous_addresses_prefer_node_names() {
    let mut nodes = cluster(2);
    // node-1's hostname is node-0: "node-0" still means node-0 (its own name) …
    nodes[1].hostnames.push("node-0".into());
    // … but an address two nodes share is refused.
    nodes[1].internal_ips.push("10.0.0.0".into());
    let ok = assign(Some("r"), None, &["node-0"]);
    let plan = plan_label(&nodes, &LabelKeys::default(), &ok, false).unwrap();
    assert_eq!(plan.changes[0].node, "node-0");
    let bad = assign(Some("r"), None, &["10.0.0.0"]);
    let problems = plan_label(&nodes, &LabelKeys::default(), &bad, false)
        .unwrap_err()
        .problems;
    assert_eq!(
        problems,
        vec![PlanProblem::AmbiguousNode {
            address: "10.0.0.0".into(),
            nodes: vec!["node-0".into(), "node-1".into()]
        }]
    );
}

#[test]
fn bad_values_and_case_twins() {
    let nodes = vec![node(0, &[("Rack", "x")])];
    let bad = assign(Some("no spaces"), Some(""), &["node-0"]);
    let problems = plan_label(&nodes, &LabelKeys::default(), &bad, false)
        .unwrap_err()
        .problems;
    assert_eq!(problems.len(), 2, "{problems:?}");
    let plan = plan_label(
        &nodes,
        &LabelKeys::default(),
        &assign(Some("r1"), None, &["node-0"]),
        false,
    )
    .unwrap();
    assert_eq!(plan.warnings.len(), 1);
    assert!(plan.warnings[0].to_string().contains("'Rack=x'"));
}

#[test]
fn unlabel_named_nodes_and_all() {
    let nodes = vec![
        node(0, &[("rack", "r1"), ("datacenter", "dc1")]),
        node(1, &[("rack", "r1")]),
        node(2, &[]),
    ];
    let keys = LabelKeys::default();
    let plan = plan_unlabel(
        &nodes,
        &keys,
        false,
        false,
        &UnlabelTargets::Nodes(vec!["node-1".into(), "10.0.0.2".into()]),
    )
    .unwrap();
    assert_eq!(
        plan.changes,
        vec![change("node-1", "rack", Some("r1"), None)]
    );
    assert_eq!(plan.unchanged.len(), 3);
    assert_eq!(
        plan.patches()[0].merge_patch(),
        json!({"metadata": {"labels": {"rack": null}}})
    );
    let plan = plan_unlabel(&nodes, &keys, false, true, &UnlabelTargets::All).unwrap();
    assert_eq!(
        plan.changes,
        vec![change("node-0", "datacenter", Some("dc1"), None)]
    );
    assert!(plan.unchanged.is_empty());
    let problems = plan_unlabel(
        &nodes,
        &keys,
        true,
        false,
        &UnlabelTargets::Nodes(vec!["nope".into()]),
    )
    .unwrap_err()
    .problems;
    assert!(matches!(&problems[0], PlanProblem::UnknownNode { address, .. } if address == "nope"));
}
