//! `nodes --tree`: the cluster's topology as a tree — datacenter → rack → node → the Twister2
//! pods on it — with nodes lacking labels in their own branches. Also the node/pod model the
//! `nodes` table and `-o json|yaml` print, and the natural name order they share. Pure.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Serialize;

/// What a Twister2 pod is to its job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PodRole {
    /// Carries `t2-wp`.
    Worker,
    /// Carries `t2-mp`.
    JobMaster,
    /// Any other pod labelled `app=twister2`.
    Other,
}

impl fmt::Display for PodRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PodRole::Worker => "worker",
            PodRole::JobMaster => "job master",
            PodRole::Other => "pod",
        })
    }
}

/// A Twister2 pod.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TopologyPod {
    /// Namespace.
    pub namespace: String,
    /// Pod name.
    pub name: String,
    /// jobID (`t2-job`).
    pub job: Option<String>,
    /// Worker, job master or other.
    pub role: PodRole,
    /// `status.phase` (`Pending`, `Running`, …).
    pub phase: String,
}

/// A node with its location and Twister2 pods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TopologyNode {
    /// Node name.
    pub name: String,
    /// First InternalIP (what Twister2 uses).
    pub internal_ip: Option<String>,
    /// First ExternalIP.
    pub external_ip: Option<String>,
    /// First hostname.
    pub hostname: Option<String>,
    /// Rack label value (key matched ignoring case, as Twister2 does).
    pub rack: Option<String>,
    /// Datacenter label value.
    pub datacenter: Option<String>,
    /// Status of the `Ready` condition: `True`, `False` or `Unknown`.
    pub ready: String,
    /// Twister2 pods scheduled on this node.
    pub twister2_pods: Vec<TopologyPod>,
}

/// Compares names so that digit runs compare as numbers: `node-2` < `node-10`.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let run = |s: &[u8]| s.iter().take_while(|c| c.is_ascii_digit()).count();
                let (la, lb) = (run(a), run(b));
                let (da, db) = (&a[..la], &b[..lb]);
                let trim = |d: &'_ [u8]| -> usize { d.iter().take_while(|c| **c == b'0').count() };
                let (sa, sb) = (&da[trim(da)..], &db[trim(db)..]);
                let order = sa
                    .len()
                    .cmp(&sb.len())
                    .then_with(|| sa.cmp(sb))
                    .then_with(|| la.cmp(&lb));
                if order != Ordering::Equal {
                    return order;
                }
                a = &a[la..];
                b = &b[lb..];
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(y);
                }
                a = &a[1..];
                b = &b[1..];
            }
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One line of the tree and its children.
struct Branch {
    label: String,
    children: Vec<Branch>,
}

impl Branch {
    fn leaf(label: String) -> Branch {
        Branch {
            label,
            children: Vec::new(),
        }
    }

    fn write(&self, prefix: &str, last: bool, top: bool, out: &mut String) {
        if top {
            out.push_str(&self.label);
        } else {
            out.push_str(prefix);
            out.push_str(if last { "└── " } else { "├── " });
            out.push_str(&self.label);
        }
        out.push('\n');
        let child_prefix = if top {
            String::new()
        } else {
            format!("{prefix}{}", if last { "    " } else { "│   " })
        };
        for (i, child) in self.children.iter().enumerate() {
            child.write(&child_prefix, i + 1 == self.children.len(), false, out);
        }
    }
}

fn pod_label(pod: &TopologyPod, show_namespace: bool) -> String {
    let name = if show_namespace {
        format!("{}/{}", pod.namespace, pod.name)
    } else {
        pod.name.clone()
    };
    let mut facts = vec![pod.role.to_string()];
    if let Some(job) = &pod.job {
        facts.push(format!("job {job}"));
    }
    if !pod.phase.is_empty() {
        facts.push(pod.phase.clone());
    }
    format!("{name} ({})", facts.join(", "))
}

fn sorted_pods(pods: &[TopologyPod]) -> Vec<&TopologyPod> {
    let mut pods: Vec<&TopologyPod> = pods.iter().collect();
    pods.sort_by(|a, b| {
        natural_cmp(&a.namespace, &b.namespace).then_with(|| natural_cmp(&a.name, &b.name))
    });
    pods
}

