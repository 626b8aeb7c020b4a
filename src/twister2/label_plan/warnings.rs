//! What a label plan warns about without being stopped by it.

use std::fmt;

use crate::twister2::node_info::TopologyWarning;

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
