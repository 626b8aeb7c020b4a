//! Rack and datacenter of nodes: `ENCODED_NODE_INFO_LIST` and Twister2's racks/datacenters lists.
//!
//! The value given to job pods is `ip,rack,dc;` triples with `null` for unknown parts, built
//! from node labels or from `twister2.resource.racks.list`/`twister2.resource.datacenters.list`,
//! which are checked here.

use std::collections::BTreeMap;
use std::fmt;

use k8s_openapi::api::core::v1::Node;

use super::config::Config;

/// Written for an unknown ip, rack or datacenter, as Twister2's `NodeInfoUtils` does.
pub const UNKNOWN: &str = "null";

/// Where one node is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NodeLocation {
    /// The node's InternalIP.
    pub ip: Option<String>,
    /// Its rack.
    pub rack: Option<String>,
    /// Its datacenter.
    pub datacenter: Option<String>,
}

/// Encodes locations as `ip,rack,dc;ip,rack,dc;` — every triple ends with `;`, unknown parts
/// are the literal `null`, and no locations give the empty string.
pub fn encode_node_info_list(nodes: &[NodeLocation]) -> String {
    let part = |v: &Option<String>| v.clone().unwrap_or_else(|| UNKNOWN.to_string());
    nodes
        .iter()
        .map(|n| format!("{},{},{};", part(&n.ip), part(&n.rack), part(&n.datacenter)))
        .collect()
}

/// Decodes an `ENCODED_NODE_INFO_LIST` value (e.g. to show what a running job was given).
pub fn decode_node_info_list(encoded: &str) -> Result<Vec<NodeLocation>, String> {
    let known = |s: &str| (s != UNKNOWN && !s.is_empty()).then(|| s.to_string());
    encoded
        .split(';')
        .filter(|triple| !triple.is_empty())
        .map(|triple| {
            let parts: Vec<&str> = triple.split(',').collect();
            match parts.as_slice() {
                [ip, rack, dc] => Ok(NodeLocation {
                    ip: known(ip),
                    rack: known(rack),
                    datacenter: known(dc),
                }),
                _ => Err(format!("'{triple}' is not an ip,rack,datacenter triple")),
            }
        })
        .collect()
}

/// What the plugin needs of a Kubernetes node.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NodeData {
    /// Node name.
    pub name: String,
    /// Its first `InternalIP` address.
    pub internal_ip: Option<String>,
    /// Its labels.
    pub labels: BTreeMap<String, String>,
}

impl NodeData {
    /// Takes the name, the first address of type `InternalIP` and the labels of a node.
    pub fn from_node(node: &Node) -> NodeData {
        let internal_ip = node
            .status
            .as_ref()
            .and_then(|s| s.addresses.as_ref())
            .and_then(|addresses| addresses.iter().find(|a| a.type_ == "InternalIP"))
            .map(|a| a.address.clone());
        NodeData {
            name: node.metadata.name.clone().unwrap_or_default(),
            internal_ip,
            labels: node.metadata.labels.clone().unwrap_or_default(),
        }
    }

    /// The value of the first label whose key equals `key` ignoring ASCII case (Twister2 compares
    /// label keys case-insensitively), in key order.
    pub fn label_ignoring_case(&self, key: &str) -> Option<&str> {
        self.labels
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }

    /// This node's location from its labels under the configured rack and datacenter keys
    /// (`twister2.resource.rack.labey.key`, `twister2.resource.datacenter.labey.key`); a key
    /// that is not configured gives an unknown part.
    pub fn location(&self, rack_key: Option<&str>, datacenter_key: Option<&str>) -> NodeLocation {
        let label = |key: Option<&str>| {
            key.and_then(|k| self.label_ignoring_case(k))
                .map(str::to_string)
        };
        NodeLocation {
            ip: self.internal_ip.clone(),
            rack: label(rack_key),
            datacenter: label(datacenter_key),
        }
    }
}

