//! Planning `nodes label` and `nodes unlabel`: from the cluster's nodes and the input (flags, or a
//! Twister2 config's racks/datacenters lists) to the label changes, with kubectl's overwrite rules
//! and every validation problem found at once. Pure: no I/O.
//!
//! Addresses in the input match a node by its name, an `InternalIP` or `ExternalIP` address, a
//! `Hostname` address or its `kubernetes.io/hostname` label (ignoring ASCII case). A plan is only
//! produced when nothing is wrong: an address matching no node (or several), a node in two racks,
//! a rack in two datacenters (in the input, or in the cluster once the plan is applied), an
//! existing different value without `--overwrite`, or a key or value that is not a valid label.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use k8s_openapi::api::core::v1::Node;
use serde_json::{Map, Value, json};

use super::config::Config;
use super::node_info::{NodeData, Topology, TopologyProblem, TopologyWarning};
use super::spec::{is_label_value, is_qualified_name};

/// Rack label key when neither a flag nor the configuration names one.
pub const DEFAULT_RACK_KEY: &str = "rack";
/// Datacenter label key when neither a flag nor the configuration names one.
pub const DEFAULT_DATACENTER_KEY: &str = "datacenter";
/// The label kubelet sets to the node's host name.
pub const HOSTNAME_LABEL: &str = "kubernetes.io/hostname";

/// The node label keys holding the rack and the datacenter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelKeys {
    /// Rack key.
    pub rack: String,
    /// Datacenter key.
    pub datacenter: String,
}

impl Default for LabelKeys {
    fn default() -> Self {
        LabelKeys {
            rack: DEFAULT_RACK_KEY.to_string(),
            datacenter: DEFAULT_DATACENTER_KEY.to_string(),
        }
    }
}

impl LabelKeys {
    /// Flag, else the configuration's `twister2.resource.{rack,datacenter}.labey.key`, else
    /// `rack` and `datacenter`.
    pub fn resolve(
        rack_flag: Option<&str>,
        datacenter_flag: Option<&str>,
        config: Option<&Config>,
    ) -> LabelKeys {
        let rack = rack_flag
            .or_else(|| config.and_then(Config::rack_label_key))
            .unwrap_or(DEFAULT_RACK_KEY);
        let datacenter = datacenter_flag
            .or_else(|| config.and_then(Config::datacenter_label_key))
            .unwrap_or(DEFAULT_DATACENTER_KEY);
        LabelKeys {
            rack: rack.to_string(),
            datacenter: datacenter.to_string(),
        }
    }

    /// Problems with the keys: not a valid label key, or both the same.
    pub fn problems(&self) -> Vec<PlanProblem> {
        let mut problems = Vec::new();
        for (what, key) in [("rack", &self.rack), ("datacenter", &self.datacenter)] {
            if !is_qualified_name(key) {
                problems.push(PlanProblem::BadKey {
                    what,
                    key: key.clone(),
                });
            }
        }
        if self.rack == self.datacenter {
            problems.push(PlanProblem::SameKeys(self.rack.clone()));
        }
        problems
    }
}

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

/// What `nodes label` was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabelRequest {
    /// `--rack R [--datacenter D] NODE...` (at least one of rack and datacenter).
    Assign {
        /// The rack to set.
        rack: Option<String>,
        /// The datacenter to set.
        datacenter: Option<String>,
        /// Node names or addresses.
        nodes: Vec<String>,
    },
    /// `--from-config FILE`: `twister2.resource.racks.list` (rack → node addresses) and
    /// `twister2.resource.datacenters.list` (datacenter → racks), in file order.
    Lists {
        /// Racks and their node addresses.
        racks: Vec<(String, Vec<String>)>,
        /// Datacenters and their racks.
        datacenters: Vec<(String, Vec<String>)>,
    },
}

/// Which nodes `nodes unlabel` works on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnlabelTargets {
    /// `--all`: every node carrying one of the labels.
    All,
    /// Node names or addresses.
    Nodes(Vec<String>),
}

/// One label of one node, before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelChange {
    /// Node name.
    pub node: String,
    /// Label key.
    pub key: String,
    /// Value before (`None`: absent).
    pub old: Option<String>,
    /// Value after (`None`: removed or still absent).
    pub new: Option<String>,
}