fn node_branch(node: &TopologyNode, show_namespace: bool) -> Branch {
    let mut label = node.name.clone();
    if let Some(ip) = &node.internal_ip {
        label.push_str(&format!(" {ip}"));
    }
    if node.ready != "True" {
        label.push_str(if node.ready == "False" {
            " NotReady"
        } else {
            " Ready=Unknown"
        });
    }
    Branch {
        label,
        children: sorted_pods(&node.twister2_pods)
            .into_iter()
            .map(|p| Branch::leaf(pod_label(p, show_namespace)))
            .collect(),
    }
}

fn sorted_nodes<'a>(nodes: impl Iterator<Item = &'a TopologyNode>) -> Vec<&'a TopologyNode> {
    let mut nodes: Vec<&TopologyNode> = nodes.collect();
    nodes.sort_by(|a, b| natural_cmp(&a.name, &b.name));
    nodes
}

/// Racks (a `None` rack last) → their nodes, in natural order.
fn rack_branches(nodes: &[&TopologyNode], show_namespace: bool) -> Vec<Branch> {
    let mut by_rack: BTreeMap<Option<&str>, Vec<&TopologyNode>> = BTreeMap::new();
    for node in nodes {
        by_rack.entry(node.rack.as_deref()).or_default().push(node);
    }
    let mut racks: Vec<(Option<&str>, Vec<&TopologyNode>)> = by_rack.into_iter().collect();
    racks.sort_by(|(a, _), (b, _)| match (a, b) {
        (Some(a), Some(b)) => natural_cmp(a, b),
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
    });
    racks
        .into_iter()
        .map(|(rack, members)| {
            let members = sorted_nodes(members.into_iter());
            let count = plural(members.len(), "node", "nodes");
            Branch {
                label: match rack {
                    Some(rack) => format!("rack {rack} ({count})"),
                    None => format!("no rack ({count})"),
                },
                children: members
                    .into_iter()
                    .map(|n| node_branch(n, show_namespace))
                    .collect(),
            }
        })
        .collect()
}