/// `ENCODED_NODE_INFO_LIST` from node labels (Twister2's default method), in the given order.
pub fn encode_from_nodes(
    nodes: &[NodeData],
    rack_key: Option<&str>,
    datacenter_key: Option<&str>,
) -> String {
    let locations: Vec<NodeLocation> = nodes
        .iter()
        .map(|n| n.location(rack_key, datacenter_key))
        .collect();
    encode_node_info_list(&locations)
}

/// A mistake in the racks/datacenters lists that makes them unusable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TopologyProblem {
    /// A node is listed under two racks.
    NodeInTwoRacks {
        /// The node address.
        node: String,
        /// The rack listed first.
        first: String,
        /// The other rack.
        second: String,
    },
    /// A rack is listed under two datacenters.
    RackInTwoDatacenters {
        /// The rack.
        rack: String,
        /// The datacenter listed first.
        first: String,
        /// The other datacenter.
        second: String,
    },
    /// A rack name appears twice in the racks list.
    DuplicateRack(String),
    /// A datacenter name appears twice in the datacenters list.
    DuplicateDatacenter(String),
    /// A name that cannot be encoded (empty, or containing `,`, `;` or whitespace).
    BadName {
        /// `rack`, `datacenter` or `node`.
        what: &'static str,
        /// The name.
        name: String,
    },
}

impl fmt::Display for TopologyProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TopologyProblem::NodeInTwoRacks {
                node,
                first,
                second,
            } => write!(f, "node {node} is in two racks: {first} and {second}"),
            TopologyProblem::RackInTwoDatacenters {
                rack,
                first,
                second,
            } => write!(f, "rack {rack} is in two datacenters: {first} and {second}"),
            TopologyProblem::DuplicateRack(rack) => {
                write!(f, "rack {rack} is listed twice in the racks list")
            }
            TopologyProblem::DuplicateDatacenter(dc) => {
                write!(f, "datacenter {dc} is listed twice in the datacenters list")
            }
            TopologyProblem::BadName { what, name } => write!(
                f,
                "{what} name '{name}' cannot be used: it must be non-empty and contain no ',', ';' or spaces"
            ),
        }
    }
}

/// Something suspicious in the lists that does not stop them from being used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TopologyWarning {
    /// A rack of the racks list is in no datacenter (its nodes get datacenter `null`).
    RackInNoDatacenter(String),
    /// A datacenter lists a rack that the racks list does not have.
    UnknownRack {
        /// The datacenter.
        datacenter: String,
        /// The rack it lists.
        rack: String,
    },
}

impl fmt::Display for TopologyWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TopologyWarning::RackInNoDatacenter(rack) => {
                write!(f, "rack {rack} is in no datacenter")
            }
            TopologyWarning::UnknownRack { datacenter, rack } => write!(
                f,
                "datacenter {datacenter} lists rack {rack}, which is not in the racks list"
            ),
        }
    }
}

/// Racks (→ node addresses) and datacenters (→ racks) from Twister2's config lists, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Topology {
    racks: Vec<(String, Vec<String>)>,
    datacenters: Vec<(String, Vec<String>)>,
    rack_of_node: BTreeMap<String, String>,
    datacenter_of_rack: BTreeMap<String, String>,
}

fn usable_name(name: &str) -> bool {
    !name.is_empty() && !name.contains([',', ';']) && !name.chars().any(char::is_whitespace)
}

