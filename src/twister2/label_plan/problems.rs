//! Why a label plan is refused: each problem and its message.

use std::fmt;

use crate::twister2::node_info::TopologyProblem;

use super::warnings::PlanWarning;

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