/// The merge patch of one node's labels: a value sets the key, `None` removes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodePatch {
    /// Node name.
    pub node: String,
    /// Label key → new value (`None` removes).
    pub labels: BTreeMap<String, Option<String>>,
}

impl NodePatch {
    /// The JSON merge patch body: `{"metadata":{"labels":{key: value-or-null}}}` — labels only.
    pub fn merge_patch(&self) -> Value {
        let labels: Map<String, Value> = self
            .labels
            .iter()
            .map(|(k, v)| (k.clone(), v.clone().map_or(Value::Null, Value::String)))
            .collect();
        json!({"metadata": {"labels": labels}})
    }

    /// `node` as JSON with this patch applied to its labels (what the server would store).
    pub fn apply_to(&self, node: &Value) -> Value {
        let mut out = node.clone();
        if !out["metadata"]["labels"].is_object() {
            out["metadata"]["labels"] = Value::Object(Map::new());
        }
        if let Some(labels) = out["metadata"]["labels"].as_object_mut() {
            for (key, value) in &self.labels {
                match value {
                    Some(v) => {
                        labels.insert(key.clone(), Value::String(v.clone()));
                    }
                    None => {
                        labels.remove(key);
                    }
                }
            }
        }
        out
    }
}

/// A checked plan: what changes, what already holds its value, and what to tell the user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LabelPlan {
    /// Labels that change, in node order then rack before datacenter.
    pub changes: Vec<LabelChange>,
    /// Labels that already hold the wanted value (label) or are already absent on a named
    /// node (unlabel).
    pub unchanged: Vec<LabelChange>,
    /// Things worth knowing that do not stop the plan.
    pub warnings: Vec<PlanWarning>,
}

impl LabelPlan {
    /// One merge patch per node that changes, in node order.
    pub fn patches(&self) -> Vec<NodePatch> {
        let mut out: Vec<NodePatch> = Vec::new();
        for change in &self.changes {
            match out.last_mut() {
                Some(last) if last.node == change.node => {
                    last.labels.insert(change.key.clone(), change.new.clone());
                }
                _ => out.push(NodePatch {
                    node: change.node.clone(),
                    labels: BTreeMap::from([(change.key.clone(), change.new.clone())]),
                }),
            }
        }
        out
    }

    /// Nodes named by the input on which nothing changes (kubectl's `not labeled`), in order.
    pub fn nodes_unchanged(&self) -> Vec<String> {
        let changed: BTreeSet<&str> = self.changes.iter().map(|c| c.node.as_str()).collect();
        let mut out: Vec<String> = Vec::new();
        for c in &self.unchanged {
            if !changed.contains(c.node.as_str()) && out.last() != Some(&c.node) {
                out.push(c.node.clone());
            }
        }
        out
    }
}

/// Why a plan cannot be carried out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanProblem {
    /// A mistake in the racks/datacenters lists (as Twister2 reads them).
    Topology(TopologyProblem),
    /// An address or name that matches no node.
    UnknownNode {
        /// The address as given.
        address: String,
        /// The rack it was listed under, if any.
        rack: Option<String>,
    },
    /// An address that names several nodes.
    AmbiguousNode {
        /// The address as given.
        address: String,
        /// The nodes it names.
        nodes: Vec<String>,
    },
    /// One node listed under two racks through different addresses.
    NodeInTwoRacks {
        /// Node name.
        node: String,
        /// (rack, address) first seen.
        first: (String, String),
        /// (rack, address) seen next.
        second: (String, String),
    },
    /// After the plan, nodes of one rack would carry different datacenters.
    RackInTwoDatacenters {
        /// The rack.
        rack: String,
        /// Each datacenter and (some of) its nodes in that rack.
        datacenters: Vec<(String, Vec<String>)>,
    },
    /// The key already has a different value and `--overwrite` was not given.
    AlreadySet {
        /// Node name.
        node: String,
        /// Label key.
        key: String,
        /// Current value.
        old: String,
        /// Wanted value.
        new: String,
    },
    /// A label key that Kubernetes would refuse.
    BadKey {
        /// `rack` or `datacenter`.
        what: &'static str,
        /// The key.
        key: String,
    },
    /// The rack and datacenter keys are the same.
    SameKeys(String),
    /// A rack or datacenter name that cannot be a label value.
    BadValue {
        /// `rack` or `datacenter`.
        what: &'static str,
        /// The name.
        value: String,
    },
}