impl Topology {
    /// Builds and checks the topology from `twister2.resource.racks.list` (rack → node
    /// addresses) and `twister2.resource.datacenters.list` (datacenter → racks), each as a list
    /// of (name, members) in file order. Errors (all of them at once): a node in two racks, a
    /// rack in two datacenters, a rack or datacenter listed twice, an unusable name. Warnings:
    /// a rack in no datacenter, a datacenter naming a rack the racks list lacks.
    pub fn from_lists(
        racks: &[(String, Vec<String>)],
        datacenters: &[(String, Vec<String>)],
    ) -> Result<(Topology, Vec<TopologyWarning>), Vec<TopologyProblem>> {
        let mut problems = Vec::new();
        let mut warnings = Vec::new();
        let mut rack_of_node: BTreeMap<String, String> = BTreeMap::new();
        let mut rack_names: Vec<&str> = Vec::new();
        for (rack, nodes) in racks {
            if !usable_name(rack) {
                problems.push(TopologyProblem::BadName {
                    what: "rack",
                    name: rack.clone(),
                });
            }
            if rack_names.contains(&rack.as_str()) {
                problems.push(TopologyProblem::DuplicateRack(rack.clone()));
            }
            rack_names.push(rack);
            for node in nodes {
                if !usable_name(node) {
                    problems.push(TopologyProblem::BadName {
                        what: "node",
                        name: node.clone(),
                    });
                }
                match rack_of_node.get(node) {
                    Some(first) if first != rack => {
                        problems.push(TopologyProblem::NodeInTwoRacks {
                            node: node.clone(),
                            first: first.clone(),
                            second: rack.clone(),
                        })
                    }
                    Some(_) => {}
                    None => {
                        rack_of_node.insert(node.clone(), rack.clone());
                    }
                }
            }
        }
        let mut datacenter_of_rack: BTreeMap<String, String> = BTreeMap::new();
        let mut dc_names: Vec<&str> = Vec::new();
        for (dc, dc_racks) in datacenters {
            if !usable_name(dc) {
                problems.push(TopologyProblem::BadName {
                    what: "datacenter",
                    name: dc.clone(),
                });
            }
            if dc_names.contains(&dc.as_str()) {
                problems.push(TopologyProblem::DuplicateDatacenter(dc.clone()));
            }
            dc_names.push(dc);
            for rack in dc_racks {
                if !rack_names.contains(&rack.as_str()) {
                    warnings.push(TopologyWarning::UnknownRack {
                        datacenter: dc.clone(),
                        rack: rack.clone(),
                    });
                }
                match datacenter_of_rack.get(rack) {
                    Some(first) if first != dc => {
                        problems.push(TopologyProblem::RackInTwoDatacenters {
                            rack: rack.clone(),
                            first: first.clone(),
                            second: dc.clone(),
                        })
                    }
                    Some(_) => {}
                    None => {
                        datacenter_of_rack.insert(rack.clone(), dc.clone());
                    }
                }
            }
        }
        for rack in &rack_names {
            if !datacenter_of_rack.contains_key(*rack) {
                warnings.push(TopologyWarning::RackInNoDatacenter(rack.to_string()));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok((
            Topology {
                racks: racks.to_vec(),
                datacenters: datacenters.to_vec(),
                rack_of_node,
                datacenter_of_rack,
            },
            warnings,
        ))
    }

    /// [`Topology::from_lists`] on a configuration's `twister2.resource.racks.list` and
    /// `twister2.resource.datacenters.list` (stale spellings already resolved by the loader),
    /// e.g. for `nodes label --from-config FILE`.
    pub fn from_config(
        config: &Config,
    ) -> Result<(Topology, Vec<TopologyWarning>), Vec<TopologyProblem>> {
        Topology::from_lists(&config.racks_list(), &config.datacenters_list())
    }

    /// The rack of a node address, if listed.
    pub fn rack_of(&self, node: &str) -> Option<&str> {
        self.rack_of_node.get(node).map(String::as_str)
    }

    /// The datacenter of a rack, if listed.
    pub fn datacenter_of(&self, rack: &str) -> Option<&str> {
        self.datacenter_of_rack.get(rack).map(String::as_str)
    }

    /// The location of a node address (the way a pod resolves its `HOST_IP` from config).
    pub fn location_of(&self, node: &str) -> NodeLocation {
        let rack = self.rack_of(node);
        NodeLocation {
            ip: Some(node.to_string()),
            rack: rack.map(str::to_string),
            datacenter: rack.and_then(|r| self.datacenter_of(r)).map(str::to_string),
        }
    }

    /// Racks and their node addresses, in list order.
    pub fn racks(&self) -> &[(String, Vec<String>)] {
        &self.racks
    }

    /// Datacenters and their racks, in list order.
    pub fn datacenters(&self) -> &[(String, Vec<String>)] {
        &self.datacenters
    }

    /// Every listed node's location, in list order.
    pub fn node_locations(&self) -> Vec<NodeLocation> {
        let mut seen = Vec::new();
        let mut out = Vec::new();
        for (_, nodes) in &self.racks {
            for node in nodes {
                if !seen.contains(&node) {
                    seen.push(node);
                    out.push(self.location_of(node));
                }
            }
        }
        out
    }

    /// `ENCODED_NODE_INFO_LIST` for every listed node.
    pub fn encode(&self) -> String {
        encode_node_info_list(&self.node_locations())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::{NodeAddress, NodeStatus};
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

    fn list(items: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    fn node(name: &str, ip: Option<&str>, labels: &[(&str, &str)]) -> NodeData {
        NodeData {
            name: name.to_string(),
            internal_ip: ip.map(str::to_string),
            labels: labels
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    #[test]
    fn encoding_format() {
        let nodes = [
            NodeLocation {
                ip: Some("10.0.0.1".into()),
                rack: Some("r1".into()),
                datacenter: Some("dc1".into()),
            },
            NodeLocation {
                ip: Some("10.0.0.2".into()),
                rack: None,
                datacenter: None,
            },
            NodeLocation::default(),
        ];
        let encoded = encode_node_info_list(&nodes);
        assert_eq!(
            encoded,
            "10.0.0.1,r1,dc1;10.0.0.2,null,null;null,null,null;"
        );
        assert_eq!(decode_node_info_list(&encoded).unwrap(), nodes);
        assert_eq!(encode_node_info_list(&[]), "");
        assert!(decode_node_info_list("a,b;").is_err());
    }

    #[test]
    fn labels_match_case_insensitively() {
        let nodes = [
            node(
                "n1",
                Some("10.0.0.1"),
                &[("Rack", "r1"), ("DataCenter", "dc1")],
            ),
            node("n2", Some("10.0.0.2"), &[("rack", "r2")]),
            node("n3", None, &[]),
        ];
        assert_eq!(
            encode_from_nodes(&nodes, Some("rack"), Some("datacenter")),
            "10.0.0.1,r1,dc1;10.0.0.2,r2,null;null,null,null;"
        );
        // keys not configured: rack and datacenter unknown
        assert_eq!(
            encode_from_nodes(&nodes[..1], None, None),
            "10.0.0.1,null,null;"
        );
    }

    #[test]
    fn from_k8s_node_takes_first_internal_ip() {
        let n = Node {
            metadata: ObjectMeta {
                name: Some("worker-1".into()),
                labels: Some(BTreeMap::from([("rack".to_string(), "r9".to_string())])),
                ..Default::default()
            },
            status: Some(NodeStatus {
                addresses: Some(vec![
                    NodeAddress {
                        type_: "Hostname".into(),
                        address: "worker-1".into(),
                    },
                    NodeAddress {
                        type_: "InternalIP".into(),
                        address: "192.168.1.5".into(),
                    },
                    NodeAddress {
                        type_: "InternalIP".into(),
                        address: "192.168.1.6".into(),
                    },
                ]),
                ..Default::default()
            }),
            ..Default::default()
        };
        let data = NodeData::from_node(&n);
        assert_eq!(data.name, "worker-1");
        assert_eq!(data.internal_ip.as_deref(), Some("192.168.1.5"));
        assert_eq!(
            encode_from_nodes(&[data], Some("RACK"), Some("datacenter")),
            "192.168.1.5,r9,null;"
        );
        assert_eq!(NodeData::from_node(&Node::default()).internal_ip, None);
    }

    #[test]
    fn topology_from_config_lists() {
        let racks = list(&[
            ("blue-rack", &["10.0.0.1", "10.0.0.2"]),
            ("green-rack", &["10.0.0.3"]),
        ]);
        let dcs = list(&[("echo", &["blue-rack", "green-rack"])]);
        let (topology, warnings) = Topology::from_lists(&racks, &dcs).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(topology.rack_of("10.0.0.3"), Some("green-rack"));
        assert_eq!(topology.datacenter_of("blue-rack"), Some("echo"));
        assert_eq!(
            topology.encode(),
            "10.0.0.1,blue-rack,echo;10.0.0.2,blue-rack,echo;10.0.0.3,green-rack,echo;"
        );
        assert_eq!(
            topology.location_of("10.9.9.9"),
            NodeLocation {
                ip: Some("10.9.9.9".into()),
                rack: None,
                datacenter: None
            }
        );
        assert_eq!(topology.racks().len(), 2);
        assert_eq!(topology.datacenters().len(), 1);
    }

    #[test]
    fn topology_errors_are_all_reported() {
        let racks = list(&[
            ("r1", &["10.0.0.1", "10.0.0.2"]),
            ("r2", &["10.0.0.2"]),
            ("r1", &[]),
            ("bad,rack", &["10.0.0.5"]),
        ]);
        let dcs = list(&[("dc1", &["r1"]), ("dc2", &["r1", "r2"]), ("dc2", &[])]);
        let problems = Topology::from_lists(&racks, &dcs).unwrap_err();
        for expected in [
            TopologyProblem::NodeInTwoRacks {
                node: "10.0.0.2".into(),
                first: "r1".into(),
                second: "r2".into(),
            },
            TopologyProblem::DuplicateRack("r1".into()),
            TopologyProblem::BadName {
                what: "rack",
                name: "bad,rack".into(),
            },
            TopologyProblem::RackInTwoDatacenters {
                rack: "r1".into(),
                first: "dc1".into(),
                second: "dc2".into(),
            },
            TopologyProblem::DuplicateDatacenter("dc2".into()),
        ] {
            assert!(
                problems.contains(&expected),
                "missing {expected:?} in {problems:?}"
            );
        }
        assert_eq!(problems.len(), 5, "{problems:?}");
        assert!(problems[0].to_string().contains("10.0.0.2"));
    }

    #[test]
    fn topology_from_a_config_file_with_stale_spellings() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("racks.yaml");
        std::fs::write(
            &file,
            "kubernetes.racks.list:\n  - r1: ['10.0.0.1']\n  - r2: ['10.0.0.1']\nkubernetes.datacenters.list:\n  - dc1: [r1, r2]\n",
        )
        .unwrap();
        let loaded =
            crate::twister2::config::Config::load(&crate::twister2::config::ConfigSources {
                files: vec![file],
                ..Default::default()
            })
            .unwrap();
        assert_eq!(loaded.warnings.len(), 2);
        let problems = Topology::from_config(&loaded.config).unwrap_err();
        assert_eq!(
            problems,
            vec![TopologyProblem::NodeInTwoRacks {
                node: "10.0.0.1".into(),
                first: "r1".into(),
                second: "r2".into()
            }]
        );
    }

    #[test]
    fn topology_warnings() {
        let racks = list(&[("r1", &["a"]), ("r2", &["b"])]);
        let dcs = list(&[("dc1", &["r1", "r3"])]);
        let (topology, warnings) = Topology::from_lists(&racks, &dcs).unwrap();
        assert_eq!(
            warnings,
            vec![
                TopologyWarning::UnknownRack {
                    datacenter: "dc1".into(),
                    rack: "r3".into()
                },
                TopologyWarning::RackInNoDatacenter("r2".into()),
            ]
        );
        assert_eq!(warnings[1].to_string(), "rack r2 is in no datacenter");
        assert_eq!(topology.encode(), "a,r1,dc1;b,r2,null;");
    }
}
