//! A cluster node as planning sees it and finding nodes by name or address.

use std::collections::HashMap;

use k8s_openapi::api::core::v1::Node;

use crate::twister2::names::HOSTNAME_LABEL;
use crate::twister2::node_info::NodeData;

use super::problems::PlanProblem;

/// What planning needs of a cluster node: its name, first InternalIP and labels (as Twister2
/// sees them), and every address it can be named by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClusterNode {
    /// Name, first InternalIP, labels.
    pub data: NodeData,
    /// Every `InternalIP` address.
    pub internal_ips: Vec<String>,
    /// Every `ExternalIP` address.
    pub external_ips: Vec<String>,
    /// `Hostname` addresses and the `kubernetes.io/hostname` label, without repeats.
    pub hostnames: Vec<String>,
}

impl ClusterNode {
    /// The facts of a Kubernetes Node.
    pub fn from_node(node: &Node) -> ClusterNode {
        let data = NodeData::from_node(node);
        let addresses = node
            .status
            .as_ref()
            .and_then(|s| s.addresses.as_deref())
            .unwrap_or_default();
        let of_type = |wanted: &str| -> Vec<String> {
            addresses
                .iter()
                .filter(|a| a.type_ == wanted && !a.address.is_empty())
                .map(|a| a.address.clone())
                .collect()
        };
        let mut hostnames = of_type("Hostname");
        if let Some(label) = data.labels.get(HOSTNAME_LABEL)
            && !label.is_empty()
            && !hostnames.contains(label)
        {
            hostnames.push(label.clone());
        }
        ClusterNode {
            internal_ips: of_type("InternalIP"),
            external_ips: of_type("ExternalIP"),
            hostnames,
            data,
        }
    }

    /// The node's name.
    pub fn name(&self) -> &str {
        &self.data.name
    }

    /// Every text that names this node: name, addresses, hostnames.
    fn aliases(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.data.name.as_str())
            .chain(self.internal_ips.iter().map(String::as_str))
            .chain(self.external_ips.iter().map(String::as_str))
            .chain(self.hostnames.iter().map(String::as_str))
    }
}

/// Finds nodes by name or address.
pub(super) struct NodeIndex<'a> {
    nodes: &'a [ClusterNode],
    by_alias: HashMap<String, Vec<usize>>,
}

impl<'a> NodeIndex<'a> {
    pub(super) fn new(nodes: &'a [ClusterNode]) -> Self {
        let mut by_alias: HashMap<String, Vec<usize>> = HashMap::with_capacity(nodes.len() * 4);
        for (i, node) in nodes.iter().enumerate() {
            for alias in node.aliases() {
                let entry = by_alias.entry(alias.to_ascii_lowercase()).or_default();
                if !entry.contains(&i) {
                    entry.push(i);
                }
            }
        }
        NodeIndex { nodes, by_alias }
    }

    /// The node `address` names; the problem when it names none or several.
    pub(super) fn find(&self, address: &str, rack: Option<&str>) -> Result<usize, PlanProblem> {
        match self
            .by_alias
            .get(&address.to_ascii_lowercase())
            .map(Vec::as_slice)
        {
            Some([one]) => Ok(*one),
            Some(many) if !many.is_empty() => {
                // A node's own name wins over another node's address or hostname.
                let exact: Vec<usize> = many
                    .iter()
                    .copied()
                    .filter(|i| self.nodes[*i].data.name.eq_ignore_ascii_case(address))
                    .collect();
                match exact.as_slice() {
                    [one] => Ok(*one),
                    _ => Err(PlanProblem::AmbiguousNode {
                        address: address.to_string(),
                        nodes: many
                            .iter()
                            .map(|i| self.nodes[*i].data.name.clone())
                            .collect(),
                    }),
                }
            }
            _ => Err(PlanProblem::UnknownNode {
                address: address.to_string(),
                rack: rack.map(str::to_string),
            }),
        }
    }
}