/// A plan refused: every problem, and the warnings found on the way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rejected {
    /// Why nothing can be changed.
    pub problems: Vec<PlanProblem>,
    /// Things worth knowing anyway.
    pub warnings: Vec<PlanWarning>,
}

/// How many node names a message lists before "and N more".
const NAMES_SHOWN: usize = 5;

fn some_names(names: &[String]) -> String {
    let shown: Vec<&str> = names.iter().take(NAMES_SHOWN).map(String::as_str).collect();
    let more = names.len().saturating_sub(NAMES_SHOWN);
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

impl fmt::Display for PlanProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanProblem::Topology(p) => write!(f, "{p}"),
            PlanProblem::UnknownNode { address, rack } => {
                write!(f, "'{address}'")?;
                if let Some(rack) = rack {
                    write!(f, " (rack {rack})")?;
                }
                write!(
                    f,
                    " matches no node's name, InternalIP, ExternalIP or hostname"
                )
            }
            PlanProblem::AmbiguousNode { address, nodes } => write!(
                f,
                "'{address}' names several nodes ({}); use the node name",
                nodes.join(", ")
            ),
            PlanProblem::NodeInTwoRacks {
                node,
                first,
                second,
            } => write!(
                f,
                "node {node} is in two racks: {} (as {}) and {} (as {})",
                first.0, first.1, second.0, second.1
            ),
            PlanProblem::RackInTwoDatacenters { rack, datacenters } => {
                let parts: Vec<String> = datacenters
                    .iter()
                    .map(|(dc, nodes)| format!("{dc} ({})", some_names(nodes)))
                    .collect();
                write!(
                    f,
                    "rack {rack} would be in {} datacenters: {}",
                    datacenters.len(),
                    parts.join(" and ")
                )
            }
            PlanProblem::AlreadySet {
                node,
                key,
                old,
                new,
            } => write!(
                f,
                "node {node}: '{key}' already has a value ({old}), and --overwrite is false (wanted {new})"
            ),
            PlanProblem::BadKey { what, key } => write!(
                f,
                "{what} label key '{key}' is not a valid label key (an optional DNS-subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)"
            ),
            PlanProblem::SameKeys(key) => write!(
                f,
                "the rack and datacenter label keys are both '{key}'; they must differ"
            ),
            PlanProblem::BadValue { what, value } => write!(
                f,
                "{what} name '{value}' cannot be a label value (1 to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)"
            ),
        }
    }
}

/// Something worth knowing that does not stop the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanWarning {
    /// From the racks/datacenters lists (a rack in no datacenter, an unknown rack).
    Topology(TopologyWarning),
    /// The node has a label whose key differs from the configured one only in case; Twister2
    /// matches keys ignoring case, so it may read that one instead.
    CaseTwin {
        /// Node name.
        node: String,
        /// The other key.
        key: String,
        /// Its value.
        value: String,
        /// The configured key.
        configured: String,
    },
}

impl fmt::Display for PlanWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanWarning::Topology(TopologyWarning::RackInNoDatacenter(rack)) => write!(
                f,
                "rack {rack} is in no datacenter: its nodes' datacenter labels are left as they are"
            ),
            PlanWarning::Topology(w) => write!(f, "{w}"),
            PlanWarning::CaseTwin {
                node,
                key,
                value,
                configured,
            } => write!(
                f,
                "node {node} also has label '{key}={value}'; Twister2 matches label keys ignoring case, so it may read that instead of '{configured}' (remove it with `kubectl label node {node} {key}-`)"
            ),
        }
    }
}

/// Finds nodes by name or address.
struct NodeIndex<'a> {
    nodes: &'a [ClusterNode],
    by_alias: HashMap<String, Vec<usize>>,
}