/// The tree text: one top-level branch per datacenter (natural order), then `no datacenter`
/// (racks without one), `unlabelled` (nodes with neither label) and `not on a node` (pods no
/// listed node holds). `show_namespace` prefixes pods with their namespace.
pub fn render(nodes: &[TopologyNode], unplaced: &[TopologyPod], show_namespace: bool) -> String {
    let mut by_dc: BTreeMap<&str, Vec<&TopologyNode>> = BTreeMap::new();
    let mut no_dc: Vec<&TopologyNode> = Vec::new();
    let mut unlabelled: Vec<&TopologyNode> = Vec::new();
    for node in nodes {
        match (&node.datacenter, &node.rack) {
            (Some(dc), _) => by_dc.entry(dc).or_default().push(node),
            (None, Some(_)) => no_dc.push(node),
            (None, None) => unlabelled.push(node),
        }
    }
    let mut dcs: Vec<(&str, Vec<&TopologyNode>)> = by_dc.into_iter().collect();
    dcs.sort_by(|(a, _), (b, _)| natural_cmp(a, b));
    let mut top: Vec<Branch> = Vec::new();
    let summary = |members: &[&TopologyNode]| {
        let racks: BTreeSet<&str> = members.iter().filter_map(|n| n.rack.as_deref()).collect();
        format!(
            "{}, {}",
            plural(racks.len(), "rack", "racks"),
            plural(members.len(), "node", "nodes")
        )
    };
    for (dc, members) in dcs {
        top.push(Branch {
            label: format!("datacenter {dc} ({})", summary(&members)),
            children: rack_branches(&members, show_namespace),
        });
    }
    if !no_dc.is_empty() {
        top.push(Branch {
            label: format!("no datacenter ({})", summary(&no_dc)),
            children: rack_branches(&no_dc, show_namespace),
        });
    }
    if !unlabelled.is_empty() {
        let members = sorted_nodes(unlabelled.into_iter());
        top.push(Branch {
            label: format!("unlabelled ({})", plural(members.len(), "node", "nodes")),
            children: members
                .into_iter()
                .map(|n| node_branch(n, show_namespace))
                .collect(),
        });
    }
    if !unplaced.is_empty() {
        top.push(Branch {
            label: format!("not on a node ({})", plural(unplaced.len(), "pod", "pods")),
            children: sorted_pods(unplaced)
                .into_iter()
                .map(|p| Branch::leaf(pod_label(p, show_namespace)))
                .collect(),
        });
    }
    let mut out = String::new();
    for branch in &top {
        branch.write("", true, true, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(name: &str, job: &str, role: PodRole, phase: &str) -> TopologyPod {
        TopologyPod {
            namespace: "default".into(),
            name: name.into(),
            job: Some(job.into()),
            role,
            phase: phase.into(),
        }
    }

    fn node(
        i: usize,
        rack: Option<&str>,
        dc: Option<&str>,
        pods: Vec<TopologyPod>,
    ) -> TopologyNode {
        TopologyNode {
            name: format!("node-{i}"),
            internal_ip: Some(format!("10.0.0.{}", i + 1)),
            external_ip: None,
            hostname: None,
            rack: rack.map(str::to_string),
            datacenter: dc.map(str::to_string),
            ready: if i == 3 {
                "False".into()
            } else {
                "True".into()
            },
            twister2_pods: pods,
        }
    }

    fn cluster() -> (Vec<TopologyNode>, Vec<TopologyPod>) {
        let nodes = vec![
            node(10, Some("r1"), Some("dc1"), vec![]),
            node(
                2,
                Some("r1"),
                Some("dc1"),
                vec![
                    pod("u-wc-1-jm-0", "u-wc-1", PodRole::JobMaster, "Running"),
                    pod("u-wc-1-0-0", "u-wc-1", PodRole::Worker, "Running"),
                ],
            ),
            node(3, Some("r2"), Some("dc1"), vec![]),
            node(4, None, Some("dc1"), vec![]),
            node(5, Some("r9"), None, vec![]),
            node(
                6,
                None,
                None,
                vec![pod("u-wc-1-0-1", "u-wc-1", PodRole::Worker, "Running")],
            ),
            node(7, None, None, vec![]),
            node(8, Some("r3"), Some("dc0"), vec![]),
        ];
        let unplaced = vec![pod("u-wc-1-0-2", "u-wc-1", PodRole::Worker, "Pending")];
        (nodes, unplaced)
    }

    #[test]
    fn tree_snapshot() {
        let (nodes, unplaced) = cluster();
        insta::assert_snapshot!(render(&nodes, &unplaced, false));
    }

    #[test]
    fn tree_structure() {
        let (nodes, unplaced) = cluster();
        let text = render(&nodes, &unplaced, true);
        let lines: Vec<&str> = text.lines().collect();
        // dc0 before dc1; unlabelled and unscheduled last
        assert_eq!(lines[0], "datacenter dc0 (1 rack, 1 node)");
        assert!(
            lines.contains(&"datacenter dc1 (2 racks, 4 nodes)"),
            "{text}"
        );
        assert!(lines.contains(&"no datacenter (1 rack, 1 node)"), "{text}");
        assert!(lines.contains(&"unlabelled (2 nodes)"), "{text}");
        assert_eq!(lines[lines.len() - 2], "not on a node (1 pod)");
        assert_eq!(
            lines[lines.len() - 1],
            "└── default/u-wc-1-0-2 (worker, job u-wc-1, Pending)"
        );
        // node-2 before node-10, and its pods beneath it
        let n2 = text.find("node-2 10.0.0.3").unwrap();
        let n10 = text.find("node-10 10.0.0.11").unwrap();
        assert!(n2 < n10, "{text}");
        assert!(text.contains("│   │   ├── default/u-wc-1-0-0 (worker, job u-wc-1, Running)"));
        assert!(text.contains("node-3 10.0.0.4 NotReady"));
        assert_eq!(render(&[], &[], false), "");
    }

    #[test]
    fn natural_order() {
        let mut names = vec!["node-10", "node-2", "node-1", "node-02", "a", "node-1a"];
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            names,
            vec!["a", "node-1", "node-1a", "node-2", "node-02", "node-10"]
        );
        assert_eq!(natural_cmp("x", "x"), Ordering::Equal);
    }
}
