//! Worker pod placement: `--target`, racks, datacenters, `--spread`, Twister2's node mapping.

use std::str::FromStr;

use super::{NodeSelectorOperator, SpreadDomain};
use crate::twister2::names::{
    DEFAULT_DATACENTER_LABEL_KEY, DEFAULT_RACK_LABEL_KEY, HOSTNAME_LABEL,
};

/// `--target KEY=VALUE`: worker pods must run on nodes labelled `KEY=VALUE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeTarget {
    /// Node label key.
    pub key: String,
    /// Node label value.
    pub value: String,
}

impl FromStr for NodeTarget {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.split_once('=') {
            Some((key, value)) if !key.is_empty() => Ok(NodeTarget {
                key: key.to_string(),
                value: value.to_string(),
            }),
            _ => Err(format!("invalid target '{s}': expected KEY=VALUE")),
        }
    }
}

/// Rack- and datacenter-aware placement of worker pods (beyond Twister2, which builds no
/// affinity from racks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// `--spread`: a topology spread constraint over this domain's label key.
    pub spread: Option<SpreadDomain>,
    /// `--rack`: worker pods only on nodes whose rack label is one of these.
    pub racks: Vec<String>,
    /// `--datacenter`: worker pods only on nodes whose datacenter label is one of these.
    pub datacenters: Vec<String>,
    /// Node label key of racks (`twister2.resource.rack.labey.key`, else `rack`).
    pub rack_label_key: String,
    /// Node label key of datacenters (`twister2.resource.datacenter.labey.key`, else `datacenter`).
    pub datacenter_label_key: String,
}

impl Default for Placement {
    fn default() -> Self {
        Placement {
            spread: None,
            racks: Vec::new(),
            datacenters: Vec::new(),
            rack_label_key: DEFAULT_RACK_LABEL_KEY.to_string(),
            datacenter_label_key: DEFAULT_DATACENTER_LABEL_KEY.to_string(),
        }
    }
}

impl Placement {
    /// The node label key `--spread` spreads over, if any.
    pub fn spread_topology_key(&self) -> Option<&str> {
        self.spread.map(|domain| match domain {
            SpreadDomain::Rack => self.rack_label_key.as_str(),
            SpreadDomain::Datacenter => self.datacenter_label_key.as_str(),
            SpreadDomain::Node => HOSTNAME_LABEL,
        })
    }
}

/// Twister2's worker-to-node mapping (`kubernetes.worker.to.node.mapping: true` with
/// `twister2.resource.kubernetes.worker.mapping.{key,operator,values}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeMapping {
    /// Node label key.
    pub key: String,
    /// Operator.
    pub operator: NodeSelectorOperator,
    /// Values (empty for `Exists`/`DoesNotExist`, one integer for `Gt`/`Lt`).
    pub values: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_topology_keys() {
        let mut placement = Placement::default();
        assert_eq!(placement.spread_topology_key(), None);
        placement.spread = Some(SpreadDomain::Rack);
        assert_eq!(placement.spread_topology_key(), Some("rack"));
        placement.datacenter_label_key = "topology.example.com/dc".into();
        placement.spread = Some(SpreadDomain::Datacenter);
        assert_eq!(
            placement.spread_topology_key(),
            Some("topology.example.com/dc")
        );
        placement.spread = Some(SpreadDomain::Node);
        assert_eq!(
            placement.spread_topology_key(),
            Some("kubernetes.io/hostname")
        );
    }
}