impl<'a> NodeIndex<'a> {
    fn new(nodes: &'a [ClusterNode]) -> Self {
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
    fn find(&self, address: &str, rack: Option<&str>) -> Result<usize, PlanProblem> {
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

/// What one node should carry: `Some` sets the key, `None` leaves it alone.
#[derive(Debug, Clone, Default)]
struct Wanted {
    rack: Option<String>,
    datacenter: Option<String>,
}

/// The problems of `--rack`/`--datacenter` values given on the command line, which need no
/// node list: checked before the first request.
pub fn assigned_value_problems(request: &LabelRequest) -> Vec<PlanProblem> {
    let LabelRequest::Assign {
        rack, datacenter, ..
    } = request
    else {
        return Vec::new();
    };
    [("rack", rack), ("datacenter", datacenter)]
        .into_iter()
        .filter_map(|(what, value)| {
            let value = value.as_deref()?;
            (value.is_empty() || !is_label_value(value)).then(|| PlanProblem::BadValue {
                what,
                value: value.to_string(),
            })
        })
        .collect()
}

/// Plans `nodes label`. `nodes` is the whole cluster (for matching addresses and for checking
/// that no rack ends up in two datacenters); the plan lists changes in the order of `nodes`.
pub fn plan_label(
    nodes: &[ClusterNode],
    keys: &LabelKeys,
    request: &LabelRequest,
    overwrite: bool,
) -> Result<LabelPlan, Rejected> {
    let mut problems = keys.problems();
    let mut warnings: Vec<PlanWarning> = Vec::new();
    let index = NodeIndex::new(nodes);
    let mut wanted: BTreeMap<usize, Wanted> = BTreeMap::new();
    let bad_value = |what: &'static str, value: &str| {
        (value.is_empty() || !is_label_value(value)).then(|| PlanProblem::BadValue {
            what,
            value: value.to_string(),
        })
    };
    problems.extend(assigned_value_problems(request));
    match request {
        LabelRequest::Assign {
            rack,
            datacenter,
            nodes: addresses,
        } => {
            for address in addresses {
                match index.find(address, None) {
                    Ok(i) => {
                        wanted.insert(
                            i,
                            Wanted {
                                rack: rack.clone(),
                                datacenter: datacenter.clone(),
                            },
                        );
                    }
                    Err(p) => problems.push(p),
                }
            }
        }
        LabelRequest::Lists { racks, datacenters } => {
            let reported_names: Vec<String> = match Topology::from_lists(racks, datacenters) {
                Ok((_, topology_warnings)) => {
                    warnings.extend(topology_warnings.into_iter().map(PlanWarning::Topology));
                    Vec::new()
                }
                Err(topology_problems) => {
                    warnings.extend(list_warnings(racks, datacenters));
                    let names = topology_problems
                        .iter()
                        .filter_map(|p| match p {
                            TopologyProblem::BadName { name, .. } => Some(name.clone()),
                            _ => None,
                        })
                        .collect();
                    problems.extend(topology_problems.into_iter().map(PlanProblem::Topology));
                    names
                }
            };
            let check_name = |what: &'static str, name: &str, problems: &mut Vec<_>| {
                if !reported_names.iter().any(|n| n == name)
                    && let Some(p) = bad_value(what, name)
                {
                    problems.push(p);
                }
            };
            let mut datacenter_of: BTreeMap<&str, &str> = BTreeMap::new();
            for (dc, dc_racks) in datacenters {
                check_name("datacenter", dc, &mut problems);
                for rack in dc_racks {
                    datacenter_of.entry(rack.as_str()).or_insert(dc.as_str());
                }
            }
            // node → (rack, address) it was first listed under
            let mut listed: BTreeMap<usize, (String, String)> = BTreeMap::new();
            for (rack, addresses) in racks {
                check_name("rack", rack, &mut problems);
                for address in addresses {
                    let i = match index.find(address, Some(rack)) {
                        Ok(i) => i,
                        Err(p) => {
                            problems.push(p);
                            continue;
                        }
                    };
                    match listed.get(&i) {
                        Some((first_rack, first_address)) if first_rack != rack => {
                            // The same address in two racks is reported by the topology check.
                            if first_address != address {
                                problems.push(PlanProblem::NodeInTwoRacks {
                                    node: nodes[i].data.name.clone(),
                                    first: (first_rack.clone(), first_address.clone()),
                                    second: (rack.clone(), address.clone()),
                                });
                            }
                        }
                        Some(_) => {}
                        None => {
                            listed.insert(i, (rack.clone(), address.clone()));
                            wanted.insert(
                                i,
                                Wanted {
                                    rack: Some(rack.clone()),
                                    datacenter: datacenter_of
                                        .get(rack.as_str())
                                        .map(|d| d.to_string()),
                                },
                            );
                        }
                    }
                }
            }
        }
    }
    problems.extend(split_racks(nodes, keys, &wanted));

    let mut plan = LabelPlan::default();
    for (&i, want) in &wanted {
        let node = &nodes[i];
        for (key, value) in [
            (&keys.rack, &want.rack),
            (&keys.datacenter, &want.datacenter),
        ] {
            let Some(new) = value else { continue };
            let old = node.data.labels.get(key.as_str());
            let change = LabelChange {
                node: node.data.name.clone(),
                key: key.clone(),
                old: old.cloned(),
                new: Some(new.clone()),
            };
            match old {
                Some(old) if old == new => plan.unchanged.push(change),
                Some(old) if !overwrite => problems.push(PlanProblem::AlreadySet {
                    node: node.data.name.clone(),
                    key: key.clone(),
                    old: old.clone(),
                    new: new.clone(),
                }),
                _ => plan.changes.push(change),
            }
            warnings.extend(case_twins(node, key));
        }
    }
    if !problems.is_empty() {
        return Err(Rejected { problems, warnings });
    }
    plan.warnings = warnings;
    Ok(plan)
}

/// The topology check's warnings for lists it refused (it returns them only for usable lists):
/// datacenters naming unknown racks, then racks in no datacenter.
fn list_warnings(
    racks: &[(String, Vec<String>)],
    datacenters: &[(String, Vec<String>)],
) -> Vec<PlanWarning> {
    let rack_names: BTreeSet<&str> = racks.iter().map(|(r, _)| r.as_str()).collect();
    let placed: BTreeSet<&str> = datacenters
        .iter()
        .flat_map(|(_, members)| members.iter().map(String::as_str))
        .collect();
    let mut out = Vec::new();
    for (dc, members) in datacenters {
        for rack in members.iter().filter(|r| !rack_names.contains(r.as_str())) {
            out.push(PlanWarning::Topology(TopologyWarning::UnknownRack {
                datacenter: dc.clone(),
                rack: rack.clone(),
            }));
        }
    }
    let mut seen = BTreeSet::new();
    for (rack, _) in racks {
        if !placed.contains(rack.as_str()) && seen.insert(rack.as_str()) {
            out.push(PlanWarning::Topology(TopologyWarning::RackInNoDatacenter(
                rack.clone(),
            )));
        }
    }
    out
}

/// Labels differing from `key` only in case, which Twister2 may read instead.
fn case_twins(node: &ClusterNode, key: &str) -> Vec<PlanWarning> {
    node.data
        .labels
        .iter()
        .filter(|(k, _)| k.as_str() != key && k.eq_ignore_ascii_case(key))
        .map(|(k, v)| PlanWarning::CaseTwin {
            node: node.data.name.clone(),
            key: k.clone(),
            value: v.clone(),
            configured: key.to_string(),
        })
        .collect()
}

/// Racks the plan touches that would, once applied, have nodes in different datacenters.
fn split_racks(
    nodes: &[ClusterNode],
    keys: &LabelKeys,
    wanted: &BTreeMap<usize, Wanted>,
) -> Vec<PlanProblem> {
    let final_value = |i: usize, key: &str, planned: Option<&String>| -> Option<String> {
        planned
            .cloned()
            .or_else(|| nodes[i].data.labels.get(key).cloned())
    };
    let touched: BTreeSet<String> = wanted
        .iter()
        .filter_map(|(&i, w)| final_value(i, &keys.rack, w.rack.as_ref()))
        .collect();
    if touched.is_empty() {
        return Vec::new();
    }
    // rack → datacenter → nodes, after the plan
    let mut seen: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    for (i, node) in nodes.iter().enumerate() {
        let want = wanted.get(&i);
        let Some(rack) = final_value(i, &keys.rack, want.and_then(|w| w.rack.as_ref())) else {
            continue;
        };
        if !touched.contains(&rack) {
            continue;
        }
        let Some(dc) = final_value(
            i,
            &keys.datacenter,
            want.and_then(|w| w.datacenter.as_ref()),
        ) else {
            continue;
        };
        seen.entry(rack)
            .or_default()
            .entry(dc)
            .or_default()
            .push(node.data.name.clone());
    }
    seen.into_iter()
        .filter(|(_, dcs)| dcs.len() > 1)
        .map(|(rack, dcs)| PlanProblem::RackInTwoDatacenters {
            rack,
            datacenters: dcs.into_iter().collect(),
        })
        .collect()
}

/// Plans `nodes unlabel`: removes the rack and/or datacenter key from the named nodes (or, with
/// [`UnlabelTargets::All`], from every node that has it). Absent labels on named nodes are
/// listed as unchanged, as kubectl reports `label "k" not found`.
pub fn plan_unlabel(
    nodes: &[ClusterNode],
    keys: &LabelKeys,
    rack: bool,
    datacenter: bool,
    targets: &UnlabelTargets,
) -> Result<LabelPlan, Rejected> {
    let mut problems = keys.problems();
    let (rack, datacenter) = if rack || datacenter {
        (rack, datacenter)
    } else {
        (true, true)
    };
    let selected: Vec<&String> = [(rack, &keys.rack), (datacenter, &keys.datacenter)]
        .into_iter()
        .filter_map(|(on, key)| on.then_some(key))
        .collect();
    let (chosen, report_absent): (BTreeSet<usize>, bool) = match targets {
        UnlabelTargets::All => ((0..nodes.len()).collect(), false),
        UnlabelTargets::Nodes(addresses) => {
            let index = NodeIndex::new(nodes);
            let mut chosen = BTreeSet::new();
            for address in addresses {
                match index.find(address, None) {
                    Ok(i) => {
                        chosen.insert(i);
                    }
                    Err(p) => problems.push(p),
                }
            }
            (chosen, true)
        }
    };
    if !problems.is_empty() {
        return Err(Rejected {
            problems,
            warnings: Vec::new(),
        });
    }
    let mut plan = LabelPlan::default();
    for i in chosen {
        let node = &nodes[i];
        for key in &selected {
            let change = LabelChange {
                node: node.data.name.clone(),
                key: (*key).clone(),
                old: node.data.labels.get(key.as_str()).cloned(),
                new: None,
            };
            if change.old.is_some() {
                plan.changes.push(change);
            } else if report_absent {
                plan.unchanged.push(change);
            }
        }
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::{NodeAddress, NodeStatus};
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

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
    fn keys_come_from_flags_then_config_then_defaults() {
        assert_eq!(LabelKeys::resolve(None, None, None), LabelKeys::default());
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("resource.yaml");
        std::fs::write(
            &file,
            "twister2.resource.rack.labey.key: example.com/rack\ntwister2.resource.datacenter.labey.key: example.com/dc\n",
        )
        .unwrap();
        let loaded = Config::load(&super::super::config::ConfigSources {
            files: vec![file],
            ..Default::default()
        })
        .unwrap();
        let keys = LabelKeys::resolve(None, None, Some(&loaded.config));
        assert_eq!(keys.rack, "example.com/rack");
        assert_eq!(keys.datacenter, "example.com/dc");
        let keys = LabelKeys::resolve(Some("r"), None, Some(&loaded.config));
        assert_eq!(keys.rack, "r");
        assert_eq!(keys.datacenter, "example.com/dc");
    }

    #[test]
    fn bad_keys_are_refused() {
        let keys = LabelKeys {
            rack: "bad key".into(),
            datacenter: "bad key".into(),
        };
        let problems = keys.problems();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[2].to_string().contains("must differ"));
        assert!(
            LabelKeys {
                rack: "topology.kubernetes.io/zone".into(),
                datacenter: "topology.kubernetes.io/region".into()
            }
            .problems()
            .is_empty()
        );
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
        assert!(
            matches!(&problems[0], PlanProblem::UnknownNode { address, .. } if address == "nope")
        );
    }

    #[test]
    fn patches_apply_to_node_json() {
        let patch = NodePatch {
            node: "n".into(),
            labels: BTreeMap::from([
                ("rack".to_string(), Some("r1".to_string())),
                ("datacenter".to_string(), None),
            ]),
        };
        let node = json!({"metadata": {"name": "n", "labels": {"datacenter": "x", "a": "b"}}});
        assert_eq!(
            patch.apply_to(&node)["metadata"]["labels"],
            json!({"a": "b", "rack": "r1"})
        );
        let bare = json!({"metadata": {"name": "n"}});
        assert_eq!(
            patch.apply_to(&bare)["metadata"]["labels"],
            json!({"rack": "r1"})
        );
    }
}
